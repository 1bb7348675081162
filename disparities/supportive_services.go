package disparities

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
)

// SupportiveServices asks whether supportive services are used little and
// whether receiving them goes with better outcomes. Utilization (1409 holds a
// date) among exiters in the cohort, overall and by sex, education, tract
// poverty and neediest status; credential attainment and Q2 employment for
// recipients against non-recipients, raw and adjusted. The adjusted effect
// is an association, not a causal estimate: recipients differ in ways the
// file does not record.
var SupportiveServices = &Disparity{
	ID:       "supportive-services",
	Title:    "Supportive services",
	Question: "Is supportive-service use low, and is it linked to better outcomes?",
	Doc: "Among exiters in the cohort: utilization (PIRL 1409 holds a date) overall and by sex, education " +
		"group, tract poverty and neediest status; credential attainment and Q2 employment for recipients " +
		"against non-recipients, raw (z or Fisher, Newcombe) and adjusted (logistic regression, odds ratio " +
		"and average marginal effect).",
	Needs: []Need{needField(pirl.FieldSupportDate)},
	Run:   runSupportiveServices,
}

const (
	mUtil      = "utilization"
	mEmpQ2     = "employed 2nd quarter after exit"
	mEmpQ4     = "employed 4th quarter after exit"
	mEmpAll4   = "employed all four quarters after exit"
	mMedEarnQ2 = "median Q2 earnings"
)

var supportNames = []string{"Recipients", "Non-recipients"}

func runSupportiveServices(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	id := s.ID
	cohort := d.Cohort
	used := boolTri(d.Support)
	s.window(in, measures.KindExit, mUtil+" and its breakdowns")

	all := make([]int8, d.N)
	x, n, _, _ := tally(cohort, all, used, 1)
	s.Rows = append(s.Rows, c.Rates(id, mUtil, counts([]string{"All exiters"}, x, n), 0)...)
	x, n, _, unk := tally(cohort, bySex(in), used, 2)
	sx, _ := c.sexGroups() // validated with the configuration
	eduRef, _ := c.eduRef()
	util := c.Rates(id, mUtil+" by sex", counts(sexNames, x, n), sx[1])
	s.leftOut(mUtil+" by sex", 0, "", unk, "sex not reported")
	x, n, _, unk = tally(cohort, byEdu(d), used, measures.NumEdu)
	util = append(util, c.Rates(id, mUtil+" by education", counts(measures.EduNames[:], x, n), eduRef)...)
	s.leftOut(mUtil+" by education", 0, "", unk, "education level not reported (PIRL 408 and 407)")
	if d.HasTracts {
		x, n, _, unk = tally(cohort, byPoverty(in), used, 2)
		util = append(util, c.Rates(id, mUtil+" by tract poverty", counts(povNames, x, n), 1)...)
		s.leftOut(mUtil+" by tract poverty", 0, "", unk, "tract unknown")
	}
	x, n, _, _ = tally(cohort, byNeediest(in), used, 2)
	util = append(util, c.Rates(id, mUtil+" by need", counts(neediestNames, x, n), 1)...)
	s.Rows = append(s.Rows, util...)
	s.chart("utilization", "Supportive-service utilization by group", util)

	// Group 0 recipients (used is Yes), 1 non-recipients.
	recip := make([]int8, d.N)
	for i, u := range used {
		recip[i] = 1 - u
	}
	var outcomes []results.Row
	for _, m := range []struct {
		name string
		y    []int8
		why  string
		pend []bool
		kind measures.Kind
	}{
		{mCredential, d.Credential, "not in the credential denominator", nil, measures.KindQ4},
		{mEmpQ2, d.EmpQ2, "Q2 employment not yet available (PIRL 1602 = 9 or blank)", pendQ2(in), measures.KindQ2},
	} {
		cohort := d.CohortOf(m.kind)
		s.window(in, m.kind, m.name, m.name+" (adjusted odds ratio)")
		x, n, na, _ := tally(cohort, recip, m.y, 2)
		outcomes = append(outcomes, c.Rates(id, m.name, withPending(counts(supportNames, x, n), pendingBy(cohort, recip, m.pend, 2)), 1)...)
		s.leftOut(m.name, na, m.why, 0, "")
	}
	s.Rows = append(s.Rows, outcomes...)
	s.chart("outcomes", "Outcomes of recipients and non-recipients of supportive services", outcomes)

	focal := used // recipients 1, others 0
	for _, m := range []struct {
		name string
		y    []int8
		kind measures.Kind
	}{{mCredential, d.Credential, measures.KindQ4}, {mEmpQ2, d.EmpQ2, measures.KindQ2}} {
		cohort := d.CohortOf(m.kind)
		r, w, lo := c.adjustedRow(in, id, m.name+" (adjusted odds ratio)", supportNames[0], supportNames[1], cohort, focal, m.y)
		if m.name == mEmpQ2 {
			if p := pendingBy(cohort, recip, pendQ2(in), 2); p.pending != nil {
				r.Pending, r.Cohort, r.RefPending, r.RefCohort = p.pending[0], p.cohort[0], p.pending[1], p.cohort[1]
			}
		}
		s.Rows = append(s.Rows, r)
		s.Warnings = append(s.Warnings, w...)
		s.leftOut(m.name+" (adjusted)", lo, "a control variable unknown", 0, "")
	}

	s.Headline = s.find(mCredential, supportNames[0])
	s.describe = func() string {
		u := &s.Rows[0]
		out := ""
		if !u.Suppressed {
			out = fmt.Sprintf("%s of exiters received supportive services (%g%% CI %s). ", results.UnitRate.Format(u.Value), 100*c.Conf,
				results.FormatInterval(u.CILow, u.CIHigh, func(v float64) string { return results.UnitRate.Format(v) }))
		}
		out += c.gapSentence(&s.Rows[s.Headline], "Recipients", "earned a credential", "more often", "less often", "non-recipients")
		if k := s.find(mEmpQ2, supportNames[0]); k >= 0 {
			out += " " + c.gapSentence(&s.Rows[k], "Recipients", "were employed in the 2nd quarter after exit", "more often", "less often", "non-recipients")
		}
		if k := s.find(mCredential+" (adjusted odds ratio)", supportNames[0]); k >= 0 && !isNaN(s.Rows[k].Value) {
			a := &s.Rows[k]
			out += fmt.Sprintf(" Adjusted for sex, education, age, barriers and program, the difference is %s (odds ratio %.2f, adjusted p %s); this is an association, not proof that services cause it.",
				results.UnitRate.FormatDiff(a.Diff), a.Value, results.FormatP(a.PAdj))
		}
		return out
	}
}
