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
		r.Flagged = r.PAdj < c.Alpha && r.N >= c.MinCell && r.RefN >= c.MinCell && c.practical(r)
	}
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
// flags rows and sets the section status (METHODS §5): flagged when a row
// is, insufficient data when the headline row is missing, suppressed or
// compares nothing, no significant gap otherwise. A section not computed
// stays so.
func (c *Rules) Finish(s *Section) {
	c.Flag(s.Rows)
	if s.Status == StatusNotComputed {
		return
	}
	s.Status = StatusNoGap
	for _, r := range s.Rows {
		if r.Flagged {
			s.Status = StatusFlagged
			break
		}
	}
	if s.Status != StatusFlagged && (s.Headline < 0 || s.Rows[s.Headline].Suppressed || math.IsNaN(s.Rows[s.Headline].P) && math.IsNaN(s.Rows[s.Headline].DiffLow) && math.IsNaN(s.Rows[s.Headline].Ratio)) {
		s.Status = StatusInsufficient
	}
}
