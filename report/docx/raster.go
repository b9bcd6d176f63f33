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
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/cecbatch/cecbatch/internal/deflate"
	"github.com/cecbatch/cecbatch/internal/freelist"
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

// raster is a doc.Canvas that draws on a canvas, or only measures (canvas
// nil) to find the picture's height and its colours.
type raster struct {
	canvas *canvas // nil: measure only
	fonts  [2]*opentype.Font
	faces  map[[2]float64]numberedFace // by bold (0 or 1) and size
	face   font.Face
	font   *opentype.Font
	// key is the glyph memo's key for the face: its number (face).
	key     glyphKey
	metrics *metrics
	buf     sfnt.Buffer
	// bottom is the lowest point drawn, in mm.
	bottom float64
	// colors are the colours drawn, in the order first used: a dozen at
	// most, searched rather than hashed.
	colors []doc.RGB
	// glyphs is the raster's glyph memo (glyph), kept with the raster
	// from picture to picture.
	glyphs map[glyphKey]*glyph
}

func (r *raster) use(c doc.RGB) {
	if !slices.Contains(r.colors, c) {
		r.colors = append(r.colors, c)
	}
}

// rasters keeps the rasters between pictures, with their faces and glyph
// memos: a worker draws with one, and takes it back for the next picture.
var rasters = freelist.New[*raster](freeBuffers)

// newRaster returns a raster that measures (no canvas), kept from an
// earlier picture or new; release gives it back.
func newRaster() (*raster, error) {
	if r, ok := rasters.Get(); ok {
		return r, nil
	}
	fs, err := rasterFonts()
	if err != nil {
		return nil, fmt.Errorf("timeline font: %w", err)
	}
	return &raster{fonts: fs, faces: map[[2]float64]numberedFace{}, glyphs: map[glyphKey]*glyph{}}, nil
}

// release empties r of its picture and keeps it for the next.
func (r *raster) release() {
	r.canvas, r.bottom, r.colors = nil, 0, r.colors[:0]
	rasters.Put(r)
}

func (r *raster) Font(bold bool, size float64) {
	b := 0.0
	if bold {
		b = 1
	}
	r.font = r.fonts[int(b)]
	key := [2]float64{b, size}
	f, ok := r.faces[key]
	if !ok {
		face, err := opentype.NewFace(r.font, &opentype.FaceOptions{Size: size, DPI: rasterDPI, Hinting: font.HintingNone})
		if err != nil {
			// A parsed font and a positive size: cannot fail.
			panic("docx: timeline face: " + err.Error())
		}
		f = numberedFace{face, glyphKey(len(r.faces)) << faceShift}
		r.faces[key] = f
	}
	r.face, r.key = f.Face, f.key
	r.metrics = r.faceMetrics(key)
}

// metrics are a face's advances, and whether its font has the
// character, for the characters below metricRunes (Latin-1 and Latin
// Extended-A: nearly every character of the timeline's labels).
type metrics struct {
	adv [metricRunes]fixed.Int26_6
	has [metricRunes]bool
}

const metricRunes = 0x180

// faceMetricsMemo memoises metrics by face (bold, size) across pictures:
// the labels are measured once to place them and again to draw them, and
// a character's lookup in the font was a tenth of a memo timeline's time.
// Bounded: a face past maxFaceMetrics is looked up in the font. Safe for
// concurrent use.
var faceMetricsMemo = struct {
	sync.RWMutex
	m map[[2]float64]*metrics
}{m: map[[2]float64]*metrics{}}

const maxFaceMetrics = 16

func (r *raster) faceMetrics(key [2]float64) *metrics {
	faceMetricsMemo.RLock()
	m, ok := faceMetricsMemo.m[key]
	faceMetricsMemo.RUnlock()
	if ok {
		return m
	}
	m = &metrics{}
	for ch := range rune(metricRunes) {
		m.has[ch] = r.fontHas(ch)
		m.adv[ch], _ = r.face.GlyphAdvance(ch)
	}
	faceMetricsMemo.Lock()
	if len(faceMetricsMemo.m) < maxFaceMetrics {
		faceMetricsMemo.m[key] = m
	}
	faceMetricsMemo.Unlock()
	return m
}

func (r *raster) has(ch rune) bool {
	if ch >= 0 && ch < metricRunes {
		return r.metrics.has[ch]
	}
	return r.fontHas(ch)
}

func (r *raster) fontHas(ch rune) bool {
	i, err := r.font.GlyphIndex(&r.buf, ch)
	return err == nil && i != 0
}

func (r *raster) advance(ch rune) fixed.Int26_6 {
	if ch >= 0 && ch < metricRunes {
		return r.metrics.adv[ch]
	}
	a, _ := r.face.GlyphAdvance(ch)
	return a
}

// Visible shows a character the font lacks, or a control or bidi
// character, as its code, as the PDF does.
func (r *raster) Visible(s string) string {
	// Nearly every label is shown as it is, and is returned as it is.
	for i, ch := range s {
		if ch == utf8.RuneError || ch == '\n' || ch == '\t' || unicode.IsControl(ch) ||
			unicode.Is(unicode.Bidi_Control, ch) || !r.has(ch) {
			return s[:i] + r.visible(s[i:])
		}
	}
	return s
}

func (r *raster) visible(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
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
		w += r.advance(ch)
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
	if r.canvas == nil {
		return
	}
	// Glyph by glyph, without kerning, as the PDF prints it.
	id := r.canvas.id(c)
	dot := fixed.Point26_6{X: fixed.Int26_6(x * pxPerMM * 64), Y: fixed.Int26_6(y * pxPerMM * 64)}
	for _, ch := range s {
		g := r.glyph(ch, dot)
		if g.ok {
			r.canvas.over(g, image.Pt(dot.X.Floor(), dot.Y.Floor()), id)
		}
		dot.X += g.adv
	}
}

func (r *raster) Rect(x, y, w, h float64, c doc.RGB) {
	r.use(c)
	r.bottom = max(r.bottom, y+h)
	if r.canvas == nil {
		return
	}
	rect := image.Rect(px(x), px(y), px(x+w), px(y+h))
	if rect.Dx() == 0 && w > 0 {
		rect.Max.X++
	}
	r.canvas.fill(rect, r.canvas.id(c))
}

// Line draws the timeline's strokes, which are all horizontal or vertical.
func (r *raster) Line(x1, y1, x2, y2 float64, c doc.RGB, width float64) {
	r.use(c)
	r.bottom = max(r.bottom, y1, y2)
	if r.canvas == nil {
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
	r.canvas.fill(rect, r.canvas.id(c))
}

// glyphKey is a glyph as drawn: its face, character, and the dot's
// position within a pixel (1/64ths), on which its edges' blends depend,
// in one word: the face's number from bit faceShift on, the character
// from bit 12, the position across from bit 6, and down in bits 0–5. (A
// key of several fields, hashed field by field, made the memo's look-ups
// a quarter of the text's time.)
type glyphKey uint64

const faceShift = 40

// numberedFace is a face, and its number in the raster's faces, in
// place in a glyphKey.
type numberedFace struct {
	font.Face
	key glyphKey
}

// glyph is a character's coverage drawn with the dot at the top left of
// pixel (0, 0): dr is where it lands from there, mask its coverage, a row
// of dr.Dx() bytes a pixel row.
type glyph struct {
	dr   image.Rectangle
	mask []byte
	adv  fixed.Int26_6
	ok   bool
}

// glyph memoises rasterised glyphs across pictures: a run draws the same
// few dozen characters (digits, month names, "1,560 h") in two sizes on
// every client's timeline, and rasterising them was a third of the
// picture's time. A glyph is the same wherever the dot is but for the
// dot's fraction of a pixel, so that is part of the key: a run of 2,000
// generated clients met some 4,800 such glyphs, and found 99% of its
// 510,000 in the memo. Each raster has its own memo, and a worker keeps
// its raster (rasters): one memo shared by the workers, behind a lock,
// cost a tenth of the picture in the lock and its cache line going from
// core to core. Bounded: past maxGlyphs the memo is emptied and refills
// with what is drawn next; a glyph is a few hundred bytes, a memo a few
// megabytes at most.
const maxGlyphs = 1 << 14

func (r *raster) glyph(ch rune, dot fixed.Point26_6) *glyph {
	k := r.key | glyphKey(ch)<<12 | glyphKey(dot.X&63)<<6 | glyphKey(dot.Y&63)
	if g := r.glyphs[k]; g != nil {
		return g
	}
	dr, mask, mp, adv, ok := r.face.Glyph(fixed.Point26_6{X: dot.X & 63, Y: dot.Y & 63}, ch)
	g := &glyph{dr: dr, adv: adv, ok: ok}
	if ok && !dr.Empty() {
		a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		draw.Draw(a, a.Rect, mask, mp, draw.Src)
		g.mask = a.Pix
	}
	if len(r.glyphs) >= maxGlyphs {
		clear(r.glyphs)
	}
	r.glyphs[k] = g
	return g
}

// canvas is the picture as palette indexes: one byte a pixel, which PNG
// stores and compresses several times faster than RGBA (no filtering, a
// quarter of the data), drawn in place rather than converted from RGBA.
// A pixel holds the number of a solid colour (white, then the colours
// drawn, in the order the measuring pass first used them), or blended:
// a text edge's blend of its colour and what was under it, kept exactly
// in blends until the palette is made, so that text over text blends as
// it would on RGBA. Each row starts with a byte to spare, 0, which is the
// PNG's filter byte (none): the rows are what is compressed, as they are.
type canvas struct {
	w, h   int
	stride int // w+1
	pix    []byte
	blends []color.RGBA // by pixel; meaningful where pix is blended
	// blendSpans are, by row, the columns from lo to hi that may hold a
	// blended pixel: those glyphs were drawn on. paletted looks only
	// there: most rows have none, and a label's row has them only where
	// the label is.
	blendSpans []blendSpan
	solid      []color.RGBA
	// tables are the blend tables of each colour (by id) over each
	// solid colour, as over meets them.
	tables []*[256]color.RGBA
	// colors are the solid colours as the drawing names them.
	colors []doc.RGB
}

// blendSpan is the columns from lo to hi, none if lo >= hi.
type blendSpan struct{ lo, hi int32 }

// add widens sp to the columns from lo to hi.
func (sp *blendSpan) add(lo, hi int) {
	if sp.lo >= sp.hi {
		sp.lo, sp.hi = int32(lo), int32(hi)
		return
	}
	sp.lo, sp.hi = min(sp.lo, int32(lo)), max(sp.hi, int32(hi))
}

// blended marks a pixel whose colour is in blends; solid colours are
// numbered below it.
const blended = 0xFF

func newCanvas(w, h int, colors []doc.RGB) (*canvas, error) {
	if len(colors)+1 >= blended {
		return nil, fmt.Errorf("timeline: %d colours, more than a palette holds", len(colors))
	}
	c := &canvas{w: w, h: h, stride: w + 1, pix: freelist.Slice(palettedPix, (w+1)*h),
		solid:  append(make([]color.RGBA, 0, 1+len(colors)), color.RGBA{255, 255, 255, 255}),
		colors: append(make([]doc.RGB, 0, 1+len(colors)), doc.RGB{R: 255, G: 255, B: 255})}
	c.blends = freelist.Slice(blendPix, (w+1)*h)
	c.blendSpans = make([]blendSpan, h)
	clear(c.pix)
	for _, col := range colors {
		c.solid = append(c.solid, rgba(col))
		c.colors = append(c.colors, col)
	}
	c.tables = make([]*[256]color.RGBA, len(c.solid)*len(c.solid))
	return c, nil
}

func (c *canvas) release() {
	palettedPix.Put(c.pix)
	blendPix.Put(c.blends)
}

// id is col's number, its first place among the solid colours; the
// measuring pass saw every colour the drawing uses.
func (c *canvas) id(col doc.RGB) uint8 { return uint8(max(0, slices.Index(c.colors, col))) }

// row is row y's pixels from x0 to x1.
func (c *canvas) row(y, x0, x1 int) []byte { return c.pix[y*c.stride+1+x0 : y*c.stride+1+x1] }

func (c *canvas) fill(r image.Rectangle, id uint8) {
	r = r.Intersect(image.Rect(0, 0, c.w, c.h))
	if r.Empty() {
		return
	}
	first := c.row(r.Min.Y, r.Min.X, r.Max.X)
	for i := range first {
		first[i] = id
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(c.row(y, r.Min.X, r.Max.X), first)
	}
}

// over draws g's coverage in colour id with its dot at the top left of
// pixel at, blending as image/draw's Over does on RGBA (drawGlyphOver),
// to the bit. Its arithmetic is drawGlyphOver's with the source and the
// canvas opaque, as they always are here: the source's alpha times the
// coverage is the coverage, and the result's alpha is opaque.
func (c *canvas) over(g *glyph, at image.Point, id uint8) {
	dr := g.dr.Add(at)
	r := dr.Intersect(image.Rect(0, 0, c.w, c.h))
	if r.Empty() {
		return
	}
	src := c.solid[id]
	stride := dr.Dx()
	// Over a solid colour, the blend is looked up by coverage.
	tables := c.tables[int(id)*len(c.solid) : int(id+1)*len(c.solid)]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.blendSpans[y].add(r.Min.X, r.Max.X)
		mrow := g.mask[(y-dr.Min.Y)*stride+r.Min.X-dr.Min.X : (y-dr.Min.Y)*stride+r.Max.X-dr.Min.X]
		off := y*c.stride + 1 + r.Min.X
		pix := c.pix[off : off+len(mrow)]
		blends := c.blends[off : off+len(mrow)]
		for i, ma := range mrow {
			switch ma {
			case 0:
				continue
			case 0xFF:
				pix[i] = id
				continue
			}
			if p := pix[i]; p == blended {
				blends[i] = blendOver(blends[i], src, ma)
			} else {
				t := tables[p]
				if t == nil {
					t = blendTable(c.solid[p], src)
					tables[p] = t
				}
				blends[i] = t[ma]
				pix[i] = blended
			}
		}
	}
}

// blendOver is src over d at coverage cover: drawGlyphOver's arithmetic
// for an opaque source on an opaque picture.
func blendOver(d, src color.RGBA, cover uint8) color.RGBA {
	const m = 1<<16 - 1
	ma := uint32(cover) * 0x101
	a := (m - ma) * 0x101
	return color.RGBA{
		uint8((uint32(d.R)*a + uint32(src.R)*0x101*ma) / m >> 8),
		uint8((uint32(d.G)*a + uint32(src.G)*0x101*ma) / m >> 8),
		uint8((uint32(d.B)*a + uint32(src.B)*0x101*ma) / m >> 8),
		255,
	}
}

// blendTable is src over dst at each coverage, as over blends: a few
// colours make up a timeline's text and what is under it, and a memo's
// picture has thousands of text-edge pixels. The tables are kept by pair
// of colours, a bounded number of them.
func blendTable(dst, src color.RGBA) *[256]color.RGBA {
	k := [2]color.RGBA{dst, src}
	blendTables.Lock()
	t := blendTables.m[k]
	blendTables.Unlock()
	if t != nil {
		return t
	}
	t = new([256]color.RGBA)
	for cover := range t {
		t[cover] = blendOver(dst, src, uint8(cover))
	}
	blendTables.Lock()
	if blendTables.m == nil || len(blendTables.m) >= maxBlendTables {
		blendTables.m = make(map[[2]color.RGBA]*[256]color.RGBA)
	}
	blendTables.m[k] = t
	blendTables.Unlock()
	return t
}

// maxBlendTables bounds blendTables: 256 tables of 1 KB.
const maxBlendTables = 256

var blendTables struct {
	sync.Mutex
	m map[[2]color.RGBA]*[256]color.RGBA
}

// paletted turns the canvas into the picture, in place. The palette is
// the solid colours (they keep their place), then the blends of the
// text's edges, which are rounded to 16 levels a channel: the eye sees no
// difference at 150 dpi, the palette stays small, and a blend's index is
// one lookup in a table of the 4,096 rounded colours. Blends take their
// place in the order the rows meet them; past 256 colours, a blend takes
// the nearest colour of the palette. A solid colour that rounds as an
// earlier one does is drawn as that one.
func (c *canvas) paletted() []color.RGBA {
	var index paletteIndex
	index.palette = make([]color.RGBA, len(c.solid), 256)
	var remap [256]uint8
	same := true
	for i, col := range c.solid {
		index.palette[i] = col
		k := paletteKey(col)
		if index.index[k] == 0 {
			index.index[k] = uint16(i + 1)
		}
		remap[i] = uint8(index.index[k] - 1)
		same = same && remap[i] == uint8(i)
	}
	for y := range c.h {
		row := c.row(y, 0, c.w)
		if !same {
			for x, p := range row {
				if p != blended {
					row[x] = remap[p]
				}
			}
		}
		sp := c.blendSpans[y]
		if sp.lo >= sp.hi {
			continue
		}
		// Eight pixels at a time: the bytes of a word that are blended
		// (whose complement is zero) are found by the word's arithmetic,
		// and each is visited by its bit, without a test per pixel.
		blends := c.blends[y*c.stride+1 : y*c.stride+1+c.w]
		row = row[:sp.hi]
		x0 := int(sp.lo)
		for ; x0+8 <= len(row); x0 += 8 {
			w := ^binary.LittleEndian.Uint64(row[x0:])
			// The high bit of each zero byte, and perhaps of a byte after
			// one (a borrow): each is checked.
			for m := (w - 0x0101010101010101) &^ w & 0x8080808080808080; m != 0; m &= m - 1 {
				x := x0 + bits.TrailingZeros64(m)/8
				if row[x] == blended {
					row[x] = index.of(blends[x])
				}
			}
		}
		for x := x0; x < len(row); x++ {
			if row[x] == blended {
				row[x] = index.of(blends[x])
			}
		}
	}
	return index.palette
}

// paletteIndex makes the picture's palette: the solid colours, then the
// blends of the text's edges in the order met.
type paletteIndex struct {
	palette []color.RGBA
	full    color.Palette // the palette once full, for its Index
	// index holds, by rounded colour, its palette index + 1 (0: none yet).
	index [4096]uint16
}

// paletteKey is a colour rounded to 16 levels a channel.
func paletteKey(c color.RGBA) int { return int(c.R>>4)<<8 | int(c.G>>4)<<4 | int(c.B>>4) }

// of is the palette index of blend b, which takes the next place if its
// rounded colour has none, or the nearest colour's once the palette is full.
func (p *paletteIndex) of(b color.RGBA) uint8 {
	k := paletteKey(b)
	if i := p.index[k]; i != 0 {
		return uint8(i - 1)
	}
	var i int
	if len(p.palette) < 256 {
		i = len(p.palette)
		p.palette = append(p.palette, color.RGBA{level16(b.R), level16(b.G), level16(b.B), 255})
	} else {
		if p.full == nil {
			for _, c := range p.palette {
				p.full = append(p.full, c)
			}
		}
		i = p.full.Index(b)
	}
	p.index[k] = uint16(i + 1)
	return uint8(i)
}

// palettedPix and blendPix keep the canvas between clients: a memo's
// timeline is about 300 KB of palette indexes and 1.2 MB of room for
// blends (never cleared: only a blended pixel's is read), which a run of
// 100,000 clients would otherwise allocate, and clear, each time.
// They are free lists (internal/freelist), which the collector does not
// empty: kept in sync.Pools, the canvas was allocated anew for about one
// picture in four at 100,000 clients (3 s of CPU, mostly clearing).
var (
	palettedPix = freelist.New[[]byte](freeBuffers)
	blendPix    = freelist.New[[]color.RGBA](freeBuffers)
)

// freeBuffers is how many buffers of each kind are kept: about as many
// as workers draw at once.
const freeBuffers = 8

// level16 rounds a channel to one of 16 levels, 0 and 255 included.
func level16(v uint8) uint8 { return v&0xF0 | v>>4 }

// encodePNG writes a w × h picture as a PNG, rows its h rows of a filter
// byte 0 (none) then w palette indexes: 8-bit palette, compressed with
// klauspost/compress's deflate at its fastest level. It is image/png's
// output for such a picture but for the compressor, which image/png does
// not let one choose and which was a third of a Word draft's time. The
// zlib stream around the deflate is written here, for its checksum: the
// standard library's Adler-32 takes a byte at a time, and was a fifth of
// the picture's time once the rest was fast.
func encodePNG(b *bytes.Buffer, w, h int, palette []color.RGBA, rows []byte) error {
	b.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits a pixel, palette; compression, filter, interlace 0
	pngChunk(b, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(palette))
	for _, c := range palette {
		plte = append(plte, c.R, c.G, c.B)
	}
	pngChunk(b, "PLTE", plte)
	// IDAT is compressed in place; its length is filled in after.
	start := b.Len()
	b.WriteString("\x00\x00\x00\x00IDAT")
	b.WriteString("\x78\x01") // zlib: deflate, 32 KB window, fastest level
	fw := deflate.Get(b)
	defer deflate.Put(fw)
	if _, err := fw.Write(rows); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], rowsAdler32(rows, w+1))
	b.Write(n[:])
	chunk := b.Bytes()[start:]
	binary.BigEndian.PutUint32(chunk, uint32(len(chunk)-8))
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(chunk[4:]))
	b.Write(n[:])
	pngChunk(b, "IEND", nil)
	return nil
}

// pngBuffers keeps timelinePNG's output buffers between pictures.
var pngBuffers = freelist.New[[]byte](freeBuffers)

// rowsAdler32 is the Adler-32 checksum of rows, stride bytes each. A row
// that repeats the one above (half of a timeline's) is not read again:
// the sums of a row alone, its bytes' sum and their sum weighted by their
// distance to its end, say what appending it does to any checksum.
func rowsAdler32(rows []byte, stride int) uint32 {
	const mod = 65521
	s1, s2 := uint64(1), uint64(0)
	var r1, r2 uint64 // the last row's own sums
	for y := 0; y*stride < len(rows); y++ {
		row := rows[y*stride : min(len(rows), (y+1)*stride)]
		if y == 0 || len(row) < stride || !bytes.Equal(row, rows[(y-1)*stride:y*stride]) {
			v := adler32Sum(0, row)
			r1, r2 = uint64(v&0xFFFF), uint64(v>>16)
		}
		s2 = (s2 + uint64(len(row))%mod*s1 + r2) % mod
		s1 = (s1 + r1) % mod
	}
	return uint32(s2<<16 | s1)
}

// adler32Sum continues the Adler-32 checksum sum over p eight bytes at a
// time: the bytes' sum and their sum weighted 8 down to 1, which is what
// the second half gains over the eight, are each a multiplication of the
// bytes spread over four 16-bit lanes, whose top lane collects the lanes'
// sum (at most 4 × 255 × 8, so no lane carries into the next). A word of
// zeros, the picture's white, adds only to the second half.
func adler32Sum(sum uint32, p []byte) uint32 {
	const mod = 65521
	s1, s2 := uint64(sum&0xFFFF), uint64(sum>>16)
	for len(p) > 0 {
		// 4,096 bytes at most between reductions: s2 stays far below 2^64.
		q := p[:min(len(p), 4096)]
		p = p[len(q):]
		for ; len(q) >= 8; q = q[8:] {
			s2 += 8 * s1
			v := binary.LittleEndian.Uint64(q)
			if v == 0 {
				continue
			}
			even := v & 0x00FF00FF00FF00FF     // bytes 0, 2, 4, 6, in lanes 0 to 3
			odd := v >> 8 & 0x00FF00FF00FF00FF // bytes 1, 3, 5, 7
			s1 += (even + odd) * 0x0001000100010001 >> 48
			s2 += even*0x0008000600040002>>48 + odd*0x0007000500030001>>48
		}
		for _, x := range q {
			s1 += uint64(x)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
	}
	return uint32(s2<<16 | s1)
}

// pngChunk writes one PNG chunk: length, type, data and the CRC of type
// and data.
func pngChunk(b *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	b.Write(n[:])
	start := b.Len()
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(b.Bytes()[start:]))
	b.Write(n[:])
}

// timelinePNG draws t width millimetres wide and returns the PNG and its
// height in millimetres.
func timelinePNG(t *doc.Timeline, width float64) ([]byte, float64, error) {
	r, err := newRaster()
	if err != nil {
		return nil, 0, err
	}
	defer r.release()
	// The picture starts at the top of the drawing: the first marker's
	// label, whose baseline is 2.5 mm down.
	// A millimetre to spare on the right: a label that ends at the
	// drawing's edge keeps its last pixels.
	const top = 0.5
	drawn := width - 1
	height := max(t.Draw(r, 0, top, drawn), r.bottom) + 0.5
	c, err := newCanvas(px(width), px(height), r.colors)
	if err != nil {
		return nil, 0, err
	}
	defer c.release()
	// The raster that measured draws, with the faces it made (7 KB each):
	// measuring again as it draws, it finds what it found.
	r.canvas = c
	t.Draw(r, 0, top, drawn)
	// The PNG is made in a buffer kept between pictures, which the
	// document gives back (releasePNG) once it is written: a copy of each
	// picture was a twentieth of what a run allocated.
	b := bytes.NewBuffer(freelist.Slice(pngBuffers, 0))
	if err := encodePNG(b, c.w, c.h, c.paletted(), c.pix); err != nil {
		releasePNG(b.Bytes())
		return nil, 0, err
	}
	return b.Bytes(), height, nil
}

// releasePNG gives back a buffer timelinePNG returned, for the next
// picture: nothing may use it after.
func releasePNG(png []byte) { pngBuffers.Put(png[:0]) }
