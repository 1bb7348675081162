package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

var (
	// ErrSeparation is returned when the outcome is perfectly (or
	// quasi-perfectly) predicted, so the maximum likelihood estimates do not
	// exist (some are infinite).
	ErrSeparation = errors.New("logistic regression: outcome is perfectly separated; estimates do not exist")
	// ErrNotConverged is returned when Newton–Raphson does not converge.
	ErrNotConverged = errors.New("logistic regression: IRLS did not converge")
)

// LogitResult is a logistic regression fit.
type LogitResult struct {
	// Coef are the maximum likelihood estimates and SE their Wald standard
	// errors √([I(β̂)⁻¹]ⱼⱼ) from the observed (= expected) information.
	Coef, SE []float64
	// LogLik is the maximised log-likelihood and LogLikNull that of the
	// intercept-only model.
	LogLik, LogLikNull float64
	// Iter is the number of Newton–Raphson (IRLS) iterations.
	Iter int
	// N is the number of rows.
	N int
	// Cov is I(β̂)⁻¹, the estimated covariance of Coef.
	Cov      *mat.SymDense
	Warnings []error
}

const (
	logitMaxIter = 50
	logitTol     = 1e-10
)

// Logit fits the logistic regression P(y=1|x) = Λ(xβ) = 1/(1+e^{-xβ}) by
// maximum likelihood with Newton–Raphson, which for the canonical logit link
// is iteratively reweighted least squares:
//
//	β ← β + (X'WX)⁻¹X'(y - μ),  μᵢ = Λ(xᵢβ),  W = diag(μᵢ(1-μᵢ)),
//
// starting from β = 0, halving a step that lowers the likelihood, until
// every |Δβⱼ| ≤ 1e-10·(1+|βⱼ|). Each iteration is one pass over the rows
// accumulating X'WX, the score and the log-likelihood, so memory is O(k²)
// and no n×n matrix is formed. The k×k system is solved by Cholesky after
// scaling to unit diagonal; X is rank deficient when that fails or its
// condition number exceeds 1e12.
//
// y must be 0 or 1. X holds the intercept column if one is wanted; when it
// has one, LogLikNull is the intercept-only log-likelihood
// n(ȳ log ȳ + (1-ȳ) log(1-ȳ)).
//
// Logit never returns NaN estimates. It returns ErrSeparation when y does
// not vary, when (with an intercept) a two-valued regressor has a value at
// which y does not vary (quasi-complete separation, e.g. a group with all
// successes), or when the iterations diverge with fitted probabilities
// approaching 0 or 1; ErrNotConverged after 50 iterations otherwise; and an
// error wrapping ErrRankDeficient for collinear columns. Bad shapes, NaN or
// non-binary y give errors naming the row.
//
// The results match R's glm(family = binomial) and Stata's logit.
//
// References: McCullagh, P., Nelder, J. A. (1989). Generalized Linear
// Models, 2nd ed., §4.4. Albert, A., Anderson, J. A. (1984). On the
// existence of maximum likelihood estimates in logistic regression models.
// Biometrika 71, 1–10.
func Logit(X *mat.Dense, y []float64) (*LogitResult, error) {
	return LogitWeighted(X, y, nil)
}

// LogitWeighted is Logit with frequency weights: row i stands for w[i]
// identical observations (w nil: all 1). The estimates, standard errors and
// log-likelihoods are those of Logit on the expanded rows, and N is Σw. A
// design of categorical regressors has few distinct rows, so collapsing the
// data to (row, y) cells with their counts turns a pass over millions of
// rows into one over thousands. Weights must be positive and finite.
func LogitWeighted(X *mat.Dense, y, w []float64) (*LogitResult, error) {
	n, k, err := checkXY(X, y)
	if err != nil {
		return nil, err
	}
	tot := float64(n)
	if w != nil {
		if len(w) != n {
			return nil, fmt.Errorf("logistic regression: X has %d rows but %d weights", n, len(w))
		}
		tot = 0
		for i, v := range w {
			if !(v > 0) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("logistic regression: row %d: weight %v, want positive", i, v)
			}
			tot += v
		}
	}
	ones, wones := 0, 0.0
	for i, v := range y {
		switch v {
		case 1:
			ones++
			if w != nil {
				wones += w[i]
			}
		case 0:
		default:
			return nil, fmt.Errorf("logistic regression: row %d: y = %v, want 0 or 1", i, v)
		}
	}
	if ones == 0 || ones == n {
		return nil, fmt.Errorf("%w (y is always %d)", ErrSeparation, ones/n)
	}
	raw := X.RawMatrix()
	hasIntercept := false
	for j := range k {
		if c := constantColumn(raw, n, j); c != 0 && !math.IsNaN(c) {
			hasIntercept = true
		}
	}
	if hasIntercept {
		if j := separatingDummy(raw, n, k, y); j >= 0 {
			return nil, fmt.Errorf("%w (column %d: y does not vary at one of its two values)", ErrSeparation, j)
		}
	}

	p := newLogitPass(k)
	p.w = w
	beta := make([]float64, k)
	p.run(raw, n, y, beta)
	res := &LogitResult{N: int(math.Round(tot))}
	trial := make([]float64, k)
	step := make([]float64, k)
	for iter := 1; ; iter++ {
		if iter > logitMaxIter {
			if p.maxEta > 15 {
				return nil, fmt.Errorf("%w (no convergence in %d iterations, |xβ| up to %.3g)", ErrSeparation, logitMaxIter, p.maxEta)
			}
			return nil, fmt.Errorf("%w in %d iterations", ErrNotConverged, logitMaxIter)
		}
		cov, err := p.inverse()
		if err != nil {
			if p.maxEta > 15 {
				return nil, fmt.Errorf("%w (information matrix singular with |xβ| up to %.3g)", ErrSeparation, p.maxEta)
			}
			return nil, err
		}
		for a := range k {
			s := 0.0
			for b := range k {
				s += cov.At(a, b) * p.score[b]
			}
			step[a] = s
		}
		ll0 := p.ll
		for h := 0; ; h++ {
			for j := range k {
				trial[j] = beta[j] + step[j]
			}
			p.run(raw, n, y, trial)
			if p.ll >= ll0-1e-12*math.Abs(ll0) || h == 30 {
				break
			}
			for j := range step {
				step[j] /= 2
			}
		}
		copy(beta, trial)
		res.Iter = iter
		conv := true
		for j := range k {
			if math.Abs(step[j]) > logitTol*(1+math.Abs(beta[j])) {
				conv = false
			}
		}
		if iter > 25 && p.maxEta > 30 {
			return nil, fmt.Errorf("%w (|xβ| up to %.3g after %d iterations)", ErrSeparation, p.maxEta, iter)
		}
		if conv {
			break
		}
	}
	cov, err := p.inverse()
	if err != nil {
		return nil, err
	}
	res.Coef = beta
	res.Cov = cov
	res.SE = make([]float64, k)
	for j := range k {
		res.SE[j] = math.Sqrt(cov.At(j, j))
	}
	res.LogLik = p.ll
	if hasIntercept {
		yb := float64(ones) / float64(n)
		if w != nil {
			yb = wones / tot
		}
		res.LogLikNull = tot * (yb*math.Log(yb) + (1-yb)*math.Log1p(-yb))
	} else {
		res.LogLikNull = math.NaN()
	}
	if p.maxEta > 15 {
		res.Warnings = append(res.Warnings, fmt.Errorf("logistic regression: fitted probabilities numerically 0 or 1 occurred (|xβ| up to %.3g)", p.maxEta))
	}
	return res, nil
}

// constantColumn returns the value of column j when it is constant, else NaN.
func constantColumn(raw blas64.General, n, j int) float64 {
	c := raw.Data[j]
	for i := 1; i < n; i++ {
		if raw.Data[i*raw.Stride+j] != c {
			return math.NaN()
		}
	}
	return c
}

// separatingDummy returns the first column that takes exactly two values
// with y constant at one of them, or -1.
func separatingDummy(raw blas64.General, n, k int, y []float64) int {
	for j := range k {
		a := raw.Data[j]
		b := math.NaN()
		var cnt [2][2]int // [value a/b][y]
		two := true
		for i := range n {
			v := raw.Data[i*raw.Stride+j]
			vi := 0
			if v != a {
				if math.IsNaN(b) {
					b = v
				} else if v != b {
					two = false
					break
				}
				vi = 1
			}
			cnt[vi][int(y[i])]++
		}
		if two && !math.IsNaN(b) && (cnt[0][0] == 0 || cnt[0][1] == 0 || cnt[1][0] == 0 || cnt[1][1] == 0) {
			return j
		}
	}
	return -1
}

// logitPass holds the sums of one pass over the rows at a given β.
type logitPass struct {
	k      int
	w      []float64 // frequency weights, nil for 1
	ll     float64
	score  []float64
	info   []float64 // k×k, upper triangle filled
	maxEta float64
}

func newLogitPass(k int) *logitPass {
	return &logitPass{k: k, score: make([]float64, k), info: make([]float64, k*k)}
}

// run accumulates the log-likelihood, score X'(y-μ) and information X'WX.
// μ, 1-μ and w are computed from e^{-|η|} so nothing underflows to 0 before
// |η| ≈ 745.
func (p *logitPass) run(raw blas64.General, n int, y, beta []float64) {
	k := p.k
	p.ll, p.maxEta = 0, 0
	clear(p.score)
	clear(p.info)
	for i := range n {
		x := raw.Data[i*raw.Stride : i*raw.Stride+k]
		eta := 0.0
		for j, v := range x {
			eta += v * beta[j]
		}
		ae := math.Abs(eta)
		p.maxEta = math.Max(p.maxEta, ae)
		e := math.Exp(-ae)
		mu := 1 / (1 + e) // Λ(|η|)
		w := e * mu * mu  // Λ(η)(1-Λ(η))
		var m float64     // Λ(η)
		if eta >= 0 {
			m = mu
		} else {
			m = e * mu
		}
		// log Λ(η) = -log1p(e^{-η}); log(1-Λ(η)) = -log1p(e^{η}).
		li := -math.Log1p(e)
		if (y[i] == 1) != (eta >= 0) {
			li = -(ae - li)
		}
		r := y[i] - m
		if p.w != nil {
			wi := p.w[i]
			li *= wi
			r *= wi
			w *= wi
		}
		p.ll += li
		for a, xa := range x {
			p.score[a] += r * xa
			wa := w * xa
			row := p.info[a*k : a*k+k]
			for b := a; b < k; b++ {
				row[b] += wa * x[b]
			}
		}
	}
}

// inverse returns (X'WX)⁻¹, via Cholesky of the unit-diagonal scaling, or an
// error wrapping ErrRankDeficient.
func (p *logitPass) inverse() (*mat.SymDense, error) {
	k := p.k
	d := make([]float64, k)
	for j := range k {
		if !(p.info[j*k+j] > 0) {
			return nil, fmt.Errorf("logistic regression: column %d: %w", j, ErrRankDeficient)
		}
		d[j] = 1 / math.Sqrt(p.info[j*k+j])
	}
	s := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			s.SetSym(a, b, p.info[a*k+b]*d[a]*d[b])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(s) || ch.Cond() > 1e12 {
		return nil, fmt.Errorf("logistic regression: %w (information matrix is singular)", ErrRankDeficient)
	}
	inv := mat.NewSymDense(k, nil)
	if err := ch.InverseTo(inv); err != nil {
		return nil, fmt.Errorf("logistic regression: %w (%v)", ErrRankDeficient, err)
	}
	for a := range k {
		for b := a; b < k; b++ {
			inv.SetSym(a, b, inv.At(a, b)*d[a]*d[b])
		}
	}
	return inv, nil
}

// OddsRatio returns exp(βⱼ) and its Wald interval exp(βⱼ ± z·SEⱼ) at level
// conf. An index out of range or conf outside (0, 1) gives NaN.
//
// Reference: Hosmer, D. W., Lemeshow, S. (2000). Applied Logistic
// Regression, 2nd ed., §3.2.
func (r *LogitResult) OddsRatio(j int, conf float64) (or, lo, hi float64) {
	if r == nil || j < 0 || j >= len(r.Coef) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	z := zCrit(conf)
	b, se := r.Coef[j], r.SE[j]
	return math.Exp(b), math.Exp(b - z*se), math.Exp(b + z*se)
}

// AME returns the average marginal effect of the binary regressor j — the
// average over the rows of X of the discrete change Λ(xᵢβ̂ | xᵢⱼ=1) -
// Λ(xᵢβ̂ | xᵢⱼ=0) — and its delta-method standard error √(gᵀ·Cov·g) with
//
//	g = (1/n) Σᵢ [Λ'(ηᵢ¹)·xᵢ¹ - Λ'(ηᵢ⁰)·xᵢ⁰],  Λ' = Λ(1-Λ),
//
// where xᵢ¹ and xᵢ⁰ are row i with column j set to 1 and 0. Multiply by 100
// for percentage points. This is Stata's margins, dydx(j) for a factor
// variable and statsmodels' get_margeff(dummy=True). X should be the matrix
// the model was fitted on (or any sample to average over); a column count
// that does not match Coef, an empty X or j out of range gives NaN.
//
// Reference: Bartus, T. (2005). Estimation of marginal effects using
// margeff. Stata Journal 5, 309–329.
func (r *LogitResult) AME(X *mat.Dense, j int) (ame, se float64) {
	return r.AMEWeighted(X, j, nil)
}

// AMEWeighted is AME averaging over rows with frequency weights w (nil: all
// 1), for a model fitted by LogitWeighted; a weight count that does not
// match X gives NaN.
func (r *LogitResult) AMEWeighted(X *mat.Dense, j int, w []float64) (ame, se float64) {
	if r == nil || X == nil || X.IsEmpty() {
		return math.NaN(), math.NaN()
	}
	n, k := X.Dims()
	if k != len(r.Coef) || j < 0 || j >= k || (w != nil && len(w) != n) {
		return math.NaN(), math.NaN()
	}
	fn := float64(n)
	if w != nil {
		fn = 0
		for _, v := range w {
			fn += v
		}
	}
	raw := X.RawMatrix()
	g := make([]float64, k)
	for i := range n {
		x := raw.Data[i*raw.Stride : i*raw.Stride+k]
		eta0 := 0.0
		for l, v := range x {
			if l != j {
				eta0 += v * r.Coef[l]
			}
		}
		eta1 := eta0 + r.Coef[j]
		p1, p0 := logistic(eta1), logistic(eta0)
		d1, d0 := p1*(1-p1), p0*(1-p0)
		if w != nil {
			ame += w[i] * (p1 - p0)
			d1, d0 = w[i]*d1, w[i]*d0
		} else {
			ame += p1 - p0
		}
		for l, v := range x {
			if l == j {
				g[l] += d1
			} else {
				g[l] += (d1 - d0) * v
			}
		}
	}
	ame /= fn
	v := 0.0
	for a := range k {
		for b := range k {
			v += g[a] / fn * r.Cov.At(a, b) * g[b] / fn
		}
	}
	return ame, math.Sqrt(v)
}

func logistic(eta float64) float64 {
	if eta >= 0 {
		return 1 / (1 + math.Exp(-eta))
	}
	e := math.Exp(eta)
	return e / (1 + e)
}
