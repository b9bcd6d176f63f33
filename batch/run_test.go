package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/config"
)

// fakeEngine reads "workbooks" that are text files, one client ID per
// line. A line "REJECT why" rejects the file; a client ID "panic" panics
// while rendering; "render-error" fails to render. It stands in for
// ingest and report so that the lifecycle is tested alone and fast.
type fakeEngine struct {
	mu       sync.Mutex
	seen     map[string]bool
	names    map[string]int
	onRender func(id string) // called before rendering each client
	badName  bool            // OpinionName returns a name in a missing folder
	reject   string          // the reason of a REJECT file, if not the default
	docx     bool            // Render also gives a .docx beside each PDF
	// prescanned lists the files passed to Prescan, in call order.
	prescanned []string
	// prescannedAtRead is len(prescanned) at each ReadFile.
	prescannedAtRead []int
}

// Prescan counts the client lines of a file, as ReadFile reads them.
func (e *fakeEngine) Prescan(_ context.Context, path, name string) int {
	e.mu.Lock()
	e.prescanned = append(e.prescanned, name)
	e.mu.Unlock()
	text, err := os.ReadFile(path)
	if err != nil || strings.Contains(string(text), "REJECT") {
		return 0
	}
	return len(strings.Fields(string(text)))
}

func (e *fakeEngine) ReadFile(_ context.Context, path, name string) (*Workbook, error) {
	e.mu.Lock()
	e.prescannedAtRead = append(e.prescannedAtRead, len(e.prescanned))
	e.mu.Unlock()
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	wb := &Workbook{}
	for _, line := range strings.Fields(string(text)) {
		if line == "REJECT" {
			if e.reject != "" {
				return nil, &Rejection{Reason: e.reject}
			}
			return nil, &Rejection{Reason: "not a workbook: save it as .xlsx"}
		}
		wb.Clients = append(wb.Clients, &assess.Client{ID: line, SourceFile: name})
	}
	return wb, nil
}

func (e *fakeEngine) Claim(c *assess.Client) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.seen == nil {
		e.seen = map[string]bool{}
	}
	if e.seen[c.ID] {
		c.Problems = append(c.Problems, assess.Problem{Message: assess.Plain("duplicate")})
	}
	e.seen[c.ID] = true
}

func (e *fakeEngine) OpinionName(c *assess.Client) string {
	if e.badName {
		return "missing-folder/" + c.ID + ".pdf"
	}
	if e.names == nil {
		e.names = map[string]int{}
	}
	e.names[c.ID]++
	return suffixed(c.ID+".pdf", e.names[c.ID])
}

func (e *fakeEngine) Assess(c *assess.Client) *Assessed {
	v := assess.Eligible
	if len(c.Problems) > 0 {
		v = assess.NeedsReview
	} else if strings.HasPrefix(c.ID, "n") {
		v = assess.NotEligible
	}
	return &Assessed{Assessment: &assess.Assessment{Client: c, Verdict: v}}
}

func (e *fakeEngine) Render(a *Assessed, name string) ([]Document, error) {
	if e.onRender != nil {
		e.onRender(a.Client.ID)
	}
	switch a.Client.ID {
	case "panic":
		panic("boom " + a.Client.FamilyName)
	case "render-error":
		return nil, errors.New("glyph missing")
	}
	docs := []Document{{Name: name, Data: fmt.Appendf(nil, "%%PDF opinion of %s (%s)\n", a.Client.ID, a.Verdict)}}
	if e.docx {
		docs = append(docs, Document{Name: strings.TrimSuffix(name, ".pdf") + ".docx", Data: []byte("PK opinion")})
	}
	return docs, nil
}

func (e *fakeEngine) NewOutputs(results io.Writer, summaryPath string) (Outputs, error) {
	return &fakeOutputs{w: results, path: summaryPath}, nil
}

type fakeOutputs struct {
	w    io.Writer
	path string
	rows []string
}

func (o *fakeOutputs) Client(a *Assessed, files []string) error {
	pdf := ""
	if len(files) > 0 {
		pdf = files[0]
	}
	codes := ""
	for _, f := range a.Findings {
		codes += " " + f.Code
	}
	line := fmt.Sprintf("client %s %s %s %q%s", a.Client.SourceFile, a.Client.ID, a.Verdict, pdf, codes)
	o.rows = append(o.rows, line)
	_, err := fmt.Fprintln(o.w, line)
	return err
}

func (o *fakeOutputs) File(f FileOutcome) error {
	_, err := fmt.Fprintf(o.w, "file %s rejected=%v clients=%d\n", f.SourceFile, f.Rejected, f.Clients)
	return err
}

func (o *fakeOutputs) Abort() {}

func (o *fakeOutputs) Close(s Stats, _ [][2]string) error {
	return os.WriteFile(o.path, []byte(fmt.Sprintf("summary %d clients\n%s\n", s.Clients, strings.Join(o.rows, "\n"))), 0o644)
}

type fixture struct {
	t                               *testing.T
	inbox, out, archive, quarantine string
	cfg                             config.Config
	old                             time.Time
}

func newFixture(t *testing.T) *fixture {
	dir := t.TempDir()
	f := &fixture{t: t, inbox: filepath.Join(dir, "inbox"), out: filepath.Join(dir, "out"),
		archive: filepath.Join(dir, "archive"), quarantine: filepath.Join(dir, "quarantine"),
		old: time.Now().Add(-time.Hour)}
	if err := os.Mkdir(f.inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	f.cfg = config.Config{Inbox: f.inbox, Out: f.out, Archive: f.archive, Quarantine: f.quarantine,
		Workers: 2, MinAge: time.Minute,
		Permissions: config.Permissions{DirMode: 0o700, FileMode: 0o600}}
	return f
}

// drop puts a file in the inbox, modified an hour ago unless young.
func (f *fixture) drop(name, content string, young bool) {
	path := filepath.Join(f.inbox, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
	if !young {
		if err := os.Chtimes(path, f.old, f.old); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) run(ctx context.Context, e Engine) (Result, error) {
	return Run(ctx, Options{Config: f.cfg, Engine: e, AsOf: assess.MustDate("2025-06-01")})
}

func list(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == StateDir && path != dir {
			return filepath.SkipDir // checked by the tests of the state folder
		}
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(names)
	return names
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMixedInbox(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1 n2", false)
	f.drop("b.xlsx", "REJECT", false)
	f.drop("c.csv", "e9", false)
	f.drop("d.XLSX", "e1 panic render-error", false) // e1 again: a duplicate across files
	f.drop("~$a.xlsx", "owner", false)
	f.drop(".~lock.a.xlsx#", "lock", false)
	f.drop(".hidden.xlsx", "e5", false)
	f.drop("young.xlsx", "e6", true)
	if err := os.Mkdir(filepath.Join(f.inbox, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(f.archive, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.archive, "a.xlsx"), []byte("an older a.xlsx"), 0o600); err != nil {
		t.Fatal(err)
	}

	res, err := f.run(context.Background(), &fakeEngine{})
	if err != nil {
		t.Fatal(err)
	}
	// Left: ~$a.xlsx, .~lock.a.xlsx# and young.xlsx; not the hidden file
	// or the folder.
	want := Result{RunDir: res.RunDir, RunID: res.RunID, Files: 4, Processed: 2, Rejected: 2, Left: 3, Skipped: 4,
		Clients: 5, Eligible: 1, NotEligible: 1, NeedsReview: 3, Failed: 2}
	if res != want {
		t.Errorf("result\n%+v\nwant\n%+v", res, want)
	}
	if got, want := list(t, f.inbox), []string{".hidden.xlsx", ".~lock.a.xlsx#", "young.xlsx", "~$a.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("inbox %v, want %v", got, want)
	}
	if got, want := list(t, f.archive), []string{"a-2.xlsx", "a.xlsx", "d.XLSX"}; !reflect.DeepEqual(got, want) {
		t.Errorf("archive %v, want %v", got, want)
	}
	if read(t, filepath.Join(f.archive, "a.xlsx")) != "an older a.xlsx" || read(t, filepath.Join(f.archive, "a-2.xlsx")) != "e1 n2" {
		t.Error("an archived file was overwritten")
	}
	if got, want := list(t, f.quarantine), []string{"b.xlsx", "b.xlsx.report.txt", "c.csv", "c.csv.report.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want %v", got, want)
	}
	if report := read(t, filepath.Join(f.quarantine, "c.csv.report.txt")); !strings.Contains(report, "save it as .xlsx") {
		t.Errorf("report of c.csv: %s", report)
	}
	if filepath.Base(res.RunDir) != res.RunID || filepath.Dir(res.RunDir) != f.out {
		t.Errorf("run folder %s, id %s", res.RunDir, res.RunID)
	}
	if got, want := list(t, res.RunDir), []string{"opinions/e1-2.pdf", "opinions/e1.pdf", "opinions/n2.pdf", "results.jsonl", "summary.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("run folder %v, want %v", got, want)
	}
	wantResults := `client a.xlsx e1 eligible "opinions/e1.pdf"
client a.xlsx n2 not_eligible "opinions/n2.pdf"
file a.xlsx rejected=false clients=2
file b.xlsx rejected=true clients=0
file c.csv rejected=true clients=0
client d.XLSX e1 needs_review "opinions/e1-2.pdf"
client d.XLSX panic needs_review "" INTERNAL
client d.XLSX render-error needs_review "" INTERNAL
file d.XLSX rejected=false clients=3
`
	if got := read(t, filepath.Join(res.RunDir, "results.jsonl")); got != wantResults {
		t.Errorf("results.jsonl\n%s\nwant\n%s", got, wantResults)
	}
	for _, dir := range []string{f.out, res.RunDir, filepath.Join(res.RunDir, "opinions"), f.quarantine} {
		if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, %v", dir, info.Mode().Perm(), err)
		}
	}
	for _, dir := range []string{res.RunDir, f.quarantine, f.archive} {
		for _, name := range list(t, dir) {
			if name == "a.xlsx" && dir == f.archive {
				continue // put there by the test
			}
			if info, _ := os.Stat(filepath.Join(dir, name)); info.Mode().Perm() != 0o600 {
				t.Errorf("%s/%s: mode %v", dir, name, info.Mode().Perm())
			}
		}
	}
}

// TestDeterministic: with many workers and files, the rows come out in
// input order, and duplicates are settled in input order.
func TestDeterministic(t *testing.T) {
	var first string
	for attempt := 0; attempt < 3; attempt++ {
		f := newFixture(t)
		f.cfg.Workers = 4
		f.cfg.KeepInputs = true
		for i := 0; i < 12; i++ {
			var ids []string
			for j := 0; j < 1+(i*7)%5; j++ {
				ids = append(ids, fmt.Sprintf("c%d", (i+j)%9))
			}
			f.drop(fmt.Sprintf("f%02d.xlsx", i), strings.Join(ids, " "), false)
		}
		res, err := f.run(context.Background(), &fakeEngine{})
		if err != nil {
			t.Fatal(err)
		}
		got := read(t, filepath.Join(res.RunDir, "results.jsonl"))
		if attempt == 0 {
			first = got
		} else if got != first {
			t.Fatalf("run %d differs:\n%s\nfirst:\n%s", attempt, got, first)
		}
	}
}

func TestKeepInputs(t *testing.T) {
	f := newFixture(t)
	f.cfg.KeepInputs = true
	f.drop("a.xlsx", "e1", false)
	f.drop("b.txt", "e1", false)
	before := list(t, f.inbox)
	res, err := f.run(context.Background(), &fakeEngine{})
	if err != nil {
		t.Fatal(err)
	}
	if got := list(t, f.inbox); !reflect.DeepEqual(got, before) {
		t.Errorf("inbox %v, want %v", got, before)
	}
	if exists(f.archive) || exists(f.quarantine) {
		t.Error("archive or quarantine created with keep_inputs")
	}
	if res.Processed != 1 || res.Rejected != 1 {
		t.Errorf("%+v", res)
	}
}

func TestRunFailureLeavesInputs(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1 e2", false)
	f.drop("b.xlsx", "REJECT", false)
	_, err := f.run(context.Background(), &fakeEngine{badName: true})
	var runErr *RunError
	if !errors.As(err, &runErr) {
		t.Fatalf("error %v, want a *RunError", err)
	}
	if got := list(t, f.inbox); !reflect.DeepEqual(got, []string{"a.xlsx", "b.xlsx"}) {
		t.Errorf("inbox %v", got)
	}
	if got := list(t, f.out); len(got) != 0 {
		t.Errorf("out holds %v", got)
	}
	if got := list(t, f.quarantine); len(got) != 0 {
		t.Errorf("quarantine holds %v", got)
	}

	// A file where the output folder should be.
	f2 := newFixture(t)
	f2.drop("a.xlsx", "e1", false)
	if err := os.WriteFile(f2.out, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f2.run(context.Background(), &fakeEngine{}); !errors.As(err, &runErr) {
		t.Fatalf("error %v, want a *RunError", err)
	}
	if got := list(t, f2.inbox); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("inbox %v", got)
	}
}

func TestInterrupted(t *testing.T) {
	f := newFixture(t)
	f.cfg.Workers = 1
	f.drop("a.xlsx", "a1 a2", false)
	f.drop("b.xlsx", "b1 b2 b3", false)
	f.drop("c.xlsx", "c1", false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Each client has two documents: an interrupted file leaves neither.
	e := &fakeEngine{docx: true, onRender: func(id string) {
		if id == "b2" {
			cancel()
		}
	}}
	res, err := f.run(ctx, e)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("error %v, want ErrInterrupted", err)
	}
	if got := list(t, f.archive); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("archive %v", got)
	}
	if got := list(t, f.inbox); !reflect.DeepEqual(got, []string{"b.xlsx", "c.xlsx"}) {
		t.Errorf("inbox %v", got)
	}
	if got := list(t, res.RunDir); !reflect.DeepEqual(got, []string{"opinions/a1.docx", "opinions/a1.pdf", "opinions/a2.docx", "opinions/a2.pdf", "results.jsonl", "summary.xlsx"}) {
		t.Errorf("run folder %v", got)
	}
	if res.Processed != 1 || res.Left != 2 || res.Files != 3 {
		t.Errorf("%+v", res)
	}
}

func TestLock(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	held, err := lockInbox(f.inbox)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.run(context.Background(), &fakeEngine{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("error %v, want ErrLocked", err)
	}
	held.release()
	// A lock file left by a crashed run does not block.
	if err := os.WriteFile(filepath.Join(f.inbox, LockName), []byte("99999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
		t.Fatal(err)
	}
	if exists(filepath.Join(f.inbox, LockName)) {
		t.Error("lock file left in the inbox")
	}
}

func TestRunIDSuffix(t *testing.T) {
	f := newFixture(t)
	f.cfg.KeepInputs = true
	now := time.Date(2025, 6, 1, 22, 30, 0, 0, time.Local)
	f.old = now.Add(-time.Hour)
	f.drop("a.xlsx", "e1", false) // an empty inbox makes no run folder
	var dirs []string
	for i := 0; i < 3; i++ {
		res, err := Run(context.Background(), Options{Config: f.cfg, Engine: &fakeEngine{}, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, filepath.Base(res.RunDir))
	}
	if want := []string{"20250601-223000", "20250601-223000-2", "20250601-223000-3"}; !reflect.DeepEqual(dirs, want) {
		t.Errorf("run folders %v, want %v", dirs, want)
	}
}

func TestMissingInbox(t *testing.T) {
	f := newFixture(t)
	f.cfg.Inbox = filepath.Join(f.inbox, "nope")
	_, err := f.run(context.Background(), &fakeEngine{})
	var cfgErr *config.Error
	if !errors.As(err, &cfgErr) {
		t.Fatalf("error %v, want a *config.Error", err)
	}
}

// TestQuarantineClash: a name is free only if both the input and its
// report are; nothing already in quarantine is overwritten.
func TestQuarantineClash(t *testing.T) {
	f := newFixture(t)
	f.drop("b.xlsx", "REJECT", false)
	if err := os.MkdirAll(f.quarantine, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.quarantine, "b.xlsx.report.txt"), []byte("an older report"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.quarantine, "b-2.xlsx"), []byte("an older input"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
		t.Fatal(err)
	}
	want := []string{"b-2.xlsx", "b-3.xlsx", "b-3.xlsx.report.txt", "b.xlsx.report.txt"}
	if got := list(t, f.quarantine); !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want %v", got, want)
	}
	if read(t, filepath.Join(f.quarantine, "b.xlsx.report.txt")) != "an older report" || read(t, filepath.Join(f.quarantine, "b-2.xlsx")) != "an older input" {
		t.Error("a quarantined file was overwritten")
	}
	if report := read(t, filepath.Join(f.quarantine, "b-3.xlsx.report.txt")); !strings.Contains(report, "b.xlsx") {
		t.Errorf("report: %s", report)
	}
}
