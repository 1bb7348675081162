package measures

import (
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// TestCoverage: a file whose exits start 2022-07-01 misses 6 of the 12
// months of calendar 2022 (the PY2023 Q4 window) and none of the Q2 window's
// start; an exit quarter whose Q2 employment is mostly 9 is named with the
// date it is expected (end of the 2nd quarter after exit + WageLagDays).
func TestCoverage(t *testing.T) {
	o := window(t, "2023-07-01", "2024-06-30")
	o.Q2Window = &Span{date(t, "2022-07-01"), date(t, "2023-06-30")}
	o.Q4Window = &Span{date(t, "2022-01-01"), date(t, "2022-12-31")}
	r := cohortRow.With(row{pirl.FieldEmpQ2: "1", pirl.FieldEmpQ4: "1"})
	rows := []row{
		r.With(row{pirl.FieldExit: "2022-07-01"}),
		r.With(row{pirl.FieldExit: "2023-05-02", pirl.FieldEmpQ2: "9"}), // 2023Q2: 2 of 3 not yet
		r.With(row{pirl.FieldExit: "2023-05-03", pirl.FieldEmpQ2: "9"}),
		r.With(row{pirl.FieldExit: "2023-06-30"}),
		r.With(row{pirl.FieldExit: "2024-03-31"}), // the file ends here: 3 months of the program year missing
	}
	d := build(t, rows...)
	ws := Derive(d, nil, o).Coverage(d, 0.5)
	want := []string{
		"The file's exits start 2022-07-01: 6 of the 12 months of the window of the Q4 and credential measures (2022-01-01 to 2022-12-31) are missing.",
		"The file's exits end 2024-03-31: 3 of the 12 months of the program year's window (participation, enrollment, supportive services) (2023-07-01 to 2024-06-30) are missing.",
		"Exits of 2023Q2: 2 of 3 (67%) in the cohort have no Q2 employment yet (PIRL 1602 = 9 or blank); it is expected by about 2024-05-29 (the end of the 2nd quarter after exit, 2023-12-31, plus 150 days for the wage records).",
	}
	if strings.Join(ws, "\n") != strings.Join(want, "\n") {
		t.Errorf("coverage warnings:\n%s\nwant\n%s", strings.Join(ws, "\n"), strings.Join(want, "\n"))
	}
	// At a share of 0.7 the quarter is not mostly pending; a complete
	// one-window run over the file's own span has nothing to say.
	if ws := Derive(d, nil, o).Coverage(d, 0.7); len(ws) != 2 {
		t.Errorf("share 0.7: %q", ws)
	}
	if ws := Derive(d, nil, window(t, "2022-07-01", "2024-03-31")).Coverage(d, 1); len(ws) != 0 {
		t.Errorf("covered window: %q", ws)
	}
}
