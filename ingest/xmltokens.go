package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"unicode/utf8"
)

// The scans of wellformed.go read every sheet and the shared strings to
// their end before excelize reads a row, and encoding/xml's RawToken was
// most of their cost: it copies every name, attribute and text, and boxes
// every token in an interface. fastTokens reads the subset of XML that
// workbook writers produce (elements, attributes, text with the five
// named entities and character references, CDATA, comments, the XML
// declaration) in place, and gives up (errFallback) on anything else, or
// on anything encoding/xml would reject; the scan then starts the part
// again with encoding/xml. So a part is read either by encoding/xml or by
// a reader that gave exactly encoding/xml's tokens and offsets for it
// (FuzzFastTokens holds it to that), and damage is always judged by
// encoding/xml.

// tokKind is the kind of an xmlToken.
type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText  // character data, CDATA sections included
	tokOther // a processing instruction, a comment or a directive
)

// xmlAttr is one attribute of a start tag: its prefix, its local name and
// its value with entities replaced.
type xmlAttr struct{ space, local, value []byte }

// xmlToken is one token as RawToken gives it (names are not resolved
// against namespaces). Its slices are valid until the next token is read.
type xmlToken struct {
	kind         tokKind
	space, local []byte // an element's prefix and local name
	attrs        []xmlAttr
	text         []byte
}

// attr returns the value of the attribute name with no prefix, or nil.
func (t *xmlToken) attr(name string) []byte {
	for _, a := range t.attrs {
		if len(a.space) == 0 && string(a.local) == name {
			return a.value
		}
	}
	return nil
}

// tokenSource reads the tokens of one part, checking the depth and the
// context as partReader does: next returns io.EOF only at a well-formed
// end. offset is InputOffset's: where the last token read ends.
type tokenSource interface {
	next() (*xmlToken, error)
	offset() int64
}

// errFallback is the fast reader giving up on a part: it must be read
// again from its start with encoding/xml.
var errFallback = errors.New("not in the fast reader's subset of XML")

// slowTokens is encoding/xml's reading of a part, as an xmlToken stream.
type slowTokens struct {
	p   *partReader
	tok xmlToken
}

func newSlowTokens(ctx context.Context, r io.Reader) *slowTokens {
	return &slowTokens{p: &partReader{ctx: ctx, d: xml.NewDecoder(r)}}
}

func (s *slowTokens) offset() int64 { return s.p.d.InputOffset() }

func (s *slowTokens) next() (*xmlToken, error) {
	tok, err := s.p.next()
	if err != nil {
		return nil, err
	}
	t := &s.tok
	*t = xmlToken{attrs: t.attrs[:0]}
	switch x := tok.(type) {
	case xml.StartElement:
		t.kind, t.space, t.local = tokStart, []byte(x.Name.Space), []byte(x.Name.Local)
		for _, a := range x.Attr {
			t.attrs = append(t.attrs, xmlAttr{[]byte(a.Name.Space), []byte(a.Name.Local), []byte(a.Value)})
		}
	case xml.EndElement:
		t.kind, t.space, t.local = tokEnd, []byte(x.Name.Space), []byte(x.Name.Local)
	case xml.CharData:
		t.kind, t.text = tokText, x
	default:
		t.kind = tokOther
	}
	return t, nil
}

// fastTokens reads a part in place from a buffer it refills. A token that
// does not fit is parsed again from its start once the buffer holds more
// (the buffer doubles when one token fills it), so each parse function
// either completes, asks for more (errMore) or gives up (errFallback).
type fastTokens struct {
	ctx    context.Context
	r      io.Reader
	buf    []byte
	pos    int   // the next byte to read is buf[pos]
	end    int   // buf[pos:end] is read and not yet parsed
	base   int64 // the stream offset of buf[0]
	eof    bool  // r has no more bytes
	depth  int
	looked int64
	// needClose is a self-closing element whose end is the next token.
	needClose bool
	tok       xmlToken
	// scratch holds decoded text and attribute values: those with an
	// entity or a carriage return, which differ from their bytes.
	scratch []byte
	spans   [][2]int // attribute values in scratch, while a tag is parsed
}

// errMore asks for more bytes before a token can be parsed.
var errMore = errors.New("more input needed")

const fastBufSize = 64 << 10

// reset makes f read r from its start, keeping its buffers.
func (f *fastTokens) reset(ctx context.Context, r io.Reader) {
	if f.buf == nil {
		f.buf = make([]byte, fastBufSize)
	}
	*f = fastTokens{ctx: ctx, r: r, buf: f.buf, tok: xmlToken{attrs: f.tok.attrs[:0]}, scratch: f.scratch[:0], spans: f.spans[:0]}
}

func (f *fastTokens) offset() int64 { return f.base + int64(f.pos) }

// fill reads more of the part after buf[pos:end], moving that to the
// start of the buffer, or doubling the buffer when it is full. It returns false
// when there is nothing more to read; a read error other than the end is
// left to encoding/xml (errFallback).
func (f *fastTokens) fill() (bool, error) {
	if f.eof {
		return false, nil
	}
	if f.pos > 0 {
		n := copy(f.buf, f.buf[f.pos:f.end])
		f.base += int64(f.pos)
		f.pos, f.end = 0, n
	}
	if f.end == len(f.buf) {
		grown := make([]byte, 2*len(f.buf))
		copy(grown, f.buf[:f.end])
		f.buf = grown
	}
	// The buffer is filled whole: a token parsed again after each short
	// read would cost its length squared.
	for f.end < len(f.buf) {
		n, err := f.r.Read(f.buf[f.end:])
		f.end += n
		if errors.Is(err, io.EOF) {
			f.eof = true
			break
		}
		if err != nil {
			return false, errFallback
		}
	}
	return true, nil
}

// next returns the part's next token, as slowTokens would.
func (f *fastTokens) next() (*xmlToken, error) {
	if off := f.offset(); off-f.looked >= cancelEvery {
		if err := f.ctx.Err(); err != nil {
			return nil, err
		}
		f.looked = off
	}
	t := &f.tok
	if f.needClose {
		f.needClose = false
		t.kind, t.attrs, t.text = tokEnd, t.attrs[:0], nil
		f.depth--
		if f.depth < 0 {
			return nil, errors.New("an element is closed twice")
		}
		return t, nil
	}
	for {
		if f.pos == f.end {
			more, err := f.fill()
			if err != nil {
				return nil, err
			}
			if f.pos == f.end {
				if more {
					continue
				}
				if f.depth != 0 {
					return nil, io.ErrUnexpectedEOF
				}
				return nil, io.EOF
			}
		}
		n, err := f.parse()
		if errors.Is(err, errMore) {
			more, err := f.fill()
			if err != nil {
				return nil, err
			}
			if !more {
				// Cut off inside a token: encoding/xml's error to give.
				return nil, errFallback
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		f.pos += n
		switch t.kind {
		case tokStart:
			f.depth++
		case tokEnd:
			f.depth--
			if f.depth < 0 {
				return nil, errors.New("an element is closed twice")
			}
		}
		return t, nil
	}
}

// parse reads one token at buf[pos:end] into f.tok and returns its length.
func (f *fastTokens) parse() (int, error) {
	b := f.buf[f.pos:f.end]
	t := &f.tok
	t.attrs, t.text, t.space, t.local = t.attrs[:0], nil, nil, nil
	f.scratch = f.scratch[:0]
	if b[0] != '<' {
		t.kind = tokText
		return f.text(b, 0, -1, false)
	}
	if len(b) < 2 {
		return 0, errMore
	}
	switch b[1] {
	case '/':
		t.kind = tokEnd
		i := 2
		var err error
		if t.space, t.local, i, err = f.nsname(b, i); err != nil {
			return 0, err
		}
		i = skipSpace(b, i)
		if i == len(b) {
			return 0, errMore
		}
		if b[i] != '>' {
			return 0, errFallback
		}
		return i + 1, nil
	case '?':
		return f.procInst(b)
	case '!':
		return f.bang(b)
	}
	t.kind = tokStart
	var err error
	i := 1
	if t.space, t.local, i, err = f.nsname(b, i); err != nil {
		return 0, err
	}
	f.spans = f.spans[:0]
	empty := false
	for {
		i = skipSpace(b, i)
		if i == len(b) {
			return 0, errMore
		}
		if b[i] == '/' {
			if i+1 == len(b) {
				return 0, errMore
			}
			if b[i+1] != '>' {
				return 0, errFallback
			}
			empty, i = true, i+2
			break
		}
		if b[i] == '>' {
			i++
			break
		}
		var a xmlAttr
		if a.space, a.local, i, err = f.nsname(b, i); err != nil {
			return 0, err
		}
		i = skipSpace(b, i)
		if i == len(b) {
			return 0, errMore
		}
		if b[i] != '=' {
			return 0, errFallback
		}
		i = skipSpace(b, i+1)
		if i == len(b) {
			return 0, errMore
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return 0, errFallback
		}
		// A value with an entity or a carriage return is decoded into
		// scratch, which may move as it grows: spans keeps where, and
		// the values are set once the tag is read.
		start := len(f.scratch)
		n, err := f.text(b, i+1, int(q), false)
		if err != nil {
			return 0, err
		}
		if len(f.scratch) > start {
			f.spans = append(f.spans, [2]int{start, len(f.scratch)})
		} else {
			f.spans = append(f.spans, [2]int{-1, -1})
			a.value = t.text
		}
		t.text = nil
		t.attrs = append(t.attrs, a)
		i = n
	}
	for k, s := range f.spans {
		if s[0] >= 0 {
			t.attrs[k].value = f.scratch[s[0]:s[1]:s[1]]
		}
	}
	if empty {
		f.needClose = true
	}
	return i, nil
}

// text reads character data from b[i:] as encoding/xml's text does: up to
// '<' (quote < 0; the end of the part ends it too) or up to and past the
// closing quote of an attribute value, or up to and past "]]>" in a CDATA
// section. It sets f.tok.text (in b, or in scratch when it differs from
// its bytes) and returns the index after what it read.
func (f *fastTokens) text(b []byte, i, quote int, cdata bool) (int, error) {
	start := i
	decoded := false // the text so far is in scratch, from scratchStart
	scratchStart := len(f.scratch)
	seg := i // the bytes from seg to i are not yet in scratch
	var b0, b1 byte
	flush := func(to int) {
		decoded = true
		f.scratch = append(f.scratch, b[seg:to]...)
	}
	for {
		if i == len(b) {
			if quote >= 0 || cdata || !f.eof {
				return 0, errMore
			}
			break
		}
		c := b[i]
		if quote < 0 && b0 == ']' && b1 == ']' && c == '>' {
			if !cdata {
				return 0, errFallback
			}
			// The "]]" before the '>' is not part of the text.
			end := i - 2
			if decoded {
				f.scratch = append(f.scratch, b[seg:i]...)
				f.scratch = f.scratch[:len(f.scratch)-2]
				f.tok.text = f.scratch[scratchStart:]
			} else {
				f.tok.text = b[start:end:end]
			}
			if len(f.tok.text) == 0 {
				f.tok.text = []byte{}
			}
			return i + 1, nil
		}
		switch {
		case c == '<' && !cdata:
			if quote >= 0 {
				return 0, errFallback
			}
			return f.endText(b, start, seg, i, decoded, scratchStart), nil
		case quote >= 0 && c == byte(quote):
			f.endText(b, start, seg, i, decoded, scratchStart)
			return i + 1, nil
		case c == '&' && !cdata:
			r, n, err := entity(b[i:], f.eof)
			if err != nil {
				return 0, err
			}
			flush(i)
			f.scratch = utf8.AppendRune(f.scratch, r)
			i += n
			seg = i
			b0, b1 = 0, 0
			continue
		case c == '\r':
			flush(i)
			f.scratch = append(f.scratch, '\n')
			i++
			seg = i
			b0, b1 = b1, c
			continue
		case c == '\n' && b1 == '\r':
			// The \n of a \r\n, already written as the \r's \n.
			i++
			seg = i
			b0, b1 = b1, c
			continue
		case c >= utf8.RuneSelf:
			if !utf8.FullRune(b[i:]) {
				if f.eof {
					return 0, errFallback
				}
				return 0, errMore
			}
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 || !isInCharacterRange(r) {
				return 0, errFallback
			}
			i += n
			b0, b1 = b[i-2], b[i-1]
			continue
		case c < 0x20 && c != '\t' && c != '\n':
			return 0, errFallback
		}
		i++
		b0, b1 = b1, c
	}
	// The end of the part ends a text outside any tag.
	f.endText(b, start, seg, i, decoded, scratchStart)
	return i, nil
}

// endText sets f.tok.text to the text read from b[start:i].
func (f *fastTokens) endText(b []byte, start, seg, i int, decoded bool, scratchStart int) int {
	if decoded {
		f.scratch = append(f.scratch, b[seg:i]...)
		f.tok.text = f.scratch[scratchStart:len(f.scratch):len(f.scratch)]
	} else {
		f.tok.text = b[start:i:i]
	}
	if len(f.tok.text) == 0 {
		// encoding/xml gives an empty value, not a missing one.
		f.tok.text = []byte{}
	}
	return i
}

// entity reads the entity or character reference at b[0] ('&'): the five
// entities XML predefines, and &#N; or &#xH; of a character XML allows.
// Anything else is an error for encoding/xml (errFallback).
func entity(b []byte, eof bool) (rune, int, error) {
	need := func() (rune, int, error) {
		if eof {
			return 0, 0, errFallback
		}
		return 0, 0, errMore
	}
	if len(b) < 2 {
		return need()
	}
	if b[1] != '#' {
		for _, e := range [...]struct {
			name string
			r    rune
		}{{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"apos;", '\''}, {"quot;", '"'}} {
			if len(b)-1 >= len(e.name) {
				if string(b[1:1+len(e.name)]) == e.name {
					return e.r, 1 + len(e.name), nil
				}
			} else if string(b[1:]) == e.name[:len(b)-1] {
				return need()
			}
		}
		return 0, 0, errFallback
	}
	i, base := 2, 10
	if i == len(b) {
		return need()
	}
	if b[i] == 'x' {
		base, i = 16, i+1
	}
	var n rune
	digits := 0
	for ; i < len(b); i++ {
		c := b[i]
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			if c != ';' || digits == 0 {
				return 0, 0, errFallback
			}
			r := n
			if !utf8.ValidRune(r) {
				// string(rune(n)) of a surrogate is U+FFFD.
				r = utf8.RuneError
			}
			if !isInCharacterRange(r) {
				return 0, 0, errFallback
			}
			return r, i + 1, nil
		}
		n = n*rune(base) + d
		digits++
		if n > utf8.MaxRune {
			return 0, 0, errFallback
		}
	}
	return need()
}

// isInCharacterRange is encoding/xml's test of a character XML allows.
func isInCharacterRange(r rune) bool {
	return r == 0x09 ||
		r == 0x0A ||
		r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == ':' || c == '.' || c == '-'
}

// nsname reads a name at b[i:] and splits it at its colon as encoding/xml
// does. Names with other than ASCII letters are left to encoding/xml.
func (f *fastTokens) nsname(b []byte, i int) (space, local []byte, next int, err error) {
	start := i
	for i < len(b) && b[i] < utf8.RuneSelf && isNameByte(b[i]) {
		i++
	}
	if i == len(b) {
		return nil, nil, 0, errMore
	}
	if b[i] >= utf8.RuneSelf || i == start {
		return nil, nil, 0, errFallback
	}
	name := b[start:i:i]
	if c := name[0]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
		return nil, nil, 0, errFallback
	}
	colon := -1
	for k, c := range name {
		if c == ':' {
			if colon >= 0 {
				return nil, nil, 0, errFallback
			}
			colon = k
		}
	}
	if colon <= 0 || colon == len(name)-1 {
		return nil, name, i, nil
	}
	return name[:colon:colon], name[colon+1:], i, nil
}

// xmlDeclarations are the contents of the XML declarations read here:
// version 1.0 in UTF-8, which encoding/xml accepts as they are; another
// declaration is left to encoding/xml, which judges the version and the
// encoding.
var xmlDeclarations = [...]string{
	`version="1.0" encoding="UTF-8" standalone="yes"`,
	`version="1.0" encoding="UTF-8" standalone="no"`,
	`version="1.0" encoding="UTF-8"`,
	`version="1.0" encoding="utf-8" standalone="yes"`,
	`version="1.0" encoding="utf-8"`,
	`version="1.0" standalone="yes"`,
	`version="1.0"`,
}

// procInst reads the XML declaration at b[0] ("<?").
func (f *fastTokens) procInst(b []byte) (int, error) {
	_, _, i, err := f.nsname(b, 2)
	if err != nil {
		return 0, err
	}
	if string(b[2:i]) != "xml" {
		return 0, errFallback
	}
	i = skipSpace(b, i)
	if i == len(b) {
		return 0, errMore
	}
	start := i
	var b0 byte
	for ; i < len(b); i++ {
		if b0 == '?' && b[i] == '>' {
			content := b[start : i-1]
			for _, d := range xmlDeclarations {
				if string(content) == d {
					f.tok.kind = tokOther
					return i + 1, nil
				}
			}
			return 0, errFallback
		}
		b0 = b[i]
	}
	return 0, errMore
}

// bang reads a comment or a CDATA section at b[0] ("<!"); a directive
// (<!DOCTYPE …>) is left to encoding/xml.
func (f *fastTokens) bang(b []byte) (int, error) {
	if len(b) < 3 {
		return 0, errMore
	}
	switch b[2] {
	case '-':
		if len(b) < 4 {
			return 0, errMore
		}
		if b[3] != '-' {
			return 0, errFallback
		}
		var b0, b1 byte
		for i := 4; i < len(b); i++ {
			if b0 == '-' && b1 == '-' {
				if b[i] != '>' {
					return 0, errFallback
				}
				f.tok.kind = tokOther
				return i + 1, nil
			}
			b0, b1 = b1, b[i]
		}
		return 0, errMore
	case '[':
		const open = "<![CDATA["
		if len(b) < len(open) {
			if string(b) != open[:len(b)] {
				return 0, errFallback
			}
			return 0, errMore
		}
		if string(b[:len(open)]) != open {
			return 0, errFallback
		}
		f.tok.kind = tokText
		return f.text(b, len(open), -1, true)
	}
	return 0, errFallback
}
