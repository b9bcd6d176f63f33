package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Five more profiles worked by hand from the README's CRS grid, through
// the real binary. Hours: 40 h/week is capped at 30 h/week (30/7 h a
// day); a CRS year is 1,560 h; a category needs 1,560 h in one listed
// NOC 2021 code within the 3 years before the application date A.
//
//	H-1 French first, single, A 2026-06-01. Born 1990-03-15: 36 → 72.
//	    Three-year with ECA → 120. TCF Canada 523/524/14/14 (the lowest scores
//	    of NCLC 9) first → 4 × 31 = 124;
//	    CELPIP 6 × 4 second → 4 × 1 = 4 (English first would give
//	    4 × 9 + 4 × 6 = 60, less). Nurse 31301 in Canada from 2024-05-01,
//	    761 days × 30/7 = 3,261 h → 2 years → 53. A = 72+120+124+4+53 = 373.
//	    C: three-year + tier 9 = 25, + 2 years Canadian = 25 → 50.
//	    D: NCLC 7+ × 4 and CLB 5+ × 4 → 50. Total 373 + 50 + 50 = 473.
//	    Flags: french met, healthcare met (NOC 31301, 3,261 h ≥ 1,560).
//	H-2 blanks, single, A 2026-06-01. Born 1994-01-10: 32 → 94. CELPIP
//	    8 × 4 → 92. 21231 from 2024-03-01, 822 days → 3,522.9 h → 2 years → 53.
//	    Education Level, ECA and Foreign Work Years blank are unknowns;
//	    Canadian Education, COQ and Sibling blank read as none and no.
//	    Min (none counted, nothing else): 94+0+92+53 = 239. Max: doctoral
//	    150 → A 389; C: edu 25+50 → 50, foreign 25+50 → 50 → 100; D 0.
//	    Max 389 + 100 = 489. Ask first: Foreign Work Years: fixed at 0,
//	    239 … 439; at 3, 289 … 489: 200 wide either way; Education Level or
//	    ECA fixed leaves 250.
//	H-3 with spouse, A 2026-06-01. Born 1985-07-20: 40 → 45. Two-or-more
//	    with ECA → 119. CELPIP 10,10,10,9 → 32+32+32+29 = 125. STEM 21220
//	    from 2021-01-04: 5+ years → 70. A = 45+119+125+70 = 359.
//	    B: spouse master's without ECA → 0; spouse CELPIP 9,9,9,8 → 5+5+5+3
//	    = 18; 2 years → 7. B = 25. C: large + tier 9 = 50 (+ Canadian 50,
//	    cap 50); foreign 1 year: 25 + 25 = 50 → C 100. D: sibling 15 +
//	    Canadian one-year 15 = 30. Total 359 + 25 + 100 + 30 = 514.
//	H-4 nomination, trades in the future, A 2026-06-01. Born 1998-02-01:
//	    28 → 110. Secondary (canadian) → 30. CELPIP 7 × 4 → 68. Carpenter
//	    72310 in Canada from 2026-01-05: 147 days → 630 h → 0 years → 0.
//	    A = 208. C: secondary → 0; foreign 2 years + tier 7 = 13; COQ at
//	    CLB 7 = 50 → 63. D: nomination 600. Total 208 + 63 + 600 = 871.
//	    Trades not met: 630 h; 1,560 h = 364 days from 2026-01-05, so met
//	    from 2027-01-04. Researchers (41200, work in India only): not met,
//	    the category counts work in Canada only.
//	H-5 H-1 on A 2026-11-10, after the grid's checked_through (2026-10-02):
//	    still 36, still 2 years (923 days → 3,955 h): 473, with E-GRID.
func TestExpressEntryHandWorked(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	clients := [][]any{{"Client ID", "Family Name", "Given Names", "Date of Birth", "Application Date", "Intended Province",
		"Education Level", "ECA", "Canadian Education", "Foreign Work Years", "Certificate of Qualification", "Sibling in Canada",
		"Provincial Nomination", "Spouse Accompanying", "Spouse Education", "Spouse ECA", "Spouse Canadian Work Years"},
		{"H-1", "Roy", "Anne", "1990-03-15", "2026-06-01", "QC", "three-year", "yes", "none", "0", "no", "no", "no", "no"},
		{"H-2", "Lee", "Min", "1994-01-10", "2026-06-01", "ON", "", "", "", "", "", "", "", "no"},
		{"H-3", "Khan", "Sara", "1985-07-20", "2026-06-01", "ON", "two-or-more", "yes", "one-year", "1", "no", "yes", "no", "yes", "master's", "no", 2},
		{"H-4", "Diaz", "Luis", "1998-02-01", "2026-06-01", "AB", "secondary", "canadian", "secondary", "2", "yes", "no", "yes", "no"},
		{"H-5", "Roy", "Anne", "1990-03-15", "2026-11-10", "QC", "three-year", "yes", "none", "0", "no", "no", "no", "no"},
	}
	jobs := [][]any{{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Location"},
		{"H-1", "CHUM", "31301", "2024-05-01", "", 37.5, "QC"},
		{"H-2", "Shopify", "21231", "2024-03-01", "", 40, "ON"},
		{"H-3", "Maple Security", "21220", "2021-01-04", "", 40, "ON"},
		{"H-4", "Build Co", "72310", "2026-01-05", "", 40, "AB"},
		{"H-4", "IIT Delhi", "41200", "2023-07-01", "2025-12-31", 40, "India"},
		{"H-5", "CHUM", "31301", "2024-05-01", "", 37.5, "QC"},
	}
	tests := [][]any{{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking", "Person"},
		{"H-1", "TCF Canada", "2025-09-01", 523, 524, 14, 14},
		{"H-1", "CELPIP-General", "2025-09-02", 6, 6, 6, 6},
		{"H-2", "CELPIP-General", "2025-09-01", 8, 8, 8, 8},
		{"H-3", "CELPIP-General", "2025-09-01", 10, 10, 10, 9},
		{"H-3", "CELPIP-General", "2025-10-01", 9, 9, 9, 8, "spouse"},
		{"H-4", "CELPIP-General", "2025-09-01", 7, 7, 7, 7},
		{"H-5", "TCF Canada", "2025-09-01", 523, 524, 14, 14},
		{"H-5", "CELPIP-General", "2025-09-02", 6, 6, 6, 6},
	}
	saveIntake(t, s.path("inbox", "handworked.xlsx"), map[string][][]any{"Clients": clients, "Employment": jobs, "Language Tests": tests})
	o := s.run(append(runArgs, "--keep-inputs")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	lines := readResultLines(t, s.path(o.lastLine()))

	type crs struct {
		Min, Max         int
		Sections         map[string][2]int
		Factors          map[string]int
		FirstLanguage    *string `json:"first_language"`
		SpouseScale      *bool   `json:"spouse_scale"`
		CanadianYears    int     `json:"canadian_work_years"`
		Unknowns         []string
		NarrowFirst      *string `json:"narrow_first"`
		NarrowFirstWidth int     `json:"narrow_first_width"`
	}
	type flag struct {
		ID    string
		From  *string
		NOC   *string
		Hours json.Number
	}
	type line struct {
		CRS           *crs
		Categories    map[string]string
		CategoryFlags []flag                        `json:"category_flags"`
		CRSFindings   []struct{ Code, Text string } `json:"crs_findings"`
	}
	get := func(id string) line {
		t.Helper()
		raw, ok := lines[id]
		if !ok {
			t.Fatalf("%s: no line in results.jsonl", id)
		}
		var l line
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatal(err)
		}
		if l.CRS == nil {
			t.Fatalf("%s: crs is null", id)
		}
		return l
	}
	flagOf := func(l line, id string) flag {
		for _, f := range l.CategoryFlags {
			if f.ID == id {
				return f
			}
		}
		t.Fatalf("no flag %s in %+v", id, l.CategoryFlags)
		return flag{}
	}
	str := func(p *string) string {
		if p == nil {
			return "<null>"
		}
		return *p
	}

	for _, c := range []struct {
		id            string
		total         int
		a, b, cc, d   int
		first         string
		spouse        bool
		factors       map[string]int
		canadianYears int
	}{
		{"H-1", 473, 373, 0, 50, 50, "french", false,
			map[string]int{"age": 72, "education": 120, "first_language": 124, "second_language": 4, "canadian_work": 53,
				"education_language": 25, "education_canadian_work": 25, "french": 50}, 2},
		{"H-3", 514, 359, 25, 100, 30, "english", true,
			map[string]int{"age": 45, "education": 119, "first_language": 125, "second_language": 0, "canadian_work": 70,
				"spouse_education": 0, "spouse_language": 18, "spouse_canadian_work": 7,
				"education_language": 50, "education_canadian_work": 50, "foreign_language": 25, "foreign_canadian_work": 25,
				"sibling": 15, "canadian_education": 15}, 5},
		{"H-4", 871, 208, 0, 63, 600, "english", false,
			map[string]int{"age": 110, "education": 30, "first_language": 68, "canadian_work": 0,
				"foreign_language": 13, "certificate": 50, "provincial_nomination": 600}, 0},
		{"H-5", 473, 373, 0, 50, 50, "french", false,
			map[string]int{"age": 72, "education": 120, "first_language": 124, "second_language": 4, "canadian_work": 53, "french": 50}, 2},
	} {
		l := get(c.id)
		x := l.CRS
		sec := [4]int{x.Sections["A"][0], x.Sections["B"][0], x.Sections["C"][0], x.Sections["D"][0]}
		if x.Min != c.total || x.Max != c.total || sec != [4]int{c.a, c.b, c.cc, c.d} {
			t.Errorf("%s: CRS %d–%d, sections %v; want %d, A %d B %d C %d D %d", c.id, x.Min, x.Max, x.Sections, c.total, c.a, c.b, c.cc, c.d)
		}
		if str(x.FirstLanguage) != c.first || x.SpouseScale == nil || *x.SpouseScale != c.spouse || x.CanadianYears != c.canadianYears {
			t.Errorf("%s: first language %s, spouse scale %v, Canadian years %d; want %s, %v, %d", c.id, str(x.FirstLanguage), x.SpouseScale, x.CanadianYears, c.first, c.spouse, c.canadianYears)
		}
		for k, v := range c.factors {
			if x.Factors[k] != v {
				t.Errorf("%s: factor %s = %d, want %d (factors %v)", c.id, k, x.Factors[k], v, x.Factors)
			}
		}
	}

	h2 := get("H-2").CRS
	wantUnknowns := []string{"Education Level", "ECA", "Foreign Work Years"}
	if h2.Min != 239 || h2.Max != 489 || h2.Factors != nil || !slices.Equal(h2.Unknowns, wantUnknowns) {
		t.Errorf("H-2: %d–%d, factors %v, unknowns %q; want 239–489, null factors, %q", h2.Min, h2.Max, h2.Factors, h2.Unknowns, wantUnknowns)
	}
	if h2.Sections["A"] != [2]int{239, 389} || h2.Sections["C"] != [2]int{0, 100} || h2.Sections["D"] != [2]int{0, 0} {
		t.Errorf("H-2: sections %v; want A 239–389, C 0–100, D 0", h2.Sections)
	}
	if str(h2.NarrowFirst) != "Foreign Work Years" || h2.NarrowFirstWidth != 200 {
		t.Errorf("H-2: ask first %s (%d); want Foreign Work Years (200)", str(h2.NarrowFirst), h2.NarrowFirstWidth)
	}

	// Categories and their start dates.
	h1 := get("H-1")
	if h1.Categories["french"] != "met" || h1.Categories["healthcare"] != "met" || str(flagOf(h1, "healthcare").NOC) != "31301" ||
		str(flagOf(h1, "healthcare").From) != "2026-06-01" {
		t.Errorf("H-1: categories %v, healthcare %+v", h1.Categories, flagOf(h1, "healthcare"))
	}
	if h3 := get("H-3"); h3.Categories["stem"] != "met" || h3.Categories["french"] != "not_met" {
		t.Errorf("H-3: categories %v", h3.Categories)
	}
	h4 := get("H-4")
	trades := flagOf(h4, "trades")
	if h4.Categories["trades"] != "not_met" || str(trades.From) != "2027-01-04" || str(trades.NOC) != "72310" || trades.Hours.String() != "630.0" {
		t.Errorf("H-4: trades %s, %+v (from %s); want not_met, 630 h, from 2027-01-04", h4.Categories["trades"], trades, str(trades.From))
	}
	if h4.Categories["researchers"] != "not_met" || flagOf(h4, "researchers").From != nil {
		t.Errorf("H-4: researchers %s %+v; want not_met without a date (work abroad only)", h4.Categories["researchers"], flagOf(h4, "researchers"))
	}
	if h4.Categories["military"] != "not_assessed" {
		t.Errorf("H-4: military %s", h4.Categories["military"])
	}

	// E-GRID only after checked_through, naming the reported change.
	hasGrid := func(l line) (bool, string) {
		for _, f := range l.CRSFindings {
			if f.Code == "E-GRID" {
				return true, f.Text
			}
		}
		return false, ""
	}
	if ok, _ := hasGrid(h1); ok {
		t.Errorf("H-1 (A 2026-06-01) carries E-GRID")
	}
	if ok, text := hasGrid(get("H-5")); !ok || !strings.Contains(text, "2026-11-03") || !strings.Contains(text, "2026-10-02") {
		t.Errorf("H-5 (A 2026-11-10): E-GRID %v %q; want it, naming 2026-10-02 and the reported 2026-11-03 change", ok, text)
	}
}

// readResultLines reads runDir's results.jsonl into raw lines by client ID.
func readResultLines(t *testing.T, runDir string) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for _, raw := range resultsOf[json.RawMessage](t, runDir) {
		var id struct {
			ClientID string `json:"client_id"`
		}
		if err := json.Unmarshal(raw, &id); err != nil {
			t.Fatal(err)
		}
		if id.ClientID != "" {
			out[id.ClientID] = raw
		}
	}
	return out
}

// A firm's rules file with a newer grid (in force from 2026-05-01, sibling
// 20 instead of 15) changes the estimate of a client assessed after that
// day, and its rule set is named in results.jsonl. H-3 of
// TestExpressEntryHandWorked scores 514 on the built-in grid, D = 15 + 15;
// with the file, D = 20 + 15 and the total 519.
func TestExpressEntryRulesFileChangesEstimate(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ex, err := os.ReadFile(filepath.Join("..", "..", "crs-grid.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	newer := strings.NewReplacer(
		"  id: crs-2025-03-25", "  id: crs-2026-05-01-firm",
		"  effective_from: 2025-03-25", "  effective_from: 2026-05-01",
		"  checked_through: 2026-10-02", "  checked_through: 2026-12-31",
		"    sibling: 15\n", "    sibling: 20\n",
	).Replace(string(ex))
	if newer == string(ex) || !strings.Contains(newer, "sibling: 20") {
		t.Fatal("the example rules file no longer has the lines this test edits")
	}
	s.file("rules.yaml", newer)
	s.file("cecbatch.yaml", "express_entry:\n  rules_file: rules.yaml\n")
	saveIntake(t, s.path("inbox", "firm.xlsx"), map[string][][]any{
		"Clients": {{"Client ID", "Family Name", "Given Names", "Date of Birth", "Application Date", "Intended Province",
			"Education Level", "ECA", "Canadian Education", "Foreign Work Years", "Certificate of Qualification", "Sibling in Canada",
			"Provincial Nomination", "Spouse Accompanying", "Spouse Education", "Spouse ECA", "Spouse Canadian Work Years"},
			{"H-3", "Khan", "Sara", "1985-07-20", "2026-06-01", "ON", "two-or-more", "yes", "one-year", "1", "no", "yes", "no", "yes", "master's", "no", 2}},
		"Employment": {{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Location"},
			{"H-3", "Maple Security", "21220", "2021-01-04", "", 40, "ON"}},
		"Language Tests": {{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking", "Person"},
			{"H-3", "CELPIP-General", "2025-09-01", 10, 10, 10, 9},
			{"H-3", "CELPIP-General", "2025-10-01", 9, 9, 9, 8, "spouse"}},
	})
	o := s.run(append(runArgs, "--keep-inputs")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	var l struct {
		CRS struct {
			RuleSet  string `json:"rule_set"`
			Min, Max int
			Factors  map[string]int
		}
	}
	if err := json.Unmarshal(readResultLines(t, s.path(o.lastLine()))["H-3"], &l); err != nil {
		t.Fatal(err)
	}
	if l.CRS.RuleSet != "crs-2026-05-01-firm" || l.CRS.Min != 519 || l.CRS.Max != 519 || l.CRS.Factors["sibling"] != 20 {
		t.Errorf("with the firm's grid: %+v; want crs-2026-05-01-firm, 519, sibling 20", l.CRS)
	}
}

// `cecbatch check` reports an unreadable CRS cell with its cell, as the
// run does (P-3 of writeCRSWorkbook has Sibling in Canada "maybe").
func TestExpressEntryCheckNamesBadCRSCell(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	writeCRSWorkbook(t, s.path("crs.xlsx"))
	o := s.run("check", "crs.xlsx")
	if !strings.Contains(o.stdout+o.stderr, "Clients!L4") || !strings.Contains(o.stdout+o.stderr, "maybe") {
		t.Errorf("check (exit %d) does not name Clients!L4 and its value:\n%s\n%s", o.code, o.stdout, o.stderr)
	}
}
