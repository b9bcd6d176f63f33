package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/internal/freelist"
	"github.com/cecbatch/cecbatch/report/doc"
	"github.com/cecbatch/cecbatch/report/docx"
	"github.com/cecbatch/cecbatch/report/pdf"
)

// Letterhead is the firm's identity printed on every opinion (from configuration).
type Letterhead struct {
	FirmName, Address, Phone, Email string
	LogoPath                        string // optional PNG or JPEG
	Lawyer                          string // the reviewing lawyer's name
}

// Paper is a document's page size (portrait): Letter or A4.
type Paper = pdf.Paper

// The two papers of the page_size setting.
var (
	Letter = pdf.Letter
	A4     = pdf.A4
)

// PaperNamed returns the paper of a page_size setting: "letter" or "a4",
// in any case.
func PaperNamed(name string) (Paper, error) { return pdf.PaperNamed(name) }

// Options say which documents are written for each client, and how.
type Options struct {
	Letterhead Letterhead
	Paper      Paper
	// PDF and DOCX are the formats of every document; Letter adds the
	// client letter beside the memo.
	PDF, DOCX, Letter bool
	// Language is the documents' language for a client whose Language
	// cell is blank: "en" (the default) or "fr".
	Language string
	// ReferenceDOCX is a firm's Word document whose styles, fonts,
	// header (logo) and margins the DOCX files take, as pandoc's
	// reference-doc does; "" for cecbatch's own.
	ReferenceDOCX string
}

// OpinionRenderer writes each client's documents: the opinion draft for
// the file (the memo) and, when configured, the client letter, as PDF
// and DOCX, in the client's language. Each document is built once as a
// document model (report/doc) and rendered by report/pdf and report/docx.
// It loads fonts, logo and reference document once and is safe for
// concurrent use.
type OpinionRenderer struct {
	opt  Options
	logo *doc.Image
	pdf  *pdf.Renderer
	docx *docx.Renderer // nil when no DOCX is written
	// free holds the buffers of written documents (File.Release), by kind
	// and format, for the next ones (internal/freelist: not a sync.Pool,
	// which the collector empties). Shared by the renderer's copies.
	free *[2][2]freelist.List[*bytes.Buffer]
}

// freeBuffers is how many written documents' buffers are kept, by kind
// and format: about as many as workers write at once.
const freeBuffers = 8

// CodeGlyph is the code of a finding about characters the PDF font cannot draw.
const CodeGlyph = "PDF-GLYPH"

// NewOpinionRenderer prepares a renderer of the PDF opinion draft alone,
// on paper, with the letterhead lh.
func NewOpinionRenderer(lh Letterhead, paper Paper) (*OpinionRenderer, error) {
	return NewRenderer(Options{Letterhead: lh, Paper: paper, PDF: true})
}

// NewRenderer prepares the fonts (once per process), reads the logo and
// the reference document: a bad one fails here, not every client's
// documents.
func NewRenderer(o Options) (*OpinionRenderer, error) {
	lang, err := ParseLanguage(o.Language)
	if err != nil {
		return nil, fmt.Errorf("default_language: %w", err)
	}
	if lang == "" {
		lang = English
	}
	o.Language = lang
	p, err := pdf.New(o.Paper)
	if err != nil {
		return nil, fmt.Errorf("opinion: %w", err)
	}
	r := &OpinionRenderer{opt: o, pdf: p, free: new([2][2]freelist.List[*bytes.Buffer])}
	for kind := range r.free {
		for format := range r.free[kind] {
			r.free[kind][format] = freelist.New[*bytes.Buffer](freeBuffers)
		}
	}
	if lh := o.Letterhead; lh.LogoPath != "" {
		b, err := os.ReadFile(lh.LogoPath)
		if err != nil {
			return nil, fmt.Errorf("letterhead logo: %w", err)
		}
		typ, ratio, err := pdf.ImageSize(b)
		if err != nil {
			return nil, fmt.Errorf("letterhead logo %s: %w", filepath.Base(lh.LogoPath), err)
		}
		// At most LogoH high and LogoMaxW wide, keeping its proportions.
		w, h := pdf.LogoH*ratio, pdf.LogoH
		if w > pdf.LogoMaxW {
			w, h = pdf.LogoMaxW, pdf.LogoMaxW/ratio
		}
		r.logo = &doc.Image{Data: b, Type: typ, W: w, H: h}
	}
	if o.DOCX {
		r.docx, err = docx.New(docx.Options{PageW: o.Paper.W, PageH: o.Paper.H, Reference: o.ReferenceDOCX})
		if err != nil {
			return nil, err
		}
	}
	return r, nil
}

// clientText is one text of the client's that the opinion prints.
type clientText struct {
	label       assess.Text
	value, cell string
	job, test   int
}

func clientTexts(c *assess.Client) []clientText {
	t := []clientText{
		{step("Client ID"), c.ID, c.Ref.Cell(assess.FieldClientID), -1, -1},
		{step("Family name"), c.FamilyName, c.Ref.Cell(assess.FieldFamilyName), -1, -1},
		{step("Given names"), c.GivenNames, c.Ref.Cell(assess.FieldGivenNames), -1, -1},
		{step("Admissibility"), c.Admissibility, c.Ref.Cell(assess.FieldAdmissibility), -1, -1},
		{step("Notes"), c.Notes, c.Ref.Cell(assess.FieldNotes), -1, -1},
		{step("Source file name"), c.SourceFile, "", -1, -1},
	}
	for i, j := range c.Jobs {
		t = append(t,
			clientText{step("Employer"), j.Employer, j.Ref.Cell(assess.FieldEmployer), i, -1},
			clientText{step("Job title"), j.Title, j.Ref.Cell(assess.FieldTitle), i, -1},
			clientText{step("Location"), j.Location, j.Ref.Cell(assess.FieldLocation), i, -1})
	}
	for i, ts := range c.Tests {
		t = append(t, clientText{step("Test name"), ts.Name, ts.Ref.Cell(assess.FieldTest), -1, i})
	}
	for _, s := range c.Studies {
		t = append(t,
			clientText{step("Institution"), s.Institution, s.Ref.Cell(assess.FieldInstitution), -1, -1},
			clientText{step("Credential"), s.Credential, s.Ref.Cell(assess.FieldCredential), -1, -1})
	}
	return t
}

// Unprintable returns one finding per client text (name, employer, notes, ...) holding characters the
// embedded fonts cannot draw: Code "PDF-GLYPH", Kind assess.KindNote, the Cell of the text, and the
// characters (U+XXXX) named. The batch appends them to a.Findings before rendering and writing results.
func (r *OpinionRenderer) Unprintable(a *assess.Assessment) []assess.Finding {
	if a == nil || a.Client == nil {
		return nil
	}
	var out []assess.Finding
	for _, t := range clientTexts(a.Client) {
		var missing []string
		seen := map[rune]bool{}
		for _, ch := range t.value {
			// Control characters (a line break in the notes) are printed as
			// space, not reported.
			if ch < 0x20 || r.pdf.Has(ch) || seen[ch] {
				continue
			}
			seen[ch] = true
			missing = append(missing, fmt.Sprintf("U+%04X", ch))
		}
		if len(missing) == 0 {
			continue
		}
		out = append(out, assess.Finding{
			Code: CodeGlyph,
			Kind: assess.KindNote,
			Text: step("%s has characters the opinion's font cannot draw (%s); the opinion prints them as [U+XXXX] markers: check the spelling against the client's documents.",
				t.label, strings.Join(missing, ", ")),
			Cell: t.cell,
			Job:  t.job,
			Test: t.test,
		})
	}
	return out
}

// language is the language of c's documents: its Language cell, else the
// configured default.
func (r *OpinionRenderer) language(c *assess.Client) string {
	if lang, err := ParseLanguage(c.Language); err == nil && lang != "" {
		return lang
	}
	return r.opt.Language
}

// Render writes the opinion draft for a as a PDF, with x, the Express
// Entry estimate computed beside it (nil when none was). asOf is the
// run's as-of date: creation/modification dates are fixed to it so the
// same inputs give byte-identical PDFs.
func (r *OpinionRenderer) Render(w io.Writer, a *assess.Assessment, x *crs.Estimate, asOf assess.Date) error {
	d, err := r.memo(a, x, asOf)
	if err != nil {
		return err
	}
	if err := r.pdf.Render(w, d); err != nil {
		return fmt.Errorf("opinion: %w", err)
	}
	return nil
}

// File is one document written for a client: its file name in the run's
// opinions folder and its content.
type File struct {
	Name string
	Data []byte
	// Release, when set, hands Data's memory to the next document of its
	// kind: call it once Data is written, and read Data no more. A second
	// call does nothing.
	Release func()
}

// Files renders every document configured for a: the memo as PDF and
// DOCX, then the client letter as PDF and DOCX. name is the memo's PDF
// file name (OpinionFileName, made unique in the run); the others are
// named after it (DOCXFileName, LetterFileName). Each document is built once and
// rendered in each format.
func (r *OpinionRenderer) Files(name string, a *assess.Assessment, x *crs.Estimate, asOf assess.Date) ([]File, error) {
	memo, err := r.memo(a, x, asOf)
	if err != nil {
		return nil, err
	}
	files, err := r.formats(nil, name, memo, memoKind)
	if err != nil || !r.opt.Letter {
		return files, err
	}
	letter, err := r.letter(a, x, asOf)
	if err != nil {
		return nil, err
	}
	return r.formats(files, LetterFileName(name), letter, letterKind)
}

// The kinds of documents formats writes.
const (
	memoKind   = 0
	letterKind = 1
)

// formats renders d in each format configured, named after pdfName.
func (r *OpinionRenderer) formats(files []File, pdfName string, d *doc.Document, kind int) ([]File, error) {
	what := [...]string{memoKind: "opinion", letterKind: "client letter"}[kind]
	if r.opt.PDF {
		b := r.buffer(kind, 0)
		if err := r.pdf.Render(b, d); err != nil {
			return nil, fmt.Errorf("%s (PDF): %w", what, err)
		}
		files = append(files, File{Name: pdfName, Data: b.Bytes(), Release: r.release(b, kind, 0)})
	}
	if r.docx != nil {
		b := r.buffer(kind, 1)
		if err := r.docx.Render(b, d); err != nil {
			return nil, fmt.Errorf("%s (DOCX): %w", what, err)
		}
		files = append(files, File{Name: DOCXFileName(pdfName), Data: b.Bytes(), Release: r.release(b, kind, 1)})
	}
	return files, nil
}

// buffer is an empty buffer for a document of this kind and format: a
// released one's (File.Release), which has room for it, when there is one.
func (r *OpinionRenderer) buffer(kind, format int) *bytes.Buffer {
	b, ok := r.free[kind][format].Get()
	if !ok {
		b = new(bytes.Buffer)
	}
	b.Reset()
	return b
}

// release returns the File.Release of a document written to b: b goes
// back to the free buffers, unless as many are kept already. Only the
// first call does: a buffer listed twice would be two documents' at once.
func (r *OpinionRenderer) release(b *bytes.Buffer, kind, format int) func() {
	var released atomic.Bool
	return func() {
		if !released.Swap(true) {
			r.free[kind][format].Put(b)
		}
	}
}
