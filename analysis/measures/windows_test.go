package measures

import (
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// TestPerMeasureWindows: with a window per kind (--program-year 2023) each
// record is in the cohort of every kind whose window holds its exit, the
// outcomes are derived for a record in any, the counts sort exiters against
// all the windows together, and not-available counts stay in their kind.
func TestPerMeasureWindows(t *testing.T) {
	o := window(t, "2023-07-01", "2024-06-30") // the program year
	o.Q2Window = &Span{date(t, "2022-07-01"), date(t, "2023-06-30")}
	o.Q4Window = &Span{date(t, "2022-01-01"), date(t, "2022-12-31")}
	unknownQ2 := row{pirl.FieldEmpQ2: "9", pirl.FieldEmpQ4: "9"}
	cohortRow := cohortRow.With(row{pirl.FieldEmpQ2: "1", pirl.FieldEmpQ4: "1"})
	rows := []row{
		cohortRow.With(row{pirl.FieldExit: "2021-12-31"}),                 // before every window
		cohortRow.With(row{pirl.FieldExit: "2022-01-01"}),                 // Q4 only
		cohortRow.With(row{pirl.FieldExit: "2022-06-30"}),                 // Q4 only
		cohortRow.With(row{pirl.FieldExit: "2022-07-01"}),                 // Q2 and Q4
		cohortRow.With(row{pirl.FieldExit: "2022-12-31"}),                 // Q2 and Q4
		cohortRow.With(row{pirl.FieldExit: "2023-01-01"}.With(unknownQ2)), // Q2 only, outcomes not in
		cohortRow.With(row{pirl.FieldExit: "2023-06-30"}),                 // Q2 only
		cohortRow.With(row{pirl.FieldExit: "2023-07-01"}.With(unknownQ2)), // program year only
		cohortRow.With(row{pirl.FieldExit: "2024-07-01"}),                 // after every window
	}
	v := Derive(build(t, rows...), nil, o)
	type in struct{ main, q2, q4 bool }
	want := []in{{}, {q4: true}, {q4: true}, {q2: true, q4: true}, {q2: true, q4: true}, {q2: true}, {q2: true}, {main: true}, {}}
	for i, w := range want {
		got := in{v.Cohort[i], v.CohortQ2[i], v.CohortQ4[i]}
		if got != w {
			t.Errorf("record %d (exit %s): cohorts %+v, want %+v", i, rows[i][pirl.FieldExit], got, w)
		}
		if any := w.main || w.q2 || w.q4; any != (v.EmpQ2[i] != NA || rows[i][pirl.FieldEmpQ2] == "9") {
			t.Errorf("record %d: EmpQ2 %s derived outside the cohorts or not inside", i, triName(v.EmpQ2[i]))
		}
	}
	c := v.Counts
	if c.Cohort != 7 || c.OutsideWindow != 2 || c.CohortQ2 != 4 || c.CohortQ4 != 4 {
		t.Errorf("counts: cohort %d outside %d Q2 %d Q4 %d; want 7, 2, 4, 4", c.Cohort, c.OutsideWindow, c.CohortQ2, c.CohortQ4)
	}
	// The 9s of 2023-01-01 count in Q2 (not Q4); those of 2023-07-01 in neither.
	if c.EmpQ2NA != 1 || c.EmpQ4NA != 0 {
		t.Errorf("not available: Q2 %d Q4 %d; want 1, 0", c.EmpQ2NA, c.EmpQ4NA)
	}
	if v.Windows[KindQ4] != *o.Q4Window || v.Windows[KindExit] != (Span{o.ExitFrom, o.ExitTo}) || !v.PerMeasure {
		t.Errorf("windows %v, per measure %v", v.Windows, v.PerMeasure)
	}
	// One window: the three cohorts are one slice.
	v = Derive(build(t, rows...), nil, window(t, "2022-01-01", "2022-12-31"))
	if &v.CohortQ2[0] != &v.Cohort[0] || &v.CohortQ4[0] != &v.Cohort[0] || v.Counts.CohortQ2 != v.Counts.Cohort {
		t.Error("one window: CohortQ2/CohortQ4 are not Cohort")
	}
}
