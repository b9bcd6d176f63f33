package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// The data sheets' rows go into the saved workbook as XML compressed
// apart (summary_stream.go), spliced into each sheet's part while excelize
// writes the zip: no sheet's rows are ever in memory together. excelize's
// StreamWriter, used before, keeps every sheet's XML until the workbook is
// saved (all of it below 16 MB, a buffer of up to 32 MB above): at 100,000 clients the
// five data sheets held 130 MB at Close, above the run's 100 MiB soft
// memory limit, and the garbage collector ran without pause while the
// summary was written.
//
// Each data sheet is an ordinary excelize sheet holding its settings
// (widths, frozen header, filter, print setup) and the rows above the data
// (header, counts); a sheetFill says which rows to add after them. The
// rows' XML is what the StreamWriter writes for the same values (the
// same cell types, escaping and 32,767-character cap): a test compares
// the two.

// sheetFill is the data rows of one sheet, added to its part when the
// workbook is saved.
type sheetFill struct {
	// stream holds the rows, made and compressed (summary_stream.go).
	stream *rowStream
	done   bool
}

// fillingZip is the zip writer excelize saves the workbook through: it
// adds the fills' rows to their sheets' parts on the way to the file
// (streamedPart).
type fillingZip struct {
	*zip.Writer
	fills map[string]*sheetFill // by part name, xl/worksheets/sheetN.xml
	// pending is a data sheet's part excelize is writing: it goes into the
	// zip once complete, when the next part is created or the zip closed.
	pending *streamedPart
	// pieces compresses the parts' heads and tails (made on first use: a
	// compressor is about 1 MB).
	pieces *flate.Writer
}

func (z *fillingZip) Create(name string) (io.Writer, error) {
	if err := z.writePending(); err != nil {
		return nil, err
	}
	if fill := z.fills[name]; fill != nil {
		z.pending = &streamedPart{name: name, fill: fill}
		return z.pending, nil
	}
	return z.Writer.Create(name)
}

func (z *fillingZip) Close() error {
	if err := z.writePending(); err != nil {
		return err
	}
	return z.Writer.Close()
}

func (z *fillingZip) writePending() error {
	p := z.pending
	if p == nil {
		return nil
	}
	z.pending = nil
	if z.pieces == nil {
		var err error
		if z.pieces, err = flate.NewWriter(io.Discard, workbookLevel); err != nil {
			return err
		}
	}
	return p.write(z.Writer, z.pieces)
}

// check reports a fill whose part never came by, or had no sheetData.
func (z *fillingZip) check() error {
	for _, f := range z.fills {
		if !f.done {
			return fmt.Errorf("summary sheet %s: its rows could not be added to the workbook", f.stream.sheet)
		}
	}
	return nil
}

// fillHead is a sheet part's head, up to </sheetData>, made ready for the
// stream's rows: no filter in force, and the dimension covering the rows.
func fillHead(head []byte, st *rowStream) ([]byte, error) {
	// Set by excelize's AutoFilter, filterMode says a filter is in force
	// (rows hidden); none is.
	head = bytes.Replace(head, []byte(` filterMode="true"`), nil, 1)
	const dim = `<dimension ref="`
	i := bytes.Index(head, []byte(dim))
	if i < 0 || st.rows == 0 {
		return head, nil
	}
	j := i + len(dim)
	k := bytes.IndexByte(head[j:], '"')
	if k < 0 {
		return head, nil
	}
	last, err := excelize.CoordinatesToCellName(len(st.cols), st.first+st.rows-1)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(head)+16)
	out = append(out, head[:j]...)
	out = append(out, "A1:"+last...)
	return append(out, head[j+k:]...), nil
}

// rowHeight is the height a data row is given: its wrapped lines, or the
// default (0) for one line.
func rowHeight(cols []summaryColumn, values []any) float64 {
	if lines := summaryRowLines(cols, values); lines > 1 {
		return float64(lines) * summaryLineHeight
	}
	return 0
}

// appendRowXML appends row r (1-based) holding values from column A, as
// excelize's StreamWriter.SetRow writes it; height 0 is the default.
func appendRowXML(b []byte, r int, height float64, values []any) ([]byte, error) {
	if height > excelize.MaxRowHeight {
		return b, excelize.ErrMaxRowHeight
	}
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	var refBuf [16]byte
	for i, v := range values {
		if v == nil {
			continue
		}
		ref, err := appendCellRef(refBuf[:0], i+1, r)
		if err != nil {
			return b, err
		}
		if b, err = appendCellXML(b, ref, v); err != nil {
			return b, err
		}
	}
	return append(b, `</row>`...), nil
}

// appendCellRef appends the name of the cell at column col and row r
// (1-based), "A1", as excelize.CoordinatesToCellName makes it, without
// making a string of it: a 100,000-client summary names millions of cells.
func appendCellRef(b []byte, col, r int) ([]byte, error) {
	if col < 1 || col > excelize.MaxColumns || r < 1 || r > excelize.TotalRows {
		_, err := excelize.CoordinatesToCellName(col, r)
		if err == nil {
			err = fmt.Errorf("cell %d, %d out of range", col, r)
		}
		return b, err
	}
	var letters [3]byte // MaxColumns is XFD
	i := len(letters)
	for ; col > 0; col = (col - 1) / 26 {
		i--
		letters[i] = byte('A' + (col-1)%26)
	}
	b = append(b, letters[i:]...)
	return strconv.AppendInt(b, int64(r), 10), nil
}

// plainText reports whether s is written in a cell as it is: no character
// XML escapes or a cell cannot hold (xml.EscapeText's), no "_x" that could
// start a "_xHHHH_" (protectEscapes), and short enough that it is not cut.
// Nearly all of a summary's text is; the rest takes cellText's way.
func plainText(s string) bool {
	if len(s) > excelize.TotalCellChars || strings.Contains(s, "_x") {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '&' || c == '\'' || c == '<' || c == '>' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !(r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
		i += size
	}
	return true
}

// xmlCell is a cell as excelize's StreamWriter writes it.
type xmlCell struct {
	style             int
	typ, formula, val string
	space             bool // xml:space="preserve" on the cell (a formula's text)
	inline            *string
	inlineSpace       bool // xml:space="preserve" on the inline text
}

// appendCellXML appends the cell at ref holding v: nil, a string, an int,
// a float64, a time.Time or a time.Duration, or an excelize.Cell of one
// with a style and a formula. The types and escaping are excelize's
// (StreamWriter.setCellValFunc and writeCell).
func appendCellXML(b []byte, ref []byte, v any) ([]byte, error) {
	var c xmlCell
	if cell, ok := v.(excelize.Cell); ok {
		c.style, c.formula, v = cell.StyleID, cell.Formula, cell.Value
	}
	// The cells most rows are made of, written straight: plain text, and
	// whole numbers.
	if c.formula == "" {
		switch x := v.(type) {
		case string:
			if plainText(x) {
				b = appendCellStart(b, ref, c.style, "inlineStr")
				b = append(b, `<is><t`...)
				if x != "" && (x[0] == ' ' || x[len(x)-1] == ' ') {
					b = append(b, ` xml:space="preserve"`...)
				}
				b = append(b, '>')
				b = append(b, x...)
				return append(b, `</t></is></c>`...), nil
			}
		case int:
			b = appendCellStart(b, ref, c.style, "")
			b = append(b, `<v>`...)
			b = strconv.AppendInt(b, int64(x), 10)
			return append(b, `</v></c>`...), nil
		}
	}
	if c.formula != "" {
		c.typ = "str"
	}
	switch x := v.(type) {
	case nil:
	case string:
		if c.formula != "" {
			c.val, c.space = cellText(x, false)
		} else {
			c.setInline(cellText(x, true))
		}
	case int:
		c.typ, c.val = "", strconv.Itoa(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			c.setInline(cellText(fmt.Sprint(x), true))
		} else {
			c.typ, c.val = "", strconv.FormatFloat(x, 'f', -1, 64)
		}
	case time.Duration:
		c.typ, c.val = "", strconv.FormatFloat(x.Seconds()/86400, 'f', -1, 32)
	case time.Time:
		if c.style == 0 {
			return b, errors.New("a date without a number format")
		}
		if serial := excelSerial(x); serial > 0 {
			c.typ, c.val = "", strconv.FormatFloat(serial, 'f', -1, 64)
		} else {
			text := x.Format(time.RFC3339Nano)
			c.setInline(text, false)
		}
	default:
		return b, fmt.Errorf("a cell value of type %T", v)
	}

	b = append(b, `<c`...)
	if c.space {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = appendCellAttrs(b, ref, c.style, c.typ)
	if c.formula != "" {
		b = append(b, `<f>`...)
		b = appendEscaped(b, c.formula)
		b = append(b, `</f>`...)
	}
	if c.val != "" {
		b = append(b, `<v>`...)
		b = appendEscaped(b, c.val)
		b = append(b, `</v>`...)
	}
	if c.inline != nil {
		b = append(b, `<is><t`...)
		if c.inlineSpace {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, *c.inline...)
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...), nil
}

// appendCellStart appends a cell's start tag: its reference, style (0:
// none) and type ("": a number).
func appendCellStart(b, ref []byte, style int, typ string) []byte {
	return appendCellAttrs(append(b, `<c`...), ref, style, typ)
}

func appendCellAttrs(b, ref []byte, style int, typ string) []byte {
	b = append(b, ` r="`...)
	b = append(b, ref...)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	if typ != "" {
		b = append(b, ` t="`...)
		b = append(b, typ...)
		b = append(b, '"')
	}
	return append(b, '>')
}

func (c *xmlCell) setInline(text string, space bool) {
	c.typ, c.val, c.inline, c.inlineSpace = "inlineStr", "", &text, space
}

// cellText is excelize's trimCellValue: text cut to the 32,767 UTF-16
// units a cell holds, whether it needs xml:space="preserve" (a space, tab
// or line break at either end), XML-escaped when escape is set (line
// breaks kept as they are), and with any literal "_xHHHH_" protected so
// that Excel does not read it as an escaped character.
func cellText(s string, escape bool) (string, bool) {
	if utf16Len(s) > excelize.TotalCellChars {
		s = cutUTF16(s, excelize.TotalCellChars)
	}
	space := false
	if s != "" {
		for _, c := range []byte{'\t', '\n', '\r', ' '} {
			if s[0] == c || s[len(s)-1] == c {
				space = true
				break
			}
		}
		if escape {
			var b strings.Builder
			_ = xml.EscapeText(&b, []byte(s))
			s = strings.ReplaceAll(b.String(), "&#xA;", "\n")
		}
	}
	return protectEscapes(s), space
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func cutUTF16(s string, units int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > units {
			return s[:i]
		}
	}
	return s
}

var (
	escapedCharExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	escapedTailExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// protectEscapes is excelize's bstrMarshal: "_x0041_" typed in a cell
// would read back as "A"; it is written "_x005F_x0041_".
func protectEscapes(s string) string {
	matches := escapedCharExp.FindAllStringSubmatchIndex(s, -1)
	if matches == nil {
		return s
	}
	var out strings.Builder
	l, cursor := len(s), 0
	for _, m := range matches {
		out.WriteString(s[cursor:m[0]])
		sub := s[m[0]:m[1]]
		if sub == "_x005F_" {
			cursor = m[1]
			if m[1]+6 <= l && escapedTailExp.MatchString(s[m[1]:m[1]+6]) {
				if _, err := strconv.Unquote(`"\u` + s[m[1]+1:m[1]+5] + `"`); err == nil {
					out.WriteString(sub + "x005F" + sub)
					continue
				}
			}
			out.WriteString(sub + "x005F_")
			continue
		}
		// As excelize does, a sequence that names no character (a lone
		// surrogate, _xD800_) is dropped.
		cursor = m[1]
		if _, err := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`); err == nil {
			out.WriteString("_x005F" + sub)
		}
	}
	if cursor < l {
		out.WriteString(s[cursor:])
	}
	return out.String()
}

// appendEscaped appends s escaped as encoding/xml's EscapeText does.
func appendEscaped(b []byte, s string) []byte {
	var w bytes.Buffer
	_ = xml.EscapeText(&w, []byte(s))
	return append(b, w.Bytes()...)
}

// excelSerial is t as an Excel 1900-system serial number (days since
// 1899-12-30, counting Excel's 29 February 1900), 0 before 1900, the way
// excelize converts it (timeToExcelTime).
func excelSerial(t time.Time) float64 {
	const day = 24 * time.Hour
	const maxStep = 290 * 364 * day
	_, offset := t.Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	epoch := time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	if t.Before(epoch) {
		return 0
	}
	tt, diff, result := t, t.Sub(epoch), 0.0
	for diff >= maxStep {
		result += float64(maxStep / day)
		tt = tt.Add(-maxStep)
		diff = tt.Sub(epoch)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)) {
		result++
	}
	return result
}
