package stats

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

// LogitWeighted on (row, y) cells with counts reproduces Logit on the rows.
func TestLogitWeightedMatchesRows(t *testing.T) {
	rng := NewRand(5)
	const n = 20000
	X := mat.NewDense(n, 4, nil)
	y := make([]float64, n)
	type key [4]float64
	idx := map[key]int{}
	var cx []float64
	var cy, cw []float64
	for i := range n {
		f, c, d := float64(rng.IntN(2)), float64(rng.IntN(4)), float64(rng.IntN(3)/2)
		row := []float64{1, f, c, d}
		X.SetRow(i, row)
		if rng.Float64() < logistic(-0.5+0.4*f-0.3*c+0.8*d) {
			y[i] = 1
		}
		kk := key{f, c, d, y[i]}
		j, ok := idx[kk]
		if !ok {
			j = len(cw)
			idx[kk] = j
			cx, cy, cw = append(cx, row...), append(cy, y[i]), append(cw, 0)
		}
		cw[j]++
	}
	rows, err := Logit(X, y)
	if err != nil {
		t.Fatal(err)
	}
	CX := mat.NewDense(len(cw), 4, cx)
	cells, err := LogitWeighted(CX, cy, cw)
	if err != nil {
		t.Fatal(err)
	}
	if cells.N != n {
		t.Errorf("N = %d, want %d", cells.N, n)
	}
	for j := range rows.Coef {
		check(t, "coef", cells.Coef[j], rows.Coef[j], 1e-9)
		check(t, "SE", cells.SE[j], rows.SE[j], 1e-9)
	}
	check(t, "LogLik", cells.LogLik, rows.LogLik, 1e-9)
	check(t, "LogLikNull", cells.LogLikNull, rows.LogLikNull, 1e-9)
	a1, s1 := rows.AME(X, 1)
	a2, s2 := cells.AMEWeighted(CX, 1, cw)
	check(t, "AME", a2, a1, 1e-9)
	check(t, "AME SE", s2, s1, 1e-9)

	for _, bad := range [][]float64{cw[:1], append([]float64{0}, cw[1:]...)} {
		if _, err := LogitWeighted(CX, cy, bad); err == nil {
			t.Errorf("weights %v…: no error", bad[:1])
		}
	}
}
