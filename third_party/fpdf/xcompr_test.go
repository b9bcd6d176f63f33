package fpdf

import (
	"bytes"
	"github.com/klauspost/compress/zlib"
	"io"
	"strings"
	"testing"
	"time"
)

// TestCompressReusedWriters checks that streams compressed with the pooled
// zlib writers are byte for byte what a new writer makes, whatever was
// compressed before with the same writer, and that they decompress to the
// input.
func TestCompressReusedWriters(t *testing.T) {
	inputs := [][]byte{
		[]byte(strings.Repeat("BT /F1 12 Tf 72 720 Td (Hello, world) Tj ET\n", 400)),
		{},
		[]byte("q 0 0 1 rg 10 10 100 100 re f Q"),
		bytes.Repeat([]byte{0, 1, 2, 3, 250, 251}, 50000),
		[]byte(strings.Repeat("BT /F1 12 Tf 72 720 Td (Hello, world) Tj ET\n", 400)),
	}
	for round := range 2 {
		for i, in := range inputs {
			var want bytes.Buffer
			zw, err := zlib.NewWriterLevel(&want, zlib.BestSpeed)
			if err != nil {
				t.Fatal(err)
			}
			zw.Write(in)
			zw.Close()

			mem := xmem.compress(in)
			got := mem.copy()
			mem.release()
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("round %d, input %d: the pooled writer's stream differs from a new writer's", round, i)
			}
			zr, err := zlib.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("round %d, input %d: %v", round, i, err)
			}
			back, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(back, in) {
				t.Errorf("round %d, input %d: the stream does not decompress to the input (%v)", round, i, err)
			}
		}
	}
}

// TestOutputSameWithReusedWriters renders the same document twice in a
// row, the second time with writers the first left in the pool: the two
// PDFs must be identical.
func TestOutputSameWithReusedWriters(t *testing.T) {
	doc := func() []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCreationDate(fixedTime)
		pdf.SetModificationDate(fixedTime)
		pdf.SetFont("Helvetica", "", 12)
		for p := range 3 {
			pdf.AddPage()
			for l := range 40 {
				pdf.Text(20, 20+float64(l)*6, strings.Repeat("page and line ", p+1))
			}
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first, second := doc(), doc()
	if !bytes.Equal(first, second) {
		t.Error("a document rendered with reused zlib writers differs from the first rendering")
	}
	if !bytes.Contains(first, []byte("/Filter /FlateDecode")) {
		t.Error("the pages are not compressed")
	}
}

var fixedTime = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
