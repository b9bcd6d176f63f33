package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The paralegal's week and the IT person's install, end to end: check
// before the night, the night's run on what check saw, an inbox with
// nothing in it, duplicate Client IDs across workbooks, workbooks dropped
// on the program, the run's own help, a config file read from another
// folder, one time zone everywhere.

// book is an intake workbook a test writes: sheet name -> rows, the
// first row the header.
type book map[string][][]any

func (b book) save(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, name := range []string{"Clients", "Employment", "Language Tests"} {
		rows, ok := b[name]
		if !ok {
			continue
		}
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

var (
	clientsHeader = []any{"Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province"}
	jobsHeader    = []any{"Client ID", "Employer", "NOC", "TEER", "Start Date", "End Date", "Hours Per Week", "Work Authorization"}
	testsHeader   = []any{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}
)

// eligibleBook has one eligible client per ID (as of 2025-06-01).
func eligibleBook(ids ...string) book {
	b := book{"Clients": {clientsHeader}, "Employment": {jobsHeader}, "Language Tests": {testsHeader}}
	for _, id := range ids {
		b.add(id, "21231", 1, 9)
	}
	return b
}

// add appends a client with one job (noc, teer) and one CELPIP test whose
// reading score is reading.
func (b book) add(id, noc string, teer, reading any) {
	b["Clients"] = append(b["Clients"], []any{id, "Bérubé", "Élodie", "1990-04-02", "ON"})
	b["Employment"] = append(b["Employment"], []any{id, "Maple Software Inc.", noc, teer, "2022-01-03", "", 40, "PGWP"})
	b["Language Tests"] = append(b["Language Tests"], []any{id, "CELPIP-General", "2025-01-15", 9, reading, 9, 9})
}

// reasonLine is a results.jsonl line with its reasons.
type reasonLine struct {
	ClientID   string `json:"client_id"`
	SourceFile string `json:"source_file"`
	Verdict    string `json:"verdict"`
	FileStatus string `json:"file_status"`
	OpinionPDF string `json:"opinion_pdf"`
	Reasons    []struct {
		Code, Text string
		Cell       *string
	} `json:"reasons"`
}

func readReasons(t *testing.T, runDir string) map[string]reasonLine {
	t.Helper()
	lines := map[string]reasonLine{}
	for _, l := range resultsOf[reasonLine](t, runDir) {
		key := l.SourceFile + " " + l.ClientID
		if l.ClientID == "" {
			key = l.SourceFile
		}
		lines[key] = l
	}
	return lines
}

// cells are the cells of l's DATA reasons.
func (l reasonLine) cells() []string {
	var cells []string
	for _, r := range l.Reasons {
		if r.Code == "DATA" && r.Cell != nil {
			cells = append(cells, *r.Cell)
		}
	}
	sort.Strings(cells)
	return cells
}

// has reports whether l has a reason with the rule id code.
func (l reasonLine) has(code string) bool {
	for _, r := range l.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

func (l reasonLine) says(text string) bool {
	for _, r := range l.Reasons {
		if strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}

func lastLineOf(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// weekInbox is Monday's inbox: a.xlsx with a TEER that contradicts the NOC
// a score outside the scale and an Employment row for a
// client who is not there; b.xlsx with only an ignored column; a CSV; and
// Excel's lock file of a.xlsx.
func weekInbox(t *testing.T, s *site) {
	a := book{"Clients": {clientsHeader}, "Employment": {jobsHeader}, "Language Tests": {testsHeader}}
	a.add("A-1", "21231", 3, 9)
	a.add("A-2", "21231", 1, 9)
	a.add("A-3", "21231", 1, 13)
	a["Employment"] = append(a["Employment"], []any{"ZZ-9", "Nowhere Ltd.", "21231", 1, "2022-01-03", "", 40, "PGWP"})
	a.save(t, s.path("inbox", "a.xlsx"))
	b := eligibleBook("B-1", "B-2")
	b["Clients"][0] = append(append([]any{}, clientsHeader...), "Favourite Colour")
	b.save(t, s.path("inbox", "b.xlsx"))
	s.file("inbox/notes.csv", "Client ID,Family Name\nX,Y\n")
	s.file("inbox/~$a.xlsx", "owner")
}

// TestWeekCheckIsWhatRunDoes: check reports the engine's data findings as
// well as ingest's, the file-level problems and warnings, and what run
// will do per file and in total; run then does exactly that, and with
// --quiet the cron log carries every file-level problem and warning but
// no client's name or birth date.
func TestWeekCheckIsWhatRunDoes(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	weekInbox(t, s)
	before := snapshot(t, s.path("inbox"))

	o := s.run("check", "--as-of", "2025-06-01", "inbox")
	if o.code != 1 {
		t.Fatalf("check inbox: exit %d, want 1\n%s%s", o.code, o.stdout, o.stderr)
	}
	for _, want := range []string{
		"a.xlsx › Employment!D2: The TEER column says 3 but NOC 21231 is TEER 1",
		"a.xlsx › Language Tests!E4: ",
		"a.xlsx › Employment!A5: ",
		"b.xlsx › Clients!F1: warning: ",
		"a.xlsx: processed: 2 of 3 clients need review; 3 errors, 0 warnings\n",
		"b.xlsx: processed: 0 of 2 clients need review; 0 errors, 1 warning\n",
		"notes.csv: quarantined: This is a text file (.csv)",
		"~$a.xlsx: left alone: office lock file\n",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("check does not say %q:\n%s", want, o.stdout)
		}
	}
	if got, want := lastLineOf(o.stdout), "in total: 3 files: 2 processed (2 of 5 clients need review), 1 quarantined; 2 with problems to fix before the run; 1 left alone"; got != want {
		t.Errorf("last line\n%q\nwant\n%q", got, want)
	}
	if after := snapshot(t, s.path("inbox")); !reflect.DeepEqual(before, after) {
		t.Error("check changed the inbox")
	}
	if _, err := os.Stat(s.path("out")); err == nil {
		t.Error("check created the output folder")
	}
	// Warnings alone: run would process the file as it is, exit 0.
	if o := s.run("check", "inbox/b.xlsx"); o.code != 0 || !strings.HasPrefix(lastLineOf(o.stdout), "in total: 1 file: 1 processed") {
		t.Errorf("check of a file with only a warning: exit %d\n%s", o.code, o.stdout)
	}

	o = s.run(append(runArgs, "--quiet")...)
	if o.code != 1 {
		t.Fatalf("run: exit %d, want 1 (notes.csv quarantined)\n%s", o.code, o.stderr)
	}
	results := readReasons(t, s.path(o.lastLine()))
	for key, want := range map[string][]string{
		"a.xlsx A-1": {"Employment!D2"},
		"a.xlsx A-3": {"Language Tests!E4"},
	} {
		if l := results[key]; l.Verdict != "needs_review" || !reflect.DeepEqual(l.cells(), want) {
			t.Errorf("%s: %s, data cells %v; check reported %v", key, l.Verdict, l.cells(), want)
		}
	}
	for _, key := range []string{"a.xlsx A-2", "b.xlsx B-1", "b.xlsx B-2"} {
		if results[key].Verdict != "eligible" {
			t.Errorf("%s: %s, want eligible as check said", key, results[key].Verdict)
		}
	}
	if results["notes.csv"].FileStatus != "rejected" {
		t.Errorf("notes.csv: %+v", results["notes.csv"])
	}
	for _, want := range []string{
		`level=WARN msg="problem in the file" file=a.xlsx cell=Employment!A5`,
		`level=WARN msg="warning in the file" file=b.xlsx cell=Clients!F1`,
		`level=WARN msg="rejected: will be quarantined" file=notes.csv`,
		`letterhead.firm_name is not set`,
	} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("the --quiet log lacks %q:\n%s", want, o.stderr)
		}
	}
	if n := strings.Count(o.stderr, "letterhead.firm_name is not set"); n != 1 {
		t.Errorf("the firm name warning is logged %d times, want once", n)
	}
	for _, forbidden := range []string{"Bérubé", "Élodie", "1990-04-02"} {
		if strings.Contains(o.stderr, forbidden) {
			t.Errorf("the log names a client: %q", forbidden)
		}
	}
	if got, want := s.ls("inbox"), []string{"~$a.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("inbox after the run %v, want %v", got, want)
	}
	if got := runSheetValue(t, s.path(o.lastLine(), "summary.xlsx"), "Left in inbox"); got != "1" {
		t.Errorf("Run sheet: Left in inbox %q, want 1 (the lock file)", got)
	}
}

// runSheetValue is the value beside label on the summary's Run sheet.
func runSheetValue(t *testing.T, path, label string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Run")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 1 && r[0] == label {
			return r[1]
		}
	}
	t.Fatalf("no %q on the Run sheet", label)
	return ""
}

// TestWeekDuplicateIDsFlagEveryListing: a Client ID in two workbooks of
// one run makes both clients need review, each naming the other workbook,
// whichever is read first; check of the two files says the same.
func TestWeekDuplicateIDsFlagEveryListing(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	eligibleBook("D-1", "D-2").save(t, s.path("inbox", "a.xlsx"))
	eligibleBook("D-3", "d-1 ").save(t, s.path("inbox", "b.xlsx"))

	o := s.run("check", "--as-of", "2025-06-01", "inbox/a.xlsx", "inbox/b.xlsx")
	for _, want := range []string{
		`a.xlsx › Clients!A2: Client ID "D-1" is also used in b.xlsx (Clients!A3)`,
		`b.xlsx › Clients!A3: Client ID "d-1" is also used in a.xlsx (Clients!A2)`,
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("check does not say %q:\n%s", want, o.stdout)
		}
	}

	o = s.run(append(runArgs, "--workers", "2")...)
	if o.code != 0 {
		t.Fatalf("run: exit %d\n%s", o.code, o.stderr)
	}
	results := readReasons(t, s.path(o.lastLine()))
	for key, other := range map[string]string{"a.xlsx D-1": "b.xlsx (Clients!A3)", "b.xlsx d-1": "a.xlsx (Clients!A2)"} {
		l := results[key]
		if l.Verdict != "needs_review" || !l.says("is also used in "+other) {
			t.Errorf("%s: %s, reasons %+v; want needs_review naming %s", key, l.Verdict, l.Reasons, other)
		}
	}
	for _, key := range []string{"a.xlsx D-2", "b.xlsx D-3"} {
		if results[key].Verdict != "eligible" {
			t.Errorf("%s: %s, want eligible", key, results[key].Verdict)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the opinions' text is not checked")
	}
	// The first listing's opinion, the one an earlier version left
	// unflagged, tells the lawyer.
	pdf := s.path(o.lastLine(), results["a.xlsx D-1"].OpinionPDF)
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if flat := strings.Join(strings.Fields(string(text)), " "); !strings.Contains(flat, "is also used in b.xlsx") {
		t.Errorf("the opinion of a.xlsx's D-1 does not name b.xlsx:\n%s", flat)
	}
}

// TestWeekEmptyInbox: nothing to take makes no run folder and no other
// folder, prints nothing on stdout (tail -n 1 is empty), logs why and
// exits 0; left_in_inbox counts a file too recent to take.
func TestWeekEmptyInbox(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	o := s.run("run", "--as-of", "2025-06-01")
	if o.code != 0 || o.stdout != "" || !strings.Contains(o.stderr, "nothing to do") {
		t.Errorf("empty inbox: exit %d, stdout %q\n%s", o.code, o.stdout, o.stderr)
	}
	s.workbook("fresh.xlsx", "F", 1) // younger than the default --min-age of 60s
	o = s.run("run", "--as-of", "2025-06-01")
	if o.code != 0 || o.stdout != "" || !strings.Contains(o.stderr, "left_in_inbox=1") {
		t.Errorf("only a fresh file: exit %d, stdout %q\n%s", o.code, o.stdout, o.stderr)
	}
	for _, dir := range []string{"out", "archive", "quarantine"} {
		if _, err := os.Stat(s.path(dir)); err == nil {
			t.Errorf("%s created by a run with nothing to do", dir)
		}
	}
	if o := s.run("run", "--as-of", "2025-06-01", "--quiet"); o.stderr != "" && !strings.Contains(o.stderr, "firm_name") {
		t.Errorf("--quiet on an empty inbox logs %q", o.stderr)
	}
}

// TestWeekDroppedWorkbooks: `cecbatch FILE.xlsx` with no command is check;
// it does not wait when no one is at a terminal (a script, a pipe), and
// waits for Enter when there is one.
func TestWeekDroppedWorkbooks(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	weekInbox(t, s)
	dropped := s.run("inbox/a.xlsx", "inbox/b.xlsx")
	checked := s.run("check", "inbox/a.xlsx", "inbox/b.xlsx")
	if dropped.code != 1 || dropped.stdout != checked.stdout {
		t.Errorf("dropped: exit %d\n%s\nwant what check says:\n%s", dropped.code, dropped.stdout, checked.stdout)
	}
	if strings.Contains(dropped.stdout, "Press Enter") {
		t.Error("waits for Enter without a terminal")
	}
	if o := s.run("no-such-command"); o.code != 2 {
		t.Errorf("an unknown word that is no file: exit %d, want 2", o.code)
	}

	script, err := exec.LookPath("script")
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("script (util-linux) is not available: the wait at a terminal is not checked")
	}
	// script gives cecbatch a terminal; the test types Enter through it.
	cmd := exec.Command(script, "-qec", binary+" inbox/b.xlsx", "/dev/null")
	cmd.Dir, cmd.Env = s.dir, s.env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "Press Enter") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no prompt at a terminal:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("exited (%v) without waiting for Enter", err)
	case <-time.After(500 * time.Millisecond):
	}
	io.WriteString(stdin, "\n")
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after Enter: %v\n%s", err, out.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still waiting after Enter")
	}
}

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestWeekRunHelp: run --help is the run command's usage and flags, not
// the manual; help is the manual.
func TestWeekRunHelp(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	o := s.run("run", "--help")
	if o.code != 0 || !strings.HasPrefix(o.stdout, "Usage: cecbatch run [flags]") || !strings.Contains(o.stdout, "--min-age duration") {
		t.Errorf("run --help: exit %d\n%s", o.code, o.stdout)
	}
	if strings.Contains(o.stdout, "# cecbatch template") || strings.Contains(o.stdout, "Scheduling") {
		t.Errorf("run --help prints the whole manual:\n%s", o.stdout)
	}
	if o := s.run("check", "--help"); o.code != 0 || !strings.HasPrefix(o.stdout, "Usage: cecbatch check") || !strings.Contains(o.stdout, "--as-of") {
		t.Errorf("check --help: exit %d\n%s", o.code, o.stdout)
	}
	for _, cmd := range []string{"template", "rules"} {
		if o := s.run(cmd, "--help"); o.code != 0 || !strings.HasPrefix(o.stdout, "Usage: cecbatch "+cmd) {
			t.Errorf("%s --help: exit %d\n%s", cmd, o.code, o.stdout)
		}
	}
	if o := s.run("help"); o.code != 0 || !strings.Contains(o.stdout, "# Scheduling") || !strings.Contains(o.stdout, "# cecbatch check") {
		t.Errorf("help: exit %d, not the manual", o.code)
	}
	// help CMD, as git and go have it, is CMD --help.
	if o := s.run("help", "run"); o.code != 0 || !strings.HasPrefix(o.stdout, "Usage: cecbatch run [flags]") {
		t.Errorf("help run: exit %d\n%.300s", o.code, o.stdout)
	}
	if o := s.run("help", "frobnicate"); o.code != 2 || !strings.Contains(o.stderr, `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
}

// TestWeekConfigFromAnotherFolder: the relative paths of a config file are
// read from its folder, whatever folder cron starts in; config mistakes
// say what to write.
func TestWeekConfigFromAnotherFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if err := os.MkdirAll(s.path("srv", "box"), 0o755); err != nil {
		t.Fatal(err)
	}
	eligibleBook("C-1").save(t, s.path("srv", "box", "week.xlsx"))
	s.file("srv/cecbatch.yaml", "inbox: box\nout: results\narchive: done\nquarantine: bad\nletterhead:\n  firm_name: Tremblay & Singh LLP\n")
	o := s.run(append(runArgs, "--config", "srv/cecbatch.yaml")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	if want := filepath.Join("srv", "results"); filepath.Dir(o.lastLine()) != want {
		t.Errorf("run folder %s, want it in %s", o.lastLine(), want)
	}
	if got := s.ls("srv/done"); !reflect.DeepEqual(got, []string{"week.xlsx"}) {
		t.Errorf("srv/done %v, want the workbook archived there", got)
	}
	if strings.Contains(o.stderr, "firm_name") {
		t.Errorf("firm name warning with a firm name set:\n%s", o.stderr)
	}

	for yaml, want := range map[string]string{
		"permissions:\n  dir_mode: 770\n": `dir_mode: "0770"`,
		"workers: two\n":                  "write workers: 2",
	} {
		s.file("srv/cecbatch.yaml", yaml)
		o := s.run(append(runArgs, "--config", "srv/cecbatch.yaml")...)
		if o.code != 2 || !strings.Contains(o.stderr, want) || o.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", yaml, o.code, o.stderr, want)
		}
	}
}

// TestWeekOneTimeZone: with timezone set, the run folder's name, every log
// timestamp and the Run sheet's start time are in that zone, not the
// machine's.
func TestWeekOneTimeZone(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.env = append(s.env, "TZ=UTC")
	s.workbook("week.xlsx", "Z", 1)
	o := s.run(append(runArgs, "--timezone", "Asia/Kathmandu")...) // +05:45 all year
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	stamps := regexp.MustCompile(`time=(\S+)`).FindAllStringSubmatch(o.stderr, -1)
	if len(stamps) == 0 {
		t.Fatalf("no timestamps in the log:\n%s", o.stderr)
	}
	for _, m := range stamps {
		if !strings.HasSuffix(m[1], "+05:45") {
			t.Errorf("log timestamp %s is not in Asia/Kathmandu", m[1])
		}
	}
	first, err := time.Parse(time.RFC3339Nano, stamps[0][1])
	if err != nil {
		t.Fatal(err)
	}
	runID := filepath.Base(o.lastLine())
	started, err := time.ParseInLocation("20060102-150405", runID, first.Location())
	if err != nil {
		t.Fatal(err)
	}
	if d := started.Sub(first); d < -time.Minute || d > time.Minute {
		t.Errorf("run folder %s is not the log's time %s", runID, first)
	}
	sheet := runSheetValue(t, s.path(o.lastLine(), "summary.xlsx"), "Started")
	if want := started.Format("2006-01-02 15:04"); !strings.HasPrefix(normalizeDateTime(sheet), want) {
		t.Errorf("Run sheet Started %q, want %s (the run folder's time)", sheet, want)
	}
}

// normalizeDateTime turns the Run sheet's displayed date-time into
// "YYYY-MM-DD hh:mm" whatever the cell's number format shows.
func normalizeDateTime(s string) string {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		t, _ := excelize.ExcelDateToTime(v, false)
		return t.Format("2006-01-02 15:04")
	}
	return s
}

// TestWeekProgressKnowsItsTotal: at a terminal, the progress bar shows
// the run's whole number of clients from its first frame.
func TestWeekProgressKnowsItsTotal(t *testing.T) {
	t.Parallel()
	script, err := exec.LookPath("script")
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("script (util-linux) is not available: the progress bar needs a terminal")
	}
	s := newSite(t)
	for i := 0; i < 3; i++ {
		s.workbook("w"+strconv.Itoa(i)+".xlsx", "P"+strconv.Itoa(i), 8)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The bar is drawn only on a terminal with a width.
	cmd := exec.CommandContext(ctx, script, "-qec", "stty cols 120 rows 40; "+binary+" "+strings.Join(append(runArgs, "--workers", "1"), " "), "/dev/null")
	cmd.Dir, cmd.Env = s.dir, append(s.env, "TERM=xterm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	frames := regexp.MustCompile(`clients\s+(\d+) / (\d+)`).FindAllStringSubmatch(string(out), -1)
	if len(frames) == 0 {
		t.Fatalf("no progress bar drawn:\n%q", out)
	}
	for _, f := range frames {
		if f[2] != "24" {
			t.Errorf("a frame shows %s of %s clients, want a total of 24 from the start", f[1], f[2])
		}
	}
	// The log lines written while the bar is drawn all reach the
	// terminal, the last file's too (logged after the bar is full).
	for i := 0; i < 3; i++ {
		if want := `msg="file done" file=w` + strconv.Itoa(i) + ".xlsx"; !strings.Contains(string(out), want) {
			t.Errorf("the terminal lacks %q:\n%s", want, out)
		}
	}
}

// TestWeekLibreOfficeWorkbook: a workbook saved by LibreOffice gets the
// same problems from check as from run.
func TestWeekLibreOfficeWorkbook(t *testing.T) {
	t.Parallel()
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not on PATH: install it (apt-get install libreoffice-calc) to test workbooks saved by LibreOffice; CI installs it")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	s := newSite(t)
	b := eligibleBook("L-1")
	b.add("L-2", "21231", 3, 9) // TEER contradicts the NOC: Employment!D3
	src := filepath.Join(t.TempDir(), "saved-by-lo.xlsx")
	b.save(t, src)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conv := exec.CommandContext(ctx, lo, "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "lo-profile"),
		"--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", s.path("inbox"), src)
	if out, err := conv.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	eligibleBook("l-2").save(t, s.path("inbox", "other.xlsx")) // and a duplicate ID

	o := s.run("check", "--as-of", "2025-06-01", "inbox")
	for _, want := range []string{
		"saved-by-lo.xlsx › Employment!D3: The TEER column says 3",
		`saved-by-lo.xlsx › Clients!A3: Client ID "L-2" is also used in other.xlsx (Clients!A2)`,
		"saved-by-lo.xlsx: processed: 1 of 2 clients needs review",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("check does not say %q:\n%s", want, o.stdout)
		}
	}
	o = s.run(runArgs...)
	if o.code != 0 {
		t.Fatalf("run: exit %d\n%s", o.code, o.stderr)
	}
	results := readReasons(t, s.path(o.lastLine()))
	if l := results["saved-by-lo.xlsx L-2"]; l.Verdict != "needs_review" || !reflect.DeepEqual(l.cells(), []string{"Clients!A3", "Employment!D3"}) {
		t.Errorf("L-2: %s, data cells %v", l.Verdict, l.cells())
	}
	if l := results["saved-by-lo.xlsx L-1"]; l.Verdict != "eligible" {
		t.Errorf("L-1: %s, want eligible", l.Verdict)
	}
}

// TestWeekSystemdUnitFlags: the command line of the shipped systemd
// service is one that cecbatch accepts.
func TestWeekSystemdUnitFlags(t *testing.T) {
	t.Parallel()
	unit, err := os.ReadFile(filepath.Join("..", "..", "contrib", "systemd", "cecbatch.service"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ExecStart=\S+ (.*)$`).FindSubmatch(unit)
	if m == nil {
		t.Fatal("no ExecStart in cecbatch.service")
	}
	s := newSite(t)
	if o := s.run(append(strings.Fields(string(m[1])), "--help")...); o.code != 0 || !strings.HasPrefix(o.stdout, "Usage: cecbatch run") {
		t.Errorf("cecbatch %s --help: exit %d\n%s%s", m[1], o.code, o.stdout, o.stderr)
	}
}

// TestWeekCronLine: the line of the shipped /etc/cron.d file is the one the
// manual shows, and its cecbatch command line is one cecbatch accepts.
func TestWeekCronLine(t *testing.T) {
	t.Parallel()
	file, err := os.ReadFile(filepath.Join("..", "..", "contrib", "cron", "cecbatch"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^(\S+ \S+ \S+ \S+ \S+ cecbatch /usr/local/bin/cecbatch (run [^|]*?))( 2>&1 \|.*)?$`).FindSubmatch(file)
	if m == nil {
		t.Fatalf("no job line running cecbatch as cecbatch in contrib/cron/cecbatch:\n%s", file)
	}
	if !strings.Contains(manual(), string(m[0])) {
		t.Errorf("the manual does not show the cron line %q", m[0])
	}
	s := newSite(t)
	if o := s.run(append(strings.Fields(string(m[2])), "--help")...); o.code != 0 || !strings.HasPrefix(o.stdout, "Usage: cecbatch run") {
		t.Errorf("cecbatch %s --help: exit %d\n%s%s", m[2], o.code, o.stdout, o.stderr)
	}
}

// TestWeekLogPrivacy: a note on a client's row that quotes birth dates (a
// date read by its column's other dates) is in the outputs, not in the
// log, even though file-level warnings are logged.
func TestWeekLogPrivacy(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := eligibleBook("P-1", "P-2")
	b["Clients"][1][3] = "14/08/1994" // shows the column is day first
	b["Clients"][2][3] = "03/04/1990" // read as 3 April 1990, with a note
	b["Clients"][0] = append(append([]any{}, clientsHeader...), "Favourite Colour")
	b.save(t, s.path("inbox", "week.xlsx"))
	o := s.run(append(runArgs, "--quiet")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	results, err := os.ReadFile(s.path(o.lastLine(), "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(results), "03/04/1990") {
		t.Fatalf("no note on the date read by its column in results.jsonl:\n%s", results)
	}
	if !strings.Contains(o.stderr, `cell=Clients!F1`) {
		t.Errorf("the ignored column's warning is not logged:\n%s", o.stderr)
	}
	for _, forbidden := range []string{"14/08/1994", "03/04/1990", "1994-08-14", "1990-04-03", "Bérubé", "Élodie"} {
		if strings.Contains(o.stderr, forbidden) {
			t.Errorf("the log holds client data %q:\n%s", forbidden, o.stderr)
		}
	}
}
