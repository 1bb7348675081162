package disparities

import (
	"math"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
)

// The finding's magnitudes format as results' numbers do: scientific for
// huge values, Unprintable for infinities (results/format_test.go tests the
// numbers themselves).
func TestMagnitudeHugeInf(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		name string
		got  string
		want string
	}{
		{"dollars", magnitude(-1.88, results.UnitDollars), "$1.88"},
		{"rate", magnitude(-0.081, results.UnitRate), "8.1 percentage points"},
		{"magnitude 1e300", magnitude(1e300, results.UnitDollars), "$1.000e+300"},
		{"magnitude inf", magnitude(inf, results.UnitRate), results.Unprintable},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

// TestMagnitudeNeverWraps sweeps magnitudes up to the largest float64: no
// magnitude has a sign or more than 24 bytes besides its unit words.
func TestMagnitudeNeverWraps(t *testing.T) {
	units := []results.Unit{results.UnitRate, results.UnitDollars, results.UnitOddsRatio, results.UnitCount, results.UnitScore, results.UnitPer1000, results.UnitPerSqMi}
	for e := 0; e <= 308; e++ {
		for _, sign := range []float64{1, -1} {
			v := sign * math.Pow(10, float64(e)) * 1.7
			if math.IsInf(v, 0) {
				v = sign * math.MaxFloat64
			}
			for _, u := range units {
				s := magnitude(v, u)
				num := strings.TrimSuffix(s, " percentage points")
				if s == "" || len(num) > 24 || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
					t.Errorf("v=%g unit %v: %q", v, u, s)
				}
			}
		}
	}
}
