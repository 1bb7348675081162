package compare

import (
	"encoding/json"
	"io"

	"github.com/wioa-equity/wioa/reports"
)

// CompareFormat is the version of the layout WriteJSON writes.
const CompareFormat = "wioa-compare/1"

// jsonSide is one run's side of a change: what the run's results.json says
// of the row. A suppressed row has no n nor value, as in results.json.
type jsonSide struct {
	N          *int     `json:"n"`
	Value      *float64 `json:"value"`
	Flagged    bool     `json:"flagged"`
	Suppressed bool     `json:"suppressed"`
}

type jsonChange struct {
	ID        string    `json:"id"`
	Disparity string    `json:"disparity"`
	Measure   string    `json:"measure"`
	Group     string    `json:"group"`
	Reference string    `json:"reference"`
	Unit      string    `json:"unit,omitempty"`
	Old       *jsonSide `json:"old"` // null when the row is in the new run only
	New       *jsonSide `json:"new"` // null when the row is in the old run only
	Change    *float64  `json:"change"`
	P         *float64  `json:"p_value"`
	PAdj      *float64  `json:"p_adjusted"`
	Test      string    `json:"test,omitempty"`
	NotTested string    `json:"not_tested,omitempty"`
}

// WriteJSON writes the comparison as one JSON object: both runs'
// provenance, the options that differ, and every changed row with both
// sides, the change and its test, in the order WriteMarkdown lists them.
func (c *Comparison) WriteJSON(w io.Writer) error {
	out := struct {
		Format      string             `json:"format"`
		Old         reports.Provenance `json:"old"`
		New         reports.Provenance `json:"new"`
		OptionDiffs []string           `json:"option_differences"`
		Independent bool               `json:"independent_cohorts"`
		Unchanged   int                `json:"unchanged"`
		Changes     []jsonChange       `json:"changes"`
	}{Format: CompareFormat, Old: c.Old.Provenance, New: c.New.Provenance, OptionDiffs: []string{},
		Independent: c.Independent, Unchanged: c.Unchanged, Changes: []jsonChange{}}
	out.OptionDiffs = append(out.OptionDiffs, c.OptionDiffs...)
	for _, ch := range c.Changes {
		j := jsonChange{ID: ch.ID, Change: ptr(ch.Delta), P: ptr(ch.P), PAdj: ptr(ch.PAdj), Test: ch.Test, NotTested: ch.NotTested}
		r := ch.New
		if r == nil {
			r = ch.Old
		}
		j.Disparity, j.Measure, j.Group, j.Reference, j.Unit = r.Disparity, r.Measure, r.Group, r.Reference, r.Unit.Key()
		if o := ch.Old; o != nil {
			j.Old = side(o.N, o.Value, o.Flagged, o.Suppressed)
		}
		if n := ch.New; n != nil {
			j.New = side(n.N, n.Value, n.Flagged, n.Suppressed)
		}
		out.Changes = append(out.Changes, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func side(n int, value float64, flagged, suppressed bool) *jsonSide {
	s := &jsonSide{Flagged: flagged, Suppressed: suppressed}
	if !suppressed {
		s.N, s.Value = &n, ptr(value)
	}
	return s
}
