package crs

import (
	"testing"

	"github.com/cecbatch/cecbatch/internal/catalogcheck"
)

// TestCatalogComplete: every message crs writes has its French, with the
// same values, and nothing stale; so have the words of the built-in rules
// a document prints (the categories' names, why one is not assessed, the
// grid's reported change, the reform caveat), which a firm's rules file
// may replace.
func TestCatalogComplete(t *testing.T) {
	keys := catalogcheck.Keys(t, ".", map[string][]int{"msg": {0}, "plural": {1, 2}})
	for _, c := range BuiltinCategories().Categories {
		keys[c.Name] = "the built-in category " + c.ID
		if c.NotAssessed != "" {
			keys[c.NotAssessed] = "the built-in category " + c.ID
		}
	}
	keys[BuiltinGrid().ReportedChange] = "the built-in grid"
	keys[Builtin().ReformCaveat] = "the built-in rules"
	catalogcheck.Check(t, keys, messagesFR)
}
