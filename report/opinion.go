package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// Letterhead is the firm's identity printed on every opinion (from configuration).
type Letterhead struct {
	FirmName, Address, Phone, Email string
	LogoPath                        string // optional PNG or JPEG
	Lawyer                          string // the reviewing lawyer's name
}

// OpinionRenderer renders opinion drafts; it loads fonts and logo once and is safe for concurrent use.
type OpinionRenderer struct {
	lh           Letterhead
	paper        Paper
	faces        [2]*fontFace
	logo         []byte
	logoType     string  // "PNG" or "JPG"
	logoW, logoH float64 // size on the page, mm

	// Hooks for tests and benchmarks; nil in production.
	// utf8TTF forces fpdf's own UTF-8 font path with these regular and bold
	// fonts (the benchmark measures the stock path with the uncut DejaVu).
	utf8TTF *[2][]byte
	// trace sees every text the real run prints, for golden files.
	trace func(page int, x, y float64, bold bool, size float64, s string)
}

// The logo's box on the letterhead, in mm.
const (
	logoH    = 16.0
	logoMaxW = 45.0
)

// CodeGlyph is the code of a finding about characters the PDF font cannot draw.
const CodeGlyph = "PDF-GLYPH"

// draftMark is printed at the top of every page.
const draftMark = "DRAFT — for lawyer review — not legal advice"

// NewOpinionRenderer prepares the fonts (once per process) and reads the
// logo; the opinions are printed on paper (Letter or A4).
func NewOpinionRenderer(lh Letterhead, paper Paper) (*OpinionRenderer, error) {
	if paper.W <= contentW || paper.H <= marginTop+marginBottom {
		return nil, fmt.Errorf("opinion paper %q: no page size given", paper.Name)
	}
	faces, err := fontFaces()
	if err != nil {
		return nil, fmt.Errorf("opinion fonts: %w", err)
	}
	r := &OpinionRenderer{lh: lh, paper: paper, faces: faces}
	if lh.LogoPath != "" {
		b, err := os.ReadFile(lh.LogoPath)
		if err != nil {
			return nil, fmt.Errorf("letterhead logo: %w", err)
		}
		switch {
		case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
			r.logoType = "PNG"
		case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
			r.logoType = "JPG"
		default:
			return nil, fmt.Errorf("letterhead logo %s: not a PNG or JPEG image", filepath.Base(lh.LogoPath))
		}
		// Decode once now so that a broken logo fails the configuration,
		// not every opinion of the run.
		probe := fpdf.New("P", "mm", "A4", "")
		info := probe.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: r.logoType}, bytes.NewReader(b))
		if err := probe.Error(); err != nil || info == nil || info.Height() <= 0 {
			return nil, fmt.Errorf("letterhead logo %s: cannot read the image (%v)", filepath.Base(lh.LogoPath), err)
		}
		// At most logoH high and logoMaxW wide, keeping its proportions.
		r.logoH = logoH
		r.logoW = logoH * info.Width() / info.Height()
		if r.logoW > logoMaxW {
			r.logoW, r.logoH = logoMaxW, logoMaxW*info.Height()/info.Width()
		}
		r.logo = b
	}
	return r, nil
}

// clientText is one text of the client's that the opinion prints.
type clientText struct {
	label, value, cell string
	job, test          int
}

func clientTexts(c *assess.Client) []clientText {
	t := []clientText{
		{"Client ID", c.ID, c.Ref.Cell(assess.FieldClientID), -1, -1},
		{"Family name", c.FamilyName, c.Ref.Cell(assess.FieldFamilyName), -1, -1},
		{"Given names", c.GivenNames, c.Ref.Cell(assess.FieldGivenNames), -1, -1},
		{"Admissibility", c.Admissibility, c.Ref.Cell(assess.FieldAdmissibility), -1, -1},
		{"Notes", c.Notes, c.Ref.Cell(assess.FieldNotes), -1, -1},
		{"Source file name", c.SourceFile, "", -1, -1},
	}
	for i, j := range c.Jobs {
		t = append(t,
			clientText{"Employer", j.Employer, j.Ref.Cell(assess.FieldEmployer), i, -1},
			clientText{"Job title", j.Title, j.Ref.Cell(assess.FieldTitle), i, -1},
			clientText{"Location", j.Location, j.Ref.Cell(assess.FieldLocation), i, -1})
	}
	for i, ts := range c.Tests {
		t = append(t, clientText{"Test name", ts.Name, ts.Ref.Cell(assess.FieldTest), -1, i})
	}
	for _, s := range c.Studies {
		t = append(t,
			clientText{"Institution", s.Institution, s.Ref.Cell(assess.FieldInstitution), -1, -1},
			clientText{"Credential", s.Credential, s.Ref.Cell(assess.FieldCredential), -1, -1})
	}
	return t
}

// Unprintable returns one finding per client text (name, employer, notes, ...) holding characters the
// embedded fonts cannot draw: Code "PDF-GLYPH", Kind assess.KindNote, the Cell of the text, and the
// characters (U+XXXX) named. The batch appends them to a.Findings before rendering and writing results.
func (r *OpinionRenderer) Unprintable(a *assess.Assessment) []assess.Finding {
	if a == nil || a.Client == nil {
		return nil
	}
	var out []assess.Finding
	for _, t := range clientTexts(a.Client) {
		var missing []string
		seen := map[rune]bool{}
		for _, ch := range t.value {
			// Control characters (a line break in the notes) are printed as
			// space, not reported.
			if ch < 0x20 || r.faces[0].has(ch) || seen[ch] {
				continue
			}
			seen[ch] = true
			missing = append(missing, fmt.Sprintf("U+%04X", ch))
		}
		if len(missing) == 0 {
			continue
		}
		out = append(out, assess.Finding{
			Code: CodeGlyph,
			Kind: assess.KindNote,
			Text: fmt.Sprintf("%s has characters the opinion's font cannot draw (%s); the opinion prints them as [U+XXXX] markers: check the spelling against the client's documents.",
				t.label, strings.Join(missing, ", ")),
			Cell: t.cell,
			Job:  t.job,
			Test: t.test,
		})
	}
	return out
}

// Render writes the opinion for a, with x, the Express Entry estimate
// computed beside it (nil when none was). asOf is the run's as-of date: creation/modification dates are
// fixed to it so the same inputs give byte-identical PDFs.
func (r *OpinionRenderer) Render(w io.Writer, a *assess.Assessment, x *crs.Estimate, asOf assess.Date) error {
	if a == nil || a.Client == nil {
		return fmt.Errorf("opinion: no assessment")
	}
	if a.Rules == nil {
		// Every number the opinion quotes comes from the rule set applied;
		// an opinion that cannot name it is not one to file.
		return fmt.Errorf("opinion for client %s: the assessment names no rule set", a.Client.ID)
	}
	doc := &opinionDoc{r: r, a: a, x: x, c: a.Client, rs: a.Rules, runDate: asOf}
	stamp := asOf
	if asOf.IsZero() {
		stamp = a.AssessedOn
	}
	job := pdfJob{
		paper: r.paper, faces: r.faces, utf8TTF: r.utf8TTF, trace: r.trace,
		title: "CEC opinion draft — client " + a.Client.ID, author: r.lh.FirmName, stamp: stamp,
		write: doc.write,
	}
	if r.logo != nil {
		job.images = func(pdf *fpdf.Fpdf) {
			pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: r.logoType}, bytes.NewReader(r.logo))
		}
	}
	if err := job.run(w); err != nil {
		return fmt.Errorf("opinion: %w", err)
	}
	return nil
}

// pdfJob is one document to lay out with the pager and write as a PDF:
// the opinion, or the rule book.
type pdfJob struct {
	paper   Paper
	faces   [2]*fontFace
	utf8TTF *[2][]byte // test hook: fpdf's UTF-8 path with these fonts
	trace   func(page int, x, y float64, bold bool, size float64, s string)

	title, author string
	// stamp is the creation and modification date: fixed, so the same
	// inputs give byte-identical PDFs.
	stamp assess.Date
	// images registers the images write draws, or nil.
	images func(pdf *fpdf.Fpdf)
	// write lays the document out; it runs twice.
	write func(p *pager)
}

// run writes the document twice: dry (no PDF: which characters are
// printed, and how many pages), then for real with fonts cut to those
// characters and "Page N of M" known.
func (j pdfJob) run(w io.Writer) error {
	dry := newPager(j.paper, j.faces)
	dry.used = map[rune]bool{}
	j.write(dry)

	pdf := fpdf.New("P", "mm", j.paper.Name, "")
	pdf.SetCreationDate(j.stamp.Time())
	pdf.SetModificationDate(j.stamp.Time())
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(j.paper.left(), marginTop, j.paper.W-j.paper.right())
	pdf.SetTitle(j.title, true)
	pdf.SetCreator("cecbatch", true)
	if j.author != "" {
		pdf.SetAuthor(j.author, true)
	}
	out := newPager(j.paper, j.faces)
	out.pdf, out.pages, out.trace = pdf, dry.page, j.trace
	if enc, ok := newEncoding(dry.used); ok && j.utf8TTF == nil {
		out.enc = enc
		for i, style := range []string{styleNormal, styleBold} {
			if err := j.faces[i].addSimpleFont(pdf, style, enc); err != nil {
				return fmt.Errorf("font: %w", err)
			}
		}
	} else {
		ttf := [2][]byte{j.faces[0].ttf, j.faces[1].ttf}
		if j.utf8TTF != nil {
			ttf = *j.utf8TTF
		}
		for i, style := range []string{styleNormal, styleBold} {
			pdf.AddUTF8FontFromBytes(fontFamily, style, ttf[i])
		}
	}
	if j.images != nil {
		j.images(pdf)
	}
	j.write(out)
	if out.page != dry.page {
		return fmt.Errorf("layout: %d pages, dry run counted %d", out.page, dry.page)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// opinionDoc writes one opinion onto a pager; it holds no PDF state, so it
// can write the same document twice.
type opinionDoc struct {
	r  *OpinionRenderer
	a  *assess.Assessment
	x  *crs.Estimate // the Express Entry estimate beside a; nil when none
	c  *assess.Client
	rs *assess.RuleSet // a.Rules: every number quoted comes from here
	// runDate is the run's as-of date (zero when not known).
	runDate assess.Date
	// unread caches unreadRows (jobs, tests): the document is written
	// twice and asks several times.
	unread *[2][]unreadRow
}

func (d *opinionDoc) write(p *pager) {
	p.decorate = d.decorate
	p.setFont(false, 9.5)
	p.newPage()
	d.letterhead(p)
	d.clientBlock(p)
	d.conclusion(p)
	d.glance(p)
	d.requirements(p)
	d.workTable(p)
	d.languageTable(p)
	d.readingsTable(p)
	d.doubtsTable(p)
	d.findingsLists(p)
	d.expressEntry(p)
	d.closing(p)
}

// decorate prints the DRAFT marking, and the footer with the source file,
// the assessed date and the page number, on every page.
func (d *opinionDoc) decorate(p *pager) {
	p.setFont(true, 8.5)
	p.color(draftRed)
	p.text(p.left, 12, draftMark)
	p.setFont(false, 8)
	p.color(midGray)
	p.textRight(p.right, 12, "Client "+d.c.ID)
	p.line(p.left, 14, p.right, 14, draftRed, 0.4)

	fy := p.paper.H - 12
	p.line(p.left, fy-4, p.right, fy-4, midGray, 0.2)
	src := d.c.SourceFile
	if src == "" {
		src = "(no source file)"
	}
	left := "Source: " + src + " · Assessed " + d.a.AssessedOn.String() + " · " + draftMark
	p.setFont(false, 7.5)
	avail := contentW - 28
	if v := p.visible(left); p.width(v) > avail {
		left = v[:p.fit(v, avail-p.width("…"))] + "…"
	}
	p.text(p.left, fy, left)
	total := p.pages
	if total == 0 {
		total = 999 // dry run: reserve room; the real run knows the count
	}
	p.textRight(p.right, fy, fmt.Sprintf("Page %d of %d", p.page, total))
	p.color(black)
}

func (d *opinionDoc) letterhead(p *pager) {
	lh := d.r.lh
	x := p.left
	top := p.y
	if d.r.logo != nil && p.pdf != nil {
		p.pdf.ImageOptions("logo", p.left, top, d.r.logoW, d.r.logoH, false, fpdf.ImageOptions{ImageType: d.r.logoType}, 0, "")
	}
	if d.r.logo != nil {
		x = p.left + d.r.logoW + 5
	}
	p.setFont(true, 15)
	p.color(navy)
	firm := lh.FirmName
	if firm == "" {
		firm = "(firm name not configured)"
	}
	p.text(x, top+6, firm)
	p.setFont(false, 8.5)
	p.color(darkGray)
	var contact []string
	for _, s := range []string{lh.Phone, lh.Email} {
		if s != "" {
			contact = append(contact, s)
		}
	}
	yy := top + 11
	if lh.Address != "" {
		p.text(x, yy, strings.ReplaceAll(lh.Address, "\n", ", "))
		yy += 4
	}
	if len(contact) > 0 {
		p.text(x, yy, strings.Join(contact, " · "))
		yy += 4
	}
	p.y = max(yy, top+17) + 1
	p.line(p.left, p.y, p.right, p.y, navy, 0.6)
	p.y += 6
	p.color(black)
	p.setFont(true, 13)
	p.text(p.left, p.y, "Canadian Experience Class — eligibility opinion (draft)")
	p.y += 4
}

func (d *opinionDoc) clientBlock(p *pager) {
	p.setFont(false, 9.5)
	p.y += 1
	name := d.c.FullName()
	if name == "" {
		name = "(no name given)"
	}
	basis := "the client's application date"
	if d.a.FromAsOf {
		basis = "the run's as-of date: no application date was given"
	} else if gap := d.applicationGap(); gap != "" {
		basis = "the client's application date, " + gap
	}
	dob := d.c.DateOfBirth.String()
	if dob == "" {
		dob = "not given"
	}
	rows := [][2]string{
		{"Client", name},
		{"Client ID", d.c.ID},
		{"Date of birth", dob},
		{"Date assessed", d.a.AssessedOn.String() + " (" + basis + ")"},
		{"Window", fmt.Sprintf("%s to %s (the %s years before the date assessed)", d.a.WindowStart, d.a.AssessedOn.AddDays(-1), spellNumber(d.rs.WindowYears))},
		{"Rules applied", d.rulesLine()},
	}
	if d.rs.Caveat != "" {
		rows = append(rows, [2]string{"Pending change", d.rs.Caveat})
	}
	for _, r := range rows {
		p.labelled(r[0], r[1], 33)
	}
}

var verdictColor = map[assess.Verdict]rgb{
	assess.Eligible:    metGreen,
	assess.NotEligible: notMetRed,
	assess.NeedsReview: reviewAmber,
}

func verdictLabel(v assess.Verdict) string {
	switch v {
	case assess.Eligible:
		return "ELIGIBLE"
	case assess.NotEligible:
		return "NOT ELIGIBLE"
	case assess.NeedsReview:
		return "NEEDS REVIEW"
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

// conclusionText is the one plain-language paragraph a lawyer reads first.
func (d *opinionDoc) conclusionText() string {
	a, rs := d.a, d.rs
	name := d.c.FullName()
	if name == "" {
		name = "The client"
	}
	var b strings.Builder
	if gap := d.applicationGap(); gap != "" && !d.runDate.IsZero() && a.AssessedOn < d.runDate {
		fmt.Fprintf(&b, "Assessed as of the application date %s, %s: the requirements are applied on that date, not on the day of this run. ", a.AssessedOn, gap)
	}
	facts := fmt.Sprintf("%s hours of qualifying Canadian work experience in the %s years before %s (%s required)",
		hours(a.QualifyingHours), spellNumber(rs.WindowYears), a.AssessedOn, wholeHours(rs.RequiredHours))
	lang := d.languagePhrase()
	switch a.Verdict {
	case assess.Eligible:
		if head := urgentHeadline(a, d.runDate); head != "" {
			b.WriteString(head + ". ")
		}
		fmt.Fprintf(&b, "On the facts in the intake file, %s meets every objective requirement of the Canadian Experience Class on %s: %s and %s.", name, a.AssessedOn, facts, lang)
		d.untilSentence(&b)
	case assess.NotEligible:
		fmt.Fprintf(&b, "On the facts in the intake file, %s does not meet the Canadian Experience Class requirements on %s: %s and %s.", name, a.AssessedOn, facts, lang)
		for _, f := range a.Findings {
			if f.Kind == assess.KindFailure {
				b.WriteString(" " + f.Text)
			}
		}
		d.projection(&b)
	default:
		fmt.Fprintf(&b, "%s's file needs review before an opinion can be given, for the reasons listed below: %s.", name, d.reviewReasons())
		if d.rowsUnread() {
			fmt.Fprintf(&b, " On the rows that could be read, before they are fixed: %s and %s.", facts, lang)
			if reqs := d.unreadRequirements(); reqs != "" {
				fmt.Fprintf(&b, " No conclusion on %s, and no date, is drawn until the rows are fixed.", reqs)
			} else {
				b.WriteString(" The rows that could be read meet the work and language requirements; no date is drawn until the rest are fixed.")
			}
			break
		}
		fmt.Fprintf(&b, " On the facts as read: %s and %s.", facts, lang)
		d.decidingDoubts(&b)
		d.projection(&b)
		if !a.EligibleUntil.IsZero() {
			b.WriteString(" If the lawyer settles the points above in the client's favour,")
			d.untilSentence(&b)
		}
	}
	return b.String()
}

// untilSentence states the latest safe date and what lapses then; a date
// before the run is what held on the application date, never a date to
// submit by. When the combined scenario of the doubts brings it earlier,
// both dates are given with the doubts named.
func (d *opinionDoc) untilSentence(b *strings.Builder) {
	a := d.a
	if a.EligibleUntil.IsZero() {
		return
	}
	lapse := ""
	if a.Lapse != "" {
		lapse = ": " + lowerFirst(strings.TrimSuffix(a.Lapse, "."))
	}
	lead := " The latest safe date to submit the application for permanent residence is"
	if strings.HasSuffix(b.String(), ",") {
		lead = " the latest safe date to submit the application for permanent residence is"
	}
	if isPast(a, a.EligibleUntil) {
		fmt.Fprintf(b, " On the application date %s, the application had to be submitted by %s%s.", a.AssessedOn, a.EligibleUntil, lapse)
		return
	}
	fmt.Fprintf(b, "%s %s%s.", lead, a.EligibleUntil, lapse)
	if cs := a.Combined; cs != nil {
		switch {
		case cs.Outcome.Objective == assess.ObjectiveFails:
			fmt.Fprintf(b, " That date rests on %s counting as entered.", andList(cs.Codes))
		case !cs.EligibleUntil.IsZero() && cs.EligibleUntil < cs.DefaultUntil:
			fmt.Fprintf(b, " It is the date without %s; counting them as entered, the date would be %s.", andList(cs.Codes), cs.DefaultUntil)
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
	days := fmt.Sprintf("%d days", max(n, -n))
	if n == 1 || n == -1 {
		days = "1 day"
	}
	if n > 0 {
		return days + " before this run of " + d.runDate.String()
	}
	return days + " after this run of " + d.runDate.String()
}

// rulesLine names the rule set with its effective and review dates.
func (d *opinionDoc) rulesLine() string {
	rs := d.rs
	name := rs.Name
	if name == "" {
		name = d.a.RuleSet
	}
	s := fmt.Sprintf("%s (effective %s", name, rs.EffectiveFrom)
	if !rs.Reviewed.IsZero() {
		s += fmt.Sprintf("; last reviewed against IRCC's pages on %s", rs.Reviewed)
	}
	s += ")"
	if !rs.NextReview.IsZero() && !d.runDate.IsZero() && d.runDate > rs.NextReview {
		s += fmt.Sprintf(". The rule set is past its review date (%s): check IRCC's pages before relying on this opinion.", rs.NextReview)
	}
	return s
}

// languagePhrase states the client's language level as the lowest ability
// of the best valid test, in that test's scale (NCLC for a French test),
// and the level required.
func (d *opinionDoc) languagePhrase() string {
	a := d.a
	best := d.bestTest()
	scale := "CLB"
	if best != nil && best.Kind.French() {
		scale = "NCLC"
	}
	var lang string
	switch {
	case a.LanguageCLB < 0 || best == nil:
		lang = "no valid accepted language test"
	case a.LanguageCLB == 0:
		lang = fmt.Sprintf("a best valid language result below %s 4 (%s)", scale, lowestAbilities(best))
	case best.CLB == [4]int{a.LanguageCLB, a.LanguageCLB, a.LanguageCLB, a.LanguageCLB}:
		lang = fmt.Sprintf("a best valid language result of %s %d in all four abilities", scale, a.LanguageCLB)
	default:
		lang = fmt.Sprintf("a best valid language result of %s %d (%s)", scale, a.LanguageCLB, lowestAbilities(best))
	}
	if best != nil {
		lang += " on the " + string(best.Kind)
	}
	switch {
	case readingsDisagree(a.Readings):
		var levels []string
		for _, r := range a.Readings {
			if l := strconv.Itoa(r.RequiredCLB); !slices.Contains(levels, l) {
				levels = append(levels, l)
			}
		}
		lang += fmt.Sprintf(" (%s %s required, depending on the reading of the law)", scale, joinList(levels, "or"))
	case a.RequiredCLB > 0:
		lang += fmt.Sprintf(" (%s %d required)", scale, a.RequiredCLB)
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
func lowestAbilities(tr *assess.TestResult) string {
	var low []string
	for _, ab := range assess.Abilities {
		if tr.CLB[ab] == tr.Level {
			low = append(low, ab.String())
		}
	}
	return andList(low)
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
		parts = append(parts, "points for the lawyer to decide ("+strings.Join(concerns, ", ")+")")
	}
	if s := rowsNotRead("job", jobs); s != "" {
		parts = append(parts, s)
	}
	if s := rowsNotRead("language test", tests); s != "" {
		parts = append(parts, s)
	}
	other := ""
	if len(jobs)+len(tests) > 0 {
		other = "other "
	}
	switch {
	case data == 1:
		parts = append(parts, "1 "+other+"data problem in the intake file")
	case data > 1:
		parts = append(parts, fmt.Sprintf("%d %sdata problems in the intake file", data, other))
	}
	if len(parts) == 0 {
		return "the engine found points it cannot decide"
	}
	return andList(parts)
}

func (d *opinionDoc) projection(b *strings.Builder) {
	a := d.a
	switch {
	case a.EligibleFrom.IsZero():
		fmt.Fprintf(b, " On the present facts, with no new language test, there is no date in the next %s years on which every objective requirement would be met.", spellNumber(d.rs.ProjectionYears))
	case a.EligibleFrom == a.AssessedOn && readingsDisagree(a.Readings):
		// The language requirement is the point the lawyer decides.
		fmt.Fprintf(b, " The work and province requirements are met on %s; the language requirement is met on some readings of the law and not on others (%s).", a.AssessedOn, assess.RuleMixed)
	case a.EligibleFrom == a.AssessedOn && len(a.WorkToConfirm()) > 0:
		// The hours count work whose status is the lawyer's to confirm.
		fmt.Fprintf(b, " The objective requirements are met on %s if the work the lawyer must confirm counts (%s).", a.AssessedOn, strings.Join(a.WorkToConfirm(), ", "))
	case a.EligibleFrom == a.AssessedOn:
		fmt.Fprintf(b, " The objective requirements are met on %s.", a.AssessedOn)
	default:
		fmt.Fprintf(b, " If the client's current jobs continue unchanged and no new test is taken, the client is eligible from %s.", a.EligibleFrom)
		if !a.FromAsOf {
			// A later date is no help to an application already dated.
			fmt.Fprintf(b, " That needs an application made on or after that date; the Application Date in the intake is %s.", a.AssessedOn)
		}
	}
}

func (d *opinionDoc) conclusion(p *pager) {
	p.y += 3
	p.setFont(false, 9.5)
	text := d.conclusionText()
	lines := p.wrap(text, contentW-30)
	lh := p.lineH()
	h := float64(len(lines))*lh + 4
	h = max(h, 14)
	c := verdictColor[d.a.Verdict]
	label := verdictLabel(d.a.Verdict)
	if urgentHeadline(d.a, d.runDate) != "" {
		// Eligible, but not green: the latest safe date is near.
		c, label = urgentOrange, "ELIGIBLE ONLY UNTIL "+d.a.EligibleUntil.String()
	}
	p.ensure(h)
	p.rect(p.left, p.y, 26, h, c, "F")
	p.setFont(true, 9)
	p.color(rgb{255, 255, 255})
	words := strings.Fields(label)
	for i, w := range words {
		p.text(p.left+13-p.width(w)/2, p.y+h/2+float64(i)*4-float64(len(words)-1)*2+1.2, w)
	}
	p.color(black)
	p.setFont(false, 9.5)
	p.rect(p.left+26, p.y, contentW-26, h, rgb{246, 246, 246}, "F")
	for i, l := range lines {
		p.text(p.left+29, p.y+2+lh*(float64(i)+0.75), l)
	}
	p.y += h + 2
}

var outcomeLabel = map[assess.Outcome]string{
	assess.Met:               "Met",
	assess.NotMet:            "Not met",
	assess.Concern:           "For the lawyer",
	assess.NotAssessed:       "Not assessed until the data is fixed",
	assess.NoConcernRecorded: "No concern recorded",
}

var outcomeColor = map[assess.Outcome]rgb{
	assess.Met:               metGreen,
	assess.NotMet:            notMetRed,
	assess.Concern:           reviewAmber,
	assess.NotAssessed:       darkGray,
	assess.NoConcernRecorded: darkGray,
}

// notAssessedFinding states a work or language requirement that rests on
// rows that could not be read.
func (d *opinionDoc) notAssessedFinding(key string) string {
	jobs, tests := d.unreadRows()
	s := rowsNotRead("job", jobs)
	if key == assess.ReqLanguage {
		s = rowsNotRead("language test", tests)
	}
	return "Not assessed until the data is fixed: " + s + "; what they hold may change the finding."
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

func (d *opinionDoc) requirements(p *pager) {
	p.heading("The requirements", 20)
	for _, req := range d.a.Requirements {
		p.y += 1
		// A requirement's block is short: keep it on one page.
		p.setFont(false, 9)
		lines := 0
		for _, v := range []string{req.Rule, req.Facts, req.Finding, req.Citation} {
			if v != "" {
				lines += len(p.wrap(v, contentW-22))
			}
		}
		body := float64(lines) * p.lineH()
		p.setFont(true, 10.5)
		p.ensure(p.lineH() + min(body, 60))
		outcome := d.shownOutcome(req)
		label := outcomeLabel[outcome]
		if label == "" {
			label = string(outcome)
		}
		p.text(p.left, p.y+p.lineH()*0.75, req.Title)
		p.setFont(true, 9)
		p.color(outcomeColor[outcome])
		p.textRight(p.right, p.y+p.lineH()*0.9, label)
		p.color(black)
		p.setFont(true, 10.5)
		p.y += p.lineH()
		p.setFont(false, 9)
		p.labelled("Rule", req.Rule, 22)
		p.labelled("Facts", req.Facts, 22)
		finding := req.Finding
		if outcome == assess.NotAssessed && req.Outcome != assess.NotAssessed {
			// The engine's "not met" rests on rows that could not be read.
			finding = d.notAssessedFinding(req.Key)
		}
		p.labelled("Finding", finding, 22)
		if req.Citation != "" {
			p.labelled("Authority", req.Citation, 22)
		}
		p.y += 1.5
	}
}

func dateSpan(from, to assess.Date) string {
	return from.String() + " – " + orOngoing(to)
}

func orOngoing(d assess.Date) string {
	if d.IsZero() {
		return "ongoing"
	}
	return d.String()
}

func trimNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (d *opinionDoc) workTable(p *pager) {
	p.heading("Canadian work experience, job by job", 15)
	rs := d.rs
	jobs, _ := d.unreadRows()
	if len(d.c.Jobs) == 0 {
		if d.dataOffClientRow() {
			p.para("No job period could be read: see the data problems below.", 0)
		} else {
			p.para("No job periods were entered.", 0)
		}
		return
	}
	unread := make(map[int]unreadRow, len(jobs))
	for _, r := range jobs {
		unread[r.index] = r
	}
	cols := []column{
		{title: "Employer and job title", width: 39},
		{title: "NOC / TEER", width: 28},
		{title: "Dates", width: 23},
		{title: "h/week", width: 14, right: true},
		{title: "Hours credited", width: 16, right: true},
		{title: "Excluded, and why", width: 50},
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
		if res.NOCTitle != "" && j.Entered == nil {
			noc = res.NOC + "\n" + res.NOCTitle
		}
		if res.TEER >= 0 {
			noc += fmt.Sprintf("\nTEER %d", res.TEER)
		}
		if res.NOC2016 {
			noc += "\n(NOC 2016)"
		}
		end := entered(e, assess.FieldEnd, orOngoing(j.End))
		if strings.TrimSpace(end) == "" {
			end = "ongoing" // a blank end date runs on (`cecbatch rules`: dates)
		}
		dates := entered(e, assess.FieldStart, j.Start.String()) + "\nto " + end
		perWeek := entered(e, assess.FieldHours, trimNum(j.HoursPerWeek))
		credited, why := hours(res.Credited), d.jobWhy(res)
		if r, ok := unread[i]; ok {
			credited = "—"
			why = r.notAssessed()
		}
		rows = append(rows, []string{emp, strings.TrimSpace(noc), dates, perWeek, credited, why})
	}
	p.table(cols, rows)
	p.setFont(false, 9)
	weekCap := trimNum(rs.WeeklyCap)
	p.para(fmt.Sprintf("Total qualifying hours: %s (TEER 0/1: %s; TEER 2/3: %s). Hours above %s a week are never credited; concurrent jobs share the %s-hour weekly cap.",
		hours(d.a.QualifyingHours), hours(d.a.HoursTEER01), hours(d.a.HoursTEER23), weekCap, weekCap), 0)
	if len(jobs) > 0 {
		p.para(rowsNotRead("job", jobs)+unreadRowsCount(len(jobs)), 0)
	}
	if !d.a.HoursReached.IsZero() {
		p.para(fmt.Sprintf("The %s hours have been held without a break since %s.", wholeHours(rs.RequiredHours), d.a.HoursReached), 0)
	}
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
	switch res.Status {
	case assess.JobCounted:
		parts = append(parts, "Counted in full.")
	case assess.JobOutside:
		parts = append(parts, fmt.Sprintf("Outside the %d-year window.", d.rs.WindowYears))
	case assess.JobUnreadable:
		parts = append(parts, "Not assessed until the row is fixed.")
	case assess.JobExcluded:
		parts = append(parts, "Excluded.")
	case assess.JobPartly:
		parts = append(parts, "Partly excluded.")
	case assess.JobLeave:
		parts = append(parts, "leave ("+assess.RuleLeave+"): its days come out of the employer's jobs; it counts for nothing itself.")
	}
	for _, e := range res.Exclusions {
		parts = append(parts, fmt.Sprintf("%s: %s (%s, %d days)", d.cited(e.Code, ""), e.Reason, dateSpan(e.From, e.To), e.Days))
	}
	if res.Uncapped > res.Credited+0.05 {
		parts = append(parts, fmt.Sprintf("Capped: %s hours without the %s h/week cap.", hours(res.Uncapped), trimNum(d.rs.WeeklyCap)))
	}
	return strings.Join(parts, "\n")
}

// cited writes a rule id with its authority: "W-STATUS (IRPR 87.1(3)(c))".
// citation is the finding's own; else the rule set's for the id.
func (d *opinionDoc) cited(code, citation string) string {
	if citation == "" {
		citation = d.rs.Citations[code]
	}
	if citation == "" {
		return code
	}
	return code + " (" + citation + ")"
}

func (d *opinionDoc) languageTable(p *pager) {
	p.heading("Language tests", 15)
	_, unreadTests := d.unreadRows()
	if len(d.c.Tests) == 0 {
		if d.dataOffClientRow() {
			p.para("No language test could be read: see the data problems below.", 0)
		} else {
			p.para("No language test was entered.", 0)
		}
		return
	}
	unread := make(map[int]unreadRow, len(unreadTests))
	for _, r := range unreadTests {
		unread[r.index] = r
	}
	cols := []column{
		{title: "Test", width: 26},
		{title: "Date", width: 20},
		{title: "Valid until", width: 20},
		{title: "L", width: 12.5, right: true},
		{title: "R", width: 12.5, right: true},
		{title: "W", width: 12.5, right: true},
		{title: "S", width: 12.5, right: true},
		{title: "Level", width: 13, right: true},
		{title: "Valid, or why not", width: 41},
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
				row = append(row, entered(e, scoreFields[ab], t.Scores[ab].String()))
			}
			rows = append(rows, append(row, "—", r.notAssessed()))
			continue
		}
		scale := levelScale(res.Kind)
		row := []string{name, t.Date.String(), res.ValidUntil.String()}
		for _, ab := range assess.Abilities {
			row = append(row, t.Scores[ab].String()+"\n"+scale+" "+clb(res.CLB[ab]))
		}
		row = append(row, scale+" "+clb(res.Level))
		var why string
		switch {
		case !res.Accepted:
			why = "Not accepted: " + res.Refused
		case res.Valid && res.Best:
			why = "Valid; the client's best result."
		case res.Valid:
			why = "Valid."
		default:
			why = "Not valid: " + res.Why
		}
		rows = append(rows, append(row, why))
	}
	p.table(cols, rows)
	p.setFont(false, 8)
	p.para("L, R, W, S: listening, reading, writing, speaking — the score, then its level: CLB for an English test, NCLC for a French one. A test's level is the lowest of its four abilities.", 0)
	if len(unreadTests) > 0 {
		p.setFont(false, 9)
		p.para(rowsNotRead("language test", unreadTests)+unreadRowsCount(len(unreadTests)), 0)
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
func (d *opinionDoc) readingsTable(p *pager) {
	rd := d.a.Readings
	if !readingsDisagree(rd) {
		return
	}
	scale := "CLB"
	if best := d.bestTest(); best != nil {
		scale = levelScale(best.Kind)
	}
	p.heading("Mixed TEER experience: the three readings ("+assess.RuleMixed+")", 15)
	p.setFont(false, 9)
	p.para("The law does not settle which language threshold applies to experience in both TEER groups; each reading gives a different answer for this client, and the lawyer decides.", 0)
	p.y += 1
	cols := []column{
		{title: "Reading", width: 32},
		{title: "Basis (hours)", width: 88},
		{title: "Level required", width: 25, right: true},
		{title: "Result", width: 25},
	}
	level := d.a.LanguageCLB
	var rows [][]string
	for _, r := range rd {
		result := "Fails"
		if r.Pass {
			result = "Passes"
		}
		if level >= 0 {
			result += fmt.Sprintf(" (client: %d)", level)
		}
		rows = append(rows, []string{r.Name, r.Basis, fmt.Sprintf("%s %d", scale, r.RequiredCLB), result})
	}
	p.table(cols, rows)
}

func findingLine(f assess.Finding, cite func(code, citation string) string) string {
	s := f.Code + ": " + f.Text
	if f.Code != assess.CodeData {
		// A data problem is no rule: the rule it stops is in its text.
		s = cite(f.Code, f.Citation) + ": " + f.Text
	}
	if f.Cell != "" {
		s += " [" + f.Cell + "]"
	}
	return s
}

func (d *opinionDoc) findingsLists(p *pager) {
	var data, concerns, notes []string
	for _, f := range d.a.Findings {
		switch f.Kind {
		case assess.KindData:
			data = append(data, findingLine(f, d.cited))
		case assess.KindConcern:
			concerns = append(concerns, findingLine(f, d.cited))
		case assess.KindNote:
			notes = append(notes, findingLine(f, d.cited))
		}
	}
	for _, pr := range unreportedProblems(d.a) {
		data = append(data, findingLine(assess.Finding{Code: assess.CodeData, Text: pr.Message, Cell: pr.Cell}, d.cited))
	}
	if len(concerns) > 0 {
		p.heading("Points for the lawyer to decide", 10)
		p.bullets(concerns)
	}
	p.heading("Data problems", 10)
	if len(data) == 0 {
		p.para("None: every cell of the client's rows was read.", 0)
	} else {
		p.bullets(data)
	}
	if steps := NextSteps(d.a); len(steps) > 0 {
		p.heading("Next steps", 10)
		p.bullets(steps)
	}
	p.heading("Paralegal's notes", 10)
	if strings.TrimSpace(d.c.Notes) == "" {
		p.para("None.", 0)
	} else {
		p.para(d.c.Notes, 0)
	}
	if len(notes) > 0 {
		p.heading("Interpretation notes", 10)
		p.bullets(notes)
	}
}

// expressEntryText is stated in every opinion, whatever the verdict
// (`cecbatch rules`: the Express Entry sequence).
func (d *opinionDoc) expressEntryText() string {
	return fmt.Sprintf("Eligibility for the Canadian Experience Class is necessary but not sufficient: "+
		"the client must create an Express Entry profile (valid %d months), be selected by Comprehensive "+
		"Ranking System (CRS) rank in a draw, and still meet every requirement on the day the application "+
		"for permanent residence (eAPR) is submitted, up to %d days after the invitation to apply.",
		d.rs.ProfileMonths, d.rs.ITADays)
}

func (d *opinionDoc) closing(p *pager) {
	p.heading("Express Entry", 10)
	p.para(d.expressEntryText(), 0)
	// The signature line never stands alone on the last page: the heading,
	// the paragraph and the signature (4 + 13 below) are kept together.
	p.setFont(false, 9.5)
	// The paragraph, the gap and the signature, and the 2 mm of the
	// heading's rule below its line.
	together := float64(len(p.wrap(d.rs.NotDecided(), contentW)))*p.lineH() + 4 + 13 + 2
	p.heading("Not decided by the engine", together)
	p.para(d.rs.NotDecided(), 0)
	p.y += 4
	p.setFont(false, 9.5)
	p.ensure(13)
	lawyer := d.r.lh.Lawyer
	if lawyer == "" {
		lawyer = "the reviewing lawyer"
	}
	p.text(p.left, p.y+4, "Reviewed by: ______________________________   Date: ______________")
	p.setFont(false, 8.5)
	p.color(darkGray)
	p.text(p.left+22, p.y+8.5, lawyer)
	p.color(black)
	p.y += 12
}
