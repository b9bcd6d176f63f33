package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"github.com/klauspost/compress/flate"
)

// The data sheets whose rows go into the workbook in the order they arrive
// (Work, Language, Problems, Express Entry, Rejected files) need nothing
// from the end of the run but their row count. Their rows are made into
// XML as they arrive and compressed by a goroutine of their own while the
// run goes on, into a file of raw deflate; when the workbook is saved,
// that compressed data is copied into the sheet's part between its head
// and its tail, each compressed on its own. A deflate stream may be cut
// into pieces that way: each piece but the last ends on a byte boundary
// (a sync flush) without the final-block mark, and none refers back to
// another's bytes.
//
// At the end of a run, when nothing else is left to do and one core would
// wait for the other, the summary then compresses only its sorted sheets
// (Summary, Changes, Agenda): at 100,000 clients the streamed sheets are
// three fifths of the workbook's XML.

// rowStream is one such sheet's rows.
type rowStream struct {
	sheet string
	cols  []summaryColumn
	first int // the first data row's number
	rows  int

	buf        []byte      // rows not yet handed to the compressor
	free, full chan []byte // buffers going round: filled by add, compressed by the goroutine
	done       chan struct{}
	finished   bool

	f *os.File // the rows, compressed
	// Set by the compressor goroutine, read once done is closed.
	err   error
	crc   uint32 // of the rows' XML
	size  int64  // the rows' XML's length
	zsize int64  // the compressed data's length
}

// streamLevel is the streamed sheets' compression level, the rest of the
// workbook's (workbookZip).
const streamLevel = 6

// streamChunks buffers of streamChunkSize carry a streamed sheet's rows to
// its compressor. Small: seven sheets stream at once, all run long (a
// compressor at level 6 is already 0.7 MB).
const (
	streamChunks    = 2
	streamChunkSize = 64 << 10
)

func newRowStream(dir, sheet string, cols []summaryColumn, first int) (*rowStream, error) {
	f, err := os.CreateTemp(dir, ".summary-sheet-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("summary sheet %s: %w", sheet, err)
	}
	st := &rowStream{sheet: sheet, cols: cols, first: first, f: f,
		free: make(chan []byte, streamChunks), full: make(chan []byte, streamChunks), done: make(chan struct{})}
	for range streamChunks {
		st.free <- make([]byte, 0, streamChunkSize+streamChunkSize/4)
	}
	go st.compress()
	return st, nil
}

// compress deflates every buffer sent to full, in order, into the file,
// and ends the data with a sync flush: byte-aligned, not final.
func (st *rowStream) compress() {
	defer close(st.done)
	bw := bufio.NewWriterSize(st.f, 64<<10)
	out := &countingWriter{w: bw}
	zw, err := flate.NewWriter(out, streamLevel)
	st.err = err
	for b := range st.full {
		if st.err == nil {
			st.crc = crc32.Update(st.crc, crc32.IEEETable, b)
			st.size += int64(len(b))
			_, st.err = zw.Write(b)
		}
		st.free <- b[:0]
	}
	if st.err == nil {
		st.err = zw.Flush()
	}
	if st.err == nil {
		st.err = bw.Flush()
	}
	st.zsize = out.n
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
		st.full <- st.buf
		st.buf = nil
	}
	return nil
}

// finish compresses the last rows and waits for the compressor.
func (st *rowStream) finish() error {
	if st.finished {
		return st.err
	}
	st.finished = true
	if len(st.buf) > 0 {
		st.full <- st.buf
	}
	st.buf = nil
	close(st.full)
	<-st.done
	if st.err != nil {
		st.err = fmt.Errorf("summary sheet %s: %w", st.sheet, st.err)
	}
	return st.err
}

// discard stops the compressor and removes the file.
func (st *rowStream) discard() error {
	st.finish()
	err := st.f.Close()
	if rerr := os.Remove(st.f.Name()); err == nil {
		err = rerr
	}
	return err
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

// write adds the part to zw: its head (up to </sheetData>), the stream's
// rows and its tail, compressed as three pieces of one deflate stream.
func (p *streamedPart) write(zw *zip.Writer) error {
	st := p.fill.stream
	if err := st.finish(); err != nil {
		return err
	}
	part := p.buf.Bytes()
	i := bytes.Index(part, sheetDataEnd)
	if i < 0 {
		return fmt.Errorf("summary sheet %s: its rows could not be added to the workbook", p.fill.sheet)
	}
	head, err := fillHead(part[:i], p.fill)
	if err != nil {
		return err
	}
	tail := part[i:]
	var headZ, tailZ bytes.Buffer
	if err := deflatePiece(&headZ, head, false); err != nil {
		return err
	}
	if err := deflatePiece(&tailZ, tail, true); err != nil {
		return err
	}
	crc := crc32.ChecksumIEEE(head)
	crc = crc32Combine(crc, st.crc, st.size)
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: p.name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(int64(headZ.Len()) + st.zsize + int64(tailZ.Len())),
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
	if n, err := io.Copy(w, st.f); err != nil || n != st.zsize {
		if err == nil {
			err = fmt.Errorf("%d bytes of compressed rows, %d read back", st.zsize, n)
		}
		return fmt.Errorf("summary sheet %s: %w", p.fill.sheet, err)
	}
	if _, err := w.Write(tailZ.Bytes()); err != nil {
		return err
	}
	p.fill.done = true
	return nil
}

// deflatePiece compresses b as one piece of a deflate stream: the last
// piece ends the stream, any other ends with a sync flush.
func deflatePiece(out *bytes.Buffer, b []byte, last bool) error {
	zw, err := flate.NewWriter(out, streamLevel)
	if err != nil {
		return err
	}
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
