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
// The default shape is the tool's own synthetic PIRL file, not the
// public-use file, and stays byte-identical so that the embedded sample and
// the goldens do not drift. It keeps, on purpose: filler columns numbered
// like PIRL elements but not in the PY2022 layout (so readers must skip many
// plausible columns), 8-digit O*NET-SOC training codes (as state PIRL
// extracts carry them), 9 ("unknown" / "not yet available") in 402, 600,
// 602, 603, 800, 802–804, 1608, 1618, 1900 and 1901 where the PY2022 layout
// lists no 9 (the reader reads 9 there as unknown), 1600–1606 codes 2 and 3,
// the 999999.99 wage sentinel, and no 918, 909 or CALC items. Files shaped
// like DOL's own come from LayoutPUF.
//
// # Public-use-file layout
//
// Config.Layout = LayoutPUF ("wioa generate --layout puf-py2022q4") writes the
// same records (same seed and exit window) shaped like the DOL WIOA
// public-use file of the PY2022 Q4 record layout: its 290 elements in its
// order (testdata/puf-py2022q4-columns.csv, derived from the official layout
// by gen_puflayout.go), headed PIRL100 … PIRL108A … PIRL3007, CALC4000 …
// CALC4041, REPORT_QUARTER; no extension columns. Values as the layout says
// the public-use file writes them: 100 as 12 characters; 101, 102, 103, 200
// (birth date), 401, 1112, 2700–2702 blank; 1600–1606 recoded 1/0/9;
// 1703–1706 whole dollars, blank when not yet available (no 999999.99);
// 1306/1311/1316 6-digit O*NET-SOC ("291141"); 923, 1303, 1310, 1315 two
// digits; a code the layout does not list for its element (the 9s above) is
// left blank; elements the model does not hold are blank. 108A is written:
// the layout removes records of boards with fewer than 50 participants, not
// the item, and the synthetic boards are larger than that. The layout has no
// LOCAL_BOARD_NAME, so neither has the file.
//
// Drawn from a random stream of their own (so the other items equal the
// default layout's): 909 Rapid Response additional assistance (1 for 10 % of
// Dislocated Worker and 2 % of other participants, 9 for 3 %, else 0; blank
// for reportable individuals); 918 Wagner-Peyser (participants: 1 for 60 %,
// 9 for 3 %, else 0; reportable individuals: 2 for half, else 0); 1601, 1603,
// 1605, 1607 match type (employed: 1 direct wage match 92 %, 2 supplemental;
// 0 not employed; 9 not yet available).
//
// The CALC items are computed from the record as written, for the report
// period ending with the quarter holding Config.End (default exits
// 2021-01-01 to 2023-06-30: REPORT_QUARTER 20230630, program year N = 2022),
// with the cohorts of package indicators: ERQ2/median earnings exits July 1,
// N−1 to June 30, N; ERQ4/credential exits calendar N−1; MSG the program year.
// "Excluded" is 923 in 01–04 or 07 (and 05 for Youth).
//
//	CALC4000  state postal abbreviation of the tracts' state (GA)
//	CALC4001  903 in 1–3;  CALC4002 904 in 1–3 or 909 = 1;  CALC4003 905 in 1–3
//	CALC4004  0 (no DWG);  CALC4005 918 = 1
//	CALC4006  no program in 1–3 and 903/904/905 = 4 or 918 = 2
//	CALC4007  MSG: for title I participants whose participation and education
//	          or training (1811–1813) overlap the program year, not excluded when
//	          exiting in it: 1 if any of CALC4008–4012 is 1, else 0; blank otherwise
//	CALC4008  1806 in the year; 4009 a type-1 credential dated in the year;
//	          4010 1807 or 1808; 4011 1809; 4012 1810
//	CALC4013  Adult/DW/WP exiters of the ERQ2 cohort, not excluded: 1602 = 1
//	CALC4014  Youth exiters of the ERQ2 cohort, not excluded: 1602 = 1 or 1900 in 1–3
//	CALC4015  1704 where CALC4013 = 1 and 1704 > 0;  CALC4016 the same for CALC4014 and 1602 = 1
//	CALC4017  as CALC4013 with the ERQ4 cohort and 1606;  CALC4018 as CALC4014 with 1606, 1901
//	CALC4019  title I exiters of the credential cohort in its denominator (training
//	          other than only 01/05, 1332 = 1, or 408 = 0 with 1401 = 1), not
//	          excluded: a type 2–7 credential within a year of exit, or type 1
//	          with employment after exit or 1406 within a year
//	CALC4020  210 = 1 → 1; else the one race of 212/213/214/211/215 = 1 → 2/3/4/5/6,
//	          several → 7; none → blank
//	CALC4021  202 = 0; CALC4022–4028 0; CALC4029 202 = 1 (203 is not generated)
//	CALC4030–4038  blank (1304 is not generated)
//	CALC4039  age at entry (900) from the birth date (written blank in 200)
//	CALC4040  program year of exit (9999 without exit);  CALC4041 0
//
// Indicators computed by the tool from the file equal, record by record,
// what the CALC items say (tested for Adult and Youth). The generator models
// title I records: there are no Wagner-Peyser-only rows, and no type-1
// credentials, so CALC4009 is always 0.
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
