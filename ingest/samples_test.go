package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// The committed samples (samples/gen writes them) read as their generator
// intends: every client, every row, and exactly the planted problems.
func TestReadSamples(t *testing.T) {
	read := func(name string) *Workbook { return mustRead(t, filepath.Join("..", "samples", name), Options{}) }
	byID := func(wb *Workbook) map[string]*assess.Client {
		m := map[string]*assess.Client{}
		for _, c := range wb.Clients {
			m[c.ID] = c
		}
		return m
	}

	week := read("intake-week-47.xlsx")
	if len(week.Clients) != 7 || len(week.AllProblems()) != 0 {
		t.Fatalf("intake-week-47: %d clients, problems:\n%s", len(week.Clients), problemsText(week))
	}
	w := byID(week)
	if c := w["W47-001"]; c.FamilyName != "Nguyễn" || c.GivenNames != "Thị Minh" || len(c.Studies) != 1 || !c.Studies[0].FullTime {
		t.Errorf("W47-001 = %+v", *c)
	}
	if c := w["W47-002"]; len(c.Jobs) != 2 || c.Jobs[0].HoursPerWeek != 20 || c.Jobs[1].HoursPerWeek != 20 || c.Jobs[0].End != 0 || c.Jobs[1].End != 0 || c.Province != "AB" {
		t.Errorf("W47-002 (concurrent part-time jobs) = %+v", *c)
	}
	if c := w["W47-003"]; len(c.Tests) != 2 || c.Tests[0].Kind != assess.TEFCanada || c.Tests[1].Date < d("2023-12-11") || c.Tests[1].Scores[assess.Listening].Value != 300 || c.Province != "NB" || c.InCanada != assess.Yes {
		t.Errorf("W47-003 (TEF after 2023-12-11, entered with the ancien score) = %+v", *c)
	}
	if c := w["W47-004"]; c.FamilyName != "Петренко" || len(c.Jobs) != 2 || c.Jobs[1].InCanada {
		t.Errorf("W47-004 = %+v", *c)
	}
	if c := w["W47-005"]; c.FamilyName != "Παπαδόπουλος" || c.Province != "QC" {
		t.Errorf("W47-005 = %+v", *c)
	}
	if c := w["W47-006"]; !strings.HasPrefix(c.Admissibility, "Refused") {
		t.Errorf("W47-006 admissibility = %q", c.Admissibility)
	}
	if c := w["W47-007"]; len(c.Jobs) != 2 || c.Jobs[0].Authorization != assess.AuthStudyPermit || len(c.Studies) != 1 {
		t.Errorf("W47-007 = %+v", *c)
	}

	rules := read("intake-week-48.xlsx")
	if len(rules.Clients) != 8 || len(rules.AllProblems()) != 0 {
		t.Fatalf("intake-week-48: %d clients, problems:\n%s", len(rules.Clients), problemsText(rules))
	}
	r := byID(rules)
	if c := r["W48-001"]; c.Status != assess.StatusRefugee || c.Jobs[0].Authorization != assess.AuthRefugee {
		t.Errorf("W48-001 (refugee claimant) = %+v", *c)
	}
	if c := r["W48-002"]; c.Jobs[0].PermitExpiry != d("2026-03-31") || c.StatusExpiry != d("2026-03-31") {
		t.Errorf("W48-002 (permit expired) = %+v", *c)
	}
	if c := r["W48-003"]; c.Status != assess.StatusMaintained || !c.Jobs[0].InCanada || c.Jobs[0].Location != "Calgary" {
		t.Errorf("W48-003 (maintained, Calgary) = %+v", *c)
	}
	if c := r["W48-004"]; c.Jobs[0].Authorization != assess.AuthUnknown {
		t.Errorf("W48-004 (blank authorization) = %+v", *c)
	}
	if c := r["W48-006"]; c.Jobs[0].Authorization != assess.AuthR186w || c.Jobs[1].PermitExpiry != d("2027-08-31") {
		t.Errorf("W48-006 (R186(w)) = %+v", *c)
	}
	if c := r["W48-008"]; len(c.Jobs) != 2 || c.Jobs[1].Type != assess.Leave {
		t.Errorf("W48-008 (leave) = %+v", *c)
	}

	dialect := read("partner-office-export.xlsx")
	if len(dialect.Clients) != 3 || len(dialect.AllProblems()) != 0 {
		t.Fatalf("partner-office-export: %d clients, problems:\n%s", len(dialect.Clients), problemsText(dialect))
	}
	p := byID(dialect)
	if c := p["AG-101"]; c.Ref.Sheet != "Applicants" || c.ApplicationDate != d("2026-10-01") || c.DateOfBirth != d("1995-05-12") || c.Jobs[0].HoursPerWeek != 37.5 || c.Jobs[0].Start != d("2023-09-01") || c.Tests[0].Kind != assess.PTECore {
		t.Errorf("AG-101 = %+v", *c)
	}
	if c := p["AG-102"]; c.Province != "NS" || c.ApplicationDate != d("2026-10-15") || c.DateOfBirth != d("1988-02-29") || c.Jobs[0].NOC != "2174" || c.Tests[0].Scores[1].Value != 7 {
		t.Errorf("AG-102 = %+v", *c)
	}
	if c := p["AG-103"]; c.Jobs[0].Type != assess.SelfEmployed || c.Tests[0].Date != d("2026-02-02") {
		t.Errorf("AG-103 = %+v", *c)
	}
	if got := p["AG-101"].Jobs[0].Ref.Cell(assess.FieldHours); got != "Work History!G2" {
		t.Errorf("AG-101 hours cell = %s", got)
	}

	problems := read("intake-with-problems.xlsx")
	want := []string{
		"intake-with-problems.xlsx › Employment!G3: \"End Date\" \"31/06/2025\" is not a real day (June 2025 has 30 days); correct the date.",
		"intake-with-problems.xlsx › Employment!A6: \"Client ID\" \"NR-299\" is not on the Clients sheet, so this row belongs to no client and was not assessed; correct the ID or add the client to the Clients sheet.",
		"intake-with-problems.xlsx › Employment!I7: \"Location\" \"Remote\" is not a place cecbatch knows; write the province or territory code (for example ON) for work in Canada, or the country for work abroad.",
		"intake-with-problems.xlsx › Language Tests!B6: \"Test\" \"IELTS General Traning\" is not a language test cecbatch knows; write IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada. Did you mean \"IELTS General Training\"?",
	}
	var got []string
	for _, p := range problems.AllProblems() {
		got = append(got, p.String())
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("intake-with-problems problems:\n got %q\nwant %q", got, want)
	}
	if c := byID(problems)["NR-202"]; c.Tests[0].Scores[1].Value != 13 {
		t.Errorf("NR-202: the out-of-range score must reach assess as written: %+v", c.Tests[0])
	}
}

// TestSampleVerdicts runs the engine on the samples: they exist to show
// each outcome, so a change of outcome must be deliberate.
func TestSampleVerdicts(t *testing.T) {
	want := map[string]assess.Verdict{
		"W47-001": assess.Eligible, "W47-002": assess.Eligible, "W47-003": assess.Eligible, "W47-004": assess.NotEligible,
		"W47-005": assess.NotEligible, "W47-006": assess.NeedsReview, "W47-007": assess.Eligible,
		"AG-101": assess.Eligible, "AG-102": assess.Eligible, "AG-103": assess.NotEligible,
		"NR-201": assess.NeedsReview, "NR-202": assess.NeedsReview, "NR-203": assess.Eligible,
		// Each new concern of the rules revision, one client each.
		"W48-001": assess.NotEligible, "W48-002": assess.NeedsReview, "W48-003": assess.Eligible,
		"W48-004": assess.NeedsReview, "W48-005": assess.NeedsReview, "W48-006": assess.Eligible,
		"W48-007": assess.NeedsReview, "W48-008": assess.Eligible,
		// "Remote" is no place; NOC 2016 7511 cannot be mapped; a misspelt test.
		"NR-204": assess.NeedsReview, "NR-205": assess.NeedsReview,
	}
	seen := 0
	for _, name := range []string{"intake-week-47.xlsx", "intake-week-48.xlsx", "partner-office-export.xlsx", "intake-with-problems.xlsx"} {
		wb := mustRead(t, filepath.Join("..", "samples", name), Options{})
		for _, c := range wb.Clients {
			a := assessSample(c)
			seen++
			if a.Verdict != want[c.ID] {
				t.Errorf("%s: verdict %s, want %s; findings %+v", c.ID, a.Verdict, want[c.ID], a.Findings)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("assessed %d sample clients, want %d", seen, len(want))
	}
}

// assessSample assesses c as of a fixed day: every sample client has an
// Application Date, so the day only guards against one that lacks it.
func assessSample(c *assess.Client) *assess.Assessment {
	return assess.Current().Assess(c, assess.MustDate("2026-11-21"))
}

// TestProblemsLeftToAssess covers the two row-level problems of the README's intake contract
// that need the law's scales (score out of range, NOC/TEER mismatch): ingest
// passes the values on as written, with their cells, and the engine's
// finding names the cell.
func TestProblemsLeftToAssess(t *testing.T) {
	cases := []struct {
		name   string
		change func([]sheet)
		cell   string
		words  []string
	}{
		{"score out of range", set("Language Tests", 2, "Reading", 13), "Language Tests!E2", []string{"13"}},
		{"NOC and TEER disagree", set("Employment", 2, "TEER", 3), "Employment!E2", []string{"21231"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sheets := baseSheets()
			tc.change(sheets)
			wb := mustRead(t, writeBook(t, t.TempDir(), "intake.xlsx", sheets), Options{})
			if len(wb.AllProblems()) != 0 {
				t.Fatalf("ingest reported what is the engine's to judge:\n%s", problemsText(wb))
			}
			a := assessSample(wb.Clients[0])
			if a.Verdict != assess.NeedsReview {
				t.Errorf("verdict %s, want needs_review", a.Verdict)
			}
			for _, f := range a.Findings {
				if f.Code == assess.CodeData && f.Cell == tc.cell {
					for _, w := range tc.words {
						if !strings.Contains(f.Text.String(), w) {
							t.Errorf("finding %q lacks %q", f.Text, w)
						}
					}
					return
				}
			}
			t.Errorf("no data finding at %s: %+v", tc.cell, a.Findings)
		})
	}
}
