package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPilotCommand(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(dir, "gen")
	if _, errOut, code := run(t, "generate", "--rows", "6000", "--seed", "4", "--out", gen, "--quiet",
		"--pilot-boards", "13100,13101", "--pilot-start", "2023-07-01", "--pilot-gap", "gender-credential=0.12"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errOut)
	}
	file := filepath.Join(gen, "pirl.csv")
	out := filepath.Join(dir, "pilot")
	args := []string{"pilot", file, "--boards", "13100,13101", "--start", "2023-07-01", "--disparity", "gender-credential", "--out", out}
	stdout, errOut, code := run(t, args...)
	if code != 0 {
		t.Fatalf("pilot: exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "the women–men credential attainment gap moved") || !strings.Contains(stdout, "in the pilot boards, from ") {
		t.Errorf("stdout lacks the finding: %s", stdout)
	}
	for _, f := range []string{"pilot.md", "pilot.json", "pilot.html", "plots/pilot-gap.png", "plots/pilot-gap.svg", ".wioa-output"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "pilot.json"))
	var j struct {
		TripleDiff    struct{ Value *float64 } `json:"triple_difference"`
		Randomization *struct {
			Boards, Assignments int
		}
	}
	if err := json.Unmarshal(b, &j); err != nil || j.TripleDiff.Value == nil || j.Randomization == nil || j.Randomization.Boards != 9 || j.Randomization.Assignments != 36 {
		t.Errorf("pilot.json: %v %s", err, b)
	}
	html, _ := os.ReadFile(filepath.Join(out, "pilot.html"))
	if !strings.Contains(string(html), `<img src="data:image/svg`) || strings.Contains(string(html), `src="http`) {
		t.Error("pilot.html: no embedded chart, or a remote reference")
	}
	// A second run replaces the folder it wrote; a folder with a file of
	// the user's is refused before anything is read.
	if _, errOut, code := run(t, args...); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, errOut)
	}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	if _, _, code := run(t, args...); code != 2 {
		t.Errorf("folder with a user's file: exit %d, want 2", code)
	}
	// hd-clusters: the whole file's headline cluster, or one named.
	for _, m := range []string{"", "Health Care: employed all four quarters after exit"} {
		hd := filepath.Join(dir, "hd")
		a := []string{"pilot", file, "--boards", "13100,13101", "--start", "2023-07-01", "--disparity", "hd-clusters", "--out", hd}
		if m != "" {
			a = append(a, "--measure", m)
		}
		if _, errOut, code := run(t, a...); code != 0 {
			t.Fatalf("pilot --disparity hd-clusters --measure %q: exit %d: %s", m, code, errOut)
		}
		b, _ := os.ReadFile(filepath.Join(hd, "pilot.md"))
		if want := "- Gap: Health Care − Non-HD trainees, employed all four quarters after exit"; m != "" && !strings.Contains(string(b), want) {
			t.Errorf("pilot.md lacks %q", want)
		}
		if want := "section's headline over the whole file"; (m == "") != strings.Contains(string(b), want) {
			t.Errorf("--measure %q: pilot.md and the note %q", m, want)
		}
	}
	if _, errOut, code := run(t, "pilot", file, "--boards", "13100", "--start", "2023-07-01", "--disparity", "poverty-participation", "--out", filepath.Join(dir, "x")); code != 2 || !strings.Contains(errOut, "count per tract population") {
		t.Errorf("poverty-participation: exit %d, want 2 with its reason: %s", code, errOut)
	}
	for _, bad := range [][]string{
		{"pilot", file, "--boards", "13100", "--start", "2023-07-01", "--disparity", "hd-clusters", "--measure", "Basket Weaving: employed all four quarters after exit", "--out", filepath.Join(dir, "x")},
		{"pilot", file, "--boards", "13100", "--start", "2023-13-01", "--disparity", "gender-credential", "--out", filepath.Join(dir, "x")},
		{"pilot", file, "--boards", "99999", "--start", "2023-07-01", "--disparity", "gender-credential", "--out", filepath.Join(dir, "x")},
		{"pilot", file, "--start", "2023-07-01", "--disparity", "gender-credential", "--out", filepath.Join(dir, "x")},
	} {
		if _, errOut, code := run(t, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", bad, code, errOut)
		}
	}
}

func TestPilotRefusesBoardRestriction(t *testing.T) {
	if _, errOut, code := run(t, "pilot", "x.csv", "--board", "13100", "--boards", "13100", "--start", "2023-07-01", "--disparity", "gender-credential", "--out", filepath.Join(t.TempDir(), "p")); code != 2 || !strings.Contains(errOut, "--board does not apply") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
