package disparities

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/stats"
)

var nan = math.NaN()

// blankRow is a row with every numeric field NaN.
func blankRow(disp, measure, group, ref string, unit Unit) Row {
	return Row{Disparity: disp, Measure: measure, Group: group, Reference: ref, Unit: unit,
		Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan}
}

// suppress blanks every value of a row whose group is below the minimum cell size.
func suppress(r Row) Row {
	s := blankRow(r.Disparity, r.Measure, r.Group, r.Reference, r.Unit)
	s.Suppressed = true
	s.Test = r.Test
	return s
}

// count is one group's successes out of trials for a rate measure.
type count struct {
	Name string
	X, N int
}

// tally counts a binary measure y (Yes/No; anything else NA, left out) by
// group among the records where in[i]; group[i] is in [0, k), or -1 for
// "group unknown" (left out). It returns the counts and how many records
// were left out for each reason.
func tally(in []bool, group, y []int8, k int) (x, tot []int, na, unknown int) {
	// One counter per (slot, outcome), slot 0 for records outside the
	// population and 1 for an unknown group: no branch per record, which
	// matters at millions of records and a dozen tallies.
	cell := make([]int, 3*(k+2))
	group, y = group[:len(in)], y[:len(in)]
	for i, ok := range in {
		g := int(group[i]) + 2
		if !ok {
			g = 0
		}
		cell[3*g+int(outcomeSlot[uint8(y[i])])]++
	}
	x, tot = make([]int, k), make([]int, k)
	for g := range k {
		c := cell[3*(g+2):]
		x[g], tot[g] = c[2], c[1]+c[2]
		na += c[0]
	}
	unknown = cell[3] + cell[4] + cell[5]
	return
}

// outcomeSlot maps a binary measure's value (as a byte) to 0 NA, 1 No, 2 Yes.
var outcomeSlot = func() (t [256]uint8) {
	t[uint8(measures.No)], t[uint8(measures.Yes)] = 1, 2
	return
}()

// rateRows compares rates of groups with groups[ref] (METHODS §4): Wilson
// intervals, Newcombe difference, rate ratio (log method), two-proportion z
// or, when an expected cell is below 5, Fisher's exact test.
func (c *Config) rateRows(disp, measure string, groups []count, ref int) []Row {
	rows := make([]Row, len(groups))
	r0 := groups[ref]
	refOK := r0.N >= c.MinCell
	for g, gr := range groups {
		refName := groups[ref].Name
		if g == ref {
			refName = ""
		}
		r := blankRow(disp, measure, gr.Name, refName, UnitRate)
		r.N = gr.N
		if gr.N > 0 {
			r.Value = float64(gr.X) / float64(gr.N)
			r.CILow, r.CIHigh = stats.Wilson(gr.X, gr.N, c.Conf)
		}
		if g != ref {
			r.RefN = r0.N
			if refOK && gr.N >= c.MinCell {
				r.Diff, r.DiffLow, r.DiffHigh = stats.NewcombeDiff(gr.X, gr.N, r0.X, r0.N, c.Conf)
				if r0.X > 0 {
					r.Ratio, _, _ = stats.RateRatio(gr.X, gr.N, r0.X, r0.N, c.Conf)
				}
				a, b, cc, d := gr.X, gr.N-gr.X, r0.X, r0.N-r0.X
				if stats.NeedsExact(a, b, cc, d) {
					r.P, r.Test = stats.Fisher2x2(a, b, cc, d).P, "Fisher exact"
				} else {
					_, r.P = stats.TwoPropZ(gr.X, gr.N, r0.X, r0.N)
					r.Test = "two-proportion z"
				}
			}
		}
		if gr.N < c.MinCell {
			r = suppress(r)
		}
		rows[g] = r
	}
	return Complementary(rows)
}

// sample is one group's values of a continuous measure.
type sample struct {
	Name   string
	Values []float64
}

// split gathers the non-NaN values of v by group among records where in[i]
// (group as for tally), in record order.
func split(in []bool, group []int8, v []float64, k int) (out [][]float64, na, unknown int) {
	group, v = group[:len(in)], v[:len(in)]
	// Counted first, so that each group's slice is allocated once.
	size := make([]int, k)
	for i, ok := range in {
		switch g := group[i]; {
		case !ok:
		case g < 0:
			unknown++
		case math.IsNaN(v[i]):
			na++
		default:
			size[g]++
		}
	}
	out = make([][]float64, k)
	for g := range out {
		if size[g] > 0 {
			out[g] = make([]float64, 0, size[g])
		}
	}
	for i, ok := range in {
		if g := group[i]; ok && g >= 0 && !math.IsNaN(v[i]) {
			out[g] = append(out[g], v[i])
		}
	}
	return
}

// meanRows compares means with Welch's t; each group's interval is the
// one-sample t interval.
func (c *Config) meanRows(disp, measure string, groups []sample, ref int, unit Unit) []Row {
	rows := make([]Row, len(groups))
	r0 := groups[ref]
	for g, gr := range groups {
		refName := r0.Name
		if g == ref {
			refName = ""
		}
		r := blankRow(disp, measure, gr.Name, refName, unit)
		r.N = len(gr.Values)
		r.Value, r.CILow, r.CIHigh = meanCI(gr.Values, c.Conf)
		if g != ref {
			r.RefN = len(r0.Values)
			if r.N >= c.MinCell && r.RefN >= c.MinCell {
				t := stats.Welch(gr.Values, r0.Values, c.Conf)
				r.Diff, r.DiffLow, r.DiffHigh, r.P = t.Diff, t.CILow, t.CIHigh, t.P
				if t.MeanY != 0 {
					r.Ratio = t.MeanX / t.MeanY
				}
				r.Test = "Welch t"
			}
		}
		if r.N < c.MinCell {
			r = suppress(r)
		}
		rows[g] = r
	}
	return Complementary(rows)
}

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

// medianRows compares medians: each group's median with a distribution-free
// order-statistic interval; the difference with a seeded percentile
// bootstrap (or, above BootstrapMaxN, a normal approximation from the
// order-statistic standard errors); p from the Mann–Whitney test.
func (c *Config) medianRows(disp, measure string, groups []sample, ref int, unit Unit, seed uint64) ([]Row, []string) {
	var warns []string
	rows := make([]Row, len(groups))
	// Each group is sorted once: its median and interval, the reference
	// median and the Mann–Whitney ranks (a merge) all come from the sorted
	// copies. The bootstrap gets the values in their original order.
	sorted := make([][]float64, len(groups))
	med := make([][3]float64, len(groups))
	for g, gr := range groups {
		sorted[g] = slices.Clone(gr.Values)
		slices.Sort(sorted[g])
		m, lo, hi := stats.MedianCISorted(sorted[g], c.Conf)
		med[g] = [3]float64{m, lo, hi}
	}
	r0 := groups[ref]
	s0 := notNaN(sorted[ref])
	refMedian := stats.Quantile7(0.5, s0)
	for g, gr := range groups {
		refName := r0.Name
		if g == ref {
			refName = ""
		}
		r := blankRow(disp, measure, gr.Name, refName, unit)
		r.N = len(gr.Values)
		r.Value, r.CILow, r.CIHigh = med[g][0], med[g][1], med[g][2]
		if g != ref {
			r.RefN = len(r0.Values)
			if r.N >= c.MinCell && r.RefN >= c.MinCell {
				r.Diff = r.Value - refMedian
				if len(gr.Values)+len(r0.Values) <= c.BootstrapMaxN {
					b := stats.BootstrapMedianDiff(gr.Values, r0.Values, c.Bootstrap, seed+uint64(g), c.Conf)
					r.DiffLow, r.DiffHigh = b.Lo, b.Hi
					for _, w := range b.Warnings {
						warns = append(warns, fmt.Sprintf("%s, %s: %v", measure, gr.Name, w))
					}
					r.Test = fmt.Sprintf("bootstrap (%d resamples, seed %d); Mann–Whitney", c.Bootstrap, seed+uint64(g))
				} else {
					l1, h1 := med[g][1], med[g][2]
					l0, h0 := med[ref][1], med[ref][2]
					z := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
					se := math.Hypot((h1-l1)/(2*z), (h0-l0)/(2*z))
					r.DiffLow, r.DiffHigh = r.Diff-z*se, r.Diff+z*se
					r.Test = "order-statistic normal approximation; Mann–Whitney"
				}
				r.P = stats.MannWhitneySorted(notNaN(sorted[g]), s0).P
				if refMedian != 0 {
					r.Ratio = r.Value / refMedian
				}
			}
		}
		if r.N < c.MinCell {
			r = suppress(r)
		}
		rows[g] = r
	}
	// A median, and the order statistics bounding its interval, are single
	// people's values: publish them rounded (privacy, METHODS §5).
	for g := range rows {
		r := &rows[g]
		for _, v := range []*float64{&r.Value, &r.CILow, &r.CIHigh, &r.Diff, &r.DiffLow, &r.DiffHigh} {
			*v = RoundSig(*v, 3)
		}
	}
	return Complementary(rows), warns
}

// RoundSig rounds v to n significant digits (how published medians are
// rounded, METHODS §5).
func RoundSig(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// Complementary applies secondary suppression to the rows of one measure:
// when exactly one group is suppressed, its size and value could be
// recovered from the others and the totals the report prints, so the
// smallest other group is suppressed too, and comparisons against it are
// withdrawn.
func Complementary(rows []Row) []Row {
	hidden := -1
	for i, r := range rows {
		if r.Suppressed {
			if hidden >= 0 {
				return rows // two or more already hidden
			}
			hidden = i
		}
	}
	if hidden < 0 || len(rows) < 2 {
		return rows
	}
	next := -1
	for i, r := range rows {
		if i != hidden && (next < 0 || r.N < rows[next].N) {
			next = i
		}
	}
	rows[next] = suppress(rows[next])
	rows[next].Test = ComplementarySuppression
	// Comparisons against a now-hidden reference are withdrawn too.
	for i := range rows {
		if rows[i].Reference != "" && rows[i].Reference == rows[next].Group && !rows[i].Suppressed {
			keep := rows[i]
			rows[i] = blankRow(keep.Disparity, keep.Measure, keep.Group, keep.Reference, keep.Unit)
			rows[i].N, rows[i].Value, rows[i].CILow, rows[i].CIHigh = keep.N, keep.Value, keep.CILow, keep.CIHigh
		}
	}
	return rows
}

// ComplementarySuppression marks (in Row.Test) a group hidden only to protect a smaller one.
const ComplementarySuppression = "complementary suppression"

// notNaN returns the ascending sorted s without the NaN values that sorting
// put first (what MannWhitney and stats.Median leave out).
func notNaN(s []float64) []float64 {
	i := 0
	for i < len(s) && math.IsNaN(s[i]) {
		i++
	}
	return s[i:]
}

// asFocal restates comparisons of every group with groups[ref] as
// comparisons of the ref group with each other group (METHODS §3 phrases
// education as "less than HS vs each other level"). It returns each group's
// own row (Reference "") followed by one row per other group L with Group =
// the ref group, Reference = L, the ref group's value, Diff = ref − L and the
// same test. Rows keep their order; the 4-tuple (disparity, measure, group,
// reference) stays unique.
func asFocal(rows []Row, ref int) []Row {
	focal := rows[ref]
	out := make([]Row, 0, 2*len(rows)-1)
	for i, r := range rows {
		own := r
		if i != ref {
			own = blankRow(r.Disparity, r.Measure, r.Group, "", r.Unit)
			own.N, own.Value, own.CILow, own.CIHigh, own.Suppressed, own.Test = r.N, r.Value, r.CILow, r.CIHigh, r.Suppressed, r.Test
		}
		out = append(out, own)
	}
	for i, r := range rows {
		if i == ref {
			continue
		}
		c := blankRow(focal.Disparity, focal.Measure, focal.Group, r.Group, focal.Unit)
		c.Suppressed, c.Test = focal.Suppressed, r.Test
		if !focal.Suppressed {
			c.N, c.Value, c.CILow, c.CIHigh = focal.N, focal.Value, focal.CILow, focal.CIHigh
			c.RefN = r.N
			if !r.Suppressed {
				c.Diff, c.DiffLow, c.DiffHigh, c.P = -r.Diff, -r.DiffHigh, -r.DiffLow, r.P
				if r.Ratio != 0 {
					c.Ratio = 1 / r.Ratio
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// chartRows keeps each group's own row for a chart. With markRef false no
// group is drawn as the reference (used when one focal group is compared
// with every other).
func chartRows(rows []Row, markRef bool) []Row {
	var out []Row
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Reference != "" || seen[r.Measure+"\x00"+r.Group] {
			continue
		}
		seen[r.Measure+"\x00"+r.Group] = true
		if !markRef {
			r.Reference = "—"
		}
		out = append(out, r)
	}
	return out
}
