package compare

import (
	"fmt"
	"math"
	"strings"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// Outcome is one baseline entry checked against a run.
type Outcome struct {
	Entry *Entry
	Row   results.Row
	// Now is the run's value of the entry's field (1/0 for flags), NaN when
	// the run has none (a suppressed group, an empty cell).
	Now float64
	// Diff is Now − Published; Allowed the largest |Diff| within tolerance.
	Diff, Allowed float64
	Tolerance     Tolerance
	OK            bool
	// NotYet: the entry's row is "not yet reported" in this run (METHODS
	// §2.9) — its own outcome, neither within tolerance nor drift: most of
	// its cohort's outcomes are not in yet, so its value says nothing about
	// the published one. It does not fail the check (exit 0 without drift).
	NotYet bool
	// Reason says why an entry drifted or is not yet reported.
	Reason string
}

// CheckReport is the outcome of checking a baseline against one run.
type CheckReport struct {
	Baseline *Baseline
	Results  *reports.Results
	Outcomes []Outcome
	// Warnings are printed but do not fail the check (other data when the
	// baseline says on_other_data: warn, a different tool version).
	Warnings []string
}

// Drifted returns the outcomes beyond tolerance (not those not yet reported).
func (c *CheckReport) Drifted() []Outcome {
	var out []Outcome
	for _, o := range c.Outcomes {
		if !o.OK && !o.NotYet {
			out = append(out, o)
		}
	}
	return out
}

// NotYetReported returns the outcomes whose rows are not yet reported.
func (c *CheckReport) NotYetReported() []Outcome {
	var out []Outcome
	for _, o := range c.Outcomes {
		if o.NotYet {
			out = append(out, o)
		}
	}
	return out
}

// InputError is a baseline that cannot be checked against the run: entries
// that match no row (or several), or a run on other data than the baseline
// was published from. It is a usage/input error, not drift.
type InputError struct{ Problems []string }

func (e *InputError) Error() string { return strings.Join(e.Problems, "\n") }

// maxProblems caps the unmatched entries listed: beyond a few, the cause is
// one (another version's results, another disparity set), not many typos.
const maxProblems = 10

// Check matches every entry of b with a row of res — a join of the entries
// with the run's results frame on (disparity, measure, group), then on the
// reference where the entry names one — and compares the values. All
// entries that match nothing are reported together, each with the closest
// row id as a suggestion.
func Check(b *Baseline, res *reports.Results) (*CheckReport, error) {
	rep := &CheckReport{Baseline: b, Results: res}
	if p := otherData(b, res); len(p) > 0 {
		if b.OnOtherData != "warn" {
			return nil, &InputError{append([]string{fmt.Sprintf("%s: the baseline was published from other data than this run read (set on_other_data: warn in the baseline to compare anyway):", b.Name)}, p...)}
		}
		rep.Warnings = append(rep.Warnings, "the run read other data than the baseline was published from (on_other_data: warn):")
		rep.Warnings = append(rep.Warnings, p...)
	}
	if b.Source != nil && b.Source.ToolVersion != "" && b.Source.ToolVersion != res.Provenance.Version {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("the baseline was written by wioa %s; this run is wioa %s", b.Source.ToolVersion, res.Provenance.Version))
	}
	matches, j, err := matchEntries(b, res)
	if err != nil {
		return nil, err
	}
	cols := map[string]int{}
	for i, name := range j.Names() {
		cols[name] = i
	}
	var problems []string
	for i := range b.Entries {
		e := &b.Entries[i]
		match := matches[i]
		switch len(match.rows) {
		case 0:
			problems = append(problems, fmt.Sprintf("%s:%d: %s matches no result%s", b.Name, e.Line, e.ID(), hint(e, res)))
			continue
		case 1:
		default:
			var refs []string
			for _, r := range match.rows {
				refs = append(refs, fmt.Sprintf("%q", res.Rows[r].Reference))
			}
			problems = append(problems, fmt.Sprintf("%s:%d: %s matches %d results; add reference: (one of %s)", b.Name, e.Line, e.ID(), len(match.rows), strings.Join(refs, ", ")))
			continue
		}
		// The entry's field is the frame's column of that name (flags read
		// as 1/0, a suppressed n and empty cells as NaN).
		now := math.NaN()
		if c, ok := cols[e.Field]; ok {
			now = j.Elem(match.lines[0], c).Float()
		}
		rep.Outcomes = append(rep.Outcomes, checkOne(b, e, res.Rows[match.rows[0]], now, res.Provenance.Options.MinCell))
	}
	if len(problems) > 0 {
		if len(problems) > maxProblems {
			problems = append(problems[:maxProblems], fmt.Sprintf("… and %d more entries that match nothing", len(problems)-maxProblems))
		}
		return nil, &InputError{problems}
	}
	return rep, nil
}

// otherData lists how the run's inputs differ from the baseline's source.
func otherData(b *Baseline, res *reports.Results) []string {
	s, p := b.Source, res.Provenance
	if s == nil {
		return nil
	}
	var out []string
	diff := func(what, published, now string) {
		if published != "" && published != now {
			out = append(out, fmt.Sprintf("  %s: published from %s, this run %s", what, published, orNone(now)))
		}
	}
	diff("input sha256", s.InputSHA256, p.Input.SHA256)
	tr := ""
	if p.Tracts != nil {
		tr = p.Tracts.SHA256
	}
	diff("tracts sha256", s.TractsSHA256, tr)
	diff("exit window", s.ExitWindow, p.Window)
	// The restriction is compared even when the source leaves it out: no
	// board (program) named is every board (program).
	all := func(s, what string) string {
		if s == "" {
			return "all " + what
		}
		return s
	}
	if pb, nb := canonBoards(s.Board), strings.Join(p.Board, ","); pb != nb {
		out = append(out, fmt.Sprintf("  local board (PIRL 108A): published from %s, this run %s", all(pb, "boards"), all(nb, "boards")))
	}
	if pp, np := canonPrograms(s.Programs), strings.Join(p.Programs, ","); pp != np {
		out = append(out, fmt.Sprintf("  programs: published from %s, this run %s", all(pp, "programs"), all(np, "programs")))
	}
	return out
}

// canonBoards and canonPrograms are a source's comma-separated lists as a
// run records them (measures.ParseRestriction): codes trimmed and sorted,
// programs lower-case in program order; a list that does not parse stays
// as written, and so differs.
func canonBoards(s string) string {
	if r, err := measures.ParseRestriction(s, ""); err == nil {
		return strings.Join(r.Boards, ",")
	}
	return s
}

func canonPrograms(s string) string {
	if r, err := measures.ParseRestriction("", s); err == nil {
		return strings.Join(r.ProgramList(), ",")
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// checkOne compares an entry with its row, whose value of the entry's
// field is now.
func checkOne(b *Baseline, e *Entry, r results.Row, now float64, minCell int) Outcome {
	tol := DefaultTolerance
	if b.Tolerance != nil {
		tol = *b.Tolerance
	}
	if e.Tolerance != nil {
		tol = *e.Tolerance
	}
	o := Outcome{Entry: e, Row: r, Tolerance: tol, Now: now}
	if r.Status == results.StatusNotYetReported {
		o.NotYet, o.Diff, o.Allowed = true, math.NaN(), tol.Allowed(e.Published)
		if !boolField(e.Field) && !math.IsNaN(now) && !r.Suppressed {
			o.Diff = now - e.Published
		}
		o.Reason = "not yet reported in this run: most of the cohort's outcomes are not yet available"
		return o
	}
	if boolField(e.Field) {
		o.Diff, o.Allowed = o.Now-e.Published, 0
		o.OK = o.Now == e.Published
		if !o.OK {
			o.Reason = fmt.Sprintf("%s was %t, now %t", e.Field, e.Published == 1, o.Now == 1)
		}
		return o
	}
	o.Allowed = tol.Allowed(e.Published)
	switch {
	case r.Suppressed:
		o.Now, o.Diff = math.NaN(), math.NaN()
		o.Reason = fmt.Sprintf("suppressed in this run (n < %d): the value is not published", minCell)
	case math.IsNaN(o.Now):
		o.Diff = math.NaN()
		o.Reason = "no " + e.Field + " in this run"
	default:
		o.Diff = o.Now - e.Published
		// A small relative slack so that a value exactly at the tolerance
		// does not fail on binary rounding.
		o.OK = math.Abs(o.Diff) <= o.Allowed*(1+1e-9)
		if !o.OK {
			o.Reason = "beyond tolerance"
		}
	}
	return o
}

// hint suggests why an entry matched nothing: an unknown disparity, one
// not run or not computed, or else the closest row id ("did you mean …").
func hint(e *Entry, res *reports.Results) string {
	if _, ok := disparities.Lookup(e.Disparity); !ok {
		var ids []string
		for _, d := range disparities.All {
			ids = append(ids, d.ID)
		}
		if d := closest(e.Disparity, ids); d != "" {
			return fmt.Sprintf(" (unknown disparity; did you mean %q?)", d)
		}
		return " (unknown disparity; known: " + strings.Join(ids, ", ") + ")"
	}
	ran := false
	for _, d := range res.Provenance.Disparities {
		ran = ran || d == e.Disparity
	}
	if !ran {
		return fmt.Sprintf(" (%s was not run; see --only)", e.Disparity)
	}
	for _, s := range res.Disparities {
		if s.ID == e.Disparity && s.NotComputed != "" {
			return fmt.Sprintf(" (%s was not computed in this run: %s)", e.Disparity, s.NotComputed)
		}
	}
	// Without a reference the entry is compared with rows' ids without
	// theirs, so that the reference does not count as a typo.
	var ids []string
	full := map[string]string{}
	for _, r := range res.Rows {
		id := reports.RowID(r)
		if e.Reference == nil {
			r.Reference = ""
		}
		short := reports.RowID(r)
		if _, dup := full[short]; !dup {
			full[short] = id
			ids = append(ids, short)
		}
	}
	if c := closest(e.ID(), ids); c != "" {
		return fmt.Sprintf("; did you mean %q?", full[c])
	}
	return ""
}

// closest returns the candidate with the smallest edit distance to s, or ""
// when none is close enough to be a plausible typo (more than half of s).
func closest(s string, cands []string) string {
	best, bestD := "", len(s)/2+1
	for _, c := range cands {
		if d := levenshtein(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
