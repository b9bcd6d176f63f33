package assess

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file holds the small text helpers of the findings: numbers, labels
// of jobs and tests, lists of cells.

// FormatHours prints hours with a thousands separator and one decimal, cut
// (not rounded) so that 1,559.96 hours never prints as the 1,560 required.
func FormatHours(h float64) string {
	neg := h < 0
	if neg {
		h = -h
	}
	tenths := int64(math.Floor(h*10 + 1e-6))
	whole, frac := tenths/10, tenths%10
	s := strconv.FormatInt(whole, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	s += "." + string(rune('0'+frac))
	if neg {
		s = "-" + s
	}
	return s
}

// FormatQuantity prints a whole quantity with thousands separators ("1,560").
func FormatQuantity(v float64) string {
	s := FormatHours(v)
	return strings.TrimSuffix(s, ".0")
}

// fmtNum formats a number without trailing zeros ("6.5", "30", "1560").
func fmtNum(v float64) string { return Score{Value: v}.String() }

// spell spells a small number ("two"), as the opinion's sentences do
// (Spelled is the argument of a Text).
func spell(n int) string {
	if n >= 1 && n <= 5 {
		return [...]string{"one", "two", "three", "four", "five"}[n-1]
	}
	return strconv.Itoa(n)
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// jobLabel names a job period in a sentence: "Acme (Developer, NOC 21231)".
func jobLabel(j *Job) Text {
	name := Plain(strings.TrimSpace(j.Employer))
	if name.IsZero() {
		name = msg("an unnamed employer")
	}
	var extra []Text
	if t := strings.TrimSpace(j.Title); t != "" {
		extra = append(extra, Plain(t))
	}
	if n := strings.TrimSpace(j.NOC); n != "" {
		extra = append(extra, msg("NOC %s", nocCanonical(n)))
	}
	if len(extra) > 0 {
		return msg("%s (%s)", name, Join(", ", extra...))
	}
	return name
}

// TestLabel names a test sitting: "IELTS General Training test of 2024-03-01".
func TestLabel(kind TestKind, d Date) Text {
	if d == 0 {
		return msg("%s test", string(kind))
	}
	return msg("%s test of %s", string(kind), d)
}

// scaleName is the scale a test's levels are written in: NCLC for a French
// test, else (and with no test) CLB.
func scaleName(tr *TestResult) Text {
	if tr == nil {
		return msg("CLB")
	}
	return clbScale(tr.Kind)
}

// clbScale is the scale a test of kind k is written in. In French both
// are the niveaux de compétence linguistique canadiens, NCLC.
func clbScale(k TestKind) Text {
	if k.French() {
		return msg("NCLC")
	}
	return msg("CLB")
}

// clbName prints a level as CLB, or NCLC for a French test, "below CLB 4"
// for 0.
func clbName(kind TestKind, level int) Text {
	scale := clbScale(kind)
	if level <= 0 {
		return msg("below %s 4", scale)
	}
	return msg("%s %d", scale, level)
}

// levelName prints a test's level with the abilities that set it, the
// lowest: "CLB 5 (writing)", "NCLC 7 (listening, speaking)".
func levelName(tr *TestResult) Text {
	var low []Text
	for _, a := range Abilities {
		if tr.CLB[a] == tr.Level {
			low = append(low, a.Text())
		}
	}
	if len(low) == 4 {
		return msg("%s (all four abilities)", clbName(tr.Kind, tr.Level))
	}
	return msg("%s (%s)", clbName(tr.Kind, tr.Level), Join(", ", low...))
}

// CellList prints cells compactly, naming each sheet once:
// "Work history!H2, F3; Study!D2".
func CellList(cells []string) string {
	var b strings.Builder
	sheet := ""
	for i, c := range cells {
		bang := strings.LastIndexByte(c, '!')
		sh, ref := "", c
		if bang >= 0 {
			sh, ref = c[:bang], c[bang+1:]
		}
		switch {
		case i == 0:
		case sh == sheet:
			b.WriteString(", ")
		default:
			b.WriteString("; ")
		}
		if i == 0 || sh != sheet {
			b.WriteString(c)
		} else {
			b.WriteString(ref)
		}
		sheet = sh
	}
	return b.String()
}

// employerKey folds an employer's name for matching rows of one employer
// (a leave to the jobs it interrupts, a job to the employer-specific permit
// maintained): case, accents, punctuation and spaces do not matter, nor
// the suffixes Inc, Ltd, Corp and LLP ("Café du Coin Inc." is "cafeducoin").
// A name that is only a suffix keeps it.
func employerKey(name string) string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	folded := strings.ToLower(name)
	for i := 0; i < len(folded); i++ {
		if folded[i] >= 0x80 {
			// Accents: split them off to drop them (most names are ASCII).
			folded = norm.NFD.String(folded)
			break
		}
	}
	for _, r := range folded {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '.' || r == '\'':
			// "Inc." and "O'Brien" stay one word.
		default:
			flush()
		}
	}
	flush()
	for len(words) > 1 {
		switch words[len(words)-1] {
		case "inc", "ltd", "corp", "llp":
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return strings.Join(words, "")
}
