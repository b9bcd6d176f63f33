// Package doc is the document model that cecbatch's documents are built
// as: the opinion draft (the file memo), the client letter and the rule
// book. A builder (package report) fills a Document once, in the client's
// language; each renderer (report/pdf, report/docx) prints it, so the PDF
// and the Word file say the same thing in the same order.
//
// The model says what a block is (a heading, the verdict, a requirement
// with its rule, facts, finding and authority, a table, the timeline, a
// signature) and carries the few layout hints the PDF needs to keep its
// page breaks (how much of what follows a heading keeps on its page, the
// label column's width, a small vertical space). It imports nothing of the
// project and holds no renderer state.
package doc

import "time"

// Document is one document: its running header and footer and its blocks,
// in reading order.
type Document struct {
	// Lang is the document's language (BCP 47: "en", "fr").
	Lang string
	// Title and Author are the file's metadata.
	Title, Author string
	// Date is the file's creation and modification date: fixed (the run's
	// as-of date), so that the same input gives the same bytes.
	Date time.Time

	Header Header
	Footer Footer
	Blocks []Block

	// Untranslated lists, as printed, the texts of a document in a
	// language other than English that are still in English: the engine's
	// own sentences (findings, requirement texts, next steps), which are
	// not translated yet. Each is marked where it is printed (see
	// report's engine text marking); the list lets a test count them.
	Untranslated []string
}

// Header is the running header of every page.
type Header struct {
	// Text is printed at the left; Right at the right margin.
	Text, Right string
	// Draft prints Text as the DRAFT marking (bold, red, over a red
	// rule); otherwise it is a quiet running title.
	Draft bool
}

// Footer is the running footer of every page.
type Footer struct {
	// Text is printed at the left ("" for none), cut to one line.
	Text string
	// Page is the page label with two %d verbs, the page number and the
	// number of pages: "Page %d of %d".
	Page string
}

// Block is one part of a document's body: one of the types below.
type Block interface{ block() }

// Letterhead is the firm's identity at the top of the first page, with
// the document's title under its rule.
type Letterhead struct {
	Firm, Address, Contact string
	Logo                   *Image // nil: none
	Title                  string
}

// Image is a picture of the document, with its size as printed.
type Image struct {
	Data []byte
	// Type is "PNG" or "JPG".
	Type string
	// W and H are the printed size in millimetres.
	W, H float64
}

// Title is a document's title, on its own (a document without a
// letterhead: the rule book).
type Title struct{ Text string }

// Heading is a section's title. Level 1 is a section, 3 a small title
// inside one (a list's title); a requirement's title is a Requirement.
type Heading struct {
	Text  string
	Level int
	// Keep is how many millimetres of what follows must fit on the
	// heading's page, or it starts the next one (PDF).
	Keep float64
	// KeepRest keeps the heading with every block after it, to the end:
	// the closing paragraph and the signature never stand apart.
	KeepRest bool
}

// Style is a paragraph's weight in the document.
type Style int

const (
	// Body is the running text.
	Body Style = iota
	// Small is the text of a dense section (requirements, notes under a
	// table, the Express Entry section).
	Small
	// Note is a fine print note (a table's legend).
	Note
	// Strong is a paragraph that leads its section (the estimated score).
	Strong
	// Lead is a small bold paragraph that introduces what follows.
	Lead
)

// Para is a paragraph; a line break in Text starts a new line.
type Para struct {
	Text  string
	Style Style
}

// Field is one labelled value: "Client ID  C-001".
type Field struct{ Label, Value string }

// Fields are labelled values, the labels in a column LabelW millimetres
// wide.
type Fields struct {
	Rows   []Field
	LabelW float64
	Style  Style
}

// Tone is what a verdict or an outcome means to the reader, and so its
// colour.
type Tone int

const (
	Neutral Tone = iota
	Good         // met, eligible
	Bad          // not met, not eligible
	Warn         // for the lawyer, needs review
	Muted        // not assessed, nothing recorded
	Urgent       // eligible, but only until a date that is near
)

// Verdict is the conclusion: its label ("ELIGIBLE") and the paragraph
// that says why, shaded in the verdict's tone.
type Verdict struct {
	Label string
	Tone  Tone
	Text  string
}

// Requirement is one requirement of the law as the document states it:
// its title, its outcome, and the rule, the facts, the finding and the
// authority as labelled fields.
type Requirement struct {
	Title, Outcome string
	Tone           Tone
	Fields         []Field
	// LabelW is the label column's width in millimetres.
	LabelW float64
}

// Bullets is a bulleted list.
type Bullets struct {
	Items []string
	Style Style
}

// Column is one column of a table: its title, its width in millimetres
// (the DOCX takes the proportions) and whether it holds numbers, aligned
// right.
type Column struct {
	Title string
	Width float64
	Right bool
}

// Table is a table with a header row, repeated on every page it runs on;
// a row never splits across pages. A line break in a cell starts a new
// line in it.
type Table struct {
	Cols []Column
	Rows [][]string
}

// Space is a small vertical space, in millimetres (PDF; the DOCX spaces
// paragraphs by their styles).
type Space struct{ MM float64 }

// Signature is the memo's sign-off: a line to sign and date ("Reviewed
// by: ____  Date: ____") with the reviewing lawyer's name under it.
type Signature struct {
	Label, DateLabel, Name string
}

// Signoff closes a letter: "Yours truly," then the signatory's name and
// the firm.
type Signoff struct {
	Closing, Name, Firm string
}

func (*Letterhead) block()  {}
func (*Title) block()       {}
func (*Heading) block()     {}
func (*Para) block()        {}
func (*Fields) block()      {}
func (*Verdict) block()     {}
func (*Requirement) block() {}
func (*Bullets) block()     {}
func (*Table) block()       {}
func (*Space) block()       {}
func (*Signature) block()   {}
func (*Signoff) block()     {}
func (*Timeline) block()    {}

// Texts calls fn with every text of the document a reader sees, in order:
// header, footer, then each block's texts (titles, labels, cells, items).
// Tests use it to read a document whatever renders it.
func (d *Document) Texts(fn func(s string)) {
	for _, s := range []string{d.Header.Text, d.Header.Right, d.Footer.Text, d.Footer.Page} {
		fn(s)
	}
	for _, b := range d.Blocks {
		blockTexts(b, fn)
	}
}

func blockTexts(b Block, fn func(s string)) {
	switch b := b.(type) {
	case *Letterhead:
		fn(b.Firm)
		fn(b.Address)
		fn(b.Contact)
		fn(b.Title)
	case *Title:
		fn(b.Text)
	case *Heading:
		fn(b.Text)
	case *Para:
		fn(b.Text)
	case *Fields:
		for _, f := range b.Rows {
			fn(f.Label)
			fn(f.Value)
		}
	case *Verdict:
		fn(b.Label)
		fn(b.Text)
	case *Requirement:
		fn(b.Title)
		fn(b.Outcome)
		for _, f := range b.Fields {
			fn(f.Label)
			fn(f.Value)
		}
	case *Bullets:
		for _, it := range b.Items {
			fn(it)
		}
	case *Table:
		for _, c := range b.Cols {
			fn(c.Title)
		}
		for _, r := range b.Rows {
			for _, c := range r {
				fn(c)
			}
		}
	case *Signature:
		fn(b.Label)
		fn(b.DateLabel)
		fn(b.Name)
	case *Signoff:
		fn(b.Closing)
		fn(b.Name)
		fn(b.Firm)
	case *Timeline:
		for _, m := range b.Markers {
			fn(m.Label)
		}
		for _, l := range append(append([]Lane(nil), b.Work...), b.Other...) {
			fn(l.Label)
		}
		fn(b.NoWork)
		for _, it := range b.Legend {
			fn(it.Label)
		}
		fn(b.More)
		for _, t := range b.Ticks {
			fn(t.Year)
		}
	}
}
