package assess

import (
	"slices"
	"strings"
	"testing"
)

// Table tests of the work, status and language rules at their boundaries:
// permits and status, leave, the L-MIXED readings, NOC 2016 codes, work
// authorizations and physicians.

// TestPermitExpiry: the permit's last day is authorized, the day after is
// not (W-AUTH), unless the row or the client is on maintained status; the
// days without authorization raise A-UNAUTH, inside the window or not.
func TestPermitExpiry(t *testing.T) {
	for _, c := range []struct {
		name     string
		expiry   string
		auth     Authorization
		status   Status
		excluded string // first excluded day, "" for none
		days     int    // days of the job counted in the window
		unauth   string // the A-UNAUTH span, "" for none
	}{
		{"expires on the job's last day", "2024-12-31", AuthOpenPermit, StatusWorker, "", 731, ""},
		{"expires the day before the last day", "2024-12-30", AuthOpenPermit, StatusWorker, "2024-12-31", 730, "2024-12-31 to 2024-12-31 (1 days)"},
		{"expires mid-job", "2024-06-30", AuthEmployerSpecific, StatusWorker, "2024-07-01", 547, "2024-07-01 to 2024-12-31 (184 days)"},
		{"expired before the job", "2021-06-30", AuthPGWP, StatusWorker, "2023-01-01", 0, "2023-01-01 to 2024-12-31 (731 days)"},
		{"row on maintained status", "2024-06-30", AuthMaintained, StatusWorker, "", 731, ""},
		{"client on maintained status", "2024-06-30", AuthOpenPermit, StatusMaintained, "", 731, ""},
		{"blank authorization, expired permit", "2024-06-30", AuthUnknown, StatusWorker, "2024-07-01", 547, "2024-07-01 to 2024-12-31 (184 days)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := job("Acme", "21231", "2023-01-01", "2024-12-31", 30, func(j *Job) { j.Authorization, j.PermitExpiry = c.auth, day(c.expiry) })
			cl := newClient("2025-01-01", []Job{j}, []Test{clb("2024-06-01", 9)})
			cl.Status = c.status
			a := rules.Assess(cl, 0)
			if !near(a.QualifyingHours, float64(c.days)*fullTime) {
				t.Errorf("hours %v, want %d days", a.QualifyingHours, c.days)
			}
			var auth []Exclusion
			for _, x := range a.Jobs[0].Exclusions {
				if x.Code == RuleAuth {
					auth = append(auth, x)
				}
			}
			if c.excluded == "" && len(auth) != 0 || c.excluded != "" && (len(auth) != 1 || auth[0].From != day(c.excluded) || auth[0].To != day("2024-12-31")) {
				t.Errorf("W-AUTH exclusions %+v, want from %s", auth, c.excluded)
			}
			un := findings(a, RuleUnauth, KindConcern)
			if c.unauth == "" {
				if len(un) != 0 {
					t.Errorf("A-UNAUTH %+v", un)
				}
				return
			}
			if len(un) != 1 || !strings.Contains(un[0].Text.String(), c.unauth) || un[0].Cell != "Employment!L2" {
				t.Fatalf("A-UNAUTH %+v, want %s", un, c.unauth)
			}
			if a.Requirements[3].Outcome != Concern || a.Verdict == Eligible {
				t.Errorf("admissibility %s verdict %s", a.Requirements[3].Outcome, a.Verdict)
			}
		})
	}
}

// TestStatusExpiryAndMaintained: days after a status expiry before A are
// unauthorized unless the client or the row is on maintained status.
func TestStatusExpiryAndMaintained(t *testing.T) {
	for _, c := range []struct {
		name   string
		status Status
		auth   Authorization
		expiry string
		days   int
		unauth bool
		sConc  bool // S-STATUS concern
	}{
		{"worker, expired mid-job", StatusWorker, AuthOpenPermit, "2024-06-30", 547, true, true},
		{"worker, expired on A-1: no day of work after it", StatusWorker, AuthOpenPermit, "2024-12-31", 731, false, true},
		{"worker, expires on A", StatusWorker, AuthOpenPermit, "2025-01-01", 731, false, false},
		{"visitor, expired mid-job", StatusVisitor, AuthOpenPermit, "2024-06-30", 547, true, true},
		{"client maintained", StatusMaintained, AuthOpenPermit, "2024-06-30", 731, false, false},
		{"row maintained", StatusWorker, AuthMaintained, "2024-06-30", 731, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := job("Acme", "21231", "2023-01-01", "", 30, func(j *Job) { j.Authorization = c.auth })
			cl := newClient("2025-01-01", []Job{j}, []Test{clb("2024-06-01", 9)})
			cl.Status, cl.StatusExpiry = c.status, day(c.expiry)
			a := rules.Assess(cl, 0)
			if !near(a.QualifyingHours, float64(c.days)*fullTime) {
				t.Errorf("hours %v, want %d days", a.QualifyingHours, c.days)
			}
			if got := len(findings(a, RuleUnauth, KindConcern)) > 0; got != c.unauth {
				t.Errorf("A-UNAUTH %v\n%s", got, dump(a))
			}
			if got := len(findings(a, RuleStatus, KindConcern)) > 0; got != c.sConc {
				t.Errorf("S-STATUS %v\n%s", got, dump(a))
			}
		})
	}
}

// TestUnauthorizedWorkVerdict: A-UNAUTH makes an otherwise eligible client
// needs_review; a client who fails stays not_eligible with it listed; work
// abroad needs no Canadian authorization.
func TestUnauthorizedWorkVerdict(t *testing.T) {
	good := job("Acme", "21231", "2022-01-01", "", 30)
	old := job("Cash Job", "62200", "2016-01-01", "2016-06-30", 20, func(j *Job) { j.Authorization = AuthNone })
	abroad := job("Paris SARL", "62200", "2016-01-01", "2016-06-30", 20, func(j *Job) {
		j.Authorization, j.Location, j.InCanada = AuthNone, "France", false
	})
	for _, c := range []struct {
		name    string
		jobs    []Job
		level   int
		verdict Verdict
		unauth  int
	}{
		{"eligible but for old unauthorized work", []Job{good, old}, 9, NeedsReview, 1},
		{"failing language stays not eligible", []Job{good, old}, 4, NotEligible, 1},
		{"work abroad raises nothing", []Job{good, abroad}, 9, Eligible, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2025-01-01", c.jobs, []Test{clb("2024-06-01", c.level)}), 0)
			if a.Verdict != c.verdict || len(findings(a, RuleUnauth, KindConcern)) != c.unauth {
				t.Errorf("verdict %s\n%s", a.Verdict, dump(a))
			}
			if c.unauth > 0 {
				f := mustFind(t, a, RuleUnauth, KindConcern)
				if f.Cell != "Employment!K3" || f.Job != 1 || !strings.Contains(f.Text.String(), "2016-01-01 to 2016-06-30 (182 days)") {
					t.Errorf("A-UNAUTH %+v", f)
				}
			}
		})
	}
}

// TestLeave: a leave row takes its days out of every job at the same
// employer (case, spaces and accents aside) and counts for nothing.
func TestLeave(t *testing.T) {
	leave := func(employer, start, end string) Job {
		return Job{Employer: employer, TEER: -1, Start: day(start), End: day(end), Type: Leave}
	}
	for _, c := range []struct {
		name  string
		jobs  []Job
		days  [2]int // days counted of jobs 0 and 1
		from  string // the leave's exclusion on job 0
		to    string
		notes int
	}{
		{"leave in the middle of a job", []Job{
			job("Café Soleil", "21231", "2023-01-01", "2023-12-31", 30),
			job("Other Co", "21232", "2024-01-01", "2024-06-30", 20),
			leave("  CAFE   soleil ", "2023-03-01", "2023-04-30")},
			[2]int{304, 182}, "2023-03-01", "2023-04-30", 1},
		{"leave over the job's end", []Job{
			job("Acme", "21231", "2023-01-01", "2023-12-31", 30),
			job("Other Co", "21232", "2024-01-01", "2024-06-30", 20),
			leave("acme", "2023-12-01", "")},
			[2]int{334, 182}, "2023-12-01", "2023-12-31", 1},
		{"leave at another employer changes nothing", []Job{
			job("Acme", "21231", "2023-01-01", "2023-12-31", 30),
			job("Other Co", "21232", "2024-01-01", "2024-06-30", 20),
			leave("Acme Two", "2023-03-01", "2023-04-30")},
			[2]int{365, 182}, "", "", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2025-01-01", c.jobs, []Test{clb("2024-06-01", 9)}), 0)
			if data := findings(a, CodeData, ""); len(data) != 0 {
				t.Fatalf("a leave row with no NOC or hours is not a data problem:\n%s", dump(a))
			}
			want := float64(c.days[0])*fullTime + float64(c.days[1])*20/7
			if !near(a.QualifyingHours, want) {
				t.Errorf("hours %v, want %v", a.QualifyingHours, want)
			}
			if lr := a.Jobs[2]; lr.Status != JobLeave || lr.Credited != 0 {
				t.Errorf("leave row %+v", lr)
			}
			ex := a.Jobs[0].Exclusions
			if c.from == "" {
				if len(ex) != 0 {
					t.Errorf("exclusions %+v", ex)
				}
			} else if len(ex) != 1 || ex[0].Code != RuleLeave || ex[0].From != day(c.from) || ex[0].To != day(c.to) || a.Jobs[0].Status != JobPartly {
				t.Errorf("exclusions %+v status %s", ex, a.Jobs[0].Status)
			}
			if len(a.Jobs[1].Exclusions) != 0 {
				t.Errorf("the other employer's job lost days: %+v", a.Jobs[1].Exclusions)
			}
			if n := len(findings(a, RuleLeave, KindNote)); n != c.notes {
				t.Errorf("%d leave notes", n)
			}
		})
	}
}

// TestMixedReadings: each L-MIXED reading deciding alone. Window
// 2021-06-01 to 2024-05-31; jobs at 30 h/week one after the other, so a
// job of d days has d × 30/7 hours.
func TestMixedReadings(t *testing.T) {
	seq := func(parts ...any) []Job {
		start := day("2021-06-01")
		var jobs []Job
		for i := 0; i < len(parts); i += 2 {
			d := parts[i+1].(int)
			jobs = append(jobs, Job{Employer: "E" + parts[i].(string), NOC: parts[i].(string), TEER: -1, Start: start, End: start + Date(d-1),
				HoursPerWeek: 30, InCanada: true, Type: Employee, Authorization: AuthOpenPermit})
			start += Date(d)
		}
		return jobs
	}
	for _, c := range []struct {
		name    string
		jobs    []Job
		level   int
		reqs    [3]int
		verdict Verdict
	}{
		// A TEER 2 job of 1,041 h and two TEER 1 jobs.
		{"(b) occupation alone passes", seq("62200", 243, "21231", 140, "21232", 140), 6, [3]int{7, 5, 7}, NeedsReview},
		{"(c) qualifying experience alone passes", seq("21231", 600, "62200", 496), 6, [3]int{7, 7, 5}, NeedsReview},
		{"(a) group alone fails", seq("62200", 400, "21231", 210, "21232", 210), 6, [3]int{7, 5, 5}, NeedsReview},
		{"(b) occupation alone fails", seq("21231", 233, "62200", 163, "72010", 163), 6, [3]int{5, 7, 5}, NeedsReview},
		{"all pass", seq("62200", 243, "21231", 140, "21232", 140), 7, [3]int{7, 5, 7}, Eligible},
		{"all fail", seq("21231", 700, "62200", 300), 6, [3]int{7, 7, 7}, NotEligible},
		{"all fail below CLB 5", seq("62200", 243, "21231", 140, "21232", 140), 4, [3]int{7, 5, 7}, NotEligible},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2024-06-01", c.jobs, []Test{clb("2024-01-15", c.level)}), 0)
			if a.Verdict != c.verdict || len(a.Readings) != 3 {
				t.Fatalf("verdict %s, %d readings; want %s\n%s", a.Verdict, len(a.Readings), c.verdict, dump(a))
			}
			for i, r := range a.Readings {
				if r.RequiredCLB != c.reqs[i] || r.Pass != (c.level >= c.reqs[i]) || r.Basis.String() == "" || r.Key != rules.Readings[i].Key {
					t.Errorf("reading %d: %+v, want CLB %d", i, r, c.reqs[i])
				}
			}
			if a.RequiredCLB != c.reqs[0] {
				t.Errorf("required_clb %d is not reading (a)'s %d", a.RequiredCLB, c.reqs[0])
			}
			concern := len(findings(a, RuleMixed, KindConcern)) > 0
			if concern != (c.verdict == NeedsReview) || (concern && a.Requirements[1].Outcome != Concern) {
				t.Errorf("L-MIXED concern %v, language %s\n%s", concern, a.Requirements[1].Outcome, dump(a))
			}
			if c.verdict == NotEligible {
				f := mustFind(t, a, RuleThresh, KindFailure)
				if !strings.Contains(f.Text.String(), "CLB "+string(rune('0'+c.level))+" (all four abilities)") {
					t.Errorf("L-THRESH %q", f.Text)
				}
			}
		})
	}
	// One group only: no readings.
	a := rules.Assess(newClient("2024-06-01", seq("21231", 600), []Test{clb("2024-01-15", 7)}), 0)
	if a.Readings != nil {
		t.Errorf("readings for one group: %+v", a.Readings)
	}
}

// TestNOC2016Concordance: a NOC 2016 code is read through Statistics
// Canada's concordance: as the one TEER group its linked codes lie in, with
// a note; a code whose links span groups is a data error naming them,
// never "TEER 4, not counted" when a linked code is TEER 0–3.
func TestNOC2016Concordance(t *testing.T) {
	for _, c := range []struct {
		code   string
		teer   int
		status JobStatus
		data   string // text of the data finding, "" for none
	}{
		{"0111", 0, JobCounted, ""},
		{"2173", 1, JobCounted, ""},
		{"3012", 1, JobCounted, ""}, // registered nurses → 31301
		{"4011", 1, JobCounted, ""}, // university professors → 41200
		{"6211", 2, JobCounted, ""},
		{"7511", 3, JobCounted, ""},          // skill level C, but 73300 is TEER 3
		{"6421", 4, JobExcluded, ""},         // → 64100, TEER 4: W-SKILL
		{"6611", 5, JobExcluded, ""},         // → 65100, TEER 5: W-SKILL
		{"1215", -1, JobUnreadable, "12013"}, // → TEER 2, 3 and 4
	} {
		t.Run(c.code, func(t *testing.T) {
			a := rules.Assess(newClient("2025-01-01", []Job{job("Acme", c.code, "2023-01-01", "2024-06-30", 30)}, []Test{clb("2024-06-01", 9)}), 0)
			jr := a.Jobs[0]
			if jr.TEER != c.teer || jr.Status != c.status {
				t.Errorf("job %+v", jr)
			}
			if c.data == "" {
				want := Eligible
				if c.status == JobExcluded {
					want = NotEligible
					mustFind(t, a, RuleSkill, KindExclusion)
				}
				if n := mustFind(t, a, RuleNOC2016, KindNote); a.Verdict != want || !strings.Contains(n.Text.String(), "concordance") {
					t.Errorf("verdict %s\n%s", a.Verdict, dump(a))
				}
				return
			}
			f := mustFind(t, a, CodeData, KindData)
			if f.Cell != "Employment!D2" || !strings.Contains(f.Text.String(), c.data) || !strings.Contains(f.Text.String(), "NOC 2021 code") {
				t.Errorf("data %+v", f)
			}
			if a.Verdict != NeedsReview || a.Requirements[0].Outcome != NotAssessed || len(findings(a, RuleSkill, "")) != 0 {
				t.Errorf("verdict %s work %s\n%s", a.Verdict, a.Requirements[0].Outcome, dump(a))
			}
		})
	}
}

// TestAuthVerify: a blank authorization is a concern exactly when the
// verdict or the CLB required would differ without it, or the client is a
// visitor or has no status.
func TestAuthVerify(t *testing.T) {
	blank := func(j *Job) { j.Authorization = AuthUnknown }
	for _, c := range []struct {
		name    string
		jobs    []Job
		status  Status
		kind    Kind
		verdict Verdict
	}{
		{"decides nothing: a note", []Job{
			job("Acme", "21231", "2022-01-01", "2023-06-30", 30),
			job("Beta", "21232", "2023-07-01", "2023-12-31", 30, blank)}, StatusWorker, KindNote, Eligible},
		{"needed for the hours: a concern", []Job{
			job("Acme", "21231", "2023-01-01", "2023-06-30", 30),
			job("Beta", "21232", "2023-07-01", "2023-12-31", 30, blank)}, StatusWorker, KindConcern, NeedsReview},
		{"changes the CLB required and so the outcome: a concern", []Job{
			job("Acme", "62200", "2022-01-01", "2023-06-30", 30),
			job("Beta", "21232", "2023-07-01", "2024-12-31", 30, blank)}, StatusWorker, KindConcern, NeedsReview},
		{"changes the CLB required but not the outcome: a note", []Job{
			job("Acme", "62200", "2022-01-01", "2023-06-30", 30),
			job("Beta", "21232", "2023-07-01", "2024-12-31", 30, blank)}, StatusWorker, KindNote, Eligible},
		{"a visitor: a concern", []Job{
			job("Acme", "21231", "2022-01-01", "2023-06-30", 30),
			job("Beta", "21232", "2023-07-01", "2023-12-31", 30, blank)}, StatusVisitor, KindConcern, NeedsReview},
	} {
		t.Run(c.name, func(t *testing.T) {
			// CLB 6: with Beta the readings of L-MIXED disagree, without it
			// the TEER 2 work alone needs CLB 5; CLB 9 passes either way.
			level := 9
			if strings.Contains(c.name, "so the outcome") {
				level = 6
			}
			cl := newClient("2025-01-01", c.jobs, []Test{clb("2024-06-01", level)})
			cl.Status = c.status
			a := rules.Assess(cl, 0)
			fs := findings(a, RuleAuthVerify, "")
			if len(fs) != 1 || fs[0].Kind != c.kind || fs[0].Cell != "Employment!K3" || fs[0].Job != 1 {
				t.Errorf("W-AUTH-VERIFY %+v", fs)
			}
			if a.Verdict != c.verdict {
				t.Errorf("verdict %s\n%s", a.Verdict, dump(a))
			}
		})
	}
}

// TestWorkAuthorizations: R186(w) counts; a study permit never does and
// says how to record R186(w); a refugee claimant's permit does not count
// (W-STATUS) but is no unauthorized work.
func TestWorkAuthorizations(t *testing.T) {
	for _, c := range []struct {
		auth    Authorization
		status  JobStatus
		code    string
		verdict Verdict
		text    string
	}{
		// Unresolved R186(w) days are counted, and a concern always.
		{AuthR186w, JobCounted, "", NeedsReview, ""},
		// With no study row, a study permit's days are outside full-time
		// study: not counted, and a doubt that decides here.
		{AuthStudyPermit, JobExcluded, RuleStudent, NeedsReview, "write R186(w)"},
		{AuthRefugee, JobExcluded, RuleWorkStatus, NotEligible, "refugee claimant"},
	} {
		t.Run(string(c.auth), func(t *testing.T) {
			j := job("Acme", "21231", "2023-01-01", "2024-12-31", 30, func(j *Job) { j.Authorization = c.auth })
			a := rules.Assess(newClient("2025-01-01", []Job{j}, []Test{clb("2024-06-01", 9)}), 0)
			if a.Jobs[0].Status != c.status || a.Verdict != c.verdict || len(findings(a, RuleUnauth, "")) != 0 {
				t.Errorf("job %+v verdict %s\n%s", a.Jobs[0], a.Verdict, dump(a))
			}
			if c.code != "" {
				if f := mustFind(t, a, c.code, KindExclusion); !strings.Contains(f.Text.String(), c.text) || f.Cell != "Employment!K2" {
					t.Errorf("exclusion %+v", f)
				}
			}
		})
	}
	// A refugee claimant's status is an S-STATUS concern that warns about
	// work after the claim.
	cl := newClient("2025-01-01", []Job{job("Acme", "21231", "2023-01-01", "2024-12-31", 30)}, []Test{clb("2024-06-01", 9)})
	cl.Status = StatusRefugee
	a := rules.Assess(cl, 0)
	if f := mustFind(t, a, RuleStatus, KindConcern); !strings.Contains(f.Text.String(), "after the claim") || a.Verdict != NeedsReview {
		t.Errorf("S-STATUS %+v verdict %s", f, a.Verdict)
	}
	if a.Requirements[3].Outcome != Concern || rules.Citations[RuleStatus].String() != "IRPA s. 29(2), s. 47; IRPR 183, 186(u)" {
		t.Errorf("admissibility %+v", a.Requirements[3])
	}
}

// TestPhysicians: a self-employed physician's work (NOC 31100–31102)
// counts on every day, whatever its date, when the client is invited (ITA
// Date, else A) on or after 2023-04-25, with W-PHYS always a concern; an
// invitation before that date leaves it self-employment (W-SELF). Other
// self-employment never counts.
func TestPhysicians(t *testing.T) {
	self := func(j *Job) { j.Type = SelfEmployed }
	for _, c := range []struct {
		name    string
		noc     string
		start   string
		ita     string
		concern bool // W-PHYS
		self    bool // excluded by W-SELF
		verdict Verdict
	}{
		{"family physician from the policy's first day", "31102", "2023-04-25", "", true, false, NeedsReview},
		{"specialist from the day before the policy: that day counts too", "31100", "2023-04-24", "", true, false, NeedsReview},
		{"general practitioner from 2022", "31101", "2022-01-03", "", true, false, NeedsReview},
		{"invited on the policy's first day", "31102", "2023-01-02", "2023-04-25", true, false, NeedsReview},
		{"invited the day before the policy", "31102", "2023-01-02", "2023-04-24", false, true, NotEligible},
		{"dentist is not in the list", "31110", "2023-06-01", "", false, true, NotEligible},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := job("Dr Practice", c.noc, c.start, "2024-12-31", 30, self)
			cl := newClient("2025-01-01", []Job{j}, []Test{clb("2024-06-01", 9)})
			cl.ITADate = day(c.ita)
			a := rules.Assess(cl, 0)
			days := 0
			if !c.self {
				days = int(day("2024-12-31")-max(day(c.start), day("2022-01-01"))) + 1
			}
			if !near(a.QualifyingHours, float64(days)*fullTime) {
				t.Errorf("hours %v, want %d days", a.QualifyingHours, days)
			}
			if got := len(findings(a, RuleSelf, KindExclusion)) == 1; got != c.self {
				t.Errorf("W-SELF %v\n%s", got, dump(a))
			}
			if got := len(findings(a, RulePhysician, KindConcern)) == 1; got != c.concern {
				t.Errorf("W-PHYS %v\n%s", got, dump(a))
			}
			if a.Verdict != c.verdict {
				t.Errorf("verdict %s, want %s", a.Verdict, c.verdict)
			}
		})
	}
	// A physician applying in 2025 with work from 2022: the days before the
	// policy count (2022-06-01 to 2023-10-31 in the window, 518 days), and
	// W-PHYS shows the outcome both ways.
	cl := newClient("2025-06-01", []Job{job("Dr Practice", "31102", "2022-03-01", "2023-10-31", 30, self)}, []Test{clb("2024-06-01", 9)})
	a := rules.Assess(cl, 0)
	f := mustFind(t, a, RulePhysician, KindConcern)
	if a.Verdict != NeedsReview || !near(a.QualifyingHours, 518*fullTime) ||
		!strings.Contains(f.Text.String(), "days before 2023-04-25 count too") || !strings.Contains(f.Text.String(), "not counted: the objective requirements are not met (0.0 h)") {
		t.Errorf("physician from 2022: %s %v\n%s", a.Verdict, a.QualifyingHours, dump(a))
	}
	// An employed physician is ordinary work.
	a = rules.Assess(newClient("2025-01-01", []Job{job("Hospital", "31100", "2023-01-01", "2024-12-31", 30)}, []Test{clb("2024-06-01", 9)}), 0)
	if a.Verdict != Eligible || len(findings(a, RulePhysician, "")) != 0 {
		t.Errorf("employed physician: %s\n%s", a.Verdict, dump(a))
	}
}

// TestNotAssessed: rows that could not be read leave the requirements
// they could change not assessed, never "not met", and never a request to
// book a test because a test's name was misspelt.
func TestNotAssessed(t *testing.T) {
	bad := Problem{Cell: "Employment!G3", Message: Untranslated("The end date \"31/02/2024\" is not a date.")}
	misspelt := Test{Name: "IELTS Genral", Date: day("2024-06-01"), Scores: [4]Score{{Value: 8}, {Value: 8}, {Value: 8}, {Value: 8}}}
	for _, c := range []struct {
		name     string
		jobs     []Job
		tests    []Test
		problems []Problem
		outcomes [4]Outcome
		noFail   string // a failure code that must not be there
	}{
		{"short hours and an unreadable job", []Job{
			job("Acme", "21231", "2024-01-01", "2024-06-30", 30),
			job("Beta", "21232", "2022-01-01", "2023-12-31", 30)}, []Test{clb("2024-06-01", 9)},
			[]Problem{bad}, [4]Outcome{NotAssessed, Met, Met, NotAssessed}, RuleHours},
		{"hours met despite an unreadable job", []Job{
			job("Acme", "21231", "2022-01-01", "2024-06-30", 30),
			job("Beta", "21232", "2022-01-01", "2023-12-31", 30)}, []Test{clb("2024-06-01", 9)},
			[]Problem{bad}, [4]Outcome{Met, Met, Met, NotAssessed}, ""},
		{"a misspelt test name", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{misspelt},
			nil, [4]Outcome{Met, NotAssessed, Met, NoConcernRecorded}, RuleTest},
		{"CLB 5 with an unreadable job that could need CLB 7", []Job{
			job("Acme", "62200", "2022-01-01", "2024-06-30", 30),
			job("Beta", "21232", "2022-01-01", "2023-12-31", 30)}, []Test{clb("2024-06-01", 5)},
			[]Problem{bad}, [4]Outcome{Met, NotAssessed, Met, NotAssessed}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient("2025-01-01", c.jobs, c.tests)
			cl.Problems = c.problems
			a := rules.Assess(cl, 0)
			for i, r := range a.Requirements {
				if r.Outcome != c.outcomes[i] {
					t.Errorf("%s: %s (%s), want %s", r.Key, r.Outcome, r.Finding, c.outcomes[i])
				}
				if r.Outcome == NotAssessed && !strings.HasPrefix(r.Finding.String(), "Not assessed until the data is fixed") {
					t.Errorf("%s finding %q", r.Key, r.Finding)
				}
			}
			if c.noFail != "" && len(findings(a, c.noFail, KindFailure)) != 0 {
				t.Errorf("a %s failure from a data problem\n%s", c.noFail, dump(a))
			}
			if a.Verdict != NeedsReview {
				t.Errorf("verdict %s", a.Verdict)
			}
		})
	}
	// An unreadable study row could hold days of full-time study: hours
	// that are met are then not assessed either.
	cl := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{clb("2024-06-01", 9)}, study("2023-01-01", "2023-06-30", true))
	cl.Problems = []Problem{{Cell: "Study!F2", Message: Untranslated("The Full-Time value \"maybe\" is not yes or no.")}}
	if a := rules.Assess(cl, 0); a.Requirements[0].Outcome != NotAssessed || !strings.Contains(a.Requirements[0].Finding.String(), "1 study row could not be read (Study!F2)") {
		t.Errorf("work %+v", a.Requirements[0])
	}
	cl = newClient("2025-01-01", []Job{job("Acme", "21231", "2024-01-01", "2024-06-30", 30), job("Beta", "21232", "2022-01-01", "", 30)}, nil)
	cl.Problems = []Problem{bad, {Cell: "Employment!H2", Message: Untranslated("The hours \"forty\" are not a number.")}}
	a := rules.Assess(cl, 0)
	if want := "2 job rows could not be read (Employment!H2, G3)"; !strings.Contains(a.Requirements[0].Finding.String(), want) {
		t.Errorf("work finding %q, want %q", a.Requirements[0].Finding, want)
	}
}

// TestHoursUntil: the last day the hours requirement holds under the
// projection.
func TestHoursUntil(t *testing.T) {
	for _, c := range []struct {
		name  string
		jobs  []Job
		until string
	}{
		{"ended job slides out", []Job{job("Acme", "21231", "2021-01-01", "2022-06-30", 30)}, "2024-07-02"},
		{"ongoing job holds to the horizon", []Job{job("Acme", "21231", "2021-01-01", "", 30)}, "2026-01-01"},
		{"short on A", []Job{job("Acme", "21231", "2022-06-01", "", 30)}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient("2023-01-01", c.jobs, nil)
			a := rules.Assess(cl, 0)
			if a.HoursUntil != day(c.until) {
				t.Fatalf("hours until %s, want %s", a.HoursUntil, c.until)
			}
			if a.HoursUntil != 0 && a.HoursUntil < a.AssessedOn.AddYears(rules.ProjectionYears) {
				for d, want := range map[Date]bool{a.HoursUntil: true, a.HoursUntil + 1: false} {
					if met := hoursMet(cl, d); met != want {
						t.Errorf("on %s hours met %v", d, met)
					}
				}
			}
		})
	}
}

// TestFrenchLevelsAndMaxima: TEF at its maxima is NCLC 10, whatever the
// test date, and levels from TEF and TCF are written NCLC.
func TestFrenchLevelsAndMaxima(t *testing.T) {
	for _, date := range []string{"2023-12-10", "2024-06-01"} {
		tef := Test{Name: "TEF Canada", Date: day(date), Scores: [4]Score{{Value: 360}, {Value: 300}, {Value: 450}, {Value: 450}}}
		a := rules.Assess(newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{tef}), 0)
		if a.LanguageCLB != 10 || a.Verdict != Eligible || !strings.Contains(a.Requirements[1].Finding.String(), "NCLC 10") {
			t.Errorf("%s: level %d verdict %s finding %q", date, a.LanguageCLB, a.Verdict, a.Requirements[1].Finding)
		}
	}
	// The failure names the lowest ability.
	tcf := Test{Name: "TCF", Date: day("2024-06-01"), Scores: [4]Score{{Value: 549}, {Value: 549}, {Value: 6}, {Value: 16}}}
	a := rules.Assess(newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{tcf}), 0)
	if f := mustFind(t, a, RuleThresh, KindFailure); !strings.Contains(f.Text.String(), "NCLC 5 (writing)") {
		t.Errorf("L-THRESH %q", f.Text)
	}
}

// TestRuleBook: every rule id is in the rule book with its condition and
// citation, in one rule set.
func TestRuleBook(t *testing.T) {
	rs := Current()
	ids := []string{RuleSkill, RuleCanada, RulePaid, RuleSelf, RuleAuth, RuleStudent, RuleHours, RuleNOC2016, RuleTest,
		RuleValid, RuleLevel, RuleThresh, RuleMixed, RuleProvince, RuleAdmiss, RuleStatus,
		RuleWorkStatus, RuleLeave, RulePhysician, RuleUnauth, RuleAuthVerify,
		RuleMaintVerify, RuleR186wVerify, RuleBreak, RuleStudyVerify, RuleHoursVerify, RulePlaceVerify,
		RulePermitConflict, RuleStudyHours, RuleRuleSet}
	for _, id := range ids {
		if !slices.Contains(rs.RuleIDs, id) || rs.Conditions[id] == "" || rs.Citations[id].String() == "" {
			t.Errorf("%s: in book %v, condition %q, citation %q", id, slices.Contains(rs.RuleIDs, id), rs.Conditions[id], rs.Citations[id])
		}
	}
	// The doubt table has one row per doubt of the model, in its order,
	// and the favourable doubts are those of the combined scenario.
	if len(rs.Doubts) != len(doubtCodes) {
		t.Errorf("%d doubts in the table, %d in the model", len(rs.Doubts), len(doubtCodes))
	}
	for k, d := range rs.Doubts {
		if k < len(doubtCodes) && (d.ID != doubtCodes[k].code || d.FavoursClient != (doubtCodes[k].bit&favourable != 0)) {
			t.Errorf("doubt %d: %+v, the model has %s", k, d, doubtCodes[k].code)
		}
		if d.Doubt.String() == "" || d.Default == "" || d.Alternative == "" || d.Always == "" {
			t.Errorf("doubt %s: %+v", d.ID, d)
		}
	}
	if len(rs.RuleIDs) != len(ids) || len(rs.Readings) != 3 || len(rs.VerdictOrder) != 5 {
		t.Errorf("%d rule ids, %d readings, %d verdict steps", len(rs.RuleIDs), len(rs.Readings), len(rs.VerdictOrder))
	}
	if rs.AcceptedTestsText.String() != "IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada" ||
		rs.WarningDays != 180 || rs.ProfileMonths != 12 || rs.ITADays != 60 || rs.MaxWeeklyHours != 168 ||
		len(rs.ProvinceNames) != len(rs.Provinces) || !slices.Equal(rs.PhysicianNOCs, []string{"31100", "31101", "31102"}) {
		t.Errorf("rule set: %+v", rs)
	}
	for _, text := range rs.Conditions {
		if strings.Contains(text, "PEQ") || strings.Contains(text, "Programme") {
			t.Errorf("a provincial program is named: %s", text)
		}
	}
}

// TestStudyDatesChecked: ingest reads dates, the engine judges them. A study
// period that ends before it starts is a data problem on its End Date cell
// whether it was full-time (its days could take hours away) or part-time
// (the Full-Time answer may be the mistake); only the full-time one leaves
// the hours not assessed.
func TestStudyDatesChecked(t *testing.T) {
	for _, fullTime := range []bool{true, false} {
		cl := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{clb("2024-06-01", 9)},
			study("2023-06-30", "2023-01-01", fullTime))
		a := rules.Assess(cl, 0)
		var cells []string
		for _, f := range findings(a, CodeData, KindData) {
			cells = append(cells, f.Cell)
		}
		if len(cells) != 1 || cells[0] != "Study!E2" {
			t.Errorf("full-time %v: data findings on %v, want Study!E2\n%s", fullTime, cells, dump(a))
		}
		if a.Verdict != NeedsReview {
			t.Errorf("full-time %v: verdict %s", fullTime, a.Verdict)
		}
		if got, want := a.Requirements[0].Outcome == NotAssessed, fullTime; got != want {
			t.Errorf("full-time %v: work outcome %s", fullTime, a.Requirements[0].Outcome)
		}
	}
}

// TestFrenchRequiredLevelInNCLC: with a French test, the level required is
// written NCLC too, in the facts, the finding and the failure; a lawyer
// reading "NCLC 8 meets the CLB 7 required" sees two scales for one test.
func TestFrenchRequiredLevelInNCLC(t *testing.T) {
	tcf := func(w float64) Test {
		return Test{Name: "TCF", Date: day("2024-06-01"), Scores: [4]Score{{Value: 549}, {Value: 549}, {Value: w}, {Value: 16}}}
	}
	for _, c := range []struct {
		name  string
		score float64
		want  []string
	}{
		{"met", 12, []string{"needs NCLC 7", "meets the NCLC 7 required"}},
		{"not met", 6, []string{"needs NCLC 7", "below the NCLC 7 required"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30)}, []Test{tcf(c.score)}), 0)
			l := a.Requirements[1]
			text := l.Facts.String() + " " + l.Finding.String()
			for _, f := range a.Findings {
				text += " " + f.Text.String()
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("no %q in\n%s", w, text)
				}
			}
			if strings.Contains(text, "CLB 7") && !strings.Contains(text, "NCLC 7") {
				t.Errorf("the required level is written CLB for a French test:\n%s", text)
			}
			if strings.Contains(strings.ReplaceAll(text, "NCLC", ""), "CLB") {
				t.Errorf("CLB written for a French test:\n%s", text)
			}
		})
	}
}

// TestMixedFactsNameTheReading: with experience in both TEER groups the
// language facts do not state reading (a)'s level as what "the counted work
// needs": that is the point the lawyer decides.
func TestMixedFactsNameTheReading(t *testing.T) {
	start := day("2021-06-01")
	jobs := []Job{
		{Employer: "E1", NOC: "62200", TEER: -1, Start: start, End: start + 242, HoursPerWeek: 30, InCanada: true, Type: Employee, Authorization: AuthOpenPermit},
		{Employer: "E2", NOC: "21231", TEER: -1, Start: start + 243, End: start + 382, HoursPerWeek: 30, InCanada: true, Type: Employee, Authorization: AuthOpenPermit},
		{Employer: "E3", NOC: "21232", TEER: -1, Start: start + 383, End: start + 522, HoursPerWeek: 30, InCanada: true, Type: Employee, Authorization: AuthOpenPermit},
	}
	a := rules.Assess(newClient("2024-06-01", jobs, []Test{clb("2024-01-15", 6)}), 0)
	if a.Verdict != NeedsReview {
		t.Fatalf("verdict %s\n%s", a.Verdict, dump(a))
	}
	facts := a.Requirements[1].Facts
	if strings.Contains(facts.String(), "The counted work needs") || !strings.Contains(facts.String(), "reading (a)") {
		t.Errorf("mixed experience facts state one reading as the rule:\n%s", facts)
	}
}

// TestAuthVerifyVisitorText: the visitor's W-AUTH-VERIFY concern says why
// once and asks the lawyer once.
func TestAuthVerifyVisitorText(t *testing.T) {
	c := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30, func(j *Job) { j.Authorization = AuthUnknown })}, []Test{clb("2024-06-01", 9)})
	c.Status = StatusVisitor
	a := rules.Assess(c, 0)
	f := mustFind(t, a, RuleAuthVerify, KindConcern)
	if strings.Count(f.Text.String(), "verif") != 1 || !strings.Contains(f.Text.String(), "visitor") {
		t.Errorf("W-AUTH-VERIFY %q", f.Text)
	}
}

// TestLanguageMetWithoutWork: with no qualifying work the level needed is
// not set, so the finding does not speak of a level "required".
func TestLanguageMetWithoutWork(t *testing.T) {
	c := newClient("2025-01-01", []Job{job("Acme", "21231", "2022-01-01", "", 30, func(j *Job) { j.Authorization = AuthRefugee })}, []Test{clb("2024-06-01", 8)})
	a := rules.Assess(c, 0)
	l := a.Requirements[1]
	if l.Outcome != Met || strings.Contains(l.Finding.String(), "required") || !strings.Contains(l.Finding.String(), "lowest level any CEC work needs") {
		t.Errorf("language %s: %q", l.Outcome, l.Finding)
	}
}
