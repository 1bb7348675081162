package disparities

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
)

// Config holds the settings of the eight disparities: the statistical
// Rules every analysis shares (METHODS §4–5), embedded so that c.Alpha,
// c.MinCell, … read as before, and the disparities' own seeds, Oaxaca
// resampling, reference groups and measure options. Defaults come from
// DefaultConfig; every field is a flag or a config key.
type Config struct {
	results.Rules
	// Seed drives every resampling (medians, Oaxaca standard errors);
	// Rules.Bootstrap is the number of median resamples.
	Seed uint64
	// OaxacaBootstrap is the number of resamples for Oaxaca–Blinder standard errors.
	OaxacaBootstrap int
	// OaxacaBootstrapMaxN: above this many employed women and men together,
	// Oaxaca–Blinder standard errors come from the delta method (stochastic
	// regressors, Jann 2008) instead of the bootstrap, which would cost
	// OaxacaBootstrap passes over the records; the two agree at such sizes.
	OaxacaBootstrapMaxN int
	// SexReference is the reference group of the sex comparisons: "Men" (METHODS) or "Women".
	SexReference string
	// EducationReference is the reference level of education breakdowns
	// (supportive-service utilization); education-level itself always
	// compares less than high school with every other level (METHODS §3).
	EducationReference string
	Measures           measures.Options
	// BoardNames names local boards by PIRL 108A code for report
	// --by-board (the configuration's boards:), over the file's
	// LOCAL_BOARD_NAME; at most MaxBoardNames entries.
	BoardNames map[string]string
	// BoardCounties gives local boards (PIRL 108A code) their counties
	// (5-digit county FIPS, a tract GEOID's first five digits) for
	// poverty-participation by board (the configuration's board_counties:);
	// a tract file's board column gives tracts' boards instead.
	BoardCounties map[string][]string
}

// DefaultConfig returns METHODS' defaults.
func DefaultConfig() Config {
	return Config{
		Rules: results.DefaultRules(),
		Seed:  20240701, OaxacaBootstrap: 200, OaxacaBootstrapMaxN: 20000,
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
	MaxBoardNames          = 10_000 // entries of boards:
	MaxBoardNameLen        = 200    // bytes of a board's name (and 32 of its code)
	MaxBoardCounties       = 10_000 // counties of board_counties, all boards together
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
	case !(c.NotYetShare > 0 && c.NotYetShare <= 1):
		return fmt.Errorf("not-yet-reported share (not_yet_reported_share) %g is out of range: use a share above 0 and at most 1, e.g. 0.5", c.NotYetShare)
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
	if err := c.validBoardNames(); err != nil {
		return err
	}
	if err := c.validBoardCounties(); err != nil {
		return err
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

// thousands renders a positive whole number with comma separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// validBoardNames bounds the boards: map (README, Configuration): at most
// MaxBoardNames entries, a code of 1 to 32 bytes, a name of at most
// MaxBoardNameLen bytes, no control characters in either.
func (c *Config) validBoardNames() error {
	if len(c.BoardNames) > MaxBoardNames {
		return fmt.Errorf("board names (boards) has %d entries: at most %s", len(c.BoardNames), thousands(MaxBoardNames))
	}
	for code, name := range c.BoardNames {
		switch {
		case !boardCode(code):
			return fmt.Errorf("board names (boards): code %q is not a local board code (PIRL 108A: 1 to 32 characters)", code)
		case len(name) > MaxBoardNameLen || ctl(name) || strings.TrimSpace(name) == "":
			return fmt.Errorf("board names (boards): the name of board %q must be 1 to %d characters without control characters", code, MaxBoardNameLen)
		}
	}
	return nil
}

// ctl reports control characters (or invalid UTF-8) in s.
func ctl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }) >= 0
}

// boardCode reports whether s can be a local board code (PIRL 108A): 1 to
// 32 bytes, not blank, no control characters.
func boardCode(s string) bool {
	return strings.TrimSpace(s) != "" && len(s) <= 32 && !ctl(s)
}

// validBoardCounties bounds board_counties: (README, Configuration): at most
// MaxBoardNames boards, each code as boards:'s, at least one county each
// and MaxBoardCounties in all, each county five digits (state and county
// FIPS) and in one board only.
func (c *Config) validBoardCounties() error {
	if len(c.BoardCounties) > MaxBoardNames {
		return fmt.Errorf("board counties (board_counties) has %d boards: at most %s", len(c.BoardCounties), thousands(MaxBoardNames))
	}
	n := 0
	owner := map[string]string{}
	for code, counties := range c.BoardCounties {
		if !boardCode(code) {
			return fmt.Errorf("board counties (board_counties): code %q is not a local board code (PIRL 108A: 1 to 32 characters)", code)
		}
		if len(counties) == 0 {
			return fmt.Errorf("board counties (board_counties): board %q lists no county", code)
		}
		if n += len(counties); n > MaxBoardCounties {
			return fmt.Errorf("board counties (board_counties) lists more than %s counties", thousands(MaxBoardCounties))
		}
		for _, fips := range counties {
			if len(fips) != 5 || strings.IndexFunc(fips, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
				return fmt.Errorf("board counties (board_counties): board %q: county %q is not a 5-digit county FIPS code (state and county, e.g. \"13067\"; quote it to keep a leading zero)", code, fips)
			}
			if o, dup := owner[fips]; dup && o != code {
				a, b := min(o, code), max(o, code)
				return fmt.Errorf("board counties (board_counties): county %s is listed for boards %q and %q: a county belongs to one board", fips, a, b)
			}
			owner[fips] = code
		}
	}
	return nil
}
