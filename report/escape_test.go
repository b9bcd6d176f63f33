package report

import (
	"strings"
	"testing"
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
