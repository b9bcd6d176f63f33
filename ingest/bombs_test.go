package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// rezip rebuilds the workbook base with some parts replaced (or added):
// the way a crafted file keeps a valid package around one poisoned part.
func rezip(t testing.TB, base []byte, replace map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	seen := map[string]bool{}
	write := func(name string, data []byte) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range zr.File {
		data, ok := replace[f.Name]
		if !ok {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ = io.ReadAll(rc)
			rc.Close()
		}
		seen[f.Name] = true
		write(f.Name, data)
	}
	for name, data := range replace {
		if !seen[name] {
			write(name, data)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// repeated is head, n copies of item, then tail: a part that compresses
// to almost nothing.
func repeated(head, item, tail string, n int) []byte {
	var b bytes.Buffer
	b.Grow(len(head) + n*len(item) + len(tail))
	b.WriteString(head)
	for range n {
		b.WriteString(item)
	}
	b.WriteString(tail)
	return b.Bytes()
}

const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// TestPartBombs feeds workbooks whose one part would make excelize take
// gigabytes and minutes (crafted files a hostile inbox may hold), shrunk to what
// still exceeds the limits: each must be rejected, naming the part, before
// excelize parses it, so in well under a second.
func TestPartBombs(t *testing.T) {
	dir := t.TempDir()
	base, err := os.ReadFile(writeBook(t, dir, "base.xlsx", baseSheets()))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxElements: 20000, MaxSharedStrings: 20000, MaxSheets: 50, MaxCells: 50000, MaxPartBytes: 4 << 20}
	// Each bomb is over one limit and within the others.
	cases := []struct {
		name  string
		parts map[string][]byte
		words []string
	}{
		{"styles of countless cell formats", map[string][]byte{"xl/styles.xml": repeated(`<styleSheet `+mainNS+`><cellXfs>`, `<xf/>`, `</cellXfs></styleSheet>`, 200000)},
			[]string{"styles", "20000"}},
		{"styles over the part size", map[string][]byte{"xl/styles.xml": repeated(`<styleSheet `+mainNS+`><!--`, `aaaaaaaaaaaaaaaa`, `--></styleSheet>`, 300000)},
			[]string{"styles", "MB"}},
		{"shared strings of countless entries", map[string][]byte{"xl/sharedStrings.xml": repeated(`<sst `+mainNS+`>`, `<si><t>a</t></si>`, `</sst>`, 100000)},
			[]string{"text", "strings"}},
		{"a workbook of countless sheets", map[string][]byte{"xl/workbook.xml": repeated(`<workbook `+mainNS+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`, `<sheet name="x" sheetId="1" r:id="rId1"/>`, `</sheets></workbook>`, 5000)},
			[]string{"sheets", "50"}},
		{"a sheet of countless cells", map[string][]byte{"xl/worksheets/sheet3.xml": repeated(`<worksheet `+mainNS+`><sheetData><row r="1">`, `<c/>`, `</row></sheetData></worksheet>`, 100000)},
			[]string{"cells", "Language Tests"}},
		{"relationships of countless entries", map[string][]byte{"xl/_rels/workbook.xml.rels": repeated(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`, `<Relationship Id="x" Type="y" Target="z"/>`, `</Relationships>`, 30000)},
			[]string{"xl/_rels/workbook.xml.rels"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeRaw(t, dir, "bomb.xlsx", rezip(t, base, c.parts))
			start := time.Now()
			_, err := ReadFile(path, opts)
			took := time.Since(start)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("a bomb was read: %v", err)
			}
			for _, w := range c.words {
				if !strings.Contains(fe.Reason, w) {
					t.Errorf("the reason does not say %q:\n%s", w, fe.Reason)
				}
			}
			if !strings.Contains(fe.Reason, "limits.") {
				t.Errorf("the reason does not name the limit to raise:\n%s", fe.Reason)
			}
			if took > 5*time.Second {
				t.Errorf("rejecting the bomb took %v", took)
			}
		})
	}
	// The same limits leave the real workbook alone.
	if _, err := ReadFile(writeRaw(t, dir, "good.xlsx", base), opts); err != nil {
		t.Fatalf("a genuine workbook is rejected under the limits: %v", err)
	}
}

// TestReadStopsWhenCancelled: a cancelled context stops the reading
// between parts and between rows, with the context's error (not a
// rejection: the file stays in the inbox).
func TestReadStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	path := writeBook(t, dir, "base.xlsx", baseSheets())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadFile(path, Options{Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled read gave %v, want context.Canceled", err)
	}
}

// zip64End rewrites a zip's end record the way zip64 writers do: the
// counts set to 0xFFFF and the real ones in a zip64 end record before it.
func zip64End(t testing.TB, b []byte, entries uint64) []byte {
	t.Helper()
	end := len(b) - 22
	if !bytes.Equal(b[end:end+4], []byte("PK\x05\x06")) {
		t.Fatal("the zip has a comment")
	}
	le := binary.LittleEndian
	cdSize, cdOffset := le.Uint32(b[end+12:]), le.Uint32(b[end+16:])
	var rec []byte
	rec = le.AppendUint32(rec, 0x06064b50)
	rec = le.AppendUint64(rec, 44)
	rec = le.AppendUint16(rec, 45)
	rec = le.AppendUint16(rec, 45)
	rec = le.AppendUint32(rec, 0)
	rec = le.AppendUint32(rec, 0)
	rec = le.AppendUint64(rec, entries)
	rec = le.AppendUint64(rec, entries)
	rec = le.AppendUint64(rec, uint64(cdSize))
	rec = le.AppendUint64(rec, uint64(cdOffset))
	rec = le.AppendUint32(rec, 0x07064b50)
	rec = le.AppendUint32(rec, 0)
	rec = le.AppendUint64(rec, uint64(end))
	rec = le.AppendUint32(rec, 1)
	eocd := append([]byte{}, b[end:]...)
	le.PutUint16(eocd[8:], 0xFFFF)
	le.PutUint16(eocd[10:], 0xFFFF)
	out := append(append(append([]byte{}, b[:end]...), rec...), eocd...)
	return out
}

// TestZip64EndRecord: a valid workbook whose end record sends the reader
// to a zip64 record (as some writers do) is read, not rejected as "made
// of 65536 parts"; a zip64 record that does declare too many is.
func TestZip64EndRecord(t *testing.T) {
	dir := t.TempDir()
	base, err := os.ReadFile(writeBook(t, dir, "base.xlsx", baseSheets()))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	wb, err := ReadFile(writeRaw(t, dir, "zip64.xlsx", zip64End(t, base, uint64(len(zr.File)))), Options{})
	if err != nil {
		t.Fatalf("a zip64 workbook is rejected: %v", err)
	}
	if len(wb.Clients) != 2 {
		t.Fatalf("read %d clients, want 2", len(wb.Clients))
	}
	_, err = ReadFile(writeRaw(t, dir, "many.xlsx", zip64End(t, base, 1<<20)), Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "1048576 parts") {
		t.Fatalf("a zip64 record of a million parts gave %v", err)
	}
}

// FuzzCountElements: the byte scan that bounds a part never counts fewer
// elements than an XML parser finds in it, whatever the part holds, so no
// crafted part gets under a limit that the parser would then exceed.
func FuzzCountElements(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><sst ` + mainNS + `><si><t>a</t></si><x:si xmlns:x="u"><x:t/></x:si></sst>`))
	f.Add([]byte(`<a><!-- <b> --><![CDATA[<c>]]><d e="&lt;f"/></a>`))
	f.Add([]byte(`<a	b="1"/><a
/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("p.xml")
		w.Write(data)
		zw.Close()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		_, all, err := countElements(context.Background(), zr.File[0], "", 1<<30, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		parsed := 0
		for {
			tok, err := d.RawToken()
			if err != nil {
				break
			}
			if _, ok := tok.(xml.StartElement); ok {
				parsed++
			}
		}
		if all < parsed {
			t.Fatalf("the scan counted %d elements, the parser %d", all, parsed)
		}
	})
}

// countdownCtx is a context cancelled after its Err has been asked n
// times: it lands a cancellation in the middle of a sheet, deterministically.
type countdownCtx struct {
	context.Context
	n int
}

func (c *countdownCtx) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestReadStopsBetweenRows: a cancellation that comes while a sheet is
// being read stops it at the next row (SIGTERM must be acted on within
// two seconds, and a sheet may hold 100,000 rows).
func TestReadStopsBetweenRows(t *testing.T) {
	sheets := baseSheets()[:1]
	for i := range 500 {
		sheets[0].rows = append(sheets[0].rows, []any{fmt.Sprintf("C-%d", 100+i), "Tremblay", "Marie", nil, nil, "ON"})
	}
	path := writeBook(t, t.TempDir(), "many.xlsx", sheets)
	if wb, err := ReadFile(path, Options{}); err != nil || len(wb.Clients) != 502 {
		t.Fatalf("the workbook does not read: %v", err)
	}
	ctx := &countdownCtx{Context: context.Background(), n: 100}
	_, err := ReadFile(path, Options{Context: ctx})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled in the middle of the Clients sheet, the read gave %v", err)
	}
}

// TestSharedTextBombs: a text stored once in the shared strings is copied
// for every cell that shows it, so a few megabytes of text named by
// hundreds of cells (a 55 KB file) took 4 GB and five minutes before it
// was bounded; and no cell of a genuine workbook holds more than Excel's
// 32,767 characters. Both are rejected before any row is read, naming the
// limit; the same text in one cell is read.
func TestSharedTextBombs(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{{"Client ID", "Family Name", "Given Names", "Intended Province"}}
	for i := range 300 {
		rows = append(rows, []any{fmt.Sprintf("C-%d", i), "Longname", "Ann", "ON"})
	}
	base, err := os.ReadFile(writeBook(t, dir, "base.xlsx", []sheet{{"Clients", rows}}))
	if err != nil {
		t.Fatal(err)
	}
	// The shared strings of base, with the family name replaced.
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	zf := findPart(zr, "xl/sharedStrings.xml")
	if zf == nil {
		t.Fatal("the base workbook has no shared strings")
	}
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	strs, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Contains(strs, []byte("<t>Longname</t>")) {
		t.Fatalf("no family name in %s", strs)
	}
	sst := func(family string) map[string][]byte {
		return map[string][]byte{"xl/sharedStrings.xml": bytes.Replace(strs, []byte("<t>Longname</t>"), []byte("<r><t>"+family+"</t></r>"), 1)}
	}
	opts := Options{MaxPartBytes: 4 << 20}
	for _, c := range []struct {
		name, family string
		words        []string
	}{
		{"a text named by 300 cells", strings.Repeat("é", 30000), []string{"Clients sheet", "text", "limits.max_part_mb"}},
		{"a text over Excel's limit", strings.Repeat("a", 32768), []string{"32,767", "damaged or crafted"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := rezip(t, base, sst(c.family))
			start := time.Now()
			_, err := ReadFile(writeRaw(t, dir, "bomb.xlsx", b), opts)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("the bomb was read (%v, %v)", err, time.Since(start))
			}
			for _, w := range c.words {
				if !strings.Contains(fe.Reason, w) {
					t.Errorf("the reason does not say %q:\n%s", w, fe.Reason)
				}
			}
		})
	}
	// A header row of long inline texts: excelize reads a sheet's first
	// row whole to find its columns, so the bound must hold before it
	// opens any sheet (a 500 KB file took 500 MB there).
	t.Run("a header row of long texts", func(t *testing.T) {
		sheet := repeated(`<worksheet `+mainNS+`><sheetData><row r="1">`,
			`<c t="inlineStr"><is><t>`+strings.Repeat("a", 30000)+`</t></is></c>`, `</row></sheetData></worksheet>`, 700)
		path := writeRaw(t, dir, "header.xlsx", rezip(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheet}))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := ReadFile(path, opts)
		runtime.ReadMemStats(&after)
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "Clients sheet") {
			t.Fatalf("the bomb was read: %v", err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 12<<20 {
			t.Errorf("rejecting 21 MB of text allocated %d MB: it was read", alloc>>20)
		}
	})
	// A row of 20 MB of attributes: no text, but excelize decodes a row
	// whole, where a SIGTERM cannot stop it (480 MB took 14 s a read).
	t.Run("a row of long attributes", func(t *testing.T) {
		sheet := repeated(`<worksheet `+mainNS+`><sheetData><row r="1">`,
			`<c x="`+strings.Repeat("a", 200000)+`"/>`, `</row></sheetData></worksheet>`, 100)
		path := writeRaw(t, dir, "attrs.xlsx", rezip(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheet}))
		_, err := ReadFile(path, opts)
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "Row 1 of the Clients sheet") || !strings.Contains(fe.Reason, "limits.max_part_mb") {
			t.Fatalf("the bomb was read: %v", err)
		}
	})
	// Excel's longest text, in one cell and named by every row, is read.
	wb, err := ReadFile(writeRaw(t, dir, "long.xlsx", rezip(t, base, sst(strings.Repeat("a", 32767)))), opts)
	if err != nil || len(wb.Clients) != 300 {
		t.Fatalf("a workbook of Excel's longest text is not read: %v", err)
	}
}
