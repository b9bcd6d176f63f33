package report

import (
	"github.com/cecbatch/cecbatch/assess"
)

// The rule book's "Dates in the past and the present": a date before the
// run is never one to diarize or submit by, and an eligible client whose
// latest safe date is close is headed so, in the warning colour, on the
// opinion and the summary. The opinion, the summary and the next steps all
// ask here, so that they say the same.

// runDateOf is the run's date for the past-and-present rules: the
// assessment's RunDate, else the date given (the summary's as-of).
func runDateOf(a *assess.Assessment, given assess.Date) assess.Date {
	if !a.RunDate.IsZero() {
		return a.RunDate
	}
	return given
}

// isPast reports whether d is before the run date (unknown: never).
func isPast(a *assess.Assessment, d assess.Date) bool { return isPastOn(d, runDateOf(a, 0)) }

// isPastOn reports whether d is before run (unknown: never).
func isPastOn(d, run assess.Date) bool { return !run.IsZero() && !d.IsZero() && d < run }

// urgentHeadline is "Eligible only until 2026-11-20, 45 days from this
// run" for an eligible client whose latest safe date is fewer than the
// rule set's UrgentDays after the run date, in l's language; "" otherwise.
func urgentHeadline(l *locale, a *assess.Assessment, runDate assess.Date) string {
	return l.text(urgentHeadlineText(a, runDate))
}

// urgentHeadlineText is urgentHeadline as a text (empty when none).
func urgentHeadlineText(a *assess.Assessment, runDate assess.Date) assess.Text {
	run := runDateOf(a, runDate)
	if a.Verdict != assess.Eligible || a.EligibleUntil.IsZero() || run.IsZero() || a.Rules == nil || a.Rules.UrgentDays <= 0 {
		return assess.Text{}
	}
	n := run.DaysUntil(a.EligibleUntil)
	switch {
	case n >= a.Rules.UrgentDays:
		return assess.Text{}
	case n < 0:
		return step("Eligible only until %s, %s before this run: that date has passed", a.EligibleUntil, dayCount(-n))
	case n == 0:
		return step("Eligible only until %s, the day of this run", a.EligibleUntil)
	}
	return step("Eligible only until %s, %s from this run", a.EligibleUntil, dayCount(n))
}

// dayCount is "1 day", "45 days".
func dayCount(n int) assess.Text {
	if n == 1 {
		return step("1 day")
	}
	return step("%d days", n)
}

// urgentStep is the first next step of a client headed "eligible only
// until": what to do now. An invited client submits now; one without an
// invitation can hardly create a profile, be invited and submit in time.
func urgentStep(a *assess.Assessment) assess.Text {
	head := urgentHeadlineText(a, 0)
	if head.IsZero() {
		return head
	}
	c := a.Client
	if isPast(a, a.EligibleUntil) {
		return step("%s: have the lawyer review the file before anything is filed; an application made now would be assessed on the facts of today.", head)
	}
	if c != nil && !c.ITADate.IsZero() && a.Rules != nil && !isPast(a, c.ITADate.AddDays(a.Rules.ITADays)) {
		return step("%s: submit the application for permanent residence (eAPR) now, under the invitation of %s.", head, c.ITADate)
	}
	return step("%s: act now. Without an invitation the client can hardly create a profile, be invited and submit by then; have the lawyer advise at once (a new test, more qualifying work, or another route).", head)
}
