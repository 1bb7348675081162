package measures

import (
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// TestEmployment: METHODS §2 — 1602/1606 in 1–3 → Yes, 0 → No, 9 or blank →
// NA; all four quarters Yes only when all are employed, No when any is 0 and
// none is unavailable, NA otherwise.
func TestEmployment(t *testing.T) {
	tests := []struct {
		q               [4]string
		q2, q4, all4    int8
		q2NA, q4NA, aNA int
	}{
		{[4]string{"1", "1", "1", "1"}, Yes, Yes, Yes, 0, 0, 0},
		{[4]string{"1", "2", "3", "2"}, Yes, Yes, Yes, 0, 0, 0}, // 1 UI wages, 2 federal, 3 supplemental
		{[4]string{"3", "3", "3", "3"}, Yes, Yes, Yes, 0, 0, 0},
		{[4]string{"0", "0", "0", "0"}, No, No, No, 0, 0, 0},
		{[4]string{"1", "1", "1", "0"}, Yes, No, No, 0, 0, 0},
		{[4]string{"0", "1", "1", "1"}, Yes, Yes, No, 0, 0, 0},
		{[4]string{"1", "0", "1", "1"}, No, Yes, No, 0, 0, 0},
		{[4]string{"1", "1", "1", "9"}, Yes, NA, NA, 0, 1, 1},
		{[4]string{"1", "9", "1", "1"}, NA, Yes, NA, 1, 0, 1},
		{[4]string{"0", "1", "1", "9"}, Yes, NA, NA, 0, 1, 1}, // a 0 with a 9: not yet known
		{[4]string{"9", "0", "0", "0"}, No, No, NA, 0, 0, 1},
		{[4]string{"", "1", "1", "1"}, Yes, Yes, NA, 0, 0, 1},
		{[4]string{"1", "", "1", ""}, NA, NA, NA, 1, 1, 1},
		{[4]string{"9", "9", "9", "9"}, NA, NA, NA, 1, 1, 1},
	}
	for _, tt := range tests {
		name := tt.q[0] + "," + tt.q[1] + "," + tt.q[2] + "," + tt.q[3]
		t.Run(name, func(t *testing.T) {
			r := cohortRow.With(row{pirl.FieldEmpQ1: tt.q[0], pirl.FieldEmpQ2: tt.q[1], pirl.FieldEmpQ3: tt.q[2], pirl.FieldEmpQ4: tt.q[3]})
			v := derive1(t, r, DefaultOptions())
			if v.EmpQ2[0] != tt.q2 || v.EmpQ4[0] != tt.q4 || v.EmpAll4[0] != tt.all4 {
				t.Errorf("EmpQ2, EmpQ4, EmpAll4 = %s, %s, %s; want %s, %s, %s",
					triName(v.EmpQ2[0]), triName(v.EmpQ4[0]), triName(v.EmpAll4[0]),
					triName(tt.q2), triName(tt.q4), triName(tt.all4))
			}
			c := v.Counts
			if c.EmpQ2NA != tt.q2NA || c.EmpQ4NA != tt.q4NA || c.EmpAll4NA != tt.aNA {
				t.Errorf("NA counts = %d, %d, %d; want %d, %d, %d", c.EmpQ2NA, c.EmpQ4NA, c.EmpAll4NA, tt.q2NA, tt.q4NA, tt.aNA)
			}
		})
	}
}

// TestEarnings: Q2 earnings among those employed in Q2; 999999.99 and blank
// are left out and counted; Wage is hourly_wage when the file has it.
func TestEarnings(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name       string
		r          row
		earn, wage float64
		hourly     bool
		earnNA     int
	}{
		{"employed", row{pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: "8123.45"}, 8123.45, 8123.45, false, 0},
		{"sentinel", row{pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: "999999.99"}, nan, nan, false, 1},
		{"blank", row{pirl.FieldEmpQ2: "2", pirl.FieldWageQ2: ""}, nan, nan, false, 1},
		{"zero wages kept", row{pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: "0"}, 0, 0, false, 0},
		{"not employed", row{pirl.FieldEmpQ2: "0", pirl.FieldWageQ2: "500"}, nan, nan, false, 0},
		{"not yet known", row{pirl.FieldEmpQ2: "9", pirl.FieldWageQ2: "500"}, nan, nan, false, 0},
		{"hourly", row{pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: "7000", pirl.FieldHourlyWage: "21.50"}, 7000, 21.5, true, 0},
		{"hourly blank", row{pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: "7000", pirl.FieldHourlyWage: ""}, 7000, nan, true, 0},
		{"hourly, not employed", row{pirl.FieldEmpQ2: "0", pirl.FieldHourlyWage: "21.50"}, nan, nan, true, 0},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := derive1(t, cohortRow.With(tt.r), DefaultOptions())
			if !same(v.EarnQ2(0), tt.earn) || !same(v.Wage(0), tt.wage) || v.WageIsHourly != tt.hourly {
				t.Errorf("EarnQ2, Wage, WageIsHourly = %v, %v, %v; want %v, %v, %v",
					v.EarnQ2(0), v.Wage(0), v.WageIsHourly, tt.earn, tt.wage, tt.hourly)
			}
			if v.Counts.EarnQ2NA != tt.earnNA {
				t.Errorf("EarnQ2NA = %d, want %d", v.Counts.EarnQ2NA, tt.earnNA)
			}
		})
	}
}

// TestCredentialDenominator: exiters in education or training other than
// only OJT (01) or customized training (05): 1303/1310/1315 in 02–04 or
// 06–10, or 1332 = 1, or 408 = 0 with 1401 = 1 (METHODS §2).
func TestCredentialDenominator(t *testing.T) {
	tests := []struct {
		name string
		r    row
		in   bool
	}{
		{"no training", row{}, false},
		{"1303=00", row{pirl.FieldTrainType1: "00"}, false},
		{"OJT only", row{pirl.FieldTrainType1: "01"}, false},
		{"customized only", row{pirl.FieldTrainType1: "05"}, false},
		{"OJT and customized", row{pirl.FieldTrainType1: "01", pirl.FieldTrainType2: "05"}, false},
		{"1303=02", row{pirl.FieldTrainType1: "02"}, true},
		{"1303=03", row{pirl.FieldTrainType1: "03"}, true},
		{"1303=04", row{pirl.FieldTrainType1: "04"}, true},
		{"1303=06", row{pirl.FieldTrainType1: "06"}, true},
		{"1303=07", row{pirl.FieldTrainType1: "07"}, true},
		{"1303=08", row{pirl.FieldTrainType1: "08"}, true},
		{"1303=09", row{pirl.FieldTrainType1: "09"}, true},
		{"1303=10", row{pirl.FieldTrainType1: "10"}, true},
		{"1303=11", row{pirl.FieldTrainType1: "11"}, false},
		{"1303=12", row{pirl.FieldTrainType1: "12"}, false},
		{"OJT then occupational in 1310", row{pirl.FieldTrainType1: "01", pirl.FieldTrainType2: "06"}, true},
		{"customized, OJT, apprenticeship in 1315", row{pirl.FieldTrainType1: "05", pirl.FieldTrainType2: "01", pirl.FieldTrainType3: "09"}, true},
		{"1332=1", row{pirl.FieldPostsecondary: "1"}, true},
		{"1332=1 with OJT", row{pirl.FieldTrainType1: "01", pirl.FieldPostsecondary: "1"}, true},
		{"1332=0", row{pirl.FieldPostsecondary: "0"}, false},
		{"408=0 and 1401=1", row{pirl.FieldEduLevel: "0", pirl.FieldSecondaryEnrolled: "1"}, true},
		{"408=0 and 1401=0", row{pirl.FieldEduLevel: "0", pirl.FieldSecondaryEnrolled: "0"}, false},
		{"408=1 and 1401=1", row{pirl.FieldEduLevel: "1", pirl.FieldSecondaryEnrolled: "1"}, false},
		{"408 blank, 407=10 and 1401=1", row{pirl.FieldEduLevel: "", pirl.FieldGrade: "10", pirl.FieldSecondaryEnrolled: "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := derive1(t, cohortRow.With(tt.r), DefaultOptions())
			want := NA
			if tt.in {
				want = No // no credential recorded
			}
			if v.Credential[0] != want {
				t.Errorf("Credential = %s, want %s", triName(v.Credential[0]), triName(want))
			}
		})
	}
	// Outside the cohort there is no denominator at all.
	v := derive1(t, cohortRow.With(row{pirl.FieldExit: "", pirl.FieldTrainType1: "06", pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2023-06-01"}), DefaultOptions())
	if v.Credential[0] != NA {
		t.Errorf("not exited: Credential = %s, want NA", triName(v.Credential[0]))
	}
}

// TestCredentialNumerator: a credential of type 2–7 dated no later than one
// year after exit; type 1 only with employment in Q1–Q4 or post-exit
// education or training (1406) within a year. Exit is 2024-01-15, so one
// year after is 2025-01-15.
func TestCredentialNumerator(t *testing.T) {
	in := cohortRow.With(row{pirl.FieldTrainType1: "06"})
	tests := []struct {
		name string
		r    row
		want int8
	}{
		{"type 2", row{pirl.FieldCredType1: "2", pirl.FieldCredDate1: "2024-05-01"}, Yes},
		{"type 3", row{pirl.FieldCredType1: "3", pirl.FieldCredDate1: "2024-05-01"}, Yes},
		{"type 4", row{pirl.FieldCredType1: "4", pirl.FieldCredDate1: "2024-05-01"}, Yes},
		{"type 5", row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2024-05-01"}, Yes},
		{"type 6", row{pirl.FieldCredType1: "6", pirl.FieldCredDate1: "2024-05-01"}, Yes},
		{"type 7", row{pirl.FieldCredType1: "7", pirl.FieldCredDate1: "2024-05-01"}, Yes},
		{"type 0 (none)", row{pirl.FieldCredType1: "0", pirl.FieldCredDate1: "2024-05-01"}, No},
		{"during participation", row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2023-09-01"}, Yes},
		{"on exit day", row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2024-01-15"}, Yes},
		{"exactly one year after exit", row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2025-01-15"}, Yes},
		{"one year and one day", row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2025-01-16"}, No},
		{"type without date", row{pirl.FieldCredType1: "5"}, No},
		{"date without type", row{pirl.FieldCredDate1: "2024-05-01"}, No},
		{"second slot", row{pirl.FieldCredType1: "0", pirl.FieldCredType2: "4", pirl.FieldCredDate2: "2024-05-01"}, Yes},
		{"third slot", row{pirl.FieldCredType3: "6", pirl.FieldCredDate3: "2025-01-15"}, Yes},
		{"late first, timely third", row{pirl.FieldCredType1: "5", pirl.FieldCredDate1: "2025-06-01", pirl.FieldCredType3: "6", pirl.FieldCredDate3: "2024-06-01"}, Yes},
		{"type 1 alone", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01"}, No},
		{"type 1 alone, Q1-Q4 not employed", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01",
			pirl.FieldEmpQ1: "0", pirl.FieldEmpQ2: "0", pirl.FieldEmpQ3: "0", pirl.FieldEmpQ4: "9"}, No},
		{"type 1, employed Q1", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldEmpQ1: "1"}, Yes},
		{"type 1, employed Q2", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldEmpQ2: "2"}, Yes},
		{"type 1, employed Q3", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldEmpQ3: "3"}, Yes},
		{"type 1, employed Q4", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldEmpQ4: "1"}, Yes},
		{"type 1, post-exit education in a year", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldPostExitEduDate: "2025-01-15"}, Yes},
		{"type 1, post-exit education a day late", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldPostExitEduDate: "2025-01-16"}, No},
		{"type 1 late, employed", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2025-01-16", pirl.FieldEmpQ1: "1"}, No},
		{"type 1 alone, then type 5", row{pirl.FieldCredType1: "1", pirl.FieldCredDate1: "2024-05-01", pirl.FieldCredType2: "5", pirl.FieldCredDate2: "2024-06-01"}, Yes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := derive1(t, in.With(tt.r), DefaultOptions())
			if v.Credential[0] != tt.want {
				t.Errorf("Credential = %s, want %s", triName(v.Credential[0]), triName(tt.want))
			}
		})
	}
	// An exit on Feb 29: one year after is Feb 28 of the next year.
	leap := in.With(row{pirl.FieldExit: "2024-02-29", pirl.FieldCredType1: "5"})
	for d, want := range map[string]int8{"2025-02-28": Yes, "2025-03-01": No} {
		v := derive1(t, leap.With(row{pirl.FieldCredDate1: d}), DefaultOptions())
		if v.Credential[0] != want {
			t.Errorf("exit 2024-02-29, credential %s: %s, want %s", d, triName(v.Credential[0]), triName(want))
		}
	}
}

// TestTrainingCompletion: among trainees (1300 = 1) with 1811 set, 1813 set.
func TestTrainingCompletion(t *testing.T) {
	tests := []struct {
		name string
		r    row
		want int8
	}{
		{"completed", row{pirl.FieldTraining: "1", pirl.FieldEduEnrolled: "2023-04-01", pirl.FieldEduCompleted: "2023-10-01"}, Yes},
		{"enrolled, not completed", row{pirl.FieldTraining: "1", pirl.FieldEduEnrolled: "2023-04-01"}, No},
		{"never enrolled", row{pirl.FieldTraining: "1"}, NA},
		{"completion without enrolment", row{pirl.FieldTraining: "1", pirl.FieldEduCompleted: "2023-10-01"}, NA},
		{"not a trainee", row{pirl.FieldTraining: "0", pirl.FieldEduEnrolled: "2023-04-01", pirl.FieldEduCompleted: "2023-10-01"}, NA},
		{"training blank", row{pirl.FieldEduEnrolled: "2023-04-01"}, NA},
		{"not exited", row{pirl.FieldExit: "", pirl.FieldTraining: "1", pirl.FieldEduEnrolled: "2023-04-01"}, NA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := derive1(t, cohortRow.With(tt.r), DefaultOptions())
			if v.Completed[0] != tt.want {
				t.Errorf("Completed = %s, want %s", triName(v.Completed[0]), triName(tt.want))
			}
		})
	}
}

// TestTrainingRelatedRetention: among trainees employed in Q2 with 1608
// known, 1608 = 1 and employed in Q4; Q4 not yet available → NA.
func TestTrainingRelatedRetention(t *testing.T) {
	tests := []struct {
		train, q2, rel, q4 string
		want               int8
	}{
		{"1", "1", "1", "1", Yes},
		{"1", "3", "1", "2", Yes},
		{"1", "1", "1", "0", No},
		{"1", "1", "0", "1", No},
		{"1", "1", "0", "0", No},
		{"1", "1", "1", "9", NA},
		{"1", "1", "1", "", NA},
		{"1", "1", "0", "9", NA},
		{"1", "1", "", "1", NA},
		{"1", "1", "9", "1", NA},
		{"1", "0", "1", "1", NA},
		{"1", "9", "1", "1", NA},
		{"0", "1", "1", "1", NA},
		{"", "1", "1", "1", NA},
	}
	for _, tt := range tests {
		name := "1300=" + tt.train + ",1602=" + tt.q2 + ",1608=" + tt.rel + ",1606=" + tt.q4
		t.Run(name, func(t *testing.T) {
			r := cohortRow.With(row{pirl.FieldTraining: tt.train, pirl.FieldEmpQ2: tt.q2, pirl.FieldTrainRelated: tt.rel, pirl.FieldEmpQ4: tt.q4})
			v := derive1(t, r, DefaultOptions())
			if v.TrainRet[0] != tt.want {
				t.Errorf("TrainRet = %s, want %s", triName(v.TrainRet[0]), triName(tt.want))
			}
		})
	}
}
