package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/reports/compare"
)

func init() { register(newCompareCmd) }

func newCompareCmd(s IO) *cobra.Command {
	var format string
	c := &cobra.Command{
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
change.

Either OLD or NEW may be "-": a results.json read from standard input. With
--format json the same comparison is printed as one JSON object (format
wioa-compare/1): both provenances, the differing options and every changed row
with its old and new n, value, flag and suppression, the change and its test.`,
		Example: `  wioa compare py2022/ py2023/
  wioa compare q2/results.json q3/results.json > changes.md
  wioa compare --format json py2022/ py2023/ | jq '.changes[] | select(.new.flagged)'`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			format = strings.ToLower(format)
			if format != "text" && format != "json" {
				return usagef("--format %q: use text or json", format)
			}
			if err := oneStdin("OLD", args[0], "NEW", args[1]); err != nil {
				return err
			}
			old, err := readResults(s, args[0])
			if err != nil {
				return err
			}
			nu, err := readResults(s, args[1])
			if err != nil {
				return err
			}
			c, err := compare.Compare(old, nu)
			if err != nil {
				return err
			}
			if len(c.OptionDiffs) > 0 {
				fmt.Fprintf(s.Err, "wioa: warning: the two runs used different options (%s)\n", strings.Join(c.OptionDiffs, "; "))
			}
			if format == "json" {
				return c.WriteJSON(s.Out)
			}
			return c.WriteMarkdown(s.Out)
		},
	}
	c.Flags().StringVar(&format, "format", "text", "output format: text (markdown) or json")
	return c
}
