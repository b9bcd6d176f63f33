package assess

import (
	"slices"
)

// This file is the work ledger's arithmetic: the capped daily credit of the
// days plan.go lets count in a scenario, kept as prefix sums over a day
// array that runs from the window's start to A + 3 years, so that the
// projections read any window in constant time; and sweeps of the counting
// spans' boundaries for the windows that lie before A.

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

// ledger holds prefix sums of the daily credit over a range of days:
// all[i] is the sum, over the days before lo+i, of each day's capped
// week-hours (all counting jobs); g01 and g23 count each TEER group alone,
// with the same cap; ratio[i] sums, per day, the capped share of the
// day's weekly hours (capped/uncapped), to split a day's credit among its
// jobs.
type ledger struct {
	lo                   Date
	n                    int
	scenario             doubtSet // the doubts switched (0: the defaults)
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

// build lays out the ledger of the n days from lo, over the days that
// count in scenario S (0: the defaults) of every counting job.
func (e *engine) build(lo Date, n int, S doubtSet) ledger {
	rs := e.rs
	l := ledger{lo: lo, n: n, scenario: S}
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
		hours := jp.hoursIn(S)
		for _, p := range jp.pieces {
			if !p.countsIn(S) {
				continue
			}
			s, ok := p.s.clip(lo, hi)
			if !ok {
				continue
			}
			a, b := int(s.from-lo), int(s.to-lo)+1
			all[a] += hours
			all[b] -= hours
			grp[a] += hours
			grp[b] -= hours
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
// anything in the projections of any scenario: both TEER groups have work
// that counts in some scenario, one
// of them in more than one occupation (else the busiest occupation of each
// group is the group, and (b) is (a)), and some test's level passes the
// lower threshold but not the higher (else every reading passes, or every
// one fails).
func (e *engine) occupationsMatter() bool {
	rs := e.rs
	var per [2]map[int]bool
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts || len(jp.pieces) == 0 {
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

// addOccupations adds to l the prefix sums of each occupation alone, in
// l's scenario.
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
		hours := jp.hoursIn(l.scenario)
		for _, p := range jp.pieces {
			if !p.countsIn(l.scenario) {
				continue
			}
			if s, ok := p.s.clip(l.lo, hi); ok {
				l.occ[jp.occ][int(s.from-l.lo)] += hours
				l.occ[jp.occ][int(s.to-l.lo)+1] -= hours
			}
		}
	}
	for _, p := range l.occ {
		capPrefix(p[:n+1], e.rs.WeeklyCap)
	}
}

// denoise clears the floating-point noise a running sum of weekly hours
// carries once the same hours were added and taken away.
func denoise(h float64) float64 {
	if h < eps {
		return 0
	}
	return h
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

// boundary is where a piece of a counting job's days starts (in) or ends
// (the day after it).
type boundary struct {
	day   Date
	job   int
	piece int32
	in    bool
}

// boundaries returns the starts and ends of every piece of every counting
// job, in order of day; they are sorted once per assessment and serve
// every scenario.
func (e *engine) boundaries() []boundary {
	if e.bounds != nil {
		return e.bounds
	}
	bs := make([]boundary, 0, 8)
	for i := range e.jobs {
		if jp := &e.jobs[i]; jp.counts {
			for k, p := range jp.pieces {
				bs = append(bs, boundary{p.s.from, i, int32(k), true}, boundary{p.s.to + 1, i, int32(k), false})
			}
		}
	}
	slices.SortFunc(bs, func(a, b boundary) int { return int(a.day - b.day) })
	e.bounds = bs
	return bs
}

// windowTotals counts the days from..to that count in scenario S, each
// occupation too when withOcc. It sweeps the boundaries of the pieces
// rather than the days, so it costs a few dozen steps whatever the window:
// hours_reached, the L-MIXED readings on A and every scenario of the
// doubt model on A use it.
func (e *engine) windowTotals(from, to Date, S doubtSet, withOcc bool) totals {
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
		jp := &e.jobs[x.job]
		if !jp.pieces[x.piece].countsIn(S) {
			continue
		}
		credit(prev, x.day)
		prev = x.day
		v := jp.hoursIn(S)
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
			ho[jp.occ] = denoise(ho[jp.occ])
		}
		h, h01, h23 = denoise(h), denoise(h01), denoise(h23)
	}
	credit(prev, to+1)
	return t
}
