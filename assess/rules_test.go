package assess

import (
	"fmt"
	"strings"
	"testing"
)

// The tables below are a second, independent transcription of the rules (the README's rules table and IRCC's equivalency charts).
// The test checks the rule set against the law: a typo in rules.go (or
// here) shows up as a disagreement at a row boundary.

type lawRow struct {
	level int
	min   [4]float64 // listening, reading, writing, speaking
}

type lawTable struct {
	name     string
	kind     TestKind
	testDate string  // a test date the table applies to
	step     float64 // the smallest difference between two scores
	rows     []lawRow
}

var tefRows = []lawRow{
	{10, [4]float64{316, 263, 393, 393}},
	{9, [4]float64{298, 248, 371, 371}},
	{8, [4]float64{280, 233, 349, 349}},
	{7, [4]float64{249, 207, 310, 310}},
	{6, [4]float64{217, 181, 271, 271}},
	{5, [4]float64{181, 151, 226, 226}},
	{4, [4]float64{145, 121, 181, 181}},
}

var lawTables = []lawTable{
	{"IELTS General Training", IELTSGeneral, "2024-05-01", 0.5, []lawRow{
		{10, [4]float64{8.5, 8.0, 7.5, 7.5}},
		{9, [4]float64{8.0, 7.0, 7.0, 7.0}},
		{8, [4]float64{7.5, 6.5, 6.5, 6.5}},
		{7, [4]float64{6.0, 6.0, 6.0, 6.0}},
		{6, [4]float64{5.5, 5.0, 5.5, 5.5}},
		{5, [4]float64{5.0, 4.0, 5.0, 5.0}},
		{4, [4]float64{4.5, 3.5, 4.0, 4.0}},
	}},
	{"CELPIP-General", CELPIPGeneral, "2024-05-01", 1, []lawRow{
		{10, [4]float64{10, 10, 10, 10}},
		{9, [4]float64{9, 9, 9, 9}},
		{8, [4]float64{8, 8, 8, 8}},
		{7, [4]float64{7, 7, 7, 7}},
		{6, [4]float64{6, 6, 6, 6}},
		{5, [4]float64{5, 5, 5, 5}},
		{4, [4]float64{4, 4, 4, 4}},
	}},
	{"PTE Core", PTECore, "2024-05-01", 1, []lawRow{
		{10, [4]float64{89, 88, 90, 89}},
		{9, [4]float64{82, 78, 88, 84}},
		{8, [4]float64{71, 69, 79, 76}},
		{7, [4]float64{60, 60, 69, 68}},
		{6, [4]float64{50, 51, 60, 59}},
		{5, [4]float64{39, 42, 51, 51}},
		{4, [4]float64{28, 33, 41, 42}},
	}},
	// TEF Canada: the "équivalence ancien score" table whatever the test
	// date, before and after CCI's /699 change of 2023-12-11.
	{"TEF Canada before 2023-12-11", TEFCanada, "2023-12-10", 1, tefRows},
	{"TEF Canada from 2023-12-11", TEFCanada, "2025-06-01", 1, tefRows},
	{"TCF Canada", TCFCanada, "2024-05-01", 1, []lawRow{
		{10, [4]float64{549, 549, 16, 16}},
		{9, [4]float64{523, 524, 14, 14}},
		{8, [4]float64{503, 499, 12, 12}},
		{7, [4]float64{458, 453, 10, 10}},
		{6, [4]float64{398, 406, 7, 7}},
		{5, [4]float64{369, 375, 6, 6}},
		{4, [4]float64{331, 342, 4, 4}},
	}},
}

// TestCLBTableBoundaries checks every row of every table, for every test
// and ability: the row's minimum gives the row's level, and the score just
// below gives the next row down (0 below the CLB 4 row).
func TestCLBTableBoundaries(t *testing.T) {
	rs := Current()
	cases := 0
	for _, lt := range lawTables {
		date := MustDate(lt.testDate)
		for r, row := range lt.rows {
			for _, a := range Abilities {
				atMin := row.min[a]
				below := atMin - lt.step
				wantBelow := 0
				if r+1 < len(lt.rows) {
					wantBelow = lt.rows[r+1].level
					// A lower row can share the minimum only if the table
					// is broken; the law's rows strictly decrease.
					if lt.rows[r+1].min[a] > below {
						t.Fatalf("%s %s: row CLB %d is not strictly above the next row", lt.name, a, row.level)
					}
				}
				for _, c := range []struct {
					score float64
					want  int
				}{{atMin, row.level}, {below, wantBelow}} {
					cases++
					name := fmt.Sprintf("%s/%s/CLB%d/%s", lt.name, a, row.level, fmtNum(c.score))
					if c.score < rs.Table(lt.kind, date).Scale[a].Min {
						continue // below the scale: not a score the test can give
					}
					got, err := rs.CLB(lt.kind, date, a, Score{Value: c.score})
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					if got != c.want {
						t.Errorf("%s: CLB %d, want %d", name, got, c.want)
					}
				}
			}
		}
	}
	if cases != 2*4*7*len(lawTables) {
		t.Fatalf("checked %d cases", cases)
	}
}

func TestCELPIPAboveTenAndLabels(t *testing.T) {
	rs := Current()
	d := MustDate("2024-05-01")
	for _, c := range []struct {
		s    Score
		want int
	}{
		{Score{Value: 11}, 10}, {Score{Value: 12}, 10}, {Score{Value: 3}, 0}, {Score{Value: 1}, 0},
		{Score{Label: "M"}, 0}, {Score{Label: "NA"}, 0}, {Score{Label: "na"}, 0},
	} {
		got, err := rs.CLB(CELPIPGeneral, d, Speaking, c.s)
		if err != nil || got != c.want {
			t.Errorf("CELPIP %s: %d, %v; want %d", c.s, got, err, c.want)
		}
	}
}

func TestValidateScore(t *testing.T) {
	rs := Current()
	newTEF, oldTEF, pteDate := MustDate("2024-01-10"), MustDate("2023-06-01"), MustDate("2024-02-01")
	for _, c := range []struct {
		kind  TestKind
		date  Date
		a     Ability
		s     Score
		valid bool
	}{
		{IELTSGeneral, newTEF, Listening, Score{Value: 9}, true},
		{IELTSGeneral, newTEF, Listening, Score{Value: 9.5}, false},
		{IELTSGeneral, newTEF, Listening, Score{Value: 6.25}, false},
		{IELTSGeneral, newTEF, Listening, Score{Value: -0.5}, false},
		{IELTSGeneral, newTEF, Listening, Score{Label: "M"}, false},
		{CELPIPGeneral, newTEF, Reading, Score{Value: 0}, false},
		{CELPIPGeneral, newTEF, Reading, Score{Value: 13}, false},
		{CELPIPGeneral, newTEF, Reading, Score{Value: 7.5}, false},
		{CELPIPGeneral, newTEF, Reading, Score{Label: "X"}, false},
		{PTECore, pteDate, Writing, Score{Value: 9}, false},
		{PTECore, pteDate, Writing, Score{Value: 10}, true},
		{PTECore, pteDate, Writing, Score{Value: 90}, true},
		{PTECore, pteDate, Writing, Score{Value: 91}, false},
		// TEF Canada's maxima are those of the équivalence ancien score
		// for every test date; above them is the /699 score.
		{TEFCanada, newTEF, Listening, Score{Value: 360}, true},
		{TEFCanada, newTEF, Listening, Score{Value: 361}, false},
		{TEFCanada, newTEF, Reading, Score{Value: 300}, true},
		{TEFCanada, newTEF, Reading, Score{Value: 301}, false},
		{TEFCanada, newTEF, Writing, Score{Value: 450}, true},
		{TEFCanada, newTEF, Writing, Score{Value: 451}, false},
		{TEFCanada, newTEF, Speaking, Score{Value: 450}, true},
		{TEFCanada, newTEF, Speaking, Score{Value: 451}, false},
		{TEFCanada, newTEF, Speaking, Score{Value: 699}, false},
		{TEFCanada, oldTEF, Listening, Score{Value: 360}, true},
		{TEFCanada, oldTEF, Listening, Score{Value: 361}, false},
		{TEFCanada, oldTEF, Reading, Score{Value: 300}, true},
		{TEFCanada, oldTEF, Reading, Score{Value: 301}, false},
		{TEFCanada, oldTEF, Writing, Score{Value: 450}, true},
		{TEFCanada, oldTEF, Writing, Score{Value: 451}, false},
		{TCFCanada, newTEF, Listening, Score{Value: 99}, false},
		{TCFCanada, newTEF, Listening, Score{Value: 100}, true},
		{TCFCanada, newTEF, Speaking, Score{Value: 20}, true},
		{TCFCanada, newTEF, Speaking, Score{Value: 21}, false},
	} {
		err := rs.ValidateScore(c.kind, c.date, c.a, c.s)
		if (err == nil) != c.valid {
			t.Errorf("%s %s %s %s: err %v, want valid=%v", c.kind, c.date, c.a, c.s, err, c.valid)
		}
	}
	// A TEF score above the maximum, on any test date, asks for the
	// équivalence ancien score column of the attestation.
	for _, d := range []Date{oldTEF, newTEF} {
		err := rs.ValidateScore(TEFCanada, d, Listening, Score{Value: 500})
		if err == nil || !strings.Contains(err.Error(), "ancien score\" column of the attestation") || !strings.Contains(err.Error(), "699") {
			t.Errorf("TEF of %s above maximum: %v", d, err)
		}
	}
}

func TestRuleSetNumbers(t *testing.T) {
	rs := Current()
	if rs.RequiredHours != 1560 || rs.WeeklyCap != 30 || rs.WindowYears != 3 || rs.TestValidityYears != 2 ||
		rs.CLBHighSkill != 7 || rs.CLBSkilled != 5 || rs.MaxTEER != 3 || rs.HighSkillMaxTEER != 1 {
		t.Errorf("numbers: %+v", rs)
	}
	if rs.PTECoreFrom != MustDate("2024-01-30") || rs.PhysicianPolicyFrom != MustDate("2023-04-25") ||
		rs.Reviewed != MustDate("2026-12-06") || rs.NextReview != MustDate("2027-03-06") {
		t.Errorf("dates: PTE Core %s, physicians %s, reviewed %s, next review %s", rs.PTECoreFrom, rs.PhysicianPolicyFrom, rs.Reviewed, rs.NextReview)
	}
	if rs.UrgentDays != 60 || rs.DoubtHoursAbove != 60 || rs.WeeksPerMonth != 4.33 || rs.BreakDays != 150 || rs.PermitOverlapDays != 7 || rs.MaintainedRunDays != 365 {
		t.Errorf("doubt numbers: %v h, ÷ %v, %d, %d, %d days", rs.DoubtHoursAbove, rs.WeeksPerMonth, rs.BreakDays, rs.PermitOverlapDays, rs.MaintainedRunDays)
	}
	if rs.Name.String() == "" || rs.EffectiveFrom == 0 || rs.NotDecided().String() == "" {
		t.Error("name, effective date or not-decided text missing")
	}
	for _, code := range []string{RuleSkill, RuleCanada, RulePaid, RuleSelf, RuleAuth, RuleStudent, RuleHours,
		RuleNOC2016, RuleTest, RuleValid, RuleLevel, RuleThresh, RuleMixed, RuleProvince, RuleAdmiss, RuleStatus} {
		if rs.Citations[code].String() == "" {
			t.Errorf("%s: no citation", code)
		}
	}
	// Current returns a fresh value: editing one copy changes no other.
	rs.WeeklyCap = 99
	rs.Tables[0].Rows[0].Level = 99
	if again := Current(); again.WeeklyCap != 30 || again.Tables[0].Rows[0].Level != 10 {
		t.Error("Current shares state between calls")
	}
}

func TestRefusal(t *testing.T) {
	rs := Current()
	if r := rs.Refusal(PTECore, MustDate("2024-01-29")); r.String() == "" {
		t.Error("PTE Core before 2024-01-30 accepted")
	}
	if r := rs.Refusal(PTECore, MustDate("2024-01-30")); r.String() != "" {
		t.Errorf("PTE Core on 2024-01-30 refused: %s", r)
	}
	for _, k := range []TestKind{IELTSAcademic, CELPIPGeneralLS, PTEAcademic, TOEFL, DuolingoTest, CAELTest,
		CambridgeEnglish, DELFTest, DALFTest, TCFToutPublic, TCFQuebec, TEFAQ, IELTSLifeSkills, OtherRefusedTest} {
		if rs.Refusal(k, MustDate("2024-05-01")).String() == "" || k.Accepted() {
			t.Errorf("%s is accepted", k)
		}
	}
	if _, err := rs.CLB(IELTSAcademic, MustDate("2024-05-01"), Reading, Score{Value: 8}); err == nil {
		t.Error("CLB of a refused test gave no error")
	}
}
