package report

import (
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

// objective says how the objective requirements stand in a scenario, in
// the language of l.
func (l *locale) objective(o assess.ScenarioOutcome) string { return l.text(objective(o)) }

// bothWays is "counted, the requirements are met (4,697.1 h); not counted,
// not met (0.0 h)".
func bothWays(d assess.Doubt) assess.Text {
	return step("%s, the requirements are %s (%s h); %s, %s (%s h)",
		d.DefaultText, objective(d.Default), assess.Hours(d.Default.Hours),
		d.AlternativeText, objective(d.Alternative), assess.Hours(d.Alternative.Hours))
}

// objective says how the objective requirements stand in a scenario.
func objective(o assess.ScenarioOutcome) assess.Text {
	switch o.Objective {
	case assess.ObjectiveMet:
		return step("met")
	case assess.ObjectiveMixed:
		return step("met on some readings of L-MIXED")
	}
	return step("not met")
}

// stepDoubt is the step of a raised doubt: the fact to find out, for the
// lawyer to decide, with the outcome both ways.
func stepDoubt(a *assess.Assessment, d assess.Doubt) assess.Text {
	var names []assess.Text
	var places []string
	seen := map[string]bool{}
	hoursEntered := ""
	if c := a.Client; c != nil {
		for _, i := range d.Jobs {
			if i < 0 || i >= len(c.Jobs) {
				continue
			}
			j := c.Jobs[i]
			if n := stepEmployer(j); !seen[n.String()] {
				seen[n.String()] = true
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
	at := step("the work")
	if len(names) > 0 {
		at = step("the work at %s", assess.AndList(names...))
	}
	var lead assess.Text
	switch d.Code {
	case assess.RuleAuthVerify:
		lead = step("Confirm the permit or status that authorized %s (the Work Authorization is blank)", at)
	case assess.RuleMaintVerify:
		lead = step("Have the lawyer decide the days of %s on maintained status", at)
	case assess.RuleR186wVerify:
		lead = step("Confirm the R186(w) facts for %s (the work-permit application made before the study permit expired, off-campus eligibility and hours, its outcome)", at)
	case assess.RulePhysician:
		lead = step("Have the lawyer confirm the physicians' public policy's conditions for %s (publicly funded services)", at)
	case assess.RuleBreak:
		lead = step("Ask what the client did between the study terms around %s (a break or co-op term is part of the program)", at)
	case assess.RuleStudyVerify:
		lead = step("Ask whether %s on a study permit was done in the final session (IRPR 186(v))", at)
	case assess.RuleHoursVerify:
		lead = step("Confirm the hours per week of %s (%s entered: perhaps a month's)", at, hoursEntered)
	case assess.RulePlaceVerify:
		lead = step("Ask where %s was done (%s is also a place abroad: write the province or the country)", at, quoteList(places))
	default:
		lead = step("Have the lawyer review %s", at)
	}
	return step("%s: %s (%s).", lead, bothWays(d), d.Code)
}

// quoteList is `"Halifax" and "London"`.
func quoteList(items []string) assess.Text {
	q := make([]assess.Text, len(items))
	for i, s := range items {
		q[i] = assess.Plain(`"` + s + `"`)
	}
	return assess.AndList(q...)
}

// stepMaintained is the extension to confirm for days on maintained
// status, whatever the verdict.
func stepMaintained(a *assess.Assessment) assess.Text {
	for _, d := range a.Doubts {
		if d.Code == assess.RuleMaintVerify && !d.Expired.IsZero() {
			return step("Confirm that the extension was applied for before the permit expired on %s; if it was refused, work after the refusal is unauthorized (%s).", d.Expired, assess.RuleMaintVerify)
		}
	}
	return assess.Text{}
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
func stepDatedApplication(a *assess.Assessment) assess.Text {
	if t := testAfterApplication(a); t != nil {
		return step("The %s of %s was taken after the application date %s and cannot support that application; have the lawyer advise on a new application.", stepTestName(*t), t.Date, a.AssessedOn)
	}
	if isPast(a, a.EligibleFrom) {
		return step("The requirements were projected to be met from %s, before this run: assess the client again as of today.", a.EligibleFrom)
	}
	return assess.Text{}
}

// pastSubmit is the step of an eligible client whose latest safe date has
// passed: what held on the application date, never "submit by".
func pastSubmit(a *assess.Assessment) assess.Text {
	return stepSentence(step("On the application date %s, the application had to be submitted by %s", a.AssessedOn, a.EligibleUntil), a.Lapse)
}
