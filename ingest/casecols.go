package ingest

import (
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// This file reads the Clients sheet's columns about the file rather than
// the client's facts: the dates of the Express Entry profile and of the
// invitation, the language of the opinion, and whether the file is open.
// None of them changes the CEC verdict; the register and the opinion use
// them.

// opinionLanguages are the Language column's words, by language code.
var opinionLanguages = newVocab(map[string][]string{
	"en": {"English", "anglais"},
	"fr": {"French", "français"},
})

// The File Status column: open, or closed with the reason the file was
// closed after a colon. The three usual reasons are written as here
// whatever their case; any other reason is kept as typed.
const (
	fileOpen   = "open"
	fileClosed = "closed"
)

var closedReasons = []string{"applied", "withdrawn", "refused"}

// fileStatusChoices are the values the template's drop-down offers.
var fileStatusChoices = []string{fileOpen, "closed: applied", "closed: withdrawn", "closed: refused", fileClosed}

// fileStatusWords are the File Status spellings a "did you mean" may offer.
var fileStatusWords = func() suggestions {
	var pairs [][2]string
	for _, c := range fileStatusChoices {
		pairs = append(pairs, [2]string{c, c})
	}
	return newSuggestions(pairs...)
}()

// fileStatusSeparators may stand between "closed" and its reason; a
// reason in brackets, "closed (applied)", is read too.
const fileStatusSeparators = ":-–—,("

// parseFileStatus reads a File Status cell: blank or open is an open file;
// closed, alone or followed by its reason ("closed: applied"), a closed
// one. The error is a sentence fragment naming the value as written.
func parseFileStatus(raw string) (closed bool, reason string, err error) {
	s := clean(raw)
	if s == "" || fold(s) == fileOpen {
		return false, "", nil
	}
	if len(s) >= len(fileClosed) && strings.EqualFold(s[:len(fileClosed)], fileClosed) {
		rest := strings.TrimSpace(s[len(fileClosed):])
		sep := rest != "" && strings.ContainsRune(fileStatusSeparators, []rune(rest)[0])
		if rest == "" || sep || s[len(fileClosed)] == ' ' {
			if sep {
				bracket := strings.HasPrefix(rest, "(")
				rest = strings.TrimSpace(strings.TrimLeft(rest, fileStatusSeparators))
				if bracket {
					rest = strings.TrimSpace(strings.TrimSuffix(rest, ")"))
				}
			}
			for _, r := range closedReasons {
				if fold(rest) == r {
					rest = r
				}
			}
			return true, rest, nil
		}
	}
	hint := fileStatusWords.didYouMean(s)
	for _, r := range closedReasons {
		if fold(s) == r {
			hint = msg(" Did you mean %q?", fileClosed+": "+r)
		}
	}
	return false, "", textErr(msg("%q is not a file status cecbatch knows; write open, or closed followed by the reason the file was closed (closed: applied, closed: withdrawn, closed: refused, or closed: and any other reason), or leave it blank for an open file.%s", s, hint))
}

// caseColumns reads the Clients row's EE Profile Date, ITA Date, Language
// and File Status into c, each problem on its cell.
func (r *reader) caseColumns(c *assess.Client, w *row) {
	c.EEProfileDate, _ = r.date(c, w, assess.FieldEEProfileDate)
	c.ITADate, _ = r.date(c, w, assess.FieldITADate)
	if lang, ok := vocabulary(c, w, assess.FieldLanguage, opinionLanguages, msg("a language of opinion"), msg("en or English, fr or French (also anglais, français), or leave it blank for the configured default")); ok {
		c.Language = lang
	}
	closed, reason, err := parseFileStatus(w.text(assess.FieldFileStatus))
	if err != nil {
		problem(c, w.cell(assess.FieldFileStatus), msg("%s %s", w.header(assess.FieldFileStatus), assess.ErrorText(err)))
		return
	}
	c.Closed, c.ClosedReason = closed, reason
}
