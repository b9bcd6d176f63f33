package crs

import "github.com/cecbatch/cecbatch/assess"

// The estimate's sentences are messages of crs's catalog (messages_fr.go),
// as assess's are of its own (assess/message.go).

var catalog = assess.NewCatalog("crs", map[string]map[string]string{"fr": messagesFR})

// msg is a message of crs's catalog: format is its English and its key.
func msg(format string, args ...any) assess.Text { return catalog.T(format, args...) }

// plural is crs's assess.Catalog.Plural.
func plural(n int, one, many string, args ...any) assess.Text {
	return catalog.Plural(n, one, many, args...)
}

// dataText is words of the rules' data that a firm's rules file may
// replace (a category's name, why it is not assessed, a reported grid
// change): the catalog translates cecbatch's own, and a document in
// another language prints a firm's own in English, marked.
func dataText(s string) assess.Text {
	if _, ok := catalog.Translation("fr", s); ok {
		return catalog.T(s)
	}
	return assess.Untranslated(s)
}
