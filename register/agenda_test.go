package register

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

var d = assess.MustDate

// agendaCase builds an assessment from the parts a test sets.
func agendaClient() *assess.Client {
	return &assess.Client{ID: "C-1",
		Jobs: []assess.Job{
			{Employer: "Acme", Start: d("2024-01-01"), PermitExpiry: d("2027-01-31")},
			{Employer: "Acme", Start: d("2025-01-01"), PermitExpiry: d("2027-01-31")}, // the same permit: one item
		},
		Tests: []assess.Test{{Name: "CELPIP-General", Date: d("2025-03-01")}, {Name: "IELTS General Training", Date: d("2022-01-10")}},
	}
}

func TestAgendaKindsDatesAndHorizon(t *testing.T) {
	today := d("2026-12-01")
	rs := assess.Current()
	type row struct {
		kind Kind
		date string
	}
	cases := []struct {
		name      string
		edit      func(a *assess.Assessment)
		approved  bool
		horizon   int
		sheet     []row
		calendar  []row
		approvedW bool
	}{
		{
			name: "eligible: apply by, the valid test's expiry, the permit once",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom, a.EligibleUntil, a.LapseCode = assess.Eligible, today, d("2027-02-28"), "L-VALID"
			},
			horizon:  120,
			sheet:    []row{{KindPermitExpires, "2027-01-31"}, {KindApplyBy, "2027-02-28"}, {KindTestExpires, "2027-02-28"}},
			calendar: []row{{KindPermitExpires, "2027-01-31"}, {KindApplyBy, "2027-02-28"}, {KindTestExpires, "2027-02-28"}},
		},
		{
			name: "a short horizon keeps the sheet short, not the calendar",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom, a.EligibleUntil, a.LapseCode = assess.Eligible, today, d("2027-02-28"), "L-VALID"
			},
			horizon:  30,
			sheet:    nil,
			calendar: []row{{KindPermitExpires, "2027-01-31"}, {KindApplyBy, "2027-02-28"}, {KindTestExpires, "2027-02-28"}},
		},
		{
			name: "the projection's cap is not a deadline: no apply by without a lapse",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom, a.EligibleUntil = assess.Eligible, today, d("2029-12-01")
			},
			horizon:  120,
			sheet:    []row{{KindPermitExpires, "2027-01-31"}, {KindTestExpires, "2027-02-28"}},
			calendar: []row{{KindPermitExpires, "2027-01-31"}, {KindTestExpires, "2027-02-28"}},
		},
		{
			name: "not eligible until: eligible from and hours reached in the future only",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom, a.HoursReached = assess.NotEligible, d("2027-02-15"), d("2027-02-15")
				a.Client.Jobs = nil
			},
			horizon:  120,
			sheet:    []row{{KindEligibleFrom, "2027-02-15"}, {KindHoursReached, "2027-02-15"}, {KindTestExpires, "2027-02-28"}},
			calendar: []row{{KindEligibleFrom, "2027-02-15"}, {KindHoursReached, "2027-02-15"}, {KindTestExpires, "2027-02-28"}},
		},
		{
			name: "hours reached before the language: the projection's day the hours are met, no eligible from",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom, a.HoursFrom = assess.NotEligible, 0, d("2027-01-20")
				a.Client.Jobs = nil
			},
			horizon:  120,
			sheet:    []row{{KindHoursReached, "2027-01-20"}, {KindTestExpires, "2027-02-28"}},
			calendar: []row{{KindHoursReached, "2027-01-20"}, {KindTestExpires, "2027-02-28"}},
		},
		{
			name: "overdue deadlines stay 30 days; a passed projection goes",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom = assess.NotEligible, d("2026-11-20")
				a.Client.Jobs = []assess.Job{{Employer: "Old", PermitExpiry: d("2026-11-02")}, {Employer: "Older", PermitExpiry: d("2026-10-31")}}
				a.Client.StatusExpiry = d("2026-11-25")
				a.Tests = nil
			},
			horizon:  120,
			sheet:    []row{{KindPermitExpires, "2026-11-02"}, {KindStatusExpires, "2026-11-25"}},
			calendar: []row{{KindPermitExpires, "2026-11-02"}, {KindStatusExpires, "2026-11-25"}},
		},
		{
			name: "profile expires 12 months less a day; eAPR due 60 days after the invitation",
			edit: func(a *assess.Assessment) {
				a.Verdict = assess.NeedsReview
				a.Client.Jobs, a.Tests = nil, nil
				a.Client.EEProfileDate, a.Client.ITADate = d("2026-02-10"), d("2026-11-20")
			},
			horizon:  120,
			sheet:    []row{{KindEAPRDue, "2027-01-19"}, {KindProfileExpires, "2027-02-09"}},
			calendar: []row{{KindEAPRDue, "2027-01-19"}, {KindProfileExpires, "2027-02-09"}},
		},
		{
			name: "an approved client's items say so",
			edit: func(a *assess.Assessment) {
				a.Verdict, a.EligibleFrom, a.EligibleUntil, a.LapseCode = assess.Eligible, today, d("2027-02-28"), "W-HOURS"
				a.Client.Jobs, a.Tests = nil, nil
			},
			approved:  true,
			horizon:   120,
			sheet:     []row{{KindApplyBy, "2027-02-28"}},
			calendar:  []row{{KindApplyBy, "2027-02-28"}},
			approvedW: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := agendaClient()
			a := &assess.Assessment{Client: c, AssessedOn: today, FromAsOf: true, Rules: rs,
				Tests: []assess.TestResult{
					{Index: 0, Valid: true, ValidUntil: d("2027-02-28")},
					{Index: 1, Valid: false, ValidUntil: d("2024-01-09")},
				}}
			tc.edit(a)
			sheet, cal := Agenda(a, tc.approved, today, tc.horizon)
			got := func(items []Item) []row {
				var out []row
				for _, it := range items {
					out = append(out, row{it.Kind, it.Date.String()})
					if it.ClientID != "C-1" || it.What == "" {
						t.Errorf("item %+v", it)
					}
					if it.Approved != tc.approved {
						t.Errorf("approved %v on %+v", it.Approved, it)
					}
				}
				return out
			}
			if g := got(sheet); fmt.Sprint(g) != fmt.Sprint(tc.sheet) {
				t.Errorf("sheet:\n got %v\nwant %v", g, tc.sheet)
			}
			if g := got(cal); fmt.Sprint(g) != fmt.Sprint(tc.calendar) {
				t.Errorf("calendar:\n got %v\nwant %v", g, tc.calendar)
			}
			if tc.approvedW && !strings.Contains(sheet[0].What, "Approved") {
				t.Errorf("approved apply-by says %q", sheet[0].What)
			}
		})
	}
}

func TestFirmRulesReview(t *testing.T) {
	rs := assess.Current()
	due := rs.NextReview
	if got := FirmItems(rs, due.AddDays(-121), 120); got != nil {
		t.Errorf("review beyond the horizon listed: %v", got)
	}
	got := FirmItems(rs, due.AddDays(5), 120)
	if len(got) != 1 || got[0].ClientID != FirmID || got[0].Kind != KindRulesReview || got[0].Date != due {
		t.Errorf("review row: %+v", got)
	}
}

// TestReconcileSequenceAndCancel: the calendar's identity across nights.
func TestReconcileSequenceAndCancel(t *testing.T) {
	night1 := d("2026-12-01")
	items := []Item{
		{ClientID: "C-1", Kind: KindApplyBy, Date: d("2027-02-28")},
		{ClientID: "C-1", Kind: KindTestExpires, Key: "CELPIP-2025-03-01", Date: d("2027-02-28")},
	}
	store, entries, changed := Reconcile("C-1", nil, items, night1)
	if !changed || len(store) != 2 || entries[0].Seq != 0 || entries[0].Cancelled {
		t.Fatalf("first night: %+v %+v", store, entries)
	}
	// Same items: nothing changes, same sequence.
	store2, entries2, changed := Reconcile("C-1", store, items, night1.AddDays(1))
	if changed || entries2[0].Seq != 0 || len(store2) != 2 {
		t.Fatalf("same night again: changed=%v %+v", changed, entries2)
	}
	// Apply-by moves, the test vanishes: sequence up, a cancellation.
	moved := []Item{{ClientID: "C-1", Kind: KindApplyBy, Date: d("2027-03-15")}}
	store3, entries3, changed := Reconcile("C-1", store2, moved, night1.AddDays(2))
	if !changed || len(entries3) != 2 || entries3[0].Seq != 1 || !entries3[1].Cancelled || entries3[1].Seq != 1 ||
		entries3[1].UID("x") != "C-1-test-expires-CELPIP-2025-03-01@x" {
		t.Fatalf("moved and vanished: %+v", entries3)
	}
	// The cancellation is kept 30 days, then left out.
	_, entries4, _ := Reconcile("C-1", store3, moved, night1.AddDays(2+OverdueDays))
	if len(entries4) != 2 || !entries4[1].Cancelled {
		t.Fatalf("cancellation within 30 days: %+v", entries4)
	}
	store5, entries5, changed := Reconcile("C-1", store3, moved, night1.AddDays(3+OverdueDays))
	if len(entries5) != 1 || len(store5) != 1 || !changed {
		t.Fatalf("cancellation after 30 days: %+v", entries5)
	}
	// A projection reached is left out, not cancelled.
	proj := []Stored{{Kind: KindEligibleFrom, Date: d("2026-12-05")}}
	_, entries6, _ := Reconcile("C-1", proj, nil, d("2026-12-05"))
	if len(entries6) != 0 {
		// on its own day it vanished because it is no longer in the future: reached
		t.Fatalf("eligible from reached: %+v", entries6)
	}
}

// TestAgendaKeysAreUnique: rows that derive the same key (a test entered
// twice, two permit rows with the same employer and start but different
// expiries) give one item per date, each with its own key, so the night's
// dates (one row per client, kind and key) can be stored. A workbook of
// 10,000 generated clients failed the whole run on this before.
func TestAgendaKeysAreUnique(t *testing.T) {
	today := d("2026-12-01")
	c := &assess.Client{ID: "C-1",
		Jobs: []assess.Job{
			{Employer: "Acme", Start: d("2025-01-01"), PermitExpiry: d("2027-01-31")},
			{Employer: "Acme", Start: d("2025-01-01"), PermitExpiry: d("2027-06-30")},
			{Employer: "Acme", Start: d("2025-01-01"), PermitExpiry: d("2027-09-30")},
		},
		Tests: []assess.Test{{Name: "CELPIP-General", Date: d("2025-03-01")}, {Name: "CELPIP-General", Date: d("2025-03-01")}},
	}
	a := &assess.Assessment{Client: c, AssessedOn: today, Rules: assess.Current(), Verdict: assess.NeedsReview,
		Tests: []assess.TestResult{{Index: 0, Valid: true, ValidUntil: d("2027-02-28")}, {Index: 1, Valid: true, ValidUntil: d("2027-02-28")}}}
	_, cal := Agenda(a, false, today, 365)
	keys := map[string]string{}
	var permits, tests int
	for _, it := range cal {
		k := string(it.Kind) + " " + it.Key
		if prev, dup := keys[k]; dup {
			t.Errorf("%s: %s and %s share the key %q", it.Kind, prev, it.Date, it.Key)
		}
		keys[k] = it.Date.String()
		switch it.Kind {
		case KindPermitExpires:
			permits++
		case KindTestExpires:
			tests++
		}
	}
	if permits != 3 || tests != 1 {
		t.Errorf("%d permit items (want 3), %d test items (want 1, the same result twice): %+v", permits, tests, cal)
	}
	// The keys are the same on the next night: the calendar keeps its UIDs.
	_, again := Agenda(a, false, today.AddDays(1), 365)
	if fmt.Sprint(again) != fmt.Sprint(cal) {
		t.Errorf("the next night's items differ:\n%v\n%v", cal, again)
	}
}
