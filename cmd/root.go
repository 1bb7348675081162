// Package cmd is the wioa command line: a cobra root built by NewRoot so tests
// can run any command with their own buffers, and one place (Main) that turns
// errors into messages and exit codes.
package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Version is the tool version, set at build time with
// -ldflags "-X github.com/wioa-equity/wioa/cmd.Version=…".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1 // the input could not be used, or (check) a number drifted
	ExitUsage = 2 // bad flags or arguments
)

// usageError marks errors that come from how the command was called; Main
// exits 2 for them and prints the usage hint.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usage error.
func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// exitError carries a specific exit code with an error already reported (or
// to be reported) to stderr.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// IO is what every command reads from and writes to.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// NewRoot builds the command tree.
func NewRoot(s IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "wioa",
		Short: "Find equity gaps in WIOA participant outcomes",
		Long: `wioa reads WIOA participant records in the DOL PIRL layout (CSV/TSV, optionally
gzip-compressed) and reports eight actionable disparities in participation,
services and outcomes, with confidence intervals, multiple-comparison-adjusted
p-values and small-cell suppression.

Run "wioa report" with no arguments to see a report on the bundled synthetic sample.`,
		Version:       Version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	for _, add := range subcommands {
		root.AddCommand(add(s))
	}
	addProfiling(root)
	return root
}

// subcommands is filled by each command's file in init, so that adding a
// command touches only its own file.
var subcommands []func(IO) *cobra.Command

func register(f func(IO) *cobra.Command) { subcommands = append(subcommands, f) }

// Main runs the command line and returns the process exit code.
func Main(args []string, in io.Reader, out, errw io.Writer) int {
	root := NewRoot(IO{In: in, Out: out, Err: errw})
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(errw, "wioa:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(errw, "wioa:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintln(errw, "Run 'wioa --help' for usage.")
		return ExitUsage
	}
	return ExitFail
}

// isCobraUsage recognises cobra's own argument errors (unknown command,
// wrong number of arguments), which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
