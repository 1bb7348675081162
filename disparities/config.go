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

// Validate reports settings that make no sense.
func (c *Config) Validate() error {
	switch {
	case !(c.Conf > 0 && c.Conf < 1):
		return fmt.Errorf("confidence level %g must be between 0 and 1", c.Conf)
	case !(c.Alpha > 0 && c.Alpha < 1):
		return fmt.Errorf("alpha %g must be between 0 and 1", c.Alpha)
	case c.MinCell < 1:
		return fmt.Errorf("minimum cell size %d must be at least 1", c.MinCell)
	case c.Adjust != "holm" && c.Adjust != "bh":
		return fmt.Errorf("p-value adjustment %q: use holm or bh", c.Adjust)
	case c.Bootstrap < 100:
		return fmt.Errorf("bootstrap resamples %d: use at least 100 (METHODS asks for 2,000)", c.Bootstrap)
	case c.OaxacaBootstrap < 0:
		return fmt.Errorf("Oaxaca bootstrap resamples %d must not be negative", c.OaxacaBootstrap)
	case c.OaxacaBootstrapMaxN < 0:
		return fmt.Errorf("Oaxaca bootstrap size limit %d must not be negative", c.OaxacaBootstrapMaxN)
	case !(c.RatioLow > 0 && c.RatioLow < 1 && c.RatioHigh > 1):
		return fmt.Errorf("practical-size ratio band [%g, %g] must contain 1", c.RatioLow, c.RatioHigh)
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
