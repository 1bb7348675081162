package pirl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		h    string
		want Field
		ok   bool
	}{
		{"PIRL201", FieldSex, true},
		{"PIRL 201", FieldSex, true},
		{"p201", FieldSex, true},
		{"P201", FieldSex, true},
		{"201", FieldSex, true},
		{"PIRL-201", FieldSex, true},
		{"pirl_201", FieldSex, true},
		{" PIRL 201 ", FieldSex, true},
		{"Sex (WIOA)", FieldSex, true},
		{"SEX_WIOA", FieldSex, true},
		{"sex", FieldSex, true},
		{"Sex\xa0(WIOA)", FieldSex, true}, // Latin-1 no-break space
		{"Sex (WIOA)\xe9", FieldSex, true},
		{"PIRL108A", FieldBoard, true},
		{"108-A", FieldBoard, true},
		{"108 A", FieldBoard, true},
		{"p108a", FieldBoard, true},
		{"PIRL 108a", FieldBoard, true},
		{"PIRL108", 0, false},
		{"108", 0, false},
		{"PIRL 1704", FieldWageQ2, true},
		{"Wages 2nd Quarter After Exit Quarter", FieldWageQ2, true},
		{"Date of Program Entry (WIOA)", FieldEntry, true},
		{"date of program entry", FieldEntry, true},
		{"PIRL 100", FieldID, true},
		{"tract_geoid", FieldTract, true},
		{"GEOID", FieldTract, true},
		{"Census Tract", FieldTract, true},
		{"hourly_wage", FieldHourlyWage, true},
		{"Latitude", FieldLatitude, true},
		{"lng", FieldLongitude, true},
		{"PIRL 9999", 0, false},
		{"PIRL", 0, false},
		{"p", 0, false},
		{"", 0, false},
		{"X17", 0, false},
		{"PIRL 201 B", 0, false},
		{"2 01", FieldSex, true}, // separators are ignored
	}
	for _, tt := range tests {
		got, ok := MatchHeader(tt.h)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("MatchHeader(%q) = %v, %v; want %v, %v", tt.h, got, ok, tt.want, tt.ok)
		}
	}
}

// Every spelling printed in MissingColumnsError must be accepted.
func TestSpellingsMatch(t *testing.T) {
	for f := Field(0); f < NumFields; f++ {
		for _, s := range f.Spellings() {
			if g, ok := MatchHeader(s); !ok || g != f {
				t.Errorf("%v: spelling %q matches %v, %v", f, s, g, ok)
			}
		}
	}
}

func TestParseColumnsFile(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[Field]string
		err        string // substring of the error; "" = no error
	}{
		{"csv", "field,header\n201,Gender\n108A,Board Code\n", map[Field]string{FieldSex: "Gender", FieldBoard: "Board Code"}, ""},
		{"colon", "# my system\n201: My Sex Column\n\ntract_geoid: Tract\n", map[Field]string{FieldSex: "My Sex Column", FieldTract: "Tract"}, ""},
		{"quoted", "900,\"Entry, date\"\n", map[Field]string{FieldEntry: "Entry, date"}, ""},
		{"pirl spelling", "PIRL 901,Exit\n", map[Field]string{FieldExit: "Exit"}, ""},
		{"bom", "\ufeff201,Gender\n", map[Field]string{FieldSex: "Gender"}, ""},
		{"unknown field", "201,Gender\n999,Foo\n", nil, "cols.txt:2: unknown field \"999\""},
		{"no separator", "201 Gender\n", nil, "cols.txt:1: want"},
		{"empty header", "201,\n", nil, "cols.txt:1: empty header"},
		{"duplicate", "201,A\n201,B\n", nil, "cols.txt:2: PIRL 201 is already mapped on line 1"},
		{"latin1", "201,G\xe9nero\n", nil, "cols.txt:1: the line is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cols.txt")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := ParseColumnsFile(path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for f, h := range tt.want {
				if got[f] != h {
					t.Errorf("%v: got %q, want %q", f, got[f], h)
				}
			}
		})
	}
	if _, err := ParseColumnsFile(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestMissingColumnsErrorMessage(t *testing.T) {
	e := &MissingColumnsError{File: "f.csv", Missing: []Field{FieldSex, FieldExit}, Seen: []string{"a", "b"}}
	msg := e.Error()
	for _, want := range []string{"f.csv:1: required columns not found", `"PIRL201"`, `"Sex (WIOA)"`, "PIRL 901", `headers seen (2): "a", "b"`, "--columns"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
