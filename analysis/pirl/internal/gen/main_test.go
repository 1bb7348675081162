package main

import (
	"bytes"
	"os"
	"testing"
)

// layout_gen.go is what the generator makes of the committed CSV files.
func TestGeneratedUpToDate(t *testing.T) {
	src, _, err := generate("../../"+layoutCSV, "../../"+keyCSV)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../" + out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, have) {
		t.Error("analysis/pirl/layout_gen.go is stale: run go generate ./analysis/pirl")
	}
}
