package pirl

import (
	"bytes"
	"fmt"
	"testing"
)

// Rows are written straight into columns sized from an estimate; blank lines
// and multi-line records leave gaps that are closed afterwards. Whatever the
// estimate (size right, far too small so that the columns grow many times,
// far too large, unknown) the data are those of one worker reading one block.
func TestReadSlots(t *testing.T) {
	in := genWide(3000, 120, 7, true)
	// A blank or whitespace-only line every 37 lines.
	var b bytes.Buffer
	for i, l := range bytes.SplitAfter(in, nl) {
		b.Write(l)
		if i > 0 && i%37 == 0 {
			b.WriteString([]string{"\n", "  \r\n", ",,\n"}[i%3])
		}
	}
	in = b.Bytes()
	ref, err := read(bytes.NewReader(in), "s.csv", Options{Workers: 1}, -1, defaultBlock)
	if err != nil {
		t.Fatal(err)
	}
	zin := gz(in)
	tests := []struct {
		name  string
		in    []byte
		size  int64
		block int
	}{
		{"size right", in, int64(len(in)), 4096},
		{"size tiny", in, int64(len(in) / 50), 4096},
		{"size huge", in, int64(len(in) * 20), 4096},
		{"size unknown", in, -1, 1000},
		{"gzip", zin, int64(len(zin)), 4096},
		{"gzip size tiny", zin, int64(len(zin) / 50), 2000},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 2, 3} {
			d, err := read(bytes.NewReader(tt.in), "s.csv", Options{Workers: workers}, tt.size, tt.block)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			d.Quality.SHA256, d.Quality.Bytes = ref.Quality.SHA256, ref.Quality.Bytes
			sameData(t, fmt.Sprintf("%s, %d workers", tt.name, workers), ref, d)
		}
	}
}
