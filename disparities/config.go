package disparities

import (
	"fmt"
	"math"
	"strings"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// Config holds the statistical thresholds of METHODS §4–5. Defaults come
// from DefaultConfig; every field is a flag or a config key.
type Config struct {
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
	// Adjust is the multiple-comparison method within each disparity: "holm" or "bh".
	Adjust string
	// Seed and Bootstrap drive every resampling (medians, Oaxaca standard errors).
	Seed      uint64
	Bootstrap int
	// OaxacaBootstrap is the number of resamples for Oaxaca–Blinder standard errors.
	OaxacaBootstrap int
	// OaxacaBootstrapMaxN: above this many employed women and men together,
	// Oaxaca–Blinder standard errors come from the delta method (stochastic
	// regressors, Jann 2008) instead of the bootstrap, which would cost
	// OaxacaBootstrap passes over the records; the two agree at such sizes.
	OaxacaBootstrapMaxN int
	// BootstrapMaxN: above this combined size, median-difference intervals use
	// the large-sample order-statistic method instead of resampling.
	BootstrapMaxN int
	// SexReference is the reference group of the sex comparisons: "Men" (METHODS) or "Women".
	SexReference string
	// EducationReference is the reference level of education breakdowns
	// (supportive-service utilization); education-level itself always
	// compares less than high school with every other level (METHODS §3).
	EducationReference string
	Measures           measures.Options
}

// DefaultConfig returns METHODS' defaults.
func DefaultConfig() Config {
	return Config{
		Conf: 0.95, Alpha: 0.05, MinCell: 10,
		MinDiff: 0.05, RatioLow: 0.8, RatioHigh: 1.25, MinMoneyGap: 0.05,
		Adjust: "holm", Seed: 20240701, Bootstrap: 2000, OaxacaBootstrap: 200, OaxacaBootstrapMaxN: 20000, BootstrapMaxN: 50000,
		SexReference: sexNames[sexMen], EducationReference: measures.EduNames[measures.EduHS],
		Measures: measures.DefaultOptions(),
	}
}

// Bounds of the numeric settings (README, Configuration). The upper bounds
// keep every run's work bounded: a median-difference bootstrap costs about
// Bootstrap × BootstrapMaxN draws per comparison (50,000 × 200,000 is some
// 30 s), an Oaxaca bootstrap OaxacaBootstrap regressions on up to
// OaxacaBootstrapMaxN records (5,000 × 200,000 is about a minute).
const (
	MaxMinCell             = 100_000
	MinBootstrap           = 100
	MaxBootstrap           = 50_000
	MaxOaxacaBootstrap     = 5_000
	MaxBootstrapMaxN       = 200_000
	MaxOaxacaBootstrapMaxN = 200_000
	MaxRatioHigh           = 100 // upper end of ratio_band
	MaxMinDiffPP           = 100 // min_difference_pp, percentage points
	MaxMinWageGapPct       = 100 // min_wage_gap_pct, percent of the reference
)

// Validate reports settings that make no sense or are out of their
// documented range. Messages name the configuration key (and the flag,
// when there is one) and the allowed range.
func (c *Config) Validate() error {
	switch {
	case !(c.Conf > 0 && c.Conf < 1):
		return fmt.Errorf("confidence level (confidence) %g is out of range: use a number between 0 and 1, e.g. 0.95", c.Conf)
	case !(c.Alpha > 0 && c.Alpha < 1):
		return fmt.Errorf("alpha (alpha, --alpha) %g is out of range: use a number between 0 and 1, e.g. 0.05", c.Alpha)
	case c.MinCell < 1 || c.MinCell > MaxMinCell:
		return fmt.Errorf("minimum cell size (min_cell, --min-cell) %d is out of range: use 1 to %s", c.MinCell, thousands(MaxMinCell))
	case !(c.MinDiff >= 0 && c.MinDiff <= MaxMinDiffPP/100.0):
		return fmt.Errorf("practical rate gap (min_difference_pp) %g is out of range: use 0 to %d percentage points", 100*c.MinDiff, MaxMinDiffPP)
	case !(c.MinMoneyGap >= 0 && c.MinMoneyGap <= MaxMinWageGapPct/100.0):
		return fmt.Errorf("practical wage gap (min_wage_gap_pct) %g is out of range: use 0 to %d percent", 100*c.MinMoneyGap, MaxMinWageGapPct)
	case c.Adjust != "holm" && c.Adjust != "bh":
		return fmt.Errorf("p-value adjustment (p_adjust, --p-adjust) %q: use holm or bh", c.Adjust)
	case c.Bootstrap < MinBootstrap || c.Bootstrap > MaxBootstrap:
		return fmt.Errorf("bootstrap resamples (bootstrap) %d is out of range: use %d to %s (METHODS asks for 2,000)", c.Bootstrap, MinBootstrap, thousands(MaxBootstrap))
	case c.OaxacaBootstrap < 0 || c.OaxacaBootstrap > MaxOaxacaBootstrap:
		return fmt.Errorf("Oaxaca bootstrap resamples (oaxaca_bootstrap) %d is out of range: use 0 to %s", c.OaxacaBootstrap, thousands(MaxOaxacaBootstrap))
	case c.BootstrapMaxN < 0 || c.BootstrapMaxN > MaxBootstrapMaxN:
		return fmt.Errorf("bootstrap size limit (bootstrap_max_n) %d is out of range: use 0 to %s", c.BootstrapMaxN, thousands(MaxBootstrapMaxN))
	case c.OaxacaBootstrapMaxN < 0 || c.OaxacaBootstrapMaxN > MaxOaxacaBootstrapMaxN:
		return fmt.Errorf("Oaxaca bootstrap size limit (oaxaca_bootstrap_max_n) %d is out of range: use 0 to %s", c.OaxacaBootstrapMaxN, thousands(MaxOaxacaBootstrapMaxN))
	case !(c.RatioLow > 0 && c.RatioLow < 1 && c.RatioHigh > 1 && c.RatioHigh <= MaxRatioHigh):
		return fmt.Errorf("practical-size ratio band (ratio_band) [%g, %g] is out of range: use [low, high] with 0 < low < 1 < high ≤ %d", c.RatioLow, c.RatioHigh, MaxRatioHigh)
	}
	if _, err := c.sexGroups(); err != nil {
		return err
	}
	if _, err := c.eduRef(); err != nil {
		return err
	}
	return c.Measures.Validate()
}

// sexGroups returns the focal and reference indices into sexNames.
func (c *Config) sexGroups() ([2]int, error) {
	switch strings.ToLower(c.SexReference) {
	case "men", "male", "":
		return [2]int{sexWomen, sexMen}, nil
	case "women", "female":
		return [2]int{sexMen, sexWomen}, nil
	}
	return [2]int{}, fmt.Errorf("sex reference group %q: use men or women", c.SexReference)
}

// eduRef returns the index of the education reference level.
func (c *Config) eduRef() (int, error) {
	for i, n := range measures.EduNames {
		if strings.EqualFold(n, c.EducationReference) {
			return i, nil
		}
	}
	if c.EducationReference == "" {
		return int(measures.EduHS), nil
	}
	return 0, fmt.Errorf("education reference level %q: use one of %s", c.EducationReference, strings.Join(measures.EduNames[:], "; "))
}

// finish adjusts the p-values of a section's comparison rows, flags rows
// and sets the section status (METHODS §5).
func (c *Config) finish(s *Section) {
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

// Flag adjusts the p-values of the comparison rows (Reference set, not
// suppressed, with a p-value) as one family — Holm, or Benjamini–Hochberg —
// and flags a row when its adjusted p is below Alpha, both groups have at
// least MinCell people and the gap is of practical size (METHODS §5).
func (c *Config) Flag(rows []Row) {
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
func (c *Config) practical(r *Row) bool {
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

// thousands renders a positive whole number with comma separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
