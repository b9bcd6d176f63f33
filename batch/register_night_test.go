package batch

import (
	"runtime"
	"testing"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/register"
)

// TestReassessedOutcomeKeepsNoJob: the outcome a re-assessed client
// leaves in the night's writes, which live until the night's commit, does
// not keep its job alive: once the job is dropped, its documents are
// freed while the write is still held.
func TestReassessedOutcomeKeepsNoJob(t *testing.T) {
	job := &reassessed{outcome: register.Outcome{Verdict: assess.Eligible}, docs: []Document{{Name: "x.pdf", Data: make([]byte, 1<<20)}}}
	freed := make(chan struct{})
	runtime.SetFinalizer(&job.docs[0].Data[0], func(*byte) { close(freed) })
	writes := []register.Write{{ID: "A-1", Outcome: job.outcomeCopy()}}
	job = nil
	deadline := time.After(10 * time.Second)
	for done := false; !done; {
		runtime.GC()
		select {
		case <-freed:
			done = true
		case <-deadline:
			t.Fatal("the job's documents are still reachable from the night's writes")
		case <-time.After(10 * time.Millisecond):
		}
	}
	if writes[0].Outcome.Verdict != assess.Eligible {
		t.Errorf("the write's outcome is %+v", writes[0].Outcome)
	}
	runtime.KeepAlive(writes)
}
