package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// pilotGolden generates a small file with an injected pilot effect
// (README's example) and runs `wioa pilot` on it into dir/pilot.
func pilotGolden(t *testing.T, dir string) string {
	t.Helper()
	gen := filepath.Join(dir, "gen")
	if _, errOut, code := run(t, "generate", "--rows", "20000", "--seed", "4", "--out", gen, "--quiet",
		"--pilot-boards", "13100,13101", "--pilot-start", "2023-07-01", "--pilot-gap", "gender-credential=0.15"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "pilot")
	if _, errOut, code := run(t, "pilot", filepath.Join(gen, "pirl.csv"), "--boards", "13100,13101", "--start", "2023-07-01",
		"--disparity", "gender-credential", "--out", out, "-q"); code != 0 {
		t.Fatalf("pilot: exit %d: %s", code, errOut)
	}
	return out
}

// pilot.md and the pilot chart on a generated file match the golden files
// (go test ./cmd -run PilotGolden -update rewrites them; look at them first).
func TestPilotGolden(t *testing.T) {
	out := pilotGolden(t, t.TempDir())
	b, err := os.ReadFile(filepath.Join(out, "pilot.md"))
	must(t, err)
	golden(t, "pilot-report.md", b)

	got, err := os.ReadFile(filepath.Join(out, "plots", "pilot-gap.png"))
	must(t, err)
	path := filepath.Join("testdata", "pilot-gap.png")
	if *update {
		must(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -run PilotGolden -update to create it)", err)
	}
	ok, err := cmpimg.Equal("png", got, want)
	must(t, err)
	if !ok {
		// Outside t.TempDir, which is removed when the test ends.
		f, err := os.CreateTemp("", "wioa-pilot-gap-*.png")
		must(t, err)
		f.Close()
		must(t, os.WriteFile(f.Name(), got, 0o644))
		t.Errorf("the pilot chart differs from %s; see %s (run go test ./cmd -run PilotGolden -update if the change is intended)", path, f.Name())
	}
}

// pilot.html passes the browser page checks report.html does.
func TestPilotHTMLInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but chromium is not installed (.ci/run installs Debian's chromium)")
		}
		t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	}
	dir := t.TempDir()
	out := pilotGolden(t, dir)
	// The page must not know where its chart is: move it away from plots/.
	lone := filepath.Join(dir, "lone-pilot.html")
	must(t, os.Rename(filepath.Join(out, "pilot.html"), lone))
	checkPageInBrowser(t, bin, lone, "pilot-")
}
