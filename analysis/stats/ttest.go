package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// TTestResult is the outcome of a two-sample t test.
type TTestResult struct {
	// T is the statistic, DF its (Welch–Satterthwaite) degrees of freedom
	// and P the two-sided p-value.
	T, DF, P float64
	// Diff = MeanX - MeanY with its confidence interval.
	Diff, CILow, CIHigh float64
	MeanX, MeanY        float64
	// NX and NY count the values used (NaN values are left out).
	NX, NY   int
	Warnings []error
}

// Welch performs Welch's unequal-variance two-sample t test of equal means:
//
//	t = (x̄ - ȳ)/se,  se = √(s²ₓ/nₓ + s²ᵧ/nᵧ),
//	df = se⁴ / ((s²ₓ/nₓ)²/(nₓ-1) + (s²ᵧ/nᵧ)²/(nᵧ-1)),
//	p = 2·P(T_df ≥ |t|),  CI = x̄ - ȳ ± t_{df,1-(1-conf)/2}·se,
//
// with s² the unbiased sample variances. It equals R's t.test(x, y,
// conf.level = conf).
//
// NaN values are left out (as R's default na.action), with a warning giving
// their number. A group with fewer than 2 values, or zero variance in both
// groups, gives NaN for T, DF, P and the interval (the means and Diff are
// still reported when defined) and a warning. conf outside (0, 1) gives a
// NaN interval.
//
// Reference: Welch, B. L. (1947). The generalization of "Student's" problem
// when several different population variances are involved. Biometrika 34,
// 28–35.
func Welch(x, y []float64, conf float64) TTestResult {
	nan := math.NaN()
	r := TTestResult{T: nan, DF: nan, P: nan, Diff: nan, CILow: nan, CIHigh: nan}
	x, dx := dropNaN(x)
	y, dy := dropNaN(y)
	if dx+dy > 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("t test: %d NaN value(s) left out", dx+dy))
	}
	r.NX, r.NY = len(x), len(y)
	mx, vx := meanVar(x)
	my, vy := meanVar(y)
	r.MeanX, r.MeanY = mx, my
	r.Diff = mx - my
	if r.NX < 2 || r.NY < 2 {
		r.Warnings = append(r.Warnings, fmt.Errorf("t test: not enough observations (%d and %d, need 2 each)", r.NX, r.NY))
		return r
	}
	sx, sy := vx/float64(r.NX), vy/float64(r.NY)
	se2 := sx + sy
	if se2 == 0 {
		r.Warnings = append(r.Warnings, errors.New("t test: data are constant in both groups"))
		return r
	}
	se := math.Sqrt(se2)
	r.T = r.Diff / se
	r.DF = se2 * se2 / (sx*sx/float64(r.NX-1) + sy*sy/float64(r.NY-1))
	dist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: r.DF}
	r.P = 2 * dist.Survival(math.Abs(r.T))
	if conf > 0 && conf < 1 {
		q := dist.Quantile(1 - (1-conf)/2)
		r.CILow, r.CIHigh = r.Diff-q*se, r.Diff+q*se
	}
	return r
}

// meanVar returns the mean and unbiased variance of x (NaN when undefined),
// using a two-pass algorithm for accuracy.
func meanVar(x []float64) (mean, variance float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	var ss, s float64
	for _, v := range x {
		d := v - mean
		ss += d * d
		s += d
	}
	return mean, (ss - s*s/float64(len(x))) / float64(len(x)-1)
}

// dropNaN returns x without its NaN values (x itself when there are none)
// and the number dropped. x is never modified.
func dropNaN(x []float64) ([]float64, int) {
	n := 0
	for _, v := range x {
		if math.IsNaN(v) {
			n++
		}
	}
	if n == 0 {
		return x, 0
	}
	out := make([]float64, 0, len(x)-n)
	for _, v := range x {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out, n
}
