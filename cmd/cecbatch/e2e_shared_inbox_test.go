package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cecbatch/cecbatch/batch"
)

// The inbox is a shared drive: anyone who drops workbooks, or a program
// on their desktop, can write anything there. And the operator's own
// files and flags can name the wrong thing. End to end, each of these
// once did harm.

// runWithin runs cecbatch with args in the site, killed after limit: a
// command that reads a device forever fails the test instead of hanging
// it.
func (s *site) runWithin(limit time.Duration, args ...string) outcome {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir, cmd.Env = s.dir, s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		s.t.Fatalf("cecbatch %v did not end within %v", args, limit)
	}
	return outcome{exitCodeOf(s.t, err), stdout.String(), stderr.String()}
}

// TestForgedStateInTheInbox: a paralegal's account forges what earlier
// versions kept in inbox/.cecbatch-state (a move "cut short" to a file
// outside cecbatch's folders, "two runs died" on a colleague's workbook)
// and swaps the inbox's lock file for a link to the config file. The run
// deletes nothing outside its folders, overwrites nothing through the
// link, reads and archives the colleague's workbook as usual, and sets
// the forged "claim" aside in the quarantine instead of planting it in
// the inbox.
func TestForgedStateInTheInbox(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("colleague.xlsx", "A", 1)
	s.file("cecbatch.yaml", "min_age: 0s\n")
	s.file("ledger.report.txt", "the firm's ledger")
	state := s.path("inbox", batch.StateDir)
	if err := os.Mkdir(state, 0o777); err != nil {
		t.Fatal(err)
	}
	s.file("inbox/"+batch.StateDir+"/00000000000000a1.json", `{"name":"planted.xlsx","attempts":1,"placed":"`+s.path("ledger")+`"}`)
	s.file("inbox/"+batch.StateDir+"/00000000000000a1.claim", "planted")
	s.file("inbox/"+batch.StateDir+"/00000000000000a2.json", `{"name":"colleague.xlsx","attempts":2}`)
	if err := os.Symlink(s.path("cecbatch.yaml"), s.path("inbox", batch.LockName)); err != nil {
		t.Skip(err)
	}
	o := s.run("run", "--as-of", "2025-06-01")
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	if b, _ := os.ReadFile(s.path("ledger.report.txt")); string(b) != "the firm's ledger" {
		t.Errorf("the file outside cecbatch's folders was deleted or changed: %q", b)
	}
	if b, _ := os.ReadFile(s.path("cecbatch.yaml")); string(b) != "min_age: 0s\n" {
		t.Errorf("the config file was written through the lock link: %q", b)
	}
	if got := s.ls("archive"); !reflect.DeepEqual(got, []string{"colleague.xlsx"}) {
		t.Errorf("archive %v, want the colleague's workbook read as usual", got)
	}
	want := []string{"recovered-00000000000000a1.xlsx", "recovered-00000000000000a1.xlsx.report.txt"}
	if got := s.ls("quarantine"); !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want the forged claim set aside: %v", got, want)
	}
	if got := s.ls("inbox"); len(got) != 0 {
		t.Errorf("inbox %v, want nothing planted and the old state folder gone", got)
	}
	if info, err := os.Stat(s.path("out", batch.StateDir)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the run's state folder beside the outputs: %v %v, want 0700", info, err)
	}
}

// TestCopiesOfOneWorkbook: an inbox of copies of one workbook shares
// every Client ID among them. Each client's problem names five of the
// other workbooks and counts the rest, so a client's line of
// results.jsonl is as long with eleven other copies as with six: the
// outputs grow with the inbox, not with its square (a thousand copies
// made 59 MB of results.jsonl, twenty thousand never finished).
func TestCopiesOfOneWorkbook(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	for i := 1; i <= 12; i++ {
		ids := []string{"X-1"}
		if i <= 7 {
			ids = append(ids, "Y-1")
		}
		eligibleBook(ids...).save(t, s.path("inbox", fmt.Sprintf("copy-%02d.xlsx", i)))
	}
	o := s.run(runArgs...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	f, err := os.Open(s.path(o.lastLine(), "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	longest := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var x3 string
	for sc.Scan() {
		var l resultLine
		json.Unmarshal(sc.Bytes(), &l)
		longest[l.ClientID] = max(longest[l.ClientID], len(sc.Bytes()))
		if l.ClientID == "X-1" && l.SourceFile == "copy-03.xlsx" {
			x3 = sc.Text()
		}
	}
	if d := longest["X-1"] - longest["Y-1"]; d > 10 {
		t.Errorf("a line of an ID in 12 workbooks is %d bytes longer than one of an ID in 7: the list of workbooks is not bounded", d)
	}
	want := "11 other workbooks: copy-01.xlsx (Clients!A2), copy-02.xlsx (Clients!A2), copy-04.xlsx (Clients!A2), copy-05.xlsx (Clients!A2), copy-06.xlsx (Clients!A2), … and 6 more"
	if !strings.Contains(x3, want) {
		t.Errorf("copy-03's X-1 does not say %q:\n%s", want, x3)
	}
}

// TestLogNamesCellsNotValues: rows keyed by the client's name instead of
// an ID, and a column header holding a note about a client, are problems
// the log reports (so cron mails them) by cell and kind, never by what
// the cells hold; the outputs quote it.
func TestLogNamesCellsNotValues(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := eligibleBook("P-1")
	b["Employment"] = append(b["Employment"], []any{"Quillfeather, Marisol", "Maple Software Inc.", "21231", 1, "2022-01-03", "", 40, "PGWP"})
	b["Language Tests"][0] = append(append([]any{}, testsHeader...), "Marisol Quillfeather 1985-02-17")
	b.save(t, s.path("inbox", "week.xlsx"))
	o := s.run(append(runArgs, "--quiet", "--log-format", "json")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	for _, secret := range []string{"Quillfeather", "Marisol", "1985"} {
		if strings.Contains(o.stderr, secret) {
			t.Errorf("the log quotes %q:\n%s", secret, o.stderr)
		}
	}
	for _, want := range []string{
		`"cell":"Employment!A3","kind":"a row whose Client ID is not on the Clients sheet (not read)"`,
		`"cell":"Language Tests!H1","kind":"a column cecbatch does not read (ignored)"`,
	} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("the log does not say %s:\n%s", want, o.stderr)
		}
	}
	results, _ := os.ReadFile(s.path(o.lastLine(), "results.jsonl"))
	if !strings.Contains(string(results), "Quillfeather, Marisol") || !strings.Contains(string(results), "Marisol Quillfeather 1985-02-17") {
		t.Errorf("the outputs lost the quoted cells:\n%s", results)
	}
}

// clientsSheetXML is a Clients sheet of n clients and then, inside
// sheetData, tail: rows written as a program other than Excel might.
func clientsSheetXML(n int, tail string) string {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">`)
	for i, h := range []string{"Client ID", "Family Name", "Given Names", "Intended Province"} {
		fmt.Fprintf(&b, `<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, h)
	}
	b.WriteString(`</row>`)
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>R-%d</t></is></c><c r="B%d" t="inlineStr"><is><t>Ng</t></is></c><c r="C%d" t="inlineStr"><is><t>Minh</t></is></c><c r="D%d" t="inlineStr"><is><t>ON</t></is></c></row>`, i, i, i, i, i, i)
	}
	return b.String() + tail + `</sheetData></worksheet>`
}

// TestRowLimitWhileStreaming: a Clients sheet over limits.max_rows is
// rejected at the first row over the limit, as the rows stream by: the
// rows past the limit, garbled here, are never read (they were, twice,
// before the workbook was rejected: a sheet of a million rows took a
// minute while the good workbooks waited).
func TestRowLimitWhileStreaming(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	good := s.goodWorkbook()
	withPart(t, s.path("inbox", "long.xlsx"), good, "xl/worksheets/sheet1.xml",
		clientsSheetXML(8, `<row r="90"><c r="A90"><v>1</c></row>`), false)
	s.file("cecbatch.yaml", "limits:\n  max_rows: 5\n")
	o := s.run(runArgs...)
	if o.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", o.code, o.stderr)
	}
	report, _ := os.ReadFile(s.path("quarantine", "long.xlsx.report.txt"))
	if !strings.Contains(string(report), "The Clients sheet has more than 5 rows") {
		t.Errorf("report:\n%s", report)
	}
	if got := s.ls("archive"); !reflect.DeepEqual(got, []string{"good.xlsx"}) {
		t.Errorf("archive %v", got)
	}
}

// withPart writes to path the workbook good with the entry part holding
// data instead; with twice, a second entry of that name holds data after
// the first, unchanged.
func withPart(t *testing.T, path string, good []byte, part, data string, twice bool) {
	t.Helper()
	rebuilt(t, path, good, part, twice, func(zw *zip.Writer) {
		w, err := zw.Create(part)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
	})
}

// goodWorkbook drops a workbook of one eligible client, good.xlsx, in the
// site's inbox and returns its bytes, for a test to make a bad one of.
func (s *site) goodWorkbook() []byte {
	s.t.Helper()
	s.workbook("good.xlsx", "G", 1)
	good, err := os.ReadFile(s.path("inbox", "good.xlsx"))
	if err != nil {
		s.t.Fatal(err)
	}
	return good
}

// TestDuplicatePartQuarantined: a workbook holding its Clients sheet
// twice (two xl/worksheets/sheet1.xml; Excel calls the file damaged, and
// cecbatch read the second silently) is quarantined with a report naming
// the part, and nothing of it is assessed.
func TestDuplicatePartQuarantined(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	good := s.goodWorkbook()
	withPart(t, s.path("inbox", "twice.xlsx"), good, "xl/worksheets/sheet1.xml", clientsSheetXML(2, ""), true)
	o := s.run(runArgs...)
	if o.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", o.code, o.stderr)
	}
	report, _ := os.ReadFile(s.path("quarantine", "twice.xlsx.report.txt"))
	if !strings.Contains(string(report), "holds the part xl/worksheets/sheet1.xml twice") {
		t.Errorf("report:\n%s", report)
	}
	for _, l := range readResults(t, s.path(o.lastLine())) {
		if l.SourceFile == "twice.xlsx" && l.ClientID != "" {
			t.Errorf("a client of the damaged workbook was assessed: %+v", l)
		}
	}
}

// TestOperatorFilesBoundedE2E: a config file, a rules file or a logo that
// names a device (they were read until memory ran out) or a file far too
// large stops cecbatch at once with exit 2, naming the key, and nothing
// is processed.
func TestOperatorFilesBoundedE2E(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("a.xlsx", "A", 1)
	if err := os.WriteFile(s.path("big.png"), make([]byte, 5<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		config string
		args   []string
		key    string
	}{
		{"", []string{"--config", "/dev/zero"}, "--config"},
		{"express_entry:\n  rules_file: /dev/zero\n", nil, "express_entry.rules_file"},
		{"letterhead:\n  logo: /dev/zero\n", nil, "letterhead.logo"},
		{"letterhead:\n  logo: big.png\n", nil, "letterhead.logo"},
	} {
		args := append(append([]string{}, runArgs...), tc.args...)
		if tc.config != "" {
			s.file("cecbatch.yaml", tc.config)
		}
		o := s.runWithin(time.Minute, args...)
		if o.code != 2 || !strings.Contains(o.stderr, tc.key) {
			t.Errorf("%v %q: exit %d, want 2 naming %s\n%s", tc.args, tc.config, o.code, tc.key, o.stderr)
		}
		if got := s.ls("inbox"); !reflect.DeepEqual(got, []string{"a.xlsx"}) || o.stdout != "" {
			t.Errorf("%v %q: something was processed", tc.args, tc.config)
		}
		os.Remove(s.path("cecbatch.yaml"))
	}
}

// TestAsOfOutOfRange: an assessment date of year 0 or 9999 (a typing slip)
// is refused with exit 2 naming as_of, and nothing is processed.
func TestAsOfOutOfRange(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("a.xlsx", "A", 1)
	for _, date := range []string{"0000-01-01", "9999-12-31", "1999-12-31", "2101-01-01"} {
		o := s.run("run", "--as-of", date, "--min-age", "0s")
		if o.code != 2 || !strings.Contains(o.stderr, "as_of") || !strings.Contains(o.stderr, "2000-01-01 to 2100-12-31") {
			t.Errorf("--as-of %s: exit %d, want 2 naming as_of and the range\n%s", date, o.code, o.stderr)
		}
		if o := s.run("check", "--as-of", date, "inbox"); o.code != 2 {
			t.Errorf("check --as-of %s: exit %d, want 2", date, o.code)
		}
	}
	if got := s.ls("inbox"); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("inbox %v: something was processed", got)
	}
}

// importable is what a script that imports every run folder's
// results.jsonl takes from one: every client line, unless the file ends
// with a run_status line, which lists the inputs whose results stand.
func importable(t *testing.T, runDir string) []string {
	t.Helper()
	type line struct {
		ClientID    string   `json:"client_id"`
		SourceFile  string   `json:"source_file"`
		RunStatus   string   `json:"run_status"`
		InputsMoved []string `json:"inputs_moved"`
	}
	lines := resultsOf[line](t, runDir)
	var keep map[string]bool
	if last := lines[len(lines)-1]; last.RunStatus != "" {
		keep = map[string]bool{}
		for _, n := range last.InputsMoved {
			keep[n] = true
		}
	}
	var ids []string
	for _, l := range lines {
		if l.ClientID != "" && (keep == nil || keep[l.SourceFile]) {
			ids = append(ids, l.ClientID)
		}
	}
	return ids
}

// TestFailedRunFolderIsMarked: a run that cannot archive its inputs (the
// archive a link to a folder nobody can write in, not even root) exits 4
// and prints no run folder; the folder it wrote is named <run-id>-FAILED,
// holds FAILED.txt, and its results.jsonl ends with a line that tells a
// script the inputs left in the inbox. The next run, with the archive
// fixed, assesses them again, and a script importing every folder by
// that rule has each client once.
func TestFailedRunFolderIsMarked(t *testing.T) {
	t.Parallel()
	if info, err := os.Stat("/proc/self"); err != nil || !info.IsDir() {
		t.Skip("needs /proc to make a folder nobody can write in")
	}
	s := newSite(t)
	s.workbook("a.xlsx", "A", 2)
	s.file("inbox/notes.csv", "x")
	if err := os.Symlink("/proc/self", s.path("archive")); err != nil {
		t.Fatal(err)
	}
	o := s.run(runArgs...)
	if o.code != 4 {
		t.Fatalf("exit %d, want 4\n%s", o.code, o.stderr)
	}
	if o.stdout != "" {
		t.Errorf("a failed run printed %q as its run folder", o.stdout)
	}
	failed, _ := filepath.Glob(s.path("out", "*-FAILED"))
	if len(failed) != 1 || !strings.Contains(o.stderr, filepath.Base(failed[0])) {
		t.Fatalf("failed folders %v; the error does not name it:\n%s", failed, o.stderr)
	}
	if done, _ := filepath.Glob(s.path("out", "2*[0-9]")); len(done) != 0 {
		t.Errorf("a folder looks like a finished run: %v", done)
	}
	note, _ := os.ReadFile(filepath.Join(failed[0], "FAILED.txt"))
	if !strings.Contains(string(note), "THIS RUN FAILED") || !strings.Contains(string(note), "    a.xlsx\n") {
		t.Errorf("FAILED.txt:\n%s", note)
	}
	if got := importable(t, failed[0]); len(got) != 0 {
		t.Errorf("a script would import %v from the failed run", got)
	}

	if err := os.Remove(s.path("archive")); err != nil {
		t.Fatal(err)
	}
	o = s.run(runArgs...)
	if o.code != 0 {
		t.Fatalf("second run: exit %d\n%s", o.code, o.stderr)
	}
	all := append(importable(t, failed[0]), importable(t, s.path(o.lastLine()))...)
	if want := []string{"A-1", "A-2"}; !reflect.DeepEqual(all, want) {
		t.Errorf("a script importing every folder gets %v, want %v once each", all, want)
	}
}
