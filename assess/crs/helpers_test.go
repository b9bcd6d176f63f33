package crs

import (
	"math"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// Builders for the Express Entry tests, kept apart from the CEC engine's
// so that either can change without the other.

var (
	eeClientCols = map[string]string{assess.FieldClientID: "A", assess.FieldDateOfBirth: "D", assess.FieldAppDate: "E",
		assess.FieldEducation: "M", assess.FieldECA: "N", assess.FieldCanadianEducation: "O", assess.FieldForeignWork: "P",
		assess.FieldCertificate: "Q", assess.FieldSibling: "R", assess.FieldNomination: "S", assess.FieldSpouseAccompanying: "T",
		assess.FieldSpouseEducation: "U", assess.FieldSpouseECA: "V", assess.FieldSpouseCanadianWork: "W"}
	eeJobCols  = map[string]string{assess.FieldEmployer: "B", assess.FieldNOC: "D", assess.FieldStart: "F", assess.FieldEnd: "G", assess.FieldHours: "H"}
	eeTestCols = map[string]string{assess.FieldTest: "B", assess.FieldTestDate: "C", assess.FieldListening: "D", assess.FieldReading: "E",
		assess.FieldWriting: "F", assess.FieldSpeaking: "G", assess.FieldPerson: "H"}
)

// eeJob is a paid, authorized job period in Canada.
func eeJob(noc, start, end string, hours float64, opts ...func(*assess.Job)) assess.Job {
	j := assess.Job{Employer: "Employer " + noc, NOC: noc, TEER: -1, Start: dateOrZero(start), End: dateOrZero(end),
		HoursPerWeek: hours, InCanada: true, Type: assess.Employee, Authorization: assess.AuthOpenPermit}
	for _, o := range opts {
		o(&j)
	}
	return j
}

func abroad(j *assess.Job) { j.InCanada, j.Location = false, "India" }

func dateOrZero(s string) assess.Date {
	if s == "" {
		return 0
	}
	return assess.MustDate(s)
}

// celpip is a CELPIP-General test at the four levels given (its score is its CLB).
func celpip(date string, l, r, w, s int) assess.Test {
	return assess.Test{Name: "CELPIP-General", Kind: assess.CELPIPGeneral, Date: assess.MustDate(date),
		Scores: [4]assess.Score{{Value: float64(l)}, {Value: float64(r)}, {Value: float64(w)}, {Value: float64(s)}}}
}

// tcf is a TCF Canada test at NCLC levels 4–10 in all four abilities, by the
// minimum score of each level.
func tcf(date string, l, r, w, s int) assess.Test {
	lr := map[int][2]float64{4: {331, 342}, 5: {369, 375}, 6: {398, 406}, 7: {458, 453}, 8: {503, 499}, 9: {523, 524}, 10: {549, 549}}
	ws := map[int]float64{4: 4, 5: 6, 6: 7, 7: 10, 8: 12, 9: 14, 10: 16}
	return assess.Test{Name: "TCF Canada", Kind: assess.TCFCanada, Date: assess.MustDate(date),
		Scores: [4]assess.Score{{Value: lr[l][0]}, {Value: lr[r][1]}, {Value: ws[w]}, {Value: ws[s]}}}
}

// eeClient is a client assessed on app, with the CRS columns present and
// every CRS input known as "nothing" unless opts change it.
func eeClient(app, dob string, jobs []assess.Job, tests []assess.Test, opts ...func(*assess.CRSProfile)) *assess.Client {
	c := &assess.Client{ID: "EE-1", FamilyName: "Test", GivenNames: "Client", Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker,
		ApplicationDate: assess.MustDate(app), DateOfBirth: dateOrZero(dob),
		Ref: assess.Ref{Sheet: "Clients", Row: 2, Cols: eeClientCols}, Jobs: jobs, Tests: tests}
	for i := range c.Jobs {
		c.Jobs[i].Ref = assess.Ref{Sheet: "Employment", Row: i + 2, Cols: eeJobCols}
	}
	for i := range c.Tests {
		c.Tests[i].Ref = assess.Ref{Sheet: "Language Tests", Row: i + 2, Cols: eeTestCols}
	}
	c.CRS = assess.CRSProfile{Columns: true, Education: assess.EducationNone, ECA: assess.ECANo, CanadianEducation: assess.EducationNone,
		ForeignWorkYears: assess.KnownYears(0), Certificate: assess.No, Sibling: assess.No, Nomination: assess.No, SpouseAccompanying: assess.No}
	for _, o := range opts {
		o(&c.CRS)
	}
	for i := range c.CRS.SpouseTests {
		c.CRS.SpouseTests[i].Ref = assess.Ref{Sheet: "Language Tests", Row: len(c.Tests) + i + 2, Cols: eeTestCols}
	}
	return c
}

func eeAssess(c *assess.Client) *Estimate {
	return Builtin().Assess(assess.Current(), c, c.ApplicationDate)
}

func eeFindings(x *Estimate, code string) []assess.Finding {
	var out []assess.Finding
	for _, f := range x.Findings {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func flagOf(t *testing.T, x *Estimate, id string) CategoryFlag {
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

// near compares hours up to the engine's floating-point noise.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
