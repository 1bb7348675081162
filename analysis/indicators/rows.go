package indicators

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/stats"
	"github.com/wioa-equity/wioa/disparities"
)

// DisparityID is the Disparity column of every indicator row.
const DisparityID = "indicators"

// AllGroup and RestGroup name the whole cohort and the comparison group.
const (
	AllGroup  = "All"
	RestGroup = "Rest of cohort"
)

// RowOptions control how outcomes become rows.
type RowOptions struct {
	// RoundMedians publishes medians and their bounds to 3 significant digits,
	// as the report does for privacy (a median is one person's earnings);
	// off by default so that the numbers equal DOL's published ones.
	RoundMedians bool
}

var nan = math.NaN()

func blank(measure, group, ref string, u disparities.Unit) disparities.Row {
	return disparities.Row{Disparity: DisparityID, Measure: measure, Group: group, Reference: ref, Unit: u,
		Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan}
}

func suppressed(r disparities.Row) disparities.Row {
	s := blank(r.Measure, r.Group, r.Reference, r.Unit)
	s.Suppressed, s.Test = true, r.Test
	return s
}

// Section computes the rows of every outcome and returns them as one report
// section (ID "indicators"). For each (program, indicator): the "All" row,
// then, per dimension, one row per group compared with the rest of the
// cohort whose dimension is known — rates with the report's statistics
// (Wilson interval; Newcombe difference; rate ratio; two-proportion z or
// Fisher's exact test when an expected cell is below 5), medians with the
// order-statistic interval, a seeded bootstrap interval of the difference (a
// normal approximation above cfg.BootstrapMaxN) and the Mann–Whitney p. P
// values are adjusted (cfg.Adjust, Holm by default) within each measure; a gap
// is flagged under the report's rule (METHODS §5). Groups with n below
// cfg.MinCell are suppressed; when exactly one group of a breakdown is, the
// next smallest is too (complementary suppression).
func Section(r *Result, dims []Dimension, cfg *disparities.Config, ro RowOptions) *disparities.Section {
	s := &disparities.Section{ID: DisparityID, Headline: -1,
		Title:    fmt.Sprintf("WIOA primary indicators of performance, program year %d", r.ProgramYear),
		Question: "How do the WIOA primary indicators of performance compare across groups, computed as DOL computes them?"}
	seed := cfg.Seed
	for _, o := range r.Outcomes {
		measure := Measure(o.Indicator, o.Program)
		start := len(s.Rows)
		s.Rows = append(s.Rows, allRow(o, measure, cfg))
		for _, dm := range dims {
			var rows []disparities.Row
			var unknown int
			if o.Indicator == MEQ2 {
				var w []string
				rows, unknown, w = medianRows(o, measure, &dm, cfg, &seed)
				s.Warnings = append(s.Warnings, w...)
			} else {
				rows, unknown = rateRows(o, measure, &dm, cfg)
			}
			if unknown > 0 {
				s.LeftOut = append(s.LeftOut, disparities.LeftOut{Measure: measure, Reason: dm.Label + " not known", N: unknown})
			}
			s.Rows = append(s.Rows, rows...)
		}
		if ro.RoundMedians && o.Indicator == MEQ2 {
			for i := start; i < len(s.Rows); i++ {
				r := &s.Rows[i]
				for _, v := range []*float64{&r.Value, &r.CILow, &r.CIHigh, &r.Diff, &r.DiffLow, &r.DiffHigh} {
					*v = disparities.RoundSig(*v, 3)
				}
			}
		}
		cfg.Flag(s.Rows[start:])
	}
	s.Status = disparities.StatusNoGap
	flagged, compared := 0, 0
	for _, r := range s.Rows {
		if r.Reference != "" && !math.IsNaN(r.P) {
			compared++
		}
		if r.Flagged {
			flagged++
		}
	}
	switch {
	case flagged > 0:
		s.Status = disparities.StatusFlagged
	case compared == 0:
		s.Status = disparities.StatusInsufficient
	}
	s.Finding = fmt.Sprintf("%d of %d group comparisons flagged for review.", flagged, compared)
	if len(r.Outcomes) == 0 {
		s.Status, s.Finding = disparities.StatusNotComputed, "No program could be computed."
		s.NotComputed = "needs a program element (PIRL 903, 904, 905 or 918)"
	}
	return s
}

func allRow(o *Outcome, measure string, cfg *disparities.Config) disparities.Row {
	if o.Indicator == MEQ2 {
		r := blank(measure, AllGroup, "", disparities.UnitDollars)
		r.N = len(o.Earnings)
		r.Value, r.CILow, r.CIHigh = medianCI(o.Earnings, cfg.Conf)
		if r.N < cfg.MinCell {
			return suppressed(r)
		}
		return r
	}
	r := blank(measure, AllGroup, "", disparities.UnitRate)
	r.N = o.Counts.Denominator
	if r.N > 0 {
		r.Value = o.Rate()
		r.CILow, r.CIHigh = stats.Wilson(o.Counts.Numerator, r.N, cfg.Conf)
	}
	if r.N < cfg.MinCell {
		return suppressed(r)
	}
	return r
}

// rateRows compares each group of dm with the rest.
func rateRows(o *Outcome, measure string, dm *Dimension, cfg *disparities.Config) ([]disparities.Row, int) {
	k := len(dm.Groups)
	x, n := make([]int, k), make([]int, k)
	var xk, nk, unknown int // known records
	for j, i := range o.Rows {
		g := dm.Of(int(i))
		if g == Unknown {
			unknown++
			continue
		}
		nk++
		if o.Hit[j] {
			xk++
		}
		if g >= 0 {
			n[g]++
			if o.Hit[j] {
				x[g]++
			}
		}
	}
	rows := make([]disparities.Row, k)
	for g := range rows {
		r := blank(measure, dm.GroupName(g), RestGroup, disparities.UnitRate)
		r.N = n[g]
		x0, n0 := xk-x[g], nk-n[g]
		r.RefN = n0
		if n[g] > 0 {
			r.Value = float64(x[g]) / float64(n[g])
			r.CILow, r.CIHigh = stats.Wilson(x[g], n[g], cfg.Conf)
		}
		if n[g] >= cfg.MinCell && n0 >= cfg.MinCell {
			r.Diff, r.DiffLow, r.DiffHigh = stats.NewcombeDiff(x[g], n[g], x0, n0, cfg.Conf)
			if x0 > 0 {
				r.Ratio, _, _ = stats.RateRatio(x[g], n[g], x0, n0, cfg.Conf)
			}
			a, b, c, d := x[g], n[g]-x[g], x0, n0-x0
			if stats.NeedsExact(a, b, c, d) {
				r.P, r.Test = stats.Fisher2x2(a, b, c, d).P, "Fisher exact"
			} else {
				_, r.P = stats.TwoPropZ(x[g], n[g], x0, n0)
				r.Test = "two-proportion z"
			}
		}
		if n[g] < cfg.MinCell {
			r = suppressed(r)
		}
		rows[g] = r
	}
	return disparities.Complementary(rows), unknown
}

// medianRows compares each group's median earnings with the rest's.
func medianRows(o *Outcome, measure string, dm *Dimension, cfg *disparities.Config, seed *uint64) ([]disparities.Row, int, []string) {
	k := len(dm.Groups)
	vals := make([][]float64, k)
	var known []float64
	grp := make([]int, 0, len(o.Rows))
	unknown := 0
	for j, i := range o.Rows {
		g := dm.Of(int(i))
		grp = append(grp, g)
		if g == Unknown {
			unknown++
			continue
		}
		known = append(known, o.Earnings[j])
		if g >= 0 {
			vals[g] = append(vals[g], o.Earnings[j])
		}
	}
	var warns []string
	rows := make([]disparities.Row, k)
	for g := range rows {
		r := blank(measure, dm.GroupName(g), RestGroup, disparities.UnitDollars)
		r.N = len(vals[g])
		r.Value, r.CILow, r.CIHigh = medianCI(vals[g], cfg.Conf)
		r.RefN = len(known) - r.N
		if r.N >= cfg.MinCell && r.RefN >= cfg.MinCell {
			rest := make([]float64, 0, r.RefN)
			for j, gg := range grp {
				if gg != Unknown && gg != g {
					rest = append(rest, o.Earnings[j])
				}
			}
			m0 := stats.Median(rest)
			r.Diff = r.Value - m0
			if m0 != 0 {
				r.Ratio = r.Value / m0
			}
			if len(vals[g])+len(rest) <= cfg.BootstrapMaxN {
				*seed++
				b := stats.BootstrapMedianDiff(vals[g], rest, cfg.Bootstrap, *seed, cfg.Conf)
				r.DiffLow, r.DiffHigh = b.Lo, b.Hi
				for _, w := range b.Warnings {
					warns = append(warns, fmt.Sprintf("%s, %s: %v", measure, r.Group, w))
				}
				r.Test = fmt.Sprintf("bootstrap (%d resamples, seed %d); Mann–Whitney", cfg.Bootstrap, *seed)
			} else {
				_, l1, h1 := medianCI(vals[g], cfg.Conf)
				_, l0, h0 := medianCI(rest, cfg.Conf)
				z := distuv.UnitNormal.Quantile(1 - (1-cfg.Conf)/2)
				se := math.Hypot((h1-l1)/(2*z), (h0-l0)/(2*z))
				r.DiffLow, r.DiffHigh = r.Diff-z*se, r.Diff+z*se
				r.Test = "order-statistic normal approximation; Mann–Whitney"
			}
			r.P = stats.MannWhitney(vals[g], rest).P
		}
		if r.N < cfg.MinCell {
			r = suppressed(r)
		}
		rows[g] = r
	}
	return disparities.Complementary(rows), unknown, warns
}

// medianCI is the report's median and order-statistic interval of x
// (stats.MedianCISorted on a sorted copy).
func medianCI(x []float64, conf float64) (m, lo, hi float64) {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return stats.MedianCISorted(s, conf)
}
