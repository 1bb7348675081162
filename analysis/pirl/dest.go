package pirl

import (
	"math"
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
	p    *plan
	cols [NumFields]Column // len = cap = capacity in rows
	cap  int
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
	for _, pc := range t.p.cols {
		col := &t.cols[pc.field]
		switch pc.kind {
		case KindCode:
			colmem.Reserve(&l, &col.Code, c)
		case KindDate, KindInt, KindDict:
			colmem.Reserve(&l, &col.Date, c)
		case KindMoney, KindFloat:
			colmem.Reserve(&l, &col.Num, c)
		case KindID, KindGEOID:
			colmem.Reserve(&l, &col.Hash, c)
		}
	}
	l.Allocate()
	for _, pc := range t.p.cols {
		col, was := &t.cols[pc.field], &old[pc.field]
		switch pc.kind {
		case KindCode:
			copy(col.Code, was.Code[:used])
		case KindDate, KindInt, KindDict:
			copy(col.Date, was.Date[:used])
		case KindMoney, KindFloat:
			copy(col.Num, was.Num[:used])
		case KindID, KindGEOID:
			copy(col.Hash, was.Hash[:used])
		}
	}
	t.cap = c
}

// view points ch's columns at slots [lo, lo+n) of the final columns and
// fills them with missing markers: the worker then only writes the values
// that are present, at index ch.rows. Call under the read lock.
func (t *dest) view(ch *chunk, lo, n int) {
	for _, pc := range t.p.cols {
		src, dst := &t.cols[pc.field], &ch.cols[pc.field]
		switch pc.kind {
		case KindCode:
			dst.Code = src.Code[lo : lo+n : lo+n]
			fill(dst.Code, MissingCode)
		case KindDate:
			dst.Date = src.Date[lo : lo+n : lo+n]
			fill(dst.Date, MissingDate)
		case KindInt:
			dst.Date = src.Date[lo : lo+n : lo+n]
			fill(dst.Date, MissingInt)
		case KindDict:
			dst.Date = src.Date[lo : lo+n : lo+n]
			fill(dst.Date, MissingDict)
		case KindMoney, KindFloat:
			dst.Num = src.Num[lo : lo+n : lo+n]
			fill(dst.Num, math.NaN())
		case KindID, KindGEOID:
			// Slots are handed out once and new memory is zero, the
			// missing marker.
			dst.Hash = src.Hash[lo : lo+n : lo+n]
		}
	}
}

// fill sets every element of s to v, by doubling copies (memmove speed).
func fill[T any](s []T, v T) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	for i := 1; i < len(s); i *= 2 {
		copy(s[i:], s[:i])
	}
}

// place moves a chunk's rows, parsed into slots from ch.lo, to row at (≤
// ch.lo), and turns dictionary indices local to the chunk into file-wide
// ones. Call under the read lock, with the chunks before ch placed.
func (t *dest) place(ch *chunk, at int, remap func(f Field, src *Column) []int32) {
	n := ch.rows
	for _, pc := range t.p.cols {
		col := &t.cols[pc.field]
		if at != ch.lo {
			switch pc.kind {
			case KindCode:
				copy(col.Code[at:at+n], col.Code[ch.lo:ch.lo+n])
			case KindDate, KindInt, KindDict:
				copy(col.Date[at:at+n], col.Date[ch.lo:ch.lo+n])
			case KindMoney, KindFloat:
				copy(col.Num[at:at+n], col.Num[ch.lo:ch.lo+n])
			case KindID, KindGEOID:
				copy(col.Hash[at:at+n], col.Hash[ch.lo:ch.lo+n])
			}
		}
		if pc.kind == KindDict {
			m := remap(pc.field, &ch.cols[pc.field])
			if m == nil {
				continue // identity
			}
			for i, x := range col.Date[at : at+n] {
				if x >= 0 {
					col.Date[at+i] = m[x]
				}
			}
		}
	}
}

// finish hands the columns, cut to rows, to d.
func (t *dest) finish(d *Data, rows int) {
	for _, pc := range t.p.cols {
		src, dst := &t.cols[pc.field], &d.Cols[pc.field]
		switch pc.kind {
		case KindCode:
			dst.Code = src.Code[:rows:rows]
		case KindDate, KindInt, KindDict:
			dst.Date = src.Date[:rows:rows]
		case KindMoney, KindFloat:
			dst.Num = src.Num[:rows:rows]
		case KindID, KindGEOID:
			dst.Hash = src.Hash[:rows:rows]
		}
	}
}
