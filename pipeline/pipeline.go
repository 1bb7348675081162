// Package pipeline runs an analysis from its options to the value the
// renderers write, in the order the data flows:
//
//	Options → Load (participant file, tract file, boundaries, crosswalk)
//	        → Derive (person-level measures, analysis/measures)
//	        → Analyse (the selected disparities and, for a program year,
//	          the WIOA indicators) → *reports.Run
//
// It owns what a run needs between those steps and nobody else should know:
// the garbage-collector scope (tuned once a large file is read, relaxed once
// its columns are garbage) and the exit windows. The command line maps its
// flags and configuration file to Options and the errors to exit codes; the
// benchmarks in bench/ call the same stages.
package pipeline

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/wioa-equity/wioa/analysis/geo"
	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/sample"
	"github.com/wioa-equity/wioa/analysis/tracts"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports"
)

// Options are everything one run needs, resolved by the caller.
type Options struct {
	// File is the participant file: "" for the bundled synthetic sample
	// (with its tract file), "-" for In.
	File string
	In   io.Reader
	// Side files; "" when not given.
	Tracts, Boundaries, ZIPCrosswalk string

	// Config is the resolved, validated configuration; ConfigYAML its echo
	// in report.md's Methods.
	Config     disparities.Config
	ConfigYAML string
	// Columns and TractColumns map fields to headers over recognition.
	Columns      map[pirl.Field]string
	TractColumns map[string]string
	// Layout names the participant file's columns when it has no header
	// row (--layout; LayoutName for messages); Member is the CSV to read
	// from a .zip holding several (pirl.Options).
	Layout             []string
	LayoutName, Member string

	Window Window
	// Restrict keeps only some local boards' and programs' records
	// (--board, --program; METHODS §3): applied to the records before
	// anything is computed, stated in the report and in the provenance.
	Restrict measures.Restriction
	// ByBoard adds every disparity's headline comparison per local board
	// and each board against the rest of the region (report --by-board,
	// METHODS §3.10); names come from LOCAL_BOARD_NAME or Config.BoardNames.
	ByBoard bool
	// Disparities are the analyses to run, in registry order (nil: all).
	Disparities []*disparities.Disparity
	// ProgramYear, when not 0, adds the WIOA indicators of that program
	// year (totals per program) after the disparities.
	ProgramYear int

	// Notes receives progress and notes (nil: none); Version goes into the
	// provenance.
	Notes   io.Writer
	Version string
	// Warnings receives the coverage warnings of METHODS §2.9 as well as
	// the report's data-quality section (nil: the report only).
	Warnings io.Writer

	// Strategies open the report ("What to do first"); nil: the three
	// default strategies.
	Strategies []reports.Strategy
}

// OptionError is an error in the options rather than the data: the command
// line exits 2 for it.
type OptionError struct{ Err error }

func (e *OptionError) Error() string { return e.Err.Error() }
func (e *OptionError) Unwrap() error { return e.Err }

func optionErrorf(format string, a ...any) error {
	return &OptionError{fmt.Errorf(format, a...)}
}

// IsOptionError reports whether err comes from the options.
func IsOptionError(err error) bool {
	var oe *OptionError
	return errors.As(err, &oe)
}

func (o *Options) notes() io.Writer {
	if o.Notes == nil {
		return io.Discard
	}
	return o.Notes
}

// Inputs are a run's inputs, read.
type Inputs struct {
	Data   *pirl.Data
	Tracts *tracts.Table // nil without a tract file
	// Boundaries, when given, with the sentence saying how they were used.
	Boundaries *geo.Boundaries
	MapNote    string
	// Crosswalk is the ZIP–tract crosswalk, when given and usable.
	Crosswalk *geo.Crosswalk
	// Synthetic marks the bundled sample.
	Synthetic bool

	gc gcScope
}

// Load reads the participant file (or the bundled sample), the tract file,
// the boundaries (placing rows in tracts by their coordinates when the file
// has no tract column) and the crosswalk. Once a large file is read the
// collector's target is lowered until Analyse relaxes it.
func Load(o *Options) (*Inputs, error) {
	in := &Inputs{Synthetic: o.File == ""}
	ropts := pirl.Options{Columns: o.Columns, Progress: o.notes(), Layout: o.Layout, LayoutName: o.LayoutName, Member: o.Member}
	var err error
	switch o.File {
	case "":
		fmt.Fprintln(o.notes(), "wioa: no input file given: using the bundled synthetic sample (see 'wioa report --help')")
		in.Data, err = pirl.ReadFrom(sample.PIRL(), sample.PIRLName, ropts)
	case "-":
		in.Data, err = pirl.ReadFrom(o.In, "<stdin>", ropts)
	default:
		in.Data, err = pirl.Read(o.File, ropts)
	}
	if err != nil {
		return nil, err
	}
	if err := o.Restrict.Check(in.Data); err != nil {
		return nil, &OptionError{err}
	}
	if o.ByBoard && !in.Data.Has(pirl.FieldBoard) {
		return nil, optionErrorf("--by-board: the file has no local board column (PIRL 108A)")
	}
	in.gc.tune(in.Data)
	topts := tracts.Options{Columns: o.TractColumns}
	switch {
	case o.Tracts != "":
		in.Tracts, err = tracts.Read(o.Tracts, topts)
	case o.File == "":
		in.Tracts, err = tracts.ReadFrom(sample.Tracts(), sample.TractsName, topts)
	}
	if err != nil {
		return nil, err
	}
	if in.Tracts != nil && in.Tracts.Board != nil && len(o.Config.BoardCounties) > 0 {
		return nil, optionErrorf("%s has a board column (%q) and the configuration has board_counties: give tracts' boards one way, and remove the other",
			filepath.Base(in.Tracts.Source), in.Tracts.Used[tracts.RoleBoard])
	}
	if in.Boundaries, in.MapNote, err = loadBoundaries(o.notes(), o.Boundaries, in.Data); err != nil {
		return nil, err
	}
	if in.Crosswalk, err = loadCrosswalk(o.ZIPCrosswalk, in.Data); err != nil {
		return nil, err
	}
	return in, nil
}

// Derive computes the person-level measures of the cohort in o's window.
func (in *Inputs) Derive(o *Options) *measures.Derived {
	var lookup measures.TractLookup
	if in.Tracts != nil {
		lookup = in.Tracts
	}
	mo := o.Config.Measures
	o.Window.Apply(&mo) // per-measure windows with --program-year (METHODS §2.1)
	mo.Restrict = o.restriction()
	return measures.Derive(in.Data, lookup, mo)
}

// Analyse runs the selected disparities (and the indicators of
// o.ProgramYear) on the derived measures and assembles the Run the
// renderers write. It consumes in: the run keeps a copy of the quality
// counts, not a pointer into the data, and Analyse drops in's columns and
// relaxes the collector before it returns, so the columns are collected
// before the outputs are written and the plots reuse their memory instead of
// faulting in new pages.
func Analyse(o *Options, in *Inputs, der *measures.Derived) (*reports.Run, error) {
	defer in.release()
	cfg := o.Config
	o.Window.Apply(&cfg.Measures)
	selected := o.Disparities
	if selected == nil {
		selected = disparities.All
	}
	data, tab := in.Data, in.Tracts
	// Windows the file's exits do not cover, quarters whose outcomes are
	// mostly not in (METHODS §2.9): in the data-quality section and on stderr.
	for _, w := range der.Coverage(data, cfg.NotYetShare) {
		data.Quality.Warnings = append(data.Quality.Warnings, w)
		if o.Warnings != nil {
			fmt.Fprintf(o.Warnings, "warning: %s\n", w)
		}
	}
	din := &disparities.Input{Data: data, D: der, Tracts: tab, Cfg: &cfg, ZIPTracts: in.Crosswalk}
	run := &reports.Run{Quality: &data.Quality, Counts: der.Counts, Config: &cfg, ConfigYAML: o.ConfigYAML, Strategies: o.Strategies}
	run.Sections = disparities.RunAll(selected, din, 0)
	if o.ByBoard {
		run.ByBoard = disparities.ByBoard(din, run.Sections, cfg.BoardNames)
	}
	ids := make([]string, 0, len(selected))
	for _, d := range selected {
		ids = append(ids, d.ID)
	}
	q := &data.Quality
	run.Provenance = reports.Provenance{
		Tool: "wioa", Version: o.Version,
		Input:  inputFile(q),
		Window: o.Window.Label, RowsRead: q.RowsRead, Cohort: der.Counts.Cohort, Seed: cfg.Seed,
		Options: reports.OptionsOf(&cfg), Disparities: ids,
	}
	if der.PerMeasure {
		run.Provenance.CohortQ2, run.Provenance.CohortQ4 = der.Counts.CohortQ2, der.Counts.CohortQ4
	}
	run.Provenance.Restrict(&o.Restrict, der.Counts.Restricted)
	if len(o.Restrict.Boards) > 0 {
		run.Provenance.BoardNames = disparities.BoardNames(data, o.Restrict.Boards, cfg.BoardNames)
	}
	run.Provenance.Input.Synthetic = in.Synthetic
	if tab != nil {
		run.Provenance.Tracts = &reports.InputFile{Name: filepath.Base(tab.Source), SHA256: tab.SHA256, Rows: tab.Rows()}
	}
	run.Map = mapInput(in.Boundaries, in.MapNote, din)
	if o.ProgramYear != 0 {
		// Totals per program only: breakdowns are `wioa indicators --by`.
		// Medians are rounded as everywhere in the report (METHODS §5).
		iopts := indicators.DefaultOptions(o.ProgramYear)
		iopts.Exclusions = cfg.Measures.Exclusions() // the one 923 rule of every command (METHODS §2.1)
		iopts.Restrict = o.restriction()
		ir, err := indicatorsRun(data, &cfg, iopts, nil, true, o.Version)
		if err != nil {
			return nil, err
		}
		run.Indicators = ir
	}
	qc := *run.Quality
	run.Quality = &qc
	return run, nil
}

// restriction is o.Restrict for the measures and indicators, nil when it
// keeps every record (so they skip the test).
func (o *Options) restriction() *measures.Restriction {
	if o.Restrict.Empty() {
		return nil
	}
	r := o.Restrict
	return &r
}

// release drops the inputs' columns and relaxes the collector.
func (in *Inputs) release() {
	gc := in.gc
	*in = Inputs{}
	gc.relax()
}

// Report is Load, Derive and Analyse.
func Report(o *Options) (*reports.Run, error) {
	in, err := Load(o)
	if err != nil {
		return nil, err
	}
	return Analyse(o, in, in.Derive(o))
}

// Indicators reads the participant file and computes the WIOA indicators
// with opts, broken down by the dimensions by (Load's side files other than
// the participant file are not read).
func Indicators(o *Options, opts indicators.Options, by []string, roundMedians bool) (*reports.IndicatorsRun, error) {
	side := *o
	side.Tracts, side.Boundaries, side.ZIPCrosswalk = "", "", ""
	in, err := Load(&side)
	if err != nil {
		return nil, err
	}
	defer in.release()
	cfg := o.Config
	opts.Restrict = o.restriction()
	ir, err := indicatorsRun(in.Data, &cfg, opts, by, roundMedians, o.Version)
	if err != nil {
		return nil, err
	}
	ir.Run.Provenance.Restrict(&o.Restrict, -1)
	return ir, nil
}

// indicatorsRun computes the indicators of data and wraps them in a Run
// whose only section is the indicators section.
func indicatorsRun(data *pirl.Data, cfg *disparities.Config, opts indicators.Options, by []string, roundMedians bool, version string) (*reports.IndicatorsRun, error) {
	res, err := indicators.Compute(data, opts)
	if err != nil {
		return nil, &OptionError{err}
	}
	dims, skipped, err := indicators.Dimensions(data, by)
	if err != nil {
		return nil, &OptionError{err}
	}
	if keep := opts.Restrict.Keeper(data); keep != nil {
		for k := range dims {
			if dims[k].ID == "board" {
				dims[k] = keptGroups(dims[k], data.Rows, keep)
			}
		}
	}
	sec := indicators.Section(res, dims, &cfg.Rules, cfg.Seed, indicators.RowOptions{RoundMedians: roundMedians})
	q := &data.Quality
	run := &reports.Run{Quality: q, Config: cfg, Sections: []*results.Section{sec}}
	run.Provenance = reports.Provenance{
		Tool: "wioa", Version: version,
		Input:    inputFile(q),
		Window:   fmt.Sprintf("program year %d (%s); cohorts per indicator as DOL defines them", res.ProgramYear, indicators.CohortWindow(indicators.MSG, res.ProgramYear)),
		RowsRead: q.RowsRead, Seed: cfg.Seed, Options: reports.OptionsOf(cfg), Disparities: []string{sec.ID},
	}
	if o := res.Outcomes; len(o) > 0 {
		run.Provenance.Cohort = o[0].Counts.Denominator
	}
	ir := &reports.IndicatorsRun{Run: run, Result: res, Skipped: skipped, RoundMedians: roundMedians}
	if indicators.HasCalc(data) {
		ir.Agreement = indicators.Agree(data, res) // DOL's CALC40xx, where the file has them
	}
	return ir, nil
}

// keptGroups is dimension m with only the groups some kept record is in:
// under --board the board breakdown names no other board (METHODS §3).
func keptGroups(m indicators.Dimension, rows int, keep func(int) bool) indicators.Dimension {
	seen := make([]bool, len(m.Groups))
	for i := 0; i < rows; i++ {
		if g := m.Of(i); g >= 0 && g < len(seen) && keep(i) {
			seen[g] = true
		}
	}
	pos := make([]int, len(m.Groups))
	var groups []string
	for g, ok := range seen {
		pos[g] = indicators.Unknown
		if ok {
			pos[g] = len(groups)
			groups = append(groups, m.Groups[g])
		}
	}
	of := m.Of
	m.Groups = groups
	m.Of = func(i int) int {
		if g := of(i); g >= 0 && g < len(pos) {
			return pos[g]
		}
		return of(i)
	}
	return m
}

func inputFile(q *pirl.Quality) reports.InputFile {
	in := reports.InputFile{Name: filepath.Base(q.File), SHA256: q.SHA256, Bytes: q.Bytes, Rows: q.RowsRead, Member: q.Member}
	if q.Layout != "" {
		in.Layout = filepath.Base(q.Layout) // a built-in name, or the layout file's name
	}
	return in
}

// SelectDisparities resolves a comma-separated list of disparity ids (empty:
// all eight), in registry order whatever order was asked.
func SelectDisparities(only string) ([]*disparities.Disparity, error) {
	if strings.TrimSpace(only) == "" {
		return disparities.All, nil
	}
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
			return nil, optionErrorf("--only: unknown disparity %q (known: %s)", id, strings.Join(ids, ", "))
		}
		want[id] = true
	}
	var out []*disparities.Disparity
	for _, d := range disparities.All {
		if want[d.ID] {
			out = append(out, d)
		}
	}
	return out, nil
}
