package indicators_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/synth"
)

// TestBoardRestrictionIsPrefilteredFile: the indicators of --board B are
// those of a file holding only B's records, record for record.
func TestBoardRestrictionIsPrefilteredFile(t *testing.T) {
	var p, tr bytes.Buffer
	if _, err := synth.Generate(&p, &tr, synth.Config{Rows: 6000, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(p.String(), "\n")
	hdr, err := csv.NewReader(strings.NewReader(lines[0])).Read()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for k, h := range hdr {
		if strings.ReplaceAll(h, " ", "") == "PIRL108A" {
			col = k
		}
	}
	var boards []string
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		rec, err := csv.NewReader(strings.NewReader(l)).Read()
		if err != nil {
			t.Fatal(err)
		}
		boards = append(boards, rec[col])
	}
	pick := boards[1]
	var sub strings.Builder
	sub.WriteString(lines[0])
	for k, b := range boards {
		if b == pick {
			sub.WriteString(lines[k+1])
		}
	}
	read := func(s string) *pirl.Data {
		d, err := pirl.ReadFrom(strings.NewReader(s), "pirl.csv", pirl.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	full, part := read(p.String()), read(sub.String())
	py, ok := indicators.InferProgramYear(full)
	if !ok {
		t.Fatal("no exits")
	}
	r, _ := measures.ParseRestriction(pick, "")
	o := indicators.DefaultOptions(py)
	want, err := indicators.Compute(part, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Restrict = &r
	got, err := indicators.Compute(full, o)
	if err != nil {
		t.Fatal(err)
	}
	// Rows index different files: compare each outcome's counts and hits.
	kept := []int32{}
	for i, b := range boards {
		if b == pick {
			kept = append(kept, int32(i))
		}
	}
	if len(got.Outcomes) != len(want.Outcomes) {
		t.Fatalf("%d outcomes, want %d", len(got.Outcomes), len(want.Outcomes))
	}
	for k, g := range got.Outcomes {
		w := want.Outcomes[k]
		if !reflect.DeepEqual(g.Counts, w.Counts) || !reflect.DeepEqual(g.Hit, w.Hit) || !reflect.DeepEqual(g.Earnings, w.Earnings) {
			t.Errorf("%v %v: counts %+v, want %+v", g.Program, g.Indicator, g.Counts, w.Counts)
		}
		for j, row := range g.Rows {
			if kept[w.Rows[j]] != row {
				t.Fatalf("%v %v: row %d is not the pre-filtered file's row %d", g.Program, g.Indicator, row, w.Rows[j])
			}
		}
	}
}
