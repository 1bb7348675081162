package cmd

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := Main([]string{"generate", "--rows", "300", "--seed", "5", "--out", dir, "--style", "p", "--gzip", "--tracts", "40", "--gap", "gender-wage=2.5"}, nil, &out, &errb)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Wrote 300 synthetic records", `header style "p201"`, "40 tracts", "gender-wage=2.5", "poverty-participation=0.6", filepath.Join(dir, "pirl.csv.gz")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	f, err := os.Open(filepath.Join(dir, "pirl.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		if lines == 0 && !strings.HasPrefix(sc.Text(), "p100,") {
			t.Errorf("header starts %.20q", sc.Text())
		}
		lines++
	}
	if lines != 301 {
		t.Errorf("%d lines, want 301", lines)
	}
	tr, err := os.ReadFile(filepath.Join(dir, "tracts.csv"))
	if err != nil || bytes.Count(tr, []byte("\n")) != 41 {
		t.Errorf("tracts.csv: %v, %d lines", err, bytes.Count(tr, []byte("\n")))
	}

	out.Reset()
	if code := Main([]string{"generate", "--rows", "10", "--out", dir, "--no-gaps"}, nil, &out, &errb); code != ExitOK || !strings.Contains(out.String(), "No gaps injected") {
		t.Errorf("--no-gaps: exit %d, %s", code, out.String())
	}
}

func TestGenerateUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--rows", "0", "--out", dir},
		{"--rows", "-5", "--out", dir},
		{"--rows", "10"},
		{"--out", dir, "--style", "camel"},
		{"--out", dir, "--gap", "gender-wage"},
		{"--out", dir, "--gap", "wage=1"},
		{"--out", dir, "--gap", "gender-wage=abc"},
		{"--out", dir, "--gap", "support-credential=0.5"},
		{"--out", dir, "--tracts", "0"},
		{"--out", dir, "--rows", "ten"},
	} {
		var out, errb bytes.Buffer
		if code := Main(append([]string{"generate"}, args...), nil, &out, &errb); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d; stderr %s", args, code, ExitUsage, errb.String())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("usage errors left files: %v", entries)
	}
}

// TestGeneratePUF: --layout puf-py2022q4 writes the public-use file's
// columns, and the tool reads it: indicators and a report run on it.
func TestGeneratePUF(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := Main([]string{"generate", "--layout", "puf-py2022q4", "--rows", "3000", "--seed", "3", "--out", dir}, nil, &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "with 290 columns, layout puf-py2022q4") {
		t.Errorf("summary: %s", out.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "pirl.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("PIRL100,PIRL101,PIRL102,PIRL103,PIRL105,")) || !bytes.HasSuffix(b[:bytes.IndexByte(b, '\n')], []byte(",CALC4039,CALC4040,CALC4041,REPORT_QUARTER")) {
		t.Errorf("header: %.200q", b)
	}
	pirlPath := filepath.Join(dir, "pirl.csv")
	out.Reset()
	errb.Reset()
	if code := Main([]string{"indicators", pirlPath, "--program-year", "2022", "--program", "adult,youth", "--out", filepath.Join(dir, "indicators")}, nil, &out, &errb); code != ExitOK {
		t.Fatalf("indicators: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "ERQ2") {
		t.Errorf("indicators output lacks ERQ2:\n%.2000s", out.String())
	}
	out.Reset()
	errb.Reset()
	rep := filepath.Join(dir, "report")
	if code := Main([]string{"report", pirlPath, "--tracts", filepath.Join(dir, "tracts.csv"), "--out", rep, "-q"}, nil, &out, &errb); code != ExitOK {
		t.Fatalf("report: exit %d: %s", code, errb.String())
	}
	md, err := os.ReadFile(filepath.Join(rep, "report.md"))
	if err != nil || !bytes.Contains(md, []byte("gender-credential")) {
		t.Errorf("report.md: %v\n%.1000s", err, md)
	}
	for _, args := range [][]string{
		{"--layout", "puf-py2022q4", "--style", "p", "--out", dir},
		{"--layout", "puf", "--out", dir},
	} {
		errb.Reset()
		if code := Main(append([]string{"generate"}, args...), nil, &out, &errb); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d (%s)", args, code, ExitUsage, errb.String())
		}
	}
}
