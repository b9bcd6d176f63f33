package ingest

import (
	"archive/zip"
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
