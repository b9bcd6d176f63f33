package report

import (
	"testing"

	"github.com/cecbatch/cecbatch/internal/catalogcheck"
)

// catalogFuncs are the functions report writes a message of its catalog
// with, and which of their arguments are its formats.
var catalogFuncs = map[string][]int{"t": {0}, "raw": {0}, "fprintf": {1}, "step": {0}}

// TestCatalogComplete: every message report writes has its French
// translation, with the same verbs, and the French catalog holds nothing
// the code no longer writes.
func TestCatalogComplete(t *testing.T) {
	catalogcheck.Check(t, catalogcheck.Keys(t, ".", catalogFuncs), messagesFR)
}
