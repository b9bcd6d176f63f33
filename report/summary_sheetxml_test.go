package report

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestRowXMLAsStreamWriter checks that the data rows written into the
// saved summary are the XML excelize's StreamWriter writes for the same
// values: the same cell types, escaping, caps and number formats.
func TestRowXMLAsStreamWriter(t *testing.T) {
	day := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	rows := []struct {
		height float64
		values []any
	}{
		{0, []any{"plain", 42, 3.25, nil, excelize.Cell{StyleID: 3}}},
		{30, []any{excelize.Cell{StyleID: 2, Value: " leading and trailing "}, "tab\tand\nnewline", `<&>"'`}},
		{0, []any{"_x0041_ and _x005F_x0041_ and _x005F_ and _xD800_ and _x12G4_", "bidi \u202e and \x01 control"}},
		{45, []any{excelize.Cell{StyleID: 4, Formula: `HYPERLINK("opinions/a b.pdf","a b.pdf")`, Value: "a b.pdf"},
			excelize.Cell{StyleID: 4, Formula: `HYPERLINK("x","y")`, Value: " y "}, excelize.Cell{StyleID: 4, Formula: "1+1"}}},
		{0, []any{excelize.Cell{StyleID: 5, Value: day}, excelize.Cell{StyleID: 5, Value: time.Date(1900, 2, 28, 12, 0, 0, 0, time.UTC)},
			excelize.Cell{StyleID: 5, Value: time.Date(1899, 6, 1, 0, 0, 0, 0, time.UTC)}, excelize.Cell{StyleID: 5, Value: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{0, []any{excelize.Cell{StyleID: 6, Value: 90*time.Minute + 7*time.Second}, math.NaN(), math.Inf(-1), -0.1, 1e21, -7}},
		{409, []any{strings.Repeat("é", 40000), strings.Repeat("😀", 20000)}},
		{0, []any{"Siobhán García-Ñúñez", " lead", "trail ", "a\x7fb", 0, -12, 1 << 40, "\uFFFE", "\xff bad", "_x", "ok_x0"}},
		{0, append(make([]any, 27), "column AB", excelize.Cell{StyleID: 2, Value: "styled"}, excelize.Cell{StyleID: 2, Value: 5})},
	}

	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, r := range rows {
		var opts []excelize.RowOpts
		if r.height > 0 {
			opts = append(opts, excelize.RowOpts{Height: r.height})
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r.values, opts...); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var saved bytes.Buffer
	if err := f.Write(&saved); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(saved.Bytes()), int64(saved.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, _ := zf.Open()
		xmlText, _ := io.ReadAll(rc)
		rc.Close()
		want = regexp.MustCompile(`(?s)<row .*?</row>`).FindAllString(string(xmlText), -1)
	}
	if len(want) != len(rows) {
		t.Fatalf("the StreamWriter's sheet has %d rows, want %d", len(want), len(rows))
	}
	for i, r := range rows {
		got, err := appendRowXML(nil, i+1, r.height, r.values)
		if err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
		if string(got) != want[i] {
			t.Errorf("row %d:\n got %.300s\nwant %.300s", i+1, got, want[i])
		}
	}
}

// TestCellRefAsExcelize: a cell's name is excelize's, from A1 past Z, ZZ
// and up to the last column and row, and a cell outside the sheet is an
// error as it is for excelize.
func TestCellRefAsExcelize(t *testing.T) {
	for _, col := range []int{1, 2, 26, 27, 52, 53, 702, 703, 16383, excelize.MaxColumns} {
		for _, row := range []int{1, 9, 10, 1000, excelize.TotalRows} {
			want, _ := excelize.CoordinatesToCellName(col, row)
			got, err := appendCellRef([]byte("x"), col, row)
			if err != nil || string(got) != "x"+want {
				t.Errorf("column %d, row %d: %q, %v; want %q", col, row, got, err, want)
			}
		}
	}
	for _, c := range [][2]int{{0, 1}, {1, 0}, {excelize.MaxColumns + 1, 1}, {1, excelize.TotalRows + 1}} {
		if _, err := appendCellRef(nil, c[0], c[1]); err == nil {
			t.Errorf("column %d, row %d: no error", c[0], c[1])
		}
	}
}

// FuzzCellXMLText: a text cell written straight (plainText) is what
// cellText's escaping and protection write, for any text and style.
func FuzzCellXMLText(f *testing.F) {
	for _, s := range []string{"", "plain", " lead", "trail ", "Siobhán García", "a_x0041_b", "_x", "<&>\"'", "tab\t", "nl\n", "\x7f", "\uFFFE", "\xff", "😀", strings.Repeat("a", 40000)} {
		f.Add(s, 0)
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, style int) {
		style = max(0, style%100)
		got, err := appendCellXML(nil, []byte("B2"), excelize.Cell{StyleID: style, Value: s})
		if err != nil {
			t.Fatal(err)
		}
		text, space := cellText(s, true)
		want := `<c r="B2"`
		if style != 0 {
			want += ` s="` + strconv.Itoa(style) + `"`
		}
		want += ` t="inlineStr"><is><t`
		if space {
			want += ` xml:space="preserve"`
		}
		want += `>` + text + `</t></is></c>`
		if string(got) != want {
			t.Errorf("%q:\n got %.200s\nwant %.200s", s, got, want)
		}
	})
}
