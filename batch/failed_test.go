package batch

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFailedWhileMovingMarksTheFolder: a run whose archive cannot take
// one of its inputs fails (a RunError naming the folder), and its
// complete folder is marked failed where people and scripts look: its
// name ends in -FAILED, FAILED.txt says which inputs' results stand, and
// the last line of results.jsonl says the same; Result.RunDir is empty,
// so that the command prints no folder as a finished run.
func TestFailedWhileMovingMarksTheFolder(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	f.drop("b.xlsx", "e2", false)
	f.drop("c.csv", "x", false)
	e := &fakeEngine{onRender: func(id string) {
		if id != "e2" {
			return
		}
		// The archive folder replaced by a file once the run is under
		// way: nothing can be archived; the quarantine still works.
		os.RemoveAll(f.archive)
		if err := os.WriteFile(f.archive, nil, 0o600); err != nil {
			t.Error(err)
		}
	}}
	res, err := f.run(context.Background(), e)
	var re *RunError
	if !errors.As(err, &re) || re.Folder == "" || !strings.HasSuffix(re.Folder, FailedSuffix) {
		t.Fatalf("%v, want a RunError naming the folder marked failed", err)
	}
	if res.RunDir != "" {
		t.Errorf("RunDir %q, want none: the run failed", res.RunDir)
	}
	if !strings.Contains(err.Error(), re.Folder) || !strings.Contains(err.Error(), FailedNote) {
		t.Errorf("the error does not name the folder: %v", err)
	}
	note := read(t, filepath.Join(re.Folder, FailedNote))
	for _, want := range []string{"THIS RUN FAILED", "superseded", "    a.xlsx\n    b.xlsx\n", "final:\n    c.csv\n"} {
		if !strings.Contains(note, want) {
			t.Errorf("%s does not say %q:\n%s", FailedNote, want, note)
		}
	}
	lines := strings.Split(strings.TrimSpace(read(t, filepath.Join(re.Folder, "results.jsonl"))), "\n")
	var last FailedLine
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.RunStatus != "failed" {
		t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
	}
	if !reflect.DeepEqual(last.InputsLeftInInbox, []string{"a.xlsx", "b.xlsx"}) || !reflect.DeepEqual(last.InputsMoved, []string{"c.csv"}) {
		t.Errorf("last line %+v", last)
	}
	if got := list(t, f.inbox); !reflect.DeepEqual(got, []string{"a.xlsx", "b.xlsx"}) {
		t.Errorf("inbox %v", got)
	}
	if done, _ := filepath.Glob(filepath.Join(f.out, "2*[0-9]")); len(done) != 0 {
		t.Errorf("a folder looks like a finished run: %v", done)
	}
}
