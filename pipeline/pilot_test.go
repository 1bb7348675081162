package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
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
	for _, id := range []string{"poverty-participation", "hd-clusters"} {
		if _, err := disparities.LookupPilotMeasure(id, ""); err == nil {
			t.Errorf("%s: want not supported", id)
		}
	}
	if _, err := disparities.LookupPilotMeasure("gender-credential", "no such measure"); err == nil {
		t.Error("unknown measure accepted")
	}
}
