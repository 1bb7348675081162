package results

import "strconv"

// Status is the verdict of a section or of one comparison row, in neutral
// words (METHODS §5.2, §6.3).
type Status uint8

const (
	StatusNoGap        Status = iota // "no significant gap"
	StatusFlagged                    // "flagged for review"
	StatusInsufficient               // "insufficient data"
	StatusNotComputed                // "not computed: needs …"
	// StatusTooLittle: not flagged, and the minimum detectable difference is
	// above the practical size — the data could not have shown a gap that
	// matters (METHODS §4.11).
	StatusTooLittle // "too little data to tell"
	// StatusNotYetReported: most of the comparison's cohort has no outcome
	// yet (employment still 9 "not yet available"; METHODS §2.9). Distinct
	// from a small cell and from missing data.
	StatusNotYetReported // "not yet reported"
	// StatusSuppressed: a row whose group is below the minimum cell size (METHODS §5.3).
	StatusSuppressed // "suppressed"
	// StatusNone: a group's own row, which compares nothing.
	StatusNone // ""
)

var statusNames = [...]string{"no significant gap", "flagged for review", "insufficient data", "not computed",
	"too little data to tell", "not yet reported", "suppressed", ""}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "status " + strconv.Itoa(int(s))
}

// ParseStatus returns the status whose String is s ("" is StatusNone).
func ParseStatus(s string) (Status, bool) {
	for k, name := range statusNames {
		if name == s {
			return Status(k), true
		}
	}
	return StatusNone, false
}

// Section is one analysis's result: a disparity, or the WIOA indicators.
type Section struct {
	ID, Title, Question string
	Status              Status
	// Finding is the plain-language lead sentence.
	Finding string
	// Headline indexes the row summarised in the report's summary table; -1 for none.
	Headline int
	Rows     []Row
	Charts   []Chart
	// LeftOut lists records of the analysed population that a measure could not use, by reason.
	LeftOut []LeftOut
	// Warnings are footnotes: conditions that did not stop the analysis.
	Warnings []string
	// NotComputed says what is missing when Status is StatusNotComputed.
	NotComputed string
	// Windows states the exit window of each of the section's measures
	// when the run gives measures windows of their own (--program-year,
	// METHODS §2.1); empty when one window holds for every measure.
	Windows []MeasureWindow
}

// MeasureWindow is the exit window of some measures of a section.
type MeasureWindow struct {
	Measures []string
	// Window says which records, e.g. "exits 2022-07-01 to 2023-06-30 (DOL's Q2 cohort)".
	Window string
}

// Chart asks the renderer for one group chart: rows of one unit.
type Chart struct {
	Name  string // file base name, e.g. "gender-wages-mean"
	Title string
	Rows  []Row
}

// LeftOut is a count of records a measure could not use, and why.
type LeftOut struct {
	Measure string
	Reason  string
	N       int
}

// InferStatus is the status of a row read from a results.json written
// before rows carried one: suppressed, a group's own row, insufficient data
// without any comparison, flagged, or no significant gap (such a file holds
// no minimum detectable difference and no not-yet-reported counts).
func InferStatus(r *Row) Status {
	switch {
	case r.Suppressed:
		return StatusSuppressed
	case r.Reference == "":
		return StatusNone
	case r.P != r.P && r.DiffLow != r.DiffLow && r.Ratio != r.Ratio: // all NaN
		return StatusInsufficient
	case r.Flagged:
		return StatusFlagged
	}
	return StatusNoGap
}
