package assess

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// This file is the work ledger: it reads every Employment and Study row,
// decides which days of each job period count (W-SKILL … W-LEAVE), and
// keeps the capped daily credit as prefix sums over a day array that runs
// from the window's start (or an earlier job's) to A + 3 years, so that
// the projections read any window in constant time.

// span is an inclusive range of days.
type span struct{ from, to Date }

func (s span) days() int { return int(s.to-s.from) + 1 }

func (s span) clip(lo, hi Date) (span, bool) {
	if s.from < lo {
		s.from = lo
	}
	if s.to > hi {
		s.to = hi
	}
	return s, s.from <= s.to
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(in []span) []span {
	sort.Slice(in, func(i, j int) bool { return in[i].from < in[j].from })
	out := in[:0]
	for _, s := range in {
		if k := len(out) - 1; k >= 0 && s.from <= out[k].to+1 {
			out[k].to = max(out[k].to, s.to)
			continue
		}
		out = append(out, s)
	}
	return out
}

// cutSpans splits the sorted, disjoint spans a by the sorted, disjoint
// spans b: in is a ∩ b, out is a − b.
func cutSpans(a, b []span) (in, out []span) {
	for _, s := range a {
		from := s.from
		for _, x := range b {
			if x.to < from || x.from > s.to {
				continue
			}
			if x.from > from {
				out = append(out, span{from, x.from - 1})
			}
			ov, _ := x.clip(from, s.to)
			in = append(in, ov)
			from = ov.to + 1
		}
		if from <= s.to {
			out = append(out, span{from, s.to})
		}
	}
	return in, out
}

// partial is a span of a counting job's days that a rule excludes.
type partial struct {
	code, reason, cell string
	s                  span
}

// occupation is one NOC code among the counting jobs (L-MIXED reading (b)).
type occupation struct {
	code string // the NOC code, or "TEER n" when only the TEER is known
	teer int
}

// jobPlan is the engine's working reading of one job period.
type jobPlan struct {
	usable    bool
	leave     bool     // a leave row (W-LEAVE)
	counts    bool     // no rule excludes the whole period
	excluded  []string // the rules that exclude the whole period
	physician bool     // self-employed physician under the public policy (W-PHYS)
	teer      int
	hours     float64
	occ       int    // index in engine.occupied, for a counting job
	key       string // employerKey of the employer
	whole     span   // start to effective end, clipped to the day array; zero: none
	segs      []span // counting days: whole minus the partial exclusions
	parts     []partial
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

// readJobs checks every job row, then lays out the day array and works out
// each job's counting days.
func (e *engine) readJobs() {
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
	e.lo = e.arrayStart()
	e.n = int(e.horizon - e.lo)
	studies := e.readStudies()
	for i := range e.jobs {
		if e.jobs[i].usable && !e.jobs[i].leave {
			e.planDays(i, studies)
		}
	}
}

// checkLeave reads a leave row: only its dates and employer matter.
func (e *engine) checkLeave(i int) {
	j, jp, jr := &e.c.Jobs[i], &e.jobs[i], &e.as.Jobs[i]
	jr.Index, jr.TEER, jr.Status, jp.occ = i, -1, JobLeave, -1
	jp.leave = true
	if t, _, err := NOCTEER(j.NOC); err == nil {
		jr.TEER = t
	}
	cite := e.rs.Citations[RuleLeave]
	usable := !e.rowProblem(j.Ref, FieldTitle, FieldNOC, FieldTEER, FieldHours, FieldLocation, FieldAuthorization, FieldPermitExpiry)
	usable = e.checkDates(i, j, cite) && usable
	jp.key = employerKey(j.Employer)
	if jp.key == "" {
		e.addData(j.Ref.Cell(FieldEmployer), cite, fmt.Sprintf("The leave from %s has no employer: give the employer whose jobs the leave interrupts.", j.Start), i, -1)
		usable = false
	}
	if !usable {
		jr.Status = JobUnreadable
		return
	}
	jp.usable = true
}

// checkDates checks a job row's start and end dates.
func (e *engine) checkDates(i int, j *Job, cite string) bool {
	if j.Start == 0 {
		e.addData(j.Ref.Cell(FieldStart), cite, fmt.Sprintf("The start date of %s is blank or unreadable.", jobLabel(j)), i, -1)
		return false
	}
	if j.End != 0 && j.End < j.Start {
		e.addData(j.Ref.Cell(FieldEnd), cite, fmt.Sprintf("The end date %s of %s is before its start date %s.", j.End, jobLabel(j), j.Start), i, -1)
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

	teer, noc2016, err := NOCTEER(j.NOC)
	jr.NOC2016 = noc2016 && err == nil
	colOK := j.TEER >= 0 && j.TEER <= 5
	if j.TEER > 5 || j.TEER < -1 {
		e.addData(j.Ref.Cell(FieldTEER), cite, fmt.Sprintf("The TEER %d for %s is not a TEER (0 to 5).", j.TEER, jobLabel(j)), i, -1)
		usable = false
	}
	switch {
	case err != nil && colOK:
		e.addData(j.Ref.Cell(FieldNOC), cite, fmt.Sprintf("%s for %s; the TEER column's %d is used meanwhile.", upperFirst(err.Error()), jobLabel(j), j.TEER), i, -1)
		jr.TEER = j.TEER
	case err != nil:
		e.addData(j.Ref.Cell(FieldNOC), cite, fmt.Sprintf("%s for %s, and there is no TEER, so the period cannot be assessed.", upperFirst(err.Error()), jobLabel(j)), i, -1)
		usable = false
	case colOK && !teerAgrees(j.TEER, teer, noc2016):
		msg := fmt.Sprintf("The TEER column says %d but NOC %s is TEER %d", j.TEER, nocCanonical(j.NOC), teer)
		if noc2016 {
			msg += " by IRCC's mapping of NOC 2016 skill levels"
		} else {
			msg += " (the second digit of a NOC 2021 code is its TEER)"
		}
		e.addData(j.Ref.Cell(FieldTEER), cite, fmt.Sprintf("%s, for %s: correct the NOC code or the TEER; give the 5-digit NOC 2021 code.", msg, jobLabel(j)), i, -1)
		usable = false
	case colOK:
		jr.TEER = j.TEER // agrees; for NOC 2016 skill level B it picks TEER 2 or 3
	default:
		jr.TEER = teer
	}

	usable = e.checkDates(i, j, cite) && usable
	if !(j.HoursPerWeek > 0 && j.HoursPerWeek <= rs.MaxWeeklyHours) {
		e.addData(j.Ref.Cell(FieldHours), cite, fmt.Sprintf("The hours per week of %s (%s) must be a number above 0 and at most %s.",
			jobLabel(j), fmtNum(j.HoursPerWeek), fmtNum(rs.MaxWeeklyHours)), i, -1)
		usable = false
	}
	if !knownType(j.Type) {
		e.addData(j.Ref.Cell(FieldType), cite, fmt.Sprintf("The employment type %q of %s is not one of employee, self-employed, volunteer, unpaid, leave.", j.Type, jobLabel(j)), i, -1)
		usable = false
	}
	if !knownAuth(j.Authorization) {
		e.addData(j.Ref.Cell(FieldAuthorization), cite, fmt.Sprintf("The work authorization %q of %s is not a known authorization.", j.Authorization, jobLabel(j)), i, -1)
		usable = false
	}
	if !usable {
		jr.Status = JobUnreadable
		return
	}
	jp.usable = true
	jp.teer = jr.TEER
	jp.key = employerKey(j.Employer)
	jp.excluded, jp.physician = e.wholeExclusions(j, jr.TEER)
	jp.counts = len(jp.excluded) == 0
	if jp.counts {
		code := nocCanonical(j.NOC)
		if _, _, err := NOCTEER(j.NOC); err != nil {
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

// wholeExclusions lists the rules that exclude a job period as a whole, and
// whether it is a self-employed physician's work under the public policy.
func (e *engine) wholeExclusions(j *Job, teer int) (codes []string, physician bool) {
	if teer > e.rs.MaxTEER {
		codes = append(codes, RuleSkill)
	}
	if !j.InCanada && strings.TrimSpace(j.Location) != "" {
		codes = append(codes, RuleCanada)
	}
	switch j.Type {
	case Volunteer, Unpaid:
		codes = append(codes, RulePaid)
	case SelfEmployed:
		if e.rs.isPhysician(j.NOC) {
			physician = true
		} else {
			codes = append(codes, RuleSelf)
		}
	}
	switch j.Authorization {
	case AuthNone:
		codes = append(codes, RuleAuth)
	case AuthStudyPermit:
		codes = append(codes, RuleStudent)
	case AuthRefugee:
		codes = append(codes, RuleWorkStatus)
	}
	return codes, physician
}

// arrayStart is the first day of the day array: the window's start, or the
// start of an earlier counting job, so that hours_reached can look back
// over windows that end before A. It reaches back at most four windows.
func (e *engine) arrayStart() Date {
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

// readStudies returns the days of full-time study, merged and sorted.
func (e *engine) readStudies() []span {
	var out []span
	for i := range e.c.Studies {
		s := &e.c.Studies[i]
		if !s.FullTime || e.rowProblem(s.Ref, FieldInstitution, FieldCredential) {
			continue
		}
		if s.Start == 0 {
			e.addData(s.Ref.Cell(FieldStart), e.rs.Citations[RuleStudent], "The study period's start date is blank; its days of full-time study cannot be taken into account.", -1, -1)
			continue
		}
		end := s.End
		if end == 0 {
			end = e.last
		}
		if end < s.Start {
			e.addData(s.Ref.Cell(FieldEnd), e.rs.Citations[RuleStudent], fmt.Sprintf("The study period's end date %s is before its start date %s.", s.End, s.Start), -1, -1)
			continue
		}
		if sp, ok := (span{s.Start, end}).clip(e.lo, e.last); ok {
			out = append(out, sp)
		}
	}
	return mergeSpans(out)
}

// unauthorizedFrom is the first day a job row is no longer authorized by
// date (W-AUTH): the day after its permit expired, or after the client's
// status expired, whichever is first; 0 when neither applies or the row or
// the client is on maintained status (R186(u)). Days after a status expiry
// that is on or after A are future days: the projections stop there, as
// RULES says, and the window never reaches them.
func (e *engine) unauthorizedFrom(j *Job) (from Date, reason, cell string) {
	c := e.c
	if j.Authorization == AuthMaintained || c.Status == StatusMaintained {
		return 0, "", ""
	}
	pe, se := j.PermitExpiry, c.StatusExpiry
	switch {
	case pe != 0 && (se == 0 || pe <= se):
		return pe + 1, fmt.Sprintf("the row's permit expired on %s and no maintained status is recorded", pe), j.Ref.Cell(FieldPermitExpiry)
	case se != 0:
		return se + 1, fmt.Sprintf("the client's status expired on %s and no maintained status is recorded", se), c.Ref.Cell(FieldStatusExpiry)
	}
	return 0, "", ""
}

// planDays works out a job's days in the day array, and for a counting job
// the days that count: the period minus, in this order, the days without
// authorization, a physician's days before the public policy, the days of
// leave at the same employer and the days of full-time study.
func (e *engine) planDays(i int, studies []span) {
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
	if !jp.counts {
		return
	}
	rest := []span{whole}
	cut := func(code, reason, cell string, by []span) {
		if len(by) == 0 || len(rest) == 0 {
			return
		}
		var in []span
		in, rest = cutSpans(rest, by)
		for _, s := range in {
			jp.parts = append(jp.parts, partial{code: code, reason: reason, cell: cell, s: s})
		}
	}
	if from, reason, cell := e.unauthorizedFrom(j); from != 0 {
		cut(RuleAuth, reason, cell, []span{{from, e.last}})
	}
	if jp.physician {
		cut(RuleSelf, fmt.Sprintf("self-employment counts for a physician only from %s, when the public policy for physicians took effect", e.rs.PhysicianPolicyFrom),
			j.Ref.Cell(FieldType), []span{{e.lo, e.rs.PhysicianPolicyFrom - 1}})
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
		cut(RuleLeave, fmt.Sprintf("the client was on leave without pay from this employer on these days (%s)", l.Ref.RowCell()),
			l.Ref.Cell(FieldType), []span{{l.Start, lend}})
	}
	cut(RuleStudent, "the client was in full-time study on these days (Study sheet)", j.Ref.RowCell(), studies)
	jp.segs = rest
}

// ledger holds prefix sums of the daily credit over a range of days:
// all[i] is the sum, over the days before lo+i, of each day's capped
// week-hours (all counting jobs); g01 and g23 count each TEER group alone,
// occ each occupation alone, with the same cap; ratio[i] sums, per day,
// the capped share of the day's weekly hours (capped/uncapped), to split
// a day's credit among its jobs.
type ledger struct {
	lo                   Date
	all, g01, g23, ratio []float64
	// occ is set only when both TEER groups have counting days: only then
	// can reading (b) of L-MIXED differ from reading (a).
	occ  [][]float64
	slab *[]float64 // from slabs; backs the arrays
}

func (l *ledger) release() {
	if l.slab != nil {
		slabs.Put(l.slab)
		l.slab = nil
	}
}

// build lays out the ledger of the n days from lo, over the counting days
// of every counting job for which skip (when not nil) is false.
func (e *engine) build(lo Date, n int, skip func(i int) bool, withRatio bool) ledger {
	rs := e.rs
	has01, has23 := false, false
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts || len(jp.segs) == 0 || (skip != nil && skip(i)) {
			continue
		}
		if jp.teer <= rs.HighSkillMaxTEER {
			has01 = true
		} else {
			has23 = true
		}
	}
	k := 0
	if has01 && has23 {
		k = len(e.occupied)
	}
	arrays := 4 + k
	l := ledger{lo: lo, slab: slabs.Get().(*[]float64)}
	if cap(*l.slab) < arrays*(n+1) {
		*l.slab = make([]float64, arrays*(n+1))
	}
	slab := (*l.slab)[:arrays*(n+1)]
	clear(slab)
	part := func(a int) []float64 { return slab[a*(n+1) : (a+1)*(n+1)] }
	all, g01, g23, ratio := part(0), part(1), part(2), part(3)
	var occ [][]float64
	if k > 0 {
		occ = make([][]float64, k)
		for o := range occ {
			occ[o] = part(4 + o)
		}
	}
	hi := lo + Date(n) - 1
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts || (skip != nil && skip(i)) {
			continue
		}
		grp := g23
		if jp.teer <= rs.HighSkillMaxTEER {
			grp = g01
		}
		for _, s := range jp.segs {
			s, ok := s.clip(lo, hi)
			if !ok {
				continue
			}
			a, b := int(s.from-lo), int(s.to-lo)+1
			all[a] += jp.hours
			all[b] -= jp.hours
			grp[a] += jp.hours
			grp[b] -= jp.hours
			if occ != nil {
				occ[jp.occ][a] += jp.hours
				occ[jp.occ][b] -= jp.hours
			}
		}
	}
	// Turn the difference arrays into prefix sums of the capped daily
	// week-hours, in place.
	weekCap := rs.WeeklyCap
	var h, h01, h23, s, s01, s23, sr float64
	var ho, so []float64
	if k > 0 {
		ho, so = make([]float64, k), make([]float64, k)
	}
	for i := 0; i < n; i++ {
		h += all[i]
		h01 += g01[i]
		h23 += g23[i]
		if h < eps { // the difference array's running sum may carry noise
			h = 0
		}
		if h01 < eps {
			h01 = 0
		}
		if h23 < eps {
			h23 = 0
		}
		all[i], g01[i], g23[i], ratio[i] = s, s01, s23, sr
		s += min(h, weekCap)
		s01 += min(h01, weekCap)
		s23 += min(h23, weekCap)
		if withRatio && h > 0 {
			sr += min(h, weekCap) / h
		}
		for o := range occ {
			ho[o] += occ[o][i]
			if ho[o] < eps {
				ho[o] = 0
			}
			occ[o][i] = so[o]
			so[o] += min(ho[o], weekCap)
		}
	}
	all[n], g01[n], g23[n], ratio[n] = s, s01, s23, sr
	for o := range occ {
		occ[o][n] = so[o]
	}
	l.all, l.g01, l.g23, l.ratio, l.occ = all, g01, g23, ratio, occ
	return l
}

// sum returns the prefix-sum difference of p over days s.
func (l *ledger) sum(p []float64, s span) float64 {
	return p[int(s.to-l.lo)+1] - p[int(s.from-l.lo)]
}
