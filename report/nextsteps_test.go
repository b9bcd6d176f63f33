package report

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

func TestNextSteps(t *testing.T) {
	d := assess.MustDate
	tests := []struct {
		name string
		a    func() *assess.Assessment
		want []string
	}{
		{name: "eligible: the Express Entry sequence", a: fxEligible, want: []string{
			"Submit the application for permanent residence (eAPR) by 2027-06-09, the latest safe date: the IELTS General Training of 2025-06-10 expires on 2027-06-09.",
			stepCRS.String(),
		}},
		{name: "eligible: test and hours run out within 180 days", a: func() *assess.Assessment {
			a := fxEligible()
			a.Tests[0].ValidUntil = a.AssessedOn.AddDays(180)
			a.HoursUntil = a.AssessedOn.AddDays(150)
			a.EligibleUntil, a.LapseCode = a.HoursUntil, assess.RuleHours
			a.Lapse = assess.Untranslated("From " + a.HoursUntil.AddDays(1).String() + " the qualifying hours fall below 1,560.")
			return a
		}, want: []string{
			"Submit the application for permanent residence (eAPR) by 2027-04-19, the latest safe date: from 2027-04-20 the qualifying hours fall below 1,560.",
			"Book a new language test now: the IELTS General Training of 2025-06-10 expires on 2027-05-19, within 180 days, and an Express Entry profile is removed from the pool when its test results expire.",
			"Act before 2027-04-20: from that day the qualifying hours fall below 1,560 hours as older work leaves the window, so the eAPR must be submitted before then or more qualifying work added.",
			stepCRS.String(),
		}},
		{name: "eligible: status expires before the latest safe date", a: func() *assess.Assessment {
			a := fxEligible()
			a.Client.Status, a.Client.StatusExpiry = assess.StatusWorker, assess.MustDate("2027-03-31")
			return a
		}, want: []string{
			"Submit the application for permanent residence (eAPR) by 2027-06-09, the latest safe date: the IELTS General Training of 2025-06-10 expires on 2027-06-09.",
			"Have the lawyer advise on the client's status, which expires on 2027-03-31: CEC eligibility does not end with it, but work after it does not count unless the status is extended or maintained.",
			stepCRS.String(),
		}},
		{name: "eligible: test valid for 181 days, hours for 181 days", a: func() *assess.Assessment {
			a := fxEligible()
			a.Tests[0].ValidUntil = a.AssessedOn.AddDays(181)
			a.HoursUntil = a.AssessedOn.AddDays(180)
			return a
		}, want: []string{
			"Submit the application for permanent residence (eAPR) by 2027-06-09, the latest safe date: the IELTS General Training of 2025-06-10 expires on 2027-06-09.",
			stepCRS.String(),
		}},
		{name: "nil assessment", a: func() *assess.Assessment { return nil }, want: nil},
		{name: "not eligible", a: fxNotEligible, want: []string{
			"Book a new language test: the CELPIP-General of 2025-02-01 falls short of CLB 5 in speaking, which is needed in all four abilities.",
			"Check the job at QuickMart (Employment!A4), not counted under W-SKILL: NOC 65100 is TEER 5; only TEER 0, 1, 2 and 3 count.",
			"Check the job at Self (Employment!A5), not counted under W-SELF: self-employment does not count.",
			"Look for more qualifying work in Canada: 1317.8 qualifying hours are counted and the current jobs do not reach the requirement within three years.",
			"Confirm the work permit for Harbour Grill & Bar <Vancouver>: the authorization is blank.",
		}},
		{name: "needs review", a: fxNeedsReview, want: []string{
			"Fix Employment!G7: end date 2023-05-01 is before the start date 2024-05-01.",
			"Have the lawyer review the admissibility concern before anything is filed (the intake says: Impaired driving charge 2019 (Alberta), withdrawn; client has the court letter).",
			"Confirm the client's immigration status: it expired on 2026-10-31, before the assessed date 2026-12-01; ask for proof of an extension or maintained status.",
			"Find the NOC 2021 code for the job at Prairie Logistics Ltd.: the NOC 2016 code 1525 was mapped by skill level.",
			"Eligible from 2027-03-01 if the job at Prairie Logistics Ltd. continues: diarize.",
		}},
		{name: "hours short, test expires before the hours are reached", a: func() *assess.Assessment {
			return onlyHoursShort(1)
		}, want: []string{
			"Book a new language test: the CELPIP-General of 2025-02-01 expires on 2027-01-31, before the work requirement can be met.",
		}},
		{name: "test expires soon, ongoing job ended", a: func() *assess.Assessment {
			a := onlyHoursShort(1)
			a.Client.Jobs[0].End = assess.MustDate("2026-10-31")
			return a
		}, want: []string{
			"Book a new language test: the CELPIP-General of 2025-02-01 expires on 2027-01-31.",
			"Look for more qualifying work in Canada: 1317.8 qualifying hours are counted and the current jobs do not reach the requirement within three years.",
		}},
		{name: "hours short, eligible later with two ongoing jobs", a: func() *assess.Assessment {
			a := onlyHoursShort(2)
			a.Tests[0].ValidUntil = d("2028-01-31")
			a.EligibleFrom = d("2027-02-27")
			a.Jobs[1] = assess.JobResult{Index: 1, TEER: 2, Status: assess.JobCounted}
			a.Client.Jobs[1].End = 0
			return a
		}, want: []string{
			"Eligible from 2027-02-27 if the jobs at Harbour Grill & Bar <Vancouver> and QuickMart continue: diarize.",
		}},
		{name: "no test on file", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Client.Tests, a.Tests, a.LanguageCLB = nil, nil, -1
			return a
		}, want: []string{
			"Book a language test (IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada): there is no test on file.",
		}},
		{name: "only a refused test", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Client.Tests[0].Kind, a.Client.Tests[0].Name = assess.IELTSAcademic, "IELTS Academic"
			a.Tests[0] = assess.TestResult{Index: 0, Accepted: false, Why: assess.Untranslated("not accepted"), ValidUntil: d("2027-01-31")}
			a.LanguageCLB = -1
			return a
		}, want: []string{
			"Book an accepted language test (IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada): the IELTS Academic of 2025-02-01 is not accepted for the CEC.",
		}},
		{name: "expired test", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Client.Tests[0].Date = d("2024-01-05")
			a.Tests[0] = assess.TestResult{Index: 0, Accepted: true, ValidUntil: d("2026-01-04"), Why: assess.Untranslated("expired"), CLB: [4]int{9, 9, 9, 9}, Level: 9}
			a.LanguageCLB = -1
			return a
		}, want: []string{
			"Book a new language test: the CELPIP-General of 2024-01-05 expired on 2026-01-04.",
		}},
		{name: "only test has a data problem: fix it, no new sitting", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Verdict = assess.NeedsReview
			a.Tests[0] = assess.TestResult{Index: 0, Accepted: true, ValidUntil: d("2027-01-31"), Why: assess.Untranslated("data problem on its row")}
			a.LanguageCLB = -1
			a.Findings = []assess.Finding{{Code: assess.CodeData, Kind: assess.KindData, Job: -1, Test: -1,
				Cell: "Language Tests!E3", Text: assess.Untranslated("The reading score 13 is outside the CELPIP-General scale.")}}
			return a
		}, want: []string{
			"Fix Language Tests!E3: the reading score 13 is outside the CELPIP-General scale.",
		}},
		{name: "a French test falls short in NCLC", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Client.Tests[0].Kind, a.Client.Tests[0].Name, a.Tests[0].Kind = assess.TCFCanada, "TCF Canada", assess.TCFCanada
			return a
		}, want: []string{
			"Book a new language test: the TCF Canada of 2025-02-01 falls short of NCLC 5 in speaking, which is needed in all four abilities.",
		}},
		{name: "misspelt test name: fix it, no new sitting", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Verdict = assess.NeedsReview
			a.Client.Tests[0].Kind, a.Client.Tests[0].Name = assess.TestUnknown, "IELTS Genral"
			a.Tests[0] = assess.TestResult{Index: 0, Why: assess.Untranslated("unknown test")}
			a.LanguageCLB = -1
			a.Findings = []assess.Finding{{Code: assess.CodeData, Kind: assess.KindData, Job: -1, Test: 0,
				Cell: "Language Tests!B3", Text: assess.Untranslated("The test name \"IELTS Genral\" is not a known test.")}}
			return a
		}, want: []string{
			"Fix Language Tests!B3: the test name \"IELTS Genral\" is not a known test.",
		}},
		{name: "a did-you-mean ends the step with its question mark, no full stop after it", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Verdict = assess.NeedsReview
			a.Client.Tests, a.Tests, a.LanguageCLB = nil, nil, -1
			a.Client.Problems = []assess.Problem{{Cell: "Language Tests!B3", Message: assess.Untranslated("\"Test\" \"IELTS General Traning\" is not a language test cecbatch knows. Did you mean \"IELTS General Training\"?")}}
			return a
		}, want: []string{
			"Fix Language Tests!B3: \"Test\" \"IELTS General Traning\" is not a language test cecbatch knows. Did you mean \"IELTS General Training\"?",
		}},
		{name: "a test row ingest could not keep: no \"no test on file\"", a: func() *assess.Assessment {
			a := onlyLanguageFails()
			a.Verdict = assess.NeedsReview
			a.Client.Tests, a.Tests, a.LanguageCLB = nil, nil, -1
			a.Client.Problems = []assess.Problem{{Cell: "Language Tests!C9", Message: assess.Untranslated("The test date \"31/31/2025\" is not a date.")}}
			return a
		}, want: []string{
			"Fix Language Tests!C9: the test date \"31/31/2025\" is not a date.",
		}},
		{name: "work abroad is not a fact to check", a: func() *assess.Assessment {
			a := onlyHoursShort(2)
			a.Tests[0].ValidUntil = d("2028-01-31")
			a.Jobs[1].Exclusions[0].Code = "W-CANADA"
			a.Client.Jobs[0].End = d("2026-10-31")
			return a
		}, want: []string{
			"Look for more qualifying work in Canada: 1317.8 qualifying hours are counted and the current jobs do not reach the requirement within three years.",
		}},
		{name: "Quebec", a: func() *assess.Assessment {
			a := fxEligible()
			a.Verdict = assess.NotEligible
			a.Client.Province = "QC"
			a.Requirements[2].Outcome = assess.NotMet
			a.Findings = append(a.Findings, assess.Finding{Code: "Q-PROV", Kind: assess.KindFailure, Text: assess.Untranslated("The client intends to live in Quebec.")})
			return a
		}, want: []string{
			"Tell the client the CEC requires intending to live outside Quebec; Quebec selects its own skilled workers, so have the lawyer look at Quebec's programs.",
		}},
		{name: "mixed TEER and no status", a: func() *assess.Assessment {
			a := fxEligible()
			a.Verdict = assess.NeedsReview
			a.LanguageCLB = 6
			a.Client.Status = assess.StatusNone
			a.Findings = []assess.Finding{
				{Code: "L-MIXED", Kind: assess.KindConcern, Text: assess.Untranslated("Unsettled.")},
				{Code: "S-STATUS", Kind: assess.KindConcern, Text: assess.Untranslated("Out of status.")},
				{Code: "X-NEW", Kind: assess.KindConcern, Text: assess.Untranslated("A new concern.")},
			}
			return a
		}, want: []string{
			"Have the lawyer decide the language threshold for mixed TEER experience (L-MIXED): the client has CLB 6, enough for the TEER 2 or 3 hours but not CLB 7.",
			"Confirm the client's immigration status: the intake says none (out of status), which the lawyer must review.",
			"Have the lawyer review X-NEW: a new concern.",
		}},
		{name: "problem the engine did not report, and duplicates", a: func() *assess.Assessment {
			a := fxNeedsReview()
			a.Client.Problems = append(a.Client.Problems,
				assess.Problem{Cell: "Language Tests!D5", Message: assess.Untranslated("Reading score \"abc\" is not a number.")},
				assess.Problem{Cell: "", Message: assess.Untranslated("Two rows for client C-1003.")})
			a.Findings = append(a.Findings, a.Findings[0])
			a.Client.Admissibility = strings.Repeat("long note ", 30)
			return a
		}, want: []string{
			"Fix Employment!G7: end date 2023-05-01 is before the start date 2024-05-01.",
			"Fix Language Tests!D5: reading score \"abc\" is not a number.",
			"Fix the intake workbook: two rows for client C-1003.",
			"Have the lawyer review the admissibility concern before anything is filed (the intake says: " + strings.TrimSpace(strings.Repeat("long note ", 8)) + "…).",
			"Confirm the client's immigration status: it expired on 2026-10-31, before the assessed date 2026-12-01; ask for proof of an extension or maintained status.",
			"Find the NOC 2021 code for the job at Prairie Logistics Ltd.: the NOC 2016 code 1525 was mapped by skill level.",
			"Eligible from 2027-03-01 if the job at Prairie Logistics Ltd. continues: diarize.",
		}},
		{name: "failure of an unknown requirement", a: func() *assess.Assessment {
			a := fxEligible()
			a.Verdict = assess.NotEligible
			a.Findings = []assess.Finding{{Code: "Z-NEW", Kind: assess.KindFailure, Text: assess.Untranslated("Something new fails.")}}
			return a
		}, want: []string{"Review Z-NEW: something new fails."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a()
			if a != nil {
				a.Rules = assess.Current() // as the engine sets it
			}
			got := NextSteps(a)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("NextSteps =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			seen := make(map[string]bool)
			for _, s := range got {
				if seen[s] {
					t.Errorf("duplicate step %q", s)
				}
				seen[s] = true
				if !(strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?")) || strings.Contains(s, "\n") {
					t.Errorf("step %q is not one sentence on one line", s)
				}
			}
		})
	}
}

// onlyHoursShort is fxNotEligible with the language requirement met (CLB 5
// on its test) and its first jobs jobs kept, the first on a PGWP: the work
// requirement's failure is the one finding left.
func onlyHoursShort(jobs int) *assess.Assessment {
	a := fxNotEligible()
	a.Requirements[1].Outcome = assess.Met
	a.Tests[0].CLB, a.Tests[0].Level, a.LanguageCLB = [4]int{6, 5, 5, 5}, 5, 5
	a.Findings = a.Findings[:1]
	a.Jobs = a.Jobs[:jobs]
	a.Client.Jobs[0].Authorization = assess.AuthPGWP
	return a
}

// onlyLanguageFails is fxNotEligible with the work requirement met and one
// job on a PGWP: the language failure is the one finding left.
func onlyLanguageFails() *assess.Assessment {
	a := fxNotEligible()
	a.Requirements[0].Outcome = assess.Met
	a.Findings = a.Findings[1:2]
	a.Jobs = a.Jobs[:1]
	a.Client.Jobs[0].Authorization = assess.AuthPGWP
	return a
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"End date is blank":  "end date is blank",
		"NOC 1525 is old":    "NOC 1525 is old",
		"W-SELF applies":     "W-SELF applies",
		"already lower case": "already lower case",
		"":                   "",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
