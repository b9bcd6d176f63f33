package ingest

import (
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// This file is the vocabulary of the intake contract in the README: the sheets, their columns and
// every name each is also accepted as.

// column is one column of an intake sheet.
type column struct {
	field    string   // an assess.Field* constant
	name     string   // the canonical header, as the template writes it
	required bool     // a missing required column rejects the workbook
	synonyms []string // other accepted headers
}

// sheetSpec is one intake sheet.
type sheetSpec struct {
	name     string // canonical sheet name
	synonyms []string
	columns  []column
	// keys maps every folded header to its column.
	keys map[string]*column
}

const (
	sheetClients    = "Clients"
	sheetEmployment = "Employment"
	sheetTests      = "Language Tests"
	sheetStudy      = "Study"
)

var clientsSpec = newSheetSpec(sheetClients, []string{"Client", "Applicants", "Profile"}, []column{
	{assess.FieldClientID, "Client ID", true, []string{"ID", "File Number", "File No"}},
	{assess.FieldFamilyName, "Family Name", true, []string{"Last Name", "Surname"}},
	{assess.FieldGivenNames, "Given Names", true, []string{"First Name", "Given Name"}},
	{assess.FieldDateOfBirth, "Date of Birth", false, []string{"DOB", "Birth Date"}},
	{assess.FieldAppDate, "Application Date", false, []string{"Assessment Date"}},
	{assess.FieldProvince, "Intended Province", true, []string{"Province", "Destination"}},
	{assess.FieldInCanada, "In Canada", false, []string{"Currently In Canada"}},
	{assess.FieldStatus, "Status", false, []string{"Current Status", "Immigration Status"}},
	{assess.FieldStatusExpiry, "Status Expiry", false, []string{"Status Expiry Date"}},
	{assess.FieldAdmissibility, "Admissibility Concern", false, []string{"Inadmissibility", "Concerns"}},
	{assess.FieldEEProfileDate, "EE Profile Date", false, []string{"Express Entry Profile Date", "Profile Submitted"}},
	{assess.FieldITADate, "ITA Date", false, []string{"Invitation Date", "Date of ITA"}},
	{assess.FieldLanguage, "Language", false, []string{"Opinion Language", "Langue"}},
	{assess.FieldFileStatus, "File Status", false, []string{"Case Status"}},
	{assess.FieldNotes, "Notes", false, []string{"Comments"}},
})

var employmentSpec = newSheetSpec(sheetEmployment, []string{"Work", "Work History", "Jobs"}, []column{
	{assess.FieldClientID, "Client ID", true, []string{"ID", "File Number"}},
	{assess.FieldEmployer, "Employer", true, []string{"Employer Name", "Company"}},
	{assess.FieldTitle, "Job Title", false, []string{"Position", "Title"}},
	{assess.FieldNOC, "NOC", true, []string{"NOC Code", "NOC 2021"}},
	{assess.FieldTEER, "TEER", false, nil},
	{assess.FieldStart, "Start Date", true, []string{"From", "Start"}},
	{assess.FieldEnd, "End Date", false, []string{"To", "End"}},
	{assess.FieldHours, "Hours Per Week", true, []string{"Hours", "Weekly Hours", "Hours/Week", "Hrs/Wk"}},
	{assess.FieldLocation, "Location", false, []string{"Province", "Country", "Work Location", "City"}},
	{assess.FieldType, "Employment Type", false, []string{"Type"}},
	{assess.FieldAuthorization, "Work Authorization", false, []string{"Authorization", "Permit"}},
	{assess.FieldPermitExpiry, "Permit Expiry", false, []string{"Permit Valid Until", "Work Permit Expiry", "Permit Expiry Date"}},
})

var testsSpec = newSheetSpec(sheetTests, []string{"Language", "Tests", "Test Scores"}, []column{
	{assess.FieldClientID, "Client ID", true, []string{"ID", "File Number"}},
	{assess.FieldTest, "Test", true, []string{"Test Type", "Exam"}},
	{assess.FieldTestDate, "Test Date", true, []string{"Date", "Date of Test"}},
	{assess.FieldListening, "Listening", true, []string{"L"}},
	{assess.FieldReading, "Reading", true, []string{"R"}},
	{assess.FieldWriting, "Writing", true, []string{"W"}},
	{assess.FieldSpeaking, "Speaking", true, []string{"S"}},
})

var studySpec = newSheetSpec(sheetStudy, []string{"Education", "Studies"}, []column{
	{assess.FieldClientID, "Client ID", true, []string{"ID", "File Number"}},
	{assess.FieldInstitution, "Institution", false, []string{"School"}},
	{assess.FieldCredential, "Credential", false, []string{"Program", "Level"}},
	{assess.FieldStart, "Start Date", true, []string{"From"}},
	{assess.FieldEnd, "End Date", false, []string{"To"}},
	{assess.FieldFullTime, "Full-Time", true, []string{"Full Time", "FT"}},
})

// sheetSpecs is in reading order: Clients first, so that every other row
// can be attached to its client as it streams by.
var sheetSpecs = []*sheetSpec{clientsSpec, employmentSpec, testsSpec, studySpec}

func newSheetSpec(name string, synonyms []string, cols []column) *sheetSpec {
	s := &sheetSpec{name: name, synonyms: synonyms, columns: cols, keys: map[string]*column{}}
	for i := range s.columns {
		c := &s.columns[i]
		for _, n := range append([]string{c.name}, c.synonyms...) {
			k := headerKey(n)
			if prev, dup := s.keys[k]; dup && prev != c {
				panic("ingest: header " + n + " is listed twice on sheet " + name)
			}
			s.keys[k] = c
		}
	}
	return s
}

// sheetKey folds a sheet name: case, spaces, "_" and "-" do not count.
func sheetKey(s string) string { return fold(s) }

// matches reports whether a workbook's sheet name is this sheet.
func (s *sheetSpec) matches(sheetName string) bool {
	k := sheetKey(sheetName)
	if k == sheetKey(s.name) {
		return true
	}
	for _, n := range s.synonyms {
		if k == sheetKey(n) {
			return true
		}
	}
	return false
}

// column returns the column a header cell names, or nil.
func (s *sheetSpec) column(header string) *column {
	return s.keys[headerKey(header)]
}

// accepted lists a column's names for an error message:
// `"Hours Per Week" (also accepted: "Hours", "Weekly Hours")`.
func (c *column) accepted() string {
	var b strings.Builder
	b.WriteString(`"` + c.name + `"`)
	if len(c.synonyms) > 0 {
		b.WriteString(" (also accepted: ")
		for i, n := range c.synonyms {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`"` + n + `"`)
		}
		b.WriteString(")")
	}
	return b.String()
}
