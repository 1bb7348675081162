package reports

// Plots for the report (METHODS §6): one grouped bar chart per disparity and
// one forest plot of all gaps, drawn with gonum/plot so PNG and SVG come from
// the same code. Everything here must read in black-and-white print, so each
// group differs by grey level and hatching as well as by its text label, and
// the one accent colour (Okabe–Ito blue/vermillion) is never the only signal.
// Output is deterministic: embedded Liberation fonts, no time, no randomness.
//
// This file holds what the charts (and the map) share: type sizes, fonts,
// colours, hatching and label text (wrap, humanize, thousands). The charts
// are in bars.go and forest.go, their axes in axes.go, and writing them in
// save.go (the PNG bytes by internal/pngenc).

import (
	"errors"
	"image/color"
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ErrNothingToPlot is returned when no row is left to draw once suppressed
// rows and rows without an estimate are removed.
var ErrNothingToPlot = errors.New("reports: nothing to plot (no unsuppressed row with an estimate)")

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
