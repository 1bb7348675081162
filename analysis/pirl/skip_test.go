package pirl

import (
	"math/rand/v2"
	"testing"
)

// skipDelims against the obvious byte loop, on delimiters next to bytes
// that differ from them by one bit or by one (where carry tricks fail).
func TestSkipDelims(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{',', ',' + 1, ',' - 1, ',' | 0x80, 0, 0xff, 'a', '\t', '|'}
	for iter := 0; iter < 20000; iter++ {
		d := []byte{',', '\t', '|', ';'}[rng.IntN(4)]
		rec := make([]byte, rng.IntN(40))
		for i := range rec {
			rec[i] = alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(3) == 0 {
				rec[i] = d
			}
		}
		p := 0
		if len(rec) > 0 {
			p = rng.IntN(len(rec))
		}
		total := 0
		for _, c := range rec[p:] {
			if c == d {
				total++
			}
		}
		for n := 1; n <= total; n++ {
			want, seen := 0, 0
			for i := p; i < len(rec); i++ {
				if rec[i] == d {
					if seen++; seen == n {
						want = i + 1
						break
					}
				}
			}
			if got := skipDelims(rec, p, n, d); got != want {
				t.Fatalf("skipDelims(%q, %d, %d, %q) = %d, want %d", rec, p, n, d, got, want)
			}
		}
	}
}
