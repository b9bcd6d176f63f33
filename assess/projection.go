package assess

import (
	"math"
)

// This file evaluates the objective requirements on any candidate
// application date, from the ledger's prefix sums and the test plans, and
// searches the projections: eligible_from, eligible_until, hours_reached
// and hours_until.

// langOutcome is how the language requirement stands on one day.
type langOutcome int8

const (
	langMet   langOutcome = iota
	langMixed             // the L-MIXED readings disagree: a concern
	langFail
)

// dayState is what the objective requirements look like on one candidate
// application date.
type dayState struct {
	hours, h01, h23 float64 // week-hours (hours × 7) in the window
	top01, top23    float64 // week-hours of the busiest occupation of each group
	hoursOK         bool
	required        int    // 0, or the CLB the work needs (reading (a))
	both            bool   // qualifying hours in both TEER groups: L-MIXED applies
	reqs            [3]int // the CLB each L-MIXED reading requires
	level           int    // best valid test's level, -1 with none
	best            int    // index in Client.Tests of that test, -1 with none
	lang            langOutcome
}

// objective reports whether every objective requirement holds (an L-MIXED
// disagreement is a concern, not a failure, as in the verdict).
func (st *dayState) objective(quebec bool) bool {
	return st.hoursOK && st.lang != langFail && !quebec
}

// class is the verdict the objective requirements lead to: 0 eligible, 1
// for the lawyer (L-MIXED), 2 not eligible.
func (st *dayState) class(quebec bool) int {
	switch {
	case !st.objective(quebec):
		return 2
	case st.lang == langMixed:
		return 1
	}
	return 0
}

// state evaluates the objective requirements for an application on F,
// whose window starts on wsF, from ledger l. It reads only prefix sums and
// the test plans, so the projections call it for every candidate day.
// Without occupation sums the busiest occupation of each group is taken to
// be the group: that is exact when each group has one occupation, and
// otherwise no test's level lies where reading (b) could decide anything
// (occupationsMatter).
func (e *engine) state(l *ledger, F, wsF Date) dayState {
	hi, lo := int(F-l.lo), int(wsF-l.lo)
	st := dayState{
		hours: l.all[hi] - l.all[lo],
		h01:   l.g01[hi] - l.g01[lo],
		h23:   l.g23[hi] - l.g23[lo],
	}
	if l.occ == nil {
		st.top01, st.top23 = st.h01, st.h23
	}
	for o, p := range l.occ {
		e.topOf(&st, o, p[hi]-p[lo])
	}
	e.judge(&st, F)
	return st
}

// stateOf evaluates the objective requirements on A from a window's totals.
func (e *engine) stateOf(t totals) dayState { return e.stateOn(t, e.A) }

// stateOn evaluates the objective requirements for an application on F
// from the totals of its window.
func (e *engine) stateOn(t totals, F Date) dayState {
	st := dayState{hours: t.all, h01: t.g01, h23: t.g23}
	if t.occ == nil {
		st.top01, st.top23 = st.h01, st.h23 // as state does: see occupationsMatter
	}
	for o, v := range t.occ {
		e.topOf(&st, o, v)
	}
	e.judge(&st, F)
	return st
}

// stateFn gives the state of the objective requirements for an
// application on F, in one scenario.
type stateFn func(F Date) dayState

// onLedger reads the states from ledger l's prefix sums.
func (e *engine) onLedger(l *ledger) stateFn {
	return func(F Date) dayState { return e.state(l, F, F.AddYears(-e.rs.WindowYears)) }
}

// inScenario reads the states of scenario S by sweeping the boundaries of
// the pieces that count in it: a scenario needs no ledger of its own, and
// the projections' jumps keep the sweeps few.
func (e *engine) inScenario(S doubtSet) stateFn {
	withOcc := e.occupationsMatter()
	return func(F Date) dayState {
		return e.stateOn(e.windowTotals(F.AddYears(-e.rs.WindowYears), F-1, S, withOcc), F)
	}
}

// topOf keeps the busiest occupation of each group in st.
func (e *engine) topOf(st *dayState, o int, v float64) {
	if e.occupied[o].teer <= e.rs.HighSkillMaxTEER {
		st.top01 = max(st.top01, v)
	} else {
		st.top23 = max(st.top23, v)
	}
}

// judge applies W-HOURS, L-THRESH and L-MIXED to the hours of st and the
// best test valid on F.
func (e *engine) judge(st *dayState, F Date) {
	rs := e.rs
	st.level, st.best = -1, -1
	for _, tp := range e.tests {
		if tp.taken <= F && F < tp.expiry && tp.level > st.level {
			st.level, st.best = tp.level, tp.index
		}
	}
	target := rs.RequiredHours*7 - eps
	tie := rs.TieHours * 7
	st.hoursOK = st.hours >= target
	st.required = 0
	if st.hours > eps {
		st.required = rs.CLBSkilled
		if st.h01 >= st.h23-tie {
			st.required = rs.CLBHighSkill
		}
	}
	need := st.required
	if need == 0 {
		need = rs.CLBSkilled // with no work the level is not set; no CEC work needs less
	}
	st.reqs = [3]int{need, need, need}
	st.both = st.h01 > tie && st.h23 > tie
	if st.both {
		// (b) occupation: the busiest single occupation's group.
		st.reqs[1] = rs.CLBSkilled
		if st.top01 >= st.top23-tie {
			st.reqs[1] = rs.CLBHighSkill
		}
		// (c) qualifying experience: the lower threshold of the groups
		// whose hours alone reach the requirement; neither: reading (a).
		switch {
		case st.h23 >= target:
			st.reqs[2] = rs.CLBSkilled
		case st.h01 >= target:
			st.reqs[2] = rs.CLBHighSkill
		}
	}
	pass := 0
	for _, r := range st.reqs {
		if st.level >= r {
			pass++
		}
	}
	switch pass {
	case len(st.reqs):
		st.lang = langMet
	case 0:
		st.lang = langFail
	default:
		st.lang = langMixed
	}
}

// langSteady is how many days after the day of st the language outcome
// surely stays the same if the level does not change: the readings compare
// sums that move by at most three caps a day against each other (one
// rises by a cap, the other falls by two when its window's start crosses
// 29 February).
func (e *engine) langSteady(st *dayState) Date {
	rs := e.rs
	if st.level < rs.CLBSkilled || st.level >= rs.CLBHighSkill {
		return math.MaxInt32 // every reading passes, or every one fails
	}
	target := rs.RequiredHours * 7
	tie := rs.TieHours * 7
	m := min(math.Abs(st.h23-st.h01)-tie, math.Abs(st.top23-st.top01)-tie,
		math.Abs(st.h23-target), math.Abs(st.h01-target))
	if st.hours <= eps {
		m = 0 // the first hour sets a level
	}
	return max(Date(m/(3*rs.WeeklyCap))-1, 0)
}

// projectFrom finds eligible_from from the states stateAt gives: the first day F from A on
// which every objective requirement holds; 0 if none within the
// projection. Each candidate day F costs a few prefix-sum lookups; and
// since a window's week-hours change by at most 30 a day when its end
// moves on (60 when its start crosses 29 February), the scan jumps over
// the days on which nothing can change its answer: while hours are short
// by D, no day before D/30 days can reach them; the language outcome
// changes only on a test's date or expiry, or when the hours the readings
// compare cross (langSteady). e.daily turns the jumps off, so that a test
// can check them against the day-by-day scan.
func (e *engine) projectFrom(stateAt stateFn) Date {
	rs := e.rs
	target := rs.RequiredHours*7 - eps
	rise := rs.WeeklyCap // per day, at most
	for F := e.A; F <= e.horizon; {
		st := stateAt(F)
		if st.objective(false) {
			return F
		}
		next := F + 1
		if !e.daily {
			if !st.hoursOK {
				next = max(next, F+Date(math.Ceil((target-st.hours)/rise)))
			}
			if st.lang == langFail {
				k := e.langSteady(&st)
				if c := e.nextChange(F); c != 0 {
					k = min(k, c-F-1)
				} else if st.level < rs.CLBSkilled {
					return 0 // no test will ever be valid, or good enough
				}
				next = max(next, F+k+1)
			}
		}
		F = next
	}
	return 0
}

// untilOn finds, from the states stateAt gives, the last day from A on which every objective
// requirement still holds, and what lapses first; A's own state is known
// to hold. mixedOK: the L-MIXED readings already disagree on A, so their
// disagreeing later is no lapse. While every requirement holds with D
// hours to spare, no day before D/60 days can lose them (see projectFrom).
func (e *engine) untilOn(stateAt stateFn, mixedOK bool) (until Date, code string, lapse Text) {
	rs := e.rs
	target := rs.RequiredHours*7 - eps
	fall := 2 * rs.WeeklyCap
	for F := e.A; F <= e.horizon; {
		st := stateAt(F)
		if F > e.A {
			code := ""
			switch {
			case !st.hoursOK:
				code = RuleHours
			case st.lang == langMixed && !mixedOK:
				code = RuleMixed
			case st.lang == langFail && st.level < 0:
				code = RuleValid
			case st.lang == langFail:
				code = RuleThresh
			}
			if code != "" {
				return F - 1, code, e.lapseText(code, F, st)
			}
		}
		next := F + 1
		if !e.daily {
			// Every requirement holds on F. The days F+1 … F+k hold too.
			k := min(Date((st.hours-target)/fall), e.langSteady(&st))
			if x := e.nextChange(F); x != 0 {
				k = min(k, x-F-1)
			}
			if k > 0 {
				next = F + k + 1
			}
		}
		F = next
	}
	return e.horizon, "", msg("Every requirement still holds on %s, the end of the projection.", e.horizon)
}

// projectUntil sets eligible_until for a client who meets every objective
// requirement on A and has no data problem: under the defaults and under
// the combined scenario, the earlier of the two (a paralegal acts on it).
// When the combined scenario already fails on A, the defaults' date stands
// (the opinion says it rests on the doubts).
func (e *engine) projectUntil(st dayState) {
	as := e.as
	if e.quebec || !st.objective(e.quebec) || e.hasKind(KindData) {
		return
	}
	as.EligibleUntil, as.LapseCode, as.Lapse = e.untilOn(e.onLedger(&e.main), st.lang == langMixed)
	cs := as.Combined
	if cs == nil {
		return
	}
	cs.DefaultUntil = as.EligibleUntil
	if cs.Outcome.Objective == ObjectiveFails {
		return
	}
	var C doubtSet
	for _, code := range cs.Codes {
		C |= e.bitOf(code)
	}
	cs.EligibleUntil, cs.LapseCode, cs.Lapse = e.untilOn(e.inScenario(C), cs.Outcome.Objective == ObjectiveMixed)
	if cs.EligibleUntil < as.EligibleUntil {
		as.EligibleUntil, as.LapseCode, as.Lapse = cs.EligibleUntil, cs.LapseCode, cs.Lapse
	}
}

// hasKind reports whether a finding of kind k was made.
func (e *engine) hasKind(k Kind) bool {
	for _, f := range e.as.Findings {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// nextChange is the first day after F on which a test is taken or a valid
// one expires, or 0.
func (e *engine) nextChange(F Date) Date {
	var x Date
	for _, tp := range e.tests {
		for _, d := range [2]Date{tp.taken, tp.expiry} {
			if d > F && (x == 0 || d < x) {
				x = d
			}
		}
	}
	return x
}

func (e *engine) lapseText(code string, F Date, st dayState) Text {
	rs := e.rs
	switch code {
	case RuleHours:
		return msg("From %s the qualifying hours in the %d-year window fall to %s, below %s, as older work slides out of the window.", F, rs.WindowYears, Hours(st.hours/7), Quantity(rs.RequiredHours))
	case RuleValid:
		return msg("From %s no accepted language test is valid any more (results are valid for %s years); a new test is needed.", F, Spelled(rs.TestValidityYears))
	case RuleThresh:
		return msg("From %s the language level, %s, is below the %s %d the work in the window needs.", F, clbName(e.kindOf(st.best), st.level), clbScale(e.kindOf(st.best)), st.required)
	case RuleMixed:
		return msg("From %s the readings of the language threshold disagree for the work in the window (TEER 0/1 and TEER 2/3): with %s the application would need the lawyer's review (L-MIXED).", F, clbName(e.kindOf(st.best), st.level))
	}
	return Text{}
}

// kindOf is the kind of test i, for its level's name (CLB or NCLC).
func (e *engine) kindOf(i int) TestKind {
	if i < 0 {
		return TestUnknown
	}
	return e.as.Tests[i].Kind
}

// hoursReached is the earliest day D <= A such that on every day from D to
// A the window ending that day held the required hours; zero when the
// hours on A are short. The job plans reach back to the earliest counting
// job, so D is exact; only a job more than four windows before A is cut
// short, and D is then the first day that can be told. Windows before A
// are counted by windowTotals, jumping back over the days whose hours are
// surely still met.
func (e *engine) hoursReached(st dayState) Date {
	if !st.hoursOK {
		return 0
	}
	rs := e.rs
	target := rs.RequiredHours*7 - eps
	fall := 2 * rs.WeeklyCap // a window's hours change by at most this a day, either way
	D := e.A
	for {
		prev := D - 1
		wsPrev := prev.AddYears(-rs.WindowYears)
		if wsPrev < e.lo && !e.fromStart {
			return D
		}
		hours := e.windowTotals(wsPrev, prev-1, 0, false).all
		if hours < target {
			return D
		}
		// prev holds with a margin: the days just before it hold too.
		k := Date((hours - target) / fall)
		if e.daily {
			k = 0
		}
		D = prev - k
		if !e.fromStart {
			D = min(max(D, e.lo.AddYears(rs.WindowYears)+1), prev)
		}
	}
}

// hoursFrom is the first day F on or after A on which the hours
// requirement holds under the projection, st being A's state; zero if none
// within it. A window's week-hours rise by at most the cap a day, so the
// scan jumps over the days that cannot reach the target (see projectFrom).
func (e *engine) hoursFrom(st dayState) Date {
	if st.hoursOK {
		return e.A
	}
	rs := e.rs
	target := rs.RequiredHours*7 - eps
	for F := e.A; ; {
		next := F + max(1, Date(math.Ceil((target-st.hours)/rs.WeeklyCap)))
		if e.daily {
			next = F + 1
		}
		if next > e.horizon {
			return 0
		}
		F = next
		if st = e.state(&e.main, F, F.AddYears(-rs.WindowYears)); st.hoursOK {
			return F
		}
	}
}

// hoursUntil is the last day on or after A on which the hours requirement
// still holds under the projection, before hours slide out of the window;
// zero when it does not hold on A.
func (e *engine) hoursUntil(st dayState) Date {
	if !st.hoursOK {
		return 0
	}
	rs := e.rs
	target := rs.RequiredHours*7 - eps
	fall := 2 * rs.WeeklyCap
	F := e.A
	for F < e.horizon {
		k := Date((st.hours - target) / fall)
		if e.daily || k < 1 {
			k = 1
		}
		next := min(F+k, e.horizon)
		st = e.state(&e.main, next, next.AddYears(-rs.WindowYears))
		if !st.hoursOK {
			// The days F+1 … next-1 hold (the jump is safe); next does not.
			return next - 1
		}
		F = next
	}
	return e.horizon
}
