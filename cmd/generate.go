package cmd

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/spf13/cobra"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/synth"
	"github.com/wioa-equity/wioa/internal/safeout"
	"github.com/wioa-equity/wioa/pipeline"
)

type generateOptions struct {
	rows, tracts int
	seed         uint64
	out, style   string
	layout       string
	gzip, noGaps bool
	tractBoards  bool
	force        bool
	styleSet     bool
	gaps         []string
	// A pilot effect (synth.Pilot): boards, start date, KNOB=EFFECT.
	pilotBoards, pilotStart, pilotGap string
}

func init() { register(newGenerateCmd) }

func newGenerateCmd(s IO) *cobra.Command {
	o := &generateOptions{}
	var knobs strings.Builder
	for _, k := range synth.Knobs() {
		fmt.Fprintf(&knobs, "  %-22s %6g  %s (%s)\n", k.Name, k.Default, k.Doc, k.Disparity)
	}
	c := &cobra.Command{
		Use:   "generate --out DIR",
		Short: "Write a synthetic PIRL participant file and tract file with known gaps",
		Long: `generate writes DIR/pirl.csv (or pirl.csv.gz) and DIR/tracts.csv: a synthetic
participant file in the PIRL layout (about 310 columns, one row per period of
participation) and its tract reference file. By default the gaps below are built
into the generating probabilities; --no-gaps gives every group the same
probabilities, and --gap NAME=VALUE changes one gap (after --no-gaps, if given).
--tract-boards adds a board column to tracts.csv, each tract's local board (the PIRL
108A code of the records placed in it), for poverty-participation with report
--by-board; nothing else changes, and without it the files are as before.

--layout puf-py2022q4 writes the file shaped like DOL's WIOA public-use file
instead: the 290 columns of the PY2022 Q4 record layout in its order, headed
PIRL100 … PIRL3007, CALC4000 … CALC4041, REPORT_QUARTER; 1600–1606 recoded to
1/0/9, wages in whole dollars and blank when not yet available, 200 (birth
date) blank with the age in CALC4039, 6-digit O*NET training codes, 918 and
909, and DOL's calculated items computed from each record for the report
period ending with the last exit quarter (exits 2021-01-01 to 2023-06-30,
REPORT_QUARTER 20230630). It has no tract, hourly wage or coordinate columns
(the public-use file has none); tracts.csv is still written.

Gaps (name, default, meaning):
` + knobs.String(),
		Example: `  wioa generate --rows 50000 --seed 7 --out synth
  wioa generate --rows 2000000 --gzip --style names --out big
  wioa generate --layout puf-py2022q4 --rows 100000 --out puf
  wioa generate --no-gaps --gap gender-wage=1.88 --out one-gap`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.styleSet = cmd.Flags().Changed("style")
			return runGenerate(s, o)
		},
	}
	f := c.Flags()
	f.IntVar(&o.rows, "rows", 10000, "rows (periods of participation) to write")
	f.Uint64Var(&o.seed, "seed", 1, "random seed; the same options and seed give the same files")
	f.StringVarP(&o.out, "out", "o", "", "output `DIR` (created if needed)")
	f.StringVar(&o.style, "style", "space", "header style: pirl (PIRL201), space (PIRL 201), p (p201), number (201), dash (PIRL-201) or names")
	f.StringVar(&o.layout, "layout", "", "file shape: default, or puf-py2022q4 (the DOL public-use file's columns, headers and recodes)")
	f.BoolVar(&o.gzip, "gzip", false, "gzip-compress the participant file (pirl.csv.gz)")
	f.BoolVar(&o.noGaps, "no-gaps", false, "inject no gap: every group gets the same generating probabilities")
	f.StringArrayVar(&o.gaps, "gap", nil, "set one gap, `NAME=VALUE` (repeatable)")
	f.IntVar(&o.tracts, "tracts", synth.DefaultTracts, "synthetic census tracts")
	f.BoolVar(&o.tractBoards, "tract-boards", false, "give tracts.csv a board column: each tract's local board (PIRL 108A), for poverty-participation with report --by-board")
	f.StringVar(&o.pilotBoards, "pilot-boards", "", "build a pilot effect into these comma-separated synthetic board `CODES` (13100 …; with --pilot-start and --pilot-gap)")
	f.StringVar(&o.pilotStart, "pilot-start", "", "the pilot's start `DATE` (YYYY-MM-DD): records exiting (entering, for the enrollment gaps) on or after it")
	f.StringVar(&o.pilotGap, "pilot-gap", "", "the pilot's effect, `NAME=EFFECT`: EFFECT is added to gap NAME in the pilot boards after the start")
	f.BoolVar(&o.force, "force", false, forceUsage)
	return c
}

func runGenerate(s IO, o *generateOptions) error {
	if o.rows <= 0 || o.rows > synth.MaxRows {
		return usagef("--rows %d is out of range: use 1 to %d", o.rows, synth.MaxRows)
	}
	if o.tracts <= 0 || o.tracts > synth.MaxTracts {
		return usagef("--tracts %d is out of range: use 1 to %d", o.tracts, synth.MaxTracts)
	}
	if o.out == "" {
		return usagef("--out DIR is required")
	}
	style, err := synth.ParseStyle(o.style)
	if err != nil {
		return usagef("--style: %v", err)
	}
	layout, err := synth.ParseLayout(o.layout)
	if err != nil {
		return usagef("--layout: %v", err)
	}
	if layout == synth.LayoutPUF {
		if o.styleSet {
			return usagef("--style does not apply with --layout %s: the public-use file has its own headers (PIRL100 …)", layout)
		}
		style = ""
	}
	gaps := synth.DefaultGaps()
	if o.noGaps {
		gaps = synth.Gaps{}
	}
	for _, kv := range o.gaps {
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			return usagef("--gap %q: want NAME=VALUE", kv)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return usagef("--gap %q: value %q is not a number", kv, val)
		}
		if err := gaps.Set(name, v); err != nil {
			return usagef("--gap: %v", err)
		}
	}
	cfg := synth.Config{Rows: o.rows, Seed: o.seed, Style: style, Layout: layout, Tracts: o.tracts, Gaps: gaps, TractBoards: o.tractBoards}
	if cfg.Pilot, err = o.pilot(); err != nil {
		return err
	}
	// A dry run with no rows validates the gaps before any file is created.
	check := cfg
	check.Rows = 0
	if _, err := synth.Generate(io.Discard, nil, check); err != nil {
		return usageError{err}
	}
	pirlPath := filepath.Join(o.out, "pirl.csv")
	if o.gzip {
		pirlPath += ".gz"
	}
	tractPath := filepath.Join(o.out, "tracts.csv")
	g := inputGuard(o.force)
	for _, p := range []string{pirlPath, tractPath} {
		if err := g.CheckFile(p); err != nil {
			return err
		}
	}
	sum, err := writeGenerated(g, pirlPath, tractPath, o.gzip, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(s.Summary(), generateSummary(sum, pirlPath, tractPath))
	return nil
}

// pilot reads --pilot-boards, --pilot-start and --pilot-gap: all three or
// none.
func (o *generateOptions) pilot() (synth.Pilot, error) {
	var p synth.Pilot
	set := 0
	for _, v := range []string{o.pilotBoards, o.pilotStart, o.pilotGap} {
		if v != "" {
			set++
		}
	}
	if set == 0 {
		return p, nil
	}
	if set < 3 {
		return p, usagef("a pilot effect needs --pilot-boards, --pilot-start and --pilot-gap together")
	}
	for _, b := range strings.Split(o.pilotBoards, ",") {
		if b = strings.TrimSpace(b); b != "" {
			p.Boards = append(p.Boards, b)
		}
	}
	day, err := pipeline.ParseDay(o.pilotStart)
	if err != nil {
		return p, usagef("--pilot-start: %v", err)
	}
	y, m, d := pirl.Civil(day)
	p.Start = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	name, val, ok := strings.Cut(o.pilotGap, "=")
	if !ok {
		return p, usagef("--pilot-gap %q: want NAME=EFFECT", o.pilotGap)
	}
	if p.Effect, err = strconv.ParseFloat(strings.TrimSpace(val), 64); err != nil {
		return p, usagef("--pilot-gap %q: effect %q is not a number", o.pilotGap, val)
	}
	p.Knob = strings.TrimSpace(name)
	return p, nil
}

// writeGenerated writes both files beside their paths and renames them into
// place only once both are complete: a failure leaves any previous files as
// they were.
func writeGenerated(g *safeout.Guard, pirlPath, tractPath string, gz bool, cfg synth.Config) (synth.Summary, error) {
	pf, err := g.Create(pirlPath)
	if err != nil {
		return synth.Summary{}, err
	}
	defer pf.Abort()
	tf, err := g.Create(tractPath)
	if err != nil {
		return synth.Summary{}, err
	}
	defer tf.Abort()
	var w io.Writer = pf
	var zw *gzip.Writer
	if gz {
		// klauspost's gzip is several times faster than compress/gzip here,
		// which matters for the national-size files used in benchmarks.
		zw = gzip.NewWriter(pf)
		w = zw
	}
	sum, err := synth.Generate(w, tf, cfg)
	if err != nil {
		return sum, err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return sum, err
		}
	}
	if err := pf.Commit(); err != nil {
		return sum, err
	}
	return sum, tf.Commit()
}

// generateSummary is the one-paragraph account of what was written.
func generateSummary(s synth.Summary, pirlPath, tractPath string) string {
	var b strings.Builder
	shape := fmt.Sprintf("header style %q", s.Config.Style.Header(pirl.FieldSex))
	if s.Config.Layout == synth.LayoutPUF {
		shape = fmt.Sprintf("layout %s (the public-use file's columns, PIRL100 … REPORT_QUARTER)", s.Config.Layout)
	}
	fmt.Fprintf(&b, "Wrote %d synthetic records (%d people, %d second periods of participation; %d exiters, %d participants, %d reportable individuals only) "+
		"with %d columns, %s, seed %d, to %s, and %d tracts (%d with poverty rate ≥ 20%%) to %s. ",
		s.Rows, s.People, s.SecondPeriods, s.Exiters, s.Participants, s.Reportable,
		s.Columns, shape, s.Config.Seed, pirlPath, s.Tracts, s.HighPoverty, tractPath)
	if s.Gaps.IsZero() {
		b.WriteString("No gaps injected: every group has the same generating probabilities.")
		b.WriteString(pilotSummary(s.Config.Pilot))
		return b.String()
	}
	b.WriteString("Injected gaps (wioa generate --help explains each):")
	first := true
	for _, k := range synth.Knobs() {
		v, _ := s.Gaps.Value(k.Name)
		if v == 0 || (k.Name == "poverty-participation" && v == 1) || (k.Name == "gender-wage-explained" && s.Gaps.GenderWage == 0) {
			continue
		}
		if !first {
			b.WriteString(",")
		}
		first = false
		fmt.Fprintf(&b, " %s=%g", k.Name, v)
	}
	b.WriteString(".")
	b.WriteString(pilotSummary(s.Config.Pilot))
	return b.String()
}

// pilotSummary is the sentence naming a pilot effect ("" without one).
func pilotSummary(p synth.Pilot) string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf(" Pilot effect: %s %+g in boards %s from %s.", p.Knob, p.Effect, strings.Join(p.Boards, ", "), p.Start.Format(time.DateOnly))
}
