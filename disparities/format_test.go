package disparities

import (
	"math"
	"strings"
	"testing"
)

func TestFormatHugeNaNInf(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, c := range []struct {
		name string
		got  string
		want string
	}{
		// Ordinary values print as before.
		{"rate", FormatValue(0.623, UnitRate), "62.3%"},
		{"dollars", FormatValue(18.4, UnitDollars), "$18.40"},
		{"dollars large", FormatValue(7850.2, UnitDollars), "$7,850"},
		{"dollars negative", FormatValue(-4321.09, UnitDollars), "−$4,321"},
		{"count", FormatValue(1234567, UnitCount), "1,234,567"},
		{"count negative", FormatValue(-1234, UnitCount), "-1,234"},
		{"odds", FormatValue(0.8234, UnitOddsRatio), "0.82"},
		{"per 1000", FormatValue(18.04, UnitPer1000), "18.0"},
		{"diff rate", FormatDiff(-0.081, UnitRate), "−8.1 pp"},
		{"diff dollars", FormatDiff(-1.88, UnitDollars), "−$1.88"},
		{"diff other", FormatDiff(2, UnitPer1000), "+2.0"},
		{"largest fixed", FormatValue(999999999999999, UnitCount), "999,999,999,999,999"},
		// Huge values: scientific, never a wrapped integer.
		{"dollars 1e300", FormatValue(1e300, UnitDollars), "$1.000e+300"},
		{"dollars -1e300", FormatValue(-1e300, UnitDollars), "−$1.000e+300"},
		{"dollars 1e17", FormatValue(1e17, UnitDollars), "$1.000e+17"},
		{"dollars max", FormatValue(math.MaxFloat64, UnitDollars), "$1.798e+308"},
		{"count 1e300", FormatValue(1e300, UnitCount), "1.000e+300"},
		{"count 1e19", FormatValue(1e19, UnitCount), "1.000e+19"},
		{"count -1e19", FormatValue(-1e19, UnitCount), "-1.000e+19"},
		{"rate 1e300", FormatValue(1e300, UnitRate), "1.000e+302%"},
		{"rate overflowing ×100", FormatValue(1e307, UnitRate), Unprintable},
		{"diff rate overflowing ×100", FormatDiff(-1e307, UnitRate), Unprintable},
		{"odds 1e300", FormatValue(1e300, UnitOddsRatio), "1.000e+300"},
		{"score 1e20", FormatValue(1e20, UnitScore), "1.000e+20"},
		{"diff dollars 1e300", FormatDiff(-1e300, UnitDollars), "−$1.000e+300"},
		{"diff rate 1e300", FormatDiff(1e300, UnitRate), "+1.000e+302 pp"},
		{"diff other 1e300", FormatDiff(1e300, UnitPer1000), "+1.000e+300"},
		{"magnitude 1e300", magnitude(1e300, UnitDollars), "$1.000e+300"},
		{"interval 1e300", FormatInterval(-1e300, 1e300, func(v float64) string { return FormatValue(v, UnitDollars) }), "−$1.000e+300 to $1.000e+300"},
		// Infinities: no number to print.
		{"dollars inf", FormatValue(inf, UnitDollars), Unprintable},
		{"count -inf", FormatValue(-inf, UnitCount), Unprintable},
		{"rate inf", FormatValue(inf, UnitRate), Unprintable},
		{"odds inf", FormatValue(inf, UnitOddsRatio), Unprintable},
		{"diff inf", FormatDiff(-inf, UnitDollars), Unprintable},
		{"diff rate inf", FormatDiff(inf, UnitRate), Unprintable},
		{"magnitude inf", magnitude(inf, UnitRate), Unprintable},
		// NaN: empty, as before.
		{"nan value", FormatValue(nan, UnitDollars), ""},
		{"nan diff", FormatDiff(nan, UnitRate), ""},
		{"nan interval", FormatInterval(nan, 1, func(v float64) string { return FormatValue(v, UnitRate) }), ""},
		{"fixed nan", FormatFixed(nan, 1), ""},
		{"fixed", FormatFixed(-12.345, 1), "-12.3"},
		{"fixed huge", FormatFixed(-2e15, 1), "-2.000e+15"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

// TestFormatNeverWraps sweeps magnitudes up to the largest float64: no
// formatted number has a sign other than the value's, nor more than 20
// bytes (its unit words aside).
func TestFormatNeverWraps(t *testing.T) {
	units := []Unit{UnitRate, UnitDollars, UnitOddsRatio, UnitCount, UnitScore, UnitPer1000, UnitPerSqMi}
	for e := 0; e <= 308; e++ {
		for _, sign := range []float64{1, -1} {
			v := sign * math.Pow(10, float64(e)) * 1.7
			if math.IsInf(v, 0) {
				v = sign * math.MaxFloat64
			}
			for _, u := range units {
				for _, s := range []string{FormatValue(v, u), FormatDiff(v, u), magnitude(v, u)} {
					num := strings.TrimSuffix(strings.TrimSuffix(s, " percentage points"), " pp")
					if s == "" || len(num) > 24 || sign > 0 && strings.HasPrefix(s, "-") {
						t.Errorf("v=%g unit %v: %q", v, u, s)
					}
				}
				if s := FormatValue(v, u); s != Unprintable && (sign < 0) != (strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−")) {
					t.Errorf("FormatValue(%g, %v) = %q: sign lost", v, u, s)
				}
			}
		}
	}
}
