package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

func TestParseWindow(t *testing.T) {
	day := func(s string) int32 { d, err := parseDay(s); must(t, err); return d }
	tests := []struct {
		from, to, py, q string
		wantFrom        string
		wantTo          string
		usage           bool
	}{
		{py: "2023", wantFrom: "2023-07-01", wantTo: "2024-06-30"},
		{py: "PY2020", wantFrom: "2020-07-01", wantTo: "2021-06-30"},
		{q: "2024Q3", wantFrom: "2024-07-01", wantTo: "2024-09-30"},
		{q: "2024Q1", wantFrom: "2024-01-01", wantTo: "2024-03-31"},
		{q: "2023Q4", wantFrom: "2023-10-01", wantTo: "2023-12-31"},
		{q: "2024-q2", wantFrom: "2024-04-01", wantTo: "2024-06-30"},
		{from: "2022-01-01", to: "20221231", wantFrom: "2022-01-01", wantTo: "2022-12-31"},
		{from: "2022-01-01", wantFrom: "2022-01-01"},
		{q: "2024Q5", usage: true},
		{py: "23", usage: true},
		{from: "2022-02-30", usage: true},
		{from: "2023-01-01", to: "2022-01-01", usage: true},
		{py: "2023", q: "2024Q1", usage: true},
		{from: "2022-01-01", py: "2023", usage: true},
	}
	for _, tt := range tests {
		w, err := parseWindow(tt.from, tt.to, tt.py, tt.q)
		if tt.usage {
			var ue usageError
			if !errors.As(err, &ue) {
				t.Errorf("%+v: err = %v, want a usage error", tt, err)
			}
			continue
		}
		must(t, err)
		want := [2]int32{pirl.MissingDate, pirl.MissingDate}
		if tt.wantFrom != "" {
			want[0] = day(tt.wantFrom)
		}
		if tt.wantTo != "" {
			want[1] = day(tt.wantTo)
		}
		if got := [2]int32{w.from, w.to}; got != want {
			t.Errorf("%+v: window %s..%s, want %s..%s", tt, pirl.FormatDate(w.from), pirl.FormatDate(w.to), tt.wantFrom, tt.wantTo)
		}
	}
}

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
	if c.Alpha != 0.01 || c.MinCell != 20 || c.MinDiff != 0.03 || c.Measures.PovertyThreshold != 0.3 || c.Measures.NeediestMinOtherBarriers != 1 {
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
