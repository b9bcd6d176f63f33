package assess

import (
	"fmt"
	"slices"
	"strings"
)

// This file reads every Employment and Study row and decides, day by day,
// which days of each job period count (W-SKILL … W-LEAVE): the days that
// no rule lets count are cut, and the days whose counting rests on a fact
// the intake leaves open are kept as pieces tagged with their doubts
// (doubt.go), so that every scenario of the doubt model reads the same
// plan. The Express Entry work ledger (workledger.go) reads it too.

// partial is a span of a job's days that a rule excludes.
type partial struct {
	code, cell string
	reason     Text
	s          span
}

// occupation is one NOC code among the counting jobs (L-MIXED reading (b)).
type occupation struct {
	code string // the NOC code, or "TEER n" when only the TEER is known
	teer int
}

// piece is a span of a job's days that counts in some scenario, with the
// doubts its counting rests on.
type piece struct {
	s      span
	doubts doubtSet
}

// jobPlan is the engine's working reading of one job period.
type jobPlan struct {
	usable bool
	leave  bool // a leave row (W-LEAVE)
	// ledger: the row's days are classified (paid, not self-employed but
	// for a physician, not unauthorized or a refugee claimant's permit in
	// Canada); the Express Entry ledger reads them. counts: it is also
	// skilled work in Canada, so it counts for the CEC.
	ledger, counts bool
	inCanada       bool
	excluded       []string // the rules that exclude the whole period from the CEC
	physician      bool     // self-employed physician under the public policy (W-PHYS)
	teer           int
	hours          float64
	hoursAlt       float64  // W-HOURS-VERIFY's reading of the hours; 0 without the doubt
	doubts         doubtSet // the doubts on every day of the row
	occ            int      // index in engine.occupied, for a counting job
	key            string   // employerKey of the employer
	whole          span     // start to effective end, clipped to the day array; zero: none
	pieces         []piece  // the days that count in some scenario
	segs           []span   // the days that count under the defaults
	parts          []partial
}

// hoursIn is the row's weekly hours in scenario S.
func (jp *jobPlan) hoursIn(S doubtSet) float64 {
	if S&dHours != 0 && jp.doubts&dHours != 0 {
		return jp.hoursAlt
	}
	return jp.hours
}

func knownType(t EmploymentType) bool {
	switch t {
	case "", Employee, SelfEmployed, Volunteer, Unpaid, Leave:
		return true
	}
	return false
}

func knownAuth(a Authorization) bool {
	switch a {
	case AuthUnknown, AuthOpenPermit, AuthEmployerSpecific, AuthPGWP, AuthMaintained,
		AuthPermitExempt, AuthStudyPermit, AuthR186w, AuthRefugee, AuthNone:
		return true
	}
	return false
}

// readJobs checks every job row, then lays out the day array (lo to last)
// and works out each job's days.
func (e *engine) readJobs(lo Date) {
	c := e.c
	e.jobs = make([]jobPlan, len(c.Jobs))
	e.as.Jobs = make([]JobResult, len(c.Jobs))
	for i := range c.Jobs {
		if c.Jobs[i].Type == Leave {
			e.checkLeave(i)
		} else {
			e.checkJob(i)
		}
	}
	if e.needKeys() {
		for i := range e.jobs {
			if jp := &e.jobs[i]; jp.usable && !jp.leave {
				jp.key = employerKey(c.Jobs[i].Employer)
			}
		}
	}
	if lo == 0 {
		lo = e.planStart()
	}
	e.lo = lo
	e.n = int(e.horizon - e.ws)
	e.readStudies()
	e.auth = make([]authPlan, len(c.Jobs))
	for i := range e.jobs {
		if jp := &e.jobs[i]; jp.usable && !jp.leave && jp.inCanada {
			e.auth[i] = e.authorize(i)
		}
	}
	e.maintainedRuns()
	for i := range e.jobs {
		if e.jobs[i].usable && !e.jobs[i].leave {
			e.planDays(i)
		}
	}
}

// needKeys reports whether rows must be matched by employer: a leave to
// the jobs it interrupts, a job to the employer-specific permit maintained,
// two employer-specific permits to each other. Folding names costs, and
// most clients need none of it.
func (e *engine) needKeys() bool {
	if e.hasLeave || e.c.Status == StatusMaintained {
		return true
	}
	for i := range e.c.Jobs {
		switch e.c.Jobs[i].Authorization {
		case AuthEmployerSpecific, AuthMaintained:
			return true
		}
	}
	return false
}

// checkLeave reads a leave row: only its dates and employer matter.
func (e *engine) checkLeave(i int) {
	j, jp, jr := &e.c.Jobs[i], &e.jobs[i], &e.as.Jobs[i]
	jr.Index, jr.TEER, jr.Status, jp.occ = i, -1, JobLeave, -1
	jp.leave = true
	if r, err := e.rs.ReadNOC(j.NOC); err == nil {
		jr.TEER, jr.NOC, jr.NOCTitle = r.TEER, r.Code, r.Title
	}
	cite := e.rs.Citations[RuleLeave]
	usable := !e.rowProblem(j.Ref, FieldTitle, FieldNOC, FieldTEER, FieldHours, FieldLocation, FieldAuthorization, FieldPermitExpiry)
	usable = e.checkDates(i, j, cite) && usable
	jp.key = employerKey(j.Employer)
	e.hasLeave = true
	if jp.key == "" {
		e.addData(j.Ref.Cell(FieldEmployer), cite, msg("The leave from %s has no employer: give the employer whose jobs the leave interrupts.", j.Start), i, -1)
		usable = false
	}
	if !usable {
		jr.Status = JobUnreadable
		return
	}
	jp.usable = true
}

// checkDates checks a job row's start and end dates.
func (e *engine) checkDates(i int, j *Job, cite Text) bool {
	if j.Start == 0 {
		e.addData(j.Ref.Cell(FieldStart), cite, msg("The start date of %s is blank or unreadable.", jobLabel(j)), i, -1)
		return false
	}
	if j.End != 0 && j.End < j.Start {
		e.addData(j.Ref.Cell(FieldEnd), cite, msg("The end date %s of %s is before its start date %s.", j.End, jobLabel(j), j.Start), i, -1)
		return false
	}
	return true
}

// checkJob reads a job row: its TEER from the NOC code (and the TEER
// column), its dates, hours, type and authorization, and the rules that
// exclude it as a whole.
func (e *engine) checkJob(i int) {
	c, rs := e.c, e.rs
	j, jp, jr := &c.Jobs[i], &e.jobs[i], &e.as.Jobs[i]
	jr.Index, jr.TEER, jp.occ = i, -1, -1
	jp.hours = j.HoursPerWeek
	cite := rs.Citations[RuleHours]
	usable := !e.rowProblem(j.Ref, FieldEmployer, FieldTitle)

	noc, err := rs.ReadNOC(j.NOC)
	jr.NOC, jr.NOCTitle = noc.Code, noc.Title
	jr.NOC2016 = noc.NOC2016 && err == nil
	colOK := j.TEER >= 0 && j.TEER <= 5
	if j.TEER > 5 || j.TEER < -1 {
		e.addData(j.Ref.Cell(FieldTEER), cite, msg("The TEER %d for %s is not a TEER (0 to 5).", j.TEER, jobLabel(j)), i, -1)
		usable = false
	}
	switch {
	case err != nil && colOK:
		e.addData(j.Ref.Cell(FieldNOC), cite, msg("%s for %s; the TEER column's %d is used meanwhile.", ErrorText(err).Capitalized(), jobLabel(j), j.TEER), i, -1)
		jr.TEER = j.TEER
	case err != nil:
		e.addData(j.Ref.Cell(FieldNOC), cite, msg("%s for %s; until then the period is not assessed (the TEER column is blank too).", ErrorText(err).Capitalized(), jobLabel(j)), i, -1)
		usable = false
	case colOK && !rs.teerAgrees(j.TEER, noc):
		what := msg("The TEER column says %d but NOC %s is TEER %d (the second digit of a NOC 2021 code is its TEER)", j.TEER, noc.Code, noc.TEER)
		if noc.NOC2016 {
			what = msg("The TEER column says %d but NOC 2016 code %s is linked only to NOC 2021 codes of %s", j.TEER, noc.Code, rs.teerGroupName(noc.TEER))
		}
		e.addData(j.Ref.Cell(FieldTEER), cite, msg("%s, for %s: correct the NOC code or the TEER; give the 5-digit NOC 2021 code.", what, jobLabel(j)), i, -1)
		usable = false
	case colOK:
		jr.TEER = j.TEER // agrees; for a NOC 2016 code it picks a TEER of the group
	default:
		jr.TEER = noc.TEER
	}

	usable = e.checkDates(i, j, cite) && usable
	if !(j.HoursPerWeek > 0 && j.HoursPerWeek <= rs.MaxWeeklyHours) {
		e.addData(j.Ref.Cell(FieldHours), cite, msg("The hours per week of %s (%s) must be a number above 0 and at most %s.",
			jobLabel(j), Num(j.HoursPerWeek), Num(rs.MaxWeeklyHours)), i, -1)
		usable = false
	}
	if !knownType(j.Type) {
		e.addData(j.Ref.Cell(FieldType), cite, msg("The employment type %q of %s is not one of employee, self-employed, volunteer, unpaid, leave.", string(j.Type), jobLabel(j)), i, -1)
		usable = false
	}
	if !knownAuth(j.Authorization) {
		e.addData(j.Ref.Cell(FieldAuthorization), cite, msg("The work authorization %q of %s is not a known authorization.", string(j.Authorization), jobLabel(j)), i, -1)
		usable = false
	}
	if !usable {
		jr.Status = JobUnreadable
		return
	}
	jp.usable = true
	jp.teer = jr.TEER
	jp.inCanada = j.InCanada || strings.TrimSpace(j.Location) == ""
	e.classify(i)
	if jp.counts {
		code := noc.Code
		if err != nil {
			code = fmt.Sprintf("TEER %d", jr.TEER)
		}
		k := slices.IndexFunc(e.occupied, func(o occupation) bool { return o.code == code })
		if k < 0 {
			k = len(e.occupied)
			e.occupied = append(e.occupied, occupation{code: code, teer: jr.TEER})
		}
		jp.occ = k
	}
}

// isPhysician reports whether a NOC code is one of the physicians' public
// policy (W-PHYS).
func (rs *RuleSet) isPhysician(noc string) bool {
	return slices.Contains(rs.PhysicianNOCs, nocCanonical(noc))
}

// physicianPolicyApplies reports whether the physicians' public policy
// reaches the client: it applies to candidates invited on or after its
// date, so it is keyed on the ITA Date, else A; it limits the invitations,
// not the work, so a physician's earlier days count too.
func (e *engine) physicianPolicyApplies() bool {
	invited := e.c.ITADate
	if invited == 0 {
		invited = e.A
	}
	return invited >= e.rs.PhysicianPolicyFrom
}

// classify sets the rules that exclude a job period as a whole, and the
// doubts that rest on every one of its days.
func (e *engine) classify(i int) {
	j, jp, rs := &e.c.Jobs[i], &e.jobs[i], e.rs
	jp.ledger = true
	if jp.teer > rs.MaxTEER {
		jp.excluded = append(jp.excluded, RuleSkill)
	}
	if !jp.inCanada {
		jp.excluded = append(jp.excluded, RuleCanada)
	}
	switch j.Type {
	case Volunteer, Unpaid:
		jp.excluded = append(jp.excluded, RulePaid)
		jp.ledger = false
	case SelfEmployed:
		if rs.isPhysician(j.NOC) && e.physicianPolicyApplies() {
			jp.physician = true
			jp.doubts |= dPhys
		} else {
			jp.excluded = append(jp.excluded, RuleSelf)
			jp.ledger = false
		}
	}
	if jp.inCanada {
		switch j.Authorization {
		case AuthNone:
			jp.excluded = append(jp.excluded, RuleAuth)
			jp.ledger = false
		case AuthRefugee:
			jp.excluded = append(jp.excluded, RuleWorkStatus)
			jp.ledger = false
		case AuthUnknown:
			jp.doubts |= dAuth
		case AuthR186w:
			jp.doubts |= dR186w
		case AuthStudyPermit:
			jp.doubts |= dStudy
		}
		if j.PlaceDoubt {
			jp.doubts |= dPlace
		}
	}
	if j.HoursPerWeek > rs.DoubtHoursAbove {
		jp.doubts |= dHours
		jp.hoursAlt = j.HoursPerWeek / rs.WeeksPerMonth
	}
	jp.counts = jp.ledger && len(jp.excluded) == 0
}

// planStart is the first day of the job plans: the window's start, or the
// start of an earlier counting job, so that hours_reached can look back
// over windows that end before A. It reaches back at most four windows.
func (e *engine) planStart() Date {
	lo := e.ws
	floor := e.A.AddYears(-4 * e.rs.WindowYears)
	e.fromStart = true
	for i := range e.jobs {
		if jp := &e.jobs[i]; jp.usable && jp.counts {
			start := e.c.Jobs[i].Start
			if start < floor {
				start, e.fromStart = floor, false
			}
			lo = min(lo, start)
		}
	}
	return lo
}

// readStudies reads the Study rows: the days of full-time study (merged),
// the days between two full-time study rows less than BreakDays apart
// (W-BREAK) and the days of part-time study (W-STUDY-VERIFY).
func (e *engine) readStudies() {
	var full, part []span
	for i := range e.c.Studies {
		s := &e.c.Studies[i]
		if e.rowProblem(s.Ref, FieldInstitution, FieldCredential) {
			// Its days could be days of full-time study: they could take
			// hours away.
			cell := s.Ref.RowCell()
			for _, pc := range e.problemCells {
				if _, ok := s.Ref.Column(pc); ok {
					cell = pc
					break
				}
			}
			e.unread.studies = append(e.unread.studies, cell)
			continue
		}
		// A part-time period takes no hours away, but its dates are still
		// checked: the paralegal must fix them (and the Full-Time answer may
		// be the mistake).
		if s.Start == 0 {
			if s.FullTime {
				e.addData(s.Ref.Cell(FieldStart), e.rs.Citations[RuleStudent], msg("The study period's start date is blank; its days of full-time study cannot be taken into account."), -1, -1)
				e.unread.studies = append(e.unread.studies, s.Ref.Cell(FieldStart))
			}
			continue
		}
		if s.End != 0 && s.End < s.Start {
			e.addData(s.Ref.Cell(FieldEnd), e.rs.Citations[RuleStudent], msg("The study period's end date %s is before its start date %s.", s.End, s.Start), -1, -1)
			if s.FullTime {
				e.unread.studies = append(e.unread.studies, s.Ref.Cell(FieldEnd))
			}
			continue
		}
		end := s.End
		if end == 0 {
			end = max(e.last, s.Start) // still studying: to the end of the projections
		}
		if s.FullTime {
			full = append(full, span{s.Start, end})
		} else {
			part = append(part, span{s.Start, end})
		}
	}
	full = mergeSpans(full)
	// A break or co-op term between two full-time study rows is part of
	// the program (W-BREAK): the days between rows that start less than
	// BreakDays after the previous one ends.
	for k := 1; k < len(full); k++ {
		if gap := full[k].from - full[k-1].to; gap > 1 && int(gap) < e.rs.BreakDays {
			e.breaks = append(e.breaks, span{full[k-1].to + 1, full[k].from - 1})
		}
	}
	clip := func(in []span) []span {
		var out []span
		for _, s := range in {
			if c, ok := s.clip(e.lo, e.last); ok {
				out = append(out, c)
			}
		}
		return out
	}
	e.fullStudy, e.breaks, e.partStudy = clip(full), clip(e.breaks), clip(mergeSpans(part))
}

// planDays works out a job's days in the day array, and for a job in the
// work ledger the days that count in some scenario: the period minus the
// days without authorization (W-AUTH), the days after A that a decision
// the intake cannot foresee may end (maintained status, R186(w)), the days
// of leave at the same employer (W-LEAVE) and of full-time study
// (W-STUDENT); each day left carries the doubts its counting rests on.
func (e *engine) planDays(i int) {
	j, jp := &e.c.Jobs[i], &e.jobs[i]
	end := j.End
	if end == 0 {
		end = max(e.last, j.Start-1) // ongoing: it continues in the projections
	}
	whole, ok := (span{j.Start, end}).clip(e.lo, e.last)
	if !ok {
		return // no day in the day array
	}
	jp.whole = whole
	if !jp.ledger {
		return
	}
	rest := []span{whole}
	cut := func(code string, reason Text, cell string, by []span) {
		if len(by) == 0 || len(rest) == 0 {
			return
		}
		var in []span
		in, rest = cutSpans(rest, mergeSpans(slices.Clone(by)))
		if code == "" {
			return // a day of the projections only: no exclusion to list
		}
		for _, s := range in {
			jp.parts = append(jp.parts, partial{code: code, reason: reason, cell: cell, s: s})
		}
	}
	ap := &e.auth[i]
	for _, p := range ap.unauth {
		cut(p.code, p.reason, p.cell, []span{p.s})
	}
	if j.Authorization == AuthR186w {
		cut("", Text{}, "", []span{{e.A, e.last}})
	}
	if ap.maintFrom != 0 {
		cut("", Text{}, "", []span{{max(e.A, ap.maintFrom), e.last}})
	}
	for k := range e.jobs {
		lp, l := &e.jobs[k], &e.c.Jobs[k]
		if !lp.leave || !lp.usable || lp.key != jp.key {
			continue
		}
		lend := l.End
		if lend == 0 {
			lend = e.last
		}
		cut(RuleLeave, msg("the client was on leave without pay from this employer on these days (%s)", l.Ref.RowCell()),
			l.Ref.Cell(FieldType), []span{{l.Start, lend}})
	}
	studyWhy := msg("the client was in full-time study on these days (Study sheet)")
	if j.Authorization == AuthStudyPermit {
		studyWhy = msg("work on a study permit during full-time study does not count; if this work was done after completing the program while a PGWP application was pending, write R186(w) in Work Authorization")
	}
	cut(RuleStudent, studyWhy, j.Ref.RowCell(), e.fullStudy)

	// Tag what is left with its doubts: the row's own, the maintained days
	// and the breaks between full-time study rows.
	var tags []tagged
	for _, s := range ap.maint {
		tags = append(tags, tagged{s, dMaint})
	}
	for _, s := range e.breaks {
		tags = append(tags, tagged{s, dBreak})
	}
	jp.pieces = tagPieces(rest, jp.doubts, tags)
	for _, p := range jp.pieces {
		if p.countsIn(0) {
			jp.segs = append(jp.segs, p.s)
			continue
		}
		code, why := RuleStudent, Text{}
		switch {
		case p.doubts&dBreak != 0:
			why = msg("these days fall between two full-time study periods less than %d days apart: a scheduled break or co-op term is part of full-time study (W-BREAK, for the lawyer if it decides the outcome)", e.rs.BreakDays)
		case p.doubts&dStudy != 0:
			code = RuleStudent
			why = msg("work on a study permit outside full-time study counts only if it was the final session's work (IRPR 186(v)); otherwise it may be off-campus work the permit did not authorize (W-STUDY-VERIFY, for the lawyer if it decides the outcome); if this work was done after completing the program while a PGWP application was pending, write R186(w) in Work Authorization")
		}
		jp.parts = append(jp.parts, partial{code: code, reason: why, cell: j.Ref.Cell(FieldAuthorization), s: p.s})
	}
	jp.segs = mergeSpans(jp.segs)
	slices.SortFunc(jp.parts, func(a, b partial) int { return int(a.s.from - b.s.from) })
}

// tagged is a span of days a doubt rests on.
type tagged struct {
	s   span
	bit doubtSet
}

// tagPieces splits the sorted, disjoint spans rest where the tags begin
// and end, and gives each piece the row's doubts and those of the tags
// that cover it.
func tagPieces(rest []span, row doubtSet, tags []tagged) []piece {
	if len(tags) == 0 {
		out := make([]piece, len(rest))
		for k, s := range rest {
			out[k] = piece{s, row}
		}
		return out
	}
	var cuts []Date
	for _, t := range tags {
		cuts = append(cuts, t.s.from, t.s.to+1)
	}
	slices.Sort(cuts)
	var out []piece
	for _, s := range rest {
		from := s.from
		for from <= s.to {
			to := s.to
			for _, c := range cuts {
				if c > from && c-1 < to {
					to = c - 1
					break
				}
			}
			bits := row
			for _, t := range tags {
				if t.s.from <= from && from <= t.s.to {
					bits |= t.bit
				}
			}
			if k := len(out) - 1; k >= 0 && out[k].doubts == bits && out[k].s.to+1 == from {
				out[k].s.to = to
			} else {
				out = append(out, piece{span{from, to}, bits})
			}
			from = to + 1
		}
	}
	return out
}
