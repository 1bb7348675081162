package stats

import (
	"fmt"
	"math"
	"testing"
)

// Wilson and TwoPropZ against R's prop.test(correct = FALSE)
// (testdata/reference.R, stored in reference_R.txt).
func TestProportionsAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "prop/") {
		c := ref[name]
		in := ints(c["in"])
		for _, conf := range []float64{0.95, 0.9} {
			lo, hi := Wilson(in[0], in[1], conf)
			w := c[fmt.Sprintf("wilson1_%g", conf)]
			check(t, fmt.Sprintf("%s Wilson(%d,%d,%g).lo", name, in[0], in[1], conf), lo, w[0], refTol)
			check(t, fmt.Sprintf("%s Wilson(%d,%d,%g).hi", name, in[0], in[1], conf), hi, w[1], refTol)
			lo, hi = Wilson(in[2], in[3], conf)
			w = c[fmt.Sprintf("wilson2_%g", conf)]
			check(t, fmt.Sprintf("%s Wilson(%d,%d,%g).lo", name, in[2], in[3], conf), lo, w[0], refTol)
			check(t, fmt.Sprintf("%s Wilson(%d,%d,%g).hi", name, in[2], in[3], conf), hi, w[1], refTol)
		}
		if c["p"] == nil {
			continue
		}
		z, p := TwoPropZ(in[0], in[1], in[2], in[3])
		check(t, name+" TwoPropZ z", z, c["z_abs"][0]*c["z_sign"][0], refTol)
		check(t, name+" TwoPropZ p", p, c["p"][0], refTol)
	}
}

// NewcombeDiff and RateRatio against statsmodels'
// confint_proportions_2indep (testdata/reference.py, reference_py.txt).
func TestTwoProportionIntervalsAgainstStatsmodels(t *testing.T) {
	ref := loadRef(t, "reference_py.txt")
	for _, name := range casesWithPrefix(ref, "prop2/") {
		c := ref[name]
		in := ints(c["in"])
		for _, conf := range []float64{0.95, 0.9} {
			d, lo, hi := NewcombeDiff(in[0], in[1], in[2], in[3], conf)
			check(t, name+" NewcombeDiff diff", d, float64(in[0])/float64(in[1])-float64(in[2])/float64(in[3]), 1e-12)
			w := c[fmt.Sprintf("newcombe_%g", conf)]
			check(t, fmt.Sprintf("%s NewcombeDiff(%v, %g).lo", name, in, conf), lo, w[0], refTol)
			check(t, fmt.Sprintf("%s NewcombeDiff(%v, %g).hi", name, in, conf), hi, w[1], refTol)
			if w := c[fmt.Sprintf("ratio_%g", conf)]; w != nil {
				_, lo, hi := RateRatio(in[0], in[1], in[2], in[3], conf)
				check(t, fmt.Sprintf("%s RateRatio(%v, %g).lo", name, in, conf), lo, w[0], refTol)
				check(t, fmt.Sprintf("%s RateRatio(%v, %g).hi", name, in, conf), hi, w[1], refTol)
			}
		}
	}
}

// Published: UCBAdmissions aggregated, rates and prop.test interval
// (testdata/reference/EXPECTED_PUBLISHED.md §3, R 4.2.2). prop.test's interval there is
// Yates-corrected Wald, so only the rates and X² = z² are compared.
func TestProportionsUCBPublished(t *testing.T) {
	z, p := TwoPropZ(557, 1835, 1198, 2691)
	check(t, "UCB z²", z*z, 92.20528, 1e-6)
	if !(z < 0 && p < 2.2e-16) {
		t.Errorf("UCB TwoPropZ = %g, %g; want negative z, p < 2.2e-16", z, p)
	}
}

func TestProportionEdgeCases(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		x, n   int
		lo, hi float64
	}{
		{"zero successes", 0, 10, 0, 0.27753279986289}, // R prop.test(0, 10, correct=FALSE)
		{"all successes", 10, 10, 0.72246720013711, 1}, // R prop.test(10, 10, correct=FALSE)
		{"n = 1", 1, 1, 0.20654931437724, 1},           // R prop.test(1, 1, correct=FALSE)
		{"n = 0", 0, 0, nan, nan},
		{"x > n", 3, 2, nan, nan},
		{"negative", -1, 2, nan, nan},
	} {
		lo, hi := Wilson(tc.x, tc.n, 0.95)
		check(t, tc.name+" lo", lo, tc.lo, 1e-12)
		check(t, tc.name+" hi", hi, tc.hi, 1e-12)
	}
	if lo, hi := Wilson(1, 2, 1.5); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("Wilson with conf 1.5 = %g, %g; want NaN", lo, hi)
	}
	// Both groups without (or with only) successes: documented z = 0, p = 1.
	for _, in := range [][4]int{{0, 5, 0, 7}, {5, 5, 7, 7}} {
		if z, p := TwoPropZ(in[0], in[1], in[2], in[3]); z != 0 || p != 1 {
			t.Errorf("TwoPropZ%v = %g, %g; want 0, 1", in, z, p)
		}
	}
	if z, p := TwoPropZ(1, 0, 1, 2); !math.IsNaN(z) || !math.IsNaN(p) {
		t.Errorf("TwoPropZ with n1 = 0 = %g, %g; want NaN", z, p)
	}
	if rr, lo, hi := RateRatio(0, 10, 3, 10, 0.95); rr != 0 || !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("RateRatio(0,10,3,10) = %g [%g, %g]; want 0 [NaN, NaN]", rr, lo, hi)
	}
	if rr, _, _ := RateRatio(3, 10, 0, 10, 0.95); !math.IsInf(rr, 1) {
		t.Errorf("RateRatio(3,10,0,10) = %g; want +Inf", rr)
	}
	if d, lo, hi := NewcombeDiff(10, 10, 0, 10, 0.95); d != 1 || lo <= 0 || hi != 1 {
		t.Errorf("NewcombeDiff all vs none = %g [%g, %g]; want 1 [>0, 1]", d, lo, hi)
	}
	for _, tc := range []struct {
		t    [4]int
		want bool
	}{
		{[4]int{557, 1278, 1198, 1493}, false},
		{[4]int{3, 1, 1, 3}, true},
		{[4]int{0, 0, 0, 0}, true},
		{[4]int{10, 10, 10, -1}, true},
		{[4]int{5, 5, 5, 5}, false},
		{[4]int{4, 6, 6, 4}, false},
		{[4]int{4, 6, 6, 3}, true}, // row 1 × col 1: 10·10/19 = 5.26; row 2 × col 2: 9·9/19 = 4.26
	} {
		if got := NeedsExact(tc.t[0], tc.t[1], tc.t[2], tc.t[3]); got != tc.want {
			t.Errorf("NeedsExact%v = %v, want %v", tc.t, got, tc.want)
		}
	}
}
