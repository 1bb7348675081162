package measures

import (
	"math/rand/v2"
	"testing"
)

// TestTractTable checks the GEOID cache against a map through several
// doublings, with overwrites and absent keys.
func TestTractTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var tt tractTable
	want := map[uint64]tractInfo{}
	if _, ok := tt.get(12345); ok {
		t.Fatal("empty table found a key")
	}
	for i := range 5000 {
		g := r.Uint64()%20000 + 1 // repeats on purpose; never 0
		v := tractInfo{idx: int32(i), high: int8(i % 3)}
		tt.put(g, v)
		want[g] = v
	}
	if tt.n != len(want) {
		t.Errorf("n = %d, want %d", tt.n, len(want))
	}
	for g := uint64(1); g <= 20000; g++ {
		got, ok := tt.get(g)
		w, wok := want[g]
		if ok != wok || got != w {
			t.Fatalf("get(%d) = %v, %v; want %v, %v", g, got, ok, w, wok)
		}
	}
}
