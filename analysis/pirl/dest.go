package pirl

import (
	"sync"

	"github.com/wioa-equity/wioa/analysis/internal/colmem"
)

// dest holds the final columns while they are filled. Every block is given,
// before it is parsed, a range of row slots as long as its lines (a record
// uses at least one line; blank lines none), so workers write their rows
// straight into the final columns and nothing is copied afterwards. The
// merger closes the gaps left by blank lines and multi-line records, which
// are rare, by moving the rows after them down.
//
// The columns are sized from an estimate of the rows in the file and grown
// when a block's slots would not fit. Growing moves the columns, so workers
// and the merger write under the read lock and growing takes the write lock.
type dest struct {
	mu   sync.RWMutex
	kept []column          // the plan's columns whose values are kept (not checkOnly)
	cols [NumFields]Column // len = cap = capacity in rows
	cap  int
}

func newDest(p *plan) *dest {
	t := &dest{}
	for _, pc := range p.cols {
		if !pc.checkOnly {
			t.kept = append(t.kept, pc)
		}
	}
	return t
}

// ensure makes room for n rows; used is how many slots are already handed
// out (only those are copied when the columns move). Called by the producer
// only, between blocks.
func (t *dest) ensure(n, used, want int) {
	if n <= t.cap {
		return
	}
	c := max(n, want, t.cap+t.cap/8)
	t.mu.Lock()
	defer t.mu.Unlock()
	// All columns in one block (huge pages; see colmem). The new columns
	// replace the old ones in t.cols; the first used rows are copied over.
	old := t.cols
	var l colmem.Layout
	for _, pc := range t.kept {
		col := &t.cols[pc.field]
		switch pc.kind {
		case KindCode:
			colmem.Reserve(&l, &col.code, (c+1)/2)
		case KindDate:
			colmem.Reserve(&l, &col.day, c)
		case KindInt, KindMoney:
			colmem.Reserve(&l, &col.u32, c)
		case KindDict:
			colmem.Reserve(&l, &col.u16, c)
		case KindFloat:
			colmem.Reserve(&l, &col.bits, c)
		case KindID, KindGEOID:
			colmem.Reserve(&l, &col.Hash, c)
		}
	}
	l.Allocate()
	for _, pc := range t.kept {
		col, was := &t.cols[pc.field], &old[pc.field]
		switch pc.kind {
		case KindCode:
			copy(col.code, was.code[:(used+1)/2])
		case KindDate:
			copy(col.day, was.day[:used])
		case KindInt, KindMoney:
			copy(col.u32, was.u32[:used])
		case KindDict:
			copy(col.u16, was.u16[:used])
		case KindFloat:
			copy(col.bits, was.bits[:used])
		case KindID, KindGEOID:
			copy(col.Hash, was.Hash[:used])
		}
	}
	t.cap = c
}

// view points ch's columns at slots [lo, lo+n) of the final columns. Slots
// are handed out once and new memory is zero, every kind's missing marker:
// the worker writes only the values that are present, at index ch.rows.
// Codes, packed two a byte in the final columns, go to the chunk's own
// bytes (cleared here) and are packed when the chunk is placed, so no two
// workers write to one byte. Call under the read lock.
func (t *dest) view(ch *chunk, lo, n int) {
	for _, pc := range t.kept {
		src, dst := &t.cols[pc.field], &ch.cols[pc.field]
		switch pc.kind {
		case KindCode:
			b := &ch.codeBuf[pc.field]
			if cap(*b) < n {
				*b = make([]uint8, n)
			}
			dst.code = (*b)[:n:n]
			clear(dst.code)
		case KindDict:
			b := &ch.dictBuf[pc.field]
			if cap(*b) < n {
				*b = make([]uint32, n)
			}
			dst.u32 = (*b)[:n:n]
			clear(dst.u32)
		case KindDate:
			dst.day = src.day[lo : lo+n : lo+n]
		case KindInt, KindMoney:
			dst.u32 = src.u32[lo : lo+n : lo+n]
		case KindFloat:
			dst.bits = src.bits[lo : lo+n : lo+n]
		case KindID, KindGEOID:
			dst.Hash = src.Hash[lo : lo+n : lo+n]
		}
	}
}

// place moves a chunk's rows, parsed into slots from ch.lo, to row at (≤
// ch.lo), and turns dictionary indices local to the chunk into file-wide
// ones. Call under the read lock, with the chunks before ch placed.
func (t *dest) place(ch *chunk, at int, remap func(f Field, src *Column) []int32) {
	n := ch.rows
	for _, pc := range t.kept {
		col := &t.cols[pc.field]
		if at != ch.lo {
			// The slots left behind keep the moved values until a later
			// chunk is placed over them or finish cuts them off.
			switch pc.kind {
			case KindDate:
				copy(col.day[at:at+n], col.day[ch.lo:ch.lo+n])
			case KindInt, KindMoney:
				copy(col.u32[at:at+n], col.u32[ch.lo:ch.lo+n])
			case KindFloat:
				copy(col.bits[at:at+n], col.bits[ch.lo:ch.lo+n])
			case KindID, KindGEOID:
				copy(col.Hash[at:at+n], col.Hash[ch.lo:ch.lo+n])
			}
		}
		switch pc.kind {
		case KindCode:
			packCodes(col.code, at, ch.cols[pc.field].code[:n])
		case KindMoney:
			for _, e := range ch.cols[pc.field].exact {
				col.exact = append(col.exact, exactValue{at + e.row, e.v})
			}
		case KindDict:
			// The chunk's own indices, 32 bits a row, become the file's.
			m := remap(pc.field, &ch.cols[pc.field])
			out := col.u16[at : at+n]
			for i, x := range ch.cols[pc.field].u32[:n] {
				if x == 0 {
					out[i] = 0
					continue
				}
				k := int32(x - 1)
				if m != nil {
					k = m[k]
				}
				if k+1 < farIndex {
					out[i] = uint16(k + 1)
				} else {
					out[i] = farIndex
					col.far = append(col.far, farValue{at + i, k})
				}
			}
		}
	}
}

// finish hands the columns, cut to rows, to d.
func (t *dest) finish(d *Data, rows int) {
	for _, pc := range t.kept {
		src, dst := &t.cols[pc.field], &d.Cols[pc.field]
		switch pc.kind {
		case KindCode:
			dst.code, dst.rows = src.code[:(rows+1)/2:(rows+1)/2], rows
		case KindDate:
			dst.day = src.day[:rows:rows]
		case KindInt, KindMoney:
			dst.u32 = src.u32[:rows:rows]
			dst.exact = src.exact
		case KindDict:
			dst.u16, dst.far = src.u16[:rows:rows], src.far
		case KindFloat:
			dst.bits = src.bits[:rows:rows]
		case KindID, KindGEOID:
			dst.Hash = src.Hash[:rows:rows]
		}
	}
}
