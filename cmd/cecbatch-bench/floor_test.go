package main

import (
	"bytes"
	"testing"
	"time"
)

// TestFloorSameLength: the floor document of an opinion has the opinion's
// page count, read back the way the benchmark reads the opinions', and
// every page carries its body of text (the compressed pages grow with the
// page count).
func TestFloorSameLength(t *testing.T) {
	stamp := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	prev := 0
	for pages := 1; pages <= 5; pages++ {
		var buf bytes.Buffer
		if err := floorDoc(&buf, pages, stamp); err != nil {
			t.Fatal(err)
		}
		n, err := pageCount(buf.Bytes())
		if err != nil || n != pages {
			t.Errorf("floor of %d pages: page count %d, %v", pages, n, err)
		}
		if buf.Len() < prev+1000 {
			t.Errorf("floor of %d pages is %d bytes, %d pages were %d: a page without its text", pages, buf.Len(), pages-1, prev)
		}
		prev = buf.Len()
	}
}
