package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The client register end to end: three nights on one register with
// --as-of, as a firm lives them.

// registerBook is the week's intake: R-1 eligible now (a PGWP to renew),
// R-2 short of hours until mid-December, R-3 with an Application Date (its
// outcome never moves), R-4 whose test date is corrected in week 3.
func registerBook(t *testing.T, path string, r4TestDate string, withR2R3 bool) {
	t.Helper()
	rows := map[string][][]any{
		"Clients":        {{"Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province", "Application Date", "Status Expiry"}},
		"Employment":     {{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Work Authorization", "Permit Expiry"}},
		"Language Tests": {{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}},
	}
	add := func(sheet string, row ...any) { rows[sheet] = append(rows[sheet], row) }
	add("Clients", "R-1", "Bérubé", "Élodie", "1990-04-02", "ON", "", "")
	add("Employment", "R-1", "Maple Software Inc.", "21231", "2022-01-03", "", 40, "PGWP", "2027-01-31")
	add("Language Tests", "R-1", "CELPIP-General", "2025-01-15", 9, 9, 9, 9)
	if withR2R3 {
		add("Clients", "R-2", "Nguyễn", "Minh", "1992-05-06", "BC", "", "")
		add("Employment", "R-2", "Harbour Analytics", "21211", "2025-12-01", "", 40, "open work permit", "")
		add("Language Tests", "R-2", "CELPIP-General", "2025-06-01", 9, 9, 9, 9)
		add("Clients", "R-3", "Petrenko", "Olha", "1988-09-09", "QC", "2026-10-01", "")
		add("Employment", "R-3", "Montréal Logiciels", "21231", "2021-01-04", "", 40, "PGWP", "")
		add("Language Tests", "R-3", "CELPIP-General", "2025-01-15", 9, 9, 9, 9)
	}
	add("Clients", "R-4", "Sharma", "Rahul", "1993-02-03", "ON", "", "2027-03-31")
	add("Employment", "R-4", "Prairie Foods", "62020", "2021-06-01", "", 40, "open work permit", "")
	add("Language Tests", "R-4", "CELPIP-General", r4TestDate, 8, 8, 8, 8)
	saveIntake(t, path, rows)
}

// sheetRows reads a sheet of a workbook, without its header row.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no header", sheet)
	}
	return rows[1:]
}

// changeRows is "ID kind" of each Changes row.
func changeRows(t *testing.T, runDir string) []string {
	var out []string
	for _, r := range sheetRows(t, filepath.Join(runDir, "summary.xlsx"), "Changes") {
		out = append(out, r[0]+" "+r[1])
	}
	return out
}

// pdfsOf is the Client ID of each opinion PDF of a run.
func pdfsOf(t *testing.T, runDir string) []string {
	var ids []string
	entries, _ := os.ReadDir(filepath.Join(runDir, "opinions"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "_CEC-opinion.pdf") {
			id, _, _ := strings.Cut(e.Name(), "_")
			ids = append(ids, id)
		}
	}
	return ids
}

// documentsOf lists the kinds of documents a run wrote for client id:
// "opinion.pdf", "letter.docx", …
func documentsOf(t *testing.T, runDir, id string) []string {
	var kinds []string
	entries, _ := os.ReadDir(filepath.Join(runDir, "opinions"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), id+"_") {
			kinds = append(kinds, e.Name()[strings.LastIndex(e.Name(), "_CEC-")+5:])
		}
	}
	return kinds
}

// summaryColumn is the 0-based column of a Summary header.
func summaryColumn(t *testing.T, rows [][]string, header string) int {
	t.Helper()
	for _, r := range rows {
		if i := slices.Index(r, header); i >= 0 && slices.Contains(r, "Client ID") {
			return i
		}
	}
	t.Fatalf("no Summary column %q", header)
	return -1
}

// icsEvents reads agenda.ics with Python's icalendar (a parser
// independent of the library that wrote it): UID, date, SEQUENCE, STATUS
// and SUMMARY of each event.
func icsEvents(t *testing.T, path string) map[string][]string {
	t.Helper()
	python := pythonWith("icalendar")
	if python == "" {
		t.Skip("Python's icalendar is not installed (Debian python3-icalendar; .ci/run installs it)")
	}
	out, err := exec.Command(python, "-c", `
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    print('\t'.join([str(ev['UID']), ev['DTSTART'].dt.isoformat(), str(ev.get('SEQUENCE', 0)), str(ev['STATUS']), str(ev['SUMMARY'])]))
`, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python icalendar: %v\n%s", err, out)
	}
	events := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		events[f[0]] = f[1:]
	}
	return events
}

func pythonWith(module string) string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import "+module).Run() == nil {
			return p
		}
	}
	return ""
}

// TestRegisterThreeNights: week 1's workbook; a night with no input; the
// corrected workbook.
func TestRegisterThreeNights(t *testing.T) {
	s := newSite(t)
	// Every document, the client letter too: a re-assessed client gets
	// what an input client gets.
	s.file("cecbatch.yaml", "outputs:\n  client_letter: true\n")
	registerBook(t, s.path("inbox", "week1.xlsx"), "2025-02-01", true)

	// Night 1: four new clients, each with its opinion.
	o := s.run("run", "--as-of", "2026-11-02", "--min-age", "0s", "--digest")
	if o.code != 0 {
		t.Fatalf("night 1: exit %d\n%s", o.code, o.stderr)
	}
	night1 := s.runDir(o)
	if got := changeRows(t, night1); !slices.Equal(got, []string{"R-1 new", "R-2 new", "R-3 new", "R-4 new"}) {
		t.Errorf("night 1 Changes: %v", got)
	}
	if got := pdfsOf(t, night1); len(got) != 4 {
		t.Errorf("night 1 opinions: %v", got)
	}
	if !strings.Contains(o.stdout, "Changed since the last run: 4") || strings.Contains(o.stdout, "Bérubé") {
		t.Errorf("night 1 digest (Client IDs only):\n%s", o.stdout)
	}
	info, err := os.Stat(s.path("out", "register.db"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("register.db: %v %v", info, err)
	}
	cal1 := icsEvents(t, s.path("out", "agenda.ics"))

	// The lawyer approves R-1 in night 1's summary.
	f, err := excelize.OpenFile(filepath.Join(night1, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Summary")
	decisionCol, notesCol := summaryColumn(t, rows, "Lawyer decision"), summaryColumn(t, rows, "Lawyer notes")
	for i, r := range rows {
		if len(r) > 0 && r[0] == "R-1" {
			for col, v := range map[int]string{decisionCol: "approved", notesCol: "File in January"} {
				cell, _ := excelize.CoordinatesToCellName(col+1, i+1)
				f.SetCellValue("Summary", cell, v)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// Night 2, six weeks later, nothing in the inbox: R-2's hours are
	// reached (time passing), the only change and the only opinion.
	o = s.run("run", "--as-of", "2026-12-15", "--min-age", "0s")
	if o.code != 0 || o.lastLine() == "" {
		t.Fatalf("night 2: exit %d, stdout %q\n%s", o.code, o.stdout, o.stderr)
	}
	night2 := s.runDir(o)
	changes2 := sheetRows(t, filepath.Join(night2, "summary.xlsx"), "Changes")
	if len(changes2) != 1 || changes2[0][0] != "R-2" || changes2[0][1] != "reassessed" || changes2[0][2] != "Not eligible" ||
		changes2[0][3] != "Eligible" || !strings.Contains(changes2[0][5], "time passing") {
		t.Errorf("night 2 Changes: %q", changes2)
	}
	if got := pdfsOf(t, night2); !slices.Equal(got, []string{"R-2"}) {
		t.Errorf("night 2 opinions: %v, want R-2's only", got)
	}
	if got, want := documentsOf(t, night2, "R-2"), []string{"letter.docx", "letter.pdf", "opinion.docx", "opinion.pdf"}; !slices.Equal(got, want) {
		t.Errorf("night 2: R-2, re-assessed, got %v, want %v", got, want)
	}
	for _, l := range resultsOf[struct {
		ClientID  string   `json:"client_id"`
		Documents []string `json:"documents"`
	}](t, night2) {
		if l.ClientID == "R-2" && (len(l.Documents) != 4 || !strings.HasSuffix(l.Documents[0], "_CEC-opinion.pdf")) {
			t.Errorf("night 2: R-2's documents in results.jsonl: %q", l.Documents)
		}
	}
	agenda2 := sheetRows(t, filepath.Join(night2, "summary.xlsx"), "Agenda")
	var dates []string
	approved := false
	for _, r := range agenda2 {
		dates = append(dates, r[0])
		if r[3] == "R-1" {
			approved = len(r) > 5 && r[5] == "approved"
		}
	}
	if len(agenda2) == 0 || !slices.IsSorted(dates) || !approved {
		t.Errorf("night 2 Agenda: sorted %v, R-1 approved %v:\n%q", slices.IsSorted(dates), approved, agenda2)
	}
	wantKinds := map[string]bool{}
	for _, r := range agenda2 {
		wantKinds[r[3]+" "+r[2]] = true
	}
	for _, k := range []string{"R-1 permit expires", "R-1 apply by", "R-1 test expires", "R-4 status expires"} {
		if !wantKinds[k] {
			t.Errorf("night 2 Agenda lacks %s: %v", k, wantKinds)
		}
	}
	// The summary of night 2 is open in Excel: its decisions wait.
	if err := os.WriteFile(filepath.Join(night2, "~$summary.xlsx"), []byte("lock"), 0o600); err != nil {
		t.Fatal(err)
	}

	// Night 3: the corrected workbook (R-4's test date; R-1 as before).
	registerBook(t, s.path("inbox", "week3.xlsx"), "2025-03-01", false)
	o = s.run("run", "--as-of", "2026-12-16", "--min-age", "0s")
	if o.code != 0 {
		t.Fatalf("night 3: exit %d\n%s", o.code, o.stderr)
	}
	night3 := s.runDir(o)
	if !strings.Contains(o.stderr, "open in Excel") {
		t.Errorf("night 3 did not warn of the summary open in Excel:\n%s", o.stderr)
	}
	if got := changeRows(t, night3); !slices.Equal(got, []string{"R-4 updated"}) {
		t.Errorf("night 3 Changes: %v (R-1 unchanged and R-2, R-3 not re-dropped must be absent)", got)
	}
	changes3 := sheetRows(t, filepath.Join(night3, "summary.xlsx"), "Changes")
	if !strings.Contains(changes3[0][4], "1 language test added: CELPIP-General 2025-03-01") ||
		!strings.Contains(changes3[0][4], "1 language test removed: CELPIP-General 2025-02-01") {
		t.Errorf("night 3 what changed: %q", changes3[0][4])
	}
	if got := pdfsOf(t, night3); !slices.Equal(got, []string{"R-4"}) {
		t.Errorf("night 3 opinions: %v, want R-4's only (R-1 re-dropped unchanged)", got)
	}
	type line struct {
		ClientID string `json:"client_id"`
		Register struct {
			Change          string  `json:"change"`
			PreviousVerdict *string `json:"previous_verdict"`
			Decision        *string `json:"decision"`
			Dates           []struct{ Kind, Date string }
		} `json:"register"`
	}
	byID := map[string]line{}
	for _, l := range resultsOf[line](t, night3) {
		byID[l.ClientID] = l
	}
	if r1 := byID["R-1"]; r1.Register.Change != "unchanged" || r1.Register.Decision == nil || *r1.Register.Decision != "approved" || len(r1.Register.Dates) == 0 {
		t.Errorf("night 3 results R-1: %+v", r1)
	}
	if r4 := byID["R-4"]; r4.Register.Change != "updated" || r4.Register.PreviousVerdict == nil {
		t.Errorf("night 3 results R-4: %+v", r4)
	}
	// The decision flows back: R-1's unchanged row shows it.
	shown := false
	rows3 := sheetRows(t, filepath.Join(night3, "summary.xlsx"), "Summary")
	decisionCol, notesCol = summaryColumn(t, rows3, "Lawyer decision"), summaryColumn(t, rows3, "Lawyer notes")
	for _, r := range rows3 {
		if len(r) > notesCol && r[0] == "R-1" {
			shown = r[decisionCol] == "approved" && r[notesCol] == "File in January"
		}
	}
	if !shown {
		t.Error("night 3 Summary does not show R-1's decision beside its unchanged outcome")
	}

	// The calendar: the same UIDs across nights, R-4's old test cancelled.
	cal3 := icsEvents(t, s.path("out", "agenda.ics"))
	for uid, ev := range cal1 {
		if strings.HasPrefix(uid, "R-1-") {
			if ev3, ok := cal3[uid]; !ok || ev3[0] != ev[0] || ev3[1] != "0" {
				t.Errorf("R-1's event %s changed across nights: %v → %v", uid, ev, ev3)
			}
		}
	}
	old := "R-4-test-expires-CELPIP-General-2025-02-01@cecbatch"
	if ev, ok := cal3[old]; !ok || ev[2] != "CANCELLED" || ev[1] != "1" {
		t.Errorf("R-4's replaced test: %v (want CANCELLED, SEQUENCE 1)", ev)
	}
	if ev, ok := cal3["R-4-test-expires-CELPIP-General-2025-03-01@cecbatch"]; !ok || ev[0] != "2027-02-28" || ev[2] != "CONFIRMED" {
		t.Errorf("R-4's corrected test: %v", ev)
	}
	for uid, ev := range cal3 {
		if strings.Contains(ev[3], "Bérubé") || strings.Contains(ev[3], "Sharma") {
			t.Errorf("a name in the calendar: %s %v", uid, ev)
		}
	}

	// The new sheets, read by openpyxl (an independent reader).
	python := pythonWith("openpyxl")
	if python == "" {
		t.Skip("Python's openpyxl is not installed (Debian python3-openpyxl; .ci/run installs it)")
	}
	out, err := exec.Command(python, "-c", `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames[:3])
ws = wb['Agenda']
print([c.value for c in ws[1]])
print(ws.cell(2, 1).is_date, type(ws.cell(2, 2).value).__name__)
`, filepath.Join(night3, "summary.xlsx")).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := "['Summary', 'Changes', 'Agenda']\n['Date', 'Days left', 'Kind', 'Client ID', 'What to do', 'Lawyer']\nTrue int\n"
	if string(out) != want {
		t.Errorf("openpyxl read:\n%s\nwant:\n%s", out, want)
	}
}

// runDir is the run folder o printed, as a path from the test.
func (s *site) runDir(o outcome) string {
	d := o.lastLine()
	if d != "" && !filepath.IsAbs(d) {
		d = s.path(d)
	}
	return d
}

// TestTrialRunLeavesTheRegister: a trial run (--keep-inputs, as make run
// does on the samples) shows the register's sheets, calendar and digest
// from a copy and leaves the firm's register and published calendar as
// they were; the real run that follows still drafts every client's
// opinion (a trial that recorded the clients would make the real night
// find them "unchanged" and write none).
func TestTrialRunLeavesTheRegister(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	registerBook(t, s.path("inbox", "week1.xlsx"), "2025-01-15", true)
	args := []string{"run", "--as-of", "2026-11-02", "--min-age", "0s"}

	trial := s.run(append(args, "--keep-inputs")...)
	if trial.code != 0 {
		t.Fatalf("trial run: %d\n%s", trial.code, trial.stderr)
	}
	trialDir := s.path(trial.lastLine())
	if got := len(pdfsOf(t, trialDir)); got != 4 {
		t.Errorf("trial run: %d opinions, want 4", got)
	}
	if rows := changeRows(t, trialDir); len(rows) != 4 {
		t.Errorf("trial run's Changes: %v, want the four clients as new", rows)
	}
	for _, f := range []string{"agenda.ics", "digest.txt"} {
		if _, err := os.Stat(filepath.Join(trialDir, f)); err != nil {
			t.Errorf("trial run: %v", err)
		}
	}
	for _, f := range []string{"register.db", "agenda.ics"} {
		if _, err := os.Stat(s.path("out", f)); !os.IsNotExist(err) {
			t.Errorf("the trial run made out/%s (%v)", f, err)
		}
	}

	real := s.run(args...)
	if real.code != 0 {
		t.Fatalf("real run: %d\n%s", real.code, real.stderr)
	}
	realDir := s.path(real.lastLine())
	if got := pdfsOf(t, realDir); len(got) != 4 {
		t.Errorf("the real run after a trial drafted %v, want the four clients", got)
	}
	before, err := os.ReadFile(s.path("out", "agenda.ics"))
	if err != nil {
		t.Fatal(err)
	}

	// A second trial on an existing register works on a copy too.
	registerBook(t, s.path("inbox", "week2.xlsx"), "2025-02-20", false)
	second := s.run(append([]string{"run", "--as-of", "2026-11-09", "--min-age", "0s"}, "--keep-inputs")...)
	if second.code != 0 {
		t.Fatalf("second trial: %d\n%s", second.code, second.stderr)
	}
	if after, _ := os.ReadFile(s.path("out", "agenda.ics")); string(after) != string(before) {
		t.Error("a trial run replaced the published out/agenda.ics")
	}
	list := s.run("register", "show", "R-4")
	if list.code != 0 || strings.Contains(list.stdout, "week2.xlsx") {
		t.Errorf("the trial's intake reached the register (exit %d):\n%s", list.code, list.stdout)
	}
}

// TestFileStatusClosesTheFile: the Clients column File Status closes a
// file from the intake ("closed: applied"): the Changes sheet says so, the
// client leaves the Agenda and the calendar, the register shows the
// reason, and the next night does not re-assess it.
func TestFileStatusClosesTheFile(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	book := func(name, status string) {
		saveIntake(t, s.path("inbox", name), map[string][][]any{
			"Clients":        {{"Client ID", "Family Name", "Given Names", "Intended Province", "File Status"}, {"F-1", "Okafor", "Ada", "ON", status}},
			"Employment":     {{"Client ID", "Employer", "NOC", "Start Date", "Hours Per Week", "Work Authorization", "Permit Expiry"}, {"F-1", "Maple Software Inc.", "21231", "2023-01-02", 40, "PGWP", "2027-01-31"}},
			"Language Tests": {{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}, {"F-1", "CELPIP-General", "2025-01-15", 9, 9, 9, 9}},
		})
	}
	book("week1.xlsx", "open")
	if o := s.run("run", "--as-of", "2026-11-02", "--min-age", "0s"); o.code != 0 {
		t.Fatalf("night 1: %d\n%s", o.code, o.stderr)
	}
	book("week2.xlsx", "closed: applied")
	o := s.run("run", "--as-of", "2026-11-09", "--min-age", "0s")
	if o.code != 0 {
		t.Fatalf("night 2: %d\n%s", o.code, o.stderr)
	}
	dir := s.path(o.lastLine())
	if rows := changeRows(t, dir); !slices.Contains(rows, "F-1 closed") {
		t.Errorf("Changes of night 2: %v, want F-1 closed", rows)
	}
	for _, r := range sheetRows(t, filepath.Join(dir, "summary.xlsx"), "Agenda") {
		if slices.Contains(r, "F-1") {
			t.Errorf("a closed file is still on the Agenda: %v", r)
		}
	}
	ics, err := os.ReadFile(filepath.Join(dir, "agenda.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ics), "STATUS:CANCELLED") {
		t.Errorf("the closed file's calendar entries are not cancelled:\n%s", ics)
	}
	if show := s.run("register", "show", "F-1"); show.code != 0 || !strings.Contains(show.stdout, "applied") {
		t.Errorf("register show F-1 (exit %d) does not give the reason:\n%s", show.code, show.stdout)
	}
	// Night 3, no input: the closed file is not re-assessed.
	o = s.run("run", "--as-of", "2026-11-16", "--min-age", "0s")
	if o.code != 0 {
		t.Fatalf("night 3: %d\n%s", o.code, o.stderr)
	}
	if o.lastLine() != "" {
		if got := pdfsOf(t, s.path(o.lastLine())); len(got) != 0 {
			t.Errorf("night 3 drafted %v for a closed file", got)
		}
	}
}
