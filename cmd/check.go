package cmd

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/internal/safeout"
	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/compare"
)

type checkOptions struct {
	reportOptions
	baseline, results, writeBaseline, format string
	allRows, force                           bool
}

func init() { register(newCheckCmd) }

func newCheckCmd(s IO) *cobra.Command {
	o := &checkOptions{}
	c := &cobra.Command{
		Use:   "check --baseline FILE [PIRL-FILE | --results results.json]",
		Short: "Check recomputed numbers against published ones (exit 1 when any drifted)",
		Long: `check recomputes the disparities (same input, window and statistics flags as
report; no FILE means the bundled sample, "-" standard input) or reads a
results.json (--results, a file or a report folder, "-" standard input), and
compares them with the published numbers in a baseline file (--baseline, "-"
standard input). Only one of them can be read from standard input.

Exit codes (as in every command): 0 every entry is within its tolerance; 1 some
entry drifted (a table names each one: published, now, difference, tolerance) or
an input could not be used — a baseline entry that matches no result (a typo must
not pass silently), a malformed baseline (with its line), a missing file, a
results.json from an older version, a run on other data than the baseline was
published from; 2 a usage error or a refused output (--write-baseline onto a file
wioa did not write, without --force). With --format json an error is also written
to standard output as {"error": …, "exit_code": …}.

Baseline (YAML):
  format: wioa-baseline/1          # optional
  source:                          # optional: the data the numbers were published from
    input_sha256: 7030de8e…        #   checked against the run's input; also tracts_sha256,
    exit_window: exits in 2024Q3 (2024-07-01 to 2024-09-30)   # exit_window
  on_other_data: error             # error (default: stop, exit 2) or warn (compare anyway)
  tolerance: {abs: 0.0005, rel: 0.001}   # default for entries; drift when
                                   # |now − published| > max(abs, rel·|published|)
  entries:
    - disparity: gender-wages
      measure: mean hourly wage
      group: Women
      reference: Men               # may be left out when only one row matches
      field: diff                  # value (default), n, ci_low, ci_high, diff, diff_ci_low,
                                   # diff_ci_high, ratio, p_value, p_adjusted, flagged, suppressed
      published: -1.95
      tolerance: {abs: 0.01}       # optional
Rates are proportions (0.381 for 38.1%). A suppressed group in the recomputation is
drift, with that reason. An entry whose row is "not yet reported" in the recomputation
(most of its cohort's employment still 9, not yet available) is its own outcome, neither
within tolerance nor drift: it is listed and does not change the exit code. Without a
tolerance anywhere, {abs: 0.0005, rel: 0.001} applies.

--write-baseline FILE writes a baseline from the run instead of checking one: the
headline rows (rates, dollars, participation per 1,000; with --all-rows every row,
suppressed ones as "suppressed: true"), each row's value and, for comparisons, its
difference and flag; rates rounded to 4 decimals (0.01 pp), dollars to cents,
ratios to 3 decimals; the source block filled from the run.`,
		Example: `  wioa check --baseline published.yaml pirl.csv.gz --tracts tracts.csv --quarter 2024Q3
  wioa check --baseline published.yaml --results py2023/results.json --format junit > check.xml
  wioa check --write-baseline published.yaml pirl.csv.gz --tracts tracts.csv --program-year 2023`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.file = args[0]
			}
			return runCheck(s, o, cmd.Flags())
		},
	}
	f := c.Flags()
	addAnalysisFlags(f, &o.reportOptions)
	f.StringVar(&o.baseline, "baseline", "", "baseline `FILE` of published numbers (YAML; - for standard input)")
	f.StringVar(&o.results, "results", "", "check this results.json `FILE` (or report folder; - for standard input) instead of recomputing")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "write a baseline from the run to `FILE` (- for stdout) instead of checking")
	f.BoolVar(&o.allRows, "all-rows", false, "with --write-baseline: every row, not only the headline rates and dollars")
	f.StringVar(&o.format, "format", "text", "output format: text, json or junit")
	f.BoolVar(&o.force, "force", false, "with --write-baseline: "+forceUsage)
	return c
}

func runCheck(s IO, o *checkOptions, f *pflag.FlagSet) error {
	switch {
	case o.baseline == "" && o.writeBaseline == "":
		return usagef("check needs --baseline FILE (or --write-baseline FILE to make one)")
	case o.baseline != "" && o.writeBaseline != "":
		return usagef("use either --baseline or --write-baseline, not both")
	case o.allRows && o.writeBaseline == "":
		return usagef("--all-rows applies only with --write-baseline")
	case o.force && o.writeBaseline == "":
		return usagef("--force applies only with --write-baseline")
	}
	o.format = strings.ToLower(o.format)
	if o.format != "text" && o.format != "json" && o.format != "junit" {
		return usagef("--format %q: use text, json or junit", o.format)
	}
	if o.results != "" {
		if o.file != "" {
			return usagef("give either a participant FILE to recompute or --results, not both")
		}
		var set []string
		f.Visit(func(fl *pflag.Flag) {
			switch fl.Name {
			case "baseline", "results", "write-baseline", "all-rows", "format", "quiet", "force", "cpuprofile", "memprofile":
			default:
				set = append(set, "--"+fl.Name)
			}
		})
		if len(set) > 0 {
			return usagef("%s: only for recomputing; with --results the window and options are those the results were made with", strings.Join(set, ", "))
		}
	}
	if err := oneStdin("FILE", o.file, "--baseline", o.baseline, "--results", o.results); err != nil {
		return err
	}
	g := inputGuard(o.force, append(o.inputs(), o.baseline, o.results)...)
	if o.writeBaseline != "" && o.writeBaseline != "-" {
		if err := g.CheckFile(o.writeBaseline); err != nil {
			return err
		}
	}
	var bl *compare.Baseline
	if o.baseline != "" {
		var err error
		if bl, err = readBaseline(s, o.baseline); err != nil {
			return err
		}
	}
	res, err := checkResults(s, o, f)
	if err != nil {
		return err
	}
	if o.writeBaseline != "" {
		return writeBaselineFile(s, g, o, res)
	}
	rep, err := compare.Check(bl, res)
	if err != nil {
		return err
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(s.Err, "wioa: warning:", strings.TrimSpace(w))
	}
	switch o.format {
	case "json":
		err = rep.WriteJSON(s.Out)
	case "junit":
		err = rep.WriteJUnit(s.Out)
	default:
		err = rep.WriteText(s.Out)
	}
	if err != nil {
		return err
	}
	if d := len(rep.Drifted()); d > 0 {
		return exitError{ExitFail, fmt.Errorf("%d of %d baseline entries drifted beyond tolerance", d, len(rep.Outcomes))}
	}
	return nil
}

// checkResults reads --results or recomputes the run.
func checkResults(s IO, o *checkOptions, f *pflag.FlagSet) (*reports.Results, error) {
	if o.results != "" {
		return readResults(s, o.results)
	}
	run, err := computeRun(s, &o.reportOptions, f)
	if err != nil {
		return nil, err
	}
	src := "recomputed from the bundled sample"
	switch o.file {
	case "":
	case "-":
		src = "recomputed from standard input"
	default:
		src = "recomputed from " + o.file
	}
	return reports.ResultsOf(run, src), nil
}

func writeBaselineFile(s IO, g *safeout.Guard, o *checkOptions, res *reports.Results) error {
	var b bytes.Buffer
	if err := compare.WriteBaseline(&b, res, compare.WriteOptions{AllRows: o.allRows}); err != nil {
		return err
	}
	// Read back what was written: a baseline check cannot parse must never
	// be published.
	bl, err := compare.ParseBaseline(b.Bytes(), o.writeBaseline)
	if err != nil {
		return fmt.Errorf("internal error: the baseline written does not read back: %w", err)
	}
	if o.writeBaseline == "-" {
		_, err := s.Out.Write(b.Bytes())
		return err
	}
	if err := g.WriteFile(o.writeBaseline, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(s.Summary(), "Wrote %d entries to %s\nSource: %s\n", len(bl.Entries), o.writeBaseline, compare.DescribeSource(res))
	return nil
}
