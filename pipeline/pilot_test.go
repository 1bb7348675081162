package pipeline

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
)

// pilotFile generates a synthetic file with cfg and returns its path.
func pilotFile(t *testing.T, cfg synth.Config) string {
	t.Helper()
	var pb, tb bytes.Buffer
	if _, err := synth.Generate(&pb, &tb, cfg); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "pirl.csv")
	if err := os.WriteFile(p, pb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runPilot(t *testing.T, file, id string, boards []string, start time.Time) *disparities.PilotResult {
	t.Helper()
	m, err := disparities.LookupPilotMeasure(id, "")
	if err != nil {
		t.Fatal(err)
	}
	o := &Options{File: file, Config: disparities.DefaultConfig()}
	day, err := ParseDay(start.Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
	run, err := Pilot(o, disparities.PilotSpec{Measure: m, Boards: boards, Start: day})
	if err != nil {
		t.Fatal(err)
	}
	return run.Result
}

var pilotStart = time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC)

// The effect built in by the generator (synth.Pilot) is recovered: the
// triple difference's interval holds it, for a 0/1 outcome and for wages.
func TestPilotRecoversInjectedEffect(t *testing.T) {
	boards := []string{"13100", "13101", "13102"}
	for _, c := range []struct {
		id, knob      string
		effect, truth float64
	}{
		{"gender-credential", "gender-credential", 0.15, 0.15},
		{"gender-wages", "gender-wage", -1.5, 1.5}, // men's premium 1.5 smaller: women − men +1.5
	} {
		t.Run(c.id, func(t *testing.T) {
			cfg := synth.Config{Rows: 20000, Seed: 11, Gaps: synth.DefaultGaps(),
				Pilot: synth.Pilot{Boards: boards, Start: pilotStart, Knob: c.knob, Effect: c.effect}}
			r := runPilot(t, pilotFile(t, cfg), c.id, boards, pilotStart)
			row := r.Row
			if row.Suppressed || !(row.DiffLow <= c.truth && c.truth <= row.DiffHigh) {
				t.Fatalf("triple difference %g, CI [%g, %g]: does not hold the injected %g", row.Diff, row.DiffLow, row.DiffHigh, c.truth)
			}
			if !r.PermOK || !r.Perm.Exact || r.Perm.Boards != 9 || r.Perm.Pilots != 3 || r.Perm.Assignments != 84 {
				t.Errorf("randomization test: %+v, want exact over C(9,3) = 84", r.Perm)
			}
			t.Logf("%s: DDD %.4f [%.4f, %.4f], p %.4g, randomization p %.3f, %s", c.id, row.Diff, row.DiffLow, row.DiffHigh, row.P, r.Perm.P, row.Status)
		})
	}
}

// Without an effect, across seeds, the pilot is flagged at most about as
// often as the flag rule's alpha allows (here at most one run of the
// seeds; with alpha 0.05 and the practical-size rule the expected count is
// under 0.05 per run).
func TestPilotNullFlagsRarely(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4, 5, 6}
	if testing.Short() {
		seeds = seeds[:2]
	}
	boards := []string{"13103", "13104"}
	flagged := 0
	for _, s := range seeds {
		r := runPilot(t, pilotFile(t, synth.Config{Rows: 8000, Seed: s, Gaps: synth.DefaultGaps()}), "gender-credential", boards, pilotStart)
		if r.Row.Status == results.StatusFlagged {
			flagged++
		}
		t.Logf("seed %d: DDD %.4f [%.4f, %.4f] %s", s, r.Row.Diff, r.Row.DiffLow, r.Row.DiffHigh, r.Row.Status)
	}
	if flagged > 1 {
		t.Errorf("%d of %d null runs flagged", flagged, len(seeds))
	}
}

// A board with too few records puts a cell under min-cell: the cell and the
// triple difference are suppressed, nothing of them is shown.
func TestPilotSuppressesSmallCells(t *testing.T) {
	file := pilotFile(t, synth.Config{Rows: 3000, Seed: 2, Gaps: synth.DefaultGaps()})
	m, _ := disparities.LookupPilotMeasure("gender-credential", "")
	cfg := disparities.DefaultConfig()
	cfg.MinCell = 500
	day, _ := ParseDay("2023-07-01")
	run, err := Pilot(&Options{File: file, Config: cfg}, disparities.PilotSpec{Measure: m, Boards: []string{"13100"}, Start: day})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Result
	if !r.Row.Suppressed || !r.Cells[0].Suppressed || r.PermOK {
		t.Fatalf("want the cells and the triple difference suppressed: %+v", r.Row)
	}
	for _, q := range r.Quarters {
		if !q.Suppressed {
			t.Errorf("quarter %s shown with groups under 500", q.Quarter)
		}
	}
}

func TestPilotUnsupported(t *testing.T) {
	if _, err := disparities.LookupPilotMeasure("poverty-participation", ""); err == nil || !strings.Contains(err.Error(), "count per tract population") {
		t.Errorf("poverty-participation: want not supported, with its reason: %v", err)
	}
	for _, c := range [][2]string{{"gender-credential", "no such measure"}, {"hd-clusters", "training-related employment retention"}, {"hd-clusters", ": employed all four quarters after exit"}} {
		if _, err := disparities.LookupPilotMeasure(c[0], c[1]); err == nil {
			t.Errorf("%s: measure %q accepted", c[0], c[1])
		}
	}
}

// TestPilotHDClusters: hd-clusters is judged on one cluster against non-HD
// trainees — the whole file's headline comparison without --measure, or
// the cluster --measure "CLUSTER: MEASURE" names. Over the four cells the
// pilot's groups are the section's row over the whole file (every record
// has a board and an exit date): the same n and the same rate.
func TestPilotHDClusters(t *testing.T) {
	file := pilotFile(t, synth.Config{Rows: 6000, Seed: 4, Gaps: synth.DefaultGaps()})
	open := disparities.DefaultConfig()
	open.MinCell = 1 // no cell suppressed: the four add up to the section's row
	whole, err := Report(&Options{File: file, Config: open, Window: AllExits, Version: "test",
		Disparities: []*disparities.Disparity{disparities.HDClusters}})
	must(t, err)
	sec := whole.Sections[0]
	if sec.Headline < 0 {
		t.Fatal("no headline comparison in the generated file")
	}
	h := sec.Rows[sec.Headline]
	// Another cluster, on the other measure, for --measure.
	var other results.Row
	for _, r := range sec.Rows {
		if r.Reference != "" && r.Group != h.Group && r.Measure != h.Measure && !r.Suppressed && other.Group == "" {
			other = r
		}
	}
	day, _ := ParseDay("2023-07-01")
	for _, c := range []struct {
		measure string
		want    results.Row
	}{{"", h}, {strings.ToUpper(other.Group) + ": " + other.Measure, other}} {
		m, err := disparities.LookupPilotMeasure("hd-clusters", c.measure)
		must(t, err)
		run, err := Pilot(&Options{File: file, Config: open}, disparities.PilotSpec{Measure: m, Boards: []string{"13100", "13101"}, Start: day})
		must(t, err)
		r := run.Result
		if r.Measure.Focal != c.want.Group || r.Measure.Reference != c.want.Reference || r.Measure.Measure != c.want.Measure {
			t.Errorf("--measure %q: judged on %s − %s, %s; want %s − %s, %s", c.measure, r.Measure.Focal, r.Measure.Reference, r.Measure.Measure, c.want.Group, c.want.Reference, c.want.Measure)
			continue
		}
		n, refN := 0, 0
		sum, refSum := 0.0, 0.0
		for _, cell := range r.Cells {
			if cell.Suppressed {
				t.Fatalf("a suppressed cell: %+v", cell)
			}
			n, refN = n+cell.N, refN+cell.RefN
			sum, refSum = sum+cell.Value*float64(cell.N), refSum+cell.RefValue*float64(cell.RefN)
		}
		if n != c.want.N || refN != c.want.RefN || math.Abs(sum/float64(n)-c.want.Value) > 1e-12 || math.Abs(refSum/float64(refN)-(c.want.Value-c.want.Diff)) > 1e-12 {
			t.Errorf("--measure %q: cells n %d/%d rates %v/%v; the section's row n %d/%d rates %v/%v", c.measure, n, refN, sum/float64(n), refSum/float64(refN),
				c.want.N, c.want.RefN, c.want.Value, c.want.Value-c.want.Diff)
		}
		noted := false
		for _, w := range r.Warnings {
			noted = noted || strings.Contains(w, "section's headline over the whole file")
		}
		if noted != (c.measure == "") {
			t.Errorf("--measure %q: the note on the headline comparison %v: %q", c.measure, noted, r.Warnings)
		}
	}
	m, _ := disparities.LookupPilotMeasure("hd-clusters", "Basket Weaving: training-related employment retention")
	if _, err := Pilot(&Options{File: file, Config: disparities.DefaultConfig()}, disparities.PilotSpec{Measure: m, Boards: []string{"13100"}, Start: day}); err == nil ||
		!IsOptionError(err) || !strings.Contains(err.Error(), "Health Care") {
		t.Errorf("an unknown cluster: %v", err)
	}
}
