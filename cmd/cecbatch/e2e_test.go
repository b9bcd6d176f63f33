package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/batch"
)

// The end-to-end tests build the real binary once and run it as cron
// would, on temporary inboxes, checking exit codes and the files left
// behind. The binary is built without the race detector even under
// `go test -race`: it is what users run (its memory is what the README
// promises), and a race-detecting binary made every run several times
// slower and cost a second build of every package. The real pipeline is
// checked for races in-process instead (TestRealPipelineInProcess).

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cecbatch-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "cecbatch")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build cecbatch:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// site is a working folder with the default layout (inbox, out, archive,
// quarantine), where cecbatch runs as in production.
type site struct {
	t   *testing.T
	dir string
	env []string
	// bin is the binary to run; "" for the shared one.
	bin string
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{t: t, dir: t.TempDir()}
	if err := os.Mkdir(s.path("inbox"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CECBATCH_") {
			s.env = append(s.env, kv)
		}
	}
	return s
}

func (s *site) path(rel ...string) string { return filepath.Join(append([]string{s.dir}, rel...)...) }

// command prepares cecbatch ARGS in the site's folder, with the site's
// environment (no CECBATCH_* variable of the caller's).
func (s *site) command(args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	exe := binary
	if s.bin != "" {
		exe = s.bin
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = s.dir
	cmd.Env = s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

type outcome struct {
	code           int
	stdout, stderr string
}

// lastLine is the last line of standard output: the run folder.
func (o outcome) lastLine() string {
	lines := strings.Split(strings.TrimRight(o.stdout, "\n"), "\n")
	return lines[len(lines)-1]
}

func (s *site) run(args ...string) outcome {
	s.t.Helper()
	cmd, stdout, stderr := s.command(args...)
	err := cmd.Run()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		s.t.Fatal(err)
	}
	return outcome{code, stdout.String(), stderr.String()}
}

// runArgs is a run with a fixed as-of date that takes files however young.
var runArgs = []string{"run", "--as-of", "2025-06-01", "--min-age", "0s"}

// workbook writes an intake workbook with n clients (IDs prefix-1 …), each
// with one job and one test, so that they are eligible.
func (s *site) workbook(name, prefix string, n int) {
	s.t.Helper()
	writeWorkbook(s.t, s.path("inbox", name), prefix, n)
}

// generated are the workbooks writeWorkbook made, by prefix and size:
// the scenarios that use the same inbox share one generation of it.
var generated sync.Map // generatedKey -> []byte

type generatedKey struct {
	prefix string
	n      int
}

func writeWorkbook(t testing.TB, path, prefix string, n int) {
	t.Helper()
	if n >= 1000 {
		writeLargeWorkbook(t, path, prefix, n)
		return
	}
	key := generatedKey{prefix, n}
	if b, ok := generated.Load(key); ok {
		if err := os.WriteFile(path, b.([]byte), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	generateWorkbook(t, path, prefix, n)
	if b, err := os.ReadFile(path); err == nil {
		generated.Store(key, b)
	}
}

func generateWorkbook(t testing.TB, path, prefix string, n int) {
	t.Helper()
	rows := map[string][][]any{
		"Clients":        {{"Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province"}},
		"Employment":     {{"Client ID", "Employer", "NOC", "Start Date", "End Date", "Hours Per Week", "Work Authorization"}},
		"Language Tests": {{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}},
	}
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("%s-%d", prefix, i)
		rows["Clients"] = append(rows["Clients"], []any{id, "Bérubé", "Élodie", "1990-04-02", "ON"})
		// A blank authorization that decides the verdict is a concern
		// (W-AUTH-VERIFY): these clients hold a PGWP.
		rows["Employment"] = append(rows["Employment"], []any{id, "Maple Software Inc.", "21231", "2022-01-03", "", 40, "PGWP"})
		rows["Language Tests"] = append(rows["Language Tests"], []any{id, "CELPIP-General", "2025-01-15", 9, 9, 9, 9})
	}
	saveIntake(t, path, rows)
}

func (s *site) file(rel, content string) {
	s.t.Helper()
	if err := os.WriteFile(s.path(rel), []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// ls lists the files under rel, recursively, as slash paths.
func (s *site) ls(rel string) []string {
	s.t.Helper()
	var names []string
	root := s.path(rel)
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r, _ := filepath.Rel(root, path)
			names = append(names, filepath.ToSlash(r))
		}
		return nil
	})
	sort.Strings(names)
	return names
}

type resultLine struct {
	ClientID   string  `json:"client_id"`
	SourceFile string  `json:"source_file"`
	Verdict    string  `json:"verdict"`
	OpinionPDF *string `json:"opinion_pdf"`
	FileStatus string  `json:"file_status"`
	Clients    int     `json:"clients"`
}

func readResults(t *testing.T, runDir string) []resultLine {
	t.Helper()
	return resultsOf[resultLine](t, runDir)
}

// resultsOf decodes every line of runDir's results.jsonl into a T, each
// test taking the fields it checks, as a script reading the file would.
func resultsOf[T any](t *testing.T, runDir string) []T {
	t.Helper()
	f, err := os.Open(filepath.Join(runDir, "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l T
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("results.jsonl: %v: %s", err, sc.Text())
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// checkComplete verifies that every output under dir that has a final name
// is complete: PDFs validate, workbooks open, JSON lines parse. Temporary
// files (hidden, ending in .tmp) are allowed only in an .incomplete folder,
// whose opinions are written under their final names and may be cut short
// by a kill: the folder's name says they are not finished, so they are
// not checked.
func checkComplete(t *testing.T, dir string) (pdfs int) {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == batch.StateDir {
			return filepath.SkipDir // the run's records, not outputs
		}
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		switch {
		case strings.HasSuffix(name, ".tmp"):
			if !strings.Contains(path, ".incomplete") {
				t.Errorf("temporary file outside an incomplete run folder: %s", path)
			}
		case strings.Contains(path, ".incomplete"+string(filepath.Separator)):
			// Not finished, and named so.
		case strings.HasSuffix(name, ".pdf"):
			pdfs++
			if err := api.ValidateFile(path, conf); err != nil {
				t.Errorf("%s: not a valid PDF: %v", path, err)
			}
		case strings.HasSuffix(name, ".xlsx"):
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Errorf("%s: %v", path, err)
			} else {
				f.Close()
			}
		case name == "results.jsonl":
			readResults(t, filepath.Dir(path))
		}
		return nil
	})
	return pdfs
}

func TestMixedGoodAndBadFiles(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("week1.xlsx", "A", 3)
	s.workbook("week2.xlsx", "B", 2)
	s.file("inbox/broken.xlsx", "this is not a zip file at all")
	s.file("inbox/old.xls", "\xd0\xcf\x11\xe0 pretend OLE2")
	s.file("inbox/notes.csv", "Client ID,Family Name\nX,Y\n")
	s.file("inbox/~$week1.xlsx", "office owner file")

	o := s.run(runArgs...)
	if o.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", o.code, o.stderr)
	}
	runDir := o.lastLine()
	if !strings.HasPrefix(runDir, "out"+string(filepath.Separator)) {
		t.Fatalf("last line %q is not the run folder", runDir)
	}
	if got, want := s.ls("inbox"), []string{"~$week1.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("inbox %v, want %v", got, want)
	}
	if got, want := s.ls("archive"), []string{"week1.xlsx", "week2.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("archive %v, want %v", got, want)
	}
	want := []string{"broken.xlsx", "broken.xlsx.report.txt", "notes.csv", "notes.csv.report.txt", "old.xls", "old.xls.report.txt"}
	if got := s.ls("quarantine"); !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want %v", got, want)
	}
	report, _ := os.ReadFile(s.path("quarantine", "old.xls.report.txt"))
	if !strings.Contains(string(report), ".xlsx") {
		t.Errorf("old.xls report does not say to save it as .xlsx:\n%s", report)
	}

	lines := readResults(t, s.path(runDir))
	clients, files := 0, map[string]string{}
	for _, l := range lines {
		if l.FileStatus != "" {
			files[l.SourceFile] = l.FileStatus
			continue
		}
		clients++
		if l.Verdict != "eligible" || l.OpinionPDF == nil {
			t.Errorf("client %s: %s, pdf %v", l.ClientID, l.Verdict, l.OpinionPDF)
		}
	}
	wantFiles := map[string]string{"week1.xlsx": "processed", "week2.xlsx": "processed",
		"broken.xlsx": "rejected", "old.xls": "rejected", "notes.csv": "rejected"}
	if clients != 5 || !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("results: %d clients, files %v", clients, files)
	}
	if n := checkComplete(t, s.path("out")); n != 5 {
		t.Errorf("%d PDFs, want 5", n)
	}
	for _, rel := range []string{"out", runDir, filepath.Join(runDir, "opinions"), "archive", "quarantine"} {
		if info, err := os.Stat(s.path(rel)); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v %v, want 0700", rel, info.Mode().Perm(), err)
		}
	}
	for _, rel := range []string{"out", "archive", "quarantine"} {
		for _, name := range s.ls(rel) {
			if info, _ := os.Stat(s.path(rel, name)); info.Mode().Perm() != 0o600 {
				t.Errorf("%s/%s: mode %v, want 0600", rel, name, info.Mode().Perm())
			}
		}
	}
	for _, forbidden := range []string{"Bérubé", "Élodie", "1990-04-02"} {
		if strings.Contains(o.stderr, forbidden) {
			t.Errorf("the log names a client: %q", forbidden)
		}
	}
}

func TestKeepInputs(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("week1.xlsx", "A", 2)
	s.file("inbox/notes.csv", "x")
	before := snapshot(t, s.path("inbox"))
	o := s.run(append(runArgs, "--keep-inputs")...)
	if o.code != 1 {
		t.Fatalf("exit %d, want 1 (notes.csv is rejected)\n%s", o.code, o.stderr)
	}
	if after := snapshot(t, s.path("inbox")); !reflect.DeepEqual(before, after) {
		t.Errorf("inbox changed:\n%v\n%v", before, after)
	}
	for _, dir := range []string{"archive", "quarantine"} {
		if _, err := os.Stat(s.path(dir)); err == nil {
			t.Errorf("%s created with --keep-inputs", dir)
		}
	}
	if len(readResults(t, s.path(o.lastLine()))) != 4 {
		t.Error("results.jsonl should hold 2 clients and 2 files")
	}
}

// snapshot is each file's name, size, mode and modification time.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		info, _ := e.Info()
		out = append(out, fmt.Sprintf("%s %d %v %d", e.Name(), info.Size(), info.Mode(), info.ModTime().UnixNano()))
	}
	return out
}

func TestUnwritableOutput(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("week1.xlsx", "A", 1)
	s.file("inbox/notes.csv", "x")
	// Tests run as root, so permissions would not stop a write: a file
	// where the output folder should be does.
	s.file("out", "a file, not a folder")
	o := s.run(runArgs...)
	if o.code != 4 {
		t.Fatalf("exit %d, want 4\n%s", o.code, o.stderr)
	}
	if o.stdout != "" {
		t.Errorf("stdout %q, want nothing", o.stdout)
	}
	if got, want := s.ls("inbox"), []string{"notes.csv", "week1.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("inbox %v, want %v", got, want)
	}
	if len(s.ls("quarantine")) != 0 || len(s.ls("archive")) != 0 {
		t.Error("an input was moved by a failed run")
	}
}

func TestConfigPrecedenceAndUnknownKey(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("week1.xlsx", "A", 1)
	s.file("cecbatch.yaml", "out: out-file\nkeep_inputs: true\n")

	runIn := func(o outcome) string {
		t.Helper()
		if o.code != 0 {
			t.Fatalf("exit %d\n%s", o.code, o.stderr)
		}
		return filepath.Dir(o.lastLine())
	}
	if got := runIn(s.run(runArgs...)); got != "out-file" {
		t.Errorf("file: out %s, want out-file", got)
	}
	s.env = append(s.env, "CECBATCH_OUT=out-env")
	if got := runIn(s.run(runArgs...)); got != "out-env" {
		t.Errorf("env over file: out %s, want out-env", got)
	}
	if got := runIn(s.run(append(runArgs, "--out", "out-flag")...)); got != "out-flag" {
		t.Errorf("flag over env: out %s, want out-flag", got)
	}

	for _, tc := range []struct{ yaml, key string }{
		{"out: out-file\nkep_inputs: true\n", "kep_inputs"},
		{"workers: lots\n", "workers"},
		{"letterhead:\n  firm: X\n", "letterhead.firm"},
	} {
		s.file("cecbatch.yaml", tc.yaml)
		before := snapshot(t, s.path("inbox"))
		o := s.run(runArgs...)
		if o.code != 2 {
			t.Errorf("%q: exit %d, want 2", tc.yaml, o.code)
		}
		if !strings.Contains(o.stderr, tc.key) {
			t.Errorf("%q: the error does not name %s: %s", tc.yaml, tc.key, o.stderr)
		}
		if after := snapshot(t, s.path("inbox")); !reflect.DeepEqual(before, after) || o.stdout != "" {
			t.Errorf("%q: something was processed", tc.yaml)
		}
	}
	if o := s.run("run", "--no-such-flag"); o.code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", o.code)
	}
	if o := s.run("frobnicate"); o.code != 2 {
		t.Errorf("unknown command: exit %d, want 2", o.code)
	}
}

// start starts a run in the background.
func (s *site) start(args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	s.t.Helper()
	cmd, stdout, stderr := s.command(args...)
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	return cmd, stdout, stderr
}

// waitForOpinions waits until a run has written at least n opinions.
func (s *site) waitForOpinions(n int) {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(s.path("out", "*.incomplete", "opinions", "*.pdf"))
		if len(matches) >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.t.Fatalf("no %d opinions after a minute", n)
}

func exitCodeOf(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	if exitErr, ok := err.(*exec.ExitError); ok {
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return -int(ws.Signal())
		}
		return exitErr.ExitCode()
	}
	t.Fatal(err)
	return 0
}

// TestLock: a second run on an inbox that a first run is working on exits 3
// at once and touches nothing; the first run is not disturbed. The first
// run is stopped (SIGSTOP) while it holds the lock, so that it cannot
// finish before the second run starts, however slow the machine.
func TestLock(t *testing.T) {
	s := newSite(t)
	for i := 0; i < 4; i++ {
		s.workbook(fmt.Sprintf("w%d.xlsx", i), fmt.Sprintf("W%d", i), 15)
	}
	first, firstOut, firstErr := s.start(append(runArgs, "--workers", "1")...)
	t.Cleanup(func() { first.Process.Kill() }) // if the test stops before the first run's end
	s.waitForOpinions(1)
	if err := first.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatalf("the first run ended before the second started: %v", err)
	}
	second := s.run(runArgs...)
	if err := first.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if second.code != 3 {
		t.Errorf("second run: exit %d, want 3\n%s", second.code, second.stderr)
	}
	if second.stdout != "" {
		t.Errorf("second run printed %q", second.stdout)
	}
	if code := exitCodeOf(t, first.Wait()); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, firstErr)
	}
	if got := s.ls("archive"); len(got) != 4 {
		t.Errorf("archive %v", got)
	}
	if lines := readResults(t, s.path(strings.TrimSpace(firstOut.String()))); len(lines) != 4*15+4 {
		t.Errorf("%d results lines", len(lines))
	}
}

// TestKilledRunThenNormalRun: a run killed half-way leaves every input in
// the inbox and nothing that looks complete but is not; the next run
// processes every input exactly once.
func TestKilledRunThenNormalRun(t *testing.T) {
	s := newSite(t)
	for i := 0; i < 5; i++ {
		s.workbook(fmt.Sprintf("w%d.xlsx", i), fmt.Sprintf("K%d", i), 12)
	}
	inputs := s.ls("inbox")
	cmd, _, _ := s.start(append(runArgs, "--workers", "1")...)
	s.waitForOpinions(15) // past the first workbook
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if code := exitCodeOf(t, cmd.Wait()); code != -int(syscall.SIGKILL) {
		t.Fatalf("the run ended before the kill (exit %d): make it longer", code)
	}
	var inbox []string
	for _, name := range s.ls("inbox") {
		// The lock file is left by the kill, harmless: not locked any
		// more. The records of the inputs in flight are in the output
		// folder, never in the inbox.
		if name != batch.LockName {
			inbox = append(inbox, name)
		}
	}
	if !reflect.DeepEqual(inbox, inputs) {
		t.Fatalf("inbox after the kill: %v, want %v", inbox, inputs)
	}
	if len(s.ls("archive")) != 0 {
		t.Errorf("archived by a killed run: %v", s.ls("archive"))
	}
	checkComplete(t, s.path("out"))
	if done, _ := filepath.Glob(s.path("out", "2*[0-9]")); len(done) != 0 {
		t.Errorf("a killed run left a folder that looks complete: %v", done)
	}

	o := s.run(runArgs...)
	if o.code != 0 {
		t.Fatalf("second run: exit %d\n%s", o.code, o.stderr)
	}
	if got := s.ls("archive"); !reflect.DeepEqual(got, inputs) {
		t.Errorf("archive %v, want each input exactly once: %v", got, inputs)
	}
	if got := s.ls("inbox"); len(got) != 0 {
		t.Errorf("inbox %v", got)
	}
	seen := map[string]int{}
	for _, l := range readResults(t, s.path(o.lastLine())) {
		if l.ClientID != "" {
			seen[l.ClientID]++
		}
	}
	if len(seen) != 5*12 {
		t.Errorf("%d clients in the second run, want %d", len(seen), 5*12)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("client %s: %d lines", id, n)
		}
	}
	checkComplete(t, s.path(o.lastLine()))
}

// TestSIGTERM: the run stops taking work, completes its folder with the
// inputs it finished (archived), leaves the others in the inbox, exits 130.
func TestSIGTERM(t *testing.T) {
	s := newSite(t)
	for i := 0; i < 5; i++ {
		s.workbook(fmt.Sprintf("w%d.xlsx", i), fmt.Sprintf("T%d", i), 40)
	}
	inputs := s.ls("inbox")
	cmd, stdout, stderr := s.start(append(runArgs, "--workers", "1")...)
	s.waitForOpinions(50)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := exitCodeOf(t, cmd.Wait()); code != 130 {
		t.Fatalf("exit %d, want 130\n%s", code, stderr)
	}
	runDir := strings.TrimSpace(stdout.String())
	if runDir == "" || strings.HasSuffix(runDir, ".incomplete") {
		t.Fatalf("run folder %q", runDir)
	}
	archived, left := s.ls("archive"), s.ls("inbox")
	if len(archived) == 0 || len(left) == 0 {
		t.Errorf("archived %v, left %v: want some of each", archived, left)
	}
	all := append(append([]string{}, archived...), left...)
	sort.Strings(all)
	if !reflect.DeepEqual(all, inputs) {
		t.Errorf("archived %v + left %v != inputs %v", archived, left, inputs)
	}
	byFile := map[string]int{}
	for _, l := range readResults(t, s.path(runDir)) {
		if l.ClientID != "" {
			byFile[l.SourceFile]++
		}
	}
	for _, name := range archived {
		if byFile[name] != 40 {
			t.Errorf("archived %s has %d clients in the results, want 40", name, byFile[name])
		}
	}
	for _, name := range left {
		if byFile[name] != 0 {
			t.Errorf("%s was left in the inbox but has %d clients in the results", name, byFile[name])
		}
	}
	if n := checkComplete(t, s.path("out")); n != 40*len(archived) {
		t.Errorf("%d PDFs, want %d (only the archived inputs' opinions)", n, 40*len(archived))
	}
}

func TestCheckAndTemplate(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if o := s.run("template", "intake.xlsx"); o.code != 0 {
		t.Fatalf("template: exit %d\n%s", o.code, o.stderr)
	}
	if o := s.run("template", "intake.xlsx"); o.code != 2 {
		t.Errorf("template over an existing file: exit %d, want 2", o.code)
	}
	// The template's worked example is skipped with a note, by check and
	// by run: a template dropped in unchanged assesses nobody.
	o := s.run("check", "intake.xlsx")
	if o.code != 0 || !strings.Contains(o.stdout, "intake.xlsx: processed: 0 of 0 clients need review; 0 errors, 1 warning") || !strings.Contains(o.stdout, "worked example") {
		t.Errorf("check of the template: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	if err := os.Rename(s.path("intake.xlsx"), s.path("inbox", "intake.xlsx")); err != nil {
		t.Fatal(err)
	}
	o = s.run(runArgs...)
	if o.code != 0 {
		t.Errorf("run of the template: exit %d\n%s", o.code, o.stderr)
	}
	for _, l := range readResults(t, s.path(o.lastLine())) {
		if l.FileStatus == "" || l.FileStatus != "processed" || l.Clients != 0 {
			t.Errorf("run of the template: %+v, want the file processed with no client", l)
		}
	}

	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Clients")
	f.SetSheetRow("Clients", "A1", &[]any{"Client ID", "Family Name", "Given Names", "Intended Province", "Date of Birth"})
	f.SetSheetRow("Clients", "A2", &[]any{"C-1", "Ng", "Minh", "ON", "31/31/1990"})
	if err := f.SaveAs(s.path("bad.xlsx")); err != nil {
		t.Fatal(err)
	}
	s.file("notes.csv", "a,b\n")
	before := snapshot(t, s.dir)
	o = s.run("check", "bad.xlsx", "notes.csv")
	if o.code != 1 {
		t.Errorf("check: exit %d, want 1\n%s", o.code, o.stdout)
	}
	if !strings.Contains(o.stdout, "bad.xlsx › Clients!E2: ") || !strings.Contains(o.stdout, "notes.csv: quarantined: ") {
		t.Errorf("check output:\n%s", o.stdout)
	}
	if after := snapshot(t, s.dir); !reflect.DeepEqual(before, after) {
		t.Error("check wrote something")
	}
}

func TestVersionAndHelp(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if o := s.run("version"); o.code != 0 || !strings.HasPrefix(o.stdout, "cecbatch ") {
		t.Errorf("version: %d %q", o.code, o.stdout)
	}
	o := s.run("run", "--help")
	if o.code != 0 || !strings.Contains(o.stdout, "Exit status") || strings.Contains(o.stdout, "package main") {
		t.Errorf("help: %d\n%s", o.code, o.stdout)
	}
}
