package ingest

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// templateRows is how far down the drop-downs and date formats reach:
// well past a large weekly intake.
const templateRows = 2000

// The lists offered by the template's drop-downs. The reader accepts more
// spellings than these; the lists show the plain one.
var (
	yesNoChoices      = []string{"yes", "no"}
	provinceChoices   = []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
	statusChoices     = []string{"worker", "student", "visitor", "maintained", "none"}
	typeChoices       = []string{"employee", "self-employed", "volunteer", "unpaid"}
	authChoices       = []string{"open work permit", "employer-specific work permit", "PGWP", "maintained status", "permit-exempt", "study permit", "none"}
	testNameChoices   = []string{"CELPIP-General", "IELTS General Training", "PTE Core", "TEF Canada", "TCF Canada", "IELTS Academic", "CELPIP-General LS", "PTE Academic"}
	templateExampleID = "EX-001"
)

// exampleRows is the worked example client, per sheet, in the canonical
// column order. Dates are written as date cells, the rest as text or numbers.
var exampleRows = map[*sheetSpec][]any{
	clientsSpec: {templateExampleID, "Example", "Maria José", exampleDate("1992-05-14"), exampleDate("2026-03-02"), "ON", "yes", "worker", exampleDate("2027-08-31"), "no",
		"Worked example: replace this client with your own, or delete all the example rows.",
		"three-year", "yes", "one-year", "2", "no", "no", "no", "no", nil, nil, nil},
	employmentSpec: {templateExampleID, "Maple Software Inc.", "Software developer", "21231", 1, exampleDate("2023-09-05"), nil, 40, "ON", "employee", "PGWP"},
	testsSpec:      {templateExampleID, "CELPIP-General", exampleDate("2025-06-14"), 9, 8, 8, 9, "client"},
	studySpec:      {templateExampleID, "Seneca Polytechnic", "Graduate certificate", exampleDate("2022-09-06"), exampleDate("2023-04-28"), "yes"},
}

type dateCell assess.Date

func exampleDate(s string) dateCell { return dateCell(assess.MustDate(s)) }

// serial is the 1900-system serial number of d (Excel's day 0 is
// 1899-12-30, which absorbs Excel's phantom 29 February 1900).
func (d dateCell) serial() float64 {
	return float64(assess.Date(d) - assess.NewDate(1899, time.December, 30))
}

var instructions = []string{
	"How to fill in this intake workbook",
	"",
	"One workbook can hold one client or hundreds. Each client has one row on the Clients sheet; their jobs, language tests and studies go on the other sheets, one row each, linked by the Client ID.",
	"Row 2 of each sheet is a worked example (client EX-001). Replace it with your own clients or delete it.",
	"",
	"Clients: one row per client. Client ID, Family Name, Given Names and Intended Province must be filled in. The Client ID must be unique (your file number is a good choice).",
	"   Application Date is the day the application will be made; leave it blank to assess the client as of the day cecbatch runs.",
	"   Admissibility Concern: write no, or describe the concern in a few words (a past refusal, a criminal charge, a medical issue). Anything other than no counts as a concern for the lawyer.",
	"Employment: one row per period of a job. If the hours or the NOC code changed, end the row and start a new one. Leave End Date blank for a job the client still holds.",
	"   NOC is the 5-digit NOC 2021 code (for example 21231). Hours Per Week is the usual weekly hours. Location is the province, or the country for work abroad.",
	"   Employment Type: employee, self-employed, volunteer or unpaid. Work Authorization: the permit the client worked under; leave it blank if unknown.",
	"Language Tests: one row per test sitting, with the four scores exactly as on the test report (CELPIP: M or NA are accepted as written).",
	"Study: one row per period of study in Canada, with Full-Time yes or no.",
	"",
	"Express Entry estimate (optional columns of the Clients sheet, from Education Level to Spouse Canadian Work Years): they give a CRS score estimate and are never used for the CEC verdict. Leave a cell blank when you do not know it: the opinion then shows a range and which answer to ask for first. Provincial Nomination blank is read as no.",
	"   Language Tests: write spouse in the Person column for the accompanying spouse's tests (blank or client for the client's own).",
	"",
	"Dates: type them as YYYY-MM-DD (2024-03-15), or use Excel dates. A date like 03/04/2024 is ambiguous (March or April?) and will be reported as a problem.",
	"Yes/no columns accept yes, no, y, n, oui, non. Provinces may be written as a code (ON) or a name (Ontario, Québec).",
	"Extra columns and sheets (like this one) are ignored. Keep the header names; their order does not matter.",
	"",
	"Check the workbook before dropping it in the inbox:  cecbatch check thisfile.xlsx",
	"Every problem is reported with its cell, for example  Employment!F7: Start Date \"31/02/2024\" is not a real day.",
}

// instructionsWidth is the Instructions column's width, in characters
// of text that fit on a line.
const instructionsWidth = 100

// WriteTemplate writes the blank intake workbook: an Instructions sheet,
// the four intake sheets with their headers, drop-down lists, date-formatted
// date columns, frozen headers, and one worked example client.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildTemplate(f); err != nil {
		return fmt.Errorf("building the template: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the template: %w", err)
	}
	return nil
}

func buildTemplate(f *excelize.File) error {
	const first = "Instructions"
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetColWidth(first, "A", "A", instructionsWidth+10); err != nil {
		return err
	}
	for i, line := range instructions {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(first, cell, line); err != nil {
			return err
		}
		style := wrap
		if i == 0 {
			style = title
		}
		if err := f.SetCellStyle(first, cell, cell, style); err != nil {
			return err
		}
		// Spreadsheet programs do not grow a row to fit wrapped text that
		// a program wrote: give each line its height.
		lines := (len([]rune(line)) + instructionsWidth - 1) / instructionsWidth
		if err := f.SetRowHeight(first, i+1, float64(max(lines, 1))*15+2); err != nil {
			return err
		}
	}

	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return err
	}
	isoDate := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &isoDate})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": keeps NOC codes' leading zeros
	if err != nil {
		return err
	}
	styles := map[string]int{assess.FieldNOC: textStyle, assess.FieldClientID: textStyle}
	for _, field := range []string{assess.FieldDateOfBirth, assess.FieldAppDate, assess.FieldStatusExpiry, assess.FieldStart, assess.FieldEnd, assess.FieldTestDate} {
		styles[field] = dateStyle
	}

	for _, spec := range sheetSpecs {
		if _, err := f.NewSheet(spec.name); err != nil {
			return err
		}
		for i, col := range spec.columns {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			cell := letter + "1"
			if err := f.SetCellStr(spec.name, cell, col.name); err != nil {
				return err
			}
			if err := f.SetColWidth(spec.name, letter, letter, columnWidth(col)); err != nil {
				return err
			}
			if st, ok := styles[col.field]; ok {
				if err := f.SetCellStyle(spec.name, letter+"2", fmt.Sprintf("%s%d", letter, templateRows), st); err != nil {
					return err
				}
			}
			if err := addChoices(f, spec.name, letter, col.field); err != nil {
				return err
			}
		}
		last, _ := excelize.ColumnNumberToName(len(spec.columns))
		if err := f.SetCellStyle(spec.name, "A1", last+"1", head); err != nil {
			return err
		}
		if err := f.SetPanes(spec.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, v := range exampleRows[spec] {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			cell := letter + "2"
			switch v := v.(type) {
			case nil:
			case dateCell:
				err = f.SetCellFloat(spec.name, cell, v.serial(), -1, 64)
			case string:
				err = f.SetCellStr(spec.name, cell, v)
			default:
				err = f.SetCellValue(spec.name, cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	f.SetActiveSheet(0)
	return nil
}

func columnWidth(c column) float64 {
	switch c.field {
	case assess.FieldNotes, assess.FieldAdmissibility:
		return 40
	case assess.FieldEmployer, assess.FieldTitle, assess.FieldInstitution, assess.FieldCredential, assess.FieldAuthorization, assess.FieldTest:
		return 28
	}
	return float64(max(12, len(c.name)+4))
}

// addChoices puts a drop-down on the column of field, if it has one. The
// warning style lets a paralegal type a spelling the reader also accepts
// (Québec, contractor) after a prompt, where a stop would refuse it.
func addChoices(f *excelize.File, sheet, letter, field string) error {
	var choices []string
	var prompt string
	switch field {
	case assess.FieldProvince:
		choices, prompt = provinceChoices, "Province or territory code (a name like Ontario or Québec is also accepted)."
	case assess.FieldInCanada, assess.FieldFullTime:
		choices, prompt = yesNoChoices, "yes or no."
	case assess.FieldStatus:
		choices, prompt = statusChoices, "The client's current status in Canada; blank if unknown."
	case assess.FieldType:
		choices, prompt = typeChoices, "employee unless the client was self-employed, a volunteer or unpaid."
	case assess.FieldAuthorization:
		choices, prompt = authChoices, "The permit or status the client worked under; blank if unknown."
	case assess.FieldTest:
		choices, prompt = testNameChoices, "The test's name as on the report."
	default:
		c, ok := crsChoices[field]
		if !ok {
			return nil
		}
		choices, prompt = c.choices, c.prompt
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", letter, letter, templateRows))
	if err := dv.SetDropList(choices); err != nil {
		return err
	}
	dv.SetInput("", prompt)
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Not in the list", "This value is not in the list: "+strings.Join(choices, ", ")+". Keep it only if you are sure cecbatch understands it.")
	return f.AddDataValidation(sheet, dv)
}
