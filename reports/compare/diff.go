package compare

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/md"
)

// Change is one row of the comparison of two runs.
type Change struct {
	ID       string
	Old, New *results.Row // nil when the row is absent from that run
	// Delta is New.Value − Old.Value (NaN when either is missing).
	Delta float64
	// P is the two-sided p-value of the test that the value did not change,
	// PAdj the Holm-adjusted one over every change tested; NaN with
	// NotTested saying why when no test was made.
	P, PAdj   float64
	Test      string
	NotTested string
}

// Comparison is what changed from one run to another.
type Comparison struct {
	Old, New *reports.Results
	// Changes holds every row that differs in value, flag or suppression,
	// or is in one run only, in the new run's order (then old-only rows).
	Changes   []Change
	Unchanged int
	// OptionDiffs lists options that differ ("min_cell: 10 → 5").
	OptionDiffs []string
	// Independent is true when the exit windows do not overlap, so the two
	// cohorts are different people (up to people exiting twice) and a change
	// in a rate can be tested as two independent proportions.
	Independent bool
}

// Compare matches the rows of two runs by (disparity, measure, group,
// reference) — an outer join of their results frames — and tests the
// change of each rate: a two-proportion z test on the group's n and value
// in each run, or Fisher's exact test when an expected cell count is below
// 5 (as the report does for gaps). Counts are recovered as round(value ×
// n), exact for the rates results.json holds. Other measures are not tested
// (their standard errors are not in results.json); nor is anything when the
// two exit windows overlap, since the cohorts then share people. The error
// is a failed frame operation.
func Compare(old, new *reports.Results) (*Comparison, error) {
	c := &Comparison{Old: old, New: new, Independent: disjointWindows(old.Provenance.Window, new.Provenance.Window)}
	c.OptionDiffs = optionDiffs(old.Provenance.Options, new.Provenance.Options)
	// Runs restricted to other boards or programs describe other people.
	c.OptionDiffs = append(c.OptionDiffs, scopeDiffs(&old.Provenance, &new.Provenance)...)
	pairs, err := joinRuns(old, new)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		o, n := p.old, p.new
		r := n
		if r == nil {
			r = o
		}
		ch := Change{ID: reports.RowID(*r), Old: o, New: n, Delta: math.NaN(), P: math.NaN(), PAdj: math.NaN()}
		if o != nil && n != nil {
			if !o.Suppressed && !n.Suppressed {
				ch.Delta = n.Value - o.Value
			}
			if same(o.Value, n.Value) && o.Flagged == n.Flagged && o.Suppressed == n.Suppressed {
				c.Unchanged++
				continue
			}
		}
		c.test(&ch)
		c.Changes = append(c.Changes, ch)
	}
	var ps []float64
	var idx []int
	for i, ch := range c.Changes {
		if !math.IsNaN(ch.P) {
			ps = append(ps, ch.P)
			idx = append(idx, i)
		}
	}
	if len(ps) > 0 {
		for k, p := range stats.Holm(ps) {
			c.Changes[idx[k]].PAdj = p
		}
	}
	return c, nil
}

func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func (c *Comparison) test(ch *Change) {
	o, n := ch.Old, ch.New
	switch {
	case o == nil || n == nil:
		ch.NotTested = "in one run only"
	case o.Status == results.StatusNotYetReported || n.Status == results.StatusNotYetReported:
		ch.NotTested = "not yet reported"
	case o.Suppressed || n.Suppressed:
		ch.NotTested = "suppressed"
	case o.Unit != results.UnitRate || n.Unit != results.UnitRate:
		ch.NotTested = "not a rate"
	case !c.Independent:
		ch.NotTested = "exit windows overlap"
	case o.N <= 0 || n.N <= 0 || math.IsNaN(o.Value) || math.IsNaN(n.Value):
		ch.NotTested = "no n or value"
	default:
		x1 := int(math.Round(o.Value * float64(o.N)))
		x2 := int(math.Round(n.Value * float64(n.N)))
		if stats.NeedsExact(x1, o.N-x1, x2, n.N-x2) {
			ch.P, ch.Test = stats.Fisher2x2(x1, o.N-x1, x2, n.N-x2).P, "Fisher exact"
		} else {
			_, ch.P = stats.TwoPropZ(x1, o.N, x2, n.N)
			ch.Test = "two-proportion z"
		}
		if math.IsNaN(ch.P) {
			ch.NotTested, ch.Test = "test undefined", ""
		}
	}
}

func optionDiffs(a, b reports.Options) []string {
	var out []string
	d := func(name string, x, y any) {
		if fmt.Sprint(x) != fmt.Sprint(y) {
			out = append(out, fmt.Sprintf("%s: %v → %v", name, x, y))
		}
	}
	d("confidence", a.Conf, b.Conf)
	d("alpha", a.Alpha, b.Alpha)
	d("min_cell", a.MinCell, b.MinCell)
	d("poverty_threshold", a.PovertyThreshold, b.PovertyThreshold)
	d("p_adjust", a.Adjust, b.Adjust)
	d("bootstrap", a.Bootstrap, b.Bootstrap)
	d("oaxaca_bootstrap", a.OaxacaBootstrap, b.OaxacaBootstrap)
	return out
}

// scopeDiffs lists the --board and --program restrictions that differ
// ("board: all boards → 13101").
func scopeDiffs(a, b *reports.Provenance) []string {
	scope := func(xs []string, all string) string {
		if len(xs) == 0 {
			return all
		}
		return strings.Join(xs, ",")
	}
	var out []string
	if x, y := scope(a.Board, "all boards"), scope(b.Board, "all boards"); x != y {
		out = append(out, "board: "+x+" → "+y)
	}
	if x, y := scope(a.Programs, "all programs"), scope(b.Programs, "all programs"); x != y {
		out = append(out, "programs: "+x+" → "+y)
	}
	return out
}

var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// windowBounds recovers an exit window's first and last dates (ISO strings;
// "" for unbounded) from its label in the provenance ("exits in 2024Q3
// (2024-07-01 to 2024-09-30)", "exits from the earliest exit to 2024-06-30",
// "all exits in the file").
func windowBounds(label string) (from, to string) {
	i := strings.LastIndex(label, " to ")
	if i < 0 {
		return "", ""
	}
	if d := isoDate.FindString(label[:i]); d != "" {
		from = d
	}
	if d := isoDate.FindString(label[i:]); d != "" {
		to = d
	}
	return from, to
}

// disjointWindows reports whether two exit windows share no day.
func disjointWindows(a, b string) bool {
	af, at := windowBounds(a)
	bf, bt := windowBounds(b)
	return (at != "" && bf != "" && at < bf) || (bt != "" && af != "" && bt < af)
}

// cellValue renders a row's value for a table: formatted in its unit,
// "suppressed", or "—" when absent.
func cellValue(r *results.Row) string {
	switch {
	case r == nil:
		return "—"
	case r.Status == results.StatusNotYetReported:
		return "not yet reported"
	case r.Suppressed:
		return "suppressed"
	case math.IsNaN(r.Value):
		return "—"
	}
	return r.Unit.Format(r.Value)
}

func flagCell(o, n *results.Row) string {
	f := func(r *results.Row) bool { return r != nil && r.Flagged }
	switch {
	case f(o) && n != nil && n.Status == results.StatusNotYetReported:
		// Not a closed gap: the new run's outcomes are not in yet (METHODS §2.9).
		return "not yet reported"
	case !f(o) && f(n):
		return "newly flagged"
	case f(o) && !f(n):
		return "no longer flagged"
	case f(n):
		return "flagged"
	}
	return ""
}

// mdCell escapes a string from a results file for a table cell or inline
// text (see package md): every label in results.json is input.
func mdCell(s string) string { return md.Cell(s) }

// WriteMarkdown writes the comparison: which data each side came from, a
// warning when options differ, flag changes, then a table of value changes.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	op, np := c.Old.Provenance, c.New.Provenance
	fmt.Fprintf(b, "# What changed\n\n| | old | new |\n|---|---|---|\n")
	row := func(k, x, y string) { fmt.Fprintf(b, "| %s | %s | %s |\n", k, mdCell(x), mdCell(y)) }
	row("results", c.Old.Source, c.New.Source)
	row("input", fmt.Sprintf("%s (sha256 %s)", op.Input.Name, short(op.Input.SHA256)), fmt.Sprintf("%s (sha256 %s)", np.Input.Name, short(np.Input.SHA256)))
	tr := func(p reports.Provenance) string {
		if p.Tracts == nil {
			return "none"
		}
		return fmt.Sprintf("%s (sha256 %s)", p.Tracts.Name, short(p.Tracts.SHA256))
	}
	row("tracts", tr(op), tr(np))
	row("exit window", op.Window, np.Window)
	row("rows read / cohort", fmt.Sprintf("%d / %d", op.RowsRead, op.Cohort), fmt.Sprintf("%d / %d", np.RowsRead, np.Cohort))
	row("wioa version", op.Version, np.Version)
	fmt.Fprintln(b)
	if len(c.OptionDiffs) > 0 {
		fmt.Fprintf(b, "> **Warning: the two runs used different options** (%s); differences may come from the options, not the data.\n\n", md.Text(strings.Join(c.OptionDiffs, "; ")))
	}
	var newly, gone, pending []string
	for _, ch := range c.Changes {
		switch flagCell(ch.Old, ch.New) {
		case "not yet reported":
			pending = append(pending, fmt.Sprintf("- %s: %s → not yet reported", md.Text(ch.ID), cellValue(ch.Old)))
		case "newly flagged":
			newly = append(newly, fmt.Sprintf("- %s: %s → %s", md.Text(ch.ID), cellValue(ch.Old), cellValue(ch.New)))
		case "no longer flagged":
			gone = append(gone, fmt.Sprintf("- %s: %s → %s", md.Text(ch.ID), cellValue(ch.Old), cellValue(ch.New)))
		}
	}
	fmt.Fprintf(b, "## Flags for review\n\n")
	if len(newly)+len(gone)+len(pending) == 0 {
		fmt.Fprintf(b, "No gap changed its flag.\n\n")
	}
	if len(newly) > 0 {
		fmt.Fprintf(b, "Newly flagged for review (%d):\n\n%s\n\n", len(newly), strings.Join(newly, "\n"))
	}
	if len(gone) > 0 {
		fmt.Fprintf(b, "No longer flagged (%d):\n\n%s\n\n", len(gone), strings.Join(gone, "\n"))
	}
	if len(pending) > 0 {
		fmt.Fprintf(b, "Flagged before, not yet reported now (%d) — most of the new run's outcomes are not in yet, so these gaps are neither confirmed nor closed:\n\n%s\n\n", len(pending), strings.Join(pending, "\n"))
	}
	fmt.Fprintf(b, "## Values\n\n")
	if len(c.Changes) == 0 {
		fmt.Fprintf(b, "No value changed (%d rows compared).\n", c.Unchanged)
		return b.Flush()
	}
	fmt.Fprintf(b, "%d rows changed, %d unchanged. *Change p* tests whether the group's own rate changed between the two cohorts (Holm-adjusted over the %s tested in brackets); it is computed only for rates, and only when the exit windows do not overlap.\n\n",
		len(c.Changes), c.Unchanged, plural(c.tested(), "row"))
	fmt.Fprintf(b, "| disparity | measure | group | reference | old | new | change | change p (adj.) | flag |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, ch := range c.Changes {
		r := ch.New
		if r == nil {
			r = ch.Old
		}
		delta := r.Unit.FormatChange(ch.Delta)
		p := "not computed (" + md.Cell(ch.NotTested) + ")"
		if ch.NotTested == "" {
			p = fmt.Sprintf("%s (%s)", results.FormatP(ch.P), results.FormatP(ch.PAdj))
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdCell(r.Disparity), mdCell(r.Measure), mdCell(r.Group),
			mdCell(r.Reference), cellValue(ch.Old), cellValue(ch.New), delta, p, flagCell(ch.Old, ch.New))
	}
	return b.Flush()
}

func (c *Comparison) tested() int {
	k := 0
	for _, ch := range c.Changes {
		if ch.NotTested == "" {
			k++
		}
	}
	return k
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}
