package crs

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// The 2026 category flags: 1,560 hours in one listed occupation within the
// 3 years before A (here 2026-06-01: the window is 2023-06-01 to
// 2026-05-31), by the CEC's daily rule.

func TestCategoryHoursPerNOC(t *testing.T) {
	self := func(j *assess.Job) { j.Type = assess.SelfEmployed }
	noc2016 := func(j *assess.Job) { j.NOC = "2173" }
	cases := []struct {
		name    string
		jobs    []assess.Job
		flags   map[string]string
		noc     string // the healthcare flag's NOC
		hours   float64
		basisIn string
	}{
		// Two concurrent rows of one code share one 30 h cap:
		// 365 days × 30 / 7 = 1,564.3 h ≥ 1,560 (each alone: 1,042.9).
		{"concurrent rows, one NOC", []assess.Job{
			eeJob("31301", "2025-06-01", "2026-05-31", 20),
			eeJob("31301", "2025-06-01", "2026-05-31", 20),
		}, map[string]string{"healthcare": FlagMet}, "31301", 365 * 30.0 / 7, "1,564.2 h in Canada or abroad"},
		// Two listed occupations at once: each alone is 1,042.9 h.
		{"concurrent rows, two NOCs", []assess.Job{
			eeJob("31301", "2025-06-01", "2026-05-31", 20),
			eeJob("32101", "2025-06-01", "2026-05-31", 20),
		}, map[string]string{"healthcare": FlagNotMet}, "31301", 365 * 20.0 / 7, "below the 1,560"},
		// Work abroad counts for healthcare, not for physicians (Canada only).
		{"physician abroad", []assess.Job{eeJob("31102", "2025-06-01", "2026-05-31", 40, abroad)},
			map[string]string{"healthcare": FlagMet, "physicians": FlagNotMet}, "31102", 365 * 30.0 / 7, "in Canada or abroad"},
		{"physician in Canada", []assess.Job{eeJob("31102", "2025-06-01", "2026-05-31", 40)},
			map[string]string{"healthcare": FlagMet, "physicians": FlagMet}, "31102", 365 * 30.0 / 7, ""},
		// A self-employed physician counts (W-PHYS); a self-employed engineer does not.
		{"self-employed physician", []assess.Job{eeJob("31100", "2025-06-01", "2026-05-31", 40, self)},
			map[string]string{"physicians": FlagMet}, "31100", 365 * 30.0 / 7, ""},
		{"self-employed engineer", []assess.Job{eeJob("21300", "2023-06-01", "2026-05-31", 40, self)},
			map[string]string{"stem": FlagNotMet}, "", 0, "No counted work"},
		// A NOC 2016 code counts for no category.
		{"NOC 2016 code", []assess.Job{eeJob("3012", "2023-06-01", "2026-05-31", 40, noc2016)},
			map[string]string{"healthcare": FlagNotMet}, "", 0, "No counted work"},
		// Senior managers: in Canada only; 00012 written as 12 by Excel.
		{"senior manager", []assess.Job{eeJob("12", "2024-01-01", "2026-05-31", 45)},
			map[string]string{"senior_managers": FlagMet, "stem": FlagNotMet}, "", 0, ""},
		// Work outside the window does not count.
		{"before the window", []assess.Job{eeJob("31301", "2021-01-01", "2023-05-31", 40)},
			map[string]string{"healthcare": FlagNotMet}, "", 0, "No counted work"},
	}
	for _, c := range cases {
		x := eeAssess(eeClient("2026-06-01", "1990-01-01", c.jobs, nil))
		if c.name == "NOC 2016 code" {
			if f := eeFindings(x, assess.RuleNOC2016); len(f) != 1 || f[0].Cell != "Employment!D2" || !strings.Contains(f[0].Text.String(), "NOC 2021 code") {
				t.Errorf("NOC 2016 note: %+v", f)
			}
		}
		for id, want := range c.flags {
			if f := flagOf(t, x, id); f.Status != want {
				t.Errorf("%s: %s is %s, want %s (%s)", c.name, id, f.Status, want, f.Basis)
			}
		}
		h := flagOf(t, x, "healthcare")
		if c.noc != "" && (h.NOC != c.noc || !near(h.Hours, c.hours)) {
			t.Errorf("%s: healthcare NOC %s, %v h; want %s, %v h", c.name, h.NOC, h.Hours, c.noc, c.hours)
		}
		if c.basisIn != "" {
			found := false
			for _, f := range x.Flags {
				if strings.Contains(f.Basis.String(), c.basisIn) && c.flags[f.ID] != "" {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no flag says %q: %+v", c.name, c.basisIn, x.Flags)
			}
		}
	}
}

// The day a flag starts to hold, projected like eligible_from: an ongoing
// 30 h/week job from 2026-01-01 reaches 1,560 h (364 days) on 2026-12-31.
func TestCategoryFlagFrom(t *testing.T) {
	c := eeClient("2026-06-01", "1990-01-01", []assess.Job{eeJob("72400", "2026-01-01", "", 30)}, nil)
	f := flagOf(t, eeAssess(c), "trades")
	// 2026-01-01 … 2026-05-31 is 151 days: 151 × 30 / 7 = 647.1 h on A.
	if f.Status != FlagNotMet || f.From != assess.MustDate("2026-12-31") || !near(f.Hours, 151*30.0/7) {
		t.Fatalf("trades %+v, want not met, from 2026-12-31, 647.1 h", f)
	}
	mustContain(t, "basis", f.Basis.String(), "NOC 72400", "647.1 h", "Met from 2026-12-31 if the current jobs continue")
	// On 2026-12-31 itself it is met, from that day.
	c.ApplicationDate = assess.MustDate("2026-12-31")
	if f := flagOf(t, eeAssess(c), "trades"); f.Status != FlagMet || f.From != c.ApplicationDate {
		t.Errorf("on 2026-12-31: %+v", f)
	}
	c.ApplicationDate = assess.MustDate("2026-12-30")
	if f := flagOf(t, eeAssess(c), "trades"); f.Status != FlagNotMet || f.From != assess.MustDate("2026-12-31") {
		t.Errorf("on 2026-12-30: %+v", f)
	}
	// A worker's status expiring on 2026-09-30 stops the job there: the
	// projection never reaches 1,560 h.
	c.ApplicationDate = assess.MustDate("2026-06-01")
	c.StatusExpiry = assess.MustDate("2026-09-30")
	if f := flagOf(t, eeAssess(c), "trades"); f.From != 0 {
		t.Errorf("with the status expiring 2026-09-30: from %s, want never", f.From)
	}
	// Maintained status does not carry the job on in the projection: a
	// decision the intake cannot foresee may end it (as in the CEC's).
	c.Status = assess.StatusMaintained
	if f := flagOf(t, eeAssess(c), "trades"); f.From != 0 {
		t.Errorf("maintained status: from %s, want never", f.From)
	}
}

// Days of full-time study and of unpaid leave do not count.
func TestCategoryExclusions(t *testing.T) {
	// 30 h/week from 2025-05-01 to 2026-05-31 is 396 days, 1,697.1 h; 60
	// days of leave at the same employer leave 336 days, 1,440 h.
	c := eeClient("2026-06-01", "1990-01-01", []assess.Job{
		eeJob("31301", "2025-05-01", "2026-05-31", 30),
		eeJob("31301", "2025-09-01", "2025-10-30", 30, func(j *assess.Job) { j.Type = assess.Leave }),
	}, nil)
	f := flagOf(t, eeAssess(c), "healthcare")
	if f.Status != FlagNotMet || !near(f.Hours, 336*30.0/7) {
		t.Errorf("with 60 days of leave: %+v, want 1,440 h, not met", f)
	}
	c.Jobs = c.Jobs[:1]
	c.Studies = []assess.Study{{Start: assess.MustDate("2025-09-01"), End: assess.MustDate("2025-10-30"), FullTime: true, Ref: assess.Ref{Sheet: "Study", Row: 2}}}
	if f := flagOf(t, eeAssess(c), "healthcare"); f.Status != FlagNotMet || !near(f.Hours, 336*30.0/7) {
		t.Errorf("with 60 days of full-time study: %+v, want 1,440 h, not met", f)
	}
	c.Studies[0].FullTime = false
	if f := flagOf(t, eeAssess(c), "healthcare"); f.Status != FlagMet {
		t.Errorf("part-time study: %+v, want met", f)
	}
}

func TestCategoryFrenchAndDates(t *testing.T) {
	// TCF NCLC 7 in all four, valid on A: met.
	c := eeClient("2026-06-01", "1990-01-01", nil, []assess.Test{tcf("2025-01-10", 7, 7, 7, 7)})
	if f := flagOf(t, eeAssess(c), "french"); f.Status != FlagMet || f.From != c.ApplicationDate {
		t.Errorf("TCF NCLC 7: %+v", f)
	}
	// One ability at 6: not met.
	c.Tests = []assess.Test{tcf("2025-01-10", 7, 7, 6, 7)}
	if f := flagOf(t, eeAssess(c), "french"); f.Status != FlagNotMet {
		t.Errorf("TCF 7,7,6,7: %+v", f)
	}
	// A test taken after A counts from its date.
	c.Tests = []assess.Test{tcf("2026-07-15", 8, 8, 8, 8)}
	if f := flagOf(t, eeAssess(c), "french"); f.Status != FlagNotMet || f.From != assess.MustDate("2026-07-15") {
		t.Errorf("TCF after A: %+v", f)
	}
	// An English test never meets the French category.
	c.Tests = []assess.Test{celpip("2025-09-01", 10, 10, 10, 10)}
	if f := flagOf(t, eeAssess(c), "french"); f.Status != FlagNotMet {
		t.Errorf("CELPIP 10: %+v", f)
	}
	// Military is never assessed.
	if f := flagOf(t, eeAssess(c), "military"); f.Status != FlagNotAssessed {
		t.Errorf("military: %+v", f)
	}
	// Before 2026-02-18 no flag is assessed.
	c.ApplicationDate = assess.MustDate("2026-02-17")
	x := eeAssess(c)
	if len(x.Flags) != 10 {
		t.Fatalf("%d flags, want 10 (French and nine categories)", len(x.Flags))
	}
	for _, f := range x.Flags {
		if f.Status != FlagNotAssessed {
			t.Errorf("on 2026-02-17 %s is %s", f.ID, f.Status)
		}
	}
	if x.CategoryRules != "" {
		t.Errorf("category rules %q before they took effect", x.CategoryRules)
	}
}

// A met category is compared with its own latest round; a category with
// no round in the table says so.
func TestCategoryCutoffs(t *testing.T) {
	c := eeClient("2026-06-01", "1990-01-01", []assess.Job{eeJob("41200", "2024-01-01", "2026-05-31", 37.5)}, nil)
	x := eeAssess(c)
	if f := flagOf(t, x, "researchers"); f.Status != FlagMet {
		t.Fatalf("researchers %+v", f)
	}
	var texts []string
	for _, cmp := range x.Cutoffs {
		texts = append(texts, cmp.Text.String())
	}
	all := strings.Join(texts, "\n")
	mustContain(t, "cut-offs", all, "No Researchers with Canadian work experience round on or before 2026-06-01 in the table (cut-offs as of 2026-10-01).")
}

func TestDrawTable(t *testing.T) {
	d := BuiltinDraws()
	if err := d.Validate(BuiltinCategories().IDs()); err != nil {
		t.Fatal(err)
	}
	if len(d.Rounds) != 74 || d.Rounds[0].Number != 332 || d.Rounds[73].Number != 447 {
		t.Errorf("%d rounds, %d … %d", len(d.Rounds), d.Rounds[0].Number, d.Rounds[len(d.Rounds)-1].Number)
	}
	if r := d.Latest("cec", assess.MustDate("2026-09-29")); r == nil || r.Cutoff != 518 || r.Number != 446 {
		t.Errorf("latest CEC on 2026-09-29: %+v", r)
	}
	if r := d.Latest("cec", assess.MustDate("2026-09-28")); r == nil || r.Cutoff != 519 {
		t.Errorf("latest CEC on 2026-09-28: %+v", r)
	}
	if r := d.Latest("stem", assess.MustDate("2026-10-01")); r != nil {
		t.Errorf("a STEM round: %+v", r)
	}
	bad := BuiltinDraws()
	bad.Rounds[3].Type = "astronauts"
	bad.AsOf = assess.MustDate("2026-09-30")
	err := bad.Validate(BuiltinCategories().IDs())
	if err == nil || !strings.Contains(err.Error(), "draws.rounds[3].type") || !strings.Contains(err.Error(), "after draws.as_of") {
		t.Errorf("bad table: %v", err)
	}
	if err := BuiltinCategories().Validate(); err != nil {
		t.Errorf("built-in categories: %v", err)
	}
}

// A self-employed physician's work counts as in the CEC ledger: on every
// day, whatever its date, when the client is invited (ITA Date, else A) on
// or after the public policy's date, 2023-04-25; not at all before.
func TestCategoryPhysicianPolicyDate(t *testing.T) {
	// 2023-03-01 … 2024-03-10 is 376 days: 1,611.4 h, the 55 days before
	// 2023-04-25 included (the policy limits the invitations, not the work).
	emp := eeClient("2026-03-01", "1985-01-01", []assess.Job{eeJob("31100", "2023-03-01", "2024-03-10", 40)}, nil)
	if f := flagOf(t, eeAssess(emp), "physicians"); f.Status != FlagMet || !near(f.Hours, 376*30.0/7) {
		t.Errorf("employed physician: %+v", f)
	}
	selfEmployed := func(j *assess.Job) { j.Type = assess.SelfEmployed }
	self := eeClient("2026-03-01", "1985-01-01", []assess.Job{eeJob("31100", "2023-03-01", "2024-03-10", 40, selfEmployed)}, nil)
	x := eeAssess(self)
	if f := flagOf(t, x, "physicians"); f.Status != FlagMet || !near(f.Hours, 376*30.0/7) {
		t.Errorf("self-employed physician: %+v", f)
	}
	if !near(x.CanadianWorkHours, 376*30.0/7) || x.CanadianWorkYears != 1 {
		t.Errorf("self-employed physician's Canadian work: %v h, %d years", x.CanadianWorkHours, x.CanadianWorkYears)
	}
	// Invited on 2023-04-24, the day before the policy: the self-employment
	// does not count.
	self.ITADate = assess.MustDate("2023-04-24")
	if x := eeAssess(self); x.CanadianWorkHours != 0 {
		t.Errorf("physician invited before the policy: %v h", x.CanadianWorkHours)
	}
}

// Every occupation category of cbs-2026-02-18 at its 12-month boundary, on
// A = 2026-06-01 (window 2023-06-01 … 2026-05-31), with one of its NOC
// codes typed from the category list. An ongoing 40 h/week job (credited
// 30 h/week, 30/7 h a day) from 2025-06-02 has 364 days = 1,560.0 h on A:
// met from A. From 2025-06-03 it has 363 days = 1,555.7 h: not met, met
// from 2026-06-02 if the job continues. Abroad, the three "with Canadian
// work experience" categories count nothing; the others count it the same.
func TestCategoryEachAtTwelveMonths(t *testing.T) {
	cases := []struct {
		id, noc    string
		canadaOnly bool
	}{
		{"healthcare", "32101", false},
		{"stem", "21300", false},
		{"trades", "72106", false},
		{"education", "42202", false},
		{"transport", "72600", false},
		{"physicians", "31100", true},
		{"senior_managers", "00015", true},
		{"researchers", "41201", true},
	}
	A := assess.MustDate("2026-06-01")
	for _, c := range cases {
		for _, inCanada := range []bool{true, false} {
			where := map[bool]string{true: "in Canada", false: "abroad"}[inCanada]
			job := func(start string) assess.Job {
				j := eeJob(c.noc, start, "", 40)
				if !inCanada {
					abroad(&j)
				}
				return j
			}
			counts := inCanada || !c.canadaOnly
			f := flagOf(t, eeAssess(eeClient(A.String(), "1990-01-01", []assess.Job{job("2025-06-02")}, nil)), c.id)
			if counts && (f.Status != FlagMet || f.From != A || f.NOC != c.noc || !near(f.Hours, 1560)) {
				t.Errorf("%s %s, 364 days: %+v; want met from %s, NOC %s, 1,560 h", c.id, where, f, A, c.noc)
			}
			if !counts && (f.Status != FlagNotMet || f.From != 0) {
				t.Errorf("%s %s: %+v; want not met, never (Canada only)", c.id, where, f)
			}
			f = flagOf(t, eeAssess(eeClient(A.String(), "1990-01-01", []assess.Job{job("2025-06-03")}, nil)), c.id)
			if counts && (f.Status != FlagNotMet || f.From != assess.MustDate("2026-06-02") || !near(f.Hours, 363*30.0/7)) {
				t.Errorf("%s %s, 363 days: %+v; want not met, from 2026-06-02, 1,555.7 h", c.id, where, f)
			}
		}
	}
	// Military recruits: never assessed, even with a listed code.
	if f := flagOf(t, eeAssess(eeClient(A.String(), "1990-01-01", []assess.Job{eeJob("40042", "2020-01-01", "", 40)}, nil)), "military"); f.Status != FlagNotAssessed {
		t.Errorf("military: %+v, want not_assessed", f)
	}
	// Before 2026-02-18 no flag is assessed.
	if f := flagOf(t, eeAssess(eeClient("2026-02-17", "1990-01-01", []assess.Job{eeJob("32101", "2023-01-02", "", 40)}, nil)), "healthcare"); f.Status != FlagNotAssessed {
		t.Errorf("on 2026-02-17: %+v, want not_assessed", f)
	}
}
