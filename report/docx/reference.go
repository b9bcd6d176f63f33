package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// A reference document is read once, when the renderer is made, and
// taken as pandoc's reference-doc is: its styles.xml (cecbatch's styles
// added for the ids it lacks), theme and font table; its default header
// and footer, with their pictures, before cecbatch's DRAFT line and page
// numbers; and its page margins. Its body is not used. When it has a
// header, the documents leave the firm's name and address out of their
// first page: the header is the letterhead.

// maxReferenceBytes bounds the reference document and each of its parts.
const maxReferenceBytes = 20 << 20

type reference struct {
	stylesXML    []byte
	ids          map[string]bool
	numberingXML []byte // nil: none
	theme        []byte
	fontTable    []byte
	// margins is the document's <w:pgMar/>, as written.
	margins        string
	header, footer *headerPart
	media          []part
}

// headerPart is a reference header or footer: its root element's start
// tag (with the namespaces its content uses), content and end tag, and
// its relationships rewritten to the copied pictures.
type headerPart struct {
	start, inner, end string
	rels              []byte
}

// with is the part with p added after its own content.
func (h *headerPart) with(p string) []byte {
	return []byte(xmlHeader + h.start + h.inner + p + h.end)
}

type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr,omitempty"`
}

type relationships struct {
	Rels []relationship `xml:"Relationship"`
}

var (
	styleIDs    = regexp.MustCompile(`w:styleId="([^"]*)"`)
	sectPrs     = regexp.MustCompile(`(?s)<w:sectPr\b.*?</w:sectPr>`)
	pgMar       = regexp.MustCompile(`<w:pgMar\b[^>]*/>`)
	refTags     = regexp.MustCompile(`<w:(header|footer)Reference\b[^>]*/>`)
	attrType    = regexp.MustCompile(`\bw:type="([^"]*)"`)
	attrID      = regexp.MustCompile(`\b[A-Za-z0-9]+:id="([^"]*)"`)
	attrMargins = regexp.MustCompile(`\bw:(left|right)="(-?\d+)"`)
	numTag      = regexp.MustCompile(`<w:num[ >]`)
)

func readReference(name string) (*reference, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: "+format, append([]any{name}, args...)...)
	}
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxReferenceBytes {
		return nil, fail("%d MB, more than a reference document needs (20 MB at most): keep only its styles, header and footer", info.Size()>>20)
	}
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, fail("not a Word document (.docx): %v; save it from Word as a Word Document", err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(p string) ([]byte, error) {
		f, ok := files[p]
		if !ok {
			return nil, nil
		}
		if f.UncompressedSize64 > maxReferenceBytes {
			return nil, fail("its part %s is too large", p)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fail("%s: %v", p, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxReferenceBytes+1))
		if err != nil {
			return nil, fail("%s: %v", p, err)
		}
		return b, nil
	}
	document, err := read("word/document.xml")
	if err != nil {
		return nil, err
	}
	styles, err := read("word/styles.xml")
	if err != nil {
		return nil, err
	}
	if document == nil || styles == nil {
		return nil, fail("no document or no styles inside: save it from Word as a Word Document (.docx)")
	}
	if bytes.Contains(document, []byte("purl.oclc.org/ooxml")) {
		return nil, fail("saved as Strict Open XML: save it from Word as a Word Document (.docx)")
	}
	if !bytes.Contains(styles, []byte(`xmlns:w="`+nsW+`"`)) || !bytes.Contains(styles, []byte("</w:styles>")) || wellFormed(styles) != nil {
		return nil, fail("its styles are not WordprocessingML as Word writes it: save it from Word as a Word Document (.docx)")
	}
	ref := &reference{stylesXML: styles, ids: map[string]bool{}}
	for _, m := range styleIDs.FindAllSubmatch(styles, -1) {
		ref.ids[string(m[1])] = true
	}

	docRels, err := readRels(read, "word/_rels/document.xml.rels")
	if err != nil {
		return nil, fail("%v", err)
	}
	byID := map[string]relationship{}
	for _, r := range docRels {
		byID[r.ID] = r
		target := path.Join("word", r.Target)
		switch path.Base(r.Type) {
		case "theme":
			if ref.theme, err = read(target); err != nil {
				return nil, err
			}
		case "fontTable":
			if ref.fontTable, err = read(target); err != nil {
				return nil, err
			}
		case "numbering":
			if ref.numberingXML, err = read(target); err != nil {
				return nil, err
			}
			if ref.numberingXML != nil && wellFormed(ref.numberingXML) != nil {
				ref.numberingXML = nil // cecbatch's bullets alone
			}
		}
	}

	// The last section's page: its margins and its default header and
	// footer.
	sects := sectPrs.FindAll(document, -1)
	if len(sects) == 0 {
		return ref, nil
	}
	sect := sects[len(sects)-1]
	if m := pgMar.Find(sect); m != nil {
		ref.margins = string(m)
	}
	for _, tag := range refTags.FindAllSubmatch(sect, -1) {
		if t := attrType.FindSubmatch(tag[0]); t != nil && string(t[1]) != "default" {
			continue
		}
		id := attrID.FindSubmatch(tag[0])
		if id == nil {
			continue
		}
		r, ok := byID[string(id[1])]
		if !ok {
			continue
		}
		kind := string(tag[1])
		hp, media, err := readHeader(read, path.Join("word", r.Target), kind, len(ref.media))
		if err != nil {
			return nil, fail("its %s: %v", kind, err)
		}
		if hp == nil {
			continue
		}
		ref.media = append(ref.media, media...)
		if kind == "header" {
			ref.header = hp
		} else {
			ref.footer = hp
		}
	}
	return ref, nil
}

func readRels(read func(string) ([]byte, error), name string) ([]relationship, error) {
	b, err := read(name)
	if err != nil || b == nil {
		return nil, err
	}
	var rs relationships
	if err := xml.Unmarshal(b, &rs); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return rs.Rels, nil
}

// readHeader reads a header or footer part and copies its pictures,
// numbered from n, under word/media.
func readHeader(read func(string) ([]byte, error), name, kind string, n int) (*headerPart, []part, error) {
	b, err := read(name)
	if err != nil || b == nil {
		return nil, nil, err
	}
	root := "w:hdr"
	if kind == "footer" {
		root = "w:ftr"
	}
	if err := wellFormed(b); err != nil {
		return nil, nil, fmt.Errorf("%s is not well-formed XML: %v", name, err)
	}
	s := string(b)
	i := strings.Index(s, "<"+root)
	if i < 0 {
		return nil, nil, fmt.Errorf("%s has no <%s>", name, root)
	}
	j := strings.IndexByte(s[i:], '>')
	if j < 0 {
		return nil, nil, fmt.Errorf("%s is cut short", name)
	}
	start := s[i : i+j+1]
	if !strings.Contains(start, `xmlns:w="`+nsW+`"`) {
		return nil, nil, fmt.Errorf("%s is not WordprocessingML as Word writes it", name)
	}
	hp := &headerPart{start: start, end: "</" + root + ">"}
	if strings.HasSuffix(start, "/>") {
		hp.start = strings.TrimSuffix(start, "/>") + ">"
	} else {
		k := strings.LastIndex(s, "</"+root+">")
		if k < i+j+1 {
			return nil, nil, fmt.Errorf("%s is cut short", name)
		}
		hp.inner = s[i+j+1 : k]
	}
	if !strings.Contains(hp.start, `xmlns:r="`) {
		hp.start = strings.TrimSuffix(hp.start, ">") + ` xmlns:r="` + nsR + `">`
	}

	rels, err := readRels(read, path.Join(path.Dir(name), "_rels", path.Base(name)+".rels"))
	if err != nil {
		return nil, nil, err
	}
	var media []part
	for k, r := range rels {
		if r.TargetMode == "External" {
			continue
		}
		if path.Base(r.Type) != "image" {
			return nil, nil, fmt.Errorf("it holds a %s part: keep only text and pictures in it", path.Base(r.Type))
		}
		data, err := read(path.Join(path.Dir(name), r.Target))
		if err != nil {
			return nil, nil, err
		}
		if data == nil {
			return nil, nil, fmt.Errorf("its picture %s is missing", r.Target)
		}
		n++
		target := "media/reference" + strconv.Itoa(n) + strings.ToLower(path.Ext(r.Target))
		media = append(media, part{"word/" + target, data})
		rels[k].Target = target
	}
	if len(rels) > 0 {
		out, err := xml.Marshal(relationships{Rels: rels})
		if err != nil {
			return nil, nil, err
		}
		out = bytes.Replace(out, []byte("<relationships>"), []byte(`<Relationships xmlns="`+nsRel+`">`), 1)
		out = bytes.Replace(out, []byte("</relationships>"), []byte("</Relationships>"), 1)
		hp.rels = append([]byte(xmlHeader), out...)
	}
	return hp, media, nil
}

// wellFormed reads b as XML to its end: what is spliced into the
// documents must not break them.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// styles is the reference's styles.xml with cecbatch's styles added for
// the ids it lacks.
func (r *reference) styles(lang string, textW int) []byte {
	var add strings.Builder
	for _, s := range ourStyles(textW) {
		if !r.ids[s.id] {
			add.WriteString(s.xml)
		}
	}
	s := string(r.stylesXML)
	k := strings.LastIndex(s, "</w:styles>")
	return []byte(s[:k] + add.String() + s[k:])
}

// numbering is the reference's numbering with the bullets added, or
// cecbatch's own.
func (r *reference) numbering() []byte {
	if r.numberingXML == nil || !bytes.Contains(r.numberingXML, []byte("</w:numbering>")) {
		return numberingPart
	}
	s := string(r.numberingXML)
	end := strings.LastIndex(s, "</w:numbering>")
	s = s[:end] + numXML() + s[end:]
	if loc := numTag.FindStringIndex(s); loc != nil {
		return []byte(s[:loc[0]] + numberingXML() + s[loc[0]:])
	}
	return []byte(s)
}

// textWidth is the text column of a page pageW twips wide with the
// reference's margins, never wider than the page: the tables and the
// timeline picture are laid out across it, and a template's negative
// margin (-99,999,999 twips, say) would otherwise ask for a picture
// millions of pixels wide.
func (r *reference) textWidth(pageW int) int {
	w := pageW
	for _, m := range attrMargins.FindAllStringSubmatch(r.margins, -1) {
		v, _ := strconv.Atoi(m[2])
		w -= v
	}
	return min(max(w, 2000), pageW)
}
