package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/wioa-equity/wioa/analysis/quality"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports/md"
)

// WriteMarkdown writes report.md. charts maps a chart name to the relative
// path of its PNG (absent when the chart was not drawn).
func WriteMarkdown(w io.Writer, run *Run, charts map[string]string) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	c := run.Config
	pv := &run.Provenance

	p("# WIOA equity report\n\n")
	if pv.Input.Synthetic {
		p("> **Synthetic data.** This report was produced from the sample bundled with wioa: generated records with gaps injected on purpose. Its numbers describe no real people or program. Run `wioa report FILE --tracts TRACTS` on your own PIRL file.\n\n")
	}
	p("Participant file **%s** (%s rows read). Exit cohort: %s — %s.", mdEscape(pv.Input.Name),
		results.UnitCount.Format(float64(pv.RowsRead)), md.Text(pv.Window), CohortWords(pv))
	if pv.Tracts != nil {
		p(" Tract reference file **%s** (%d tracts).", mdEscape(pv.Tracts.Name), pv.Tracts.Rows)
	} else {
		p(" No tract reference file was given, so the two poverty analyses are not computed.")
	}
	p("\n\n")
	if s := RestrictionLine(pv); s != "" { // --board, --program (METHODS §3)
		p("**%s**\n\n", md.Text(s))
	}
	p("A gap is *flagged for review* when it is large enough to matter (a difference of at least %.0f percentage points, a ratio outside %.2f–%.2f, or a wage gap of at least %.0f%%), its %s-adjusted p-value is below %g, and every compared group has at least %d people. Groups smaller than %d are suppressed everywhere. A flag is a prompt to look closer, not a verdict.\n\n",
		100*c.MinDiff, c.RatioLow, c.RatioHigh, 100*c.MinMoneyGap, adjustName(c.Adjust), c.Alpha, c.MinCell, c.MinCell)

	writeTodos(b, run)

	// Summary: each line's gap is the comparison its status is about (LeadRow).
	p("## Summary\n\n")
	p("| # | Question | Finding | Gap | %g%% CI | Adjusted p | Status |\n|---|---|---|---|---|---|---|\n", 100*c.Conf)
	for i, s := range run.Sections {
		gap, ci, padj := "", "", ""
		if l := LeadRow(s); l >= 0 {
			gap, ci, padj = gapCells(&s.Rows[l])
		}
		p("| %d | [%s](#%s) | %s | %s | %s | %s | %s |\n", i+1, mdEscape(s.Title), anchor(i+1, s.Title), md.Cell(ShortFinding(s)), gap, ci, padj, statusCell(s.Status))
	}
	p("\nGap is the group's value minus its reference group's (percentage points for rates; a ratio for participation per 1,000). Each line shows the comparison its status is about; the full finding is in its section.\n\n")

	// Sections.
	var notes []string
	for i, s := range run.Sections {
		p("## %d. %s\n\n", i+1, md.Text(s.Title))
		p("*%s*\n\n", md.Text(s.Question))
		p("**%s** %s\n\n", capitalize(s.Status.String())+".", md.Text(s.Finding))
		if s.Status == results.StatusNotComputed {
			continue
		}
		if ws := WindowLines(s); len(ws) > 0 { // --program-year: DOL's cohort per measure (METHODS §2.1)
			p("Exit windows:\n\n")
			for _, w := range ws {
				p("- %s\n", md.Text(w))
			}
			p("\n")
		}
		writeTable(b, s.Rows, c)
		if hasUnit(s.Rows, results.UnitOddsRatio) {
			p("For adjusted rows, Value is the odds ratio from a logistic regression with controls and the difference is the average marginal effect in percentage points.\n\n")
		}
		for _, ch := range s.Charts {
			if path, ok := charts[ch.Name]; ok {
				p("![%s](%s)\n\n", mdEscape(ch.Title), path)
			}
		}
		if path, ok := charts[forestName(s.ID)]; ok {
			p("![Every comparison of this section with its %g%% interval, each on its own scale; filled markers are flagged for review](%s)\n\n", 100*c.Conf, path)
		}
		if path, ok := charts["map"]; ok && s.ID == "poverty-participation" {
			p("![Participants per 1,000 residents in poverty by tract; high-poverty tracts outlined, suppressed tracts hatched](%s)\n\n", path)
			if run.Map.Note != "" {
				p("%s\n\n", md.Text(run.Map.Note))
			}
		}
		if len(s.LeftOut) > 0 {
			p("Left out of this analysis:\n\n")
			for _, l := range s.LeftOut {
				p("- %s: %s — %s\n", md.Text(l.Measure), results.UnitCount.Format(float64(l.N)), md.Text(l.Reason))
			}
			p("\n")
		}
		if len(s.Warnings) > 0 {
			var refs []string
			for _, w := range s.Warnings {
				notes = append(notes, w)
				refs = append(refs, fmt.Sprintf("[^%d]", len(notes)))
			}
			p("Notes: %s\n\n", strings.Join(refs, " "))
		}
	}

	if ir := run.Indicators; ir != nil {
		p("## %d. WIOA primary indicators of performance, program year %d\n\n", len(run.Sections)+1, ir.Result.ProgramYear)
		p("The numbers boards and states publish, computed as DOL defines them (each indicator has its own exit cohort, below). Breakdowns by group: `wioa indicators FILE --program-year %d --by sex,race,age,education`.\n\n", ir.Result.ProgramYear)
		var ib strings.Builder
		if err := IndicatorsSectionMarkdown(&ib, ir); err != nil {
			return err
		}
		// Nest the indicators' own headings under this section.
		for _, line := range strings.SplitAfter(ib.String(), "\n") {
			if strings.HasPrefix(line, "#") {
				line = "#" + line
			}
			b.WriteString(line)
		}
	}
	if run.ByBoard != nil { // report --by-board (METHODS §3.10)
		n := len(run.Sections) + 1
		if run.Indicators != nil {
			n++
		}
		writeBoards(b, run, n, charts)
	}
	writeQuality(b, run)
	writeMethods(b, run)

	if len(notes) > 0 {
		for k, n := range notes {
			p("[^%d]: %s\n", k+1, md.Text(n))
		}
		p("\n")
	}
	return b.Flush()
}

func statusCell(s results.Status) string {
	if s == results.StatusFlagged {
		return "**flagged for review**"
	}
	return s.String()
}

// writeTable renders a section's rows grouped by measure.
func writeTable(b *bufio.Writer, rows []results.Row, c *disparities.Config) {
	fmt.Fprintf(b, "| Measure | Group | n | Value | %g%% CI | Difference vs reference | %g%% CI | Min. detectable | Ratio | p | Adjusted p | Flag |\n", 100*c.Conf, 100*c.Conf)
	b.WriteString("|---|---|---:|---:|---|---:|---|---:|---:|---:|---:|---|\n")
	last := ""
	for _, r := range rows {
		if r.Reference == "" && isComparedGroup(rows, r.Measure, r.Group) {
			continue // its comparison rows carry the same value
		}
		measure := ""
		if r.Measure != last {
			measure, last = r.Measure, r.Measure
		}
		group := mdEscape(r.Group)
		switch {
		case r.Reference != "":
			group += " vs " + mdEscape(r.Reference)
		case isReference(rows, r.Measure, r.Group):
			group += " (reference)"
		}
		if r.Suppressed {
			why := fmt.Sprintf("suppressed (n < %d)", c.MinCell)
			if r.Test == results.ComplementarySuppression {
				why = "suppressed (protects a smaller group)"
			}
			fmt.Fprintf(b, "| %s | %s | %s | | | | | | | | | |\n", mdEscape(measure), group, why)
			continue
		}
		if r.Status == results.StatusNotYetReported {
			// Most of the cohort's outcomes are not in: the few that are
			// describe nobody yet; the row says so instead of a value.
			fmt.Fprintf(b, "| %s | %s | %s | | | | | | | | | not yet reported |\n", mdEscape(measure), group, results.UnitCount.Format(float64(r.N)))
			continue
		}
		val := func(v float64) string { return r.Unit.Format(v) }
		dif := func(v float64) string { return r.Unit.FormatDiff(v) }
		ratio := ""
		if !math.IsNaN(r.Ratio) && r.Unit != results.UnitOddsRatio {
			ratio = fmt.Sprintf("%.2f", r.Ratio)
		}
		flag := ""
		switch {
		case r.Flagged:
			flag = "**flagged**"
		case r.Status == results.StatusTooLittle && !math.IsNaN(r.P):
			flag = "too little data to tell"
		}
		// Only a tested comparison has a detectable difference worth stating
		// (descriptive rows such as tracts without participants have none).
		mdd := ""
		if r.Reference != "" && !math.IsNaN(r.P) && !math.IsNaN(r.MDD) && !math.IsInf(r.MDD, 0) {
			mdd = strings.TrimPrefix(dif(math.Abs(r.MDD)), "+")
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdEscape(measure), group,
			results.UnitCount.Format(float64(r.N)), val(r.Value),
			results.FormatInterval(r.CILow, r.CIHigh, val), dif(r.Diff), results.FormatInterval(r.DiffLow, r.DiffHigh, dif),
			mdd, ratio, results.FormatP(r.P), results.FormatP(r.PAdj), flag)
	}
	b.WriteString("\n")
}

func hasUnit(rows []results.Row, u results.Unit) bool {
	for _, r := range rows {
		if r.Unit == u && !r.Suppressed {
			return true
		}
	}
	return false
}

// isReference: some row of the measure is compared with this group.
func isReference(rows []results.Row, measure, group string) bool {
	for _, r := range rows {
		if r.Measure == measure && r.Reference == group {
			return true
		}
	}
	return false
}

// isComparedGroup: the group has comparison rows of its own in the measure.
func isComparedGroup(rows []results.Row, measure, group string) bool {
	for _, r := range rows {
		if r.Measure == measure && r.Group == group && r.Reference != "" {
			return true
		}
	}
	return false
}

// qualityCounts are the counted lines of the data-quality section, the
// same in report.md and report.html: rows read and left out, by reason,
// down to the exit cohort analysed and what of it is not yet available.
// They are the program's own words and numbers (no input text), so both
// renderers print them as they are.
func qualityCounts(run *Run) []string {
	q, k := run.Quality, run.Counts
	n := func(v int) string { return results.UnitCount.Format(float64(v)) }
	var out []string
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	rows := "Rows read: " + n(q.RowsRead)
	if q.RaggedRows > 0 {
		rows += fmt.Sprintf(" (%s with the wrong number of fields: missing fields read as blank)", n(q.RaggedRows))
	}
	add("%s", rows)
	add("Duplicate periods (same identifier and entry date as an earlier row): %s", n(q.DuplicatePeriods))
	if q.RepeatedHeaders > 0 {
		add("Header line repeated inside the data (skipped, not read as rows): %s, on line%s %s", n(q.RepeatedHeaders), plural(len(q.RepeatedHeaderLines)), lineList(q.RepeatedHeaderLines, q.RepeatedHeaders))
	}
	if q.MultilineRows > 0 {
		add("Rows with a quoted field spanning lines (each read as one row): %s, starting on line%s %s", n(q.MultilineRows), plural(len(q.MultilineLines)), lineList(q.MultilineLines, q.MultilineRows))
	}
	if k.Restricted > 0 {
		add("Outside --board/--program (left out before anything else, in no count below): %s", n(k.Restricted))
	}
	add("Not an Adult, Dislocated Worker or Youth record (903/904/905 all blank or 0): %s", n(k.NotRecord))
	add("Not exited: %s. Of %s exiters: exited outside the window %s; reportable individuals only %s; not an Adult, DW or Youth record %s; excluded by PIRL 923 (other reasons for exit) %s",
		n(k.NotExited), n(k.Exiters), n(k.OutsideWindow), n(k.ReportableOnly), n(k.NotRecordInWindow), n(k.Excluded923))
	add("Exit cohort analysed: %s", n(k.Cohort))
	if k.TractUnknown+k.TractNotInTable > 0 {
		add("Participants without a tract: %s; with a tract not in the tract file: %s", n(k.TractUnknown), n(k.TractNotInTable))
	}
	add("In the cohort, not yet available: Q2 employment %s, Q4 employment %s, all four quarters %s; employed in Q2 without usable Q2 earnings: %s",
		n(k.EmpQ2NA), n(k.EmpQ4NA), n(k.EmpAll4NA), n(k.EarnQ2NA))
	if sent := quality.SentinelTotal(q); sent > 0 {
		add("Wage values 999999.99 (not yet available) read as missing: %s", n(sent))
	}
	return out
}

func writeQuality(b *bufio.Writer, run *Run) {
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	q := run.Quality
	n := func(v int) string { return results.UnitCount.Format(float64(v)) }
	p("## Data quality\n\n")
	for _, line := range qualityCounts(run) {
		p("- %s\n", line)
	}
	p("\n")
	if len(q.Problems) > 0 {
		p("Invalid values (each was read as missing; the row was kept):\n\n| Column | Problem | Count | First example |\n|---|---|---:|---|\n")
		for _, pr := range q.Problems {
			ex := ""
			if len(pr.Examples) > 0 {
				ex = md.CodeCell(pr.Examples[0])
			}
			p("| %s | %s | %s | %s |\n", md.Cell(pr.Field.String()), md.Cell(pr.Reason), n(pr.Count), ex)
		}
		p("\n")
	}
	for _, w := range q.Warnings {
		p("- %s\n", md.Text(w))
	}
	if len(q.Warnings) > 0 {
		p("\n")
	}
	p("Each analysis above lists the records it could not use and why.\n\n")
}

func writeMethods(b *bufio.Writer, run *Run) {
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	c, pv := run.Config, &run.Provenance
	p("## Methods\n\n")
	p("**Cohort.** Participants (PIRL 903/904/905 coded 1–3, or 909 = 1) who exited in the window (%s), excluding exits for other reasons (PIRL 923 codes %s). Participation and enrollment counts use records active in the window.\n\n",
		md.Text(pv.Window), c.Measures.Exclusions().String())
	p("**Definitions** (METHODS §2). Employed Q2/Q4: PIRL 1602/1606 coded 1–3 (9 or blank = not yet available, left out). Employed all four quarters: 1600–1606 all 1–3. Credential attainment: the WIOA indicator — exiters in education or training other than only OJT or customized training; a credential of type 2–7 within a year of exit, or type 1 with employment or further education within a year. Training-related retention: trainees employed in Q2 with 1608 known; 1608 = 1 and employed in Q4. Neediest: low income (802 = 1) and at least %d other barriers. High-poverty tract: poverty rate ≥ %.0f%%. Education: PIRL 408 (407 < 12 when 408 is blank counts as less than high school).\n\n",
		c.Measures.NeediestMinOtherBarriers, 100*c.Measures.PovertyThreshold)
	p("**High-demand clusters** (SOC prefix of training code PIRL 1306):")
	for _, cl := range c.Measures.Clusters {
		p(" %s (%s);", md.Text(cl.Name), md.Text(strings.Join(cl.Prefixes, ", ")))
	}
	p(" all other codes are non-HD.\n\n")
	p("**Statistics.** Rates: Wilson %g%% intervals; differences: Newcombe hybrid-score intervals with a two-proportion z-test, or Fisher's exact test when an expected cell is below 5; ratios by the log method. Means: Welch's t. Medians: order-statistic intervals; differences by percentile bootstrap (%d resamples, seed %d) up to %s records, with Mann–Whitney p-values. Participation: Poisson rate ratio with exact interval. Trend: Cochran–Armitage. Adjusted effects: logistic regression (IRLS) with sex, education, age band (when birth dates are present), barrier count, program and tract poverty as controls; odds ratio with Wald interval and average marginal effect. Wage gap: Blinder–Oaxaca threefold and twofold (pooled, with group dummy) decomposition with %d bootstrap resamples up to %s employed records, delta-method standard errors (Jann 2008, stochastic regressors, heteroskedasticity-robust) above. p-values are adjusted within each disparity (%s).\n\n",
		100*c.Conf, c.Bootstrap, c.Seed, results.UnitCount.Format(float64(c.BootstrapMaxN)), c.OaxacaBootstrap, results.UnitCount.Format(float64(c.OaxacaBootstrapMaxN)), adjustName(c.Adjust))
	p("**Analyses.**\n\n")
	for _, d := range disparities.All {
		p("- `%s` — %s\n", d.ID, d.Doc)
	}
	p("\n**Privacy.** No identifier, birth date or individual wage appears in any output; groups under %d are suppressed in every table, file and plot.\n\n", c.MinCell)
	p("**Provenance.** %s %s. Input %s, SHA-256 `%s`, %s bytes.", pv.Tool, pv.Version, mdEscape(pv.Input.Name), pv.Input.SHA256,
		results.UnitCount.Format(float64(pv.Input.Bytes)))
	if pv.Input.Member != "" {
		p(" Read from the archive's member %s.", md.CodeCell(pv.Input.Member))
	}
	if pv.Input.Layout != "" {
		p(" Columns read by position as %s names them (--layout).", md.CodeCell(pv.Input.Layout))
	}
	if pv.Tracts != nil {
		p(" Tracts %s, SHA-256 `%s`.", mdEscape(pv.Tracts.Name), pv.Tracts.SHA256)
	}
	fence := md.Fence(run.ConfigYAML)
	p("\n\nEffective configuration:\n\n%syaml\n%s%s\n\n", fence, run.ConfigYAML, fence)
}

func adjustName(a string) string {
	if a == "bh" {
		return "Benjamini–Hochberg"
	}
	return "Holm"
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%02d", x))
	}
	return strings.Join(s, ", ")
}

// mdEscape escapes a string from the input or the configuration for
// inline markdown and table cells (see package md).
func mdEscape(s string) string { return md.Text(s) }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// anchor is the GitHub-style heading anchor of "## n. title".
func anchor(n int, title string) string {
	h := strings.ToLower(fmt.Sprintf("%d. %s", n, title))
	var b strings.Builder
	for _, r := range h {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		case r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// WindowLines states the exit window of each of a section's measures when
// the run gives measures windows of their own (--program-year, METHODS
// §2.1): "employed 2nd quarter after exit, median Q2 earnings: exits
// 2022-07-01 to 2023-06-30 (DOL's cohort of the Q2 measures)".
func WindowLines(s *results.Section) []string {
	var out []string
	for _, w := range s.Windows {
		out = append(out, strings.Join(w.Measures, ", ")+": "+w.Window)
	}
	return out
}
