package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/wioa-equity/wioa/analysis/pirl"
)

// Layout is the shape of the participant file.
type Layout string

// Layouts.
const (
	// LayoutDefault is the tool's own synthetic PIRL file: the elements the
	// tool reads, filler columns, extension columns (doc.go, "Shape").
	LayoutDefault Layout = ""
	// LayoutPUF is the DOL WIOA public-use file of the PY2022 Q4 record
	// layout (doc.go, "Public-use-file layout").
	LayoutPUF Layout = "puf-py2022q4"
)

// ParseLayout returns the layout of that name ("" or "default" for
// LayoutDefault).
func ParseLayout(s string) (Layout, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "default":
		return LayoutDefault, nil
	case string(LayoutPUF):
		return LayoutPUF, nil
	}
	return "", fmt.Errorf("unknown layout %q (want default or %s)", s, LayoutPUF)
}

// pufElement is one element of the public-use-file record layout.
type pufElement struct {
	Element, Header, Name, Type string
	Codes                       []int // the layout's code values; nil when it lists none
	Note                        string
}

// PUFHeaders returns the column headers of the PY2022 Q4 public-use file in
// the official order (PIRL100 … PIRL3007, CALC4000 … CALC4041, REPORT_QUARTER).
func PUFHeaders() []string {
	h := make([]string, len(pufLayout))
	for i := range pufLayout {
		h[i] = pufLayout[i].Header
	}
	return h
}

// PUFCodes returns the code values the layout lists for the element with
// that header, and whether it lists any.
func PUFCodes(header string) ([]int, bool) {
	for i := range pufLayout {
		if pufLayout[i].Header == header {
			return pufLayout[i].Codes, pufLayout[i].Codes != nil
		}
	}
	return nil, false
}

// What a public-use-file column holds.
type pufOp uint8

const (
	pufBlank      pufOp = iota
	pufField            // a generated element, written as the PUF writes it
	pufRecode           // 1600/1602/1604/1606: 1–3 → 1
	pufWage             // 1703–1706: whole dollars, blank when not yet available
	pufONET             // 1306/1311/1316: 6-digit O*NET-SOC
	pufMatch            // 1601/1603/1605/1607 type of employment match
	pufRR               // 909
	pufWP               // 918
	pufCalc             // CALC40xx
	pufState            // CALC4000
	pufRepQuarter       // REPORT_QUARTER
)

type pufColumn struct {
	op    pufOp
	field pirl.Field
	k     int    // quarter (pufMatch) or CALC item number − 4000
	valid uint32 // codes the layout lists, as a bit set (bit v = code v ≤ 31); 0 = no list
}

// pufColumns maps every element of the layout to what the generator writes.
func pufColumns() []pufColumn {
	byNumber := map[string]pirl.Field{}
	for _, f := range defaultFields {
		if n := pirl.Elements[f].Number; n != "" {
			byNumber[n] = f
		}
	}
	cols := make([]pufColumn, len(pufLayout))
	for i := range pufLayout {
		e := &pufLayout[i]
		c := &cols[i]
		for _, v := range e.Codes {
			if v < 32 {
				c.valid |= 1 << v
			}
		}
		num := strings.ReplaceAll(e.Element, "-", "")
		switch {
		case e.Note == "blank":
			c.op = pufBlank // 101, 102, 103, 200, 401, 1112, 2700–2702
		case num == "909":
			c.op = pufRR
		case num == "918":
			c.op = pufWP
		case num == "1601" || num == "1603" || num == "1605" || num == "1607":
			c.op = pufMatch
			c.k = (int(num[3]) - '1') / 2
		case num == "CALC4000":
			c.op = pufState
		case strings.HasPrefix(num, "CALC"):
			c.op = pufCalc
			c.k, _ = strconv.Atoi(num[4:])
			c.k -= 4000
		case num == "Report_Quarter":
			c.op = pufRepQuarter
		default:
			f, ok := byNumber[num]
			if !ok {
				continue // not generated: blank
			}
			c.field = f
			switch {
			case f == pirl.FieldEmpQ1 || f == pirl.FieldEmpQ2 || f == pirl.FieldEmpQ3 || f == pirl.FieldEmpQ4:
				c.op = pufRecode
			case pirl.Elements[f].Kind == pirl.KindMoney:
				c.op = pufWage
			case f == pirl.FieldTrainCode1 || f == pirl.FieldTrainCode2 || f == pirl.FieldTrainCode3:
				c.op = pufONET
			default:
				c.op = pufField
			}
		}
	}
	return cols
}

// pufStates maps the state FIPS code of the synthetic tracts to CALC4000.
var pufStates = map[string]string{"13": "GA"}

// Number of CALC items (CALC4000 … CALC4041).
const nCalc = 42

// pufRecord holds the public-use-file items of the row being built that the
// generating model does not hold: they are drawn from their own random
// stream, so a file in LayoutPUF has the same records as one in
// LayoutDefault with the same exit window and seed.
type pufRecord struct {
	rr, wp int8    // 909, 918; −1 blank
	match  [4]int8 // 1601/1603/1605/1607; −1 blank
	calc   [nCalc]int32
	state  string
}

const calcBlank = math.MinInt32

// pufPeriod is the report period of a public-use file: REPORT_QUARTER and
// the cohort windows of its program year.
type pufPeriod struct {
	quarterEnd int32
	py         int
	erq2, erq4 [2]int32 // ERQ2/MEQ2 and ERQ4/CAR exit cohorts
	year       [2]int32 // the program year (MSG)
}

// newPUFPeriod returns the period that ends with the quarter holding end.
func newPUFPeriod(end time.Time) pufPeriod {
	y, m := end.Year(), int(end.Month())
	qm := (m-1)/3*3 + 3 // last month of the quarter
	qe := pirl.DayNumber(y, qm+1, 1) - 1
	if qm == 12 {
		qe = pirl.DayNumber(y+1, 1, 1) - 1
	}
	py := y
	if m < 7 {
		py = y - 1
	}
	return pufPeriod{
		quarterEnd: qe, py: py,
		erq2: [2]int32{pirl.DayNumber(py-1, 7, 1), pirl.DayNumber(py, 6, 30)},
		erq4: [2]int32{pirl.DayNumber(py-1, 1, 1), pirl.DayNumber(py-1, 12, 31)},
		year: [2]int32{pirl.DayNumber(py, 7, 1), pirl.DayNumber(py+1, 6, 30)},
	}
}

func in(d int32, w [2]int32) bool { return d != pirl.MissingDate && d >= w[0] && d <= w[1] }

// pufExtras draws 909, 918 and the employment match types of the row just
// built, then computes the CALC items from the row as the file shows it.
func (g *generator) pufExtras() {
	r, x := g.r2, &g.puf
	part := func(f pirl.Field) bool { c := g.code[f]; return c >= 1 && c <= 3 }
	participant := part(pirl.FieldAdult) || part(pirl.FieldDW) || part(pirl.FieldYouth)
	x.rr, x.wp = -1, -1
	u := r.Float64()
	if participant {
		// Rapid Response additional assistance: 10 % of Dislocated Worker
		// participants, 2 % of the others (whom CALC4002 then counts as served
		// by a dislocated worker funding stream); 9 when not tracked.
		p := 0.02
		if part(pirl.FieldDW) {
			p = 0.10
		}
		switch {
		case u < p:
			x.rr = 1
		case u < p+0.03:
			x.rr = 9
		default:
			x.rr = 0
		}
		// Wagner-Peyser co-enrolment: 60 % yes, 3 % unknown.
		switch u := r.Float64(); {
		case u < 0.60:
			x.wp = 1
		case u < 0.63:
			x.wp = 9
		default:
			x.wp = 0
		}
	} else {
		r.Float64()
		// Reportable individuals: half are Wagner-Peyser reportable individuals too.
		x.wp = 0
		if u < 0.5 {
			x.wp = 2
		}
	}
	empF := [4]pirl.Field{pirl.FieldEmpQ1, pirl.FieldEmpQ2, pirl.FieldEmpQ3, pirl.FieldEmpQ4}
	for k, f := range empF {
		u := r.Float64()
		switch c := g.code[f]; {
		case c < 0:
			x.match[k] = -1
		case c == 9:
			x.match[k] = 9
		case c == 0:
			x.match[k] = 0
		case u < 0.92:
			x.match[k] = 1 // direct wage match
		default:
			x.match[k] = 2 // supplemental information
		}
	}
	x.state = pufStates[string(g.str[pirl.FieldTract][:2])]
	g.calcItems()
}

// calcItems computes CALC4001–CALC4041 from the row as the public-use file
// shows it (doc.go lists the definitions).
func (g *generator) calcItems() {
	x, per := &g.puf, &g.per
	c := &x.calc
	for i := range c {
		c[i] = calcBlank
	}
	code := func(f pirl.Field) int8 { return g.code[f] }
	part := func(f pirl.Field) bool { v := code(f); return v >= 1 && v <= 3 }
	b := func(v bool) int32 {
		if v {
			return 1
		}
		return 0
	}
	emp := func(f pirl.Field) bool { return part(f) } // after the recode: 1
	adult, youth := part(pirl.FieldAdult), part(pirl.FieldYouth)
	dw := part(pirl.FieldDW) || x.rr == 1
	wp := x.wp == 1
	c[1], c[2], c[3], c[4], c[5] = b(adult), b(dw), b(youth), 0, b(wp)
	reportable := !adult && !dw && !youth && !wp &&
		(code(pirl.FieldAdult) == 4 || code(pirl.FieldDW) == 4 || code(pirl.FieldYouth) == 4 || x.wp == 2)
	c[6] = b(reportable)

	// Race/ethnicity, single response.
	switch {
	case code(pirl.FieldHispanic) == 1:
		c[20] = 1
	default:
		n, one := 0, int32(0)
		for _, rc := range [5]struct {
			f pirl.Field
			v int32
		}{{pirl.FieldAsian, 2}, {pirl.FieldBlack, 3}, {pirl.FieldNHOPI, 4}, {pirl.FieldAIAN, 5}, {pirl.FieldWhite, 6}} {
			if code(rc.f) == 1 {
				n++
				one = rc.v
			}
		}
		if n == 1 {
			c[20] = one
		} else if n > 1 {
			c[20] = 7
		}
	}
	// Disability (203 is not generated: a disabled participant's type is
	// "not disclosed").
	switch code(pirl.FieldDisability) {
	case 0:
		c[21], c[29] = 1, 0
	case 1:
		c[21], c[29] = 0, 1
	}
	if c[21] != calcBlank {
		for k := 22; k <= 28; k++ {
			c[k] = 0
		}
	}
	entry, exit := g.date[pirl.FieldEntry], g.date[pirl.FieldExit]
	c[39] = int32(ageAt(g.date[pirl.FieldBirthDate], entry))
	c[40] = 9999
	if exit != pirl.MissingDate {
		y, m, _ := pirl.Civil(exit)
		if m < 7 {
			y--
		}
		c[40] = int32(y)
	}
	c[41] = 0
	if reportable || (!adult && !dw && !youth) {
		return // the indicators are of title I participants
	}

	oe := code(pirl.FieldOtherExit)
	excl := oe >= 1 && oe <= 4 || oe == 7
	exclYouth := excl || oe == 5
	wage := func(f pirl.Field) int32 {
		v := g.num[f]
		if math.IsNaN(v) || v == 999999.99 || v <= 0 {
			return calcBlank
		}
		return int32(math.Round(v))
	}
	placed := func(f pirl.Field) bool { v := code(f); return v >= 1 && v <= 3 }
	// Employment and earnings.
	if in(exit, per.erq2) {
		e2 := emp(pirl.FieldEmpQ2)
		if (adult || dw || wp) && !excl {
			c[13] = b(e2)
			if e2 {
				c[15] = wage(pirl.FieldWageQ2)
			}
		}
		if youth && !exclYouth {
			c[14] = b(e2 || placed(pirl.FieldYouthQ2))
			if e2 {
				c[16] = wage(pirl.FieldWageQ2)
			}
		}
	}
	if in(exit, per.erq4) {
		e4 := emp(pirl.FieldEmpQ4)
		if (adult || dw || wp) && !excl {
			c[17] = b(e4)
		}
		if youth && !exclYouth {
			c[18] = b(e4 || placed(pirl.FieldYouthQ4))
		}
		if !(youth && exclYouth || !youth && excl) && g.inTraining() {
			c[19] = b(g.credential(exit))
		}
	}
	// Measurable skill gains in the program year.
	entered := entry != pirl.MissingDate && entry <= per.year[1] && (exit == pirl.MissingDate || exit >= per.year[0])
	enr, done := g.date[pirl.FieldEduEnrolled], g.date[pirl.FieldEduCompleted]
	training := enr != pirl.MissingDate && enr <= per.year[1] && (done == pirl.MissingDate || done >= per.year[0])
	exclMSG := in(exit, per.year) && (youth && exclYouth || !youth && excl)
	if entered && training && !exclMSG {
		d := func(f pirl.Field) bool { return in(g.date[f], per.year) }
		c[8] = b(d(pirl.FieldMSGDate1))
		dip := false
		for k, f := range [3]pirl.Field{pirl.FieldCredType1, pirl.FieldCredType2, pirl.FieldCredType3} {
			if code(f) == 1 && in(g.date[[3]pirl.Field{pirl.FieldCredDate1, pirl.FieldCredDate2, pirl.FieldCredDate3}[k]], per.year) {
				dip = true
			}
		}
		c[9] = b(dip)
		c[10] = b(d(pirl.FieldMSGDate2) || d(pirl.FieldMSGDate3))
		c[11] = b(d(pirl.FieldMSGDate4))
		c[12] = b(d(pirl.FieldMSGDate5))
		c[7] = b(c[8] == 1 || c[9] == 1 || c[10] == 1 || c[11] == 1 || c[12] == 1)
	}
}

// ageAt is the age in whole years on day at of someone born on dob.
func ageAt(dob, at int32) int {
	y1, m1, d1 := pirl.Civil(dob)
	y2, m2, d2 := pirl.Civil(at)
	a := y2 - y1
	if m2 < m1 || m2 == m1 && d2 < d1 {
		a--
	}
	return a
}

// inTraining is the credential rate's denominator (METHODS and package
// indicators): training other than only OJT (01) or customized training
// (05), or postsecondary education (1332 = 1), or secondary education
// without a diploma (408 = 0 and 1401 = 1).
func (g *generator) inTraining() bool {
	for _, f := range [3]pirl.Field{pirl.FieldTrainType1, pirl.FieldTrainType2, pirl.FieldTrainType3} {
		if c := g.code[f]; c >= 2 && c <= 4 || c >= 6 && c <= 10 {
			return true
		}
	}
	return g.code[pirl.FieldPostsecondary] == 1 || g.code[pirl.FieldEduLevel] == 0 && g.code[pirl.FieldSecondaryEnrolled] == 1
}

// credential is the credential rate's numerator: a type 2–7 credential
// dated no later than a year after exit, or a type 1 (secondary diploma)
// with employment after exit or post-exit education within a year.
func (g *generator) credential(exit int32) bool {
	y, m, d := pirl.Civil(exit)
	if m == 2 && d == 29 {
		d = 28
	}
	limit := pirl.DayNumber(y+1, m, d)
	types := [3]pirl.Field{pirl.FieldCredType1, pirl.FieldCredType2, pirl.FieldCredType3}
	dates := [3]pirl.Field{pirl.FieldCredDate1, pirl.FieldCredDate2, pirl.FieldCredDate3}
	for k := range types {
		t, dt := g.code[types[k]], g.date[dates[k]]
		if t < 1 || t > 7 || dt == pirl.MissingDate || dt > limit {
			continue
		}
		if t >= 2 {
			return true
		}
		for _, f := range [4]pirl.Field{pirl.FieldEmpQ1, pirl.FieldEmpQ2, pirl.FieldEmpQ3, pirl.FieldEmpQ4} {
			if c := g.code[f]; c >= 1 && c <= 3 {
				return true
			}
		}
		if pe := g.date[pirl.FieldPostExitEduDate]; pe != pirl.MissingDate && pe <= limit {
			return true
		}
	}
	return false
}

// appendPUFRow formats the row being built as the public-use file writes it.
func (g *generator) appendPUFRow(b []byte) []byte {
	delim := g.cfg.Delimiter
	x := &g.puf
	code := func(b []byte, v int8, valid uint32) []byte {
		if v < 0 || valid != 0 && (v > 31 || valid&(1<<v) == 0) {
			return b // not a code of the layout (9 "unknown" where it lists none): blank
		}
		return strconv.AppendInt(b, int64(v), 10)
	}
	for i := range g.pcols {
		c := &g.pcols[i]
		if i > 0 {
			b = append(b, delim)
		}
		switch c.op {
		case pufField:
			f := c.field
			switch g.kind[f] {
			case pirl.KindCode:
				if v := g.code[f]; v >= 0 && g.twoDigit[f] && v < 10 && (c.valid&(1<<v) != 0) {
					b = append(b, '0')
				}
				b = code(b, g.code[f], c.valid)
			case pirl.KindDate:
				if d := g.date[f]; d != pirl.MissingDate {
					b = appendDate(b, d)
				}
			case pirl.KindID:
				b = append(b, "00"...) // 12 characters, as 100 is in the public-use file
				b = append(b, g.str[f]...)
			default:
				b = append(b, g.str[f]...)
			}
		case pufRecode:
			v := g.code[c.field]
			if v >= 1 && v <= 3 {
				v = 1
			}
			b = code(b, v, c.valid)
		case pufWage:
			if v := g.num[c.field]; !math.IsNaN(v) && v != 999999.99 {
				b = strconv.AppendInt(b, int64(math.Round(v)), 10)
			}
		case pufONET:
			s := g.str[c.field]
			b = append(b, s[:min(6, len(s))]...)
		case pufMatch:
			b = code(b, x.match[c.k], c.valid)
		case pufRR:
			b = code(b, x.rr, c.valid)
		case pufWP:
			b = code(b, x.wp, c.valid)
		case pufState:
			b = append(b, x.state...)
		case pufCalc:
			if v := x.calc[c.k]; v != calcBlank {
				b = strconv.AppendInt(b, int64(v), 10)
			}
		case pufRepQuarter:
			b = appendDate(b, g.per.quarterEnd)
		}
	}
	return append(b, '\n')
}

// newPUFRand is the random stream of the public-use-file items.
func newPUFRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x7075662d70793232)) }
