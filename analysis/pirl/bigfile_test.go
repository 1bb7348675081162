package pirl

import (
	"os"
	"testing"
)

// BenchmarkReadFile reads the file named by WIOA_BENCH_FILE (e.g. made by
// bench/run.sh or `wioa generate --rows 2000000`); skipped when unset.
func BenchmarkReadFile(b *testing.B) {
	path := os.Getenv("WIOA_BENCH_FILE")
	if path == "" {
		b.Skip("set WIOA_BENCH_FILE to a PIRL file")
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
