package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// Minimum detectable differences (METHODS §4.11): the smallest gap a
// two-sided test at level alpha detects with the given power, for the
// group sizes at hand. They say how large a gap the data could have shown;
// they are not estimates.

// PowerTwoProp is the power of the two-sided two-proportion z-test at level
// alpha for true rates p1 (n1 people) and p0 (n0 people), in the normal
// approximation of Fleiss, Levin & Paik (2003, §4.2):
//
//	power = Φ((|p1 − p0| − z_{1−α/2}·√(p̄(1−p̄)(1/n1 + 1/n0))) / √(p1(1−p1)/n1 + p0(1−p0)/n0)),
//
// p̄ = (n1·p1 + n0·p0)/(n1 + n0), counting only the tail in the direction of
// the difference. With n1 = n0 it is R's power.prop.test(strict = FALSE).
func PowerTwoProp(p1 float64, n1 int, p0 float64, n0 int, alpha float64) float64 {
	return powerTwoProp(p1, n1, p0, n0, distuv.UnitNormal.Quantile(1-alpha/2))
}

// powerTwoProp is PowerTwoProp with z = z_{1−α/2}.
func powerTwoProp(p1 float64, n1 int, p0 float64, n0 int, z float64) float64 {
	a, b := float64(n1), float64(n0)
	pbar := (a*p1 + b*p0) / (a + b)
	num := math.Abs(p1-p0) - z*math.Sqrt(pbar*(1-pbar)*(1/a+1/b))
	den := math.Sqrt(p1*(1-p1)/a + p0*(1-p0)/b)
	return distuv.UnitNormal.CDF(num / den)
}

// MDDTwoProp returns the rate differences from reference rate p0 that the
// two-proportion test (PowerTwoProp) detects with the given power: up > 0
// for a group rate above p0, down > 0 (a magnitude) for one below; NaN on a
// side where no rate in (0, 1) reaches the power, and both NaN for n1 or n0
// below 1 or p0 outside [0, 1]. Solved by bisection to 1e-12.
func MDDTwoProp(p0 float64, n1, n0 int, alpha, power float64) (up, down float64) {
	up, down = math.NaN(), math.NaN()
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	if n1 < 1 || n0 < 1 || !(p0 >= 0 && p0 <= 1) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) {
		return
	}
	f := func(p1 float64) float64 { return powerTwoProp(p1, n1, p0, n0, z) - power }
	const edge = 1e-10
	if p0 < 1-edge && f(1-edge) > 0 {
		up = bisect(f, p0, 1-edge) - p0
	}
	if p0 > edge && f(edge) > 0 {
		down = p0 - bisect(f, edge, p0)
	}
	return
}

// bisect finds the root of f in [lo, hi], where f(lo) ≤ 0 < f(hi) or
// f(lo) > 0 ≥ f(hi), to 1e-12.
func bisect(f func(float64) float64, lo, hi float64) float64 {
	flo := f(lo)
	for range 200 {
		mid := (lo + hi) / 2
		if hi-lo < 1e-12 {
			return mid
		}
		if fm := f(mid); (fm > 0) == (flo > 0) {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// NoncentralTCDF is P(T ≤ t) for T noncentral t with df degrees of freedom
// and noncentrality delta (Lenth 1989, algorithm AS 243; R's pt(t, df,
// ncp)), to an error bound of 1e-13. NaN for df ≤ 0.
func NoncentralTCDF(t, df, delta float64) float64 {
	if !(df > 0) || math.IsNaN(t) || math.IsNaN(delta) {
		return math.NaN()
	}
	if math.IsInf(t, 0) {
		if t > 0 {
			return 1
		}
		return 0
	}
	tt, del, neg := t, delta, false
	if t < 0 {
		tt, del, neg = -t, -delta, true
	}
	var tnc float64
	if x := tt * tt / (tt*tt + df); x > 0 {
		lambda := del * del
		p := 0.5 * math.Exp(-0.5*lambda)
		q := math.Sqrt(2/math.Pi) * p * del
		s := 0.5 - p
		a, b := 0.5, 0.5*df
		rxb := math.Pow(1-x, b)
		lga, _ := math.Lgamma(a)
		lgb, _ := math.Lgamma(b)
		lgab, _ := math.Lgamma(a + b)
		albeta := lga + lgb - lgab
		xodd := mathext.RegIncBeta(a, b, x)
		godd := 2 * rxb * math.Exp(a*math.Log(x)-albeta)
		xeven := 1 - rxb
		geven := b * x * rxb
		tnc = p*xodd + q*xeven
		for en := 1.0; en <= 2000; en++ {
			a++
			xodd -= godd
			xeven -= geven
			godd *= x * (a + b - 1) / a
			geven *= x * (a + b - 0.5) / (a + 0.5)
			p *= lambda / (2 * en)
			q *= lambda / (2*en + 1)
			s -= p
			tnc += p*xodd + q*xeven
			if 2*s*(xodd-godd) < 1e-13 {
				break
			}
		}
	}
	tnc += distuv.UnitNormal.CDF(-del)
	tnc = math.Min(math.Max(tnc, 0), 1)
	if neg {
		return 1 - tnc
	}
	return tnc
}

// PowerWelch is the power of the two-sided Welch t test at level alpha for
// a true difference of means delta, groups of n1 and n0 values with
// standard deviations s1 and s0: P(T' > t_{df,1−α/2}) for T' noncentral t
// with the Welch–Satterthwaite df and noncentrality delta/√(s1²/n1 +
// s0²/n0) (the far tail is not counted). With n1 = n0 and s1 = s0 it is R's
// power.t.test(strict = FALSE).
func PowerWelch(delta, s1 float64, n1 int, s0 float64, n0 int, alpha float64) float64 {
	df, se := welchDF(s1, n1, s0, n0)
	crit := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - alpha/2)
	return 1 - NoncentralTCDF(crit, df, math.Abs(delta)/se)
}

// welchDF is the Welch–Satterthwaite degrees of freedom and the standard
// error of the difference of means.
func welchDF(s1 float64, n1 int, s0 float64, n0 int) (df, se float64) {
	v1, v0 := s1*s1/float64(n1), s0*s0/float64(n0)
	return (v1 + v0) * (v1 + v0) / (v1*v1/float64(n1-1) + v0*v0/float64(n0-1)), math.Sqrt(v1 + v0)
}

// MDDWelch is the difference of means the Welch test (PowerWelch) detects
// with the given power; NaN with fewer than 2 values in a group, no spread
// in both, or alpha or power outside (0, 1).
func MDDWelch(s1 float64, n1 int, s0 float64, n0 int, alpha, power float64) float64 {
	se := math.Sqrt(s1*s1/float64(n1) + s0*s0/float64(n0))
	if n1 < 2 || n0 < 2 || !(se > 0) || math.IsInf(se, 0) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) {
		return math.NaN()
	}
	df, _ := welchDF(s1, n1, s0, n0)
	crit := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - alpha/2)
	f := func(d float64) float64 { return 1 - NoncentralTCDF(crit, df, d/se) - power }
	hi := 2 * MDDNormal(se, alpha, power)
	for f(hi) <= 0 && hi < 1e6*se {
		hi *= 2
	}
	return bisectRel(f, 0, hi)
}

// bisectRel is bisect to a relative tolerance of 1e-12 of hi.
func bisectRel(f func(float64) float64, lo, hi float64) float64 {
	tol := 1e-12 * hi
	for range 200 {
		mid := (lo + hi) / 2
		if hi-lo < tol {
			return mid
		}
		if f(mid) > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return (lo + hi) / 2
}

// MDDNormal is (z_{1−α/2} + z_{power})·se: the difference a two-sided
// z-test with standard error se detects with the given power (the far tail
// not counted), used where a statistic is approximately normal — medians
// (se from their order-statistic intervals), log rate ratios, average
// marginal effects.
func MDDNormal(se, alpha, power float64) float64 {
	return (distuv.UnitNormal.Quantile(1-alpha/2) + distuv.UnitNormal.Quantile(power)) * se
}
