package reports

// report.html: the report rendered from the same sections as report.md,
// for a browser and for paper. One self-contained file: the stylesheet is
// inline, charts are SVG data URIs, and a Content-Security-Policy forbids
// every load that is not such a data URI, so the file works offline and
// leaks nothing when opened. html/template escapes every value by its
// context (text, attribute, URL); the only values marked safe are the data
// URIs built here from the charts' own SVG bytes.

import (
	"bufio"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
)

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"add1": func(i int) int { return i + 1 }}).Parse(htmlSource))

// ChartFile is a drawn chart the HTML report embeds: its file (relative to the
// report, for report.md) and its SVG bytes.
type ChartFile struct {
	Path string
	SVG  []byte
}

// WriteHTML writes report.html. charts maps a chart name to the drawn chart
// (absent when the chart was not drawn).
func WriteHTML(w io.Writer, run *Run, charts map[string]ChartFile) error {
	v := htmlView(run, charts)
	b := bufio.NewWriterSize(w, 256<<10)
	if err := htmlTemplate.Execute(b, v); err != nil {
		return err
	}
	return b.Flush()
}

type hView struct {
	Synthetic                   bool
	InputName, Rows, Window     string
	Cohort, TractName           string
	Restriction                 string // RestrictionLine
	Tracts                      int
	FlagRule                    string
	Conf                        string
	Todos                       []hTodo
	Summary                     []hSummary
	Sections                    []hSection
	Quality                     hQuality
	Methods                     []hPara
	Analyses                    []hPara
	Provenance, ConfigYAML      string
	Notes                       []string
	HasIndicators               bool
	IndicatorsTitle, IndAnchor  string
	Indicators                  *hSection
	Boards                      *hBoards // report --by-board
	SummaryAnchor, TodoAnchor   string
	QualityAnchor, MethodAnchor string
}

type hTodo struct {
	Title, Action string
	Findings      []hTodoFinding
}

type hTodoFinding struct {
	Anchor, Title, Short, Figure string
}

type hSummary struct {
	N                     int
	Anchor, Title, Short  string
	Gap, CI, PAdj, Status string
	Flagged               bool
}

type hSection struct {
	N                       int
	Anchor, Title, Question string
	Status, Finding         string
	Flagged, NotComputed    bool
	Main                    []hRow
	Detail                  []hRow
	OddsNote                bool
	Figures                 []hFigure
	MapNote                 string
	LeftOut                 []string
	NoteRefs                []int
	Windows                 []string // WindowLines
}

type hRow struct {
	Measure, Group, Flag string
	N, Value, Gap        string
	Ratio, P, PAdj, Test string
	MDD                  string // minimum detectable difference (tested comparisons)
	Hidden               string // why the values are not shown
	FirstOfMeasure       bool
	Reference            bool
}

type hFigure struct {
	Src     template.URL
	Alt     string
	Caption string
	Wide    bool
	Forest  bool
}

type hPara struct{ Label, Text string }

type hQuality struct {
	Items    []string
	Problems [][4]string
	Warnings []string
}

func dataURI(svg []byte) template.URL {
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg))
}

func htmlView(run *Run, charts map[string]ChartFile) *hView {
	c := run.Config
	pv := &run.Provenance
	count := func(v int) string { return results.UnitCount.Format(float64(v)) }
	v := &hView{
		Synthetic: pv.Input.Synthetic, InputName: pv.Input.Name, Rows: count(pv.RowsRead),
		Window: pv.Window, Cohort: CohortWords(pv), Conf: fmt.Sprintf("%g%%", 100*c.Conf), Restriction: RestrictionLine(pv),
		SummaryAnchor: "summary", TodoAnchor: "what-to-do-first", QualityAnchor: "data-quality", MethodAnchor: "methods",
	}
	if pv.Tracts != nil {
		v.TractName, v.Tracts = pv.Tracts.Name, pv.Tracts.Rows
	}
	v.FlagRule = fmt.Sprintf("A gap is flagged for review when it is large enough to matter (a difference of at least %.0f percentage points, a ratio outside %.2f–%.2f, or a wage gap of at least %.0f%%), its %s-adjusted p-value is below %g, and every compared group has at least %d people. Groups smaller than %d are suppressed everywhere. A flag is a prompt to look closer, not a verdict.",
		100*c.MinDiff, c.RatioLow, c.RatioHigh, 100*c.MinMoneyGap, adjustName(c.Adjust), c.Alpha, c.MinCell, c.MinCell)

	for _, t := range run.Todos() {
		ht := hTodo{Title: t.Strategy.Title, Action: t.Strategy.Action}
		for _, f := range t.Findings {
			ht.Findings = append(ht.Findings, hTodoFinding{Anchor: anchor(f.N, f.Section.Title), Title: f.Section.Title,
				Short: f.Short, Figure: figure(f.Row, c.Conf)})
		}
		v.Todos = append(v.Todos, ht)
	}

	var notes []string
	for i, s := range run.Sections {
		n := i + 1
		sum := hSummary{N: n, Anchor: anchor(n, s.Title), Title: s.Title, Short: ShortFinding(s),
			Status: s.Status.String(), Flagged: s.Status == results.StatusFlagged}
		if l := LeadRow(s); l >= 0 {
			sum.Gap, sum.CI, sum.PAdj = gapCells(&s.Rows[l])
		}
		v.Summary = append(v.Summary, sum)

		hs := htmlSection(n, s, c)
		for _, ch := range s.Charts {
			if f, ok := charts[ch.Name]; ok {
				hs.Figures = append(hs.Figures, hFigure{Src: dataURI(f.SVG), Alt: ch.Title, Caption: ch.Title})
			}
		}
		if f, ok := charts["map"]; ok && s.ID == "poverty-participation" {
			hs.Figures = append(hs.Figures, hFigure{Src: dataURI(f.SVG), Wide: true,
				Alt:     "Participants per 1,000 residents in poverty by tract",
				Caption: "Participants per 1,000 residents in poverty by tract; high-poverty tracts outlined, suppressed tracts hatched."})
			if run.Map != nil {
				hs.MapNote = run.Map.Note
			}
		}
		if f, ok := charts[forestName(s.ID)]; ok {
			hs.Figures = append(hs.Figures, hFigure{Src: dataURI(f.SVG), Forest: true,
				Alt:     "Every gap of this section with its " + v.Conf + " interval",
				Caption: forestCaption(c.Conf)})
		}
		for _, w := range s.Warnings {
			notes = append(notes, w)
			hs.NoteRefs = append(hs.NoteRefs, len(notes))
		}
		v.Sections = append(v.Sections, hs)
	}
	v.Notes = notes
	if ir := run.Indicators; ir != nil && len(ir.Run.Sections) > 0 {
		n := len(run.Sections) + 1
		title := fmt.Sprintf("WIOA primary indicators of performance, program year %d", ir.Result.ProgramYear)
		hs := htmlSection(n, ir.Run.Sections[0], c)
		hs.Title, hs.Anchor = title, anchor(n, title)
		hs.Question = "The numbers boards and states publish, computed as DOL defines them (each indicator has its own exit cohort; report.md lists them)."
		v.HasIndicators, v.Indicators = true, &hs
	}
	if run.ByBoard != nil {
		n := len(run.Sections) + 1
		if v.HasIndicators {
			n++
		}
		v.Boards = htmlBoards(run, n, charts)
	}
	v.Quality = htmlQuality(run)
	v.Methods, v.Analyses = htmlMethods(run)
	v.Provenance = fmt.Sprintf("%s %s. Input %s, SHA-256 %s, %s bytes.", pv.Tool, pv.Version, pv.Input.Name, pv.Input.SHA256, count(int(pv.Input.Bytes)))
	if pv.Input.Member != "" {
		v.Provenance += fmt.Sprintf(" Read from the archive's member %s.", pv.Input.Member)
	}
	if pv.Input.Layout != "" {
		v.Provenance += fmt.Sprintf(" Columns read by position as %s names them (--layout).", pv.Input.Layout)
	}
	if pv.Tracts != nil {
		v.Provenance += fmt.Sprintf(" Tracts %s, SHA-256 %s.", pv.Tracts.Name, pv.Tracts.SHA256)
	}
	v.ConfigYAML = run.ConfigYAML
	return v
}

// htmlSection builds a section's two tables: what a reader needs first
// (group with its flag, n, value, gap with interval, adjusted p) and the
// test details (ratio, raw p, the test).
func htmlSection(n int, s *results.Section, c *disparities.Config) hSection {
	hs := hSection{N: n, Anchor: anchor(n, s.Title), Title: s.Title, Question: s.Question,
		Status: capitalize(s.Status.String()) + ".", Finding: s.Finding,
		Flagged: s.Status == results.StatusFlagged, NotComputed: s.Status == results.StatusNotComputed}
	if hs.NotComputed {
		return hs
	}
	hs.OddsNote = hasUnit(s.Rows, results.UnitOddsRatio)
	last := ""
	for _, r := range s.Rows {
		if r.Reference == "" && isComparedGroup(s.Rows, r.Measure, r.Group) {
			continue // its comparison rows carry the same value
		}
		h := hRow{Group: r.Group}
		if r.Measure != last {
			h.Measure, h.FirstOfMeasure, last = humanize(r.Measure), true, r.Measure
		}
		switch {
		case r.Reference != "":
			h.Group += " vs " + r.Reference
		case isReference(s.Rows, r.Measure, r.Group):
			h.Group += " (reference)"
			h.Reference = true
		}
		if why := hiddenReason(&r, c.MinCell); why != "" {
			h.Hidden = why
			hs.Main = append(hs.Main, h)
			continue
		}
		val := func(x float64) string { return r.Unit.Format(x) }
		dif := func(x float64) string { return r.Unit.FormatDiff(x) }
		h.N = results.UnitCount.Format(float64(r.N))
		h.Value = val(r.Value)
		if ci := results.FormatInterval(r.CILow, r.CIHigh, val); ci != "" {
			h.Value += " (" + ci + ")"
		}
		if r.Reference != "" {
			if r.Unit == results.UnitPer1000 || r.Unit == results.UnitPerSqMi {
				gap, ci, _ := gapCells(&r)
				h.Gap = gap
				if ci != "" {
					h.Gap += " (" + ci + ")"
				}
			} else if g := dif(r.Diff); g != "" {
				h.Gap = g
				if ci := results.FormatInterval(r.DiffLow, r.DiffHigh, dif); ci != "" {
					h.Gap += " (" + ci + ")"
				}
			}
			h.PAdj = results.FormatP(r.PAdj)
		}
		switch {
		case r.Flagged:
			h.Flag = "flagged"
		case r.Status == results.StatusTooLittle && !math.IsNaN(r.P):
			h.Flag = r.Status.String()
		}
		hs.Main = append(hs.Main, h)
		if r.Reference != "" && (!math.IsNaN(r.P) || !math.IsNaN(r.Ratio)) {
			d := hRow{Measure: humanize(r.Measure), Group: h.Group, P: results.FormatP(r.P), PAdj: results.FormatP(r.PAdj), Test: r.Test}
			if !math.IsNaN(r.P) && !math.IsNaN(r.MDD) && !math.IsInf(r.MDD, 0) {
				d.MDD = strings.TrimPrefix(dif(math.Abs(r.MDD)), "+")
			}
			if !math.IsNaN(r.Ratio) && r.Unit != results.UnitOddsRatio {
				d.Ratio = fmt.Sprintf("%.2f", r.Ratio)
			}
			hs.Detail = append(hs.Detail, d)
		}
	}
	hs.Windows = WindowLines(s)
	for _, l := range s.LeftOut {
		hs.LeftOut = append(hs.LeftOut, fmt.Sprintf("%s: %s — %s", l.Measure, results.UnitCount.Format(float64(l.N)), l.Reason))
	}
	return hs
}

// hiddenReason says why a row's values are not shown, as report.md does:
// suppressed groups (and the groups hidden to protect them) show no value.
func hiddenReason(r *results.Row, minCell int) string {
	if r.Status == results.StatusNotYetReported {
		// Most of the cohort's outcomes are not in: the few early ones
		// describe nobody yet.
		return "not yet reported"
	}
	if !r.Suppressed {
		return ""
	}
	if r.Test == results.ComplementarySuppression {
		return "suppressed (protects a smaller group)"
	}
	return fmt.Sprintf("suppressed (n < %d)", minCell)
}

func htmlQuality(run *Run) hQuality {
	q := run.Quality
	n := func(v int) string { return results.UnitCount.Format(float64(v)) }
	var h hQuality
	h.Items = append(h.Items, qualityCounts(run)...)
	for _, pr := range q.Problems {
		ex := ""
		if len(pr.Examples) > 0 {
			ex = pr.Examples[0]
		}
		h.Problems = append(h.Problems, [4]string{pr.Field.String(), pr.Reason, n(pr.Count), ex})
	}
	h.Warnings = q.Warnings
	return h
}

func htmlMethods(run *Run) (paras, analyses []hPara) {
	c, pv := run.Config, &run.Provenance
	paras = append(paras,
		hPara{"Cohort.", fmt.Sprintf("Participants (PIRL 903/904/905 coded 1–3, or 909 = 1) who exited in the window (%s), excluding exits for other reasons (PIRL 923 codes %s). Participation and enrollment counts use records active in the window.",
			pv.Window, c.Measures.Exclusions().String())},
		hPara{"Definitions (METHODS §2).", fmt.Sprintf("Employed Q2/Q4: PIRL 1602/1606 coded 1–3 (9 or blank = not yet available, left out). Employed all four quarters: 1600–1606 all 1–3. Credential attainment: the WIOA indicator — exiters in education or training other than only OJT or customized training; a credential of type 2–7 within a year of exit, or type 1 with employment or further education within a year. Training-related retention: trainees employed in Q2 with 1608 known; 1608 = 1 and employed in Q4. Neediest: low income (802 = 1) and at least %d other barriers. High-poverty tract: poverty rate ≥ %.0f%%. Education: PIRL 408 (407 < 12 when 408 is blank counts as less than high school).",
			c.Measures.NeediestMinOtherBarriers, 100*c.Measures.PovertyThreshold)})
	var cl []string
	for _, x := range c.Measures.Clusters {
		cl = append(cl, fmt.Sprintf("%s (%s)", x.Name, strings.Join(x.Prefixes, ", ")))
	}
	paras = append(paras,
		hPara{"High-demand clusters", "(SOC prefix of training code PIRL 1306): " + strings.Join(cl, "; ") + "; all other codes are non-HD."},
		hPara{"Statistics.", fmt.Sprintf("Rates: Wilson %g%% intervals; differences: Newcombe hybrid-score intervals with a two-proportion z-test, or Fisher's exact test when an expected cell is below 5; ratios by the log method. Means: Welch's t. Medians: order-statistic intervals; differences by percentile bootstrap (%d resamples, seed %d) up to %s records, with Mann–Whitney p-values. Participation: Poisson rate ratio with exact interval. Trend: Cochran–Armitage. Adjusted effects: logistic regression (IRLS) with controls; odds ratio with Wald interval and average marginal effect. Wage gap: Blinder–Oaxaca decomposition. p-values are adjusted within each disparity (%s). Full text: report.md and docs/METHODS.md.",
			100*c.Conf, c.Bootstrap, c.Seed, results.UnitCount.Format(float64(c.BootstrapMaxN)), adjustName(c.Adjust))},
		hPara{"Privacy.", fmt.Sprintf("No identifier, birth date or individual wage appears in any output; groups under %d are suppressed in every table, file and plot.", c.MinCell)},
	)
	for _, d := range disparities.All {
		analyses = append(analyses, hPara{d.ID, d.Doc})
	}
	return paras, analyses
}
