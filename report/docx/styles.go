package docx

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The styles of the documents: Word's own where one fits (Normal, Title,
// Heading 1–3, List Bullet, Caption, Header, Footer), and a few of
// cecbatch's for what Word has no style for (the verdict, a labelled
// field, a table's text, the opinion table). A firm restyles a document
// by editing a style, once, or by naming a reference document whose
// styles replace these (see reference.go).

const (
	navy      = "14325A"
	draftRed  = "AA1414"
	midGray   = "787878"
	darkGray  = "464646"
	headFill  = "D7DEE8"
	bandFill  = "EBEBEB"
	ruleGray  = "BEBEBE"
	shadeGray = "F6F6F6"
	bodyFont  = "Arial"
)

// style is one style of styles.xml: its id and its XML.
type style struct {
	id, xml string
}

func paraStyle(id, name, basedOn, pPr, rPr string, extra ...string) style {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/>`, id, name)
	if basedOn != "" {
		fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, basedOn)
	}
	for _, e := range extra {
		b.WriteString(e)
	}
	b.WriteString(`<w:qFormat/>`)
	if pPr != "" {
		b.WriteString(`<w:pPr>` + pPr + `</w:pPr>`)
	}
	if rPr != "" {
		b.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
	}
	b.WriteString(`</w:style>`)
	return style{id: id, xml: b.String()}
}

// size is writeSize's XML as a string, for the styles.
func size(pt float64) string {
	var b bytes.Buffer
	writeSize(&b, pt)
	return b.String()
}

// writeSize writes a run's font size, pt points, to o.
func writeSize(o *bytes.Buffer, pt float64) {
	half := int64(pt * 2)
	o.WriteString(`<w:sz w:val="`)
	o.Write(strconv.AppendInt(o.AvailableBuffer(), half, 10))
	o.WriteString(`"/><w:szCs w:val="`)
	o.Write(strconv.AppendInt(o.AvailableBuffer(), half, 10))
	o.WriteString(`"/>`)
}

func spacing(before, after int) string {
	return fmt.Sprintf(`<w:spacing w:before="%d" w:after="%d"/>`, before, after)
}

// styleIDs are cecbatch's paragraph and table styles.
const (
	stNormal     = "Normal"
	stTitle      = "Title"
	stHeading1   = "Heading1"
	stHeading2   = "Heading2"
	stHeading3   = "Heading3"
	stSmall      = "SmallText"
	stNote       = "Caption"
	stLead       = "LeadText"
	stStrong     = "StrongText"
	stField      = "Field"
	stFieldSmall = "FieldSmall"
	stVerdict    = "Verdict"
	stList       = "ListBullet"
	stListSmall  = "SmallListBullet"
	stTableText  = "TableText"
	stFirm       = "Firm"
	stContact    = "FirmContact"
	stHeader     = "Header"
	stFooter     = "Footer"
	stSignature  = "Signature"
	stTable      = "OpinionTable"
)

// bulletNumID is the numbering of the bulleted lists: high, so that it
// does not meet a reference document's own.
const bulletNumID = 9001

// ourStyles are the styles, in styles.xml's order.
func ourStyles(textW int) []style {
	rightTab := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, textW)
	return []style{
		{id: stNormal, xml: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>` +
			spacing(0, 80) + `</w:pPr><w:rPr>` + size(10) + `</w:rPr></w:style>`},
		paraStyle(stTitle, "Title", stNormal, spacing(120, 160), `<w:b/><w:bCs/><w:color w:val="`+navy+`"/>`+size(14)),
		paraStyle(stHeading1, "heading 1", stNormal, `<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="`+navy+`"/></w:pBdr>`+
			spacing(240, 100)+`<w:outlineLvl w:val="0"/>`, `<w:b/><w:bCs/><w:color w:val="`+navy+`"/>`+size(12), `<w:next w:val="Normal"/>`),
		paraStyle(stHeading2, "heading 2", stNormal, `<w:keepNext/><w:keepLines/>`+rightTab+spacing(160, 40)+`<w:outlineLvl w:val="1"/>`,
			`<w:b/><w:bCs/>`+size(10.5), `<w:next w:val="Normal"/>`),
		paraStyle(stHeading3, "heading 3", stNormal, `<w:keepNext/><w:keepLines/>`+spacing(80, 20)+`<w:outlineLvl w:val="2"/>`,
			`<w:b/><w:bCs/>`+size(9), `<w:next w:val="Normal"/>`),
		paraStyle(stSmall, "Small Text", stNormal, spacing(0, 60), size(9)),
		paraStyle(stNote, "caption", stNormal, spacing(0, 80), `<w:color w:val="`+darkGray+`"/>`+size(8)),
		paraStyle(stLead, "Lead Text", stSmall, `<w:keepNext/>`+spacing(60, 40), `<w:b/><w:bCs/>`),
		paraStyle(stStrong, "Strong Text", stNormal, `<w:keepNext/>`+spacing(60, 60), `<w:b/><w:bCs/>`),
		paraStyle(stField, "Field", stNormal, spacing(0, 20), ""),
		paraStyle(stFieldSmall, "Field Small", stSmall, spacing(0, 20), ""),
		paraStyle(stVerdict, "Verdict", stNormal, `<w:keepLines/><w:pBdr><w:left w:val="single" w:sz="36" w:space="6" w:color="`+midGray+`"/></w:pBdr>`+
			`<w:shd w:val="clear" w:color="auto" w:fill="`+shadeGray+`"/>`+spacing(160, 160)+`<w:ind w:left="170"/>`, ""),
		paraStyle(stList, "List Bullet", stNormal, `<w:numPr><w:numId w:val="`+fmt.Sprint(bulletNumID)+`"/></w:numPr>`+spacing(0, 40), ""),
		paraStyle(stListSmall, "List Bullet Small", stSmall, `<w:numPr><w:numId w:val="`+fmt.Sprint(bulletNumID)+`"/></w:numPr>`+spacing(0, 40), ""),
		paraStyle(stTableText, "Table Text", stNormal, spacing(0, 0), size(8)),
		paraStyle(stFirm, "Firm Name", stNormal, spacing(0, 40), `<w:b/><w:bCs/><w:color w:val="`+navy+`"/>`+size(15)),
		paraStyle(stContact, "Firm Contact", stNormal, spacing(0, 0), `<w:color w:val="`+darkGray+`"/>`+size(8.5)),
		paraStyle(stHeader, "header", stNormal, rightTab+spacing(0, 0), size(8)),
		paraStyle(stFooter, "footer", stNormal, rightTab+spacing(0, 0), `<w:color w:val="`+midGray+`"/>`+size(7.5)),
		paraStyle(stSignature, "Signature", stNormal, `<w:keepNext/>`+spacing(240, 40), ""),
		{id: stTable, xml: `<w:style w:type="table" w:customStyle="1" w:styleId="` + stTable + `"><w:name w:val="Opinion Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>` +
			`<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr>` + size(8) + `</w:rPr>` +
			`<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblBorders><w:bottom w:val="single" w:sz="2" w:space="0" w:color="` + ruleGray + `"/>` +
			`<w:insideH w:val="single" w:sz="2" w:space="0" w:color="` + ruleGray + `"/></w:tblBorders>` +
			`<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="68" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="68" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
			`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="` + headFill + `"/></w:tcPr></w:tblStylePr>` +
			`<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="` + bandFill + `"/></w:tcPr></w:tblStylePr></w:style>`},
		{id: "TableNormal", xml: `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
			`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`},
	}
}

// stylesXML is cecbatch's own styles.xml for a document in lang, text
// column textW. A batch's drafts share a handful of these (a language, a
// page size), so each is made once and kept, read-only; a long-lived
// process keeps at most maxStyles.
func stylesXML(lang string, textW int) []byte {
	k := stylesKey{lang, textW}
	if b, ok := stylesMemo.Load(k); ok {
		return b.([]byte)
	}
	b := makeStylesXML(lang, textW)
	if stylesKept.Add(1) <= maxStyles {
		stylesMemo.Store(k, b)
	}
	return b
}

type stylesKey struct {
	lang  string
	textW int
}

const maxStyles = 64

var (
	stylesMemo sync.Map // stylesKey → []byte
	stylesKept atomic.Int32
)

func makeStylesXML(lang string, textW int) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + bodyFont + `" w:hAnsi="` + bodyFont + `" w:eastAsia="` + bodyFont + `" w:cs="` + bodyFont + `"/>` +
		size(10) + `<w:lang w:val="` + wordLang(lang) + `" w:eastAsia="` + wordLang(lang) + `" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="252" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range ourStyles(textW) {
		b.WriteString(s.xml)
	}
	b.WriteString(`</w:styles>`)
	return []byte(b.String())
}

// wordLang is the document's language as Word names it: Canadian English
// or Canadian French.
func wordLang(lang string) string {
	if lang == "fr" {
		return "fr-CA"
	}
	return "en-CA"
}

// numberingXML defines the bullets of the lists.
func numberingXML() string {
	return `<w:abstractNum w:abstractNumId="` + fmt.Sprint(bulletNumID) + `"><w:multiLevelType w:val="singleLevel"/>` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>` +
		`<w:pPr><w:ind w:left="284" w:hanging="284"/></w:pPr><w:rPr><w:rFonts w:ascii="` + bodyFont + `" w:hAnsi="` + bodyFont + `"/></w:rPr></w:lvl></w:abstractNum>`
}

// numberingPart is cecbatch's own numbering.xml.
var numberingPart = []byte(xmlHeader + `<w:numbering xmlns:w="` + nsW + `">` + numberingXML() + numXML() + `</w:numbering>`)

func numXML() string {
	return `<w:num w:numId="` + fmt.Sprint(bulletNumID) + `"><w:abstractNumId w:val="` + fmt.Sprint(bulletNumID) + `"/></w:num>`
}
