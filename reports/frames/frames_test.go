package frames

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/go-gota/gota/series"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
)

// testRows cover what a results frame must keep: a suppressed row (n and
// every value missing), empty (NaN) cells, ±Inf, −0, every unit, a test
// name, an empty reference and labels spelled "NaN", which gota reads as
// missing.
func testRows() []results.Row {
	var rows []results.Row
	for u := results.UnitRate; u <= results.UnitScore; u++ {
		r := results.BlankRow("gender-wages", "m "+u.Key(), "Women", "Men", u)
		r.N, r.Value, r.CILow, r.CIHigh, r.Diff, r.P, r.PAdj, r.Flagged = 120+int(u), 0.25, 0.2, 0.3, -0.125, 0.01, 0.04, u%2 == 0
		r.Test = "Welch t"
		rows = append(rows, r)
	}
	sup := results.Suppress(rows[0])
	sup.Group = "Information Technology"
	own := results.BlankRow("gender-wages", "m rate", "Men", "", results.UnitRate)
	own.N, own.Value = 0, math.Copysign(0, -1)
	odd := results.BlankRow("NaN", "NaN", "NaN", "NaN", results.UnitDollars)
	odd.N, odd.Value, odd.Ratio, odd.Test = 7, math.Inf(1), math.Inf(-1), "NaN"
	return append(rows, sup, own, odd)
}

func sameFloat(a, b float64) bool {
	return math.IsNaN(a) && math.IsNaN(b) || a == b && math.Signbit(a) == math.Signbit(b)
}

// Rows(FromRows(rows)) gives the rows back exactly.
func TestRoundTrip(t *testing.T) {
	rows := testRows()
	df, err := FromRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(df.Names(), Columns) {
		t.Errorf("columns %v, want %v", df.Names(), Columns)
	}
	got, err := Rows(df)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows back, want %d", len(got), len(rows))
	}
	for i := range rows {
		g, w := got[i], rows[i]
		gf, wf := floatFields(&g), floatFields(&w)
		for c := range gf {
			if !sameFloat(*gf[c], *wf[c]) {
				t.Errorf("row %d %s: %v, want %v", i, floatNames[c], *gf[c], *wf[c])
			}
			*gf[c], *wf[c] = 0, 0
		}
		if g != w {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
}

// Missing cells are those results.csv leaves empty: a suppressed group's
// n, NaN values; nothing else.
func TestMissingCells(t *testing.T) {
	rows := testRows()
	df, err := FromRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	for c, name := range df.Names() {
		for i, r := range rows {
			var want bool
			switch {
			case name == "n":
				want = r.Suppressed
			case textColumns[name] || boolColumns[name]:
				v := map[string]string{"disparity": r.Disparity, "measure": r.Measure, "group": r.Group, "reference": r.Reference, "test": r.Test}[name]
				want = v == "NaN" // gota's reading of the text "NaN"
			default:
				want = math.IsNaN(*floatFields(&r)[floatIndex(name)])
			}
			if got := df.Elem(i, c).IsNA(); got != want {
				t.Errorf("row %d %s: missing %v, want %v", i, name, got, want)
			}
		}
	}
	want := map[string]series.Type{"n": series.Int, "flagged": series.Bool, "suppressed": series.Bool, "value": series.Float, "group": series.String, "unit": series.String}
	for i, typ := range df.Types() {
		if w, ok := want[df.Names()[i]]; ok && typ != w {
			t.Errorf("column %s is %s, want %s", df.Names()[i], typ, w)
		}
	}
}

// A results.json read into a frame and back is the run's rows; a run
// without rows is a frame without lines.
func TestResultsFile(t *testing.T) {
	res, err := reports.ReadResults("testdata/results.json")
	if err != nil {
		t.Fatal(err)
	}
	df, err := Results(res)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Rows(df)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(res.Rows) || len(rows) == 0 {
		t.Fatalf("%d rows, want %d", len(rows), len(res.Rows))
	}
	for i := range rows {
		a, b := rows[i], res.Rows[i]
		fa, fb := floatFields(&a), floatFields(&b)
		for c := range fa {
			if !sameFloat(*fa[c], *fb[c]) {
				t.Fatalf("row %d %s: %v, want %v", i, floatNames[c], *fa[c], *fb[c])
			}
			*fa[c], *fb[c] = 0, 0
		}
		if a != b {
			t.Fatalf("row %d: %+v, want %+v", i, a, b)
		}
	}
	empty, err := FromRows(nil)
	if err != nil || empty.Nrow() != 0 || empty.Ncol() != len(Columns) {
		t.Errorf("empty run: %d×%d, %v", empty.Nrow(), empty.Ncol(), err)
	}
	if back, err := Rows(empty); err != nil || len(back) != 0 {
		t.Errorf("empty run back: %v, %v", back, err)
	}
}

// gota's recorded errors come back as errors saying what failed.
func TestErrors(t *testing.T) {
	df, err := FromRows(testRows())
	if err != nil {
		t.Fatal(err)
	}
	if err := Err(df.Select("no such column"), "selecting"); err == nil || !strings.HasPrefix(err.Error(), "selecting: ") {
		t.Errorf("Select of an unknown column: %v", err)
	}
	if err := SeriesErr(df.Col("nope"), "column"); err == nil {
		t.Error("Col of an unknown column: no error")
	}
	if _, err := Rows(df.Select([]string{"group", "value"})); err == nil {
		t.Error("Rows of a frame without the columns: no error")
	}
	if _, err := WithKey(df, "key", "nope"); err == nil {
		t.Error("WithKey of an unknown column: no error")
	}
	if _, err := Prefixed(df.Select("nope"), "old_"); err == nil {
		t.Error("Prefixed of a failed frame: no error")
	}
	wrapped := Err(df.Select("nope"), "x")
	if errors.Unwrap(wrapped) == nil {
		t.Error("Err does not wrap gota's error")
	}
}

func TestKey(t *testing.T) {
	seen := map[string][]string{}
	for _, parts := range [][]string{{"a", "b"}, {"ab"}, {"a", "b", ""}, {"", "ab"}, {"NaN"}, {"1:a"}, {}} {
		k := Key(parts...)
		if prev, dup := seen[k]; dup {
			t.Errorf("Key(%q) = Key(%q) = %q", parts, prev, k)
		}
		seen[k] = parts
		if series.New([]string{k}, series.String, "").HasNaN() {
			t.Errorf("Key(%q) = %q reads as missing", parts, k)
		}
	}
}

// TestGotaOffPerPersonPath: gota serves the results layer only. The
// per-person path — the packages under analysis/ (reading, derived
// measures, statistics, indicators), disparities/ and pipeline/ — streams
// millions of records through its own columns and never imports it (test
// files included).
func TestGotaOffPerPersonPath(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	for _, root := range []string{"../../analysis", "../../disparities", "../../pipeline"} {
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) && root == "../../pipeline" {
			continue // not there yet
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			files++
			for _, imp := range f.Imports {
				p, err := strconv.Unquote(imp.Path.Value)
				if err != nil {
					return err
				}
				if p == "github.com/go-gota/gota" || strings.HasPrefix(p, "github.com/go-gota/") {
					t.Errorf("%s imports %s: gota stays in the results layer (reports/), off the per-person path", fset.Position(imp.Pos()), p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 80 {
		t.Fatalf("only %d Go files found under analysis/ and disparities/: is the test in reports/frames?", files)
	}
}

// Prefixed renames a copy: the frame it was given keeps its names.
func TestPrefixedCopies(t *testing.T) {
	df, err := FromRows(testRows())
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prefixed(df, "old_", "group")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Names(); got[0] != "old_disparity" || got[2] != "group" || len(got) != len(Columns) {
		t.Errorf("prefixed names %v", got)
	}
	if !reflect.DeepEqual(df.Names(), Columns) {
		t.Errorf("the original frame was renamed: %v", df.Names())
	}
}
