package indicators

import (
	"slices"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// The cases below are worked out by hand from the PY2022 Q4 public-use file
// record layout's definitions (../shared/data/pirl-layout/), for PY 2023:
// ERQ2 cohort exits 2022-07-01..2023-06-30, MSG year 2023-07-01..2024-06-30.

// TestWagnerPeyserCodes: 918 "1 = Yes, 2 = Reportable Individual, 0 = No,
// 9 = Unknown" (the grantee cannot track enrolment); CALC4005 "Item 918 = 1".
// So of five WP-coded exiters of the ERQ2 cohort — 918 = 1 employed, 1 not
// employed, 2 employed, 9 employed, 0 employed — only the two 918 = 1 are in
// the denominator, one employed: ERQ2 (Wagner-Peyser) = 1/2. Counting 2 as a
// participant (the old rule) would give 2/3.
func TestWagnerPeyserCodes(t *testing.T) {
	wp := adultExiter.With(row{pirl.FieldAdult: "0"})
	d := build(t,
		wp.With(row{pirl.FieldWagnerPeyser: "1", pirl.FieldEmpQ2: "1"}),
		wp.With(row{pirl.FieldWagnerPeyser: "1", pirl.FieldEmpQ2: "0"}),
		wp.With(row{pirl.FieldWagnerPeyser: "2", pirl.FieldEmpQ2: "1"}),
		wp.With(row{pirl.FieldWagnerPeyser: "9", pirl.FieldEmpQ2: "1"}), // 9 is a valid code, not an invalid value
		wp.With(row{pirl.FieldWagnerPeyser: "0", pirl.FieldEmpQ2: "1"}),
	)
	res, err := Compute(d, DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	o := res.Find(WP, ERQ2)
	if o.Counts.Denominator != 2 || o.Counts.Numerator != 1 {
		t.Errorf("ERQ2 (Wagner-Peyser) %d/%d, want 1/2", o.Counts.Numerator, o.Counts.Denominator)
	}
	if !pirl.Elements[pirl.FieldWagnerPeyser].ValidCode(9) || pirl.Elements[pirl.FieldWagnerPeyser].ValidCode(4) {
		t.Error("918: 9 must be valid, 4 invalid")
	}
}

// TestRapidResponseIsDW: CALC4002 "Item 904 = 1,2,3 or Item 909 = 1". Of
// four exiters — 904 = 1; 904 = 0 with 909 = 1; 904 = 0 with 909 = 0; 904 =
// 4 (reportable) with 909 = 9 (unknown) — the first two are Dislocated
// Workers: ERQ2 (DW) denominator 2.
func TestRapidResponseIsDW(t *testing.T) {
	dw := adultExiter.With(row{pirl.FieldAdult: "0"})
	d := build(t,
		dw.With(row{pirl.FieldDW: "1", pirl.FieldRapidResponse: "0"}),
		dw.With(row{pirl.FieldDW: "0", pirl.FieldRapidResponse: "1"}),
		dw.With(row{pirl.FieldDW: "0", pirl.FieldRapidResponse: "0"}),
		dw.With(row{pirl.FieldDW: "4", pirl.FieldRapidResponse: "9"}),
	)
	res, err := Compute(d, DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	if o := res.Find(DW, ERQ2); o.Counts.Denominator != 2 || o.Rows[0] != 0 || o.Rows[1] != 1 {
		t.Errorf("ERQ2 (DW) rows %v, want [0 1]", o.Rows)
	}
}

// TestMSGSecondaryDiploma: TEGL 10-16's fifth type of gain, "attainment of a
// secondary school diploma or its recognized equivalent", is in the PIRL a
// credential of type 1 (1800 "1 = Secondary School Diploma/or equivalency")
// dated in the program year. A participant in training during PY 2023 with
// no 1806–1810 date: type 1 dated 2023-09-01 → gain; type 1 dated
// 2023-06-30 (the year before) → none; type 5 (certificate) dated in the
// year → none (a credential, not a skill gain); type 1 in the third slot
// (1804/1805) dated 2024-06-30 → gain.
func TestMSGSecondaryDiploma(t *testing.T) {
	active := row{pirl.FieldEntry: "2023-03-01", pirl.FieldExit: "", pirl.FieldAdult: "1",
		pirl.FieldEduEnrolled: "2023-03-01"}
	for _, tc := range []struct {
		name string
		r    row
		hit  bool
	}{
		{"diploma in the year", active.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2023-09-01"}), true},
		{"diploma the year before", active.With(row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2023-06-30"}), false},
		{"certificate in the year", active.With(row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2023-09-01"}), false},
		{"diploma in slot 3 on the last day", active.With(row{pirl.FieldCredType3: "1", pirl.FieldCredDate3: "2024-06-30"}), true},
	} {
		in, hit, _ := one(t, tc.r, Adult, MSG)
		if !in || hit != tc.hit {
			t.Errorf("%s: in %v hit %v, want true %v", tc.name, in, hit, tc.hit)
		}
	}
}

// TestAgeFromCALC4039: 200 is blank in the PUF, "See Item 4039 for age at
// program entry". A record with 200 blank and CALC4039 = 17 is in the 16-18
// band; one with 200 = 1990-01-01 and entry 2022-03-01 is 32 (25-44) whatever
// CALC4039 says; one with neither is unknown; an age of 130 is unknown.
func TestAgeFromCALC4039(t *testing.T) {
	d := build(t,
		adultExiter.With(row{pirl.FieldCalcAge: "17"}),
		adultExiter.With(row{pirl.FieldBirthDate: "1990-01-01", pirl.FieldCalcAge: "60"}),
		adultExiter,
		adultExiter.With(row{pirl.FieldCalcAge: "130"}),
	)
	dims, skipped, err := Dimensions(d, []string{"age"})
	if err != nil || len(dims) != 1 {
		t.Fatalf("dims %v skipped %v err %v", dims, skipped, err)
	}
	want := []int{1, 3, Unknown, Unknown} // 16-18, 25-44
	for i, w := range want {
		if g := dims[0].Of(i); g != w {
			t.Errorf("row %d: age group %d, want %d", i, g, w)
		}
	}
	// CALC4039 alone is enough for the breakdown.
	d = build(t, row{pirl.FieldCalcAge: "40", pirl.FieldExit: "2023-01-15", pirl.FieldAdult: "1"})
	if dims, _, _ := Dimensions(d, []string{"age"}); len(dims) != 1 || dims[0].Of(0) != 3 {
		t.Errorf("CALC4039 only: %v", dims)
	}
}

// TestRaceFromCALC4020: CALC4020 "Race/ethnicity (single response)" 1
// Hispanic, 2 Asian, 3 Black, 4 NHOPI, 5 AIAN, 6 White, 7 multiple race is
// used when 210–215 are all blank; when any is answered, they decide.
func TestRaceFromCALC4020(t *testing.T) {
	items := row{pirl.FieldHispanic: "0", pirl.FieldAIAN: "0", pirl.FieldAsian: "0", pirl.FieldBlack: "1", pirl.FieldNHOPI: "0", pirl.FieldWhite: "0"}
	blank := row{pirl.FieldHispanic: "", pirl.FieldAIAN: "", pirl.FieldAsian: "", pirl.FieldBlack: "", pirl.FieldNHOPI: "", pirl.FieldWhite: ""}
	d := build(t,
		adultExiter.With(items).With(row{pirl.FieldCalcRace: "6"}), // items say Black
		adultExiter.With(blank).With(row{pirl.FieldCalcRace: "5"}), // AIAN
		adultExiter.With(blank).With(row{pirl.FieldCalcRace: "7"}), // two or more
		adultExiter.With(blank),
	)
	dims, _, err := Dimensions(d, []string{"race"})
	if err != nil || len(dims) != 1 {
		t.Fatal(err, dims)
	}
	for i, w := range []int{2, 4, 6, Unknown} {
		if g := dims[0].Of(i); g != w {
			t.Errorf("row %d: race group %d (%v), want %d", i, g, dims[0].Groups, w)
		}
	}
	// A PUF-like file with CALC4020 and no race items still gets the breakdown.
	d = build(t, adultExiter.With(row{pirl.FieldCalcRace: "1"}))
	if dims, _, _ := Dimensions(d, []string{"race"}); len(dims) != 1 || dims[0].Of(0) != 0 {
		t.Errorf("CALC4020 only: %v", dims)
	}
}

// TestBoardName: LOCAL_BOARD_NAME, where the file has it, names the board
// groups instead of the 108A code.
func TestBoardName(t *testing.T) {
	d := build(t,
		adultExiter.With(row{pirl.FieldBoard: "13005", pirl.FieldBoardName: "Atlanta Regional"}),
		adultExiter.With(row{pirl.FieldBoard: "13010", pirl.FieldBoardName: "Cobb"}),
	)
	dims, _, _ := Dimensions(d, []string{"board"})
	if len(dims) != 1 || strings.Join(dims[0].Groups, ",") != "Atlanta Regional,Cobb" {
		t.Errorf("board groups %v", dims)
	}
}

// TestYouthPlacementWarning: a file with Youth participants but no 1900/1901
// says that the Youth rates count employment only; a file with both does
// not, nor one with no Youth participant.
func TestYouthPlacementWarning(t *testing.T) {
	youth := adultExiter.With(row{pirl.FieldAdult: "0", pirl.FieldYouth: "1"})
	res, _ := Compute(build(t, youth), DefaultOptions(2023))
	if len(res.Warnings) != 2 || !strings.Contains(res.Warnings[0], "PIRL 1900") || !strings.Contains(res.Warnings[1], "PIRL 1901") {
		t.Errorf("warnings %q", res.Warnings)
	}
	res, _ = Compute(build(t, youth.With(row{pirl.FieldYouthQ2: "0", pirl.FieldYouthQ4: "0"})), DefaultOptions(2023))
	if len(res.Warnings) != 0 {
		t.Errorf("with 1900/1901: %q", res.Warnings)
	}
	res, _ = Compute(build(t, adultExiter), DefaultOptions(2023))
	if len(res.Warnings) != 0 {
		t.Errorf("no Youth: %q", res.Warnings)
	}
}

// TestExclusion05YouthOnly: 923 = 05 (foster care, "Youth participants
// only") takes a Youth exiter out, not an Adult one — the same rule as the
// disparities' cohort (measures.Exclusions).
func TestExclusion05YouthOnly(t *testing.T) {
	r := adultExiter.With(row{pirl.FieldYouth: "1", pirl.FieldOtherExit: "05"}) // Adult and Youth
	res, _ := Compute(build(t, r), DefaultOptions(2023))
	if a, y := res.Find(Adult, ERQ2), res.Find(Youth, ERQ2); a.Counts.Denominator != 1 || y.Counts.Excluded[5] != 1 || y.Counts.Denominator != 0 {
		t.Errorf("Adult den %d; Youth excluded %d den %d; want 1, 1, 0", a.Counts.Denominator, y.Counts.Excluded[5], y.Counts.Denominator)
	}
}

// TestAgreementPlanted: DOL's items agree with the tool on every record but
// the planted ones, which the agreement counts and shows by row and codes.
func TestAgreementPlanted(t *testing.T) {
	calc := row{pirl.FieldCalcEmpQ2: "1", pirl.FieldCalcEarnQ2: "8000", pirl.FieldCalcEmpQ4: "", pirl.FieldCalcAdult: "1"}
	rows := []row{
		adultExiter.With(calc), // same
		adultExiter.With(calc).With(row{pirl.FieldCalcEmpQ2: "0"}),     // planted: DOL not employed
		adultExiter.With(calc).With(row{pirl.FieldCalcEmpQ2: ""}),      // planted: DOL blank
		adultExiter.With(calc).With(row{pirl.FieldCalcEarnQ2: "7000"}), // planted: other earnings
		adultExiter.With(calc).With(row{pirl.FieldOtherExit: "03"}),    // excluded by the tool, DOL counts it
		adultExiter.With(calc).With(row{pirl.FieldCalcAdult: "0"}),     // planted: program
	}
	d := build(t, rows...)
	res, err := Compute(d, DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	a := Agree(d, res)
	agreementLines(t, rows)
	find := func(what string, p Program) *ItemAgreement {
		for k := range a.Items {
			if a.Items[k].What == what && a.Items[k].Program == p {
				return &a.Items[k]
			}
		}
		t.Fatalf("no item %s %s", what, p)
		return nil
	}
	e := find("ERQ2", Adult)
	if e.Calc != pirl.FieldCalcEmpQ2 || e.Same != 3 || e.Different != 1 || e.ToolOnly != 1 || e.DOLOnly != 1 {
		t.Errorf("ERQ2: %+v, want same 3, different 1, tool only 1, DOL only 1", *e)
	}
	if len(e.Examples) != 3 || e.Examples[0] != "row 2: tool 1, CALC4013 = 0; PIRL 1602 = 1" ||
		!strings.HasPrefix(e.Examples[2], "row 5: not in the tool's denominator, CALC4013 set; PIRL 923 = 03") {
		t.Errorf("ERQ2 examples %q", e.Examples)
	}
	m := find("MEQ2", Adult)
	if m.Same != 4 || m.Different != 1 || m.DOLOnly != 1 {
		t.Errorf("MEQ2: %+v", *m)
	}
	for _, ex := range m.Examples {
		if strings.Contains(ex, "8000") || strings.Contains(ex, "7000") {
			t.Errorf("an amount in an example: %q", ex)
		}
	}
	// CALC4017 is blank everywhere and no exit is in the ERQ4 cohort: nothing to compare.
	if q4 := find("ERQ4", Adult); q4.Same+q4.Different+q4.ToolOnly+q4.DOLOnly != 0 {
		t.Errorf("ERQ4: %+v", *q4)
	}
	p := find("program", Adult)
	if p.Same != 5 || p.Different != 1 || p.Examples[0] != "row 6: tool in the program, CALC4001 = 0 (PIRL 903 = 1)" {
		t.Errorf("program: %+v", *p)
	}
	if !HasCalc(d) || HasCalc(build(t, adultExiter)) {
		t.Error("HasCalc")
	}
}

// TestInferProgramYear: the latest exit 2023-06-30 is in PY 2022; 2023-07-01
// starts PY 2023.
func TestInferProgramYear(t *testing.T) {
	for _, tc := range []struct {
		exit string
		py   int
	}{{"2023-06-30", 2022}, {"2023-07-01", 2023}} {
		d := build(t, adultExiter, adultExiter.With(row{pirl.FieldExit: tc.exit}))
		if py, ok := InferProgramYear(d); !ok || py != tc.py {
			t.Errorf("latest exit %s: PY %d %v, want %d", tc.exit, py, ok, tc.py)
		}
	}
	if _, ok := InferProgramYear(build(t, adultExiter.With(row{pirl.FieldExit: ""}))); ok {
		t.Error("no exit: a program year")
	}
}

// agreementLines reads rows from a CSV file with a blank line after the
// first record: the examples name the file line a record starts on.
func agreementLines(t *testing.T, rows []row) {
	t.Helper()
	var fields []pirl.Field
	for _, r := range rows {
		for f := range r {
			if !slices.Contains(fields, f) {
				fields = append(fields, f)
			}
		}
	}
	slices.Sort(fields)
	var b strings.Builder
	for k, f := range fields {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.String())
	}
	b.WriteByte('\n')
	for i, r := range rows {
		for k, f := range fields {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(r[f])
		}
		b.WriteByte('\n')
		if i == 0 {
			b.WriteByte('\n')
		}
	}
	d, err := pirl.ReadFrom(strings.NewReader(b.String()), "f.csv", pirl.Options{})
	if _, noSex := err.(*pirl.MissingColumnsError); err != nil && !noSex {
		t.Fatal(err) // the rows have no sex column, which indicators do not need
	}
	res, err := Compute(d, DefaultOptions(2023))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range Agree(d, res).Items {
		if it.What == "ERQ2" && it.Program == Adult {
			// Record 2 is on line 4: the header, record 1, a blank line.
			if len(it.Examples) == 0 || !strings.HasPrefix(it.Examples[0], "line 4: tool 1, CALC4013 = 0") {
				t.Errorf("ERQ2 examples from a file %q, want the first on line 4", it.Examples)
			}
			return
		}
	}
	t.Error("no ERQ2 agreement for the file")
}
