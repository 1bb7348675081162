package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Unprintable is what the formatters print for ±Inf: no number to show.
const Unprintable = "—"

// maxFixed is the magnitude from which numbers print in scientific notation
// ("1.000e+300"): above it a float64 no longer holds every integer (2^53 ≈
// 9.0e15) and an int64 of cents would wrap (it printed a 1e300 wage as
// $-92,233,720,368,547,758). Every real count, rate or amount is far below.
const maxFixed = 1e15

// FormatFixed is strconv.FormatFloat(v, 'f', prec, 64) for |v| < 1e15,
// scientific notation with four significant digits beyond, Unprintable for
// ±Inf and "" for NaN: never a wrapped integer nor a 300-digit string.
func FormatFixed(v float64, prec int) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 0):
		return Unprintable
	case math.Abs(v) >= maxFixed:
		return strconv.FormatFloat(v, 'e', 3, 64)
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// FormatPercent renders a proportion as a percentage with one decimal and
// the given suffix ("62.3%", "8.1 pp"); Unprintable when ×100 overflows.
func FormatPercent(v float64, suffix string) string {
	x := 100 * v
	if math.IsInf(x, 0) {
		return Unprintable
	}
	return FormatFixed(x, 1) + suffix
}

// FormatInterval renders "(95% CI a to b)"-style bounds without the label.
func FormatInterval(lo, hi float64, f func(float64) string) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	return f(lo) + " to " + f(hi)
}

// FormatP renders a p-value: "< 0.001", "0.012", "0.45".
func FormatP(p float64) string {
	switch {
	case math.IsNaN(p):
		return ""
	case p < 0.001:
		return "< 0.001"
	case p < 0.01:
		return strconv.FormatFloat(p, 'f', 3, 64)
	}
	return strconv.FormatFloat(p, 'f', 2, 64)
}

// FormatDollars renders an amount: "$18.40" below $100, whole dollars with
// commas from there ("$7,850"), "−" for a negative amount, scientific from
// 1e15.
func FormatDollars(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	if math.IsInf(v, 0) {
		return Unprintable
	}
	neg := v < 0
	v = math.Abs(v)
	if v >= maxFixed {
		s := "$" + FormatFixed(v, 0)
		if neg {
			return "−" + s
		}
		return s
	}
	cents := int64(math.Round(v * 100))
	s := "$" + commas(cents/100)
	if v < 100 {
		s += fmt.Sprintf(".%02d", cents%100)
	}
	if neg {
		return "−" + s
	}
	return s
}

// commas renders n with comma separators ("-1,234").
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
