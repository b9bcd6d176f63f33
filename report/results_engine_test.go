package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// engineClients are hand-made intake clients for the real engine; the
// tests below check properties of what report writes for them, not the
// engine's numbers (those are the assess package's golden tests).
func engineClients() map[string]*assess.Client {
	d := assess.MustDate
	job := func(row int, employer, noc string, start, end string, h float64, auth assess.Authorization, typ assess.EmploymentType) assess.Job {
		j := assess.Job{Ref: fxJobRef(row), Employer: employer, Title: "Analyst", NOC: noc, TEER: -1,
			Start: d(start), HoursPerWeek: h, InCanada: true, Type: typ, Authorization: auth}
		if end != "" {
			j.End = d(end)
		}
		return j
	}
	ielts := func(row int, date string, l, r, w, s float64) assess.Test {
		return assess.Test{Ref: fxTestRef(row), Name: "IELTS General Training", Kind: assess.IELTSGeneral,
			Date: d(date), Scores: fxScores(l, r, w, s)}
	}
	client := func(id string, jobs []assess.Job, tests []assess.Test) *assess.Client {
		return &assess.Client{Ref: fxClientRef(2), SourceFile: "engine.xlsx", ID: id, FamilyName: "Test",
			GivenNames: "Client", Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker,
			Jobs: jobs, Tests: tests}
	}
	short := client("E-SHORT", []assess.Job{
		job(2, "Harbour Grill", "62200", "2026-02-01", "", 40, assess.AuthUnknown, assess.Employee),
	}, []assess.Test{ielts(2, "2025-06-10", 8, 7, 7, 7)})
	excluded := client("E-EXCL", []assess.Job{
		job(3, "Own Business", "21232", "2023-01-01", "", 40, assess.AuthOpenPermit, assess.SelfEmployed),
		job(4, "QuickMart", "65100", "2024-01-01", "2025-12-31", 30, assess.AuthOpenPermit, assess.Employee),
	}, []assess.Test{ielts(3, "2026-01-10", 8, 7, 7, 7)})
	expired := client("E-EXPIRED", []assess.Job{
		job(5, "Maple Software", "21232", "2023-01-01", "", 37.5, assess.AuthPGWP, assess.Employee),
	}, []assess.Test{ielts(4, "2024-06-10", 8, 7, 7, 7)})
	broken := client("E-DATA", []assess.Job{
		job(6, "Maple Software", "21232", "2024-05-01", "2023-05-01", 37.5, assess.AuthPGWP, assess.Employee),
	}, []assess.Test{ielts(5, "2026-01-10", 8, 7, 7, 7)})
	broken.Problems = []assess.Problem{{Cell: "Employment!G6", Message: assess.Untranslated("End date 2023-05-01 is before the start date 2024-05-01.")}}
	quebec := client("E-QC", []assess.Job{
		job(7, "Maple Software", "21232", "2023-01-01", "", 37.5, assess.AuthPGWP, assess.Employee),
	}, []assess.Test{ielts(6, "2026-01-10", 8, 7, 7, 7)})
	quebec.Province = "QC"
	eligible := client("E-OK", []assess.Job{
		job(8, "Maple Software", "21232", "2023-01-01", "", 37.5, assess.AuthPGWP, assess.Employee),
	}, []assess.Test{ielts(7, "2026-01-10", 8, 7, 7, 7)})
	runsOut := client("E-RUNSOUT", []assess.Job{
		job(9, "Harbour Grill", "62200", "2026-03-01", "", 30, assess.AuthOpenPermit, assess.Employee),
	}, []assess.Test{ielts(8, "2025-01-20", 8, 7, 7, 7)})
	return map[string]*assess.Client{"runsout": runsOut, "short": short, "excluded": excluded, "expired": expired,
		"data": broken, "quebec": quebec, "eligible": eligible}
}

func TestDataHalfWithEngine(t *testing.T) {
	asOf := assess.MustDate("2026-11-20")
	rs := assess.Current()
	clients := engineClients()
	wantVerdict := map[string]assess.Verdict{
		"short": assess.NotEligible, "excluded": assess.NotEligible, "expired": assess.NotEligible,
		"data": assess.NeedsReview, "quebec": assess.NotEligible, "eligible": assess.Eligible,
		"runsout": assess.NotEligible,
	}
	// A step each case must produce (a prefix of one of its steps).
	wantStep := map[string]string{
		"short":    "Eligible from ",
		"excluded": "Check the job at Own Business (Employment!A3), not counted under W-SELF",
		"expired":  "Book a new language test: the IELTS General Training of 2024-06-10 expired on 2026-06-09",
		"data":     "Fix Employment!G6: end date 2023-05-01 is before the start date 2024-05-01",
		"quebec":   "Tell the client the CEC requires intending to live outside Quebec",
		"eligible": "Submit the application for permanent residence (eAPR) by ",
		"runsout":  "Book a new language test: the IELTS General Training of 2025-01-20 expires on 2027-01-19, before the work requirement can be met",
	}
	var buf bytes.Buffer
	results := NewResults(&buf)
	summary, err := NewSummary(filepath.Join(t.TempDir(), "summary.xlsx"), asOf)
	if err != nil {
		t.Fatal(err)
	}
	defer summary.Abort()
	for name, c := range clients {
		t.Run(name, func(t *testing.T) {
			a := rs.Assess(c, asOf)
			if a.Verdict != wantVerdict[name] {
				t.Fatalf("engine verdict %s, want %s (fixture no longer fits the engine): %+v", a.Verdict, wantVerdict[name], a.Findings)
			}
			steps := NextSteps(a)
			if len(steps) == 0 {
				t.Errorf("verdict %s with no next steps", a.Verdict)
			}
			if want := wantStep[name]; want != "" {
				found := false
				for _, s := range steps {
					found = found || strings.HasPrefix(s, want)
				}
				if !found {
					t.Errorf("no step starting %q in\n%s", want, strings.Join(steps, "\n"))
				}
			}
			buf.Reset()
			if err := results.WriteClient(a, nil, ""); err != nil {
				t.Fatal(err)
			}
			var line struct {
				Reasons []struct {
					Code string  `json:"code"`
					Cell *string `json:"cell"`
				} `json:"reasons"`
				NextSteps []string `json:"next_steps"`
			}
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatal(err)
			}
			if len(line.Reasons) != len(a.Findings) {
				t.Errorf("%d reasons for %d findings", len(line.Reasons), len(a.Findings))
			}
			if len(line.NextSteps) != len(steps) {
				t.Errorf("next_steps has %d entries, NextSteps %d", len(line.NextSteps), len(steps))
			}
			if err := summary.AddClient(a, nil, "opinions/"+OpinionFileName(c)); err != nil {
				t.Fatal(err)
			}
		})
	}
}
