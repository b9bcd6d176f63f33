package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// mixedClient has a TEER 2 job of 1,041 h and two TEER 1 jobs and a TCF at
// NCLC 6: the readings of L-MIXED disagree.
func mixedClient() *assess.Client {
	c := testClients()["eligible"]
	c.ApplicationDate = assess.MustDate("2024-06-01")
	c.Studies = nil
	c.Jobs = []assess.Job{
		job(2, "Prairie Outfitters Ltd.", "62200", "2021-06-01", "2022-01-29", 30, assess.AuthOpenPermit),
		job(3, "Red River Software", "21231", "2022-01-30", "2022-06-18", 30, assess.AuthOpenPermit),
		job(4, "Assiniboine Accounting LLP", "21232", "2022-06-19", "2022-11-05", 30, assess.AuthOpenPermit),
	}
	c.Tests = []assess.Test{{Ref: ref("Language", 2), Name: "TCF Canada", Kind: assess.TCFCanada, Date: assess.MustDate("2024-01-15"),
		Scores: [4]assess.Score{{Value: 398}, {Value: 406}, {Value: 7}, {Value: 7}}}} // NCLC 6
	return c
}

// When the readings of L-MIXED disagree, the conclusion does not say the
// objective requirements are met, nor states reading (a)'s level as the one
// required: the language requirement is the point the lawyer decides. The
// readings table gives each level in the test's scale.
func TestOpinionMixedReadingsConclusion(t *testing.T) {
	r := newRenderer(t)
	a := assessFor(t, mixedClient(), r)
	if a.Verdict != assess.NeedsReview || len(a.Readings) != 3 {
		t.Fatalf("verdict %s, %d readings", a.Verdict, len(a.Readings))
	}
	text := printed(t, r, a)
	if strings.Contains(text, "The objective requirements are met on") {
		t.Error("the conclusion says the objective requirements are met while the readings of the language threshold disagree")
	}
	if strings.Contains(text, "(NCLC 7 required)") || strings.Contains(text, "(CLB 7 required)") {
		t.Error("the conclusion states reading (a)'s level as the level required")
	}
	mustContain(t, text, "the language requirement is met on some readings of the law and not on others (L-MIXED)",
		"NCLC 7 Fails", "NCLC 5 Passes")
}

// A concern whose text starts with an employer's name keeps the name's
// capital in the next steps ("rahimi Family Medicine" reads as a typo), and
// a data problem ending in a question gets no stray full stop ("?.").
func TestNextStepsKeepNamesAndQuestions(t *testing.T) {
	c := testClients()["eligible"]
	c.Jobs[0] = job(2, "Rahimi Family Medicine", "31102", "2023-09-01", "", 37.5, assess.AuthOpenPermit)
	c.Jobs[0].Type = assess.SelfEmployed
	c.Problems = []assess.Problem{{Cell: "Language!B3", Message: assess.Untranslated(`"IELTS General Traning" is not a language test cecbatch knows. Did you mean "IELTS General Training"?`)}}
	a := assess.Current().Assess(c, asOf)
	// A concern of a later rule whose text opens with the employer.
	a.Findings = append(a.Findings, assess.Finding{Code: "W-NEW", Kind: assess.KindConcern, Job: 0, Test: -1,
		Text: assess.Untranslated("Rahimi Family Medicine is a new kind of point for the lawyer.")})
	steps := strings.Join(NextSteps(a), "\n")
	if !strings.Contains(steps, "W-NEW: Rahimi Family Medicine") || !strings.Contains(steps, "Have the lawyer confirm the physicians' public policy's conditions for the work at Rahimi Family Medicine (publicly funded services): counted, the requirements are met") {
		t.Errorf("the employer's name lost its capital:\n%s", steps)
	}
	if strings.Contains(steps, "?.") || !strings.Contains(steps, `"IELTS General Training"?`) {
		t.Errorf("a question ends with a stray full stop:\n%s", steps)
	}
}

// The rule book states what the engine applies beyond the rule table: the
// window and its boundary days, the projections and hours_reached, the
// Express Entry sequence, TEF's /699 score as a data error, and L-THRESH
// without stating reading (a) as the rule for mixed experience.
func TestRuleBookDatesProjectionsAndTEF(t *testing.T) {
	rs := assess.Current()
	md := RuleBookMarkdown(rs)
	mustContain(t, md,
		"A − 3 years ≤ d < A",
		"eligible_from", "eligible_until", "hours_reached",
		"latest safe date",
		fmt.Sprintf("within %d days", rs.WarningDays),
		"CRS rank",
		"score out of 699",
	)
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| L-THRESH |") && !strings.Contains(line, "see L-MIXED") {
			t.Errorf("L-THRESH states reading (a) as the rule: %s", line)
		}
	}
}

// The signature line is never alone on the last page: it stays with the
// paragraph on what the engine does not decide. Notes of every length
// move the page break through the closing.
func TestOpinionSignatureNotAlone(t *testing.T) {
	for _, paper := range []Paper{Letter, A4} {
		r, err := NewOpinionRenderer(testLetterhead, paper)
		if err != nil {
			t.Fatal(err)
		}
		signatureWithParagraph(t, r)
	}
}

func signatureWithParagraph(t *testing.T, r *OpinionRenderer) {
	for n := 0; n < 60; n++ {
		c := mixedClient()
		c.Notes = strings.Repeat("Employer letter requested.\n", n)
		a := assessFor(t, c, r)
		trace, _ := traced(t, r, a)
		pageOf := func(s string) string {
			for _, l := range strings.Split(trace, "\n") {
				if strings.Contains(l, s) {
					return strings.Fields(l)[0]
				}
			}
			return ""
		}
		if sig, nd := pageOf("Reviewed by:"), pageOf("Not decided by the engine"); sig != nd {
			t.Fatalf("%s, notes of %d lines: the signature is on %s, the paragraph before it on %s", r.opt.Paper.Name, n, sig, nd)
		}
	}
}

// One unread row is "it", not "they".
func TestOpinionOneUnreadRowGrammar(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.Problems = []assess.Problem{{Cell: "Employment!G7", Message: assess.Untranslated("End Date \"31/06/2025\" is not a real day (June 2025 has 30 days); correct the date.")}}
	text := printed(t, r, assessFor(t, c, r))
	mustContain(t, text, "1 job row could not be read (Employment!G7): what it holds counts for nothing until it is fixed")
}

// When the hours rest on work the lawyer must confirm (a self-employed
// physician, a blank authorization that decides the verdict), the
// conclusion does not say flatly that the objective requirements are met.
func TestOpinionConclusionOnWorkToConfirm(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.Jobs[0] = job(2, "Rahimi Family Medicine", "31102", "2023-09-01", "", 37.5, assess.AuthOpenPermit)
	c.Jobs[0].Type = assess.SelfEmployed
	a := assessFor(t, c, r)
	if a.Verdict != assess.NeedsReview {
		t.Fatalf("verdict %s", a.Verdict)
	}
	text := printed(t, r, a)
	if strings.Contains(text, "The objective requirements are met on "+a.AssessedOn.String()+".") {
		t.Error("the conclusion says the requirements are met without the work the lawyer must confirm")
	}
	mustContain(t, text, "if the work the lawyer must confirm counts (W-PHYS)")
}

// A refugee claimant's status step asks for the date of the claim in one
// plain sentence (no "status: the client's status is recorded as …: …").
func TestNextStepsRefugeeClaimant(t *testing.T) {
	c := testClients()["eligible"]
	c.Status = assess.StatusRefugee
	c.StatusExpiry = 0
	a := assess.Current().Assess(c, asOf)
	var step string
	for _, s := range NextSteps(a) {
		if strings.Contains(s, "claim") {
			step = s
		}
	}
	if strings.Count(step, ":") > 1 || !strings.Contains(step, "date of the refugee claim") {
		t.Errorf("refugee claimant step %q in\n%s", step, strings.Join(NextSteps(a), "\n"))
	}
}
