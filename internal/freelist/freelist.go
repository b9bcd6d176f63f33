// Package freelist keeps a few values, buffers mostly, between the
// clients of a run, for the next client to reuse.
//
// It is for what a sync.Pool would lose: the garbage collector empties
// pools, and at 100,000 clients it runs every 50 ms or so, so that a
// document's buffers, kept in pools, were allocated and cleared anew again
// and again (a third of a run's allocations). A List is bounded and never
// blocks: past its size, a value given back is dropped.
package freelist

// List holds up to its capacity of values. Safe for concurrent use.
type List[T any] chan T

// New returns a list that keeps up to n values: about as many as the
// run's workers use at once.
func New[T any](n int) List[T] { return make(List[T], n) }

// Get returns a value given back earlier, if there is one.
func (l List[T]) Get() (T, bool) {
	select {
	case v := <-l:
		return v, true
	default:
		var zero T
		return zero, false
	}
}

// Put gives v back for a later Get, unless the list is full. v must not
// be used after.
func (l List[T]) Put(v T) {
	select {
	case l <- v:
	default:
	}
}

// Slice returns a slice of n elements from l, their content undefined: a
// kept slice with room for n, else a new one.
func Slice[T any](l List[[]T], n int) []T {
	if b, ok := l.Get(); ok && cap(b) >= n {
		return b[:n]
	}
	return make([]T, n)
}
