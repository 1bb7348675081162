package results

import "math"

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
	// Status is the row's verdict (METHODS §6.3), set by Rules.Flag:
	// StatusNone on a group's own row unless it is suppressed or not yet
	// reported.
	Status Status `json:"status"`
	// MDD is the minimum detectable difference of a comparison (METHODS
	// §4.11), in the unit of Diff (a proportion for rates, dollars, per
	// 1,000, the AME for odds ratios); NaN when it does not apply.
	MDD float64 `json:"min_detectable_diff"`

	// Not in the CSV: how to present the row.
	Unit Unit   `json:"-"`
	Test string `json:"-"` // the test behind P, e.g. "two-proportion z", "Fisher exact", "Welch t"
	// RefN is the reference group's size (0 when there is no reference).
	RefN int `json:"-"`
	// Pending counts the group's cohort members whose outcome is not yet
	// available, out of Cohort (the group's members the measure is taken
	// over: N plus Pending for a rate); RefPending and RefCohort the same
	// for the reference. Never output; they decide StatusNotYetReported
	// (Rules.NotYet) and survive suppression.
	Pending, Cohort, RefPending, RefCohort int `json:"-"`
}

var nan = math.NaN()

// BlankRow is a row with every numeric field NaN.
func BlankRow(disp, measure, group, ref string, unit Unit) Row {
	return Row{Disparity: disp, Measure: measure, Group: group, Reference: ref, Unit: unit,
		Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan, MDD: nan}
}

// Suppress blanks every value of a row whose group is below the minimum
// cell size (METHODS §5), keeping its keys, unit and test.
func Suppress(r Row) Row {
	s := BlankRow(r.Disparity, r.Measure, r.Group, r.Reference, r.Unit)
	s.Suppressed = true
	s.Test = r.Test
	s.Pending, s.Cohort, s.RefPending, s.RefCohort = r.Pending, r.Cohort, r.RefPending, r.RefCohort
	return s
}

// ComplementarySuppression marks (in Row.Test) a group hidden only to protect a smaller one.
const ComplementarySuppression = "complementary suppression"

// Complementary applies secondary suppression to the rows of one measure:
// when exactly one group is suppressed, its size and value could be
// recovered from the others and the totals the report prints, so the
// smallest other group is suppressed too, and comparisons against it are
// withdrawn.
func Complementary(rows []Row) []Row {
	hidden := -1
	for i, r := range rows {
		if r.Suppressed {
			if hidden >= 0 {
				return rows // two or more already hidden
			}
			hidden = i
		}
	}
	if hidden < 0 || len(rows) < 2 {
		return rows
	}
	next := -1
	for i, r := range rows {
		if i != hidden && (next < 0 || r.N < rows[next].N) {
			next = i
		}
	}
	rows[next] = Suppress(rows[next])
	rows[next].Test = ComplementarySuppression
	// Comparisons against a now-hidden reference are withdrawn too.
	for i := range rows {
		if rows[i].Reference != "" && rows[i].Reference == rows[next].Group && !rows[i].Suppressed {
			keep := rows[i]
			rows[i] = BlankRow(keep.Disparity, keep.Measure, keep.Group, keep.Reference, keep.Unit)
			rows[i].N, rows[i].Value, rows[i].CILow, rows[i].CIHigh = keep.N, keep.Value, keep.CILow, keep.CIHigh
			rows[i].Pending, rows[i].Cohort, rows[i].RefPending, rows[i].RefCohort = keep.Pending, keep.Cohort, keep.RefPending, keep.RefCohort
		}
	}
	return rows
}

// RoundSig rounds v to n significant digits (how published medians are
// rounded, METHODS §5).
func RoundSig(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// RoundMedians rounds the value, difference and both intervals of each row
// to 3 significant digits. A median, and the order statistics bounding its
// interval, are single people's values: they are published rounded
// (privacy, METHODS §5).
func RoundMedians(rows []Row) {
	for g := range rows {
		r := &rows[g]
		for _, v := range []*float64{&r.Value, &r.CILow, &r.CIHigh, &r.Diff, &r.DiffLow, &r.DiffHigh, &r.MDD} {
			*v = RoundSig(*v, 3)
		}
	}
}

// AsFocal restates comparisons of every group with rows[ref] as
// comparisons of the ref group with each other group (METHODS §3 phrases
// education as "less than HS vs each other level"). It returns each group's
// own row (Reference "") followed by one row per other group L with Group =
// the ref group, Reference = L, the ref group's value, Diff = ref − L and the
// same test. Rows keep their order; the 4-tuple (disparity, measure, group,
// reference) stays unique.
func AsFocal(rows []Row, ref int) []Row {
	focal := rows[ref]
	out := make([]Row, 0, 2*len(rows)-1)
	for i, r := range rows {
		own := r
		if i != ref {
			own = BlankRow(r.Disparity, r.Measure, r.Group, "", r.Unit)
			own.N, own.Value, own.CILow, own.CIHigh, own.Suppressed, own.Test = r.N, r.Value, r.CILow, r.CIHigh, r.Suppressed, r.Test
			own.Pending, own.Cohort = r.Pending, r.Cohort
		}
		out = append(out, own)
	}
	for i, r := range rows {
		if i == ref {
			continue
		}
		c := BlankRow(focal.Disparity, focal.Measure, focal.Group, r.Group, focal.Unit)
		c.Suppressed, c.Test = focal.Suppressed, r.Test
		c.Pending, c.Cohort, c.RefPending, c.RefCohort = focal.Pending, focal.Cohort, r.Pending, r.Cohort
		if !focal.Suppressed {
			c.N, c.Value, c.CILow, c.CIHigh = focal.N, focal.Value, focal.CILow, focal.CIHigh
			c.RefN = r.N
			if !r.Suppressed {
				c.Diff, c.DiffLow, c.DiffHigh, c.P, c.MDD = -r.Diff, -r.DiffHigh, -r.DiffLow, r.P, r.MDD
				if r.Ratio != 0 {
					c.Ratio = 1 / r.Ratio
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// ChartRows keeps each group's own row (Reference "") for a chart, once per
// (measure, group). With markRef false no group is drawn as the reference
// (used when one focal group is compared with every other).
func ChartRows(rows []Row, markRef bool) []Row {
	var out []Row
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Reference != "" || seen[r.Measure+"\x00"+r.Group] {
			continue
		}
		seen[r.Measure+"\x00"+r.Group] = true
		if !markRef {
			r.Reference = "—"
		}
		out = append(out, r)
	}
	return out
}
