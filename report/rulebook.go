package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/report/doc"
	"github.com/cecbatch/cecbatch/report/pdf"
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

// NewRuleBook builds the rule book of rs.
func NewRuleBook(rs *assess.RuleSet) *RuleBook {
	b := &RuleBook{
		Title:    "Canadian Experience Class: the rules cecbatch applies",
		Subtitle: fmt.Sprintf("%s (%s), effective %s, last reviewed %s", rs.Name, rs.ID, rs.EffectiveFrom, rs.Reviewed),
	}
	intro := []RuleBookBlock{{Text: fmt.Sprintf("Rule set %s (id %s), in force for assessment dates from %s; "+
		"its content was last reviewed against IRCC's pages on %s. This book is generated from that rule set: "+
		"the numbers and tables below are the ones the engine applies.", rs.Name, rs.ID, rs.EffectiveFrom, rs.Reviewed)}}
	if rs.Caveat.String() != "" {
		intro = append(intro, RuleBookBlock{Text: "Pending change: " + rs.Caveat.String()})
	}
	b.Sections = append(b.Sections,
		RuleBookSection{Heading: "The rule set", Blocks: intro},
		numbersSection(rs),
		requirementsSection(rs),
		rulesSection(rs),
		doubtsSection(rs),
		mixedSection(rs),
		datesSection(rs),
		testsSection(rs),
	)
	b.Sections = append(b.Sections, tableSections(rs)...)
	b.Sections = append(b.Sections, RuleBookSection{Heading: "Not decided by the engine", Blocks: []RuleBookBlock{{Text: rs.NotDecided().String()}}})
	return b
}

func numbersSection(rs *assess.RuleSet) RuleBookSection {
	provinces := make([]string, len(rs.Provinces))
	for i, code := range rs.Provinces {
		provinces[i] = code
		if name := rs.ProvinceNames[code]; name.String() != "" {
			provinces[i] = name.String() + " (" + code + ")"
		}
	}
	rows := [][]string{
		{"Qualifying work required", wholeHours(rs.RequiredHours) + " hours", assess.RuleHours},
		{"Weekly cap, all jobs together", trimNum(rs.WeeklyCap) + " hours a week", assess.RuleHours},
		{"Most hours a week a row may give (more is a data error)", trimNum(rs.MaxWeeklyHours), assess.RuleHours},
		{"Window before the assessment date", strconv.Itoa(rs.WindowYears) + " years", assess.RuleHours},
		{"Two groups' hours are a tie within", trimNum(rs.TieHours) + " hours", assess.RuleThresh},
		{"TEERs that count", "0 to " + strconv.Itoa(rs.MaxTEER), assess.RuleSkill},
		{fmt.Sprintf("Level for TEER 0 to %d experience", rs.HighSkillMaxTEER), "CLB " + strconv.Itoa(rs.CLBHighSkill), assess.RuleThresh},
		{fmt.Sprintf("Level for TEER %d to %d experience", rs.HighSkillMaxTEER+1, rs.MaxTEER), "CLB " + strconv.Itoa(rs.CLBSkilled), assess.RuleThresh},
		{"Test results valid for", strconv.Itoa(rs.TestValidityYears) + " years", assess.RuleValid},
		{"PTE Core accepted for tests from", rs.PTECoreFrom.String(), assess.RuleTest},
		{"Physicians' public policy: NOC codes, for candidates invited from", strings.Join(rs.PhysicianNOCs, ", ") + "; " + rs.PhysicianPolicyFrom.String(), assess.RulePhysician},
		{"Occupations (NOC unit groups shipped with the rule set)", nocCounts(rs), assess.RuleSkill},
		{"Hours a week above which a row may give hours per month", trimNum(rs.DoubtHoursAbove) + "; read as the value ÷ " + trimNum(rs.WeeksPerMonth), assess.RuleHoursVerify},
		{"Full-time study rows less than this apart: the days between are a break", strconv.Itoa(rs.BreakDays) + " days", assess.RuleBreak},
		{"Overlap of two employer-specific permits that is a conflict", "more than " + strconv.Itoa(rs.PermitOverlapDays) + " days", assess.RulePermitConflict},
		{"A run of maintained status longer than this is a concern", strconv.Itoa(rs.MaintainedRunDays) + " days", assess.RuleMaintVerify},
		{"Off-campus work limits of a study permit", studyLimits(rs), assess.RuleStudyHours},
		{"Next review of the rule set due", rs.NextReview.String(), "the rule set"},
		{"Projection of eligible from, after the assessment date", strconv.Itoa(rs.ProjectionYears) + " years", "eligible_from"},
		{"Express Entry profile valid for", strconv.Itoa(rs.ProfileMonths) + " months", "next steps"},
		{"Time to submit the eAPR after an invitation", strconv.Itoa(rs.ITADays) + " days", "next steps"},
		{"A test expiry or hours lapse this close is acted on now", strconv.Itoa(rs.WarningDays) + " days", "next steps"},
		{"Intended province that fails", rs.QuebecCode, assess.RuleProvince},
		{"Provinces and territories", strings.Join(provinces, ", "), assess.RuleProvince},
	}
	return RuleBookSection{Heading: "The numbers", Blocks: []RuleBookBlock{{Table: &RuleBookTable{
		Header: []string{"Quantity", "Value", "Rule"}, Rows: rows, Widths: []float64{80, 65, 25},
	}}}}
}

// nocCounts is "516 NOC 2021 V1.0 unit groups; 500 NOC 2016 codes, 585 links".
func nocCounts(rs *assess.RuleSet) string {
	if rs.NOC == nil {
		return "none"
	}
	units, codes16, links := rs.NOC.Len()
	return fmt.Sprintf("%d %s unit groups; %d NOC 2016 codes with %d concordance links", units, rs.NOC.Version, codes16, links)
}

// studyLimits is "20 h/week to 2022-11-14; none 2022-11-15 to 2024-04-30; …".
func studyLimits(rs *assess.RuleSet) string {
	var parts []string
	for _, l := range rs.StudyHourLimits {
		when := "from " + l.From.String()
		switch {
		case l.From.IsZero():
			when = "to " + l.To.String()
		case !l.To.IsZero():
			when = l.From.String() + " to " + l.To.String()
		}
		limit := "none"
		if l.Hours > 0 {
			limit = trimNum(l.Hours) + " h/week"
		}
		parts = append(parts, limit+" "+when)
	}
	return strings.Join(parts, "; ")
}

func requirementsSection(rs *assess.RuleSet) RuleBookSection {
	var rows [][]string
	for _, key := range []string{assess.ReqWork, assess.ReqLanguage, assess.ReqProvince, assess.ReqAdmissibility} {
		rows = append(rows, []string{rs.Titles[key].String(), rs.RequirementRules[key].String(), rs.RequirementCitations[key].String()})
	}
	return RuleBookSection{Heading: "The requirements, as each opinion states them", Blocks: []RuleBookBlock{{Table: &RuleBookTable{
		Header: []string{"Requirement", "Rule", "Authority"}, Rows: rows, Widths: []float64{30, 100, 40},
	}}}}
}

func rulesSection(rs *assess.RuleSet) RuleBookSection {
	var rows [][]string
	for _, id := range rs.RuleIDs {
		rows = append(rows, []string{id, rs.Conditions[id], rs.Citations[id].String()})
	}
	return RuleBookSection{Heading: "The rules", Blocks: []RuleBookBlock{
		{Text: "Every finding carries one of these ids; the opinion prints the authority beside it."},
		{Table: &RuleBookTable{Header: []string{"Rule", "Condition", "Authority"}, Rows: rows, Widths: []float64{37, 96, 37}}},
		{Text: "The verdict, in this order:"},
		{List: rs.VerdictOrder},
	}}
}

// doubtsSection is the doubt model: each outcome-sensitive doubt with its
// default, its alternative and when it is a concern whatever the outcome.
func doubtsSection(rs *assess.RuleSet) RuleBookSection {
	var rows [][]string
	var favour []string
	for _, d := range rs.Doubts {
		rows = append(rows, []string{d.ID, d.Doubt.String(), d.Default, d.Alternative, d.Always})
		if d.FavoursClient {
			favour = append(favour, d.ID)
		}
	}
	return RuleBookSection{Heading: "Outcome-sensitive doubts", Blocks: []RuleBookBlock{
		{Text: "Some facts the intake leaves open decide the verdict only sometimes. Each has a default and an alternative. " +
			"The client is assessed under the defaults, once more for each doubt present with that doubt alone switched (all its days at once), " +
			"and once with every doubt whose default favours the client switched together (the combined scenario: " + andList(favour) + "). " +
			"A doubt is a concern exactly when the objective outcome (met, mixed or fails: data problems and concerns play no part) or eligible_from " +
			"would differ, or when its last column says so; when the combined scenario changes the objective outcome, each of its doubts whose days " +
			"change the hours is raised. Switching a doubt never creates unauthorized work. The opinion shows each raised doubt's outcome both ways, " +
			"with the hours each way; eligible_until is the earlier of the defaults' date and the combined scenario's."},
		{Table: &RuleBookTable{Header: []string{"Rule", "Doubt", "Default", "Alternative", "A concern also when"}, Rows: rows, Widths: []float64{34, 48, 20, 24, 44}}},
	}}
}

func mixedSection(rs *assess.RuleSet) RuleBookSection {
	readings := make([]string, len(rs.Readings))
	for i, r := range rs.Readings {
		readings[i] = r.Name.String() + ": " + r.Rule
	}
	return RuleBookSection{Heading: "Mixed TEER experience (" + assess.RuleMixed + "): the three readings", Blocks: []RuleBookBlock{
		{Text: "The law does not settle which threshold applies to experience in both TEER groups, so the engine applies three readings:"},
		{List: readings},
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
		refused = append(refused, string(k)+": "+rs.Refusals[k].String()+".")
	}
	return RuleBookSection{Heading: "Language tests", Blocks: []RuleBookBlock{
		{Text: "Accepted: " + acceptedTests(rs) + ". Not accepted:"},
		{List: refused},
	}}
}

// datesSection states the window, the projections and the Express Entry
// sequence the next steps follow, with the rule set's numbers.
func datesSection(rs *assess.RuleSet) RuleBookSection {
	hours := wholeHours(rs.RequiredHours)
	return RuleBookSection{Heading: "Dates, projections and the Express Entry sequence", Blocks: []RuleBookBlock{
		{List: []string{
			"A, the assessment date, is the client's Application Date, else the run's as-of date.",
			fmt.Sprintf("The window is every day d with A − %d years ≤ d < A: the first day counts, A does not (29 February minus %d years is 28 February). "+
				"A job or study period runs from its start to its end date, both included; a blank end date runs up to the day before A (and on, in projections).", rs.WindowYears, rs.WindowYears),
			fmt.Sprintf("eligible_from: the first date from A on which every objective requirement holds, projecting that jobs with no end date continue unchanged, "+
				"recorded end dates are honoured, a row's Permit Expiry ends it, every job stops at the client's Status Expiry unless the client or the row is on maintained status, "+
				"no day after A is counted on maintained status or under R186(w) (both end at a decision the intake cannot foresee), "+
				"and no new test is taken; searched up to %d years after A; none if no such date.", rs.ProjectionYears),
			"eligible_until: for a client who meets every objective requirement on A (eligible, or needs review only because of concerns), the day before the first date after A " +
				"on which a requirement stops holding (hours sliding out of the window, a test's expiry), under the same projection, under the defaults and under the combined " +
				"scenario of the doubts: the earlier of the two; a status expiry stops future work but is not itself a lapse.",
			fmt.Sprintf("A date before the run date is never one to diarize or submit by: for an Application Date in the past the opinion says what held on A. An eligible client whose "+
				"latest safe date is less than %d days after the run is headed \"eligible only until DATE, N days from this run\", in the warning colour.", rs.UrgentDays),
			fmt.Sprintf("hours_reached: the earliest date D up to A such that on every day from D to A the window ending that day held %s hours (\"met since D\"); none when the hours on A are short.", hours),
		}},
		{Text: fmt.Sprintf("Eligibility must hold on the day the application for permanent residence (eAPR) is submitted, which follows an Express Entry profile "+
			"(valid %d months), an invitation to apply and up to %d days to submit. So the next steps of an eligible client give the latest safe date "+
			"to submit (eligible_until) and what lapses then; if a test expires within %d days of A, book a new test now (a profile leaves the pool "+
			"when its results expire); if the hours will slide below %s within %d days, act before that date. Eligibility is necessary but not "+
			"sufficient: selection is by CRS rank in a draw.", rs.ProfileMonths, rs.ITADays, rs.WarningDays, hours, rs.WarningDays)},
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
		if t.ScaleNote.String() != "" {
			blocks = append(blocks, RuleBookBlock{Text: upperFirst(t.ScaleNote.String()) + "."})
		}
		if t.AboveMax.String() != "" {
			blocks = append(blocks, RuleBookBlock{Text: "A score above the scale's maximum is a data error on that cell: " + strings.TrimSuffix(t.AboveMax.String(), ".") + "."})
		}
		out = append(out, RuleBookSection{Heading: heading, Blocks: blocks})
	}
	return out
}

// RuleBookMarkdown is the rule book of rs in Markdown (cecbatch rules),
// with more sections after its own (the Express Entry rules).
func RuleBookMarkdown(rs *assess.RuleSet, more ...RuleBookSection) string {
	b := NewRuleBook(rs)
	b.Sections = append(b.Sections, more...)
	return b.Markdown()
}

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

// WriteRuleBookPDF writes the rule book of rs, and more sections after its
// own, as a PDF on paper, with the
// opinion's fonts and page layout. The PDF's date is the rule set's review
// date, so the same rule set gives the same bytes.
func WriteRuleBookPDF(w io.Writer, rs *assess.RuleSet, paper Paper, more ...RuleBookSection) error {
	r, err := pdf.New(paper)
	if err != nil {
		return fmt.Errorf("rule book: %w", err)
	}
	b := NewRuleBook(rs)
	b.Sections = append(b.Sections, more...)
	return b.writePDF(w, r, rs.Reviewed)
}

func (b *RuleBook) writePDF(w io.Writer, r *pdf.Renderer, stamp assess.Date) error {
	if err := r.Render(w, b.document(stamp)); err != nil {
		return fmt.Errorf("rule book: %w", err)
	}
	return nil
}

// document is the book as a document model: its title, then each section
// under its heading.
func (b *RuleBook) document(stamp assess.Date) *doc.Document {
	d := &doc.Document{
		Lang: English, Title: b.Title, Date: stamp.Time(),
		Header: doc.Header{Text: b.Subtitle}, Footer: doc.Footer{Page: "Page %d of %d"},
		Blocks: []doc.Block{&doc.Title{Text: b.Title}},
	}
	for _, sec := range b.Sections {
		d.Blocks = append(d.Blocks, &doc.Heading{Text: sec.Heading, Level: 1, Keep: 12})
		for _, bl := range sec.Blocks {
			switch {
			case bl.Table != nil:
				d.Blocks = append(d.Blocks, &doc.Table{Cols: docColumns(bl.Table), Rows: bl.Table.Rows})
			case bl.List != nil:
				d.Blocks = append(d.Blocks, &doc.Bullets{Items: bl.List, Style: doc.Body})
			default:
				d.Blocks = append(d.Blocks, &doc.Para{Text: bl.Text, Style: doc.Body}, &doc.Space{MM: 1})
			}
		}
	}
	return d
}

// docColumns sizes a table's columns to the text width by their shares.
func docColumns(t *RuleBookTable) []doc.Column {
	total := 0.0
	for i := range t.Header {
		total += share(t, i)
	}
	cols := make([]doc.Column, len(t.Header))
	for i, h := range t.Header {
		cols[i] = doc.Column{Title: h, Width: contentW * share(t, i) / total}
	}
	return cols
}

func share(t *RuleBookTable, i int) float64 {
	if i < len(t.Widths) {
		return t.Widths[i]
	}
	return 1
}
