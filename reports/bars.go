package reports

// Grouped bar charts, one per disparity (GroupChart): bars with whiskers,
// value labels and a key, styled for grey print.

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wioa-equity/wioa/analysis/results"
)

// barStyle is how one group's bars look.
type barStyle struct {
	fill      color.Color
	hatch     hatch
	hatchClr  color.Color
	outline   vg.Length
	reference bool
}

// referenceStyle marks the reference group: white with a heavy outline, so it
// reads as "the baseline" in colour and in grey print alike.
var referenceStyle = barStyle{fill: white, hatch: hatchNone, outline: vg.Points(2.25), reference: true}

// groupStyles are the comparison groups' styles in order; neighbouring
// entries differ in grey level and in pattern.
var groupStyles = []barStyle{
	{fill: okabeBlue, hatch: hatchNone, outline: vg.Points(0.75)},
	{fill: color.Gray{Y: 0xb4}, hatch: hatchSlash, hatchClr: black, outline: vg.Points(0.75)},
	{fill: color.Gray{Y: 0x50}, hatch: hatchNone, outline: vg.Points(0.75)},
	{fill: white, hatch: hatchCross, hatchClr: black, outline: vg.Points(0.75)},
	{fill: color.Gray{Y: 0x80}, hatch: hatchBackslash, hatchClr: white, outline: vg.Points(0.75)},
	{fill: color.Gray{Y: 0xe0}, hatch: hatchHorizontal, hatchClr: black, outline: vg.Points(0.75)},
	{fill: color.Gray{Y: 0x20}, hatch: hatchVertical, hatchClr: white, outline: vg.Points(0.75)},
}

// GroupChart draws one disparity's measures as grouped bars: one cluster per
// measure along the x axis (in row order) and, within it, one bar per group
// (in row order) with its confidence interval as a whisker and its value
// printed above ("62%", "$18.40"). The reference group (the row whose
// Reference is empty) has a white bar with a heavy outline and is labelled
// "(reference)" in the key; when there is a single measure a dashed line
// marks the reference value across the chart. Groups are told apart by grey
// level and hatching and by the key's text, never by colour alone.
//
// Rates (UnitRate, proportions 0..1) are shown in percent and dollars in
// dollars, both on an axis starting at 0; odds ratios on a log axis with bars
// drawn from 1. Suppressed rows are never drawn, and no label of a group that
// is suppressed everywhere appears; a note under the chart counts them. Rows
// with a non-finite Value are skipped the same way (without the note).
//
// All rows must share one Unit, otherwise GroupChart returns an error. When no
// row is left to draw it returns ErrNothingToPlot.
func GroupChart(title string, rows []results.Row) (*plot.Plot, error) {
	unit, err := commonUnit(title, rows)
	if err != nil {
		return nil, err
	}
	g := &groupBars{unit: unit}
	measureIdx := map[string]int{}
	groupIdx := map[string]int{}
	suppressed, notYet := 0, 0
	type cell struct {
		m, g int
		row  results.Row
	}
	var cells []cell
	var hidden []results.Row
	for _, r := range rows {
		// A comparison whose outcomes are mostly not in yet is not drawn:
		// its value would describe the few early results, not the cohort.
		if r.Status == results.StatusNotYetReported {
			notYet++
			hidden = append(hidden, r)
			continue
		}
		if r.Suppressed {
			suppressed++
			hidden = append(hidden, r)
			continue
		}
		if !finite(r.Value) {
			continue
		}
		if r.Unit == results.UnitOddsRatio && !(r.Value > 0) {
			continue
		}
		mi, ok := measureIdx[r.Measure]
		if !ok {
			mi = len(g.measures)
			measureIdx[r.Measure] = mi
			g.measures = append(g.measures, r.Measure)
		}
		gi, ok := groupIdx[r.Group]
		if !ok {
			gi = len(g.groups)
			groupIdx[r.Group] = gi
			g.groups = append(g.groups, r.Group)
			g.isRef = append(g.isRef, false)
		}
		if r.Reference == "" {
			g.isRef[gi] = true
		}
		cells = append(cells, cell{mi, gi, r})
	}
	if len(cells) == 0 {
		return nil, ErrNothingToPlot
	}
	g.bars = make([][]*bar, len(g.measures))
	g.missing = make([][]string, len(g.measures))
	for i := range g.bars {
		g.bars[i] = make([]*bar, len(g.groups))
		g.missing[i] = make([]string, len(g.groups))
	}
	for _, r := range hidden {
		// Only groups drawn elsewhere get a mark saying why their bar is
		// missing; a group hidden everywhere leaves no trace but the note.
		mi, ok1 := measureIdx[r.Measure]
		gi, ok2 := groupIdx[r.Group]
		if ok1 && ok2 {
			g.missing[mi][gi] = "suppressed"
			if r.Status == results.StatusNotYetReported {
				g.missing[mi][gi] = "not yet reported"
			}
		}
	}
	scale := unit.Scale()
	for _, c := range cells {
		if g.bars[c.m][c.g] != nil {
			continue // a repeated (measure, group) keeps its first row
		}
		b := &bar{value: c.row.Value * scale, low: math.NaN(), high: math.NaN()}
		if finite(c.row.CILow) && finite(c.row.CIHigh) && c.row.CILow <= c.row.CIHigh {
			b.low, b.high = c.row.CILow*scale, c.row.CIHigh*scale
			if unit == results.UnitOddsRatio && !(b.low > 0) {
				b.low, b.high = math.NaN(), math.NaN()
			}
		}
		b.label = formatValue(unit, c.row.Value)
		g.bars[c.m][c.g] = b
	}
	// Each cluster holds only the groups measured in it (utilization by
	// sex, by education, … share a chart but not their groups).
	g.slots = make([][]int, len(g.measures))
	for i := range g.measures {
		for j := range g.groups {
			if g.bars[i][j] != nil || g.missing[i][j] != "" {
				g.slots[i] = append(g.slots[i], j)
			}
		}
		g.maxSlots = max(g.maxSlots, len(g.slots[i]))
	}
	g.styles = make([]barStyle, len(g.groups))
	k := 0
	for i := range g.groups {
		if g.isRef[i] {
			g.styles[i] = referenceStyle
			continue
		}
		g.styles[i] = groupStyles[k%len(groupStyles)]
		k++
	}
	if len(g.measures) == 1 && unit != results.UnitOddsRatio {
		for i, ref := range g.isRef {
			if ref && g.bars[0][i] != nil {
				g.refLine = g.bars[0][i].value
				g.hasRefLine = true
			}
		}
	}

	p := newPlot(title)
	g.valueStyle = textStyle(sans, valueSize)
	g.valueStyle.XAlign = draw.XCenter
	g.legendStyle = textStyle(sans, legendSize)
	g.legendStyle.YAlign = draw.YCenter
	g.layoutLegend()

	// X axis: measure names under their clusters; no tick marks.
	p.X.Min, p.X.Max = -0.5, float64(len(g.measures))-0.5
	ticks := make(plot.ConstantTicks, len(g.measures))
	shared := g.sharedReference()
	for i, m := range g.measures {
		label := wrap(humanize(m), 22)
		if len(g.measures) == 1 && strings.EqualFold(humanize(m), strings.TrimSpace(title)) {
			label = "" // the title already names the one measure
		}
		if ref := g.referenceOf(i); shared && ref != "" {
			label += "\n" + wrap("vs "+ref, 26)
		}
		ticks[i] = plot.Tick{Value: float64(i), Label: label}
	}
	p.X.Tick.Marker = ticks
	hideTickMarks(&p.X)
	if suppressed > 0 || notYet > 0 {
		p.X.Label.Text = hiddenNote(suppressed, notYet)
		p.X.Label.TextStyle.Font = font.From(sans, valueSize)
	}

	// Y axis: from 0 (or 1 for odds ratios) to a round number above every
	// interval, with room for the value labels.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ms := range g.bars {
		for _, b := range ms {
			if b == nil {
				continue
			}
			lo, hi = math.Min(lo, b.value), math.Max(hi, b.value)
			if finite(b.low) {
				lo, hi = math.Min(lo, b.low), math.Max(hi, b.high)
			}
		}
	}
	if unit == results.UnitOddsRatio {
		g.base = 1
		p.Y.Scale = plot.LogScale{}
		p.Y.Min, p.Y.Max = ratioRange(lo, hi)
		p.Y.Tick.Marker = ratioTicks{}
	} else {
		ymin := math.Min(0, lo)
		step := niceStep(hi-ymin, 5)
		p.Y.Min = math.Floor(ymin/step) * step
		p.Y.Max = math.Ceil(hi*1.04/step) * step
		if unit == results.UnitRate && hi <= 100 {
			// Room for labels above 100% comes from GlyphBoxes, not from a 120% tick.
			p.Y.Max = math.Min(p.Y.Max, 100)
		}
		if p.Y.Max <= p.Y.Min {
			p.Y.Max = p.Y.Min + step
		}
		p.Y.Tick.Marker = linearTicks{step: step, dollars: unit == results.UnitDollars}
	}
	p.Y.Label.Text = valueAxisLabel(unit, g.measures)

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = gridGrey
	grid.Horizontal.Width = vg.Points(0.75)
	p.Add(grid, g)
	return p, nil
}

// bar is one group's estimate for one measure, in display units.
type bar struct {
	value, low, high float64
	label            string
}

// groupBars is the plot.Plotter behind GroupChart.
type groupBars struct {
	unit       results.Unit
	measures   []string
	groups     []string
	isRef      []bool
	styles     []barStyle
	bars       [][]*bar   // [measure][group]; nil when absent, suppressed or not yet reported
	missing    [][]string // [measure][group]: why a group shown elsewhere has no bar here
	slots      [][]int    // [measure] → groups with a bar or a mark saying why not, in order
	maxSlots   int
	base       float64 // bars grow from here: 0, or 1 for odds ratios
	refLine    float64
	hasRefLine bool

	valueStyle  text.Style
	legendStyle text.Style
	legend      []legendItem
	legendH     vg.Length // whole key
	legendLineH vg.Length // one line of it
}

type legendItem struct {
	label string
	style barStyle
	x, y  vg.Length // offset of the swatch's lower-left corner from the legend's top-left
}

const (
	swatchW       = 22
	swatchH       = 14
	legendGap     = 18 // between entries
	legendMaxW    = 6.2 * 72
	valueLabelGap = 3
)

// layoutLegend places the key's entries left to right, wrapping to a new line
// before legendMaxW, so it sits above the bars instead of covering them.
func (g *groupBars) layoutLegend() {
	sty := g.legendStyle
	lineH := vg.Length(math.Max(float64(sty.Height("Mg")), swatchH)) + 6
	var x vg.Length
	line := 0
	// Several reference groups (one per measure) share one entry: their
	// bars look alike, and each cluster's label names its own.
	shared := g.sharedReference()
	refShown := false
	for i, name := range g.groups {
		if !g.present(i) {
			continue
		}
		label := name
		if g.isRef[i] {
			label += " (reference)"
			if shared {
				if refShown {
					continue
				}
				label, refShown = "Reference group (named under each measure)", true
			}
		}
		w := swatchW + 6 + sty.Width(label)
		if x > 0 && x+w > legendMaxW {
			x = 0
			line++
		}
		g.legend = append(g.legend, legendItem{label: label, style: g.styles[i], x: x, y: -vg.Length(line+1) * lineH})
		x += w + legendGap
	}
	g.legendH = vg.Length(line+1) * lineH
	g.legendLineH = lineH
}

// sharedReference reports whether more than one group drawn is a
// reference group.
func (g *groupBars) sharedReference() bool {
	n := 0
	for i := range g.groups {
		if g.isRef[i] && g.present(i) {
			n++
		}
	}
	return n > 1
}

// referenceOf names the reference group drawn in cluster i ("" for none).
func (g *groupBars) referenceOf(i int) string {
	for _, j := range g.slots[i] {
		if g.isRef[j] && g.bars[i][j] != nil {
			return g.groups[j]
		}
	}
	return ""
}

// slot returns the centre and width of the s-th bar of cluster i, in data
// units. Bars are equally wide in every cluster.
func (g *groupBars) slot(i, s int) (x, w float64) {
	// Two groups at 0.4 each make slabs; 0.3 keeps bars bar-shaped.
	w = math.Min(0.8/float64(g.maxSlots), 0.3)
	n := float64(len(g.slots[i]))
	return float64(i) - w*n/2 + w*(float64(s)+0.5), w
}

// Plot implements plot.Plotter.
func (g *groupBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ybase := trY(g.base)
	for i := range g.slots {
		for s, j := range g.slots[i] {
			b := g.bars[i][j]
			if b == nil {
				continue
			}
			xc, w := g.slot(i, s)
			// Leave a little air between neighbouring bars.
			x0, x1 := trX(xc-w/2), trX(xc+w/2)
			gap := (x1 - x0) * 0.08
			rect := vg.Rectangle{
				Min: vg.Point{X: x0 + gap, Y: min(ybase, trY(b.value))},
				Max: vg.Point{X: x1 - gap, Y: max(ybase, trY(b.value))},
			}
			drawBar(c, rect, g.styles[j])
		}
	}
	if g.hasRefLine {
		y := trY(g.refLine)
		c.StrokeLine2(draw.LineStyle{Color: darkGrey, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(4)}},
			c.Min.X, y, c.Max.X, y)
	}
	if g.base == 1 {
		y := trY(1)
		c.StrokeLine2(draw.LineStyle{Color: black, Width: vg.Points(1)}, c.Min.X, y, c.Max.X, y)
	}
	// Whiskers and labels last, so no bar covers them.
	for i := range g.slots {
		for s, j := range g.slots[i] {
			b := g.bars[i][j]
			if b == nil {
				continue
			}
			xc, w := g.slot(i, s)
			x := trX(xc)
			if finite(b.low) {
				capW := min((trX(xc+w/2)-trX(xc-w/2))*0.25, vg.Points(7))
				drawWhisker(c, x, trY(b.low), trY(b.high), capW)
			}
			sty := g.valueStyle
			// 6 points: the label's white box and a hair of air.
			if room := trX(xc+w/2) - trX(xc-w/2) - 6; sty.Width(b.label) > room {
				// Crowded: shrink the label to its bar rather than overlap a neighbour.
				size := sty.Font.Size * room / sty.Width(b.label)
				sty.Font.Size = max(size, vg.Points(7))
			}
			v, below := g.labelAt(b)
			r := labelRect(sty, b.label, below).Add(vg.Point{X: x, Y: trY(v)})
			// A white box keeps the label legible over grid and reference lines.
			c.FillPolygon(white, rectPoints(r))
			c.FillText(sty, vg.Point{X: x, Y: r.Min.Y + 1}, b.label)
		}
	}
	for i := range g.slots {
		for s, j := range g.slots[i] {
			if g.bars[i][j] != nil {
				continue
			}
			// The group is shown elsewhere: say why this bar is missing.
			xc, _ := g.slot(i, s)
			sty := textStyle(sans, valueSize-1)
			sty.Color = darkGrey
			sty.Rotation = math.Pi / 2
			sty.YAlign = draw.YCenter
			c.FillText(sty, vg.Point{X: trX(xc), Y: trY(g.base) + 4}, g.missing[i][j])
		}
	}
	g.drawLegend(c)
}

// present reports whether group j has a bar for some measure.
func (g *groupBars) present(j int) bool {
	for _, ms := range g.bars {
		if ms[j] != nil {
			return true
		}
	}
	return false
}

// labelAt returns where b's value label goes: above the bar and its interval,
// or below them for a bar hanging down from the base (odds ratios below 1).
func (g *groupBars) labelAt(b *bar) (v float64, below bool) {
	if b.value < g.base {
		v = b.value
		if finite(b.low) {
			v = math.Min(v, b.low)
		}
		return v, true
	}
	v = b.value
	if finite(b.high) {
		v = math.Max(v, b.high)
	}
	return v, false
}

// labelRect is the box of a value label relative to its anchor point.
func labelRect(sty text.Style, label string, below bool) vg.Rectangle {
	w := sty.Width(label) + 4
	h := sty.Height(label) + 1
	if below {
		return vg.Rectangle{Min: vg.Point{X: -w / 2, Y: -valueLabelGap - h}, Max: vg.Point{X: w / 2, Y: -valueLabelGap}}
	}
	return vg.Rectangle{Min: vg.Point{X: -w / 2, Y: valueLabelGap}, Max: vg.Point{X: w / 2, Y: valueLabelGap + h}}
}

// drawLegend draws the key above the data area, in the room GlyphBoxes asked
// for between the title and the tallest value label.
func (g *groupBars) drawLegend(c draw.Canvas) {
	top := c.Max.Y + g.legendTop()
	for _, it := range g.legend {
		y := top + it.y
		x := c.Min.X + it.x
		rect := vg.Rectangle{
			Min: vg.Point{X: x, Y: y + (g.legendLineH-swatchH)/2},
		}
		rect.Max = vg.Point{X: rect.Min.X + swatchW, Y: rect.Min.Y + swatchH}
		drawBar(c, rect, it.style)
		c.FillText(g.legendStyle, vg.Point{X: rect.Max.X + 6, Y: (rect.Min.Y + rect.Max.Y) / 2}, it.label)
	}
}

// legendTop is the height of the key's top edge above the data area: above
// any value label printed at the very top of the axis.
func (g *groupBars) legendTop() vg.Length {
	return valueLabelGap + g.valueStyle.Height("0") + 10 + g.legendH
}

// GlyphBoxes implements plot.GlyphBoxer: it reserves room for the key above
// the data area and for value labels above the bars.
func (g *groupBars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	// A right margin, so the last bar does not end at the picture's edge.
	boxes := []plot.GlyphBox{{X: 1, Y: 0, Rectangle: vg.Rectangle{Max: vg.Point{X: vg.Points(12)}}}}
	if len(g.legend) > 0 {
		var w vg.Length
		for _, it := range g.legend {
			w = max(w, it.x+swatchW+6+g.legendStyle.Width(it.label))
		}
		top := g.legendTop()
		boxes = append(boxes, plot.GlyphBox{X: 0, Y: 1, Rectangle: vg.Rectangle{
			Min: vg.Point{X: 0, Y: top - g.legendH},
			Max: vg.Point{X: 0, Y: top},
		}})
	}
	for i := range g.slots {
		for s, j := range g.slots[i] {
			b := g.bars[i][j]
			if b == nil {
				continue
			}
			xc, _ := g.slot(i, s)
			v, below := g.labelAt(b)
			boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(xc), Y: p.Y.Norm(v), Rectangle: labelRect(g.valueStyle, b.label, below)})
		}
	}
	return boxes
}

// drawBar fills rect with sty's colour and hatching and outlines it.
func drawBar(c draw.Canvas, rect vg.Rectangle, sty barStyle) {
	if rect.Max.Y-rect.Min.Y < 0.01 {
		rect.Max.Y = rect.Min.Y + 0.01
	}
	c.FillPolygon(sty.fill, rectPoints(rect))
	if sty.hatch != hatchNone {
		ls := draw.LineStyle{Color: sty.hatchClr, Width: vg.Points(0.9)}
		for _, seg := range hatchLines(rect, sty.hatch, vg.Points(5)) {
			c.StrokeLines(ls, seg)
		}
	}
	pts := rectPoints(rect)
	pts = append(pts, pts[0])
	c.StrokeLines(draw.LineStyle{Color: black, Width: sty.outline}, pts)
}

// drawWhisker draws a vertical interval from y0 to y1 at x with caps, over a
// white halo so it stays visible on dark and hatched bars.
func drawWhisker(c draw.Canvas, x, y0, y1, capW vg.Length) {
	for _, ls := range []draw.LineStyle{
		{Color: white, Width: vg.Points(3.25)},
		{Color: black, Width: vg.Points(1.75)},
	} {
		c.StrokeLine2(ls, x, y0, x, y1)
		c.StrokeLine2(ls, x-capW, y0, x+capW, y0)
		c.StrokeLine2(ls, x-capW, y1, x+capW, y1)
	}
}

// GroupChartSize suggests a width and height for a GroupChart drawn from n
// rows: wider with more bars, always 5.5 inches tall, between 8 and 13
// inches wide.
func GroupChartSize(n int) (width, height vg.Length) {
	n = max(n, 0)
	w := math.Min(math.Max(3+0.45*float64(n), 8), 13)
	return vg.Length(w) * vg.Inch, 5.5 * vg.Inch
}

// commonUnit returns the Unit every row shares.
func commonUnit(title string, rows []results.Row) (results.Unit, error) {
	if len(rows) == 0 {
		return 0, ErrNothingToPlot
	}
	u := rows[0].Unit
	for _, r := range rows[1:] {
		if r.Unit != u {
			return 0, fmt.Errorf("reports: chart %q: rows mix units (%s · %s is %s, %s · %s is %s); draw one unit per chart",
				title, rows[0].Measure, rows[0].Group, u.String(), r.Measure, r.Group, r.Unit.String())
		}
	}
	return u, nil
}

// formatValue formats a group's estimate for a label above its bar. Rates
// get no decimal ("62%") to keep labels as narrow as bars; the tables carry
// the decimals.
func formatValue(u results.Unit, v float64) string {
	switch u {
	case results.UnitRate:
		return results.FormatFixed(v*100, 0) + "%"
	case results.UnitDollars:
		return u.Format(v) // "$18.40", "$7,850"
	case results.UnitPer1000, results.UnitPerSqMi:
		return results.FormatFixed(v, 1)
	case results.UnitOddsRatio:
		return results.FormatFixed(v, 2)
	}
	return thousands(results.FormatFixed(v, -1))
}

func suppressedNote(k int) string {
	if k == 1 {
		return "Not shown: 1 value suppressed (group below minimum cell size)"
	}
	return fmt.Sprintf("Not shown: %d values suppressed (groups below minimum cell size)", k)
}

// hiddenNote says what the chart leaves out: suppressed values (too few
// people) and, apart from them, values whose outcomes are not in yet.
func hiddenNote(suppressed, notYet int) string {
	ny := func() string {
		if notYet == 1 {
			return "1 value not yet reported (most outcomes not in yet)"
		}
		return fmt.Sprintf("%d values not yet reported (most outcomes not in yet)", notYet)
	}
	switch {
	case notYet == 0:
		return suppressedNote(suppressed)
	case suppressed == 0:
		return "Not shown: " + ny()
	}
	return strings.TrimSuffix(suppressedNote(suppressed), ")") + "); " + ny()
}
