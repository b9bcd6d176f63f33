package docx

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/cecbatch/cecbatch/report/doc"
)

// body writes a document's blocks as WordprocessingML.
type body struct {
	doc   *doc.Document
	lang  string // Word's language tag, on every run
	textW int    // the text column, in twips
	// omitLetterhead leaves the firm's name and address out of the body:
	// the reference document's header carries the letterhead.
	omitLetterhead bool

	out    *bytes.Buffer // document.xml, the body's blocks after its start
	images []picture
	// keep holds the paragraphs after a KeepRest heading together.
	keep    bool
	drawing int // the last drawing's id
	// drawingAlt is the next picture's description.
	drawingAlt string
	// space is the room, in twips, a Space block leaves before the next
	// paragraph.
	space int
}

// picture is a picture of the body, stored as word/media/imageN.ext.
type picture struct {
	id, ext string
	data    []byte
	// pooled: data is timelinePNG's buffer, given back once the
	// document is written.
	pooled bool
}

var toneColor = map[doc.Tone]string{
	doc.Neutral: "000000",
	doc.Good:    "1E783C",
	doc.Bad:     "AF2828",
	doc.Warn:    "BE7800",
	doc.Muted:   darkGray,
	doc.Urgent:  "CD5500",
}

// pPr is a paragraph's properties, written in the schema's order.
type pPr struct {
	style                 string
	keepNext, keepLines   bool
	border                string // the whole <w:pBdr>
	tabs                  string // the whole <w:tabs>
	spacingBefore         int    // twips; -1: the style's
	indLeft, indHanging   int    // twips
	right                 bool
	hasSpacing, hasIndent bool
}

// write writes the properties to b.
func (p pPr) write(b *bytes.Buffer, keepAll bool) {
	b.WriteString(`<w:pPr>`)
	if p.style != "" && p.style != stNormal {
		b.WriteString(`<w:pStyle w:val="`)
		b.WriteString(p.style)
		b.WriteString(`"/>`)
	}
	if p.keepNext || keepAll {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.keepLines {
		b.WriteString(`<w:keepLines/>`)
	}
	b.WriteString(p.border)
	b.WriteString(p.tabs)
	if p.hasSpacing {
		b.WriteString(`<w:spacing w:before="`)
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(p.spacingBefore), 10))
		b.WriteString(`"/>`)
	}
	if p.hasIndent {
		b.WriteString(`<w:ind w:left="`)
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(p.indLeft), 10))
		b.WriteString(`" w:hanging="`)
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(p.indHanging), 10))
		b.WriteString(`"/>`)
	}
	if p.right {
		b.WriteString(`<w:jc w:val="right"/>`)
	}
	b.WriteString(`</w:pPr>`)
}

// A paragraph is written straight into document.xml: begin, its runs
// (b.run, or raw run XML into b.out), end, so that no run or paragraph is
// a string of its own to be copied again: the Word draft's XML was a
// third of what a run with Word drafts allocated.

// begin starts a paragraph of properties p, after the room a Space block
// left.
func (b *body) begin(p pPr) {
	heading := p.style == stHeading1 || p.style == stHeading2 || p.style == stHeading3 || p.style == stTitle
	if b.space > 0 && !p.hasSpacing && !heading { // a heading's style spaces it more
		p.hasSpacing, p.spacingBefore = true, b.space
	}
	b.space = 0
	b.out.WriteString(`<w:p>`)
	p.write(b.out, b.keep)
}

// end ends the paragraph begin started.
func (b *body) end() { b.out.WriteString(`</w:p>`) }

// para is a paragraph of one run of text.
func (b *body) para(p pPr, s string, rp runProps) {
	b.begin(p)
	writeRun(b.out, s, rp)
	b.end()
}

// run adds s as runs to the paragraph begun.
func (b *body) run(s string, rp runProps) { writeRun(b.out, s, rp) }

// runProps are a run's direct properties: what its style does not say.
type runProps struct {
	bold  bool
	color string
	size  float64 // points; 0: the style's
	lang  string
}

// write writes the properties as a <w:rPr>, if there are any.
func (rp runProps) write(o *bytes.Buffer) {
	if !rp.bold && rp.color == "" && rp.size <= 0 && rp.lang == "" {
		return
	}
	o.WriteString(`<w:rPr>`)
	if rp.bold {
		o.WriteString(`<w:b/><w:bCs/>`)
	}
	if rp.color != "" {
		o.WriteString(`<w:color w:val="`)
		o.WriteString(rp.color)
		o.WriteString(`"/>`)
	}
	if rp.size > 0 {
		writeSize(o, rp.size)
	}
	if rp.lang != "" {
		o.WriteString(`<w:lang w:val="`)
		o.WriteString(rp.lang)
		o.WriteString(`"/>`)
	}
	o.WriteString(`</w:rPr>`)
}

// writeRun writes s as runs: a line break in s is a break, a tab a tab.
func writeRun(o *bytes.Buffer, s string, rp runProps) {
	if s == "" {
		return
	}
	o.WriteString(`<w:r>`)
	rp.write(o)
	if !strings.ContainsAny(s, "\r\n\t") { // nearly every run: one piece
		o.WriteString(`<w:t xml:space="preserve">`)
		o.WriteString(esc(s)) // plain text, nearly always: s itself
		o.WriteString(`</w:t></w:r>`)
		return
	}
	for i, line := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		if i > 0 {
			o.WriteString(`<w:br/>`)
		}
		for j, piece := range strings.Split(line, "\t") {
			if j > 0 {
				o.WriteString(`<w:tab/>`)
			}
			if piece != "" {
				o.WriteString(`<w:t xml:space="preserve">`)
				o.WriteString(esc(piece))
				o.WriteString(`</w:t>`)
			}
		}
	}
	o.WriteString(`</w:r>`)
}

// run is s as runs (writeRun), for the header and footer.
func run(s string, rp runProps) string {
	var b bytes.Buffer
	writeRun(&b, s, rp)
	return b.String()
}

// esc writes s as XML text. A bidirectional or control character is
// shown as its code ("[U+202E]"), as the PDF does, so that no viewer
// reorders or hides the text around it; characters XML cannot hold are
// shown so too.
func esc(s string) string {
	if plainXML(s) {
		return s
	}
	return escRunes(s)
}

// escRunes is esc's work, character by character.
func escRunes(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case unicode.Is(unicode.Bidi_Control, r) || unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			fmt.Fprintf(&b, "[U+%04X]", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainXML reports whether esc would return s as it is: printable ASCII
// (tabs and line breaks too) without a character XML escapes.
func plainXML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ' && c != '\t' && c != '\n', c >= 0x7F, c == '&', c == '<', c == '>', c == '"':
			return false
		}
	}
	return true
}

// styleOf is a paragraph style's Word style.
func styleOf(s doc.Style) string {
	switch s {
	case doc.Small:
		return stSmall
	case doc.Note:
		return stNote
	case doc.Strong:
		return stStrong
	case doc.Lead:
		return stLead
	}
	return stNormal
}

func (b *body) blocks() error {
	rp := runProps{lang: b.lang}
	for i, bl := range b.doc.Blocks {
		last := i == len(b.doc.Blocks)-1
		switch bl := bl.(type) {
		case *doc.Letterhead:
			b.letterhead(bl)
		case *doc.Title:
			b.para(pPr{style: stTitle}, bl.Text, rp)
		case *doc.Heading:
			style := stHeading1
			if bl.Level > 1 {
				style = stHeading3
			}
			b.para(pPr{style: style}, bl.Text, rp)
			if bl.KeepRest {
				b.keep = true
			}
		case *doc.Para:
			b.para(pPr{style: styleOf(bl.Style), keepNext: b.keep && !last}, bl.Text, rp)
		case *doc.Fields:
			style := stField
			if bl.Style == doc.Small {
				style = stFieldSmall
			}
			b.fields(bl.Rows, bl.LabelW, style, false)
		case *doc.Verdict:
			p := pPr{style: stVerdict, keepLines: true,
				border: `<w:pBdr><w:left w:val="single" w:sz="36" w:space="6" w:color="` + toneColor[bl.Tone] + `"/></w:pBdr>`}
			b.begin(p)
			b.run(bl.Label, runProps{bold: true, color: toneColor[bl.Tone], lang: b.lang})
			b.out.WriteString(`<w:r><w:br/></w:r>`)
			b.run(bl.Text, rp)
			b.end()
		case *doc.Requirement:
			b.begin(pPr{style: stHeading2})
			b.run(bl.Title, rp)
			b.out.WriteString(`<w:r><w:tab/></w:r>`)
			b.run(bl.Outcome, runProps{bold: true, color: toneColor[bl.Tone], size: 9, lang: b.lang})
			b.end()
			// A requirement's Rule, Facts, Finding and Authority stay on
			// the page of its title, as the PDF keeps them.
			b.fields(bl.Fields, bl.LabelW, stFieldSmall, true)
		case *doc.Bullets:
			style := stList
			if bl.Style == doc.Small || bl.Style == doc.Note {
				style = stListSmall
			}
			for _, it := range bl.Items {
				b.para(pPr{style: style}, it, rp)
			}
		case *doc.Table:
			b.table(bl)
		case *doc.Space:
			// Before the next paragraph, beyond what its style leaves.
			b.space += twips(bl.MM)
		case *doc.Signature:
			b.para(pPr{style: stSignature}, bl.Label+" ______________________________   "+bl.DateLabel+" ______________", rp)
			b.para(pPr{hasIndent: true, indLeft: twips(22)}, bl.Name, runProps{color: darkGray, size: 8.5, lang: b.lang})
		case *doc.Signoff:
			b.para(pPr{keepNext: true}, bl.Closing, rp)
			b.para(pPr{keepNext: bl.Firm != "", hasSpacing: true, spacingBefore: 720}, bl.Name, runProps{bold: true, lang: b.lang})
			if bl.Firm != "" {
				b.para(pPr{}, bl.Firm, rp)
			}
		case *doc.Timeline:
			if err := b.timeline(bl); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *body) letterhead(lh *doc.Letterhead) {
	rp := runProps{lang: b.lang}
	if !b.omitLetterhead {
		if lh.Logo != nil {
			ext := "png"
			if lh.Logo.Type == "JPG" {
				ext = "jpeg"
			}
			b.begin(pPr{})
			b.inline(lh.Logo.Data, ext, lh.Logo.W, lh.Logo.H, "Logo")
			b.end()
		}
		lines := []struct{ style, text string }{{stFirm, lh.Firm}, {stContact, lh.Address}, {stContact, lh.Contact}}
		last := 0
		for i, l := range lines {
			if l.text != "" {
				last = i
			}
		}
		for i, l := range lines {
			if l.text == "" {
				continue
			}
			p := pPr{style: l.style}
			if i == last {
				p.border = `<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="` + navy + `"/></w:pBdr>`
			}
			b.para(p, l.text, rp)
		}
	}
	if lh.Title != "" {
		b.para(pPr{style: stTitle}, lh.Title, rp)
	} else {
		b.space = twips(6) // a letter's date stands apart from the letterhead
	}
}

// fields writes labelled values: the label, a tab, the value hanging at
// the label column's width.
func (b *body) fields(rows []doc.Field, labelW float64, style string, together bool) {
	// A label longer than the column (a French one) widens it: about
	// 2.1 mm a character of bold 10-point Arial.
	for _, f := range rows {
		labelW = max(labelW, float64(len([]rune(f.Label)))*2.1+2)
	}
	w := twips(labelW)
	tabs := fmt.Sprintf(`<w:tabs><w:tab w:val="left" w:pos="%d"/></w:tabs>`, w)
	for i, f := range rows {
		b.begin(pPr{style: style, tabs: tabs, hasIndent: true, indLeft: w, indHanging: w, keepNext: together && i < len(rows)-1, keepLines: together})
		b.run(f.Label, runProps{bold: true, lang: b.lang})
		b.out.WriteString(`<w:r><w:tab/></w:r>`)
		b.run(f.Value, runProps{lang: b.lang})
		b.end()
	}
}

// table writes a table in the opinion's table style: the header row
// repeated on each page, rows that never split, the columns in the
// model's proportions across the text column.
func (b *body) table(t *doc.Table) {
	total := 0.0
	for _, c := range t.Cols {
		total += c.Width
	}
	widths := make([]int, len(t.Cols))
	for i, c := range t.Cols {
		widths[i] = int(float64(b.textW) * c.Width / total)
	}
	o := b.out
	fmt.Fprintf(o, `<w:tbl><w:tblPr><w:tblStyle w:val="%s"/><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`+
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`, stTable, b.textW)
	for _, w := range widths {
		fmt.Fprintf(o, `<w:gridCol w:w="%d"/>`, w)
	}
	o.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		o.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			o.WriteString(`<w:tblHeader/>`)
		}
		o.WriteString(`</w:trPr>`)
		for i, c := range t.Cols {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			o.WriteString(`<w:tc><w:tcPr><w:tcW w:w="`)
			o.Write(strconv.AppendInt(o.AvailableBuffer(), int64(widths[i]), 10))
			o.WriteString(`" w:type="dxa"/></w:tcPr>`)
			// A line break in a cell is a paragraph of its own, which
			// does not take the table's keep or the room of a Space.
			for _, line := range strings.Split(cell, "\n") {
				o.WriteString(`<w:p>`)
				pPr{style: stTableText, right: c.Right}.write(o, false)
				writeRun(o, line, runProps{bold: header, lang: b.lang})
				o.WriteString(`</w:p>`)
			}
			o.WriteString(`</w:tc>`)
		}
		o.WriteString(`</w:tr>`)
	}
	titles := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		titles[i] = c.Title
	}
	row(titles, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	o.WriteString(`</w:tbl>`)
	// A paragraph after the table keeps it apart from the next one.
	b.para(pPr{style: stTableText}, "", runProps{})
}

// timeline embeds the case at a glance as a picture across the text
// column, its description the dates it marks.
func (b *body) timeline(t *doc.Timeline) error {
	width := float64(b.textW) * 25.4 / 1440
	data, height, err := timelinePNG(t, width)
	if err != nil {
		return err
	}
	var alt []string
	for _, m := range t.Markers {
		alt = append(alt, m.Label)
	}
	b.drawingAlt = strings.Join(alt, "; ")
	b.begin(pPr{keepLines: true})
	b.inline(data, "png", width, height, "Timeline")
	b.images[len(b.images)-1].pooled = true
	b.end()
	return nil
}

// releasePictures gives back the pictures' pooled buffers: the document
// is written, or abandoned.
func (b *body) releasePictures() {
	for i, img := range b.images {
		if img.pooled {
			releasePNG(img.data)
			b.images[i].data = nil
		}
	}
}

// inline adds an image to the package and writes the run that shows it
// inline, w by h millimetres.
func (b *body) inline(data []byte, ext string, w, h float64, name string) {
	b.drawing++
	id := fmt.Sprintf("rIdImage%d", len(b.images)+1)
	b.images = append(b.images, picture{id: id, ext: ext, data: data})
	alt := b.drawingAlt
	b.drawingAlt = ""
	cx, cy := emu(w), emu(h)
	fmt.Fprintf(b.out, `<w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`+
		`<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="%d" name="%s %d" descr="%s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%d" name="%s.%s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
		cx, cy, b.drawing, name, b.drawing, esc(alt), b.drawing, name, ext, id, cx, cy)
}
