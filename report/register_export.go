package report

import (
	"io"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// RegisterWorkbook writes `cecbatch register export FILE.xlsx`: one sheet
// per table of the register, streamed row by row, every value a text cell
// (never a formula). It implements register.ExportWriter.
type RegisterWorkbook struct {
	path string
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
	head int
}

// excelCellMax is the most characters Excel shows in a cell.
const excelCellMax = 32767

// NewRegisterWorkbook starts the export at path.
func NewRegisterWorkbook(path string) *RegisterWorkbook {
	return &RegisterWorkbook{path: path, f: excelize.NewFile()}
}

func (w *RegisterWorkbook) Table(name string, header []string) error {
	if err := w.flush(); err != nil {
		return err
	}
	if w.sw == nil && w.head == 0 {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		return err
	}
	w.head++
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	w.sw, w.row = sw, 1
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	return sw.SetRow("A1", cells)
}

func (w *RegisterWorkbook) Row(values []string) error {
	w.row++
	cells := make([]any, len(values))
	for i, v := range values {
		if len(v) > excelCellMax {
			v = v[:excelCellMax-60] + " … (cut: the whole value is in the JSONL export)"
		}
		cells[i] = showControls(v)
	}
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(cell, cells)
}

func (w *RegisterWorkbook) flush() error {
	if w.sw == nil {
		return nil
	}
	err := w.sw.Flush()
	w.sw = nil
	return err
}

// Close writes the workbook (temporary file, then rename), mode 0600.
func (w *RegisterWorkbook) Close() error {
	defer w.f.Close()
	if err := w.flush(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(w.path), "."+filepath.Base(w.path)+".*.tmp")
	if err != nil {
		return err
	}
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return workbookZip(tmp) })
	err = w.f.Write(io.Discard)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), w.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
