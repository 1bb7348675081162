package cmd

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/internal/safeout"
	"github.com/wioa-equity/wioa/pipeline"
	"github.com/wioa-equity/wioa/reports"
)

type reportOptions struct {
	analysisFlags
	file, tracts, out             string
	boundaries, zipCrosswalk      string
	exitFrom, exitTo, programYear string
	quarter, only                 string
	programs                      string // --program: adult, dw, youth (METHODS §3)
	povertyThreshold              float64
	noPlots                       bool
	byBoard                       bool // --by-board (METHODS §3.10)
}

func init() { register(newReportCmd) }

func newReportCmd(s IO) *cobra.Command {
	o := &reportOptions{}
	c := &cobra.Command{
		Use:   "report [FILE]",
		Short: "Compute the eight disparities and write report.md, results.csv/json and plots",
		Long: `report reads a PIRL participant file ("-" for standard input; gzip is detected)
and writes, into --out (default wioa-report):
  report.md     the report for people: summary, one section per disparity, data quality, methods
  results.csv   one row per (disparity, measure, group), the columns of METHODS §6
  results.json  the same rows with provenance (input SHA-256, options, tool version)
  plots/        PNG and SVG charts

With no FILE it runs on the bundled synthetic sample (5,000 records with injected gaps)
and its tract file. Outputs are written to a temporary folder and moved into place, so a
failed run never leaves half a report nor destroys the previous one.`,
		Example: `  wioa report
  wioa report pirl.csv.gz --tracts tracts.csv --program-year 2023 --out py2023
  wioa report pirl.csv --quarter 2024Q3 --only gender-wages,education-level
  zcat extract-*.csv.gz | wioa report - --tracts tracts.csv --quiet`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.file = args[0]
			}
			return runReport(s, o, cmd.Flags())
		},
	}
	f := c.Flags()
	addAnalysisFlags(f, o)
	f.StringVarP(&o.out, "out", "o", "wioa-report", "output `DIR`")
	f.BoolVar(&o.noPlots, "no-plots", false, "skip the PNG/SVG plots")
	f.BoolVar(&o.byBoard, "by-board", false, "add every disparity's headline gap for each local board (PIRL 108A) and each board against the rest of the region: a board overview in the report, rows in results.csv/json")
	return c
}

// addAnalysisFlags defines the input, window and statistics flags that every
// command recomputing the disparities (report, check) shares.
func addAnalysisFlags(f *pflag.FlagSet, o *reportOptions) {
	f.StringVar(&o.tracts, "tracts", "", "tract reference `FILE` (ACS poverty by tract); needed for the two poverty analyses")
	f.StringVar(&o.zipCrosswalk, "zip-crosswalk", "", "HUD USPS ZIP–tract crosswalk `FILE`: approximates participation by tract from ZIP (PIRL 103) when the file has no tract_geoid")
	f.StringVar(&o.boundaries, "boundaries", "", "tract boundary `FILE` (GeoJSON, lon/lat): assigns tracts from latitude/longitude when the file has no tract_geoid, and draws the participation map")
	o.analysisFlags.add(f)
	f.StringVar(&o.exitFrom, "exit-from", "", "first exit `DATE` of the cohort (YYYY-MM-DD)")
	f.StringVar(&o.exitTo, "exit-to", "", "last exit `DATE` of the cohort (YYYY-MM-DD)")
	f.StringVar(&o.programYear, "program-year", "", "cohort of exits in program year `PY` (July 1 PY to June 30 PY+1)")
	f.StringVar(&o.quarter, "quarter", "", "cohort of exits in calendar quarter `YYYYQn`, e.g. 2024Q3")
	f.Float64Var(&o.povertyThreshold, "poverty-threshold", 0.20, "tract poverty rate at or above which a tract is high-poverty")
	f.StringVar(&o.only, "only", "", "comma-separated disparity `IDS` to compute (default all eight)")
	f.StringVar(&o.programs, "program", "", "restrict the records to `PROGRAMS` (comma-separated: adult, dw, youth; a participant or reportable individual of one) before anything is computed")
}

func runReport(s IO, o *reportOptions, f *pflag.FlagSet) error {
	g := inputGuard(false, o.inputs()...)
	if err := g.CheckDir(o.out); err != nil {
		return err
	}
	run, err := computeRun(s, o, f)
	if err != nil {
		return err
	}
	if err := writeOutputs(g, o.out, run, !o.noPlots); err != nil {
		return err
	}
	summarise(s, run, o.out)
	return nil
}

// computeRun maps the options and the flags set in f to the pipeline's
// options and runs it.
func computeRun(s IO, o *reportOptions, f *pflag.FlagSet) (*reports.Run, error) {
	po, err := o.pipelineOptions(s, f)
	if err != nil {
		return nil, err
	}
	return pipeline.Report(po)
}

// pipelineOptions resolves the configuration, window and selection.
func (o *reportOptions) pipelineOptions(s IO, f *pflag.FlagSet) (*pipeline.Options, error) {
	st, err := o.settings(f)
	if err != nil {
		return nil, err
	}
	if f.Changed("poverty-threshold") {
		st.cfg.Measures.PovertyThreshold = o.povertyThreshold
	}
	w, err := pipeline.ParseWindow(o.exitFrom, o.exitTo, o.programYear, o.quarter)
	if err != nil {
		return nil, err
	}
	w.Apply(&st.cfg.Measures) // per-measure windows with --program-year (METHODS §2.1)
	if err := st.cfg.Validate(); err != nil {
		return nil, usageError{err}
	}
	selected, err := pipeline.SelectDisparities(o.only)
	if err != nil {
		return nil, err
	}
	restrict, err := o.restriction(o.programs)
	if err != nil {
		return nil, err
	}
	py := 0
	if o.programYear != "" {
		if py, err = pipeline.ParseProgramYear(o.programYear); err != nil {
			return nil, err
		}
	}
	po := &pipeline.Options{
		File: o.file, In: s.In,
		Tracts: o.tracts, Boundaries: o.boundaries, ZIPCrosswalk: o.zipCrosswalk,
		Config: st.cfg, ConfigYAML: st.effectiveYAML(), Columns: st.columns, TractColumns: st.tractColumns,
		Window: w, Restrict: restrict, ByBoard: o.byBoard, Disparities: selected, ProgramYear: py,
		Notes: s.Notes(), Warnings: s.Err, Version: toolVersion(), Strategies: st.strategies,
	}
	return po, o.reader.apply(po)
}

// inputs lists every file the run reads.
func (o *reportOptions) inputs() []string {
	return []string{o.file, o.tracts, o.config, o.columns, o.boundaries, o.zipCrosswalk, o.reader.layout}
}

// writeOutputs renders everything into a folder that replaces dir only
// once all of it was written.
func writeOutputs(g *safeout.Guard, dir string, run *reports.Run, plots bool) error {
	return g.ReplaceDir(dir, func(tmp string) error { return reports.WriteAll(tmp, run, plots) })
}

func summarise(s IO, run *reports.Run, dir string) {
	out := s.Summary()
	flagged := 0
	for _, sec := range run.Sections {
		if sec.Status == results.StatusFlagged {
			flagged++
		}
	}
	fmt.Fprintf(out, "Read %d rows; %d exiters in the cohort (%s).\n", run.Provenance.RowsRead, run.Provenance.Cohort, run.Provenance.Window)
	for _, sec := range run.Sections {
		fmt.Fprintf(out, "  %-22s %s\n", sec.ID, sec.Status)
	}
	if bb := run.ByBoard; bb != nil { // --by-board
		gaps, differ := 0, 0
		for _, d := range bb.Disparities {
			for _, g := range d.Gaps {
				if g.Focal.Flagged {
					gaps++
				}
				if g.VsRest.Flagged {
					differ++
				}
			}
		}
		fmt.Fprintf(out, "  by board: %d boards; %d board gaps flagged for review, %d differing from the rest of the region\n", len(bb.Boards), gaps, differ)
	}
	fmt.Fprintf(out, "%d of %d disparities flagged for review. Report: %s\n", flagged, len(run.Sections), filepath.Join(dir, "report.md"))
}
