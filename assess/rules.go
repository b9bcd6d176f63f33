package assess

import "fmt"

// This file is the law as data: every number, date, table and citation of
// the CEC rules lives in one RuleSet value. The engine reads nothing else,
// so a change in the law is a change here (a new RuleSet with its own
// EffectiveFrom), never a hunt for scattered literals.

// Rule ids of RULES.md. Every finding carries one of them, or CodeData.
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
)

// Requirement keys, in the order of the opinion.
const (
	ReqWork          = "work"
	ReqLanguage      = "language"
	ReqProvince      = "province"
	ReqAdmissibility = "admissibility"
)

// RuleSet is every number and table of the CEC rules, with its effective
// date. Current returns a fresh value on each call, so a caller that edits
// its copy (a test exploring "what if the cap were 35") changes nothing for
// anyone else.
type RuleSet struct {
	// Name is printed on every opinion ("CEC rules in force 2024-01-30").
	Name string
	// ID is the rule set's stable id for results.jsonl ("cec-2024-01-30").
	ID string
	// EffectiveFrom is the first day these rules apply to.
	EffectiveFrom Date
	// Reviewed is the day the content was last checked against IRCC's
	// pages; every opinion prints it beside EffectiveFrom.
	Reviewed Date
	// Caveat is the one line on pending regulatory change every opinion
	// prints (the proposed Federal High-Skilled Class).
	Caveat string

	// RequiredHours is the qualifying work needed in the window (W-HOURS).
	RequiredHours float64
	// WeeklyCap is the most hours a week that count, all jobs together.
	WeeklyCap float64
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
	// TEFScaleChange is the first test date scored on the new TEF Canada
	// scale; earlier tests are read by their "équivalence ancien score".
	TEFScaleChange Date
	// ProjectionYears bounds the eligible_from search after A.
	ProjectionYears int
	// QuebecCode is the Intended Province code that fails Q-PROV.
	QuebecCode string
	// Provinces are the province and territory codes an Intended Province
	// may take.
	Provinces []string

	// Tables are the CLB/NCLC conversion tables with their score scales,
	// one per accepted test (two for TEF Canada, by test date).
	Tables []ScoreTable
	// Refusals says, per refused test kind, why it is not accepted.
	Refusals map[TestKind]string

	// Citations gives the authority for each rule id.
	Citations map[string]string
	// Titles and RequirementRules name the four requirements of the
	// opinion and state each in plain words, by requirement key.
	Titles, RequirementRules, RequirementCitations map[string]string

	// NotDecidedText is the paragraph of NotDecided.
	NotDecidedText string
}

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
	// ScaleNote explains the scale in a data finding ("the équivalence
	// ancien score printed on the certificate").
	ScaleNote string
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

// Current returns the rule set in force: RULES.md as of PTE Core's
// acceptance on 2024-01-30 (the latest change it records).
func Current() *RuleSet {
	rs := &RuleSet{
		Name:          "CEC rules in force 2024-01-30",
		ID:            "cec-2024-01-30",
		EffectiveFrom: MustDate("2024-01-30"),
		Reviewed:      MustDate("2026-12-01"),
		Caveat: "In April 2026 IRCC proposed replacing the Canadian Experience Class, the Federal " +
			"Skilled Worker and the Federal Skilled Trades classes with one Federal High-Skilled " +
			"Class (consultation April–May 2026); it was not in force when these rules were last reviewed.",
		RequiredHours:     1560,
		WeeklyCap:         30,
		WindowYears:       3,
		MaxTEER:           3,
		HighSkillMaxTEER:  1,
		CLBHighSkill:      7,
		CLBSkilled:        5,
		TestValidityYears: 2,
		PTECoreFrom:       MustDate("2024-01-30"),
		TEFScaleChange:    MustDate("2023-12-11"),
		ProjectionYears:   3,
		QuebecCode:        "QC",
		Provinces:         []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"},
	}

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
			ScaleNote: "IELTS bands run from 0 to 9 in steps of 0.5",
		},
		{
			Kind:        CELPIPGeneral,
			Scale:       uniformScale(ScoreScale{1, 12, 1}),
			Rows:        celpip,
			BelowLabels: []string{"M", "NA"},
			ScaleNote:   "CELPIP-General scores are whole numbers from 1 to 12, or M or NA",
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
			ScaleNote: "PTE Core scores are whole numbers from 10 to 90",
		},
		{
			Kind:  TEFCanada,
			From:  rs.TEFScaleChange,
			Scale: uniformScale(ScoreScale{0, 699, 1}),
			Rows: []CLBRow{
				{10, [4]float64{546, 546, 558, 556}},
				{9, [4]float64{503, 503, 512, 518}},
				{8, [4]float64{462, 462, 472, 494}},
				{7, [4]float64{434, 434, 428, 456}},
				{6, [4]float64{393, 393, 379, 422}},
				{5, [4]float64{352, 352, 330, 387}},
				{4, [4]float64{306, 306, 268, 328}},
			},
			ScaleNote: "TEF Canada tests from 2023-12-11 are scored 0 to 699 in each ability",
		},
		{
			Kind:   TEFCanada,
			Before: rs.TEFScaleChange,
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
			ScaleNote: "a TEF Canada test taken before 2023-12-11 is read by the " +
				"\"équivalence ancien score\" printed on the certificate (listening /360, " +
				"reading /300, writing and speaking /450): enter that score",
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
			ScaleNote: "TCF Canada listening and reading run from 100 to 699, writing and speaking from 0 to 20",
		},
	}

	rs.Refusals = map[TestKind]string{
		IELTSAcademic:    "IELTS Academic is not accepted for Express Entry; only IELTS General Training is",
		CELPIPGeneralLS:  "CELPIP-General LS tests only listening and speaking and is not accepted for Express Entry; only CELPIP-General is",
		PTEAcademic:      "PTE Academic is not accepted for Express Entry; only PTE Core is",
		TOEFL:            "TOEFL is not accepted for Express Entry",
		DuolingoTest:     "the Duolingo English Test is not accepted for Express Entry",
		CAELTest:         "CAEL is not accepted for Express Entry",
		CambridgeEnglish: "Cambridge English exams are not accepted for Express Entry",
		DELFTest:         "a DELF diploma is not accepted for Express Entry; French ability must be shown by TEF Canada or TCF Canada",
		DALFTest:         "a DALF diploma is not accepted for Express Entry; French ability must be shown by TEF Canada or TCF Canada",
		TCFToutPublic:    "TCF tout public is not accepted for Express Entry; only TCF Canada is",
		TCFQuebec:        "TCF Québec is not accepted for Express Entry; only TCF Canada is",
		TEFAQ:            "TEFAQ is not accepted for Express Entry; only TEF Canada is",
		IELTSLifeSkills:  "IELTS Life Skills is not accepted for Express Entry; only IELTS General Training is",
		OtherRefusedTest: "this test is not accepted for Express Entry",
	}

	hours, weekCap := fmtQty(rs.RequiredHours), fmtNum(rs.WeeklyCap)
	const (
		wAuth = "IRPR 87.1(2)(a)"
		lAuth = "IRPR 87.1(2)(d),(e); MI s. 3(4)"
	)
	rs.Citations = map[string]string{
		RuleSkill:    wAuth,
		RuleCanada:   wAuth,
		RulePaid:     "IRPR 73(2)",
		RuleSelf:     "IRPR 87.1(3)(b)",
		RuleAuth:     "IRPR 87.1(3)(b),(c)",
		RuleStudent:  "IRPR 87.1(3)(a); canada.ca",
		RuleHours:    "IRPR 87.1(2)(a), 73; PDI",
		RuleNOC2016:  "IRPR 87.1(2)(a); NOC 2021 (Statistics Canada)",
		RuleTest:     lAuth,
		RuleValid:    lAuth,
		RuleLevel:    lAuth,
		RuleThresh:   "IRPR 87.1(2)(d),(e)",
		RuleMixed:    "IRPR 87.1(2)(d),(e); IRCC memo REP-2015-2027",
		RuleProvince: "IRPR 87.1(1)",
		RuleAdmiss:   "IRPA ss. 33–42",
		RuleStatus:   "IRPR 87.1(3)(c)",
	}
	rs.Titles = map[string]string{
		ReqWork:          "Canadian work experience",
		ReqLanguage:      "Language ability",
		ReqProvince:      "Intended province",
		ReqAdmissibility: "Admissibility and status",
	}
	rs.RequirementRules = map[string]string{
		ReqWork: fmt.Sprintf("At least %s hours (one year at %s hours a week) of paid, authorized, "+
			"non-student employment in Canada, in an occupation of NOC 2021 TEER 0, 1, 2 or 3, "+
			"within the %d years before the application. Hours above %s a week, from one job "+
			"or several at once, are not counted.", hours, weekCap, rs.WindowYears, weekCap),
		ReqLanguage: fmt.Sprintf("CLB %d in all four abilities for TEER 0/1 experience, CLB %d for TEER 2/3 "+
			"experience (the larger group decides; a tie requires CLB %d), on one accepted test "+
			"less than %s years old on the day of application: ", rs.CLBHighSkill, rs.CLBSkilled, rs.CLBHighSkill, spell(rs.TestValidityYears)) +
			"IELTS General Training, " +
			"CELPIP-General, PTE Core, TEF Canada or TCF Canada.",
		ReqProvince: "The client must intend to live in a province or territory other than Quebec.",
		ReqAdmissibility: "The client must not be inadmissible, and must have been authorized to " +
			"work and to remain in Canada. The engine does not decide these points: any " +
			"admissibility concern, and any sign of lost status, goes to the lawyer.",
	}
	rs.RequirementCitations = map[string]string{
		ReqWork:          "IRPR 87.1(2)(a), 87.1(3); IRPR 73",
		ReqLanguage:      "IRPR 87.1(2)(d),(e); MI s. 3(4)",
		ReqProvince:      "IRPR 87.1(1)",
		ReqAdmissibility: "IRPA ss. 33–42; IRPR 87.1(3)(c)",
	}
	rs.NotDecidedText = "This assessment does not decide whether the duties the client performed " +
		"match the lead statement and main duties of the NOC occupation (IRPR 87.1(2)(b),(c)), " +
		"whether the documents are genuine, whether the client is inadmissible, or the " +
		"client's Express Entry ranking and chances of an invitation. These are for the lawyer."
	return rs
}

// NotDecided is the paragraph every opinion states: what the engine does
// not decide.
func (rs *RuleSet) NotDecided() string { return rs.NotDecidedText }

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
