package disparities

import "github.com/wioa-equity/wioa/analysis/measures"

// PovertyCredential asks whether exiters living in high-poverty tracts earn
// credentials less often: credential attainment (WIOA definition) in the
// cohort, high-poverty tracts against the others, raw and adjusted for sex,
// education, age, barriers and program.
var PovertyCredential = &Disparity{
	ID:       "poverty-credential",
	Title:    "Credentials in high-poverty tracts",
	Question: "Are residents of high-poverty tracts less likely to earn a credential?",
	Doc: "Credential attainment (WIOA definition) among exiters in the credential denominator, residents of " +
		"high-poverty tracts against residents of other tracts; two-proportion z or Fisher test, Newcombe " +
		"interval; adjusted odds ratio and average marginal effect from a logistic regression.",
	Needs: []Need{needTracts},
	Run:   runPovertyCredential,
}

func runPovertyCredential(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	id := s.ID
	cohort := d.CohortQ4 // credential attainment is a Q4-cohort measure (METHODS §2.1)
	s.window(in, measures.KindQ4, mCredential, mCredential+" (adjusted odds ratio)")
	x, n, na, unk := tally(cohort, byPoverty(in), d.Credential, 2)
	rows := c.Rates(id, mCredential, counts(povNames, x, n), 1)
	s.Rows = append(s.Rows, rows...)
	s.leftOut(mCredential, na, "not in the credential denominator (no qualifying education or training)", unk, "tract unknown, not in the tract file, or without a poverty rate")
	s.chart("rates", "Credential attainment by tract poverty", rows)

	// HighPov is Yes (1), No (0) or NA (-1): the focal value as it is.
	focal := d.HighPov
	r, w, lo := c.adjustedRow(in, id, mCredential+" (adjusted odds ratio)", povNames[0], povNames[1], cohort, focal, d.Credential, ctlPoverty)
	s.Rows = append(s.Rows, r)
	s.Warnings = append(s.Warnings, w...)
	s.leftOut(mCredential+" (adjusted)", lo, "a control variable unknown (sex, education, program or age)", 0, "")
	s.Headline = 0
	s.describe = func() string {
		return c.gapSentence(&s.Rows[0], "Exiters living in high-poverty tracts", "earned a credential", "more often", "less often", "those in other tracts")
	}
}
