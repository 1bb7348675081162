package distinct

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCount checks the bucketed count against sorting all the keys, for
// sizes on both sides of the bucketing threshold, with repeats, and with
// keys that all share their top bits (one bucket holds everything).
func TestCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		n    int
		mask uint64
	}{
		{"empty", 0, ^uint64(0)},
		{"small", 1000, ^uint64(0)},
		{"large", 300_000, ^uint64(0)},
		{"large, many repeats", 300_000, 0xffff_0000_0000_ffff},
		{"large, one bucket", 200_000, 0x0000_ffff_ffff_ffff},
	} {
		keys := make([]uint64, tc.n)
		for i := range keys {
			keys[i] = r.Uint64() & tc.mask
			if i > 0 && r.IntN(4) == 0 {
				keys[i] = keys[r.IntN(i)]
			}
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		if got, w := Count(keys), len(slices.Compact(want)); got != w {
			t.Errorf("%s: Count = %d, want %d", tc.name, got, w)
		}
	}
}
