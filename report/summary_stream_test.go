package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"testing"
)

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3}, {7, 70_000}, {65_536, 65_536}, {3, 200_001}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		want := crc32.ChecksumIEEE(append(bytes.Clone(a), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
			t.Errorf("lengths %d and %d: %08x, want %08x", n[0], n[1], got, want)
		}
	}
}

// TestSummaryStreamedSheets: the sheets whose rows are compressed during
// the run hold every row, in order, numbered after the header, with the
// dimension covering them, when their rows fill many of the compressor's
// buffers; and each part's CRC and sizes are right (archive/zip checks
// them as it reads).
func TestSummaryStreamedSheets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	fixtures := fxAll()
	const clients = 3000
	wantWork := 1
	var wantIDs []string
	for n := range clients {
		a := fixtures[n%len(fixtures)]
		if err := s.AddClient(a, nil, ""); err != nil {
			t.Fatal(err)
		}
		for range a.Client.Jobs {
			wantIDs = append(wantIDs, a.Client.ID)
		}
		wantWork += len(a.Client.Jobs)
	}
	if err := s.Close(RunInfo{Clients: clients}); err != nil {
		t.Fatal(err)
	}

	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r) // checks the CRC and the size at the end
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	work := parts[workPart(t, path)]
	if len(work) < 8*streamChunkSize {
		t.Fatalf("the Work sheet is %d bytes: too few rows to fill the compressor's buffers", len(work))
	}
	if m := regexp.MustCompile(`<dimension ref="A1:N(\d+)"`).FindSubmatch(work); m == nil || string(m[1]) != fmt.Sprint(wantWork) {
		t.Errorf("Work sheet dimension %q, want A1:N%d", m, wantWork)
	}

	f := openSummary(t, path)
	rows, err := f.GetRows(SheetWork)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != wantWork {
		t.Fatalf("Work has %d rows, want %d", len(rows), wantWork)
	}
	for i, id := range wantIDs {
		if got := rows[i+1][0]; got != id {
			t.Fatalf("Work row %d is client %q, want %q", i+2, got, id)
		}
	}
}

// workPart is the Work sheet's part in the workbook at path.
func workPart(t *testing.T, path string) string {
	f := openSummary(t, path)
	for id, name := range f.GetSheetMap() {
		if name == SheetWork {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
		}
	}
	t.Fatal("no Work sheet")
	return ""
}
