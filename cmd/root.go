// Package cmd is the wioa command line: a cobra root built by NewRoot so tests
// can run any command with their own buffers, and one place (Main) that turns
// errors into messages and exit codes.
package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/internal/safeout"
	"github.com/wioa-equity/wioa/pipeline"
)

// Exit codes, the same in every command (README, "Exit codes").
const (
	ExitOK    = 0
	ExitFail  = 1 // the input could not be used, or (check) a number drifted
	ExitUsage = 2 // bad flags or arguments, or an output refused because it could destroy something
	// A run stopped by a signal exits 128 + the signal's number: 130 for
	// SIGINT, 143 for SIGTERM, after removing its temporary files.
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

	quiet *bool // --quiet, set by NewRoot; nil means not quiet
}

// Notes is where progress lines and notes go: Err, or nowhere with --quiet.
// Errors and warnings always go to Err.
func (s IO) Notes() io.Writer {
	if s.quiet != nil && *s.quiet {
		return io.Discard
	}
	return s.Err
}

// Summary is where a command's closing summary lines go ("Read N rows …",
// "Wrote …"): Out, or nowhere with --quiet. Results a command prints (a
// table, a report, a diff) always go to Out.
func (s IO) Summary() io.Writer {
	if s.quiet != nil && *s.quiet {
		return io.Discard
	}
	return s.Out
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
		Version:       toolVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	s.quiet = new(bool)
	root.PersistentFlags().BoolVarP(s.quiet, "quiet", "q", false, "print no progress, notes or summary lines; errors, warnings and results still print")
	for _, add := range subcommands {
		root.AddCommand(add(s))
	}
	addProfiling(root)
	addCompletions(root)
	return root
}

// subcommands is filled by each command's file in init, so that adding a
// command touches only its own file.
var subcommands []func(IO) *cobra.Command

func register(f func(IO) *cobra.Command) { subcommands = append(subcommands, f) }

// Main runs the command line and returns the process exit code. Errors go
// to errw; a command run with --format json also writes them to out as
// {"error": …, "exit_code": …}, so a script reading its output sees them.
func Main(args []string, in io.Reader, out, errw io.Writer) int {
	handleSignals()
	root := NewRoot(IO{In: in, Out: out, Err: errw})
	root.SetArgs(args)
	c, err := root.ExecuteC()
	if safeout.Stopping() {
		// A signal is being handled: its handler removes the temporary
		// files and exits 130 or 143; returning now would exit first.
		select {}
	}
	if err == nil {
		return ExitOK
	}
	code, msg, hint := classify(err)
	if msg != "" {
		fmt.Fprintln(errw, "wioa:", msg)
	}
	if hint {
		fmt.Fprintln(errw, "Run 'wioa --help' for usage.")
	}
	// An exitError's outcome is in the command's own output already (check's
	// drift table); anything else is an error the output does not show.
	var ee exitError
	if c != nil && !errors.As(err, &ee) {
		if fl := c.Flags().Lookup("format"); fl != nil && strings.EqualFold(fl.Value.String(), "json") {
			writeJSONError(out, msg, code)
		}
	}
	return code
}

// classify maps an error to its exit code and message, and says whether to
// print the usage hint.
func classify(err error) (code int, msg string, hint bool) {
	var ee exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			msg = ee.err.Error()
		}
		return ee.code, msg, false
	}
	if isRefused(err) {
		return ExitUsage, err.Error(), false
	}
	var ue usageError
	if errors.As(err, &ue) || pipeline.IsOptionError(err) || isCobraUsage(err) {
		return ExitUsage, err.Error(), true
	}
	return ExitFail, err.Error(), false
}

// isRefused reports whether err is an output refused because writing it
// could destroy a file or folder wioa did not write.
func isRefused(err error) bool {
	var re *safeout.RefusedError
	return errors.As(err, &re)
}

// writeJSONError writes an error as one JSON object.
func writeJSONError(w io.Writer, msg string, code int) {
	b, _ := json.Marshal(struct {
		Error    string `json:"error"`
		ExitCode int    `json:"exit_code"`
	}{msg, code})
	fmt.Fprintf(w, "%s\n", b)
}

var signalsOnce sync.Once

// handleSignals makes SIGINT and SIGTERM remove the run's temporary files
// and folders, then exit 128 + the signal number (130, 143).
func handleSignals() {
	signalsOnce.Do(func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		go func() {
			sig := <-ch
			safeout.RemoveTemps()
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			fmt.Fprintf(os.Stderr, "wioa: stopped by %v; its temporary files were removed\n", sig)
			os.Exit(code)
		}()
	})
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
