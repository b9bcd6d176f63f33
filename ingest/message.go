package ingest

import "github.com/cecbatch/cecbatch/assess"

// The problems ingest finds on a client's rows reach the client's opinion
// draft: they are messages of ingest's catalog (messages_fr.go), written
// in the document's language (assess/message.go). The problems of a
// workbook as a whole (quarantine reports, the summary's Problems sheet,
// `cecbatch check`) are for the firm's staff, in English.

var catalog = assess.NewCatalog("ingest", map[string]map[string]string{"fr": messagesFR})

// msg is a message of ingest's catalog: format is its English and its key.
func msg(format string, args ...any) assess.Text { return catalog.T(format, args...) }

// textErr is an error whose words are t.
func textErr(t assess.Text) error { return assess.TextError(t) }
