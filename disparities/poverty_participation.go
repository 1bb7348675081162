package disparities

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wioa-equity/wioa/analysis/distinct"
	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/analysis/stats"
	"github.com/wioa-equity/wioa/analysis/tracts"
)

// PovertyParticipation asks whether residents of high-poverty tracts take
// part at lower rates. Participants (distinct individuals with a period of
// participation active in the window) are counted by tract of residence and
// divided by the residents in poverty of every tract in the reference file:
// participants per 1,000 residents in poverty, high-poverty tracts against
// the others, with a Poisson rate ratio and its exact conditional-binomial
// interval. Also the share of tracts with no participant, and participants
// per square mile where land area is given.
var PovertyParticipation = &Disparity{
	ID:       "poverty-participation",
	Title:    "Participation in high-poverty tracts",
	Question: "Do residents of high-poverty tracts participate at lower rates, and is participation dense or thin there?",
	Doc: "Distinct participants (903/904/905 in 1–3, active in the window) per 1,000 residents in poverty " +
		"(tract file), high-poverty tracts (poverty rate ≥ threshold) against the others; Poisson rate ratio " +
		"with exact conditional-binomial interval (R poisson.test); share of tracts with no participant; " +
		"participants per square mile where land area is given.",
	Needs: []Need{{
		What: "a tract reference file (--tracts) and either tract_geoid in the participant file or ZIP codes with a ZIP–tract crosswalk (--zip-crosswalk)",
		Met: func(in *Input) bool {
			return in.Tracts != nil && (in.Data.Has(pirl.FieldTract) || (in.ZIPTracts != nil && in.Data.Has(pirl.FieldZIP)))
		},
	}},
	Run: runPovertyParticipation,
}

const (
	mPer1000   = "participants per 1,000 residents in poverty"
	mZeroTract = "tracts with no participants"
	mDensity   = "participants per square mile"
)

func runPovertyParticipation(in *Input, s *Draft) {
	if !in.Data.Has(pirl.FieldTract) && in.ZIPTracts != nil {
		runParticipationFromZIP(in, s)
		return
	}
	c, d, t := in.Cfg, in.D, in.Tracts
	id := s.ID
	s.activeWindow(in, mPer1000, mZeroTract, mDensity)
	ids := in.Data.Cols[pirl.FieldID].Hash
	nt := len(t.GEOID)
	perTract := make([]int, nt)
	var keys [2][]uint64 // distinct individuals per group
	// Sized first: growing two million-key slices by appending copied them
	// over and over into fresh memory.
	pov := byPoverty(in)
	var size [2]int
	for i, a := range d.Active[:d.N] {
		if g := pov[i]; a && d.Enrolled[i] == measures.Yes && g >= 0 {
			size[g]++
		}
	}
	keys[0], keys[1] = make([]uint64, 0, size[0]), make([]uint64, 0, size[1])
	noID := [2]int{}
	unknown := 0
	for i := 0; i < d.N; i++ {
		if !d.Active[i] || d.Enrolled[i] != measures.Yes {
			continue
		}
		g := pov[i]
		if g < 0 {
			unknown++
			continue
		}
		perTract[d.Tract[i]]++
		if ids != nil && ids[i] != 0 {
			keys[g] = append(keys[g], ids[i])
		} else {
			noID[g]++
		}
	}
	var x [2]int
	for g := range keys {
		x[g] = distinct.Count(keys[g]) + noID[g]
	}
	s.leftOut(mPer1000, 0, "", unknown, "participant's tract unknown, not in the tract file, or without a poverty rate")
	if n := noID[0] + noID[1]; n > 0 {
		s.warnf("%d participant records have no identifier (PIRL 100) and are each counted as a separate person.", n)
	}

	// Tract totals by group.
	var below, land [2]float64
	var tracts, zero [2]int
	landKnown := true
	for k := 0; k < nt; k++ {
		g := tractPoverty(t, k, c.Measures.PovertyThreshold)
		if g < 0 {
			continue
		}
		below[g] += t.Below[k]
		tracts[g]++
		if perTract[k] == 0 {
			zero[g]++
		}
		if a := t.LandSqMi[k]; math.IsNaN(a) {
			landKnown = false
		} else {
			land[g] += a
		}
	}
	names := povNames
	rows, rrLo, rrHi := c.per1000Rows(id, [2]float64{float64(x[0]), float64(x[1])}, below, "", "Poisson rate ratio")
	rows = results.Complementary(rows)
	s.Rows = append(s.Rows, rows...)
	s.chart("per1000", "Participants per 1,000 residents in poverty", rows)

	if tracts[0] > 0 && tracts[1] > 0 {
		// Descriptive only: under equal participation per resident in poverty
		// a tract with more poor residents is less often empty, so a test of
		// this share would flag tract size, not a disparity.
		zr := c.Rates(id, mZeroTract, []results.Count{{Name: names[0], X: zero[0], N: tracts[0]}, {Name: names[1], X: zero[1], N: tracts[1]}}, 1)
		for i := range zr {
			zr[i].P, zr[i].Ratio = math.NaN(), math.NaN()
			zr[i].Test = "descriptive (counts are tracts, not people; no test)"
		}
		s.Rows = append(s.Rows, zr...)
	} else {
		s.warnf("The tract file has no %s: tract comparisons need both kinds.", map[bool]string{true: "high-poverty tracts", false: "other tracts"}[tracts[0] == 0])
	}
	if landKnown && land[0] > 0 && land[1] > 0 {
		dens := make([]results.Row, 2)
		for g := range dens {
			ref := names[1]
			if g == 1 {
				ref = ""
			}
			r := results.BlankRow(id, mDensity, names[g], ref, results.UnitPerSqMi)
			r.N = x[g]
			r.Value = float64(x[g]) / land[g]
			if r.N < c.MinCell {
				r = results.Suppress(r)
			}
			dens[g] = r
		}
		// The same groups as the rates above: the counts are the same.
		dens = results.Complementary(dens)
		if !dens[0].Suppressed && !dens[1].Suppressed {
			dens[0].Ratio = dens[0].Value / dens[1].Value
			dens[0].Diff = dens[0].Value - dens[1].Value
		}
		s.Rows = append(s.Rows, dens...)
	} else {
		s.warnf("Participants per square mile not computed: the tract file gives no land area for every tract.")
	}

	s.Headline = 0
	s.describe = func() string {
		r, o := &s.Rows[0], &s.Rows[1]
		if r.Suppressed || o.Suppressed || math.IsNaN(r.Ratio) {
			return fmt.Sprintf("Too few participants to compare high-poverty tracts with other tracts (groups under %d are suppressed) — insufficient data.", c.MinCell)
		}
		return fmt.Sprintf("Residents of high-poverty tracts took part at %s per 1,000 residents in poverty, against %s in other tracts (rate ratio %.2f; %s) — %s.",
			results.UnitPer1000.Format(r.Value), results.UnitPer1000.Format(o.Value), r.Ratio, ciPhrase(c.Conf, rrLo, rrHi, func(v float64) string { return fmt.Sprintf("%.2f", v) }, r.PAdj), verdict(r))
	}
}

// per1000Rows builds the participation rows of high-poverty tracts (with the
// comparison) and other tracts (the reference) from participant counts x and
// residents in poverty below per group: rates per 1,000 with exact Poisson
// intervals and the Poisson rate ratio (exact conditional-binomial interval,
// returned for the finding). Counts are rounded to whole people for the
// tests (they are whole already unless allocated from ZIP codes); groups
// under MinCell are suppressed.
func (c *Config) per1000Rows(id string, x, below [2]float64, ownTest, ratioTest string) (rows []results.Row, rrLo, rrHi float64) {
	rows = make([]results.Row, 2)
	var n [2]int
	for g := range rows {
		ref := povNames[1]
		if g == 1 {
			ref = ""
		}
		n[g] = int(math.Round(x[g]))
		r := results.BlankRow(id, mPer1000, povNames[g], ref, results.UnitPer1000)
		r.N, r.Test = n[g], ownTest
		if below[g] > 0 {
			r.Value = 1000 * x[g] / below[g]
			lo, hi := poissonCI(n[g], c.Conf)
			r.CILow, r.CIHigh = 1000*lo/below[g], 1000*hi/below[g]
		}
		rows[g] = r
	}
	rrLo, rrHi = math.NaN(), math.NaN()
	if below[0] > 0 && below[1] > 0 && n[0] >= c.MinCell && n[1] >= c.MinCell {
		r := &rows[0]
		r.RefN = n[1]
		rr, lo, hi, p := stats.PoissonRateRatio(n[0], below[0], n[1], below[1], c.Conf)
		r.Ratio, r.P, r.Diff = rr, p, r.Value-rows[1].Value
		// The ratio detectable with the power asked (log-normal), as the
		// difference per 1,000 it means at the reference rate (METHODS §4.11).
		r.MDD = rows[1].Value * (math.Exp(stats.MDDNormal(math.Sqrt(1/float64(n[0])+1/float64(n[1])), c.Alpha, c.Power)) - 1)
		rrLo, rrHi = lo, hi
		r.Test = fmt.Sprintf("%s %.2f (exact %g%% CI %.2f to %.2f)", ratioTest, rr, 100*c.Conf, lo, hi)
	}
	for g := range rows {
		if rows[g].N < c.MinCell {
			rows[g] = results.Suppress(rows[g])
		}
	}
	return rows, rrLo, rrHi
}

// poissonCI is the exact (Garwood) interval for a Poisson count.
func poissonCI(x int, conf float64) (lo, hi float64) {
	a := 1 - conf
	if x > 0 {
		lo = distuv.ChiSquared{K: float64(2 * x)}.Quantile(a/2) / 2
	}
	hi = distuv.ChiSquared{K: float64(2*x + 2)}.Quantile(1-a/2) / 2
	return lo, hi
}

// runParticipationFromZIP is the participation comparison when the file has
// ZIP codes but no tract: each distinct participant is spread over the
// tracts of their ZIP by the HUD crosswalk's residential ratios, so tract
// counts are expected (fractional) numbers of participants. The rate ratio
// and its interval are computed on the group totals rounded to whole people
// — an approximation the finding states plainly.
func runParticipationFromZIP(in *Input, s *Draft) {
	c, d, t := in.Cfg, in.D, in.Tracts
	s.activeWindow(in, mPer1000)
	ids := in.Data.Cols[pirl.FieldID].Hash
	zipCol := &in.Data.Cols[pirl.FieldZIP]
	seen := map[uint64]bool{}
	var zips []int32
	for i := 0; i < d.N; i++ {
		if !d.Active[i] || d.Enrolled[i] != measures.Yes {
			continue
		}
		if ids != nil && ids[i] != 0 {
			if seen[ids[i]] {
				continue // one ZIP per person: the first period's
			}
			seen[ids[i]] = true
		}
		zips = append(zips, zipCol.Int(i))
	}
	alloc := in.ZIPTracts.Allocate(zips)
	s.leftOut(mPer1000, 0, "", alloc.NoZIP, "participant's ZIP blank")
	s.leftOut(mPer1000, 0, "", alloc.NotInCrosswalk, "ZIP not in the crosswalk")
	s.leftOut(mPer1000, 0, "", alloc.NoResidential, "ZIP with no residential addresses in the crosswalk")

	var x, below [2]float64
	inTable := 0.0
	for k := range t.GEOID {
		g := tractPoverty(t, k, c.Measures.PovertyThreshold)
		if g < 0 {
			continue
		}
		e := alloc.Lookup(t.GEOID[k])
		x[g] += e
		inTable += e
		below[g] += t.Below[k]
	}
	if out := float64(alloc.Allocated) - inTable; out > 0.5 {
		s.warnf("%.0f participants (expected count) were allocated to tracts outside the tract file and are not compared.", out)
	}
	rows, rrLo, rrHi := c.per1000Rows(s.ID, x, below,
		"ZIP-to-tract allocation (HUD residential ratios); counts rounded to whole people for the interval",
		"Poisson rate ratio on ZIP-allocated counts")
	s.Rows = append(s.Rows, results.Complementary(rows)...)
	s.chart("per1000", "Participants per 1,000 residents in poverty (ZIP-based approximation)", s.Rows)
	s.warnf("Approximation: the participant file has no tract_geoid, so each participant was spread over the tracts of their ZIP code by the HUD USPS crosswalk's residential ratios (%s). Tract-level counts are expected values, not people; tracts with no participants and density are not computed.", in.ZIPTracts.Source)
	s.Headline = 0
	s.describe = func() string {
		r, o := &s.Rows[0], &s.Rows[1]
		if r.Suppressed || o.Suppressed || math.IsNaN(r.Ratio) {
			return fmt.Sprintf("Approximation from ZIP codes: too few participants to compare high-poverty tracts with other tracts (groups under %d are suppressed) — insufficient data.", c.MinCell)
		}
		return fmt.Sprintf("Approximation from ZIP codes (no tract in the file): residents of high-poverty tracts took part at about %s per 1,000 residents in poverty, against %s in other tracts (rate ratio %.2f; %s) — %s.",
			results.UnitPer1000.Format(r.Value), results.UnitPer1000.Format(o.Value), r.Ratio,
			ciPhrase(c.Conf, rrLo, rrHi, func(v float64) string { return fmt.Sprintf("%.2f", v) }, r.PAdj), verdict(r))
	}
}

// tractPoverty is tract k's poverty group, as byPoverty gives a record's:
// 0 high-poverty (rate at or above threshold), 1 other, -1 no poverty rate.
func tractPoverty(t *tracts.Table, k int, threshold float64) int8 {
	r := t.PovertyRate(k)
	switch {
	case math.IsNaN(r):
		return -1
	case r >= threshold:
		return 0
	}
	return 1
}
