package report

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// rowSpool keeps the rows of a sorted sheet (Summary, Agenda) in a
// temporary file until the workbook is written, when they are read back
// into its file one by one (summary_sheetxml.go). Held in memory, as
// excelize's StreamWriter holds up to 16 MB of XML per sheet, the rows
// were most of a large run's heap. Spooled, a row costs a few dozen bytes
// of file. (The sheets written in the order their rows arrive are
// compressed as they come instead: summary_stream.go.)
//
// Each row is a self-contained record (its length, then its cells), so a
// row can be read back on its own from its offset: the Summary sheet is
// written in an order known only at the end (by verdict and date), from a
// small sort key per row kept in memory, not from the rows themselves.
type rowSpool struct {
	f    *os.File
	w    *bufio.Writer
	size int64  // bytes written so far: the next row's offset
	buf  []byte // the record being encoded or decoded
}

// spoolRef locates one row in its spool.
type spoolRef struct {
	off int64
	n   uint32 // the record's length, prefix included
}

// spoolKind is the type of a spooled cell's value.
type spoolKind uint8

const (
	spoolEmpty spoolKind = iota
	spoolString
	spoolFloat
	spoolInt
	spoolTime
	spoolDuration
)

func newRowSpool(dir, sheet string) (*rowSpool, error) {
	f, err := os.CreateTemp(dir, ".summary-rows-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("summary sheet %s: %w", sheet, err)
	}
	return &rowSpool{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// add appends one row of the values the Summary builds: nil or an
// excelize.Cell holding a string, float64, int, time.Time or
// time.Duration. It returns where the row is, for readAt.
func (sp *rowSpool) add(values []any) (spoolRef, error) {
	body := binary.AppendUvarint(sp.buf[:0], uint64(len(values)))
	for _, v := range values {
		var err error
		if body, err = appendSpoolCell(body, v); err != nil {
			return spoolRef{}, err
		}
	}
	// The record: the body's length, then the body.
	var prefix [binary.MaxVarintLen64]byte
	pn := binary.PutUvarint(prefix[:], uint64(len(body)))
	ref := spoolRef{off: sp.size, n: uint32(pn + len(body))}
	if int64(ref.n) != int64(pn+len(body)) {
		return spoolRef{}, errors.New("summary: a row too large to spool")
	}
	if _, err := sp.w.Write(prefix[:pn]); err != nil {
		return spoolRef{}, err
	}
	if _, err := sp.w.Write(body); err != nil {
		return spoolRef{}, err
	}
	sp.buf = body
	sp.size += int64(ref.n)
	return ref, nil
}

func appendSpoolCell(b []byte, v any) ([]byte, error) {
	if v == nil {
		return append(b, byte(spoolEmpty), 0, 0), nil
	}
	cell, ok := v.(excelize.Cell)
	if !ok {
		cell = excelize.Cell{Value: v}
	}
	var kind spoolKind
	var payload func([]byte) []byte
	switch x := cell.Value.(type) {
	case nil:
		kind = spoolEmpty
	case string:
		kind = spoolString
		payload = func(b []byte) []byte { return appendSpoolString(b, x) }
	case float64:
		kind = spoolFloat
		payload = func(b []byte) []byte { return binary.LittleEndian.AppendUint64(b, math.Float64bits(x)) }
	case int:
		kind = spoolInt
		payload = func(b []byte) []byte { return binary.AppendVarint(b, int64(x)) }
	case time.Time:
		kind = spoolTime
		payload = func(b []byte) []byte { return binary.AppendVarint(b, x.UnixNano()) }
	case time.Duration:
		kind = spoolDuration
		payload = func(b []byte) []byte { return binary.AppendVarint(b, int64(x)) }
	default:
		return b, fmt.Errorf("summary: cannot spool a cell value of type %T", x)
	}
	b = append(b, byte(kind))
	b = binary.AppendUvarint(b, uint64(cell.StyleID))
	b = appendSpoolString(b, cell.Formula)
	if payload != nil {
		b = payload(b)
	}
	return b, nil
}

func appendSpoolString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errSpoolCorrupt = errors.New("summary: a spooled row is damaged")

// decodeSpoolRow turns one record body back into the cells add was given,
// appending them to values.
func decodeSpoolRow(body []byte, values []any) ([]any, error) {
	n, k := binary.Uvarint(body)
	if k <= 0 {
		return nil, errSpoolCorrupt
	}
	body = body[k:]
	uvarint := func() (uint64, bool) {
		v, k := binary.Uvarint(body)
		if k <= 0 {
			return 0, false
		}
		body = body[k:]
		return v, true
	}
	str := func() (string, bool) {
		l, ok := uvarint()
		if !ok || l > uint64(len(body)) {
			return "", false
		}
		s := string(body[:l])
		body = body[l:]
		return s, true
	}
	for range n {
		if len(body) == 0 {
			return nil, errSpoolCorrupt
		}
		kind := spoolKind(body[0])
		body = body[1:]
		style, ok := uvarint()
		if !ok {
			return nil, errSpoolCorrupt
		}
		formula, ok := str()
		if !ok {
			return nil, errSpoolCorrupt
		}
		var v any
		switch kind {
		case spoolEmpty:
			if formula == "" && style == 0 {
				values = append(values, nil)
				continue
			}
		case spoolString:
			if v, ok = str(); !ok {
				return nil, errSpoolCorrupt
			}
		case spoolFloat:
			if len(body) < 8 {
				return nil, errSpoolCorrupt
			}
			v = math.Float64frombits(binary.LittleEndian.Uint64(body))
			body = body[8:]
		case spoolInt, spoolTime, spoolDuration:
			x, k := binary.Varint(body)
			if k <= 0 {
				return nil, errSpoolCorrupt
			}
			body = body[k:]
			switch kind {
			case spoolInt:
				v = int(x)
			case spoolTime:
				v = time.Unix(0, x).UTC()
			default:
				v = time.Duration(x)
			}
		default:
			return nil, errSpoolCorrupt
		}
		values = append(values, excelize.Cell{StyleID: int(style), Formula: formula, Value: v})
	}
	return values, nil
}

// flush makes every row added so far readable from the file.
func (sp *rowSpool) flush() error { return sp.w.Flush() }

// readAt reads back the row at ref, appending its cells to values. Call
// flush after the last add first.
func (sp *rowSpool) readAt(ref spoolRef, values []any) ([]any, error) {
	if cap(sp.buf) < int(ref.n) {
		sp.buf = make([]byte, ref.n)
	}
	rec := sp.buf[:ref.n]
	if _, err := sp.f.ReadAt(rec, ref.off); err != nil {
		return nil, fmt.Errorf("summary: reading back a spooled row: %w", err)
	}
	l, k := binary.Uvarint(rec)
	if k <= 0 || uint64(len(rec)-k) != l {
		return nil, errSpoolCorrupt
	}
	return decodeSpoolRow(rec[k:], values)
}

// discard closes and removes the spool file.
func (sp *rowSpool) discard() error {
	err := sp.f.Close()
	if rerr := os.Remove(sp.f.Name()); err == nil && !os.IsNotExist(rerr) {
		err = rerr
	}
	return err
}

// spoolDir is where a summary's spools go: beside the workbook, so they are
// as private as the outputs and on the same disk.
func spoolDir(path string) string { return filepath.Dir(path) }
