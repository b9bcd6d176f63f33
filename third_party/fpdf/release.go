package fpdf

import (
	"bytes"
	"errors"
)

// cecbatch patch 9: buffers handed on from one document to the next.
//
// A program that writes thousands of documents allocates, for each, a
// buffer per page and one for the whole document, and drops them once
// the document is written: a 4-page document of 50 KB was about 100 KB
// of garbage that the collector had to sweep and the next document had to
// clear again. Release, called once the document is written, hands those
// buffers to the next documents this package makes. A program that does
// not call it works as before.

// ErrReleased is the error of a document used after Release.
var ErrReleased = errors.New("fpdf: the document was released")

// The released buffers, up to a bound: as many as a few documents
// written at once use. Not a sync.Pool, which the collector empties, and
// which a program making documents as fast as it can empties every few
// documents.
var (
	freePages = make(chan *bytes.Buffer, 64)
	freeDocs  = make(chan []byte, 16)
)

// Release hands the document's buffers, its pages' and its own, to the
// next documents: call it once Output has written the document, and use
// the document no more (it then fails with ErrReleased).
func (f *Fpdf) Release() {
	for i, p := range f.pages {
		if p == nil {
			continue
		}
		f.pages[i] = nil
		if p.Cap() < pageBufferSize {
			// pages[0], an empty placeholder: handed on, it was some
			// page's buffer, grown from nothing by doubling.
			continue
		}
		p.Reset()
		select {
		case freePages <- p:
		default:
		}
	}
	if b := f.buffer.Bytes(); cap(b) > 0 {
		f.buffer = fmtBuffer{}
		select {
		case freeDocs <- b[:0]:
		default:
		}
	}
	f.err = ErrReleased
}

// newPageBuffer is a page's buffer, released by an earlier document or
// new with room for a page of text.
func newPageBuffer() *bytes.Buffer {
	select {
	case b := <-freePages:
		return b
	default:
		return bytes.NewBuffer(make([]byte, 0, pageBufferSize))
	}
}

// growDocBuffer gives the document's buffer room for size bytes, in a
// buffer released by an earlier document when there is one.
func (f *Fpdf) growDocBuffer(size int) {
	if f.buffer.Cap() == 0 {
		select {
		case b := <-freeDocs:
			f.buffer = fmtBuffer{*bytes.NewBuffer(b)}
		default:
		}
	}
	f.buffer.Grow(size)
}
