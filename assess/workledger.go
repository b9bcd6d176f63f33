package assess

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// This file is the work ledger the Express Entry estimate (package crs)
// reads: the CRS counts Canadian work over the 10 years before A, and the
// 2026 occupation categories count work per NOC code over 3 years, in Canada
// or abroad. It is the CEC engine's own day plan (plan.go) laid over that
// longer range: the same rules decide each day (W-PAID, W-SELF with W-PHYS,
// W-AUTH with maintained status, W-STATUS, W-STUDENT with W-BREAK and
// W-STUDY-VERIFY, W-LEAVE), under the doubts' defaults, and the same daily
// credit (one seventh of the week's hours of the counting rows, capped at
// 30 a week). Rows of any TEER, and rows abroad (which need no Canadian
// authorization), are kept: each reader selects its own.

// WorkRow is one job period as the work ledger reads it.
type WorkRow struct {
	Job      int    // index in Client.Jobs
	NOC      string // the 5-digit NOC 2021 code, "" when the row has none
	TEER     int
	InCanada bool
	Hours    float64 // per week, as entered
	segs     []span  // counting days, sorted, within [Lo, Hi]
}

// LastDay is the row's last counting day.
func (r *WorkRow) LastDay() Date { return r.segs[len(r.segs)-1].to }

// WorkLedger holds the counting rows of one client between Lo and Hi.
type WorkLedger struct {
	Rows   []WorkRow
	Lo, Hi Date
	Cap    float64 // the weekly cap
	// Unread lists the job rows not counted because of a data problem, by
	// their first cell.
	Unread []string
	// NOC2016 lists the NOC cells of rows with a NOC 2016 code, which
	// count for no category.
	NOC2016 []string
}

// WorkLedger reads c's job rows, for an application on A, over the days
// [lo, hi]: hi is past A for the projections, in which ongoing rows
// continue up to hi but stop at a Status Expiry (unless on maintained
// status) or a Permit Expiry, and no maintained or R186(w) day after A is
// counted, as in the CEC's projections. It never modifies c.
func (rs *RuleSet) WorkLedger(c *Client, A, lo, hi Date) *WorkLedger {
	l := &WorkLedger{Lo: lo, Hi: hi, Cap: rs.WeeklyCap}
	e := &engine{rs: rs, c: c, as: &Assessment{Client: c, Rules: rs, LanguageCLB: -1}, A: A}
	e.ws = A.AddYears(-rs.WindowYears)
	e.horizon = A.AddYears(rs.ProjectionYears)
	e.last = hi
	e.ingestProblems()
	e.readJobs(lo)
	for i := range e.jobs {
		jp, jr, j := &e.jobs[i], &e.as.Jobs[i], &c.Jobs[i]
		if j.Type == Leave {
			continue
		}
		if !jp.usable {
			l.Unread = append(l.Unread, j.Ref.RowCell())
			continue
		}
		r := WorkRow{Job: i, TEER: jp.teer, InCanada: jp.inCanada, Hours: jp.hours}
		switch {
		case jr.NOCTitle != "":
			r.NOC = jr.NOC
		case jr.NOC2016:
			l.NOC2016 = append(l.NOC2016, j.Ref.Cell(FieldNOC))
		}
		if !jp.ledger {
			continue
		}
		for _, s := range jp.segs {
			if s, ok := s.clip(lo, hi); ok {
				r.segs = append(r.segs, s)
			}
		}
		if len(r.segs) > 0 {
			l.Rows = append(l.Rows, r)
		}
	}
	return l
}

// WeekHours returns the capped week-hours (hours × 7) of the rows keep
// selects over the days [from, to]: per day, the sum of their weekly hours
// capped at the weekly cap. It sweeps the rows' boundaries instead of
// walking the days.
func (l *WorkLedger) WeekHours(keep func(*WorkRow) bool, from, to Date) float64 {
	type edge struct {
		day   Date
		hours float64
	}
	edges := make([]edge, 0, 8)
	for i := range l.Rows {
		r := &l.Rows[i]
		if !keep(r) {
			continue
		}
		for _, s := range r.segs {
			if c, ok := s.clip(from, to); ok {
				edges = append(edges, edge{c.from, r.Hours}, edge{c.to + 1, -r.Hours})
			}
		}
	}
	slices.SortFunc(edges, func(a, b edge) int { return cmp.Compare(a.day, b.day) })
	var total, h float64
	for i, e := range edges {
		h += e.hours
		if h < eps {
			h = 0
		}
		if i+1 < len(edges) {
			total += min(h, l.Cap) * float64(edges[i+1].day-e.day)
		}
	}
	return total
}

// DailyPrefix returns the prefix sums over the days lo … l.Hi of the
// capped week-hours of the rows keep selects: p[i] sums the days before lo+i.
func (l *WorkLedger) DailyPrefix(keep func(*WorkRow) bool, lo Date) []float64 {
	n := int(l.Hi-lo) + 1
	diff := make([]float64, n+1)
	for i := range l.Rows {
		r := &l.Rows[i]
		if !keep(r) {
			continue
		}
		for _, s := range r.segs {
			if c, ok := s.clip(lo, l.Hi); ok {
				diff[int(c.from-lo)] += r.Hours
				diff[int(c.to-lo)+1] -= r.Hours
			}
		}
	}
	capPrefix(diff, l.Cap)
	return diff
}

// capPrefix turns a difference array of weekly hours (n days and one
// more) into the prefix sums of each day's hours capped at weekCap, in
// place: p[i] sums the days before i.
func capPrefix(p []float64, weekCap float64) {
	var h, sum float64
	n := len(p) - 1
	for i := 0; i < n; i++ {
		h += p[i]
		if h < eps { // the running sum may carry noise
			h = 0
		}
		p[i] = sum
		sum += min(h, weekCap)
	}
	p[n] = sum
}

// UnreadNote is the sentence naming the rows a count left out.
func (l *WorkLedger) UnreadNote() Text {
	if len(l.Unread) == 0 {
		return Text{}
	}
	return msg("Job rows with a data problem are not counted: %s.", strings.Join(l.Unread, ", "))
}

// FirstReach returns the first day F in [A, horizon] on which the rows keep
// selects hold target week-hours over [F − years, F), or 0.
func (l *WorkLedger) FirstReach(keep func(*WorkRow) bool, A, horizon Date, years int, target float64) Date {
	// Without work on or after A the window's hours only fall.
	future := false
	for i := range l.Rows {
		r := &l.Rows[i]
		future = future || (keep(r) && r.LastDay() >= A)
	}
	if !future {
		return 0
	}
	lo := A.AddYears(-years)
	p := l.DailyPrefix(keep, lo)
	at := func(d Date) float64 { return p[int(d-lo)] }
	for F := A; F <= horizon && F <= l.Hi+1; {
		ws := max(F.AddYears(-years), lo)
		h := at(F) - at(ws)
		if h >= target {
			return F
		}
		// A day adds at most one cap: no day sooner can reach the target.
		F += Date(max(1, int(math.Ceil((target-h)/l.Cap))))
	}
	return 0
}
