package report

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/internal/keyset"
)

// opinionSuffix ends every opinion file name; because of it no name can be a
// bare reserved device name or end in a dot or a space.
const opinionSuffix = opinionPart + ".pdf"

// letterPart replaces opinionPart in a client letter's file name.
const (
	opinionPart = "_CEC-opinion"
	letterPart  = "_CEC-letter"
)

// DOCXFileName is the Word file beside a PDF: "…_CEC-opinion.docx".
func DOCXFileName(pdf string) string {
	return strings.TrimSuffix(pdf, ".pdf") + ".docx"
}

// LetterFileName is the client letter's PDF named after the opinion's
// (made unique in the run): "…_CEC-opinion-2.pdf" gives
// "…_CEC-letter-2.pdf". Opinion names are unique, so letter names are.
func LetterFileName(opinion string) string {
	i := strings.LastIndex(opinion, opinionPart)
	if i < 0 {
		return strings.TrimSuffix(opinion, ".pdf") + letterPart + ".pdf"
	}
	return opinion[:i] + letterPart + opinion[i+len(opinionPart):]
}

// Byte limits of each part of an opinion file name. Together with the suffix
// and room for a "-NNNNNN" uniqueness counter they keep a name under 200
// bytes, well inside the 255-byte limit of common file systems, even when a
// letter takes four bytes.
const (
	maxIDBytes   = 40
	maxNameBytes = 60
)

// emptyPart stands for a client ID or name that is blank, or that had
// nothing but punctuation, so that a file name never has an empty part.
const emptyPart = "unknown"

// OpinionFileName is "<ClientID>_<FamilyName>_<GivenNames>_CEC-opinion.pdf"
// with every character that is not a letter, digit, '-' or '_' replaced by
// '-'. Letters of any script are kept, with their combining accents; runs of
// '-' collapse to one and each part is trimmed of '-' at its ends, so
// "../../etc" becomes "etc". A part left empty becomes "unknown". Each part
// is cut on a character boundary so that the whole name stays under 200
// bytes. No name can contain a path separator, start with a dot or be a
// reserved Windows device name.
func OpinionFileName(c *assess.Client) string {
	id := safePart(c.ID, maxIDBytes)
	family := safePart(c.FamilyName, maxNameBytes)
	given := safePart(c.GivenNames, maxNameBytes)
	return id + "_" + family + "_" + given + opinionSuffix
}

// safePart makes one part of a file name out of user text.
func safePart(s string, maxBytes int) string {
	var b strings.Builder
	b.Grow(len(s))
	prevLetter := false // a combining mark is kept only on a kept letter
	prevDash := true    // also trims leading dashes
	for _, r := range s {
		keep := false
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			keep = true
			prevLetter = unicode.IsLetter(r)
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			// A letter typed as base letter + combining accent (NFD, as
			// macOS produces) keeps its accent: "Nguyễn" stays whole.
			keep = prevLetter
		default:
			prevLetter = false
		}
		if keep {
			if b.Len()+utf8.RuneLen(r) > maxBytes {
				break
			}
			b.WriteRune(r)
			prevDash = false
			continue
		}
		if !prevDash {
			if b.Len()+1 > maxBytes {
				break
			}
			b.WriteByte('-')
			prevDash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return emptyPart
	}
	return out
}

// FileNames makes file names unique within a run. The comparison ignores
// case, because the firm's file server (Windows, macOS) does: "Anna.pdf"
// and "anna.pdf" would overwrite each other there. Safe for concurrent use.
//
// A run keeps every name it gave until it ends, in a set without pointers
// (internal/keyset): as strings in a map, 100,000 clients' names were 10
// MB of pointers the garbage collector followed many times a second.
type FileNames struct {
	mu    sync.Mutex
	names *keyset.Set // every name given, folded
	// next is, for a name asked for more than once, the first suffix not
	// yet tried: a thousand clients of one name cost a thousand lookups,
	// not half a million. Only names that needed a suffix are in it.
	next map[string]int
}

// NewFileNames returns an empty set of names.
func NewFileNames() *FileNames {
	return &FileNames{names: keyset.New(), next: make(map[string]int)}
}

// Unique returns name if no name equal to it, ignoring case, was returned
// before; otherwise it inserts "-2", "-3", … before the extension
// ("…_CEC-opinion-2.pdf"), and records the name it returns.
func (n *FileNames) Unique(name string) string {
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		stem, ext = name[:i], name[i:]
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	asked := foldName(name)
	candidate := name
	i := 2
	if next, ok := n.next[asked]; ok {
		i = next
		candidate = stem + "-" + strconv.Itoa(i) + ext
		i++
	}
	for ; ; i++ {
		if n.names.Add(foldName(candidate)) {
			if candidate != name {
				n.next[asked] = i
			}
			return candidate
		}
		candidate = stem + "-" + strconv.Itoa(i) + ext
	}
}

// foldName is the key under which two names that differ only in case meet.
func foldName(s string) string {
	return strings.ToLower(strings.ToUpper(s))
}
