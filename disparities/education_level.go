package disparities

import (
	"fmt"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
)

// EducationLevel asks whether exiters with less than high school fare worse.
// Each education level (408, or 407 < 12 when 408 is blank) is compared with
// less than high school on employment in Q2, Q4 and all four quarters after
// exit, and on median Q2 earnings among those employed in Q2. Comparison rows
// carry "Less than high school" as Group and the other level as Reference,
// so a negative Diff means less than high school did worse.
var EducationLevel = &Disparity{
	ID:       "education-level",
	Title:    "Outcomes without a high-school diploma",
	Question: "Do people with less than high school fare worse?",
	Doc: "Among exiters in the cohort, by education group at entry: employment in Q2, Q4 and all four quarters " +
		"after exit, and median Q2 earnings among those employed in Q2; each level compared with less than " +
		"high school (z or Fisher with Newcombe interval; bootstrap and Mann–Whitney for medians).",
	Needs: []Need{{What: "PIRL 408 or 407 (education at entry)", Met: func(in *Input) bool {
		return in.Data.Has(pirl.FieldEduLevel) || in.Data.Has(pirl.FieldGrade)
	}}},
	Run: runEducationLevel,
}

func runEducationLevel(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	id := s.ID
	names := measures.EduNames[:]
	ref := int(measures.EduLessHS)
	var emp []results.Row
	for _, m := range []struct {
		name string
		y    []int8
		pend []bool
		kind measures.Kind
	}{{mEmpQ2, d.EmpQ2, pendQ2(in), measures.KindQ2}, {mEmpQ4, d.EmpQ4, pendQ4(in), measures.KindQ4}, {mEmpAll4, d.EmpAll4, pendAll4(in), measures.KindQ4}} {
		cohort := d.CohortOf(m.kind)
		s.window(in, m.kind, m.name)
		x, n, na, unk := tally(cohort, byEdu(d), m.y, measures.NumEdu)
		cs := withPending(counts(names, x, n), pendingBy(cohort, byEdu(d), m.pend, measures.NumEdu))
		emp = append(emp, results.AsFocal(c.Rates(id, m.name, cs, ref), ref)...)
		s.leftOut(m.name, na, "employment not yet available (9 or blank)", unk, "education level not reported")
	}
	s.Rows = append(s.Rows, emp...)
	s.chart("employment", "Employment after exit by education level", results.ChartRows(emp, false))

	employed := employedQ2(in)
	vals, na, _ := split(employed, byEdu(d), d.EarnQ2, measures.NumEdu)
	s.window(in, measures.KindQ2, mMedEarnQ2)
	ss := withPendingSamples(samples(names, vals), pendingBy(d.CohortQ2, byEdu(d), pendQ2(in), measures.NumEdu))
	med, w := c.Medians(id, mMedEarnQ2, ss, ref, results.UnitDollars, c.Seed+100)
	med = results.AsFocal(med, ref)
	s.Rows = append(s.Rows, med...)
	s.Warnings = append(s.Warnings, w...)
	s.leftOut(mMedEarnQ2, na, "Q2 earnings blank or not yet available (999999.99)", 0, "")
	s.chart("earnings", "Median 2nd-quarter earnings by education level", results.ChartRows(med, false))

	lessHS := names[measures.EduLessHS]
	s.Headline = -1
	for i, r := range s.Rows {
		if r.Measure == mEmpQ2 && r.Group == lessHS && r.Reference == names[measures.EduHS] {
			s.Headline = i
		}
	}
	s.describe = func() string {
		r := &s.Rows[s.Headline]
		out := c.gapSentence(r, "Exiters with less than high school", "were employed in the 2nd quarter after exit", "more often", "less often", "high-school graduates")
		worse := 0
		for _, x := range s.Rows {
			if x.Flagged && x.Diff < 0 {
				worse++
			}
		}
		s.flagsStated = true
		if worse > 0 {
			out += fmt.Sprintf(" Across all levels and measures, %d comparisons are flagged with less than high school faring worse.", worse)
		}
		return out
	}
}
