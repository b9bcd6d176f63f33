package batch

import "golang.org/x/sync/errgroup"

// prescan is the run's first pass: Engine.Prescan on every input that will
// be read, on the workers, before any is processed. It returns each
// input's number of clients, so that the progress bar starts with its
// true total, and it lets the Engine know every client ID of the run
// before the first is claimed.
func (r *run) prescan(entries []inboxEntry) []int {
	counts := make([]int, len(entries))
	var pool errgroup.Group
	pool.SetLimit(r.cfg.Workers)
	for i := range entries {
		e := &entries[i]
		if e.reject != "" || r.stopping() {
			continue
		}
		pool.Go(func() error {
			defer func() {
				// A bug in the first pass costs only the count: the read
				// that follows reports the file properly.
				if p := recover(); p != nil {
					r.log.Error("counting the clients failed (a bug)", "file", shown(e.name, false), "panic", panicText(p))
				}
			}()
			// The first pass is the first read: the snapshot that every
			// later read uses is taken here, under the input's marker.
			done, err := r.markReading(e)
			if err != nil {
				return nil // the read will fail the run the same way
			}
			defer done()
			r.snapshot(e)
			if e.snapErr == nil && !e.over && !r.stopping() {
				counts[i] = r.opt.Engine.Prescan(r.stop, r.statePath(e.token, ".snap"), e.name)
			}
			return nil
		})
	}
	pool.Wait()
	total := 0
	for _, n := range counts {
		total += n
	}
	r.log.Info("clients counted", "inputs", len(entries), "clients", total)
	return counts
}
