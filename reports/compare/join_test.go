package compare

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
	"github.com/wioa-equity/wioa/reports"
)

// sameRow reports whether two rows hold the same fields, NaN equal to NaN
// and −0 told from +0.
func sameRow(a, b *results.Row) bool {
	if a == nil || b == nil {
		return a == b
	}
	fa := []float64{a.Value, a.CILow, a.CIHigh, a.Diff, a.DiffLow, a.DiffHigh, a.Ratio, a.P, a.PAdj, a.MDD}
	fb := []float64{b.Value, b.CILow, b.CIHigh, b.Diff, b.DiffLow, b.DiffHigh, b.Ratio, b.P, b.PAdj, b.MDD}
	for i := range fa {
		if !sameFloat(fa[i], fb[i]) {
			return false
		}
	}
	x, y := *a, *b
	x.Value, x.CILow, x.CIHigh, x.Diff, x.DiffLow, x.DiffHigh, x.Ratio, x.P, x.PAdj, x.MDD = 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	y.Value, y.CILow, y.CIHigh, y.Diff, y.DiffLow, y.DiffHigh, y.Ratio, y.P, y.PAdj, y.MDD = 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	return x == y
}

func sameFloat(a, b float64) bool {
	return math.IsNaN(a) && math.IsNaN(b) || a == b && math.Signbit(a) == math.Signbit(b)
}

// randomRun makes a run of rows with unique keys over a few labels — among
// them "NaN", which gota reads as missing, and labels with " / " — with
// suppressed rows, empty (NaN) cells, ±Inf, −0 and flags, in random order.
func randomRun(rng *rand.Rand, window string) *reports.Results {
	res := testRun(window)
	res.Rows = nil
	units := []results.Unit{results.UnitRate, results.UnitDollars, results.UnitOddsRatio, results.UnitScore}
	seen := map[string]bool{}
	for range 40 {
		r := row([]string{"gender-wages", "education-level"}[rng.IntN(2)], []string{"rate", "NaN", "wage / hour"}[rng.IntN(3)],
			[]string{"Women", "Men", "NaN", "High school / equivalency"}[rng.IntN(4)], []string{"", "Men", "NaN"}[rng.IntN(3)],
			rng.IntN(300), float64(rng.IntN(5))/4, units[rng.IntN(len(units))])
		if seen[reports.RowID(r)] {
			continue
		}
		seen[reports.RowID(r)] = true
		switch rng.IntN(6) {
		case 0:
			r = results.Suppress(r)
		case 1:
			r.Value = nan
		case 2:
			r.Diff, r.P, r.PAdj, r.Flagged = -0.1, 0.01, 0.02, true
		case 3:
			r.Ratio, r.CILow = math.Inf(1), math.Copysign(0, -1)
		}
		r.Test = []string{"", "Welch t", "NaN"}[rng.IntN(3)]
		res.Rows = append(res.Rows, r)
	}
	return res
}

// compareByID is Compare as it was before the frames: rows matched by id
// through a map. The join must give the same comparison.
func compareByID(old, new *reports.Results) *Comparison {
	c := &Comparison{Old: old, New: new, Independent: disjointWindows(old.Provenance.Window, new.Provenance.Window)}
	c.OptionDiffs = optionDiffs(old.Provenance.Options, new.Provenance.Options)
	oldBy := map[string]int{}
	for i, r := range old.Rows {
		oldBy[reports.RowID(r)] = i
	}
	seen := map[string]bool{}
	add := func(o, n *results.Row, id string) {
		ch := Change{ID: id, Old: o, New: n, Delta: math.NaN(), P: math.NaN(), PAdj: math.NaN()}
		if o != nil && n != nil {
			if !o.Suppressed && !n.Suppressed {
				ch.Delta = n.Value - o.Value
			}
			if same(o.Value, n.Value) && o.Flagged == n.Flagged && o.Suppressed == n.Suppressed {
				c.Unchanged++
				return
			}
		}
		c.test(&ch)
		c.Changes = append(c.Changes, ch)
	}
	for i := range new.Rows {
		n := &new.Rows[i]
		id := reports.RowID(*n)
		seen[id] = true
		var o *results.Row
		if j, ok := oldBy[id]; ok {
			o = &old.Rows[j]
		}
		add(o, n, id)
	}
	for i := range old.Rows {
		if id := reports.RowID(old.Rows[i]); !seen[id] {
			add(&old.Rows[i], nil, id)
		}
	}
	var ps []float64
	var idx []int
	for i, ch := range c.Changes {
		if !math.IsNaN(ch.P) {
			ps = append(ps, ch.P)
			idx = append(idx, i)
		}
	}
	for k, p := range stats.Holm(ps) {
		c.Changes[idx[k]].PAdj = p
	}
	return c
}

// The outer join of two runs gives the comparison the id map gave, and the
// rows read back from the joined frame are the runs' rows exactly:
// suppressed rows, null (NaN) cells, ±Inf, −0 and labels spelled "NaN"
// survive the join.
func TestCompareJoinMatchesIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 200 {
		old := randomRun(rng, "exits in 2023Q1 (2023-01-01 to 2023-03-31)")
		nu := randomRun(rng, "exits in 2023Q2 (2023-04-01 to 2023-06-30)")
		if k%3 == 0 {
			nu.Rows = append(nu.Rows[:0:0], old.Rows...) // every row in both
		}
		got, err := Compare(old, nu)
		if err != nil {
			t.Fatal(err)
		}
		want := compareByID(old, nu)
		if got.Unchanged != want.Unchanged || len(got.Changes) != len(want.Changes) {
			t.Fatalf("run %d: %d changed, %d unchanged; want %d, %d", k, len(got.Changes), got.Unchanged, len(want.Changes), want.Unchanged)
		}
		for i, g := range got.Changes {
			w := want.Changes[i]
			if g.ID != w.ID || !sameRow(g.Old, w.Old) || !sameRow(g.New, w.New) || !sameFloat(g.Delta, w.Delta) ||
				!sameFloat(g.P, w.P) || !sameFloat(g.PAdj, w.PAdj) || g.Test != w.Test || g.NotTested != w.NotTested {
				t.Fatalf("run %d, change %d:\n got %+v\n     old %+v\n     new %+v\nwant %+v\n     old %+v\n     new %+v", k, i, g, g.Old, g.New, w, w.Old, w.New)
			}
		}
	}
}

// Runs without rows, or with rows in one run only, compare.
func TestCompareEmptyRuns(t *testing.T) {
	empty := testRun("all exits in the file")
	empty.Rows = nil
	full := testRun("all exits in the file")
	for _, c := range []struct {
		old, new *reports.Results
		changes  int
	}{{empty, empty, 0}, {empty, full, 5}, {full, empty, 5}} {
		got, err := Compare(c.old, c.new)
		if err != nil || len(got.Changes) != c.changes || got.Unchanged != 0 {
			t.Errorf("%d rows → %d rows: %+v, %v", len(c.old.Rows), len(c.new.Rows), got, err)
		}
	}
}

// trendByID is NewTrend's table as it was before the frames: rows lined up
// by a map of measures and one of series.
func trendByID(t *Trend) []Measure {
	var ms []Measure
	type key struct{ d, m string }
	mIdx := map[key]int{}
	sIdx := map[string]int{}
	for pi, p := range t.Periods {
		for ri := range p.Results.Rows {
			r := &p.Results.Rows[ri]
			k := key{r.Disparity, r.Measure}
			mi, ok := mIdx[k]
			if !ok {
				mi = len(ms)
				mIdx[k] = mi
				ms = append(ms, Measure{Disparity: r.Disparity, Measure: r.Measure, Unit: r.Unit})
			}
			m := &ms[mi]
			sk := fmt.Sprintf("%d\x00%s", mi, r.Group)
			own := ownValue(r.Unit)
			if !own {
				sk += "\x00" + r.Reference
			}
			si, ok := sIdx[sk]
			if !ok {
				si = len(m.Series)
				sIdx[sk] = si
				m.Series = append(m.Series, Series{Group: r.Group, Reference: r.Reference, Points: make([]*results.Row, len(t.Periods))})
			}
			sr := &m.Series[si]
			if prev := sr.Points[pi]; prev == nil || (!prev.Flagged && r.Flagged) {
				sr.Points[pi] = r
			}
			if own && r.Reference != "" {
				sr.Reference = r.Reference
			}
		}
	}
	return ms
}

// The trend table joined across the periods is the one the maps built:
// same measures, series, names and points (the very rows), in the same
// order, with periods missing rows, flagged comparisons and "NaN" labels.
func TestTrendJoinMatchesIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range 100 {
		var rs []*reports.Results
		for q := range 1 + rng.IntN(5) {
			rs = append(rs, randomRun(rng, fmt.Sprintf("exits in 202%dQ1 (202%d-01-01 to 202%d-03-31)", q, q, q)))
		}
		if k%4 == 0 {
			rs[0].Rows = nil // a period without rows
		}
		tr, err := NewTrend(rs)
		if err != nil {
			t.Fatal(err)
		}
		want := trendByID(tr)
		if !reflect.DeepEqual(tr.Measures, want) { // Points compare as pointers: the same rows
			t.Fatalf("trend %d:\n got %+v\nwant %+v", k, tr.Measures, want)
		}
	}
}

// fieldValue is a row's field by its results.csv name (flags 1/0), as
// check read it before the frames.
func fieldValue(r results.Row, f string) float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	switch f {
	case "value":
		return r.Value
	case "n":
		if r.Suppressed {
			return math.NaN()
		}
		return float64(r.N)
	case "ci_low":
		return r.CILow
	case "ci_high":
		return r.CIHigh
	case "diff":
		return r.Diff
	case "diff_ci_low":
		return r.DiffLow
	case "diff_ci_high":
		return r.DiffHigh
	case "ratio":
		return r.Ratio
	case "p_value":
		return r.P
	case "p_adjusted":
		return r.PAdj
	case "flagged":
		return b(r.Flagged)
	case "suppressed":
		return b(r.Suppressed)
	}
	return math.NaN()
}

// Every baseline field is a column of the frame check joins, holding the
// row's field: a suppressed group's n and empty cells NaN, flags 1/0.
func TestCheckReadsFieldsFromFrame(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	res := randomRun(rng, "all exits in the file")
	b := &Baseline{Name: "b.yaml"}
	for _, r := range res.Rows {
		for _, f := range Fields {
			ref := r.Reference
			b.Entries = append(b.Entries, Entry{Disparity: r.Disparity, Measure: r.Measure, Group: r.Group, Reference: &ref, Field: f})
		}
	}
	matches, j, err := matchEntries(b, res)
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]int{}
	for i, n := range j.Names() {
		cols[n] = i
	}
	for i, e := range b.Entries {
		m := matches[i]
		if len(m.rows) != 1 {
			t.Fatalf("%s matches rows %v", e.ID(), m.rows)
		}
		c, ok := cols[e.Field]
		if !ok {
			t.Fatalf("field %s is no column of the joined frame %v", e.Field, j.Names())
		}
		r := res.Rows[m.rows[0]]
		if got, want := j.Elem(m.lines[0], c).Float(), fieldValue(r, e.Field); !sameFloat(got, want) {
			t.Errorf("%s %s: frame %v, row %v", reports.RowID(r), e.Field, got, want)
		}
	}
}

// A label spelled "NaN" (which gota reads as missing) is matched by check,
// compare and trend like any other.
func TestNaNLabels(t *testing.T) {
	res := testRun("exits in 2023Q1 (2023-01-01 to 2023-03-31)")
	res.Rows[1].Group, res.Rows[0].Reference = "NaN", "NaN"
	b, err := ParseBaseline([]byte("entries:\n  - {disparity: gender-credential, measure: credential attainment, group: 'NaN', reference: '', published: 0.6}\n"+
		"  - {disparity: gender-credential, measure: credential attainment, group: Women, reference: 'NaN', published: 0.5}\n"), "b.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(b, res)
	if err != nil || len(rep.Outcomes) != 2 || len(rep.Drifted()) != 0 {
		t.Fatalf("check: %+v, %v", rep, err)
	}
	c, err := Compare(res, res)
	if err != nil || len(c.Changes) != 0 || c.Unchanged != len(res.Rows) {
		t.Errorf("compare with itself: %d changes, %d unchanged, %v", len(c.Changes), c.Unchanged, err)
	}
	tr, err := NewTrend([]*reports.Results{res, testRun("exits in 2023Q2 (2023-04-01 to 2023-06-30)")})
	if err != nil {
		t.Fatal(err)
	}
	if s := tr.Measures[0].Series; len(s) != 3 || s[1].Group != "NaN" || s[1].Points[0] == nil || s[1].Points[1] != nil {
		t.Errorf("trend series %+v", s)
	}
}

// bigRun is a run of k rows with distinct keys, a tenth of them suppressed.
func bigRun(k int, window string) *reports.Results {
	res := testRun(window)
	res.Rows = nil
	for i := range k {
		r := row(fmt.Sprintf("d%d", i%8), fmt.Sprintf("measure %d", i/40), fmt.Sprintf("group %d", i%40), "group 0", 100+i, float64(i%100)/100, results.UnitRate)
		if i%10 == 0 {
			r = results.Suppress(r)
		}
		res.Rows = append(res.Rows, r)
	}
	return res
}

// Results tables are hundreds to a few thousand rows; gota's joins are
// nested loops, so these say how far that goes (the sample's runs have
// about 100 rows; 1,000 rows compare in a few milliseconds).
func BenchmarkCompare(b *testing.B) {
	for _, k := range []int{100, 1000, 3000} {
		old, nu := bigRun(k, "exits in 2023Q1 (2023-01-01 to 2023-03-31)"), bigRun(k, "exits in 2023Q2 (2023-04-01 to 2023-06-30)")
		nu.Rows = nu.Rows[k/10:] // some rows in one run only
		b.Run(fmt.Sprint(k), func(b *testing.B) {
			for b.Loop() {
				if _, err := Compare(old, nu); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTrend(b *testing.B) {
	for _, k := range []int{100, 1000} {
		var rs []*reports.Results
		for q := range 8 {
			rs = append(rs, bigRun(k, fmt.Sprintf("exits in 202%dQ1 (202%d-01-01 to 202%d-03-31)", q, q, q)))
		}
		b.Run(fmt.Sprint(k), func(b *testing.B) {
			for b.Loop() {
				if _, err := NewTrend(rs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, k := range []int{100, 1000} {
		res := bigRun(k, "all exits in the file")
		bl := &Baseline{Name: "b.yaml"}
		for _, r := range res.Rows {
			bl.Entries = append(bl.Entries, Entry{Disparity: r.Disparity, Measure: r.Measure, Group: r.Group, Field: "suppressed", Published: 1})
		}
		b.Run(fmt.Sprint(k), func(b *testing.B) {
			for b.Loop() {
				if _, err := Check(bl, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
