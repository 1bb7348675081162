package pirl

import (
	"syscall"
	"unsafe"
)

// hugePages asks Linux to back the n-byte array at p with transparent huge
// pages. The columns are written once from start to end; with 4 KB pages
// each first write of a page is a fault, hundreds of thousands for a large
// file, which cost more system time than the parsing saves. Advice only:
// errors (old kernels, THP disabled) are ignored.
func hugePages(p unsafe.Pointer, n int) {
	const huge = 2 << 20
	if n < 2*huge {
		return
	}
	a := uintptr(p)
	skip := int((a+huge-1)&^(huge-1) - a)
	size := (n - skip) &^ (huge - 1)
	if size <= 0 {
		return
	}
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), size), 14) // MADV_HUGEPAGE
}
