package batch

import (
	"reflect"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/register"
)

// TestWriteSpoolRoundTrip: what the night spools for the register comes
// back field for field, file by file, in order: an intake with its facts,
// identity, outcome, history row and dates; a closing; an empty file.
func TestWriteSpoolRoundTrip(t *testing.T) {
	day := assess.MustDate("2026-12-01")
	files := [][]register.Write{
		{
			{ID: "W-1", Change: register.ChangeNew, Facts: []byte(`{"id":"W-1"}`), FactsHash: "h1",
				Identity:   &register.Identity{FamilyName: "Nguyễn", GivenNames: "Minh", DateOfBirth: assess.MustDate("1996-03-14"), SourceFile: "a.xlsx"},
				Intake:     &register.Intake{SourceFile: "a.xlsx", SHA256: "abc", Changes: []string{"1 job added"}},
				Outcome:    &register.Outcome{Verdict: assess.Eligible, EligibleFrom: "now", RequiredCLB: 7, Codes: []string{"W-HOURS"}, Rules: []string{"cec-2024-01-30"}},
				Assessment: &register.AssessmentRow{AsOf: "2026-12-01", Basis: "as-of date", Verdict: assess.Eligible, Hours: 1564.2, RequiredCLB: 7, Why: "intake"},
				Dates:      []register.Stored{{Kind: register.KindTestExpires, Key: "CELPIP-2025-03-01", Date: day.AddDays(80), Seq: 1}}, DatesChanged: true,
				LastChange: "r1: new"},
			{ID: "W-2", Change: register.ChangeUnchanged, Closing: &register.Closing{Closed: true, Reason: "applied", On: day}},
		},
		nil,
		{{ID: "W-3", Change: register.ChangeUpdated}},
	}
	s, err := newWriteSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.remove()
	for _, f := range files {
		if err := s.add(f); err != nil {
			t.Fatal(err)
		}
	}
	i := 0
	err = s.each(func(got []register.Write) error {
		if len(got) != len(files[i]) || (len(got) > 0 && !reflect.DeepEqual(got, files[i])) {
			t.Errorf("file %d:\n got %+v\nwant %+v", i, got, files[i])
		}
		i++
		return nil
	})
	if err != nil || i != len(files) {
		t.Fatalf("%d files read back, want %d: %v", i, len(files), err)
	}
}
