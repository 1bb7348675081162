package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/compare"
)

// A generated file extracted soon after its last exits: the last quarters'
// employment is mostly 9 (METHODS §2.9). Their comparisons are "not yet
// reported" — never suppressed, insufficient or flagged — a complete
// quarter's are not, and compare across the boundary never says a gap
// closed ("no longer flagged", "→ suppressed") for them.
func TestNotYetReportedQuarters(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pirl.csv")
	f, err := os.Create(file)
	must(t, err)
	end := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	_, err = synth.Generate(f, nil, synth.Config{Rows: 40000, Seed: 7, End: end, AsOf: end.AddDate(0, 0, 40)})
	must(t, err)
	must(t, f.Close())

	run := func(q string) *reports.Results {
		w, err := ParseWindow("", "", "", q)
		must(t, err)
		o := &Options{File: file, Config: disparities.DefaultConfig(), Window: w, Version: "test"}
		r, err := Report(o)
		must(t, err)
		return reports.ResultsOf(r, q)
	}
	old, nu := run("2022Q3"), run("2024Q1")
	status := func(res *reports.Results, measure string) map[results.Status]int {
		m := map[results.Status]int{}
		for _, r := range res.Rows {
			if r.Measure == measure {
				m[r.Status]++
			}
		}
		return m
	}
	for _, m := range []string{"employed 2nd quarter after exit", "employed 4th quarter after exit", "employed all four quarters after exit"} {
		if s := status(old, m); s[results.StatusNotYetReported] > 0 {
			t.Errorf("2022Q3 %s: %v; a complete quarter has no not-yet-reported row", m, s)
		}
		s := status(nu, m)
		if s[results.StatusNotYetReported] == 0 || s[results.StatusSuppressed]+s[results.StatusInsufficient]+s[results.StatusFlagged] > 0 {
			t.Errorf("2024Q1 %s: %v; want every row not yet reported", m, s)
		}
	}
	for _, sec := range nu.Disparities {
		if sec.ID == "education-level" && sec.Status != results.StatusNotYetReported.String() {
			t.Errorf("2024Q1 education-level status %q, finding %q", sec.Status, sec.Finding)
		}
	}
	c, err := compare.Compare(old, nu)
	must(t, err)
	var b strings.Builder
	must(t, c.WriteMarkdown(&b))
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, "employed") && strings.Contains(line, "2nd quarter") &&
			(strings.Contains(line, "→ suppressed") || strings.Contains(line, "no longer flagged")) {
			t.Errorf("compare reads a not-yet-reported outcome as a closed gap: %s", line)
		}
	}
	if !strings.Contains(b.String(), "not yet reported") {
		t.Errorf("compare never says \"not yet reported\":\n%s", b.String())
	}
}
