package reports

// The forest plot of all gaps (ForestPlot): one row per comparison, its
// estimate and interval, on a linear (difference) or log (ratio) axis.

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wioa-equity/wioa/analysis/results"
)

// ForestKind selects the scale of a forest plot.
type ForestKind int

const (
	// ForestDiff plots Diff with [DiffLow, DiffHigh] on a linear axis with a
	// line at zero; rates are shown in percentage points.
	ForestDiff ForestKind = iota
	// ForestRatio plots ratios on a log axis with a line at 1 and the
	// four-fifths band 0.8–1.25 shaded.
	ForestRatio
)

// ForestPlot draws every comparison row (Reference set, not suppressed) as a
// point estimate with its confidence interval, one row per line in row order,
// labelled "group vs reference" over the measure.
//
// ForestDiff plots Diff [DiffLow, DiffHigh] on a linear axis with a line at
// zero; rates (UnitRate) are converted to percentage points, and all rows
// must share one Unit. ForestRatio plots Ratio on a log axis with a line at 1
// and the four-fifths band 0.8–1.25 shaded; for UnitOddsRatio rows, whose
// estimate is Value, the point is Value with [CILow, CIHigh]. Other ratio rows
// carry no ratio interval and are drawn as a point alone. Rows whose estimate
// is missing (or not positive on the log axis) are left out and counted in a
// note, as are suppressed rows.
//
// Flagged rows are drawn with a filled marker and the word "flagged" beside
// them; the others with a hollow marker. Each row's estimate and interval are
// printed at the right. When no row is left it returns ErrNothingToPlot.
func ForestPlot(title string, rows []results.Row, kind ForestKind) (*plot.Plot, error) {
	p, _, err := forestPlot(title, rows, kind)
	return p, err
}

// forestPlot is ForestPlot, also returning the forest it draws (so that a
// caller can add a reference line under the marks: forest.ref).
func forestPlot(title string, rows []results.Row, kind ForestKind) (*plot.Plot, *forest, error) {
	if kind != ForestDiff && kind != ForestRatio {
		return nil, nil, fmt.Errorf("reports: forest plot %q: unknown kind %d", title, kind)
	}
	f := &forest{kind: kind, ref: math.NaN()}
	suppressed, notYet, skipped := 0, 0, 0
	var unit results.Unit
	haveUnit := false
	for _, r := range rows {
		if r.Reference == "" {
			continue
		}
		if r.Status == results.StatusNotYetReported {
			// Most outcomes are not in: no gap to draw yet.
			notYet++
			continue
		}
		if r.Suppressed {
			suppressed++
			continue
		}
		e := forestRow{flagged: r.Flagged, low: math.NaN(), high: math.NaN()}
		switch kind {
		case ForestDiff:
			if haveUnit && r.Unit != unit {
				return nil, nil, fmt.Errorf("reports: forest plot %q: row %s · %s · %s has unit %s, earlier rows %s; plot differences of one unit at a time",
					title, r.Disparity, r.Measure, r.Group, r.Unit.String(), unit.String())
			}
			unit, haveUnit = r.Unit, true
			s := r.Unit.Scale()
			e.est = r.Diff * s
			if finite(r.DiffLow) && finite(r.DiffHigh) && r.DiffLow <= r.DiffHigh {
				e.low, e.high = r.DiffLow*s, r.DiffHigh*s
			}
		case ForestRatio:
			e.est = r.Ratio
			if m := ratioCIText.FindStringSubmatch(r.Test); m != nil && r.Unit != results.UnitOddsRatio {
				// A rate ratio's interval is stated in its test (see gapCells).
				lo, err1 := strconv.ParseFloat(m[1], 64)
				hi, err2 := strconv.ParseFloat(m[2], 64)
				if err1 == nil && err2 == nil && lo > 0 && lo <= hi {
					e.low, e.high = lo, hi
				}
			}
			if r.Unit == results.UnitOddsRatio {
				e.est = r.Value
				if finite(r.CILow) && finite(r.CIHigh) && r.CILow > 0 && r.CILow <= r.CIHigh {
					e.low, e.high = r.CILow, r.CIHigh
				}
			}
			if !(e.est > 0) {
				e.est = math.NaN()
			}
		}
		if !finite(e.est) {
			skipped++
			continue
		}
		// Plain words: the comparison over its measure (a panel is one
		// disparity, so its id would only repeat).
		e.label = wrap(r.Group+" vs "+r.Reference, 48) + "\n" + wrap(humanize(r.Measure), 48)
		e.text = formatForest(kind, unit, e)
		f.rows = append(f.rows, e)
	}
	if len(f.rows) == 0 {
		return nil, nil, ErrNothingToPlot
	}
	f.unit = unit

	p := newPlot(title)
	n := len(f.rows)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	ticks := make(plot.ConstantTicks, n)
	for i, e := range f.rows {
		ticks[i] = plot.Tick{Value: f.y(i), Label: e.label}
	}
	p.Y.Tick.Marker = ticks
	hideTickMarks(&p.Y)
	p.Y.Tick.Label.Font = font.From(sans, valueSize)
	p.Y.LineStyle.Width = 0

	lo, hi := math.Inf(1), math.Inf(-1)
	for _, e := range f.rows {
		lo, hi = math.Min(lo, e.est), math.Max(hi, e.est)
		if finite(e.low) {
			lo, hi = math.Min(lo, e.low), math.Max(hi, e.high)
		}
	}
	var xlabel string
	switch kind {
	case ForestDiff:
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
		// The axis hugs the data (the column is narrow); ticks fall inside it.
		pad := (hi - lo) * 0.06
		if !(pad > 0) {
			pad = 1
		}
		p.X.Min, p.X.Max = lo-pad, hi+pad
		step := niceStep(p.X.Max-p.X.Min, 5)
		p.X.Tick.Marker = linearTicks{step: step, signed: true, dollars: unit == results.UnitDollars}
		xlabel = unit.DiffAxisLabel()
	case ForestRatio:
		p.X.Scale = plot.LogScale{}
		p.X.Min, p.X.Max = ratioRange(math.Min(lo, 0.8), math.Max(hi, 1.25))
		p.X.Tick.Marker = ratioTicks{}
		xlabel = "Ratio to reference group (log scale; shaded: 0.8–1.25, four-fifths rule)"
	}
	xlabel += "\n● flagged for review    ○ not flagged"
	if note := forestNote(suppressed, notYet, skipped); note != "" {
		xlabel += "\n" + note
	}
	p.X.Label.Text = xlabel
	p.X.Label.TextStyle.Font = font.From(sans, valueSize+1)

	f.textStyle = textStyle(sans, valueSize)
	f.textStyle.YAlign = draw.YCenter
	f.flagStyle = textStyle(sansBold, valueSize)
	f.flagStyle.YAlign = draw.YCenter

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = gridGrey
	grid.Vertical.Width = vg.Points(0.75)
	p.Add(f, grid, &forestMarks{f}) // stripes, then grid, then marks
	return p, f, nil
}

// forestRow is one comparison in display units.
type forestRow struct {
	est, low, high float64
	flagged        bool
	label, text    string
}

// forest draws the background (zebra rows, band, null line); forestMarks
// draws the intervals, markers and text on top of the grid.
type forest struct {
	kind      ForestKind
	unit      results.Unit
	rows      []forestRow
	textStyle text.Style
	flagStyle text.Style
	// ref, when finite, is drawn as a dashed vertical line (in display
	// units) under the intervals and markers: the board chart's whole-file
	// gap.
	ref float64
}

type forestMarks struct{ f *forest }

// refLineStyle is the dashed reference line of forest.ref.
var refLineStyle = draw.LineStyle{Color: darkGrey, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}

func (f *forest) y(i int) float64 { return float64(len(f.rows) - 1 - i) }

const (
	forestTextGap = 10
	flaggedWord   = "flagged"
)

// Plot implements plot.Plotter: the background layer.
func (f *forest) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i := range f.rows {
		if i%2 == 1 {
			continue
		}
		y0, y1 := trY(f.y(i)-0.5), trY(f.y(i)+0.5)
		// Extend the stripe under the printed estimates so the eye can follow a row.
		x1 := c.Max.X + forestTextGap + f.textWidth()
		c.FillPolygon(zebraGrey, rectPoints(vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: y0}, Max: vg.Point{X: x1, Y: y1}}))
	}
	if f.kind == ForestRatio {
		x0, x1 := trX(0.8), trX(1.25)
		c.FillPolygon(bandBlue, rectPoints(vg.Rectangle{Min: vg.Point{X: x0, Y: c.Min.Y}, Max: vg.Point{X: x1, Y: c.Max.Y}}))
	}
}

// Plot implements plot.Plotter: intervals, markers and the printed estimates.
func (m *forestMarks) Plot(c draw.Canvas, p *plot.Plot) {
	f := m.f
	trX, trY := p.Transforms(&c)
	capH := vg.Points(5)
	tx := c.Max.X + forestTextGap
	valW := f.valueWidth()
	null := 0.0
	if f.kind == ForestRatio {
		null = 1
	}
	x := trX(null)
	c.StrokeLine2(draw.LineStyle{Color: darkGrey, Width: vg.Points(1.5)}, x, c.Min.Y, x, c.Max.Y)
	if finite(f.ref) {
		// Beneath the marks: a marker on the line stays whole.
		xr := trX(f.ref)
		c.StrokeLine2(refLineStyle, xr, c.Min.Y, xr, c.Max.Y)
	}
	for i, e := range f.rows {
		y := trY(f.y(i))
		if finite(e.low) {
			ls := draw.LineStyle{Color: black, Width: vg.Points(2)}
			x0, x1 := trX(e.low), trX(e.high)
			c.StrokeLine2(ls, x0, y, x1, y)
			c.StrokeLine2(ls, x0, y-capH, x0, y+capH)
			c.StrokeLine2(ls, x1, y-capH, x1, y+capH)
		}
		pt := vg.Point{X: trX(e.est), Y: y}
		if e.flagged {
			c.DrawGlyphNoClip(draw.GlyphStyle{Color: okabeVerm, Radius: vg.Points(6), Shape: draw.CircleGlyph{}}, pt)
			c.DrawGlyphNoClip(draw.GlyphStyle{Color: black, Radius: vg.Points(6), Shape: draw.RingGlyph{}}, pt)
		} else {
			c.DrawGlyphNoClip(draw.GlyphStyle{Color: white, Radius: vg.Points(5), Shape: draw.CircleGlyph{}}, pt)
			c.DrawGlyphNoClip(draw.GlyphStyle{Color: black, Radius: vg.Points(5), Shape: draw.RingGlyph{}}, pt)
		}
		c.FillText(f.textStyle, vg.Point{X: tx, Y: y}, e.text)
		if e.flagged {
			c.FillText(f.flagStyle, vg.Point{X: tx + valW + 8, Y: y}, flaggedWord)
		}
	}
}

func (f *forest) valueWidth() vg.Length {
	var w vg.Length
	for _, e := range f.rows {
		w = max(w, f.textStyle.Width(e.text))
	}
	return w
}

func (f *forest) textWidth() vg.Length {
	w := f.valueWidth()
	for _, e := range f.rows {
		if e.flagged {
			return w + 8 + f.flagStyle.Width(flaggedWord)
		}
	}
	return w
}

// GlyphBoxes implements plot.GlyphBoxer: room for the printed estimates at
// the right and for markers at the edges.
func (m *forestMarks) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	f := m.f
	w := f.textWidth()
	h := f.textStyle.Height("0")
	boxes := []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{
		Min: vg.Point{X: forestTextGap, Y: -h / 2},
		Max: vg.Point{X: forestTextGap + w + 4, Y: h / 2},
	}}}
	r := vg.Points(6)
	for i, e := range f.rows {
		boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(e.est), Y: p.Y.Norm(f.y(i)),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}})
	}
	return boxes
}

// PlotSize suggests a width and height for a GroupChart or ForestPlot drawn
// from n rows: bars need width and forest rows need height, so both grow with
// n between an 8×4.5-inch minimum and a 12×24-inch maximum. A forest row
// needs about half an inch for its two-line label.
func PlotSize(n int) (width, height vg.Length) {
	n = max(n, 0)
	w := math.Min(math.Max(2+0.5*float64(n), 8), 12)
	h := math.Min(math.Max(1.9+0.5*float64(n), 4.5), 24)
	return vg.Length(w) * vg.Inch, vg.Length(h) * vg.Inch
}

// formatForest formats a forest row's estimate and interval for the right
// margin, e.g. "−8.2 (−12.1, −4.3)"; the unit is in the axis label.
func formatForest(kind ForestKind, u results.Unit, e forestRow) string {
	f := func(v float64) string {
		switch {
		case kind == ForestRatio:
			return results.FormatFixed(v, 2)
		case u == results.UnitDollars:
			return u.FormatDiff(v)
		}
		return signed(v, results.FormatFixed(math.Abs(v), 1))
	}
	s := f(e.est)
	if finite(e.low) {
		s += " (" + f(e.low) + ", " + f(e.high) + ")"
	}
	return s
}

// signed prefixes a magnitude with a proper minus sign or a plus sign.
func signed(v float64, abs string) string {
	switch {
	case v < 0 && strings.Trim(abs, "$0.,") != "":
		return "−" + abs
	case v > 0 && strings.Trim(abs, "$0.,") != "":
		return "+" + abs
	}
	return abs
}

func forestNote(suppressed, notYet, skipped int) string {
	var parts []string
	if suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed (group below minimum cell size)", suppressed))
	}
	if notYet > 0 {
		parts = append(parts, fmt.Sprintf("%d not yet reported (most outcomes not in yet)", notYet))
	}
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d without an estimate", skipped))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Not shown: " + strings.Join(parts, "; ")
}

// forestName is the file base name of a disparity's forest panel.
func forestName(disparity string) string { return "forest-" + disparity }

// forestScale is one scale of a forest panel: the rows it takes and how
// they are drawn.
type forestScale struct {
	title string
	kind  ForestKind
	take  func(results.Row) bool
}

var forestScales = []forestScale{
	{"rate gaps (percentage points)", ForestDiff, func(r results.Row) bool { return r.Unit == results.UnitRate }},
	{"wage and earnings gaps (dollars)", ForestDiff, func(r results.Row) bool { return r.Unit == results.UnitDollars }},
	{"ratios to the reference group (log scale)", ForestRatio, func(r results.Row) bool {
		return r.Unit == results.UnitOddsRatio || r.Unit == results.UnitPer1000 || r.Unit == results.UnitPerSqMi
	}},
}

// ForestPanel draws every comparison of one disparity (title is its
// heading) as a forest plot per scale, stacked: rate gaps in percentage
// points, dollar gaps in dollars, ratios (odds ratios, rate ratios) on a
// log axis — no gap is drawn on a scale that does not fit it. Trend
// statistics and counts are not gaps and are left out. It returns the
// picture and its height at width 9 inches; ErrNothingToPlot when no scale
// has a row to draw.
func ForestPanel(title string, rows []results.Row) (Drawer, vg.Length, error) {
	st := &stacked{}
	// Scales in the order the section's rows first use them, so the panel
	// opens with the section's own measure.
	first := make([]int, len(forestScales))
	order := make([]int, len(forestScales))
	for k, sc := range forestScales {
		order[k], first[k] = k, len(rows)
		for i, r := range rows {
			if r.Reference != "" && sc.take(r) {
				first[k] = i
				break
			}
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return first[order[a]] < first[order[b]] })
	for _, k := range order {
		sc := forestScales[k]
		var take []results.Row
		for _, r := range rows {
			if r.Reference != "" && sc.take(r) {
				take = append(take, r)
			}
		}
		if len(take) == 0 {
			continue
		}
		p, err := ForestPlot(title+": "+sc.title, take, sc.kind)
		if err == ErrNothingToPlot {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		n := 0
		for _, r := range take {
			if !r.Suppressed {
				n++
			}
		}
		st.plots = append(st.plots, p)
		st.heights = append(st.heights, vg.Length(1.9+0.5*float64(n))*vg.Inch)
	}
	return st.done()
}

// done returns the stack and its whole height, or ErrNothingToPlot when
// it holds no plot.
func (st *stacked) done() (*stacked, vg.Length, error) {
	if len(st.plots) == 0 {
		return nil, 0, ErrNothingToPlot
	}
	var h vg.Length
	for _, x := range st.heights {
		h += x
	}
	return st, h, nil
}

// stacked draws plots one above the other, each in its own height.
type stacked struct {
	plots   []*plot.Plot
	heights []vg.Length
}

// Draw implements Drawer.
func (s *stacked) Draw(c draw.Canvas) {
	for i, sub := range s.layout(c) {
		s.plots[i].Draw(sub)
	}
}

// layout divides c among the plots, each its share of the height; their
// data areas share one left and one right edge (the widest labels and
// printed estimates of any plot decide them), so that the panels' axes line
// up under each other.
func (s *stacked) layout(c draw.Canvas) []draw.Canvas {
	var total vg.Length
	for _, h := range s.heights {
		total += h
	}
	subs := make([]draw.Canvas, len(s.plots))
	top := c.Max.Y
	var left, right vg.Length
	for i, p := range s.plots {
		h := (c.Max.Y - c.Min.Y) * s.heights[i] / total
		subs[i] = draw.Crop(c, 0, 0, 0, 0)
		subs[i].Rectangle = vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: top - h}, Max: vg.Point{X: c.Max.X, Y: top}}
		da := p.DataCanvas(subs[i])
		left, right = max(left, da.Min.X-c.Min.X), max(right, c.Max.X-da.Max.X)
		top -= h
	}
	for i, p := range s.plots {
		da := p.DataCanvas(subs[i])
		subs[i].Min.X += left - (da.Min.X - c.Min.X)
		subs[i].Max.X -= right - (c.Max.X - da.Max.X)
	}
	return subs
}

// forestCaption says what the forest panels show, and what they do not.
func forestCaption(conf float64) string {
	return fmt.Sprintf("Every comparison of this section with its %g%% confidence interval, each on a scale that fits it: "+
		"rate differences in percentage points, wage differences in dollars, odds ratios and rate ratios on a log scale (shaded: 0.8–1.25, the four-fifths band). "+
		"Filled markers are flagged for review. Suppressed groups, comparisons without an estimate, and trend statistics are not drawn; the first two are counted under each panel.", 100*conf)
}
