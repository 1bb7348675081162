package disparities

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

// percent renders a proportion as a percentage with one decimal and the
// given suffix; Unprintable when ×100 overflows.
func percent(v float64, suffix string) string {
	x := 100 * v
	if math.IsInf(x, 0) {
		return Unprintable
	}
	return FormatFixed(x, 1) + suffix
}

// FormatValue renders a value in its unit: "62.3%", "$18.40", "12.5", "0.82".
// NaN is "", ±Inf Unprintable, magnitudes of 1e15 and more scientific.
func FormatValue(v float64, u Unit) string {
	if math.IsNaN(v) {
		return ""
	}
	if math.IsInf(v, 0) {
		return Unprintable
	}
	switch u {
	case UnitRate:
		return percent(v, "%")
	case UnitDollars:
		return formatDollars(v)
	case UnitOddsRatio:
		return FormatFixed(v, 2)
	case UnitCount:
		if math.Abs(v) >= maxFixed {
			return FormatFixed(v, 0)
		}
		return commas(int64(math.Round(v)))
	case UnitScore:
		return FormatFixed(v, 2)
	default:
		return FormatFixed(v, 1)
	}
}

// FormatDiff renders a difference: "−8.1 pp", "−$1.88", "+2.0".
func FormatDiff(v float64, u Unit) string {
	if math.IsNaN(v) {
		return ""
	}
	if math.IsInf(v, 0) {
		return Unprintable
	}
	sign := "+"
	if v < 0 {
		sign = "−"
	}
	a := math.Abs(v)
	switch u {
	case UnitRate, UnitOddsRatio:
		if p := percent(a, " pp"); p != Unprintable {
			return sign + p
		}
		return Unprintable
	case UnitDollars:
		return sign + formatDollars(a)
	default:
		return sign + FormatFixed(a, 1)
	}
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

func formatDollars(v float64) string {
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

// pointsOrDollars renders the magnitude of a gap for a finding sentence.
func magnitude(v float64, u Unit) string {
	a := math.Abs(v)
	if math.IsInf(a, 0) {
		return Unprintable
	}
	switch u {
	case UnitRate, UnitOddsRatio:
		return percent(a, " percentage points")
	case UnitDollars:
		return formatDollars(a)
	}
	return FormatFixed(a, 1)
}

// verdict is the neutral closing phrase of a finding (METHODS §5).
func verdict(r *Row) string {
	switch {
	case r.Suppressed:
		return "insufficient data"
	case r.Flagged:
		return "flagged for review"
	case math.IsNaN(r.P):
		return "insufficient data"
	}
	return "no significant gap"
}

// ciPhrase: "95% CI 1.52 to 2.24; adjusted p < 0.001".
func ciPhrase(conf float64, lo, hi float64, f func(float64) string, padj float64) string {
	var parts []string
	if iv := FormatInterval(lo, hi, f); iv != "" {
		parts = append(parts, fmt.Sprintf("%g%% CI %s", 100*conf, iv))
	}
	if !math.IsNaN(padj) {
		p := FormatP(padj)
		if !strings.HasPrefix(p, "<") {
			p = "= " + p
		}
		parts = append(parts, "adjusted p "+p)
	}
	return strings.Join(parts, "; ")
}

// gapSentence builds the standard finding for a group-vs-reference row, e.g.
// "Women completed training 8.1 percentage points less often than men (95% CI
// −11.0 to −5.2 pp; adjusted p < 0.001) — flagged for review."
// more/less are the comparative phrases for a positive/negative gap
// ("more often", "less often"); subject and object name the groups.
func (c *Config) gapSentence(r *Row, subject, verb, more, less, object string) string {
	if r.Suppressed || math.IsNaN(r.Diff) {
		return fmt.Sprintf("Too few records to compare %s with %s (groups under %d are suppressed) — insufficient data.", subject, object, c.MinCell)
	}
	cmp := more
	if r.Diff < 0 {
		cmp = less
	}
	var f func(float64) string
	switch r.Unit {
	case UnitDollars:
		f = func(v float64) string { return FormatDiff(v, UnitDollars) }
	default:
		f = func(v float64) string { return FormatDiff(v, UnitRate) }
	}
	return fmt.Sprintf("%s %s %s %s than %s (%s) — %s.", subject, verb, magnitude(r.Diff, r.Unit), cmp, object,
		ciPhrase(c.Conf, r.DiffLow, r.DiffHigh, f, r.PAdj), verdict(r))
}

// Capitalize upper-cases the first letter.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isNaN(v float64) bool { return math.IsNaN(v) }
