package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// OaxacaCells holds one group's data for OaxacaGrouped in compressed form:
// the distinct regressor rows, how many observations share each, and the
// mean and the sum of squared deviations of the outcome among them. A
// design built from categorical controls has far fewer distinct rows than
// observations, so a million-row decomposition reduces to a few thousand cells.
type OaxacaCells struct {
	X    *mat.Dense // distinct rows; column 0 is the intercept
	N    []float64  // observations per row (> 0)
	Mean []float64  // mean outcome per row
	SS   []float64  // Σ (y - Mean)² per row
}

// CellsOf returns the rows of X and y as cells of one observation each.
func CellsOf(X *mat.Dense, y []float64) *OaxacaCells {
	n, _ := X.Dims()
	c := &OaxacaCells{X: X, N: make([]float64, n), Mean: y, SS: make([]float64, n)}
	for i := range c.N {
		c.N[i] = 1
	}
	return c
}

// OaxacaDelta is Oaxaca with delta-method standard errors instead of
// bootstrap ones: OaxacaGrouped(CellsOf(XA, yA), CellsOf(XB, yB)).
func OaxacaDelta(XA *mat.Dense, yA []float64, XB *mat.Dense, yB []float64) (*OaxacaResult, error) {
	if _, _, err := checkXY(XA, yA); err != nil {
		return nil, fmt.Errorf("oaxaca: group A: %w", err)
	}
	if _, _, err := checkXY(XB, yB); err != nil {
		return nil, fmt.Errorf("oaxaca: group B: %w", err)
	}
	return OaxacaGrouped(CellsOf(XA, yA), CellsOf(XB, yB))
}

// OaxacaGrouped performs the decomposition of Oaxaca on data given as cells
// (the same estimates as Oaxaca on the expanded rows, up to rounding: the
// fits are weighted least squares on the cell means with the counts as
// weights) and fills SE with delta-method standard errors that treat both
// the coefficients and the regressor means as random (Jann 2008, §3.2):
// every component c = f(x̄A, x̄B, β̂A, β̂B, β̂N, β̂P) is linearised and
//
//	Var(c) = Σᵢ ψᵢ²,  ψᵢ = ∇μf'(xᵢ-x̄_g)/n_g + Σₘ (Mₘ⁻¹∇βₘf)'zₘᵢ·(yᵢ - zₘᵢ'β̂ₘ),
//
// summing over the observations of both groups, where m runs over the fits
// that use observation i (its group's, the Neumark pooled and the pooled
// with group dummy), zₘᵢ is its regressor row in fit m and Mₘ = Σ zz' that
// fit's cross-product matrix. This is the sandwich (heteroskedasticity-
// robust) variance of the stacked estimating equations, so it accounts for
// the correlation of the pooled coefficients with the groups' own — what
// Stata's oaxaca obtains through suest — and it is what the stratified
// pairs bootstrap of Oaxaca estimates; the two agree in large samples. The
// O(1/n²) product term of Jann's formula is left out. Cost: O(cells·k²).
//
// Each cell contributes Σᵢ ψᵢ² = Nₚ(α+γ·Meanₚ)² + γ²·SSₚ, because ψᵢ = α + γyᵢ
// within a cell. Errors are those of Oaxaca, plus counts that are not
// positive and finite.
//
// Reference: Jann, B. (2008). The Blinder–Oaxaca decomposition for linear
// regression models. Stata Journal 8, 453–479. Jann, B. (2005). Standard
// errors for the Blinder–Oaxaca decomposition. German Stata Users' Group
// meeting, Berlin.
func OaxacaGrouped(A, B *OaxacaCells) (*OaxacaResult, error) {
	k := 0
	for g, c := range []*OaxacaCells{A, B} {
		kg, err := c.check()
		if err != nil {
			return nil, fmt.Errorf("oaxaca: group %c: %w", "AB"[g], err)
		}
		if g == 0 {
			k = kg
		} else if kg != k {
			return nil, fmt.Errorf("oaxaca: group A has %d columns, group B %d", k, kg)
		}
	}
	accA, accB := newQRAcc(k), newQRAcc(k)
	accN, accP := newQRAcc(k), newQRAcc(k+1)
	row := make([]float64, k+1)
	var nA, nB float64
	add := func(c *OaxacaCells, acc *qrAcc, dummy float64) float64 {
		raw := c.X.RawMatrix()
		tot := 0.0
		for i, w := range c.N {
			x := raw.Data[i*raw.Stride : i*raw.Stride+k]
			acc.add(x, c.Mean[i], w)
			accN.add(x, c.Mean[i], w)
			copy(row, x)
			row[k] = dummy
			accP.add(row, c.Mean[i], w)
			tot += w
		}
		return tot
	}
	nA = add(A, accA, 1)
	nB = add(B, accB, 0)
	// The residual degrees of freedom count observations, not cells.
	accA.n, accB.n = int(nA), int(nB)
	accN.n, accP.n = int(nA+nB), int(nA+nB)
	if nA <= float64(k) || nB <= float64(k) {
		return nil, fmt.Errorf("oaxaca: %g and %g observations for %d coefficients leave no residual degrees of freedom", nA, nB, k)
	}
	fits := make([][]float64, 4)
	for i, acc := range []*qrAcc{accA, accB, accN, accP} {
		f, err := acc.solve()
		if err != nil {
			return nil, fmt.Errorf("oaxaca: %s regression: %w", []string{"group A", "group B", "pooled (Neumark)", "pooled with group indicator"}[i], err)
		}
		fits[i] = f.Coef
	}
	mA, yA := A.means(k, nA)
	mB, yB := B.means(k, nB)
	res := &OaxacaResult{NA: int(math.Round(nA)), NB: int(math.Round(nB)), MeanA: yA, MeanB: yB, Gap: yA - yB, SE: map[string]float64{}, SEMethod: SEDelta}
	comp := decompose(mA, mB, fits[0], fits[1], fits[2], fits[3][:k])
	res.Endowments, res.Coefficients, res.Interaction = comp[0], comp[1], comp[2]
	res.Twofold = make(map[string]TwofoldPart, len(twofoldKeys))
	for i, key := range twofoldKeys {
		res.Twofold[key] = TwofoldPart{Explained: comp[3+2*i], Unexplained: comp[4+2*i]}
	}
	if err := res.deltaSE(A, B, k, nA, nB, mA, mB, fits); err != nil {
		res.Warnings = append(res.Warnings, err)
	}
	return res, nil
}

func (c *OaxacaCells) check() (int, error) {
	if c == nil || c.X == nil || c.X.IsEmpty() {
		return 0, errors.New("no data")
	}
	n, k := c.X.Dims()
	if len(c.N) != n || len(c.Mean) != n || len(c.SS) != n {
		return 0, fmt.Errorf("%d rows but %d counts, %d means and %d sums of squares", n, len(c.N), len(c.Mean), len(c.SS))
	}
	raw := c.X.RawMatrix()
	for i := range n {
		for j, v := range raw.Data[i*raw.Stride : i*raw.Stride+k] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("row %d column %d: X value %v", i, j, v)
			}
		}
		if raw.Data[i*raw.Stride] != 1 {
			return 0, errors.New("column 0 must be the intercept (all ones)")
		}
		if !(c.N[i] > 0) || math.IsInf(c.N[i], 0) {
			return 0, fmt.Errorf("row %d: count %v must be positive", i, c.N[i])
		}
		if math.IsNaN(c.Mean[i]) || math.IsInf(c.Mean[i], 0) || !(c.SS[i] >= 0) || math.IsInf(c.SS[i], 0) {
			return 0, fmt.Errorf("row %d: outcome mean %v, sum of squares %v", i, c.Mean[i], c.SS[i])
		}
	}
	return k, nil
}

// means returns the weighted column means and the mean outcome.
func (c *OaxacaCells) means(k int, n float64) ([]float64, float64) {
	raw := c.X.RawMatrix()
	m := make([]float64, k)
	y := 0.0
	for i, w := range c.N {
		for j, v := range raw.Data[i*raw.Stride : i*raw.Stride+k] {
			m[j] += w * v
		}
		y += w * c.Mean[i]
	}
	for j := range m {
		m[j] /= n
	}
	return m, y / n
}

// crossProducts returns Σ N·xx' (k×k) and Σ N·x.
func (c *OaxacaCells) crossProducts(k int) (M, s []float64) {
	raw := c.X.RawMatrix()
	M, s = make([]float64, k*k), make([]float64, k)
	for i, w := range c.N {
		x := raw.Data[i*raw.Stride : i*raw.Stride+k]
		for a, xa := range x {
			s[a] += w * xa
			for b := a; b < k; b++ {
				M[a*k+b] += w * xa * x[b]
			}
		}
	}
	for a := range k {
		for b := 0; b < a; b++ {
			M[a*k+b] = M[b*k+a]
		}
	}
	return M, s
}

// oaxGrad is the gradient of one component with respect to the regressor
// means and the four coefficient vectors (bP has k+1 entries).
type oaxGrad struct{ muA, muB, bA, bB, bN, bP []float64 }

func newOaxGrad(k int) *oaxGrad {
	return &oaxGrad{make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k+1)}
}

// sub returns g - h.
func (g *oaxGrad) sub(h *oaxGrad) *oaxGrad {
	out := newOaxGrad(len(g.muA))
	for _, p := range [][3][]float64{{out.muA, g.muA, h.muA}, {out.muB, g.muB, h.muB}, {out.bA, g.bA, h.bA},
		{out.bB, g.bB, h.bB}, {out.bN, g.bN, h.bN}, {out.bP, g.bP, h.bP}} {
		for j := range p[0] {
			p[0][j] = p[1][j] - p[2][j]
		}
	}
	return out
}

// oaxGrads returns the gradients of the components of decompose, in its order.
func oaxGrads(k int, mA, mB, bA, bB, bN, bP []float64) []*oaxGrad {
	dx, db := make([]float64, k), make([]float64, k)
	for j := range k {
		dx[j], db[j] = mA[j]-mB[j], bA[j]-bB[j]
	}
	neg := func(v []float64) []float64 {
		o := make([]float64, len(v))
		for j := range v {
			o[j] = -v[j]
		}
		return o
	}
	gap := newOaxGrad(k)
	copy(gap.muA, bA)
	copy(gap.muB, neg(bB))
	copy(gap.bA, mA)
	copy(gap.bB, neg(mB))
	e, c, in := newOaxGrad(k), newOaxGrad(k), newOaxGrad(k)
	copy(e.muA, bB)
	copy(e.muB, neg(bB))
	copy(e.bB, dx)
	copy(c.muB, db)
	copy(c.bA, mB)
	copy(c.bB, neg(mB))
	copy(in.muA, db)
	copy(in.muB, neg(db))
	copy(in.bA, dx)
	copy(in.bB, neg(dx))
	out := []*oaxGrad{e, c, in}
	for _, key := range twofoldKeys {
		ex := newOaxGrad(k)
		for j := range k {
			var ref float64
			switch key {
			case "A":
				ref, ex.bA[j] = bA[j], dx[j]
			case "B":
				ref, ex.bB[j] = bB[j], dx[j]
			case "0.5":
				ref, ex.bA[j], ex.bB[j] = (bA[j]+bB[j])/2, dx[j]/2, dx[j]/2
			case "neumark":
				ref, ex.bN[j] = bN[j], dx[j]
			case "pooled":
				ref, ex.bP[j] = bP[j], dx[j]
			}
			ex.muA[j], ex.muB[j] = ref, -ref
		}
		out = append(out, ex, gap.sub(ex))
	}
	return out
}

// deltaSE fills r.SE with the delta-method standard errors described at
// OaxacaGrouped.
func (r *OaxacaResult) deltaSE(A, B *OaxacaCells, k int, nA, nB float64, mA, mB []float64, fits [][]float64) error {
	bA, bB, bN, bP := fits[0], fits[1], fits[2], fits[3]
	MA, sA := A.crossProducts(k)
	MB, _ := B.crossProducts(k)
	k1 := k + 1
	MN := make([]float64, k*k)
	MP := make([]float64, k1*k1)
	for a := range k {
		for b := range k {
			MN[a*k+b] = MA[a*k+b] + MB[a*k+b]
			MP[a*k1+b] = MN[a*k+b]
		}
		MP[a*k1+k], MP[k*k1+a] = sA[a], sA[a]
	}
	MP[k*k1+k] = nA
	work := make([]float64, k1*k1+k1)
	solve := func(M, g []float64, n int) ([]float64, bool) {
		x := make([]float64, n)
		for _, v := range g {
			if v != 0 {
				return x, solveSym(M, g, n, x, work)
			}
		}
		return x, true // zero gradient: nothing to solve
	}
	grads := oaxGrads(k, mA, mB, bA, bB, bN, bP[:k])
	type coefs struct{ aA, aB, aN, aP []float64 }
	as := make([]coefs, len(grads))
	for c, g := range grads {
		var ok [4]bool
		as[c].aA, ok[0] = solve(MA, g.bA, k)
		as[c].aB, ok[1] = solve(MB, g.bB, k)
		as[c].aN, ok[2] = solve(MN, g.bN, k)
		as[c].aP, ok[3] = solve(MP, g.bP, k1)
		if !(ok[0] && ok[1] && ok[2] && ok[3]) {
			return errors.New("oaxaca: cross-product matrix not positive definite; no delta-method standard errors")
		}
	}
	v := make([]float64, len(grads))
	dot := func(a, x []float64) float64 {
		s := 0.0
		for j, xj := range x {
			s += a[j] * xj
		}
		return s
	}
	pass := func(c *OaxacaCells, inA bool) {
		raw := c.X.RawMatrix()
		mu, n, bG := mB, nB, bB
		d := 0.0
		if inA {
			mu, n, bG, d = mA, nA, bA, 1
		}
		for i, w := range c.N {
			x := raw.Data[i*raw.Stride : i*raw.Stride+k]
			fG, fN := dot(bG, x), dot(bN, x)
			fP := dot(bP[:k], x) + bP[k]*d
			for ci, g := range grads {
				a := &as[ci]
				gmu, aG := g.muB, a.aB
				if inA {
					gmu, aG = g.muA, a.aA
				}
				// ψ = α + γy within the cell.
				uG, uN := dot(aG, x), dot(a.aN, x)
				uP := dot(a.aP[:k], x) + a.aP[k]*d
				alpha := -uG*fG - uN*fN - uP*fP
				for j, xj := range x {
					alpha += gmu[j] * (xj - mu[j]) / n
				}
				gamma := uG + uN + uP
				e := alpha + gamma*c.Mean[i]
				v[ci] += w*e*e + gamma*gamma*c.SS[i]
			}
		}
	}
	pass(A, true)
	pass(B, false)
	for i, key := range seKeys() {
		r.SE[key] = math.Sqrt(v[i])
	}
	return nil
}
