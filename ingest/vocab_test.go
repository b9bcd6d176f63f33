package ingest

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// TestVocabularies reads every word and synonym of the README's intake vocabulary
// columns, in the cases and spellings people type.
func TestVocabularies(t *testing.T) {
	statusCases := map[string]assess.Status{
		"worker": assess.StatusWorker, "Work Permit": assess.StatusWorker,
		"student": assess.StatusStudent, "study permit": assess.StatusStudent,
		"visitor": assess.StatusVisitor, "Visitor Record": assess.StatusVisitor,
		"maintained": assess.StatusMaintained, "Maintained Status": assess.StatusMaintained, "implied status": assess.StatusMaintained,
		"refugee claimant": assess.StatusRefugee, "Refugee Claimant": assess.StatusRefugee, "REFUGEE-CLAIMANT": assess.StatusRefugee,
		"asylum claimant": assess.StatusRefugee, "asylum seeker": assess.StatusRefugee,
		"none": assess.StatusNone, "no status": assess.StatusNone, "out of status": assess.StatusNone,
	}
	for in, want := range statusCases {
		if got, ok := statuses.lookup(in); !ok || got != want {
			t.Errorf("status %q = %q, %v; want %q", in, got, ok, want)
		}
	}
	typeCases := map[string]assess.EmploymentType{
		"employee": assess.Employee, "Employed": assess.Employee, "salaried": assess.Employee,
		"self-employed": assess.SelfEmployed, "Self Employed": assess.SelfEmployed, "contractor": assess.SelfEmployed,
		"independent contractor": assess.SelfEmployed, "freelance": assess.SelfEmployed, "freelancer": assess.SelfEmployed,
		"business owner": assess.SelfEmployed, "Business Owner": assess.SelfEmployed,
		"volunteer": assess.Volunteer,
		"unpaid":    assess.Unpaid, "unpaid intern": assess.Unpaid, "Unpaid Internship": assess.Unpaid,
		"leave": assess.Leave, "Leave": assess.Leave, "unpaid leave": assess.Leave, "parental leave": assess.Leave,
		"Parental Leave": assess.Leave, "maternity leave": assess.Leave, "sick leave": assess.Leave, "leave without pay": assess.Leave,
	}
	for in, want := range typeCases {
		if got, ok := employmentTypes.lookup(in); !ok || got != want {
			t.Errorf("employment type %q = %q, %v; want %q", in, got, ok, want)
		}
	}
	authCases := map[string]assess.Authorization{
		"open work permit": assess.AuthOpenPermit, "OWP": assess.AuthOpenPermit, "open": assess.AuthOpenPermit,
		"employer-specific work permit": assess.AuthEmployerSpecific, "employer specific": assess.AuthEmployerSpecific,
		"closed work permit": assess.AuthEmployerSpecific, "LMIA": assess.AuthEmployerSpecific, "closed": assess.AuthEmployerSpecific,
		"PGWP": assess.AuthPGWP, "post-graduation work permit": assess.AuthPGWP,
		"maintained status": assess.AuthMaintained, "maintained": assess.AuthMaintained, "implied status": assess.AuthMaintained,
		"permit-exempt": assess.AuthPermitExempt, "work permit exempt": assess.AuthPermitExempt, "exempt": assess.AuthPermitExempt,
		"study permit": assess.AuthStudyPermit,
		"R186(w)":      assess.AuthR186w, "r186(w)": assess.AuthR186w, "R186w": assess.AuthR186w, "R 186 (w)": assess.AuthR186w,
		"awaiting PGWP": assess.AuthR186w, "Awaiting PGWP": assess.AuthR186w, "studies completed": assess.AuthR186w,
		"refugee claimant": assess.AuthRefugee, "Refugee Claimant": assess.AuthRefugee, "refugee claimant work permit": assess.AuthRefugee,
		"none": assess.AuthNone, "no authorization": assess.AuthNone, "no permit": assess.AuthNone,
	}
	for in, want := range authCases {
		if got, ok := authorizations.lookup(in); !ok || got != want {
			t.Errorf("authorization %q = %q, %v; want %q", in, got, ok, want)
		}
	}
	// Words that sound close but mean something else stay unknown: paid
	// leave is work, a refugee (protected person) is not a claimant.
	for _, in := range []string{"paid leave", "vacation"} {
		if got, ok := employmentTypes.lookup(in); ok {
			t.Errorf("employment type %q read as %q", in, got)
		}
	}
	if got, ok := statuses.lookup("refugee"); ok {
		t.Errorf("status \"refugee\" read as %q", got)
	}
}

// TestPermitExpiry reads the Permit Expiry column under each of its names,
// as a date cell or text, and reports an unreadable one on its cell.
func TestPermitExpiry(t *testing.T) {
	cases := []struct {
		header string
		value  any
		want   string // "" with problem = blank
		bad    bool
	}{
		{"Permit Expiry", serialOf("2026-09-30"), "2026-09-30", false},
		{"Permit Valid Until", "2026-09-30", "2026-09-30", false},
		{"Work Permit Expiry", "30 September 2026", "2026-09-30", false},
		{"Permit Expiry Date", nil, "", false},
		{"Permit Expiry", "soon", "", true},
	}
	for _, tc := range cases {
		sheets := baseSheets()
		emp := sheets[1].rows
		emp[0] = append(emp[0], tc.header)
		emp[1] = append(emp[1], nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)[:11]
		emp[1] = append(emp[1], tc.value)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		j := wb.Clients[0].Jobs[0]
		if got := j.PermitExpiry; (got.IsZero() && tc.want != "") || (!got.IsZero() && got.String() != tc.want) {
			t.Errorf("%s %v: PermitExpiry = %s, want %q", tc.header, tc.value, got, tc.want)
		}
		if j.Ref.Cols[assess.FieldPermitExpiry] != "L" {
			t.Errorf("%s: the column is not recorded: %v", tc.header, j.Ref.Cols)
		}
		probs := wb.Clients[0].Problems
		if tc.bad != (len(probs) == 1) || (tc.bad && (probs[0].Cell != "Employment!L2" || !strings.Contains(probs[0].Message.String(), tc.header))) {
			t.Errorf("%s %v: problems %+v", tc.header, tc.value, probs)
		}
		if tc.bad && j.Entered[assess.FieldPermitExpiry] != "soon" {
			t.Errorf("the bad row's Entered = %v", j.Entered)
		}
	}
}

// TestEnteredShowsTheRowAsTyped: a bad job or test row keeps every cell
// as the paralegal sees it: text as typed, a date cell as its date (not
// the serial number the cell holds), blank cells left out.
func TestEnteredShowsTheRowAsTyped(t *testing.T) {
	sheets := baseSheets()
	setCell(sheets, "Employment", 2, colOf(sheets, "Employment", "Hours Per Week"), "full time")
	setCell(sheets, "Language Tests", 2, colOf(sheets, "Language Tests", "Reading"), "B2")
	wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
	c := wb.Clients[0]
	if len(c.Jobs) != 1 || len(c.Tests) != 1 {
		t.Fatalf("the bad rows were not kept: %d jobs, %d tests", len(c.Jobs), len(c.Tests))
	}
	wantJob := map[string]string{
		assess.FieldClientID: "C-001", assess.FieldEmployer: "Maple Software Inc.", assess.FieldTitle: "Developer",
		assess.FieldNOC: "21231", assess.FieldTEER: "1", assess.FieldStart: "2023-03-01", assess.FieldHours: "full time",
		assess.FieldLocation: "Ontario", assess.FieldType: "employee", assess.FieldAuthorization: "PGWP",
	}
	if got := c.Jobs[0].Entered; !equalMaps(got, wantJob) {
		t.Errorf("job Entered:\n got %v\nwant %v", got, wantJob)
	}
	wantTest := map[string]string{
		assess.FieldClientID: "C-001", assess.FieldTest: "CELPIP-G", assess.FieldTestDate: "2025-01-20",
		assess.FieldListening: "9", assess.FieldReading: "B2", assess.FieldWriting: "M", assess.FieldSpeaking: "10",
	}
	if got := c.Tests[0].Entered; !equalMaps(got, wantTest) {
		t.Errorf("test Entered:\n got %v\nwant %v", got, wantTest)
	}
	// The clean rows of the other client carry nothing.
	for _, j := range wb.Clients[1].Jobs {
		if j.Entered != nil {
			t.Errorf("a clean job row carries Entered %v", j.Entered)
		}
	}
	// And the engine shows the rows as not assessed because of their data.
	a := assess.Current().Assess(c, c.ApplicationDate)
	if a.Jobs[0].Status != assess.JobUnreadable {
		t.Errorf("the bad job row is %q in the assessment", a.Jobs[0].Status)
	}
	if a.Tests[0].Why.String() == "" || a.Tests[0].Accepted && a.Tests[0].Valid {
		t.Errorf("the bad test row is used in the assessment: %+v", a.Tests[0])
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
