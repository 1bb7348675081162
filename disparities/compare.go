package disparities

import (
	"math"

	"github.com/wioa-equity/wioa/analysis/measures"
)

// The per-record step of every comparison: records grouped and counted (or
// gathered) in one pass, before the builders of analysis/results compare
// the groups.

// tally counts a binary measure y (Yes/No; anything else NA, left out) by
// group among the records where in[i]; group[i] is in [0, k), or -1 for
// "group unknown" (left out). It returns the counts and how many records
// were left out for each reason.
func tally(in []bool, group, y []int8, k int) (x, tot []int, na, unknown int) {
	// One counter per (slot, outcome), slot 0 for records outside the
	// population and 1 for an unknown group: no branch per record, which
	// matters at millions of records and a dozen tallies.
	cell := make([]int, 3*(k+2))
	group, y = group[:len(in)], y[:len(in)]
	for i, ok := range in {
		g := int(group[i]) + 2
		if !ok {
			g = 0
		}
		cell[3*g+int(outcomeSlot[uint8(y[i])])]++
	}
	x, tot = make([]int, k), make([]int, k)
	for g := range k {
		c := cell[3*(g+2):]
		x[g], tot[g] = c[2], c[1]+c[2]
		na += c[0]
	}
	unknown = cell[3] + cell[4] + cell[5]
	return
}

// outcomeSlot maps a binary measure's value (as a byte) to 0 NA, 1 No, 2 Yes.
var outcomeSlot = func() (t [256]uint8) {
	t[uint8(measures.No)], t[uint8(measures.Yes)] = 1, 2
	return
}()

// split gathers the non-NaN values of v by group among records where in[i]
// (group as for tally), in record order.
func split(in []bool, group []int8, v func(i int) float64, k int) (out [][]float64, na, unknown int) {
	group = group[:len(in)]
	// Counted first, so that each group's slice is allocated once.
	size := make([]int, k)
	for i, ok := range in {
		switch g := group[i]; {
		case !ok:
		case g < 0:
			unknown++
		case math.IsNaN(v(i)):
			na++
		default:
			size[g]++
		}
	}
	out = make([][]float64, k)
	for g := range out {
		if size[g] > 0 {
			out[g] = make([]float64, 0, size[g])
		}
	}
	for i, ok := range in {
		if g := group[i]; ok && g >= 0 {
			if x := v(i); !math.IsNaN(x) {
				out[g] = append(out[g], x)
			}
		}
	}
	return
}
