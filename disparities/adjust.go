package disparities

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/design"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// Control names for model specifications.
const (
	ctlSex     = "sex"
	ctlEdu     = "education"
	ctlAge     = "age band"
	ctlBarrier = "barrier count"
	ctlProgram = "program"
	ctlPoverty = "high-poverty tract"
)

// controls returns the METHODS §4 controls of an adjusted comparison, less
// those named in skip: sex, education group, barrier count, program, age
// band when the file has birth dates, and the high-poverty flag when tracts
// are known.
func (in *Input) controls(skip ...string) []design.Control {
	d := in.D
	all := []design.Control{
		{Name: ctlSex, Levels: measures.NumSex, Labels: func(l int) string { return [...]string{"men", "women"}[l] }},
		{Name: ctlEdu, Levels: measures.NumEdu, Level: d.Edu,
			Labels: func(l int) string { return measures.EduNames[l] }},
		{Name: ctlBarrier, Numeric: true, Levels: len(measures.BarrierFields()) + 1, Level: d.Barriers},
		{Name: ctlProgram, Levels: measures.NumPrograms, Level: d.Program,
			Labels: func(l int) string { return measures.ProgramNames[l] }},
	}
	if measures.HasAge(in.Data) { // 200 and 900, or the public-use file's CALC4039
		all = append(all, design.Control{Name: ctlAge, Levels: len(measures.AgeBandNames), Level: d.AgeBand,
			Labels: func(l int) string { return measures.AgeBandNames[l] }})
	}
	if d.HasTracts {
		// HighPov's No and Yes are 0 and 1, NA is -1: the levels as they are.
		all = append(all, design.Control{Name: ctlPoverty, Levels: 2, Level: d.HighPov,
			Labels: func(l int) string { return [...]string{"other tract", "high-poverty tract"}[l] }})
	}
	var out []design.Control
outer:
	for _, c := range all {
		for _, s := range skip {
			if c.Name == s {
				continue outer
			}
		}
		if c.Name == ctlSex {
			// Levels men, women: a tie for the most common level goes to
			// the first, so men (the default reference) are then the base.
			c.Level = cached(in, "sex control", func() []int8 {
				l := make([]int8, d.N)
				for i, v := range d.Sex[:d.N] {
					switch v {
					case measures.SexMan:
						l[i] = 0
					case measures.SexWoman:
						l[i] = 1
					default:
						l[i] = -1
					}
				}
				return l
			})
		}
		out = append(out, c)
	}
	return out
}

// adjustedRow fits a logistic regression of the binary outcome y on the focal
// regressor and controls, and reports the focal odds ratio (Wald interval and
// p) with the average marginal effect in Diff (percentage points as a
// proportion). Failures (separation, non-convergence) become warnings.
func (c *Config) adjustedRow(in *Input, disp, measure, group, ref string, pop []bool, focal, y []int8, skip ...string) (results.Row, []string, int) {
	r := results.BlankRow(disp, measure, group, ref, results.UnitOddsRatio)
	// The model is fitted on cells of identical records (frequency
	// weights): the same estimates as on the records, at a fraction of the cost.
	cd := design.Collapse(pop, focal, y, nil, in.controls(skip...))
	for k, w := range cd.W {
		if cd.Focal[k] == 1 {
			r.N += int(w)
		} else {
			r.RefN += int(w)
		}
	}
	if r.N < c.MinCell || r.RefN < c.MinCell {
		r.Suppressed = r.N < c.MinCell
		if r.Suppressed {
			r = results.Suppress(r)
		}
		return r, nil, cd.LeftOut
	}
	X := cd.Dense()
	res, err := stats.LogitWeighted(X, cd.Y, cd.W)
	if err != nil {
		return r, []string{fmt.Sprintf("%s: adjusted model not estimated (%v); the unadjusted comparison stands alone", measure, err)}, cd.LeftOut
	}
	r.Value, r.CILow, r.CIHigh = res.OddsRatio(1, c.Conf)
	z := res.Coef[1] / res.SE[1]
	r.P = 2 * distuv.UnitNormal.Survival(math.Abs(z))
	ame, se := res.AMEWeighted(X, 1, cd.W)
	q := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
	r.Diff, r.DiffLow, r.DiffHigh = ame, ame-q*se, ame+q*se
	r.Ratio = r.Value
	r.Test = "logistic regression, controls: " + joinAnd(cd.Names[2:])
	var warns []string
	for _, w := range res.Warnings {
		warns = append(warns, fmt.Sprintf("%s: %v", measure, w))
	}
	return r, warns, cd.LeftOut
}
