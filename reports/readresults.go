package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/wioa-equity/wioa/disparities"
)

// Results is a results.json read back (or a computed Run in the same shape):
// which data produced it, the status of each disparity, and the rows with
// JSON nulls as NaN. It is what check, compare and trend work on, so that a
// recomputed run and a published file are compared the same way.
type Results struct {
	// Source names where the results came from: the results.json path, or
	// "recomputed from FILE" for a run made in this process.
	Source      string
	Provenance  Provenance
	Disparities []SectionStatus
	Rows        []disparities.Row
}

// SectionStatus is one disparity's status line in results.json.
type SectionStatus struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Finding     string `json:"finding"`
	NotComputed string `json:"not_computed,omitempty"`
}

// ResultsOf returns a computed run in the shape ReadResults returns.
func ResultsOf(run *Run, source string) *Results {
	r := &Results{Source: source, Provenance: run.Provenance, Rows: run.Rows()}
	for _, s := range run.Sections {
		r.Disparities = append(r.Disparities, SectionStatus{s.ID, s.Status.String(), s.Finding, s.NotComputed})
	}
	return r
}

// ReadResults reads results.json, or the results.json inside a report folder
// when path is a directory. Files without a "format" key (written before the
// format was versioned, or by another program) and files of another format
// are refused with a message saying what to do, never half-read.
func ReadResults(path string) (*Results, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		p := filepath.Join(path, "results.json")
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("%s: no results.json in this folder (is it a wioa report folder?)", path)
		}
		path = p
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return DecodeResults(b, path)
}

// DecodeResults parses the bytes of a results.json; name is used in errors.
func DecodeResults(b []byte, name string) (*Results, error) {
	var head struct {
		Format *string `json:"format"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, jsonError(name, b, err)
	}
	switch {
	case head.Format == nil:
		return nil, fmt.Errorf("%s: results.json from an older or different version of wioa (no format field); rerun wioa report", name)
	case *head.Format == ResultsFormat:
	case strings.HasPrefix(*head.Format, "wioa-results/"):
		return nil, fmt.Errorf("%s: results format %q, but this version of wioa reads %q; rerun wioa report with this version", name, *head.Format, ResultsFormat)
	default:
		return nil, fmt.Errorf("%s: not a wioa results file (format %q; want %q)", name, *head.Format, ResultsFormat)
	}
	var in struct {
		Provenance Provenance      `json:"provenance"`
		Sections   []SectionStatus `json:"disparities"`
		Rows       []jsonRow       `json:"results"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, jsonError(name, b, err)
	}
	out := &Results{Source: name, Provenance: in.Provenance, Disparities: in.Sections}
	seen := map[string]int{}
	for i, j := range in.Rows {
		if j.Disparity == "" || j.Measure == "" || j.Group == "" {
			return nil, fmt.Errorf("%s: results[%d]: disparity, measure and group must all be set", name, i)
		}
		r := fromJSONRow(j)
		id := RowID(r)
		if k, dup := seen[id]; dup {
			return nil, fmt.Errorf("%s: results[%d] repeats results[%d] (%s)", name, i, k, id)
		}
		seen[id] = i
		out.Rows = append(out.Rows, r)
	}
	return out, nil
}

// RowID renders a row's stable identity, "disparity / measure / group" and
// " vs reference" when it has one.
func RowID(r disparities.Row) string {
	s := r.Disparity + " / " + r.Measure + " / " + r.Group
	if r.Reference != "" {
		s += " vs " + r.Reference
	}
	return s
}

// jsonError names the file, line and column of a JSON syntax or type error.
func jsonError(name string, b []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(b))
	}
	if off < 0 {
		return fmt.Errorf("%s: %v", name, err)
	}
	// encoding/json's offsets count the offending byte; point at it.
	off = max(min(off, int64(len(b)))-1, 0)
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(b[:off], '\n')
	return fmt.Errorf("%s:%d:%d: not valid results JSON: %v", name, line, col, err)
}

func fromJSONRow(j jsonRow) disparities.Row {
	f := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	r := disparities.Row{Disparity: j.Disparity, Measure: j.Measure, Group: j.Group, Reference: j.Reference,
		Value: f(j.Value), CILow: f(j.CILow), CIHigh: f(j.CIHigh), Diff: f(j.Diff), DiffLow: f(j.DiffLow),
		DiffHigh: f(j.DiffHigh), Ratio: f(j.Ratio), P: f(j.P), PAdj: f(j.PAdj), Flagged: j.Flagged,
		Suppressed: j.Suppressed, Test: j.Test}
	if j.N != nil {
		r.N = *j.N
	}
	if u, ok := unitOfKey(j.Unit); ok {
		r.Unit = u
	} else {
		r.Unit = guessUnit(r)
	}
	return r
}

// unitKeys are the "unit" values of results.json rows.
var unitKeys = map[disparities.Unit]string{
	disparities.UnitRate: "rate", disparities.UnitDollars: "dollars", disparities.UnitPer1000: "per_1000",
	disparities.UnitOddsRatio: "odds_ratio", disparities.UnitCount: "count", disparities.UnitPerSqMi: "per_sq_mi",
	disparities.UnitScore: "score",
}

// UnitKey is the "unit" written for a row in results.json.
func UnitKey(u disparities.Unit) string { return unitKeys[u] }

func unitOfKey(k string) (disparities.Unit, bool) {
	for u, s := range unitKeys {
		if s == k && k != "" {
			return u, true
		}
	}
	return 0, false
}

// guessUnit recovers the unit of a row from a results.json written before
// rows carried one, from the measure names the disparities use.
func guessUnit(r disparities.Row) disparities.Unit {
	m := strings.ToLower(r.Measure)
	switch {
	case strings.Contains(m, "odds ratio"):
		return disparities.UnitOddsRatio
	case strings.Contains(m, "per 1,000"):
		return disparities.UnitPer1000
	case strings.Contains(m, "per square mile"):
		return disparities.UnitPerSqMi
	case strings.Contains(m, "trend"):
		return disparities.UnitScore
	case strings.Contains(m, "wage"), strings.Contains(m, "earnings"):
		if !strings.Contains(m, "retention") {
			return disparities.UnitDollars
		}
	}
	return disparities.UnitRate
}
