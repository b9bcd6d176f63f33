package pdf

import (
	"fmt"
	"io"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// pdfJob is one document to lay out with the pager and write as a PDF.
type pdfJob struct {
	paper   Paper
	faces   [2]*fontFace
	wraps   *wrapMemo  // nil: no memo
	utf8TTF *[2][]byte // test hook: fpdf's UTF-8 path with these fonts
	trace   func(page int, x, y float64, bold bool, size float64, s string)

	title, author string
	// stamp is the creation and modification date: fixed, so the same
	// inputs give byte-identical PDFs.
	stamp time.Time
	// images registers the images write draws, or nil.
	images func(pdf *fpdf.Fpdf)
	// write lays the document out; it runs twice.
	write func(p *pager)
}

// wrapLogs keeps the dry runs' logs of line breaks between documents: a
// few hundred entries each, which grew by doubling for every opinion.
var wrapLogs = sync.Pool{New: func() any { return new([]wrapped) }}

// run writes the document twice: dry (no PDF: which characters are
// printed, and how many pages), then for real with fonts cut to those
// characters and "Page N of M" known.
func (j pdfJob) run(w io.Writer) error {
	dry := newPager(j.paper, j.faces)
	dry.used, dry.record, dry.memo = map[rune]bool{}, true, j.wraps
	log := wrapLogs.Get().(*[]wrapped)
	dry.wraps = (*log)[:0]
	defer func() {
		clear(dry.wraps) // the texts are the document's: not kept
		*log = dry.wraps[:0]
		wrapLogs.Put(log)
	}()
	j.write(dry)

	pdf := fpdf.New("P", "mm", j.paper.Name, "")
	pdf.SetCreationDate(j.stamp)
	pdf.SetModificationDate(j.stamp)
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(j.paper.left(), marginTop, j.paper.W-j.paper.right())
	pdf.SetTitle(j.title, true)
	pdf.SetCreator("cecbatch", true)
	if j.author != "" {
		pdf.SetAuthor(j.author, true)
	}
	out := newPager(j.paper, j.faces)
	out.pdf, out.pages, out.trace, out.wraps = pdf, dry.page, j.trace, dry.wraps
	if enc, ok := newEncoding(dry.used); ok && j.utf8TTF == nil {
		out.enc = enc
		for i, style := range []string{styleNormal, styleBold} {
			if err := j.faces[i].addSimpleFont(pdf, style, enc); err != nil {
				return fmt.Errorf("font: %w", err)
			}
		}
	} else {
		ttf := [2][]byte{j.faces[0].ttf, j.faces[1].ttf}
		if j.utf8TTF != nil {
			ttf = *j.utf8TTF
		}
		for i, style := range []string{styleNormal, styleBold} {
			pdf.AddUTF8FontFromBytes(fontFamily, style, ttf[i])
		}
	}
	if j.images != nil {
		j.images(pdf)
	}
	j.write(out)
	if out.page != dry.page {
		return fmt.Errorf("layout: %d pages, dry run counted %d", out.page, dry.page)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	err := pdf.Output(w)
	// Its page and document buffers go to the next opinion (fpdf patch 9).
	pdf.Release()
	return err
}
