package compare

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// The trend charts as a board member sees them, compared pixel for pixel
// (gonum/plot's cmpimg) with golden images: titled by measure and groups,
// units on the y axis, the key above the data, a line broken where a period
// is suppressed, and a "not yet reported" label where outcomes are not in. Rewrite on purpose with go test ./reports/compare -update.
func TestTrendPlotsGolden(t *testing.T) {
	var runs []*reports.Results
	for i, w := range []string{
		"exits in 2023Q1 (2023-01-01 to 2023-03-31)", "exits in 2023Q2 (2023-04-01 to 2023-06-30)",
		"exits in 2023Q3 (2023-07-01 to 2023-09-30)", "exits in 2023Q4 (2023-10-01 to 2023-12-31)",
	} {
		r := testRun(w)
		// The gaps move from quarter to quarter; the cluster is shown in the
		// first and last quarters only (suppressed in between).
		r.Rows[0].Value = 0.48 + 0.02*float64(i)
		r.Rows[0].CILow, r.Rows[0].CIHigh = r.Rows[0].Value-0.05, r.Rows[0].Value+0.05
		r.Rows[1].CILow, r.Rows[1].CIHigh = 0.55, 0.65
		r.Rows[2].Value = 18.5 + 0.3*float64(i)
		if i == 3 {
			// The latest quarter's credentials are mostly not in yet.
			r.Rows[0].Status = results.StatusNotYetReported
		}
		if i == 0 || i == 3 {
			r.Rows[4].Suppressed, r.Rows[4].Value, r.Rows[4].N = false, 0.5+0.05*float64(i), 40
		}
		runs = append(runs, r)
	}
	tr, err := NewTrend(runs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	charts, err := tr.WritePlots(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 3 {
		t.Fatalf("%d charts, want 3", len(charts))
	}
	for base := range charts {
		got, err := os.ReadFile(filepath.Join(dir, base+".png"))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "trend_"+base+"_golden.png")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./reports/compare -run TrendPlotsGolden -update to create it)", err)
		}
		if ok, err := cmpimg.Equal("png", got, want); err != nil || !ok {
			out := filepath.Join(t.TempDir(), base+".png")
			_ = os.WriteFile(out, got, 0o644)
			t.Errorf("%s differs from %s (%v); see %s (after -update if the change is intended)", base, golden, err, out)
		}
	}
}
