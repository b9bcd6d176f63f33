package fpdf

import (
	"math"
	"strings"
	"testing"
)

// TestTextOneByteSameBytes checks that Text's one-byte path (patch 4)
// writes what fpdf's general path wrote: the line formatted with
// sprintf, the string escaped, the colour wrapper when the text colour
// differs from the fill colour.
func TestTextOneByteSameBytes(t *testing.T) {
	texts := []string{"", "plain", `back\slash (paren) and)(`, "cr\rhere", "high \x80\xff bytes", "tab\tand\nnewline"}
	points := [][2]float64{{20, 20}, {0, 0}, {-3.14159, 1e-9}, {123.455, 297.005}, {210, -0.004}, {math.Copysign(0, -1), 5}}
	for _, colored := range []bool{false, true} {
		for _, txt := range texts {
			for _, pt := range points {
				pdf := New("P", "mm", "A4", "")
				pdf.SetFont("Helvetica", "", 12)
				pdf.AddPage()
				if colored {
					pdf.SetTextColor(200, 10, 10)
				}
				before := pdf.pages[1].Len()
				pdf.Text(pt[0], pt[1], txt)
				got := pdf.pages[1].String()[before:]

				s := sprintf("BT %.2f %.2f Td (%s) Tj ET", pt[0]*pdf.k, (pdf.h-pt[1])*pdf.k, pdf.escape(txt))
				if pdf.colorFlag {
					s = sprintf("q %s %s Q", pdf.color.text.str, s)
				}
				if want := s + "\n"; got != want {
					t.Errorf("Text(%v, %v, %q), colour %v:\n got %q\nwant %q", pt[0], pt[1], txt, colored, got, want)
				}
				if colored != strings.HasPrefix(got, "q ") {
					t.Errorf("colour %v but the line is %q", colored, got)
				}
			}
		}
	}
}

// TestFontOpSameBytes checks that the font operator written without fmt
// (patch 7) is the one outf wrote.
func TestFontOpSameBytes(t *testing.T) {
	for _, size := range []float64{9, 9.5, 10.25, 10.255, 0.004, 72} {
		pdf := New("P", "mm", "A4", "")
		pdf.AddPage()
		before := pdf.pages[1].Len()
		pdf.SetFont("Helvetica", "B", size)
		got := pdf.pages[1].String()[before:]
		if want := sprintf("BT /F%s %.2f Tf ET\n", pdf.currentFont.i, size); got != want {
			t.Errorf("size %v: %q, want %q", size, got, want)
		}
	}
}

// TestAppendWidths checks that the widths array (patch 8) is what fpdf's
// one sprintf("%d ") a character wrote, for widths of every size and
// sign.
func TestAppendWidths(t *testing.T) {
	cw := make([]int, 256)
	for i := range cw {
		cw[i] = (i*7919)%3001 - 500
	}
	cw[40], cw[41], cw[255] = 0, 65535, -2147483648
	var want strings.Builder
	want.WriteString("[")
	for j := 32; j < 256; j++ {
		want.WriteString(sprintf("%d ", cw[j]))
	}
	want.WriteString("]")
	if got := string(appendWidths([]byte("x"), cw)); got != "x"+want.String() {
		t.Errorf("got %q\nwant %q", got, "x"+want.String())
	}
}
