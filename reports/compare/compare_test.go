package compare

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
)

var nan = math.NaN()

func row(d, m, g, ref string, n int, v float64, u results.Unit) results.Row {
	return results.Row{Disparity: d, Measure: m, Group: g, Reference: ref, N: n, Value: v, Unit: u,
		CILow: nan, CIHigh: nan, Diff: nan, DiffLow: nan, DiffHigh: nan, Ratio: nan, P: nan, PAdj: nan}
}

// testRun builds a small run: two sexes' credential rates and mean wages,
// and one suppressed group.
func testRun(window string) *reports.Results {
	women := row("gender-credential", "credential attainment", "Women", "Men", 200, 0.5, results.UnitRate)
	women.Diff, women.PAdj, women.Flagged = -0.1, 0.01, true
	wage := row("gender-wages", "mean hourly wage", "Women", "Men", 300, 18.83041707, results.UnitDollars)
	wage.Diff = -1.946356
	sup := row("hd-clusters", "training-related employment retention", "Information Technology", "Non-HD trainees", 0, nan, results.UnitRate)
	sup.Suppressed = true
	return &reports.Results{Source: "test.json",
		Provenance: reports.Provenance{Version: "1.0", Window: window,
			Input:       reports.InputFile{Name: "pirl.csv", SHA256: "aaaa"},
			Options:     reports.Options{MinCell: 10, Alpha: 0.05},
			Disparities: []string{"gender-credential", "gender-wages", "hd-clusters"}},
		Rows: []results.Row{women, row("gender-credential", "credential attainment", "Men", "", 250, 0.6, results.UnitRate),
			wage, row("gender-wages", "mean hourly wage", "Men", "", 280, 20.78, results.UnitDollars), sup}}
}

func TestParseBaselineErrors(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"malformed", "entries:\n  - disparity: x\n    measure: [a\n", "b.yaml:"},
		{"bad indentation", "entries:\n- disparity: a\n  measure: b\n group: c\n", "b.yaml:3: did not find expected key"},
		{"unknown top key", "tolerence: {abs: 1}\nentries: []\n", "b.yaml:1: field tolerence not found"},
		{"unknown entry key", "entries:\n  - disparity: a\n    measure: b\n    group: c\n    publishd: 1\n", `b.yaml:5: unknown key "publishd"`},
		{"no published", "entries:\n  - disparity: a\n    measure: b\n    group: c\n", "b.yaml:2: entry a / b / c has no published value"},
		{"unknown field", "entries:\n  - {disparity: a, measure: b, group: c, field: valu, published: 1}\n", `b.yaml:2: field "valu" is not one of value, n`},
		{"text value", "entries:\n  - {disparity: a, measure: b, group: c, published: high}\n", `b.yaml:2: published value must be a finite number, not "high"`},
		{"number flag", "entries:\n  - {disparity: a, measure: b, group: c, field: flagged, published: 1}\n", "must be true or false"},
		{"negative tolerance", "tolerance: {abs: -1}\nentries:\n  - {disparity: a, measure: b, group: c, published: 1}\n", "b.yaml:1: tolerance must be finite and not negative"},
		{"empty tolerance", "tolerance: {}\nentries:\n  - {disparity: a, measure: b, group: c, published: 1}\n", "tolerance needs abs or rel"},
		{"no entries", "tolerance: {abs: 1}\n", "no entries"},
		{"empty file", "", "empty baseline"},
		{"other format", "format: wioa-baseline/9\nentries:\n  - {disparity: a, measure: b, group: c, published: 1}\n", `format "wioa-baseline/9"`},
		{"bad on_other_data", "on_other_data: ignore\nentries:\n  - {disparity: a, measure: b, group: c, published: 1}\n", "must be error or warn"},
		{"duplicate", "entries:\n  - {disparity: a, measure: b, group: c, published: 1}\n  - {disparity: a, measure: b, group: c, published: 2}\n", "b.yaml:3: entry repeats line 2"},
	} {
		_, err := ParseBaseline([]byte(c.yaml), "b.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	const head = "tolerance: {abs: 0.001}\nentries:\n"
	for _, c := range []struct {
		name, entries string
		drifted       int
		reason        string
	}{
		{"within", "  - {disparity: gender-credential, measure: credential attainment, group: Women, published: 0.5004}\n", 0, ""},
		{"reference left out when unique", "  - {disparity: gender-credential, measure: credential attainment, group: Men, published: 0.6}\n", 0, ""},
		{"beyond abs", "  - {disparity: gender-credential, measure: credential attainment, group: Women, published: 0.502}\n", 1, "beyond tolerance"},
		{"rel tolerance", "  - {disparity: gender-wages, measure: mean hourly wage, group: Women, published: 18.8, tolerance: {rel: 0.01}}\n", 0, ""},
		{"diff field", "  - {disparity: gender-wages, measure: mean hourly wage, group: Women, field: diff, published: -1.9}\n", 1, "beyond tolerance"},
		{"flag", "  - {disparity: gender-credential, measure: credential attainment, group: Women, field: flagged, published: false}\n", 1, "flagged was false, now true"},
		{"suppressed now", "  - {disparity: hd-clusters, measure: training-related employment retention, group: Information Technology, published: 0.55}\n", 1, "suppressed in this run (n < 10)"},
		{"still suppressed", "  - {disparity: hd-clusters, measure: training-related employment retention, group: Information Technology, field: suppressed, published: true}\n", 0, ""},
		{"empty field now", "  - {disparity: gender-wages, measure: mean hourly wage, group: Men, reference: '', field: diff, published: 0}\n", 1, "no diff in this run"},
	} {
		b, err := ParseBaseline([]byte(head+c.entries), "b.yaml")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		rep, err := Check(b, testRun("all exits in the file"))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		d := rep.Drifted()
		if len(d) != c.drifted || (c.drifted > 0 && !strings.HasPrefix(d[0].Reason, c.reason)) {
			t.Errorf("%s: drifted %d (%+v), want %d with reason %q", c.name, len(d), d, c.drifted, c.reason)
		}
	}
}

func TestCheckInputErrors(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"typo in measure", "entries:\n  - {disparity: gender-wages, measure: mean hourly wages, group: Women, published: 1}\n",
			`b.yaml:2: gender-wages / mean hourly wages / Women matches no result; did you mean "gender-wages / mean hourly wage / Women vs Men"?`},
		{"unknown disparity", "entries:\n  - {disparity: gender-wage, measure: mean hourly wage, group: Women, published: 1}\n",
			`(unknown disparity; did you mean "gender-wages"?)`},
		{"not run", "entries:\n  - {disparity: education-level, measure: median Q2 earnings, group: Associate degree, published: 1}\n",
			"education-level was not run"},
		{"wrong reference", "entries:\n  - {disparity: gender-wages, measure: mean hourly wage, group: Women, reference: Everyone, published: 1}\n",
			"matches no result"},
		{"other data", "source: {input_sha256: bbbb}\nentries:\n  - {disparity: gender-wages, measure: mean hourly wage, group: Women, published: 1}\n",
			"input sha256: published from bbbb, this run aaaa"},
		{"other window", "source: {exit_window: exits in 2024Q3}\nentries:\n  - {disparity: gender-wages, measure: mean hourly wage, group: Women, published: 1}\n",
			"exit window: published from exits in 2024Q3, this run all exits in the file"},
	} {
		b, err := ParseBaseline([]byte(c.yaml), "b.yaml")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		_, err = Check(b, testRun("all exits in the file"))
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want an InputError containing %q", c.name, err, c.want)
		}
	}
	// on_other_data: warn goes on with a warning.
	b, err := ParseBaseline([]byte("on_other_data: warn\nsource: {input_sha256: bbbb}\nentries:\n  - {disparity: gender-wages, measure: mean hourly wage, group: Women, published: 18.83}\n"), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(b, testRun("all exits in the file"))
	if err != nil || len(rep.Warnings) == 0 || len(rep.Drifted()) != 0 {
		t.Errorf("warn mode: err %v, warnings %v", err, rep.Warnings)
	}
}

// A baseline written from a run reads back and passes against that run, in
// every output format.
func TestWriteBaselineRoundTrip(t *testing.T) {
	res := testRun("exits in 2023Q1 (2023-01-01 to 2023-03-31)")
	for _, all := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteBaseline(&b, res, WriteOptions{AllRows: all}); err != nil {
			t.Fatal(err)
		}
		bl, err := ParseBaseline(b.Bytes(), "w.yaml")
		if err != nil {
			t.Fatalf("all=%v: written baseline does not parse: %v\n%s", all, err, b.String())
		}
		want := 6 // Women: value, diff, flagged; Men: value; wage Women value, diff (no p: no flag); Men value
		if all {
			want = 8 // + the suppressed row
		} else {
			want = 7
		}
		if len(bl.Entries) != want {
			t.Errorf("all=%v: %d entries, want %d\n%s", all, len(bl.Entries), want, b.String())
		}
		rep, err := Check(bl, res)
		if err != nil || len(rep.Drifted()) != 0 {
			t.Fatalf("all=%v: err %v, drifted %+v", all, err, rep.Drifted())
		}
		var js, ju bytes.Buffer
		if err := rep.WriteJSON(&js); err != nil || !json.Valid(js.Bytes()) {
			t.Errorf("json: %v\n%s", err, js.String())
		}
		if err := rep.WriteJUnit(&ju); err != nil || xml.Unmarshal(ju.Bytes(), new(junitSuites)) != nil {
			t.Errorf("junit: %v\n%s", err, ju.String())
		}
	}
}

func TestRound(t *testing.T) {
	for _, c := range []struct {
		v     float64
		u     results.Unit
		field string
		want  float64
	}{
		{0.38080495356, results.UnitRate, "value", 0.3808},
		{-0.14719504, results.UnitRate, "diff", -0.1472},
		{18.83041707, results.UnitDollars, "value", 18.83},
		{-1.946356, results.UnitDollars, "diff", -1.95},
		{0.72122150, results.UnitRate, "ratio", 0.721},
		{0.52991238, results.UnitOddsRatio, "value", 0.53},
		{-0.15208801, results.UnitOddsRatio, "diff", -0.1521},
		{18.02414728, results.UnitPer1000, "value", 18.02},
		{-5.38905098, results.UnitScore, "value", -5.389},
		{-0.00001, results.UnitRate, "diff", 0},
	} {
		if got := Round(c.v, c.u, c.field); got != c.want || math.Signbit(got) != math.Signbit(c.want) {
			t.Errorf("Round(%v, %v, %s) = %v, want %v", c.v, c.u, c.field, got, c.want)
		}
	}
}

// The test of a changed rate matches R: prop.test(c(100,150), c(200,250),
// correct = FALSE)$p.value = 0.0338948535246893 and, for small counts,
// fisher.test(matrix(c(1,7,7,2), 2, byrow = TRUE))$p.value = 0.0152200740436035.
func TestCompareChangeTests(t *testing.T) {
	old := testRun("exits in 2023Q1 (2023-01-01 to 2023-03-31)")
	nu := testRun("exits in 2023Q2 (2023-04-01 to 2023-06-30)")
	nu.Rows[0].N, nu.Rows[0].Value = 250, 0.6 // Women 100/200 → 150/250
	small := row("gender-credential", "training completion", "Women", "Men", 8, 0.125, results.UnitRate)
	old.Rows = append(old.Rows, small)
	small.N, small.Value = 9, 7.0/9
	nu.Rows = append(nu.Rows, small)
	nu.Rows[2].Value = 19.5 // dollars: not tested
	nu.Provenance.Options.MinCell = 5

	c, err := Compare(old, nu)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Change{}
	for _, ch := range c.Changes {
		byID[ch.ID] = ch
	}
	for _, w := range []struct {
		id, test string
		p        float64
	}{
		{"gender-credential / credential attainment / Women vs Men", "two-proportion z", 0.0338948535246893},
		{"gender-credential / training completion / Women vs Men", "Fisher exact", 0.0152200740436035},
	} {
		ch := byID[w.id]
		if ch.Test != w.test || math.Abs(ch.P-w.p) > 1e-9 {
			t.Errorf("%s: %s p = %v, want %s %v", w.id, ch.Test, ch.P, w.test, w.p)
		}
	}
	if ch := byID["gender-wages / mean hourly wage / Women vs Men"]; ch.NotTested != "not a rate" || math.Abs(ch.Delta-(19.5-18.83041707)) > 1e-9 {
		t.Errorf("wage change = %+v", ch)
	}
	if c.Unchanged != 3 || len(c.OptionDiffs) != 1 || c.OptionDiffs[0] != "min_cell: 10 → 5" {
		t.Errorf("unchanged %d, option diffs %v", c.Unchanged, c.OptionDiffs)
	}
	var b bytes.Buffer
	if err := c.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"different options", "| gender-wages | mean hourly wage | Women | Men | $18.83 | $19.50 | +$0.67 | not computed (not a rate) |"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("markdown lacks %q:\n%s", s, b.String())
		}
	}
	// Overlapping windows: the same people, so nothing is tested.
	same, err := Compare(old, testRun("exits in 2023Q1 (2023-01-01 to 2023-03-31)"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range same.Changes {
		if ch.NotTested == "" {
			t.Errorf("%s tested although the windows overlap", ch.ID)
		}
	}
}

func TestWindows(t *testing.T) {
	for _, c := range []struct{ label, from, to, short string }{
		{"exits in 2024Q3 (2024-07-01 to 2024-09-30)", "2024-07-01", "2024-09-30", "2024Q3"},
		{"exits in program year 2023 (2023-07-01 to 2024-06-30)", "2023-07-01", "2024-06-30", "PY2023"},
		{"exits from the earliest exit to 2024-06-30", "", "2024-06-30", "to 2024-06-30"},
		{"exits from 2024-01-01 to the latest exit", "2024-01-01", "", "from 2024-01-01"},
		{"all exits in the file", "", "", "all exits"},
	} {
		f, to := windowBounds(c.label)
		if f != c.from || to != c.to || PeriodLabel(c.label) != c.short {
			t.Errorf("%q: bounds %q %q label %q", c.label, f, to, PeriodLabel(c.label))
		}
	}
	if !disjointWindows("exits in 2024Q3 (2024-07-01 to 2024-09-30)", "exits in 2024Q2 (2024-04-01 to 2024-06-30)") ||
		disjointWindows("all exits in the file", "exits in 2024Q2 (2024-04-01 to 2024-06-30)") ||
		disjointWindows("exits in program year 2023 (2023-07-01 to 2024-06-30)", "exits in 2024Q2 (2024-04-01 to 2024-06-30)") {
		t.Error("disjointWindows")
	}
}

func TestTrendOrderAndPlot(t *testing.T) {
	q2 := testRun("exits in 2023Q2 (2023-04-01 to 2023-06-30)")
	q1 := testRun("exits in 2023Q1 (2023-01-01 to 2023-03-31)")
	q1.Rows[4].Suppressed, q1.Rows[4].Value, q1.Rows[4].N = false, 0.55, 40
	tr, err := NewTrend([]*reports.Results{q2, q1})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Periods[0].Label != "2023Q1" || tr.Periods[1].Label != "2023Q2" {
		t.Errorf("periods %s, %s", tr.Periods[0].Label, tr.Periods[1].Label)
	}
	var b bytes.Buffer
	if err := tr.WriteMarkdown(&b, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"| Women | 50.0%\\* | 50.0%\\* |", "| Information Technology | 55.0% | suppressed |", "| Men (reference) | $20.78 | $20.78 |"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("trend table lacks %q:\n%s", s, b.String())
		}
	}
	dir := t.TempDir()
	charts, err := tr.WritePlots(dir)
	if err != nil || len(charts) != 3 {
		t.Errorf("plots %v, err %v", charts, err)
	}
	if _, err := NewTrend(nil); err == nil {
		t.Error("empty trend accepted")
	}
}

// Two runs over other boards or programs are compared with a warning that
// says so, as for differing options.
func TestCompareWarnsOtherBoards(t *testing.T) {
	old, nu := testRun("exits in 2023Q1 (2023-01-01 to 2023-03-31)"), testRun("exits in 2023Q2 (2023-04-01 to 2023-06-30)")
	nu.Provenance.Board, nu.Provenance.Programs = []string{"13101"}, []string{"adult", "dw"}
	c, err := Compare(old, nu)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"board: all boards → 13101", "programs: all programs → adult,dw"}
	if len(c.OptionDiffs) != 2 || c.OptionDiffs[0] != want[0] || c.OptionDiffs[1] != want[1] {
		t.Errorf("option diffs %q, want %q", c.OptionDiffs, want)
	}
}
