package report

import (
	"slices"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/report/doc"
)

// doubtsTable shows, for each doubt raised, the objective outcome both
// ways with the hours each way (the rule book's doubt model), and the
// combined scenario when it alone changes the outcome: the lawyer sees
// what each fact left open decides before reading the reasons.
func (d *opinionDoc) doubtsTable() {
	raised := d.a.RaisedDoubts()
	if len(raised) == 0 {
		return
	}
	d.heading(d.t("Points the intake leaves open: the outcome both ways"), 15)
	d.para(doc.Small, d.t("Each fact below is counted as the rules' default says; the lawyer confirms it. The outcome of the objective requirements (hours, language, Quebec) is shown both ways, with the qualifying hours each way."))
	d.add(&doc.Space{MM: 1})
	cols := []doc.Column{
		{Title: d.t("Rule"), Width: 27},
		{Title: d.t("What is open"), Width: 45},
		{Title: d.t("As counted"), Width: 30},
		{Title: d.t("The other way"), Width: 30},
		{Title: d.t("Why it is for the lawyer"), Width: 38},
	}
	var rows [][]string
	for _, dt := range raised {
		rows = append(rows, []string{dt.Code, d.doubtWhat(dt), d.scenarioCell(d.tx(dt.DefaultText.Capitalized()), dt.Default, d.bothFail(dt)),
			d.scenarioCell(d.tx(dt.AlternativeText.Capitalized()), dt.Alternative, d.bothFail(dt)), d.tx(dt.Why.Capitalized()) + "."})
	}
	if cs := d.a.Combined; cs != nil && cs.Decides && len(cs.Codes) > 1 {
		why := d.t("Together they change the outcome.")
		alone := false
		for _, dt := range d.a.Doubts {
			alone = alone || (slices.Contains(cs.Codes, dt.Code) && dt.Alternative.Objective != dt.Default.Objective)
		}
		if !alone {
			why = d.t("Each is harmless alone; together they change the outcome.")
		}
		rows = append(rows, []string{d.t("Together"), d.t("Every doubt that favours the client: %s", d.loc.and(cs.Codes)),
			d.scenarioCell(d.t("As counted"), raised[0].Default, false), d.scenarioCell(d.t("All switched"), cs.Outcome, false), why})
	}
	d.add(&doc.Table{Cols: cols, Rows: rows})
}

// decidingDoubts tells, in the conclusion, which open facts the outcome
// turns on, each with the outcome the other way: the lawyer reads first
// that "not met as counted" is not the end of it.
func (d *opinionDoc) decidingDoubts(b *strings.Builder) {
	for _, dt := range d.a.Doubts {
		if !dt.Decides || dt.Alternative.Objective == dt.Default.Objective {
			continue
		}
		d.fprintf(b, " The outcome turns on %s: %s, the objective requirements are %s (%s h); %s, %s (%s h).",
			dt.Code, d.tx(dt.DefaultText), d.loc.objective(dt.Default), d.loc.hours(dt.Default.Hours),
			d.tx(dt.AlternativeText), d.loc.objective(dt.Alternative), d.loc.hours(dt.Alternative.Hours))
	}
	if cs := d.a.Combined; cs != nil && cs.Decides && len(cs.Codes) > 1 {
		d.fprintf(b, " With %s switched together, they are %s (%s h).", d.loc.and(cs.Codes), d.loc.objective(cs.Outcome), d.loc.hours(cs.Outcome.Hours))
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
		what = d.tx(r.Doubt.Capitalized())
	}
	var rows []string
	for _, i := range dt.Jobs {
		if i >= 0 && i < len(d.c.Jobs) {
			j := d.c.Jobs[i]
			row := d.t("%s (%s)", d.loc.employerName(j), j.Ref.RowCell())
			switch dt.Code {
			case assess.RulePlaceVerify:
				row = d.t("%q at %s", strings.TrimSpace(j.Location), row)
			case assess.RuleHoursVerify:
				row = d.t("%s h/week at %s", d.loc.num(j.HoursPerWeek), row)
			}
			rows = append(rows, row)
		}
	}
	if len(rows) > 0 {
		what = d.t("%s: %s", what, strings.Join(rows, d.t("; ")))
	}
	if dt.Code == assess.RuleMaintVerify && !dt.Expired.IsZero() {
		what += d.t(". Permit maintained expired %s", dt.Expired.String())
	}
	return what
}

// scenarioCell is "Counted: met, 1,950.0 h"; label is already in the
// document's language. Its date is written as the tables write dates.
func (d *opinionDoc) scenarioCell(label string, o assess.ScenarioOutcome, withFrom bool) string {
	s := d.t("%s: %s, %s h", label, d.loc.objective(o), d.loc.hours(o.Hours))
	if withFrom {
		if o.EligibleFrom.IsZero() {
			s += d.t("; no date within the projection")
		} else {
			s += d.t("; eligible from %s", o.EligibleFrom.String())
		}
	}
	return s
}
