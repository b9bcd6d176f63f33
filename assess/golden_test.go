package assess

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render prints an assessment the way a reviewer reads it, so that a
// change in any number, date or sentence shows up in the golden diff.
func render(a *Assessment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "verdict: %s\nassessed on: %s (from as-of: %v), window from %s\n", a.Verdict, a.AssessedOn, a.FromAsOf, a.WindowStart)
	fmt.Fprintf(&b, "hours: %s (TEER 0/1 %s, TEER 2/3 %s), reached %s\n", FormatHours(a.QualifyingHours), FormatHours(a.HoursTEER01), FormatHours(a.HoursTEER23), a.HoursReached)
	fmt.Fprintf(&b, "required CLB %d, language CLB %d\n", a.RequiredCLB, a.LanguageCLB)
	fmt.Fprintf(&b, "eligible from %q until %q; lapse %s: %s\n", a.EligibleFrom, a.EligibleUntil, a.LapseCode, a.Lapse)
	for _, r := range a.Requirements {
		fmt.Fprintf(&b, "\n[%s] %s — %s (%s)\n  rule: %s\n  facts: %s\n  finding: %s\n", r.Key, r.Title, r.Outcome, r.Citation, r.Rule, r.Facts, r.Finding)
	}
	b.WriteString("\njobs:\n")
	for _, j := range a.Jobs {
		fmt.Fprintf(&b, "  #%d TEER %d noc2016=%v %s credited %s uncapped %s\n", j.Index, j.TEER, j.NOC2016, j.Status, FormatHours(j.Credited), FormatHours(j.Uncapped))
		for _, x := range j.Exclusions {
			fmt.Fprintf(&b, "     %s %s..%s (%d days): %s\n", x.Code, x.From, x.To, x.Days, x.Reason)
		}
	}
	b.WriteString("tests:\n")
	for _, t := range a.Tests {
		fmt.Fprintf(&b, "  #%d %s accepted=%v valid=%v best=%v CLB %v level %d until %s %s%s\n", t.Index, t.Kind, t.Accepted, t.Valid, t.Best, t.CLB, t.Level, t.ValidUntil, t.Why, t.Refused)
	}
	b.WriteString("doubts:\n")
	for _, d := range a.Doubts {
		fmt.Fprintf(&b, "  %s raised=%v decides=%v jobs %v: %s %s %s h; %s %s %s h from %q; %s\n", d.Code, d.Raised, d.Decides, d.Jobs,
			d.DefaultText, d.Default.Objective, FormatHours(d.Default.Hours), d.AlternativeText, d.Alternative.Objective, FormatHours(d.Alternative.Hours), d.Alternative.EligibleFrom, d.Why)
	}
	if cs := a.Combined; cs != nil {
		fmt.Fprintf(&b, "  combined %v decides=%v: %s %s h; until %q (defaults %q) %s\n", cs.Codes, cs.Decides, cs.Outcome.Objective, FormatHours(cs.Outcome.Hours), cs.EligibleUntil, cs.DefaultUntil, cs.LapseCode)
	}
	b.WriteString("findings:\n")
	for _, f := range a.Findings {
		fmt.Fprintf(&b, "  %-9s %-9s %-18s job %2d test %2d [%s]\n      %s\n", f.Kind, f.Code, f.Cell, f.Job, f.Test, f.Citation, f.Text)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	cases := map[string]func() *Client{
		"typical": typicalClient,
		"quebec-admissibility": func() *Client {
			c := typicalClient()
			c.Province, c.Admissibility = "QC", "refused visa 2019"
			return c
		},
		"mixed-teer-review": func() *Client {
			return newClient("2024-06-01", []Job{
				job("Northwind", "21231", "2021-06-01", "2023-01-21", 30),
				job("Corner Café", "62200", "2023-01-22", "", 30),
			}, []Test{clb("2024-01-15", 6)})
		},
		"data-problems": func() *Client {
			c := newClient("2025-03-01", []Job{
				job("Acme", "21231", "2022-01-01", "", 40, func(j *Job) { j.TEER = 2 }),
				job("Beta", "2173", "2023-01-01", "2023-12-31", 20, func(j *Job) { j.Authorization = AuthUnknown }),
			}, []Test{{Name: "TEF", Date: day("2023-10-01"), Scores: [4]Score{{Value: 450}, {Value: 250}, {Value: 400}, {Value: 380}}}})
			c.Problems = []Problem{{Cell: "Clients!D2", Message: Untranslated("The date of birth \"31/31/1990\" is not a date.")}}
			return c
		},
		// An L-MIXED case (a TEER 2 job of 1,041 h and two TEER 1 jobs) with
		// a leave, an expired permit, unauthorized work before the window
		// and a self-employed physician whose days start before the public
		// policy.
		"physician-mixed-leave": func() *Client {
			c := newClient("2025-06-01", []Job{
				job("Clinique Santé", "31102", "2023-03-02", "2023-10-31", 30, func(j *Job) { j.Type = SelfEmployed }),
				job("Northwind", "21231", "2023-11-01", "2024-04-19", 30),
				job("Maple Software", "21232", "2024-04-20", "2024-08-31", 30, func(j *Job) { j.PermitExpiry = day("2024-08-15") }),
				job("Corner Café", "62200", "2022-06-01", "2023-03-01", 30),
				{Employer: "corner cafe", TEER: -1, Start: day("2022-12-01"), End: day("2022-12-31"), Type: Leave},
				job("Cash Job", "62200", "2019-01-01", "2019-03-31", 20, func(j *Job) { j.Authorization = AuthNone }),
			}, []Test{{Name: "TEF", Date: day("2024-09-01"), Scores: [4]Score{{Value: 250}, {Value: 230}, {Value: 300}, {Value: 290}}}})
			return c
		},
		"student-and-future": func() *Client {
			c := newClient("2025-01-01", []Job{
				job("Campus Lab", "21231", "2023-01-01", "", 20),
				job("Co-op", "21232", "2022-05-01", "2022-08-31", 40, func(j *Job) { j.Authorization = AuthStudyPermit }),
			}, []Test{{Name: "CELPIP", Date: day("2024-02-01"), Scores: [4]Score{{Value: 9}, {Value: 8}, {Label: "NA"}, {Value: 10}}},
				{Name: "IELTS Academic", Date: day("2024-03-01"), Scores: [4]Score{{Value: 8}, {Value: 8}, {Value: 8}, {Value: 8}}}},
				study("2022-09-01", "2023-04-30", true))
			c.Status, c.StatusExpiry = StatusStudent, day("2024-12-31")
			return c
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			got := render(rules.Assess(mk(), day("2025-06-01")))
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./assess -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("assessment differs from %s (rerun with -update if intended):\n%s", path, got)
			}
		})
	}
}
