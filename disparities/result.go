package disparities

// Row is one line of results.csv / results.json: one (disparity, measure,
// group) comparison. Columns and their order are fixed by METHODS §6.
//
// Value is the group's own estimate (a rate in [0,1], dollars, a count per
// 1,000, an odds ratio, …, as Unit says) with its interval; Diff and Ratio
// compare the group with Reference. Fields that do not apply are NaN, which
// renders as an empty cell. When Suppressed is true every numeric field other
// than N is NaN and N is 0: a suppressed group's size is not published either.
type Row struct {
	Disparity  string  `json:"disparity"`
	Measure    string  `json:"measure"`
	Group      string  `json:"group"`
	Reference  string  `json:"reference"`
	N          int     `json:"n"`
	Value      float64 `json:"value"`
	CILow      float64 `json:"ci_low"`
	CIHigh     float64 `json:"ci_high"`
	Diff       float64 `json:"diff"`
	DiffLow    float64 `json:"diff_ci_low"`
	DiffHigh   float64 `json:"diff_ci_high"`
	Ratio      float64 `json:"ratio"`
	P          float64 `json:"p_value"`
	PAdj       float64 `json:"p_adjusted"`
	Flagged    bool    `json:"flagged"`
	Suppressed bool    `json:"suppressed"`

	// Not in the CSV: how to present the row.
	Unit Unit   `json:"-"`
	Test string `json:"-"` // the test behind P, e.g. "two-proportion z", "Fisher exact", "Welch t"
	// RefN is the reference group's size (0 when there is no reference).
	RefN int `json:"-"`
}

// Unit says what Value measures, for formatting and plot axes.
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
