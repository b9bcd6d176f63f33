package assess

import (
	"fmt"
	"slices"
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
	slices.SortFunc(in, func(a, b span) int { return int(a.from - b.from) })
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
	e.lo = e.planStart()
	e.n = int(e.horizon - e.ws)
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
	e.hasLeave = true
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
		e.addData(j.Ref.Cell(FieldNOC), cite, fmt.Sprintf("%s for %s; until then the period is not assessed (the TEER column is blank too).", upperFirst(err.Error()), jobLabel(j)), i, -1)
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

// readStudies returns the days of full-time study, merged and sorted.
func (e *engine) readStudies() []span {
	var out []span
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
				e.addData(s.Ref.Cell(FieldStart), e.rs.Citations[RuleStudent], "The study period's start date is blank; its days of full-time study cannot be taken into account.", -1, -1)
				e.unread.studies = append(e.unread.studies, s.Ref.Cell(FieldStart))
			}
			continue
		}
		if s.End != 0 && s.End < s.Start {
			e.addData(s.Ref.Cell(FieldEnd), e.rs.Citations[RuleStudent], fmt.Sprintf("The study period's end date %s is before its start date %s.", s.End, s.Start), -1, -1)
			if s.FullTime {
				e.unread.studies = append(e.unread.studies, s.Ref.Cell(FieldEnd))
			}
			continue
		}
		if !s.FullTime {
			continue
		}
		end := s.End
		if end == 0 {
			end = max(e.last, s.Start) // still studying: to the end of the projections
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
// the rule book (`cecbatch rules`) says, and the window never reaches them.
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
	if e.hasLeave && jp.key == "" {
		jp.key = employerKey(j.Employer)
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
		cut(RuleSelf, fmt.Sprintf("a physician's self-employment is counted from %s, when the public policy for physicians took effect; whether the policy reaches earlier work is for the lawyer (W-PHYS)", e.rs.PhysicianPolicyFrom),
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
// with the same cap; ratio[i] sums, per day, the capped share of the
// day's weekly hours (capped/uncapped), to split a day's credit among its
// jobs.
type ledger struct {
	lo                   Date
	n                    int
	all, g01, g23, ratio []float64
	// occ counts each occupation alone, with the same cap. It is built
	// only when reading (b) of L-MIXED can decide something (addOccupations).
	occ         [][]float64
	slab, slab2 *[]float64 // from slabs; back the arrays
}

func (l *ledger) release() {
	for _, s := range []**[]float64{&l.slab, &l.slab2} {
		if *s != nil {
			slabs.Put(*s)
			*s = nil
		}
	}
}

// slab returns a zeroed slice of n floats from the pool.
func slab(n int) (*[]float64, []float64) {
	p := slabs.Get().(*[]float64)
	if cap(*p) < n {
		*p = make([]float64, n)
	}
	s := (*p)[:n]
	clear(s)
	return p, s
}

// build lays out the ledger of the n days from lo, over the counting days
// of every counting job.
func (e *engine) build(lo Date, n int) ledger {
	rs := e.rs
	l := ledger{lo: lo, n: n}
	var arr []float64
	l.slab, arr = slab(4 * (n + 1))
	part := func(a int) []float64 { return arr[a*(n+1) : (a+1)*(n+1)] }
	all, g01, g23, ratio := part(0), part(1), part(2), part(3)
	hi := lo + Date(n) - 1
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts {
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
		}
	}
	// Turn the difference arrays into prefix sums of the capped daily
	// week-hours, in place.
	weekCap := rs.WeeklyCap
	var h, h01, h23, s, s01, s23, sr float64
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
		if h > 0 {
			sr += min(h, weekCap) / h
		}
	}
	all[n], g01[n], g23[n], ratio[n] = s, s01, s23, sr
	l.all, l.g01, l.g23, l.ratio = all, g01, g23, ratio
	return l
}

// occupationsMatter reports whether reading (b) of L-MIXED can decide
// anything in the projections: both TEER groups have counting work, one
// of them in more than one occupation (else the busiest occupation of each
// group is the group, and (b) is (a)), and some test's level passes the
// lower threshold but not the higher (else every reading passes, or every
// one fails).
func (e *engine) occupationsMatter() bool {
	rs := e.rs
	var per [2]map[int]bool
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts || len(jp.segs) == 0 {
			continue
		}
		g := 1
		if jp.teer <= rs.HighSkillMaxTEER {
			g = 0
		}
		if per[g] == nil {
			per[g] = map[int]bool{}
		}
		per[g][jp.occ] = true
	}
	if per[0] == nil || per[1] == nil || (len(per[0]) < 2 && len(per[1]) < 2) {
		return false
	}
	for _, tp := range e.tests {
		if tp.level >= rs.CLBSkilled && tp.level < rs.CLBHighSkill {
			return true
		}
	}
	return false
}

// addOccupations adds to l the prefix sums of each occupation alone.
func (e *engine) addOccupations(l *ledger) {
	k, n := len(e.occupied), l.n
	var arr []float64
	l.slab2, arr = slab(k * (n + 1))
	l.occ = make([][]float64, k)
	for o := range l.occ {
		l.occ[o] = arr[o*(n+1) : (o+1)*(n+1)]
	}
	hi := l.lo + Date(n) - 1
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts {
			continue
		}
		for _, s := range jp.segs {
			if s, ok := s.clip(l.lo, hi); ok {
				l.occ[jp.occ][int(s.from-l.lo)] += jp.hours
				l.occ[jp.occ][int(s.to-l.lo)+1] -= jp.hours
			}
		}
	}
	for _, p := range l.occ {
		capPrefix(p[:n+1], e.rs.WeeklyCap)
	}
}

// sum returns the prefix-sum difference of p over days s.
func (l *ledger) sum(p []float64, s span) float64 {
	return p[int(s.to-l.lo)+1] - p[int(s.from-l.lo)]
}

// totals are the capped week-hours of one window: all counting work, each
// TEER group alone and each occupation alone.
type totals struct {
	all, g01, g23 float64
	occ           []float64 // by index in engine.occupied; nil when not counted
}

// boundary is where a counting job's span of counting days starts (in)
// or ends (the day after it).
type boundary struct {
	day Date
	job int
	in  bool
}

// boundaries returns the starts and ends of every counting span, in order
// of day; they are sorted once per assessment.
func (e *engine) boundaries() []boundary {
	if e.bounds != nil {
		return e.bounds
	}
	bs := make([]boundary, 0, 8)
	for i := range e.jobs {
		if jp := &e.jobs[i]; jp.counts {
			for _, s := range jp.segs {
				bs = append(bs, boundary{s.from, i, true}, boundary{s.to + 1, i, false})
			}
		}
	}
	slices.SortFunc(bs, func(a, b boundary) int { return int(a.day - b.day) })
	e.bounds = bs
	return bs
}

// windowTotals counts the days from..to of the counting jobs for which
// skip (when not nil) is false, each occupation too when withOcc. It sweeps
// the boundaries of the jobs' counting spans rather than the days, so it
// costs a few dozen steps whatever the window: hours_reached, the L-MIXED
// readings on A and the W-AUTH-VERIFY counterfactual use it.
func (e *engine) windowTotals(from, to Date, skip func(int) bool, withOcc bool) totals {
	rs := e.rs
	weekCap := rs.WeeklyCap
	var t totals
	var ho []float64
	if withOcc {
		t.occ, ho = make([]float64, len(e.occupied)), make([]float64, len(e.occupied))
	}
	var h, h01, h23 float64
	credit := func(a, b Date) { // the days a..b-1, at the current hours
		a, b = max(a, from), min(b, to+1)
		if a >= b {
			return
		}
		d := float64(b - a)
		t.all += min(h, weekCap) * d
		t.g01 += min(h01, weekCap) * d
		t.g23 += min(h23, weekCap) * d
		for o, v := range ho {
			t.occ[o] += min(v, weekCap) * d
		}
	}
	prev := from
	for _, x := range e.boundaries() {
		if x.day > to {
			break
		}
		if skip != nil && skip(x.job) {
			continue
		}
		credit(prev, x.day)
		prev = x.day
		jp := &e.jobs[x.job]
		v := jp.hours
		if !x.in {
			v = -v
		}
		h += v
		if jp.teer <= rs.HighSkillMaxTEER {
			h01 += v
		} else {
			h23 += v
		}
		if ho != nil {
			ho[jp.occ] += v
		}
	}
	credit(prev, to+1)
	return t
}
