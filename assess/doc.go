// Package assess is the legal core of cecbatch: it decides whether one
// client qualifies for the Canadian Experience Class (IRPR s. 87.1) on a
// given date, and explains why in findings a paralegal can act on.
//
// The package is pure: no files, no clock, no global state. ingest builds a
// [Client] from an intake workbook (each row keeping its [Ref], so that a
// finding can name the cell to check), and report prints the [Assessment]
// that [RuleSet.Assess] returns.
//
// # The law as data
//
// [Current] returns the [RuleSet] in force: the 1,560 hours, the 30-hour
// weekly cap, the 3-year window, the 2-year test validity, the CLB 7 and
// CLB 5 thresholds, every CLB/NCLC conversion table with its score scale
// (TEF Canada is read by its "équivalence ancien score" whatever the test
// date), the accepted and refused tests, the physicians' public policy,
// the Express Entry sequence, and every rule id (W-SKILL, L-VALID, Q-PROV,
// …) with its condition and citation, the L-MIXED readings and the verdict
// order. The engine reads its numbers from there and nowhere else, and
// report prints the rules from there.
//
// # Dates
//
// A [Date] is a civil date counted in days. The assessment date A is the
// client's Application Date, else the run's as-of date; the window is every
// day from A − 3 years (29 February maps to 28 February) up to, not
// including, A. Periods include both their start and end days.
//
// # The work ledger
//
// Each day of the window is credited one seventh of the weekly hours of all
// job periods that count on that day, capped at 30 a week: hours above the
// cap never make up for a shorter period, and concurrent jobs share the
// cap. The day plan (plan.go) reads every row once: a job period that fails
// a rule (W-SKILL, W-CANADA, W-PAID, W-SELF, W-AUTH, W-STATUS) is excluded
// as a whole; days are cut after a permit or the status expired without
// maintained status, or at another employer than the employer-specific
// permit maintained (W-AUTH, which also raises A-UNAUTH; authorization.go),
// on leave at the same employer (W-LEAVE) and in full-time study
// (W-STUDENT). Every excluded span is reported with its rule. Codes are read
// against NOC 2021 V1.0 and the NOC 2016 concordance shipped in nocdata/
// (noc.go). The ledger is kept as prefix sums over a day array spanning
// A − 3 years to A + 3 years, which also serves the projections; windows
// before A (hours_reached) are counted by sweeping the boundaries of the
// counting spans.
//
// # Facts the intake leaves open
//
// The days whose counting rests on an open fact (a blank authorization,
// maintained status, R186(w), a physician's self-employment, a break
// between terms, a study permit outside full-time study, more than 60 hours
// a week, a bare place name) keep the doubts they rest on (doubt.go). The
// client is assessed under the defaults, once per doubt present with it
// switched, and once with every doubt that favours the client switched
// together; a doubt is a concern when the objective outcome or
// eligible_from differs, or its "always" condition holds, and the
// Assessment carries each doubt's outcome both ways ([Doubt]). A scenario
// is a mask over the same day plan: its hours are sweeps of the pieces'
// boundaries, never a second reading of the rows.
//
// # Language
//
// Each accepted test's abilities are converted to CLB/NCLC levels by its
// table; a test's level is its lowest ability, and the client's level is
// the best test valid on A. The level required is CLB 7 when TEER 0/1
// hours are at least the TEER 2/3 hours, else CLB 5 (reading (a)); with
// experience in both groups, readings (b) occupation and (c) qualifying
// experience are applied too, and readings that disagree go to the lawyer
// (L-MIXED).
//
// # Verdict and projections
//
// The verdict follows the rules' order: a data problem gives needs_review;
// else a doubt that alone or with the others changes the objective outcome
// gives needs_review; else a failed objective requirement (hours, language,
// Quebec) gives not_eligible; else a concern (A-ADMIS, A-UNAUTH,
// A-STUDY-HOURS, S-STATUS, L-MIXED, W-PERMIT-CONFLICT, R-RULESET, a raised
// doubt) gives needs_review; else eligible. A requirement that rows which
// could not be read might still change is not assessed, never "not met".
// EligibleFrom is the first day from A on which the objective requirements
// would hold if ongoing jobs continued (stopping at a permit or status
// expiry, with no maintained or R186(w) day after A) and no new test were
// taken; for a client who meets them on A, EligibleUntil is the last day
// they still hold, under the defaults and the combined scenario, whichever
// is earlier, and LapseCode says what lapses first. HoursReached and
// HoursUntil bound the unbroken run of days around A on which the hours
// are met.
//
// What the engine does not decide (NOC duties, genuineness of documents,
// inadmissibility, Express Entry ranking) is stated by [RuleSet.NotDecided].
//
// # Express Entry readiness
//
// The Express Entry estimate (CRS score, 2026 categories, cut-offs) is the
// package assess/crs, beside this one and never changing the verdict. It
// reads [Client.CRS] ([CRSProfile]) and counts Canadian work through
// [RuleSet.WorkLedger], which is this package's own day plan and daily
// credit laid over any range of days.
package assess
