package pdf

import "sync"

// Most of an opinion's paragraphs, table cells and labels are the same in
// every opinion: the rules, the headings, the notes. Breaking them into
// lines is the biggest part of the dry run's layout, and the result
// depends only on the text, the width and the font, so a renderer keeps
// the lines it made for the next documents: a memo, not state.

// wrapMemoSize is the number of texts a generation of the memo holds. An
// opinion wraps a few hundred texts, most of them boilerplate: 4,096 keep
// the boilerplate of opinions and letters in both languages from one
// generation to the next, in a few megabytes.
const wrapMemoSize = 4096

type wrapKey struct {
	s    string
	w    float64
	bold bool
	size float64
}

// wrapMemo keeps the lines of the texts wrapped last, in two generations:
// when the current one is full it becomes the old one, and a text found
// in the old one moves back to the current. Texts that every document
// wraps stay; a client's own texts leave after two generations. It is
// safe for concurrent use.
type wrapMemo struct {
	mu       sync.Mutex
	limit    int
	cur, old map[wrapKey][]string
}

func newWrapMemo(limit int) *wrapMemo {
	return &wrapMemo{limit: limit, cur: make(map[wrapKey][]string, limit)}
}

// get returns the lines kept for k (none in a nil memo). They are shared: read, never changed.
func (m *wrapMemo) get(k wrapKey) ([]string, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if lines, ok := m.cur[k]; ok {
		return lines, true
	}
	lines, ok := m.old[k]
	if ok {
		m.putLocked(k, lines)
	}
	return lines, ok
}

// put keeps lines for k.
func (m *wrapMemo) put(k wrapKey, lines []string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(k, lines)
}

func (m *wrapMemo) putLocked(k wrapKey, lines []string) {
	if len(m.cur) >= m.limit {
		m.old, m.cur = m.cur, make(map[wrapKey][]string, m.limit)
	}
	m.cur[k] = lines
}

// len is the number of texts kept, in both generations.
func (m *wrapMemo) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.cur) + len(m.old)
}
