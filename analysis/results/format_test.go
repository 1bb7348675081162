package results

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
		{"rate", UnitRate.Format(0.623), "62.3%"},
		{"dollars", UnitDollars.Format(18.4), "$18.40"},
		{"dollars large", UnitDollars.Format(7850.2), "$7,850"},
		{"dollars negative", UnitDollars.Format(-4321.09), "−$4,321"},
		{"count", UnitCount.Format(1234567), "1,234,567"},
		{"count negative", UnitCount.Format(-1234), "-1,234"},
		{"odds", UnitOddsRatio.Format(0.8234), "0.82"},
		{"per 1000", UnitPer1000.Format(18.04), "18.0"},
		{"diff rate", UnitRate.FormatDiff(-0.081), "−8.1 pp"},
		{"diff dollars", UnitDollars.FormatDiff(-1.88), "−$1.88"},
		{"diff other", UnitPer1000.FormatDiff(2), "+2.0"},
		{"largest fixed", UnitCount.Format(999999999999999), "999,999,999,999,999"},
		// Huge values: scientific, never a wrapped integer.
		{"dollars 1e300", UnitDollars.Format(1e300), "$1.000e+300"},
		{"dollars -1e300", UnitDollars.Format(-1e300), "−$1.000e+300"},
		{"dollars 1e17", UnitDollars.Format(1e17), "$1.000e+17"},
		{"dollars max", UnitDollars.Format(math.MaxFloat64), "$1.798e+308"},
		{"count 1e300", UnitCount.Format(1e300), "1.000e+300"},
		{"count 1e19", UnitCount.Format(1e19), "1.000e+19"},
		{"count -1e19", UnitCount.Format(-1e19), "-1.000e+19"},
		{"rate 1e300", UnitRate.Format(1e300), "1.000e+302%"},
		{"rate overflowing ×100", UnitRate.Format(1e307), Unprintable},
		{"diff rate overflowing ×100", UnitRate.FormatDiff(-1e307), Unprintable},
		{"odds 1e300", UnitOddsRatio.Format(1e300), "1.000e+300"},
		{"score 1e20", UnitScore.Format(1e20), "1.000e+20"},
		{"diff dollars 1e300", UnitDollars.FormatDiff(-1e300), "−$1.000e+300"},
		{"diff rate 1e300", UnitRate.FormatDiff(1e300), "+1.000e+302 pp"},
		{"diff other 1e300", UnitPer1000.FormatDiff(1e300), "+1.000e+300"},
		{"interval 1e300", FormatInterval(-1e300, 1e300, func(v float64) string { return UnitDollars.Format(v) }), "−$1.000e+300 to $1.000e+300"},
		// Infinities: no number to print.
		{"dollars inf", UnitDollars.Format(inf), Unprintable},
		{"count -inf", UnitCount.Format(-inf), Unprintable},
		{"rate inf", UnitRate.Format(inf), Unprintable},
		{"odds inf", UnitOddsRatio.Format(inf), Unprintable},
		{"diff inf", UnitDollars.FormatDiff(-inf), Unprintable},
		{"diff rate inf", UnitRate.FormatDiff(inf), Unprintable},
		// NaN: empty, as before.
		{"nan value", UnitDollars.Format(nan), ""},
		{"nan diff", UnitRate.FormatDiff(nan), ""},
		{"nan interval", FormatInterval(nan, 1, func(v float64) string { return UnitRate.Format(v) }), ""},
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
				for _, s := range []string{u.Format(v), u.FormatDiff(v)} {
					num := strings.TrimSuffix(strings.TrimSuffix(s, " percentage points"), " pp")
					if s == "" || len(num) > 24 || sign > 0 && strings.HasPrefix(s, "-") {
						t.Errorf("v=%g unit %v: %q", v, u, s)
					}
				}
				if s := u.Format(v); s != Unprintable && (sign < 0) != (strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−")) {
					t.Errorf("%v.Format(%g) = %q: sign lost", u, v, s)
				}
			}
		}
	}
}
