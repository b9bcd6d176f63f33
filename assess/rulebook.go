package assess

import (
	"fmt"
	"strings"
)

// This file writes the rule book's words from the rule set's numbers: each
// rule id's condition and citation, the doubt table, the L-MIXED readings,
// the verdict order and the four requirements of the opinion. report and
// `cecbatch rules` print them; nothing of the law is typed twice.

// ruleBook fills the texts of rs from its numbers.
func (rs *RuleSet) ruleBook() {
	hours, weekCap := FormatQuantity(rs.RequiredHours), fmtNum(rs.WeeklyCap)
	hi, sk := rs.CLBHighSkill, rs.CLBSkilled
	wAuth, lAuth := msg("IRPR 87.1(2)(a)"), msg("IRPR 87.1(2)(d),(e); MI s. 3(4)")
	rs.RuleIDs = []string{
		RuleSkill, RuleNOC2016, RuleCanada, RulePlaceVerify, RulePaid, RuleSelf, RulePhysician,
		RuleAuth, RuleAuthVerify, RuleMaintVerify, RulePermitConflict, RuleWorkStatus,
		RuleStudent, RuleBreak, RuleStudyVerify, RuleR186wVerify, RuleStudyHours, RuleLeave,
		RuleHours, RuleHoursVerify,
		RuleTest, RuleValid, RuleLevel, RuleThresh, RuleMixed,
		RuleProvince, RuleAdmiss, RuleUnauth, RuleStatus, RuleRuleSet,
	}
	rs.Citations = map[string]Text{
		RuleSkill:          wAuth,
		RuleNOC2016:        msg("IRPR 87.1(2)(a); NOC 2016 V1.3 to NOC 2021 V1.0 concordance (Statistics Canada)"),
		RuleCanada:         wAuth,
		RulePlaceVerify:    wAuth,
		RulePaid:           msg("IRPR 73(2)"),
		RuleSelf:           msg("IRPR 87.1(3)(b)"),
		RulePhysician:      msg("IRPR 87.1(3)(b); public policy for self-employed physicians (2023)"),
		RuleAuth:           msg("IRPR 87.1(3)(b); IRPR 183(1)(b), 186(u)"),
		RuleAuthVerify:     msg("IRPR 87.1(3)(b); IRPR 183(1)(b)"),
		RuleMaintVerify:    msg("IRPR 87.1(3)(b); IRPR 183(5), 186(u)"),
		RulePermitConflict: msg("IRPR 185(b); IRPA s. 41"),
		RuleWorkStatus:     msg("IRPR 87.1(3)(c); canada.ca"),
		RuleStudent:        msg("IRPR 87.1(3)(a); canada.ca"),
		RuleBreak:          msg("IRPR 87.1(3)(a); canada.ca"),
		RuleStudyVerify:    msg("IRPR 87.1(3)(a); IRPR 186(v)"),
		RuleR186wVerify:    msg("IRPR 87.1(3)(a); IRPR 186(w)"),
		RuleStudyHours:     msg("IRPR 186(v), 186(w); IRPA s. 41"),
		RuleLeave:          msg("IRPR 73(2)"),
		RuleHours:          msg("IRPR 87.1(2)(a), 73; PDI"),
		RuleHoursVerify:    msg("IRPR 87.1(2)(a), 73"),
		RuleTest:           lAuth,
		RuleValid:          lAuth,
		RuleLevel:          lAuth,
		RuleThresh:         msg("IRPR 87.1(2)(d),(e)"),
		RuleMixed:          msg("IRPR 87.1(2)(d),(e); IRCC memo REP-2015-2027"),
		RuleProvince:       msg("IRPR 87.1(1)"),
		RuleAdmiss:         msg("IRPA ss. 33–42"),
		RuleUnauth:         msg("IRPA s. 41; IRPR 183(1)(b)"),
		RuleStatus:         msg("IRPA s. 29(2), s. 47; IRPR 183, 186(u)"),
		RuleRuleSet:        msg("the rule set's effective date"),
	}
	phys := strings.Join(rs.PhysicianNOCs, ", ")
	var limits []string
	for _, l := range rs.StudyHourLimits {
		when := "from " + l.From.String()
		switch {
		case l.From == 0:
			when = "to " + l.To.String()
		case l.To != 0:
			when = fmt.Sprintf("%s to %s", l.From, l.To)
		}
		if l.Hours == 0 {
			limits = append(limits, "no limit "+when)
		} else {
			limits = append(limits, fmt.Sprintf("%s h/week %s", fmtNum(l.Hours), when))
		}
	}
	rs.Conditions = map[string]string{
		RuleSkill: fmt.Sprintf("The occupation is NOC 2021 TEER 0 to %d. The code must be one of the %d unit groups of %s, shipped with the rule set "+
			"(its TEER is its second digit; 1 or 2 digits are a 00xxx code whose leading zeros Excel dropped); any other code (21999, 10000) is a "+
			"data error on its cell naming the nearest real codes, never read as a TEER from its digits.", rs.MaxTEER, len(rs.NOC.codes), rs.NOC.Version),
		RuleNOC2016: "A 4-digit (or 3-digit, a lost leading zero) NOC 2016 code must be a NOC 2016 unit group of Statistics Canada's concordance. " +
			"When every NOC 2021 code it is linked to lies in one threshold group (TEER 0/1, 2/3 or 4/5), the row is read as that group with a note " +
			"naming the linked codes and asking for the NOC 2021 code (2173 → 21211 or 21231, both TEER 1; 7511 → 73300, TEER 3); when they span " +
			"groups (1215 → 12013, 13201 or 74202) it is a data error naming the candidates.",
		RuleCanada: "The work was done in Canada (work in Quebec counts): a blank Location, Canada, a province or territory, or a " +
			"Canadian city (every census metropolitan area and agglomeration, and the capitals) is in Canada; a country other than Canada is abroad; " +
			"anything else is a data error on the cell.",
		RulePlaceVerify: "A bare place name that is both a Canadian city and a well-known place abroad (Cambridge, Cornwall, Halifax, Hamilton, Kingston, " +
			"London, Peterborough, Richmond, Surrey, Sydney, Victoria, Waterloo, Windsor) is read as in Canada with a note, and is a doubt: " +
			"outside Canada, the row would not count. \"Halifax, NS\" or \"Kingston, Jamaica\" settles it.",
		RulePaid: "Paid work, for wages or commission: not volunteer work or an unpaid internship.",
		RuleSelf: "Not self-employment (an independent contractor is self-employed), except a self-employed physician's under the public policy (W-PHYS).",
		RulePhysician: fmt.Sprintf("A self-employed physician (NOC %s) providing publicly funded services may count under the temporary public policy in force since %s, "+
			"which applies to candidates invited from that date: when the client's ITA Date (else the assessment date) is on or after it, the work is counted "+
			"on every day, whatever its date (the policy limits the invitations, not the work), and W-PHYS is always a concern for the lawyer to confirm "+
			"the policy's conditions; the opinion shows the outcome with and without those days.", phys, rs.PhysicianPolicyFrom),
		RuleAuth: "Authorized on that day: the row's Work Authorization is not none, and the day is not after the row's Permit Expiry, " +
			"nor after the client's Status Expiry when that date is before the assessment date, unless the row or the client is on " +
			"maintained status (IRPR 186(u)). Maintained status keeps the conditions of the permit that expired: the permit row of any kind with the " +
			"latest Permit Expiry before the day, else the row in progress on the Status Expiry; when it is employer-specific, days at another employer " +
			"(names compared without case, accents, punctuation or Inc, Ltd, Corp, LLP) are not authorized. Work without authorization is listed and raises A-UNAUTH.",
		RuleAuthVerify: "A blank Work Authorization is counted, and a doubt (see the doubt table).",
		RuleMaintVerify: fmt.Sprintf("Days counted only because of maintained status are a doubt (see the doubt table). They are resolved when a permit row "+
			"starts after them, at most one day after, or when the Status is worker or student with a Status Expiry after them. Maintained status ends "+
			"when the client leaves Canada (IRPR 183(5)), and no maintained day after the assessment date is counted in the projections. The next steps "+
			"ask to confirm that the extension was applied for before the permit expired; if refused, work after the refusal is unauthorized. A run of more "+
			"than %d days is a concern whatever the outcome.", rs.MaintainedRunDays),
		RulePermitConflict: fmt.Sprintf("Two rows on employer-specific work permits at different employers that overlap by more than %d days (a shorter overlap "+
			"is a job change written inclusively): each such permit names one employer, so work for one of them is probably unauthorized; a concern always.", rs.PermitOverlapDays),
		RuleWorkStatus: "The client held temporary resident status while working: work on a permit issued to a refugee claimant does not count, " +
			"although it is authorized.",
		RuleStudent: "Not on days of full-time study (Study sheet), nor on the days between two full-time study rows less than " +
			fmt.Sprint(rs.BreakDays) + " days apart (W-BREAK). A study permit row does not count on days of full-time study; on its other days it is " +
			"a doubt (W-STUDY-VERIFY). Work after completing the program while a work-permit application is pending (R186(w), awaiting PGWP, studies completed) " +
			"is authorized and counts, as a doubt (R186W-VERIFY).",
		RuleBreak: fmt.Sprintf("Days between two full-time study rows where the next starts less than %d days after the previous ends: a scheduled break or "+
			"co-op term is part of full-time study (canada.ca names co-op terms as excluded), so they are not counted, and counting them is a doubt.", rs.BreakDays),
		RuleStudyVerify: "A study permit row's days outside full-time study (part-time study, or no study row) are not counted, as a doubt: the lawyer " +
			"decides between final-session work under IRPR 186(v), which counts, and off-campus work the permit did not authorize. Part-time study days make it a concern always.",
		RuleR186wVerify: "Days counted under R186(w) rest on facts the intake does not give: the application was made before the study permit expired, " +
			"the client was eligible to work off campus and kept to the hours limit, and no decision has come. A doubt; a concern always unless a permit row " +
			"starts after them, at most one day after (the application was granted). No R186(w) day after the assessment date is counted in the projections.",
		RuleStudyHours: "A study permit row with more Hours Per Week than the off-campus limit in force, on days of full-time study that are no break: " +
			strings.Join(limits, "; ") + ". A concern: over-limit work breaches the permit's conditions (IRPR 186(v), IRPA s. 41) and defeats R186(w); " +
			"the opinion asks whether it was on-campus work or a scheduled break.",
		RuleLeave: "Not on days of leave without pay: a row of Employment Type leave removes its days from every job at the same employer, " +
			"and counts for nothing itself; its days are no work, so never unauthorized work.",
		RuleHours: fmt.Sprintf("At least %s hours of qualifying work in the %d years before the assessment date: each day is credited "+
			"one seventh of the weekly hours of all jobs that count that day, capped at %s a week.", hours, rs.WindowYears, weekCap),
		RuleHoursVerify: fmt.Sprintf("A row with more than %s Hours Per Week is probably hours per month: counted as entered, and a doubt whose "+
			"alternative reads the value ÷ %s as hours per week.", fmtNum(rs.DoubtHoursAbove), fmtNum(rs.WeeksPerMonth)),
		RuleTest: fmt.Sprintf("Accepted tests: %s (PTE Core from %s). Not accepted: IELTS Academic, CELPIP-General LS, PTE Academic and any other test.",
			rs.AcceptedTestsText, rs.PTECoreFrom),
		RuleValid: fmt.Sprintf("A test taken on T is valid on the assessment date A when T ≤ A < T + %d years; a test taken after A cannot support an application made on A.", rs.TestValidityYears),
		RuleLevel: "Each ability's CLB (NCLC for TEF and TCF) comes from the test's table; a test's level is its lowest ability; " +
			"abilities are never combined across sittings; the client's level is the best valid accepted test.",
		RuleThresh: fmt.Sprintf("CLB %d for TEER 0/1 experience and CLB %d for TEER 2/3 experience, in all four abilities. "+
			"With experience in both groups see L-MIXED; the required CLB reported is reading (a), where the group with more hours decides and a tie needs CLB %d.", hi, sk, hi),
		RuleMixed: "Experience in both TEER groups: the law does not settle which threshold applies, so three readings are applied. " +
			"All pass: met; all fail: not eligible; they disagree: needs review.",
		RuleProvince: "The client must intend to live outside Quebec; Quebec selects its own skilled workers, and the lawyer should look at Quebec's programs.",
		RuleAdmiss: "Any admissibility concern recorded goes to the lawyer (needs review): the engine cannot decide inadmissibility. " +
			"Blank, no, none, n, N/A, nil, -, none known and nothing known mean no concern.",
		RuleUnauth: "Any day of any row worked without authorization (authorization none, after a permit or the status expired without maintained status, " +
			"or at another employer than the employer-specific permit maintained), inside the window or not, is a concern: it can make the client " +
			"inadmissible. Days of unpaid leave are no work and raise nothing.",
		RuleStatus: "In Canada with status none or refugee claimant; or a Status Expiry before the assessment date with a status other than maintained, " +
			"when the client is in Canada or a job in Canada runs past it: the client may be out of status (needs review). A client abroad whose work ended " +
			"by the expiry raises nothing. CEC does not require status at application, so this never ends eligibility; a status expiry stops future work in the projections.",
		RuleRuleSet: fmt.Sprintf("An assessment date before %s, when the earliest rule set encoded took effect, has no rule set in force: this one is applied "+
			"for reference and the lawyer must check the rules of the day (PTE Core, for one, was not accepted before %s).", rs.EffectiveFrom, rs.PTECoreFrom),
	}
	rs.Doubts = []DoubtRule{
		{RuleAuthVerify, msg("blank Work Authorization on a counted job"), "counted", "not counted",
			"the client's Status is visitor, none, student or refugee claimant", true},
		{RuleMaintVerify, msg("days counted only because of maintained status (after a row's Permit Expiry or the client's Status Expiry)"), "counted", "not counted",
			fmt.Sprintf("the run of maintained days up to the assessment date is longer than %d days; or the days are not resolved and the Status is not maintained; "+
				"or the permit maintained cannot be identified; or Status maintained with In Canada no", rs.MaintainedRunDays), true},
		{RuleR186wVerify, msg("days counted under R186(w)"), "counted", "not counted", "they are not resolved: no permit row starts after them", true},
		{RulePhysician, msg("a self-employed physician's days (W-SELF exception)"), "counted", "not counted", "always (the lawyer confirms the public policy's conditions)", true},
		{RuleBreak, msg("days between two full-time study rows less than %d days apart", rs.BreakDays), "not counted", "counted", "never", false},
		{RuleStudyVerify, msg("study permit days outside full-time study"), "not counted", "counted", "some of those days are part-time study days", false},
		{RuleHoursVerify, msg("a row with more than %s Hours Per Week (likely hours per month)", Num(rs.DoubtHoursAbove)), "as entered",
			fmt.Sprintf("the value ÷ %s", fmtNum(rs.WeeksPerMonth)), "never", true},
		{RulePlaceVerify, msg("a bare place name of a Canadian city that is also a place abroad"), "in Canada", "outside Canada", "never", true},
	}
	rs.Readings = []ReadingRule{
		{ReadingGroup, msg("(a) group"), fmt.Sprintf("The group (TEER 0/1 or TEER 2/3) with more qualifying hours sets the level; a tie needs CLB %d (IRCC memo REP-2015-2027: \"most, i.e. more than half\").", hi)},
		{ReadingOccupation, msg("(b) occupation"), "The single occupation (NOC code) with the most qualifying hours sets the level (the wording practitioners quote)."},
		{ReadingQualifying, msg("(c) qualifying experience"), fmt.Sprintf("A group whose hours alone reach %s may be relied on alone: the level is the lower of the thresholds of the groups that reach %s alone; when neither does, reading (a) applies.", hours, hours)},
	}
	rs.VerdictOrder = []string{
		"Any data error on the client's rows: needs review.",
		"Else a doubt alone, or the combined scenario, whose alternative gives another objective outcome: needs review (the opinion shows the outcome both ways); a client who fails under the defaults but would pass under the alternative is not \"not eligible\".",
		"Else any objective requirement fails (hours, language, Quebec): not eligible, with every concern listed; disagreeing L-MIXED readings are a concern, not a failure.",
		"Else any concern (A-ADMIS, A-UNAUTH, A-STUDY-HOURS, S-STATUS, L-MIXED, W-PERMIT-CONFLICT, R-RULESET and every raised doubt): needs review.",
		"Else eligible.",
	}
	rs.Titles = map[string]Text{
		ReqWork:          msg("Canadian work experience"),
		ReqLanguage:      msg("Language ability"),
		ReqProvince:      msg("Intended province"),
		ReqAdmissibility: msg("Admissibility and status"),
	}
	rs.RequirementRules = map[string]Text{
		ReqWork: msg("At least %s hours (one year at %s hours a week) of paid, authorized, "+
			"non-student employment in Canada, in an occupation of NOC 2021 TEER 0, 1, 2 or 3, "+
			"within the %d years before the application. Hours above %s a week, from one job "+
			"or several at once, are not counted.", Quantity(rs.RequiredHours), Num(rs.WeeklyCap), rs.WindowYears, Num(rs.WeeklyCap)),
		ReqLanguage: msg("CLB %d (NCLC for a French test) in all four abilities for TEER 0/1 experience, "+
			"CLB %d for TEER 2/3 experience (with experience in both groups the law does not settle the level: "+
			"three readings are applied, and where they disagree the lawyer decides), on one accepted test less "+
			"than %s years old on the day of application: %s.", hi, sk, Spelled(rs.TestValidityYears), rs.AcceptedTestsText),
		ReqProvince: msg("The client must intend to live in a province or territory other than Quebec."),
		ReqAdmissibility: msg("The client must not be inadmissible, and must have been authorized to " +
			"work and to remain in Canada. The engine does not decide these points: any " +
			"admissibility concern, any unauthorized work and any sign of lost status go to the lawyer."),
	}
	rs.RequirementCitations = map[string]Text{
		ReqWork:          msg("IRPR 87.1(2)(a), 87.1(3); IRPR 73"),
		ReqLanguage:      lAuth,
		ReqProvince:      msg("IRPR 87.1(1)"),
		ReqAdmissibility: msg("IRPA ss. 29(2), 33–42, 47; IRPR 183, 186(u)"),
	}
	rs.NotDecidedText = msg("This assessment does not decide whether the duties the client performed " +
		"match the lead statement and main duties of the NOC occupation (IRPR 87.1(2)(b),(c)), " +
		"whether the documents are genuine, whether the client is inadmissible, or the " +
		"client's Express Entry ranking and chances of an invitation (the CRS score in the Express " +
		"Entry section is an estimate from the intake, not IRCC's score). These are for the lawyer.")
}
