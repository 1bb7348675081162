package measures

import (
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// window returns DefaultOptions with the exit window [from, to]; "" leaves a side open.
func window(t testing.TB, from, to string) Options {
	o := DefaultOptions()
	o.ExitFrom, o.ExitTo = date(t, from), date(t, to)
	return o
}

// TestCohortWindow: METHODS §2 "exiters (901 set) whose exit date falls in
// the selected window", inclusive at both ends.
func TestCohortWindow(t *testing.T) {
	const q1From, q1To = "2024-01-01", "2024-03-31"
	tests := []struct {
		name             string
		entry, exit      string
		from, to         string
		cohort, active   bool
		outside, notExit int
	}{
		{"exit on first day", "2023-06-01", "2024-01-01", q1From, q1To, true, true, 0, 0},
		{"exit on last day", "2023-06-01", "2024-03-31", q1From, q1To, true, true, 0, 0},
		{"exit mid window", "2023-06-01", "2024-02-29", q1From, q1To, true, true, 0, 0},
		{"exit one day before", "2023-06-01", "2023-12-31", q1From, q1To, false, false, 1, 0},
		{"exit one day after", "2023-06-01", "2024-04-01", q1From, q1To, false, true, 1, 0},
		{"not exited", "2023-06-01", "", q1From, q1To, false, true, 0, 1},
		{"not exited, entered after window", "2024-04-01", "", q1From, q1To, false, false, 0, 1},
		{"entered on window's last day", "2024-03-31", "", q1From, q1To, false, true, 0, 1},
		{"open window", "2001-01-01", "2001-02-01", "", "", true, true, 0, 0},
		{"open window, not exited", "2001-01-01", "", "", "", false, true, 0, 1},
		{"open start, exit on end", "1999-01-01", "2024-03-31", "", q1To, true, true, 0, 0},
		{"open start, exit after end", "1999-01-01", "2024-04-01", "", q1To, false, true, 1, 0},
		{"open end, exit on start", "2023-06-01", "2024-01-01", q1From, "", true, true, 0, 0},
		{"open end, exit before start", "2023-06-01", "2023-12-31", q1From, "", false, false, 1, 0},
		{"one-day window", "2023-06-01", "2024-01-01", "2024-01-01", "2024-01-01", true, true, 0, 0},
		{"no entry date", "", "2024-02-01", q1From, q1To, true, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cohortRow.With(row{pirl.FieldEntry: tt.entry, pirl.FieldExit: tt.exit})
			v := derive1(t, r, window(t, tt.from, tt.to))
			if v.Cohort[0] != tt.cohort {
				t.Errorf("Cohort = %v, want %v", v.Cohort[0], tt.cohort)
			}
			if v.Active[0] != tt.active {
				t.Errorf("Active = %v, want %v", v.Active[0], tt.active)
			}
			c := v.Counts
			if c.OutsideWindow != tt.outside || c.NotExited != tt.notExit {
				t.Errorf("OutsideWindow, NotExited = %d, %d; want %d, %d", c.OutsideWindow, c.NotExited, tt.outside, tt.notExit)
			}
			wantCohort := 0
			if tt.cohort {
				wantCohort = 1
			}
			if c.Cohort != wantCohort || c.Exiters+c.NotExited != 1 || c.Rows != 1 {
				t.Errorf("Counts = %+v", c)
			}
			// Outcomes are derived for the cohort only.
			if !tt.cohort && (v.EmpQ2[0] != NA || v.Credential[0] != NA) {
				t.Errorf("outcomes derived outside the cohort: EmpQ2 %d, Credential %d", v.EmpQ2[0], v.Credential[0])
			}
		})
	}
}

// TestEnrolment: METHODS §2 "Enrolled": 903/904/905 in 1–3 participant, 4
// reportable individual only; a record is any of them in 1–4.
func TestEnrolment(t *testing.T) {
	tests := []struct {
		adult, dw, youth string
		record           bool
		enrolled         int8
		program          int8
	}{
		{"1", "0", "0", true, Yes, ProgramAdult},
		{"2", "0", "0", true, Yes, ProgramAdult},
		{"3", "0", "0", true, Yes, ProgramAdult},
		{"0", "1", "0", true, Yes, ProgramDW},
		{"0", "0", "3", true, Yes, ProgramYouth},
		{"4", "0", "0", true, No, ProgramNone},
		{"0", "4", "", true, No, ProgramNone},
		{"", "", "4", true, No, ProgramNone},
		{"4", "1", "0", true, Yes, ProgramDW}, // participant in one program beats reportable in another
		{"1", "4", "0", true, Yes, ProgramAdult},
		{"1", "0", "4", true, Yes, ProgramAdult},
		{"1", "2", "0", true, Yes, ProgramDW}, // co-enrolled: DW over Adult
		{"1", "2", "3", true, Yes, ProgramYouth},
		{"0", "0", "0", false, NA, ProgramNone}, // e.g. Wagner-Peyser only
		{"", "", "", false, NA, ProgramNone},
	}
	for _, tt := range tests {
		name := "903=" + tt.adult + ",904=" + tt.dw + ",905=" + tt.youth
		t.Run(name, func(t *testing.T) {
			r := cohortRow.With(row{pirl.FieldAdult: tt.adult, pirl.FieldDW: tt.dw, pirl.FieldYouth: tt.youth})
			v := derive1(t, r, DefaultOptions())
			if v.Record[0] != tt.record || v.Enrolled[0] != tt.enrolled || v.Program[0] != tt.program {
				t.Errorf("Record, Enrolled, Program = %v, %s, %d; want %v, %s, %d",
					v.Record[0], triName(v.Enrolled[0]), v.Program[0], tt.record, triName(tt.enrolled), tt.program)
			}
			// Only participants reach the cohort; the others are counted once, by reason.
			c := v.Counts
			wantCohort, wantRep, wantNotRec := 0, 0, 0
			switch tt.enrolled {
			case Yes:
				wantCohort = 1
			case No:
				wantRep = 1
			default:
				wantNotRec = 1
			}
			if c.Cohort != wantCohort || c.ReportableOnly != wantRep || c.NotRecord != wantNotRec || c.NotRecordInWindow != wantNotRec {
				t.Errorf("Cohort, ReportableOnly, NotRecord, NotRecordInWindow = %d, %d, %d, %d; want %d, %d, %d, %d",
					c.Cohort, c.ReportableOnly, c.NotRecord, c.NotRecordInWindow, wantCohort, wantRep, wantNotRec, wantNotRec)
			}
			if v.Cohort[0] != (wantCohort == 1) {
				t.Errorf("Cohort[0] = %v", v.Cohort[0])
			}
		})
	}
}

// TestNoProgramColumns: a file without 903/904/905 is taken to hold participants only.
func TestNoProgramColumns(t *testing.T) {
	r := cohortRow.With(nil)
	delete(r, pirl.FieldAdult)
	delete(r, pirl.FieldDW)
	delete(r, pirl.FieldYouth)
	v := derive1(t, r, DefaultOptions())
	if !v.Record[0] || v.Enrolled[0] != Yes || v.Program[0] != ProgramNone || !v.Cohort[0] || v.Counts.NotRecord != 0 {
		t.Errorf("Record %v Enrolled %s Program %d Cohort %v NotRecord %d; want true Yes -1 true 0",
			v.Record[0], triName(v.Enrolled[0]), v.Program[0], v.Cohort[0], v.Counts.NotRecord)
	}
}

// TestExclusion923: codes 01–04 and 07 leave the outcome measures of every
// program, 05 (foster care; the layout: "Youth participants only") those of
// Youth records only; 00, 06 and blank stay (METHODS §2.1, PIRL 923, TEGL
// 10-16 Attachment 2).
func TestExclusion923(t *testing.T) {
	tests := []struct {
		code     string
		youth    bool
		excluded bool
	}{
		{"00", false, false}, {"01", false, true}, {"02", false, true}, {"03", false, true}, {"04", false, true},
		{"05", false, false}, {"06", false, false}, {"07", false, true}, {"", false, false},
		{"05", true, true}, {"01", true, true}, {"06", true, false}, {"00", true, false},
	}
	for _, tt := range tests {
		name := "923=" + tt.code
		if tt.youth {
			name += ",youth"
		}
		t.Run(name, func(t *testing.T) {
			r := cohortRow.With(row{pirl.FieldOtherExit: tt.code, pirl.FieldEmpQ2: "1"})
			if tt.youth {
				r = r.With(row{pirl.FieldAdult: "0", pirl.FieldYouth: "1"})
			}
			v := derive1(t, r, DefaultOptions())
			if v.Cohort[0] == tt.excluded {
				t.Errorf("Cohort = %v, want %v", v.Cohort[0], !tt.excluded)
			}
			want := 0
			if tt.excluded {
				want = 1
			}
			if v.Counts.Excluded923 != want {
				t.Errorf("Excluded923 = %d, want %d", v.Counts.Excluded923, want)
			}
			wantEmp := Yes
			if tt.excluded {
				wantEmp = NA
			}
			if v.EmpQ2[0] != wantEmp {
				t.Errorf("EmpQ2 = %s, want %s", triName(v.EmpQ2[0]), triName(wantEmp))
			}
		})
	}
	// The exclusion list is configurable.
	o := DefaultOptions()
	o.ExcludeCodes = []int{6}
	for code, want := range map[string]bool{"06": false, "02": true} {
		v := derive1(t, cohortRow.With(row{pirl.FieldOtherExit: code}), o)
		if v.Cohort[0] != want {
			t.Errorf("ExcludeCodes {6}, 923=%s: Cohort = %v, want %v", code, v.Cohort[0], want)
		}
	}
	// The 923 check applies to participants in the window only: a
	// reportable individual with code 02 counts as reportable, not excluded.
	v := derive1(t, cohortRow.With(row{pirl.FieldAdult: "4", pirl.FieldOtherExit: "02"}), DefaultOptions())
	if v.Counts.ReportableOnly != 1 || v.Counts.Excluded923 != 0 {
		t.Errorf("reportable with 923=02: ReportableOnly %d Excluded923 %d; want 1, 0", v.Counts.ReportableOnly, v.Counts.Excluded923)
	}
}

// TestCountsAddUp: every row lands in exactly one of the cohort counts.
func TestCountsAddUp(t *testing.T) {
	rows := []row{
		cohortRow,
		cohortRow.With(row{pirl.FieldExit: ""}), // not exited
		cohortRow.With(row{pirl.FieldExit: "2023-12-31"}),                                   // outside
		cohortRow.With(row{pirl.FieldAdult: "4"}),                                           // reportable
		cohortRow.With(row{pirl.FieldAdult: "0"}),                                           // not a record
		cohortRow.With(row{pirl.FieldAdult: "0", pirl.FieldExit: "2023-12-31"}),             // not a record, outside
		cohortRow.With(row{pirl.FieldOtherExit: "03"}),                                      // excluded
		cohortRow.With(row{pirl.FieldOtherExit: "06"}),                                      // kept
		cohortRow.With(row{pirl.FieldAdult: "0", pirl.FieldExit: "", pirl.FieldYouth: "2"}), // not exited youth
	}
	v := Derive(build(t, rows...), nil, window(t, "2024-01-01", "2024-12-31"))
	c := v.Counts
	want := Counts{Rows: 9, NotRecord: 2, Exiters: 7, OutsideWindow: 2, NotExited: 2,
		ReportableOnly: 1, NotRecordInWindow: 1, Excluded923: 1, Cohort: 2, CohortQ2: 2, CohortQ4: 2, EmpQ2NA: 2, EmpQ4NA: 2, EmpAll4NA: 2,
		FirstExit: date(t, "2023-12-31"), LastExit: date(t, "2024-01-15")}
	if c != want {
		t.Errorf("Counts =\n%+v\nwant\n%+v", c, want)
	}
	if c.Exiters != c.OutsideWindow+c.ReportableOnly+c.NotRecordInWindow+c.Excluded923+c.Cohort {
		t.Errorf("exiters %d do not add up", c.Exiters)
	}
	if c.Rows != c.Exiters+c.NotExited {
		t.Errorf("rows %d do not add up", c.Rows)
	}
}
