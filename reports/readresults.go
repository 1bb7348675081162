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

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/internal/sizelimit"
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
	Rows        []results.Row
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
// are refused with a message saying what to do, never half-read; so are
// files over sizelimit.Results (256 MB), files without provenance and
// files with impossible values (see DecodeResults).
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
	b, err := sizelimit.ReadFile(path, sizelimit.Results)
	if err != nil {
		return nil, err
	}
	return DecodeResults(b, path)
}

// DecodeResults parses the bytes of a results.json; name is used in errors.
// Besides malformed JSON it refuses what no run of wioa writes, naming the
// file, the row and the field: a missing provenance block or a missing
// input name, SHA-256, exit window or tool version in it; negative counts;
// p-values outside [0, 1]; rates (unit "rate") outside [0, 1] and their
// differences outside [−1, 1] (a board's difference of gaps against the
// rest of the region, [−2, 2]); negative per-1,000 rates, densities, counts,
// odds ratios and ratios.
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
		Provenance *Provenance     `json:"provenance"`
		Sections   []SectionStatus `json:"disparities"`
		Rows       []jsonRow       `json:"results"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, jsonError(name, b, err)
	}
	if in.Provenance == nil {
		return nil, fmt.Errorf("%s: no provenance (which data, exit window and options produced these numbers); rerun wioa report", name)
	}
	if err := checkProvenance(in.Provenance); err != nil {
		return nil, fmt.Errorf("%s: provenance: %v", name, err)
	}
	out := &Results{Source: name, Provenance: *in.Provenance, Disparities: in.Sections}
	seen := map[string]int{}
	for i, j := range in.Rows {
		if j.Disparity == "" || j.Measure == "" || j.Group == "" {
			return nil, fmt.Errorf("%s: results[%d]: disparity, measure and group must all be set", name, i)
		}
		r := fromJSONRow(j)
		id := RowID(r)
		if err := checkRow(j, r); err != nil {
			return nil, fmt.Errorf("%s: results[%d] (%s): %v", name, i, id, err)
		}
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
func RowID(r results.Row) string {
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

func fromJSONRow(j jsonRow) results.Row {
	f := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	r := results.Row{Disparity: j.Disparity, Measure: j.Measure, Group: j.Group, Reference: j.Reference,
		Value: f(j.Value), CILow: f(j.CILow), CIHigh: f(j.CIHigh), Diff: f(j.Diff), DiffLow: f(j.DiffLow),
		DiffHigh: f(j.DiffHigh), Ratio: f(j.Ratio), P: f(j.P), PAdj: f(j.PAdj), Flagged: j.Flagged,
		Suppressed: j.Suppressed, Test: j.Test, MDD: f(j.MDD)}
	if j.N != nil {
		r.N = *j.N
	}
	if u, ok := results.ParseUnit(j.Unit); ok {
		r.Unit = u
	} else {
		r.Unit = results.GuessUnit(r.Measure)
	}
	r.Status = results.InferStatus(&r)
	if j.Status != nil {
		if st, ok := results.ParseStatus(*j.Status); ok {
			r.Status = st
		}
	}
	return r
}

// checkProvenance refuses a provenance block no run of wioa writes.
func checkProvenance(p *Provenance) error {
	for _, f := range []struct{ key, v string }{
		{"tool", p.Tool}, {"version", p.Version}, {"input.name", p.Input.Name},
		{"input.sha256", p.Input.SHA256}, {"exit_window", p.Window},
	} {
		if strings.TrimSpace(f.v) == "" {
			return fmt.Errorf("%s is missing", f.key)
		}
	}
	files := []struct {
		key string
		f   *InputFile
	}{{"input", &p.Input}}
	if p.Tracts != nil {
		files = append(files, struct {
			key string
			f   *InputFile
		}{"tracts", p.Tracts})
	}
	for _, f := range files {
		if !isSHA256(f.f.SHA256) {
			return fmt.Errorf("%s.sha256 %q is not a SHA-256 (64 hexadecimal digits)", f.key, f.f.SHA256)
		}
		if f.f.Bytes < 0 {
			return fmt.Errorf("%s.bytes %d is negative", f.key, f.f.Bytes)
		}
		if f.f.Rows < 0 {
			return fmt.Errorf("%s.rows %d is negative", f.key, f.f.Rows)
		}
	}
	for _, f := range []struct {
		key string
		v   int
	}{{"rows_read", p.RowsRead}, {"cohort", p.Cohort}, {"options.min_cell", p.Options.MinCell},
		{"options.bootstrap", p.Options.Bootstrap}, {"options.oaxaca_bootstrap", p.Options.OaxacaBootstrap}} {
		if f.v < 0 {
			return fmt.Errorf("%s %d is negative", f.key, f.v)
		}
	}
	for _, f := range []struct {
		key string
		v   float64
	}{{"options.confidence", p.Options.Conf}, {"options.alpha", p.Options.Alpha}, {"options.poverty_threshold", p.Options.PovertyThreshold}} {
		if !(f.v >= 0 && f.v <= 1) {
			return fmt.Errorf("%s %g is outside [0, 1]", f.key, f.v)
		}
	}
	return nil
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// slack absorbs rounding in the values a run writes (a Holm-adjusted p of
// 1 + 1e-16): only values beyond it are impossible.
const slack = 1e-9

// checkRow refuses values no row can hold: a negative n, a p-value outside
// [0, 1], and values outside the range of the row's unit.
func checkRow(j jsonRow, r results.Row) error {
	if j.N != nil && *j.N < 0 {
		return fmt.Errorf("n %d is negative", *j.N)
	}
	type field struct {
		key string
		v   *float64
	}
	within := func(lo, hi float64, fs ...field) error {
		for _, f := range fs {
			if f.v != nil && !(*f.v >= lo-slack && *f.v <= hi+slack) {
				return fmt.Errorf("%s %g is outside [%g, %g]", f.key, *f.v, lo, hi)
			}
		}
		return nil
	}
	nonNegative := func(fs ...field) error {
		for _, f := range fs {
			if f.v != nil && *f.v < -slack {
				return fmt.Errorf("%s %g is negative (unit %s)", f.key, *f.v, r.Unit.Key())
			}
		}
		return nil
	}
	if err := within(0, 1, field{"p_value", j.P}, field{"p_adjusted", j.PAdj}); err != nil {
		return err
	}
	value := []field{{"value", j.Value}, {"ci_low", j.CILow}, {"ci_high", j.CIHigh}}
	switch r.Unit {
	case results.UnitRate:
		if err := within(0, 1, value...); err != nil {
			return fmt.Errorf("%v: a rate is a proportion", err)
		}
		lim := 1.0
		if r.Reference == disparities.RestOfRegion {
			lim = 2 // a difference of two rate gaps (report --by-board, METHODS §3.10)
		}
		if err := within(-lim, lim, field{"diff", j.Diff}, field{"diff_ci_low", j.DiffLow}, field{"diff_ci_high", j.DiffHigh}); err != nil {
			return fmt.Errorf("%v: a difference of rates", err)
		}
		return nonNegative(field{"ratio", j.Ratio})
	case results.UnitPer1000, results.UnitPerSqMi, results.UnitCount, results.UnitOddsRatio:
		return nonNegative(append(value, field{"ratio", j.Ratio})...)
	}
	return nil
}
