package report

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryShowsControls: a bidi override in a client's name or a file
// name is written to summary.xlsx as its code, never obeyed by the
// spreadsheet that shows it.
func TestSummaryShowsControls(t *testing.T) {
	a := fxFormulaText()
	a.Client.FamilyName = "Tremblay\u202Egnp.exe"
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddClient(a, nil, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRejected("cv\u202Excod.xlsx", "not a workbook"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(summaryRunInfo()); err != nil {
		t.Fatal(err)
	}
	f := openSummary(t, path)
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, v := range row {
				if strings.ContainsRune(v, '\u202E') {
					t.Errorf("%s keeps the override in %q", sheet, v)
				}
				for _, want := range []string{"Tremblay[U+202E]gnp.exe", "cv[U+202E]xcod.xlsx"} {
					if strings.Contains(v, want) {
						found[want] = true
					}
				}
			}
		}
	}
	if len(found) != 2 {
		t.Errorf("escaped texts found: %v", found)
	}
}
