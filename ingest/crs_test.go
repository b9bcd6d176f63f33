package ingest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// crsSheets is baseSheets with the CRS columns on Clients (columns L to V,
// some under their other names) and a Person column on Language Tests.
func crsSheets() []sheet {
	s := baseSheets()
	s[0].rows[0] = append(s[0].rows[0], "Highest Education", "ECA", "Canadian Credential", "Foreign Work Years", "COQ",
		"Sibling", "PNP", "Accompanying Spouse", "Spouse Education", "Spouse ECA", "Spouse Canadian Work")
	s[0].rows[1] = append(s[0].rows[1], "Master's", "Yes", "two-year", "3+", "no", "N", nil, "yes", "PhD", "canadian", 2.7)
	s[0].rows[2] = append(s[0].rows[2], "bachelor", "maybe", "two-or-more", "-2", "oui", "perhaps", "non", nil, "secondary", nil, nil)
	s[2].rows[0] = append(s[2].rows[0], "Test Taker")
	s[2].rows[1] = append(s[2].rows[1], "client")
	s[2].rows[2] = append(s[2].rows[2], nil)
	s[2].rows = append(s[2].rows,
		[]any{"C-001", "IELTS General Training", "2025-03-01", 7, 6.5, 6, 6.5, "Spouse"},
		[]any{"C-001", "CELPIP-G", "2025-03-01", 7, 7, 13, 7, "spouse"},
		[]any{"C-002", "CELPIP-G", "2025-03-01", 7, 7, 7, 7, "cousin"},
	)
	return s
}

func TestCRSColumns(t *testing.T) {
	wb := mustRead(t, writeBook(t, t.TempDir(), "crs.xlsx", crsSheets()), Options{})
	c1, c2 := wb.Clients[0], wb.Clients[1]
	want1 := assess.CRSProfile{Columns: true, Education: assess.EducationMasters, ECA: assess.ECAYes,
		CanadianEducation: assess.EducationTwoYear, ForeignWorkYears: assess.KnownYears(3), Certificate: assess.No,
		Sibling: assess.No, Nomination: assess.Unknown, SpouseAccompanying: assess.Yes,
		SpouseEducation: assess.EducationDoctoral, SpouseECA: assess.ECACanadian, SpouseCanadianWorkYears: assess.KnownYears(2)}
	got1 := c1.CRS
	got1.SpouseTests, got1.Problems = nil, nil
	if !reflect.DeepEqual(got1, profileNoSlices(want1)) {
		t.Errorf("C-001 profile:\n got %+v\nwant %+v", got1, want1)
	}
	// Both spouse's rows are the spouse's (the CELPIP's 13, off its scale,
	// is the estimate's to report), none is the CEC's.
	if len(c1.Tests) != 1 || len(c1.CRS.SpouseTests) != 2 || c1.CRS.SpouseTests[0].Kind != assess.IELTSGeneral {
		t.Fatalf("C-001 tests %d, spouse tests %+v", len(c1.Tests), c1.CRS.SpouseTests)
	}
	if len(c1.Problems) != 0 {
		t.Errorf("C-001 has CEC problems from the spouse's rows: %+v", c1.Problems)
	}
	// Bad CRS cells: each a CRS problem with its cell, the value unknown;
	// the CEC problems are untouched.
	want2 := map[string]string{
		"Clients!M3":        `"maybe" is not yes, no or canadian`,
		"Clients!N3":        `"two-or-more" is not a level of education`,
		"Clients!O3":        `"-2" is not a number of years`,
		"Clients!Q3":        `"perhaps" is not yes or no`,
		"Language Tests!H6": `"cousin" is not client or spouse`,
	}
	got2 := map[string]string{}
	for _, p := range c2.CRS.Problems {
		got2[p.Cell] = p.Message.String()
	}
	for cell, msg := range want2 {
		if !strings.Contains(got2[cell], msg) {
			t.Errorf("C-002 %s: %q, want it to say %q", cell, got2[cell], msg)
		}
	}
	if len(c2.CRS.Problems) != len(want2) {
		t.Errorf("C-002 CRS problems: %+v", c2.CRS.Problems)
	}
	for _, p := range c2.Problems {
		if _, crs := want2[p.Cell]; crs {
			t.Errorf("a CRS cell became a CEC problem: %+v", p)
		}
	}
	if c2.CRS.ECA != assess.ECAUnknown || c2.CRS.Certificate != assess.Yes || c2.CRS.Sibling != assess.Unknown ||
		c2.CRS.ForeignWorkYears.Known || c2.CRS.Nomination != assess.No || c2.CRS.Education != assess.EducationThreeYear {
		t.Errorf("C-002 profile %+v", c2.CRS)
	}
	if len(c2.Tests) != 1 {
		t.Errorf("C-002 tests: %d, want the TEF only (the cousin's CELPIP is not used)", len(c2.Tests))
	}
	// An unreadable date on a spouse's row is a CRS problem.
	s := crsSheets()
	s[2].rows[3][2] = "31/02/2025"
	c1 = mustRead(t, writeBook(t, t.TempDir(), "crs2.xlsx", s), Options{}).Clients[0]
	if len(c1.Problems) != 0 || len(c1.CRS.Problems) != 1 || c1.CRS.Problems[0].Cell != "Language Tests!C4" ||
		!strings.HasPrefix(c1.CRS.Problems[0].Message.String(), "Spouse's test: ") {
		t.Errorf("spouse's row with a bad date: CEC problems %+v, CRS problems %+v", c1.Problems, c1.CRS.Problems)
	}

	// Without any CRS column, nothing is estimated.
	plain := mustRead(t, writeBook(t, t.TempDir(), "plain.xlsx", baseSheets()), Options{})
	if plain.Clients[0].CRS.Columns {
		t.Error("a workbook without CRS columns is marked as having them")
	}
}

func profileNoSlices(p assess.CRSProfile) assess.CRSProfile {
	p.SpouseTests, p.Problems = nil, nil
	return p
}

// check lists a bad CRS cell as a warning: it does not count as an error.
func TestCRSProblemsAreWarnings(t *testing.T) {
	s := baseSheets()
	s[0].rows[0] = append(s[0].rows[0], "Sibling in Canada")
	s[0].rows[1] = append(s[0].rows[1], "maybe")
	wb := mustRead(t, writeBook(t, t.TempDir(), "w.xlsx", s), Options{})
	errorsBefore := mustRead(t, writeBook(t, t.TempDir(), "b.xlsx", baseSheets()), Options{}).Errors()
	if wb.Errors() != errorsBefore {
		t.Errorf("a bad CRS cell counts as an error: %d, want %d", wb.Errors(), errorsBefore)
	}
	found := false
	for _, p := range wb.AllProblems() {
		if p.Cell == "Clients!L2" {
			found = p.Warning && strings.Contains(p.Message, "Express Entry estimate only")
		}
	}
	if !found {
		t.Errorf("the bad CRS cell is not listed as a warning:\n%s", problemsText(wb))
	}
}

// crsChoiceLists are the Express Entry columns' drop-downs, which
// TestCRSChoicesAreRead reads back.
var crsChoiceLists = [][]string{educationChoices, canadianEducationChoices, ecaChoices, foreignWorkChoices, spouseWorkChoices, personChoices}

// Every choice of the Express Entry drop-downs reads without a problem.
func TestCRSChoicesAreRead(t *testing.T) {
	s := baseSheets()
	s[0].rows = s[0].rows[:1]
	s[0].rows[0] = append(s[0].rows[0], "Education Level", "ECA", "Canadian Education", "Foreign Work Years", "Spouse Education", "Spouse ECA", "Spouse Canadian Work Years")
	s[2].rows = s[2].rows[:1]
	s[2].rows[0] = append(s[2].rows[0], "Person")
	s[1].rows, s[3].rows = s[1].rows[:1], s[3].rows[:1]
	for i := range 8 {
		pick := func(l []string) string { return l[i%len(l)] }
		id := fmt.Sprintf("C-%d", i)
		s[0].rows = append(s[0].rows, []any{id, "Test", "Client", nil, "2026-06-01", "ON", nil, nil, nil, nil, nil,
			pick(educationChoices), pick(ecaChoices), pick(canadianEducationChoices), pick(foreignWorkChoices),
			pick(educationChoices), pick(ecaChoices), pick(spouseWorkChoices)})
		s[2].rows = append(s[2].rows, []any{id, "CELPIP-General", "2025-01-20", 9, 9, 9, 9, pick(personChoices)})
	}
	wb := mustRead(t, writeBook(t, t.TempDir(), "choices.xlsx", s), Options{})
	for _, c := range wb.Clients {
		if len(c.CRS.Problems) > 0 || !c.CRS.Columns || c.CRS.Education == assess.EducationUnknown || !c.CRS.SpouseCanadianWorkYears.Known {
			t.Errorf("%s: %+v", c.ID, c.CRS)
		}
	}
}

// FuzzCRSValues: whatever a CRS cell holds, its reader returns a value in
// the column's domain or reports it, never a panic.
func FuzzCRSValues(f *testing.F) {
	for _, s := range []string{"", "3+", "2.7", "-2", "1e9", "NaN", "master's", "PhD", "Two-Year", "canadian", "oui", "maybe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if y, ok := parseYears(s, 3); ok && y.Known && (y.N < 0 || y.N > 3) {
			t.Fatalf("parseYears(%q) = %+v", s, y)
		}
		if l, ok := assess.ParseEducationLevel(s); ok && (l < assess.EducationNone || l > assess.EducationDoctoral) {
			t.Fatalf("ParseEducationLevel(%q) = %v", s, l)
		} else if !ok && l != assess.EducationUnknown {
			t.Fatalf("ParseEducationLevel(%q) = %v, not ok", s, l)
		}
		if e, ok := assess.ParseECA(s); ok == (e == assess.ECAUnknown) {
			t.Fatalf("ParseECA(%q) = %v, %v", s, e, ok)
		}
	})
}
