package register

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// Outcome is what "changed" compares between two assessments of one
// client (REGISTER.md §8): a new opinion draft is written exactly when it
// differs. Qualifying hours growing night by night are not part of it.
type Outcome struct {
	Verdict assess.Verdict `json:"verdict"`
	// EligibleFrom is "now" when it is the assessment date, so that an
	// eligible client does not change every night.
	EligibleFrom  string `json:"eligible_from"`
	EligibleUntil string `json:"eligible_until"`
	RequiredCLB   int    `json:"required_clb"`
	HoursReached  string `json:"hours_reached"`
	// Codes is the set of finding codes, sorted.
	Codes []string `json:"codes"`
	// CRS is the estimate's range ("471-489", "471"), "" when not
	// estimated.
	CRS string `json:"crs"`
	// Rules are the rule set ids: the CEC rules, the CRS grid, the
	// category rules and the rounds table's date.
	Rules []string `json:"rules"`
}

// outcomeOf is the outcome of a and x, the Express Entry estimate beside it
// (nil when none was computed).
func outcomeOf(a *assess.Assessment, x *crs.Estimate) Outcome {
	o := Outcome{
		Verdict:       a.Verdict,
		EligibleUntil: a.EligibleUntil.String(),
		RequiredCLB:   a.RequiredCLB,
		HoursReached:  a.HoursReached.String(),
	}
	if !a.EligibleFrom.IsZero() {
		o.EligibleFrom = a.EligibleFrom.String()
		if a.EligibleFrom == a.AssessedOn {
			o.EligibleFrom = "now"
		}
	}
	seen := map[string]bool{}
	for _, f := range a.Findings {
		if !seen[f.Code] {
			seen[f.Code] = true
			o.Codes = append(o.Codes, f.Code)
		}
	}
	slices.Sort(o.Codes)
	if a.Rules != nil {
		o.Rules = append(o.Rules, a.Rules.ID)
	}
	if ee := x; ee != nil {
		if ee.Estimated {
			o.CRS = fmt.Sprint(ee.Min)
			if ee.Max != ee.Min {
				o.CRS = fmt.Sprintf("%d-%d", ee.Min, ee.Max)
			}
		}
		if ee.Grid != nil {
			o.Rules = append(o.Rules, ee.Grid.ID)
		}
		if ee.CategoryRules != "" {
			o.Rules = append(o.Rules, ee.CategoryRules)
		}
		if !ee.DrawsAsOf.IsZero() {
			o.Rules = append(o.Rules, "rounds-"+ee.DrawsAsOf.String())
		}
	}
	return o
}

// OutcomeOf is outcomeOf for the other packages.
func OutcomeOf(a *assess.Assessment, x *crs.Estimate) Outcome { return outcomeOf(a, x) }

// Equal reports whether o and p are the same outcome.
func (o Outcome) Equal(p Outcome) bool {
	return o.Verdict == p.Verdict && o.EligibleFrom == p.EligibleFrom && o.EligibleUntil == p.EligibleUntil &&
		o.RequiredCLB == p.RequiredCLB && o.HoursReached == p.HoursReached && slices.Equal(o.Codes, p.Codes) &&
		o.CRS == p.CRS && slices.Equal(o.Rules, p.Rules)
}

func (o Outcome) encode() string {
	b, _ := json.Marshal(o)
	return string(b)
}

func decodeOutcome(s string) (Outcome, bool) {
	var o Outcome
	if s == "" || json.Unmarshal([]byte(s), &o) != nil {
		return Outcome{}, false
	}
	return o, true
}

// Differences says how o differs from the earlier outcome p, in short
// phrases: "not eligible → eligible", "eligible from 2027-02-15 →
// now", "finding codes +L-VALID −W-HOURS", "rule set cec-… → cec-…".
func (o Outcome) Differences(p Outcome) []string {
	var out []string
	if o.Verdict != p.Verdict {
		out = append(out, fmt.Sprintf("%s → %s", verdictWords(p.Verdict), verdictWords(o.Verdict)))
	}
	pair := func(name, a, b string) {
		if a != b {
			out = append(out, fmt.Sprintf("%s %s → %s", name, orNone(a), orNone(b)))
		}
	}
	pair("eligible from", p.EligibleFrom, o.EligibleFrom)
	pair("apply by", p.EligibleUntil, o.EligibleUntil)
	if o.RequiredCLB != p.RequiredCLB {
		pair("required CLB", fmt.Sprint(p.RequiredCLB), fmt.Sprint(o.RequiredCLB))
	}
	pair("hours reached", p.HoursReached, o.HoursReached)
	pair("CRS", p.CRS, o.CRS)
	if !slices.Equal(o.Codes, p.Codes) {
		var diff []string
		for _, c := range o.Codes {
			if !slices.Contains(p.Codes, c) {
				diff = append(diff, "+"+c)
			}
		}
		for _, c := range p.Codes {
			if !slices.Contains(o.Codes, c) {
				diff = append(diff, "−"+c)
			}
		}
		out = append(out, "findings "+strings.Join(diff, " "))
	}
	if !slices.Equal(o.Rules, p.Rules) {
		out = append(out, fmt.Sprintf("rule sets %s → %s", strings.Join(p.Rules, ", "), strings.Join(o.Rules, ", ")))
	}
	return out
}

// Why names the cause of a change between two outcomes of unchanged
// facts: a rule set change, a test that expired, or time passing.
func (o Outcome) Why(p Outcome) string {
	switch {
	case !slices.Equal(o.Rules, p.Rules):
		return "a rule set changed"
	case slices.Contains(o.Codes, "L-VALID") && !slices.Contains(p.Codes, "L-VALID"):
		return "a language test expired"
	}
	return "time passing"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func verdictWords(v assess.Verdict) string {
	switch v {
	case assess.Eligible:
		return "eligible"
	case assess.NotEligible:
		return "not eligible"
	case assess.NeedsReview:
		return "needs review"
	}
	return "none"
}
