package assess

import (
	"strings"
	"testing"
)

// fullTime is the daily credit of a 30 h/week (or more) day.
const fullTime = 30.0 / 7

func TestWindowEdges(t *testing.T) {
	for _, c := range []struct {
		name       string
		app        string
		start, end string
		wantHours  float64
		wantStatus JobStatus
	}{
		// 29 February minus 3 years is 28 February: that day is in.
		{"29 Feb: first day of the window", "2024-02-29", "2021-02-28", "2021-02-28", fullTime, JobCounted},
		{"29 Feb: day before the window", "2024-02-29", "2021-02-27", "2021-02-27", 0, JobOutside},
		{"29 Feb: A itself is out", "2024-02-29", "2024-02-29", "2024-02-29", 0, JobOutside},
		{"29 Feb: A-1 is in", "2024-02-29", "2024-02-28", "2024-02-28", fullTime, JobCounted},
		{"29 Feb: whole window", "2024-02-29", "2020-01-01", "", 1096 * fullTime, JobCounted},
		{"1 Mar: window start", "2025-03-01", "2022-03-01", "2022-03-01", fullTime, JobCounted},
		{"1 Mar: the day before", "2025-03-01", "2022-02-28", "2022-02-28", 0, JobOutside},
		{"straddling the start", "2025-03-01", "2022-02-20", "2022-03-10", 10 * fullTime, JobCounted},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(c.app, []Job{job("Acme", "21231", c.start, c.end, 30)}, nil)
			a := rules.Assess(cl, 0)
			// Typed from the rule book, not computed: 29 February minus 3 years is
			// 28 February.
			wantStart := map[string]Date{"2024-02-29": day("2021-02-28"), "2025-03-01": day("2022-03-01")}[c.app]
			if a.WindowStart != wantStart {
				t.Errorf("window starts %s, want %s", a.WindowStart, wantStart)
			}
			if !near(a.QualifyingHours, c.wantHours) || a.Jobs[0].Status != c.wantStatus {
				t.Errorf("hours %v status %s; want %v %s", a.QualifyingHours, a.Jobs[0].Status, c.wantHours, c.wantStatus)
			}
		})
	}
}

// TestCountingMethod covers W-HOURS: the seed examples and the rule book's
// consequences of the daily-credit method.
func TestCountingMethod(t *testing.T) {
	for _, c := range []struct {
		name      string
		jobs      []Job
		wantHours float64
		met       bool
	}{
		{"six months at 15 h/week counts as three months",
			[]Job{job("A", "21231", "2024-01-01", "2024-06-30", 15)}, 91 * fullTime, false},
		{"52 weeks at 30 h/week reach 1,560",
			[]Job{job("A", "21231", "2024-01-01", "2024-12-29", 30)}, 1560, true},
		{"51 weeks and 6 days at 30 h/week do not",
			[]Job{job("A", "21231", "2024-01-01", "2024-12-28", 30)}, 363 * fullTime, false},
		{"51 weeks and 6 days at 60 h/week do not either",
			[]Job{job("A", "21231", "2024-01-01", "2024-12-28", 60)}, 363 * fullTime, false},
		{"40 h/week for 6 months is about 780",
			[]Job{job("A", "21231", "2024-01-01", "2024-06-30", 40)}, 182 * fullTime, false},
		{"15 h/week for 24 months is about 1,560",
			[]Job{job("A", "21231", "2023-01-01", "2024-12-28", 15)}, 1560, true},
		{"two concurrent 20 h/week jobs credit 30, not 40",
			[]Job{job("A", "21231", "2024-01-01", "2024-12-29", 20), job("B", "21232", "2024-01-01", "2024-12-29", 20)}, 1560, true},
		{"concurrent jobs under the cap add up",
			[]Job{job("A", "21231", "2024-01-01", "2024-12-29", 10), job("B", "21232", "2024-01-01", "2024-12-29", 15)}, 364 * 25.0 / 7, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2025-01-01", c.jobs, []Test{clb("2024-06-01", 9)}), 0)
			if !near(a.QualifyingHours, c.wantHours) {
				t.Errorf("hours %v, want %v", a.QualifyingHours, c.wantHours)
			}
			if got := a.Requirements[0].Outcome == Met; got != c.met {
				t.Errorf("work met %v, want %v (%s)", got, c.met, a.Requirements[0].Finding)
			}
			if c.met != (a.Verdict == Eligible) {
				t.Errorf("verdict %s\n%s", a.Verdict, dump(a))
			}
			var sum float64
			for _, jr := range a.Jobs {
				sum += jr.Credited
			}
			if !near(sum, a.QualifyingHours) {
				t.Errorf("jobs credited %v, total %v", sum, a.QualifyingHours)
			}
		})
	}
}

func TestCapSharedAndReported(t *testing.T) {
	jobs := []Job{
		job("Acme", "21231", "2025-12-01", "", 60),
		job("Beta", "21232", "2025-01-01", "2025-12-31", 20),
		job("Gamma", "21233", "2025-06-01", "2025-12-31", 20),
	}
	a := rules.Assess(newClient("2026-01-01", jobs, nil), 0)
	acme := a.Jobs[0]
	if !near(acme.Uncapped, 31*60.0/7) {
		t.Errorf("Acme uncapped %v", acme.Uncapped)
	}
	// December: 100 h/week on the books, 30 credited, shared 60:20:20.
	if !near(acme.Credited, 31*30.0/7*0.6) {
		t.Errorf("Acme credited %v", acme.Credited)
	}
	// Beta: 20/7 a day to 2025-05-31 (151 days), then half of 30/7 in
	// June–November (183 days), then a fifth of 30/7 in December.
	wantBeta := 151*20.0/7 + 183*15.0/7 + 31*30.0/7*0.2
	if !near(a.Jobs[1].Credited, wantBeta) {
		t.Errorf("Beta credited %v, want %v", a.Jobs[1].Credited, wantBeta)
	}
	f := findings(a, RuleHours, KindNote)
	if len(f) != 3 {
		t.Fatalf("want 3 cap notes:\n%s", dump(a))
	}
	want := "Hours above 30 a week are not counted: 60 h/week at Acme from 2025-12-01 credited as 30."
	if f[0].Text.String() != want || f[0].Cell != "Employment!H2" || f[0].Job != 0 {
		t.Errorf("cap note %+v", f[0])
	}
	if !strings.Contains(f[1].Text.String(), "Beta") || !strings.Contains(f[1].Text.String(), "overlap other counted work") {
		t.Errorf("shared cap note %q", f[1].Text)
	}
}

func TestExclusionRules(t *testing.T) {
	for _, c := range []struct {
		name   string
		opt    func(*Job)
		noc    string
		code   string
		cell   string
		status JobStatus
	}{
		{"W-SKILL TEER 4", nil, "44101", RuleSkill, "Employment!D2", JobExcluded},
		{"W-SKILL TEER 5", nil, "65100", RuleSkill, "Employment!D2", JobExcluded},
		{"W-CANADA", func(j *Job) { j.Location, j.InCanada = "France", false }, "21231", RuleCanada, "Employment!I2", JobExcluded},
		{"W-PAID volunteer", func(j *Job) { j.Type = Volunteer }, "21231", RulePaid, "Employment!J2", JobExcluded},
		{"W-PAID unpaid", func(j *Job) { j.Type = Unpaid }, "21231", RulePaid, "Employment!J2", JobExcluded},
		{"W-SELF", func(j *Job) { j.Type = SelfEmployed }, "21231", RuleSelf, "Employment!J2", JobExcluded},
		{"W-AUTH none", func(j *Job) { j.Authorization = AuthNone }, "21231", RuleAuth, "Employment!K2", JobExcluded},
		{"W-STATUS refugee claimant's permit", func(j *Job) { j.Authorization = AuthRefugee }, "21231", RuleWorkStatus, "Employment!K2", JobExcluded},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := job("Acme", c.noc, "2023-01-01", "2023-12-31", 40)
			if c.opt != nil {
				c.opt(&j)
			}
			a := rules.Assess(newClient("2025-01-01", []Job{j}, []Test{clb("2024-06-01", 9)}), 0)
			jr := a.Jobs[0]
			if jr.Status != c.status || jr.Credited != 0 || jr.Uncapped != 0 || a.QualifyingHours != 0 {
				t.Errorf("job %+v", jr)
			}
			if len(jr.Exclusions) != 1 || jr.Exclusions[0].Code != c.code || jr.Exclusions[0].Days != 365 ||
				jr.Exclusions[0].From != day("2023-01-01") || jr.Exclusions[0].To != day("2023-12-31") {
				t.Errorf("exclusions %+v", jr.Exclusions)
			}
			f := mustFind(t, a, c.code, KindExclusion)
			if f.Cell != c.cell || f.Job != 0 || f.Test != -1 || f.Citation.String() == "" || !strings.Contains(f.Text.String(), "Acme") {
				t.Errorf("finding %+v", f)
			}
			if a.Verdict != NotEligible {
				t.Errorf("verdict %s", a.Verdict)
			}
		})
	}
}

func TestSeveralExclusionsAreAllListed(t *testing.T) {
	j := job("Acme", "65100", "2023-01-01", "2023-12-31", 40, func(j *Job) { j.Type = SelfEmployed })
	a := rules.Assess(newClient("2025-01-01", []Job{j}, nil), 0)
	if ex := a.Jobs[0].Exclusions; len(ex) != 2 || ex[0].Code != RuleSkill || ex[1].Code != RuleSelf {
		t.Errorf("exclusions %+v", ex)
	}
}

func TestCountedWithNotes(t *testing.T) {
	// Blank authorization that decides nothing: counted, with a note to
	// verify (W-AUTH-VERIFY).
	j := job("Acme", "21231", "2023-01-01", "2023-12-31", 30, func(j *Job) { j.Authorization = AuthUnknown })
	other := job("Beta", "21232", "2022-01-01", "2022-12-31", 30)
	a := rules.Assess(newClient("2025-01-01", []Job{j, other}, []Test{clb("2024-06-01", 8)}), 0)
	if a.Jobs[0].Status != JobCounted || !near(a.QualifyingHours, 730*fullTime) || a.Verdict != Eligible {
		t.Errorf("blank authorization: %+v verdict %s", a.Jobs[0], a.Verdict)
	}
	if f := mustFind(t, a, RuleAuthVerify, KindNote); f.Cell != "Employment!K2" {
		t.Errorf("W-AUTH-VERIFY note %+v", f)
	}

	// A NOC 2016 code is read by skill level, with a note (W-NOC2016).
	j = job("Acme", "2173", "2023-01-01", "2023-12-31", 30)
	a = rules.Assess(newClient("2025-01-01", []Job{j}, nil), 0)
	if jr := a.Jobs[0]; jr.Status != JobCounted || jr.TEER != 1 || !jr.NOC2016 {
		t.Errorf("NOC 2016: %+v", jr)
	}
	if f := mustFind(t, a, RuleNOC2016, KindNote); f.Cell != "Employment!D2" || !strings.Contains(f.Text.String(), "TEER 1") {
		t.Errorf("W-NOC2016 note %+v", f)
	}

	// A management code that lost its zeros is TEER 0 and counts.
	j = job("Acme", "10", "2023-01-01", "2023-12-31", 30)
	a = rules.Assess(newClient("2025-01-01", []Job{j}, nil), 0)
	if jr := a.Jobs[0]; jr.Status != JobCounted || jr.TEER != 0 || jr.NOC2016 {
		t.Errorf("management code: %+v", jr)
	}

	// The client's status "student" alone excludes nothing.
	c := newClient("2025-01-01", []Job{job("Acme", "21231", "2023-01-01", "2023-12-31", 30)}, nil)
	c.Status = StatusStudent
	a = rules.Assess(c, 0)
	if a.Jobs[0].Status != JobCounted || len(findings(a, RuleStudent, "")) != 0 {
		t.Errorf("student status: %+v\n%s", a.Jobs[0], dump(a))
	}
}

func TestPartialStudentOverlap(t *testing.T) {
	jobs := []Job{job("Acme", "21231", "2023-01-01", "2023-12-31", 30)}
	for _, c := range []struct {
		name      string
		studies   []Study
		status    JobStatus
		excluded  []Exclusion
		wantHours float64
	}{
		{"full-time study for two months", []Study{study("2023-03-01", "2023-04-30", true)}, JobPartly,
			[]Exclusion{{Code: RuleStudent, From: day("2023-03-01"), To: day("2023-04-30"), Days: 61}}, 304 * fullTime},
		{"part-time study excludes nothing", []Study{study("2023-03-01", "2023-04-30", false)}, JobCounted, nil, 365 * fullTime},
		{"two overlapping studies merge", []Study{study("2023-03-01", "2023-04-30", true), study("2023-04-15", "2023-05-10", true)}, JobPartly,
			[]Exclusion{{Code: RuleStudent, From: day("2023-03-01"), To: day("2023-05-10"), Days: 71}}, 294 * fullTime},
		{"study around the whole job", []Study{study("2022-09-01", "", true)}, JobExcluded,
			[]Exclusion{{Code: RuleStudent, From: day("2023-01-01"), To: day("2023-12-31"), Days: 365}}, 0},
		{"two separate terms", []Study{study("2023-01-01", "2023-01-31", true), study("2023-12-01", "2024-04-30", true)}, JobPartly,
			[]Exclusion{{Code: RuleStudent, From: day("2023-01-01"), To: day("2023-01-31"), Days: 31},
				{Code: RuleStudent, From: day("2023-12-01"), To: day("2023-12-31"), Days: 31}}, 303 * fullTime},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2025-01-01", append([]Job(nil), jobs...), nil, c.studies...), 0)
			jr := a.Jobs[0]
			if jr.Status != c.status || !near(a.QualifyingHours, c.wantHours) {
				t.Errorf("status %s hours %v; want %s %v", jr.Status, a.QualifyingHours, c.status, c.wantHours)
			}
			if len(jr.Exclusions) != len(c.excluded) {
				t.Fatalf("exclusions %+v", jr.Exclusions)
			}
			for i, ex := range c.excluded {
				got := jr.Exclusions[i]
				if got.Code != ex.Code || got.From != ex.From || got.To != ex.To || got.Days != ex.Days || got.Reason.String() == "" {
					t.Errorf("exclusion %d: %+v, want %+v", i, got, ex)
				}
			}
			if n := len(findings(a, RuleStudent, KindExclusion)); n != len(c.excluded) {
				t.Errorf("%d W-STUDENT findings", n)
			}
		})
	}
}

func TestRequiredCLBAndMixedTEER(t *testing.T) {
	// Window 2021-06-01 to 2024-05-31 (1,096 days). TEER 1 work from the
	// window's start, TEER 2 work after it, never concurrent.
	seq := func(teer1Days, teer2Days int) []Job {
		start := day("2021-06-01")
		var jobs []Job
		if teer1Days > 0 {
			jobs = append(jobs, Job{Employer: "One", NOC: "21231", TEER: -1, Start: start, End: start + Date(teer1Days-1),
				HoursPerWeek: 30, InCanada: true, Type: Employee, Authorization: AuthPGWP})
		}
		if teer2Days > 0 {
			s := start + Date(teer1Days)
			jobs = append(jobs, Job{Employer: "Two", NOC: "62200", TEER: -1, Start: s, End: s + Date(teer2Days-1),
				HoursPerWeek: 30, InCanada: true, Type: Employee, Authorization: AuthPGWP})
		}
		return jobs
	}
	for _, c := range []struct {
		name         string
		teer1, teer2 int // days of each
		level        int
		required     int
		verdict      Verdict
		concern      bool // L-MIXED concern
		failure      string
	}{
		{"TEER 1 only", 400, 0, 7, 7, Eligible, false, ""},
		{"TEER 2 only", 0, 400, 5, 5, Eligible, false, ""},
		{"no work", 0, 0, 9, 0, NotEligible, false, RuleHours},
		{"more TEER 1", 500, 400, 7, 7, Eligible, false, ""},
		{"more TEER 2", 400, 500, 5, 5, Eligible, false, ""},
		{"tie requires CLB 7", 400, 400, 6, 7, NeedsReview, true, ""},
		{"tie with CLB 7", 400, 400, 7, 7, Eligible, false, ""},
		{"L-MIXED: TEER 2 alone would pass", 600, 496, 6, 7, NeedsReview, true, ""},
		{"L-MIXED not at CLB 4", 600, 496, 4, 7, NotEligible, false, RuleThresh},
		{"TEER 2 alone short of 1,560: plain failure", 700, 300, 6, 7, NotEligible, false, RuleThresh},
		{"more TEER 2 at CLB 5", 300, 700, 5, 5, Eligible, false, ""},
		{"below CLB 5", 0, 400, 4, 5, NotEligible, false, RuleThresh},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2024-06-01", seq(c.teer1, c.teer2), []Test{clb("2024-01-15", c.level)}), 0)
			if a.RequiredCLB != c.required || a.LanguageCLB != c.level || a.Verdict != c.verdict {
				t.Errorf("required %d level %d verdict %s; want %d %d %s\n%s", a.RequiredCLB, a.LanguageCLB, a.Verdict,
					c.required, c.level, c.verdict, dump(a))
			}
			if !near(a.HoursTEER01, float64(c.teer1)*fullTime) || !near(a.HoursTEER23, float64(c.teer2)*fullTime) {
				t.Errorf("group hours %v %v", a.HoursTEER01, a.HoursTEER23)
			}
			if got := len(findings(a, RuleMixed, KindConcern)) > 0; got != c.concern {
				t.Errorf("L-MIXED concern %v\n%s", got, dump(a))
			}
			if c.concern && a.Requirements[1].Outcome != Concern {
				t.Errorf("language outcome %s", a.Requirements[1].Outcome)
			}
			if c.failure != "" {
				mustFind(t, a, c.failure, KindFailure)
			}
			if c.teer1 > 0 && c.teer2 > 0 && !c.concern {
				mustFind(t, a, RuleMixed, KindNote)
			}
		})
	}
}

// TestGroupsEachCapped: each group is counted alone with the same cap, so
// concurrent TEER 1 and TEER 2 jobs give each group its own 30 h/week.
func TestGroupsEachCapped(t *testing.T) {
	jobs := []Job{job("One", "21231", "2024-01-01", "2024-12-31", 30), job("Two", "62200", "2024-01-01", "2024-12-31", 30)}
	a := rules.Assess(newClient("2025-01-01", jobs, []Test{clb("2024-06-01", 7)}), 0)
	if !near(a.HoursTEER01, 366*fullTime) || !near(a.HoursTEER23, 366*fullTime) || !near(a.QualifyingHours, 366*fullTime) {
		t.Errorf("hours %v %v %v", a.QualifyingHours, a.HoursTEER01, a.HoursTEER23)
	}
	if a.RequiredCLB != 7 {
		t.Errorf("required %d", a.RequiredCLB)
	}
}

func TestTestValidity(t *testing.T) {
	jobs := []Job{job("Acme", "21231", "2021-01-01", "", 30)}
	for _, c := range []struct {
		name       string
		app, taken string
		valid      bool
		until      string
	}{
		{"the day before the second anniversary", "2024-02-29", "2022-03-01", true, "2024-02-29"},
		{"on the exact anniversary it has expired", "2024-03-01", "2022-03-01", false, "2024-02-29"},
		{"taken on A", "2024-03-01", "2024-03-01", true, "2026-02-28"},
		{"taken after A", "2024-03-01", "2024-03-02", false, "2026-03-01"},
		{"taken on 29 February", "2026-02-27", "2024-02-29", true, "2026-02-27"},
		{"29 February's anniversary is 28 February", "2026-02-28", "2024-02-29", false, "2026-02-27"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient(c.app, append([]Job(nil), jobs...), []Test{clb(c.taken, 8)}), 0)
			tr := a.Tests[0]
			if tr.Valid != c.valid || tr.ValidUntil != day(c.until) || !tr.Accepted {
				t.Errorf("valid %v until %s; want %v %s", tr.Valid, tr.ValidUntil, c.valid, c.until)
			}
			if c.valid {
				if a.LanguageCLB != 8 || !tr.Best || a.Verdict != Eligible {
					t.Errorf("level %d best %v verdict %s", a.LanguageCLB, tr.Best, a.Verdict)
				}
				mustFind(t, a, RuleLevel, KindNote)
			} else {
				if a.LanguageCLB != -1 || a.Verdict != NotEligible || tr.Why.String() == "" {
					t.Errorf("level %d verdict %s why %q", a.LanguageCLB, a.Verdict, tr.Why)
				}
				mustFind(t, a, RuleValid, KindNote)
				if c.taken < c.app {
					mustFind(t, a, RuleValid, KindFailure)
				}
			}
		})
	}
}

func TestLanguageTests(t *testing.T) {
	jobs := func() []Job { return []Job{job("Acme", "21231", "2022-01-01", "", 30)} }
	t.Run("no test: L-TEST", func(t *testing.T) {
		a := rules.Assess(newClient("2025-01-01", jobs(), nil), 0)
		mustFind(t, a, RuleTest, KindFailure)
		if a.LanguageCLB != -1 || a.Verdict != NotEligible {
			t.Errorf("level %d verdict %s", a.LanguageCLB, a.Verdict)
		}
	})
	t.Run("IELTS Academic is refused", func(t *testing.T) {
		tst := ielts("2024-06-01", 9, 9, 9, 9)
		tst.Kind, tst.Name = IELTSAcademic, "IELTS Academic"
		a := rules.Assess(newClient("2025-01-01", jobs(), []Test{tst}), 0)
		f := mustFind(t, a, RuleTest, KindNote)
		if f.Test != 0 || f.Cell != "Language Tests!B2" || !strings.Contains(f.Text.String(), "General Training") {
			t.Errorf("refusal %+v", f)
		}
		mustFind(t, a, RuleTest, KindFailure)
		if a.Tests[0].Accepted || a.Tests[0].Refused.String() == "" {
			t.Errorf("test %+v", a.Tests[0])
		}
	})
	t.Run("PTE Core before 2024-01-30 is refused", func(t *testing.T) {
		tst := Test{Name: "PTE Core", Date: day("2024-01-29"), Scores: [4]Score{{Value: 90}, {Value: 90}, {Value: 90}, {Value: 90}}}
		a := rules.Assess(newClient("2025-01-01", jobs(), []Test{tst}), 0)
		if a.Tests[0].Accepted || a.Tests[0].Kind != PTECore || a.Verdict != NotEligible {
			t.Errorf("test %+v verdict %s", a.Tests[0], a.Verdict)
		}
		tst.Date = day("2024-01-30")
		a = rules.Assess(newClient("2025-01-01", jobs(), []Test{tst}), 0)
		if !a.Tests[0].Valid || a.LanguageCLB != 10 || a.Verdict != Eligible {
			t.Errorf("test %+v verdict %s", a.Tests[0], a.Verdict)
		}
	})
	t.Run("abilities are never combined across sittings", func(t *testing.T) {
		// Each sitting has one weak ability; together they would make CLB 9.
		a1 := ielts("2024-03-01", 8, 7, 7, 5.5) // speaking CLB 6
		a2 := ielts("2024-06-01", 5.5, 7, 7, 7) // listening CLB 6
		a := rules.Assess(newClient("2025-01-01", jobs(), []Test{a1, a2}), 0)
		if a.LanguageCLB != 6 || a.Tests[0].Level != 6 || a.Tests[1].Level != 6 {
			t.Errorf("level %d, tests %+v", a.LanguageCLB, a.Tests)
		}
		if a.Tests[0].CLB != [4]int{9, 9, 9, 6} {
			t.Errorf("CLB per ability %v", a.Tests[0].CLB)
		}
		mustFind(t, a, RuleThresh, KindFailure)
	})
	t.Run("the best valid test counts, English or French", func(t *testing.T) {
		en := clb("2024-03-01", 6)
		fr := Test{Name: "TEF", Date: day("2024-05-01"), Scores: [4]Score{{Value: 298}, {Value: 248}, {Value: 371}, {Value: 371}}}
		a := rules.Assess(newClient("2025-01-01", jobs(), []Test{en, fr}), 0)
		if a.LanguageCLB != 9 || !a.Tests[1].Best || a.Tests[0].Best || a.Verdict != Eligible {
			t.Errorf("level %d tests %+v verdict %s", a.LanguageCLB, a.Tests, a.Verdict)
		}
		if f := mustFind(t, a, RuleLevel, KindNote); f.Test != 1 || !strings.Contains(f.Text.String(), "NCLC 9") {
			t.Errorf("L-LEVEL %+v", f)
		}
	})
	t.Run("CELPIP M is below CLB 4", func(t *testing.T) {
		tst := Test{Name: "CELPIP-G", Date: day("2024-05-01"), Scores: [4]Score{{Value: 9}, {Value: 9}, {Label: "M"}, {Value: 9}}}
		a := rules.Assess(newClient("2025-01-01", jobs(), []Test{tst}), 0)
		if a.LanguageCLB != 0 || a.Tests[0].CLB[Writing] != 0 || a.Verdict != NotEligible {
			t.Errorf("level %d verdict %s", a.LanguageCLB, a.Verdict)
		}
	})
	t.Run("old TEF scale", func(t *testing.T) {
		tst := Test{Name: "TEF Canada", Date: day("2023-12-10"), Scores: [4]Score{{Value: 249}, {Value: 207}, {Value: 310}, {Value: 310}}}
		a := rules.Assess(newClient("2025-01-01", jobs(), []Test{tst}), 0)
		if a.LanguageCLB != 7 || a.Verdict != Eligible {
			t.Errorf("level %d verdict %s\n%s", a.LanguageCLB, a.Verdict, dump(a))
		}
	})
}

func TestProvinceAdmissibilityStatus(t *testing.T) {
	base := func(mod func(*Client)) *Assessment {
		c := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{clb("2024-06-01", 8)})
		mod(c)
		return rules.Assess(c, 0)
	}
	for _, c := range []struct {
		name    string
		mod     func(*Client)
		verdict Verdict
		code    string
		kind    Kind
		cell    string
		req     int
		outcome Outcome
	}{
		{"Q-PROV Quebec", func(c *Client) { c.Province = "QC" }, NotEligible, RuleProvince, KindFailure, "Clients!F2", 2, NotMet},
		{"A-ADMIS", func(c *Client) { c.Admissibility = "criminal charge 2019" }, NeedsReview, RuleAdmiss, KindConcern, "Clients!J2", 3, Concern},
		{"S-STATUS none in Canada", func(c *Client) { c.Status = StatusNone }, NeedsReview, RuleStatus, KindConcern, "Clients!H2", 3, Concern},
		{"S-STATUS expired before A", func(c *Client) { c.StatusExpiry = day("2024-12-31") }, NeedsReview, RuleStatus, KindConcern, "Clients!I2", 3, Concern},
		{"blank province is a data problem", func(c *Client) { c.Province = "" }, NeedsReview, CodeData, KindData, "Clients!F2", 2, NotAssessed},
		{"S-STATUS refugee claimant", func(c *Client) { c.Status = StatusRefugee }, NeedsReview, RuleStatus, KindConcern, "Clients!H2", 3, Concern},
		{"S-STATUS expired before A, visitor", func(c *Client) { c.Status, c.StatusExpiry = StatusVisitor, day("2024-12-31") }, NeedsReview, RuleStatus, KindConcern, "Clients!I2", 3, Concern},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := base(c.mod)
			if a.Verdict != c.verdict {
				t.Errorf("verdict %s, want %s\n%s", a.Verdict, c.verdict, dump(a))
			}
			f := mustFind(t, a, c.code, c.kind)
			if f.Cell != c.cell || (c.code != CodeData && f.Citation.String() == "") {
				t.Errorf("finding %+v", f)
			}
			if a.Requirements[c.req].Outcome != c.outcome {
				t.Errorf("requirement %+v", a.Requirements[c.req])
			}
		})
	}
	// Admissibility "no" is no concern; status expiring on A is not
	// expired; maintained status raises no status concern. Nothing
	// recorded is "no concern recorded", never "met".
	for _, mod := range []func(*Client){
		func(c *Client) { c.Admissibility = "No"; c.StatusExpiry = day("2025-01-01") },
		func(c *Client) { c.Status, c.StatusExpiry = StatusMaintained, day("2024-06-30") },
		func(c *Client) { c.Status, c.InCanada = StatusRefugee, No },
	} {
		a := base(mod)
		if a.Verdict != Eligible || a.Requirements[3].Outcome != NoConcernRecorded || len(findings(a, RuleStatus, "")) != 0 {
			t.Errorf("verdict %s, admissibility %s\n%s", a.Verdict, a.Requirements[3].Outcome, dump(a))
		}
	}
	// Quebec names no provincial program.
	if f := mustFind(t, base(func(c *Client) { c.Province = "QC" }), RuleProvince, KindFailure); strings.Contains(f.Text.String(), "PEQ") || strings.Contains(f.Text.String(), "Program") {
		t.Errorf("Quebec names a program: %s", f.Text)
	}
	// Quebec: never eligible, so no projection either.
	if a := base(func(c *Client) { c.Province = "QC" }); a.EligibleFrom != 0 {
		t.Errorf("Quebec eligible from %s", a.EligibleFrom)
	}
}

func TestVerdictOrder(t *testing.T) {
	mk := func(mod func(*Client)) Verdict {
		c := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{clb("2024-06-01", 8)})
		mod(c)
		return rules.Assess(c, 0).Verdict
	}
	for _, c := range []struct {
		name string
		mod  func(*Client)
		want Verdict
	}{
		{"clean", func(*Client) {}, Eligible},
		{"data error beats a failure", func(c *Client) {
			c.Province = "QC"
			c.Problems = []Problem{{Cell: "Clients!D2", Message: Untranslated("The date of birth is not a date.")}}
		}, NeedsReview},
		{"a failure beats a concern", func(c *Client) { c.Province = "QC"; c.Admissibility = "yes" }, NotEligible},
		{"a concern alone", func(c *Client) { c.Admissibility = "yes" }, NeedsReview},
	} {
		if got := mk(c.mod); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestDataProblems(t *testing.T) {
	goodTest := []Test{clb("2024-06-01", 8)}
	for _, c := range []struct {
		name     string
		jobs     []Job
		tests    []Test
		problems []Problem
		cell     string
		text     string
		jobState JobStatus // of job 0, "" to skip
		hours    float64
	}{
		{"ingest's problem on a job row makes it unreadable",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30)}, goodTest,
			[]Problem{{Cell: "Employment!G2", Message: Untranslated("The end date \"31/02/2024\" is not a date.")}},
			"Employment!G2", "not a date", JobUnreadable, 0},
		{"a problem on the employer's cell does not",
			[]Job{job("Acme", "21231", "2024-01-01", "2024-12-31", 30)}, goodTest,
			[]Problem{{Cell: "Employment!B2", Message: Untranslated("The employer name has a stray character.")}},
			"Employment!B2", "stray", JobCounted, 366 * fullTime},
		{"NOC/TEER contradiction",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30, func(j *Job) { j.TEER = 3 })}, goodTest, nil,
			"Employment!E2", "TEER column says 3", JobUnreadable, 0},
		{"NOC 2016 code whose links span TEER groups, with TEER 3: the code is a data error, the TEER column is used meanwhile",
			[]Job{job("Acme", "1215", "2024-01-01", "2024-12-31", 30, func(j *Job) { j.TEER = 3 })}, goodTest, nil,
			"Employment!D2", "13201 Production and transportation logistics coordinators, TEER 3", JobCounted, 366 * fullTime},
		{"NOC 2016 code linked only to TEER 4, with TEER 3: a contradiction",
			[]Job{job("Acme", "6421", "2024-01-01", "2024-12-31", 30, func(j *Job) { j.TEER = 3 })}, goodTest, nil,
			"Employment!E2", "linked only to NOC 2021 codes of TEER 4/5", JobUnreadable, 0},
		{"a code that is no NOC 2021 unit group, with a TEER column",
			[]Job{job("Acme", "21999", "2024-01-01", "2024-12-31", 30, func(j *Job) { j.TEER = 1 })}, goodTest, nil,
			"Employment!D2", "NOC 21999 is not a unit group of NOC 2021 V1.0 (nearest real codes: 21399", JobCounted, 366 * fullTime},
		{"a code that is no NOC 2021 unit group is never read from its digits",
			[]Job{job("Acme", "10000", "2022-01-01", "", 30)}, goodTest, nil,
			"Employment!D2", "nearest real codes: 10010 Financial managers", JobUnreadable, 0},
		{"NOC 2016 skill level B with TEER 3 agrees",
			[]Job{job("Acme", "6211", "2024-01-01", "2024-12-31", 30, func(j *Job) { j.TEER = 3 })}, goodTest, nil,
			"", "", JobCounted, 366 * fullTime},
		{"unreadable NOC with a TEER column is counted by the TEER",
			[]Job{job("Acme", "2123X", "2024-01-01", "2024-12-31", 30, func(j *Job) { j.TEER = 1 })}, goodTest, nil,
			"Employment!D2", "not a number", JobCounted, 366 * fullTime},
		{"unreadable NOC and no TEER",
			[]Job{job("Acme", "abc", "2022-01-01", "", 30)}, goodTest, nil,
			"Employment!D2", "the period is not assessed", JobUnreadable, 0},
		{"end before start",
			[]Job{job("Acme", "21231", "2024-01-01", "2023-01-01", 30)}, goodTest, nil,
			"Employment!G2", "before its start date", JobUnreadable, 0},
		{"no hours",
			[]Job{job("Acme", "21231", "2024-01-01", "", 0)}, goodTest, nil,
			"Employment!H2", "hours per week", JobUnreadable, 0},
		{"score out of scale",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{ielts("2024-06-01", 9.5, 8, 8, 8)}, nil,
			"Language Tests!D2", "outside the IELTS General Training scale", "", 0},
		{"TEF score above the maximum, before 2023-12-11",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30)},
			[]Test{{Name: "TEF", Date: day("2023-11-01"), Scores: [4]Score{{Value: 500}, {Value: 250}, {Value: 400}, {Value: 400}}}}, nil,
			"Language Tests!D2", "équivalence ancien score", "", 0},
		{"TEF score above the maximum, after 2023-12-11",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30)},
			[]Test{{Name: "TEF", Date: day("2024-11-01"), Scores: [4]Score{{Value: 300}, {Value: 250}, {Value: 400}, {Value: 451}}}}, nil,
			"Language Tests!G2", "équivalence ancien score", "", 0},
		{"unknown test name",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30)},
			[]Test{{Name: "IELTS", Date: day("2024-06-01"), Scores: [4]Score{{Value: 8}, {Value: 8}, {Value: 8}, {Value: 8}}}}, nil,
			"Language Tests!B2", "not a known test", "", 0},
		{"ingest's unknown test is not reported twice",
			[]Job{job("Acme", "21231", "2022-01-01", "", 30)},
			[]Test{{Name: "Foo", Date: day("2024-06-01")}},
			[]Problem{{Cell: "Language Tests!B2", Message: Untranslated("Unknown test \"Foo\".")}},
			"Language Tests!B2", "Unknown test", "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient("2025-01-01", c.jobs, c.tests)
			cl.Problems = c.problems
			a := rules.Assess(cl, 0)
			data := findings(a, CodeData, KindData)
			if c.cell == "" {
				if len(data) != 0 || a.Verdict != Eligible {
					t.Errorf("unexpected data findings, verdict %s\n%s", a.Verdict, dump(a))
				}
			} else {
				if len(data) != 1 || data[0].Cell != c.cell || !strings.Contains(data[0].Text.String(), c.text) {
					t.Errorf("data findings:\n%s", dump(a))
				}
				if a.Verdict != NeedsReview {
					t.Errorf("verdict %s", a.Verdict)
				}
			}
			if c.jobState != "" {
				if a.Jobs[0].Status != c.jobState || !near(a.QualifyingHours, c.hours) {
					t.Errorf("job %+v hours %v", a.Jobs[0], a.QualifyingHours)
				}
			}
		})
	}
}

func TestOutsideAndFutureJobs(t *testing.T) {
	jobs := []Job{
		job("Old", "21231", "2015-01-01", "2016-01-01", 30),
		job("Future", "21231", "2025-03-01", "", 30),
	}
	a := rules.Assess(newClient("2025-01-01", jobs, []Test{clb("2024-12-01", 9)}), 0)
	for i, jr := range a.Jobs {
		if jr.Status != JobOutside || jr.Credited != 0 {
			t.Errorf("job %d: %+v", i, jr)
		}
	}
	if n := len(findings(a, RuleHours, KindNote)); n != 2 {
		t.Errorf("%d outside notes\n%s", n, dump(a))
	}
	// The future job counts in the projections: 364 days from 2025-03-01.
	if a.EligibleFrom != day("2026-02-28") {
		t.Errorf("eligible from %s", a.EligibleFrom)
	}
}

// TestHoursReached: hours_reached is the first day D of the unbroken run
// of days, ending on A, on which an application would have met the hours.
func TestHoursReached(t *testing.T) {
	for _, c := range []struct {
		name    string
		app     string
		jobs    []Job
		reached string
	}{
		// 364 days from 2023-01-01 are worked by 2023-12-30: an application
		// on 2023-12-31 has them in its window.
		{"one ongoing job", "2025-01-01", []Job{job("Acme", "21231", "2023-01-01", "", 30)}, "2023-12-31"},
		{"short of the hours on A", "2025-01-01", []Job{job("Acme", "21231", "2024-06-01", "", 30)}, ""},
		{"held since before the window", "2025-01-01", []Job{job("Acme", "21231", "2019-01-01", "", 30)}, "2019-12-31"},
		// A gap: the hours were met, lost, and met again: D is after the gap.
		{"met, lost and met again", "2025-01-01", []Job{
			job("Old", "21231", "2018-01-01", "2018-12-30", 30),
			job("New", "21231", "2023-06-01", "", 30)}, "2024-05-30"},
		// Met on A by a margin of one day only.
		{"met only on A", "2025-01-01", []Job{job("Acme", "21231", "2024-01-03", "", 30)}, "2025-01-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(c.app, c.jobs, nil)
			a := rules.Assess(cl, 0)
			if a.HoursReached != day(c.reached) {
				t.Fatalf("reached %s, want %s", a.HoursReached, c.reached)
			}
			if a.HoursReached == 0 {
				return
			}
			// Assessing on D and on D-1 agrees.
			for _, d := range []Date{a.HoursReached, a.HoursReached - 1} {
				if met := hoursMet(cl, d); met != (d == a.HoursReached) {
					t.Errorf("on %s hours met = %v", d, met)
				}
			}
		})
	}
}

func TestProjections(t *testing.T) {
	for _, c := range []struct {
		name        string
		app         string
		jobs        []Job
		tests       []Test
		mod         func(*Client)
		from, until string
		lapse       string
	}{
		{"ongoing job reaches 52 weeks", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2024-12-01", 9)}, nil,
			"2025-05-31", "", ""},
		{"part-time ongoing job takes twice as long", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 15)}, []Test{clb("2024-12-01", 9)}, nil,
			"2026-05-30", "", ""},
		{"the test expires before the hours arrive", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2023-05-01", 9)}, nil,
			"", "", ""},
		{"a recorded end date is honoured", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "2025-03-31", 30)}, []Test{clb("2024-12-01", 9)}, nil,
			"", "", ""},
		{"a worker's job stops at the status expiry", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2024-12-01", 9)},
			func(c *Client) { c.StatusExpiry = day("2025-04-30") }, "", "", ""},
		{"a visitor's status expiry stops the projection too", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2024-12-01", 9)},
			func(c *Client) { c.Status, c.StatusExpiry = StatusVisitor, day("2025-04-30") }, "", "", ""},
		// No maintained day after A is projected: a decision the intake
		// cannot foresee may end maintained status.
		{"a maintained client's job stops at the expiry", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2024-12-01", 9)},
			func(c *Client) { c.Status, c.StatusExpiry = StatusMaintained, day("2025-04-30") }, "", "", ""},
		{"a row on maintained status stops at the expiry", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30, func(j *Job) { j.Authorization = AuthMaintained })}, []Test{clb("2024-12-01", 9)},
			func(c *Client) { c.StatusExpiry = day("2025-04-30") }, "", "", ""},
		{"a maintained client whose status expires after the hours arrive", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2024-12-01", 9)},
			func(c *Client) { c.Status, c.StatusExpiry = StatusMaintained, day("2025-05-30") }, "2025-05-31", "", ""},
		{"no R186(w) day after A is projected", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30, func(j *Job) { j.Authorization = AuthR186w })}, []Test{clb("2024-12-01", 9)},
			nil, "", "", ""},
		{"a permit expiry stops the row", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30, func(j *Job) { j.PermitExpiry = day("2025-05-29") })}, []Test{clb("2024-12-01", 9)},
			nil, "", "", ""},
		{"a permit expiring on the 364th day is enough", "2025-01-01",
			[]Job{job("Acme", "21231", "2024-06-01", "", 30, func(j *Job) { j.PermitExpiry = day("2025-05-30") })}, []Test{clb("2024-12-01", 9)},
			nil, "2025-05-31", "", ""},
		{"eligible: the test lapses first", "2023-01-01",
			[]Job{job("Acme", "21231", "2021-01-01", "2022-06-30", 30)}, []Test{clb("2022-06-01", 9)}, nil,
			"2023-01-01", "2024-05-31", RuleValid},
		{"eligible: the hours slide out first", "2023-01-01",
			[]Job{job("Acme", "21231", "2021-01-01", "2022-06-30", 30)}, []Test{clb("2022-12-01", 9)}, nil,
			"2023-01-01", "2024-07-02", RuleHours},
		{"eligible: a status expiry is not a lapse", "2023-01-01",
			[]Job{job("Acme", "21231", "2021-01-01", "2022-06-30", 30)}, []Test{clb("2022-12-01", 9)},
			func(c *Client) { c.StatusExpiry = day("2024-03-01") }, "2023-01-01", "2024-07-02", RuleHours},
		{"eligible: TEER 0/1 work overtakes, TEER 2/3 alone still 1,560: L-MIXED", "2023-01-01",
			[]Job{job("Two", "62200", "2021-06-01", "2022-12-31", 30), job("One", "21231", "2023-06-01", "", 30)},
			[]Test{clb("2022-12-01", 5)}, nil,
			"2023-01-01", "2024-09-15", RuleMixed},
		{"eligible: TEER 0/1 work overtakes and raises the level needed", "2024-06-01",
			[]Job{job("Two", "62200", "2022-01-01", "2022-12-31", 30), job("One", "21231", "2024-06-01", "", 30)},
			[]Test{clb("2024-05-01", 5)}, nil,
			"2024-06-01", "2025-03-17", RuleThresh},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(c.app, c.jobs, c.tests)
			if c.mod != nil {
				c.mod(cl)
			}
			a := rules.Assess(cl, 0)
			if a.EligibleFrom != day(c.from) || a.EligibleUntil != day(c.until) || a.LapseCode != c.lapse {
				t.Errorf("from %s until %s lapse %s; want %s %s %s (%s)\n%s", a.EligibleFrom, a.EligibleUntil, a.LapseCode,
					c.from, c.until, c.lapse, a.Lapse, dump(a))
			}
			if c.until != "" && a.Lapse.String() == "" {
				t.Error("no lapse text")
			}
			// The projection agrees with assessing on those days.
			if a.EligibleFrom != 0 {
				checkObjective(t, cl, a.EligibleFrom, true)
				if a.EligibleFrom > a.AssessedOn {
					checkObjective(t, cl, a.EligibleFrom-1, false)
				}
			}
		})
	}
}

// checkObjective assesses c on day and checks whether the objective
// requirements hold there.
func checkObjective(t *testing.T, c *Client, on Date, want bool) {
	t.Helper()
	if got, a := objectiveHolds(c, on); got != want {
		t.Errorf("on %s objective requirements hold = %v, want %v\n%s", on, got, want, dump(a))
	}
}

func TestAssessmentShape(t *testing.T) {
	c := newClient("", []Job{
		job("Acme", "21231", "2022-01-01", "", 40),
		job("Shop", "65100", "2021-01-01", "2021-12-31", 20),
	}, []Test{clb("2024-06-01", 8), ielts("2020-01-01", 9, 9, 9, 9)})
	c.Problems = []Problem{{Cell: "Clients!D2", Message: Untranslated("The date of birth is not a date.")}}
	a := rules.Assess(c, day("2025-01-01"))
	if !a.FromAsOf || a.AssessedOn != day("2025-01-01") || a.RuleSet != rules.Name.String() {
		t.Errorf("assessed on %s from as-of %v", a.AssessedOn, a.FromAsOf)
	}
	keys := []string{"work", "language", "province", "admissibility"}
	if len(a.Requirements) != 4 {
		t.Fatalf("%d requirements", len(a.Requirements))
	}
	for i, r := range a.Requirements {
		if r.Key != keys[i] || r.Title.String() == "" || r.Rule.String() == "" || r.Citation.String() == "" || r.Outcome == "" || r.Facts.String() == "" || r.Finding.String() == "" {
			t.Errorf("requirement %+v", r)
		}
	}
	if len(a.Jobs) != 2 || len(a.Tests) != 2 {
		t.Fatalf("jobs %d tests %d", len(a.Jobs), len(a.Tests))
	}
	order := map[Kind]int{KindData: 0, KindFailure: 1, KindConcern: 2, KindExclusion: 3, KindNote: 4}
	last := 0
	for _, f := range a.Findings {
		if f.Code == "" || f.Kind == "" || f.Text.String() == "" {
			t.Errorf("finding %+v", f)
		}
		if f.Code != CodeData && f.Citation.String() == "" {
			t.Errorf("no citation: %+v", f)
		}
		if f.Job < -1 || f.Job >= len(c.Jobs) || f.Test < -1 || f.Test >= len(c.Tests) {
			t.Errorf("index: %+v", f)
		}
		if order[f.Kind] < last {
			t.Errorf("findings out of order at %+v", f)
		}
		last = order[f.Kind]
	}
	if a.Verdict != NeedsReview {
		t.Errorf("verdict %s", a.Verdict)
	}

	// No date at all: a data finding, not a panic.
	c.ApplicationDate = 0
	a = rules.Assess(c, 0)
	if a.Verdict != NeedsReview || len(a.Requirements) != 4 || len(a.Jobs) != 2 {
		t.Errorf("no date: %+v", a)
	}
}

func TestFmtHours(t *testing.T) {
	for v, want := range map[float64]string{0: "0.0", 1559.96: "1,559.9", 1560: "1,560.0", 1234567.25: "1,234,567.2", 780.0000001: "780.0"} {
		if got := FormatHours(v); got != want {
			t.Errorf("FormatHours(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestExclusionClippedToWindow(t *testing.T) {
	// A self-employed period from before the window to after A.
	j := job("Own Co", "21231", "2020-06-01", "2025-06-30", 40, func(j *Job) { j.Type = SelfEmployed })
	a := rules.Assess(newClient("2025-01-01", []Job{j}, nil), 0)
	ex := a.Jobs[0].Exclusions
	if len(ex) != 1 || ex[0].From != day("2022-01-01") || ex[0].To != day("2024-12-31") || ex[0].Days != 1096 {
		t.Errorf("exclusions %+v", ex)
	}
}

func TestStatusExpiryStopsWork(t *testing.T) {
	// Status expired before A: the days after it are unauthorized (W-AUTH,
	// A-UNAUTH), S-STATUS is a concern, and the job does not continue.
	c := newClient("2025-01-01", []Job{job("Acme", "21231", "2024-06-01", "", 30)}, []Test{clb("2024-12-01", 9)})
	c.StatusExpiry = day("2024-10-31")
	a := rules.Assess(c, 0)
	if !near(a.QualifyingHours, 153*fullTime) || a.EligibleFrom != 0 || a.Jobs[0].Status != JobPartly {
		t.Errorf("hours %v from %s job %+v", a.QualifyingHours, a.EligibleFrom, a.Jobs[0])
	}
	ex := a.Jobs[0].Exclusions
	if len(ex) != 1 || ex[0].Code != RuleAuth || ex[0].From != day("2024-11-01") || ex[0].To != day("2024-12-31") {
		t.Errorf("exclusions %+v", ex)
	}
	mustFind(t, a, RuleStatus, KindConcern)
	if f := mustFind(t, a, RuleUnauth, KindConcern); f.Cell != "Clients!I2" || !strings.Contains(f.Text.String(), "2024-11-01 to 2024-12-31 (61 days)") {
		t.Errorf("A-UNAUTH %+v", f)
	}
	// Maintained status: nothing is unauthorized and there is no status
	// concern; the maintained days count (W-MAINT-VERIFY), but no day after
	// A does in the projections, since a decision the intake cannot foresee
	// may end maintained status: no eligible_from.
	c.Status = StatusMaintained
	a = rules.Assess(c, 0)
	if !near(a.QualifyingHours, 214*fullTime) || a.EligibleFrom != 0 ||
		len(findings(a, RuleUnauth, "")) != 0 || len(findings(a, RuleStatus, "")) != 0 {
		t.Errorf("maintained: hours %v from %s\n%s", a.QualifyingHours, a.EligibleFrom, dump(a))
	}
}

func TestDataFindingCitations(t *testing.T) {
	c := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30, func(j *Job) { j.Type = "intern" })}, []Test{clb("2024-06-01", 8)})
	c.Problems = []Problem{
		{Cell: "Clients!F2", Message: Untranslated("The province \"Atlantis\" is not a province.")},
		{Cell: "Clients!H2", Message: Untranslated("The status \"tourist\" is not a status.")},
		{Cell: "Clients!C2", Message: Untranslated("The given names are blank.")},
	}
	a := rules.Assess(c, 0)
	want := map[string]string{
		"Clients!F2":    rules.Citations[RuleProvince].String(),
		"Clients!H2":    rules.Citations[RuleStatus].String(),
		"Clients!C2":    "",
		"Employment!J2": rules.Citations[RuleHours].String(),
	}
	got := map[string]string{}
	for _, f := range findings(a, CodeData, KindData) {
		got[f.Cell] = f.Citation.String()
	}
	if len(got) != len(want) {
		t.Fatalf("data findings:\n%s", dump(a))
	}
	for cell, cite := range want {
		if got[cell] != cite {
			t.Errorf("%s cited %q, want %q", cell, got[cell], cite)
		}
	}
	if a.Jobs[0].Status != JobUnreadable {
		t.Errorf("unknown employment type: %+v", a.Jobs[0])
	}
}
