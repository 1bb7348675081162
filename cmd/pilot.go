package cmd

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/pipeline"
	"github.com/wioa-equity/wioa/reports"
)

type pilotOptions struct {
	analysisFlags
	file, tracts, out        string
	boards, start, disparity string
	measure                  string
	povertyThreshold         float64
}

func init() { register(newPilotCmd) }

func newPilotCmd(s IO) *cobra.Command {
	o := &pilotOptions{}
	var ids []string
	for _, m := range disparities.PilotMeasures() {
		if m.Headline {
			ids = append(ids, m.Disparity)
		}
	}
	c := &cobra.Command{
		Use:   "pilot FILE --boards B1,B2 --start DATE --disparity ID",
		Short: "Did a disparity's gap narrow in the pilot boards? Triple difference with robust and randomization inference",
		Long: `pilot asks whether a disparity's headline gap changed more in the boards that ran a
pilot than in the other boards (PIRL 108A), from before the start date to after it:

  (gap in pilot boards after − before) − (gap in other boards after − before)

"After" is by exit date on or after --start for outcome measures and by entry date for
enrollment. The triple difference comes with its HC1 robust standard error and interval
from the record-level linear probability model (group × pilot × after) and a
randomization-inference p-value over every assignment of the pilot label to as many
boards; with few boards that p-value cannot be small, and the report says so.

Supported disparities: ` + strings.Join(ids, ", ") + `
(--measure picks another of the disparity's measures). hd-clusters' headline is chosen
from the data: without --measure the pilot is judged on the whole file's headline
comparison (the flagged cluster with the largest gap); --measure "CLUSTER: MEASURE"
names another, e.g. "Health Care: training-related employment retention".
poverty-participation has no pilot: its measure is a count per tract population, not
an outcome of each record. Every record of the file is used;
there is no exit window. Writes pilot.md, pilot.json, pilot.html and plots/ into --out
(default wioa-pilot), as every output folder is written.`,
		Example: `  wioa pilot pirl.csv.gz --boards 13100,13101 --start 2023-07-01 --disparity gender-credential
  wioa pilot pirl.csv --boards 13104 --start 2023-01-01 --disparity education-level --measure "employed 4th quarter after exit"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			return runPilot(s, o, cmd.Flags())
		},
	}
	f := c.Flags()
	f.StringVar(&o.boards, "boards", "", "comma-separated PIRL 108A `CODES` of the pilot boards")
	f.StringVar(&o.start, "start", "", "first `DATE` of the pilot (YYYY-MM-DD): records after it by exit date (entry date for enrollment)")
	f.StringVar(&o.disparity, "disparity", "", "the disparity `ID` whose headline gap the pilot set out to narrow")
	f.StringVar(&o.measure, "measure", "", "another measure of the disparity (`NAME`, as in the report) instead of its headline")
	f.StringVar(&o.tracts, "tracts", "", "tract reference `FILE` (ACS poverty by tract); needed for poverty-credential")
	f.Float64Var(&o.povertyThreshold, "poverty-threshold", 0.20, "tract poverty rate at or above which a tract is high-poverty")
	o.analysisFlags.add(f)
	f.StringVarP(&o.out, "out", "o", "wioa-pilot", "output `DIR`")
	return c
}

func runPilot(s IO, o *pilotOptions, f *pflag.FlagSet) error {
	if f.Lookup("board") != nil && f.Changed("board") {
		return usagef("--board does not apply to pilot, which compares the pilot boards (--boards) with every other board of the file")
	}
	if o.boards == "" || o.start == "" || o.disparity == "" {
		return usagef("--boards, --start and --disparity are required")
	}
	var boards []string
	for _, b := range strings.Split(o.boards, ",") {
		if b = strings.TrimSpace(b); b != "" {
			boards = append(boards, b)
		}
	}
	if len(boards) == 0 {
		return usagef("--boards %q names no board", o.boards)
	}
	start, err := pipeline.ParseDay(o.start)
	if err != nil {
		return usagef("--start: %v", err)
	}
	m, err := disparities.LookupPilotMeasure(o.disparity, o.measure)
	if err != nil {
		return usageError{err}
	}
	g := inputGuard(false, o.file, o.tracts, o.config, o.columns, o.reader.layout)
	if err := g.CheckDir(o.out); err != nil {
		return err
	}
	st, err := o.settings(f)
	if err != nil {
		return err
	}
	if f.Changed("poverty-threshold") {
		st.cfg.Measures.PovertyThreshold = o.povertyThreshold
	}
	if err := st.cfg.Validate(); err != nil {
		return usageError{err}
	}
	po := &pipeline.Options{
		File: o.file, In: s.In, Tracts: o.tracts,
		Config: st.cfg, ConfigYAML: st.effectiveYAML(), Columns: st.columns, TractColumns: st.tractColumns,
		Notes: s.Notes(), Version: toolVersion(),
	}
	if err := o.reader.apply(po); err != nil {
		return err
	}
	run, err := pipeline.Pilot(po, disparities.PilotSpec{Measure: m, Boards: boards, Start: start})
	if err != nil {
		return err
	}
	if err := g.ReplaceDir(o.out, func(tmp string) error { return reports.WritePilot(tmp, run) }); err != nil {
		return err
	}
	out := s.Summary()
	fmt.Fprintln(out, run.Result.Sentence())
	fmt.Fprintf(out, "Pilot report: %s\n", filepath.Join(o.out, "pilot.md"))
	return nil
}
