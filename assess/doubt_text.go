package assess

import "strings"

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
			Text: msg("%s: the lawyer must confirm when the status expired and that an extension was applied for before then.", d.Why.Capitalized())})
		return
	}
	if d.Raised {
		both := e.bothWays(d)
		facts, cell, job := e.doubtFacts(bit, d.Jobs)
		text := msg("%s %s %s.", facts, both, d.Why.Capitalized())
		switch bit {
		case dAuth:
			text = msg("%s %s %s: the lawyer must verify the permit or status that authorized this work.", facts, both, d.Why.Capitalized())
		case dMaint:
			text = Concat(text, msg(" Confirm that the extension was applied for before the permit expired on %s; if it was refused, work after the refusal is unauthorized.", d.Expired))
		default:
			text = Concat(text, msg(" The lawyer decides."))
		}
		e.add(Finding{Code: d.Code, Kind: KindConcern, Cell: cell, Job: job, Test: -1, Text: text})
		return
	}
	same := func() Text {
		return msg("It decides nothing here: %s or %s, %s.", d.DefaultText, d.AlternativeText, outcomePhrase(d.Default, false, e.rs))
	}
	switch bit {
	case dAuth, dPlace, dHours:
		// One note a row, as the paralegal checks them row by row.
		for _, i := range d.Jobs {
			facts, cell, _ := e.doubtFacts(bit, []int{i})
			var text Text
			if bit == dAuth {
				text = msg("%s Verify the permit or status that authorized this work.", facts)
			} else {
				text = Join(" ", facts, same())
			}
			e.add(Finding{Code: d.Code, Kind: KindNote, Cell: cell, Job: i, Test: -1, Text: text})
		}
	default:
		facts, cell, job := e.doubtFacts(bit, d.Jobs)
		e.add(Finding{Code: d.Code, Kind: KindNote, Cell: cell, Job: job, Test: -1, Text: Join(" ", facts, same())})
	}
}

// bothWays is "Counted: the objective requirements are met (1,950.0 h);
// not counted: they are not met (1,240.3 h)."
func (e *engine) bothWays(d *Doubt) Text {
	fails := d.Default.Objective == ObjectiveFails && d.Alternative.Objective == ObjectiveFails
	return msg("%s: %s (%s h); %s: %s (%s h).",
		d.DefaultText.Capitalized(), outcomePhrase(d.Default, fails, e.rs), Hours(d.Default.Hours),
		d.AlternativeText, outcomePhrase(d.Alternative, fails, e.rs), Hours(d.Alternative.Hours))
}

// outcomePhrase states an objective outcome; withFrom adds the projected
// date, known when both ways fail on A.
func outcomePhrase(o ScenarioOutcome, withFrom bool, rs *RuleSet) Text {
	switch o.Objective {
	case ObjectiveMet:
		return msg("the objective requirements are met")
	case ObjectiveMixed:
		return msg("the language requirement turns on the reading of L-MIXED")
	}
	switch {
	case !withFrom:
		return msg("the objective requirements are not met")
	case o.EligibleFrom != 0:
		return msg("the objective requirements are not met, eligible from %s", o.EligibleFrom)
	}
	return msg("the objective requirements are not met, with no date within %s years", Spelled(rs.ProjectionYears))
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
func spansText(ss []span) Text {
	days := 0
	parts := make([]Text, len(ss))
	for k, s := range ss {
		parts[k] = msg("%s to %s", s.from, s.to)
		days += s.days()
	}
	return msg("%s (%d days)", AndList(parts...), days)
}

// doubtFacts states what a doubt rests on for the jobs given, with the
// cell to check and the job to tie the finding to.
func (e *engine) doubtFacts(bit doubtSet, jobs []int) (text Text, cell string, job int) {
	c, rs := e.c, e.rs
	first := &c.Jobs[jobs[0]]
	job = jobs[0]
	if len(jobs) > 1 {
		job = -1
	}
	labels := make([]Text, len(jobs))
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
	daysAt := func() Text {
		var parts []Text
		for _, i := range jobs {
			if ds := e.doubtDays(bit, i); len(ds) > 0 {
				parts = append(parts, msg("at %s from %s", jobLabel(&c.Jobs[i]), spansText(ds)))
			}
		}
		if len(parts) == 0 {
			return msg("Work %s (no day in the window)", Join("; ", labels...))
		}
		return msg("Work %s", Join("; ", parts...))
	}
	switch bit {
	case dAuth:
		cell = cellOf(FieldAuthorization)
		credited := 0.0
		for _, i := range jobs {
			credited += e.as.Jobs[i].Credited
		}
		if len(jobs) == 1 {
			text = msg("The work authorization of %s is blank and the period is counted (%s h).", labels[0], Hours(credited))
		} else {
			text = msg("The work authorizations of %s (%s) are blank and the periods are counted (%s h).", AndList(labels...), CellList(cells), Hours(credited))
		}
	case dMaint:
		cell = cellOf(FieldAuthorization)
		if c.Status == StatusMaintained {
			cell = c.Ref.Cell(FieldStatus)
		}
		var permit Text
		for _, i := range jobs {
			if p := e.auth[i].permit; !p.IsZero() {
				permit = p
				break
			}
		}
		if !permit.IsZero() {
			text = msg("%s is counted only because of maintained status (IRPR 186(u)), which keeps the conditions of %s.", daysAt(), permit)
		} else {
			text = msg("%s is counted only because of maintained status (IRPR 186(u)).", daysAt())
		}
		if allResolved(e.maintRuns) {
			text = Concat(text, msg(" A new permit or status follows these days: the extension was granted."))
		}
	case dR186w:
		cell = cellOf(FieldAuthorization)
		text = msg("%s is counted under R186(w) (work after completing the program while a work-permit application is pending): "+
			"it rests on facts the intake does not give (the application was made before the study permit expired, the client could work off campus and kept to the hours limit, and no decision has come).", daysAt())
		if allResolved(e.r186Runs) {
			text = Concat(text, msg(" A permit row follows these days: the application was granted."))
		}
	case dPhys:
		cell = cellOf(FieldType)
		credited := 0.0
		for _, i := range jobs {
			credited += e.as.Jobs[i].Credited
		}
		text = msg("Self-employment as a physician at %s is counted under the temporary public policy for self-employed physicians, in force since %s for candidates invited from that date (%s h in the window); "+
			"the policy limits the invitations, not the work, so days before %s count too.", AndList(labels...), rs.PhysicianPolicyFrom, Hours(credited), rs.PhysicianPolicyFrom)
	case dBreak:
		cell = c.Studies[0].Ref.RowCell()
		text = msg("%s falls between two full-time study periods that are less than %d days apart and is not counted: a scheduled break or co-op term is part of full-time study (canada.ca names co-op terms as excluded).", daysAt(), rs.BreakDays)
		for _, s := range e.c.Studies {
			if s.FullTime {
				cell = s.Ref.RowCell()
				break
			}
		}
	case dStudy:
		cell = cellOf(FieldAuthorization)
		text = msg("%s was done on a study permit outside full-time study and is not counted: it counts only if it was the final session's work (IRPR 186(v)); otherwise it was off-campus work the permit may not have authorized.", daysAt())
	case dHours:
		cell = cellOf(FieldHours)
		var parts []Text
		for _, i := range jobs {
			j := &c.Jobs[i]
			parts = append(parts, msg("%s gives %s hours per week", jobLabel(j), Num(j.HoursPerWeek)))
		}
		text = msg("%s, more than %s: perhaps hours per month, which would be %s hours a week (÷ %s).", AndList(parts...), Num(rs.DoubtHoursAbove),
			Hours(first.HoursPerWeek/rs.WeeksPerMonth), Num(rs.WeeksPerMonth))
	case dPlace:
		cell = cellOf(FieldLocation)
		var parts []Text
		for _, i := range jobs {
			j := &c.Jobs[i]
			parts = append(parts, msg("%q of the job at %s", strings.TrimSpace(j.Location), jobLabel(j)))
		}
		text = msg("The location %s is read as in Canada, but the name is also that of a well-known place abroad: write the province or territory beside it (as in \"Halifax, NS\"), or the country.", AndList(parts...))
	}
	return text, cell, job
}
