package cmd

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/analysis/geo"
	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/sample"
	"github.com/wioa-equity/wioa/analysis/tracts"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/internal/safeout"
	"github.com/wioa-equity/wioa/reports"
)

type reportOptions struct {
	file, tracts, out, config, columns string
	boundaries, zipCrosswalk           string
	exitFrom, exitTo, programYear      string
	quarter, only                      string
	povertyThreshold, alpha            float64
	minCell                            int
	adjust                             string
	noPlots                            bool
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
	return c
}

// addAnalysisFlags defines the input, window and statistics flags that every
// command recomputing the disparities (report, check) shares.
func addAnalysisFlags(f *pflag.FlagSet, o *reportOptions) {
	f.StringVar(&o.tracts, "tracts", "", "tract reference `FILE` (ACS poverty by tract); needed for the two poverty analyses")
	f.StringVar(&o.zipCrosswalk, "zip-crosswalk", "", "HUD USPS ZIP–tract crosswalk `FILE`: approximates participation by tract from ZIP (PIRL 103) when the file has no tract_geoid")
	f.StringVar(&o.boundaries, "boundaries", "", "tract boundary `FILE` (GeoJSON, lon/lat): assigns tracts from latitude/longitude when the file has no tract_geoid, and draws the participation map")
	f.StringVar(&o.config, "config", "", "YAML configuration `FILE` (thresholds, clusters, column mapping)")
	f.StringVar(&o.columns, "columns", "", "column mapping `FILE` (field,header lines) overriding header recognition")
	f.StringVar(&o.exitFrom, "exit-from", "", "first exit `DATE` of the cohort (YYYY-MM-DD)")
	f.StringVar(&o.exitTo, "exit-to", "", "last exit `DATE` of the cohort (YYYY-MM-DD)")
	f.StringVar(&o.programYear, "program-year", "", "cohort of exits in program year `PY` (July 1 PY to June 30 PY+1)")
	f.StringVar(&o.quarter, "quarter", "", "cohort of exits in calendar quarter `YYYYQn`, e.g. 2024Q3")
	f.Float64Var(&o.povertyThreshold, "poverty-threshold", 0.20, "tract poverty rate at or above which a tract is high-poverty")
	f.Float64Var(&o.alpha, "alpha", 0.05, "significance level for flags, on adjusted p-values")
	f.IntVar(&o.minCell, "min-cell", 10, "suppress groups with fewer than `N` people")
	f.StringVar(&o.adjust, "p-adjust", "holm", "multiple-comparison adjustment within each disparity: holm or bh")
	f.StringVar(&o.only, "only", "", "comma-separated disparity `IDS` to compute (default all eight)")
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

// computeRun resolves the configuration and window from o and the flags set
// in f, reads the inputs and runs the selected disparities.
func computeRun(s IO, o *reportOptions, f *pflag.FlagSet) (*reports.Run, error) {
	st := defaultSettings()
	if o.config != "" {
		if err := st.loadConfig(o.config); err != nil {
			return nil, usageError{err}
		}
	}
	// Flags given on the command line win over the configuration file.
	if f.Changed("poverty-threshold") {
		st.cfg.Measures.PovertyThreshold = o.povertyThreshold
	}
	if f.Changed("alpha") {
		st.cfg.Alpha = o.alpha
	}
	if f.Changed("min-cell") {
		st.cfg.MinCell = o.minCell
	}
	if f.Changed("p-adjust") {
		st.cfg.Adjust = strings.ToLower(o.adjust)
	}
	w, err := parseWindow(o.exitFrom, o.exitTo, o.programYear, o.quarter)
	if err != nil {
		return nil, err
	}
	st.cfg.Measures.ExitFrom, st.cfg.Measures.ExitTo = w.from, w.to
	if err := st.cfg.Validate(); err != nil {
		return nil, usageError{err}
	}
	selected, err := selectDisparities(o.only)
	if err != nil {
		return nil, err
	}
	if o.columns != "" {
		m, err := pirl.ParseColumnsFile(o.columns)
		if err != nil {
			return nil, err
		}
		if st.columns == nil {
			st.columns = map[pirl.Field]string{}
		}
		for k, v := range m {
			st.columns[k] = v
		}
	}

	data, tab, err := loadInputs(s, o.file, o.tracts, st)
	if err != nil {
		return nil, err
	}
	bnd, note, err := loadBoundaries(s, o.boundaries, data)
	if err != nil {
		return nil, err
	}
	cw, err := loadCrosswalk(o.zipCrosswalk, data)
	if err != nil {
		return nil, err
	}
	run := analyse(data, tab, &st, selected, w, bnd, note, cw)
	run.Provenance.Input.Synthetic = o.file == ""
	if o.programYear != "" {
		// The window parser has validated the year already.
		py, _ := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(o.programYear)), "PY"))
		// Totals per program only: breakdowns are `wioa indicators --by`.
		// Medians are rounded as everywhere in the report (METHODS §5).
		ir, err := computeIndicators(data, &st.cfg, indicators.DefaultOptions(py), nil, true)
		if err != nil {
			return nil, err
		}
		run.Indicators = ir
	}
	// The run keeps a copy of the quality counts, not a pointer into data:
	// the columns can then be collected while the outputs are written, and
	// the plots reuse their memory instead of faulting in new pages.
	q := *run.Quality
	run.Quality = &q
	relaxGC()
	return run, nil
}

// loadInputs reads the participant file (or the bundled sample) and the tract file.
func loadInputs(s IO, file, tractFile string, st settings) (*pirl.Data, *tracts.Table, error) {
	ropts := pirl.Options{Columns: st.columns, Progress: s.Notes()}
	var data *pirl.Data
	var err error
	if file == "" {
		fmt.Fprintln(s.Notes(), "wioa: no input file given: using the bundled synthetic sample (see 'wioa report --help')")
		data, err = pirl.ReadFrom(sample.PIRL(), sample.PIRLName, ropts)
	} else if file == "-" {
		data, err = pirl.ReadFrom(s.In, "<stdin>", ropts)
	} else {
		data, err = pirl.Read(file, ropts)
	}
	if err != nil {
		return nil, nil, err
	}
	tuneGC(data)
	var tab *tracts.Table
	topts := tracts.Options{Columns: st.tractColumns}
	switch {
	case tractFile != "":
		tab, err = tracts.Read(tractFile, topts)
	case file == "":
		tab, err = tracts.ReadFrom(sample.Tracts(), sample.TractsName, topts)
	}
	if err != nil {
		return nil, nil, err
	}
	return data, tab, nil
}

// analyse derives the measures and runs the selected disparities.
func analyse(data *pirl.Data, tab *tracts.Table, st *settings, selected []*disparities.Disparity, w window, bnd *geo.Boundaries, mapNote string, cw *geo.Crosswalk) *reports.Run {
	var lookup measures.TractLookup
	if tab != nil {
		lookup = tab
	}
	der := measures.Derive(data, lookup, st.cfg.Measures)
	in := &disparities.Input{Data: data, D: der, Tracts: tab, Cfg: &st.cfg, ZIPTracts: cw}
	run := &reports.Run{Quality: &data.Quality, Counts: der.Counts, Config: &st.cfg, ConfigYAML: st.effectiveYAML()}
	run.Sections = disparities.RunAll(selected, in, 0)
	for _, d := range selected {
		run.Provenance.Disparities = append(run.Provenance.Disparities, d.ID)
	}
	q := &data.Quality
	run.Provenance = reports.Provenance{
		Tool: "wioa", Version: toolVersion(),
		Input:  reports.InputFile{Name: filepath.Base(q.File), SHA256: q.SHA256, Bytes: q.Bytes, Rows: q.RowsRead},
		Window: w.label, RowsRead: q.RowsRead, Cohort: der.Counts.Cohort, Seed: st.cfg.Seed,
		Options: reports.OptionsOf(&st.cfg), Disparities: run.Provenance.Disparities,
	}
	if tab != nil {
		run.Provenance.Tracts = &reports.InputFile{Name: filepath.Base(tab.Source), SHA256: tab.SHA256, Rows: tab.Rows()}
	}
	run.Map = mapInput(bnd, mapNote, data, der, tab, st.cfg.Measures.PovertyThreshold)
	return run
}

func selectDisparities(only string) ([]*disparities.Disparity, error) {
	if strings.TrimSpace(only) == "" {
		return disparities.All, nil
	}
	var out []*disparities.Disparity
	want := map[string]bool{}
	for _, id := range strings.Split(only, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if _, ok := disparities.Lookup(id); !ok {
			var ids []string
			for _, d := range disparities.All {
				ids = append(ids, d.ID)
			}
			return nil, usagef("--only: unknown disparity %q (known: %s)", id, strings.Join(ids, ", "))
		}
		want[id] = true
	}
	for _, d := range disparities.All { // registry order, whatever order was asked
		if want[d.ID] {
			out = append(out, d)
		}
	}
	return out, nil
}

// inputs lists every file the run reads.
func (o *reportOptions) inputs() []string {
	return []string{o.file, o.tracts, o.config, o.columns, o.boundaries, o.zipCrosswalk}
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
	fmt.Fprintf(out, "%d of %d disparities flagged for review. Report: %s\n", flagged, len(run.Sections), filepath.Join(dir, "report.md"))
}
