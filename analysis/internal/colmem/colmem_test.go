package colmem

import (
	"testing"
	"unsafe"
)

func TestTake(t *testing.T) {
	for _, rows := range []int{0, 1, 7, 1000, 3 << 20} {
		size := Size[int8](rows) + Size[bool](rows) + Size[int32](rows) + Size[float64](rows) + Size[uint64](rows)
		b := New(size)
		i8, bl, i32 := Take[int8](b, rows), Take[bool](b, rows), Take[int32](b, rows)
		f64, u64 := Take[float64](b, rows), Take[uint64](b, rows)
		if len(i8) != rows || cap(i8) != rows || len(f64) != rows || len(u64) != rows {
			t.Fatalf("rows %d: lengths %d %d %d", rows, len(i8), len(f64), len(u64))
		}
		if rows == 0 {
			continue
		}
		if a := uintptr(unsafe.Pointer(&f64[0])); a%8 != 0 {
			t.Errorf("rows %d: float64 array at %#x, not 8-byte aligned", rows, a)
		}
		if rows >= 1<<20 {
			if a := uintptr(unsafe.Pointer(&i8[0])); a%hugePage != 0 {
				t.Errorf("rows %d: large block at %#x, not 2 MB aligned", rows, a)
			}
		}
		// Arrays do not overlap: fill each, then check each.
		for k := range rows {
			i8[k], bl[k], i32[k], f64[k], u64[k] = -1, true, -2, -3, 4
		}
		for k := range rows {
			if i8[k] != -1 || !bl[k] || i32[k] != -2 || f64[k] != -3 || u64[k] != 4 {
				t.Fatalf("rows %d: element %d overwritten", rows, k)
			}
		}
	}
}

func TestTakeTooMuch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("taking more than the block holds did not panic")
		}
	}()
	b := New(Size[int32](10))
	Take[int32](b, 10)
	Take[int8](b, 1)
}
