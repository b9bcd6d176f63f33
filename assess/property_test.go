package assess

import (
	"fmt"
	"math/rand"
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
		j := Job{Employer: "E", NOC: nocs[pick(len(nocs))], TEER: -1, Start: start, End: end,
			HoursPerWeek: hours[pick(len(hours))], InCanada: true, Type: Employee, Authorization: AuthOpenPermit}
		switch pick(16) {
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
	c.Status = []Status{StatusWorker, StatusStudent, StatusVisitor, StatusMaintained, StatusUnknown, StatusRefugee}[pick(6)]
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
		fast.LapseCode != slow.LapseCode || fast.Lapse != slow.Lapse ||
		fast.HoursReached != slow.HoursReached || fast.HoursUntil != slow.HoursUntil {
		t.Fatalf("jumps give from %s until %s %s, hours %s–%s; the daily scan gives %s %s %s, hours %s–%s",
			fast.EligibleFrom, fast.EligibleUntil, fast.LapseCode, fast.HoursReached, fast.HoursUntil,
			slow.EligibleFrom, slow.EligibleUntil, slow.LapseCode, slow.HoursReached, slow.HoursUntil)
	}
	return fast
}

// checkInvariants checks the properties of issue 2 on one client.
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
	if (a.Verdict == Eligible) != (a.EligibleUntil != 0) || (a.Verdict == Eligible && a.EligibleFrom != A) {
		t.Fatalf("verdict %s from %s until %s", a.Verdict, a.EligibleFrom, a.EligibleUntil)
	}

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
	// eligible_until is the last such day of the run that starts on A.
	if U := a.EligibleUntil; U != 0 && U < horizon {
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
	for seed := range int64(n) {
		r := rand.New(rand.NewSource(seed))
		c := randomClient(r)
		t.Run("", func(t *testing.T) { checkInvariants(t, c, r) })
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
