// Package quality computes the data-quality facts of a participant file:
// everything `wioa validate` prints and the checks report.md's data-quality
// section shares with it. It reads a *pirl.Data (and optionally the set of
// tracts in the tract reference file) and returns a Report value; it does
// no I/O and formats nothing, so the renderers in reports only print.
//
// What the reader already counted while reading — the file's fingerprint,
// blank and invalid values with their example messages, wage sentinels,
// duplicate periods, ragged rows, repeated header lines, multi-line rows and
// warnings — stays in pirl.Quality; a Report refers to it instead of copying
// it, and adds what needs the whole file: columns found and absent, code
// distributions of the key fields, date logic, and tracts not in the tract
// file.
//
// Like every output of wioa, a Report holds counts and row positions only:
// no identifier or individual value.
package quality

import (
	"sort"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Options are the inputs of Check besides the data.
type Options struct {
	// Known reports whether a tract GEOID is in the tract reference file;
	// nil when no tract file was given (GEOIDs are then not checked).
	Known func(geoid uint64) bool
	// Today is the day of reading: the after-today rules count dates later
	// than it. Only its calendar date is used. Check takes it as given
	// (the zero time is a day long past); callers pass time.Now() or a
	// pinned day in tests.
	Today time.Time
}

// Report is the data-quality assessment of one participant file.
type Report struct {
	// Quality is what the reader counted (fingerprint, blank and invalid
	// values with examples, sentinels, duplicates, ragged rows, repeated
	// headers, multi-line rows, warnings). It is the Data's own, not a copy.
	Quality *pirl.Quality
	// Rows is the number of records (the denominator of every share).
	Rows int

	// Columns are the fields found in the file, in file order; their blank
	// and invalid counts are Quality.Missing[f] and Quality.Invalid(f).
	Columns []Column
	// RequiredAbsent and OptionalAbsent are the fields not in the file, in
	// field order.
	RequiredAbsent, OptionalAbsent []pirl.Field

	// Codes are the code distributions of the key fields (CodeFields) the
	// file has, in CodeFields order.
	Codes []CodeDist

	// Dates are the date-logic checks.
	Dates DateLogic

	// Wages are the wage fields (WageFields), present or not, in that order.
	Wages []Wage

	// DuplicatesChecked says whether duplicate periods could be looked for
	// (identifier and entry date both present); the count is
	// Quality.DuplicatePeriods.
	DuplicatesChecked bool

	// Tracts checks the tract GEOIDs against the tract file.
	Tracts Tracts
}

// Column is a field found in the file.
type Column struct {
	Field  pirl.Field
	Header string // as written in the file
	Index  int    // 0-based position in the header
}

// CodeFields are the key fields whose code distributions a Report holds.
var CodeFields = []pirl.Field{
	pirl.FieldSex, pirl.FieldDisability, pirl.FieldEduLevel,
	pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth, pirl.FieldOtherExit,
	pirl.FieldTraining, pirl.FieldEmpQ2, pirl.FieldEmpQ4,
}

// WageFields are the amounts whose 999999.99 sentinels a Report lists.
var WageFields = []pirl.Field{pirl.FieldWageQ1, pirl.FieldWageQ2, pirl.FieldWageQ3, pirl.FieldWageQ4, pirl.FieldHourlyWage}

// CodeDist is the distribution of one code field's valid values; blank and
// invalid values are counted in Quality.
type CodeDist struct {
	Field pirl.Field
	// Codes holds each code that occurs, ascending, with its row count.
	Codes []CodeCount
}

// CodeCount is how many rows carry one code.
type CodeCount struct {
	Code int
	Rows int
}

// DateLogic holds the date-logic checks of a file.
type DateLogic struct {
	// Today is the day of reading as a pirl day number.
	Today int32
	// EntryExitChecked says whether entry (900) and exit (901) dates were
	// both present, so the exit rules could be checked.
	EntryExitChecked bool
	// Rules are the checks in report order: the two exit rules (when
	// checked), then one after-today rule per date field present, in field
	// order.
	Rules []DateRule
}

// Names of the date-logic rules.
const (
	RuleExitBeforeEntry  = "exit-before-entry"  // exit date earlier than entry date
	RuleExitWithoutEntry = "exit-without-entry" // exit date set, entry date blank
	RuleAfterToday       = "after-today"        // a date later than the day of reading
)

// DateRule is one date-logic check and what it found.
type DateRule struct {
	Name string // one of the Rule constants
	// Doc is the check as a report names it ("exit date before entry date",
	// "PIRL 900 after today").
	Doc string
	// Field is the date field an after-today rule checks (FieldExit for the
	// exit rules).
	Field pirl.Field
	// Count is the number of rows the rule finds.
	Count int
	// Examples are the first pirl.MaxExamples of those rows, as 0-based
	// record positions in file order (the reader keeps no file line per
	// record: blank lines, repeated headers and multi-line rows shift them).
	Examples []int
}

// Wage is one amount field's sentinel count; blank and invalid values are
// counted in Quality.
type Wage struct {
	Field   pirl.Field
	Present bool
	// Sentinels is the number of 999999.99 (not yet available) values,
	// Quality.Sentinels[Field].
	Sentinels int
}

// Tracts is the check of tract GEOIDs against the tract reference file.
type Tracts struct {
	// Column says whether the file has a tract column (tract_geoid).
	Column bool
	// Checked says whether GEOIDs were looked up (a tract column and a
	// tract file); the counts below are zero otherwise.
	Checked bool
	// Valid is the number of rows with a valid GEOID, Unknown those of them
	// whose tract is not in the tract file, Distinct the distinct unknown
	// tracts.
	Valid, Unknown, Distinct int
	// Counties are the unknown rows by county (state+county FIPS, the
	// GEOID's first five digits), most rows first, ties by FIPS.
	Counties []County
}

// County is a count of rows in one county.
type County struct {
	FIPS uint64 // state and county FIPS, e.g. 13121
	Rows int
}

// Check computes the data-quality Report of d. d.Quality is referenced, not
// copied: a Report reflects later changes to it (such as warnings added by
// the geography steps).
func Check(d *pirl.Data, opts Options) *Report {
	r := &Report{Quality: &d.Quality, Rows: d.Rows}
	r.columns(d)
	r.codes(d)
	y, m, day := opts.Today.Date()
	r.Dates = dateLogic(d, pirl.DayNumber(y, int(m), day))
	for _, f := range WageFields {
		r.Wages = append(r.Wages, Wage{Field: f, Present: d.Has(f), Sentinels: d.Quality.Sentinels[f]})
	}
	r.DuplicatesChecked = d.Has(pirl.FieldID) && d.Has(pirl.FieldEntry)
	r.Tracts = tracts(d, opts.Known)
	return r
}

func (r *Report) columns(d *pirl.Data) {
	for f := pirl.Field(0); f < pirl.NumFields; f++ {
		switch {
		case d.Has(f):
			c := &d.Cols[f]
			r.Columns = append(r.Columns, Column{Field: f, Header: c.Header, Index: c.Index})
		case pirl.Elements[f].Required:
			r.RequiredAbsent = append(r.RequiredAbsent, f)
		default:
			r.OptionalAbsent = append(r.OptionalAbsent, f)
		}
	}
	sort.SliceStable(r.Columns, func(i, j int) bool { return r.Columns[i].Index < r.Columns[j].Index })
}

func (r *Report) codes(d *pirl.Data) {
	for _, f := range CodeFields {
		if !d.Has(f) {
			continue
		}
		var n [128]int // int8 codes; blank is negative
		c := &d.Cols[f]
		for i := range d.Rows {
			if v := c.Code(i); v >= 0 {
				n[v]++
			}
		}
		cd := CodeDist{Field: f}
		for v, k := range n {
			if k > 0 {
				cd.Codes = append(cd.Codes, CodeCount{Code: v, Rows: k})
			}
		}
		r.Codes = append(r.Codes, cd)
	}
}

// dateLogic runs the date rules: exit before entry and exit without entry
// (when both columns are present), then every date field after today.
func dateLogic(d *pirl.Data, today int32) DateLogic {
	dl := DateLogic{Today: today}
	entryC, exitC := &d.Cols[pirl.FieldEntry], &d.Cols[pirl.FieldExit]
	if entryC.Present && exitC.Present {
		dl.EntryExitChecked = true
		before := DateRule{Name: RuleExitBeforeEntry, Doc: "exit date before entry date", Field: pirl.FieldExit}
		noEntry := DateRule{Name: RuleExitWithoutEntry, Doc: "exit date set but entry date blank", Field: pirl.FieldExit}
		for i := range d.Rows {
			switch entry, exit := entryC.Date(i), exitC.Date(i); {
			case exit == pirl.MissingDate:
			case entry == pirl.MissingDate:
				noEntry.add(i)
			case exit < entry:
				before.add(i)
			}
		}
		dl.Rules = append(dl.Rules, before, noEntry)
	}
	for f := pirl.Field(0); f < pirl.NumFields; f++ {
		if pirl.Elements[f].Kind != pirl.KindDate || !d.Has(f) {
			continue
		}
		rule := DateRule{Name: RuleAfterToday, Doc: f.String() + " after today", Field: f}
		// MissingDate is the smallest int32, so blanks are never after today.
		c := &d.Cols[f]
		for i := range d.Rows {
			if c.Date(i) > today {
				rule.add(i)
			}
		}
		dl.Rules = append(dl.Rules, rule)
	}
	return dl
}

func (r *DateRule) add(row int) {
	if len(r.Examples) < pirl.MaxExamples {
		r.Examples = append(r.Examples, row)
	}
	r.Count++
}

// tracts counts rows whose valid GEOID is not in the tract file.
func tracts(d *pirl.Data, known func(uint64) bool) Tracts {
	t := Tracts{Column: d.Has(pirl.FieldTract)}
	if !t.Column || known == nil {
		return t
	}
	t.Checked = true
	distinct := map[uint64]bool{}
	county := map[uint64]int{}
	for _, g := range d.Cols[pirl.FieldTract].Hash {
		if g == 0 { // blank or invalid
			continue
		}
		t.Valid++
		if !known(g) {
			t.Unknown++
			distinct[g] = true
			county[g/1000000]++
		}
	}
	t.Distinct = len(distinct)
	for c, n := range county {
		t.Counties = append(t.Counties, County{FIPS: c, Rows: n})
	}
	sort.Slice(t.Counties, func(i, j int) bool {
		a, b := t.Counties[i], t.Counties[j]
		if a.Rows != b.Rows {
			return a.Rows > b.Rows
		}
		return a.FIPS < b.FIPS
	})
	return t
}

// SentinelTotal is the number of 999999.99 (not yet available) amounts in
// all fields of q.
func SentinelTotal(q *pirl.Quality) int {
	n := 0
	for _, s := range q.Sentinels {
		n += s
	}
	return n
}
