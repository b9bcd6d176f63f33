package main

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// TestFloorSameLength: the floor document of an opinion has the opinion's
// page count, read back the way the benchmark reads the opinions', and
// every page carries a full body of text: at least 40 lines shown.
func TestFloorSameLength(t *testing.T) {
	stamp := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for pages := 1; pages <= 5; pages++ {
		var buf bytes.Buffer
		if err := floorDoc(&buf, pages, stamp); err != nil {
			t.Fatal(err)
		}
		n, err := pageCount(buf.Bytes())
		if err != nil || n != pages {
			t.Errorf("floor of %d pages: page count %d, %v", pages, n, err)
		}
		if shown := textLines(t, buf.Bytes()); shown < 40*pages {
			t.Errorf("floor of %d pages shows %d lines of text, want at least %d", pages, shown, 40*pages)
		}
	}
}

// textLines counts the text-showing operators (Tj, TJ) in the PDF's
// compressed streams.
func textLines(t *testing.T, pdf []byte) int {
	n := 0
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("\nstream\n"))
		if i < 0 {
			return n
		}
		rest = rest[i+len("\nstream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("a stream without its end")
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			content, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			n += bytes.Count(content, []byte("Tj")) + bytes.Count(content, []byte("TJ"))
		}
		rest = rest[j:]
	}
}

// TestUpstreamFloorVersion: the upstream floor is built against the
// release the vendored fpdf was taken from, the one go.mod requires and
// third_party/fpdf/README.md names, so that the two floors differ by the
// patches only.
func TestUpstreamFloorVersion(t *testing.T) {
	mod, version, _ := strings.Cut(upstreamFPDF, " ")
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gomod), "\t"+mod+" "+version+"\n") {
		t.Errorf("go.mod does not require %s %s", mod, version)
	}
	readme, err := os.ReadFile("../../third_party/fpdf/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "`"+mod+"` **"+version+"**") {
		t.Errorf("third_party/fpdf/README.md does not say it is %s %s", mod, version)
	}
}
