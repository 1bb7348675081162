package stats

import "math"

// monotoneRoot finds θ with f(θ) = 0 for an increasing function f of a real
// θ, starting from the bracket [-1, 1] and doubling it as needed. It returns
// NaN when no sign change is found. The tolerance is near machine precision
// because callers compare with R to 1e-6 relative after exponentiating θ.
func monotoneRoot(f func(float64) float64) float64 {
	a, b := -1.0, 1.0
	fa, fb := f(a), f(b)
	for i := 0; fa > 0 && i < 60; i++ {
		b, fb = a, fa
		a *= 2
		fa = f(a)
	}
	for i := 0; fb < 0 && i < 60; i++ {
		a, fa = b, fb
		b *= 2
		fb = f(b)
	}
	if math.IsNaN(fa) || math.IsNaN(fb) || fa > 0 || fb < 0 {
		return math.NaN()
	}
	return brent(f, a, b, fa, fb, 1e-13)
}

// brent is Brent's (1973) zero finder on a bracketing interval [a, b] with
// f(a) and f(b) of opposite sign (Algorithms for Minimization without
// Derivatives, ch. 4; the same algorithm as R's uniroot, run to a tighter
// tolerance).
func brent(f func(float64) float64, a, b, fa, fb, tol float64) float64 {
	if fa == 0 {
		return a
	}
	if fb == 0 {
		return b
	}
	c, fc := a, fa
	d := b - a
	e := d
	for iter := 0; iter < 200; iter++ {
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol1 := 2*1e-16*math.Abs(b) + 0.5*tol
		m := 0.5 * (c - b)
		if math.Abs(m) <= tol1 || fb == 0 {
			return b
		}
		if math.Abs(e) < tol1 || math.Abs(fa) <= math.Abs(fb) {
			d, e = m, m
		} else {
			s := fb / fa
			var p, q float64
			if a == c {
				p = 2 * m * s
				q = 1 - s
			} else {
				q = fa / fc
				r := fb / fc
				p = s * (2*m*q*(q-r) - (b-a)*(r-1))
				q = (q - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if 2*p < math.Min(3*m*q-math.Abs(tol1*q), math.Abs(e*q)) {
				e, d = d, p/q
			} else {
				d, e = m, m
			}
		}
		a, fa = b, fb
		if math.Abs(d) > tol1 {
			b += d
		} else if m > 0 {
			b += tol1
		} else {
			b -= tol1
		}
		fb = f(b)
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
	}
	return b
}

// lchoose returns log(n choose k) for 0 ≤ k ≤ n.
func lchoose(n, k float64) float64 {
	a, _ := math.Lgamma(n + 1)
	b, _ := math.Lgamma(k + 1)
	c, _ := math.Lgamma(n - k + 1)
	return a - b - c
}
