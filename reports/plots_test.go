package reports

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"

	"github.com/wioa-equity/wioa/analysis/results"
)

var nan = math.NaN()

// rate builds a UnitRate row; ref is the reference group's name ("" for the
// reference row itself).
func rate(disp, measure, group, ref string, n int, v, lo, hi, d, dlo, dhi, ratio float64, flagged bool) results.Row {
	r := results.Row{
		Disparity: disp, Measure: measure, Group: group, Reference: ref, N: n,
		Value: v, CILow: lo, CIHigh: hi, Diff: d, DiffLow: dlo, DiffHigh: dhi, Ratio: ratio,
		P: nan, PAdj: nan, Flagged: flagged, Unit: results.UnitRate,
	}
	if ref == "" {
		r.Diff, r.DiffLow, r.DiffHigh, r.Ratio = nan, nan, nan, nan
	}
	return r
}

// suppressed builds a suppressed row the way disparities does: every number
// NaN, N zero.
func suppressed(disp, measure, group, ref string, u results.Unit) results.Row {
	return results.Row{
		Disparity: disp, Measure: measure, Group: group, Reference: ref,
		Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan,
		P: nan, PAdj: nan, Suppressed: true, Unit: u,
	}
}

func dollarRow(disp, measure, group, ref string, n int, v, lo, hi, d, dlo, dhi float64, flagged bool) results.Row {
	r := results.Row{
		Disparity: disp, Measure: measure, Group: group, Reference: ref, N: n,
		Value: v, CILow: lo, CIHigh: hi, Diff: d, DiffLow: dlo, DiffHigh: dhi, Ratio: nan,
		P: nan, PAdj: nan, Flagged: flagged, Unit: results.UnitDollars,
	}
	if ref == "" {
		r.Diff, r.DiffLow, r.DiffHigh = nan, nan, nan
	}
	return r
}

// Fixtures: plausible numbers, invented for the pictures (not from any file).

func genderCredential() []results.Row {
	const d = "gender-credential"
	return []results.Row{
		rate(d, "training-completion", "Women", "Men", 812, 0.71, 0.68, 0.74, -0.04, -0.085, 0.005, 0.95, false),
		rate(d, "training-completion", "Men", "", 640, 0.75, 0.715, 0.782, nan, nan, nan, nan, false),
		rate(d, "credential-attainment", "Women", "Men", 790, 0.58, 0.545, 0.614, -0.09, -0.14, -0.04, 0.87, true),
		rate(d, "credential-attainment", "Men", "", 611, 0.67, 0.632, 0.706, nan, nan, nan, nan, false),
	}
}

func educationLevel() []results.Row {
	const d = "education-level"
	ref := "High school / equivalency"
	var rows []results.Row
	for _, m := range []struct {
		name string
		v    [4]float64
	}{
		{"employed Q2", [4]float64{0.55, 0.68, 0.72, 0.79}},
		{"employed Q4", [4]float64{0.52, 0.66, 0.70, 0.77}},
		{"employed all four quarters", [4]float64{0.38, 0.51, 0.57, 0.64}},
	} {
		rows = append(rows,
			rate(d, m.name, "Less than high school", ref, 210, m.v[0], m.v[0]-0.067, m.v[0]+0.064, m.v[0]-m.v[1], m.v[0]-m.v[1]-0.08, m.v[0]-m.v[1]+0.08, m.v[0]/m.v[1], true),
			rate(d, m.name, ref, "", 980, m.v[1], m.v[1]-0.03, m.v[1]+0.029, nan, nan, nan, nan, false),
			rate(d, m.name, "Some postsecondary / certificate", ref, 400, m.v[2], m.v[2]-0.045, m.v[2]+0.043, m.v[2]-m.v[1], m.v[2]-m.v[1]-0.05, m.v[2]-m.v[1]+0.05, m.v[2]/m.v[1], false),
		)
		if m.name == "employed Q4" {
			// Associate degree holders are too few for Q4 this period.
			rows = append(rows, suppressed(d, m.name, "Associate", ref, results.UnitRate))
		} else {
			rows = append(rows, rate(d, m.name, "Associate", ref, 95, m.v[3], m.v[3]-0.09, m.v[3]+0.075, m.v[3]-m.v[1], m.v[3]-m.v[1]-0.1, m.v[3]-m.v[1]+0.1, m.v[3]/m.v[1], false))
		}
		// Bachelor's or higher is suppressed everywhere: its name must not appear.
		rows = append(rows, suppressed(d, m.name, "Bachelor's or higher", ref, results.UnitRate))
	}
	return rows
}

func genderWages() []results.Row {
	const d = "gender-wages"
	return []results.Row{
		dollarRow(d, "mean hourly wage", "Women", "Men", 702, 17.85, 17.31, 18.39, -1.55, -2.35, -0.75, true),
		dollarRow(d, "mean hourly wage", "Men", "", 566, 19.40, 18.80, 20.00, nan, nan, nan, false),
	}
}

func povertyCredentialOR() []results.Row {
	const d = "poverty-credential"
	return []results.Row{
		{Disparity: d, Measure: "adjusted odds ratio", Group: "High-poverty tracts", Reference: "Other tracts", N: 1300,
			Value: 0.72, CILow: 0.58, CIHigh: 0.89, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: 0.72,
			P: 0.002, PAdj: 0.004, Flagged: true, Unit: results.UnitOddsRatio},
		{Disparity: d, Measure: "adjusted odds ratio", Group: "Other tracts", N: 4100,
			Value: 1, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan,
			P: nan, PAdj: nan, Unit: results.UnitOddsRatio},
	}
}

// allRates is every rate row of the fixtures, for the forest plots.
func allRates() []results.Row {
	var rows []results.Row
	rows = append(rows, genderCredential()...)
	rows = append(rows, educationLevel()...)
	rows = append(rows,
		rate("supportive-services", "utilization", "Women", "Men", 900, 0.21, 0.19, 0.24, 0.03, 0.0, 0.06, 1.17, false),
		rate("supportive-services", "utilization", "Men", "", 700, 0.18, 0.15, 0.21, nan, nan, nan, nan, false),
		rate("hd-clusters", "training-related employment retention", "Health Care", "Non-HD trainees", 300, 0.62, 0.56, 0.67, 0.07, 0.01, 0.13, 1.13, true),
		rate("hd-clusters", "training-related employment retention", "Non-HD trainees", "", 500, 0.55, 0.51, 0.59, nan, nan, nan, nan, false),
		suppressed("hd-clusters", "training-related employment retention", "Information Technology", "Non-HD trainees", results.UnitRate),
	)
	return rows
}

func TestPlotGolden(t *testing.T) {
	tests := []struct {
		name string
		make func() (*plot.Plot, error)
		n    int
		size func(int) (vg.Length, vg.Length)
	}{
		{"group_gender_credential", func() (*plot.Plot, error) {
			return GroupChart("Credential attainment and training completion: women vs men", genderCredential())
		}, 4, GroupChartSize},
		{"group_education_level", func() (*plot.Plot, error) {
			return GroupChart("Employment after exit by education level", educationLevel())
		}, 15, GroupChartSize},
		{"group_gender_wages", func() (*plot.Plot, error) {
			return GroupChart("Mean hourly wage after exit", genderWages())
		}, 2, GroupChartSize},
		{"group_odds_ratio", func() (*plot.Plot, error) {
			return GroupChart("Credential attainment, adjusted odds ratio", povertyCredentialOR())
		}, 2, GroupChartSize},
		{"group_disjoint_groups", func() (*plot.Plot, error) {
			// Each cluster has its own groups, as supportive-services utilization does.
			const d = "supportive-services"
			return GroupChart("Supportive-service utilization by group", []results.Row{
				rate(d, "utilization by sex", "Women", "Men", 900, 0.21, 0.19, 0.24, 0.03, 0.0, 0.06, 1.17, false),
				rate(d, "utilization by sex", "Men", "", 700, 0.18, 0.15, 0.21, nan, nan, nan, nan, false),
				rate(d, "utilization by need", "Neediest", "Others", 300, 0.29, 0.24, 0.34, 0.11, 0.05, 0.17, 1.6, true),
				rate(d, "utilization by need", "Others", "", 1300, 0.18, 0.16, 0.20, nan, nan, nan, nan, false),
			})
		}, 4, GroupChartSize},
		{"forest_diff", func() (*plot.Plot, error) {
			return ForestPlot("Gaps in rates (group minus reference)", allRates(), ForestDiff)
		}, 11, PlotSize},
		{"forest_ratio", func() (*plot.Plot, error) {
			return ForestPlot("Ratios to the reference group", append(allRates(), povertyCredentialOR()...), ForestRatio)
		}, 12, PlotSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			w, h := tt.size(tt.n)
			if dir := os.Getenv("WIOA_PLOT_DIR"); dir != "" {
				// To look at the full-resolution pictures while working on them.
				if err := SavePlot(p, w, h, dir, tt.name); err != nil {
					t.Fatal(err)
				}
			}
			// Goldens at 72 dpi keep testdata small; layout is the same at any dpi.
			var buf bytes.Buffer
			if _, err := pngCanvas(p, w, h, 72).WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			golden := filepath.Join("testdata", tt.name+"_golden.png")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./reports -run Plot -update to create it)", err)
			}
			ok, err := cmpimg.Equal("png", got, want)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				// Outside t.TempDir, which is removed when the test ends.
				f, err := os.CreateTemp("", "wioa-"+tt.name+"-*.png")
				if err != nil {
					t.Fatal(err)
				}
				out := f.Name()
				f.Close()
				if err := os.WriteFile(out, got, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Errorf("rendering differs from %s; see %s (after -update if the change is intended)", golden, out)
			}
		})
	}
}

// TestPlotSuppressedNeverDrawn checks in the SVG text that a group suppressed
// everywhere leaves no label, and that no suppressed value leaks as a number.
func TestPlotSuppressedNeverDrawn(t *testing.T) {
	tests := []struct {
		name   string
		make   func() (*plot.Plot, error)
		absent []string
		want   []string
	}{
		{"group chart", func() (*plot.Plot, error) { return GroupChart("Education", educationLevel()) },
			[]string{"Bachelor", "NaN"}, []string{"Associate", "Less than high school", "(reference)", "Not shown: 4 values suppressed"}},
		{"forest diff", func() (*plot.Plot, error) { return ForestPlot("Gaps", allRates(), ForestDiff) },
			[]string{"Bachelor", "Information Technology", "NaN"}, []string{"Health Care vs Non-HD trainees", "flagged", "Not shown: 5 suppressed"}},
		{"forest ratio", func() (*plot.Plot, error) { return ForestPlot("Ratios", allRates(), ForestRatio) },
			[]string{"Bachelor", "Information Technology", "NaN"}, []string{"four-fifths"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := SavePlot(p, 7*vg.Inch, 6*vg.Inch, dir, "p"); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "p.svg"))
			if err != nil {
				t.Fatal(err)
			}
			svg := strings.ReplaceAll(string(b), "&#39;", "'")
			for _, s := range tt.absent {
				if strings.Contains(svg, s) {
					t.Errorf("SVG contains %q", s)
				}
			}
			for _, s := range tt.want {
				if !strings.Contains(svg, s) {
					t.Errorf("SVG lacks %q", s)
				}
			}
		})
	}
}

func TestPlotErrors(t *testing.T) {
	mixed := append(genderCredential(), genderWages()...)
	allSuppressed := []results.Row{
		suppressed("d", "m", "A", "", results.UnitRate),
		suppressed("d", "m", "B", "A", results.UnitRate),
	}
	tests := []struct {
		name    string
		make    func() (*plot.Plot, error)
		wantErr error  // matched with errors.Is when set
		wantMsg string // substring otherwise
	}{
		{"group mixed units", func() (*plot.Plot, error) { return GroupChart("x", mixed) }, nil, "rows mix units"},
		{"forest diff mixed units", func() (*plot.Plot, error) { return ForestPlot("x", mixed, ForestDiff) }, nil, "earlier rows rate"},
		{"group empty", func() (*plot.Plot, error) { return GroupChart("x", nil) }, ErrNothingToPlot, ""},
		{"group all suppressed", func() (*plot.Plot, error) { return GroupChart("x", allSuppressed) }, ErrNothingToPlot, ""},
		{"forest all suppressed", func() (*plot.Plot, error) { return ForestPlot("x", allSuppressed, ForestDiff) }, ErrNothingToPlot, ""},
		{"forest reference rows only", func() (*plot.Plot, error) {
			return ForestPlot("x", []results.Row{genderWages()[1]}, ForestDiff)
		}, ErrNothingToPlot, ""},
		{"forest unknown kind", func() (*plot.Plot, error) { return ForestPlot("x", allRates(), ForestKind(7)) }, nil, "unknown kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.make()
			if err == nil {
				t.Fatalf("got plot %v, want an error", p)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %q, want %q", err, tt.wantErr)
			}
			if tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q, want it to mention %q", err, tt.wantMsg)
			}
		})
	}
}

// TestPlotOddInputs draws awkward inputs end to end: none may panic, and
// each either draws or returns an error.
func TestPlotOddInputs(t *testing.T) {
	inf := math.Inf(1)
	long := strings.Repeat("Supercalifragilistic ", 8)
	tests := []struct {
		name string
		rows []results.Row
	}{
		{"NaN value", []results.Row{rate("d", "m", "A", "", 20, nan, nan, nan, nan, nan, nan, nan, false),
			rate("d", "m", "B", "A", 20, 0.5, 0.3, 0.7, nan, nan, nan, nan, false)}},
		{"infinite CI", []results.Row{rate("d", "m", "A", "", 20, 0.4, -inf, inf, nan, nan, nan, nan, false),
			rate("d", "m", "B", "A", 20, 0.5, 0.3, 0.7, 0.1, -inf, inf, inf, false)}},
		{"reversed CI", []results.Row{rate("d", "m", "B", "A", 20, 0.5, 0.7, 0.3, 0.1, 0.2, -0.1, 1.2, true)}},
		{"all zero", []results.Row{rate("d", "m", "A", "", 20, 0, 0, 0, nan, nan, nan, nan, false),
			rate("d", "m", "B", "A", 20, 0, 0, 0, 0, 0, 0, nan, false)}},
		{"huge dollars", []results.Row{dollarRow("d", "m", "A", "", 20, 1e12, 0, 2e12, nan, nan, nan, false),
			dollarRow("d", "m", "B", "A", 20, 5e11, 1, 1e12, -5e11, -1e12, 0, true)}},
		{"negative dollars", []results.Row{dollarRow("d", "m", "A", "", 20, -50, -80, -20, nan, nan, nan, false),
			dollarRow("d", "m", "B", "A", 20, 30, 10, 50, 80, 40, 120, true)}},
		{"long names, empty names", []results.Row{rate(long, long, long, "", 20, 0.4, 0.3, 0.5, nan, nan, nan, nan, false),
			rate("", "", "", long, 20, 0.5, 0.3, 0.7, 0.1, 0.0, 0.2, 1.2, true)}},
		{"zero odds ratio", []results.Row{{Measure: "or", Group: "B", Reference: "A", Value: 0, CILow: 0, CIHigh: 3, Ratio: 0, Unit: results.UnitOddsRatio},
			{Measure: "or", Group: "C", Reference: "A", Value: 2, CILow: -1, CIHigh: inf, Ratio: 2, Unit: results.UnitOddsRatio}}},
		{"many groups", manyGroups(30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mk := range []func() (*plot.Plot, error){
				func() (*plot.Plot, error) { return GroupChart(tt.name, tt.rows) },
				func() (*plot.Plot, error) { return ForestPlot(tt.name, tt.rows, ForestDiff) },
				func() (*plot.Plot, error) { return ForestPlot(tt.name, tt.rows, ForestRatio) },
			} {
				p, err := mk()
				if err != nil {
					continue
				}
				// Small, to keep the test fast; crowding must not panic either.
				if err := SavePlot(p, 6*vg.Inch, 4*vg.Inch, t.TempDir(), "p"); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func manyGroups(n int) []results.Row {
	rows := []results.Row{rate("d", "m", "Group 0", "", 100, 0.5, 0.4, 0.6, nan, nan, nan, nan, false)}
	for i := 1; i < n; i++ {
		v := float64(i) / float64(n)
		rows = append(rows, rate("d", "m", "Group "+string(rune('A'+i%26)), "Group 0", 100, v, v-0.05, v+0.05, v-0.5, v-0.6, v-0.4, v/0.5, i%3 == 0))
	}
	return rows
}

func TestSavePlotErrors(t *testing.T) {
	p, err := GroupChart("x", genderWages())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name string
		p    *plot.Plot
		w, h vg.Length
		dir  string
		base string
	}{
		{"nil plot", nil, vg.Inch, vg.Inch, dir, "a"},
		{"zero width", p, 0, vg.Inch, dir, "a"},
		{"NaN height", p, vg.Inch, vg.Length(math.NaN()), dir, "a"},
		{"base with slash", p, vg.Inch, vg.Inch, dir, "a/b"},
		{"empty base", p, vg.Inch, vg.Inch, dir, ""},
		{"dir is a file", p, vg.Inch, vg.Inch, filepath.Join("plots_test.go", "sub"), "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := SavePlot(tt.p, tt.w, tt.h, tt.dir, tt.base); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestSavePlotDeterministic renders the same chart twice: PNG and SVG bytes
// must match exactly (METHODS §6, byte-identical outputs).
func TestSavePlotDeterministic(t *testing.T) {
	var out [2][2][]byte
	for i := range out {
		p, err := ForestPlot("Gaps", allRates(), ForestDiff)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := SavePlot(p, 7*vg.Inch, 7*vg.Inch, dir, "f"); err != nil {
			t.Fatal(err)
		}
		for j, ext := range []string{".png", ".svg"} {
			if out[i][j], err = os.ReadFile(filepath.Join(dir, "f"+ext)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for j, ext := range []string{".png", ".svg"} {
		if string(out[0][j]) != string(out[1][j]) {
			t.Errorf("two renderings of the same plot differ (%s)", ext)
		}
	}
}

func TestPlotSize(t *testing.T) {
	tests := []struct {
		size func(int) (vg.Length, vg.Length)
		name string
		n    int
		w, h float64 // inches
	}{
		{PlotSize, "PlotSize", -1, 8, 4.5},
		{PlotSize, "PlotSize", 2, 8, 4.5},
		{PlotSize, "PlotSize", 10, 8, 6.9},
		{PlotSize, "PlotSize", 20, 12, 11.9},
		{PlotSize, "PlotSize", 1000, 12, 24},
		{GroupChartSize, "GroupChartSize", -1, 8, 5.5},
		{GroupChartSize, "GroupChartSize", 15, 9.75, 5.5},
		{GroupChartSize, "GroupChartSize", 1000, 13, 5.5},
	}
	for _, tt := range tests {
		w, h := tt.size(tt.n)
		if math.Abs(float64(w/vg.Inch)-tt.w) > 1e-9 || math.Abs(float64(h/vg.Inch)-tt.h) > 1e-9 {
			t.Errorf("%s(%d) = %.2f×%.2f in, want %.2f×%.2f", tt.name, tt.n, w/vg.Inch, h/vg.Inch, tt.w, tt.h)
		}
	}
}
