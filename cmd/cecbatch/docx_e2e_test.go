package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	docxpkg "github.com/cecbatch/cecbatch/report/docx"
)

// TestDOCXSaysWhatThePDFSays runs cecbatch on sample workbooks with
// every document on (opinion and client letter, PDF and DOCX), in English
// and in French, converts each DOCX to PDF with LibreOffice as a firm's
// machine would open it, and compares its words with the PDF renderer's:
// the same content from both renderers. The running header and footer (laid
// out per page) and the timeline (real text in the PDF, a picture in the
// DOCX) are left out of the comparison; everything else must match word for
// word. python-docx, where installed, opens each DOCX too: real paragraphs,
// real tables.
func TestDOCXSaysWhatThePDFSays(t *testing.T) {
	soffice := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("libreoffice (libreoffice-writer) is not installed: skipping the DOCX conversion; CI installs it")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; CI installs it")
	}
	if testing.Short() {
		t.Skip("-short: skipping the LibreOffice conversions (a minute)")
	}
	// In English the workbooks with every verdict, rows that could not be
	// read and the Express Entry ranges; in French the week of names in
	// every script. (Each DOCX takes LibreOffice a second or two.)
	workbooks := map[string][]string{
		"en": {"partner-office-export.xlsx", "intake-with-problems.xlsx"},
		"fr": {"intake-week-47.xlsx"},
	}
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			s := newSite(t)
			for _, name := range workbooks[lang] {
				src := filepath.Join("..", "..", "samples", name)
				b, err := os.ReadFile(src)
				if err != nil {
					t.Fatal(err)
				}
				s.file(filepath.Join("inbox", filepath.Base(src)), string(b))
			}
			s.file("cecbatch.yaml", "letterhead:\n  firm_name: Tremblay & Singh LLP\nlawyer: Me Anne Tremblay\n"+
				"outputs:\n  client_letter: true\ndefault_language: "+lang+"\n")
			out := s.run("run", "--as-of", "2026-11-21", "--min-age", "0s", "--keep-inputs")
			if out.code != 0 {
				t.Fatalf("exit %d\n%s", out.code, out.stderr)
			}
			runDir := out.lastLine()
			if !filepath.IsAbs(runDir) {
				runDir = s.path(runDir)
			}
			docxs, _ := filepath.Glob(filepath.Join(runDir, "opinions", "*.docx"))
			letters, _ := filepath.Glob(filepath.Join(runDir, "opinions", "*_CEC-letter.docx"))
			if len(docxs) == 0 || len(letters) == 0 || len(letters)*2 != len(docxs) {
				t.Fatalf("%d DOCX files, %d of them letters: want an opinion and a letter per client", len(docxs), len(letters))
			}
			checkDocuments(t, runDir, len(docxs)/2)

			conv := t.TempDir()
			args := append([]string{"-env:UserInstallation=file://" + t.TempDir(), "--headless", "--convert-to", "pdf", "--outdir", conv}, docxs...)
			if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
				t.Fatalf("LibreOffice could not convert the DOCX files: %v\n%s", err, b)
			}
			for _, docx := range docxs {
				name := strings.TrimSuffix(filepath.Base(docx), ".docx")
				fromWord := pdfWords(t, filepath.Join(conv, name+".pdf"), lang)
				fromPDF := pdfWords(t, filepath.Join(runDir, "opinions", name+".pdf"), lang)
				if len(fromPDF) < 80 {
					t.Fatalf("%s: only %d words in the PDF", name, len(fromPDF))
				}
				missing, extra := wordDiff(fromPDF, fromWord)
				// A table's header row is printed again on each page the
				// table runs on: one page more or fewer is no difference.
				headers := headerWords(t, docx)
				missing = slices.DeleteFunc(missing, func(w string) bool { return headers[w] })
				extra = slices.DeleteFunc(extra, func(w string) bool { return headers[w] })
				if len(missing)+len(extra) > 0 {
					t.Errorf("%s: the DOCX (through LibreOffice) and the PDF do not say the same:\n only in the PDF:  %q\n only in the DOCX: %q", name, missing, extra)
				}
			}
			pythonDocx(t, docxs, lang)
		})
	}
}

// checkDocuments: results.jsonl lists each client's four documents, the
// opinion's PDF first, and each exists.
func checkDocuments(t *testing.T, runDir string, clients int) {
	t.Helper()
	type line struct {
		ClientID  string   `json:"client_id"`
		Documents []string `json:"documents"`
	}
	n := 0
	for _, l := range resultsOf[line](t, runDir) {
		if l.ClientID == "" {
			continue
		}
		n++
		if len(l.Documents) != 4 || !strings.HasSuffix(l.Documents[0], "_CEC-opinion.pdf") || !strings.HasSuffix(l.Documents[3], "_CEC-letter.docx") {
			t.Errorf("%s: documents %q, want the opinion's PDF and DOCX, then the letter's", l.ClientID, l.Documents)
		}
		for _, d := range l.Documents {
			if _, err := os.Stat(filepath.Join(runDir, d)); err != nil {
				t.Errorf("%s: %v", l.ClientID, err)
			}
		}
	}
	if n != clients {
		t.Errorf("%d clients in results.jsonl, %d pairs of documents", n, clients)
	}
}

// The timeline's heading and the first heading after it, in each
// language: what lies between is the timeline, text in the PDF and a
// picture in the DOCX.
var timelineBounds = map[string][2]string{
	"en": {"The case at a glance", "The requirements"},
	"fr": {"Le dossier en un coup d'œil", "Les exigences"},
}

// runningLines are the header's and footer's lines, laid out anew on every
// page by each renderer (the PDF cuts a long footer to one line).
var runningLines = regexp.MustCompile(`(?m)^\s*(DRAFT|PROJET) — .*$|^\s*(Source[ \x{a0}]?:|Letter to|Lettre à) .*$|^\s*Page \d+ (of|sur) \d+\s*$`)

// wordRun is a word as both renderers keep it whole: letters, marks and
// digits. A line may break after a hyphen or a dash or before a bracket
// in LibreOffice, never in the PDF renderer: the punctuation around the
// words is no part of the comparison.
var wordRun = regexp.MustCompile(`[\p{L}\p{M}\p{N}']+`)

// pdfWords are the words of a PDF's text, header, footer and timeline left
// out, spaces of every kind as one.
func pdfWords(t *testing.T, pdf, lang string) []string {
	t.Helper()
	// -raw: the text in the order it is drawn, a running header or footer
	// on a line of its own.
	b, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	text := string(b)
	text = runningLines.ReplaceAllString(text, " ")
	bounds := timelineBounds[lang]
	if i := strings.Index(text, bounds[0]); i >= 0 {
		if j := strings.Index(text[i:], bounds[1]); j > 0 {
			text = text[:i+len(bounds[0])] + " " + text[i+j:]
		}
	}
	return wordRun.FindAllString(text, -1)
}

// headerWords are the words of the header rows of the DOCX's tables.
func headerWords(t *testing.T, docx string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(docx)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := docxpkg.Parts(data)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, seg := range strings.Split(string(parts["word/document.xml"]), "</w:tr>") {
		i := strings.LastIndex(seg, "<w:tr>")
		if i < 0 || !strings.Contains(seg[i:], "<w:tblHeader/>") {
			continue
		}
		for _, m := range regexp.MustCompile(`<w:t[^>]*>([^<]*)</w:t>`).FindAllStringSubmatch(seg[i:], -1) {
			for _, w := range wordRun.FindAllString(m[1], -1) {
				words[w] = true
			}
		}
	}
	return words
}

// wordDiff compares two bags of words: what only a has, what only b has.
func wordDiff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	for _, w := range b {
		count[w]--
	}
	for w, n := range count {
		for ; n > 0; n-- {
			onlyA = append(onlyA, w)
		}
		for ; n < 0; n++ {
			onlyB = append(onlyB, w)
		}
	}
	slices.Sort(onlyA)
	slices.Sort(onlyB)
	return onlyA, onlyB
}

// pythonDocx opens every DOCX with python-docx (Debian python3-docx), a
// reader independent of cecbatch's writer: each has real paragraphs in
// Word's styles, and each opinion real tables.
func pythonDocx(t *testing.T, docxs []string, lang string) {
	t.Helper()
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import docx").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Log("python3-docx is not installed: skipping the python-docx check")
		return
	}
	script := `import docx, json, sys
out = {}
for path in sys.argv[1:]:
    d = docx.Document(path)
    out[path] = {"styles": sorted({p.style.name for p in d.paragraphs}), "tables": len(d.tables),
                 "text": "\n".join(p.text for p in d.paragraphs),
                 "header": "\n".join(p.text for p in d.sections[0].header.paragraphs)}
json.dump(out, sys.stdout)`
	b, err := exec.Command(python, append([]string{"-c", script}, docxs...)...).Output()
	if err != nil {
		t.Fatalf("python-docx could not read the DOCX files: %v", err)
	}
	var read map[string]struct {
		Styles       []string
		Tables       int
		Text, Header string
	}
	if err := json.Unmarshal(b, &read); err != nil {
		t.Fatal(err)
	}
	draft := map[string]string{"en": "DRAFT", "fr": "PROJET"}[lang]
	for _, path := range docxs {
		r := read[path]
		name := filepath.Base(path)
		if !strings.Contains(r.Header, draft) {
			t.Errorf("%s: python-docx finds no %s in the header: %q", name, draft, r.Header)
		}
		if strings.HasSuffix(name, "_CEC-opinion.docx") {
			for _, style := range []string{"Title", "Heading 1", "Heading 2", "Verdict"} {
				if !slices.Contains(r.Styles, style) {
					t.Errorf("%s: no paragraph in the style %s (styles: %q)", name, style, r.Styles)
				}
			}
			if r.Tables < 1 {
				t.Errorf("%s: python-docx finds %d tables", name, r.Tables)
			}
		}
		if len(r.Text) < 500 {
			t.Errorf("%s: python-docx reads only %d characters", name, len(r.Text))
		}
	}
}
