package assess

import "strings"

// This file holds the facts the Express Entry readiness estimate needs
// beyond the CEC: the optional Clients columns of the README's "Express
// Entry readiness" section and the spouse's language tests. Every one of
// them may be blank; a blank is an unknown with a finite domain, and the
// estimate becomes a range over it.

// Field names (Ref.Cols) of the optional Clients columns read for the CRS,
// and of the Language Tests column saying whose test a row is.
const (
	FieldEducation          = "education_level"
	FieldECA                = "eca"
	FieldCanadianEducation  = "canadian_education"
	FieldForeignWork        = "foreign_work_years"
	FieldCertificate        = "certificate_of_qualification"
	FieldSibling            = "sibling_in_canada"
	FieldNomination         = "provincial_nomination"
	FieldSpouseAccompanying = "spouse_accompanying"
	FieldSpouseEducation    = "spouse_education"
	FieldSpouseECA          = "spouse_eca"
	FieldSpouseCanadianWork = "spouse_canadian_work_years"
	FieldPerson             = "person"
)

// EducationLevel is a level of education as the CRS grid counts it. The
// zero value is unknown (a blank cell); the others are ordered, so the
// higher of two levels is the larger value.
type EducationLevel int8

const (
	EducationUnknown EducationLevel = iota
	EducationNone                   // less than secondary school
	EducationSecondary
	EducationOneYear
	EducationTwoYear
	EducationThreeYear // a bachelor's degree, or any program of 3 years or more
	EducationTwoOrMore // two or more post-secondary credentials, one of 3+ years
	EducationMasters   // also an entry-to-practice professional degree (TEER 1 licensed occupation)
	EducationDoctoral
)

// EducationLevels lists the known levels from lowest to highest.
var EducationLevels = [8]EducationLevel{EducationNone, EducationSecondary, EducationOneYear,
	EducationTwoYear, EducationThreeYear, EducationTwoOrMore, EducationMasters, EducationDoctoral}

// CanadianEducationLevels lists the values Canadian Education may take:
// every level but two-or-more (the column names one credential).
var CanadianEducationLevels = [7]EducationLevel{EducationNone, EducationSecondary, EducationOneYear,
	EducationTwoYear, EducationThreeYear, EducationMasters, EducationDoctoral}

var educationNames = [...]string{"", "none", "secondary", "one-year", "two-year", "three-year",
	"two-or-more", "master's", "doctoral"}

// String is the level's name as the intake's drop-down writes it ("" when unknown).
func (l EducationLevel) String() string {
	if l < 0 || int(l) >= len(educationNames) {
		return ""
	}
	return educationNames[l]
}

// Text is the level in a sentence ("three-year").
func (l EducationLevel) Text() Text {
	switch l {
	case EducationNone:
		return msg("none")
	case EducationSecondary:
		return msg("secondary")
	case EducationOneYear:
		return msg("one-year")
	case EducationTwoYear:
		return msg("two-year")
	case EducationThreeYear:
		return msg("three-year")
	case EducationTwoOrMore:
		return msg("two-or-more")
	case EducationMasters:
		return msg("master's")
	case EducationDoctoral:
		return msg("doctoral")
	}
	return Text{}
}

// Index is the level's column in the grid's education tables (none = 0).
func (l EducationLevel) Index() int { return int(l) - 1 }

// educationSynonyms maps a folded value (see foldValue) to its level.
var educationSynonyms = map[string]EducationLevel{
	"none": EducationNone, "lessthansecondary": EducationNone,
	"secondary": EducationSecondary, "highschool": EducationSecondary,
	"oneyear": EducationOneYear, "1year": EducationOneYear,
	"twoyear": EducationTwoYear, "2year": EducationTwoYear,
	"threeyear": EducationThreeYear, "3year": EducationThreeYear, "bachelors": EducationThreeYear, "bachelor": EducationThreeYear,
	"twoormore": EducationTwoOrMore,
	"masters":   EducationMasters, "master": EducationMasters, "professional": EducationMasters,
	"doctoral": EducationDoctoral, "phd": EducationDoctoral, "doctorate": EducationDoctoral,
}

// ParseEducationLevel reads an Education Level cell: the drop-down's
// values and their synonyms, in any case, with or without spaces,
// hyphens or apostrophes ("Master's", "masters", "PhD", "3-year"). ok is
// false for a value that is not a level; a blank cell is not passed here.
func ParseEducationLevel(s string) (EducationLevel, bool) {
	l, ok := educationSynonyms[foldValue(s)]
	return l, ok
}

// ECAStatus says whether the foreign credential behind an education level
// has an Educational Credential Assessment. The zero value is unknown.
type ECAStatus int8

const (
	ECAUnknown ECAStatus = iota
	ECAYes
	ECANo
	// ECACanadian: the level was earned in Canada, so no ECA is needed.
	ECACanadian
)

// ECAStatuses lists the known values.
var ECAStatuses = [3]ECAStatus{ECAYes, ECANo, ECACanadian}

func (e ECAStatus) String() string {
	switch e {
	case ECAYes:
		return "yes"
	case ECANo:
		return "no"
	case ECACanadian:
		return "canadian"
	}
	return ""
}

// Counts reports whether an education level with this ECA status is counted.
func (e ECAStatus) Counts() bool { return e == ECAYes || e == ECACanadian }

// ParseECA reads an ECA cell: yes/no (as every yes/no column) or canadian.
func ParseECA(s string) (ECAStatus, bool) {
	switch foldValue(s) {
	case "yes", "y", "true", "1", "x", "oui":
		return ECAYes, true
	case "no", "n", "false", "0", "non":
		return ECANo, true
	case "canadian", "canada", "canadianeducation":
		return ECACanadian, true
	}
	return ECAUnknown, false
}

// foldValue lower-cases s and keeps only its letters and digits.
func foldValue(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Years is a whole number of years entered on the intake sheet, or
// unknown (the zero value: a blank cell).
type Years struct {
	N     int
	Known bool
}

// KnownYears returns n years, known.
func KnownYears(n int) Years { return Years{N: n, Known: true} }

// CRSProfile is what the intake says about a client for the Express Entry
// readiness estimate, beyond the CEC facts of Client. The zero value is a
// workbook without the CRS columns: nothing is estimated.
type CRSProfile struct {
	// Columns is set when the Clients sheet has at least one of the CRS
	// columns; without any, the CRS is not estimated (E-NOT-ESTIMATED).
	Columns bool

	// Education is the highest level of education (Education Level).
	Education EducationLevel
	// ECA says whether that level is backed by an ECA, or was earned in
	// Canada.
	ECA ECAStatus
	// CanadianEducation is the highest credential earned in Canada.
	CanadianEducation EducationLevel
	// ForeignWorkYears is whole years of skilled work outside Canada in
	// the 10 years before A; 3 means 3 or more.
	ForeignWorkYears Years
	// Certificate: a certificate of qualification in a trade.
	Certificate Tristate
	// Sibling: a brother or sister in Canada (the README's conditions).
	Sibling Tristate
	// Nomination: a provincial or territorial nomination. Unknown is read
	// as no, and the estimate says so.
	Nomination Tristate
	// SpouseAccompanying: a spouse or partner who will come to Canada and
	// is not a Canadian citizen or permanent resident.
	SpouseAccompanying Tristate
	// SpouseEducation, SpouseECA and SpouseCanadianWorkYears are the
	// spouse's factors.
	SpouseEducation         EducationLevel
	SpouseECA               ECAStatus
	SpouseCanadianWorkYears Years
	// SpouseTests are the spouse's test rows (Person = spouse): read with
	// the client's tables and validity rule, never used for the CEC.
	SpouseTests []Test

	// Problems are the CRS cells ingest could not read. Each value is
	// treated as unknown and, unlike Client.Problems, never changes the
	// CEC verdict.
	Problems []Problem
}
