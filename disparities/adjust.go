package disparities

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
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
	// level holds each record's level in [0, levels); anything else is unknown.
	level []int8
	// numeric controls enter the model as their level (a count), not as dummies.
	numeric bool
	labels  func(l int) string
}

func (in *Input) controls(skip ...string) []control {
	d := in.D
	all := []control{
		{name: ctlSex, levels: measures.NumSex, labels: func(l int) string { return [...]string{"men", "women"}[l] }},
		{name: ctlEdu, levels: measures.NumEdu, level: d.Edu,
			labels: func(l int) string { return measures.EduNames[l] }},
		{name: ctlBarrier, numeric: true, levels: len(measures.BarrierFields()) + 1, level: d.Barriers},
		{name: ctlProgram, levels: measures.NumPrograms, level: d.Program,
			labels: func(l int) string { return measures.ProgramNames[l] }},
	}
	if in.Data.Has(pirl.FieldBirthDate) {
		all = append(all, control{name: ctlAge, levels: len(measures.AgeBandNames), level: d.AgeBand,
			labels: func(l int) string { return measures.AgeBandNames[l] }})
	}
	if d.HasTracts {
		// HighPov's No and Yes are 0 and 1, NA is -1: the levels as they are.
		all = append(all, control{name: ctlPoverty, levels: 2, level: d.HighPov,
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
		if c.name == ctlSex {
			// Levels men, women: a tie for the most common level goes to
			// the first, so men (the default reference) are then the base.
			c.level = cached(in, "sex control", func() []int8 {
				l := make([]int8, d.N)
				for i, v := range d.Sex[:d.N] {
					switch v {
					case measures.SexMan:
						l[i] = 0
					case measures.SexWoman:
						l[i] = 1
					default:
						l[i] = -1
					}
				}
				return l
			})
		}
		out = append(out, c)
	}
	return out
}

// known reports whether record i has a known level of every control.
func known(ctls []control, i int) bool {
	for _, c := range ctls {
		if v := c.level[i]; v < 0 || int(v) >= c.levels {
			return false
		}
	}
	return true
}

// buildDesign lays out intercept, focal (0/1 from focal[i]; negative = not
// in the model) and controls for records where in[i] and v[i] is not NaN (v
// nil: no outcome). focal nil builds controls only (for Oaxaca–Blinder).
func buildDesign(in []bool, focal []int8, v []float64, ctls []control) *design {
	// Pass 1: rows and level counts.
	var rows []int
	counts := make([][]int, len(ctls))
	for c := range ctls {
		counts[c] = make([]int, ctls[c].levels)
	}
	dz := &design{}
	for i, ok := range in {
		if !ok || (focal != nil && focal[i] < 0) || (v != nil && math.IsNaN(v[i])) {
			continue
		}
		if !known(ctls, i) {
			dz.leftOut++
			continue
		}
		rows = append(rows, i)
		for ci, c := range ctls {
			counts[ci][c.level[i]]++
		}
	}
	cols, names := designColumns(ctls, counts, focal != nil)
	dz.names = names
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
			row[1] = float64(focal[i])
		}
		for j, cl := range cols {
			l := int(ctls[cl.ctl].level[i])
			if cl.level < 0 {
				row[first+j] = float64(l)
			} else if l == cl.level {
				row[first+j] = 1
			}
		}
	}
	dz.dropConstant(focal != nil)
	return dz
}

// designCol is a model column: control ctl's dummy for level, or the
// control's value itself when level is -1 (numeric controls).
type designCol struct{ ctl, level int }

// designColumns lays out the columns after the intercept and focal
// regressor: numeric controls as they are, categorical ones as dummies for
// every non-empty level except the most common (counts[c][level] rows).
func designColumns(ctls []control, counts [][]int, focal bool) ([]designCol, []string) {
	var cols []designCol
	names := []string{"(intercept)"}
	if focal {
		names = append(names, "focal")
	}
	for ci, c := range ctls {
		if c.numeric {
			cols = append(cols, designCol{ci, -1})
			names = append(names, c.name)
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
				cols = append(cols, designCol{ci, l})
				names = append(names, c.name+": "+c.labels(l))
			}
		}
	}
	return cols, names
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
func (c *Config) adjustedRow(in *Input, disp, measure, group, ref string, pop []bool, focal, y []int8, skip ...string) (results.Row, []string, int) {
	r := results.BlankRow(disp, measure, group, ref, results.UnitOddsRatio)
	// The model is fitted on cells of identical records (frequency
	// weights): the same estimates as on the records, at a fraction of the cost.
	cd := collapseDesign(pop, focal, y, nil, in.controls(skip...))
	for k, w := range cd.w {
		if cd.focal[k] == 1 {
			r.N += int(w)
		} else {
			r.RefN += int(w)
		}
	}
	if r.N < c.MinCell || r.RefN < c.MinCell {
		r.Suppressed = r.N < c.MinCell
		if r.Suppressed {
			r = results.Suppress(r)
		}
		return r, nil, cd.leftOut
	}
	X := cd.matrix()
	res, err := stats.LogitWeighted(X, cd.y, cd.w)
	if err != nil {
		return r, []string{fmt.Sprintf("%s: adjusted model not estimated (%v); the unadjusted comparison stands alone", measure, err)}, cd.leftOut
	}
	r.Value, r.CILow, r.CIHigh = res.OddsRatio(1, c.Conf)
	z := res.Coef[1] / res.SE[1]
	r.P = 2 * distuv.UnitNormal.Survival(math.Abs(z))
	ame, se := res.AMEWeighted(X, 1, cd.w)
	q := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
	r.Diff, r.DiffLow, r.DiffHigh = ame, ame-q*se, ame+q*se
	r.Ratio = r.Value
	r.Test = "logistic regression, controls: " + joinAnd(cd.names[2:])
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, fmt.Sprintf("%s: %v", measure, w))
	}
	return r, warns, cd.leftOut
}

// cellDesign is a design collapsed to its distinct rows: model row c (a
// cell) stands for w[c] data rows with the same focal value, control levels
// and — for a binary outcome — outcome y[c]; for a continuous outcome y[c]
// is the cell's mean and ss[c] the sum of squared deviations from it. The
// controls are categorical or small counts, so a million records make a
// few thousand cells, and the models fitted on them (with the counts as
// frequency weights) are those of the records. design.rows holds the first
// record of each cell.
type cellDesign struct {
	design
	w, y, ss []float64
	focal    []int8
}

// maxCells bounds the dense key table of collapseDesign (product of the
// control levels); larger key spaces use a map.
const maxCells = 1 << 22

// collapseDesign is buildDesign collapsed into cells: records where in[i],
// the focal value (focal nil: none) is 0 or 1, every control is known and
// the outcome is known. The outcome is either binary, y (NA left out; 0/1
// and part of a cell's identity), or continuous, v (NaN left out); the
// other is nil. Cells are numbered in order of their first record, so the
// result depends only on the data.
func collapseDesign(in []bool, focal, y []int8, v []float64, ctls []control) *cellDesign {
	binary := y != nil
	size := 1
	for _, c := range ctls {
		size *= c.levels
	}
	size *= 4 // focal and binary outcome
	var table []int32
	var index map[int]int32
	if size <= maxCells {
		table = make([]int32, size)
	} else {
		index = map[int]int32{}
	}
	kr := newKeyer(in, focal, y, v, ctls)
	cd := &cellDesign{}
	var sum []float64
	var levels []int8 // control levels of each cell, len(ctls) per cell
	for i := range in {
		key, out, st := kr.key(i)
		if st != useRecord {
			if st == controlUnknown {
				cd.leftOut++
			}
			continue
		}
		var c int32
		if table != nil {
			c = table[key] - 1
		} else if k, seen := index[key]; seen {
			c = k
		} else {
			c = -1
		}
		if c < 0 {
			c = int32(len(cd.w))
			if table != nil {
				table[key] = c + 1
			} else {
				index[key] = c
			}
			cd.rows = append(cd.rows, i)
			cd.w, sum = append(cd.w, 0), append(sum, 0)
			f := int8(0)
			if focal != nil {
				f = focal[i]
			}
			cd.focal = append(cd.focal, f)
			for _, cc := range kr.col {
				levels = append(levels, cc[i])
			}
		}
		cd.w[c]++
		sum[c] += out
	}
	nc := len(cd.w)
	cd.y = make([]float64, nc)
	for c := range cd.y {
		cd.y[c] = sum[c] / cd.w[c]
	}
	cd.ss = make([]float64, nc)
	if !binary {
		// A second pass for the squared deviations: exact where Σy²-n·ȳ² cancels.
		for i := range in {
			key, out, st := kr.key(i)
			if st != useRecord {
				continue
			}
			var c int32
			if table != nil {
				c = table[key] - 1
			} else {
				c = index[key]
			}
			d := out - cd.y[c]
			cd.ss[c] += d * d
		}
	}
	counts := make([][]int, len(ctls))
	for ci := range ctls {
		counts[ci] = make([]int, ctls[ci].levels)
	}
	nl := len(ctls)
	for c := range nc {
		for ci, l := range levels[c*nl : (c+1)*nl] {
			counts[ci][l] += int(cd.w[c])
		}
	}
	cols, names := designColumns(ctls, counts, focal != nil)
	cd.names = names
	first := 1
	if focal != nil {
		first = 2
	}
	cd.k = first + len(cols)
	cd.x = make([]float64, nc*cd.k)
	for c := range nc {
		row := cd.x[c*cd.k : (c+1)*cd.k]
		row[0] = 1
		if focal != nil {
			row[1] = float64(cd.focal[c])
		}
		for j, cl := range cols {
			l := int(levels[c*nl+cl.ctl])
			if cl.level < 0 {
				row[first+j] = float64(l)
			} else if l == cl.level {
				row[first+j] = 1
			}
		}
	}
	cd.dropConstant(focal != nil)
	return cd
}

// keyer gives the records' cell keys for collapseDesign; its columns are
// cut to the records so that key indexes them without bounds checks.
type keyer struct {
	in    []bool
	focal []int8
	y     []int8
	v     []float64
	lv    []int
	col   [][]int8
}

// Outcomes of keyer.key.
const (
	useRecord      = iota
	skipRecord     // outside the population, focal or outcome unknown
	controlUnknown // in the population, left out for an unknown control
)

func newKeyer(in []bool, focal, y []int8, v []float64, ctls []control) *keyer {
	n := len(in)
	k := &keyer{in: in, lv: make([]int, len(ctls)), col: make([][]int8, len(ctls))}
	for ci, c := range ctls {
		k.lv[ci], k.col[ci] = c.levels, c.level[:n]
	}
	if focal != nil {
		k.focal = focal[:n]
	}
	if y != nil {
		k.y = y[:n]
	} else {
		k.v = v[:n]
	}
	return k
}

// key returns record i's cell key (focal value, control levels and, for a
// binary outcome, the outcome) and its outcome.
func (k *keyer) key(i int) (key int, out float64, st int) {
	if !k.in[i] {
		return 0, 0, skipRecord
	}
	if k.focal != nil {
		f := k.focal[i]
		if f != 0 && f != 1 {
			return 0, 0, skipRecord
		}
		key = int(f)
	}
	if k.y != nil {
		if k.y[i] == measures.NA {
			return 0, 0, skipRecord
		}
		out = float64(k.y[i])
	} else if out = k.v[i]; math.IsNaN(out) {
		return 0, 0, skipRecord
	}
	for ci, c := range k.col {
		l := int(c[i])
		if l < 0 || l >= k.lv[ci] {
			return 0, 0, controlUnknown
		}
		key = key*k.lv[ci] + l
	}
	key *= 2
	if k.y != nil && out == 1 {
		key++
	}
	return key, out, useRecord
}
