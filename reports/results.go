// Package reports renders computed results: report.md, results.csv,
// results.json, plots and the validate report. Nothing here computes a
// statistic.
package reports

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/wioa-equity/wioa/analysis/results"
)

// CSVHeader is the column list of results.csv (METHODS §6.3).
var CSVHeader = []string{"disparity", "measure", "group", "reference", "n", "value", "ci_low", "ci_high",
	"diff", "diff_ci_low", "diff_ci_high", "ratio", "p_value", "p_adjusted", "flagged", "suppressed",
	"unit", "status", "min_detectable_diff"}

// num renders a float for machines: shortest exact form, empty for NaN.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// cell neutralises text that a spreadsheet would run as a formula
// (OWASP CSV injection): a leading = + - @ tab or CR gets a leading quote.
func cell(s string) string {
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}

// WriteCSV writes results.csv.
func WriteCSV(w io.Writer, rows []results.Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range rows {
		n := strconv.Itoa(r.N)
		if r.Suppressed {
			n = ""
		}
		rec := []string{cell(r.Disparity), cell(r.Measure), cell(r.Group), cell(r.Reference), n,
			num(r.Value), num(r.CILow), num(r.CIHigh), num(r.Diff), num(r.DiffLow), num(r.DiffHigh),
			num(r.Ratio), num(r.P), num(r.PAdj), strconv.FormatBool(r.Flagged), strconv.FormatBool(r.Suppressed),
			r.Unit.Key(), r.Status.String(), num(r.MDD)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonRow is a Row with NaN as null.
type jsonRow struct {
	Disparity  string   `json:"disparity"`
	Measure    string   `json:"measure"`
	Group      string   `json:"group"`
	Reference  string   `json:"reference"`
	N          *int     `json:"n"`
	Value      *float64 `json:"value"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	Diff       *float64 `json:"diff"`
	DiffLow    *float64 `json:"diff_ci_low"`
	DiffHigh   *float64 `json:"diff_ci_high"`
	Ratio      *float64 `json:"ratio"`
	P          *float64 `json:"p_value"`
	PAdj       *float64 `json:"p_adjusted"`
	Flagged    bool     `json:"flagged"`
	Suppressed bool     `json:"suppressed"`
	Test       string   `json:"test,omitempty"`
	Unit       string   `json:"unit,omitempty"` // rate, dollars, …: how to round and test the value
	// Status is the row's verdict (METHODS §6.3); "" on a group's own row.
	// A pointer so that a file written before rows had one reads as absent.
	Status *string  `json:"status"`
	MDD    *float64 `json:"min_detectable_diff"`
}

func fp(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func toJSONRow(r results.Row) jsonRow {
	j := jsonRow{Disparity: r.Disparity, Measure: r.Measure, Group: r.Group, Reference: r.Reference,
		Value: fp(r.Value), CILow: fp(r.CILow), CIHigh: fp(r.CIHigh), Diff: fp(r.Diff), DiffLow: fp(r.DiffLow),
		DiffHigh: fp(r.DiffHigh), Ratio: fp(r.Ratio), P: fp(r.P), PAdj: fp(r.PAdj), Flagged: r.Flagged,
		Suppressed: r.Suppressed, Test: r.Test, Unit: r.Unit.Key(), MDD: fp(r.MDD)}
	st := r.Status.String()
	j.Status = &st
	if !r.Suppressed {
		n := r.N
		j.N = &n
	}
	return j
}

// ResultsFormat is the version of results.json's layout; readers refuse
// files from another major version with a clear message.
const ResultsFormat = "wioa-results/1"

// jsonResults is the layout of results.json.
type jsonResults struct {
	Format     string       `json:"format"`
	Provenance Provenance   `json:"provenance"`
	Sections   []jsonStatus `json:"disparities"`
	Rows       []jsonRow    `json:"results"`
}

type jsonStatus struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Finding     string `json:"finding"`
	NotComputed string `json:"not_computed,omitempty"`
}

// WriteJSON writes results.json: provenance, one status per disparity and the rows.
func WriteJSON(w io.Writer, run *Run) error {
	out := jsonResults{Format: ResultsFormat, Provenance: run.Provenance}
	for _, s := range run.Sections {
		out.Sections = append(out.Sections, jsonStatus{s.ID, s.Status.String(), s.Finding, s.NotComputed})
	}
	out.Rows = []jsonRow{}
	for _, r := range run.Rows() {
		out.Rows = append(out.Rows, toJSONRow(r))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
