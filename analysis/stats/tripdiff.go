package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// ErrNoVariation is returned (wrapped) when the outcome is constant within
// every cell of a design, so that a robust standard error is zero and no
// test or interval exists.
var ErrNoVariation = errors.New("outcome does not vary within any cell")

// DDDCell is one group × pilot × after cell of a triple difference.
type DDDCell struct {
	// N records with outcome mean Mean; SS is Σ(y - Mean)², the cell's
	// contribution to the HC1 meat.
	N        int
	Mean, SS float64
}

// TripleDiffResult is a triple difference with its HC1 robust inference.
type TripleDiffResult struct {
	// DDD = (Gap[1][1] - Gap[1][0]) - (Gap[0][1] - Gap[0][0]), the
	// coefficient of group × pilot × after.
	DDD float64
	// SE is the HC1 robust standard error of DDD and SEClassical the
	// homoskedastic OLS one (σ̂²·Σ 1/n), for comparison.
	SE, SEClassical float64
	// T = DDD/SE on DF = N - 8 degrees of freedom, P its two-sided p-value
	// and [CILow, CIHigh] the Conf interval DDD ± t_{DF}·SE.
	T, P          float64
	DF            int
	CILow, CIHigh float64
	Conf          float64
	N             int
	// Cells[p][a][g]: p = 1 in the pilot boards, a = 1 after the start,
	// g = 1 in the focal group.
	Cells [2][2][2]DDDCell
	// Gap[p][a] = Cells[p][a][1].Mean - Cells[p][a][0].Mean, the focal
	// minus reference gap in each of the four board × period cells.
	Gap [2][2]float64
	// PilotChange = Gap[1][1] - Gap[1][0] and OtherChange = Gap[0][1] -
	// Gap[0][0], so DDD = PilotChange - OtherChange.
	PilotChange, OtherChange float64
	Warnings                 []error
}

// dddCellName names cell [p][a][g] in errors and warnings.
func dddCellName(p, a, g int) string {
	return fmt.Sprintf("%s boards, %s, %s group",
		[]string{"other", "pilot"}[p], []string{"before", "after"}[a], []string{"reference", "focal"}[g])
}

// TripleDiff returns the triple difference of the mean of y between the
// focal (group true) and reference group, in pilot and other boards, after
// and before a start:
//
//	DDD = [(ȳ_{g,p,a} - ȳ_{r,p,a}) - (ȳ_{g,p,b} - ȳ_{r,p,b})]
//	    - [(ȳ_{g,o,a} - ȳ_{r,o,a}) - (ȳ_{g,o,b} - ȳ_{r,o,b})],
//
// which is exactly the coefficient of group × pilot × after in the
// record-level linear model (a linear probability model when y is 0/1)
//
//	y ~ group * pilot * after   (intercept, 3 main effects, 3 two-way and
//	                             the three-way interaction: k = 8)
//
// fitted by OLS: the model is saturated in the eight cells, so its fitted
// values are the cell means. For the same reason its HC1 sandwich variance
// (X'X)⁻¹ [Σ eᵢ² xᵢxᵢ'] (X'X)⁻¹ · n/(n-k) reduces, for the ±1 contrast of
// cell means that DDD is, to
//
//	SE² = n/(n-8) · Σ_cells SS_c / n_c²,   SS_c = Σ_{i∈c} (yᵢ - ȳ_c)²,
//
// so TripleDiff computes it from the cells in two passes over the records
// (sums and counts, then centred squares) in O(1) memory, with no design
// matrix. The result equals R's coef and sandwich::vcovHC(type = "HC1") of
// lm(y ~ group * pilot * after), statsmodels' OLS(...).fit(cov_type =
// "HC1"), and OLSHC1 on the record-level design (see tripdiff_test.go). T is
// referred to Student's t on n - 8 degrees of freedom (as Stata's regress,
// vce(robust), lmtest::coeftest with the HC1 vcov, and statsmodels with
// use_t = True); with the record counts of a board this is the normal
// interval to many digits.
//
// It returns an error, never NaN, when the slices' lengths differ, y holds a
// NaN or infinity (naming the record), conf is not in (0, 1), a cell has no
// records (naming it), n ≤ 8, or y is constant within every cell
// (ErrNoVariation). A cell whose outcome does not vary (SS = 0 — all zeros
// or all ones in a linear probability model) comes back as a warning: HC1
// then takes that cell's variance as zero, which understates SE when the
// cell is small.
//
// References: Gruber, J. (1994). The incidence of mandated maternity
// benefits. American Economic Review 84, 622–641 (the triple difference).
// MacKinnon, J. G., White, H. (1985). Some heteroskedasticity-consistent
// covariance matrix estimators with improved finite sample properties.
// Journal of Econometrics 29, 305–325 (HC1).
func TripleDiff(y []float64, group, pilot, after []bool, conf float64) (TripleDiffResult, error) {
	var r TripleDiffResult
	n := len(y)
	if len(group) != n || len(pilot) != n || len(after) != n {
		return r, fmt.Errorf("triple difference: %d outcomes but %d group, %d pilot and %d after flags", n, len(group), len(pilot), len(after))
	}
	if !(conf > 0 && conf < 1) {
		return r, fmt.Errorf("triple difference: confidence level %v not in (0, 1)", conf)
	}
	var sum [8]float64
	var cnt [8]int
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return r, fmt.Errorf("triple difference: record %d: outcome %v", i, v)
		}
		c := dddIndex(pilot[i], after[i], group[i])
		sum[c] += v
		cnt[c]++
	}
	var mean, ss [8]float64
	for c := range 8 {
		if cnt[c] == 0 {
			return r, fmt.Errorf("triple difference: no records in the cell %s", dddCellName(c>>2, c>>1&1, c&1))
		}
		mean[c] = sum[c] / float64(cnt[c])
	}
	for i, v := range y {
		c := dddIndex(pilot[i], after[i], group[i])
		d := v - mean[c]
		ss[c] += d * d
	}
	return tripleDiffFromCells(cnt, mean, ss, conf)
}

// dddIndex is the cell index p·4 + a·2 + g.
func dddIndex(p, a, g bool) int {
	c := 0
	if p {
		c |= 4
	}
	if a {
		c |= 2
	}
	if g {
		c |= 1
	}
	return c
}

// dddSign is the coefficient of cell c (index p·4 + a·2 + g) in DDD.
func dddSign(c int) float64 {
	if (c>>2^c>>1^c)&1 == 1 {
		return 1
	}
	return -1
}

// tripleDiffFromCells finishes TripleDiff from the eight cells' counts,
// means and centred sums of squares (all counts positive).
func tripleDiffFromCells(cnt [8]int, mean, ss [8]float64, conf float64) (TripleDiffResult, error) {
	var r TripleDiffResult
	r.Conf = conf
	var v0, inv, rss float64
	for c := range 8 {
		p, a, g := c>>2, c>>1&1, c&1
		r.Cells[p][a][g] = DDDCell{N: cnt[c], Mean: mean[c], SS: ss[c]}
		r.N += cnt[c]
		nc := float64(cnt[c])
		v0 += ss[c] / (nc * nc)
		inv += 1 / nc
		rss += ss[c]
		if ss[c] == 0 {
			r.Warnings = append(r.Warnings, fmt.Errorf("triple difference: the outcome does not vary in the cell %s (%d records); HC1 takes its variance as zero", dddCellName(p, a, g), cnt[c]))
		}
	}
	for p := range 2 {
		for a := range 2 {
			r.Gap[p][a] = r.Cells[p][a][1].Mean - r.Cells[p][a][0].Mean
		}
	}
	r.PilotChange = r.Gap[1][1] - r.Gap[1][0]
	r.OtherChange = r.Gap[0][1] - r.Gap[0][0]
	r.DDD = r.PilotChange - r.OtherChange
	r.DF = r.N - 8
	if r.DF <= 0 {
		return TripleDiffResult{}, fmt.Errorf("triple difference: %d records for 8 cells leave no residual degrees of freedom", r.N)
	}
	if rss == 0 {
		return TripleDiffResult{}, fmt.Errorf("triple difference: %w, so the robust standard error is zero", ErrNoVariation)
	}
	nf := float64(r.N)
	r.SE = math.Sqrt(nf / float64(r.DF) * v0)
	r.SEClassical = math.Sqrt(rss / float64(r.DF) * inv)
	r.T = r.DDD / r.SE
	td := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(r.DF)}
	r.P = 2 * td.Survival(math.Abs(r.T))
	q := td.Quantile(1 - (1-conf)/2)
	r.CILow, r.CIHigh = r.DDD-q*r.SE, r.DDD+q*r.SE
	return r, nil
}

// RobustOLSResult is an OLS fit with its HC1 covariance.
type RobustOLSResult struct {
	OLSResult
	// RobustCov is the HC1 covariance and RobustSE the square roots of its
	// diagonal.
	RobustCov *mat.SymDense
	RobustSE  []float64
}

// OLSHC1 fits y = Xβ + ε as OLS does (Givens QR, O(k²) memory) and adds the
// HC1 heteroskedasticity-consistent covariance
//
//	V = n/(n-k) · (X'X)⁻¹ [Σ eᵢ² xᵢxᵢ'] (X'X)⁻¹,  eᵢ = yᵢ - xᵢ'β̂,
//
// with (X'X)⁻¹ = R⁻¹R⁻ᵀ from the factor and the meat accumulated in a second
// pass over the rows, so neither pass forms anything larger than k × k. It
// equals R's sandwich::vcovHC(lm(...), type = "HC1") and statsmodels'
// OLS(y, X).fit(cov_type = "HC1").cov_params(). Errors as OLS.
//
// Reference: MacKinnon, J. G., White, H. (1985). Journal of Econometrics 29,
// 305–325.
func OLSHC1(X *mat.Dense, y []float64) (*RobustOLSResult, error) {
	n, k, err := checkXY(X, y)
	if err != nil {
		return nil, err
	}
	raw := X.RawMatrix()
	row := func(i int) []float64 { return raw.Data[i*raw.Stride : i*raw.Stride+k] }
	acc := newQRAcc(k)
	for i := range n {
		acc.add(row(i), y[i], 1)
	}
	fit, err := acc.solve()
	if err != nil {
		return nil, err
	}
	meat := make([]float64, k*k) // upper triangle used
	for i := range n {
		x := row(i)
		e := y[i]
		for j, xj := range x {
			e -= xj * fit.Coef[j]
		}
		e2 := e * e
		for j, xj := range x {
			if xj == 0 {
				continue
			}
			w := e2 * xj
			mj := meat[j*k : (j+1)*k]
			for l := j; l < k; l++ {
				mj[l] += w * x[l]
			}
		}
	}
	for j := range k {
		for l := j + 1; l < k; l++ {
			meat[l*k+j] = meat[j*k+l]
		}
	}
	// bread = (X'X)⁻¹ = R⁻¹R⁻ᵀ from the factor (not Cov/σ̂², which a
	// perfect fit would make 0/0).
	rinv := upperInverse(acc.r, k, k+1)
	bread := mat.NewDense(k, k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			s := 0.0
			for l := j; l < k; l++ {
				s += rinv[i*k+l] * rinv[j*k+l]
			}
			bread.Set(i, j, s)
			bread.Set(j, i, s)
		}
	}
	var tmp, v mat.Dense
	tmp.Mul(bread, mat.NewDense(k, k, meat))
	v.Mul(&tmp, bread)
	scale := float64(n) / float64(n-k)
	res := &RobustOLSResult{OLSResult: *fit, RobustCov: mat.NewSymDense(k, nil), RobustSE: make([]float64, k)}
	for i := range k {
		for j := i; j < k; j++ {
			res.RobustCov.SetSym(i, j, scale*(v.At(i, j)+v.At(j, i))/2)
		}
		res.RobustSE[i] = math.Sqrt(res.RobustCov.At(i, i))
	}
	return res, nil
}
