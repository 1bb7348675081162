package disparities

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/design"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
)

// GenderWagesID is the id of GenderWages.
const GenderWagesID = "gender-wages"

// GenderWages asks how much more men earn than women and how much of the gap
// the recorded characteristics explain. The wage is the hourly wage at
// placement (extension column hourly_wage) when the file has it, otherwise
// Q2 quarterly earnings (PIRL 1704) — the report says which. Mean gap by
// Welch's t, median gap by bootstrap with a Mann–Whitney p, training-related
// employment retention by sex, and a Blinder–Oaxaca decomposition (men as
// group A) on education, age band, barriers, program and training cluster.
var GenderWages = &Disparity{
	ID:       GenderWagesID,
	Title:    "Wages by sex",
	Question: "How much more do men earn than women, and how much of that is explained?",
	Doc: "Among exiters employed in the 2nd quarter after exit: mean (Welch t) and median (bootstrap, " +
		"Mann–Whitney) hourly wage — or Q2 quarterly earnings (PIRL 1704) when no hourly wage is given — for " +
		"women compared with men; training-related employment retention; Blinder–Oaxaca threefold and " +
		"twofold (pooled) decomposition of the men–women gap with bootstrap standard errors (delta-method ones " +
		"above Config.OaxacaBootstrapMaxN records).",
	Needs: []Need{needField(pirl.FieldSex), {What: "hourly_wage or PIRL 1704 (Q2 earnings)", Met: func(in *Input) bool {
		return in.Data.Has(pirl.FieldHourlyWage) || in.Data.Has(pirl.FieldWageQ2)
	}}},
	Run: runGenderWages,
}

func wageLabel(d *measures.Derived) (mean, median, noun string) {
	if d.WageIsHourly {
		return "mean hourly wage", "median hourly wage", "per hour"
	}
	return "mean Q2 earnings", "median Q2 earnings", "in 2nd-quarter earnings"
}

const mTrainRet = "training-related employment retention"

func runGenderWages(in *Input, s *Draft) {
	c, d := in.Cfg, in.D
	id := s.ID
	mMean, mMedian, per := wageLabel(d)
	if !d.WageIsHourly {
		s.warnf("The file has no hourly_wage column: wage gaps are computed on 2nd-quarter quarterly earnings (PIRL 1704), which mix hourly pay with hours worked.")
	}
	employed := employedQ2(in)
	sx, _ := c.sexGroups() // validated with the configuration
	focal, ref := sx[0], sx[1]
	sex := bySex(in)
	vals, na, unk := split(employed, sex, d.Wage, 2)
	wp := pendingBy(d.CohortQ2, sex, pendQ2(in), 2)
	s.window(in, measures.KindQ2, mMean, mMedian, "wage gap decomposition (men − women)")
	s.Rows = append(s.Rows, c.Means(id, mMean, withPendingSamples(samples(sexNames, vals), wp), ref, results.UnitDollars)...)
	med, w := c.Medians(id, mMedian, withPendingSamples(samples(sexNames, vals), wp), ref, results.UnitDollars, c.Seed)
	s.Rows = append(s.Rows, med...)
	s.Warnings = append(s.Warnings, w...)
	wageWhy := "wage not reported or not yet available (blank or 999999.99)"
	s.leftOut(mMean, na, wageWhy, unk, "sex not reported (PIRL 201 = 9 or blank)")
	s.chart("wages", "Wages of women and men employed in the 2nd quarter after exit", s.Rows)

	x, n, na, unk := tally(d.CohortQ4, sex, d.TrainRet, 2)
	trainees := both(d.CohortQ4, d.Trainee)
	s.window(in, measures.KindQ4, mTrainRet)
	ret := c.Rates(id, mTrainRet, withPending(counts(sexNames, x, n), pendingBy(trainees, sex, pendRet(in), 2)), ref)
	s.Rows = append(s.Rows, ret...)
	s.leftOut(mTrainRet, na, "not a trainee employed in Q2 with PIRL 1608 and 1606 known", unk, "sex not reported")
	s.chart("retention", "Training-related employment retention, women and men", ret)

	oax := c.oaxacaRows(in, employed, mMean)
	if p := wp.pending; p != nil { // the decomposition waits for the same Q2 outcomes
		for i := range oax.rows {
			r := &oax.rows[i]
			r.Pending, r.Cohort, r.RefPending, r.RefCohort = p[focal], wp.cohort[focal], p[ref], wp.cohort[ref]
		}
	}
	s.Rows = append(s.Rows, oax.rows...)
	s.Warnings = append(s.Warnings, oax.warnings...)

	s.Headline = s.find(mMean, sexNames[focal])
	s.describe = func() string {
		r := &s.Rows[s.Headline]
		if r.Status == results.StatusNotYetReported {
			return notYetSentence("the wages of women", "those of men")
		}
		if r.Suppressed || math.IsNaN(r.Diff) {
			return fmt.Sprintf("Too few employed exiters to compare the wages of women and men (groups under %d are suppressed) — insufficient data.", c.MinCell)
		}
		// r.Diff is focal − reference; the sentence states the higher group's advantage.
		who, other := sexNames[ref], strings.ToLower(sexNames[focal])
		if r.Diff > 0 {
			who, other = sexNames[focal], strings.ToLower(sexNames[ref])
		}
		lo, hi := -r.DiffHigh, -r.DiffLow
		if r.Diff > 0 {
			lo, hi = r.DiffLow, r.DiffHigh
		}
		f := func(v float64) string { return results.UnitDollars.Format(v) }
		out := fmt.Sprintf("%s earned %s more %s than %s on average (%s) — %s.", who, results.FormatDollars(math.Abs(r.Diff)), per, other,
			ciPhrase(c.Conf, lo, hi, f, r.PAdj), verdict(r))
		if oax.explained != "" {
			out += " " + oax.explained
		}
		return out
	}
}

type oaxacaOut struct {
	rows      []results.Row
	warnings  []string
	explained string
}

// oaxacaRows decomposes the men − women wage gap (men = group A).
func (c *Config) oaxacaRows(in *Input, employed []bool, measure string) oaxacaOut {
	d := in.D
	var out oaxacaOut
	ctls := in.controls(ctlSex)
	cluster := make([]int8, d.N)
	for i, v := range d.Cluster[:d.N] {
		if v == measures.NA {
			v = int8(len(c.Measures.Clusters) + 1) // not a trainee / no code
		}
		cluster[i] = v
	}
	ctls = append(ctls, design.Control{Name: "training cluster", Levels: len(c.Measures.Clusters) + 2, Level: cluster,
		Labels: func(l int) string {
			switch {
			case l == 0:
				return "non-HD training"
			case l <= len(c.Measures.Clusters):
				return c.Measures.Clusters[l-1].Name
			}
			return "no training code"
		}})
	// One design over both groups keeps the dummy coding identical. The
	// focal regressor is measures' sex as it is: SexMan 1, SexWoman 0,
	// unknown negative (left out).
	man := d.Sex[:d.N]
	cd := design.Collapse(employed, man, nil, d.Wage, ctls)
	var nA, nB int
	for k, w := range cd.W {
		if cd.Focal[k] == 1 {
			nA += int(w)
		} else {
			nB += int(w)
		}
	}
	mDecomp := "wage gap decomposition (men − women)"
	if nA < c.MinCell || nB < c.MinCell || nA <= cd.K || nB <= cd.K {
		out.warnings = append(out.warnings, "Blinder–Oaxaca decomposition not computed: too few employed women or men with known characteristics.")
		return out
	}
	names := cd.Names
	var res *stats.OaxacaResult
	var err error
	if nA+nB <= c.OaxacaBootstrapMaxN {
		res, err = c.oaxacaBootstrap(in, employed, man, ctls)
	} else {
		res, err = stats.OaxacaGrouped(oaxacaCells(cd, 1), oaxacaCells(cd, 0))
	}
	if err != nil {
		out.warnings = append(out.warnings, fmt.Sprintf("Blinder–Oaxaca decomposition not computed: %v.", err))
		return out
	}
	for _, w := range res.Warnings {
		out.warnings = append(out.warnings, fmt.Sprintf("Blinder–Oaxaca: %v", w))
	}
	seText := fmt.Sprintf("delta-method SE (n > %d)", c.OaxacaBootstrapMaxN)
	if res.SEMethod == stats.SEBootstrap {
		seText = fmt.Sprintf("bootstrap SE (%d resamples, seed %d)", c.OaxacaBootstrap, c.Seed)
	}
	z := distuv.UnitNormal.Quantile(1 - (1-c.Conf)/2)
	add := func(group string, v float64, seKey string) {
		r := results.BlankRow(GenderWagesID, mDecomp, group, "", results.UnitDollars)
		r.N = res.NA + res.NB
		r.Value = v
		if se, ok := res.SE[seKey]; ok && !math.IsNaN(se) {
			r.CILow, r.CIHigh = v-z*se, v+z*se
		}
		r.Test = fmt.Sprintf("Blinder–Oaxaca, %s; controls: %s", seText, joinAnd(names[2:]))
		out.rows = append(out.rows, r)
	}
	add("total gap", res.Gap, "")
	add("threefold: endowments", res.Endowments, "endowments")
	add("threefold: coefficients", res.Coefficients, "coefficients")
	add("threefold: interaction", res.Interaction, "interaction")
	if p, ok := res.Twofold["pooled"]; ok {
		add("twofold (pooled): explained", p.Explained, "pooled.explained")
		add("twofold (pooled): unexplained", p.Unexplained, "pooled.unexplained")
		if res.Gap > 0 {
			out.explained = fmt.Sprintf("Of the %s gap in means among those with known characteristics, %s is explained by differences in education, age, barriers, program and training cluster, and %s is not (Blinder–Oaxaca, pooled).",
				results.FormatDollars(res.Gap), results.FormatDollars(p.Explained), results.FormatDollars(p.Unexplained))
		}
	}
	return out
}

// oaxacaBootstrap decomposes on the records themselves, for the bootstrap
// (small samples, where resampling is cheap and the delta method less sure).
func (c *Config) oaxacaBootstrap(in *Input, employed []bool, man []int8, ctls []design.Control) (*stats.OaxacaResult, error) {
	d := in.D
	dz := design.Build(employed, man, d.Wage, ctls)
	var ia, ib []int
	for r, i := range dz.Rows {
		if d.Sex[i] == measures.SexMan {
			ia = append(ia, r)
		} else {
			ib = append(ib, r)
		}
	}
	// Group matrices without the focal (sex) column 1.
	k := dz.K - 1
	pick := func(idx []int) (*mat.Dense, []float64) {
		x := make([]float64, 0, len(idx)*k)
		y := make([]float64, len(idx))
		for n, r := range idx {
			row := dz.X[r*dz.K : (r+1)*dz.K]
			x = append(x, row[0])
			x = append(x, row[2:]...)
			y[n] = d.Wage(dz.Rows[r])
		}
		return mat.NewDense(len(idx), k, x), y
	}
	XA, yA := pick(ia)
	XB, yB := pick(ib)
	return stats.Oaxaca(XA, yA, XB, yB, c.OaxacaBootstrap, c.Seed)
}

// oaxacaCells returns the cells whose focal value is f, without the focal
// column, for stats.OaxacaGrouped.
func oaxacaCells(cd *design.Cells, f int8) *stats.OaxacaCells {
	k := cd.K - 1
	var x, w, y, ss []float64
	for c, fc := range cd.Focal {
		if fc != f {
			continue
		}
		row := cd.X[c*cd.K : (c+1)*cd.K]
		x = append(x, row[0])
		x = append(x, row[2:]...)
		w, y, ss = append(w, cd.W[c]), append(y, cd.Y[c]), append(ss, cd.SS[c])
	}
	if len(w) == 0 {
		return nil
	}
	return &stats.OaxacaCells{X: mat.NewDense(len(w), k, x), N: w, Mean: y, SS: ss}
}
