package design

import (
	"math"
	"testing"

	"github.com/wioa-equity/wioa/analysis/measures"
)

// Seven records: focal 0/1, one categorical control with three levels
// (level 1 the most common, so the base), a numeric control, an outcome.
// Record 5 has an unknown control, record 6 no outcome.
var (
	in    = []bool{true, true, true, true, true, true, true}
	focal = []int8{1, 0, 1, 0, 1, 0, 1}
	cat   = []int8{0, 1, 1, 2, 1, -1, 0}
	num   = []int8{2, 0, 1, 3, 1, 0, 0}
	v     = []float64{10, 12, 14, 9, 11, 13, math.NaN()}
	y     = []int8{1, 0, 1, 0, 1, 1, measures.NA}
	ctls  = []Control{{Name: "cat", Levels: 3, Level: cat}, {Name: "n", Levels: 4, Level: num, Numeric: true}}
)

func TestBuild(t *testing.T) {
	m := Build(in, focal, at(v), ctls)
	if m.LeftOut != 1 {
		t.Errorf("LeftOut %d, want 1 (record 5's unknown control)", m.LeftOut)
	}
	if want := []int{0, 1, 2, 3, 4}; !equalInts(m.Rows, want) {
		t.Errorf("rows %v, want %v", m.Rows, want)
	}
	// Intercept, focal, dummies for levels 0 and 2 of cat (1 is the base),
	// the numeric control as it is.
	if m.K != 5 || len(m.Names) != 5 {
		t.Fatalf("K %d, names %v; want 5 columns", m.K, m.Names)
	}
	want := [][]float64{
		{1, 1, 1, 0, 2},
		{1, 0, 0, 0, 0},
		{1, 1, 0, 0, 1},
		{1, 0, 0, 1, 3},
		{1, 1, 0, 0, 1},
	}
	for r, row := range want {
		for c, x := range row {
			if got := m.X[r*m.K+c]; got != x {
				t.Errorf("X[%d][%d] (%s) = %g, want %g", r, c, m.Names[c], got, x)
			}
		}
	}
	if d := m.Dense(); d.RawMatrix().Rows != 5 {
		t.Errorf("Dense has %d rows", d.RawMatrix().Rows)
	}
}

// Collapsed cells stand for exactly the records Build keeps: the weights add
// up to them, the outcome counts and sums are the records', and each cell's
// design row is that of its first record.
func TestCollapse(t *testing.T) {
	cb := Collapse(in, focal, y, nil, ctls)
	var w, ones float64
	for c := range cb.W {
		w += cb.W[c]
		ones += cb.W[c] * cb.Y[c]
	}
	if w != 5 || ones != 3 { // records 0–4; y = 1 for records 0, 2, 4
		t.Errorf("binary cells: weight %g, outcomes %g; want 5 and 3", w, ones)
	}
	// Records 2 and 4 are identical (focal 1, cat 1, n 1, y 1): one cell.
	if len(cb.W) != 4 {
		t.Errorf("%d cells, want 4", len(cb.W))
	}
	cv := Collapse(in, focal, nil, at(v), ctls)
	full := Build(in, focal, at(v), ctls)
	var sum float64
	for c := range cv.W {
		sum += cv.W[c] * cv.Y[c]
		first := cv.Rows[c]
		k := indexOf(full.Rows, first)
		for j := 0; j < full.K; j++ {
			if cv.X[c*cv.K+j] != full.X[k*full.K+j] {
				t.Errorf("cell %d column %d differs from its first record's design row", c, j)
			}
		}
	}
	if sum != 10+12+14+9+11 {
		t.Errorf("continuous cells: weighted sum %g, want 56", sum)
	}
	// Records 2 and 4 share a cell: mean 12.5, squared deviations 4.5.
	for c := range cv.W {
		if cv.W[c] == 2 && (cv.Y[c] != 12.5 || cv.SS[c] != 4.5) {
			t.Errorf("shared cell: mean %g, SS %g; want 12.5 and 4.5", cv.Y[c], cv.SS[c])
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// at reads a slice as the outcome of a record.
func at(v []float64) func(i int) float64 { return func(i int) float64 { return v[i] } }
