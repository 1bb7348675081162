package pipeline

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// TestProgramYearCohortsByHand: with --program-year 2023 each measure's
// numbers are those of DOL's cohort of its kind (METHODS §2.1), counted here
// by hand from the generated file's own columns: Q2 employment of supportive-
// service recipients over exits 2022-07-01 to 2023-06-30, training completion
// of women over exits in calendar 2022, and supportive-service utilization
// over exits in the program year 2023-07-01 to 2024-06-30. Each is also the
// number a one-window run over that window gives.
func TestProgramYearCohortsByHand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pirl.csv")
	f, err := os.Create(file)
	must(t, err)
	start, end := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	_, err = synth.Generate(f, nil, synth.Config{Rows: 30000, Seed: 11, Start: start, End: end, AsOf: end.AddDate(2, 0, 0)})
	must(t, err)
	must(t, f.Close())

	// By hand: the file's columns as the generator wrote them ("PIRL 901").
	type tally struct{ x, n int }
	var q2, q4, py tally
	fh, err := os.Open(file)
	must(t, err)
	defer fh.Close()
	cr := csv.NewReader(fh)
	head, err := cr.Read()
	must(t, err)
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	code := func(rec []string, el string) int {
		v, err := strconv.Atoi(rec[col["PIRL "+el]])
		if err != nil {
			return -1
		}
		return v
	}
	set := func(rec []string, el string) bool { return rec[col["PIRL "+el]] != "" }
	in := func(rec []string, from, to string) bool {
		e := rec[col["PIRL 901"]]
		return e != "" && e >= from && e <= to // YYYYMMDD compares as text
	}
	for {
		rec, err := cr.Read()
		if err != nil {
			break
		}
		participant, youth := false, code(rec, "905") >= 1 && code(rec, "905") <= 3
		for _, el := range []string{"903", "904", "905"} {
			participant = participant || code(rec, el) >= 1 && code(rec, el) <= 3
		}
		x := code(rec, "923")
		if !participant || x == 1 || x == 2 || x == 3 || x == 4 || x == 7 || (youth && x == 5) {
			continue
		}
		if in(rec, "20220701", "20230630") && set(rec, "1409") { // ERQ2 cohort: recipients' Q2 employment
			if e := code(rec, "1602"); e >= 0 && e <= 3 {
				q2.n++
				if e >= 1 {
					q2.x++
				}
			}
		}
		if in(rec, "20220101", "20221231") && code(rec, "201") == 2 && code(rec, "1300") == 1 && set(rec, "1811") { // ERQ4/CAR cohort
			q4.n++
			if set(rec, "1813") {
				q4.x++
			}
		}
		if in(rec, "20230701", "20240630") { // the program year: utilization
			py.n++
			if set(rec, "1409") {
				py.x++
			}
		}
	}

	run := func(from, to, year string) *reports.Results {
		w, err := ParseWindow(from, to, year, "")
		must(t, err)
		r, err := Report(&Options{File: file, Config: disparities.DefaultConfig(), Window: w, Version: "test"})
		must(t, err)
		return reports.ResultsOf(r, "test")
	}
	row := func(res *reports.Results, disp, measure, group string) results.Row {
		for _, r := range res.Rows {
			if r.Disparity == disp && r.Measure == measure && r.Group == group { // a comparison row carries its group's n and value
				return r
			}
		}
		t.Fatalf("no row %s / %s / %s", disp, measure, group)
		return results.Row{}
	}
	pyRun := run("", "", "2023")
	for _, c := range []struct {
		disp, measure, group string
		want                 tally
		from, to             string
	}{
		{"supportive-services", "employed 2nd quarter after exit", "Recipients", q2, "2022-07-01", "2023-06-30"},
		{"gender-credential", "training completion", "Women", q4, "2022-01-01", "2022-12-31"},
		{"supportive-services", "utilization", "All exiters", py, "2023-07-01", "2024-06-30"},
	} {
		got := row(pyRun, c.disp, c.measure, c.group)
		if c.want.n < 50 {
			t.Fatalf("%s: only %d by hand; the test file is too small", c.measure, c.want.n)
		}
		if got.N != c.want.n || math.Abs(got.Value-float64(c.want.x)/float64(c.want.n)) > 1e-12 {
			t.Errorf("PY2023 %s %s: n %d value %.6f; by hand %d/%d", c.measure, c.group, got.N, got.Value, c.want.x, c.want.n)
		}
		one := row(run(c.from, c.to, ""), c.disp, c.measure, c.group)
		if one.N != got.N || one.Value != got.Value {
			t.Errorf("%s: the one-window run %s to %s gives n %d value %g, the program-year run n %d value %g", c.measure, c.from, c.to, one.N, one.Value, got.N, got.Value)
		}
	}
}
