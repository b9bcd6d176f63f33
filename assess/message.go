package assess

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds how the engine writes its sentences: as messages of a
// catalog, formatted only when they are printed, in English or in the
// client's language.
//
// A Text is a message's English format, which is also its key in the
// catalogs of the other languages, and its arguments. String writes it in
// English: results.jsonl, summary.xlsx, the logs and `cecbatch check`
// print that, as they always have. A document in another language writes
// the same Text through a Language (report's locales): the catalog's
// translation of the format, with the arguments written the language's
// way (a Date as "6 décembre 2026", Hours as "1 560,0"). Each package that
// writes sentences keeps its translations beside its code, one file per
// language (messages_fr.go), in a Catalog.
//
// Building a Text formats nothing: an assessment pays for its sentences
// only when something prints them.

// Text is a sentence, or a phrase inside one, that the engine writes. The
// zero Text is empty.
type Text struct {
	kind textKind
	cat  *Catalog
	// format is a message's English format, a plain text's words, or the
	// separator of a join.
	format string
	// args are a message's arguments, the parts of a join or a list, or
	// a mapped text's function and text.
	args []any
}

type textKind uint8

const (
	textPlain       textKind = iota // format, printed as it is in every language
	textMessage                     // a message of cat: format and args
	textJoin                        // the parts in args, separated by format
	textAnd                         // the parts as a list: "a, b and c"
	textOr                          // the parts as a list: "a, b or c"
	textMap                         // args[0] (a func(string) string) of args[1]
	textEnglishOnly                 // format in English, nothing in another language
	textUpper                       // args[0] (a Text) with its first letter upper-case
	textLower                       // args[0] (a Text) with its first word lower-case
)

// Plain is a text printed as it is in every language: what the client's
// intake says (a name, a cell's value), or an identifier (a rule id, a
// NOC code, a cell).
func Plain(s string) Text { return Text{format: s} }

// Untranslated is a sentence in English that no catalog holds: a firm's
// own words (a CRS grid's category names) or another program's. A
// document in another language prints it in English, marked as such.
func Untranslated(s string) Text { return Text{kind: textMessage, format: s} }

// Join joins parts with sep (", ", "; ", " "), as strings.Join does.
func Join(sep string, parts ...Text) Text {
	switch len(parts) {
	case 0:
		return Text{}
	case 1:
		return parts[0]
	}
	args := make([]any, len(parts))
	for i, p := range parts {
		args[i] = p
	}
	return Text{kind: textJoin, format: sep, args: args}
}

// Concat is the parts one after the other.
func Concat(parts ...Text) Text { return Join("", parts...) }

// AndList is "a, b and c" in the language printed.
func AndList(items ...Text) Text { return list(textAnd, items) }

// OrList is "a, b or c" in the language printed.
func OrList(items ...Text) Text { return list(textOr, items) }

func list(kind textKind, items []Text) Text {
	if len(items) == 1 {
		return items[0]
	}
	args := make([]any, len(items))
	for i, t := range items {
		args[i] = t
	}
	return Text{kind: kind, args: args}
}

// Plains is each of ss as a Plain text.
func Plains(ss []string) []Text {
	out := make([]Text, len(ss))
	for i, s := range ss {
		out[i] = Plain(s)
	}
	return out
}

// Map is t written in the language, then passed to fn: a change of case
// or of punctuation that must apply to the sentence as printed.
func Map(t Text, fn func(string) string) Text {
	if t.IsZero() {
		return t
	}
	return Text{kind: textMap, args: []any{fn, t}}
}

// Strings are ts in English, one string each (nil for nil).
func Strings(ts []Text) []string {
	if ts == nil {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

// Capitalized is t with its first letter upper-case, as a sentence starts.
func (t Text) Capitalized() Text {
	if t.IsZero() {
		return t
	}
	return Text{kind: textUpper, args: []any{t}}
}

// Uncapitalized is t with its first word lower-case, as a clause after a
// colon continues a sentence ("Not met: the language level…"); an acronym
// keeps its capitals.
func (t Text) Uncapitalized() Text {
	if t.IsZero() {
		return t
	}
	return Text{kind: textLower, args: []any{t}}
}

// IsZero reports whether t is the empty text.
func (t Text) IsZero() bool {
	return (t.kind == textPlain || t.kind == textEnglishOnly) && t.format == ""
}

// String is t in English.
func (t Text) String() string { return t.In(English) }

// In writes t in language l.
func (t Text) In(l Language) string {
	switch t.kind {
	case textPlain:
		return t.format
	case textMessage:
		if t.cat == nil && l != English {
			return l.Untranslated(t.In(English))
		}
		if tr, ok := l.Translate(t.cat, t.format); ok {
			args := make([]any, len(t.args))
			for i, a := range t.args {
				if x, ok := a.(Text); ok {
					args[i] = x.In(l)
				} else {
					args[i] = l.Value(a)
				}
			}
			return l.Format(tr, args)
		}
		return l.Untranslated(t.In(English))
	case textJoin, textAnd, textOr:
		parts := make([]string, len(t.args))
		for i, p := range t.args {
			parts[i] = p.(Text).In(l)
		}
		switch t.kind {
		case textAnd:
			return l.List(parts, false)
		case textOr:
			return l.List(parts, true)
		}
		return l.Join(parts, t.format)
	case textMap:
		return t.args[0].(func(string) string)(t.args[1].(Text).In(l))
	case textEnglishOnly:
		if _, ok := l.(english); ok {
			return t.format
		}
		return ""
	case textLower:
		if l == English {
			return lowerFirst(t.args[0].(Text).In(l)) // as the English always was
		}
		return lowerFirstWord(t.args[0].(Text).In(l))
	case textUpper:
		if l == English {
			return upperFirst(t.args[0].(Text).In(l)) // as the English always was
		}
		return upperFirstRune(t.args[0].(Text).In(l))
	}
	return ""
}

// Language writes Texts in one language: report has one for each
// language of its documents, and English is the engine's own.
type Language interface {
	// Translate returns the translation of catalog c's message whose
	// English format is format; false when c has none in the language.
	Translate(c *Catalog, format string) (string, bool)
	// Value writes an argument that is one of the engine's values (a
	// Date, Hours, Quantity, Num, Spelled, Score, Ability) the language's
	// way; anything else it returns as it is.
	Value(v any) any
	// Format formats a translated message with its arguments written.
	Format(format string, args []any) string
	// List joins items as "a, b and c" (or, "a, b or c").
	List(items []string, or bool) string
	// Join joins parts with an English separator (", ", "; ", " ").
	Join(parts []string, sep string) string
	// Untranslated is what the language prints for a message its
	// catalog lacks, given in English.
	Untranslated(english string) string
}

// English is the engine's own language: the catalogs' keys.
var English Language = english{}

type english struct{}

func (english) Translate(_ *Catalog, format string) (string, bool) { return format, true }
func (english) Value(v any) any                                    { return v }
func (english) Untranslated(s string) string                       { return s }
func (english) Join(parts []string, sep string) string             { return strings.Join(parts, sep) }

func (english) Format(format string, args []any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

func (english) List(items []string, or bool) string {
	if or {
		return JoinList(items, "or")
	}
	return JoinList(items, "and")
}

// Catalog is one package's messages in the languages other than English,
// each by its English format. The catalog of assess is in messages_fr.go;
// assess/crs, ingest and report keep theirs beside their code.
type Catalog struct {
	name string
	// byLang maps a language ("fr") to its messages.
	byLang map[string]map[string]string
}

// NewCatalog is the catalog of package name, with its translations by
// language.
func NewCatalog(name string, byLang map[string]map[string]string) *Catalog {
	c := &Catalog{name: name, byLang: byLang}
	catalogs.Store(name, c)
	return c
}

// T is the message of c whose English format is format, with args.
func (c *Catalog) T(format string, args ...any) Text {
	return Text{kind: textMessage, cat: c, format: format, args: args}
}

// Plural is message one when n is 1 ("1 job row could not be read (%s)"),
// else message many with n before args ("%d job rows could not be read
// (%s)"): a language may agree more words than the noun with the count.
func (c *Catalog) Plural(n int, one, many string, args ...any) Text {
	if n == 1 {
		return c.T(one, args...)
	}
	return c.T(many, append([]any{n}, args...)...)
}

// Catalogs are the catalogs of the packages of this program, by name
// (for tests that read every catalog).
func Catalogs() []*Catalog {
	var out []*Catalog
	catalogs.Range(func(_, c any) bool {
		out = append(out, c.(*Catalog))
		return true
	})
	slices.SortFunc(out, func(a, b *Catalog) int { return strings.Compare(a.name, b.name) })
	return out
}

// With is message t with more arguments after its own: a message chosen
// before its last values are known.
func (t Text) With(args ...any) Text {
	if t.kind != textMessage {
		return t
	}
	t.args = append(slices.Clip(t.args), args...)
	return t
}

// Name is the package whose messages c holds.
func (c *Catalog) Name() string { return c.name }

// Translation is the translation of the message whose English format is
// format, in language lang.
func (c *Catalog) Translation(lang, format string) (string, bool) {
	if c == nil {
		return "", false
	}
	s, ok := c.byLang[lang][format]
	return s, ok
}

// Messages are c's messages in lang, by English format (for tests).
func (c *Catalog) Messages(lang string) map[string]string { return c.byLang[lang] }

// The engine's values that a language writes its own way, as arguments of
// a Text. Each String is the English.
type (
	// Hours are hours with a thousands separator and one decimal, cut:
	// "1,559.9".
	Hours float64
	// Quantity is a whole quantity with thousands separators: "1,560".
	Quantity float64
	// Num is a number as the intake gives it: "37.5", "30".
	Num float64
	// Spelled is a small count in words: "three".
	Spelled int
	// Verbatim is words kept in the language they were written in: a
	// column heading of the intake workbook, a note the firm entered.
	// English writes them as is; a document in another language sets them
	// between guillemets (« Foreign Work Years »).
	Verbatim string
	// Verbatims are such words in a list: "Education Level, ECA".
	Verbatims []string
)

// Dates written in words, as the intake's messages write them (a Date
// argument is written 2026-12-06 in English).
type (
	// DayMonthYear is "1 September 2022".
	DayMonthYear Date
	// DayMonth is "1 September".
	DayMonth Date
	// MonthYear is "September 2022".
	MonthYear Date
)

func (d DayMonthYear) String() string {
	y, m, day := Date(d).YMD()
	return fmt.Sprintf("%d %s %d", day, m, y)
}

func (d DayMonth) String() string {
	_, m, day := Date(d).YMD()
	return fmt.Sprintf("%d %s", day, m)
}

func (d MonthYear) String() string {
	y, m, _ := Date(d).YMD()
	return fmt.Sprintf("%s %d", m, y)
}

func (h Hours) String() string     { return FormatHours(float64(h)) }
func (q Quantity) String() string  { return FormatQuantity(float64(q)) }
func (n Num) String() string       { return fmtNum(float64(n)) }
func (n Spelled) String() string   { return spell(int(n)) }
func (v Verbatim) String() string  { return string(v) }
func (v Verbatims) String() string { return strings.Join(v, ", ") }

// catalog holds assess's messages in other languages (messages_fr.go).
var catalog = NewCatalog("assess", map[string]map[string]string{"fr": messagesFR})

// msg is a message of assess's catalog: format is its English, and its
// key in messages_fr.go.
func msg(format string, args ...any) Text { return catalog.T(format, args...) }

// plural is assess's Catalog.Plural.
func plural(n int, one, many string, args ...any) Text { return catalog.Plural(n, one, many, args...) }

// joinSome joins the parts that are not empty with sep.
func joinSome(sep string, parts ...Text) Text {
	kept := parts[:0:0]
	for _, p := range parts {
		if !p.IsZero() {
			kept = append(kept, p)
		}
	}
	return Join(sep, kept...)
}

// EnglishOnly is a text printed in English and left out in any other
// language: NOC 2021's occupation titles, which the rule set ships in
// English only.
func EnglishOnly(s string) Text { return Text{kind: textEnglishOnly, format: s} }

// textError is an error of the engine whose words reach a document.
type textError struct{ text Text }

func textErr(t Text) error { return &textError{t} }

// TextError is an error whose words are t, for ErrorText to give back:
// the errors of the other packages whose words reach a document.
func TextError(t Text) error       { return &textError{t} }
func (e *textError) Error() string { return e.text.String() }

// ErrorText is err's words as a Text: an engine error's message, else
// its English as written.
func ErrorText(err error) Text {
	var te *textError
	if errors.As(err, &te) {
		return te.text
	}
	return Plain(err.Error())
}

// lowerFirstWord lower-cases the first letter of s when its word is not
// an acronym ("Le niveau" → "le niveau", "NCLC 7" stays).
func lowerFirstWord(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// upperFirstRune upper-cases the first letter of s, accented or not ("été"
// → "Été"), as a sentence starts.
func upperFirstRune(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
