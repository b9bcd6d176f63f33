package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/report/doc"
)

// maintainedClient works on maintained status: the extension was applied
// for before the work permit expired on 2026-01-31.
func maintainedClient() *assess.Client {
	c := testClients()["eligible"]
	c.ID = "C-005"
	c.Status, c.StatusExpiry = assess.StatusMaintained, assess.MustDate("2026-01-31")
	c.Jobs[0].Authorization = assess.AuthMaintained
	return c
}

// letterClients are the letter's golden cases.
func letterClients() map[string]*assess.Client {
	cs := testClients()
	cs["unreadable-rows"] = unreadableClient()
	cs["maintained"] = maintainedClient()
	return cs
}

func newLetterRenderer(t testing.TB, lang string) *OpinionRenderer {
	t.Helper()
	r, err := NewRenderer(Options{Letterhead: testLetterhead, Paper: Letter, PDF: true, DOCX: true, Letter: true, Language: lang})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// letterText is every text of the letter, one per line.
func letterText(t testing.TB, r *OpinionRenderer, a *assess.Assessment, x *crs.Estimate) (*doc.Document, string) {
	t.Helper()
	d, err := r.letter(a, x, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	d.Texts(func(s string) {
		if s != "" {
			b.WriteString(s + "\n")
		}
	})
	return d, b.String()
}

var ruleID = regexp.MustCompile(`\b[AWLQSE]-[A-Z]{3,}(-[A-Z]+)?\b|\bDATA\b|\bIRPR\b|\bIRPA\b`)

// TestLetterPlainLanguage reads every letter as the client would: the
// conclusion in plain words, no rule id, no internal caveat and no CRS
// arithmetic, signed by the reviewing lawyer, on one or two pages.
func TestLetterPlainLanguage(t *testing.T) {
	r := newLetterRenderer(t, "")
	want := map[string]string{
		"eligible":        "you meet the requirements of the Canadian Experience Class on March 1, 2026. To rely on this, your application for permanent residence must be submitted by June 9, 2027",
		"not-eligible":    "you do not yet meet the requirements of the Canadian Experience Class on March 1, 2026",
		"needs-review":    "We need to check some points in your file before we can tell you",
		"unreadable-rows": "Some of the information in your file is incomplete or unclear",
		"maintained":      "you meet the requirements of the Canadian Experience Class",
	}
	for name, c := range letterClients() {
		t.Run(name, func(t *testing.T) {
			a := assessFor(t, c, r)
			x := crs.Builtin().Assess(a.Rules, c, a.AssessedOn)
			_, text := letterText(t, r, a, x)
			if !strings.Contains(text, want[name]) {
				t.Errorf("the conclusion lacks %q:\n%s", want[name], text)
			}
			if m := ruleID.FindString(text); m != "" {
				t.Errorf("the letter names %q, an internal code:\n%s", m, text)
			}
			for _, internal := range []string{"Core / human capital", "Skill transferability", "Not decided by the engine", "Pending change", "lawyer must", "caveat"} {
				if strings.Contains(text, internal) {
					t.Errorf("the letter carries the memo's %q", internal)
				}
			}
			for _, s := range []string{"Jane Doe", "Bérubé & Ødegård LLP", "Yours truly,", "What to send us next", "Dear "} {
				if !strings.Contains(text, s) {
					t.Errorf("the letter lacks %q", s)
				}
			}
			trace, _ := tracedDoc(t, r, func() (*doc.Document, error) { return r.letter(a, x, asOf) })
			if strings.Contains(trace, "\np3 ") {
				t.Errorf("the letter runs over two pages")
			}
		})
	}
}

// TestLetterMaintainedStatus: a client working on maintained status is
// asked for the proof that the extension was applied for before the old
// status expired, and told what a refusal means.
func TestLetterMaintainedStatus(t *testing.T) {
	r := newLetterRenderer(t, "")
	a := assessFor(t, maintainedClient(), r)
	_, text := letterText(t, r, a, nil)
	for _, s := range []string{
		"Please send us proof that the extension was applied for before January 31, 2026, the day your previous status expired.",
		"If the extension is refused, you must stop working on the day of the refusal",
		"Proof that you applied to extend your status before it expired",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("the letter lacks %q:\n%s", s, text)
		}
	}
	_, other := letterText(t, r, assessFor(t, testClients()["eligible"], r), nil)
	if strings.Contains(other, "maintained status") {
		t.Error("a client on a work permit is told about maintained status")
	}
}

// TestLetterKeyDatesAndEstimate: the dates come soonest first, in words;
// the CRS estimate is a range with its date, without the points behind it.
func TestLetterKeyDatesAndEstimate(t *testing.T) {
	r := newLetterRenderer(t, "")
	a, x := eeAssessment(t, false)
	d, text := letterText(t, r, a, x)
	var table *doc.Table
	for _, b := range d.Blocks {
		if tb, ok := b.(*doc.Table); ok {
			table = tb
		}
	}
	if table == nil || len(table.Rows) == 0 {
		t.Fatalf("no key dates:\n%s", text)
	}
	prev := assess.Date(0)
	for _, row := range table.Rows {
		var on assess.Date
		for _, k := range []assess.Date{a.EligibleUntil, a.EligibleFrom, a.Client.StatusExpiry} {
			if locales()[English].longDate(k) == row[0] {
				on = k
			}
		}
		if on != 0 && on < prev {
			t.Errorf("key dates out of order: %q", table.Rows)
		}
		if on != 0 {
			prev = on
		}
	}
	if x.Estimated {
		score := fmt.Sprintf("about %d", x.Min)
		if x.Min != x.Max {
			score = fmt.Sprintf("between %d and %d", x.Min, x.Max)
		}
		if !strings.Contains(text, "score would be "+score+" (our estimate on "+locales()[English].longDate(x.AssessedOn)) {
			t.Errorf("the estimate is not a range with its date:\n%s", text)
		}
	}
}

// TestLetterFiles: with the letter on, a client gets four files named
// after the opinion's, unique suffix included.
func TestLetterFiles(t *testing.T) {
	r := newLetterRenderer(t, "")
	a := assessFor(t, testClients()["eligible"], r)
	files, err := r.Files("C-001_Nguyễn_Thị-Minh_CEC-opinion-2.pdf", a, nil, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	want := []string{"C-001_Nguyễn_Thị-Minh_CEC-opinion-2.pdf", "C-001_Nguyễn_Thị-Minh_CEC-opinion-2.docx",
		"C-001_Nguyễn_Thị-Minh_CEC-letter-2.pdf", "C-001_Nguyễn_Thị-Minh_CEC-letter-2.docx"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files %q, want %q", names, want)
	}
}

// TestLetterGolden keeps the text of every letter, where it is printed.
func TestLetterGolden(t *testing.T) {
	r := newLetterRenderer(t, "")
	for name, c := range letterClients() {
		t.Run(name, func(t *testing.T) {
			a := assessFor(t, c, r)
			got, _ := tracedDoc(t, r, func() (*doc.Document, error) { return r.letter(a, nil, asOf) })
			checkGolden(t, "letter/"+name+".golden", []byte(got))
		})
	}
}
