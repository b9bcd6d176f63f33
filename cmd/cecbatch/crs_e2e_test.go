package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The Express Entry estimate end to end: a workbook with the CRS columns
// and a spouse's test, through the real binary, to results.jsonl and
// summary.xlsx; the profiles are those worked by hand in assess's tests.

// writeCRSWorkbook writes three clients assessed on 2026-06-01:
//
//	P-1 single, 29, master's (ECA), CELPIP 9 × 4, 3 years in Canada, 3 abroad:
//	    A 110 + 135 + 124 + 64 = 433, C 100, total 533.
//	P-2 the same with an accompanying spouse (three-year with ECA, CELPIP 7 × 4,
//	    1 year in Canada): A 100 + 126 + 116 + 56 = 398, B 8 + 12 + 5 = 25,
//	    C 100, total 523.
//	P-3 P-1 with Sibling in Canada "maybe": unreadable, so unknown: 533–548.
func writeCRSWorkbook(t *testing.T, path string) {
	t.Helper()
	rows := map[string][][]any{
		"Clients": {{"Client ID", "Family Name", "Given Names", "Date of Birth", "Application Date", "Intended Province",
			"Education Level", "ECA", "Canadian Education", "Foreign Work Years", "Certificate of Qualification", "Sibling in Canada",
			"Provincial Nomination", "Spouse Accompanying", "Spouse Education", "Spouse ECA", "Spouse Canadian Work Years"}},
		"Employment":     {{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week"}},
		"Language Tests": {{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking", "Person"}},
	}
	for _, c := range []struct {
		id, sibling, spouse string
	}{{"P-1", "no", "no"}, {"P-2", "no", "yes"}, {"P-3", "maybe", "no"}} {
		row := []any{c.id, "Sharma", "Priya", "1996-06-02", "2026-06-01", "ON", "master's", "yes", "none", "3", "no", c.sibling, "no", c.spouse}
		if c.spouse == "yes" {
			row = append(row, "three-year", "yes", 1)
			rows["Language Tests"] = append(rows["Language Tests"], []any{c.id, "CELPIP-General", "2025-10-01", 7, 7, 7, 7, "spouse"})
		}
		rows["Clients"] = append(rows["Clients"], row)
		rows["Employment"] = append(rows["Employment"], []any{c.id, "Maple Software Inc.", "21231", "2023-05-01", "", 40})
		rows["Language Tests"] = append(rows["Language Tests"], []any{c.id, "CELPIP-General", "2025-09-01", 9, 9, 9, 9})
	}
	saveIntake(t, path, rows)
}

// saveIntake writes a workbook with the Clients, Employment and Language
// Tests sheets, each row from A1 down.
func saveIntake(t testing.TB, path string, rows map[string][][]any) {
	t.Helper()
	sheets := []namedRows{{"Clients", rows["Clients"]}, {"Employment", rows["Employment"]}, {"Language Tests", rows["Language Tests"]}}
	for name := range rows {
		if !slices.ContainsFunc(sheets, func(s namedRows) bool { return s.name == name }) {
			t.Fatalf("saveIntake writes Clients, Employment and Language Tests, not %q: use saveSheets", name)
		}
	}
	saveSheets(t, path, sheets)
}

type crsResultLine struct {
	ClientID string `json:"client_id"`
	Verdict  string `json:"verdict"`
	Reasons  []struct {
		Code string `json:"code"`
		Cell string `json:"cell"`
	} `json:"reasons"`
	CRS *struct {
		MinV        int              `json:"min"`
		MaxV        int              `json:"max"`
		Sections    map[string][]int `json:"sections"`
		SpouseScale *bool            `json:"spouse_scale"`
		Unknowns    []string         `json:"unknowns"`
	} `json:"crs"`
	Categories  map[string]string `json:"categories"`
	DrawsAsOf   string            `json:"draws_as_of"`
	CRSFindings []struct {
		Code string `json:"code"`
		Cell string `json:"cell"`
	} `json:"crs_findings"`
}

func TestExpressEntryEndToEnd(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	writeCRSWorkbook(t, s.path("inbox", "crs.xlsx"))
	o := s.run(append(runArgs, "--keep-inputs")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	runDir := s.path(o.lastLine())
	checkComplete(t, runDir)

	got := map[string]crsResultLine{}
	for _, l := range resultsOf[crsResultLine](t, runDir) {
		if l.ClientID != "" {
			got[l.ClientID] = l
		}
	}
	want := map[string]struct {
		min, max int
		a, b     int
		spouse   bool
	}{
		"P-1": {533, 533, 433, 0, false},
		"P-2": {523, 523, 398, 25, true},
		"P-3": {533, 548, 433, 0, false},
	}
	for id, w := range want {
		l, ok := got[id]
		if !ok || l.CRS == nil {
			t.Fatalf("%s: no crs in %+v", id, l)
		}
		if l.CRS.MinV != w.min || l.CRS.MaxV != w.max || l.CRS.Sections["A"][0] != w.a || l.CRS.Sections["B"][1] != w.b ||
			l.CRS.SpouseScale == nil || *l.CRS.SpouseScale != w.spouse {
			t.Errorf("%s: crs %d–%d, sections %v, spouse %v; want %d–%d, A %d, B %d", id, l.CRS.MinV, l.CRS.MaxV, l.CRS.Sections, l.CRS.SpouseScale, w.min, w.max, w.a, w.b)
		}
		if len(l.Categories) != 10 || l.DrawsAsOf != "2026-10-01" {
			t.Errorf("%s: categories %v, draws %s", id, l.Categories, l.DrawsAsOf)
		}
	}
	// The bad CRS cell is reported with its cell on the estimate's side and
	// leaves the CEC verdict as the clean twin's.
	p3 := got["P-3"]
	if p3.Verdict != got["P-1"].Verdict {
		t.Errorf("P-3's verdict %s differs from P-1's %s because of a CRS cell", p3.Verdict, got["P-1"].Verdict)
	}
	for _, r := range p3.Reasons {
		if r.Cell == "Clients!L4" {
			t.Errorf("the CRS cell is a CEC reason: %+v", r)
		}
	}
	found := false
	for _, f := range p3.CRSFindings {
		found = found || (f.Code == "DATA" && f.Cell == "Clients!L4")
	}
	if !found || len(p3.CRS.Unknowns) != 1 || p3.CRS.Unknowns[0] != "Sibling in Canada" {
		t.Errorf("P-3: crs_findings %+v, unknowns %v", p3.CRSFindings, p3.CRS.Unknowns)
	}

	x, err := excelize.OpenFile(filepath.Join(runDir, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	summary, _ := x.GetRows("Summary")
	ee, _ := x.GetRows("Express Entry")
	if len(ee) != 4 {
		t.Fatalf("Express Entry sheet: %d rows, want a header and 3 clients", len(ee))
	}
	// The Summary sheet's header row starts with "Client ID" (counts come
	// first) and its rows are sorted for triage: read it by client.
	crs := map[string]string{}
	for r, row := range summary {
		if len(row) == 0 || row[0] != "Client ID" {
			continue
		}
		low, high := slices.Index(row, "CRS low"), slices.Index(row, "CRS high")
		if low < 0 || high < 0 {
			t.Fatalf("Summary has no CRS low and CRS high columns: %v", row)
		}
		for _, client := range summary[r+1:] {
			if len(client) > high {
				crs[client[0]] = client[low] + " " + client[high]
			}
		}
	}
	// Two numeric columns: one score is the same number twice.
	if crs["P-1"] != "533 533" || crs["P-2"] != "523 523" || crs["P-3"] != "533 548" {
		t.Errorf("Summary CRS columns: %v", crs)
	}
}

// A malformed Express Entry rules file stops the run before anything is
// processed, with the key named (exit 2).
func TestExpressEntryRulesFileMalformed(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("week1.xlsx", "A", 1)
	ex, err := os.ReadFile(filepath.Join("..", "..", "crs-grid.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s.file("rules.yaml", strings.Replace(string(ex), "    sibling: 15\n", "    sibling: fifteen\n", 1))
	s.file("cecbatch.yaml", "express_entry:\n  rules_file: rules.yaml\n")
	o := s.run(runArgs...)
	if o.code != 2 || !strings.Contains(o.stderr, "express_entry.rules_file") || !strings.Contains(o.stderr, "grid.additional.sibling") {
		t.Errorf("exit %d, stderr %s", o.code, o.stderr)
	}
	if len(s.ls("inbox")) != 1 {
		t.Errorf("the inbox was processed: %v", s.ls("inbox"))
	}
}
