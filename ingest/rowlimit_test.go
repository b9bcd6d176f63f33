package ingest

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The row limit (limits.max_rows) is enforced by the streaming scan that
// runs before excelize, which stops at the first row too many: a sheet of
// a million rows costs a scan of the limit's rows, not two full parses.

// clientRows is a Clients sheet's XML: a header, then n client rows, then
// tail inside sheetData (rows as a writer other than excelize puts them).
func clientRows(n int, tail string) []byte {
	var b strings.Builder
	b.WriteString(`<worksheet ` + mainNS + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Client ID</t></is></c><c r="B1" t="inlineStr"><is><t>Family Name</t></is></c><c r="C1" t="inlineStr"><is><t>Given Names</t></is></c><c r="D1" t="inlineStr"><is><t>Intended Province</t></is></c></row>`)
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>C-%d</t></is></c><c r="B%d" t="inlineStr"><is><t>Ng</t></is></c><c r="C%d" t="inlineStr"><is><t>Minh</t></is></c><c r="D%d" t="inlineStr"><is><t>ON</t></is></c></row>`, i, i, i, i, i, i)
	}
	b.WriteString(tail)
	b.WriteString(`</sheetData></worksheet>`)
	return []byte(b.String())
}

// clientsBook is a workbook whose only sheet, Clients, is sheet1.
func clientsBook(t testing.TB, sheet1 []byte, extra map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	base, err := os.ReadFile(writeBook(t, dir, "base.xlsx", []sheet{{"Clients", [][]any{{"Client ID"}}}}))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{"xl/worksheets/sheet1.xml": sheet1}
	for k, v := range extra {
		parts[k] = v
	}
	return writeRaw(t, dir, "intake.xlsx", rezip(t, base, parts))
}

// TestRowLimitStopsTheScan: a sheet over the row limit whose rows past the
// limit are garbled is rejected for its rows: the scan stopped at the
// limit and never reached the damage. Under the limit the same damage is
// found and reported.
func TestRowLimitStopsTheScan(t *testing.T) {
	path := clientsBook(t, clientRows(8, `<row r="50"><c r="A50"><v>1</c></row>`), nil)
	_, err := ReadFile(path, Options{MaxRows: 5})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "The Clients sheet has more than 5 rows") {
		t.Errorf("MaxRows 5: %v, want the sheet rejected for its rows", err)
	}
	_, err = ReadFile(path, Options{MaxRows: 100})
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "damaged") {
		t.Errorf("MaxRows 100: %v, want the damage reported", err)
	}
	if _, err := ClientIDs(path, Options{MaxRows: 5}); !errors.As(err, &fe) || !strings.Contains(fe.Reason, "more than 5 rows") {
		t.Errorf("the first pass: %v, want the same rejection", err)
	}
}

// TestRowLimitCountsWhatTheReaderCounts: the scan counts the rows the
// reader counts: a row of cells that hold only spaces (typed, or a
// shared string of spaces) is blank, and a sheet that is not read (notes)
// is not limited.
func TestRowLimitCountsWhatTheReaderCounts(t *testing.T) {
	var blanks strings.Builder
	for i := 10; i < 30; i++ {
		fmt.Fprintf(&blanks, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>   </t></is></c><c r="B%d" t="s"><v>0</v></c><c r="C%d"/></row>`, i, i, i, i)
	}
	strs := []byte(`<sst ` + mainNS + ` count="1" uniqueCount="1"><si><t xml:space="preserve">  </t></si></sst>`)
	path := clientsBook(t, clientRows(3, blanks.String()), map[string][]byte{"xl/sharedStrings.xml": strs})
	wb, err := ReadFile(path, Options{MaxRows: 4})
	if err != nil || len(wb.Clients) != 3 {
		t.Fatalf("header and 3 clients under a limit of 4 rows: %v", err)
	}
	if _, err := ReadFile(path, Options{MaxRows: 3}); err == nil || !strings.Contains(err.Error(), "more than 3 rows") {
		t.Errorf("header and 3 clients over a limit of 3 rows: %v", err)
	}

	// A sheet of notes with more rows than the limit, beside a Clients
	// sheet under it: the notes are not read, so they are not limited.
	sheets := baseSheets()
	notes := sheet{"Notes", [][]any{{"Remark"}}}
	for i := 0; i < 20; i++ {
		notes.rows = append(notes.rows, []any{fmt.Sprint("note ", i)})
	}
	sheets = append(sheets, notes)
	if _, err := ReadFile(writeBook(t, t.TempDir(), "notes.xlsx", sheets), Options{MaxRows: 10}); err != nil {
		t.Errorf("a long sheet that is not read: %v", err)
	}
}

// BenchmarkOverRowLimit: reading a workbook whose Clients sheet has
// 300,000 rows, three times the default limit of 100,000. The scan stops
// at row 100,001 and the workbook is rejected before excelize parses a
// row (it parsed the whole sheet twice, once in the well-formedness check
// and once up to the limit, before the limit was checked while streaming).
func BenchmarkOverRowLimit(b *testing.B) {
	path := clientsBook(b, clientRows(300000, ""), nil)
	var fe *FileError
	for b.Loop() {
		if _, err := ReadFile(path, Options{}); !errors.As(err, &fe) {
			b.Fatal(err)
		}
	}
}
