package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// This file decides, before excelize sees a byte, whether a file can be an
// xlsx workbook at all: excelize gives the same unhelpful error for an old
// .xls, a password-protected workbook and a CSV renamed to .xlsx, and with
// its own limits a small crafted file can unpack gigabytes.

var (
	zipMagic   = []byte("PK\x03\x04")
	emptyZip   = []byte("PK\x05\x06")
	oleMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	pdfMagic   = []byte("%PDF")
	encryption = utf16le("EncryptionInfo")
	xlsStream  = utf16le("Workbook")
	xls95      = utf16le("Book")
	wordStream = utf16le("WordDocument")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

const saveAsXLSX = "Open it in Excel or LibreOffice, save it as an Excel Workbook (.xlsx) and put that file in the inbox."

// sniff looks at the first bytes of f and rejects what is not a zip
// container.
func sniff(f *os.File, size int64, name string) *FileError {
	if size == 0 {
		return &FileError{File: name, Reason: "The file is empty (0 bytes). It was probably not copied completely; copy the workbook again."}
	}
	head := make([]byte, 4096)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return nil
	case bytes.HasPrefix(head, emptyZip):
		return &FileError{File: name, Reason: "The file is an empty zip archive, not a workbook. Copy the workbook again from where it was saved."}
	case bytes.HasPrefix(head, oleMagic):
		return oleError(f, size, name)
	case bytes.HasPrefix(head, pdfMagic):
		return &FileError{File: name, Reason: "The file is a PDF document, not an Excel workbook. Fill in an intake workbook (cecbatch template writes a blank one) and put that in the inbox."}
	}
	if looksLikeText(head) {
		lower := strings.ToLower(string(head))
		if strings.Contains(lower, "<html") || strings.Contains(lower, "<table") || strings.Contains(lower, "<?xml") {
			return &FileError{File: name, Reason: "The file is a web page or XML export saved under a workbook name, not an Excel workbook. " + saveAsXLSX}
		}
		return &FileError{File: name, Reason: "The file is plain text (probably a CSV export renamed to .xlsx), not an Excel workbook. " + saveAsXLSX}
	}
	return &FileError{File: name, Reason: "The file is not an Excel workbook (.xlsx): it is damaged or another kind of file. " + saveAsXLSX}
}

// oleError tells an old .xls from a password-protected workbook: both are
// OLE2 compound files, but an encrypted workbook has an EncryptionInfo
// stream in its directory. The directory may sit anywhere in the file, so
// the whole file (already known to be under the size limit) is scanned.
func oleError(f *os.File, size int64, name string) *FileError {
	var found struct{ enc, xls, word bool }
	buf := make([]byte, 1<<20)
	var tail []byte
	for off := int64(0); off < size; {
		n, err := f.ReadAt(buf, off)
		if n == 0 {
			break
		}
		chunk := append(tail, buf[:n]...)
		found.enc = found.enc || bytes.Contains(chunk, encryption)
		found.xls = found.xls || bytes.Contains(chunk, xlsStream) || bytes.Contains(chunk, xls95)
		found.word = found.word || bytes.Contains(chunk, wordStream)
		keep := 2 * len("EncryptionInfo")
		if len(chunk) > keep {
			tail = append(tail[:0], chunk[len(chunk)-keep:]...)
		}
		off += int64(n)
		if err != nil {
			break
		}
	}
	switch {
	case found.enc:
		return &FileError{File: name, Reason: "The workbook is protected with a password, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear the box), save it and put it in the inbox again."}
	case found.xls:
		return &FileError{File: name, Reason: "The file is an old Excel 97-2003 workbook (.xls), which cecbatch does not read. " + saveAsXLSX}
	case found.word:
		return &FileError{File: name, Reason: "The file is an old Word document (.doc), not an Excel workbook. Fill in an intake workbook (cecbatch template writes a blank one) and put that in the inbox."}
	}
	return &FileError{File: name, Reason: "The file is an old-format Office file: either an Excel 97-2003 workbook (.xls) or a password-protected workbook. " +
		"Open it in Excel, remove any password, save it as an Excel Workbook (.xlsx) and put that file in the inbox."}
}

// looksLikeText reports whether head is text a person or a CSV export
// wrote: valid UTF-8 (or a UTF-16 byte order mark) with no control bytes.
func looksLikeText(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	// A multi-byte rune cut at the end of the sample is not a reason to doubt.
	for i := 0; i < 3 && len(head) > 0 && !utf8.Valid(head); i++ {
		head = head[:len(head)-1]
	}
	if !utf8.Valid(head) || len(head) == 0 {
		return false
	}
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return false
		}
	}
	return true
}

// excelizeMemoryPart is the size above which excelize unpacks a worksheet
// or the shared strings to a temporary file instead of memory; every other
// part of the package is always held in memory.
const excelizeMemoryPart = 16 << 20

// memoryPartLimit is excelize's UnzipXMLSizeLimit for opts: excelize
// refuses to open anything when it exceeds UnzipSizeLimit. The shared
// strings, bounded by MaxPartBytes, always stay in memory: from a
// temporary file excelize would scan the file again for every cell.
func memoryPartLimit(opts Options) int64 {
	return min(max(excelizeMemoryPart, opts.MaxPartBytes), opts.MaxUnzipBytes)
}

// checkZip reads the zip directory (declared sizes: archive/zip refuses
// to inflate an entry past its declared size, so they can be trusted) and
// rejects what is not an xlsx package or would unpack past the limits. The
// directory it returns serves checkSheets once excelize has read the file.
func checkZip(f *os.File, size int64, name string, opts Options) (*zip.Reader, *FileError) {
	if n, ok := zipEntryCount(f, size); ok && n > maxZipEntries {
		return nil, &FileError{File: name, Reason: fmt.Sprintf("The workbook is made of %d parts, far more than any workbook has; it is damaged or not a real workbook. Open it in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox.", n)}
	}
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, &FileError{File: name, Reason: "The workbook is damaged or was not copied completely (" + zipErrorText(err) + "). Copy it again from where it was saved, or open it in Excel and save it again."}
	}
	var total, inMemory uint64
	var hasWorkbook, hasContentTypes, ods, word bool
	// Part names are compared without regard to case (ECMA-376 Part 2):
	// two entries of one name are one part written twice.
	names := make(map[string]bool, len(zr.File))
	// Whatever excelize holds in memory must stay small, whatever the
	// unpacked limit: big worksheets are streamed from disk.
	memoryLimit := uint64(max(opts.MaxFileBytes, 64<<20))
	for _, e := range zr.File {
		total += e.UncompressedSize64
		if total > uint64(opts.MaxUnzipBytes) {
			return nil, &FileError{File: name, Reason: fmt.Sprintf("The workbook unpacks to more than %s, over the limit of %s. Split it into several workbooks (for example one per week of intake), or raise the limit in the configuration if it is genuine.",
				mb(int64(total)), mb(opts.MaxUnzipBytes))}
		}
		lower := strings.ToLower(strings.ReplaceAll(e.Name, "\\", "/"))
		if names[lower] {
			return nil, &FileError{File: name, Reason: fmt.Sprintf("The workbook holds the part %s twice. Excel calls such a file damaged, and programs differ on which copy they read, so what cecbatch would assess may not be what the lawyer sees when opening it. "+
				"Open it in Excel or LibreOffice (Excel offers to repair it), check its rows, save it again as .xlsx and put it back in the inbox.", shownPart(e.Name))}
		}
		names[lower] = true
		streamed := (strings.HasPrefix(lower, "xl/worksheets/sheet") || lower == "xl/sharedstrings.xml") && e.UncompressedSize64 > uint64(memoryPartLimit(opts))
		if !streamed {
			inMemory += e.UncompressedSize64
			if inMemory > memoryLimit {
				return nil, &FileError{File: name, Reason: fmt.Sprintf("The workbook holds more than %s of pictures, styles or other parts besides its sheets. Remove pictures and unused sheets, save it again and put it back in the inbox.", mb(int64(memoryLimit)))}
			}
		}
		switch lower {
		case "xl/workbook.xml":
			hasWorkbook = true
		case "[content_types].xml":
			hasContentTypes = true
		case "content.xml":
			ods = true
		case "word/document.xml":
			word = true
		}
	}
	switch {
	case hasWorkbook && hasContentTypes:
		return zr, nil
	case ods:
		return nil, &FileError{File: name, Reason: "The file is an OpenDocument spreadsheet (.ods) or another OpenDocument file, not an Excel workbook. " + saveAsXLSX}
	case word:
		return nil, &FileError{File: name, Reason: "The file is a Word document, not an Excel workbook. Fill in an intake workbook (cecbatch template writes a blank one) and put that in the inbox."}
	}
	return nil, &FileError{File: name, Reason: "The file is a zip archive but not an Excel workbook (it has no workbook inside). " + saveAsXLSX}
}

// shownPart is a part name for a report: at most 100 characters, with
// anything but printable ASCII written as "?" (a crafted name may hold
// control characters).
func shownPart(name string) string {
	b := []byte(name)
	if len(b) > 100 {
		b = append(b[:97], "..."...)
	}
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			b[i] = '?'
		}
	}
	return string(b)
}

func zipErrorText(err error) string {
	switch err {
	case zip.ErrFormat:
		return "it is not a complete zip package"
	case zip.ErrChecksum:
		return "a checksum does not match"
	case io.ErrUnexpectedEOF:
		return "it ends too early"
	}
	return "it cannot be unpacked"
}

func mb(n int64) string {
	return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
}

// maxZipEntries bounds the parts of a workbook. A real one has a few dozen
// (sheets, their relationships, styles, pictures); archive/zip keeps a
// record in memory for each entry of the directory, so a crafted file of
// a million empty entries would cost hundreds of megabytes before any limit
// on sizes could apply.
const maxZipEntries = 10000

// zipEntryCount reads the number of entries from the zip's end-of-central-
// directory record, without reading the directory itself. ok is false when
// the record is not found (zip.NewReader then reports the damage).
func zipEntryCount(f io.ReaderAt, size int64) (n int, ok bool) {
	const eocdLen = 22
	tail := min(size, eocdLen+0xFFFF) // the record, then a comment of up to 64 KiB
	buf := make([]byte, tail)
	if _, err := f.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, false
	}
	for i := len(buf) - eocdLen; i >= 0; i-- {
		if buf[i] == 'P' && buf[i+1] == 'K' && buf[i+2] == 5 && buf[i+3] == 6 {
			count := int(buf[i+10]) | int(buf[i+11])<<8
			if count == 0xFFFF {
				// The real count is in the zip64 end record, which the
				// locator just before this record points to.
				return zip64EntryCount(f, size-tail+int64(i))
			}
			return count, true
		}
	}
	return 0, false
}

// zip64EntryCount reads the entry count of the zip64 end record whose
// locator ends at end (where the classic end record starts). ok is false
// when there is none: zip.NewReader then reports the damage.
func zip64EntryCount(f io.ReaderAt, end int64) (n int, ok bool) {
	const locatorLen, recordLen = 20, 56
	if end < locatorLen {
		return 0, false
	}
	loc := make([]byte, locatorLen)
	if _, err := f.ReadAt(loc, end-locatorLen); err != nil || !bytes.Equal(loc[:4], []byte("PK\x06\x07")) {
		return 0, false
	}
	at := int64(binary.LittleEndian.Uint64(loc[8:]))
	rec := make([]byte, recordLen)
	if at < 0 || at > end-locatorLen-recordLen {
		return 0, false
	}
	if _, err := f.ReadAt(rec, at); err != nil || !bytes.Equal(rec[:4], []byte("PK\x06\x06")) {
		return 0, false
	}
	total := binary.LittleEndian.Uint64(rec[32:])
	if total > 1<<31 {
		total = 1 << 31
	}
	return int(total), true
}
