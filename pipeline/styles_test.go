package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// renameHeader rewrites line 1 of a CSV with name(header) for each header.
func renameHeader(t *testing.T, in []byte, name func(h string, id pirl.Ident) string) []byte {
	t.Helper()
	i := bytes.IndexByte(in, '\n')
	r := csv.NewReader(bytes.NewReader(in[:i+1]))
	h, err := r.Read()
	must(t, err)
	for k := range h {
		h[k] = name(h[k], pirl.Identify(h[k]))
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	must(t, w.Write(h))
	w.Flush()
	return append(b.Bytes(), in[i+1:]...)
}

// resultsOf runs report --program-year 2022 on a file and returns
// results.json without its provenance (file name, digest, bytes).
func resultsOf(t *testing.T, path, tractsPath string, layout []string) map[string]any {
	t.Helper()
	o := &Options{File: path, Tracts: tractsPath, Config: disparities.DefaultConfig(), Window: AllExits, ProgramYear: 2022, Version: "test", Layout: layout}
	run, err := Report(o)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	var b bytes.Buffer
	must(t, reports.WriteJSON(&b, run))
	var m map[string]any
	must(t, json.Unmarshal(b.Bytes(), &m))
	delete(m, "provenance")
	return m
}

// TestSameResultsWhateverTheHeader: the same PUF-shaped records give the
// same disparities and indicators whatever the header style, with or
// without a header row (--layout), zipped or not.
func TestSameResultsWhateverTheHeader(t *testing.T) {
	var pb, tb bytes.Buffer
	if _, err := synth.Generate(&pb, &tb, synth.Config{Rows: 4000, Seed: 11, Layout: synth.LayoutPUF, Gaps: synth.DefaultGaps()}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, b, 0o644))
		return p
	}
	zipped := func(name, member string, b []byte) string {
		var z bytes.Buffer
		w := zip.NewWriter(&z)
		m, err := w.Create(member)
		must(t, err)
		m.Write(b)
		must(t, w.Close())
		return write(name, z.Bytes())
	}
	tracts := write("tracts.csv", tb.Bytes())
	puf := pb.Bytes()
	lay, _ := pirl.BuiltinLayout(pirl.LayoutPUFPY2022Q4)
	short := map[string]string{}
	for _, s := range pirl.DOLShortNames() {
		if _, dup := short[s.Number]; !dup && s.Name != "ID" {
			short[s.Number] = s.Name
		}
	}
	noHeader := puf[bytes.IndexByte(puf, '\n')+1:]
	ref := resultsOf(t, write("puf.csv", puf), tracts, nil)
	if len(ref) == 0 {
		t.Fatal("no results")
	}
	for _, v := range []struct {
		name   string
		file   string
		layout []string
	}{
		{"official names over lines", write("names.csv", renameHeader(t, puf, func(h string, id pirl.Ident) string {
			return strings.Replace(id.Name, " ", " \n", 2)
		})), nil},
		{"number and name", write("numname.csv", renameHeader(t, puf, func(h string, id pirl.Ident) string {
			return strings.TrimPrefix(id.Element, "CALC") + " " + id.Name
		})), nil},
		{"PIRL space", write("space.csv", renameHeader(t, puf, func(h string, id pirl.Ident) string {
			return strings.Replace(strings.Replace(h, "PIRL", "PIRL ", 1), "CALC", "PIRL ", 1)
		})), nil},
		{"R-mangled", write("r.csv", renameHeader(t, puf, func(h string, id pirl.Ident) string {
			return strings.Replace(h, "PIRL", "PIRL.", 1)
		})), nil},
		{"DOL short names", write("short.csv", renameHeader(t, puf, func(h string, id pirl.Ident) string {
			if s, ok := short[id.Element]; ok {
				return s
			}
			return h
		})), nil},
		{"no header row, --layout", write("noheader.csv", noHeader), lay},
		{"header row and --layout", write("both.csv", puf), lay},
		{"zipped", zipped("puf.zip", "WIOAPerformanceRecords_PY2022Q4_Public.csv", puf), nil},
		{"zipped, no header row", zipped("noheader.zip", "extract.csv", noHeader), lay},
	} {
		got := resultsOf(t, v.file, tracts, v.layout)
		for k := range ref {
			a, _ := json.Marshal(ref[k])
			b, _ := json.Marshal(got[k])
			if !bytes.Equal(a, b) {
				t.Errorf("%s: results.json %q differs (%d vs %d bytes)", v.name, k, len(b), len(a))
			}
		}
		if len(got) != len(ref) {
			t.Errorf("%s: %d keys, want %d", v.name, len(got), len(ref))
		}
	}
}
