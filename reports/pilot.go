package reports

// `wioa pilot`'s outputs: pilot.md, pilot.json, pilot.html and the chart of
// the gap by quarter in pilot and other boards (plots/pilot-gap.png, .svg).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/disparities"
	"github.com/wioa-equity/wioa/reports/md"
)

// PilotRun is one `wioa pilot` run: the result and where it came from.
type PilotRun struct {
	Result     *disparities.PilotResult
	Provenance Provenance
}

func pilotDay(d int32) string {
	y, m, dd := pirl.Civil(d)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// pilotFmt formats a value or gap of the measure's unit ("—" when NaN).
func pilotFmt(u results.Unit, v float64, diff bool) string {
	if math.IsNaN(v) {
		return "—"
	}
	if diff {
		return u.FormatDiff(v)
	}
	return u.Format(v)
}

// pilotCount formats a count with thousands separators ("1,070").
func pilotCount(n int) string { return results.UnitCount.Format(float64(n)) }

// pilotBoards names a cell's or quarter's side in words.
func pilotBoards(b string) string {
	switch b {
	case "pilot":
		return "pilot boards"
	case "other":
		return "other boards"
	}
	return b
}

// pilotQuestion is the report's title question in words: "Did the pilot
// narrow the Women − Men gap in credential attainment?"
func pilotQuestion(m *disparities.PilotMeasure) string {
	return fmt.Sprintf("Did the pilot narrow the %s − %s gap in %s?", m.Focal, m.Reference, m.Measure)
}

func (r *PilotRun) boardsLine(pilot bool) string {
	var s []string
	for _, b := range r.Result.Boards {
		if b.Pilot == pilot {
			s = append(s, r.Result.BoardLabel(b))
		}
	}
	return strings.Join(s, ", ")
}

func (r *PilotRun) dateNoun() string {
	if r.Result.Measure.ByEntry {
		return "entry"
	}
	return "exit"
}

// WritePilotMarkdown writes pilot.md; chart is the chart's path relative
// to it ("" without one).
func WritePilotMarkdown(w io.Writer, run *PilotRun, chart string) error {
	res, m := run.Result, run.Result.Measure
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md.Text(pilotQuestion(m)))
	if run.Provenance.Input.Synthetic {
		b.WriteString("> **Synthetic data.** These numbers describe no real people.\n\n")
	}
	fmt.Fprintf(&b, "%s\n\n", md.Text(res.Sentence()))
	fmt.Fprintf(&b, "- Disparity: %s\n", md.Text(m.Disparity))
	fmt.Fprintf(&b, "- Pilot boards: %s\n- Other boards: %s\n- Boards in all: %s\n", md.Text(run.boardsLine(true)), md.Text(run.boardsLine(false)), pilotCount(len(res.Boards)))
	fmt.Fprintf(&b, "- Start: %s; a record is *after* when its %s date is on or after it\n", pilotDay(res.Start), run.dateNoun())
	fmt.Fprintf(&b, "- Gap: %s − %s, %s\n\n", md.Text(m.Focal), md.Text(m.Reference), md.Text(m.Measure))

	b.WriteString("## The four cells\n\n")
	fmt.Fprintf(&b, "| boards | period | %s n | %s | %s n | %s | gap |\n|---|---|---:|---:|---:|---:|---:|\n",
		md.Text(m.Focal), md.Text(m.Focal), md.Text(m.Reference), md.Text(m.Reference))
	for _, c := range res.Cells {
		if c.Suppressed {
			fmt.Fprintf(&b, "| %s | %s | suppressed (n < %s) | | | | |\n", pilotBoards(c.Boards), c.Period, pilotCount(run.Provenance.Options.MinCell))
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", pilotBoards(c.Boards), c.Period, pilotCount(c.N), pilotFmt(m.Unit, c.Value, false), pilotCount(c.RefN), pilotFmt(m.Unit, c.RefValue, false), pilotFmt(m.Unit, c.Gap, true))
	}
	row := &res.Row
	b.WriteString("\n## Triple difference\n\n| estimate | value |\n|---|---|\n")
	if row.Suppressed {
		fmt.Fprintf(&b, "| triple difference | suppressed (a cell has n < %s) |\n", pilotCount(run.Provenance.Options.MinCell))
	} else {
		f := func(v float64) string { return pilotFmt(m.Unit, v, true) }
		fmt.Fprintf(&b, "| change in the gap, pilot boards | %s |\n", f(res.Cells[1].Gap-res.Cells[0].Gap))
		fmt.Fprintf(&b, "| change in the gap, other boards | %s |\n", f(res.Cells[3].Gap-res.Cells[2].Gap))
		fmt.Fprintf(&b, "| triple difference | %s |\n", f(row.Diff))
		fmt.Fprintf(&b, "| HC1 robust standard error | %s |\n", strings.TrimPrefix(f(res.SE), "+"))
		fmt.Fprintf(&b, "| %g%% confidence interval | %s |\n", 100*res.Conf, results.FormatInterval(row.DiffLow, row.DiffHigh, f))
		fmt.Fprintf(&b, "| p (t on %s df) | %s |\n", pilotCount(res.DF), results.FormatP(row.P))
		if res.PermOK {
			kind := "exact, every assignment"
			if !res.Perm.Exact {
				kind = fmt.Sprintf("Monte Carlo, %s draws, seed %d", pilotCount(res.Perm.Draws), res.Perm.Seed)
			}
			fmt.Fprintf(&b, "| randomization p (%d of %d boards as pilots; %s) | %s (%s of %s) |\n", res.Perm.Pilots, res.Perm.Boards, kind, results.FormatP(res.Perm.P), pilotCount(res.Perm.Extreme), pilotCount(res.Perm.Assignments))
			fmt.Fprintf(&b, "| smallest randomization p these boards allow | %s |\n", results.FormatP(res.Perm.MinP))
		}
		fmt.Fprintf(&b, "| verdict | %s |\n", row.Status)
	}
	b.WriteString("\n## The gap by quarter\n\n")
	if chart != "" {
		fmt.Fprintf(&b, "![Gap by quarter in pilot and other boards](%s)\n\n", chart)
	}
	b.WriteString("| quarter | period | gap, pilot boards | gap, other boards |\n|---|---|---:|---:|\n")
	for _, q := range pilotQuarterRows(res) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", q.quarter, q.period, q.pilot, q.other)
	}
	fmt.Fprintf(&b, "\nQuarters by %s date; a quarter where either group has fewer than %s records is suppressed (—).\n", run.dateNoun(), pilotCount(run.Provenance.Options.MinCell))
	if len(res.Warnings) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, w := range res.Warnings {
			fmt.Fprintf(&b, "- %s\n", md.Text(w))
		}
	}
	b.WriteString("\n## Methods\n\n")
	b.WriteString(md.Text(pilotMethods(run)) + "\n\n")
	p := run.Provenance
	fmt.Fprintf(&b, "Input: %s (SHA-256 %s, %s rows read). Tool: %s %s. Confidence %g, alpha %g, minimum cell %s, seed %d.\n",
		md.Text(p.Input.Name), p.Input.SHA256, pilotCount(p.RowsRead), p.Tool, md.Text(p.Version), p.Options.Conf, p.Options.Alpha, pilotCount(p.Options.MinCell), p.Seed)
	_, err := io.WriteString(w, b.String())
	return err
}

func pilotMethods(run *PilotRun) string {
	return "The triple difference is (gap in pilot boards after − before) − (gap in other boards after − before), the gap being the focal group's " +
		"mean minus the reference group's (a rate for 0/1 outcomes). It equals the coefficient of group × pilot × after in a record-level linear " +
		"(probability) model, whose HC1 heteroskedasticity-robust standard error gives the interval and the p-value (t on n − 8 df). The " +
		"randomization test reassigns the pilot label to every set of as many boards (a random sample of them when there are very many) and " +
		"counts the assignments with a triple difference at least as large in absolute value; with few boards its p-value cannot be small. " +
		"The flag rule is the report's (METHODS §5.1): practical size, p below alpha, every cell at least the minimum size. The comparison " +
		"assumes the gap would have moved alike in pilot and other boards without the pilot: read the quarterly chart for diverging trends " +
		"before the start."
}

type pilotQRow struct{ quarter, period, pilot, other string }

func pilotQuarterRows(res *disparities.PilotResult) []pilotQRow {
	var out []pilotQRow
	idx := map[string]int{}
	for _, q := range res.Quarters {
		k, ok := idx[q.Quarter]
		if !ok {
			period := "before"
			if q.After {
				period = "after"
			}
			out = append(out, pilotQRow{q.Quarter, period, "—", "—"})
			k = len(out) - 1
			idx[q.Quarter] = k
		}
		v := pilotFmt(res.Measure.Unit, q.Gap, true)
		if q.Pilot {
			out[k].pilot = v
		} else {
			out[k].other = v
		}
	}
	return out
}

// pilotBoardJSON is one board of pilot.json.
type pilotBoardJSON struct {
	Code  string `json:"code"`
	Name  string `json:"name,omitempty"`
	Pilot bool   `json:"pilot"`
	N     int    `json:"n"`
}

// pilotCellJSON is one of pilot.json's four cells; a suppressed cell has
// no counts or values.
type pilotCellJSON struct {
	Boards     string   `json:"boards"`
	Period     string   `json:"period"`
	N          *int     `json:"n_focal,omitempty"`
	RefN       *int     `json:"n_reference,omitempty"`
	Value      *float64 `json:"focal"`
	RefValue   *float64 `json:"reference"`
	Gap        *float64 `json:"gap"`
	Suppressed bool     `json:"suppressed"`
}

// pilotQuarterJSON is the gap of one quarter in pilot or other boards
// (null when a group is under the minimum cell).
type pilotQuarterJSON struct {
	Quarter string   `json:"quarter"`
	Boards  string   `json:"boards"`
	After   bool     `json:"after"`
	Gap     *float64 `json:"gap"`
}

// pilotJSON is pilot.json.
type pilotJSON struct {
	Disparity  string           `json:"disparity"`
	Measure    string           `json:"measure"`
	Focal      string           `json:"focal"`
	Reference  string           `json:"reference"`
	Start      string           `json:"start"`
	AfterBy    string           `json:"after_by"`
	Boards     []pilotBoardJSON `json:"boards"`
	Finding    string           `json:"finding"`
	Cells      []pilotCellJSON  `json:"cells"`
	TripleDiff struct {
		Value      *float64 `json:"value"`
		SE         *float64 `json:"se_hc1"`
		CILow      *float64 `json:"ci_low"`
		CIHigh     *float64 `json:"ci_high"`
		Conf       float64  `json:"confidence"`
		DF         int      `json:"df"`
		P          *float64 `json:"p_value"`
		MDD        *float64 `json:"min_detectable_diff"`
		Flagged    bool     `json:"flagged"`
		Status     string   `json:"status"`
		Suppressed bool     `json:"suppressed"`
	} `json:"triple_difference"`
	Randomization *struct {
		P           float64 `json:"p_value"`
		Extreme     int     `json:"extreme"`
		Assignments int     `json:"assignments"`
		Exact       bool    `json:"exact"`
		Boards      int     `json:"boards"`
		Pilots      int     `json:"pilots"`
		MinP        float64 `json:"min_p"`
		Seed        uint64  `json:"seed,omitempty"`
	} `json:"randomization,omitempty"`
	Quarters   []pilotQuarterJSON `json:"quarters"`
	Warnings   []string           `json:"warnings"`
	Provenance Provenance         `json:"provenance"`
}

// WritePilotJSON writes pilot.json: suppressed values are null.
func WritePilotJSON(w io.Writer, run *PilotRun) error {
	res, m := run.Result, run.Result.Measure
	var j pilotJSON
	j.Disparity, j.Measure, j.Focal, j.Reference = m.Disparity, m.Measure, m.Focal, m.Reference
	j.Start, j.AfterBy, j.Finding = pilotDay(res.Start), run.dateNoun()+" date", res.Sentence()
	for _, b := range res.Boards {
		j.Boards = append(j.Boards, pilotBoardJSON{b.Code, b.Name, b.Pilot, b.N})
	}
	for _, c := range res.Cells {
		x := pilotCellJSON{Boards: c.Boards, Period: c.Period, Suppressed: c.Suppressed}
		if !c.Suppressed {
			n, rn := c.N, c.RefN
			x.N, x.RefN, x.Value, x.RefValue, x.Gap = &n, &rn, fp(c.Value), fp(c.RefValue), fp(c.Gap)
		}
		j.Cells = append(j.Cells, x)
	}
	row := &res.Row
	t := &j.TripleDiff
	t.Conf, t.Flagged, t.Status, t.Suppressed = res.Conf, row.Flagged, row.Status.String(), row.Suppressed
	if !row.Suppressed {
		t.Value, t.SE, t.CILow, t.CIHigh, t.P, t.MDD, t.DF = fp(row.Diff), fp(res.SE), fp(row.DiffLow), fp(row.DiffHigh), fp(row.P), fp(row.MDD), res.DF
	}
	if res.PermOK {
		p := res.Perm
		j.Randomization = &struct {
			P           float64 `json:"p_value"`
			Extreme     int     `json:"extreme"`
			Assignments int     `json:"assignments"`
			Exact       bool    `json:"exact"`
			Boards      int     `json:"boards"`
			Pilots      int     `json:"pilots"`
			MinP        float64 `json:"min_p"`
			Seed        uint64  `json:"seed,omitempty"`
		}{p.P, p.Extreme, p.Assignments, p.Exact, p.Boards, p.Pilots, p.MinP, p.Seed}
		if p.Exact {
			j.Randomization.Seed = 0
		}
	}
	for _, q := range res.Quarters {
		j.Quarters = append(j.Quarters, pilotQuarterJSON{q.Quarter, map[bool]string{true: "pilot", false: "other"}[q.Pilot], q.After, fp(q.Gap)})
	}
	j.Warnings = append([]string{}, res.Warnings...)
	j.Provenance = run.Provenance
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// PilotChart draws the gap by quarter in pilot and other boards, with a
// vertical line at the start quarter. Suppressed quarters are gaps in the
// lines. Nil when no quarter has a gap.
func PilotChart(res *disparities.PilotResult) *plot.Plot {
	idx := map[string]float64{}
	var names []string
	for _, q := range res.Quarters {
		if _, ok := idx[q.Quarter]; !ok {
			idx[q.Quarter] = float64(len(names))
			names = append(names, q.Quarter)
		}
	}
	m := res.Measure
	measure := m.Measure
	if measure != "" {
		measure = strings.ToUpper(measure[:1]) + measure[1:]
	}
	p := newPlot(fmt.Sprintf("%s: the %s − %s gap by quarter", measure, m.Focal, m.Reference))
	p.Y.Label.Text = m.Focal + " − " + m.Reference + " gap"
	if m.Unit == results.UnitRate {
		p.Y.Label.Text += " (percentage points)"
	} else {
		p.Y.Label.Text += " ($)"
	}
	scale := 1.0
	if m.Unit == results.UnitRate {
		scale = 100
	}
	any := false
	lo, hi := 0.0, 0.0
	for k, pilot := range []bool{true, false} {
		var seg plotter.XYs
		var segs []plotter.XYs
		for _, q := range res.Quarters {
			if q.Pilot != pilot {
				continue
			}
			if q.Suppressed {
				if len(seg) > 0 {
					segs = append(segs, seg)
				}
				seg = nil
				continue
			}
			v := scale * q.Gap
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			seg = append(seg, plotter.XY{X: idx[q.Quarter], Y: v})
		}
		if len(seg) > 0 {
			segs = append(segs, seg)
		}
		var nb []string
		for _, b := range res.Boards {
			if b.Pilot == pilot {
				nb = append(nb, b.Code)
			}
		}
		name := "Pilot boards (" + strings.Join(nb, ", ") + ")"
		if !pilot {
			name = fmt.Sprintf("Other boards (%d)", len(nb))
		}
		for i, s := range segs {
			l, pts, err := plotter.NewLinePoints(s)
			if err != nil {
				continue
			}
			any = true
			l.Color = []color.Color{okabeVerm, okabeBlue}[k]
			l.Width = vg.Points(2)
			pts.Color = l.Color
			pts.Shape = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}}[k] // shape, not colour alone
			pts.Radius = vg.Points(3)
			if k == 1 {
				l.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
			}
			p.Add(l, pts)
			if i == 0 {
				p.Legend.Add(name, l, pts)
			}
		}
	}
	if !any {
		return nil
	}
	sy, sm, _ := pirl.Civil(res.Start)
	start := fmt.Sprintf("%dQ%d", sy, (sm-1)/3+1)
	if x, ok := idx[start]; ok {
		v, _ := plotter.NewLine(plotter.XYs{{X: x - 0.5, Y: lo - 0.05*(hi-lo+1)}, {X: x - 0.5, Y: hi + 0.05*(hi-lo+1)}})
		v.Color = darkGrey
		v.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(v)
		p.Legend.Add("Pilot start, "+pilotDay(res.Start), v)
	}
	zero, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 0}, {X: float64(len(names)) - 0.5, Y: 0}})
	zero.Color = lightGrey
	p.Add(zero)
	ticks := make([]plot.Tick, len(names))
	for i, n := range names {
		ticks[i] = plot.Tick{Value: float64(i), Label: n}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Marker = linearTicks{step: niceStep(hi-lo, 6), signed: true}
	p.X.Label.Text = "Quarter of " + map[bool]string{true: "entry", false: "exit"}[m.ByEntry]
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	return p
}

// pilotChartSize is the pilot chart's drawer and size: 8 × 4.5 in plus
// the key's strip.
func pilotChartSize(p *plot.Plot) (Drawer, vg.Length, vg.Length) {
	n := 3
	return KeyAbove{Plot: p, Entries: n, Padding: vg.Points(1.5)}, 8 * vg.Inch, 4.5*vg.Inch + KeyHeight(n)
}

// WritePilot writes pilot.md, pilot.json, pilot.html and plots/pilot-gap
// (.png, .svg) into dir, which must exist.
func WritePilot(dir string, run *PilotRun) error {
	var svg []byte
	chart := ""
	if p := PilotChart(run.Result); p != nil {
		var err error
		d, w, h := pilotChartSize(p)
		if svg, err = savePlot(d, w, h, filepath.Join(dir, "plots"), "pilot-gap"); err != nil {
			return err
		}
		chart = "plots/pilot-gap.png"
	}
	var mdb, js, html bytes.Buffer
	if err := WritePilotMarkdown(&mdb, run, chart); err != nil {
		return err
	}
	if err := WritePilotJSON(&js, run); err != nil {
		return err
	}
	if err := WritePilotHTML(&html, run, svg); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"pilot.md": mdb.Bytes(), "pilot.json": js.Bytes(), "pilot.html": html.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// reportCSS is report.html's stylesheet, so the pilot page looks the same.
func reportCSS() template.CSS {
	s := htmlSource
	i, j := strings.Index(s, "<style>"), strings.Index(s, "</style>")
	if i < 0 || j < i {
		return ""
	}
	return template.CSS(s[i+len("<style>") : j])
}

var pilotHTML = template.Must(template.New("pilot").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>WIOA pilot: {{.Disparity}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<main>
<h1>{{.Question}}</h1>
<p class="question">Disparity {{.Disparity}}: {{.Measure}}, {{.Focal}} − {{.Reference}}</p>
{{if .Synthetic}}<p class="synthetic"><strong>Synthetic data.</strong> These numbers describe no real people.</p>{{end}}
<p><span class="status{{if .Flagged}} flagged{{end}}">{{.Status}}.</span> {{.Finding}}</p>
<ul>
<li>Pilot boards: {{.Pilots}}</li>
<li>Other boards: {{.Others}}</li>
<li>Boards in all: {{.NBoards}}</li>
<li>Start: {{.Start}}; a record is <em>after</em> when its {{.DateNoun}} date is on or after it</li>
</ul>
<h2>The four cells</h2>
<table>
<thead><tr><th>boards</th><th>period</th><th class="num">{{.Focal}} n</th><th class="num">{{.Focal}}</th><th class="num">{{.Reference}} n</th><th class="num">{{.Reference}}</th><th class="num">gap</th></tr></thead>
<tbody>
{{range .Cells}}<tr><td>{{.Boards}}</td><td>{{.Period}}</td>{{if .Suppressed}}<td class="hidden" colspan="5">{{.Hidden}}</td>{{else}}<td class="num">{{.N}}</td><td class="num">{{.Value}}</td><td class="num">{{.RefN}}</td><td class="num">{{.RefValue}}</td><td class="num">{{.Gap}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
<h2>Triple difference</h2>
<table class="detail">
<tbody>
{{range .Estimates}}<tr><th>{{index . 0}}</th><td class="num">{{index . 1}}</td></tr>
{{end}}</tbody>
</table>
<h2>The gap by quarter</h2>
{{if .Chart}}<figure><img src="{{.Chart}}" alt="Line chart of the {{.Focal}} − {{.Reference}} gap by quarter in pilot boards (circles, solid) and other boards (squares, dashed), with the pilot start marked"><figcaption>Read the quarters before the start: the comparison assumes the gap moved alike in pilot and other boards before the pilot.</figcaption></figure>{{end}}
<table>
<thead><tr><th>quarter</th><th>period</th><th class="num">gap, pilot boards</th><th class="num">gap, other boards</th></tr></thead>
<tbody>
{{range .Quarters}}<tr><td>{{.Quarter}}</td><td>{{.Period}}</td><td class="num">{{.Pilot}}</td><td class="num">{{.Other}}</td></tr>
{{end}}</tbody>
</table>
<p class="none">Quarters by {{.DateNoun}} date; a quarter where either group has fewer than {{.MinCellText}} records is suppressed (—).</p>
{{if .Warnings}}<h2>Notes</h2>
<ul class="notes">{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{end}}
<h2>Methods</h2>
<p>{{.Methods}}</p>
<p>{{.Provenance}}</p>
</main>
</body>
</html>
`))

// WritePilotHTML writes pilot.html, one self-contained page in
// report.html's style; svg is the chart (nil without one).
func WritePilotHTML(w io.Writer, run *PilotRun, svg []byte) error {
	res, m := run.Result, run.Result.Measure
	type cell struct {
		Boards, Period, Value, RefValue, Gap, Hidden string
		N, RefN                                      string
		Suppressed                                   bool
	}
	type qrow struct{ Quarter, Period, Pilot, Other string }
	v := struct {
		CSS                                                   template.CSS
		Disparity, Measure, Focal, Reference, Finding, Status string
		Question, NBoards, MinCellText                        string
		Pilots, Others, Start, DateNoun, Methods, Provenance  string
		MinCell                                               int
		Synthetic, Flagged                                    bool
		Cells                                                 []cell
		Estimates                                             [][2]string
		Quarters                                              []qrow
		Chart                                                 template.URL
		Warnings                                              []string
	}{CSS: reportCSS(), Disparity: m.Disparity, Measure: m.Measure, Focal: m.Focal, Reference: m.Reference, Finding: res.Sentence(),
		Status: res.Row.Status.String(), Pilots: run.boardsLine(true), Others: run.boardsLine(false), Start: pilotDay(res.Start),
		DateNoun: run.dateNoun(), Methods: pilotMethods(run), NBoards: pilotCount(len(res.Boards)), MinCell: run.Provenance.Options.MinCell,
		Question: pilotQuestion(m), MinCellText: pilotCount(run.Provenance.Options.MinCell),
		Synthetic: run.Provenance.Input.Synthetic, Flagged: res.Row.Flagged, Warnings: res.Warnings}
	v.Status = strings.ToUpper(v.Status[:1]) + v.Status[1:]
	for _, c := range res.Cells {
		x := cell{Boards: pilotBoards(c.Boards), Period: c.Period, Suppressed: c.Suppressed, Hidden: "suppressed (n < " + v.MinCellText + ")"}
		if !c.Suppressed {
			x.N, x.RefN = pilotCount(c.N), pilotCount(c.RefN)
			x.Value, x.RefValue, x.Gap = pilotFmt(m.Unit, c.Value, false), pilotFmt(m.Unit, c.RefValue, false), pilotFmt(m.Unit, c.Gap, true)
		}
		v.Cells = append(v.Cells, x)
	}
	row := &res.Row
	if row.Suppressed {
		v.Estimates = [][2]string{{"triple difference", "suppressed (a cell has n < " + v.MinCellText + ")"}}
	} else {
		f := func(x float64) string { return pilotFmt(m.Unit, x, true) }
		v.Estimates = [][2]string{
			{"change in the gap, pilot boards", f(res.Cells[1].Gap - res.Cells[0].Gap)},
			{"change in the gap, other boards", f(res.Cells[3].Gap - res.Cells[2].Gap)},
			{"triple difference", f(row.Diff)},
			{"HC1 robust standard error", strings.TrimPrefix(f(res.SE), "+")},
			{fmt.Sprintf("%g%% confidence interval", 100*res.Conf), results.FormatInterval(row.DiffLow, row.DiffHigh, f)},
			{fmt.Sprintf("p (t on %s df)", pilotCount(res.DF)), results.FormatP(row.P)},
		}
		if res.PermOK {
			v.Estimates = append(v.Estimates,
				[2]string{fmt.Sprintf("randomization p (%d of %d boards as pilots)", res.Perm.Pilots, res.Perm.Boards), fmt.Sprintf("%s (%s of %s)", results.FormatP(res.Perm.P), pilotCount(res.Perm.Extreme), pilotCount(res.Perm.Assignments))},
				[2]string{"smallest randomization p these boards allow", results.FormatP(res.Perm.MinP)})
		}
	}
	for _, q := range pilotQuarterRows(res) {
		v.Quarters = append(v.Quarters, qrow{q.quarter, q.period, q.pilot, q.other})
	}
	if svg != nil {
		v.Chart = dataURI(svg)
	}
	p := run.Provenance
	v.Provenance = fmt.Sprintf("Input: %s (SHA-256 %s, %s rows read). Tool: %s %s. Confidence %g, alpha %g, minimum cell %s, seed %d.",
		p.Input.Name, p.Input.SHA256, pilotCount(p.RowsRead), p.Tool, p.Version, p.Options.Conf, p.Options.Alpha, v.MinCellText, p.Seed)
	return pilotHTML.Execute(w, v)
}
