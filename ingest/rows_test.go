package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/internal/intakegen"
)

// rowsPart is the Clients sheet of bookParts(baseSheets()), which the
// tests replace.
const rowsPart = "xl/worksheets/sheet1.xml"

// compareRows reads the Clients sheet, its XML replaced by sheetXML, with
// excelize's Rows and with sheetRows, and fails on the first difference
// in what Next, Columns and Error return. columns says after which Next
// (bit i for the i-th, repeating) Columns is called, as flagStrays skips
// the rows up to the header. It returns whether sheetRows was used (the
// sheet is plain).
func compareRows(t *testing.T, parts map[string][]byte, sheetXML []byte, columns uint64) (used bool) {
	t.Helper()
	data := zipParts(t, slices.Sorted(maps.Keys(parts)), parts, map[string][]byte{rowsPart: sheetXML})
	path := filepath.Join(t.TempDir(), "rows.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxRows: 5000}.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	scan, err := scanCells(zr, "rows.xlsx", opts)
	if err != nil {
		return false
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: opts.MaxUnzipBytes, UnzipXMLSizeLimit: memoryPartLimit(opts), RawCellValue: true})
	if err != nil {
		return false
	}
	defer f.Close()
	// The shared strings are read by excelize's first Columns.
	if rows, err := f.Rows("Employment"); err == nil && rows.Next() {
		rows.Columns()
		rows.Close()
	}
	r := &reader{f: f, zr: zr, scan: scan, opts: opts}
	ex, err := f.Rows("Clients")
	if err != nil {
		return false
	}
	defer ex.Close()
	probe, err := f.Rows("Clients")
	if err != nil {
		t.Fatal(err)
	}
	fast := r.sheetRows(probe)
	probe.Close()
	if fast == nil {
		return false
	}
	for n := 0; n < 200; n++ {
		a, b := ex.Next(), fast.Next()
		if a != b {
			t.Fatalf("Next %d: excelize %v, sheetRows %v", n, a, b)
		}
		if !a {
			break
		}
		if columns>>(n%64)&1 == 0 {
			continue
		}
		ca, ea := ex.Columns(excelize.Options{RawCellValue: true})
		cb, eb := fast.Columns(excelize.Options{RawCellValue: true})
		if !reflect.DeepEqual(ca, cb) || (ea == nil) != (eb == nil) {
			t.Fatalf("Columns after Next %d: excelize %q, %v; sheetRows %q, %v", n, ca, ea, cb, eb)
		}
	}
	if ea, eb := ex.Error(), fast.Error(); (ea == nil) != (eb == nil) || errors.Is(ea, excelize.ErrMaxRows) != errors.Is(eb, excelize.ErrMaxRows) {
		t.Fatalf("Error: excelize %v, sheetRows %v", ea, eb)
	}
	return true
}

// rowsSamples are sheets as writers write them, and the oddities of
// excelize's iterator that sheetRows must reproduce: rows out of order or
// with gaps, cells without references or out of order, bad references
// and styles, values of every type, formulas with and without values,
// shared strings out of range.
func rowsSamples(parts map[string][]byte) []string {
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	const tail = `</sheetData></worksheet>`
	inline := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	return []string{
		string(parts[rowsPart]),
		head + `<row r="1">` + inline("A1", "Client ID") + inline("B1", "Family Name") + `</row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><v>45000</v></c></row>` + tail,
		head + `<row>` + inline("", "Client ID") + `<c t="s"><v> 2 </v></c><c><v>1.5</v></c></row><row><c/><c t="str"><f>A1</f><v></v></c><c><f>1+1</f></c></row>` + tail,
		head + `<row r="5"><c r="B5" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>999</v></c><c r="A2" t="s"><v>x</v></c></row><row r="7"/><row r="7"><c r="D7"><v>1</v></c></row>` + tail,
		head + `<row r="x"><c r="A1"><v>1</v></c></row><row r="2"><c r="1A"><v>2</v></c></row>` + tail,
		head + `<row r="1"><c r="A1" s="x" t="s"><v>0</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="d"><v>2024-01-02T00:00:00Z</v></c></row>` + tail,
		head + `<row r="1048577"><c r="A1"><v>1</v></c></row>` + tail,
		head + `<row r="2"><c r="B2"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="1"><c r="A1"><v>3</v></c></row>` + tail,
		head + `<row r="1"><c r="A1" t="inlineStr"><is><r><t>Fam</t></r><r><t xml:space="preserve">ily </t></r></is></c><c r="B1" t="inlineStr"><is><t>a&amp;b&#x20;</t></is></c><c r="C1" t="inlineStr"></c><c r="D1" t="inlineStr"><v>v</v></c></row>` + tail,
		head + `<row r="1"><c r="A1"><v>1<!-- c -->2<![CDATA[3]]></v></c><c r="B1"><x><v>4</v></x></c><c r="C1"><f t="shared" ref="C1:C3" si="0">A1</f><v>5</v></c></row>` + tail,
		head + `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><row r="9"><c r="A9"><v>9</v></c></row></extLst></worksheet>`,
		head + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></wrong></sheetData></worksheet>`,
		head + `<row r="1"><c r="XFD1"><v>1</v></c><c r="A1"><v>2</v></c><c r="$B$1"><v>3</v></c><c r="b1"><v>4</v></c></row>` + tail,
		`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row x:r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	}
}

// TestSheetRowsLikeExcelize: on every sample, sheetRows gives what
// excelize's Rows gives, whatever rows Columns is called for; and it is
// used for sheets as writers write them.
func TestSheetRowsLikeExcelize(t *testing.T) {
	parts, _ := bookParts(t, baseSheets())
	for i, s := range rowsSamples(parts) {
		for _, columns := range []uint64{^uint64(0), 0, 0x5555555555555555, 0xfffffffffffffffe} {
			used := compareRows(t, parts, []byte(s), columns)
			if i < 3 && !used {
				t.Errorf("sample %d: sheetRows was not used", i)
			}
		}
	}
}

// TestSheetRowsUsed: ReadFile reads the sheets of a workbook written by
// excelize with sheetRows, and reads a sheet sheetRows leaves to excelize
// the same.
func TestSheetRowsUsed(t *testing.T) {
	parts, _ := bookParts(t, baseSheets())
	if !compareRows(t, parts, parts[rowsPart], ^uint64(0)) {
		t.Fatal("sheetRows was not used for excelize's own sheet")
	}
	// An underscore in an inline string is left to excelize, which reads
	// _x0041_ as "A".
	s := strings.Replace(rowsSamples(parts)[1], "Family Name", "_x0041_", 1)
	if compareRows(t, parts, []byte(s), ^uint64(0)) {
		t.Error("sheetRows was used for an inline string with an escape")
	}
}

// FuzzSheetRows holds sheetRows to excelize's Rows on any Clients sheet
// that sheetRows reads.
func FuzzSheetRows(f *testing.F) {
	parts, _ := bookParts(f, baseSheets())
	for _, s := range rowsSamples(parts) {
		f.Add([]byte(s), ^uint64(0))
		f.Add([]byte(s), uint64(0x5555555555555555))
	}
	f.Fuzz(func(t *testing.T, sheetXML []byte, columns uint64) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("panic: %v", p)
			}
		}()
		compareRows(t, parts, sheetXML, columns)
	})
}

// benchRowsBook writes a workbook of the bench's generator
// (internal/intakegen): clients, one to three jobs and one or two tests
// each, written by excelize's stream writer as inline strings.
func benchRowsBook(b *testing.B, clients int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "intake.xlsx")
	if err := intakegen.WriteWorkbook(path, rand.New(rand.NewPCG(1, 2)), 0, clients); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkReadIntake reads, and lists the clients of, a workbook of 250
// clients as the run's inbox holds them (its two passes).
func BenchmarkReadIntake(b *testing.B) {
	path := benchRowsBook(b, 250)
	b.Run("ClientIDs", func(b *testing.B) {
		for b.Loop() {
			if ids, err := ClientIDs(path, Options{}); err != nil || len(ids) != 250 {
				b.Fatal(len(ids), err)
			}
		}
	})
	b.Run("ReadFile", func(b *testing.B) {
		for b.Loop() {
			if wb, err := ReadFile(path, Options{}); err != nil || len(wb.Clients) != 250 {
				b.Fatal(err)
			}
		}
	})
}
