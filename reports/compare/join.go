package compare

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/frames"
)

// The three commands work on gota frames of results (package frames):
// compare is an outer join of two runs on the row key, trend a chain of
// outer joins of the runs' series (a column per period) and check an inner
// join of the baseline's entries with the run's rows. Rendering reads the
// joined frames back into rows.

// rowKey are the columns that identify a row in a run.
var rowKey = []string{"disparity", "measure", "group", "reference"}

// sideFrame is a run's results frame with its rows' positions ("row") and
// keys ("key"), every column but the key prefixed with side and "_".
func sideFrame(r *reports.Results, side string) (dataframe.DataFrame, error) {
	df, err := frames.Results(r)
	if err == nil {
		df, err = frames.WithPosition(df, "row")
	}
	if err == nil {
		df, err = frames.WithKey(df, "key", rowKey...)
	}
	if err == nil {
		df, err = frames.Prefixed(df, side+"_", "key")
	}
	if err != nil {
		return df, fmt.Errorf("%s run %s: %w", side, r.Source, err)
	}
	return df, nil
}

// pair is a line of the join of two runs: each side's row, nil where that
// run has none.
type pair struct{ old, new *results.Row }

// joinRuns is the outer join of two runs on (disparity, measure, group,
// reference): the new run's rows in its order, each with the old run's row
// of the same key, then the rows only the old run has, in its order.
func joinRuns(old, new *reports.Results) ([]pair, error) {
	nf, err := sideFrame(new, "new")
	if err != nil {
		return nil, err
	}
	of, err := sideFrame(old, "old")
	if err != nil {
		return nil, err
	}
	j := nf.OuterJoin(of, "key")
	if err := frames.Err(j, "compare: outer join of the two runs"); err != nil {
		return nil, err
	}
	sides := [2]struct {
		rd  *frames.Reader
		pos int
	}{}
	for s, name := range [2]string{"old", "new"} {
		if sides[s].rd, err = frames.NewReader(j, name+"_"); err != nil {
			return nil, err
		}
		if sides[s].pos, err = colIndex(j, name+"_row"); err != nil {
			return nil, err
		}
	}
	out := make([]pair, j.Nrow())
	for i := range out {
		for s, dst := range [2]**results.Row{&out[i].old, &out[i].new} {
			_, ok, err := frames.Present(j, sides[s].pos, i)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			r, err := sides[s].rd.Row(i)
			if err != nil {
				return nil, err
			}
			*dst = &r
		}
	}
	return out, nil
}

// colIndex is the position of a column of df.
func colIndex(df dataframe.DataFrame, name string) (int, error) {
	for i, n := range df.Names() {
		if n == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("frame has no column %q", name)
}

// seriesKey is the key of the trend series a row belongs to: a group's own
// rate or amount is the same in each comparison it takes part in, so it is
// one series; an odds ratio or a statistic depends on the reference, so
// each pair is one. (Key tells the two apart by their number of parts.)
func seriesKey(r *results.Row) string {
	if ownValue(r.Unit) {
		return frames.Key(r.Disparity, r.Measure, r.Group)
	}
	return frames.Key(r.Disparity, r.Measure, r.Group, r.Reference)
}

// periodFrame is one period's point of each series: "key", and for period
// p "first_p" (the series' first row in the run, which names it), "row_p"
// (the row shown: the first flagged one, for the mark, else the first) and
// "ref_p" (the last reference of a group's own rows, "" when none).
func periodFrame(p int, rows []results.Row) (dataframe.DataFrame, error) {
	var keys, refs []string
	var first, shown []int
	at := map[string]int{}
	for i := range rows {
		r := &rows[i]
		k := seriesKey(r)
		s, ok := at[k]
		if !ok {
			s = len(keys)
			at[k] = s
			keys, first, shown, refs = append(keys, k), append(first, i), append(shown, i), append(refs, "")
		}
		if prev := &rows[shown[s]]; !prev.Flagged && r.Flagged {
			shown[s] = i
		}
		if ownValue(r.Unit) && r.Reference != "" {
			refs[s] = r.Reference
		}
	}
	df := dataframe.New(series.New(keys, series.String, "key"),
		series.New(first, series.Int, fmt.Sprintf("first_%d", p)),
		series.New(shown, series.Int, fmt.Sprintf("row_%d", p)),
		series.New(refs, series.String, fmt.Sprintf("ref_%d", p)))
	return df, frames.Err(df, fmt.Sprintf("trend: period %d", p+1))
}

// trendTable joins the periods' series: a line per series in the order
// each first appears (period by period, row by row), a column triple per
// period, missing where the period has no row of the series.
func trendTable(periods []Period) (dataframe.DataFrame, error) {
	var acc dataframe.DataFrame
	for p, per := range periods {
		df, err := periodFrame(p, per.Results.Rows)
		if err != nil {
			return df, err
		}
		if p == 0 {
			acc = df
			continue
		}
		acc = acc.OuterJoin(df, "key")
		if err := frames.Err(acc, fmt.Sprintf("trend: outer join of period %d (%s)", p+1, per.Label)); err != nil {
			return acc, err
		}
	}
	return acc, nil
}

// matchEntries joins the baseline's entries with the run's rows on
// (disparity, measure, group), keeping the rows of the entry's reference
// when it names one: for each entry, the positions of the rows it matches
// in the run's order, and the joined frame's row of each, from which
// values are read by their results.csv names.
type entryMatch struct {
	rows  []int // positions in the run's rows
	lines []int // lines of the joined frame
}

func matchEntries(b *Baseline, res *reports.Results) ([]entryMatch, dataframe.DataFrame, error) {
	k := len(b.Entries)
	keys, refs := make([]string, k), make([]string, k)
	pos, any := make([]int, k), make([]bool, k)
	for i, e := range b.Entries {
		keys[i], pos[i] = frames.Key(e.Disparity, e.Measure, e.Group), i
		if e.Reference == nil {
			any[i] = true
		} else {
			refs[i] = frames.Key(*e.Reference)
		}
	}
	ef := dataframe.New(series.New(keys, series.String, "key"), series.New(pos, series.Int, "entry"),
		series.New(any, series.Bool, "any_reference"), series.New(refs, series.String, "entry_reference"))
	if err := frames.Err(ef, "check: baseline entries"); err != nil {
		return nil, ef, err
	}
	rf, err := frames.Results(res)
	if err == nil {
		rf, err = frames.WithPosition(rf, "row")
	}
	if err == nil {
		rf, err = frames.WithKey(rf, "key", "disparity", "measure", "group")
	}
	if err == nil {
		rf, err = frames.WithKey(rf, "reference_key", "reference")
	}
	if err != nil {
		return nil, rf, fmt.Errorf("check: %s: %w", res.Source, err)
	}
	j := ef.InnerJoin(rf, "key")
	if err := frames.Err(j, "check: join of the baseline with the results"); err != nil {
		return nil, j, err
	}
	ref := j.Col("entry_reference")
	if err := frames.SeriesErr(ref, "check"); err != nil {
		return nil, j, err
	}
	j = j.Filter(dataframe.F{Colname: "any_reference", Comparator: series.Eq, Comparando: true},
		dataframe.F{Colname: "reference_key", Comparator: series.Eq, Comparando: ref})
	if err := frames.Err(j, "check: entries' references"); err != nil {
		return nil, j, err
	}
	ec, err := colIndex(j, "entry")
	if err != nil {
		return nil, j, err
	}
	rc, err := colIndex(j, "row")
	if err != nil {
		return nil, j, err
	}
	out := make([]entryMatch, k)
	for i := range j.Nrow() {
		e, ok1, err := frames.Present(j, ec, i)
		if err != nil {
			return nil, j, err
		}
		r, ok2, err := frames.Present(j, rc, i)
		if err != nil {
			return nil, j, err
		}
		if !ok1 || !ok2 {
			return nil, j, fmt.Errorf("check: line %d of the join has no entry or row", i)
		}
		out[e].rows = append(out[e].rows, r)
		out[e].lines = append(out[e].lines, i)
	}
	return out, j, nil
}
