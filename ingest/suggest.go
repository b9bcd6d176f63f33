package ingest

import (
	"sort"

	"github.com/cecbatch/cecbatch/assess"
)

// This file finds the accepted word nearest to an unknown one, for the
// "did you mean" of a problem message: "IELTS General Traning" is one
// letter away from "IELTS General Training".

// choice is one accepted spelling of a vocabulary and the value it stands
// for; two spellings of one value ("QC" and "Québec") never compete.
type choice struct {
	word  string // as a person writes it, quoted in the suggestion
	key   []rune // fold(word)
	value string // what the word means; equal values are one answer
}

// suggestions is a vocabulary's spellings, ready to be searched.
type suggestions []choice

func newSuggestions(pairs ...[2]string) suggestions {
	s := make(suggestions, 0, len(pairs))
	for _, p := range pairs {
		s = append(s, choice{word: p[0], key: []rune(fold(p[0])), value: p[1]})
	}
	// A fixed order makes the suggestion the same on every run.
	sort.SliceStable(s, func(i, j int) bool { return string(s[i].key) < string(s[j].key) })
	return s
}

// maxTypos is how many edits a word of n folded letters may be from an
// accepted word and still be taken for a misspelling of it: one in a short
// word, where two edits make another word ("ON" and "NB"), more in a long
// one.
func maxTypos(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	case n <= 10:
		return 2
	}
	return 3
}

// nearest returns the accepted spelling nearest to s, or "" when none is
// within maxTypos of it, or when two spellings of different values are
// equally near (a suggestion that could as well be another is no help).
func (sg suggestions) nearest(s string) string {
	k := []rune(fold(s))
	limit := maxTypos(len(k))
	if limit == 0 {
		return ""
	}
	best, bestDist, tie := -1, limit+1, false
	for i := range sg {
		c := &sg[i]
		if abs(len(c.key)-len(k)) > bestDist {
			continue
		}
		// The bound is one past the best: a cut-off distance is then
		// worse than the best, never taken for a tie with it.
		d := editDistance(k, c.key, bestDist+1)
		switch {
		case d < bestDist:
			best, bestDist, tie = i, d, false
		case d == bestDist && best >= 0 && sg[best].value != c.value:
			tie = true
		case d == bestDist && best >= 0 && c.word == c.value && sg[best].word != sg[best].value:
			// Two spellings of one value equally near ("employe" is one
			// letter from "employee" and "employed"): the value's own
			// word is the one the message lists.
			best = i
		}
	}
	if best < 0 || tie || bestDist == 0 {
		return ""
	}
	return sg[best].word
}

// didYouMean is the sentence a problem message ends with when s is near
// an accepted word: ` Did you mean "IELTS General Training"?`, or "".
func (sg suggestions) didYouMean(s string) assess.Text {
	if w := sg.nearest(s); w != "" {
		return msg(" Did you mean %q?", w)
	}
	return assess.Text{}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of adjacent
// letters each count one), computed on runes. It stops early and returns
// a value >= bound once the distance cannot be below bound.
func editDistance(a, b []rune, bound int) int {
	if abs(len(a)-len(b)) >= bound {
		return bound
	}
	// Three rows of the dynamic programme (two back for transpositions),
	// on the stack for the words of a vocabulary: a column of unknown
	// words is compared with every place, and must not allocate each time.
	var buf [3 * 48]int
	rows := buf[:]
	if n := 3 * (len(b) + 1); n > len(buf) {
		rows = make([]int, n)
	}
	w := len(b) + 1
	prev2, prev, cur := rows[:w], rows[w:2*w], rows[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
