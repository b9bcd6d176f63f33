package assess

import (
	"fmt"
	"strings"
)

// This file accounts for each job period in the window: the hours it
// contributed, the days excluded and why, and the findings about it
// (exclusions, unauthorized work, the physicians' policy, blank
// authorizations, leave).

// jobResults fills each job's hours, status and exclusions for the window.
func (e *engine) jobResults() {
	c := e.c
	win := span{e.ws, e.A - 1}
	for i := range e.jobs {
		jp, jr, j := &e.jobs[i], &e.as.Jobs[i], &c.Jobs[i]
		if !jp.usable {
			continue
		}
		if jp.leave {
			e.leaveNote(i)
			continue
		}
		e.unauthorizedWork(i)
		ww, inWin := jp.whole.clip(win.from, win.to)
		if jp.whole.from == 0 || !inWin {
			jr.Status = JobOutside
			e.outsideNote(i, j)
			continue
		}
		if !jp.counts {
			jr.Status = JobExcluded
			for _, code := range jp.excluded {
				e.exclude(i, code, ww, e.exclusionReason(code, j, jr.TEER), "")
			}
			e.noc2016Note(i, j, jr)
			continue
		}
		counted := 0
		for _, s := range jp.segs {
			if w, ok := s.clip(win.from, win.to); ok {
				counted += w.days()
				jr.Credited += e.main.sum(e.main.ratio, w)
			}
		}
		jr.Credited *= jp.hours / 7
		jr.Uncapped = jp.hours / 7 * float64(counted)
		for _, p := range jp.parts {
			if w, ok := p.s.clip(win.from, win.to); ok {
				e.exclude(i, p.code, w, p.reason, p.cell)
			}
		}
		switch {
		case counted == 0:
			jr.Status = JobExcluded
		case counted < ww.days():
			jr.Status = JobPartly
		default:
			jr.Status = JobCounted
		}
		e.noc2016Note(i, j, jr)
		if jp.physician {
			e.physicianConcern(i, win)
		}
		e.capNote(i, j, jr)
	}
}

// capNote discloses hours above the weekly cap that were not credited.
func (e *engine) capNote(i int, j *Job, jr *JobResult) {
	rs := e.rs
	if jr.Credited >= jr.Uncapped-eps {
		return
	}
	from := max(j.Start, e.ws)
	var text string
	if j.HoursPerWeek > rs.WeeklyCap {
		text = fmt.Sprintf("Hours above %s a week are not counted: %s h/week at %s from %s credited as %s.",
			fmtNum(rs.WeeklyCap), fmtNum(j.HoursPerWeek), strings.TrimSpace(j.Employer), from, fmtNum(rs.WeeklyCap))
	} else {
		text = fmt.Sprintf("Hours above %s a week are not counted: %s h/week at %s from %s overlap other counted work, and all jobs together count for at most %s h/week, so this period is credited %s h of its %s h.",
			fmtNum(rs.WeeklyCap), fmtNum(j.HoursPerWeek), strings.TrimSpace(j.Employer), from, fmtNum(rs.WeeklyCap), FormatHours(jr.Credited), FormatHours(jr.Uncapped))
	}
	e.add(Finding{Code: RuleHours, Kind: KindNote, Text: text, Cell: j.Ref.Cell(FieldHours), Job: i, Test: -1})
}

// noc2016Note discloses the reading of a NOC 2016 code (0, A or B).
func (e *engine) noc2016Note(i int, j *Job, jr *JobResult) {
	if !jr.NOC2016 {
		return
	}
	e.add(Finding{Code: RuleNOC2016, Kind: KindNote, Cell: j.Ref.Cell(FieldNOC), Job: i, Test: -1,
		Text: fmt.Sprintf("NOC %s of %s is a NOC 2016 code; it is read by its skill level as TEER %d. Give the NOC 2021 code to confirm: some occupations changed TEER in 2021.",
			nocCanonical(j.NOC), strings.TrimSpace(j.Employer), jr.TEER)})
}

// leaveNote says which jobs a leave row took days from.
func (e *engine) leaveNote(i int) {
	l := &e.c.Jobs[i]
	var hit []string
	for k := range e.jobs {
		jp := &e.jobs[k]
		if jp.leave || !jp.usable || jp.key != e.jobs[i].key {
			continue
		}
		for _, p := range jp.parts {
			if p.code == RuleLeave && strings.HasSuffix(p.reason, "("+l.Ref.RowCell()+")") {
				hit = append(hit, e.c.Jobs[k].Ref.RowCell())
				break
			}
		}
	}
	end := "ongoing"
	if l.End != 0 {
		end = l.End.String()
	}
	text := fmt.Sprintf("Leave without pay at %s from %s to %s: it counts for nothing, and its days are taken out of the jobs at the same employer", strings.TrimSpace(l.Employer), l.Start, end)
	if len(hit) == 0 {
		text += "; no job at that employer overlaps it."
	} else {
		text += " (" + CellList(hit) + ")."
	}
	e.add(Finding{Code: RuleLeave, Kind: KindNote, Cell: l.Ref.Cell(FieldType), Job: i, Test: -1, Text: text})
}

func (e *engine) outsideNote(i int, j *Job) {
	var text string
	if j.Start >= e.A {
		text = fmt.Sprintf("%s starts on %s, on or after the assessment date %s: it does not count now and is taken into account only in the projections.", jobLabel(j), j.Start, e.A)
	} else {
		text = fmt.Sprintf("%s (%s to %s) has no day in the %d-year window from %s to %s, so it does not count.", jobLabel(j), j.Start, j.End, e.rs.WindowYears, e.ws, e.A-1)
	}
	e.add(Finding{Code: RuleHours, Kind: KindNote, Text: text, Cell: j.Ref.RowCell(), Job: i, Test: -1})
}

func (e *engine) exclusionReason(code string, j *Job, teer int) string {
	switch code {
	case RuleSkill:
		return fmt.Sprintf("the occupation is TEER %d; only NOC 2021 TEER 0, 1, 2 or 3 counts", teer)
	case RuleCanada:
		return fmt.Sprintf("the work was done outside Canada (%s); only work in Canada counts", strings.TrimSpace(j.Location))
	case RulePaid:
		return fmt.Sprintf("the work was %s; only paid work counts", j.Type)
	case RuleSelf:
		return "self-employment does not count (an independent contractor is self-employed)"
	case RuleAuth:
		return "the work was done without work authorization"
	case RuleStudent:
		return "a study permit authorizes work only to enrolled students (co-op, on- or off-campus work), and that work does not count; " +
			"if this work was done after completing the program while a PGWP application was pending, write R186(w) in Work Authorization"
	case RuleWorkStatus:
		return "it was done on a work permit issued to a refugee claimant, which is authorized work but not work with temporary resident status"
	}
	return code
}

var exclusionField = map[string]string{
	RuleSkill: FieldNOC, RuleCanada: FieldLocation, RulePaid: FieldType, RuleSelf: FieldType,
	RuleAuth: FieldAuthorization, RuleStudent: FieldAuthorization, RuleWorkStatus: FieldAuthorization,
}

// exclude records an excluded span of job i and its finding; cell "" is
// the cell of the rule's column.
func (e *engine) exclude(i int, code string, s span, reason, cell string) {
	j := &e.c.Jobs[i]
	jr := &e.as.Jobs[i]
	jr.Exclusions = append(jr.Exclusions, Exclusion{Code: code, From: s.from, To: s.to, Days: s.days(), Reason: reason})
	if cell == "" {
		cell = j.Ref.Cell(exclusionField[code])
	}
	e.add(Finding{Code: code, Kind: KindExclusion, Cell: cell, Job: i, Test: -1,
		Text: fmt.Sprintf("Work at %s from %s to %s (%d days in the window) is not counted: %s.", jobLabel(j), s.from, s.to, s.days(), reason)})
}

// unauthorizedWork raises A-UNAUTH for the days of job i worked without
// authorization, inside the window or not, up to its end date or A − 1.
// Work outside Canada needs no Canadian authorization, and a refugee
// claimant's permit authorizes work (W-STATUS is not A-UNAUTH).
func (e *engine) unauthorizedWork(i int) {
	j := &e.c.Jobs[i]
	if !j.InCanada && strings.TrimSpace(j.Location) != "" {
		return
	}
	end := e.A - 1
	if j.End != 0 {
		end = min(j.End, end)
	}
	from, why, cell := j.Start, "the row's work authorization is none", j.Ref.Cell(FieldAuthorization)
	if j.Authorization != AuthNone {
		from, why, cell = e.unauthorizedFrom(j)
		if from == 0 {
			return
		}
		from = max(from, j.Start)
	}
	if from > end {
		return
	}
	s := span{from, end}
	e.add(Finding{Code: RuleUnauth, Kind: KindConcern, Cell: cell, Job: i, Test: -1,
		Text: fmt.Sprintf("Work at %s from %s to %s (%d days) was done without authorization: %s. Work without authorization is non-compliance that can make the client inadmissible (IRPA s. 41, IRPR 183(1)(b)); the lawyer must review it before anything is filed.",
			jobLabel(j), s.from, s.to, s.days(), why)})
}

// unreadableRows lists the job and test rows that could not be read, and
// what they might still change.
func (e *engine) unreadableRows() {
	u := &e.unread
	firstCell := func(job, test int) string {
		for _, f := range e.as.Findings {
			if f.Kind == KindData && ((job >= 0 && f.Job == job) || (test >= 0 && f.Test == test)) {
				return f.Cell
			}
		}
		return ""
	}
	for i, jr := range e.as.Jobs {
		if jr.Status != JobUnreadable {
			continue
		}
		cell := firstCell(i, -1)
		if cell == "" {
			cell = e.c.Jobs[i].Ref.RowCell()
		}
		u.jobs = append(u.jobs, cell)
		switch e.c.Jobs[i].Type {
		case Volunteer, Unpaid:
		case Leave:
			u.removeHours = true
		case "", Employee, SelfEmployed:
			u.addHours = true
		default:
			u.addHours, u.removeHours = true, true
		}
	}
	if len(u.studies) > 0 {
		u.removeHours = true
	}
	for _, i := range e.badTests {
		{
			cell := firstCell(-1, i)
			if cell == "" {
				cell = e.c.Tests[i].Ref.RowCell()
			}
			u.tests = append(u.tests, cell)
		}
	}
}

// unreadJobsText is "2 job rows could not be read (Employment!H2, F3)",
// with the study rows that could not be read.
func (u *unreadable) unreadJobsText() string {
	var parts []string
	if len(u.jobs) > 0 {
		parts = append(parts, fmt.Sprintf("%s could not be read (%s)", Plural(len(u.jobs), "job row"), CellList(u.jobs)))
	}
	if len(u.studies) > 0 {
		parts = append(parts, fmt.Sprintf("%s could not be read (%s)", Plural(len(u.studies), "study row"), CellList(u.studies)))
	}
	return strings.Join(parts, "; ")
}

func (u *unreadable) unreadTestsText() string {
	return fmt.Sprintf("%s could not be read (%s)", Plural(len(u.tests), "test row"), CellList(u.tests))
}

// authVerify weighs the blank authorizations counted on A (W-AUTH-VERIFY):
// a concern when the verdict or the CLB required would differ without
// them, or the client's status is visitor or none; else a note each.
func (e *engine) authVerify(st dayState) {
	var blank []int
	for i, jr := range e.as.Jobs {
		if e.c.Jobs[i].Authorization == AuthUnknown && e.jobs[i].counts && jr.Credited > 0 {
			blank = append(blank, i)
		}
	}
	if len(blank) == 0 {
		return
	}
	isBlank := func(i int) bool { return e.c.Jobs[i].Authorization == AuthUnknown }
	without := e.stateOf(e.windowTotals(e.ws, e.A-1, isBlank, true))

	var why string
	switch {
	case e.c.Status == StatusVisitor || e.c.Status == StatusNone:
		why = fmt.Sprintf("the client's status is %s, which does not itself authorize work", e.c.Status)
	case without.class(e.quebec) != st.class(e.quebec):
		why = fmt.Sprintf("without the rows of blank authorization the client would have %s qualifying hours and the outcome would differ", FormatHours(without.hours/7))
	case without.required != st.required:
		needs := func(clb int) string {
			if clb == 0 {
				return "no level (no qualifying work)"
			}
			return fmt.Sprintf("CLB %d", clb)
		}
		why = fmt.Sprintf("without the rows of blank authorization the work would need %s instead of %s", needs(without.required), needs(st.required))
	}
	for _, i := range blank {
		j := &e.c.Jobs[i]
		f := Finding{Code: RuleAuthVerify, Kind: KindNote, Cell: j.Ref.Cell(FieldAuthorization), Job: i, Test: -1,
			Text: fmt.Sprintf("The work authorization of %s is blank; the period is counted (%s h). Verify the permit or status that authorized this work.",
				jobLabel(j), FormatHours(e.as.Jobs[i].Credited))}
		if why != "" {
			f.Kind = KindConcern
			f.Text = fmt.Sprintf("The work authorization of %s is blank and the period is counted (%s h), but %s: the lawyer must verify the permit or status that authorized this work.",
				jobLabel(j), FormatHours(e.as.Jobs[i].Credited), why)
		}
		e.add(f)
	}
}

// physicianConcern is W-PHYS for a self-employed physician's row in the
// window: its days from the public policy's first day are counted and the
// lawyer confirms the policy's conditions; its days before are not
// counted, and whether the policy reaches them is also the lawyer's point
// (the policy does not say), so they are named rather than dropped.
func (e *engine) physicianConcern(i int, win span) {
	j, jr, jp := &e.c.Jobs[i], &e.as.Jobs[i], &e.jobs[i]
	before := 0
	for _, p := range jp.parts {
		if w, ok := p.s.clip(win.from, win.to); ok && p.code == RuleSelf {
			before += w.days()
		}
	}
	var text string
	if jr.Credited > 0 {
		text = fmt.Sprintf("Self-employment as a physician at %s is counted under the temporary public policy for self-employed physicians in force since %s (%s h in the window). The lawyer must confirm the policy's conditions, among them that the services were publicly funded.",
			jobLabel(j), e.rs.PhysicianPolicyFrom, FormatHours(jr.Credited))
	} else {
		text = fmt.Sprintf("Self-employment as a physician at %s falls before the temporary public policy for self-employed physicians, in force since %s, and is not counted.", jobLabel(j), e.rs.PhysicianPolicyFrom)
	}
	if before > 0 {
		text += fmt.Sprintf(" Its %d days in the window before %s are not counted: whether the policy reaches work done before it took effect is for the lawyer.", before, e.rs.PhysicianPolicyFrom)
	}
	e.add(Finding{Code: RulePhysician, Kind: KindConcern, Cell: j.Ref.Cell(FieldType), Job: i, Test: -1, Text: text})
}
