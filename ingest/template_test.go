package ingest

import (
	"bytes"
	"fmt"
	"reflect"
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

// The template as written reads as no client and one note: a template
// dropped in the inbox unchanged assesses nobody, and says why.
func TestTemplateExampleIsSkipped(t *testing.T) {
	path := writeRaw(t, t.TempDir(), "template.xlsx", writeTemplate(t))
	wb := mustRead(t, path, Options{})
	if len(wb.Clients) != 0 {
		t.Fatalf("got %d clients, want the example skipped: %+v", len(wb.Clients), wb.Clients[0])
	}
	if len(wb.Problems) != 1 || wb.Errors() != 0 {
		t.Fatalf("want one note, got:\n%s", problemsText(wb))
	}
	p := wb.Problems[0]
	if !p.Warning || p.Cell != "Clients!A2" || !strings.Contains(p.Message, "the template's worked example") || !strings.Contains(p.Message, "was skipped") {
		t.Errorf("the note is %+v", p)
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

// The worked example, once it is no longer the example (its ID and family
// name changed), reads back as the client the template shows, every column
// included: it is a correct example.
func TestTemplateExampleReadsBack(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeTemplate(t)))
	if err != nil {
		t.Fatal(err)
	}
	// Typed over with a client of its own: another ID on every sheet and
	// another family name.
	for _, sheet := range []string{"Clients", "Employment", "Language Tests", "Study"} {
		if err := f.SetCellStr(sheet, "A2", "EX-1"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStr("Clients", "B2", "Exemplar"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	path := writeRaw(t, t.TempDir(), "template.xlsx", buf.Bytes())
	wb := mustRead(t, path, Options{})
	if len(wb.Problems) != 0 || wb.Errors() != 0 {
		t.Fatalf("the template has problems:\n%s", problemsText(wb))
	}
	if len(wb.Clients) != 1 {
		t.Fatalf("got %d clients, want the one example", len(wb.Clients))
	}
	got := wb.Clients[0]
	ref := func(sheet string, cols ...string) assess.Ref {
		m := map[string]string{}
		for i, c := range cols {
			m[c] = string(rune('A' + i))
		}
		return assess.Ref{Sheet: sheet, Row: 2, Cols: m}
	}
	want := &assess.Client{
		Ref: ref("Clients", assess.FieldClientID, assess.FieldFamilyName, assess.FieldGivenNames, assess.FieldDateOfBirth, assess.FieldAppDate,
			assess.FieldProvince, assess.FieldInCanada, assess.FieldStatus, assess.FieldStatusExpiry, assess.FieldAdmissibility, assess.FieldNotes,
			assess.FieldEducation, assess.FieldECA, assess.FieldCanadianEducation, assess.FieldForeignWork, assess.FieldCertificate,
			assess.FieldSibling, assess.FieldNomination, assess.FieldSpouseAccompanying, assess.FieldSpouseEducation, assess.FieldSpouseECA,
			assess.FieldSpouseCanadianWork),
		SourceFile: "template.xlsx", ID: "EX-1", FamilyName: "Exemplar", GivenNames: "Maria José",
		DateOfBirth: d("1992-05-14"), ApplicationDate: d("2026-03-02"), Province: "ON", InCanada: assess.Yes,
		Status: assess.StatusWorker, StatusExpiry: d("2027-08-31"),
		Notes: "Worked example: cecbatch skips this client. Replace it with your own clients, or delete the example rows.",
		CRS: assess.CRSProfile{Columns: true, Education: assess.EducationThreeYear, ECA: assess.ECAYes,
			CanadianEducation: assess.EducationOneYear, ForeignWorkYears: assess.KnownYears(2), Certificate: assess.No,
			Sibling: assess.No, Nomination: assess.No, SpouseAccompanying: assess.No},
		Jobs: []assess.Job{{
			Ref: ref("Employment", assess.FieldClientID, assess.FieldEmployer, assess.FieldTitle, assess.FieldNOC, assess.FieldTEER, assess.FieldStart,
				assess.FieldEnd, assess.FieldHours, assess.FieldLocation, assess.FieldType, assess.FieldAuthorization, assess.FieldPermitExpiry),
			Employer: "Maple Software Inc.", Title: "Software developer", NOC: "21231", TEER: 1, Start: d("2023-09-05"),
			HoursPerWeek: 40, Location: "Toronto", InCanada: true, Type: assess.Employee, Authorization: assess.AuthPGWP,
			PermitExpiry: d("2027-08-31"),
		}},
		Tests: []assess.Test{{
			Ref: ref("Language Tests", assess.FieldClientID, assess.FieldTest, assess.FieldTestDate, assess.FieldListening,
				assess.FieldReading, assess.FieldWriting, assess.FieldSpeaking, assess.FieldPerson),
			Name: "CELPIP-General", Kind: assess.CELPIPGeneral, Date: d("2025-06-14"),
			Scores: [4]assess.Score{{Value: 9}, {Value: 8}, {Value: 8}, {Value: 9}},
		}},
		Studies: []assess.Study{{
			Ref:         ref("Study", assess.FieldClientID, assess.FieldInstitution, assess.FieldCredential, assess.FieldStart, assess.FieldEnd, assess.FieldFullTime),
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
	if got, want := f.GetSheetList(), []string{"Instructions", "Clients", "Employment", "Language Tests", "Study"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	// sheet -> column -> the validation type it must carry.
	wantChecks := map[string]map[string]string{
		"Clients": {"D": "date", "E": "date", "F": "list", "G": "list", "H": "list", "I": "date",
			// The Express Entry columns, Education Level to Spouse Canadian Work Years.
			"L": "list", "M": "list", "N": "list", "O": "list", "P": "list", "Q": "list", "R": "list", "S": "list", "T": "list", "U": "list", "V": "list"},
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
	if v, _ := f.GetCellValue("Employment", "F2"); v != "2023-09-05" {
		t.Errorf("the example start date displays as %q", v)
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
	if text := strings.Join(all[0], "\n"); !strings.Contains(text, templateExampleID) || !strings.Contains(text, "skips") {
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
		"location": func(s string) bool { in, err := readLocation(s); return err == nil && in },
	}
	for name, choices := range map[string][]string{
		"province": provinceChoices, "yes/no": yesNoChoices, "status": statusChoices,
		"type": typeChoices, "auth": authChoices, "test": testNameChoices, "teer": teerChoices, "location": locationChoices,
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
		for _, l := range append([][]string{provinceChoices, yesNoChoices, statusChoices, typeChoices, authChoices, testNameChoices, teerChoices, locationChoices},
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
