// Package pdf renders a document of the model (report/doc) as a PDF: the
// opinion draft, the client letter and the rule book. Text is real text in
// DejaVu Sans (any Latin script, Greek, Cyrillic), subset per document; a
// character the font lacks is printed as a visible [U+XXXX] marker. Every
// page carries the header (the DRAFT marking) and the footer with "Page N
// of M". The same document and date give byte-identical files.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cecbatch/cecbatch/report/doc"
)

// Renderer writes documents as PDFs on one paper. It prepares the fonts
// once per process and is safe for concurrent use.
type Renderer struct {
	paper Paper
	faces [2]*fontFace
	// wraps keeps the line breaks of recent documents' texts (a memo).
	wraps *wrapMemo

	// Hooks for tests and benchmarks; nil in production.
	// utf8TTF forces fpdf's own UTF-8 font path with these regular and
	// bold fonts.
	utf8TTF *[2][]byte
	// trace sees every text the real run prints, for golden files.
	trace func(page int, x, y float64, bold bool, size float64, s string)
}

// New prepares a renderer for paper (Letter or A4).
func New(paper Paper) (*Renderer, error) {
	if paper.W <= contentW || paper.H <= marginTop+marginBottom {
		return nil, fmt.Errorf("paper %q: no page size given", paper.Name)
	}
	faces, err := fontFaces()
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	return &Renderer{paper: paper, faces: faces, wraps: newWrapMemo(wrapMemoSize)}, nil
}

// Paper is the renderer's paper.
func (r *Renderer) Paper() Paper { return r.paper }

// Has reports whether the documents' font draws ch.
func (r *Renderer) Has(ch rune) bool { return r.faces[0].has(ch) }

// TextWidth is the printed width of s in millimetres, in the regular or
// bold face at size points.
func (r *Renderer) TextWidth(bold bool, size float64, s string) float64 {
	p := newPager(r.paper, r.faces)
	p.bold, p.size = bold, size
	return p.width(p.visible(s))
}

// WithTrace returns a renderer that calls fn with every text it prints:
// page, position of the baseline (mm), face, size and text.
func (r *Renderer) WithTrace(fn func(page int, x, y float64, bold bool, size float64, s string)) *Renderer {
	rr := *r
	rr.trace = fn
	return &rr
}

// WithUTF8Fonts returns a renderer that embeds these regular and bold
// TrueType fonts through fpdf's own UTF-8 path (benchmarks: the cost of
// the stock path).
func (r *Renderer) WithUTF8Fonts(regular, bold []byte) *Renderer {
	rr := *r
	rr.utf8TTF = &[2][]byte{regular, bold}
	return &rr
}

// CutFonts are the regular and bold fonts cut to the scripts kept.
func (r *Renderer) CutFonts() (regular, bold []byte) { return r.faces[0].ttf, r.faces[1].ttf }

// Render writes d as a PDF.
func (r *Renderer) Render(w io.Writer, d *doc.Document) error {
	names := map[*doc.Image]string{}
	var images []*doc.Image
	for _, b := range d.Blocks {
		if lh, ok := b.(*doc.Letterhead); ok && lh.Logo != nil {
			names[lh.Logo] = "logo"
			if len(images) > 0 {
				names[lh.Logo] = fmt.Sprintf("logo%d", len(images))
			}
			images = append(images, lh.Logo)
		}
	}
	job := pdfJob{
		paper: r.paper, faces: r.faces, wraps: r.wraps, utf8TTF: r.utf8TTF, trace: r.trace,
		title: d.Title, author: d.Author, stamp: d.Date,
		write: func(p *pager) { layout(p, d, names) },
	}
	if len(images) > 0 {
		job.images = func(pdf *fpdf.Fpdf) {
			for _, img := range images {
				pdf.RegisterImageOptionsReader(names[img], fpdf.ImageOptions{ImageType: img.Type}, bytes.NewReader(img.Data))
			}
		}
	}
	return job.run(w)
}

// ImageSize checks that data is a PNG or JPEG fpdf can embed and returns
// its type ("PNG" or "JPG") and its proportions (width over height).
func ImageSize(data []byte) (typ string, ratio float64, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		typ = "PNG"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		typ = "JPG"
	default:
		return "", 0, fmt.Errorf("not a PNG or JPEG image")
	}
	probe := fpdf.New("P", "mm", "A4", "")
	info := probe.RegisterImageOptionsReader("probe", fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
	if err := probe.Error(); err != nil || info == nil || info.Height() <= 0 {
		return "", 0, fmt.Errorf("cannot read the image (%v)", err)
	}
	return typ, info.Width() / info.Height(), nil
}

// The colours of verdicts and outcomes.
var toneColor = map[doc.Tone]rgb{
	doc.Neutral: black,
	doc.Good:    metGreen,
	doc.Bad:     notMetRed,
	doc.Warn:    reviewAmber,
	doc.Muted:   darkGray,
	doc.Urgent:  urgentOrange,
}

// urgentOrange is the warning colour of an eligible client whose latest
// safe date is near: eligible, but not green.
var urgentOrange = rgb{205, 85, 0}

func rgbOf(c doc.RGB) rgb { return rgb{int(c.R), int(c.G), int(c.B)} }

// setStyle sets the font of a paragraph style, unless it is set: fpdf
// writes every font change into the page. After a table it is always
// set, as the opinion has always done, so that its PDFs keep their bytes.
func setStyle(p *pager, s doc.Style, fresh *bool) {
	bold, size := false, 9.5
	switch s {
	case doc.Small:
		size = 9
	case doc.Note:
		size = 8
	case doc.Strong:
		bold = true
	case doc.Lead:
		bold, size = true, 9
	}
	if p.bold != bold || p.size != size || *fresh {
		p.setFont(bold, size)
	}
	*fresh = false
}

func layout(p *pager, d *doc.Document, images map[*doc.Image]string) {
	p.decorate = func(p *pager) { decorate(p, d) }
	p.setFont(false, 9.5)
	p.newPage()
	fresh := false // the last block was a table
	for i, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Letterhead:
			letterhead(p, b, images[b.Logo])
		case *doc.Title:
			p.setFont(true, 15)
			p.color(navy)
			for _, l := range p.wrap(b.Text, contentW) {
				p.text(p.left, p.y+p.lineH()*0.75, l)
				p.y += p.lineH()
			}
			p.color(black)
		case *doc.Heading:
			if b.Level > 1 {
				setStyle(p, doc.Lead, &fresh)
				p.para(b.Text, 0)
				continue
			}
			keep := b.Keep
			if b.KeepRest {
				// What follows, to the end (the heading counts its rule).
				keep = measure(p, d.Blocks[i+1:])
			}
			if i+1 < len(d.Blocks) {
				// A heading never ends a page without its first block.
				switch next := d.Blocks[i+1].(type) {
				case *doc.Requirement:
					keep = max(keep, requirementHead(p, next)+1)
				case *doc.Table:
					keep = max(keep, p.tableStart(tableColumns(next), next.Rows))
				}
			}
			p.heading(b.Text, keep)
		case *doc.Para:
			setStyle(p, b.Style, &fresh)
			p.para(b.Text, 0)
		case *doc.Fields:
			setStyle(p, b.Style, &fresh)
			w := labelWidth(p, b.Rows, b.LabelW)
			for _, f := range b.Rows {
				p.labelled(f.Label, f.Value, w)
			}
		case *doc.Verdict:
			verdict(p, b)
		case *doc.Requirement:
			requirement(p, b)
		case *doc.Bullets:
			setStyle(p, b.Style, &fresh)
			p.bullets(b.Items)
		case *doc.Table:
			p.table(tableColumns(b), b.Rows)
			fresh = true
		case *doc.Space:
			p.y += b.MM
		case *doc.Signature:
			signature(p, b)
		case *doc.Signoff:
			signoff(p, b)
		case *doc.Timeline:
			p.y = b.Draw(canvas{p}, p.left, p.y, contentW)
			p.color(black)
		}
	}
}

// tableColumns are t's columns as the pager draws them.
func tableColumns(t *doc.Table) []column {
	cols := make([]column, len(t.Cols))
	for j, c := range t.Cols {
		cols[j] = column{title: c.Title, width: c.Width, right: c.Right}
	}
	return cols
}

// labelWidth is the label column's width: the model's, or wider when a
// label (a French one) would run into its value.
func labelWidth(p *pager, rows []doc.Field, w float64) float64 {
	quietly(p, func() {
		p.bold = true
		for _, f := range rows {
			w = max(w, p.width(p.visible(f.Label))+2.5)
		}
	})
	return w
}

// quietly measures with the pager and puts its font back, without a word
// to the PDF: fpdf writes every font change into the page.
func quietly(p *pager, measure func()) {
	pdf, bold, size := p.pdf, p.bold, p.size
	p.pdf = nil
	measure()
	p.pdf, p.bold, p.size = pdf, bold, size
}

// measure is the height of blocks that must stay together with the
// heading before them: paragraphs, spaces and the signature.
func measure(p *pager, blocks []doc.Block) float64 {
	fresh := true
	h := 0.0
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Para:
			setStyle(p, b.Style, &fresh)
			h += float64(len(p.wrap(b.Text, contentW))) * p.lineH()
		case *doc.Space:
			h += b.MM
		case *doc.Signature:
			h += signatureH
		case *doc.Signoff:
			h += signoffH
		}
	}
	return h
}

// decorate prints the header and the footer of the current page.
func decorate(p *pager, d *doc.Document) {
	h, f := d.Header, d.Footer
	if h.Draft {
		p.setFont(true, 8.5)
		p.color(draftRed)
		p.text(p.left, 12, h.Text)
	} else {
		p.setFont(false, 8)
		p.color(midGray)
		p.text(p.left, 12, h.Text)
	}
	if h.Right != "" {
		p.setFont(false, 8)
		p.color(midGray)
		p.textRight(p.right, 12, h.Right)
	}
	if h.Draft {
		p.line(p.left, 14, p.right, 14, draftRed, 0.4)
	} else {
		p.line(p.left, 14, p.right, 14, navy, 0.4)
	}

	fy := p.paper.H - 12
	if f.Text != "" {
		p.line(p.left, fy-4, p.right, fy-4, midGray, 0.2)
		p.setFont(false, 7.5)
		left := f.Text
		avail := contentW - 28
		if v := p.visible(left); p.width(v) > avail {
			left = v[:p.fit(v, avail-p.width("…"))] + "…"
		}
		p.text(p.left, fy, left)
	}
	total := p.pages
	if total == 0 {
		total = 999 // dry run: reserve room; the real run knows the count
	}
	if f.Page != "" {
		p.textRight(p.right, fy, fmt.Sprintf(f.Page, p.page, total))
	}
	p.color(black)
}

// The letterhead's logo box, in mm.
const (
	LogoH    = 16.0
	LogoMaxW = 45.0
)

func letterhead(p *pager, lh *doc.Letterhead, logo string) {
	x := p.left
	top := p.y
	if lh.Logo != nil {
		if p.pdf != nil {
			p.pdf.ImageOptions(logo, p.left, top, lh.Logo.W, lh.Logo.H, false, fpdf.ImageOptions{ImageType: lh.Logo.Type}, 0, "")
		}
		x = p.left + lh.Logo.W + 5
	}
	p.setFont(true, 15)
	p.color(navy)
	p.text(x, top+6, lh.Firm)
	p.setFont(false, 8.5)
	p.color(darkGray)
	yy := top + 11
	for _, s := range []string{lh.Address, lh.Contact} {
		if s != "" {
			p.text(x, yy, s)
			yy += 4
		}
	}
	p.y = max(yy, top+17) + 1
	p.line(p.left, p.y, p.right, p.y, navy, 0.6)
	p.y += 6
	p.color(black)
	if lh.Title != "" {
		p.setFont(true, 13)
		p.text(p.left, p.y, lh.Title)
		p.y += 4
	}
}

// verdict prints the conclusion: the verdict's label in a coloured band
// beside the paragraph, on a grey ground.
func verdict(p *pager, v *doc.Verdict) {
	p.y += 3
	p.setFont(false, 9.5)
	lines := p.wrap(v.Text, contentW-30)
	lh := p.lineH()
	h := max(float64(len(lines))*lh+4, 14)
	p.ensure(h)
	p.rect(p.left, p.y, 26, h, toneColor[v.Tone], "F")
	p.setFont(true, 9)
	p.color(rgb{255, 255, 255})
	words := strings.Fields(v.Label)
	for i, w := range words {
		p.text(p.left+13-p.width(w)/2, p.y+h/2+float64(i)*4-float64(len(words)-1)*2+1.2, w)
	}
	p.color(black)
	p.setFont(false, 9.5)
	p.rect(p.left+26, p.y, contentW-26, h, rgb{246, 246, 246}, "F")
	for i, l := range lines {
		p.text(p.left+29, p.y+2+lh*(float64(i)+0.75), l)
	}
	p.y += h + 2
}

// requirement prints a requirement's block, kept on one page when it is
// short.
func requirement(p *pager, r *doc.Requirement) {
	p.y += 1
	p.setFont(false, 9)
	labelW := labelWidth(p, r.Fields, r.LabelW)
	h := requirementHead(p, r)
	p.setFont(true, 10.5)
	p.ensure(h)
	p.text(p.left, p.y+p.lineH()*0.75, r.Title)
	p.setFont(true, 9)
	p.color(toneColor[r.Tone])
	p.textRight(p.right, p.y+p.lineH()*0.9, r.Outcome)
	p.color(black)
	p.setFont(true, 10.5)
	p.y += p.lineH()
	p.setFont(false, 9)
	for _, f := range r.Fields {
		p.labelled(f.Label, f.Value, labelW)
	}
	p.y += 1.5
}

// requirementHead is the room a requirement's block needs on its first
// page: its title and its fields, or 60 mm of them.
func requirementHead(p *pager, r *doc.Requirement) (h float64) {
	quietly(p, func() {
		p.bold, p.size = false, 9
		labelW := labelWidth(p, r.Fields, r.LabelW)
		lines := 0
		for _, f := range r.Fields {
			if f.Value != "" {
				lines += len(p.wrap(f.Value, contentW-labelW))
			}
		}
		body := float64(lines) * p.lineH()
		p.bold, p.size = true, 10.5
		h = p.lineH() + min(body, 60)
	})
	return h
}

// signatureH is the room the signature needs at the foot of a page.
const (
	signatureH = 13.0
	signoffH   = 24.0
)

func signature(p *pager, s *doc.Signature) {
	p.setFont(false, 9.5)
	p.ensure(signatureH)
	p.text(p.left, p.y+4, s.Label+" ______________________________   "+s.DateLabel+" ______________")
	p.setFont(false, 8.5)
	p.color(darkGray)
	p.text(p.left+22, p.y+8.5, s.Name)
	p.color(black)
	p.y += 12
}

// signoff closes a letter: the closing, room to sign, the name and the
// firm.
func signoff(p *pager, s *doc.Signoff) {
	p.setFont(false, 9.5)
	p.ensure(signoffH)
	p.para(s.Closing, 0)
	p.y += 12
	p.setFont(true, 9.5)
	p.para(s.Name, 0)
	p.setFont(false, 9.5)
	if s.Firm != "" {
		p.para(s.Firm, 0)
	}
}

// canvas draws the timeline on the pager.
type canvas struct{ p *pager }

func (c canvas) Font(bold bool, size float64)         { c.p.setFont(bold, size) }
func (c canvas) Visible(s string) string              { return c.p.visible(s) }
func (c canvas) Width(s string) float64               { return c.p.width(s) }
func (c canvas) Fit(s string, w float64) int          { return c.p.fit(s, w) }
func (c canvas) Rect(x, y, w, h float64, col doc.RGB) { c.p.rect(x, y, w, h, rgbOf(col), "F") }
func (c canvas) Text(x, y float64, s string, col doc.RGB) {
	c.p.color(rgbOf(col))
	c.p.text(x, y, s)
}
func (c canvas) Line(x1, y1, x2, y2 float64, col doc.RGB, width float64) {
	c.p.line(x1, y1, x2, y2, rgbOf(col), width)
}

// Escaped reports whether r is printed as its code ("[U+202E]"): a
// bidirectional formatting character, or a control character other than a
// line break or a tab. The summary workbook shows them so too.
func Escaped(r rune) bool { return escaped(r) }
