package assess

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// eps absorbs floating-point noise when week-hour sums are compared: the
// ledger sums weekly hours (exact for whole and half hours) and divides by
// 7 only when reporting, so 52 weeks at 30 h/week is exactly 1,560 h.
const eps = 1e-6

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

// jobPlan is the engine's working reading of one job period.
type jobPlan struct {
	usable   bool
	counts   bool     // no rule excludes the whole period
	excluded []string // the rules that exclude the whole period
	teer     int
	hours    float64
	whole    span   // start to effective end, clipped to the day array
	segs     []span // counting days: whole minus full-time study days
	study    []span // full-time study days inside whole
}

// testPlan is a usable accepted test for the projections.
type testPlan struct {
	taken, expiry Date // valid on F when taken <= F < expiry
	level         int
}

// dayState is what the objective requirements look like on one candidate
// application date.
type dayState struct {
	hours, h01, h23 float64 // week-hours (hours × 7) in the window
	hoursOK         bool
	required        int // 0, or the CLB the work needs
	level           int // best valid test's level, -1 with none
	langOK          bool
	mixed           bool // the L-MIXED review case
}

type engine struct {
	rs *RuleSet
	c  *Client
	as *Assessment

	A, ws   Date // assessment date and window start
	last    Date // last day of the day array
	horizon Date // last candidate application date of the projections
	n       int

	problemCells []string

	jobs  []jobPlan
	tests []testPlan

	// Prefix sums over the day array: cum*[i] is the sum over days before
	// ws+i of each day's capped weekly hours (all counting jobs, TEER 0/1
	// alone, TEER 2/3 alone); ratio[i] sums, per day, the capped share of
	// the day's weekly hours (capped/uncapped), to split a day's credit
	// among its jobs.
	cumAll, cum01, cum23, ratio []float64
	slab                        *[]float64 // from slabs; backs the four arrays

	// daily makes the projections scan every day (for tests).
	daily bool
}

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
	as := &Assessment{Client: c, RuleSet: rs.Name, Rules: rs, LanguageCLB: -1, Findings: make([]Finding, 0, 16)}
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
			"There is no assessment date: the Application Date is blank and the run has no as-of date.", -1, -1)
		e.noDate()
		return as
	}

	e.ws = e.A.AddYears(-rs.WindowYears)
	e.horizon = e.A.AddYears(rs.ProjectionYears)
	e.last = e.horizon - 1
	e.n = int(e.horizon - e.ws)
	as.WindowStart = e.ws

	studies := e.readStudies()
	e.readJobs(studies)
	e.ledger()
	e.jobResults()
	e.readTests()

	st := e.state(e.A, e.ws)
	as.QualifyingHours = st.hours / 7
	as.HoursTEER01 = st.h01 / 7
	as.HoursTEER23 = st.h23 / 7
	as.RequiredCLB = st.required
	as.LanguageCLB = st.level
	as.HoursReached = e.hoursReached()

	quebec := strings.EqualFold(strings.TrimSpace(c.Province), rs.QuebecCode)
	e.requirements(st, quebec)
	e.verdict(st, quebec)
	e.project(quebec)
	e.sortFindings()
	slabs.Put(e.slab)
	return as
}

// slabs recycles the day arrays: a batch assesses thousands of clients, and
// each needs about 70 KB of prefix sums that are dead once Assess returns.
var slabs = sync.Pool{New: func() any { return new([]float64) }}

// add appends a finding.
func (e *engine) add(f Finding) {
	if f.Citation == "" && f.Code != CodeData {
		f.Citation = e.rs.Citations[f.Code]
	}
	e.as.Findings = append(e.as.Findings, f)
}

// addData appends a DATA finding about cell, on job period job and test
// test (-1 for none), unless ingest already reported a problem on that
// cell (one cell, one message).
func (e *engine) addData(cell, citation, text string, job, test int) {
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
// the row unusable: one in any column but the descriptive ones.
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
		if sp, ok := (span{s.Start, end}).clip(e.ws, e.last); ok {
			out = append(out, sp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].from < out[j].from })
	merged := out[:0]
	for _, s := range out {
		if k := len(merged) - 1; k >= 0 && s.from <= merged[k].to+1 {
			if s.to > merged[k].to {
				merged[k].to = s.to
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// jobLabel names a job period in a sentence: "Acme (Developer, NOC 21231)".
func jobLabel(j *Job) string {
	name := strings.TrimSpace(j.Employer)
	if name == "" {
		name = "an unnamed employer"
	}
	var extra []string
	if t := strings.TrimSpace(j.Title); t != "" {
		extra = append(extra, t)
	}
	if n := strings.TrimSpace(j.NOC); n != "" {
		extra = append(extra, "NOC "+nocCanonical(n))
	}
	if len(extra) > 0 {
		name += " (" + strings.Join(extra, ", ") + ")"
	}
	return name
}

func knownType(t EmploymentType) bool {
	switch t {
	case "", Employee, SelfEmployed, Volunteer, Unpaid:
		return true
	}
	return false
}

func knownAuth(a Authorization) bool {
	switch a {
	case AuthUnknown, AuthOpenPermit, AuthEmployerSpecific, AuthPGWP, AuthMaintained,
		AuthPermitExempt, AuthStudyPermit, AuthNone:
		return true
	}
	return false
}

// readJobs checks every job row, works out its TEER and its counting days.
func (e *engine) readJobs(studies []span) {
	c, rs := e.c, e.rs
	e.jobs = make([]jobPlan, len(c.Jobs))
	e.as.Jobs = make([]JobResult, len(c.Jobs))
	cite := rs.Citations[RuleHours]

	// An ongoing job continues past A in the projections, but a worker's
	// (or maintained worker's) jobs stop when the status expires.
	stop := e.last
	if (c.Status == StatusWorker || c.Status == StatusMaintained) && c.StatusExpiry != 0 {
		stop = max(min(stop, c.StatusExpiry), e.A-1)
	}

	for i := range c.Jobs {
		j := &c.Jobs[i]
		jp := &e.jobs[i]
		jr := &e.as.Jobs[i]
		jr.Index = i
		jr.TEER = -1
		jp.hours = j.HoursPerWeek
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
				msg += " by IRCC's mapping of NOC 2016 skill levels (some skill level C jobs became TEER 3 in NOC 2021)"
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

		if j.Start == 0 {
			e.addData(j.Ref.Cell(FieldStart), cite, fmt.Sprintf("The start date of %s is blank or unreadable.", jobLabel(j)), i, -1)
			usable = false
		} else if j.End != 0 && j.End < j.Start {
			e.addData(j.Ref.Cell(FieldEnd), cite, fmt.Sprintf("The end date %s of %s is before its start date %s.", j.End, jobLabel(j), j.Start), i, -1)
			usable = false
		}
		if !(j.HoursPerWeek > 0 && j.HoursPerWeek <= 168) {
			e.addData(j.Ref.Cell(FieldHours), cite, fmt.Sprintf("The hours per week of %s (%s) must be a number above 0 and at most 168.", jobLabel(j), fmtNum(j.HoursPerWeek)), i, -1)
			usable = false
		}
		if !knownType(j.Type) {
			e.addData(j.Ref.Cell(FieldType), cite, fmt.Sprintf("The employment type %q of %s is not one of employee, self-employed, volunteer, unpaid.", j.Type, jobLabel(j)), i, -1)
			usable = false
		}
		if !knownAuth(j.Authorization) {
			e.addData(j.Ref.Cell(FieldAuthorization), cite, fmt.Sprintf("The work authorization %q of %s is not a known authorization.", j.Authorization, jobLabel(j)), i, -1)
			usable = false
		}
		if !usable {
			jr.Status = JobUnreadable
			continue
		}
		jp.usable = true
		jp.teer = jr.TEER
		end := j.End
		if end == 0 {
			end = max(stop, j.Start-1)
		}
		whole, ok := (span{j.Start, end}).clip(e.ws, e.last)
		if !ok {
			continue // no day in the day array: outside the window and the projections
		}
		jp.whole = whole
		jp.excluded = e.wholeExclusions(j, jr.TEER)
		jp.counts = len(jp.excluded) == 0
		if !jp.counts {
			continue
		}
		// Counting days: the period minus the days of full-time study.
		from := whole.from
		for _, s := range studies {
			if s.to < from || s.from > whole.to {
				continue
			}
			if s.from > from {
				jp.segs = append(jp.segs, span{from, s.from - 1})
			}
			ov, _ := s.clip(from, whole.to)
			jp.study = append(jp.study, ov)
			from = s.to + 1
		}
		if from <= whole.to {
			jp.segs = append(jp.segs, span{from, whole.to})
		}
	}
}

// wholeExclusions lists the rules that exclude a job period as a whole.
func (e *engine) wholeExclusions(j *Job, teer int) []string {
	var codes []string
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
		codes = append(codes, RuleSelf)
	}
	switch j.Authorization {
	case AuthNone:
		codes = append(codes, RuleAuth)
	case AuthStudyPermit:
		codes = append(codes, RuleStudent)
	}
	return codes
}

// ledger builds the prefix sums of the daily-credit method over the whole
// day array [A − 3 years, A + 3 years).
func (e *engine) ledger() {
	n := e.n
	e.slab = slabs.Get().(*[]float64)
	if cap(*e.slab) < 4*(n+1) {
		*e.slab = make([]float64, 4*(n+1))
	}
	slab := (*e.slab)[:4*(n+1)]
	clear(slab)
	all, g01, g23, ratio := slab[:n+1], slab[n+1:2*(n+1)], slab[2*(n+1):3*(n+1)], slab[3*(n+1):]
	for i := range e.jobs {
		jp := &e.jobs[i]
		if !jp.counts {
			continue
		}
		grp := g23
		if jp.teer <= e.rs.HighSkillMaxTEER {
			grp = g01
		}
		for _, s := range jp.segs {
			a, b := int(s.from-e.ws), int(s.to-e.ws)+1
			all[a] += jp.hours
			all[b] -= jp.hours
			grp[a] += jp.hours
			grp[b] -= jp.hours
		}
	}
	// Turn the difference arrays into prefix sums of the capped daily
	// week-hours, in place.
	weekCap := e.rs.WeeklyCap
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
	e.cumAll, e.cum01, e.cum23, e.ratio = all, g01, g23, ratio
}

// hoursReached is the day in the window on which the running total from
// the window's start first reached the required hours.
func (e *engine) hoursReached() Date {
	target := e.rs.RequiredHours*7 - eps
	end := int(e.A - e.ws)
	if e.cumAll[end] < target {
		return 0
	}
	// cumAll is non-decreasing: binary search the first day whose total,
	// that day included, reaches the target.
	i := sort.Search(end, func(i int) bool { return e.cumAll[i+1] >= target })
	return e.ws + Date(i)
}

// sum returns the prefix-sum difference of p over days [from, to].
func (e *engine) sum(p []float64, s span) float64 {
	return p[int(s.to-e.ws)+1] - p[int(s.from-e.ws)]
}

// jobResults fills each job's hours, status and exclusions for the window.
func (e *engine) jobResults() {
	c, rs := e.c, e.rs
	win := span{e.ws, e.A - 1}
	for i := range e.jobs {
		jp, jr, j := &e.jobs[i], &e.as.Jobs[i], &c.Jobs[i]
		if !jp.usable {
			continue
		}
		ww, inWin := jp.whole.clip(win.from, win.to)
		if jp.whole.from == 0 || !inWin {
			jr.Status = JobOutside
			e.outsideNote(i, j)
			continue
		}
		if !jp.counts {
			jr.Status = JobExcluded
			for _, code := range jp.excluded {
				e.exclude(i, code, ww, e.exclusionReason(code, j, jr.TEER))
			}
			e.notes(i, j, jr)
			continue
		}
		counted := 0
		for _, s := range jp.segs {
			if w, ok := s.clip(win.from, win.to); ok {
				counted += w.days()
				jr.Credited += e.sum(e.ratio, w)
			}
		}
		jr.Credited *= jp.hours / 7
		jr.Uncapped = jp.hours / 7 * float64(counted)
		for _, s := range jp.study {
			if w, ok := s.clip(win.from, win.to); ok {
				e.exclude(i, RuleStudent, w, "the client was in full-time study on these days (Study sheet)")
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
		e.notes(i, j, jr)
		if jr.Credited < jr.Uncapped-eps {
			from := max(j.Start, e.ws)
			var text string
			if j.HoursPerWeek > rs.WeeklyCap {
				text = fmt.Sprintf("Hours above %s a week are not counted: %s h/week at %s from %s credited as %s.",
					fmtNum(rs.WeeklyCap), fmtNum(j.HoursPerWeek), strings.TrimSpace(j.Employer), from, fmtNum(rs.WeeklyCap))
			} else {
				text = fmt.Sprintf("Hours above %s a week are not counted: %s h/week at %s from %s overlap other counted work, and all jobs together count for at most %s h/week, so this period is credited %s h of its %s h.",
					fmtNum(rs.WeeklyCap), fmtNum(j.HoursPerWeek), strings.TrimSpace(j.Employer), from, fmtNum(rs.WeeklyCap), fmtHours(jr.Credited), fmtHours(jr.Uncapped))
			}
			e.add(Finding{Code: RuleHours, Kind: KindNote, Text: text, Cell: j.Ref.Cell(FieldHours), Job: i, Test: -1})
		}
	}
}

// notes adds the disclosed interpretations about a job that is in the
// window: a NOC 2016 code, a blank authorization.
func (e *engine) notes(i int, j *Job, jr *JobResult) {
	if jr.NOC2016 {
		e.add(Finding{Code: RuleNOC2016, Kind: KindNote, Cell: j.Ref.Cell(FieldNOC), Job: i, Test: -1,
			Text: fmt.Sprintf("NOC %s of %s is a NOC 2016 code; it is read by its skill level as TEER %d. Give the NOC 2021 code to confirm: some occupations changed TEER in 2021.",
				nocCanonical(j.NOC), strings.TrimSpace(j.Employer), jr.TEER)})
	}
	if j.Authorization == AuthUnknown && jr.Status != JobExcluded {
		e.add(Finding{Code: RuleAuth, Kind: KindNote, Cell: j.Ref.Cell(FieldAuthorization), Job: i, Test: -1,
			Text: fmt.Sprintf("The work authorization of %s is blank; the period is counted. Verify the permit or status that authorized this work.", jobLabel(j))})
	}
}

func (e *engine) outsideNote(i int, j *Job) {
	var text string
	if j.Start >= e.A {
		text = fmt.Sprintf("%s starts on %s, on or after the assessment date %s: it does not count now and is taken into account only in the projections.", jobLabel(j), j.Start, e.A)
	} else {
		period := fmt.Sprintf("%s to %s", j.Start, j.End)
		if j.End == 0 {
			period = fmt.Sprintf("from %s, ongoing, stopped by the status expiry %s", j.Start, e.c.StatusExpiry)
		}
		text = fmt.Sprintf("%s (%s) has no day in the %d-year window from %s to %s, so it does not count.", jobLabel(j), period, e.rs.WindowYears, e.ws, e.A-1)
	}
	e.add(Finding{Code: RuleHours, Kind: KindNote, Text: text, Cell: e.c.Jobs[i].Ref.RowCell(), Job: i, Test: -1})
}

func (e *engine) exclusionReason(code string, j *Job, teer int) string {
	switch code {
	case RuleSkill:
		return fmt.Sprintf("the occupation is TEER %d; only NOC 2021 TEER 0, 1, 2 or 3 counts", teer)
	case RuleCanada:
		return fmt.Sprintf("the work was done outside Canada (%s); only work in Canada counts", strings.TrimSpace(j.Location))
	case RulePaid:
		return fmt.Sprintf("the work was %s; only paid work counts", j.Type)
	case RuleSelf:
		return "self-employment does not count (an independent contractor is self-employed)"
	case RuleAuth:
		return "the work was done without work authorization"
	case RuleStudent:
		return "work under a study permit (co-op or off-campus work) does not count"
	}
	return code
}

var exclusionField = map[string]string{
	RuleSkill: FieldNOC, RuleCanada: FieldLocation, RulePaid: FieldType, RuleSelf: FieldType,
	RuleAuth: FieldAuthorization, RuleStudent: FieldAuthorization,
}

// exclude records an excluded span of job i and its finding.
func (e *engine) exclude(i int, code string, s span, reason string) {
	j := &e.c.Jobs[i]
	jr := &e.as.Jobs[i]
	jr.Exclusions = append(jr.Exclusions, Exclusion{Code: code, From: s.from, To: s.to, Days: s.days(), Reason: reason})
	cell := j.Ref.Cell(exclusionField[code])
	if code == RuleStudent && j.Authorization != AuthStudyPermit {
		cell = j.Ref.RowCell()
	}
	e.add(Finding{Code: code, Kind: KindExclusion, Cell: cell, Job: i, Test: -1,
		Text: fmt.Sprintf("Work at %s from %s to %s (%d days in the window) is not counted: %s.", jobLabel(j), s.from, s.to, s.days(), reason)})
}

// readTests reads every test: kind, acceptance, scores, levels, validity.
func (e *engine) readTests() {
	c, rs := e.c, e.rs
	e.as.Tests = make([]TestResult, len(c.Tests))
	cite := rs.Citations[RuleLevel]
	best := -1
	for i := range c.Tests {
		t := &c.Tests[i]
		tr := &e.as.Tests[i]
		tr.Index = i
		usable := !e.rowProblem(t.Ref)
		kind := t.Kind
		if kind == TestUnknown {
			k, ok := ParseTestKind(t.Name)
			if !ok {
				e.addData(t.Ref.Cell(FieldTest), cite, fmt.Sprintf("The test name %q is not a known test: write IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada, or the name of the test taken.", t.Name), -1, i)
				tr.Why = "unknown test"
				continue
			}
			kind = k
		}
		tr.Kind = kind
		label := testLabel(kind, t.Date)
		if t.Date == 0 {
			e.addData(t.Ref.Cell(FieldTestDate), cite, fmt.Sprintf("The date of the %s test is blank or unreadable.", kind), -1, i)
			tr.Why = "no test date"
			continue
		}
		tr.ValidUntil = t.Date.AddYears(rs.TestValidityYears) - 1
		if r := rs.Refusal(kind, t.Date); r != "" {
			tr.Refused = r
			tr.Why = "not accepted"
			e.add(Finding{Code: RuleTest, Kind: KindNote, Cell: t.Ref.Cell(FieldTest), Job: -1, Test: i,
				Text: fmt.Sprintf("The %s is not used: %s.", label, r)})
			continue
		}
		tr.Accepted = true
		for _, a := range Abilities {
			if err := rs.ValidateScore(kind, t.Date, a, t.Scores[a]); err != nil {
				e.addData(t.Ref.Cell(abilityField[a]), cite, fmt.Sprintf("%s: %s.", upperFirst(label), err), -1, i)
				usable = false
				continue
			}
			if t.Scores[a].Label == "" {
				tr.CLB[a] = rs.Table(kind, t.Date).Level(a, t.Scores[a].Value)
			}
		}
		tr.Level = min(tr.CLB[0], tr.CLB[1], tr.CLB[2], tr.CLB[3])
		if !usable {
			tr.Why = "data problem on its row"
			tr.Level, tr.CLB = 0, [4]int{}
			continue
		}
		expiry := tr.ValidUntil + 1
		e.tests = append(e.tests, testPlan{taken: t.Date, expiry: expiry, level: tr.Level})
		switch {
		case t.Date > e.A:
			tr.Why = fmt.Sprintf("taken after the assessment date %s", e.A)
			e.add(Finding{Code: RuleValid, Kind: KindNote, Cell: t.Ref.Cell(FieldTestDate), Job: -1, Test: i,
				Text: fmt.Sprintf("The %s was taken after the assessment date %s, so it is not used now; the projections use it from its date.", label, e.A)})
		case e.A >= expiry:
			tr.Why = fmt.Sprintf("expired: valid until %s", tr.ValidUntil)
			e.add(Finding{Code: RuleValid, Kind: KindNote, Cell: t.Ref.Cell(FieldTestDate), Job: -1, Test: i,
				Text: fmt.Sprintf("The %s is no longer valid: results may be used until %s, %s years after the test, and the assessment date is %s.", label, tr.ValidUntil, spell(rs.TestValidityYears), e.A)})
		default:
			tr.Valid = true
			if best < 0 || tr.Level > e.as.Tests[best].Level ||
				(tr.Level == e.as.Tests[best].Level && tr.ValidUntil > e.as.Tests[best].ValidUntil) {
				best = i
			}
		}
	}
	if best >= 0 {
		tb := &e.as.Tests[best]
		tb.Best = true
		t := &c.Tests[best]
		lowest := Listening
		parts := make([]string, 4)
		for _, a := range Abilities {
			parts[a] = fmt.Sprintf("%s %s (%s)", a, t.Scores[a], clbName(tb.Kind, tb.CLB[a]))
			if tb.CLB[a] < tb.CLB[lowest] {
				lowest = a
			}
		}
		e.add(Finding{Code: RuleLevel, Kind: KindNote, Cell: t.Ref.RowCell(), Job: -1, Test: best,
			Text: fmt.Sprintf("The best valid test is the %s, valid until %s: %s. A test's level is its lowest ability: %s, %s.",
				testLabel(tb.Kind, t.Date), tb.ValidUntil, strings.Join(parts, ", "), clbName(tb.Kind, tb.Level), lowest)})
	}
}

// testLabel names a test sitting: "IELTS General Training test of 2024-03-01".
func testLabel(kind TestKind, d Date) string {
	if d == 0 {
		return string(kind) + " test"
	}
	return fmt.Sprintf("%s test of %s", kind, d)
}

// clbName prints a level as CLB or NCLC, "below CLB 4" for 0.
func clbName(kind TestKind, level int) string {
	scale := "CLB"
	if kind.French() {
		scale = "NCLC"
	}
	if level <= 0 {
		return "below " + scale + " 4"
	}
	return fmt.Sprintf("%s %d", scale, level)
}

// state evaluates the objective requirements for an application on F,
// whose window starts on wsF. It reads only the prefix sums and the test
// plans, so the projections call it for every candidate day.
func (e *engine) state(F, wsF Date) dayState {
	rs := e.rs
	hi, lo := int(F-e.ws), int(wsF-e.ws)
	st := dayState{
		hours: e.cumAll[hi] - e.cumAll[lo],
		h01:   e.cum01[hi] - e.cum01[lo],
		h23:   e.cum23[hi] - e.cum23[lo],
		level: -1,
	}
	target := rs.RequiredHours*7 - eps
	st.hoursOK = st.hours >= target
	if st.hours > eps {
		st.required = rs.CLBSkilled
		if st.h01 >= st.h23-eps {
			st.required = rs.CLBHighSkill
		}
	}
	for _, tp := range e.tests {
		if tp.taken <= F && F < tp.expiry && tp.level > st.level {
			st.level = tp.level
		}
	}
	need := st.required
	if need == 0 {
		need = rs.CLBSkilled
	}
	st.langOK = st.level >= need
	st.mixed = !st.langOK && st.required == rs.CLBHighSkill && st.h23 > eps && st.h01 > eps &&
		st.level >= rs.CLBSkilled && st.h23 >= target
	return st
}

// holds reports whether every objective requirement holds (an L-MIXED
// case is a concern, not a failure, as in the verdict).
func (st dayState) holds() bool { return st.hoursOK && (st.langOK || st.mixed) }

// requirements writes the four requirements and their findings.
func (e *engine) requirements(st dayState, quebec bool) {
	c, rs, as := e.c, e.rs, e.as
	req := func(key string) Requirement {
		return Requirement{Key: key, Title: rs.Titles[key], Rule: rs.RequirementRules[key], Citation: rs.RequirementCitations[key]}
	}

	// Work.
	w := req(ReqWork)
	counted := 0
	for _, jr := range as.Jobs {
		if jr.Credited > 0 {
			counted++
		}
	}
	w.Facts = fmt.Sprintf("%d job period(s) recorded, %d counted. Qualifying hours in the window %s to %s: %s h (TEER 0/1: %s h; TEER 2/3: %s h).",
		len(c.Jobs), counted, e.ws, e.A-1, fmtHours(as.QualifyingHours), fmtHours(as.HoursTEER01), fmtHours(as.HoursTEER23))
	if st.hoursOK {
		w.Outcome = Met
		w.Finding = fmt.Sprintf("Met: %s qualifying hours; the required %s hours were reached on %s.", fmtHours(as.QualifyingHours), fmtQty(rs.RequiredHours), as.HoursReached)
	} else {
		w.Outcome = NotMet
		short := rs.RequiredHours - as.QualifyingHours
		w.Finding = fmt.Sprintf("Not met: %s qualifying hours, %s short of the required %s.", fmtHours(as.QualifyingHours), fmtHours(short), fmtQty(rs.RequiredHours))
		e.add(Finding{Code: RuleHours, Kind: KindFailure, Job: -1, Test: -1,
			Text: fmt.Sprintf("Only %s qualifying hours in the %d-year window %s to %s; %s are required (%s short).",
				fmtHours(as.QualifyingHours), rs.WindowYears, e.ws, e.A-1, fmtQty(rs.RequiredHours), fmtHours(short))})
	}

	// Language.
	l := req(ReqLanguage)
	var bestTest *Test
	bestKind := TestUnknown
	for i := range as.Tests {
		if as.Tests[i].Best {
			bestTest, bestKind = &c.Tests[i], as.Tests[i].Kind
		}
	}
	need := st.required
	if bestTest != nil {
		l.Facts = fmt.Sprintf("Best valid accepted test: the %s, %s (lowest of the four abilities).", testLabel(bestKind, bestTest.Date), clbName(bestKind, st.level))
	} else {
		l.Facts = fmt.Sprintf("%d test(s) recorded; none is an accepted test valid on %s.", len(c.Tests), e.A)
	}
	switch st.required {
	case rs.CLBHighSkill:
		l.Facts += fmt.Sprintf(" The counted work needs CLB %d: its TEER 0/1 hours (%s h) are at least its TEER 2/3 hours (%s h).", st.required, fmtHours(as.HoursTEER01), fmtHours(as.HoursTEER23))
	case rs.CLBSkilled:
		l.Facts += fmt.Sprintf(" The counted work needs CLB %d: its TEER 2/3 hours (%s h) are more than its TEER 0/1 hours (%s h).", st.required, fmtHours(as.HoursTEER23), fmtHours(as.HoursTEER01))
	default:
		need = rs.CLBSkilled
		l.Facts += fmt.Sprintf(" With no qualifying work the level needed is not set; CLB %d is the lowest any CEC work needs.", rs.CLBSkilled)
	}
	if st.h01 > eps && st.h23 > eps && !st.mixed {
		e.add(Finding{Code: RuleMixed, Kind: KindNote, Job: -1, Test: -1,
			Text: fmt.Sprintf("The client has experience in both groups (%s h TEER 0/1, %s h TEER 2/3): the group with more hours sets the level, here CLB %d (IRCC memo REP-2015-2027; a tie requires CLB %d).",
				fmtHours(as.HoursTEER01), fmtHours(as.HoursTEER23), st.required, rs.CLBHighSkill)})
	}
	switch {
	case st.langOK:
		l.Outcome = Met
		l.Finding = fmt.Sprintf("Met: %s meets the CLB %d required.", clbName(bestKind, st.level), need)
	case st.mixed:
		l.Outcome = Concern
		l.Finding = fmt.Sprintf("For the lawyer: CLB %d is below the CLB %d the larger TEER 0/1 experience needs, but the TEER 2/3 hours alone reach %s and need only CLB %d.", st.level, rs.CLBHighSkill, fmtQty(rs.RequiredHours), rs.CLBSkilled)
		e.add(Finding{Code: RuleMixed, Kind: KindConcern, Job: -1, Test: -1,
			Text: fmt.Sprintf("Experience in both groups, more in TEER 0/1 (%s h against %s h TEER 2/3), so CLB %d is required and the client has CLB %d; the TEER 2/3 hours alone reach %s and would need only CLB %d. Whether the client may rely on the TEER 2/3 experience alone is unsettled.",
				fmtHours(as.HoursTEER01), fmtHours(as.HoursTEER23), rs.CLBHighSkill, st.level, fmtQty(rs.RequiredHours), rs.CLBSkilled)})
	default:
		l.Outcome = NotMet
		code, text := e.languageFailure(st, need, bestTest, bestKind)
		l.Finding = "Not met: " + lowerFirst(text)
		e.add(Finding{Code: code, Kind: KindFailure, Job: -1, Test: -1, Text: text})
	}

	// Province.
	p := req(ReqProvince)
	prov := strings.ToUpper(strings.TrimSpace(c.Province))
	p.Facts = "Intended province: " + prov + "."
	switch {
	case quebec:
		p.Outcome = NotMet
		p.Finding = "Not met: the client intends to live in Quebec."
		e.add(Finding{Code: RuleProvince, Kind: KindFailure, Cell: c.Ref.Cell(FieldProvince), Job: -1, Test: -1,
			Text: "The client intends to live in Quebec (QC); the Canadian Experience Class requires an intention to live outside Quebec. Consider the Quebec Experience Program (PEQ) instead."})
	case prov == "":
		p.Outcome = Concern
		p.Facts = "The intended province is blank."
		p.Finding = "Not known: the intended province must be given."
		e.addData(c.Ref.Cell(FieldProvince), rs.Citations[RuleProvince], "The intended province is blank: give the province or territory where the client intends to live.", -1, -1)
	case !slices.Contains(rs.Provinces, prov):
		p.Outcome = Concern
		p.Finding = "Not known: the intended province could not be read."
		e.addData(c.Ref.Cell(FieldProvince), rs.Citations[RuleProvince], fmt.Sprintf("The intended province %q is not a province or territory code.", c.Province), -1, -1)
	default:
		p.Outcome = Met
		p.Finding = "Met: the client intends to live outside Quebec."
	}

	// Admissibility and status.
	ad := req(ReqAdmissibility)
	var facts []string
	facts = append(facts, "In Canada: "+c.InCanada.String()+".")
	st2 := string(c.Status)
	if st2 == "" {
		st2 = "not given"
	}
	if c.StatusExpiry != 0 {
		facts = append(facts, fmt.Sprintf("Status: %s, expiring %s.", st2, c.StatusExpiry))
	} else {
		facts = append(facts, fmt.Sprintf("Status: %s.", st2))
	}
	concern := strings.TrimSpace(c.Admissibility)
	switch strings.ToLower(concern) {
	case "no", "none", "n", "non":
		concern = ""
	}
	if concern != "" {
		facts = append(facts, "Admissibility concern recorded: "+concern+".")
	} else {
		facts = append(facts, "No admissibility concern recorded.")
	}
	ad.Facts = strings.Join(facts, " ")
	ad.Outcome = Met
	ad.Finding = "No concern recorded; admissibility itself is for the lawyer."
	var why []string
	if concern != "" {
		why = append(why, "an admissibility concern is recorded")
		e.add(Finding{Code: RuleAdmiss, Kind: KindConcern, Cell: c.Ref.Cell(FieldAdmissibility), Job: -1, Test: -1,
			Text: fmt.Sprintf("An admissibility concern is recorded (%q); the engine cannot decide inadmissibility.", concern)})
	}
	if c.Status == StatusNone && c.InCanada != No {
		why = append(why, "the client has no status in Canada")
		e.add(Finding{Code: RuleStatus, Kind: KindConcern, Cell: c.Ref.Cell(FieldStatus), Job: -1, Test: -1,
			Text: "The client's status in Canada is recorded as none: the client may be out of status, which can make work after that date unauthorized."})
	}
	if c.StatusExpiry != 0 && c.StatusExpiry < e.A {
		why = append(why, "the status expired before the assessment date")
		e.add(Finding{Code: RuleStatus, Kind: KindConcern, Cell: c.Ref.Cell(FieldStatusExpiry), Job: -1, Test: -1,
			Text: fmt.Sprintf("The client's status (%s) expired on %s, before the assessment date %s: the client may be out of status unless it was maintained or restored.", st2, c.StatusExpiry, e.A)})
	}
	if len(why) > 0 {
		ad.Outcome = Concern
		ad.Finding = "For the lawyer: " + strings.Join(why, "; ") + "."
	}
	as.Requirements = []Requirement{w, l, p, ad}
}

// languageFailure explains why the language requirement is not met.
func (e *engine) languageFailure(st dayState, need int, best *Test, kind TestKind) (code, text string) {
	c := e.c
	if st.level >= 0 {
		what := "TEER 0/1 experience"
		if st.required == e.rs.CLBSkilled {
			what = "TEER 2/3 experience"
		} else if st.required == 0 {
			what = "any CEC work"
		}
		return RuleThresh, fmt.Sprintf("The language level, %s on the %s, is below the CLB %d required for %s, in all four abilities.",
			clbName(kind, st.level), testLabel(kind, best.Date), need, what)
	}
	accepted, expired := 0, 0
	for _, tr := range e.as.Tests {
		if tr.Accepted {
			accepted++
			if tr.ValidUntil != 0 && tr.ValidUntil < e.A {
				expired++
			}
		}
	}
	switch {
	case len(c.Tests) == 0:
		return RuleTest, "No language test is recorded: the client needs IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada results."
	case accepted == 0:
		return RuleTest, "No accepted language test is recorded: Express Entry accepts only IELTS General Training, CELPIP-General, PTE Core, TEF Canada and TCF Canada."
	case expired > 0:
		return RuleValid, fmt.Sprintf("No accepted test is valid on %s: results are valid for %s years after the test date, and the client needs a new test.", e.A, spell(e.rs.TestValidityYears))
	}
	return RuleValid, fmt.Sprintf("No accepted test can be used on %s (see the test findings).", e.A)
}

// verdict applies RULES' order: data, objective failures, concerns.
func (e *engine) verdict(st dayState, quebec bool) {
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
	case !st.hoursOK || !(st.langOK || st.mixed) || quebec:
		as.Verdict = NotEligible
	case has(KindConcern):
		as.Verdict = NeedsReview
	default:
		as.Verdict = Eligible
	}
}

// project finds eligible_from and, for an eligible client, eligible_until
// and what lapses first. Each candidate day F costs a few prefix-sum
// lookups; and since a window's week-hours change by at most 30 a day
// when its end moves on (60 when its start crosses 29 February), the scan
// jumps over the days on which nothing can change its answer: while hours
// are short by D, no day before D/30 days can reach them; while they are
// D above, no day before D/60 days can lose them; the language level
// changes only on a test's date or expiry. e.daily turns the jumps off,
// so that a test can check them against the day-by-day scan.
func (e *engine) project(quebec bool) {
	if quebec {
		return
	}
	as, c, rs := e.as, e.c, e.rs
	wantUntil := as.Verdict == Eligible
	target := rs.RequiredHours*7 - eps
	rise, fall := rs.WeeklyCap, 2*rs.WeeklyCap // per day, at most
	statusEnd := Date(0)
	if c.StatusExpiry != 0 && c.StatusExpiry >= e.A {
		statusEnd = c.StatusExpiry
	}
	for F := e.A; F <= e.horizon; {
		st := e.state(F, F.AddYears(-rs.WindowYears))
		next := F + 1
		if as.EligibleFrom == 0 {
			if !st.holds() {
				switch {
				case !st.hoursOK:
					if k := Date(math.Ceil((target - st.hours) / rise)); k > 1 && !e.daily {
						next = F + k
					}
				case st.level < 0:
					// No valid test: only a test taken after F can help.
					t := e.nextTaken(F)
					if t == 0 {
						return
					}
					if !e.daily {
						next = t
					}
				}
				F = next
				continue
			}
			as.EligibleFrom = F
			if !wantUntil {
				return
			}
		}
		if F > e.A {
			code := ""
			switch {
			case !st.hoursOK:
				code = RuleHours
			case st.mixed:
				code = RuleMixed
			case !st.langOK && st.level < 0:
				code = RuleValid
			case !st.langOK:
				code = RuleThresh
			case statusEnd != 0 && F > statusEnd:
				code = RuleStatus
			}
			if code != "" {
				as.EligibleUntil = F - 1
				as.LapseCode = code
				as.Lapse = e.lapseText(code, F, st)
				return
			}
		}
		if !e.daily {
			// Every requirement holds on F. The days F+1 … F+k hold too.
			k := Date((st.hours - target) / fall)
			if st.level < rs.CLBHighSkill && st.required == rs.CLBSkilled {
				// CLB 5 suffices while TEER 2/3 hours stay ahead; the
				// difference moves by at most 3 caps a day.
				k = min(k, Date((st.h23-st.h01)/(3*rs.WeeklyCap))-1)
			}
			if x := e.nextExpiry(F); x != 0 {
				k = min(k, x-F-1)
			}
			if statusEnd != 0 {
				k = min(k, statusEnd-F)
			}
			if k > 0 {
				next = F + k + 1
			}
		}
		F = next
	}
	if wantUntil {
		as.EligibleUntil = e.horizon
		as.Lapse = fmt.Sprintf("Every requirement still holds on %s, the end of the projection.", e.horizon)
	}
}

// nextTaken is the first test date after F, or 0.
func (e *engine) nextTaken(F Date) Date {
	var t Date
	for _, tp := range e.tests {
		if tp.taken > F && (t == 0 || tp.taken < t) {
			t = tp.taken
		}
	}
	return t
}

// nextExpiry is the first expiry after F of a test valid on F, or 0.
func (e *engine) nextExpiry(F Date) Date {
	var x Date
	for _, tp := range e.tests {
		if tp.taken <= F && F < tp.expiry && (x == 0 || tp.expiry < x) {
			x = tp.expiry
		}
	}
	return x
}

func (e *engine) lapseText(code string, F Date, st dayState) string {
	switch code {
	case RuleHours:
		return fmt.Sprintf("From %s the qualifying hours in the %d-year window fall to %s, below %s, as older work slides out of the window.", F, e.rs.WindowYears, fmtHours(st.hours/7), fmtQty(e.rs.RequiredHours))
	case RuleValid:
		return fmt.Sprintf("From %s no accepted language test is valid any more (results are valid for %s years); a new test is needed.", F, spell(e.rs.TestValidityYears))
	case RuleThresh:
		return fmt.Sprintf("From %s the language level, CLB %d, is below the CLB %d the work in the window needs.", F, st.level, st.required)
	case RuleMixed:
		return fmt.Sprintf("From %s most of the hours in the window are TEER 0/1, which needs CLB %d; with CLB %d the application would need the lawyer's review (L-MIXED).", F, st.required, st.level)
	case RuleStatus:
		return fmt.Sprintf("The client's status expires on %s; an application after that date raises a status concern.", e.c.StatusExpiry)
	}
	return ""
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
		as.Tests[i] = TestResult{Index: i, Why: "no assessment date"}
	}
	for _, key := range []string{ReqWork, ReqLanguage, ReqProvince, ReqAdmissibility} {
		as.Requirements = append(as.Requirements, Requirement{Key: key, Title: rs.Titles[key], Rule: rs.RequirementRules[key],
			Citation: rs.RequirementCitations[key], Outcome: Concern, Facts: "No assessment date.", Finding: "Not assessed: there is no assessment date."})
	}
	e.sortFindings()
}

// fmtHours prints hours with a thousands separator and one decimal, cut
// (not rounded) so that 1,559.96 hours never prints as the 1,560 required.
func fmtHours(h float64) string {
	neg := h < 0
	if neg {
		h = -h
	}
	tenths := int64(math.Floor(h*10 + 1e-6))
	whole, frac := tenths/10, tenths%10
	s := strconv.FormatInt(whole, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	s += "." + string(rune('0'+frac))
	if neg {
		s = "-" + s
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// fmtQty prints a whole quantity with thousands separators ("1,560").
func fmtQty(v float64) string {
	s := fmtHours(v)
	return strings.TrimSuffix(s, ".0")
}

// spell spells a small number ("two"), as the opinion's sentences do.
func spell(n int) string {
	if n >= 1 && n <= 5 {
		return [...]string{"one", "two", "three", "four", "five"}[n-1]
	}
	return strconv.Itoa(n)
}
