package indicators

import (
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
)

// adultExiter is an Adult participant of PY 2023's ERQ2 cohort (exit
// 2023-01-15) employed in Q2 and Q4 with no exclusion.
var adultExiter = row{
	pirl.FieldEntry:        "2022-03-01",
	pirl.FieldExit:         "2023-01-15",
	pirl.FieldAdult:        "1",
	pirl.FieldDW:           "0",
	pirl.FieldYouth:        "0",
	pirl.FieldWagnerPeyser: "0",
	pirl.FieldOtherExit:    "00",
	pirl.FieldEmpQ2:        "1",
	pirl.FieldEmpQ4:        "1",
	pirl.FieldWageQ2:       "8000",
}

// one computes PY 2023 for a single record and reports whether it is in the
// denominator of (p, k) and in its numerator.
func one(t *testing.T, r row, p Program, k Indicator) (in, hit bool, c Counts) {
	t.Helper()
	res, err := Compute(build(t, r), DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	o := res.Find(p, k)
	if o == nil {
		t.Fatalf("no outcome for %s %s", p, k)
	}
	if len(o.Rows) == 1 {
		in = true
		if k != MEQ2 {
			hit = o.Hit[0]
		}
	}
	return in, hit, o.Counts
}

func TestCohortWindows(t *testing.T) {
	for _, tc := range []struct {
		k    Indicator
		want string
	}{
		{ERQ2, "2022-07-01 to 2023-06-30"},
		{MEQ2, "2022-07-01 to 2023-06-30"},
		{ERQ4, "2022-01-01 to 2022-12-31"},
		{CAR, "2022-01-01 to 2022-12-31"},
		{MSG, "2023-07-01 to 2024-06-30"},
	} {
		if got := CohortWindow(tc.k, 2023).String(); got != tc.want {
			t.Errorf("PY 2023 %s: %s, want %s", tc.k, got, tc.want)
		}
	}
}

// TestCohortBoundaries puts one exiter on each side of every cohort boundary.
func TestCohortBoundaries(t *testing.T) {
	for _, tc := range []struct {
		exit       string
		erq2, erq4 bool // in the ERQ2/MEQ2 and the ERQ4/CAR cohort
	}{
		{"2021-12-31", false, false},
		{"2022-01-01", false, true},
		{"2022-06-30", false, true},
		{"2022-07-01", true, true},
		{"2022-12-31", true, true},
		{"2023-01-01", true, false},
		{"2023-06-30", true, false},
		{"2023-07-01", false, false},
	} {
		r := adultExiter.With(row{pirl.FieldExit: tc.exit,
			pirl.FieldTrainType1: "06", pirl.FieldCredType1: "5", pirl.FieldCredDate1: tc.exit})
		for _, k := range []Indicator{ERQ2, MEQ2, ERQ4, CAR} {
			want := tc.erq2
			if k == ERQ4 || k == CAR {
				want = tc.erq4
			}
			if in, _, _ := one(t, r, Adult, k); in != want {
				t.Errorf("exit %s: in %s cohort = %v, want %v", tc.exit, k, in, want)
			}
		}
	}
}

// TestEmploymentCodes: 1–3 employed; 0, 9 and blank are in the denominator
// and not employed (DOL's rule), 9 and blank counted.
func TestEmploymentCodes(t *testing.T) {
	for _, tc := range []struct {
		code         string
		hit          bool
		nya, blankEl int
	}{
		{"1", true, 0, 0}, {"2", true, 0, 0}, {"3", true, 0, 0},
		{"0", false, 0, 0}, {"9", false, 1, 0}, {"", false, 0, 1},
	} {
		for _, k := range []Indicator{ERQ2, ERQ4} {
			f := pirl.FieldEmpQ2
			r := adultExiter
			if k == ERQ4 {
				f = pirl.FieldEmpQ4
				r = r.With(row{pirl.FieldExit: "2022-05-01"})
			}
			in, hit, c := one(t, r.With(row{f: tc.code}), Adult, k)
			if !in || hit != tc.hit || c.NotYetAvailable != tc.nya || c.Blank != tc.blankEl {
				t.Errorf("%s code %q: in %v hit %v, 9s %d, blanks %d; want true %v %d %d", k, tc.code, in, hit, c.NotYetAvailable, c.Blank, tc.hit, tc.nya, tc.blankEl)
			}
		}
	}
}

func TestMedianEarningsValues(t *testing.T) {
	for _, tc := range []struct {
		name     string
		emp, pay string
		in       bool
		noWage   int
		zero     int
	}{
		{"employed with wages", "1", "8000", true, 0, 0},
		{"sentinel 999999.99", "1", "999999.99", false, 1, 0},
		{"blank wages", "2", "", false, 1, 0},
		{"zero wages", "3", "0", false, 0, 1},
		{"not employed", "0", "8000", false, 0, 0},
		{"not yet available", "9", "8000", false, 0, 0},
	} {
		in, _, c := one(t, adultExiter.With(row{pirl.FieldEmpQ2: tc.emp, pirl.FieldWageQ2: tc.pay}), Adult, MEQ2)
		if in != tc.in || c.EmployedNoWage != tc.noWage || c.ZeroWage != tc.zero {
			t.Errorf("%s: in %v, no wage %d, zero %d; want %v %d %d", tc.name, in, c.EmployedNoWage, c.ZeroWage, tc.in, tc.noWage, tc.zero)
		}
	}
}

// TestMedianIsRType7 checks the MEQ2 median and its sentinel exclusion on
// five employed exiters: R's median(c(1000, 3000, 7000, 9000)) is 5000.
func TestMedianIsRType7(t *testing.T) {
	var rows []row
	for _, w := range []string{"1000", "9000", "999999.99", "3000", "7000"} {
		rows = append(rows, adultExiter.With(row{pirl.FieldWageQ2: w}))
	}
	res, err := Compute(build(t, rows...), DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	o := res.Find(Adult, MEQ2)
	m, _, _ := results.NewMedianSample("", o.Earnings).MedianCI(0.95)
	if len(o.Earnings) != 4 || m != 5000 {
		t.Errorf("earnings %v median %g, want 4 values and 5000", o.Earnings, m)
	}
}

func TestYouthPlacement(t *testing.T) {
	youth := adultExiter.With(row{pirl.FieldAdult: "0", pirl.FieldYouth: "1", pirl.FieldEmpQ2: "0", pirl.FieldEmpQ4: "0"})
	for _, tc := range []struct {
		name      string
		r         row
		p         Program
		k         Indicator
		hit       bool
		placement int
	}{
		{"youth Q2 occupational skills training", youth.With(row{pirl.FieldYouthQ2: "1"}), Youth, ERQ2, true, 1},
		{"youth Q2 postsecondary", youth.With(row{pirl.FieldYouthQ2: "2"}), Youth, ERQ2, true, 1},
		{"youth Q2 secondary", youth.With(row{pirl.FieldYouthQ2: "3"}), Youth, ERQ2, true, 1},
		{"youth Q2 no placement", youth.With(row{pirl.FieldYouthQ2: "0"}), Youth, ERQ2, false, 0},
		{"youth Q2 placement 9", youth.With(row{pirl.FieldYouthQ2: "9"}), Youth, ERQ2, false, 0},
		{"youth employed and placed", youth.With(row{pirl.FieldEmpQ2: "1", pirl.FieldYouthQ2: "2"}), Youth, ERQ2, true, 0},
		{"youth Q4 placement", youth.With(row{pirl.FieldExit: "2022-05-01", pirl.FieldYouthQ4: "2"}), Youth, ERQ4, true, 1},
		{"youth Q4 uses 1901, not 1900", youth.With(row{pirl.FieldExit: "2022-05-01", pirl.FieldYouthQ2: "2"}), Youth, ERQ4, false, 0},
		{"adult placement does not count", adultExiter.With(row{pirl.FieldEmpQ2: "0", pirl.FieldYouthQ2: "2"}), Adult, ERQ2, false, 0},
	} {
		in, hit, c := one(t, tc.r, tc.p, tc.k)
		if !in || hit != tc.hit || c.Placement != tc.placement {
			t.Errorf("%s: in %v hit %v placement %d; want true %v %d", tc.name, in, hit, c.Placement, tc.hit, tc.placement)
		}
	}
	// Placement never enters the median.
	if in, _, _ := one(t, youth.With(row{pirl.FieldYouthQ2: "2"}), Youth, MEQ2); in {
		t.Error("a youth placed but not employed is in the median earnings")
	}
}

// TestExclusionCodes runs every PIRL 923 code through every program.
func TestExclusionCodes(t *testing.T) {
	for code := 0; code <= 7; code++ {
		for p := Program(0); int(p) < NumPrograms; p++ {
			r := adultExiter.With(row{pirl.FieldAdult: "0", p.Field(): "1", pirl.FieldOtherExit: "0" + string(rune('0'+code))})
			want := code >= 1 && code <= 4 || code == 7 || (code == 5 && p == Youth)
			in, _, c := one(t, r, p, ERQ2)
			excluded := c.Excluded[code] == 1
			if in == want || excluded != want || c.InCohort != 1 {
				t.Errorf("%s, 923 = %02d: in %v, excluded %v (in cohort %d); want excluded %v", p, code, in, excluded, c.InCohort, want)
			}
		}
	}
	// Blank 923 is no exclusion.
	if in, _, _ := one(t, adultExiter.With(row{pirl.FieldOtherExit: ""}), Adult, ERQ2); !in {
		t.Error("blank 923 excluded")
	}
}

func TestProgramMembership(t *testing.T) {
	for _, tc := range []struct {
		name      string
		r         row
		adult, dw bool
	}{
		{"adult 1", adultExiter, true, false},
		{"adult 3", adultExiter.With(row{pirl.FieldAdult: "3"}), true, false},
		{"reportable individual only", adultExiter.With(row{pirl.FieldAdult: "4"}), false, false},
		{"co-enrolled adult and DW", adultExiter.With(row{pirl.FieldDW: "2"}), true, true},
		{"blank", adultExiter.With(row{pirl.FieldAdult: ""}), false, false},
	} {
		a, _, _ := one(t, tc.r, Adult, ERQ2)
		d, _, _ := one(t, tc.r, DW, ERQ2)
		if a != tc.adult || d != tc.dw {
			t.Errorf("%s: adult %v dw %v, want %v %v", tc.name, a, d, tc.adult, tc.dw)
		}
	}
}

func TestWagnerPeyser(t *testing.T) {
	wp := adultExiter.With(row{pirl.FieldAdult: "0", pirl.FieldWagnerPeyser: "1"})
	res, err := Compute(build(t, wp), DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	if o := res.Find(WP, ERQ2); o == nil || o.Counts.Numerator != 1 {
		t.Errorf("WP ERQ2 %+v", o)
	}
	if res.Find(WP, CAR) != nil || res.Find(WP, MSG) != nil {
		t.Error("Wagner-Peyser has no credential or MSG indicator")
	}
	// A file without 918 computes the others and says why WP is missing.
	noWP := row{}
	for f, v := range adultExiter {
		if f != pirl.FieldWagnerPeyser {
			noWP[f] = v
		}
	}
	res, _ = Compute(build(t, noWP), DefaultOptions(2023))
	if res.NotComputed[WP] == "" || res.Find(Adult, ERQ2) == nil {
		t.Errorf("not computed %q", res.NotComputed)
	}
}

func TestCredential(t *testing.T) {
	base := adultExiter.With(row{pirl.FieldExit: "2022-05-10", pirl.FieldEmpQ1: "0", pirl.FieldEmpQ2: "0", pirl.FieldEmpQ3: "0", pirl.FieldEmpQ4: "0"})
	trained := base.With(row{pirl.FieldTrainType1: "06"})
	for _, tc := range []struct {
		name    string
		r       row
		in, hit bool
	}{
		{"OJT only", base.With(row{pirl.FieldTrainType1: "01", pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2022-05-01"}), false, false},
		{"customized only", base.With(row{pirl.FieldTrainType1: "05", pirl.FieldTrainType2: "01"}), false, false},
		{"OJT then occupational skills", base.With(row{pirl.FieldTrainType1: "01", pirl.FieldTrainType3: "06"}), true, false},
		{"type 02", base.With(row{pirl.FieldTrainType1: "02"}), true, false},
		{"type 10", base.With(row{pirl.FieldTrainType2: "10"}), true, false},
		{"type 11", base.With(row{pirl.FieldTrainType2: "11"}), false, false},
		{"postsecondary 1332", base.With(row{pirl.FieldPostsecondary: "1"}), true, false},
		{"secondary without diploma", base.With(row{pirl.FieldEduLevel: "0", pirl.FieldSecondaryEnrolled: "1"}), true, false},
		{"secondary with diploma", base.With(row{pirl.FieldEduLevel: "1", pirl.FieldSecondaryEnrolled: "1"}), false, false},
		{"certificate on the last day", trained.With(row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2023-05-10"}), true, true},
		{"certificate a day late", trained.With(row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2023-05-11"}), true, false},
		{"degree as credential #3", trained.With(row{pirl.FieldCredType3: "2", pirl.FieldCredDate3: "2022-01-01"}), true, true},
		{"type 0", trained.With(row{pirl.FieldCredType1: "0", pirl.FieldCredDate1: "2022-01-01"}), true, false},
		{"type without date", trained.With(row{pirl.FieldCredType1: "4"}), true, false},
		{"diploma alone", trained.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2022-04-01"}), true, false},
		{"diploma and employed Q1", trained.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2022-04-01", pirl.FieldEmpQ1: "2"}), true, true},
		{"diploma and employed Q4", trained.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2022-04-01", pirl.FieldEmpQ4: "1"}), true, true},
		{"diploma and 9 in Q3", trained.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2022-04-01", pirl.FieldEmpQ3: "9"}), true, false},
		{"diploma and post-exit education", trained.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2022-04-01", pirl.FieldPostExitEduDate: "2023-05-10"}), true, true},
		{"diploma and post-exit education too late", trained.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2022-04-01", pirl.FieldPostExitEduDate: "2023-05-11"}), true, false},
	} {
		in, hit, _ := one(t, tc.r, Adult, CAR)
		if in != tc.in || hit != tc.hit {
			t.Errorf("%s: in %v hit %v, want %v %v", tc.name, in, hit, tc.in, tc.hit)
		}
	}
}

func TestMSG(t *testing.T) {
	// A participant active in PY 2023 (2023-07-01 to 2024-06-30), not exited.
	active := row{pirl.FieldEntry: "2023-02-01", pirl.FieldAdult: "1", pirl.FieldWagnerPeyser: "0", pirl.FieldOtherExit: "",
		pirl.FieldEduEnrolled: "2023-03-01"}
	for _, tc := range []struct {
		name    string
		r       row
		in, hit bool
		exclude int
	}{
		{"enrolled before, still in training, no gain", active, true, false, 0},
		{"gain on the first day", active.With(row{pirl.FieldMSGDate1: "2023-07-01"}), true, true, 0},
		{"gain on the last day", active.With(row{pirl.FieldMSGDate5: "2024-06-30"}), true, true, 0},
		{"gain before the year", active.With(row{pirl.FieldMSGDate4: "2023-06-30"}), true, false, 0},
		{"gain after the year", active.With(row{pirl.FieldMSGDate2: "2024-07-01"}), true, false, 0},
		{"training completed on the first day", active.With(row{pirl.FieldEduCompleted: "2023-07-01"}), true, false, 0},
		{"training completed the day before", active.With(row{pirl.FieldEduCompleted: "2023-06-30"}), false, false, 0},
		{"training starts on the last day", active.With(row{pirl.FieldEduEnrolled: "2024-06-30"}), true, false, 0},
		{"training starts after the year", active.With(row{pirl.FieldEduEnrolled: "2024-07-01"}), false, false, 0},
		{"no education or training", active.With(row{pirl.FieldEduEnrolled: ""}), false, false, 0},
		{"exited before the year", active.With(row{pirl.FieldExit: "2023-06-30"}), false, false, 0},
		{"exited in the year", active.With(row{pirl.FieldExit: "2023-07-01", pirl.FieldMSGDate3: "2023-07-01"}), true, true, 0},
		{"exited in the year, deceased", active.With(row{pirl.FieldExit: "2023-09-01", pirl.FieldOtherExit: "03"}), false, false, 1},
		{"entered after the year", active.With(row{pirl.FieldEntry: "2024-07-01", pirl.FieldEduEnrolled: "2024-07-01"}), false, false, 0},
	} {
		in, hit, c := one(t, tc.r, Adult, MSG)
		if in != tc.in || hit != tc.hit || c.Excluded[3] != tc.exclude {
			t.Errorf("%s: in %v hit %v excluded %d, want %v %v %d", tc.name, in, hit, c.Excluded[3], tc.in, tc.hit, tc.exclude)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	o := DefaultOptions(2023)
	o.Exclusions.All = []int{0}
	if _, err := Compute(build(t, adultExiter), o); err == nil {
		t.Error("923 code 0 accepted as an exclusion")
	}
	if _, err := Compute(build(t, adultExiter), DefaultOptions(23)); err == nil {
		t.Error("program year 23 accepted")
	}
	if _, err := ParseProgram("DW"); err != nil {
		t.Error(err)
	}
	if _, err := ParseProgram("title3"); err == nil {
		t.Error("unknown program accepted")
	}
	if r := (&Outcome{Indicator: ERQ2}).Rate(); !math.IsNaN(r) {
		t.Errorf("empty rate %g", r)
	}
}
