package reports

// Saving a plot: PNG (through the opaque-PNG encoder) and SVG files.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/wioa-equity/wioa/reports/internal/pngenc"
)

// PNGDPI is the resolution SavePlot renders PNG files at.
const PNGDPI = 150

// Drawer is anything that draws itself on a canvas: a *plot.Plot, or
// several plots stacked into one picture (forest panels, a chart with its
// key outside the data area).
type Drawer interface{ Draw(draw.Canvas) }

// SavePlot writes p to dir/base.png (at PNGDPI) and dir/base.svg, both
// width×height, creating dir if needed. Fonts are not embedded in the SVG;
// viewers substitute a sans-serif face.
func SavePlot(p Drawer, width, height vg.Length, dir, base string) error {
	_, err := savePlot(p, width, height, dir, base)
	return err
}

// savePlot is SavePlot that also returns the SVG's bytes (report.html
// embeds them; reading the file back would cost a second pass).
func savePlot(p Drawer, width, height vg.Length, dir, base string) ([]byte, error) {
	if p == nil || p == (*plot.Plot)(nil) {
		return nil, errors.New("reports: SavePlot: nil plot")
	}
	if !(width > 0) || !(height > 0) || math.IsInf(float64(width), 0) || math.IsInf(float64(height), 0) {
		return nil, fmt.Errorf("reports: SavePlot %s: size %v×%v must be positive", base, width, height)
	}
	if base == "" || strings.ContainsAny(base, `/\`) {
		return nil, fmt.Errorf("reports: SavePlot: invalid file base name %q", base)
	}
	if err := mkdirOne(dir); err != nil {
		return nil, fmt.Errorf("reports: SavePlot: %w", err)
	}
	if err := writeFile(filepath.Join(dir, base+".png"), pngCanvas(p, width, height, PNGDPI)); err != nil {
		return nil, err
	}
	svg := vgsvg.New(width, height)
	p.Draw(draw.New(&svgCanvas{Canvas: svg}))
	var buf bytes.Buffer
	if _, err := svg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("reports: writing %s.svg: %w", base, err)
	}
	if err := os.WriteFile(filepath.Join(dir, base+".svg"), buf.Bytes(), 0o666); err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	return buf.Bytes(), nil
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
func pngCanvas(p Drawer, width, height vg.Length, dpi int) fastPNG {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	p.Draw(draw.New(c))
	return fastPNG{c}
}

// fastPNG writes a canvas as PNG, faster than vgimg.PngCanvas (png.Encode
// at the default level), which was most of a large report's output time.
// It encodes with pngenc (see there); the decoded pixels are the canvas's,
// and the bytes are the same on every run.
type fastPNG struct{ c *vgimg.Canvas }

// WriteTo implements io.WriterTo.
func (f fastPNG) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	b := bufio.NewWriterSize(cw, 64<<10)
	if err := pngenc.Encode(b, f.c.Image()); err != nil {
		return cw.n, err
	}
	err := b.Flush()
	return cw.n, err
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

// mkdirOne creates dir (its parent must exist) unless it exists. Never
// MkdirAll: an output folder is filled inside a temporary folder that an
// interrupted run removes, and a MkdirAll racing with that removal would
// make the temporary folder again.
func mkdirOne(dir string) error {
	if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}
