package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// templateRows is how far down the drop-downs and checks reach: well past
// a large weekly intake.
const templateRows = 10000

// The lists offered by the template's drop-downs. The reader accepts more
// spellings than these; the lists show the plain one.
var (
	yesNoChoices    = []string{"yes", "no"}
	provinceChoices = []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
	// locationChoices offer Canada's provinces; a city or a country is
	// typed in (the list's error style lets it through).
	locationChoices = append(append([]string(nil), provinceChoices...), "Canada")
	teerChoices     = []string{"0", "1", "2", "3", "4", "5"}
	statusChoices   = []string{"worker", "student", "visitor", "maintained", "refugee claimant", "none"}
	typeChoices     = []string{"employee", "self-employed", "volunteer", "unpaid", "leave"}
	// authChoices are the values and the aliases paralegals type most;
	// the reader takes more (authorizationWords). Excel takes at most 255
	// characters for a list: the template test holds it to that.
	authChoices = []string{"open work permit", "BOWP", "SOWP", "IEC working holiday", "employer-specific work permit", "LMIA", "PGWP",
		"maintained status", "permit-exempt", "study permit", "co-op work permit", "R186(w)", "awaiting PGWP", "refugee claimant",
		"visitor record", "none"}
	languageChoices = []string{"en", "fr"}
	testNameChoices = []string{"CELPIP-General", "IELTS General Training", "PTE Core", "TEF Canada", "TCF Canada",
		"IELTS Academic", "CELPIP-General LS", "PTE Academic"}
)

// The header fills: a required column's header is bold on orange, an
// optional one plain on blue; the Instructions sheet shows both as its
// legend.
const (
	requiredFill = "F8CBAD"
	optionalFill = "DDEBF7"
)

// templateFont is the workbook's own font (excelize's default), named in
// every style that sets a font: a font style without a family is shown in
// the spreadsheet program's fallback, often a serif.
const templateFont = "Calibri"

// legendRow is the Instructions row of the colour legend (1-based); the
// rows after it are the instructions proper.
const legendRow = 3

var instructions = []string{
	"How to fill in this intake workbook",
	"",
	"", // legendRow: the colour legend
	"",
	"One workbook can hold one client or hundreds. Each client has one row on the Clients sheet; their jobs, language tests and studies go on the other sheets, one row each, linked by the Client ID.",
	"The " + exampleSheet + " sheet shows one client as it would be typed on each sheet. cecbatch never reads that sheet. Type your clients from row 2 of the Clients, Employment, Language Tests and Study sheets; do not copy the example there: a row that keeps its values (its names, dates, employer) is reported as a problem.",
	"",
	"Clients: one row per client. Client ID, Family Name, Given Names and Intended Province must be filled in. The Client ID must be unique (your file number is a good choice).",
	"   Application Date is the day the application will be made; leave it blank to assess the client as of the day cecbatch runs.",
	"   Status: worker, student, visitor, maintained (applied to extend before the permit expired), refugee claimant or none; blank if unknown.",
	"   Admissibility Concern: write no (or none, N/A, nil, -, none known), or describe the concern in a few words (a past refusal, a criminal charge, a medical issue). Any other text counts as a concern for the lawyer.",
	"   EE Profile Date: the day the Express Entry profile was submitted; ITA Date: the day of the invitation to apply. Language: en or fr, the language of the client's opinion (blank: the firm's default). File Status: open (or blank), or closed with its reason: closed: applied, closed: withdrawn, closed: refused.",
	"Employment: one row per period of a job. If the hours or the NOC code changed, end the row and start a new one. Leave End Date blank for a job the client still holds.",
	"   NOC is the 5-digit NOC 2021 code (for example 21231). TEER (0 to 5) is optional. Hours Per Week is the usual weekly hours, above 0 and at most 168.",
	"   Location: a province or territory (ON or Ontario), a Canadian city (Toronto, Gatineau), Canada, or the country for work abroad (India, USA). Blank means Canada. Anything else (Remote, a misspelt town) is reported as a problem: write the city with its province code, for example Gimli, MB.",
	"   Employment Type: employee, self-employed (also contractor, business owner), volunteer, unpaid (unpaid intern), or leave for a period of unpaid or parental leave at that employer (it takes its days out of that employer's jobs).",
	"   Work Authorization: open work permit (also BOWP, SOWP, IEC working holiday), employer-specific work permit (also LMIA; IEC Young Professionals and International Co-op), PGWP, maintained status, permit-exempt, study permit (also co-op work permit), R186(w) (working after finishing studies while the PGWP application is pending; also awaiting PGWP), refugee claimant (a permit issued to a refugee claimant), or none (also visitor record, restoration, no permit); blank if unknown. A bare IEC is reported: write which category.",
	"   Permit Expiry: the day the row's permit expired or expires; work after it counts only under maintained status.",
	"Language Tests: one row per test sitting, with the four scores exactly as on the test report (CELPIP: M or NA are accepted as written; TEF Canada: the équivalence ancien score).",
	"Study: one row per period of study in Canada, with Full-Time yes or no (a blank Full-Time is reported as a problem).",
	"",
	"Express Entry estimate (optional columns of the Clients sheet, from Education Level to Spouse Canadian Work Years): they give a CRS score estimate and are never used for the CEC verdict. Leave a cell blank when you do not know it: the opinion then shows a range and which answer to ask for first. Provincial Nomination blank is read as no.",
	"   Language Tests: write spouse in the Person column for the accompanying spouse's tests (blank or client for the client's own).",
	"",
	"Dates: type them as YYYY-MM-DD (2024-03-15), or use Excel dates. A date like 03/04/2024 is ambiguous (March or April?) and will be reported as a problem, and so is a year alone (2025), a number typed as text (45000), or a date before 1990 or after 2100 that Excel made of a number (before 1910 for a date of birth): type the full date.",
	"Yes/no columns accept yes, no, y, n, oui, non. Provinces may be written as a code (ON) or a name (Ontario, Québec).",
	"The drop-down lists show the usual answers; a column with a list or a check warns when a value is not in it, and you may keep the value if you are sure. Extra columns and sheets (like this one) are ignored. Keep the header names; their order does not matter.",
	"",
	"Check the workbook before dropping it in the inbox:  cecbatch check thisfile.xlsx",
	"Every problem is reported with its cell, for example  Employment!F7: Start Date \"31/02/2024\" is not a real day.",
}

// instructionsWidth is the Instructions column's width, in characters
// of text that fit on a line: narrow enough for a printed page.
const instructionsWidth = 85

// WriteTemplate writes the blank intake workbook: an Instructions sheet,
// the worked example client on a sheet of its own that is never read, and
// the four intake sheets with their headers, drop-down lists,
// date-formatted date columns and frozen headers.
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
	if err := writeInstructions(f); err != nil {
		return err
	}
	heads := map[bool]int{}
	for _, required := range []bool{true, false} {
		st, err := headerStyle(f, required)
		if err != nil {
			return err
		}
		heads[required] = st
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
	for _, field := range dateFields {
		styles[field] = dateStyle
	}
	if err := writeExampleSheet(f, heads, dateStyle); err != nil {
		return err
	}

	for _, spec := range sheetSpecs {
		if _, err := f.NewSheet(spec.name); err != nil {
			return err
		}
		for i, col := range spec.columns {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColWidth(spec.name, letter, letter, columnWidth(col)); err != nil {
				return err
			}
			// A column style reaches every row, however far down the
			// paralegal types, without writing 10,000 empty cells.
			if st, ok := styles[col.field]; ok {
				if err := f.SetColStyle(spec.name, letter, st); err != nil {
					return err
				}
			}
			if err := f.SetCellStr(spec.name, letter+"1", col.name); err != nil {
				return err
			}
			if err := f.SetCellStyle(spec.name, letter+"1", letter+"1", heads[col.required]); err != nil {
				return err
			}
			if err := addValidation(f, spec.name, letter, col.field); err != nil {
				return err
			}
		}
		if err := f.SetPanes(spec.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	for _, sheet := range f.GetSheetList() {
		if err := fitToPageWidth(f, sheet); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// fitToPageWidth prints a sheet in landscape, one page wide and as many
// pages long as it takes: a printed template is read by someone, and a
// cut-off column is lost to them.
func fitToPageWidth(f *excelize.File, sheet string) error {
	fit, wide, tall, landscape := true, 1, 0, "landscape"
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToWidth: &wide, FitToHeight: &tall, Orientation: &landscape})
}

// writeInstructions writes the Instructions sheet, with the legend of the
// header colours.
func writeInstructions(f *excelize.File) error {
	const sheet = "Instructions"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: templateFont, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", instructionsWidth+10); err != nil {
		return err
	}
	for i, line := range instructions {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(sheet, cell, line); err != nil {
			return err
		}
		style := wrap
		if i == 0 {
			style = title
		}
		if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
			return err
		}
		// Spreadsheet programs do not grow a row to fit wrapped text that
		// a program wrote: give each line its height.
		lines := (len([]rune(line)) + instructionsWidth - 1) / instructionsWidth
		if err := f.SetRowHeight(sheet, i+1, float64(max(lines, 1))*15+2); err != nil {
			return err
		}
	}
	// The legend: two cells styled as the headers are.
	for i, l := range []struct {
		text     string
		required bool
	}{
		{"Required column: a header in bold on this colour must be present, and its cells filled in", true},
		{"Optional column: a header on this colour may be left blank, or the column deleted", false},
	} {
		st, err := headerStyle(f, l.required)
		if err != nil {
			return err
		}
		cell := fmt.Sprintf("A%d", legendRow+i)
		if err := f.SetCellStr(sheet, cell, l.text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, st); err != nil {
			return err
		}
	}
	return nil
}

// headerStyle is the style of a column header, bold on orange for a
// required column and plain on blue for an optional one.
func headerStyle(f *excelize.File, required bool) (int, error) {
	fill := optionalFill
	if required {
		fill = requiredFill
	}
	return f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: required, Family: templateFont, Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
		Alignment: &excelize.Alignment{Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
}

func columnWidth(c column) float64 {
	switch c.field {
	case assess.FieldClientID:
		return float64(len(templateExampleID) + 4)
	case assess.FieldNotes, assess.FieldAdmissibility:
		return 40
	case assess.FieldEmployer, assess.FieldTitle, assess.FieldInstitution, assess.FieldCredential, assess.FieldAuthorization, assess.FieldTest:
		return 28
	}
	return float64(max(12, len(c.name)+4))
}

// validation is the check a template column carries.
type validation struct {
	choices []string // a drop-down list
	formula string   // or a custom formula on the column's row-2 cell, {{.}} standing for it
	date    bool     // or a date
	prompt  string
	// style is how a value that fails is met: a warning the paralegal
	// may dismiss, since the reader accepts more spellings than a list
	// shows (Québec, contractor, "40 hrs"); information where the list is
	// only a help (Location: any city may be typed).
	style excelize.DataValidationErrorStyle
}

// validations are the template's checks, by field: every date column
// takes a date, and these.
var validations = withDateChecks(map[string]validation{
	assess.FieldProvince:      {choices: provinceChoices, prompt: "Province or territory code (a name like Ontario or Québec is also accepted)."},
	assess.FieldInCanada:      {choices: yesNoChoices, prompt: "yes or no."},
	assess.FieldFullTime:      {choices: yesNoChoices, prompt: "yes or no."},
	assess.FieldStatus:        {choices: statusChoices, prompt: "The client's current status in Canada; blank if unknown."},
	assess.FieldType:          {choices: typeChoices, prompt: "employee unless the client was self-employed, a volunteer, unpaid, or on unpaid or parental leave (leave)."},
	assess.FieldAuthorization: {choices: authChoices, prompt: "The permit or status the client worked under; R186(w): after studies, PGWP pending. Blank if unknown."},
	assess.FieldTest:          {choices: testNameChoices, prompt: "The test's name as on the report."},
	assess.FieldTEER:          {choices: teerChoices, prompt: "TEER 0 to 5 (optional: the NOC code gives it)."},
	assess.FieldLanguage:      {choices: languageChoices, prompt: "The language of the client's opinion: en or fr; blank for the firm's default."},
	assess.FieldFileStatus:    {choices: fileStatusChoices, prompt: "open (or blank), or closed with its reason, for example closed: applied."},
	assess.FieldLocation: {choices: locationChoices, style: excelize.DataValidationErrorStyleInformation,
		prompt: "Province code, a Canadian city, or the country for work abroad. Blank means Canada."},
	assess.FieldHours:     {formula: "AND(ISNUMBER({{.}}),{{.}}>0,{{.}}<=168)", prompt: "Usual hours per week: above 0, at most 168."},
	assess.FieldListening: {formula: scoreFormula, prompt: scorePrompt},
	assess.FieldReading:   {formula: scoreFormula, prompt: scorePrompt},
	assess.FieldWriting:   {formula: scoreFormula, prompt: scorePrompt},
	assess.FieldSpeaking:  {formula: scoreFormula, prompt: scorePrompt},
})

const (
	// scoreFormula admits every score of every test's scale (0 to 699,
	// the TCF Canada maximum) and CELPIP's M and NA; the engine checks
	// the score against its own test's scale.
	scoreFormula = `OR(AND(ISNUMBER({{.}}),{{.}}>=0,{{.}}<=699),UPPER({{.}})="M",UPPER({{.}})="NA",UPPER({{.}})="N/A")`
	scorePrompt  = "The score as on the test report (CELPIP: M or NA as written; TEF Canada: the équivalence ancien score)."
)

func withDateChecks(m map[string]validation) map[string]validation {
	for _, field := range dateFields {
		m[field] = validation{date: true, prompt: "A full date: YYYY-MM-DD, for example 2024-03-15 (not a year alone)."}
	}
	return m
}

// xmlText escapes a formula for the worksheet XML, as excelize leaves it.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// addValidation puts the column's check, if it has one, on rows 2 to
// templateRows.
func addValidation(f *excelize.File, sheet, letter, field string) error {
	v, ok := validations[field]
	if !ok {
		return nil
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", letter, letter, templateRows))
	what := "This value is not in the list."
	switch {
	case v.choices != nil:
		if err := dv.SetDropList(v.choices); err != nil {
			return err
		}
	case v.date:
		// The span an Excel date of the column may have (dates.go): a
		// year typed alone (2025, which Excel shows as 1905) is outside it.
		lo, hi := serialRange(field)
		if err := dv.SetRange(dateCell(lo).serial(), dateCell(hi).serial(), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		what = fmt.Sprintf("This is not a full date from %d to %d.", yearOf(lo), yearOf(hi))
	default:
		dv.Type = "custom"
		dv.Formula1 = xmlText.Replace(strings.ReplaceAll(v.formula, "{{.}}", letter+"2"))
		what = "This value is not what the column expects."
	}
	dv.SetInput("", v.prompt)
	style, advice := v.style, " Keep it only if you are sure: cecbatch check reports what it cannot read."
	if style == 0 {
		style = excelize.DataValidationErrorStyleWarning
	} else {
		advice = " A city or a country is fine: keep it."
	}
	// Excel refuses a workbook whose validation messages pass 255
	// characters; the template test holds them to it.
	dv.SetError(style, "Check this value", what+advice)
	return f.AddDataValidation(sheet, dv)
}
