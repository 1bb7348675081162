package reports

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// keyLine is the height of one line of a key drawn above the data.
const keyLine = 14

// KeyHeight is the height of the strip KeyAbove needs for a key of n lines.
func KeyHeight(n int) vg.Length { return vg.Points(float64(keyLine*n + 8)) }

// KeyAbove draws a plot with its key (legend) in a strip between the title
// and the data area, so that no line or whisker is ever under it: the
// trend and pilot charts, whose lines can run anywhere. Entries is the
// number of lines the strip holds (give the drawing KeyHeight(Entries) more
// height); Padding, when not 0, is the legend's padding.
type KeyAbove struct {
	Plot    *plot.Plot
	Entries int
	Padding vg.Length
}

// Draw implements Drawer.
func (k KeyAbove) Draw(c draw.Canvas) {
	p := *k.Plot
	h := KeyHeight(k.Entries)
	leg := p.Legend
	p.Legend = plot.NewLegend()
	pad := p.Title.Padding
	p.Title.Padding = pad + h
	p.Draw(c)
	keyC := c
	keyC.Rectangle.Max.Y = c.Max.Y - p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y - pad/2
	keyC.Rectangle.Min.Y = keyC.Rectangle.Max.Y - h
	keyC.Rectangle.Min.X += vg.Points(70)
	leg.Top, leg.Left = true, true
	if k.Padding != 0 {
		leg.Padding = k.Padding
	}
	leg.Draw(keyC)
}
