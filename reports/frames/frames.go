// Package frames gives a run's results as gota DataFrames
// (github.com/go-gota/gota), for analysts who script in Go and for the
// commands that join runs (check, compare, trend in reports/compare).
//
// Results tables are small — a row per (disparity, measure, group,
// reference), hundreds to a few thousand — so data-frame operations are the
// natural model here. The per-person path (analysis/, disparities/) never
// imports gota: a test in this package checks that.
//
// Missing values: a results.json null, a NaN and a suppressed group's n are
// missing (NA) cells, as in results.csv's empty cells. gota reads the text
// "NaN" as missing too, so a label spelled "NaN" shows as NA in a frame;
// Rows gives it back as "NaN", and the joins of reports/compare use keys
// (Key) that no label can turn into NA.
//
// Every gota operation records failure in the frame's or series' Err field
// instead of returning an error; Err and SeriesErr turn those fields into
// errors, and nothing in wioa drops them.
package frames

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
)

// Columns are the columns of a results frame, in order: those of
// results.csv (reports.CSVHeader, which has the row's unit — rate, dollars,
// per_1000, … —, status and minimum detectable difference), then the test
// behind its p-value.
var Columns = append(append([]string{}, reports.CSVHeader...), "test")

// column kinds, by name; the rest are floats.
var (
	textColumns = map[string]bool{"disparity": true, "measure": true, "group": true, "reference": true, "unit": true, "status": true, "test": true}
	boolColumns = map[string]bool{"flagged": true, "suppressed": true}
)

// floatFields are the float64 fields of a row, in the order of floatNames.
func floatFields(r *results.Row) [10]*float64 {
	return [...]*float64{&r.Value, &r.CILow, &r.CIHigh, &r.Diff, &r.DiffLow, &r.DiffHigh, &r.Ratio, &r.P, &r.PAdj, &r.MDD}
}

// floatNames are the names of floatFields, in the same order.
var floatNames = [10]string{"value", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high", "ratio", "p_value", "p_adjusted", "min_detectable_diff"}

// Err returns the error a gota operation recorded in df (nil when none),
// saying what was being done.
func Err(df dataframe.DataFrame, what string) error {
	if df.Err != nil {
		return fmt.Errorf("%s: %w", what, df.Err)
	}
	return nil
}

// SeriesErr is Err for a series.
func SeriesErr(s series.Series, what string) error {
	if s.Err != nil {
		return fmt.Errorf("%s: %w", what, s.Err)
	}
	return nil
}

// Results returns the rows of a run as a frame with Columns, a line per row
// in the run's order. n is missing for a suppressed group (its size is not
// published) and each float is missing where the row has NaN (null in
// results.json); ±Inf, which results.json cannot hold, stays as it is.
func Results(r *reports.Results) (dataframe.DataFrame, error) {
	return FromRows(r.Rows)
}

// FromRows is Results for rows that are not (yet) a run.
func FromRows(rows []results.Row) (dataframe.DataFrame, error) {
	k := len(rows)
	text := map[string][]string{}
	for name := range textColumns {
		text[name] = make([]string, k)
	}
	n := make([]any, k)
	var floats [len(floatNames)][]float64
	for c := range floats {
		floats[c] = make([]float64, k)
	}
	flagged, suppressed := make([]bool, k), make([]bool, k)
	for i := range rows {
		r := &rows[i]
		text["disparity"][i], text["measure"][i], text["group"][i], text["reference"][i] = r.Disparity, r.Measure, r.Group, r.Reference
		text["unit"][i], text["test"][i], text["status"][i] = r.Unit.Key(), r.Test, r.Status.String()
		if !r.Suppressed {
			n[i] = r.N
		}
		for c, f := range floatFields(r) {
			floats[c][i] = *f
		}
		flagged[i], suppressed[i] = r.Flagged, r.Suppressed
	}
	var cols []series.Series
	for _, name := range Columns {
		var s series.Series
		switch {
		case textColumns[name]:
			s = series.New(text[name], series.String, name)
		case boolColumns[name]:
			b := flagged
			if name == "suppressed" {
				b = suppressed
			}
			s = series.New(b, series.Bool, name)
		case name == "n":
			s = series.New(n, series.Int, name)
		default:
			s = series.New(floats[floatIndex(name)], series.Float, name)
		}
		if err := SeriesErr(s, "results frame: column "+name); err != nil {
			return dataframe.DataFrame{}, err
		}
		cols = append(cols, s)
	}
	df := dataframe.New(cols...)
	return df, Err(df, "results frame")
}

func floatIndex(name string) int {
	for i, f := range floatNames {
		if f == name {
			return i
		}
	}
	panic("frames: no float column " + name)
}

// Rows returns the rows of a frame with Columns (such as Results returns,
// or a subset of one): missing floats are NaN, a missing n is 0, the unit is
// read from its key (or guessed from the measure, as for an older
// results.json). Rows(Results(r)) equals r.Rows but for RefN, which
// results.json does not hold either.
func Rows(df dataframe.DataFrame) ([]results.Row, error) {
	rd, err := NewReader(df, "")
	if err != nil {
		return nil, err
	}
	out := make([]results.Row, df.Nrow())
	for i := range out {
		if out[i], err = rd.Row(i); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// A Reader reads rows from the columns of a frame named Columns with a
// prefix (such as "old_" and "new_" after a join), by position so that no
// column is copied.
type Reader struct {
	df  dataframe.DataFrame
	col map[string]int
}

// NewReader returns a Reader of the columns prefix+Columns of df; each must
// be there.
func NewReader(df dataframe.DataFrame, prefix string) (*Reader, error) {
	if err := Err(df, "results frame"); err != nil {
		return nil, err
	}
	idx := map[string]int{}
	for i, name := range df.Names() {
		idx[name] = i
	}
	rd := &Reader{df: df, col: map[string]int{}}
	for _, name := range Columns {
		i, ok := idx[prefix+name]
		if !ok {
			return nil, fmt.Errorf("results frame: no column %q", prefix+name)
		}
		rd.col[name] = i
	}
	return rd, nil
}

// Row returns row i.
func (rd *Reader) Row(i int) (results.Row, error) {
	e := func(name string) series.Element { return rd.df.Elem(i, rd.col[name]) }
	// A label is never missing in a run; Element.String gives "NaN" back
	// for one gota read as missing.
	r := results.Row{Disparity: e("disparity").String(), Measure: e("measure").String(),
		Group: e("group").String(), Reference: e("reference").String(), Test: e("test").String()}
	for c, f := range floatFields(&r) {
		*f = e(floatNames[c]).Float()
	}
	var err error
	if r.Flagged, err = e("flagged").Bool(); err != nil {
		return r, fmt.Errorf("results frame: row %d: flagged: %w", i, err)
	}
	if r.Suppressed, err = e("suppressed").Bool(); err != nil {
		return r, fmt.Errorf("results frame: row %d: suppressed: %w", i, err)
	}
	if n := e("n"); !n.IsNA() {
		if r.N, err = n.Int(); err != nil {
			return r, fmt.Errorf("results frame: row %d: n: %w", i, err)
		}
	}
	if u, ok := results.ParseUnit(e("unit").String()); ok {
		r.Unit = u
	} else {
		r.Unit = results.GuessUnit(r.Measure)
	}
	// A group's own row has status "", which gota reads as missing ("NaN").
	if st, ok := results.ParseStatus(e("status").String()); ok {
		r.Status = st
	} else {
		r.Status = results.StatusNone
	}
	return r, nil
}

// Present reports whether the Int column col of df has a value in row i
// (after an outer join, a column of one side is missing in the rows only
// the other side has), and returns it.
func Present(df dataframe.DataFrame, col, i int) (int, bool, error) {
	e := df.Elem(i, col)
	if e.IsNA() {
		return 0, false, nil
	}
	v, err := e.Int()
	if err != nil {
		return 0, false, fmt.Errorf("frame row %d, column %d: %w", i, col, err)
	}
	return v, true, nil
}

// Key encodes parts as one text no two different lists of parts share and
// that gota never reads as missing (each part is preceded by its length):
// the join key of the rows of two frames.
func Key(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Itoa(len(p)))
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

// WithPosition returns df with an Int column name holding each line's
// position (0, 1, …), which survives joins and filters.
func WithPosition(df dataframe.DataFrame, name string) (dataframe.DataFrame, error) {
	if err := Err(df, "position"); err != nil {
		return df, err
	}
	pos := make([]int, df.Nrow())
	for i := range pos {
		pos[i] = i
	}
	df = df.Mutate(series.New(pos, series.Int, name))
	return df, Err(df, "position: column "+name)
}

// WithKey returns df with a String column name holding, in each line, Key
// of the labels in the columns cols: a join key that a label spelled "NaN"
// does not turn into a missing cell (which would match nothing).
func WithKey(df dataframe.DataFrame, name string, cols ...string) (dataframe.DataFrame, error) {
	if err := Err(df, "key"); err != nil {
		return df, err
	}
	labels := make([][]string, len(cols))
	for c, col := range cols {
		s := df.Col(col)
		if err := SeriesErr(s, "key: column "+col); err != nil {
			return df, err
		}
		labels[c] = s.Records() // "NaN" for a label gota read as missing, as Rows gives it back
	}
	keys := make([]string, df.Nrow())
	parts := make([]string, len(cols))
	for i := range keys {
		for c := range cols {
			parts[c] = labels[c][i]
		}
		keys[i] = Key(parts...)
	}
	df = df.Mutate(series.New(keys, series.String, name))
	return df, Err(df, "key: column "+name)
}

// Prefixed returns a copy of df with every column but keep renamed
// prefix+name (df itself is left as it is).
func Prefixed(df dataframe.DataFrame, prefix string, keep ...string) (dataframe.DataFrame, error) {
	if err := Err(df, "prefix"); err != nil {
		return df, err
	}
	kept := map[string]bool{}
	for _, k := range keep {
		kept[k] = true
	}
	names := df.Names()
	for i, name := range names {
		if !kept[name] {
			names[i] = prefix + name
		}
	}
	// One copy, renamed in place: Rename would copy the frame per column.
	df = df.Copy()
	if err := Err(df, "prefix"); err != nil {
		return df, err
	}
	if err := df.SetNames(names...); err != nil {
		return df, fmt.Errorf("prefix: %w", err)
	}
	return df, nil
}
