package fpdf

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAddFontFromDefSameBytes checks that a font added from a definition
// read once (patch 5) gives the same document as the same font added from
// its JSON, and that the definition can serve a second document.
func TestAddFontFromDefSameBytes(t *testing.T) {
	cw := make([]int, 256)
	for i := range cw {
		cw[i] = 500 + i
	}
	js, err := json.Marshal(map[string]any{
		"Tp": "TrueType", "Name": "ABCDEF+Test", "Cw": cw, "Up": -100, "Ut": 50,
		"Desc":         map[string]any{"Ascent": 900, "Descent": -200, "CapHeight": 700, "Flags": 32, "FontBBox": map[string]int{"Xmin": -100, "Ymin": -200, "Xmax": 1000, "Ymax": 900}, "MissingWidth": 600},
		"Diff":         "128 /uni00E9 /uni0141",
		"File":         "test.z",
		"OriginalSize": 7,
	})
	if err != nil {
		t.Fatal(err)
	}
	zfile := []byte("not really a compressed font, copied as it is")
	doc := func(add func(pdf *Fpdf)) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCreationDate(fixedTime)
		pdf.SetModificationDate(fixedTime)
		add(pdf)
		pdf.SetFont("test", "", 12)
		pdf.AddPage()
		pdf.Text(20, 20, "caf\x80 \x81")
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want := doc(func(pdf *Fpdf) { pdf.AddFontFromBytes("test", "", js, zfile) })
	def, err := ParseFontDef(js)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if got := doc(func(pdf *Fpdf) { pdf.AddFontFromDef("test", "", def, zfile) }); !bytes.Equal(got, want) {
			t.Errorf("AddFontFromDef's document differs from AddFontFromBytes's:\n%s\n---\n%s", got, want)
		}
	}
	if _, err := ParseFontDef([]byte("{not json")); err == nil {
		t.Error("a definition that is not JSON was read")
	}
}
