package cmd

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// TestMain fails the run when a test leaves a file or folder in the
// package's own folder (a command run without --out writes into the working
// folder, which is the package's under go test): tests write under
// t.TempDir only.
func TestMain(m *testing.M) {
	before, err := os.ReadDir(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	after, err := os.ReadDir(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	names := func(es []os.DirEntry) []string {
		var s []string
		for _, e := range es {
			s = append(s, e.Name())
		}
		return s
	}
	was := names(before)
	for _, n := range names(after) {
		if !slices.Contains(was, n) {
			fmt.Fprintf(os.Stderr, "a test left %s in the package folder: write under t.TempDir()\n", n)
			code = 1
		}
	}
	os.Exit(code)
}
