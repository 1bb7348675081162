package design

import (
	"math"

	"github.com/wioa-equity/wioa/analysis/measures"
)

// Cells is a design collapsed to its distinct rows: model row c (a
// cell) stands for W[c] data rows with the same focal value, control levels
// and — for a binary outcome — outcome Y[c]; for a continuous outcome Y[c]
// is the cell's mean and SS[c] the sum of squared deviations from it. The
// controls are categorical or small counts, so a million records make a
// few thousand cells, and the models fitted on them (with the counts as
// frequency weights) are those of the records. Matrix.Rows holds the first
// record of each cell.
type Cells struct {
	Matrix
	W, Y, SS []float64
	Focal    []int8
}

// maxCells bounds the dense key table of Collapse (product of the
// control levels); larger key spaces use a map.
const maxCells = 1 << 22

// Collapse is Build collapsed into cells: records where in[i],
// the focal value (focal nil: none) is 0 or 1, every control is known and
// the outcome is known. The outcome is either binary, y (measures.NA left out; 0/1
// and part of a cell's identity), or continuous, v (NaN left out); the
// other is nil. Cells are numbered in order of their first record, so the
// result depends only on the data.
func Collapse(in []bool, focal, y []int8, v func(i int) float64, ctls []Control) *Cells {
	binary := y != nil
	size := 1
	for _, c := range ctls {
		size *= c.Levels
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
	cd := &Cells{}
	var sum []float64
	var levels []int8 // control levels of each cell, len(ctls) per cell
	for i := range in {
		key, out, st := kr.key(i)
		if st != useRecord {
			if st == controlUnknown {
				cd.LeftOut++
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
			c = int32(len(cd.W))
			if table != nil {
				table[key] = c + 1
			} else {
				index[key] = c
			}
			cd.Rows = append(cd.Rows, i)
			cd.W, sum = append(cd.W, 0), append(sum, 0)
			f := int8(0)
			if focal != nil {
				f = focal[i]
			}
			cd.Focal = append(cd.Focal, f)
			for _, cc := range kr.col {
				levels = append(levels, cc[i])
			}
		}
		cd.W[c]++
		sum[c] += out
	}
	nc := len(cd.W)
	cd.Y = make([]float64, nc)
	for c := range cd.Y {
		cd.Y[c] = sum[c] / cd.W[c]
	}
	cd.SS = make([]float64, nc)
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
			d := out - cd.Y[c]
			cd.SS[c] += d * d
		}
	}
	counts := make([][]int, len(ctls))
	for ci := range ctls {
		counts[ci] = make([]int, ctls[ci].Levels)
	}
	nl := len(ctls)
	for c := range nc {
		for ci, l := range levels[c*nl : (c+1)*nl] {
			counts[ci][l] += int(cd.W[c])
		}
	}
	cols, names := columns(ctls, counts, focal != nil)
	cd.Names = names
	first := 1
	if focal != nil {
		first = 2
	}
	cd.K = first + len(cols)
	cd.X = make([]float64, nc*cd.K)
	for c := range nc {
		row := cd.X[c*cd.K : (c+1)*cd.K]
		row[0] = 1
		if focal != nil {
			row[1] = float64(cd.Focal[c])
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

// keyer gives the records' cell keys for Collapse; its columns are
// cut to the records so that key indexes them without bounds checks.
type keyer struct {
	in    []bool
	focal []int8
	y     []int8
	v     func(i int) float64
	lv    []int
	col   [][]int8
}

// Outcomes of keyer.key.
const (
	useRecord      = iota
	skipRecord     // outside the population, focal or outcome unknown
	controlUnknown // in the population, left out for an unknown control
)

func newKeyer(in []bool, focal, y []int8, v func(i int) float64, ctls []Control) *keyer {
	n := len(in)
	k := &keyer{in: in, lv: make([]int, len(ctls)), col: make([][]int8, len(ctls))}
	for ci, c := range ctls {
		k.lv[ci], k.col[ci] = c.Levels, c.Level[:n]
	}
	if focal != nil {
		k.focal = focal[:n]
	}
	if y != nil {
		k.y = y[:n]
	} else {
		k.v = v
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
	} else if out = k.v(i); math.IsNaN(out) {
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
