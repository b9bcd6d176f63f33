package assess

import (
	"testing"

	"github.com/cecbatch/cecbatch/internal/catalogcheck"
)

// TestCatalogComplete: every message assess writes has its French, with
// the same values, and the French catalog holds nothing assess no longer
// writes.
func TestCatalogComplete(t *testing.T) {
	keys := catalogcheck.Keys(t, ".", map[string][]int{"msg": {0}, "plural": {1, 2}})
	if len(keys) < 100 {
		t.Fatalf("only %d messages found: the code is not read", len(keys))
	}
	catalogcheck.Check(t, keys, messagesFR)
}
