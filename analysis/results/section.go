package results

// Status is a section's overall verdict, in neutral words (METHODS §5).
type Status uint8

const (
	StatusNoGap        Status = iota // "no significant gap"
	StatusFlagged                    // "flagged for review"
	StatusInsufficient               // "insufficient data"
	StatusNotComputed                // "not computed: needs …"
)

func (s Status) String() string {
	return [...]string{"no significant gap", "flagged for review", "insufficient data", "not computed"}[s]
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
