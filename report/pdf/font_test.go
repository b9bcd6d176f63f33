package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zlib"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func faces(t testing.TB) [2]*fontFace {
	t.Helper()
	f, err := fontFaces()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFontCoverage(t *testing.T) {
	f := faces(t)
	for _, s := range []string{
		"Élodie Bérubé", "Nguyễn Thị Minh Dương Văn Trần Đặng", "Łukasz Żółć Szczęśniak", "Ødegård Åse Guðmundsdóttir Þór",
		"Σωκράτης Παπαδόπουλος ἈΘΗΝΑ", "Пётр Чайковский Ґанна Їжак", "Şükrü Çağlayan", "Արամ Խաչատրյան", "ნინო ბერიძე", "— – “ ” ‘ ’ • … € ✓ ≤ ≥",
	} {
		for _, r := range s {
			for i, face := range f {
				if !face.has(r) {
					t.Errorf("face %d cannot draw %q (U+%04X) of %q", i, r, r, s)
				}
			}
		}
	}
	// CJK is not in DejaVu; Hebrew and Arabic are, but need shaping and
	// right-to-left ordering that fpdf does not do.
	for _, r := range "中文王😀ﷺשלוםمرحبا" {
		if f[0].has(r) {
			t.Errorf("face claims to draw U+%04X, which the cut font does not keep", r)
		}
	}
}

// TestFontSubset checks the per-document font against an independent
// TrueType parser: each character asked for maps to a glyph with the cut
// font's outline and advance (composites through their renumbered
// components), characters not asked for map to nothing, and the file's
// checksum is right.
func TestFontSubset(t *testing.T) {
	for i, face := range faces(t) {
		// Runs of neighbours (0-3, A-C) share a cmap segment; ễ, Ǻ and ё
		// are composite glyphs; the order is not the characters'.
		used := []rune(" 0123ABCÉÅǺŁżΣωПёễ—")
		sub := face.subset(used)

		var sum uint32
		for i := 0; i < len(sub); i += 4 {
			sum += binary.BigEndian.Uint32(sub[i:])
		}
		if sum != 0xB1B0AFBA {
			t.Errorf("face %d: font checksum %#x, want 0xB1B0AFBA", i, sum)
		}

		f, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatalf("face %d: sfnt: %v", i, err)
		}
		orig, err := sfnt.Parse(face.ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf, obuf sfnt.Buffer
		ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
		for _, r := range used {
			g, err := f.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("face %d, %q: glyph %d, %v", i, r, g, err)
			}
			og, _ := orig.GlyphIndex(&obuf, r)
			segs, err := f.LoadGlyph(&buf, g, ppem, nil)
			osegs, oerr := orig.LoadGlyph(&obuf, og, ppem, nil)
			if err != nil || oerr != nil || (r != ' ') != (len(segs) > 0) || !slices.Equal(segs, osegs) {
				t.Errorf("face %d, %q: outline of %d segments (%v), the cut font's %d (%v)", i, r, len(segs), err, len(osegs), oerr)
			}
			adv, err := f.GlyphAdvance(&buf, g, ppem, 0)
			oadv, _ := orig.GlyphAdvance(&obuf, og, ppem, 0)
			if err != nil || adv != oadv || adv == 0 {
				t.Errorf("face %d, %q: advance %v, want %v (%v)", i, r, adv, oadv, err)
			}
		}
		for _, r := range "DEé4ж" {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g != 0 {
				t.Errorf("face %d: %q was not asked for but maps to glyph %d (%v)", i, r, g, err)
			}
		}
		if f.NumGlyphs() > 2*len(used) {
			t.Errorf("face %d: %d glyphs kept for %d characters", i, f.NumGlyphs(), len(used))
		}
		if len(sub) > 16<<10 {
			t.Errorf("face %d: subset of %d characters is %d bytes", i, len(used), len(sub))
		}
	}
}

func TestEncoding(t *testing.T) {
	used := map[rune]bool{}
	for _, r := range "Zoë Łukasz — 2026" {
		used[r] = true
	}
	e, ok := newEncoding(used)
	if !ok {
		t.Fatal("a short name did not fit one byte")
	}
	got := e.encode("Zoë 2026")
	if got[:2] != "Zo" || got[3:] != " 2026" || got[2] < firstFreeCode {
		t.Errorf("encode kept ASCII as ASCII and gave ë a high code: got %q", got)
	}
	// Sorted by code point, whatever the map order: ë U+00EB, Ł U+0141, — U+2014.
	if d := e.differences(); d != "128 /uni00EB /uni0141 /uni2014" {
		t.Errorf("differences %q", d)
	}
	many := map[rune]bool{}
	for r := rune(0x400); r < 0x400+129; r++ {
		many[r] = true
	}
	if _, ok := newEncoding(many); ok {
		t.Error("129 non-ASCII characters cannot have one-byte codes")
	}
}

func TestWrapBreaksLongWords(t *testing.T) {
	p := &pager{faces: faces(t), size: 8}
	long := strings.Repeat("Szczęśniak", 12)
	lines := p.wrap("Employer "+long+" Ltd.", 40)
	if len(lines) < 3 {
		t.Fatalf("want the long word broken over lines, got %q", lines)
	}
	if strings.ReplaceAll(strings.Join(lines, ""), " ", "") != "Employer"+long+"Ltd." {
		t.Errorf("wrapping lost characters: %q", lines)
	}
	for _, l := range lines {
		if w := p.width(l); w > 40+1e-9 {
			t.Errorf("line %q is %.1f mm wide, limit 40", l, w)
		}
	}
}

// TestWrapReplay checks that the real run takes the dry run's lines only
// for the same text, width and font: a text the dry run did not wrap at
// that point is broken afresh.
func TestWrapReplay(t *testing.T) {
	text := "The client meets the language requirement on every ability tested."
	dry := &pager{faces: faces(t), size: 9, record: true}
	want := dry.wrap(text, 40)
	other := dry.wrap(text, 80)

	// The real run measures quietly (no PDF) and still replays.
	real := &pager{faces: faces(t), size: 9, wraps: dry.wraps}
	if got := real.wrap(text, 40); !slices.Equal(got, want) {
		t.Errorf("replayed %q, want %q", got, want)
	}
	// The second call was at 80 mm; at 30 mm the lines must be 30 mm's.
	got := real.wrap(text, 30)
	if slices.Equal(got, other) || len(got) <= len(want) {
		t.Errorf("a different width took the dry run's lines: %q", got)
	}
	for _, l := range got {
		if w := real.width(l); w > 30+1e-9 {
			t.Errorf("line %q is %.1f mm wide, limit 30", l, w)
		}
	}
	// Past the end of the log, texts are broken afresh.
	if got := real.wrap(text, 40); !slices.Equal(got, want) {
		t.Errorf("after the log: %q, want %q", got, want)
	}
}

// BenchmarkSubsetCompression compresses an opinion's subset (every ASCII
// letter, digits, punctuation and a few accented letters, as
// addSimpleFont embeds) at klauspost's levels 1 to 6: the time and size
// behind subsetLevel.
func BenchmarkSubsetCompression(b *testing.B) {
	var runes []rune
	for r := rune(' '); r <= '~'; r++ {
		runes = append(runes, r)
	}
	runes = append(runes, []rune("ÉÈÀÇéèêëàâçîïôûüœ’“”–—…§•")...)
	slices.Sort(runes)
	sub := faces(b)[0].subset(runes)
	for level := 1; level <= 6; level++ {
		b.Run(fmt.Sprintf("level=%d", level), func(b *testing.B) {
			var z bytes.Buffer
			zw, err := zlib.NewWriterLevel(&z, level)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				z.Reset()
				zw.Reset(&z)
				zw.Write(sub)
				zw.Close()
			}
			b.ReportMetric(float64(z.Len()), "bytes")
		})
	}
}
