package cmd

import (
	"os"
	"path/filepath"

	"github.com/wioa-equity/wioa/internal/safeout"
)

// Every file and folder a command writes goes through a safeout.Guard that
// knows the run's inputs: an output folder replaces only an empty folder or
// one wioa wrote, a single file replaces only a file wioa wrote (or any other
// with --force), and nothing lands on an input. Each command checks its
// outputs before it reads anything, so a refused output costs no work.

// inputGuard returns the guard of a run reading the given files; a report
// folder given as an input counts with the results.json inside it.
func inputGuard(force bool, inputs ...string) *safeout.Guard {
	g := safeout.NewGuard(force)
	for _, in := range inputs {
		g.AddInput(in)
		if fi, err := os.Stat(in); err == nil && fi.IsDir() {
			g.AddInput(filepath.Join(in, "results.json"))
		}
	}
	return g
}

// forceUsage is the help text of every --force flag.
const forceUsage = "replace an existing output file that wioa did not write (never an input of the run)"
