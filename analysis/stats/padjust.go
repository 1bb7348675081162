package stats

import (
	"math"
	"sort"
)

// Holm returns Holm's step-down adjusted p-values, as R's p.adjust(p,
// method = "holm"): with the m non-NaN p-values in ascending order p₍₁₎ ≤ … ≤
// p₍ₘ₎,
//
//	p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m-j+1)·p₍ⱼ₎).
//
// NaN entries stay NaN and do not count in m. The result is a new slice in
// the input order; p is not modified. Holm controls the family-wise error
// rate under any dependence.
//
// Reference: Holm, S. (1979). A simple sequentially rejective multiple test
// procedure. Scandinavian Journal of Statistics 6, 65–70.
func Holm(p []float64) []float64 {
	out, idx := adjustSetup(p)
	m := float64(len(idx))
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	run := 0.0
	for i, j := range idx {
		run = math.Max(run, (m-float64(i))*p[j])
		out[j] = math.Min(1, run)
	}
	return out
}

// BenjaminiHochberg returns Benjamini–Hochberg adjusted p-values (false
// discovery rate), as R's p.adjust(p, method = "BH"): with the m non-NaN
// p-values in ascending order,
//
//	p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ m·p₍ⱼ₎/j).
//
// NaN entries stay NaN and do not count in m; p is not modified.
//
// Reference: Benjamini, Y., Hochberg, Y. (1995). Controlling the false
// discovery rate. JRSS B 57, 289–300.
func BenjaminiHochberg(p []float64) []float64 {
	out, idx := adjustSetup(p)
	m := float64(len(idx))
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	run := math.Inf(1)
	for i, j := range idx {
		rank := m - float64(i)
		run = math.Min(run, m/rank*p[j])
		out[j] = math.Min(1, run)
	}
	return out
}

// adjustSetup returns an output slice with NaN at NaN inputs and the
// indices of the other entries.
func adjustSetup(p []float64) ([]float64, []int) {
	out := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if math.IsNaN(v) {
			out[i] = math.NaN()
			continue
		}
		idx = append(idx, i)
	}
	return out, idx
}
