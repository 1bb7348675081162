package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wioa indicators on the bundled sample matches the golden results.csv and
// report.md, runs twice to identical bytes, and writes results.json in the
// report's format.
func TestIndicatorsGoldenAndDeterministic(t *testing.T) {
	dir := t.TempDir()
	args := []string{"indicators", "--program-year", "2023", "--by", "sex,race,age"}
	out, errs, code := run(t, append(args, "--out", filepath.Join(dir, "a"))...)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "Adult ") || !strings.Contains(out, "Wagner-Peyser      not computed: needs PIRL 918") {
		t.Errorf("stdout %q", out)
	}
	if _, _, code = run(t, append(args, "--out", filepath.Join(dir, "b"))...); code != ExitOK {
		t.Fatal("second run failed")
	}
	for _, name := range []string{"report.md", "results.csv", "results.json"} {
		a, err := os.ReadFile(filepath.Join(dir, "a", name))
		must(t, err)
		b, err := os.ReadFile(filepath.Join(dir, "b", name))
		must(t, err)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
		if name != "results.json" {
			golden(t, "indicators-"+name, a)
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "a", "results.json"))
	var doc struct {
		Format  string `json:"format"`
		Results []struct {
			Disparity, Measure, Group string
			N                         *int `json:"n"`
		} `json:"results"`
	}
	must(t, json.Unmarshal(js, &doc))
	if doc.Format != "wioa-results/1" || len(doc.Results) == 0 || doc.Results[0].Measure != "ERQ2 (Adult)" || doc.Results[0].Group != "All" || doc.Results[0].Disparity != "indicators" {
		t.Errorf("results.json %s, first row %+v", doc.Format, doc.Results[0])
	}
	md, _ := os.ReadFile(filepath.Join(dir, "a", "report.md"))
	for _, want := range []string{"| ERQ2 — Employment Rate – 2nd Quarter After Exit | 2022-07-01 to 2023-06-30 |",
		"| CAR — Credential Attainment Rate | 2022-01-01 to 2022-12-31 |", "| MSG — Measurable Skill Gains Rate | 2023-07-01 to 2024-06-30 |"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("report.md lacks %q", want)
		}
	}
}

func TestIndicatorsUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"indicators"}, "--program-year is required"},
		{[]string{"indicators", "--program-year", "23"}, "use a year such as 2023"},
		{[]string{"indicators", "--program-year", "2023", "--program", "title3"}, "unknown program"},
		{[]string{"indicators", "--program-year", "2023", "--by", "colour"}, "unknown breakdown"},
		{[]string{"indicators", "--program-year", "2023", "--min-cell", "0"}, "minimum cell size"},
	} {
		_, errs, code := run(t, append(tc.args, "--out", t.TempDir())...)
		if code != ExitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, ExitUsage, tc.want)
		}
	}
	_, errs, code := run(t, "indicators", "no-such-file.csv", "--program-year", "2023", "--out", t.TempDir())
	if code != ExitFail || !strings.Contains(errs, "no-such-file.csv") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}
