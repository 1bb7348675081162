package results

import (
	"math"

	"github.com/wioa-equity/wioa/analysis/stats"
)

// Rules are the statistical thresholds of METHODS §4–5 that every analysis
// shares: the confidence level of intervals, the flag rule, small-cell
// suppression and how median differences are resampled. disparities.Config
// embeds them, next to the disparities' own settings.
type Rules struct {
	Conf    float64 // confidence level of every interval (0.95)
	Alpha   float64 // significance level for flags, on adjusted p (0.05)
	MinCell int     // groups with n below this are suppressed (10)
	// Practical size: a rate gap counts when |diff| ≥ MinDiff (0.05 = 5
	// percentage points) or the ratio is outside [RatioLow, RatioHigh]
	// (four-fifths rule); a dollar gap when |diff| ≥ MinMoneyGap × the
	// reference value.
	MinDiff             float64
	RatioLow, RatioHigh float64
	MinMoneyGap         float64
	// Adjust is the multiple-comparison method within each family: "holm" or "bh".
	Adjust string
	// Bootstrap is the number of resamples of a median-difference interval.
	Bootstrap int
	// BootstrapMaxN: above this combined size, median-difference intervals use
	// the large-sample order-statistic method instead of resampling.
	BootstrapMaxN int
	// NotYetShare: a comparison whose cohort has more than this share of
	// outcomes not yet available is "not yet reported" (0.5; METHODS §2.9).
	NotYetShare float64
	// Power is the power of the minimum detectable difference (0.8; METHODS §4.11).
	Power float64
}

// DefaultRules returns METHODS' defaults: 95% intervals, alpha 0.05 on
// Holm-adjusted p, cells of at least 10, a practical gap of 5 percentage
// points, a ratio outside [0.8, 1.25] or 5% of the reference wage, and 2,000
// bootstrap resamples up to 50,000 values.
func DefaultRules() Rules {
	return Rules{
		Conf: 0.95, Alpha: 0.05, MinCell: 10,
		MinDiff: 0.05, RatioLow: 0.8, RatioHigh: 1.25, MinMoneyGap: 0.05,
		Adjust: "holm", Bootstrap: 2000, BootstrapMaxN: 50000,
		NotYetShare: 0.5, Power: 0.8,
	}
}

// Flag adjusts the p-values of the comparison rows (Reference set, not
// suppressed, with a p-value) as one family — Holm, or Benjamini–Hochberg —
// and flags a row when its adjusted p is below Alpha, both groups have at
// least MinCell people and the gap is of practical size (METHODS §5).
func (c *Rules) Flag(rows []Row) {
	var idx []int
	var ps []float64
	for i, r := range rows {
		if r.Reference != "" && !r.Suppressed && !math.IsNaN(r.P) {
			idx = append(idx, i)
			ps = append(ps, r.P)
		}
	}
	var adj []float64
	if c.Adjust == "bh" {
		adj = stats.BenjaminiHochberg(ps)
	} else {
		adj = stats.Holm(ps)
	}
	for k, i := range idx {
		r := &rows[i]
		r.PAdj = adj[k]
		r.Flagged = r.PAdj < c.Alpha && r.N >= c.MinCell && r.RefN >= c.MinCell && c.practical(r) && !c.NotYet(r)
	}
	for i := range rows {
		r := &rows[i]
		if r.Unit == UnitOddsRatio && r.Reference != "" && math.IsNaN(r.MDD) && !r.Suppressed {
			// Adjusted rows: on the average marginal effect, from its
			// delta-method interval (METHODS §4.11).
			r.MDD = c.MDDFromCI(r.DiffHigh-r.DiffLow, 0)
		}
		r.Status = c.RowStatus(r)
	}
}

// NotYet reports whether most of a row's cohort — the group's, with the
// reference's for a comparison — has no outcome yet: more than NotYetShare
// of it (METHODS §2.9). Such a row is never flagged.
func (c *Rules) NotYet(r *Row) bool {
	pending, cohort := r.Pending, r.Cohort
	if r.Reference != "" {
		pending += r.RefPending
		cohort += r.RefCohort
	}
	return pending > 0 && cohort > 0 && float64(pending) > c.NotYetShare*float64(cohort)
}

// RowStatus is a row's status column (METHODS §6.3), in this order: not yet
// reported; suppressed; a group's own row compares nothing (StatusNone);
// insufficient data when no comparison was computed; flagged for review;
// too little data to tell when not significant and the minimum detectable
// difference is above the practical size; otherwise no significant gap.
// Flag must have run.
func (c *Rules) RowStatus(r *Row) Status {
	switch {
	case c.NotYet(r):
		return StatusNotYetReported
	case r.Suppressed:
		return StatusSuppressed
	case r.Reference == "":
		return StatusNone
	case math.IsNaN(r.P) && math.IsNaN(r.DiffLow) && math.IsNaN(r.Ratio):
		return StatusInsufficient
	case r.Flagged:
		return StatusFlagged
	case !(r.PAdj < c.Alpha) && c.undetectable(r):
		return StatusTooLittle
	}
	return StatusNoGap
}

// PracticalSize is the smallest gap of practical size in the unit of a
// row's Diff and MDD (METHODS §5.1): MinDiff for rates and the AME of odds
// ratios; MinMoneyGap of the reference value for dollars; for rates per
// 1,000 and densities, the gap the ratio band's upper edge (1.25, the
// mirror of 0.8 on the log scale) means at the reference value. NaN for
// other units.
func (c *Rules) PracticalSize(r *Row) float64 {
	switch r.Unit {
	case UnitRate, UnitOddsRatio:
		return c.MinDiff
	case UnitDollars:
		return c.MinMoneyGap * math.Abs(r.Value-r.Diff)
	case UnitPer1000, UnitPerSqMi:
		return (c.RatioHigh - 1) * math.Abs(r.Value-r.Diff)
	}
	return nan
}

// undetectable: the row's minimum detectable difference exceeds the
// practical size (a gap that matters could have gone unseen).
func (c *Rules) undetectable(r *Row) bool {
	ps := c.PracticalSize(r)
	return !math.IsNaN(r.MDD) && !math.IsNaN(ps) && r.MDD > ps
}

// practical reports whether a comparison is large enough to matter.
func (c *Rules) practical(r *Row) bool {
	ratioOut := !math.IsNaN(r.Ratio) && (r.Ratio < c.RatioLow || r.Ratio > c.RatioHigh)
	switch r.Unit {
	case UnitRate:
		return ratioOut || math.Abs(r.Diff) >= c.MinDiff
	case UnitOddsRatio:
		// Adjusted rows carry the average marginal effect (pp) in Diff.
		return math.Abs(r.Diff) >= c.MinDiff
	case UnitDollars:
		ref := r.Value - r.Diff
		return ratioOut || (ref != 0 && math.Abs(r.Diff) >= c.MinMoneyGap*math.Abs(ref))
	default:
		return ratioOut
	}
}

// Finish adjusts the p-values of a section's comparison rows as one family,
// flags rows and sets the section status (METHODS §5.2): flagged when a row
// is; otherwise not yet reported when the headline row is; insufficient
// data when the headline row is missing, suppressed or compares nothing;
// too little data to tell when the headline's is; no significant gap
// otherwise. A section not computed stays so.
func (c *Rules) Finish(s *Section) {
	c.Flag(s.Rows)
	if s.Status == StatusNotComputed {
		return
	}
	s.Status = StatusNoGap
	for _, r := range s.Rows {
		if r.Flagged {
			s.Status = StatusFlagged
			return
		}
	}
	switch {
	case s.Headline >= 0 && s.Rows[s.Headline].Status == StatusNotYetReported:
		s.Status = StatusNotYetReported
	case s.Headline < 0 || s.Rows[s.Headline].Suppressed || math.IsNaN(s.Rows[s.Headline].P) && math.IsNaN(s.Rows[s.Headline].DiffLow) && math.IsNaN(s.Rows[s.Headline].Ratio):
		s.Status = StatusInsufficient
	case s.Rows[s.Headline].Status == StatusTooLittle:
		s.Status = StatusTooLittle
	}
}
