package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// The next steps of the doubt model: one step per doubt raised, naming the
// outcome both ways, and for maintained status the extension to confirm;
// and the dates in the past, which are never to diarize.

// doubtRule is the rule book's row of a doubt, or nil.
func doubtRule(a *assess.Assessment, code string) *assess.DoubtRule {
	if a.Rules == nil {
		return nil
	}
	for i := range a.Rules.Doubts {
		if a.Rules.Doubts[i].ID == code {
			return &a.Rules.Doubts[i]
		}
	}
	return nil
}

// objective says how the objective requirements stand in a scenario.
func (l *locale) objective(o assess.ScenarioOutcome) string {
	switch o.Objective {
	case assess.ObjectiveMet:
		return l.t("met")
	case assess.ObjectiveMixed:
		return l.t("met on some readings of L-MIXED")
	}
	return l.t("not met")
}

// bothWays is "counted, the requirements are met (4,697.1 h); not counted,
// not met (0.0 h)".
func bothWays(d assess.Doubt) string {
	return fmt.Sprintf("%s, the requirements are %s (%s h); %s, %s (%s h)",
		d.DefaultText, english().objective(d.Default), hours(d.Default.Hours),
		d.AlternativeText, english().objective(d.Alternative), hours(d.Alternative.Hours))
}

// stepDoubt is the step of a raised doubt: the fact to find out, for the
// lawyer to decide, with the outcome both ways.
func stepDoubt(a *assess.Assessment, d assess.Doubt) string {
	var names, places []string
	hoursEntered := ""
	if c := a.Client; c != nil {
		for _, i := range d.Jobs {
			if i < 0 || i >= len(c.Jobs) {
				continue
			}
			j := c.Jobs[i]
			if n := stepEmployer(j); !slices.Contains(names, n) {
				names = append(names, n)
			}
			if p := strings.TrimSpace(j.Location); p != "" && !slices.Contains(places, p) {
				places = append(places, p)
			}
			if hoursEntered == "" {
				hoursEntered = trimNum(j.HoursPerWeek)
			}
		}
	}
	at := "the work"
	if len(names) > 0 {
		at = "the work at " + andList(names)
	}
	var lead string
	switch d.Code {
	case assess.RuleAuthVerify:
		lead = "Confirm the permit or status that authorized " + at + " (the Work Authorization is blank)"
	case assess.RuleMaintVerify:
		lead = "Have the lawyer decide the days of " + at + " on maintained status"
	case assess.RuleR186wVerify:
		lead = "Confirm the R186(w) facts for " + at + " (the work-permit application made before the study permit expired, off-campus eligibility and hours, its outcome)"
	case assess.RulePhysician:
		lead = "Have the lawyer confirm the physicians' public policy's conditions for " + at + " (publicly funded services)"
	case assess.RuleBreak:
		lead = "Ask what the client did between the study terms around " + at + " (a break or co-op term is part of the program)"
	case assess.RuleStudyVerify:
		lead = "Ask whether " + at + " on a study permit was done in the final session (IRPR 186(v))"
	case assess.RuleHoursVerify:
		lead = fmt.Sprintf("Confirm the hours per week of %s (%s entered: perhaps a month's)", at, hoursEntered)
	case assess.RulePlaceVerify:
		lead = fmt.Sprintf("Ask where %s was done (%s is also a place abroad: write the province or the country)", at, quoteList(places))
	default:
		lead = "Have the lawyer review " + at
	}
	return fmt.Sprintf("%s: %s (%s).", lead, bothWays(d), d.Code)
}

// quoteList is `"Halifax" and "London"`.
func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = `"` + s + `"`
	}
	return andList(q)
}

// stepMaintained is the extension to confirm for days on maintained
// status, whatever the verdict.
func stepMaintained(a *assess.Assessment) string {
	for _, d := range a.Doubts {
		if d.Code == assess.RuleMaintVerify && !d.Expired.IsZero() {
			return fmt.Sprintf("Confirm that the extension was applied for before the permit expired on %s; if it was refused, work after the refusal is unauthorized (%s).", d.Expired, assess.RuleMaintVerify)
		}
	}
	return ""
}

// stepsDoubts adds the steps of the raised doubts and of maintained status.
func stepsDoubts(a *assess.Assessment, s *nextStepList) {
	s.add(stepMaintained(a))
	for _, d := range a.RaisedDoubts() {
		s.add(stepDoubt(a, d))
	}
}

// isRaisedDoubt reports whether a finding's code is a doubt raised, whose
// step stepsDoubts gives.
func isRaisedDoubt(a *assess.Assessment, code string) bool {
	for _, d := range a.RaisedDoubts() {
		if d.Code == code {
			return true
		}
	}
	return false
}

// inRaisedDoubt reports whether job i is one a raised doubt rests on.
func inRaisedDoubt(a *assess.Assessment, i int) bool {
	for _, d := range a.RaisedDoubts() {
		if slices.Contains(d.Jobs, i) {
			return true
		}
	}
	return false
}

// testAfterApplication is a valid accepted test taken after a dated
// application, on or before eligible_from: the date rests on it, and it
// cannot support the application as dated. nil when none.
func testAfterApplication(a *assess.Assessment) *assess.Test {
	c := a.Client
	if c == nil || a.FromAsOf || a.EligibleFrom.IsZero() {
		return nil
	}
	for _, tr := range a.Tests {
		if !tr.Accepted || tr.Index < 0 || tr.Index >= len(c.Tests) {
			continue
		}
		if t := &c.Tests[tr.Index]; t.Date > a.AssessedOn && t.Date <= a.EligibleFrom {
			return t
		}
	}
	return nil
}

// stepDatedApplication replaces the date to diarize when it is past, or
// rests on a test taken after a dated application.
func stepDatedApplication(a *assess.Assessment) string {
	if t := testAfterApplication(a); t != nil {
		return fmt.Sprintf("The %s of %s was taken after the application date %s and cannot support that application; have the lawyer advise on a new application.", stepTestName(*t), t.Date, a.AssessedOn)
	}
	if isPast(a, a.EligibleFrom) {
		return fmt.Sprintf("The requirements were projected to be met from %s, before this run: assess the client again as of today.", a.EligibleFrom)
	}
	return ""
}

// pastSubmit is the step of an eligible client whose latest safe date has
// passed: what held on the application date, never "submit by".
func pastSubmit(a *assess.Assessment) string {
	lapse := strings.TrimRight(strings.TrimSpace(a.Lapse.String()), ". ")
	return stepSentence(fmt.Sprintf("On the application date %s, the application had to be submitted by %s", a.AssessedOn, a.EligibleUntil), lapse)
}
