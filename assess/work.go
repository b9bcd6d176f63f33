package assess

import (
	"strings"
)

// This file accounts for each job period in the window: the hours it
// contributed, the days excluded and why, and the findings about it
// (exclusions, unauthorized work, student work over the off-campus limit,
// permit conflicts, leave). The doubts' findings are in doubt_text.go.

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
		e.capNote(i, j, jr)
	}
	e.studyHours()
	e.permitConflicts()
}

// capNote discloses hours above the weekly cap that were not credited.
func (e *engine) capNote(i int, j *Job, jr *JobResult) {
	rs := e.rs
	if jr.Credited >= jr.Uncapped-eps {
		return
	}
	from := max(j.Start, e.ws)
	var text Text
	if j.HoursPerWeek > rs.WeeklyCap {
		text = msg("Hours above %s a week are not counted: %s h/week at %s from %s credited as %s.",
			Num(rs.WeeklyCap), Num(j.HoursPerWeek), strings.TrimSpace(j.Employer), from, Num(rs.WeeklyCap))
	} else {
		text = msg("Hours above %s a week are not counted: %s h/week at %s from %s overlap other counted work, and all jobs together count for at most %s h/week, so this period is credited %s h of its %s h.",
			Num(rs.WeeklyCap), Num(j.HoursPerWeek), strings.TrimSpace(j.Employer), from, Num(rs.WeeklyCap), Hours(jr.Credited), Hours(jr.Uncapped))
	}
	e.add(Finding{Code: RuleHours, Kind: KindNote, Text: text, Cell: j.Ref.Cell(FieldHours), Job: i, Test: -1})
}

// noc2016Note discloses the reading of a NOC 2016 code through the
// concordance (W-NOC2016).
func (e *engine) noc2016Note(i int, j *Job, jr *JobResult) {
	if !jr.NOC2016 {
		return
	}
	r, err := e.rs.ReadNOC(j.NOC)
	if err != nil {
		return
	}
	codes := make([]Text, len(r.Linked))
	for k, u := range r.Linked {
		codes[k] = Concat(Plain(u.Code), EnglishOnly(" "+u.Title), msg(" (TEER %d)", u.TEER))
	}
	what := msg("it")
	if len(codes) > 1 {
		what = msg("all of them")
	}
	e.add(Finding{Code: RuleNOC2016, Kind: KindNote, Cell: j.Ref.Cell(FieldNOC), Job: i, Test: -1,
		Text: msg("NOC %s of %s is a NOC 2016 code; Statistics Canada's concordance links it to NOC 2021 %s, %s in %s, so it is read as %s. Give the NOC 2021 code of the job to confirm.",
			r.Code, strings.TrimSpace(j.Employer), OrList(codes...), what, e.rs.teerGroupName(r.TEER), e.rs.teerGroupName(jr.TEER))})
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
			if p.code == RuleLeave && p.cell == l.Ref.Cell(FieldType) {
				hit = append(hit, e.c.Jobs[k].Ref.RowCell())
				break
			}
		}
	}
	employer := strings.TrimSpace(l.Employer)
	var text Text
	switch {
	case l.End == 0 && len(hit) == 0:
		text = msg("Leave without pay at %s from %s to ongoing: it counts for nothing, and its days are taken out of the jobs at the same employer; no job at that employer overlaps it.", employer, l.Start)
	case l.End == 0:
		text = msg("Leave without pay at %s from %s to ongoing: it counts for nothing, and its days are taken out of the jobs at the same employer (%s).", employer, l.Start, CellList(hit))
	case len(hit) == 0:
		text = msg("Leave without pay at %s from %s to %s: it counts for nothing, and its days are taken out of the jobs at the same employer; no job at that employer overlaps it.", employer, l.Start, l.End)
	default:
		text = msg("Leave without pay at %s from %s to %s: it counts for nothing, and its days are taken out of the jobs at the same employer (%s).", employer, l.Start, l.End, CellList(hit))
	}
	e.add(Finding{Code: RuleLeave, Kind: KindNote, Cell: l.Ref.Cell(FieldType), Job: i, Test: -1, Text: text})
}

func (e *engine) outsideNote(i int, j *Job) {
	var text Text
	if j.Start >= e.A {
		text = msg("%s starts on %s, on or after the assessment date %s: it does not count now and is taken into account only in the projections.", jobLabel(j), j.Start, e.A)
	} else {
		text = msg("%s (%s to %s) has no day in the %d-year window from %s to %s, so it does not count.", jobLabel(j), j.Start, j.End, e.rs.WindowYears, e.ws, e.A-1)
	}
	e.add(Finding{Code: RuleHours, Kind: KindNote, Text: text, Cell: j.Ref.RowCell(), Job: i, Test: -1})
}

func (e *engine) exclusionReason(code string, j *Job, teer int) Text {
	switch code {
	case RuleSkill:
		return msg("the occupation is TEER %d; only NOC 2021 TEER 0, 1, 2 or 3 counts", teer)
	case RuleCanada:
		return msg("the work was done outside Canada (%s); only work in Canada counts", strings.TrimSpace(j.Location))
	case RulePaid:
		return msg("the work was %s; only paid work counts", j.Type.Text())
	case RuleSelf:
		if e.rs.isPhysician(j.NOC) {
			return msg("self-employment does not count; the public policy for self-employed physicians applies only to candidates invited on or after %s, and the client's invitation (the ITA Date, else the assessment date) is before it", e.rs.PhysicianPolicyFrom)
		}
		return msg("self-employment does not count (an independent contractor is self-employed)")
	case RuleAuth:
		return msg("the work was done without work authorization")
	case RuleStudent:
		return msg("a study permit authorizes work only to enrolled students (co-op, on- or off-campus work), and that work does not count; " +
			"if this work was done after completing the program while a PGWP application was pending, write R186(w) in Work Authorization")
	case RuleWorkStatus:
		return msg("it was done on a work permit issued to a refugee claimant, which is authorized work but not work with temporary resident status")
	}
	return Plain(code)
}

var exclusionField = map[string]string{
	RuleSkill: FieldNOC, RuleCanada: FieldLocation, RulePaid: FieldType, RuleSelf: FieldType,
	RuleAuth: FieldAuthorization, RuleStudent: FieldAuthorization, RuleWorkStatus: FieldAuthorization,
}

// exclude records an excluded span of job i and its finding; cell "" is
// the cell of the rule's column.
func (e *engine) exclude(i int, code string, s span, reason Text, cell string) {
	j := &e.c.Jobs[i]
	jr := &e.as.Jobs[i]
	jr.Exclusions = append(jr.Exclusions, Exclusion{Code: code, From: s.from, To: s.to, Days: s.days(), Reason: reason})
	if cell == "" {
		cell = j.Ref.Cell(exclusionField[code])
	}
	e.add(Finding{Code: code, Kind: KindExclusion, Cell: cell, Job: i, Test: -1,
		Text: msg("Work at %s from %s to %s (%d days in the window) is not counted: %s.", jobLabel(j), s.from, s.to, s.days(), reason)})
}

// unauthorizedWork raises A-UNAUTH for the days of job i worked without
// authorization, inside the window or not, up to its end date or A − 1:
// authorization none, days after a permit or the status expired without
// maintained status, and days at another employer than the employer-
// specific permit maintained. Work outside Canada needs no Canadian
// authorization, a refugee claimant's permit authorizes work (W-STATUS is
// not A-UNAUTH), and days of unpaid leave at the employer are no work.
func (e *engine) unauthorizedWork(i int) {
	j, jp := &e.c.Jobs[i], &e.jobs[i]
	if !jp.inCanada {
		return
	}
	var leave []span
	for k := range e.jobs {
		if lp, l := &e.jobs[k], &e.c.Jobs[k]; lp.leave && lp.usable && lp.key == jp.key {
			end := l.End
			if end == 0 {
				end = max(e.A-1, l.Start)
			}
			leave = append(leave, span{l.Start, end})
		}
	}
	leave = mergeSpans(leave)
	for _, p := range e.auth[i].unauth {
		s, ok := p.s.clip(p.s.from, e.A-1)
		if !ok {
			continue
		}
		_, worked := cutSpans([]span{s}, leave)
		if len(worked) == 0 {
			continue
		}
		e.add(Finding{Code: RuleUnauth, Kind: KindConcern, Cell: p.cell, Job: i, Test: -1,
			Text: msg("Work at %s from %s was done without authorization: %s. Work without authorization is non-compliance that can make the client inadmissible (IRPA s. 41, IRPR 183(1)(b)); the lawyer must review it before anything is filed.",
				jobLabel(j), spansText(worked), p.reason)})
	}
}

// studyHours raises A-STUDY-HOURS for a study-permit row whose weekly
// hours exceed the off-campus limit in force, on days of full-time study
// that are no break (W-BREAK), up to A − 1: over-limit work breaches the
// permit's conditions (IRPR 186(v), IRPA s. 41) and defeats R186(w).
func (e *engine) studyHours() {
	rs := e.rs
	for i := range e.jobs {
		jp, j := &e.jobs[i], &e.c.Jobs[i]
		if !jp.usable || jp.leave || !jp.inCanada || j.Authorization != AuthStudyPermit {
			continue
		}
		row, ok := (span{j.Start, e.rowEnd(j)}).clip(j.Start, e.A-1)
		if !ok {
			continue
		}
		study, _ := cutSpans([]span{row}, e.fullStudy)
		var over []Text
		for _, lim := range rs.StudyHourLimits {
			if lim.Hours == 0 || j.HoursPerWeek <= lim.Hours {
				continue
			}
			to := lim.To
			if to == 0 {
				to = e.A - 1
			}
			from := max(lim.From, row.from)
			in, _ := cutSpans(study, []span{{from, to}})
			for _, s := range in {
				over = append(over, msg("%s to %s (limit %s h/week)", s.from, s.to, Num(lim.Hours)))
			}
		}
		if len(over) == 0 {
			continue
		}
		e.add(Finding{Code: RuleStudyHours, Kind: KindConcern, Cell: j.Ref.Cell(FieldHours), Job: i, Test: -1,
			Text: msg("%s on a study permit gives %s hours a week during full-time study, above the off-campus limit then in force: %s. Ask whether it was on-campus work or a scheduled break: off-campus work over the limit breaches the study permit's conditions (IRPR 186(v), IRPA s. 41) and defeats R186(w).",
				jobLabel(j), Num(j.HoursPerWeek), Join("; ", over...))})
	}
}

// permitConflicts raises W-PERMIT-CONFLICT for two rows on employer-
// specific permits at different employers overlapping by more than
// PermitOverlapDays, up to A − 1 (a shorter overlap is a job change
// written inclusively).
func (e *engine) permitConflicts() {
	type held struct {
		i int
		s span
	}
	var rows []held
	for i := range e.jobs {
		jp, j := &e.jobs[i], &e.c.Jobs[i]
		if !jp.usable || jp.leave || !jp.inCanada || j.Authorization != AuthEmployerSpecific {
			continue
		}
		if s, ok := (span{j.Start, e.rowEnd(j)}).clip(j.Start, e.A-1); ok {
			rows = append(rows, held{i, s})
		}
	}
	for a := 0; a < len(rows); a++ {
		for b := a + 1; b < len(rows); b++ {
			x, y := rows[a], rows[b]
			if e.jobs[x.i].key == e.jobs[y.i].key {
				continue
			}
			ov, ok := x.s.clip(y.s.from, y.s.to)
			if !ok || ov.days() <= e.rs.PermitOverlapDays {
				continue
			}
			jx, jy := &e.c.Jobs[x.i], &e.c.Jobs[y.i]
			e.add(Finding{Code: RulePermitConflict, Kind: KindConcern, Cell: jy.Ref.Cell(FieldAuthorization), Job: y.i, Test: -1,
				Text: msg("%s (%s) and %s (%s) are both on employer-specific work permits and overlap from %s: each such permit names one employer (IRPR 185(b)), so work for one of them was probably unauthorized. The lawyer checks whether the client held two permits.",
					jobLabel(jx), jx.Ref.RowCell(), jobLabel(jy), jy.Ref.RowCell(), spansText([]span{ov}))})
		}
	}
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
func (u *unreadable) unreadJobsText() Text {
	var parts []Text
	if len(u.jobs) > 0 {
		parts = append(parts, plural(len(u.jobs), "1 job row could not be read (%s)", "%d job rows could not be read (%s)", CellList(u.jobs)))
	}
	if len(u.studies) > 0 {
		parts = append(parts, plural(len(u.studies), "1 study row could not be read (%s)", "%d study rows could not be read (%s)", CellList(u.studies)))
	}
	return Join("; ", parts...)
}

func (u *unreadable) unreadTestsText() Text {
	return plural(len(u.tests), "1 test row could not be read (%s)", "%d test rows could not be read (%s)", CellList(u.tests))
}
