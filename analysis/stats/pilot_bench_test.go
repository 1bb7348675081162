package stats

import "testing"

// pilotBenchData returns n records in nb boards (the first np of them
// pilots): a 0/1 outcome, focal group, after flag, pilot flag and board.
func pilotBenchData(n, nb, np int) (y []float64, group, pilot, after []bool, board []int32) {
	rng := NewRand(2024)
	y = make([]float64, n)
	group, pilot, after = make([]bool, n), make([]bool, n), make([]bool, n)
	board = make([]int32, n)
	for i := range n {
		b := rng.IntN(nb)
		board[i] = int32(b)
		group[i], after[i], pilot[i] = rng.IntN(2) == 1, rng.IntN(2) == 1, b < np
		p := 0.5 - 0.1*float64(rng.IntN(2))
		if group[i] && after[i] && pilot[i] {
			p += 0.05
		}
		if rng.Float64() < p {
			y[i] = 1
		}
	}
	return y, group, pilot, after, board
}

func BenchmarkTripleDiff1M(b *testing.B) {
	y, g, p, a, _ := pilotBenchData(1_000_000, 50, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := TripleDiff(y, g, p, a, 0.95); err != nil {
			b.Fatal(err)
		}
	}
}

// The same fit as a record-level regression (8-column design, Givens QR
// and a second pass for the HC1 meat), for comparison; the design matrix
// is built outside the loop.
func BenchmarkOLSHC1TripleDiff1M(b *testing.B) {
	y, g, p, a, _ := pilotBenchData(1_000_000, 50, 5)
	X := pilotDesign(g, p, a, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := OLSHC1(X, y); err != nil {
			b.Fatal(err)
		}
	}
}

// 50 boards, 5 pilots: C(50, 5) = 2,118,760 assignments > 10,000, so
// 10,000 seeded draws; 1M records read twice.
func BenchmarkPermutationDDD50Boards5Pilots1M(b *testing.B) {
	y, g, _, a, board := pilotBenchData(1_000_000, 50, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := PermutationDDD(y, g, a, board, []int{0, 1, 2, 3, 4}, 0.95, 10_000, 1)
		if err != nil || r.Exact || r.Possible != 2_118_760 {
			b.Fatal(r, err)
		}
	}
}

// The exact enumeration of all 2,118,760 assignments, for scale.
func BenchmarkPermutationDDD50Boards5PilotsExact(b *testing.B) {
	y, g, _, a, board := pilotBenchData(100_000, 50, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := PermutationDDD(y, g, a, board, []int{0, 1, 2, 3, 4}, 0.95, 3_000_000, 1)
		if err != nil || !r.Exact || r.Assignments != 2_118_760 {
			b.Fatal(r, err)
		}
	}
}
