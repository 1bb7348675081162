package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Quantile7 returns the p-quantile of the ascending sorted sample sorted,
// by linear interpolation between order statistics (Hyndman & Fan type 7,
// R's default quantile type):
//
//	h = (n-1)·p,  Q(p) = x₍⌊h⌋₎ + (h-⌊h⌋)·(x₍⌊h⌋+1₎ - x₍⌊h⌋₎)  (0-based).
//
// Unlike gonum's stat.Quantile (an empirical-CDF inverse) the median of
// {1,2,3,4} is 2.5. sorted must be in ascending order and free of NaN. An
// empty sample or p outside [0, 1] gives NaN; n = 1 gives its only value.
//
// Reference: Hyndman, R. J., Fan, Y. (1996). Sample quantiles in statistical
// packages. The American Statistician 50, 361–365.
func Quantile7(p float64, sorted []float64) float64 {
	n := len(sorted)
	if n == 0 || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i >= n-1 {
		return sorted[n-1]
	}
	frac := h - lo
	a, b := sorted[i], sorted[i+1]
	if frac == 0 || a == b {
		return a
	}
	// R's form, (1-h)·a + h·b, so the last digits agree.
	return (1-frac)*a + frac*b
}

// Median returns the sample median of x as R's median (type 7: the mean of
// the two middle values when n is even). x is not modified. NaN values are
// ignored (as R's median(x, na.rm = TRUE)); an empty sample, or one with only
// NaN, gives NaN.
//
// Reference: Hyndman, R. J., Fan, Y. (1996). The American Statistician 50,
// 361–365.
func Median(x []float64) float64 {
	s := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	slices.Sort(s)
	return Quantile7(0.5, s)
}

// BootstrapResult is a bootstrap percentile interval.
type BootstrapResult struct {
	// Estimate is the statistic on the original samples; Lo and Hi bound
	// its percentile interval.
	Estimate, Lo, Hi float64
	// B resamples were requested, Used of them gave a finite statistic.
	B, Used int
	// Seed reproduces the resamples.
	Seed     uint64
	Warnings []error
}

// NewRand returns the generator every seeded function in this package uses:
// math/rand/v2's PCG with both state words derived from seed, so that one
// number recorded in a report reproduces a run.
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// BootstrapMedianDiff returns median(x) - median(y) and its bootstrap
// percentile interval at level conf: B times, x* and y* are drawn with
// replacement from x and y separately (keeping the group sizes, a stratified
// bootstrap), and Lo and Hi are the type-7 quantiles (1-conf)/2 and
// 1-(1-conf)/2 of median(x*) - median(y*). Randomness comes from NewRand(seed).
//
// NaN values are left out first (with a warning). Resamples whose statistic
// is not finite (an empty group) are skipped and B - Used counts them; when
// a group is empty no resample is usable and Estimate, Lo and Hi are NaN.
// Fewer than 1,000 usable resamples add a warning (METHODS asks ≥ 2,000).
// Each resample costs O(nₓ + nᵧ): the samples are sorted once and a
// resample's median is read from counts of drawn indices, so no resample is
// sorted and buffers are reused.
//
// Reference: Efron, B., Tibshirani, R. J. (1993). An Introduction to the
// Bootstrap, ch. 13.
func BootstrapMedianDiff(x, y []float64, B int, seed uint64, conf float64) BootstrapResult {
	nan := math.NaN()
	r := BootstrapResult{Estimate: nan, Lo: nan, Hi: nan, B: B, Seed: seed}
	sx := sortedNotNaN(x)
	sy := sortedNotNaN(y)
	if d := len(x) + len(y) - len(sx) - len(sy); d > 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("bootstrap: %d NaN value(s) left out", d))
	}
	if len(sx) == 0 || len(sy) == 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("bootstrap: empty group (%d and %d values)", len(sx), len(sy)))
		return r
	}
	r.Estimate = Quantile7(0.5, sx) - Quantile7(0.5, sy)
	if B <= 0 || !(conf > 0 && conf < 1) {
		r.Warnings = append(r.Warnings, errors.New("bootstrap: no resamples requested or conf not in (0, 1)"))
		return r
	}
	rng := NewRand(seed)
	cx := make([]int32, len(sx))
	cy := make([]int32, len(sy))
	stats := make([]float64, 0, B)
	for range B {
		d := resampleMedian(rng, sx, cx) - resampleMedian(rng, sy, cy)
		if !math.IsNaN(d) && !math.IsInf(d, 0) {
			stats = append(stats, d)
		}
	}
	r.Used = len(stats)
	if r.Used < 1000 {
		r.Warnings = append(r.Warnings, fmt.Errorf("bootstrap: only %d usable resamples", r.Used))
	}
	slices.Sort(stats)
	alpha := (1 - conf) / 2
	r.Lo, r.Hi = Quantile7(alpha, stats), Quantile7(1-alpha, stats)
	return r
}

// sortedNotNaN returns an ascending copy of x without its NaN values.
func sortedNotNaN(x []float64) []float64 {
	s := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	slices.Sort(s)
	return s
}

// resampleMedian draws len(sorted) indices with replacement and returns the
// type-7 median of the drawn values. counts is scratch of len(sorted).
func resampleMedian(rng *rand.Rand, sorted []float64, counts []int32) float64 {
	n := len(sorted)
	clear(counts)
	for range n {
		counts[rng.IntN(n)]++
	}
	// The resample's order statistics k and k+1 (0-based), k = ⌊(n-1)/2⌋.
	k := (n - 1) / 2
	var a, b float64
	seen, foundA := 0, false
	for i, c := range counts {
		seen += int(c)
		if !foundA && seen > k {
			a, foundA = sorted[i], true
		}
		if seen > k+1 || (n%2 == 1 && foundA) {
			b = sorted[i]
			break
		}
	}
	if n%2 == 1 {
		return a
	}
	return (a + b) / 2
}

// MedianCISorted returns the median of the ascending sorted x (R type 7) and
// the distribution-free confidence interval between the order statistics
// x(j) and x(k) whose ranks bracket the binomial(n, 1/2) quantiles:
//
//	j = ⌊n/2 − z·√n/2⌋,  k = ⌈n/2 + z·√n/2⌉,  z = Φ⁻¹(1 − (1−conf)/2)
//
// (the normal approximation to the ranks; Conover, Practical Nonparametric
// Statistics, 3rd ed., §3.2). The bounds are NaN when j < 1 or k > n (too few
// values for the level); all three are NaN for empty x. NaN values must have
// been removed. The bounds are observed values, so publishing them is
// publishing single records' values (callers round them).
func MedianCISorted(x []float64, conf float64) (m, lo, hi float64) {
	n := len(x)
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	m = Quantile7(0.5, x)
	z := distuv.UnitNormal.Quantile(1 - (1-conf)/2)
	half := z * math.Sqrt(float64(n)) / 2
	j := int(math.Floor(float64(n)/2 - half))
	k := int(math.Ceil(float64(n)/2 + half))
	if j < 1 || k > n {
		return m, math.NaN(), math.NaN()
	}
	return m, x[j-1], x[k-1]
}
