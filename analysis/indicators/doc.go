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
//	      any of 1806–1810 dated within the program year. Not for Wagner-Peyser.
//
// # Cohorts of program year N (July 1, N to June 30, N+1)
//
//	ERQ2, MEQ2  exits from July 1, N−1 to June 30, N
//	ERQ4, CAR   exits from January 1 to December 31, N−1
//	MSG         the program year itself, July 1, N to June 30, N+1
//
// A record belongs to a program when its program element (903 Adult, 904
// Dislocated Worker, 905 Youth, 918 Wagner-Peyser) is 1–3; 4 (reportable
// individual) and 0 do not count, and a co-enrolled record counts in each of its
// programs. Every count is of periods of participation (rows), as DOL's are.
//
// # Exclusions (PIRL 923)
//
// Exiters with an exclusion code are left out of both numerator and
// denominator of every indicator of the program (for MSG: when the exit falls in
// the program year). DefaultExclusions: 01 institutionalized, 02 health or
// medical, 03 deceased, 04 reserve forces called to active duty and 07 criminal
// offender for every program; 05 foster care only for Youth (it is a youth
// exclusion in TEGL 10-16 Attachment 2); 06 is never an exclusion here. The
// counts excluded are reported per code.
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
