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
