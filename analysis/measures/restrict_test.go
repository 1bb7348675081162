package measures_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/synth"
)

// boardFile generates a file with local boards (PIRL 108A) and returns it
// and the board of each data row.
func boardFile(t *testing.T, rows int) ([]byte, []string) {
	t.Helper()
	var p, tr bytes.Buffer
	if _, err := synth.Generate(&p, &tr, synth.Config{Rows: rows, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(p.Bytes()))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for k, h := range recs[0] {
		if h == "PIRL 108A" || h == "PIRL108A" {
			col = k
		}
	}
	if col < 0 {
		t.Fatalf("generated file has no 108A column: %v", recs[0][:12])
	}
	var boards []string
	for _, rec := range recs[1:] {
		boards = append(boards, rec[col])
	}
	return p.Bytes(), boards
}

// filterLines keeps the header and the data lines whose board is kept.
func filterLines(t *testing.T, file []byte, boards []string, keep func(string) bool) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(file), "\n")
	var b strings.Builder
	b.WriteString(lines[0])
	for k, l := range lines[1:] {
		if k < len(boards) && keep(boards[k]) {
			b.WriteString(l)
		}
	}
	return []byte(b.String())
}

func read(t *testing.T, b []byte) *pirl.Data {
	t.Helper()
	d, err := pirl.ReadFrom(bytes.NewReader(b), "pirl.csv", pirl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRestrictionIsPrefilteredFile: deriving with --board keeps exactly the
// measures and counts of the same records read from a file holding only
// them — the restriction acts on the records before anything is computed.
func TestRestrictionIsPrefilteredFile(t *testing.T) {
	file, boards := boardFile(t, 6000)
	pick := boards[0]
	r, err := measures.ParseRestriction(pick+" ,"+pick, "")
	if err != nil {
		t.Fatal(err)
	}
	full, sub := read(t, file), read(t, filterLines(t, file, boards, func(b string) bool { return b == pick }))
	if sub.Rows == 0 || sub.Rows == full.Rows {
		t.Fatalf("board %s has %d of %d rows: the test needs several boards", pick, sub.Rows, full.Rows)
	}
	if err := r.Check(full); err != nil {
		t.Fatal(err)
	}
	o := measures.DefaultOptions()
	plain := measures.Derive(sub, nil, o)
	o.Restrict = &r
	got := measures.Derive(full, nil, o)

	if got.Counts.Restricted != full.Rows-sub.Rows {
		t.Errorf("Restricted = %d, want %d", got.Counts.Restricted, full.Rows-sub.Rows)
	}
	want := plain.Counts
	want.Rows, want.Restricted = got.Counts.Rows, got.Counts.Restricted
	if !reflect.DeepEqual(got.Counts, want) {
		t.Errorf("counts with --board %s:\n got %+v\nwant %+v", pick, got.Counts, want)
	}
	k := 0
	for i := 0; i < full.Rows; i++ {
		if boards[i] != pick {
			if got.Active[i] || got.Record[i] || got.Cohort[i] || got.Enrolled[i] != measures.NA {
				t.Fatalf("row %d of board %s is in the restricted data", i+1, boards[i])
			}
			continue
		}
		if got.Active[i] != plain.Active[k] || got.Cohort[i] != plain.Cohort[k] || got.Enrolled[i] != plain.Enrolled[k] ||
			got.EmpQ2[i] != plain.EmpQ2[k] || got.Credential[i] != plain.Credential[k] || got.Sex[i] != plain.Sex[k] {
			t.Fatalf("row %d: measures differ from the pre-filtered file's row %d", i+1, k+1)
		}
		k++
	}
}

func TestRestrictionPrograms(t *testing.T) {
	file, _ := boardFile(t, 3000)
	d := read(t, file)
	r, err := measures.ParseRestriction("", "youth, adult")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.String(); got != "programs Adult, Youth" {
		t.Errorf("String = %q", got)
	}
	o := measures.DefaultOptions()
	all := measures.Derive(d, nil, o)
	o.Restrict = &r
	got := measures.Derive(d, nil, o)
	for i := 0; i < d.Rows; i++ {
		adult := measures.Participant(d, pirl.FieldAdult, i) || d.Code(pirl.FieldAdult, i) == 4
		youth := measures.Participant(d, pirl.FieldYouth, i) || d.Code(pirl.FieldYouth, i) == 4
		if kept := got.Record[i] || got.Active[i]; kept && !adult && !youth {
			t.Fatalf("row %d (program %d) kept by --program adult,youth", i+1, all.Program[i])
		}
		if (adult || youth) && got.Cohort[i] != all.Cohort[i] {
			t.Fatalf("row %d: an Adult or Youth record's cohort changed", i+1)
		}
	}
	if got.Counts.Restricted == 0 {
		t.Error("no record restricted: the generated file has Dislocated Workers")
	}
}

func TestParseRestrictionErrors(t *testing.T) {
	for _, c := range []struct{ boards, programs, want string }{
		{"", "wp", "unknown program"},
		{",", "", "at least one board"},
		{"", " , ", "at least one of"},
		{strings.Repeat("9", 70), "", "not a board code"},
	} {
		if _, err := measures.ParseRestriction(c.boards, c.programs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseRestriction(%q, %q) = %v, want %q", c.boards, c.programs, err, c.want)
		}
	}
	r, _ := measures.ParseRestriction("13110,13101", "dw")
	if got := r.String(); got != "local boards 13101, 13110 (PIRL 108A); program Dislocated Worker" {
		t.Errorf("String = %q", got)
	}
	d := read(t, []byte("PIRL 201,PIRL 900,PIRL 901,PIRL 903\n1,20230101,20230301,1\n"))
	if err := r.Check(d); err == nil || !strings.Contains(err.Error(), "no local board column") {
		t.Errorf("Check without 108A = %v", err)
	}
}
