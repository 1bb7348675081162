package compare

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
)

// readmeYAML returns the ```yaml blocks of the README (a hand-written
// baseline entry among them).
func readmeYAML(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, part := range strings.Split(string(b), "```yaml\n")[1:] {
		if block, _, ok := strings.Cut(part, "```"); ok {
			out = append(out, block)
		}
	}
	return out
}

// FuzzParseBaseline: the baseline reader never panics, what it accepts has
// entries with a known field and a finite published number, and checking it
// against a run never panics either. Seeds: the README's baseline example
// and baselines written by WriteBaseline (headline and --all-rows).
func FuzzParseBaseline(f *testing.F) {
	for _, b := range readmeYAML(f) {
		f.Add([]byte(b))
	}
	res := testRun("exits in 2024Q3 (2024-07-01 to 2024-09-30)")
	for _, all := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteBaseline(&b, res, WriteOptions{AllRows: all}); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add([]byte("entries:\n  - {disparity: gender-wages, measure: mean hourly wage, group: Women, field: diff, published: -1.95, tolerance: {abs: 0.01}}\n"))
	f.Add([]byte("source: {input_sha256: aaaa}\non_other_data: warn\nentries:\n  - {disparity: a, measure: b, group: c, field: flagged, published: true}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		bl, err := ParseBaseline(b, "b.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "b.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if len(bl.Entries) == 0 {
			t.Fatal("accepted a baseline without entries")
		}
		for _, e := range bl.Entries {
			known := false
			for _, f := range Fields {
				known = known || f == e.Field
			}
			if !known || math.IsNaN(e.Published) || math.IsInf(e.Published, 0) {
				t.Fatalf("accepted entry %+v", e)
			}
		}
		_, _ = Check(bl, res)
	})
}
