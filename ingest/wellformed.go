package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/internal/freelist"
)

// excelize's Rows iterator stops, without an error, at the first XML
// syntax error of a sheet: a sheet cut short (a writer that crashed, a
// script that did not close its file) reads as a shorter sheet, and its
// last rows would vanish silently. So every sheet that is read is first
// checked to be well-formed to its end, by a streaming pass over the raw
// part that costs a fraction of excelize's decoding. The same pass finds
// the formulas with no saved value, which the iterator also reads as
// blank.

// sheetParts maps each sheet's name to its part in the package, from
// xl/workbook.xml and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			// r:id, in the transitional or the strict namespace.
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.ReplaceAll(r.Target, "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if t, ok := targets[a.Value]; ok {
					parts[s.Name] = t
				}
			}
		}
	}
	return parts, nil
}

func findPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// decodePart unmarshals a small part (the workbook and its relationships,
// already bounded by checkZip's limits).
func decodePart(zr *zip.Reader, name string, v any) error {
	f := findPart(zr, name)
	if f == nil {
		return fmt.Errorf("no %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// unsavedFormulas are the cells of one sheet that hold a formula and no
// saved value, by 1-based row, then their 1-based columns.
type unsavedFormulas map[int][]int

// sheetText bounds the text a sheet's cells show: a shared string is
// stored once and copied for every cell that names it, so a few megabytes
// of text named by every row unpack to gigabytes in memory (and minutes
// of decoding) though the parts are small. lengths are the shared
// strings' lengths in bytes, by index; max is the bound (0: none).
//
// maxRow bounds the XML of one row (0: none): excelize decodes a row
// whole, and cannot be stopped in the middle of one, so a row of hundreds
// of megabytes of attributes took seconds no SIGTERM could cut short. No
// genuine row comes near a part read whole (limits.max_part_mb).
//
// maxRows bounds the rows that hold something (0: none): a sheet of a
// million rows over limits.max_rows is rejected once the scan has seen
// one row too many, not after two full passes over it. blank marks the
// shared strings that are only white space, which make no row.
type sheetText struct {
	lengths []int
	blank   []bool
	max     int64
	maxRow  int64
	maxRows int
	// kinds are the shared strings' kinds, by index; maxDateCells bounds
	// the numbers typed as text kept for one sheet (textdates.go).
	kinds        []textKind
	maxDateCells int
	// tokens reads the parts; its buffers serve every part of a file.
	tokens *fastTokens
}

// errTooManyRows is a sheet with more rows that hold something than
// sheetText.maxRows.
var errTooManyRows = errors.New("too many rows")

// errLongRow is a row whose XML is over sheetText.maxRow.
type errLongRow struct{ row int }

func (e errLongRow) Error() string { return fmt.Sprintf("row %d is too long", e.row) }

// cancelEvery is how many bytes of a part are read between two looks at
// the context: a token can be megabytes long.
const cancelEvery = 1 << 20

var errTooMuchText = errors.New("the cells show too much text")

// maxCellText is Excel's limit on the characters of one cell: no
// genuine workbook holds a longer text.
const maxCellText = 32767

// errLongText is a shared string longer than maxCellText.
type errLongText struct{ index, chars int }

func (e errLongText) Error() string {
	return fmt.Sprintf("shared string %d holds %d characters", e.index, e.chars)
}

// partReader reads the tokens of one part, looking at its context every
// cancelEvery bytes (a token can be megabytes long) and keeping the depth,
// so that a part cut short or garbled is an error, not a shorter part.
type partReader struct {
	ctx    context.Context
	d      *xml.Decoder
	depth  int
	looked int64 // where the context was last looked at
}

// next returns the part's next token, or io.EOF at its well-formed end.
func (p *partReader) next() (xml.Token, error) {
	if off := p.d.InputOffset(); off-p.looked >= cancelEvery {
		if err := p.ctx.Err(); err != nil {
			return nil, err
		}
		p.looked = off
	}
	tok, err := p.d.RawToken()
	if errors.Is(err, io.EOF) {
		if p.depth != 0 {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, io.EOF
	}
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		p.depth++
	case xml.EndElement:
		p.depth--
		if p.depth < 0 {
			return nil, errors.New("an element is closed twice")
		}
	}
	return tok, nil
}

// sharedTextLengths checks that the shared strings part is well-formed and
// returns the length of each text in bytes (its runs together; a phonetic
// reading may be counted too, which only errs on the side of the bound)
// and whether it is only white space, or errLongText for the first over
// maxCellText characters; and the kind of each text (textdates.go), read
// from its runs without the phonetic reading.
func sharedTextLengths(ctx context.Context, zf *zip.File, fast *fastTokens) (lengths []int, blank []bool, kinds []textKind, err error) {
	err = readPart(ctx, zf, fast, func(src tokenSource) error {
		lengths, blank, kinds, err = sharedTextTokens(src)
		return err
	})
	return lengths, blank, kinds, err
}

// readPart reads zf with the fast reader, and again with encoding/xml if
// the fast reader gives up on it.
func readPart(ctx context.Context, zf *zip.File, fast *fastTokens, read func(tokenSource) error) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	fast.reset(ctx, rc)
	err = read(fast)
	rc.Close()
	fast.reset(nil, nil)
	if !errors.Is(err, errFallback) {
		return err
	}
	rc, err = zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return read(newSlowTokens(ctx, rc))
}

// sharedTextTokens is sharedTextLengths on the tokens of the part.
func sharedTextTokens(p tokenSource) (lengths []int, blank []bool, kinds []textKind, err error) {
	var (
		in, inT, inRPh bool
		n, size        int
		empty          bool
		text           textBuffer
	)
	for {
		tok, err := p.next()
		if errors.Is(err, io.EOF) {
			return lengths, blank, kinds, nil
		}
		if err != nil {
			return nil, nil, nil, err
		}
		switch tok.kind {
		case tokStart:
			switch string(tok.local) {
			case "si":
				in, n, size, empty = true, 0, 0, true
				text.reset()
			case "t":
				inT = in
			case "rPh":
				inRPh = in
			}
		case tokText:
			if t := tok.text; in {
				n += utf8.RuneCount(t)
				size += len(t)
				empty = empty && onlySpace(t)
				if n > maxCellText {
					return nil, nil, nil, errLongText{len(lengths), n}
				}
				if inT && !inRPh {
					text.add(t)
				}
			}
		case tokEnd:
			switch string(tok.local) {
			case "si":
				if in {
					lengths = append(lengths, size)
					blank = append(blank, empty)
					kinds = append(kinds, text.kind())
					in = false
				}
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			}
		}
	}
}

// onlySpace reports whether b holds nothing but white space, as the
// reader counts a blank cell.
func onlySpace(b []byte) bool {
	return len(bytes.TrimFunc(b, isSpace)) == 0
}

// scanPart reads one part to its end and reports the first XML syntax
// error, an element left open, or a damaged zip entry, and finds the cells
// that hold a formula with no saved value, which the Rows iterator returns
// as blank: <c><f>…</f></c> as excelize writes it, or <c><f>…</f><v/></c>
// as openpyxl does. A formula whose saved value is the empty text (t="str"
// with an empty <v>, as Excel saves ="") has a value: the blank it shows.
// Rows and columns are numbered as excelize numbers them: by their r
// attribute, else one after the previous.
// It also finds the numbers typed as text in date columns (textdates.go).
// It returns errTooMuchText when the cells show more text than text.max,
// errTooManyRows at the first row past text.maxRows that holds something
// (a value that is not only white space, or a formula with no saved
// value: what the reader counts), and ctx's error when cancelled.
func scanPart(ctx context.Context, zf *zip.File, text sheetText) (ps *partScan, err error) {
	fast := text.tokens
	if fast == nil {
		fast = &fastTokens{}
	}
	err = readPart(ctx, zf, fast, func(src tokenSource) error {
		ps, err = scanTokens(src, text)
		if ps != nil {
			_, isFast := src.(*fastTokens)
			ps.plain = ps.plain && isFast
		}
		return err
	})
	return ps, err
}

// scanTokens is scanPart on the tokens of the part.
func scanTokens(p tokenSource, text sheetText) (*partScan, error) {
	var (
		unsaved unsavedFormulas
		// The cell being read: its place, and what it holds.
		inSheetData, inCell, inValue bool
		row, col                     int
		formula, hasValue, emptyText bool
		// The cell's value names a shared string; its index so far.
		shared bool
		index  int
		shown  int64 // the bytes of text the cells show
		// Where the row being read starts, in bytes of the part.
		rowStart int64 = -1
		// Whether the cell and the row being read hold something, and
		// how many rows so far did.
		cellFilled, rowFilled bool
		filledRows            int
		// The cell's type, and its text (an inline string's, or its value).
		typ        string
		inT, inRPh bool
		cellText   textBuffer
		watched    bool // the cell's text matters to dates
		dates      = textDateScan{shared: text.kinds, limit: text.maxDateCells}
		plain      = plainCells{}
	)
	for {
		tok, err := p.next()
		if err == nil {
			plain.see(tok)
		}
		if rowStart >= 0 && text.maxRow > 0 && p.offset()-rowStart > text.maxRow {
			return nil, errLongRow{row}
		}
		if errors.Is(err, io.EOF) {
			return &partScan{unsaved: unsaved, textDates: dates.result(), plain: !plain.not}, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok.kind {
		case tokStart:
			switch string(tok.local) {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				row++
				col = 0
				if n, err := strconv.Atoi(string(tok.attr("r"))); err == nil && n > 0 {
					row = n
				}
				rowStart = p.offset()
				rowFilled = false
				dates.startRow()
			case "c":
				if !inSheetData {
					continue
				}
				inCell, formula, hasValue, cellFilled = true, false, false, false
				typ = cellType(tok.attr("t"))
				emptyText = typ == "str"
				shared, index = typ == "s", 0
				cellText.reset()
				watched = false
				col++
				if ref := tok.attr("r"); len(ref) > 0 {
					if c, ok := cellColumn(ref); ok {
						col = c
					}
				}
				watched = dates.watching(col)
			case "f":
				formula = formula || inCell
			case "t":
				inT = inCell
			case "rPh":
				inRPh = inCell
			case "v":
				inValue = inCell
				if inCell && emptyText {
					// Excel's saved empty text: a value, even with no
					// characters in it.
					hasValue = true
				}
			}
		case tokText:
			t := tok.text
			if inValue && len(t) > 0 {
				hasValue = true
			}
			if (inValue && !shared || inT) && !cellFilled && !onlySpace(t) {
				cellFilled = true
			}
			if inCell {
				if shared && inValue {
					for _, c := range t {
						if c >= '0' && c <= '9' && index < 1<<30 {
							index = index*10 + int(c-'0')
						}
					}
				} else {
					// An inline text, a number or a formula: what it
					// holds, read whole.
					shown += int64(len(t))
					if watched && (inValue || inT && !inRPh) {
						cellText.add(t)
					}
				}
			}
		case tokEnd:
			switch string(tok.local) {
			case "sheetData":
				inSheetData = false
			case "row":
				rowStart = -1
				if rowFilled && inSheetData {
					filledRows++
					if text.maxRows > 0 && filledRows > text.maxRows {
						return nil, errTooManyRows
					}
				}
				if inSheetData {
					dates.endRow(row)
				}
			case "v":
				inValue = false
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			case "c":
				if inCell && shared && index < len(text.lengths) {
					shown += int64(text.lengths[index])
					cellFilled = cellFilled || index >= len(text.blank) || !text.blank[index]
				}
				if inCell && (cellFilled || formula && !hasValue) {
					rowFilled = true
				}
				if text.max > 0 && shown > text.max {
					return nil, errTooMuchText
				}
				if inCell && formula && !hasValue {
					if unsaved == nil {
						unsaved = unsavedFormulas{}
					}
					unsaved[row] = append(unsaved[row], col)
				}
				if inCell {
					dates.cell(row, col, typ, index, &cellText, formula && !hasValue)
				}
				inCell = false
			}
		}
	}
}

// cellType is a cell's type attribute; the types of the standard are
// not copied for every cell.
func cellType(t []byte) string {
	switch string(t) {
	case "":
		return ""
	case "s":
		return "s"
	case "n":
		return "n"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "e":
		return "e"
	case "d":
		return "d"
	}
	return string(t)
}

// cellColumn is the column of a cell reference, as
// excelize.CellNameToCoordinates reads it; ok is false when it does not.
// The plain form ("AB12") is read here, without a copy of the reference.
func cellColumn(ref []byte) (col int, ok bool) {
	i := 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	plain := i > 0 && i < len(ref) && len(ref)-i <= 7 && ref[i] != '0'
	row := 0
	for j := i; plain && j < len(ref); j++ {
		if c := ref[j]; '0' <= c && c <= '9' {
			row = row*10 + int(c-'0')
		} else {
			plain = false
		}
	}
	if !plain {
		c, _, err := excelize.CellNameToCoordinates(string(ref))
		return c, err == nil
	}
	return col, row <= excelize.TotalRows && col <= excelize.MaxColumns
}

// cellScan is what scanCells found in the shared strings and the sheets,
// before excelize reads any of them: whether the shared strings are
// damaged, and each sheet part's scan or damage, by the part's name in
// lower case.
type cellScan struct {
	stringsDamaged bool
	parts          map[string]*partScan
	damaged        map[string]bool
	// overRows are the sheet parts with more rows than limits.max_rows:
	// their scan stopped there, and a sheet that is read is rejected.
	overRows map[string]bool
	maxRows  int
}

// partScan is what the scan found in one sheet part: its formulas with no
// saved value, and the numbers typed as text in its date columns.
type partScan struct {
	unsaved   unsavedFormulas
	textDates *textDateCells
	// plain is set when the part was read by the fast reader and its cells
	// hold nothing that sheetRows reads otherwise than excelize (rows.go).
	plain bool
}

// scanCells checks every sheet of zr (the package checkZip read) to its
// end, before excelize reads a row, and bounds the text of the cells: no
// shared string may exceed Excel's 32,767 characters, and the text each
// sheet's cells show, shared strings counted for every cell that names
// them, may not exceed four times opts.MaxPartBytes (limits.max_part_mb).
// excelize copies a shared string for every cell that names it, and reads
// a sheet's header row whole, so the bound must hold before it opens any
// sheet: after, a 500 KB file took 500 MB. Nor may a row's XML exceed
// opts.MaxPartBytes. A text or row over a bound is a *FileError; damage,
// and a sheet over opts.MaxRows (whose scan stops at the first row too
// many), are recorded for scanSheets, which reports them only for the
// sheets that are read. The numbers typed as text kept for a sheet are
// bounded by the same limit (textdates.go). It returns the context's
// error when cancelled.
func scanCells(zr *zip.Reader, file string, opts Options) (*cellScan, error) {
	ctx, maxPart := opts.Context, opts.MaxPartBytes
	scan := &cellScan{parts: map[string]*partScan{}, damaged: map[string]bool{}, overRows: map[string]bool{}, maxRows: opts.MaxRows}
	// The shared strings hold the text of every sheet's cells; when they
	// break off, excelize reads the missing ones as blank cells.
	maxText := 4 * maxPart
	// One watched column per date field: a row holds at most that many.
	text := sheetText{max: maxText, maxRow: maxPart, maxRows: opts.MaxRows, maxDateCells: len(dateFields) * (opts.MaxRows + 1)}
	text.tokens = &fastTokens{}
	if zf := findPart(zr, "xl/sharedStrings.xml"); zf != nil {
		var long errLongText
		var err error
		if text.lengths, text.blank, text.kinds, err = sharedTextLengths(ctx, zf, text.tokens); errors.As(err, &long) {
			return nil, &FileError{File: file, Reason: fmt.Sprintf("The workbook's texts (shared strings) hold a text of more than 32,767 characters (text %d), over Excel's limit for a cell; it is damaged or crafted. Open it in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox.", long.index+1)}
		} else if ctx.Err() != nil {
			return nil, ctx.Err()
		} else if err != nil {
			scan.stringsDamaged = true
		}
	}
	for _, zf := range zr.File {
		lower := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if !strings.HasPrefix(lower, "xl/worksheets/") || !strings.HasSuffix(lower, ".xml") || strings.Contains(lower, "/_rels/") {
			continue
		}
		ps, err := scanPart(ctx, zf, text)
		var long errLongRow
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.As(err, &long):
			return nil, &FileError{File: file, Reason: fmt.Sprintf("Row %d of the %s is more than %s of XML, over the limit of limits.max_part_mb; no row of a genuine workbook comes near it, so it is damaged or crafted. Open it in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox; raise the limit in the configuration only if it is genuine.", long.row, sheetLabel(zr, zf.Name), mb(maxPart))}
		case errors.Is(err, errTooManyRows):
			scan.overRows[lower] = true
		case errors.Is(err, errTooMuchText):
			return nil, &FileError{File: file, Reason: fmt.Sprintf("The cells of the %s show more than %s of text (a text the workbook stores once counts for every cell that shows it), over the limit of four times limits.max_part_mb; it is damaged or crafted. Split it into several workbooks, or save it again as .xlsx and put it back in the inbox; raise the limit in the configuration only if it is genuine.", sheetLabel(zr, zf.Name), mb(maxText))}
		case err != nil:
			scan.damaged[lower] = true
		default:
			scan.parts[lower] = ps
		}
	}
	return scan, nil
}

// scanSheets reports what scanCells found damaged in the shared strings
// and the named sheets of zr, and returns what it found in each of them.
func scanSheets(zr *zip.Reader, file string, sheets []string, scan *cellScan) (map[string]*partScan, error) {
	found := map[string]*partScan{}
	// excelize has opened the workbook: a layout this check does not
	// follow is not a reason to reject it, only to skip the check.
	parts, err := sheetParts(zr)
	if err != nil {
		return found, nil
	}
	if scan.stringsDamaged {
		return nil, &FileError{File: file, Reason: "The workbook's text (its shared strings) is damaged, so some cells cannot be read. Open the workbook in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox."}
	}
	for _, s := range sheets {
		zf := findPart(zr, parts[s])
		if zf == nil {
			continue
		}
		lower := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		if scan.overRows[lower] {
			return nil, &FileError{File: file, Reason: fmt.Sprintf("The %s sheet has more than %d rows, over the limit. Split the workbook into several smaller ones, or raise the limit in the configuration if it is genuine.", s, scan.maxRows)}
		}
		if scan.damaged[lower] {
			return nil, &FileError{File: file, Reason: fmt.Sprintf("The %s sheet is damaged (it breaks off or is garbled part-way, so some of its rows cannot be read). Open the workbook in Excel or LibreOffice, check the sheet's last rows, save it again as .xlsx and put it back in the inbox.", s)}
		}
		found[s] = scan.parts[lower]
	}
	return found, nil
}

// checkParts bounds every XML part of zr before excelize parses it: the
// unpacked size of each part excelize holds whole, and the elements of
// the styles, the shared strings, the workbook and every worksheet. The
// sizes come from the zip directory (archive/zip never inflates an entry
// past its declared size); the elements are counted by a byte scan of the
// inflated stream, which stops at the first count over its limit, so a
// bomb costs a few megabytes and a fraction of a second. It returns a
// *FileError, or ctx's error when cancelled.
func checkParts(ctx context.Context, zr *zip.Reader, file string, opts Options) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, zf := range zr.File {
		part := strings.ReplaceAll(zf.Name, "\\", "/")
		lower := strings.ToLower(part)
		if !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") && !strings.HasSuffix(lower, ".vml") {
			continue // pictures and other binary parts: bounded by their size in checkZip
		}
		sheet := strings.HasPrefix(lower, "xl/worksheets/") && !strings.Contains(lower, "/_rels/")
		what, raise := partDescription(lower, part)
		if !sheet && zf.UncompressedSize64 > uint64(opts.MaxPartBytes) {
			return &FileError{File: file, Reason: fmt.Sprintf("The workbook's %s unpacks to %s, over the limit of %s (limits.max_part_mb). %s",
				what, mb(int64(zf.UncompressedSize64)), mb(opts.MaxPartBytes), raise)}
		}
		var (
			count, limit int
			key, unit    string
			tag          string // "" counts every element
		)
		switch {
		case sheet:
			tag, limit, key, unit = "c", opts.MaxCells, "limits.max_cells", "cells"
		case lower == "xl/sharedstrings.xml":
			tag, limit, key, unit = "si", opts.MaxSharedStrings, "limits.max_shared_strings", "distinct texts (shared strings)"
		case lower == "xl/workbook.xml":
			tag, limit, key, unit = "sheet", opts.MaxSheets, "limits.max_sheets", "sheets"
		default:
			limit, key, unit = opts.MaxElements, "limits.max_elements", "elements"
		}
		count, all, err := countElements(ctx, zf, tag, limit, elementBudget(tag, limit))
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil && !errors.Is(err, errTooMany) {
			// Damage: excelize or the well-formedness check reports it
			// with the sheet's name; the bound is what matters here.
			continue
		}
		if errors.Is(err, errTooMany) {
			if count <= limit {
				// Over the budget of elements of every kind, not the count.
				return &FileError{File: file, Reason: fmt.Sprintf("The workbook has more than %d XML elements in its %s, far more than an intake workbook needs; it is damaged or crafted. %s",
					all-1, what, raise)}
			}
			if sheet {
				what = sheetLabel(zr, part)
			}
			return &FileError{File: file, Reason: fmt.Sprintf("The workbook has more than %d %s in its %s, over the limit (%s). %s",
				limit, unit, what, key, raise)}
		}
	}
	return nil
}

// elementBudget is how many elements of any kind a part may hold when tag
// ones are limited to limit: a shared string or a cell carries a few
// children (runs, formats, values), a sheet entry of the workbook a few
// defined names and views.
func elementBudget(tag string, limit int) int {
	switch tag {
	case "":
		return limit
	case "sheet":
		return 20*limit + 10000
	}
	return 10*limit + 10000
}

// partDescription names a part for the report, and says what to do.
func partDescription(lower, part string) (what, raise string) {
	const resave = "Open it in Excel or LibreOffice, save it again as .xlsx (for a genuine workbook: clear unused formats, delete unused sheets) and put it back in the inbox; raise the limit in the configuration only if it is genuine."
	switch {
	case lower == "xl/styles.xml":
		return "styles (cell formats) part", resave
	case lower == "xl/sharedstrings.xml":
		return "texts (shared strings) part", "Split it into several workbooks, or save it again as .xlsx and put it back in the inbox; raise the limit in the configuration only if it is genuine."
	case lower == "xl/workbook.xml":
		return "list of sheets (xl/workbook.xml)", resave
	case strings.HasPrefix(lower, "xl/worksheets/"):
		return "sheet " + part, "Split it into several workbooks (for example one per week of intake), or delete unused rows and columns and save it again; raise the limit in the configuration only if it is genuine."
	}
	return "part " + part, resave
}

// sheetLabel names the sheet whose part is part, for the report.
func sheetLabel(zr *zip.Reader, part string) string {
	parts, err := sheetParts(zr)
	if err == nil {
		for name, p := range parts {
			if strings.EqualFold(p, part) {
				return fmt.Sprintf("%s sheet", name)
			}
		}
	}
	return "sheet " + part
}

var errTooMany = errors.New("too many elements")

// countElements scans zf's inflated stream for start tags. It returns the
// number of tag elements (by local name, any prefix) and of all elements,
// with errTooMany as soon as the first passes limit or the second budget.
// Its cost is one pass at inflate speed in a 64 KB buffer, whatever the
// part holds; a '<' inside a comment or CDATA may be counted, which only
// errs on the side of the limit.
func countElements(ctx context.Context, zf *zip.File, tag string, limit, budget int) (count, all int, err error) {
	rc, err := zf.Open()
	if err != nil {
		return 0, 0, err
	}
	defer rc.Close()
	br, ok := elementReaders.Get()
	if ok {
		br.Reset(rc)
	} else {
		br = bufio.NewReaderSize(rc, 64<<10)
	}
	defer func() {
		br.Reset(nil) // not kept pointing at the part
		elementReaders.Put(br)
	}()
	var name []byte
	for n := 0; ; n++ {
		if n&0xFFFF == 0 && ctx.Err() != nil {
			return count, all, ctx.Err()
		}
		if _, err := br.ReadSlice('<'); err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				return count, all, nil
			}
			return count, all, err
		}
		// The name runs to white space, '/' or '>'.
		name = name[:0]
		for {
			c, err := br.ReadByte()
			if err != nil {
				break
			}
			if c == ' ' || c == '/' || c == '>' || c == '\t' || c == '\n' || c == '\r' {
				if c != '/' || len(name) > 0 {
					br.UnreadByte()
					break
				}
				// "</x>": an end tag.
				name = append(name, c)
				break
			}
			if len(name) < 64 {
				name = append(name, c)
			}
		}
		if len(name) == 0 || name[0] == '/' || name[0] == '?' || name[0] == '!' {
			continue
		}
		all++
		if tag != "" {
			local := name
			if i := bytes.LastIndexByte(local, ':'); i >= 0 {
				local = local[i+1:]
			}
			if string(local) == tag {
				count++
				if count > limit {
					return count, all, errTooMany
				}
			}
		} else {
			count = all
			if count > limit {
				return count, all, errTooMany
			}
		}
		if all > budget {
			return count, all, errTooMany
		}
	}
}

// elementReaders keeps countElements's 64 KB buffers: a workbook's
// check counts in a dozen parts, each with a buffer of its own. A free
// list, not a sync.Pool: the collector, which runs every few clients in
// a large run, would empty a pool between two workbooks.
var elementReaders = freelist.New[*bufio.Reader](8)
