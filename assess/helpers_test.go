package assess

import (
	"strings"
	"testing"
)

// Test builders: a client on an intake workbook laid out as the README's intake
// sample, rows numbered from 2 under the header.

var (
	clientCols = map[string]string{FieldClientID: "A", FieldProvince: "F", FieldStatus: "H",
		FieldStatusExpiry: "I", FieldAdmissibility: "J", FieldAppDate: "E"}
	jobCols = map[string]string{FieldClientID: "A", FieldEmployer: "B", FieldTitle: "C", FieldNOC: "D",
		FieldTEER: "E", FieldStart: "F", FieldEnd: "G", FieldHours: "H", FieldLocation: "I", FieldType: "J",
		FieldAuthorization: "K", FieldPermitExpiry: "L"}
	testCols = map[string]string{FieldClientID: "A", FieldTest: "B", FieldTestDate: "C", FieldListening: "D",
		FieldReading: "E", FieldWriting: "F", FieldSpeaking: "G"}
	studyCols = map[string]string{FieldClientID: "A", FieldInstitution: "B", FieldStart: "D", FieldEnd: "E",
		FieldFullTime: "F"}
)

// day parses a date literal; "" is the zero Date.
func day(s string) Date {
	if s == "" {
		return 0
	}
	return MustDate(s)
}

// job is a paid, authorized job period in Canada; opts adjust it.
func job(employer, noc, start, end string, hours float64, opts ...func(*Job)) Job {
	j := Job{Employer: employer, Title: "Analyst", NOC: noc, TEER: -1, Start: day(start), End: day(end),
		HoursPerWeek: hours, InCanada: true, Type: Employee, Authorization: AuthOpenPermit}
	for _, o := range opts {
		o(&j)
	}
	return j
}

func ielts(date string, l, r, w, s float64) Test {
	return Test{Name: "IELTS General Training", Kind: IELTSGeneral, Date: day(date),
		Scores: [4]Score{{Value: l}, {Value: r}, {Value: w}, {Value: s}}}
}

// clb returns an IELTS General Training test at level lvl in all four
// abilities (lvl 7: all 6.0).
func clb(date string, lvl int) Test {
	row := map[int][4]float64{
		10: {8.5, 8, 7.5, 7.5}, 9: {8, 7, 7, 7}, 8: {7.5, 6.5, 6.5, 6.5}, 7: {6, 6, 6, 6},
		6: {5.5, 5, 5.5, 5.5}, 5: {5, 4, 5, 5}, 4: {4.5, 3.5, 4, 4},
	}[lvl]
	return ielts(date, row[0], row[1], row[2], row[3])
}

// newClient numbers the rows of jobs, tests and studies the way ingest does.
func newClient(app string, jobs []Job, tests []Test, studies ...Study) *Client {
	c := &Client{ID: "C-1", FamilyName: "Bérubé", GivenNames: "Élodie", Province: "ON", InCanada: Yes,
		Status: StatusWorker, ApplicationDate: day(app),
		Ref: Ref{Sheet: "Clients", Row: 2, Cols: clientCols}, Jobs: jobs, Tests: tests, Studies: studies}
	for i := range c.Jobs {
		c.Jobs[i].Ref = Ref{Sheet: "Employment", Row: i + 2, Cols: jobCols}
	}
	for i := range c.Tests {
		c.Tests[i].Ref = Ref{Sheet: "Language Tests", Row: i + 2, Cols: testCols}
	}
	for i := range c.Studies {
		c.Studies[i].Ref = Ref{Sheet: "Study", Row: i + 2, Cols: studyCols}
	}
	return c
}

func study(start, end string, fullTime bool) Study {
	return Study{Institution: "Seneca", Credential: "Diploma", Start: day(start), End: day(end), FullTime: fullTime}
}

// findings returns the findings with code (and kind, when not "").
func findings(a *Assessment, code string, kind Kind) []Finding {
	var out []Finding
	for _, f := range a.Findings {
		if f.Code == code && (kind == "" || f.Kind == kind) {
			out = append(out, f)
		}
	}
	return out
}

// mustFind fails the test unless a finding with code and kind exists, and
// returns the first.
func mustFind(t *testing.T, a *Assessment, code string, kind Kind) Finding {
	t.Helper()
	fs := findings(a, code, kind)
	if len(fs) == 0 {
		t.Fatalf("no %s %s finding; findings:\n%s", kind, code, dump(a))
	}
	return fs[0]
}

// hoursMet assesses c as if it applied on day on, and reports whether the
// hours requirement is met there under the defaults: met, or met as
// counted with a doubt that would leave it short (a concern).
func hoursMet(c *Client, on Date) bool {
	cc := *c
	cc.ApplicationDate = on
	a := rules.Assess(&cc, 0)
	w := a.Requirements[0]
	return w.Outcome == Met || w.Outcome == Concern && a.QualifyingHours >= rules.RequiredHours-eps
}

// objectiveHolds assesses c as if it applied on day on, and reports
// whether every objective requirement holds there (no failure finding).
func objectiveHolds(c *Client, on Date) (bool, *Assessment) {
	cc := *c
	cc.ApplicationDate = on
	a := rules.Assess(&cc, 0)
	for _, f := range a.Findings {
		if f.Kind == KindFailure {
			return false, a
		}
	}
	return true, a
}

func dump(a *Assessment) string {
	var b strings.Builder
	for _, f := range a.Findings {
		b.WriteString("  " + string(f.Kind) + " " + f.Code + " " + f.Cell + ": " + f.Text.String() + "\n")
	}
	return b.String()
}

// near compares hours to a hundredth of a second's worth of rounding.
func near(a, b float64) bool {
	d := a - b
	return d < 1e-6 && d > -1e-6
}

var rules = Current()
