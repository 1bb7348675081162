package colmem

import (
	"syscall"
	"unsafe"
)

// hugePages asks Linux to back the n bytes at p (2 MB aligned) with
// transparent huge pages. Advice only: errors (old kernels, THP disabled)
// are ignored.
func hugePages(p unsafe.Pointer, n int) {
	if n &^= hugePage - 1; n > 0 {
		_ = syscall.Madvise(unsafe.Slice((*byte)(p), n), 14) // MADV_HUGEPAGE
	}
}
