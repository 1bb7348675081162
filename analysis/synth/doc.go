// Package synth generates synthetic WIOA participant files in the DOL PIRL
// layout, with a matching tract reference file, and with known equity gaps
// built into the generating probabilities. It serves three purposes: a
// bundled sample (package sample), benchmarks of the reader on
// national-size files, and end-to-end tests that the analyses find gaps that
// are there and flag nothing when there are none.
//
// # Shape
//
// One row per period of participation; about 2 % of identifiers come back
// for a second period. The ~310 columns are every element the tool reads
// (pirl.Elements) interleaved, in PIRL number order, with filler columns
// named after other PIRL numbers (mostly empty, some constant codes), then
// the extension columns tract_geoid, hourly_wage, latitude and longitude.
// Codes follow the element table; dates are YYYYMMDD; 923, 1303, 1310 and
// 1315 are written as two digits ("06"); training codes are 8-digit O*NET-SOC
// ("29114100"). After-exit quarters that ended less than 150 days before
// Config.AsOf are "not yet available": employment 9, wages 999999.99. About
// 20 % of records are reportable individuals (903/904/905 = 4), 1.5 % of
// participants have a 923 exclusion, 8 % have not exited. hourly_wage is set
// only for those employed in Q2, and Q2 earnings (1704) are hourly wage ×
// weekly hours × 13.
//
// # Generating model
//
// Person-level covariates — sex, tract, race, education, the eleven barriers,
// program — are drawn independently of each other. Supportive services (15 %
// of participants) are independent of all of them. Each outcome probability
// is a base rate plus the knobs of the groups the record belongs to, so with
// independent covariates every raw group difference equals its knob in
// expectation, and with Gaps{} every group has the same probabilities.
// Generate refuses gaps that would push any probability outside [0, 1]
// rather than clamp it.
//
// Outcomes are generated for participants only: reportable individuals have
// no training, services or outcomes. A credential is possible only after a
// completed training; counted credentials (types 2–7) are dated at most 300
// days after exit, and 4 % of the others get a type-5 credential dated more
// than a year after exit, which the indicator must not count.
//
// # Injected gaps
//
// Defaults (DefaultGaps) mirror the Atlanta findings. "Difference" knobs are
// probability differences (group − reference).
//
//	disparity              knob (--gap name)      default  effect
//	poverty-participation  poverty-participation  0.6      tract drawn ∝ residents in poverty × 0.6 if poverty rate ≥ 20 %:
//	                                                       participants per resident in poverty, high ÷ other = 0.6
//	poverty-credential     poverty-credential     −0.10    credential attainment, high-poverty − other tracts
//	neediest-enrollment    neediest-enrollment    −0.15    enrolled (1–3 vs 4), neediest − others (neediest: 802 = 1 and
//	                                                       ≥ 2 yes among 402, 600, 602, 603, 800, 801, 803, 804, 806, 202)
//	                       neediest-training      −0.05    training (1300 = 1) among participants, neediest − others
//	supportive-services    support-credential     +0.10    credential attainment, recipients − non-recipients (utilization 15 %)
//	                       support-employment     +0.08    employed Q2, recipients − non-recipients
//	gender-credential      gender-completion      −0.08    training completion (1813 set among 1811 set), women − men
//	                       gender-credential      −0.08    credential attainment, women − men
//	gender-wages           gender-wage            1.88     mean hourly wage, men − women, dollars
//	                       gender-wage-explained  0.30     share of it from men's larger Advanced Manufacturing share
//	                                                       (+$6/h premium) among trainees, instead of non-HD training
//	                       gender-retention       −0.06    training-related retention (1608 = 1 and employed Q4, among
//	                                                       trainees employed Q2), women − men
//	education-level        education-q2           −0.12    employed Q2, less than high school (408 = 0) − others
//	                       education-q4           −0.10    employed Q4
//	                       education-all4         −0.12    employed all four quarters
//	                       education-earnings     −0.15    Q2 earnings relative (fewer hours; hourly wage unchanged)
//	hd-clusters            hd-retention           +0.12    training-related retention, Health Care and IT − non-HD trainees
//	                       tdl-all4               −0.12    employed all four quarters, TDL − non-HD trainees
//
// Base rates of the reference groups: enrolled 0.80, trained 0.50, completed
// 0.80, credential 0.55, employed Q2 0.68, Q4 0.66, all four 0.50,
// retention 0.45, hourly wage lognormal with median $17 plus cluster
// premiums (HC +2, IT +6, TDL +1, AM +6).
//
// Two effects are exact only to second order: the gender-wage composition
// shift makes non-HD trainees slightly more often women, so the hd-retention
// difference is larger than its knob by about gender-retention × (difference
// in the share of women), under half a point with the defaults; and the
// median (not the mean) wage gap differs slightly from gender-wage because
// the cluster premiums make the wage distribution a mixture.
package synth
