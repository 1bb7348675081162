package indicators

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Program is a WIOA program reported on.
type Program uint8

// The programs, in report order.
const (
	Adult Program = iota
	DW
	Youth
	WP
	NumPrograms int = 4
)

// ProgramIDs are the --program names; ProgramNames the names used in measures.
var (
	ProgramIDs   = [NumPrograms]string{"adult", "dw", "youth", "wp"}
	ProgramNames = [NumPrograms]string{"Adult", "Dislocated Worker", "Youth", "Wagner-Peyser"}
	programField = [NumPrograms]pirl.Field{pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth, pirl.FieldWagnerPeyser}
)

func (p Program) String() string { return ProgramNames[p] }

// Field is the PIRL element that says whether a record is in the program.
func (p Program) Field() pirl.Field { return programField[p] }

// ParseProgram accepts a program id ("adult", "dw", "youth", "wp").
func ParseProgram(s string) (Program, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for p, id := range ProgramIDs {
		if s == id {
			return Program(p), nil
		}
	}
	return 0, fmt.Errorf("unknown program %q (known: %s)", s, strings.Join(ProgramIDs[:], ", "))
}

// Indicator is one primary indicator of performance.
type Indicator uint8

// The indicators, in report order.
const (
	ERQ2 Indicator = iota
	ERQ4
	MEQ2
	CAR
	MSG
	NumIndicators int = 5
)

// IndicatorIDs are the stable ids that start every measure name.
var IndicatorIDs = [NumIndicators]string{"ERQ2", "ERQ4", "MEQ2", "CAR", "MSG"}

// IndicatorNames are the DOL names of the indicators.
var IndicatorNames = [NumIndicators]string{
	"Employment Rate – 2nd Quarter After Exit",
	"Employment Rate – 4th Quarter After Exit",
	"Median Earnings – 2nd Quarter After Exit",
	"Credential Attainment Rate",
	"Measurable Skill Gains Rate",
}

func (k Indicator) String() string { return IndicatorIDs[k] }

// Name is the indicator's DOL name for the program: the Youth employment
// indicators are "Education and Employment Rate".
func (k Indicator) Name(p Program) string {
	if p == Youth && (k == ERQ2 || k == ERQ4) {
		return strings.Replace(IndicatorNames[k], "Employment Rate", "Education and Employment Rate", 1)
	}
	return IndicatorNames[k]
}

// Applies reports whether the program reports the indicator: Wagner-Peyser
// has no credential or skill-gain indicator (WIOA sec. 116(b)(2)(A)(i)).
func (k Indicator) Applies(p Program) bool { return p != WP || k <= MEQ2 }

// Measure is the stable measure name of a result row, e.g. "ERQ2 (Adult)".
func Measure(k Indicator, p Program) string { return IndicatorIDs[k] + " (" + ProgramNames[p] + ")" }

// Window is an inclusive range of day numbers (pirl.DayNumber).
type Window struct{ From, To int32 }

// Contains reports whether day d (not missing) falls in the window.
func (w Window) Contains(d int32) bool { return d != pirl.MissingDate && d >= w.From && d <= w.To }

func (w Window) String() string { return pirl.FormatDate(w.From) + " to " + pirl.FormatDate(w.To) }

// CohortWindow returns the cohort period of indicator k in the annual report
// of program year py (ETA-9169 annual periods of reporting): exits July 1,
// py−1 to June 30, py for ERQ2 and MEQ2; exits January 1 to December 31, py−1
// for ERQ4 and CAR; the program year July 1, py to June 30, py+1 for MSG.
func CohortWindow(k Indicator, py int) Window {
	switch k {
	case ERQ2, MEQ2:
		return Window{pirl.DayNumber(py-1, 7, 1), pirl.DayNumber(py, 6, 30)}
	case ERQ4, CAR:
		return Window{pirl.DayNumber(py-1, 1, 1), pirl.DayNumber(py-1, 12, 31)}
	}
	return Window{pirl.DayNumber(py, 7, 1), pirl.DayNumber(py+1, 6, 30)}
}

// Options select the program year, the programs and the exclusions.
type Options struct {
	ProgramYear int
	// Programs to compute, in any order (reported in Program order); nil = all four.
	Programs []Program
	// Exclusions is the PIRL 923 rule — the one measures applies to the
	// disparities too (measures.Exclusions): codes for every program and
	// further codes for Youth.
	Exclusions measures.Exclusions
	// Restrict, when not nil, keeps only some boards' and programs' records
	// (--board; measures.Restriction): the others are in no cohort.
	Restrict *measures.Restriction
}

// DefaultExclusions returns the PIRL 923 rule: 01–04 and 07 everywhere, and
// 05 (foster care) for Youth only (measures.DefaultExclusions).
func DefaultExclusions() measures.Exclusions { return measures.DefaultExclusions() }

// ExclusionCodes returns the 923 codes that exclude an exiter of program p.
func (o *Options) ExclusionCodes(p Program) []int { return o.Exclusions.Codes(p == Youth) }

// DefaultOptions returns all four programs and the default exclusions for py.
func DefaultOptions(py int) Options {
	return Options{ProgramYear: py, Exclusions: DefaultExclusions()}
}

// Validate reports options that make no sense.
func (o *Options) Validate() error {
	if o.ProgramYear < 1901 || o.ProgramYear > 2199 {
		return fmt.Errorf("program year %d: use a year such as 2023 (PY 2023 runs 2023-07-01 to 2024-06-30)", o.ProgramYear)
	}
	return o.Exclusions.Validate()
}

// Counts says how the records of one (program, indicator) were sorted.
type Counts struct {
	// InCohort counts program records in the cohort period before exclusions
	// (exits in the window; for MSG, participants in the program year with
	// education or training overlapping it).
	InCohort int
	// Excluded counts records left out by PIRL 923 code (index = code).
	Excluded [8]int
	// Denominator and Numerator of a rate; for MEQ2 Denominator is the number
	// of earnings values the median is taken over and Numerator is unused.
	Denominator, Numerator int
	// NotYetAvailable counts denominator records whose employment code is 9
	// and Blank those whose employment element is blank: both count as not
	// employed (DOL's rule) unless a Youth placement counts instead.
	NotYetAvailable, Blank int
	// Placement counts Youth records in the numerator by placement only
	// (1900/1901 in 1–3 with 1602/1606 not employed).
	Placement int
	// EmployedNoWage counts (MEQ2) employed records whose 1704 is blank or
	// 999999.99; ZeroWage those whose 1704 is zero or negative. Both are left
	// out of the median.
	EmployedNoWage, ZeroWage int
	// NotTraining counts (CAR) cohort exiters outside the credential
	// denominator; NoEducation (MSG) participants in the year without
	// education or training overlapping it.
	NotTraining, NoEducation int
}

// Outcome is one (program, indicator): which records are in the denominator
// and which of them succeed.
type Outcome struct {
	Program   Program
	Indicator Indicator
	Window    Window
	// Rows are the denominator's data rows in file order. For rates Hit[k]
	// says whether Rows[k] is in the numerator; for MEQ2 Earnings[k] is
	// Rows[k]'s 1704.
	Rows     []int32
	Hit      []bool
	Earnings []float64
	Counts   Counts
	// byEarnings lists the positions k of Earnings in ascending order of
	// Earnings[k] (NaN first), made once for every breakdown (earningsOrder).
	byEarnings []int32
}

// earningsOrder returns the positions of o.Earnings in ascending order of
// their values (NaN first, as slices.Sort orders floats).
func (o *Outcome) earningsOrder() []int32 {
	if o.byEarnings == nil {
		ord := make([]int32, len(o.Earnings))
		for k := range ord {
			ord[k] = int32(k)
		}
		slices.SortFunc(ord, func(a, b int32) int { return cmp.Compare(o.Earnings[a], o.Earnings[b]) })
		o.byEarnings = ord
	}
	return o.byEarnings
}

// Rate returns numerator / denominator (NaN when empty or MEQ2).
func (o *Outcome) Rate() float64 {
	if o.Indicator == MEQ2 || o.Counts.Denominator == 0 {
		return math.NaN()
	}
	return float64(o.Counts.Numerator) / float64(o.Counts.Denominator)
}

// Result is every requested program's indicators for one program year.
type Result struct {
	ProgramYear int
	Options     Options
	Outcomes    []*Outcome // Program order, then Indicator order; only indicators that apply
	// NotComputed says, per program, why it was not computed ("" when it was).
	NotComputed [NumPrograms]string
	Requested   [NumPrograms]bool
	// Warnings are notes on the file that change what the indicators can
	// mean, e.g. a Youth file without the placement items 1900/1901.
	Warnings []string
}

// Find returns the outcome of (p, k), or nil.
func (r *Result) Find(p Program, k Indicator) *Outcome {
	for _, o := range r.Outcomes {
		if o.Program == p && o.Indicator == k {
			return o
		}
	}
	return nil
}

// Compute sorts every record into the cohorts of the requested programs and
// decides numerator membership. A program whose element (903/904/905/918) is
// absent from the file is not computed, and says so in NotComputed.
func Compute(d *pirl.Data, o Options) (*Result, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	r := &Result{ProgramYear: o.ProgramYear, Options: o}
	progs := o.Programs
	if progs == nil {
		progs = []Program{Adult, DW, Youth, WP}
	}
	for _, p := range progs {
		if int(p) >= NumPrograms {
			return nil, fmt.Errorf("program %d does not exist", p)
		}
		r.Requested[p] = true
	}
	keep := o.Restrict.Keeper(d)
	for p := Program(0); int(p) < NumPrograms; p++ {
		if !r.Requested[p] {
			continue
		}
		if !d.Has(p.Field()) {
			r.NotComputed[p] = "needs " + p.Field().Label()
			continue
		}
		var excl [8]bool
		for _, c := range o.ExclusionCodes(p) {
			if c < len(excl) {
				excl[c] = true
			}
		}
		if p == Youth {
			r.Warnings = append(r.Warnings, youthPlacementWarnings(d)...)
		}
		for k := Indicator(0); int(k) < NumIndicators; k++ {
			if k.Applies(p) {
				r.Outcomes = append(r.Outcomes, compute(d, p, k, CohortWindow(k, o.ProgramYear), &excl, keep))
			}
		}
	}
	return r, nil
}

// employed reports PIRL 1600–1606 (and Youth placement 1900/1901) codes 1–3.
func employed(c int8) bool { return c >= 1 && c <= 3 }

func compute(d *pirl.Data, p Program, k Indicator, w Window, excl *[8]bool, keep func(int) bool) *Outcome {
	out := &Outcome{Program: p, Indicator: k, Window: w}
	c := &out.Counts
	pf := p.Field()
	for i := 0; i < d.Rows; i++ {
		if !measures.Participant(d, pf, i) { // 903/905 1–3; 904 1–3 or 909 = 1; 918 = 1
			continue
		}
		if keep != nil && !keep(i) { // outside --board (METHODS §3)
			continue
		}
		exit := d.Date(pirl.FieldExit, i)
		if k == MSG {
			if !inProgramYear(d, i, w) {
				continue
			}
		} else if !w.Contains(exit) {
			continue
		}
		c.InCohort++
		if oc := d.Code(pirl.FieldOtherExit, i); oc >= 1 && oc <= 7 && excl[oc] && (k != MSG || w.Contains(exit)) {
			c.Excluded[oc]++
			continue
		}
		switch k {
		case ERQ2, ERQ4:
			emp, plc := pirl.FieldEmpQ2, pirl.FieldYouthQ2
			if k == ERQ4 {
				emp, plc = pirl.FieldEmpQ4, pirl.FieldYouthQ4
			}
			e := d.Code(emp, i)
			hit := employed(e)
			if !hit && p == Youth && employed(d.Code(plc, i)) {
				hit = true
				c.Placement++
			}
			switch {
			case hit:
			case e == 9:
				c.NotYetAvailable++
			case e == pirl.MissingCode:
				c.Blank++
			}
			out.add(i, hit)
		case MEQ2:
			if !employed(d.Code(pirl.FieldEmpQ2, i)) {
				continue
			}
			v := d.Num(pirl.FieldWageQ2, i) // 999999.99 is NaN already (pirl reader)
			switch {
			case math.IsNaN(v):
				c.EmployedNoWage++
			case v <= 0:
				c.ZeroWage++
			default:
				out.Rows = append(out.Rows, int32(i))
				out.Earnings = append(out.Earnings, v)
				c.Denominator++
			}
		case CAR:
			if !inTraining(d, i) {
				c.NotTraining++
				continue
			}
			out.add(i, credential(d, i, exit))
		case MSG:
			if !educationOverlaps(d, i, w) {
				c.NoEducation++
				continue
			}
			out.add(i, skillGain(d, i, w))
		}
	}
	return out
}

func (o *Outcome) add(i int, hit bool) {
	o.Rows = append(o.Rows, int32(i))
	o.Hit = append(o.Hit, hit)
	o.Counts.Denominator++
	if hit {
		o.Counts.Numerator++
	}
}

var msgDates = [5]pirl.Field{pirl.FieldMSGDate1, pirl.FieldMSGDate2, pirl.FieldMSGDate3, pirl.FieldMSGDate4, pirl.FieldMSGDate5}

// skillGain is the MSG numerator of TEGL 10-16 for program year w: any of
// the five types of gain dated in the year — 1806 educational functioning
// level, 1807 postsecondary and 1808 secondary transcript or report card,
// 1809 training milestone, 1810 skills progression — or the attainment of a
// secondary school diploma or its recognized equivalent, which the PIRL
// records as a credential of type 1 (1800/1802/1804) dated (1801/1803/1805)
// in the year (DOL's CALC4009).
func skillGain(d *pirl.Data, i int, w Window) bool {
	for _, f := range msgDates {
		if w.Contains(d.Date(f, i)) {
			return true
		}
	}
	for k := range credTypes {
		if d.Code(credTypes[k], i) == 1 && w.Contains(d.Date(credDates[k], i)) {
			return true
		}
	}
	return false
}

// youthPlacementWarnings says when a file with Youth records lacks the
// placement items: the Youth employment indicators then count employment
// only, and read lower than DOL's "education and employment" rates.
func youthPlacementWarnings(d *pirl.Data) []string {
	any := false
	for i := 0; i < d.Rows && !any; i++ {
		any = measures.Participant(d, pirl.FieldYouth, i)
	}
	if !any {
		return nil
	}
	var w []string
	for _, it := range []struct {
		f pirl.Field
		k Indicator
	}{{pirl.FieldYouthQ2, ERQ2}, {pirl.FieldYouthQ4, ERQ4}} {
		if !d.Has(it.f) {
			w = append(w, fmt.Sprintf("Youth: the file has no %s column, so %s counts employment only (no education or training placement) and may read lower than DOL's Youth education and employment rate",
				it.f.Label(), Measure(it.k, Youth)))
		}
	}
	return w
}

// inProgramYear: the period of participation overlaps the program year
// (entered on or before its end; not exited before its start).
func inProgramYear(d *pirl.Data, i int, w Window) bool {
	entry, exit := d.Date(pirl.FieldEntry, i), d.Date(pirl.FieldExit, i)
	return entry != pirl.MissingDate && entry <= w.To && (exit == pirl.MissingDate || exit >= w.From)
}

// educationOverlaps: enrolled in education or training (1811) on or before
// the end of the year, and not completed (1813) before its start.
func educationOverlaps(d *pirl.Data, i int, w Window) bool {
	in, done := d.Date(pirl.FieldEduEnrolled, i), d.Date(pirl.FieldEduCompleted, i)
	return in != pirl.MissingDate && in <= w.To && (done == pirl.MissingDate || done >= w.From)
}

var trainTypes = [3]pirl.Field{pirl.FieldTrainType1, pirl.FieldTrainType2, pirl.FieldTrainType3}
var credTypes = [3]pirl.Field{pirl.FieldCredType1, pirl.FieldCredType2, pirl.FieldCredType3}
var credDates = [3]pirl.Field{pirl.FieldCredDate1, pirl.FieldCredDate2, pirl.FieldCredDate3}
var empQuarters = [4]pirl.Field{pirl.FieldEmpQ1, pirl.FieldEmpQ2, pirl.FieldEmpQ3, pirl.FieldEmpQ4}

// inTraining is the credential denominator: education or training other
// than only OJT (01) or customized training (05) — any of 1303/1310/1315 in
// 02–04 or 06–10 — or postsecondary education (1332 = 1), or secondary
// education without a diploma (408 = 0 and 1401 = 1).
func inTraining(d *pirl.Data, i int) bool {
	for _, f := range trainTypes {
		if c := d.Code(f, i); (c >= 2 && c <= 4) || (c >= 6 && c <= 10) {
			return true
		}
	}
	return d.Code(pirl.FieldPostsecondary, i) == 1 ||
		(d.Code(pirl.FieldEduLevel, i) == 0 && d.Code(pirl.FieldSecondaryEnrolled, i) == 1)
}

// credential is the credential numerator: a type 2–7 credential dated no
// later than a year after exit, or a type 1 (secondary) one with employment in
// a quarter after exit or post-exit education or training (1406) within a
// year. It is the rule of measures' credential, written out here because the
// indicator must not depend on the report's cohort options.
func credential(d *pirl.Data, i int, exit int32) bool {
	limit := measures.OneYearAfter(exit)
	for k := range credTypes {
		t, dt := d.Code(credTypes[k], i), d.Date(credDates[k], i)
		if t < 1 || t > 7 || dt == pirl.MissingDate || dt > limit {
			continue
		}
		if t >= 2 {
			return true
		}
		for _, f := range empQuarters {
			if employed(d.Code(f, i)) {
				return true
			}
		}
		if pe := d.Date(pirl.FieldPostExitEduDate, i); pe != pirl.MissingDate && pe <= limit {
			return true
		}
	}
	return false
}
