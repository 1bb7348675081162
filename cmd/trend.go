package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/compare"
)

func init() { register(newTrendCmd) }

func newTrendCmd(s IO) *cobra.Command {
	var out string
	var noPlots bool
	c := &cobra.Command{
		Use:   "trend RESULTS...",
		Short: "Tabulate and plot each measure across a series of runs (e.g. quarters)",
		Long: `trend reads results.json files (or report folders), orders them by the start of
their exit window (from their provenance; runs over all exits first), and prints a
markdown table per measure: a line per group, a column per period, flagged values
marked. Unless --no-plots, it also writes DIR/trend.md with the same tables and
DIR/plots/*.png and .svg: one line chart per measure with confidence-interval
whiskers, broken where a period's value is suppressed or missing.

One RESULTS may be "-": a results.json read from standard input.`,
		Example: `  for q in 2023Q3 2023Q4 2024Q1 2024Q2; do wioa report pirl.csv.gz --quarter $q --out $q; done
  wioa trend 2023Q3 2023Q4 2024Q1 2024Q2 --out trend`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			g := inputGuard(false, args...)
			if !noPlots {
				if err := g.CheckDir(out); err != nil {
					return err
				}
			}
			var stdin []string
			for _, a := range args {
				stdin = append(stdin, "RESULTS", a)
			}
			if err := oneStdin(stdin...); err != nil {
				return err
			}
			var rs []*reports.Results
			for _, a := range args {
				r, err := readResults(s, a)
				if err != nil {
					return err
				}
				rs = append(rs, r)
			}
			t, err := compare.NewTrend(rs)
			if err != nil {
				return err
			}
			for _, w := range t.Warnings {
				fmt.Fprintln(s.Err, "wioa: warning:", w)
			}
			if err := t.WriteMarkdown(s.Out, nil); err != nil {
				return err
			}
			if noPlots {
				return nil
			}
			var charts map[string]string
			err = g.ReplaceDir(out, func(tmp string) error {
				var err error
				if charts, err = t.WritePlots(filepath.Join(tmp, "plots")); err != nil {
					return err
				}
				var md bytes.Buffer
				if err := t.WriteMarkdown(&md, charts); err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(tmp, "trend.md"), md.Bytes(), 0o666)
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(s.Notes(), "wioa: wrote %s and %d plots in %s\n", filepath.Join(out, "trend.md"), len(charts), filepath.Join(out, "plots"))
			return nil
		},
	}
	c.Flags().StringVarP(&out, "out", "o", "wioa-trend", "output `DIR` for trend.md and plots/")
	c.Flags().BoolVar(&noPlots, "no-plots", false, "print the tables only; write no files")
	return c
}
