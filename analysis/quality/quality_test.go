package quality

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/pirl/pirltest"
)

type row = pirltest.Row

// today is the pinned day of reading of these tests.
var today = time.Date(2025, 6, 30, 15, 0, 0, 0, time.UTC)

func TestDateLogic(t *testing.T) {
	e, x, b := pirl.FieldEntry, pirl.FieldExit, pirl.FieldBirthDate
	type want struct {
		name     string
		field    pirl.Field
		count    int
		examples []int
	}
	tests := []struct {
		name    string
		rows    []row
		checked bool
		want    []want
	}{
		{
			name: "clean",
			rows: []row{
				{e: "20200101", x: "20200630"},
				{e: "20200101", x: "20200101"}, // same day is not before
				{e: "20200101"},                // not exited
			},
			checked: true,
			want: []want{
				{RuleExitBeforeEntry, x, 0, nil},
				{RuleExitWithoutEntry, x, 0, nil},
				{RuleAfterToday, e, 0, nil},
				{RuleAfterToday, x, 0, nil},
			},
		},
		{
			name: "each rule",
			rows: []row{
				{e: "20200115", x: "20191231"},                // 0: exit before entry
				{x: "20200301"},                               // 1: exit without entry
				{e: "20250701", x: "20250630"},                // 2: entry after today, exit before it; exit today is not after
				{e: "20200101", x: "20250701", b: "20300101"}, // 3: exit and birth date after today
				{e: "20200101", x: "20100101"},                // 4: exit before entry
				{},                                            // 5: blank everything
			},
			checked: true,
			want: []want{
				{RuleExitBeforeEntry, x, 3, []int{0, 2, 4}},
				{RuleExitWithoutEntry, x, 1, []int{1}},
				{RuleAfterToday, b, 1, []int{3}}, // field order: 200 before 900
				{RuleAfterToday, e, 1, []int{2}},
				{RuleAfterToday, x, 1, []int{3}},
			},
		},
		{
			name: "examples capped",
			rows: []row{
				{x: "20200101"}, {x: "20200101"}, {x: "20200101"}, {x: "20200101"},
				{x: "20200101"}, {x: "20200101"}, {x: "20200101", e: "20190101"},
			},
			checked: true,
			want: []want{
				{RuleExitBeforeEntry, x, 0, nil},
				{RuleExitWithoutEntry, x, 6, []int{0, 1, 2, 3, 4}},
				{RuleAfterToday, e, 0, nil},
				{RuleAfterToday, x, 0, nil},
			},
		},
		{
			name:    "no exit column",
			rows:    []row{{e: "20260101"}, {e: "20200101"}},
			checked: false,
			want:    []want{{RuleAfterToday, e, 1, []int{0}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(pirltest.Build(t, tc.rows...), Options{Today: today})
			if got := pirl.FormatDate(r.Dates.Today); got != "2025-06-30" {
				t.Errorf("Today = %s", got)
			}
			if r.Dates.EntryExitChecked != tc.checked {
				t.Errorf("EntryExitChecked = %v, want %v", r.Dates.EntryExitChecked, tc.checked)
			}
			var got []want
			for _, c := range r.Dates.Rules {
				got = append(got, want{c.Name, c.Field, c.Count, c.Examples})
				if c.Doc == "" {
					t.Errorf("rule %s on %s has no Doc", c.Name, c.Field)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("rules\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDateRuleDocs(t *testing.T) {
	d := pirltest.Build(t, row{pirl.FieldEntry: "20200101", pirl.FieldExit: "20200201"})
	var docs []string
	for _, c := range Check(d, Options{Today: today}).Dates.Rules {
		docs = append(docs, c.Doc)
	}
	want := []string{"exit date before entry date", "exit date set but entry date blank", "PIRL 900 after today", "PIRL 901 after today"}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("docs = %q, want %q", docs, want)
	}
}

func TestCodes(t *testing.T) {
	s, q2 := pirl.FieldSex, pirl.FieldEmpQ2
	tests := []struct {
		name string
		rows []row
		want []CodeDist
	}{
		{"none of the key fields", []row{{pirl.FieldEntry: "20200101"}}, nil},
		{"one field, blanks not counted", []row{{s: "2"}, {s: "1"}, {s: "2"}, {s: ""}, {s: "9"}},
			[]CodeDist{{s, []CodeCount{{1, 1}, {2, 2}, {9, 1}}}}},
		{"all blank", []row{{s: ""}, {s: ""}}, []CodeDist{{s, nil}}},
		{"CodeFields order", []row{{q2: "0", s: "1"}, {q2: "9", s: "1"}},
			[]CodeDist{{s, []CodeCount{{1, 2}}}, {q2, []CodeCount{{0, 1}, {9, 1}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(pirltest.Build(t, tc.rows...), Options{Today: today}).Codes
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Codes\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestTracts(t *testing.T) {
	tr := pirl.FieldTract
	known := map[uint64]bool{13121001100: true}
	has := func(g uint64) bool { return known[g] }
	tests := []struct {
		name  string
		rows  []row
		known func(uint64) bool
		want  Tracts
	}{
		{"no tract column", []row{{pirl.FieldEntry: "20200101"}}, has, Tracts{}},
		{"no tract file", []row{{tr: "13121001100"}}, nil, Tracts{Column: true}},
		{"all known, blanks skipped", []row{{tr: "13121001100"}, {tr: ""}, {tr: "13121001100"}}, has,
			Tracts{Column: true, Checked: true, Valid: 2}},
		{
			name: "unknown by county, most rows first, ties by FIPS",
			rows: []row{
				{tr: "13121001100"},
				{tr: "13089020100"}, {tr: "13089020200"}, {tr: "13089020100"}, // 13089: 3 rows, 2 tracts
				{tr: "06037101100"},                      // 06037: 1
				{tr: "01001020100"},                      // 01001: 1 (ties with 06037, smaller FIPS first)
				{tr: "13121009900"}, {tr: "13121009900"}, // 13121: 2, one tract
			},
			known: has,
			want: Tracts{Column: true, Checked: true, Valid: 8, Unknown: 7, Distinct: 5,
				Counties: []County{{13089, 3}, {13121, 2}, {1001, 1}, {6037, 1}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(pirltest.Build(t, tc.rows...), Options{Known: tc.known, Today: today}).Tracts
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Tracts\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestWagesAndDuplicates(t *testing.T) {
	tests := []struct {
		name    string
		rows    []row
		wages   map[pirl.Field]Wage // fields present; every other WageField absent
		dupsChk bool
	}{
		{"no wages", []row{{pirl.FieldEntry: "20200101"}}, nil, false},
		{"sentinels", []row{
			{pirl.FieldWageQ2: "999999.99", pirl.FieldID: "A", pirl.FieldEntry: "20200101"},
			{pirl.FieldWageQ2: "100", pirl.FieldHourlyWage: "15.5"},
			{pirl.FieldWageQ2: "999999.99"},
		}, map[pirl.Field]Wage{
			pirl.FieldWageQ2:     {pirl.FieldWageQ2, true, 2},
			pirl.FieldHourlyWage: {pirl.FieldHourlyWage, true, 0},
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(pirltest.Build(t, tc.rows...), Options{Today: today})
			if len(r.Wages) != len(WageFields) {
				t.Fatalf("%d wage fields, want %d", len(r.Wages), len(WageFields))
			}
			for i, w := range r.Wages {
				want, ok := tc.wages[WageFields[i]]
				if !ok {
					want = Wage{Field: WageFields[i]}
				}
				if w != want {
					t.Errorf("wage %d = %+v, want %+v", i, w, want)
				}
			}
			if r.DuplicatesChecked != tc.dupsChk {
				t.Errorf("DuplicatesChecked = %v, want %v", r.DuplicatesChecked, tc.dupsChk)
			}
		})
	}
}

// TestFromReader checks, on a file read by pirl, what a Report takes from
// the reader: the columns in file order, the absent ones, and the reader's
// own Quality (referenced, not copied).
func TestFromReader(t *testing.T) {
	const in = "PIRL 901,PIRL 100,PIRL 201,PIRL 900,PIRL 1704\n" +
		"20200630,A,1,20200101,999999.99\n" +
		"20200630,A,7,20200101,100\n" + // invalid sex, duplicate period
		"20200630,B,2,20200101\n" // ragged
	d, err := pirl.ReadFrom(strings.NewReader(in), "f.csv", pirl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Check(d, Options{Today: today})
	if r.Quality != &d.Quality {
		t.Error("Report.Quality is not the Data's own")
	}
	if r.Rows != 3 {
		t.Errorf("Rows = %d", r.Rows)
	}
	var cols []string
	for _, c := range r.Columns {
		cols = append(cols, c.Header)
		if d.Cols[c.Field].Index != c.Index {
			t.Errorf("%s: Index %d, want %d", c.Field, c.Index, d.Cols[c.Field].Index)
		}
	}
	if want := []string{"PIRL 901", "PIRL 100", "PIRL 201", "PIRL 900", "PIRL 1704"}; !reflect.DeepEqual(cols, want) {
		t.Errorf("columns %q, want file order %q", cols, want)
	}
	if len(r.RequiredAbsent) != 0 {
		t.Errorf("RequiredAbsent = %v", r.RequiredAbsent)
	}
	if n := len(r.Columns) + len(r.OptionalAbsent); n != int(pirl.NumFields) {
		t.Errorf("%d columns + absent, want %d fields", n, pirl.NumFields)
	}
	if !r.DuplicatesChecked || r.Quality.DuplicatePeriods != 1 || r.Quality.RaggedRows != 1 || r.Quality.Invalid(pirl.FieldSex) != 1 {
		t.Errorf("reader counts: duplicates %v/%d, ragged %d, invalid sex %d", r.DuplicatesChecked,
			r.Quality.DuplicatePeriods, r.Quality.RaggedRows, r.Quality.Invalid(pirl.FieldSex))
	}
	if got := r.Codes; len(got) != 1 || !reflect.DeepEqual(got[0].Codes, []CodeCount{{1, 1}, {2, 1}}) {
		t.Errorf("Codes = %+v", got)
	}
	if w := r.Wages[1]; w.Field != pirl.FieldWageQ2 || !w.Present || w.Sentinels != 1 {
		t.Errorf("Q2 wages = %+v", w)
	}
}

func TestRequiredAbsent(t *testing.T) {
	d := pirltest.Build(t, row{pirl.FieldEntry: "20200101"})
	r := Check(d, Options{Today: today})
	if want := []pirl.Field{pirl.FieldSex, pirl.FieldExit}; !reflect.DeepEqual(r.RequiredAbsent, want) {
		t.Errorf("RequiredAbsent = %v, want %v", r.RequiredAbsent, want)
	}
}

func TestSentinelTotal(t *testing.T) {
	var q pirl.Quality
	if n := SentinelTotal(&q); n != 0 {
		t.Errorf("empty: %d", n)
	}
	q.Sentinels[pirl.FieldWageQ2], q.Sentinels[pirl.FieldWageQ4] = 3, 4
	if n := SentinelTotal(&q); n != 7 {
		t.Errorf("SentinelTotal = %d, want 7", n)
	}
}
