package crs

import (
	"math"
	"slices"

	"github.com/cecbatch/cecbatch/assess"
)

// This file projects the days after A on which the estimate changes by
// itself: a birthday that changes the age points, a year of Canadian work
// reached (or lost as old work leaves the 10 years), a language test that
// expires. Each is the first of its kind within the projection, with
// everything else as on A, the way eligible_from is projected: ongoing
// jobs continue, no new test is taken.

// ScoreChange is a day on which the estimate changes by itself.
type ScoreChange struct {
	On assess.Date
	// Reason is "birthday", "canadian_work" or "test_expiry".
	Reason string
	// Min and Max are the estimate from On, everything else as on A.
	Min, Max int
	Text     assess.Text
}

// scoreChanges appends to x the first change of each kind after A, up to
// horizon, in date order.
func (g *Grid) scoreChanges(x *Estimate, c *assess.Client, d crsDomain, fx crsFixed, tests, spouseTests []langTest, l *assess.WorkLedger, rs *assess.RuleSet, horizon assess.Date) {
	A := x.AssessedOn
	now := fmtRange(x.Min, x.Max)
	add := func(on assess.Date, reason string, dd crsDomain, ff crsFixed, what assess.Text) {
		r := g.totalRange(&dd, &ff)
		if r.lo == x.Min && r.hi == x.Max {
			return
		}
		ch := ScoreChange{On: on, Reason: reason, Min: r.lo, Max: r.hi,
			Text: what.With(fmtRange(r.lo, r.hi), now)}
		i := len(x.Changes)
		for i > 0 && x.Changes[i-1].On > on {
			i--
		}
		x.Changes = append(x.Changes[:i], append([]ScoreChange{ch}, x.Changes[i:]...)...)
	}

	// The first birthday that changes the age points.
	if x.Age >= 0 {
		for k := 1; x.Age+k <= g.MaxAge()+1; k++ {
			age := x.Age + k
			on := c.DateOfBirth.AddYears(age)
			if completedYears(c.DateOfBirth, on) < age { // born 29 February
				on++
			}
			if on > horizon {
				break
			}
			changed := false
			for _, s := range d.scales {
				changed = changed || g.AgePoints(age, s) != g.AgePoints(x.Age, s)
			}
			if changed {
				dd := d
				a := min(max(age, g.MinAge), g.MaxAge())
				dd.ages = allAges[a : a+1]
				add(on, "birthday", dd, fx, msg("From %s the client is %d: the estimate becomes %s (%s now).", on, age))
				break
			}
		}
	}

	// The first day the whole years of Canadian work change.
	canadian := func(r *assess.WorkRow) bool { return r.InCanada && r.TEER <= rs.MaxTEER }
	if slices.ContainsFunc(l.Rows, func(r assess.WorkRow) bool { return canadian(&r) }) {
		// The whole years change only when the hours cross a multiple of a
		// year: a day adds at most one weekly cap and, as the window's start
		// moves on, takes away at most two (29 February): no day sooner can.
		top := len(g.CanadianWork) - 1
		year := g.HoursPerYear * 7 // in week-hours
		for F := A + 1; F <= horizon && F <= l.Hi+1; {
			h := l.WeekHours(canadian, max(F.AddYears(-g.WorkWindowYears), l.Lo), F-1)
			y := min(int((h/7+eps)/g.HoursPerYear), top)
			if y != x.CanadianWorkYears {
				ff := fx
				ff.cdnYears = y
				add(F, "canadian_work", d, ff, plural(y, "From %s the Canadian work in the %d years before is %s h, 1 year: the estimate becomes %s (%s now).",
					"From %[2]s the Canadian work in the %[3]d years before is %[4]s h, %[1]d years: the estimate becomes %[5]s (%[6]s now).", F, g.WorkWindowYears, assess.Hours(h/7)))
				break
			}
			up := float64(x.CanadianWorkYears+1)*year - h
			down := h - float64(x.CanadianWorkYears)*year
			if x.CanadianWorkYears >= top {
				up = math.Inf(1)
			}
			F += assess.Date(max(1, int(min(up/l.Cap, down/(2*l.Cap)))))
		}
	}

	// The first expiry of a test the estimate uses.
	var used []*langTest
	for _, s := range d.scales {
		first := func(l crsLang) int { return langPoints(l, func(col int) int { return g.FirstLanguage[col][s] }) }
		_, en := bestTest(tests, A, isEnglish, first)
		_, fr := bestTest(tests, A, isFrench, first)
		used = append(used, en, fr)
	}
	_, sp := bestTest(spouseTests, A, func(langTest) bool { return true }, g.spouseLangPoints)
	used = append(used, sp)
	var next *langTest
	for _, t := range used {
		if t != nil && (next == nil || t.expiry < next.expiry) {
			next = t
		}
	}
	if next != nil && next.expiry <= horizon {
		E := next.expiry
		ff := fx
		for _, s := range allScales {
			first := func(l crsLang) int { return langPoints(l, func(col int) int { return g.FirstLanguage[col][s] }) }
			ff.english[s], _ = bestTest(tests, E, isEnglish, first)
			ff.french[s], _ = bestTest(tests, E, isFrench, first)
		}
		ff.spouseLang, _ = bestTest(spouseTests, E, func(langTest) bool { return true }, g.spouseLangPoints)
		what := msg("From %s the %s is no longer valid: the estimate becomes %s (%s now).", E, assess.TestLabel(next.kind, next.taken))
		if next == sp {
			what = msg("From %s the spouse's %s is no longer valid: the estimate becomes %s (%s now).", E, assess.TestLabel(next.kind, next.taken))
		}
		add(E, "test_expiry", d, ff, what)
	}
}

// spouseLangPoints are a test's spouse language points.
func (g *Grid) spouseLangPoints(l crsLang) int {
	return langPoints(l, func(col int) int { return g.SpouseLanguage[col] })
}
