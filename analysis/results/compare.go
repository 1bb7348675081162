package results

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/stats"
)

// Count is one group's successes out of trials for a rate measure, and
// how many of the group's cohort have no outcome yet (Pending, out of
// Cohort; Cohort 0 means N + Pending) — METHODS §2.9.
type Count struct {
	Name            string
	X, N            int
	Pending, Cohort int
}

// cohort is the group's members the not-yet-reported share is taken over.
func (g Count) cohort() int {
	if g.Cohort == 0 {
		return g.N + g.Pending
	}
	return g.Cohort
}

// RateRow is the row of a group with x successes out of n: its rate with
// the Wilson interval and, when ref is not "" (a reference group with x0 of
// n0) and both groups have at least MinCell, the comparison of METHODS §4:
// Newcombe difference, rate ratio (log method), two-proportion z or, when an
// expected cell is below 5, Fisher's exact test. A group below MinCell is
// suppressed.
func (c *Rules) RateRow(disp, measure, group string, x, n int, ref string, x0, n0 int) Row {
	r := BlankRow(disp, measure, group, ref, UnitRate)
	r.N = n
	if n > 0 {
		r.Value = float64(x) / float64(n)
		r.CILow, r.CIHigh = stats.Wilson(x, n, c.Conf)
	}
	if ref != "" {
		r.RefN = n0
		if n0 >= c.MinCell && n >= c.MinCell {
			r.Diff, r.DiffLow, r.DiffHigh = stats.NewcombeDiff(x, n, x0, n0, c.Conf)
			if x0 > 0 {
				r.Ratio, _, _ = stats.RateRatio(x, n, x0, n0, c.Conf)
			}
			r.MDD = c.mddRate(float64(x0)/float64(n0), n, n0)
			a, b, cc, d := x, n-x, x0, n0-x0
			if stats.NeedsExact(a, b, cc, d) {
				r.P, r.Test = stats.Fisher2x2(a, b, cc, d).P, "Fisher exact"
			} else {
				_, r.P = stats.TwoPropZ(x, n, x0, n0)
				r.Test = "two-proportion z"
			}
		}
	}
	if n < c.MinCell {
		r = Suppress(r)
	}
	return r
}

// Rates compares the rate of every group with that of groups[ref] (RateRow;
// the reference gets its own row, Reference ""), then applies complementary
// suppression.
func (c *Rules) Rates(disp, measure string, groups []Count, ref int) []Row {
	rows := make([]Row, len(groups))
	r0 := groups[ref]
	for g, gr := range groups {
		if g == ref {
			rows[g] = c.RateRow(disp, measure, gr.Name, gr.X, gr.N, "", 0, 0)
		} else {
			rows[g] = c.RateRow(disp, measure, gr.Name, gr.X, gr.N, r0.Name, r0.X, r0.N)
			rows[g].RefPending, rows[g].RefCohort = r0.Pending, r0.cohort()
		}
		rows[g].Pending, rows[g].Cohort = gr.Pending, gr.cohort()
	}
	return Complementary(rows)
}

// Sample is one group's values of a continuous measure, and how many of
// the group's cohort have no outcome yet (Pending, out of Cohort; METHODS §2.9).
type Sample struct {
	Name            string
	Values          []float64
	Pending, Cohort int
}

// Means compares the mean of every group with that of groups[ref] with
// Welch's t (difference, its interval, p, and the ratio of means); each
// group's interval is the one-sample t interval. Groups below MinCell are
// suppressed, then complementary suppression applies.
func (c *Rules) Means(disp, measure string, groups []Sample, ref int, unit Unit) []Row {
	rows := make([]Row, len(groups))
	r0 := groups[ref]
	for g, gr := range groups {
		refName := r0.Name
		if g == ref {
			refName = ""
		}
		r := BlankRow(disp, measure, gr.Name, refName, unit)
		r.N = len(gr.Values)
		r.Pending, r.Cohort = gr.Pending, gr.Cohort
		r.Value, r.CILow, r.CIHigh = meanCI(gr.Values, c.Conf)
		if g != ref {
			r.RefN = len(r0.Values)
			r.RefPending, r.RefCohort = r0.Pending, r0.Cohort
			if r.N >= c.MinCell && r.RefN >= c.MinCell {
				t := stats.Welch(gr.Values, r0.Values, c.Conf)
				r.Diff, r.DiffLow, r.DiffHigh, r.P = t.Diff, t.CILow, t.CIHigh, t.P
				if t.MeanY != 0 {
					r.Ratio = t.MeanX / t.MeanY
				}
				r.MDD = stats.MDDWelch(sd(gr.Values), r.N, sd(r0.Values), r.RefN, c.Alpha, c.Power)
				r.Test = "Welch t"
			}
		}
		if r.N < c.MinCell {
			r = Suppress(r)
		}
		rows[g] = r
	}
	return Complementary(rows)
}

// meanCI is the mean of x with its one-sample t interval; NaN for an empty
// x, and a NaN interval for a single value.
func meanCI(x []float64, conf float64) (m, lo, hi float64) {
	n := len(x)
	if n == 0 {
		return nan, nan, nan
	}
	var s float64
	for _, v := range x {
		s += v
	}
	m = s / float64(n)
	if n < 2 {
		return m, nan, nan
	}
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	se := math.Sqrt(ss / float64(n-1) / float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-conf)/2)
	return m, m - t*se, m + t*se
}

// A MedianSample is one group's values prepared for median comparisons:
// sorted once, on first use, for its median and interval, its use as a
// reference and the Mann–Whitney ranks, while the bootstrap resamples the
// values in their original order. Not for concurrent use.
type MedianSample struct {
	Name   string
	Values []float64 // in record order; not modified
	// Pending of Cohort have no outcome yet (METHODS §2.9).
	Pending, Cohort int
	sorted          []float64
}

// NewMedianSample returns the sample of name's values.
func NewMedianSample(name string, values []float64) *MedianSample {
	return &MedianSample{Name: name, Values: values}
}

// NewMedianSampleSorted is NewMedianSample for a caller that has the values
// sorted already (ascending, NaN first, as slices.Sort leaves them): many
// groups' samples filtered from one sorted array cost no sort each.
func NewMedianSampleSorted(name string, values, sorted []float64) *MedianSample {
	return &MedianSample{Name: name, Values: values, sorted: sorted}
}

// Sorted returns the values in ascending order (NaN first).
func (s *MedianSample) Sorted() []float64 {
	if s.sorted == nil {
		s.sorted = slices.Clone(s.Values)
		slices.Sort(s.sorted)
	}
	return s.sorted
}

// MedianCI is the median with its distribution-free order-statistic interval (stats.MedianCISorted).
func (s *MedianSample) MedianCI(conf float64) (m, lo, hi float64) {
	return stats.MedianCISorted(s.Sorted(), conf)
}

// MedianRow is x's row: its median with the order-statistic interval and,
// when ref is not nil (Reference ref.Name, RefN its size) and both groups
// have at least MinCell, the difference from ref's median (NaN values left
// out) — its interval from a percentile bootstrap seeded with seed or, above
// BootstrapMaxN values together, a normal approximation from the two
// order-statistic intervals — the ratio of medians and the Mann–Whitney p.
// It returns the bootstrap's warnings, prefixed with measure and group. A
// group below MinCell is suppressed. Values are not rounded (RoundMedians).
func (c *Rules) MedianRow(disp, measure string, unit Unit, x, ref *MedianSample, seed uint64) (Row, []string) {
	var warns []string
	refName := ""
	if ref != nil {
		refName = ref.Name
	}
	r := BlankRow(disp, measure, x.Name, refName, unit)
	r.N = len(x.Values)
	r.Pending, r.Cohort = x.Pending, x.Cohort
	r.Value, r.CILow, r.CIHigh = x.MedianCI(c.Conf)
	if ref != nil {
		r.RefN = len(ref.Values)
		r.RefPending, r.RefCohort = ref.Pending, ref.Cohort
		if r.N >= c.MinCell && r.RefN >= c.MinCell {
			s0 := notNaN(ref.Sorted())
			refMedian := stats.Quantile7(0.5, s0)
			r.Diff = r.Value - refMedian
			if c.Bootstraps(r.N, r.RefN) {
				b := stats.BootstrapMedianDiff(x.Values, ref.Values, c.Bootstrap, seed, c.Conf)
				r.DiffLow, r.DiffHigh = b.Lo, b.Hi
				for _, w := range b.Warnings {
					warns = append(warns, fmt.Sprintf("%s, %s: %v", measure, x.Name, w))
				}
				r.Test = fmt.Sprintf("bootstrap (%d resamples, seed %d); Mann–Whitney", c.Bootstrap, seed)
			} else {
				_, l1, h1 := x.MedianCI(c.Conf)
				_, l0, h0 := ref.MedianCI(c.Conf)
				z := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
				se := math.Hypot((h1-l1)/(2*z), (h0-l0)/(2*z))
				r.DiffLow, r.DiffHigh = r.Diff-z*se, r.Diff+z*se
				r.Test = "order-statistic normal approximation; Mann–Whitney"
			}
			r.MDD = c.MDDFromIntervals(x, ref)
			r.P = stats.MannWhitneySorted(notNaN(x.Sorted()), s0).P
			if refMedian != 0 {
				r.Ratio = r.Value / refMedian
			}
		}
	}
	if r.N < c.MinCell {
		r = Suppress(r)
	}
	return r, warns
}

// MDDFromIntervals is the minimum detectable difference of two medians
// (METHODS §4.11): the normal approximation from the standard errors their
// order-statistic intervals imply.
func (c *Rules) MDDFromIntervals(x, ref *MedianSample) float64 {
	_, l1, h1 := x.MedianCI(c.Conf)
	_, l0, h0 := ref.MedianCI(c.Conf)
	return c.MDDFromCI(h1-l1, h0-l0)
}

// MDDFromCI is the minimum detectable difference of two estimates whose
// symmetric normal intervals at Conf have the given widths (one width, 0
// for the other, for a single estimate such as an average marginal
// effect): (z_{1−α/2} + z_{power})·√(se² + se₀²), se = width/(2·z_conf).
func (c *Rules) MDDFromCI(w1, w0 float64) float64 {
	z := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
	return stats.MDDNormal(math.Hypot(w1/(2*z), w0/(2*z)), c.Alpha, c.Power)
}

// mddRate is the larger of the two-proportion test's detectable differences
// above and below the reference rate p0 (either, when only one exists).
func (c *Rules) mddRate(p0 float64, n, n0 int) float64 {
	up, down := stats.MDDTwoProp(p0, n, n0, c.Alpha, c.Power)
	switch {
	case math.IsNaN(up):
		return down
	case math.IsNaN(down):
		return up
	}
	return math.Max(up, down)
}

// sd is the sample standard deviation of the non-NaN values of x.
func sd(x []float64) float64 {
	var s, ss float64
	n := 0
	for _, v := range x {
		if !math.IsNaN(v) {
			s += v
			n++
		}
	}
	if n < 2 {
		return nan
	}
	m := s / float64(n)
	for _, v := range x {
		if !math.IsNaN(v) {
			ss += (v - m) * (v - m)
		}
	}
	return math.Sqrt(ss / float64(n-1))
}

// Bootstraps reports whether MedianRow compares groups of n and n0 values
// with a bootstrap, and so uses its seed: both have at least MinCell and
// together no more than BootstrapMaxN.
func (c *Rules) Bootstraps(n, n0 int) bool {
	return n >= c.MinCell && n0 >= c.MinCell && n+n0 <= c.BootstrapMaxN
}

// Medians compares the median of every group with that of groups[ref]
// (MedianRow, the comparison with group g seeded with seed+g), rounds the
// rows (RoundMedians) and applies complementary suppression.
func (c *Rules) Medians(disp, measure string, groups []Sample, ref int, unit Unit, seed uint64) ([]Row, []string) {
	var warns []string
	ms := make([]*MedianSample, len(groups))
	for g, gr := range groups {
		ms[g] = NewMedianSample(gr.Name, gr.Values)
		ms[g].Pending, ms[g].Cohort = gr.Pending, gr.Cohort
	}
	rows := make([]Row, len(groups))
	for g := range groups {
		var w []string
		if g == ref {
			rows[g], w = c.MedianRow(disp, measure, unit, ms[g], nil, seed+uint64(g))
		} else {
			rows[g], w = c.MedianRow(disp, measure, unit, ms[g], ms[ref], seed+uint64(g))
		}
		warns = append(warns, w...)
	}
	RoundMedians(rows)
	return Complementary(rows), warns
}

// notNaN returns the ascending sorted s without the NaN values that sorting
// put first (what MannWhitney and stats.Median leave out).
func notNaN(s []float64) []float64 {
	i := 0
	for i < len(s) && math.IsNaN(s[i]) {
		i++
	}
	return s[i:]
}
