package pipeline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Window is the exit window of a run's cohort (docs/METHODS.md §2.1): the
// first and last exit day (pirl.MissingDate for open ends) and how reports
// name it.
type Window struct {
	From, To int32
	Label    string
	// Q2 and Q4, with --program-year, are DOL's reporting cohorts of the
	// program year for the Q2 measures and for the Q4 and credential
	// measures (indicators.CohortWindow of ERQ2 and ERQ4, the one
	// definition the indicators use); From/To is then the program year,
	// for participation, enrolment and supportive-service use. Nil: From/To
	// for every measure.
	Q2, Q4 *measures.Span
	// ProgramYear is the --program-year (0 without).
	ProgramYear int
}

// Apply sets the exit windows of o from w (METHODS §2.1).
func (w Window) Apply(o *measures.Options) {
	o.ExitFrom, o.ExitTo = w.From, w.To
	o.Q2Window, o.Q4Window = w.Q2, w.Q4
}

// Of returns the exit window of measures of kind k.
func (w Window) Of(k measures.Kind) measures.Span {
	var o measures.Options
	w.Apply(&o)
	return o.WindowOf(k)
}

// AllExits is the window of a run over every exit in the file.
var AllExits = Window{From: pirl.MissingDate, To: pirl.MissingDate, Label: "all exits in the file"}

// Program years a run may name: PY N runs July 1 of N to June 30 of N+1, and
// the indicators' cohorts reach back to exits in PY N−1, so both ends stay
// inside the day numbers' range with room to spare.
const (
	MinProgramYear = 1901
	MaxProgramYear = 2199
)

// ParseProgramYear reads "2023" or "PY2023". It is the one place a program
// year is parsed, for every command.
func ParseProgramYear(s string) (int, error) {
	y, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "PY"))
	if err != nil || y < MinProgramYear || y > MaxProgramYear {
		return 0, optionErrorf("--program-year %q: use a year such as 2023 (PY 2023 runs 2023-07-01 to 2024-06-30)", s)
	}
	return y, nil
}

var quarterRE = regexp.MustCompile(`^(\d{4})\s*-?\s*[Qq]([1-4])$`)

// ParseWindow resolves --exit-from/--exit-to, --program-year or --quarter
// (at most one of them; none gives AllExits). Errors are *OptionError.
func ParseWindow(from, to, py, quarter string) (Window, error) {
	w := AllExits
	used := 0
	for _, v := range []string{from + to, py, quarter} {
		if v != "" {
			used++
		}
	}
	if used > 1 {
		return w, optionErrorf("use only one of --exit-from/--exit-to, --program-year and --quarter")
	}
	switch {
	case quarter != "":
		m := quarterRE.FindStringSubmatch(strings.TrimSpace(quarter))
		if m == nil {
			return w, optionErrorf("--quarter %q: use the form 2024Q3", quarter)
		}
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		w.From = pirl.DayNumber(y, 3*q-2, 1)
		w.To = pirl.DayNumber(y, 3*q+1, 1) - 1
		if q == 4 {
			w.To = pirl.DayNumber(y+1, 1, 1) - 1
		}
		w.Label = fmt.Sprintf("exits in %dQ%d (%s to %s)", y, q, pirl.FormatDate(w.From), pirl.FormatDate(w.To))
	case py != "":
		y, err := ParseProgramYear(py)
		if err != nil {
			return w, err
		}
		w.From, w.To = pirl.DayNumber(y, 7, 1), pirl.DayNumber(y+1, 6, 30)
		q2, q4 := indicators.CohortWindow(indicators.ERQ2, y), indicators.CohortWindow(indicators.ERQ4, y)
		w.Q2, w.Q4 = &measures.Span{From: q2.From, To: q2.To}, &measures.Span{From: q4.From, To: q4.To}
		w.ProgramYear = y
		// Earliest window first: compare reads the span from the first and last dates.
		w.Label = fmt.Sprintf("program year %d as DOL reports it: exits %s for Q4 and credential measures, %s for Q2 measures, %s to %s for the others",
			y, q4, q2, pirl.FormatDate(w.From), pirl.FormatDate(w.To))
	case from != "" || to != "":
		var err error
		if from != "" {
			if w.From, err = ParseDay(from); err != nil {
				return w, optionErrorf("--exit-from: %v", err)
			}
		}
		if to != "" {
			if w.To, err = ParseDay(to); err != nil {
				return w, optionErrorf("--exit-to: %v", err)
			}
		}
		if w.From != pirl.MissingDate && w.To != pirl.MissingDate && w.From > w.To {
			return w, optionErrorf("--exit-from %s is after --exit-to %s", from, to)
		}
		a, b := "the earliest exit", "the latest exit"
		if w.From != pirl.MissingDate {
			a = pirl.FormatDate(w.From)
		}
		if w.To != pirl.MissingDate {
			b = pirl.FormatDate(w.To)
		}
		w.Label = fmt.Sprintf("exits from %s to %s", a, b)
	}
	return w, nil
}

var dayRE = regexp.MustCompile(`^(\d{4})-?(\d{2})-?(\d{2})$`)

// ParseDay reads a calendar date, YYYY-MM-DD or YYYYMMDD, as a day number.
func ParseDay(s string) (int32, error) {
	m := dayRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not a date (use YYYY-MM-DD)", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	z := pirl.DayNumber(y, mo, d)
	if yy, mm, dd := pirl.Civil(z); yy != y || mm != mo || dd != d {
		return 0, fmt.Errorf("%q is not a calendar date", s)
	}
	return z, nil
}
