package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cecbatch/cecbatch/assess"
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
	faces        [2]*fontFace
	logo         []byte
	logoType     string  // "PNG" or "JPG"
	logoW, logoH float64 // size on the page, mm
	// rules is the rule set the opinion quotes (required hours, test
	// validity, what the engine leaves to the lawyer); assess.Current
	// builds the whole rule set, so it is built once here, not per opinion.
	rules *assess.RuleSet

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

// NewOpinionRenderer prepares the fonts (once per process) and reads the logo.
func NewOpinionRenderer(lh Letterhead) (*OpinionRenderer, error) {
	faces, err := fontFaces()
	if err != nil {
		return nil, fmt.Errorf("opinion fonts: %w", err)
	}
	r := &OpinionRenderer{lh: lh, faces: faces, rules: assess.Current()}
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

// Render writes the opinion for a. asOf is the run's as-of date: creation/modification dates are
// fixed to it so the same inputs give byte-identical PDFs.
func (r *OpinionRenderer) Render(w io.Writer, a *assess.Assessment, asOf assess.Date) error {
	if a == nil || a.Client == nil {
		return fmt.Errorf("opinion: no assessment")
	}
	doc := &opinionDoc{r: r, a: a, c: a.Client}

	// Dry run: which characters are printed, and how many pages.
	dry := &pager{faces: r.faces, used: map[rune]bool{}}
	doc.write(dry)

	pdf := fpdf.New("P", "mm", "A4", "")
	stamp := asOf.Time()
	if asOf.IsZero() {
		stamp = a.AssessedOn.Time()
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetTitle("CEC opinion draft — client "+a.Client.ID, true)
	pdf.SetCreator("cecbatch", true)
	if r.lh.FirmName != "" {
		pdf.SetAuthor(r.lh.FirmName, true)
	}
	out := &pager{pdf: pdf, faces: r.faces, pages: dry.page, trace: r.trace}
	if enc, ok := newEncoding(dry.used); ok && r.utf8TTF == nil {
		out.enc = enc
		for i, style := range []string{styleNormal, styleBold} {
			if err := r.faces[i].addSimpleFont(pdf, style, enc); err != nil {
				return fmt.Errorf("opinion font: %w", err)
			}
		}
	} else {
		ttf := [2][]byte{r.faces[0].ttf, r.faces[1].ttf}
		if r.utf8TTF != nil {
			ttf = *r.utf8TTF
		}
		for i, style := range []string{styleNormal, styleBold} {
			pdf.AddUTF8FontFromBytes(fontFamily, style, ttf[i])
		}
	}
	if r.logo != nil {
		pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: r.logoType}, bytes.NewReader(r.logo))
	}
	doc.write(out)
	if out.page != dry.page {
		return fmt.Errorf("opinion layout: %d pages, dry run counted %d", out.page, dry.page)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("opinion: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("opinion: %w", err)
	}
	return nil
}

// opinionDoc writes one opinion onto a pager; it holds no PDF state, so it
// can write the same document twice.
type opinionDoc struct {
	r *OpinionRenderer
	a *assess.Assessment
	c *assess.Client
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
	d.findingsLists(p)
	d.expressEntry(p)
	d.closing(p)
}

// decorate prints the DRAFT marking, and the footer with the source file,
// the assessed date and the page number, on every page.
func (d *opinionDoc) decorate(p *pager) {
	p.setFont(true, 8.5)
	p.color(draftRed)
	p.text(marginLeft, 12, draftMark)
	p.setFont(false, 8)
	p.color(midGray)
	p.textRight(pageW-marginRight, 12, "Client "+d.c.ID)
	p.line(marginLeft, 14, pageW-marginRight, 14, draftRed, 0.4)

	fy := pageH - 12
	p.line(marginLeft, fy-4, pageW-marginRight, fy-4, midGray, 0.2)
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
	p.text(marginLeft, fy, left)
	total := p.pages
	if total == 0 {
		total = 999 // dry run: reserve room; the real run knows the count
	}
	p.textRight(pageW-marginRight, fy, fmt.Sprintf("Page %d of %d", p.page, total))
	p.color(black)
}

func (d *opinionDoc) letterhead(p *pager) {
	lh := d.r.lh
	x := marginLeft
	top := p.y
	if d.r.logo != nil && p.pdf != nil {
		p.pdf.ImageOptions("logo", marginLeft, top, d.r.logoW, d.r.logoH, false, fpdf.ImageOptions{ImageType: d.r.logoType}, 0, "")
	}
	if d.r.logo != nil {
		x = marginLeft + d.r.logoW + 5
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
	p.line(marginLeft, p.y, pageW-marginRight, p.y, navy, 0.6)
	p.y += 6
	p.color(black)
	p.setFont(true, 13)
	p.text(marginLeft, p.y, "Canadian Experience Class — eligibility opinion (draft)")
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
		{"Window", d.a.WindowStart.String() + " to " + d.a.AssessedOn.AddDays(-1).String() + " (the 3 years before the date assessed)"},
	}
	if d.a.RuleSet != "" {
		rows = append(rows, [2]string{"Rules applied", d.a.RuleSet})
	}
	for _, r := range rows {
		p.labelled(r[0], r[1], 30)
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
	a := d.a
	name := d.c.FullName()
	if name == "" {
		name = "The client"
	}
	var b strings.Builder
	facts := fmt.Sprintf("%s hours of qualifying Canadian work experience in the three years before %s (%s required)", hours(a.QualifyingHours), a.AssessedOn, wholeHours(d.r.rules.RequiredHours))
	lang := "no valid accepted language test"
	if a.LanguageCLB >= 0 {
		lang = fmt.Sprintf("a best valid language result of CLB %d in all four abilities", a.LanguageCLB)
		if a.LanguageCLB == 0 {
			lang = "a best valid language result below CLB 4"
		}
	}
	if a.RequiredCLB > 0 {
		lang += fmt.Sprintf(" (CLB %d required)", a.RequiredCLB)
	}
	switch a.Verdict {
	case assess.Eligible:
		fmt.Fprintf(&b, "On the facts in the intake file, %s meets every objective requirement of the Canadian Experience Class on %s: %s and %s.", name, a.AssessedOn, facts, lang)
		if !a.EligibleUntil.IsZero() {
			fmt.Fprintf(&b, " Apply by %s", a.EligibleUntil)
			if a.Lapse != "" {
				fmt.Fprintf(&b, " because %s", lowerFirst(strings.TrimSuffix(a.Lapse, ".")))
			}
			b.WriteString(".")
		}
	case assess.NotEligible:
		fmt.Fprintf(&b, "On the facts in the intake file, %s does not meet the Canadian Experience Class requirements on %s: %s and %s.", name, a.AssessedOn, facts, lang)
		for _, f := range a.Findings {
			if f.Kind == assess.KindFailure {
				b.WriteString(" " + f.Text)
			}
		}
		d.projection(&b)
	default:
		fmt.Fprintf(&b, "%s's file needs review before an opinion can be given: %s (listed below). On the facts as read: %s and %s.", name, d.reviewReasons(), facts, lang)
		d.projection(&b)
	}
	return b.String()
}

// reviewReasons says in a phrase why the file needs review: the concerns by
// rule id and the number of data problems.
func (d *opinionDoc) reviewReasons() string {
	var concerns []string
	seen := map[string]bool{}
	data := 0
	for _, f := range d.a.Findings {
		switch f.Kind {
		case assess.KindConcern:
			if !seen[f.Code] {
				seen[f.Code] = true
				concerns = append(concerns, f.Code)
			}
		case assess.KindData:
			data++
		}
	}
	data += len(unreportedProblems(d.a))
	var parts []string
	if len(concerns) > 0 {
		parts = append(parts, "points for the lawyer to decide ("+strings.Join(concerns, ", ")+")")
	}
	switch {
	case data == 1:
		parts = append(parts, "1 data problem in the intake file")
	case data > 1:
		parts = append(parts, fmt.Sprintf("%d data problems in the intake file", data))
	}
	if len(parts) == 0 {
		return "the engine found points it cannot decide"
	}
	return "there are " + strings.Join(parts, " and ")
}

func (d *opinionDoc) projection(b *strings.Builder) {
	a := d.a
	switch {
	case a.EligibleFrom.IsZero():
		b.WriteString(" On the present facts, with no new language test, there is no date in the next three years on which every objective requirement would be met.")
	case a.EligibleFrom == a.AssessedOn:
		fmt.Fprintf(b, " The objective requirements are met on %s.", a.AssessedOn)
	default:
		fmt.Fprintf(b, " If the client's current jobs continue unchanged and no new test is taken, the client is eligible from %s.", a.EligibleFrom)
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
	p.ensure(h)
	p.rect(marginLeft, p.y, 26, h, c, "F")
	p.setFont(true, 9)
	p.color(rgb{255, 255, 255})
	label := verdictLabel(d.a.Verdict)
	words := strings.Fields(label)
	for i, w := range words {
		p.text(marginLeft+13-p.width(w)/2, p.y+h/2+float64(i)*4-float64(len(words)-1)*2+1.2, w)
	}
	p.color(black)
	p.setFont(false, 9.5)
	p.rect(marginLeft+26, p.y, contentW-26, h, rgb{246, 246, 246}, "F")
	for i, l := range lines {
		p.text(marginLeft+29, p.y+2+lh*(float64(i)+0.75), l)
	}
	p.y += h + 2
}

var outcomeLabel = map[assess.Outcome]string{
	assess.Met:     "Met",
	assess.NotMet:  "Not met",
	assess.Concern: "For the lawyer",
}

var outcomeColor = map[assess.Outcome]rgb{
	assess.Met:     metGreen,
	assess.NotMet:  notMetRed,
	assess.Concern: reviewAmber,
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
		label := outcomeLabel[req.Outcome]
		if label == "" {
			label = string(req.Outcome)
		}
		p.text(marginLeft, p.y+p.lineH()*0.75, req.Title)
		p.setFont(true, 9)
		p.color(outcomeColor[req.Outcome])
		p.textRight(pageW-marginRight, p.y+p.lineH()*0.9, label)
		p.color(black)
		p.setFont(true, 10.5)
		p.y += p.lineH()
		p.setFont(false, 9)
		p.labelled("Rule", req.Rule, 22)
		p.labelled("Facts", req.Facts, 22)
		p.labelled("Finding", req.Finding, 22)
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
	if len(d.c.Jobs) == 0 {
		p.para("No job periods were entered.", 0)
		return
	}
	cols := []column{
		{title: "Employer and job title", width: 43},
		{title: "NOC / TEER", width: 16},
		{title: "Dates", width: 23},
		{title: "h/week", width: 14, right: true},
		{title: "Hours credited", width: 17, right: true},
		{title: "Excluded, and why", width: 57},
	}
	var rows [][]string
	for i, j := range d.c.Jobs {
		var res assess.JobResult
		res.Index, res.TEER = i, -1
		if i < len(d.a.Jobs) {
			res = d.a.Jobs[i]
		}
		emp := j.Employer
		for _, more := range []string{j.Title, j.Location} {
			if more != "" {
				emp += "\n" + more
			}
		}
		noc := j.NOC
		if res.TEER >= 0 {
			noc += fmt.Sprintf("\nTEER %d", res.TEER)
		}
		if res.NOC2016 {
			noc += "\n(NOC 2016)"
		}
		rows = append(rows, []string{emp, strings.TrimSpace(noc), j.Start.String() + "\nto " + orOngoing(j.End), trimNum(j.HoursPerWeek), hours(res.Credited), jobWhy(res)})
	}
	p.table(cols, rows)
	p.setFont(false, 9)
	p.para(fmt.Sprintf("Total qualifying hours: %s (TEER 0/1: %s; TEER 2/3: %s). Hours above 30 a week are never credited; concurrent jobs share the 30-hour weekly cap.",
		hours(d.a.QualifyingHours), hours(d.a.HoursTEER01), hours(d.a.HoursTEER23)), 0)
	if !d.a.HoursReached.IsZero() {
		p.para("The "+wholeHours(d.r.rules.RequiredHours)+"th hour was reached on "+d.a.HoursReached.String()+".", 0)
	}
}

func jobWhy(res assess.JobResult) string {
	var parts []string
	switch res.Status {
	case assess.JobCounted:
		parts = append(parts, "Counted in full.")
	case assess.JobOutside:
		parts = append(parts, "Outside the 3-year window.")
	case assess.JobUnreadable:
		parts = append(parts, "Not counted: the row has a data problem.")
	case assess.JobExcluded:
		parts = append(parts, "Excluded.")
	case assess.JobPartly:
		parts = append(parts, "Partly excluded.")
	}
	for _, e := range res.Exclusions {
		parts = append(parts, fmt.Sprintf("%s: %s (%s, %d days)", e.Code, e.Reason, dateSpan(e.From, e.To), e.Days))
	}
	if res.Uncapped > res.Credited+0.05 {
		parts = append(parts, fmt.Sprintf("Capped: %s hours without the 30 h/week cap.", hours(res.Uncapped)))
	}
	return strings.Join(parts, "\n")
}

func (d *opinionDoc) languageTable(p *pager) {
	p.heading("Language tests", 15)
	if len(d.c.Tests) == 0 {
		p.para("No language test was entered.", 0)
		return
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
	var rows [][]string
	for i, t := range d.c.Tests {
		var res assess.TestResult
		if i < len(d.a.Tests) {
			res = d.a.Tests[i]
		}
		name := t.Name
		if t.Kind != "" && string(t.Kind) != t.Name {
			name += "\n(" + string(t.Kind) + ")"
		}
		row := []string{name, t.Date.String(), res.ValidUntil.String()}
		for _, ab := range assess.Abilities {
			row = append(row, t.Scores[ab].String()+"\nCLB "+clb(res.CLB[ab]))
		}
		row = append(row, "CLB "+clb(res.Level))
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
	p.para("L, R, W, S: listening, reading, writing, speaking — the score, then its CLB/NCLC level. A test's level is the lowest of its four abilities.", 0)
}

func clb(n int) string {
	if n <= 0 {
		return "<4"
	}
	return strconv.Itoa(n)
}

func findingLine(f assess.Finding) string {
	s := f.Code + ": " + f.Text
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
			data = append(data, findingLine(f))
		case assess.KindConcern:
			concerns = append(concerns, findingLine(f))
		case assess.KindNote:
			notes = append(notes, findingLine(f))
		}
	}
	for _, pr := range unreportedProblems(d.a) {
		data = append(data, findingLine(assess.Finding{Code: assess.CodeData, Text: pr.Message, Cell: pr.Cell}))
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

func (d *opinionDoc) closing(p *pager) {
	p.heading("Not decided by the engine", 10)
	p.para(d.r.rules.NotDecided(), 0)
	p.y += 4
	p.setFont(false, 9.5)
	p.ensure(13)
	lawyer := d.r.lh.Lawyer
	if lawyer == "" {
		lawyer = "the reviewing lawyer"
	}
	p.text(marginLeft, p.y+4, "Reviewed by: ______________________________   Date: ______________")
	p.setFont(false, 8.5)
	p.color(darkGray)
	p.text(marginLeft+22, p.y+8.5, lawyer)
	p.color(black)
	p.y += 12
}
