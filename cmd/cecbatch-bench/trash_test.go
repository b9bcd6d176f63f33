package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTrash: an output discarded leaves its place at once, its files
// emptied but still there (their inodes kept), except a hard link to a
// workbook of the inbox (a split run's), which goes and leaves the
// workbook whole; a path that does not exist is no error; a trash an
// earlier benchmark left is added to, not overwritten.
func TestTrash(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out-docx-10")
	if err := os.MkdirAll(filepath.Join(out, "run", "opinions"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"run/opinions/a.pdf", "run/opinions/a.docx", "run/summary.xlsx"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte("some bytes"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	inbox := filepath.Join(dir, "inbox-10")
	if err := os.MkdirAll(inbox, 0o700); err != nil {
		t.Fatal(err)
	}
	workbook := filepath.Join(inbox, "intake-week-001.xlsx")
	if err := os.WriteFile(workbook, []byte("a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	linked := os.Link(workbook, filepath.Join(out, "intake-week-001.xlsx")) == nil
	left := filepath.Join(dir, "trash", "1")
	if err := os.MkdirAll(left, 0o700); err != nil {
		t.Fatal(err)
	}
	tr := newTrash(dir)
	if err := tr.discard(filepath.Join(dir, "never-made")); err != nil {
		t.Errorf("discarding what does not exist: %v", err)
	}
	if err := tr.discard(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Errorf("the output is still in its place: %v", err)
	}
	for _, name := range []string{"run/opinions/a.pdf", "run/opinions/a.docx", "run/summary.xlsx"} {
		fi, err := os.Stat(filepath.Join(dir, "trash", "2", name))
		if err != nil || fi.Size() != 0 {
			t.Errorf("%s in the trash: %v, size %d; want an empty file", name, err, fi.Size())
		}
	}
	if b, err := os.ReadFile(workbook); err != nil || string(b) != "a workbook" {
		t.Errorf("the inbox's workbook, linked from the output (%v): %q, %v", linked, b, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "trash", "2", "intake-week-001.xlsx")); !os.IsNotExist(err) {
		t.Errorf("the link to the inbox's workbook is still in the trash: %v", err)
	}
	if _, err := os.Stat(left); err != nil {
		t.Errorf("the trash left before: %v", err)
	}
}
