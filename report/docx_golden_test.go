package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/report/doc"
	"github.com/cecbatch/cecbatch/report/docx"
)

// docxOutline reads a .docx back as a person sees its structure: one line
// per paragraph with its style, tables row by row (the header row marked),
// pictures with their size, the header and footer with their fields. It is
// the DOCX's golden form: readable in a diff, independent of the XML's
// formatting.
func docxOutline(t *testing.T, data []byte) string {
	t.Helper()
	parts, err := docx.Parts(data)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, p := range []struct{ name, label string }{{"word/header1.xml", "header"}, {"word/document.xml", "body"}, {"word/footer1.xml", "footer"}} {
		fmt.Fprintf(&out, "== %s\n", p.label)
		outlineXML(t, parts[p.name], &out)
	}
	return out.String()
}

func outlineXML(t *testing.T, b []byte, out *strings.Builder) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var (
		para, style     strings.Builder
		inPara, inTable int
		cell            []string
		row             []string
		headerRow       bool
		inText, inTabs  bool
	)
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "p":
				inPara++
				para.Reset()
				style.Reset()
			case "pStyle":
				style.WriteString(attr(e, "val"))
			case "t":
				inText = true
			case "br":
				para.WriteString(" ⏎ ")
			case "tabs":
				inTabs = true // tab stops, not tabs
			case "tab":
				if inPara > 0 && !inTabs {
					para.WriteString(" → ")
				}
			case "extent":
				fmt.Fprintf(&para, "[picture %s×%s EMU]", attr(e, "cx"), attr(e, "cy"))
			case "fldSimple":
				fmt.Fprintf(&para, "{%s}", strings.TrimSpace(attr(e, "instr")))
			case "tbl":
				inTable++
				fmt.Fprintf(out, "[table]\n")
			case "tr":
				row, headerRow = nil, false
			case "tblHeader":
				headerRow = true
			case "tc":
				cell = nil
			}
		case xml.CharData:
			if inText {
				para.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "tabs":
				inTabs = false
			case "p":
				inPara--
				text := strings.TrimSpace(para.String())
				if inTable > 0 {
					cell = append(cell, text)
				} else if text != "" || style.Len() > 0 {
					fmt.Fprintf(out, "[%s] %s\n", style.String(), text)
				}
			case "tc":
				row = append(row, strings.Join(cell, " ¶ "))
			case "tr":
				mark := "|"
				if headerRow {
					mark = "|="
				}
				fmt.Fprintf(out, "%s %s |\n", mark, strings.Join(row, " | "))
			case "tbl":
				inTable--
			}
		}
	}
}

// TestDOCXGolden keeps the structure and text of every golden client's
// memo and letter as DOCX, in English and in French.
func TestDOCXGolden(t *testing.T) {
	for _, lang := range []string{English, French} {
		r := newLetterRenderer(t, lang)
		for name, c := range letterClients() {
			t.Run(lang+"/"+name, func(t *testing.T) {
				a := assessFor(t, c, r)
				for kind, build := range map[string]func() (*doc.Document, error){
					"opinion": func() (*doc.Document, error) { return r.memo(a, nil, asOf) },
					"letter":  func() (*doc.Document, error) { return r.letter(a, nil, asOf) },
				} {
					d, err := build()
					if err != nil {
						t.Fatal(err)
					}
					var b bytes.Buffer
					if err := r.docx.Render(&b, d); err != nil {
						t.Fatal(err)
					}
					checkGolden(t, "docx/"+lang+"/"+kind+"-"+name+".golden", []byte(docxOutline(t, b.Bytes())))
				}
			})
		}
	}
}

// BenchmarkClientDocuments measures, per client, each document beside the
// PDF opinion that runs have always written: the memo as DOCX, the letter
// as PDF and as DOCX, and the documents' model alone (make bench).
func BenchmarkClientDocuments(b *testing.B) {
	r := newLetterRenderer(b, "")
	a := assessFor(b, testClients()["eligible"], r)
	memo, err := r.memo(a, nil, asOf)
	if err != nil {
		b.Fatal(err)
	}
	letter, err := r.letter(a, nil, asOf)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name   string
		render func(w io.Writer) error
	}{
		{"memo-model", func(io.Writer) error { _, err := r.memo(a, nil, asOf); return err }},
		{"memo-pdf", func(w io.Writer) error { return r.pdf.Render(w, memo) }},
		{"memo-docx", func(w io.Writer) error { return r.docx.Render(w, memo) }},
		{"letter-model", func(io.Writer) error { _, err := r.letter(a, nil, asOf); return err }},
		{"letter-pdf", func(w io.Writer) error { return r.pdf.Render(w, letter) }},
		{"letter-docx", func(w io.Writer) error { return r.docx.Render(w, letter) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := bc.render(&buf); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}

// TestFilesConcurrent renders every document of several clients from
// goroutines sharing one renderer, as the batch's workers do: each file is
// byte for byte the sequential one (run with -race), also when written
// into the buffer of another client's released document (File.Release),
// as the batch releases each file once written.
func TestFilesConcurrent(t *testing.T) {
	r := newLetterRenderer(t, "")
	var names []string
	want := map[string][]File{}
	as := map[string]*assess.Assessment{}
	for name, c := range letterClients() {
		names = append(names, name)
		as[name] = assessFor(t, c, r)
		files, err := r.Files(name+"_CEC-opinion.pdf", as[name], nil, asOf)
		if err != nil {
			t.Fatal(err)
		}
		want[name] = files
	}
	var wg sync.WaitGroup
	errs := make(chan string, 10*4*4*2)
	for i := range 10 {
		wg.Go(func() {
			for k := range 4 {
				name := names[(i+k)%len(names)]
				files, err := r.Files(name+"_CEC-opinion.pdf", as[name], nil, asOf)
				if err != nil {
					errs <- err.Error()
					return
				}
				for j, f := range files {
					if f.Name != want[name][j].Name || !bytes.Equal(f.Data, want[name][j].Data) {
						errs <- name + ": " + f.Name + " differs from the sequential render"
					}
					if f.Release == nil {
						errs <- name + ": " + f.Name + " has no Release"
						continue
					}
					f.Release()
					f.Release() // a second call must not list the buffer twice
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
