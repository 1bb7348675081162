package pipeline

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// boardFiles writes a generated file with local boards, its tract file, and
// the file of the records of board (the header and those lines only); it
// returns their paths and the boards by row.
func boardFiles(t *testing.T, rows int, keep func(board string) bool) (full, tracts, sub string, boards []string) {
	t.Helper()
	dir := t.TempDir()
	var p, tr bytes.Buffer
	_, err := synth.Generate(&p, &tr, synth.Config{Rows: rows, Seed: 5})
	must(t, err)
	full, tracts, sub = filepath.Join(dir, "pirl.csv"), filepath.Join(dir, "tracts.csv"), filepath.Join(dir, "board.csv")
	must(t, os.WriteFile(full, p.Bytes(), 0o644))
	must(t, os.WriteFile(tracts, tr.Bytes(), 0o644))
	lines := strings.SplitAfter(p.String(), "\n")
	head, err := csv.NewReader(strings.NewReader(lines[0])).Read()
	must(t, err)
	col := -1
	for k, h := range head {
		if h == "PIRL 108A" {
			col = k
		}
	}
	if col < 0 {
		t.Fatal("no PIRL 108A column in the generated file")
	}
	var b strings.Builder
	b.WriteString(lines[0])
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		rec, err := csv.NewReader(strings.NewReader(l)).Read()
		must(t, err)
		boards = append(boards, rec[col])
		if keep == nil || keep(rec[col]) {
			b.WriteString(l)
		}
	}
	must(t, os.WriteFile(sub, []byte(b.String()), 0o644))
	return full, tracts, sub, boards
}

func resultsCSV(t *testing.T, r *reports.Run) string {
	t.Helper()
	var b bytes.Buffer
	must(t, reports.WriteCSV(&b, r.Rows()))
	return b.String()
}

// TestBoardRestrictionIsPrefilteredFile: report --board B --program P gives
// every result row (values, intervals, p-values, suppression, flags) of a
// run on a file holding only B's records, and records the restriction in
// the provenance.
func TestBoardRestrictionIsPrefilteredFile(t *testing.T) {
	var pick string
	full, tracts, _, boards := boardFiles(t, 8000, nil)
	pick = boards[0]
	_, _, sub, _ := boardFiles(t, 8000, func(b string) bool { return b == pick })
	for _, programs := range []string{"", "adult,dw"} {
		r, err := measures.ParseRestriction(pick, programs)
		must(t, err)
		base := Options{Tracts: tracts, Config: disparities.DefaultConfig(), Window: AllExits, Version: "test", ProgramYear: 2023}
		got := base
		got.File, got.Restrict = full, r
		want := base
		want.File = sub
		if programs != "" {
			want.Restrict, _ = measures.ParseRestriction("", programs)
		}
		gr, err := Report(&got)
		must(t, err)
		wr, err := Report(&want)
		must(t, err)
		if g, w := resultsCSV(t, gr), resultsCSV(t, wr); g != w {
			t.Errorf("--board %s --program %q: results differ from the pre-filtered file's\n%s", pick, programs, firstDiff(g, w))
		}
		p := gr.Provenance
		if strings.Join(p.Board, ",") != pick || strings.Join(p.Programs, ",") != strings.ReplaceAll(programs, " ", "") || p.Restricted == 0 {
			t.Errorf("provenance board %v programs %v restricted %d", p.Board, p.Programs, p.Restricted)
		}
		if gr.Counts.Cohort != wr.Counts.Cohort {
			t.Errorf("cohort %d, pre-filtered %d", gr.Counts.Cohort, wr.Counts.Cohort)
		}
	}
}

// TestBoardRestrictionSuppressesWithin: with --board, suppression is
// decided on the board's own records: no group under min_cell in the board
// is shown because it is large in the whole file, and a group shown in the
// whole file is suppressed in the board where it is small.
func TestBoardRestrictionSuppressesWithin(t *testing.T) {
	full, tracts, _, boards := boardFiles(t, 4000, nil)
	cfg := disparities.DefaultConfig()
	cfg.MinCell = 40
	all, err := Report(&Options{File: full, Tracts: tracts, Config: cfg, Window: AllExits, Version: "test"})
	must(t, err)
	r, _ := measures.ParseRestriction(boards[0], "")
	one, err := Report(&Options{File: full, Tracts: tracts, Config: cfg, Window: AllExits, Version: "test", Restrict: r})
	must(t, err)
	shownAll := map[string]bool{}
	for _, row := range all.Rows() {
		if !row.Suppressed {
			shownAll[row.Disparity+"|"+row.Measure+"|"+row.Group+"|"+row.Reference] = true
		}
	}
	newly := 0
	for _, row := range one.Rows() {
		key := row.Disparity + "|" + row.Measure + "|" + row.Group + "|" + row.Reference
		if !row.Suppressed && row.N > 0 && row.N < cfg.MinCell && row.Unit.String() != "count" {
			t.Errorf("%s: n = %d shown with --board (min cell %d)", key, row.N, cfg.MinCell)
		}
		if row.Suppressed && shownAll[key] {
			newly++
		}
	}
	if newly == 0 {
		t.Error("no group shown in the whole file is suppressed in one board: the test shows nothing")
	}
}

func TestBoardRestrictionUnknownBoard(t *testing.T) {
	full, tracts, _, _ := boardFiles(t, 500, nil)
	r, _ := measures.ParseRestriction("99999", "")
	_, err := Report(&Options{File: full, Tracts: tracts, Config: disparities.DefaultConfig(), Window: AllExits, Restrict: r})
	if err == nil || !IsOptionError(err) || !strings.Contains(err.Error(), "no record has local board 99999") {
		t.Fatalf("unknown board: %v", err)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "got  " + al[i] + "\nwant " + bl[i]
		}
	}
	return "lengths differ"
}

// TestIndicatorsBoardBreakdownNamesOnlyKeptBoards: indicators --board B
// --by board has the rows of B only, no empty rows of other boards.
func TestIndicatorsBoardBreakdownNamesOnlyKeptBoards(t *testing.T) {
	full, _, _, boards := boardFiles(t, 3000, nil)
	r, _ := measures.ParseRestriction(boards[0], "")
	o := &Options{File: full, Config: disparities.DefaultConfig(), Window: AllExits, Restrict: r}
	ir, err := Indicators(o, indicators.DefaultOptions(2023), []string{"board"}, true)
	must(t, err)
	n := 0
	for _, row := range ir.Run.Rows() {
		if strings.HasPrefix(row.Group, "Board: ") {
			n++
			if row.Group != "Board: "+boards[0] {
				t.Errorf("row of %s under --board %s", row.Group, boards[0])
			}
		}
	}
	if n == 0 {
		t.Error("no board row")
	}
	if strings.Join(ir.Run.Provenance.Board, ",") != boards[0] {
		t.Errorf("provenance board %v", ir.Run.Provenance.Board)
	}
}
