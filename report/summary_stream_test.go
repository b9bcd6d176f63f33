package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
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

// TestRowStream: the rows added to two streams at once, compressed in
// pieces by the shared compressor (going on with a sheet, or starting
// again from another's dictionary), decompress to the rows' XML made one
// by one, whole and in order, with the CRC and length the part's header
// takes; a row that cannot be made is refused and not counted; a file
// that cannot be written fails the sheet; and nothing is left running
// once the compressor is stopped.
func TestRowStream(t *testing.T) {
	before := runtime.NumGoroutine()
	cols := []summaryColumn{{header: "ID", width: 10}, {header: "Notes", width: 30, wrap: true}}
	const rows = 20000
	c := newStreamCompressor()
	var streams [2]*rowStream
	var want [2][]byte
	for k := range streams {
		var err error
		if streams[k], err = newRowStream(c, t.TempDir(), "S"+strconv.Itoa(k), cols, 2); err != nil {
			t.Fatal(err)
		}
	}
	for i := range rows {
		for k, st := range streams {
			// The second sheet gets a row for every third of the first's.
			if k == 1 && i%3 != 0 {
				continue
			}
			values := []any{"C-" + strconv.Itoa(i), strings.Repeat("note ", i%40) + strconv.Itoa(k)}
			if err := st.add(values); err != nil {
				t.Fatal(err)
			}
			var err error
			if want[k], err = appendRowXML(want[k], 2+st.rows-1, rowHeight(cols, values), values); err != nil {
				t.Fatal(err)
			}
		}
	}
	st := streams[0]
	if err := st.add([]any{struct{}{}}); err == nil || st.rows != rows {
		t.Errorf("a value of an unknown type: %v, %d rows counted", err, st.rows)
	}
	for k, st := range streams {
		if err := st.finish(); err != nil {
			t.Fatal(err)
		}
		compressed, err := os.ReadFile(st.f.Name())
		if err != nil {
			t.Fatal(err)
		}
		// The pieces end on a sync flush, not a final block: one is added.
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(append(compressed, 1, 0, 0, 0xff, 0xff))))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want[k]) {
			t.Fatalf("sheet %d: the rows decompress to %d bytes, differing from the %d made one by one", k, len(got), len(want[k]))
		}
		if len(compressed) > len(want[k])/5 || int64(len(compressed)) != st.out.n {
			t.Errorf("sheet %d: %d bytes compressed (%d counted) for %d of rows", k, len(compressed), st.out.n, len(want[k]))
		}
		if st.crc != crc32.ChecksumIEEE(want[k]) || st.size != int64(len(want[k])) {
			t.Errorf("sheet %d: CRC %08x and length %d, want %08x and %d", k, st.crc, st.size, crc32.ChecksumIEEE(want[k]), len(want[k]))
		}
		st.discard()
	}

	broken, err := newRowStream(c, t.TempDir(), "Broken", cols, 2)
	if err != nil {
		t.Fatal(err)
	}
	broken.f.Close()
	for i := range rows {
		if err := broken.add([]any{"C-" + strconv.Itoa(i), "a note"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := broken.finish(); err == nil || !strings.Contains(err.Error(), "Broken") {
		t.Errorf("a file that cannot be written: %v, want an error naming the sheet", err)
	}
	broken.discard()

	c.stop()
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
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
