package reports

// What a section leads with, for the summary rows of report.md and
// report.html and for "What to do first": the comparison the status and
// the finding sentence are about, its cells, and a short form of the
// finding (the full sentence stays in the section).

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/wioa-equity/wioa/analysis/results"
)

// LeadRow is the index of the row a section's summary line reports: the
// headline row, unless the section is flagged and the headline row is not,
// in which case the first flagged row (the status must be explained by the
// gap printed beside it). -1 when the section has no row to show.
func LeadRow(s *results.Section) int {
	h := s.Headline
	if h < 0 || h >= len(s.Rows) {
		h = -1
	}
	if s.Status != results.StatusFlagged || h >= 0 && s.Rows[h].Flagged {
		return h
	}
	for i, r := range s.Rows {
		if r.Flagged {
			return i
		}
	}
	return h
}

// ratioCIText finds the interval a ratio test states in its Test text
// ("Poisson rate ratio 0.59 (exact 95% CI 0.55 to 0.63)"): the rate-ratio
// interval is not a column of results.csv, but the finding states it, so the
// summary must show it too.
var ratioCIText = regexp.MustCompile(`CI (-?[0-9]+(?:\.[0-9]+)?) to (-?[0-9]+(?:\.[0-9]+)?)\)`)

// gapCells formats a comparison row's gap, its interval and its adjusted
// p-value for a summary line. Counts per 1,000 or per square mile are
// compared by their ratio.
func gapCells(r *results.Row) (gap, ci, padj string) {
	if r.Suppressed {
		return "suppressed", "", ""
	}
	switch r.Unit {
	case results.UnitPer1000, results.UnitPerSqMi:
		if !math.IsNaN(r.Ratio) {
			gap = fmt.Sprintf("ratio %.2f", r.Ratio)
			if m := ratioCIText.FindStringSubmatch(r.Test); m != nil {
				ci = m[1] + " to " + m[2]
			}
		}
	default:
		gap = r.Unit.FormatDiff(r.Diff)
		ci = results.FormatInterval(r.DiffLow, r.DiffHigh, func(v float64) string { return r.Unit.FormatDiff(v) })
	}
	return gap, ci, results.FormatP(r.PAdj)
}

// sentences splits a finding into its sentences: a full stop followed by a
// space and a capital letter or digit ends one (decimals have no space after
// the point).
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && (s[i+2] >= 'A' && s[i+2] <= 'Z' || s[i+2] >= '0' && s[i+2] <= '9') {
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// statsParen is a parenthesis holding an interval or a p-value: the summary
// prints those in their own columns.
var statsParen = regexp.MustCompile(` \((?:rate ratio [^()]*; )?[0-9.]+% CI [^()]*\)| \([^()]*adjusted p[^()]*\)`)

// ShortFinding is the sentence of a section's finding about its lead row
// (see LeadRow), without the interval and p-value (the summary's columns)
// and without the verdict (its Status column). A finding with no sentence
// about that row gives "Group vs Reference: measure".
func ShortFinding(s *results.Section) string {
	lead := LeadRow(s)
	ss := sentences(s.Finding)
	if lead < 0 || len(ss) == 0 {
		if len(ss) > 0 {
			return ss[0]
		}
		return s.Finding
	}
	r := &s.Rows[lead]
	// The sentence stating the row's size; else one naming its group with
	// a verdict; else, for the headline row, the finding's first sentence.
	pick := ""
	if m := magnitudeText(r); m != "" {
		for _, x := range ss {
			if !strings.HasPrefix(x, "Also flagged") && strings.Contains(x, m) {
				pick = x
				break
			}
		}
	}
	if pick == "" {
		group := strings.ToLower(r.Group)
		for _, x := range ss {
			if !strings.HasPrefix(x, "Also flagged") && strings.Contains(x, "flagged for review") && strings.Contains(strings.ToLower(x), group) {
				pick = x
				break
			}
		}
	}
	if pick == "" && lead == s.Headline {
		pick = ss[0]
	}
	if pick == "" {
		return fmt.Sprintf("%s vs %s: %s.", r.Group, r.Reference, r.Measure)
	}
	pick = statsParen.ReplaceAllString(pick, "")
	for _, v := range []string{" — flagged for review.", " — no significant gap.", " — insufficient data."} {
		if strings.HasSuffix(pick, v) {
			pick = strings.TrimSuffix(pick, v) + "."
		}
	}
	return pick
}

// magnitudeText is how a finding sentence states a row's size: "11.1" (of
// "11.1 percentage points"), "$1.95", or the group's rate per 1,000.
func magnitudeText(r *results.Row) string {
	if r.Suppressed || math.IsNaN(r.Diff) {
		return ""
	}
	switch r.Unit {
	case results.UnitRate, results.UnitOddsRatio:
		return results.FormatFixed(math.Abs(r.Diff)*100, 1) + " percentage points"
	case results.UnitDollars:
		return results.FormatDollars(math.Abs(r.Diff))
	case results.UnitPer1000:
		return results.UnitPer1000.Format(r.Value)
	}
	return ""
}
