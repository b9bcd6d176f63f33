package report

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// rowSpool keeps a sheet's rows in a temporary file until the workbook is
// written. excelize's StreamWriter holds up to 16 MB of XML per sheet in
// memory before it spills to disk, and the memory stays allocated until the
// workbook is saved; with three sheets open for the whole run that was most
// of a 10,000-client run's heap, held while the PDFs were being rendered.
// Spooled, a row costs a few dozen bytes of file, and the stream writers
// only exist, one sheet after another, once the rendering is over.
type rowSpool struct {
	f    *os.File
	w    *bufio.Writer
	enc  *gob.Encoder
	rows int
}

// spoolCell is one cell of a spooled row: an excelize.Cell flattened into
// fields gob can encode without registering interface types.
type spoolCell struct {
	Style   int
	Kind    spoolKind
	S       string
	F       float64
	I       int64
	Formula string
}

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
	w := bufio.NewWriterSize(f, 64<<10)
	return &rowSpool{f: f, w: w, enc: gob.NewEncoder(w)}, nil
}

// add appends one row of the values the Summary builds: nil or an
// excelize.Cell holding a string, float64, int, time.Time or time.Duration.
func (sp *rowSpool) add(values []any) error {
	row := make([]spoolCell, len(values))
	for i, v := range values {
		c, err := toSpoolCell(v)
		if err != nil {
			return err
		}
		row[i] = c
	}
	sp.rows++
	return sp.enc.Encode(row)
}

func toSpoolCell(v any) (spoolCell, error) {
	if v == nil {
		return spoolCell{}, nil
	}
	cell, ok := v.(excelize.Cell)
	if !ok {
		cell = excelize.Cell{Value: v}
	}
	c := spoolCell{Style: cell.StyleID, Formula: cell.Formula}
	switch x := cell.Value.(type) {
	case nil:
	case string:
		c.Kind, c.S = spoolString, x
	case float64:
		c.Kind, c.F = spoolFloat, x
	case int:
		c.Kind, c.I = spoolInt, int64(x)
	case time.Time:
		c.Kind, c.I = spoolTime, x.UnixNano()
	case time.Duration:
		c.Kind, c.I = spoolDuration, int64(x)
	default:
		return c, fmt.Errorf("summary: cannot spool a cell value of type %T", x)
	}
	return c, nil
}

func (c spoolCell) cell() any {
	var v any
	switch c.Kind {
	case spoolEmpty:
		if c.Formula == "" && c.Style == 0 {
			return nil
		}
	case spoolString:
		v = c.S
	case spoolFloat:
		v = c.F
	case spoolInt:
		v = int(c.I)
	case spoolTime:
		v = time.Unix(0, c.I).UTC()
	case spoolDuration:
		v = time.Duration(c.I)
	}
	return excelize.Cell{StyleID: c.Style, Formula: c.Formula, Value: v}
}

// replay calls fn with every row, in the order they were added.
func (sp *rowSpool) replay(fn func(values []any) error) error {
	if err := sp.w.Flush(); err != nil {
		return err
	}
	if _, err := sp.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(sp.f, 64<<10))
	values := make([]any, 0, 32)
	for range sp.rows {
		// A fresh slice each time: gob leaves fields that are zero in the
		// stream untouched, so reused elements would keep old values.
		var row []spoolCell
		if err := dec.Decode(&row); err != nil {
			return fmt.Errorf("summary: reading back spooled rows: %w", err)
		}
		values = values[:0]
		for _, c := range row {
			values = append(values, c.cell())
		}
		if err := fn(values); err != nil {
			return err
		}
	}
	return nil
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
