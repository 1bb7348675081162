package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/internal/safeout"
	"github.com/wioa-equity/wioa/pipeline"
	"github.com/wioa-equity/wioa/reports"
)

type indicatorsOptions struct {
	analysisFlags
	file, out                 string
	programYear, programs, by string
	roundMedians              bool
}

func init() { register(newIndicatorsCmd) }

func newIndicatorsCmd(s IO) *cobra.Command {
	o := &indicatorsOptions{}
	c := &cobra.Command{
		Use:   "indicators [FILE] --program-year PY",
		Short: "Compute the WIOA primary indicators of performance by program and group, as DOL does",
		Long: `indicators computes the WIOA primary indicators of performance of program year PY
(July 1 PY to June 30 PY+1) for the Adult, Dislocated Worker, Youth and
Wagner-Peyser programs, with DOL's cohort periods: Employment Rate Q2 (ERQ2) and
Median Earnings Q2 (MEQ2) on exits July 1 PY-1 to June 30 PY; Employment Rate Q4
(ERQ4) and Credential Attainment Rate (CAR) on exits in calendar year PY-1;
Measurable Skill Gains (MSG) in PY itself. PIRL 923 exclusions apply per program.

Each indicator is broken down by the --by characteristics, every group compared
with the rest of the cohort (the report's statistics and small-cell
suppression). Into --out (default wioa-indicators) it writes:
  report.md     the tables, the cohort periods and the definitions
  results.csv   one row per (measure, group); measures are "ERQ2 (Adult)" etc.
  results.json  the same with provenance (format wioa-results/1, readable by wioa check)

FILE may be "-" for standard input (gzip is detected). With no FILE it runs on
the bundled synthetic sample.`,
		Example: `  wioa indicators pirl.csv.gz --program-year 2023
  wioa indicators pirl.csv.gz --program-year 2023 --program adult,dw --by sex,race,board --out py2023`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.file = args[0]
			}
			return runIndicators(s, o, cmd.Flags())
		},
	}
	f := c.Flags()
	f.StringVar(&o.programYear, "program-year", "", "program year `PY` (required): PY 2023 runs 2023-07-01 to 2024-06-30")
	f.StringVar(&o.programs, "program", "adult,dw,youth,wp", "comma-separated `PROGRAMS`: adult, dw, youth, wp")
	f.StringVar(&o.by, "by", "sex,race,age,education,disability,barriers", "comma-separated `BREAKDOWNS`: "+strings.Join(indicators.DimensionIDs, ", "))
	f.StringVarP(&o.out, "out", "o", "wioa-indicators", "output `DIR`")
	o.analysisFlags.add(f)
	f.BoolVar(&o.roundMedians, "round-medians", false, "publish medians to 3 significant digits (privacy) instead of exactly as DOL does")
	return c
}

func runIndicators(s IO, o *indicatorsOptions, f *pflag.FlagSet) error {
	if strings.TrimSpace(o.programYear) == "" {
		return usagef("indicators: --program-year is required (e.g. --program-year 2023)")
	}
	py, err := pipeline.ParseProgramYear(o.programYear)
	if err != nil {
		return err
	}
	g := inputGuard(false, o.file, o.config, o.columns, o.reader.layout)
	if err := g.CheckDir(o.out); err != nil {
		return err
	}
	st, err := o.settings(f)
	if err != nil {
		return err
	}
	if err := st.cfg.Validate(); err != nil {
		return usageError{err}
	}
	opts := indicators.DefaultOptions(py)
	opts.Exclusions = st.cfg.Measures.Exclusions() // exclude_923_codes(_youth), as in report
	opts.Programs = []indicators.Program{}
	for _, id := range strings.Split(o.programs, ",") {
		if strings.TrimSpace(id) == "" {
			continue
		}
		p, err := indicators.ParseProgram(id)
		if err != nil {
			return usagef("--program: %v", err)
		}
		opts.Programs = append(opts.Programs, p)
	}
	if len(opts.Programs) == 0 {
		return usagef("--program: name at least one of %s", strings.Join(indicators.ProgramIDs[:], ", "))
	}
	by := strings.Split(o.by, ",")
	if _, _, err := indicators.Dimensions(&pirl.Data{}, by); err != nil {
		return usagef("--by: %v", err)
	}
	restrict, err := o.restriction("") // --program here chooses the indicators' programs
	if err != nil {
		return err
	}
	po := &pipeline.Options{
		File: o.file, In: s.In, Config: st.cfg, Columns: st.columns, TractColumns: st.tractColumns,
		Window: pipeline.AllExits, Restrict: restrict, Notes: s.Notes(), Version: toolVersion(),
	}
	if err := o.reader.apply(po); err != nil {
		return err
	}
	ir, err := pipeline.Indicators(po, opts, by, o.roundMedians)
	if err != nil {
		return err
	}
	var md, csvb, js bytes.Buffer
	if err := reports.WriteIndicatorsMarkdown(&md, ir); err != nil {
		return err
	}
	if err := reports.WriteCSV(&csvb, ir.Run.Rows()); err != nil {
		return err
	}
	if err := reports.WriteJSON(&js, ir.Run); err != nil {
		return err
	}
	files := map[string][]byte{"report.md": md.Bytes(), "results.csv": csvb.Bytes(), "results.json": js.Bytes()}
	if err := writeFolder(g, o.out, files); err != nil {
		return err
	}
	summariseIndicators(s, ir, o.out)
	return nil
}

// writeFolder writes files into a folder that replaces dir only once all
// were written.
func writeFolder(g *safeout.Guard, dir string, files map[string][]byte) error {
	return g.ReplaceDir(dir, func(tmp string) error {
		for name, b := range files {
			if err := os.WriteFile(filepath.Join(tmp, name), b, 0o666); err != nil {
				return err
			}
		}
		return nil
	})
}

func summariseIndicators(s IO, ir *reports.IndicatorsRun, dir string) {
	out := s.Summary()
	res := ir.Result
	fmt.Fprintf(out, "Read %d rows; program year %d.\n", ir.Run.Provenance.RowsRead, res.ProgramYear)
	sec := ir.Run.Sections[0]
	for pr := indicators.Program(0); int(pr) < indicators.NumPrograms; pr++ {
		if !res.Requested[pr] {
			continue
		}
		if res.NotComputed[pr] != "" {
			fmt.Fprintf(out, "  %-18s not computed: %s\n", pr, res.NotComputed[pr])
			continue
		}
		var parts []string
		for _, r := range sec.Rows {
			if r.Group != indicators.AllGroup || !strings.HasSuffix(r.Measure, "("+pr.String()+")") {
				continue
			}
			v := "suppressed"
			if !r.Suppressed {
				v = r.Unit.Format(r.Value)
			}
			parts = append(parts, strings.SplitN(r.Measure, " ", 2)[0]+" "+v)
		}
		fmt.Fprintf(out, "  %-18s %s\n", pr, strings.Join(parts, ", "))
	}
	fmt.Fprintf(out, "%s Report: %s\n", sec.Finding, filepath.Join(dir, "report.md"))
}
