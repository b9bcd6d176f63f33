package report

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/register"
)

// TestAgendaKeyOrder: the Agenda sheet's keys, which keep an item's texts
// without pointers, sort items as register.CompareItems does (date,
// Client ID, kind, key), on items that tie on every prefix of that order:
// IDs that are prefixes of others, empty keys, kinds in any order.
func TestAgendaKeyOrder(t *testing.T) {
	s, err := NewRegisterSummary(filepath.Join(t.TempDir(), "summary.xlsx"), assess.MustDate("2025-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	rng := rand.New(rand.NewPCG(7, 8))
	ids := []string{"A", "A1", "A10", "B", "a", "É-1"}
	kinds := []register.Kind{register.KindTestExpires, register.KindApplyBy, register.KindEligibleFrom, register.KindPermitExpires}
	keyTexts := []string{"", "IELTS 2024-01-02", "IELTS 2024-01-0", "Maple Inc. 2023-05-01"}
	var items []register.Item
	for range 300 {
		it := register.Item{ClientID: ids[rng.IntN(len(ids))], Kind: kinds[rng.IntN(len(kinds))], Key: keyTexts[rng.IntN(len(keyTexts))],
			Date: assess.MustDate("2025-06-01").AddDays(rng.IntN(3)), What: "what to do"}
		items = append(items, it)
		if err := s.AddAgenda(it); err != nil {
			t.Fatal(err)
		}
	}
	sign := func(c int) int { return min(1, max(-1, c)) }
	for i, x := range items {
		for j, y := range items {
			if got, want := sign(s.compareAgenda(s.reg.keys[i], s.reg.keys[j])), sign(register.CompareItems(x, y)); got != want {
				t.Fatalf("%+v against %+v: %d, register.CompareItems says %d", x, y, got, want)
			}
		}
	}
}
