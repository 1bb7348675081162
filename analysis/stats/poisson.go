package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// PoissonRateRatio compares two Poisson rates, x1 events in exposure t1 and
// x2 events in exposure t2, exactly as R's poisson.test(c(x1, x2), c(t1, t2))
// does. Conditional on x1+x2, x1 is binomial with
// π = t1·ρ/(t1·ρ + t2) where ρ is the rate ratio, so
//
//	rr = (x1/t1)/(x2/t2),
//	[lo, hi] = π/(1-π)·t2/t1 at the Clopper–Pearson bounds for π,
//	p = the two-sided exact binomial test of π = t1/(t1+t2) (R's binom.test,
//	    summing outcomes no more likely than x1, relative tolerance 1+1e-7).
//
// x2 = 0 gives rr = +Inf and hi = +Inf; x1 = 0 gives rr = 0 and lo = 0.
// x1+x2 = 0, negative counts, non-positive or non-finite exposures, or conf
// outside (0, 1) give NaN for all four.
//
// References: Clopper, C. J., Pearson, E. S. (1934). Biometrika 26, 404–413.
// Breslow, N. E., Day, N. E. (1987). Statistical Methods in Cancer Research
// II, §2.3.
func PoissonRateRatio(x1 int, t1 float64, x2 int, t2 float64, conf float64) (rr, lo, hi, p float64) {
	nan := math.NaN()
	ok := func(t float64) bool { return t > 0 && !math.IsInf(t, 1) }
	if x1 < 0 || x2 < 0 || x1+x2 == 0 || !ok(t1) || !ok(t2) || !(conf > 0 && conf < 1) {
		return nan, nan, nan, nan
	}
	n := x1 + x2
	rr = (float64(x1) / t1) / (float64(x2) / t2)
	pl, pu := clopperPearson(x1, n, conf)
	odds := func(pi float64) float64 { return pi / (1 - pi) * t2 / t1 }
	lo, hi = odds(pl), odds(pu)
	p = binomTwoSided(x1, n, t1/(t1+t2))
	return rr, lo, hi, p
}

// clopperPearson returns the exact (Clopper–Pearson) interval for x
// successes in n trials, as R's binom.test.
func clopperPearson(x, n int, conf float64) (lo, hi float64) {
	alpha := (1 - conf) / 2
	if x == 0 {
		lo = 0
	} else {
		lo = mathext.InvRegIncBeta(float64(x), float64(n-x+1), alpha)
	}
	if x == n {
		hi = 1
	} else {
		hi = mathext.InvRegIncBeta(float64(x+1), float64(n-x), 1-alpha)
	}
	return lo, hi
}

// dbinom returns the binomial probability P(X = k), X ~ Bin(n, p), 0<p<1.
func dbinom(k, n int, p float64) float64 {
	return math.Exp(lchoose(float64(n), float64(k)) + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
}

// pbinom returns P(X ≤ k), or P(X > k) when upper, for X ~ Bin(n, p),
// through the incomplete beta function so that small tails keep their
// relative precision.
func pbinom(k, n int, p float64, upper bool) float64 {
	switch {
	case k < 0:
		if upper {
			return 1
		}
		return 0
	case k >= n:
		if upper {
			return 0
		}
		return 1
	}
	if upper {
		return mathext.RegIncBeta(float64(k+1), float64(n-k), p)
	}
	return mathext.RegIncBeta(float64(n-k), float64(k+1), 1-p)
}

// binomTwoSided is R's binom.test two-sided p-value: the probability of
// outcomes no more likely than x under Bin(n, p).
func binomTwoSided(x, n int, p float64) float64 {
	switch p {
	case 0:
		if x == 0 {
			return 1
		}
		return 0
	case 1:
		if x == n {
			return 1
		}
		return 0
	}
	const relErr = 1 + 1e-7
	d := dbinom(x, n, p) * relErr
	m := float64(n) * p
	var pv float64
	switch {
	case float64(x) == m:
		return 1
	case float64(x) < m:
		// dbinom decreases on [⌈m⌉, n]: binary search for the first i with
		// dbinom(i) ≤ d instead of R's O(n) scan.
		lo, hi := int(math.Ceil(m)), n+1
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if dbinom(mid, n, p) <= d {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		y := n + 1 - lo
		pv = pbinom(x, n, p, false) + pbinom(n-y, n, p, true)
	default:
		// dbinom increases on [0, ⌊m⌋]: y counts its prefix with dbinom ≤ d.
		lo, hi := 0, int(math.Floor(m))+1
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if dbinom(mid, n, p) <= d {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		y := lo
		pv = pbinom(y-1, n, p, false) + pbinom(x-1, n, p, true)
	}
	return math.Min(1, pv)
}
