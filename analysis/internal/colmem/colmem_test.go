package colmem

import (
	"testing"
	"unsafe"
)

func TestAllocate(t *testing.T) {
	for _, rows := range []int{0, 1, 7, 1000, 3 << 20} {
		var l Layout
		var i8 []int8
		var bl []bool
		var i32 []int32
		var f64 []float64
		var u64 []uint64
		var u8 []uint8
		Reserve(&l, &i8, rows)
		Reserve(&l, &bl, rows)
		Reserve(&l, &i32, rows)
		Reserve(&l, &f64, rows)
		Reserve(&l, &u64, rows)
		Reserve(&l, &u8, rows+3) // odd lengths pad to the array alignment
		if want := 2*pad(rows) + pad(4*rows) + 2*8*rows + pad(rows+3); l.Size() != want {
			t.Errorf("rows %d: Size() = %d, want %d", rows, l.Size(), want)
		}
		if i8 != nil || f64 != nil {
			t.Fatalf("rows %d: slices set before Allocate", rows)
		}
		l.Allocate()
		for _, c := range []struct {
			name     string
			len, cap int
		}{{"int8", len(i8), cap(i8)}, {"bool", len(bl), cap(bl)}, {"int32", len(i32), cap(i32)},
			{"float64", len(f64), cap(f64)}, {"uint64", len(u64), cap(u64)}} {
			if c.len != rows || c.cap != rows {
				t.Errorf("rows %d: %s array has len %d cap %d, want %d", rows, c.name, c.len, c.cap, rows)
			}
		}
		if len(u8) != rows+3 || cap(u8) != rows+3 {
			t.Errorf("rows %d: uint8 array has len %d cap %d", rows, len(u8), cap(u8))
		}
		if rows == 0 {
			if i8 == nil || f64 == nil || u64 == nil {
				t.Errorf("rows 0: empty arrays are nil; want empty, non-nil (callers test presence by nil)")
			}
			continue
		}
		// Alignment: every array on an 8-byte boundary (covers every
		// element type), and a large block on a huge-page boundary.
		for name, p := range map[string]unsafe.Pointer{"int8": unsafe.Pointer(&i8[0]), "bool": unsafe.Pointer(&bl[0]),
			"int32": unsafe.Pointer(&i32[0]), "float64": unsafe.Pointer(&f64[0]), "uint64": unsafe.Pointer(&u64[0]),
			"uint8": unsafe.Pointer(&u8[0])} {
			if a := uintptr(p); a%arrayAlign != 0 {
				t.Errorf("rows %d: %s array at %#x, not %d-byte aligned", rows, name, a, arrayAlign)
			}
		}
		if rows >= 1<<20 {
			if a := uintptr(unsafe.Pointer(&i8[0])); a%hugePage != 0 {
				t.Errorf("rows %d: large block at %#x, not 2 MB aligned", rows, a)
			}
		}
		// Zeroed, and the arrays do not overlap: fill each, then check each.
		for k := range rows {
			if i8[k] != 0 || bl[k] || i32[k] != 0 || f64[k] != 0 || u64[k] != 0 || u8[k] != 0 {
				t.Fatalf("rows %d: element %d not zero", rows, k)
			}
		}
		for k := range rows {
			i8[k], bl[k], i32[k], f64[k], u64[k], u8[k] = -1, true, -2, -3, 4, 5
		}
		u8[rows], u8[rows+1], u8[rows+2] = 5, 5, 5
		for k := range rows {
			if i8[k] != -1 || !bl[k] || i32[k] != -2 || f64[k] != -3 || u64[k] != 4 || u8[k] != 5 {
				t.Fatalf("rows %d: element %d overwritten", rows, k)
			}
		}
	}
}

func pad(n int) int { return (n + 7) &^ 7 }

// TestNoMoreThanReserved: memory comes only from reservations, so an array
// cannot be longer than reserved — its capacity ends where the next begins —
// and nothing can be reserved once the block exists.
func TestNoMoreThanReserved(t *testing.T) {
	var l Layout
	var a, b []int32
	Reserve(&l, &a, 10)
	Reserve(&l, &b, 10)
	l.Allocate()
	mustPanic(t, "reslicing past the reserved length", func() {
		n := 11
		_ = a[:n]
	})
	mustPanic(t, "indexing past the reserved length", func() {
		n := 10
		a[n] = 1
	})
	// append past the capacity moves a, leaving b untouched.
	b[0] = 7
	a = append(a, 1)
	if b[0] != 7 {
		t.Errorf("append to one array wrote into the next")
	}
	var c []int32
	mustPanic(t, "Reserve after Allocate", func() { Reserve(&l, &c, 1) })
	if c != nil {
		t.Errorf("a reservation after Allocate set its slice")
	}
	mustPanic(t, "Allocate twice", func() { l.Allocate() })
	var l2 Layout
	mustPanic(t, "a negative length", func() { Reserve(&l2, &c, -1) })
}

func TestMake(t *testing.T) {
	for _, n := range []int{0, 5, 3 << 20} {
		s := Make[uint64](n)
		if len(s) != n || cap(s) != n || s == nil {
			t.Errorf("Make(%d): len %d cap %d nil %v", n, len(s), cap(s), s == nil)
		}
		if n >= 1<<20 && uintptr(unsafe.Pointer(&s[0]))%hugePage != 0 {
			t.Errorf("Make(%d) not 2 MB aligned", n)
		}
	}
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}
