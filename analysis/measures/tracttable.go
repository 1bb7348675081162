package measures

import "math/bits"

// tractInfo is a tract's index in the tract file (-1 not there) and its
// high-poverty flag.
type tractInfo struct {
	idx  int32
	high int8
}

// tractTable caches tractInfo by GEOID (never 0): an open-addressing table
// with linear probing, doubled when half full. A file has far fewer tracts
// than rows, so it stays in cache, and a probe costs a fraction of a Go map
// lookup, once per record.
type tractTable struct {
	keys  []uint64 // 0 = empty
	vals  []tractInfo
	n     int
	shift uint
}

func (t *tractTable) slot(g uint64) int {
	return int((g * 0x9e3779b97f4a7c15) >> t.shift)
}

func (t *tractTable) get(g uint64) (tractInfo, bool) {
	if t.n == 0 {
		return tractInfo{}, false
	}
	mask := len(t.keys) - 1
	for i := t.slot(g); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case g:
			return t.vals[i], true
		case 0:
			return tractInfo{}, false
		}
	}
}

func (t *tractTable) put(g uint64, v tractInfo) {
	if 2*(t.n+1) > len(t.keys) {
		old, oldVals := t.keys, t.vals
		size := max(1024, 2*len(old))
		t.keys, t.vals, t.n = make([]uint64, size), make([]tractInfo, size), 0
		t.shift = uint(64 - bits.TrailingZeros(uint(size)))
		for i, k := range old {
			if k != 0 {
				t.put(k, oldVals[i])
			}
		}
	}
	mask := len(t.keys) - 1
	i := t.slot(g)
	for t.keys[i] != 0 && t.keys[i] != g {
		i = (i + 1) & mask
	}
	if t.keys[i] == 0 {
		t.n++
	}
	t.keys[i], t.vals[i] = g, v
}
