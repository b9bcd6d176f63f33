// Package keyset is a set of strings kept without pointers, for the sets
// a run fills with one key a client and keeps to its end (file names, the
// Client IDs the inputs stored).
//
// Kept as strings in a map, 100,000 clients' keys are 100,000 pointers
// the garbage collector follows at every cycle, many times a second under
// the run's soft memory limit. Here the keys are end to end in one byte
// slice, found through a map from a 64-bit hash of the key to where it
// is: neither holds a pointer, so the collector does not look inside. A
// key whose hash another key already has goes to a plain set, so the
// comparison stays exact.
package keyset

import "hash/maphash"

// Set is a set of strings. The zero value is not ready: use New. Not safe
// for concurrent use.
type Set struct {
	seed   maphash.Seed
	keys   []byte            // every key, end to end
	at     map[uint64]uint64 // hash -> offset<<16 | length in keys
	others map[string]struct{}
}

// New returns an empty set.
func New() *Set {
	return &Set{seed: maphash.MakeSeed(), at: make(map[uint64]uint64), others: make(map[string]struct{})}
}

// Add adds key and reports true, or reports false if the set had it.
func (s *Set) Add(key string) bool {
	h := maphash.String(s.seed, key)
	loc, taken := s.at[h]
	if !taken && len(key) < 1<<16 {
		s.at[h] = uint64(len(s.keys))<<16 | uint64(len(key))
		s.keys = append(s.keys, key...)
		return true
	}
	if taken && s.stored(loc) == key {
		return false
	}
	// Another key has this hash (or the key is too long to place): the
	// plain set decides.
	if _, ok := s.others[key]; ok {
		return false
	}
	s.others[key] = struct{}{}
	return true
}

// Has reports whether the set has key.
func (s *Set) Has(key string) bool {
	if loc, ok := s.at[maphash.String(s.seed, key)]; ok && s.stored(loc) == key {
		return true
	}
	_, ok := s.others[key]
	return ok
}

// Len is the number of keys in the set.
func (s *Set) Len() int { return len(s.at) + len(s.others) }

// stored is the key at loc; compared with a string, it is not copied.
func (s *Set) stored(loc uint64) string {
	return string(s.keys[loc>>16 : loc>>16+loc&0xFFFF])
}
