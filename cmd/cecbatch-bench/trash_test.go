package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTrash: an output discarded leaves its place at once, its files
// emptied but still there (their inodes kept); a path that does not exist
// is no error; a trash an earlier benchmark left is added to, not
// overwritten.
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
	if _, err := os.Stat(left); err != nil {
		t.Errorf("the trash left before: %v", err)
	}
}
