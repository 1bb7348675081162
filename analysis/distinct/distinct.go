// Package distinct counts distinct identifiers (participant hashes) in
// large slices, faster than sorting them all.
package distinct

import "slices"

// Count returns the number of distinct values in keys (identifier
// hashes), reordering them. A million keys are spread by their top 16 bits
// over 65,536 buckets (a counting pass and a placing pass) and each bucket,
// a few dozen keys, is sorted alone: several times faster than sorting them
// all, and equal keys always share a bucket.
func Count(keys []uint64) int {
	const bits = 16
	if len(keys) < 1<<bits {
		slices.Sort(keys)
		return len(slices.Compact(keys))
	}
	start := make([]int, 1<<bits+1)
	for _, k := range keys {
		start[k>>(64-bits)+1]++
	}
	for b := 1; b < len(start); b++ {
		start[b] += start[b-1]
	}
	next := slices.Clone(start[:1<<bits])
	out := make([]uint64, len(keys))
	for _, k := range keys {
		b := k >> (64 - bits)
		out[next[b]] = k
		next[b]++
	}
	n := 0
	for b := range 1 << bits {
		s := out[start[b]:start[b+1]]
		slices.Sort(s)
		n += len(slices.Compact(s))
	}
	return n
}
