package disparities

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// NeediestEnrollment asks whether the neediest are least likely to enroll.
// Among Adult, Dislocated Worker and Youth records active in the window
// (903/904/905 in 1–4), enrollment means becoming a participant (1–3) rather
// than staying a reportable individual (4). The neediest — low income (802 =
// 1) with at least two other barriers by default — are compared with everyone
// else, enrollment is shown by barrier count 0, 1, 2, 3+ with a
// Cochran–Armitage trend test, and training receipt among participants is
// compared too.
var NeediestEnrollment = &Disparity{
	ID:       "neediest-enrollment",
	Title:    "Enrollment of the neediest",
	Question: "Are the neediest least likely to enroll?",
	Doc: "Among Adult/DW/Youth records (903/904/905 in 1–4) active in the window: enrollment (participant 1–3 " +
		"vs reportable individual 4) for the neediest (802 = 1 and at least N other barriers) against others, " +
		"and by barrier count 0/1/2/3+ with a Cochran–Armitage trend test; training receipt (1300) among participants.",
	Needs: []Need{needField(pirl.FieldLowIncome), {What: "program flags PIRL 903/904/905", Met: func(in *Input) bool {
		return in.Data.Has(pirl.FieldAdult) || in.Data.Has(pirl.FieldDW) || in.Data.Has(pirl.FieldYouth)
	}}},
	Run: runNeediestEnrollment,
}

const (
	mEnroll      = "enrollment"
	mEnrollByBar = "enrollment by barrier count"
	mEnrollTrend = "enrollment trend across barrier counts"
	mTrained     = "training receipt among participants"
)

var barrierNames = []string{"0 barriers", "1 barrier", "2 barriers", "3 or more barriers"}

func runNeediestEnrollment(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	id := s.ID
	pop := both(d.Active, d.Record)
	s.activeWindow(in, mEnroll, mEnrollByBar, mEnrollTrend, mTrained)
	needy := byNeediest(in)
	x, n, na, unk := tally(pop, needy, d.Enrolled, 2)
	s.Rows = append(s.Rows, c.Rates(id, mEnroll, counts(neediestNames, x, n), 1)...)
	s.leftOut(mEnroll, na, "not an Adult, DW or Youth record", unk, "")
	s.chart("enrollment", "Enrollment: neediest and others", s.Rows)

	byBar := make([]int8, d.N)
	for i, b := range d.Barriers[:d.N] {
		byBar[i] = min(b, 3)
	}
	bx, bn, _, _ := tally(pop, byBar, d.Enrolled, 4)
	bars := c.Rates(id, mEnrollByBar, counts(barrierNames, bx, bn), 0)
	s.Rows = append(s.Rows, bars...)
	s.chart("barriers", "Enrollment by number of barriers", bars)

	tr := results.BlankRow(id, mEnrollTrend, "barrier count 0 to 3+", barrierNames[0], results.UnitScore)
	tr.N, tr.RefN = bn[1]+bn[2]+bn[3], bn[0]
	shown := 0
	for _, k := range bn {
		if k >= c.MinCell {
			shown++
		}
	}
	if shown == 4 {
		z, p := stats.CochranArmitage(bx, bn, []float64{0, 1, 2, 3})
		tr.Value, tr.P = z, p
		tr.Test = "Cochran–Armitage trend test (Value is z; negative = enrollment falls as barriers rise)"
	} else {
		s.warnf("Trend test across barrier counts not computed: a barrier-count group has fewer than %d records.", c.MinCell)
		tr.Suppressed = true
	}
	s.Rows = append(s.Rows, tr)

	part := both(d.Active, isYes(d.Enrolled))
	trained := boolTri(d.Trainee)
	x, n, _, _ = tally(part, needy, trained, 2)
	s.Rows = append(s.Rows, c.Rates(id, mTrained, counts(neediestNames, x, n), 1)...)

	s.Headline = 0
	s.describe = func() string {
		out := c.gapSentence(&s.Rows[0], fmt.Sprintf("The neediest (low income and %d or more other barriers)", c.Measures.NeediestMinOtherBarriers),
			"enrolled", "more often", "less often", "others")
		if t := &s.Rows[s.find(mEnrollTrend, tr.Group)]; !t.Suppressed {
			dir := "rose"
			if t.Value < 0 {
				dir = "fell"
			}
			out += fmt.Sprintf(" Enrollment %s with the number of barriers (trend z = %.1f, adjusted p %s).", dir, t.Value, results.FormatP(t.PAdj))
		}
		return out
	}
}
