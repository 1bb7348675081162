package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/compare"
)

func init() { register(newCompareCmd) }

func newCompareCmd(s IO) *cobra.Command {
	return &cobra.Command{
		Use:   "compare OLD NEW",
		Short: "Show what changed between two runs (results.json files or report folders)",
		Long: `compare reads two results.json files (or two report folders) and prints, as
markdown, which data each came from, the gaps newly flagged or no longer flagged for
review, and a table of every result whose value, flag or suppression changed.

Whether a group's rate changed significantly is tested with a two-proportion z test
(Fisher's exact test for small counts) on its n and rate in each run, Holm-adjusted
over the rows tested. This is done only when the two exit windows do not overlap
(for example two quarters), since otherwise the two cohorts share people; other
measures say "not computed". A warning is printed when the two runs used different
options (minimum cell size, alpha, …), since the options then explain part of the
change.`,
		Example: `  wioa compare py2022/ py2023/
  wioa compare q2/results.json q3/results.json > changes.md`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			old, err := reports.ReadResults(args[0])
			if err != nil {
				return err
			}
			nu, err := reports.ReadResults(args[1])
			if err != nil {
				return err
			}
			c := compare.Compare(old, nu)
			if len(c.OptionDiffs) > 0 {
				fmt.Fprintf(s.Err, "wioa: warning: the two runs used different options (%s)\n", strings.Join(c.OptionDiffs, "; "))
			}
			return c.WriteMarkdown(s.Out)
		},
	}
}
