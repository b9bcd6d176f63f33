package assess

import (
	"fmt"
	"strings"
)

// This file writes the findings of the doubt model: for a raised doubt one
// concern that states the facts, the outcome both ways with the hours each
// way, and why it is the lawyer's point; for a doubt that decides nothing a
// note (one per row for the row-wide doubts), so that the fact assumed is
// still disclosed.

// doubtFindings adds the findings of doubt d.
func (e *engine) doubtFindings(d *Doubt) {
	bit := e.bitOf(d.Code)
	if len(d.Jobs) == 0 {
		// Nothing counted rests on it (maintained status with no date to
		// tell which days): the concern says so.
		e.add(Finding{Code: d.Code, Kind: KindConcern, Cell: e.c.Ref.Cell(FieldStatus), Job: -1, Test: -1,
			Text: upperFirst(d.Why) + ": the lawyer must confirm when the status expired and that an extension was applied for before then."})
		return
	}
	if d.Raised {
		both := e.bothWays(d)
		facts, cell, job := e.doubtFacts(bit, d.Jobs)
		text := fmt.Sprintf("%s %s %s.", facts, both, upperFirst(d.Why))
		switch bit {
		case dAuth:
			text = fmt.Sprintf("%s %s %s: the lawyer must verify the permit or status that authorized this work.", facts, both, upperFirst(d.Why))
		case dMaint:
			text += fmt.Sprintf(" Confirm that the extension was applied for before the permit expired on %s; if it was refused, work after the refusal is unauthorized.", d.Expired)
		default:
			text += " The lawyer decides."
		}
		e.add(Finding{Code: d.Code, Kind: KindConcern, Cell: cell, Job: job, Test: -1, Text: text})
		return
	}
	same := func() string {
		return fmt.Sprintf("It decides nothing here: %s or %s, %s.", d.DefaultText, d.AlternativeText, outcomePhrase(d.Default, false, e.rs))
	}
	switch bit {
	case dAuth, dPlace, dHours:
		// One note a row, as the paralegal checks them row by row.
		for _, i := range d.Jobs {
			facts, cell, _ := e.doubtFacts(bit, []int{i})
			var text string
			if bit == dAuth {
				text = facts + " Verify the permit or status that authorized this work."
			} else {
				text = facts + " " + same()
			}
			e.add(Finding{Code: d.Code, Kind: KindNote, Cell: cell, Job: i, Test: -1, Text: text})
		}
	default:
		facts, cell, job := e.doubtFacts(bit, d.Jobs)
		e.add(Finding{Code: d.Code, Kind: KindNote, Cell: cell, Job: job, Test: -1, Text: facts + " " + same()})
	}
}

// bothWays is "Counted: the objective requirements are met (1,950.0 h);
// not counted: they are not met (1,240.3 h)."
func (e *engine) bothWays(d *Doubt) string {
	fails := d.Default.Objective == ObjectiveFails && d.Alternative.Objective == ObjectiveFails
	return fmt.Sprintf("%s: %s (%s h); %s: %s (%s h).",
		upperFirst(d.DefaultText), outcomePhrase(d.Default, fails, e.rs), FormatHours(d.Default.Hours),
		d.AlternativeText, outcomePhrase(d.Alternative, fails, e.rs), FormatHours(d.Alternative.Hours))
}

// outcomePhrase states an objective outcome; withFrom adds the projected
// date, known when both ways fail on A.
func outcomePhrase(o ScenarioOutcome, withFrom bool, rs *RuleSet) string {
	switch o.Objective {
	case ObjectiveMet:
		return "the objective requirements are met"
	case ObjectiveMixed:
		return "the language requirement turns on the reading of L-MIXED"
	}
	s := "the objective requirements are not met"
	if withFrom {
		if o.EligibleFrom != 0 {
			s += fmt.Sprintf(", eligible from %s", o.EligibleFrom)
		} else {
			s += fmt.Sprintf(", with no date within %s years", spell(rs.ProjectionYears))
		}
	}
	return s
}

// doubtDays lists the days of job i a doubt rests on in the window, merged.
func (e *engine) doubtDays(bit doubtSet, i int) []span {
	jp := &e.jobs[i]
	var out []span
	for _, p := range jp.pieces {
		if (p.doubts|jp.doubts)&bit == 0 {
			continue
		}
		if w, ok := p.s.clip(e.ws, e.A-1); ok {
			out = append(out, w)
		}
	}
	return mergeSpans(out)
}

// allResolved reports whether there are runs and a permit follows each.
func allResolved(runs []maintRun) bool {
	for _, r := range runs {
		if !r.resolved {
			return false
		}
	}
	return len(runs) > 0
}

// spansText is "2024-05-01 to 2024-08-31 and 2025-01-01 to 2025-02-28 (184 days)".
func spansText(ss []span) string {
	days := 0
	parts := make([]string, len(ss))
	for k, s := range ss {
		parts[k] = fmt.Sprintf("%s to %s", s.from, s.to)
		days += s.days()
	}
	return fmt.Sprintf("%s (%d days)", joinAnd(parts), days)
}

// doubtFacts states what a doubt rests on for the jobs given, with the
// cell to check and the job to tie the finding to.
func (e *engine) doubtFacts(bit doubtSet, jobs []int) (text, cell string, job int) {
	c, rs := e.c, e.rs
	first := &c.Jobs[jobs[0]]
	job = jobs[0]
	if len(jobs) > 1 {
		job = -1
	}
	labels := make([]string, len(jobs))
	cells := make([]string, len(jobs))
	for k, i := range jobs {
		labels[k] = jobLabel(&c.Jobs[i])
	}
	cellOf := func(field string) string {
		for k, i := range jobs {
			cells[k] = c.Jobs[i].Ref.Cell(field)
		}
		return first.Ref.Cell(field)
	}
	// daysAt is "Work at X from … (N days)", one clause per job.
	daysAt := func() string {
		var parts []string
		for _, i := range jobs {
			if ds := e.doubtDays(bit, i); len(ds) > 0 {
				parts = append(parts, fmt.Sprintf("at %s from %s", jobLabel(&c.Jobs[i]), spansText(ds)))
			}
		}
		if len(parts) == 0 {
			return "Work " + strings.Join(labels, "; ") + " (no day in the window)"
		}
		return "Work " + strings.Join(parts, "; ")
	}
	switch bit {
	case dAuth:
		cell = cellOf(FieldAuthorization)
		credited := 0.0
		for _, i := range jobs {
			credited += e.as.Jobs[i].Credited
		}
		if len(jobs) == 1 {
			text = fmt.Sprintf("The work authorization of %s is blank and the period is counted (%s h).", labels[0], FormatHours(credited))
		} else {
			text = fmt.Sprintf("The work authorizations of %s (%s) are blank and the periods are counted (%s h).", joinAnd(labels), CellList(cells), FormatHours(credited))
		}
	case dMaint:
		cell = cellOf(FieldAuthorization)
		if c.Status == StatusMaintained {
			cell = c.Ref.Cell(FieldStatus)
		}
		permit := ""
		for _, i := range jobs {
			if p := e.auth[i].permit; p != "" {
				permit = p
				break
			}
		}
		text = daysAt() + " is counted only because of maintained status (IRPR 186(u))"
		if permit != "" {
			text += ", which keeps the conditions of " + permit
		}
		text += "."
		if allResolved(e.maintRuns) {
			text += " A new permit or status follows these days: the extension was granted."
		}
	case dR186w:
		cell = cellOf(FieldAuthorization)
		text = daysAt() + " is counted under R186(w) (work after completing the program while a work-permit application is pending): " +
			"it rests on facts the intake does not give (the application was made before the study permit expired, the client could work off campus and kept to the hours limit, and no decision has come)."
		if allResolved(e.r186Runs) {
			text += " A permit row follows these days: the application was granted."
		}
	case dPhys:
		cell = cellOf(FieldType)
		credited := 0.0
		for _, i := range jobs {
			credited += e.as.Jobs[i].Credited
		}
		text = fmt.Sprintf("Self-employment as a physician at %s is counted under the temporary public policy for self-employed physicians, in force since %s for candidates invited from that date (%s h in the window); "+
			"the policy limits the invitations, not the work, so days before %s count too.", joinAnd(labels), rs.PhysicianPolicyFrom, FormatHours(credited), rs.PhysicianPolicyFrom)
	case dBreak:
		cell = c.Studies[0].Ref.RowCell()
		text = daysAt() + fmt.Sprintf(" falls between two full-time study periods that are less than %d days apart and is not counted: a scheduled break or co-op term is part of full-time study (canada.ca names co-op terms as excluded).", rs.BreakDays)
		for _, s := range e.c.Studies {
			if s.FullTime {
				cell = s.Ref.RowCell()
				break
			}
		}
	case dStudy:
		cell = cellOf(FieldAuthorization)
		text = daysAt() + " was done on a study permit outside full-time study and is not counted: it counts only if it was the final session's work (IRPR 186(v)); otherwise it was off-campus work the permit may not have authorized."
	case dHours:
		cell = cellOf(FieldHours)
		var parts []string
		for _, i := range jobs {
			j := &c.Jobs[i]
			parts = append(parts, fmt.Sprintf("%s gives %s hours per week", jobLabel(j), fmtNum(j.HoursPerWeek)))
		}
		text = fmt.Sprintf("%s, more than %s: perhaps hours per month, which would be %s hours a week (÷ %s).", joinAnd(parts), fmtNum(rs.DoubtHoursAbove),
			FormatHours(first.HoursPerWeek/rs.WeeksPerMonth), fmtNum(rs.WeeksPerMonth))
	case dPlace:
		cell = cellOf(FieldLocation)
		var parts []string
		for _, i := range jobs {
			j := &c.Jobs[i]
			parts = append(parts, fmt.Sprintf("%q of the job at %s", strings.TrimSpace(j.Location), jobLabel(j)))
		}
		text = fmt.Sprintf("The location %s is read as in Canada, but the name is also that of a well-known place abroad: write the province or territory beside it (as in \"Halifax, NS\"), or the country.", joinAnd(parts))
	}
	return text, cell, job
}
