package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

var d = assess.MustDate

func TestReadCanonicalWorkbook(t *testing.T) {
	path := writeBook(t, t.TempDir(), "intake.xlsx", baseSheets())
	wb := mustRead(t, path, DefaultOptions())
	if len(wb.Problems) != 0 {
		t.Errorf("workbook problems:\n%s", problemsText(wb))
	}
	clientCols := map[string]string{
		assess.FieldClientID: "A", assess.FieldFamilyName: "B", assess.FieldGivenNames: "C", assess.FieldDateOfBirth: "D",
		assess.FieldAppDate: "E", assess.FieldProvince: "F", assess.FieldInCanada: "G", assess.FieldStatus: "H",
		assess.FieldStatusExpiry: "I", assess.FieldAdmissibility: "J", assess.FieldNotes: "K",
	}
	jobCols := map[string]string{
		assess.FieldClientID: "A", assess.FieldEmployer: "B", assess.FieldTitle: "C", assess.FieldNOC: "D", assess.FieldTEER: "E",
		assess.FieldStart: "F", assess.FieldEnd: "G", assess.FieldHours: "H", assess.FieldLocation: "I", assess.FieldType: "J", assess.FieldAuthorization: "K",
	}
	testCols := map[string]string{
		assess.FieldClientID: "A", assess.FieldTest: "B", assess.FieldTestDate: "C",
		assess.FieldListening: "D", assess.FieldReading: "E", assess.FieldWriting: "F", assess.FieldSpeaking: "G",
	}
	studyCols := map[string]string{
		assess.FieldClientID: "A", assess.FieldInstitution: "B", assess.FieldCredential: "C", assess.FieldStart: "D", assess.FieldEnd: "E", assess.FieldFullTime: "F",
	}
	want := []*assess.Client{
		{
			Ref: assess.Ref{Sheet: "Clients", Row: 2, Cols: clientCols}, SourceFile: "intake.xlsx",
			ID: "C-001", FamilyName: "Nguyễn", GivenNames: "Thị Minh", DateOfBirth: d("1994-02-11"), ApplicationDate: d("2026-06-01"),
			Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker, StatusExpiry: d("2027-01-31"), Notes: "Referred by J. Smith",
			Jobs: []assess.Job{{
				Ref: assess.Ref{Sheet: "Employment", Row: 2, Cols: jobCols}, Employer: "Maple Software Inc.", Title: "Developer", NOC: "21231", TEER: 1,
				Start: d("2023-03-01"), HoursPerWeek: 40, Location: "Ontario", InCanada: true, Type: assess.Employee, Authorization: assess.AuthPGWP,
			}},
			Tests: []assess.Test{{
				Ref: assess.Ref{Sheet: "Language Tests", Row: 2, Cols: testCols}, Name: "CELPIP-G", Kind: assess.CELPIPGeneral, Date: d("2025-01-20"),
				Scores: [4]assess.Score{{Value: 9}, {Value: 8}, {Label: "M"}, {Value: 10}},
			}},
			Studies: []assess.Study{{
				Ref: assess.Ref{Sheet: "Study", Row: 2, Cols: studyCols}, Institution: "Seneca Polytechnic", Credential: "Graduate certificate",
				Start: d("2021-09-07"), End: d("2022-12-16"), FullTime: true,
			}},
		},
		{
			Ref: assess.Ref{Sheet: "Clients", Row: 3, Cols: clientCols}, SourceFile: "intake.xlsx",
			ID: "C-002", FamilyName: "Żółć", GivenNames: "Łukasz", DateOfBirth: d("1990-07-30"), ApplicationDate: d("2026-05-15"),
			Province: "QC", InCanada: assess.No, Admissibility: "Refused visa in 2019",
			Jobs: []assess.Job{
				{
					Ref: assess.Ref{Sheet: "Employment", Row: 3, Cols: jobCols}, Employer: "Café Bérubé", Title: "Cook", NOC: "63200", TEER: -1,
					Start: d("2022-01-10"), End: d("2024-12-31"), HoursPerWeek: 37.5, Location: "QC", InCanada: true, Type: assess.Employee, Authorization: assess.AuthEmployerSpecific,
				},
				{
					Ref: assess.Ref{Sheet: "Employment", Row: 4, Cols: jobCols}, Employer: "Gdańsk Foods", Title: "Cook", NOC: "63200", TEER: -1,
					Start: d("2019-01-01"), End: d("2021-06-30"), HoursPerWeek: 40, Location: "Poland", InCanada: false, Type: assess.Employee,
				},
			},
			Tests: []assess.Test{{
				Ref: assess.Ref{Sheet: "Language Tests", Row: 3, Cols: testCols}, Name: "TEF Canada", Kind: assess.TEFCanada, Date: d("2023-10-02"),
				Scores: [4]assess.Score{{Value: 300}, {Value: 250}, {Value: 380}, {Value: 400}},
			}},
		},
	}
	if !reflect.DeepEqual(wb.Clients, want) {
		for i := range max(len(want), len(wb.Clients)) {
			if i >= len(want) || i >= len(wb.Clients) || !reflect.DeepEqual(wb.Clients[i], want[i]) {
				var got, exp any
				if i < len(wb.Clients) {
					got = *wb.Clients[i]
				}
				if i < len(want) {
					exp = *want[i]
				}
				t.Errorf("client %d:\n got %+v\nwant %+v", i, got, exp)
			}
		}
	}
}

// TestReadDialects reads one client written in many ways: synonym sheet
// and column names, columns in another order, the header below blank rows,
// inline strings, text dates, non-breaking spaces, extra sheets and columns.
func TestReadDialects(t *testing.T) {
	nb := "\u00a0"
	sheets := []sheet{
		{"Read me", [][]any{{"This sheet is ignored"}}},
		{"applicants", [][]any{
			nil, nil,
			{"Notes", "Surname", "First Name", "FILE NO.", "Destination", "DOB (dd/mm/yyyy)", "Assessment Date", "Currently in Canada?", "Immigration Status", "Supervisor"},
			{"", " Bérubé ", "Élodie" + nb, nb + "F-77" + nb, "québec", "25/12/1989", "March 3, 2026", "Oui", "Maintained", "Jane"},
			nil, {nil}, {""},
		}},
		{"Work_History", [][]any{
			{"Hrs/Wk", "Company", "File Number", "From", "To", "NOC 2021", "Country", "Type", "Permit"},
			{"20", "Dépanneur Chez Léo", "f-77", "1 Feb 2024", "Jan 31, 2026", "65100", "Canada", "Employee", "open work permit"},
			{"25", "Épicerie Fine", "F-77", "2024/02/01", "31 January 2026", " 63200 ", "Montréal, QC", "", ""},
		}},
		{"test-scores", [][]any{
			{"Exam", "ID", "Date of Test", "L", "R", "W", "S"},
			{"tef", "F-77", "2024-05-14T00:00:00", "520", "510", "480", "470"},
		}},
		{"Education", [][]any{
			{"ID", "School", "Program", "From", "To", "FT"},
			{"F-77", "UQAM", "BAA", "2019-09-01", "2023-04-30", "non"},
		}},
	}
	path := writeBook(t, t.TempDir(), "dialect.xlsx", sheets, func(f *excelize.File) {
		_ = f.SetColVisible("applicants", "J", false)
	})
	wb := mustRead(t, path, Options{DateOrder: "DMY"})
	if len(wb.Clients) != 1 {
		t.Fatalf("got %d clients, want 1\n%s", len(wb.Clients), problemsText(wb))
	}
	c := wb.Clients[0]
	if len(c.Problems) != 0 {
		t.Errorf("client problems: %v", c.Problems)
	}
	// The unknown column is the only workbook problem, and only a warning.
	if len(wb.Problems) != 1 || !wb.Problems[0].Warning || wb.Problems[0].Cell != "applicants!J3" || !strings.Contains(wb.Problems[0].Message, `"Supervisor"`) {
		t.Errorf("workbook problems = %+v, want one warning about Supervisor at applicants!J3", wb.Problems)
	}
	if c.ID != "F-77" || c.FamilyName != "Bérubé" || c.GivenNames != "Élodie" || c.Province != "QC" || c.InCanada != assess.Yes ||
		c.Status != assess.StatusMaintained || c.DateOfBirth != d("1989-12-25") || c.ApplicationDate != d("2026-03-03") {
		t.Errorf("client = %+v", *c)
	}
	if c.Ref.Sheet != "applicants" || c.Ref.Row != 4 || c.Ref.Cell(assess.FieldClientID) != "applicants!D4" {
		t.Errorf("client ref = %+v", c.Ref)
	}
	if len(c.Jobs) != 2 {
		t.Fatalf("jobs = %+v", c.Jobs)
	}
	j0, j1 := c.Jobs[0], c.Jobs[1]
	if j0.HoursPerWeek != 20 || j0.Start != d("2024-02-01") || j0.End != d("2026-01-31") || j0.NOC != "65100" || !j0.InCanada || j0.Authorization != assess.AuthOpenPermit {
		t.Errorf("job 0 = %+v", j0)
	}
	if j1.HoursPerWeek != 25 || j1.Start != d("2024-02-01") || j1.End != d("2026-01-31") || j1.NOC != "63200" || !j1.InCanada || j1.Location != "Montréal, QC" {
		t.Errorf("job 1 = %+v", j1)
	}
	if got := j0.Ref.Cell(assess.FieldHours); got != "Work_History!A2" {
		t.Errorf("hours cell = %s", got)
	}
	if len(c.Tests) != 1 || c.Tests[0].Kind != assess.TEFCanada || c.Tests[0].Name != "tef" || c.Tests[0].Date != d("2024-05-14") || c.Tests[0].Scores[3].Value != 470 {
		t.Errorf("tests = %+v", c.Tests)
	}
	if len(c.Studies) != 1 || c.Studies[0].FullTime || c.Studies[0].Institution != "UQAM" || c.Studies[0].End != d("2023-04-30") {
		t.Errorf("studies = %+v", c.Studies)
	}
}

// TestReadInlineStrings reads a sheet written by the StreamWriter, which
// stores text as inline strings as openpyxl and other scripts do.
func TestReadInlineStrings(t *testing.T) {
	path := writeStreamBook(t, "Clients", [][]any{
		{"Client ID", "Family Name", "Given Names", "Intended Province", "Application Date"},
		{"S-1", "Παπαδόπουλος", "Γιώργος", "bc", 46000},
	})
	wb := mustRead(t, path, Options{})
	c := wb.Clients[0]
	if c.FamilyName != "Παπαδόπουλος" || c.Province != "BC" || c.ApplicationDate != d("2025-12-09") || len(c.Problems) != 0 {
		t.Errorf("client = %+v", *c)
	}
}

func zipContains(t *testing.T, path, s string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(rc)
		rc.Close()
		if strings.Contains(buf.String(), s) {
			return true
		}
	}
	return false
}

// TestRead1904DateSystem reads serials of a workbook in the 1904 date
// system (old Mac Excel; LibreOffice keeps it): the same serial is 1462
// days later than in the 1900 system.
func TestRead1904DateSystem(t *testing.T) {
	sheets := []sheet{{"Clients", [][]any{
		{"Client ID", "Family Name", "Given Names", "Intended Province", "Application Date"},
		{"M-1", "Ødegård", "Kari", "NS", dateSerial(serialOf("2026-02-02") - 1462)},
	}}}
	yes := true
	path := writeBook(t, t.TempDir(), "mac.xlsx", sheets, func(f *excelize.File) {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	})
	wb := mustRead(t, path, Options{})
	if got := wb.Clients[0].ApplicationDate; got != d("2026-02-02") {
		t.Errorf("application date = %s, want 2026-02-02", got)
	}
}

// TestSmallLimits reads a small workbook under limits smaller than
// excelize's own in-memory part size, which excelize would refuse as
// inconsistent options.
func TestSmallLimits(t *testing.T) {
	path := writeBook(t, t.TempDir(), "intake.xlsx", baseSheets())
	wb := mustRead(t, path, Options{MaxFileBytes: 1 << 20, MaxUnzipBytes: 1 << 20, MaxRows: 10})
	if len(wb.Clients) != 2 {
		t.Errorf("got %d clients", len(wb.Clients))
	}
}

func TestAbsentOptionalSheets(t *testing.T) {
	path := writeBook(t, t.TempDir(), "only-clients.xlsx", baseSheets()[:1])
	wb := mustRead(t, path, Options{})
	if len(wb.Clients) != 2 || len(wb.Clients[0].Jobs) != 0 || len(wb.Problems) != 0 {
		t.Errorf("clients = %d, problems = %v", len(wb.Clients), wb.Problems)
	}
}

// rowCase is one row-level problem of the README's intake contract: a change to baseSheets,
// and where and how it must be reported.
type rowCase struct {
	name   string
	change func([]sheet)
	opts   Options
	client string // the client that carries the problem; "" for a workbook problem
	cell   string
	words  []string // the message must contain each
	// drops says which row the problem is on: "jobs" and "tests" keep
	// the row with its cells as entered, "studies" loses it; "" for a
	// problem that leaves every row as it was.
	drops string
	// engine is set for a check of what the values mean (end before
	// start, hours out of range), which the engine makes: ingest reports
	// nothing, and the assessment has a data finding on cell with words.
	engine bool
	// more is set when the change has knock-on problems (rows of a client
	// that lost its ID become orphans).
	more bool
	// noSuggestion: the word is far from every accepted one, and the
	// message must not guess.
	noSuggestion bool
}

func set(sheetName string, row int, header string, v any) func([]sheet) {
	return func(s []sheet) { setCell(s, sheetName, row, colOf(s, sheetName, header), v) }
}

func TestRowProblems(t *testing.T) {
	cases := []rowCase{
		{name: "bad date", change: set("Employment", 2, "Start Date", "2024-13-01"), client: "C-001", cell: "Employment!F2", words: []string{"Start Date", "2024-13-01", "month 13"}, drops: "jobs"},
		{name: "not a real day", change: set("Employment", 3, "End Date", "31/02/2024"), client: "C-002", cell: "Employment!G3", words: []string{"End Date", "31/02/2024", "not a real day"}, drops: "jobs"},
		{name: "ambiguous date", change: set("Employment", 3, "Start Date", "03/04/2022"), client: "C-002", cell: "Employment!F3", words: []string{"Start Date", "03/04/2022", "ambiguous", "3 April 2022", "4 March 2022"}, drops: "jobs"},
		{name: "ambiguous date read by DMY", change: set("Employment", 3, "Start Date", "03/04/2022"), opts: Options{DateOrder: "DMY"}},
		{name: "MDY contradicted", change: set("Employment", 3, "Start Date", "25/04/2022"), opts: Options{DateOrder: "MDY"}, client: "C-002", cell: "Employment!F3", words: []string{"Start Date", "25/04/2022", "month/day/year"}, drops: "jobs"},
		{name: "two-digit year", change: set("Clients", 3, "Date of Birth", "30/07/90"), client: "C-002", cell: "Clients!D3", words: []string{"Date of Birth", "30/07/90", "four digits"}},
		{name: "end before start", change: set("Employment", 3, "End Date", "2021-12-31"), client: "C-002", cell: "Employment!G3", words: []string{"end date 2021-12-31", "before its start date 2022-01-10"}, engine: true},
		{name: "study end before start", change: set("Study", 2, "End Date", "2020-01-01"), client: "C-001", cell: "Study!E2", words: []string{"end date 2020-01-01", "before its start date 2021-09-07"}, engine: true},
		{name: "blank start date", change: set("Employment", 2, "Start Date", nil), client: "C-001", cell: "Employment!F2", words: []string{`"Start Date" is blank`}, drops: "jobs"},
		{name: "hours not a number", change: set("Employment", 2, "Hours Per Week", "full time"), client: "C-001", cell: "Employment!H2", words: []string{"Hours Per Week", `"full time"`, "not a number"}, drops: "jobs"},
		{name: "hours out of range", change: set("Employment", 2, "Hours Per Week", 200), client: "C-001", cell: "Employment!H2", words: []string{"(200)", "at most 168"}, engine: true},
		{name: "hours zero", change: set("Employment", 2, "Hours Per Week", "0"), client: "C-001", cell: "Employment!H2", words: []string{"(0)", "above 0"}, engine: true},
		{name: "unknown test", change: set("Language Tests", 3, "Test", "IELTS"), client: "C-002", cell: "Language Tests!B3", words: []string{"Test", `"IELTS"`, "IELTS General Training or IELTS Academic"}, drops: "tests"},
		{name: "test nobody knows", change: set("Language Tests", 3, "Test", "Berlitz B2"), client: "C-002", cell: "Language Tests!B3", words: []string{"Test", `"Berlitz B2"`, "not a language test"}, drops: "tests", noSuggestion: true},
		{name: "score not a number", change: set("Language Tests", 3, "Reading", "B2"), client: "C-002", cell: "Language Tests!E3", words: []string{"Reading", `"B2"`, "not a number"}, drops: "tests"},
		{name: "M on a test that is not CELPIP", change: set("Language Tests", 3, "Writing", "M"), client: "C-002", cell: "Language Tests!F3", words: []string{"Writing", `"M"`}, drops: "tests"},
		{name: "blank score", change: set("Language Tests", 2, "Speaking", nil), client: "C-001", cell: "Language Tests!G2", words: []string{`"Speaking" is blank`, "speaking score"}, drops: "tests"},
		{name: "test date unreadable", change: set("Language Tests", 2, "Test Date", "last spring"), client: "C-001", cell: "Language Tests!C2", words: []string{"Test Date", `"last spring"`}, drops: "tests"},
		{name: "orphan employment row", change: set("Employment", 3, "Client ID", "C-999"), cell: "Employment!A3", words: []string{"Client ID", `"C-999"`, "not on the Clients sheet"}, drops: "jobs"},
		{name: "orphan test row", change: set("Language Tests", 2, "Client ID", "X"), cell: "Language Tests!A2", words: []string{`"X"`, "not on the Clients sheet"}, drops: "tests"},
		{name: "orphan study row", change: set("Study", 2, "Client ID", nil), cell: "Study!A2", words: []string{`"Client ID" is blank`, "belongs to no client"}, drops: "studies"},
		{name: "client without ID", change: set("Clients", 3, "Client ID", nil), cell: "Clients!A3", words: []string{`"Client ID" is blank`}, more: true},
		{name: "duplicate client ID", change: set("Clients", 3, "Client ID", "c-001"), client: "c-001", cell: "Clients!A3", words: []string{`"c-001"`, "already used", "Clients!A2"}, more: true},
		{name: "NOC not a code", change: set("Employment", 2, "NOC", "2123A"), client: "C-001", cell: "Employment!D2", words: []string{"NOC", `"2123A"`, "not a NOC code"}, drops: "jobs"},
		{name: "NOC blank", change: set("Employment", 2, "NOC", nil), client: "C-001", cell: "Employment!D2", words: []string{`"NOC" is blank`}, drops: "jobs"},
		{name: "TEER not 0-5", change: set("Employment", 2, "TEER", 7), client: "C-001", cell: "Employment!E2", words: []string{"TEER", `"7"`}, drops: "jobs"},
		{name: "unknown province", change: set("Clients", 2, "Intended Province", "Texas"), client: "C-001", cell: "Clients!F2", words: []string{"Intended Province", `"Texas"`, "not a Canadian province"}},
		{name: "blank province", change: set("Clients", 2, "Intended Province", nil), client: "C-001", cell: "Clients!F2", words: []string{`"Intended Province" is blank`}},
		{name: "not yes or no", change: set("Clients", 2, "In Canada", "maybe"), client: "C-001", cell: "Clients!G2", words: []string{"In Canada", `"maybe"`, "not yes or no"}},
		{name: "full-time blank", change: set("Study", 2, "Full-Time", nil), client: "C-001", cell: "Study!F2", words: []string{`"Full-Time" is blank`}},
		{name: "unknown status", change: set("Clients", 2, "Status", "tourist"), client: "C-001", cell: "Clients!H2", words: []string{"Status", `"tourist"`, "not a status", "write worker, student, visitor"}},
		{name: "unknown employment type", change: set("Employment", 2, "Employment Type", "intern"), client: "C-001", cell: "Employment!J2", words: []string{"Employment Type", `"intern"`, "not an employment type", "write employee, self-employed"}, drops: "jobs"},
		{name: "unknown authorization", change: set("Employment", 2, "Work Authorization", "visa"), client: "C-001", cell: "Employment!K2", words: []string{"Work Authorization", `"visa"`, "not a work authorization", "write one of: open work permit (or OWP", "none (or visitor record"}, drops: "jobs"},
		{name: "blank family name", change: set("Clients", 3, "Family Name", " "), client: "C-002", cell: "Clients!B3", words: []string{`"Family Name" is blank`}},
		{name: "blank employer", change: set("Employment", 2, "Employer", nil), client: "C-001", cell: "Employment!B2", words: []string{`"Employer" is blank`}, drops: "jobs"},
		{name: "unknown status, near a word", change: set("Clients", 2, "Status", "refugee claimnt"), client: "C-001", cell: "Clients!H2", words: []string{`"refugee claimnt"`, `Did you mean "refugee claimant"?`}},
		{name: "unknown type, near a word", change: set("Employment", 2, "Employment Type", "self employd"), client: "C-001", cell: "Employment!J2", words: []string{`Did you mean "self-employed"?`}, drops: "jobs"},
		{name: "unknown authorization, near a word", change: set("Employment", 2, "Work Authorization", "R168(w)"), client: "C-001", cell: "Employment!K2", words: []string{`Did you mean "R186(w)"?`}, drops: "jobs"},
		{name: "unknown authorization, far from any", change: set("Employment", 2, "Work Authorization", "visa"), client: "C-001", cell: "Employment!K2", words: []string{`"visa"`}, drops: "jobs"},
		{name: "province near a name", change: set("Clients", 2, "Intended Province", "Ontaria"), client: "C-001", cell: "Clients!F2", words: []string{`Did you mean "Ontario"?`}},
		{name: "test name near a test", change: set("Language Tests", 3, "Test", "IELTS General Traning"), client: "C-002", cell: "Language Tests!B3", words: []string{`"IELTS General Traning"`, `Did you mean "IELTS General Training"?`}, drops: "tests"},
		{name: "test name near a refused test", change: set("Language Tests", 3, "Test", "TOFEL"), client: "C-002", cell: "Language Tests!B3", words: []string{`Did you mean "TOEFL"?`}, drops: "tests"},
		{name: "location unknown", change: set("Employment", 3, "Location", "Remote"), client: "C-002", cell: "Employment!I3", words: []string{"Location", `"Remote"`, "province or territory code"}, drops: "jobs"},
		{name: "location misspelt", change: set("Employment", 3, "Location", "Montreall"), client: "C-002", cell: "Employment!I3", words: []string{`Did you mean "Montréal"?`}, drops: "jobs"},
		{name: "location Canada or California", change: set("Employment", 3, "Location", "CA"), client: "C-002", cell: "Employment!I3", words: []string{"Canada or California", "province code"}, drops: "jobs"},
	}
	runRowCases(t, cases)
}

// runRowCases makes each case's change to baseSheets and checks the one
// problem it must give, on its cell and client, and what becomes of its row.
func runRowCases(t *testing.T, cases []rowCase) {
	base := mustRead(t, writeBook(t, t.TempDir(), "base.xlsx", baseSheets()), Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sheets := baseSheets()
			tc.change(sheets)
			wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), tc.opts)
			all := wb.AllProblems()
			if tc.cell == "" || tc.engine {
				if len(all) != 0 {
					t.Fatalf("want no problem from ingest, got:\n%s", problemsText(wb))
				}
			}
			if tc.cell == "" {
				return
			}
			if tc.engine {
				checkEngineFinding(t, wb, tc)
				return
			}
			if len(all) != 1 && !tc.more {
				t.Errorf("want exactly one problem, got:\n%s", problemsText(wb))
			}
			var p assess.Problem
			found := false
			if tc.client == "" {
				for _, q := range wb.Problems {
					if q.Cell == tc.cell && !q.Warning {
						p, found = assess.Problem{Cell: q.Cell, Message: assess.Plain(q.Message)}, true
					}
				}
			} else {
				for _, c := range wb.Clients {
					if c.ID != tc.client {
						continue
					}
					for _, q := range c.Problems {
						if q.Cell == tc.cell {
							p, found = q, true
						}
					}
				}
			}
			if !found {
				t.Fatalf("no problem at %s on client %q; got:\n%s", tc.cell, tc.client, problemsText(wb))
			}
			for _, w := range tc.words {
				if !strings.Contains(p.Message.String(), w) {
					t.Errorf("message %q lacks %q", p.Message, w)
				}
			}
			if tc.noSuggestion && strings.Contains(p.Message.String(), "Did you mean") {
				t.Errorf("message %q guesses at a word far from every accepted one", p.Message)
			}
			checkRowKept(t, base, wb, tc)
		})
	}
}

// checkRowKept checks what happens to the row of a row problem: a job or
// test row stays, carrying its cells as entered so the opinion can show
// it; a study row or a row of no client is left out; other rows stay.
func checkRowKept(t *testing.T, base, wb *Workbook, tc rowCase) {
	t.Helper()
	count := func(wb *Workbook, what string) int {
		n := 0
		for _, c := range wb.Clients {
			switch what {
			case "jobs":
				n += len(c.Jobs)
			case "tests":
				n += len(c.Tests)
			case "studies":
				n += len(c.Studies)
			}
		}
		return n
	}
	switch {
	case tc.drops == "studies" || (tc.drops != "" && tc.client == ""):
		if count(wb, tc.drops) != count(base, tc.drops)-1 {
			t.Errorf("%s: got %d rows, want %d (the unusable row left out)", tc.drops, count(wb, tc.drops), count(base, tc.drops)-1)
		}
	case tc.drops != "":
		if count(wb, tc.drops) != count(base, tc.drops) {
			t.Errorf("%s: got %d rows, want %d (a row with a problem is kept, as entered)", tc.drops, count(wb, tc.drops), count(base, tc.drops))
		}
		checkEntered(t, wb, tc)
	case !tc.more:
		if count(wb, "jobs") != count(base, "jobs") || count(wb, "tests") != count(base, "tests") {
			t.Errorf("a usable row was dropped")
		}
	}
}

// checkEntered checks that the job or test row of tc's cell carries its
// cells as typed, the bad cell included, and that the clean rows carry
// none.
func checkEntered(t *testing.T, wb *Workbook, tc rowCase) {
	t.Helper()
	for _, c := range wb.Clients {
		refs := map[int]assess.Ref{}
		entered := map[int]map[string]string{}
		switch tc.drops {
		case "jobs":
			for i, j := range c.Jobs {
				refs[i], entered[i] = j.Ref, j.Entered
			}
		case "tests":
			for i, x := range c.Tests {
				refs[i], entered[i] = x.Ref, x.Entered
			}
		}
		for i, ref := range refs {
			col, onRow := ref.Column(tc.cell)
			if !onRow {
				if entered[i] != nil {
					t.Errorf("%s row %d has no problem but carries Entered %v", ref.Sheet, ref.Row, entered[i])
				}
				continue
			}
			if entered[i] == nil {
				t.Fatalf("%s row %d has a problem at %s but no Entered", ref.Sheet, ref.Row, tc.cell)
			}
			var field string
			for f, l := range ref.Cols {
				if l == col {
					field = f
				}
			}
			typed := entered[i][field]
			for _, w := range tc.words {
				if strings.HasPrefix(w, `"`) && !strings.Contains(w, typed) {
					t.Errorf("Entered[%s] = %q, want the cell as typed (%s)", field, typed, w)
				}
			}
			if entered[i][assess.FieldClientID] != c.ID {
				t.Errorf("Entered lacks the row's other cells: %v", entered[i])
			}
		}
	}
}

// checkEngineFinding runs the engine on tc's client and checks that it
// reports the problem ingest left to it, on the same cell.
func checkEngineFinding(t *testing.T, wb *Workbook, tc rowCase) {
	t.Helper()
	for _, c := range wb.Clients {
		if c.ID != tc.client {
			continue
		}
		a := assess.Current().Assess(c, c.ApplicationDate)
		for _, f := range a.Findings {
			if f.Cell != tc.cell || f.Kind != assess.KindData {
				continue
			}
			for _, w := range tc.words {
				if !strings.Contains(strings.ToLower(f.Text.String()), strings.ToLower(w)) {
					t.Errorf("finding %q lacks %q", f.Text, w)
				}
			}
			return
		}
		t.Fatalf("the engine reports nothing at %s; findings: %+v", tc.cell, a.Findings)
	}
	t.Fatalf("no client %q", tc.client)
}

func TestDuplicateClientIDFlagsBoth(t *testing.T) {
	sheets := baseSheets()
	setCell(sheets, "Clients", 3, 1, "C-001")
	for row := 2; row <= 4; row++ {
		setCell(sheets, "Employment", row, 1, "C-001")
	}
	wb := mustRead(t, writeBook(t, t.TempDir(), "dup.xlsx", sheets), Options{})
	first, second := wb.Clients[0], wb.Clients[1]
	if len(first.Problems) != 1 || first.Problems[0].Cell != "Clients!A2" || !strings.Contains(first.Problems[0].Message.String(), "Clients!A3") {
		t.Errorf("first client problems = %v", first.Problems)
	}
	if len(second.Problems) != 1 || second.Problems[0].Cell != "Clients!A3" || !strings.Contains(second.Problems[0].Message.String(), "Clients!A2") {
		t.Errorf("second client problems = %v", second.Problems)
	}
	// Both clients' rows go to the first client; the second has none.
	if len(first.Jobs) != 3 || len(second.Jobs) != 0 {
		t.Errorf("jobs: first %d, second %d", len(first.Jobs), len(second.Jobs))
	}
}

func TestUnnamedColumnWarning(t *testing.T) {
	sheets := baseSheets()
	setCell(sheets, "Employment", 3, 13, "overtime")
	wb := mustRead(t, writeBook(t, t.TempDir(), "x.xlsx", sheets), Options{})
	if len(wb.Problems) != 1 || wb.Problems[0].Cell != "Employment!M1" || !wb.Problems[0].Warning || !strings.Contains(wb.Problems[0].Message, "column M has values (from row 3) but no header") {
		t.Errorf("problems = %+v", wb.Problems)
	}
	if wb.Errors() != 0 {
		t.Errorf("Errors() = %d, want 0: a warning is not an error", wb.Errors())
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{File: "intake.xlsx", Sheet: "Employment", Cell: "Employment!F7", Message: "Start Date is blank."}
	if got, want := p.String(), "intake.xlsx › Employment!F7: Start Date is blank."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	p.Warning = true
	if got := p.String(); !strings.Contains(got, "warning: ") {
		t.Errorf("warning not marked: %q", got)
	}
}

func TestFileProblems(t *testing.T) {
	dir := t.TempDir()
	good := writeBook(t, dir, "good.xlsx", baseSheets())
	goodBytes, _ := os.ReadFile(good)

	var encrypted string
	{
		f := excelize.NewFile()
		encrypted = dir + "/locked.xlsx"
		if err := f.SaveAs(encrypted, excelize.Options{Password: "secret"}); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	ole := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	xls := append(append([]byte{}, ole...), utf16le("Workbook")...)
	odsBuf := new(bytes.Buffer)
	{
		zw := zip.NewWriter(odsBuf)
		w, _ := zw.Create("mimetype")
		_, _ = w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
		w, _ = zw.Create("content.xml")
		_, _ = w.Write([]byte("<office:document-content/>"))
		zw.Close()
	}
	manyParts := new(bytes.Buffer)
	{
		zw := zip.NewWriter(manyParts)
		for i := range maxZipEntries + 1 {
			if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("x/%d", i), Method: zip.Store}); err != nil {
				t.Fatal(err)
			}
		}
		zw.Close()
	}
	// The Employment sheet cut short, then garbled, inside an intact zip:
	// excelize's iterator would stop there without an error.
	rezip := func(name, part string, edit func([]byte) []byte) string {
		zr, err := zip.NewReader(bytes.NewReader(goodBytes), int64(len(goodBytes)))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			_, _ = b.ReadFrom(rc)
			rc.Close()
			data := b.Bytes()
			if f.Name == part {
				data = edit(data)
			}
			w, _ := zw.Create(f.Name)
			_, _ = w.Write(data)
		}
		zw.Close()
		return writeRaw(t, dir, name, buf.Bytes())
	}
	cutSheet := rezip("cut-sheet.xlsx", "xl/worksheets/sheet2.xml", func(b []byte) []byte { return b[:bytes.Index(b, []byte(`<row r="3"`))+12] })
	cutStrings := rezip("cut-strings.xlsx", "xl/sharedStrings.xml", func(b []byte) []byte { return b[:len(b)/2] })
	garbled := rezip("garbled-sheet.xlsx", "xl/worksheets/sheet2.xml", func(b []byte) []byte {
		i := bytes.Index(b, []byte(`<row r="3"`))
		return append(append(append([]byte{}, b[:i]...), "<row r=\"3\"><c r=\"A3\" <<"...), b[i:]...)
	})
	noClients := baseSheets()[1:]
	noHours := baseSheets()
	noHours[1].rows[0][colOf(noHours, "Employment", "Hours Per Week")-1] = "Remarks"
	onlyHeader := baseSheets()[:1]
	onlyHeader[0].rows = onlyHeader[0].rows[:1]
	emptyClients := []sheet{{"Clients", nil}}

	cases := []struct {
		name  string
		path  string
		opts  Options
		words []string
	}{
		{"empty file", writeRaw(t, dir, "empty.xlsx", nil), Options{}, []string{"empty (0 bytes)"}},
		{"not a workbook", writeRaw(t, dir, "noise.xlsx", []byte{0, 1, 2, 3, 250, 251, 252, 0, 9}), Options{}, []string{"not an Excel workbook"}},
		{"csv renamed", writeRaw(t, dir, "clients.xlsx", []byte("Client ID,Family Name\nC-1,Tremblay\n")), Options{}, []string{"plain text", "CSV", "save it as an Excel Workbook (.xlsx)"}},
		{"html export", writeRaw(t, dir, "export.xlsx", []byte("<html><body><table><tr><td>1</td></tr></table></body></html>")), Options{}, []string{"web page"}},
		{"old xls", writeRaw(t, dir, "old.xlsx", xls), Options{}, []string{"Excel 97-2003", ".xls", "save it as an Excel Workbook"}},
		{"OLE2 of unknown kind", writeRaw(t, dir, "ole.xlsx", ole), Options{}, []string{"Excel 97-2003 workbook (.xls) or a password-protected workbook"}},
		{"password-protected", encrypted, Options{}, []string{"protected with a password", "remove the password"}},
		{"truncated", writeRaw(t, dir, "cut.xlsx", goodBytes[:len(goodBytes)/2]), Options{}, []string{"damaged or was not copied completely"}},
		{"sheet cut short", cutSheet, Options{}, []string{"Employment sheet is damaged", "breaks off"}},
		{"shared strings cut short", cutStrings, Options{}, []string{"is damaged"}},
		{"sheet garbled", garbled, Options{}, []string{"Employment sheet is damaged"}},
		{"too many parts", writeRaw(t, dir, "parts.xlsx", manyParts.Bytes()), Options{}, []string{"made of 10001 parts"}},
		{"ods", writeRaw(t, dir, "sheet.xlsx", odsBuf.Bytes()), Options{}, []string{"OpenDocument"}},
		{"missing Clients sheet", writeBook(t, dir, "noclients.xlsx", noClients), Options{}, []string{"no Clients sheet", `"Employment"`}},
		{"empty Clients sheet", writeBook(t, dir, "emptyclients.xlsx", emptyClients), Options{}, []string{"Clients sheet is empty"}},
		{"no clients", writeBook(t, dir, "header-only.xlsx", onlyHeader), Options{}, []string{"Clients sheet has no clients"}},
		{"missing required column", writeBook(t, dir, "nohours.xlsx", noHours), Options{}, []string{"Employment sheet lacks a required column", `"Hours Per Week"`, `"Hrs/Wk"`}},
		{"over the file size", good, Options{MaxFileBytes: 1000}, []string{"over the limit of 1 MB"}},
		{"over the unpacked size", good, Options{MaxUnzipBytes: 5000}, []string{"unpacks to more than", "over the limit"}},
		{"over the rows", good, Options{MaxRows: 3}, []string{"Employment sheet has more than 3 rows"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wb, err := ReadFile(tc.path, tc.opts)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got workbook %v, error %v; want a *FileError", wb, err)
			}
			if fe.File != strings.TrimPrefix(tc.path, dir+"/") {
				t.Errorf("File = %q", fe.File)
			}
			if fe.panicStack != "" {
				t.Errorf("reading panicked: %s", fe.panicStack)
			}
			for _, w := range tc.words {
				if !strings.Contains(fe.Error(), w) {
					t.Errorf("error %q lacks %q", fe.Error(), w)
				}
			}
		})
	}
}

func TestReadFileIOErrorIsNotAFileError(t *testing.T) {
	_, err := ReadFile(t.TempDir()+"/missing.xlsx", Options{})
	var fe *FileError
	if err == nil || errors.As(err, &fe) {
		t.Errorf("err = %v, want a plain I/O error", err)
	}
	if _, err := ReadFile("x.xlsx", Options{DateOrder: "YMD"}); err == nil || !strings.Contains(err.Error(), "YMD") {
		t.Errorf("bad date order: err = %v", err)
	}
}

func TestRunIDs(t *testing.T) {
	ids := NewRunIDs()
	mk := func(file, id string, row int) *assess.Client {
		return &assess.Client{ID: id, SourceFile: file, Ref: assess.Ref{Sheet: "Clients", Row: row, Cols: map[string]string{assess.FieldClientID: "A"}}}
	}
	a := mk("week1.xlsx", "C-1", 2)
	if !ids.Claim(a) || len(a.Problems) != 0 {
		t.Fatalf("first claim refused: %v", a.Problems)
	}
	// The same workbook claiming again is ReadFile's business, not a conflict.
	if !ids.Claim(mk("week1.xlsx", "C-1", 5)) {
		t.Error("same-file claim refused")
	}
	b := mk("week2.xlsx", " c-1 ", 7)
	if ids.Claim(b) {
		t.Fatal("duplicate across workbooks accepted")
	}
	if len(b.Problems) != 1 || b.Problems[0].Cell != "Clients!A7" || !strings.Contains(b.Problems[0].Message.String(), "week1.xlsx (Clients!A2)") {
		t.Errorf("problem = %+v", b.Problems)
	}

	// Concurrent claims of one ID: exactly one wins.
	ids = NewRunIDs()
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ids.Claim(mk(string(rune('a'+i))+".xlsx", "SAME", 2)) {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d winners, want 1", wins)
	}
}

// TestAdmissibilityConcern follows the README's intake contract: no,
// none, n, N/A, nil, -, none known, nothing known or blank (any case) is no
// concern; a yes word is the concern "yes"; any other text is the concern
// as written.
func TestAdmissibilityConcern(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{nil, ""}, {"no", ""}, {"None", ""}, {"N", ""}, {"non", ""},
		{"N/A", ""}, {"n/a", ""}, {"nil", ""}, {"NIL", ""}, {"-", ""}, {" - ", ""}, {"none known", ""}, {"None  Known", ""},
		{"nothing known", ""}, {"NOTHING KNOWN", ""},
		{"none known to us, but a 2019 refusal", "none known to us, but a 2019 refusal"}, {"--", "--"},
		{"Yes", "yes"}, {"y", "yes"}, {"Oui", "yes"}, {"X", "yes"},
		{"Refused visa in 2019", "Refused visa in 2019"}, {"maybe", "maybe"},
	} {
		sheets := baseSheets()
		set("Clients", 2, "Admissibility Concern", tc.in)(sheets)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		if got := wb.Clients[0].Admissibility; got != tc.want {
			t.Errorf("Admissibility Concern %v read as %q, want %q", tc.in, got, tc.want)
		}
	}
}
