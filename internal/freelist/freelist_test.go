package freelist

import "testing"

// TestList: a value given back is the one a later Get returns, a full list
// drops what is given back instead of blocking the worker, and a kept
// slice too small for the next picture is not handed out.
func TestList(t *testing.T) {
	l := New[[]byte](2)
	if _, ok := l.Get(); ok {
		t.Fatal("a new list handed out a value")
	}
	a, b, c := make([]byte, 10), make([]byte, 20), make([]byte, 30)
	l.Put(a)
	l.Put(b)
	l.Put(c) // full: dropped, without blocking
	if got, _ := l.Get(); &got[0] != &a[0] {
		t.Error("the first value given back is not the first handed out")
	}
	if got := Slice(l, 15); &got[0] != &b[0] || len(got) != 15 {
		t.Errorf("Slice(15) did not reuse the kept 20-element slice: len %d", len(got))
	}
	if _, ok := l.Get(); ok {
		t.Error("the dropped value was kept")
	}
	l.Put(a)
	if got := Slice(l, 11); len(got) != 11 || &got[0] == &a[0] {
		t.Error("Slice(11) handed out a 10-element slice")
	}
}
