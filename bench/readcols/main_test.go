package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/wioa-equity/wioa/analysis/synth"
)

// The list handed to fread(select=…) names each kept column once, as the
// generated file's header spells it (a small file; fast).
func TestKeptColumnsOfGeneratedFile(t *testing.T) {
	var buf bytes.Buffer
	if _, err := synth.Generate(&buf, io.Discard, synth.Config{Rows: 200, Seed: 1, Tracts: 50, Gaps: synth.DefaultGaps()}); err != nil {
		t.Fatal(err)
	}
	header := strings.Split(strings.TrimRight(strings.SplitN(buf.String(), "\n", 2)[0], "\r"), ",")
	count := map[string]int{}
	for _, h := range header {
		count[h]++
	}
	cols, err := keptColumns(bytes.NewReader(buf.Bytes()), "gen.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) < 20 || len(cols) >= len(header) {
		t.Fatalf("%d of %d columns kept", len(cols), len(header))
	}
	for _, c := range cols {
		if count[c] != 1 {
			t.Errorf("column %q is %d times in the header", c, count[c])
		}
	}
	for _, want := range []string{"PIRL 100", "PIRL 900", "PIRL 901", "PIRL 1704"} {
		found := false
		for _, c := range cols {
			found = found || c == want
		}
		if !found {
			t.Errorf("%q not kept", want)
		}
	}
}
