package ahead

import (
	"errors"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
)

// TestEachInOrder: every item is used, in order, whatever the count.
func TestEachInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 1000} {
		var got []int
		err := Each(n, func(i int, _ int) (int, error) { return i * i, nil }, func(v int) error {
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i * i
		}
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: used %v, want %v", n, got, want)
		}
	}
}

// TestEachReusesItems: produce is handed back what consume is done with,
// so a long sequence makes no more than three items; and an item is never
// handed back while consume still holds it (nor rewritten under it: the
// race detector would say so).
func TestEachReusesItems(t *testing.T) {
	made := 0
	var inUse atomic.Pointer[[]int]
	next := 0
	err := Each(500, func(i int, spare *[]int) (*[]int, error) {
		if spare == nil {
			made++
			spare = new([]int)
		}
		if spare == inUse.Load() {
			t.Errorf("item %d: produce was given the item consume holds", i)
		}
		*spare = append((*spare)[:0], i)
		return spare, nil
	}, func(p *[]int) error {
		inUse.Store(p)
		runtime.Gosched()
		if len(*p) != 1 || (*p)[0] != next {
			t.Errorf("item %d holds %v", next, *p)
		}
		next++
		inUse.Store(nil)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if made > inFlight {
		t.Errorf("%d items made for 500, want at most %d", made, inFlight)
	}
}

// TestEachStops: produce's error is returned after the items before it
// are used; consume's error stops produce; neither calls produce after
// Each returns.
func TestEachStops(t *testing.T) {
	bad := errors.New("unreadable")
	var used []int
	var returned atomic.Bool
	err := Each(100, func(i int, _ int) (int, error) {
		if returned.Load() {
			t.Error("produce called after Each returned")
		}
		if i == 5 {
			return 0, bad
		}
		return i, nil
	}, func(v int) error {
		used = append(used, v)
		return nil
	})
	returned.Store(true)
	if !errors.Is(err, bad) || !slices.Equal(used, []int{0, 1, 2, 3, 4}) {
		t.Errorf("produce's error: Each = %v, used %v; want %v after 0 to 4", err, used, bad)
	}

	var calls atomic.Int32
	returned.Store(false)
	err = Each(100, func(i int, _ int) (int, error) {
		if returned.Load() {
			t.Error("produce called after Each returned")
		}
		calls.Add(1)
		return i, nil
	}, func(v int) error {
		if v == 10 {
			return bad
		}
		return nil
	})
	returned.Store(true)
	if !errors.Is(err, bad) {
		t.Errorf("consume's error: Each = %v, want %v", err, bad)
	}
	if c := calls.Load(); c > 10+inFlight {
		t.Errorf("produce called %d times after consume failed on item 10", c)
	}
}
