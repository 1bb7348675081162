package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// ErrRankDeficient is returned (wrapped, naming the column) when a
// regressor is a linear combination of earlier ones, or is all zero.
var ErrRankDeficient = errors.New("design matrix is rank deficient")

// OLSResult is an ordinary least squares fit.
type OLSResult struct {
	// Coef are the estimates β̂ and SE their classical standard errors
	// √(σ̂²·[(X'X)⁻¹]ⱼⱼ), one per column of X.
	Coef, SE []float64
	// N is the number of rows.
	N int
	// RSS is the residual sum of squares and Sigma2 = RSS/(N-k).
	RSS, Sigma2 float64
	// Cov is σ̂²(X'X)⁻¹.
	Cov *mat.SymDense
}

// OLS fits y = Xβ + ε by least squares through a QR decomposition of [X y]
// built one row at a time with Givens rotations (Gentleman 1974; Miller's
// AS 274, as R's biglm), so memory is O(k²) whatever the number of rows and
// no n×n (or even n×k copy) is formed:
//
//	[X y] = Q·[R r; 0 ρ],  β̂ = R⁻¹r,  RSS = ρ²,  Cov = σ̂²R⁻¹R⁻ᵀ,
//	σ̂² = RSS/(n-k).
//
// X holds the intercept column if one is wanted. It returns an error when
// the dimensions disagree, a value is NaN or infinite (naming row and
// column), n ≤ k, or X is rank deficient: column j is deemed dependent when
// its distance from the span of columns 0..j-1 (|Rⱼⱼ|) is below 1e-10 of its
// norm. The results match R's lm.
//
// References: Gentleman, W. M. (1974). Algorithm AS 75. Applied Statistics
// 23, 448–454. Miller, A. J. (1992). Algorithm AS 274. Applied Statistics
// 41, 458–478.
func OLS(X *mat.Dense, y []float64) (*OLSResult, error) {
	n, k, err := checkXY(X, y)
	if err != nil {
		return nil, err
	}
	acc := newQRAcc(k)
	raw := X.RawMatrix()
	for i := range n {
		acc.add(raw.Data[i*raw.Stride:i*raw.Stride+k], y[i], 1)
	}
	return acc.solve()
}

// checkXY validates the shapes and values of a regression's inputs.
func checkXY(X *mat.Dense, y []float64) (n, k int, err error) {
	if X == nil || X.IsEmpty() {
		return 0, 0, errors.New("regression: empty design matrix")
	}
	n, k = X.Dims()
	if len(y) != n {
		return 0, 0, fmt.Errorf("regression: X has %d rows but y has %d values", n, len(y))
	}
	if n <= k {
		return 0, 0, fmt.Errorf("regression: %d rows for %d coefficients leave no residual degrees of freedom", n, k)
	}
	raw := X.RawMatrix()
	for i := range n {
		row := raw.Data[i*raw.Stride : i*raw.Stride+k]
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, fmt.Errorf("regression: row %d column %d: X value %v", i, j, v)
			}
		}
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			return 0, 0, fmt.Errorf("regression: row %d: y value %v", i, y[i])
		}
	}
	return n, k, nil
}

// qrAcc accumulates the triangular factor of a weighted [X y] row by row.
type qrAcc struct {
	k    int
	r    []float64 // (k+1)×(k+1) upper triangle, row-major
	norm []float64 // Σ w·x² per column, for the rank test
	v    []float64 // scratch row
	n    int
}

func newQRAcc(k int) *qrAcc {
	return &qrAcc{k: k, r: make([]float64, (k+1)*(k+1)), norm: make([]float64, k), v: make([]float64, k+1)}
}

func (a *qrAcc) reset() {
	clear(a.r)
	clear(a.norm)
	a.n = 0
}

// add rotates the row √w·[x y] into the factor.
func (a *qrAcc) add(x []float64, y, w float64) {
	k1 := a.k + 1
	sw := math.Sqrt(w)
	v := a.v
	for j, xj := range x {
		v[j] = sw * xj
		a.norm[j] += w * xj * xj
	}
	v[a.k] = sw * y
	a.n++
	for j := 0; j < k1; j++ {
		vj := v[j]
		if vj == 0 {
			continue
		}
		rj := a.r[j*k1 : (j+1)*k1]
		d := rj[j]
		h := math.Sqrt(d*d + vj*vj)
		c, s := d/h, vj/h
		rj[j] = h
		for l := j + 1; l < k1; l++ {
			rl, vl := rj[l], v[l]
			rj[l] = c*rl + s*vl
			v[l] = c*vl - s*rl
		}
	}
}

// solve returns the least squares fit from the accumulated factor.
func (a *qrAcc) solve() (*OLSResult, error) {
	k, k1 := a.k, a.k+1
	for j := range k {
		if d := math.Abs(a.r[j*k1+j]); !(d > 1e-10*math.Sqrt(a.norm[j])) {
			return nil, fmt.Errorf("regression: column %d: %w", j, ErrRankDeficient)
		}
	}
	if a.n <= k {
		return nil, fmt.Errorf("regression: %d rows for %d coefficients leave no residual degrees of freedom", a.n, k)
	}
	// Back-substitution for β and for R⁻¹ (upper triangular).
	coef := make([]float64, k)
	for j := k - 1; j >= 0; j-- {
		s := a.r[j*k1+k]
		for l := j + 1; l < k; l++ {
			s -= a.r[j*k1+l] * coef[l]
		}
		coef[j] = s / a.r[j*k1+j]
	}
	rinv := upperInverse(a.r, k, k1)
	rss := a.r[k*k1+k] * a.r[k*k1+k]
	res := &OLSResult{Coef: coef, SE: make([]float64, k), N: a.n, RSS: rss}
	res.Sigma2 = rss / float64(a.n-k)
	res.Cov = mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			s := 0.0
			for l := j; l < k; l++ { // rinv is upper: row i nonzero from i, row j from j
				s += rinv[i*k+l] * rinv[j*k+l]
			}
			res.Cov.SetSym(i, j, res.Sigma2*s)
		}
		res.SE[i] = math.Sqrt(res.Cov.At(i, i))
	}
	return res, nil
}

// upperInverse returns the inverse of the k×k upper triangle of r (row
// stride ld) as a dense k×k row-major slice.
func upperInverse(r []float64, k, ld int) []float64 {
	inv := make([]float64, k*k)
	for j := k - 1; j >= 0; j-- {
		inv[j*k+j] = 1 / r[j*ld+j]
		for i := j - 1; i >= 0; i-- {
			s := 0.0
			for l := i + 1; l <= j; l++ {
				s += r[i*ld+l] * inv[l*k+j]
			}
			inv[i*k+j] = -s / r[i*ld+i]
		}
	}
	return inv
}
