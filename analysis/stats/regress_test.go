package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// OLS against R's lm (testdata/reference.R); one case has a column offset
// by 1000 to exercise conditioning.
func TestOLSAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "ols/") {
		c := ref[name]
		got, err := OLS(dense(c["dim"], c["X"]), c["y"])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for j := range got.Coef {
			check(t, fmt.Sprintf("%s Coef[%d]", name, j), got.Coef[j], c["coef"][j], refTol)
			check(t, fmt.Sprintf("%s SE[%d]", name, j), got.SE[j], c["se"][j], refTol)
		}
		check(t, name+" RSS", got.RSS, c["rss"][0], refTol)
	}
}

func TestOLSErrors(t *testing.T) {
	X := mat.NewDense(4, 3, []float64{1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8}) // col 2 = 2·col 1
	if _, err := OLS(X, []float64{1, 2, 3, 5}); !errors.Is(err, ErrRankDeficient) {
		t.Errorf("collinear: err = %v, want ErrRankDeficient", err)
	}
	X = mat.NewDense(3, 2, []float64{1, 0, 1, 0, 1, 0}) // zero column
	if _, err := OLS(X, []float64{1, 2, 3}); !errors.Is(err, ErrRankDeficient) {
		t.Errorf("zero column: err = %v, want ErrRankDeficient", err)
	}
	X = mat.NewDense(3, 2, []float64{1, 0, 1, math.NaN(), 1, 2})
	if _, err := OLS(X, []float64{1, 2, 3}); err == nil || !strings.Contains(err.Error(), "row 1 column 1") {
		t.Errorf("NaN: err = %v, want it to name row 1 column 1", err)
	}
	if _, err := OLS(mat.NewDense(2, 2, []float64{1, 0, 1, 1}), []float64{1, 2}); err == nil {
		t.Error("n = k: want an error")
	}
	if _, err := OLS(mat.NewDense(3, 1, []float64{1, 1, 1}), []float64{1, 2}); err == nil {
		t.Error("length mismatch: want an error")
	}
	if _, err := OLS(nil, nil); err == nil {
		t.Error("nil X: want an error")
	}
	// Identical y values: a perfect fit is not an error.
	got, err := OLS(mat.NewDense(3, 2, []float64{1, 0, 1, 1, 1, 2}), []float64{4, 4, 4})
	if err != nil || math.Abs(got.Coef[0]-4) > 1e-12 || math.Abs(got.Coef[1]) > 1e-12 || got.RSS > 1e-20 {
		t.Errorf("constant y: %+v, %v; want coef (4, 0), RSS 0", got, err)
	}
}

// Logit against R's glm(family = binomial) run to epsilon 1e-14
// (testdata/reference.R).
func TestLogitAgainstR(t *testing.T) {
	ref := loadRef(t, "reference_R.txt")
	for _, name := range casesWithPrefix(ref, "logit/") {
		c := ref[name]
		got, err := Logit(dense(c["dim"], c["X"]), c["y"])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for j := range got.Coef {
			check(t, fmt.Sprintf("%s Coef[%d]", name, j), got.Coef[j], c["coef"][j], refTol)
			check(t, fmt.Sprintf("%s SE[%d]", name, j), got.SE[j], c["se"][j], refTol)
		}
		check(t, name+" LogLik", got.LogLik, c["loglik"][0], refTol)
		check(t, name+" LogLikNull", got.LogLikNull, c["loglik_null"][0], refTol)
	}
}

// AME against statsmodels' get_margeff(at="overall", dummy=True)
// (testdata/reference.py).
func TestLogitAMEAgainstStatsmodels(t *testing.T) {
	ref := loadRef(t, "reference_py.txt")
	for _, name := range casesWithPrefix(ref, "ame/") {
		c := ref[name]
		X := dense(c["dim"], c["X"])
		got, err := Logit(X, c["y"])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for j := range got.Coef {
			check(t, fmt.Sprintf("%s Coef[%d]", name, j), got.Coef[j], c["coef"][j], refTol)
			check(t, fmt.Sprintf("%s SE[%d]", name, j), got.SE[j], c["se"][j], refTol)
		}
		ame, se := got.AME(X, len(got.Coef)-1)
		check(t, name+" AME", ame, c["ame"][0], refTol)
		check(t, name+" AME SE", se, c["ame_se"][0], refTol)
	}
}

// readTable reads a numeric table from testdata/reference:
// comma-separated with a quoted header, or, when sep is ' ', spector.csv's
// space-separated layout. Empty cells become NaN.
func readTable(t *testing.T, name string, sep rune) (header []string, rows [][]float64) {
	t.Helper()
	f, err := os.Open(refPath(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = sep
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range recs[0] {
		header = append(header, strings.Trim(h, `'"`))
	}
	for i, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for j, s := range rec {
			s = strings.Trim(s, `"`)
			if s == "" {
				row[j] = math.NaN()
				continue
			}
			if row[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s:%d: column %q: %v", name, i+2, header[j], err)
			}
		}
		rows = append(rows, row)
	}
	return header, rows
}

// column index by name.
func col(t *testing.T, header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return -1
}

// Published: Stata 11 logit of GRADE on GPA, TUCE, PSI (statsmodels'
// results_discrete.py, class Spector; testdata/reference/EXPECTED_PUBLISHED.md §6). The R 4.2.2
// SEs listed there come from glm's default epsilon 1e-8 and differ from the
// converged ones in the 6th digit; glm with epsilon 1e-14 and statsmodels
// (Newton, tol 1e-14) give SE(GPA) 1.262941075528, as we do to 1e-10.
func TestLogitSpectorPublished(t *testing.T) {
	h, rows := readTable(t, "spector.csv", ' ')
	X := mat.NewDense(len(rows), 4, nil)
	y := make([]float64, len(rows))
	for i, r := range rows {
		X.SetRow(i, []float64{r[col(t, h, "GPA")], r[col(t, h, "TUCE")], r[col(t, h, "PSI")], 1})
		y[i] = r[col(t, h, "GRADE")]
	}
	got, err := Logit(X, y)
	if err != nil {
		t.Fatal(err)
	}
	stataCoef := []float64{2.82611297201, 0.0951576702557, 2.37868772835, -13.0213483201}
	stataSE := []float64{1.26294114526, 0.141554207662, 1.06456430165, 4.93132462871}
	for j := range 4 {
		check(t, fmt.Sprintf("spector Coef[%d] vs Stata", j), got.Coef[j], stataCoef[j], 2e-6)
		check(t, fmt.Sprintf("spector SE[%d] vs Stata", j), got.SE[j], stataSE[j], 1e-6)
	}
	check(t, "spector LogLik", got.LogLik, -12.8896334653335, 1e-7)
	check(t, "spector LogLikNull", got.LogLikNull, -20.5917296966173, 1e-12)
	or, lo, hi := got.OddsRatio(2, 0.95)
	check(t, "spector OR(PSI)", or, math.Exp(got.Coef[2]), 1e-15)
	check(t, "spector OR(PSI) lo", lo, math.Exp(got.Coef[2]-1.959963984540054*got.SE[2]), 1e-12)
	check(t, "spector OR(PSI) hi", hi, math.Exp(got.Coef[2]+1.959963984540054*got.SE[2]), 1e-12)
}

// Published: UCLA admissions logit, admit ~ gre + gpa + factor(rank), R
// 4.2.2 glm values in testdata/reference/EXPECTED_PUBLISHED.md §6.
func TestLogitBinaryPublished(t *testing.T) {
	h, rows := readTable(t, "binary.csv", ',')
	X := mat.NewDense(len(rows), 6, nil)
	y := make([]float64, len(rows))
	for i, r := range rows {
		rank := r[col(t, h, "rank")]
		d := func(k float64) float64 {
			if rank == k {
				return 1
			}
			return 0
		}
		X.SetRow(i, []float64{1, r[col(t, h, "gre")], r[col(t, h, "gpa")], d(2), d(3), d(4)})
		y[i] = r[col(t, h, "admit")]
	}
	got, err := Logit(X, y)
	if err != nil {
		t.Fatal(err)
	}
	coef := []float64{-3.989979073, 0.002264426, 0.804037549, -0.675442928, -1.340203916, -1.551463677}
	se := []float64{1.139950936, 0.001093998, 0.331819298, 0.316489661, 0.345306418, 0.417831633}
	for j := range coef {
		check(t, fmt.Sprintf("binary Coef[%d]", j), got.Coef[j], coef[j], 1e-6)
		check(t, fmt.Sprintf("binary SE[%d]", j), got.SE[j], se[j], 1e-6)
	}
	check(t, "binary LogLik", got.LogLik, -229.2587462, 1e-9)
}

func TestLogitErrors(t *testing.T) {
	rows := func(v ...float64) *mat.Dense { return mat.NewDense(len(v)/2, 2, v) }
	for _, tc := range []struct {
		name string
		X    *mat.Dense
		y    []float64
		want error
	}{
		{"complete separation", rows(1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6), []float64{0, 0, 0, 1, 1, 1}, ErrSeparation},
		{"group with all successes", rows(1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1), []float64{0, 1, 0, 1, 1, 1}, ErrSeparation},
		{"outcome constant", rows(1, 0, 1, 1, 1, 2, 1, 3), []float64{1, 1, 1, 1}, ErrSeparation},
		{"collinear", mat.NewDense(5, 3, []float64{1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8, 1, 5, 10}), []float64{0, 1, 0, 1, 1}, ErrRankDeficient},
	} {
		got, err := Logit(tc.X, tc.y)
		if !errors.Is(err, tc.want) || got != nil {
			t.Errorf("%s: %v, %v; want error %v and no result", tc.name, got, err, tc.want)
		}
	}
	// Quasi-complete separation in a continuous direction, not caught by the
	// two-valued column check: y = 1 exactly when x1 + x2 > 0.
	n := 40
	X := mat.NewDense(n, 3, nil)
	y := make([]float64, n)
	rng := NewRand(3)
	for i := range n {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		X.SetRow(i, []float64{1, a, b})
		if a+b > 0 {
			y[i] = 1
		}
	}
	if got, err := Logit(X, y); !errors.Is(err, ErrSeparation) {
		t.Errorf("separated by x1 + x2: %+v, %v; want ErrSeparation", got, err)
	}
	if _, err := Logit(rows(1, 0, 1, 1, 1, 2), []float64{0, 2, 1}); err == nil || !strings.Contains(err.Error(), "row 1") {
		t.Errorf("y = 2: err %v, want it to name row 1", err)
	}
	if _, err := Logit(rows(1, 0, 1, 1, 1, 2), []float64{0, math.NaN(), 1}); err == nil {
		t.Error("NaN y: want an error")
	}
}

func TestLogitAccessorsOutOfRange(t *testing.T) {
	var r *LogitResult
	if or, _, _ := r.OddsRatio(0, 0.95); !math.IsNaN(or) {
		t.Error("nil result OddsRatio: want NaN")
	}
	r = &LogitResult{Coef: []float64{1}, SE: []float64{1}, Cov: mat.NewSymDense(1, []float64{1})}
	if or, _, _ := r.OddsRatio(3, 0.95); !math.IsNaN(or) {
		t.Error("OddsRatio(3): want NaN")
	}
	if ame, se := r.AME(mat.NewDense(1, 2, nil), 0); !math.IsNaN(ame) || !math.IsNaN(se) {
		t.Error("AME with wrong column count: want NaN")
	}
}
