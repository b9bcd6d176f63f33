package fpdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"
)

// TestRelease: a document made with buffers that another document
// released (patch 9) is byte for byte the document made with new ones,
// whatever the released document held; and a released document fails
// instead of writing into buffers that are now another's.
func TestRelease(t *testing.T) {
	doc := func(pages int, text string) *Fpdf {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCreationDate(fixedTime)
		pdf.SetModificationDate(fixedTime)
		pdf.SetFont("Helvetica", "", 12)
		for p := range pages {
			pdf.AddPage()
			for y := 20; y < 270; y += 6 {
				pdf.Text(20, float64(y), fmt.Sprintf("%s, page %d, line %d", text, p+1, y))
			}
		}
		return pdf
	}
	output := func(pdf *Fpdf) []byte {
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// Made before anything was released: new buffers only.
	want := output(doc(2, "the document compared"))
	for round := range 3 {
		// A larger document, released: its buffers hold other text.
		big := doc(6, "another client's opinion, longer")
		output(big)
		big.Release()
		if got := output(doc(2, "the document compared")); !bytes.Equal(got, want) {
			t.Fatalf("round %d: made with released buffers, the document differs (%d bytes, want %d)", round, len(got), len(want))
		}
	}

	pdf := doc(1, "released")
	output(pdf)
	pdf.Release()
	pdf.AddPage()
	pdf.Text(20, 20, "after release")
	var b bytes.Buffer
	if err := pdf.Output(&b); !errors.Is(err, ErrReleased) || b.Len() != 0 {
		t.Errorf("a released document wrote %d bytes (%v), want none and ErrReleased", b.Len(), err)
	}
}

// TestReleasedPagesHaveRoom: the page buffers a document hands on have a
// page's room at least. The unused placeholder for page 0 was handed on
// too, and the page that took it grew it from nothing.
func TestReleasedPagesHaveRoom(t *testing.T) {
	for range 2 * cap(freePages) {
		pdf := New("P", "mm", "A4", "")
		pdf.SetFont("Helvetica", "", 12)
		for range 3 {
			pdf.AddPage()
			pdf.Text(20, 20, "a line")
		}
		if err := pdf.Output(io.Discard); err != nil {
			t.Fatal(err)
		}
		pdf.Release()
	}
	for range len(freePages) {
		if b := <-freePages; b.Cap() < pageBufferSize {
			t.Errorf("a released page buffer of %d bytes, less than a page's %d", b.Cap(), pageBufferSize)
		}
	}
}
