package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestIntakeTrapsEndToEnd runs a workbook with each intake trap a busy
// paralegal sets (a year for a date, a number typed as text, the
// template's example left behind, the new Clients columns, the permits by
// their everyday names, a retaken IELTS skill, a blank Full-Time, "N/A" as
// an admissibility concern, a bare Halifax) through check and run: each
// problem is reported on its cell with what to do, its client needs
// review, the clients without one are untouched, and the opinion never
// prints a date the paralegal did not type.
func TestIntakeTrapsEndToEnd(t *testing.T) {
	s := newSite(t)
	const asOf = "2026-06-01"
	clients := [][]any{{"Client ID", "Family Name", "Given Names", "Date of Birth", "Application Date", "Intended Province",
		"Status Expiry", "Admissibility Concern", "EE Profile Date", "ITA Date", "Language", "File Status", "Notes"}}
	jobs := [][]any{{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Location", "Work Authorization"}}
	tests := [][]any{{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}}
	study := [][]any{{"Client ID", "Institution", "Start Date", "End Date", "Full-Time"}}
	// Each client is eligible but for its trap: a job at 40 h a week since
	// 2022 (1,560 hours are in the window), CELPIP 9 taken in 2025.
	client := func(id string, cells map[int]any) {
		row := []any{id, "Probe", id, "1990-04-02", nil, "ON", nil, nil, nil, nil, nil, nil, nil}
		for i, v := range cells {
			row[i] = v
		}
		clients = append(clients, row)
	}
	job := func(id string, start any, location, auth string) {
		jobs = append(jobs, []any{id, "Lakeshore Logistics Inc.", "21231", start, nil, 40, location, auth})
	}
	celpip := func(id string) {
		tests = append(tests, []any{id, "CELPIP-General", "2025-09-01", 9, 9, 9, 9})
	}
	plain := func(id string, cells map[int]any, location, auth string) {
		client(id, cells)
		job(id, "2022-01-03", location, auth)
		celpip(id)
	}
	const exampleNote = "Worked example: cecbatch skips this client. Replace it with your own clients, or delete the example rows."

	client("T-YEAR", nil) // Clients!A2
	job("T-YEAR", 2022, "ON", "PGWP")
	celpip("T-YEAR")
	client("T-TEXT", nil) // A3
	job("T-TEXT", "45000", "ON", "PGWP")
	celpip("T-TEXT")
	client("T-OLD", nil) // A4
	job("T-OLD", 20000, "ON", "PGWP")
	celpip("T-OLD")
	plain("T-EXAMPLE", map[int]any{4: excelDate(t, "2026-03-02"), 6: excelDate(t, "2027-08-31"), 12: exampleNote}, "ON", "PGWP") // A5
	plain("T-FILE", map[int]any{8: excelDate(t, "2026-01-15"), 9: "2026-04-01", 10: "français", 11: "closed: applied"}, "ON", "PGWP")
	plain("T-LANG", map[int]any{8: "2025", 10: "Deutsch", 11: "pending"}, "ON", "PGWP") // A7
	client("T-AUTH", nil)                                                               // A8
	jobs = append(jobs,
		[]any{"T-AUTH", "Lakeshore Logistics Inc.", "21231", "2022-01-03", "2023-06-30", 40, "ON", "SOWP"},
		[]any{"T-AUTH", "Lakeshore Logistics Inc.", "21231", "2023-07-01", "2024-06-30", 40, "Toronto, ON", "IEC working holiday"},
		[]any{"T-AUTH", "Lakeshore Logistics Inc.", "21231", "2024-07-01", nil, 40, "ON", "bridging open work permit"})
	celpip("T-AUTH")
	plain("T-IEC", nil, "ON", "IEC") // A9
	plain("T-OSR", nil, "ON", "PGWP")
	tests = append(tests, []any{"T-OSR", "IELTS General Training One Skill Retake", "2025-10-01", 8, 8, 7, 8}) // A10
	plain("T-FT", nil, "ON", "PGWP")                                                                           // A11
	study = append(study, []any{"T-FT", "Seneca Polytechnic", "2024-09-03", "2025-04-25", nil})
	plain("T-NA", map[int]any{7: "N/A"}, "ON", "PGWP")                // A12
	plain("T-NONE-KNOWN", map[int]any{7: "none known"}, "ON", "PGWP") // A13
	plain("T-HALIFAX", nil, "Halifax", "PGWP")                        // A14
	plain("T-DOB", map[int]any{3: 1988}, "ON", "PGWP")                // A15
	saveSheets(t, s.path("inbox", "traps.xlsx"), []namedRows{{"Clients", clients}, {"Employment", jobs}, {"Language Tests", tests}, {"Study", study}})

	// The job rows, in order: T-YEAR 2, T-TEXT 3, T-OLD 4, T-EXAMPLE 5,
	// T-FILE 6, T-LANG 7, T-AUTH 8-10, T-IEC 11, T-OSR 12, T-FT 13, T-NA
	// 14, T-NONE-KNOWN 15, T-HALIFAX 16, T-DOB 17; the test rows one per
	// client but T-OSR's two (10, 11).
	type trap struct {
		client, cell string
		words        []string
	}
	traps := []trap{
		{"T-YEAR", "Employment!D2", []string{`"Start Date" "2022" is only a year, not a date`, "type the full date, for example 2022-03-01 or 1 Mar 2022"}},
		{"T-TEXT", "Employment!D3", []string{`"Start Date" "45000" is a number typed as text, not a date`, "15 March 2023", "2023-03-15 or 15 Mar 2023"}},
		{"T-OLD", "Employment!D4", []string{`"Start Date" "20000" is the Excel date number of 3 October 1954, before 1990`}},
		{"T-EXAMPLE", "Clients!E5", []string{`"Application Date" "2026-03-02" is the value of the template's worked example`, "Status Expiry", "Notes"}},
		{"T-EXAMPLE", "Clients!G5", []string{`"Status Expiry" "2027-08-31" is the value of the template's worked example`}},
		{"T-EXAMPLE", "Clients!M5", []string{`"Notes"`, "looks like the example typed over"}},
		{"T-LANG", "Clients!I7", []string{`"EE Profile Date" "2025" is only a year`}},
		{"T-LANG", "Clients!K7", []string{`"Language" "Deutsch" is not a language of opinion`, "fr or French"}},
		{"T-LANG", "Clients!L7", []string{`"File Status" "pending" is not a file status`, "closed: applied"}},
		{"T-IEC", "Employment!H11", []string{`"Work Authorization" "IEC" does not say which International Experience Canada category`, "IEC working holiday (an open work permit)"}},
		{"T-FT", "Study!E2", []string{`"Full-Time" is blank`}},
		{"T-DOB", "Clients!D15", []string{`"Date of Birth" "1988" is only a year`, "1988-03-01 or 1 Mar 1988"}},
	}

	o := s.run("check", "--as-of", asOf, s.path("inbox", "traps.xlsx"))
	if o.code != 1 {
		t.Errorf("check: exit %d, want 1\n%s%s", o.code, o.stdout, o.stderr)
	}
	for _, tr := range traps {
		line := lineWith(o.stdout, "traps.xlsx › "+tr.cell+": ")
		if line == "" {
			t.Errorf("check does not report %s (%s):\n%s", tr.cell, tr.client, o.stdout)
			continue
		}
		for _, w := range tr.words {
			if !strings.Contains(line, w) {
				t.Errorf("check's line for %s lacks %q:\n%s", tr.cell, w, line)
			}
		}
	}
	if want := "traps.xlsx: processed: 9 of 14 clients need review; 12 errors, 0 warnings"; !strings.Contains(o.stdout, want) {
		t.Errorf("check's file line: want %q in\n%s", want, o.stdout)
	}
	// The accepted values are no problem: T-FILE's new columns, T-AUTH's
	// permits, the retake, the two ways of saying no concern, Halifax.
	for _, cell := range []string{"Clients!I6", "Clients!J6", "Clients!K6", "Clients!L6", "Employment!H8", "Employment!H9", "Employment!H10",
		"Language Tests!B11", "Clients!H12", "Clients!H13", "Employment!G16"} {
		if l := lineWith(o.stdout, "traps.xlsx › "+cell+": "); l != "" {
			t.Errorf("check reports an accepted value: %s", l)
		}
	}
	if strings.Contains(o.stdout, "1905") {
		t.Errorf("check reads a year as a date of 1905:\n%s", o.stdout)
	}

	o = s.run("run", "--as-of", asOf, "--min-age", "0s")
	if o.code != 0 && o.code != 1 {
		t.Fatalf("run: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	runDir := s.path(o.lastLine())
	results := readReasons(t, runDir)
	review := map[string]bool{}
	for _, tr := range traps {
		review[tr.client] = true
		l, ok := results["traps.xlsx "+tr.client]
		if !ok {
			t.Fatalf("no results line for %s", tr.client)
		}
		if l.Verdict != "needs_review" {
			t.Errorf("%s: %s, want needs_review for its problem at %s", tr.client, l.Verdict, tr.cell)
		}
		found := false
		for _, c := range l.cells() {
			found = found || c == tr.cell
		}
		if !found {
			t.Errorf("%s: no DATA reason at %s in results.jsonl: %v", tr.client, tr.cell, l.cells())
		}
	}
	for _, id := range []string{"T-FILE", "T-AUTH", "T-OSR", "T-NA", "T-NONE-KNOWN"} {
		if l := results["traps.xlsx "+id]; l.Verdict != "eligible" || len(l.cells()) != 0 {
			t.Errorf("%s: %s with data problems %v, want eligible", id, l.Verdict, l.cells())
		}
	}
	// A bare Halifax is Canada: never a data problem that drops the row's
	// hours. Its only job decides the verdict, so the lawyer confirms the
	// place (W-PLACE-VERIFY): needs review, not eligible.
	var halifax struct {
		Verdict string      `json:"verdict"`
		Hours   json.Number `json:"qualifying_hours"`
	}
	for _, l := range resultsOf[json.RawMessage](t, runDir) {
		if strings.Contains(string(l), `"client_id":"T-HALIFAX"`) {
			if err := json.Unmarshal(l, &halifax); err != nil {
				t.Fatal(err)
			}
		}
	}
	if h, _ := halifax.Hours.Float64(); h < 1560 || len(results["traps.xlsx T-HALIFAX"].cells()) != 0 || halifax.Verdict != "needs_review" ||
		!results["traps.xlsx T-HALIFAX"].has("W-PLACE-VERIFY") {
		t.Errorf("T-HALIFAX: %s, %v hours, data problems %v, want needs_review on W-PLACE-VERIFY", halifax.Verdict, halifax.Hours, results["traps.xlsx T-HALIFAX"].cells())
	}
	if l := results["traps.xlsx T-OSR"]; !l.says("Economic Mobility Pathways Pilot") {
		t.Errorf("T-OSR: the retake is not refused with its reason: %+v", l.Reasons)
	}

	// The opinions show the bad rows as typed: never a date made of a year
	// or of a number typed as text.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; CI installs it")
	}
	for id, typed := range map[string]string{"T-YEAR": "2022", "T-TEXT": "45000", "T-OLD": "20000"} {
		text := pdfText(t, s.path(o.lastLine(), results["traps.xlsx "+id].OpinionPDF))
		table := between(text, "Employer and job title", "Total qualifying hours")
		if !strings.Contains(table, typed) || !strings.Contains(table, "Not assessed until") {
			t.Errorf("%s: the job table does not show the row as typed (%s):\n%s", id, typed, table)
		}
		for _, made := range []string{"1905-", "2023-03-15", "1954-10-03"} {
			if strings.Contains(table, made) {
				t.Errorf("%s: the job table prints %s, a date the paralegal did not type:\n%s", id, made, table)
			}
		}
		if strings.Contains(text, "1905") {
			t.Errorf("%s: the opinion prints a date of 1905", id)
		}
	}
}

// namedRows is one sheet of a workbook a test writes: its name and its
// rows, the first the header.
type namedRows struct {
	name string
	rows [][]any
}

// saveSheets writes the sheets in order, each row from column A; a
// dateValue is written as a date cell, nil as no cell. It is the workbook
// writer of the end-to-end tests.
func saveSheets(t testing.TB, path string, sheets []namedRows) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, sh := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", sh.name)
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case dateValue:
					err = f.SetCellFloat(sh.name, cell, float64(v), -1, 64)
					if err == nil {
						err = f.SetCellStyle(sh.name, cell, cell, dateStyle)
					}
				case string:
					err = f.SetCellStr(sh.name, cell, v)
				default:
					err = f.SetCellValue(sh.name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// dateValue is an Excel date cell's serial number.
type dateValue float64

func excelDate(t *testing.T, iso string) dateValue {
	t.Helper()
	day, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		t.Fatal(err)
	}
	return dateValue(day.Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// between is the part of text from the first from to the next to after it.
func between(text, from, to string) string {
	i := strings.Index(text, from)
	if i < 0 {
		return ""
	}
	text = text[i:]
	if j := strings.Index(text, to); j >= 0 {
		return text[:j]
	}
	return text
}

// lineWith returns the first line of out that holds s, or "".
func lineWith(out, s string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// pdfText is the text of the PDF at path, as pdftotext extracts it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}
