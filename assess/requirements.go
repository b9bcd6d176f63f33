package assess

import (
	"slices"
	"strings"
)

// This file writes the four requirements of the opinion, one method each,
// with their findings. A requirement that rows which could not be read
// might still change is NotAssessed, never NotMet: a data problem is not a
// finding about the client.

func (e *engine) req(key string) Requirement {
	rs := e.rs
	return Requirement{Key: key, Title: rs.Titles[key], Rule: rs.RequirementRules[key], Citation: rs.RequirementCitations[key]}
}

// notAssessed is a requirement's finding while rows that could change it
// cannot be read.
func notAssessed(what Text) Text { return msg("Not assessed until the data is fixed: %s.", what) }

// workRequirement is W-HOURS on A.
func (e *engine) workRequirement(st dayState) Requirement {
	c, rs, as := e.c, e.rs, e.as
	w := e.req(ReqWork)
	counted, leaves := 0, 0
	for i, jr := range as.Jobs {
		switch {
		case jr.Credited > 0:
			counted++
		case e.jobs[i].leave:
			leaves++
		}
	}
	w.Facts = plural(len(c.Jobs)-leaves, "1 job period recorded, %d counted", "%d job periods recorded, %d counted", counted)
	if leaves > 0 {
		w.Facts = Concat(w.Facts, plural(leaves, ", and 1 period of leave without pay", ", and %d periods of leave without pay"))
	}
	w.Facts = Concat(w.Facts, msg(". Qualifying hours in the window %s to %s: %s h (TEER 0/1: %s h; TEER 2/3: %s h).",
		e.ws, e.A-1, Hours(as.QualifyingHours), Hours(as.HoursTEER01), Hours(as.HoursTEER23)))
	u := &e.unread
	if len(u.jobs)+len(u.studies) > 0 {
		w.Facts = Concat(w.Facts, msg(" %s.", u.unreadJobsText().Capitalized()))
	}
	short := rs.RequiredHours - as.QualifyingHours
	switch {
	case st.hoursOK && !u.removeHours:
		w.Outcome = Met
		w.Finding = msg("Met: %s qualifying hours; the required %s hours have been met since %s.", Hours(as.QualifyingHours), Quantity(rs.RequiredHours), as.HoursReached)
		if short := e.doubtsThatShortHours(); len(short) > 0 {
			// Met as counted, short the other way: the hours are the
			// lawyer's point, never a green "met" (symmetric to the
			// not-met case below).
			w.Outcome = Concern
			w.Finding = msg("For the lawyer: %s qualifying hours as counted, meeting the required %s; %s.",
				Hours(as.QualifyingHours), Quantity(rs.RequiredHours), Join("; ", short...))
		} else if codes := as.WorkToConfirm(); len(codes) > 0 {
			// The hours rest on work the lawyer must confirm: the section
			// says so, as the conclusion does, rather than a flat "met".
			w.Finding = Concat(w.Finding, msg(" The hours include work the lawyer must confirm (%s): met if it counts.", strings.Join(codes, ", ")))
		}
	case !st.hoursOK && !u.addHours:
		w.Outcome = NotMet
		w.Finding = msg("Not met: %s qualifying hours, %s short of the required %s.", Hours(as.QualifyingHours), Hours(short), Quantity(rs.RequiredHours))
		if d := e.doubtThatMeetsHours(); d != nil {
			// Short as counted, met the other way: the lawyer's point, not
			// a flat "not met".
			w.Outcome = Concern
			w.Finding = msg("For the lawyer: %s qualifying hours as counted, %s short of the required %s; %s (%s), %s hours.",
				Hours(as.QualifyingHours), Hours(short), Quantity(rs.RequiredHours), d.AlternativeText, d.Code, Hours(d.Alternative.Hours))
		}
		e.add(Finding{Code: RuleHours, Kind: KindFailure, Job: -1, Test: -1,
			Text: msg("Only %s qualifying hours in the %d-year window %s to %s; %s are required (%s short).",
				Hours(as.QualifyingHours), rs.WindowYears, e.ws, e.A-1, Quantity(rs.RequiredHours), Hours(short))})
	default:
		w.Outcome = NotAssessed
		w.Finding = notAssessed(msg("%s; the rows that could be read give %s qualifying hours", u.unreadJobsText(), Hours(as.QualifyingHours)))
	}
	return w
}

// doubtsThatShortHours says, for each raised doubt whose default counts
// the work and whose alternative falls short of the hours the defaults
// meet, its treatment and the hours it leaves; when none does alone, the
// combined scenario of them all, if it does.
func (e *engine) doubtsThatShortHours() []Text {
	need := e.rs.RequiredHours
	part := func(alt Text, codes []string, hours float64) Text {
		return msg("%s (%s), %s hours, %s short", alt, strings.Join(codes, ", "), Hours(hours), Hours(need-hours))
	}
	var out []Text
	for k := range e.as.Doubts {
		d := &e.as.Doubts[k]
		if d.Raised && doubtFavours(d.Code) && d.Alternative.Hours < need-eps {
			out = append(out, part(d.AlternativeText, []string{d.Code}, d.Alternative.Hours))
		}
	}
	if cs := e.as.Combined; len(out) == 0 && cs != nil && len(cs.Codes) > 1 && cs.Outcome.Hours < need-eps {
		out = append(out, part(msg("with every doubt that favours the client switched"), cs.Codes, cs.Outcome.Hours))
	}
	return out
}

// doubtThatMeetsHours is the first deciding doubt whose alternative meets
// the hours the defaults fall short of, or nil.
func (e *engine) doubtThatMeetsHours() *Doubt {
	for k := range e.as.Doubts {
		d := &e.as.Doubts[k]
		if d.Decides && d.Alternative.Hours >= e.rs.RequiredHours-eps {
			return d
		}
	}
	return nil
}

// languageRequirement is L-TEST, L-VALID, L-LEVEL, L-THRESH and L-MIXED on A.
func (e *engine) languageRequirement(st dayState) Requirement {
	c, rs, as := e.c, e.rs, e.as
	l := e.req(ReqLanguage)
	best, tr := e.bestTest()
	if best != nil {
		l.Facts = msg("Best valid accepted test: the %s; its level, the lowest of its four abilities, is %s.", TestLabel(tr.Kind, best.Date), levelName(tr))
	} else if readable := len(c.Tests) - len(e.unread.tests); readable == 0 && len(c.Tests) > 0 {
		// Nothing is known of a row that could not be read: it is not
		// "not accepted", it is not read yet (the facts go on to name it).
		l.Facts = plural(len(c.Tests), "1 test recorded.", "%d tests recorded.")
	} else {
		l.Facts = plural(len(c.Tests), "1 test recorded; none is an accepted test valid on %s.", "%d tests recorded; none is an accepted test valid on %s.", e.A)
		if readable < len(c.Tests) {
			l.Facts = plural(len(c.Tests), "1 test recorded; none of the %d read is an accepted test valid on %s.", "%d tests recorded; none of the %d read is an accepted test valid on %s.", readable, e.A)
		}
	}
	// A French test's levels, and so the level it must reach, are NCLC.
	scale := scaleName(tr)
	// With work in both TEER groups the level is the point L-MIXED leaves
	// open: the facts name reading (a) as such, not as the rule.
	needs := msg("The counted work needs")
	if st.both {
		needs = msg("With work in both TEER groups, reading (a) (the larger group sets the level) needs")
	}
	switch st.required {
	case rs.CLBHighSkill:
		l.Facts = Concat(l.Facts, msg(" %s %s %d: its TEER 0/1 hours (%s h) are at least its TEER 2/3 hours (%s h).", needs, scale, st.required, Hours(as.HoursTEER01), Hours(as.HoursTEER23)))
	case rs.CLBSkilled:
		l.Facts = Concat(l.Facts, msg(" %s %s %d: its TEER 2/3 hours (%s h) are more than its TEER 0/1 hours (%s h).", needs, scale, st.required, Hours(as.HoursTEER23), Hours(as.HoursTEER01)))
	default:
		l.Facts = Concat(l.Facts, msg(" With no qualifying work the level needed is not set; %s %d is the lowest any CEC work needs.", scale, rs.CLBSkilled))
	}
	if st.both {
		e.readings(st)
	}
	u := &e.unread
	// Rows that could not be read could change the outcome: a job could
	// change the CLB required (unless the level meets the highest), a test
	// could only raise the level.
	jobsMatter := u.anyJob() && st.level < rs.CLBHighSkill
	var unread []Text
	if jobsMatter {
		unread = append(unread, u.unreadJobsText())
	}
	if len(u.tests) > 0 && st.lang != langMet {
		unread = append(unread, u.unreadTestsText())
	}
	if len(u.tests) > 0 {
		l.Facts = Concat(l.Facts, msg(" %s.", u.unreadTestsText().Capitalized()))
	}
	need := slices.Min(st.reqs[:])
	switch {
	case len(unread) > 0 && (st.lang != langFail || st.level >= rs.CLBSkilled || len(u.tests) > 0):
		l.Outcome = NotAssessed
		l.Finding = notAssessed(Join("; ", unread...))
	case st.lang == langMet && st.required == 0:
		// No qualifying work sets no level: the test is measured against
		// the lowest any work needs, which is not a requirement yet.
		l.Outcome = Met
		l.Finding = msg("Met: %s reaches %s %d, the lowest level any CEC work needs.", levelName(tr), scale, rs.CLBSkilled)
	case st.lang == langMet:
		l.Outcome = Met
		l.Finding = msg("Met: %s meets the %s %d required.", levelName(tr), scale, slices.Max(st.reqs[:]))
	case st.lang == langMixed:
		l.Outcome = Concern
		l.Finding = msg("For the lawyer: %s meets the level of some readings of the law for experience in both TEER groups and not of others (L-MIXED).", levelName(tr))
	default:
		l.Outcome = NotMet
		code, text := e.languageFailure(st, need)
		l.Finding = msg("Not met: %s", text.Uncapitalized())
		e.add(Finding{Code: code, Kind: KindFailure, Job: -1, Test: -1, Text: text})
	}
	return l
}

// readings fills Assessment.Readings for a client with qualifying hours in
// both TEER groups on A, and writes the L-MIXED finding: a concern when
// the readings disagree, else a note.
func (e *engine) readings(st dayState) {
	rs, as := e.rs, e.as
	h01, h23 := Hours(as.HoursTEER01), Hours(as.HoursTEER23)
	top, topHours := e.topOccupation()
	occ := e.occupied[top]
	var cBasis Text
	required := Quantity(rs.RequiredHours)
	switch {
	case st.h23 >= rs.RequiredHours*7-eps && st.h01 >= rs.RequiredHours*7-eps:
		cBasis = msg("both groups reach %s alone (TEER 0/1: %s h; TEER 2/3: %s h); the lower threshold applies", required, h01, h23)
	case st.h23 >= rs.RequiredHours*7-eps:
		cBasis = msg("TEER 2/3 alone reaches %s (%s h)", required, h23)
	case st.h01 >= rs.RequiredHours*7-eps:
		cBasis = msg("only TEER 0/1 reaches %s alone (%s h)", required, h01)
	default:
		cBasis = msg("neither group reaches %s alone (TEER 0/1: %s h; TEER 2/3: %s h), so reading (a) applies", required, h01, h23)
	}
	basis := [3]Text{
		msg("TEER 0/1: %s h against TEER 2/3: %s h", h01, h23),
		msg("the busiest occupation is NOC %s (TEER %d) with %s h", occ.code, occ.teer, Hours(topHours)),
		cBasis,
	}
	if strings.HasPrefix(occ.code, "TEER") {
		basis[1] = msg("the busiest occupation is a TEER %d job whose NOC code could not be read, with %s h", occ.teer, Hours(topHours))
	}
	as.Readings = make([]MixedReading, len(rs.Readings))
	_, best := e.bestTest()
	scale := scaleName(best)
	var parts []Text
	for i, r := range rs.Readings {
		pass := st.level >= st.reqs[i]
		as.Readings[i] = MixedReading{Key: r.Key, Name: r.Name, Basis: basis[i], RequiredCLB: st.reqs[i], Pass: pass}
		if pass {
			parts = append(parts, msg("%s: %s, %s %d required, passes", r.Name, basis[i], scale, st.reqs[i]))
		} else {
			parts = append(parts, msg("%s: %s, %s %d required, fails", r.Name, basis[i], scale, st.reqs[i]))
		}
	}
	level := msg("no valid test")
	if _, tr := e.bestTest(); tr != nil {
		level = levelName(tr)
	}
	f := Finding{Code: RuleMixed, Kind: KindNote, Job: -1, Test: -1}
	switch st.lang {
	case langMixed:
		f.Kind = KindConcern
		f.Text = msg("Experience in both TEER groups, and the readings of the language threshold disagree for the client's %s: %s. The law does not settle which reading applies; the lawyer decides.",
			level, Join("; ", parts...))
	default:
		f.Text = msg("Experience in both TEER groups; the three readings of the language threshold agree for the client's %s: %s.",
			level, Join("; ", parts...))
	}
	e.add(f)
}

// topOccupation is the occupation with the most qualifying hours in the
// window ending A (each counted alone with the cap), preferring a TEER
// 0/1 one on a tie, as reading (b) does.
func (e *engine) topOccupation() (int, float64) {
	top, topHours := 0, -1.0
	tie := e.rs.TieHours * 7
	for o, v := range e.onA.occ {
		better := v > topHours+tie ||
			(v > topHours-tie && e.occupied[o].teer <= e.rs.HighSkillMaxTEER && e.occupied[top].teer > e.rs.HighSkillMaxTEER)
		if better {
			top, topHours = o, v
		}
	}
	return top, topHours / 7
}

func isQuebec(rs *RuleSet, province string) bool {
	return strings.EqualFold(strings.TrimSpace(province), rs.QuebecCode)
}

// provinceRequirement is Q-PROV.
func (e *engine) provinceRequirement() Requirement {
	c, rs := e.c, e.rs
	p := e.req(ReqProvince)
	prov := strings.ToUpper(strings.TrimSpace(c.Province))
	p.Facts = msg("Intended province: %s.", prov)
	if name := rs.ProvinceNames[prov]; !name.IsZero() {
		p.Facts = msg("Intended province: %s (%s).", name, prov)
	}
	switch {
	case e.quebec:
		p.Outcome = NotMet
		p.Finding = msg("Not met: the client intends to live in Quebec.")
		e.add(Finding{Code: RuleProvince, Kind: KindFailure, Cell: c.Ref.Cell(FieldProvince), Job: -1, Test: -1,
			Text: msg("The client intends to live in Quebec (QC); the Canadian Experience Class requires an intention to live outside Quebec. Quebec selects its own skilled workers: the lawyer should look at Quebec's programs.")})
	case prov == "":
		p.Outcome = NotAssessed
		p.Facts = msg("The intended province is blank.")
		p.Finding = notAssessed(msg("the intended province is blank"))
		e.addData(c.Ref.Cell(FieldProvince), rs.Citations[RuleProvince], msg("The intended province is blank: give the province or territory where the client intends to live."), -1, -1)
	case !slices.Contains(rs.Provinces, prov):
		p.Outcome = NotAssessed
		p.Finding = notAssessed(msg("the intended province could not be read"))
		e.addData(c.Ref.Cell(FieldProvince), rs.Citations[RuleProvince], msg("The intended province %q is not a province or territory code.", c.Province), -1, -1)
	default:
		p.Outcome = Met
		p.Finding = msg("Met: the client intends to live outside Quebec.")
	}
	return p
}

// admissibilityRequirement is A-ADMIS, A-UNAUTH and S-STATUS. The engine
// assesses none of them: with nothing recorded it says so, never "met".
func (e *engine) admissibilityRequirement() Requirement {
	c := e.c
	ad := e.req(ReqAdmissibility)
	facts := []Text{msg("In Canada: %s.", c.InCanada.Text())}
	status := statusName(c.Status)
	if c.StatusExpiry != 0 {
		facts = append(facts, msg("Status: %s, expiring %s.", status, c.StatusExpiry))
	} else {
		facts = append(facts, msg("Status: %s.", status))
	}
	concern := strings.TrimSpace(c.Admissibility)
	if noConcern(concern) {
		concern = ""
	}
	if concern != "" {
		facts = append(facts, msg("Admissibility concern recorded: %s.", concern))
	} else {
		facts = append(facts, msg("No admissibility concern recorded."))
	}
	ad.Facts = Join(" ", facts...)

	var why []Text
	if concern != "" {
		why = append(why, msg("an admissibility concern is recorded"))
		e.add(Finding{Code: RuleAdmiss, Kind: KindConcern, Cell: c.Ref.Cell(FieldAdmissibility), Job: -1, Test: -1,
			Text: msg("An admissibility concern is recorded (%q); the engine cannot decide inadmissibility.", concern)})
	}
	if n := e.count(RuleUnauth); n > 0 {
		why = append(why, plural(n, "1 job period worked without authorization", "%d job periods worked without authorization"))
	}
	inCanada := c.InCanada != No
	maintained := e.maintainedRowsAfterExpiry()
	switch {
	case c.Status == StatusNone && (inCanada || !maintained.IsZero()):
		why = append(why, msg("the client has no status in Canada"))
		text := msg("The client's status in Canada is recorded as none: the client may be out of status, and work without status is not authorized.")
		if !maintained.IsZero() {
			text = Concat(text, msg(" Yet %s (W-MAINT-VERIFY applies to those days).", maintained))
		}
		e.add(Finding{Code: RuleStatus, Kind: KindConcern, Cell: c.Ref.Cell(FieldStatus), Job: -1, Test: -1, Text: text})
	case c.Status == StatusRefugee && inCanada:
		why = append(why, msg("the client is a refugee claimant"))
		e.add(Finding{Code: RuleStatus, Kind: KindConcern, Cell: c.Ref.Cell(FieldStatus), Job: -1, Test: -1,
			Text: msg("The client's status is recorded as refugee claimant: a refugee claimant does not hold temporary resident status, so work done after the claim was made does not count for the Canadian Experience Class (W-STATUS). The intake does not say when the claim was made: the lawyer must check each counted job against the date of the claim.")})
	}
	// A client abroad whose work in Canada ended by the expiry raises
	// nothing: the CEC can be applied for from outside Canada.
	if c.StatusExpiry != 0 && c.StatusExpiry < e.A && c.Status != StatusMaintained && (inCanada || e.workedAfter(c.StatusExpiry)) {
		why = append(why, msg("the status expired before the assessment date"))
		e.add(Finding{Code: RuleStatus, Kind: KindConcern, Cell: c.Ref.Cell(FieldStatusExpiry), Job: -1, Test: -1,
			Text: msg("The client's status (%s) expired on %s, before the assessment date %s: the client may be out of status unless it was maintained or restored, and work after that date is not counted. The Canadian Experience Class does not itself require status when applying, so this does not end eligibility.", status, c.StatusExpiry, e.A)})
	}
	clientRowBad := e.problemIn(c.Ref, FieldInCanada, FieldStatus, FieldStatusExpiry, FieldAdmissibility)
	switch {
	case len(why) > 0:
		ad.Outcome = Concern
		ad.Finding = msg("For the lawyer: %s.", Join("; ", why...))
	case e.unread.addHours || clientRowBad:
		ad.Outcome = NotAssessed
		var what []Text
		if e.unread.addHours {
			what = append(what, plural(len(e.unread.jobs), "1 job row could not be read (%s) and could hold unauthorized work",
				"%d job rows could not be read (%s) and could hold unauthorized work", CellList(e.unread.jobs)))
		}
		if clientRowBad {
			what = append(what, msg("the client's status could not be read"))
		}
		ad.Finding = notAssessed(Join("; ", what...))
	default:
		ad.Outcome = NoConcernRecorded
		ad.Finding = msg("No concern recorded; admissibility itself is for the lawyer.")
	}
	return ad
}

// noConcern reports whether an Admissibility cell says there is none
// (A-ADMIS): blank, no, none, n, N/A, nil, -, none known, nothing known.
func noConcern(s string) bool {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "", "no", "none", "n", "non", "n/a", "na", "nil", "-", "none known", "nothing known":
		return true
	}
	return false
}

// workedAfter reports whether a job row in Canada runs past day d.
func (e *engine) workedAfter(d Date) bool {
	for i := range e.jobs {
		jp, j := &e.jobs[i], &e.c.Jobs[i]
		if jp.usable && !jp.leave && jp.inCanada && (j.End == 0 || j.End > d) {
			return true
		}
	}
	return false
}

// maintainedRowsAfterExpiry names the rows on maintained status with days
// after the client's Status Expiry ("Acme (…) was on maintained status
// from 2025-05-01 to 2025-09-30 (153 days)"), "" when none.
func (e *engine) maintainedRowsAfterExpiry() Text {
	se := e.c.StatusExpiry
	var parts []Text
	for i := range e.jobs {
		j := &e.c.Jobs[i]
		if j.Authorization != AuthMaintained || len(e.auth) <= i {
			continue
		}
		var after []span
		for _, s := range e.auth[i].maint {
			if s, ok := s.clip(se+1, s.to); ok {
				after = append(after, s)
			}
		}
		if len(after) > 0 {
			parts = append(parts, msg("the work at %s is recorded on maintained status from %s", jobLabel(j), spansText(after)))
		}
	}
	return AndList(parts...)
}

// count is the number of findings with code.
func (e *engine) count(code string) int {
	n := 0
	for _, f := range e.as.Findings {
		if f.Code == code {
			n++
		}
	}
	return n
}
