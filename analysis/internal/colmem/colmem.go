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
package colmem

import "unsafe"

// Elem is an element type that may live in a Block: fixed size, no pointers.
type Elem interface {
	~bool | ~int8 | ~uint8 | ~int32 | ~uint32 | ~int64 | ~uint64 | ~float64
}

// hugePage is the size of a transparent huge page on amd64 and arm64 Linux.
const hugePage = 2 << 20

// Block is zeroed memory handed out in consecutive arrays by Take.
type Block struct {
	mem  []uint64 // keeps the memory alive; 8-byte words for alignment
	base unsafe.Pointer
	size int // bytes usable from base
	off  int // bytes handed out
}

// Size returns the bytes Take uses for n elements of T (a multiple of 8).
func Size[T Elem](n int) int {
	var z T
	return (n*int(unsafe.Sizeof(z)) + 7) &^ 7
}

// New returns a block of size bytes (sum the Size of each array to take).
// Blocks of 4 MB or more start on a 2 MB boundary and are advised to use
// huge pages; the memory is not touched until the arrays are written.
func New(size int) *Block {
	size = (max(size, 0) + 7) &^ 7
	b := &Block{size: size}
	if size < 2*hugePage {
		b.mem = make([]uint64, size/8)
		b.base = unsafe.Pointer(unsafe.SliceData(b.mem))
		return b
	}
	// The slack before the boundary is address space only: never touched,
	// never resident.
	b.mem = make([]uint64, (size+hugePage)/8)
	p := unsafe.Pointer(unsafe.SliceData(b.mem))
	skip := int((uintptr(p)+hugePage-1)&^(hugePage-1) - uintptr(p))
	b.base = unsafe.Add(p, skip)
	hugePages(b.base, size)
	return b
}

// Take returns the next n elements of b as a slice (length and capacity n,
// zero values). It panics when b has less room left: a sizing mistake, not
// a data error.
func Take[T Elem](b *Block, n int) []T {
	sz := Size[T](n)
	if n < 0 || sz > b.size-b.off {
		panic("colmem: block too small")
	}
	if n == 0 {
		return []T{}
	}
	s := unsafe.Slice((*T)(unsafe.Add(b.base, b.off)), n)
	b.off += sz
	return s
}
