package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// eeAssessment is a single client of 29 on 2026-06-01 with a master's
// (ECA), CELPIP 9 in all four, 3 years of Canadian work and 3 abroad:
// A 110 + 135 + 124 + 64 = 433, C 100, total 533 (worked in assess's
// tests). With blank, Date of Birth makes it a range.
func eeAssessment(t testing.TB, dobBlank bool) (*assess.Assessment, *crs.Estimate) {
	t.Helper()
	c := &assess.Client{
		Ref: ref("Clients", 2), SourceFile: "ee.xlsx", ID: "EE-7", FamilyName: "Sharma", GivenNames: "Priya",
		DateOfBirth: assess.MustDate("1996-06-02"), ApplicationDate: assess.MustDate("2026-06-01"),
		Province: "ON", InCanada: assess.Yes, Status: assess.StatusWorker,
		Jobs: []assess.Job{job(2, "Maple Software", "21231", "2023-05-01", "", 40, assess.AuthOpenPermit)},
		Tests: []assess.Test{{Ref: ref("Language", 2), Name: "CELPIP-General", Kind: assess.CELPIPGeneral, Date: assess.MustDate("2025-09-01"),
			Scores: [4]assess.Score{{Value: 9}, {Value: 9}, {Value: 9}, {Value: 9}}}},
		CRS: assess.CRSProfile{Columns: true, Education: assess.EducationMasters, ECA: assess.ECAYes,
			CanadianEducation: assess.EducationNone, ForeignWorkYears: assess.KnownYears(3), Certificate: assess.No,
			Sibling: assess.No, Nomination: assess.No, SpouseAccompanying: assess.No},
	}
	if dobBlank {
		c.DateOfBirth = 0
	}
	rs := assess.Current()
	a := rs.Assess(c, 0)
	return a, crs.Builtin().Assess(rs, c, a.AssessedOn)
}

func TestExpressEntryOpinionSection(t *testing.T) {
	r := newRenderer(t)
	a, x := eeAssessment(t, false)
	trace, _ := traced(t, r, a, x)
	var text strings.Builder
	for _, line := range strings.Split(trace, "\n") {
		if f := strings.Fields(line); len(f) > 4 {
			text.WriteString(strings.Join(f[4:], " ") + " ")
		}
	}
	got := text.String()
	for _, want := range []string{
		"Express Entry readiness (estimate)",
		"Estimated CRS score: 533, on the grid crs-2025-03-25",
		"A. Core / human capital", "433", "Age 110; education 135; first official language 124",
		"C. Skill transferability", "100",
		"English (the higher total)", "4,830.0 h",
		"Healthcare and social services", "Not met",
		"518 in the CEC round of 2026-05-27 — estimate 533, 15 above (cut-offs as of 2026-10-01)",
		"not IRCC's score",
		"A provincial nomination would give 1133",
		"When the score changes by itself", "From 2026-06-02 the client is 30: the estimate becomes 528 (533 now).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the opinion does not say %q", want)
		}
	}
	// The section comes after the CEC findings, before the signature.
	if i, j := strings.Index(got, "Express Entry readiness"), strings.Index(got, "Not decided by the engine"); i < 0 || j < i {
		t.Errorf("section order: readiness at %d, closing at %d", i, j)
	}
}

func TestExpressEntryResultsLine(t *testing.T) {
	var buf bytes.Buffer
	a, x := eeAssessment(t, true)
	if err := NewResults(&buf).WriteClient(a, x, ""); err != nil {
		t.Fatal(err)
	}
	var line struct {
		Verdict string `json:"verdict"`
		CRS     *struct {
			RuleSet        string           `json:"rule_set"`
			CheckedThrough string           `json:"checked_through"`
			Min            int              `json:"min"`
			Max            int              `json:"max"`
			Sections       map[string][]int `json:"sections"`
			Factors        *json.RawMessage `json:"factors"`
			FirstLanguage  *string          `json:"first_language"`
			SpouseScale    *bool            `json:"spouse_scale"`
			Hours          json.Number      `json:"canadian_work_hours"`
			Years          int              `json:"canadian_work_years"`
			Unknowns       []string         `json:"unknowns"`
			NarrowFirst    *string          `json:"narrow_first"`
			Width          int              `json:"narrow_first_width"`
			Assumptions    []string         `json:"assumptions"`
		} `json:"crs"`
		Categories map[string]string `json:"categories"`
		DrawsAsOf  string            `json:"draws_as_of"`
		Cutoffs    []struct {
			Type   string `json:"type"`
			Cutoff int    `json:"cutoff"`
		} `json:"cutoffs"`
		CRSFindings []struct{ Code string } `json:"crs_findings"`
	}
	dec := json.NewDecoder(&buf)
	if err := dec.Decode(&line); err != nil {
		t.Fatal(err)
	}
	c := line.CRS
	if c == nil {
		t.Fatal("crs is null")
	}
	// Date of Birth blank: 323 + (0 … 110) + 100.
	if c.RuleSet != "crs-2025-03-25" || c.CheckedThrough != "2026-10-02" || c.Min != 423 || c.Max != 533 {
		t.Errorf("crs %+v", c)
	}
	if c.Factors != nil || c.FirstLanguage == nil || *c.FirstLanguage != "english" || c.SpouseScale == nil || *c.SpouseScale {
		t.Errorf("factors %v, first language %v, spouse scale %v", c.Factors, c.FirstLanguage, c.SpouseScale)
	}
	if got := c.Sections["A"]; len(got) != 2 || got[0] != 323 || got[1] != 433 {
		t.Errorf("section A %v", got)
	}
	if c.Hours.String() != "4830.0" || c.Years != 3 || len(c.Unknowns) != 1 || c.Unknowns[0] != "Date of Birth" ||
		c.NarrowFirst == nil || *c.NarrowFirst != "Date of Birth" || c.Width != 0 {
		t.Errorf("hours %s, years %d, unknowns %v, narrow %v (%d)", c.Hours, c.Years, c.Unknowns, c.NarrowFirst, c.Width)
	}
	if len(line.Categories) != 10 || line.Categories["french"] != "not_met" || line.Categories["military"] != "not_assessed" {
		t.Errorf("categories %v", line.Categories)
	}
	if line.DrawsAsOf != "2026-10-01" || len(line.Cutoffs) != 1 || line.Cutoffs[0].Cutoff != 518 {
		t.Errorf("draws %s, cut-offs %+v", line.DrawsAsOf, line.Cutoffs)
	}
	if len(line.CRSFindings) != 1 || line.CRSFindings[0].Code != crs.CodeRange {
		t.Errorf("crs_findings %+v", line.CRSFindings)
	}
}

func TestExpressEntrySummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, assess.MustDate("2026-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	a, x := eeAssessment(t, true)
	if err := s.AddClient(a, x, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(summaryRunInfo()); err != nil {
		t.Fatal(err)
	}
	f := openSummary(t, path)
	// cell reads the column header of the client's row: the first row
	// under the header row (which starts with "Client ID").
	cell := func(sheet, header string) string {
		t.Helper()
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r := 0; r+1 < len(rows); r++ {
			if len(rows[r]) == 0 || rows[r][0] != "Client ID" {
				continue
			}
			for i, h := range rows[r] {
				if h == header {
					if i < len(rows[r+1]) {
						return rows[r+1][i]
					}
					return ""
				}
			}
		}
		t.Fatalf("%s has no column %q", sheet, header)
		return ""
	}
	// The estimate is two numeric columns, CRS low and CRS high.
	if lo, hi := cell(SheetSummary, "CRS low"), cell(SheetSummary, "CRS high"); lo != "423" || hi != "533" {
		t.Errorf("Summary CRS low %q high %q, want 423 and 533", lo, hi)
	}
	for header, want := range map[string]string{
		"CRS low": "423", "CRS high": "533", "A": "323–433", "C": "100", "Blank inputs": "Date of Birth", "Ask first": "Date of Birth",
		"Latest CEC cut-off": "518", "CEC round of": "2026-05-27", "Cut-offs as of": "2026-10-01", "Grid": "crs-2025-03-25",
		"Scale": "single", "First official language": "english", "Canadian work years": "3",
	} {
		if got := cell(SheetExpressEntry, header); got != want {
			t.Errorf("Express Entry %s = %q, want %q", header, got, want)
		}
	}
}

// A category not met today but met later if the jobs continue: the flag
// column must not read "Not met from <date>" (as if the flag stopped
// holding that day); it says when the flag starts to hold.
func TestExpressEntryFlagProjectedDate(t *testing.T) {
	x := &crs.Estimate{Flags: []crs.CategoryFlag{
		{ID: "french", Name: assess.Untranslated("French-language proficiency"), Status: crs.FlagNotMet, Basis: assess.Untranslated("No valid test.")},
		{ID: "trades", Name: assess.Untranslated("Trades"), Status: crs.FlagNotMet, From: assess.MustDate("2027-01-04"), NOC: "72310", Hours: 630,
			Basis: assess.Untranslated("NOC 72310: 630.0 h, below the 1,560 needed. Met from 2027-01-04 if the current jobs continue.")},
	}}
	d := &opinionDoc{builder: builder{loc: locales()[English]}}
	rows, _ := d.eeFlagRows(x)
	if len(rows) != 2 {
		t.Fatalf("rows %q", rows)
	}
	flag := strings.ReplaceAll(rows[1][1], "\n", " ")
	if flag != "Not met; met from 2027-01-04" {
		t.Errorf("trades flag column %q, want %q", flag, "Not met; met from 2027-01-04")
	}
}

// The closing "Not decided by the engine" paragraph follows an Express
// Entry section that estimates the CRS and compares it with cut-offs: it
// must not read as if the opinion said nothing about ranking, nor let the
// estimate pass for a decision.
func TestNotDecidedSaysTheCRSIsAnEstimate(t *testing.T) {
	text := assess.Current().NotDecided()
	for _, want := range []string{"ranking", "chances of an invitation", "an estimate from the intake, not IRCC's score"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("Not decided by the engine: %q does not say %q", text, want)
		}
	}
}
