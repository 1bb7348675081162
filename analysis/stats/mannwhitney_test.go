package stats

import (
	"math"
	"slices"
	"sort"
	"testing"
)

// rankSumPooled is the textbook computation MannWhitney replaced: sort the
// pooled sample and give each tie group its mid-rank. It returns U and the
// tie term Σ(t³-t), added in the same order as the merge does.
func rankSumPooled(x, y []float64) (u, tieTerm float64) {
	type obs struct {
		v   float64
		isX bool
	}
	var all []obs
	for _, v := range x {
		all = append(all, obs{v, true})
	}
	for _, v := range y {
		all = append(all, obs{v, false})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v < all[j].v })
	var rx float64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		if t := float64(j - i); t > 1 {
			tieTerm += t*t*t - t
		}
		mid := float64(i+j+1) / 2
		for k := i; k < j; k++ {
			if all[k].isX {
				rx += mid
			}
		}
		i = j
	}
	fx := float64(len(x))
	return rx - fx*(fx+1)/2, tieTerm
}

// The merge of two sorted samples gives the pooled ranks exactly (bit for
// bit), with and without ties, for samples of very different sizes.
func TestMannWhitneySortedMatchesPooledRanks(t *testing.T) {
	rng := NewRand(3)
	for _, tt := range []struct {
		nx, ny, levels int
	}{{1, 1, 0}, {5, 7, 3}, {60, 40, 0}, {200, 3, 10}, {1000, 1500, 50}, {3000, 2000, 0}, {10, 4000, 2}} {
		gen := func(n int) []float64 {
			v := make([]float64, n)
			for i := range v {
				if tt.levels > 0 {
					v[i] = float64(rng.IntN(tt.levels)) * 100
				} else {
					v[i] = rng.NormFloat64() * 1000
				}
			}
			return v
		}
		x, y := gen(tt.nx), gen(tt.ny)
		u, _ := rankSumPooled(x, y)
		got := MannWhitney(x, y)
		sx, sy := slices.Clone(x), slices.Clone(y)
		slices.Sort(sx)
		slices.Sort(sy)
		sorted := MannWhitneySorted(sx, sy)
		if math.Float64bits(got.U) != math.Float64bits(u) || math.Float64bits(sorted.U) != math.Float64bits(u) {
			t.Errorf("%+v: U %v (sorted %v), pooled ranks %v", tt, got.U, sorted.U, u)
		}
		if math.Float64bits(got.P) != math.Float64bits(sorted.P) || math.Float64bits(got.Z) != math.Float64bits(sorted.Z) {
			t.Errorf("%+v: MannWhitney %+v, MannWhitneySorted %+v", tt, got, sorted)
		}
	}
	if r := MannWhitneySorted(nil, []float64{1}); !math.IsNaN(r.P) || len(r.Warnings) != 1 {
		t.Errorf("empty group: %+v", r)
	}
}
