package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
)

// resultsJSONFromCSV turns a golden results.csv of the repository (the
// sample report's, the indicators') into the results.json of that run, with
// the sample's provenance.
func resultsJSONFromCSV(tb testing.TB, path string) []byte {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		tb.Fatalf("%s: %v", path, err)
	}
	// Two rows of each disparity or indicator: every unit and kind of row,
	// in a seed small enough for the fuzzer to minimise quickly.
	rows := []map[string]any{}
	per := map[string]int{}
	for _, r := range recs[1:] {
		if per[r[0]+r[1][:min(len(r[1]), 4)]]++; per[r[0]+r[1][:min(len(r[1]), 4)]] > 2 {
			continue
		}
		m := map[string]any{}
		for i, h := range recs[0] {
			switch v := r[i]; h {
			case "disparity", "measure", "group", "reference":
				m[h] = v
			case "flagged", "suppressed":
				m[h] = v == "true"
			default:
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					m[h] = x
				} else {
					m[h] = nil
				}
			}
		}
		rows = append(rows, m)
	}
	b, err := json.MarshalIndent(map[string]any{"format": ResultsFormat, "provenance": json.RawMessage(testProvenance), "results": rows}, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// FuzzDecodeResults: the results.json reader (compare, trend, check
// --results) never panics, and what it accepts holds only possible values.
// Seeds: the results of the sample report and of the indicators golden
// files, and a results.json written by WriteJSON.
func FuzzDecodeResults(f *testing.F) {
	f.Add(resultsJSONFromCSV(f, "../cmd/testdata/sample-results.csv"))
	f.Add(resultsJSONFromCSV(f, "../cmd/testdata/indicators-results.csv"))
	nan := math.NaN()
	run := &Run{Provenance: Provenance{Tool: "wioa", Version: "x", Window: "exits in 2024Q3 (2024-07-01 to 2024-09-30)",
		Input: InputFile{Name: "pirl.csv", SHA256: "6678a3e17028727172a820334410bb241452755c50265c956972fab85af362d0", Bytes: 100, Rows: 3}},
		Sections: []*results.Section{{ID: "gender-wages", Status: results.StatusFlagged, Finding: "f",
			Rows: []results.Row{
				{Disparity: "gender-wages", Measure: "mean hourly wage", Group: "Women", Reference: "Men", N: 40, Value: 17.5,
					CILow: nan, CIHigh: nan, Diff: -1.88, DiffLow: -2.2, DiffHigh: -1.5, Ratio: nan, P: 0.001, PAdj: 0.002, Flagged: true, Unit: results.UnitDollars},
				{Disparity: "gender-wages", Measure: "training-related employment retention", Group: "Women", Suppressed: true, Unit: results.UnitRate,
					Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan},
			}}}}
	var b bytes.Buffer
	if err := WriteJSON(&b, run); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"format": "wioa-results/1", "provenance": {}, "results": [{"n": -1}]}`))
	f.Add([]byte(`{"format": "wioa-results/1"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := DecodeResults(b, "results.json")
		if err != nil {
			if len(err.Error()) < len("results.json") || err.Error()[:len("results.json")] != "results.json" {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if res.Provenance.Input.SHA256 == "" || res.Provenance.Window == "" {
			t.Fatalf("accepted without provenance: %+v", res.Provenance)
		}
		for i, r := range res.Rows {
			if r.N < 0 || r.P < -slack || r.P > 1+slack || r.PAdj < -slack || r.PAdj > 1+slack {
				t.Fatalf("results[%d] accepted with an impossible value: %+v", i, r)
			}
			if r.Unit == results.UnitRate && (r.Value < -slack || r.Value > 1+slack) {
				t.Fatalf("results[%d] accepted a rate of %g", i, r.Value)
			}
		}
	})
}
