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

	"github.com/xuri/excelize/v2"
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

// checkWellFormed reads one part to its end and reports the first XML
// syntax error, an element left open, or a damaged zip entry.
func checkWellFormed(zf *zip.File) error {
	_, err := scanPart(zf, false)
	return err
}

// unsavedFormulas are the cells of one sheet that hold a formula and no
// saved value, by 1-based row, then their 1-based columns.
type unsavedFormulas map[int][]int

// scanPart is checkWellFormed; when cells is true it also finds the cells
// that hold a formula with no saved value, which the Rows iterator returns
// as blank: <c><f>…</f></c> as excelize writes it, or <c><f>…</f><v/></c>
// as openpyxl does. A formula whose saved value is the empty text (t="str"
// with an empty <v>, as Excel saves ="") has a value: the blank it shows.
// Rows and columns are numbered as excelize numbers them: by their r
// attribute, else one after the previous.
func scanPart(zf *zip.File, cells bool) (unsavedFormulas, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		unsaved unsavedFormulas
		depth   int
		// The cell being read: its place, and what it holds.
		inSheetData, inCell, inValue bool
		row, col                     int
		formula, hasValue, emptyText bool
	)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return unsaved, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if !cells {
				continue
			}
			switch t.Name.Local {
			case "sheetData":
				inSheetData = true
			case "row":
				if !inSheetData {
					continue
				}
				row++
				col = 0
				if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
					row = n
				}
			case "c":
				if !inSheetData {
					continue
				}
				inCell, formula, hasValue = true, false, false
				emptyText = attr(t, "t") == "str"
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						col = c
					}
				}
			case "f":
				formula = formula || inCell
			case "v":
				inValue = inCell
				if inCell && emptyText {
					// Excel's saved empty text: a value, even with no
					// characters in it.
					hasValue = true
				}
			}
		case xml.CharData:
			if inValue && len(t) > 0 {
				hasValue = true
			}
		case xml.EndElement:
			depth--
			if depth < 0 {
				return nil, errors.New("an element is closed twice")
			}
			if !cells {
				continue
			}
			switch t.Name.Local {
			case "sheetData":
				inSheetData = false
			case "v":
				inValue = false
			case "c":
				if inCell && formula && !hasValue {
					if unsaved == nil {
						unsaved = unsavedFormulas{}
					}
					unsaved[row] = append(unsaved[row], col)
				}
				inCell = false
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// scanSheets checks that the shared strings and each named sheet's part of
// zr (the package checkZip read) are well-formed XML, and returns each
// sheet's cells that hold a formula with no saved value.
func scanSheets(zr *zip.Reader, file string, sheets []string) (map[string]unsavedFormulas, error) {
	unsaved := map[string]unsavedFormulas{}
	// excelize has opened the workbook: a layout this check does not
	// follow is not a reason to reject it, only to skip the check.
	parts, err := sheetParts(zr)
	if err != nil {
		return unsaved, nil
	}
	// The shared strings hold the text of every sheet's cells; when they
	// break off, excelize reads the missing ones as blank cells.
	if zf := findPart(zr, "xl/sharedStrings.xml"); zf != nil {
		if err := checkWellFormed(zf); err != nil {
			return nil, &FileError{File: file, Reason: "The workbook's text (its shared strings) is damaged, so some cells cannot be read. Open the workbook in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox."}
		}
	}
	for _, s := range sheets {
		zf := findPart(zr, parts[s])
		if zf == nil {
			continue
		}
		cells, err := scanPart(zf, true)
		if err != nil {
			return nil, &FileError{File: file, Reason: fmt.Sprintf("The %s sheet is damaged (it breaks off or is garbled part-way, so some of its rows cannot be read). Open the workbook in Excel or LibreOffice, check the sheet's last rows, save it again as .xlsx and put it back in the inbox.", s)}
		}
		unsaved[s] = cells
	}
	return unsaved, nil
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
	br := bufio.NewReaderSize(rc, 64<<10)
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
