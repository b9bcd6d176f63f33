package assess

import ()

// This file is the law as data: every number, date, table and citation of
// the CEC rules lives in one RuleSet value. The engine reads nothing else,
// so a change in the law is a change here (a new RuleSet with its own
// EffectiveFrom), never a hunt for scattered literals.

// Rule ids of the rule book (`cecbatch rules`). Every finding carries one of them, or CodeData.
const (
	RuleSkill    = "W-SKILL"
	RuleCanada   = "W-CANADA"
	RulePaid     = "W-PAID"
	RuleSelf     = "W-SELF"
	RuleAuth     = "W-AUTH"
	RuleStudent  = "W-STUDENT"
	RuleHours    = "W-HOURS"
	RuleNOC2016  = "W-NOC2016"
	RuleTest     = "L-TEST"
	RuleValid    = "L-VALID"
	RuleLevel    = "L-LEVEL"
	RuleThresh   = "L-THRESH"
	RuleMixed    = "L-MIXED"
	RuleProvince = "Q-PROV"
	RuleAdmiss   = "A-ADMIS"
	RuleStatus   = "S-STATUS"

	RuleWorkStatus = "W-STATUS"      // work on a refugee claimant's permit
	RuleLeave      = "W-LEAVE"       // days of unpaid leave
	RulePhysician  = "W-PHYS"        // self-employed physicians' public policy
	RuleUnauth     = "A-UNAUTH"      // unauthorized work anywhere in the rows
	RuleAuthVerify = "W-AUTH-VERIFY" // blank authorization the verdict depends on

	RuleMaintVerify    = "W-MAINT-VERIFY"    // days counted only because of maintained status
	RuleR186wVerify    = "R186W-VERIFY"      // days counted under R186(w)
	RuleBreak          = "W-BREAK"           // days between two full-time study rows
	RuleStudyVerify    = "W-STUDY-VERIFY"    // study-permit days outside full-time study
	RuleHoursVerify    = "W-HOURS-VERIFY"    // more than 60 hours a week: perhaps a month's
	RulePlaceVerify    = "W-PLACE-VERIFY"    // a bare place name also found abroad
	RulePermitConflict = "W-PERMIT-CONFLICT" // two employer-specific permits at once
	RuleStudyHours     = "A-STUDY-HOURS"     // student work above the off-campus limit
	RuleRuleSet        = "R-RULESET"         // no rule set in force on A
)

// Requirement keys, in the order of the opinion.
const (
	ReqWork          = "work"
	ReqLanguage      = "language"
	ReqProvince      = "province"
	ReqAdmissibility = "admissibility"
)

// RuleSet is every number, date, table and text of the CEC rules, with its
// effective date. report and `cecbatch rules` print the rules from here, so
// nothing of the law is written twice. Current returns a fresh value on
// each call, so a caller that edits its copy (a test exploring "what if the
// cap were 35") changes nothing for anyone else.
type RuleSet struct {
	// Name is printed on every opinion ("CEC rules in force 2024-01-30").
	Name Text
	// ID is the rule set's stable id for results.jsonl ("cec-2024-01-30").
	ID string
	// EffectiveFrom is the first day these rules apply to.
	EffectiveFrom Date
	// Reviewed is the day the content was last checked against IRCC's
	// pages; every opinion prints it beside EffectiveFrom.
	Reviewed Date
	// NextReview is the day the content is next due to be checked; a run
	// after it says, on every opinion, that the rule set is past its review.
	NextReview Date
	// Caveat is the one line on pending regulatory change every opinion
	// prints (the proposed Federal High-Skilled Class).
	Caveat Text

	// NOC is the occupation classification codes are read against
	// (W-SKILL, W-NOC2016): NOC 2021 V1.0 and the NOC 2016 concordance.
	NOC *NOCTable

	// RequiredHours is the qualifying work needed in the window (W-HOURS).
	RequiredHours float64
	// WeeklyCap is the most hours a week that count, all jobs together.
	WeeklyCap float64
	// MaxWeeklyHours is the largest Hours Per Week a row may give (the
	// hours of a week); more is a data error.
	MaxWeeklyHours float64
	// TieHours: two groups' (or occupations') hours within TieHours of
	// each other are a tie (L-THRESH, L-MIXED).
	TieHours float64
	// WindowYears is the look-back before the assessment date.
	WindowYears int
	// MaxTEER is the highest TEER that counts (W-SKILL); TEERs up to
	// HighSkillMaxTEER form the group that needs CLBHighSkill.
	MaxTEER, HighSkillMaxTEER int
	// CLBHighSkill (TEER 0/1) and CLBSkilled (TEER 2/3) are the L-THRESH
	// levels, required in all four abilities.
	CLBHighSkill, CLBSkilled int
	// TestValidityYears: a test taken on T is valid on A when
	// T <= A < T + TestValidityYears (L-VALID).
	TestValidityYears int
	// PTECoreFrom is the first test date on which PTE Core is accepted.
	PTECoreFrom Date
	// AcceptedTests are the tests Express Entry accepts (L-TEST), in the
	// order the opinion names them; AcceptedTestsText names them in a
	// sentence ("IELTS General Training, …, TEF Canada or TCF Canada").
	AcceptedTests     []TestKind
	AcceptedTestsText Text
	// ProjectionYears bounds the eligible_from search after A.
	ProjectionYears int
	// QuebecCode is the Intended Province code that fails Q-PROV.
	QuebecCode string
	// Provinces are the province and territory codes an Intended Province
	// may take; ProvinceNames gives each code's name.
	Provinces     []string
	ProvinceNames map[string]Text

	// PhysicianNOCs are the NOC 2021 codes of the physicians' public policy
	// (W-PHYS): their self-employment counts from PhysicianPolicyFrom.
	PhysicianNOCs       []string
	PhysicianPolicyFrom Date

	// The numbers of the doubts, and of study breaks, permits and
	// maintained status:
	//   - a row above DoubtHoursAbove hours a week may give hours a month
	//     (W-HOURS-VERIFY), read as the value ÷ WeeksPerMonth;
	//   - days between two full-time study rows less than BreakDays apart
	//     are a break of the program (W-BREAK);
	//   - two employer-specific permits overlapping by more than
	//     PermitOverlapDays are a conflict (W-PERMIT-CONFLICT);
	//   - a run of maintained days longer than MaintainedRunDays has
	//     probably met a decision (W-MAINT-VERIFY).
	DoubtHoursAbove, WeeksPerMonth                  float64
	BreakDays, PermitOverlapDays, MaintainedRunDays int
	// StudyHourLimits are the off-campus work limits of study permits, by
	// period (A-STUDY-HOURS).
	StudyHourLimits []HourLimit
	// Doubts states each outcome-sensitive doubt, in the order the engine
	// weighs them (the rule book's doubt table).
	Doubts []DoubtRule

	// The Express Entry sequence the next steps explain: a profile is
	// valid ProfileMonths, an invitation gives ITADays to submit the
	// application, and a test expiry or hours lapse within WarningDays of
	// A is something to act on now.
	ProfileMonths, ITADays, WarningDays int
	// UrgentDays: an eligible client whose latest safe date is fewer days
	// than this after the run is headed "eligible only until DATE" in the
	// warning colour (a client without an invitation can hardly profile,
	// be invited and submit in that time).
	UrgentDays int

	// Tables are the CLB/NCLC conversion tables with their score scales,
	// one per accepted test.
	Tables []ScoreTable
	// Refusals says, per refused test kind, why it is not accepted.
	Refusals map[TestKind]Text

	// RuleIDs lists every rule id in the order of the rule book; Conditions
	// states each in plain words with its numbers (the rule book's, in
	// English), and Citations gives its authority.
	RuleIDs    []string
	Conditions map[string]string
	Citations  map[string]Text
	// Readings are the three readings of L-MIXED, in order.
	Readings []ReadingRule
	// VerdictOrder states the verdict's steps, in order.
	VerdictOrder []string
	// Titles and RequirementRules name the four requirements of the
	// opinion and state each in plain words, by requirement key.
	Titles, RequirementRules, RequirementCitations map[string]Text

	// NotDecidedText is the paragraph of NotDecided.
	NotDecidedText Text
}

// HourLimit is the off-campus work limit of a study permit from From to
// To (inclusive; zero: open-ended). Hours 0 means no limit.
type HourLimit struct {
	From, To Date
	Hours    float64
}

// DoubtRule states one doubt of the doubt model: what is doubtful, its
// default and alternative treatment, and when it is a concern whatever the
// outcome. FavoursClient marks the doubts whose default counts the work,
// switched together in the combined scenario.
type DoubtRule struct {
	ID string
	// Doubt is what is doubtful, as the opinion names it; Default,
	// Alternative and Always are the rule book's (English).
	Doubt                        Text
	Default, Alternative, Always string
	FavoursClient                bool
}

// ReadingRule is one reading of L-MIXED as the rule book states it.
type ReadingRule struct {
	Key  string // "group", "occupation", "qualifying_experience"
	Name Text   // "(a) group"
	Rule string // the reading in plain words (the rule book's)
}

// Keys of the L-MIXED readings (MixedReading.Key, ReadingRule.Key).
const (
	ReadingGroup      = "group"
	ReadingOccupation = "occupation"
	ReadingQualifying = "qualifying_experience"
)

// ScoreScale is the range of valid scores for one ability. Step, when not
// zero, is the increment scores come in (IELTS bands are halves).
type ScoreScale struct {
	Min, Max, Step float64
}

// CLBRow is one row of a conversion table: the minimum score, per ability,
// for Level.
type CLBRow struct {
	Level int
	Min   [4]float64 // indexed by Ability
}

// ScoreTable converts one test's scores to CLB/NCLC levels.
type ScoreTable struct {
	Kind TestKind
	// From and Before bound the test dates the table applies to
	// (From <= date < Before); zero means unbounded.
	From, Before Date
	// Scale is the valid range of scores, per ability.
	Scale [4]ScoreScale
	// Rows run from the highest level down; the level is the first row
	// whose minimum the score meets, else 0 ("below CLB 4").
	Rows []CLBRow
	// BelowLabels are the non-numeric results that mean below CLB 4
	// (CELPIP "M" and "NA").
	BelowLabels []string
	// ScaleNote explains the scale in a data finding.
	ScaleNote Text
	// AboveMax, when set, says what a score above the scale's maximum
	// most likely is and what to enter instead (TEF Canada's /699 score).
	AboveMax Text
}

// Level returns the CLB level of a score on ability a: the highest row
// whose minimum it meets, or 0.
func (t *ScoreTable) Level(a Ability, v float64) int {
	for _, r := range t.Rows {
		if v >= r.Min[a] {
			return r.Level
		}
	}
	return 0
}

func uniform(v float64) [4]float64 { return [4]float64{v, v, v, v} }

func uniformScale(s ScoreScale) [4]ScoreScale { return [4]ScoreScale{s, s, s, s} }

// Current returns the rule set in force (`cecbatch rules`) as of PTE Core's
// acceptance on 2024-01-30 (the latest change it records), reviewed
// against IRCC's pages on 2026-12-01.
func Current() *RuleSet {
	rs := &RuleSet{
		Name:          msg("CEC rules in force %s", MustDate("2024-01-30")),
		ID:            "cec-2024-01-30",
		EffectiveFrom: MustDate("2024-01-30"),
		Reviewed:      MustDate("2026-12-06"),
		NextReview:    MustDate("2027-03-06"),
		NOC:           NOCCodes(),
		Caveat: msg("In April 2026 IRCC proposed replacing the Canadian Experience Class, the Federal " +
			"Skilled Worker and the Federal Skilled Trades classes with one Federal High-Skilled " +
			"Class (consultation April–May 2026); it was not in force when these rules were last reviewed."),
		RequiredHours:     1560,
		WeeklyCap:         30,
		MaxWeeklyHours:    168,
		TieHours:          0.001,
		WindowYears:       3,
		MaxTEER:           3,
		HighSkillMaxTEER:  1,
		CLBHighSkill:      7,
		CLBSkilled:        5,
		TestValidityYears: 2,
		PTECoreFrom:       MustDate("2024-01-30"),
		AcceptedTests:     []TestKind{IELTSGeneral, CELPIPGeneral, PTECore, TEFCanada, TCFCanada},
		ProjectionYears:   3,
		QuebecCode:        "QC",
		Provinces:         []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"},
		ProvinceNames: map[string]Text{
			"AB": msg("Alberta"), "BC": msg("British Columbia"), "MB": msg("Manitoba"), "NB": msg("New Brunswick"),
			"NL": msg("Newfoundland and Labrador"), "NS": msg("Nova Scotia"), "NT": msg("Northwest Territories"),
			"NU": msg("Nunavut"), "ON": msg("Ontario"), "PE": msg("Prince Edward Island"), "QC": msg("Quebec"),
			"SK": msg("Saskatchewan"), "YT": msg("Yukon"),
		},
		PhysicianNOCs:       []string{"31100", "31101", "31102"},
		PhysicianPolicyFrom: MustDate("2023-04-25"),
		DoubtHoursAbove:     60,
		WeeksPerMonth:       4.33,
		BreakDays:           150,
		PermitOverlapDays:   7,
		MaintainedRunDays:   365,
		StudyHourLimits: []HourLimit{
			{To: MustDate("2022-11-14"), Hours: 20},
			{From: MustDate("2022-11-15"), To: MustDate("2024-04-30")},
			{From: MustDate("2024-05-01"), To: MustDate("2024-11-07"), Hours: 20},
			{From: MustDate("2024-11-08"), Hours: 24},
		},
		ProfileMonths: 12,
		ITADays:       60,
		WarningDays:   180,
		UrgentDays:    60,
	}
	names := make([]Text, len(rs.AcceptedTests))
	for i, k := range rs.AcceptedTests {
		names[i] = Plain(string(k))
	}
	rs.AcceptedTestsText = OrList(names...)

	celpip := make([]CLBRow, 0, 7)
	for lvl := 10; lvl >= 4; lvl-- {
		celpip = append(celpip, CLBRow{lvl, uniform(float64(lvl))})
	}
	rs.Tables = []ScoreTable{
		{
			Kind:  IELTSGeneral,
			Scale: uniformScale(ScoreScale{0, 9, 0.5}),
			Rows: []CLBRow{
				{10, [4]float64{8.5, 8.0, 7.5, 7.5}},
				{9, [4]float64{8.0, 7.0, 7.0, 7.0}},
				{8, [4]float64{7.5, 6.5, 6.5, 6.5}},
				{7, [4]float64{6.0, 6.0, 6.0, 6.0}},
				{6, [4]float64{5.5, 5.0, 5.5, 5.5}},
				{5, [4]float64{5.0, 4.0, 5.0, 5.0}},
				{4, [4]float64{4.5, 3.5, 4.0, 4.0}},
			},
			ScaleNote: msg("IELTS bands run from 0 to 9 in steps of 0.5"),
		},
		{
			Kind:        CELPIPGeneral,
			Scale:       uniformScale(ScoreScale{1, 12, 1}),
			Rows:        celpip,
			BelowLabels: []string{"M", "NA"},
			ScaleNote:   msg("CELPIP-General scores are whole numbers from 1 to 12, or M or NA"),
		},
		{
			Kind:  PTECore,
			From:  rs.PTECoreFrom,
			Scale: uniformScale(ScoreScale{10, 90, 1}),
			Rows: []CLBRow{
				{10, [4]float64{89, 88, 90, 89}},
				{9, [4]float64{82, 78, 88, 84}},
				{8, [4]float64{71, 69, 79, 76}},
				{7, [4]float64{60, 60, 69, 68}},
				{6, [4]float64{50, 51, 60, 59}},
				{5, [4]float64{39, 42, 51, 51}},
				{4, [4]float64{28, 33, 41, 42}},
			},
			ScaleNote: msg("PTE Core scores are whole numbers from 10 to 90"),
		},
		{
			// Express Entry reads the "équivalence ancien score" whatever
			// the test date: CCI's /699 raw score of 2023-12-11 was
			// reverted for Express Entry (canada.ca).
			Kind: TEFCanada,
			Scale: [4]ScoreScale{
				Listening: {0, 360, 1},
				Reading:   {0, 300, 1},
				Writing:   {0, 450, 1},
				Speaking:  {0, 450, 1},
			},
			Rows: []CLBRow{
				{10, [4]float64{316, 263, 393, 393}},
				{9, [4]float64{298, 248, 371, 371}},
				{8, [4]float64{280, 233, 349, 349}},
				{7, [4]float64{249, 207, 310, 310}},
				{6, [4]float64{217, 181, 271, 271}},
				{5, [4]float64{181, 151, 226, 226}},
				{4, [4]float64{145, 121, 181, 181}},
			},
			ScaleNote: msg("TEF Canada is read by the \"équivalence ancien score\" of the attestation: " +
				"listening 0 to 360, reading 0 to 300, writing and speaking 0 to 450"),
			AboveMax: msg("it is almost surely the score out of 699, which Express Entry does not use: " +
				"enter the \"équivalence ancien score\" column of the attestation (listening /360, " +
				"reading /300, writing and speaking /450)"),
		},
		{
			Kind: TCFCanada,
			Scale: [4]ScoreScale{
				Listening: {100, 699, 1},
				Reading:   {100, 699, 1},
				Writing:   {0, 20, 1},
				Speaking:  {0, 20, 1},
			},
			Rows: []CLBRow{
				{10, [4]float64{549, 549, 16, 16}},
				{9, [4]float64{523, 524, 14, 14}},
				{8, [4]float64{503, 499, 12, 12}},
				{7, [4]float64{458, 453, 10, 10}},
				{6, [4]float64{398, 406, 7, 7}},
				{5, [4]float64{369, 375, 6, 6}},
				{4, [4]float64{331, 342, 4, 4}},
			},
			ScaleNote: msg("TCF Canada listening and reading run from 100 to 699, writing and speaking from 0 to 20"),
		},
	}

	rs.Refusals = map[TestKind]Text{
		IELTSAcademic:    msg("IELTS Academic is not accepted for Express Entry; only IELTS General Training is"),
		CELPIPGeneralLS:  msg("CELPIP-General LS tests only listening and speaking and is not accepted for Express Entry; only CELPIP-General is"),
		PTEAcademic:      msg("PTE Academic is not accepted for Express Entry; only PTE Core is"),
		TOEFL:            msg("TOEFL is not accepted for Express Entry"),
		DuolingoTest:     msg("the Duolingo English Test is not accepted for Express Entry"),
		CAELTest:         msg("CAEL is not accepted for Express Entry"),
		CambridgeEnglish: msg("Cambridge English exams are not accepted for Express Entry"),
		DELFTest:         msg("a DELF diploma is not accepted for Express Entry; French ability must be shown by TEF Canada or TCF Canada"),
		DALFTest:         msg("a DALF diploma is not accepted for Express Entry; French ability must be shown by TEF Canada or TCF Canada"),
		TCFToutPublic:    msg("TCF tout public is not accepted for Express Entry; only TCF Canada is"),
		TCFQuebec:        msg("TCF Québec is not accepted for Express Entry; only TCF Canada is"),
		TEFAQ:            msg("TEFAQ is not accepted for Express Entry; only TEF Canada is"),
		IELTSLifeSkills:  msg("IELTS Life Skills is not accepted for Express Entry; only IELTS General Training is"),
		OtherRefusedTest: msg("this test is not accepted for Express Entry"),
		// A report of its own, which Express Entry does not take.
		IELTSOneSkillRetake: msg("IELTS One Skill Retake is not accepted for Express Entry: IRCC accepts a One Skill Retake result only for the Economic Mobility Pathways Pilot; enter the scores of the full IELTS General Training test"),
	}

	rs.ruleBook()
	return rs
}

// NotDecided is the paragraph every opinion states: what the engine does
// not decide.
func (rs *RuleSet) NotDecided() Text { return rs.NotDecidedText }

// Table returns the conversion table that reads kind on a test taken on
// testDate, or nil when there is none (a refused test, or PTE Core before
// it was accepted).
func (rs *RuleSet) Table(kind TestKind, testDate Date) *ScoreTable {
	for i := range rs.Tables {
		t := &rs.Tables[i]
		if t.Kind != kind {
			continue
		}
		if t.From != 0 && testDate < t.From {
			continue
		}
		if t.Before != 0 && testDate >= t.Before {
			continue
		}
		return t
	}
	return nil
}
