package ingest

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

func TestTemplateReadsBackAsTheExampleClient(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
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
		SourceFile: "template.xlsx", ID: "EX-001", FamilyName: "Example", GivenNames: "Maria José",
		DateOfBirth: d("1992-05-14"), ApplicationDate: d("2026-03-02"), Province: "ON", InCanada: assess.Yes,
		Status: assess.StatusWorker, StatusExpiry: d("2027-08-31"),
		Notes: "Worked example: replace this client with your own, or delete all the example rows.",
		CRS: assess.CRSProfile{Columns: true, Education: assess.EducationThreeYear, ECA: assess.ECAYes,
			CanadianEducation: assess.EducationOneYear, ForeignWorkYears: assess.KnownYears(2), Certificate: assess.No,
			Sibling: assess.No, Nomination: assess.No, SpouseAccompanying: assess.No},
		Jobs: []assess.Job{{
			Ref: ref("Employment", assess.FieldClientID, assess.FieldEmployer, assess.FieldTitle, assess.FieldNOC, assess.FieldTEER, assess.FieldStart,
				assess.FieldEnd, assess.FieldHours, assess.FieldLocation, assess.FieldType, assess.FieldAuthorization),
			Employer: "Maple Software Inc.", Title: "Software developer", NOC: "21231", TEER: 1, Start: d("2023-09-05"),
			HoursPerWeek: 40, Location: "ON", InCanada: true, Type: assess.Employee, Authorization: assess.AuthPGWP,
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

// TestTemplateLayout checks what a paralegal sees: the sheets, drop-downs,
// date formats and frozen header rows.
func TestTemplateLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Instructions", "Clients", "Employment", "Language Tests", "Study"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	wantLists := map[string][]string{ // sheet -> the ranges that must have a drop-down
		"Clients":        {"F2:F2000", "G2:G2000", "H2:H2000", "L2:L2000", "M2:M2000", "N2:N2000", "O2:O2000", "P2:P2000", "Q2:Q2000", "R2:R2000", "S2:S2000", "T2:T2000", "U2:U2000", "V2:V2000"},
		"Employment":     {"J2:J2000", "K2:K2000"},
		"Language Tests": {"B2:B2000", "H2:H2000"},
		"Study":          {"F2:F2000"},
	}
	for sheetName, ranges := range wantLists {
		dvs, err := f.GetDataValidations(sheetName)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, dv := range dvs {
			have[dv.Sqref] = dv.Type == "list"
		}
		for _, r := range ranges {
			if !have[r] {
				t.Errorf("%s: no drop-down on %s (have %v)", sheetName, r, have)
			}
		}
		panes, err := f.GetPanes(sheetName)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v, %v", sheetName, panes, err)
		}
	}
	for _, c := range []struct{ sheet, cell string }{{"Clients", "D2"}, {"Employment", "F5"}, {"Employment", "G2"}, {"Language Tests", "C9"}, {"Study", "E2"}} {
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
}

// Every drop-down choice the template offers must be a value its column's
// reader accepts: a paralegal who picks from the list gets no problem.
func TestTemplateChoicesAreRead(t *testing.T) {
	accepts := map[string]func(string) bool{
		"province": func(s string) bool { _, ok := provinceCode(s); return ok },
		"yes/no":   func(s string) bool { v, err := parseYesNo(s); return err == nil && v != assess.Unknown },
		"status":   func(s string) bool { _, ok := statuses[fold(s)]; return ok },
		"type":     func(s string) bool { _, ok := employmentTypes[fold(s)]; return ok },
		"auth":     func(s string) bool { _, ok := authorizations[fold(s)]; return ok },
		"test":     func(s string) bool { _, ok := assess.ParseTestKind(s); return ok },
	}
	for name, choices := range map[string][]string{
		"province": provinceChoices, "yes/no": yesNoChoices, "status": statusChoices,
		"type": typeChoices, "auth": authChoices, "test": testNameChoices,
	} {
		for _, c := range choices {
			if !accepts[name](c) {
				t.Errorf("the %s drop-down offers %q, which the reader does not accept", name, c)
			}
		}
	}
}
