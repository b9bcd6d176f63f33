package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// sheet is one sheet of a workbook built by a test: rows of cell values,
// written as excelize would write them from a script (strings as shared
// strings, numbers as numbers, nil as no cell).
type sheet struct {
	name string
	rows [][]any
}

// dateSerial marks a cell written as a date serial number with a date
// format, as Excel stores a typed date.
type dateSerial float64

func serialOf(s string) dateSerial {
	return dateSerial(assess.MustDate(s) - assess.NewDate(1899, 12, 30))
}

// writeBook writes sheets to a new workbook in dir and returns its path.
func writeBook(t testing.TB, dir, name string, sheets []sheet, mods ...func(*excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case dateSerial:
					err = f.SetCellFloat(s.name, cell, float64(v), -1, 64)
					if err == nil {
						err = f.SetCellStyle(s.name, cell, cell, dateStyle)
					}
				case string:
					err = f.SetCellStr(s.name, cell, v)
				default:
					err = f.SetCellValue(s.name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, m := range mods {
		m(f)
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// baseSheets is a small valid workbook in the canonical layout: two
// clients, with work, tests and a study period.
func baseSheets() []sheet {
	return []sheet{
		{"Clients", [][]any{
			{"Client ID", "Family Name", "Given Names", "Date of Birth", "Application Date", "Intended Province", "In Canada", "Status", "Status Expiry", "Admissibility Concern", "Notes"},
			{"C-001", "Nguyễn", "Thị Minh", serialOf("1994-02-11"), serialOf("2026-06-01"), "ON", "yes", "worker", serialOf("2027-01-31"), "no", "Referred by J. Smith"},
			{"C-002", "Żółć", "Łukasz", "1990-07-30", "2026-05-15", "Québec", "no", "", nil, "Refused visa in 2019", nil},
		}},
		{"Employment", [][]any{
			{"Client ID", "Employer", "Job Title", "NOC", "TEER", "Start Date", "End Date", "Hours Per Week", "Location", "Employment Type", "Work Authorization"},
			{"C-001", "Maple Software Inc.", "Developer", "21231", 1, serialOf("2023-03-01"), nil, 40, "Ontario", "employee", "PGWP"},
			{"C-002", "Café Bérubé", "Cook", 63200, nil, "2022-01-10", "2024-12-31", "37,5", "QC", "Employee", "closed work permit"},
			{"C-002", "Gdańsk Foods", "Cook", "63200", nil, "2019-01-01", "2021-06-30", 40, "Poland", nil, nil},
		}},
		{"Language Tests", [][]any{
			{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"},
			{"C-001", "CELPIP-G", serialOf("2025-01-20"), 9, 8, "M", 10},
			{"C-002", "TEF Canada", "2023-10-02", 300, 250, 380, 400},
		}},
		{"Study", [][]any{
			{"Client ID", "Institution", "Credential", "Start Date", "End Date", "Full-Time"},
			{"C-001", "Seneca Polytechnic", "Graduate certificate", serialOf("2021-09-07"), serialOf("2022-12-16"), "oui"},
		}},
	}
}

// setCell replaces one cell of baseSheets-like data, growing the row if needed.
func setCell(sheets []sheet, sheetName string, row, col int, v any) {
	for i := range sheets {
		if sheets[i].name != sheetName {
			continue
		}
		for len(sheets[i].rows) < row {
			sheets[i].rows = append(sheets[i].rows, nil)
		}
		r := sheets[i].rows[row-1]
		for len(r) < col {
			r = append(r, nil)
		}
		r[col-1] = v
		sheets[i].rows[row-1] = r
		return
	}
	panic("no sheet " + sheetName)
}

func colOf(sheets []sheet, sheetName, header string) int {
	for _, s := range sheets {
		if s.name == sheetName {
			for i, h := range s.rows[0] {
				if h == header {
					return i + 1
				}
			}
		}
	}
	panic("no column " + header)
}

func mustRead(t testing.TB, path string, opts Options) *Workbook {
	t.Helper()
	wb, err := ReadFile(path, opts)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", filepath.Base(path), err)
	}
	return wb
}

func problemsText(wb *Workbook) string {
	var b strings.Builder
	for _, p := range wb.AllProblems() {
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	return b.String()
}

func writeRaw(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeStreamBook writes rows (the first at A1) to a sheet named sheetName
// with excelize's StreamWriter, which stores text as inline strings as
// openpyxl and other scripts do, and returns the workbook's path.
func writeStreamBook(t *testing.T, sheetName string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stream.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if !zipContains(t, path, "inlineStr") {
		t.Fatal("the stream writer did not write inline strings; the test does not test what it says")
	}
	return path
}

// typeOneClient types the client C-1 on row 2 of the Clients sheet of the
// workbook at path (a template), as a paralegal would.
func typeOneClient(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetSheetRow("Clients", "A2", &[]any{"C-1", "Ng", "Minh", nil, nil, "ON"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
