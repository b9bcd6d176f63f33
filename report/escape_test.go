package report

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestBidiAndControlsShown: a bidi override or a control character in a
// name or a file name is printed as its code, so that a viewer never
// reverses or hides the text after it.
func TestBidiAndControlsShown(t *testing.T) {
	p := &pager{faces: faces(t), size: 8}
	for in, want := range map[string]string{
		"Tremblay\u202Ecod.xlsx": "Tremblay[U+202E]cod.xlsx",
		"a\u2066b\u2069":         "a[U+2066]b[U+2069]",
		"bell\a":                 "bell[U+0007]",
		"tab\there":              "tab here",
		"two\nlines":             "two\nlines",
		"Élodie Bérubé":          "Élodie Bérubé",
	} {
		if got := p.visible(in); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsRune(p.visible(in), '\u202E') {
			t.Errorf("visible(%q) keeps the override", in)
		}
	}
}

// TestSummaryShowsControls: a bidi override in a client's name or a file
// name is written to summary.xlsx as its code, never obeyed by the
// spreadsheet that shows it.
func TestSummaryShowsControls(t *testing.T) {
	a := fxFormulaText()
	a.Client.FamilyName = "Tremblay\u202Egnp.exe"
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddClient(a, nil, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRejected("cv\u202Excod.xlsx", "not a workbook"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(summaryRunInfo()); err != nil {
		t.Fatal(err)
	}
	f := openSummary(t, path)
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, v := range row {
				if strings.ContainsRune(v, '\u202E') {
					t.Errorf("%s keeps the override in %q", sheet, v)
				}
				for _, want := range []string{"Tremblay[U+202E]gnp.exe", "cv[U+202E]xcod.xlsx"} {
					if strings.Contains(v, want) {
						found[want] = true
					}
				}
			}
		}
	}
	if len(found) != 2 {
		t.Errorf("escaped texts found: %v", found)
	}
}

// TestEscapedFastPath: the ASCII shortcut of escaped agrees with the
// Unicode tables on every rune below 0x100.
func TestEscapedFastPath(t *testing.T) {
	for r := rune(0); r < 0x100; r++ {
		want := unicode.Is(unicode.Bidi_Control, r) || unicode.IsControl(r) && r != '\n' && r != '\t'
		if escaped(r) != want {
			t.Errorf("escaped(%U) = %v, want %v", r, escaped(r), want)
		}
	}
}
