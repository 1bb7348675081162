// Package disparities holds the eight actionable disparities of docs/METHODS.md §3,
// one file each, in the registry All, with their inputs and finding prose.
// Each disparity turns derived measures into a results.Section — rows built
// with the comparison builders of analysis/results, a finding sentence and
// charts; rendering lives in reports/.
package disparities

import (
	"fmt"
	"strings"
	"sync"

	"github.com/wioa-equity/wioa/analysis/geo"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/tracts"
)

// Disparity is one question of METHODS §3.
type Disparity struct {
	ID       string // stable id, e.g. "gender-wages"
	Title    string // short heading
	Question string // the plain-language question it answers
	Doc      string // what it compares and how (printed in the report's Methods)
	// Needs lists the inputs without which it cannot be computed.
	Needs []Need
	// Run fills in the section (ID, Title and Question already set). It is
	// called only when every Need is met.
	Run func(in *Input, s *Draft)
}

// Need is an input a disparity requires.
type Need struct {
	What string // "a tract reference file (--tracts)", "PIRL 1306 training codes", …
	Met  func(in *Input) bool
}

// Input is what every disparity reads.
type Input struct {
	Data   *pirl.Data
	D      *measures.Derived
	Tracts *tracts.Table // nil when no tract file was given
	// ZIPTracts, when set, allocates participants to tracts from ZIP (PIRL
	// 103) for the participation rates only, when the file has no tract_geoid.
	ZIPTracts *geo.Crosswalk
	Cfg       *Config

	// cache holds per-record slices that several disparities build from D
	// (groupings, populations): built once, read concurrently.
	cacheMu sync.Mutex
	cache   map[string]any
}

// cached returns the slice stored under key, building it on first use.
func cached[T any](in *Input, key string, build func() []T) []T {
	in.cacheMu.Lock()
	defer in.cacheMu.Unlock()
	if s, ok := in.cache[key].([]T); ok {
		return s
	}
	if in.cache == nil {
		in.cache = map[string]any{}
	}
	s := build()
	in.cache[key] = s
	return s
}

// Draft is a section being filled in by a disparity's Run: the result,
// and how RunOn finishes its finding once p-values are adjusted.
type Draft struct {
	*results.Section
	// describe writes Finding once p-values are adjusted and rows flagged.
	describe func() string
	// flagsStated: the finding already accounts for every flagged row.
	flagsStated bool
}

// All is the registry of the eight disparities, in report order.
var All = []*Disparity{
	PovertyParticipation,
	PovertyCredential,
	NeediestEnrollment,
	SupportiveServices,
	GenderCredential,
	GenderWages,
	EducationLevel,
	HDClusters,
}

// Lookup returns the disparity with the given id.
func Lookup(id string) (*Disparity, bool) {
	for _, d := range All {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}

// RunOn computes one disparity: a "not computed" section when a need is unmet.
func (d *Disparity) RunOn(in *Input) *results.Section {
	var missing []string
	for _, n := range d.Needs {
		if !n.Met(in) {
			missing = append(missing, n.What)
		}
	}
	if len(missing) > 0 {
		s := &results.Section{ID: d.ID, Title: d.Title, Question: d.Question, Status: results.StatusNotComputed, Headline: -1}
		s.NotComputed = "needs " + joinAnd(missing)
		s.Finding = "Not computed: " + s.NotComputed + "."
		return s
	}
	s := &Draft{Section: &results.Section{ID: d.ID, Title: d.Title, Question: d.Question, Headline: -1}}
	d.Run(in, s)
	in.Cfg.Finish(s.Section)
	if s.describe != nil {
		// Called once; the closure may hold the input's columns, which the
		// section outlives, and the Draft is dropped here.
		s.Finding = s.describe()
	}
	if !s.flagsStated {
		s.Finding += alsoFlagged(s.Section)
	}
	return s.Section
}

// alsoFlagged names flagged comparisons that the finding sentence does not
// already state, so that a section's status is always explained in words.
func alsoFlagged(s *results.Section) string {
	var parts []string
	for i, r := range s.Rows {
		if !r.Flagged || i == s.Headline {
			continue // the headline row is the finding's own subject
		}
		desc := r.Unit.FormatDiff(r.Diff)
		if r.Unit == results.UnitPer1000 || r.Unit == results.UnitPerSqMi {
			desc = fmt.Sprintf("ratio %.2f", r.Ratio)
		}
		if strings.Contains(s.Finding, magnitude(r.Diff, r.Unit)) {
			continue // already stated
		}
		parts = append(parts, fmt.Sprintf("%s, %s vs %s (%s)", r.Measure, r.Group, r.Reference, desc))
	}
	const most = 3
	switch {
	case len(parts) == 0:
		return ""
	case len(parts) > most:
		return fmt.Sprintf(" Also flagged for review: %s; and %d more comparisons (see the table).", strings.Join(parts[:most], "; "), len(parts)-most)
	}
	return " Also flagged for review: " + strings.Join(parts, "; ") + "."
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	out := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			out += " and "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

// needField is a Need for a PIRL column.
func needField(f pirl.Field) Need {
	return Need{What: f.Label(), Met: func(in *Input) bool { return in.Data.Has(f) }}
}

var needTracts = Need{
	What: "a tract reference file (--tracts) and tract_geoid in the participant file",
	Met:  func(in *Input) bool { return in.Tracts != nil && in.Data.Has(pirl.FieldTract) },
}
