package reports

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
)

// boardFixture is an invented by-board result: four boards, a rate and a
// dollar disparity, one board suppressed and one hidden to protect it in
// the first, one gap differing from the rest in the second.
func boardFixture() *disparities.ByBoardResult {
	bb := &disparities.ByBoardResult{Conf: 0.95, Boards: []disparities.Board{{Code: "13100", Name: "Cobb"}, {Code: "13101", Name: "Fulton"}, {Code: "13102"}, {Code: "13103", Name: "DeKalb"}}}
	gap := func(disp, m string, unit results.Unit, board int, v, ref, diff, lo, hi float64, st results.Status, vsFlag bool) disparities.BoardGap {
		lab := bb.Boards[board].Label()
		f := results.BlankRow(disp, m+disparities.WithinBoard, lab+": Women", lab+": Men", unit)
		f.N, f.RefN, f.Value, f.Diff, f.DiffLow, f.DiffHigh, f.P, f.PAdj, f.Status, f.Flagged = 200, 210, v, diff, lo, hi, 0.01, 0.03, st, st == results.StatusFlagged
		r := results.BlankRow(disp, m+disparities.WithinBoard, lab+": Men", "", unit)
		r.N, r.Value = 210, ref
		vs := results.BlankRow(disp, m+disparities.VsRest, lab, disparities.RestOfRegion, unit)
		vs.N, vs.RefN, vs.Diff, vs.DiffLow, vs.DiffHigh, vs.P, vs.PAdj, vs.Flagged = 410, 1200, diff/2, diff/2-0.02, diff/2+0.02, 0.2, 0.6, vsFlag
		vs.Status = results.StatusNoGap
		if vsFlag {
			vs.Status = results.StatusFlagged
		}
		return disparities.BoardGap{Board: board, Focal: f, Ref: r, VsRest: vs}
	}
	hide := func(g disparities.BoardGap, comp bool) disparities.BoardGap {
		g.Focal, g.Ref, g.VsRest = results.Suppress(g.Focal), results.Suppress(g.Ref), results.Suppress(g.VsRest)
		if comp {
			g.Focal.Test, g.Ref.Test, g.VsRest.Test = results.ComplementarySuppression, results.ComplementarySuppression, results.ComplementarySuppression
		}
		g.Focal.Status, g.Ref.Status, g.VsRest.Status = results.StatusSuppressed, results.StatusSuppressed, results.StatusSuppressed
		return g
	}
	cred := &disparities.BoardDisparity{ID: "gender-credential", Title: "Credentials", Measure: "credential attainment", Focal: "Women", Reference: "Men", Unit: results.UnitRate,
		RegionGap: -0.079, RegionGapLow: -0.1, RegionGapHigh: -0.05, RegionStatus: results.StatusFlagged}
	cred.Gaps = []disparities.BoardGap{
		gap(cred.ID, cred.Measure, cred.Unit, 0, 0.45, 0.5, -0.05, -0.12, 0.02, results.StatusTooLittle, false),
		gap(cred.ID, cred.Measure, cred.Unit, 1, 0.40, 0.55, -0.145, -0.22, -0.06, results.StatusFlagged, false),
		hide(gap(cred.ID, cred.Measure, cred.Unit, 2, 0.4, 0.5, -0.1, -0.2, 0, results.StatusFlagged, false), false),
		hide(gap(cred.ID, cred.Measure, cred.Unit, 3, 0.4, 0.5, -0.1, -0.2, 0, results.StatusFlagged, false), true),
	}
	wage := &disparities.BoardDisparity{ID: "gender-wages", Title: "Wages", Measure: "mean hourly wage", Focal: "Women", Reference: "Men", Unit: results.UnitDollars,
		RegionGap: -1.85, RegionGapLow: -2.2, RegionGapHigh: -1.5, RegionStatus: results.StatusFlagged}
	for k, d := range []float64{-1.81, -2.17, -0.4, -3.5} {
		st := results.StatusFlagged
		if k == 2 {
			st = results.StatusNoGap
		}
		wage.Gaps = append(wage.Gaps, gap(wage.ID, wage.Measure, wage.Unit, k, 16+d, 16, d, d-0.8, d+0.8, st, k == 3))
	}
	bb.Disparities = []*disparities.BoardDisparity{cred, wage, {ID: "poverty-credential", NotComputed: "a tract file", RegionGap: math.NaN()}}
	return bb
}

// TestBoardChartGolden: the board chart (a dot plot of every board's gap
// per disparity with its interval) against its golden image; go test
// ./reports -run BoardChart -update rewrites it.
func TestBoardChartGolden(t *testing.T) {
	p, h, err := BoardChart(boardFixture())
	if err != nil {
		t.Fatal(err)
	}
	w := 9 * vg.Inch
	if dir := os.Getenv("WIOA_PLOT_DIR"); dir != "" {
		if err := SavePlot(p, w, h, dir, "boards"); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := pngCanvas(p, w, h, 72).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "boards_golden.png")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -run BoardChart -update to create it)", err)
	}
	ok, err := cmpimg.Equal("png", buf.Bytes(), want)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		f, err := os.CreateTemp("", "wioa-boards-*.png")
		if err != nil {
			t.Fatal(err)
		}
		f.Write(buf.Bytes())
		f.Close()
		t.Errorf("rendering differs from %s; see %s (after -update if the change is intended)", golden, f.Name())
	}
}

// TestBoardOverviewWords: every cell of the overview says in words what a
// colour would (the gap and its status, "differs from rest", "suppressed"),
// and a suppressed board shows no number in report.md.
func TestBoardOverviewWords(t *testing.T) {
	cfg := disparities.DefaultConfig()
	run := &Run{ByBoard: boardFixture(), Config: &cfg}
	var buf bytes.Buffer
	b := bufio.NewWriter(&buf)
	writeBoards(b, run, 9, nil)
	b.Flush()
	md := buf.String()
	for _, want := range []string{
		"| Board 13101 (Fulton) | **−14.5 pp, flagged** | **−$2.17, flagged** |",
		"| Board 13100 (Cobb) | −5.0 pp, too little data | **−$1.81, flagged** |",
		"| Board 13102 | suppressed | −$0.40, no significant gap |",
		"| Board 13103 (DeKalb) | suppressed | **−$3.50, flagged; differs from rest** |",
		"| Board 13102 | suppressed (n < 10) |",
		"| Board 13103 (DeKalb) | suppressed (protects a smaller board) |",
		"Not by board: poverty-credential — a tract file.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q\n%s", want, md)
		}
	}
	ov, _ := boardView(run.ByBoard, &cfg)
	for _, r := range append(ov.Rows, ov.Region) {
		for _, c := range r {
			if c.Flagged && !strings.Contains(c.Text, "flagged") && !strings.Contains(c.Text, "differs") {
				t.Errorf("a flagged cell without the word: %q", c.Text)
			}
		}
	}
}

// TestBoardSectionNone: a run whose disparities have no headline by board
// (--only poverty-participation) says so instead of an empty table.
func TestBoardSectionNone(t *testing.T) {
	cfg := disparities.DefaultConfig()
	run := &Run{ByBoard: &disparities.ByBoardResult{Conf: 0.95}, Config: &cfg}
	var buf bytes.Buffer
	b := bufio.NewWriter(&buf)
	writeBoards(b, run, 3, nil)
	b.Flush()
	if md := buf.String(); !strings.Contains(md, "No disparity of this run has a headline comparison by board") || strings.Contains(md, "| Board |") {
		t.Errorf("report.md:\n%s", md)
	}
	if h := htmlBoards(run, 3, nil); h.Intro != boardNone(run.ByBoard) || len(h.Overview.Head) != 0 || len(h.Details) != 0 {
		t.Errorf("report.html's board section: %+v", h)
	}
}

// TestBoardParticipationWords: poverty-participation by board — counted
// where people live — gives its rate ratio in the overview cell and the
// detail table, says where the boards come from, and is drawn as rate
// ratios on a log axis with the whole file's ratio.
func TestBoardParticipationWords(t *testing.T) {
	bb := &disparities.ByBoardResult{Conf: 0.95, Boards: []disparities.Board{{Code: "13100", Name: "Cobb"}, {Code: "13101"}}}
	d := &disparities.BoardDisparity{ID: "poverty-participation", Measure: "participants per 1,000 residents in poverty", Focal: "High-poverty tracts", Reference: "Other tracts",
		Unit: results.UnitPer1000, RegionGap: -21, RegionGapLow: math.NaN(), RegionGapHigh: math.NaN(), RegionRatio: 0.6, RegionStatus: results.StatusFlagged,
		ByResidence: true, BoardSource: "the tract file's board column", Unboarded: 42, UnknownBoards: []string{"Cobb"}}
	for k, rr := range []float64{0.57, 0.7} {
		lab := bb.Boards[k].Label()
		f := results.BlankRow(d.ID, d.Measure+disparities.WithinBoard, lab+": High-poverty tracts", lab+": Other tracts", results.UnitPer1000)
		f.N, f.RefN, f.Value, f.Diff, f.Ratio, f.P, f.PAdj, f.Status, f.Flagged = 770, 1109, 30.5, -22.7, rr, 1e-6, 1e-5, results.StatusFlagged, true
		f.Test = "Poisson rate ratio 0.57 (exact 95% CI 0.52 to 0.63)"
		r := results.BlankRow(d.ID, d.Measure+disparities.WithinBoard, lab+": Other tracts", "", results.UnitPer1000)
		r.N, r.Value = 1109, 53.2
		vs := results.BlankRow(d.ID, d.Measure+disparities.VsRest, lab, disparities.RestOfRegion, results.UnitPer1000)
		vs.Diff, vs.DiffLow, vs.DiffHigh, vs.P, vs.PAdj, vs.Status = -2, -6, 2.1, 0.3, 1, results.StatusNoGap
		d.Gaps = append(d.Gaps, disparities.BoardGap{Board: k, Focal: f, Ref: r, VsRest: vs})
	}
	bb.Disparities = []*disparities.BoardDisparity{d}
	cfg := disparities.DefaultConfig()
	var buf bytes.Buffer
	b := bufio.NewWriter(&buf)
	writeBoards(b, &Run{ByBoard: bb, Config: &cfg}, 9, map[string]string{boardChartName: "plots/boards.png"})
	b.Flush()
	md := buf.String()
	for _, want := range []string{
		"| Board 13100 (Cobb) | **−22.7 (ratio 0.57), flagged** |",
		"| Whole file (the section's headline) | **−21.0 (ratio 0.60), flagged for review** |",
		"| Board 13100 (Cobb) | 30.5 (770) | 53.2 (1,109) | −22.7; Poisson rate ratio 0.57 (exact 95% CI 0.52 to 0.63) |",
		"Boards here are where participants live: a board's tracts are given by the tract file's board column",
		"42 participants live in tracts of no board of this run",
		"no record of the participant file has (PIRL 108A): Cobb;",
		"(participation per 1,000: the rate ratio, on a log scale)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q:\n%s", want, md)
		}
	}
	if _, _, err := BoardChart(bb); err != nil {
		t.Errorf("the chart of rate ratios: %v", err)
	}
}
