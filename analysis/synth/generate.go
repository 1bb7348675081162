package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Config says what to generate. Zero fields take the documented defaults.
type Config struct {
	Rows      int         // rows (periods of participation) to write
	Seed      uint64      // the same Config and Seed give the same bytes
	Style     HeaderStyle // header style; "" = StyleSpace
	Delimiter byte        // ',' (default when 0) or '\t'
	// Layout is the file's shape: LayoutDefault, or LayoutPUF (the DOL
	// public-use file; Style and Columns must then be zero).
	Layout Layout
	Tracts int  // synthetic tracts; 0 = 500
	Gaps   Gaps // injected gaps; the zero value injects none
	// Start and End bound the exit dates (inclusive); zero = 2022-07-01 and
	// 2024-06-30 (program years 2022–2023), or with LayoutPUF 2021-01-01
	// and 2023-06-30 (the exits a PY2022 Q4 report's cohorts need; the
	// quarter holding End is REPORT_QUARTER).
	Start, End time.Time
	// AsOf is the date the outcomes were extracted: an after-exit quarter is
	// "not yet available" (9, wages 999999.99) unless it ended at least 150
	// days before AsOf. Zero = End + 300 days.
	AsOf time.Time
	// Columns is the total number of columns, element columns plus fillers;
	// 0 = 310, like the DOL public-use file.
	Columns int
	// SupportRate is the share of participants receiving supportive services;
	// 0 = 0.15.
	SupportRate float64
	// Pilot builds an effect into some boards after a date (pilot.go); the
	// zero value builds in none.
	Pilot Pilot
	// TractBoards adds a board column to the tract file: each tract's
	// local board, the PIRL 108A code of the records placed in it (for
	// poverty-participation by board). It changes nothing else; without it
	// the tract file is as before.
	TractBoards bool
}

// Defaults of Config.
const (
	DefaultTracts      = 500
	DefaultColumns     = 310
	DefaultSupportRate = 0.15
	// MaxRows bounds Rows: five times the national public-use file
	// (some 40 GB of CSV).
	MaxRows = 100_000_000
	// MaxTracts bounds Tracts.
	MaxTracts   = 100_000
	wageLagDays = 150 // days after a quarter ends before its wage records are complete
)

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.Style == "" {
		c.Style = StyleSpace
	}
	if c.Delimiter == 0 {
		c.Delimiter = ','
	}
	if c.Tracts == 0 {
		c.Tracts = DefaultTracts
	}
	if c.Start.IsZero() {
		c.Start = time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)
		if c.Layout == LayoutPUF {
			c.Start = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	if c.End.IsZero() {
		c.End = time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
		if c.Layout == LayoutPUF {
			c.End = time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
		}
	}
	if c.AsOf.IsZero() {
		c.AsOf = c.End.AddDate(0, 0, 300)
	}
	if c.Columns == 0 && c.Layout == LayoutDefault {
		c.Columns = DefaultColumns
	}
	if c.SupportRate == 0 {
		c.SupportRate = DefaultSupportRate
	}
	return c
}

// Summary reports what Generate wrote and the true sizes it built in.
type Summary struct {
	Rows          int // data rows written
	People        int // distinct identifiers
	SecondPeriods int // rows that are a person's later period of participation
	Exiters       int // rows with an exit date
	Participants  int // rows enrolled (903/904/905 in 1–3)
	Reportable    int // reportable individuals only (4)
	Columns       int
	Tracts        int
	HighPoverty   int // tracts with poverty rate ≥ 20 %

	Config Config // with defaults filled in
	Gaps   Gaps   // as injected (= Config.Gaps)
	Truth  Truth
}

// Truth holds population quantities implied by the generating model.
type Truth struct {
	Neediest float64 // P(neediest) among all records
	// TrainedParticipants is P(training) among participants.
	TrainedParticipants float64
	// WageExplained is the part of GenderWage (dollars/hour) carried by the
	// training-cluster composition; ClusterShift is the Advanced Manufacturing
	// share of trainees, men − women, that carries it.
	WageExplained, ClusterShift float64
	// PoorInHighPoverty is the share of residents in poverty who live in
	// high-poverty tracts.
	PoorInHighPoverty float64
}

// Generate writes a synthetic PIRL participant file to pirlOut and, when
// tractsOut is not nil, the matching tract reference file (CSV
// GEOID,B17001_001E,B17001_002E,B01003_001E,ALAND) to tractsOut.
//
// The participant file has one row per period of participation and
// Config.Columns columns: every element of pirl.Elements (plus the extension
// columns tract_geoid, hourly_wage, latitude, longitude) interleaved in PIRL
// number order with filler columns named after other PIRL numbers, mostly
// empty. The tract file is drawn from its own random stream, so it does not
// depend on Rows or Gaps.
func Generate(pirlOut, tractsOut io.Writer, cfg Config) (Summary, error) {
	var sum Summary
	if _, err := ParseLayout(string(cfg.Layout)); err != nil {
		return sum, err
	}
	if cfg.Layout == LayoutPUF && (cfg.Style != "" || cfg.Columns != 0) {
		return sum, fmt.Errorf("layout %s has the public-use file's own headers and columns: header style and column count do not apply", cfg.Layout)
	}
	cfg = cfg.withDefaults()
	if cfg.Rows < 0 || cfg.Rows > MaxRows {
		return sum, fmt.Errorf("rows %d: must be in 0..%d", cfg.Rows, MaxRows)
	}
	if _, err := ParseStyle(string(cfg.Style)); err != nil {
		return sum, err
	}
	switch cfg.Delimiter {
	case ',', '\t', ';', '|':
	default:
		return sum, fmt.Errorf("delimiter %q: want ',', tab, ';' or '|'", cfg.Delimiter)
	}
	if cfg.Tracts < 1 || cfg.Tracts > MaxTracts {
		return sum, fmt.Errorf("tracts %d: must be in 1..%d", cfg.Tracts, MaxTracts)
	}
	if !cfg.Start.Before(cfg.End) {
		return sum, fmt.Errorf("exit window %s..%s is empty", cfg.Start.Format(time.DateOnly), cfg.End.Format(time.DateOnly))
	}
	m, err := newModel(cfg.Gaps, cfg.SupportRate)
	if err != nil {
		return sum, err
	}
	var cols []column
	var pcols []pufColumn
	if cfg.Layout == LayoutPUF {
		pcols = pufColumns()
	} else if cols, err = layout(cfg.Style, cfg.Columns); err != nil {
		return sum, err
	}
	ts := makeTracts(cfg.Seed, cfg.Tracts, cfg.Gaps.participationRatio())
	if tractsOut != nil {
		if err := ts.write(tractsOut, cfg.TractBoards); err != nil {
			return sum, err
		}
	}
	sum = Summary{Columns: len(cols) + len(pcols), Tracts: cfg.Tracts, HighPoverty: ts.nHigh, Config: cfg, Gaps: cfg.Gaps}
	sum.Truth = Truth{Neediest: m.neediest, TrainedParticipants: m.trained, WageExplained: cfg.Gaps.GenderWage * cfg.Gaps.GenderWageExplained,
		ClusterShift: m.shift, PoorInHighPoverty: ts.poorHigh}

	w := bufio.NewWriterSize(pirlOut, 1<<20)
	g := &generator{
		cfg: cfg, m: m, ts: ts, cols: cols, pcols: pcols, sum: &sum,
		r:     rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15)),
		start: dayOf(cfg.Start), end: dayOf(cfg.End), asOf: dayOf(cfg.AsOf),
	}
	if err := g.setupPilot(); err != nil {
		return sum, err
	}
	for f := range g.kind {
		g.kind[f] = pirl.Elements[f].Kind
	}
	g.twoDigit[pirl.FieldOtherExit] = true
	g.twoDigit[pirl.FieldTrainType1] = true
	g.twoDigit[pirl.FieldTrainType2] = true
	g.twoDigit[pirl.FieldTrainType3] = true
	var buf []byte
	if pcols != nil {
		g.r2 = newPUFRand(cfg.Seed)
		g.per = newPUFPeriod(cfg.End)
		buf = []byte(strings.Join(PUFHeaders(), string(cfg.Delimiter)) + "\n")
	} else {
		buf = appendHeader(make([]byte, 0, 8192), cols, cfg.Delimiter)
	}
	if _, err := w.Write(buf); err != nil {
		return sum, err
	}
	for range cfg.Rows {
		g.row()
		if pcols != nil {
			g.pufExtras()
			buf = g.appendPUFRow(buf[:0])
		} else {
			buf = g.appendRow(buf[:0])
		}
		if _, err := w.Write(buf); err != nil {
			return sum, err
		}
	}
	if err := w.Flush(); err != nil {
		return sum, err
	}
	return sum, nil
}

func dayOf(t time.Time) int32 { return pirl.DayNumber(t.Year(), int(t.Month()), t.Day()) }

// tractSet is the synthetic tract universe.
type tractSet struct {
	geoid, board         [][]byte
	universe, below, pop []int
	aland                []int64
	lat, lon             []float64
	high                 []bool
	cum                  []float64 // cumulative participation weights
	nHigh                int
	poorHigh             float64
}

// makeTracts draws n tracts in state 13 and synthetic counties 901, 903, …
// About 30 % have a poverty rate at or above 20 %; rates stay at least one
// point away from 20 % so that rounding never moves a tract across.
func makeTracts(seed uint64, n int, ratio float64) *tractSet {
	r := rand.New(rand.NewPCG(seed, 0x7472616374730000))
	perCounty := max(60, (n+48)/49)
	ts := &tractSet{}
	var poorAll, poorHigh, total float64
	for k := range n {
		county := 901 + 2*(k/perCounty)
		code := (k%perCounty + 1) * 100
		ts.geoid = append(ts.geoid, []byte(fmt.Sprintf("13%03d%06d", county, code)))
		ts.board = append(ts.board, []byte(fmt.Sprintf("13%03d", 100+county%100/2%30)))
		high := r.Float64() < 0.30
		var rate, sqmi float64
		if high {
			rate = 0.21 + 0.29*r.Float64()
			sqmi = 0.4 + 3.6*r.Float64()
		} else {
			rate = 0.03 + 0.16*r.Float64()
			sqmi = 1 + 24*r.Float64()
		}
		uni := 1200 + r.IntN(5800)
		below := int(math.Round(float64(uni) * rate))
		high = below*5 >= uni
		pop := uni + r.IntN(uni/20+1)
		ts.universe = append(ts.universe, uni)
		ts.below = append(ts.below, below)
		ts.pop = append(ts.pop, pop)
		ts.aland = append(ts.aland, int64(math.Round(sqmi*2589988.110336)))
		ts.lat = append(ts.lat, 33.4+0.8*r.Float64())
		ts.lon = append(ts.lon, -84.8+0.9*r.Float64())
		ts.high = append(ts.high, high)
		w := float64(below)
		poorAll += w
		if high {
			ts.nHigh++
			poorHigh += w
			w *= ratio
		}
		total += w
		ts.cum = append(ts.cum, total)
	}
	if poorAll > 0 {
		ts.poorHigh = poorHigh / poorAll
	}
	return ts
}

func (ts *tractSet) write(w io.Writer, boards bool) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("GEOID,B17001_001E,B17001_002E,B01003_001E,ALAND")
	if boards {
		bw.WriteString(",board")
	}
	bw.WriteString("\n")
	var b []byte
	for i := range ts.geoid {
		b = append(b[:0], ts.geoid[i]...)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ts.universe[i]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ts.below[i]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ts.pop[i]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, ts.aland[i], 10)
		if boards {
			b = append(b, ',')
			b = append(b, ts.board[i]...)
		}
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// pick draws a tract with probability proportional to its weight.
func (ts *tractSet) pick(r *rand.Rand) int {
	u := r.Float64() * ts.cum[len(ts.cum)-1]
	i := sort.SearchFloat64s(ts.cum, u)
	if i >= len(ts.cum) {
		i = len(ts.cum) - 1
	}
	// SearchFloat64s finds the first cum ≥ u; a tract with zero weight has
	// cum equal to its predecessor's and is never returned for u > 0.
	for i > 0 && ts.cum[i-1] == ts.cum[i] && u <= ts.cum[i-1] {
		i--
	}
	return i
}

// person is what a second period of participation copies from the first.
type person struct {
	id    uint64
	dob   int32
	sex   int8
	race  [6]int8 // 210–215
	tract int
	edu   int8 // 408
	grade int8 // 407
	bar   [nBarriers]int8
	prog  int // 0 adult, 1 dislocated worker, 2 youth
	coDW  bool
}

type generator struct {
	cfg              Config
	m                *model
	cur              *model // the row's model: m, or pm in a pilot board after the start
	pm               *model // Config.Pilot's model; nil without a pilot
	pilotTract       []bool // tract in a pilot board
	pilotStart       int32
	pilotByEntry     bool
	ts               *tractSet
	cols             []column
	pcols            []pufColumn // LayoutPUF: the columns (cols is then nil)
	r2               *rand.Rand  // LayoutPUF: the stream of the items the model does not hold
	puf              pufRecord
	per              pufPeriod
	sum              *Summary
	r                *rand.Rand
	start, end, asOf int32
	kind             [pirl.NumFields]pirl.Kind
	twoDigit         [pirl.NumFields]bool

	// the row being built; blank = -1 / MissingDate / NaN / nil
	code [pirl.NumFields]int8
	date [pirl.NumFields]int32
	num  [pirl.NumFields]float64
	str  [pirl.NumFields][]byte

	idbuf    []byte
	prev     person
	prevExit int32
	people   uint64
}

var nan = math.NaN()

func (g *generator) reset() {
	for f := range g.code {
		g.code[f] = -1
		g.date[f] = pirl.MissingDate
		g.num[f] = nan
		g.str[f] = nil
	}
}

func (g *generator) newPerson() person {
	r := g.r
	p := person{id: (g.people*2654435761 + 1000003) % 10000000000}
	g.people++
	switch u := r.Float64(); {
	case u < pMale:
		p.sex = 1
	case u < pMale+pFemale:
		p.sex = 2
	default:
		p.sex = 9
	}
	// 210 Hispanic, then one race (211–215) or a declined answer.
	p.race[0] = yesNoUnknown(r, 0.10, 0.03)
	for i := 1; i < 6; i++ {
		p.race[i] = 0
	}
	switch u := r.Float64(); {
	case u < 0.45:
		p.race[3] = 1 // 213 Black
	case u < 0.83:
		p.race[5] = 1 // 215 White
	case u < 0.88:
		p.race[2] = 1 // 212 Asian
	case u < 0.89:
		p.race[1] = 1 // 211 AIAN
	case u < 0.895:
		p.race[4] = 1 // 214 NHOPI
	case u < 0.915:
		p.race[3], p.race[5] = 1, 1 // two or more races
	default:
		for i := 1; i < 6; i++ {
			p.race[i] = 9
		}
	}
	p.tract = g.ts.pick(r)
	if r.Float64() < pLessHS {
		p.edu = 0
		p.grade = int8(8 + r.IntN(4))
	} else {
		// 1 diploma, 2 equivalency, 3 certificate of attendance, 4 some
		// college, 5 postsecondary certificate, 6 associate, 7 BA, 8 beyond.
		const cum1, cum2, cum3, cum4, cum5, cum6, cum7 = 0.40, 0.47, 0.48, 0.66, 0.74, 0.82, 0.96
		switch u := r.Float64(); {
		case u < cum1:
			p.edu = 1
		case u < cum2:
			p.edu = 2
		case u < cum3:
			p.edu = 3
		case u < cum4:
			p.edu = 4
		case u < cum5:
			p.edu = 5
		case u < cum6:
			p.edu = 6
		case u < cum7:
			p.edu = 7
		default:
			p.edu = 8
		}
		p.grade = 12
	}
	for b := range nBarriers {
		p.bar[b] = yesNoUnknown(r, barYes[b], pUnknown)
		if b == bar602 && p.bar[b] == 1 {
			p.bar[b] = int8(1 + r.IntN(6)) // SSI/SSDI kinds 1–6
		}
	}
	switch u := r.Float64(); {
	case u < 0.55:
		p.prog = 0
		p.coDW = r.Float64() < 0.05
	case u < 0.80:
		p.prog = 1
	default:
		p.prog = 2
	}
	return p
}

func yesNoUnknown(r *rand.Rand, yes, unknown float64) int8 {
	switch u := r.Float64(); {
	case u < yes:
		return 1
	case u < yes+unknown:
		return 9
	}
	return 0
}

func (p *person) neediest() bool {
	if p.bar[bar802] != 1 {
		return false
	}
	n := 0
	for b, v := range p.bar {
		if b != bar802 && v >= 1 && v <= 6 {
			n++
		}
	}
	return n >= 2
}

// row builds the next row in g.code/date/num/str.
func (g *generator) row() {
	g.reset()
	r, m := g.r, g.m
	var p person
	var entry, exit int32
	repeat := g.sum.Rows > 0 && g.prevExit != pirl.MissingDate && r.Float64() < pRepeat
	if repeat {
		entry = g.prevExit + 30 + int32(r.IntN(150))
		repeat = entry <= g.end
	}
	if repeat {
		p = g.prev
		g.sum.SecondPeriods++
		exit = entry + 30 + int32(r.IntN(360))
		if exit > g.end {
			exit = pirl.MissingDate // still participating at the end of the window
		}
	} else {
		p = g.newPerson()
		g.sum.People++
		if r.Float64() < pExited {
			exit = g.start + int32(r.IntN(int(g.end-g.start)+1))
			entry = exit - 30 - int32(r.IntN(540))
		} else {
			exit = pirl.MissingDate
			entry = g.end - int32(r.IntN(300))
		}
	}
	g.prev, g.prevExit = p, exit
	g.sum.Rows++
	m = g.modelFor(p.tract, entry, exit)
	g.cur = m
	exited := exit != pirl.MissingDate
	last := exit // last day of participation seen in the file
	if !exited {
		last = g.end
	}

	// Person-level elements.
	g.idbuf = appendPadded(g.idbuf[:0], p.id, 10)
	g.str[pirl.FieldID] = g.idbuf
	g.str[pirl.FieldBoard] = g.ts.board[p.tract]
	g.str[pirl.FieldTract] = g.ts.geoid[p.tract]
	g.num[pirl.FieldLatitude] = g.ts.lat[p.tract] + 0.01*(r.Float64()-0.5)
	g.num[pirl.FieldLongitude] = g.ts.lon[p.tract] + 0.01*(r.Float64()-0.5)
	if p.dob == 0 {
		age := 18 + r.IntN(50)
		if p.prog == 2 {
			age = 16 + r.IntN(9)
		}
		p.dob = entry - int32(age*365) - int32(r.IntN(365))
		g.prev.dob = p.dob
	}
	g.date[pirl.FieldBirthDate] = p.dob
	g.code[pirl.FieldSex] = p.sex
	for i, f := range [6]pirl.Field{pirl.FieldHispanic, pirl.FieldAIAN, pirl.FieldAsian, pirl.FieldBlack, pirl.FieldNHOPI, pirl.FieldWhite} {
		g.code[f] = p.race[i]
	}
	for b, f := range [nBarriers]pirl.Field{pirl.FieldLongTermUnemployed, pirl.FieldTANF, pirl.FieldSSI, pirl.FieldSNAP, pirl.FieldHomeless,
		pirl.FieldExOffender, pirl.FieldLowIncome, pirl.FieldEnglishLearner, pirl.FieldBasicSkills, pirl.FieldSingleParent, pirl.FieldDisability} {
		g.code[f] = p.bar[b]
	}
	g.code[pirl.FieldGrade] = p.grade
	g.code[pirl.FieldEduLevel] = p.edu
	g.date[pirl.FieldEntry] = entry
	g.date[pirl.FieldExit] = exit

	// Enrollment: participant (1–3) or reportable individual only (4).
	female := p.sex == 2
	needy := p.neediest()
	enrolled := r.Float64() < m.enroll(needy)
	status := int8(4)
	if enrolled {
		status = 1
		if u := r.Float64(); u < 0.05 {
			status = 3
		} else if u < 0.15 {
			status = 2
		}
		g.sum.Participants++
	} else {
		g.sum.Reportable++
	}
	progs := [3]pirl.Field{pirl.FieldAdult, pirl.FieldDW, pirl.FieldYouth}
	for i, f := range progs {
		g.code[f] = 0
		if i == p.prog || (i == 1 && p.coDW) {
			g.code[f] = status
		}
	}
	if exited {
		g.sum.Exiters++
		g.code[pirl.FieldOtherExit] = 0
		if enrolled && r.Float64() < pExclusion {
			g.code[pirl.FieldOtherExit] = int8(1 + r.IntN(7))
		}
	}
	g.code[pirl.FieldTraining] = 0
	if !enrolled {
		return
	}

	support := r.Float64() < g.cfg.SupportRate
	if support {
		g.date[pirl.FieldSupportDate] = entry + int32(r.IntN(int(last-entry)+1))
	}
	if p.prog == 2 && r.Float64() < 0.3 {
		g.date[pirl.FieldMSGDate1] = entry + int32(r.IntN(int(last-entry)+1))
	}
	trained := r.Float64() < m.train(needy)
	cl := -1
	denom, completed := false, false
	if trained {
		g.code[pirl.FieldTraining] = 1
		t1 := trainingType(r)
		denom = t1 != 1 && t1 != 5 // only OJT or customized training is outside the credential denominator
		g.code[pirl.FieldTrainType1] = t1
		sx := 0
		if p.sex == 2 {
			sx = 1
		} else if p.sex == 9 {
			sx = 2
		}
		cl = pickCum(r, m.shares[sx][:])
		socs := clusterSOC[cl]
		g.str[pirl.FieldTrainCode1] = []byte(socs[r.IntN(len(socs))])
		if u := r.Float64(); denom && u < 0.10 {
			g.code[pirl.FieldTrainType2] = [3]int8{6, 2, 10}[r.IntN(3)]
			g.str[pirl.FieldTrainCode2] = []byte(socs[r.IntN(len(socs))])
		} else if !denom && u < 0.05 {
			g.code[pirl.FieldTrainType2] = 5
			g.str[pirl.FieldTrainCode2] = []byte(socs[r.IntN(len(socs))])
		}
		if denom && r.Float64() < 0.3 {
			g.code[pirl.FieldPostsecondary] = 1
		} else {
			g.code[pirl.FieldPostsecondary] = 0
		}
		if p.prog == 2 && p.edu == 0 && denom && r.Float64() < 0.5 {
			g.code[pirl.FieldSecondaryEnrolled] = 1
		}
		start := entry + int32(r.IntN(int(min(30, last-entry))+1))
		g.date[pirl.FieldEduEnrolled] = start
		completed = r.Float64() < m.complete(female)
		if completed {
			g.date[pirl.FieldEduCompleted] = start + int32(r.IntN(int(last-start)+1))
		}
		if r.Float64() < 0.4 {
			g.date[pirl.FieldMSGDate4] = start + int32(r.IntN(int(last-start)+1))
		}
	}
	if !exited {
		return
	}
	g.outcomes(&p, exit, female, support, trained, cl)

	// Credentials (exiters only).
	g.code[pirl.FieldCredType1] = 0
	if trained {
		high := g.ts.high[p.tract]
		if denom {
			pc, pk := m.cred(female, high, support), m.complete(female)
			switch {
			case completed && r.Float64() < pc/pk:
				g.code[pirl.FieldCredType1] = credentialType(r)
				d := exit - 60 + int32(r.IntN(360))
				g.date[pirl.FieldCredDate1] = max(d, entry)
				if r.Float64() < 0.10 {
					g.code[pirl.FieldCredType2] = [2]int8{5, 6}[r.IntN(2)]
					g.date[pirl.FieldCredDate2] = max(exit-int32(r.IntN(60)), entry)
				}
			case r.Float64() < 0.04:
				// A credential more than a year after exit: recorded, but not
				// counted by the indicator.
				d := exit + 366 + int32(r.IntN(90))
				if d <= g.asOf {
					g.code[pirl.FieldCredType1] = 5
					g.date[pirl.FieldCredDate1] = d
				}
			}
		} else if r.Float64() < 0.15 {
			g.code[pirl.FieldCredType1] = 6
			g.date[pirl.FieldCredDate1] = max(exit-int32(r.IntN(60)), entry)
		}
	}
	if r.Float64() < 0.03 {
		if d := exit + 30 + int32(r.IntN(300)); d <= g.asOf {
			g.date[pirl.FieldPostExitEduDate] = d
		}
	}
}

// outcomes fills employment, wages and training-related employment.
func (g *generator) outcomes(p *person, exit int32, female, support, trained bool, cl int) {
	r, m := g.r, g.cur
	lessHS := p.edu == 0
	a, e2, e4 := m.emp(lessHS, support, cl == clTDL)
	var emp [4]bool
	if r.Float64() < a {
		emp = [4]bool{true, true, true, true}
	} else {
		emp[1] = r.Float64() < (e2-a)/(1-a)
		emp[3] = r.Float64() < (e4-a)/(1-a)
		emp[0] = r.Float64() < 0.75
		emp[2] = r.Float64() < 0.75
		if emp[0] && emp[1] && emp[2] && emp[3] {
			emp[r.IntN(2)*2] = false // not in the all-four group
		}
	}
	// Which after-exit quarters are reported yet.
	y, mo, _ := pirl.Civil(exit)
	q := y*4 + (mo-1)/3
	var avail [4]bool
	for k := range 4 {
		qe := q + k + 2 // the quarter after the (k+1)-th after-exit quarter
		end := pirl.DayNumber(qe/4, qe%4*3+1, 1) - 1
		avail[k] = end+wageLagDays <= g.asOf
	}
	hourly := 0.0
	if emp[1] || emp[0] || emp[2] || emp[3] {
		hourly = math.Exp(math.Log(wageMedian) + wageSigma*r.NormFloat64())
		if cl >= 0 {
			hourly += clusterPremium[cl]
		}
		if p.sex == 1 {
			hourly += m.direct
		}
		hourly = math.Round(hourly*100) / 100
	}
	hours := (25 + 15*r.Float64()) * (1 + m.g.EducationEarnings*b2f(lessHS))
	empF := [4]pirl.Field{pirl.FieldEmpQ1, pirl.FieldEmpQ2, pirl.FieldEmpQ3, pirl.FieldEmpQ4}
	wageF := [4]pirl.Field{pirl.FieldWageQ1, pirl.FieldWageQ2, pirl.FieldWageQ3, pirl.FieldWageQ4}
	for k := range 4 {
		switch {
		case !avail[k]:
			g.code[empF[k]] = 9
			g.num[wageF[k]] = 999999.99
		case emp[k]:
			g.code[empF[k]] = 1
			if u := r.Float64(); u < 0.01 {
				g.code[empF[k]] = 2
			} else if u < 0.10 {
				g.code[empF[k]] = 3
			}
			f := 1.0
			if k != 1 {
				f = 0.8 + 0.3*r.Float64()
			}
			g.num[wageF[k]] = math.Round(hourly*hours*13*f*100) / 100
		default:
			g.code[empF[k]] = 0
			g.num[wageF[k]] = 0
		}
	}
	if avail[1] && emp[1] {
		g.num[pirl.FieldHourlyWage] = hourly
	}
	if trained {
		switch {
		case !avail[1]:
			g.code[pirl.FieldTrainRelated] = 9
		case emp[1]:
			// Retention (1608 = 1 and employed Q4) must have probability
			// retain(); among those employed in Q4 that is retain()/P(Q4|Q2).
			p1608 := 0.5
			if emp[3] {
				p1608 = m.retain(female, cl == clHC || cl == clIT) / q4GivenQ2(a, e2, e4)
			}
			g.code[pirl.FieldTrainRelated] = int8(b2f(r.Float64() < p1608))
		}
	}
	switch {
	case !avail[1] || !avail[3]:
		g.code[pirl.FieldSameEmployer] = 9
	case emp[1] && emp[3]:
		g.code[pirl.FieldSameEmployer] = int8(b2f(r.Float64() < 0.7))
	default:
		g.code[pirl.FieldSameEmployer] = 0
	}
	if p.prog == 2 {
		for i, f := range [2]pirl.Field{pirl.FieldYouthQ2, pirl.FieldYouthQ4} {
			k := 1 + 2*i
			switch {
			case !avail[k]:
				g.code[f] = 9
			case emp[k]:
				g.code[f] = 1
			default:
				g.code[f] = 0
			}
		}
	}
}

// trainingType draws 1303: mostly occupational skills training (06).
func trainingType(r *rand.Rand) int8 {
	switch u := r.Float64(); {
	case u < 0.70:
		return 6
	case u < 0.82:
		return 1 // on-the-job training
	case u < 0.87:
		return 5 // customized
	case u < 0.92:
		return 9 // apprenticeship
	case u < 0.95:
		return 2
	case u < 0.97:
		return 3
	case u < 0.98:
		return 4
	case u < 0.99:
		return 7
	}
	return 10
}

// credentialType draws a counted credential type (2–7); type 1 (secondary
// diploma) is left out because it counts only with later employment.
func credentialType(r *rand.Rand) int8 {
	switch u := r.Float64(); {
	case u < 0.25:
		return 4
	case u < 0.55:
		return 5
	case u < 0.80:
		return 6
	case u < 0.90:
		return 2
	case u < 0.93:
		return 3
	}
	return 7
}

func pickCum(r *rand.Rand, cum []float64) int {
	u := r.Float64()
	for i, c := range cum {
		if u < c {
			return i
		}
	}
	return len(cum) - 1
}

func appendPadded(b []byte, v uint64, width int) []byte {
	var tmp [20]byte
	d := strconv.AppendUint(tmp[:0], v, 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

func appendDate(b []byte, day int32) []byte {
	y, m, d := pirl.Civil(day)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+m/10), byte('0'+m%10), byte('0'+d/10), byte('0'+d%10))
}

// appendRow formats the row being built.
func (g *generator) appendRow(b []byte) []byte {
	delim := g.cfg.Delimiter
	for i := range g.cols {
		c := &g.cols[i]
		if i > 0 {
			b = append(b, delim)
		}
		if c.field < 0 {
			b = append(b, c.fill...)
			continue
		}
		f := c.field
		switch g.kind[f] {
		case pirl.KindCode:
			if v := g.code[f]; v >= 0 {
				if g.twoDigit[f] && v < 10 {
					b = append(b, '0')
				}
				b = strconv.AppendInt(b, int64(v), 10)
			}
		case pirl.KindDate:
			if d := g.date[f]; d != pirl.MissingDate {
				b = appendDate(b, d)
			}
		case pirl.KindMoney:
			if v := g.num[f]; !math.IsNaN(v) {
				b = strconv.AppendFloat(b, v, 'f', 2, 64)
			}
		case pirl.KindFloat:
			if v := g.num[f]; !math.IsNaN(v) {
				b = strconv.AppendFloat(b, v, 'f', 5, 64)
			}
		default:
			b = append(b, g.str[f]...)
		}
	}
	return append(b, '\n')
}
