package compare

import (
	"bufio"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wioa-equity/wioa/analysis/results"
	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/frames"
)

// Period is one run in a trend: its results and a short label ("2024Q3").
type Period struct {
	Label   string
	Results *reports.Results
	from    string
}

// Series is one group's values across the periods (nil where the run has
// no such row).
type Series struct {
	Group, Reference string
	Points           []*results.Row
}

// Measure is one (disparity, measure) across the periods.
type Measure struct {
	Disparity, Measure string
	Unit               results.Unit
	Series             []Series
}

// Trend is a series of runs ordered by exit window.
type Trend struct {
	Periods  []Period
	Measures []Measure
	Warnings []string
}

var (
	quarterLabel = regexp.MustCompile(`exits in (\d{4}Q[1-4])`)
	pyLabel      = regexp.MustCompile(`program year (\d{4})`)
)

// PeriodLabel shortens an exit-window label from the provenance: "2024Q3",
// "PY2023", "2024-01-01–2024-06-30" or "all exits".
func PeriodLabel(window string) string {
	if m := quarterLabel.FindStringSubmatch(window); m != nil {
		return m[1]
	}
	if m := pyLabel.FindStringSubmatch(window); m != nil {
		return "PY" + m[1]
	}
	from, to := windowBounds(window)
	switch {
	case from == "" && to == "":
		return "all exits"
	case from == "":
		return "to " + to
	case to == "":
		return "from " + from
	}
	return from + "–" + to
}

// NewTrend orders runs by the start of their exit window (runs with no
// start first, then in the order given) and lines up their rows in a table
// joined across the runs, a line per series and a column per period (see
// trendTable). The error is no runs or a failed frame operation.
func NewTrend(rs []*reports.Results) (*Trend, error) {
	if len(rs) == 0 {
		return nil, errors.New("no results to show a trend of")
	}
	t := &Trend{}
	for _, r := range rs {
		from, _ := windowBounds(r.Provenance.Window)
		t.Periods = append(t.Periods, Period{Label: PeriodLabel(r.Provenance.Window), Results: r, from: from})
	}
	sort.SliceStable(t.Periods, func(i, j int) bool { return t.Periods[i].from < t.Periods[j].from })
	seen := map[string]string{}
	for _, p := range t.Periods {
		if prev, dup := seen[p.Label]; dup {
			t.Warnings = append(t.Warnings, fmt.Sprintf("%s and %s cover the same exit window (%s)", prev, p.Results.Source, p.Label))
		}
		seen[p.Label] = p.Results.Source
	}
	for i := 1; i < len(t.Periods); i++ {
		if d := optionDiffs(t.Periods[0].Results.Provenance.Options, t.Periods[i].Results.Provenance.Options); len(d) > 0 {
			t.Warnings = append(t.Warnings, fmt.Sprintf("%s used different options from %s (%s)", t.Periods[i].Results.Source, t.Periods[0].Results.Source, strings.Join(d, "; ")))
		}
	}
	tab, err := trendTable(t.Periods)
	if err != nil {
		return nil, err
	}
	type cols struct{ first, row, ref int }
	per := make([]cols, len(t.Periods))
	for p := range per {
		for _, c := range []struct {
			name string
			dst  *int
		}{{"first", &per[p].first}, {"row", &per[p].row}, {"ref", &per[p].ref}} {
			if *c.dst, err = colIndex(tab, fmt.Sprintf("%s_%d", c.name, p)); err != nil {
				return nil, err
			}
		}
	}
	type key struct{ d, m string }
	mIdx := map[key]int{}
	// A line of the table is a series, in the order series first appear;
	// its first row names it and, when it is its measure's first, the
	// measure and its unit.
	for i := range tab.Nrow() {
		s := Series{Points: make([]*results.Row, len(t.Periods))}
		var first *results.Row
		for p, c := range per {
			r, ok, err := frames.Present(tab, c.row, i)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			rows := t.Periods[p].Results.Rows
			s.Points[p] = &rows[r]
			if first == nil {
				f, _, err := frames.Present(tab, c.first, i)
				if err != nil {
					return nil, err
				}
				first = &rows[f]
				s.Group, s.Reference = first.Group, first.Reference
			}
			// A group's own series is named after its latest reference.
			if ref := tab.Elem(i, c.ref).String(); ref != "" {
				s.Reference = ref
			}
		}
		if first == nil {
			return nil, fmt.Errorf("trend: line %d of the table is in no period", i)
		}
		k := key{first.Disparity, first.Measure}
		mi, ok := mIdx[k]
		if !ok {
			mi = len(t.Measures)
			mIdx[k] = mi
			t.Measures = append(t.Measures, Measure{Disparity: first.Disparity, Measure: first.Measure, Unit: first.Unit})
		}
		t.Measures[mi].Series = append(t.Measures[mi].Series, s)
	}
	return t, nil
}

// ownValue reports whether a row's Value is the group's own estimate rather
// than a comparison with its reference.
func ownValue(u results.Unit) bool {
	return u != results.UnitOddsRatio && u != results.UnitScore
}

// seriesName labels a series: the group, "(reference)" when it is only ever
// the reference, or "group vs reference" for comparison measures.
func seriesName(s Series, u results.Unit) string {
	switch {
	case s.Reference == "":
		return s.Group + " (reference)"
	case !ownValue(u):
		return s.Group + " vs " + s.Reference
	}
	return s.Group
}

// FileBase is the plot file name (without extension) of a measure.
func FileBase(m Measure) string {
	s := strings.ToLower(m.Disparity + "-" + m.Measure)
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// WriteMarkdown writes the periods (which data each came from) and one table
// per measure: a line per group, a column per period. charts maps
// FileBase(m) to an image path to link under each table (may be nil).
func (t *Trend) WriteMarkdown(w io.Writer, charts map[string]string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Trend across %s\n\n| period | exit window | results | input | cohort |\n|---|---|---|---|---|\n", plural(len(t.Periods), "period"))
	for _, p := range t.Periods {
		pr := p.Results.Provenance
		fmt.Fprintf(b, "| %s | %s | %s | %s (sha256 %s) | %d |\n", mdCell(p.Label), mdCell(pr.Window), mdCell(p.Results.Source), mdCell(pr.Input.Name), mdCell(short(pr.Input.SHA256)), pr.Cohort)
	}
	fmt.Fprintln(b)
	for _, warn := range t.Warnings {
		fmt.Fprintf(b, "> **Warning:** %s.\n\n", mdCell(warn))
	}
	fmt.Fprintf(b, "Values marked \\* are flagged for review against the reference group; \"suppressed\" means fewer people than the minimum cell size; \"not yet reported\" that most of the cohort's outcomes were not in yet when the file was made; \"—\" means the run has no such result.\n")
	for _, m := range t.Measures {
		fmt.Fprintf(b, "\n## %s — %s\n\n| group |", mdCell(m.Disparity), mdCell(m.Measure))
		for _, p := range t.Periods {
			fmt.Fprintf(b, " %s |", mdCell(p.Label))
		}
		fmt.Fprintf(b, "\n|---|%s\n", strings.Repeat("---|", len(t.Periods)))
		for _, s := range m.Series {
			fmt.Fprintf(b, "| %s |", mdCell(seriesName(s, m.Unit)))
			for _, r := range s.Points {
				c := cellValue(r)
				if r != nil && r.Flagged {
					c += "\\*"
				}
				fmt.Fprintf(b, " %s |", c)
			}
			fmt.Fprintln(b)
		}
		if path, ok := charts[FileBase(m)]; ok {
			fmt.Fprintf(b, "\n![%s — %s across periods](%s)\n", mdCell(m.Disparity), mdCell(m.Measure), path)
		}
	}
	return b.Flush()
}

// Styles that tell series apart without colour: dash pattern and marker.
var (
	trendColors = []color.Color{
		color.RGBA{0x00, 0x72, 0xB2, 0xff}, color.RGBA{0xD5, 0x5E, 0x00, 0xff}, color.RGBA{0x00, 0x9E, 0x73, 0xff},
		color.RGBA{0xCC, 0x79, 0xA7, 0xff}, color.RGBA{0x56, 0xB4, 0xE9, 0xff}, color.RGBA{0xE6, 0x9F, 0x00, 0xff},
	}
	trendDashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)},
		{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}}
	trendGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{},
		draw.RingGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.PlusGlyph{}}
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

// ErrNothingToPlot is returned by Plot when a measure has no unsuppressed
// value in any period.
var ErrNothingToPlot = errors.New("compare: nothing to plot (every value suppressed or empty)")

// Plot draws one measure across the periods: a line per group (broken where
// a period has no value), its confidence interval as whiskers, rates in
// percent. Series differ by dash pattern and marker as well as colour, and
// the reference group is drawn heavier.
func (t *Trend) Plot(m Measure) (*plot.Plot, error) {
	if m.Unit == results.UnitScore {
		// A test statistic over time is no trend a reader can use.
		return nil, ErrNothingToPlot
	}
	scale := 1.0
	name := m.Measure
	if len(name) > 0 {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	axis := m.Unit.AxisLabel(name)
	switch m.Unit {
	case results.UnitRate:
		scale = 100
	case results.UnitPer1000, results.UnitPerSqMi:
		axis = name // the measure names its unit
	}
	p := plot.New()
	// Bold 14 pt averages about 8 pt a character: wrap what would not fit.
	p.Title.Text = wrapTitle(trendTitle(m), int(t.width()/vg.Inch*72/8))
	p.Title.TextStyle.Font = font.From(font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}, 14)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, 12)
		a.Tick.Label.Font = font.From(sansFont, 11)
	}
	p.Legend.TextStyle.Font = font.From(sansFont, 11)
	// The key goes above the data area (see reports.KeyAbove), never over a line.
	p.Legend.Top = true
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = axis
	p.X.Label.Text = "Exit period (gaps: suppressed, not yet reported or not computed)"
	var ticks []plot.Tick
	for i, per := range t.Periods {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: per.Label})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(t.Periods))-0.5
	drawn := 0
	notYet := map[int]bool{} // periods with a point whose outcomes are not in yet
	lowest := math.Inf(1)
	for si, s := range m.Series {
		ls := draw.LineStyle{Color: trendColors[si%len(trendColors)], Width: vg.Points(1.5), Dashes: trendDashes[si%len(trendDashes)]}
		if s.Reference == "" {
			ls.Width = vg.Points(2.5)
		}
		gs := draw.GlyphStyle{Color: ls.Color, Radius: vg.Points(3.5), Shape: trendGlyphs[si%len(trendGlyphs)]}
		var pts plotter.XYs
		var errs plotter.YErrors
		var segs []plotter.XYs
		var cur plotter.XYs
		for i, r := range s.Points {
			if r != nil && r.Status == results.StatusNotYetReported {
				notYet[i] = true
			}
			if r == nil || r.Suppressed || r.Status == results.StatusNotYetReported || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
				if len(cur) > 0 {
					segs = append(segs, cur)
				}
				cur = nil
				continue
			}
			v := r.Value * scale
			lowest = math.Min(lowest, v)
			// Dodge series sideways a little so overlapping whiskers stay apart.
			x := float64(i) + 0.05*(float64(si)-float64(len(m.Series)-1)/2)
			cur = append(cur, plotter.XY{X: x, Y: v})
			pts = append(pts, plotter.XY{X: x, Y: v})
			lo, hi := r.CILow*scale, r.CIHigh*scale
			if math.IsNaN(lo) || math.IsNaN(hi) {
				lo, hi = v, v
			}
			errs = append(errs, struct{ Low, High float64 }{v - lo, hi - v})
		}
		if len(cur) > 0 {
			segs = append(segs, cur)
		}
		if len(pts) == 0 {
			continue
		}
		drawn++
		var legendLine *plotter.Line
		for _, seg := range segs {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return nil, err
			}
			l.LineStyle = ls
			p.Add(l)
			legendLine = l
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = gs
		eb := &plotter.YErrorBars{XYs: pts, YErrors: errs, LineStyle: draw.LineStyle{Color: ls.Color, Width: vg.Points(1)}, CapWidth: vg.Points(6)}
		p.Add(eb, sc)
		p.Legend.Add(seriesName(s, m.Unit), legendLine, sc)
	}
	if drawn == 0 {
		return nil, ErrNothingToPlot
	}
	base := lowest
	if m.Unit == results.UnitRate || m.Unit == results.UnitDollars || m.Unit == results.UnitPer1000 {
		p.Y.Min = 0
		base = 0
	}
	// A period whose outcomes are mostly not in yet says so where its
	// points would be, so a missing point never reads as a closed gap.
	if len(notYet) > 0 {
		var xy plotter.XYLabels
		for i := range t.Periods {
			if notYet[i] {
				xy.XYs = append(xy.XYs, plotter.XY{X: float64(i), Y: base})
				xy.Labels = append(xy.Labels, "not yet\nreported")
			}
		}
		lb, err := plotter.NewLabels(xy)
		if err != nil {
			return nil, err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].Font = font.From(sansFont, 10)
			lb.TextStyle[i].XAlign = draw.XCenter
			lb.TextStyle[i].Color = color.Gray{Y: 0x55}
		}
		p.Add(lb)
	}
	return p, nil
}

// WritePlots draws every measure into dir (PNG and SVG, as the report's
// plots) and returns FileBase → "plots/NAME.png" for WriteMarkdown.
func (t *Trend) WritePlots(dir string) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range t.Measures {
		p, err := t.Plot(m)
		if err == ErrNothingToPlot {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("trend plot %s: %w", FileBase(m), err)
		}
		w := t.width()
		if err := reports.SavePlot(reports.KeyAbove{Plot: p, Entries: len(m.Series)}, w, 4.5*vg.Inch+reports.KeyHeight(len(m.Series)), dir, FileBase(m)); err != nil {
			return nil, err
		}
		out[FileBase(m)] = "plots/" + FileBase(m) + ".png"
	}
	return out, nil
}

// width is the trend charts' width: room for every period, within 7–14 in.
func (t *Trend) width() vg.Length {
	return vg.Length(math.Min(math.Max(4+0.8*float64(len(t.Periods)), 7), 14)) * vg.Inch
}

// wrapTitle breaks s at spaces into lines of at most max runes (a longer
// word keeps its own line).
func wrapTitle(s string, max int) string {
	if max < 10 || len([]rune(s)) <= max {
		return s
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= max:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// trendTitle names a trend chart by its measure and the groups it follows:
// "Credential attainment: Women and Men", or "…, 5 groups" (the key names them).
func trendTitle(m Measure) string {
	t := m.Measure
	if t != "" {
		t = strings.ToUpper(t[:1]) + t[1:]
	}
	var groups []string
	seen := map[string]bool{}
	for _, s := range m.Series {
		for _, g := range []string{s.Group, s.Reference} {
			if g != "" && !seen[g] {
				seen[g] = true
				groups = append(groups, g)
			}
		}
	}
	switch {
	case len(groups) == 1:
		t += ": " + groups[0]
	case len(groups) == 2:
		t += ": " + groups[0] + " and " + groups[1]
	case len(groups) > 2:
		t += fmt.Sprintf(", %d groups", len(groups))
	}
	return t
}
