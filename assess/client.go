package assess

import (
	"strconv"
	"strings"
)

// This file holds the facts about one client, as ingest reads them from the
// intake workbook. assess never reads a file: whoever builds a Client fills
// these fields, and every row keeps a Ref so that a finding can point the
// paralegal at the cell to check or fix.

// Ref locates one row of the intake workbook.
type Ref struct {
	// Sheet is the sheet's name as it is in the workbook ("Work History").
	Sheet string
	// Row is the 1-based row number.
	Row int
	// Cols maps a field name (the Field* constants) to the column letter it
	// was read from on this sheet. All rows of a sheet share one map.
	Cols map[string]string
}

// Field names for Ref.Cols.
const (
	FieldClientID      = "client_id"
	FieldFamilyName    = "family_name"
	FieldGivenNames    = "given_names"
	FieldDateOfBirth   = "date_of_birth"
	FieldAppDate       = "application_date"
	FieldProvince      = "province"
	FieldInCanada      = "in_canada"
	FieldStatus        = "status"
	FieldStatusExpiry  = "status_expiry"
	FieldAdmissibility = "admissibility"
	FieldNotes         = "notes"
	FieldEEProfileDate = "ee_profile_date"
	FieldITADate       = "ita_date"
	FieldLanguage      = "language"
	FieldFileStatus    = "file_status"

	FieldEmployer      = "employer"
	FieldTitle         = "title"
	FieldNOC           = "noc"
	FieldTEER          = "teer"
	FieldStart         = "start"
	FieldEnd           = "end"
	FieldHours         = "hours"
	FieldLocation      = "location"
	FieldType          = "type"
	FieldAuthorization = "authorization"
	FieldPermitExpiry  = "permit_expiry"

	FieldTest      = "test"
	FieldTestDate  = "test_date"
	FieldListening = "listening"
	FieldReading   = "reading"
	FieldWriting   = "writing"
	FieldSpeaking  = "speaking"

	FieldInstitution = "institution"
	FieldCredential  = "credential"
	FieldFullTime    = "full_time"
)

// Cell returns the reference of field's cell on this row ("Employment!F7").
// When the field's column is unknown (an optional column that is absent) it
// names column A of the row; a Ref with no sheet gives "".
func (r Ref) Cell(field string) string {
	if r.Sheet == "" || r.Row <= 0 {
		return ""
	}
	col := r.Cols[field]
	if col == "" {
		col = "A"
	}
	return r.Sheet + "!" + col + strconv.Itoa(r.Row)
}

// Column reports whether cell ("Employment!F7") is on r's row, and returns
// its column letters. The sheet name may itself contain "!" (Excel allows
// it); the cell address never does, so the last "!" separates them.
func (r Ref) Column(cell string) (col string, ok bool) {
	if r.Sheet == "" || r.Row <= 0 {
		return "", false
	}
	bang := strings.LastIndexByte(cell, '!')
	if bang < 0 || cell[:bang] != r.Sheet {
		return "", false
	}
	ref := cell[bang+1:]
	i := 0
	for i < len(ref) && (ref[i] < '0' || ref[i] > '9') {
		i++
	}
	if i == len(ref) || ref[i:] != strconv.Itoa(r.Row) {
		return "", false
	}
	return ref[:i], true
}

// RowCell returns the reference of the row's first cell ("Employment!A7").
func (r Ref) RowCell() string { return r.Cell("") }

// Tristate is a yes/no answer that may be blank.
type Tristate int8

const (
	Unknown Tristate = iota
	Yes
	No
)

func (t Tristate) String() string {
	switch t {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// Text is the answer in a sentence.
func (t Tristate) Text() Text {
	switch t {
	case Yes:
		return msg("yes")
	case No:
		return msg("no")
	}
	return msg("unknown")
}

// Status is the client's immigration status in Canada.
type Status string

const (
	StatusUnknown    Status = ""
	StatusWorker     Status = "worker"
	StatusStudent    Status = "student"
	StatusVisitor    Status = "visitor"
	StatusMaintained Status = "maintained"
	StatusRefugee    Status = "refugee claimant"
	StatusNone       Status = "none"
)

// Text is the status in a sentence ("worker").
func (s Status) Text() Text {
	switch s {
	case StatusWorker:
		return msg("worker")
	case StatusStudent:
		return msg("student")
	case StatusVisitor:
		return msg("visitor")
	case StatusMaintained:
		return msg("maintained")
	case StatusRefugee:
		return msg("refugee claimant")
	case StatusNone:
		return msg("none")
	}
	return Plain(string(s))
}

// EmploymentType says whether a job was paid employment.
type EmploymentType string

const (
	Employee     EmploymentType = "employee"
	SelfEmployed EmploymentType = "self-employed"
	Volunteer    EmploymentType = "volunteer"
	Unpaid       EmploymentType = "unpaid"
	// Leave is a period of leave without pay (unpaid, parental or sick
	// leave) at an employer: its days come out of that employer's jobs
	// (W-LEAVE) and it counts for nothing itself.
	Leave EmploymentType = "leave"
)

// Authorization is the work authorization a job was held under.
type Authorization string

const (
	AuthUnknown          Authorization = ""
	AuthOpenPermit       Authorization = "open work permit"
	AuthEmployerSpecific Authorization = "employer-specific work permit"
	AuthPGWP             Authorization = "PGWP"
	AuthMaintained       Authorization = "maintained status"
	AuthPermitExempt     Authorization = "permit-exempt"
	AuthStudyPermit      Authorization = "study permit"
	// AuthR186w is work after completing a program of study while a
	// PGWP application is pending (R186(w)): authorized, and it counts.
	AuthR186w Authorization = "R186(w)"
	// AuthRefugee is a work permit issued to a refugee claimant: authorized,
	// but not held with temporary resident status (W-STATUS).
	AuthRefugee Authorization = "refugee claimant"
	AuthNone    Authorization = "none"
)

// Text is the authorization in a sentence ("open work permit").
func (a Authorization) Text() Text {
	switch a {
	case AuthOpenPermit:
		return msg("open work permit")
	case AuthEmployerSpecific:
		return msg("employer-specific work permit")
	case AuthPGWP:
		return msg("PGWP")
	case AuthMaintained:
		return msg("maintained status")
	case AuthPermitExempt:
		return msg("permit-exempt")
	case AuthStudyPermit:
		return msg("study permit")
	case AuthR186w:
		return msg("R186(w)")
	case AuthRefugee:
		return msg("refugee claimant")
	case AuthNone:
		return msg("none")
	}
	return Plain(string(a))
}

// Text is the employment type in a sentence ("volunteer").
func (t EmploymentType) Text() Text {
	switch t {
	case Employee:
		return msg("employee")
	case SelfEmployed:
		return msg("self-employed")
	case Volunteer:
		return msg("volunteer")
	case Unpaid:
		return msg("unpaid")
	case Leave:
		return msg("leave")
	}
	return Plain(string(t))
}

// Client is everything the intake workbook says about one client.
type Client struct {
	Ref        Ref    // the client's row on the Clients sheet
	SourceFile string // the workbook's file name, for the opinion's footer

	ID          string
	FamilyName  string
	GivenNames  string
	DateOfBirth Date // zero: not given

	// ApplicationDate is the day the application is (to be) made; zero means
	// the run's as-of date.
	ApplicationDate Date
	// Province is the intended province or territory as a 2-letter code
	// ("ON", "QC"); "" when blank.
	Province string
	InCanada Tristate
	Status   Status
	// StatusExpiry is the day the current status ends; zero: not given.
	StatusExpiry Date
	// Admissibility is the concern as written; "" means none.
	Admissibility string
	Notes         string

	// EEProfileDate is the day the Express Entry profile was submitted (it
	// expires 12 months later); ITADate the day of the invitation to apply
	// (the eAPR is due 60 days later). Zero: not given.
	EEProfileDate Date
	ITADate       Date
	// Language is the language of the client's opinion and letter: "en",
	// "fr", or "" for the configured default.
	Language string
	// Closed is the Clients sheet's File Status "closed" (blank and "open"
	// leave the file open); ClosedReason is what follows "closed:"
	// ("applied", "withdrawn", "refused"), "" when nothing does.
	Closed       bool
	ClosedReason string

	Jobs    []Job
	Tests   []Test
	Studies []Study
	CRS     CRSProfile // the Express Entry estimate's inputs; never used for the CEC

	// Problems are the data problems ingest found on this client's rows.
	// Any problem makes the client needs_review.
	Problems []Problem
}

// FullName is "Given Family", trimmed.
func (c *Client) FullName() string {
	return strings.TrimSpace(c.GivenNames + " " + c.FamilyName)
}

// Problem is a data problem on one of the client's rows: a value that could
// not be read, or facts that contradict each other.
type Problem struct {
	Cell    string // "Employment!F7"
	Message Text   // plain words: what is wrong and what to do
}

// Job is one period of one job (a change of hours or NOC is a new row).
type Job struct {
	Ref      Ref
	Employer string
	Title    string
	// NOC is the code as text, as written once Excel's lost leading zeros
	// are put back by the engine ("21231", "2173", "10").
	NOC string
	// TEER is the TEER column of the row, or -1 when blank.
	TEER         int
	Start        Date
	End          Date // zero: still working there
	HoursPerWeek float64
	// Location is the place as written; "" means Canada.
	Location string
	// InCanada is ingest's reading of Location (blank, "Canada" or a
	// province or territory is in Canada).
	InCanada bool
	// PlaceDoubt is set when Location is a bare name that is both a
	// Canadian place and a well-known place abroad ("Halifax"): read as in
	// Canada, and a doubt (W-PLACE-VERIFY).
	PlaceDoubt    bool
	Type          EmploymentType
	Authorization Authorization
	// PermitExpiry is the day the row's permit expired or expires; zero:
	// not given. Days after it are unauthorized unless on maintained status.
	PermitExpiry Date
	// Entered holds the row's cells as typed (by Field* name) when ingest
	// could not read all of them, so the opinion shows the row as entered
	// instead of leaving it out; nil for a clean row.
	Entered map[string]string
}

// Study is one period of study in Canada.
type Study struct {
	Ref         Ref
	Institution string
	Credential  string
	Start       Date
	End         Date // zero: still studying
	FullTime    bool
}

// Ability indexes the four language abilities in the order of the intake sheet.
type Ability int

const (
	Listening Ability = iota
	Reading
	Writing
	Speaking
)

// Abilities lists the four abilities in order.
var Abilities = [4]Ability{Listening, Reading, Writing, Speaking}

func (a Ability) String() string {
	return [...]string{"listening", "reading", "writing", "speaking"}[a]
}

// Text is the ability's name in a sentence.
func (a Ability) Text() Text {
	return [...]Text{msg("listening"), msg("reading"), msg("writing"), msg("speaking")}[a]
}

// Score is one ability's result. Label is set instead of Value for a result
// that is not a number (CELPIP "M" or "NA"), which is below CLB 4.
type Score struct {
	Value float64
	Label string
}

func (s Score) String() string {
	if s.Label != "" {
		return s.Label
	}
	return strconv.FormatFloat(s.Value, 'f', -1, 64)
}

// Test is one language test sitting.
type Test struct {
	Ref Ref
	// Name is the test's name as written on the intake sheet.
	Name string
	// Kind is the recognised test; see ParseTestKind.
	Kind   TestKind
	Date   Date
	Scores [4]Score // indexed by Ability
	// Entered: as Job.Entered.
	Entered map[string]string
}
