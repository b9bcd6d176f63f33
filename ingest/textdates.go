package ingest

import (
	"bytes"
	"sort"
)

// This file finds, in the same streaming pass over a sheet's XML that
// checks it is well-formed (wellformed.go), the cells of its date columns
// that hold a number typed as text ("45000" in a cell formatted as text,
// or typed after an apostrophe). excelize's Rows iterator gives a number
// cell and a text cell alike as "45000", and only a number cell is an
// Excel date; a text that looks like one is a date the paralegal did not
// type, and must be asked for, not guessed.
//
// The scan cannot read the header row as the reader does (it sees the
// shared strings only as indexes), so each shared string is classified
// once, as the shared strings part streams by: whether it is blank,
// whether it is a plain number, and which date column, if any, a header
// of that text names. A sheet's header row is then its first row with a
// cell that is not blank, as for the reader, and only the first column of
// each date field is watched, so what is kept is bounded by the rows the
// reader would read (limits.max_rows) whatever the workbook holds.

// textKind is what a text is, as far as the scan needs to know: the date
// field a header of this text names (dateFieldIndex, 0 for none) and
// whether the text is blank or a plain number.
type textKind uint8

const (
	textDateField textKind = 0x0f // the index in dateFields, plus one
	textNumber    textKind = 0x10 // a plain number: "45000", "2025", "37.5"
	textBlank     textKind = 0x20 // nothing once trimmed
)

// maxKindText is how much of a text is looked at: a header or a number
// is short, and a longer text is neither.
const maxKindText = 64

// kindOfText classifies one cell's text; long reports that it was cut at
// maxKindText bytes (so it is no number and no header). Every shared
// string is classified, so the common cases copy nothing.
func kindOfText(text []byte, long bool) textKind {
	if long {
		return 0
	}
	t := bytes.TrimFunc(text, isSpace)
	if len(t) == 0 {
		return textBlank
	}
	if isNumberText(t) {
		return textNumber
	}
	if i, ok := dateHeaderKeys[headerKey(string(t))]; ok {
		return textKind(i + 1)
	}
	return 0
}

// dateHeaderKeys maps the folded header of every date column of every
// intake sheet to its index in dateFields.
var dateHeaderKeys = func() map[string]int {
	m := map[string]int{}
	for _, spec := range sheetSpecs {
		for _, col := range spec.columns {
			for i, f := range dateFields {
				if f != col.field {
					continue
				}
				for _, n := range append([]string{col.name}, col.synonyms...) {
					m[headerKey(n)] = i
				}
			}
		}
	}
	return m
}()

// textBuffer collects the text of one cell or shared string, up to
// maxKindText bytes.
type textBuffer struct {
	buf  []byte
	long bool
}

func (b *textBuffer) reset() { b.buf, b.long = b.buf[:0], false }

func (b *textBuffer) add(p []byte) {
	if b.long {
		return
	}
	if len(b.buf)+len(p) > maxKindText {
		b.long = true
		return
	}
	b.buf = append(b.buf, p...)
}

func (b *textBuffer) kind() textKind { return kindOfText(b.buf, b.long) }

// textDateCells are the cells of one sheet's date columns that hold a
// number typed as text, each packed as row<<16 | column (1-based; a
// column number is at most 16,384), sorted; headerRow is the row the scan
// took for the header row, which the reader checks against its own.
type textDateCells struct {
	headerRow int
	cells     []uint64
}

// cols returns the 1-based columns of row that hold a number typed as text.
func (t *textDateCells) cols(row int) []int {
	if t == nil || len(t.cells) == 0 {
		return nil
	}
	first := uint64(row) << 16
	i := sort.Search(len(t.cells), func(i int) bool { return t.cells[i] >= first })
	var out []int
	for ; i < len(t.cells) && t.cells[i]>>16 == uint64(row); i++ {
		out = append(out, int(t.cells[i]&0xffff))
	}
	return out
}

// textDateScan is the state of the search in one sheet part.
type textDateScan struct {
	shared []textKind // the kinds of the shared strings, by index
	limit  int        // the most cells kept; past it the reader rejects the sheet anyway

	headerRow int
	// dateCols maps each watched column (the first of each date field in
	// the header row) to true; headerCols collects them while the header
	// row is read.
	dateCols   map[int]bool
	headerCols map[int]bool
	seenField  [16]bool
	rowBlank   bool
	found      []uint64
}

// cellKind is what a cell holds, from its type attribute and its text:
// typ "s" names shared string index; "inlineStr" and "str" are texts.
func (s *textDateScan) cellKind(typ string, index int, text *textBuffer) (kind textKind, isText bool) {
	switch typ {
	case "s":
		if index < 0 || index >= len(s.shared) {
			return textBlank, true
		}
		return s.shared[index], true
	case "inlineStr", "str":
		return text.kind(), true
	}
	// A number, a boolean, an error: not blank when it has a value; never
	// a header, never a text.
	if len(text.buf) == 0 && !text.long {
		return textBlank, false
	}
	return 0, false
}

// watching reports whether the text of the cell at col matters: every
// cell's until the header row is found, then only the watched columns'.
func (s *textDateScan) watching(col int) bool { return s.headerRow == 0 || s.dateCols[col] }

// startRow begins a row of the sheet.
func (s *textDateScan) startRow() { s.rowBlank = true }

// cell takes one cell of row at col, once it is read whole; unsaved says
// it holds a formula with no saved value, which the reader counts as not
// blank.
func (s *textDateScan) cell(row, col int, typ string, index int, text *textBuffer, unsaved bool) {
	if !s.watching(col) {
		return
	}
	if s.headerRow != 0 {
		// A data row of a watched column: only whether it is a number
		// typed as text matters, read without a copy of the text.
		s.dataCell(row, col, typ, index, text)
		return
	}
	kind, isText := s.cellKind(typ, index, text)
	if kind&textBlank == 0 || unsaved {
		s.rowBlank = false
	}
	if f := int(kind & textDateField); f > 0 && isText && !s.seenField[f] {
		s.seenField[f] = true
		if s.headerCols == nil {
			s.headerCols = map[int]bool{}
		}
		s.headerCols[col] = true
	}
}

// dataCell keeps the cell at row and col when it holds a number typed as
// text.
func (s *textDateScan) dataCell(row, col int, typ string, index int, text *textBuffer) {
	var number bool
	switch typ {
	case "s":
		number = index >= 0 && index < len(s.shared) && s.shared[index]&textNumber != 0
	case "inlineStr", "str":
		number = !text.long && isNumberText(bytes.TrimFunc(text.buf, isSpace))
	}
	if number && len(s.found) < s.limit && col <= 0xffff {
		s.found = append(s.found, uint64(row)<<16|uint64(col))
	}
}

// endRow ends a row: the first row that is not blank is the header row.
func (s *textDateScan) endRow(row int) {
	if s.headerRow != 0 {
		return
	}
	if s.rowBlank {
		s.headerCols, s.seenField = nil, [16]bool{}
		return
	}
	s.headerRow, s.dateCols = row, s.headerCols
}

// result returns the cells found, sorted by row and column.
func (s *textDateScan) result() *textDateCells {
	if s.headerRow == 0 {
		return nil
	}
	sort.Slice(s.found, func(i, j int) bool { return s.found[i] < s.found[j] })
	return &textDateCells{headerRow: s.headerRow, cells: s.found}
}
