package cmd

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSampleBaseline writes a baseline from the bundled sample and returns its path.
func writeSampleBaseline(t *testing.T, dir string, extra ...string) string {
	t.Helper()
	p := filepath.Join(dir, "published.yaml")
	out, errs, code := run(t, append([]string{"check", "--write-baseline", p}, extra...)...)
	if code != ExitOK || !strings.Contains(out, "Wrote ") || !strings.Contains(out, "sha256") {
		t.Fatalf("write-baseline: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	return p
}

// nudge changes the published value of the one entry whose block contains
// all of match and no "field:" line, i.e. a value entry (a block is the
// "  - disparity: …" lines up to the next entry).
func nudge(t *testing.T, path string, match []string, to string) {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	blocks := strings.Split(string(b), "\n  - ")
	n := 0
	for i, blk := range blocks {
		ok := !strings.Contains(blk, "field:")
		for _, m := range match {
			ok = ok && strings.Contains(blk, m+"\n")
		}
		if ok {
			blocks[i] = regexp.MustCompile(`published: [^\n]*`).ReplaceAllString(blk, "published: "+to)
			n++
		}
	}
	if n != 1 {
		t.Fatalf("nudge: %d entries match %v", n, match)
	}
	must(t, os.WriteFile(path, []byte(strings.Join(blocks, "\n  - ")), 0o644))
}

var wageWomen = []string{"disparity: gender-wages", "measure: mean hourly wage", "group: Women", "reference: Men"}

func TestCheckEndToEnd(t *testing.T) {
	dir := t.TempDir()
	base := writeSampleBaseline(t, dir)

	// Matching baseline → 0, saying which data each side came from.
	out, errs, code := run(t, "check", "--baseline", base)
	if code != ExitOK || !regexp.MustCompile(`All \d+ entries are within tolerance`).MatchString(out) ||
		!strings.Contains(out, "published from pirl.csv.gz (sha256 ") || !strings.Contains(out, "recomputed from the bundled sample") {
		t.Fatalf("matching baseline: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}

	// The same check on a saved results.json (file or folder).
	rep := filepath.Join(dir, "rep")
	if _, e, c := run(t, "report", "--out", rep, "--no-plots"); c != ExitOK {
		t.Fatal(e)
	}
	for _, r := range []string{rep, filepath.Join(rep, "results.json")} {
		if out, errs, code := run(t, "check", "--baseline", base, "--results", r); code != ExitOK {
			t.Errorf("--results %s: exit %d\n%s%s", r, code, out, errs)
		}
	}

	// One number nudged beyond its tolerance → 1, naming it.
	nudge(t, base, wageWomen, "18.95")
	out, errs, code = run(t, "check", "--baseline", base)
	if code != ExitFail || !strings.Contains(out, "gender-wages / mean hourly wage / Women vs Men  value  18.95") ||
		!regexp.MustCompile(`1 of \d+ entries drifted`).MatchString(out) || !strings.Contains(errs, "1 of ") {
		t.Errorf("nudged: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	// The same in JSON and JUnit: the document on stdout, exit 1.
	out, _, code = run(t, "check", "--baseline", base, "--format", "json")
	var js struct {
		Drifted  int `json:"drifted"`
		Outcomes []struct {
			ID, Status string
		} `json:"outcomes"`
	}
	if code != ExitFail || json.Unmarshal([]byte(out), &js) != nil || js.Drifted != 1 {
		t.Errorf("json: exit %d drifted %d\n%.500s", code, js.Drifted, out)
	}
	out, _, code = run(t, "check", "--baseline", base, "--format", "junit")
	var ju struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if code != ExitFail || xml.Unmarshal([]byte(out), &ju) != nil || ju.Failures != 1 {
		t.Errorf("junit: exit %d failures %d\n%.500s", code, ju.Failures, out)
	}
	for _, c := range ju.Suites[0].Cases {
		if c.Failure != nil && (c.Name != "mean hourly wage / Women vs Men: value" || !strings.Contains(c.Failure.Message, "published 18.95")) {
			t.Errorf("junit failure %q: %q", c.Name, c.Failure.Message)
		}
	}
}

// Input errors exit 1 and usage errors 2, as in every command, with a
// message naming the problem; with --format json the error is also a JSON
// object on stdout.
func TestCheckInputErrors(t *testing.T) {
	dir := t.TempDir()
	base := writeSampleBaseline(t, dir)
	b, err := os.ReadFile(base)
	must(t, err)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	typo := write("typo.yaml", strings.Replace(string(b), "measure: mean hourly wage\n", "measure: mean hourly wages\n", 1))
	malformed := write("malformed.yaml", "tolerance: {abs: 0.001}\nentries:\n  - disparity: gender-wages\n    measure: mean hourly wage\n    group: Women: x\n    published: 1\n")
	other := write("other.yaml", strings.Replace(string(b), "input_sha256: ", "input_sha256: 0000", 1))
	rep := filepath.Join(dir, "rep")
	if _, e, c := run(t, "report", "--out", rep, "--no-plots"); c != ExitOK {
		t.Fatal(e)
	}
	rj, err := os.ReadFile(filepath.Join(rep, "results.json"))
	must(t, err)
	old := write("old.json", strings.Replace(string(rj), `"format": "wioa-results/1",`, "", 1))

	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown measure", []string{"--baseline", typo}, ExitFail,
			`matches no result; did you mean "gender-wages / mean hourly wage / Women vs Men"?`},
		{"malformed YAML", []string{"--baseline", malformed}, ExitFail, "malformed.yaml:5: mapping values are not allowed in this context"},
		{"another data set", []string{"--baseline", other}, ExitFail, "input sha256: published from 0000"},
		{"another window", []string{"--baseline", base, "--quarter", "2023Q1"}, ExitFail, "exit window: published from all exits in the file, this run exits in 2023Q1"},
		{"missing baseline", []string{"--baseline", filepath.Join(dir, "nope.yaml")}, ExitFail, "nope.yaml: no such file"},
		{"missing input", []string{"--baseline", base, filepath.Join(dir, "nope.csv")}, ExitFail, "nope.csv"},
		{"missing results", []string{"--baseline", base, "--results", filepath.Join(dir, "nope.json")}, ExitFail, "nope.json: no such file"},
		{"older results.json", []string{"--baseline", base, "--results", old}, ExitFail, "results.json from an older or different version of wioa (no format field); rerun wioa report"},
		{"no baseline", nil, ExitUsage, "check needs --baseline"},
		{"bad format", []string{"--baseline", base, "--format", "xml"}, ExitUsage, `--format "xml"`},
		{"results and window", []string{"--baseline", base, "--results", rep, "--quarter", "2023Q1"}, ExitUsage, "--quarter: only for recomputing"},
		{"results and file", []string{"--baseline", base, "--results", rep, "x.csv"}, ExitUsage, "either a participant FILE"},
	} {
		out, errs, code := run(t, append([]string{"check"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want %d and %q (stdout %q)", c.name, code, errs, c.code, c.want, out)
		}
		if out != "" {
			t.Errorf("%s: an error in text format wrote to stdout: %q", c.name, out)
		}
		// The same error as JSON on stdout with --format json.
		if c.name != "bad format" {
			jout, _, jcode := run(t, append([]string{"check", "--format", "json"}, c.args...)...)
			var je struct {
				Error    string `json:"error"`
				ExitCode int    `json:"exit_code"`
			}
			if err := json.Unmarshal([]byte(jout), &je); err != nil || jcode != c.code || je.ExitCode != c.code || !strings.Contains(je.Error, c.want) {
				t.Errorf("%s --format json: exit %d, stdout %q (%v)", c.name, jcode, jout, err)
			}
		}
		if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
			t.Errorf("%s: %s", c.name, errs)
		}
	}
}

// A group suppressed in the recomputation is drift with its reason. A
// higher --min-cell suppresses groups that the baseline published.
func TestCheckSuppressedIsDrift(t *testing.T) {
	dir := t.TempDir()
	base := writeSampleBaseline(t, dir)
	out, errs, code := run(t, "check", "--baseline", base, "--min-cell", "700")
	if code != ExitFail || !strings.Contains(out, "suppressed in this run (n < 700)") {
		t.Errorf("exit %d\nstdout %.2000s\nstderr %s", code, out, errs)
	}
}

func TestCompareAndTrend(t *testing.T) {
	dir := t.TempDir()
	var folders []string
	for _, q := range []string{"2023Q3", "2023Q1", "2023Q2"} {
		f := filepath.Join(dir, q)
		if _, e, c := run(t, "report", "--quarter", q, "--out", f, "--no-plots"); c != ExitOK {
			t.Fatal(e)
		}
		folders = append(folders, f)
	}
	out, errs, code := run(t, "compare", folders[1], filepath.Join(folders[2], "results.json"))
	if code != ExitOK || !strings.Contains(out, "| exit window | exits in 2023Q1 (2023-01-01 to 2023-03-31) | exits in 2023Q2") ||
		!strings.Contains(out, "two-proportion z") && !regexp.MustCompile(`\| \d\.\d+ \(\d\.\d+\) \|`).MatchString(out) {
		t.Errorf("compare: exit %d\n%.3000s\n%s", code, out, errs)
	}
	golden(t, "compare-quarters.md", []byte(strings.ReplaceAll(out, dir, "DIR")))

	// Different options: a warning on stderr and in the markdown.
	f := filepath.Join(dir, "mc5")
	if _, e, c := run(t, "report", "--quarter", "2023Q2", "--min-cell", "5", "--out", f, "--no-plots"); c != ExitOK {
		t.Fatal(e)
	}
	out, errs, code = run(t, "compare", folders[1], f)
	if code != ExitOK || !strings.Contains(errs, "different options (min_cell: 10 → 5)") || !strings.Contains(out, "different options") {
		t.Errorf("options: exit %d\nstderr %s", code, errs)
	}

	out, errs, code = run(t, append([]string{"trend", "--out", filepath.Join(dir, "trend")}, folders...)...)
	if code != ExitOK || !regexp.MustCompile(`(?s)\| 2023Q1 \|.*\| 2023Q2 \|.*\| 2023Q3 \|`).MatchString(out) ||
		!strings.Contains(out, "## gender-wages — mean hourly wage") {
		t.Errorf("trend: exit %d\n%.2000s\n%s", code, out, errs)
	}
	png, err := filepath.Glob(filepath.Join(dir, "trend", "plots", "*.png"))
	if err != nil || len(png) < 10 {
		t.Errorf("trend plots: %v %v", png, err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "trend", "trend.md"))
	if err != nil || !strings.Contains(string(md), "](plots/gender-wages-mean-hourly-wage.png)") {
		t.Errorf("trend.md: %v", err)
	}

	// Bad inputs: exit 1 with the file named, never a crash.
	old := filepath.Join(dir, "old.json")
	must(t, os.WriteFile(old, []byte(`{"results": []}`), 0o644))
	for _, args := range [][]string{{"compare", old, folders[0]}, {"compare", folders[0], filepath.Join(dir, "nope")}, {"trend", old}} {
		_, errs, code := run(t, args...)
		if code != ExitFail || !strings.Contains(errs, "wioa: ") || strings.Contains(errs, "panic") {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
	}
	if _, _, code := run(t, "compare", folders[0]); code != ExitUsage {
		t.Errorf("compare with one argument: exit %d", code)
	}
}

// The global flags (--quiet) are allowed with --results: only the
// recomputing flags are refused.
func TestCheckResultsQuiet(t *testing.T) {
	dir := t.TempDir()
	base := writeSampleBaseline(t, dir)
	rep := filepath.Join(dir, "rep")
	if _, e, c := run(t, "report", "--out", rep, "--no-plots"); c != ExitOK {
		t.Fatal(e)
	}
	if out, errs, code := run(t, "check", "--baseline", base, "--results", rep, "-q"); code != ExitOK {
		t.Errorf("--results with -q: exit %d\n%s%s", code, out, errs)
	}
}
