package pirl

import (
	"strings"
	"testing"
)

// breakLines writes a name as the layout does, over lines and with doubled
// spaces ("Employed in 2nd Quarter \nAfter Exit Quarter (WIOA)").
func breakLines(s string) string {
	w := strings.Fields(s)
	for i := 2; i < len(w); i += 3 {
		w[i] = w[i] + " \n"
	}
	return strings.Join(w, "  ")
}

// styles are the header spellings of one element of the official layout.
func styles(e LayoutElement) map[string]string {
	n := e.Number
	m := map[string]string{"puf": e.Header, "name": e.Name, "NAME": strings.ToUpper(e.Name), "broken": breakLines(e.Name)}
	if base, ok := strings.CutSuffix(e.Name, "(WIOA)"); ok {
		m["name-wioa"] = strings.TrimSpace(base)
	}
	if num, ok := strings.CutPrefix(n, "CALC"); ok {
		m["calc"], m["pirl-calc"], m["pirl space calc"], m["bare"] = n, "PIRL"+num, "PIRL "+num, num
		m["calc-space"] = "CALC " + num
		return m
	}
	hy := n
	if l := n[len(n)-1]; l >= 'A' && l <= 'Z' {
		hy = n[:len(n)-1] + "-" + n[len(n)-1:]
	}
	m["pirl"], m["pirl space"], m["p"], m["bare"] = "PIRL"+n, "PIRL "+hy, "p"+strings.ToLower(n), n
	m["dash"], m["underscore"], m["R"], m["R digit"] = "PIRL-"+n, "pirl_"+n, "PIRL."+n, "X"+n
	m["number+name"] = hy + " " + e.Name
	m["number: name"] = "PIRL " + n + ": " + strings.ToLower(e.Name)
	m["R number+name"] = "X" + n + "." + strings.NewReplacer(" ", ".", "(", ".", ")", ".", "/", ".").Replace(e.Name)
	return m
}

// TestIdentifyEveryElementRead checks every spelling of every element the
// tool reads, from the official layout's numbers and names.
func TestIdentifyEveryElementRead(t *testing.T) {
	read := 0
	for f := Field(0); f < NumFields; f++ {
		n := fieldElement(f)
		if n == "" {
			continue
		}
		e, ok := LookupElement(n)
		if !ok {
			t.Errorf("%v: %s not in the layout", f, n)
			continue
		}
		read++
		for style, h := range styles(e) {
			id := Identify(h)
			if !id.Known || id.Field != f || id.Element != n {
				t.Errorf("%v, %s header %q: %+v", f, style, h, id)
			}
			if g, ok := MatchHeader(h); !ok || g != f {
				t.Errorf("MatchHeader(%q) = %v, %v; want %v", h, g, ok, f)
			}
		}
	}
	if read < 69 {
		t.Errorf("%d elements read; want at least the 69 of issue 12", read)
	}
}

// Every element of the layout is recognised by its PUF header and its
// name, whether the tool reads it or not; names two elements share name
// neither.
func TestIdentifyEveryLayoutElement(t *testing.T) {
	names := map[string]int{}
	for _, e := range pufPY2022Q4 {
		names[nameKey(e.Name)]++
	}
	for _, e := range pufPY2022Q4 {
		if id := Identify(e.Header); !id.Known || id.Element != e.Number {
			t.Errorf("%q: %+v", e.Header, id)
		}
		id := Identify(e.Name)
		if names[nameKey(e.Name)] > 1 {
			if id.Known && id.Element == e.Number && id.How == howName {
				if _, own := fieldOf[e.Number]; !own {
					t.Errorf("%q (a name several elements share) identified as %+v", e.Name, id)
				}
			}
			continue
		}
		if !id.Known || id.Element != e.Number {
			t.Errorf("name %q: %+v", e.Name, id)
		}
	}
}

func TestIdentifySpellings(t *testing.T) {
	tests := []struct {
		h, element string
		f          Field // NoField: known, not read
		how        string
	}{
		{"GENDER", "201", FieldSex, howShort},
		{"gender", "201", FieldSex, howShort},
		{"EXIT_DT", "901", FieldExit, howShort},
		{"REG_DT", "900", FieldEntry, howShort},
		{"EMPQ2", "1602", FieldEmpQ2, howShort},
		{"WAGEX2", "1704", FieldWageQ2, howShort},
		{"WIB1", "108A", FieldBoard, howShort},
		{"AGE", "CALC4039", FieldCalcAge, howShort},
		{"RACE", "CALC4020", FieldCalcRace, howShort},
		{"WIOA_MSG", "CALC4007", FieldCalcMSG, howShort},
		{"WAGNER", "918", FieldWagnerPeyser, howShort},
		{"RAPIDADD", "909", FieldRapidResponse, howShort},
		{"VET", "300", NoField, howShort},
		{"CALC4039", "CALC4039", FieldCalcAge, howNumber},
		{"PIRL4039", "CALC4039", FieldCalcAge, howNumber},
		{"PIRL 3042", "CALC4039", FieldCalcAge, howOld},
		{"PIRL3023", "CALC4020", FieldCalcRace, howOld},
		{"PIRL 3043", "CALC4040", NoField, howOld},
		{"PIRL 3004", "3004", NoField, howNumber}, // alone: the PY2021 element
		{"PIRL108B", "108B", NoField, howNumber},
		{"PIRL 108-A", "108A", FieldBoard, howNumber},
		{"1602 Employed in 2nd Quarter After Exit Quarter (WIOA)", "1602", FieldEmpQ2, howNumName},
		{"1602 Employed Q2", "1602", FieldEmpQ2, howNumName},
		{"108-A ETA-Assigned 1st Local Workforce Board Code", "108A", FieldBoard, howNumName},
		{"Employed in 2nd Quarter\r\nAfter Exit Quarter (WIOA)", "1602", FieldEmpQ2, howName},
		{"employed in 2nd quarter after exit quarter", "1602", FieldEmpQ2, howName},
		{"Native Hawaiian / Other Pacific Islander WIOA)", "214", FieldNHOPI, howName},
		{"Report_Quarter", "Report_Quarter", NoField, howName},
		{"Veteran Status", "300", NoField, howName},
		{"tract_geoid", "", FieldTract, howAlias},
	}
	for _, tt := range tests {
		id := Identify(tt.h)
		if !id.Known || id.Element != tt.element || id.Field != tt.f || id.How != tt.how {
			t.Errorf("Identify(%q) = %+v; want %s, %v, %s", tt.h, id, tt.element, tt.f, tt.how)
		}
	}
	for _, h := range []string{"ID", "id", "PIRL108", "108", "201 Date of Birth", "CALC201", "CALC4042", "PIRL 3021", "Foo", "", "X17", "PIRL 9999"} {
		if id := Identify(h); id.Known {
			t.Errorf("Identify(%q) = %+v; want unknown", h, id)
		}
	}
	// In a file of the older series, 3004–3007 are calculated items too.
	ids := IdentifyHeader([]string{"PIRL 201", "PIRL 3004", "PIRL 3023", "PIRL 3007"})
	for i, want := range []string{"201", "CALC4004", "CALC4020", "CALC4007"} {
		if ids[i].Element != want {
			t.Errorf("older series: header %d = %+v; want %s", i, ids[i], want)
		}
	}
	if ids[3].Field != FieldCalcMSG {
		t.Errorf("PIRL 3007 in the older series: %+v", ids[3])
	}
}
