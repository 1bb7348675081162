package stats

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// Fisher2x2 against R's fisher.test (testdata/reference.R). p-values need
// no root finding and must agree to 1e-6. The estimate and interval are
// compared with R's fisher.test code run with uniroot's tolerance tightened
// to 1e-15 ("tight", 1e-6), and with stock fisher.test, whose uniroot stops
// at tol ≈ 1.2e-4 ("uniroot", 1e-2: the TeaTasting upper bound is 621.93 in
// stock R and 626.24 when solved precisely).
func TestFisherAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "fisher/") {
		c := ref[name]
		in := ints(c["in"])
		got := Fisher2x2(in[0], in[1], in[2], in[3])
		what := fmt.Sprintf("%s Fisher2x2%v", name, in)
		check(t, what+".P", got.P, c["p"][0], refTol)
		check(t, what+".OddsRatio", got.OddsRatio, c["or_tight"][0], refTol)
		check(t, what+".CILow", got.CILow, c["ci_tight"][0], refTol)
		check(t, what+".CIHigh", got.CIHigh, c["ci_tight"][1], refTol)
		check(t, what+".OddsRatio (stock R)", got.OddsRatio, c["or_uniroot"][0], 1e-2)
		check(t, what+".CILow (stock R)", got.CILow, c["ci_uniroot"][0], 1e-2)
		check(t, what+".CIHigh (stock R)", got.CIHigh, c["ci_uniroot"][1], 1e-2)
	}
}

// Published values: testdata/reference/EXPECTED_PUBLISHED.md §3–4 (R's fisher.test help page
// and R 4.2.2 on UCBAdmissions), to the digits printed there.
func TestFisherPublished(t *testing.T) {
	for _, tc := range []struct {
		name          string
		t             [4]int
		p, or, lo, hi float64
		tol           float64
	}{
		{"TeaTasting", [4]int{3, 1, 1, 3}, 0.4857143, 6.408309, 0.2117329, 621.9337505, 1e-2},
		{"Convictions", [4]int{2, 15, 10, 3}, 0.0005367241, 0.04693661, 0.003325764, 0.363182271, 1e-2},
		// Stock R stops uniroot early: its UCB OR is 1.3e-5 from the precise root
		// (which matches the tightened R run in TestFisherAgainstR to 1e-6).
		{"UCB aggregated", [4]int{557, 1278, 1198, 1493}, math.NaN(), 0.5432254, 0.4781839, 0.6167675, 1e-4},
	} {
		got := Fisher2x2(tc.t[0], tc.t[1], tc.t[2], tc.t[3])
		if !math.IsNaN(tc.p) {
			check(t, tc.name+" P", got.P, tc.p, 1e-6)
		} else if got.P > 2.2e-16 {
			t.Errorf("%s P = %g, want < 2.2e-16", tc.name, got.P)
		}
		check(t, tc.name+" OddsRatio", got.OddsRatio, tc.or, tc.tol)
		check(t, tc.name+" CILow", got.CILow, tc.lo, tc.tol)
		check(t, tc.name+" CIHigh", got.CIHigh, tc.hi, tc.tol)
	}
}

func TestFisherEdgeCases(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name string
		t    [4]int
		want FisherResult
	}{
		// R: fisher.test(matrix(c(0,0,3,4),2,byrow=TRUE)) has p = 1, OR = 0
		// [0, Inf]: a zero row leaves a single possible table; we report
		// OR = NaN there as no odds ratio is estimable.
		{"zero row", [4]int{0, 0, 3, 4}, FisherResult{P: 1, OddsRatio: math.NaN(), CILow: 0, CIHigh: inf}},
		{"all zero", [4]int{0, 0, 0, 0}, FisherResult{P: 1, OddsRatio: math.NaN(), CILow: 0, CIHigh: inf}},
		{"negative", [4]int{-1, 0, 3, 4}, FisherResult{math.NaN(), math.NaN(), math.NaN(), math.NaN()}},
	} {
		got := Fisher2x2(tc.t[0], tc.t[1], tc.t[2], tc.t[3])
		check(t, tc.name+" P", got.P, tc.want.P, 1e-12)
		check(t, tc.name+" OR", got.OddsRatio, tc.want.OddsRatio, 1e-12)
		check(t, tc.name+" lo", got.CILow, tc.want.CILow, 1e-12)
		check(t, tc.name+" hi", got.CIHigh, tc.want.CIHigh, 1e-12)
	}
}

// ChiSquare against R's chisq.test(correct = FALSE) (testdata/reference.R).
func TestChiSquareAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "chisq/") {
		c := ref[name]
		r, k := int(c["dim"][0]), int(c["dim"][1])
		tab := make([][]float64, r)
		for i := range tab {
			tab[i] = c["in"][i*k : (i+1)*k]
		}
		got := ChiSquare(tab)
		check(t, name+" Stat", got.Stat, c["stat"][0], refTol)
		check(t, name+" P", got.P, c["p"][0], refTol)
		if got.DF != int(c["df"][0]) {
			t.Errorf("%s DF = %d, want %g", name, got.DF, c["df"][0])
		}
	}
}

// Published: testdata/reference/EXPECTED_PUBLISHED.md §3–4.
func TestChiSquarePublished(t *testing.T) {
	got := ChiSquare([][]float64{{762, 327, 468}, {484, 239, 477}}) // Agresti (2007) p. 39
	check(t, "Agresti X²", got.Stat, 30.070149, 1e-7)
	check(t, "Agresti p", got.P, 2.953589e-07, 1e-6)
	got = ChiSquare([][]float64{{557, 1278}, {1198, 1493}})
	check(t, "UCB X²", got.Stat, 92.20528, 1e-7)
	job := [][]float64{{1, 3, 10, 6}, {2, 3, 10, 7}, {1, 6, 14, 12}, {0, 1, 9, 11}}
	got = ChiSquare(job)
	check(t, "Job satisfaction X²", got.Stat, 5.9655146, 1e-7)
	check(t, "Job satisfaction p", got.P, 0.7433647, 1e-6)
	if len(got.Warnings) != 1 || !errors.Is(got.Warnings[0], ErrSmallExpected) {
		t.Errorf("Job satisfaction warnings = %v, want ErrSmallExpected", got.Warnings)
	}
}

func TestChiSquareEdgeCases(t *testing.T) {
	// An empty column is dropped: same as the table without it.
	got := ChiSquare([][]float64{{10, 0, 20}, {30, 0, 5}})
	want := ChiSquare([][]float64{{10, 20}, {30, 5}})
	if got.Stat != want.Stat || got.DF != 1 || len(got.Warnings) != 1 {
		t.Errorf("empty column: %+v, want stat %g df 1 and one warning", got, want.Stat)
	}
	for _, tc := range []struct {
		name string
		tab  [][]float64
	}{
		{"nil", nil},
		{"one row", [][]float64{{1, 2, 3}}},
		{"ragged", [][]float64{{1, 2}, {3}}},
		{"NaN", [][]float64{{1, math.NaN()}, {3, 4}}},
		{"negative", [][]float64{{1, -2}, {3, 4}}},
		{"all zero", [][]float64{{0, 0}, {0, 0}}},
	} {
		got := ChiSquare(tc.tab)
		if !math.IsNaN(got.Stat) || !math.IsNaN(got.P) || len(got.Warnings) == 0 {
			t.Errorf("%s: %+v, want NaN with a warning", tc.name, got)
		}
	}
}

// PoissonRateRatio against R's poisson.test (testdata/reference.R).
func TestPoissonRateRatioAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "poisson/") {
		c := ref[name]
		in := c["in"]
		for _, conf := range []float64{0.95, 0.9} {
			rr, lo, hi, p := PoissonRateRatio(int(in[0]), in[1], int(in[2]), in[3], conf)
			what := fmt.Sprintf("%s PoissonRateRatio(%v, %g)", name, in, conf)
			check(t, what+" rr", rr, c[fmt.Sprintf("rr_%g", conf)][0], refTol)
			check(t, what+" lo", lo, c[fmt.Sprintf("ci_%g", conf)][0], refTol)
			check(t, what+" hi", hi, c[fmt.Sprintf("ci_%g", conf)][1], refTol)
			check(t, what+" p", p, c[fmt.Sprintf("p_%g", conf)][0], refTol)
		}
	}
}

func TestPoissonRateRatioEdgeCases(t *testing.T) {
	for _, in := range [][4]float64{{0, 1, 0, 1}, {-1, 1, 2, 1}, {1, 0, 2, 1}, {1, 1, 2, math.NaN()}, {1, math.Inf(1), 2, 1}} {
		rr, lo, hi, p := PoissonRateRatio(int(in[0]), in[1], int(in[2]), in[3], 0.95)
		if !math.IsNaN(rr) || !math.IsNaN(lo) || !math.IsNaN(hi) || !math.IsNaN(p) {
			t.Errorf("PoissonRateRatio%v = %g %g %g %g, want NaN", in, rr, lo, hi, p)
		}
	}
}
