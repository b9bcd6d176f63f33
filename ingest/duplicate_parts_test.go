package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// withDuplicate rebuilds the workbook at path with a second entry named
// name (case as given) holding data, after the first of that name.
func withDuplicate(t testing.TB, path, name string, data []byte) []byte {
	t.Helper()
	base, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		w.Write(b)
		if strings.EqualFold(f.Name, name) {
			w, _ := zw.Create(name)
			w.Write(data)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDuplicatePartsRejected: a package holding one part twice (two
// xl/worksheets/sheet1.xml, or the same name in another case) is
// rejected with a report naming the part: Excel calls it damaged and
// readers disagree on which copy counts, so the lawyer could see other
// data than was assessed. Before, the second copy was read silently.
func TestDuplicatePartsRejected(t *testing.T) {
	dir := t.TempDir()
	good := writeBook(t, dir, "good.xlsx", baseSheets())
	if _, err := ReadFile(good, Options{}); err != nil {
		t.Fatal(err)
	}
	other := clientRows(1, "")
	for _, name := range []string{"xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml", "xl/workbook.xml"} {
		data := other
		if name == "xl/workbook.xml" {
			data = []byte(`<workbook ` + mainNS + `/>`)
		}
		path := writeRaw(t, dir, "dup.xlsx", withDuplicate(t, good, name, data))
		for _, read := range []func(string, Options) error{
			func(p string, o Options) error { _, err := ReadFile(p, o); return err },
			func(p string, o Options) error { _, err := ClientIDs(p, o); return err },
		} {
			err := read(path, Options{})
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "holds the part "+name+" twice") {
				t.Errorf("%s twice: %v, want the file rejected naming the part", name, err)
			}
		}
	}
}
