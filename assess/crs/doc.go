// Package crs is the Express Entry readiness estimate that every opinion
// prints beside the CEC verdict, and never lets change it: eligibility only
// lets a client into the Express Entry pool, and the firm's next question
// is whether the client will be invited.
//
// [Rules.Assess] estimates the client's Comprehensive Ranking System score
// from assess.Client.CRS on the [Grid] in force on the assessment date
// (crs-2025-03-25, dated data like the CEC rules): one number, or, over
// the blank inputs, the exact lowest and highest total with the input to
// ask for first; the 2026 category flags of the [CategoryRules] in force
// (cbs-2026-02-18), each with the day it starts to hold; and a comparison
// with the [DrawTable] of recent rounds, which always carries its date.
// Canadian work is counted by the CEC's own rules and daily credit
// (assess.RuleSet.WorkLedger), over 10 years for the CRS and per NOC code
// for the categories.
//
// Like assess, the package is pure: no files, no clock, no global state. A
// firm's rules file (config) replaces or extends [Builtin].
package crs
