package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/pipeline"
)

// analysisFlags are the flags of every command that reads a participant
// file and computes from it (report, check, indicators): the configuration
// file, the column mapping and the statistical settings that flags may
// override.
type analysisFlags struct {
	config, columns string
	reader          readerFlags
	alpha           float64
	minCell         int
	adjust          string
	// board is --board: the local boards (PIRL 108A) the records are
	// restricted to (METHODS §3).
	board string
}

func (a *analysisFlags) add(f *pflag.FlagSet) {
	f.StringVar(&a.config, "config", "", "YAML configuration `FILE` (thresholds, clusters, column mapping)")
	f.StringVar(&a.columns, "columns", "", "column mapping `FILE` (field,header lines) overriding header recognition")
	a.reader.add(f)
	f.Float64Var(&a.alpha, "alpha", 0.05, "significance level for flags, on adjusted p-values")
	f.IntVar(&a.minCell, "min-cell", 10, "suppress groups with fewer than `N` people")
	f.StringVar(&a.adjust, "p-adjust", "holm", "multiple-comparison adjustment within each disparity or indicator: holm or bh")
	f.StringVar(&a.board, "board", "", "restrict the records to local board `CODE[,CODE]` (PIRL 108A) before anything is computed")
}

// restriction parses --board and the command's --program (programs ""
// where the command has none of its own) into the pipeline's restriction.
func (a *analysisFlags) restriction(programs string) (measures.Restriction, error) {
	r, err := measures.ParseRestriction(a.board, programs)
	if err != nil {
		return r, usageError{err}
	}
	return r, nil
}

// settings reads the configuration file and applies over it the flags given
// on the command line (they win) and the column mapping file. The caller
// validates the result once it has set its own options.
func (a *analysisFlags) settings(f *pflag.FlagSet) (settings, error) {
	st := defaultSettings()
	if a.config != "" {
		if err := st.loadConfig(a.config); err != nil {
			return st, usageError{err}
		}
	}
	if f.Changed("alpha") {
		st.cfg.Alpha = a.alpha
	}
	if f.Changed("min-cell") {
		st.cfg.MinCell = a.minCell
	}
	if f.Changed("p-adjust") {
		st.cfg.Adjust = strings.ToLower(a.adjust)
	}
	if a.columns != "" {
		m, err := pirl.ParseColumnsFile(a.columns)
		if err != nil {
			return st, err
		}
		if st.columns == nil {
			st.columns = map[pirl.Field]string{}
		}
		for k, v := range m {
			st.columns[k] = v
		}
	}
	return st, nil
}

// readerFlags say how to read the participant file: --layout (a file
// without a header row, read by position) and --member (the CSV to read
// from a .zip). Every command that reads a participant file has them.
type readerFlags struct {
	layout, member string
}

func (r *readerFlags) add(f *pflag.FlagSet) {
	f.StringVar(&r.layout, "layout", "", fmt.Sprintf("read a file without a header row by position: built-in `NAME|FILE` (%s, the PY2022 Q4 public-use file's columns) or a file with one header per line", strings.Join(pirl.LayoutNames(), ", ")))
	f.StringVar(&r.member, "member", "", "the `NAME` of the CSV to read from a .zip holding several files")
}

// options sets the reader options of o: the --layout resolved (an unknown
// name is a usage error) and --member.
func (r *readerFlags) options(o *pirl.Options) error {
	o.Member = r.member
	if r.layout == "" {
		return nil
	}
	h, err := pirl.ResolveLayout(r.layout)
	if err != nil {
		if _, builtin := pirl.BuiltinLayout(r.layout); !builtin && !strings.ContainsAny(r.layout, `/\.`) {
			return usageError{err}
		}
		return err
	}
	o.Layout, o.LayoutName = h, r.layout
	return nil
}

// apply sets the reader options of a pipeline run.
func (r *readerFlags) apply(po *pipeline.Options) error {
	var o pirl.Options
	if err := r.options(&o); err != nil {
		return err
	}
	po.Layout, po.LayoutName, po.Member = o.Layout, o.LayoutName, o.Member
	return nil
}

// Completions of --board (codes are the file's: nothing to offer) and of
// report's and check's --program, whose programs are the disparity
// report's three (indicators' --program adds wp). Registered here, beside
// the flags, into complete.go's tables.
func init() {
	flagCompletions["board"] = free
	for _, c := range []string{"wioa report --program", "wioa check --program"} {
		commandFlagCompletions[c] = list(measures.ProgramIDs[:]...)
	}
}
