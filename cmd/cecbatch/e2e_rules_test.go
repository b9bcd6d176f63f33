package main

import (
	"slices"
	"strings"
	"testing"
)

// TestRuleEdgeProbes runs a lawyer's edge cases of the work, status and
// language rules as one intake workbook through the built binary, and
// checks the verdict and the rule ids each client's results line carries.
// Every client has an Application Date of 2026-10-01, so the
// window is 2023-10-01 to 2026-09-30. Hours are worked out in the comments:
// a day credits min(weekly hours, 30)/7.
func TestRuleEdgeProbes(t *testing.T) {
	t.Parallel()
	type probe struct {
		id      string
		verdict string
		codes   []string // rule ids that must be among the reasons
		absent  []string // rule ids that must not be
		until   string   // eligible_until, when checked
		step    string   // a next step that must be given, when checked
		noStep  string   // words no next step may hold, when checked
	}
	probes := []probe{
		// Work on a refugee claimant's permit is authorized but not done
		// with temporary resident status: it never counts (0 h).
		{id: "P-REFUGEE", verdict: "not_eligible", codes: []string{"W-STATUS", "S-STATUS", "W-HOURS"}, absent: []string{"A-UNAUTH"}},
		// The permit and status expired on 2026-02-28 and the client kept
		// working: 2023-10-01 to 2026-02-28 alone is 882 days, 3,780 h, so
		// the hours are met, but the work since March is unauthorized.
		{id: "P-EXPIRED", verdict: "needs_review", codes: []string{"A-UNAUTH", "W-AUTH", "S-STATUS"}},
		// The same on maintained status: the days after expiry are
		// authorized and there is no status concern.
		{id: "P-MAINTAINED", verdict: "eligible", absent: []string{"A-UNAUTH", "S-STATUS", "W-AUTH"}},
		// Unauthorized work in 2019, long before the window, is still a
		// concern for the lawyer.
		{id: "P-OLD-UNAUTH", verdict: "needs_review", codes: []string{"A-UNAUTH"}},
		// The only job has no authorization recorded and the verdict
		// depends on it.
		{id: "P-VERIFY", verdict: "needs_review", codes: []string{"W-AUTH-VERIFY"}},
		// A second job with no authorization recorded, but the first job
		// alone meets the hours: counted, a note, no change of verdict.
		{id: "P-VERIFY-NOTE", verdict: "eligible"},
		// TEF Canada of 2025 entered with the équivalence ancien score:
		// NCLC 9 (listening 300, reading 250, writing and speaking 380).
		{id: "P-TEF", verdict: "eligible"},
		// TEF Canada of 2025 entered on the /699 scale: a data error.
		{id: "P-TEF-699", verdict: "needs_review", codes: []string{"DATA"}},
		// TEER 1: 2023-10-01..2024-05-31 (244 days, 1,045.7 h) and
		// 2024-06-01..2024-12-31 (214 days, 917.1 h) = 1,962.9 h; TEER 2:
		// 2025-01-01..2025-09-30 (273 days, 1,170 h). CLB 6. (a) group: TEER
		// 0/1 has more hours, CLB 7, fails; (b) occupation: the TEER 2 NOC
		// has the most hours, CLB 5, passes; (c) TEER 0/1 reaches 1,560
		// alone, CLB 7, fails. The readings disagree: the lawyer decides.
		{id: "P-MIXED", verdict: "needs_review", codes: []string{"L-MIXED"}},
		// Work after completing studies while a PGWP application is pending,
		// then the PGWP from the next day: the R186(w) days are resolved.
		{id: "P-R186W", verdict: "eligible", absent: []string{"W-STUDENT"}},
		// Still under R186(w), with no decision recorded: a concern always.
		{id: "P-R186W-OPEN", verdict: "needs_review", codes: []string{"R186W-VERIFY"}, absent: []string{"W-STUDENT"}},
		// A self-employed family physician under the 2023 public policy.
		{id: "P-PHYS", verdict: "needs_review", codes: []string{"W-PHYS"}, absent: []string{"W-SELF"}},
		// A Canadian city is in Canada.
		{id: "P-CITY", verdict: "eligible", absent: []string{"W-CANADA"}},
		// "Remote" is not a place: a data error on the cell, never abroad.
		{id: "P-REMOTE", verdict: "needs_review", codes: []string{"DATA"}, absent: []string{"W-CANADA"}},
		// NOC 2016 7511 (skill level C) is linked by the concordance only to
		// 73300 (TEER 3): read as TEER 2/3 with a note, never "TEER 4".
		{id: "P-NOC-C", verdict: "eligible", codes: []string{"W-NOC2016"}, absent: []string{"W-SKILL", "DATA"}},
		// Worked from 2025-01-01, on unpaid leave 2025-06-01..2026-03-31:
		// 151 + 183 days at 30 h = 1,431.4 h. Without the leave it would be
		// 639 days, 2,738.6 h.
		{id: "P-LEAVE", verdict: "not_eligible", codes: []string{"W-LEAVE", "W-HOURS"}},
		// Eligible; status expires 2027-01-31, but that never ends
		// eligibility: the test (2025-08-01) lapses first, on 2027-08-01.
		{id: "P-STATUS-END", verdict: "eligible", absent: []string{"S-STATUS"}, until: "2027-07-31"},
		// A misspelt test name is a data problem to fix, never "book a
		// language test".
		{id: "P-MISSPELT", verdict: "needs_review", codes: []string{"DATA"}, absent: []string{"L-TEST", "L-THRESH"}, noStep: "Book"},
		// 2023-09-01 to 2024-12-31 at 30 h: 458 days in the window, 1,962.9 h;
		// from A the window loses 30/7 h a day, below 1,560 after 94 days.
		{id: "P-SLIDE", verdict: "eligible", step: "Act before 2027-01-04: from that day the qualifying hours fall below 1,560 hours"},
	}

	clients := [][]any{{"Client ID", "Family Name", "Given Names", "Application Date", "Intended Province", "In Canada", "Status", "Status Expiry"}}
	jobs := [][]any{{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Location", "Employment Type", "Work Authorization", "Permit Expiry"}}
	tests := [][]any{{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}}
	client := func(id, status, expiry string) {
		clients = append(clients, []any{id, "Probe", id, "2026-10-01", "ON", "yes", status, expiry})
	}
	job := func(id, employer, noc, start, end string, hours float64, location, typ, auth, permit string) {
		jobs = append(jobs, []any{id, employer, noc, start, end, hours, location, typ, auth, permit})
	}
	celpip := func(id string, level int) {
		tests = append(tests, []any{id, "CELPIP-General", "2025-08-01", level, level, level, level})
	}
	const start = "2023-06-01"

	client("P-REFUGEE", "refugee claimant", "")
	job("P-REFUGEE", "Maple Software", "21231", start, "", 40, "ON", "employee", "refugee claimant", "")
	celpip("P-REFUGEE", 9)

	client("P-EXPIRED", "worker", "2026-02-28")
	job("P-EXPIRED", "Maple Software", "21231", start, "", 40, "ON", "employee", "employer-specific work permit", "2026-02-28")
	celpip("P-EXPIRED", 9)

	client("P-MAINTAINED", "maintained", "2026-02-28")
	job("P-MAINTAINED", "Maple Software", "21231", start, "", 40, "ON", "employee", "employer-specific work permit", "2026-02-28")
	celpip("P-MAINTAINED", 9)

	client("P-OLD-UNAUTH", "worker", "2028-12-31")
	job("P-OLD-UNAUTH", "Corner Café", "65201", "2019-03-01", "2019-08-31", 20, "ON", "employee", "none", "")
	job("P-OLD-UNAUTH", "Maple Software", "21231", start, "", 40, "ON", "employee", "open work permit", "")
	celpip("P-OLD-UNAUTH", 9)

	client("P-VERIFY", "worker", "2028-12-31")
	job("P-VERIFY", "Maple Software", "21231", start, "", 40, "ON", "employee", "", "")
	celpip("P-VERIFY", 9)

	client("P-VERIFY-NOTE", "worker", "2028-12-31")
	job("P-VERIFY-NOTE", "Maple Software", "21231", start, "", 40, "ON", "employee", "open work permit", "")
	job("P-VERIFY-NOTE", "Weekend Tutoring", "41220", "2025-01-04", "2025-06-30", 8, "ON", "employee", "", "")
	celpip("P-VERIFY-NOTE", 9)

	client("P-TEF", "worker", "2028-12-31")
	job("P-TEF", "Données Boréales", "21211", start, "", 40, "NB", "employee", "open work permit", "")
	tests = append(tests, []any{"P-TEF", "TEF Canada", "2025-03-01", 300, 250, 380, 380})

	client("P-TEF-699", "worker", "2028-12-31")
	job("P-TEF-699", "Données Boréales", "21211", start, "", 40, "NB", "employee", "open work permit", "")
	tests = append(tests, []any{"P-TEF-699", "TEF Canada", "2025-03-01", 500, 480, 470, 490})

	client("P-MIXED", "worker", "2028-12-31")
	job("P-MIXED", "Maple Software", "21231", "2023-10-01", "2024-05-31", 30, "ON", "employee", "open work permit", "")
	job("P-MIXED", "Lakeshore Accounting", "11100", "2024-06-01", "2024-12-31", 30, "ON", "employee", "open work permit", "")
	job("P-MIXED", "Prairie Outfitters", "62010", "2025-01-01", "2025-09-30", 30, "ON", "employee", "open work permit", "")
	celpip("P-MIXED", 6)

	client("P-R186W", "worker", "2028-12-31")
	job("P-R186W", "Maple Software", "21231", start, "2024-05-31", 40, "ON", "employee", "R186(w)", "")
	job("P-R186W", "Maple Software", "21231", "2024-06-01", "", 40, "ON", "employee", "PGWP", "2027-05-31")
	celpip("P-R186W", 9)

	client("P-R186W-OPEN", "worker", "")
	job("P-R186W-OPEN", "Maple Software", "21231", start, "", 40, "ON", "employee", "R186(w)", "")
	celpip("P-R186W-OPEN", 9)

	client("P-PHYS", "worker", "2028-12-31")
	job("P-PHYS", "Family practice", "31102", start, "", 40, "ON", "self-employed", "open work permit", "")
	celpip("P-PHYS", 9)

	client("P-CITY", "worker", "2028-12-31")
	job("P-CITY", "Maple Software", "21231", start, "", 40, "Vancouver", "employee", "open work permit", "")
	celpip("P-CITY", 9)

	client("P-REMOTE", "worker", "2028-12-31")
	job("P-REMOTE", "Maple Software", "21231", start, "", 40, "Remote", "employee", "open work permit", "")
	celpip("P-REMOTE", 9)

	client("P-NOC-C", "worker", "2028-12-31")
	job("P-NOC-C", "Highway Freight", "7511", start, "", 40, "ON", "employee", "open work permit", "")
	celpip("P-NOC-C", 9)

	client("P-LEAVE", "worker", "2028-12-31")
	job("P-LEAVE", "Maple Software", "21231", "2025-01-01", "", 30, "ON", "employee", "open work permit", "")
	job("P-LEAVE", "maple software", "21231", "2025-06-01", "2026-03-31", 30, "ON", "parental leave", "open work permit", "")
	celpip("P-LEAVE", 9)

	client("P-STATUS-END", "worker", "2027-01-31")
	job("P-STATUS-END", "Maple Software", "21231", "2023-10-01", "", 40, "ON", "employee", "open work permit", "")
	celpip("P-STATUS-END", 9)

	client("P-MISSPELT", "worker", "2028-12-31")
	job("P-MISSPELT", "Maple Software", "21231", start, "", 40, "ON", "employee", "open work permit", "")
	tests = append(tests, []any{"P-MISSPELT", "CELPIPP General", "2025-08-01", 9, 9, 9, 9})

	client("P-SLIDE", "worker", "2028-12-31")
	job("P-SLIDE", "Maple Software", "21231", "2023-09-01", "2024-12-31", 30, "ON", "employee", "open work permit", "")
	celpip("P-SLIDE", 9)

	s := newSite(t)
	saveSheets(t, s.path("inbox", "probes.xlsx"), []namedRows{{"Clients", clients}, {"Employment", jobs}, {"Language Tests", tests}})

	o := s.run(append(runArgs, "--keep-inputs")...)
	if o.code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", o.code, o.stdout, o.stderr)
	}
	type reason struct {
		Code string `json:"code"`
		Text string `json:"text"`
	}
	type line struct {
		ClientID      string   `json:"client_id"`
		Verdict       string   `json:"verdict"`
		EligibleUntil *string  `json:"eligible_until"`
		Reasons       []reason `json:"reasons"`
		NextSteps     []string `json:"next_steps"`
	}
	got := map[string]line{}
	for _, l := range resultsOf[line](t, s.path(o.lastLine())) {
		if l.ClientID != "" {
			got[l.ClientID] = l
		}
	}
	for _, p := range probes {
		l, ok := got[p.id]
		if !ok {
			t.Errorf("%s: no results line", p.id)
			continue
		}
		var codes []string
		for _, r := range l.Reasons {
			codes = append(codes, r.Code)
		}
		if l.Verdict != p.verdict {
			t.Errorf("%s: verdict %s, want %s; reasons: %+v", p.id, l.Verdict, p.verdict, l.Reasons)
		}
		for _, c := range p.codes {
			if !slices.Contains(codes, c) {
				t.Errorf("%s: no %s among the reasons %v", p.id, c, codes)
			}
		}
		for _, c := range p.absent {
			if slices.Contains(codes, c) {
				t.Errorf("%s: %s among the reasons, want none: %+v", p.id, c, l.Reasons)
			}
		}
		steps := strings.Join(l.NextSteps, "\n")
		if p.step != "" && !strings.Contains(steps, p.step) {
			t.Errorf("%s: no next step %q in\n%s", p.id, p.step, steps)
		}
		if p.noStep != "" && strings.Contains(steps, p.noStep) {
			t.Errorf("%s: a next step says %q:\n%s", p.id, p.noStep, steps)
		}
		if p.until != "" && (l.EligibleUntil == nil || *l.EligibleUntil != p.until) {
			t.Errorf("%s: eligible_until %v, want %s", p.id, l.EligibleUntil, p.until)
		}
	}
}
