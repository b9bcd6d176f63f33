package report

import (
	"slices"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/report/doc"
)

// The client letter (outputs.client_letter) is the memo's conclusion
// written to the client, in plain language, on one or two pages: where
// the client stands, what is missing and by when, the dates that matter
// (apply by, tests and permits expiring), and what to send the firm next.
// It carries no rule ids, no internal caveats and no CRS arithmetic (the
// estimate is a range with its date), and it is signed by the reviewing
// lawyer. It is a draft too: the lawyer reads it before it is sent. It is
// built from the assessment alone, in report's own sentences, so that all
// of it is in the client's language.

// letterDoc builds one client letter.
type letterDoc struct {
	builder
	r  *OpinionRenderer
	a  *assess.Assessment
	x  *crs.Estimate
	c  *assess.Client
	rs *assess.RuleSet
	// on is the letter's date: the run's as-of date.
	on assess.Date
}

// letter builds the client letter for a, in the client's language.
func (r *OpinionRenderer) letter(a *assess.Assessment, x *crs.Estimate, asOf assess.Date) (*doc.Document, error) {
	if _, err := r.memo(a, x, asOf); err != nil { // the same checks
		return nil, err
	}
	on := asOf
	if on.IsZero() {
		on = a.AssessedOn
	}
	d := &letterDoc{builder: builder{loc: locales()[r.language(a.Client)]}, r: r, a: a, x: x, c: a.Client, rs: a.Rules, on: on}
	d.opening()
	d.conclusion()
	d.missing()
	d.maintainedStatus()
	d.keyDates()
	d.toSend()
	d.expressEntry()
	d.closing()
	lh := r.opt.Letterhead
	return &doc.Document{
		Lang: d.loc.lang, Title: d.t("Letter to the client — client %s", a.Client.ID), Author: lh.FirmName, Date: on.Time(),
		Header: doc.Header{Text: d.t("DRAFT — for the lawyer to review before it is sent"), Right: d.t("Client %s", a.Client.ID), Draft: true},
		Footer: doc.Footer{Text: d.t("Letter to %s · Based on the information in our file on %s", d.name(), d.loc.longDate(on)), Page: d.loc.raw("Page %d of %d")},
		Blocks: d.blocks, Untranslated: d.untranslated,
	}, nil
}

// name is the client's name, or the client ID when the intake gives none.
func (d *letterDoc) name() string {
	if n := d.c.FullName(); n != "" {
		return n
	}
	return d.t("client %s", d.c.ID)
}

func (d *letterDoc) opening() {
	d.add(d.r.letterhead(d.loc, ""))
	d.para(doc.Body, d.loc.longDate(d.on))
	d.add(&doc.Space{MM: 2})
	d.para(doc.Body, d.name()+"\n"+d.t("Our file: %s", d.c.ID))
	d.add(&doc.Space{MM: 2})
	d.para(doc.Strong, d.t("Re: your eligibility for the Canadian Experience Class (Express Entry)"))
	d.add(&doc.Space{MM: 1})
	d.para(doc.Body, d.t("Dear %s,", d.name()))
	d.add(&doc.Space{MM: 1.5})
	d.para(doc.Body, d.t("Thank you for the information you sent us. We have compared it with the requirements of the Canadian Experience Class, the immigration program for people with skilled work experience in Canada. This letter tells you where you stand on %s and what to do next.", d.loc.longDate(d.on)))
}

// conclusion says where the client stands.
func (d *letterDoc) conclusion() {
	a := d.a
	var b strings.Builder
	switch a.Verdict {
	case assess.Eligible:
		d.fprintf(&b, "On the information we have, you meet the requirements of the Canadian Experience Class on %s.", d.loc.longDate(a.AssessedOn))
		if !a.EligibleUntil.IsZero() && a.LapseCode != "" {
			d.fprintf(&b, " To rely on this, your application for permanent residence must be submitted by %s: %s.", d.loc.longDate(a.EligibleUntil), d.lapse())
		}
	case assess.NotEligible:
		d.fprintf(&b, "On the information we have, you do not yet meet the requirements of the Canadian Experience Class on %s.", d.loc.longDate(a.AssessedOn))
		d.when(&b)
	default:
		d.fprintf(&b, "We need to check some points in your file before we can tell you whether you meet the requirements of the Canadian Experience Class.")
		if d.dataProblems() {
			b.WriteString(d.t(" Some of the information in your file is incomplete or unclear: we will contact you to complete it."))
		}
		if d.concerns() {
			b.WriteString(d.t(" Some questions need your lawyer's review; we will discuss them with you."))
		}
		if !d.dataProblems() {
			d.when(&b)
		}
	}
	d.heading(d.t("Our conclusion"), 15)
	d.para(doc.Body, b.String())
	d.add(&doc.Space{MM: 1})
}

// when says from when the client meets the requirements, if the jobs go
// on as they are.
func (d *letterDoc) when(b *strings.Builder) {
	a := d.a
	switch {
	case a.EligibleFrom.IsZero():
		d.fprintf(b, " As things stand, we do not see a date in the next %s years on which you would meet them.", d.loc.spell(d.rs.ProjectionYears))
	case a.EligibleFrom > a.AssessedOn:
		d.fprintf(b, " If your present work continues as it is, you should meet them from %s.", d.loc.longDate(a.EligibleFrom))
	}
}

// lapse says in plain words why the application must be in by the last
// safe date.
func (d *letterDoc) lapse() string {
	switch d.a.LapseCode {
	case assess.RuleHours:
		return d.t("after that date, some of your work falls outside the three years that count and you would no longer have enough hours")
	case assess.RuleValid:
		return d.t("after that date, your language test results are no longer valid")
	case assess.RuleThresh, assess.RuleMixed:
		return d.t("after that date, the language level your work requires is higher than your test results")
	}
	return d.t("after that date, you may no longer meet every requirement")
}

func (d *letterDoc) dataProblems() bool {
	for _, f := range d.a.Findings {
		if f.Kind == assess.KindData {
			return true
		}
	}
	return len(unreportedProblems(d.a)) > 0
}

func (d *letterDoc) concerns() bool {
	for _, f := range d.a.Findings {
		if f.Kind == assess.KindConcern {
			return true
		}
	}
	return false
}

// unmet reports whether the requirement key is not met on the facts read.
func (d *letterDoc) unmet(key string) bool {
	r := stepRequirement(d.a, key)
	return r != nil && r.Outcome == assess.NotMet
}

// accepted names the accepted tests: "IELTS General Training, CELPIP-General,
// PTE Core, TEF Canada or TCF Canada".
func (d *letterDoc) accepted() string {
	var names []string
	for _, k := range d.rs.AcceptedTests {
		names = append(names, string(k))
	}
	return d.loc.or(names)
}

// missing lists what stands between the client and the requirements.
func (d *letterDoc) missing() {
	if d.a.Verdict == assess.Eligible || d.dataProblems() {
		return
	}
	var items []string
	a, rs := d.a, d.rs
	if d.unmet(assess.ReqWork) {
		items = append(items, d.t("Work experience: you have %s hours of qualifying skilled work in Canada in the last %s years; %s hours are needed (one year of full-time work).",
			d.loc.hours(a.QualifyingHours), d.loc.spell(rs.WindowYears), d.loc.whole(rs.RequiredHours)))
	}
	if d.unmet(assess.ReqLanguage) {
		best := stepBestTest(a)
		latest := d.latestTest()
		switch {
		case (best == nil || !best.Valid) && latest != nil && !latest.ValidUntil.IsZero() && latest.ValidUntil < a.AssessedOn:
			t := d.c.Tests[latest.Index]
			items = append(items, d.t("Language: your %s results of %s expired on %s; you need new results of an approved language test (%s).",
				d.tx(stepTestName(t)), d.loc.longDate(t.Date), d.loc.longDate(latest.ValidUntil), d.accepted()))
		case best == nil || !best.Valid || a.LanguageCLB < 0:
			items = append(items, d.t("Language: we have no valid result of an approved language test (%s).", d.accepted()))
		case a.RequiredCLB > 0:
			scale := d.loc.scale(levelScale(best.Kind))
			var short []string
			for _, ab := range assess.Abilities {
				if best.CLB[ab] < a.RequiredCLB {
					short = append(short, d.loc.ability(ab))
				}
			}
			items = append(items, d.t("Language: your work requires level %s %d in each of the four abilities; your best result is below it in %s.", scale, a.RequiredCLB, d.loc.and(short)))
		}
	}
	if d.unmet(assess.ReqProvince) {
		items = append(items, d.t("Where you plan to live: this program is for people who plan to live outside Quebec, which selects its own skilled workers. We can advise you on Quebec's programs."))
	}
	if len(items) == 0 {
		return
	}
	d.heading(d.t("What is missing"), 15)
	d.add(&doc.Bullets{Items: items, Style: doc.Body})
}

// latestTest is the most recent accepted test, or nil.
func (d *letterDoc) latestTest() *assess.TestResult {
	var latest *assess.TestResult
	for i := range d.a.Tests {
		tr := &d.a.Tests[i]
		if !tr.Accepted || tr.Index < 0 || tr.Index >= len(d.c.Tests) {
			continue
		}
		if latest == nil || d.c.Tests[tr.Index].Date > d.c.Tests[latest.Index].Date {
			latest = tr
		}
	}
	return latest
}

// maintained reports whether the client works on maintained status.
func (d *letterDoc) maintained() bool {
	if d.c.Status == assess.StatusMaintained {
		return true
	}
	for _, j := range d.c.Jobs {
		if j.Authorization == assess.AuthMaintained && j.End.IsZero() {
			return true
		}
	}
	return false
}

// maintainedStatus asks for the proof that keeps the client's work
// authorized, and says what a refusal means.
func (d *letterDoc) maintainedStatus() {
	if !d.maintained() {
		return
	}
	d.heading(d.t("Your maintained status"), 20)
	before := d.t("before your previous status expired")
	if !d.c.StatusExpiry.IsZero() {
		before = d.t("before %s, the day your previous status expired", d.loc.longDate(d.c.StatusExpiry))
	}
	d.para(doc.Body, d.t("You are in Canada on maintained status: you may keep working while your application to extend your status is decided, on the same conditions as before. Please send us proof that the extension was applied for %s. If the extension is refused, you must stop working on the day of the refusal: work after a refusal is not authorized and does not count for this program.", before))
}

// keyDate is one date of the table.
type keyDate struct {
	on   assess.Date
	what string
}

// keyDates lists the dates that matter to the client, soonest first.
func (d *letterDoc) keyDates() {
	a, c := d.a, d.c
	var dates []keyDate
	if a.Verdict == assess.Eligible && !a.EligibleUntil.IsZero() && a.LapseCode != "" {
		dates = append(dates, keyDate{a.EligibleUntil, d.t("Last day to submit your application for permanent residence")})
	}
	if a.Verdict != assess.Eligible && !a.EligibleFrom.IsZero() && a.EligibleFrom > a.AssessedOn {
		dates = append(dates, keyDate{a.EligibleFrom, d.t("You should meet the requirements from this day, if your present work continues")})
	}
	for _, tr := range a.Tests {
		if tr.Valid && !tr.ValidUntil.IsZero() && tr.Index >= 0 && tr.Index < len(c.Tests) {
			dates = append(dates, keyDate{tr.ValidUntil, d.t("Your %s results of %s expire", d.tx(stepTestName(c.Tests[tr.Index])), d.loc.longDate(c.Tests[tr.Index].Date))})
		}
	}
	if !c.StatusExpiry.IsZero() && c.StatusExpiry >= a.AssessedOn && c.Status != assess.StatusMaintained {
		dates = append(dates, keyDate{c.StatusExpiry, d.t("Your status in Canada expires")})
	}
	seen := map[string]bool{}
	for _, j := range c.Jobs {
		if j.PermitExpiry.IsZero() || j.PermitExpiry < a.AssessedOn || !j.End.IsZero() {
			continue
		}
		employer := d.loc.employerName(j)
		if key := j.PermitExpiry.String() + employer; !seen[key] {
			seen[key] = true
			dates = append(dates, keyDate{j.PermitExpiry, d.t("Your work permit for your job at %s expires", employer)})
		}
	}
	if !c.EEProfileDate.IsZero() {
		dates = append(dates, keyDate{c.EEProfileDate.AddMonths(d.rs.ProfileMonths), d.t("Your Express Entry profile expires")})
	}
	if !c.ITADate.IsZero() {
		dates = append(dates, keyDate{c.ITADate.AddDays(d.rs.ITADays), d.t("Deadline to submit your application after your invitation to apply")})
	}
	if len(dates) == 0 {
		return
	}
	slices.SortStableFunc(dates, func(x, y keyDate) int { return int(x.on) - int(y.on) })
	var rows [][]string
	for _, k := range dates {
		rows = append(rows, []string{d.loc.longDate(k.on), k.what})
	}
	d.heading(d.t("Key dates"), 20)
	d.add(&doc.Table{Cols: []doc.Column{{Title: d.t("Date"), Width: 40}, {Title: d.t("What happens"), Width: contentW - 40}}, Rows: rows})
}

// toSend is what the firm needs from the client next.
func (d *letterDoc) toSend() {
	a, c := d.a, d.c
	var items []string
	if d.dataProblems() {
		items = append(items, d.t("Answers to our questions about your file: some of the information we have is incomplete or unclear, and we will contact you about it."))
	}
	if test := d.testNeeded(); test != "" {
		items = append(items, test)
	}
	if d.maintained() {
		items = append(items, d.t("Proof that you applied to extend your status before it expired (the application and its receipt)."))
	} else if !c.StatusExpiry.IsZero() && c.StatusExpiry < a.AssessedOn {
		items = append(items, d.t("Proof of your present status in Canada: your current permit, or proof that you applied to extend it before %s.", d.loc.longDate(c.StatusExpiry)))
	}
	seen := map[string]bool{}
	for _, jr := range a.Jobs {
		if jr.Index < 0 || jr.Index >= len(c.Jobs) || (jr.Status != assess.JobCounted && jr.Status != assess.JobPartly) {
			continue
		}
		j := c.Jobs[jr.Index]
		employer := d.loc.employerName(j)
		if !seen[employer] {
			seen[employer] = true
			items = append(items, d.t("A reference letter from %s on the company's letterhead: your job title, main duties, hours per week, pay and dates of employment, signed by your manager or human resources.", employer))
		}
		if j.Authorization == assess.AuthUnknown && !seen["permit "+employer] {
			seen["permit "+employer] = true
			items = append(items, d.t("A copy of the work permit you held while you worked at %s.", employer))
		}
	}
	items = append(items, d.t("Word from you if anything changes: a new job or new hours, a new permit, a new language test, or a move to another province."))
	d.heading(d.t("What to send us next"), 15)
	d.add(&doc.Bullets{Items: items, Style: doc.Body})
}

// testNeeded asks for a new language test when one is needed, or when the
// valid one expires before the client can apply or within the warning
// period; "" otherwise.
func (d *letterDoc) testNeeded() string {
	a := d.a
	best := stepBestTest(a)
	switch {
	case d.unmet(assess.ReqLanguage) && (best == nil || !best.Valid):
		return d.t("The results of an approved language test (%s): book one as soon as you can.", d.accepted())
	case d.unmet(assess.ReqLanguage):
		return d.t("The results of a new language test with a higher score (%s).", d.accepted())
	case best == nil || !best.Valid || best.ValidUntil.IsZero():
		return ""
	case a.Verdict != assess.Eligible && !a.EligibleFrom.IsZero() && best.ValidUntil < a.EligibleFrom,
		a.Verdict != assess.Eligible && a.EligibleFrom.IsZero() && !d.unmet(assess.ReqLanguage) && stepTestRunsOut(a):
		return d.t("The results of a new language test: your present results expire on %s, before you can apply.", d.loc.longDate(best.ValidUntil))
	case a.AssessedOn.DaysUntil(best.ValidUntil) <= warningDays(a):
		return d.t("The results of a new language test: your present results expire on %s. Book it now, as a test date and its results take weeks.", d.loc.longDate(best.ValidUntil))
	}
	return ""
}

// expressEntry gives the estimated score as a range with its date.
func (d *letterDoc) expressEntry() {
	x := d.x
	if x == nil || !x.Estimated {
		return
	}
	d.heading(d.t("Express Entry"), 15)
	score := d.t("about %d", x.Min)
	if x.Min != x.Max {
		score = d.t("between %d and %d", x.Min, x.Max)
	}
	d.para(doc.Body, d.t("Meeting these requirements lets you enter the Express Entry pool; invitations to apply go to the highest-ranked candidates in each draw. On the information we have, your Comprehensive Ranking System (CRS) score would be %s (our estimate on %s, not a promise of an invitation).", score, d.loc.longDate(x.AssessedOn)))
}

func (d *letterDoc) closing() {
	d.add(&doc.Space{MM: 2})
	d.para(doc.Body, d.t("This letter is based on the information in our file on %s. Please tell us if any of it is wrong or changes, and do not hesitate to contact us with any question.", d.loc.longDate(d.on)))
	d.add(&doc.Space{MM: 2})
	lawyer := d.r.opt.Letterhead.Lawyer
	if lawyer == "" {
		lawyer = d.t("The reviewing lawyer")
	}
	d.add(&doc.Signoff{Closing: d.t("Yours truly,"), Name: lawyer, Firm: d.r.opt.Letterhead.FirmName})
}
