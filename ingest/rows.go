package ingest

import (
	"bytes"
	"context"
	"reflect"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// excelize's Rows iterator was most of the cost of reading a workbook:
// every cell goes through encoding/xml's Token and DecodeElement, which
// copy and box every name, attribute and text. sheetRows gives the same
// rows from the same bytes (the sheet part excelize holds in memory) with
// the fast reader of xmltokens.go, and is used only for a sheet whose
// scan (wellformed.go) found it read by the fast reader to its end and
// its cells within what sheetRows reads exactly as excelize does
// (plainCells); any other sheet is read by excelize. Its Next and Columns
// follow excelize v2.11.0's (rows.go: Next, Columns, rowXMLHandler,
// cellXMLHandler, getValueFrom with RawCellValue) step for step, quirks
// included, so that every row number, cell and error comes out the same;
// TestSheetRowsLikeExcelize and FuzzSheetRows hold them to it.

// rowSource is a sheet's rows, from excelize or from sheetRows.
type rowSource interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	Error() error
	Close() error
}

// rows opens the rows of the sheet name: sheetRows when it reads them
// exactly as excelize would, else excelize's iterator.
func (r *reader) rows(name string) (rowSource, error) {
	rows, err := r.f.Rows(name)
	if err != nil {
		return nil, err
	}
	if fast := r.sheetRows(rows); fast != nil {
		rows.Close()
		return fast, nil
	}
	return rows, nil
}

// sheetRows returns the fast reading of the sheet that rows reads, or nil
// when it would not be excelize's.
func (r *reader) sheetRows(rows *excelize.Rows) *sheetRows {
	sst := r.f.SharedStrings
	if sst == nil || r.scan == nil || r.streamedStrings() {
		// The shared strings are read by excelize's first Columns (plan
		// reads every sheet's header first), or from a temporary file
		// with other rules.
		return nil
	}
	// The part excelize reads the sheet from: excelize does not export
	// it, and working it out again from the workbook's relationships
	// could differ from excelize's own way in some damaged package.
	v := reflect.ValueOf(rows).Elem()
	sheet, temp := v.FieldByName("sheet"), v.FieldByName("tempFile")
	if !sheet.IsValid() || sheet.Kind() != reflect.String || !temp.IsValid() || temp.Kind() != reflect.Pointer || !temp.IsNil() {
		return nil
	}
	path := sheet.String()
	if _, loaded := r.f.Sheet.Load(path); loaded {
		return nil // excelize would write its own copy of the sheet first
	}
	content, _ := r.f.Pkg.Load(path)
	data, ok := content.([]byte)
	if !ok || len(data) == 0 {
		return nil
	}
	if ps := r.scan.parts[strings.ToLower(path)]; ps == nil || !ps.plain {
		return nil
	}
	if r.sharedText == nil {
		r.sharedText = make([]string, len(sst.SI))
		r.sharedDone = make([]bool, len(sst.SI))
	}
	return &sheetRows{tok: newSliceTokens(data), shared: func(i int) string {
		if !r.sharedDone[i] {
			r.sharedText[i], r.sharedDone[i] = sst.SI[i].String(), true
		}
		return r.sharedText[i]
	}, sharedCount: len(sst.SI)}
}

// streamedStrings reports whether excelize keeps the shared strings in a
// temporary file, which it reads another way.
func (r *reader) streamedStrings() bool {
	for _, zf := range r.zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, "\\", "/"), "xl/sharedStrings.xml") && zf.UncompressedSize64 > uint64(memoryPartLimit(r.opts)) {
			return true
		}
	}
	return false
}

// newSliceTokens reads data in place. Its buffer is data itself, which
// it never writes to (fill is never called once eof is set); its context
// is never cancelled, as excelize's decoder is not.
func newSliceTokens(data []byte) *fastTokens {
	return &fastTokens{ctx: context.Background(), buf: data, end: len(data), eof: true}
}

// sheetRows is excelize's Rows over the fast reader. Its field names are
// those of excelize's Rows and rowXMLIterator.
type sheetRows struct {
	tok *fastTokens
	// open are the open elements' prefixes and names: encoding/xml's
	// Token stops at an end tag that does not match.
	open [][2][]byte
	dead bool // Token returned nil: it always will
	err  error

	curRow, seekRow int
	// token is excelize's rows.token, which is only ever a row's start:
	// its r attribute as attrValToInt read it.
	token       bool
	tokenRow    int
	tokenRowErr error

	shared      func(int) string
	sharedCount int
}

// next is encoding/xml's Token: nil once the part ends or breaks off.
func (s *sheetRows) next() *xmlToken {
	if s.dead {
		return nil
	}
	t, err := s.tok.next()
	if err != nil {
		s.dead = true
		return nil
	}
	switch t.kind {
	case tokStart:
		s.open = append(s.open, [2][]byte{t.space, t.local})
	case tokEnd:
		n := len(s.open)
		if n == 0 || !bytes.Equal(s.open[n-1][0], t.space) || !bytes.Equal(s.open[n-1][1], t.local) {
			s.dead = true
			return nil
		}
		s.open = s.open[:n-1]
	}
	return t
}

// attrValToInt is excelize's: the last attribute of that local name, in
// any namespace, or the error of the first that is not a number.
func attrValToInt(name string, attrs []xmlAttr) (val int, err error) {
	for _, a := range attrs {
		if string(a.local) == name {
			val, err = strconv.Atoi(string(a.value))
			if err != nil {
				return
			}
		}
	}
	return
}

func (s *sheetRows) Error() error { return s.err }

func (s *sheetRows) Close() error { return s.err }

func (s *sheetRows) Next() bool {
	s.seekRow++
	if s.curRow >= s.seekRow {
		return true
	}
	for {
		t := s.next()
		if t == nil {
			return false
		}
		switch t.kind {
		case tokStart:
			if string(t.local) == "row" {
				s.curRow++
				rowNum, err := attrValToInt("r", t.attrs)
				if rowNum > excelize.TotalRows {
					s.err = excelize.ErrMaxRows
					return false
				}
				if rowNum != 0 {
					s.curRow = rowNum
				}
				s.token, s.tokenRow, s.tokenRowErr = true, rowNum, err
				return true
			}
		case tokEnd:
			if string(t.local) == "sheetData" {
				return false
			}
		}
	}
}

// rowIterator is excelize's rowXMLIterator.
type rowIterator struct {
	err       error
	inElement string
	cellCol   int
	cells     []string
}

func (s *sheetRows) Columns(...excelize.Options) ([]string, error) {
	if s.curRow > s.seekRow {
		return nil, nil
	}
	var it rowIterator
	for {
		var t *xmlToken
		if !s.token {
			if t = s.next(); t == nil {
				break
			}
		}
		switch {
		case t == nil || t.kind == tokStart:
			// A held token is a row's start.
			if t == nil {
				it.inElement = "row"
			} else {
				it.inElement = localName(t.local)
			}
			if it.inElement == "row" {
				var rowNum int
				if t == nil {
					rowNum, it.err = s.tokenRow, s.tokenRowErr
				} else {
					rowNum, it.err = attrValToInt("r", t.attrs)
				}
				if rowNum != 0 {
					s.curRow = rowNum
				} else if !s.token {
					s.curRow++
				}
				s.token, s.tokenRow, s.tokenRowErr = true, rowNum, it.err
				if s.curRow > s.seekRow {
					s.token = false
					return it.cells, it.err
				}
			}
			if it.inElement == "c" {
				s.cell(&it, t)
			}
			if it.err != nil {
				s.token = false
				return it.cells, it.err
			}
			s.token = false
		case t.kind == tokEnd:
			if string(t.local) == "sheetData" {
				return it.cells, it.err
			}
		}
	}
	return it.cells, it.err
}

// localName interns the names rowIterator compares.
func localName(b []byte) string {
	switch string(b) {
	case "row":
		return "row"
	case "c":
		return "c"
	}
	return "" // any other element: neither
}

// cellData is what excelize's xlsxC holds of a cell that is read.
type cellData struct {
	hasR   bool
	col    int // the column of R, when readable
	colErr error
	t      string
	hasF   bool
	v      string
	is     *inlineText
}

// inlineText is excelize's xlsxSI of an inline string: its t and runs.
type inlineText struct {
	t    *string
	runs []*string
}

// String is xlsxSI.String; plainCells keeps out of sheetRows the texts
// bstrUnmarshal would change (those with an underscore).
func (x *inlineText) String() string {
	var b strings.Builder
	if x.t != nil {
		b.WriteString(*x.t)
	}
	for _, r := range x.runs {
		if r != nil {
			b.WriteString(*r)
		}
	}
	return b.String()
}

// cell is rowXMLHandler for a c element (start).
func (s *sheetRows) cell(it *rowIterator, start *xmlToken) {
	it.cellCol++
	var c cellData
	_ = s.cellXMLHandler(&c, start)
	if c.hasR {
		if c.colErr != nil {
			it.cellCol, it.err = -1, c.colErr
			return
		}
		it.cellCol = c.col
	}
	blank := it.cellCol - len(it.cells)
	if val := s.value(&c); val != "" || c.hasF {
		for i := 1; i < blank; i++ {
			it.cells = append(it.cells, "")
		}
		it.cells = append(it.cells, val)
	}
}

// cellXMLHandler reads the cell's attributes (cellXMLAttrHandler: a
// style that is not a number stops it before the cell's content, as in
// excelize), then its content up to its end.
func (s *sheetRows) cellXMLHandler(c *cellData, start *xmlToken) error {
	for _, a := range start.attrs {
		switch string(a.local) {
		case "r":
			c.hasR = len(a.value) > 0
			if col, ok := cellColumn(a.value); ok {
				c.col, c.colErr = col, nil
			} else {
				_, _, c.colErr = excelize.CellNameToCoordinates(string(a.value))
			}
		case "s":
			if _, err := strconv.ParseInt(string(a.value), 10, 64); err != nil {
				return err
			}
		case "t":
			c.t = cellType(a.value)
		}
	}
	for {
		t := s.next()
		if t == nil {
			return errBroken
		}
		var err error
		switch t.kind {
		case tokStart:
			switch string(t.local) {
			case "v":
				err = s.decodeT(&c.v)
			case "f":
				c.hasF = true
				err = s.skip()
			case "is":
				if c.is == nil {
					c.is = &inlineText{}
				}
				err = s.decodeIS(c.is)
			}
			if err != nil {
				return err
			}
		case tokEnd:
			// plainCells keeps nested c elements out: this is the cell's end.
			if string(t.local) == "c" {
				return nil
			}
		}
	}
}

// errBroken is encoding/xml's error inside a cell, whichever it was.
var errBroken = errorString("the sheet breaks off")

type errorString string

func (e errorString) Error() string { return string(e) }

// skip reads to the end of the element just started.
func (s *sheetRows) skip() error {
	for depth := 1; depth > 0; {
		t := s.next()
		if t == nil {
			return errBroken
		}
		switch t.kind {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		}
	}
	return nil
}

// decodeIS is DecodeElement into xlsxSI for what plainCells lets
// through: a t, and runs of one t each.
func (s *sheetRows) decodeIS(x *inlineText) error {
	for {
		t := s.next()
		if t == nil {
			return errBroken
		}
		switch t.kind {
		case tokStart:
			switch string(t.local) {
			case "t":
				var v string
				x.t = &v
				if err := s.decodeT(x.t); err != nil {
					return err
				}
			case "r":
				var run *string
				if err := s.decodeRun(&run); err != nil {
					return err
				}
				x.runs = append(x.runs, run)
			default:
				if err := s.skip(); err != nil {
					return err
				}
			}
		case tokEnd:
			return nil
		}
	}
}

// decodeT is DecodeElement into a string, for a v or a t: the text
// directly in the element (plainCells keeps elements inside a v out).
func (s *sheetRows) decodeT(v *string) error {
	var data []byte
	for {
		t := s.next()
		if t == nil {
			return errBroken
		}
		switch t.kind {
		case tokText:
			data = append(data, t.text...)
		case tokStart:
			if err := s.skip(); err != nil {
				return err
			}
		case tokEnd:
			*v = string(data)
			return nil
		}
	}
}

// decodeRun reads a run (r) of an inline string.
func (s *sheetRows) decodeRun(run **string) error {
	for {
		t := s.next()
		if t == nil {
			return errBroken
		}
		switch t.kind {
		case tokStart:
			if string(t.local) == "t" {
				var v string
				*run = &v
				if err := s.decodeT(&v); err != nil {
					return err
				}
			} else if err := s.skip(); err != nil {
				return err
			}
		case tokEnd:
			return nil
		}
	}
}

// value is getValueFrom with RawCellValue: the value as stored, but a
// shared string's text and an inline string's.
func (s *sheetRows) value(c *cellData) string {
	switch c.t {
	case "s":
		if c.v == "" {
			return ""
		}
		i, _ := strconv.Atoi(strings.TrimSpace(c.v))
		if i < 0 || i >= s.sharedCount {
			return ""
		}
		return s.shared(i)
	case "inlineStr":
		if c.is != nil {
			return c.is.String()
		}
	}
	return c.v
}

// plainCells watches a sheet part's tokens for what sheetRows does not
// read as excelize does: a v, t or c inside an element that is read as
// text or as a cell, an inline string with more than its t and runs of
// one t each or with an underscore in its text (excelize reads _x0041_
// and the like as escapes), a formula whose attributes excelize could
// fail to read (it then stops reading the cell halfway). not is set at
// the first.
type plainCells struct {
	not    bool
	stack  []uint8 // the kinds of the open elements
	cells  int     // open c elements
	is     int     // open is elements
	ts     []int   // t elements read in each open is and r
	cellIs int     // is elements read in the open c
}

const (
	elOther uint8 = iota
	elC
	elV
	elF
	elIs
	elR
	elT
)

func (p *plainCells) see(t *xmlToken) {
	if p.not {
		return
	}
	switch t.kind {
	case tokText:
		if p.is > 0 && bytes.IndexByte(t.text, '_') >= 0 {
			p.not = true
		}
	case tokEnd:
		if n := len(p.stack); n > 0 {
			switch p.stack[n-1] {
			case elC:
				p.cells--
			case elIs:
				p.is--
				p.ts = p.ts[:len(p.ts)-1]
			case elR:
				p.ts = p.ts[:len(p.ts)-1]
			}
			p.stack = p.stack[:n-1]
		}
	case tokStart:
		parent := elOther
		if n := len(p.stack); n > 0 {
			parent = p.stack[n-1]
		}
		kind := elOther
		switch string(t.local) {
		case "c":
			kind = elC
		case "v":
			kind = elV
		case "f":
			kind = elF
		case "is":
			kind = elIs
		case "r":
			kind = elR
		case "t":
			kind = elT
		}
		switch {
		case parent == elV || parent == elT:
			p.not = true
		case kind == elC && p.cells > 0:
			p.not = true
		case p.is > 0 && !(parent == elIs && (kind == elT || kind == elR) || parent == elR && kind == elT):
			p.not = true
		case kind == elIs && (p.is > 0 || p.cellIs > 0):
			p.not = true
		case kind == elT && p.is > 0:
			p.ts[len(p.ts)-1]++
			if p.ts[len(p.ts)-1] > 1 {
				p.not = true
			}
		case kind == elF:
			p.not = !plainFormula(t.attrs)
		}
		switch kind {
		case elC:
			p.cells++
			p.cellIs = 0
		case elIs:
			p.is++
			if p.cells > 0 {
				p.cellIs++
			}
			p.ts = append(p.ts, 0)
		case elR:
			if p.is > 0 {
				p.ts = append(p.ts, 0)
			} else {
				kind = elOther
			}
		}
		p.stack = append(p.stack, kind)
	}
}

// plainFormula reports whether excelize reads every attribute of a
// formula (xlsxF) without an error: its flags are booleans and si a
// number.
func plainFormula(attrs []xmlAttr) bool {
	for _, a := range attrs {
		switch string(a.local) {
		case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
			switch string(a.value) {
			case "", "0", "1", "true", "false":
			default:
				return false
			}
		case "si":
			if len(a.value) > 18 {
				return false
			}
			for _, c := range a.value {
				if c < '0' || c > '9' {
					return false
				}
			}
		}
	}
	return true
}
