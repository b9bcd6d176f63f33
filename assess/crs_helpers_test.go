package assess

import (
	"strings"
	"testing"
)

// Builders for the Express Entry tests, kept apart from the CEC engine's
// so that either can change without the other.

var (
	eeClientCols = map[string]string{FieldClientID: "A", FieldDateOfBirth: "D", FieldAppDate: "E",
		FieldEducation: "M", FieldECA: "N", FieldCanadianEducation: "O", FieldForeignWork: "P",
		FieldCertificate: "Q", FieldSibling: "R", FieldNomination: "S", FieldSpouseAccompanying: "T",
		FieldSpouseEducation: "U", FieldSpouseECA: "V", FieldSpouseCanadianWork: "W"}
	eeJobCols  = map[string]string{FieldEmployer: "B", FieldNOC: "D", FieldStart: "F", FieldEnd: "G", FieldHours: "H"}
	eeTestCols = map[string]string{FieldTest: "B", FieldTestDate: "C", FieldListening: "D", FieldReading: "E",
		FieldWriting: "F", FieldSpeaking: "G", FieldPerson: "H"}
)

// eeJob is a paid, authorized job period in Canada.
func eeJob(noc, start, end string, hours float64, opts ...func(*Job)) Job {
	j := Job{Employer: "Employer " + noc, NOC: noc, TEER: -1, Start: dateOrZero(start), End: dateOrZero(end),
		HoursPerWeek: hours, InCanada: true, Type: Employee, Authorization: AuthOpenPermit}
	for _, o := range opts {
		o(&j)
	}
	return j
}

func abroad(j *Job) { j.InCanada, j.Location = false, "India" }

func dateOrZero(s string) Date {
	if s == "" {
		return 0
	}
	return MustDate(s)
}

// celpip is a CELPIP-General test at the four levels given (its score is its CLB).
func celpip(date string, l, r, w, s int) Test {
	return Test{Name: "CELPIP-General", Kind: CELPIPGeneral, Date: MustDate(date),
		Scores: [4]Score{{Value: float64(l)}, {Value: float64(r)}, {Value: float64(w)}, {Value: float64(s)}}}
}

// tcf is a TCF Canada test at NCLC levels 4–10 in all four abilities, by the
// minimum score of each level.
func tcf(date string, l, r, w, s int) Test {
	lr := map[int][2]float64{4: {331, 342}, 5: {369, 375}, 6: {398, 406}, 7: {458, 453}, 8: {503, 499}, 9: {523, 524}, 10: {549, 549}}
	ws := map[int]float64{4: 4, 5: 6, 6: 7, 7: 10, 8: 12, 9: 14, 10: 16}
	return Test{Name: "TCF Canada", Kind: TCFCanada, Date: MustDate(date),
		Scores: [4]Score{{Value: lr[l][0]}, {Value: lr[r][1]}, {Value: ws[w]}, {Value: ws[s]}}}
}

// eeClient is a client assessed on app, with the CRS columns present and
// every CRS input known as "nothing" unless opts change it.
func eeClient(app, dob string, jobs []Job, tests []Test, opts ...func(*CRSProfile)) *Client {
	c := &Client{ID: "EE-1", FamilyName: "Test", GivenNames: "Client", Province: "ON", InCanada: Yes, Status: StatusWorker,
		ApplicationDate: MustDate(app), DateOfBirth: dateOrZero(dob),
		Ref: Ref{Sheet: "Clients", Row: 2, Cols: eeClientCols}, Jobs: jobs, Tests: tests}
	for i := range c.Jobs {
		c.Jobs[i].Ref = Ref{Sheet: "Employment", Row: i + 2, Cols: eeJobCols}
	}
	for i := range c.Tests {
		c.Tests[i].Ref = Ref{Sheet: "Language Tests", Row: i + 2, Cols: eeTestCols}
	}
	c.CRS = CRSProfile{Columns: true, Education: EducationNone, ECA: ECANo, CanadianEducation: EducationNone,
		ForeignWorkYears: KnownYears(0), Certificate: No, Sibling: No, Nomination: No, SpouseAccompanying: No}
	for _, o := range opts {
		o(&c.CRS)
	}
	for i := range c.CRS.SpouseTests {
		c.CRS.SpouseTests[i].Ref = Ref{Sheet: "Language Tests", Row: len(c.Tests) + i + 2, Cols: eeTestCols}
	}
	return c
}

func eeAssess(c *Client) *ExpressEntry {
	return BuiltinExpressEntry().Assess(Current(), c, c.ApplicationDate)
}

func eeFindings(x *ExpressEntry, code string) []Finding {
	var out []Finding
	for _, f := range x.Findings {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func flagOf(t *testing.T, x *ExpressEntry, id string) CategoryFlag {
	t.Helper()
	for _, f := range x.Flags {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no flag %q in %+v", id, x.Flags)
	return CategoryFlag{}
}

func mustContain(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q does not contain %q", what, got, w)
		}
	}
}
