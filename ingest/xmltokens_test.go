package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// tokenSamples are parts and pieces of parts as workbook writers write
// them, and the XML they could write that the fast reader must read as
// encoding/xml does or leave to it.
var tokenSamples = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C3"/><sheetData>` +
		`<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> Family  Name </t></is></c><c r="C1" s="2"><f>A1&amp;B1</f></c></row>` +
		`<row r="2"><c r="A2" t="str"><f>""</f><v></v></c><c r="B2"><v>45000</v></c><c r='C2' t='inlineStr'><is><r><rPr><b/></rPr><t>Rich</t></r><r><t> text</t></r><rPh sb="0" eb="1"><t>フリ</t></rPh></is></c></row>` +
		`</sheetData></worksheet>`,
	`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Client ID</t></si><si><r><t>Nguy</t></r><r><t>ễn</t></r></si><si><t xml:space="preserve">  </t></si></sst>`,
	`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row x:r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	"<a>\r\nline\rtwo\r\r\n</a>",
	`<a b = "1" c='&lt;&gt;&amp;&apos;&quot;' d="&#65;&#x42;&#x1F600;&#xD800;" e="x&#13;y&#10;z"/>`,
	`<t>&#0;</t>`, `<t>&#x110000;</t>`, `<t>&#;</t>`, `<t>&#X41;</t>`, `<t>&nbsp;</t>`, `<t>&lt</t>`, `<t>&ltx;</t>`, `<t>&</t>`,
	`<t><![CDATA[a<b>&amp;]]]]></t>`, `<t><![CDATA[]]></t>`, `<t><![CDATA[x`, `<t><![CDAT[x]]></t>`,
	`<t>a]]>b</t>`, `<t a="]]>"/>`, `<t a="<"/>`, `<t a=b/>`, `<t a/>`, `<t a="1"b="2"/>`, `<t/ >`, `</t>`, `<t></t></t>`, `<t>`, `<t`, `<`, `x`,
	`<!-- a comment --><t/>`, `<!----><t/>`, `<!-- a -- b --><t/>`, `<!-x><t/>`, `<!DOCTYPE t><t/>`, `<?mso-application progid="Excel.Sheet"?><t/>`,
	`<?xml version="1.1"?><t/>`, `<?xml version="1.0" encoding="ISO-8859-1"?><t/>`, `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><t/>`, `<?xml?><t/>`,
	"\xef\xbb\xbf<t/>", "<t>\xff</t>", "<t>\x01</t>", "<t>\xef\xbf\xbe</t>", "<t>é\u00a0ü😀</t>", "<té/>", "<t a:b:c='1'/>", "<a: b:=''/>", "<:a/>", "<1a/>", "<a.b-c_d/>",
	"<t>\t\n </t>", "<t>x</t >", "<t>x</t x>", "< t/>", "<t\n\ta\n=\n'1'\n/>", `<c r="A1" t="s"><v>12</v></c><c r="XFD1048576"/><c r="XFE1"/><c r="A0"/><c r="a1"/><c r="$A$1"/>`,
}

// readFast reads src with the fast reader from a reader that gives at
// most chunk bytes at a time, into a buffer of size bytes at first, and
// compares every token and offset with encoding/xml's (slowTokens).
// It returns whether the fast reader gave up.
func compareTokens(t *testing.T, src []byte, chunk, size int) (fellBack bool) {
	t.Helper()
	var r io.Reader = bytes.NewReader(src)
	if chunk > 0 {
		r = &chunkReader{r: r, n: chunk}
	}
	fast := &fastTokens{buf: make([]byte, size)}
	fast.reset(context.Background(), r)
	slow := newSlowTokens(context.Background(), bytes.NewReader(src))
	for n := 0; ; n++ {
		ft, ferr := fast.next()
		if errors.Is(ferr, errFallback) {
			return true
		}
		st, serr := slow.next()
		if ferr != nil || serr != nil {
			if (ferr == nil) != (serr == nil) || errors.Is(ferr, io.EOF) != errors.Is(serr, io.EOF) {
				t.Fatalf("%q token %d: fast error %v, encoding/xml error %v", src, n, ferr, serr)
			}
			return false
		}
		if a, b := describe(ft), describe(st); a != b {
			t.Fatalf("%q token %d: fast %s, encoding/xml %s", src, n, a, b)
		}
		if fast.offset() != slow.offset() {
			t.Fatalf("%q token %d (%s): fast offset %d, encoding/xml %d", src, n, describe(st), fast.offset(), slow.offset())
		}
	}
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

func describe(t *xmlToken) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %q:%q [", t.kind, t.space, t.local)
	for _, a := range t.attrs {
		fmt.Fprintf(&b, "%q:%q=%q ", a.space, a.local, a.value)
	}
	fmt.Fprintf(&b, "] %q", t.text)
	return b.String()
}

// TestFastTokens: on every sample, whole or cut anywhere, read in one go
// or a few bytes at a time, the fast reader gives encoding/xml's tokens
// and offsets, or gives up.
func TestFastTokens(t *testing.T) {
	for _, s := range tokenSamples {
		for cut := 0; cut <= len(s); cut++ {
			for _, rd := range [][2]int{{0, 64}, {1, 1}, {3, 5}, {7, 2}} {
				compareTokens(t, []byte(s[:cut]), rd[0], rd[1])
			}
		}
	}
}

// TestFastTokensRead: what workbook writers write is read by the fast
// reader itself, not left to encoding/xml.
func TestFastTokensRead(t *testing.T) {
	for _, s := range append(tokenSamples[:5:5], "<t>"+strings.Repeat("long text é ", 20000)+"</t>") {
		if compareTokens(t, []byte(s), 0, fastBufSize) {
			t.Errorf("the fast reader gave up on %.200q", s)
		}
		if compareTokens(t, []byte(s), 1, 1) {
			t.Errorf("the fast reader, reading a byte at a time, gave up on %.200q", s)
		}
	}
	// A whole workbook's parts, as excelize writes them.
	parts, _ := bookParts(t, baseSheets())
	for name, part := range parts {
		if strings.HasSuffix(name, ".xml") && compareTokens(t, part, 0, fastBufSize) {
			t.Errorf("the fast reader gave up on %s", name)
		}
	}
}

// bookParts returns the unpacked parts of the workbook of sheets, and
// their names in the order the zip holds them.
func bookParts(t testing.TB, sheets []sheet) (map[string][]byte, []string) {
	t.Helper()
	data, err := os.ReadFile(writeBook(t, t.TempDir(), "book.xlsx", sheets))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = b
		names = append(names, zf.Name)
	}
	return parts, names
}

// FuzzFastTokens holds the fast reader to encoding/xml's tokens and
// offsets on any input, read whole or in pieces.
func FuzzFastTokens(f *testing.F) {
	for _, s := range tokenSamples {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, src []byte, chunk uint8) {
		compareTokens(t, src, int(chunk%16), 1+int(chunk/16))
		compareTokens(t, src, 0, fastBufSize)
	})
}

// FuzzCellColumn holds cellColumn to excelize's reading of a reference.
func FuzzCellColumn(f *testing.F) {
	for _, s := range []string{"A1", "XFD1048576", "XFE1", "A1048577", "A0", "a1", "$A$1", "AB012", "AAAA1", "A", "1", "", "A12345678", "A+1", "A-1", "ZZZ9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		c, _, err := excelize.CellNameToCoordinates(ref)
		got, ok := cellColumn([]byte(ref))
		if ok != (err == nil) || ok && got != c {
			t.Errorf("cellColumn(%q) = %d, %v; excelize: %d, %v", ref, got, ok, c, err)
		}
	})
}
