package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// OaxacaResult is a Blinder–Oaxaca decomposition of the mean outcome gap
// between groups A and B (Jann 2008 notation).
type OaxacaResult struct {
	// Gap = MeanA - MeanB, the difference of mean outcomes.
	Gap, MeanA, MeanB float64
	NA, NB            int
	// Threefold decomposition, Gap = Endowments + Coefficients + Interaction:
	// E = (x̄A-x̄B)'β̂B, C = x̄B'(β̂A-β̂B), I = (x̄A-x̄B)'(β̂A-β̂B).
	Endowments, Coefficients, Interaction float64
	// Twofold decompositions Gap = Explained + Unexplained with
	// Explained = (x̄A-x̄B)'β*, keyed by the reference coefficients β*:
	// "A" (β̂A, weight 1), "B" (β̂B, weight 0), "0.5" (their average),
	// "neumark" (pooled OLS on both groups without a group indicator;
	// Neumark 1988, R oaxaca's -1, statsmodels' "nuemark") and "pooled"
	// (pooled OLS with a group indicator; Jann 2008, Stata's pooled, R
	// oaxaca's -2).
	Twofold map[string]TwofoldPart
	// SE holds standard errors keyed "endowments", "coefficients",
	// "interaction", "<twofold key>.explained" and "<twofold key>.unexplained";
	// empty when none were asked for. SEMethod says how they were computed.
	SE       map[string]float64
	SEMethod string
	Warnings []error
}

// TwofoldPart is one twofold decomposition.
type TwofoldPart struct{ Explained, Unexplained float64 }

// Standard-error methods of OaxacaResult.SEMethod.
const (
	SEBootstrap = "bootstrap" // stratified pairs bootstrap (Oaxaca)
	SEDelta     = "delta"     // delta method with stochastic regressors (OaxacaGrouped)
)

// twofoldKeys is the fixed order of the twofold decompositions.
var twofoldKeys = []string{"A", "B", "0.5", "neumark", "pooled"}

// Oaxaca performs the Blinder–Oaxaca decomposition of ȳA - ȳB from the OLS
// fits yA = XAβA + ε and yB = XBβB + ε, where column 0 of XA and XB is the
// intercept and the other columns are the same regressors in both. With
// intercepts, ȳ = x̄'β̂ in each group, so
//
//	Gap = (x̄A-x̄B)'β̂B + x̄B'(β̂A-β̂B) + (x̄A-x̄B)'(β̂A-β̂B)        (threefold)
//	    = (x̄A-x̄B)'β* + [x̄A'(β̂A-β*) + x̄B'(β*-β̂B)]              (twofold)
//
// for each reference β* listed in OaxacaResult.Twofold. Which group is A is
// the caller's choice (by convention the one with the higher mean).
//
// When bootstrap > 0, SE holds the standard deviations of every component
// over that many stratified bootstrap resamples (rows drawn with
// replacement within each group, group sizes fixed), drawn from
// NewRand(seed). Resamples are fitted from normal equations accumulated over
// the drawn row indices, with buffers reused, so a resample costs O(n·k²)
// and allocates O(k²); resamples whose design is singular (a dummy with no
// variation) are skipped and counted in a warning.
//
// Oaxaca returns an error when the column counts differ, a group has no more
// rows than columns, a value is NaN, column 0 is not a column of ones, or a
// group's design is rank deficient (e.g. a dummy that never varies within a
// group).
//
// References: Blinder, A. S. (1973). Wage discrimination: reduced form and
// structural estimates. J. Human Resources 8, 436–455. Oaxaca, R. (1973).
// Male-female wage differentials in urban labor markets. Int. Econ. Rev. 14,
// 693–709. Neumark, D. (1988). J. Human Resources 23, 279–295. Jann, B.
// (2008). The Blinder–Oaxaca decomposition for linear regression models.
// Stata Journal 8, 453–479.
func Oaxaca(XA *mat.Dense, yA []float64, XB *mat.Dense, yB []float64, bootstrap int, seed uint64) (*OaxacaResult, error) {
	nA, k, err := checkXY(XA, yA)
	if err != nil {
		return nil, fmt.Errorf("oaxaca: group A: %w", err)
	}
	nB, kB, err := checkXY(XB, yB)
	if err != nil {
		return nil, fmt.Errorf("oaxaca: group B: %w", err)
	}
	if k != kB {
		return nil, fmt.Errorf("oaxaca: group A has %d columns, group B %d", k, kB)
	}
	for g, X := range []*mat.Dense{XA, XB} {
		if c := constantColumn(X.RawMatrix(), X.RawMatrix().Rows, 0); c != 1 {
			return nil, fmt.Errorf("oaxaca: group %c: column 0 must be the intercept (all ones)", "AB"[g])
		}
	}
	rawA, rawB := XA.RawMatrix(), XB.RawMatrix()

	// Point estimates: separate and pooled fits through QR for accuracy.
	accA, accB := newQRAcc(k), newQRAcc(k)
	accN, accP := newQRAcc(k), newQRAcc(k+1)
	row := make([]float64, k+1)
	add := func(raw blas64.General, n int, y []float64, acc *qrAcc, dummy float64) {
		for i := range n {
			x := raw.Data[i*raw.Stride : i*raw.Stride+k]
			acc.add(x, y[i], 1)
			accN.add(x, y[i], 1)
			copy(row, x)
			row[k] = dummy
			accP.add(row, y[i], 1)
		}
	}
	add(rawA, nA, yA, accA, 1)
	add(rawB, nB, yB, accB, 0)
	fits := make([][]float64, 4)
	for i, acc := range []*qrAcc{accA, accB, accN, accP} {
		f, err := acc.solve()
		if err != nil {
			return nil, fmt.Errorf("oaxaca: %s regression: %w", []string{"group A", "group B", "pooled (Neumark)", "pooled with group indicator"}[i], err)
		}
		fits[i] = f.Coef
	}
	res := &OaxacaResult{NA: nA, NB: nB, SE: map[string]float64{}}
	mA, mB := colMeans(rawA, nA, k), colMeans(rawB, nB, k)
	res.MeanA, res.MeanB = mean(yA), mean(yB)
	comp := decompose(mA, mB, fits[0], fits[1], fits[2], fits[3][:k])
	res.Gap = res.MeanA - res.MeanB
	res.Endowments, res.Coefficients, res.Interaction = comp[0], comp[1], comp[2]
	res.Twofold = make(map[string]TwofoldPart, len(twofoldKeys))
	for i, key := range twofoldKeys {
		res.Twofold[key] = TwofoldPart{Explained: comp[3+2*i], Unexplained: comp[4+2*i]}
	}
	if bootstrap > 0 {
		res.SEMethod = SEBootstrap
		res.bootstrap(rawA, yA, rawB, yB, k, bootstrap, seed)
	}
	return res, nil
}

// decompose returns E, C, I and (explained, unexplained) for each of
// twofoldKeys, in that order. The gap is x̄A'bA - x̄B'bB.
func decompose(mA, mB, bA, bB, bN, bP []float64) []float64 {
	k := len(mA)
	dot := func(f func(j int) float64) float64 {
		s := 0.0
		for j := range k {
			s += f(j)
		}
		return s
	}
	gap := dot(func(j int) float64 { return mA[j]*bA[j] - mB[j]*bB[j] })
	e := dot(func(j int) float64 { return (mA[j] - mB[j]) * bB[j] })
	c := dot(func(j int) float64 { return mB[j] * (bA[j] - bB[j]) })
	in := dot(func(j int) float64 { return (mA[j] - mB[j]) * (bA[j] - bB[j]) })
	out := []float64{e, c, in}
	for _, ref := range []func(j int) float64{
		func(j int) float64 { return bA[j] },
		func(j int) float64 { return bB[j] },
		func(j int) float64 { return (bA[j] + bB[j]) / 2 },
		func(j int) float64 { return bN[j] },
		func(j int) float64 { return bP[j] },
	} {
		ex := dot(func(j int) float64 { return (mA[j] - mB[j]) * ref(j) })
		out = append(out, ex, gap-ex)
	}
	return out
}

// seKeys names the components of decompose, in order.
func seKeys() []string {
	keys := []string{"endowments", "coefficients", "interaction"}
	for _, k := range twofoldKeys {
		keys = append(keys, k+".explained", k+".unexplained")
	}
	return keys
}

// bootstrap fills r.SE from stratified resamples, fitted by normal
// equations accumulated per group: the pooled fits need only the two
// groups' X'X, X'y and column sums.
func (r *OaxacaResult) bootstrap(rawA blas64.General, yA []float64, rawB blas64.General, yB []float64, k, B int, seed uint64) {
	rng := NewRand(seed)
	keys := seKeys()
	sum := make([]float64, len(keys))
	sumsq := make([]float64, len(keys))
	sA, sB := newSuffStats(k), newSuffStats(k)
	k1 := k + 1
	xtx := make([]float64, k1*k1)
	xty := make([]float64, k1)
	bA, bB := make([]float64, k), make([]float64, k)
	bN, bP := make([]float64, k), make([]float64, k1)
	work := make([]float64, k1*k1+k1)
	used, failed := 0, 0
	for range B {
		sA.resample(rng, rawA, yA)
		sB.resample(rng, rawB, yB)
		ok := solveSym(sA.xtx, sA.xty, k, bA, work) && solveSym(sB.xtx, sB.xty, k, bB, work)
		// Neumark: X'X_A + X'X_B.
		for a := range k {
			for b := range k {
				xtx[a*k+b] = sA.xtx[a*k+b] + sB.xtx[a*k+b]
			}
			xty[a] = sA.xty[a] + sB.xty[a]
		}
		ok = ok && solveSym(xtx[:k*k], xty[:k], k, bN, work)
		// Pooled with indicator d (1 in A): X'd = Σ_A x, d'd = nA, d'y = Σ_A y.
		for a := range k {
			for b := range k {
				xtx[a*k1+b] = sA.xtx[a*k+b] + sB.xtx[a*k+b]
			}
			xtx[a*k1+k] = sA.sumx[a]
			xtx[k*k1+a] = sA.sumx[a]
			xty[a] = sA.xty[a] + sB.xty[a]
		}
		xtx[k*k1+k] = float64(sA.n)
		xty[k] = sA.sumy
		ok = ok && solveSym(xtx, xty, k1, bP, work)
		if !ok {
			failed++
			continue
		}
		for j := range k {
			sA.sumx[j] /= float64(sA.n)
			sB.sumx[j] /= float64(sB.n)
		}
		comp := decompose(sA.sumx, sB.sumx, bA, bB, bN, bP[:k])
		for i, v := range comp {
			sum[i] += v
			sumsq[i] += v * v
		}
		used++
	}
	if failed > 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("oaxaca: %d of %d bootstrap resamples had a singular design and were skipped", failed, B))
	}
	if used < 2 {
		r.Warnings = append(r.Warnings, errors.New("oaxaca: fewer than 2 usable bootstrap resamples; no standard errors"))
		return
	}
	u := float64(used)
	for i, key := range keys {
		m := sum[i] / u
		r.SE[key] = math.Sqrt(math.Max(0, (sumsq[i]-u*m*m)/(u-1)))
	}
}

// suffStats holds X'X, X'y and sums of a (resampled) group.
type suffStats struct {
	k         int
	xtx       []float64
	xty, sumx []float64
	sumy      float64
	n         int
}

func newSuffStats(k int) *suffStats {
	return &suffStats{k: k, xtx: make([]float64, k*k), xty: make([]float64, k), sumx: make([]float64, k)}
}

// resample draws the group's rows with replacement and accumulates.
func (s *suffStats) resample(rng interface{ IntN(int) int }, raw blas64.General, y []float64) {
	k := s.k
	clear(s.xtx)
	clear(s.xty)
	clear(s.sumx)
	s.sumy = 0
	n := len(y)
	s.n = n
	for range n {
		i := rng.IntN(n)
		x := raw.Data[i*raw.Stride : i*raw.Stride+k]
		for a, xa := range x {
			s.xty[a] += xa * y[i]
			s.sumx[a] += xa
			row := s.xtx[a*k : a*k+k]
			for b := a; b < k; b++ {
				row[b] += xa * x[b]
			}
		}
		s.sumy += y[i]
	}
	for a := range k {
		for b := 0; b < a; b++ {
			s.xtx[a*k+b] = s.xtx[b*k+a]
		}
	}
}

// solveSym solves the k×k symmetric positive definite system A·x = b by
// Cholesky after scaling A to unit diagonal; work holds k²+k scratch. It
// reports false when A is not numerically positive definite.
func solveSym(A, b []float64, k int, x, work []float64) bool {
	L, d := work[:k*k], work[k*k:k*k+k]
	for j := range k {
		if !(A[j*k+j] > 0) {
			return false
		}
		d[j] = 1 / math.Sqrt(A[j*k+j])
	}
	for i := range k {
		for j := 0; j <= i; j++ {
			s := A[i*k+j] * d[i] * d[j]
			for l := range j {
				s -= L[i*k+l] * L[j*k+l]
			}
			if i == j {
				if !(s > 1e-12) {
					return false
				}
				L[i*k+i] = math.Sqrt(s)
			} else {
				L[i*k+j] = s / L[j*k+j]
			}
		}
	}
	// (DAD)z = Db, x = Dz.
	for i := range k {
		s := b[i] * d[i]
		for l := range i {
			s -= L[i*k+l] * x[l]
		}
		x[i] = s / L[i*k+i]
	}
	for i := k - 1; i >= 0; i-- {
		s := x[i]
		for l := i + 1; l < k; l++ {
			s -= L[l*k+i] * x[l]
		}
		x[i] = s / L[i*k+i]
	}
	for i := range k {
		x[i] *= d[i]
	}
	return true
}

func colMeans(raw blas64.General, n, k int) []float64 {
	m := make([]float64, k)
	for i := range n {
		for j, v := range raw.Data[i*raw.Stride : i*raw.Stride+k] {
			m[j] += v
		}
	}
	for j := range m {
		m[j] /= float64(n)
	}
	return m
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
