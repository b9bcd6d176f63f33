package report

import (
	"bytes"
	"fmt"
	"testing"
)

// TestSubsetCacheSameBytes renders opinions with the process's faces, whose
// subset cache is warm after the first render, and with faces whose caches
// are empty: a subset served from the cache must give the very same PDF.
func TestSubsetCacheSameBytes(t *testing.T) {
	warm := newRenderer(t)
	for name, c := range testClients() {
		a := assessFor(t, c, warm)
		render(t, warm, a) // fills the cache with this client's subsets
		cached := render(t, warm, a)

		cold := *warm
		for i, f := range warm.faces {
			fresh := *f
			fresh.subsets = newSubsetCache(subsetCacheSize)
			cold.faces[i] = &fresh
		}
		made := render(t, &cold, a)
		if !bytes.Equal(cached, made) {
			t.Errorf("%s: the opinion with cached font subsets differs from the one that made them", name)
		}
		if cold.faces[0].subsets.len() != 1 || cold.faces[1].subsets.len() != 1 {
			t.Errorf("%s: a render kept %d regular and %d bold subsets, want one each", name,
				cold.faces[0].subsets.len(), cold.faces[1].subsets.len())
		}
	}
}

// TestSubsetCacheBounded checks that the cache keeps at most its limit,
// dropping the subset used least recently.
func TestSubsetCacheBounded(t *testing.T) {
	c := newSubsetCache(3)
	for i := range 3 {
		c.put(fmt.Sprint(i), embeddedSubset{def: []byte{byte(i)}})
	}
	c.get("0") // 1 is now the least recently used
	c.put("3", embeddedSubset{def: []byte{3}})
	if c.len() != 3 {
		t.Errorf("%d subsets kept, want the limit 3", c.len())
	}
	if _, ok := c.get("1"); ok {
		t.Error("the least recently used subset was kept")
	}
	for _, k := range []string{"0", "2", "3"} {
		if s, ok := c.get(k); !ok || s.def[0] != k[0]-'0' {
			t.Errorf("subset %s: %v, %v", k, s.def, ok)
		}
	}
}
