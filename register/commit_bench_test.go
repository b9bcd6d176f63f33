package register

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// BenchmarkCommitFile stores workbooks of 250 new clients, as a night
// with inputs does, each client with its facts (about 3 KB), intake,
// outcome, history row and three calendar dates: the serial step at the
// end of a run, after its folder is complete. Reported per client.
func BenchmarkCommitFile(b *testing.B) {
	r, err := Open(filepath.Join(b.TempDir(), FileName), Options{FileMode: 0o600})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	facts := []byte(strings.Repeat(`{"employer":"Maple Leaf Analytics Inc.","hours":30,"from":"2022-03-01"},`, 40))
	file := 0
	for b.Loop() {
		writes := make([]Write, 250)
		for i := range writes {
			id := fmt.Sprintf("F%04d-%03d", file, i)
			o := &Outcome{Verdict: assess.Eligible, EligibleFrom: "now", EligibleUntil: "2026-03-01", RequiredCLB: 7,
				HoursReached: "2024-02-01", Codes: []string{"CEC-HOURS-MET", "CEC-LANG-MET"}, CRS: "471-489", Rules: []string{"cec-2026-01", "crs-2026-03"}}
			writes[i] = Write{ID: id, Change: ChangeNew,
				Identity: &Identity{FamilyName: "Singh", GivenNames: "Siobhán", DateOfBirth: d("1990-04-0" + fmt.Sprint(1+i%9)), SourceFile: "intake.xlsx"},
				Facts:    facts, FactsHash: fmt.Sprintf("%064x", i),
				Intake:  &Intake{SourceFile: "intake.xlsx", SHA256: strings.Repeat("ab", 32)},
				Outcome: o,
				Assessment: &AssessmentRow{AsOf: "2025-06-01", Basis: "as-of date", Verdict: assess.Eligible, Hours: 1620, RequiredCLB: 7,
					EligibleFrom: "2024-02-01", EligibleUntil: "2026-03-01", HoursReached: "2024-02-01", CRS: "471-489", Codes: "CEC-HOURS-MET", Rules: "cec-2026-01", Why: "new intake"},
				Dates:        []Stored{{Kind: KindApplyBy, Date: d("2026-03-01")}, {Kind: KindApplyBy, Key: "b", Date: d("2026-04-01")}, {Kind: KindApplyBy, Key: "c", Date: d("2026-05-01")}},
				DatesChanged: true, LastChange: "new: Eligible (new intake)"}
		}
		if err := r.CommitFile(ctx, RunInfo{RunID: "r1", Folder: "/out/r1", AsOf: d("2025-06-01")}, writes); err != nil {
			b.Fatal(err)
		}
		file++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*250), "µs/client")
}
