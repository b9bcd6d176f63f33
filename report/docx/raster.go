package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
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
// their place) and the blends of its text's edges; past 256 colours, a
// blend takes the nearest colour of the palette.
func paletted(img *image.RGBA, solid []color.Color) image.Image {
	b := img.Bounds()
	out := image.NewPaletted(b, append(color.Palette(nil), solid...))
	index := map[color.RGBA]uint8{}
	for i, c := range out.Palette {
		index[c.(color.RGBA)] = uint8(i)
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
			i, ok := index[c]
			if !ok {
				if len(out.Palette) < 256 {
					i = uint8(len(out.Palette))
					out.Palette = append(out.Palette, c)
				} else {
					i = uint8(out.Palette.Index(c))
				}
				index[c] = i
			}
			orow[x], last, lastIndex = i, c, int(i)
		}
	}
	return out
}

// pngBuffers keeps the PNG encoder's buffers between pictures.
var pngBuffers = &pngPool{}

type pngPool struct{ p sync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := p.p.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngPool) Put(b *png.EncoderBuffer) { p.p.Put(b) }

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
	img := image.NewRGBA(image.Rect(0, 0, px(width), px(height)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r, err := newRaster(img)
	if err != nil {
		return nil, 0, err
	}
	t.Draw(r, 0, top, drawn)
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngBuffers}
	if err := enc.Encode(&b, paletted(img, append([]color.Color{color.RGBA{255, 255, 255, 255}}, m.colors...))); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), height, nil
}
