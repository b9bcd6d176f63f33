package report

import "github.com/cecbatch/cecbatch/assess"

// fixtureCatalog holds the sentences the tests' hand-made clients carry
// where ingest would have written its own (an intake problem), with their
// French, so that a French document of such a client is wholly French.
var fixtureCatalog = assess.NewCatalog("report-fixtures", map[string]map[string]string{"fr": {
	"Hours per week %q is not a number: enter the hours as a number.":                                  "Heures par semaine %q n'est pas un nombre : inscrire les heures sous forme de nombre.",
	"Hours per week %q is not a number: write the usual hours per week as a number, for example 37.5.": "Heures par semaine %q n'est pas un nombre : inscrire les heures habituelles par semaine sous forme de nombre, par exemple 37,5.",
}})

// fixtureText is a sentence of fixtureCatalog.
func fixtureText(format string, args ...any) assess.Text { return fixtureCatalog.T(format, args...) }
