package docx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/klauspost/compress/zlib"
	"golang.org/x/image/math/fixed"

	"github.com/cecbatch/cecbatch/report/doc"
)

// rgbaRaster is the timeline's first raster, kept as the reference the
// paletted canvas must match byte for byte: it draws on RGBA with
// image/draw (glyphs straight from the face, over), then reduces the
// picture to a palette.
type rgbaRaster struct {
	*raster             // measures; its canvas is nil
	img     *image.RGBA // nil: measure only
}

// Visible is the first raster's: each character looked up and written.
func (r *rgbaRaster) Visible(s string) string {
	var b strings.Builder
	for _, ch := range s {
		switch {
		case unicode.Is(unicode.Bidi_Control, ch) || (unicode.IsControl(ch) && ch != '\n' && ch != '\t'):
			fmt.Fprintf(&b, "[U+%04X]", ch)
		case ch == '\n' || ch == '\t':
			b.WriteByte(' ')
		case r.fontHas(ch):
			b.WriteRune(ch)
		default:
			fmt.Fprintf(&b, "[U+%04X]", ch)
		}
	}
	return b.String()
}

func (r *rgbaRaster) Width(s string) float64 {
	var w fixed.Int26_6
	for _, ch := range s {
		a, _ := r.face.GlyphAdvance(ch)
		w += a
	}
	return float64(w) / 64 / pxPerMM
}

func (r *rgbaRaster) Fit(s string, w float64) int {
	cut := 0
	for i, ch := range s {
		if i > 0 && r.Width(s[:i]+string(ch)) > w {
			return i
		}
		cut = i + len(string(ch))
	}
	return cut
}

func (r *rgbaRaster) Text(x, y float64, s string, c doc.RGB) {
	s = r.Visible(s)
	r.raster.Text(x, y, s, c)
	if r.img == nil {
		return
	}
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

func (r *rgbaRaster) Rect(x, y, w, h float64, c doc.RGB) {
	r.raster.Rect(x, y, w, h, c)
	if r.img == nil {
		return
	}
	rect := image.Rect(px(x), px(y), px(x+w), px(y+h))
	if rect.Dx() == 0 && w > 0 {
		rect.Max.X++
	}
	draw.Draw(r.img, rect, image.NewUniform(rgba(c)), image.Point{}, draw.Src)
}

func (r *rgbaRaster) Line(x1, y1, x2, y2 float64, c doc.RGB, width float64) {
	r.raster.Line(x1, y1, x2, y2, c, width)
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

// rgbaPaletted is the reference's reduction to a palette: solid colours
// first, then the blends rounded to 16 levels a channel in the order the
// rows meet them, the nearest colour past 256.
func rgbaPaletted(img *image.RGBA, solid []color.Color) *image.Paletted {
	b := img.Bounds()
	out := image.NewPaletted(b, append(color.Palette(nil), solid...))
	var index [4096]uint16
	key := func(c color.RGBA) int { return int(c.R>>4)<<8 | int(c.G>>4)<<4 | int(c.B>>4) }
	for i, c := range out.Palette {
		if k := key(c.(color.RGBA)); index[k] == 0 {
			index[k] = uint16(i + 1)
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := img.Pix[img.PixOffset(x, y):]
			c := color.RGBA{p[0], p[1], p[2], p[3]}
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
			out.Pix[out.PixOffset(x, y)] = uint8(i)
		}
	}
	return out
}

// referenceEncode is encodePNG as first written, with klauspost's zlib
// writer.
func referenceEncode(b *bytes.Buffer, img *image.Paletted) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	b.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3
	pngChunk(b, "IHDR", ihdr[:])
	var plte []byte
	for _, c := range img.Palette {
		r, g, bl, _ := c.RGBA()
		plte = append(plte, uint8(r>>8), uint8(g>>8), uint8(bl>>8))
	}
	pngChunk(b, "PLTE", plte)
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+w)
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

// referencePNG is timelinePNG as first written.
func referencePNG(t *doc.Timeline, width float64) ([]byte, float64, error) {
	mr, err := newRaster()
	if err != nil {
		return nil, 0, err
	}
	m := &rgbaRaster{raster: mr}
	const top = 0.5
	drawn := width - 1
	height := max(t.Draw(m, 0, top, drawn), m.bottom) + 0.5
	w, h := px(width), px(height)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r, err := newRaster()
	if err != nil {
		return nil, 0, err
	}
	t.Draw(&rgbaRaster{raster: r, img: img}, 0, top, drawn)
	solid := []color.Color{color.RGBA{255, 255, 255, 255}}
	for _, c := range m.colors {
		solid = append(solid, rgba(c))
	}
	var b bytes.Buffer
	if err := referenceEncode(&b, rgbaPaletted(img, solid)); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), height, nil
}

// randomTimeline is a timeline with rng's choice of everything the
// drawing meets: labels at any position and of any length, characters the
// font lacks, bold-free text in two sizes, bars past the axis's ends,
// colours that round to the same palette entry (Black and {0, 0, 9}),
// white drawn as a colour, and, one time in three, colours at random.
func randomTimeline(rng *rand.Rand) *doc.Timeline {
	colors := []doc.RGB{doc.Counted, doc.Partly, doc.Excluded, doc.OtherWork, doc.Study, doc.TestValid,
		doc.Navy, doc.Black, doc.MidGray, {B: 9}, {R: 255, G: 255, B: 255}, {R: 254, G: 250, B: 252}}
	words := []string{"Assessed", "2026-03-01", "1,560 h", "Maple Leaf Analytics Inc.", "Harbour Grill",
		"Élodie", "ß→∞", "\u202E", "\x07", "\xff", "\uFFFD", "a\tb\nc", "ij", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "counted", "—", "日本"}
	label := func() string {
		var s string
		for range 1 + rng.IntN(4) {
			s += words[rng.IntN(len(words))] + " "
		}
		return s
	}
	color := func() doc.RGB { return colors[rng.IntN(len(colors))] }
	if rng.IntN(3) == 0 {
		// Past 256 colours once the text's blends are counted.
		color = func() doc.RGB {
			return doc.RGB{R: uint8(rng.IntN(256)), G: uint8(rng.IntN(256)), B: uint8(rng.IntN(256))}
		}
	}
	from := rng.IntN(400)
	t := &doc.Timeline{From: from, To: from + 30 + rng.IntN(2000)}
	t.WindowFrom = t.From - 50 + rng.IntN(200)
	t.WindowTo = t.WindowFrom + rng.IntN(1500)
	day := func() int { return t.From - 100 + rng.IntN(t.To-t.From+200) }
	for d := t.From; d <= t.To; d += 30 + rng.IntN(2) {
		tk := doc.Tick{Day: d}
		if rng.IntN(12) == 0 {
			tk.Year = fmt.Sprint(2000 + rng.IntN(30))
		}
		t.Ticks = append(t.Ticks, tk)
	}
	for range rng.IntN(16) {
		t.Markers = append(t.Markers, doc.Marker{Day: day(), Label: label(), Color: color()})
	}
	lane := func() doc.Lane {
		l := doc.Lane{Label: label(), From: day(), Color: color(), Projected: rng.IntN(2) == 0}
		l.To = l.From + rng.IntN(900)
		l.ProjTo = l.To + rng.IntN(300)
		for range rng.IntN(3) {
			a := day()
			l.Overlays = append(l.Overlays, [2]int{a, a + rng.IntN(100)})
		}
		return l
	}
	for range rng.IntN(6) {
		t.Work = append(t.Work, lane())
	}
	for range rng.IntN(3) {
		t.Other = append(t.Other, lane())
	}
	t.NoWork = label()
	for range rng.IntN(40) {
		t.Legend = append(t.Legend, doc.LegendItem{Color: color(), Label: label()})
	}
	if rng.IntN(2) == 0 {
		t.More = label()
	}
	return t
}

// TestTimelinePNGReference: the paletted canvas and the glyph memo draw
// the picture the RGBA canvas drew, byte for byte, at several widths (the
// text column of A4, Letter and narrow margins), from two goroutines.
func TestTimelinePNGReference(t *testing.T) {
	timelines := []*doc.Timeline{sample().Blocks[4].(*doc.Timeline), memoTimeline()}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 30 {
		timelines = append(timelines, randomTimeline(rng))
	}
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			for i := g; i < len(timelines); i += 2 {
				tl := timelines[i]
				width := []float64{170, 165.9, 123.4}[i%3]
				want, wantH, err := referencePNG(tl, width)
				if err != nil {
					t.Error(err)
					return
				}
				got, gotH, err := timelinePNG(tl, width)
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, want) || gotH != wantH {
					t.Errorf("timeline %d at %g mm: %d bytes, %g mm; the reference's are %d bytes, %g mm", i, width, len(got), gotH, len(want), wantH)
				}
				// The next picture, here or in another goroutine, reuses it.
				releasePNG(got)
			}
		})
	}
	wg.Wait()
}

// TestAdler32 checks the eight-bytes-at-a-time checksum against the
// standard library's, on bytes at random, runs of zeros and of 0xFF, and
// lengths across its reductions, whole or in pieces.
func TestAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 8, 9, 4095, 4096, 4097, 5552, 70000, 200000} {
		for kind := range 3 {
			p := make([]byte, n)
			for i := range p {
				switch {
				case kind == 0:
					p[i] = byte(rng.IntN(256))
				case kind == 1 && rng.IntN(50) == 0:
					p[i] = byte(rng.IntN(256))
				case kind == 2:
					p[i] = 0xFF
				}
			}
			want := adler32.Checksum(p)
			if got := adler32Sum(1, p); got != want {
				t.Errorf("%d bytes, kind %d: %08x, want %08x", n, kind, got, want)
			}
			sum, rest := uint32(1), p
			for len(rest) > 0 {
				k := min(len(rest), 1+rng.IntN(1500))
				sum, rest = adler32Sum(sum, rest[:k]), rest[k:]
			}
			if sum != want {
				t.Errorf("%d bytes, kind %d, in pieces: %08x, want %08x", n, kind, sum, want)
			}
		}
	}
}

// TestRowsAdler32: the checksum taken row by row, reusing a repeated
// row's sums, is the standard library's, at any stride, on rows that
// repeat the one above, white rows, rows at random, a last row cut short,
// and none.
func TestRowsAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, stride := range []int{1, 2, 7, 1005, 6000} {
		h := max(2, 200000/stride)
		data := make([]byte, stride*h)
		for y := range h {
			row := data[y*stride : (y+1)*stride]
			switch rng.IntN(3) {
			case 0:
				if y > 0 {
					copy(row, data[(y-1)*stride:])
				}
			case 1:
				for i := range row {
					row[i] = byte(rng.IntN(256))
				}
			}
		}
		for _, n := range []int{len(data), len(data) - 1, stride / 2, 0} {
			if got, want := rowsAdler32(data[:n], stride), adler32.Checksum(data[:n]); got != want {
				t.Errorf("stride %d, %d bytes: %08x, want %08x", stride, n, got, want)
			}
		}
	}
}

// memoTimeline is a timeline as an eligible client's memo draws it: a
// three-year window, four markers, three jobs and a language test, the
// full legend.
func memoTimeline() *doc.Timeline {
	t := &doc.Timeline{From: 0, To: 1127, WindowFrom: 16, WindowTo: 1112, NoWork: "No job periods entered",
		Markers: []doc.Marker{
			{Day: 16, Label: "Window opens 2022-03-17", Color: doc.MidGray},
			{Day: 702, Label: "1,560 h held since 2024-02-01", Color: doc.Counted},
			{Day: 1112, Label: "Assessed 2025-03-17", Color: doc.Navy},
			{Day: 1204, Label: "Latest safe submission 2025-06-17", Color: doc.Excluded},
		},
		Work: []doc.Lane{
			{Label: "Maple Leaf Analytics Inc. — Data Analyst", From: 40, To: 700, Color: doc.Counted, Overlays: [][2]int{{300, 330}}},
			{Label: "Harbour Grill — Cook", From: 500, To: 1112, Color: doc.Partly, Projected: true, ProjTo: 1200},
			{Label: "Northern Logistics Ltd.", From: -200, To: 30, Color: doc.OtherWork},
		},
		Other: []doc.Lane{{Label: "IELTS General Training", From: 600, To: 1330, Color: doc.TestValid}},
		Legend: []doc.LegendItem{
			{Color: doc.WindowShade, Label: "36-month window"}, {Color: doc.Counted, Label: "counted"},
			{Color: doc.Partly, Label: "partly excluded"}, {Color: doc.Excluded, Label: "excluded / excluded days"},
			{Color: doc.OtherWork, Label: "outside the window, unreadable, or leave"},
			{Color: doc.TestValid, Label: "test valid on the date assessed"},
		},
	}
	for m := range 38 {
		tk := doc.Tick{Day: m * 1127 / 37}
		if (m+2)%12 == 0 {
			tk.Year = fmt.Sprint(2022 + (m+2)/12)
		}
		t.Ticks = append(t.Ticks, tk)
	}
	return t
}

func BenchmarkTimelinePNGMemo(b *testing.B) {
	tl := memoTimeline()
	for b.Loop() {
		png, _, err := timelinePNG(tl, 170)
		if err != nil {
			b.Fatal(err)
		}
		releasePNG(png)
	}
}
