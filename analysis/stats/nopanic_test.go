package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Odd inputs give NaN, warnings or errors, never panics.
func TestNoPanicsOnOddInputs(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	counts := []int{-1, 0, 1, 2, 7, 1 << 20}
	confs := []float64{-1, 0, 0.5, 0.95, 1, nan}
	for _, a := range counts {
		for _, b := range counts {
			for _, conf := range confs {
				Wilson(a, b, conf)
				NewcombeDiff(a, b, b, a, conf)
				RateRatio(a, b, a, b, conf)
				PoissonRateRatio(a, float64(b), b, inf, conf)
				PoissonRateRatio(a, 1, b, 2, conf)
			}
			TwoPropZ(a, b, b, a)
			NeedsExact(a, b, a, b)
			if a < 100 && b < 100 {
				Fisher2x2(a, b, b, a)
				Fisher2x2(a, 0, 0, b)
			}
			CochranArmitage([]int{a, b}, []int{b, a}, nil)
		}
	}
	odd := [][]float64{nil, {}, {nan}, {inf, -inf}, {1}, {1, 1}, {0, inf, 3}}
	for _, x := range odd {
		for _, y := range odd {
			Welch(x, y, 0.95)
			MannWhitney(x, y)
			BootstrapMedianDiff(x, y, 10, 1, 0.95)
			Median(x)
			ChiSquare([][]float64{x, y})
		}
		Holm(x)
		BenjaminiHochberg(x)
	}
	one := mat.NewDense(3, 1, []float64{1, 1, 1})
	if r, err := Logit(one, []float64{0, 1, 1}); err != nil || math.Abs(r.Coef[0]-math.Log(2)) > 1e-9 {
		t.Errorf("intercept-only logit: %+v, %v; want log 2", r, err)
	}
	if r, err := Logit(mat.NewDense(3, 1, []float64{1, 2, 3}), []float64{0, 1, 1}); err != nil || !math.IsNaN(r.LogLikNull) {
		t.Errorf("no-intercept logit: %+v, %v; want a fit with NaN LogLikNull", r, err)
	}
	if _, err := Oaxaca(nil, nil, nil, nil, 10, 1); err == nil {
		t.Error("Oaxaca(nil): want an error")
	}
}
