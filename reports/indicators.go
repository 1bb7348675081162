package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports/md"
)

// IndicatorsRun is what `wioa indicators` produced: the computed cohorts and
// the rows (as a Run whose only section is the indicators section, so that
// WriteCSV and WriteJSON write results.csv/json that `wioa check` reads).
type IndicatorsRun struct {
	Run    *Run
	Result *indicators.Result
	// Skipped names breakdowns asked for whose columns the file lacks.
	Skipped []string
	// RoundMedians records whether medians were rounded for privacy.
	RoundMedians bool
	// Agreement compares the per-record results with DOL's calculated
	// items (indicators.Agree); nil when the file has none.
	Agreement *indicators.Agreement
}

// WriteIndicatorsMarkdown writes the indicators report: the cohort periods,
// one table per program (numerator, denominator, rate or median and interval,
// records excluded), the breakdowns, data notes and the definitions.
func WriteIndicatorsMarkdown(w io.Writer, ir *IndicatorsRun) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	run, res := ir.Run, ir.Result
	c := run.Config
	pv := &run.Provenance
	py := res.ProgramYear

	p("# WIOA primary indicators of performance, program year %d\n\n", py)
	p("Participant file **%s** (%s rows read). Program year %d runs %s; each indicator's cohort is DOL's annual reporting period for it:\n\n",
		mdEscape(pv.Input.Name), results.UnitCount.Format(float64(pv.RowsRead)), py,
		indicators.CohortWindow(indicators.MSG, py))
	writeIndicatorsSection(b, ir, c)
	writeIndicatorsMethods(b, ir)
	return b.Flush()
}

// IndicatorsSectionMarkdown renders the indicators as one section of a
// report (the cohort periods, program tables and breakdowns, no methods).
func IndicatorsSectionMarkdown(w io.Writer, ir *IndicatorsRun) error {
	b := bufio.NewWriter(w)
	writeIndicatorsSection(b, ir, ir.Run.Config)
	writeIndicatorsMethods(b, ir)
	return b.Flush()
}

func writeIndicatorsSection(b *bufio.Writer, ir *IndicatorsRun, c *disparities.Config) {
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	res := ir.Result
	py := res.ProgramYear
	p("| Indicator | Exits (or participation) from … to |\n|---|---|\n")
	for k := indicators.Indicator(0); int(k) < indicators.NumIndicators; k++ {
		p("| %s — %s | %s |\n", k, indicators.IndicatorNames[k], indicators.CohortWindow(k, py))
	}
	p("\n")
	for _, w := range res.Warnings {
		p("- Warning: %s.\n\n", mdEscape(w))
	}
	var sec *results.Section
	if len(ir.Run.Sections) > 0 {
		sec = ir.Run.Sections[0]
	}
	for pr := indicators.Program(0); int(pr) < indicators.NumPrograms; pr++ {
		if !res.Requested[pr] {
			continue
		}
		p("## %s\n\n", pr)
		if res.NotComputed[pr] != "" {
			p("Not computed: %s.\n\n", mdEscape(res.NotComputed[pr]))
			continue
		}
		p("| Indicator | Numerator | Denominator | Value | %g%% CI | In cohort | Excluded (PIRL 923) | Not yet available (9) / blank |\n", 100*c.Conf)
		p("|---|---:|---:|---:|---|---:|---|---|\n")
		for k := indicators.Indicator(0); int(k) < indicators.NumIndicators; k++ {
			o := res.Find(pr, k)
			if o == nil {
				continue
			}
			row := findRow(sec, indicators.Measure(k, pr), indicators.AllGroup)
			num, value, ci := "", "", ""
			switch {
			case row == nil || row.Suppressed:
				value = fmt.Sprintf("suppressed (n < %d)", c.MinCell)
			default:
				val := func(v float64) string { return row.Unit.Format(v) }
				value, ci = val(row.Value), results.FormatInterval(row.CILow, row.CIHigh, val)
				if k != indicators.MEQ2 {
					num = count(o.Counts.Numerator)
				}
			}
			den := count(o.Counts.Denominator)
			if row == nil || row.Suppressed {
				den = ""
			}
			nya := ""
			if k == indicators.ERQ2 || k == indicators.ERQ4 {
				nya = count(o.Counts.NotYetAvailable) + " / " + count(o.Counts.Blank)
			}
			p("| %s %s | %s | %s | %s | %s | %s | %s | %s |\n", k, mdEscape(k.Name(pr)), num, den, value, ci,
				count(o.Counts.InCohort), excludedCell(o.Counts.Excluded), nya)
		}
		p("\n")
		notes := programNotes(res, pr)
		for _, n := range notes {
			p("- %s\n", n)
		}
		if len(notes) > 0 {
			p("\n")
		}
		if sec == nil {
			continue
		}
		var rows []results.Row
		for _, r := range sec.Rows {
			if strings.HasSuffix(r.Measure, "("+pr.String()+")") && r.Group != indicators.AllGroup {
				rows = append(rows, r)
			}
		}
		if len(rows) > 0 {
			p("### %s by group\n\nEach group is compared with the rest of the cohort whose characteristic is known.\n\n", pr)
			writeTable(b, rows, c)
		}
	}
	if sec != nil {
		if len(sec.LeftOut) > 0 {
			p("Left out of the breakdowns (characteristic not known):\n\n")
			for _, l := range sec.LeftOut {
				p("- %s: %s — %s\n", md.Text(l.Measure), count(l.N), md.Text(l.Reason))
			}
			p("\n")
		}
		for _, w := range sec.Warnings {
			p("- Note: %s\n", mdEscape(w))
		}
	}
	if len(ir.Skipped) > 0 {
		p("Breakdowns not computed: %s.\n\n", mdEscape(strings.Join(ir.Skipped, "; ")))
	}
	if ir.Agreement != nil {
		p("## Agreement with DOL's calculated items\n\n")
		writeAgreement(b, ir.Agreement, false)
	}
}

func excludedCell(ex [8]int) string {
	var parts []string
	for code, n := range ex {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%02d: %s", code, count(n)))
		}
	}
	return strings.Join(parts, ", ")
}

// programNotes states the leftovers that change how a number reads.
func programNotes(res *indicators.Result, pr indicators.Program) []string {
	var out []string
	if o := res.Find(pr, indicators.ERQ2); o != nil && o.Counts.Placement > 0 {
		out = append(out, fmt.Sprintf("ERQ2: %s youth counted through education or training placement (PIRL 1900) only.", count(o.Counts.Placement)))
	}
	if o := res.Find(pr, indicators.ERQ4); o != nil && o.Counts.Placement > 0 {
		out = append(out, fmt.Sprintf("ERQ4: %s youth counted through education or training placement (PIRL 1901) only.", count(o.Counts.Placement)))
	}
	for _, k := range []indicators.Indicator{indicators.ERQ2, indicators.ERQ4} {
		if o := res.Find(pr, k); o != nil && o.Counts.NotYetAvailable > 0 {
			out = append(out, fmt.Sprintf("%s: %s exiters have employment code 9 (not yet available); DOL counts them as not employed, so this cohort may not be final.", k, count(o.Counts.NotYetAvailable)))
		}
	}
	if o := res.Find(pr, indicators.MEQ2); o != nil && o.Counts.EmployedNoWage+o.Counts.ZeroWage > 0 {
		out = append(out, fmt.Sprintf("MEQ2: %s employed exiters left out of the median: %s with PIRL 1704 blank or 999999.99 (not yet available), %s with zero earnings.",
			count(o.Counts.EmployedNoWage+o.Counts.ZeroWage), count(o.Counts.EmployedNoWage), count(o.Counts.ZeroWage)))
	}
	return out
}

func findRow(s *results.Section, measure, group string) *results.Row {
	if s == nil {
		return nil
	}
	for i := range s.Rows {
		if s.Rows[i].Measure == measure && s.Rows[i].Group == group {
			return &s.Rows[i]
		}
	}
	return nil
}

func writeIndicatorsMethods(b *bufio.Writer, ir *IndicatorsRun) {
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	res := ir.Result
	py := res.ProgramYear
	c := ir.Run.Config
	p("## Indicator definitions (program year %d)\n\n", py)
	p("Computed as DOL computes the WIOA primary indicators for the annual Statewide Performance Report (ETA-9169), from PIRL elements (ETA-9172); TEGL 10-16, Changes 1 and 2. Counts are of periods of participation (rows). A record is in a program as DOL's calculated items CALC4001–CALC4005 count it: 903 Adult or 905 Youth in 1–3; 904 Dislocated Worker in 1–3 or 909 Rapid Response (additional assistance) = 1; 918 Wagner-Peyser = 1 (2 is a reportable individual, 9 unknown); co-enrolled records count in each program.\n\n")
	w := func(k indicators.Indicator) string { return indicators.CohortWindow(k, py).String() }
	p("- **ERQ2**, Employment Rate – 2nd Quarter After Exit (Youth: Education and Employment Rate), exits %s: exiters with PIRL 1602 in 1–3 (Youth: or PIRL 1900 in 1–3) over all exiters; 9 (not yet available) and blank count as not employed.\n", w(indicators.ERQ2))
	p("- **ERQ4**, the same in the 4th quarter (PIRL 1606; Youth 1901), exits %s.\n", w(indicators.ERQ4))
	p("- **MEQ2**, Median Earnings – 2nd Quarter After Exit, exits %s: median (R type 7) of PIRL 1704 among exiters with 1602 in 1–3, leaving out 999999.99 (not yet available), blank and zero earnings.\n", w(indicators.MEQ2))
	p("- **CAR**, Credential Attainment Rate, exits %s: among exiters in education or training other than only OJT or customized training (any of 1303/1310/1315 in 02–04 or 06–10, or 1332 = 1, or 408 = 0 with 1401 = 1), those with a credential (1800/1802/1804) of type 2–7 dated no later than one year after exit, or of type 1 with employment in a quarter after exit (1600–1606 in 1–3) or post-exit education or training (1406) within that year. Not reported for Wagner-Peyser.\n", w(indicators.CAR))
	p("- **MSG**, Measurable Skill Gains Rate, program year %s: among participants whose participation (900 to 901) and education or training (1811 to 1813; blank 1813 = still enrolled) both overlap the program year, those with a gain dated in it: any of 1806–1810, or a secondary school diploma or its equivalent (a credential of type 1 in 1800/1802/1804) attained in the year (TEGL 10-16's five types of gain). Not reported for Wagner-Peyser.\n", w(indicators.MSG))
	var ex []string
	for pr := indicators.Program(0); int(pr) < indicators.NumPrograms; pr++ {
		var codes []string
		for _, code := range res.Options.ExclusionCodes(pr) {
			codes = append(codes, fmt.Sprintf("%02d", code))
		}
		ex = append(ex, pr.String()+" "+strings.Join(codes, ", "))
	}
	p("- **Exclusions**: exiters with these PIRL 923 codes are left out of numerator and denominator (for MSG, when they exited in the program year): %s.\n", strings.Join(ex, "; "))
	p("- **Groups**: sex (201); race/ethnicity as in DOL's public-use file (Hispanic/Latino of any race, then non-Hispanic Asian, Black, NHOPI, AIAN, White single race, then two or more races; unknown when no race is reported; DOL's CALC4020 when 210–215 are all blank); age at entry (200, 900, else the public-use file's CALC4039) in the ETA-9169 bands; education (408, or 407 when 408 is blank); disability (202); each barrier (1, or 602 in 1–6, 808 in 1–5, against 0); local board (LOCAL_BOARD_NAME where the file has it, else 108A). Each group is compared with the rest of the cohort whose characteristic is known: Wilson %g%% intervals, Newcombe difference, two-proportion z (Fisher's exact test when an expected cell is below 5); medians with the order-statistic interval, a seeded bootstrap (%d resamples) or, above %s records, normal-approximation difference interval and the Mann–Whitney test. P-values are %s-adjusted within each indicator and program.\n",
		100*c.Conf, c.Bootstrap, count(c.BootstrapMaxN), adjustName(c.Adjust))
	p("- **Suppression**: groups (and whole indicators) with fewer than %d records are suppressed; when one group of a breakdown is, the next smallest is too.", c.MinCell)
	if ir.RoundMedians {
		p(" Medians are rounded to 3 significant digits.")
	} else {
		p(" Medians are exact, as DOL publishes them (`--round-medians` rounds them to 3 significant digits).")
	}
	p("\n\n")
}
