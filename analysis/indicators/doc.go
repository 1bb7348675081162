// Package indicators computes the WIOA primary indicators of performance
// (WIOA sec. 116(b)(2)(A)) for the title I Adult, Dislocated Worker and Youth
// programs and the title III Wagner-Peyser Employment Service, from PIRL
// records, the way the Department of Labor computes them for the annual
// Statewide Performance Report (ETA-9169), and breaks them down by group.
//
// # Indicators and their stable ids
//
// Each result row's measure is "<id> (<program>)", e.g. "ERQ2 (Adult)",
// "MEQ2 (Wagner-Peyser)", "CAR (Youth)"; programs are "Adult",
// "Dislocated Worker", "Youth" and "Wagner-Peyser".
//
//	ERQ2  Employment Rate – 2nd Quarter After Exit. Numerator: PIRL 1602 in
//	      1–3; for Youth also PIRL 1900 (education or training placement) in 1–3
//	      ("Education and Employment Rate"). Denominator: every exiter of the
//	      cohort; 1602 = 9 (not yet available) or blank counts as not employed,
//	      as in DOL's specification, and is counted in Counts so that a run on a
//	      cohort whose wage records are not final says so.
//	ERQ4  the same with PIRL 1606 and, for Youth, PIRL 1901.
//	MEQ2  Median Earnings – 2nd Quarter After Exit: the median (R type 7) of
//	      PIRL 1704 among the ERQ2 numerator's employed (1602 in 1–3) whose 1704
//	      is positive and not the 999999.99 "not yet available" sentinel.
//	CAR   Credential Attainment Rate. Denominator: exiters in education or
//	      training other than only OJT or customized training — any of
//	      1303/1310/1315 in 02–04 or 06–10, or 1332 = 1, or 408 = 0 with
//	      1401 = 1. Numerator: a credential 1800/1802/1804 of type 2–7 dated
//	      (1801/1803/1805) no later than one year after exit, or of type 1
//	      (secondary diploma or equivalent) with employment in any of the four
//	      quarters after exit (1600–1606 in 1–3) or post-exit education or
//	      training (1406) within a year of exit. Not for Wagner-Peyser.
//	MSG   Measurable Skill Gains Rate. Denominator: participants whose period of
//	      participation overlaps the program year (900 on or before its end, 901
//	      blank or on or after its start) and whose education or training
//	      (1811 to 1813, 1813 blank = still enrolled) overlaps it too. Numerator:
//	      TEGL 10-16's five types of gain dated within the program year — any
//	      of 1806–1810 (educational functioning level, postsecondary or
//	      secondary transcript, training milestone, skills progression), or the
//	      attainment of a secondary school diploma or its recognized equivalent,
//	      a credential of type 1 (1800/1802/1804) dated (1801/1803/1805) in the
//	      year (DOL's CALC4009). Not for Wagner-Peyser.
//
// # Cohorts of program year N (July 1, N to June 30, N+1)
//
//	ERQ2, MEQ2  exits from July 1, N−1 to June 30, N
//	ERQ4, CAR   exits from January 1 to December 31, N−1
//	MSG         the program year itself, July 1, N to June 30, N+1
//
// A record belongs to a program as DOL's calculated items CALC4001–CALC4005
// decide (measures.Participant, the rule every command uses): 903 Adult or
// 905 Youth in 1–3 (4 is a reportable individual); 904 Dislocated Worker in
// 1–3 or 909 Rapid Response (additional assistance) = 1 (CALC4002); 918
// Wagner-Peyser = 1 only — the PY2022 layout codes 918 as 1 yes, 2
// reportable individual, 0 no, 9 unknown (CALC4005: "Item 918 = 1"). A
// co-enrolled record counts in each of its programs. Every count is of
// periods of participation (rows), as DOL's are.
//
// # Exclusions (PIRL 923)
//
// Exiters with an exclusion code are left out of both numerator and
// denominator of every indicator of the program (for MSG: when the exit falls in
// the program year). The rule is measures.Exclusions, the same one the
// disparities' exit cohort applies (wioa.yaml exclude_923_codes and
// exclude_923_codes_youth): 01 institutionalized, 02 health or medical, 03
// deceased, 04 reserve forces called to active duty and 07 criminal offender
// for every program; 05 foster care only for Youth (TEGL 10-16 Attachment 2;
// the layout: "Youth participants only"); 06 is never an exclusion here. The
// counts excluded are reported per code.
//
// # Groups
//
// Age at entry from 200 and 900, else the public-use file's CALC4039 (age at
// participation, "calculated from Item 200 and Item 900"; 200 is blank in the
// PUF); race/ethnicity from 210–215, else — when all six are blank —
// CALC4020 (1 Hispanic … 7 multiple race, RaceNames in order); the board by
// LOCAL_BOARD_NAME where the file has it, else 108A; barriers are those of
// measures.DefaultBarrierFields (WIOA sec. 3(24): 402, 600, 601, 602, 603,
// 704, 800–808, 202). A Youth file without 1900/1901 gets a warning
// (Result.Warnings): its Youth rates then count employment only.
//
// # Agreement with DOL's calculated items
//
// Agree compares, record by record, the tool's result for each (program,
// indicator) of the program year with the item where DOL stored its own:
// CALC4013/4017/4015 (ERQ2, ERQ4, MEQ2 for Adult, Dislocated Worker and
// Wagner-Peyser), CALC4014/4018/4016 (Youth), CALC4019 (CAR), CALC4007 (MSG),
// and program membership with CALC4001/4002/4003/4005 over every row. Same and
// different count records both score; tool-only records the tool scores and
// DOL left blank; DOL-only records of the program in the cohort period that
// the tool leaves out. Examples give file lines and codes, never identifiers
// or amounts. `validate`, which has no program year, compares for the
// program year of the latest exit (InferProgramYear).
//
// # Differences from DOL's code (ETA-OPDR/opdR) and open questions
//
// opdR's R/data_analysis.R (generate_wioa_outcomes, add_outcome_type_dates)
// could not be read when this was written; the rules above follow the PY2022
// Q4 record layout, its CALC item definitions and TEGL 10-16. Where those do
// not settle a rule, this is the reading taken, each shown by a test:
//
//   - 9 and blank employment count as not employed, in the denominator
//     (TestEmploymentCodes). opdR may drop records whose wage
//     data are not yet available from the cohort; if so its rates are higher
//     on a cohort whose wage records are not final. Open.
//   - MSG exclusions apply when the exit is in the program year
//     (TestMSG: "exited in the year, deceased"). DOL may apply 923 to
//     MSG only for exits in the year as well, or to every participant. Open.
//   - The diploma gain needs no secondary-education enrolment (1401)
//     (TestMSGSecondaryDiploma). CALC4009 is "based on the definition of
//     measurable skill gains"; TEGL 10-16 counts the diploma for participants
//     in secondary education. Open: whether opdR requires 1401 = 1 or 408 = 0.
//   - Only the most recent date of each MSG type is in the PIRL; a gain
//     earlier in the year overwritten by a later one outside it is lost here
//     as it is for DOL (TestMSG: "gain after the year").
//   - MEQ2 leaves out zero and negative 1704 (TestMedianEarningsValues): CALC4015 is blank
//     for them in our reading; opdR might keep zero earnings. Open.
//   - Youth ERQ2/ERQ4 count 1900/1901 in 1–3 as placement whatever 1602/1606
//     say (TestYouthPlacement). A PUF leaves 9 in 1900/1901 blank.
//   - 909 = 1 makes a Dislocated Worker for every indicator
//     (TestRapidResponseIsDW), as CALC4002 defines "served by a dislocated
//     worker funding stream"; whether opdR also counts a 909-only record in
//     the DW cohort of ERQ2 etc. is open.
//
// The per-record agreement (Agree) is the way to settle these on a real PUF:
// a difference that recurs shows in its counts and examples.
//
// References: WIOA sec. 116(b)(2)(A); 20 CFR 677.155; DOL ETA TEGL 10-16,
// Change 1 and Change 2 ("Performance Accountability Guidance for WIOA Title I,
// II, III and IV Core Programs", Attachments 2 and 10 — exclusions and
// indicator figures); ETA-9169 Statewide Performance Report specifications
// and annual reporting periods (OMB 1205-0526); ETA-9172 PIRL element
// definitions (OMB 1205-0521). The cohort periods are the ETA-9169 "Annual
// Periods of Reporting"; the race/ethnicity grouping is that of DOL's WIOA
// public-use file (Hispanic/Latino of any race, then non-Hispanic single races,
// then two or more races).
package indicators
