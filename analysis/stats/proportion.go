package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// zCrit returns the two-sided standard normal critical value for a
// confidence level conf, or NaN when conf is not in (0, 1).
func zCrit(conf float64) float64 {
	if !(conf > 0 && conf < 1) {
		return math.NaN()
	}
	return distuv.UnitNormal.Quantile(1 - (1-conf)/2)
}

// validCount reports whether x successes out of n trials is a possible count.
func validCount(x, n int) bool { return n > 0 && x >= 0 && x <= n }

// Wilson returns the Wilson score interval for a binomial proportion x/n at
// confidence level conf:
//
//	(p̂ + z²/2n ± z·√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n),  p̂ = x/n,
//
// where z is the 1-(1-conf)/2 standard normal quantile. The interval is
// never empty and stays inside [0, 1]; x = 0 gives lo = 0 and x = n gives
// hi = 1 exactly. n = 1 is allowed. When n ≤ 0, x < 0, x > n or conf is not
// in (0, 1) both bounds are NaN.
//
// It equals R's prop.test(x, n, correct = FALSE)$conf.int.
//
// Reference: Wilson, E. B. (1927). Probable inference, the law of succession,
// and statistical inference. JASA 22(158), 209–212.
func Wilson(x, n int, conf float64) (lo, hi float64) {
	z := zCrit(conf)
	if !validCount(x, n) || math.IsNaN(z) {
		return math.NaN(), math.NaN()
	}
	nf := float64(n)
	p := float64(x) / nf
	z2 := z * z
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = math.Max(0, center-half), math.Min(1, center+half)
	if x == 0 {
		lo = 0
	}
	if x == n {
		hi = 1
	}
	return lo, hi
}

// NewcombeDiff returns the difference of two independent proportions
// p₁-p₂ = x1/n1 - x2/n2 and its Newcombe hybrid score interval (Newcombe's
// method 10), built from the Wilson intervals (l₁,u₁) and (l₂,u₂):
//
//	lo = d - √((p₁-l₁)² + (u₂-p₂)²),  hi = d + √((u₁-p₁)² + (p₂-l₂)²).
//
// Unlike the Wald interval it behaves well at zero counts and when a group
// has all successes (the bounds stay inside [-1, 1]). Any invalid count
// (n ≤ 0, x < 0, x > n) or conf outside (0, 1) gives NaN for all three.
//
// It equals statsmodels' confint_proportions_2indep(..., method="newcomb").
//
// Reference: Newcombe, R. G. (1998). Interval estimation for the difference
// between independent proportions: comparison of eleven methods. Statistics
// in Medicine 17, 873–890.
func NewcombeDiff(x1, n1, x2, n2 int, conf float64) (diff, lo, hi float64) {
	l1, u1 := Wilson(x1, n1, conf)
	l2, u2 := Wilson(x2, n2, conf)
	if math.IsNaN(l1) || math.IsNaN(l2) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	p1 := float64(x1) / float64(n1)
	p2 := float64(x2) / float64(n2)
	diff = p1 - p2
	lo = diff - math.Hypot(p1-l1, u2-p2)
	hi = diff + math.Hypot(u1-p1, p2-l2)
	return diff, lo, hi
}

// TwoPropZ returns the pooled two-proportion z statistic for H₀: p₁ = p₂
// and its two-sided p-value:
//
//	z = (p̂₁ - p̂₂) / √(p̄(1-p̄)(1/n₁ + 1/n₂)),  p̄ = (x₁+x₂)/(n₁+n₂),
//	p = 2Φ(-|z|).
//
// z² is Pearson's chi-square for the 2×2 table without continuity
// correction, so p equals R's prop.test(c(x1,x2), c(n1,n2),
// correct = FALSE)$p.value. When p̄ is 0 or 1 (no successes, or only
// successes, in both groups) the groups are identical and TwoPropZ returns
// z = 0, p = 1 where R returns NaN. Invalid counts give NaN.
//
// Reference: Agresti, A. (2013). Categorical Data Analysis, 3rd ed., §3.1.
func TwoPropZ(x1, n1, x2, n2 int) (z, p float64) {
	if !validCount(x1, n1) || !validCount(x2, n2) {
		return math.NaN(), math.NaN()
	}
	p1 := float64(x1) / float64(n1)
	p2 := float64(x2) / float64(n2)
	pool := float64(x1+x2) / float64(n1+n2)
	if pool == 0 || pool == 1 {
		return 0, 1
	}
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	z = (p1 - p2) / se
	return z, 2 * distuv.UnitNormal.CDF(-math.Abs(z))
}

// RateRatio returns the ratio of two proportions rr = (x1/n1)/(x2/n2) and its
// log-method (Katz) interval
//
//	exp(log rr ± z·√(1/x₁ - 1/n₁ + 1/x₂ - 1/n₂)).
//
// When x1 = 0 the ratio is 0, when x2 = 0 it is +Inf (NaN when both are 0);
// in those cases the log variance is undefined and lo and hi are NaN. Invalid
// counts give NaN for all three.
//
// It equals statsmodels' confint_proportions_2indep(..., compare="ratio",
// method="log").
//
// Reference: Katz, D., Baptista, J., Azen, S. P., Pike, M. C. (1978).
// Obtaining confidence intervals for the risk ratio in cohort studies.
// Biometrics 34, 469–474.
func RateRatio(x1, n1, x2, n2 int, conf float64) (rr, lo, hi float64) {
	z := zCrit(conf)
	if !validCount(x1, n1) || !validCount(x2, n2) || math.IsNaN(z) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	rr = (float64(x1) / float64(n1)) / (float64(x2) / float64(n2))
	if x1 == 0 || x2 == 0 {
		return rr, math.NaN(), math.NaN()
	}
	se := math.Sqrt(1/float64(x1) - 1/float64(n1) + 1/float64(x2) - 1/float64(n2))
	l := math.Log(rr)
	return rr, math.Exp(l - z*se), math.Exp(l + z*se)
}

// NeedsExact reports whether any expected cell count of the 2×2 table
// [[a b] [c d]] under independence, rowᵢ·colⱼ/N, is below 5 — the usual rule
// for preferring Fisher's exact test to the chi-square or z test. An empty
// table (N = 0) or a negative count also needs the exact test.
//
// Reference: Cochran, W. G. (1954). Some methods for strengthening the
// common χ² tests. Biometrics 10, 417–451.
func NeedsExact(a, b, c, d int) bool {
	if a < 0 || b < 0 || c < 0 || d < 0 {
		return true
	}
	n := float64(a + b + c + d)
	if n == 0 {
		return true
	}
	r := [2]float64{float64(a + b), float64(c + d)}
	k := [2]float64{float64(a + c), float64(b + d)}
	for _, ri := range r {
		for _, kj := range k {
			if ri*kj/n < 5 {
				return true
			}
		}
	}
	return false
}
