package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// The run's own records: where they are kept, and what a run does with a
// record it did not write.

const (
	token1 = "00000000000000a1"
	token2 = "00000000000000a2"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// record writes m as the record of token in the run's state folder, as a
// run that died would have left it.
func (f *fixture) record(token string, m marker) {
	f.t.Helper()
	dir := filepath.Join(f.out, StateDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		f.t.Fatal(err)
	}
	b, _ := json.Marshal(m)
	write(f.t, filepath.Join(dir, token+".json"), string(b))
}

// claim is where token's input waits in the inbox while it is moved out.
func (f *fixture) claim(token string) string {
	return filepath.Join(f.inbox, tempPrefix+token+claimSuffix)
}

// TestStateKeptOutOfTheInbox: while a run reads an input, its record and
// snapshot are in a private folder beside the outputs, and nothing of the
// run's state is ever in the inbox but the lock.
func TestStateKeptOutOfTheInbox(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	var inState []string
	var inInbox []string
	e := &fakeEngine{onRender: func(string) {
		inState = list(t, filepath.Join(f.out, StateDir))
		entries, _ := os.ReadDir(f.inbox)
		for _, e := range entries {
			inInbox = append(inInbox, e.Name())
		}
	}}
	if _, err := f.run(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if len(inState) != 1 || !strings.HasSuffix(inState[0], ".snap") {
		t.Errorf("state folder during the run: %v, want the snapshot", inState)
	}
	if want := []string{LockName, "a.xlsx"}; !reflect.DeepEqual(inInbox, want) {
		t.Errorf("inbox during the run: %v, want %v", inInbox, want)
	}
	info, err := os.Stat(filepath.Join(f.out, StateDir))
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("state folder: %v %v, want 0700", info.Mode(), err)
	}
}

// forgeInboxState writes, in the inbox's hidden state folder that earlier
// versions kept there, the records a paralegal's account could forge: a
// move "cut short" to a path outside cecbatch's folders (whose report
// the next run deleted), a file to put back in the inbox, and "two runs
// died on" an inbox workbook (which was quarantined unread).
func forgeInboxState(t *testing.T, f *fixture, victim string) {
	t.Helper()
	dir := filepath.Join(f.inbox, StateDir)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	forge := func(token, record string) { write(t, filepath.Join(dir, token+".json"), record) }
	forge(token1, `{"name":"planted.xlsx","attempts":1,"placed":"`+victim+`"}`)
	write(t, filepath.Join(dir, token1+claimSuffix), "planted")
	forge(token2, `{"name":"b.xlsx","attempts":2}`)
	forge("0000000000000003", `{"name":"../../escape","attempts":5}`)
}

// TestForgedInboxStateIsNotActedOn: a state folder in the inbox (earlier
// versions kept one there, and anyone who drops files can write one) is
// retired without doing what its records say: the file it names outside
// cecbatch's folders keeps its report, the workbook it says killed two
// runs is read and archived as usual, and its "claim" is set aside in the
// quarantine with a report, not put in the inbox as a workbook.
func TestForgedInboxStateIsNotActedOn(t *testing.T) {
	f := newFixture(t)
	f.drop("b.xlsx", "e2", false)
	victim := filepath.Join(filepath.Dir(f.inbox), "ledger")
	write(t, victim+".report.txt", "the firm's file")
	forgeInboxState(t, f, victim)
	var logs bytes.Buffer
	res, err := Run(context.Background(), Options{Config: f.cfg, Engine: &fakeEngine{}, AsOf: assess.MustDate("2025-06-01"),
		Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, victim+".report.txt"); got != "the firm's file" {
		t.Errorf("the file outside cecbatch's folders was changed: %q", got)
	}
	if res.Processed != 1 || res.Rejected != 0 || !reflect.DeepEqual(list(t, f.archive), []string{"b.xlsx"}) {
		t.Errorf("b.xlsx was not processed as usual: %+v, archive %v", res, list(t, f.archive))
	}
	if got := list(t, f.inbox); len(got) != 0 {
		t.Errorf("inbox %v, want nothing planted", got)
	}
	want := []string{"recovered-" + token1 + ".xlsx", "recovered-" + token1 + ".xlsx.report.txt"}
	if got := list(t, f.quarantine); !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want %v", got, want)
	}
	if _, err := os.Lstat(filepath.Join(f.inbox, StateDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the inbox's state folder was not retired: %v", err)
	}
	if !strings.Contains(logs.String(), "retired") {
		t.Errorf("the log does not say the folder was retired:\n%s", logs.String())
	}
}

// TestForgedStateRecordsOutsideTheFolders: a record in the run's own state
// folder that names a place outside the archive and quarantine folders
// (written by hand, or by an earlier layout) is not acted on: no file
// outside is removed, and the input it names is put back in the inbox.
func TestForgedStateRecordsOutsideTheFolders(t *testing.T) {
	for _, m := range []marker{
		{Name: "a.xlsx", Folder: folderQuarantine, Placed: "../ledger"},
		{Name: "a.xlsx", Folder: "elsewhere", Placed: "ledger"},
		{Name: "a.xlsx", Folder: folderQuarantine, Placed: "/tmp/ledger"},
		{Name: "../a.xlsx", Folder: folderQuarantine, Placed: "ledger"},
	} {
		f := newFixture(t)
		victim := filepath.Join(filepath.Dir(f.inbox), "ledger")
		write(t, victim+".report.txt", "the firm's file")
		write(t, victim, "x")
		write(t, f.claim(token1), "x")
		f.record(token1, m)
		if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
			t.Fatalf("%+v: %v", m, err)
		}
		if got := read(t, victim+".report.txt"); got != "the firm's file" {
			t.Errorf("%+v: the file outside was changed: %q", m, got)
		}
		if got := read(t, victim); got != "x" {
			t.Errorf("%+v: %q", m, got)
		}
	}
}

// TestStateFolderNotOurs: a state folder that is a link (to a folder
// someone else can write) is refused: the run fails before touching
// anything, rather than act on records it cannot trust.
func TestStateFolderNotOurs(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	elsewhere := filepath.Join(filepath.Dir(f.inbox), "shared")
	if err := os.MkdirAll(elsewhere, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(f.out, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(f.out, StateDir)); err != nil {
		t.Skip(err)
	}
	_, err := f.run(context.Background(), &fakeEngine{})
	var re *RunError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "not a private folder") {
		t.Fatalf("%v, want a RunError about the state folder", err)
	}
	if got := list(t, f.inbox); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("inbox %v", got)
	}
}

// TestStateFolderMadePrivate: a state folder left open to others (made by
// hand) is made private again before it is used.
func TestStateFolderMadePrivate(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	dir := filepath.Join(f.out, StateDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := f.run(context.Background(), &fakeEngine{}); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
		t.Errorf("state folder %v, want 0700", info.Mode().Perm())
	}
}

// TestLockFileReplacedByALink: a link planted as the inbox's lock file
// is not followed: the file it points to keeps its content.
func TestLockFileReplacedByALink(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	config := filepath.Join(filepath.Dir(f.inbox), "cecbatch.yaml")
	write(t, config, "inbox: inbox\n")
	if err := os.Symlink(config, filepath.Join(f.inbox, LockName)); err != nil {
		t.Skip(err)
	}
	if res, err := f.run(context.Background(), &fakeEngine{}); err != nil || res.Processed != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := read(t, config); got != "inbox: inbox\n" {
		t.Errorf("the link's target was written: %q", got)
	}
}
