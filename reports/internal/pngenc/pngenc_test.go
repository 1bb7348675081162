package pngenc

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestWriteOpaquePNG decodes what writeOpaquePNG wrote with image/png (the
// reference decoder) and compares every pixel, on images with flat runs,
// noise and an odd width, including one with a non-zero origin.
func TestWriteOpaquePNG(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, rect := range []image.Rectangle{
		image.Rect(0, 0, 1, 1),
		image.Rect(0, 0, 37, 23),
		image.Rect(5, 7, 300, 200),
	} {
		m := image.NewRGBA(rect)
		for y := rect.Min.Y; y < rect.Max.Y; y++ {
			for x := rect.Min.X; x < rect.Max.X; x++ {
				c := color.RGBA{255, 255, 255, 255}
				if (x+y)%7 != 0 {
					c = color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}
				}
				m.SetRGBA(x, y, c)
			}
		}
		var buf bytes.Buffer
		if err := writeOpaquePNG(&buf, m); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%v: decoding: %v", rect, err)
		}
		if got.Bounds().Dx() != rect.Dx() || got.Bounds().Dy() != rect.Dy() {
			t.Fatalf("%v: decoded size %v", rect, got.Bounds())
		}
		for y := 0; y < rect.Dy(); y++ {
			for x := 0; x < rect.Dx(); x++ {
				want := m.RGBAAt(rect.Min.X+x, rect.Min.Y+y)
				r, g, b, a := got.At(x, y).RGBA()
				if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(b>>8) != want.B || a != 0xffff {
					t.Fatalf("%v: pixel (%d, %d) = %v %v %v %v, want %v", rect, x, y, r>>8, g>>8, b>>8, a>>8, want)
				}
			}
		}
	}
}
