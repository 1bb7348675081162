package reports

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/wioa-equity/wioa/analysis/results"
)

// The panels of a stacked forest line up: every plot's data area has the
// same left and right edge, though their labels and printed estimates
// differ in width.
func TestStackedPanelsAligned(t *testing.T) {
	nan := math.NaN()
	row := func(g, ref, m string, u results.Unit, d float64) results.Row {
		return results.Row{Disparity: "gender-wages", Measure: m, Group: g, Reference: ref, N: 400, RefN: 400, Value: 1,
			CILow: nan, CIHigh: nan, Diff: d, DiffLow: d - 0.5, DiffHigh: d + 0.5, Ratio: nan, P: 0.01, PAdj: 0.01, Unit: u}
	}
	rows := []results.Row{
		row("Women", "Men", "mean hourly wage", results.UnitDollars, -1.78),
		row("Women with a long name that wraps", "Men", "training-related employment retention, a long measure", results.UnitRate, -0.05),
	}
	d, h, err := ForestPanel("Wages by sex", rows)
	if err != nil {
		t.Fatal(err)
	}
	st := d.(*stacked)
	if len(st.plots) != 2 {
		t.Fatalf("%d panels, want 2 (dollars and rates)", len(st.plots))
	}
	c := draw.New(vgimg.New(9*vg.Inch, h))
	subs := st.layout(c)
	var lefts, rights []vg.Length
	for i, p := range st.plots {
		da := p.DataCanvas(subs[i])
		lefts, rights = append(lefts, da.Min.X), append(rights, da.Max.X)
	}
	if math.Abs(float64(lefts[0]-lefts[1])) > 0.01 || math.Abs(float64(rights[0]-rights[1])) > 0.01 {
		t.Errorf("data areas: left %v, right %v; want one edge each", lefts, rights)
	}
	// Without the alignment they differ (the test can tell).
	full := draw.Crop(c, 0, 0, 0, 0)
	if a, b := st.plots[0].DataCanvas(full), st.plots[1].DataCanvas(full); a.Min.X == b.Min.X && a.Max.X == b.Max.X {
		t.Error("the two panels would line up anyway: the test shows nothing")
	}
}

// The header counts the exiters of each of DOL's windows when a run has
// them, and the one cohort otherwise.
func TestCohortWords(t *testing.T) {
	if got := CohortWords(&Provenance{Cohort: 3498}); got != "3,498 exiters analysed" {
		t.Errorf("one window: %q", got)
	}
	want := "3,498 exiters in these windows together (Q2 measures 1,799; Q4 and credential measures 889)"
	if got := CohortWords(&Provenance{Cohort: 3498, CohortQ2: 1799, CohortQ4: 889}); got != want {
		t.Errorf("DOL's windows: %q, want %q", got, want)
	}
}

// Axis labels: signed gaps, thousands separators, dollars as amounts (with
// cents when the step has a fraction).
func TestLinearTickLabels(t *testing.T) {
	labels := func(tk linearTicks, lo, hi float64) []string {
		var s []string
		for _, x := range tk.Ticks(lo, hi) {
			s = append(s, x.Label)
		}
		return s
	}
	for _, c := range []struct {
		tk     linearTicks
		lo, hi float64
		want   string
	}{
		{linearTicks{step: 5, signed: true}, -12, 3, "−10 −5 0"},
		{linearTicks{step: 0.5, signed: true, dollars: true}, -2.1, 0.1, "−$2.00 −$1.50 −$1.00 −$0.50 $0.00"},
		{linearTicks{step: 500, dollars: true}, 0, 1600, "$0 $500 $1,000 $1,500"},
		{linearTicks{step: 2500, signed: true}, -1, 5001, "0 +2,500 +5,000"},
	} {
		if got := strings.Join(labels(c.tk, c.lo, c.hi), " "); got != c.want {
			t.Errorf("%+v on [%g, %g]: %q, want %q", c.tk, c.lo, c.hi, got, c.want)
		}
	}
}
