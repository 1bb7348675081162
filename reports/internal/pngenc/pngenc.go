// Package pngenc writes the report's charts as PNG files, faster than
// image/png at its default level, which was most of a large report's output
// time. Opaque RGBA images (the charts) are written with the Up filter on
// every row and one IDAT chunk deflated at the best speed (klauspost zlib);
// anything else by image/png at flate's best speed. Either way the decoded
// pixels are the image's, and the bytes are the same on every run.
package pngenc

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"sync"

	kzlib "github.com/klauspost/compress/zlib"
)

// Encode writes m to w as PNG: by writeOpaquePNG when m is an *image.RGBA
// whose pixels are all opaque, otherwise by image/png at the best speed.
func Encode(w io.Writer, m image.Image) error {
	if rgba, ok := m.(*image.RGBA); ok && rgba.Opaque() {
		return writeOpaquePNG(w, rgba)
	}
	return pngEncoder.Encode(w, m)
}

var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers{}}

// pngBuffers reuses the encoder's row buffers and deflate state across
// charts (png.EncoderBufferPool; safe for concurrent use).
type pngBuffers struct{ p sync.Pool }

func (b *pngBuffers) Get() *png.EncoderBuffer {
	e, _ := b.p.Get().(*png.EncoderBuffer)
	return e
}

func (b *pngBuffers) Put(e *png.EncoderBuffer) { b.p.Put(e) }

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
