package register

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/cecbatch/cecbatch/assess"
)

// What changed between two intakes of one client, as short sentences for
// the Changes sheet: "1 language test added: CELPIP-General 2026-11-02",
// "End of Acme (row 4) changed from blank to 2026-10-31". Identity values
// (names, date of birth) are said to have changed, never quoted: the
// Changes sheet is read beside other clients' rows.

// identityFields are the Clients fields whose values a change never quotes.
var identityFields = map[string]bool{"FamilyName": true, "GivenNames": true, "DateOfBirth": true}

// maxChanges bounds the list of one client; the rest are counted.
const maxChanges = 8

// FactChanges lists what changed from old to new, in the order of the
// intake's sheets; none when the facts are the same.
func FactChanges(old, new *assess.Client) []string {
	var out []string
	out = append(out, fieldChanges("", reflect.ValueOf(*old), reflect.ValueOf(*new), clientSkip)...)
	out = append(out, rowChanges("job period", "job periods", old.Jobs, new.Jobs, jobKey, jobLabel)...)
	out = append(out, rowChanges("language test", "language tests", old.Tests, new.Tests, testKey, testLabel)...)
	out = append(out, rowChanges("study period", "study periods", old.Studies, new.Studies, studyKey, studyLabel)...)
	if !reflect.DeepEqual(old.CRS, new.CRS) {
		out = append(out, "Express Entry (CRS) inputs changed")
	}
	if len(old.Problems) != len(new.Problems) {
		out = append(out, fmt.Sprintf("data problems: %d before, %d now", len(old.Problems), len(new.Problems)))
	}
	if len(out) > maxChanges {
		rest := len(out) - maxChanges + 1
		out = append(out[:maxChanges-1], fmt.Sprintf("and %d more changes", rest))
	}
	return out
}

// clientSkip are the Client fields compared elsewhere, or not facts.
var clientSkip = map[string]bool{"Ref": true, "SourceFile": true, "Jobs": true, "Tests": true, "Studies": true, "CRS": true, "Problems": true}

func jobKey(j assess.Job) string     { return j.Employer + "\x00" + j.Start.String() }
func testKey(t assess.Test) string   { return t.Name + "\x00" + t.Date.String() }
func studyKey(s assess.Study) string { return s.Institution + "\x00" + s.Start.String() }

func jobLabel(j assess.Job) string {
	return fmt.Sprintf("%s (row %d)", orBlank(j.Employer), j.Ref.Row)
}
func testLabel(t assess.Test) string {
	return fmt.Sprintf("%s %s", orBlank(t.Name), orBlank(t.Date.String()))
}
func studyLabel(s assess.Study) string {
	return fmt.Sprintf("%s (row %d)", orBlank(s.Institution), s.Ref.Row)
}

// rowChanges compares the rows of one sheet, matched by key (a job by its
// employer and start, a test by its name and date).
func rowChanges[T any](one, many string, old, new []T, key func(T) string, label func(T) string) []string {
	oldBy := map[string]T{}
	for _, r := range old {
		oldBy[key(r)] = r
	}
	newKeys := map[string]bool{}
	var added, changed []string
	for _, r := range new {
		k := key(r)
		newKeys[k] = true
		prev, ok := oldBy[k]
		if !ok {
			added = append(added, label(r))
			continue
		}
		changed = append(changed, fieldChanges(label(r), reflect.ValueOf(prev), reflect.ValueOf(r), rowSkip)...)
	}
	var removed []string
	for _, r := range old {
		if !newKeys[key(r)] {
			removed = append(removed, label(r))
		}
	}
	var out []string
	if len(added) > 0 {
		out = append(out, counted(len(added), one, many)+" added: "+strings.Join(added, "; "))
	}
	if len(removed) > 0 {
		out = append(out, counted(len(removed), one, many)+" removed: "+strings.Join(removed, "; "))
	}
	return append(out, changed...)
}

// rowSkip are the row fields that are not the paralegal's facts.
var rowSkip = map[string]bool{"Ref": true, "Entered": true, "Kind": true, "InCanada": true, "PlaceDoubt": true}

func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// fieldChanges compares the plain fields of two structs: "End of Acme from
// 2024-01-02 changed from blank to 2026-10-31".
func fieldChanges(of string, old, new reflect.Value, skip map[string]bool) []string {
	var out []string
	t := old.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if skip[f.Name] || !f.IsExported() {
			continue
		}
		a, b := old.Field(i), new.Field(i)
		if reflect.DeepEqual(a.Interface(), b.Interface()) {
			continue
		}
		name := words(f.Name)
		if of != "" {
			name += " of " + of
		}
		if of == "" && identityFields[f.Name] {
			out = append(out, name+" changed")
			continue
		}
		out = append(out, fmt.Sprintf("%s changed from %s to %s", name, shown(a), shown(b)))
	}
	return out
}

// shown prints one field's value as the paralegal typed it.
func shown(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case assess.Date:
		return orBlank(x.String())
	case string:
		return orBlank(x)
	case assess.Status:
		return orBlank(string(x))
	case assess.Authorization:
		return orBlank(string(x))
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case [4]assess.Score:
		parts := make([]string, 4)
		for i, s := range x {
			parts[i] = s.String()
		}
		return strings.Join(parts, "/")
	}
	s := fmt.Sprint(v.Interface())
	if s == "" {
		return "blank"
	}
	return s
}

func orBlank(s string) string {
	if s == "" {
		return "blank"
	}
	return s
}

// words turns a Go field name into words: "HoursPerWeek" → "Hours per week".
func words(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) {
			prev := rune(name[i-1])
			if !unicode.IsUpper(prev) {
				b.WriteByte(' ')
				r = unicode.ToLower(r)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
