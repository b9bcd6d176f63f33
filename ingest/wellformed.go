package ingest

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// excelize's Rows iterator stops, without an error, at the first XML
// syntax error of a sheet: a sheet cut short (a writer that crashed, a
// script that did not close its file) reads as a shorter sheet, and its
// last rows would vanish silently. So every sheet that is read is also
// checked to be well-formed to its end, by a streaming pass over the raw
// part that costs a fraction of excelize's decoding.

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
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	depth := 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
			if depth < 0 {
				return errors.New("an element is closed twice")
			}
		}
	}
}

// checkSheets checks that each named sheet's part of zr (the package
// checkZip read) is well-formed XML.
func checkSheets(zr *zip.Reader, file string, sheets []string) error {
	// excelize has opened the workbook: a layout this check does not
	// follow is not a reason to reject it, only to skip the check.
	parts, err := sheetParts(zr)
	if err != nil {
		return nil
	}
	// The shared strings hold the text of every sheet's cells; when they
	// break off, excelize reads the missing ones as blank cells.
	if zf := findPart(zr, "xl/sharedStrings.xml"); zf != nil {
		if err := checkWellFormed(zf); err != nil {
			return &FileError{File: file, Reason: "The workbook's text (its shared strings) is damaged, so some cells cannot be read. Open the workbook in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox."}
		}
	}
	for _, s := range sheets {
		zf := findPart(zr, parts[s])
		if zf == nil {
			continue
		}
		if err := checkWellFormed(zf); err != nil {
			return &FileError{File: file, Reason: fmt.Sprintf("The %s sheet is damaged (it breaks off or is garbled part-way, so some of its rows cannot be read). Open the workbook in Excel or LibreOffice, check the sheet's last rows, save it again as .xlsx and put it back in the inbox.", s)}
		}
	}
	return nil
}
