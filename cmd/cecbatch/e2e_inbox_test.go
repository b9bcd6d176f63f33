package main

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// writeLargeWorkbook writes what writeWorkbook writes (n eligible clients
// with one job and one test each) as raw sheet XML, the cells inline: a
// generation of 30,000 clients through excelize took over a minute in the
// test process under the race detector, this a second or two.
func writeLargeWorkbook(t testing.TB, path, prefix string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	part := func(name, text string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, text)
	}
	sheets := []string{"Clients", "Employment", "Language Tests"}
	types := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
	wbSheets, wbRels := "", ""
	for i := range sheets {
		types += fmt.Sprintf(`<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		wbSheets += fmt.Sprintf(`<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, sheets[i], i+1, i+1)
		wbRels += fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	part("[Content_Types].xml", types+`</Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+wbSheets+`</sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+wbRels+`</Relationships>`)
	headers := [][]any{
		{"Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province"},
		{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Work Authorization"},
		{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"},
	}
	for i := range sheets {
		w, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		writeRow(bw, 1, headers[i])
		for c := 1; c <= n; c++ {
			id := fmt.Sprintf("%s-%d", prefix, c)
			switch i {
			case 0:
				writeRow(bw, c+1, []any{id, "Bérubé", "Élodie", "1990-04-02", "ON"})
			case 1:
				writeRow(bw, c+1, []any{id, "Maple Software Inc.", "21231", "2022-01-03", "", 40, "PGWP"})
			case 2:
				writeRow(bw, c+1, []any{id, "CELPIP-General", "2025-01-15", 9, 9, 9, 9})
			}
		}
		bw.WriteString(`</sheetData></worksheet>`)
		bw.Flush()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeRow writes one row of cells from column A: text inline, numbers as
// numbers, "" as no cell.
func writeRow(w *bufio.Writer, row int, cells []any) {
	fmt.Fprintf(w, `<row r="%d">`, row)
	for i, v := range cells {
		ref := fmt.Sprintf("%c%d", 'A'+i, row)
		switch v := v.(type) {
		case int:
			fmt.Fprintf(w, `<c r="%s"><v>%d</v></c>`, ref, v)
		case string:
			if v != "" {
				fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, strings.ReplaceAll(v, "&", "&amp;"))
			}
		}
	}
	w.WriteString(`</row>`)
}
