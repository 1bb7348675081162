package stats_test

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/wioa-equity/wioa/analysis/stats"
)

// UC Berkeley 1973 admissions, all departments: women 557 of 1835, men 1198
// of 2691 (Bickel et al. 1975).
func ExampleNewcombeDiff() {
	lo, hi := stats.Wilson(557, 1835, 0.95)
	fmt.Printf("women: %.4f [%.4f, %.4f]\n", 557.0/1835, lo, hi)
	d, lo, hi := stats.NewcombeDiff(557, 1835, 1198, 2691, 0.95)
	fmt.Printf("difference: %.4f [%.4f, %.4f]\n", d, lo, hi)
	z, p := stats.TwoPropZ(557, 1835, 1198, 2691)
	fmt.Printf("z = %.3f, p = %.1e\n", z, p)
	// Output:
	// women: 0.3035 [0.2829, 0.3250]
	// difference: -0.1416 [-0.1696, -0.1132]
	// z = -9.602, p = 7.8e-22
}

// R's fisher.test help page: Fisher's tea-tasting experiment.
func ExampleFisher2x2() {
	r := stats.Fisher2x2(3, 1, 1, 3)
	fmt.Printf("p = %.4f, OR = %.3f [%.4f, %.1f]\n", r.P, r.OddsRatio, r.CILow, r.CIHigh)
	fmt.Println(stats.NeedsExact(3, 1, 1, 3))
	// Output:
	// p = 0.4857, OR = 6.408 [0.2117, 626.2]
	// true
}

func ExampleHolm() {
	p := []float64{0.01, 0.04, 0.03, 0.005}
	fmt.Printf("%.3f\n", stats.Holm(p))
	fmt.Printf("%.3f\n", stats.BenjaminiHochberg(p))
	// Output:
	// [0.030 0.060 0.060 0.020]
	// [0.020 0.040 0.040 0.020]
}

func ExampleMedian() {
	fmt.Println(stats.Median([]float64{4, 1, 3, 2}))
	// Output: 2.5
}

// A perfectly separated outcome is an error, never NaN or huge estimates.
func ExampleLogit() {
	X := mat.NewDense(6, 2, []float64{1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6})
	_, err := stats.Logit(X, []float64{0, 0, 0, 1, 1, 1})
	fmt.Println(err != nil, errors.Is(err, stats.ErrSeparation))
	// Output: true true
}
