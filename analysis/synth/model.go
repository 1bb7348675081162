package synth

import (
	"fmt"
	"math"
)

// Base rates of the generating model (the reference group's probabilities).
// They are fixed so that Gaps alone decide which groups differ.
const (
	pMale, pFemale = 0.49, 0.49 // the rest did not self-identify (9)
	pLessHS        = 0.18       // 408 = 0
	pExited        = 0.92       // 901 set
	pUnknown       = 0.02       // each barrier answered 9
	pRepeat        = 0.02       // a row is the person's second period
	pExclusion     = 0.015      // 923 in 01–07

	enroll0   = 0.80 // enrolled (903/904/905 in 1–3), non-neediest
	train0    = 0.50 // received training, non-neediest participants
	complete0 = 0.80 // completed training (1813 | 1811), men
	cred0     = 0.55 // credential attainment, men, other tracts, no supportive services
	all40     = 0.50 // employed all four quarters
	q20       = 0.68 // employed Q2
	q40       = 0.66 // employed Q4
	retain0   = 0.45 // training-related employment retention among trainees employed in Q2

	wageMedian = 17.0 // hourly wage, lognormal median before premiums
	wageSigma  = 0.35
)

// Barrier order in person.bar; barYes is each one's probability of a yes.
const (
	bar402 = iota
	bar600
	bar602
	bar603
	bar800
	bar801
	bar802
	bar803
	bar804
	bar806
	bar202
	nBarriers
)

var barYes = [nBarriers]float64{0.20, 0.06, 0.05, 0.25, 0.05, 0.10, 0.55, 0.06, 0.15, 0.12, 0.08}

// Training clusters (METHODS §2 high-demand clusters), by SOC prefix of 1306.
const (
	clNonHD = iota // everything else
	clHC           // Health Care: 29-, 31-
	clIT           // Information Technology: 15-11, 15-12
	clTDL          // Transportation, Distribution and Logistics: 53-, 43-5
	clAM           // Advanced Manufacturing: 51-
	nClusters
)

var (
	clusterShare   = [nClusters]float64{0.35, 0.25, 0.10, 0.15, 0.15}
	clusterPremium = [nClusters]float64{0, 2, 6, 1, 6} // dollars/hour added to the hourly wage
	// clusterSOC are O*NET-SOC codes written as 8 digits (29-1141.00 → 29114100).
	clusterSOC = [nClusters][]string{
		clNonHD: {"47211100", "49302300", "43601400", "43303100", "13201100", "35201400", "39501200", "41203100"},
		clHC:    {"29114100", "29206100", "31113100", "31909200", "29205200", "29204200"},
		clIT:    {"15123200", "15124400", "15121200", "15125200", "15121100", "15115100"},
		clTDL:   {"53303200", "53706200", "53705100", "43507100", "43508100"},
		clAM:    {"51412100", "51404100", "51209200", "51906100"},
	}
)

// model turns Gaps into generating probabilities.
type model struct {
	g Gaps
	// neediest is P(neediest) among all records; trained is P(training) among
	// participants, which sets how much of the wage gap cluster composition
	// can carry.
	neediest, trained float64
	// shares[s] is the cumulative cluster distribution of trainees of sex s
	// (0 men, 1 women, 2 not self-identified).
	shares [3][nClusters]float64
	shift  float64 // Advanced Manufacturing share, men − women
	direct float64 // men's direct hourly premium
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func newModel(g Gaps, supportRate float64) (*model, error) {
	m := &model{g: g}
	m.neediest = barYes[bar802] * atLeastTwoOthers()
	pe := enroll0 + g.NeediestEnrollment
	enrolledNeedy := m.neediest * pe / (enroll0*(1-m.neediest) + pe*m.neediest)
	m.trained = train0 + g.NeediestTraining*enrolledNeedy
	if g.GenderWageExplained < 0 || g.GenderWageExplained > 1 {
		return nil, fmt.Errorf("gap gender-wage-explained = %g: must be a share in [0, 1]", g.GenderWageExplained)
	}
	if math.Abs(g.GenderWage) > 10 {
		return nil, fmt.Errorf("gap gender-wage = %g: must be within ±10 dollars/hour", g.GenderWage)
	}
	if r := g.participationRatio(); r <= 0 {
		return nil, fmt.Errorf("gap poverty-participation = %g: must be a positive rate ratio", g.PovertyParticipation)
	}
	if supportRate <= 0 || supportRate >= 1 {
		return nil, fmt.Errorf("support rate %g: must be in (0, 1)", supportRate)
	}
	explained := g.GenderWage * g.GenderWageExplained
	m.direct = g.GenderWage - explained
	if m.trained > 0 {
		m.shift = explained / (m.trained * (clusterPremium[clAM] - clusterPremium[clNonHD]))
	}
	for s := range 3 {
		sh := clusterShare
		d := [3]float64{m.shift / 2, -m.shift / 2, 0}[s]
		sh[clAM] += d
		sh[clNonHD] -= d
		if sh[clAM] < 0 || sh[clNonHD] < 0 {
			return nil, fmt.Errorf("gap gender-wage = %g with explained share %g needs an Advanced Manufacturing share shift of %.3f, more than the %.2f base share allows",
				g.GenderWage, g.GenderWageExplained, m.shift, 2*math.Min(clusterShare[clAM], clusterShare[clNonHD]))
		}
		c := 0.0
		for k := range sh {
			c += sh[k]
			m.shares[s][k] = c
		}
		m.shares[s][nClusters-1] = 1
	}
	return m, m.check()
}

// atLeastTwoOthers is P(at least two yes answers among the barriers other
// than low income), the barriers being independent.
func atLeastTwoOthers() float64 {
	var p [nBarriers + 1]float64 // p[k] = P(k yes so far)
	p[0] = 1
	for b := range nBarriers {
		if b == bar802 {
			continue
		}
		for k := nBarriers; k >= 0; k-- {
			p[k] *= 1 - barYes[b]
			if k > 0 {
				p[k] += p[k-1] * barYes[b]
			}
		}
	}
	return 1 - p[0] - p[1]
}

func (m *model) enroll(needy bool) float64 { return enroll0 + m.g.NeediestEnrollment*b2f(needy) }
func (m *model) train(needy bool) float64  { return train0 + m.g.NeediestTraining*b2f(needy) }
func (m *model) complete(female bool) float64 {
	return complete0 + m.g.GenderCompletion*b2f(female)
}
func (m *model) cred(female, high, support bool) float64 {
	return cred0 + m.g.PovertyCredential*b2f(high) + m.g.SupportCredential*b2f(support) + m.g.GenderCredential*b2f(female)
}

// emp returns P(employed all four quarters), P(employed Q2), P(employed Q4).
func (m *model) emp(lessHS, support, tdl bool) (a, e2, e4 float64) {
	a = all40 + m.g.EducationAll4*b2f(lessHS) + m.g.TDLAll4*b2f(tdl)
	e2 = q20 + m.g.EducationQ2*b2f(lessHS) + m.g.SupportEmployment*b2f(support)
	e4 = q40 + m.g.EducationQ4*b2f(lessHS)
	return a, e2, e4
}

// q4GivenQ2 is P(employed Q4 | employed Q2) under the employment model of
// generator.outcomes: all four with probability a, otherwise Q2 and Q4
// independent with probabilities (e2−a)/(1−a) and (e4−a)/(1−a).
func q4GivenQ2(a, e2, e4 float64) float64 {
	return (a + (e2-a)*(e4-a)/(1-a)) / e2
}

func (m *model) retain(female, hcit bool) float64 {
	return retain0 + m.g.GenderRetention*b2f(female) + m.g.HDRetention*b2f(hcit)
}

// check verifies that every combination of group indicators gets valid
// probabilities, so that no probability is silently clamped (which would make
// the injected gaps differ from the knobs).
func (m *model) check() error {
	bad := func(what string, p float64) error {
		return fmt.Errorf("gaps too large: %s probability would be %.3f, outside [0, 1]", what, p)
	}
	for _, needy := range []bool{false, true} {
		if p := m.enroll(needy); p < 0 || p > 1 {
			return bad("enrollment", p)
		}
		if p := m.train(needy); p <= 0 || p > 1 {
			return bad("training", p)
		}
	}
	for _, female := range []bool{false, true} {
		pk := m.complete(female)
		if pk <= 0 || pk > 1 {
			return bad("training completion", pk)
		}
		for _, high := range []bool{false, true} {
			for _, sup := range []bool{false, true} {
				pc := m.cred(female, high, sup)
				if pc < 0 || pc > pk {
					return fmt.Errorf("gaps too large: credential probability %.3f must lie in [0, completion %.3f] (a credential needs a completed training)", pc, pk)
				}
			}
		}
	}
	for _, lhs := range []bool{false, true} {
		for _, sup := range []bool{false, true} {
			for _, tdl := range []bool{false, true} {
				a, e2, e4 := m.emp(lhs, sup, tdl)
				if a < 0 || a >= 1 || e2 < a || e2 > 1 || e4 < a || e4 > 1 || e2 <= 0 {
					return fmt.Errorf("gaps too large: employment probabilities all-four %.3f, Q2 %.3f, Q4 %.3f must satisfy 0 ≤ all-four ≤ Q2, Q4 ≤ 1", a, e2, e4)
				}
				for _, female := range []bool{false, true} {
					for _, hcit := range []bool{false, true} {
						if tdl && hcit {
							continue
						}
						r := m.retain(female, hcit)
						if q := q4GivenQ2(a, e2, e4); r < 0 || r > q {
							return fmt.Errorf("gaps too large: retention probability %.3f must lie in [0, P(Q4 | Q2) = %.3f]", r, q)
						}
					}
				}
			}
		}
	}
	return nil
}
