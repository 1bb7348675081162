package measures

import (
	"math"

	"github.com/wioa-equity/wioa/analysis/internal/colmem"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Tri-state values of a derived binary measure.
const (
	NA  int8 = -1 // not available or not in the measure's denominator
	No  int8 = 0
	Yes int8 = 1
)

// Education groups (METHODS §2), in order; EduUnknown when neither 408 nor 407 says.
const (
	EduUnknown int8 = -1
	EduLessHS  int8 = iota - 1
	EduHS
	EduSomePost
	EduAssociate
	EduBachelor
	NumEdu int = 5
)

// EduNames names the education groups, indexed by group.
var EduNames = [NumEdu]string{
	"Less than high school",
	"High school / equivalency",
	"Some postsecondary / certificate",
	"Associate degree",
	"Bachelor's or higher",
}

// Sex of a record (METHODS §2.8), from PIRL 201: 2 women, 1 men; 9, blank
// and anything else unknown. Women and men index SexNames, so a record's
// sex is also its group in sex comparisons, and SexMan is 1 where men are
// the group of interest (a man indicator with unknown negative).
const (
	SexUnknown int8 = NA
	SexWoman   int8 = 0
	SexMan     int8 = 1
	NumSex     int  = 2
)

// SexNames names the sexes, indexed by SexWoman and SexMan.
var SexNames = [NumSex]string{"Women", "Men"}

// SexOf returns the sex (SexWoman, SexMan or SexUnknown) of a PIRL 201
// code (pirl.MissingCode when blank).
func SexOf(code int8) int8 {
	switch code {
	case 2:
		return SexWoman
	case 1:
		return SexMan
	}
	return SexUnknown
}

// Programs (primary program of a record: Youth, else Dislocated Worker, else Adult).
const (
	ProgramNone  int8 = -1
	ProgramAdult int8 = iota - 1
	ProgramDW
	ProgramYouth
	NumPrograms int = 3
)

// ProgramNames names the programs.
var ProgramNames = [NumPrograms]string{"Adult", "Dislocated Worker", "Youth"}

// Age bands at program entry.
var AgeBandNames = []string{"Under 25", "25–34", "35–44", "45–54", "55 and over"}

// TractLookup finds a tract by GEOID; analysis/tracts.Table implements it.
type TractLookup interface {
	Lookup(geoid uint64) (int, bool)
	PovertyRate(i int) float64
}

// Derived holds the per-record measures, index-aligned with the rows of the
// pirl.Data they came from. Binary measures are NA, No or Yes.
type Derived struct {
	N int

	// Active marks records whose period of participation overlaps the window
	// (entry on or before its end, not exited before its start); all records when open.
	Active []bool
	// Record is 903/904/905 in 1–4 (an Adult, DW or Youth record at all).
	Record []bool
	// Enrolled: among Record, participant (1–3) = Yes, reportable individual only (4) = No.
	Enrolled []int8
	// Participant is Enrolled == Yes.
	Program []int8
	// Cohort marks participants who exited in the window and have no 923 exclusion.
	Cohort []bool
	// CohortQ2 and CohortQ4 are the same for the windows of the Q2 measures
	// and of the Q4 and credential measures (CohortOf; METHODS §2.1): Cohort
	// itself, the same slice, unless Options.PerMeasure. The measures of
	// the later stages are derived for a record in any of the three.
	CohortQ2, CohortQ4 []bool
	// Windows are the exit windows of each Kind (Options.WindowOf);
	// PerMeasure is Options.PerMeasure.
	Windows    [NumKinds]Span
	PerMeasure bool

	Sex        []int8 // SexWoman, SexMan or SexUnknown (SexOf of 201)
	Edu        []int8 // education group or EduUnknown
	AgeBand    []int8 // index into AgeBandNames or NA
	Barriers   []int8 // number of yes answers among the barrier elements
	LowIncome  []bool
	Neediest   []bool
	Trainee    []bool // 1300 = 1
	Support    []bool // 1409 holds a date
	Cluster    []int8 // among trainees: 0 = non-HD, c+1 = Options.Clusters[c]; NA when not a trainee or no code
	Tract      []int32
	HighPov    []int8 // Yes/No when the tract is known, NA otherwise
	EmpQ2      []int8
	EmpQ4      []int8
	EmpAll4    []int8
	Credential []int8 // NA outside the credential denominator
	Completed  []int8 // training completion among trainees with 1811 set
	TrainRet   []int8 // training-related employment retention
	// Q2 earnings and the wage are read from the file's columns where they
	// are needed (EarnQ2, Wage), not copied into arrays of their own.
	wageQ2, hourly *pirl.Column
	// WageIsHourly says which of the two Wage gives.
	WageIsHourly bool
	HasTracts    bool

	// Counts of records left out, by reason, for the data-quality section.
	Counts Counts
}

// EarnQ2 is record i's earnings in the 2nd quarter after exit (1704), for
// a record of the cohort employed then (EmpQ2 Yes); NaN otherwise, or when
// blank or not yet available (METHODS §2.2).
func (v *Derived) EarnQ2(i int) float64 {
	if v.EmpQ2[i] != Yes {
		return math.NaN()
	}
	return v.wageQ2.Num(i)
}

// Wage is record i's wage for the wage gap: the hourly wage when the file
// has one (WageIsHourly), else the Q2 earnings; NaN where EarnQ2 is.
func (v *Derived) Wage(i int) float64 {
	if v.EmpQ2[i] != Yes {
		return math.NaN()
	}
	if v.WageIsHourly {
		return v.hourly.Num(i)
	}
	return v.wageQ2.Num(i)
}

// Counts records how the file's rows were sorted into the cohort.
type Counts struct {
	Rows           int
	NotRecord      int // 903/904/905 all outside 1–4 or blank
	Exiters        int
	OutsideWindow  int // exiters whose exit is outside the window
	NotExited      int
	ReportableOnly int // exiters in window who were reportable individuals only
	// NotRecordInWindow counts exiters in window with no Adult, DW or Youth
	// record (e.g. Wagner-Peyser only); they are also in NotRecord.
	NotRecordInWindow int
	Excluded923       int // exiters in window with a 923 exclusion code
	Cohort            int
	// CohortQ2 and CohortQ4 are the sizes of the Q2 and of the Q4 and
	// credential cohorts (Cohort each with one window). With per-measure
	// windows the counts above sort the exiters against all the windows
	// together: outside is outside every one, Cohort in any.
	CohortQ2, CohortQ4 int
	TractUnknown       int // cohort or active participants with no tract_geoid
	TractNotInTable    int // tract_geoid not found in the tract file
	// Not available among the cohort (9 or blank), each in its measure's
	// cohort (Q2 in CohortQ2, Q4 and all four in CohortQ4):
	EmpQ2NA, EmpQ4NA, EmpAll4NA int
	// EarnQ2NA counts cohort members employed in Q2 whose 1704 is blank or
	// 999999.99 (not yet available); the file-wide sentinel count is in
	// pirl.Quality.Sentinels.
	EarnQ2NA int
	// Restricted counts the records outside --board/--program
	// (Options.Restrict): they are in no other count.
	Restricted int
	// FirstExit and LastExit are the earliest and latest valid exit dates
	// of the file (pirl.MissingDate when none), for coverage warnings.
	FirstExit, LastExit int32
}

// Derive computes the measures of METHODS §2. tracts may be nil.
//
// Records are derived in fixed ranges of rangeRows on all cores
// (forRanges); each range goes through the stages in order, each stage one
// loop over the range that writes its own measures and reads those of
// earlier stages while they are still in cache. Each range has its own
// counts, added in range order, so the result does not depend on the number
// of workers.
func Derive(d *pirl.Data, tracts TractLookup, o Options) *Derived {
	n := d.Rows
	v := &Derived{N: n, HasTracts: tracts != nil && d.Has(pirl.FieldTract)}
	v.WageIsHourly = d.Has(pirl.FieldHourlyWage)
	v.wageQ2, v.hourly = &d.Cols[pirl.FieldWageQ2], &d.Cols[pirl.FieldHourlyWage]
	v.PerMeasure = o.PerMeasure()
	v.allocate()
	v.Counts.Rows = n
	v.Counts.FirstExit, v.Counts.LastExit = pirl.MissingDate, pirl.MissingDate
	v.PerMeasure = o.PerMeasure()
	for k := range v.Windows {
		v.Windows[k] = o.WindowOf(Kind(k))
	}
	s := newStages(d, v, tracts, &o)
	for _, c := range forRanges(n, func(lo, hi int, cnt *Counts) {
		cnt.FirstExit, cnt.LastExit = pirl.MissingDate, pirl.MissingDate
		s.cohort(lo, hi, cnt)
		s.barriers(lo, hi)
		s.employment(lo, hi, cnt)
		s.credentials(lo, hi)
		s.tractPoverty(lo, hi, cnt)
		s.clusters(lo, hi)
		s.education(lo, hi)
		s.sexAndAge(lo, hi)
	}) {
		v.Counts.add(c)
		v.Counts.FirstExit = minDay(v.Counts.FirstExit, c.FirstExit)
		if c.LastExit != pirl.MissingDate && (v.Counts.LastExit == pirl.MissingDate || c.LastExit > v.Counts.LastExit) {
			v.Counts.LastExit = c.LastExit
		}
	}
	if !v.PerMeasure {
		v.Counts.CohortQ2, v.Counts.CohortQ4 = v.Counts.Cohort, v.Counts.Cohort
	}
	return v
}

// minDay is the earlier of two days, a missing one ignored.
func minDay(a, b int32) int32 {
	if a == pirl.MissingDate || (b != pirl.MissingDate && b < a) {
		return b
	}
	return a
}

// inAny reports whether record i is in the cohort of any kind: the later
// stages derive its outcomes.
func (v *Derived) inAny(i int) bool { return v.Cohort[i] || v.CohortQ2[i] || v.CohortQ4[i] }

// allocate sets every per-record array of v, for v.N records, in one block
// (huge pages; see colmem). Without an hourly wage, Wage is Q2 earnings: the
// same values, so the same array.
func (v *Derived) allocate() {
	n := v.N
	var l colmem.Layout
	for _, s := range []*[]bool{&v.Active, &v.Record, &v.Cohort, &v.LowIncome, &v.Neediest, &v.Trainee, &v.Support} {
		colmem.Reserve(&l, s, n)
	}
	for _, s := range []*[]int8{&v.Enrolled, &v.Program, &v.Sex, &v.Edu, &v.AgeBand, &v.Barriers, &v.Cluster,
		&v.HighPov, &v.EmpQ2, &v.EmpQ4, &v.EmpAll4, &v.Credential, &v.Completed, &v.TrainRet} {
		colmem.Reserve(&l, s, n)
	}
	colmem.Reserve(&l, &v.Tract, n)
	if v.PerMeasure {
		colmem.Reserve(&l, &v.CohortQ2, n)
		colmem.Reserve(&l, &v.CohortQ4, n)
	}
	l.Allocate()
	if !v.PerMeasure {
		v.CohortQ2, v.CohortQ4 = v.Cohort, v.Cohort
	}
}

// stages holds what the stages of Derive share: the file, the measures
// being written, and the lookup tables built once per run from the options.
type stages struct {
	d      *pirl.Data
	v      *Derived
	o      *Options
	tracts TractLookup
	// exclude marks the 923 codes that take an exiter out of the cohort:
	// [0] for Adult and Dislocated Worker records, [1] for Youth (Exclusions).
	exclude [2][128]bool
	// barrierList holds the barrier elements counted (Options.BarrierList).
	barrierList []pirl.Field
	// programCols: the file has at least one of 903/904/905.
	programCols bool
	// clusterOfCode is the HD cluster of each distinct first training code
	// (NA for a blank one), found once: a file has far fewer codes than trainees.
	clusterOfCode []int8
	// keep is Options.Restrict's Keeper: nil keeps every record.
	keep func(i int) bool
}

func newStages(d *pirl.Data, v *Derived, tracts TractLookup, o *Options) *stages {
	s := &stages{d: d, v: v, o: o, tracts: tracts,
		programCols: d.Has(pirl.FieldAdult) || d.Has(pirl.FieldDW) || d.Has(pirl.FieldYouth) || d.Has(pirl.FieldRapidResponse)}
	s.exclude = o.Exclusions().Table()
	s.barrierList = o.BarrierList()
	s.keep = o.Restrict.Keeper(d)
	prefixes := clusterPrefixes(o.Clusters)
	codes := d.Cols[pirl.FieldTrainCode1].Dict
	s.clusterOfCode = make([]int8, len(codes))
	for k, code := range codes {
		s.clusterOfCode[k] = NA
		if code != "" {
			s.clusterOfCode[k] = clusterOf(code, prefixes)
		}
	}
	return s
}

// cohort derives the program record, enrolment and program (903/904/905),
// activity in the window (900, 901) and the exit cohort (901, 923), and
// counts how the exiters were sorted (METHODS §2.1).
func (s *stages) cohort(lo, hi int, cnt *Counts) {
	d, v, o := s.d, s.v, s.o
	main := Span{o.ExitFrom, o.ExitTo}
	q2, q4 := o.WindowOf(KindQ2), o.WindowOf(KindQ4)
	for i := lo; i < hi; i++ {
		entry, exit := d.Date(pirl.FieldEntry, i), d.Date(pirl.FieldExit, i)

		// Program record and enrolment.
		v.Program[i] = ProgramNone
		v.Enrolled[i] = NA
		if s.keep != nil && !s.keep(i) {
			// Outside --board/--program: no record, never active, in no
			// cohort, so in no group of any measure (METHODS §3).
			cnt.Restricted++
			continue
		}
		if s.programCols {
			best := int8(0) // 0 none, 1..3 participant, 4 reportable
			for p, f := range [3]pirl.Field{pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth} {
				if Participant(d, f, i) { // DW: 904 in 1–3 or 909 = 1 (CALC4002)
					best = 1
					v.Program[i] = int8(p) // later programs (DW, Youth) take precedence
				} else if d.Code(f, i) == 4 && best == 0 {
					best = 4
				}
			}
			switch best {
			case 1:
				v.Record[i], v.Enrolled[i] = true, Yes
			case 4:
				v.Record[i], v.Enrolled[i] = true, No
			default:
				cnt.NotRecord++
			}
		} else {
			// A file without program columns is taken to hold participants only.
			v.Record[i], v.Enrolled[i] = true, Yes
		}

		// Window membership.
		v.Active[i] = (o.ExitTo == pirl.MissingDate || entry == pirl.MissingDate || entry <= o.ExitTo) &&
			(o.ExitFrom == pirl.MissingDate || exit == pirl.MissingDate || exit >= o.ExitFrom)

		// Exit cohort.
		if exit == pirl.MissingDate {
			cnt.NotExited++
			continue
		}
		cnt.Exiters++
		cnt.FirstExit = minDay(cnt.FirstExit, exit)
		if exit > cnt.LastExit || cnt.LastExit == pirl.MissingDate {
			cnt.LastExit = exit
		}
		inMain, inQ2, inQ4 := main.Contains(exit), q2.Contains(exit), q4.Contains(exit)
		switch {
		case !inMain && !inQ2 && !inQ4:
			cnt.OutsideWindow++
		case v.Enrolled[i] == No:
			cnt.ReportableOnly++
		case v.Enrolled[i] == NA:
			cnt.NotRecordInWindow++
		default:
			youth := 0
			if v.Program[i] == ProgramYouth {
				youth = 1
			}
			if c := d.Code(pirl.FieldOtherExit, i); c >= 0 && s.exclude[youth][c] {
				cnt.Excluded923++
			} else {
				cnt.Cohort++
				v.Cohort[i] = inMain
				if v.PerMeasure {
					v.CohortQ2[i], v.CohortQ4[i] = inQ2, inQ4
					if inQ2 {
						cnt.CohortQ2++
					}
					if inQ4 {
						cnt.CohortQ4++
					}
				}
			}
		}
	}
}

// barriers derives the barrier count, low income and the neediest, the
// trainee flag (1300) and supportive-service receipt (1409) (METHODS §2.4).
func (s *stages) barriers(lo, hi int) {
	d, v := s.d, s.v
	for i := lo; i < hi; i++ {
		var bars int8
		low := false
		for _, f := range s.barrierList {
			if BarrierYes(f, d.Code(f, i)) {
				bars++
				low = low || f == pirl.FieldLowIncome
			}
		}
		v.Barriers[i] = bars
		v.LowIncome[i] = d.Code(pirl.FieldLowIncome, i) == 1
		other := int(bars)
		if low {
			other-- // low income itself is not one of the "other" barriers
		}
		v.Neediest[i] = v.LowIncome[i] && other >= s.o.NeediestMinOtherBarriers
		v.Trainee[i] = d.Code(pirl.FieldTraining, i) == 1
		v.Support[i] = d.Date(pirl.FieldSupportDate, i) != pirl.MissingDate
	}
}

// employment derives employment in the second and fourth quarters and in
// all four after exit (1600–1606), Q2 earnings (1704) and the wage of the
// wage gap (hourly_wage, else Q2 earnings), for the cohort; NA and NaN
// elsewhere (METHODS §2.2). Needs cohort.
func (s *stages) employment(lo, hi int, cnt *Counts) {
	d, v := s.d, s.v
	for i := lo; i < hi; i++ {
		v.EmpQ2[i], v.EmpQ4[i], v.EmpAll4[i] = NA, NA, NA
		if !v.inAny(i) {
			continue
		}
		q := quarters(d, i)
		v.EmpQ2[i], v.EmpQ4[i] = q[1], q[3]
		v.EmpAll4[i] = all4(q)
		inQ2, inQ4 := v.CohortQ2[i], v.CohortQ4[i]
		if q[1] == NA && inQ2 {
			cnt.EmpQ2NA++
		}
		if q[3] == NA && inQ4 {
			cnt.EmpQ4NA++
		}
		if v.EmpAll4[i] == NA && inQ4 {
			cnt.EmpAll4NA++
		}
		if q[1] == Yes && inQ2 && math.IsNaN(d.Num(pirl.FieldWageQ2, i)) {
			cnt.EarnQ2NA++
		}
	}
}

// quarters is employment (Yes, No, NA) in each of the four quarters after
// exit (1600, 1602, 1604, 1606).
func quarters(d *pirl.Data, i int) [4]int8 {
	return [4]int8{employed(d.Code(pirl.FieldEmpQ1, i)), employed(d.Code(pirl.FieldEmpQ2, i)),
		employed(d.Code(pirl.FieldEmpQ3, i)), employed(d.Code(pirl.FieldEmpQ4, i))}
}

// credentials derives credential attainment, training completion (1811,
// 1813) and training-related employment retention (1608), for the cohort;
// NA elsewhere (METHODS §2.3). Needs cohort, barriers (the trainee flag)
// and employment.
func (s *stages) credentials(lo, hi int) {
	d, v := s.d, s.v
	for i := lo; i < hi; i++ {
		v.Credential[i], v.Completed[i], v.TrainRet[i] = NA, NA, NA
		if !v.inAny(i) {
			continue
		}
		v.Credential[i] = credential(d, i, d.Date(pirl.FieldExit, i))
		if !v.Trainee[i] {
			continue
		}
		if d.Date(pirl.FieldEduEnrolled, i) != pirl.MissingDate {
			v.Completed[i] = No
			if d.Date(pirl.FieldEduCompleted, i) != pirl.MissingDate {
				v.Completed[i] = Yes
			}
		}
		if v.EmpQ2[i] == Yes {
			if tr := d.Code(pirl.FieldTrainRelated, i); (tr == 0 || tr == 1) && v.EmpQ4[i] != NA {
				v.TrainRet[i] = No
				if tr == 1 && v.EmpQ4[i] == Yes {
					v.TrainRet[i] = Yes
				}
			}
		}
	}
}

// tractPoverty finds each record's tract in the tract file and whether it
// is high-poverty, and counts active participants whose tract is blank or
// not in the file (METHODS §2.5). Lookups are cached per distinct GEOID
// (tractTable): files have far fewer tracts than rows. Needs cohort.
func (s *stages) tractPoverty(lo, hi int, cnt *Counts) {
	v := s.v
	if !v.HasTracts {
		for i := lo; i < hi; i++ {
			v.Tract[i], v.HighPov[i] = -1, NA
		}
		return
	}
	geoids := s.d.Cols[pirl.FieldTract].Hash
	var cache tractTable
	for i := lo; i < hi; i++ {
		v.Tract[i], v.HighPov[i] = -1, NA
		g := geoids[i]
		if g == 0 {
			if v.Active[i] && v.Enrolled[i] == Yes {
				cnt.TractUnknown++
			}
			continue
		}
		ti, ok := cache.get(g)
		if !ok {
			ti = tractInfo{idx: -1, high: NA}
			if k, found := s.tracts.Lookup(g); found {
				ti.idx = int32(k)
				if r := s.tracts.PovertyRate(k); !math.IsNaN(r) {
					ti.high = No
					if r >= s.o.PovertyThreshold {
						ti.high = Yes
					}
				}
			}
			cache.put(g, ti)
		}
		v.Tract[i], v.HighPov[i] = ti.idx, ti.high
		if ti.idx < 0 && v.Active[i] && v.Enrolled[i] == Yes {
			cnt.TractNotInTable++
		}
	}
}

// clusters derives the HD cluster of trainees from the first occupational
// skills training code (1306) (METHODS §2.6). Needs barriers (the trainee flag).
func (s *stages) clusters(lo, hi int) {
	v := s.v
	codes := &s.d.Cols[pirl.FieldTrainCode1]
	for i := lo; i < hi; i++ {
		v.Cluster[i] = NA
		if v.Trainee[i] {
			if k := codes.DictIndex(i); k >= 0 {
				v.Cluster[i] = s.clusterOfCode[k]
			}
		}
	}
}

// education derives the education group from 408, else 407 (METHODS §2.7).
func (s *stages) education(lo, hi int) {
	d, v := s.d, s.v
	for i := lo; i < hi; i++ {
		v.Edu[i] = eduGroup(d.Code(pirl.FieldEduLevel, i), d.Code(pirl.FieldGrade, i))
	}
}

// sexAndAge derives sex (201) and the age band at program entry (200, 900)
// (METHODS §2.8).
func (s *stages) sexAndAge(lo, hi int) {
	d, v := s.d, s.v
	for i := lo; i < hi; i++ {
		v.Sex[i] = SexOf(d.Code(pirl.FieldSex, i))
		v.AgeBand[i] = NA
		if age, ok := AgeAtEntry(d, i); ok { // 200 and 900, else CALC4039
			v.AgeBand[i] = bandOf(age)
		}
	}
}

// BarrierFields lists the elements counted as barriers by default (METHODS
// §2.4; DefaultBarrierFields).
func BarrierFields() []pirl.Field { return DefaultBarrierFields() }

func employed(c int8) int8 {
	switch {
	case c >= 1 && c <= 3:
		return Yes
	case c == 0:
		return No
	}
	return NA
}

// all4: Yes when all four quarters employed; No when any is 0 and none is
// unavailable; NA otherwise (METHODS §2).
func all4(q [4]int8) int8 {
	yes, no := 0, 0
	for _, e := range q {
		switch e {
		case Yes:
			yes++
		case No:
			no++
		}
	}
	switch {
	case yes == 4:
		return Yes
	case no > 0 && yes+no == 4:
		return No
	}
	return NA
}

// EduGroup returns the education group (METHODS §2) of a record with PIRL
// 408 level and 407 grade (pirl.MissingCode when blank), or EduUnknown.
func EduGroup(level, grade int8) int8 { return eduGroup(level, grade) }

func eduGroup(level, grade int8) int8 {
	switch {
	case level == 0:
		return EduLessHS
	case level >= 1 && level <= 3:
		return EduHS
	case level == 4 || level == 5:
		return EduSomePost
	case level == 6:
		return EduAssociate
	case level == 7 || level == 8:
		return EduBachelor
	case level == pirl.MissingCode && grade >= 0 && grade < 12:
		return EduLessHS
	}
	return EduUnknown
}

// AgeAt returns the age in whole years on date at (a birthday on that date
// counts); ok is false when either date is missing or at is before birth.
func AgeAt(birth, at int32) (age int, ok bool) {
	if birth == pirl.MissingDate || at == pirl.MissingDate || at < birth {
		return 0, false
	}
	by, bm, bd := pirl.Civil(birth)
	ey, em, ed := pirl.Civil(at)
	age = ey - by
	if em < bm || (em == bm && ed < bd) {
		age--
	}
	return age, true
}

func ageBand(birth, entry int32) int8 {
	age, ok := AgeAt(birth, entry)
	if !ok {
		return NA
	}
	return bandOf(age)
}

func bandOf(age int) int8 {
	switch {
	case age < 25:
		return 0
	case age < 35:
		return 1
	case age < 45:
		return 2
	case age < 55:
		return 3
	}
	return 4
}

// OneYearAfter returns the day number one calendar year after z (Feb 29 → Feb 28).
func OneYearAfter(z int32) int32 {
	y, m, d := pirl.Civil(z)
	if m == 2 && d == 29 {
		d = 28
	}
	return pirl.DayNumber(y+1, m, d)
}

var credTypes = [3]pirl.Field{pirl.FieldCredType1, pirl.FieldCredType2, pirl.FieldCredType3}
var credDates = [3]pirl.Field{pirl.FieldCredDate1, pirl.FieldCredDate2, pirl.FieldCredDate3}
var trainTypes = [3]pirl.Field{pirl.FieldTrainType1, pirl.FieldTrainType2, pirl.FieldTrainType3}

// credential applies the WIOA credential attainment definition (METHODS §2.3):
// NA outside the denominator, else Yes/No.
func credential(d *pirl.Data, i int, exit int32) int8 {
	in := false
	for _, f := range trainTypes {
		c := d.Code(f, i)
		if (c >= 2 && c <= 4) || (c >= 6 && c <= 10) {
			in = true
			break
		}
	}
	if !in && d.Code(pirl.FieldPostsecondary, i) == 1 {
		in = true
	}
	if !in && d.Code(pirl.FieldEduLevel, i) == 0 && d.Code(pirl.FieldSecondaryEnrolled, i) == 1 {
		in = true
	}
	if !in {
		return NA
	}
	limit := OneYearAfter(exit)
	for k := range credTypes {
		t := d.Code(credTypes[k], i)
		dt := d.Date(credDates[k], i)
		if t < 1 || t > 7 || dt == pirl.MissingDate || dt > limit {
			continue
		}
		if t >= 2 {
			return Yes
		}
		// Type 1 (secondary diploma) counts with employment after exit or
		// post-exit education or training within a year.
		if q := quarters(d, i); q[0] == Yes || q[1] == Yes || q[2] == Yes || q[3] == Yes {
			return Yes
		}
		if pe := d.Date(pirl.FieldPostExitEduDate, i); pe != pirl.MissingDate && pe <= limit {
			return Yes
		}
	}
	return No
}

type prefix struct {
	digits  string
	cluster int8
}

func clusterPrefixes(cs []Cluster) []prefix {
	var ps []prefix
	for c, cl := range cs {
		for _, p := range cl.Prefixes {
			if dg := socDigits(p); dg != "" {
				ps = append(ps, prefix{dg, int8(c + 1)})
			}
		}
	}
	return ps
}

// clusterOf returns the cluster of a digits-only SOC code: the longest
// matching prefix wins; 0 when none matches (non-HD).
func clusterOf(code string, ps []prefix) int8 {
	best, bestLen := int8(0), 0
	for _, p := range ps {
		if len(p.digits) > bestLen && len(code) >= len(p.digits) && code[:len(p.digits)] == p.digits {
			best, bestLen = p.cluster, len(p.digits)
		}
	}
	return best
}
