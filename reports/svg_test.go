package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var (
	svgPaint  = regexp.MustCompile(`(?:^|[;"\s])((?:stroke|fill|stop-color|color)\s*[:=]\s*"?)([^;"]*)`)
	goodPaint = regexp.MustCompile(`^(none|#[0-9A-Fa-f]{6}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$`)
)

// checkSVGColours fails on any colour in dir's SVGs that is not "none",
// #rrggbb or rgb(r, g, b).
func checkSVGColours(t *testing.T, dir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no SVG written in %s (%v)", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range svgPaint.FindAllStringSubmatch(string(b), -1) {
			n++
			if !goodPaint.MatchString(m[2]) {
				t.Errorf("%s: invalid colour %s%s", filepath.Base(f), m[1], m[2])
				break
			}
		}
		if n == 0 {
			t.Errorf("%s: no colour found (pattern out of date?)", filepath.Base(f))
		}
	}
}

// TestSVGColoursValid: every SVG of a report (all charts of the sample, the
// forest plot included) and the participation map carries only valid
// colours — the hidden tick marks once wrote stroke:#-8000000000000000….
func TestSVGColoursValid(t *testing.T) {
	run, _ := sampleRun(t, "pirl.csv", "PIRL 201", "tracts.csv", "min_cell: 10\n",
		[]string{"Health Care", "Information Technology", "Transportation, Distribution & Logistics", "Advanced Manufacturing"})
	dir := t.TempDir()
	if err := WriteAll(dir, run, true); err != nil {
		t.Fatal(err)
	}
	checkSVGColours(t, filepath.Join(dir, "plots"))

	b, mt := mapFixture(t)
	p, err := ParticipationMap("Participation by tract (invented data)", b, mt, 10, 0.20)
	if err != nil {
		t.Fatal(err)
	}
	w, h := MapSize(b)
	mdir := t.TempDir()
	if err := SavePlot(p, w, h, mdir, "map"); err != nil {
		t.Fatal(err)
	}
	checkSVGColours(t, mdir)
}
