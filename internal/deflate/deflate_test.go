package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// TestReusedWriter: a compressor taken from the pool after others used it
// writes what a new one writes, and the standard library reads it back:
// the Word drafts and the register's facts must not depend on which
// compressor a worker happened to get.
func TestReusedWriter(t *testing.T) {
	inputs := [][]byte{
		bytes.Repeat([]byte("<w:p><w:r><w:t>1,560 hours</w:t></w:r></w:p>"), 2000),
		[]byte("short"),
		{},
		bytes.Repeat([]byte{0, 1, 2, 3, 255}, 50000),
	}
	for round := range 3 {
		for i, in := range inputs {
			var fresh bytes.Buffer
			nw, _ := kflate.NewWriter(&fresh, kflate.BestSpeed)
			nw.Write(in)
			nw.Close()

			var pooled bytes.Buffer
			w := Get(&pooled)
			if _, err := w.Write(in); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			Put(w)
			if !bytes.Equal(pooled.Bytes(), fresh.Bytes()) {
				t.Errorf("round %d, input %d: a pooled compressor wrote %d bytes, a new one %d", round, i, pooled.Len(), fresh.Len())
			}
			back, err := io.ReadAll(flate.NewReader(&pooled))
			if err != nil || !bytes.Equal(back, in) {
				t.Errorf("round %d, input %d: read back %d bytes (%v), want %d", round, i, len(back), err, len(in))
			}
		}
	}
}
