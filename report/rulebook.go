package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// The rule book (cecbatch rules) is generated from the rule set the engine
// applies, never typed twice: every number, date, table and citation below
// is read from the assess.RuleSet. It is built as sections of paragraphs,
// lists and tables, which Markdown and WritePDF print alike, so a later part
// (the CRS grid) is one more section appended to RuleBook.Sections.

// RuleBook is the rule book of one rule set.
type RuleBook struct {
	Title string
	// Subtitle names the rule set and its dates (the PDF's running header).
	Subtitle string
	Sections []RuleBookSection
}

// RuleBookSection is one titled part of the rule book.
type RuleBookSection struct {
	Heading string
	Blocks  []RuleBookBlock
}

// RuleBookBlock is a paragraph (Text), a list (List) or a table (Table):
// exactly one is set.
type RuleBookBlock struct {
	Text  string
	List  []string
	Table *RuleBookTable
}

// RuleBookTable is a table with a header row.
type RuleBookTable struct {
	Header []string
	Rows   [][]string
	// Widths are the columns' shares of the PDF's text width (any scale);
	// nil shares it equally.
	Widths []float64
}

// ruleOrder is the order of the rule ids in the book (RULES: W, L, Q, A,
// S); ids a rule set adds that are not listed here follow, sorted.
var ruleOrder = []string{
	assess.RuleSkill, assess.RuleCanada, assess.RulePaid, assess.RuleSelf, assess.RulePhysician,
	assess.RuleAuth, assess.RuleAuthVerify, assess.RuleWorkStatus, assess.RuleStudent, assess.RuleLeave,
	assess.RuleHours, assess.RuleNOC2016,
	assess.RuleTest, assess.RuleValid, assess.RuleLevel, assess.RuleThresh, assess.RuleMixed,
	assess.RuleProvince, assess.RuleAdmiss, assess.RuleUnauth, assess.RuleStatus,
}

// ruleConditions states each rule's condition in words, with the rule
// set's numbers. The rule set holds the citations but not these sentences.
func ruleConditions(rs *assess.RuleSet) map[string]string {
	weekCap := trimNum(rs.WeeklyCap)
	required := wholeHours(rs.RequiredHours)
	return map[string]string{
		assess.RuleSkill: fmt.Sprintf("The occupation is NOC 2021 TEER 0 to %d.", rs.MaxTEER),
		assess.RuleCanada: "The work was done in Canada (work in Quebec counts). A location that is neither a Canadian " +
			"place nor another country is a data error asking for the province code, never \"outside Canada\".",
		assess.RulePaid: "Paid work, by wages or commission: not volunteer work, not an unpaid internship.",
		assess.RuleSelf: "Not self-employment (independent contractors are self-employed), except a self-employed " +
			"physician under the public policy (" + assess.RulePhysician + ").",
		assess.RulePhysician: "A self-employed physician (NOC 31100, 31101, 31102) providing publicly funded services " +
			"is counted under the temporary public policy for physicians; the verdict is needs_review so that the " +
			"lawyer confirms the policy's conditions.",
		assess.RuleAuth: "Authorized on the day: the Work Authorization is not none, and the day is not after the " +
			"row's Permit Expiry, nor after a Status Expiry before the assessment date, unless the row or the " +
			"client is on maintained status. A blank authorization is counted (" + assess.RuleAuthVerify + ").",
		assess.RuleAuthVerify: "A blank Work Authorization on a counted job is a concern when the verdict or the " +
			"required CLB would differ without those rows, or when the client's status is visitor or none.",
		assess.RuleWorkStatus: "Work on a permit issued to a refugee claimant does not count: it was not done with " +
			"temporary resident status, although authorized.",
		assess.RuleStudent: "Not on days of full-time study, and not on a row authorized by a study permit. Work " +
			"after completing the program while a PGWP application is pending (R186(w)) counts.",
		assess.RuleLeave: "Days of unpaid leave (an Employment Type of leave) come out of every job at the same " +
			"employer; the leave row itself counts for nothing.",
		assess.RuleHours: fmt.Sprintf("For each day of the window, the weekly hours of every job that counts that "+
			"day are added, capped at %s, and %s/7 hours credited: at least %s hours are required (one year at %s "+
			"hours a week). Hours over %s a week never make up for a shorter period.", weekCap, weekCap, required, weekCap, weekCap),
		assess.RuleNOC2016: "A 4-digit NOC 2016 code is mapped by skill level (0 to TEER 0, A to TEER 1, B to " +
			"TEER 2 or 3) with a note asking for the NOC 2021 code; skill levels C and D are a data error.",
		assess.RuleTest: "Accepted tests: " + acceptedTests(rs) + fmt.Sprintf(" (PTE Core for tests taken from %s). ", rs.PTECoreFrom) +
			"Every other test is refused (listed below).",
		assess.RuleValid: fmt.Sprintf("A test taken on T is valid on the assessment date A when T ≤ A < T + %d years.", rs.TestValidityYears),
		assess.RuleLevel: "Each ability's level comes from the test's table (below); a test's level is the lowest of " +
			"its four abilities; abilities are never combined across sittings; the client's level is the best " +
			"valid accepted test. Levels from a French test are NCLC.",
		assess.RuleThresh: fmt.Sprintf("CLB %d in all four abilities for TEER 0 to %d experience, CLB %d for TEER %d to %d experience.",
			rs.CLBHighSkill, rs.HighSkillMaxTEER, rs.CLBSkilled, rs.HighSkillMaxTEER+1, rs.MaxTEER),
		assess.RuleMixed: "Experience in both TEER groups: three readings decide the level (below). All pass: met; " +
			"all fail: not eligible; they disagree: needs_review, and the opinion shows each reading.",
		assess.RuleProvince: fmt.Sprintf("The client intends to live outside Quebec (province code %s); Quebec "+
			"selects its own skilled workers.", rs.QuebecCode),
		assess.RuleAdmiss: "Any admissibility concern recorded: needs_review. The engine does not decide inadmissibility.",
		assess.RuleUnauth: "Any day of work without authorization, inside the window or not: needs_review.",
		assess.RuleStatus: "In Canada with status none or refugee claimant, or a status that expired before the " +
			"assessment date without maintained status: needs_review. It never ends eligibility.",
	}
}

// NewRuleBook builds the rule book of rs.
func NewRuleBook(rs *assess.RuleSet) *RuleBook {
	b := &RuleBook{
		Title:    "Canadian Experience Class: the rules cecbatch applies",
		Subtitle: fmt.Sprintf("%s (%s), effective %s, last reviewed %s", rs.Name, rs.ID, rs.EffectiveFrom, rs.Reviewed),
	}
	intro := []RuleBookBlock{{Text: fmt.Sprintf("Rule set %s (id %s), in force for assessment dates from %s; "+
		"its content was last reviewed against IRCC's pages on %s. This book is generated from that rule set: "+
		"the numbers and tables below are the ones the engine applies.", rs.Name, rs.ID, rs.EffectiveFrom, rs.Reviewed)}}
	if rs.Caveat != "" {
		intro = append(intro, RuleBookBlock{Text: "Pending change: " + rs.Caveat})
	}
	b.Sections = append(b.Sections,
		RuleBookSection{Heading: "The rule set", Blocks: intro},
		numbersSection(rs),
		requirementsSection(rs),
		rulesSection(rs),
		mixedSection(rs),
		testsSection(rs),
	)
	b.Sections = append(b.Sections, tableSections(rs)...)
	b.Sections = append(b.Sections, RuleBookSection{Heading: "Not decided by the engine", Blocks: []RuleBookBlock{{Text: rs.NotDecided()}}})
	return b
}

func numbersSection(rs *assess.RuleSet) RuleBookSection {
	rows := [][]string{
		{"Qualifying work required", wholeHours(rs.RequiredHours) + " hours", assess.RuleHours},
		{"Weekly cap, all jobs together", trimNum(rs.WeeklyCap) + " hours a week", assess.RuleHours},
		{"Window before the assessment date", strconv.Itoa(rs.WindowYears) + " years", assess.RuleHours},
		{"TEERs that count", "0 to " + strconv.Itoa(rs.MaxTEER), assess.RuleSkill},
		{fmt.Sprintf("Level for TEER 0 to %d experience", rs.HighSkillMaxTEER), "CLB " + strconv.Itoa(rs.CLBHighSkill), assess.RuleThresh},
		{fmt.Sprintf("Level for TEER %d to %d experience", rs.HighSkillMaxTEER+1, rs.MaxTEER), "CLB " + strconv.Itoa(rs.CLBSkilled), assess.RuleThresh},
		{"Test results valid for", strconv.Itoa(rs.TestValidityYears) + " years", assess.RuleValid},
		{"PTE Core accepted for tests from", rs.PTECoreFrom.String(), assess.RuleTest},
		{"Projection of eligible from, after the assessment date", strconv.Itoa(rs.ProjectionYears) + " years", "eligible_from"},
		{"Intended province that fails", rs.QuebecCode, assess.RuleProvince},
		{"Province and territory codes", strings.Join(rs.Provinces, ", "), assess.RuleProvince},
	}
	return RuleBookSection{Heading: "The numbers", Blocks: []RuleBookBlock{{Table: &RuleBookTable{
		Header: []string{"Quantity", "Value", "Rule"}, Rows: rows, Widths: []float64{90, 55, 25},
	}}}}
}

func requirementsSection(rs *assess.RuleSet) RuleBookSection {
	var rows [][]string
	for _, key := range []string{assess.ReqWork, assess.ReqLanguage, assess.ReqProvince, assess.ReqAdmissibility} {
		rows = append(rows, []string{rs.Titles[key], rs.RequirementRules[key], rs.RequirementCitations[key]})
	}
	return RuleBookSection{Heading: "The requirements, as each opinion states them", Blocks: []RuleBookBlock{{Table: &RuleBookTable{
		Header: []string{"Requirement", "Rule", "Authority"}, Rows: rows, Widths: []float64{30, 100, 40},
	}}}}
}

func rulesSection(rs *assess.RuleSet) RuleBookSection {
	conditions := ruleConditions(rs)
	var ids []string
	for _, id := range ruleOrder {
		if _, ok := rs.Citations[id]; ok {
			ids = append(ids, id)
		}
	}
	var extra []string
	for id := range rs.Citations {
		if !slices.Contains(ruleOrder, id) {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	var rows [][]string
	for _, id := range append(ids, extra...) {
		cond := conditions[id]
		if cond == "" {
			cond = "(This rule book has no description of this rule; see its citation.)"
		}
		rows = append(rows, []string{id, cond, rs.Citations[id]})
	}
	verdict := []string{
		"Any data problem on the client's rows: needs_review.",
		fmt.Sprintf("Else any objective requirement fails (%s below %s hours, language not met, %s): not_eligible. A language failure that is exactly the %s case is a concern, not a failure.",
			assess.RuleHours, wholeHours(rs.RequiredHours), assess.RuleProvince, assess.RuleMixed),
		"Else any concern (" + strings.Join([]string{assess.RuleAdmiss, assess.RuleUnauth, assess.RuleStatus, assess.RuleMixed, assess.RuleAuthVerify, assess.RulePhysician}, ", ") + "): needs_review.",
		"Else eligible.",
	}
	return RuleBookSection{Heading: "The rules", Blocks: []RuleBookBlock{
		{Text: "Every finding carries one of these ids; the opinion prints the authority beside it."},
		{Table: &RuleBookTable{Header: []string{"Rule", "Condition", "Authority"}, Rows: rows, Widths: []float64{26, 104, 40}}},
		{Text: "The verdict, in this order:"},
		{List: verdict},
	}}
}

func mixedSection(rs *assess.RuleSet) RuleBookSection {
	hi, lo := rs.CLBHighSkill, rs.CLBSkilled
	required := wholeHours(rs.RequiredHours)
	return RuleBookSection{Heading: "Mixed TEER experience (" + assess.RuleMixed + "): the three readings", Blocks: []RuleBookBlock{
		{Text: "The law does not settle which threshold applies to experience in both TEER groups, so the engine applies three readings:"},
		{List: []string{
			fmt.Sprintf("(a) group: the group (TEER 0/1 or 2/3) with more qualifying hours sets the level; a tie needs CLB %d (IRCC memo REP-2015-2027: \"most, i.e. more than half\"). This is required_clb in results.jsonl.", hi),
			"(b) occupation: the single occupation (NOC code) with the most qualifying hours sets the level.",
			fmt.Sprintf("(c) qualifying experience: a group whose hours alone reach %s may be relied on alone; the level is the lower of the thresholds of the groups that do (TEER 2/3 alone: CLB %d). When neither group reaches %s alone, reading (c) is reading (a).", required, lo, required),
		}},
	}}
}

func testsSection(rs *assess.RuleSet) RuleBookSection {
	kinds := make([]assess.TestKind, 0, len(rs.Refusals))
	for k := range rs.Refusals {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	var refused []string
	for _, k := range kinds {
		refused = append(refused, string(k)+": "+rs.Refusals[k]+".")
	}
	return RuleBookSection{Heading: "Language tests", Blocks: []RuleBookBlock{
		{Text: "Accepted: " + acceptedTests(rs) + ". Not accepted:"},
		{List: refused},
	}}
}

// tableSections gives one section per conversion table.
func tableSections(rs *assess.RuleSet) []RuleBookSection {
	var out []RuleBookSection
	for _, t := range rs.Tables {
		scale := levelScale(t.Kind)
		heading := string(t.Kind) + ": " + scale + " levels"
		switch {
		case !t.From.IsZero() && !t.Before.IsZero():
			heading += fmt.Sprintf(" (tests taken from %s to before %s)", t.From, t.Before)
		case !t.From.IsZero():
			heading += fmt.Sprintf(" (tests taken from %s)", t.From)
		case !t.Before.IsZero():
			heading += fmt.Sprintf(" (tests taken before %s)", t.Before)
		}
		header := []string{scale}
		for _, ab := range assess.Abilities {
			header = append(header, upperFirst(ab.String())+" ≥")
		}
		var rows [][]string
		for _, r := range t.Rows {
			row := []string{strconv.Itoa(r.Level)}
			for _, ab := range assess.Abilities {
				row = append(row, trimNum(r.Min[ab]))
			}
			rows = append(rows, row)
		}
		var scaleText []string
		for _, ab := range assess.Abilities {
			sc := t.Scale[ab]
			scaleText = append(scaleText, fmt.Sprintf("%s %s–%s", ab, trimNum(sc.Min), trimNum(sc.Max)))
		}
		below := fmt.Sprintf("The level is the highest row whose minimum the score meets; a score under the lowest row is below %s 4 (level 0).", scale)
		if len(t.BelowLabels) > 0 {
			below += " " + strings.Join(t.BelowLabels, " and ") + " also mean below " + scale + " 4."
		}
		blocks := []RuleBookBlock{
			{Table: &RuleBookTable{Header: header, Rows: rows}},
			{Text: "Scores: " + strings.Join(scaleText, "; ") + ". " + below},
		}
		if t.ScaleNote != "" {
			blocks = append(blocks, RuleBookBlock{Text: upperFirst(t.ScaleNote) + "."})
		}
		out = append(out, RuleBookSection{Heading: heading, Blocks: blocks})
	}
	return out
}

// RuleBookMarkdown is the rule book of rs in Markdown (cecbatch rules).
func RuleBookMarkdown(rs *assess.RuleSet) string { return NewRuleBook(rs).Markdown() }

// Markdown prints the book: a title, a heading per section, paragraphs,
// bulleted lists and pipe tables.
func (b *RuleBook) Markdown() string {
	var s strings.Builder
	fmt.Fprintf(&s, "# %s\n\n%s\n", b.Title, b.Subtitle)
	for _, sec := range b.Sections {
		fmt.Fprintf(&s, "\n## %s\n", sec.Heading)
		for _, bl := range sec.Blocks {
			s.WriteString("\n")
			switch {
			case bl.Table != nil:
				mdRow(&s, bl.Table.Header)
				s.WriteString("|" + strings.Repeat(" --- |", len(bl.Table.Header)) + "\n")
				for _, r := range bl.Table.Rows {
					mdRow(&s, r)
				}
			case bl.List != nil:
				for _, it := range bl.List {
					s.WriteString("- " + mdEscape(it) + "\n")
				}
			default:
				s.WriteString(mdEscape(bl.Text) + "\n")
			}
		}
	}
	return s.String()
}

func mdRow(s *strings.Builder, cells []string) {
	s.WriteString("|")
	for _, c := range cells {
		s.WriteString(" " + strings.ReplaceAll(mdEscape(c), "|", `\|`) + " |")
	}
	s.WriteString("\n")
}

// mdEscape keeps a text on one line.
func mdEscape(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteRuleBookPDF writes the rule book of rs as a PDF on paper, with the
// opinion's fonts and page layout. The PDF's date is the rule set's review
// date, so the same rule set gives the same bytes.
func WriteRuleBookPDF(w io.Writer, rs *assess.RuleSet, paper Paper) error {
	faces, err := fontFaces()
	if err != nil {
		return fmt.Errorf("rule book fonts: %w", err)
	}
	return NewRuleBook(rs).writePDF(w, paper, faces, rs.Reviewed)
}

func (b *RuleBook) writePDF(w io.Writer, paper Paper, faces [2]*fontFace, stamp assess.Date) error {
	job := pdfJob{paper: paper, faces: faces, title: b.Title, stamp: stamp, write: b.layout}
	if err := job.run(w); err != nil {
		return fmt.Errorf("rule book: %w", err)
	}
	return nil
}

// layout writes the book on a pager.
func (b *RuleBook) layout(p *pager) {
	p.decorate = func(p *pager) {
		p.setFont(false, 8)
		p.color(midGray)
		p.text(p.left, 12, b.Subtitle)
		p.line(p.left, 14, p.right, 14, navy, 0.4)
		fy := p.paper.H - 12
		total := p.pages
		if total == 0 {
			total = 999 // dry run: reserve room
		}
		p.textRight(p.right, fy, fmt.Sprintf("Page %d of %d", p.page, total))
		p.color(black)
	}
	p.setFont(false, 9.5)
	p.newPage()
	p.setFont(true, 15)
	p.color(navy)
	for _, l := range p.wrap(b.Title, contentW) {
		p.text(p.left, p.y+p.lineH()*0.75, l)
		p.y += p.lineH()
	}
	p.color(black)
	for _, sec := range b.Sections {
		p.heading(sec.Heading, 12)
		for _, bl := range sec.Blocks {
			p.setFont(false, 9.5)
			switch {
			case bl.Table != nil:
				p.table(pdfColumns(bl.Table), bl.Table.Rows)
			case bl.List != nil:
				p.bullets(bl.List)
			default:
				p.para(bl.Text, 0)
				p.y += 1
			}
		}
	}
}

// pdfColumns sizes a table's columns to the text width by their shares.
func pdfColumns(t *RuleBookTable) []column {
	total := 0.0
	for i := range t.Header {
		total += share(t, i)
	}
	cols := make([]column, len(t.Header))
	for i, h := range t.Header {
		cols[i] = column{title: h, width: contentW * share(t, i) / total}
	}
	return cols
}

func share(t *RuleBookTable, i int) float64 {
	if i < len(t.Widths) {
		return t.Widths[i]
	}
	return 1
}
