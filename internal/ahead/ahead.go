// Package ahead makes the items of a sequence one step ahead of their use:
// a goroutine makes item i+1 while the caller uses item i. A run's end is
// serial (the summary's sorted sheets read back from their spools, the
// register's transactions read back from theirs) and leaves a core idle:
// reading ahead puts it to work.
package ahead

// inFlight is the most items that exist at once: one being made, one
// waiting, one being used.
const inFlight = 3

// Each calls produce(i, spare) for i from 0 to n-1, in order, in a
// goroutine of its own, and consume on each item produced, in order, in
// the caller's goroutine. spare is an item consume is done with (the zero
// value for the first ones), for produce to reuse its memory: no more than
// three items exist at once. Each stops at the first error, produce's or
// consume's, and returns it; it returns only once the goroutine has ended,
// so produce is never called after Each returns.
func Each[T any](n int, produce func(i int, spare T) (T, error), consume func(T) error) error {
	type produced struct {
		item T
		err  error
	}
	full := make(chan produced, 1)
	free := make(chan T, inFlight)
	var zero T
	for range inFlight {
		free <- zero
	}
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer close(full)
		for i := range n {
			var spare T
			select {
			case spare = <-free:
			case <-quit:
				return
			}
			item, err := produce(i, spare)
			select {
			case full <- produced{item, err}:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	defer func() {
		close(quit)
		<-done
	}()
	for p := range full {
		if p.err != nil {
			return p.err
		}
		if err := consume(p.item); err != nil {
			return err
		}
		free <- p.item // never blocks: at most inFlight items exist
	}
	return nil
}
