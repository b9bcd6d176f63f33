package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// ExpressEntrySections are the rule book's sections for the Express Entry
// estimate (cecbatch rules): every CRS grid with every cell, the category
// lists and the table of rounds, each with its dates, read from the rules
// in force (the shipped ones and a firm's rules file).
func ExpressEntrySections(ee *crs.Rules) []RuleBookSection {
	var out []RuleBookSection
	itoa := strconv.Itoa
	pair := func(v [2]int) []string { return []string{itoa(v[0]), itoa(v[1])} }
	scaled := func(header string, labels []string, cells []crs.Points2) *RuleBookTable {
		t := &RuleBookTable{Header: []string{header, "Single", "With spouse"}, Widths: []float64{2, 1, 1}}
		for i, l := range labels {
			t.Rows = append(t.Rows, append([]string{l}, pair(cells[i])...))
		}
		return t
	}
	one := func(header, points string, labels []string, cells []int) *RuleBookTable {
		t := &RuleBookTable{Header: []string{header, points}, Widths: []float64{2, 1}}
		for i, l := range labels {
			t.Rows = append(t.Rows, []string{l, itoa(cells[i])})
		}
		return t
	}
	edu := make([]string, len(assess.EducationLevels))
	for i, l := range assess.EducationLevels {
		edu[i] = l.String()
	}
	clb := make([]string, crs.LanguageColumns)
	for i := range clb {
		clb[i] = "CLB/NCLC " + itoa(i+3)
	}
	clb[0], clb[len(clb)-1] = "CLB/NCLC 3 or less", "CLB/NCLC 10 or more"
	years := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = itoa(i)
		}
		out[0], out[n-1] = "less than 1", itoa(n-1)+" or more"
		return out
	}

	for _, g := range ee.Grids {
		checked := max(g.CheckedThrough, ee.GridCheckedOn)
		intro := []RuleBookBlock{{Text: fmt.Sprintf("Grid %s, in force for assessment dates from %s; last confirmed unchanged on %s "+
			"(an assessment after that day carries the caveat E-GRID). The estimate sits beside the CEC verdict and never changes it.",
			g.ID, g.EffectiveFrom, checked)}}
		if g.Source != "" {
			intro = append(intro, RuleBookBlock{Text: "Source: " + g.Source + "."})
		}
		if g.ReportedChange != "" {
			intro = append(intro, RuleBookBlock{Text: fmt.Sprintf("Unconfirmed: %s (reported for %s).", g.ReportedChange, g.ReportedChangeOn)})
		}
		intro = append(intro, RuleBookBlock{Text: fmt.Sprintf("Maxima: A core %d single, %d with an accompanying spouse; B spouse %d; "+
			"C transferability %d; D additional %d; total %d. A year of Canadian work is %s hours, within the %d years before the assessment date.",
			g.MaxCore[0], g.MaxCore[1], g.MaxSpouse, g.MaxTransfer, g.MaxAdditional, g.MaxTotal, wholeHours(g.HoursPerYear), g.WorkWindowYears)})
		out = append(out, RuleBookSection{Heading: "Express Entry: the CRS grid " + g.ID, Blocks: intro})

		ages := make([]string, len(g.Age))
		for i := range ages {
			ages[i] = itoa(g.MinAge + i)
		}
		ages[0] += " or less"
		ages[len(ages)-1] += " or more"
		t := &g.Transfer
		ad := &g.Additional
		band := func(label string, b crs.Band2) []string { return []string{label, itoa(b[0]), itoa(b[1])} }
		out = append(out,
			RuleBookSection{Heading: "CRS A: core factors", Blocks: []RuleBookBlock{
				{Text: "Age, in completed years on the assessment date:"}, {Table: scaled("Age", ages, g.Age)},
				{Text: "Level of education (with an ECA, or earned in Canada):"}, {Table: scaled("Education", edu, g.Education[:])},
				{Text: "First official language, per ability (listening, reading, writing, speaking):"},
				{Table: scaled("Level", clb, g.FirstLanguage[:])},
				{Text: fmt.Sprintf("Second official language, per ability, both scales; at most %d single, %d with spouse:", g.SecondLanguageCap[0], g.SecondLanguageCap[1])},
				{Table: one("Level", "Points", clb, g.SecondLanguage[:])},
				{Text: "Canadian work, whole years:"}, {Table: scaled("Years", years(len(g.CanadianWork)), g.CanadianWork)},
			}},
			RuleBookSection{Heading: "CRS B: the accompanying spouse", Blocks: []RuleBookBlock{
				{Table: one("Spouse's education", "Points", edu, g.SpouseEducation[:])},
				{Table: one("Spouse's language, per ability", "Points", clb, g.SpouseLanguage[:])},
				{Table: one("Spouse's Canadian work, years", "Points", years(len(g.SpouseCanadianWork)), g.SpouseCanadianWork)},
			}},
			RuleBookSection{Heading: "CRS C: skill transferability", Blocks: []RuleBookBlock{
				{Text: fmt.Sprintf("Language tiers use the lowest first-language ability: tier %d (all four at %d or more, one below %d) and tier %d. "+
					"Education: small column for one credential of a year or more, large for two or more, a master's or a doctorate. "+
					"Foreign work: small for %d to %d years, large for %d or more. Each group is capped at %d, the section at %d.",
					t.Tier7CLB, t.Tier7CLB, t.Tier9CLB, t.Tier9CLB, t.ForeignSmallYears, t.ForeignLargeYears-1, t.ForeignLargeYears, t.GroupCap, g.MaxTransfer)},
				{Table: &RuleBookTable{Header: []string{"Combination", "Small", "Large"}, Widths: []float64{3, 1, 1}, Rows: [][]string{
					band("education + language tier "+itoa(t.Tier7CLB), t.EducationTier7),
					band("education + language tier "+itoa(t.Tier9CLB), t.EducationTier9),
					band("education + 1 year of Canadian work", t.EducationCdnWork1),
					band("education + 2 years or more", t.EducationCdnWork2),
					band("foreign work + language tier "+itoa(t.Tier7CLB), t.ForeignTier7),
					band("foreign work + language tier "+itoa(t.Tier9CLB), t.ForeignTier9),
					band("foreign work + 1 year of Canadian work", t.ForeignCdnWork1),
					band("foreign work + 2 years or more", t.ForeignCdnWork2),
				}}},
				{Text: fmt.Sprintf("Certificate of qualification: %d with all four abilities at CLB %d or more (one below %d); %d with all four at CLB %d or more.",
					t.CertificateLow, t.CertificateLowCLB, t.CertificateHighCLB, t.CertificateHigh, t.CertificateHighCLB)},
			}},
			RuleBookSection{Heading: "CRS D: additional points", Blocks: []RuleBookBlock{
				{Table: &RuleBookTable{Header: []string{"Factor", "Points"}, Widths: []float64{3, 1}, Rows: [][]string{
					{"provincial or territorial nomination", itoa(ad.Nomination)},
					{"arranged employment (none since 2025-03-25)", itoa(ad.JobOffer)},
					{"brother or sister in Canada", itoa(ad.Sibling)},
					{fmt.Sprintf("French NCLC %d+ in all four, English below CLB %d or none", ad.FrenchMinNCLC, ad.EnglishMinCLB), itoa(ad.FrenchWeakEnglish)},
					{fmt.Sprintf("French NCLC %d+ in all four, English CLB %d+ in all four", ad.FrenchMinNCLC, ad.EnglishMinCLB), itoa(ad.FrenchStrongEnglish)},
					{"Canadian education: one or two years", itoa(ad.CanadianEducationShort)},
					{"Canadian education: three years or more, master's, doctorate", itoa(ad.CanadianEducationLong)},
					{"section maximum", itoa(g.MaxAdditional)},
				}}},
			}},
		)
	}
	for _, c := range ee.Categories {
		blocks := []RuleBookBlock{{Text: fmt.Sprintf("Rules %s, for rounds from %s: at least %s hours of work in one listed NOC 2021 occupation "+
			"within the %d years before the round (continuity not required); French: a valid TEF Canada or TCF Canada at NCLC %d "+
			"or more in all four abilities. A flag says the category's own condition is met; the round also needs CEC, FSW or FST eligibility.",
			c.ID, c.EffectiveFrom, wholeHours(c.RequiredHours), c.WindowYears, c.FrenchMinNCLC)}}
		if c.Source != "" {
			blocks = append(blocks, RuleBookBlock{Text: "Source: " + c.Source + "."})
		}
		t := &RuleBookTable{Header: []string{"Category", "Work counted", "NOC 2021 codes"}, Widths: []float64{2, 1.2, 3}}
		for _, cat := range c.Categories {
			where := "in Canada or abroad"
			switch {
			case cat.NotAssessed != "":
				where = "never assessed: " + cat.NotAssessed
			case cat.CanadaOnly:
				where = "in Canada only"
			}
			t.Rows = append(t.Rows, []string{cat.Name + " (" + cat.ID + ")", where, strings.Join(cat.NOCs, ", ")})
		}
		out = append(out, RuleBookSection{Heading: "Express Entry: category-based selection " + c.ID, Blocks: append(blocks, RuleBookBlock{Table: t})})
	}
	if d := ee.Draws; d != nil {
		blocks := []RuleBookBlock{{Text: fmt.Sprintf("The %d rounds below are known up to %s; every comparison in an opinion prints that date.", len(d.Rounds), d.AsOf)}}
		if d.Source != "" {
			blocks = append(blocks, RuleBookBlock{Text: "Source: " + d.Source + "."})
		}
		t := &RuleBookTable{Header: []string{"Date", "Round", "Type", "Invitations", "Lowest CRS invited"}, Widths: []float64{1.3, 0.8, 1.6, 1, 1}}
		for _, r := range d.Rounds {
			t.Rows = append(t.Rows, []string{r.Date.String(), itoa(r.Number), r.Type, itoa(r.Invitations), itoa(r.Cutoff)})
		}
		out = append(out, RuleBookSection{Heading: "Express Entry: recent rounds of invitations", Blocks: append(blocks, RuleBookBlock{Table: t})})
	}
	return out
}
