package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// Every size setting has a documented upper bound, checked with the
// configuration before any input is read: out of range is a usage error
// (exit 2) naming the key or flag and the allowed range.
func TestSettingBounds(t *testing.T) {
	dir := t.TempDir()
	cfg := func(name, body string) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bootstrap 10^9", []string{"report", "--config", cfg("b.yaml", "bootstrap: 1000000000\n")},
			"b.yaml: bootstrap resamples (bootstrap) 1000000000 is out of range: use 100 to 50,000"},
		{"bootstrap 1e9", []string{"report", "--config", cfg("b2.yaml", "bootstrap: 1e9\n")}, "(bootstrap) 1000000000 is out of range"},
		{"oaxaca_bootstrap", []string{"report", "--config", cfg("o.yaml", "oaxaca_bootstrap: 100000\n")}, "o.yaml: Oaxaca bootstrap resamples (oaxaca_bootstrap) 100000 is out of range: use 0 to 5,000"},
		{"bootstrap_max_n", []string{"report", "--config", cfg("n.yaml", "bootstrap_max_n: -1\n")}, "n.yaml: bootstrap size limit (bootstrap_max_n) -1 is out of range"},
		{"oaxaca_bootstrap_max_n", []string{"report", "--config", cfg("on.yaml", "oaxaca_bootstrap_max_n: 20000000\n")}, "(oaxaca_bootstrap_max_n) 20000000 is out of range: use 0 to 200,000"},
		{"min_cell in the config", []string{"report", "--config", cfg("c.yaml", "min_cell: 0\n")}, "c.yaml: minimum cell size (min_cell, --min-cell) 0 is out of range: use 1 to 100,000"},
		{"min_difference_pp", []string{"report", "--config", cfg("d.yaml", "min_difference_pp: 500\n")}, "d.yaml: practical rate gap (min_difference_pp) 500 is out of range: use 0 to 100"},
		{"min_wage_gap_pct", []string{"report", "--config", cfg("w.yaml", "min_wage_gap_pct: .nan\n")}, "(min_wage_gap_pct) NaN is out of range"},
		{"not_yet_reported_share", []string{"report", "--config", cfg("ny.yaml", "not_yet_reported_share: 50\n")}, "ny.yaml: not-yet-reported share (not_yet_reported_share) 50 is out of range: use a share above 0 and at most 1"},
		{"ratio_band", []string{"report", "--config", cfg("r.yaml", "ratio_band: [0.8, .inf]\n")}, "(ratio_band) [0.8, +Inf] is out of range"},
		{"confidence", []string{"report", "--config", cfg("cf.yaml", "confidence: 95\n")}, "cf.yaml: confidence level (confidence) 95 is out of range"},
		{"neediest", []string{"report", "--config", cfg("ne.yaml", "neediest:\n  low_income_plus_other_barriers: 50\n")}, "ne.yaml: neediest rule: minimum number of other barriers (neediest: low_income_plus_other_barriers) 50 is out of range: use 0 to 15"},
		{"indicators config", []string{"indicators", "--program-year", "2023", "--config", cfg("i.yaml", "bootstrap: 99\n")}, "i.yaml: bootstrap resamples (bootstrap) 99 is out of range"},
		{"--min-cell 0", []string{"report", "--min-cell", "0"}, "(min_cell, --min-cell) 0 is out of range: use 1 to 100,000"},
		{"--min-cell 10^6", []string{"report", "--min-cell", "1000000"}, "(min_cell, --min-cell) 1000000 is out of range"},
		{"indicators --min-cell", []string{"indicators", "--program-year", "2023", "--min-cell", "100001"}, "(min_cell, --min-cell) 100001 is out of range"},
		{"--alpha", []string{"report", "--alpha", "1.5"}, "alpha (alpha, --alpha) 1.5 is out of range"},
		{"--poverty-threshold", []string{"report", "--poverty-threshold", "20"}, "(poverty_threshold, --poverty-threshold) 20 is out of range"},
		{"--retries", []string{"tracts", "fetch", "--state", "13", "--year", "2022", "--out", filepath.Join(dir, "t.csv"), "--retries", "1000000000"}, "--retries 1000000000 is out of range: use 0 to 10"},
		{"--retries negative", []string{"tracts", "fetch", "--state", "13", "--year", "2022", "--out", filepath.Join(dir, "t.csv"), "--retries", "-1"}, "--retries -1 is out of range"},
		{"--rows", []string{"generate", "--rows", "1000000000000", "--out", filepath.Join(dir, "g")}, "--rows 1000000000000 is out of range: use 1 to 100000000"},
		{"--tracts", []string{"generate", "--tracts", "1000000", "--out", filepath.Join(dir, "g")}, "--tracts 1000000 is out of range: use 1 to 100000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if args[0] == "report" || args[0] == "indicators" {
				args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
			}
			_, errs, code := run(t, args...)
			if code != ExitUsage || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, ExitUsage, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "g")); err == nil {
		t.Error("generate created its folder although its size settings were refused")
	}
}

// The configuration file is read with a size limit: a file beyond it, or
// an endless device such as /dev/zero, fails clearly (exit 2) instead of
// filling memory.
func TestConfigSizeLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "wioa.yaml")
	f, err := os.Create(big)
	must(t, err)
	must(t, f.Truncate(sizelimit.Config.Max+1)) // sparse: nothing is written
	f.Close()
	_, errs, code := run(t, "report", "--config", big, "--out", filepath.Join(t.TempDir(), "out"))
	if want := big + ": larger than the 16 MB limit for a configuration file"; code != ExitUsage || !strings.Contains(errs, want) {
		t.Errorf("sparse config: exit %d, %q; want %d and %q", code, errs, ExitUsage, want)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	defer func(l sizelimit.Limit) { sizelimit.Config = l }(sizelimit.Config)
	sizelimit.Config.Max = 1 << 20
	_, errs, code = run(t, "report", "--config", "/dev/zero", "--out", filepath.Join(t.TempDir(), "out"))
	if want := "/dev/zero: larger than the 1 MB limit for a configuration file"; code != ExitUsage || !strings.Contains(errs, want) {
		t.Errorf("/dev/zero: exit %d, %q; want %d and %q", code, errs, ExitUsage, want)
	}
}

// compare, trend and check --results refuse a results.json holding values
// no run can write, naming the file, the row and the field; check reads its
// baseline with a size limit.
func TestImpossibleResultsRefused(t *testing.T) {
	dir := t.TempDir()
	rep := filepath.Join(dir, "rep")
	if _, errs, code := run(t, "report", "--out", rep, "--no-plots"); code != 0 {
		t.Fatalf("report: exit %d, %s", code, errs)
	}
	good := filepath.Join(rep, "results.json")
	b, err := os.ReadFile(good)
	must(t, err)
	tamper := func(name, from, to string) string {
		if !strings.Contains(string(b), from) {
			t.Fatalf("%q not in results.json", from)
		}
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o644))
		return p
	}
	badP := tamper("p.json", `"p_value": 2.423991781569797e-60`, `"p_value": 1.5`)
	badN := tamper("n.json", `"n": 1775`, `"n": -1775`)
	noProv := tamper("prov.json", `"provenance": {`, `"provenance_": {`)
	baseline := filepath.Join(dir, "baseline.yaml")
	must(t, os.WriteFile(baseline, []byte("entries:\n  - {disparity: poverty-participation, measure: \"participants per 1,000 residents in poverty\", group: Other tracts, published: 30.6443}\n"), 0o644))
	if _, errs, code := run(t, "check", "--baseline", baseline, "--results", good); code != 0 {
		t.Fatalf("check of the untouched results: exit %d, %s", code, errs)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"compare p", []string{"compare", good, badP}, badP + ": results[0] (poverty-participation / participants per 1,000 residents in poverty / High-poverty tracts vs Other tracts): p_value 1.5 is outside [0, 1]"},
		{"compare n", []string{"compare", badN, good}, badN + ": results[0] (poverty-participation / participants per 1,000 residents in poverty / High-poverty tracts vs Other tracts): n -1775 is negative"},
		{"trend", []string{"trend", good, badN, "--no-plots"}, badN + ": results[0]"},
		{"trend provenance", []string{"trend", noProv, "--no-plots"}, noProv + ": no provenance"},
		{"check --results", []string{"check", "--baseline", baseline, "--results", badP}, badP + ": results[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, code := run(t, tc.args...)
			if code == 0 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want a failure and %q", code, errs, tc.want)
			}
		})
	}

	big := filepath.Join(dir, "published.yaml")
	f, err := os.Create(big)
	must(t, err)
	must(t, f.Truncate(sizelimit.Baseline.Max+1))
	f.Close()
	_, errs, code := run(t, "check", "--baseline", big, "--results", good)
	if want := big + ": larger than the 64 MB limit for a baseline file"; code == 0 || !strings.Contains(errs, want) {
		t.Errorf("check with a huge baseline: exit %d, %q; want %q", code, errs, want)
	}
}
