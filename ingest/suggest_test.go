package ingest

import (
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"abc", "", 3},
		{"toronto", "toronot", 1},   // a transposition
		{"training", "traning", 1},  // a deletion
		{"quebec", "qeubec", 1},     // a transposition
		{"kitten", "sitting", 3},    // the textbook case
		{"ontario", "ontaria", 1},   // a substitution
		{"montréal", "montreal", 1}, // runes, not bytes
		{"ca", "abc", 3},            // optimal string alignment, not full Damerau
		{strings.Repeat("a", 60), strings.Repeat("a", 59) + "b", 1}, // longer than the stack rows
	}
	for _, tc := range cases {
		if got := editDistance([]rune(tc.a), []rune(tc.b), 100); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance([]rune(tc.b), []rune(tc.a), 100); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
		// A bound at or below the distance is returned as the bound.
		if tc.want > 0 {
			if got := editDistance([]rune(tc.a), []rune(tc.b), tc.want); got != tc.want {
				t.Errorf("editDistance(%q, %q, bound %d) = %d", tc.a, tc.b, tc.want, got)
			}
		}
	}
}

// TestDidYouMean: a near miss gets the nearest accepted word, as written;
// a far miss, a short word, or a miss equally near two different words
// gets nothing.
func TestDidYouMean(t *testing.T) {
	cases := []struct {
		list suggestions
		in   string
		want string
	}{
		{testNames, "IELTS General Traning", "IELTS General Training"},
		{testNames, "ielts generl training", "IELTS General Training"},
		{testNames, "CELPIP Generl", "CELPIP-General"},
		{testNames, "TOFEL", "TOEFL"},
		{testNames, "Berlitz B2", ""},
		{testNames, "French", ""},
		{statuses.choices, "studnet", "student"},
		{statuses.choices, "refugee claimnt", "refugee claimant"},
		{statuses.choices, "tourist", ""},
		{employmentTypes.choices, "self employd", "self-employed"},
		{employmentTypes.choices, "parental leav", "parental leave"},
		{employmentTypes.choices, "intern", ""},
		// As near to "employed" as to "employee": the word the message
		// lists is the one suggested.
		{employmentTypes.choices, "employe", "employee"},
		{statuses.choices, "maintaned", "maintained"},
		{authorizations.choices, "R168(w)", "R186(w)"},
		{authorizations.choices, "open permit", ""}, // 4 letters from "open", 8 from the rest: too far to guess
		{authorizations.choices, "visa", ""},
		{provinces.choices, "Ontaria", "Ontario"},
		{provinces.choices, "Saskatchewen", "Saskatchewan"},
		{provinces.choices, "QB", ""}, // two letters: one edit from too many codes
		{provinces.choices, "Texas", ""},
		{placeChoices, "Toronot", "Toronto"},
		{placeChoices, "Remote", ""},
	}
	for _, tc := range cases {
		if got := tc.list.nearest(tc.in); got != tc.want {
			t.Errorf("nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
		msg := tc.list.didYouMean(tc.in)
		if (tc.want == "") != (msg.String() == "") || !strings.Contains(msg.String(), tc.want) {
			t.Errorf("didYouMean(%q) = %q", tc.in, msg)
		}
	}
	// Two spellings of one value never tie: "Quebec" and "Québec" are one
	// answer.
	if got := provinces.choices.nearest("Quebek"); got == "" {
		t.Errorf("nearest(Quebek) found nothing; the spellings of QC tied with each other")
	}
}

// FuzzSuggest: any text gets a suggestion that is an accepted word within
// the typo budget, or none; never a panic.
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"IELTS General Traning", "Toronot", "", "é", "QB", "\u00a0x\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, list := range []suggestions{testNames, placeChoices, provinces.choices, authorizations.choices} {
			w := list.nearest(s)
			if w == "" {
				continue
			}
			k := []rune(fold(s))
			if d := editDistance(k, []rune(fold(w)), 100); d == 0 || d > maxTypos(len(k)) {
				t.Fatalf("nearest(%q) = %q at distance %d", s, w, d)
			}
		}
	})
}
