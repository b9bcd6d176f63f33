package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cecbatch/cecbatch/assess"
)

func FuzzDate(f *testing.F) {
	for _, s := range []string{"", "45292", "45292.5", "2024-03-15", "2024/3/5", "15 Mar 2024", "March 15, 2024", "03/04/2024",
		"15/03/2024", "29/02/2023", "2024-03-15T10:00:00", "1e5", "31 April 2024", "\u00a02024-01-01\u00a0", "0224-01-01"} {
		f.Add(s, false, uint8(0))
	}
	f.Add("43830", true, uint8(1))
	f.Fuzz(func(t *testing.T, s string, date1904 bool, o uint8) {
		order := dateOrder(o % 3)
		d, err := parseDate(s, date1904, order)
		if err != nil {
			if d != 0 {
				t.Fatalf("parseDate(%q) = %s with error %v", s, d, err)
			}
			if !utf8.ValidString(err.Error()) && utf8.ValidString(s) {
				t.Fatalf("error text is not UTF-8: %q", err)
			}
			return
		}
		if d == 0 {
			if clean(s) != "" {
				t.Fatalf("parseDate(%q) gave no date and no error", s)
			}
			return
		}
		if y, _, _ := d.YMD(); y < minYear || y > maxYear {
			t.Fatalf("parseDate(%q) = %s, outside %d-%d", s, d, minYear, maxYear)
		}
		// Whatever form a date came in, its ISO form reads back the same.
		if back, err := parseDate(d.String(), false, orderUnset); err != nil || back != d {
			t.Fatalf("parseDate(%q) = %s, but %s reads back as %s, %v", s, d, d, back, err)
		}
	})
}

// FuzzDateCell reads any text as a cell of any date column, typed as a
// number or as text: a number is a date only when it is a plausible Excel
// date of its column and was not typed as text, never a bare year; a
// text reads as parseDate reads it.
func FuzzDateCell(f *testing.F) {
	for _, s := range []string{"2025", "45000", "45000.5", "20000", "80000", "1e4", "-3", "2025-03-01", "1 Mar 2025", "1899", "2101", "33000"} {
		f.Add(s, false, false, uint8(0))
	}
	f.Add("45000", true, true, uint8(5))
	f.Add("1985", false, false, uint8(0))
	f.Fuzz(func(t *testing.T, s string, date1904, asText bool, fieldIndex uint8) {
		field := dateFields[int(fieldIndex)%len(dateFields)]
		w := &row{ref: assess.Ref{Sheet: "S", Row: 2, Cols: map[string]string{field: "A"}}, cells: []string{s},
			index: map[string]int{field: 0}, headers: map[string]string{field: "Date"}}
		if asText {
			w.textCols = []int{1}
		}
		r := &reader{date1904: date1904}
		got, err := r.cellDate(w, field, orderUnset)
		c := clean(s)
		if !isNumberText(c) {
			want, wantErr := parseDate(s, date1904, orderUnset)
			if got != want || (err == nil) != (wantErr == nil) {
				t.Fatalf("%q: cellDate %s, %v; parseDate %s, %v", s, got, err, want, wantErr)
			}
			return
		}
		if err != nil {
			if got != 0 || !strings.Contains(err.Error(), "type the full date") && !strings.Contains(err.Error(), "not a date") {
				t.Fatalf("%q: %s with the error %v", s, got, err)
			}
			return
		}
		if asText {
			t.Fatalf("%q typed as text read as the date %s", s, got)
		}
		if v, _ := strconv.ParseFloat(c, 64); v == math.Trunc(v) && v >= firstBareYear && v <= lastBareYear {
			t.Fatalf("the bare year %q read as the date %s", s, got)
		}
		lo, hi := serialRange(field)
		if got < lo || got > hi {
			t.Fatalf("%q read as %s, outside %s..%s", s, got, lo, hi)
		}
		if want, err := serialDate(c, date1904); err != nil || want != got {
			t.Fatalf("%q read as %s but its Excel date is %s, %v", s, got, want, err)
		}
	})
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"", "40", " 37.5 ", "37,5", "1e3", "1,234.5", "Inf", "0x10", "-0", "\u00a040\u00a0", "1.", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok, err := parseNumber(s)
		if !ok {
			if err != nil || clean(s) != "" {
				t.Fatalf("parseNumber(%q): not ok with error %v", s, err)
			}
			return
		}
		if err != nil {
			return
		}
		// A decimal comma and a decimal point must read alike.
		if c := clean(s); strings.Count(c, ".") == 1 && !strings.Contains(c, ",") {
			w, _, err := parseNumber(strings.Replace(c, ".", ",", 1))
			if err != nil || w != v {
				t.Fatalf("parseNumber(%q) = %v but the comma form gives %v, %v", s, v, w, err)
			}
		}
	})
}

func FuzzYesNo(f *testing.F) {
	for _, s := range []string{"", "yes", "Y", "oui", "NON", "0", "1.0", "x", "maybe", " no\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseYesNo(s)
		if err != nil {
			if v != assess.Unknown {
				t.Fatalf("parseYesNo(%q) = %v with an error", s, v)
			}
			return
		}
		if v == assess.Unknown && clean(s) != "" {
			t.Fatalf("parseYesNo(%q): a non-blank value read as blank", s)
		}
		// Case does not matter (checked on ASCII, where upper case is
		// plain: "ß" or "ı" change length or letter).
		if isASCII(s) {
			if w, err := parseYesNo(strings.ToUpper(s)); err != nil || w != v {
				t.Fatalf("parseYesNo(%q) = %v but upper case gives %v, %v", s, v, w, err)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func FuzzHeader(f *testing.F) {
	for _, s := range []string{"Hours/Week", "hours per week", "Hours per week (avg)", "NOC 2021", "Client ID", "Full-Time", "Québec", "(x)", "a(b)c)", "\u00a0L\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := headerKey(s)
		for _, r := range k {
			if r == ' ' || r == '(' || r == ')' || r == '/' || r == '-' {
				t.Fatalf("headerKey(%q) = %q keeps punctuation", s, k)
			}
		}
		if headerKey(k) != k {
			t.Fatalf("headerKey is not stable: %q -> %q -> %q", s, k, headerKey(k))
		}
		// A header and its folded form name the same column on every sheet,
		// and so does the header with a note appended.
		for _, spec := range sheetSpecs {
			if spec.column(s) != spec.column(k) {
				t.Fatalf("%s: %q and its key %q match different columns", spec.name, s, k)
			}
			if !strings.ContainsAny(s, "()") && spec.column(s) != spec.column(s+" (see note)") {
				t.Fatalf("%s: a trailing note changes the match of %q", spec.name, s)
			}
		}
	})
}

// FuzzReadFile feeds mutated workbooks to the reader: it must return a
// workbook or an error, never panic in cecbatch's own code, and stay within
// small limits (the limits bound memory and time).
func FuzzReadFile(f *testing.F) {
	dir := f.TempDir()
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl); err != nil {
		f.Fatal(err)
	}
	f.Add(tmpl.Bytes())
	base, err := os.ReadFile(writeBook(f, dir, "base.xlsx", baseSheets()))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base)
	samples, _ := filepath.Glob(filepath.Join("..", "samples", "*.xlsx"))
	for _, s := range samples {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add(base[:len(base)/2])
	f.Add([]byte("Client ID,Family Name\n1,x\n"))
	f.Add(append(append([]byte{}, oleMagic...), utf16le("EncryptionInfo")...))
	opts := Options{MaxFileBytes: 1 << 20, MaxUnzipBytes: 8 << 20, MaxRows: 2000}
	// The seeds must reach the sheet reader, or the fuzzer only ever
	// exercises the rejection paths.
	if wb, err := ReadFile(writeRaw(f, dir, "seed.xlsx", base), opts); err != nil || len(wb.Clients) != 2 {
		f.Fatalf("the seed workbook does not read under the fuzzing limits: %v", err)
	}
	// One file per worker process, rewritten for each input: the fuzz
	// function runs one input at a time in each process.
	path := filepath.Join(dir, "fuzz.xlsx")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		checkRead(t, path, opts)
	})
}

// checkRead reads path and checks what any input must give: a workbook or
// a FileError with a reason, never a panic in cecbatch's own code, and
// every problem located.
func checkRead(t *testing.T, path string, opts Options) {
	wb, err := ReadFile(path, opts)
	var fe *FileError
	if errors.As(err, &fe) {
		if fe.panicStack != "" && panicOrigin(fe.panicStack) != "excelize" {
			t.Fatalf("cecbatch code panicked:\n%s", fe.panicStack)
		}
		if fe.Reason == "" {
			t.Fatal("a FileError without a reason")
		}
		return
	}
	if err != nil {
		t.Fatalf("not a FileError: %v", err)
	}
	if len(wb.Clients) == 0 && !skippedExample(wb) {
		t.Fatal("a workbook with no clients was accepted")
	}
	for _, c := range wb.Clients {
		if c.ID == "" {
			t.Fatal("a client without an ID")
		}
		for _, p := range c.Problems {
			if p.Cell == "" || p.Message.String() == "" {
				t.Fatalf("a problem without cell or message: %+v", p)
			}
		}
	}
	for _, p := range wb.Problems {
		if p.Cell == "" && p.Sheet == "" {
			t.Fatalf("a workbook problem without a place: %+v", p)
		}
	}
}

// skippedExample reports whether the workbook's only client was the
// template's worked example, skipped with a note: the one workbook with no
// clients that is read, not rejected.
func skippedExample(wb *Workbook) bool {
	for _, p := range wb.Problems {
		if p.Warning && strings.Contains(p.Message, "the template's worked example") {
			return true
		}
	}
	return false
}

// panicOrigin says whose code raised a panic recorded by ReadFile: the
// first frame below runtime's panic machinery.
func panicOrigin(stack string) string {
	lines := strings.Split(stack, "\n")
	seenPanic := false
	for _, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			seenPanic = true
			continue
		}
		if !seenPanic || strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "runtime.") {
			continue
		}
		if strings.Contains(l, "xuri/excelize") || strings.Contains(l, "xuri/efp") || strings.Contains(l, "xuri/nfp") {
			return "excelize"
		}
		return l
	}
	return "unknown"
}

// FuzzSheetXML mutates the XML of the Clients and Employment sheets inside
// an intact package. Mutating a whole .xlsx mostly breaks its compression
// and checksums, so FuzzReadFile rarely gets past the zip; this target
// reaches the header matching, the row reader and every value parser with
// arbitrary cells, row numbers and cell references.
func FuzzSheetXML(f *testing.F) {
	dir := f.TempDir()
	parts, names := bookParts(f, baseSheets())
	const clientsPart, jobsPart = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"
	f.Add(parts[clientsPart], parts[jobsPart])
	f.Add(parts[clientsPart], []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="B3" t="s"><v>1</v></c><c r="A3" t="inlineStr"><is><t>Client ID</t></is></c></row><row r="2"><c r="A2" t="n"><v>-1e308</v></c></row></sheetData></worksheet>`), parts[jobsPart])
	// Numbers typed as text in date columns, under a header below a blank
	// row (the scan's own reading of the header row).
	inline := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"/></row><row r="2">`+
		inline("A2", "Client ID")+inline("B2", "Family Name")+inline("C2", "Given Names")+inline("D2", "Intended Province")+inline("E2", "DOB")+inline("F2", "ITA Date")+
		`</row><row r="3">`+inline("A3", "C-001")+inline("B3", "Ng")+inline("C3", "Minh")+inline("D3", "ON")+inline("E3", "2025")+inline("F3", "45000")+
		`</row></sheetData></worksheet>`), parts[jobsPart])
	opts := Options{MaxFileBytes: 1 << 20, MaxUnzipBytes: 8 << 20, MaxRows: 2000}
	path := filepath.Join(dir, "fuzz.xlsx")
	f.Fuzz(func(t *testing.T, clients, jobs []byte) {
		data := zipParts(t, names, parts, map[string][]byte{clientsPart: clients, jobsPart: jobs})
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		checkRead(t, path, opts)
	})
}

// FuzzHours: a number with a unit of hours reads as the number, and
// nothing that holds two numbers (a range "40-45", a ratio "40/80") is
// read as one.
func FuzzHours(f *testing.F) {
	for _, s := range []string{"40", "40h", "40 hrs", "40 hours/week", "37,5", " 40 ", "40-45", "40/80", "37.5 h per week", "40 h 45", "h", ".5h", "1e3h"} {
		f.Add(s)
	}
	digits := regexp.MustCompile(`[0-9]+`)
	f.Fuzz(func(t *testing.T, s string) {
		v, ok, err := parseHours(s)
		n, nOK, nErr := parseNumber(s)
		if nOK && nErr == nil {
			if !ok || err != nil || v != n {
				t.Fatalf("parseHours(%q) = %v, %v, %v but parseNumber gives %v", s, v, ok, err, n)
			}
			return
		}
		if ok != nOK {
			t.Fatalf("parseHours(%q): ok %v, parseNumber ok %v", s, ok, nOK)
		}
		if !ok {
			if err != nil || clean(s) != "" {
				t.Fatalf("parseHours(%q): not ok, error %v", s, err)
			}
			return
		}
		if err != nil {
			if v != 0 {
				t.Fatalf("parseHours(%q) = %v with an error", s, v)
			}
			return
		}
		// Read by its unit: the number comes first, and the only digits
		// are its own (one run, or two around a decimal mark).
		c := clean(s)
		groups := digits.FindAllStringIndex(c, -1)
		if len(groups) == 0 || len(groups) > 2 {
			t.Fatalf("parseHours(%q) = %v from %d runs of digits", s, v, len(groups))
		}
		if len(groups) == 2 && (groups[1][0]-groups[0][1] != 1 || !strings.ContainsAny(c[groups[0][1]:groups[1][0]], ".,")) {
			t.Fatalf("parseHours(%q) = %v reads two numbers as one", s, v)
		}
		lead, _, _ := parseNumber(c[:groups[len(groups)-1][1]])
		if lead != v {
			t.Fatalf("parseHours(%q) = %v, but its number is %v", s, v, lead)
		}
	})
}

// FuzzOrdinalDate: an ordinal day ("3rd") is only another way to write the
// day: every ordinal form of a date reads as the plain form does.
func FuzzOrdinalDate(f *testing.F) {
	f.Add(3, 3, 2025, uint8(0), "rd")
	f.Add(22, 11, 2024, uint8(1), "nd")
	f.Add(31, 4, 2024, uint8(2), "st")
	f.Add(1, 1, 1899, uint8(3), "th")
	f.Fuzz(func(t *testing.T, day, month, year int, form uint8, suffix string) {
		if month < 1 || month > 12 {
			return
		}
		m := time.Month(month).String()
		var plain, ordinal string
		switch form % 4 {
		case 0:
			plain, ordinal = fmt.Sprintf("%s %d, %d", m, day, year), fmt.Sprintf("%s %d%s, %d", m, day, suffix, year)
		case 1:
			plain, ordinal = fmt.Sprintf("%d %s %d", day, m, year), fmt.Sprintf("%d%s %s %d", day, suffix, m, year)
		case 2:
			plain, ordinal = fmt.Sprintf("%d %s %d", day, m[:3], year), fmt.Sprintf("%d%s of %s %d", day, suffix, m[:3], year)
		default:
			plain, ordinal = fmt.Sprintf("%s %d %d", strings.ToUpper(m), day, year), fmt.Sprintf("%s %d%s %d", strings.ToUpper(m), day, strings.ToUpper(suffix), year)
		}
		want, wantErr := parseDate(plain, false, orderUnset)
		got, err := parseDate(ordinal, false, orderUnset)
		switch strings.ToLower(suffix) {
		case "st", "nd", "rd", "th":
			if (err == nil) != (wantErr == nil) || got != want {
				t.Fatalf("%q reads as %s, %v but %q as %s, %v", ordinal, got, err, plain, want, wantErr)
			}
		default:
			// Any other letters after the day make it no day.
			if err == nil && suffix != "" && strings.Trim(strings.ToLower(suffix), "abcdefghijklmnopqrstuvwxyz") == "" {
				t.Fatalf("%q reads as %s", ordinal, got)
			}
		}
	})
}

// FuzzDateResolver feeds a column of dates (one a line) to the resolver
// of ambiguous numeric dates: each ambiguous date is read in an order that
// some date of its column shows and no date of it contradicts, or is a
// problem; no other date is affected.
func FuzzDateResolver(f *testing.F) {
	f.Add("14/08/1994\n1/9/2022\n2022-01-10")
	f.Add("08/14/1994\n1/9/2022\n12/31/2018\n3/4/2020")
	f.Add("14/08/1994\n1/9/2022\n12/31/2018")
	f.Add("1/9/2022\n5/5/2022\n45292")
	f.Fuzz(func(t *testing.T, column string) {
		lines := strings.Split(column, "\n")
		if len(lines) > 50 {
			lines = lines[:50]
		}
		r := &reader{wb: &Workbook{File: "fuzz.xlsx"}}
		cols := map[string]string{assess.FieldStart: "F"}
		ev := dateEvidence{}
		rows := make([]*row, len(lines))
		shown := [3]bool{}
		for i, l := range lines {
			rows[i] = &row{ref: assess.Ref{Sheet: "Employment", Row: i + 2, Cols: cols}, spec: employmentSpec, cells: []string{l},
				index: map[string]int{assess.FieldStart: 0}, headers: map[string]string{assess.FieldStart: "Start Date"}}
			amb := ev.observe(rows[i])
			o, wantAmb := numericOrder(l)
			if amb != wantAmb {
				t.Fatalf("observe(%q) = %v, numericOrder says %v", l, amb, wantAmb)
			}
			shown[o] = true
		}
		for _, w := range rows {
			w.readings = ev.resolve(w)
			text := w.text(assess.FieldStart)
			reading, settled := w.readings[assess.FieldStart]
			_, amb := numericOrder(text)
			if settled != amb {
				t.Fatalf("%q: settled %v, ambiguous %v", text, settled, amb)
			}
			c := &assess.Client{ID: "C"}
			notes := len(r.wb.Problems)
			got, ok := r.date(c, w, assess.FieldStart)
			if !settled {
				want, err := r.cellDate(w, assess.FieldStart, orderUnset)
				if ok != (err == nil) || got != want || len(r.wb.Problems) != notes {
					t.Fatalf("%q: read as %s, %v; cellDate gives %s, %v", text, got, ok, want, err)
				}
				continue
			}
			switch {
			case reading.order != orderUnset:
				other := orderDMY + orderMDY - reading.order
				if !shown[reading.order] || shown[other] {
					t.Fatalf("%q read %s though the column shows %v", text, orderName(reading.order), shown)
				}
				want, err := parseDate(text, false, reading.order)
				if !ok || err != nil || got != want || len(c.Problems) != 0 || len(r.wb.Problems) != notes+1 || !r.wb.Problems[notes].Warning {
					t.Fatalf("%q: read as %s, %v, problems %v; want %s with a note", text, got, ok, c.Problems, want)
				}
				if !strings.Contains(r.wb.Problems[notes].Message, reading.example) {
					t.Fatalf("the note %q does not name its example %q", r.wb.Problems[notes].Message, reading.example)
				}
			default:
				if shown[orderDMY] != shown[orderMDY] {
					t.Fatalf("%q left ambiguous though the column shows one order: %v", text, shown)
				}
				if ok || got != 0 || len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Message.String(), "type the date meant as") {
					t.Fatalf("%q: read as %s, %v, problems %v; want a problem", text, got, ok, c.Problems)
				}
			}
		}
	})
}

// FuzzFileStatus: a File Status is open, closed with a reason, or a
// problem that quotes it; "closed" before any reason after a colon reads as
// closed with that reason, in any case.
func FuzzFileStatus(f *testing.F) {
	for _, s := range []string{"", "open", "closed", "closed: applied", "Closed - Withdrawn", "closed (refused)", "closedx", "pending", "withdrawn", "closed:", "c", "CLOSED: ÉTÉ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		closed, reason, err := parseFileStatus(s)
		if err != nil {
			if closed || reason != "" || !strings.Contains(err.Error(), "is not a file status") {
				t.Fatalf("parseFileStatus(%q) = %v, %q with the error %v", s, closed, reason, err)
			}
			return
		}
		if !closed && reason != "" {
			t.Fatalf("parseFileStatus(%q): an open file with the reason %q", s, reason)
		}
		if reason != clean(reason) {
			t.Fatalf("parseFileStatus(%q): the reason %q is not trimmed", s, reason)
		}
		if !utf8.ValidString(s) || strings.ContainsAny(s, fileStatusSeparators+")") {
			return
		}
		r := clean(s)
		if r == "" {
			return
		}
		c, got, err := parseFileStatus("Closed: " + r)
		if err != nil || !c || (got != clean(r) && fold(got) != fold(r)) {
			t.Fatalf("parseFileStatus(%q) = %v, %q, %v", "Closed: "+r, c, got, err)
		}
	})
}

// FuzzAdmissibilityConcern: the answer is no concern, "yes", or the
// concern as written; case and spacing never change which.
func FuzzAdmissibilityConcern(f *testing.F) {
	for _, s := range []string{"", "no", "N/A", "-", "none known", "Nothing  Known", "yes", "Refused in 2019", "nil", "\u00a0none\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := admissibilityConcern(s)
		if got != "" && got != "yes" && got != clean(s) {
			t.Fatalf("admissibilityConcern(%q) = %q", s, got)
		}
		if isASCII(s) {
			if up := admissibilityConcern(strings.ToUpper(s)); (up == "") != (got == "") {
				t.Fatalf("admissibilityConcern(%q) = %q but upper case gives %q", s, got, up)
			}
		}
	})
}

// FuzzWorkAuthorization: a Work Authorization cell is an accepted word, or
// a problem on its cell that lists the accepted words (or, for a bare IEC,
// asks which category); a "did you mean" offers only an accepted word.
func FuzzWorkAuthorization(f *testing.F) {
	for _, s := range []string{"", "SOWP", "bowp", "IEC", "iec working holiday", "co-op work permit", "visitor record", "visa", "R168(w)", "IEC young professional"} {
		f.Add(s)
	}
	hint := regexp.MustCompile(`Did you mean "([^"]*)"\?`)
	f.Fuzz(func(t *testing.T, s string) {
		c := &assess.Client{ID: "C"}
		w := &row{ref: assess.Ref{Sheet: "Employment", Row: 2, Cols: map[string]string{assess.FieldAuthorization: "K"}}, cells: []string{s},
			index: map[string]int{assess.FieldAuthorization: 0}, headers: map[string]string{assess.FieldAuthorization: "Work Authorization"}}
		au, ok := authorization(c, w)
		switch {
		case ok:
			if len(c.Problems) != 0 || au == assess.AuthUnknown {
				t.Fatalf("%q read as %q with problems %v", s, au, c.Problems)
			}
		case clean(s) == "":
			if len(c.Problems) != 0 {
				t.Fatalf("a blank cell is a problem: %v", c.Problems)
			}
		default:
			if len(c.Problems) != 1 || c.Problems[0].Cell != "Employment!K2" {
				t.Fatalf("%q: problems %v", s, c.Problems)
			}
			msg := c.Problems[0].Message.String()
			if !strings.Contains(msg, authorizationChoices.String()) && !strings.Contains(msg, "International Experience Canada category") {
				t.Fatalf("%q: the message does not list the accepted words: %s", s, msg)
			}
			if m := hint.FindStringSubmatch(msg); m != nil {
				if _, ok := authorizations.lookup(m[1]); !ok {
					t.Fatalf("%q: the hint offers %q, which is not accepted", s, m[1])
				}
			}
		}
	})
}

// zipParts is a workbook's bytes: parts zipped in the order of names,
// each replaced by replace[name] when there is one.
func zipParts(t *testing.T, names []string, parts, replace map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		data, ok := replace[name]
		if !ok {
			data = parts[name]
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
