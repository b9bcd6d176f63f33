package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

func writeTemplate(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The template as written holds no client: its worked example is on a
// sheet that is never read, so a blank template dropped in the inbox reads
// as nobody to assess, with a note that says so (any other workbook with
// no client is rejected); with one client typed on the Clients sheet it
// reads as that client alone, with no note about the example's sheet.
func TestTemplateHoldsNoClient(t *testing.T) {
	path := writeRaw(t, t.TempDir(), "template.xlsx", writeTemplate(t))
	wb := mustRead(t, path, Options{})
	if len(wb.Clients) != 0 || wb.Errors() != 0 || len(wb.Problems) != 1 {
		t.Fatalf("a blank template: %d clients and\n%s", len(wb.Clients), problemsText(wb))
	}
	if p := wb.Problems[0]; !p.Warning || p.Cell != exampleSheet+"!A1" || !strings.Contains(p.Message, "only the template's worked example") {
		t.Errorf("the note is %+v", p)
	}
	// The example's sheet is known by its name and its title together: a
	// sheet of that name that a paralegal filled in is no template.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(exampleSheet, "A1", "My notes"); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.xlsx")
	if err := f.SaveAs(other); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(other, Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "has no clients") {
		t.Errorf("a workbook with no client and no template's example: %v, want it rejected", err)
	}
	typeOneClient(t, path)
	wb = mustRead(t, path, Options{})
	if len(wb.Clients) != 1 || wb.Clients[0].ID != "C-1" || len(wb.AllProblems()) != 0 {
		t.Errorf("clients %d, problems:\n%s", len(wb.Clients), problemsText(wb))
	}
}

// A real client is never taken for the example: the row is the example
// only while both its Client ID and its Family Name are the template's.
func TestTemplateExampleRule(t *testing.T) {
	cases := []struct {
		id, family string
		example    bool
	}{
		{templateExampleID, templateExampleFamily, true},
		{" example-skipped ", "EXAMPLE", true},
		{templateExampleID, "Nguyễn", false},
		{"C-001", templateExampleFamily, false},
		{"EXAMPLE", templateExampleFamily, false},
		{"EX-001", templateExampleFamily, false},
	}
	for _, tc := range cases {
		if got := isTemplateExample(tc.id, tc.family); got != tc.example {
			t.Errorf("isTemplateExample(%q, %q) = %v, want %v", tc.id, tc.family, got, tc.example)
		}
	}
	// In a workbook: the example is skipped with its detail rows; a real
	// client beside it is read with its own.
	sheets := baseSheets()
	sheets[0].rows = append(sheets[0].rows, []any{templateExampleID, templateExampleFamily, "Maria", nil, nil, "ON"})
	sheets[1].rows = append(sheets[1].rows, []any{templateExampleID, "Maple", "Dev", "21231", nil, "2023-01-01", nil, 40})
	wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
	if len(wb.Clients) != 2 || wb.Errors() != 0 || len(wb.Problems) != 1 || !wb.Problems[0].Warning {
		t.Errorf("clients = %d, problems:\n%s", len(wb.Clients), problemsText(wb))
	}
	// A client typed over the example, keeping its ID, is a client; its
	// ID is flagged, since rows with it may be the example's.
	sheets = baseSheets()
	sheets[0].rows = append(sheets[0].rows, []any{templateExampleID, "Ng", "Minh", nil, nil, "ON"})
	sheets[1].rows = append(sheets[1].rows, []any{templateExampleID, "Maple", "Dev", "21231", nil, "2023-01-01", nil, 40})
	wb = mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
	if len(wb.Clients) != 3 || len(wb.Problems) != 0 {
		t.Fatalf("clients = %d, problems:\n%s", len(wb.Clients), problemsText(wb))
	}
	if c := wb.Clients[2]; len(c.Jobs) != 1 || len(c.Problems) != 1 || c.Problems[0].Cell != "Clients!A4" || !strings.Contains(c.Problems[0].Message.String(), "worked example") {
		t.Errorf("the client with the example's ID: %d jobs, problems %+v", len(c.Jobs), c.Problems)
	}
}

// exampleSheetRows returns the worked example's header and value rows of
// each intake sheet, as the template's example sheet shows them.
func exampleSheetRows(t *testing.T, f *excelize.File) map[string][2][]string {
	t.Helper()
	rows, err := f.GetRows(exampleSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2][]string{}
	for i, r := range rows {
		for _, spec := range sheetSpecs {
			if len(r) > 0 && strings.HasPrefix(r[0], spec.name+" sheet:") && i+2 < len(rows) {
				out[spec.name] = [2][]string{rows[i+1], rows[i+2]}
			}
		}
	}
	if len(out) != len(sheetSpecs) {
		t.Fatalf("the example sheet shows %d intake sheets, want %d: %v", len(out), len(sheetSpecs), rows)
	}
	return out
}

// TestTemplateExampleReadsBack: the worked example, copied from its sheet
// to the intake sheets under another Client ID as a hurried paralegal
// would, reads back as the client the template shows, every column
// included (it is a correct example); and every cell that keeps one of its
// values is a problem saying so, so the copy is never taken for a client.
func TestTemplateExampleReadsBack(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeTemplate(t)))
	if err != nil {
		t.Fatal(err)
	}
	for sheet, rows := range exampleSheetRows(t, f) {
		for i, h := range rows[0] {
			cur, _ := f.GetCellValue(sheet, fmt.Sprintf("%s1", string(rune('A'+i))))
			if cur != h {
				t.Fatalf("%s: column %d is %q on the example sheet, %q on the sheet", sheet, i+1, h, cur)
			}
		}
		values := make([]any, len(rows[1]))
		for i, v := range rows[1] {
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				values[i] = n
			} else if v != "" {
				values[i] = v
			}
		}
		values[0] = "EX-1"
		if err := f.SetSheetRow(sheet, "A2", &values); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	path := writeRaw(t, t.TempDir(), "template.xlsx", buf.Bytes())
	wb := mustRead(t, path, Options{})
	if len(wb.Clients) != 1 {
		t.Fatalf("got %d clients, want the one example:\n%s", len(wb.Clients), problemsText(wb))
	}
	got := wb.Clients[0]
	var cells []string
	for _, p := range got.Problems {
		cells = append(cells, p.Cell)
		if !strings.Contains(p.Message.String(), "is the value of the template's worked example") || !strings.Contains(p.Message.String(), "delete the row") {
			t.Errorf("%s: %s", p.Cell, p.Message)
		}
	}
	wantCells := []string{"Clients!B2", "Clients!C2", "Clients!D2", "Clients!E2", "Clients!I2", "Clients!O2",
		"Employment!B2", "Employment!F2", "Employment!L2",
		"Language Tests!C2", "Language Tests!D2", "Language Tests!E2", "Language Tests!F2", "Language Tests!G2",
		"Study!B2", "Study!D2", "Study!E2"}
	if !reflect.DeepEqual(cells, wantCells) {
		t.Errorf("problems on %v, want the example's values on %v", cells, wantCells)
	}
	if len(wb.Problems) != 0 {
		t.Errorf("workbook problems:\n%s", problemsText(wb))
	}
	got.Problems = nil
	for i := range got.Jobs {
		got.Jobs[i].Entered = nil
	}
	for i := range got.Tests {
		got.Tests[i].Entered = nil
	}
	ref := func(spec *sheetSpec) assess.Ref {
		m := map[string]string{}
		for i, c := range spec.columns {
			m[c.field] = string(rune('A' + i))
		}
		return assess.Ref{Sheet: spec.name, Row: 2, Cols: m}
	}
	want := &assess.Client{
		Ref: ref(clientsSpec), SourceFile: "template.xlsx", ID: "EX-1", FamilyName: "Example", GivenNames: "Maria José",
		DateOfBirth: d("1992-05-14"), ApplicationDate: d("2026-03-02"), Province: "ON", InCanada: assess.Yes,
		Status: assess.StatusWorker, StatusExpiry: d("2027-08-31"), Language: "en",
		Notes: "Worked example: cecbatch skips this client. Replace it with your own clients, or delete the example rows.",
		CRS: assess.CRSProfile{Columns: true, Education: assess.EducationThreeYear, ECA: assess.ECAYes,
			CanadianEducation: assess.EducationOneYear, ForeignWorkYears: assess.KnownYears(2), Certificate: assess.No,
			Sibling: assess.No, Nomination: assess.No, SpouseAccompanying: assess.No},
		Jobs: []assess.Job{{
			Ref:      ref(employmentSpec),
			Employer: "Maple Software Inc.", Title: "Software developer", NOC: "21231", TEER: 1, Start: d("2023-09-05"),
			HoursPerWeek: 40, Location: "Toronto", InCanada: true, Type: assess.Employee, Authorization: assess.AuthPGWP,
			PermitExpiry: d("2027-08-31"),
		}},
		Tests: []assess.Test{{
			Ref:  ref(testsSpec),
			Name: "CELPIP-General", Kind: assess.CELPIPGeneral, Date: d("2025-06-14"),
			Scores: [4]assess.Score{{Value: 9}, {Value: 8}, {Value: 8}, {Value: 9}},
		}},
		Studies: []assess.Study{{
			Ref:         ref(studySpec),
			Institution: "Seneca Polytechnic", Credential: "Graduate certificate", Start: d("2022-09-06"), End: d("2023-04-28"), FullTime: true,
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("template client:\n got %+v\nwant %+v", *got, *want)
	}
}

// TestTemplateLayout checks what a paralegal sees: the sheets, the marked
// required columns and their legend, the drop-downs and checks down to row
// 10,000, date formats and frozen header rows.
func TestTemplateLayout(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeTemplate(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Instructions", exampleSheet, "Clients", "Employment", "Language Tests", "Study"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	// sheet -> column -> the validation type it must carry.
	wantChecks := map[string]map[string]string{
		"Clients": {"D": "date", "E": "date", "F": "list", "G": "list", "H": "list", "I": "date",
			// EE Profile Date, ITA Date, Language, File Status.
			"K": "date", "L": "date", "M": "list", "N": "list",
			// The Express Entry columns, Education Level to Spouse Canadian Work Years.
			"P": "list", "Q": "list", "R": "list", "S": "list", "T": "list", "U": "list", "V": "list", "W": "list", "X": "list", "Y": "list", "Z": "list"},
		"Employment":     {"E": "list", "F": "date", "G": "date", "H": "custom", "I": "list", "J": "list", "K": "list", "L": "date"},
		"Language Tests": {"B": "list", "C": "date", "D": "custom", "E": "custom", "F": "custom", "G": "custom", "H": "list"},
		"Study":          {"D": "date", "E": "date", "F": "list"},
	}
	for sheetName, cols := range wantChecks {
		dvs, err := f.GetDataValidations(sheetName)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			have[dv.Sqref] = dv
			for _, m := range []*string{dv.Error, dv.Prompt} {
				if m != nil && len([]rune(*m)) > 255 {
					t.Errorf("%s %s: a message of %d characters, over Excel's 255: %q", sheetName, dv.Sqref, len([]rune(*m)), *m)
				}
			}
		}
		for col, typ := range cols {
			r := fmt.Sprintf("%s2:%s10000", col, col)
			dv := have[r]
			if dv == nil || dv.Type != typ {
				t.Errorf("%s: no %s check on %s (have %v)", sheetName, typ, r, have)
				continue
			}
			if dv.ErrorStyle == nil || *dv.ErrorStyle == "stop" {
				t.Errorf("%s %s: a value the list lacks is refused; the reader accepts more spellings, so it must only warn", sheetName, r)
			}
		}
		panes, err := f.GetPanes(sheetName)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v, %v", sheetName, panes, err)
		}
	}
	if dvs, _ := f.GetDataValidations("Employment"); true {
		for _, dv := range dvs {
			if dv.Sqref == "I2:I10000" && (dv.ErrorStyle == nil || *dv.ErrorStyle != "information") {
				t.Errorf("Location's list must let a city be typed (information style), got %v", dv.ErrorStyle)
			}
		}
	}
	for _, c := range []struct{ sheet, cell string }{{"Clients", "D2"}, {"Employment", "F5"}, {"Employment", "G2"}, {"Employment", "L9999"}, {"Language Tests", "C9"}, {"Study", "E2"}} {
		id, err := f.GetCellStyle(c.sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("%s!%s is not date-formatted: %+v %v", c.sheet, c.cell, st, err)
		}
	}
	// A year typed alone in a date column is outside the date check's
	// span, so Excel warns at once; a birth date has its own span.
	for _, c := range []struct {
		sheet, sqref, first, last string
	}{{"Employment", "F2:F10000", "1990-01-01", "2100-12-31"}, {"Clients", "D2:D10000", "1910-01-01", "2100-12-31"}} {
		dvs, _ := f.GetDataValidations(c.sheet)
		found := false
		for _, dv := range dvs {
			if dv.Sqref == c.sqref {
				found = true
				lo, hi := fmt.Sprint(exampleDate(c.first).serial()), fmt.Sprint(exampleDate(c.last).serial())
				if dv.Formula1 != lo || dv.Formula2 != hi {
					t.Errorf("%s %s: dates from %s to %s, want %s (%s) to %s (%s)", c.sheet, c.sqref, dv.Formula1, dv.Formula2, lo, c.first, hi, c.last)
				}
			}
		}
		if !found {
			t.Errorf("%s %s: no date check", c.sheet, c.sqref)
		}
	}
	// The worked example is on its own sheet, dates shown as dates, and
	// nothing is on the intake sheets under their headers.
	if v, _ := f.GetCellValue(exampleSheet, "F10"); v != "2023-09-05" {
		t.Errorf("the example start date displays as %q", v)
	}
	for _, spec := range sheetSpecs {
		if rows, _ := f.GetRows(spec.name); len(rows) != 1 {
			t.Errorf("%s: %d rows, want the header alone", spec.name, len(rows))
		}
	}
	// Protected, so that nobody types a client there, yet selectable (to
	// copy from); a sheet with no protection reads back with nothing set.
	if prot, err := f.GetSheetProtection(exampleSheet); err != nil || !prot.SelectLockedCells || prot.InsertRows {
		t.Errorf("the example sheet's protection: %+v, %v", prot, err)
	}
	// Required headers are bold on the required colour, the others not;
	// the Instructions sheet's legend shows both colours.
	fillOf := func(sheet, cell string) (string, bool) {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) == 0 {
			return "", false
		}
		return strings.ToUpper(strings.TrimPrefix(st.Fill.Color[0], "FF")), st.Font != nil && st.Font.Bold
	}
	for _, spec := range sheetSpecs {
		for i, col := range spec.columns {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			fill, bold := fillOf(spec.name, letter+"1")
			want := optionalFill
			if col.required {
				want = requiredFill
			}
			if fill != want || bold != col.required {
				t.Errorf("%s header %q: fill %s bold %v; want fill %s bold %v", spec.name, col.name, fill, bold, want, col.required)
			}
		}
	}
	for i, want := range []string{requiredFill, optionalFill} {
		cell := fmt.Sprintf("A%d", legendRow+i)
		fill, _ := fillOf("Instructions", cell)
		text, _ := f.GetCellValue("Instructions", cell)
		if fill != want || !strings.Contains(text, "column") {
			t.Errorf("legend %s: %q on %s, want the colour %s", cell, text, fill, want)
		}
	}
	all, _ := f.GetCols("Instructions")
	if text := strings.Join(all[0], "\n"); !strings.Contains(text, "The "+exampleSheet+" sheet") || !strings.Contains(text, "never reads") {
		t.Errorf("the Instructions do not explain the worked example:\n%s", text)
	}
}

// Every drop-down choice the template offers must be a value its column's
// reader accepts: a paralegal who picks from the list gets no problem.
func TestTemplateChoicesAreRead(t *testing.T) {
	accepts := map[string]func(string) bool{
		"province": func(s string) bool { _, ok := provinceCode(s); return ok },
		"yes/no":   func(s string) bool { v, err := parseYesNo(s); return err == nil && v != assess.Unknown },
		"status":   func(s string) bool { _, ok := statuses.lookup(s); return ok },
		"type":     func(s string) bool { _, ok := employmentTypes.lookup(s); return ok },
		"auth":     func(s string) bool { _, ok := authorizations.lookup(s); return ok },
		"test":     func(s string) bool { _, ok := assess.ParseTestKind(s); return ok },
		"teer": func(s string) bool {
			v, ok, err := parseNumber(s)
			return ok && err == nil && v >= 0 && v <= 5
		},
		"location": func(s string) bool { in, doubt, err := readLocation(s); return err == nil && in && !doubt },
		"language": func(s string) bool { _, ok := opinionLanguages.lookup(s); return ok },
		"file status": func(s string) bool {
			_, _, err := parseFileStatus(s)
			return err == nil
		},
	}
	for name, choices := range map[string][]string{
		"province": provinceChoices, "yes/no": yesNoChoices, "status": statusChoices,
		"type": typeChoices, "auth": authChoices, "test": testNameChoices, "teer": teerChoices, "location": locationChoices,
		"language": languageChoices, "file status": fileStatusChoices,
	} {
		for _, c := range choices {
			if !accepts[name](c) {
				t.Errorf("the %s drop-down offers %q, which the reader does not accept", name, c)
			}
		}
	}
	// And every drop-down of the template is one of these lists.
	for field, v := range validations {
		if v.choices == nil {
			continue
		}
		known := false
		for _, l := range append([][]string{provinceChoices, yesNoChoices, statusChoices, typeChoices, authChoices, testNameChoices, teerChoices, locationChoices,
			languageChoices, fileStatusChoices},
			crsChoiceLists...) { // crs_test.go checks these
			if reflect.DeepEqual(v.choices, l) {
				known = true
			}
		}
		if !known {
			t.Errorf("the drop-down of %s is not checked against the reader", field)
		}
	}
}

// TestExampleValuesLeftBehind: a row typed over the worked example of an
// older template (or copied from the example sheet) that keeps some of its
// values is a problem on each such cell, so its Application Date never
// assesses a client as of the example's day; one value a real client may
// share by chance is no problem. The example's rows on the other sheets,
// whose client row was typed over, are said to be the example's.
func TestExampleValuesLeftBehind(t *testing.T) {
	cases := []struct {
		name  string
		edit  func([]sheet)
		cells []string // the client problems, in order
		files []string // the workbook problems' cells
	}{
		{
			name: "names and ID typed over, the dates and note left",
			edit: func(s []sheet) {
				s[0].rows = append(s[0].rows, []any{"C-9", "Tran", "Linh", serialOf("1990-01-01"), serialOf("2026-03-02"), "ON", "yes", "worker", serialOf("2027-08-31"), "no", templateExampleNotes})
			},
			cells: []string{"Clients!E4", "Clients!I4", "Clients!K4"},
		},
		{
			name: "only the application date left: a date a client may have",
			edit: func(s []sheet) {
				s[0].rows = append(s[0].rows, []any{"C-9", "Tran", "Linh", nil, "2026-03-02", "ON"})
			},
		},
		{
			name: "the application date and the status expiry left",
			edit: func(s []sheet) {
				s[0].rows = append(s[0].rows, []any{"C-9", "Tran", "Linh", nil, "2026-03-02", "ON", nil, nil, "2027-08-31"})
			},
			cells: []string{"Clients!E4", "Clients!I4"},
		},
		{
			name: "the example's names left",
			edit: func(s []sheet) {
				s[0].rows = append(s[0].rows, []any{"C-9", "EXAMPLE", "maria jose", nil, nil, "ON"})
			},
			cells: []string{"Clients!B4", "Clients!C4"},
		},
		{
			name: "a job, a test and a study typed over but for their values",
			edit: func(s []sheet) {
				s[1].rows = append(s[1].rows, []any{"C-001", "Maple Software Inc.", "Developer", "21231", nil, "2023-09-05", nil, 40, "ON", nil, "PGWP"})
				s[2].rows = append(s[2].rows, []any{"C-001", "CELPIP-General", serialOf("2025-06-14"), 9, 8, 8, 9})
				s[3].rows = append(s[3].rows, []any{"C-001", "Seneca Polytechnic", "x", "2022-09-06", "2023-04-28", "yes"})
			},
			cells: []string{"Employment!B5", "Employment!F5", "Language Tests!C4", "Language Tests!D4", "Language Tests!E4", "Language Tests!F4", "Language Tests!G4",
				"Study!B3", "Study!D3", "Study!E3"},
		},
		{
			name: "the example's employer, school and test day with other values: real clients",
			edit: func(s []sheet) {
				s[1].rows = append(s[1].rows, []any{"C-001", "Maple Software Inc.", "Developer", "21231", nil, "2022-01-03", nil, 40, "ON", nil, "PGWP"})
				s[2].rows = append(s[2].rows, []any{"C-001", "CELPIP-General", "2025-06-14", 9, 9, 9, 9})
				s[3].rows = append(s[3].rows, []any{"C-001", "Seneca Polytechnic", "x", "2021-09-07", "2023-04-28", "yes"})
			},
		},
		{
			name: "the example's client row typed over, its job row left",
			edit: func(s []sheet) {
				s[1].rows = append(s[1].rows, []any{templateExampleID, "Maple Software Inc.", "Software developer", "21231", 1, "2023-09-05", nil, 40, "Toronto"})
			},
			files: []string{"Employment!A5"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sheets := baseSheets()
			tc.edit(sheets)
			wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
			var cells, files []string
			for _, p := range wb.AllProblems() {
				if p.ClientID == "" {
					files = append(files, p.Cell)
					if !strings.Contains(p.Message, "template's worked example") {
						t.Errorf("%s: %s", p.Cell, p.Message)
					}
					continue
				}
				cells = append(cells, p.Cell)
				if !strings.Contains(p.Message, "is the value of the template's worked example") {
					t.Errorf("%s: %s", p.Cell, p.Message)
				}
			}
			if strings.Join(cells, " ") != strings.Join(tc.cells, " ") || strings.Join(files, " ") != strings.Join(tc.files, " ") {
				t.Errorf("problems on %v and %v, want %v and %v:\n%s", cells, files, tc.cells, tc.files, problemsText(wb))
			}
		})
	}
	// The message names the value as the paralegal sees it (a date, not
	// its serial number), the row's other such cells, and what to do.
	sheets := baseSheets()
	cases[2].edit(sheets)
	wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
	msg := wb.Clients[2].Problems[0].Message.String()
	for _, w := range []string{`"Application Date" "2026-03-02" is the value of the template's worked example`, `example, as is this row's "Status Expiry":`,
		"looks like the example typed over", "Type the client's own Application Date"} {
		if !strings.Contains(msg, w) {
			t.Errorf("%q lacks %q", msg, w)
		}
	}
}
