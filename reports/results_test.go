package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	nan := math.NaN()
	rows := []results.Row{
		{Disparity: "hd-clusters", Measure: "m", Group: "=HYPERLINK(\"http://x\")", Reference: "@SUM(A1)", N: 12,
			Value: -0.25, CILow: nan, CIHigh: nan, Diff: -0.1, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: 0.5, PAdj: nan},
		{Disparity: "hd-clusters", Measure: "+cmd", Group: "-2", Suppressed: true, N: 0,
			Value: nan, CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan},
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header = %v", recs[0])
	}
	for _, rec := range recs[1:] {
		for i, c := range rec[:4] {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("column %s cell %q would run as a formula", CSVHeader[i], c)
			}
		}
	}
	// Numbers stay numbers (a negative value is not a formula).
	if recs[1][5] != "-0.25" || recs[1][6] != "" {
		t.Errorf("value cells = %q, %q", recs[1][5], recs[1][6])
	}
	// A suppressed row publishes neither its values nor its size.
	for i, c := range recs[2][4:14] {
		if c != "" {
			t.Errorf("suppressed row: column %s = %q, want empty", CSVHeader[4+i], c)
		}
	}
	if recs[2][15] != "true" {
		t.Errorf("suppressed flag = %q", recs[2][15])
	}
}

func TestJSONNullsAndFormat(t *testing.T) {
	nan := math.NaN()
	run := &Run{Sections: []*results.Section{{ID: "gender-wages", Status: results.StatusFlagged, Finding: "x",
		Rows: []results.Row{{Disparity: "gender-wages", Measure: "m", Group: "Women", Reference: "Men", N: 40, Value: 17.5,
			CILow: nan, CIHigh: nan, Diff: -1.88, DiffLow: -2.2, DiffHigh: -1.5, Ratio: nan, P: 0.001, PAdj: 0.002, Flagged: true}}}}}
	var b bytes.Buffer
	if err := WriteJSON(&b, run); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Format  string                   `json:"format"`
		Results []map[string]interface{} `json:"results"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("results.json is not valid JSON: %v\n%s", err, b.String())
	}
	if got.Format != ResultsFormat || len(got.Results) != 1 {
		t.Fatalf("format %q, %d rows", got.Format, len(got.Results))
	}
	r := got.Results[0]
	if r["ci_low"] != nil || r["diff"].(float64) != -1.88 || r["flagged"] != true {
		t.Errorf("row = %v", r)
	}
}
