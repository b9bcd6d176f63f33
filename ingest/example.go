package ingest

import (
	"strings"
	"time"

	"github.com/cecbatch/cecbatch/assess"
)

// This file is the template's worked example client: its values, which
// the template writes on a sheet of its own (never read), and the
// signature by which a row that still carries them is caught. A paralegal
// who copies the example into the Clients sheet, or types over the example
// of an older template that sat on the data sheets, may leave some of its
// values behind (its Application Date would assess the client as of that
// day); such a cell is a problem, never the client's data.
//
// The older template's example row (Client ID EXAMPLE-SKIPPED and Family
// Name Example) is still skipped with a note, with its rows on the other
// sheets, so that workbooks made from it read as before.

// The worked example client is this Client ID with this Family Name. Both
// must match for the reader to skip it: a paralegal who turns the example
// row into a real client changes the name, and a real client is never
// called "Example" with this ID.
const (
	templateExampleID     = "EXAMPLE-SKIPPED"
	templateExampleFamily = "Example"
	templateExampleGiven  = "Maria José"
	templateExampleNotes  = "Worked example: cecbatch skips this client. Replace it with your own clients, or delete the example rows."
	exampleEmployer       = "Maple Software Inc."
	exampleInstitution    = "Seneca Polytechnic"
)

// The example's dates, which its signature compares.
var (
	exampleBirth       = exampleDate("1992-05-14")
	exampleApplication = exampleDate("2026-03-02")
	examplePermitEnd   = exampleDate("2027-08-31")
	exampleJobStart    = exampleDate("2023-09-05")
	exampleTestDate    = exampleDate("2025-06-14")
	exampleStudyStart  = exampleDate("2022-09-06")
	exampleStudyEnd    = exampleDate("2023-04-28")
	exampleScores      = [4]float64{9, 8, 8, 9}
)

// isTemplateExample reports whether a Clients row is the template's
// worked example.
func isTemplateExample(id, familyName string) bool {
	return idKey(id) == templateExampleID && fold(familyName) == fold(templateExampleFamily)
}

// exampleRows is the worked example client, per sheet, by field. Dates are
// written as date cells, the rest as text or numbers; a field not here is
// left blank.
var exampleRows = map[*sheetSpec]map[string]any{
	clientsSpec: {
		assess.FieldClientID: templateExampleID, assess.FieldFamilyName: templateExampleFamily, assess.FieldGivenNames: templateExampleGiven,
		assess.FieldDateOfBirth: exampleBirth, assess.FieldAppDate: exampleApplication, assess.FieldProvince: "ON",
		assess.FieldInCanada: "yes", assess.FieldStatus: "worker", assess.FieldStatusExpiry: examplePermitEnd, assess.FieldAdmissibility: "no",
		assess.FieldLanguage: "en", assess.FieldFileStatus: fileOpen, assess.FieldNotes: templateExampleNotes,
		assess.FieldEducation: "three-year", assess.FieldECA: "yes", assess.FieldCanadianEducation: "one-year", assess.FieldForeignWork: "2",
		assess.FieldCertificate: "no", assess.FieldSibling: "no", assess.FieldNomination: "no", assess.FieldSpouseAccompanying: "no",
	},
	employmentSpec: {
		assess.FieldClientID: templateExampleID, assess.FieldEmployer: exampleEmployer, assess.FieldTitle: "Software developer",
		assess.FieldNOC: "21231", assess.FieldTEER: 1, assess.FieldStart: exampleJobStart, assess.FieldHours: 40, assess.FieldLocation: "Toronto",
		assess.FieldType: "employee", assess.FieldAuthorization: "PGWP", assess.FieldPermitExpiry: examplePermitEnd,
	},
	testsSpec: {
		assess.FieldClientID: templateExampleID, assess.FieldTest: "CELPIP-General", assess.FieldTestDate: exampleTestDate,
		assess.FieldListening: exampleScores[0], assess.FieldReading: exampleScores[1], assess.FieldWriting: exampleScores[2],
		assess.FieldSpeaking: exampleScores[3], assess.FieldPerson: "client",
	},
	studySpec: {
		assess.FieldClientID: templateExampleID, assess.FieldInstitution: exampleInstitution, assess.FieldCredential: "Graduate certificate",
		assess.FieldStart: exampleStudyStart, assess.FieldEnd: exampleStudyEnd, assess.FieldFullTime: "yes",
	},
}

type dateCell assess.Date

func exampleDate(s string) dateCell { return dateCell(assess.MustDate(s)) }

func (d dateCell) date() assess.Date { return assess.Date(d) }

// serial is the 1900-system serial number of d (Excel's day 0 is
// 1899-12-30, which absorbs Excel's phantom 29 February 1900).
func (d dateCell) serial() float64 {
	return float64(assess.Date(d) - assess.NewDate(1899, time.December, 30))
}

// exampleMarks are the fields of a row that still hold the worked
// example's values, as the row's cells.
type exampleMarks []string

// The signature. Each value below is one a real client may share by
// chance, so a row is taken for the example only when it keeps several:
// on the Clients row two of the family name, the given names, the birth
// date and the application date, or one of them and the status expiry, or
// the example's own note; on a job, study or test row all of the values
// that make the example's row (a job at its employer from its start date;
// its school with both of its dates; its test date with its four scores).
// The status and permit expiry, an end of month, never count alone.

// clientExampleMarks returns the Clients row fields of c that keep the
// example's values, or nil when the row is not taken for the example.
func clientExampleMarks(c *assess.Client) []string {
	// Every client's row is looked at: the cheap comparisons first, and
	// a name folded (accents and all) only when it could match.
	var strong []string
	if strings.EqualFold(c.FamilyName, templateExampleFamily) {
		strong = append(strong, assess.FieldFamilyName)
	}
	if len(c.GivenNames) >= len("Maria Jose") && strings.EqualFold(c.GivenNames[:5], "Maria") && fold(c.GivenNames) == fold(templateExampleGiven) {
		strong = append(strong, assess.FieldGivenNames)
	}
	if c.DateOfBirth == exampleBirth.date() {
		strong = append(strong, assess.FieldDateOfBirth)
	}
	if c.ApplicationDate == exampleApplication.date() {
		strong = append(strong, assess.FieldAppDate)
	}
	note := len(c.Notes) >= len(exampleNotePrefix) && strings.EqualFold(c.Notes[:len(exampleNotePrefix)], exampleNotePrefix)
	expiry := c.StatusExpiry == examplePermitEnd.date()
	if !note && len(strong) < 2 && (len(strong) == 0 || !expiry) {
		return nil
	}
	if expiry {
		strong = append(strong, assess.FieldStatusExpiry)
	}
	if note {
		strong = append(strong, assess.FieldNotes)
	}
	return strong
}

// exampleNotePrefix is how the example's note begins: no client's own
// note does.
const exampleNotePrefix = "Worked example"

// jobExampleMarks, testExampleMarks and studyExampleMarks are
// clientExampleMarks for a row of the other sheets (its dates compared
// first, the cheap test).
func jobExampleMarks(j *assess.Job) []string {
	if j.Start != exampleJobStart.date() || fold(j.Employer) != fold(exampleEmployer) {
		return nil
	}
	marks := []string{assess.FieldEmployer, assess.FieldStart}
	if j.PermitExpiry == examplePermitEnd.date() {
		marks = append(marks, assess.FieldPermitExpiry)
	}
	return marks
}

func testExampleMarks(t *assess.Test) []string {
	if t.Date != exampleTestDate.date() {
		return nil
	}
	for i, s := range t.Scores {
		if s.Label != "" || s.Value != exampleScores[i] {
			return nil
		}
	}
	return []string{assess.FieldTestDate, assess.FieldListening, assess.FieldReading, assess.FieldWriting, assess.FieldSpeaking}
}

func studyExampleMarks(s *assess.Study) []string {
	if s.Start != exampleStudyStart.date() || s.End != exampleStudyEnd.date() || fold(s.Institution) != fold(exampleInstitution) {
		return nil
	}
	return []string{assess.FieldInstitution, assess.FieldStart, assess.FieldEnd}
}

// flagExampleValues gives c a problem on each cell of w (fields) that
// keeps the worked example's value.
func (r *reader) flagExampleValues(c *assess.Client, w *row, fields []string) {
	if len(fields) == 0 {
		return
	}
	headers := make([]string, len(fields))
	for i, f := range fields {
		headers[i] = w.header(f)
	}
	for i, f := range fields {
		others := append(append([]string(nil), headers[:i]...), headers[i+1:]...)
		var also assess.Text
		switch len(others) {
		case 0:
		case 1:
			also = msg(", as is this row's %s", others[0])
		default:
			also = msg(", as are this row's %s", assess.AndList(assess.Plains(others)...))
		}
		problem(c, w.cell(f), msg("%s %q is the value of the template's worked example%s: the row looks like the example typed over, not this client's own. Type the client's own %s (or leave it blank if unknown), or delete the row if it is the example's.",
			w.header(f), r.typed(w, f), also, strings.Trim(w.header(f), `"`)))
	}
}
