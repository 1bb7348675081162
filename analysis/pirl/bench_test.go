package pirl

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	wideOnce sync.Once
	wide     []byte
)

// wideFile is a generated 100,000-row, 300-column file (~50 MB), made once.
func wideFile() []byte {
	wideOnce.Do(func() { wide = genWide(100000, 300, 1, false) })
	return wide
}

func benchRead(b *testing.B, in []byte, workers int) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := read(bytes.NewReader(in), "bench.csv", Options{Workers: workers}, int64(len(in)), defaultBlock)
		if err != nil {
			b.Fatal(err)
		}
		if d.Rows != 100000 {
			b.Fatalf("rows %d", d.Rows)
		}
	}
}

// BenchmarkRead reads the wide file from memory; MB/s is of input bytes.
func BenchmarkRead(b *testing.B) {
	in := wideFile()
	b.Run("workers=1", func(b *testing.B) { benchRead(b, in, 1) })
	b.Run("workers=2", func(b *testing.B) { benchRead(b, in, 2) })
}

func BenchmarkReadGzip(b *testing.B) {
	in := gz(wideFile())
	b.Run("workers=2", func(b *testing.B) { benchRead(b, in, 2) })
}

func BenchmarkReadQuoted(b *testing.B) {
	in := genWide(100000, 300, 1, true)
	b.Run("workers=2", func(b *testing.B) { benchRead(b, in, 2) })
}

// FuzzRead: no input panics, and on success RowsRead agrees with the columns.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"PIRL 201,PIRL 900,PIRL 901\n1,20200101,20200601\n",
		"PIRL 100\tPIRL 201\tPIRL 900\tPIRL 901\tPIRL 1704\r\nA\t2\t2020-01-01\t\t$1,000\r\n",
		"\ufeff\"PIRL 201\",\"PIRL 900\",\"PIRL 901\"\n\"1\",\"a\"\"b\nc\",\"\"\n",
		"p201|p900|p901|tract_geoid|p1306\n9|01/02/2020||1400000US13121001100|29-1141.00\n7|x|y|1312|\n",
		"PIRL 201;PIRL 900;PIRL 901\n1;\"20200101\n",
		"PIRL 201,PIRL 900\n\n\n1\n1,2,3,4\n",
		"\x1f\x8b\x08garbage",
		"\x00\x00",
		"Sex (WIOA),Date of Program Entry (WIOA),Date of Program Exit (WIOA)\n2,19000101,20991231\n",
		"\"",
		"\n",
		"a,\"b\n",
		"PIRL 201,PIRL 900,PIRL 901,PIRL 1704\n1,20200101,,1e300\nPIRL 201,PIRL 900,PIRL 901,PIRL 1704\n2,20200101,,-1\n",
		"PIRL 100,PIRL 201,PIRL 900,PIRL 901\nA,1,20200101,\nPIRL 100,PIRL 201,x,PIRL 900,PIRL 901\nB,2,,20200101,\n",
		"id,PIRL 201,PIRL 900,PIRL 901\nA,1,\"2020\n0101\",\nid2,Sex,p900,p901,extra\n",
		"\ufeffp201\tp900\tp901\thourly_wage\r\n1\t\t\t1000.5\r\n\ufeff\"p201\"\tp900\tp901\thourly_wage\r\n",
	} {
		f.Add([]byte(s), uint8(2), uint16(7))
	}
	f.Fuzz(func(t *testing.T, in []byte, workers uint8, block uint16) {
		w := int(workers%4) + 1
		bs := int(block%4096) + 1
		d, err := read(bytes.NewReader(in), "fuzz.csv", Options{Workers: w}, -1, bs)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error does not name the file: %v", err)
			}
			if _, ok := err.(*MissingColumnsError); !ok && d != nil {
				t.Errorf("data with a non-column error")
			}
		}
		if d == nil {
			return
		}
		if d.Quality.RowsRead != d.Rows {
			t.Fatalf("RowsRead %d, Rows %d", d.Quality.RowsRead, d.Rows)
		}
		at := make([]int, NumFields) // which fields the file has, as the plan gives them
		for g := range at {
			at[g] = -1
			if d.Cols[g].Present {
				at[g] = 0
			}
		}
		for f := range d.Cols {
			c := &d.Cols[f]
			if !c.Present {
				continue
			}
			n := c.Len()
			if checkedOnly(Field(f), at) {
				if n != 0 {
					t.Fatalf("%v is checked only but has %d values", Field(f), n)
				}
				continue
			}
			if n != d.Rows {
				t.Fatalf("%v has %d values for %d rows", Field(f), n, d.Rows)
			}
		}
		// Amounts stored are plausible: no later formatting can overflow.
		for f := range d.Cols {
			if e := &Elements[f]; e.Kind == KindMoney {
				for _, x := range d.Cols[f].nums() {
					if !math.IsNaN(x) && !(x >= 0 && x <= e.MaxAmount) {
						t.Fatalf("%v: amount %v stored", Field(f), x)
					}
				}
			}
		}
		// Only codes are quoted in examples.
		for _, p := range d.Quality.Problems {
			for _, e := range p.Examples {
				if !Elements[p.Field].Kind.ShowsValue() && !strings.Contains(e, "value (withheld)") {
					t.Fatalf("value shown: %s", e)
				}
			}
		}
		// One worker and one big block must agree.
		ref, err1 := read(bytes.NewReader(in), "fuzz.csv", Options{Workers: 1}, -1, defaultBlock)
		if (err == nil) != (err1 == nil) {
			t.Fatalf("errors differ: %v vs %v", err, err1)
		}
		if ref != nil && ref.Rows != d.Rows {
			t.Fatalf("rows %d vs %d with one block", d.Rows, ref.Rows)
		}
		if ref != nil {
			a, b := &ref.Quality, &d.Quality
			if a.RepeatedHeaders != b.RepeatedHeaders || !slices.Equal(a.RepeatedHeaderLines, b.RepeatedHeaderLines) ||
				a.MultilineRows != b.MultilineRows || !slices.Equal(a.MultilineLines, b.MultilineLines) || !reflect.DeepEqual(a.Problems, b.Problems) {
				t.Fatalf("quality differs with one block:\n%+v\n%+v", a, b)
			}
		}
	})
}
