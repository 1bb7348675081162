package synth_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/synth"
)

// TestPUFCalcAgreesWithIndicators: read by the tool, a public-use-file
// shaped file gives, record by record, the outcomes its CALC items state —
// for Adult and Youth (Dislocated Worker's CALC4002 also counts 909 = 1, which
// package indicators may not yet do).
func TestPUFCalcAgreesWithIndicators(t *testing.T) {
	var buf bytes.Buffer
	if _, err := synth.Generate(&buf, nil, synth.Config{Rows: 20000, Seed: 5, Layout: synth.LayoutPUF, Gaps: synth.DefaultGaps()}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	d, err := pirl.ReadFrom(bytes.NewReader(buf.Bytes()), "puf.csv", pirl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := indicators.Compute(d, indicators.DefaultOptions(2022))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p          indicators.Program
		k          indicators.Indicator
		calc, prog string
	}{
		{indicators.Adult, indicators.ERQ2, "CALC4013", "CALC4001"},
		{indicators.Adult, indicators.ERQ4, "CALC4017", "CALC4001"},
		{indicators.Adult, indicators.CAR, "CALC4019", "CALC4001"},
		{indicators.Adult, indicators.MSG, "CALC4007", "CALC4001"},
		{indicators.Youth, indicators.ERQ2, "CALC4014", "CALC4003"},
		{indicators.Youth, indicators.ERQ4, "CALC4018", "CALC4003"},
		{indicators.Youth, indicators.CAR, "CALC4019", "CALC4003"},
		{indicators.Youth, indicators.MSG, "CALC4007", "CALC4003"},
	} {
		o := res.Find(c.p, c.k)
		if o == nil {
			t.Fatalf("%s %s not computed", c.p, c.k)
		}
		tool := map[int]bool{}
		for j, row := range o.Rows {
			tool[int(row)] = o.Hit[j]
		}
		n, same := 0, 0
		for i, r := range recs[1:] {
			v := r[col[c.calc]]
			if r[col[c.prog]] != "1" || v == "" {
				if _, ok := tool[i]; ok {
					t.Errorf("%s %s: row %d in the tool's denominator, %s blank", c.p, c.k, i+1, c.calc)
				}
				continue
			}
			n++
			hit, ok := tool[i]
			if !ok {
				t.Errorf("%s %s: row %d has %s = %s, not in the tool's denominator", c.p, c.k, i+1, c.calc, v)
			} else if hit != (v == "1") {
				t.Errorf("%s %s: row %d: tool %v, %s = %s", c.p, c.k, i+1, hit, c.calc, v)
			} else {
				same++
			}
		}
		if n < 50 || same != n || len(o.Rows) != n {
			t.Errorf("%s %s: %d records with %s, %d agree, tool's denominator %d", c.p, c.k, n, c.calc, same, len(o.Rows))
		}
	}
}
