package disparities

import (
	"strings"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// GenderCredential asks whether men are more likely than women to complete
// training and earn credentials. Among exiters in the cohort: training
// completion (1813 set among those with 1811 set) and credential attainment
// (WIOA definition), women compared with men; an adjusted odds ratio for
// credential attainment controls for education, age, barriers and program.
var GenderCredential = &Disparity{
	ID:       "gender-credential",
	Title:    "Training completion and credentials by sex",
	Question: "Are men more likely than women to complete training and earn credentials?",
	Doc: "Among exiters in the cohort, training completion (PIRL 1813 set among those with 1811 set) and " +
		"credential attainment (WIOA definition) for women compared with men (PIRL 201); two-proportion z " +
		"or Fisher test, Newcombe interval; adjusted odds ratio from a logistic regression.",
	Needs: []Need{needField(pirl.FieldSex)},
	Run:   runGenderCredential,
}

const (
	mCompletion = "training completion"
	mCredential = "credential attainment"
)

func runGenderCredential(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	cohort := d.CohortQ4 // completion and credential: Q4-cohort measures (METHODS §2.1)
	s.window(in, measures.KindQ4, mCompletion, mCredential, mCredential+" (adjusted odds ratio)")
	sx, _ := c.sexGroups() // validated with the configuration
	focal, ref := sx[0], sx[1]
	sex := bySex(in)
	x, n, na, unk := tally(cohort, sex, d.Completed, 2)
	s.Rows = append(s.Rows, c.Rates(s.ID, mCompletion, counts(sexNames, x, n), ref)...)
	s.leftOut(mCompletion, na, "no training enrolment date (PIRL 1811), not in the completion denominator", unk, "sex not reported (PIRL 201 = 9 or blank)")

	x, n, na, unk = tally(cohort, sex, d.Credential, 2)
	s.Rows = append(s.Rows, c.Rates(s.ID, mCredential, counts(sexNames, x, n), ref)...)
	s.leftOut(mCredential, na, "not in the credential denominator (no qualifying education or training)", unk, "sex not reported (PIRL 201 = 9 or blank)")
	s.chart("rates", "Training completion and credential attainment, women and men", s.Rows)

	isFocal := make([]int8, d.N)
	for i, g := range sex {
		switch int(g) {
		case focal:
			isFocal[i] = 1
		case ref:
			isFocal[i] = 0
		default:
			isFocal[i] = -1
		}
	}
	r, w, lo := c.adjustedRow(in, s.ID, mCredential+" (adjusted odds ratio)", sexNames[focal], sexNames[ref], cohort, isFocal, d.Credential, ctlSex)
	s.Rows = append(s.Rows, r)
	s.Warnings = append(s.Warnings, w...)
	s.leftOut(mCredential+" (adjusted)", lo, "a control variable unknown (education, program, age or tract)", 0, "")

	s.Headline = s.find(mCredential, sexNames[focal])
	s.describe = func() string {
		comp := &s.Rows[s.find(mCompletion, sexNames[focal])]
		subj, obj := sexNames[focal], strings.ToLower(sexNames[ref])
		cred := &s.Rows[s.Headline]
		return c.gapSentence(comp, subj, "completed training", "more often", "less often", obj) + " " +
			c.gapSentence(cred, subj, "earned a credential", "more often", "less often", obj)
	}
}
