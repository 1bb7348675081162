package reports

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
)

// Run is everything one `wioa report` produced, ready to render.
type Run struct {
	Provenance Provenance
	Quality    *pirl.Quality
	Counts     measures.Counts
	Sections   []*results.Section
	Config     *disparities.Config
	// ConfigYAML is the effective configuration, echoed in the Methods section.
	ConfigYAML string
	// Indicators, when set (report --program-year), adds the WIOA primary
	// indicators after the eight disparities; its rows follow theirs in
	// results.csv/json.
	Indicators *IndicatorsRun
	// ByBoard, when set (report --by-board), holds every disparity's
	// headline comparison per local board; its rows follow the sections'
	// in results.csv/json, and report.md/html gain the board overview.
	ByBoard *disparities.ByBoardResult
	// Map, when set, is drawn as plots/map and shown in the
	// poverty-participation section.
	Map *MapInput
	// Strategies open the report ("What to do first"); nil: DefaultStrategies.
	Strategies []Strategy
}

// Provenance says which data and options produced the numbers.
type Provenance struct {
	Tool     string     `json:"tool"`
	Version  string     `json:"version"`
	Input    InputFile  `json:"input"`
	Tracts   *InputFile `json:"tracts,omitempty"`
	Window   string     `json:"exit_window"`
	RowsRead int        `json:"rows_read"`
	Cohort   int        `json:"cohort"`
	// CohortQ2 and CohortQ4 are the exiters of the Q2 measures' and of the
	// Q4 and credential measures' windows when each measure has DOL's own
	// (--program-year); Cohort is then the exiters of any window. Absent
	// with one window.
	CohortQ2    int      `json:"cohort_q2,omitempty"`
	CohortQ4    int      `json:"cohort_q4,omitempty"`
	Seed        uint64   `json:"seed"`
	Options     Options  `json:"options"`
	Disparities []string `json:"disparities_run"`
	// Board and Programs are the --board codes (PIRL 108A) and --program
	// names the records were restricted to (METHODS §3); absent without a
	// restriction. Restricted counts the records left out by it (-1: not
	// counted, omitted).
	Board      []string `json:"board,omitempty"`
	Programs   []string `json:"programs,omitempty"`
	Restricted int      `json:"restricted_rows,omitempty"`
	// BoardNames names the --board codes (LOCAL_BOARD_NAME or the
	// configuration's boards:) for the report's header; not written to
	// results.json.
	BoardNames map[string]string `json:"-"`
}

// Restrict records the restriction r of a run, which left out n records
// (n < 0: not counted).
func (p *Provenance) Restrict(r *measures.Restriction, n int) {
	if r.Empty() {
		return
	}
	p.Board, p.Programs = append([]string(nil), r.Boards...), r.ProgramList()
	if n > 0 {
		p.Restricted = n
	}
}

// Restriction says in words which records a run kept ("" for all): "local
// board 13101 (PIRL 108A); programs Adult, Youth".
func (p *Provenance) Restriction() string {
	return p.restriction(p.Board)
}

// namedRestriction is Restriction with each named board's name after its
// code: "local boards 13100 (Cobb), 13101 (PIRL 108A)".
func (p *Provenance) namedRestriction() string {
	boards := make([]string, len(p.Board))
	for i, b := range p.Board {
		boards[i] = b
		if n := p.BoardNames[b]; n != "" && n != b {
			boards[i] = b + " (" + n + ")"
		}
	}
	return p.restriction(boards)
}

func (p *Provenance) restriction(boards []string) string {
	r := measures.Restriction{Boards: boards}
	for _, id := range p.Programs {
		for k, pid := range measures.ProgramIDs {
			if pid == id {
				r.Programs = append(r.Programs, int8(k))
			}
		}
	}
	return r.String()
}

// InputFile identifies an input by name and content.
type InputFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Rows   int    `json:"rows"`
	// Member is the CSV read from a .zip archive (Name, SHA256 and Bytes
	// are then the archive's); Layout the --layout its columns were read
	// by, when it has no header row.
	Member string `json:"member,omitempty"`
	Layout string `json:"layout,omitempty"`
	// Synthetic marks the bundled synthetic sample: its numbers describe no real people.
	Synthetic bool `json:"synthetic,omitempty"`
}

// Options are the statistical settings in force (machine-readable echo).
type Options struct {
	Conf             float64 `json:"confidence"`
	Alpha            float64 `json:"alpha"`
	MinCell          int     `json:"min_cell"`
	PovertyThreshold float64 `json:"poverty_threshold"`
	Adjust           string  `json:"p_adjust"`
	Bootstrap        int     `json:"bootstrap"`
	OaxacaBootstrap  int     `json:"oaxaca_bootstrap"`
}

// OptionsOf summarises a configuration.
func OptionsOf(c *disparities.Config) Options {
	return Options{Conf: c.Conf, Alpha: c.Alpha, MinCell: c.MinCell, PovertyThreshold: c.Measures.PovertyThreshold,
		Adjust: c.Adjust, Bootstrap: c.Bootstrap, OaxacaBootstrap: c.OaxacaBootstrap}
}

// Rows returns every section's rows in report order.
func (r *Run) Rows() []results.Row {
	var out []results.Row
	for _, s := range r.Sections {
		out = append(out, s.Rows...)
	}
	if r.ByBoard != nil {
		out = append(out, r.ByBoard.Rows()...)
	}
	if r.Indicators != nil {
		out = append(out, r.Indicators.Run.Rows()...)
	}
	return out
}

// CohortWords says how many exiters the run analysed: "3,498 exiters
// analysed", or with DOL's windows per measure "3,498 exiters in these
// windows together (Q2 measures 1,170; Q4 and credential measures 1,180)".
func CohortWords(pv *Provenance) string {
	n := func(v int) string { return results.UnitCount.Format(float64(v)) }
	if pv.CohortQ2 == 0 && pv.CohortQ4 == 0 {
		return n(pv.Cohort) + " exiters analysed"
	}
	return fmt.Sprintf("%s exiters in these windows together (Q2 measures %s; Q4 and credential measures %s)", n(pv.Cohort), n(pv.CohortQ2), n(pv.CohortQ4))
}
