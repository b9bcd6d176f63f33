package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// The opinion is laid out by this small page writer rather than by fpdf's
// MultiCell: it measures text with the font's own widths, so the same layout
// runs twice, first dry (no PDF: it collects the characters printed and
// counts the pages, which the one-byte font encoding and "Page N of M" need),
// then for real. Both runs take the same decisions, so the page count of the
// dry run is the page count of the document.

// Page geometry, in millimetres. The text column is contentW wide on every
// paper, centred: US Letter is 5.9 mm wider and 17.6 mm shorter than A4, so
// the same tables and timeline fit both, Letter with wider side margins and
// fewer lines a page.
const (
	contentW     = 170.0
	marginTop    = 22.0
	marginBottom = 20.0
	ptToMM       = 25.4 / 72
)

// Paper is an opinion's page size (portrait).
type Paper struct {
	// Name is fpdf's size name: "Letter" or "A4".
	Name string
	// W and H are the page's width and height in mm.
	W, H float64
}

// The two papers of the page_size setting.
var (
	Letter = Paper{Name: "Letter", W: 215.9, H: 279.4}
	A4     = Paper{Name: "A4", W: 210, H: 297}
)

// PaperNamed returns the paper of a page_size setting: "letter" or "a4",
// in any case.
func PaperNamed(name string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "letter":
		return Letter, nil
	case "a4":
		return A4, nil
	}
	return Paper{}, fmt.Errorf("page size %q: write letter or a4", name)
}

// left is the left margin: the text column centred on the page.
func (pp Paper) left() float64 { return (pp.W - contentW) / 2 }

// right is the right edge of the text column.
func (pp Paper) right() float64 { return pp.left() + contentW }

// bodyBottom is the lowest a line of body text may reach.
func (pp Paper) bodyBottom() float64 { return pp.H - marginBottom }

type rgb struct{ r, g, b int }

var (
	black      = rgb{0, 0, 0}
	darkGray   = rgb{70, 70, 70}
	midGray    = rgb{120, 120, 120}
	lightGray  = rgb{235, 235, 235}
	headerFill = rgb{215, 222, 232}
	draftRed   = rgb{170, 20, 20}
	// navy is the firm's heading colour: firm name, rules, section titles.
	navy = rgb{20, 50, 90}
	// The verdict's and each requirement's colour: met, not met, for the
	// lawyer.
	metGreen    = rgb{30, 120, 60}
	notMetRed   = rgb{175, 40, 40}
	reviewAmber = rgb{190, 120, 0}
)

// pager writes the pages of one document.
type pager struct {
	pdf   *fpdf.Fpdf // nil in the dry run
	paper Paper
	// left and right are the text column's edges (from paper), in mm.
	left, right float64
	faces       [2]*fontFace
	enc         *encoding // nil: fpdf's UTF-8 path, text passes as it is
	used        map[rune]bool
	// usedASCII marks the ASCII characters already in used, so that the
	// dry run's collecting costs a bit test per character, not a map write.
	usedASCII [2]uint64

	page, pages int // current page; total pages (known in the real run)
	y           float64
	bold        bool
	size        float64 // points
	// What fpdf was last given, so that only changes are sent (each call
	// writes an operator into the page): the font (applyFont; size 0
	// before the first text), the text, fill and line colours and the line
	// width (unknown and -1 until set).
	fpdfBold                bool
	fpdfSize                float64
	textColor, fill, stroke rgb
	lineW                   float64

	// wraps are the dry run's line breaks (recorded when record is set),
	// in the order wrap was called; the real run, which wraps the same
	// texts in the same order, takes them from there (replay is its
	// position) instead of breaking every text a second time. Not keyed
	// on pdf == nil: the real run also measures quietly, with pdf unset.
	wraps  []wrapped
	record bool
	replay int
	// memo keeps the lines of texts wrapped in earlier documents (the dry
	// run looks there first); nil keeps nothing.
	memo *wrapMemo

	// decorate draws the running header and footer of the current page.
	decorate func(p *pager)
	// trace, when set, sees every text printed (tests' golden files).
	trace func(page int, x, y float64, bold bool, size float64, s string)
}

func newPager(paper Paper, faces [2]*fontFace) *pager {
	return &pager{paper: paper, left: paper.left(), right: paper.right(), faces: faces,
		textColor: unknown, fill: unknown, stroke: unknown, lineW: -1}
}

// unknown is a colour fpdf has not been given yet.
var unknown = rgb{-1, -1, -1}

func (p *pager) dry() bool { return p.pdf == nil }

// escaped reports whether r is printed as its code: a bidirectional
// formatting character, or a control character other than a line break or
// a tab (printed as a space).
func escaped(r rune) bool {
	if r < 0x80 { // nearly every character of an opinion: no table lookup
		return (r < 0x20 || r == 0x7f) && r != '\n' && r != '\t'
	}
	return unicode.Is(unicode.Bidi_Control, r) || unicode.IsControl(r)
}

// visible replaces each character the font cannot draw by a marker such as
// "[U+4E2D]", so that a missing glyph is never a silent empty box.
func (p *pager) visible(s string) string {
	if p.faces[0].printableASCII && printableOrNewline(s) {
		return s // nearly every text of an opinion
	}
	ok := true
	for _, r := range s {
		if !p.faces[0].has(r) && r != '\n' || escaped(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case escaped(r):
			// A bidi override or a control character from a name or a
			// file name is shown, never obeyed by a viewer.
			fmt.Fprintf(&b, "[U+%04X]", r)
		case p.faces[0].has(r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			fmt.Fprintf(&b, "[U+%04X]", r)
		}
	}
	return b.String()
}

// printableOrNewline reports whether s is printable ASCII and line breaks
// only: what visible passes as it is without looking at the font.
func printableOrNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' || c > '~') && c != '\n' {
			return false
		}
	}
	return true
}

// setFont makes bold and size the font of what is measured and printed
// next. fpdf hears of it only when a text is printed (text): layout
// switches fonts to measure far more often than it prints, and fpdf
// writes every switch into the page.
func (p *pager) setFont(bold bool, size float64) {
	p.bold, p.size = bold, size
}

// applyFont tells fpdf the current font, if it is not the one fpdf has.
func (p *pager) applyFont() {
	if p.fpdfSize == p.size && p.fpdfBold == p.bold {
		return
	}
	style := styleNormal
	if p.bold {
		style = styleBold
	}
	p.pdf.SetFont(fontFamily, style, p.size)
	p.fpdfBold, p.fpdfSize = p.bold, p.size
}

func (p *pager) face() *fontFace {
	if p.bold {
		return p.faces[1]
	}
	return p.faces[0]
}

// width of s (already visible) in mm at the current font.
func (p *pager) width(s string) float64 { return p.mm(p.units(s)) }

// units is the advance of s in the current font, in thousandths of an em.
func (p *pager) units(s string) int {
	f := p.face()
	u := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				u += f.width(r)
			}
			return u
		}
		u += f.asciiAdvance[s[i]]
	}
	return u
}

// mm converts units at the current font size to millimetres.
func (p *pager) mm(units int) float64 { return float64(units) * p.size / 1000 * ptToMM }

// lineH is the leading of the current font size, in mm.
func (p *pager) lineH() float64 { return p.size * 1.3 * ptToMM }

func (p *pager) color(c rgb) {
	// fpdf formats the colour's operator anew on every call, and layout
	// sets the colour before nearly every text, mostly to what it was.
	if p.pdf != nil && p.textColor != c {
		p.pdf.SetTextColor(c.r, c.g, c.b)
		p.textColor = c
	}
}

// text prints s with its baseline at (x, y).
func (p *pager) text(x, y float64, s string) {
	s = p.visible(s)
	if p.dry() {
		p.collect(s)
		return
	}
	if p.trace != nil {
		p.trace(p.page, x, y, p.bold, p.size, s)
	}
	if p.enc != nil {
		s = p.enc.encode(s)
	}
	p.applyFont()
	// Glyphs are painted in the fill colour. With the fill colour left at
	// the text colour, fpdf prints a line as it is; otherwise it wraps
	// every line in "q <colour> ... Q" to paint it in the text colour.
	if p.textColor == unknown {
		p.color(black)
	}
	p.setFill(p.textColor)
	p.pdf.Text(x, y, s)
}

// collect adds the characters of s to p.used.
func (p *pager) collect(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if r < utf8.RuneSelf {
					p.collectASCII(byte(r))
				} else {
					p.used[r] = true
				}
			}
			return
		}
		p.collectASCII(c)
	}
}

func (p *pager) collectASCII(c byte) {
	if bit := uint64(1) << (c & 63); p.usedASCII[c>>6]&bit == 0 {
		p.usedASCII[c>>6] |= bit
		p.used[rune(c)] = true
	}
}

// textRight prints s ending at x.
func (p *pager) textRight(x, y float64, s string) {
	p.text(x-p.width(p.visible(s)), y, s)
}

func (p *pager) rect(x, y, w, h float64, fill rgb, style string) {
	if p.pdf != nil {
		p.setFill(fill)
		p.pdf.Rect(x, y, w, h, style)
	}
}

// setFill makes c the fill colour, writing the operator only when it
// changes.
func (p *pager) setFill(c rgb) {
	if p.fill != c {
		p.pdf.SetFillColor(c.r, c.g, c.b)
		p.fill = c
	}
}

func (p *pager) line(x1, y1, x2, y2 float64, c rgb, width float64) {
	if p.pdf != nil {
		if p.stroke != c {
			p.pdf.SetDrawColor(c.r, c.g, c.b)
			p.stroke = c
		}
		if p.lineW != width {
			p.pdf.SetLineWidth(width)
			p.lineW = width
		}
		p.pdf.Line(x1, y1, x2, y2)
	}
}

// wrapped is one call of wrap and its lines.
type wrapped struct {
	wrapKey
	lines []string
}

// wrap breaks s into lines no wider than w mm at the current font. The
// lines are shared with the other run: callers read them, never change
// them.
func (p *pager) wrap(s string, w float64) []string {
	k := wrapKey{s: s, w: w, bold: p.bold, size: p.size}
	if p.record {
		lines, ok := p.memo.get(k)
		if !ok {
			lines = p.breakLines(s, w)
			p.memo.put(k, lines)
		}
		p.wraps = append(p.wraps, wrapped{k, lines})
		return lines
	}
	if p.replay < len(p.wraps) {
		e := &p.wraps[p.replay]
		p.replay++
		if e.wrapKey == k {
			return e.lines
		}
	}
	// Not what the dry run wrapped here: the layouts differ, which the
	// page count check reports; the lines are still right.
	return p.breakLines(s, w)
}

// breakLines is wrap's work. Long words (an employer name with no space)
// break between characters.
func (p *pager) breakLines(s string, w float64) []string {
	s = p.visible(s)
	space := p.face().width(' ')
	var lines []string
	var line []byte // the line being filled, lineU wide (units)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r", "")
	}
	// The paragraphs and words are iterated over, not collected: wrap runs
	// for every text of both passes of the layout.
	for para := range strings.SplitSeq(s, "\n") {
		line = line[:0]
		lineU := 0
		empty := true
		// No-break spaces hold their words together (breaksLine).
		for word := range strings.FieldsFuncSeq(para, breaksLine) {
			empty = false
			// Widths add up in whole units, so each word is measured
			// once, not the whole line again for every word.
			wordU := p.units(word)
			switch {
			case len(line) == 0 && p.mm(wordU) <= w:
				line, lineU = append(line, word...), wordU
				continue
			case len(line) > 0 && p.mm(lineU+space+wordU) <= w:
				line, lineU = append(append(line, ' '), word...), lineU+space+wordU
				continue
			case len(line) > 0:
				lines = append(lines, string(line))
			}
			for p.mm(wordU) > w {
				cut := p.fit(word, w)
				lines = append(lines, word[:cut])
				word = word[cut:]
				wordU = p.units(word)
			}
			line, lineU = append(line[:0], word...), wordU
		}
		if empty {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, string(line))
	}
	return lines
}

// breaksLine reports a space a line may break at: any space but the
// no-break ones, which French puts in numbers ("1 560,0 h") and before
// its colons.
func breaksLine(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F'
}

// fit returns the byte length of the longest prefix of s (at least one
// character) that is no wider than w.
func (p *pager) fit(s string, w float64) int {
	cut, total := 0, 0.0
	for i, r := range s {
		rw := float64(p.face().width(r)) * p.size / 1000 * ptToMM
		if total+rw > w && i > 0 {
			return i
		}
		total += rw
		cut = i + len(string(r))
	}
	return cut
}

func (p *pager) newPage() {
	p.page++
	if p.pdf != nil {
		p.pdf.AddPage()
	}
	p.y = marginTop
	if p.decorate != nil {
		bold, size := p.bold, p.size
		p.decorate(p)
		p.setFont(bold, size)
		p.color(black)
	}
}

// ensure starts a new page unless h mm fit above the bottom margin.
func (p *pager) ensure(h float64) bool {
	if p.y+h > p.paper.bodyBottom() {
		p.newPage()
		return true
	}
	return false
}

// para prints s wrapped to the content width at x, breaking pages as needed.
func (p *pager) para(s string, indent float64) {
	lh := p.lineH()
	for _, l := range p.wrap(s, contentW-indent) {
		p.ensure(lh)
		p.text(p.left+indent, p.y+lh*0.75, l)
		p.y += lh
	}
}

// heading prints a section title, keeping it with at least minBody mm of
// what follows.
func (p *pager) heading(s string, minBody float64) {
	p.y += 3
	p.setFont(true, 12)
	// A heading longer than the line (a French one) wraps rather than
	// running past the margin.
	lines := p.wrap(s, contentW)
	// The heading's lines, the 2 mm of its rule below them, and what must
	// follow it on the same page.
	p.ensure(float64(len(lines))*p.lineH() + 2 + minBody)
	p.color(navy)
	for _, l := range lines {
		p.text(p.left, p.y+p.lineH()*0.75, l)
		p.y += p.lineH()
	}
	p.y += 0.5
	p.line(p.left, p.y, p.right, p.y, navy, 0.3)
	p.y += 1.5
	p.color(black)
	p.setFont(false, 9.5)
}

// labelled prints "label  value" with the value wrapped in a hanging column.
func (p *pager) labelled(label, value string, labelW float64) {
	size := p.size
	lh := p.lineH()
	lines := p.wrap(value, contentW-labelW)
	p.ensure(lh * float64(min(len(lines), 3)))
	p.setFont(true, size)
	p.text(p.left, p.y+lh*0.75, label)
	p.setFont(false, size)
	for i, l := range lines {
		if i > 0 {
			p.ensure(lh)
		}
		p.text(p.left+labelW, p.y+lh*0.75, l)
		p.y += lh
	}
}

// bullets prints a list, each item wrapped with a hanging indent.
func (p *pager) bullets(items []string) {
	lh := p.lineH()
	for _, it := range items {
		lines := p.wrap(it, contentW-5)
		p.ensure(lh * float64(min(len(lines), 2)))
		for i, l := range lines {
			if i > 0 {
				p.ensure(lh)
			} else {
				p.text(p.left+1, p.y+lh*0.75, "•")
			}
			p.text(p.left+5, p.y+lh*0.75, l)
			p.y += lh
		}
		p.y += 0.6
	}
}

// column of a table.
type column struct {
	title string
	width float64 // mm
	right bool    // right-aligned (numbers)
}

// table prints rows under a header row; a row that does not fit starts a new
// page, where the header is printed again. Cells wrap; a row never splits.
func (p *pager) table(cols []column, rows [][]string) {
	const pad = 1.2
	size := 8.0
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	header := func() {
		p.setFont(true, size)
		wrapped, h := p.wrapCells(cols, titles, pad)
		p.rect(p.left, p.y, contentW, h, headerFill, "F")
		p.drawCells(cols, wrapped, pad)
		p.y += h
		p.setFont(false, size)
	}
	p.ensure(p.tableStart(cols, rows)) // the header never ends a page alone
	header()
	for ri, row := range rows {
		p.setFont(false, size)
		wrapped, h := p.wrapCells(cols, row, pad)
		if p.ensure(h) {
			header()
		}
		if ri%2 == 1 {
			p.rect(p.left, p.y, contentW, h, lightGray, "F")
		}
		p.drawCells(cols, wrapped, pad)
		p.y += h
		p.line(p.left, p.y, p.right, p.y, rgb{190, 190, 190}, 0.1)
	}
	p.y += 2
}

// tableStart is the height of a table's header with its first row, which
// stand on one page together (a first row taller than half a page excepted:
// it breaks across pages anyway).
func (p *pager) tableStart(cols []column, rows [][]string) (h float64) {
	const pad, size = 1.2, 8.0
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	// Measured without touching the page: no font change is written.
	quietly(p, func() {
		p.setFont(true, size)
		_, head := p.wrapCells(cols, titles, pad)
		p.setFont(false, size)
		first := p.lineH() + 2*pad
		if len(rows) > 0 {
			_, first = p.wrapCells(cols, rows[0], pad)
		}
		if body := p.paper.bodyBottom() - marginTop; first > body/2 {
			first = 3*p.lineH() + 2*pad
		}
		h = head + first
	})
	return h
}

// wrapCells wraps each cell of a row to its column in the current font and
// returns the lines and the row's height.
func (p *pager) wrapCells(cols []column, cells []string, pad float64) ([][]string, float64) {
	wrapped := make([][]string, len(cols))
	n := 1
	for i, c := range cols {
		if i < len(cells) {
			wrapped[i] = p.wrap(cells[i], c.width-2*pad)
		}
		n = max(n, len(wrapped[i]))
	}
	return wrapped, float64(n)*p.lineH() + 2*pad
}

// drawCells prints a wrapped row at the current position.
func (p *pager) drawCells(cols []column, wrapped [][]string, pad float64) {
	lh := p.lineH()
	x := p.left
	for i, c := range cols {
		for j, l := range wrapped[i] {
			yb := p.y + pad + lh*(float64(j)+0.75)
			if c.right {
				p.textRight(x+c.width-pad, yb, l)
			} else {
				p.text(x+pad, yb, l)
			}
		}
		x += c.width
	}
}
