// Package docx renders a document of the model (report/doc) as a Word
// document (.docx, WordprocessingML) that a lawyer edits like one a person
// wrote: real paragraphs in Word's styles (Title, Heading 1–3, List
// Bullet), real tables in a table style with a repeated header row, the
// verdict as a shaded paragraph, the timeline as a picture, and a header
// and footer with the DRAFT marking and "Page N of M" as Word fields. It
// opens in Word and LibreOffice without repair.
//
// A firm may name a reference document (letterhead.reference_docx), as
// pandoc's reference-doc: its styles, theme and fonts replace cecbatch's
// (cecbatch's fill in the styles it lacks), its default header and footer
// (a logo, the firm's address) come before the DRAFT marking and the page
// numbers, and its margins are used.
//
// It is written with archive/zip and plain XML rather than a library: the
// Go libraries served here (gomutex/godocx, fumiama/go-docx) write neither
// headers and footers with fields nor style definitions, and cannot take
// a reference document's styles; godocx adds pictures only from a file.
// The output is deterministic: parts in a fixed order, a fixed date.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/cecbatch/cecbatch/internal/deflate"
	"github.com/cecbatch/cecbatch/internal/freelist"
	"github.com/cecbatch/cecbatch/report/doc"
)

// Options are the page and the reference document.
type Options struct {
	// PageW and PageH are the paper's size in millimetres.
	PageW, PageH float64
	// Reference is the path of a reference .docx, or "".
	Reference string
}

// Renderer writes documents as .docx files. It is safe for concurrent use.
type Renderer struct {
	opt Options
	ref *reference // nil: cecbatch's own styles and page
}

// The text column of the PDF, centred; the DOCX keeps it.
const (
	contentW     = 170.0
	marginTop    = 22.0
	marginBottom = 20.0
)

// New reads the reference document, if one is named: a document that
// cannot be used fails here, with what to do.
func New(o Options) (*Renderer, error) {
	r := &Renderer{opt: o}
	if o.Reference != "" {
		ref, err := readReference(o.Reference)
		if err != nil {
			return nil, fmt.Errorf("letterhead.reference_docx: %w", err)
		}
		r.ref = ref
	}
	return r, nil
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP      = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA       = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic     = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsRel     = "http://schemas.openxmlformats.org/package/2006/relationships"
	relBase   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// twips converts millimetres to twentieths of a point.
func twips(mm float64) int { return int(mm*1440/25.4 + 0.5) }

// emu converts millimetres to English Metric Units (drawings).
func emu(mm float64) int64 { return int64(mm*36000 + 0.5) }

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// Render writes d as a .docx.
func (r *Renderer) Render(w io.Writer, d *doc.Document) error {
	textW := twips(contentW)
	left := (r.opt.PageW - contentW) / 2
	margins := fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="454" w:gutter="0"/>`,
		twips(marginTop), twips(left), twips(marginBottom), twips(left))
	if r.ref != nil && r.ref.margins != "" {
		margins = r.ref.margins
		textW = r.ref.textWidth(twips(r.opt.PageW))
	}
	// document.xml is written in a buffer kept between documents: it is
	// most of what a draft allocates otherwise, built up by doubling.
	document, ok := documentBuffers.Get()
	if !ok {
		document = new(bytes.Buffer)
	}
	defer documentBuffers.Put(document)
	document.Reset()
	document.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"><w:body>`)
	b := &body{doc: d, lang: wordLang(d.Lang), textW: textW, omitLetterhead: r.ref != nil && r.ref.header != nil, out: document}
	defer b.releasePictures()
	if err := b.blocks(); err != nil {
		return err
	}
	fmt.Fprintf(document, `<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/>%s<w:cols w:space="708"/></w:sectPr>`, twips(r.opt.PageW), twips(r.opt.PageH), margins)
	document.WriteString(`</w:body></w:document>`)

	rels := []string{
		rel("rIdStyles", "styles", "styles.xml"),
		rel("rIdSettings", "settings", "settings.xml"),
		rel("rIdNumbering", "numbering", "numbering.xml"),
		rel("rIdHeader", "header", "header1.xml"),
		rel("rIdFooter", "footer", "footer1.xml"),
	}
	var parts []part
	for i, img := range b.images {
		name := fmt.Sprintf("media/image%d.%s", i+1, img.ext)
		rels = append(rels, rel(img.id, "image", name))
		parts = append(parts, part{"word/" + name, img.data})
	}
	header, footer := headerXML(d, b.lang, textW), footerXML(d, b.lang, textW)
	styles, numbering := stylesXML(d.Lang, textW), numberingPart
	var headerRels, footerRels []byte
	if r.ref != nil {
		styles = r.ref.styles(d.Lang, textW)
		numbering = r.ref.numbering()
		if r.ref.theme != nil {
			rels = append(rels, rel("rIdTheme", "theme", "theme/theme1.xml"))
			parts = append(parts, part{"word/theme/theme1.xml", r.ref.theme})
		}
		if r.ref.fontTable != nil {
			rels = append(rels, rel("rIdFontTable", "fontTable", "fontTable.xml"))
			parts = append(parts, part{"word/fontTable.xml", r.ref.fontTable})
		}
		if r.ref.header != nil {
			header = r.ref.header.with(headerParagraph(d, b.lang))
			headerRels = r.ref.header.rels
		}
		if r.ref.footer != nil {
			footer = r.ref.footer.with(footerParagraph(d, b.lang))
			footerRels = r.ref.footer.rels
		}
		parts = append(parts, r.ref.media...)
	}

	all := []part{
		{"[Content_Types].xml", contentTypes(parts, r.ref)},
		{"_rels/.rels", []byte(xmlHeader + `<Relationships xmlns="` + nsRel + `">` +
			`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/></Relationships>`)},
		{"docProps/core.xml", coreXML(d)},
		{"docProps/app.xml", []byte(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>cecbatch</Application></Properties>`)},
		{"word/document.xml", document.Bytes()},
		{"word/_rels/document.xml.rels", []byte(xmlHeader + `<Relationships xmlns="` + nsRel + `">` + strings.Join(rels, "") + `</Relationships>`)},
		{"word/styles.xml", styles},
		{"word/settings.xml", settingsXML(d.Lang)},
		{"word/numbering.xml", numbering},
		{"word/header1.xml", header},
		{"word/footer1.xml", footer},
	}
	if headerRels != nil {
		all = append(all, part{"word/_rels/header1.xml.rels", headerRels})
	}
	if footerRels != nil {
		all = append(all, part{"word/_rels/footer1.xml.rels", footerRels})
	}
	all = append(all, parts...)
	return writeZip(w, all, d.Date)
}

// documentBuffers keeps Render's document.xml buffers between documents.
var documentBuffers = freelist.New[*bytes.Buffer](freeBuffers)

func rel(id, typ, target string) string {
	return `<Relationship Id="` + id + `" Type="` + relBase + typ + `" Target="` + target + `"/>`
}

// writeZip writes the parts in order, each dated stamp, so that the same
// document gives the same bytes.
func writeZip(w io.Writer, parts []part, stamp time.Time) error {
	if stamp.IsZero() || stamp.Year() < 1980 {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, pooledDeflate)
	for _, p := range parts {
		if c, ok := sameParts.get(p); ok {
			f, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp.UTC(),
				CRC32: c.crc, CompressedSize64: uint64(len(c.deflated)), UncompressedSize64: uint64(len(p.data))})
			if err != nil {
				return err
			}
			if _, err := f.Write(c.deflated); err != nil {
				return err
			}
			continue
		}
		method := zip.Deflate
		if strings.HasPrefix(p.name, "word/media/") {
			method = zip.Store // pictures are compressed already
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: stamp.UTC()})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// A batch writes thousands of drafts whose styles, settings, numbering,
// relationships and content types are the same bytes, in a handful of
// variants (language, page size, reference document): each variant is
// compressed once and copied into every draft that has it.
var sameParts = &partCache{entries: map[string][]cachedPart{}}

// sharedParts are the parts that are the same from draft to draft.
var sharedParts = map[string]bool{
	"[Content_Types].xml": true, "_rels/.rels": true, "docProps/app.xml": true,
	"word/_rels/document.xml.rels": true, "word/styles.xml": true, "word/settings.xml": true,
	"word/numbering.xml": true, "word/theme/theme1.xml": true, "word/fontTable.xml": true,
}

// partCacheSize bounds the variants kept: a run has a few (two languages,
// a drawing or not); a long-lived process cannot grow it past this.
const partCacheSize = 64

type partCache struct {
	mu      sync.Mutex
	n       int
	entries map[string][]cachedPart // by part name: its variants
}

type cachedPart struct {
	data []byte // the part as written, compared on each use
	deflatedPart
}

type deflatedPart struct {
	crc      uint32
	deflated []byte
}

// get returns p compressed, compressing and keeping it on its first use;
// ok is false for a part that differs between drafts.
func (c *partCache) get(p part) (deflatedPart, bool) {
	if !sharedParts[p.name] {
		return deflatedPart{}, false
	}
	c.mu.Lock()
	for _, e := range c.entries[p.name] {
		if bytes.Equal(e.data, p.data) {
			c.mu.Unlock()
			return e.deflatedPart, true
		}
	}
	c.mu.Unlock()
	var buf bytes.Buffer
	fw, err := pooledDeflate(&buf)
	if err != nil {
		return deflatedPart{}, false
	}
	_, err = fw.Write(p.data)
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return deflatedPart{}, false
	}
	d := deflatedPart{crc: crc32.ChecksumIEEE(p.data), deflated: buf.Bytes()}
	c.mu.Lock()
	if c.n < partCacheSize {
		c.entries[p.name] = append(c.entries[p.name], cachedPart{data: bytes.Clone(p.data), deflatedPart: d})
		c.n++
	}
	c.mu.Unlock()
	return d, true
}

// pooledFlate is a pooled compressor (internal/deflate) for archive/zip,
// given back when the part is closed: a new flate writer allocates about
// a megabyte, and a document has a dozen parts. klauspost's level 1
// compresses a draft's text about as well as the standard library's
// BestSpeed, in less than half its time.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	deflate.Put(p.Writer)
	return err
}

func pooledDeflate(out io.Writer) (io.WriteCloser, error) {
	return pooledFlate{deflate.Get(out)}, nil
}

func contentTypes(parts []part, ref *reference) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	exts := map[string]string{"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "emf": "image/x-emf", "wmf": "image/x-wmf", "svg": "image/svg+xml", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff"}
	seen := map[string]bool{}
	for _, p := range parts {
		i := strings.LastIndexByte(p.name, '.')
		ext := strings.ToLower(p.name[i+1:])
		if ct, ok := exts[ext]; ok && !seen[ext] {
			seen[ext] = true
			b.WriteString(`<Default Extension="` + ext + `" ContentType="` + ct + `"/>`)
		}
	}
	wml := "application/vnd.openxmlformats-officedocument.wordprocessingml."
	for _, o := range [][2]string{
		{"/word/document.xml", wml + "document.main+xml"},
		{"/word/styles.xml", wml + "styles+xml"},
		{"/word/settings.xml", wml + "settings+xml"},
		{"/word/numbering.xml", wml + "numbering+xml"},
		{"/word/header1.xml", wml + "header+xml"},
		{"/word/footer1.xml", wml + "footer+xml"},
		{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"},
	} {
		b.WriteString(`<Override PartName="` + o[0] + `" ContentType="` + o[1] + `"/>`)
	}
	if ref != nil && ref.theme != nil {
		b.WriteString(`<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>`)
	}
	if ref != nil && ref.fontTable != nil {
		b.WriteString(`<Override PartName="/word/fontTable.xml" ContentType="` + wml + `fontTable+xml"/>`)
	}
	b.WriteString(`</Types>`)
	return b.Bytes()
}

func coreXML(d *doc.Document) []byte {
	date := d.Date.UTC().Format("2006-01-02T15:04:05Z")
	return []byte(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
		`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title><dc:creator>` + esc(d.Author) + `</dc:creator><dc:language>` + wordLang(d.Lang) + `</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>` +
		`</cp:coreProperties>`)
}

func settingsXML(lang string) []byte {
	return []byte(xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:themeFontLang w:val="` + wordLang(lang) + `"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`)
}

// headerParagraph is the DRAFT marking (or the running title) with the
// header's right text.
func headerParagraph(d *doc.Document, lang string) string {
	h := d.Header
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + stHeader + `"/>`)
	border := navy
	if h.Draft {
		border = draftRed
	}
	b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="` + border + `"/></w:pBdr></w:pPr>`)
	if h.Draft {
		b.WriteString(run(h.Text, runProps{bold: true, color: draftRed, size: 8.5, lang: lang}))
	} else {
		b.WriteString(run(h.Text, runProps{color: midGray, lang: lang}))
	}
	if h.Right != "" {
		b.WriteString(`<w:r><w:tab/></w:r>` + run(h.Right, runProps{color: midGray, lang: lang}))
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// footerParagraph is the footer's text, then the page label on a line of
// its own at the right, its numbers Word fields (PAGE, NUMPAGES): a long
// footer wraps without taking the page number with it.
func footerParagraph(d *doc.Document, lang string) string {
	f := d.Footer
	var b strings.Builder
	rp := runProps{lang: lang}
	border := `<w:pBdr><w:top w:val="single" w:sz="2" w:space="1" w:color="` + midGray + `"/></w:pBdr>`
	if f.Text != "" {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + stFooter + `"/>` + border + `</w:pPr>` + run(f.Text, rp) + `</w:p>`)
		border = ""
	}
	if f.Page != "" {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + stFooter + `"/>` + border + `<w:jc w:val="right"/></w:pPr>`)
		parts := strings.SplitN(f.Page, "%d", 3)
		for i, s := range parts {
			if s != "" {
				b.WriteString(run(s, rp))
			}
			if i < len(parts)-1 {
				field := "PAGE"
				if i == 1 {
					field = "NUMPAGES"
				}
				b.WriteString(`<w:fldSimple w:instr=" ` + field + ` "><w:r><w:rPr><w:noProof/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>`)
			}
		}
		b.WriteString(`</w:p>`)
	}
	if b.Len() == 0 {
		return `<w:p><w:pPr><w:pStyle w:val="` + stFooter + `"/></w:pPr></w:p>`
	}
	return b.String()
}

func headerXML(d *doc.Document, lang string, textW int) []byte {
	return []byte(xmlHeader + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` + headerParagraph(d, lang) + `</w:hdr>`)
}

func footerXML(d *doc.Document, lang string, textW int) []byte {
	return []byte(xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` + footerParagraph(d, lang) + `</w:ftr>`)
}

// Parts reads a .docx back into its parts by name (a reader of what Render
// wrote: tests, and tools that check a document).
func Parts(data []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out[f.Name] = b
	}
	return out, nil
}
