package keyset

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSetAgainstMap: a set and a map given the same keys, many of them
// repeated, agree on every Add and Has; keys include the empty key, keys
// that differ in one byte or only in length, and keys of 64 KB and more.
func TestSetAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	s, want := New(), map[string]bool{}
	long := strings.Repeat("x", 1<<16)
	for i := range 20000 {
		var key string
		switch rng.IntN(6) {
		case 0:
			key = ""
		case 1:
			key = long + fmt.Sprint(rng.IntN(3))
		case 2:
			key = strings.Repeat("a", rng.IntN(40))
		default:
			key = fmt.Sprintf("F%06d", rng.IntN(5000))
		}
		if got, exp := s.Has(key), want[key]; got != exp {
			t.Fatalf("step %d: Has(%.20q) = %v before Add, want %v", i, key, got, exp)
		}
		if got, exp := s.Add(key), !want[key]; got != exp {
			t.Fatalf("step %d: Add(%.20q) = %v, want %v", i, key, got, exp)
		}
		want[key] = true
		if !s.Has(key) {
			t.Fatalf("step %d: after Add(%.20q): not in the set", i, key)
		}
	}
}

// TestSetSameHash: two keys whose hashes are equal are both kept, and
// told apart. Equal 64-bit hashes cannot be found by search, so the map
// is given one by hand: "bob.pdf"'s hash is made to lead to "anna.pdf".
func TestSetSameHash(t *testing.T) {
	s := New()
	if !s.Add("anna.pdf") {
		t.Fatal("the first key was refused")
	}
	s.at[maphash.String(s.seed, "bob.pdf")] = s.at[maphash.String(s.seed, "anna.pdf")]
	if s.Has("bob.pdf") {
		t.Error("a key never added is found through another key's hash")
	}
	for _, step := range []struct {
		key  string
		want bool
	}{{"bob.pdf", true}, {"bob.pdf", false}, {"anna.pdf", false}, {"carl.pdf", true}, {"carl.pdf", false}} {
		if got := s.Add(step.key); got != step.want {
			t.Errorf("Add(%q) = %v, want %v", step.key, got, step.want)
		}
	}
	if !s.Has("bob.pdf") || !s.Has("anna.pdf") {
		t.Error("the two keys of one hash are not both in the set")
	}
}

// BenchmarkSetAdd adds 100,000 Client IDs, as a run of 100,000 clients
// does.
func BenchmarkSetAdd(b *testing.B) {
	keys := make([]string, 100000)
	for i := range keys {
		keys[i] = fmt.Sprintf("F%06d", i)
	}
	for b.Loop() {
		s := New()
		for _, k := range keys {
			s.Add(k)
		}
	}
}

// TestTexts: every text added is given back as it was, empty ones and
// ones that are prefixes of others included, however many came after it.
func TestTexts(t *testing.T) {
	var texts Texts
	want := []string{"F000001", "", "F00000", "Élodie Bérubé", "test expires", strings.Repeat("z", 70000), "F000001"}
	var spans []Span
	for _, s := range want {
		spans = append(spans, texts.Add(s))
	}
	for i, sp := range spans {
		if got := texts.String(sp); got != want[i] {
			t.Errorf("text %d: %.20q, want %.20q", i, got, want[i])
		}
	}
}
