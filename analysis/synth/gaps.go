package synth

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Gaps are the true population differences built into the generating
// probabilities, one or a few knobs per disparity of METHODS §3. The zero
// value injects no gap anywhere: every group then has the same generating
// probabilities, so a correct analysis flags nothing beyond chance.
//
// Probability knobs are differences in percentage points expressed as
// fractions (−0.10 = ten points lower for the named group than for its
// reference). All covariates (sex, tract, education, barriers, supportive
// services, program) are drawn independently, and every outcome is linear in
// the group indicators, so each raw group difference equals its knob in
// expectation; see doc.go for the exceptions (second-order, below one point).
type Gaps struct {
	// PovertyParticipation is the rate ratio, high-poverty tracts (poverty
	// rate ≥ 20 %) over the others, of participants per resident in poverty
	// (poverty-participation). Each participant's tract is drawn with weight
	// below_poverty × ratio (high-poverty) or below_poverty × 1. Zero means 1:
	// no gap.
	PovertyParticipation float64

	// PovertyCredential is the credential attainment probability of residents
	// of high-poverty tracts minus that of the others (poverty-credential).
	PovertyCredential float64

	// NeediestEnrollment is the enrollment probability (903/904/905 in 1–3
	// rather than 4) of the neediest (802 = 1 and ≥ 2 other barriers) minus
	// that of the others; NeediestTraining is the same for training receipt
	// (1300 = 1) among participants (neediest-enrollment).
	NeediestEnrollment, NeediestTraining float64

	// SupportCredential and SupportEmployment are the credential attainment
	// and Q2 employment probabilities of supportive-service recipients minus
	// those of non-recipients (supportive-services).
	SupportCredential, SupportEmployment float64

	// GenderCompletion and GenderCredential are training completion (1813 set
	// among 1811 set) and credential attainment, women minus men
	// (gender-credential).
	GenderCompletion, GenderCredential float64

	// GenderWage is men's mean hourly wage minus women's, in dollars
	// (gender-wages). GenderWageExplained is the share of it that comes from
	// men being more often in the higher-paid Advanced Manufacturing training
	// cluster instead of non-HD training (so an Oaxaca–Blinder decomposition
	// with training cluster as a covariate finds a non-zero explained part);
	// the rest is a direct premium. GenderRetention is training-related
	// employment retention (1608 = 1 and employed in Q4, among trainees
	// employed in Q2), women minus men.
	GenderWage, GenderWageExplained, GenderRetention float64

	// EducationQ2, EducationQ4 and EducationAll4 are employment in Q2, in Q4
	// and in all four quarters after exit, less than high school (408 = 0)
	// minus every other level; EducationEarnings is the relative difference in
	// Q2 earnings (−0.15 = 15 % lower at every quantile, through hours worked,
	// so the hourly wage is unaffected) (education-level).
	EducationQ2, EducationQ4, EducationAll4, EducationEarnings float64

	// HDRetention is training-related employment retention of Health Care
	// (SOC 29-, 31-) and IT (15-11, 15-12) trainees minus non-HD trainees;
	// TDLAll4 is employment in all four quarters of Transportation,
	// Distribution and Logistics trainees (53-, 43-5) minus non-HD trainees
	// (hd-clusters).
	HDRetention, TDLAll4 float64
}

// DefaultGaps returns gaps that mirror the Atlanta findings.
func DefaultGaps() Gaps {
	var g Gaps
	for _, k := range knobs {
		*k.field(&g) = k.Default
	}
	return g
}

// Knob describes one field of Gaps for flags, summaries and docs.
type Knob struct {
	Name      string  // flag name: --gap Name=VALUE
	Disparity string  // METHODS §3 id
	Unit      string  // "ratio", "difference" (probability), "dollars/hour", "share", "relative"
	Default   float64 // DefaultGaps value
	Doc       string
	field     func(*Gaps) *float64
}

var knobs = []Knob{
	{"poverty-participation", "poverty-participation", "ratio", 0.6, "participants per resident in poverty, high-poverty ÷ other tracts; 1 (or 0) = none", func(g *Gaps) *float64 { return &g.PovertyParticipation }},
	{"poverty-credential", "poverty-credential", "difference", -0.10, "credential attainment, high-poverty − other tracts", func(g *Gaps) *float64 { return &g.PovertyCredential }},
	{"neediest-enrollment", "neediest-enrollment", "difference", -0.15, "enrollment (1–3 vs 4), neediest − others", func(g *Gaps) *float64 { return &g.NeediestEnrollment }},
	{"neediest-training", "neediest-enrollment", "difference", -0.05, "training receipt among participants, neediest − others", func(g *Gaps) *float64 { return &g.NeediestTraining }},
	{"support-credential", "supportive-services", "difference", 0.10, "credential attainment, recipients − non-recipients", func(g *Gaps) *float64 { return &g.SupportCredential }},
	{"support-employment", "supportive-services", "difference", 0.08, "Q2 employment, recipients − non-recipients", func(g *Gaps) *float64 { return &g.SupportEmployment }},
	{"gender-completion", "gender-credential", "difference", -0.08, "training completion, women − men", func(g *Gaps) *float64 { return &g.GenderCompletion }},
	{"gender-credential", "gender-credential", "difference", -0.08, "credential attainment, women − men", func(g *Gaps) *float64 { return &g.GenderCredential }},
	{"gender-wage", "gender-wages", "dollars/hour", 1.88, "mean hourly wage, men − women", func(g *Gaps) *float64 { return &g.GenderWage }},
	{"gender-wage-explained", "gender-wages", "share", 0.30, "share of gender-wage due to training-cluster composition", func(g *Gaps) *float64 { return &g.GenderWageExplained }},
	{"gender-retention", "gender-wages", "difference", -0.06, "training-related employment retention, women − men", func(g *Gaps) *float64 { return &g.GenderRetention }},
	{"education-q2", "education-level", "difference", -0.12, "employed Q2, less than HS − others", func(g *Gaps) *float64 { return &g.EducationQ2 }},
	{"education-q4", "education-level", "difference", -0.10, "employed Q4, less than HS − others", func(g *Gaps) *float64 { return &g.EducationQ4 }},
	{"education-all4", "education-level", "difference", -0.12, "employed all four quarters, less than HS − others", func(g *Gaps) *float64 { return &g.EducationAll4 }},
	{"education-earnings", "education-level", "relative", -0.15, "Q2 earnings, less than HS ÷ others − 1", func(g *Gaps) *float64 { return &g.EducationEarnings }},
	{"hd-retention", "hd-clusters", "difference", 0.12, "training-related retention, Health Care and IT − non-HD trainees", func(g *Gaps) *float64 { return &g.HDRetention }},
	{"tdl-all4", "hd-clusters", "difference", -0.12, "employed all four quarters, TDL − non-HD trainees", func(g *Gaps) *float64 { return &g.TDLAll4 }},
}

// Knobs lists every gap knob in a stable order.
func Knobs() []Knob { return append([]Knob(nil), knobs...) }

func knob(name string) (Knob, bool) {
	for _, k := range knobs {
		if k.Name == strings.ToLower(strings.TrimSpace(name)) {
			return k, true
		}
	}
	return Knob{}, false
}

// Value returns the value of the knob of that name.
func (g Gaps) Value(name string) (float64, bool) {
	k, ok := knob(name)
	if !ok {
		return 0, false
	}
	return *k.field(&g), true
}

// Set sets the knob of that name.
func (g *Gaps) Set(name string, v float64) error {
	k, ok := knob(name)
	if !ok {
		names := make([]string, len(knobs))
		for i, k := range knobs {
			names[i] = k.Name
		}
		sort.Strings(names)
		return fmt.Errorf("unknown gap %q (known: %s)", name, strings.Join(names, ", "))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("gap %s: value %v is not a finite number", name, v)
	}
	*k.field(g) = v
	return nil
}

// IsZero reports whether no gap is injected.
func (g Gaps) IsZero() bool {
	for _, k := range knobs {
		v := *k.field(&g)
		if k.Name == "gender-wage-explained" {
			continue // a share of nothing is nothing
		}
		if k.Name == "poverty-participation" && (v == 0 || v == 1) {
			continue
		}
		if v != 0 {
			return false
		}
	}
	return true
}

// participationRatio is PovertyParticipation with 0 read as 1.
func (g Gaps) participationRatio() float64 {
	if g.PovertyParticipation == 0 {
		return 1
	}
	return g.PovertyParticipation
}
