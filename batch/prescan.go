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
	for i, e := range entries {
		if e.reject != "" || r.stopping() {
			continue
		}
		pool.Go(func() error {
			defer func() {
				// A bug in the first pass costs only the count: the read
				// that follows reports the file properly.
				if p := recover(); p != nil {
					r.log.Error("counting the clients failed (a bug)", "file", e.name, "panic", panicText(p))
				}
			}()
			counts[i] = r.opt.Engine.Prescan(e.path)
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
