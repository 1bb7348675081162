package reports

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
)

// results.json written by WriteJSON reads back with the same rows, units
// and nulls as NaN, from the file or from its folder.
func TestReadResultsRoundTrip(t *testing.T) {
	nan := math.NaN()
	run := &Run{Provenance: Provenance{Tool: "wioa", Version: "x", Window: "all exits in the file",
		Input: InputFile{Name: "pirl.csv", SHA256: strings.Repeat("ab", 32), Bytes: 100, Rows: 3}},
		Sections: []*results.Section{{ID: "gender-wages", Status: results.StatusFlagged, Finding: "f",
			Rows: []results.Row{
				{Disparity: "gender-wages", Measure: "mean hourly wage", Group: "Women", Reference: "Men", N: 40, Value: 17.5,
					CILow: nan, CIHigh: nan, Diff: -1.88, DiffLow: -2.2, DiffHigh: -1.5, Ratio: nan, P: 0.001, PAdj: 0.002, Flagged: true, Unit: results.UnitDollars},
				{Disparity: "gender-wages", Measure: "training-related employment retention", Group: "Women", Suppressed: true, Unit: results.UnitRate,
					Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan},
			}}}}
	var b bytes.Buffer
	if err := WriteJSON(&b, run); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "results.json"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, filepath.Join(dir, "results.json")} {
		r, err := ReadResults(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Rows) != 2 || r.Rows[0].Value != 17.5 || !math.IsNaN(r.Rows[0].CILow) || r.Rows[0].Unit != results.UnitDollars ||
			!r.Rows[1].Suppressed || r.Rows[1].N != 0 || r.Provenance.Window != "all exits in the file" || r.Disparities[0].Status != "flagged for review" {
			t.Errorf("%s: read back %+v", p, r)
		}
	}
}

func TestReadResultsRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, body, want string }{
		{"old.json", `{"provenance": {}, "results": []}`, "old.json: results.json from an older or different version of wioa (no format field); rerun wioa report"},
		{"newer.json", `{"format": "wioa-results/2"}`, `newer.json: results format "wioa-results/2", but this version of wioa reads "wioa-results/1"`},
		{"other.json", `{"format": "something"}`, "not a wioa results file"},
		{"broken.json", "{\n  \"format\": \"wioa-results/1\",\n  \"results\": [\n    {,}\n", "broken.json:4:6: not valid results JSON"},
		{"types.json", "{\"format\": \"wioa-results/1\", \"results\": [{\"disparity\": \"a\", \"measure\": \"b\", \"group\": \"c\", \"value\": \"high\"}]}", "types.json:1:"},
		{"dup.json", `{"format": "wioa-results/1", "provenance": ` + testProvenance + `, "results": [{"disparity": "a", "measure": "b", "group": "c"}, {"disparity": "a", "measure": "b", "group": "c"}]}`, "results[1] repeats results[0]"},
		{"array.json", `[1, 2]`, "array.json:1:"},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadResults(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := ReadResults(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
	if _, err := ReadResults(dir); err == nil || !strings.Contains(err.Error(), "no results.json in this folder") {
		t.Errorf("folder without results.json: %v", err)
	}
}
