package batch

import "sync/atomic"

// writebackEvery is how many bytes of documents a run writes between two
// starts of the output file system's writeback.
const writebackEvery = 32 << 20

// writeback has the kernel write the run's documents to disk while the run
// goes on. A run ends with one sync of everything it wrote, before any
// input leaves the inbox; on its own, that sync waited for the whole run's
// documents at the end (0.6 s for the PDFs of 10,000 clients on a virtual
// disk, with both cores idle), and most of them had not been written back
// yet: a run is shorter than the kernel's 30 s before it writes dirty
// pages out. Every writebackEvery bytes, a background goroutine now flushes
// the output's file system (syncfs on Linux; elsewhere nothing), at most
// one at a time, so that the final sync finds little left to do. The
// final sync stays: this is speed, not durability.
type writeback struct {
	pending atomic.Int64
	running atomic.Bool
	flush   func() // blocks until the file system's dirty data is written
}

// wrote counts n bytes written, and starts a flush once writebackEvery
// bytes were written since the last one started, unless one is running.
func (w *writeback) wrote(n int) {
	if w == nil || w.flush == nil || w.pending.Add(int64(n)) < writebackEvery || !w.running.CompareAndSwap(false, true) {
		return
	}
	w.pending.Store(0)
	go func() {
		defer w.running.Store(false)
		w.flush()
	}()
}
