package assess

import (
	"sort"
	"sync"
)

// This file is the engine's frame: Assess, the findings list, ingest's
// problems and the verdict. The work ledger is in ledger.go, the language
// tests in language.go, the four requirements in requirements.go and the
// projections in projection.go.

// eps absorbs floating-point noise when week-hour sums are compared: the
// ledger sums weekly hours (exact for whole and half hours) and divides by
// 7 only when reporting, so 52 weeks at 30 h/week is exactly 1,560 h.
const eps = 1e-6

type engine struct {
	rs *RuleSet
	c  *Client
	as *Assessment

	A, ws Date // assessment date and window start
	lo    Date // first day of the job plans: the window's start, or an earlier job's (for hours_reached)
	// fromStart: no counting job has a day before lo, so a window that
	// starts before lo has the hours of the part from lo.
	fromStart bool
	last      Date // last day of the day array, which starts on ws
	horizon   Date // last candidate application date of the projections
	n         int  // days in the day array
	quebec    bool
	hasLeave  bool // a leave row was read: match employers (W-LEAVE)

	problemCells []string

	jobs []jobPlan
	auth []authPlan // by job: unauthorized and maintained days
	// The Study rows' days: full-time study, the breaks between full-time
	// rows (W-BREAK) and part-time study, within the day array.
	fullStudy, breaks, partStudy []span
	// maintRuns and r186Runs are the client's runs of maintained and of
	// R186(w) days up to A − 1; maintUnknown: the status is maintained but
	// no date tells which days rest on it.
	maintRuns, r186Runs []maintRun
	maintUnknown        bool
	// decides: a doubt, alone or in the combined scenario, changes the
	// objective outcome (verdict step 2).
	decides  bool
	bounds   []boundary   // see boundaries
	onA      totals       // the window ending A, by occupation, when both TEER groups have work
	occupied []occupation // the occupations of the counting jobs, for L-MIXED reading (b)
	tests    []testPlan
	badTests []int // the tests whose rows could not be read
	unread   unreadable

	main ledger // every counting day of every counting job

	// daily makes the projections scan every day (for tests).
	daily bool
}

// unreadable is what the rows that could not be read might still change.
type unreadable struct {
	jobs, tests, studies []string // the first problem cell of each unreadable row
	// addHours: an unreadable job could add hours (or unauthorized days,
	// or change the CLB required); removeHours: it could be a leave or a
	// full-time study, or a job whose type is not known, so it could take
	// hours away.
	addHours, removeHours bool
}

// anyJob reports whether an unreadable job row could change the hours, the
// group hours or the CLB required.
func (u *unreadable) anyJob() bool { return u.addHours || u.removeHours }

// Assess runs the CEC rules for c on A = c.ApplicationDate, else asOf, and
// returns the complete assessment: the verdict, every finding, the four
// requirements, the work ledger per job, the reading of every test and the
// projections. It never modifies c, and it is safe for concurrent use with
// the same RuleSet.
func (rs *RuleSet) Assess(c *Client, asOf Date) *Assessment {
	return rs.assess(c, asOf, false)
}

func (rs *RuleSet) assess(c *Client, asOf Date, daily bool) *Assessment {
	e := &engine{rs: rs, c: c, daily: daily}
	as := &Assessment{Client: c, RuleSet: rs.Name.String(), Rules: rs, LanguageCLB: -1, RunDate: asOf, Findings: make([]Finding, 0, 16)}
	e.as = as
	e.A = c.ApplicationDate
	if e.A == 0 {
		e.A = asOf
		as.FromAsOf = true
	}
	as.AssessedOn = e.A

	e.ingestProblems()
	if e.A == 0 {
		e.addData(c.Ref.Cell(FieldAppDate), rs.Citations[RuleHours],
			msg("There is no assessment date: the Application Date is blank and the run has no as-of date."), -1, -1)
		e.noDate()
		return as
	}

	e.ws = e.A.AddYears(-rs.WindowYears)
	e.horizon = e.A.AddYears(rs.ProjectionYears)
	e.last = e.horizon - 1
	as.WindowStart = e.ws
	e.quebec = isQuebec(rs, c.Province)

	e.readJobs(0)
	e.main = e.build(e.ws, e.n, 0)
	e.jobResults()
	e.readTests()
	e.unreadableRows()
	if e.occupationsMatter() {
		e.addOccupations(&e.main)
	}

	st := e.state(&e.main, e.A, e.ws)
	if st.both {
		// The readings on A are reported, so count the occupations exactly.
		e.onA = e.windowTotals(e.ws, e.A-1, 0, true)
		st = e.stateOf(e.onA)
	}
	as.QualifyingHours = st.hours / 7
	as.HoursTEER01 = st.h01 / 7
	as.HoursTEER23 = st.h23 / 7
	as.RequiredCLB = st.required
	as.LanguageCLB = st.level
	as.HoursReached = e.hoursReached(st)
	as.HoursUntil = e.hoursUntil(st)
	if !e.quebec {
		as.EligibleFrom = e.projectFrom(e.onLedger(&e.main))
		as.HoursFrom = e.hoursFrom(st)
	}

	e.ruleSetInForce()
	e.weighDoubts(st)
	as.Requirements = []Requirement{
		e.workRequirement(st),
		e.languageRequirement(st),
		e.provinceRequirement(),
		e.admissibilityRequirement(),
	}
	e.verdict(st)
	e.projectUntil(st)
	e.sortFindings()
	e.main.release()
	return as
}

// ruleSetInForce raises R-RULESET when A is before the rule set took
// effect: no rule set in force on A is encoded, and this one is applied
// for reference only.
func (e *engine) ruleSetInForce() {
	rs := e.rs
	if e.A >= rs.EffectiveFrom {
		return
	}
	e.add(Finding{Code: RuleRuleSet, Kind: KindConcern, Cell: e.c.Ref.Cell(FieldAppDate), Job: -1, Test: -1,
		Text: msg("The assessment date %s is before %s, when the earliest rule set encoded took effect: the rules in force on %s are not encoded, and these are applied for reference only (PTE Core, for one, was not accepted before %s).",
			e.A, rs.EffectiveFrom, e.A, rs.PTECoreFrom)})
}

// slabs recycles the day arrays: a batch assesses thousands of clients, and
// each needs some 70 KB of prefix sums that are dead once Assess returns.
var slabs = sync.Pool{New: func() any { return new([]float64) }}

// add appends a finding.
func (e *engine) add(f Finding) {
	if f.Citation.IsZero() && f.Code != CodeData {
		f.Citation = e.rs.Citations[f.Code]
	}
	e.as.Findings = append(e.as.Findings, f)
}

// addData appends a DATA finding about cell, on job period job and test
// test (-1 for none), unless ingest already reported a problem on that
// cell (one cell, one message).
func (e *engine) addData(cell string, citation, text Text, job, test int) {
	for _, pc := range e.problemCells {
		if cell != "" && pc == cell {
			return
		}
	}
	e.add(Finding{Code: CodeData, Kind: KindData, Text: text, Cell: cell, Citation: citation, Job: job, Test: test})
}

// ingestProblems turns the problems ingest found into DATA findings,
// attached to the job or test whose row they are on.
func (e *engine) ingestProblems() {
	c := e.c
	e.problemCells = make([]string, 0, len(c.Problems))
	for _, p := range c.Problems {
		f := Finding{Code: CodeData, Kind: KindData, Text: p.Message, Cell: p.Cell, Job: -1, Test: -1}
		for i := range c.Jobs {
			if _, ok := c.Jobs[i].Ref.Column(p.Cell); ok {
				f.Job = i
				f.Citation = e.rs.Citations[RuleHours]
				break
			}
		}
		if f.Job < 0 {
			for i := range c.Tests {
				if _, ok := c.Tests[i].Ref.Column(p.Cell); ok {
					f.Test = i
					f.Citation = e.rs.Citations[RuleLevel]
					break
				}
			}
		}
		if col, ok := c.Ref.Column(p.Cell); ok && col != "" {
			// A problem on the client's row: cite the rule the value serves.
			for field, code := range clientFieldRule {
				if c.Ref.Cols[field] == col {
					f.Citation = e.rs.Citations[code]
				}
			}
		}
		e.problemCells = append(e.problemCells, p.Cell)
		e.add(f)
	}
}

// clientFieldRule names the rule each Clients column serves, to cite on a
// data problem in that column. Identity columns serve no rule.
var clientFieldRule = map[string]string{
	FieldAppDate: RuleHours, FieldProvince: RuleProvince, FieldInCanada: RuleStatus,
	FieldStatus: RuleStatus, FieldStatusExpiry: RuleStatus, FieldAdmissibility: RuleAdmiss,
}

// rowProblem reports whether ingest found a problem on r's row that makes
// the row unusable: one in any column but the harmless ones.
func (e *engine) rowProblem(r Ref, harmless ...string) bool {
	for _, pc := range e.problemCells {
		col, ok := r.Column(pc)
		if !ok {
			continue
		}
		bad := true
		for _, f := range harmless {
			if col != "" && r.Cols[f] == col {
				bad = false
			}
		}
		if bad {
			return true
		}
	}
	return false
}

// problemIn reports whether ingest found a problem in one of fields' cells
// on r's row.
func (e *engine) problemIn(r Ref, fields ...string) bool {
	for _, pc := range e.problemCells {
		if col, ok := r.Column(pc); ok && col != "" {
			for _, f := range fields {
				if r.Cols[f] == col {
					return true
				}
			}
		}
	}
	return false
}

// verdict applies the rule book's order (`cecbatch rules`): data, a doubt
// that changes the objective outcome, objective failures, concerns.
func (e *engine) verdict(st dayState) {
	as := e.as
	has := func(k Kind) bool {
		for _, f := range as.Findings {
			if f.Kind == k {
				return true
			}
		}
		return false
	}
	switch {
	case has(KindData):
		as.Verdict = NeedsReview
	case e.decides:
		as.Verdict = NeedsReview
	case !st.objective(e.quebec):
		as.Verdict = NotEligible
	case has(KindConcern):
		as.Verdict = NeedsReview
	default:
		as.Verdict = Eligible
	}
}

var kindOrder = map[Kind]int{KindData: 0, KindFailure: 1, KindConcern: 2, KindExclusion: 3, KindNote: 4}

// sortFindings orders findings by kind (data, failures, concerns,
// exclusions, notes), keeping the engine's order within a kind.
func (e *engine) sortFindings() {
	f := e.as.Findings
	sort.SliceStable(f, func(i, j int) bool { return kindOrder[f[i].Kind] < kindOrder[f[j].Kind] })
}

// noDate completes an assessment that has no date to assess on.
func (e *engine) noDate() {
	as, rs := e.as, e.rs
	as.Verdict = NeedsReview
	as.Jobs = make([]JobResult, len(e.c.Jobs))
	for i := range as.Jobs {
		as.Jobs[i] = JobResult{Index: i, TEER: -1, Status: JobUnreadable}
	}
	as.Tests = make([]TestResult, len(e.c.Tests))
	for i := range as.Tests {
		as.Tests[i] = TestResult{Index: i, Why: msg("no assessment date")}
	}
	for _, key := range []string{ReqWork, ReqLanguage, ReqProvince, ReqAdmissibility} {
		as.Requirements = append(as.Requirements, Requirement{Key: key, Title: rs.Titles[key], Rule: rs.RequirementRules[key],
			Citation: rs.RequirementCitations[key], Outcome: NotAssessed, Facts: msg("No assessment date."),
			Finding: msg("Not assessed until the data is fixed: there is no assessment date.")})
	}
	e.sortFindings()
}
