package compare

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
)

// WriteOptions configures WriteBaseline.
type WriteOptions struct {
	// AllRows writes every row — odds ratios, trend statistics, densities,
	// decomposition terms, and suppressed rows as "suppressed: true" — instead
	// of the headline rows only.
	AllRows bool
	// Tolerance is the baseline's default; zero means DefaultTolerance.
	Tolerance Tolerance
}

// headline reports whether a row holds a number a board publishes: a rate,
// a dollar amount or a participation rate per 1,000.
func headline(r results.Row) bool {
	switch r.Unit {
	case results.UnitRate, results.UnitDollars, results.UnitPer1000:
		return !strings.Contains(r.Measure, "decomposition")
	}
	return false
}

// Round rounds v as it would be published: rates (proportions) and
// differences of rates to 4 decimals (0.1 pp is 0.001, one more digit keeps
// the rounding well inside the default tolerance), dollars to cents, counts
// per 1,000 and per square mile to 2 decimals, ratios and statistics to 3.
func Round(v float64, u results.Unit, field string) float64 {
	d := decimals(u, field)
	if d < 0 {
		return v
	}
	p := math.Pow10(d)
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// WriteBaseline writes a baseline from a run: for each headline row (or
// every row with AllRows) its value, and for a comparison with a reference
// its difference and whether it is flagged for review, rounded by Round.
// Suppressed rows have no published value; with AllRows they are written as
// "suppressed: true" so that a cell becoming publishable is noticed too.
func WriteBaseline(w io.Writer, res *reports.Results, o WriteOptions) error {
	tol := o.Tolerance
	if tol.Abs == 0 && tol.Rel == 0 {
		tol = DefaultTolerance
	}
	p := res.Provenance
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `# Published numbers for "wioa check --baseline". Each entry names a result row
# (disparity, measure, group, reference), a field (value when left out) and the
# published number. A number drifts when |now - published| > max(abs, rel*|published|),
# with the entry's tolerance or else the one below. Rates are proportions (0.381 = 38.1%%).
# When the run reads other data than "source" names, check stops (exit 2) unless
# on_other_data is "warn".
format: %s
source:
`, BaselineFormat)
	kv := func(indent, k, v string) {
		if v != "" {
			fmt.Fprintf(bw, "%s%s: %s\n", indent, k, q(v))
		}
	}
	kv("  ", "input", p.Input.Name)
	kv("  ", "input_sha256", p.Input.SHA256)
	if p.Tracts != nil {
		kv("  ", "tracts", p.Tracts.Name)
		kv("  ", "tracts_sha256", p.Tracts.SHA256)
	}
	kv("  ", "exit_window", p.Window)
	kv("  ", "tool_version", p.Version)
	kv("  ", "board", strings.Join(p.Board, ","))
	kv("  ", "programs", strings.Join(p.Programs, ","))
	fmt.Fprintf(bw, "on_other_data: error\ntolerance: %s\nentries:\n", flowTolerance(tol))
	n := 0
	entry := func(r results.Row, field, value string) {
		// The published value is rounded; its tolerance must cover that
		// rounding, half a step of its last decimal.
		et := tol
		if d := decimals(r.Unit, field); d >= 0 {
			et.Abs = math.Max(et.Abs, 0.5*math.Pow10(-d))
		}
		fmt.Fprintf(bw, "  - disparity: %s\n", q(r.Disparity))
		kv("    ", "measure", r.Measure)
		kv("    ", "group", r.Group)
		fmt.Fprintf(bw, "    reference: %s\n", q(r.Reference))
		if field != "value" {
			fmt.Fprintf(bw, "    field: %s\n", field)
		}
		fmt.Fprintf(bw, "    published: %s\n", value)
		if et != tol {
			fmt.Fprintf(bw, "    tolerance: %s\n", flowTolerance(et))
		}
		n++
	}
	for _, r := range res.Rows {
		if !o.AllRows && !headline(r) {
			continue
		}
		if r.Suppressed {
			if o.AllRows {
				entry(r, "suppressed", "true")
			}
			continue
		}
		if !math.IsNaN(r.Value) {
			entry(r, "value", fnum(Round(r.Value, r.Unit, "value")))
		}
		if r.Reference != "" && !math.IsNaN(r.Diff) {
			entry(r, "diff", fnum(Round(r.Diff, r.Unit, "diff")))
		}
		if r.Reference != "" && !math.IsNaN(r.PAdj) {
			entry(r, "flagged", fmt.Sprint(r.Flagged))
		}
	}
	if n == 0 {
		return fmt.Errorf("no publishable result to write a baseline from (every row is suppressed or empty)")
	}
	return bw.Flush()
}

// q renders a YAML scalar string, quoted only when YAML needs it.
func q(s string) string {
	if s == "" {
		return `""`
	}
	b, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// decimals is how many decimals Round keeps; -1 for fields not rounded.
func decimals(u results.Unit, field string) int {
	switch {
	case boolField(field), field == "n":
		return -1
	case field == "ratio":
		return 3
	case u == results.UnitDollars, u == results.UnitPer1000, u == results.UnitPerSqMi:
		return 2
	case u == results.UnitOddsRatio && field == "value", u == results.UnitScore:
		return 3
	}
	return 4
}

func flowTolerance(t Tolerance) string {
	var parts []string
	if t.Abs > 0 {
		parts = append(parts, "abs: "+fnum(t.Abs))
	}
	if t.Rel > 0 {
		parts = append(parts, "rel: "+fnum(t.Rel))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
