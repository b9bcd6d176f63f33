package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

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
func eeSectionRows(x *crs.Estimate) [][]string {
	g := x.Grid
	sec := func(i int) string { return eeRange(x.Sections[i][0], x.Sections[i][1]) }
	rows := [][]string{
		{"A. Core / human capital", sec(crs.SectionCore), ""},
		{"B. Spouse factors", sec(crs.SectionSpouse), ""},
		{"C. Skill transferability", sec(crs.SectionTransfer), ""},
		{"D. Additional points", sec(crs.SectionAdditional), ""},
	}
	f, at := x.Factors, ""
	if f == nil {
		// A range: show the factors of the lowest estimate, said as such.
		f, at = &x.LowestFactors, fmt.Sprintf("At the lowest estimate (%d): ", x.Min)
	}
	rows[0][2] = at + fmt.Sprintf("age %d; education %d; first official language %d; second official language %d; Canadian work %d.",
		f.Age, f.Education, f.FirstLanguage, f.SecondLanguage, f.CanadianWork)
	rows[1][2] = "Not scored: no accompanying spouse."
	if x.SpouseScale != assess.No {
		rows[1][2] = at + fmt.Sprintf("spouse's education %d; language %d; Canadian work %d.", f.SpouseEducation, f.SpouseLanguage, f.SpouseCanadianWork)
	}
	rows[2][2] = at + fmt.Sprintf("education with language %d and with Canadian work %d (together at most %d); foreign work with language %d and with Canadian work %d (at most %d); certificate of qualification %d; section at most %d.",
		f.EducationLanguage, f.EducationCanadianWork, g.Transfer.GroupCap, f.ForeignLanguage, f.ForeignCanadianWork, g.Transfer.GroupCap, f.Certificate, g.MaxTransfer)
	rows[3][2] = at + fmt.Sprintf("provincial nomination %d; sibling in Canada %d; French %d; Canadian education %d; arranged employment %d (no points since 2025-03-25); section at most %d.",
		f.ProvincialNomination, f.Sibling, f.French, f.CanadianEducation, g.Additional.JobOffer, g.MaxAdditional)
	for i := range rows {
		rows[i][2] = upperFirst(rows[i][2])
	}
	return append(rows, []string{"Total", eeRange(x.Min, x.Max), fmt.Sprintf("Out of %d.", g.MaxTotal)})
}

// eeFirstLanguage says which official language was scored first.
func eeFirstLanguage(x *crs.Estimate) string {
	switch x.FirstLanguage {
	case "english":
		return "English (the higher total)"
	case "french":
		return "French (the higher total)"
	}
	return "Open: English or French, whichever the blank inputs make higher; or no valid test"
}

func eeScale(x *crs.Estimate) string {
	switch x.SpouseScale {
	case assess.Yes:
		return "With an accompanying spouse (Spouse Accompanying: yes)"
	case assess.No:
		return "Single (Spouse Accompanying: no, or a spouse who is a citizen or permanent resident)"
	}
	return "Both scales: Spouse Accompanying is blank"
}

// eeFlagRows are the category table's rows: the flags with something
// behind them (met, projected, hours in a listed occupation, French). The
// rest are named in rest, one sentence, so that a client with no listed
// occupation does not get a page of "not met".
func eeFlagRows(x *crs.Estimate) (rows [][]string, rest string) {
	var none []string
	// Not assessed, grouped by reason, in the flags' order.
	var reasons []string
	byReason := map[string][]string{}
	for i, f := range x.Flags {
		shown := i == 0 || f.Status == crs.FlagMet || !f.From.IsZero() || f.Hours > 0
		switch {
		case shown:
		case f.Status == crs.FlagNotAssessed:
			why := strings.TrimSuffix(lowerFirst(strings.TrimPrefix(f.Basis, "Not assessed: ")), ".")
			if _, seen := byReason[why]; !seen {
				reasons = append(reasons, why)
			}
			byReason[why] = append(byReason[why], f.Name)
			continue
		default:
			none = append(none, f.Name)
			continue
		}
		status := map[string]string{crs.FlagMet: "Met", crs.FlagNotMet: "Not met", crs.FlagNotAssessed: "Not assessed"}[f.Status]
		// "Not met from <date>" would read as a flag that stops holding
		// that day: the date is when it starts to.
		if f.Status == crs.FlagNotMet && !f.From.IsZero() {
			status += ";\nmet from " + f.From.String()
		}
		rows = append(rows, []string{f.Name, status, f.Basis})
	}
	var parts []string
	if len(none) > 0 {
		parts = append(parts, "Not met, no counted work in a listed occupation: "+strings.Join(none, "; ")+".")
	}
	for _, why := range reasons {
		parts = append(parts, "Not assessed: "+strings.Join(byReason[why], "; ")+" ("+why+").")
	}
	return rows, strings.Join(parts, " ")
}

// eeCode prints an estimate's finding by its code alone: E-GRID, E-RANGE,
// E-ECA and E-NOT-ESTIMATED cite no regulation.
func eeCode(code, _ string) string { return code }

// eeNotes are the findings, open points and caveats, in that order.
func eeNotes(x *crs.Estimate) []string {
	var out []string
	for _, f := range x.Findings {
		if f.Code == crs.CodeRange || f.Code == crs.CodeNotEstimated {
			continue // printed in the body
		}
		out = append(out, findingLine(f, eeCode))
	}
	for _, u := range x.Unsettled {
		out = append(out, "Open point: "+u)
	}
	return append(out, x.Caveats...)
}

// expressEntry writes the section "Express Entry readiness (estimate)".
func (d *opinionDoc) expressEntry(p *pager) {
	x := d.x
	if x == nil {
		return
	}
	p.heading("Express Entry readiness (estimate)", 20)
	p.setFont(false, 9)
	if !x.Estimated {
		for _, f := range x.Findings {
			if f.Code == crs.CodeNotEstimated {
				p.para(f.Text, 0)
			}
		}
	} else {
		g := x.Grid
		head := fmt.Sprintf("Estimated CRS score: %s, on the grid %s (in force from %s, last confirmed unchanged %s).",
			eeRange(x.Min, x.Max), g.ID, g.EffectiveFrom, g.CheckedThrough)
		if x.Min != x.Max {
			head = fmt.Sprintf("Estimated CRS score: between %d and %d, over the values the blank inputs may take; grid %s (in force from %s, last confirmed unchanged %s).",
				x.Min, x.Max, g.ID, g.EffectiveFrom, g.CheckedThrough)
		}
		p.setFont(true, 9.5)
		p.para(head, 0)
		p.setFont(false, 8)
		p.table([]column{{title: "Section", width: 38}, {title: "Points", width: 18, right: true}, {title: "Factors (before the caps)", width: contentW - 56}}, eeSectionRows(x))
		p.setFont(false, 9)
		p.labelled("First language", eeFirstLanguage(x), 30)
		p.labelled("Scale", eeScale(x), 30)
		age := "Unknown: Date of Birth is blank"
		if x.Age >= 0 {
			age = fmt.Sprintf("%d on %s", x.Age, x.AssessedOn)
		}
		p.labelled("Age", age, 30)
		p.labelled("Canadian work", fmt.Sprintf("%s h from %s to %s: %d year(s)", hours(x.CanadianWorkHours), x.WorkFrom, x.AssessedOn.AddDays(-1), x.CanadianWorkYears), 30)
		for _, f := range x.Findings {
			if f.Code == crs.CodeRange {
				p.y += 1
				p.para(f.Text, 0)
			}
		}
		p.y += 1
		eeList(p, "Assumptions", x.Assumptions)
		var items []string
		for _, w := range x.WhatIfs {
			items = append(items, w.Text)
		}
		eeList(p, "What would change the score", items)
		var changes []string
		for _, ch := range x.Changes {
			changes = append(changes, ch.Text)
		}
		eeList(p, "When the score changes by itself (everything else as today)", changes)
	}
	if len(x.Flags) > 0 {
		p.y += 1
		p.setFont(true, 9)
		rules := "2026 category-based selection"
		if x.CategoryRules != "" {
			rules += " (" + x.CategoryRules + ")"
		}
		p.para(rules+": a category round invites candidates who meet its condition and are eligible for CEC, FSW or FST.", 0)
		rows, rest := eeFlagRows(x)
		p.setFont(false, 8)
		p.table([]column{{title: "Category", width: 45}, {title: "Flag", width: 22}, {title: "What it rests on", width: contentW - 67}}, rows)
		if rest != "" {
			p.setFont(false, 9)
			p.para(rest, 0)
		}
	}
	var cutoffs []string
	for _, c := range x.Cutoffs {
		cutoffs = append(cutoffs, c.Text)
	}
	eeList(p, "Recent cut-offs", cutoffs)
	eeList(p, "Caveats", eeNotes(x))
}

// eeList prints a titled list, or nothing when it is empty.
func eeList(p *pager, title string, items []string) {
	if len(items) == 0 {
		return
	}
	p.setFont(true, 9)
	p.para(title, 0)
	p.setFont(false, 9)
	p.bullets(items)
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
