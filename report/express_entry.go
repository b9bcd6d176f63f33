package report

import (
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/report/doc"
)

// contentW is the width of a document's text column in millimetres (the
// PDF's; the DOCX takes tables' proportions from it).
const contentW = 170.0

// This file prints the Express Entry readiness estimate (the CRS score or
// its range, the 2026 category flags, the comparison with recent cut-offs)
// in the opinion draft. It sits after the CEC findings and never speaks of
// the CEC verdict, which it does not change.

// eeRange prints "482" or "432–497".
func eeRange(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

// eeSectionRows are the factor table's rows: section, points, detail.
func (d *opinionDoc) eeSectionRows(x *crs.Estimate) [][]string {
	g := x.Grid
	sec := func(i int) string { return eeRange(x.Sections[i][0], x.Sections[i][1]) }
	rows := [][]string{
		{d.t("A. Core / human capital"), sec(crs.SectionCore), ""},
		{d.t("B. Spouse factors"), sec(crs.SectionSpouse), ""},
		{d.t("C. Skill transferability"), sec(crs.SectionTransfer), ""},
		{d.t("D. Additional points"), sec(crs.SectionAdditional), ""},
	}
	f, at := x.Factors, ""
	if f == nil {
		// A range: show the factors of the lowest estimate, said as such.
		f, at = &x.LowestFactors, d.t("At the lowest estimate (%d): ", x.Min)
	}
	rows[0][2] = at + d.t("age %d; education %d; first official language %d; second official language %d; Canadian work %d.",
		f.Age, f.Education, f.FirstLanguage, f.SecondLanguage, f.CanadianWork)
	rows[1][2] = d.t("Not scored: no accompanying spouse.")
	if x.SpouseScale != assess.No {
		rows[1][2] = at + d.t("spouse's education %d; language %d; Canadian work %d.", f.SpouseEducation, f.SpouseLanguage, f.SpouseCanadianWork)
	}
	rows[2][2] = at + d.t("education with language %d and with Canadian work %d (together at most %d); foreign work with language %d and with Canadian work %d (at most %d); certificate of qualification %d; section at most %d.",
		f.EducationLanguage, f.EducationCanadianWork, g.Transfer.GroupCap, f.ForeignLanguage, f.ForeignCanadianWork, g.Transfer.GroupCap, f.Certificate, g.MaxTransfer)
	rows[3][2] = at + d.t("provincial nomination %d; sibling in Canada %d; French %d; Canadian education %d; arranged employment %d (no points since %s); section at most %d.",
		f.ProvincialNomination, f.Sibling, f.French, f.CanadianEducation, g.Additional.JobOffer, assess.MustDate("2025-03-25"), g.MaxAdditional)
	for i := range rows {
		rows[i][2] = upperFirst(rows[i][2])
	}
	return append(rows, []string{d.t("Total"), eeRange(x.Min, x.Max), d.t("Out of %d.", g.MaxTotal)})
}

// eeFirstLanguage says which official language was scored first.
func (d *opinionDoc) eeFirstLanguage(x *crs.Estimate) string {
	switch x.FirstLanguage {
	case "english":
		return d.t("English (the higher total)")
	case "french":
		return d.t("French (the higher total)")
	}
	return d.t("Open: English or French, whichever the blank inputs make higher; or no valid test")
}

func (d *opinionDoc) eeScale(x *crs.Estimate) string {
	switch x.SpouseScale {
	case assess.Yes:
		return d.t("With an accompanying spouse (Spouse Accompanying: yes)")
	case assess.No:
		return d.t("Single (Spouse Accompanying: no, or a spouse who is a citizen or permanent resident)")
	}
	return d.t("Both scales: Spouse Accompanying is blank")
}

// eeFlagRows are the category table's rows: the flags with something
// behind them (met, projected, hours in a listed occupation, French). The
// rest are named in rest, one sentence, so that a client with no listed
// occupation does not get a page of "not met".
func (d *opinionDoc) eeFlagRows(x *crs.Estimate) (rows [][]string, rest string) {
	var none []string
	// Not assessed, grouped by reason, in the flags' order.
	var reasons []string
	byReason := map[string][]string{}
	for i, f := range x.Flags {
		shown := i == 0 || f.Status == crs.FlagMet || !f.From.IsZero() || f.Hours > 0
		switch {
		case shown:
		case f.Status == crs.FlagNotAssessed:
			why := d.tx(f.Reason)
			if _, seen := byReason[why]; !seen {
				reasons = append(reasons, why)
			}
			byReason[why] = append(byReason[why], d.tx(f.Name))
			continue
		default:
			none = append(none, d.tx(f.Name))
			continue
		}
		var status string
		switch f.Status {
		case crs.FlagMet:
			status = d.t("Met")
		case crs.FlagNotMet:
			status = d.t("Not met")
		case crs.FlagNotAssessed:
			status = d.t("Not assessed")
		}
		// "Not met from <date>" would read as a flag that stops holding
		// that day: the date is when it starts to.
		if f.Status == crs.FlagNotMet && !f.From.IsZero() {
			status += d.t(";\nmet from %s", f.From)
		}
		rows = append(rows, []string{d.tx(f.Name), status, d.tx(f.Basis)})
	}
	var parts []string
	if len(none) > 0 {
		parts = append(parts, d.t("Not met, no counted work in a listed occupation: %s.", strings.Join(none, d.t("; "))))
	}
	for _, why := range reasons {
		parts = append(parts, d.t("Not assessed: %s (%s).", strings.Join(byReason[why], d.t("; ")), why))
	}
	return rows, strings.Join(parts, " ")
}

// eeCode prints an estimate's finding by its code alone: E-GRID, E-RANGE,
// E-ECA and E-NOT-ESTIMATED cite no regulation.
func eeCode(code string, _ assess.Text) string { return code }

// eeNotes are the findings, open points and caveats, in that order.
func (d *opinionDoc) eeNotes(x *crs.Estimate) []string {
	var out []string
	for _, f := range x.Findings {
		if f.Code == crs.CodeRange || f.Code == crs.CodeNotEstimated {
			continue // printed in the body
		}
		out = append(out, d.findingLine(f, false))
	}
	for _, u := range x.Unsettled {
		out = append(out, d.t("Open point: %s", d.tx(u)))
	}
	for _, c := range x.Caveats {
		out = append(out, d.tx(c))
	}
	return out
}

// expressEntry writes the section "Express Entry readiness (estimate)".
func (d *opinionDoc) expressEntry() {
	x := d.x
	if x == nil {
		return
	}
	d.heading(d.t("Express Entry readiness (estimate)"), 20)
	if !x.Estimated {
		for _, f := range x.Findings {
			if f.Code == crs.CodeNotEstimated {
				d.para(doc.Small, d.tx(f.Text))
			}
		}
	} else {
		g := x.Grid
		head := d.t("Estimated CRS score: %s, on the grid %s (in force from %s, last confirmed unchanged %s).",
			eeRange(x.Min, x.Max), g.ID, g.EffectiveFrom, g.CheckedThrough)
		if x.Min != x.Max {
			head = d.t("Estimated CRS score: between %d and %d, over the values the blank inputs may take; grid %s (in force from %s, last confirmed unchanged %s).",
				x.Min, x.Max, g.ID, g.EffectiveFrom, g.CheckedThrough)
		}
		d.para(doc.Strong, head)
		d.add(&doc.Table{Cols: []doc.Column{{Title: d.t("Section"), Width: 38}, {Title: d.t("Points"), Width: 18, Right: true}, {Title: d.t("Factors (before the caps)"), Width: contentW - 56}}, Rows: d.eeSectionRows(x)})
		age := d.t("Unknown: Date of Birth is blank")
		if x.Age >= 0 {
			age = d.t("%d on %s", x.Age, x.AssessedOn)
		}
		d.add(&doc.Fields{LabelW: 30, Style: doc.Small, Rows: []doc.Field{
			{Label: d.t("First language"), Value: d.eeFirstLanguage(x)},
			{Label: d.t("Scale"), Value: d.eeScale(x)},
			{Label: d.t("Age"), Value: age},
			{Label: d.t("Canadian work"), Value: d.t("%s h from %s to %s: %d year(s)", d.loc.hours(x.CanadianWorkHours), x.WorkFrom, x.AssessedOn.AddDays(-1), x.CanadianWorkYears)},
		}})
		for _, f := range x.Findings {
			if f.Code == crs.CodeRange {
				d.add(&doc.Space{MM: 1})
				d.para(doc.Small, d.tx(f.Text))
			}
		}
		d.add(&doc.Space{MM: 1})
		d.eeList(d.t("Assumptions"), d.txAll(x.Assumptions))
		var items []string
		for _, w := range x.WhatIfs {
			items = append(items, d.tx(w.Text))
		}
		d.eeList(d.t("What would change the score"), items)
		var changes []string
		for _, ch := range x.Changes {
			changes = append(changes, d.tx(ch.Text))
		}
		d.eeList(d.t("When the score changes by itself (everything else as today)"), changes)
	}
	if len(x.Flags) > 0 {
		d.add(&doc.Space{MM: 1})
		rules := d.t("2026 category-based selection")
		if x.CategoryRules != "" {
			rules += " (" + x.CategoryRules + ")" // the rules' id
		}
		d.para(doc.Lead, d.t("%s: a category round invites candidates who meet its condition and are eligible for CEC, FSW or FST.", rules))
		rows, rest := d.eeFlagRows(x)
		d.add(&doc.Table{Cols: []doc.Column{{Title: d.t("Category"), Width: 45}, {Title: d.t("Flag"), Width: 22}, {Title: d.t("What it rests on"), Width: contentW - 67}}, Rows: rows})
		if rest != "" {
			d.para(doc.Small, rest)
		}
	}
	var cutoffs []string
	for _, c := range x.Cutoffs {
		cutoffs = append(cutoffs, d.tx(c.Text))
	}
	d.eeList(d.t("Recent cut-offs"), cutoffs)
	d.eeList(d.t("Caveats"), d.eeNotes(x))
}

// eeList adds a titled list, or nothing when it is empty.
func (d *opinionDoc) eeList(title string, items []string) {
	if len(items) == 0 {
		return
	}
	d.add(&doc.Heading{Text: title, Level: 3}, &doc.Bullets{Items: items, Style: doc.Small})
}

// txAll writes each of the engine's texts in the document's language.
func (d *opinionDoc) txAll(items []assess.Text) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = d.tx(it)
	}
	return out
}

// SummaryCRS is the Summary sheet's CRS cell: "533", "432–497", or "" when
// not estimated.
func SummaryCRS(x *crs.Estimate) string {
	if x == nil || !x.Estimated {
		return ""
	}
	return eeRange(x.Min, x.Max)
}

// SummaryCategoriesMet lists the ids of the categories met ("french, healthcare").
func SummaryCategoriesMet(x *crs.Estimate) string {
	if x == nil {
		return ""
	}
	var ids []string
	for _, f := range x.Flags {
		if f.Status == crs.FlagMet {
			ids = append(ids, f.ID)
		}
	}
	return strings.Join(ids, ", ")
}
