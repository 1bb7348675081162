package results

import (
	"math"
	"strconv"
	"strings"
)

// Unit says what a row's Value measures: how it is formatted, labelled on a
// plot axis and written to results.json.
type Unit uint8

const (
	UnitRate      Unit = iota // proportion in [0,1], shown as a percentage; Diff in percentage points
	UnitDollars               // dollars (hourly wage or quarterly earnings)
	UnitPer1000               // count per 1,000 (participants per 1,000 residents in poverty)
	UnitOddsRatio             // odds ratio (Value is the OR; Diff unused)
	UnitCount                 // plain count or share without interval
	UnitPerSqMi               // participants per square mile
	UnitScore                 // a test statistic (e.g. the Cochran–Armitage z)
)

// String names the unit in words, for messages: "rate", "per 1,000", ….
func (u Unit) String() string {
	switch u {
	case UnitRate:
		return "rate"
	case UnitDollars:
		return "dollars"
	case UnitPer1000:
		return "per 1,000"
	case UnitOddsRatio:
		return "odds ratio"
	case UnitCount:
		return "count"
	case UnitPerSqMi:
		return "per square mile"
	}
	return "unit " + strconv.Itoa(int(u))
}

// unitKeys are the "unit" values of results.json rows.
var unitKeys = [...]string{
	UnitRate: "rate", UnitDollars: "dollars", UnitPer1000: "per_1000",
	UnitOddsRatio: "odds_ratio", UnitCount: "count", UnitPerSqMi: "per_sq_mi",
	UnitScore: "score",
}

// Key is the "unit" written for a row in results.json ("per_1000"), "" for
// a unit that has none.
func (u Unit) Key() string {
	if int(u) < len(unitKeys) {
		return unitKeys[u]
	}
	return ""
}

// ParseUnit returns the unit whose Key is k.
func ParseUnit(k string) (Unit, bool) {
	for u, s := range unitKeys {
		if s == k && k != "" {
			return Unit(u), true
		}
	}
	return 0, false
}

// GuessUnit recovers the unit of a row from its measure name, for a
// results.json written before rows carried one: the disparities' measure
// names say "odds ratio", "per 1,000", "per square mile", "trend", "wage" or
// "earnings".
func GuessUnit(measure string) Unit {
	m := strings.ToLower(measure)
	switch {
	case strings.Contains(m, "odds ratio"):
		return UnitOddsRatio
	case strings.Contains(m, "per 1,000"):
		return UnitPer1000
	case strings.Contains(m, "per square mile"):
		return UnitPerSqMi
	case strings.Contains(m, "trend"):
		return UnitScore
	case strings.Contains(m, "wage"), strings.Contains(m, "earnings"):
		if !strings.Contains(m, "retention") {
			return UnitDollars
		}
	}
	return UnitRate
}

// Format renders a value in the unit: "62.3%", "$18.40", "12.5", "0.82".
// NaN is "", ±Inf Unprintable, magnitudes of 1e15 and more scientific.
func (u Unit) Format(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	if math.IsInf(v, 0) {
		return Unprintable
	}
	switch u {
	case UnitRate:
		return FormatPercent(v, "%")
	case UnitDollars:
		return FormatDollars(v)
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

// FormatDiff renders a difference in the unit: "−8.1 pp", "−$1.88", "+2.0".
func (u Unit) FormatDiff(v float64) string {
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
		if p := FormatPercent(a, " pp"); p != Unprintable {
			return sign + p
		}
		return Unprintable
	case UnitDollars:
		return sign + FormatDollars(a)
	default:
		return sign + FormatFixed(a, 1)
	}
}

// FormatChange renders a change of value between two runs: percentage
// points for rates, dollars for dollars, a signed number otherwise (two
// decimals for odds ratios and scores, one for the rest); "—" for NaN.
func (u Unit) FormatChange(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case u == UnitRate || u == UnitDollars:
		return u.FormatDiff(v)
	case u == UnitOddsRatio || u == UnitScore:
		return signedFixed(v, 2)
	}
	return signedFixed(v, 1)
}

func signedFixed(v float64, d int) string {
	if math.IsInf(v, 0) {
		return Unprintable
	}
	s := FormatFixed(math.Abs(v), d) // scientific from 1e15
	if v < 0 {
		return "−" + s
	}
	return "+" + s
}

// Scale converts a stored value to display units: proportions to percent.
func (u Unit) Scale() float64 {
	if u == UnitRate {
		return 100
	}
	return 1
}

// AxisLabel is a value axis's label: name, or the unit's default name
// ("Rate", "Amount", …) when name is "", followed by the unit in
// parentheses ("Employment rate (%)", "Odds ratio (log scale)").
func (u Unit) AxisLabel(name string) string {
	var def, suffix string
	switch u {
	case UnitRate:
		def, suffix = "Rate", " (%)"
	case UnitDollars:
		def, suffix = "Amount", " ($)"
	case UnitPer1000:
		def, suffix = "Rate", " (per 1,000)"
	case UnitOddsRatio:
		def, suffix = "Odds ratio", " (log scale)"
	case UnitPerSqMi:
		def, suffix = "Density", " (per sq. mile)"
	default:
		def = "Count"
	}
	if name == "" {
		name = def
	}
	return name + suffix
}

// DiffAxisLabel is the label of an axis of differences from the reference group.
func (u Unit) DiffAxisLabel() string {
	switch u {
	case UnitRate:
		return "Difference from reference group (percentage points)"
	case UnitDollars:
		return "Difference from reference group ($)"
	case UnitPer1000:
		return "Difference from reference group (per 1,000)"
	case UnitPerSqMi:
		return "Difference from reference group (per sq. mile)"
	}
	return "Difference from reference group"
}
