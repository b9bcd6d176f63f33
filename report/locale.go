package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/cecbatch/cecbatch/assess"
)

// The memo and the letter are written in the client's language: English
// or French (the Clients column Language, else the configuration's
// default_language). Every sentence report writes goes through one message
// catalog (golang.org/x/text/message): the English format string is the
// key, so the code reads as the English document does, and each other
// language has one file beside the builders (messages_fr.go) mapping each
// key to its translation. The printer localises what it formats: numbers
// ("1 560,0 h"), and the dates passed as assess.Date ("6 décembre 2026").
//
// The engine's own sentences (findings, requirement texts, Express Entry
// notes) come from assess as assess.Text: a message of the catalog of the
// package that wrote it, with its arguments. A document writes each in its
// language through engineLanguage: the message's translation from its
// package's catalog (assess/messages_fr.go, …), the arguments written the
// language's way. A sentence no catalog translates (a firm's own text, in
// a rules file) is printed in English after the marker engineMark and
// listed in doc.Document.Untranslated, so that a reader sees it and a test
// can count it.

// Languages of the documents.
const (
	English = "en"
	French  = "fr"
)

// ParseLanguage reads a language setting or a Clients cell: "en", "fr",
// "English", "French", "anglais", "français" in any case; "" is "".
func ParseLanguage(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "en", "english", "anglais":
		return English, nil
	case "fr", "french", "français", "francais":
		return French, nil
	}
	return "", fmt.Errorf("%q is not a language of the drafts: write en or fr", s)
}

// engineMark precedes, in a French document, a sentence of the engine's
// that is still in English.
const engineMark = "[EN] "

// locale writes one language: the catalog's printer and the language's
// dates and numbers. It is shared by every document and goroutine.
type locale struct {
	lang string
	// printer is nil for English: the keys are the English text, and
	// English numbers keep their plain format ("%d" of 1560 is "1560").
	printer *message.Printer
	// known are the catalog's keys, to tell a translated message from one
	// the catalog lacks.
	known map[string]string
}

// locales are the languages' locales, built once with the catalog.
var locales = sync.OnceValue(func() map[string]*locale {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for key, fr := range messagesFR {
		if err := b.SetString(language.French, key, fr); err != nil {
			panic("report: French catalog: " + err.Error())
		}
	}
	return map[string]*locale{
		English: {lang: English},
		French:  {lang: French, printer: message.NewPrinter(language.French, message.Catalog(b)), known: messagesFR},
	}
})

// english is the English locale: the summary's and results' language.
func english() *locale { return locales()[English] }

// raw is the translation of a message that is not formatted here (a page
// label a renderer fills in).
func (l *locale) raw(key string) string {
	if tr, ok := l.known[key]; ok {
		return tr
	}
	return key
}

// t formats a message of the catalog with args, in the locale's language.
// A date passed as an assess.Date is written as the language writes
// dates.
func (l *locale) t(format string, args ...any) string {
	if l.printer == nil {
		return fmt.Sprintf(format, args...)
	}
	for i, a := range args {
		if d, ok := a.(assess.Date); ok {
			args[i] = l.date(d)
		}
	}
	return frenchSpaces(l.printer.Sprintf(format, args...))
}

// frenchSpaces puts the no-break space French sets before a colon, a
// semicolon, a question or an exclamation mark and inside guillemets.
func frenchSpaces(s string) string {
	if !strings.ContainsAny(s, ":;?!«»") {
		return s
	}
	return frenchSpacer.Replace(s)
}

var frenchSpacer = strings.NewReplacer(" :", "\u00a0:", " ;", "\u00a0;", " ?", "\u00a0?", " !", "\u00a0!", "« ", "«\u00a0", " »", "\u00a0»")

// quote sets an English name (a heading of the intake workbook) inside a
// sentence of another language: between guillemets in French.
func (l *locale) quote(s string) string {
	if l.lang == English {
		return s
	}
	return "«\u00a0" + s + "\u00a0»"
}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// date writes d as the language does: 2026-12-06 in English (the
// opinion's own format since its first version), "6 décembre 2026" in
// French; "" for no date.
func (l *locale) date(d assess.Date) string {
	if l.lang != French || d.IsZero() {
		return d.String()
	}
	y, m, day := d.YMD()
	dd := strconv.Itoa(day)
	if day == 1 {
		dd = "1er"
	}
	return dd + "\u00a0" + frenchMonths[m-1] + "\u00a0" + strconv.Itoa(y)
}

var englishMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// longDate writes d in words, as a letter to a client does: "March 1,
// 2026" in English, "1er mars 2026" in French; "" for no date.
func (l *locale) longDate(d assess.Date) string {
	if l.lang == French || d.IsZero() {
		return l.date(d)
	}
	y, m, day := d.YMD()
	return englishMonths[m-1] + " " + strconv.Itoa(day) + ", " + strconv.Itoa(y)
}

// hours writes qualifying hours cut down to one decimal: "1,560.0" in
// English, "1 560,0" in French.
func (l *locale) hours(h float64) string {
	s := hours(h)
	if l.lang != French {
		return s
	}
	return frenchNumber(s)
}

// whole writes a whole number of hours: "1,560", "1 560".
func (l *locale) whole(h float64) string {
	s := wholeHours(h)
	if l.lang != French {
		return s
	}
	return frenchNumber(s)
}

// num writes a number as the intake gave it ("37.5", "37,5").
func (l *locale) num(v float64) string {
	s := trimNum(v)
	if l.lang != French {
		return s
	}
	return frenchNumber(s)
}

// score writes a test score ("6.5", "6,5"; a label such as "M" as it is).
func (l *locale) score(s assess.Score) string {
	if l.lang != French || s.Label != "" {
		return s.String()
	}
	return frenchNumber(s.String())
}

// frenchNumber rewrites an English number ("3,908.5") the French way
// ("3 908,5", with no-break spaces).
func frenchNumber(s string) string {
	return strings.NewReplacer(",", "\u00a0", ".", ",").Replace(s)
}

// scale names a test's levels: CLB for an English test and NCLC for a
// French one in English; in French, the niveaux de compétence
// linguistique canadiens (NCLC) are the name of both.
func (l *locale) scale(s string) string {
	if l.lang == French {
		return "NCLC"
	}
	return s
}

// spell writes the small counts of the rules (years) in words.
func (l *locale) spell(n int) string {
	if l.lang != French {
		return spellNumber(n)
	}
	words := [...]string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// and joins items as "a, b and c" ("a, b et c").
func (l *locale) and(items []string) string { return joinList(items, l.t("and")) }

// or joins items as "a, b or c" ("a, b ou c").
func (l *locale) or(items []string) string { return joinList(items, l.t("or")) }

// ability names a test ability.
func (l *locale) ability(ab assess.Ability) string {
	switch ab {
	case assess.Listening:
		return l.t("listening")
	case assess.Reading:
		return l.t("reading")
	case assess.Writing:
		return l.t("writing")
	}
	return l.t("speaking")
}

// engineText is a sentence of the engine's that no catalog translates,
// printed in a document of language l: as it is in English; in another
// language after engineMark, and recorded in untranslated.
func (l *locale) engineText(s string, untranslated *[]string) string {
	if l.lang == English || strings.TrimSpace(s) == "" {
		return s
	}
	*untranslated = append(*untranslated, s)
	return engineMark + s
}

// text is t in l's language, for a document that does not list what it
// leaves untranslated (the summary, a verdict label).
func (l *locale) text(t assess.Text) string {
	var discard []string
	return t.In(l.language(&discard))
}

// language is how a document of l writes the engine's texts: English is
// the engine's own; another language translates each message through its
// package's catalog, recording in untranslated what it cannot.
func (l *locale) language(untranslated *[]string) assess.Language {
	if l.lang == English {
		return assess.English
	}
	return engineLanguage{l: l, untranslated: untranslated}
}

// engineLanguage writes assess.Texts in a locale's language.
type engineLanguage struct {
	l            *locale
	untranslated *[]string
}

func (e engineLanguage) Translate(c *assess.Catalog, format string) (string, bool) {
	if tr, ok := c.Translation(e.l.lang, format); ok {
		return tr, true
	}
	if !strings.ContainsFunc(verbsOut.ReplaceAllString(format, ""), unicode.IsLetter) {
		// Only arguments and punctuation ("%s (%s)"): the same in French,
		// with its spaces before the double signs.
		return frenchPunctuation(format), true
	}
	return "", false
}

// verbsOut matches a format's verbs.
var verbsOut = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z%]`)

// frenchPunctuation puts a space before a colon or a semicolon that does
// not follow one (frenchSpaces then makes it no-break): "%s: %s" and the
// separator "; " join words.
func frenchPunctuation(s string) string {
	var b strings.Builder
	for i, r := range s {
		if (r == ':' || r == ';') && (i == 0 || s[i-1] != ' ') {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (e engineLanguage) Value(v any) any {
	l := e.l
	switch v := v.(type) {
	case assess.Date:
		return l.date(v)
	case assess.Hours:
		return l.hours(float64(v))
	case assess.Quantity:
		return l.whole(float64(v))
	case assess.Num:
		return l.num(float64(v))
	case assess.Spelled:
		return l.spell(int(v))
	case assess.Score:
		return l.score(v)
	case tenthHours:
		return l.hours(float64(v))
	case assess.Verbatim:
		return l.quote(string(v))
	case assess.Verbatims:
		q := make([]string, len(v))
		for i, h := range v {
			q[i] = l.quote(h)
		}
		return strings.Join(q, ", ")
	case assess.DayMonthYear:
		return l.date(assess.Date(v))
	case assess.DayMonth:
		y, _, _ := assess.Date(v).YMD()
		return strings.TrimSuffix(l.date(assess.Date(v)), "\u00a0"+strconv.Itoa(y))
	case assess.MonthYear:
		y, m, _ := assess.Date(v).YMD()
		return frenchMonths[m-1] + "\u00a0" + strconv.Itoa(y)
	}
	return v
}

func (e engineLanguage) Format(format string, args []any) string {
	if len(args) == 0 {
		return frenchSpaces(format)
	}
	return frenchSpaces(e.l.printer.Sprintf(format, args...))
}

func (e engineLanguage) List(items []string, or bool) string {
	if or {
		return e.l.or(items)
	}
	return e.l.and(items)
}

func (e engineLanguage) Join(parts []string, sep string) string {
	return frenchSpaces(strings.Join(parts, frenchPunctuation(sep)))
}

func (e engineLanguage) Untranslated(english string) string {
	return e.l.engineText(english, e.untranslated)
}
