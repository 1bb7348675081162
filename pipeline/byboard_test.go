package pipeline

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

func byBoardRun(t *testing.T, full, tracts string, cfg disparities.Config) *Options {
	t.Helper()
	return &Options{File: full, Tracts: tracts, Config: cfg, Window: AllExits, Version: "test", ByBoard: true}
}

// TestByBoardRows: every disparity with a headline measure in the registry
// gets, per board of the generated file, the two groups' rows within the
// board and the board against the rest of the region; the sections' rows
// (and their adjusted p-values) are those of a run without --by-board, and
// the by-board rows follow them.
func TestByBoardRows(t *testing.T) {
	full, tracts, _, boards := boardFiles(t, 8000, nil)
	plain, err := Report(&Options{File: full, Tracts: tracts, Config: disparities.DefaultConfig(), Window: AllExits, Version: "test"})
	must(t, err)
	if plain.ByBoard != nil {
		t.Fatal("ByBoard set without the option")
	}
	for _, r := range plain.Rows() {
		if strings.HasSuffix(r.Measure, disparities.VsRest) || strings.HasSuffix(r.Measure, disparities.WithinBoard) {
			t.Fatalf("a by-board row without --by-board: %+v", r)
		}
	}
	run, err := Report(byBoardRun(t, full, tracts, disparities.DefaultConfig()))
	must(t, err)
	p, b := resultsCSV(t, plain), resultsCSV(t, run)
	if !strings.HasPrefix(b, p) {
		t.Fatalf("--by-board changed the sections' rows:\n%s", firstDiff(b, p))
	}
	distinct := map[string]bool{}
	for _, x := range boards {
		distinct[x] = true
	}
	bb := run.ByBoard
	if len(bb.Boards) != len(distinct) || len(distinct) < 3 {
		t.Fatalf("%d boards, the file has %d", len(bb.Boards), len(distinct))
	}
	ids := map[string]bool{}
	for _, d := range bb.Disparities {
		ids[d.ID] = true
		if d.NotComputed != "" {
			continue
		}
		if len(d.Gaps) != len(bb.Boards) {
			t.Errorf("%s: %d boards of %d", d.ID, len(d.Gaps), len(bb.Boards))
		}
		for _, g := range d.Gaps {
			lab := bb.Boards[g.Board].Label()
			if g.VsRest.Group != lab || g.VsRest.Reference != disparities.RestOfRegion || g.VsRest.Measure != d.Measure+disparities.VsRest {
				t.Errorf("%s: row keys %q %q %q", d.ID, g.VsRest.Measure, g.VsRest.Group, g.VsRest.Reference)
			}
			if g.Focal.Group != lab+": "+d.Focal || g.Focal.Reference != lab+": "+d.Reference {
				t.Errorf("%s: within-board keys %q vs %q", d.ID, g.Focal.Group, g.Focal.Reference)
			}
			if !g.Focal.Suppressed && !math.IsNaN(g.VsRest.Diff) && !math.IsNaN(g.VsRest.Value) {
				t.Errorf("%s %s: the board against the rest has a value %v", d.ID, lab, g.VsRest.Value)
			}
		}
	}
	for _, id := range []string{"poverty-credential", "neediest-enrollment", "supportive-services", "gender-credential", "gender-wages", "education-level", "hd-clusters"} {
		if !ids[id] {
			t.Errorf("%s has no by-board rows", id)
		}
	}
	// poverty-participation by board needs each tract's board, which this
	// tract file does not give: its entry says so (byboard_participation_test.go).
	for _, d := range bb.Disparities {
		if d.ID == "poverty-participation" && (!strings.Contains(d.NotComputed, "board column") || len(d.Gaps) > 0) {
			t.Errorf("poverty-participation without tracts' boards: %q, %d boards", d.NotComputed, len(d.Gaps))
		}
	}
	if !ids["poverty-participation"] {
		t.Error("no by-board entry for poverty-participation")
	}
	// hd-clusters: every board on the section's headline comparison.
	for _, d := range bb.Disparities {
		for _, s := range run.Sections {
			if d.ID == "hd-clusters" && s.ID == d.ID {
				h := s.Rows[s.Headline]
				if d.Measure != h.Measure || d.Focal != h.Group || d.Reference != h.Reference || d.RegionGap != h.Diff {
					t.Errorf("hd-clusters by board: %s, %s − %s (%v); the section's headline %s, %s − %s (%v)", d.Measure, d.Focal, d.Reference, d.RegionGap, h.Measure, h.Group, h.Reference, h.Diff)
				}
			}
		}
	}
}

// TestByBoardGapIsRestrictedRunGap: a board's within-board gap is the
// headline gap of a run restricted to that board (--board), values,
// intervals, p-values and suppression alike. For hd-clusters, whose
// headline the data chooses, it is the region's headline comparison: the
// same cluster's row in the restricted run (whose own headline may be
// another cluster).
func TestByBoardGapIsRestrictedRunGap(t *testing.T) {
	full, tracts, _, boards := boardFiles(t, 8000, nil)
	run, err := Report(byBoardRun(t, full, tracts, disparities.DefaultConfig()))
	must(t, err)
	pick := boards[0]
	r, _ := measures.ParseRestriction(pick, "")
	one, err := Report(&Options{File: full, Tracts: tracts, Config: disparities.DefaultConfig(), Window: AllExits, Version: "test", Restrict: r})
	must(t, err)
	checked := 0
	for _, d := range run.ByBoard.Disparities {
		var sec *results.Section
		for _, s := range one.Sections {
			if s.ID == d.ID {
				sec = s
			}
		}
		if sec == nil || sec.Headline < 0 {
			continue
		}
		h := sec.Rows[sec.Headline]
		if d.ID == "hd-clusters" {
			found := false
			for _, r := range sec.Rows {
				if r.Measure == d.Measure && r.Group == d.Focal && r.Reference == d.Reference {
					h, found = r, true
				}
			}
			if !found {
				t.Errorf("hd-clusters: no row %s, %s − %s in the --board run", d.Measure, d.Focal, d.Reference)
			}
		}
		for _, g := range d.Gaps {
			if run.ByBoard.Boards[g.Board].Code != pick {
				continue
			}
			f := g.Focal
			if f.Suppressed != h.Suppressed {
				t.Errorf("%s: suppressed %v by board, %v in the --board run", d.ID, f.Suppressed, h.Suppressed)
				continue
			}
			same := func(a, b float64) bool {
				return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-12*math.Max(1, math.Abs(b))
			}
			if f.N != h.N || f.RefN != h.RefN || !same(f.Value, h.Value) || !same(f.Diff, h.Diff) || !same(f.DiffLow, h.DiffLow) ||
				!same(f.DiffHigh, h.DiffHigh) || !same(f.P, h.P) {
				t.Errorf("%s board %s: by board n %d/%d value %v gap %v [%v, %v] p %v; --board run n %d/%d value %v gap %v [%v, %v] p %v",
					d.ID, pick, f.N, f.RefN, f.Value, f.Diff, f.DiffLow, f.DiffHigh, f.P, h.N, h.RefN, h.Value, h.Diff, h.DiffLow, h.DiffHigh, h.P)
			}
			checked++
		}
	}
	if checked < 7 {
		t.Errorf("only %d disparities compared", checked)
	}
}

// TestByBoardHDClustersSuppression: a board's hd-clusters row never shows
// what the same cluster's row of a --board run hides — there a cluster is
// also hidden to protect another, smaller one (complementary suppression
// over every cluster of the board) — and when both show it, the numbers
// are the same (by board a row may also be hidden to protect another
// board). Checked for every board at a few minimum cell sizes, some of
// which hide a cluster to protect another.
func TestByBoardHDClustersSuppression(t *testing.T) {
	full, tracts, _, boards := boardFiles(t, 4000, nil)
	only := []*disparities.Disparity{disparities.HDClusters}
	codes := slices.Compact(slices.Sorted(slices.Values(boards)))
	protected := 0
	for _, minCell := range []int{5, 12, 25} {
		cfg := disparities.DefaultConfig()
		cfg.MinCell = minCell
		o := byBoardRun(t, full, tracts, cfg)
		o.Disparities = only
		run, err := Report(o)
		must(t, err)
		d := run.ByBoard.Disparities[0]
		if d.NotComputed != "" {
			t.Fatalf("min_cell %d: %s", minCell, d.NotComputed)
		}
		for _, code := range codes {
			r, _ := measures.ParseRestriction(code, "")
			one, err := Report(&Options{File: full, Tracts: tracts, Config: cfg, Window: AllExits, Version: "test", Restrict: r, Disparities: only})
			must(t, err)
			var h *results.Row
			for i, x := range one.Sections[0].Rows {
				if x.Measure == d.Measure && x.Group == d.Focal && x.Reference == d.Reference {
					h = &one.Sections[0].Rows[i]
				}
			}
			var f *results.Row
			for _, g := range d.Gaps {
				if run.ByBoard.Boards[g.Board].Code == code {
					f = &g.Focal
				}
			}
			if h == nil || f == nil {
				continue
			}
			if h.Test == results.ComplementarySuppression {
				protected++
			}
			if h.Suppressed && !f.Suppressed || !f.Suppressed && (f.N != h.N || f.Value != h.Value) {
				t.Errorf("min_cell %d, board %s: by board suppressed %v n %d value %v (%s); --board run %v n %d value %v (%s)",
					minCell, code, f.Suppressed, f.N, f.Value, f.Test, h.Suppressed, h.N, h.Value, h.Test)
			}
		}
	}
	if protected == 0 {
		t.Error("no board hid the cluster to protect another: the case is not exercised")
	}
}

// TestByBoardHolmWithinDisparity: the boards-against-the-rest p-values of
// a disparity are adjusted as one family (and the within-board gaps as
// another), so each row's adjusted p is Holm's over that disparity's boards.
func TestByBoardHolmWithinDisparity(t *testing.T) {
	full, tracts, _, _ := boardFiles(t, 8000, nil)
	run, err := Report(byBoardRun(t, full, tracts, disparities.DefaultConfig()))
	must(t, err)
	fams := 0
	for _, d := range run.ByBoard.Disparities {
		for _, pick := range []func(g disparities.BoardGap) results.Row{
			func(g disparities.BoardGap) results.Row { return g.VsRest },
			func(g disparities.BoardGap) results.Row { return g.Focal },
		} {
			var ps, got []float64
			for _, g := range d.Gaps {
				if r := pick(g); !r.Suppressed && !math.IsNaN(r.P) {
					ps, got = append(ps, r.P), append(got, r.PAdj)
				}
			}
			if len(ps) < 2 {
				continue
			}
			fams++
			for k, w := range stats.Holm(ps) {
				if math.Abs(got[k]-w) > 1e-15 {
					t.Errorf("%s: adjusted p %v, Holm over the disparity's boards %v", d.ID, got[k], w)
				}
			}
		}
	}
	if fams < 6 {
		t.Errorf("%d families checked", fams)
	}
}

// TestByBoardSmallBoardSuppressed: with min_cell so high that one board is
// under it, that board's rows are suppressed and so is the next smallest
// board's (complementary suppression), with no value written for either.
func TestByBoardSmallBoardSuppressed(t *testing.T) {
	full, tracts, _, _ := boardFiles(t, 4000, nil)
	base, err := Report(byBoardRun(t, full, tracts, disparities.DefaultConfig()))
	must(t, err)
	// The disparity whose smallest board cell is furthest below its second
	// smallest: a min_cell between them hides exactly one board.
	type cand struct {
		id       string
		min, two int
	}
	var best cand
	for _, d := range base.ByBoard.Disparities {
		var ns []int
		for _, g := range d.Gaps {
			ns = append(ns, min(g.Focal.N, g.Focal.RefN))
		}
		if len(ns) < 3 {
			continue
		}
		sortInts(ns)
		if ns[1]-ns[0] > best.two-best.min {
			best = cand{d.ID, ns[0], ns[1]}
		}
	}
	if best.two-best.min < 2 {
		t.Skip("no disparity with one board clearly smallest")
	}
	cfg := disparities.DefaultConfig()
	cfg.MinCell = best.min + 1
	run, err := Report(byBoardRun(t, full, tracts, cfg))
	must(t, err)
	for _, d := range run.ByBoard.Disparities {
		if d.ID != best.id {
			continue
		}
		hidden, comp := 0, 0
		for _, g := range d.Gaps {
			for _, r := range []results.Row{g.Focal, g.Ref, g.VsRest} {
				if r.Suppressed {
					if r.N != 0 || !math.IsNaN(r.Value) || !math.IsNaN(r.Diff) || !math.IsNaN(r.P) {
						t.Errorf("suppressed row with values: %+v", r)
					}
				} else if r.Reference != "" && (r.N < cfg.MinCell && r.Measure != d.Measure+disparities.VsRest) {
					t.Errorf("a group under min_cell shown: %+v", r)
				}
			}
			if g.VsRest.Suppressed {
				hidden++
				if g.VsRest.Test == results.ComplementarySuppression {
					comp++
				}
			}
		}
		if hidden != 2 || comp != 1 {
			t.Errorf("%s with min_cell %d: %d boards hidden, %d of them to protect another (want 2 and 1)", d.ID, cfg.MinCell, hidden, comp)
		}
	}
}

// TestByBoardNeedsBoardColumn: --by-board on a file without PIRL 108A is a
// usage error.
func TestByBoardNeedsBoardColumn(t *testing.T) {
	_, err := Report(&Options{Config: disparities.DefaultConfig(), Window: AllExits, ByBoard: true})
	if err == nil {
		return // the sample has boards: nothing to refuse
	}
	if !IsOptionError(err) || !strings.Contains(err.Error(), "108A") {
		t.Fatalf("--by-board without boards: %v", err)
	}
}

func sortInts(x []int) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// TestByBoardNames: boards are named from the file's LOCAL_BOARD_NAME, and
// the configuration's boards: wins where both name one.
func TestByBoardNames(t *testing.T) {
	full, tracts, _, boards := boardFiles(t, 2000, nil)
	named := namedBoardsFile(t, full, boards)
	cfg := disparities.DefaultConfig()
	cfg.BoardNames = map[string]string{boards[0]: "Configured"}
	run, err := Report(byBoardRun(t, named, tracts, cfg))
	must(t, err)
	seen := 0
	for _, bd := range run.ByBoard.Boards {
		want := "Name " + bd.Code
		if bd.Code == boards[0] {
			want = "Configured"
		}
		if bd.Name != want {
			t.Errorf("board %s named %q, want %q", bd.Code, bd.Name, want)
		}
		seen++
	}
	if seen < 3 {
		t.Errorf("%d boards", seen)
	}
	found := false
	for _, r := range run.Rows() {
		if r.Group == "Board "+boards[0]+" (Configured)" && r.Reference == disparities.RestOfRegion {
			found = true
		}
	}
	if !found {
		t.Error("no row names the configured board")
	}
}

// namedBoardsFile is full with a LOCAL_BOARD_NAME column naming each
// record's board (boards, in row order) "Name CODE".
func namedBoardsFile(t *testing.T, full string, boards []string) string {
	t.Helper()
	b, err := os.ReadFile(full)
	must(t, err)
	lines := strings.SplitAfter(string(b), "\n")
	var out strings.Builder
	out.WriteString(strings.TrimSuffix(lines[0], "\n") + ",LOCAL_BOARD_NAME\n")
	k := 0
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		out.WriteString(strings.TrimSuffix(l, "\n") + ",Name " + boards[k] + "\n")
		k++
	}
	named := filepath.Join(t.TempDir(), "named.csv")
	must(t, os.WriteFile(named, []byte(out.String()), 0o644))
	return named
}

// TestRestrictionNamesBoards: a --board run names its boards in the
// report's header line — from LOCAL_BOARD_NAME, the configuration's boards:
// winning — and a board neither names keeps its code alone; results.json's
// provenance holds the codes only.
func TestRestrictionNamesBoards(t *testing.T) {
	full, tracts, _, boards := boardFiles(t, 2000, nil)
	var two []string
	for _, b := range boards {
		if !slices.Contains(two, b) {
			two = append(two, b)
		}
	}
	slices.Sort(two)
	two = two[:2]
	r, err := measures.ParseRestriction(strings.Join(two, ","), "")
	must(t, err)
	for _, c := range []struct {
		file string
		cfg  map[string]string
		want string
	}{
		{namedBoardsFile(t, full, boards), map[string]string{two[1]: "Configured"},
			"Restricted to local boards " + two[0] + " (Name " + two[0] + "), " + two[1] + " (Configured) (PIRL 108A) before"},
		{full, map[string]string{two[0]: "Configured"},
			"Restricted to local boards " + two[0] + " (Configured), " + two[1] + " (PIRL 108A) before"},
		{full, nil, "Restricted to local boards " + two[0] + ", " + two[1] + " (PIRL 108A) before"},
	} {
		cfg := disparities.DefaultConfig()
		cfg.BoardNames = c.cfg
		run, err := Report(&Options{File: c.file, Tracts: tracts, Config: cfg, Window: AllExits, Version: "test", Restrict: r,
			Disparities: []*disparities.Disparity{disparities.GenderCredential}})
		must(t, err)
		if got := reports.RestrictionLine(&run.Provenance); !strings.HasPrefix(got, c.want) {
			t.Errorf("restriction line %q, want it to begin %q", got, c.want)
		}
		if got := run.Provenance.Restriction(); got != "local boards "+two[0]+", "+two[1]+" (PIRL 108A)" {
			t.Errorf("provenance's restriction %q", got)
		}
	}
}

// TestByBoardFewUnboarded: a few records without a board (108A blank) are
// a small cell of their own — the region minus the boards would give them
// away — so their number is not stated and one board is hidden to protect
// them in each disparity they reach.
func TestByBoardFewUnboarded(t *testing.T) {
	full, tracts, _, _ := boardFiles(t, 4000, nil)
	b, err := os.ReadFile(full)
	must(t, err)
	lines := strings.SplitAfter(string(b), "\n")
	head, err := csv.NewReader(strings.NewReader(lines[0])).Read()
	must(t, err)
	col := slices.Index(head, "PIRL 108A")
	var out bytes.Buffer
	out.WriteString(lines[0])
	w := csv.NewWriter(&out)
	for k, l := range lines[1:] {
		if l == "" {
			continue
		}
		rec, err := csv.NewReader(strings.NewReader(l)).Read()
		must(t, err)
		if k < 3 {
			rec[col] = ""
		}
		must(t, w.Write(rec))
	}
	w.Flush()
	blank := filepath.Join(t.TempDir(), "blank.csv")
	must(t, os.WriteFile(blank, out.Bytes(), 0o644))
	run, err := Report(byBoardRun(t, blank, tracts, disparities.DefaultConfig()))
	must(t, err)
	reached := 0
	for _, d := range run.ByBoard.Disparities {
		if d.Unboarded == 0 {
			continue
		}
		reached++
		hidden := 0
		for _, g := range d.Gaps {
			if g.VsRest.Suppressed {
				hidden++
			}
		}
		if !d.FewUnboarded || hidden == 0 {
			t.Errorf("%s: %d records without a board, few %v, %d boards hidden", d.ID, d.Unboarded, d.FewUnboarded, hidden)
		}
	}
	if reached == 0 {
		t.Fatal("no disparity reaches the records without a board")
	}
}
