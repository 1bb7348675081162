package results

import (
	"math"
	"testing"
)

// Every unit's results.json key reads back as the unit; nothing else does.
func TestUnitKeyRoundTrip(t *testing.T) {
	for u := UnitRate; u <= UnitScore; u++ {
		k := u.Key()
		if k == "" {
			t.Errorf("%v has no key", u)
		}
		if got, ok := ParseUnit(k); !ok || got != u {
			t.Errorf("ParseUnit(%q) = %v, %v; want %v", k, got, ok, u)
		}
	}
	for _, k := range []string{"", "Rate", "percent"} {
		if u, ok := ParseUnit(k); ok {
			t.Errorf("ParseUnit(%q) = %v, want none", k, u)
		}
	}
	if k := Unit(200).Key(); k != "" {
		t.Errorf("Unit(200).Key() = %q, want \"\"", k)
	}
}

func TestUnitLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{UnitRate.AxisLabel(""), "Rate (%)"},
		{UnitRate.AxisLabel("Employment rate"), "Employment rate (%)"},
		{UnitOddsRatio.AxisLabel(""), "Odds ratio (log scale)"},
		{UnitCount.AxisLabel(""), "Count"},
		{UnitDollars.DiffAxisLabel(), "Difference from reference group ($)"},
		{UnitScore.DiffAxisLabel(), "Difference from reference group"},
		{UnitPer1000.String(), "per 1,000"},
		{UnitRate.FormatChange(-0.021), "−2.1 pp"},
		{UnitOddsRatio.FormatChange(0.126), "+0.13"},
		{UnitCount.FormatChange(math.NaN()), "—"},
		{GuessUnit("Median 2nd-quarter earnings").Key(), "dollars"},
		{GuessUnit("training-related employment retention").Key(), "rate"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A reference group below the minimum cell size is shown but compared
// with nobody; a lone suppressed group takes the next smallest with it.
func TestRatesSuppression(t *testing.T) {
	c := DefaultRules()
	rows := c.Rates("d", "m", []Count{{Name: "A", X: 30, N: 100}, {Name: "B", X: 3, N: 9}, {Name: "C", X: 40, N: 120}}, 0)
	if !rows[1].Suppressed || rows[1].N != 0 || !math.IsNaN(rows[1].Value) {
		t.Errorf("B (n 9) not suppressed: %+v", rows[1])
	}
	if !rows[0].Suppressed || rows[0].Test != ComplementarySuppression {
		t.Errorf("A (next smallest) not complementarily suppressed: %+v", rows[0])
	}
	// C's comparison was with A, now hidden: withdrawn, C's own value kept.
	if rows[2].Suppressed || rows[2].N != 120 || !math.IsNaN(rows[2].Diff) || !math.IsNaN(rows[2].P) {
		t.Errorf("C: %+v", rows[2])
	}
	small := c.Rates("d", "m", []Count{{Name: "A", X: 3, N: 20}, {Name: "B", X: 30, N: 100}}, 0)
	if math.IsNaN(small[1].P) || small[1].RefN != 20 {
		t.Errorf("B vs A (both ≥ 10): %+v", small[1])
	}
}
