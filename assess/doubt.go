package assess

import (
	"strings"
)

// This file is the doubt model of the rule book (`cecbatch rules`,
// "Outcome-sensitive doubts"): every fact the intake leaves open and that
// may decide the outcome has a default and an alternative. The client is
// assessed under the defaults, once more per doubt present with that doubt
// alone switched (all its days at once), and once with every doubt whose
// default favours the client switched together (the combined scenario). A
// doubt is a concern when the objective outcome or eligible_from differs,
// or when its "always" condition holds; a doubt or the combined scenario
// that changes the objective outcome makes the client needs_review even
// when the defaults fail (verdict step 2).
//
// The scenarios share the day plan: a piece of a job's days carries the
// doubts its counting rests on, so a scenario is a mask and its hours on
// any day a sweep of the pieces' boundaries (windowTotals); no scenario
// re-reads a row or builds a ledger of its own, and only the doubts present
// are weighed.

// doubtSet is a set of doubts, one bit each.
type doubtSet uint16

const (
	dAuth  doubtSet = 1 << iota // W-AUTH-VERIFY: blank authorization, counted
	dMaint                      // W-MAINT-VERIFY: maintained days, counted
	dR186w                      // R186W-VERIFY: R186(w) days, counted
	dPhys                       // W-PHYS: a self-employed physician's days, counted
	dBreak                      // W-BREAK: days between full-time study rows, not counted
	dStudy                      // W-STUDY-VERIFY: study-permit days outside full-time study, not counted
	dHours                      // W-HOURS-VERIFY: more than 60 h/week, as entered
	dPlace                      // W-PLACE-VERIFY: a bare place name read as Canada
)

// favourable are the doubts whose default favours the client: switched
// together, they make the combined scenario.
const favourable = dAuth | dMaint | dR186w | dPhys | dHours | dPlace

// doubtCodes gives each doubt its rule id, in the order they are weighed.
var doubtCodes = [...]struct {
	bit  doubtSet
	code string
}{
	{dAuth, RuleAuthVerify}, {dMaint, RuleMaintVerify}, {dR186w, RuleR186wVerify}, {dPhys, RulePhysician},
	{dBreak, RuleBreak}, {dStudy, RuleStudyVerify}, {dHours, RuleHoursVerify}, {dPlace, RulePlaceVerify},
}

// countsIn reports whether the piece counts in scenario S: every doubt it
// rests on must let it count, a favourable one by not being switched, the
// others by being switched. W-HOURS-VERIFY changes a row's hours, not its
// days.
func (p piece) countsIn(S doubtSet) bool {
	d := p.doubts &^ dHours
	return d&favourable&S == 0 && d&^favourable&^S == 0
}

// Objective is the outcome of the objective requirements alone (hours,
// language, Quebec): data problems and concerns play no part.
type Objective string

const (
	ObjectiveMet   Objective = "met"
	ObjectiveMixed Objective = "mixed" // the L-MIXED readings disagree
	ObjectiveFails Objective = "fails"
)

// ScenarioOutcome is how the objective requirements stand on A in one
// scenario of the doubt model.
type ScenarioOutcome struct {
	Objective                       Objective
	Hours, HoursTEER01, HoursTEER23 float64
	RequiredCLB                     int
	// EligibleFrom is the first day from A on which the objective
	// requirements hold in the scenario; zero when none within the
	// projection, or when it was not needed (the outcome on A differs).
	EligibleFrom Date
}

// Doubt is one doubt of the doubt model present for the client.
type Doubt struct {
	Code string // W-AUTH-VERIFY, W-MAINT-VERIFY, …
	// Raised: a concern for the lawyer. Decides: it changes the objective
	// outcome, alone or in the combined scenario (verdict step 2).
	Raised, Decides bool
	// Why says why it was raised (empty when not).
	Why Text
	// DefaultText and AlternativeText name the two treatments ("counted",
	// "not counted", "as entered", "read as hours per month").
	DefaultText, AlternativeText Text
	Default, Alternative         ScenarioOutcome
	// Jobs are the job periods it rests on (indexes in Client.Jobs).
	Jobs []int
	// Expired is, for W-MAINT-VERIFY, the last day of the permit maintained:
	// the extension had to be applied for by then.
	Expired Date
}

// CombinedScenario is every favourable doubt switched together.
type CombinedScenario struct {
	Codes   []string
	Outcome ScenarioOutcome
	// Decides: the combined scenario changes the objective outcome.
	Decides bool
	// EligibleUntil, LapseCode and Lapse are its own projection, when the
	// scenario meets the objective requirements on A (zero otherwise);
	// DefaultUntil is the defaults' eligible_until beside it.
	EligibleUntil, DefaultUntil Date
	LapseCode                   string
	Lapse                       Text
}

// weighDoubts assesses the scenarios of the doubts present and writes
// their findings. st is the defaults' state on A; EligibleFrom is set.
func (e *engine) weighDoubts(st dayState) {
	present := e.presentDoubts()
	if present == 0 {
		return
	}
	as := e.as
	base := e.outcomeOf(st, as.EligibleFrom)
	states := map[doubtSet]dayState{}
	for _, dc := range doubtCodes {
		if present&dc.bit == 0 {
			continue
		}
		alt, altSt := e.scenario(dc.bit, st)
		states[dc.bit] = altSt
		d := Doubt{Code: dc.code, Default: base, Alternative: alt, Jobs: e.doubtJobs(dc.bit)}
		d.DefaultText, d.AlternativeText = e.treatments(dc.bit)
		switch {
		case altSt.class(e.quebec) != st.class(e.quebec):
			d.Decides, d.Why = true, msg("the outcome turns on it")
		case base.Objective == ObjectiveFails && alt.EligibleFrom != base.EligibleFrom:
			d.Why = msg("the date from which the client would be eligible turns on it")
		}
		d.Why = joinSome("; ", d.Why, e.always(dc.bit))
		d.Raised = !d.Why.IsZero()
		if dc.bit == dMaint {
			d.Expired = e.maintExpired()
		}
		as.Doubts = append(as.Doubts, d)
	}
	if C := present & favourable; C != 0 {
		// With one favourable doubt the combined scenario is that doubt's
		// own; it is kept for eligible_until.
		cs := &CombinedScenario{}
		cst, single := states[C]
		if single {
			for _, d := range as.Doubts {
				if e.bitOf(d.Code) == C {
					cs.Outcome, cs.Decides = d.Alternative, d.Decides
				}
			}
		} else {
			cs.Outcome, cst = e.scenario(C, st)
		}
		for k := range as.Doubts {
			if C&e.bitOf(as.Doubts[k].Code) != 0 {
				cs.Codes = append(cs.Codes, as.Doubts[k].Code)
			}
		}
		if !single && cst.class(e.quebec) != st.class(e.quebec) {
			cs.Decides = true
			for k := range as.Doubts {
				d := &as.Doubts[k]
				bit := e.bitOf(d.Code)
				if C&bit == 0 || !e.changesHours(bit, C, states[bit], st) {
					continue
				}
				if !d.Decides {
					d.Decides, d.Raised = true, true
					together := msg("together with %s it decides the outcome: with all of them switched, %s (%s h)",
						AndList(Plains(without(cs.Codes, d.Code))...), outcomePhrase(cs.Outcome, false, e.rs), Hours(cs.Outcome.Hours))
					d.Why = joinSome("; ", together, d.Why)
				}
			}
		}
		as.Combined = cs
	}
	for k := range as.Doubts {
		if as.Doubts[k].Decides {
			e.decides = true
		}
		e.doubtFindings(&as.Doubts[k])
	}
}

// presentDoubts are the doubts resting on some day of a counting job in
// the day array (the window and the projections).
func (e *engine) presentDoubts() doubtSet {
	var S doubtSet
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts {
			continue
		}
		for _, p := range jp.pieces {
			if p.s.to >= e.ws {
				S |= p.doubts
				if jp.doubts&dHours != 0 {
					S |= dHours
				}
			}
		}
	}
	if e.maintUnknown {
		S |= dMaint
	}
	return S
}

func (e *engine) bitOf(code string) doubtSet {
	for _, dc := range doubtCodes {
		if dc.code == code {
			return dc.bit
		}
	}
	return 0
}

// scenario assesses the objective requirements on A with the doubts S
// switched; when they fail there under both the defaults (st) and S, it
// projects S's eligible_from too.
func (e *engine) scenario(S doubtSet, st dayState) (ScenarioOutcome, dayState) {
	t := e.windowTotals(e.ws, e.A-1, S, false)
	alt := e.stateOf(t)
	if alt.both {
		alt = e.stateOf(e.windowTotals(e.ws, e.A-1, S, true))
	}
	var from Date
	switch {
	case alt.objective(e.quebec):
		from = e.A
	case !st.objective(e.quebec) && !e.quebec:
		from = e.projectFrom(e.inScenario(S))
	}
	return e.outcomeOf(alt, from), alt
}

// outcomeOf turns a day's state into a scenario's outcome.
func (e *engine) outcomeOf(st dayState, from Date) ScenarioOutcome {
	o := ScenarioOutcome{Hours: st.hours / 7, HoursTEER01: st.h01 / 7, HoursTEER23: st.h23 / 7, RequiredCLB: st.required, EligibleFrom: from}
	switch st.class(e.quebec) {
	case 0:
		o.Objective = ObjectiveMet
	case 1:
		o.Objective = ObjectiveMixed
	default:
		o.Objective = ObjectiveFails
	}
	return o
}

// changesHours reports whether the doubt bit, one of the combined scenario
// C, moves the hours on A: alone (alt), or as the last one switched.
func (e *engine) changesHours(bit, C doubtSet, alt, st dayState) bool {
	differ := func(a, b totals) bool {
		return abs(a.all-b.all) > eps || abs(a.g01-b.g01) > eps || abs(a.g23-b.g23) > eps
	}
	if abs(alt.hours-st.hours) > eps || abs(alt.h01-st.h01) > eps || abs(alt.h23-st.h23) > eps {
		return true
	}
	return differ(e.windowTotals(e.ws, e.A-1, C, false), e.windowTotals(e.ws, e.A-1, C&^bit, false))
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// doubtJobs lists the counting jobs a doubt rests on.
func (e *engine) doubtJobs(bit doubtSet) []int {
	var out []int
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts {
			continue
		}
		for _, p := range jp.pieces {
			if (p.doubts|jp.doubts)&bit != 0 && p.s.to >= e.ws {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// treatments names a doubt's default and alternative.
func (e *engine) treatments(bit doubtSet) (def, alt Text) {
	switch bit {
	case dBreak, dStudy:
		return msg("not counted"), msg("counted")
	case dHours:
		return msg("as entered"), msg("read as hours per month (÷ %s)", Num(e.rs.WeeksPerMonth))
	case dPlace:
		return msg("in Canada"), msg("outside Canada")
	}
	return msg("counted"), msg("not counted")
}

// always is the doubt's "concern also always when" condition, in a phrase,
// or empty when it does not hold.
func (e *engine) always(bit doubtSet) Text {
	c := e.c
	switch bit {
	case dAuth:
		switch c.Status {
		case StatusVisitor, StatusNone, StatusStudent, StatusRefugee:
			return msg("the client's status is recorded as %s, which does not itself authorize this work", c.Status.Text())
		}
	case dMaint:
		var why []Text
		for _, r := range e.maintRuns {
			if r.s.to >= e.A-1 && r.s.days() > e.rs.MaintainedRunDays {
				why = append(why, msg("maintained status has lasted %d days up to the assessment date (from %s), more than %d: a decision on the extension, possibly a refusal, has probably come", r.s.days(), r.s.from, e.rs.MaintainedRunDays))
				break
			}
		}
		if c.Status != StatusMaintained {
			for _, r := range e.maintRuns {
				if !r.resolved {
					why = append(why, msg("no new permit follows the maintained days of %s to %s and the client's status is recorded as %s: maintained status ended on a date the intake does not give", r.s.from, r.s.to, statusName(c.Status)))
					break
				}
			}
		}
		for i := range e.auth {
			if e.auth[i].unidentified {
				why = append(why, msg("the permit maintained cannot be told from the intake (no permit row's expiry, or the Status Expiry, identifies it)"))
				break
			}
		}
		if e.maintUnknown {
			why = append(why, msg("the status is recorded as maintained but no Status Expiry or Permit Expiry says which days rest on it"))
		}
		if c.Status == StatusMaintained && c.InCanada == No {
			why = append(why, msg("maintained status ends when the client leaves Canada (IRPR 183(5)), and the client is recorded as outside Canada"))
		}
		return Join("; ", why...)
	case dR186w:
		for _, r := range e.r186Runs {
			if !r.resolved {
				return msg("no permit row follows the R186(w) days of %s to %s: the work-permit application has no recorded outcome", r.s.from, r.s.to)
			}
		}
	case dPhys:
		return msg("the lawyer confirms the public policy's conditions, among them that the services were publicly funded")
	case dStudy:
		for i := range e.jobs {
			jp := &e.jobs[i]
			if !jp.counts || jp.doubts&dStudy == 0 {
				continue
			}
			for _, p := range jp.pieces {
				if w, ok := p.s.clip(p.s.from, e.A-1); ok {
					if in, _ := cutSpans([]span{w}, e.partStudy); len(in) > 0 {
						return msg("some of those days are days of part-time study (from %s): off-campus work while studying part-time is authorized only in the final session", in[0].from)
					}
				}
			}
		}
	}
	return Text{}
}

// statusName is the status in a sentence, "not given" when blank.
func statusName(s Status) Text {
	if s == StatusUnknown {
		return msg("not given")
	}
	return s.Text()
}

// maintExpired is the earliest last day of a permit maintained.
func (e *engine) maintExpired() Date {
	var d Date
	for i := range e.auth {
		if x := e.auth[i].expired; x != 0 && len(e.auth[i].maint) > 0 && (d == 0 || x < d) {
			d = x
		}
	}
	return d
}

// without is codes less one.
func without(codes []string, drop string) []string {
	var out []string
	for _, c := range codes {
		if c != drop {
			out = append(out, c)
		}
	}
	return out
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string { return JoinList(items, "and") }

// JoinList joins items with commas and conj before the last: "a, b or c".
func JoinList(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}
