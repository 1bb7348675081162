package stats

import "math"

// FisherResult is the outcome of Fisher's exact test on a 2×2 table.
type FisherResult struct {
	// P is the two-sided p-value.
	P float64
	// OddsRatio is the conditional maximum likelihood estimate of the odds
	// ratio; 0 or +Inf when the observed cell is at the edge of its support.
	OddsRatio float64
	// CILow and CIHigh bound the 95% conditional (exact) interval.
	CILow, CIHigh float64
}

// Fisher2x2 performs Fisher's exact test of independence on the 2×2 table
// [[a b] [c d]], exactly as R's fisher.test does for a 2×2 table.
//
// Conditional on the margins, a follows the noncentral hypergeometric
// distribution with odds ratio ψ,
//
//	P(a = u) ∝ C(a+c, u)·C(b+d, a+b-u)·ψᵘ,  max(0, a+b-b-d) ≤ u ≤ min(a+b, a+c).
//
// The two-sided p-value sums the ψ = 1 probabilities of all tables no more
// likely than the observed one, with R's relative tolerance 1+1e-7 for ties.
// OddsRatio is the conditional MLE (the ψ whose conditional mean equals a),
// not the sample cross-product ad/bc; the interval inverts the two one-sided
// tests at α = 0.025 each. Roots are found to near machine precision; R's
// uniroot stops at about 1e-4, so R's printed OR and interval may differ
// from these in the fifth digit.
//
// Edge cases: a table with a zero margin has a single possible table, so
// P = 1, OddsRatio NaN, interval [0, +Inf]. When a is the smallest possible
// value OddsRatio = 0 and CILow = 0; when it is the largest OddsRatio = +Inf
// and CIHigh = +Inf. Negative counts give all NaN.
//
// References: Fisher, R. A. (1935). The logic of inductive inference. JRSS
// 98, 39–82. Agresti, A. (2002). Categorical Data Analysis, 2nd ed., §3.5.
func Fisher2x2(a, b, c, d int) FisherResult {
	nan := math.NaN()
	if a < 0 || b < 0 || c < 0 || d < 0 {
		return FisherResult{nan, nan, nan, nan}
	}
	m := float64(a + c) // first column total
	n := float64(b + d) // second column total
	k := float64(a + b) // first row total
	lo := int(math.Max(0, k-n))
	hi := int(math.Min(k, m))
	x := a
	if lo == hi {
		return FisherResult{P: 1, OddsRatio: nan, CILow: 0, CIHigh: math.Inf(1)}
	}
	ns := hi - lo + 1
	logdc := make([]float64, ns)
	for i := range logdc {
		u := float64(lo + i)
		logdc[i] = lchoose(m, u) + lchoose(n, k-u)
	}
	d1 := make([]float64, ns)
	// dnhyper fills d1 with the noncentral hypergeometric density at
	// log odds ratio t, normalised, as R's dnhyper does.
	dnhyper := func(t float64) []float64 {
		mx := math.Inf(-1)
		for i, l := range logdc {
			d1[i] = l + t*float64(lo+i)
			mx = math.Max(mx, d1[i])
		}
		s := 0.0
		for i := range d1 {
			d1[i] = math.Exp(d1[i] - mx)
			s += d1[i]
		}
		for i := range d1 {
			d1[i] /= s
		}
		return d1
	}
	mnhyper := func(t float64) float64 {
		s := 0.0
		for i, p := range dnhyper(t) {
			s += float64(lo+i) * p
		}
		return s
	}
	// pnhyper returns P(U ≤ x) or, upper, P(U ≥ x) at log odds ratio t.
	pnhyper := func(t float64, upper bool) float64 {
		s := 0.0
		for i, p := range dnhyper(t) {
			if u := lo + i; (upper && u >= x) || (!upper && u <= x) {
				s += p
			}
		}
		return s
	}

	var res FisherResult
	dens := dnhyper(0)
	obs := dens[x-lo] * (1 + 1e-7)
	for _, p := range dens {
		if p <= obs {
			res.P += p
		}
	}
	res.P = math.Min(1, res.P)

	xf := float64(x)
	switch x {
	case lo:
		res.OddsRatio = 0
	case hi:
		res.OddsRatio = math.Inf(1)
	default:
		res.OddsRatio = math.Exp(monotoneRoot(func(t float64) float64 { return mnhyper(t) - xf }))
	}
	const alpha = 0.025
	if x == lo {
		res.CILow = 0
	} else {
		res.CILow = math.Exp(monotoneRoot(func(t float64) float64 { return pnhyper(t, true) - alpha }))
	}
	if x == hi {
		res.CIHigh = math.Inf(1)
	} else {
		// P(U ≤ x) decreases in t; negate to get an increasing function.
		res.CIHigh = math.Exp(monotoneRoot(func(t float64) float64 { return alpha - pnhyper(t, false) }))
	}
	return res
}
