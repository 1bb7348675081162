// Package colmem allocates the large pointer-free arrays of a columnar data
// set (the columns of a participant file, the derived measures) from one
// block of memory that Linux is asked to back with transparent huge pages.
//
// On the machines this tool runs on, touching fresh memory is a large share
// of a national-scale run: every 4 KB page is a fault and a zeroing (in a
// virtual machine each fault is also a trip to the host). With 2 MB pages
// there are 512 times fewer faults. Separate allocations would leave each
// array's unaligned ends, and arrays under 4 MB entirely, on small pages, so
// the arrays share one block aligned to 2 MB.
//
// A block is laid out before it exists: callers Reserve every array (which
// slice to set, its length; the alignment comes from the element type), then
// Allocate once. The block's size is the sum of the reservations and each
// slice is set to exactly its reserved range, so what is sized and what is
// handed out cannot disagree, and no array can reach into another (each
// slice's capacity is its length).
package colmem

import "unsafe"

// Elem is an element type that may live in a block: fixed size, no pointers.
type Elem interface {
	~bool | ~int8 | ~uint8 | ~int16 | ~uint16 | ~int32 | ~uint32 | ~int64 | ~uint64 | ~float64
}

// hugePage is the size of a transparent huge page on amd64 and arm64 Linux.
const hugePage = 2 << 20

// arrayAlign is the alignment of every array in a block: at least that of
// any Elem, so a reservation's alignment never depends on what came before.
const arrayAlign = 8

// Layout collects the reservations of one block. The zero value is an empty
// layout ready for Reserve.
type Layout struct {
	size int                         // bytes reserved so far (a multiple of arrayAlign)
	set  []func(base unsafe.Pointer) // one per reservation: points its slice into the block
	done bool
}

// Reserve reserves n elements of T in l, for the slice *dst, which Allocate
// sets (length and capacity n, zero values; empty but not nil when n is 0).
// It panics after Allocate or for n < 0: a programming mistake.
func Reserve[T Elem](l *Layout, dst *[]T, n int) {
	if l.done {
		panic("colmem: Reserve after Allocate")
	}
	if n < 0 {
		panic("colmem: negative length")
	}
	var z T
	sz, align := int(unsafe.Sizeof(z)), int(max(unsafe.Alignof(z), arrayAlign))
	off := (l.size + align - 1) &^ (align - 1)
	l.size = (off + n*sz + arrayAlign - 1) &^ (arrayAlign - 1)
	l.set = append(l.set, func(base unsafe.Pointer) {
		if n == 0 {
			*dst = []T{}
			return
		}
		*dst = unsafe.Slice((*T)(unsafe.Add(base, off)), n)
	})
}

// Size returns the bytes the block of l will hold (the sum of its
// reservations, each rounded up to the array alignment).
func (l *Layout) Size() int { return l.size }

// Allocate allocates one zeroed block holding every reservation of l and
// sets each reserved slice to its part. Blocks of 4 MB or more start on a
// 2 MB boundary and are advised to use huge pages; the memory is not touched
// until the arrays are written. A layout is allocated once; Allocate panics
// when called again.
func (l *Layout) Allocate() {
	if l.done {
		panic("colmem: Allocate called twice")
	}
	l.done = true
	base := alloc(l.size)
	for _, set := range l.set {
		set(base)
	}
	l.set = nil // the slices keep the block alive; the layout need not
}

// alloc returns size zeroed bytes (size a multiple of arrayAlign), 2 MB
// aligned and advised to use huge pages from 4 MB.
func alloc(size int) unsafe.Pointer {
	if size < 2*hugePage {
		return unsafe.Pointer(unsafe.SliceData(make([]uint64, size/8)))
	}
	// The slack before the boundary is address space only: never touched,
	// never resident. An interior pointer keeps the whole allocation alive.
	mem := make([]uint64, (size+hugePage)/8)
	p := unsafe.Pointer(unsafe.SliceData(mem))
	base := unsafe.Add(p, int((uintptr(p)+hugePage-1)&^(hugePage-1)-uintptr(p)))
	hugePages(base, size)
	return base
}

// Make returns one array of n elements of T (length and capacity n, zero
// values) in a block of its own: a layout of one reservation.
func Make[T Elem](n int) []T {
	var s []T
	var l Layout
	Reserve(&l, &s, n)
	l.Allocate()
	return s
}
