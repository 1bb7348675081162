package disparities

import (
	"fmt"
	"math"
	"strings"

	"github.com/wioa-equity/wioa/analysis/results"
)

// magnitude renders the magnitude of a gap for a finding sentence.
func magnitude(v float64, u results.Unit) string {
	a := math.Abs(v)
	if math.IsInf(a, 0) {
		return results.Unprintable
	}
	switch u {
	case results.UnitRate, results.UnitOddsRatio:
		return results.FormatPercent(a, " percentage points")
	case results.UnitDollars:
		return results.FormatDollars(a)
	}
	return results.FormatFixed(a, 1)
}

// verdict is the neutral closing phrase of a finding (METHODS §5.2): it
// says "too little data to tell (a gap under X could not be detected)"
// where the minimum detectable difference is above the practical size
// (METHODS §4.11), and "no significant gap" only where a gap of practical
// size would have been detected.
func verdict(r *results.Row) string {
	switch {
	case r.Status == results.StatusNotYetReported:
		return "not yet reported"
	case r.Suppressed:
		return "insufficient data"
	case r.Flagged:
		return "flagged for review"
	case math.IsNaN(r.P):
		return "insufficient data"
	case r.Status == results.StatusTooLittle:
		return tooLittle(r)
	}
	return "no significant gap"
}

// tooLittle is the verdict of a comparison the data could not settle.
func tooLittle(r *results.Row) string {
	return "too little data to tell (a gap under " + magnitude(r.MDD, r.Unit) + " could not be detected)"
}

// notYetSentence is the finding of a comparison whose outcomes are mostly
// not in yet (METHODS §2.9).
func notYetSentence(subject, object string) string {
	return fmt.Sprintf("Outcomes are not yet reported for most of this cohort (employment after exit still coded 9, not yet available), so %s cannot yet be compared with %s — not yet reported.", lowerFirst(subject), object)
}

// lowerFirst lower-cases the first letter of a group name starting a clause.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// ciPhrase: "95% CI 1.52 to 2.24; adjusted p < 0.001".
func ciPhrase(conf float64, lo, hi float64, f func(float64) string, padj float64) string {
	var parts []string
	if iv := results.FormatInterval(lo, hi, f); iv != "" {
		parts = append(parts, fmt.Sprintf("%g%% CI %s", 100*conf, iv))
	}
	if !math.IsNaN(padj) {
		p := results.FormatP(padj)
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
func (c *Config) gapSentence(r *results.Row, subject, verb, more, less, object string) string {
	if r.Status == results.StatusNotYetReported {
		return notYetSentence(subject, object)
	}
	if r.Suppressed || math.IsNaN(r.Diff) {
		return fmt.Sprintf("Too few records to compare %s with %s (groups under %d are suppressed) — insufficient data.", subject, object, c.MinCell)
	}
	cmp := more
	if r.Diff < 0 {
		cmp = less
	}
	var f func(float64) string
	switch r.Unit {
	case results.UnitDollars:
		f = func(v float64) string { return results.UnitDollars.FormatDiff(v) }
	default:
		f = func(v float64) string { return results.UnitRate.FormatDiff(v) }
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
