package pdf

import (
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
