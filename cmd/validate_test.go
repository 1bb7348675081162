package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	good := write("good.csv", "PIRL 100,Sex Code,PIRL 900,PIRL 901,tract_geoid\nIDX9Q,1,20200101,20200601,13121001100\nIDZ7W,2,20200101,,13121999999\n")
	cols := write("cols.txt", "201: Sex Code\n")
	badCols := write("bad-cols.txt", "999: Sex Code\n")
	tr := write("tracts.csv", "GEOID,B17001_001E,B17001_002E\n13121001100,1000,200\n")
	empty := write("empty.csv", "")
	out := filepath.Join(dir, "q.md")

	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string // substring
		stderr   string // substring
		noStdout bool
	}{
		{"ok", []string{"validate", good, "--columns", cols, "--tracts", tr}, 0, "Rows whose tract is not in the tract file: 1 of 2", "", false},
		{"missing required", []string{"validate", good}, 1, "Required columns absent", "required column not found", false},
		{"out file", []string{"validate", good, "--columns", cols, "--out", out}, 0, "", "", true},
		{"empty file", []string{"validate", empty}, 1, "", "the file is empty", true},
		{"absent file", []string{"validate", filepath.Join(dir, "nope.csv")}, 1, "", "nope.csv", true},
		{"bad columns file", []string{"validate", good, "--columns", badCols}, 1, "", "bad-cols.txt:1: unknown field", true},
		{"no args", []string{"validate"}, 2, "", "accepts 1 arg", true},
		{"bad flag", []string{"validate", good, "--nope"}, 2, "", "unknown flag", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			so, se, code := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, se)
			}
			if !strings.Contains(so, tt.stdout) || (tt.noStdout && so != "") {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, so)
			}
			if !strings.Contains(se, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, se)
			}
			if strings.Contains(so, "IDX9Q") || strings.Contains(so, "IDZ7W") {
				t.Errorf("identifier printed")
			}
		})
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "# Data quality:") {
		t.Errorf("--out: %v %q", err, b)
	}
}
