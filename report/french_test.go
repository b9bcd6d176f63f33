package report

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/ingest"
	"github.com/cecbatch/cecbatch/report/doc"
)

// neutralWords are words of the catalog's English side that a French
// document writes too: names of tests and programs, and abbreviations
// French keeps.
var neutralWords = map[string]bool{
	"ielts": true, "celpip": true, "pte": true, "tef": true, "tcf": true, "general": true, "training": true, "core": true,
	"nclc": true, "cec": true, "ircc": true, "eapr": true, "fsw": true, "fst": true, "canada": true,
}

// englishWords are the words of the catalogs' English side (report's and
// every engine package's) that their French side never uses: one of them
// in a French document is English left untranslated. The workbook's
// column and sheet names, which a French sentence quotes in guillemets
// (« Work Authorization »), are no French words.
func englishWords() map[string]bool {
	catalogs := []map[string]string{messagesFR}
	for _, c := range assess.Catalogs() {
		catalogs = append(catalogs, c.Messages(French))
	}
	french := map[string]bool{}
	for _, cat := range catalogs {
		for _, fr := range cat {
			for _, w := range words(quoted.ReplaceAllString(fr, " ")) {
				french[w] = true
			}
		}
	}
	english := map[string]bool{}
	for _, cat := range catalogs {
		for en := range cat {
			for _, w := range words(en) {
				if !french[w] && !neutralWords[w] {
					english[w] = true
				}
			}
		}
	}
	return english
}

// quoted is a name in guillemets (a column or a sheet of the workbook,
// the words its cells accept) or a value in straight quotes (a cell's
// value, a header as written): the workbook's words, not the document's.
var quoted = regexp.MustCompile(`«[^»]*»|"[^"\n]*"`)

// words are the lower-case words of s, format verbs left out.
func words(s string) []string {
	s = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-z]`).ReplaceAllString(s, " ")
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
}

// identifiers are what a document quotes as it is: rule ids (L-MIXED),
// cell references (Language Tests!A3), grid ids (crs-2025-03-25).
var identifiers = regexp.MustCompile(`\b[A-Z]+(-[A-Z0-9]+)+\b|[A-Za-z][A-Za-z ]*![A-Z]+\d+|\b[a-z]+(-\d+)+\b`)

// dataTexts are the client's and the firm's own texts, which a document
// prints as they are, in whatever language they were written.
func dataTexts(c *assess.Client) []string {
	var out []string
	for _, t := range clientTexts(c) {
		out = append(out, t.value)
	}
	for _, t := range c.Tests {
		out = append(out, string(t.Kind))
	}
	for _, k := range assess.Current().AcceptedTests {
		out = append(out, string(k))
	}
	lh := testLetterhead
	return append(out, lh.FirmName, lh.Address, lh.Phone, lh.Email, lh.Lawyer, c.FullName(), c.Province)
}

// leftEnglish returns the English words of d's texts once the engine's
// sentences still in English (each after its marker) and the data are
// taken out, with a few words around each.
func leftEnglish(t *testing.T, d *doc.Document, data []string, english map[string]bool) []string {
	t.Helper()
	var all strings.Builder
	d.Texts(func(s string) { all.WriteString(s + "\n") })
	text := all.String()
	// The longest first, so that a sentence is taken out before a part of it.
	untranslated := append([]string(nil), d.Untranslated...)
	sort.Slice(untranslated, func(i, j int) bool { return len(untranslated[i]) > len(untranslated[j]) })
	seen := map[string]bool{}
	for _, u := range untranslated {
		if seen[u] {
			continue // printed twice, taken out at once
		}
		seen[u] = true
		if !strings.Contains(text, engineMark+u) {
			t.Errorf("an engine sentence is not printed after its marker %q: %q", engineMark, u)
		}
		text = strings.ReplaceAll(text, engineMark+u, " ")
	}
	sort.Slice(data, func(i, j int) bool { return len(data[i]) > len(data[j]) })
	for _, s := range data {
		if strings.TrimSpace(s) != "" {
			text = strings.ReplaceAll(text, s, " ")
		}
	}
	text = identifiers.ReplaceAllString(quoted.ReplaceAllString(text, " "), " ")
	var found []string
	for _, line := range strings.Split(text, "\n") {
		for _, w := range words(line) {
			if english[w] {
				found = append(found, w+" in "+strings.TrimSpace(line))
			}
		}
	}
	return found
}

// frenchTestClients are the golden clients and every client of the sample
// workbooks, by name, each with the date it is assessed on.
func frenchTestClients(t *testing.T) map[string]*assess.Client {
	t.Helper()
	cs := letterClients()
	files, err := filepath.Glob("../samples/*.xlsx")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample workbooks in ../samples (%v)", err)
	}
	for _, f := range files {
		wb, err := ingest.ReadFile(f, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range wb.Clients {
			cs[filepath.Base(f)+" "+c.ID] = c
		}
	}
	return cs
}

// TestFrenchDocumentsHaveNoEnglish renders the memo and the letter of
// every golden client and every sample client in French, with the Express
// Entry estimate, and fails on any word of the catalogs' English side in
// them (report's, and every engine package's: assess, assess/crs, ingest)
// and on any sentence printed in English after the marker: every sentence
// cecbatch writes has its French.
func TestFrenchDocumentsHaveNoEnglish(t *testing.T) {
	english := englishWords()
	if len(english) < 500 {
		t.Fatalf("only %d English words to look for: the catalogs are not read", len(english))
	}
	r := newLetterRenderer(t, French)
	clients := frenchTestClients(t)
	if len(clients) < 30 {
		t.Fatalf("only %d clients", len(clients))
	}
	for name, c := range clients {
		a := assessFor(t, c, r)
		x := crs.Builtin().Assess(a.Rules, c, a.AssessedOn)
		for kind, build := range map[string]func() (*doc.Document, error){
			"memo":   func() (*doc.Document, error) { return r.memo(a, x, asOf) },
			"letter": func() (*doc.Document, error) { return r.letter(a, x, asOf) },
		} {
			d, err := build()
			if err != nil {
				t.Fatal(err)
			}
			if d.Lang != French {
				t.Errorf("%s %s: language %q", name, kind, d.Lang)
			}
			for _, w := range leftEnglish(t, d, dataTexts(c), english) {
				t.Errorf("%s %s: English %s", name, kind, w)
			}
			for _, u := range d.Untranslated {
				t.Errorf("%s %s: a sentence in English, marked %q: %q", name, kind, engineMark, u)
			}
		}
	}
}

// TestFrenchFormats: dates in words, numbers with a comma and no-break
// spaces, no-break spaces before colons; the client's Language cell
// chooses the language whatever the default.
func TestFrenchFormats(t *testing.T) {
	fr := locales()[French]
	for got, want := range map[string]string{
		fr.date(assess.MustDate("2026-12-06")): "6\u00a0décembre\u00a02026",
		fr.date(assess.MustDate("2026-03-01")): "1er\u00a0mars\u00a02026",
		fr.hours(1560):                         "1\u00a0560,0",
		fr.hours(3908.56):                      "3\u00a0908,5",
		fr.whole(1560):                         "1\u00a0560",
		fr.t("Rule"):                           "Règle",
		fr.t("Not accepted: %s", "x"):          "Non accepté\u00a0: x",
		fr.t("%d days before this run of %s", 1234, assess.MustDate("2026-12-06")): "1\u00a0234 jours avant le présent traitement du 6\u00a0décembre\u00a02026",
		locales()[English].date(assess.MustDate("2026-12-06")):                     "2026-12-06",
		locales()[English].longDate(assess.MustDate("2026-12-06")):                 "December 6, 2026",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	c := testClients()["eligible"]
	c.Language = "français"
	en := newLetterRenderer(t, "")
	d, err := en.memo(assessFor(t, c, en), nil, asOf)
	if err != nil || d.Lang != French {
		t.Errorf("a client whose Language is français gets %q (%v)", d.Lang, err)
	}
	c.Language = "en"
	d, err = newLetterRenderer(t, French).memo(assessFor(t, c, en), nil, asOf)
	if err != nil || d.Lang != English {
		t.Errorf("a client whose Language is en, with French the default, gets %q (%v)", d.Lang, err)
	}
	if _, err := NewRenderer(Options{Paper: Letter, PDF: true, Language: "de"}); err == nil {
		t.Error("a default language that is neither en nor fr was accepted")
	}
}

// TestFrenchGolden keeps the French memo and letter of each golden client,
// as printed.
func TestFrenchGolden(t *testing.T) {
	r := newLetterRenderer(t, French)
	for name, c := range letterClients() {
		t.Run(name, func(t *testing.T) {
			a := assessFor(t, c, r)
			memo, _ := tracedDoc(t, r, func() (*doc.Document, error) { return r.memo(a, nil, asOf) })
			checkGolden(t, "fr/opinion-"+name+".golden", []byte(memo))
			letter, _ := tracedDoc(t, r, func() (*doc.Document, error) { return r.letter(a, nil, asOf) })
			checkGolden(t, "fr/letter-"+name+".golden", []byte(letter))
		})
	}
}
