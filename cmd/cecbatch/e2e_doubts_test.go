package main

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDoubtCasesThroughTheBinary runs the cases that once came out a clean
// "eligible", or a wrong "not eligible", as one intake workbook through the
// built binary, on a run of 2026-10-15, and checks each client's verdict,
// the concern raised and the sentence the lawyer or the paralegal reads:
// in results.jsonl (reasons and next steps), and for some in the opinion.
//
// Unless a case says otherwise the Application Date is 2026-10-01: the
// window is 2023-10-01 to 2026-09-30, and a CELPIP at CLB 9 meets the
// language requirement. A day credits min(weekly hours, 30)/7.
func TestDoubtCasesThroughTheBinary(t *testing.T) {
	type want struct {
		id      string
		verdict string
		concern []string // rule ids among the concerns
		absent  []string // rule ids among no reason
		says    []string // sentences among the reasons
		step    string   // a sentence among the next steps
		noStep  string   // words no next step may hold
	}
	cases := []want{
		// Three years on maintained status: a decision, possibly a refusal,
		// has probably come.
		{id: "D-MAINT-3Y", verdict: "needs_review", concern: []string{"W-MAINT-VERIFY"},
			says: []string{"maintained status has lasted 1096 days up to the assessment date (from 2023-10-01), more than 365"},
			step: "Confirm that the extension was applied for before the permit expired on 2023-09-30; if it was refused, work after the refusal is unauthorized (W-MAINT-VERIFY)."},
		// Maintained status at a new employer keeps the old employer-specific
		// permit's employer: the new job is unauthorized.
		{id: "D-MAINT-NEW", verdict: "needs_review", concern: []string{"A-UNAUTH"},
			says: []string{"maintained status keeps the conditions of the permit that expired, here the employer-specific work permit of Maple Software Inc."}},
		// A summer co-op term on a study permit between two full-time terms
		// is part of the program: not counted, and the 304 days on the PGWP
		// (1,302.8 h) fall short.
		{id: "D-COOP", verdict: "not_eligible", absent: []string{"A-UNAUTH"},
			says: []string{"these days fall between two full-time study periods less than 150 days apart: a scheduled break or co-op term is part of full-time study"}},
		// The same summer worked on an open permit: counting the break
		// decides (1,302.8 h, or 1,804.2 h with its 117 days).
		{id: "D-BREAK", verdict: "needs_review", concern: []string{"W-BREAK"},
			says: []string{"Not counted: the objective requirements are not met (1,302.8 h); counted: the objective requirements are met (1,804.2 h)."},
			step: "Ask what the client did between the study terms around the work at Fundy Tidal Energy"},
		// "100" hours a week: 395 days credited 30 (1,692.8 h); read per
		// month, 100 ÷ 4.33 = 23.1 h/week (1,303.1 h).
		{id: "D-HOURS-100", verdict: "needs_review", concern: []string{"W-HOURS-VERIFY"},
			says: []string{"gives 100 hours per week, more than 60: perhaps hours per month, which would be 23.0 hours a week"},
			step: "Confirm the hours per week of the work at Bow River Logistics (100 entered: perhaps a month's)"},
		// Codes that are no occupation: the nearest real ones are named.
		{id: "D-NOC-21999", verdict: "needs_review", absent: []string{"W-SKILL"},
			says: []string{"NOC 21999 is not a unit group of NOC 2021 V1.0 (nearest real codes: 21399 Other professional engineers)"}},
		{id: "D-NOC-10000", verdict: "needs_review", absent: []string{"W-SKILL"},
			says: []string{"NOC 10000 is not a unit group of NOC 2021 V1.0 (nearest real codes: 10010 Financial managers"}},
		// Two employer-specific permits at once.
		{id: "D-PERMITS", verdict: "needs_review", concern: []string{"W-PERMIT-CONFLICT"},
			says: []string{"are both on employer-specific work permits and overlap from 2024-06-01"}},
		// A self-employed physician whose work began in 2022, applying on
		// 2025-06-01: 2022-06-01 to 2023-10-31, 518 days, 2,220.0 h, all
		// counted under the public policy.
		{id: "D-PHYS-2022", verdict: "needs_review", concern: []string{"W-PHYS"}, absent: []string{"W-SELF"},
			says: []string{"so days before 2023-04-25 count too", "Counted: the objective requirements are met (2,220.0 h); not counted: the objective requirements are not met (0.0 h)."}},
		// The permit expired during unpaid leave: leave days are no work.
		{id: "D-LEAVE", verdict: "eligible", absent: []string{"A-UNAUTH"}},
		// A part-time student's off-campus work on a study permit.
		{id: "D-PT-STUDENT", verdict: "needs_review", concern: []string{"W-STUDY-VERIFY"},
			says: []string{"some of those days are days of part-time study (from 2024-01-08): off-campus work while studying part-time is authorized only in the final session"}},
		// Off-campus work above the 24-hour limit during full-time study.
		{id: "D-STUDY-HOURS", verdict: "needs_review", concern: []string{"A-STUDY-HOURS"},
			says: []string{"above the off-campus limit then in force: 2024-11-08 to 2025-04-25 (limit 24 h/week)"}},
		// An application date before the earliest rule set.
		{id: "D-RULESET", verdict: "needs_review", concern: []string{"R-RULESET"},
			says: []string{"the rules in force on 2023-12-15 are not encoded"}},
		// "N/A" in Admissibility Concern is no concern.
		{id: "D-NA", verdict: "eligible", absent: []string{"A-ADMIS"}},
		// Abroad, the work ended by the status expiry: nothing to review.
		{id: "D-ABROAD", verdict: "eligible", absent: []string{"S-STATUS"}},
		// Eligible, the test expiring 35 days after the run.
		{id: "D-URGENT", verdict: "eligible",
			step: "Eligible only until 2026-11-19, 35 days from this run: act now."},
		// Eligible on an application date of 2025-06-01 until the test
		// expired on 2026-01-10, before the run: what held then, no date to
		// submit by.
		{id: "D-PAST", verdict: "eligible",
			step:   "On the application date 2025-06-01, the application had to be submitted by 2026-01-10",
			noStep: "Submit the application"},
	}

	clients := [][]any{{"Client ID", "Family Name", "Given Names", "Application Date", "Intended Province", "In Canada", "Status", "Status Expiry", "Admissibility Concern"}}
	jobs := [][]any{{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Location", "Employment Type", "Work Authorization", "Permit Expiry"}}
	tests := [][]any{{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}}
	studies := [][]any{{"Client ID", "Institution", "Credential", "Start Date", "End Date", "Full-Time"}}
	client := func(id, app, inCanada, status, expiry string) {
		clients = append(clients, []any{id, "Case", id, app, "ON", inCanada, status, expiry, "no"})
		tests = append(tests, []any{id, "CELPIP-General", "2025-08-01", 9, 9, 9, 9})
	}
	job := func(id, employer, noc, start, end string, hours float64, typ, auth, permit string) {
		jobs = append(jobs, []any{id, employer, noc, start, end, hours, "ON", typ, auth, permit})
	}
	const A = "2026-10-01"

	client("D-MAINT-3Y", A, "yes", "maintained", "2023-09-30")
	job("D-MAINT-3Y", "Maple Software Inc.", "21231", "2022-06-01", "", 40, "employee", "employer-specific work permit", "2023-09-30")

	client("D-MAINT-NEW", A, "yes", "maintained", "2026-02-28")
	job("D-MAINT-NEW", "Maple Software Inc.", "21231", "2023-06-01", "2026-02-28", 40, "employee", "employer-specific work permit", "2026-02-28")
	job("D-MAINT-NEW", "Birch Analytics", "21232", "2026-03-02", "", 40, "employee", "maintained status", "")

	for _, c := range []struct{ id, auth string }{{"D-COOP", "study permit"}, {"D-BREAK", "open work permit"}} {
		client(c.id, A, "yes", "worker", "2028-05-31")
		job(c.id, "Fundy Tidal Energy", "22300", "2024-05-06", "2024-08-30", 40, "employee", c.auth, "")
		job(c.id, "Fundy Tidal Energy", "22300", "2025-12-01", "", 40, "employee", "PGWP", "2028-05-31")
		studies = append(studies,
			[]any{c.id, "Université de Moncton", "B.Eng., year 3", "2023-09-05", "2024-04-26", "yes"},
			[]any{c.id, "Université de Moncton", "B.Eng., year 4", "2024-09-03", "2025-04-25", "yes"})
	}

	client("D-HOURS-100", A, "yes", "worker", "2028-08-31")
	job("D-HOURS-100", "Bow River Logistics", "13201", "2025-09-01", "", 100, "employee", "open work permit", "")

	client("D-NOC-21999", A, "yes", "worker", "2028-01-31")
	job("D-NOC-21999", "Maple Software Inc.", "21999", "2023-06-01", "", 40, "employee", "PGWP", "")
	client("D-NOC-10000", A, "yes", "worker", "2028-01-31")
	job("D-NOC-10000", "Harbourfront Finance", "10000", "2023-06-01", "", 40, "employee", "open work permit", "")

	client("D-PERMITS", A, "yes", "worker", "2027-09-30")
	job("D-PERMITS", "Red River Grill", "63200", "2024-01-08", "", 30, "employee", "employer-specific work permit", "2027-09-30")
	job("D-PERMITS", "Prairie Bistro", "63200", "2024-06-01", "", 15, "employee", "employer-specific work permit", "2027-09-30")

	// A test taken after an application date cannot support it: these two
	// clients' tests are from before their dates.
	retest := func(id, date string) {
		tests = slices.DeleteFunc(tests, func(r []any) bool { return r[0] == id })
		tests = append(tests, []any{id, "CELPIP-General", date, 9, 9, 9, 9})
	}
	client("D-PHYS-2022", "2025-06-01", "yes", "worker", "2027-06-30")
	retest("D-PHYS-2022", "2024-09-01")
	job("D-PHYS-2022", "Farouk Family Medicine", "31102", "2022-03-01", "2023-10-31", 45, "self-employed", "open work permit", "")

	client("D-LEAVE", A, "yes", "worker", "2028-10-31")
	job("D-LEAVE", "Northern Lights Analytics", "21223", "2023-06-01", "", 37.5, "employee", "open work permit", "2026-06-30")
	job("D-LEAVE", "northern lights analytics inc", "21223", "2026-07-01", "", 37.5, "parental leave", "open work permit", "")

	client("D-PT-STUDENT", A, "yes", "student", "2027-08-31")
	job("D-PT-STUDENT", "Corner Café", "62020", "2024-01-08", "", 30, "employee", "study permit", "")
	studies = append(studies, []any{"D-PT-STUDENT", "Centennial College", "Business diploma", "2024-01-08", "2026-12-18", "no"})

	client("D-STUDY-HOURS", A, "yes", "worker", "2028-06-30")
	job("D-STUDY-HOURS", "Prairie Books", "64100", "2024-11-08", "2025-04-25", 28, "employee", "study permit", "")
	job("D-STUDY-HOURS", "Saskatoon Analytics", "21223", "2025-05-05", "", 40, "employee", "PGWP", "2028-06-30")
	studies = append(studies, []any{"D-STUDY-HOURS", "University of Saskatchewan", "M.Sc.", "2023-09-05", "2025-04-25", "yes"})

	client("D-RULESET", "2023-12-15", "yes", "worker", "2025-12-31")
	retest("D-RULESET", "2023-03-11")
	job("D-RULESET", "Maple Software Inc.", "21231", "2020-09-01", "", 40, "employee", "PGWP", "")

	client("D-NA", A, "yes", "worker", "2028-12-31")
	clients[len(clients)-1][8] = "N/A"
	job("D-NA", "Maple Software Inc.", "21231", "2023-06-01", "", 40, "employee", "open work permit", "")

	client("D-ABROAD", A, "no", "worker", "2026-06-30")
	job("D-ABROAD", "Kyoto Trading Canada", "12102", "2023-06-01", "2026-06-30", 40, "employee", "open work permit", "2026-06-30")

	client("D-URGENT", A, "yes", "worker", "2028-12-31")
	job("D-URGENT", "Chinook Robotics Inc.", "21301", "2023-03-01", "", 40, "employee", "open work permit", "")
	retest("D-URGENT", "2024-11-20")

	client("D-PAST", "2025-06-01", "yes", "worker", "2028-12-31")
	job("D-PAST", "Chinook Robotics Inc.", "21301", "2022-03-01", "", 40, "employee", "open work permit", "")
	retest("D-PAST", "2024-01-11")

	s := newSite(t)
	saveSheets(t, s.path("inbox", "doubts.xlsx"), []namedRows{{"Clients", clients}, {"Employment", jobs}, {"Language Tests", tests}, {"Study", studies}})

	o := s.run("run", "--as-of", "2026-10-15", "--min-age", "0s", "--keep-inputs")
	if o.code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", o.code, o.stdout, o.stderr)
	}
	runDir := s.path(o.lastLine())
	type reason struct {
		Code, Kind, Text string
	}
	type line struct {
		ClientID   string   `json:"client_id"`
		Verdict    string   `json:"verdict"`
		Reasons    []reason `json:"reasons"`
		NextSteps  []string `json:"next_steps"`
		OpinionPDF *string  `json:"opinion_pdf"`
	}
	got := map[string]line{}
	for _, l := range resultsOf[line](t, runDir) {
		if l.ClientID != "" {
			got[l.ClientID] = l
		}
	}
	for _, c := range cases {
		l, ok := got[c.id]
		if !ok {
			t.Errorf("%s: no results line", c.id)
			continue
		}
		var concerns, codes, texts []string
		for _, r := range l.Reasons {
			codes = append(codes, r.Code)
			texts = append(texts, r.Text)
			if r.Kind == "concern" {
				concerns = append(concerns, r.Code)
			}
		}
		if l.Verdict != c.verdict {
			t.Errorf("%s: verdict %s, want %s; reasons:\n%s", c.id, l.Verdict, c.verdict, strings.Join(texts, "\n"))
		}
		for _, code := range c.concern {
			if !slices.Contains(concerns, code) {
				t.Errorf("%s: no %s concern among %v", c.id, code, concerns)
			}
		}
		for _, code := range c.absent {
			if slices.Contains(codes, code) {
				t.Errorf("%s: %s among the reasons %v", c.id, code, codes)
			}
		}
		all := strings.Join(texts, "\n")
		for _, say := range c.says {
			if !strings.Contains(all, say) {
				t.Errorf("%s: no reason says %q:\n%s", c.id, say, all)
			}
		}
		steps := strings.Join(l.NextSteps, "\n")
		if c.step != "" && !strings.Contains(steps, c.step) {
			t.Errorf("%s: no next step %q:\n%s", c.id, c.step, steps)
		}
		if c.noStep != "" && strings.Contains(steps, c.noStep) {
			t.Errorf("%s: a next step says %q:\n%s", c.id, c.noStep, steps)
		}
	}

	// The opinions, as the lawyer reads them.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: skipping the opinions' text")
	}
	opinion := func(id string) string {
		l := got[id]
		if l.OpinionPDF == nil {
			t.Fatalf("%s: no opinion", id)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(runDir, *l.OpinionPDF), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	for id, wants := range map[string][]string{
		"D-HOURS-100": {"Points the intake leaves open: the outcome both ways", "W-HOURS-VERIFY", "As entered: met, 1,692.8 h"},
		"D-URGENT":    {"ELIGIBLE", "Eligible only until 2026-11-19, 35 days from this run."},
		"D-PAST":      {"On the application date 2025-06-01, the application had to be submitted by 2026-01-10"},
		"D-NOC-21999": {"21999"},
		"D-LEAVE":     {"21223", "Database", "administrators"},
	} {
		text := opinion(id)
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the opinion lacks %q", id, w)
			}
		}
	}
}
