package measures

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// randomData fills every column Derive reads with random valid values, blanks
// included, dates clustered around the window edges so that boundaries are
// hit often. It builds the columns directly (no text) so that it also serves
// the benchmark at millions of rows.
func randomData(n int, seed uint64) *pirl.Data {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := &pirl.Data{Rows: n}
	day := func(y, m, dd int) int32 { return pirl.DayNumber(y, m, dd) }
	edges := []int32{day(2024, 1, 1), day(2024, 6, 30), day(2023, 12, 31), day(2024, 7, 1),
		day(2024, 2, 29), day(2025, 2, 28), day(2025, 3, 1)}
	randDate := func(blank float64) int32 {
		if rng.Float64() < blank {
			return pirl.MissingDate
		}
		if rng.IntN(3) == 0 {
			return edges[rng.IntN(len(edges))] + int32(rng.IntN(3)-1)
		}
		return day(2022, 1, 1) + int32(rng.IntN(4*365))
	}
	for f := pirl.Field(0); f < pirl.NumFields; f++ {
		e := &pirl.Elements[f]
		c := pirl.MakeColumn(e.Kind, n, f.String(), int(f))
		switch e.Kind {
		case pirl.KindCode:
			var valid []int8
			for v := 0; v < 128; v++ {
				if e.ValidCode(v) {
					valid = append(valid, int8(v))
				}
			}
			for i := range n {
				if rng.IntN(8) == 0 {
					c.SetCode(i, pirl.MissingCode)
				} else {
					c.SetCode(i, valid[rng.IntN(len(valid))])
				}
			}
		case pirl.KindDate:
			blank := 0.3
			if f == pirl.FieldBirthDate {
				for i := range n {
					c.SetDate(i, day(1950, 1, 1)+int32(rng.IntN(60*365)))
				}
				break
			}
			for i := range n {
				c.SetDate(i, randDate(blank))
			}
		case pirl.KindMoney:
			for i := range n {
				switch rng.IntN(6) {
				case 0:
					c.SetNum(i, math.NaN())
				default:
					c.SetNum(i, math.Round(rng.Float64()*2000000)/100)
				}
			}
		case pirl.KindDict:
			if f == pirl.FieldBoard {
				c.Dict = []string{"13005", "13010"}
			} else {
				c.Dict = []string{"291141", "31", "151252", "151132", "152031", "435071", "434051", "43", "533032", "514121", "111021", "15121100"}
			}
			for i := range n {
				c.SetDictIndex(i, int32(rng.IntN(len(c.Dict)+1))-1)
			}
		case pirl.KindGEOID:
			geo := []uint64{0, 13121000100, 13121000200, 13089020100, 13089020200, 13063040300}
			for i := range c.Hash {
				c.Hash[i] = geo[rng.IntN(len(geo))]
			}
		case pirl.KindID:
			for i := range c.Hash {
				c.Hash[i] = rng.Uint64()
			}
		default:
			continue // KindInt, KindFloat: not read by Derive
		}
		d.Cols[f] = c
	}
	return d
}

// oracle is METHODS §2 written out again, plainly and independently of
// derive.go (time package for dates, sets for codes), to compare with Derive
// record by record on random data.
type oracle struct {
	d      *pirl.Data
	o      Options
	tracts TractLookup
}

func (r oracle) code(f pirl.Field, i int) int { return int(r.d.Cols[f].Code(i)) }
func (r oracle) has(f pirl.Field, i int) bool { return r.d.Cols[f].Date(i) != pirl.MissingDate }
func (r oracle) t(f pirl.Field, i int) time.Time {
	return time.Unix(int64(r.d.Cols[f].Date(i))*86400, 0).UTC()
}

func in(v int, set ...int) bool { return slices.Contains(set, v) }

func (r oracle) employed(f pirl.Field, i int) int8 {
	switch c := r.code(f, i); {
	case in(c, 1, 2, 3):
		return Yes
	case c == 0:
		return No
	}
	return NA
}

func (r oracle) cohort(i int) bool {
	if !r.has(pirl.FieldExit, i) {
		return false
	}
	exit := r.d.Cols[pirl.FieldExit].Date(i)
	if r.o.ExitFrom != pirl.MissingDate && exit < r.o.ExitFrom || r.o.ExitTo != pirl.MissingDate && exit > r.o.ExitTo {
		return false
	}
	// A participant: 903/904/905 in 1–3, or 909 = 1 (a Dislocated Worker as
	// CALC4002 counts it). 923: the codes of every program, and for a Youth
	// record (905 in 1–3) the Youth-only codes too.
	participant := r.code(pirl.FieldRapidResponse, i) == 1
	for _, f := range []pirl.Field{pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth} {
		participant = participant || in(r.code(f, i), 1, 2, 3)
	}
	oc := r.code(pirl.FieldOtherExit, i)
	excluded := slices.Contains(r.o.ExcludeCodes, oc) ||
		(in(r.code(pirl.FieldYouth, i), 1, 2, 3) && slices.Contains(r.o.ExcludeCodesYouth, oc))
	return participant && !excluded
}

// yearAfter is the last day within one year of exit: the same date a year
// later, or Feb 28 for a Feb 29 exit.
func (r oracle) yearAfter(i int) time.Time {
	x := r.t(pirl.FieldExit, i)
	if x.Month() == time.February && x.Day() == 29 {
		x = x.AddDate(0, 0, -1)
	}
	return x.AddDate(1, 0, 0)
}

func (r oracle) credential(i int) int8 {
	den := false
	for _, f := range []pirl.Field{pirl.FieldTrainType1, pirl.FieldTrainType2, pirl.FieldTrainType3} {
		den = den || in(r.code(f, i), 2, 3, 4, 6, 7, 8, 9, 10)
	}
	den = den || r.code(pirl.FieldPostsecondary, i) == 1 ||
		r.code(pirl.FieldEduLevel, i) == 0 && r.code(pirl.FieldSecondaryEnrolled, i) == 1
	if !den {
		return NA
	}
	limit := r.yearAfter(i)
	anyEmp := false
	for _, f := range []pirl.Field{pirl.FieldEmpQ1, pirl.FieldEmpQ2, pirl.FieldEmpQ3, pirl.FieldEmpQ4} {
		anyEmp = anyEmp || r.employed(f, i) == Yes
	}
	postEdu := r.has(pirl.FieldPostExitEduDate, i) && !r.t(pirl.FieldPostExitEduDate, i).After(limit)
	slots := [][2]pirl.Field{{pirl.FieldCredType1, pirl.FieldCredDate1}, {pirl.FieldCredType2, pirl.FieldCredDate2}, {pirl.FieldCredType3, pirl.FieldCredDate3}}
	for _, s := range slots {
		typ := r.code(s[0], i)
		if !r.has(s[1], i) || r.t(s[1], i).After(limit) {
			continue
		}
		if in(typ, 2, 3, 4, 5, 6, 7) || typ == 1 && (anyEmp || postEdu) {
			return Yes
		}
	}
	return No
}

func TestDeriveAgainstOracle(t *testing.T) {
	const n = 2*rangeRows + 1234 // several ranges, the last one short
	d := randomData(n, 7)
	lookup := new(fakeTracts).add(13121000100, 200, 1000).add(13121000200, 199.99, 1000).
		add(13089020100, 350, 1000).add(13089020200, 0, 0)
	o := window(t, "2024-01-01", "2024-06-30")
	v := Derive(d, lookup, o)
	r := oracle{d, o, lookup}
	prefixes := map[string]int8{"29": 1, "31": 1, "1512": 2, "1511": 2, "53": 3, "435": 3, "51": 4}
	var cohort, yes [6]int
	for i := 0; i < n; i++ {
		fail := func(what string, got, want any) {
			t.Helper()
			t.Errorf("row %d: %s = %v, oracle says %v", i, what, got, want)
		}
		c := r.cohort(i)
		if v.Cohort[i] != c {
			fail("Cohort", v.Cohort[i], c)
		}
		// Outcomes.
		q2, q4, all4, cred, done, ret := NA, NA, NA, NA, NA, NA
		trainee := r.code(pirl.FieldTraining, i) == 1
		if c {
			q := []int8{r.employed(pirl.FieldEmpQ1, i), r.employed(pirl.FieldEmpQ2, i), r.employed(pirl.FieldEmpQ3, i), r.employed(pirl.FieldEmpQ4, i)}
			q2, q4 = q[1], q[3]
			switch {
			case !slices.Contains(q, No) && !slices.Contains(q, NA):
				all4 = Yes
			case !slices.Contains(q, NA):
				all4 = No
			}
			cred = r.credential(i)
			if trainee && r.has(pirl.FieldEduEnrolled, i) {
				done = No
				if r.has(pirl.FieldEduCompleted, i) {
					done = Yes
				}
			}
			if rel := r.code(pirl.FieldTrainRelated, i); trainee && q2 == Yes && in(rel, 0, 1) && q4 != NA {
				ret = No
				if rel == 1 && q4 == Yes {
					ret = Yes
				}
			}
		}
		for k, m := range []struct {
			name      string
			got, want int8
		}{{"EmpQ2", v.EmpQ2[i], q2}, {"EmpQ4", v.EmpQ4[i], q4}, {"EmpAll4", v.EmpAll4[i], all4},
			{"Credential", v.Credential[i], cred}, {"Completed", v.Completed[i], done}, {"TrainRet", v.TrainRet[i], ret}} {
			if m.got != m.want {
				fail(m.name, triName(m.got), triName(m.want))
			}
			if m.want != NA {
				cohort[k]++
			}
			if m.want == Yes {
				yes[k]++
			}
		}
		// Person-level measures.
		bars := 0
		for _, f := range []pirl.Field{pirl.FieldLongTermUnemployed, pirl.FieldTANF, pirl.FieldExhaustingTANF, pirl.FieldSNAP,
			pirl.FieldFosterCare, pirl.FieldHomeless, pirl.FieldExOffender, pirl.FieldLowIncome, pirl.FieldEnglishLearner,
			pirl.FieldBasicSkills, pirl.FieldCulturalBarriers, pirl.FieldSingleParent, pirl.FieldDisplacedHomemaker, pirl.FieldDisability} {
			if r.code(f, i) == 1 {
				bars++
			}
		}
		if in(r.code(pirl.FieldSSI, i), 1, 2, 3, 4, 5, 6) {
			bars++
		}
		if in(r.code(pirl.FieldFarmworker, i), 1, 2, 3, 4, 5) { // 808: the five farmworker categories
			bars++
		}
		if int(v.Barriers[i]) != bars {
			fail("Barriers", v.Barriers[i], bars)
		}
		low := r.code(pirl.FieldLowIncome, i) == 1
		if needy := low && bars-1 >= 2; v.Neediest[i] != needy {
			fail("Neediest", v.Neediest[i], needy)
		}
		if v.Trainee[i] != trainee {
			fail("Trainee", v.Trainee[i], trainee)
		}
		if s := r.has(pirl.FieldSupportDate, i); v.Support[i] != s {
			fail("Support", v.Support[i], s)
		}
		hp := NA
		if k, ok := lookup.Lookup(d.Cols[pirl.FieldTract].Hash[i]); ok && !math.IsNaN(lookup.PovertyRate(k)) {
			hp = No
			if lookup.PovertyRate(k) >= 0.20 {
				hp = Yes
			}
		}
		if v.HighPov[i] != hp {
			fail("HighPov", triName(v.HighPov[i]), triName(hp))
		}
		age := NA
		if r.has(pirl.FieldEntry, i) && !r.t(pirl.FieldEntry, i).Before(r.t(pirl.FieldBirthDate, i)) {
			b, e := r.t(pirl.FieldBirthDate, i), r.t(pirl.FieldEntry, i)
			// Count birthdays; time normalises Feb 29 + n years to Mar 1
			// in common years, the convention Derive follows.
			years := 0
			for !b.AddDate(years+1, 0, 0).After(e) {
				years++
			}
			age = 0
			if years >= 25 {
				age = int8(min((years-15)/10, 4))
			}
		}
		edu := EduUnknown
		switch l, g := r.code(pirl.FieldEduLevel, i), r.code(pirl.FieldGrade, i); {
		case l == 0 || l == -1 && g >= 0 && g <= 11:
			edu = EduLessHS
		case in(l, 1, 2, 3):
			edu = EduHS
		case in(l, 4, 5):
			edu = EduSomePost
		case l == 6:
			edu = EduAssociate
		case in(l, 7, 8):
			edu = EduBachelor
		}
		if v.Edu[i] != edu {
			fail("Edu", v.Edu[i], edu)
		}
		cl := NA
		if code := d.Text(pirl.FieldTrainCode1, i); trainee && code != "" {
			cl = 0
			for l := len(code); l > 0 && cl == 0; l-- { // longest prefix first
				cl = prefixes[code[:l]]
			}
		}
		if v.Cluster[i] != cl {
			fail("Cluster", v.Cluster[i], cl)
		}
		enrolled := NA
		if r.code(pirl.FieldRapidResponse, i) == 1 {
			enrolled = Yes
		}
		for _, f := range []pirl.Field{pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth} {
			switch c := r.code(f, i); {
			case in(c, 1, 2, 3):
				enrolled = Yes
			case c == 4 && enrolled == NA:
				enrolled = No
			}
		}
		if v.Enrolled[i] != enrolled || v.Record[i] != (enrolled != NA) {
			fail("Enrolled", triName(v.Enrolled[i]), triName(enrolled))
		}
		if v.AgeBand[i] != age {
			fail("AgeBand", v.AgeBand[i], age)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	// The random data must exercise every outcome, or the comparison proves little.
	for k, name := range []string{"EmpQ2", "EmpQ4", "EmpAll4", "Credential", "Completed", "TrainRet"} {
		if cohort[k] < 100 || yes[k] < 20 || cohort[k]-yes[k] < 20 {
			t.Errorf("%s: only %d known, %d yes in the random data", name, cohort[k], yes[k])
		}
	}
	t.Logf("cohort %d of %d; known/yes per measure %v / %v", v.Counts.Cohort, n, cohort, yes)
}

// BenchmarkDerive measures Derive on random records with every column
// present; ns/row × 20e6 estimates a national file.
func BenchmarkDerive(b *testing.B) {
	const n = 1 << 20
	d := randomData(n, 1)
	lookup := new(fakeTracts).add(13121000100, 200, 1000).add(13089020100, 350, 1000)
	o := DefaultOptions()
	o.ExitFrom, o.ExitTo = pirl.DayNumber(2024, 1, 1), pirl.DayNumber(2024, 6, 30)
	b.ResetTimer()
	for b.Loop() {
		Derive(d, lookup, o)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/row")
}
