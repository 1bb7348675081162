package stats

import (
	"math"
	"testing"
)

// CochranArmitage against R's prop.trend.test (testdata/reference.R): R's
// X-squared is z², and z's sign is that of the weighted regression slope.
func TestCochranArmitageAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "trend/") {
		c := ref[name]
		z, p := CochranArmitage(ints(c["x"]), ints(c["n"]), c["score"])
		check(t, name+" z", z, c["sign"][0]*math.Sqrt(c["chisq"][0]), refTol)
		check(t, name+" p", p, c["p"][0], refTol)
	}
}

func TestCochranArmitageEdgeCases(t *testing.T) {
	// nil scores mean 1..k.
	z1, p1 := CochranArmitage([]int{1, 4, 9}, []int{10, 10, 10}, nil)
	z2, p2 := CochranArmitage([]int{1, 4, 9}, []int{10, 10, 10}, []float64{1, 2, 3})
	if z1 != z2 || p1 != p2 || !(z1 > 0) {
		t.Errorf("nil scores: %g %g, want %g %g (z > 0)", z1, p1, z2, p2)
	}
	if z, p := CochranArmitage([]int{0, 0}, []int{5, 6}, nil); z != 0 || p != 1 {
		t.Errorf("no successes: %g %g, want 0 1", z, p)
	}
	if z, p := CochranArmitage([]int{5, 6}, []int{5, 6}, nil); z != 0 || p != 1 {
		t.Errorf("all successes: %g %g, want 0 1", z, p)
	}
	for _, tc := range []struct {
		name  string
		x, n  []int
		score []float64
	}{
		{"one group", []int{1}, []int{2}, nil},
		{"length mismatch", []int{1, 2}, []int{2}, nil},
		{"x > n", []int{3, 1}, []int{2, 2}, nil},
		{"constant scores", []int{1, 2}, []int{5, 5}, []float64{1, 1}},
		{"NaN score", []int{1, 2}, []int{5, 5}, []float64{1, math.NaN()}},
		{"all empty", []int{0, 0}, []int{0, 0}, nil},
	} {
		if z, p := CochranArmitage(tc.x, tc.n, tc.score); !math.IsNaN(z) || !math.IsNaN(p) {
			t.Errorf("%s: %g %g, want NaN", tc.name, z, p)
		}
	}
}

// Holm and BenjaminiHochberg against R's p.adjust (testdata/reference.R),
// including NA entries.
func TestPAdjustAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "padjust/") {
		c := ref[name]
		p := append([]float64(nil), c["p"]...)
		holm, bh := Holm(p), BenjaminiHochberg(p)
		for i := range p {
			if !close(p[i], c["p"][i], 0) {
				t.Fatalf("%s: input modified", name)
			}
			check(t, name+" Holm", holm[i], c["holm"][i], 1e-12)
			check(t, name+" BH", bh[i], c["bh"][i], 1e-12)
		}
	}
	if got := Holm(nil); len(got) != 0 {
		t.Errorf("Holm(nil) = %v", got)
	}
}
