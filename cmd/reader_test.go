package cmd

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/synth"
)

// --layout and zipped input on the commands that read a participant file.
func TestLayoutAndZipFlags(t *testing.T) {
	dir := t.TempDir()
	var pb, tb bytes.Buffer
	if _, err := synth.Generate(&pb, &tb, synth.Config{Rows: 600, Seed: 3, Layout: synth.LayoutPUF, Gaps: synth.DefaultGaps()}); err != nil {
		t.Fatal(err)
	}
	puf := pb.Bytes()
	noHeader := puf[bytes.IndexByte(puf, '\n')+1:]
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, b, 0o644))
		return p
	}
	zipOf := func(name string, members map[string][]byte) string {
		var z bytes.Buffer
		w := zip.NewWriter(&z)
		for n, b := range members {
			m, err := w.Create(n)
			must(t, err)
			m.Write(b)
		}
		must(t, w.Close())
		return write(name, z.Bytes())
	}
	plain := write("puf.csv", puf)
	bare := write("bare.csv", noHeader)
	one := zipOf("puf.zip", map[string][]byte{"WIOAPerformanceRecords_PY2022Q4_Public.csv": puf})
	two := zipOf("two.zip", map[string][]byte{"a.csv": puf, "b/bare.csv": noHeader})

	so, se, code := run(t, "validate", bare)
	if code != 1 || !strings.Contains(se, "required column") {
		t.Errorf("validate without --layout: exit %d, %s", code, se)
	}
	so, se, code = run(t, "validate", bare, "--layout", "puf-py2022q4")
	if code != 0 || !strings.Contains(so, "the file has no header row") || !strings.Contains(so, "290 of 290 headers recognised") {
		t.Errorf("validate --layout: exit %d, %s\n%s", code, se, so)
	}
	so, _, code = run(t, "validate", plain, "--layout", "puf-py2022q4")
	if code != 0 || !strings.Contains(so, "line 1 was a header row and was skipped") {
		t.Errorf("validate --layout on a file with a header: exit %d\n%s", code, so)
	}
	so, se, code = run(t, "validate", one)
	if code != 0 || !strings.Contains(so, "member `WIOAPerformanceRecords_PY2022Q4_Public.csv`") {
		t.Errorf("validate zip: exit %d, %s\n%s", code, se, so)
	}
	_, se, code = run(t, "validate", two)
	if code != 1 || !strings.Contains(se, "--member NAME: a.csv, b/bare.csv") {
		t.Errorf("validate two-member zip: exit %d, %s", code, se)
	}
	_, se, code = run(t, "validate", two, "--member", "bare.csv", "--layout", "puf-py2022q4")
	if code != 0 {
		t.Errorf("validate --member: exit %d, %s", code, se)
	}
	_, se, code = run(t, "validate", plain, "--layout", "nonesuch")
	if code != 2 || !strings.Contains(se, "no built-in layout") {
		t.Errorf("unknown layout: exit %d, %s", code, se)
	}

	// report and indicators: the same results.json, zipped or not, with or
	// without a header row.
	tracts := write("tracts.csv", tb.Bytes())
	results := func(name string, args ...string) string {
		out := filepath.Join(dir, name)
		_, se, code := run(t, append([]string{"report", "--tracts", tracts, "--out", out, "--quiet"}, args...)...)
		if code != 0 {
			t.Fatalf("report %v: exit %d, %s", args, code, se)
		}
		b, err := os.ReadFile(filepath.Join(out, "results.json"))
		must(t, err)
		return string(b)
	}
	ref := results("r1", plain)
	for name, args := range map[string][]string{
		"r2": {bare, "--layout", "puf-py2022q4"},
		"r3": {one},
		"r4": {two, "--member", "b/bare.csv", "--layout", "puf-py2022q4"},
	} {
		got := results(name, args...)
		if strip(got) != strip(ref) {
			t.Errorf("report %v: results.json differs beyond the provenance", args)
		}
		if name == "r3" && !strings.Contains(got, `"member": "WIOAPerformanceRecords_PY2022Q4_Public.csv"`) {
			t.Errorf("results.json of a zip names no member")
		}
		if name == "r2" && !strings.Contains(got, `"layout": "puf-py2022q4"`) {
			t.Errorf("results.json of --layout names no layout")
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, "r3", "report.md"))
	must(t, err)
	if !strings.Contains(string(md), "Read from the archive's member `WIOAPerformanceRecords_PY2022Q4_Public.csv`") {
		t.Errorf("report.md of a zip names no member")
	}
	_, se, code = run(t, "indicators", bare, "--program-year", "2022", "--layout", "puf-py2022q4", "--out", filepath.Join(dir, "i1"), "--quiet")
	if code != 0 {
		t.Errorf("indicators --layout: exit %d, %s", code, se)
	}
}

// strip drops results.json's provenance (file name, digest, bytes, member)
// so that two runs on the same records compare equal.
func strip(s string) string {
	i := strings.Index(s, `"provenance"`)
	if i < 0 {
		return s
	}
	j := strings.Index(s[i:], "\n  }")
	if j < 0 {
		return s
	}
	return s[:i] + s[i+j:]
}
