package assess

import (
	"strings"
	"testing"
)

// Table tests of maintained status, R186(w), student work and permits at
// their boundaries. Unless a case says otherwise A = 2026-10-01: the window
// is 2023-10-01 to 2026-09-30, and a CELPIP CLB 9 meets the language
// requirement.

const appDate = "2026-10-01"

func celpip9() []Test { return []Test{clb("2025-08-01", 9)} }

// TestMaintainedStatus: maintained status keeps the conditions of the
// permit that expired; its days are counted as a doubt (W-MAINT-VERIFY),
// a concern always when the run is longer than 365 days, when it is not
// resolved and the status is not maintained, when the permit maintained
// cannot be told, or when the client has left Canada.
func TestMaintainedStatus(t *testing.T) {
	permit := func(expiry string) func(*Job) {
		return func(j *Job) { j.Authorization, j.PermitExpiry = AuthEmployerSpecific, day(expiry) }
	}
	maintained := func(j *Job) { j.Authorization = AuthMaintained }
	for _, c := range []struct {
		name     string
		jobs     []Job
		status   Status
		expiry   string
		inCanada Tristate
		verdict  Verdict
		concern  bool   // W-MAINT-VERIFY raised
		unauth   string // the A-UNAUTH span, "" for none
		why      string // part of the concern
	}{
		{"same employer, 214 days, status maintained", []Job{job("Maple Software Inc.", "21231", "2023-06-01", "", 40, permit("2026-02-28"))},
			StatusMaintained, "2026-02-28", Yes, Eligible, false, "", ""},
		{"a run of exactly 365 days up to A", []Job{job("Maple Software Inc.", "21231", "2023-06-01", "", 40, permit("2025-09-30"))},
			StatusMaintained, "2025-09-30", Yes, Eligible, false, "", ""},
		{"a run of 366 days up to A", []Job{job("Maple Software Inc.", "21231", "2023-06-01", "", 40, permit("2025-09-29"))},
			StatusMaintained, "2025-09-29", Yes, NeedsReview, true, "", "lasted 366 days"},
		{"three years on maintained status", []Job{job("Maple Software Inc.", "21231", "2023-06-01", "", 40, permit("2023-09-30"))},
			StatusMaintained, "2023-09-30", Yes, NeedsReview, true, "", "lasted 1096 days"},
		{"a new employer on an employer-specific permit maintained", []Job{
			job("Maple Software Inc.", "21231", "2023-06-01", "2026-02-28", 40, permit("2026-02-28")),
			job("Birch Analytics", "21232", "2026-03-01", "", 40, maintained)},
			StatusMaintained, "2026-02-28", Yes, NeedsReview, false, "2026-03-01 to 2026-09-30 (214 days)", ""},
		{"the same employer written otherwise", []Job{
			job("Maple Software Inc.", "21231", "2023-06-01", "2026-02-28", 40, permit("2026-02-28")),
			job("MAPLE SOFTWARE", "21232", "2026-03-01", "", 40, maintained)},
			StatusMaintained, "2026-02-28", Yes, Eligible, false, "", ""},
		{"a new employer on an open permit maintained", []Job{
			job("Maple Software Inc.", "21231", "2023-06-01", "2026-02-28", 40, func(j *Job) { j.PermitExpiry = day("2026-02-28") }),
			job("Birch Analytics", "21232", "2026-03-01", "", 40, maintained)},
			StatusMaintained, "2026-02-28", Yes, Eligible, false, "", ""},
		{"resolved: a new permit the day after", []Job{
			job("Maple Software Inc.", "21231", "2023-06-01", "2026-02-28", 40, permit("2026-02-28")),
			job("Maple Software Inc.", "21231", "2026-03-01", "2026-05-31", 40, maintained),
			job("Maple Software Inc.", "21231", "2026-06-01", "", 40, permit("2028-05-31"))},
			StatusWorker, "2028-05-31", Yes, Eligible, false, "", ""},
		{"unresolved and the status not maintained", []Job{
			job("Maple Software Inc.", "21231", "2023-06-01", "2026-02-28", 40, permit("2026-02-28")),
			job("Maple Software Inc.", "21231", "2026-03-01", "", 40, maintained)},
			StatusWorker, "", Yes, NeedsReview, true, "", "no new permit follows"},
		{"maintained status and outside Canada", []Job{job("Maple Software Inc.", "21231", "2023-06-01", "", 40, permit("2026-02-28"))},
			StatusMaintained, "2026-02-28", No, NeedsReview, true, "", "leaves Canada"},
		{"the permit maintained cannot be told", []Job{job("Maple Software Inc.", "21231", "2023-06-01", "", 40, func(j *Job) { j.Authorization = AuthOpenPermit })},
			StatusMaintained, "2023-05-31", Yes, NeedsReview, true, "", "cannot be told"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(appDate, c.jobs, celpip9())
			cl.Status, cl.StatusExpiry, cl.InCanada = c.status, day(c.expiry), c.inCanada
			a := rules.Assess(cl, 0)
			if a.Verdict != c.verdict {
				t.Errorf("verdict %s, want %s\n%s", a.Verdict, c.verdict, dump(a))
			}
			un := findings(a, RuleUnauth, KindConcern)
			if (c.unauth == "") != (len(un) == 0) || (c.unauth != "" && !strings.Contains(un[0].Text.String(), c.unauth)) {
				t.Errorf("A-UNAUTH %+v, want %q", un, c.unauth)
			}
			if c.unauth != "" {
				if !strings.Contains(un[0].Text.String(), "employer-specific work permit of Maple Software Inc.") || un[0].Cell != "Employment!B3" {
					t.Errorf("A-UNAUTH %+v", un[0])
				}
				return
			}
			d := doubtOf(t, a, RuleMaintVerify)
			if d.Raised != c.concern || !strings.Contains(d.Why.String(), c.why) {
				t.Errorf("W-MAINT-VERIFY raised %v (%s), want %v %q", d.Raised, d.Why, c.concern, c.why)
			}
			if d.Default.Objective != ObjectiveMet {
				t.Errorf("the hours are met without the maintained days in every case: %+v", d)
			}
			if c.concern {
				f := mustFind(t, a, RuleMaintVerify, KindConcern)
				if !strings.Contains(f.Text.String(), "Confirm that the extension was applied for before the permit expired on") {
					t.Errorf("concern %q", f.Text)
				}
			}
		})
	}
}

// TestMaintainedDaysDecide: a year on maintained status on which the hours
// rest: needs_review with the outcome both ways.
func TestMaintainedDaysDecide(t *testing.T) {
	cl := newClient(appDate, []Job{job("Maple Software Inc.", "21231", "2025-06-01", "", 40, func(j *Job) {
		j.Authorization, j.PermitExpiry = AuthEmployerSpecific, day("2025-09-30")
	})}, celpip9())
	cl.Status, cl.StatusExpiry = StatusMaintained, day("2025-09-30")
	a := rules.Assess(cl, 0)
	d := doubtOf(t, a, RuleMaintVerify)
	// 2025-06-01 to 2026-09-30: 487 days, 2,087.1 h; without the 365
	// maintained days, 122 days, 522.8 h.
	if a.Verdict != NeedsReview || !d.Decides || !near(d.Default.Hours, 487*fullTime) || !near(d.Alternative.Hours, 122*fullTime) || d.Expired != day("2025-09-30") {
		t.Errorf("verdict %s doubt %+v\n%s", a.Verdict, d, dump(a))
	}
	if a.EligibleUntil == 0 || a.Combined == nil || a.Combined.Outcome.Objective != ObjectiveFails {
		t.Errorf("until %s combined %+v", a.EligibleUntil, a.Combined)
	}
}

// TestR186w: days counted under R186(w) are a doubt, a concern always
// unless a permit row starts after them, at most one day after.
func TestR186w(t *testing.T) {
	for _, c := range []struct {
		name    string
		pgwp    string // start of the PGWP row, "" for none
		concern bool
	}{
		{"a PGWP the day after", "2024-09-01", false},
		{"a PGWP the day of the last R186(w) day", "2024-08-31", false},
		{"a PGWP two days after", "2024-09-02", true},
		{"no permit follows", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			jobs := []Job{job("Georgian Web", "21234", "2024-05-06", "2024-08-31", 40, func(j *Job) { j.Authorization = AuthR186w })}
			if c.pgwp != "" {
				jobs = append(jobs, job("Georgian Web", "21234", c.pgwp, "", 40, func(j *Job) { j.Authorization = AuthPGWP }))
			} else {
				jobs[0].End = 0 // still working under R186(w)
			}
			a := rules.Assess(newClient(appDate, jobs, celpip9()), 0)
			d := doubtOf(t, a, RuleR186wVerify)
			if d.Raised != c.concern || (a.Verdict == NeedsReview) != c.concern {
				t.Errorf("R186W-VERIFY %+v verdict %s\n%s", d, a.Verdict, dump(a))
			}
			if c.concern && !strings.Contains(d.Why.String(), "no permit row follows") {
				t.Errorf("why %q", d.Why)
			}
		})
	}
}

// TestStudyHoursLimits: a study permit row above the off-campus limit in
// force on days of full-time study is a concern (A-STUDY-HOURS), in each
// period of the limits. A = 2025-06-01; the program runs 2022-09-01 to
// 2024-12-20 full time.
func TestStudyHoursLimits(t *testing.T) {
	for _, c := range []struct {
		name     string
		from, to string
		hours    float64
		concern  bool
	}{
		{"20 h before 2022-11-15", "2022-09-06", "2022-11-14", 20, false},
		{"21 h before 2022-11-15", "2022-09-06", "2022-11-14", 21, true},
		{"21 h on 2022-11-14 only", "2022-11-14", "2022-11-14", 21, true},
		{"40 h from 2022-11-15 to 2024-04-30: no limit", "2022-11-15", "2024-04-30", 40, false},
		{"20 h from 2024-05-01", "2024-05-01", "2024-11-07", 20, false},
		{"21 h from 2024-05-01", "2024-05-01", "2024-11-07", 21, true},
		{"21 h on 2024-11-07 only", "2024-11-07", "2024-11-07", 21, true},
		{"24 h from 2024-11-08", "2024-11-08", "2024-12-20", 24, false},
		{"25 h from 2024-11-08", "2024-11-08", "2024-12-20", 25, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient("2025-06-01", []Job{
				job("Campus Books", "64100", c.from, c.to, c.hours, func(j *Job) { j.Authorization = AuthStudyPermit }),
			}, []Test{clb("2024-06-01", 9)}, study("2022-09-01", "2024-12-20", true))
			a := rules.Assess(cl, 0)
			fs := findings(a, RuleStudyHours, KindConcern)
			if (len(fs) > 0) != c.concern {
				t.Fatalf("A-STUDY-HOURS %+v\n%s", fs, dump(a))
			}
			if c.concern && (fs[0].Cell != "Employment!H2" || !strings.Contains(fs[0].Text.String(), "on-campus work or a scheduled break")) {
				t.Errorf("concern %+v", fs[0])
			}
		})
	}
	// Over the limit on a break between terms is no concern.
	cl := newClient("2025-06-01", []Job{job("Campus Books", "64100", "2024-05-01", "2024-08-31", 40, func(j *Job) { j.Authorization = AuthStudyPermit })},
		[]Test{clb("2024-06-01", 9)}, study("2023-09-05", "2024-04-30", true), study("2024-09-03", "2025-04-30", true))
	if fs := findings(rules.Assess(cl, 0), RuleStudyHours, ""); len(fs) != 0 {
		t.Errorf("a break is no study day: %+v", fs)
	}
}

// TestStudyPermitOutsideStudy: a study permit's days outside full-time
// study are not counted and are a doubt (W-STUDY-VERIFY): a concern when
// they decide, and always when some are days of part-time study.
func TestStudyPermitOutsideStudy(t *testing.T) {
	studyPermit := func(j *Job) { j.Authorization = AuthStudyPermit }
	other := job("Maple", "21231", "2023-10-01", "", 30) // meets the hours alone
	for _, c := range []struct {
		name    string
		jobs    []Job
		studies []Study
		verdict Verdict
		kind    Kind
		why     string
	}{
		{"the part-time student's work, the only work", []Job{job("Corner Café", "62200", "2024-01-08", "", 20, studyPermit)},
			[]Study{study("2024-01-08", "2026-04-30", false)}, NeedsReview, KindConcern, "part-time study"},
		{"part-time study, other work meets the hours", []Job{other, job("Corner Café", "62200", "2024-01-08", "", 20, studyPermit)},
			[]Study{study("2024-01-08", "2026-04-30", false)}, NeedsReview, KindConcern, "part-time study"},
		{"no study row, other work meets the hours", []Job{other, job("Corner Café", "62200", "2024-01-08", "", 20, studyPermit)},
			nil, Eligible, KindNote, ""},
		{"no study row, the only work", []Job{job("Corner Café", "62200", "2023-10-01", "", 30, studyPermit)},
			nil, NeedsReview, KindConcern, "outcome turns on it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := rules.Assess(newClient(appDate, c.jobs, celpip9(), c.studies...), 0)
			f := mustFind(t, a, RuleStudyVerify, c.kind)
			if a.Verdict != c.verdict || !strings.Contains(doubtOf(t, a, RuleStudyVerify).Why.String(), c.why) {
				t.Errorf("verdict %s, %+v\n%s", a.Verdict, f, dump(a))
			}
		})
	}
}

// TestPermitConflict: two employer-specific permits at different employers
// overlapping by more than 7 days are a concern (W-PERMIT-CONFLICT); a
// shorter overlap is a job change written inclusively.
func TestPermitConflict(t *testing.T) {
	es := func(j *Job) { j.Authorization = AuthEmployerSpecific }
	for _, c := range []struct {
		name     string
		second   Job
		conflict bool
	}{
		{"7 days of overlap", job("Birch Analytics", "21232", "2025-06-24", "", 30, es), false},
		{"8 days of overlap", job("Birch Analytics", "21232", "2025-06-23", "", 30, es), true},
		{"the same employer", job("MAPLE SOFTWARE INC", "21232", "2024-01-01", "", 30, es), false},
		{"an open permit", job("Birch Analytics", "21232", "2024-01-01", "", 30), false},
		{"two concurrent permits", job("Birch Analytics", "21232", "2024-01-01", "", 20, es), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			first := job("Maple Software Inc.", "21231", "2023-06-01", "2025-06-30", 30, es)
			a := rules.Assess(newClient(appDate, []Job{first, c.second}, celpip9()), 0)
			fs := findings(a, RulePermitConflict, KindConcern)
			if (len(fs) > 0) != c.conflict || (a.Verdict == NeedsReview) != c.conflict {
				t.Fatalf("W-PERMIT-CONFLICT %+v verdict %s", fs, a.Verdict)
			}
			if c.conflict && (fs[0].Cell != "Employment!K3" || !strings.Contains(fs[0].Text.String(), "IRPR 185(b)")) {
				t.Errorf("concern %+v", fs[0])
			}
		})
	}
}

// TestStatusAbroad: a status expiry before A is S-STATUS for a client in
// Canada, or one whose work in Canada ran past it; a client abroad whose
// work ended by the expiry raises nothing.
func TestStatusAbroad(t *testing.T) {
	for _, c := range []struct {
		name     string
		end      string
		inCanada Tristate
		concern  bool
	}{
		{"abroad, work ended on the expiry", "2025-06-30", No, false},
		{"abroad, work ran a day past it", "2025-07-01", No, true},
		{"in Canada", "2025-06-30", Yes, true},
		{"In Canada blank", "2025-06-30", Unknown, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := newClient(appDate, []Job{job("Maple", "21231", "2023-06-01", c.end, 30)}, celpip9())
			cl.StatusExpiry, cl.InCanada = day("2025-06-30"), c.inCanada
			a := rules.Assess(cl, 0)
			if got := len(findings(a, RuleStatus, KindConcern)) > 0; got != c.concern {
				t.Errorf("S-STATUS %v\n%s", got, dump(a))
			}
		})
	}
}

// TestLeaveIsNoUnauthorizedWork: days of unpaid leave after a permit
// expired are no work, so they raise no A-UNAUTH; the days worked after
// the leave do.
func TestLeaveIsNoUnauthorizedWork(t *testing.T) {
	for _, c := range []struct {
		leaveEnd string
		unauth   string
	}{
		{"", ""},
		{"2026-05-31", "2026-06-01 to 2026-09-30 (122 days)"},
	} {
		cl := newClient(appDate, []Job{
			job("Maple Software", "21231", "2023-06-01", "", 30, func(j *Job) { j.PermitExpiry = day("2026-02-28") }),
			{Employer: "maple software", TEER: -1, Start: day("2026-03-01"), End: day(c.leaveEnd), Type: Leave},
		}, celpip9())
		a := rules.Assess(cl, 0)
		un := findings(a, RuleUnauth, KindConcern)
		if (c.unauth == "") != (len(un) == 0) || (c.unauth != "" && !strings.Contains(un[0].Text.String(), c.unauth)) {
			t.Errorf("leave to %q: A-UNAUTH %+v\n%s", c.leaveEnd, un, dump(a))
		}
	}
}

// TestNoAdmissibilityConcern: the words that mean no concern.
func TestNoAdmissibilityConcern(t *testing.T) {
	for _, v := range []string{"", "no", "None", "n", "N/A", "n/a", "nil", "-", "none known", "Nothing known", " NA "} {
		cl := newClient(appDate, []Job{job("Maple", "21231", "2023-06-01", "", 30)}, celpip9())
		cl.Admissibility = v
		if a := rules.Assess(cl, 0); a.Verdict != Eligible || len(findings(a, RuleAdmiss, "")) != 0 {
			t.Errorf("%q: %s\n%s", v, a.Verdict, dump(a))
		}
	}
	cl := newClient(appDate, []Job{job("Maple", "21231", "2023-06-01", "", 30)}, celpip9())
	cl.Admissibility = "refused a US visa"
	if a := rules.Assess(cl, 0); a.Verdict != NeedsReview {
		t.Errorf("a concern: %s", a.Verdict)
	}
}
