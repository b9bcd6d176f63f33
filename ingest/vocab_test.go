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
		// The open permits by their own names, the study permit's co-op
		// work, and the ways of having none.
		"bridging open work permit": assess.AuthOpenPermit, "BOWP": assess.AuthOpenPermit, "bowp": assess.AuthOpenPermit,
		"spousal open work permit": assess.AuthOpenPermit, "SOWP": assess.AuthOpenPermit, "working holiday": assess.AuthOpenPermit,
		"IEC working holiday": assess.AuthOpenPermit, "IEC - Working Holiday": assess.AuthOpenPermit,
		"IEC Young Professionals": assess.AuthEmployerSpecific, "IEC International Co-op": assess.AuthEmployerSpecific,
		"co-op work permit": assess.AuthStudyPermit, "Coop Work Permit": assess.AuthStudyPermit,
		"visitor record": assess.AuthNone, "Restoration": assess.AuthNone, "no permit ": assess.AuthNone,
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

// TestAuthorizationWords: every word the "did you mean" of a Work
// Authorization can offer is a word the column accepts, and the problem
// message lists every accepted word; a bare IEC asks which category.
func TestAuthorizationWords(t *testing.T) {
	for _, c := range authorizations.choices {
		if _, ok := authorizations.lookup(c.word); !ok {
			t.Errorf("the hint may offer %q, which the column does not accept", c.word)
		}
		if !strings.Contains(authorizationChoices.String(), c.word) {
			t.Errorf("the message's list lacks %q", c.word)
		}
	}
	for _, typo := range []string{"SOWPP", "bridging open work permt", "IEC workng holiday", "vistor record", "co-op work permt"} {
		w := authorizations.choices.nearest(typo)
		if w == "" {
			t.Errorf("%q: no suggestion", typo)
			continue
		}
		if _, ok := authorizations.lookup(w); !ok {
			t.Errorf("%q: the suggestion %q is not accepted", typo, w)
		}
	}
	for _, bare := range []string{"IEC", "iec", "I.E.C.", "IEC work permit", "International Experience Canada"} {
		sheets := baseSheets()
		set("Employment", 2, "Work Authorization", bare)(sheets)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		c := wb.Clients[0]
		if len(c.Problems) != 1 || c.Problems[0].Cell != "Employment!K2" || c.Jobs[0].Authorization != assess.AuthUnknown {
			t.Fatalf("%q: problems %+v, authorization %q", bare, c.Problems, c.Jobs[0].Authorization)
		}
		for _, w := range []string{"which International Experience Canada category", "IEC working holiday (an open work permit)", "employer-specific"} {
			if !strings.Contains(c.Problems[0].Message.String(), w) {
				t.Errorf("%q: %q lacks %q", bare, c.Problems[0].Message, w)
			}
		}
	}
}

// TestOpinionLanguageAndFileStatus reads the Clients sheet's Language and
// File Status columns in every accepted spelling, and reports anything
// else on its cell with what to write.
func TestOpinionLanguageAndFileStatus(t *testing.T) {
	for _, tc := range []struct {
		lang, status any
		wantLang     string
		closed       bool
		reason       string
		bad          []string // the cells with a problem
		words        []string
	}{
		{lang: nil, status: nil},
		{lang: "en", status: "open", wantLang: "en"},
		{lang: "FR", status: "Open", wantLang: "fr"},
		{lang: "English", status: "closed", wantLang: "en", closed: true},
		{lang: "french", status: "closed: applied", wantLang: "fr", closed: true, reason: "applied"},
		{lang: "Anglais", status: "Closed: Withdrawn", wantLang: "en", closed: true, reason: "withdrawn"},
		{lang: "Français", status: "CLOSED - refused", wantLang: "fr", closed: true, reason: "refused"},
		{lang: "FRANCAIS", status: "closed: transferred to the Vancouver office", wantLang: "fr", closed: true, reason: "transferred to the Vancouver office"},
		{lang: " en ", status: "closed (applied)", wantLang: "en", closed: true, reason: "applied"},
		{lang: "German", bad: []string{"Clients!N2"}, words: []string{`"Language" "German" is not a language of opinion`, "en or English, fr or French"}},
		{lang: "Englsh", bad: []string{"Clients!N2"}, words: []string{`Did you mean "English"?`}},
		{status: "pending", bad: []string{"Clients!O2"}, words: []string{`"File Status" "pending" is not a file status`, "closed: applied"}},
		{status: "opne", bad: []string{"Clients!O2"}, words: []string{`Did you mean "open"?`}},
		{status: "withdrawn", bad: []string{"Clients!O2"}, words: []string{`Did you mean "closed: withdrawn"?`}},
		{status: "closedapplied", bad: []string{"Clients!O2"}},
	} {
		sheets := baseSheets()
		clients := sheets[0].rows
		clients[0] = append(clients[0][:11:11], "EE Profile Date", "ITA Date", "Language", "File Status")
		clients[1] = append(clients[1][:11:11], serialOf("2025-01-10"), "2025-03-04", tc.lang, tc.status)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		c := wb.Clients[0]
		var cells []string
		for _, p := range c.Problems {
			cells = append(cells, p.Cell)
			for _, w := range tc.words {
				if !strings.Contains(p.Message.String(), w) {
					t.Errorf("%v/%v: %q lacks %q", tc.lang, tc.status, p.Message, w)
				}
			}
		}
		if strings.Join(cells, " ") != strings.Join(tc.bad, " ") {
			t.Errorf("%v/%v: problems on %v, want %v: %+v", tc.lang, tc.status, cells, tc.bad, c.Problems)
		}
		if len(tc.bad) > 0 {
			continue
		}
		if c.Language != tc.wantLang || c.Closed != tc.closed || c.ClosedReason != tc.reason {
			t.Errorf("%v/%v: language %q, closed %v %q; want %q, %v %q", tc.lang, tc.status, c.Language, c.Closed, c.ClosedReason, tc.wantLang, tc.closed, tc.reason)
		}
		if c.EEProfileDate != d("2025-01-10") || c.ITADate != d("2025-03-04") {
			t.Errorf("EE Profile Date %s, ITA Date %s", c.EEProfileDate, c.ITADate)
		}
		if col := c.Ref.Cols[assess.FieldITADate]; col != "M" {
			t.Errorf("the ITA Date column is recorded as %q", col)
		}
	}
	// The other names of the columns.
	for _, h := range []string{"Express Entry Profile Date", "Profile Submitted", "Invitation Date", "Date of ITA", "Opinion Language", "Langue", "Case Status"} {
		if col := clientsSpec.column(h); col == nil {
			t.Errorf("the header %q is not read", h)
		}
	}
}

// TestAmbiguousPlaceIsCanadaWithADoubt: a bare Halifax is read as in
// Canada and marked as a doubt for the engine, with no problem; with its
// province it is Canada, with its country abroad, neither in doubt.
func TestAmbiguousPlaceIsCanadaWithADoubt(t *testing.T) {
	for _, tc := range []struct {
		place         string
		inCanada, due bool
	}{{"Halifax", true, true}, {"Victoria", true, true}, {"Halifax, NS", true, false}, {"London, UK", false, false}, {"Toronto", true, false}} {
		sheets := baseSheets()
		set("Employment", 2, "Location", tc.place)(sheets)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		j := wb.Clients[0].Jobs[0]
		if len(wb.AllProblems()) != 0 || j.InCanada != tc.inCanada || j.PlaceDoubt != tc.due || j.Location != tc.place {
			t.Errorf("%q: in Canada %v, doubt %v, location %q; problems:\n%s", tc.place, j.InCanada, j.PlaceDoubt, j.Location, problemsText(wb))
		}
	}
}

// TestOneSkillRetakeIsRecognised: an IELTS One Skill Retake row is a
// recognised test, not a problem: the engine refuses it with its reason.
func TestOneSkillRetakeIsRecognised(t *testing.T) {
	for _, name := range []string{"IELTS One Skill Retake", "IELTS General Training One Skill Retake"} {
		sheets := baseSheets()
		set("Language Tests", 2, "Test", name)(sheets)
		set("Language Tests", 2, "Writing", 7)(sheets)
		wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
		c := wb.Clients[0]
		if len(c.Problems) != 0 || c.Tests[0].Kind != assess.IELTSOneSkillRetake {
			t.Errorf("%q: kind %q, problems %+v", name, c.Tests[0].Kind, c.Problems)
		}
	}
}
