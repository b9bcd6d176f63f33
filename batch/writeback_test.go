package batch

import (
	"sync/atomic"
	"testing"
	"time"
)

// TestWriteback: a flush starts once writebackEvery bytes were written
// since the last one started, never two at a time, and a run without a
// flush (no syncfs) counts nothing.
func TestWriteback(t *testing.T) {
	var started atomic.Int32
	release := make(chan struct{})
	w := &writeback{flush: func() { started.Add(1); <-release }}
	waitFor := func(n int32) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); started.Load() != n; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d flushes started, want %d", started.Load(), n)
			}
		}
	}
	w.wrote(writebackEvery - 1)
	time.Sleep(20 * time.Millisecond)
	if started.Load() != 0 {
		t.Fatal("a flush started before writebackEvery bytes")
	}
	w.wrote(1)
	waitFor(1)
	w.wrote(3 * writebackEvery) // the first flush still running
	time.Sleep(20 * time.Millisecond)
	waitFor(1)
	release <- struct{}{}
	for w.running.Load() {
		time.Sleep(time.Millisecond)
	}
	w.wrote(writebackEvery)
	waitFor(2)
	close(release)

	var none *writeback
	none.wrote(writebackEvery)
	(&writeback{}).wrote(writebackEvery)
}
