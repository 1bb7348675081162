package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runIn is run with stdin.
func runIn(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, bytes.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// onlyWarnings: every line of stderr is a warning (which --quiet keeps).
func onlyWarnings(errs string) bool {
	for _, l := range strings.Split(strings.TrimSuffix(errs, "\n"), "\n") {
		if l != "" && !strings.HasPrefix(l, "warning: ") {
			return false
		}
	}
	return true
}

// --quiet silences progress, notes and summary lines, never errors,
// warnings or the results a command prints.
func TestQuiet(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := run(t, "generate", "--rows", "2000", "--seed", "5", "--out", dir, "--quiet")
	if code != ExitOK || out != "" || errs != "" {
		t.Fatalf("generate --quiet: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	pirlFile := filepath.Join(dir, "pirl.csv")
	out, errs, code = run(t, "report", "--quiet", "--no-plots", "--out", filepath.Join(dir, "rep"))
	if code != ExitOK || out != "" || !onlyWarnings(errs) { // the sample's last quarters are not in (METHODS §2.9)
		t.Errorf("report --quiet: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	out, errs, code = run(t, "-q", "indicators", pirlFile, "--program-year", "2022", "--out", filepath.Join(dir, "ind"))
	if code != ExitOK || out != "" || errs != "" {
		t.Errorf("-q indicators: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	out, errs, code = run(t, "validate", pirlFile, "--quiet")
	if code != ExitOK || !strings.Contains(out, "# Data quality") && !strings.Contains(out, "#") || errs != "" {
		t.Errorf("validate --quiet: the report must still print: exit %d, stdout %.200q, stderr %q", code, out, errs)
	}
	base := filepath.Join(dir, "base.yaml")
	out, errs, code = run(t, "check", "--quiet", "--write-baseline", base)
	if code != ExitOK || out != "" || !onlyWarnings(errs) {
		t.Errorf("check --write-baseline --quiet: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	out, _, code = run(t, "check", "--quiet", "--baseline", base)
	if code != ExitOK || out == "" {
		t.Errorf("check --quiet: the check's table must still print: exit %d, stdout %q", code, out)
	}
	_, errs, code = run(t, "report", filepath.Join(dir, "missing.csv"), "--quiet", "--out", filepath.Join(dir, "rep2"))
	if code != ExitFail || !strings.Contains(errs, "missing.csv") {
		t.Errorf("report --quiet on a missing file: exit %d, stderr %q; the error must still print", code, errs)
	}
	// Without --quiet the same runs speak.
	out, errs, code = run(t, "report", "--no-plots", "--only", "gender-wages", "--out", filepath.Join(dir, "rep"))
	if code != ExitOK || !strings.Contains(out, "Read ") || !strings.Contains(errs, "bundled synthetic sample") {
		t.Errorf("report: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// "-" reads the participant file from standard input in report, check and
// indicators (as in validate), and a results.json in compare, trend and
// check --results; the outputs are those of the same file given by name,
// apart from the input's name.
func TestStdin(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := run(t, "generate", "--rows", "3000", "--seed", "9", "--out", dir, "--gzip"); code != ExitOK {
		t.Fatal(errs)
	}
	pirlFile, tractFile := filepath.Join(dir, "pirl.csv.gz"), filepath.Join(dir, "tracts.csv")
	data, err := os.ReadFile(pirlFile)
	must(t, err)

	byName, byStdin := filepath.Join(dir, "by-name"), filepath.Join(dir, "by-stdin")
	if _, errs, code := run(t, "report", pirlFile, "--tracts", tractFile, "--no-plots", "--out", byName); code != ExitOK {
		t.Fatal(errs)
	}
	if _, errs, code := runIn(t, data, "report", "-", "--tracts", tractFile, "--no-plots", "--out", byStdin); code != ExitOK {
		t.Fatal(errs)
	}
	a, err := os.ReadFile(filepath.Join(byName, "results.csv"))
	must(t, err)
	b, err := os.ReadFile(filepath.Join(byStdin, "results.csv"))
	must(t, err)
	if !bytes.Equal(a, b) {
		t.Error("report -: results.csv differs from the run on the file by name")
	}
	js, err := os.ReadFile(filepath.Join(byStdin, "results.json"))
	must(t, err)
	if !strings.Contains(string(js), `"name": "\u003cstdin\u003e"`) {
		t.Errorf("report -: the provenance does not name standard input:\n%.600s", js)
	}

	ia, ib := filepath.Join(dir, "ind-name"), filepath.Join(dir, "ind-stdin")
	if _, errs, code := run(t, "indicators", pirlFile, "--program-year", "2022", "--out", ia); code != ExitOK {
		t.Fatal(errs)
	}
	if _, errs, code := runIn(t, data, "indicators", "-", "--program-year", "2022", "--out", ib); code != ExitOK {
		t.Fatal(errs)
	}
	a, _ = os.ReadFile(filepath.Join(ia, "results.csv"))
	b, _ = os.ReadFile(filepath.Join(ib, "results.csv"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("indicators -: results.csv differs from the run on the file by name")
	}

	base := filepath.Join(dir, "base.yaml")
	if _, errs, code := run(t, "check", "--write-baseline", base, pirlFile, "--tracts", tractFile); code != ExitOK {
		t.Fatal(errs)
	}
	if out, errs, code := runIn(t, data, "check", "--baseline", base, "-", "--tracts", tractFile); code != ExitOK {
		t.Errorf("check -: exit %d\n%s\n%s", code, out, errs)
	}
	bl, err := os.ReadFile(base)
	must(t, err)
	if out, errs, code := runIn(t, bl, "check", "--baseline", "-", "--results", byName); code != ExitOK {
		t.Errorf("check --baseline -: exit %d\n%s\n%s", code, out, errs)
	}
	resJSON, err := os.ReadFile(filepath.Join(byName, "results.json"))
	must(t, err)
	if out, errs, code := runIn(t, resJSON, "check", "--baseline", base, "--results", "-"); code != ExitOK {
		t.Errorf("check --results -: exit %d\n%s\n%s", code, out, errs)
	}
	if _, errs, code := runIn(t, nil, "check", "--baseline", "-", "-"); code != ExitUsage || !strings.Contains(errs, "only one input") {
		t.Errorf("check --baseline - -: exit %d, stderr %q; want a usage error", code, errs)
	}

	viaFile, _, code := run(t, "compare", byName, byStdin)
	if code != ExitOK {
		t.Fatalf("compare: exit %d", code)
	}
	// The same comparison; only the row naming where NEW was read from differs.
	viaStdin, errs, code := runIn(t, js, "compare", byName, "-")
	drop := regexp.MustCompile(`(?m)^\| results \|.*\n`)
	if code != ExitOK || !strings.Contains(viaStdin, "| &lt;stdin> |") || drop.ReplaceAllString(viaStdin, "") != drop.ReplaceAllString(viaFile, "") {
		t.Errorf("compare OLD -: exit %d\n%s\nwant\n%s\n%s", code, viaStdin, viaFile, errs)
	}
	if _, errs, code := runIn(t, js, "compare", "-", "-"); code != ExitUsage {
		t.Errorf("compare - -: exit %d, stderr %q; want a usage error", code, errs)
	}
	if out, errs, code := runIn(t, js, "trend", byName, "-", "--no-plots"); code != ExitOK || out == "" {
		t.Errorf("trend RESULTS -: exit %d\n%s\n%s", code, out, errs)
	}
}

// compare --format json prints the comparison as one JSON object, and an
// error as {"error": …, "exit_code": …}.
func TestCompareJSON(t *testing.T) {
	dir := t.TempDir()
	var folders []string
	for _, q := range []string{"2023Q1", "2023Q2"} {
		f := filepath.Join(dir, q)
		if _, e, c := run(t, "report", "--quarter", q, "--out", f, "--no-plots", "--quiet"); c != ExitOK {
			t.Fatal(e)
		}
		folders = append(folders, f)
	}
	md, _, _ := run(t, "compare", folders[0], folders[1])
	out, errs, code := run(t, "compare", "--format", "json", folders[0], folders[1])
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var c struct {
		Format   string
		Old, New struct {
			Window string `json:"exit_window"`
		}
		Independent bool `json:"independent_cohorts"`
		Unchanged   int
		Changes     []struct {
			ID, Disparity, Measure, Group string
			Old, New                      *struct {
				N          *int
				Value      *float64
				Flagged    bool
				Suppressed bool
			}
			Change *float64
			P      *float64 `json:"p_value"`
			PAdj   *float64 `json:"p_adjusted"`
			Test   string
		}
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v\n%.1000s", err, out)
	}
	if c.Format != "wioa-compare/1" || !strings.Contains(c.Old.Window, "2023Q1") || !strings.Contains(c.New.Window, "2023Q2") || !c.Independent || len(c.Changes) == 0 {
		t.Fatalf("unexpected comparison: format %q, windows %q and %q, independent %v, %d changes", c.Format, c.Old.Window, c.New.Window, c.Independent, len(c.Changes))
	}
	tested := 0
	for _, ch := range c.Changes {
		if !strings.Contains(md, ch.Measure) {
			t.Errorf("%s: in the JSON, not in the markdown", ch.ID)
		}
		for _, s := range []*struct {
			N          *int
			Value      *float64
			Flagged    bool
			Suppressed bool
		}{ch.Old, ch.New} {
			if s != nil && s.Suppressed && (s.N != nil || s.Value != nil) {
				t.Errorf("%s: a suppressed side shows its n or value", ch.ID)
			}
		}
		if ch.PAdj != nil {
			tested++
		}
	}
	if tested == 0 {
		t.Error("no change was tested between two quarters")
	}
	out, _, code = run(t, "compare", "--format", "json", folders[0], filepath.Join(dir, "nope"))
	if code != ExitFail || !strings.Contains(out, `"exit_code":1`) {
		t.Errorf("an error with --format json: exit %d, stdout %q", code, out)
	}
	if _, errs, code := run(t, "compare", "--format", "xml", folders[0], folders[1]); code != ExitUsage || !strings.Contains(errs, "text or json") {
		t.Errorf("--format xml: exit %d, stderr %q", code, errs)
	}
}
