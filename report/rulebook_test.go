package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/report/pdf"
)

// mdTableRow is a conversion table's row as the Markdown prints it.
func mdTableRow(level int, min [4]float64) string {
	return fmt.Sprintf("| %d | %s | %s | %s | %s |", level, trimNum(min[0]), trimNum(min[1]), trimNum(min[2]), trimNum(min[3]))
}

func TestRuleBookMarkdownHasEveryRuleAndTable(t *testing.T) {
	rs := assess.Current()
	md := RuleBookMarkdown(rs)
	for id, cite := range rs.Citations {
		if !strings.Contains(md, "| "+id+" | ") {
			t.Errorf("rule %s has no row in the rules table", id)
		}
		if !strings.Contains(md, cite.String()) {
			t.Errorf("the citation %q of %s is missing", cite, id)
		}
		if !slices.Contains(rs.RuleIDs, id) {
			t.Errorf("rule %s is cited but not listed in the rule set's RuleIDs", id)
		}
	}
	for _, id := range rs.RuleIDs {
		if cond := rs.Conditions[id]; cond == "" || !strings.Contains(md, "| "+id+" | "+cond+" |") {
			t.Errorf("rule %s is not printed with its condition", id)
		}
	}
	for _, tb := range rs.Tables {
		if !strings.Contains(md, string(tb.Kind)) {
			t.Errorf("table of %s missing", tb.Kind)
		}
		for _, r := range tb.Rows {
			if row := mdTableRow(r.Level, r.Min); !strings.Contains(md, row) {
				t.Errorf("%s: row %q missing", tb.Kind, row)
			}
		}
	}
	// Values typed from the rules (IRCC's pages), so that a wrong rule set or a wrong
	// printer fails here, not only a printer that drops rows.
	for _, want := range []string{
		"| Qualifying work required | 1,560 hours | W-HOURS |",
		"| Weekly cap, all jobs together | 30 hours a week | W-HOURS |",
		"| Window before the assessment date | 3 years | W-HOURS |",
		"| Level for TEER 0 to 1 experience | CLB 7 | L-THRESH |",
		"| Level for TEER 2 to 3 experience | CLB 5 | L-THRESH |",
		"| Test results valid for | 2 years | L-VALID |",
		"| Express Entry profile valid for | 12 months | next steps |",
		"| Time to submit the eAPR after an invitation | 60 days | next steps |",
		"| A test expiry or hours lapse this close is acted on now | 180 days | next steps |",
		"| Physicians' public policy: NOC codes, for candidates invited from | 31100, 31101, 31102; 2023-04-25 | W-PHYS |",
		"| Occupations (NOC unit groups shipped with the rule set) | 516 NOC 2021 V1.0 unit groups; 500 NOC 2016 codes with 585 concordance links | W-SKILL |",
		"| Hours a week above which a row may give hours per month | 60; read as the value ÷ 4.33 | W-HOURS-VERIFY |",
		"| Full-time study rows less than this apart: the days between are a break | 150 days | W-BREAK |",
		"| Overlap of two employer-specific permits that is a conflict | more than 7 days | W-PERMIT-CONFLICT |",
		"| A run of maintained status longer than this is a concern | 365 days | W-MAINT-VERIFY |",
		"| Off-campus work limits of a study permit | 20 h/week to 2022-11-14; none 2022-11-15 to 2024-04-30; 20 h/week 2024-05-01 to 2024-11-07; 24 h/week from 2024-11-08 | A-STUDY-HOURS |",
		"| Next review of the rule set due | 2027-03-06 | the rule set |",
		"| Rule | Doubt | Default | Alternative | A concern also when |",
		"| W-HOURS-VERIFY | a row with more than 60 Hours Per Week (likely hours per month) | as entered | the value ÷ 4.33 | never |",
		"| W-BREAK | days between two full-time study rows less than 150 days apart | not counted | counted | never |",
		"the combined scenario: W-AUTH-VERIFY, W-MAINT-VERIFY, R186W-VERIFY, W-PHYS, W-HOURS-VERIFY and W-PLACE-VERIFY",
		"Else a doubt alone, or the combined scenario, whose alternative gives another objective outcome: needs review",
		"Quebec (QC)",
		"| PTE Core accepted for tests from | 2024-01-30 | L-TEST |",
		"| 7 | 6 | 6 | 6 | 6 |",         // IELTS General Training, CLB 7
		"| 5 | 5 | 4 | 5 | 5 |",         // IELTS General Training, CLB 5
		"| 9 | 82 | 78 | 88 | 84 |",     // PTE Core, CLB 9
		"| 7 | 249 | 207 | 310 | 310 |", // TEF Canada (équivalence ancien score), NCLC 7
		"| 10 | 549 | 549 | 16 | 16 |",  // TCF Canada, NCLC 10
		"| NCLC | Listening ≥ | Reading ≥ | Writing ≥ | Speaking ≥ |",
		"IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada",
		"(a) group", "(b) occupation", "(c) qualifying experience",
		"effective 2024-01-30",
		"Federal High-Skilled Class",
		"last reviewed " + rs.Reviewed.String(),
	} {
		if !strings.Contains(md, want) {
			t.Errorf("rule book lacks %q", want)
		}
	}
	if strings.Contains(md, "| CLB | Listening ≥ | Reading ≥ | Writing ≥ | Speaking ≥ |\n| --- | --- | --- | --- | --- |\n| 10 | 316 |") {
		t.Error("the TEF Canada table is headed CLB, not NCLC")
	}
}

// The book prints the rule set it is given: a later rule set with other
// numbers needs no change in report.
func TestRuleBookReadsTheRuleSet(t *testing.T) {
	rs := assess.Current()
	rs.Name, rs.ID, rs.EffectiveFrom = assess.Untranslated("CEC rules in force 2030-01-01"), "cec-2030-01-01", assess.MustDate("2030-01-01")
	rs.RequiredHours, rs.WeeklyCap, rs.CLBHighSkill, rs.TestValidityYears = 2080, 40, 8, 3
	b := NewRuleBook(rs)
	// The sentences of the requirements, the rules and the readings are the
	// rule set's own texts, written when it was built: leave them out of
	// the check, which is about the numbers the book reads.
	b.Sections = slices.DeleteFunc(b.Sections, func(s RuleBookSection) bool {
		return strings.HasPrefix(s.Heading, "The requirements") || s.Heading == "The rules" || strings.HasPrefix(s.Heading, "Mixed TEER")
	})
	md := b.Markdown()
	for _, want := range []string{"2,080 hours", "40 hours a week", "CLB 8", "3 years", "cec-2030-01-01", "effective 2030-01-01"} {
		if !strings.Contains(md, want) {
			t.Errorf("rule book lacks %q", want)
		}
	}
	for _, stale := range []string{"1,560", "30 hours a week", "CLB 7"} {
		if strings.Contains(md, stale) {
			t.Errorf("rule book prints %q, which is not in the rule set given", stale)
		}
	}
}

func TestRuleBookPDF(t *testing.T) {
	rs := assess.Current()
	for _, paper := range []Paper{Letter, A4} {
		var one, two bytes.Buffer
		if err := WriteRuleBookPDF(&one, rs, paper); err != nil {
			t.Fatal(err)
		}
		if err := WriteRuleBookPDF(&two, rs, paper); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.Bytes(), two.Bytes()) {
			t.Errorf("%s: two rule book PDFs of the same rule set differ", paper.Name)
		}
		text := pdftotext(t, one.Bytes(), 0, 0)
		for id := range rs.Citations {
			if !strings.Contains(text, id) {
				t.Errorf("%s: the PDF lacks rule %s", paper.Name, id)
			}
		}
		for _, want := range []string{"Page 1 of", "Quantity", "1,560 hours", "équivalence ancien score", "Federal High-Skilled Class"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", paper.Name, want)
			}
		}
	}
}

// A section appended to the book (the CRS grid, later) prints in both
// outputs with no other change.
func TestRuleBookAppendSection(t *testing.T) {
	b := NewRuleBook(assess.Current())
	b.Sections = append(b.Sections, RuleBookSection{Heading: "CRS grid", Blocks: []RuleBookBlock{
		{Table: &RuleBookTable{Header: []string{"Factor", "Points"}, Rows: [][]string{{"Age 29", "110"}}}},
	}})
	if md := b.Markdown(); !strings.Contains(md, "## CRS grid") || !strings.Contains(md, "| Age 29 | 110 |") {
		t.Error("the appended section is not in the Markdown")
	}
	r, err := pdf.New(A4)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.writePDF(&buf, r, assess.MustDate("2026-12-01")); err != nil {
		t.Fatal(err)
	}
	if text := pdftotext(t, buf.Bytes(), 0, 0); !strings.Contains(text, "CRS grid") || !strings.Contains(text, "Age 29") {
		t.Error("the appended section is not in the PDF")
	}
}
