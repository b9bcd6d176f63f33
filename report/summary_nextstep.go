package report

import (
	"fmt"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// summaryNextStep is the Summary's "Next step": the first thing to do for
// the client, in one short line a paralegal triages from ("Fix 3 cells:
// see Problems", "Book a new test before 2027-03-02"). The whole to-do list
// is the opinion's Next steps (NextSteps); advice that holds for every
// client of a verdict (check the CRS score against recent draws) is said
// once, in the sheet's notes.
func summaryNextStep(a *assess.Assessment) string {
	c := a.Client
	if c == nil {
		c = &assess.Client{}
	}
	if n := summaryCellsToFix(a); n > 0 {
		if n == 1 {
			return "Fix 1 cell: see Problems"
		}
		return fmt.Sprintf("Fix %d cells: see Problems", n)
	}
	if r := stepRequirement(a, assess.ReqProvince); r != nil && r.Outcome == assess.NotMet {
		if a.Rules != nil && strings.EqualFold(strings.TrimSpace(c.Province), a.Rules.QuebecCode) {
			return "Quebec: the CEC is for outside Quebec; the lawyer looks at Quebec's programs"
		}
		return "Confirm the intended province"
	}
	var concerns []string
	for _, f := range a.Findings {
		if f.Kind == assess.KindConcern && !strings.Contains(strings.Join(concerns, " "), f.Code) {
			concerns = append(concerns, f.Code)
		}
	}
	if len(concerns) > 0 {
		return "Lawyer to decide: " + strings.Join(concerns, ", ")
	}
	best := stepBestTest(a)
	testSoon := best != nil && best.Valid && !best.ValidUntil.IsZero() && a.AssessedOn.DaysUntil(best.ValidUntil) <= warningDays(a)
	if a.Verdict == assess.Eligible {
		switch head := urgentHeadline(english(), a, 0); {
		case isPast(a, a.EligibleUntil):
			// Never a date in the past to act on.
			return "Lawyer to review: the latest safe date " + a.EligibleUntil.String() + " has passed"
		case head != "":
			return "Act now: " + lowerFirst(head)
		case testSoon:
			return "Book a new test before " + best.ValidUntil.String()
		case !a.EligibleUntil.IsZero():
			return "Submit the eAPR by " + a.EligibleUntil.String()
		}
		return "Create the Express Entry profile"
	}
	if stepRequirementNotMet(a, assess.ReqLanguage) {
		switch {
		case len(c.Tests) == 0:
			return "Book a language test: none on file"
		case best == nil || !best.Valid:
			return "Book a new language test: none is valid"
		case a.RequiredCLB > 0:
			return fmt.Sprintf("Book a new test: %s %d needed in %s", stepScale(a), a.RequiredCLB, stepShortAbilities(best, a.RequiredCLB))
		}
	}
	if best != nil && best.Valid && !best.ValidUntil.IsZero() && (stepTestRunsOut(a) || testSoon ||
		(!a.EligibleFrom.IsZero() && best.ValidUntil < a.EligibleFrom)) {
		return "Book a new test before " + best.ValidUntil.String()
	}
	if stepRequirementNotMet(a, assess.ReqWork) {
		if !a.EligibleFrom.IsZero() && a.EligibleFrom > a.AssessedOn {
			return summaryDiarize(a, " if the jobs continue")
		}
		required := "the required hours"
		if a.Rules != nil {
			required = wholeHours(a.Rules.RequiredHours)
		}
		return fmt.Sprintf("More qualifying work needed: %s h of %s", hours(a.QualifyingHours), required)
	}
	if !a.EligibleFrom.IsZero() && a.EligibleFrom > a.AssessedOn {
		return summaryDiarize(a, "")
	}
	if steps := NextSteps(a); len(steps) > 0 {
		lead, _, _ := strings.Cut(steps[0], ": ")
		return strings.TrimSuffix(lead, ".")
	}
	return ""
}

// summaryDiarize is the step of a client eligible from a later date: the
// date to diarize, but never one before the run (the client is assessed
// again) nor one resting on a test taken after a dated application.
func summaryDiarize(a *assess.Assessment, condition string) string {
	if t := testAfterApplication(a); t != nil {
		return "Lawyer to advise: the " + stepTestName(*t).String() + " was taken after the application date"
	}
	if isPast(a, a.EligibleFrom) {
		return "Assess again as of today: eligible from " + a.EligibleFrom.String() + ", before this run"
	}
	return "Diarize: eligible from " + a.EligibleFrom.String() + condition
}

// summaryCellsToFix counts the distinct cells of the client's data
// problems (a problem with no cell counts once).
func summaryCellsToFix(a *assess.Assessment) int {
	cells := map[string]bool{}
	n := 0
	count := func(cell string) {
		if cell == "" {
			n++
		} else if !cells[cell] {
			cells[cell] = true
			n++
		}
	}
	for _, f := range a.Findings {
		if f.Kind == assess.KindData {
			count(f.Cell)
		}
	}
	for _, p := range unreportedProblems(a) {
		count(p.Cell)
	}
	return n
}

// summaryEligibleFrom is the Summary's "Eligible from", the same date for
// every verdict: the first day, from the date assessed, on which every
// objective requirement is met if the present jobs continue and no new
// test is taken (the date assessed itself for an eligible client; for a
// client who needs review, on the facts as read, the lawyer's points
// aside). It is blank when there is none within the projection, and when
// rows that could not be read decide it: the opinion draws no date then.
func summaryEligibleFrom(a *assess.Assessment) assess.Date {
	if a.Client == nil || a.Rules == nil {
		return a.EligibleFrom
	}
	d := &opinionDoc{builder: builder{loc: english()}, a: a, c: a.Client, rs: a.Rules}
	if d.rowsUnread() && d.unreadRequirements() != "" {
		return 0
	}
	return a.EligibleFrom
}
