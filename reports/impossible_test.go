package reports

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/internal/sizelimit"
)

// testProvenance is the provenance block of a real run (the bundled sample).
const testProvenance = `{"tool": "wioa", "version": "0.1.0-dev",
  "input": {"name": "pirl.csv.gz", "sha256": "6678a3e17028727172a820334410bb241452755c50265c956972fab85af362d0", "bytes": 2499380, "rows": 5000, "synthetic": true},
  "tracts": {"name": "tracts.csv", "sha256": "3e7bc166aabc1d6430efaf05b88b4ec6950504dd7f7dda527c0b18d86899739a", "bytes": 0, "rows": 200},
  "exit_window": "all exits in the file", "rows_read": 5000, "cohort": 3486, "seed": 20240701,
  "options": {"confidence": 0.95, "alpha": 0.05, "min_cell": 10, "poverty_threshold": 0.2, "p_adjust": "holm", "bootstrap": 2000, "oaxaca_bootstrap": 200},
  "disparities_run": ["gender-wages"]}`

// results builds a results.json with the given provenance and one row whose
// fields are row (JSON members, without braces).
func resultsJSON(prov, row string) string {
	s := `{"format": "wioa-results/1"`
	if prov != "" {
		s += `, "provenance": ` + prov
	}
	return s + `, "results": [{"disparity": "gender-wages", "measure": "credential rate", "group": "Women", "reference": "Men", ` + row + `}]}`
}

// compare and trend read results.json with ReadResults: values no run can
// write are refused with the file, the row and the field.
func TestReadResultsImpossibleValues(t *testing.T) {
	dir := t.TempDir()
	rate := `"unit": "rate", "n": 40, "value": 0.5, "ci_low": 0.4, "ci_high": 0.6, "diff": -0.1, "diff_ci_low": -0.2, "diff_ci_high": 0, "ratio": 0.8, "p_value": 0.01, "p_adjusted": 0.02`
	with := func(key, val string) string { // rate with one field replaced
		parts := strings.Split(rate, ", ")
		for i, p := range parts {
			if strings.HasPrefix(p, `"`+key+`":`) {
				parts[i] = `"` + key + `": ` + val
			}
		}
		return strings.Join(parts, ", ")
	}
	prov := func(from, to string) string { return strings.Replace(testProvenance, from, to, 1) }
	row := "results[0] (gender-wages / credential rate / Women vs Men): "
	for _, tc := range []struct {
		name, body, want string // want "" for no error
	}{
		{"valid", resultsJSON(testProvenance, rate), ""},
		{"p exactly 1 and 0", resultsJSON(testProvenance, with("p_value", "1")+`, "p_adjusted": 0`), ""},
		{"rounding slack", resultsJSON(testProvenance, with("p_adjusted", "1.0000000000000002")), ""},
		{"nulls", resultsJSON(testProvenance, `"unit": "rate", "suppressed": true, "n": null, "value": null, "p_value": null`), ""},
		{"dollar differences may be negative", resultsJSON(testProvenance, `"unit": "dollars", "value": -1.2, "diff": -1.9`), ""},
		{"negative n", resultsJSON(testProvenance, with("n", "-3")), row + "n -3 is negative"},
		{"p above 1", resultsJSON(testProvenance, with("p_value", "1.5")), row + "p_value 1.5 is outside [0, 1]"},
		{"p negative", resultsJSON(testProvenance, with("p_value", "-0.01")), row + "p_value -0.01 is outside [0, 1]"},
		{"p_adjusted above 1", resultsJSON(testProvenance, with("p_adjusted", "2")), row + "p_adjusted 2 is outside [0, 1]"},
		{"rate above 1", resultsJSON(testProvenance, with("value", "55")), row + "value 55 is outside [0, 1]: a rate is a proportion"},
		{"rate CI below 0", resultsJSON(testProvenance, with("ci_low", "-0.1")), row + "ci_low -0.1 is outside [0, 1]"},
		{"rate difference", resultsJSON(testProvenance, with("diff", "-12")), row + "diff -12 is outside [-1, 1]"},
		{"negative ratio", resultsJSON(testProvenance, with("ratio", "-0.8")), row + "ratio -0.8 is negative (unit rate)"},
		{"negative per 1,000", resultsJSON(testProvenance, `"unit": "per_1000", "value": -4`), row + "value -4 is negative (unit per_1000)"},
		{"negative odds ratio", resultsJSON(testProvenance, `"unit": "odds_ratio", "value": 1.2, "ci_low": -0.5`), row + "ci_low -0.5 is negative (unit odds_ratio)"},
		{"no provenance", resultsJSON("", rate), "no provenance (which data, exit window and options produced these numbers)"},
		{"null provenance", resultsJSON("null", rate), "no provenance"},
		{"empty provenance", resultsJSON("{}", rate), "provenance: tool is missing"},
		{"no input name", resultsJSON(prov(`"name": "pirl.csv.gz"`, `"name": ""`), rate), "provenance: input.name is missing"},
		{"no input SHA-256", resultsJSON(prov(`"sha256": "6678a3e17028727172a820334410bb241452755c50265c956972fab85af362d0"`, `"sha256": ""`), rate), "provenance: input.sha256 is missing"},
		{"bad SHA-256", resultsJSON(prov(`"sha256": "6678a3e`, `"sha256": "zz78a3e`), rate), `provenance: input.sha256 "zz78a3e`},
		{"bad tracts SHA-256", resultsJSON(prov(`"sha256": "3e7bc166aabc1d6430efaf05b88b4ec6950504dd7f7dda527c0b18d86899739a"`, `"sha256": "3e7b"`), rate), `provenance: tracts.sha256 "3e7b" is not a SHA-256`},
		{"no exit window", resultsJSON(prov(`"exit_window": "all exits in the file"`, `"exit_window": ""`), rate), "provenance: exit_window is missing"},
		{"no version", resultsJSON(prov(`"version": "0.1.0-dev"`, `"version": " "`), rate), "provenance: version is missing"},
		{"negative cohort", resultsJSON(prov(`"cohort": 3486`, `"cohort": -1`), rate), "provenance: cohort -1 is negative"},
		{"negative bytes", resultsJSON(prov(`"bytes": 2499380`, `"bytes": -5`), rate), "provenance: input.bytes -5 is negative"},
		{"negative min_cell", resultsJSON(prov(`"min_cell": 10`, `"min_cell": -10`), rate), "provenance: options.min_cell -10 is negative"},
		{"alpha above 1", resultsJSON(prov(`"alpha": 0.05`, `"alpha": 5`), rate), "provenance: options.alpha 5 is outside [0, 1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			if err := os.WriteFile(p, []byte(tc.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadResults(p)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), p+": "+tc.want)):
				t.Errorf("error %v, want %q", err, p+": "+tc.want)
			}
		})
	}
}

// results.json is read with a size limit: a file beyond it (a sparse file,
// nothing written) or an endless device fails naming the file and the limit.
func TestReadResultsSizeLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "results.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(sizelimit.Results.Max + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadResults(big)
	if want := big + ": larger than the 256 MB limit for results.json"; err == nil || err.Error() != want {
		t.Errorf("sparse file: %v, want %q", err, want)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	defer func(l sizelimit.Limit) { sizelimit.Results = l }(sizelimit.Results)
	sizelimit.Results.Max = 1 << 20
	if _, err := ReadResults("/dev/zero"); !errors.Is(err, sizelimit.ErrTooLarge) {
		t.Errorf("/dev/zero: %v", err)
	}
}
