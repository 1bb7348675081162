package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// run calls the command line as a user would and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		must(t, os.MkdirAll("testdata", 0o755))
		must(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %s\nwant: %s\n(run go test ./cmd -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs from the golden file in length (%d vs %d lines)", name, len(gl), len(wl))
	}
}

// The report on the bundled sample matches the golden files, and a second
// run gives byte-identical outputs.
func TestReportGoldenAndDeterministic(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := run(t, "report", "--out", filepath.Join(dir, "a"))
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "bundled synthetic sample") || !strings.Contains(out, "disparities flagged for review") {
		t.Errorf("stdout %q\nstderr %q", out, errs)
	}
	_, _, code = run(t, "report", "--out", filepath.Join(dir, "b"))
	if code != ExitOK {
		t.Fatal("second run failed")
	}
	for _, f := range []string{"report.md", "results.csv", "results.json", "report.html", "plots/forest-education-level.png", "plots/gender-wages-wages.svg"} {
		a, err := os.ReadFile(filepath.Join(dir, "a", f))
		must(t, err)
		b, err := os.ReadFile(filepath.Join(dir, "b", f))
		must(t, err)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two identical runs", f)
		}
	}
	for _, f := range []string{"report.md", "results.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, "a", f))
		must(t, err)
		golden(t, "sample-"+f, b)
	}
}

func TestReportUsageAndInputErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.csv")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", "--bogus"}, ExitUsage, "unknown flag"},
		{[]string{"report", "a.csv", "b.csv"}, ExitUsage, "accepts at most 1 arg"},
		{[]string{"report", "--quarter", "2024Q9", "--out", dir}, ExitUsage, "2024Q3"},
		{[]string{"report", "--program-year", "2023", "--quarter", "2024Q1", "--out", dir}, ExitUsage, "only one of"},
		{[]string{"report", "--only", "gender-wage", "--out", dir}, ExitUsage, `unknown disparity "gender-wage"`},
		{[]string{"report", "--alpha", "2", "--out", dir}, ExitUsage, "alpha"},
		{[]string{"report", missing, "--out", dir}, ExitFail, "nope.csv"},
		{[]string{"report", "--config", missing, "--out", dir}, ExitUsage, "nope.csv"},
	} {
		_, errs, code := run(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
}

// A failed run leaves the previous report untouched, byte for byte; a
// successful one replaces it whole, with no temporary folder left behind.
func TestReportSafeWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", "--out", out, "--no-plots", "--only", "gender-wages"); code != ExitOK {
		t.Fatal(errs)
	}
	before := readTree(t, out)
	if _, _, code := run(t, "report", filepath.Join(dir, "missing.csv"), "--out", out); code != ExitFail {
		t.Fatalf("run on a missing file: exit %d, want %d", code, ExitFail)
	}
	if after := readTree(t, out); !reflect.DeepEqual(before, after) {
		t.Fatal("a failed run changed the previous report")
	}
	if _, errs, code := run(t, "report", "--out", out, "--no-plots", "--only", "education-level"); code != ExitOK {
		t.Fatal(errs)
	}
	after := readTree(t, out)
	if strings.Contains(string(after["results.csv"]), "gender-wages") || !strings.Contains(string(after["results.csv"]), "education-level") {
		t.Error("the second run did not replace the report whole")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".rep.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// Without a tract file the two poverty analyses say what they need and the
// rest of the report is produced.
func TestReportNotComputedWithoutTracts(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := run(t, "generate", "--rows", "3000", "--seed", "3", "--out", dir); code != ExitOK {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", filepath.Join(dir, "pirl.csv"), "--out", out, "--no-plots"); code != ExitOK {
		t.Fatal(errs)
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	must(t, err)
	for _, want := range []string{"Not computed: needs a tract reference file (--tracts)", "## 6. Wages by sex", "## Data quality", "## Methods"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	var res struct {
		Disparities []struct{ ID, Status string } `json:"disparities"`
	}
	b, err := os.ReadFile(filepath.Join(out, "results.json"))
	must(t, err)
	must(t, json.Unmarshal(b, &res))
	for _, d := range res.Disparities {
		wantNC := strings.HasPrefix(d.ID, "poverty-")
		if (d.Status == "not computed") != wantNC {
			t.Errorf("%s: status %q", d.ID, d.Status)
		}
	}
}

// No identifier, birth date or individual wage reaches any output, and every
// group under the minimum cell size is suppressed everywhere.
func TestReportPrivacy(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := run(t, "generate", "--rows", "400", "--seed", "11", "--out", dir, "--tracts", "30"); code != ExitOK {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", filepath.Join(dir, "pirl.csv"), "--tracts", filepath.Join(dir, "tracts.csv"), "--out", out); code != ExitOK {
		t.Fatal(errs)
	}
	// Person-level values from the input.
	f, err := os.Open(filepath.Join(dir, "pirl.csv"))
	must(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	must(t, err)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var ids, births []string
	wages := map[float64]bool{}
	for _, r := range recs[1:] {
		ids = append(ids, r[col["PIRL 100"]])
		if b := r[col["PIRL 200"]]; b != "" {
			births = append(births, b, b[:4]+"-"+b[4:6]+"-"+b[6:])
		}
		for _, c := range []string{"hourly_wage", "PIRL 1703", "PIRL 1704", "PIRL 1705", "PIRL 1706"} {
			if v, err := strconv.ParseFloat(r[col[c]], 64); err == nil && v != 999999.99 {
				wages[v] = true
			}
		}
	}
	var all []byte
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && !strings.HasSuffix(p, ".png") {
			b, _ := os.ReadFile(p)
			all = append(all, b...)
		}
		return nil
	})
	token := regexp.MustCompile(`[0-9][0-9.\-]*`)
	found := map[string]bool{}
	for _, tk := range token.FindAllString(string(all), -1) {
		found[tk] = true
	}
	for _, id := range ids {
		if found[id] {
			t.Errorf("identifier %s appears in the outputs", id)
		}
	}
	for _, b := range births {
		if found[b] {
			t.Errorf("birth date %s appears in the outputs", b)
		}
	}
	// results.csv: no published number equals an individual wage, except
	// medians deliberately rounded to three significant digits.
	cf, err := os.Open(filepath.Join(out, "results.csv"))
	must(t, err)
	defer cf.Close()
	rows, err := csv.NewReader(cf).ReadAll()
	must(t, err)
	suppressed := 0
	for _, r := range rows[1:] {
		for _, cell := range r[5:14] {
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || !wages[v] {
				continue
			}
			if sig := strings.TrimLeft(strings.ReplaceAll(strings.TrimLeft(cell, "-"), ".", ""), "0"); len(strings.TrimRight(sig, "0")) > 3 {
				t.Errorf("results.csv row %v publishes an individual wage %s", r[:4], cell)
			}
		}
		if r[15] == "true" {
			suppressed++
			for i, cell := range r[4:14] {
				if cell != "" {
					t.Errorf("suppressed row %v publishes %s = %q", r[:4], rows[0][4+i], cell)
				}
			}
		} else if n, err := strconv.Atoi(r[4]); err == nil && n < 10 {
			t.Errorf("row %v shows a group of %d below the minimum cell size", r[:4], n)
		}
	}
	if suppressed == 0 {
		t.Error("a 400-row file produced no suppressed group: the test no longer exercises suppression")
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !strings.Contains(string(md), "suppressed (n < 10)") {
		t.Error("report.md does not show suppressed groups")
	}
}

// With --program-year the report adds the WIOA primary indicators after the
// eight disparities, and their rows follow in results.csv.
func TestReportProgramYearAddsIndicators(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := run(t, "report", "--program-year", "2023", "--out", dir, "--no-plots", "--quiet")
	if code != ExitOK {
		t.Fatal(errs)
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	must(t, err)
	// The sample's exits start 2022-07-01: half of PY2023's Q4 window (METHODS §2.9),
	// said on stderr (even with --quiet) and in the data-quality section.
	const cov = "The file's exits start 2022-07-01: 6 of the 12 months of the window of the Q4 and credential measures (2022-01-01 to 2022-12-31) are missing."
	if !strings.Contains(errs, "warning: "+cov) || !strings.Contains(string(md), cov) {
		t.Errorf("coverage warning missing; stderr:\n%s", errs)
	}
	// Each section states its measures' windows, in report.md and report.html.
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	must(t, err)
	for _, want := range []string{
		"employed 2nd quarter after exit, employed 2nd quarter after exit (adjusted odds ratio): exits 2022-07-01 to 2023-06-30 (DOL's cohort of the Q2 measures)",
		"training completion, credential attainment, credential attainment (adjusted odds ratio): exits 2022-01-01 to 2022-12-31 (DOL's cohort of the Q4 and credential measures)",
		"utilization and its breakdowns: exits 2023-07-01 to 2024-06-30 (the program year)",
	} {
		if !strings.Contains(string(md), "- "+want+"\n") || !strings.Contains(string(html), strings.ReplaceAll(want, "'", "&#39;")) {
			t.Errorf("report.md or report.html lacks the window line %q", want)
		}
	}
	for _, want := range []string{"## 9. WIOA primary indicators of performance, program year 2023", "### Adult", "2022-07-01 to 2023-06-30", "program year 2023 as DOL reports it: exits 2022-01-01 to 2022-12-31 for Q4 and credential measures, 2022-07-01 to 2023-06-30 for Q2 measures, 2023-07-01 to 2024-06-30 for the others"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	csvb, err := os.ReadFile(filepath.Join(dir, "results.csv"))
	must(t, err)
	if !strings.Contains(string(csvb), "\nindicators,ERQ2 (Adult),All,") {
		t.Error("results.csv has no indicator rows")
	}
}
