package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// The bad things of the register that must not hurt (REGISTER.md §7).

// TestRegisterDamaged: a register that is not one stops the run before any
// input moves (exit 4, naming the file and `cecbatch register check`); it
// is never replaced by a new empty one, and check exits 1.
func TestRegisterDamaged(t *testing.T) {
	s := newSite(t)
	s.workbook("a.xlsx", "A", 2)
	if err := os.MkdirAll(s.path("out"), 0o700); err != nil {
		t.Fatal(err)
	}
	junk := bytes.Repeat([]byte("not a database, a file damaged by a disk fault "), 200)
	s.file("out/register.db", string(junk))
	o := s.run(runArgs...)
	if o.code != 4 || !strings.Contains(o.stderr, "register.db") || !strings.Contains(o.stderr, "cecbatch register check") {
		t.Fatalf("exit %d, want 4 naming the file and the check\n%s", o.code, o.stderr)
	}
	if got := s.ls("inbox"); !slices.Contains(got, "a.xlsx") {
		t.Errorf("the input left the inbox: %v", got)
	}
	if got, _ := os.ReadFile(s.path("out", "register.db")); !bytes.Equal(got, junk) {
		t.Error("the damaged register was altered or replaced")
	}
	if runs, _ := filepath.Glob(s.path("out", "2*")); len(runs) != 0 {
		t.Errorf("a run folder was written: %v", runs)
	}
	o = s.run("register", "check")
	if o.code != 1 || !strings.Contains(o.stdout, "register.db") || !strings.Contains(o.stderr, "damaged") {
		t.Errorf("register check: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
}

// TestRegisterUnreadableMidRun: a page of the register that cannot be
// read, met when the second input's clients are looked up, stops the run
// as a register that cannot be opened does: exit 4 naming the file and
// `cecbatch register check`, every input left in the inbox, no run folder
// and no temporary file left, and nothing of the night stored.
//
// The damaged page is the clients table's last, which holds only rows of
// the second input (each input's clients are stored in a transaction of
// their own, the first input's first): the first input's look-up reads
// none of it, so the failure comes once that input's clients are on their
// way.
func TestRegisterUnreadableMidRun(t *testing.T) {
	s := newSite(t)
	s.workbook("a.xlsx", "A", 60)
	s.workbook("b.xlsx", "B", 60)
	if o := s.run(runArgs...); o.code != 0 {
		t.Fatalf("first run: exit %d\n%s", o.code, o.stderr)
	}
	archived := s.ls("archive")
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		b, err := os.ReadFile(s.path("archive", name))
		if err != nil {
			t.Fatal(err)
		}
		s.file("inbox/"+name, string(b))
	}
	runsBefore, _ := filepath.Glob(s.path("out", "2*"))

	dbPath := s.path("out", "register.db")
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var page, pageSize int
	err = db.QueryRow("SELECT pageno FROM dbstat WHERE name = 'clients' AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1").Scan(&page)
	if err == nil {
		err = db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	}
	stored := func() (counts [3]int) {
		for i, table := range []string{"intakes", "assessments", "runs"} {
			if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&counts[i]); err != nil {
				t.Fatal(err)
			}
		}
		return counts
	}
	before := stored()
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(dbPath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	at := int64(page-1) * int64(pageSize)
	rows := make([]byte, pageSize)
	if _, err := f.ReadAt(rows, at); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(rows, []byte("B-")) || bytes.Contains(rows, []byte("A-")) {
		t.Fatalf("the clients table's last page (%d) does not hold the second input's rows alone", page)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, pageSize), at); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	o := s.run(append(slices.Clone(runArgs), "--log-format", "json")...)
	if o.code != 4 || !strings.Contains(o.stderr, "register.db") || !strings.Contains(o.stderr, "cecbatch register check") {
		t.Fatalf("exit %d, want 4 naming the file and the check\n%s", o.code, o.stderr)
	}
	// The run stopped at the look-up: the second input was not assessed.
	for _, line := range strings.Split(o.stderr, "\n") {
		var event struct{ Msg, File string }
		if json.Unmarshal([]byte(line), &event) == nil && event.Msg == "file done" && event.File == "b.xlsx" {
			t.Errorf("the second input was assessed: %s", line)
		}
	}
	if got := s.ls("inbox"); !slices.Equal(got, []string{"a.xlsx", "b.xlsx"}) {
		t.Errorf("inbox %v, want both inputs", got)
	}
	if got := s.ls("archive"); !slices.Equal(got, archived) {
		t.Errorf("archive %v, want %v", got, archived)
	}
	if runs, _ := filepath.Glob(s.path("out", "2*")); !slices.Equal(runs, runsBefore) {
		t.Errorf("run folders %v, want only %v", runs, runsBefore)
	}
	for _, name := range s.ls("out") {
		if strings.Contains(name, ".tmp") || strings.Contains(name, "incomplete") {
			t.Errorf("left behind: out/%s", name)
		}
	}
	db, err = sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if after := stored(); after != before {
		t.Errorf("intakes, assessments and runs stored: %v, %v before the run", after, before)
	}
}

// TestRegisterNewerSchema: a register written by a newer cecbatch is
// refused with exit 2 and left as it is.
func TestRegisterNewerSchema(t *testing.T) {
	s := newSite(t)
	s.workbook("a.xlsx", "A", 1)
	if o := s.run(runArgs...); o.code != 0 {
		t.Fatalf("first run: %d\n%s", o.code, o.stderr)
	}
	db, err := sql.Open("sqlite", s.path("out", "register.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s.workbook("b.xlsx", "B", 1)
	o := s.run(runArgs...)
	if o.code != 2 || !strings.Contains(o.stderr, "newer cecbatch") {
		t.Fatalf("exit %d, want 2\n%s", o.code, o.stderr)
	}
	if got := s.ls("inbox"); !slices.Contains(got, "b.xlsx") {
		t.Errorf("inbox %v", got)
	}
}

// TestRegisterTwoInboxesAtOnce: two runs on two inboxes sharing one
// register, started together, both finish and both sets of clients are in
// the register.
func TestRegisterTwoInboxesAtOnce(t *testing.T) {
	s := newSite(t)
	for _, box := range []string{"east", "west"} {
		if err := os.MkdirAll(s.path(box, "inbox"), 0o700); err != nil {
			t.Fatal(err)
		}
		writeWorkbook(t, s.path(box, "inbox", box+".xlsx"), strings.ToUpper(box), 40)
	}
	reg := s.path("shared", "register.db")
	var wg sync.WaitGroup
	results := make([]outcome, 2)
	for i, box := range []string{"east", "west"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd, stdout, stderr := s.command("run", "--as-of", "2025-06-01", "--min-age", "0s", "--workers", "1",
				"--inbox", s.path(box, "inbox"), "--out", s.path(box, "out"), "--archive", s.path(box, "archive"),
				"--quarantine", s.path(box, "quarantine"), "--register", reg)
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			results[i] = outcome{code, stdout.String(), stderr.String()}
		}()
	}
	wg.Wait()
	for i, o := range results {
		if o.code != 0 {
			t.Fatalf("run %d: exit %d\n%s", i, o.code, o.stderr)
		}
	}
	o := s.run("register", "list", "--register", reg)
	if o.code != 0 || !strings.Contains(o.stdout, "EAST-40") || !strings.Contains(o.stdout, "WEST-40") || !strings.Contains(o.stdout, "80 client(s)") {
		t.Errorf("register list:\n%s%s", o.stdout, o.stderr)
	}
}

// TestRegisterReusedClientID: a Client ID the register holds for another
// person (family name and date of birth both differ) is not merged: the
// client needs review with a problem naming both intakes, and the
// register keeps the first person.
func TestRegisterReusedClientID(t *testing.T) {
	s := newSite(t)
	s.workbook("first.xlsx", "A", 1)
	if o := s.run(runArgs...); o.code != 0 {
		t.Fatalf("first run: %d\n%s", o.code, o.stderr)
	}
	saveIntake(t, s.path("inbox", "second.xlsx"), map[string][][]any{
		"Clients":        {{"Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province"}, {"A-1", "Okafor", "Chidi", "1985-12-24", "ON"}},
		"Employment":     {{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Work Authorization"}, {"A-1", "Lakeside Dental", "31102", "2021-02-01", "", 40, "PGWP"}},
		"Language Tests": {{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}, {"A-1", "CELPIP-General", "2025-01-15", 9, 9, 9, 9}},
	})
	o := s.run(runArgs...)
	if o.code != 0 {
		t.Fatalf("second run: %d\n%s", o.code, o.stderr)
	}
	lines := readReasons(t, s.runDir(o))
	l, ok := lines["second.xlsx A-1"]
	if !ok || l.Verdict != "needs_review" || !l.says("already in the client register for another person") ||
		!l.says("first.xlsx") || !l.says("second.xlsx") {
		t.Errorf("re-used ID: %+v", l)
	}
	if strings.Contains(o.stderr, "Okafor") || strings.Contains(o.stderr, "Bérubé") {
		t.Errorf("a name in the log:\n%s", o.stderr)
	}
	show := s.run("register", "show", "A-1")
	if !strings.Contains(show.stdout, "Bérubé") || strings.Contains(show.stdout, "Okafor") {
		t.Errorf("the register merged the second person:\n%s", show.stdout)
	}
}

// TestRegisterClockSetBack: an as-of date earlier than the last run's is
// allowed and noted on the Run sheet.
func TestRegisterClockSetBack(t *testing.T) {
	s := newSite(t)
	s.workbook("a.xlsx", "A", 1)
	if o := s.run("run", "--as-of", "2025-06-01", "--min-age", "0s"); o.code != 0 {
		t.Fatalf("first run: %d\n%s", o.code, o.stderr)
	}
	o := s.run("run", "--as-of", "2025-05-01", "--min-age", "0s")
	if o.code != 0 || o.lastLine() == "" {
		t.Fatalf("set back: exit %d\n%s", o.code, o.stderr)
	}
	note := runSheetValue(t, filepath.Join(s.runDir(o), "summary.xlsx"), "Register: date set back")
	if !strings.Contains(note, "earlier than the last run's (2025-06-01") {
		t.Errorf("Run sheet note %q", note)
	}
}

// registerState is the register as export writes it, without what names a
// run (ids, folders, times): what must be equal whatever runs made it.
func registerState(t *testing.T, s *site) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export.jsonl")
	if o := s.run("register", "export", file); o.code != 0 {
		t.Fatalf("export: %d\n%s", o.code, o.stderr)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if m["table"] == "runs" {
			continue
		}
		for _, k := range []string{"run_id", "folder", "started", "last_change"} {
			delete(m, k)
		}
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// killInputs are the kill test's workbooks, written once so that every
// site gets the same bytes (excelize stamps the time into each file).
type killInputs struct{ week1, week3a, week3b []byte }

func newKillInputs(t *testing.T) killInputs {
	dir := t.TempDir()
	registerBook(t, filepath.Join(dir, "week1.xlsx"), "2025-02-01", true)
	registerBook(t, filepath.Join(dir, "week3-a.xlsx"), "2025-03-01", false)
	writeWorkbook(t, filepath.Join(dir, "week3-b.xlsx"), "K", 12)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return killInputs{read("week1.xlsx"), read("week3-a.xlsx"), read("week3-b.xlsx")}
}

// killSite is the starting point of each kill: a register with last
// week's clients (the night run once, in template, and copied), and this
// week's two workbooks in the inbox.
func killSite(t *testing.T, in killInputs, template *site) *site {
	s := newSite(t)
	s.bin = template.bin
	if err := os.CopyFS(s.dir, os.DirFS(template.dir)); err != nil {
		t.Fatal(err)
	}
	s.file("inbox/week3-a.xlsx", string(in.week3a))
	s.file("inbox/week3-b.xlsx", string(in.week3b))
	return s
}

// killTemplate is the site after last week's night.
func killTemplate(t *testing.T, in killInputs) *site {
	s := newSite(t)
	s.file("inbox/week1.xlsx", string(in.week1))
	if o := s.run("run", "--as-of", "2026-11-02", "--min-age", "0s"); o.code != 0 {
		t.Fatalf("week 1: %d\n%s", o.code, o.stderr)
	}
	return s
}

var killArgs = []string{"run", "--as-of", "2026-12-16", "--min-age", "0s", "--workers", "2"}

// TestRegisterKilledAtRandom: SIGKILL at random points of a run, 20 times
// from the same start; after each, a normal run ends with the register and
// the output folder's agenda.ics equal to those of an uninterrupted run,
// every input archived, and every opinion of the uninterrupted run written
// by one of the runs.
func TestRegisterKilledAtRandom(t *testing.T) {
	in := newKillInputs(t)
	template := killTemplate(t, in)
	ref := killSite(t, in, template)
	start := time.Now()
	o := ref.run(killArgs...)
	took := time.Since(start)
	if o.code != 0 {
		t.Fatalf("uninterrupted: %d\n%s", o.code, o.stderr)
	}
	wantState := registerState(t, ref)
	wantICS, _ := os.ReadFile(ref.path("out", "agenda.ics"))
	wantPDFs := pdfsOf(t, ref.runDir(o))
	slices.Sort(wantPDFs)

	r := rand.New(rand.NewPCG(2026, 12))
	killed := 0
	for i := range 20 {
		s := killSite(t, in, template)
		cmd, _, _ := s.start(killArgs...)
		time.Sleep(time.Duration(r.Int64N(int64(took))))
		cmd.Process.Kill()
		if exitCodeOf(t, cmd.Wait()) < 0 {
			killed++
		}
		o := s.run(killArgs...)
		if o.code != 0 {
			t.Fatalf("kill %d: the next run exits %d\n%s", i, o.code, o.stderr)
		}
		if got := registerState(t, s); !slices.Equal(got, wantState) {
			t.Errorf("kill %d: the register differs from the uninterrupted run's:\n got %d rows\nwant %d rows\nfirst difference: %s", i, len(got), len(wantState), firstDiff(got, wantState))
		}
		if got, _ := os.ReadFile(s.path("out", "agenda.ics")); !bytes.Equal(got, wantICS) {
			t.Errorf("kill %d: agenda.ics differs from the uninterrupted run's:%s", i,
				firstDiff(strings.Split(string(got), "\r\n"), strings.Split(string(wantICS), "\r\n")))
		}
		if got := s.ls("archive"); !slices.Contains(got, "week3-a.xlsx") || !slices.Contains(got, "week3-b.xlsx") || len(s.ls("inbox")) != 0 {
			t.Errorf("kill %d: archive %v, inbox %v", i, got, s.ls("inbox"))
		}
		var pdfs []string
		dirs, _ := filepath.Glob(s.path("out", "2*"))
		for _, d := range dirs {
			if !strings.HasSuffix(d, ".incomplete") && d != s.path("out", filepath.Base(dirs[0])) {
				pdfs = append(pdfs, pdfsOf(t, d)...)
			}
		}
		for _, id := range wantPDFs {
			if !slices.Contains(pdfs, id) {
				t.Errorf("kill %d: no opinion of %s in any run folder", i, id)
			}
		}
	}
	t.Logf("%d of 20 runs were killed before they finished (reference run %v)", killed, took.Round(time.Millisecond))
	if killed < 10 {
		t.Errorf("only %d of 20 runs were killed in time: the test did not test much", killed)
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return "\n got " + a[i] + "\nwant " + b[i]
		}
	}
	return "(one is a prefix of the other)"
}
