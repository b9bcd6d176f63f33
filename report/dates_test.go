package report

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// The rule book's "Dates in the past and the present": a date before the
// run is never to diarize or submit by, and an eligible client whose latest
// safe date is close is headed "eligible only until", in the warning
// colour, on the opinion and the summary.

// TestUrgentHeadlineBoundary: the headline appears under 60 days from the
// run, not at 60.
func TestUrgentHeadlineBoundary(t *testing.T) {
	run := assess.MustDate("2026-03-01")
	for _, c := range []struct {
		until string
		want  string
	}{
		{"2026-04-30", ""}, // 60 days
		{"2026-04-29", "Eligible only until 2026-04-29, 59 days from this run"},
		{"2026-03-02", "Eligible only until 2026-03-02, 1 day from this run"},
		{"2026-03-01", "Eligible only until 2026-03-01, the day of this run"},
	} {
		a := &assess.Assessment{Verdict: assess.Eligible, EligibleUntil: assess.MustDate(c.until), RunDate: run, Rules: assess.Current()}
		if got := urgentHeadline(english(), a, 0); got != c.want {
			t.Errorf("until %s: %q, want %q", c.until, got, c.want)
		}
	}
	a := &assess.Assessment{Verdict: assess.NeedsReview, EligibleUntil: assess.MustDate("2026-03-02"), RunDate: run, Rules: assess.Current()}
	if got := urgentHeadline(english(), a, 0); got != "" {
		t.Errorf("needs review: %q", got)
	}
}

// TestUrgentOpinionAndSummary: the opinion's verdict box and the summary's
// verdict cell of an eligible client 45 days from the latest safe date.
func TestUrgentOpinionAndSummary(t *testing.T) {
	r := newRenderer(t)
	a := assessFor(t, testClients()["eligible-until-soon"], r)
	text := printed(t, r, a)
	mustContain(t, text, "ELIGIBLE ONLY UNTIL 2026-04-15", "Eligible only until 2026-04-15, 45 days from this run.")
	steps := NextSteps(a)
	if len(steps) == 0 || !strings.HasPrefix(steps[0], "Eligible only until 2026-04-15, 45 days from this run: act now.") {
		t.Errorf("the first next step is not what to do now: %q", steps)
	}
	reasons := summaryReasonList(a, asOf)
	if len(reasons) == 0 || !strings.HasPrefix(reasons[0], "Eligible only until 2026-04-15, 45 days from this run: from 2026-04-16 no accepted") {
		t.Errorf("summary reasons %q", reasons)
	}
	// Invited within the last 60 days: submit now.
	a.Client.ITADate = assess.MustDate("2026-02-10")
	if steps := NextSteps(a); !strings.Contains(steps[0], "submit the application for permanent residence (eAPR) now, under the invitation of 2026-02-10") {
		t.Errorf("invited client: %q", steps[0])
	}
}

// TestNoPastDateToAct: for an Application Date in the past, the next steps
// say what held on that date, and give no date before the run to submit
// by, to diarize or to act before.
func TestNoPastDateToAct(t *testing.T) {
	r := newRenderer(t)
	// Eligible on 2024-06-01 until the test expired on 2025-06-09.
	c := testClients()["eligible"]
	c.ApplicationDate = assess.MustDate("2024-06-01")
	c.Tests = []assess.Test{ielts(2, "2023-06-10", 8, 7, 7, 7)}
	c.Jobs[0].Start = assess.MustDate("2021-09-01")
	a := assessFor(t, c, r)
	if a.Verdict != assess.Eligible || a.EligibleUntil >= asOf {
		t.Fatalf("fixture: %s until %s\n%v", a.Verdict, a.EligibleUntil, a.Findings)
	}
	steps := strings.Join(NextSteps(a), "\n")
	if strings.Contains(steps, "Submit the application") || strings.Contains(steps, "by "+a.EligibleUntil.String()+", the latest safe date") ||
		strings.Contains(steps, "Act before") || strings.Contains(steps, "Book a new language test now") {
		t.Errorf("a past date to act on:\n%s", steps)
	}
	mustContain(t, steps, "On the application date 2024-06-01, the application had to be submitted by "+a.EligibleUntil.String())
	text := printed(t, r, a)
	mustContain(t, text, "On the application date 2024-06-01, the application had to be submitted by "+a.EligibleUntil.String())
	if strings.Contains(text, "The latest safe date to submit the application for permanent residence is") {
		t.Error("the opinion gives a past date as the latest safe date to submit")
	}

	// Not eligible on a past application date, eligible later: no date
	// before the run to diarize.
	c = testClients()["eligible"]
	c.ApplicationDate = assess.MustDate("2024-06-01")
	c.Jobs[0].Start = assess.MustDate("2023-12-01")
	c.Tests = []assess.Test{ielts(2, "2024-01-10", 8, 7, 7, 7)}
	a = assessFor(t, c, r)
	if a.EligibleFrom.IsZero() || a.EligibleFrom >= asOf {
		t.Fatalf("fixture: from %s", a.EligibleFrom)
	}
	steps = strings.Join(NextSteps(a), "\n")
	if strings.Contains(steps, "diarize") || !strings.Contains(steps, "assess the client again as of today") {
		t.Errorf("a past date to diarize:\n%s", steps)
	}
}

// TestTestAfterApplicationDate: a test taken after a dated application
// cannot support it: no "eligible from" advice rests on it.
func TestTestAfterApplicationDate(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	c.ApplicationDate = assess.MustDate("2026-05-01")
	c.Tests = []assess.Test{ielts(2, "2026-06-01", 8, 7, 7, 7)}
	a := assessFor(t, c, r)
	if a.Verdict != assess.NotEligible || a.EligibleFrom != assess.MustDate("2026-06-01") {
		t.Fatalf("fixture: %s from %s", a.Verdict, a.EligibleFrom)
	}
	steps := strings.Join(NextSteps(a), "\n")
	if strings.Contains(steps, "diarize") || strings.Contains(steps, "Book") || !strings.Contains(steps, "was taken after the application date 2026-05-01 and cannot support that application") {
		t.Errorf("steps:\n%s", steps)
	}
}

// TestMaintainedStep: every client with days on maintained status is asked
// to confirm the extension, eligible or not.
func TestMaintainedStep(t *testing.T) {
	r := newRenderer(t)
	a := assessFor(t, testClients()["doubts"], r)
	want := "Confirm that the extension was applied for before the permit expired on 2025-06-30; if it was refused, work after the refusal is unauthorized (W-MAINT-VERIFY)."
	if steps := NextSteps(a); len(steps) == 0 || steps[0] != want {
		t.Errorf("steps %q", steps)
	}
	// Resolved and not deciding: still the step, for an eligible client.
	c := testClients()["doubts"]
	c.Jobs[0].PlaceDoubt, c.Jobs[0].Location = false, "NS"
	c.Jobs[0].Start = assess.MustDate("2023-03-01")
	a = assessFor(t, c, r)
	if a.Verdict != assess.Eligible || !strings.Contains(strings.Join(NextSteps(a), "\n"), want) {
		t.Errorf("eligible with maintained days: %s %q", a.Verdict, NextSteps(a))
	}
}

// TestPastReviewDate: a run after the rule set's next review date says so
// on the opinion.
func TestPastReviewDate(t *testing.T) {
	r := newRenderer(t)
	c := testClients()["eligible"]
	a := assess.Current().Assess(c, assess.MustDate("2027-03-07"))
	doc := &opinionDoc{builder: builder{loc: english()}, r: r, a: a, c: c, rs: a.Rules, runDate: assess.MustDate("2027-03-07")}
	if line := doc.rulesLine(); !strings.Contains(line, "past its review date (2027-03-06)") {
		t.Errorf("rules line %q", line)
	}
	doc.runDate = assess.MustDate("2027-03-06")
	if line := doc.rulesLine(); strings.Contains(line, "past its review date") {
		t.Errorf("on the review date: %q", line)
	}
}
