package reports

import (
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
)

// A comparison whose outcomes are mostly not in yet is not drawn in a group
// chart, and the chart says so in words of its own — never as "suppressed".
func TestGroupChartNotYetReported(t *testing.T) {
	nan := math.NaN()
	row := func(g, ref string, v float64, st results.Status) results.Row {
		return results.Row{Disparity: "education-level", Measure: "employed Q4", Group: g, Reference: ref, N: 400, Value: v,
			CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan, Unit: results.UnitRate, Status: st}
	}
	rows := []results.Row{
		row("Less than high school", "High school", 0.41, results.StatusNotYetReported),
		row("High school", "", 0.55, results.StatusNone),
	}
	p, err := GroupChart("Employed Q4", rows)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Not shown: 1 value not yet reported (most outcomes not in yet)"; p.X.Label.Text != want {
		t.Errorf("note %q, want %q", p.X.Label.Text, want)
	}
	if _, err := GroupChart("Employed Q4", rows[:1]); err != ErrNothingToPlot {
		t.Errorf("only a not-yet-reported row: err = %v, want ErrNothingToPlot", err)
	}
	for _, c := range []struct {
		s, ny int
		want  string
	}{
		{2, 0, "Not shown: 2 values suppressed (groups below minimum cell size)"},
		{1, 3, "Not shown: 1 value suppressed (group below minimum cell size); 3 values not yet reported (most outcomes not in yet)"},
	} {
		if got := hiddenNote(c.s, c.ny); got != c.want {
			t.Errorf("hiddenNote(%d, %d) = %q, want %q", c.s, c.ny, got, c.want)
		}
	}
	if got, want := forestNote(1, 2, 0), "Not shown: 1 suppressed (group below minimum cell size); 2 not yet reported (most outcomes not in yet)"; got != want {
		t.Errorf("forestNote = %q, want %q", got, want)
	}
}
