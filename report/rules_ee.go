package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// WriteExpressEntryRules prints the Express Entry rules in force as plain
// text, for `cecbatch rules`: every CRS grid with every cell, the category
// lists and the table of rounds, each with its dates.
func WriteExpressEntryRules(w io.Writer, ee *assess.ExpressEntryRules) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	pair := func(v [2]int) string { return fmt.Sprintf("%3d / %3d", v[0], v[1]) }
	p("EXPRESS ENTRY READINESS (an estimate beside the CEC verdict; it never changes the verdict)\n")
	for _, g := range ee.Grids {
		checked := g.CheckedThrough
		if ee.GridCheckedOn > checked {
			checked = ee.GridCheckedOn
		}
		p("\nCRS grid %s: in force from %s; last confirmed unchanged %s (E-GRID after that day)\n", g.ID, g.EffectiveFrom, checked)
		if g.Source != "" {
			p("  Source: %s.\n", g.Source)
		}
		if g.ReportedChange != "" {
			p("  Unconfirmed: %s (reported for %s).\n", g.ReportedChange, g.ReportedChangeOn)
		}
		p("  Points are single / with an accompanying spouse. Maxima: A core %s, B spouse %d, C transferability %d, D additional %d; total %d.\n",
			pair(g.MaxCore), g.MaxSpouse, g.MaxTransfer, g.MaxAdditional, g.MaxTotal)
		p("\n  A. Age (completed years on the assessment date)\n")
		for i, a := range g.Age {
			label := fmt.Sprint(g.MinAge + i)
			switch i {
			case 0:
				label += " or less"
			case len(g.Age) - 1:
				label += " or more"
			}
			p("    %-12s %s\n", label, pair(a))
		}
		p("  A. Level of education (with an ECA, or earned in Canada)\n")
		for i, l := range assess.EducationLevels {
			p("    %-12s %s\n", l, pair(g.Education[i]))
		}
		p("  A. First official language, per ability\n")
		for i, name := range assess.LanguageColumnNames {
			p("    %-15s %s\n", strings.ReplaceAll(name, "_", " "), pair(g.FirstLanguage[i]))
		}
		p("  A. Second official language, per ability (both scales; at most %s)\n", pair(g.SecondLanguageCap))
		for i, name := range assess.LanguageColumnNames {
			p("    %-15s %3d\n", strings.ReplaceAll(name, "_", " "), g.SecondLanguage[i])
		}
		p("  A. Canadian work (years of %s h within %d years before the assessment date)\n", fmtCount(g.HoursPerYear), g.WorkWindowYears)
		for i, v := range g.CanadianWork {
			p("    %-12s %s\n", yearsLabel(i, len(g.CanadianWork)), pair(v))
		}
		p("  B. Spouse: education / language per ability / Canadian work\n")
		for i, l := range assess.EducationLevels {
			p("    %-12s %3d\n", l, g.SpouseEducation[i])
		}
		for i, name := range assess.LanguageColumnNames {
			p("    %-15s %3d\n", strings.ReplaceAll(name, "_", " "), g.SpouseLanguage[i])
		}
		for i, v := range g.SpouseCanadianWork {
			p("    %-12s %3d\n", yearsLabel(i, len(g.SpouseCanadianWork)), v)
		}
		t := &g.Transfer
		p("  C. Skill transferability (small / large; each group at most %d)\n", t.GroupCap)
		p("    education + CLB %d+ (all four, one below %d)   %d / %d\n", t.Tier7CLB, t.Tier9CLB, t.EducationTier7[0], t.EducationTier7[1])
		p("    education + CLB %d+ (all four)                %d / %d\n", t.Tier9CLB, t.EducationTier9[0], t.EducationTier9[1])
		p("    education + 1 year of Canadian work         %d / %d\n", t.EducationCdnWork1[0], t.EducationCdnWork1[1])
		p("    education + 2 years or more                 %d / %d\n", t.EducationCdnWork2[0], t.EducationCdnWork2[1])
		p("    foreign work (%d–%d years / %d+) + CLB %d+         %d / %d\n", t.ForeignSmallYears, t.ForeignLargeYears-1, t.ForeignLargeYears, t.Tier7CLB, t.ForeignTier7[0], t.ForeignTier7[1])
		p("    foreign work + CLB %d+                       %d / %d\n", t.Tier9CLB, t.ForeignTier9[0], t.ForeignTier9[1])
		p("    foreign work + 1 year of Canadian work      %d / %d\n", t.ForeignCdnWork1[0], t.ForeignCdnWork1[1])
		p("    foreign work + 2 years or more              %d / %d\n", t.ForeignCdnWork2[0], t.ForeignCdnWork2[1])
		p("    certificate of qualification: CLB %d+ %d; CLB %d+ %d\n", t.CertificateLowCLB, t.CertificateLow, t.CertificateHighCLB, t.CertificateHigh)
		ad := &g.Additional
		p("  D. Additional points (at most %d)\n", g.MaxAdditional)
		p("    provincial nomination %d; arranged employment %d; sibling in Canada %d\n", ad.Nomination, ad.JobOffer, ad.Sibling)
		p("    French NCLC %d+ in all four: %d, or %d with English CLB %d+ in all four\n", ad.FrenchMinNCLC, ad.FrenchWeakEnglish, ad.FrenchStrongEnglish, ad.EnglishMinCLB)
		p("    Canadian education: one or two years %d; three years or more %d\n", ad.CanadianEducationShort, ad.CanadianEducationLong)
	}
	for _, c := range ee.Categories {
		p("\nCategory-based selection %s: from %s; %s h in one listed occupation within %d years before the round\n",
			c.ID, c.EffectiveFrom, fmtCount(c.RequiredHours), c.WindowYears)
		if c.Source != "" {
			p("  Source: %s.\n", c.Source)
		}
		p("  %s: a valid TEF Canada or TCF Canada at NCLC %d+ in all four abilities\n", c.FrenchID, c.FrenchMinNCLC)
		for _, cat := range c.Categories {
			where := "Canada or abroad"
			if cat.CanadaOnly {
				where = "Canada only"
			}
			if cat.NotAssessed != "" {
				where = "never assessed: " + cat.NotAssessed
			}
			p("  %s (%s; %s): %s\n", cat.ID, cat.Name, where, strings.Join(cat.NOCs, ", "))
		}
	}
	if d := ee.Draws; d != nil {
		p("\nRounds of invitations as of %s (%d rounds; lowest CRS score invited)\n", d.AsOf, len(d.Rounds))
		for _, r := range d.Rounds {
			p("  %s  #%d  %-16s %6d invited  cut-off %d\n", r.Date, r.Number, r.Type, r.Invitations, r.Cutoff)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteExpressEntryRulesMarkdown is WriteExpressEntryRules as a section of
// the Markdown rule book: a heading, then the tables as preformatted text.
func WriteExpressEntryRulesMarkdown(w io.Writer, ee *assess.ExpressEntryRules) error {
	var b strings.Builder
	if err := WriteExpressEntryRules(&b, ee); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n## Express Entry readiness (CRS estimate)\n\n```text\n%s```\n", b.String())
	return err
}

func yearsLabel(i, n int) string {
	switch {
	case i == n-1:
		return fmt.Sprintf("%d or more", i)
	case i == 0:
		return "less than 1"
	}
	return fmt.Sprint(i)
}

// fmtCount prints a whole quantity with thousands separators ("1,560").
func fmtCount(v float64) string { return wholeHours(v) }
