package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBoardBaselineRefusal: a baseline written with --board/--program
// records them in its source, and check refuses a run of other boards or
// programs (also the whole file) unless on_other_data: warn.
func TestBoardBaselineRefusal(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.yaml")
	if out, errs, code := run(t, "check", "--write-baseline", one, "--board", "13101", "--program", "adult,dw"); code != ExitOK {
		t.Fatalf("write-baseline --board: exit %d\n%s\n%s", code, out, errs)
	}
	b, err := os.ReadFile(one)
	must(t, err)
	if !strings.Contains(string(b), "board: \"13101\"") && !strings.Contains(string(b), "board: 13101") || !strings.Contains(string(b), "programs: adult,dw") {
		t.Fatalf("baseline source lacks the restriction:\n%s", string(b)[:800])
	}
	if out, errs, code := run(t, "check", "--baseline", one, "--board", "13101", "--program", "dw,adult"); code != ExitOK {
		t.Fatalf("same board and programs: exit %d\n%s\n%s", code, out, errs)
	}
	_, errs, code := run(t, "check", "--baseline", one)
	if code != ExitFail || !strings.Contains(errs, "local board (PIRL 108A): published from 13101, this run all boards") ||
		!strings.Contains(errs, "programs: published from adult,dw, this run all programs") {
		t.Fatalf("whole file against a one-board baseline: exit %d\n%s", code, errs)
	}
	if _, errs, code := run(t, "check", "--baseline", one, "--board", "13102", "--program", "adult,dw"); code != ExitFail || !strings.Contains(errs, "published from 13101, this run 13102") {
		t.Fatalf("another board: exit %d\n%s", code, errs)
	}
	whole := writeSampleBaseline(t, dir)
	if _, errs, code := run(t, "check", "--baseline", whole, "--board", "13101"); code != ExitFail || !strings.Contains(errs, "published from all boards, this run 13101") {
		t.Fatalf("one board against the whole file's baseline: exit %d\n%s", code, errs)
	}
	must(t, os.WriteFile(one, []byte(strings.Replace(string(b), "on_other_data: error", "on_other_data: warn", 1)), 0o644))
	out, errs, _ := run(t, "check", "--baseline", one)
	if strings.Contains(errs, "published from other data than this run read") || !strings.Contains(out+errs, "this run all boards") {
		t.Fatalf("on_other_data: warn should compare anyway, warning:\n%s\n%s", out, errs)
	}
}

func TestReportBoardProvenanceAndUsage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	cfg := filepath.Join(dir, "wioa.yaml")
	must(t, os.WriteFile(cfg, []byte("boards:\n  \"13101\": Fulton\n"), 0o644))
	if o, errs, code := run(t, "report", "--board", "13101", "--program", "youth,adult", "--config", cfg, "--out", out, "--no-plots"); code != ExitOK {
		t.Fatalf("report --board: exit %d\n%s\n%s", code, o, errs)
	}
	b, err := os.ReadFile(filepath.Join(out, "results.json"))
	must(t, err)
	var res struct {
		Provenance struct {
			Board      []string `json:"board"`
			Programs   []string `json:"programs"`
			Restricted int      `json:"restricted_rows"`
		} `json:"provenance"`
	}
	must(t, json.Unmarshal(b, &res))
	if p := res.Provenance; strings.Join(p.Board, ",") != "13101" || strings.Join(p.Programs, ",") != "adult,youth" || p.Restricted == 0 {
		t.Errorf("provenance: %+v", p)
	}
	for _, name := range []string{"report.md", "report.html"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		must(t, err)
		// The board named in the configuration is named in the header.
		if !strings.Contains(string(b), "Restricted to local board 13101 (Fulton) (PIRL 108A); programs Adult, Youth before anything was computed") ||
			!strings.Contains(string(b), "Outside --board/--program") {
			t.Errorf("%s does not state the restriction", name)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--program", "wp"}, "unknown program"},
		{[]string{"report", "--board", "99999"}, "no record has local board 99999"},
		{[]string{"indicators", "--program-year", "2023", "--board", ","}, "at least one board"},
	} {
		_, errs, code := run(t, append(c.args, "--out", filepath.Join(dir, "x"))...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %s", c.args, code, errs)
		}
	}
}
