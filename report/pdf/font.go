package pdf

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/klauspost/compress/zlib"
)

// Why this file exists: fpdf's AddUTF8FontFromBytes parses the whole TTF,
// JSON-marshals a 65,536-entry width table to make a font id, and at Output
// re-parses, subsets and compresses the font, plus a 128 KB CIDToGIDMap, for
// every document. That was ~14 ms of a 15 ms letter. Here the expensive part
// happens once per process:
//
//  1. DejaVu Sans is cut (fpdf.UTF8CutFont) to the scripts the firm's clients
//     write their names in, and the cut font's cmap, advance widths and
//     glyph table are parsed into a fontFace.
//  2. Per document, the runes the opinion prints get one-byte codes (ASCII
//     keeps its own codes, the others take 128..255); the document embeds
//     each font as a simple TrueType font whose /Differences names every
//     code's glyph as uniXXXX (so pdftotext returns the exact character) and
//     whose font file keeps only the glyphs used, renumbered, with a cmap
//     and metrics of their own: about 20 KB before compression.
//
// A document printing more than 128 distinct non-ASCII characters cannot be
// encoded in one byte; it falls back to fpdf's own UTF-8 font path with the
// cut font: slower, equally correct.

// Font family and the style keys used with fpdf.
const (
	fontFamily  = "dejavu"
	styleNormal = ""
	styleBold   = "B"
)

// firstFreeCode is the first one-byte code handed to a non-ASCII rune;
// codes 32..126 stay ASCII so that digits and the page alias read as they are.
const firstFreeCode = 128

// supportedRanges are the Unicode blocks kept in the cut font: Latin
// (including Vietnamese and the letters of every European language),
// combining accents, Greek, Cyrillic, Armenian, Georgian, punctuation and the
// symbols the opinion itself uses. DejaVu Sans draws every character it has
// in them. Scripts that need shaping or right-to-left ordering (Arabic,
// Hebrew, Devanagari, ...) are left out on purpose: fpdf would print them
// unshaped or reversed, which is worse than the visible [U+XXXX] marker
// and the PDF-GLYPH finding they get instead.
var supportedRanges = [][2]rune{
	{0x0020, 0x007E}, // Basic Latin
	{0x00A0, 0x024F}, // Latin-1 Supplement, Latin Extended-A and -B
	{0x0250, 0x02FF}, // IPA extensions, spacing modifier letters
	{0x0300, 0x036F}, // combining diacritical marks
	{0x0370, 0x03FF}, // Greek and Coptic
	{0x0400, 0x052F}, // Cyrillic and Cyrillic Supplement
	{0x0530, 0x058F}, // Armenian
	{0x10A0, 0x10FF}, // Georgian
	{0x1E00, 0x1EFF}, // Latin Extended Additional (Vietnamese)
	{0x1F00, 0x1FFF}, // Greek Extended (polytonic)
	{0x2000, 0x206F}, // general punctuation
	{0x20A0, 0x20C0}, // currency symbols
	{0x2100, 0x214F}, // letterlike symbols (№, ™)
	{0x2190, 0x21FF}, // arrows
	{0x2212, 0x2212}, // minus sign
	{0x2264, 0x2265}, // ≤ ≥
	{0x25A0, 0x25FF}, // geometric shapes
	{0x2713, 0x2717}, // check and cross marks
	{0x2C60, 0x2C7F}, // Latin Extended-C
	{0xA720, 0xA7FF}, // Latin Extended-D
}

// fontFace is one parsed, cut font. It is immutable after newFontFace and
// shared by every document and goroutine.
type fontFace struct {
	psName  string // PostScript name written as /BaseFont
	ttf     []byte // the cut font
	tables  map[string][]byte
	tags    []string // table tags, sorted
	cmap    map[rune]uint16
	low     []uint16 // cmap for runes below len(low), without a map lookup
	advance []int    // per glyph, in 1/1000 em, as fpdf rounds them
	// advanceUnits and lsb are each glyph's horizontal metrics as the
	// font has them (font units), for a subset's hmtx.
	advanceUnits, lsb []uint16
	// asciiAdvance is width(r) for r below 128: most of what is measured.
	asciiAdvance [128]int
	// printableASCII: the face draws every character from ' ' to '~'.
	printableASCII bool
	loca           []uint32
	glyf           []byte
	desc           fpdf.FontDescType
	up, ut         int // underline position and thickness, 1/1000 em
	numGlyph       int

	// subsets are the embedded subsets of the documents rendered last
	// (font_cache.go): not state, a memo of what addSimpleFont computes.
	subsets *subsetCache
}

// fontFaces are the regular and bold faces, built once per process on first
// use. They hold read-only data derived from the embedded font bytes, not
// state: every renderer shares them.
var fontFaces = sync.OnceValues(func() ([2]*fontFace, error) {
	cut := cutSet()
	var faces [2]*fontFace
	for i, src := range []struct {
		name string
		ttf  []byte
	}{{"DejaVuSans", dejavusans.TTF}, {"DejaVuSans-Bold", dejavusansbold.TTF}} {
		f, err := newFontFace(src.name, fpdf.UTF8CutFont(src.ttf, cut))
		if err != nil {
			return faces, fmt.Errorf("font %s: %w", src.name, err)
		}
		faces[i] = f
	}
	return faces, nil
})

func cutSet() string {
	var b strings.Builder
	for _, r := range supportedRanges {
		for c := r[0]; c <= r[1]; c++ {
			b.WriteRune(c)
		}
	}
	return b.String()
}

var errBadFont = errors.New("malformed TrueType font")

func newFontFace(psName string, ttf []byte) (*fontFace, error) {
	f := &fontFace{psName: psName, ttf: ttf, tables: map[string][]byte{}, subsets: newSubsetCache(subsetCacheSize)}
	if len(ttf) < 12 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errBadFont
		}
		tag := string(ttf[rec : rec+4])
		off := int(binary.BigEndian.Uint32(ttf[rec+8:]))
		length := int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, errBadFont
		}
		f.tables[tag] = ttf[off : off+length]
		f.tags = append(f.tags, tag)
	}
	sort.Strings(f.tags)
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "post", "OS/2"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("%w: no %s table", errBadFont, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errBadFont
	}
	unitsPerEm := float64(binary.BigEndian.Uint16(head[18:]))
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / unitsPerEm)) }
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyph = int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if numHMetrics == 0 || len(hmtx) < 4*numHMetrics {
		return nil, errBadFont
	}
	if len(hmtx) < 4*numHMetrics+2*(f.numGlyph-numHMetrics) {
		return nil, errBadFont
	}
	f.advance = make([]int, f.numGlyph)
	f.advanceUnits, f.lsb = make([]uint16, f.numGlyph), make([]uint16, f.numGlyph)
	for g := range f.numGlyph {
		m := min(g, numHMetrics-1)
		f.advanceUnits[g] = binary.BigEndian.Uint16(hmtx[4*m:])
		f.advance[g] = scale(int(f.advanceUnits[g]))
		if g < numHMetrics {
			f.lsb[g] = binary.BigEndian.Uint16(hmtx[4*g+2:])
		} else {
			f.lsb[g] = binary.BigEndian.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):])
		}
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyph+1)
	for g := range f.loca {
		if longLoca {
			if 4*g+4 > len(loca) {
				return nil, errBadFont
			}
			f.loca[g] = binary.BigEndian.Uint32(loca[4*g:])
		} else {
			if 2*g+2 > len(loca) {
				return nil, errBadFont
			}
			f.loca[g] = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		}
	}
	f.glyf = f.tables["glyf"]
	if int(f.loca[f.numGlyph]) > len(f.glyf) {
		return nil, errBadFont
	}
	var err error
	if f.cmap, err = parseCmap4(f.tables["cmap"]); err != nil {
		return nil, err
	}
	// Layout measures every character twice per document; most are below
	// U+3000, where a slice index is much cheaper than a map lookup.
	f.low = make([]uint16, 0x3000)
	for r, g := range f.cmap {
		if int(r) < len(f.low) {
			f.low[r] = g
		}
	}

	f.printableASCII = true
	for r := range rune(128) {
		f.asciiAdvance[r] = f.width(r)
		if r >= ' ' && r <= '~' && !f.has(r) {
			f.printableASCII = false
		}
	}

	// The descriptor values are fpdf's own reading of the font, so that a
	// document in either font path describes the font the same way.
	probe := fpdf.New("P", "pt", "A4", "")
	probe.AddUTF8FontFromBytes(fontFamily, styleNormal, ttf)
	if err := probe.Error(); err != nil {
		return nil, err
	}
	f.desc = probe.GetFontDesc(fontFamily, styleNormal)
	// A simple font's glyphs are looked up by name through the (3,1) cmap
	// only when the font says it is non-symbolic (flag 6, value 32).
	f.desc.Flags = f.desc.Flags&^4 | 32
	post := f.tables["post"]
	if len(post) >= 12 {
		f.up = scale(int(int16(binary.BigEndian.Uint16(post[8:]))))
		f.ut = scale(int(int16(binary.BigEndian.Uint16(post[10:]))))
	}
	return f, nil
}

// parseCmap4 reads the Windows Unicode BMP (3,1) format 4 subtable.
func parseCmap4(cmap []byte) (map[rune]uint16, error) {
	if len(cmap) < 4 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var sub []byte
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errBadFont
		}
		pid, eid := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if (pid == 3 && eid == 1 || pid == 0) && off+4 <= len(cmap) && binary.BigEndian.Uint16(cmap[off:]) == 4 {
			sub = cmap[off:]
			break
		}
	}
	if sub == nil || len(sub) < 14 {
		return nil, fmt.Errorf("%w: no Unicode cmap", errBadFont)
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if ranges+2*segs > len(sub) {
		return nil, errBadFont
	}
	u16 := func(p int) int {
		if p+2 > len(sub) {
			return 0
		}
		return int(binary.BigEndian.Uint16(sub[p:]))
	}
	m := make(map[rune]uint16)
	for s := range segs {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta, rangeOff := u16(deltas+2*s), u16(ranges+2*s)
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if rangeOff == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				g = u16(ranges + 2*s + rangeOff + 2*(c-start))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				m[rune(c)] = uint16(g)
			}
		}
	}
	return m, nil
}

// glyph is r's glyph id, 0 when the face has none.
func (f *fontFace) glyph(r rune) uint16 {
	if r >= 0 && int(r) < len(f.low) {
		return f.low[r]
	}
	return f.cmap[r]
}

// has reports whether the face can draw r.
func (f *fontFace) has(r rune) bool { return f.glyph(r) != 0 }

// width is r's advance in 1/1000 em; a rune without a glyph gets glyph 0's.
func (f *fontFace) width(r rune) int { return f.advance[f.glyph(r)] }

// subset returns a TrueType file holding only the glyphs of runes (and the
// components of composite glyphs), renumbered from 0 in their old order,
// with a cmap, metrics and loca for those glyphs alone: what is left of
// the cut font is its hinting program and a few fixed-size tables. The
// document's text is found through the cmap (a simple font with glyph
// names, see addSimpleFont), so new glyph ids are invisible to it.
func (f *fontFace) subset(runes []rune) []byte {
	if !slices.IsSorted(runes) { // the cmap's segments are in order
		runes = slices.Sorted(slices.Values(runes))
	}
	keep := make([]bool, f.numGlyph)
	keep[0] = true
	var stack []int
	for _, r := range runes {
		if g := f.glyph(r); g != 0 && !keep[g] {
			keep[g] = true
			stack = append(stack, int(g))
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range f.components(g) {
			if c < f.numGlyph && !keep[c] {
				keep[c] = true
				stack = append(stack, c)
			}
		}
	}
	newID := make([]uint16, f.numGlyph) // valid where keep
	var old []int                       // new id -> old id
	for g, k := range keep {
		if k {
			newID[g] = uint16(len(old))
			old = append(old, g)
		}
	}
	n := len(old)

	glyf := make([]byte, 0, 16<<10)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for id, g := range old {
		binary.BigEndian.PutUint32(loca[4*id:], uint32(len(glyf)))
		at := len(glyf)
		glyf = append(glyf, f.glyf[f.loca[g]:f.loca[g+1]]...)
		f.renumberComponents(glyf[at:], newID)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*id:], f.advanceUnits[g])
		binary.BigEndian.PutUint16(hmtx[4*id+2:], f.lsb[g])
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set by assembleTTF
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n)) // every glyph has a long metric
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))

	tables := map[string][]byte{
		"glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp,
		"cmap": cmap4(runes, func(r rune) uint16 {
			if g := f.glyph(r); g != 0 {
				return newID[g]
			}
			return 0
		}),
		// No glyph names: format 3 is the header alone.
		"post": postFormat3(f.tables["post"]),
	}
	// The hinting program and the tables that do not name glyphs are
	// kept as they are; any other table (kerning, substitutions, names,
	// which viewers do not read from a PDF's simple font) is left out.
	for _, t := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if d, ok := f.tables[t]; ok {
			tables[t] = d
		}
	}
	return assembleTTF(tables)
}

// renumberComponents rewrites the component glyph ids of data, one
// composite glyph's description, to their new ids.
func (f *fontFace) renumberComponents(data []byte, newID []uint16) {
	forEachComponent(data, func(at int) {
		if c := int(binary.BigEndian.Uint16(data[at:])); c < len(newID) {
			binary.BigEndian.PutUint16(data[at:], newID[c])
		}
	})
}

// cmap4 is a cmap table with one (3,1) format 4 subtable mapping each of
// runes (sorted, in the Basic Multilingual Plane) that id gives a glyph to
// that glyph: one segment per run of consecutive characters with
// consecutive glyphs.
func cmap4(runes []rune, id func(rune) uint16) []byte {
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, r := range runes {
		g := id(r)
		if g == 0 || r >= 0xFFFF || r < 0 {
			continue
		}
		delta := uint16(int(g) - int(r)) // modulo 65536, as the format adds it
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == uint16(r) && segs[k].delta == delta {
			segs[k].end = uint16(r)
			continue
		}
		segs = append(segs, segment{uint16(r), uint16(r), delta})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the closing segment, glyph 0
	segX2 := 2 * len(segs)
	searchRange := 2
	entrySelector := 0
	for searchRange*2 <= segX2 {
		searchRange *= 2
		entrySelector++
	}
	length := 16 + 4*segX2
	sub := make([]byte, length)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[6:], uint16(segX2))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(segX2-searchRange))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+segX2+2*i:], s.start)
		be.PutUint16(sub[16+2*segX2+2*i:], s.delta)
		// idRangeOffset stays 0: glyph = character + delta.
	}
	table := make([]byte, 12, 12+length)
	be.PutUint16(table[2:], 1) // one subtable
	be.PutUint16(table[4:], 3) // Windows
	be.PutUint16(table[6:], 1) // Unicode BMP
	be.PutUint32(table[8:], 12)
	return append(table, sub...)
}

// postFormat3 is post with the version set to 3.0: the same metrics, no
// glyph names (which would name the old glyph ids).
func postFormat3(post []byte) []byte {
	out := make([]byte, 32)
	copy(out, post)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// components lists the glyph ids a composite glyph is built from.
func (f *fontFace) components(g int) []int {
	data := f.glyf[f.loca[g]:f.loca[g+1]]
	var out []int
	forEachComponent(data, func(at int) {
		out = append(out, int(binary.BigEndian.Uint16(data[at:])))
	})
	return out
}

// forEachComponent calls fn with the offset of each component's glyph id
// in data, a glyph's description; a simple glyph has none.
func forEachComponent(data []byte, fn func(at int)) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		haveTwoByTwo   = 0x0080
	)
	for p := 10; p+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
}

// assembleTTF writes a font file from its tables, with the checksums and the
// head table's checkSumAdjustment the format asks for.
func assembleTTF(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tags), size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(len(tags)))
	es := 0
	for 1<<(es+1) <= len(tags) {
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*len(tags)-16<<es))
	headAt := 0
	// The file's checksum is the directory's plus every table's: each
	// table starts on a 4-byte boundary and is padded with zeros.
	var fileSum uint32
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		sum := ttfChecksum(d)
		fileSum += sum
		binary.BigEndian.PutUint32(rec[4:], sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	fileSum += ttfChecksum(out[:12+16*len(tags)])
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-fileSum)
	return out
}

// ttfChecksum is the sum of b's big-endian 32-bit words, b padded with
// zeros to a multiple of 4 bytes.
func ttfChecksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) {
		var w [4]byte
		copy(w[:], b[n:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// encoding gives each rune a document prints a one-byte code.
type encoding struct {
	code  map[rune]byte
	extra []rune // the runes with codes firstFreeCode.. in order
}

// newEncoding returns the one-byte encoding for the runes a document prints,
// or ok=false when there are too many to fit.
func newEncoding(used map[rune]bool) (e *encoding, ok bool) {
	e = &encoding{code: make(map[rune]byte, len(used))}
	for r := range used {
		if r >= 0x20 && r < 0x7F {
			e.code[r] = byte(r)
		} else {
			e.extra = append(e.extra, r)
		}
	}
	if len(e.extra) > 256-firstFreeCode {
		return nil, false
	}
	slices.Sort(e.extra) // map order must not reach the PDF
	for i, r := range e.extra {
		e.code[r] = byte(firstFreeCode + i)
	}
	return e, true
}

// encode maps s to its codes. Every rune of s was collected before, so the
// '?' is a guard, not a path the renderer takes. Printable ASCII keeps its
// own codes: such a string is its own encoding.
func (e *encoding) encode(s string) string {
	if printableASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := e.code[r]
		if !ok {
			c = '?'
		}
		b = append(b, c)
	}
	return string(b)
}

// printableASCII reports whether every byte of s is from ' ' to '~'.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// differences is the /Differences array naming each extra code's glyph.
func (e *encoding) differences() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", firstFreeCode)
	for _, r := range e.extra {
		fmt.Fprintf(&b, " /uni%04X", r)
	}
	return b.String()
}

// fontDef is fpdf's JSON font definition (the format of its makefont tool).
type fontDef struct {
	Tp           string
	Name         string
	Desc         fpdf.FontDescType
	Up, Ut       int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

// subsetTag is the six capital letters that PDF prefixes to the name of a
// subset font (ISO 32000-1, 9.6.4), derived from the glyphs kept so that the
// same document always gets the same tag.
func subsetTag(name string, runes []rune) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	for _, r := range runes {
		h.Write([]byte(string(r)))
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// zlibWriters keeps the compressors of the fonts' subsets between opinions
// (one is about 1 MB to set up). Not a sync.Pool, which a garbage
// collection empties: a kept compressor is never thrown away.
//
// The subsets are compressed with klauspost/compress's zlib, not the
// standard library's: it compresses a subset in half the time, in a
// different but equally valid stream; every subset the cache
// (font_cache.go) has not kept pays it.
var zlibWriters = make(chan *zlib.Writer, max(2, runtime.GOMAXPROCS(0)))

// subsetLevel is the subsets' compression level. A subset is mostly glyph
// outlines, which klauspost's fastest level (1) matches poorly. Level 4
// makes each subset 8 to 15 % smaller for about 20 µs more
// (BenchmarkSubsetCompression: 17.8 KB in 94 µs, against 16.4 KB in
// 116 µs; a sample opinion's two subsets, 14.3 KB each against 12.2 KB),
// paid only by the few documents the cache has no subset for. Higher
// levels take longer for a few bytes more.
const subsetLevel = 4

func getZlibWriter(w io.Writer) *zlib.Writer {
	select {
	case zw := <-zlibWriters:
		zw.Reset(w)
		return zw
	default:
		zw, _ := zlib.NewWriterLevel(w, subsetLevel) // a valid level: no error
		return zw
	}
}

func putZlibWriter(zw *zlib.Writer) {
	select {
	case zlibWriters <- zw:
	default: // enough kept
	}
}

// addSimpleFont registers f with pdf as a one-byte font under e, embedding
// a subset of the glyphs e uses. The subset and its definition depend only
// on the characters e codes other than the letters, so a document printing
// the same ones as a recent one embeds the bytes made for it
// (font_cache.go).
//
// Every ASCII letter is embedded, printed or not: which letters a
// document prints varies with every client's names and employers, while
// its other characters vary much less. In a generated run of 3,000
// opinions, 670 sets of characters are 224 once the letters are all in
// (92 % of documents then find their subsets made, 64 % before), for
// about 1 KB of unused letters (Z, J, K, X mostly). Every printable
// ASCII character would make 159 sets for 4.5 KB more per document.
func (f *fontFace) addSimpleFont(pdf *fpdf.Fpdf, style string, e *encoding) error {
	runes := make([]rune, 0, len(e.code)+26)
	for r := range e.code {
		if !asciiLetter(r) {
			runes = append(runes, r)
		}
	}
	for r := 'A'; r <= 'z'; r++ {
		if asciiLetter(r) {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	key := string(runes)
	sub, ok := f.subsets.get(key)
	if !ok {
		var err error
		if sub, err = f.embed(runes, e); err != nil {
			return err
		}
		f.subsets.put(key, sub)
	}
	pdf.AddFontFromDef(fontFamily, style, sub.def, sub.file)
	return pdf.Error()
}

func asciiLetter(r rune) bool { return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' }

// embed makes the subset of f for runes (sorted), coded by e: the
// compressed font file and fpdf's font definition.
func (f *fontFace) embed(runes []rune, e *encoding) (embeddedSubset, error) {
	cw := make([]int, 256)
	for i := range cw {
		cw[i] = f.desc.MissingWidth
	}
	for _, r := range runes {
		if c, ok := e.code[r]; ok {
			cw[c] = f.width(r)
		} else if asciiLetter(r) { // embedded, not printed
			cw[r] = f.width(r)
		}
	}
	ttf := f.subset(runes)
	var z bytes.Buffer
	zw := getZlibWriter(&z)
	_, err := zw.Write(ttf)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	putZlibWriter(zw)
	if err != nil {
		return embeddedSubset{}, err
	}
	js, err := json.Marshal(fontDef{
		Tp: "TrueType", Name: subsetTag(f.psName, runes) + "+" + f.psName, Desc: f.desc, Up: f.up, Ut: f.ut, Cw: cw,
		Diff: e.differences(), File: f.psName + ".z", OriginalSize: len(ttf),
	})
	if err != nil {
		return embeddedSubset{}, err
	}
	// Read once here, not by fpdf for every document that embeds it.
	def, err := fpdf.ParseFontDef(js)
	if err != nil {
		return embeddedSubset{}, err
	}
	// Kept in the cache: its exact size, not the buffer's spare room.
	return embeddedSubset{def: def, file: bytes.Clone(z.Bytes())}, nil
}
