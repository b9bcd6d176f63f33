package pdf

import (
	"container/list"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// A batch renders thousands of opinions whose characters are nearly the
// same: the boilerplate's, plus the few letters of each client's names and
// employers. Subsetting a face and compressing the subset cost about a
// quarter of an opinion's CPU, and their result depends on nothing but the
// face and the set of characters embedded, so it is kept: the next opinion
// printing the same characters embeds the same bytes without redoing them.

// subsetCacheSize bounds the subsets kept per face. An entry is the
// compressed subset (about 12 KB) and its read font definition (about
// 3 KB): 256 per face are about 8 MB for the two faces. The benchmark's
// generated 10,000 clients (names in several scripts) make 272 subsets
// per face since every letter is embedded (addSimpleFont), so nearly
// every opinion finds its subsets here.
const subsetCacheSize = 256

// embeddedSubset is one face's subset for one set of characters, as
// addSimpleFont hands it to fpdf. Both slices are shared by every document
// that embeds it and never written after they are made (fpdf only copies
// them into its output).
type embeddedSubset struct {
	def  *fpdf.FontDef // fpdf's font definition, read
	file []byte        // the zlib-compressed TrueType subset
}

// subsetCache keeps the most recently used subsets of one face, keyed by
// the characters they cover. It is safe for concurrent use.
type subsetCache struct {
	mu      sync.Mutex
	limit   int
	entries map[string]*list.Element // key -> element holding a *cachedSubset
	recent  list.List                // most recently used first
}

type cachedSubset struct {
	key string
	embeddedSubset
}

func newSubsetCache(limit int) *subsetCache {
	return &subsetCache{limit: limit, entries: make(map[string]*list.Element, limit)}
}

// get returns the subset stored under key, if any.
func (c *subsetCache) get(key string) (embeddedSubset, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return embeddedSubset{}, false
	}
	c.recent.MoveToFront(e)
	return e.Value.(*cachedSubset).embeddedSubset, true
}

// put stores s under key, dropping the least recently used subset when
// the cache is full. Two workers that missed the same key store the same
// bytes; the second put only refreshes the entry.
func (c *subsetCache) put(key string, s embeddedSubset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		c.recent.MoveToFront(e)
		return
	}
	c.entries[key] = c.recent.PushFront(&cachedSubset{key: key, embeddedSubset: s})
	if c.recent.Len() > c.limit {
		oldest := c.recent.Back()
		c.recent.Remove(oldest)
		delete(c.entries, oldest.Value.(*cachedSubset).key)
	}
}

// len is the number of subsets kept.
func (c *subsetCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.recent.Len()
}
