package batch

import "github.com/cecbatch/cecbatch/assess"

// The one sentence of the run that reaches a client's opinion (a Client
// ID the register holds for another person) is a message of batch's
// catalog (messages_fr.go), as the engine's are (assess/message.go).

var catalog = assess.NewCatalog("batch", map[string]map[string]string{"fr": messagesFR})

// msg is a message of batch's catalog: format is its English and its key.
func msg(format string, args ...any) assess.Text { return catalog.T(format, args...) }
