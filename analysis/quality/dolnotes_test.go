package quality

import (
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/pirl/pirltest"
)

// TestAppendixB: the embedded Appendix B parses (3,495 notes, as the CSV
// has), and a file's states come from CALC4000 (else 101) with DOL's notes
// for them — GA's first note is on 203 (category of disability), which wioa
// does not read; its note on 1800 1802 1804 (credential types) it reads.
func TestAppendixB(t *testing.T) {
	if n := len(AppendixB()); n != 3495 {
		t.Fatalf("Appendix B: %d notes, want 3495", n)
	}
	base := pirltest.Row{pirl.FieldEntry: "2022-03-01", pirl.FieldExit: "2023-01-15", pirl.FieldAdult: "1"}
	d := pirltest.Build(t, base.With(pirltest.Row{pirl.FieldCalcState: "GA", pirl.FieldState: "AL"}),
		base.With(pirltest.Row{pirl.FieldCalcState: "GA"}), base.With(pirltest.Row{pirl.FieldCalcState: "ga"}))
	st := States(d)
	if len(st) != 1 || st[0].State != "GA" || st[0].Rows != 3 || st[0].From != pirl.FieldCalcState {
		t.Fatalf("states %+v", st)
	}
	notes := NotesFor(st)
	ga, all := 0, 0
	for _, n := range notes {
		switch n.State {
		case "GA":
			ga++
		case "ALL":
			all++
			if !n.Read {
				t.Errorf("an ALL note on an element wioa does not read: %+v", n)
			}
		default:
			t.Errorf("note for %s", n.State)
		}
	}
	if ga != 51 || all == 0 {
		t.Errorf("GA notes %d (want 51), ALL notes %d", ga, all)
	}
	// 101 when CALC4000 is absent; 77/88/99 (outside the US) are no state.
	d = pirltest.Build(t, base.With(pirltest.Row{pirl.FieldState: "NH"}), base.With(pirltest.Row{pirl.FieldState: "99"}))
	if st := States(d); len(st) != 1 || st[0].State != "NH" || st[0].From != pirl.FieldState {
		t.Errorf("states from 101: %+v", st)
	}
	for cell, want := range map[string]bool{"203": false, "1800 1802 1804": true, "1703 to 1706": true,
		"204 to 209, 939 and 940": false, "0": false, "903 to 905": true} {
		if got := readsAny(cell); got != want {
			t.Errorf("readsAny(%q) = %v, want %v", cell, got, want)
		}
	}
}

// TestCheckDOL: without calculated items nothing is compared and the note
// says why; with them the program year is that of the latest exit.
func TestCheckDOL(t *testing.T) {
	base := pirltest.Row{pirl.FieldEntry: "2022-03-01", pirl.FieldExit: "2023-01-15", pirl.FieldAdult: "1", pirl.FieldEmpQ2: "1"}
	c := CheckDOL(pirltest.Build(t, base), 0, indicators.DefaultOptions(0))
	if c.Agreement != nil || !strings.Contains(c.AgreementNote, "none of DOL's calculated items") {
		t.Errorf("no CALC: %+v", c)
	}
	c = CheckDOL(pirltest.Build(t, base.With(pirltest.Row{pirl.FieldCalcEmpQ2: "1"})), 0, indicators.DefaultOptions(0))
	if c.Agreement == nil || c.Agreement.ProgramYear != 2022 {
		t.Fatalf("CALC4013: %+v", c)
	}
	// PY 2022's ERQ2 cohort is exits 2021-07-01..2022-06-30: the 2023 exit is
	// outside it, so the one CALC4013 is not compared.
	for _, it := range c.Agreement.Items {
		if it.What == "ERQ2" && it.Program == indicators.Adult && it.Same+it.Different+it.ToolOnly+it.DOLOnly != 0 {
			t.Errorf("ERQ2 PY 2022: %+v", it)
		}
	}
}
