package assess

import (
	"strings"
	"testing"
)

// Table tests of the doubt model at its boundaries: each doubt alone, two
// doubts that decide only together, a doubt that decides when the defaults
// fail, and eligible_until under the combined scenario.

// doubtOf returns the doubt with code, or fails the test.
func doubtOf(t *testing.T, a *Assessment, code string) Doubt {
	t.Helper()
	for _, d := range a.Doubts {
		if d.Code == code {
			return d
		}
	}
	t.Fatalf("no %s doubt; doubts %+v\n%s", code, a.Doubts, dump(a))
	return Doubt{}
}

// TestDoubtsDecideTogether: a blank authorization and a 70-hour row, each
// harmless alone, together flip the outcome; both are raised and the client
// is needs_review (verdict step 2). Window 2022-01-01 to 2024-12-31.
func TestDoubtsDecideTogether(t *testing.T) {
	// X: 365 days at 30 h, 1,564.3 h, authorization blank. Y: 550 days at
	// 70 h/week, credited 30 (2,357.1 h); read per month, 70 ÷ 4.33 = 16.2
	// h/week, 1,270.1 h. Without X: 2,357.1 h; Y per month: 2,834.4 h;
	// both: 1,270.1 h, short.
	c := newClient("2025-01-01", []Job{
		job("Xenon", "21231", "2022-01-01", "2022-12-31", 30, func(j *Job) { j.Authorization = AuthUnknown }),
		job("Yarrow", "21232", "2023-07-01", "2024-12-31", 70),
	}, []Test{clb("2024-06-01", 9)})
	a := rules.Assess(c, 0)
	if a.Verdict != NeedsReview {
		t.Fatalf("verdict %s\n%s", a.Verdict, dump(a))
	}
	for _, code := range []string{RuleAuthVerify, RuleHoursVerify} {
		d := doubtOf(t, a, code)
		if d.Alternative.Objective != ObjectiveMet || !d.Raised || !d.Decides || !strings.Contains(d.Why.String(), "together with") {
			t.Errorf("%s: %+v", code, d)
		}
		f := mustFind(t, a, code, KindConcern)
		if !strings.Contains(f.Text.String(), "Together with") || !strings.Contains(f.Text.String(), "with all of them switched, the objective requirements are not met (1,270.2 h)") {
			t.Errorf("%s concern %q", code, f.Text)
		}
	}
	cs := a.Combined
	if cs == nil || !cs.Decides || cs.Outcome.Objective != ObjectiveFails || !near(cs.Outcome.Hours, 550*70/rules.WeeksPerMonth/7) {
		t.Fatalf("combined %+v", cs)
	}
	// Either doubt alone settled the other way changes nothing: with a
	// permit on X, the hours doubt decides nothing and the client is eligible.
	c.Jobs[0].Authorization = AuthOpenPermit
	if b := rules.Assess(c, 0); b.Verdict != Eligible || doubtOf(t, b, RuleHoursVerify).Raised {
		t.Errorf("with X's permit: %s\n%s", b.Verdict, dump(b))
	}
}

// TestBreakBetweenTerms: the days between two full-time study rows whose
// next starts less than 150 days after the previous ends are part of the
// program (W-BREAK): not counted. At 149 days the doubt decides, and the
// client who fails under the defaults is needs_review, not "not eligible";
// at 150 days the days count. A = 2024-10-01; the job runs 2023-01-01 to
// the window's end, 639 days; the first term is 2023-01-01 to 2023-04-30
// (120 days), the second ends 2023-12-15.
func TestBreakBetweenTerms(t *testing.T) {
	for _, c := range []struct {
		gap     int // days from the first term's end to the second's start
		days    int // days counted under the defaults
		verdict Verdict
		doubt   bool
	}{
		{149, 639 - 120 - 81 - 148, NeedsReview, true},
		{150, 639 - 120 - 80, Eligible, false},
		{1, 639 - 120 - 229, NotEligible, false}, // the terms touch: no day between
	} {
		second := day("2023-04-30") + Date(c.gap)
		cl := newClient("2024-10-01", []Job{job("Maple", "21231", "2023-01-01", "", 40)}, []Test{clb("2024-06-01", 9)},
			study("2023-01-01", "2023-04-30", true), study(second.String(), "2023-12-15", true))
		a := rules.Assess(cl, 0)
		if !near(a.QualifyingHours, float64(c.days)*fullTime) || a.Verdict != c.verdict {
			t.Errorf("gap %d: %s h, verdict %s; want %d days, %s\n%s", c.gap, FormatHours(a.QualifyingHours), a.Verdict, c.days, c.verdict, dump(a))
			continue
		}
		if !c.doubt {
			if len(findings(a, RuleBreak, "")) != 0 {
				t.Errorf("gap %d: a W-BREAK finding\n%s", c.gap, dump(a))
			}
			continue
		}
		d := doubtOf(t, a, RuleBreak)
		if !d.Decides || d.Default.Objective != ObjectiveFails || d.Alternative.Objective != ObjectiveMet ||
			d.DefaultText.String() != "not counted" || !near(d.Alternative.Hours, float64(c.days+148)*fullTime) {
			t.Errorf("gap %d: %+v", c.gap, d)
		}
		// The failure is still listed, with the doubt that decides.
		mustFind(t, a, RuleHours, KindFailure)
		if f := mustFind(t, a, RuleBreak, KindConcern); !strings.Contains(f.Text.String(), "Not counted: the objective requirements are not met") ||
			!strings.Contains(f.Text.String(), "counted: the objective requirements are met") || f.Cell != "Study!A2" {
			t.Errorf("W-BREAK concern %+v", f)
		}
	}
}

// TestHoursAboveSixty: more than 60 hours a week may be a month's hours
// (W-HOURS-VERIFY): at 60 there is no doubt; above it the doubt is a
// concern when the hours read per month change the outcome.
func TestHoursAboveSixty(t *testing.T) {
	for _, c := range []struct {
		hours   float64
		present bool
		verdict Verdict
	}{
		{60, false, Eligible},
		{60.5, true, NeedsReview}, // 400 days at 60.5 ÷ 4.33 = 14 h/week: 798.4 h
		{100, true, NeedsReview},  // 23.1 h/week: 1,319.6 h
	} {
		// 400 days at 30 h credited: 1,714.3 h.
		cl := newClient("2025-01-01", []Job{job("Acme", "21231", "2023-11-28", "", c.hours)}, []Test{clb("2024-06-01", 9)})
		a := rules.Assess(cl, 0)
		if a.Verdict != c.verdict || !near(a.QualifyingHours, 400*fullTime) {
			t.Errorf("%v h: verdict %s, %s h\n%s", c.hours, a.Verdict, FormatHours(a.QualifyingHours), dump(a))
		}
		if got := len(findings(a, RuleHoursVerify, "")) > 0; got != c.present {
			t.Errorf("%v h: W-HOURS-VERIFY %v", c.hours, got)
			continue
		}
		if c.present {
			d := doubtOf(t, a, RuleHoursVerify)
			if !d.Decides || !near(d.Alternative.Hours, 400*c.hours/rules.WeeksPerMonth/7) {
				t.Errorf("%v h: %+v", c.hours, d)
			}
			if f := mustFind(t, a, RuleHoursVerify, KindConcern); f.Cell != "Employment!H2" || !strings.Contains(f.Text.String(), "perhaps hours per month") {
				t.Errorf("%v h: %+v", c.hours, f)
			}
		}
	}
	// Not deciding: a note, and the client stays eligible.
	cl := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 100)}, []Test{clb("2024-06-01", 9)})
	if a := rules.Assess(cl, 0); a.Verdict != Eligible || mustFind(t, a, RuleHoursVerify, KindNote).Cell != "Employment!H2" {
		t.Errorf("100 h over three years: %s\n%s", a.Verdict, dump(a))
	}
}

// TestPlaceDoubt: a bare Halifax is read as in Canada; outside Canada the
// row would not count, so it is a concern exactly when that decides.
func TestPlaceDoubt(t *testing.T) {
	halifax := func(j *Job) { j.Location, j.PlaceDoubt = "Halifax", true }
	for _, c := range []struct {
		name    string
		jobs    []Job
		verdict Verdict
		kind    Kind
	}{
		{"the only job", []Job{job("Harbour", "21231", "2023-01-01", "", 30, halifax)}, NeedsReview, KindConcern},
		{"another job meets the hours", []Job{job("Harbour", "21231", "2024-06-01", "", 30, halifax), job("Maple", "21232", "2022-01-01", "2023-12-31", 30)}, Eligible, KindNote},
	} {
		a := rules.Assess(newClient("2025-01-01", c.jobs, []Test{clb("2024-06-01", 9)}), 0)
		f := mustFind(t, a, RulePlaceVerify, c.kind)
		if a.Verdict != c.verdict || f.Cell != "Employment!I2" || !strings.Contains(f.Text.String(), `"Halifax"`) || len(findings(a, RuleUnauth, "")) != 0 {
			t.Errorf("%s: %s %+v\n%s", c.name, a.Verdict, f, dump(a))
		}
	}
}

// TestEligibleUntilCombined: eligible_until is the earlier of the defaults'
// date and the combined scenario's. A job whose authorization is blank goes
// on after A: counting it, the hours hold until the test expires; without
// it they slide out of the window first.
func TestEligibleUntilCombined(t *testing.T) {
	c := newClient("2025-01-01", []Job{
		job("Maple", "21231", "2022-01-01", "2023-12-31", 30),
		job("Birch", "21232", "2024-01-01", "", 30, func(j *Job) { j.Authorization = AuthUnknown }),
	}, []Test{clb("2024-06-01", 9)})
	a := rules.Assess(c, 0)
	cs := a.Combined
	if a.Verdict != Eligible || cs == nil || cs.DefaultUntil != day("2026-05-31") {
		t.Fatalf("verdict %s combined %+v\n%s", a.Verdict, cs, dump(a))
	}
	// Without Birch, the 730 days at Maple hold 1,560 h until the window
	// starts after 2023-01-02: 2026-01-02 is the last day.
	if cs.EligibleUntil != day("2026-01-02") || cs.LapseCode != RuleHours || a.EligibleUntil != cs.EligibleUntil || a.LapseCode != RuleHours {
		t.Errorf("until %s %s; combined %s %s", a.EligibleUntil, a.LapseCode, cs.EligibleUntil, cs.LapseCode)
	}
	// With the permit recorded there is no doubt: the test's expiry.
	c.Jobs[1].Authorization = AuthOpenPermit
	if b := rules.Assess(c, 0); b.Combined != nil || b.EligibleUntil != day("2026-05-31") || b.LapseCode != RuleValid {
		t.Errorf("no doubt: until %s %s", b.EligibleUntil, b.LapseCode)
	}
	// A needs_review client who meets the requirements gets the date too;
	// one with a data problem does not.
	c.Admissibility = "refused a visa in 2019"
	if b := rules.Assess(c, 0); b.Verdict != NeedsReview || b.EligibleUntil != day("2026-05-31") {
		t.Errorf("needs review by a concern: %s until %s", b.Verdict, b.EligibleUntil)
	}
	c.Problems = []Problem{{Cell: "Clients!D2", Message: Untranslated("The date of birth is not a date.")}}
	if b := rules.Assess(c, 0); b.EligibleUntil != 0 {
		t.Errorf("data problem: until %s", b.EligibleUntil)
	}
}

// TestRuleSetInForce: no rule set is encoded before 2024-01-30 (R-RULESET).
func TestRuleSetInForce(t *testing.T) {
	for _, c := range []struct {
		app     string
		concern bool
	}{{"2024-01-29", true}, {"2024-01-30", false}} {
		a := rules.Assess(newClient(c.app, []Job{job("Acme", "21231", "2021-01-01", "", 30)}, []Test{clb("2023-06-01", 9)}), 0)
		got := findings(a, RuleRuleSet, KindConcern)
		if (len(got) > 0) != c.concern || (c.concern && (a.Verdict != NeedsReview || got[0].Cell != "Clients!E2" || !strings.Contains(got[0].Text.String(), "PTE Core"))) {
			t.Errorf("A %s: R-RULESET %+v verdict %s", c.app, got, a.Verdict)
		}
	}
}

func TestEmployerKey(t *testing.T) {
	for _, same := range [][2]string{
		{"Acme Inc.", "ACME"}, {"Café du Coin Ltée", "cafe du coin ltee"}, {"Smith & Sons, Ltd", "smith sons"},
		{"Northwind Corp", "Northwind"}, {"Dupont LLP", "dupont"}, {"Acme, inc", "acme"},
	} {
		if employerKey(same[0]) != employerKey(same[1]) {
			t.Errorf("%q and %q differ: %q, %q", same[0], same[1], employerKey(same[0]), employerKey(same[1]))
		}
	}
	for _, other := range [][2]string{{"Acme", "Acme Two"}, {"Inc", ""}, {"Beta Ltd", "Betal"}} {
		if employerKey(other[0]) == employerKey(other[1]) {
			t.Errorf("%q and %q are one employer", other[0], other[1])
		}
	}
}

// TestWorkRequirementUnderDoubt: the work requirement says "met" only when
// the hours hold both ways. Met as counted but short when a doubt that
// counts the work is settled the other way (alone, or only with the others
// together) is a concern for the lawyer with both numbers; hours that hold
// either way stay met. Window 2022-01-01 to 2024-12-31.
func TestWorkRequirementUnderDoubt(t *testing.T) {
	halifax := func(j *Job) { j.Location, j.PlaceDoubt = "Halifax", true }
	blankAuth := func(j *Job) { j.Authorization = AuthUnknown }
	for _, c := range []struct {
		name    string
		jobs    []Job
		outcome Outcome
		says    []string
	}{
		{"a bare place name, the only job", []Job{job("Harbour", "21231", "2023-01-01", "", 30, halifax)},
			// 731 days at 30 h a week; outside Canada, none of them counts.
			Concern, []string{"For the lawyer: 3,132.8 qualifying hours as counted, meeting the required 1,560; outside Canada (W-PLACE-VERIFY), 0.0 hours, 1,560.0 short."}},
		{"a bare place name beside enough other work", []Job{job("Harbour", "21231", "2024-06-01", "", 30, halifax), job("Maple", "21232", "2022-01-01", "2023-12-31", 30)},
			// Maple alone gives 3,128.5 h: the doubt is a note, the hours met.
			Met, []string{"Met: 4,045.7 qualifying hours"}},
		{"two doubts short only together", []Job{
			job("Xenon", "21231", "2022-01-01", "2022-12-31", 30, blankAuth),
			job("Yarrow", "21232", "2023-07-01", "2024-12-31", 70)},
			Concern, []string{"as counted, meeting the required 1,560; with every doubt that favours the client switched (", "W-AUTH-VERIFY", "W-HOURS-VERIFY", "1,270.2 hours, 289.7 short"}},
		{"no doubt", []Job{job("Maple", "21232", "2022-01-01", "2023-12-31", 30)}, Met, []string{"Met: 3,128.5 qualifying hours"}},
	} {
		a := rules.Assess(newClient("2025-01-01", c.jobs, []Test{clb("2024-06-01", 9)}), 0)
		var w *Requirement
		for i := range a.Requirements {
			if a.Requirements[i].Key == ReqWork {
				w = &a.Requirements[i]
			}
		}
		if w == nil {
			t.Fatalf("%s: no work requirement", c.name)
		}
		if w.Outcome != c.outcome {
			t.Errorf("%s: outcome %v, want %v: %s", c.name, w.Outcome, c.outcome, w.Finding)
		}
		for _, s := range c.says {
			if !strings.Contains(w.Finding.String(), s) {
				t.Errorf("%s: the finding %q does not say %q", c.name, w.Finding, s)
			}
		}
	}
}
