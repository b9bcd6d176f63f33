package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"

	"github.com/klauspost/compress/flate"
)

// The data sheets whose rows go into the workbook in the order they arrive
// (Work, Language, Problems, Express Entry, Rejected files, Changes) need
// nothing from the end of the run but their row count. Their rows are made
// into XML as they arrive, and one goroutine compresses them while the run
// goes on, into a file of raw deflate per sheet; when the workbook is
// saved, that compressed data is copied into the sheet's part between its
// head and its tail, each compressed on its own. A deflate stream may be
// made of pieces compressed apart: each piece but the last ends on a byte
// boundary (a sync flush) without the final-block mark, and a piece refers
// back only to bytes that come just before it in the stream (to none, for
// the head, the first piece of rows and the tail).
//
// At the end of a run, when nothing else is left to do and one core would
// wait for the other, the summary then compresses only its sorted sheets
// (Summary, Agenda), whose order is known only then: their rows are read
// back from their spools in that order into streams of their own, the
// same way (streamFromSpool). At 100,000 clients the sheets streamed
// during the run are three fifths of the workbook's XML.
//
// One compressor serves every sheet, each buffer of rows a piece of its
// own: a compressor is about 1 MB, and one per sheet added 7 MB to the
// run's live heap, which under its soft memory limit made the collector
// run 40 % more often at 100,000 clients. A piece starts from the last
// 32 KB of the sheet's rows before it (the compressor's dictionary): in
// the stream, those bytes come just before it, so its matches into them
// hold. Without them, 64 KB pieces were 4 to 15 % larger than one stream;
// with them, 0.2 to 0.4 %.

// streamChunkSize is about the size of a piece of rows: a sheet's buffer
// is handed to the compressor when it holds this much.
const streamChunkSize = 64 << 10

// streamDictSize is how much of a sheet's rows a piece may refer back to:
// deflate's window.
const streamDictSize = 32 << 10

// streamCompressor compresses the streamed sheets' buffers of rows, in
// the order they are handed to it.
type streamCompressor struct {
	jobs chan streamPiece
	done chan struct{}
}

type streamPiece struct {
	st  *rowStream
	buf []byte
}

func newStreamCompressor() *streamCompressor {
	c := &streamCompressor{jobs: make(chan streamPiece, 2), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *streamCompressor) run() {
	defer close(c.done)
	zw, err := flate.NewWriter(io.Discard, workbookLevel)
	// last is the sheet zw compressed the last piece of. A piece of the
	// same sheet goes on from where it stopped; a piece of another starts
	// afresh from its sheet's dictionary, which costs compressing the
	// dictionary again (a third more work for a 64 KB piece). A sorted
	// sheet's pieces, at Close, all come one after the other. (last keeps
	// its sheet reachable: no new sheet can take its address.)
	var last *rowStream
	for p := range c.jobs {
		st := p.st
		if st.err == nil {
			st.err = err
		}
		if st.err == nil {
			st.crc = crc32.Update(st.crc, crc32.IEEETable, p.buf)
			st.size += int64(len(p.buf))
			if st != last {
				zw.ResetDict(st.out, st.dict)
				last = st
			}
			if _, st.err = zw.Write(p.buf); st.err == nil {
				st.err = zw.Flush() // byte-aligned, not final
			}
			st.dict = lastBytes(st.dict, p.buf, streamDictSize)
		}
		st.free <- p.buf[:0]
		st.pending.Done()
	}
}

// stop ends the compressor's goroutine once every piece handed to it is
// compressed.
func (c *streamCompressor) stop() {
	close(c.jobs)
	<-c.done
}

// rowStream is one such sheet's rows.
type rowStream struct {
	sheet string
	cols  []summaryColumn
	first int // the first data row's number
	rows  int

	c        *streamCompressor
	buf      []byte      // rows not yet handed to the compressor
	free     chan []byte // the sheet's two buffers, when not in use
	pending  sync.WaitGroup
	finished bool

	dict []byte // the last rows compressed, the next piece's dictionary (the compressor's)

	f   *os.File        // the rows, compressed
	w   *bufio.Writer   // to f
	out *countingWriter // to w
	// Written by the compressor for each piece, read once pending is done.
	err  error
	crc  uint32 // of the rows' XML
	size int64  // the rows' XML's length
}

func newRowStream(c *streamCompressor, dir, sheet string, cols []summaryColumn, first int) (*rowStream, error) {
	f, err := os.CreateTemp(dir, ".summary-sheet-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("summary sheet %s: %w", sheet, err)
	}
	st := &rowStream{sheet: sheet, cols: cols, first: first, c: c, f: f, w: bufio.NewWriterSize(f, 32<<10), free: make(chan []byte, 2)}
	st.out = &countingWriter{w: st.w}
	for range 2 {
		st.free <- make([]byte, 0, streamChunkSize+streamChunkSize/4)
	}
	return st, nil
}

// add makes the next row from values and hands the rows to the compressor
// every streamChunkSize bytes.
func (st *rowStream) add(values []any) error {
	if st.finished {
		return fmt.Errorf("summary sheet %s: a row after the sheet was finished", st.sheet)
	}
	if st.buf == nil {
		st.buf = <-st.free
	}
	row := st.first + st.rows
	n := len(st.buf)
	var err error
	if st.buf, err = appendRowXML(st.buf, row, rowHeight(st.cols, values), values); err != nil {
		st.buf = st.buf[:n]
		return fmt.Errorf("summary sheet %s row %d: %w", st.sheet, row, err)
	}
	st.rows++
	if len(st.buf) >= streamChunkSize {
		st.send()
	}
	return nil
}

func (st *rowStream) send() {
	st.pending.Add(1)
	st.c.jobs <- streamPiece{st: st, buf: st.buf}
	st.buf = nil
}

// finish compresses the last rows and waits for all the sheet's pieces.
func (st *rowStream) finish() error {
	if st.finished {
		return st.err
	}
	st.finished = true
	if len(st.buf) > 0 {
		st.send()
	}
	st.pending.Wait()
	if st.err == nil {
		st.err = st.w.Flush()
	}
	if st.err != nil {
		st.err = fmt.Errorf("summary sheet %s: %w", st.sheet, st.err)
	}
	return st.err
}

// discard waits for the sheet's pieces and removes the file.
func (st *rowStream) discard() error {
	st.finish()
	err := st.f.Close()
	if rerr := os.Remove(st.f.Name()); err == nil {
		err = rerr
	}
	return err
}

// lastBytes is the last n bytes of a then b, in a's storage.
func lastBytes(a, b []byte, n int) []byte {
	if len(b) >= n {
		return append(a[:0], b[len(b)-n:]...)
	}
	a = append(a, b...)
	if len(a) > n {
		a = append(a[:0], a[len(a)-n:]...)
	}
	return a
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// streamedPart is a streamed sheet's part as excelize writes it: kept
// until excelize goes on to the next part, then written with the rows
// spliced in (write).
type streamedPart struct {
	name string
	fill *sheetFill
	buf  bytes.Buffer
}

func (p *streamedPart) Write(b []byte) (int, error) { return p.buf.Write(b) }

var sheetDataEnd = []byte("</sheetData>")

// write adds the part to zw: its head (up to </sheetData>), the stream's
// rows and its tail, compressed as three pieces of one deflate stream
// (the head and the tail by pw, each from a fresh start).
func (p *streamedPart) write(zw *zip.Writer, pw *flate.Writer) error {
	st := p.fill.stream
	if err := st.finish(); err != nil {
		return err
	}
	part := p.buf.Bytes()
	i := bytes.Index(part, sheetDataEnd)
	if i < 0 {
		return fmt.Errorf("summary sheet %s: its rows could not be added to the workbook", st.sheet)
	}
	head, err := fillHead(part[:i], st)
	if err != nil {
		return err
	}
	tail := part[i:]
	var headZ, tailZ bytes.Buffer
	if err := deflatePiece(pw, &headZ, head, false); err != nil {
		return err
	}
	if err := deflatePiece(pw, &tailZ, tail, true); err != nil {
		return err
	}
	crc := crc32.ChecksumIEEE(head)
	crc = crc32Combine(crc, st.crc, st.size)
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: p.name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(int64(headZ.Len()) + st.out.n + int64(tailZ.Len())),
		UncompressedSize64: uint64(int64(len(head)) + st.size + int64(len(tail))),
	})
	if err != nil {
		return err
	}
	if _, err := w.Write(headZ.Bytes()); err != nil {
		return err
	}
	if _, err := st.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if n, err := io.Copy(w, st.f); err != nil || n != st.out.n {
		if err == nil {
			err = fmt.Errorf("%d bytes of compressed rows, %d read back", st.out.n, n)
		}
		return fmt.Errorf("summary sheet %s: %w", st.sheet, err)
	}
	if _, err := w.Write(tailZ.Bytes()); err != nil {
		return err
	}
	p.fill.done = true
	return nil
}

// deflatePiece compresses b with zw into out as one piece of a deflate
// stream: the last piece ends the stream, any other ends with a sync
// flush.
func deflatePiece(zw *flate.Writer, out *bytes.Buffer, b []byte, last bool) error {
	zw.Reset(out)
	if _, err := zw.Write(b); err != nil {
		return err
	}
	if last {
		return zw.Close()
	}
	return zw.Flush()
}

// crc32Combine is the IEEE CRC-32 of a and b one after the other, from
// crcA, the CRC of a, and crcB, the CRC of b, and b's length. The CRC with
// its initial and final inversions is affine in the CRC it starts from
// and the bytes: updating crcA with b equals updating crcA with as many
// zeros, xor the CRC of b, xor the CRC of the zeros alone.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	var zeros [64 << 10]byte
	fromA, fromZero := crcA, uint32(0)
	for n := lenB; n > 0; {
		k := min(n, int64(len(zeros)))
		fromA = crc32.Update(fromA, crc32.IEEETable, zeros[:k])
		fromZero = crc32.Update(fromZero, crc32.IEEETable, zeros[:k])
		n -= k
	}
	return fromA ^ crcB ^ fromZero
}
