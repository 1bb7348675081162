package disparities

import (
	"math"
	"strings"
	"testing"
)

// Every numeric setting has a documented range: values at its ends pass,
// values beyond fail with a message naming the key and the range.
func TestValidateBounds(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(c *Config)
		want   string // "" for no error
	}{
		{"defaults", func(c *Config) {}, ""},
		{"bootstrap 100", func(c *Config) { c.Bootstrap = 100 }, ""},
		{"bootstrap 50,000", func(c *Config) { c.Bootstrap = 50_000 }, ""},
		{"bootstrap 99", func(c *Config) { c.Bootstrap = 99 }, "bootstrap resamples (bootstrap) 99 is out of range: use 100 to 50,000"},
		{"bootstrap 10^9", func(c *Config) { c.Bootstrap = 1_000_000_000 }, "bootstrap resamples (bootstrap) 1000000000 is out of range: use 100 to 50,000"},
		{"oaxaca bootstrap 0", func(c *Config) { c.OaxacaBootstrap = 0 }, ""},
		{"oaxaca bootstrap 5,000", func(c *Config) { c.OaxacaBootstrap = 5000 }, ""},
		{"oaxaca bootstrap 5,001", func(c *Config) { c.OaxacaBootstrap = 5001 }, "(oaxaca_bootstrap) 5001 is out of range: use 0 to 5,000"},
		{"oaxaca bootstrap negative", func(c *Config) { c.OaxacaBootstrap = -1 }, "(oaxaca_bootstrap) -1 is out of range"},
		{"bootstrap_max_n 200,000", func(c *Config) { c.BootstrapMaxN = 200_000 }, ""},
		{"bootstrap_max_n 0", func(c *Config) { c.BootstrapMaxN = 0 }, ""},
		{"bootstrap_max_n over", func(c *Config) { c.BootstrapMaxN = 200_001 }, "(bootstrap_max_n) 200001 is out of range: use 0 to 200,000"},
		{"bootstrap_max_n negative", func(c *Config) { c.BootstrapMaxN = -5 }, "(bootstrap_max_n) -5 is out of range"},
		{"oaxaca_bootstrap_max_n over", func(c *Config) { c.OaxacaBootstrapMaxN = 1 << 40 }, "(oaxaca_bootstrap_max_n) 1099511627776 is out of range: use 0 to 200,000"},
		{"oaxaca_bootstrap_max_n negative", func(c *Config) { c.OaxacaBootstrapMaxN = -1 }, "(oaxaca_bootstrap_max_n) -1 is out of range"},
		{"min_cell 1", func(c *Config) { c.MinCell = 1 }, ""},
		{"min_cell 100,000", func(c *Config) { c.MinCell = 100_000 }, ""},
		{"min_cell 0", func(c *Config) { c.MinCell = 0 }, "minimum cell size (min_cell, --min-cell) 0 is out of range: use 1 to 100,000"},
		{"min_cell 10^9", func(c *Config) { c.MinCell = 1_000_000_000 }, "(min_cell, --min-cell) 1000000000 is out of range"},
		{"confidence 1", func(c *Config) { c.Conf = 1 }, "confidence level (confidence) 1 is out of range"},
		{"confidence NaN", func(c *Config) { c.Conf = math.NaN() }, "(confidence) NaN is out of range"},
		{"alpha 0", func(c *Config) { c.Alpha = 0 }, "alpha (alpha, --alpha) 0 is out of range"},
		{"min_difference_pp 100", func(c *Config) { c.MinDiff = 1 }, ""},
		{"min_difference_pp 150", func(c *Config) { c.MinDiff = 1.5 }, "(min_difference_pp) 150 is out of range: use 0 to 100 percentage points"},
		{"min_difference_pp negative", func(c *Config) { c.MinDiff = -0.01 }, "(min_difference_pp) -1 is out of range"},
		{"min_difference_pp NaN", func(c *Config) { c.MinDiff = math.NaN() }, "(min_difference_pp) NaN"},
		{"min_wage_gap_pct 0", func(c *Config) { c.MinMoneyGap = 0 }, ""},
		{"not_yet_reported_share 1", func(c *Config) { c.NotYetShare = 1 }, ""},
		{"not_yet_reported_share 0", func(c *Config) { c.NotYetShare = 0 }, "(not_yet_reported_share) 0 is out of range: use a share above 0 and at most 1"},
		{"not_yet_reported_share 1.5", func(c *Config) { c.NotYetShare = 1.5 }, "(not_yet_reported_share) 1.5 is out of range"},
		{"not_yet_reported_share NaN", func(c *Config) { c.NotYetShare = math.NaN() }, "(not_yet_reported_share) NaN is out of range"},
		{"min_wage_gap_pct Inf", func(c *Config) { c.MinMoneyGap = math.Inf(1) }, "(min_wage_gap_pct) +Inf is out of range: use 0 to 100 percent"},
		{"ratio_band high 100", func(c *Config) { c.RatioHigh = 100 }, ""},
		{"ratio_band high Inf", func(c *Config) { c.RatioHigh = math.Inf(1) }, "(ratio_band) [0.8, +Inf] is out of range: use [low, high] with 0 < low < 1 < high ≤ 100"},
		{"ratio_band low 0", func(c *Config) { c.RatioLow = 0 }, "(ratio_band) [0, 1.25] is out of range"},
		{"p_adjust", func(c *Config) { c.Adjust = "bonferroni" }, `(p_adjust, --p-adjust) "bonferroni": use holm or bh`},
		{"measures", func(c *Config) { c.Measures.NeediestMinOtherBarriers = 99 }, "low_income_plus_other_barriers) 99 is out of range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.change(&c)
			err := c.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
