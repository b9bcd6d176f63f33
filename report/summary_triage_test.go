package report

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// triageClient is an assessment with only what the Summary sorts by.
func triageClient(id string, v assess.Verdict, from, until string) *assess.Assessment {
	a := &assess.Assessment{
		Client:  &assess.Client{ID: id, FamilyName: "F", GivenNames: "G", SourceFile: "in.xlsx"},
		Verdict: v, AssessedOn: fxAsOf, FromAsOf: true, LanguageCLB: -1,
	}
	if from != "" {
		a.EligibleFrom = assess.MustDate(from)
	}
	if until != "" {
		a.EligibleUntil = assess.MustDate(until)
	}
	return a
}

// writeTriage writes the clients, in the order given, and returns the
// saved workbook, opened.
func writeTriage(t *testing.T, clients []*assess.Assessment) *excelize.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range clients {
		if err := s.AddClient(a, nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(RunInfo{AsOf: fxAsOf}); err != nil {
		t.Fatal(err)
	}
	return openSummary(t, path)
}

// summaryIDs reads the Summary's client IDs top to bottom, with their
// verdicts.
func summaryIDs(t *testing.T, f *excelize.File) []string {
	t.Helper()
	rows, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, row := range rows[summaryHeaderRow:] {
		ids = append(ids, row[0]+" "+row[3])
	}
	return ids
}

// TestSummaryOrder: the clients come needs review first, then eligible,
// then not eligible; within a verdict the most urgent date first (apply-by
// for eligible clients, eligible-from for the others), no date last, then
// client ID; whatever order they arrived in.
func TestSummaryOrder(t *testing.T) {
	const (
		ok  = assess.Eligible
		no  = assess.NotEligible
		rev = assess.NeedsReview
	)
	clients := []*assess.Assessment{
		triageClient("N-none-B", no, "", ""),
		triageClient("E-late", ok, "2026-11-20", "2028-01-01"),
		triageClient("R-none", rev, "", ""),
		triageClient("N-2027", no, "2027-05-01", ""),
		triageClient("E-soon", ok, "2026-11-20", "2026-12-15"),
		triageClient("R-2026", rev, "2026-12-01", ""),
		triageClient("N-none-A", no, "", ""),
		// An eligible client's eligible-from does not order it: its
		// apply-by does. E-nodate has none (no lapse found): last.
		triageClient("E-nodate", ok, "2026-11-20", ""),
		triageClient("E-mid", ok, "2020-01-01", "2027-03-01"),
		triageClient("R-2027", rev, "2027-01-10", ""),
		// A not-eligible client's apply-by (should one be set) is ignored.
		triageClient("N-2026", no, "2026-12-24", "2026-12-01"),
		// Same date: by client ID.
		triageClient("R-2027-b", rev, "2027-01-10", ""),
		triageClient("R-2027-a", rev, "2027-01-10", ""),
	}
	want := []string{
		"R-2026 Needs review", "R-2027 Needs review", "R-2027-a Needs review", "R-2027-b Needs review", "R-none Needs review",
		"E-soon Eligible", "E-mid Eligible", "E-late Eligible", "E-nodate Eligible",
		"N-2026 Not eligible", "N-2027 Not eligible", "N-none-A Not eligible", "N-none-B Not eligible",
	}
	f := writeTriage(t, clients)
	if got := summaryIDs(t, f); !slices.Equal(got, want) {
		t.Errorf("Summary order:\n got %q\nwant %q", got, want)
	}
	// The order is the same whatever the arrival order.
	slices.Reverse(clients)
	if got := summaryIDs(t, writeTriage(t, clients)); !slices.Equal(got, want) {
		t.Errorf("Summary order, clients reversed:\n got %q\nwant %q", got, want)
	}
	// The counts above the header: needs review, eligible, not eligible,
	// total, as numbers.
	for _, c := range []struct {
		row   int
		label string
		count int
	}{{1, "Needs review", 5}, {2, "Eligible", 4}, {3, "Not eligible", 4}, {4, "Total", 13}} {
		label, _ := f.GetCellValue(SheetSummary, fmt.Sprintf("A%d", c.row))
		count, _ := f.GetCellValue(SheetSummary, fmt.Sprintf("D%d", c.row), excelize.Options{RawCellValue: true})
		if label != c.label || count != fmt.Sprint(c.count) {
			t.Errorf("count row %d = %q %q, want %q %d", c.row, label, count, c.label, c.count)
		}
	}
	// The rows carry their own data after sorting, not a neighbour's.
	rows, _ := f.GetRows(SheetSummary)
	from, apply := summaryColumnIndex("Eligible from"), summaryColumnIndex("Apply by (eligible until)")
	for _, row := range rows[summaryHeaderRow:] {
		switch row[0] {
		case "E-soon":
			if row[apply] != "2026-12-15" {
				t.Errorf("E-soon's apply-by = %q", row[apply])
			}
		case "N-2026":
			if row[apply] != "" || row[from] != "2026-12-24" {
				t.Errorf("N-2026's dates = %q %q", row[from], row[apply])
			}
		}
	}
}

func TestSummaryEmpty(t *testing.T) {
	f := writeTriage(t, nil)
	if ids := summaryIDs(t, f); len(ids) != 0 {
		t.Errorf("no clients, rows %q", ids)
	}
	if v, _ := f.GetCellValue(SheetSummary, "D4"); v != "0" {
		t.Errorf("total of no clients = %q", v)
	}
	if dvs, _ := f.GetDataValidations(SheetSummary); len(dvs) != 1 {
		t.Errorf("no clients: %d data validations, want the drop-down on the first row", len(dvs))
	}
}

// TestSummaryProblemsSheet: every file problem and warning, and every
// rejected file, is a row with its file, sheet, cell, kind, what is wrong
// and what to do.
func TestSummaryProblemsSheet(t *testing.T) {
	f := openSummary(t, writeFixtureSummary(t))
	rows, err := f.GetRows(SheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"File", "Sheet", "Cell", "Client ID", "Kind", "Problem", "What to do"},
		// The clients' data problems come with the clients, before the
		// file's own.
		{"walk-ins.xlsx", "Employment", "G7", "C-1003", "Client data", "End date 2023-05-01 is before the start date 2024-05-01.",
			"Correct the cell and put the workbook in the inbox again."},
		{"intake-2026-11.xlsx", "Employment", "A12", "", "Error",
			`Client ID "C-9999" is not on the Clients sheet, so this row belongs to no client and was not assessed.`,
			"Correct the ID or add the client to the Clients sheet."},
		{"intake-2026-11.xlsx", "Employment", "M1", "", "Warning",
			`The column "Notes; misc. stuff" is not one cecbatch reads, so it was ignored.`,
			"If it holds intake data, rename it to one of the names in the template."},
		{"old-format.xls", "", "", "", "File rejected", "This is an old .xls workbook.", "Open it in Excel and save it as .xlsx."},
	}
	if len(rows) != len(want) {
		t.Fatalf("Problems has %d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		for len(rows[i]) < len(want[i]) {
			rows[i] = append(rows[i], "")
		}
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("Problems row %d:\n got %q\nwant %q", i+1, rows[i], want[i])
		}
	}
	note, _ := f.GetCellValue(SheetSummary, "E6")
	if !strings.Contains(note, "4, on the Problems sheet") {
		t.Errorf("the Summary's note on problems = %q", note)
	}
}

func TestSplitAdvice(t *testing.T) {
	tests := []struct{ msg, problem, advice string }{
		{`Client ID "C-9" is not on the Clients sheet, so this row was not assessed; correct the ID.`,
			`Client ID "C-9" is not on the Clients sheet, so this row was not assessed.`, "correct the ID."},
		// Separators inside quotes or brackets are the workbook's, not the message's.
		{`the column "a; b. c" is not read. Rename it.`, `the column "a; b. c" is not read.`, "Rename it."},
		{`the sheet "say \"x; y\"" was ignored; delete it.`, `the sheet "say \"x; y\"" was ignored.`, "delete it."},
		{"The workbook has no Clients sheet (its sheets are: A. B; C). Name one Clients.",
			"The workbook has no Clients sheet (its sheets are: A. B; C).", "Name one Clients."},
		// The first separator splits; later ones belong to the advice.
		{"The file is 12.5 MB, over the limit of 10 MB. Split it; or raise the limit.",
			"The file is 12.5 MB, over the limit of 10 MB.", "Split it; or raise the limit."},
		// An abbreviation's full stop ends no sentence: the example stays
		// with the problem it illustrates.
		{`"Date of Birth" "1/9/1990" was read as 1 September 1990 (day/month), as the other dates of this column are, e.g. D3 14/08/1994; if it is 9 January 1990, type it as 1990-01-09.`,
			`"Date of Birth" "1/9/1990" was read as 1 September 1990 (day/month), as the other dates of this column are, e.g. D3 14/08/1994.`,
			"if it is 9 January 1990, type it as 1990-01-09."},
		{"One clause only.", "One clause only.", ""},
		{"no full stop", "no full stop", ""},
		{"  trailing space; ", "trailing space;", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		p, a := splitAdvice(tt.msg)
		if p != tt.problem || a != tt.advice {
			t.Errorf("splitAdvice(%q) = %q, %q; want %q, %q", tt.msg, p, a, tt.problem, tt.advice)
		}
	}
}

// FuzzSplitAdvice: the two parts are the message, in order, whatever it
// holds (it comes from the engine, but quotes the workbook).
func FuzzSplitAdvice(f *testing.F) {
	for _, s := range []string{`a "b; c" d; e`, "x. y", `"unclosed; x`, `\"; x`, "(a. b) c. d", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		p, a := splitAdvice(msg)
		trimmed := strings.TrimSpace(msg)
		if a == "" {
			if p != trimmed {
				t.Fatalf("no advice, problem %q != message %q", p, trimmed)
			}
			return
		}
		if !strings.HasPrefix(trimmed, strings.TrimSuffix(p, ".")) || !strings.HasSuffix(trimmed, a) {
			t.Fatalf("splitAdvice(%q) = %q, %q: not the message's parts", msg, p, a)
		}
	})
}

func TestSummaryDecisionDropDown(t *testing.T) {
	f := openSummary(t, writeFixtureSummary(t))
	dvs, err := f.GetDataValidations(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	col := sCol(t, "Lawyer decision")
	want := fmt.Sprintf("%s%d:%s%d", col, summaryFirstClientRow, col, summaryFirstClientRow+2)
	if len(dvs) != 1 {
		t.Fatalf("%d data validations on Summary, want 1", len(dvs))
	}
	dv := dvs[0]
	if dv.Sqref != want || dv.Type != "list" || dv.Formula1 != `"approved,changes needed,declined"` {
		t.Errorf("drop-down = range %q type %q list %q; want %s, list, approved/changes needed/declined", dv.Sqref, dv.Type, dv.Formula1, want)
	}
	if !dv.AllowBlank || !dv.ShowErrorMessage {
		t.Errorf("drop-down allows blank %v, shows error %v; want both", dv.AllowBlank, dv.ShowErrorMessage)
	}
	if h, _ := f.GetCellValue(SheetSummary, sRef(t, "Lawyer notes", summaryHeaderRow)); h != "Lawyer notes" {
		t.Errorf("no Lawyer notes column: %q", h)
	}
}

func TestSummaryPrintSettings(t *testing.T) {
	f := openSummary(t, writeFixtureSummary(t))
	titles, areas := map[string]string{}, map[string]string{}
	for _, n := range f.GetDefinedName() {
		switch n.Name {
		case "_xlnm.Print_Titles":
			titles[n.Scope] = n.RefersTo
		case "_xlnm.Print_Area":
			areas[n.Scope] = n.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		header := 1
		if sheet == SheetSummary {
			header = summaryHeaderRow
		}
		if want := fmt.Sprintf("'%s'!$%d:$%d", sheet, header, header); titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q (the header on every page)", sheet, titles[sheet], want)
		}
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 ||
			layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: page layout orientation %v, fit %v wide × %v tall; want landscape, 1 × any",
				sheet, deref(layout.Orientation), deref(layout.FitToWidth), deref(layout.FitToHeight))
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off (%v)", sheet, err)
		}
		margins, err := f.GetPageMargins(sheet)
		if err != nil || margins.Left == nil || math.Abs(*margins.Left-0.3) > 1e-9 {
			t.Errorf("%s: margins %+v %v", sheet, margins, err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || !strings.Contains(hf.OddFooter, "Page &P of &N") {
			t.Errorf("%s: footer %q %v, want page numbers", sheet, hf.OddFooter, err)
		}
	}
	// On paper the Summary shows the triage columns, up to the lawyer's.
	last := sCol(t, "Lawyer notes")
	if want := fmt.Sprintf("'Summary'!$A$1:$%s$%d", last, summaryHeaderRow+3); areas[SheetSummary] != want {
		t.Errorf("Summary print area %q, want %q", areas[SheetSummary], want)
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestSummaryDateBasis(t *testing.T) {
	s := &Summary{asOf: fxAsOf}
	app := func(date string) *assess.Assessment {
		return &assess.Assessment{AssessedOn: assess.MustDate(date)}
	}
	tests := []struct {
		a     *assess.Assessment
		basis string
		stale bool
	}{
		{&assess.Assessment{AssessedOn: fxAsOf, FromAsOf: true}, "the run's as-of date", false},
		{app("2026-11-20"), "application date, the run's as-of date", false},
		{app("2026-11-19"), "application date, 1 day before this run", false},
		{app("2026-10-21"), "application date, 30 days before this run", false},
		{app("2026-10-20"), "application date, 31 days before this run", true},
		{app("2026-06-08"), "application date, 165 days before this run", true},
		{app("2026-11-21"), "application date, 1 day after this run", false},
		{app("2027-01-01"), "application date, 42 days after this run", false},
		{&assess.Assessment{}, "", false},
	}
	for _, tt := range tests {
		basis, stale := s.dateBasis(tt.a)
		if basis != tt.basis || stale != tt.stale {
			t.Errorf("dateBasis(%s) = %q, %v; want %q, %v", tt.a.AssessedOn, basis, stale, tt.basis, tt.stale)
		}
	}
	if basis, _ := (&Summary{}).dateBasis(app("2026-06-08")); basis != "application date" {
		t.Errorf("no run date: %q", basis)
	}
}

// TestSummaryStaleDate: an Application Date far before the run shows on
// the Summary, in the warning style.
func TestSummaryStaleDate(t *testing.T) {
	a := triageClient("OLD", assess.Eligible, "2026-06-08", "2026-09-01")
	a.FromAsOf, a.AssessedOn = false, assess.MustDate("2026-06-08")
	f := writeTriage(t, []*assess.Assessment{a, triageClient("NOW", assess.Eligible, "2026-11-20", "2027-01-01")})
	ref := sRef(t, "Date basis", summaryFirstClientRow)
	if v, _ := f.GetCellValue(SheetSummary, ref); v != "application date, 165 days before this run" {
		t.Errorf("date basis = %q", v)
	}
	if v, _ := f.GetCellValue(SheetSummary, sRef(t, "Assessed as of", summaryFirstClientRow)); v != "2026-06-08" {
		t.Errorf("assessed as of = %q", v)
	}
	stale, _ := f.GetCellStyle(SheetSummary, ref)
	plain, _ := f.GetCellStyle(SheetSummary, sRef(t, "Date basis", summaryFirstClientRow+1))
	if st, _ := f.GetStyle(stale); stale == plain || st == nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("a stale date basis is not set apart (style %d, the current one %d)", stale, plain)
	}
}

func TestWrappedLines(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"exactly ten", 11, 1},
		{"two words", 5, 2},
		{"a\nb\nc", 10, 3},
		{"averyveryverylongword", 10, 3},
		{"one two three four five six", 10, 3},
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.text, tt.width); got != tt.want {
			t.Errorf("wrappedLines(%q, %d) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

// TestRowSpool: every kind of cell comes back as it went in, one row at a
// time from its offset.
func TestRowSpool(t *testing.T) {
	sp, err := newRowSpool(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer sp.discard()
	when := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	rows := [][]any{
		{excelize.Cell{StyleID: 3, Value: "=1+1"}, nil, excelize.Cell{StyleID: 4, Value: 1560.5}, excelize.Cell{Value: -7}},
		{excelize.Cell{StyleID: 5, Value: when}, excelize.Cell{Value: 83 * time.Second}, excelize.Cell{StyleID: 9}},
		{excelize.Cell{StyleID: 2, Formula: `HYPERLINK("a","b")`, Value: "b"}, excelize.Cell{Value: strings.Repeat("Żółć ", 500)}},
		{},
	}
	var refs []spoolRef
	for _, r := range rows {
		ref, err := sp.add(r)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, ref)
	}
	if _, err := sp.add([]any{excelize.Cell{Value: struct{}{}}}); err == nil {
		t.Error("a value of an unknown type was spooled")
	}
	check := func(how string, i int, got []any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(rows[i]) {
			t.Errorf("%s row %d = %v, want %v", how, i, got, rows[i])
		}
	}
	if err := sp.flush(); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{2, 0, 3, 1} {
		got, err := sp.readAt(refs[i], nil)
		if err != nil {
			t.Fatal(err)
		}
		check("readAt", i, got)
	}
}

// TestSummaryClientDataProblems: a client's data errors reach Problems
// once each, whether the engine found them (a DATA finding) or only ingest
// did (a problem no finding reports).
func TestSummaryClientDataProblems(t *testing.T) {
	a := triageClient("C-7", assess.NeedsReview, "", "")
	a.Client.SourceFile = "week.xlsx"
	a.Findings = []assess.Finding{
		{Code: assess.CodeData, Kind: assess.KindData, Cell: "Language Tests!E3", Text: assess.Untranslated("The reading score 13 is outside the scale of 1 to 12; correct the score.")},
		{Code: "W-HOURS", Kind: assess.KindFailure, Text: assess.Untranslated("Not enough hours.")},
	}
	a.Client.Problems = []assess.Problem{
		{Cell: "Language Tests!E3", Message: assess.Untranslated("The reading score 13 is outside the scale of 1 to 12; correct the score.")},
		{Cell: "Employment!G9", Message: assess.Untranslated("End Date \"31/06/2025\" is not a real day.")},
	}
	f := writeTriage(t, []*assess.Assessment{a})
	rows, err := f.GetRows(SheetProblems)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"week.xlsx", "Language Tests", "E3", "C-7", "Client data", "The reading score 13 is outside the scale of 1 to 12.", "Correct the score."},
		{"week.xlsx", "Employment", "G9", "C-7", "Client data", "End Date \"31/06/2025\" is not a real day.", problemDefaultAdvice[problemClientData]},
	}
	if len(rows) != 1+len(want) {
		t.Fatalf("Problems rows = %q", rows)
	}
	for i, w := range want {
		if !slices.Equal(rows[i+1], w) {
			t.Errorf("Problems row %d:\n got %q\nwant %q", i+2, rows[i+1], w)
		}
	}
}

// TestSummaryMainReason: the Main reason column is what is wrong, on one
// line; a data error's advice is on Problems and the other reasons in All
// reasons, whose count the column gives.
func TestSummaryMainReason(t *testing.T) {
	tests := []struct {
		reasons []string
		want    string
	}{
		{nil, ""},
		{[]string{"W-HOURS: 1,317.8 qualifying hours; 1,560 are required"},
			"W-HOURS: 1,317.8 qualifying hours; 1,560 are required"},
		{[]string{"W-HOURS: 1,317.8 qualifying hours in the window; 1,560 are required"},
			"W-HOURS: 1,317.8 qualifying hours in the window; 1,560 are…"},
		{[]string{`DATA: "Intended Province" "Ontaro" is not a Canadian province or territory; write its name or 2-letter code, for example ON or Ontario. Did you mean "Ontario"?`},
			`DATA: "Intended Province" "Ontaro" is not a Canadian…`},
		{[]string{`DATA: "Status" "wroker" is not a status cecbatch knows; write worker, student, visitor, maintained, refugee claimant or none`,
			`DATA: "Employment Type" "employe" is not an employment type cecbatch knows; write employee`},
			`DATA: "Status" "wroker" is not a status cecbatch knows (+1)`},
		{[]string{"Apply by 2027-06-09: the IELTS General Training of 2025-06-10 expires on 2027-06-09", "W-SELF: a", "W-CANADA: b"},
			"Apply by 2027-06-09: the IELTS General Training of… (+2)"},
		// A long finding: its first sentence, cut at a word to one line.
		{[]string{"L-MIXED: Experience in both TEER groups (TEER 0/1 1,950.0 h, TEER 2/3 1,148.6 h) and the three readings of the language threshold disagree. The lawyer decides."},
			"L-MIXED: Experience in both TEER groups (TEER 0/1 1,950.0…"},
	}
	for _, tt := range tests {
		if got := summaryMainReason(tt.reasons); got != tt.want {
			t.Errorf("summaryMainReason(%q)\n = %q\nwant %q", tt.reasons, got, tt.want)
		}
	}
}
