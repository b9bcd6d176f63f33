package assess

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// randomClient builds a plausible client from r: overlapping, ongoing,
// excluded and future job periods, leave, permit and status expiries,
// full- and part-time study, tests of every accepted kind and a few
// refused ones. A status expiry stops work in the projections exactly as
// W-AUTH excludes the days after it in a later assessment, so the
// properties below compare like with like.
func randomClient(r *rand.Rand) *Client {
	A := day("2020-01-01") + Date(r.Intn(11*365))
	pick := func(n int) int { return r.Intn(n) }
	nocs := []string{"21231", "21232", "00010", "10", "13100", "62200", "73300", "72010", "44101", "65100", "2173", "6211", "31100", "111"}
	hours := []float64{5, 10, 15, 20, 25, 30, 37.5, 40, 60}
	var jobs []Job
	for range 1 + pick(5) {
		start := A - Date(4*365) + Date(r.Intn(5*365))
		end := Date(0)
		if pick(5) > 1 {
			end = start + Date(r.Intn(1500))
		}
		employers := []string{"Acme Inc.", "ACME", "Beta Ltd", "Gamma"}
		j := Job{Employer: employers[pick(len(employers))], NOC: nocs[pick(len(nocs))], TEER: -1, Start: start, End: end,
			HoursPerWeek: hours[pick(len(hours))], InCanada: true, Type: Employee, Authorization: AuthOpenPermit}
		switch pick(22) {
		case 0:
			j.Type = SelfEmployed
		case 1:
			j.Authorization = AuthStudyPermit
		case 2:
			j.Location, j.InCanada = "USA", false
		case 3:
			j.Authorization = AuthUnknown
		case 4:
			j.HoursPerWeek = 1 + r.Float64()*80
		case 5:
			j.Type, j.End = Leave, start+Date(r.Intn(200))
		case 6:
			j.PermitExpiry = start + Date(r.Intn(800))
		case 7:
			j.Authorization = AuthR186w
		case 8:
			j.Authorization = AuthRefugee
		case 9:
			j.Type, j.NOC = SelfEmployed, "31100"
		case 10:
			j.Authorization, j.PermitExpiry = AuthMaintained, start+Date(r.Intn(300))
		case 11:
			j.Authorization, j.PermitExpiry = AuthEmployerSpecific, start+Date(r.Intn(900))
		case 12:
			j.Authorization = AuthMaintained // no expiry: the permit maintained is found elsewhere
		case 13:
			j.Location, j.PlaceDoubt = "Halifax", true
		case 14:
			j.HoursPerWeek = 100
		case 15:
			j.Authorization = AuthEmployerSpecific
		case 16:
			j.Authorization, j.PermitExpiry = AuthPGWP, start+Date(r.Intn(900))
		}
		jobs = append(jobs, j)
	}
	var studies []Study
	for range pick(3) {
		s := A - Date(4*365) + Date(r.Intn(5*365))
		e := Date(0)
		if pick(3) > 0 {
			e = s + Date(r.Intn(700))
		}
		studies = append(studies, Study{Start: s, End: e, FullTime: pick(3) > 0})
		if e != 0 && pick(3) == 0 {
			// A next term after a break of about the W-BREAK limit.
			next := e + Date(100+r.Intn(100))
			studies = append(studies, Study{Start: next, End: next + Date(r.Intn(300)), FullTime: true})
		}
	}
	var tests []Test
	for range pick(4) {
		d := A - Date(800) + Date(r.Intn(1000))
		kinds := []TestKind{IELTSGeneral, CELPIPGeneral, PTECore, TEFCanada, TCFCanada, IELTSAcademic}
		k := kinds[pick(len(kinds))]
		if k == PTECore && d < day("2024-01-30") {
			k = CELPIPGeneral
		}
		t := Test{Kind: k, Name: string(k), Date: d}
		tab := Current().Table(k, d)
		for _, a := range Abilities {
			if tab == nil {
				t.Scores[a] = Score{Value: 7}
				continue
			}
			sc := tab.Scale[a]
			// Mostly near a row's minimum (CLB 4 to 10), sometimes anywhere.
			row := tab.Rows[pick(len(tab.Rows))]
			v := row.Min[a] + float64(pick(4)-1)*sc.Step
			if pick(8) == 0 {
				v = sc.Min + float64(r.Intn(int((sc.Max-sc.Min)/sc.Step)+1))*sc.Step
			}
			t.Scores[a] = Score{Value: min(max(v, sc.Min), sc.Max)}
		}
		tests = append(tests, t)
	}
	c := newClient(A.String(), jobs, tests, studies...)
	c.Status = []Status{StatusWorker, StatusStudent, StatusVisitor, StatusMaintained, StatusUnknown, StatusRefugee, StatusNone}[pick(7)]
	if pick(8) == 0 {
		c.InCanada = No
	}
	if pick(4) == 0 {
		c.ITADate = A - Date(r.Intn(60))
	}
	if pick(3) == 0 {
		c.StatusExpiry = A + Date(r.Intn(400)) - 100
	}
	if pick(10) == 0 {
		c.Province = "QC"
	}
	if pick(10) == 0 {
		c.Admissibility = "yes"
	}
	return c
}

// assessBothWays assesses c with the projections' jumps and with the
// day-by-day scan, fails unless they project the same, and returns the
// assessment with jumps.
func assessBothWays(t *testing.T, c *Client) *Assessment {
	t.Helper()
	fast, slow := rules.Assess(c, 0), rules.assess(c, 0, true)
	if fast.EligibleFrom != slow.EligibleFrom || fast.EligibleUntil != slow.EligibleUntil ||
		fast.LapseCode != slow.LapseCode || fast.Lapse.String() != slow.Lapse.String() ||
		fast.HoursReached != slow.HoursReached || fast.HoursUntil != slow.HoursUntil || fast.HoursFrom != slow.HoursFrom {
		t.Fatalf("jumps give from %s until %s %s, hours %s–%s (from %s); the daily scan gives %s %s %s, hours %s–%s (from %s)",
			fast.EligibleFrom, fast.EligibleUntil, fast.LapseCode, fast.HoursReached, fast.HoursUntil, fast.HoursFrom,
			slow.EligibleFrom, slow.EligibleUntil, slow.LapseCode, slow.HoursReached, slow.HoursUntil, slow.HoursFrom)
	}
	// The scenarios of the doubt model project with the same jumps.
	for k, d := range fast.Doubts {
		if s := slow.Doubts[k]; d.Alternative.EligibleFrom != s.Alternative.EligibleFrom || d.Raised != s.Raised {
			t.Fatalf("%s: jumps give from %s, raised %v; the daily scan %s, %v", d.Code, d.Alternative.EligibleFrom, d.Raised, s.Alternative.EligibleFrom, s.Raised)
		}
	}
	if fc, sc := fast.Combined, slow.Combined; fc != nil && (fc.EligibleUntil != sc.EligibleUntil || fc.LapseCode != sc.LapseCode) {
		t.Fatalf("combined: jumps give until %s %s; the daily scan %s %s", fc.EligibleUntil, fc.LapseCode, sc.EligibleUntil, sc.LapseCode)
	}
	return fast
}

// checkInvariants checks the engine's invariants on one client: the cap, the
// jobs summing to the total, the groups, the verdict against the dates, the
// projections against assessments on other days, and the doubt model.
func checkInvariants(t *testing.T, c *Client, r *rand.Rand) {
	t.Helper()
	a := assessBothWays(t, c)
	A := a.AssessedOn
	windowDays := float64(A - a.WindowStart)
	if a.QualifyingHours > rules.WeeklyCap/7*windowDays+1e-6 {
		t.Fatalf("hours %v exceed the cap over %v days", a.QualifyingHours, windowDays)
	}
	var sum float64
	for _, jr := range a.Jobs {
		sum += jr.Credited
		if jr.Credited > jr.Uncapped+1e-6 || jr.Credited < 0 {
			t.Fatalf("job %+v credited more than uncapped", jr)
		}
	}
	if !near(sum, a.QualifyingHours) {
		t.Fatalf("jobs sum to %v, total %v", sum, a.QualifyingHours)
	}
	if a.HoursTEER01 > a.QualifyingHours+1e-6 || a.HoursTEER23 > a.QualifyingHours+1e-6 ||
		a.QualifyingHours > a.HoursTEER01+a.HoursTEER23+1e-6 {
		t.Fatalf("groups %v + %v against %v", a.HoursTEER01, a.HoursTEER23, a.QualifyingHours)
	}
	failed := len(findingsOfKind(a, KindFailure)) > 0
	data := len(findingsOfKind(a, KindData)) > 0
	if (a.Verdict == Eligible && (a.EligibleFrom != A || a.EligibleUntil == 0)) ||
		(a.EligibleUntil != 0) != (!failed && !data && c.Province != "QC") {
		t.Fatalf("verdict %s from %s until %s (failures %v, data %v)", a.Verdict, a.EligibleFrom, a.EligibleUntil, failed, data)
	}
	checkDoubts(t, c, a)

	// The projections assume what RULES says of the days after A: no
	// maintained or R186(w) day, and the physicians' policy keyed on A. An
	// assessment on another day is compared on a client whose rows say so.
	c = projectedClient(c, A)

	// hours_reached starts the unbroken run of days, ending on A, on which
	// the hours are met; hours_until ends the run that starts on A.
	if D := a.HoursReached; D != 0 {
		if !hoursMet(c, D) || hoursMet(c, D-1) {
			t.Fatalf("hours reached %s: met then %v, the day before %v", D, hoursMet(c, D), hoursMet(c, D-1))
		}
		if D < A && !hoursMet(c, D+Date(r.Intn(int(A-D)))) {
			t.Fatalf("hours reached %s, but a day between it and A is short", D)
		}
	}
	if U := a.HoursUntil; U != 0 && U < A.AddYears(rules.ProjectionYears) && (!hoursMet(c, U) || hoursMet(c, U+1)) {
		t.Fatalf("hours until %s: met then %v, the day after %v", U, hoursMet(c, U), hoursMet(c, U+1))
	}
	if (a.HoursReached == 0) != (a.HoursUntil == 0) {
		t.Fatalf("hours reached %s but until %s", a.HoursReached, a.HoursUntil)
	}
	// hours_from is the first day from A on which the hours are met: A
	// itself when they are met on A.
	if F := a.HoursFrom; F != 0 && (!hoursMet(c, F) || F > A && hoursMet(c, F-1) || (F == A) != (a.HoursReached != 0)) {
		t.Fatalf("hours from %s: met then %v, the day before %v (A %s, reached %s)", F, hoursMet(c, F), hoursMet(c, F-1), A, a.HoursReached)
	}
	if a.EligibleFrom != 0 && (a.HoursFrom == 0 || a.HoursFrom > a.EligibleFrom) {
		t.Fatalf("eligible from %s but hours from %s", a.EligibleFrom, a.HoursFrom)
	}

	// Adding a counting job never lowers the hours.
	more := *c
	s := a.WindowStart + Date(r.Intn(int(windowDays)))
	more.Jobs = append(append([]Job(nil), c.Jobs...), job("Added", "21231", s.String(), (s+Date(r.Intn(500))).String(), float64(1+r.Intn(40))))
	if b := rules.Assess(&more, 0); b.QualifyingHours < a.QualifyingHours-1e-6 {
		t.Fatalf("adding a job lowered hours %v -> %v", a.QualifyingHours, b.QualifyingHours)
	}
	// Excluding a job (not a leave, which takes days away) never raises them.
	if k := r.Intn(len(c.Jobs) + 1); k < len(c.Jobs) && c.Jobs[k].Type != Leave {
		less := *c
		less.Jobs = append([]Job(nil), c.Jobs...)
		less.Jobs[k].Type = Volunteer
		if b := rules.Assess(&less, 0); b.QualifyingHours > a.QualifyingHours+1e-6 {
			t.Fatalf("excluding a job raised hours %v -> %v", a.QualifyingHours, b.QualifyingHours)
		}
	}

	// eligible_from is a day on which the objective requirements hold, and
	// no earlier day in range is.
	horizon := A.AddYears(rules.ProjectionYears)
	if F := a.EligibleFrom; F != 0 {
		if ok, b := objectiveHolds(c, F); !ok {
			t.Fatalf("eligible from %s, but assessing then fails:\n%s", F, dump(b))
		}
		if F > A {
			for _, d := range []Date{F - 1, A, A + Date(r.Intn(int(F-A)))} {
				if ok, b := objectiveHolds(c, d); ok {
					t.Fatalf("eligible from %s, but %s already holds:\n%s", F, d, dump(b))
				}
			}
		}
	} else if c.Province != "QC" {
		for _, d := range []Date{A, horizon, A + Date(r.Intn(int(horizon-A)))} {
			if ok, b := objectiveHolds(c, d); ok {
				t.Fatalf("never eligible, but %s holds:\n%s", d, dump(b))
			}
		}
	}
	// eligible_until is the last such day of the run that starts on A,
	// under the defaults; the combined scenario may only bring it earlier.
	U := a.EligibleUntil
	if cs := a.Combined; cs != nil && cs.EligibleUntil != 0 {
		if U != min(cs.EligibleUntil, cs.DefaultUntil) {
			t.Fatalf("eligible until %s, the defaults' %s and the combined scenario's %s", U, cs.DefaultUntil, cs.EligibleUntil)
		}
		U = cs.DefaultUntil
	}
	if U != 0 && U < horizon {
		if ok, b := objectiveHolds(c, U); !ok {
			t.Fatalf("eligible until %s, but assessing then fails:\n%s", U, dump(b))
		}
		ok, b := objectiveHolds(c, U+1)
		if ok && a.LapseCode != RuleMixed {
			t.Fatalf("eligible until %s (%s), but %s still holds:\n%s", U, a.LapseCode, U+1, dump(b))
		}
		if ok && b.Verdict == Eligible {
			t.Fatalf("eligible until %s (%s), but %s is still eligible", U, a.LapseCode, U+1)
		}
	}
}

// TestProjectionJumps checks the projections' jumps against a scan of
// every day, on random clients and on clients changed to be eligible.
func TestProjectionJumps(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 200
	}
	for seed := range int64(n) {
		r := rand.New(rand.NewSource(seed))
		c := randomClient(r)
		if seed%2 == 0 {
			// Make eligibility likely: a long full-time job and a good test.
			c.Province, c.Admissibility = "ON", ""
			s := c.ApplicationDate - Date(200+r.Intn(900))
			c.Jobs = append(c.Jobs, job("Long", []string{"21231", "62200"}[r.Intn(2)], s.String(), (s+Date(300+r.Intn(800))).String(), 30))
			c.Tests = append(c.Tests, clb((c.ApplicationDate-Date(r.Intn(700))).String(), 5+r.Intn(5)))
			c = newClient(c.ApplicationDate.String(), c.Jobs, c.Tests, c.Studies...)
		}
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { assessBothWays(t, c) })
	}
}

// TestProperties checks the invariants on a fixed sample of random
// clients, so that every `go test` run exercises them.
func TestProperties(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 50
	}
	seen := map[string]bool{}
	for seed := range int64(n) {
		r := rand.New(rand.NewSource(seed))
		c := randomClient(r)
		for _, d := range rules.Assess(c, 0).Doubts {
			seen[d.Code] = true
		}
		t.Run("", func(t *testing.T) { checkInvariants(t, c, r) })
	}
	// The sample exercises every doubt of the model.
	for _, dc := range doubtCodes {
		if !seen[dc.code] {
			t.Errorf("no random client has a %s doubt", dc.code)
		}
	}
}

// TestWorkLedgerAgreesWithCEC: the Express Entry work ledger is the CEC's
// day plan over a longer range, so on every day of the window its credit
// for work in Canada of TEER 0 to 3 is the CEC ledger's, to the hour.
func TestWorkLedgerAgreesWithCEC(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 50
	}
	for seed := range int64(n) {
		r := rand.New(rand.NewSource(seed))
		c := randomClient(r)
		A := c.ApplicationDate
		e := &engine{rs: rules, c: c, as: &Assessment{Client: c, Rules: rules, LanguageCLB: -1}, A: A}
		e.ws, e.horizon = A.AddYears(-rules.WindowYears), A.AddYears(rules.ProjectionYears)
		e.last = e.horizon - 1
		e.ingestProblems()
		e.readJobs(0)
		cec := e.build(e.ws, e.n, 0)
		l := rules.WorkLedger(c, A, A.AddYears(-10), e.horizon)
		ee := l.DailyPrefix(func(w *WorkRow) bool { return w.InCanada && w.TEER <= rules.MaxTEER }, e.ws)
		for d := e.ws; d < A; d++ {
			i := int(d - e.ws)
			if got, want := ee[i+1]-ee[i], cec.all[i+1]-cec.all[i]; !near(got, want) {
				t.Fatalf("seed %d: on %s the work ledger credits %v week-hours, the CEC ledger %v", seed, d, got, want)
			}
		}
		cec.release()
	}
}

// FuzzAssess explores more random clients: go test -fuzz FuzzAssess ./assess
func FuzzAssess(f *testing.F) {
	for _, s := range []int64{1, 2, 3, 42, 1e6} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		r := rand.New(rand.NewSource(seed))
		checkInvariants(t, randomClient(r), r)
	})
}

func findingsOfKind(a *Assessment, k Kind) []Finding {
	var out []Finding
	for _, f := range a.Findings {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// projectedClient is c as the projections from A read it: an R186(w) row
// and the days of a row on maintained status after its expiry end at
// A − 1 (a decision the intake cannot foresee may end them), and the
// physicians' policy is keyed on A.
func projectedClient(c *Client, A Date) *Client {
	p := *c
	if p.ITADate == 0 {
		p.ITADate = A
	}
	p.Jobs = slices.Clone(c.Jobs)
	for i := range p.Jobs {
		j := &p.Jobs[i]
		if j.Type == Leave || (!j.InCanada && strings.TrimSpace(j.Location) != "") {
			continue
		}
		var stop Date
		switch {
		case j.Authorization == AuthR186w:
			stop = A - 1
		case j.Authorization == AuthMaintained || c.Status == StatusMaintained:
			from := Date(0)
			switch pe, se := j.PermitExpiry, c.StatusExpiry; {
			case j.Authorization == AuthMaintained:
				from = j.Start
			case pe != 0 && (se == 0 || pe <= se):
				from = pe + 1
			case se != 0:
				from = se + 1
			}
			if from != 0 {
				stop = max(A-1, from-1)
			}
		}
		switch {
		case stop == 0 || (j.End != 0 && j.End <= stop):
		case stop < j.Start:
			j.Type = Volunteer // none of its days is projected
		default:
			j.End = stop
		}
	}
	return &p
}

// checkDoubts checks the doubt model against assessments of clients
// changed as each doubt's alternative says: switching a doubt gives the
// hours the engine reports for its alternative, a doubt is raised when the
// objective outcome differs, and a doubt that decides makes the client
// needs_review.
func checkDoubts(t *testing.T, c *Client, a *Assessment) {
	t.Helper()
	for _, d := range a.Doubts {
		if d.Decides && a.Verdict != NeedsReview {
			t.Fatalf("%s decides, verdict %s", d.Code, a.Verdict)
		}
		if d.Default.Objective != d.Alternative.Objective && !d.Raised {
			t.Fatalf("%s changes the outcome %s → %s but is not raised", d.Code, d.Default.Objective, d.Alternative.Objective)
		}
		if !near(d.Default.Hours, a.QualifyingHours) {
			t.Fatalf("%s: default hours %v, assessment %v", d.Code, d.Default.Hours, a.QualifyingHours)
		}
		alt, ok := switched(c, d.Code)
		if !ok {
			continue
		}
		b := rules.Assess(alt, 0)
		if !near(b.QualifyingHours, d.Alternative.Hours) {
			t.Fatalf("%s switched: the engine says %v h, the changed client has %v h\n%s", d.Code, d.Alternative.Hours, b.QualifyingHours, dump(b))
		}
	}
	if cs := a.Combined; cs != nil && cs.Decides && a.Verdict != NeedsReview {
		t.Fatalf("the combined scenario decides, verdict %s", a.Verdict)
	}
}

// switched is c with the rows of one row-wide doubt changed to its
// alternative, for the doubts a row can express: a blank authorization
// that did not count, an R186(w) row that did not count, a physician's
// self-employment, hours read per month, a place abroad.
func switched(c *Client, code string) (*Client, bool) {
	p := *c
	p.Jobs = slices.Clone(c.Jobs)
	for i := range p.Jobs {
		j := &p.Jobs[i]
		inCanada := j.InCanada || strings.TrimSpace(j.Location) == ""
		switch code {
		case RuleAuthVerify:
			if inCanada && j.Authorization == AuthUnknown && j.Type != Leave {
				j.Type = Volunteer
			}
		case RuleR186wVerify:
			if inCanada && j.Authorization == AuthR186w && j.Type != Leave {
				j.Type = Volunteer
			}
		case RulePhysician:
			if j.Type == SelfEmployed {
				j.Type = Volunteer
			}
		case RuleHoursVerify:
			if j.HoursPerWeek > rules.DoubtHoursAbove && j.Type != Leave {
				j.HoursPerWeek /= rules.WeeksPerMonth
			}
		case RulePlaceVerify:
			if j.PlaceDoubt {
				j.PlaceDoubt, j.InCanada, j.Location = false, false, "England"
			}
		default:
			return nil, false
		}
	}
	return &p, true
}
