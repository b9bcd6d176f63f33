package ingest

import (
	"strings"
	"testing"
)

// TestProblemKinds: every kind of problem ReadFile records on the workbook
// itself has a kind of its own for the log, and the kind quotes nothing
// the workbook holds, while the message does.
func TestProblemKinds(t *testing.T) {
	const secret = "Quillfeather, Marisol 1985-02-17"
	sheets := baseSheets()
	emp := colOf(sheets, "Employment", "Client ID")
	setCell(sheets, "Employment", 5, emp, secret)                      // not on the Clients sheet
	setCell(sheets, "Employment", 6, emp+1, "Employer of a blank row") // a blank Client ID
	setCell(sheets, "Employment", 1, 12, secret)                       // a column cecbatch does not read
	setCell(sheets, "Employment", 1, 13, "Employer")                   // a second Employer column
	setCell(sheets, "Employment", 3, 14, "values under no header")
	setCell(sheets, "Clients", 4, 2, "Ng") // a client with a blank ID
	sheets = append(sheets,
		sheet{"Marisol Q 1985-02-17", [][]any{{"Client ID", "Remark"}, {"C-001", "x"}}},
		sheet{"Work (2)", [][]any{{"Client ID", "Employer", "NOC", "Start Date", "Hours Per Week"}, {"C-001", "B", "21231", "2024-01-01", 40}}},
	)
	setCell(sheets, "Clients", 5, 1, "EXAMPLE-SKIPPED")
	setCell(sheets, "Clients", 5, 2, "Example")
	setCell(sheets, "Clients", 5, 3, "Ex")
	setCell(sheets, "Clients", 5, colOf(sheets, "Clients", "Intended Province"), "ON")
	wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
	seen := map[string]bool{}
	for _, p := range wb.Problems {
		if p.ClientID != "" {
			continue // a client's own: never logged
		}
		kind := ProblemKind(p)
		seen[kind] = true
		if strings.HasPrefix(kind, "a problem (") || strings.HasPrefix(kind, "a warning (") {
			t.Errorf("no kind for %q", p.Message)
		}
		if strings.Contains(kind, "Quillfeather") || strings.Contains(kind, "1985") {
			t.Errorf("the kind of %q quotes the workbook", p.Message)
		}
	}
	for _, want := range []string{
		"a row whose Client ID is not on the Clients sheet (not read)",
		"a row with a blank Client ID (not read)",
		"a column cecbatch does not read (ignored)",
		"a second column of the same kind (ignored)",
		"values in a column without a header (ignored)",
		"a client with a blank Client ID (not assessed)",
		"a sheet whose headers match no intake sheet (not read)",
		"two sheets of the same kind (both read)",
		"the template's worked example (skipped)",
	} {
		if !seen[want] {
			t.Errorf("no problem of kind %q in %v", want, seen)
		}
	}
}
