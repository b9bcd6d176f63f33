package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// doubtsTable shows, for each doubt raised, the objective outcome both
// ways with the hours each way (the rule book's doubt model), and the
// combined scenario when it alone changes the outcome: the lawyer sees
// what each fact left open decides before reading the reasons.
func (d *opinionDoc) doubtsTable(p *pager) {
	raised := d.a.RaisedDoubts()
	if len(raised) == 0 {
		return
	}
	p.heading("Points the intake leaves open: the outcome both ways", 15)
	p.setFont(false, 9)
	p.para("Each fact below is counted as the rules' default says; the lawyer confirms it. The outcome of the objective requirements (hours, language, Quebec) is shown both ways, with the qualifying hours each way.", 0)
	p.y += 1
	cols := []column{
		{title: "Rule", width: 27},
		{title: "What is open", width: 45},
		{title: "As counted", width: 30},
		{title: "The other way", width: 30},
		{title: "Why it is for the lawyer", width: 38},
	}
	var rows [][]string
	for _, dt := range raised {
		rows = append(rows, []string{dt.Code, d.doubtWhat(dt), scenarioCell(dt.DefaultText, dt.Default, d.bothFail(dt)),
			scenarioCell(dt.AlternativeText, dt.Alternative, d.bothFail(dt)), upperFirst(dt.Why) + "."})
	}
	if cs := d.a.Combined; cs != nil && cs.Decides && len(cs.Codes) > 1 {
		why := "Together they change the outcome."
		alone := false
		for _, dt := range d.a.Doubts {
			alone = alone || (slices.Contains(cs.Codes, dt.Code) && dt.Alternative.Objective != dt.Default.Objective)
		}
		if !alone {
			why = "Each is harmless alone; together they change the outcome."
		}
		rows = append(rows, []string{"Together", "Every doubt that favours the client: " + andList(cs.Codes),
			scenarioCell("As counted", raised[0].Default, false), scenarioCell("All switched", cs.Outcome, false), why})
	}
	p.table(cols, rows)
}

// decidingDoubts tells, in the conclusion, which open facts the outcome
// turns on, each with the outcome the other way: the lawyer reads first
// that "not met as counted" is not the end of it.
func (d *opinionDoc) decidingDoubts(b *strings.Builder) {
	for _, dt := range d.a.Doubts {
		if !dt.Decides || dt.Alternative.Objective == dt.Default.Objective {
			continue
		}
		fmt.Fprintf(b, " The outcome turns on %s: %s, the objective requirements are %s (%s h); %s, %s (%s h).",
			dt.Code, dt.DefaultText, objectivePhrase(dt.Default), hours(dt.Default.Hours),
			dt.AlternativeText, objectivePhrase(dt.Alternative), hours(dt.Alternative.Hours))
	}
	if cs := d.a.Combined; cs != nil && cs.Decides && len(cs.Codes) > 1 {
		fmt.Fprintf(b, " With %s switched together, they are %s (%s h).", andList(cs.Codes), objectivePhrase(cs.Outcome), hours(cs.Outcome.Hours))
	}
}

// bothFail reports whether a doubt fails both ways on A: its cells then
// give the date each way would be eligible from.
func (d *opinionDoc) bothFail(dt assess.Doubt) bool {
	return dt.Default.Objective == assess.ObjectiveFails && dt.Alternative.Objective == assess.ObjectiveFails
}

// doubtWhat names what a doubt rests on: the rule book's words and the
// rows, by employer and intake row.
func (d *opinionDoc) doubtWhat(dt assess.Doubt) string {
	what := dt.Code
	if r := doubtRule(d.a, dt.Code); r != nil {
		what = upperFirst(r.Doubt)
	}
	var rows []string
	for _, i := range dt.Jobs {
		if i >= 0 && i < len(d.c.Jobs) {
			j := d.c.Jobs[i]
			row := fmt.Sprintf("%s (%s)", stepEmployer(j), j.Ref.RowCell())
			switch dt.Code {
			case assess.RulePlaceVerify:
				row = fmt.Sprintf("%q at %s", strings.TrimSpace(j.Location), row)
			case assess.RuleHoursVerify:
				row = fmt.Sprintf("%s h/week at %s", trimNum(j.HoursPerWeek), row)
			}
			rows = append(rows, row)
		}
	}
	if len(rows) > 0 {
		what += ": " + strings.Join(rows, "; ")
	}
	if dt.Code == assess.RuleMaintVerify && !dt.Expired.IsZero() {
		what += fmt.Sprintf(". Permit maintained expired %s", dt.Expired)
	}
	return what
}

// scenarioCell is "Counted: met, 1,950.0 h".
func scenarioCell(label string, o assess.ScenarioOutcome, withFrom bool) string {
	s := fmt.Sprintf("%s: %s, %s h", upperFirst(label), objectivePhrase(o), hours(o.Hours))
	if withFrom {
		if o.EligibleFrom.IsZero() {
			s += "; no date within the projection"
		} else {
			s += "; eligible from " + o.EligibleFrom.String()
		}
	}
	return s
}
