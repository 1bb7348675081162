package stats

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// MannWhitneyResult is the outcome of the Mann–Whitney U (Wilcoxon rank
// sum) test.
type MannWhitneyResult struct {
	// U is the statistic for x: the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ
	// plus half the number of ties (R's W).
	U float64
	// Z is the normal approximation with tie and continuity correction; it
	// is reported even when P is exact.
	Z float64
	// P is the two-sided p-value, exact when Exact is true.
	P        float64
	Exact    bool
	Warnings []error
}

// MannWhitney performs the two-sided Mann–Whitney U test of a location shift
// between x and y, as R's wilcox.test(x, y, correct = TRUE):
//
//	U = Σ rank(xᵢ) - nₓ(nₓ+1)/2  (mid-ranks in the pooled sample),
//
// exact (the permutation distribution of U) when nₓ < 50, nᵧ < 50 and there
// are no ties; otherwise the normal approximation
//
//	z = (U - nₓnᵧ/2 - sign(U - nₓnᵧ/2)/2) / σ,
//	σ² = nₓnᵧ/12 · (nₓ+nᵧ+1 - Σ(tᵏ³-tᵏ)/((nₓ+nᵧ)(nₓ+nᵧ-1))),
//	p = 2Φ(-|z|),
//
// where tₖ are the sizes of the tie groups. Ties in a small sample add a
// warning (as R does). NaN values are left out with a warning. An empty
// group gives NaN with a warning. When every value is identical the two
// samples cannot differ: U = nₓnᵧ/2, Z = 0 and P = 1 with a warning (R
// returns NaN).
//
// References: Mann, H. B., Whitney, D. R. (1947). On a test of whether one of
// two random variables is stochastically larger than the other. Ann. Math.
// Statist. 18, 50–60. Hollander, M., Wolfe, D. A. (1973). Nonparametric
// Statistical Methods, 27–33.
func MannWhitney(x, y []float64) MannWhitneyResult {
	nan := math.NaN()
	r := MannWhitneyResult{U: nan, Z: nan, P: nan}
	x, dx := dropNaN(x)
	y, dy := dropNaN(y)
	if dx+dy > 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("Mann-Whitney: %d NaN value(s) left out", dx+dy))
	}
	nx, ny := len(x), len(y)
	if nx == 0 || ny == 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("Mann-Whitney: empty group (%d and %d values)", nx, ny))
		return r
	}
	sx, sy := slices.Clone(x), slices.Clone(y)
	slices.Sort(sx)
	slices.Sort(sy)
	return mannWhitneySorted(sx, sy, r)
}

// MannWhitneySorted is MannWhitney for samples already in ascending order
// and free of NaN (not checked), as when their medians were taken first:
// the pooled ranks come from merging the two, in O(nₓ + nᵧ).
func MannWhitneySorted(x, y []float64) MannWhitneyResult {
	nan := math.NaN()
	r := MannWhitneyResult{U: nan, Z: nan, P: nan}
	if len(x) == 0 || len(y) == 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("Mann-Whitney: empty group (%d and %d values)", len(x), len(y)))
		return r
	}
	return mannWhitneySorted(x, y, r)
}

func mannWhitneySorted(x, y []float64, r MannWhitneyResult) MannWhitneyResult {
	nx, ny := len(x), len(y)
	// Tie groups in ascending order: values equal to v in x[i:] and y[j:]
	// take the mid-rank of ranks done+1 … done+t.
	var rankSumX, tieTerm float64
	ties := false
	i, j, done := 0, 0, 0
	for i < nx || j < ny {
		var v float64
		switch {
		case j == ny || (i < nx && x[i] <= y[j]):
			v = x[i]
		default:
			v = y[j]
		}
		i0, j0 := i, j
		for i < nx && x[i] == v {
			i++
		}
		for j < ny && y[j] == v {
			j++
		}
		t := float64(i - i0 + j - j0)
		if t > 1 {
			ties = true
			tieTerm += t*t*t - t
		}
		mid := (2*float64(done) + t + 1) / 2 // ranks done+1..done+t
		for k := i0; k < i; k++ {
			rankSumX += mid
		}
		done += i - i0 + j - j0
	}
	fx, fy := float64(nx), float64(ny)
	N := fx + fy
	r.U = rankSumX - fx*(fx+1)/2
	center := r.U - fx*fy/2
	sigma := math.Sqrt(fx * fy / 12 * ((N + 1) - tieTerm/(N*(N-1))))
	if sigma == 0 {
		r.Z, r.P = 0, 1
		r.Warnings = append(r.Warnings, errors.New("Mann-Whitney: all values are identical"))
		return r
	}
	corr := 0.0
	if center > 0 {
		corr = 0.5
	} else if center < 0 {
		corr = -0.5
	}
	r.Z = (center - corr) / sigma
	small := nx < 50 && ny < 50
	if small && !ties {
		r.Exact = true
		r.P = exactMannWhitneyP(r.U, nx, ny)
		return r
	}
	if small {
		r.Warnings = append(r.Warnings, errors.New("Mann-Whitney: cannot compute exact p-value with ties; normal approximation used"))
	}
	r.P = 2 * distuv.UnitNormal.CDF(-math.Abs(r.Z))
	return r
}

// exactMannWhitneyP returns the two-sided exact p-value of U, as R:
// min(1, 2·P(U' ≥ U)) when U > nₓnᵧ/2, else min(1, 2·P(U' ≤ U)).
func exactMannWhitneyP(u float64, m, n int) float64 {
	f := uDistribution(m, n)
	total := 0.0
	for _, c := range f {
		total += c
	}
	k := int(math.Round(u))
	var tail float64
	if u > float64(m*n)/2 {
		for i := k; i < len(f); i++ {
			tail += f[i]
		}
	} else {
		for i := 0; i <= k && i < len(f); i++ {
			tail += f[i]
		}
	}
	return math.Min(1, 2*tail/total)
}

// uDistribution returns the number of arrangements giving each value of U
// for sample sizes m and n, by the recursion
// f(m, n; u) = f(m-1, n; u-n) + f(m, n-1; u) (Mann & Whitney 1947).
func uDistribution(m, n int) []float64 {
	// prev[j] is f(i-1, j; ·), cur[j] is f(i, j; ·).
	prev := make([][]float64, n+1)
	for j := range prev {
		prev[j] = []float64{1} // f(0, j) = δ₀
	}
	for i := 1; i <= m; i++ {
		cur := make([][]float64, n+1)
		cur[0] = []float64{1}
		for j := 1; j <= n; j++ {
			c := make([]float64, i*j+1)
			for u, v := range prev[j] {
				c[u+j] += v
			}
			for u, v := range cur[j-1] {
				c[u] += v
			}
			cur[j] = c
		}
		prev = cur
	}
	return prev[n]
}
