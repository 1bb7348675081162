package pirl

import (
	"strings"
	"testing"
)

func TestOfficialLayout(t *testing.T) {
	l := OfficialLayout()
	if len(l) != 290 {
		t.Errorf("%d layout elements, want 290 (100 … 3007, CALC4000 … CALC4041, Report_Quarter)", len(l))
	}
	if l[0].Number != "100" || l[len(l)-1].Number != "Report_Quarter" {
		t.Errorf("layout runs from %s to %s", l[0].Number, l[len(l)-1].Number)
	}
	// Every numbered element the tool reads is in the official layout.
	for f := Field(0); f < NumFields; f++ {
		if n := Elements[f].Number; n != "" {
			if _, ok := LookupElement(n); !ok {
				t.Errorf("%v: element %s is not in the PY2022 Q4 layout", f, n)
			}
		}
	}
	e, ok := LookupElement("918")
	if !ok || len(e.Codes) != 4 || e.Codes[1] != (CodeValue{"2", "Reportable Individual"}) {
		t.Errorf("918 = %+v", e)
	}
	if e, _ := LookupElement("108-A"); e.Header != "PIRL108A" {
		t.Errorf("108-A = %+v", e)
	}
	if _, ok := LookupElement("108"); ok {
		t.Error("108 found; only 108A/B/C exist")
	}
	if e, _ := LookupElement("904"); e.Name != "Dislocated Worker (WIOA)" {
		t.Errorf("904 = %+v", e)
	}
	if e, _ := LookupElement("CALC4039"); e.Name != "Age at participation" {
		t.Errorf("CALC4039 = %+v", e)
	}
	h, ok := BuiltinLayout("PUF-PY2022Q4")
	if !ok || len(h) != len(l) || h[0] != "PIRL100" || h[7] != "PIRL108A" || !strings.HasPrefix(h[len(h)-43], "CALC40") {
		t.Errorf("built-in layout %v…", h[:10])
	}
	short := map[string]string{}
	for _, s := range DOLShortNames() {
		short[s.Name] = s.Number
	}
	for k, v := range map[string]string{"GENDER": "201", "EXIT_DT": "901", "EMPQ2": "1602", "WIB1": "108A", "AGE": "CALC4039", "RACE": "CALC4020", "WIOA_MSG": "CALC4007", "WAGNER": "918"} {
		if short[k] != v {
			t.Errorf("short name %s = %q, want %s", k, short[k], v)
		}
	}
}
