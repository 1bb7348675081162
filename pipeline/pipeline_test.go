package pipeline

import (
	"runtime/debug"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/disparities"
)

func TestSelectDisparities(t *testing.T) {
	got, err := SelectDisparities(" education-level, gender-wages ,")
	must(t, err)
	if len(got) != 2 || got[0].ID != "gender-wages" || got[1].ID != "education-level" {
		t.Errorf("got %v, want the two in registry order", ids(got))
	}
	if all, _ := SelectDisparities(""); len(all) != len(disparities.All) {
		t.Errorf("empty selection: %d disparities, want all", len(all))
	}
	if _, err := SelectDisparities("gender-wage"); !IsOptionError(err) {
		t.Errorf("unknown id: err = %v, want an option error", err)
	}
}

func ids(ds []*disparities.Disparity) []string {
	var s []string
	for _, d := range ds {
		s = append(s, d.ID)
	}
	return s
}

func TestParseProgramYear(t *testing.T) {
	for in, want := range map[string]int{"2023": 2023, "PY2020": 2020, " py1901 ": 1901, "2199": 2199} {
		got, err := ParseProgramYear(in)
		if err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"23", "1900", "2200", "twenty", ""} {
		if _, err := ParseProgramYear(in); !IsOptionError(err) {
			t.Errorf("%q: err = %v, want an option error", in, err)
		}
	}
}

// The pipeline on the bundled sample: the selected sections, the window in
// the provenance, the sample marked synthetic, and the quality counts
// copied out of the data.
func TestReportOnSample(t *testing.T) {
	sel, err := SelectDisparities("gender-credential")
	must(t, err)
	w, err := ParseWindow("", "", "", "2023Q1")
	must(t, err)
	o := &Options{Config: disparities.DefaultConfig(), Window: w, Disparities: sel, Version: "test"}
	in, err := Load(o)
	must(t, err)
	data := in.Data
	run, err := Analyse(o, in, in.Derive(o))
	must(t, err)
	if in.Data != nil {
		t.Error("Analyse kept the inputs' columns")
	}
	if len(run.Sections) != 1 || run.Sections[0].ID != "gender-credential" {
		t.Fatalf("sections %v", run.Sections)
	}
	p := run.Provenance
	if p.Window != w.Label || !p.Input.Synthetic || p.Version != "test" || p.Tracts == nil {
		t.Errorf("provenance %+v", p)
	}
	if run.Quality == &data.Quality {
		t.Error("the run points into the data's quality counts instead of holding a copy")
	}
	if run.Config.Measures.ExitFrom != w.From || run.Config.Measures.ExitTo != w.To {
		t.Error("the run's configuration does not carry the window")
	}
}

// The collector's target is lowered for a large input and restored by relax;
// a small input, or GOGC set in the environment, leave it alone.
func TestGCScope(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	gogc := func() int { v := debug.SetGCPercent(-1); debug.SetGCPercent(v); return v }

	t.Setenv("GOGC", "")
	var g gcScope
	g.tune(&pirl.Data{Rows: bigInput - 1})
	if gogc() != 100 {
		t.Error("tuned for a small input")
	}
	g.tune(&pirl.Data{Rows: bigInput})
	if gogc() != 10 {
		t.Errorf("large input: GOGC %d, want 10", gogc())
	}
	g.relax()
	if gogc() != 100 {
		t.Errorf("after relax: GOGC %d, want 100", gogc())
	}
	t.Setenv("GOGC", "50")
	var h gcScope
	h.tune(&pirl.Data{Rows: bigInput})
	if gogc() != 100 || h.tuned {
		t.Error("tuned although GOGC is set in the environment")
	}
}
