package batch

import (
	"testing"

	"github.com/cecbatch/cecbatch/internal/catalogcheck"
)

// TestCatalogComplete: every message batch writes for a client's opinion
// has its French, with the same values, and nothing stale.
func TestCatalogComplete(t *testing.T) {
	catalogcheck.Check(t, catalogcheck.Keys(t, ".", map[string][]int{"msg": {0}}), messagesFR)
}
