package reports

// The participation map (issue 7): a choropleth of participants per 1,000
// residents in poverty by tract. Like the charts it must read in grey print:
// the classes are a single-hue ramp of increasing darkness, suppressed tracts
// are grey with hatching, high-poverty tracts have a heavy outline, and the
// legend names each.

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/paulmach/orb"

	"github.com/wioa-equity/wioa/analysis/geo"
)

// MapTract is one tract's numbers for ParticipationMap.
type MapTract struct {
	GEOID uint64
	// Participants may be fractional (expected counts from a ZIP–tract
	// allocation).
	Participants float64
	// Below is the number of residents in poverty; NaN or 0 means no rate.
	Below float64
	// HighPoverty marks tracts at or above the poverty threshold.
	HighPoverty bool
	// Suppressed marks tracts whose count is too small to publish (the
	// computation decides; the map only draws them grey and hatched).
	Suppressed bool
}

// mapClasses is a 5-class single-hue ramp (ColorBrewer Blues, without its
// palest step so that the lowest class is not mistaken for the white "no
// rate" tracts), light to dark, so that classes stay ordered in grey print.
var mapClasses = []color.Color{
	color.RGBA{0xc6, 0xdb, 0xef, 0xff},
	color.RGBA{0x9e, 0xca, 0xe1, 0xff},
	color.RGBA{0x6b, 0xae, 0xd6, 0xff},
	color.RGBA{0x31, 0x82, 0xbd, 0xff},
	color.RGBA{0x08, 0x51, 0x9c, 0xff},
}

var (
	suppressedGrey = color.Gray{Y: 0xc8}
	noDataFill     = white
	tractLine      = color.Gray{Y: 0x90}
)

// ParticipationMap draws participants per 1,000 residents in poverty for
// every tract of b. A tract's rate is 1000·Participants/Below. Suppressed
// tracts (fewer than minCell participants, as the caller decided) are drawn
// grey and hatched, their rate never used (not even for the class breaks);
// minCell names the rule in the legend. Tracts with no
// entry in ts, or no residents in poverty, are white ("no rate"). The other
// tracts are shaded in up to five classes whose breaks are the quintiles of
// the unsuppressed rates, rounded to two significant digits. High-poverty
// tracts (threshold is the poverty rate, for the legend) have a heavy
// vermillion outline over the thin grey tract lines.
//
// The map uses an equirectangular projection with longitude scaled by the
// cosine of the middle latitude, so shapes are true at the region's scale.
func ParticipationMap(title string, b *geo.Boundaries, ts []MapTract, minCell int, threshold float64) (*plot.Plot, error) {
	if b == nil || len(b.Tracts) == 0 {
		return nil, errors.New("reports: participation map: no tract boundaries")
	}
	m := &choropleth{b: b, minCell: minCell, threshold: threshold, class: make([]int, len(b.Tracts)), high: make([]bool, len(b.Tracts))}
	for i := range m.class {
		m.class[i] = classNoData
	}
	byID := make(map[uint64]*MapTract, len(ts))
	for i := range ts {
		byID[ts[i].GEOID] = &ts[i]
	}
	var rates []float64
	rate := make([]float64, len(b.Tracts))
	for i, tr := range b.Tracts {
		t, ok := byID[tr.GEOID]
		rate[i] = math.NaN()
		if !ok {
			continue
		}
		m.high[i] = t.HighPoverty
		if !(t.Below > 0) || math.IsNaN(t.Participants) {
			continue
		}
		if t.Suppressed {
			m.class[i] = classSuppressed
			m.suppressed++
			continue
		}
		rate[i] = 1000 * t.Participants / t.Below
		rates = append(rates, rate[i])
	}
	m.breaks = quantileBreaks(rates, len(mapClasses))
	for i, r := range rate {
		if math.IsNaN(r) {
			continue
		}
		k := sort.SearchFloat64s(m.breaks, r) // breaks are upper bounds
		for k < len(m.breaks) && r > m.breaks[k] {
			k++
		}
		m.class[i] = min(k, len(m.breaks)-1)
		m.shaded++
	}
	// Larger tracts first, so a tract inside another's hole is painted over it.
	m.order = make([]int, len(b.Tracts))
	for i := range m.order {
		m.order[i] = i
	}
	area := func(i int) float64 {
		bd := b.Tracts[i].Bound
		return (bd.Max[0] - bd.Min[0]) * (bd.Max[1] - bd.Min[1])
	}
	sort.SliceStable(m.order, func(x, y int) bool { return area(m.order[x]) > area(m.order[y]) })

	p := newPlot(title)
	p.HideAxes()
	p.Add(m)
	return p, nil
}

const (
	classNoData     = -1
	classSuppressed = -2
)

type choropleth struct {
	b          *geo.Boundaries
	minCell    int
	threshold  float64
	class      []int // index into breaks, or classNoData / classSuppressed
	high       []bool
	breaks     []float64
	order      []int
	suppressed int
	shaded     int
}

// quantileBreaks returns up to k increasing class upper bounds: the
// quintiles (for k = 5) of v rounded to two significant digits, the last
// being the maximum, duplicates merged.
func quantileBreaks(v []float64, k int) []float64 {
	if len(v) == 0 {
		return nil
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	var br []float64
	for j := 1; j <= k; j++ {
		var q float64
		if j == k {
			q = s[len(s)-1]
		} else {
			// Type 7 (R's default) quantile at j/k.
			h := float64(len(s)-1) * float64(j) / float64(k)
			lo := int(math.Floor(h))
			q = s[lo] + (h-float64(lo))*(s[min(lo+1, len(s)-1)]-s[lo])
			q = round2(q)
		}
		if len(br) == 0 || q > br[len(br)-1] {
			br = append(br, q)
		}
	}
	if br[len(br)-1] < s[len(s)-1] {
		br[len(br)-1] = s[len(s)-1]
	}
	return br
}

// round2 rounds to two significant digits.
func round2(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	e := math.Pow(10, math.Floor(math.Log10(math.Abs(x)))-1)
	return math.Round(x/e) * e
}

// mapLegendWidth is the space kept at the right of the map for the legend.
const mapLegendWidth = 2.9 * vg.Inch

// MapSize suggests a width and height for a ParticipationMap of b: 10 inches
// wide with the map's aspect ratio, its height between 4.5 and 10 inches.
func MapSize(b *geo.Boundaries) (width, height vg.Length) {
	width = 10 * vg.Inch
	if b == nil {
		return width, 6 * vg.Inch
	}
	w, h := projectedSize(b.Bound)
	mapW := float64(width - mapLegendWidth - 0.4*vg.Inch)
	hh := mapW*h/w + float64(0.9*vg.Inch) // title
	return width, vg.Length(math.Min(math.Max(hh, float64(4.5*vg.Inch)), float64(10*vg.Inch)))
}

func projectedSize(bd orb.Bound) (w, h float64) {
	k := math.Cos((bd.Min[1] + bd.Max[1]) / 2 * math.Pi / 180)
	w, h = (bd.Max[0]-bd.Min[0])*k, bd.Max[1]-bd.Min[1]
	if !(w > 0) {
		w = 1e-9
	}
	if !(h > 0) {
		h = 1e-9
	}
	return w, h
}

// Plot draws the map into the left part of the data area and the legend
// into the right part.
func (m *choropleth) Plot(c draw.Canvas, _ *plot.Plot) {
	area := c.Rectangle
	mapArea := area
	mapArea.Max.X = area.Max.X - mapLegendWidth
	bd := m.b.Bound
	k := math.Cos((bd.Min[1] + bd.Max[1]) / 2 * math.Pi / 180)
	w, h := projectedSize(bd)
	aw, ah := float64(mapArea.Max.X-mapArea.Min.X), float64(mapArea.Max.Y-mapArea.Min.Y)
	scale := math.Min(aw/w, ah/h)
	ox := float64(mapArea.Min.X) + (aw-w*scale)/2
	oy := float64(mapArea.Min.Y) + (ah-h*scale)/2
	pt := func(p orb.Point) vg.Point {
		return vg.Point{X: vg.Length(ox + (p[0]-bd.Min[0])*k*scale), Y: vg.Length(oy + (p[1]-bd.Min[1])*scale)}
	}
	ringPts := func(r orb.Ring) []vg.Point {
		out := make([]vg.Point, len(r))
		for i, p := range r {
			out[i] = pt(p)
		}
		return out
	}
	hatchStyle := draw.LineStyle{Color: darkGrey, Width: vg.Points(0.6)}
	for _, i := range m.order {
		for _, poly := range m.b.Tracts[i].Geometry {
			if len(poly) == 0 || len(poly[0]) < 3 {
				continue
			}
			outer := ringPts(poly[0])
			c.FillPolygon(m.fill(i), outer)
			if m.class[i] == classSuppressed {
				rings := make([][]vg.Point, len(poly))
				for r := range poly {
					rings[r] = ringPts(poly[r])
				}
				for _, seg := range hatchPolygon(rings, vg.Points(4)) {
					c.StrokeLines(hatchStyle, seg)
				}
			}
		}
	}
	thin := draw.LineStyle{Color: tractLine, Width: vg.Points(0.3)}
	heavy := draw.LineStyle{Color: okabeVerm, Width: vg.Points(1.6)}
	for pass, ls := range []draw.LineStyle{thin, heavy} {
		for _, i := range m.order {
			if pass == 1 && !m.high[i] {
				continue
			}
			for _, poly := range m.b.Tracts[i].Geometry {
				for _, r := range poly {
					if len(r) >= 2 {
						pts := ringPts(r)
						if r[0] != r[len(r)-1] {
							pts = append(pts, pts[0])
						}
						c.StrokeLines(ls, pts)
					}
				}
			}
		}
	}
	m.drawLegend(c, vg.Point{X: area.Max.X - mapLegendWidth + 0.25*vg.Inch, Y: area.Max.Y})
}

func (m *choropleth) fill(i int) color.Color {
	switch k := m.class[i]; k {
	case classNoData:
		return noDataFill
	case classSuppressed:
		return suppressedGrey
	default:
		return mapClasses[classColour(k, len(m.breaks))]
	}
}

// classColour spreads n classes over the ramp (all five when n is 5; the
// light, middle and dark ends when fewer).
func classColour(k, n int) int {
	if n <= 1 {
		return len(mapClasses) / 2
	}
	return int(math.Round(float64(k) * float64(len(mapClasses)-1) / float64(n-1)))
}

// drawLegend draws the legend with its top-left corner at top.
func (m *choropleth) drawLegend(c draw.Canvas, top vg.Point) {
	head := textStyle(sansBold, legendSize)
	body := textStyle(sans, legendSize)
	small := textStyle(sans, valueSize)
	sw, sh := 0.32*vg.Inch, 0.22*vg.Inch
	gap := 0.08 * vg.Inch
	y := top.Y
	write := func(sty text.Style, s string) {
		y -= sty.Font.Size * 1.25
		c.FillText(sty, vg.Point{X: top.X, Y: y}, s)
	}
	write(head, "Participants per 1,000")
	write(head, "residents in poverty")
	y -= gap
	swatch := func(fill color.Color, hatched, outlined bool, label string) {
		y -= sh + gap
		r := vg.Rectangle{Min: vg.Point{X: top.X, Y: y}, Max: vg.Point{X: top.X + sw, Y: y + sh}}
		c.FillPolygon(fill, rectPoints(r))
		if hatched {
			for _, seg := range hatchLines(r, hatchSlash, vg.Points(4)) {
				c.StrokeLines(draw.LineStyle{Color: darkGrey, Width: vg.Points(0.6)}, seg)
			}
		}
		edge := draw.LineStyle{Color: tractLine, Width: vg.Points(0.6)}
		if outlined {
			edge = draw.LineStyle{Color: okabeVerm, Width: vg.Points(1.6)}
		}
		pts := append(rectPoints(r), r.Min)
		c.StrokeLines(edge, pts)
		c.FillText(body, vg.Point{X: top.X + sw + gap, Y: y + (sh-body.Font.Size)/2}, label)
	}
	lo := 0.0
	for k, hi := range m.breaks {
		swatch(mapClasses[classColour(k, len(m.breaks))], false, false, formatRate(lo)+" – "+formatRate(hi))
		lo = hi
	}
	if len(m.breaks) == 0 {
		y -= gap
		write(small, "No tract has enough participants")
		write(small, "to be shown.")
	}
	y -= gap
	swatch(suppressedGrey, true, false, fmt.Sprintf("suppressed (n < %d)", m.minCell))
	swatch(noDataFill, false, false, "no rate (no poverty data)")
	swatch(white, false, true, fmt.Sprintf("high-poverty tract (≥ %s%%)", strconv.FormatFloat(100*m.threshold, 'f', -1, 64)))
	y -= gap
	write(small, fmt.Sprintf("%d tracts shaded, %d suppressed,", m.shaded, m.suppressed))
	write(small, fmt.Sprintf("%d without a rate.", len(m.b.Tracts)-m.shaded-m.suppressed))
	write(small, "Class breaks: quintiles of the")
	write(small, "shaded tracts' rates.")
}

// formatRate prints a class bound with at most two significant digits'
// worth of decimals.
func formatRate(v float64) string {
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) >= 10:
		return thousands(strconv.FormatFloat(v, 'f', 0, 64))
	default:
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
}

// hatchPolygon returns 45° hatch segments spaced s apart inside the polygon
// whose rings (outer first, then holes) are given, by the even-odd rule:
// each hatch line is cut at every ring crossing and alternate pieces kept.
func hatchPolygon(rings [][]vg.Point, s vg.Length) [][]vg.Point {
	// Lines x - y = v; parameterise points on a line by t = x + y.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rings {
		for _, p := range r {
			v := float64(p.X - p.Y)
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var segs [][]vg.Point
	step := float64(s)
	if !(hi > lo) || step <= 0 {
		return nil
	}
	for k := math.Ceil(lo / step); k*step <= hi; k++ {
		v := k * step
		var ts []float64
		for _, r := range rings {
			n := len(r)
			for i := 0; i < n; i++ {
				a, b := r[i], r[(i+1)%n]
				va, vb := float64(a.X-a.Y), float64(b.X-b.Y)
				if (va > v) == (vb > v) {
					continue
				}
				f := (v - va) / (vb - va)
				x := float64(a.X) + f*float64(b.X-a.X)
				y := float64(a.Y) + f*float64(b.Y-a.Y)
				ts = append(ts, x+y)
			}
		}
		sort.Float64s(ts)
		for j := 0; j+1 < len(ts); j += 2 {
			// On x - y = v with x + y = t: x = (t+v)/2, y = (t-v)/2.
			p0 := vg.Point{X: vg.Length((ts[j] + v) / 2), Y: vg.Length((ts[j] - v) / 2)}
			p1 := vg.Point{X: vg.Length((ts[j+1] + v) / 2), Y: vg.Length((ts[j+1] - v) / 2)}
			segs = append(segs, []vg.Point{p0, p1})
		}
	}
	return segs
}

// MapInput is what the report needs to draw the participation map.
type MapInput struct {
	Boundaries *geo.Boundaries
	Tracts     []MapTract
	// Note is printed under the map in report.md (e.g. how tracts were assigned).
	Note string
}
