package pdf

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// TestWrapMemoGenerations checks that the memo holds at most two
// generations, that a text used again survives a new generation, and
// that one not used again leaves.
func TestWrapMemoGenerations(t *testing.T) {
	m := newWrapMemo(3)
	key := func(i int) wrapKey { return wrapKey{s: fmt.Sprint("text ", i), w: 100, size: 9} }
	for i := range 3 {
		m.put(key(i), []string{fmt.Sprint(i)})
	}
	m.put(key(3), []string{"3"}) // 0-2 become the old generation
	if lines, ok := m.get(key(0)); !ok || !slices.Equal(lines, []string{"0"}) {
		t.Fatalf("text 0 from the old generation: %q, %v", lines, ok)
	}
	m.put(key(4), []string{"4"}) // current: 3, 0, 4 (full)
	m.put(key(5), []string{"5"}) // current: 5; old: 3, 0, 4
	if _, ok := m.get(key(1)); ok {
		t.Error("text 1, not used for two generations, was kept")
	}
	for _, i := range []int{0, 3, 4, 5} {
		if _, ok := m.get(key(i)); !ok {
			t.Errorf("text %d was dropped", i)
		}
	}
	if n := m.len(); n > 2*3 {
		t.Errorf("%d texts kept, at most two generations of 3", n)
	}
	if _, ok := m.get(wrapKey{s: "text 0", w: 100, size: 9, bold: true}); ok {
		t.Error("the bold text was taken for the regular one")
	}
	var none *wrapMemo
	none.put(key(0), nil)
	if _, ok := none.get(key(0)); ok {
		t.Error("a nil memo kept a text")
	}
}

// TestWrapMemoConcurrent wraps the same texts from several goroutines
// (go test -race) and checks every one gets the lines of a fresh pager.
func TestWrapMemoConcurrent(t *testing.T) {
	memo := newWrapMemo(8)
	texts := []string{"The client meets the work requirement.", "Language ability: CLB 7 in all four abilities on one accepted test.", "Intended province: Ontario."}
	want := map[string][]string{}
	for _, s := range texts {
		want[s] = (&pager{faces: faces(t), size: 9}).breakLines(s, 50)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				p := &pager{faces: faces(t), size: 9, record: true, memo: memo}
				s := texts[(g+i)%len(texts)]
				if got := p.wrap(s, 50); !slices.Equal(got, want[s]) {
					t.Errorf("%q: %q, want %q", s, got, want[s])
					return
				}
			}
		}()
	}
	wg.Wait()
}
