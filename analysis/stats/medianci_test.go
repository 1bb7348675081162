package stats

import (
	"math"
	"testing"
)

// Expected ranks worked by hand from the formula in the doc comment
// (z = 1.959964 at 95 %): n = 100 → j = ⌊50 − 9.80⌋ = 40, k = ⌈50 + 9.80⌉ = 60;
// n = 20 → j = ⌊10 − 4.38⌋ = 5, k = ⌈10 + 4.38⌉ = 15; n = 5 → j = 0: no interval.
func TestMedianCISorted(t *testing.T) {
	seq := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
		}
		return x
	}
	for _, tc := range []struct {
		n          int
		m, lo, hi  float64
		noInterval bool
	}{
		{n: 100, m: 50.5, lo: 40, hi: 60},
		{n: 20, m: 10.5, lo: 5, hi: 15},
		{n: 5, m: 3, noInterval: true},
	} {
		m, lo, hi := MedianCISorted(seq(tc.n), 0.95)
		if m != tc.m {
			t.Errorf("n=%d: median %v, want %v", tc.n, m, tc.m)
		}
		if tc.noInterval {
			if !math.IsNaN(lo) || !math.IsNaN(hi) {
				t.Errorf("n=%d: interval [%v, %v], want none", tc.n, lo, hi)
			}
			continue
		}
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("n=%d: interval [%v, %v], want [%v, %v]", tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
	if m, lo, hi := MedianCISorted(nil, 0.95); !math.IsNaN(m) || !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Error("empty input: want NaN")
	}
}
