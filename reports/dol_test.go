package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/pirl/pirltest"
)

// TestValidateDOLChecks: validate prints the agreement with DOL's items and
// Appendix B's notes for the file's state, with row numbers and codes only;
// a file with neither a state nor a CALC item gets no such section.
func TestValidateDOLChecks(t *testing.T) {
	r := pirltest.Row{pirl.FieldSex: "1", pirl.FieldEntry: "2020-03-01", pirl.FieldExit: "2021-01-15", pirl.FieldAdult: "1",
		pirl.FieldEmpQ2: "1", pirl.FieldWageQ2: "8123", pirl.FieldCalcEmpQ2: "0", pirl.FieldCalcState: "GA"}
	d := pirltest.Build(t, r, r.With(pirltest.Row{pirl.FieldExit: "2022-06-30", pirl.FieldCalcEmpQ2: "1"}))
	var b bytes.Buffer
	if err := Validate(&b, d, ValidateOptions{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"## Agreement with DOL's calculated items", "program year 2021 (the program year of the latest exit",
		"| ERQ2 (Adult) | CALC4013 | 0 | 1 | 0 | 0 |", "row 1: tool 1, CALC4013 = 0; PIRL 1602 = 1",
		"## DOL's known data problems (Appendix B)", "GA (2 rows, from CALC4000)", "| GA | 203 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("validate lacks %q", want)
		}
	}
	if strings.Contains(out, "8123") {
		t.Error("an amount in the validate report")
	}
	b.Reset()
	plain := pirltest.Build(t, pirltest.Row{pirl.FieldSex: "1", pirl.FieldEntry: "2021-03-01", pirl.FieldExit: "2022-01-15"})
	if err := Validate(&b, plain, ValidateOptions{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "DOL's") {
		t.Error("DOL sections without state or CALC items")
	}
}
