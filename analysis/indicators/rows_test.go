package indicators

import (
	"fmt"
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

func TestRaceGroups(t *testing.T) {
	person := func(h, aian, asian, black, nhopi, white string) row {
		return row{pirl.FieldHispanic: h, pirl.FieldAIAN: aian, pirl.FieldAsian: asian,
			pirl.FieldBlack: black, pirl.FieldNHOPI: nhopi, pirl.FieldWhite: white}
	}
	for _, tc := range []struct {
		r    row
		want int
	}{
		{person("1", "0", "0", "1", "0", "1"), 0}, // Hispanic of any race
		{person("0", "0", "1", "0", "0", "0"), 1},
		{person("9", "0", "0", "1", "0", "0"), 2},
		{person("", "0", "0", "0", "1", "0"), 3},
		{person("0", "1", "0", "0", "0", "0"), 4},
		{person("0", "0", "0", "0", "0", "1"), 5},
		{person("0", "1", "0", "0", "0", "1"), 6}, // two or more
		{person("0", "0", "0", "0", "0", "0"), Unknown},
		{person("0", "9", "9", "9", "9", "9"), Unknown},
	} {
		if got := raceGroup(build(t, tc.r), 0); got != tc.want {
			t.Errorf("%v: group %d, want %d", tc.r, got, tc.want)
		}
	}
}

func TestAgeBands(t *testing.T) {
	entry := pirl.DayNumber(2023, 3, 1)
	for _, tc := range []struct {
		birth string
		want  int
	}{
		{"2007-03-02", 0}, {"2007-03-01", 1}, // 15 the day before the 16th birthday; 16 on it
		{"2004-03-02", 1}, {"2004-03-01", 2},
		{"1998-03-02", 2}, {"1998-03-01", 3},
		{"1978-03-02", 3}, {"1978-03-01", 4},
		{"1968-03-02", 4}, {"1968-03-01", 5},
		{"1963-03-02", 5}, {"1963-03-01", 6},
		{"", Unknown}, {"2023-03-02", Unknown},
	} {
		if got := ageBand(date(t, tc.birth), entry); got != tc.want {
			t.Errorf("born %s, entry 2023-03-01: band %d, want %d", tc.birth, got, tc.want)
		}
	}
}

func TestDimensions(t *testing.T) {
	d := build(t,
		adultExiter.With(row{pirl.FieldSex: "2", pirl.FieldBoard: "B2", pirl.FieldLowIncome: "1", pirl.FieldSSI: "4", pirl.FieldDisability: "9"}),
		adultExiter.With(row{pirl.FieldSex: "9", pirl.FieldBoard: "A1", pirl.FieldLowIncome: "0", pirl.FieldSSI: "0", pirl.FieldDisability: "0"}))
	dims, skipped, err := Dimensions(d, []string{"board", "sex", "race", "barriers", "disability"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range dims {
		got = append(got, fmt.Sprintf("%s:%v:%d,%d", m.Label, m.Groups, m.Of(0), m.Of(1)))
	}
	want := "[Sex:[Women Men]:0,-1 Disability:[Individual with a disability]:-1,-2 Barrier:[SSI/SSDI recipient]:0,-2 Barrier:[Low income]:0,-2 Board:[A1 B2]:1,0]"
	if fmt.Sprint(got) != want {
		t.Errorf("dimensions\n got %v\nwant %s", got, want)
	}
	if len(skipped) != 1 {
		t.Errorf("skipped %v, want race", skipped)
	}
	if _, _, err := Dimensions(d, []string{"colour"}); err == nil {
		t.Error("unknown breakdown accepted")
	}
}

// cohort builds n adult ERQ2 exiters of one sex, the first x employed in Q2
// with earnings base, base+100, ….
func cohort(sex string, n, x int, base float64) []row {
	var rows []row
	for i := 0; i < n; i++ {
		r := adultExiter.With(row{pirl.FieldSex: sex, pirl.FieldEmpQ2: "0", pirl.FieldWageQ2: ""})
		if i < x {
			r = r.With(row{pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: fmt.Sprint(base + 100*float64(i))})
		}
		rows = append(rows, r)
	}
	return rows
}

func TestSectionRows(t *testing.T) {
	rows := append(cohort("2", 40, 10, 5000), cohort("1", 60, 45, 7000)...)
	rows = append(rows, cohort("9", 3, 3, 1000)...)
	d := build(t, rows...)
	res, err := Compute(d, Options{ProgramYear: 2023, Programs: []Program{Adult}, Exclusions: DefaultExclusions()})
	if err != nil {
		t.Fatal(err)
	}
	dims, _, _ := Dimensions(d, []string{"sex"})
	cfg := results.DefaultRules()
	s := Section(res, dims, &cfg, seed, RowOptions{})
	find := func(measure, group string) results.Row {
		for _, r := range s.Rows {
			if r.Measure == measure && r.Group == group {
				return r
			}
		}
		t.Fatalf("no row %s / %s", measure, group)
		return results.Row{}
	}
	all := find("ERQ2 (Adult)", "All")
	lo, hi := stats.Wilson(58, 103, 0.95)
	if all.N != 103 || all.Value != 58.0/103 || all.CILow != lo || all.CIHigh != hi || all.Reference != "" {
		t.Errorf("ERQ2 All %+v", all)
	}
	w := find("ERQ2 (Adult)", "Sex: Women")
	diff, _, _ := stats.NewcombeDiff(10, 40, 45, 60, 0.95)
	if w.N != 40 || w.Value != 0.25 || w.Reference != RestGroup || w.Diff != diff || w.RefN != 60 || !w.Flagged {
		t.Errorf("ERQ2 women %+v", w)
	}
	// Women's earnings 5000…5900 (median 5450) vs men's 7000…11400 (median 9200).
	mw := find("MEQ2 (Adult)", "Sex: Women")
	if mw.N != 10 || mw.Value != 5450 || mw.Diff != 5450-9200 || mw.Unit != results.UnitDollars {
		t.Errorf("MEQ2 women %+v", mw)
	}
	if ma := find("MEQ2 (Adult)", "All"); ma.N != 58 {
		t.Errorf("MEQ2 all %+v", ma)
	}
	var left []string
	for _, l := range s.LeftOut {
		left = append(left, fmt.Sprintf("%s %s %d", l.Measure, l.Reason, l.N))
	}
	if len(left) == 0 || left[0] != "ERQ2 (Adult) Sex not known 3" {
		t.Errorf("left out %v", left)
	}
	if s.Status != results.StatusFlagged {
		t.Errorf("status %v", s.Status)
	}
	// Rounded medians for privacy.
	s = Section(res, dims, &cfg, seed, RowOptions{RoundMedians: true})
	for _, r := range s.Rows {
		if r.Measure == "MEQ2 (Adult)" && r.Group == "All" && r.Value != results.RoundSig(stats.Median(res.Find(Adult, MEQ2).Earnings), 3) {
			t.Errorf("rounded median %g", r.Value)
		}
	}
}

// TestSuppression: a group below the minimum cell size publishes nothing,
// and in a two-group breakdown the other group is hidden too.
func TestSuppression(t *testing.T) {
	rows := append(cohort("2", 9, 5, 5000), cohort("1", 30, 20, 7000)...)
	d := build(t, rows...)
	res, _ := Compute(d, Options{ProgramYear: 2023, Programs: []Program{Adult}, Exclusions: DefaultExclusions()})
	dims, _, _ := Dimensions(d, []string{"sex"})
	cfg := results.DefaultRules()
	s := Section(res, dims, &cfg, seed, RowOptions{})
	for _, r := range s.Rows {
		if r.Group == "All" {
			if r.Suppressed != (r.N < 10) {
				t.Errorf("%s All suppressed %v with n %d", r.Measure, r.Suppressed, r.N)
			}
			continue
		}
		if !r.Suppressed || r.N != 0 || !math.IsNaN(r.Value) || !math.IsNaN(r.Diff) || !math.IsNaN(r.P) {
			t.Errorf("%s %s not suppressed: %+v", r.Measure, r.Group, r)
		}
	}
}

func TestSectionNothingComputed(t *testing.T) {
	r := row{pirl.FieldEntry: "2022-01-01", pirl.FieldExit: "2023-01-01"}
	res, err := Compute(build(t, r), DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	cfg := results.DefaultRules()
	if s := Section(res, nil, &cfg, seed, RowOptions{}); s.Status != results.StatusNotComputed || len(s.Rows) != 0 {
		t.Errorf("status %v, %d rows", s.Status, len(s.Rows))
	}
}

// seed is the report's default seed (disparities.DefaultConfig).
const seed = 20240701
