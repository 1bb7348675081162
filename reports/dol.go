package reports

import (
	"bufio"
	"fmt"
	"io"

	"github.com/wioa-equity/wioa/analysis/indicators"
	"github.com/wioa-equity/wioa/analysis/quality"
)

// writeDOLChecks prints the checks against DOL's own material that
// quality.CheckDOL computed: the agreement with DOL's calculated items and
// DOL's known data problems (Appendix B) for the file's states. It prints
// nothing when the file has neither a state nor a calculated item.
func writeDOLChecks(w io.Writer, c *quality.DOLChecks, hasCalc bool) error {
	if c == nil || (len(c.States) == 0 && !hasCalc) {
		return nil
	}
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p("## Agreement with DOL's calculated items\n\n")
	if c.Agreement == nil {
		p("Not compared: %s.\n\n", mdText(c.AgreementNote))
	} else {
		writeAgreement(b, c.Agreement, true)
	}
	p("## DOL's known data problems (Appendix B)\n\n")
	if len(c.States) == 0 {
		p("The file names no state (neither CALC4000 nor PIRL 101), so DOL's notes by state cannot be matched.\n\n")
		return b.Flush()
	}
	p("States in the file: ")
	for i, s := range c.States {
		if i > 0 {
			p(", ")
		}
		p("%s (%s rows, from %s)", s.State, count(s.Rows), s.From)
	}
	p(".\n\nDOL's notes on these states' data in the PY2022 Q4 public-use file (Appendix B of its record layout), and DOL's notes on every state that concern an element wioa reads. *Read* marks notes on elements wioa reads: set them beside this report's own findings above.\n\n")
	if len(c.Notes) == 0 {
		p("DOL lists no known data problem for these states.\n\n")
		return b.Flush()
	}
	p("| State | PIRL | Element | Read | Problem | DOL's action in the public-use file |\n|---|---|---|---|---|---|\n")
	for _, n := range c.Notes {
		read := ""
		if n.Read {
			read = "yes"
		}
		p("| %s | %s | %s | %s | %s | %s |\n", mdText(n.State), mdText(n.PIRL), mdText(n.Element), read, mdText(n.Problem), mdText(n.Action))
	}
	p("\n")
	return b.Flush()
}

// writeAgreement prints, per calculated item, how many records the tool
// computes as DOL does, with the first disagreeing records (file lines and
// codes only).
func writeAgreement(b *bufio.Writer, a *indicators.Agreement, inferred bool) {
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	if len(a.Items) == 0 {
		p("The file's calculated items do not match any indicator computed.\n\n")
		return
	}
	how := ""
	if inferred {
		how = " (the program year of the latest exit in the file)"
	}
	p("The tool's per-record result compared with DOL's own, for the cohorts of program year %d%s. *Same* and *different*: both have a result; *tool only*: in the tool's denominator, DOL's item blank; *DOL only*: a record of the program in the cohort period that the tool leaves out (PIRL 923 exclusion, outside the credential or MSG denominator, not employed) while DOL's item holds a value. Program rows compare CALC4001–CALC4005 with the tool's program rules over every row. Examples give the file line each record starts on and codes, never an identifier or amount.\n\n", a.ProgramYear, how)
	p("| Item | Compared with | Same | Different | Tool only | DOL only |\n|---|---|---:|---:|---:|---:|\n")
	for _, it := range a.Items {
		what := indicators.ProgramNames[it.Program] + " membership"
		if it.What != "program" {
			what = it.What + " (" + indicators.ProgramNames[it.Program] + ")"
		}
		p("| %s | %s | %s | %s | %s | %s |\n", what, it.Calc, count(it.Same), count(it.Different), count(it.ToolOnly), count(it.DOLOnly))
	}
	p("\n")
	for _, it := range a.Items {
		if len(it.Examples) == 0 {
			continue
		}
		what := it.What
		if what == "program" {
			what = "membership"
		}
		p("%s (%s), %s:\n\n```\n", what, indicators.ProgramNames[it.Program], it.Calc)
		for _, e := range it.Examples {
			p("%s\n", e)
		}
		p("```\n\n")
	}
}
