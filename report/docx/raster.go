package docx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/klauspost/compress/zlib"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/cecbatch/cecbatch/report/doc"
)

// The DOCX shows the timeline as a picture, drawn by the same code as the
// PDF's (doc.Timeline.Draw) on a raster canvas with the same font, DejaVu
// Sans, so that Word and LibreOffice show what the PDF shows.

// rasterDPI is the picture's resolution: sharp in print at 6.5-point
// labels, and a picture of a few tens of kilobytes.
const rasterDPI = 150.0

const pxPerMM = rasterDPI / 25.4

// rasterFonts are DejaVu Sans regular and bold, parsed once per process.
var rasterFonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var fs [2]*opentype.Font
	for i, ttf := range [][]byte{dejavusans.TTF, dejavusansbold.TTF} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return fs, err
		}
		fs[i] = f
	}
	return fs, nil
})

// raster is a doc.Canvas that draws on an image, or only measures (img
// nil) to find the picture's height.
type raster struct {
	img   *image.RGBA // nil: measure only
	fonts [2]*opentype.Font
	faces map[[2]float64]font.Face // by bold (0 or 1) and size
	face  font.Face
	font  *opentype.Font
	buf   sfnt.Buffer
	// bottom is the lowest point drawn, in mm.
	bottom float64
	// colors are the colours drawn, in the order first used.
	colors []color.Color
	seen   map[doc.RGB]bool
}

func (r *raster) use(c doc.RGB) {
	if r.seen == nil {
		r.seen = map[doc.RGB]bool{}
	}
	if !r.seen[c] {
		r.seen[c] = true
		r.colors = append(r.colors, rgba(c))
	}
}

func newRaster(img *image.RGBA) (*raster, error) {
	fs, err := rasterFonts()
	if err != nil {
		return nil, fmt.Errorf("timeline font: %w", err)
	}
	return &raster{img: img, fonts: fs, faces: map[[2]float64]font.Face{}}, nil
}

func (r *raster) Font(bold bool, size float64) {
	b := 0.0
	if bold {
		b = 1
	}
	r.font = r.fonts[int(b)]
	key := [2]float64{b, size}
	if f, ok := r.faces[key]; ok {
		r.face = f
		return
	}
	f, err := opentype.NewFace(r.font, &opentype.FaceOptions{Size: size, DPI: rasterDPI, Hinting: font.HintingNone})
	if err != nil {
		// A parsed font and a positive size: cannot fail.
		panic("docx: timeline face: " + err.Error())
	}
	r.faces[key] = f
	r.face = f
}

func (r *raster) has(ch rune) bool {
	i, err := r.font.GlyphIndex(&r.buf, ch)
	return err == nil && i != 0
}

// Visible shows a character the font lacks, or a control or bidi
// character, as its code, as the PDF does.
func (r *raster) Visible(s string) string {
	var b strings.Builder
	for _, ch := range s {
		switch {
		case unicode.Is(unicode.Bidi_Control, ch) || (unicode.IsControl(ch) && ch != '\n' && ch != '\t'):
			fmt.Fprintf(&b, "[U+%04X]", ch)
		case ch == '\n' || ch == '\t':
			b.WriteByte(' ')
		case r.has(ch):
			b.WriteRune(ch)
		default:
			fmt.Fprintf(&b, "[U+%04X]", ch)
		}
	}
	return b.String()
}

// Width is the advance of s without kerning, as the PDF prints it.
func (r *raster) Width(s string) float64 {
	var w fixed.Int26_6
	for _, ch := range s {
		a, _ := r.face.GlyphAdvance(ch)
		w += a
	}
	return float64(w) / 64 / pxPerMM
}

func (r *raster) Fit(s string, w float64) int {
	cut := 0
	for i, ch := range s {
		if i > 0 && r.Width(s[:i]+string(ch)) > w {
			return i
		}
		cut = i + len(string(ch))
	}
	return cut
}

func px(mm float64) int { return int(math.Round(mm * pxPerMM)) }

func rgba(c doc.RGB) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

func (r *raster) Text(x, y float64, s string, c doc.RGB) {
	r.use(c)
	s = r.Visible(s)
	r.bottom = max(r.bottom, y+1.2)
	if r.img == nil {
		return
	}
	// Glyph by glyph, without kerning, as the PDF prints it.
	src := image.NewUniform(rgba(c))
	dot := fixed.Point26_6{X: fixed.Int26_6(x * pxPerMM * 64), Y: fixed.Int26_6(y * pxPerMM * 64)}
	for _, ch := range s {
		dr, mask, mp, adv, ok := r.face.Glyph(dot, ch)
		if ok {
			draw.DrawMask(r.img, dr, src, image.Point{}, mask, mp, draw.Over)
		}
		dot.X += adv
	}
}

func (r *raster) Rect(x, y, w, h float64, c doc.RGB) {
	r.use(c)
	r.bottom = max(r.bottom, y+h)
	if r.img == nil {
		return
	}
	rect := image.Rect(px(x), px(y), px(x+w), px(y+h))
	if rect.Dx() == 0 && w > 0 {
		rect.Max.X++
	}
	draw.Draw(r.img, rect, image.NewUniform(rgba(c)), image.Point{}, draw.Src)
}

// Line draws the timeline's strokes, which are all horizontal or vertical.
func (r *raster) Line(x1, y1, x2, y2 float64, c doc.RGB, width float64) {
	r.use(c)
	r.bottom = max(r.bottom, y1, y2)
	if r.img == nil {
		return
	}
	t := max(1, px(width))
	var rect image.Rectangle
	if x1 == x2 {
		x := px(x1) - t/2
		rect = image.Rect(x, px(min(y1, y2)), x+t, px(max(y1, y2)))
	} else {
		y := px(y1) - t/2
		rect = image.Rect(px(min(x1, x2)), y, px(max(x1, x2)), y+t)
	}
	draw.Draw(r.img, rect, image.NewUniform(rgba(c)), image.Point{}, draw.Src)
}

// paletted is img with one byte a pixel, which PNG stores and compresses
// several times faster than RGBA (no filtering, a quarter of the data).
// The picture has a handful of colours, solid (given first: they keep
// their place) and the blends of its text's edges, which are rounded to
// 16 levels a channel: the eye sees no difference at 150 dpi, the palette
// stays small, and a pixel's index is one lookup in a table of the 4,096
// rounded colours. Past 256 colours, a blend takes the nearest colour of
// the palette. The canvas is opaque (drawn over white).
func paletted(img *image.RGBA, solid []color.Color) *image.Paletted {
	b := img.Bounds()
	out := &image.Paletted{Pix: pixels(&palettedPix, b.Dx()*b.Dy()), Stride: b.Dx(), Rect: b,
		Palette: append(color.Palette(nil), solid...)}
	// index holds, by rounded colour, its palette index + 1 (0: none yet).
	var index [4096]uint16
	key := func(c color.RGBA) int { return int(c.R>>4)<<8 | int(c.G>>4)<<4 | int(c.B>>4) }
	for i, c := range out.Palette {
		if k := key(c.(color.RGBA)); index[k] == 0 {
			index[k] = uint16(i + 1)
		}
	}
	var last color.RGBA
	lastIndex := -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[(y-b.Min.Y)*img.Stride:]
		orow := out.Pix[(y-b.Min.Y)*out.Stride:]
		for x := 0; x < b.Dx(); x++ {
			c := color.RGBA{row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]}
			if c == last && lastIndex >= 0 {
				orow[x] = uint8(lastIndex)
				continue
			}
			k := key(c)
			i := int(index[k]) - 1
			if i < 0 {
				if len(out.Palette) < 256 {
					i = len(out.Palette)
					out.Palette = append(out.Palette, color.RGBA{level16(c.R), level16(c.G), level16(c.B), 255})
				} else {
					i = out.Palette.Index(c)
				}
				index[k] = uint16(i + 1)
			}
			orow[x], last, lastIndex = uint8(i), c, i
		}
	}
	return out
}

// rgbaPix and palettedPix keep the pictures' pixels between clients: a
// timeline is about 600 KB of RGBA and 150 KB of palette indexes, which a
// run of 100,000 clients would otherwise allocate, and clear, each time.
var rgbaPix, palettedPix sync.Pool

// pixels returns n bytes from pool, their content undefined.
func pixels(pool *sync.Pool, n int) []byte {
	if b, ok := pool.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]byte, n)
}

func putPixels(pool *sync.Pool, b []byte) { pool.Put(&b) }

// level16 rounds a channel to one of 16 levels, 0 and 255 included.
func level16(v uint8) uint8 { return v&0xF0 | v>>4 }

// encodePNG writes img as a PNG: 8-bit palette, no filter, compressed with
// klauspost/compress's zlib at its fastest level. It is image/png's output
// for such a picture but for the compressor, which image/png does not let
// one choose and which was a third of a Word draft's time.
func encodePNG(b *bytes.Buffer, img *image.Paletted) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	b.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits a pixel, palette; compression, filter, interlace 0
	pngChunk(b, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, bl, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(bl>>8))
	}
	pngChunk(b, "PLTE", plte)
	var idat bytes.Buffer
	zw, _ := zlibWriters.Get().(*zlib.Writer)
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	} else {
		zw.Reset(&idat)
	}
	defer zlibWriters.Put(zw)
	row := make([]byte, 1+w) // filter byte 0 (none), then the row
	for y := range h {
		copy(row[1:], img.Pix[y*img.Stride:y*img.Stride+w])
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	pngChunk(b, "IDAT", idat.Bytes())
	pngChunk(b, "IEND", nil)
	return nil
}

// zlibWriters keeps encodePNG's compressors between pictures.
var zlibWriters sync.Pool

// pngChunk writes one PNG chunk: length, type, data and the CRC of type
// and data.
func pngChunk(b *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	b.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	b.Write(n[:])
}

// timelinePNG draws t width millimetres wide and returns the PNG and its
// height in millimetres.
func timelinePNG(t *doc.Timeline, width float64) ([]byte, float64, error) {
	m, err := newRaster(nil)
	if err != nil {
		return nil, 0, err
	}
	// The picture starts at the top of the drawing: the first marker's
	// label, whose baseline is 2.5 mm down.
	// A millimetre to spare on the right: a label that ends at the
	// drawing's edge keeps its last pixels.
	const top = 0.5
	drawn := width - 1
	height := max(t.Draw(m, 0, top, drawn), m.bottom) + 0.5
	w, h := px(width), px(height)
	img := &image.RGBA{Pix: pixels(&rgbaPix, 4*w*h), Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	defer putPixels(&rgbaPix, img.Pix)
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r, err := newRaster(img)
	if err != nil {
		return nil, 0, err
	}
	t.Draw(r, 0, top, drawn)
	var b bytes.Buffer
	pal := paletted(img, append([]color.Color{color.RGBA{255, 255, 255, 255}}, m.colors...))
	defer putPixels(&palettedPix, pal.Pix)
	if err := encodePNG(&b, pal); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), height, nil
}
