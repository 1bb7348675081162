package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// CochranArmitage performs the Cochran–Armitage test for a linear trend in
// proportions successes[i]/totals[i] across ordered groups with the given
// scores (nil means 1, 2, …, k), as R's prop.trend.test:
//
//	z = Σ xᵢ(sᵢ - s̄) / √(p̄(1-p̄)·Σ nᵢ(sᵢ - s̄)²),
//	s̄ = Σ nᵢsᵢ/N,  p̄ = Σ xᵢ/N,  p = 2Φ(-|z|),
//
// so z² is R's X-squared. z > 0 when the proportion rises with the score.
//
// Mismatched lengths, fewer than two groups, invalid counts (x < 0, x > n,
// n < 0), NaN scores or scores that do not vary among non-empty groups give
// NaN. When p̄ is 0 or 1 there is no variation to trend: z = 0, p = 1 (R
// returns NaN). Empty groups (n = 0) contribute nothing.
//
// References: Cochran, W. G. (1954). Biometrics 10, 417–451. Armitage, P.
// (1955). Tests for linear trends in proportions and frequencies. Biometrics
// 11, 375–386.
func CochranArmitage(successes, totals []int, scores []float64) (z, p float64) {
	nan := math.NaN()
	k := len(successes)
	if k < 2 || len(totals) != k || (scores != nil && len(scores) != k) {
		return nan, nan
	}
	score := func(i int) float64 {
		if scores == nil {
			return float64(i + 1)
		}
		return scores[i]
	}
	var N, X, sbar float64
	for i := range k {
		if totals[i] < 0 || successes[i] < 0 || successes[i] > totals[i] || math.IsNaN(score(i)) {
			return nan, nan
		}
		N += float64(totals[i])
		X += float64(successes[i])
		sbar += float64(totals[i]) * score(i)
	}
	if N == 0 {
		return nan, nan
	}
	sbar /= N
	pbar := X / N
	var num, ss float64
	for i := range k {
		d := score(i) - sbar
		num += float64(successes[i]) * d
		ss += float64(totals[i]) * d * d
	}
	if !(ss > 0) || math.IsInf(ss, 0) {
		return nan, nan
	}
	if pbar == 0 || pbar == 1 {
		return 0, 1
	}
	z = num / math.Sqrt(pbar*(1-pbar)*ss)
	return z, 2 * distuv.UnitNormal.CDF(-math.Abs(z))
}
