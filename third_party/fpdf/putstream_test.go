package fpdf

import (
	"bytes"
	"testing"
)

// TestPutstreamWritesBytes checks that a stream's bytes reach the output
// as they are, between "stream" and "endstream" lines, written straight
// from the slice.
func TestPutstreamWritesBytes(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	pdf.Text(20, 20, "stream bytes (\xe9) as they are")
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	want := []byte("stream\n")
	want = append(want, pdf.pages[1].Bytes()...)
	want = append(want, "\nendstream\n"...)
	if !bytes.Contains(b.Bytes(), want) {
		t.Errorf("the page's content is not in the output as a stream:\n%s", b.Bytes())
	}
}
