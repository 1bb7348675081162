package cmd

import (
	"os"
	"strings"
	"testing"
)

// yamlBlocks returns the ```yaml blocks of a markdown file of the repository.
func yamlBlocks(tb testing.TB, path string) []string {
	tb.Helper()
	b, err := os.ReadFile(path)
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

// FuzzConfig: the YAML configuration reader never panics, and whatever it
// accepts is a valid configuration whose echo in report.md reads back.
// Seeds: the README's configuration example and the effective configuration
// echoed by the golden reports.
func FuzzConfig(f *testing.F) {
	for _, p := range []string{"../README.md", "testdata/sample-report.md", "testdata/indicators-report.md"} {
		for _, b := range yamlBlocks(f, p) {
			f.Add([]byte(b))
		}
	}
	st := defaultSettings()
	f.Add([]byte(st.effectiveYAML()))
	f.Add([]byte("bootstrap: 1000000000\nmin_cell: 0\n"))
	f.Add([]byte("columns:\n  \"201\": Gender\n  hourly_wage: Wage\ntract_columns:\n  geoid: GEO_ID\n"))
	f.Add([]byte("ratio_band: [0.8]\nseed: -1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st := defaultSettings()
		if err := st.parseConfig(b, "wioa.yaml"); err != nil {
			if !strings.HasPrefix(err.Error(), "wioa.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if err := st.cfg.Validate(); err != nil {
			t.Fatalf("accepted an invalid configuration: %v", err)
		}
		echo := st.effectiveYAML()
		st2 := defaultSettings()
		if err := st2.parseConfig([]byte(echo), "echo.yaml"); err != nil {
			t.Fatalf("the effective configuration does not read back: %v\n%s", err, echo)
		}
	})
}
