package disparities

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// Control names for model specifications.
const (
	ctlSex     = "sex"
	ctlEdu     = "education"
	ctlAge     = "age band"
	ctlBarrier = "barrier count"
	ctlProgram = "program"
	ctlPoverty = "high-poverty tract"
)

// design builds regression matrices from derived measures: an intercept, the
// focal binary regressor, and the METHODS §4 controls (sex, education group,
// age band when the file has birth dates, barrier count, program, and the
// high-poverty flag when tracts are known), each categorical as dummies
// against its most common level. Rows with an unknown control are left out
// and counted; constant columns are dropped so the model stays identifiable.
type design struct {
	names []string
	rows  []int // data row of each model row
	x     []float64
	k     int
	// leftOut counts rows dropped for an unknown control.
	leftOut int
}

type control struct {
	name   string
	levels int
	value  func(i int) int // level, or -1 unknown; numeric controls use levels 0
	num    func(i int) float64
	labels func(l int) string
}

func (in *Input) controls(skip ...string) []control {
	d := in.D
	all := []control{
		{name: ctlSex, levels: 2, value: func(i int) int {
			switch d.Sex[i] {
			case 1:
				return 0
			case 2:
				return 1
			}
			return -1
		}, labels: func(l int) string { return [...]string{"men", "women"}[l] }},
		{name: ctlEdu, levels: measures.NumEdu, value: func(i int) int { return int(d.Edu[i]) },
			labels: func(l int) string { return measures.EduNames[l] }},
		{name: ctlBarrier, num: func(i int) float64 { return float64(d.Barriers[i]) }},
		{name: ctlProgram, levels: measures.NumPrograms, value: func(i int) int { return int(d.Program[i]) },
			labels: func(l int) string { return measures.ProgramNames[l] }},
	}
	if in.Data.Has(pirl.FieldBirthDate) {
		all = append(all, control{name: ctlAge, levels: len(measures.AgeBandNames), value: func(i int) int { return int(d.AgeBand[i]) },
			labels: func(l int) string { return measures.AgeBandNames[l] }})
	}
	if d.HasTracts {
		all = append(all, control{name: ctlPoverty, levels: 2, value: func(i int) int { return int(d.HighPov[i]) },
			labels: func(l int) string { return [...]string{"other tract", "high-poverty tract"}[l] }})
	}
	var out []control
outer:
	for _, c := range all {
		for _, s := range skip {
			if c.name == s {
				continue outer
			}
		}
		out = append(out, c)
	}
	return out
}

// buildDesign lays out intercept, focal (0/1 from focal(i), -1 = not in
// model) and controls for rows where in(i) and y is known (y nil: no outcome).
// focal nil builds controls only (for Oaxaca–Blinder).
func buildDesign(n int, in func(int) bool, focal func(int) int8, y func(int) bool, ctls []control) *design {
	// Pass 1: rows and level counts.
	var rows []int
	counts := make([][]int, len(ctls))
	for c := range ctls {
		counts[c] = make([]int, ctls[c].levels)
	}
	dz := &design{}
rowLoop:
	for i := 0; i < n; i++ {
		if !in(i) || (focal != nil && focal(i) < 0) || (y != nil && !y(i)) {
			continue
		}
		for _, c := range ctls {
			if c.value != nil && c.value(i) < 0 {
				dz.leftOut++
				continue rowLoop
			}
		}
		rows = append(rows, i)
		for ci, c := range ctls {
			if c.value != nil {
				counts[ci][c.value(i)]++
			}
		}
	}
	// Columns: intercept, focal, then dummies for every non-empty level except the most common.
	type col struct {
		ctl, level int
	}
	var cols []col
	dz.names = []string{"(intercept)"}
	if focal != nil {
		dz.names = append(dz.names, "focal")
	}
	for ci, c := range ctls {
		if c.value == nil {
			cols = append(cols, col{ci, -1})
			dz.names = append(dz.names, c.name)
			continue
		}
		base := 0
		for l, k := range counts[ci] {
			if k > counts[ci][base] {
				base = l
			}
		}
		for l, k := range counts[ci] {
			if l != base && k > 0 {
				cols = append(cols, col{ci, l})
				dz.names = append(dz.names, c.name+": "+c.labels(l))
			}
		}
	}
	first := 1 // index of the first control column
	if focal != nil {
		first = 2
	}
	dz.k = first + len(cols)
	dz.rows = rows
	dz.x = make([]float64, len(rows)*dz.k)
	for r, i := range rows {
		row := dz.x[r*dz.k : (r+1)*dz.k]
		row[0] = 1
		if focal != nil {
			row[1] = float64(focal(i))
		}
		for j, cl := range cols {
			c := ctls[cl.ctl]
			if cl.level < 0 {
				row[first+j] = c.num(i)
			} else if c.value(i) == cl.level {
				row[first+j] = 1
			}
		}
	}
	dz.dropConstant(focal != nil)
	return dz
}

// dropConstant removes non-intercept columns with no variation (never the
// focal column: a constant focal regressor must fail loudly, not vanish).
func (dz *design) dropConstant(hasFocal bool) {
	n := len(dz.rows)
	keep := []int{0}
	for j := 1; j < dz.k; j++ {
		first, varies := 0.0, false
		for r := 0; r < n; r++ {
			v := dz.x[r*dz.k+j]
			if r == 0 {
				first = v
			} else if v != first {
				varies = true
				break
			}
		}
		if varies || (hasFocal && j == 1) {
			keep = append(keep, j)
		}
	}
	if len(keep) == dz.k {
		return
	}
	x := make([]float64, n*len(keep))
	for r := 0; r < n; r++ {
		for jj, j := range keep {
			x[r*len(keep)+jj] = dz.x[r*dz.k+j]
		}
	}
	names := make([]string, len(keep))
	for jj, j := range keep {
		names[jj] = dz.names[j]
	}
	dz.x, dz.k, dz.names = x, len(keep), names
}

func (dz *design) matrix() *mat.Dense { return mat.NewDense(len(dz.rows), dz.k, dz.x) }

// adjustedRow fits a logistic regression of the binary outcome y on the focal
// regressor and controls, and reports the focal odds ratio (Wald interval and
// p) with the average marginal effect in Diff (percentage points as a
// proportion). Failures (separation, non-convergence) become warnings.
func (c *Config) adjustedRow(in *Input, disp, measure, group, ref string, pop func(int) bool, focal func(int) int8, y []int8, skip ...string) (Row, []string, int) {
	r := blankRow(disp, measure, group, ref, UnitOddsRatio)
	dz := buildDesign(in.D.N, pop, focal, func(i int) bool { return y[i] != measures.NA }, in.controls(skip...))
	ys := make([]float64, len(dz.rows))
	for k, i := range dz.rows {
		ys[k] = float64(y[i])
		if focal(i) == 1 {
			r.N++
		} else {
			r.RefN++
		}
	}
	if r.N < c.MinCell || r.RefN < c.MinCell {
		r.Suppressed = r.N < c.MinCell
		if r.Suppressed {
			r = suppress(r)
		}
		return r, nil, dz.leftOut
	}
	X := dz.matrix()
	res, err := stats.Logit(X, ys)
	if err != nil {
		return r, []string{fmt.Sprintf("%s: adjusted model not estimated (%v); the unadjusted comparison stands alone", measure, err)}, dz.leftOut
	}
	r.Value, r.CILow, r.CIHigh = res.OddsRatio(1, c.Conf)
	z := res.Coef[1] / res.SE[1]
	r.P = 2 * distuv.UnitNormal.Survival(math.Abs(z))
	ame, se := res.AME(X, 1)
	q := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
	r.Diff, r.DiffLow, r.DiffHigh = ame, ame-q*se, ame+q*se
	r.Ratio = r.Value
	r.Test = "logistic regression, controls: " + joinAnd(dz.names[2:])
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, fmt.Sprintf("%s: %v", measure, w))
	}
	return r, warns, dz.leftOut
}
