package measures

import "github.com/wioa-equity/wioa/analysis/pirl"

// Kind is the kind of exit window a measure's cohort is taken from
// (METHODS §2.1). With one window for the run (--exit-from/--exit-to,
// --quarter, or none) the three kinds are the same window; with
// --program-year each is DOL's reporting cohort of that kind in the
// program year's annual report (indicators.CohortWindow defines them).
type Kind uint8

const (
	// KindExit is the run's own window: participation, enrolment and
	// training receipt (records active in it) and supportive-service use
	// (exits in it). Under --program-year, the program year itself.
	KindExit Kind = iota
	// KindQ2: employment in the 2nd quarter after exit, Q2 earnings and the
	// wage (DOL's ERQ2/MEQ2 cohort: exits July PY−1 to June PY).
	KindQ2
	// KindQ4: employment in the 4th quarter and in all four, credential
	// attainment, training completion and training-related retention
	// (DOL's ERQ4/CAR cohort: exits in calendar PY−1).
	KindQ4
	NumKinds int = 3
)

// KindNames name the kinds in reports.
var KindNames = [NumKinds]string{"program year", "Q2 measures", "Q4 and credential measures"}

// Span is an inclusive range of exit days; pirl.MissingDate leaves a side open.
type Span struct{ From, To int32 }

// Contains reports whether day d (not missing) is in the span.
func (w Span) Contains(d int32) bool {
	return d != pirl.MissingDate && (w.From == pirl.MissingDate || d >= w.From) && (w.To == pirl.MissingDate || d <= w.To)
}

// String gives "2022-07-01 to 2023-06-30" (open sides as "…").
func (w Span) String() string {
	a, b := "the earliest exit", "the latest exit"
	if w.From != pirl.MissingDate {
		a = pirl.FormatDate(w.From)
	}
	if w.To != pirl.MissingDate {
		b = pirl.FormatDate(w.To)
	}
	return a + " to " + b
}

// PerMeasure reports whether the options give the Q2 or Q4 measures a
// window of their own.
func (o *Options) PerMeasure() bool { return o.Q2Window != nil || o.Q4Window != nil }

// WindowOf returns the exit window of measures of kind k.
func (o *Options) WindowOf(k Kind) Span {
	switch {
	case k == KindQ2 && o.Q2Window != nil:
		return *o.Q2Window
	case k == KindQ4 && o.Q4Window != nil:
		return *o.Q4Window
	}
	return Span{o.ExitFrom, o.ExitTo}
}

// CohortOf returns the exit cohort of measures of kind k: Cohort,
// CohortQ2 or CohortQ4 (the same slice when the run has one window).
func (v *Derived) CohortOf(k Kind) []bool {
	switch k {
	case KindQ2:
		return v.CohortQ2
	case KindQ4:
		return v.CohortQ4
	}
	return v.Cohort
}
