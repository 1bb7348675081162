package stats

import (
	"fmt"
	"math"
	"math/big"
)

// PermutationResult is a randomization-inference test of a triple
// difference over the assignments of the pilot label to boards.
type PermutationResult struct {
	// DDD is the observed triple difference (as TripleDiff's).
	DDD float64
	// P is the two-sided randomization p-value, the share of assignments
	// whose |DDD| is at least the observed |DDD| (the observed assignment
	// included); Extreme counts them among Assignments.
	P                    float64
	Extreme, Assignments int
	// PLow and PHigh bound the p-value the exact enumeration would give: a
	// Wilson interval at Conf for a Monte Carlo estimate, both equal to P
	// when Exact.
	PLow, PHigh, Conf float64
	// Exact is true when every one of the Possible = C(Boards, Pilots)
	// assignments was evaluated; otherwise Draws assignments were drawn
	// uniformly at random (with replacement) from NewRand(Seed).
	Exact    bool
	Possible float64 // exact below 2⁵³
	Draws    int
	Seed     uint64
	// Boards is the number of boards and Pilots the number given the label.
	Boards, Pilots int
	// Undefined counts the assignments left out because one of their eight
	// pooled cells had no records (their DDD does not exist).
	Undefined int
	// MinP is the smallest p-value these boards allow: with exact
	// enumeration the P the most extreme assignment would get, with Monte
	// Carlo 1/(Draws+1).
	MinP     float64
	Warnings []error
}

// permTieTol is the relative tolerance within which an assignment's |DDD|
// counts as equal to the observed one (the same DDD summed in a different
// order can differ in the last bits).
const permTieTol = 1e-9

// PermutationDDD returns the randomization-inference p-value of the triple
// difference of y (focal group versus reference, pilot versus other boards,
// after versus before; see TripleDiff) under the sharp null that the pilot
// had no effect: the pilot label is reassigned to every set of as many
// boards as the real pilots, and
//
//	P = #{assignments A : |DDD(A)| ≥ |DDD(observed)|} / #{assignments},
//
// the observed assignment counted among them. board[i] is record i's board
// index; the boards are 0 … max(board), each must have records, and pilots
// lists the distinct indices of the pilot boards (1 ≤ len(pilots) < boards).
// When C(boards, pilots) ≤ maxExact every assignment is enumerated (Exact);
// otherwise maxExact assignments are drawn uniformly at random from
// NewRand(seed) and P = (1 + #{draws as extreme}) / (1 + draws), which is a
// valid p-value (Phipson and Smyth 2010), with a Wilson interval at conf for
// the exact p-value it estimates.
//
// The records are read twice (to centre y, then into per-board × group ×
// after sums and counts); each assignment then costs O(boards), not
// O(records). An assignment under which a pooled cell is empty has no DDD and
// is left out (counted in Undefined, with a warning). When MinP > 1 - conf
// a warning says that no assignment of the label to these boards could give
// a p-value that small: with few boards the test cannot reject.
//
// It returns an error, never NaN, for mismatched lengths, a NaN or infinite
// outcome, a negative board index, a board without records, pilot indices
// out of range or repeated, conf outside (0, 1), maxExact < 1, or an
// observed assignment whose DDD does not exist (an empty cell).
//
// References: Fisher, R. A. (1935). The Design of Experiments, §21.
// Phipson, B., Smyth, G. K. (2010). Permutation p-values should never be
// zero. Statistical Applications in Genetics and Molecular Biology 9(1), 39.
// MacKinnon, J. G., Webb, M. D. (2020). Randomization inference for
// difference-in-differences with few treated clusters. Journal of
// Econometrics 218, 435–450.
func PermutationDDD(y []float64, group, after []bool, board []int32, pilots []int, conf float64, maxExact int, seed uint64) (PermutationResult, error) {
	if maxExact < 1 {
		return PermutationResult{}, fmt.Errorf("randomization test: maxExact %d, want at least 1", maxExact)
	}
	return permutationDDD(y, group, after, board, pilots, conf, maxExact, maxExact, seed)
}

// permutationDDD is PermutationDDD with the Monte Carlo draws set apart
// from the exact bound (tests draw more than the bound).
func permutationDDD(y []float64, group, after []bool, board []int32, pilots []int, conf float64, maxExact, draws int, seed uint64) (PermutationResult, error) {
	var r PermutationResult
	n := len(y)
	if len(group) != n || len(after) != n || len(board) != n {
		return r, fmt.Errorf("randomization test: %d outcomes but %d group, %d after flags and %d boards", n, len(group), len(after), len(board))
	}
	if !(conf > 0 && conf < 1) {
		return r, fmt.Errorf("randomization test: confidence level %v not in (0, 1)", conf)
	}
	// Pass 1: the number of boards and the grand mean (the DDD is a
	// contrast, unchanged by a shift of y; centring keeps the board sums
	// small).
	nb := 0
	mean := 0.0
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return r, fmt.Errorf("randomization test: record %d: outcome %v", i, v)
		}
		if board[i] < 0 {
			return r, fmt.Errorf("randomization test: record %d: board index %d", i, board[i])
		}
		nb = max(nb, int(board[i])+1)
		mean += (v - mean) / float64(i+1)
	}
	// Pass 2: per board, sums and counts by after·2 + group.
	sums := make([]float64, 4*nb)
	cnts := make([]int, 4*nb)
	for i, v := range y {
		c := 4*int(board[i]) + dddIndex(false, after[i], group[i])
		sums[c] += v - mean
		cnts[c]++
	}
	for b := range nb {
		if cnts[4*b]+cnts[4*b+1]+cnts[4*b+2]+cnts[4*b+3] == 0 {
			return r, fmt.Errorf("randomization test: board %d has no records (index only the boards present)", b)
		}
	}
	k := len(pilots)
	if k < 1 || k >= nb {
		return r, fmt.Errorf("randomization test: %d pilot boards of %d; want at least one pilot and one other board", k, nb)
	}
	mask := make([]bool, nb)
	for _, b := range pilots {
		if b < 0 || b >= nb {
			return r, fmt.Errorf("randomization test: pilot board %d not among boards 0-%d", b, nb-1)
		}
		if mask[b] {
			return r, fmt.Errorf("randomization test: pilot board %d given twice", b)
		}
		mask[b] = true
	}
	r.Boards, r.Pilots, r.Conf, r.Seed = nb, k, conf, seed
	obs, ok := assignmentDDD(sums, cnts, mask)
	if !ok {
		return PermutationResult{}, fmt.Errorf("randomization test: the observed assignment leaves a group × pilot × after cell without records")
	}
	r.DDD = obs
	thr := math.Abs(obs) * (1 - permTieTol)
	possible := new(big.Int).Binomial(int64(nb), int64(k))
	r.Possible, _ = new(big.Float).SetInt(possible).Float64()
	clear(mask)

	if possible.IsInt64() && possible.Int64() <= int64(maxExact) {
		r.Exact = true
		idx := make([]int, k)
		for i := range idx {
			idx[i] = i
			mask[i] = true
		}
		maxAbs := math.Inf(-1)
		ds := make([]float64, 0, possible.Int64())
		for {
			if d, ok := assignmentDDD(sums, cnts, mask); ok {
				ds = append(ds, math.Abs(d))
				maxAbs = max(maxAbs, math.Abs(d))
			} else {
				r.Undefined++
			}
			if !nextCombination(idx, nb, mask) {
				break
			}
		}
		r.Assignments = len(ds)
		top := 0
		for _, d := range ds {
			if d >= thr {
				r.Extreme++
			}
			if d >= maxAbs*(1-permTieTol) {
				top++
			}
		}
		r.P = float64(r.Extreme) / float64(r.Assignments)
		r.PLow, r.PHigh = r.P, r.P
		r.MinP = float64(top) / float64(r.Assignments)
	} else {
		r.Draws = draws
		rng := NewRand(seed)
		perm := make([]int, nb)
		for i := range perm {
			perm[i] = i
		}
		r.Extreme, r.Assignments = 1, 1 // the observed assignment
		for range draws {
			for i := range k { // partial Fisher–Yates: a uniform k-subset
				j := i + rng.IntN(nb-i)
				perm[i], perm[j] = perm[j], perm[i]
				mask[perm[i]] = true
			}
			d, ok := assignmentDDD(sums, cnts, mask)
			for _, b := range perm[:k] {
				mask[b] = false
			}
			if !ok {
				r.Undefined++
				continue
			}
			r.Assignments++
			if math.Abs(d) >= thr {
				r.Extreme++
			}
		}
		r.P = float64(r.Extreme) / float64(r.Assignments)
		r.PLow, r.PHigh = 0, 1
		if r.Assignments > 1 {
			r.PLow, r.PHigh = Wilson(r.Extreme-1, r.Assignments-1, conf)
		}
		r.MinP = 1 / float64(r.Assignments)
	}
	if r.Undefined > 0 {
		r.Warnings = append(r.Warnings, fmt.Errorf("randomization test: %d assignment(s) left out because a pooled cell had no records", r.Undefined))
	}
	if r.MinP > 1-conf {
		r.Warnings = append(r.Warnings, fmt.Errorf("randomization test: with %d boards of which %d pilots no assignment can give a p-value below %.3g, so this test cannot reject at %.3g", nb, k, r.MinP, 1-conf))
	}
	return r, nil
}

// assignmentDDD pools the per-board sums and counts (4 per board, by
// after·2 + group) into pilot (mask true) and other boards and returns
// their DDD, or false when a pooled cell is empty.
func assignmentDDD(sums []float64, cnts []int, mask []bool) (float64, bool) {
	var s [8]float64
	var c [8]int
	for b, p := range mask {
		o := 0
		if p {
			o = 4
		}
		for j := range 4 {
			s[o+j] += sums[4*b+j]
			c[o+j] += cnts[4*b+j]
		}
	}
	d := 0.0
	for j := range 8 {
		if c[j] == 0 {
			return 0, false
		}
		d += dddSign(j) * s[j] / float64(c[j])
	}
	return d, true
}

// nextCombination advances idx, a sorted k-subset of 0..n-1, to the next
// in lexicographic order, keeping mask in step; false after the last.
func nextCombination(idx []int, n int, mask []bool) bool {
	k := len(idx)
	i := k - 1
	for i >= 0 && idx[i] == n-k+i {
		i--
	}
	if i < 0 {
		return false
	}
	for _, b := range idx[i:] {
		mask[b] = false
	}
	idx[i]++
	mask[idx[i]] = true
	for j := i + 1; j < k; j++ {
		idx[j] = idx[j-1] + 1
		mask[idx[j]] = true
	}
	return true
}
