package docx

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cecbatch/cecbatch/report/doc"
)

// sample is a document with every kind of block.
func sample() *doc.Document {
	return &doc.Document{
		Lang: "en", Title: "CEC opinion draft — client C-1", Author: "Firm & Co", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Header: doc.Header{Text: "DRAFT — for lawyer review — not legal advice", Right: "Client C-1", Draft: true},
		Footer: doc.Footer{Text: "Source: intake.xlsx · Assessed 2026-03-01", Page: "Page %d of %d"},
		Blocks: []doc.Block{
			&doc.Letterhead{Firm: "Firm & Co", Address: "1 Main St", Contact: "416-555-0100", Title: "Canadian Experience Class — eligibility opinion (draft)"},
			&doc.Fields{Rows: []doc.Field{{Label: "Client", Value: "Élodie <Bérubé> \u202Egnp.exe"}, {Label: "Notes", Value: "two\nlines\x07"}}, LabelW: 33},
			&doc.Verdict{Label: "ELIGIBLE", Tone: doc.Good, Text: "On the facts in the intake file, the client meets every requirement."},
			&doc.Heading{Text: "The case at a glance", Level: 1, Keep: 40},
			&doc.Timeline{From: 0, To: 1100, WindowFrom: 10, WindowTo: 1000, Ticks: []doc.Tick{{Day: 0}, {Day: 365, Year: "2024"}},
				Markers: []doc.Marker{{Day: 1000, Label: "Assessed 2026-03-01", Color: doc.Navy}},
				Work:    []doc.Lane{{Label: "Maple Leaf Analytics Inc.", From: 100, To: 999, Color: doc.Counted, Projected: true, ProjTo: 1050}},
				Legend:  []doc.LegendItem{{Color: doc.Counted, Label: "counted"}}},
			&doc.Heading{Text: "The requirements", Level: 1, Keep: 20},
			&doc.Requirement{Title: "Canadian work experience", Outcome: "Met", Tone: doc.Good, LabelW: 22,
				Fields: []doc.Field{{Label: "Rule", Value: "1,560 hours"}, {Label: "Finding", Value: "Met."}}},
			&doc.Table{Cols: []doc.Column{{Title: "Employer", Width: 100}, {Title: "Hours", Width: 70, Right: true}},
				Rows: [][]string{{"Maple\nAnalyst", "3,908.5"}, {"Harbour Grill", "0.0"}}},
			&doc.Para{Text: "Total qualifying hours: 3,908.5.", Style: doc.Small},
			&doc.Heading{Text: "Assumptions", Level: 3},
			&doc.Bullets{Items: []string{"one", "two"}, Style: doc.Small},
			&doc.Heading{Text: "Not decided by the engine", Level: 1, KeepRest: true},
			&doc.Para{Text: "This assessment does not decide…"},
			&doc.Space{MM: 4},
			&doc.Signature{Label: "Reviewed by:", DateLabel: "Date:", Name: "Jane Doe"},
		},
	}
}

func render(t *testing.T, r *Renderer, d *doc.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	p, err := Parts(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var letter = Options{PageW: 215.9, PageH: 279.4}

// TestDOCXPackage: every part a Word document needs is there, every XML
// part is well-formed, every relationship points at a part, and the
// same document gives the same bytes.
func TestDOCXPackage(t *testing.T) {
	r, err := New(letter)
	if err != nil {
		t.Fatal(err)
	}
	one, two := render(t, r, sample()), render(t, r, sample())
	if !bytes.Equal(one, two) {
		t.Error("two renders of the same document differ")
	}
	p := parts(t, one)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml",
		"word/header1.xml", "word/footer1.xml", "word/_rels/document.xml.rels", "word/media/image1.png", "docProps/core.xml"} {
		if p[name] == nil {
			t.Errorf("no part %s", name)
		}
	}
	for name, b := range p {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := wellFormed(b); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	for _, m := range regexp.MustCompile(`Target="([^"]+)"`).FindAllSubmatch(p["word/_rels/document.xml.rels"], -1) {
		if p["word/"+string(m[1])] == nil {
			t.Errorf("document relationship to a missing part %s", m[1])
		}
	}
	pic, err := png.Decode(bytes.NewReader(p["word/media/image1.png"]))
	if err != nil {
		t.Fatalf("the timeline picture: %v", err)
	}
	// The bars keep their colours exactly: counted work is green.
	found := false
	bounds := pic.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y && !found; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := pic.At(x, y).RGBA()
			if uint8(r>>8) == doc.Counted.R && uint8(g>>8) == doc.Counted.G && uint8(b>>8) == doc.Counted.B {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("the timeline picture has no bar in the colour of counted work")
	}
	body := string(p["word/document.xml"])
	for _, want := range []string{
		`<w:pStyle w:val="Title"/>`, `<w:pStyle w:val="Heading1"/>`, `<w:pStyle w:val="Heading2"/>`, `<w:pStyle w:val="Heading3"/>`,
		`<w:tblStyle w:val="OpinionTable"/>`, `<w:tblHeader/>`, `<w:cantSplit/>`, `<w:pStyle w:val="Verdict"/>`,
		`<w:pStyle w:val="SmallListBullet"/>`, `Élodie &lt;Bérubé&gt; [U+202E]gnp.exe`, `two</w:t><w:br/>`, `lines[U+0007]`,
		`descr="Assessed 2026-03-01"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if strings.ContainsRune(body, '\u202E') || strings.ContainsRune(body, '\x07') {
		t.Error("a bidi override or a control character reached the document")
	}
	// The paragraphs after "Not decided by the engine" keep with the
	// signature.
	if !strings.Contains(body[strings.Index(body, "Not decided by the engine"):], `<w:keepNext/></w:pPr><w:r><w:rPr><w:lang w:val="en-CA"/></w:rPr><w:t xml:space="preserve">This assessment`) {
		t.Error("the closing paragraph does not keep with the signature")
	}
	footer := string(p["word/footer1.xml"])
	if !strings.Contains(footer, `w:instr=" PAGE "`) || !strings.Contains(footer, `w:instr=" NUMPAGES "`) || !strings.Contains(footer, "Page ") || !strings.Contains(footer, " of ") {
		t.Errorf("the footer has no Page N of M fields: %s", footer)
	}
	if h := string(p["word/header1.xml"]); !strings.Contains(h, "DRAFT — for lawyer review") || !strings.Contains(h, draftRed) {
		t.Errorf("the header lacks the red DRAFT marking: %s", h)
	}
	for _, id := range []string{"Normal", "Title", "Heading1", "Heading2", "Heading3", "ListBullet", "Caption", "OpinionTable", "Verdict"} {
		if !strings.Contains(string(p["word/styles.xml"]), `w:styleId="`+id+`"`) {
			t.Errorf("styles.xml defines no %s", id)
		}
	}
}

// referenceDocx writes a reference document as Word would: its own
// Normal style (Georgia 11 pt), a header with a logo and the firm's
// address, a footer, and 25 mm margins. edits, if any, change its parts
// (by name) before it is written.
func referenceDocx(t testing.TB, dir string, edits ...func(parts map[string]string)) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 30, 10))
	for x := range 30 {
		for y := range 10 {
			img.Set(x, y, color.RGBA{200, 30, 30, 255})
		}
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	w14 := `xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="` + nsRel + `"><Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + w14 + `><w:body><w:p><w:r><w:t>Letterhead</w:t></w:r></w:p>` +
			`<w:sectPr><w:headerReference w:type="first" r:id="rId9"/><w:headerReference w:type="default" r:id="rId7"/><w:footerReference w:type="default" r:id="rId8"/>` +
			`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="` + nsRel + `">` +
			`<Relationship Id="rId1" Type="` + relBase + `styles" Target="styles.xml"/><Relationship Id="rId7" Type="` + relBase + `header" Target="header2.xml"/>` +
			`<Relationship Id="rId9" Type="` + relBase + `header" Target="header1.xml"/><Relationship Id="rId8" Type="` + relBase + `footer" Target="footer1.xml"/>` +
			`<Relationship Id="rId3" Type="` + relBase + `theme" Target="theme/theme1.xml"/></Relationships>`,
		"word/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + w14 + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/></w:rPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="7F1F1F"/><w:sz w:val="32"/></w:rPr></w:style></w:styles>`,
		"word/theme/theme1.xml": `<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="` + nsA + `" name="Firm"><a:themeElements/></a:theme>`,
		"word/header1.xml":      `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + w14 + `><w:p><w:r><w:t>First page only</w:t></w:r></w:p></w:hdr>`,
		"word/header2.xml": `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + w14 + `><w:p w14:paraId="1A2B3C4D"><w:r><w:drawing><wp:inline><wp:extent cx="1080000" cy="360000"/><wp:docPr id="1" name="Logo"/>` +
			`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
			`<pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1080000" cy="360000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>` +
			`<w:r><w:t>Tremblay Avocats · 1 rue Principale, Moncton</w:t></w:r></w:p></w:hdr>`,
		"word/_rels/header2.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="` + nsRel + `"><Relationship Id="rId1" Type="` + relBase + `image" Target="media/image1.png"/></Relationships>`,
		"word/footer1.xml":            `<?xml version="1.0" encoding="UTF-8"?><w:ftr ` + w14 + `><w:p><w:r><w:t>Barreau du Nouveau-Brunswick</w:t></w:r></w:p></w:ftr>`,
		"word/media/image1.png":       logo.String(),
	}
	for _, edit := range edits {
		edit(files)
	}
	name := filepath.Join(dir, "reference.docx")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
		"word/theme/theme1.xml", "word/header1.xml", "word/header2.xml", "word/_rels/header2.xml.rels", "word/footer1.xml", "word/media/image1.png"} {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestDOCXReference: the DOCX takes the reference's styles (its Normal and
// Heading 1, cecbatch's for what it lacks), its theme, its default header
// with the logo before the DRAFT line, its footer before the page numbers,
// and its margins; the letterhead's name and address leave the body.
func TestDOCXReference(t *testing.T) {
	ref := referenceDocx(t, t.TempDir())
	r, err := New(Options{PageW: 215.9, PageH: 279.4, Reference: ref})
	if err != nil {
		t.Fatal(err)
	}
	p := parts(t, render(t, r, sample()))
	for name, b := range p {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := wellFormed(b); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	styles := string(p["word/styles.xml"])
	if !strings.Contains(styles, "Georgia") || !strings.Contains(styles, "7F1F1F") {
		t.Error("the reference's Normal and Heading 1 are not used")
	}
	if strings.Count(styles, `w:styleId="Heading1"`) != 1 || !strings.Contains(styles, `w:styleId="OpinionTable"`) || !strings.Contains(styles, `w:styleId="Heading2"`) {
		t.Error("cecbatch's styles do not fill in exactly the ones the reference lacks")
	}
	if p["word/theme/theme1.xml"] == nil {
		t.Error("the reference's theme is not used")
	}
	header := string(p["word/header1.xml"])
	logo, draft := strings.Index(header, "Tremblay Avocats"), strings.Index(header, "DRAFT")
	if logo < 0 || draft < logo || strings.Contains(header, "First page only") {
		t.Errorf("the header is not the reference's default header then the DRAFT line: %s", header)
	}
	if !strings.Contains(header, `mc:Ignorable="w14"`) || !strings.Contains(header, `w14:paraId`) {
		t.Error("the reference header's namespaces are not kept")
	}
	rels := string(p["word/_rels/header1.xml.rels"])
	m := regexp.MustCompile(`Target="(media/[^"]+)"`).FindStringSubmatch(rels)
	if m == nil || p["word/"+m[1]] == nil {
		t.Fatalf("the header's logo is not in the package: %s", rels)
	}
	if ct := string(p["[Content_Types].xml"]); !strings.Contains(ct, `Extension="png"`) {
		t.Error("no content type for the logo")
	}
	if footer := string(p["word/footer1.xml"]); strings.Index(footer, "Barreau") > strings.Index(footer, "NUMPAGES") {
		t.Errorf("the footer is not the reference's then the page numbers: %s", footer)
	}
	body := string(p["word/document.xml"])
	if !strings.Contains(body, `<w:pgMar w:top="1417" w:right="1417"`) {
		t.Error("the reference's margins are not used")
	}
	if !strings.Contains(body, `<w:pgSz w:w="12240" w:h="15840"/>`) {
		t.Error("the configured paper (Letter) is not kept")
	}
	if strings.Contains(body, "1 Main St") || !strings.Contains(body, "eligibility opinion (draft)") {
		t.Error("with a reference header the body should drop the firm's address and keep the title")
	}
}

func TestDOCXReferenceRefused(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "letterhead.docx")
	if err := os.WriteFile(notZip, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{PageW: 210, PageH: 297, Reference: notZip}); err == nil || !strings.Contains(err.Error(), "Word Document") {
		t.Errorf("a file that is no .docx: %v", err)
	}
	if _, err := New(Options{PageW: 210, PageH: 297, Reference: filepath.Join(dir, "missing.docx")}); err == nil {
		t.Error("a missing reference was accepted")
	}
}

func BenchmarkTimelinePNG(b *testing.B) {
	tl := sample().Blocks[4].(*doc.Timeline)
	for b.Loop() {
		png, _, err := timelinePNG(tl, 170)
		if err != nil {
			b.Fatal(err)
		}
		releasePNG(png)
	}
}

// FuzzReference reads arbitrary bytes as a reference document: it is
// refused with a message or taken, never a panic, and a document taken
// renders to well-formed parts.
func FuzzReference(f *testing.F) {
	if b, err := os.ReadFile(referenceDocx(f, f.TempDir())); err == nil {
		f.Add(b)
	}
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(t.TempDir(), "ref.docx")
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := New(Options{PageW: 215.9, PageH: 279.4, Reference: name})
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := r.Render(&b, sample()); err != nil {
			return
		}
		for name, part := range parts(t, b.Bytes()) {
			if name == "word/document.xml" || name == "word/header1.xml" || name == "word/footer1.xml" {
				if err := wellFormed(part); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		}
	})
}

// FuzzEsc checks that esc's shortcut for plain text gives what escaping
// character by character gives, and that a run of one piece is written as
// the general path writes it.
func FuzzEsc(f *testing.F) {
	for _, s := range []string{"", "plain text 1,560 h", "a & b < c > d \"e\"", "tab\there", "line\nbreak", "cr\rx", "del\x7f", "nul\x00", "é ‮ bidi", "\xff bad utf-8", "~ at the end"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := esc(s), escRunes(s); got != want {
			t.Errorf("esc(%q) = %q, character by character %q", s, got, want)
		}
		if s == "" || strings.ContainsAny(s, "\r\n\t") {
			return
		}
		var none runProps
		if got, want := run(s, none), `<w:r><w:t xml:space="preserve">`+escRunes(s)+`</w:t></w:r>`; got != want {
			t.Errorf("run(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestDOCXReferenceNegativeMargins: a reference document whose margins
// are negative (a damaged or hand-edited template) does not make the text
// column, and the timeline picture drawn across it, wider than the page:
// a left margin of -99,999,999 twips asked for a picture 10 million
// pixels wide, gigabytes of memory.
func TestDOCXReferenceNegativeMargins(t *testing.T) {
	ref := referenceDocx(t, t.TempDir(), func(parts map[string]string) {
		parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `w:left="1417"`, `w:left="-99999999"`, 1)
	})
	r, err := New(Options{PageW: 210, PageH: 297, Reference: ref})
	if err != nil {
		t.Fatal(err)
	}
	body := string(parts(t, render(t, r, sample()))["word/document.xml"])
	m := regexp.MustCompile(`<wp:extent cx="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no picture in the draft")
	}
	// The page's width in twips, rounded, is within a twip (635 EMU) of
	// 210 mm.
	if cx, _ := strconv.ParseInt(m[1], 10, 64); cx > emu(210)+635 {
		t.Errorf("the timeline is %d EMU wide, the page %d", cx, emu(210))
	}
}
