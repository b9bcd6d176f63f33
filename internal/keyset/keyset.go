// Package keyset keeps strings without pointers, for what a run fills with
// one string a client and keeps to its end: a list of texts (Texts: sort
// keys, Client IDs) and a set (Set: file names, the Client IDs the inputs
// stored).
//
// Kept as strings, 100,000 clients' keys are 100,000 pointers the garbage
// collector follows at every cycle, many times a second under the run's
// soft memory limit. Here the texts are end to end in one byte slice, each
// found by its place: nothing holds a pointer, so the collector does not
// look inside.
package keyset

import (
	"hash/maphash"
)

// Texts is a list of strings end to end in one byte slice, each found by
// the Span Add returned. The zero value is ready. Not safe for concurrent
// use.
type Texts struct{ b []byte }

// Span is a text's place in a Texts.
type Span struct{ at, n uint32 }

// Add appends s and returns its place.
func (t *Texts) Add(s string) Span {
	sp := Span{at: uint32(len(t.b)), n: uint32(len(s))}
	t.b = append(t.b, s...)
	return sp
}

// Bytes is the text at sp, in t's storage: not to be changed.
func (t *Texts) Bytes(sp Span) []byte { return t.b[sp.at : sp.at+sp.n] }

// String is the text at sp.
func (t *Texts) String(sp Span) string { return string(t.Bytes(sp)) }

// Set is a set of strings: the keys in a Texts, found through a map from
// a 64-bit hash of the key to its place. A key whose hash another key
// already has goes to a plain set, so the comparison stays exact. The
// zero value is not ready: use New. Not safe for concurrent use.
type Set struct {
	seed   maphash.Seed
	keys   Texts
	at     map[uint64]Span
	others map[string]struct{}
}

// New returns an empty set.
func New() *Set {
	return &Set{seed: maphash.MakeSeed(), at: make(map[uint64]Span), others: make(map[string]struct{})}
}

// Add adds key and reports true, or reports false if the set had it.
func (s *Set) Add(key string) bool {
	h := maphash.String(s.seed, key)
	sp, taken := s.at[h]
	if !taken {
		s.at[h] = s.keys.Add(key)
		return true
	}
	// Compared as a string, the stored key is not copied.
	if string(s.keys.Bytes(sp)) == key {
		return false
	}
	// Another key has this hash: the plain set decides.
	if _, ok := s.others[key]; ok {
		return false
	}
	s.others[key] = struct{}{}
	return true
}

// Has reports whether the set has key.
func (s *Set) Has(key string) bool {
	if sp, ok := s.at[maphash.String(s.seed, key)]; ok && string(s.keys.Bytes(sp)) == key {
		return true
	}
	_, ok := s.others[key]
	return ok
}
