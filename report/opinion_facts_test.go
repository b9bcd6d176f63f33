package report

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// printed is the text of an opinion as the trace gives it: the words
// alone, wrapped lines joined, so that a test can look for sentences.
func printed(t *testing.T, r *OpinionRenderer, a *assess.Assessment) string {
	t.Helper()
	trace, _ := traced(t, r, a)
	var words []string
	for _, l := range strings.Split(trace, "\n") {
		if f := strings.Fields(l); len(f) > 4 {
			words = append(words, f[4:]...)
		}
	}
	return strings.Join(words, " ")
}

// mustContain reports each of wants that text lacks.
func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("opinion lacks %q", w)
		}
	}
}

// unreadableClient has a job row and a test row ingest could not read:
// "40h" in Hours per Week and a misspelt test name, kept as entered.
func unreadableClient() *assess.Client {
	c := testClients()["eligible"]
	c.ID = "C-004"
	bad := job(5, "Harbour Grill", "63200", "2023-01-09", "", 0, assess.AuthOpenPermit)
	bad.Entered = map[string]string{
		assess.FieldEmployer: "Harbour Grill", assess.FieldTitle: "Cook", assess.FieldNOC: "63200",
		assess.FieldStart: "2023-01-09", assess.FieldEnd: "", assess.FieldHours: "40h",
	}
	c.Jobs = []assess.Job{bad}
	c.Problems = []assess.Problem{{Cell: "Employment!H5", Message: fixtureText("Hours per week %q is not a number: write the usual hours per week as a number, for example 37.5.", "40h")}}
	test := ielts(4, "2025-06-10", 8, 7, 7, 7)
	test.Name, test.Kind = "IELTS Genral", assess.TestUnknown
	test.Entered = map[string]string{assess.FieldTest: "IELTS Genral", assess.FieldTestDate: "2025-06-10",
		assess.FieldListening: "8", assess.FieldReading: "7", assess.FieldWriting: "7", assess.FieldSpeaking: "7"}
	c.Tests = []assess.Test{test}
	return c
}

// A row that could not be read is a data problem, not a finding: the
// opinion lists it as entered, states the requirement as not assessed,
// and never says "no job periods", "not met" or "book a test".
func TestOpinionUnreadableRows(t *testing.T) {
	r := newRenderer(t)
	a := assessFor(t, unreadableClient(), r)
	if a.Verdict != assess.NeedsReview {
		t.Fatalf("verdict %s, want needs_review", a.Verdict)
	}
	text := printed(t, r, a)
	mustContain(t, text,
		"1 job row could not be read (Employment!",
		"1 language test row could not be read (Language!",
		"Not assessed until the data is fixed",
		"Not assessed until the row is fixed",
		"40h",          // the hours as entered
		"IELTS Genral", // the test's name as entered
		"No conclusion on the work or language requirements, and no date, is drawn until the rows are fixed.",
		"Not assessed until the row is fixed: see the data problems at Employment!")
	for _, never := range []string{"No job periods were entered", "No language test was entered", "Book a", "Not met:", "there is no date in the next"} {
		if strings.Contains(text, never) {
			t.Errorf("opinion says %q about rows that could not be read", never)
		}
	}
	trace, _ := traced(t, r, a)
	for _, l := range strings.Split(trace, "\n") {
		if strings.HasSuffix(l, " Not met") {
			t.Errorf("a requirement is labelled not met: %s", l)
		}
	}
}

// A row ingest could not keep at all (only its problem is left) is still
// a row that could not be read, named with its cell.
func TestOpinionDroppedRow(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.Problems = []assess.Problem{{Cell: "Employment!G7", Message: assess.Untranslated("End Date \"31/06/2025\" is not a real day (June 2025 has 30 days); correct the date.")}}
	a := assessFor(t, c, r)
	text := printed(t, r, a)
	// The rows read meet the requirements: the opinion says so, and waits
	// for the row only for the verdict and the dates.
	mustContain(t, text, "1 job row could not be read (Employment!G7)", "On the rows that could be read, before they are fixed",
		"The rows that could be read meet the work and language requirements; no date is drawn until the rest are fixed.")
	if strings.Contains(text, "No conclusion on") {
		t.Error("the opinion withholds a conclusion the rows read already give")
	}
	if strings.Contains(text, "The objective requirements are met on") {
		t.Error("the opinion concludes on the requirements while a job row could not be read")
	}
}

// Levels of a French test are NCLC, and the conclusion names the lowest
// ability instead of "in all four abilities".
func TestOpinionFrenchTestAndLowestAbility(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.Jobs[0].NOC = "63200" // TEER 3: NCLC 5 suffices
	c.Tests = []assess.Test{{Ref: ref("Language", 2), Name: "TCF Canada", Kind: assess.TCFCanada, Date: assess.MustDate("2025-06-10"),
		Scores: [4]assess.Score{{Value: 458}, {Value: 406}, {Value: 7}, {Value: 6}}}} // NCLC 7, 6, 6, 5
	a := assessFor(t, c, r)
	text := printed(t, r, a)
	mustContain(t, text, "NCLC 5 (speaking) on the TCF Canada (NCLC 5 required)", "458 NCLC 7", "TCF Canada (NCLC 5)")
	if strings.Contains(text, "result of NCLC 5 in all four abilities") || strings.Contains(text, "(CLB 5 required)") {
		t.Errorf("the conclusion does not name the lowest ability in NCLC:\n%s", text)
	}
}

func TestOpinionOutcomesAndCodes(t *testing.T) {
	r := newRenderer(t)
	a := assessFor(t, testClients()["eligible"], r)
	// A leave row, a W-STATUS exclusion, A-UNAUTH,
	// and the three L-MIXED readings disagreeing.
	a.Client.Jobs = append(a.Client.Jobs, job(3, "Maple Leaf Analytics Inc.", "21223", "2024-02-01", "2024-04-30", 37.5, assess.AuthPGWP))
	a.Client.Jobs[1].Type = assess.Leave
	a.Jobs = append(a.Jobs, assess.JobResult{Index: 1, TEER: 2, Status: assess.JobLeave})
	a.Jobs[0].Status = assess.JobPartly
	a.Jobs[0].Exclusions = []assess.Exclusion{{Code: assess.RuleWorkStatus, From: assess.MustDate("2023-09-01"), To: assess.MustDate("2023-10-31"), Days: 61, Reason: assess.Untranslated("work on a refugee claimant's permit")}}
	a.Findings = append(a.Findings, assess.Finding{Code: assess.RuleUnauth, Kind: assess.KindConcern, Text: assess.Untranslated("Work at X after the permit expired."), Citation: assess.Untranslated("IRPA s. 41; IRPR 183(1)(b)"), Job: 0, Test: -1})
	a.Readings = []assess.MixedReading{
		{Key: "group", Name: assess.Untranslated("(a) group"), Basis: assess.Untranslated("TEER 0/1: 900.0 h against TEER 2/3: 1,041.0 h"), RequiredCLB: 5, Pass: true},
		{Key: "occupation", Name: assess.Untranslated("(b) occupation"), Basis: assess.Untranslated("NOC 21223 (TEER 1): 900.0 h"), RequiredCLB: 7, Pass: false},
		{Key: "qualifying_experience", Name: assess.Untranslated("(c) qualifying experience"), Basis: assess.Untranslated("neither group reaches 1,560 h alone: reading (a)"), RequiredCLB: 5, Pass: true},
	}
	for i := range a.Requirements {
		if a.Requirements[i].Key == assess.ReqAdmissibility {
			a.Requirements[i].Outcome = assess.Met // as the v1 engine says it
		}
	}
	text := printed(t, r, a)
	workStatus := assess.RuleWorkStatus + ":"
	if cite := a.Rules.Citations[assess.RuleWorkStatus]; cite.String() != "" {
		workStatus = assess.RuleWorkStatus + " (" + cite.String() + "):"
	}
	mustContain(t, text,
		"leave (W-LEAVE)",
		workStatus+" work on a refugee claimant's permit",
		"A-UNAUTH (IRPA s. 41; IRPR 183(1)(b)): Work at X after the permit expired.",
		"(b) occupation NOC 21223 (TEER 1): 900.0 h CLB 7 Fails",
		"(a) group TEER 0/1: 900.0 h against TEER 2/3: 1,041.0 h CLB 5 Passes",
		"Admissibility and status No concern recorded")
	if strings.Contains(text, "Admissibility and status Met") {
		t.Error("admissibility is stated as met")
	}
}

// Every opinion names its rule set's dates and caveat, and says that CEC
// eligibility is necessary but not sufficient.
func TestOpinionRuleSetAndExpressEntry(t *testing.T) {
	r := newRenderer(t)
	for name, c := range testClients() {
		a := assessFor(t, c, r)
		text := printed(t, r, a)
		for _, want := range []string{
			"effective " + a.Rules.EffectiveFrom.String(),
			"last reviewed against IRCC's pages on " + a.Rules.Reviewed.String(),
			"Federal High-Skilled Class",
			"necessary but not sufficient",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: opinion lacks %q", name, want)
			}
		}
	}
}

// An application date before the run is stated with its distance, in the
// client block and the conclusion.
func TestOpinionPastApplicationDate(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.ApplicationDate = assess.MustDate("2025-09-13")
	a := assessFor(t, c, r)
	text := printed(t, r, a)
	mustContain(t, text,
		"the client's application date, 169 days before this run of 2026-03-01",
		"Assessed as of the application date 2025-09-13, 169 days before this run of 2026-03-01")
	c.ApplicationDate = asOf
	if text := printed(t, r, assessFor(t, c, r)); strings.Contains(text, "before this run") {
		t.Error("an application date equal to the run's date is stated as in the past")
	}
}
