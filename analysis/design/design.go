// Package design lays out regression designs from records' levels: an
// intercept, an optional focal 0/1 regressor and controls — categorical ones
// as dummies against their most common level, numeric ones as they are —
// either one model row per record (Build) or collapsed into cells of
// identical records carrying frequency weights (Collapse), which fit the same
// models at a fraction of the cost. Which controls a question uses, and what
// their levels mean, is the caller's; this package does no I/O.
package design

import (
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"
)

// Matrix is a regression design built from derived measures: an intercept, the
// focal binary regressor, and the controls, each categorical as dummies
// against its most common level. Rows with an unknown control are left out
// and counted; constant columns are dropped so the model stays identifiable.
type Matrix struct {
	Names []string
	Rows  []int // data row of each model row
	X     []float64
	K     int
	// LeftOut counts rows dropped for an unknown control.
	LeftOut int
}

// Control is one control variable of a design.
type Control struct {
	Name   string
	Levels int
	// Level holds each record's level in [0, Levels); anything else is unknown.
	Level []int8
	// Numeric controls enter the model as their level (a count), not as dummies.
	Numeric bool
	Labels  func(l int) string
}

// label names level l: Labels(l), or its number without Labels.
func (c Control) label(l int) string {
	if c.Labels == nil {
		return strconv.Itoa(l)
	}
	return c.Labels(l)
}

// known reports whether record i has a known level of every control.
func known(ctls []Control, i int) bool {
	for _, c := range ctls {
		if v := c.Level[i]; v < 0 || int(v) >= c.Levels {
			return false
		}
	}
	return true
}

// Build lays out intercept, focal (0/1 from focal[i]; negative = not
// in the model) and controls for records where in[i] and v(i) is not NaN (v
// nil: no outcome). focal nil builds controls only (for Oaxaca–Blinder).
func Build(in []bool, focal []int8, v func(i int) float64, ctls []Control) *Matrix {
	// Pass 1: rows and level counts.
	var rows []int
	counts := make([][]int, len(ctls))
	for c := range ctls {
		counts[c] = make([]int, ctls[c].Levels)
	}
	dz := &Matrix{}
	for i, ok := range in {
		if !ok || (focal != nil && focal[i] < 0) || (v != nil && math.IsNaN(v(i))) {
			continue
		}
		if !known(ctls, i) {
			dz.LeftOut++
			continue
		}
		rows = append(rows, i)
		for ci, c := range ctls {
			counts[ci][c.Level[i]]++
		}
	}
	cols, names := columns(ctls, counts, focal != nil)
	dz.Names = names
	first := 1 // index of the first control column
	if focal != nil {
		first = 2
	}
	dz.K = first + len(cols)
	dz.Rows = rows
	dz.X = make([]float64, len(rows)*dz.K)
	for r, i := range rows {
		row := dz.X[r*dz.K : (r+1)*dz.K]
		row[0] = 1
		if focal != nil {
			row[1] = float64(focal[i])
		}
		for j, cl := range cols {
			l := int(ctls[cl.ctl].Level[i])
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

// column is a model column: control ctl's dummy for level, or the
// control's value itself when level is -1 (numeric controls).
type column struct{ ctl, level int }

// columns lays out the columns after the intercept and focal
// regressor: numeric controls as they are, categorical ones as dummies for
// every non-empty level except the most common (counts[c][level] rows).
func columns(ctls []Control, counts [][]int, focal bool) ([]column, []string) {
	var cols []column
	names := []string{"(intercept)"}
	if focal {
		names = append(names, "focal")
	}
	for ci, c := range ctls {
		if c.Numeric {
			cols = append(cols, column{ci, -1})
			names = append(names, c.Name)
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
				cols = append(cols, column{ci, l})
				names = append(names, c.Name+": "+c.label(l))
			}
		}
	}
	return cols, names
}

// dropConstant removes non-intercept columns with no variation (never the
// focal column: a constant focal regressor must fail loudly, not vanish).
func (dz *Matrix) dropConstant(hasFocal bool) {
	n := len(dz.Rows)
	keep := []int{0}
	for j := 1; j < dz.K; j++ {
		first, varies := 0.0, false
		for r := 0; r < n; r++ {
			v := dz.X[r*dz.K+j]
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
	if len(keep) == dz.K {
		return
	}
	x := make([]float64, n*len(keep))
	for r := 0; r < n; r++ {
		for jj, j := range keep {
			x[r*len(keep)+jj] = dz.X[r*dz.K+j]
		}
	}
	names := make([]string, len(keep))
	for jj, j := range keep {
		names[jj] = dz.Names[j]
	}
	dz.X, dz.K, dz.Names = x, len(keep), names
}

// Dense returns the design as a matrix (sharing X).
func (dz *Matrix) Dense() *mat.Dense { return mat.NewDense(len(dz.Rows), dz.K, dz.X) }
