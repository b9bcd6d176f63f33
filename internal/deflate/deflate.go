// Package deflate keeps the run's deflate compressors (klauspost/compress
// at BestSpeed) in one pool, for the Word drafts' parts and timeline
// pictures and the register's stored facts.
//
// A compressor holds about 800 KB (its hash table, history and tokens),
// which a run keeps alive in its pools, and whatever the run keeps alive
// the garbage collector has to work around: under the soft memory limit,
// every megabyte of live heap is a megabyte less between collections. A
// pool per use kept two to four compressors per use; one pool keeps as
// many as are in use at once.
package deflate

import (
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// writers is a sync.Pool, which the collector empties, unlike the free
// lists that keep the documents' buffers (report, report/docx): a
// compressor is taken and given back several times a client, so the pool's
// victim cache carries it over each collection. A 10,000-client run with
// Word drafts and the register allocated no compressor after its first
// few (--memprofile).
var writers = sync.Pool{New: func() any {
	w, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		// BestSpeed is a valid level: cannot fail.
		panic("deflate: " + err.Error())
	}
	return w
}}

// Get returns a compressor at BestSpeed writing to out. A reused
// compressor writes exactly what a new one would.
func Get(out io.Writer) *flate.Writer {
	w := writers.Get().(*flate.Writer)
	w.Reset(out)
	return w
}

// Put gives w back once closed; w must not be used after.
func Put(w *flate.Writer) {
	// Not kept pointing at the caller's buffer until it is reused.
	w.Reset(io.Discard)
	writers.Put(w)
}
