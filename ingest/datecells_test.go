package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// TestDateCellTraps: a number in a date cell is a date only when it is a
// plausible Excel date for its column. A bare year, a number typed as
// text and a number far outside the dates of an intake are problems on
// their cells asking for the full date, whatever the column; the row is
// kept as typed, never with a date the paralegal did not type.
func TestDateCellTraps(t *testing.T) {
	runRowCases(t, []rowCase{
		{name: "bare year in a number cell", change: set("Employment", 2, "Start Date", 2025), client: "C-001", cell: "Employment!F2",
			words: []string{`"Start Date" "2025" is only a year`, "2025-03-01 or 1 Mar 2025"}, drops: "jobs"},
		{name: "bare year in a date-formatted cell", change: set("Employment", 2, "Start Date", dateSerial(2024)), client: "C-001", cell: "Employment!F2",
			words: []string{`"2024" is only a year`, "2024-03-01 or 1 Mar 2024"}, drops: "jobs"},
		{name: "bare year typed as text", change: set("Employment", 3, "End Date", "2024"), client: "C-002", cell: "Employment!G3",
			words: []string{`"End Date" "2024" is only a year`}, drops: "jobs"},
		{name: "bare year as a test date", change: set("Language Tests", 2, "Test Date", 2025), client: "C-001", cell: "Language Tests!C2",
			words: []string{`"2025" is only a year`}, drops: "tests"},
		{name: "bare year as a study date", change: set("Study", 2, "Start Date", 2021), client: "C-001", cell: "Study!D2",
			words: []string{`"2021" is only a year`}, drops: "studies"},
		{name: "bare year as a birth date", change: set("Clients", 2, "Date of Birth", 1994), client: "C-001", cell: "Clients!D2",
			words: []string{`"Date of Birth" "1994" is only a year`, "1994-03-01 or 1 Mar 1994"}},
		{name: "bare year as the application date", change: set("Clients", 2, "Application Date", 2026), client: "C-001", cell: "Clients!E2",
			words: []string{`"Application Date" "2026" is only a year`}},
		{name: "number typed as text", change: set("Employment", 2, "Start Date", "45000"), client: "C-001", cell: "Employment!F2",
			words: []string{`"45000" is a number typed as text, not a date`, "15 March 2023", "does not guess", "2023-03-15 or 15 Mar 2023"}, drops: "jobs"},
		{name: "number typed as text, not a plausible date either", change: set("Employment", 2, "Start Date", "123"), client: "C-001", cell: "Employment!F2",
			words: []string{`"123" is a number typed as text`, "2025-03-01 or 1 Mar 2025"}, drops: "jobs"},
		{name: "work date number before 1990", change: set("Employment", 3, "Start Date", 20000), client: "C-002", cell: "Employment!F3",
			words: []string{`"20000" is the Excel date number of 3 October 1954, before 1990`, "type the full date", "'1954-10-03"}, drops: "jobs"},
		{name: "permit date number after 2100", change: set("Clients", 2, "Status Expiry", 80000), client: "C-001", cell: "Clients!I2",
			words: []string{`"80000" is the Excel date number of 11 January 2119, after 2100`}},
		{name: "birth date number before 1910", change: set("Clients", 3, "Date of Birth", 3000), client: "C-002", cell: "Clients!D3",
			words: []string{`"3000" is the Excel date number of`, "before 1910", "1990-03-01 or 1 Mar 1990"}},
		{name: "a number that is no date at all", change: set("Language Tests", 3, "Test Date", -5), client: "C-002", cell: "Language Tests!C3",
			words: []string{`"-5" is a number, not a date`}, drops: "tests"},
	})
}

// TestDateCellsThatAreDates: the numbers that are plausible Excel dates
// for their columns read as dates, with no problem: a date cell, a
// number cell with no date format (as a script writes it), an old birth
// date, and the first and last days of the span.
func TestDateCellsThatAreDates(t *testing.T) {
	for _, tc := range []struct {
		sheet, header string
		row           int
		value         any
		want          string
		get           func(*Workbook) assess.Date
	}{
		{"Employment", "Start Date", 2, 45000, "2023-03-15", func(wb *Workbook) assess.Date { return wb.Clients[0].Jobs[0].Start }},
		{"Employment", "Start Date", 2, serialOf("1990-01-01"), "1990-01-01", func(wb *Workbook) assess.Date { return wb.Clients[0].Jobs[0].Start }},
		{"Employment", "End Date", 3, serialOf("2100-12-31"), "2100-12-31", func(wb *Workbook) assess.Date { return wb.Clients[1].Jobs[0].End }},
		{"Clients", "Date of Birth", 2, serialOf("1931-02-11"), "1931-02-11", func(wb *Workbook) assess.Date { return wb.Clients[0].DateOfBirth }},
		{"Clients", "Date of Birth", 2, serialOf("1910-01-01"), "1910-01-01", func(wb *Workbook) assess.Date { return wb.Clients[0].DateOfBirth }},
		// A text date before 1990 is what the paralegal typed: read.
		{"Employment", "Start Date", 2, "1985-06-01", "1985-06-01", func(wb *Workbook) assess.Date { return wb.Clients[0].Jobs[0].Start }},
	} {
		sheets := baseSheets()
		set(tc.sheet, tc.row, tc.header, tc.value)(sheets)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		if len(wb.AllProblems()) != 0 {
			t.Errorf("%s %v: problems:\n%s", tc.header, tc.value, problemsText(wb))
		}
		if got := tc.get(wb); got.String() != tc.want {
			t.Errorf("%s %v read as %s, want %s", tc.header, tc.value, got, tc.want)
		}
	}
}

// TestNumberTypedAsTextInEveryForm: a number stored as text is told from a
// number cell whatever wrote it (a shared string as Excel writes it, an
// inline string as scripts and the stream writer do) and wherever the
// header row is; a number in a column that holds no dates is left alone.
func TestNumberTypedAsTextInEveryForm(t *testing.T) {
	// The first rows are blank: the header is row 3.
	path := writeStreamBook(t, "Clients", [][]any{
		{nil},
		{nil, ""},
		{"Client ID", "Family Name", "Given Names", "Intended Province", "DOB", "Date of ITA", "Notes"},
		{"S-1", "Ng", "Minh", "BC", 33000, "45500", "45000"},
		{"S-2", "Ng", "Lan", "BC", "33000", 45500, nil},
	})
	wb := mustRead(t, path, Options{})
	s1, s2 := wb.Clients[0], wb.Clients[1]
	if s1.DateOfBirth != d("1990-05-07") || s1.ITADate != 0 || len(s1.Problems) != 1 || s1.Problems[0].Cell != "Clients!F4" ||
		!strings.Contains(s1.Problems[0].Message.String(), `"Date of ITA" "45500" is a number typed as text`) {
		t.Errorf("S-1: DOB %s, ITA %s, problems %+v", s1.DateOfBirth, s1.ITADate, s1.Problems)
	}
	if s1.Notes != "45000" {
		t.Errorf("a number in the Notes is text like any other: %q", s1.Notes)
	}
	if s2.DateOfBirth != 0 || s2.ITADate != d("2024-07-27") || len(s2.Problems) != 1 || s2.Problems[0].Cell != "Clients!E5" {
		t.Errorf("S-2: DOB %s, ITA %s, problems %+v", s2.DateOfBirth, s2.ITADate, s2.Problems)
	}
}

// TestScanPartFindsNumbersTypedAsText covers the sheet XML that the scan
// reads numbers typed as text from: shared strings (by their kinds), inline
// strings with a phonetic reading, a formula's text, and number cells; the
// header row is the first that is not blank, and only the first column of
// each date field is watched.
func TestScanPartFindsNumbersTypedAsText(t *testing.T) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	// Shared strings 0 "Start Date", 1 "45000", 2 "From", 3 "   ".
	kinds := []textKind{kindOfText([]byte("Start Date"), false), kindOfText([]byte("45000"), false), kindOfText([]byte("From"), false), kindOfText([]byte("   "), false)}
	xml := `<worksheet ` + ns + `><sheetData>` +
		`<row r="1"><c r="A1" s="3"/><c r="B1" t="s"><v>3</v></c></row>` + // blank: styled cells and a text of spaces
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Client ID</t></is></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>2</v></c>` +
		`<c r="D2" t="inlineStr"><is><t>Test Date</t><rPh><t>x</t></rPh></is></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>C-1</t></is></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>1</v></c><c r="D3" t="str"><f>TEXT(1)</f><v>45001</v></c></row>` +
		`<row r="4"><c r="B4"><v>45000</v></c><c r="D4" t="inlineStr"><is><t> 45002 </t><rPh><t>9</t></rPh></is></c></row>` +
		`</sheetData></worksheet>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("sheet.xml")
	_, _ = w.Write([]byte(xml))
	_ = zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := scanPart(context.Background(), zr.File[0], sheetText{kinds: kinds, maxDateCells: 100})
	if err != nil {
		t.Fatal(err)
	}
	td := got.textDates
	if td == nil || td.headerRow != 2 {
		t.Fatalf("textDates = %+v, want the header on row 2", td)
	}
	// B is Start Date; C (From) is a second start column, not watched; D
	// is Test Date. The number cell B4 is a number, not a text.
	want := map[int][]int{3: {2, 4}, 4: {4}}
	for row := 1; row <= 5; row++ {
		if got := td.cols(row); !reflect.DeepEqual(got, want[row]) {
			t.Errorf("row %d: columns %v, want %v", row, got, want[row])
		}
	}
}
