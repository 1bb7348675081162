package cmd

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "wioa.yaml")
		must(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	st := defaultSettings()
	must(t, st.loadConfig(write(`
alpha: 0.01
min_cell: 20
min_difference_pp: 3
not_yet_reported_share: 0.8
poverty_threshold: 0.3
neediest:
  low_income_plus_other_barriers: 1
reference_groups:
  sex: women
  education: Bachelor's or higher
hd_clusters:
  - name: Construction
    soc_prefixes: ["47-"]
columns:
  "201": Gender
  hourly_wage: Wage per hour
`)))
	c := st.cfg
	if c.Alpha != 0.01 || c.MinCell != 20 || c.MinDiff != 0.03 || c.Measures.PovertyThreshold != 0.3 || c.Measures.NeediestMinOtherBarriers != 1 || c.NotYetShare != 0.8 {
		t.Errorf("config not applied: %+v", c)
	}
	if c.SexReference != "women" || c.EducationReference != "Bachelor's or higher" {
		t.Errorf("reference groups not applied: %q, %q", c.SexReference, c.EducationReference)
	}
	if len(c.Measures.Clusters) != 1 || c.Measures.Clusters[0].Name != "Construction" {
		t.Errorf("clusters = %+v", c.Measures.Clusters)
	}
	if st.columns[pirl.FieldSex] != "Gender" || st.columns[pirl.FieldHourlyWage] != "Wage per hour" {
		t.Errorf("columns = %v", st.columns)
	}
	// The effective configuration reads back to the same settings.
	echo := write(st.effectiveYAML())
	if !strings.Contains(st.effectiveYAML(), "not_yet_reported_share: 0.8\n") {
		t.Errorf("the effective configuration lacks not_yet_reported_share:\n%s", st.effectiveYAML())
	}
	st2 := defaultSettings()
	must(t, st2.loadConfig(echo))
	if !reflect.DeepEqual(st.cfg, st2.cfg) || !reflect.DeepEqual(st.columns, st2.columns) {
		t.Errorf("effective configuration does not round-trip:\n%s", st.effectiveYAML())
	}

	for _, bad := range []struct{ yaml, want string }{
		{"alpha: 0.05\nmin_cel: 5\n", "line 2"},                     // typo must not pass silently
		{"alpha: [\n", "wioa.yaml"},                                 // malformed
		{"columns:\n  \"999\": X\n", `"999" is not a PIRL element`}, // unknown element
		{"ratio_band: [0.8]\n", "two numbers"},
	} {
		st := defaultSettings()
		err := st.loadConfig(write(bad.yaml))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("config %q: err = %v, want it to mention %q", bad.yaml, err, bad.want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// strategies: in the configuration replace the three of "What to do first";
// a strategy naming an unknown disparity, or a finding tied to two
// strategies, is an error naming it.
func TestConfigStrategies(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "wioa.yaml")
		must(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	st := defaultSettings()
	must(t, st.loadConfig(write(`
strategies:
  - id: outreach
    title: Go where people are
    action: Open intake at the libraries of the high-poverty tracts.
    findings: [poverty-participation, neediest-enrollment]
  - id: wages
    title: Higher wages
    findings: [gender-wages]
`)))
	if len(st.strategies) != 2 || st.strategies[0].ID != "outreach" || st.strategies[1].Findings[0] != "gender-wages" {
		t.Errorf("strategies %+v", st.strategies)
	}
	if y := st.effectiveYAML(); !strings.Contains(y, "id: outreach") {
		t.Errorf("the effective configuration does not echo the strategies:\n%s", y)
	}
	for body, want := range map[string]string{
		"strategies:\n  - id: a\n    title: A\n    findings: [gender-wage]\n":                                                         `"gender-wage" is not a disparity id`,
		"strategies:\n  - id: a\n    title: A\n    findings: [gender-wages]\n  - id: b\n    title: B\n    findings: [gender-wages]\n": "already informs strategy",
		"strategies:\n  - id: A B\n    title: A\n":                                                                                    "strategies[0]",
	} {
		s := defaultSettings()
		if err := s.loadConfig(write(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", body, err, want)
		}
	}
}

// The configured strategies open report.md in place of the defaults.
func TestReportUsesConfiguredStrategies(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "wioa.yaml")
	must(t, os.WriteFile(cfg, []byte("strategies:\n  - id: outreach\n    title: Go where people are\n    action: Open intake at the libraries.\n    findings: [gender-wages]\n"), 0o644))
	out := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", "--config", cfg, "--only", "gender-wages", "--no-plots", "--out", out); code != ExitOK {
		t.Fatal(errs)
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	must(t, err)
	if !strings.Contains(string(md), "Go where people are") || strings.Contains(string(md), "Counsel toward career paths") {
		t.Errorf("report.md does not open with the configured strategy:\n%.1500s", md)
	}
}
