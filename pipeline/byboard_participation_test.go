package pipeline

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// participationFiles writes a generated participant file, its tract file
// with a board column (synth's TractBoards) and the same tract file
// without it; lines are the tract file's data lines.
func participationFiles(t *testing.T, rows int) (pirlPath, tractsPath, plainTracts string, lines []string) {
	t.Helper()
	dir := t.TempDir()
	var p, tr, plain bytes.Buffer
	_, err := synth.Generate(&p, &tr, synth.Config{Rows: rows, Seed: 5, TractBoards: true})
	must(t, err)
	_, err = synth.Generate(io0{}, &plain, synth.Config{Rows: rows, Seed: 5})
	must(t, err)
	pirlPath, tractsPath, plainTracts = filepath.Join(dir, "pirl.csv"), filepath.Join(dir, "tracts.csv"), filepath.Join(dir, "plain.csv")
	must(t, os.WriteFile(pirlPath, p.Bytes(), 0o644))
	must(t, os.WriteFile(tractsPath, tr.Bytes(), 0o644))
	must(t, os.WriteFile(plainTracts, plain.Bytes(), 0o644))
	all := strings.Split(strings.TrimSpace(tr.String()), "\n")
	if all[0] != "GEOID,B17001_001E,B17001_002E,B01003_001E,ALAND,board" {
		t.Fatalf("tract file header %q", all[0])
	}
	return pirlPath, tractsPath, plainTracts, all[1:]
}

type io0 struct{}

func (io0) Write(b []byte) (int, error) { return len(b), nil }

// participationRun is report --by-board with poverty-participation only.
func participationRun(t *testing.T, file, tracts string, cfg disparities.Config) (*disparities.BoardDisparity, *disparities.ByBoardResult, *results.Section) {
	t.Helper()
	o := byBoardRun(t, file, tracts, cfg)
	o.Disparities = []*disparities.Disparity{disparities.PovertyParticipation}
	run, err := Report(o)
	must(t, err)
	return run.ByBoard.Disparities[0], run.ByBoard, run.Sections[0]
}

// TestByBoardParticipationIsBoardTractsRun: a board's two participation
// rows are the section's rows of a run whose tract file holds the board's
// tracts only — participants living there per 1,000 residents in poverty
// there, whichever board served them — counts, rates, intervals, rate
// ratio and p alike.
func TestByBoardParticipationIsBoardTractsRun(t *testing.T) {
	file, tracts, _, lines := participationFiles(t, 6000)
	bd, bb, sec := participationRun(t, file, tracts, disparities.DefaultConfig())
	if bd.NotComputed != "" || len(bd.Gaps) < 3 || !bd.ByResidence {
		t.Fatalf("poverty-participation by board: %q, %d boards", bd.NotComputed, len(bd.Gaps))
	}
	if h := sec.Rows[sec.Headline]; bd.RegionGap != h.Diff || bd.RegionRatio != h.Ratio {
		t.Errorf("the whole file's gap %v (ratio %v), the section's %v (%v)", bd.RegionGap, bd.RegionRatio, h.Diff, h.Ratio)
	}
	checked := 0
	for _, g := range bd.Gaps[:2] {
		code := bb.Boards[g.Board].Code
		var own strings.Builder
		own.WriteString("GEOID,B17001_001E,B17001_002E,B01003_001E,ALAND,board\n")
		for _, l := range lines {
			if strings.HasSuffix(l, ","+code) {
				own.WriteString(l + "\n")
			}
		}
		path := filepath.Join(t.TempDir(), "own.csv")
		must(t, os.WriteFile(path, []byte(own.String()), 0o644))
		one, err := Report(&Options{File: file, Tracts: path, Config: disparities.DefaultConfig(), Window: AllExits, Version: "test",
			Disparities: []*disparities.Disparity{disparities.PovertyParticipation}})
		must(t, err)
		s := one.Sections[0]
		for k, pair := range [][2]results.Row{{g.Focal, s.Rows[0]}, {g.Ref, s.Rows[1]}} {
			a, b := pair[0], pair[1]
			same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
			if a.Suppressed || a.N != b.N || a.RefN != b.RefN || !same(a.Value, b.Value) || !same(a.CILow, b.CILow) || !same(a.CIHigh, b.CIHigh) ||
				!same(a.Ratio, b.Ratio) || !same(a.P, b.P) || !same(a.Diff, b.Diff) || a.Test != b.Test {
				t.Errorf("board %s row %d: by board %+v\nthe board's tracts alone %+v", code, k, a, b)
			}
		}
		if g.Focal.Group != bb.Boards[g.Board].Label()+": High-poverty tracts" || g.Focal.Measure != bd.Measure+disparities.WithinBoard || bd.Measure != "participants per 1,000 residents in poverty" {
			t.Errorf("row keys %q %q", g.Focal.Measure, g.Focal.Group)
		}
		checked++
	}
	if checked != 2 {
		t.Fatalf("%d boards checked", checked)
	}
}

// TestByBoardParticipationAgainstRest: each board's gap against the rest
// of the region worked by hand from the tract file (residents in poverty
// per board and kind of tract) and the boards' participant counts: the
// difference of the two rate differences per 1,000, its normal interval
// from Poisson variances and its z p-value.
func TestByBoardParticipationAgainstRest(t *testing.T) {
	file, tracts, _, lines := participationFiles(t, 6000)
	bd, bb, _ := participationRun(t, file, tracts, disparities.DefaultConfig())
	below := map[string]*[2]float64{}
	for _, l := range lines {
		f := strings.Split(l, ",")
		uni, _ := strconv.ParseFloat(f[1], 64)
		pov, _ := strconv.ParseFloat(f[2], 64)
		if below[f[5]] == nil {
			below[f[5]] = &[2]float64{}
		}
		g := 1
		if pov/uni >= 0.2 {
			g = 0
		}
		below[f[5]][g] += pov
	}
	var region [2]float64
	var regionX [2]int
	for _, g := range bd.Gaps {
		b := below[bb.Boards[g.Board].Code]
		region[0], region[1] = region[0]+b[0], region[1]+b[1]
		regionX[0], regionX[1] = regionX[0]+g.Focal.N, regionX[1]+g.Ref.N
	}
	z := distuv.UnitNormal.Quantile(0.975)
	for _, g := range bd.Gaps {
		b := below[bb.Boards[g.Board].Code]
		x := [2]float64{float64(g.Focal.N), float64(g.Ref.N)}
		rx := [2]float64{float64(regionX[0]) - x[0], float64(regionX[1]) - x[1]}
		rb := [2]float64{region[0] - b[0], region[1] - b[1]}
		diff := (1000*x[0]/b[0] - 1000*x[1]/b[1]) - (1000*rx[0]/rb[0] - 1000*rx[1]/rb[1])
		se := 1000 * math.Sqrt(x[0]/(b[0]*b[0])+x[1]/(b[1]*b[1])+rx[0]/(rb[0]*rb[0])+rx[1]/(rb[1]*rb[1]))
		p := 2 * (1 - distuv.UnitNormal.CDF(math.Abs(diff)/se))
		v := g.VsRest
		if math.Abs(v.Diff-diff) > 1e-9 || math.Abs(v.DiffLow-(diff-z*se)) > 1e-9 || math.Abs(v.DiffHigh-(diff+z*se)) > 1e-9 || math.Abs(v.P-p) > 1e-9 {
			t.Errorf("%s: against the rest %v [%v, %v] p %v; by hand %v ± %v p %v", bb.Boards[g.Board].Code, v.Diff, v.DiffLow, v.DiffHigh, v.P, diff, z*se, p)
		}
	}
}

// TestByBoardParticipationBoardCounties: board_counties in the
// configuration gives tracts their boards as a board column does (the
// synthetic boards are whole counties); both at once is a usage error.
func TestByBoardParticipationBoardCounties(t *testing.T) {
	file, tracts, plain, lines := participationFiles(t, 3000)
	counties := map[string][]string{}
	for _, l := range lines {
		f := strings.Split(l, ",")
		if c := f[0][:5]; !slices.Contains(counties[f[5]], c) {
			counties[f[5]] = append(counties[f[5]], c)
		}
	}
	cfg := disparities.DefaultConfig()
	cfg.BoardCounties = counties
	must(t, cfg.Validate())
	col, _, _ := participationRun(t, file, tracts, disparities.DefaultConfig())
	cty, _, _ := participationRun(t, file, plain, cfg)
	if !slices.EqualFunc(col.Rows(), cty.Rows(), func(a, b results.Row) bool { return rowCSV(t, a) == rowCSV(t, b) }) || len(col.Rows()) == 0 {
		t.Errorf("board_counties and the board column differ:\n%v\n%v", col.Rows(), cty.Rows())
	}
	if !strings.Contains(cty.BoardSource, "board_counties") || !strings.Contains(col.BoardSource, "board column") {
		t.Errorf("sources %q, %q", cty.BoardSource, col.BoardSource)
	}
	_, err := Report(byBoardRun(t, file, tracts, cfg))
	if !IsOptionError(err) || !strings.Contains(err.Error(), "board_counties") || !strings.Contains(err.Error(), "one way") {
		t.Errorf("a board column and board_counties: %v", err)
	}
	// Without either, the entry says why it is not computed.
	none, _, _ := participationRun(t, file, plain, disparities.DefaultConfig())
	if !strings.Contains(none.NotComputed, "board column") || !strings.Contains(none.NotComputed, "board_counties") || len(none.Gaps) != 0 {
		t.Errorf("without tracts' boards: %q, %d boards", none.NotComputed, len(none.Gaps))
	}
}

func rowCSV(t *testing.T, r results.Row) string {
	var b bytes.Buffer
	must(t, reports.WriteCSV(&b, []results.Row{r}))
	return b.String()
}

// TestByBoardParticipationSuppression: a board with a kind of tract under
// min_cell participants is suppressed, and with it the next smallest
// (complementary suppression); a few participants living in tracts of no
// board are a small cell of their own, so a board is hidden to protect
// them; a board code no record has is named; under --board only the kept
// boards have rows.
func TestByBoardParticipationSuppression(t *testing.T) {
	file, tracts, _, lines := participationFiles(t, 6000)
	base, _, _ := participationRun(t, file, tracts, disparities.DefaultConfig())
	var ns []int
	for _, g := range base.Gaps {
		ns = append(ns, min(g.Focal.N, g.Ref.N))
	}
	slices.Sort(ns)
	if ns[1]-ns[0] < 2 {
		t.Skip("no board clearly smallest")
	}
	cfg := disparities.DefaultConfig()
	cfg.MinCell = ns[0] + 1
	bd, _, _ := participationRun(t, file, tracts, cfg)
	hidden, comp := 0, 0
	for _, g := range bd.Gaps {
		for _, r := range []results.Row{g.Focal, g.Ref, g.VsRest} {
			if r.Suppressed && (r.N != 0 || !math.IsNaN(r.Value) || !math.IsNaN(r.Diff)) {
				t.Errorf("suppressed row with values: %+v", r)
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
		t.Errorf("min_cell %d: %d boards hidden, %d to protect another (want 2, 1)", cfg.MinCell, hidden, comp)
	}

	// One tract with no board, one of a board no record has.
	var edited strings.Builder
	edited.WriteString("GEOID,B17001_001E,B17001_002E,B01003_001E,ALAND,board\n")
	for k, l := range lines {
		switch k {
		case 0:
			l = l[:strings.LastIndex(l, ",")+1]
		case 1:
			l = l[:strings.LastIndex(l, ",")+1] + "Cobb"
		}
		edited.WriteString(l + "\n")
	}
	path := filepath.Join(t.TempDir(), "edited.csv")
	must(t, os.WriteFile(path, []byte(edited.String()), 0o644))
	bd, _, _ = participationRun(t, file, path, disparities.DefaultConfig())
	hidden = 0
	for _, g := range bd.Gaps {
		if g.VsRest.Suppressed {
			hidden++
		}
	}
	if bd.Unboarded == 0 || !bd.FewUnboarded || hidden == 0 || strings.Join(bd.UnknownBoards, ",") != "Cobb" {
		t.Errorf("two tracts in no board: %d participants, few %v, %d boards hidden, unknown %q", bd.Unboarded, bd.FewUnboarded, hidden, bd.UnknownBoards)
	}

	// --board: the kept boards only; the rest of the region is theirs.
	r, err := measures.ParseRestriction(strings.Join([]string{"13100", "13101", "13102"}, ","), "")
	must(t, err)
	o := byBoardRun(t, file, tracts, disparities.DefaultConfig())
	o.Restrict, o.Disparities = r, []*disparities.Disparity{disparities.PovertyParticipation}
	run, err := Report(o)
	must(t, err)
	var kept []string
	for _, g := range run.ByBoard.Disparities[0].Gaps {
		kept = append(kept, run.ByBoard.Boards[g.Board].Code)
	}
	if strings.Join(kept, ",") != "13100,13101,13102" {
		t.Errorf("--board 13100,13101,13102: poverty-participation rows for %v", kept)
	}
}
