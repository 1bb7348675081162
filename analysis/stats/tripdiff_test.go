package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// pilotData is testdata/pilot.csv, written by testdata/pilot.R: 777 records
// in 8 boards (0-7), boards 1, 4 and 6 the pilots.
type pilotData struct {
	board               []int32
	group, pilot, after []bool
	age, cred, wage     []float64
}

func readPilot(t testing.TB) pilotData {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "pilot.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "board,group,after,pilot,age,cred,wage" {
		t.Fatalf("pilot.csv header %q", got)
	}
	var d pilotData
	for i, rec := range recs[1:] {
		v := make([]float64, len(rec))
		for j, s := range rec {
			if v[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("pilot.csv:%d: column %d: %v", i+2, j+1, err)
			}
		}
		d.board = append(d.board, int32(v[0]))
		d.group = append(d.group, v[1] == 1)
		d.after = append(d.after, v[2] == 1)
		d.pilot = append(d.pilot, v[3] == 1)
		d.age = append(d.age, v[4])
		d.cred = append(d.cred, v[5])
		d.wage = append(d.wage, v[6])
	}
	return d
}

func (d pilotData) outcome(name string) []float64 {
	if name == "cred" {
		return d.cred
	}
	return d.wage
}

// pilotDesign is the record-level design of y ~ group * pilot * after (+
// age), columns in R's lm order: (Intercept) group pilot after [age]
// group:pilot group:after pilot:after group:pilot:after.
func pilotDesign(group, pilot, after []bool, age []float64) *mat.Dense {
	k := 8
	if age != nil {
		k = 9
	}
	X := mat.NewDense(len(group), k, nil)
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	for i := range group {
		g, p, a := b(group[i]), b(pilot[i]), b(after[i])
		row := []float64{1, g, p, a}
		if age != nil {
			row = append(row, age[i])
		}
		X.SetRow(i, append(row, g*p, g*a, p*a, g*p*a))
	}
	return X
}

// pilotTol is the agreement required with R and statsmodels here: both
// agree with each other to ~1e-13 on these data.
const pilotTol = 1e-10

// TripleDiff against R's lm + sandwich::vcovHC(type = "HC1") (pilot.R) and
// statsmodels' OLS(...).fit(cov_type = "HC1", use_t = True) (pilot.py).
func TestTripleDiffAgainstRAndStatsmodels(t *testing.T) {
	d := readPilot(t)
	for _, file := range []string{"pilot_R.txt", "pilot_py.txt"} {
		ref := loadRef(t, file)
		for _, y := range []string{"cred", "wage"} {
			c := ref["ddd/"+y]
			name := file + " " + y
			for _, conf := range []float64{0.95, 0.9} {
				got, err := TripleDiff(d.outcome(y), d.group, d.pilot, d.after, conf)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				check(t, name+" DDD", got.DDD, c["ddd"][0], pilotTol)
				check(t, name+" SE", got.SE, c["se_hc1"][0], pilotTol)
				check(t, name+" T", got.T, c["t"][0], pilotTol)
				check(t, name+" P", got.P, c["p"][0], pilotTol)
				check(t, name+" DF", float64(got.DF), c["df"][0], 0)
				ci := c[fmt.Sprintf("ci_%g", conf)]
				check(t, fmt.Sprintf("%s CILow(%g)", name, conf), got.CILow, ci[0], pilotTol)
				check(t, fmt.Sprintf("%s CIHigh(%g)", name, conf), got.CIHigh, ci[1], pilotTol)
				if file != "pilot_R.txt" {
					continue
				}
				check(t, name+" N", float64(got.N), c["n"][0], 0)
				check(t, name+" SEClassical", got.SEClassical, c["se_classical"][0], pilotTol)
				for i := range 8 {
					cell := got.Cells[i>>2][i>>1&1][i&1]
					check(t, fmt.Sprintf("%s cell %d mean", name, i), cell.Mean, c["cell_mean"][i], 1e-13)
					check(t, fmt.Sprintf("%s cell %d n", name, i), float64(cell.N), c["cell_n"][i], 0)
				}
				for p := range 2 {
					for a := range 2 {
						want := c["cell_mean"][4*p+2*a+1] - c["cell_mean"][4*p+2*a]
						check(t, fmt.Sprintf("%s Gap[%d][%d]", name, p, a), got.Gap[p][a], want, 1e-12)
					}
				}
				check(t, name+" DDD = PilotChange - OtherChange", got.PilotChange-got.OtherChange, got.DDD, 1e-15)
			}
		}
	}
}

// OLSHC1 against R and statsmodels on a non-saturated model (the wage
// triple difference with age as a covariate): every coefficient and every
// entry of the HC1 covariance.
func TestOLSHC1AgainstRAndStatsmodels(t *testing.T) {
	d := readPilot(t)
	got, err := OLSHC1(pilotDesign(d.group, d.pilot, d.after, d.age), d.wage)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"pilot_R.txt", "pilot_py.txt"} {
		c := loadRef(t, file)["hc1/wage_age"]
		for j := range 9 {
			check(t, fmt.Sprintf("%s Coef[%d]", file, j), got.Coef[j], c["coef"][j], pilotTol)
			for l := range 9 {
				check(t, fmt.Sprintf("%s RobustCov[%d][%d]", file, j, l), got.RobustCov.At(j, l), c["vcov_hc1"][9*j+l], pilotTol)
			}
			check(t, fmt.Sprintf("%s RobustSE[%d]", file, j), got.RobustSE[j], math.Sqrt(c["vcov_hc1"][10*j]), pilotTol)
			if file == "pilot_R.txt" {
				check(t, fmt.Sprintf("%s SE[%d]", file, j), got.SE[j], c["se_classical"][j], pilotTol)
			}
		}
	}
}

// The cell formula is the record-level regression: on random data with
// unequal cells and a heteroskedastic outcome, TripleDiff's DDD and SE equal
// coefficient 7 of OLSHC1 on the 8-column design and its robust SE.
func TestTripleDiffIsTheRegression(t *testing.T) {
	rng := NewRand(7)
	for trial := range 20 {
		n := 30 + rng.IntN(3000)
		y := make([]float64, n)
		g, p, a := make([]bool, n), make([]bool, n), make([]bool, n)
		for i := range n {
			g[i], p[i], a[i] = rng.Float64() < 0.4, rng.Float64() < 0.3, rng.Float64() < 0.5
			if i < 8 { // every cell non-empty
				g[i], p[i], a[i] = i&1 == 1, i&4 == 4, i&2 == 2
			}
			y[i] = 100 + float64(i%7) + rng.NormFloat64()*(1+float64(i%3))
			if trial%2 == 1 {
				y[i] = float64(rng.IntN(2))
			}
		}
		got, err := TripleDiff(y, g, p, a, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		ols, err := OLSHC1(pilotDesign(g, p, a, nil), y)
		if err != nil {
			t.Fatal(err)
		}
		check(t, fmt.Sprintf("trial %d DDD", trial), got.DDD, ols.Coef[7], 1e-9)
		check(t, fmt.Sprintf("trial %d SE", trial), got.SE, ols.RobustSE[7], 1e-9)
		check(t, fmt.Sprintf("trial %d SEClassical", trial), got.SEClassical, ols.SE[7], 1e-9)
	}
}

// Worked by hand. Four boards, one record in each group × after cell of
// each; the outcome is 0 except for the focal group after the start, where
// it is d = 3, 1, 0, -2 in boards 0-3. With boards 0 and 1 the pilots, each
// of the eight cells has 2 records:
//
//	Gap[pilot][after] = (3+1)/2 = 2, Gap[other][after] = (0-2)/2 = -1,
//	the before gaps 0, so DDD = 2 - (-1) = 3;
//	SS is 2 in both "after, focal" cells ((3-2)² + (1-2)², (0+1)² + (-2+1)²)
//	and 0 elsewhere, so HC0 = 2/2² + 2/2² = 1 and, with n = 16, k = 8,
//	HC1 = 16/8 · 1 = 2: SE = √2; classically σ̂² = 4/8 and Σ1/n = 4: √2 too.
//	t = 3/√2 on 8 df: p = 0.066688 (R: 2*pt(-3/sqrt(2), 8)), and the 95%
//	interval 3 ± 2.306004135204·√2 (R: qt(0.975, 8)).
func TestTripleDiffByHand(t *testing.T) {
	y, g, p, a, _ := handBoards([]float64{3, 1, 0, -2}, []int{0, 1})
	got, err := TripleDiff(y, g, p, a, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "DDD", got.DDD, 3, 1e-15)
	check(t, "SE", got.SE, math.Sqrt2, 1e-15)
	check(t, "SEClassical", got.SEClassical, math.Sqrt2, 1e-15)
	check(t, "P", got.P, 0.066687999999999997, 1e-9)
	check(t, "CILow", got.CILow, 3-2.30600413520417*math.Sqrt2, 1e-13)
	check(t, "CIHigh", got.CIHigh, 3+2.30600413520417*math.Sqrt2, 1e-13)
	if got.Gap != [2][2]float64{{0, -1}, {0, 2}} || got.PilotChange != 2 || got.OtherChange != -1 {
		t.Errorf("Gap %v, changes %g, %g; want [[0 -1] [0 2]], 2, -1", got.Gap, got.PilotChange, got.OtherChange)
	}
	if len(got.Warnings) != 6 { // six cells where y is constant (all 0)
		t.Errorf("%d warnings, want 6 (constant cells): %v", len(got.Warnings), got.Warnings)
	}
}

// handBoards builds the hand example: one record per group × after cell in
// each board, the outcome d[b] for the focal group after, 0 otherwise.
func handBoards(d []float64, pilots []int) (y []float64, g, p, a []bool, board []int32) {
	for b, db := range d {
		isPilot := false
		for _, q := range pilots {
			isPilot = isPilot || q == b
		}
		for c := range 4 {
			gi, ai := c&1 == 1, c&2 == 2
			v := 0.0
			if gi && ai {
				v = db
			}
			y, g, p, a, board = append(y, v), append(g, gi), append(p, isPilot), append(a, ai), append(board, int32(b))
		}
	}
	return y, g, p, a, board
}

func TestTripleDiffErrors(t *testing.T) {
	full := func() (y []float64, g, p, a []bool) {
		for i := range 24 {
			y = append(y, float64(i%5))
			g, p, a = append(g, i&1 == 1), append(p, i&4 == 4), append(a, i&2 == 2)
		}
		return
	}
	y, g, p, a := full()
	if _, err := TripleDiff(y, g, p, a, 0.95); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	for _, tc := range []struct {
		name, want string
		is         error
		mutate     func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64)
	}{
		{"lengths", "24 outcomes but 23 group", nil, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			return y, g[:23], p, a, 0.95
		}},
		{"NaN", "record 5: outcome NaN", nil, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			y[5] = math.NaN()
			return y, g, p, a, 0.95
		}},
		{"Inf", "record 3: outcome +Inf", nil, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			y[3] = math.Inf(1)
			return y, g, p, a, 0.95
		}},
		{"conf", "confidence level 1", nil, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			return y, g, p, a, 1
		}},
		{"empty cell", "no records in the cell pilot boards, after, focal group", nil, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			for i := range g {
				if p[i] && a[i] {
					g[i] = false
				}
			}
			return y, g, p, a, 0.95
		}},
		{"no records", "no records in the cell other boards, before, reference group", nil, func([]float64, []bool, []bool, []bool) ([]float64, []bool, []bool, []bool, float64) {
			return nil, nil, nil, nil, 0.95
		}},
		{"one record per cell", "8 records for 8 cells", nil, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			return y[:8], g[:8], p[:8], a[:8], 0.95
		}},
		{"constant within cells", "does not vary within any cell", ErrNoVariation, func(y []float64, g, p, a []bool) ([]float64, []bool, []bool, []bool, float64) {
			for i := range y {
				y[i] = float64(dddIndex(p[i], a[i], g[i]))
			}
			return y, g, p, a, 0.95
		}},
	} {
		y, g, p, a := full()
		yy, gg, pp, aa, conf := tc.mutate(y, g, p, a)
		got, err := TripleDiff(yy, gg, pp, aa, conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) || (tc.is != nil && !errors.Is(err, tc.is)) {
			t.Errorf("%s: err = %v, want it to contain %q", tc.name, err, tc.want)
		}
		if got.DDD != 0 || got.SE != 0 || got.N != 0 {
			t.Errorf("%s: result %+v with an error, want the zero value", tc.name, got)
		}
	}
}

func TestOLSHC1PerfectFit(t *testing.T) {
	X := mat.NewDense(4, 2, []float64{1, 0, 1, 1, 1, 2, 1, 3})
	got, err := OLSHC1(X, []float64{1, 3, 5, 7})
	if err != nil {
		t.Fatal(err)
	}
	for j := range 2 {
		if !(got.RobustSE[j] < 1e-12) { // residuals are rounding error
			t.Errorf("RobustSE[%d] = %g, want 0", j, got.RobustSE[j])
		}
	}
	if _, err := OLSHC1(mat.NewDense(3, 2, []float64{1, 2, 1, 2, 1, 2}), []float64{1, 2, 3}); !errors.Is(err, ErrRankDeficient) {
		t.Errorf("collinear: err = %v, want ErrRankDeficient", err)
	}
}
