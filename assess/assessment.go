package assess

import "slices"

// This file holds what the engine concludes about one client. report prints
// it; nothing here is formatted for a page, but every text is a plain-English
// sentence a paralegal understands, and every finding carries its rule id.

// Verdict is the engine's conclusion.
type Verdict string

const (
	Eligible    Verdict = "eligible"
	NotEligible Verdict = "not_eligible"
	NeedsReview Verdict = "needs_review"
)

// Kind sorts findings for the opinion and the summary.
type Kind string

const (
	// KindFailure: an objective requirement is not met (W-HOURS, L-*, Q-PROV).
	KindFailure Kind = "failure"
	// KindExclusion: a job period, or part of one, does not count (W-SKILL, …).
	KindExclusion Kind = "exclusion"
	// KindData: a data problem on the client's rows (code DATA).
	KindData Kind = "data"
	// KindConcern: a point the lawyer must decide (A-ADMIS, A-UNAUTH,
	// A-STUDY-HOURS, S-STATUS, L-MIXED, W-PERMIT-CONFLICT, R-RULESET and
	// every raised doubt).
	KindConcern Kind = "concern"
	// KindNote: information and disclosed interpretations (a blank
	// authorization that decides nothing, NOC 2016 mapping, hours above
	// the cap, a leave, …).
	KindNote Kind = "note"
)

// CodeData is the code of a data problem's finding.
const CodeData = "DATA"

// Finding is one reason behind the verdict.
type Finding struct {
	// Code is the rule id of `cecbatch rules` ("W-SELF", "L-VALID") or CodeData.
	Code string
	Kind Kind
	// Text says what was found in plain words, with the facts:
	// "Hours above 30 a week are not counted: 60 h/week at Acme from
	// 2025-12-01 credited as 30."
	Text Text
	// Cell is the intake cell the finding is about ("Employment!F7"), or "".
	Cell string
	// Citation is the authority ("IRPR 87.1(2)(a)").
	Citation Text
	// Job and Test index Client.Jobs and Client.Tests when the finding is
	// about one job period or one test; -1 otherwise.
	Job, Test int
}

// Outcome is how one requirement stands.
type Outcome string

const (
	Met     Outcome = "met"
	NotMet  Outcome = "not_met"
	Concern Outcome = "concern" // the lawyer must look (needs_review)
	// NotAssessed: the requirement depends on rows that could not be read;
	// it is assessed once the data is fixed. Never shown as "not met".
	NotAssessed Outcome = "not_assessed"
	// NoConcernRecorded: for admissibility and status, nothing in the
	// intake raises a concern. The engine has not assessed admissibility,
	// so this is never "met".
	NoConcernRecorded Outcome = "no_concern_recorded"
)

// Requirement is one section of the opinion: the rule, the client's facts
// and the finding.
type Requirement struct {
	// Key is "work", "language", "province" or "admissibility".
	Key      string
	Title    Text // "Canadian work experience"
	Rule     Text // the rule in plain words
	Citation Text
	Outcome  Outcome
	Facts    Text // the client's facts, in a sentence or two
	Finding  Text // the conclusion on this requirement
}

// JobStatus says how much of a job period counted.
type JobStatus string

const (
	JobCounted    JobStatus = "counted"
	JobPartly     JobStatus = "partly_excluded"
	JobExcluded   JobStatus = "excluded"
	JobOutside    JobStatus = "outside_window" // no day inside the window
	JobUnreadable JobStatus = "unreadable"     // its row has a data problem
	JobLeave      JobStatus = "leave"          // a leave row (W-LEAVE): counts for nothing itself
)

// Exclusion is a span of days of a job period that did not count.
type Exclusion struct {
	Code     string // W-SKILL, W-CANADA, W-PAID, W-SELF, W-AUTH, W-STATUS, W-STUDENT, W-LEAVE
	From, To Date   // inclusive, clipped to the window
	Days     int
	Reason   Text // plain words
}

// JobResult is the ledger's account of one job period (Client.Jobs[Index]).
type JobResult struct {
	Index int
	// TEER is the TEER used: from the NOC code, else the TEER column; -1
	// when neither gives one. A NOC 2016 skill level B code maps to TEER 2
	// or 3: a TEER column of 3 picks 3, else 2 (both count alike).
	TEER int
	// NOC is the code read, with Excel's lost leading zeros put back, and
	// NOCTitle its NOC 2021 title ("" for a NOC 2016 code or one that
	// could not be read).
	NOC, NOCTitle string
	// NOC2016 is set when the code is a 4-digit NOC 2016 code read through
	// the concordance.
	NOC2016 bool
	// Credited is the hours the period contributed to the qualifying hours,
	// after the 30 h/week cap is shared among the jobs of each day.
	Credited float64
	// Uncapped is what it would have contributed without the cap.
	Uncapped   float64
	Status     JobStatus
	Exclusions []Exclusion
}

// TestResult is the engine's reading of one test (Client.Tests[Index]).
type TestResult struct {
	Index int
	// Kind is the recognised test: Test.Kind, else ParseTestKind(Test.Name);
	// TestUnknown when the name is not known.
	Kind     TestKind
	Accepted bool // an accepted test for Express Entry (L-TEST)
	Refused  Text // why not, when not accepted
	// ValidUntil is the last day the result may be used: the day before the
	// second anniversary of the test date.
	ValidUntil Date
	Valid      bool   // accepted, readable, and valid on the assessed date
	Why        Text   // why not valid, when not
	CLB        [4]int // per Ability; 0 = below CLB 4
	Level      int    // the lowest of the four
	Best       bool   // the test the client's language level comes from
}

// Assessment is the engine's complete, explainable answer for one client.
type Assessment struct {
	Client *Client
	// AssessedOn is A: the Application Date, else the run's as-of date.
	AssessedOn Date
	// FromAsOf is true when AssessedOn is the run's as-of date.
	FromAsOf bool
	// RunDate is the run's as-of date (zero when not known): a date before
	// it is past, never a date to diarize.
	RunDate Date
	// WindowStart is the first day of the 3-year window; the window ends
	// the day before AssessedOn.
	WindowStart Date

	Verdict Verdict

	// QualifyingHours is the hours of qualifying work in the window, capped
	// at 30 a week, unrounded.
	QualifyingHours float64
	// HoursTEER01 and HoursTEER23 count each group alone with the same cap.
	HoursTEER01, HoursTEER23 float64
	// HoursReached is the earliest day D <= AssessedOn such that on every
	// day from D to AssessedOn an application would have met the hours
	// ("met since D"); zero when the hours on AssessedOn are short.
	HoursReached Date

	// RequiredCLB is 7 or 5, or 0 when there are no qualifying hours: L-MIXED
	// reading (a), the larger group (a tie needs 7).
	RequiredCLB int
	// LanguageCLB is the best valid accepted test's level (0 = below
	// CLB 4), or -1 when the client has no valid accepted test.
	LanguageCLB int

	// EligibleFrom is the first day on or after AssessedOn on which every
	// objective requirement holds under the projection of `cecbatch rules`; zero if
	// none within 3 years. As in the verdict, an L-MIXED case counts as
	// holding (it is a concern for the lawyer, not a failure), and data
	// problems are left aside: the projection uses the readable rows.
	EligibleFrom Date
	// EligibleUntil is, for a client who meets every objective requirement
	// on AssessedOn (eligible, or needs_review only because of concerns,
	// data problems aside), the last day an application still meets them;
	// zero otherwise. It is the earlier of the defaults' date and the
	// combined scenario's (Combined). Ongoing jobs
	// are projected to continue, but every job stops at the client's
	// StatusExpiry (unless the client or the row is on maintained status)
	// and at the row's PermitExpiry; no new test is taken, so a test expiry
	// always ends it; the end of the projection (AssessedOn + 3 years) is
	// the cap, with LapseCode "". A status expiry is never itself a lapse.
	EligibleUntil Date
	// Lapse names what stops holding first after EligibleUntil: its rule
	// id (W-HOURS, L-VALID, L-THRESH, L-MIXED) and a sentence.
	LapseCode string
	Lapse     Text

	Requirements []Requirement
	Jobs         []JobResult  // one per Client.Jobs, same order
	Tests        []TestResult // one per Client.Tests, same order
	Findings     []Finding

	// RuleSet names the rule set applied ("CEC rules in force 2024-01-30").
	RuleSet string
	// Rules is the rule set applied: report reads its numbers (the cap,
	// the window, the CLB levels, the accepted tests, the dates) from here,
	// so a second rule set chosen by date needs no change in report.
	Rules *RuleSet

	// Readings are the three L-MIXED readings of the language threshold,
	// set when the client has qualifying experience in both TEER groups on
	// AssessedOn; nil otherwise.
	Readings []MixedReading
	// HoursUntil is the last day on or after AssessedOn on which the hours
	// requirement still holds under the projection (before hours slide out
	// of the window); zero when it does not hold on AssessedOn.
	HoursUntil Date
	// HoursFrom is the first day on or after AssessedOn on which the hours
	// requirement holds under the projection of EligibleFrom, whatever the
	// other requirements (the register diarizes it: "confirm the
	// employment letters"); AssessedOn when it holds then; zero when not
	// within the projection or the client intends to live in Quebec.
	HoursFrom Date

	// Doubts are the doubts of the doubt model present for the client, in
	// the rule book's order, each with the outcome both ways; Combined is
	// every doubt that favours the client switched together, nil when
	// fewer than two are present.
	Doubts   []Doubt
	Combined *CombinedScenario
}

// MixedReading is one reading of L-MIXED (`cecbatch rules`: group, occupation,
// qualifying experience) with the level it requires and whether the
// client's language level meets it.
type MixedReading struct {
	// Key is "group", "occupation" or "qualifying_experience".
	Key string
	// Name is "(a) group" etc., for the opinion.
	Name Text
	// Basis says what decided it, with the hours: "TEER 2/3: 1,041.0 h
	// against TEER 0/1: 900.0 h".
	Basis       Text
	RequiredCLB int
	Pass        bool
}

// WorkToConfirm lists the raised doubts whose default favours the client
// (W-AUTH-VERIFY, W-MAINT-VERIFY, R186W-VERIFY, W-PHYS, W-HOURS-VERIFY,
// W-PLACE-VERIFY): the hours rest on them, so the opinion says they are
// met only if that work counts as entered.
func (a *Assessment) WorkToConfirm() []string {
	var codes []string
	for _, d := range a.Doubts {
		if d.Raised && doubtFavours(d.Code) && !slices.Contains(codes, d.Code) {
			codes = append(codes, d.Code)
		}
	}
	return codes
}

// doubtFavours reports whether a doubt's default favours the client.
func doubtFavours(code string) bool {
	for _, dc := range doubtCodes {
		if dc.code == code {
			return dc.bit&favourable != 0
		}
	}
	return false
}

// RaisedDoubts lists the doubts that are concerns, in order.
func (a *Assessment) RaisedDoubts() []Doubt {
	var out []Doubt
	for _, d := range a.Doubts {
		if d.Raised {
			out = append(out, d)
		}
	}
	return out
}
