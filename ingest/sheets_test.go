package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// renamed returns baseSheets with one sheet given another name.
func renamed(from, to string) []sheet {
	s := baseSheets()
	for i := range s {
		if s[i].name == from {
			s[i].name = to
		}
	}
	return s
}

// sameRows checks that got has the clients of want, with the same jobs,
// tests and studies, apart from the sheet names of their cells.
func sameRows(t *testing.T, got, want *Workbook) {
	t.Helper()
	if len(got.Clients) != len(want.Clients) {
		t.Fatalf("%d clients, want %d", len(got.Clients), len(want.Clients))
	}
	for i, w := range want.Clients {
		g := got.Clients[i]
		if g.ID != w.ID || len(g.Jobs) != len(w.Jobs) || len(g.Tests) != len(w.Tests) || len(g.Studies) != len(w.Studies) || len(g.Problems) != len(w.Problems) {
			t.Errorf("client %s: %d jobs, %d tests, %d studies, problems %v; want %d, %d, %d, %v",
				g.ID, len(g.Jobs), len(g.Tests), len(g.Studies), g.Problems, len(w.Jobs), len(w.Tests), len(w.Studies), w.Problems)
			continue
		}
		for j := range w.Jobs {
			a, b := g.Jobs[j], w.Jobs[j]
			a.Ref.Sheet, b.Ref.Sheet = "", ""
			if !reflect.DeepEqual(a, b) {
				t.Errorf("client %s job %d:\n got %+v\nwant %+v", g.ID, j, a, b)
			}
		}
	}
}

// TestSheetsFoundByHeaders renames each intake sheet to a name that is not
// one of its accepted names: it is read as before, by its header row.
func TestSheetsFoundByHeaders(t *testing.T) {
	want := mustRead(t, writeBook(t, t.TempDir(), "base.xlsx", baseSheets()), Options{})
	for _, tc := range []struct{ from, to string }{
		{"Employment", "Employment (2)"},
		{"Employment", "Jobs Held"},
		{"Employment", "Emploi"},
		{"Employment", "Employment History"},
		{"Employment", "Work Experience"},
		{"Clients", "Intake W47"},
		{"Language Tests", "Scores"},
		{"Study", "Schooling"},
	} {
		t.Run(tc.to, func(t *testing.T) {
			got := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", renamed(tc.from, tc.to)), Options{})
			if len(got.Problems) != 0 {
				t.Errorf("problems:\n%s", problemsText(got))
			}
			sameRows(t, got, want)
			// Cells name the sheet as the workbook does.
			for _, c := range got.Clients {
				for _, j := range c.Jobs {
					if tc.from == "Employment" && !strings.HasPrefix(j.Ref.Cell(assess.FieldStart), tc.to+"!") {
						t.Errorf("job cell %s is not on %q", j.Ref.Cell(assess.FieldStart), tc.to)
					}
				}
			}
		})
	}
}

// TestKindOf covers the choice between kinds: a sheet whose header row has
// the required columns of two kinds goes by its name, then by how many of
// each kind's columns it has; a named sheet lacking a column stays what its
// name says, so that the missing column is reported.
func TestKindOf(t *testing.T) {
	both := []string{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours", "Full-Time"}
	clients := []string{"Client ID", "Family Name", "Given Names", "Intended Province"}
	for _, tc := range []struct {
		name    string
		headers []string
		want    *sheetSpec
	}{
		{"Jobs Held", both, employmentSpec},
		{"Study periods", both, studySpec},
		{"Sheet3", both, employmentSpec}, // more Employment columns
		{"Employment", clients, clientsSpec},
		{"Employment", []string{"Client ID", "Employer"}, employmentSpec},
		{"Instructions", []string{"How to fill in this workbook"}, nil},
		{"Sheet1", nil, nil},
		{"Profile", clients, clientsSpec},
		{"Tests 2024", []string{"ID", "Exam", "Date", "L", "R", "W", "S"}, testsSpec},
	} {
		got, _ := kindOf(tc.name, sheetHeader{row: 1, cells: tc.headers})
		if got != tc.want {
			t.Errorf("kindOf(%q, %v) = %v, want %v", tc.name, tc.headers, specName(got), specName(tc.want))
		}
	}
}

func specName(s *sheetSpec) string {
	if s == nil {
		return "none"
	}
	return s.name
}

// TestTwoSheetsOfOneKind reads both Employment sheets, and warns once,
// naming both.
func TestTwoSheetsOfOneKind(t *testing.T) {
	sheets := baseSheets()
	sheets = append(sheets, sheet{"Employment (2)", [][]any{
		{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week"},
		{"C-001", "Second Job Ltd.", "62020", "2024-01-01", "2024-06-30", 15},
	}})
	wb := mustRead(t, writeBook(t, t.TempDir(), "two.xlsx", sheets), Options{})
	if n := len(wb.Clients[0].Jobs); n != 2 {
		t.Fatalf("C-001 has %d jobs, want 2 (one from each sheet)", n)
	}
	if j := wb.Clients[0].Jobs[1]; j.Employer != "Second Job Ltd." || j.Ref.Sheet != "Employment (2)" || j.HoursPerWeek != 15 {
		t.Errorf("second job = %+v", j)
	}
	if len(wb.Problems) != 1 {
		t.Fatalf("want one warning, got:\n%s", problemsText(wb))
	}
	p := wb.Problems[0]
	if !p.Warning || p.Sheet != "Employment (2)" || p.File != "two.xlsx" ||
		!strings.Contains(p.Message, `"Employment" and "Employment (2)" both hold Employment rows`) || !strings.Contains(p.Message, "count twice") {
		t.Errorf("warning = %+v", p)
	}
	if wb.Errors() != 0 {
		t.Errorf("Errors() = %d: the warning is not an error", wb.Errors())
	}
}

// TestCopiedSheetRowsAreFlagged: Excel's copy of the Employment sheet left
// in the workbook would count each job twice; each repeated row is a
// problem of its client, so that no client is found eligible on hours
// counted twice.
func TestCopiedSheetRowsAreFlagged(t *testing.T) {
	sheets := baseSheets()
	employment := sheets[1]
	copied := sheet{"Employment (2)", append([][]any{}, employment.rows...)}
	copied.rows = append(copied.rows, []any{"C-002", "New Job Inc.", "Cook", "63200", nil, "2025-01-06", nil, 20, "QC", nil, nil})
	sheets = append(sheets, copied)
	wb := mustRead(t, writeBook(t, t.TempDir(), "copy.xlsx", sheets), Options{})
	c1, c2 := wb.Clients[0], wb.Clients[1]
	if len(c1.Problems) != 1 || c1.Problems[0].Cell != "Employment (2)!A2" || !strings.Contains(c1.Problems[0].Message.String(), "repeats Employment!A2 value for value") ||
		!strings.Contains(c1.Problems[0].Message.String(), "work would count twice") {
		t.Errorf("C-001 problems %v", c1.Problems)
	}
	if len(c2.Problems) != 2 || len(c2.Jobs) != 5 {
		t.Errorf("C-002: problems %v, %d jobs; want the two repeated rows flagged, the new row not", c2.Problems, len(c2.Jobs))
	}
	if a := assessSample(c1); a.Verdict == assess.Eligible {
		t.Errorf("C-001 is eligible on rows counted twice")
	}
}

// TestStraySheetWithClientID warns about a sheet that has a Client ID
// column but the columns of no intake sheet, naming what it lacks; its
// rows are not read.
func TestStraySheetWithClientID(t *testing.T) {
	sheets := baseSheets()
	sheets = append(sheets, sheet{"Work Experience", [][]any{
		nil,
		{"Employer", "Client ID", "From", "Hours/Week"},
		{"Night Shift Inc.", "C-001", "2020-01-01", 40},
	}}, sheet{"Instructions", [][]any{{"Fill in one row per client."}}})
	wb := mustRead(t, writeBook(t, t.TempDir(), "stray.xlsx", sheets), Options{})
	if n := len(wb.Clients[0].Jobs); n != 1 {
		t.Errorf("C-001 has %d jobs, want 1: the stray sheet's rows are not read", n)
	}
	if len(wb.Problems) != 1 {
		t.Fatalf("want one warning (none for Instructions), got:\n%s", problemsText(wb))
	}
	p := wb.Problems[0]
	for _, w := range []string{`the sheet "Work Experience" has a Client ID column but its headers match no intake sheet`, "its rows were not read",
		"rename its columns to those of the Employment sheet", `"NOC"`} {
		if !strings.Contains(p.Message, w) {
			t.Errorf("message %q lacks %q", p.Message, w)
		}
	}
	if !p.Warning || p.Sheet != "Work Experience" || p.Cell != "Work Experience!B2" {
		t.Errorf("warning = %+v", p)
	}
}

// TestStraySheetSendsItsClientsToReview: a client with a row on a sheet
// that comes close to an intake sheet but was not read is needs_review
// with a problem on that row, not assessed as if the row were not there
// (with 0 hours of a job left off, "not eligible").
func TestStraySheetSendsItsClientsToReview(t *testing.T) {
	sheets := append(baseSheets(), sheet{"Jobs 2024", [][]any{
		{"Client ID", "Employer", "NOC", "Start Date"},
		{"C-001", "Night Shift Inc.", "21231", "2020-01-01"},
		{"c-001", "Day Shift Inc.", "21231", "2021-01-01"},
		{"NOBODY", "Nowhere Ltd.", "21231", "2021-01-01"},
	}}, sheet{"Misc", [][]any{{"Client ID", "Favourite Colour"}, {"C-001", "blue"}}})
	wb := mustRead(t, writeBook(t, t.TempDir(), "stray.xlsx", sheets), Options{})
	c := wb.Clients[0]
	var found []assess.Problem
	for _, p := range c.Problems {
		if strings.Contains(p.Message.String(), "Jobs 2024") {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("C-001's problems about Jobs 2024: %v, want one (its first row)", c.Problems)
	}
	for _, w := range []string{`Client ID "C-001" has rows on the sheet "Jobs 2024" that were not read`, `lacks "Hours Per Week"`, "Employment sheet"} {
		if !strings.Contains(found[0].Message.String(), w) {
			t.Errorf("problem %q lacks %q", found[0].Message, w)
		}
	}
	if found[0].Cell != "Jobs 2024!A2" {
		t.Errorf("problem cell %q, want Jobs 2024!A2", found[0].Cell)
	}
	for _, p := range c.Problems {
		if strings.Contains(p.Message.String(), "Misc") {
			t.Errorf("a sheet like no intake sheet (Misc) is a warning only, not the client's problem: %v", p)
		}
	}
	for _, other := range wb.Clients[1:] {
		if len(other.Problems) != 0 {
			t.Errorf("%s has problems %v; it has no row on Jobs 2024", other.ID, other.Problems)
		}
	}
}

// TestClientsFoundByHeaderIsRequired: a workbook whose only client sheet
// has another name is read; one with no sheet of client columns at all is
// rejected, naming the columns to give it.
func TestClientsFoundByHeaderIsRequired(t *testing.T) {
	dir := t.TempDir()
	wb := mustRead(t, writeBook(t, dir, "people.xlsx", renamed("Clients", "People")), Options{})
	if len(wb.Clients) != 2 || len(wb.Clients[0].Jobs) != 1 {
		t.Errorf("clients %d", len(wb.Clients))
	}
	noClients := renamed("Clients", "People")
	noClients[0].rows[0][colOf(noClients, "People", "Family Name")-1] = "Name"
	_, err := ReadFile(writeBook(t, dir, "none.xlsx", noClients), Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "no Clients sheet") ||
		!strings.Contains(fe.Reason, `The sheet "People" comes closest, but it lacks "Family Name" (also accepted: "Last Name", "Surname").`) {
		t.Errorf("err = %v", err)
	}
}

// TestEveryWorkbookProblemIsLocated gathers, in one workbook, each kind of
// problem that belongs to no client and each note, and checks what callers
// get from AllProblems: file, sheet, cell, client and whether it is a
// warning.
func TestEveryWorkbookProblemIsLocated(t *testing.T) {
	sheets := baseSheets()
	setCell(sheets, "Employment", 5, 1, "C-999")                                         // orphan row
	setCell(sheets, "Employment", 5, 2, "Ghost Ltd.")                                    //
	setCell(sheets, "Employment", 1, 12, "Supervisor")                                   // ignored column
	setCell(sheets, "Employment", 3, colOf(sheets, "Employment", "End Date"), "Present") // note
	sheets = append(sheets,
		sheet{"Employment (2)", [][]any{{"Client ID", "Employer", "NOC", "Start Date", "Hours Per Week"}}},
		sheet{"Old", [][]any{{"Client ID", "Comment"}, {"C-001", "x"}}})
	wb := mustRead(t, writeBook(t, t.TempDir(), "all.xlsx", sheets), Options{})
	type key struct {
		sheet, cell, client string
		warning             bool
	}
	want := map[key]string{
		{"Employment", "Employment!A5", "", false}:     "not on the Clients sheet",
		{"Employment", "Employment!L1", "", true}:      `the column "Supervisor" is not one cecbatch reads`,
		{"Employment", "Employment!G3", "C-002", true}: `"End Date" "Present" was read as a blank end date`,
		{"Employment (2)", "", "", true}:               "both hold Employment rows",
		{"Old", "Old!A1", "", true}:                    `the sheet "Old" has a Client ID column`,
	}
	all := wb.AllProblems()
	if len(all) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(all), len(want), problemsText(wb))
	}
	for _, p := range all {
		if p.File != "all.xlsx" {
			t.Errorf("File = %q", p.File)
		}
		words, ok := want[key{p.Sheet, p.Cell, p.ClientID, p.Warning}]
		if !ok || !strings.Contains(p.Message, words) {
			t.Errorf("unexpected %+v", p)
		}
	}
	if wb.Errors() != 1 {
		t.Errorf("Errors() = %d, want 1 (the orphan row)", wb.Errors())
	}
	// The note does not make C-002's row a problem of the client.
	if c := wb.Clients[1]; len(c.Problems) != 0 || len(c.Jobs) != 2 || !c.Jobs[0].End.IsZero() {
		t.Errorf("C-002: problems %v, jobs %+v", c.Problems, c.Jobs)
	}
}

// TestMessagesQuoteHeadersAsSpelled: a message about a cell names its
// column as the header row spells it, in quotes, so that no later
// lower-casing of a sentence's first letter changes it.
func TestMessagesQuoteHeadersAsSpelled(t *testing.T) {
	sheets := baseSheets()
	hours := colOf(sheets, "Employment", "Hours Per Week")
	sheets[1].rows[0][hours-1] = "HOURS per Week (avg)"
	sheets[1].rows[0][colOf(sheets, "Employment", "Start Date")-1] = "From"
	setCell(sheets, "Employment", 2, hours, nil)
	setCell(sheets, "Employment", 3, hours, "40-45")
	setCell(sheets, "Employment", 4, 6, "soon")
	wb := mustRead(t, writeBook(t, t.TempDir(), "q.xlsx", sheets), Options{})
	want := map[string]string{
		"Employment!H2": `"HOURS per Week (avg)" is blank`,
		"Employment!H3": `"HOURS per Week (avg)" "40-45" is not a number`,
		"Employment!F4": `"From" "soon" is not a date`,
	}
	for _, p := range wb.AllProblems() {
		if w, ok := want[p.Cell]; !ok || !strings.HasPrefix(p.Message, w) {
			t.Errorf("%s: %q, want it to start %q", p.Cell, p.Message, w)
		}
		delete(want, p.Cell)
	}
	if len(want) != 0 {
		t.Errorf("missing problems at %v", want)
	}
}

// TestForgivingValues reads the hours and dates of the README's intake contract that are not
// in the canonical form but whose meaning is clear, and refuses the ones
// whose meaning is not.
func TestForgivingValues(t *testing.T) {
	cases := []struct {
		hours any
		start string
		end   string
		want  assess.Job // Start, End, HoursPerWeek
		bad   string     // the problem's words, "" for none
		note  string     // the warning's words, "" for none
	}{
		{hours: "40h", start: "March 3rd, 2025", want: assess.Job{Start: d("2025-03-03"), HoursPerWeek: 40}},
		{hours: "40 hrs", start: "3rd March 2025", want: assess.Job{Start: d("2025-03-03"), HoursPerWeek: 40}},
		{hours: "40 hours/week", start: "1st Feb 2024", want: assess.Job{Start: d("2024-02-01"), HoursPerWeek: 40}},
		{hours: "37,5", start: "22nd of July, 2023", want: assess.Job{Start: d("2023-07-22"), HoursPerWeek: 37.5}},
		{hours: " 40 ", start: "2023-01-01", end: "Present", want: assess.Job{Start: d("2023-01-01"), HoursPerWeek: 40}, note: "the client still works there"},
		{hours: 40, start: "2023-01-01", end: "to date", want: assess.Job{Start: d("2023-01-01"), HoursPerWeek: 40}, note: `"to date" was read as a blank end date`},
		{hours: 40, start: "2023-01-01", end: "ONGOING", want: assess.Job{Start: d("2023-01-01"), HoursPerWeek: 40}, note: "blank end date"},
		{hours: 40, start: "2023-01-01", end: "Current", want: assess.Job{Start: d("2023-01-01"), HoursPerWeek: 40}, note: "blank end date"},
		{hours: "40-45", start: "2023-01-01", bad: `"40-45" is not a number`},
		{hours: "40/80", start: "2023-01-01", bad: `"40/80" is not a number`},
		{hours: "40 h 45", start: "2023-01-01", bad: "not a number"},
		{hours: 40, start: "Present", bad: `"Present" is not a date`},
	}
	for _, tc := range cases {
		t.Run(tc.start+" "+tc.end, func(t *testing.T) {
			sheets := baseSheets()
			setCell(sheets, "Employment", 2, colOf(sheets, "Employment", "Hours Per Week"), tc.hours)
			setCell(sheets, "Employment", 2, colOf(sheets, "Employment", "Start Date"), tc.start)
			if tc.end != "" {
				setCell(sheets, "Employment", 2, colOf(sheets, "Employment", "End Date"), tc.end)
			}
			wb := mustRead(t, writeBook(t, t.TempDir(), "f.xlsx", sheets), Options{})
			c := wb.Clients[0]
			if tc.bad != "" {
				if len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Message.String(), tc.bad) || len(c.Jobs) != 1 || c.Jobs[0].Entered == nil {
					t.Errorf("problems %v, jobs %+v; want one problem with %q and the row kept as entered", c.Problems, c.Jobs, tc.bad)
				}
				return
			}
			if len(c.Problems) != 0 || len(c.Jobs) != 1 {
				t.Fatalf("problems %v, jobs %d", c.Problems, len(c.Jobs))
			}
			if j := c.Jobs[0]; j.Start != tc.want.Start || j.End != tc.want.End || j.HoursPerWeek != tc.want.HoursPerWeek {
				t.Errorf("job = start %s end %s hours %v", j.Start, j.End, j.HoursPerWeek)
			}
			switch {
			case tc.note == "" && len(wb.Problems) != 0:
				t.Errorf("unexpected notes:\n%s", problemsText(wb))
			case tc.note != "" && (len(wb.Problems) != 1 || !wb.Problems[0].Warning || wb.Problems[0].Cell != "Employment!G2" || !strings.Contains(wb.Problems[0].Message, tc.note)):
				t.Errorf("want a note on Employment!G2 with %q, got:\n%s", tc.note, problemsText(wb))
			}
		})
	}
}

func TestStudyEndPresent(t *testing.T) {
	sheets := baseSheets()
	setCell(sheets, "Study", 2, colOf(sheets, "Study", "End Date"), "current")
	wb := mustRead(t, writeBook(t, t.TempDir(), "s.xlsx", sheets), Options{})
	if s := wb.Clients[0].Studies; len(s) != 1 || !s[0].End.IsZero() {
		t.Errorf("studies = %+v", s)
	}
	if len(wb.Problems) != 1 || !strings.Contains(wb.Problems[0].Message, "still studies there") || wb.Problems[0].ClientID != "C-001" {
		t.Errorf("problems:\n%s", problemsText(wb))
	}
}

// TestAmbiguousDatesByColumn: an ambiguous numeric date is read in the
// order that the column's unambiguous numeric dates all show, with a note
// naming the evidence; with no evidence or conflicting evidence it is a
// problem that says how to type the date, never to change a setting; a
// configured date order wins.
func TestAmbiguousDatesByColumn(t *testing.T) {
	const start = 6 // Start Date is column F
	cases := []struct {
		name   string
		starts [3]any // rows 2-4 of Start Date
		opts   Options
		want   string // the date F3 ("1/9/2022") reads as; "" when it is a problem
		words  []string
	}{
		{name: "all agree day first", starts: [3]any{"14/08/2019", "1/9/2022", "2019-01-01"}, want: "2022-09-01",
			words: []string{`"Start Date" "1/9/2022" was read as 1 September 2022 (day/month), as the other dates of this column are, e.g. F2 14/08/2019`, "if it is 9 January 2022, type it as 2022-01-09"}},
		{name: "all agree month first", starts: [3]any{"08/14/2019", "1/9/2022", "12/31/2018"}, want: "2022-01-09",
			words: []string{"read as 9 January 2022 (month/day)", "e.g. F2 08/14/2019"}},
		{name: "evidence below the cell", starts: [3]any{serialOf("2023-03-01"), "1/9/2022", "25.12.2018"}, want: "2022-09-01",
			words: []string{"(day/month)", "e.g. F4 25.12.2018"}},
		{name: "conflict", starts: [3]any{"14/08/2019", "1/9/2022", "12/31/2018"},
			words: []string{`"Start Date" "1/9/2022" is ambiguous`, "1 September 2022 or 9 January 2022", "disagree (F2 14/08/2019 is day/month, F4 12/31/2018 is month/day)",
				"type the date meant as 2022-09-01 or 1 Sep 2022 if it is 1 September, or as 2022-01-09 or 9 Jan 2022 if it is 9 January"}},
		{name: "no evidence", starts: [3]any{"2022-01-10", "1/9/2022", "05/05/2019"},
			words: []string{"is ambiguous", "no other date of this column shows whether the day or the month comes first", "2022-09-01 or 1 Sep 2022"}},
		{name: "date order set", starts: [3]any{"08/14/2019", "1/9/2022", "2019-01-01"}, opts: Options{DateOrder: "DMY"}, want: "2022-09-01"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sheets := baseSheets()
			for i, v := range tc.starts {
				setCell(sheets, "Employment", i+2, start, v)
			}
			// End Dates that cannot be before any of the starts above.
			for r := 2; r <= 4; r++ {
				setCell(sheets, "Employment", r, start+1, nil)
			}
			wb := mustRead(t, writeBook(t, t.TempDir(), "amb.xlsx", sheets), tc.opts)
			c := wb.Clients[1] // rows 3 and 4 are C-002's
			var msgs []string
			for _, p := range wb.AllProblems() {
				if p.Cell == "Employment!F3" {
					msgs = append(msgs, p.Message)
					if tc.want != "" && !p.Warning || tc.want == "" && p.Warning {
						t.Errorf("warning = %v for %q", p.Warning, p.Message)
					}
				} else if tc.name != "date order set" || p.Cell != "Employment!F2" {
					t.Errorf("unexpected problem %s", p)
				}
			}
			msg := strings.Join(msgs, "\n")
			for _, w := range tc.words {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			for _, w := range []string{"date order", "DMY", "configur", "setting"} {
				if strings.Contains(msg, w) {
					t.Errorf("message %q tells the paralegal about %q", msg, w)
				}
			}
			if tc.want == "" {
				if len(c.Jobs) != 2 || c.Jobs[0].Ref.Row != 3 || !c.Jobs[0].Start.IsZero() || c.Jobs[0].Entered[assess.FieldStart] == "" {
					t.Errorf("C-002 jobs %+v; want the row with the ambiguous date kept as entered, with no start", c.Jobs)
				}
				return
			}
			if len(c.Jobs) != 2 || c.Jobs[0].Start != d(tc.want) || c.Jobs[0].Ref.Row != 3 || c.Jobs[1].Ref.Row != 4 {
				t.Errorf("C-002 jobs %+v; want row 3 starting %s first, in row order", c.Jobs, tc.want)
			}
		})
	}
}

// TestAmbiguousDatesOnClients: a client whose row waited for its column's
// evidence keeps its place among the clients, and each column is its own
// evidence: Date of Birth's order says nothing of Application Date's.
func TestAmbiguousDatesOnClients(t *testing.T) {
	sheets := baseSheets()
	dob, app := colOf(sheets, "Clients", "Date of Birth"), colOf(sheets, "Clients", "Application Date")
	setCell(sheets, "Clients", 2, dob, "3/4/1994")
	setCell(sheets, "Clients", 3, dob, "30/07/1990")
	setCell(sheets, "Clients", 2, app, "2026-06-01")
	setCell(sheets, "Clients", 3, app, "5/6/2026")
	wb := mustRead(t, writeBook(t, t.TempDir(), "c.xlsx", sheets), Options{})
	if len(wb.Clients) != 2 || wb.Clients[0].ID != "C-001" || wb.Clients[1].ID != "C-002" {
		t.Fatalf("clients out of order")
	}
	if got := wb.Clients[0].DateOfBirth; got != d("1994-04-03") {
		t.Errorf("C-001 born %s, want 1994-04-03 (day first, as D3)", got)
	}
	if p := wb.Clients[1].Problems; len(p) != 1 || p[0].Cell != "Clients!E3" || !strings.Contains(p[0].Message.String(), "no other date of this column") {
		t.Errorf("C-002 problems %v", p)
	}
	if len(wb.Clients[0].Jobs) != 1 || len(wb.Clients[1].Jobs) != 2 {
		t.Errorf("jobs not attached after the clients were read late")
	}
}

// formulaBook writes baseSheets with formulas, then edits the sheets' XML
// so that each cell of cells holds the given raw XML instead, as other
// writers save it (openpyxl: <f> and an empty <v>; Excel: a cached value).
func formulaBook(t *testing.T, sheets []sheet, formulas map[string]string, cells map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	// excelize keeps a cell's old value (a shared string's index) under a
	// formula set on it: start from an empty cell, as a script would.
	for ref := range formulas {
		sh, cell, _ := strings.Cut(ref, "!")
		col, row, err := excelize.CellNameToCoordinates(cell)
		if err != nil {
			t.Fatal(err)
		}
		setCell(sheets, sh, row, col, nil)
	}
	path := writeBook(t, dir, "formulas.xlsx", sheets, func(f *excelize.File) {
		for ref, formula := range formulas {
			sh, cell, _ := strings.Cut(ref, "!")
			if err := f.SetCellFormula(sh, cell, formula); err != nil {
				t.Fatal(err)
			}
		}
	})
	if len(cells) == 0 {
		return path
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts, err := sheetParts(zr)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		for ref, xmlText := range cells {
			sh, cell, _ := strings.Cut(ref, "!")
			if parts[sh] != zf.Name {
				continue
			}
			re := regexp.MustCompile(`<c r="` + cell + `"[^>]*?(/>|>.*?</c>)`)
			if !re.Match(b) {
				t.Fatalf("no cell %s in %s", cell, zf.Name)
			}
			b = re.ReplaceAll(b, []byte(xmlText))
		}
		w, _ := zw.Create(zf.Name)
		_, _ = w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, dir, "edited.xlsx", buf.Bytes())
}

// TestFormulaWithNoSavedValue: a formula that its writer did not calculate
// is never read as blank: it is a problem on its cell, on the row's client,
// in place of whatever the blank would have said.
func TestFormulaWithNoSavedValue(t *testing.T) {
	concern := "Clients!J2"
	t.Run("admissibility concern, as excelize writes it", func(t *testing.T) {
		wb := mustRead(t, formulaBook(t, baseSheets(), map[string]string{concern: `IF(1=1,"yes","no")`}, nil), Options{})
		c := wb.Clients[0]
		if len(c.Problems) != 1 || c.Problems[0].Cell != concern || !strings.Contains(c.Problems[0].Message.String(), `"Admissibility Concern" holds a formula with no saved value`) ||
			!strings.Contains(c.Problems[0].Message.String(), "Open the workbook in Excel or LibreOffice and save it") {
			t.Fatalf("C-001 problems %v", c.Problems)
		}
		if a := assessSample(c); a.Verdict == assess.Eligible {
			t.Errorf("a client whose admissibility is an uncalculated formula is %s", a.Verdict)
		}
	})
	t.Run("as openpyxl writes it, and cached values", func(t *testing.T) {
		path := formulaBook(t, baseSheets(), nil, map[string]string{
			concern:         `<c r="J2"><f>IF(1=1,"yes","no")</f><v></v></c>`,
			"Clients!J3":    `<c r="J3" t="str"><f>IF(1=1,"yes","no")</f><v>yes</v></c>`,
			"Clients!K2":    `<c r="K2" t="str"><f>""</f><v></v></c>`,
			"Employment!H2": `<c r="H2"><f>35+5</f><v>40</v></c>`,
		})
		wb := mustRead(t, path, Options{})
		if p := wb.Clients[0].Problems; len(p) != 1 || p[0].Cell != concern {
			t.Errorf("C-001 problems %v", p)
		}
		if n := wb.Clients[0].Notes; n != "" {
			t.Errorf("C-001 notes %q: a saved empty text is blank", n)
		}
		c2 := wb.Clients[1]
		if len(c2.Problems) != 0 || c2.Admissibility != "yes" {
			t.Errorf("C-002: problems %v, admissibility %q: a saved value is read", c2.Problems, c2.Admissibility)
		}
		if j := wb.Clients[0].Jobs; len(j) != 1 || j[0].HoursPerWeek != 40 {
			t.Errorf("C-001 jobs %+v", j)
		}
	})
	t.Run("required cells and a Client ID", func(t *testing.T) {
		wb := mustRead(t, formulaBook(t, baseSheets(), map[string]string{
			"Employment!H2": "35+5", "Employment!A3": `"C-"&"002"`, "Language Tests!C3": "TODAY()",
		}, nil), Options{})
		c1, c2 := wb.Clients[0], wb.Clients[1]
		if len(c1.Problems) != 1 || c1.Problems[0].Cell != "Employment!H2" || strings.Contains(c1.Problems[0].Message.String(), "blank") || len(c1.Jobs) != 1 || c1.Jobs[0].Entered == nil {
			t.Errorf("C-001: problems %v, jobs %+v; want the formula's problem alone and the row kept as entered", c1.Problems, c1.Jobs)
		}
		if len(c2.Problems) != 1 || c2.Problems[0].Cell != "Language Tests!C3" || len(c2.Tests) != 1 || c2.Tests[0].Entered == nil {
			t.Errorf("C-002: problems %v, tests %+v", c2.Problems, c2.Tests)
		}
		if len(wb.Problems) != 1 || wb.Problems[0].Cell != "Employment!A3" || !strings.Contains(wb.Problems[0].Message, "belongs to no client") ||
			strings.Contains(wb.Problems[0].Message, "is blank") || wb.Problems[0].Warning {
			t.Errorf("workbook problems:\n%s", problemsText(wb))
		}
	})
	t.Run("a row of formulas only is not blank", func(t *testing.T) {
		sheets := baseSheets()
		wb := mustRead(t, formulaBook(t, sheets, map[string]string{"Employment!A5": `"C-001"`, "Employment!B5": `"X"`}, nil), Options{})
		all := wb.AllProblems()
		if len(all) != 2 || all[0].Cell != "Employment!A5" || all[1].Cell != "Employment!B5" || !strings.Contains(all[0].Message, "belongs to no client") {
			t.Errorf("problems:\n%s", problemsText(wb))
		}
	})
	t.Run("a header", func(t *testing.T) {
		_, err := ReadFile(formulaBook(t, baseSheets(), map[string]string{"Employment!H1": `"Hours"`}, nil), Options{})
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "header cell Employment!H1 holds a formula with no saved value") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestAllProblemsInReadingOrder: the problems of sheets found by their
// headers come in the intake order (Clients, Employment, Language Tests,
// Study), not in the alphabetical order of their names.
func TestAllProblemsInReadingOrder(t *testing.T) {
	sheets := renamed("Employment", "Work Log")
	for i := range sheets {
		if sheets[i].name == "Language Tests" {
			sheets[i].name = "Scores"
		}
	}
	setCell(sheets, "Scores", 2, colOf(sheets, "Scores", "Test Date"), "soon")
	setCell(sheets, "Work Log", 3, colOf(sheets, "Work Log", "Start Date"), "soon")
	setCell(sheets, "Clients", 3, colOf(sheets, "Clients", "Date of Birth"), "soon")
	wb := mustRead(t, writeBook(t, t.TempDir(), "order.xlsx", sheets), Options{})
	var got []string
	for _, p := range wb.AllProblems() {
		got = append(got, p.Cell)
	}
	if want := []string{"Clients!D3", "Work Log!F3", "Scores!C2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestScanPartFindsUnsavedFormulas covers the sheet XML the writers of
// intake workbooks produce: cells and rows with or without r attributes, a
// namespace prefix, shared formulas, saved empty text and inline strings.
func TestScanPartFindsUnsavedFormulas(t *testing.T) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	cases := []struct {
		name, xml string
		want      unsavedFormulas
	}{
		{"excelize", `<worksheet ` + ns + `><sheetData><row r="2"><c r="J2" t="str"><f>1+1</f></c></row></sheetData></worksheet>`, unsavedFormulas{2: {10}}},
		{"openpyxl", `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1"><f>1+1</f><v></v></c><c r="B1"><f>2</f><v/></c></row></sheetData></worksheet>`, unsavedFormulas{1: {1, 2}}},
		{"saved values", `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>""</f><v></v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData></worksheet>`, nil},
		{"no r attributes", `<worksheet ` + ns + `><sheetData><row><c><v>1</v></c></row><row><c><v>1</v></c><c><f>A1</f></c></row></sheetData></worksheet>`, unsavedFormulas{2: {2}}},
		{"prefixed, shared", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="3"><x:c r="B3"><x:f t="shared" ref="B3:B4" si="0">A3</x:f><x:v>1</x:v></x:c></x:row><x:row r="4"><x:c r="B4"><x:f t="shared" si="0"/></x:c></x:row></x:sheetData></x:worksheet>`, unsavedFormulas{4: {2}}},
		{"inline string", `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("sheet.xml")
			_, _ = w.Write([]byte(tc.xml))
			_ = zw.Close()
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := scanPart(context.Background(), zr.File[0], sheetText{})
			if err != nil || !reflect.DeepEqual(got.unsaved, tc.want) {
				t.Errorf("scanPart = %v, %v; want %v", got.unsaved, err, tc.want)
			}
		})
	}
}
