package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cecbatch/cecbatch/assess"
)

// The hostile inbox: files swapped, re-saved, hard-linked, badly named or
// dated, and runs that died half-way. Each test is an attack that once
// worked.

// afterScanDo runs fn between the scan of the inbox and the reading of
// the files, for one test.
func afterScanDo(t *testing.T, fn func()) {
	afterScan = fn
	t.Cleanup(func() { afterScan = nil })
}

// TestSwappedForSymlink: an inbox file replaced by a link after the scan is
// neither read (its target is outside the inbox) nor archived, and its
// target is not touched.
func TestSwappedForSymlink(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	secret := filepath.Join(filepath.Dir(f.inbox), "secret.xlsx")
	if err := os.WriteFile(secret, []byte("s1"), 0o644); err != nil {
		t.Fatal(err)
	}
	afterScanDo(t, func() {
		os.Remove(filepath.Join(f.inbox, "a.xlsx"))
		if err := os.Symlink(secret, filepath.Join(f.inbox, "a.xlsx")); err != nil {
			t.Fatal(err)
		}
	})
	res, err := f.run(context.Background(), &fakeEngine{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(read(t, filepath.Join(res.RunDir, "results.jsonl")), "s1") {
		t.Error("the link's target, outside the inbox, was read")
	}
	if info, err := os.Stat(secret); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("the link's target was changed: %v %v", info.Mode(), err)
	}
	if got := list(t, f.archive); len(got) != 0 {
		t.Errorf("archive %v, want nothing", got)
	}
	if info, err := os.Lstat(filepath.Join(f.inbox, "a.xlsx")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was moved: %v", err)
	}
}

// TestResavedDuringRun: a workbook saved again while the run works on it
// (Excel writes a new file and renames it over the old) stays in the
// inbox for the next run, and the version the run assessed is archived:
// the results always describe a file that exists.
func TestResavedDuringRun(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	f.drop("b.xlsx", "e2", false)
	e := &fakeEngine{onRender: func(id string) {
		if id != "e1" {
			return
		}
		tmp := filepath.Join(f.inbox, "~tmp123")
		if err := os.WriteFile(tmp, []byte("e1 e3"), 0o644); err != nil {
			t.Error(err)
		}
		if err := os.Rename(tmp, filepath.Join(f.inbox, "a.xlsx")); err != nil {
			t.Error(err)
		}
	}}
	res, err := f.run(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(f.inbox, "a.xlsx")); got != "e1 e3" {
		t.Errorf("the inbox holds %q, want the new version", got)
	}
	if got, want := list(t, f.archive), []string{"a.xlsx", "b.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("archive %v, want %v", got, want)
	} else if got := read(t, filepath.Join(f.archive, "a.xlsx")); got != "e1" {
		t.Errorf("the archive holds %q, want the version assessed", got)
	}
	if res.Processed != 2 {
		t.Errorf("%+v", res)
	}
}

// TestArchiveIsWhatWasAssessed: the archive holds the bytes the run read,
// even when the file is rewritten in place after the read; the rewritten
// file stays in the inbox.
func TestArchiveIsWhatWasAssessed(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	e := &fakeEngine{onRender: func(string) {
		// Same inode, same size, a new time: a tool that writes in place.
		path := filepath.Join(f.inbox, "a.xlsx")
		if err := os.WriteFile(path, []byte("x9"), 0o644); err != nil {
			t.Error(err)
		}
	}}
	if _, err := f.run(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(f.inbox, "a.xlsx")); got != "x9" {
		t.Errorf("inbox a.xlsx = %q, want the changed file left there", got)
	}
	if got := list(t, f.archive); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("archive %v, want the version assessed", got)
	} else if got := read(t, filepath.Join(f.archive, "a.xlsx")); got != "e1" {
		t.Errorf("the archive holds %q, want the version assessed", got)
	}
}

// TestHardLinkedInput: an input with another name elsewhere is copied to
// the archive; the other name keeps its content and mode.
func TestHardLinkedInput(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	f.drop("b.csv", "x", false)
	for _, n := range []string{"a.xlsx", "b.csv"} {
		other := filepath.Join(filepath.Dir(f.inbox), "other-"+n)
		if err := os.Link(filepath.Join(f.inbox, n), other); err != nil {
			t.Skip("no hard links here:", err)
		}
	}
	if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.xlsx", "b.csv"} {
		info, err := os.Stat(filepath.Join(filepath.Dir(f.inbox), "other-"+n))
		if err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("the other name of %s was changed: %v %v", n, info.Mode(), err)
		}
	}
	if info, err := os.Stat(filepath.Join(f.archive, "a.xlsx")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("archived copy: %v %v", info.Mode(), err)
	}
}

// TestLongName: a name near the 255-byte limit is quarantined and archived
// like any other (the temporary and report names must fit too), and no
// temporary name carries the input's or a client's name.
func TestLongName(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("é", 120) + "-x.csv" // 246 bytes
	longBook := strings.Repeat("a", 245) + ".xlsx"
	f.drop(long, "x", false)
	f.drop(longBook, "e1", false)
	if err := os.MkdirAll(f.archive, 0o700); err != nil {
		t.Fatal(err)
	}
	// The archive already has one: the new one needs a suffix.
	if err := os.WriteFile(filepath.Join(f.archive, longBook), []byte("older"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
		t.Fatal(err)
	}
	if got := list(t, f.inbox); len(got) != 0 {
		t.Errorf("left in the inbox: %v", got)
	}
	q := list(t, f.quarantine)
	if len(q) != 2 || !strings.HasSuffix(q[1], ".report.txt") {
		t.Errorf("quarantine %v", q)
	}
	for _, n := range append(q, list(t, f.archive)...) {
		if len(n) > 255 {
			t.Errorf("a name of %d bytes", len(n))
		}
	}
	if got := list(t, f.archive); len(got) != 2 {
		t.Errorf("archive %v", got)
	}

	tmp, err := tempFile(t.TempDir(), "C-7_Nguyen_Thi-Minh_CEC-opinion.pdf", 0o600)
	if err != nil {
		t.Fatal(err)
	}
	tmp.Close()
	if strings.Contains(filepath.Base(tmp.Name()), "Nguyen") {
		t.Errorf("a temporary name carries a client's name: %s", tmp.Name())
	}
}

// TestFutureModTime: a file dated in the future (a shared drive's clock
// ahead) is taken once it is stable, not skipped forever, whatever
// --min-age is (with 0s it was skipped every night, as "modified -3h ago").
func TestFutureModTime(t *testing.T) {
	for _, minAge := range []time.Duration{time.Minute, 0} {
		t.Run(minAge.String(), func(t *testing.T) {
			f := newFixture(t)
			f.cfg.MinAge = minAge
			f.drop("a.xlsx", "e1", false)
			future := time.Now().Add(3 * time.Hour)
			if err := os.Chtimes(filepath.Join(f.inbox, "a.xlsx"), future, future); err != nil {
				t.Fatal(err)
			}
			res, err := f.run(context.Background(), &fakeEngine{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Processed != 1 || !reflect.DeepEqual(list(t, f.archive), []string{"a.xlsx"}) {
				t.Errorf("%+v, archive %v", res, list(t, f.archive))
			}
		})
	}
}

// TestStoppedTwoRuns: an input in flight when a run died is retried once;
// in flight when a second run died, it is quarantined with a report
// instead of stopping every night.
func TestStoppedTwoRuns(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	f.drop("b.xlsx", "e2", false)
	died := func(name string, attempts int) {
		f.record(fmt.Sprintf("%016x", attempts), marker{Name: name, Attempts: attempts})
	}
	died("a.xlsx", 1) // one run died on it: retried
	died("b.xlsx", 2) // two runs died on it: quarantined
	res, err := f.run(context.Background(), &fakeEngine{})
	if err != nil || res.Rejected != 1 || res.Processed != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := list(t, f.archive); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("archive %v", got)
	}
	if report := read(t, filepath.Join(f.quarantine, "b.xlsx.report.txt")); !strings.Contains(report, "stopped two runs") {
		t.Errorf("report: %s", report)
	}
	if got := list(t, filepath.Join(f.out, StateDir)); len(got) != 0 {
		t.Errorf("state left: %v", got)
	}
}

// TestHalfDoneMoves: a run killed between placing an input in the archive
// and removing it from the inbox, or in the middle of a copy, is finished
// or undone by the next run: never an input in two places, never a hidden
// copy left in the archive.
func TestHalfDoneMoves(t *testing.T) {
	f := newFixture(t)
	if err := os.MkdirAll(f.archive, 0o700); err != nil {
		t.Fatal(err)
	}
	// a.xlsx: claimed and placed in the archive; only the cleanup was left.
	write(t, filepath.Join(f.archive, "a.xlsx"), "e1")
	write(t, f.claim(token1), "e1")
	f.record(token1, marker{Name: "a.xlsx", Folder: folderArchive, Placed: "a.xlsx"})
	// b.xlsx: claimed, killed in the middle of the copy to the archive.
	write(t, f.claim(token2), "e2")
	if err := os.Chtimes(f.claim(token2), f.old, f.old); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(f.archive, tempPrefix+token2+".tmp"), "e")
	f.record(token2, marker{Name: "b.xlsx"})

	res, err := f.run(context.Background(), &fakeEngine{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := list(t, f.archive), []string{"a.xlsx", "b.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Errorf("archive %v, want %v", got, want)
	}
	if got := list(t, f.inbox); len(got) != 0 {
		t.Errorf("inbox %v", got)
	}
	if res.Processed != 1 {
		t.Errorf("b.xlsx was not processed again: %+v", res)
	}
}

// TestHalfDoneMoveToATakenName: a run killed after recording where it
// would place an input but before placing it, when that name was already
// taken by an earlier night's file: the next run must not take the
// earlier file for the input's copy and delete the input.
func TestHalfDoneMoveToATakenName(t *testing.T) {
	f := newFixture(t)
	if err := os.MkdirAll(f.archive, 0o700); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(f.archive, "a.xlsx"), "e0")
	write(t, f.claim(token1), "e1")
	if err := os.Chtimes(f.claim(token1), f.old, f.old); err != nil {
		t.Fatal(err)
	}
	f.record(token1, marker{Name: "a.xlsx", Folder: folderArchive, Placed: "a.xlsx"})
	if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
		t.Fatal(err)
	}
	if got, want := list(t, f.archive), []string{"a-2.xlsx", "a.xlsx"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("archive %v, want %v", got, want)
	}
	if got := read(t, filepath.Join(f.archive, "a.xlsx")); got != "e0" {
		t.Errorf("the earlier night's file holds %q", got)
	}
	if got := read(t, filepath.Join(f.archive, "a-2.xlsx")); got != "e1" {
		t.Errorf("the input was lost: a-2.xlsx holds %q", got)
	}
}

// TestRunErrorSaysWhatMoved: a failure while moving inputs says which
// moved and which did not, not "no input was moved".
func TestRunErrorSaysWhatMoved(t *testing.T) {
	e := &RunError{Err: errors.New("disk full"), Moved: 2, NotMoved: 1}
	if msg := e.Error(); strings.Contains(msg, "no input was moved") || !strings.Contains(msg, "2 inputs were moved") || !strings.Contains(msg, "1 input was left in the inbox") {
		t.Errorf("%s", msg)
	}
	if msg := (&RunError{Err: errors.New("x")}).Error(); !strings.Contains(msg, "no input was moved") {
		t.Errorf("%s", msg)
	}
}

// TestFailedMoveCountedLeft: an input that could not be moved out of the
// inbox is counted as left there, in the result (and the "run finished"
// line) as in the error, not as left_in_inbox=0 beside "1 input was left
// in the inbox".
func TestFailedMoveCountedLeft(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	e := &fakeEngine{onRender: func(string) {
		// The archive folder replaced by a file: nothing can go in it.
		os.RemoveAll(f.archive)
		if err := os.WriteFile(f.archive, nil, 0o600); err != nil {
			t.Error(err)
		}
	}}
	res, err := f.run(context.Background(), e)
	var re *RunError
	if !errors.As(err, &re) || re.NotMoved != 1 {
		t.Fatalf("%v, want a RunError with one input not moved", err)
	}
	if res.Left != 1 {
		t.Errorf("Left %d, want the input that stayed in the inbox", res.Left)
	}
}

// TestShownEscaped: control characters and bidi overrides in a file name
// are shown escaped in the quarantine report, never interpreted.
func TestShownEscaped(t *testing.T) {
	f := newFixture(t)
	name := "invoice\u202Excod.csv"
	f.drop(name, "x", false)
	if res, err := f.run(context.Background(), &fakeEngine{}); err != nil || res.Rejected != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	report := read(t, filepath.Join(f.quarantine, name+".report.txt"))
	if strings.ContainsRune(report, '\u202E') || !strings.Contains(report, `invoice\u202excod.csv`) {
		t.Errorf("report: %q", report)
	}
}

// TestLogsKeepNamesOut: a rejection whose reason quotes a sheet named after
// a client ("Dupont Jean 1990-04-02") does not put it in the log; the
// report has it.
func TestLogsKeepNamesOut(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "REJECT", false)
	var logs bytes.Buffer
	e := &fakeEngine{reject: `The workbook has no Clients sheet (its sheets are: "Dupont Jean 1990-04-02").`}
	res, err := Run(context.Background(), Options{Config: f.cfg, Engine: e, AsOf: assess.MustDate("2025-06-01"),
		Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil || res.Rejected != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if strings.Contains(logs.String(), "Dupont") || strings.Contains(logs.String(), "1990") {
		t.Errorf("the log quotes a sheet name:\n%s", logs.String())
	}
	if report := read(t, filepath.Join(f.quarantine, "a.xlsx.report.txt")); !strings.Contains(report, "Dupont Jean") {
		t.Errorf("the report lost the reason: %s", report)
	}
}

// TestLoggedSheet: a sheet named after a client is withheld from a log
// line; the template's sheet names are not.
func TestLoggedSheet(t *testing.T) {
	for _, c := range []struct{ s, sheet, want string }{
		{"Employment!A5", "Employment", "Employment!A5"},
		{"Dupont Jean 1990-04-02!A5", "Dupont Jean 1990-04-02", "(a sheet whose name is not logged)!A5"},
		{`the sheet "Dupont Jean 1990-04-02" was not read`, "Dupont Jean 1990-04-02", `the sheet "(a sheet whose name is not logged)" was not read`},
		{"Clients\u202E!A1", "Clients\u202E", `(a sheet whose name is not logged)!A1`},
	} {
		if got := loggedSheet(c.s, c.sheet); got != c.want {
			t.Errorf("loggedSheet(%q, %q) = %q, want %q", c.s, c.sheet, got, c.want)
		}
	}
}
