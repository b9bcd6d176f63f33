package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/ingest"
	"github.com/cecbatch/cecbatch/report"
)

// TestOutputsFileProblems: a file's problems reach results.jsonl as before
// (a warning and a cell-less problem say so in their text) and the
// summary's Problems sheet with their sheet, cell and kind apart; a
// rejected file is a Problems row too.
func TestOutputsFileProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var results bytes.Buffer
	e := &engine{asOf: assess.MustDate("2026-12-01"), version: "test"}
	out, err := e.NewOutputs(&results, filepath.Join(dir, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	problems := []ingest.Problem{
		{Sheet: "Employment", Cell: "Employment!A6", Message: `Client ID "NR-299" is not on the Clients sheet, so this row belongs to no client and was not assessed; correct the ID or add the client to the Clients sheet.`},
		{Sheet: "Employment", Cell: "Employment!M1", Warning: true, Message: `the column "Notes" is not one cecbatch reads, so it was ignored. If it holds intake data, rename it to one of the names in the template.`},
		{Sheet: "Clients (old)", Warning: true, Message: `the sheet "Clients (old)" also looks like the Clients sheet, but only the sheet "Clients" was read; rename or delete one of them.`},
	}
	var reasons []batch.Reason
	for _, p := range problems {
		reasons = append(reasons, reasonOf(p))
	}
	if err := out.File(batch.FileOutcome{SourceFile: "intake.xlsx", Clients: 2, Reasons: reasons}); err != nil {
		t.Fatal(err)
	}
	if err := out.File(batch.FileOutcome{SourceFile: "notes.csv", Rejected: true, Reasons: []batch.Reason{{Code: assess.CodeData,
		Text: "The file is plain text, not an Excel workbook. Open it in Excel and save it as .xlsx."}}}); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(batch.Stats{AsOf: e.asOf}, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"text":"Client ID \"NR-299\" is not on the Clients sheet`,
		`"text":"Warning: the column \"Notes\" is not one`,
		`"text":"Warning: Sheet Clients (old): the sheet \"Clients (old)\"`,
	} {
		if !strings.Contains(results.String(), want) {
			t.Errorf("results.jsonl has no %s:\n%s", want, results.String())
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.SheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"intake.xlsx", "Employment", "A6", "", "Error", `Client ID "NR-299" is not on the Clients sheet, so this row belongs to no client and was not assessed.`,
			"Correct the ID or add the client to the Clients sheet."},
		{"intake.xlsx", "Employment", "M1", "", "Warning", `The column "Notes" is not one cecbatch reads, so it was ignored.`,
			"If it holds intake data, rename it to one of the names in the template."},
		{"intake.xlsx", "Clients (old)", "", "", "Warning", `The sheet "Clients (old)" also looks like the Clients sheet, but only the sheet "Clients" was read.`,
			"Rename or delete one of them."},
		{"notes.csv", "", "", "", "File rejected", "The file is plain text, not an Excel workbook.", "Open it in Excel and save it as .xlsx."},
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("Problems rows = %q", rows)
	}
	for i, w := range want {
		if !slices.Equal(rows[i+1], w) {
			t.Errorf("Problems row %d:\n got %q\nwant %q", i+2, rows[i+1], w)
		}
	}
}
