package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/report/doc"
)

// draftMark is printed at the top of every page.
const draftMark = "DRAFT — for lawyer review — not legal advice"

// memo builds the opinion draft for a (the memo for the file), with x,
// the Express Entry estimate computed beside it (nil when none was), in
// the client's language. asOf is the run's as-of date: the document's date
// is fixed to it so the same inputs give byte-identical files.
func (r *OpinionRenderer) memo(a *assess.Assessment, x *crs.Estimate, asOf assess.Date) (*doc.Document, error) {
	if a == nil || a.Client == nil {
		return nil, fmt.Errorf("opinion: no assessment")
	}
	if a.Rules == nil {
		// Every number the opinion quotes comes from the rule set applied;
		// an opinion that cannot name it is not one to file.
		return nil, fmt.Errorf("opinion for client %s: the assessment names no rule set", a.Client.ID)
	}
	d := &opinionDoc{builder: builder{loc: locales()[r.language(a.Client)]}, r: r, a: a, x: x, c: a.Client, rs: a.Rules, runDate: asOf}
	stamp := asOf
	if asOf.IsZero() {
		stamp = a.AssessedOn
	}
	d.letterhead()
	d.clientBlock()
	d.conclusion()
	d.glance()
	d.requirements()
	d.workTable()
	d.languageTable()
	d.readingsTable()
	d.doubtsTable()
	d.findingsLists()
	d.expressEntry()
	d.closing()
	d.markNote()
	src := d.c.SourceFile
	if src == "" {
		src = d.t("(no source file)")
	}
	return &doc.Document{
		Lang: d.loc.lang, Title: d.t("CEC opinion draft — client %s", a.Client.ID), Author: r.opt.Letterhead.FirmName, Date: stamp.Time(),
		Header: doc.Header{Text: d.t("DRAFT — for lawyer review — not legal advice"), Right: d.t("Client %s", d.c.ID), Draft: true},
		Footer: doc.Footer{Text: d.t("Source: %s · Assessed %s · %s", src, a.AssessedOn, d.t("DRAFT — for lawyer review — not legal advice")), Page: d.loc.raw("Page %d of %d")},
		Blocks: d.blocks, Untranslated: d.untranslated,
	}, nil
}

// builder gathers the blocks of one document in its language.
type builder struct {
	loc    *locale
	blocks []doc.Block
	// untranslated are the engine's sentences printed in English in a
	// document of another language.
	untranslated []string
}

// t formats a message of the catalog in the document's language.
func (d *builder) t(format string, args ...any) string { return d.loc.t(format, args...) }

// fprintf appends a message of the catalog to b.
func (d *builder) fprintf(b *strings.Builder, format string, args ...any) {
	b.WriteString(d.loc.t(format, args...))
}

// eng is a sentence in English that no catalog translates, as the
// document prints it (see locale.engineText).
func (d *builder) eng(s string) string { return d.loc.engineText(s, &d.untranslated) }

// tx is one of the engine's texts in the document's language.
func (d *builder) tx(t assess.Text) string { return t.In(d.loc.language(&d.untranslated)) }

func (d *builder) add(b ...doc.Block) { d.blocks = append(d.blocks, b...) }

func (d *builder) heading(s string, keep float64) {
	d.add(&doc.Heading{Text: s, Level: 1, Keep: keep})
}

func (d *builder) para(style doc.Style, s string) { d.add(&doc.Para{Text: s, Style: style}) }

// opinionDoc builds one opinion as a document model.
type opinionDoc struct {
	builder
	r  *OpinionRenderer
	a  *assess.Assessment
	x  *crs.Estimate // the Express Entry estimate beside a; nil when none
	c  *assess.Client
	rs *assess.RuleSet // a.Rules: every number quoted comes from here
	// runDate is the run's as-of date (zero when not known).
	runDate assess.Date
	// unread caches unreadRows (jobs, tests).
	unread *[2][]unreadRow
	// markNoteAt is where markNote goes: under the client block.
	markNoteAt int
}

func (d *opinionDoc) letterhead() {
	d.add(d.r.letterhead(d.loc, d.t("Canadian Experience Class — eligibility opinion (draft)")))
}

// letterhead is the firm's letterhead, with the document's title under it
// (none: "").
func (r *OpinionRenderer) letterhead(loc *locale, title string) *doc.Letterhead {
	lh := r.opt.Letterhead
	firm := lh.FirmName
	if firm == "" {
		firm = loc.t("(firm name not configured)")
	}
	var contact []string
	for _, s := range []string{lh.Phone, lh.Email} {
		if s != "" {
			contact = append(contact, s)
		}
	}
	return &doc.Letterhead{
		Firm: firm, Address: strings.ReplaceAll(lh.Address, "\n", ", "), Contact: strings.Join(contact, " · "),
		Logo: r.logo, Title: title,
	}
}

func (d *opinionDoc) clientBlock() {
	name := d.c.FullName()
	if name == "" {
		name = d.t("(no name given)")
	}
	basis := d.t("the client's application date")
	if d.a.FromAsOf {
		basis = d.t("the run's as-of date: no application date was given")
	} else if gap := d.applicationGap(); gap != "" {
		basis = d.t("the client's application date, %s", gap)
	}
	dob := d.loc.date(d.c.DateOfBirth)
	if dob == "" {
		dob = d.t("not given")
	}
	rows := []doc.Field{
		{Label: d.t("Client"), Value: name},
		{Label: d.t("Client ID"), Value: d.c.ID},
		{Label: d.t("Date of birth"), Value: dob},
		{Label: d.t("Date assessed"), Value: d.t("%s (%s)", d.a.AssessedOn, basis)},
		{Label: d.t("Window"), Value: d.t("%s to %s (the %s years before the date assessed)", d.a.WindowStart, d.a.AssessedOn.AddDays(-1), d.loc.spell(d.rs.WindowYears))},
		{Label: d.t("Rules applied"), Value: d.rulesLine()},
	}
	if !d.rs.Caveat.IsZero() {
		rows = append(rows, doc.Field{Label: d.t("Pending change"), Value: d.tx(d.rs.Caveat)})
	}
	d.add(&doc.Space{MM: 1}, &doc.Fields{Rows: rows, LabelW: 33, Style: doc.Body})
	d.markNoteAt = len(d.blocks)
}

// markNote says, under the client block, what the marked sentences are:
// words a catalog does not translate (a firm's own, in its rules file),
// printed in English. A document with none says nothing.
func (d *opinionDoc) markNote() {
	if len(d.untranslated) == 0 {
		return
	}
	note := []doc.Block{&doc.Space{MM: 1.5}, &doc.Para{Style: doc.Small,
		Text: d.t("Sentences marked %s are the firm's own words in English, which no catalog translates: the lawyer translates them before the opinion leaves the firm.", strings.TrimSpace(engineMark))}}
	d.blocks = append(d.blocks[:d.markNoteAt], append(note, d.blocks[d.markNoteAt:]...)...)
}

var verdictTone = map[assess.Verdict]doc.Tone{
	assess.Eligible:    doc.Good,
	assess.NotEligible: doc.Bad,
	assess.NeedsReview: doc.Warn,
}

// verdictLabel is the verdict's label in the document's language.
func (l *locale) verdictLabel(v assess.Verdict) string {
	switch v {
	case assess.Eligible:
		return l.t("ELIGIBLE")
	case assess.NotEligible:
		return l.t("NOT ELIGIBLE")
	case assess.NeedsReview:
		return l.t("NEEDS REVIEW")
	}
	return strings.ToUpper(string(v))
}

// wholeHours formats a whole number of hours for reading: 1560 -> "1,560".
func wholeHours(h float64) string { return strings.TrimSuffix(hours(h), ".0") }

// hours formats qualifying hours as the results do (cut down to one decimal,
// see roundTenth), with a thousands separator for reading.
func hours(h float64) string {
	s := formatHoursTenth(h)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + "." + frac
}

// clientName is the client's name, or "The client" (capital true) / "the
// client" when the intake gives none.
func (d *opinionDoc) clientName(capital bool) string {
	if name := d.c.FullName(); name != "" {
		return name
	}
	if capital {
		return d.t("The client")
	}
	return d.t("the client")
}

// conclusionText is the one plain-language paragraph a lawyer reads first.
func (d *opinionDoc) conclusionText() string {
	a, rs := d.a, d.rs
	name := d.clientName(true)
	var b strings.Builder
	if gap := d.applicationGap(); gap != "" && !d.runDate.IsZero() && a.AssessedOn < d.runDate {
		d.fprintf(&b, "Assessed as of the application date %s, %s: the requirements are applied on that date, not on the day of this run. ", a.AssessedOn, gap)
	}
	facts := d.t("%s hours of qualifying Canadian work experience in the %s years before %s (%s required)",
		d.loc.hours(a.QualifyingHours), d.loc.spell(rs.WindowYears), a.AssessedOn, d.loc.whole(rs.RequiredHours))
	lang := d.languagePhrase()
	switch a.Verdict {
	case assess.Eligible:
		if head := urgentHeadline(d.loc, a, d.runDate); head != "" {
			b.WriteString(head + ". ")
		}
		d.fprintf(&b, "On the facts in the intake file, %s meets every objective requirement of the Canadian Experience Class on %s: %s and %s.", name, a.AssessedOn, facts, lang)
		d.untilSentence(&b, false)
	case assess.NotEligible:
		d.fprintf(&b, "On the facts in the intake file, %s does not meet the Canadian Experience Class requirements on %s: %s and %s.", name, a.AssessedOn, facts, lang)
		for _, f := range a.Findings {
			if f.Kind == assess.KindFailure {
				b.WriteString(" " + d.tx(f.Text))
			}
		}
		d.projection(&b)
	default:
		if d.c.FullName() == "" {
			d.fprintf(&b, "The client's file needs review before an opinion can be given, for the reasons listed below: %s.", d.reviewReasons())
		} else {
			d.fprintf(&b, "%s's file needs review before an opinion can be given, for the reasons listed below: %s.", name, d.reviewReasons())
		}
		if d.rowsUnread() {
			d.fprintf(&b, " On the rows that could be read, before they are fixed: %s and %s.", facts, lang)
			if reqs := d.unreadRequirements(); reqs != "" {
				d.fprintf(&b, " No conclusion on %s, and no date, is drawn until the rows are fixed.", reqs)
			} else {
				b.WriteString(d.t(" The rows that could be read meet the work and language requirements; no date is drawn until the rest are fixed."))
			}
			break
		}
		d.fprintf(&b, " On the facts as read: %s and %s.", facts, lang)
		d.decidingDoubts(&b)
		d.projection(&b)
		if !a.EligibleUntil.IsZero() {
			b.WriteString(d.t(" If the lawyer settles the points above in the client's favour,"))
			d.untilSentence(&b, true)
		}
	}
	return b.String()
}

// untilSentence states the latest safe date and what lapses then; a date
// before the run is what held on the application date, never a date to
// submit by. When the combined scenario of the doubts brings it earlier,
// both dates are given with the doubts named. inSentence continues a
// sentence the caller began ("If the lawyer settles …,").
func (d *opinionDoc) untilSentence(b *strings.Builder, inSentence bool) {
	a := d.a
	if a.EligibleUntil.IsZero() {
		return
	}
	lapse := ""
	if !a.Lapse.IsZero() {
		lapse = d.t(": %s", lowerFirst(strings.TrimSuffix(d.tx(a.Lapse), ".")))
	}
	if isPast(a, a.EligibleUntil) {
		d.fprintf(b, " On the application date %s, the application had to be submitted by %s%s.", a.AssessedOn, a.EligibleUntil, lapse)
		return
	}
	if inSentence {
		d.fprintf(b, " the latest safe date to submit the application for permanent residence is %s%s.", a.EligibleUntil, lapse)
	} else {
		d.fprintf(b, " The latest safe date to submit the application for permanent residence is %s%s.", a.EligibleUntil, lapse)
	}
	if cs := a.Combined; cs != nil {
		switch {
		case cs.Outcome.Objective == assess.ObjectiveFails:
			d.fprintf(b, " That date rests on %s counting as entered.", d.loc.and(cs.Codes))
		case !cs.EligibleUntil.IsZero() && cs.EligibleUntil < cs.DefaultUntil:
			d.fprintf(b, " It is the date without %s; counting them as entered, the date would be %s.", d.loc.and(cs.Codes), cs.DefaultUntil)
		}
	}
}

// applicationGap says how far the application date assessed lies from the
// run's as-of date ("165 days before this run"), or "" when the client was
// assessed on the run's date. Any difference is stated, a day included: a
// lawyer filing today must see that the file speaks of another date.
func (d *opinionDoc) applicationGap() string {
	a := d.a
	if a.FromAsOf || d.runDate.IsZero() || a.AssessedOn == d.runDate {
		return ""
	}
	n := a.AssessedOn.DaysUntil(d.runDate)
	switch {
	case n == 1:
		return d.t("1 day before this run of %s", d.runDate)
	case n == -1:
		return d.t("1 day after this run of %s", d.runDate)
	case n > 0:
		return d.t("%d days before this run of %s", n, d.runDate)
	}
	return d.t("%d days after this run of %s", -n, d.runDate)
}

// rulesLine names the rule set with its effective and review dates.
func (d *opinionDoc) rulesLine() string {
	rs := d.rs
	name := d.tx(rs.Name)
	if name == "" {
		name = d.a.RuleSet
	}
	var s string
	if rs.Reviewed.IsZero() {
		s = d.t("%s (effective %s)", name, rs.EffectiveFrom)
	} else {
		s = d.t("%s (effective %s; last reviewed against IRCC's pages on %s)", name, rs.EffectiveFrom, rs.Reviewed)
	}
	if !rs.NextReview.IsZero() && !d.runDate.IsZero() && d.runDate > rs.NextReview {
		s += d.t(". The rule set is past its review date (%s): check IRCC's pages before relying on this opinion.", rs.NextReview)
	}
	return s
}

// languagePhrase states the client's language level as the lowest ability
// of the best valid test, in that test's scale (NCLC for a French test),
// and the level required.
func (d *opinionDoc) languagePhrase() string {
	a := d.a
	best := d.bestTest()
	scale := d.loc.scale("CLB")
	if best != nil && best.Kind.French() {
		scale = "NCLC"
	}
	var lang string
	switch {
	case a.LanguageCLB < 0 || best == nil:
		lang = d.t("no valid accepted language test")
	case a.LanguageCLB == 0:
		lang = d.t("a best valid language result below %s 4 (%s)", scale, d.lowestAbilities(best))
	case best.CLB == [4]int{a.LanguageCLB, a.LanguageCLB, a.LanguageCLB, a.LanguageCLB}:
		lang = d.t("a best valid language result of %s %d in all four abilities", scale, a.LanguageCLB)
	default:
		lang = d.t("a best valid language result of %s %d (%s)", scale, a.LanguageCLB, d.lowestAbilities(best))
	}
	if best != nil {
		lang += d.t(" on the %s", string(best.Kind))
	}
	switch {
	case readingsDisagree(a.Readings):
		var levels []string
		for _, r := range a.Readings {
			if l := strconv.Itoa(r.RequiredCLB); !slices.Contains(levels, l) {
				levels = append(levels, l)
			}
		}
		lang += d.t(" (%s %s required, depending on the reading of the law)", scale, d.loc.or(levels))
	case a.RequiredCLB > 0:
		lang += d.t(" (%s %d required)", scale, a.RequiredCLB)
	}
	return lang
}

// readingsDisagree reports whether the readings of L-MIXED give different
// answers: the language requirement is then for the lawyer.
func readingsDisagree(rd []assess.MixedReading) bool {
	for _, r := range rd {
		if r.Pass != rd[0].Pass {
			return true
		}
	}
	return false
}

// bestTest is the test the client's language level comes from, or nil.
func (d *opinionDoc) bestTest() *assess.TestResult {
	for i := range d.a.Tests {
		if tr := &d.a.Tests[i]; tr.Best && tr.Valid {
			return tr
		}
	}
	return nil
}

// lowestAbilities names the abilities at the test's level: "writing",
// "reading and writing".
func (d *opinionDoc) lowestAbilities(tr *assess.TestResult) string {
	var low []string
	for _, ab := range assess.Abilities {
		if tr.CLB[ab] == tr.Level {
			low = append(low, d.loc.ability(ab))
		}
	}
	return d.loc.and(low)
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(items []string) string { return joinList(items, "and") }

// joinList joins items with commas and conj before the last: "a, b or c".
func joinList(items []string, conj string) string { return assess.JoinList(items, conj) }

// spellNumber writes the small counts of the rules (years) in words.
func spellNumber(n int) string {
	words := [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// reviewReasons says in a phrase why the file needs review: the concerns by
// rule id, the rows that could not be read, and the other data problems.
func (d *opinionDoc) reviewReasons() string {
	var concerns []string
	seen := map[string]bool{}
	for _, f := range d.a.Findings {
		if f.Kind == assess.KindConcern && !seen[f.Code] {
			seen[f.Code] = true
			concerns = append(concerns, f.Code)
		}
	}
	jobs, tests := d.unreadRows()
	onRows := map[string]bool{}
	for _, r := range append(jobs, tests...) {
		for _, c := range r.cells {
			onRows[c] = true
		}
	}
	data := 0
	for _, f := range d.a.Findings {
		if f.Kind == assess.KindData && !onRows[f.Cell] {
			data++
		}
	}
	for _, pr := range unreportedProblems(d.a) {
		if !onRows[pr.Cell] {
			data++
		}
	}
	var parts []string
	if len(concerns) > 0 {
		parts = append(parts, d.t("points for the lawyer to decide (%s)", strings.Join(concerns, ", ")))
	}
	if s := d.rowsNotRead(true, jobs); s != "" {
		parts = append(parts, s)
	}
	if s := d.rowsNotRead(false, tests); s != "" {
		parts = append(parts, s)
	}
	other := len(jobs)+len(tests) > 0
	switch {
	case data == 1 && other:
		parts = append(parts, d.t("1 other data problem in the intake file"))
	case data == 1:
		parts = append(parts, d.t("1 data problem in the intake file"))
	case data > 1 && other:
		parts = append(parts, d.t("%d other data problems in the intake file", data))
	case data > 1:
		parts = append(parts, d.t("%d data problems in the intake file", data))
	}
	if len(parts) == 0 {
		return d.t("the engine found points it cannot decide")
	}
	return d.loc.and(parts)
}

func (d *opinionDoc) projection(b *strings.Builder) {
	a := d.a
	switch {
	case a.EligibleFrom.IsZero():
		d.fprintf(b, " On the present facts, with no new language test, there is no date in the next %s years on which every objective requirement would be met.", d.loc.spell(d.rs.ProjectionYears))
	case a.EligibleFrom == a.AssessedOn && readingsDisagree(a.Readings):
		// The language requirement is the point the lawyer decides.
		d.fprintf(b, " The work and province requirements are met on %s; the language requirement is met on some readings of the law and not on others (%s).", a.AssessedOn, assess.RuleMixed)
	case a.EligibleFrom == a.AssessedOn && len(a.WorkToConfirm()) > 0:
		// The hours count work whose status is the lawyer's to confirm.
		d.fprintf(b, " The objective requirements are met on %s if the work the lawyer must confirm counts (%s).", a.AssessedOn, strings.Join(a.WorkToConfirm(), ", "))
	case a.EligibleFrom == a.AssessedOn:
		d.fprintf(b, " The objective requirements are met on %s.", a.AssessedOn)
	default:
		d.fprintf(b, " If the client's current jobs continue unchanged and no new test is taken, the client is eligible from %s.", a.EligibleFrom)
		if !a.FromAsOf {
			// A later date is no help to an application already dated.
			d.fprintf(b, " That needs an application made on or after that date; the Application Date in the intake is %s.", a.AssessedOn)
		}
	}
}

func (d *opinionDoc) conclusion() {
	v := &doc.Verdict{Label: d.loc.verdictLabel(d.a.Verdict), Tone: verdictTone[d.a.Verdict], Text: d.conclusionText()}
	if urgentHeadline(d.loc, d.a, d.runDate) != "" {
		// Eligible, but not green: the latest safe date is near. The date
		// is written as in the tables, short enough for the label's band.
		v.Tone, v.Label = doc.Urgent, d.t("ELIGIBLE ONLY UNTIL %s", d.a.EligibleUntil.String())
	}
	d.add(v)
}

// outcomeLabel is how the opinion states a requirement's outcome.
func (l *locale) outcomeLabel(o assess.Outcome) string {
	switch o {
	case assess.Met:
		return l.t("Met")
	case assess.NotMet:
		return l.t("Not met")
	case assess.Concern:
		return l.t("For the lawyer")
	case assess.NotAssessed:
		return l.t("Not assessed until the data is fixed")
	case assess.NoConcernRecorded:
		return l.t("No concern recorded")
	}
	return string(o)
}

var outcomeTone = map[assess.Outcome]doc.Tone{
	assess.Met:               doc.Good,
	assess.NotMet:            doc.Bad,
	assess.Concern:           doc.Warn,
	assess.NotAssessed:       doc.Muted,
	assess.NoConcernRecorded: doc.Muted,
}

// notAssessedFinding states a work or language requirement that rests on
// rows that could not be read.
func (d *opinionDoc) notAssessedFinding(key string) string {
	jobs, tests := d.unreadRows()
	s := d.rowsNotRead(true, jobs)
	if key == assess.ReqLanguage {
		s = d.rowsNotRead(false, tests)
	}
	return d.t("Not assessed until the data is fixed: %s; what they hold may change the finding.", s)
}

// shownOutcome is how the opinion states a requirement. The engine has not
// assessed admissibility, so it is never "met"; and a work or language
// requirement that rests on rows that could not be read is not assessed,
// never "not met": the missing row may hold what is missing.
func (d *opinionDoc) shownOutcome(req assess.Requirement) assess.Outcome {
	switch {
	case req.Key == assess.ReqAdmissibility && req.Outcome == assess.Met:
		return assess.NoConcernRecorded
	case req.Outcome != assess.NotMet:
		return req.Outcome
	}
	jobs, tests := d.unreadRows()
	if (req.Key == assess.ReqWork && len(jobs) > 0) || (req.Key == assess.ReqLanguage && len(tests) > 0) {
		return assess.NotAssessed
	}
	return req.Outcome
}

func (d *opinionDoc) requirements() {
	d.heading(d.t("The requirements"), 20)
	for _, req := range d.a.Requirements {
		outcome := d.shownOutcome(req)
		finding := d.tx(req.Finding)
		if outcome == assess.NotAssessed && req.Outcome != assess.NotAssessed {
			// The engine's "not met" rests on rows that could not be read.
			finding = d.notAssessedFinding(req.Key)
		}
		fields := []doc.Field{
			{Label: d.t("Rule"), Value: d.tx(req.Rule)},
			{Label: d.t("Facts"), Value: d.tx(req.Facts)},
			{Label: d.t("Finding"), Value: finding},
		}
		if !req.Citation.IsZero() {
			fields = append(fields, doc.Field{Label: d.t("Authority"), Value: d.tx(req.Citation)})
		}
		d.add(&doc.Requirement{Title: d.tx(req.Title), Outcome: d.loc.outcomeLabel(outcome), Tone: outcomeTone[outcome], Fields: fields, LabelW: 22})
	}
}

// dateSpan and orOngoing write dates in a table's cells: as numbers
// (2026-12-06) in every language, which Canadian French writes too
// (OQLF), so that a narrow column stays one date a line.
func (d *opinionDoc) dateSpan(from, to assess.Date) string {
	return from.String() + " – " + d.orOngoing(to)
}

func (d *opinionDoc) orOngoing(t assess.Date) string {
	if t.IsZero() {
		return d.t("ongoing")
	}
	return t.String()
}

func trimNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (d *opinionDoc) workTable() {
	d.heading(d.t("Canadian work experience, job by job"), 15)
	rs := d.rs
	jobs, _ := d.unreadRows()
	if len(d.c.Jobs) == 0 {
		if d.dataOffClientRow() {
			d.para(doc.Body, d.t("No job period could be read: see the data problems below."))
		} else {
			d.para(doc.Body, d.t("No job periods were entered."))
		}
		return
	}
	unread := make(map[int]unreadRow, len(jobs))
	for _, r := range jobs {
		unread[r.index] = r
	}
	cols := []doc.Column{
		{Title: d.t("Employer and job title"), Width: 39},
		{Title: d.t("NOC / TEER"), Width: 28},
		{Title: d.t("Dates"), Width: 23},
		{Title: d.t("h/week"), Width: 14, Right: true},
		{Title: d.t("Hours credited"), Width: 16, Right: true},
		{Title: d.t("Excluded, and why"), Width: 50},
	}
	var rows [][]string
	for i, j := range d.c.Jobs {
		var res assess.JobResult
		res.Index, res.TEER = i, -1
		if i < len(d.a.Jobs) {
			res = d.a.Jobs[i]
		}
		e := j.Entered
		emp := entered(e, assess.FieldEmployer, j.Employer)
		for _, more := range []string{entered(e, assess.FieldTitle, j.Title), entered(e, assess.FieldLocation, j.Location)} {
			if more != "" {
				emp += "\n" + more
			}
		}
		noc := entered(e, assess.FieldNOC, j.NOC)
		if title := d.tx(assess.EnglishOnly(res.NOCTitle)); title != "" && j.Entered == nil {
			// NOC 2021's titles are English: a document in another
			// language gives the code alone.
			noc = res.NOC + "\n" + title
		}
		if res.TEER >= 0 {
			noc += "\n" + d.t("TEER %d", res.TEER)
		}
		if res.NOC2016 {
			noc += "\n" + d.t("(NOC 2016)")
		}
		end := entered(e, assess.FieldEnd, d.orOngoing(j.End))
		to := d.t("to %s", end)
		if strings.TrimSpace(end) == "" || end == d.t("ongoing") {
			// A blank end date runs on (`cecbatch rules`: dates).
			to = d.t("to ongoing")
		}
		dates := entered(e, assess.FieldStart, j.Start.String()) + "\n" + to
		perWeek := entered(e, assess.FieldHours, d.loc.num(j.HoursPerWeek))
		credited, why := d.loc.hours(res.Credited), d.jobWhy(res)
		if r, ok := unread[i]; ok {
			credited = "—"
			why = d.notAssessedRow(r)
		}
		rows = append(rows, []string{emp, strings.TrimSpace(noc), dates, perWeek, credited, why})
	}
	d.add(&doc.Table{Cols: cols, Rows: rows})
	weekCap := d.loc.num(rs.WeeklyCap)
	d.para(doc.Small, d.t("Total qualifying hours: %s (TEER 0/1: %s; TEER 2/3: %s). Hours above %s a week are never credited; concurrent jobs share the %s-hour weekly cap.",
		d.loc.hours(d.a.QualifyingHours), d.loc.hours(d.a.HoursTEER01), d.loc.hours(d.a.HoursTEER23), weekCap, weekCap))
	if len(jobs) > 0 {
		d.para(doc.Small, d.rowsNotRead(true, jobs)+d.unreadRowsCount(len(jobs)))
	}
	if !d.a.HoursReached.IsZero() {
		held := d.t("The %s hours have been held without a break since %s.", d.loc.whole(rs.RequiredHours), d.a.HoursReached)
		if d.hoursOnlyAsCounted() {
			held = d.t("As counted, the %s hours have been held without a break since %s.", d.loc.whole(rs.RequiredHours), d.a.HoursReached)
		}
		d.para(doc.Small, held)
	}
}

// hoursOnlyAsCounted reports that the work requirement is met only as
// counted (a concern): the date the hours were reached rests on work the
// lawyer must confirm, and every mention of it says so.
func (d *opinionDoc) hoursOnlyAsCounted() bool {
	w := stepRequirement(d.a, assess.ReqWork)
	return w != nil && w.Outcome == assess.Concern
}

// dataOffClientRow reports a data problem that is not on the client's own
// row: a job or test row that could not be read at all.
func (d *opinionDoc) dataOffClientRow() bool {
	for _, f := range d.a.Findings {
		if f.Kind == assess.KindData && f.Cell != "" && !onRow(d.c.Ref, f.Cell) {
			return true
		}
	}
	for _, pr := range unreportedProblems(d.a) {
		if pr.Cell != "" && !onRow(d.c.Ref, pr.Cell) {
			return true
		}
	}
	return false
}

func (d *opinionDoc) jobWhy(res assess.JobResult) string {
	var parts []string
	capped := res.Uncapped > res.Credited+0.05
	switch res.Status {
	case assess.JobCounted:
		if capped {
			// One statement: counted, and what the cap took off.
			parts = append(parts, d.t("Counted, capped at %s h/week (%s h without the cap).", d.loc.num(d.rs.WeeklyCap), d.loc.hours(res.Uncapped)))
			capped = false
		} else {
			parts = append(parts, d.t("Counted in full."))
		}
	case assess.JobOutside:
		parts = append(parts, d.t("Outside the %d-year window.", d.rs.WindowYears))
	case assess.JobUnreadable:
		parts = append(parts, d.t("Not assessed until the row is fixed."))
	case assess.JobExcluded:
		parts = append(parts, d.t("Excluded."))
	case assess.JobPartly:
		parts = append(parts, d.t("Partly excluded."))
	case assess.JobLeave:
		parts = append(parts, d.t("leave (%s): its days come out of the employer's jobs; it counts for nothing itself.", assess.RuleLeave))
	}
	for _, e := range res.Exclusions {
		parts = append(parts, d.t("%s: %s", d.cited(e.Code, assess.Text{}), d.tx(e.Reason))+d.t(" (%s, %d days)", d.dateSpan(e.From, e.To), e.Days))
	}
	if capped {
		parts = append(parts, d.t("Capped at %s h/week (%s h without the cap).", d.loc.num(d.rs.WeeklyCap), d.loc.hours(res.Uncapped)))
	}
	return strings.Join(parts, "\n")
}

// cited writes a rule id with its authority: "W-STATUS (IRPR 87.1(3)(c))".
// citation is the finding's own; else the rule set's for the id.
func (d *opinionDoc) cited(code string, citation assess.Text) string {
	if citation.IsZero() {
		citation = d.rs.Citations[code]
	}
	if citation.IsZero() {
		return code
	}
	return code + " (" + d.tx(citation) + ")"
}

func (d *opinionDoc) languageTable() {
	d.heading(d.t("Language tests"), 15)
	_, unreadTests := d.unreadRows()
	if len(d.c.Tests) == 0 {
		if d.dataOffClientRow() {
			d.para(doc.Body, d.t("No language test could be read: see the data problems below."))
		} else {
			d.para(doc.Body, d.t("No language test was entered."))
		}
		return
	}
	unread := make(map[int]unreadRow, len(unreadTests))
	for _, r := range unreadTests {
		unread[r.index] = r
	}
	cols := []doc.Column{
		// The level columns hold "NCLC 10" on one line.
		{Title: d.t("Test"), Width: 25.5},
		{Title: d.t("Date"), Width: 20},
		{Title: d.t("Valid until"), Width: 20},
		{Title: d.t("L"), Width: 13.5, Right: true},
		{Title: d.t("R"), Width: 13.5, Right: true},
		{Title: d.t("W"), Width: 13.5, Right: true},
		{Title: d.t("S"), Width: 13.5, Right: true},
		{Title: d.t("Level"), Width: 14.5, Right: true},
		{Title: d.t("Valid, or why not"), Width: 36},
	}
	scoreFields := [4]string{assess.FieldListening, assess.FieldReading, assess.FieldWriting, assess.FieldSpeaking}
	var rows [][]string
	for i, t := range d.c.Tests {
		var res assess.TestResult
		if i < len(d.a.Tests) {
			res = d.a.Tests[i]
		}
		e := t.Entered
		name := entered(e, assess.FieldTest, t.Name)
		if t.Kind != "" && string(t.Kind) != name {
			name += "\n(" + string(t.Kind) + ")"
		}
		if r, ok := unread[i]; ok {
			row := []string{name, entered(e, assess.FieldTestDate, t.Date.String()), ""}
			for _, ab := range assess.Abilities {
				row = append(row, entered(e, scoreFields[ab], d.loc.score(t.Scores[ab])))
			}
			rows = append(rows, append(row, "—", d.notAssessedRow(r)))
			continue
		}
		scale := d.loc.scale(levelScale(res.Kind))
		row := []string{name, t.Date.String(), res.ValidUntil.String()}
		for _, ab := range assess.Abilities {
			row = append(row, d.loc.score(t.Scores[ab])+"\n"+scale+" "+clb(res.CLB[ab]))
		}
		row = append(row, scale+" "+clb(res.Level))
		var why string
		switch {
		case !res.Accepted:
			why = d.t("Not accepted: %s", d.tx(res.Refused))
		case res.Valid && res.Best:
			why = d.t("Valid; the client's best result.")
		case res.Valid:
			why = d.t("Valid.")
		default:
			why = d.t("Not valid: %s", d.tx(res.Why))
		}
		rows = append(rows, append(row, why))
	}
	d.add(&doc.Table{Cols: cols, Rows: rows})
	d.para(doc.Note, d.t("L, R, W, S: listening, reading, writing, speaking — the score, then its level: CLB for an English test, NCLC for a French one. A test's level is the lowest of its four abilities."))
	if len(unreadTests) > 0 {
		d.para(doc.Small, d.rowsNotRead(false, unreadTests)+d.unreadRowsCount(len(unreadTests)))
	}
}

// levelScale is the name of a test's levels: NCLC for a French test, CLB
// for an English one.
func levelScale(k assess.TestKind) string {
	if k.French() {
		return "NCLC"
	}
	return "CLB"
}

func clb(n int) string {
	if n <= 0 {
		return "<4"
	}
	return strconv.Itoa(n)
}

// readingsTable shows the three readings of L-MIXED when they disagree:
// the lawyer decides which one to rely on.
func (d *opinionDoc) readingsTable() {
	rd := d.a.Readings
	if !readingsDisagree(rd) {
		return
	}
	scale := "CLB"
	if best := d.bestTest(); best != nil {
		scale = levelScale(best.Kind)
	}
	scale = d.loc.scale(scale)
	d.heading(d.t("Mixed TEER experience: the three readings (%s)", assess.RuleMixed), 15)
	d.para(doc.Small, d.t("The law does not settle which language threshold applies to experience in both TEER groups; each reading gives a different answer for this client, and the lawyer decides."))
	d.add(&doc.Space{MM: 1})
	cols := []doc.Column{
		{Title: d.t("Reading"), Width: 32},
		{Title: d.t("Basis (hours)"), Width: 88},
		{Title: d.t("Level required"), Width: 25, Right: true},
		{Title: d.t("Result"), Width: 25},
	}
	level := d.a.LanguageCLB
	var rows [][]string
	for _, r := range rd {
		result := d.t("Fails")
		if r.Pass {
			result = d.t("Passes")
		}
		if level >= 0 {
			result += d.t(" (client: %d)", level)
		}
		rows = append(rows, []string{d.tx(r.Name), d.tx(r.Basis), fmt.Sprintf("%s %d", scale, r.RequiredCLB), result})
	}
	d.add(&doc.Table{Cols: cols, Rows: rows})
}

// findingLine is a finding in a list, in English: its rule id with the
// authority, its text and its cell. The summary's Express Entry notes
// print it so.
func findingLine(f assess.Finding, cite func(code string, citation assess.Text) string) string {
	s := f.Code + ": " + f.Text.String()
	if f.Code != assess.CodeData {
		// A data problem is no rule: the rule it stops is in its text.
		s = cite(f.Code, f.Citation) + ": " + f.Text.String()
	}
	if f.Cell != "" {
		s += " [" + f.Cell + "]"
	}
	return s
}

// findingLine is a finding as the document prints it: its rule id (with
// its authority when cited), its text and its cell.
func (d *opinionDoc) findingLine(f assess.Finding, cited bool) string {
	code := f.Code
	switch {
	case f.Code == assess.CodeData:
		// A data problem is no rule: the rule it stops is in its text.
		code = d.t("DATA")
	case cited:
		code = d.cited(f.Code, f.Citation)
	}
	s := d.t("%s: %s", code, d.tx(f.Text))
	if f.Cell != "" {
		s += " [" + f.Cell + "]"
	}
	return s
}

func (d *opinionDoc) findingsLists() {
	var data, concerns, notes []string
	for _, f := range d.a.Findings {
		switch f.Kind {
		case assess.KindData:
			data = append(data, d.findingLine(f, true))
		case assess.KindConcern:
			concerns = append(concerns, d.findingLine(f, true))
		case assess.KindNote:
			notes = append(notes, d.findingLine(f, true))
		}
	}
	for _, pr := range unreportedProblems(d.a) {
		data = append(data, d.findingLine(assess.Finding{Code: assess.CodeData, Text: pr.Message, Cell: pr.Cell}, true))
	}
	if len(concerns) > 0 {
		d.heading(d.t("Points for the lawyer to decide"), 10)
		d.add(&doc.Bullets{Items: concerns, Style: doc.Body})
	}
	d.heading(d.t("Data problems"), 10)
	if len(data) == 0 {
		d.para(doc.Body, d.t("None: every cell of the client's rows was read."))
	} else {
		d.add(&doc.Bullets{Items: data, Style: doc.Body})
	}
	if steps := nextSteps(d.a); len(steps) > 0 {
		d.heading(d.t("Next steps"), 10)
		d.add(&doc.Bullets{Items: d.txAll(steps), Style: doc.Body})
	}
	d.heading(d.t("Paralegal's notes"), 10)
	if strings.TrimSpace(d.c.Notes) == "" {
		d.para(doc.Body, d.t("None."))
	} else {
		d.para(doc.Body, d.c.Notes)
	}
	if len(notes) > 0 {
		d.heading(d.t("Interpretation notes"), 10)
		d.add(&doc.Bullets{Items: notes, Style: doc.Body})
	}
}

// expressEntryText is stated in every opinion, whatever the verdict
// (`cecbatch rules`: the Express Entry sequence).
func (d *opinionDoc) expressEntryText() string {
	return d.t("Eligibility for the Canadian Experience Class is necessary but not sufficient: "+
		"the client must create an Express Entry profile (valid %d months), be selected by Comprehensive "+
		"Ranking System (CRS) rank in a draw, and still meet every requirement on the day the application "+
		"for permanent residence (eAPR) is submitted, up to %d days after the invitation to apply.",
		d.rs.ProfileMonths, d.rs.ITADays)
}

func (d *opinionDoc) closing() {
	d.heading(d.t("Express Entry"), 10)
	d.para(doc.Body, d.expressEntryText())
	// The signature line never stands alone on the last page: the heading,
	// the paragraph and the signature are kept together.
	d.add(&doc.Heading{Text: d.t("Not decided by the engine"), Level: 1, KeepRest: true})
	d.para(doc.Body, d.tx(d.rs.NotDecided()))
	lawyer := d.r.opt.Letterhead.Lawyer
	if lawyer == "" {
		lawyer = d.t("the reviewing lawyer")
	}
	d.add(&doc.Space{MM: 4}, &doc.Signature{Label: d.t("Reviewed by:"), DateLabel: d.t("Date:"), Name: lawyer})
}
