package reports

// Plots for the report (METHODS §6): one grouped bar chart per disparity and
// one forest plot of all gaps, drawn with gonum/plot so PNG and SVG come from
// the same code. Everything here must read in black-and-white print, so each
// group differs by grey level and hatching as well as by its text label, and
// the one accent colour (Okabe–Ito blue/vermillion) is never the only signal.
// Output is deterministic: embedded Liberation fonts, no time, no randomness.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	kzlib "github.com/klauspost/compress/zlib"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/wioa-equity/wioa/analysis/results"
)

// ErrNothingToPlot is returned when no row is left to draw once suppressed
// rows and rows without an estimate are removed.
var ErrNothingToPlot = errors.New("reports: nothing to plot (no unsuppressed row with an estimate)")

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

// PNGDPI is the resolution SavePlot renders PNG files at.
const PNGDPI = 150

// Type sizes in points: large enough to read on a projected slide.
const (
	titleSize  = 16
	labelSize  = 13
	tickSize   = 12
	valueSize  = 11
	legendSize = 12
)

var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}

	black     = color.Gray{Y: 0}
	darkGrey  = color.Gray{Y: 0x40}
	lightGrey = color.Gray{Y: 0xd0}
	white     = color.Gray{Y: 0xff}
	gridGrey  = color.Gray{Y: 0xe4}
	zebraGrey = color.Gray{Y: 0xf2}
	bandBlue  = color.RGBA{R: 0xd6, G: 0xe8, B: 0xf5, A: 0xff} // light tint of Okabe–Ito blue
	okabeBlue = color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xff}
	okabeVerm = color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xff}
)

// hatch is a fill pattern drawn over a bar's base colour.
type hatch uint8

const (
	hatchNone hatch = iota
	hatchSlash
	hatchBackslash
	hatchCross
	hatchHorizontal
	hatchVertical
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

func textStyle(f font.Font, size vg.Length) text.Style {
	return text.Style{
		Color:   black,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a plot with the report's fonts and sizes.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = wrap(title, 70)
	p.Title.TextStyle.Font = font.From(sansBold, titleSize)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Label.Padding = vg.Points(6)
		a.Padding = 0
		a.LineStyle.Width = vg.Points(1)
	}
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	return p
}

// hideTickMarks keeps the gap tick marks leave between labels and axis but
// does not draw them: category axes need no marks.
func hideTickMarks(a *plot.Axis) {
	a.Tick.LineStyle.Color = color.Transparent
	a.Tick.Length = vg.Points(5)
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
	suppressed := 0
	type cell struct {
		m, g int
		row  results.Row
	}
	var cells []cell
	var hidden []results.Row
	for _, r := range rows {
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
	supp := make([][]bool, len(g.measures))
	for i := range g.bars {
		g.bars[i] = make([]*bar, len(g.groups))
		supp[i] = make([]bool, len(g.groups))
	}
	for _, r := range hidden {
		// Only groups drawn elsewhere get a "suppressed" mark; a group
		// suppressed everywhere leaves no trace but the note.
		mi, ok1 := measureIdx[r.Measure]
		gi, ok2 := groupIdx[r.Group]
		if ok1 && ok2 {
			supp[mi][gi] = true
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
			if g.bars[i][j] != nil || supp[i][j] {
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
	for i, m := range g.measures {
		ticks[i] = plot.Tick{Value: float64(i), Label: wrap(humanize(m), 22)}
	}
	p.X.Tick.Marker = ticks
	hideTickMarks(&p.X)
	if suppressed > 0 {
		p.X.Label.Text = suppressedNote(suppressed)
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
		p.Y.Tick.Marker = linearTicks{step: step}
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
	bars       [][]*bar // [measure][group]; nil when absent or suppressed
	slots      [][]int  // [measure] → groups with a bar or a "suppressed" mark, in order
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
	for i, name := range g.groups {
		if !g.present(i) {
			continue
		}
		label := name
		if g.isRef[i] {
			label += " (reference)"
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
			c.FillText(sty, vg.Point{X: trX(xc), Y: trY(g.base) + 4}, "suppressed")
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

func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// hatchLines returns the hatch segments of pattern h inside r, spacing s
// apart. Lines are anchored to absolute coordinates so neighbouring bars'
// patterns line up.
func hatchLines(r vg.Rectangle, h hatch, s vg.Length) [][]vg.Point {
	var dirs [][2]float64
	switch h {
	case hatchSlash:
		dirs = [][2]float64{{1, 1}}
	case hatchBackslash:
		dirs = [][2]float64{{1, -1}}
	case hatchCross:
		dirs = [][2]float64{{1, 1}, {1, -1}}
	case hatchHorizontal:
		dirs = [][2]float64{{1, 0}}
	case hatchVertical:
		dirs = [][2]float64{{0, 1}}
	}
	var segs [][]vg.Point
	for _, d := range dirs {
		// Lines {p : n·p = k·s'} with n the unit normal of d.
		nx, ny := -d[1], d[0]
		norm := math.Hypot(nx, ny)
		nx, ny = nx/norm, ny/norm
		step := float64(s)
		corners := rectPoints(r)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range corners {
			v := nx*float64(p.X) + ny*float64(p.Y)
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		for k := math.Ceil(lo / step); k*step <= hi; k++ {
			if seg, ok := clipLine(r, nx, ny, k*step); ok {
				segs = append(segs, seg)
			}
		}
	}
	return segs
}

// clipLine returns the part of the line nx·x + ny·y = v inside r.
func clipLine(r vg.Rectangle, nx, ny, v float64) ([]vg.Point, bool) {
	x0, y0, x1, y1 := float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
	var pts []vg.Point
	add := func(x, y float64) {
		const eps = 1e-9
		if x < x0-eps || x > x1+eps || y < y0-eps || y > y1+eps {
			return
		}
		for _, q := range pts {
			if math.Abs(float64(q.X)-x) < 1e-6 && math.Abs(float64(q.Y)-y) < 1e-6 {
				return
			}
		}
		pts = append(pts, vg.Point{X: vg.Length(x), Y: vg.Length(y)})
	}
	if ny != 0 {
		add(x0, (v-nx*x0)/ny)
		add(x1, (v-nx*x1)/ny)
	}
	if nx != 0 {
		add((v-ny*y0)/nx, y0)
		add((v-ny*y1)/nx, y1)
	}
	if len(pts) < 2 {
		return nil, false
	}
	return pts[:2], true
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

// ForestPlot draws every comparison row (Reference set, not suppressed) as a
// point estimate with its confidence interval, one row per line in row order,
// labelled "group vs reference" over "disparity · measure".
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
	if kind != ForestDiff && kind != ForestRatio {
		return nil, fmt.Errorf("reports: forest plot %q: unknown kind %d", title, kind)
	}
	f := &forest{kind: kind}
	suppressed, skipped := 0, 0
	var unit results.Unit
	haveUnit := false
	for _, r := range rows {
		if r.Reference == "" {
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
				return nil, fmt.Errorf("reports: forest plot %q: row %s · %s · %s has unit %s, earlier rows %s; plot differences of one unit at a time",
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
		e.label = wrap(r.Group+" vs "+r.Reference, 60) + "\n" + wrap(r.Disparity+" · "+humanize(r.Measure), 60)
		e.text = formatForest(kind, unit, e)
		f.rows = append(f.rows, e)
	}
	if len(f.rows) == 0 {
		return nil, ErrNothingToPlot
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
		p.X.Tick.Marker = linearTicks{step: step, signed: true}
		xlabel = unit.DiffAxisLabel()
	case ForestRatio:
		p.X.Scale = plot.LogScale{}
		p.X.Min, p.X.Max = ratioRange(math.Min(lo, 0.8), math.Max(hi, 1.25))
		p.X.Tick.Marker = ratioTicks{}
		xlabel = "Ratio to reference group (log scale; shaded: 0.8–1.25, four-fifths rule)"
	}
	xlabel += "\n● flagged for review    ○ not flagged"
	if note := forestNote(suppressed, skipped); note != "" {
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
	return p, nil
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
}

type forestMarks struct{ f *forest }

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

// GroupChartSize suggests a width and height for a GroupChart drawn from n
// rows: wider with more bars, always 5.5 inches tall, between 8 and 13
// inches wide.
func GroupChartSize(n int) (width, height vg.Length) {
	n = max(n, 0)
	w := math.Min(math.Max(3+0.45*float64(n), 8), 13)
	return vg.Length(w) * vg.Inch, 5.5 * vg.Inch
}

// SavePlot writes p to dir/base.png (at PNGDPI) and dir/base.svg, both
// width×height, creating dir if needed. Fonts are not embedded in the SVG;
// viewers substitute a sans-serif face.
func SavePlot(p *plot.Plot, width, height vg.Length, dir, base string) error {
	if p == nil {
		return errors.New("reports: SavePlot: nil plot")
	}
	if !(width > 0) || !(height > 0) || math.IsInf(float64(width), 0) || math.IsInf(float64(height), 0) {
		return fmt.Errorf("reports: SavePlot %s: size %v×%v must be positive", base, width, height)
	}
	if base == "" || strings.ContainsAny(base, `/\`) {
		return fmt.Errorf("reports: SavePlot: invalid file base name %q", base)
	}
	if err := mkdirOne(dir); err != nil {
		return fmt.Errorf("reports: SavePlot: %w", err)
	}
	if err := writeFile(filepath.Join(dir, base+".png"), pngCanvas(p, width, height, PNGDPI)); err != nil {
		return err
	}
	svg := vgsvg.New(width, height)
	p.Draw(draw.New(&svgCanvas{Canvas: svg}))
	return writeFile(filepath.Join(dir, base+".svg"), svg)
}

// svgCanvas drops the strokes, fills and text drawn in a fully transparent
// colour (the hidden tick marks, color.Transparent): vgsvg divides each
// component by alpha and wrote NaN as "#-8000000000000000…", an invalid
// colour. They are invisible, so the drawing is unchanged; PNGs are drawn
// on vgimg directly and do not pass through here.
type svgCanvas struct {
	*vgsvg.Canvas
	clear bool   // the current colour has alpha 0
	stack []bool // clear, saved by Push
}

func (c *svgCanvas) SetColor(clr color.Color) {
	c.clear = false
	if clr != nil { // nil is black to vgsvg
		_, _, _, a := clr.RGBA()
		c.clear = a == 0
	}
	c.Canvas.SetColor(clr)
}

func (c *svgCanvas) Push() {
	c.stack = append(c.stack, c.clear)
	c.Canvas.Push()
}

func (c *svgCanvas) Pop() {
	if n := len(c.stack); n > 0 {
		c.clear, c.stack = c.stack[n-1], c.stack[:n-1]
	}
	c.Canvas.Pop()
}

func (c *svgCanvas) Stroke(p vg.Path) {
	if !c.clear {
		c.Canvas.Stroke(p)
	}
}

func (c *svgCanvas) Fill(p vg.Path) {
	if !c.clear {
		c.Canvas.Fill(p)
	}
}

func (c *svgCanvas) FillString(f font.Face, pt vg.Point, text string) {
	if !c.clear {
		c.Canvas.FillString(f, pt, text)
	}
}

// pngCanvas draws p on a width×height PNG canvas at dpi.
func pngCanvas(p *plot.Plot, width, height vg.Length, dpi int) fastPNG {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	p.Draw(draw.New(c))
	return fastPNG{c}
}

// fastPNG writes a canvas as PNG, faster than vgimg.PngCanvas (png.Encode
// at the default level), which was most of a large report's output time.
// The charts are opaque RGBA images; those are written by writeOpaquePNG,
// anything else by image/png at flate's best speed. Either way the decoded
// pixels are the canvas's, and the bytes are the same on every run.
type fastPNG struct{ c *vgimg.Canvas }

var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers{}}

// pngBuffers reuses the encoder's row buffers and deflate state across
// charts (png.EncoderBufferPool; safe for concurrent use).
type pngBuffers struct{ p sync.Pool }

func (b *pngBuffers) Get() *png.EncoderBuffer {
	e, _ := b.p.Get().(*png.EncoderBuffer)
	return e
}

func (b *pngBuffers) Put(e *png.EncoderBuffer) { b.p.Put(e) }

// WriteTo implements io.WriterTo.
func (f fastPNG) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	b := bufio.NewWriterSize(cw, 64<<10)
	var err error
	if m, ok := f.c.Image().(*image.RGBA); ok && m.Opaque() {
		err = writeOpaquePNG(b, m)
	} else {
		err = pngEncoder.Encode(b, f.c.Image())
	}
	if err != nil {
		return cw.n, err
	}
	err = b.Flush()
	return cw.n, err
}

// writeOpaquePNG writes m, whose pixels all have alpha 255, as an 8-bit RGB
// PNG (ISO/IEC 15948): every row with the Up filter (the byte above
// subtracted; a chart's rows repeat, so they become runs of zeros) and one
// IDAT chunk deflated at the best speed. image/png tries five filters on
// every row and picks one, which cost more than the deflating.
func writeOpaquePNG(w io.Writer, m *image.RGBA) error {
	b := m.Bounds()
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 || width > 1<<24 || height > 1<<24 {
		return pngEncoder.Encode(w, m)
	}
	var idat bytes.Buffer
	z, err := kzlib.NewWriterLevel(&idat, kzlib.BestSpeed)
	if err != nil {
		return err
	}
	row := make([]byte, 1+3*width) // filter byte, then RGB
	prev := make([]byte, 3*width)
	cur := make([]byte, 3*width)
	row[0] = 2 // Up
	for y := b.Min.Y; y < b.Max.Y; y++ {
		px := m.Pix[m.PixOffset(b.Min.X, y):][:4*width]
		for x := range width {
			cur[3*x], cur[3*x+1], cur[3*x+2] = px[4*x], px[4*x+1], px[4*x+2]
		}
		out := row[1:]
		for i, c := range cur {
			out[i] = c - prev[i]
		}
		if _, err := z.Write(row); err != nil {
			return err
		}
		prev, cur = cur, prev
	}
	if err := z.Close(); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour; compression, filter, interlace 0
	if _, err := io.WriteString(w, "\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr[:]}, {"IDAT", idat.Bytes()}, {"IEND", nil}} {
		if err := writeChunk(w, c.typ, c.data); err != nil {
			return err
		}
	}
	return nil
}

// writeChunk writes one PNG chunk: length, type, data, CRC of type and data.
func writeChunk(w io.Writer, typ string, data []byte) error {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	for _, p := range [][]byte{head[:], data, tail[:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func writeFile(path string, c io.WriterTo) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	if _, err := c.WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("reports: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("reports: writing %s: %w", path, err)
	}
	return nil
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

// thousands inserts commas into the integer part of a formatted number.
func thousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "−", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 || strings.ContainsAny(intPart, "eEn") {
		return sign + s
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

func valueAxisLabel(u results.Unit, measures []string) string {
	name := ""
	if len(measures) == 1 {
		name = humanize(measures[0])
	}
	return wrap(u.AxisLabel(name), 40)
}

func suppressedNote(k int) string {
	if k == 1 {
		return "Not shown: 1 value suppressed (group below minimum cell size)"
	}
	return fmt.Sprintf("Not shown: %d values suppressed (groups below minimum cell size)", k)
}

func forestNote(suppressed, skipped int) string {
	var parts []string
	if suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed (group below minimum cell size)", suppressed))
	}
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d without an estimate", skipped))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Not shown: " + strings.Join(parts, "; ")
}

// humanize turns a measure id such as "credential-attainment" into
// "Credential attainment"; ids that already contain spaces are kept.
func humanize(s string) string {
	if !strings.Contains(s, " ") {
		s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	}
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// wrap breaks s into lines of at most width runes at spaces; a longer word
// stays whole on its own line.
func wrap(s string, width int) string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var line []rune
		for _, w := range strings.Fields(para) {
			wr := []rune(w)
			if len(line) > 0 && len(line)+1+len(wr) > width {
				lines = append(lines, string(line))
				line = nil
			}
			if len(line) > 0 {
				line = append(line, ' ')
			}
			line = append(line, wr...)
		}
		lines = append(lines, string(line))
	}
	return strings.Join(lines, "\n")
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// niceStep returns a tick step of 1, 2, 2.5 or 5 × 10^k giving about n
// intervals over span.
func niceStep(span float64, n int) float64 {
	if !(span > 0) || !finite(span) {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

// linearTicks marks every multiple of step, labelled with thousands
// separators (and a sign when signed).
type linearTicks struct {
	step   float64
	signed bool
}

// Ticks implements plot.Ticker.
func (t linearTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(t.step > 0) || !finite(lo) || !finite(hi) || (hi-lo)/t.step > 1000 {
		return nil
	}
	prec := 0
	if t.step < 1 {
		prec = int(math.Ceil(-math.Log10(t.step) - 1e-9))
		if math.Abs(t.step*math.Pow10(prec)-math.Round(t.step*math.Pow10(prec))) > 1e-9 {
			prec++
		}
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo/t.step - 1e-9); k*t.step <= hi+t.step*1e-9; k++ {
		v := k * t.step
		if math.Abs(v) < t.step*1e-9 {
			v = 0
		}
		label := thousands(strconv.FormatFloat(math.Abs(v), 'f', prec, 64))
		switch {
		case v < 0:
			label = "−" + label
		case v > 0 && t.signed:
			label = "+" + label
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// ratioRange returns a log-axis range covering [lo, hi] and 1, padded so
// markers and caps are not drawn on the frame.
func ratioRange(lo, hi float64) (float64, float64) {
	if !(lo > 0) || !finite(lo) {
		lo = 1
	}
	if !(hi > 0) || !finite(hi) {
		hi = 1
	}
	lo, hi = math.Min(lo, 1), math.Max(hi, 1)
	pad := math.Max(math.Log(hi/lo)*0.08, 0.05)
	return lo * math.Exp(-pad), hi * math.Exp(pad)
}

// ratioTicks labels readable ratios (…, 0.5, 0.8, 1, 1.25, 2, …) on a log axis.
type ratioTicks struct{}

// Ticks implements plot.Ticker.
func (ratioTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) || !finite(hi) {
		return nil
	}
	var ticks []plot.Tick
	var mantissas []float64
	if hi/lo < 8 {
		mantissas = []float64{1, 1.25, 1.5, 2, 3, 4, 5, 6, 8}
	} else {
		mantissas = []float64{1, 2, 5}
	}
	for e := math.Floor(math.Log10(lo)) - 1; e <= math.Ceil(math.Log10(hi)); e++ {
		for _, m := range mantissas {
			v := m * math.Pow(10, e)
			if v < lo || v > hi {
				continue
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 3, 64)})
		}
	}
	return ticks
}
