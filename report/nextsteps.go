package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cecbatch/cecbatch/assess"
)

// The to-do list is written as assess.Texts, messages of report's catalog
// (messages_fr.go) with the engine's texts inside: results.jsonl and the
// summary print it in English, the opinion in the client's language.

// stepCatalog is report's catalog as the engine's texts use one.
var stepCatalog = assess.NewCatalog("report", map[string]map[string]string{French: messagesFR})

// step is a message of report's catalog: format is its English and its key.
func step(format string, args ...any) assess.Text { return stepCatalog.T(format, args...) }

// tenthHours are hours cut to one decimal, as results.jsonl writes them
// ("1317.8"); a document in another language writes them its way.
type tenthHours float64

func (h tenthHours) String() string { return formatHoursTenth(float64(h)) }

// warningDays is how close a test's expiry (or the day the hours slide
// below the requirement) must be for the to-do list to warn about it
// (the rule set's WarningDays: the Express Entry sequence takes months);
// 0 without a rule set.
func warningDays(a *assess.Assessment) int {
	if a.Rules == nil {
		return 0
	}
	return a.Rules.WarningDays
}

// stepMaxQuoted bounds client text quoted inside a step (an admissibility note
// can be a paragraph); the full text is in the opinion.
const stepMaxQuoted = 80

// NextSteps is the paralegal's to-do list, the same in the opinion, the
// summary and results.jsonl. For an eligible client it is the Express Entry
// sequence (ExpressEntrySteps); otherwise it is derived from the findings:
// "Book a new language test: the IELTS General Training of 2025-06-10
// expires on 2027-06-09.", "Confirm the work permit for Harbour Grill: the
// authorization is blank.", "Fix Employment!F7: end date before start
// date.", "Eligible from 2027-02-27 if the job at X continues: diarize."
//
// One sentence each, no duplicates, most important first: data fixes (every
// other conclusion rests on the data), the province (it alone rules the CEC
// out), the lawyer's decisions, language, work, facts to confirm, and last
// the date to diarize.
func NextSteps(a *assess.Assessment) []string { return assess.Strings(nextSteps(a)) }

// nextSteps is NextSteps as texts, for a document to write in its language.
func nextSteps(a *assess.Assessment) []assess.Text {
	if a == nil {
		return nil
	}
	if a.Verdict == assess.Eligible {
		return expressEntrySteps(a)
	}
	var s nextStepList
	c := a.Client
	if c == nil {
		c = &assess.Client{}
	}

	// Data problems.
	for _, f := range a.Findings {
		if f.Kind == assess.KindData || f.Code == assess.CodeData {
			s.add(stepFix(a, f.Cell, f.Text))
		}
	}
	for _, p := range unreportedProblems(a) {
		s.add(stepFix(a, p.Cell, p.Message))
	}

	if r := stepRequirement(a, "province"); r != nil && r.Outcome == assess.NotMet {
		if a.Rules != nil && strings.EqualFold(strings.TrimSpace(c.Province), a.Rules.QuebecCode) {
			// Quebec's programs open and close: the lawyer names the one to
			// look at, the to-do list does not.
			s.add(step("Tell the client the CEC requires intending to live outside Quebec; Quebec selects its own skilled workers, so have the lawyer look at Quebec's programs."))
		} else {
			s.add(stepSentence(step("Confirm the intended province"), r.Finding))
		}
	}

	// Points only the lawyer can decide: the doubts raised, with the
	// outcome both ways, then the other concerns.
	stepsDoubts(a, &s)
	for _, f := range a.Findings {
		if f.Kind != assess.KindConcern || isRaisedDoubt(a, f.Code) {
			continue
		}
		switch f.Code {
		case "A-ADMIS":
			if note := strings.TrimRight(stepQuote(c.Admissibility), ". "); note != "" {
				s.add(step("Have the lawyer review the admissibility concern before anything is filed (the intake says: %s).", assess.Verbatim(note)))
			} else {
				s.add(step("Have the lawyer review the admissibility concern before anything is filed."))
			}
		case "S-STATUS":
			s.add(stepStatus(a, f))
		case "L-MIXED":
			scale := stepScale(a)
			if a.Rules != nil {
				s.add(step("Have the lawyer decide the language threshold for mixed TEER experience (L-MIXED): the client has %s %d, enough for the TEER 2 or 3 hours but not %s %d.",
					scale, a.LanguageCLB, scale, a.Rules.CLBHighSkill))
			} else {
				s.add(step("Have the lawyer decide the language threshold for mixed TEER experience (L-MIXED): the client has %s %d.", scale, a.LanguageCLB))
			}
		default:
			s.add(stepSentenceNamed(a, step("Have the lawyer review %s", f.Code), f.Text))
		}
	}

	stepsLanguage(a, &s)
	stepsWork(a, &s)
	stepsVerification(a, &s)

	// Failures the requirement sections above did not explain (an engine
	// with a new rule): still worth a line.
	// A work requirement for the lawyer (short as counted, met the other
	// way) is covered by its doubt's step.
	workForLawyer := false
	if r := stepRequirement(a, "work"); r != nil && r.Outcome == assess.Concern {
		workForLawyer = true
	}
	covered := map[byte]bool{'W': stepRequirementNotMet(a, "work") || workForLawyer, 'L': stepRequirementNotMet(a, "language"), 'Q': stepRequirementNotMet(a, "province")}
	for _, f := range a.Findings {
		if f.Kind == assess.KindFailure && (f.Code == "" || !covered[f.Code[0]]) {
			s.add(stepSentence(step("Review %s", f.Code), f.Text))
		}
	}

	if !a.EligibleFrom.IsZero() && a.EligibleFrom > a.AssessedOn {
		// A date before the run, or one that rests on a test taken after a
		// dated application, is never one to diarize.
		if dated := stepDatedApplication(a); !dated.IsZero() {
			s.add(dated)
		} else {
			s.add(stepDiarize(a))
		}
	}
	return s.list
}

// nextStepList is an ordered list of sentences without duplicates.
type nextStepList struct {
	list []assess.Text
	seen map[string]bool
}

func (s *nextStepList) add(t assess.Text) {
	en := t.String()
	if en == "" {
		return
	}
	if s.seen == nil {
		s.seen = make(map[string]bool)
	}
	if s.seen[en] {
		return
	}
	s.seen[en] = true
	s.list = append(s.list, t)
}

func stepRequirement(a *assess.Assessment, key string) *assess.Requirement {
	for i := range a.Requirements {
		if a.Requirements[i].Key == key {
			return &a.Requirements[i]
		}
	}
	return nil
}

func stepRequirementNotMet(a *assess.Assessment, key string) bool {
	r := stepRequirement(a, key)
	return r != nil && r.Outcome == assess.NotMet
}

func stepFix(a *assess.Assessment, cell string, text assess.Text) assess.Text {
	if cell == "" {
		return stepSentence(step("Fix the intake workbook"), text)
	}
	return stepSentence(step("Fix %s", cell), text)
}

func stepStatus(a *assess.Assessment, f assess.Finding) assess.Text {
	c := a.Client
	switch {
	case c != nil && c.Status == assess.StatusNone:
		return step("Confirm the client's immigration status: the intake says none (out of status), which the lawyer must review.")
	case c != nil && c.Status == assess.StatusRefugee:
		return step("Ask for the date of the refugee claim, which the intake does not give: work done after it does not count (W-STATUS, a refugee claimant holds no temporary resident status), so the lawyer checks each counted job against it.")
	case c != nil && !c.StatusExpiry.IsZero() && c.StatusExpiry < a.AssessedOn:
		return step("Confirm the client's immigration status: it expired on %s, before the assessed date %s; ask for proof of an extension or maintained status.", c.StatusExpiry, a.AssessedOn)
	}
	return stepSentence(step("Confirm the client's immigration status"), f.Text)
}

// languageSteps asks for a new test when the language requirement fails,
// or when the only valid test expires before the client can apply.
func stepsLanguage(a *assess.Assessment, s *nextStepList) {
	c := a.Client
	if c == nil {
		return
	}
	best := stepBestTest(a)
	if stepRequirementNotMet(a, "language") {
		if stepTestRowUnread(a) {
			// A test row that could not be read (a misspelt name, a score
			// typed as text) may hold the level: fix it first (a data step).
			return
		}
		switch {
		case len(c.Tests) == 0:
			s.add(step("Book a language test%s: there is no test on file.", stepAccepted(a)))
		case best == nil:
			s.add(stepNoValidTest(a))
		case a.RequiredCLB > 0 && best.Level < a.RequiredCLB:
			t := c.Tests[best.Index]
			s.add(step("Book a new language test: the %s of %s falls short of %s %d in %s, which is needed in all four abilities.",
				stepTestName(t), t.Date, stepScale(a), a.RequiredCLB, stepShortAbilities(best, a.RequiredCLB)))
		}
		return
	}
	if best == nil || !best.Valid || best.ValidUntil.IsZero() {
		return
	}
	t := c.Tests[best.Index]
	switch {
	case stepTestRunsOut(a):
		s.add(step("Book a new language test: the %s of %s expires on %s, before the work requirement can be met.",
			stepTestName(t), t.Date, best.ValidUntil))
	case a.AssessedOn.DaysUntil(best.ValidUntil) <= warningDays(a) && best.ValidUntil < a.AssessedOn:
		s.add(step("Book a new language test: the %s of %s expired on %s.", stepTestName(t), t.Date, best.ValidUntil))
	case a.AssessedOn.DaysUntil(best.ValidUntil) <= warningDays(a):
		s.add(step("Book a new language test: the %s of %s expires on %s.", stepTestName(t), t.Date, best.ValidUntil))
	}
}

// stepTestRunsOut reports the case where only the test stands in the way:
// the hours fall short today, a job that counts is ongoing (so they will be
// reached), the language requirement is met today, and yet no date is
// projected: the test expires first.
func stepTestRunsOut(a *assess.Assessment) bool {
	return a.EligibleFrom.IsZero() && stepRequirementNotMet(a, "work") &&
		!stepRequirementNotMet(a, "language") && stepHasOngoingCountedJob(a)
}

func stepHasOngoingCountedJob(a *assess.Assessment) bool {
	if a.Client == nil {
		return false
	}
	for _, jr := range a.Jobs {
		if jr.Index < 0 || jr.Index >= len(a.Client.Jobs) || !a.Client.Jobs[jr.Index].End.IsZero() {
			continue
		}
		if jr.Status == assess.JobCounted || jr.Status == assess.JobPartly {
			return true
		}
	}
	return false
}

// noValidTestStep explains why no test on file counts, from the most
// recent one.
func stepNoValidTest(a *assess.Assessment) assess.Text {
	c := a.Client
	var latest *assess.TestResult
	for i := range a.Tests {
		tr := &a.Tests[i]
		if tr.Index < 0 || tr.Index >= len(c.Tests) {
			continue
		}
		if latest == nil || c.Tests[tr.Index].Date > c.Tests[latest.Index].Date {
			latest = tr
		}
	}
	if latest == nil {
		return step("Book an accepted language test: no test on file is valid.")
	}
	t := c.Tests[latest.Index]
	switch {
	case stepRowHasProblem(a, t.Ref, latest.Index, false):
		// The fix is on the row (a data step above), not a new sitting.
		return assess.Text{}
	case !latest.Accepted:
		return step("Book an accepted language test%s: the %s of %s is not accepted for the CEC.", stepAccepted(a), stepTestName(t), t.Date)
	case t.Date > a.AssessedOn && !a.FromAsOf:
		// The test exists; it cannot support the application as dated
		// (stepDatedApplication says so with the date it gives).
		return assess.Text{}
	case !latest.ValidUntil.IsZero() && latest.ValidUntil < a.AssessedOn:
		return step("Book a new language test: the %s of %s expired on %s.", stepTestName(t), t.Date, latest.ValidUntil)
	case latest.Why.String() != "":
		return stepSentence(step("Book a new language test: the %s of %s cannot be used", stepTestName(t), t.Date), latest.Why)
	}
	return step("Book a new language test: the %s of %s cannot be used.", stepTestName(t), t.Date)
}

// stepRowHasProblem reports whether the intake row at ref (job or test
// index i) has a data problem, as a DATA finding or a client problem.
func stepRowHasProblem(a *assess.Assessment, ref assess.Ref, i int, isJob bool) bool {
	for _, f := range a.Findings {
		if f.Kind != assess.KindData && f.Code != assess.CodeData {
			continue
		}
		if (isJob && f.Job == i) || (!isJob && f.Test == i) || onRow(ref, f.Cell) {
			return true
		}
	}
	if a.Client != nil {
		for _, p := range a.Client.Problems {
			if onRow(ref, p.Cell) {
				return true
			}
		}
	}
	return false
}

// workSteps: when the hours fall short, each excluded period is a fact to
// check (a wrong NOC or employment type on the intake costs the client the
// hours), and a client with no projected date needs more work.
func stepsWork(a *assess.Assessment, s *nextStepList) {
	if !stepRequirementNotMet(a, "work") || a.Client == nil {
		return
	}
	c := a.Client
	for _, jr := range a.Jobs {
		if jr.Status != assess.JobExcluded && jr.Status != assess.JobPartly {
			continue
		}
		if jr.Index < 0 || jr.Index >= len(c.Jobs) || len(jr.Exclusions) == 0 {
			continue
		}
		j := c.Jobs[jr.Index]
		x := jr.Exclusions[0]
		if x.Code == "W-CANADA" || inRaisedDoubt(a, jr.Index) {
			// Work abroad is plain from the intake: nothing to check; a
			// raised doubt's step already asks about the job.
			continue
		}
		where := stepEmployer(j)
		if cell := j.Ref.RowCell(); cell != "" {
			where = step("%s (%s)", where, cell)
		}
		lead := step("Check the job at %s, not counted under %s", where, x.Code)
		if jr.Status == assess.JobPartly {
			lead = step("Check the job at %s, partly not counted under %s", where, x.Code)
		}
		s.add(stepSentence(lead, x.Reason))
	}
	unreadable := false
	for _, jr := range a.Jobs {
		unreadable = unreadable || jr.Status == assess.JobUnreadable
	}
	// Not when the shortfall may be a row to fix, or when the test, not
	// the work, is what runs out (see stepsLanguage).
	if a.EligibleFrom.IsZero() && !unreadable && !stepTestRunsOut(a) {
		if a.Rules != nil {
			s.add(step("Look for more qualifying work in Canada: %s qualifying hours are counted and the current jobs do not reach the requirement within %s years.",
				tenthHours(a.QualifyingHours), assess.Spelled(a.Rules.ProjectionYears)))
		} else {
			s.add(step("Look for more qualifying work in Canada: %s qualifying hours are counted and the current jobs do not reach the requirement.", tenthHours(a.QualifyingHours)))
		}
	}
}

// verificationSteps are facts the engine assumed in the client's favour.
func stepsVerification(a *assess.Assessment, s *nextStepList) {
	c := a.Client
	if c == nil {
		return
	}
	for _, jr := range a.Jobs {
		if jr.Index < 0 || jr.Index >= len(c.Jobs) {
			continue
		}
		if jr.Status != assess.JobCounted && jr.Status != assess.JobPartly {
			continue
		}
		j := c.Jobs[jr.Index]
		if j.Authorization == assess.AuthUnknown {
			s.add(step("Confirm the work permit for %s: the authorization is blank.", stepEmployer(j)))
		}
		if jr.NOC2016 {
			s.add(step("Find the NOC 2021 code for the job at %s: the NOC 2016 code %s was mapped by skill level.", stepEmployer(j), j.NOC))
		}
	}
}

func stepDiarize(a *assess.Assessment) assess.Text {
	var ongoing []assess.Text
	if c := a.Client; c != nil {
		seen := make(map[string]bool)
		for _, jr := range a.Jobs {
			if jr.Index < 0 || jr.Index >= len(c.Jobs) {
				continue
			}
			j := c.Jobs[jr.Index]
			if !j.End.IsZero() || jr.Status == assess.JobExcluded || jr.Status == assess.JobUnreadable {
				continue
			}
			if name := stepEmployer(j); !seen[name.String()] {
				seen[name.String()] = true
				ongoing = append(ongoing, name)
			}
		}
	}
	switch len(ongoing) {
	case 0:
		return step("Eligible from %s if nothing changes: diarize.", a.EligibleFrom)
	case 1:
		return step("Eligible from %s if the job at %s continues: diarize.", a.EligibleFrom, ongoing[0])
	}
	return step("Eligible from %s if the jobs at %s continue: diarize.", a.EligibleFrom, assess.AndList(ongoing...))
}

// stepCRS closes every eligible client's list (`cecbatch rules`: the Express Entry
// sequence).
var stepCRS = step("Check the client's CRS score against recent Express Entry draws: CEC eligibility is necessary but not sufficient, as selection is by CRS rank in a draw.")

// ExpressEntrySteps is the to-do list of an eligible client (nil for the
// others): eligibility must still hold on the day the application for
// permanent residence (eAPR) is submitted, months after the Express Entry
// profile is created. It gives the latest safe submission date and what
// lapses then, a new test to book now when the results expire soon, the
// day the hours slide below the requirement when it is near, the facts
// assumed in the client's favour, and the reminder that selection is by
// CRS rank.
func ExpressEntrySteps(a *assess.Assessment) []string { return assess.Strings(expressEntrySteps(a)) }

func expressEntrySteps(a *assess.Assessment) []assess.Text {
	if a == nil || a.Verdict != assess.Eligible {
		return nil
	}
	var s nextStepList
	s.add(urgentStep(a))
	stepsExpressEntry(a, &s)
	if c := a.Client; c != nil && !c.StatusExpiry.IsZero() && c.StatusExpiry >= a.AssessedOn &&
		(a.EligibleUntil.IsZero() || c.StatusExpiry < a.EligibleUntil) && c.Status != assess.StatusMaintained {
		// Not a lapse (`cecbatch rules`: CEC can be applied for from outside Canada),
		// but the work the projection counts on stops with it.
		s.add(step("Have the lawyer advise on the client's status, which expires on %s: CEC eligibility does not end with it, but work after it does not count unless the status is extended or maintained.", c.StatusExpiry))
	}
	stepsVerification(a, &s)
	s.add(stepMaintained(a))
	s.add(stepCRS)
	return s.list
}

func stepsExpressEntry(a *assess.Assessment, s *nextStepList) {
	if isPast(a, a.EligibleUntil) {
		// The latest safe date has passed: say what held on the
		// application date, and nothing to book or act on by then.
		s.add(pastSubmit(a))
		return
	}
	if !a.EligibleUntil.IsZero() {
		if a.LapseCode == "" {
			s.add(step("Submit the application for permanent residence (eAPR) while the facts still hold: no requirement lapses up to %s, the end of the projection.", a.EligibleUntil))
		} else {
			s.add(stepSentence(step("Submit the application for permanent residence (eAPR) by %s, the latest safe date", a.EligibleUntil), a.Lapse))
		}
	}
	if best := stepBestTest(a); best != nil && best.Valid && !best.ValidUntil.IsZero() && a.AssessedOn.DaysUntil(best.ValidUntil) <= warningDays(a) && !isPast(a, best.ValidUntil) {
		t := a.Client.Tests[best.Index]
		s.add(step("Book a new language test now: the %s of %s expires on %s, within %d days, and an Express Entry profile is removed from the pool when its test results expire.",
			stepTestName(t), t.Date, best.ValidUntil, warningDays(a)))
	}
	// The day the hours fall below the requirement: HoursUntil + 1, or the
	// lapse itself when the hours are what lapses first.
	slide := assess.Date(0)
	switch {
	case !a.HoursUntil.IsZero():
		slide = a.HoursUntil.AddDays(1)
	case a.LapseCode == assess.RuleHours && !a.EligibleUntil.IsZero():
		slide = a.EligibleUntil.AddDays(1)
	}
	if !slide.IsZero() && a.AssessedOn.DaysUntil(slide) <= warningDays(a) && !isPast(a, slide) {
		required := step("the required hours")
		if a.Rules != nil {
			required = step("%s hours", assess.Quantity(a.Rules.RequiredHours))
		}
		s.add(step("Act before %s: from that day the qualifying hours fall below %s as older work leaves the window, so the eAPR must be submitted before then or more qualifying work added.", slide, required))
	}
}

// stepAccepted lists the accepted tests in brackets, from the rule set.
func stepAccepted(a *assess.Assessment) assess.Text {
	if a.Rules == nil || a.Rules.AcceptedTestsText.IsZero() {
		return assess.Text{}
	}
	return step(" (%s)", a.Rules.AcceptedTestsText)
}

// acceptedTests names the accepted tests in a sentence, from the rule set:
// "IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF
// Canada"; "" without one.
func acceptedTests(rs *assess.RuleSet) string {
	if rs == nil {
		return ""
	}
	return rs.AcceptedTestsText.String()
}

// stepTestRowUnread reports a test row that could not be read: one kept as
// entered, one with a data problem, or a data problem on a row of no known
// job, study or client (a test row ingest could not keep).
func stepTestRowUnread(a *assess.Assessment) bool {
	c := a.Client
	if c == nil {
		return false
	}
	for i, t := range c.Tests {
		if t.Entered != nil || stepRowHasProblem(a, t.Ref, i, false) {
			return true
		}
	}
	known := func(cell string) bool {
		if cell == "" || onRow(c.Ref, cell) {
			return true
		}
		for _, j := range c.Jobs {
			if onRow(j.Ref, cell) {
				return true
			}
		}
		for _, st := range c.Studies {
			if onRow(st.Ref, cell) {
				return true
			}
		}
		return false
	}
	for _, f := range a.Findings {
		if f.Kind == assess.KindData && f.Job < 0 && !known(f.Cell) {
			return true
		}
	}
	for _, p := range c.Problems {
		if !known(p.Cell) {
			return true
		}
	}
	return false
}

// stepScale names the client's levels: NCLC when the best test is French
// (in French, always NCLC).
func stepScale(a *assess.Assessment) assess.Text {
	if best := stepBestTest(a); best != nil && best.Kind.French() {
		return step("NCLC")
	}
	return step("CLB")
}

// bestTest is the test the client's language level comes from, or nil.
func stepBestTest(a *assess.Assessment) *assess.TestResult {
	if a.Client == nil {
		return nil
	}
	for i := range a.Tests {
		tr := &a.Tests[i]
		if tr.Best && tr.Index >= 0 && tr.Index < len(a.Client.Tests) {
			return tr
		}
	}
	return nil
}

func stepTestName(t assess.Test) assess.Text {
	if t.Kind != assess.TestUnknown {
		return assess.Plain(string(t.Kind))
	}
	if n := stepQuote(t.Name); n != "" {
		return assess.Plain(n)
	}
	return step("test")
}

// stepEmployer is a job's employer as a step names it.
func stepEmployer(j assess.Job) assess.Text {
	if n := stepQuote(j.Employer); n != "" {
		return assess.Plain(n)
	}
	return step("an unnamed employer")
}

// employerName is a job's employer as a sentence names it.
func (l *locale) employerName(j assess.Job) string {
	if n := stepQuote(j.Employer); n != "" {
		return n
	}
	return l.t("an unnamed employer")
}

func stepShortAbilities(tr *assess.TestResult, required int) assess.Text {
	var short []assess.Text
	for _, ab := range assess.Abilities {
		if tr.CLB[ab] < required {
			short = append(short, ab.Text())
		}
	}
	if len(short) == 0 {
		return step("no ability")
	}
	return assess.AndList(short...)
}

// stepSentence joins a lead and a detail into one sentence: "Fix X: end
// date before start date." The detail, an engine's sentence, is cut of its
// full stop and lower-cased as the language prints it.
func stepSentence(lead, detail assess.Text) assess.Text {
	return stepJoin(lead, detail, nil)
}

// stepSentenceNamed is stepSentence for a detail that may open with a name
// from the intake ("Rahimi Family Medicine (…) is self-employment…"): the
// name keeps its capital.
func stepSentenceNamed(a *assess.Assessment, lead, detail assess.Text) assess.Text {
	var names []string
	if a.Client != nil {
		for _, j := range a.Client.Jobs {
			if name := strings.TrimSpace(j.Employer); name != "" {
				names = append(names, name)
			}
		}
	}
	return stepJoin(lead, detail, names)
}

func stepJoin(lead, detail assess.Text, names []string) assess.Text {
	if strings.TrimRight(strings.TrimSpace(detail.String()), ". ") == "" {
		return step("%s.", lead)
	}
	return step("%s: %s", lead, assess.Map(detail, func(s string) string {
		s = strings.TrimRight(strings.TrimSpace(s), ". ")
		for _, n := range names {
			if strings.HasPrefix(s, n) {
				return endSentence(s)
			}
		}
		return endSentence(lowerFirst(s))
	}))
}

// endSentence ends s with a full stop unless it ends with a question or
// an exclamation already (a did-you-mean).
func endSentence(s string) string {
	if strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// lowerFirst lowers a capitalised first word ("End date…" → "end date…")
// but leaves acronyms and codes alone ("NOC", "IELTS", "W-SELF").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	if !unicode.IsLower(next) && !((r == 'A' || r == 'À') && next == ' ') {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// quote shortens client text for a one-line step and flattens its line
// breaks.
func stepQuote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= stepMaxQuoted {
		return s
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == stepMaxQuoted-1 {
			cut = i
			break
		}
		runes++
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

// onRow reports whether cell ("Language Tests!E3") is on ref's row.
func onRow(ref assess.Ref, cell string) bool {
	_, ok := ref.Column(cell)
	return ok
}
