package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// trash keeps the outputs of the benchmark's earlier runs, their files
// emptied, in the folder's trash/, which is deleted with a temporary
// folder and can be deleted by hand from a kept one (-keep), though not
// minutes before a benchmark. Deleting a run's output just before the next run
// slowed that run by a third: ext4 without a journal (the file system of
// the virtual machine cecbatch was developed on) will not give a new file
// an inode freed in the last minute, or five while the inode's block is
// unwritten, and a creation looks at each such inode in turn. Right after
// 200,000 deletions, creating a file took 200 µs of kernel time or more
// (perf: ext4's recently_deleted), and a run of 100,000 clients with the
// Word drafts and the register took 167 s of wall time and 311 s of CPU,
// against 126 s and 237 s with no deletion in the minutes before it. An
// emptied file frees its blocks and keeps its inode.
type trash struct {
	dir string
	n   int
}

func newTrash(dir string) *trash { return &trash{dir: filepath.Join(dir, "trash")} }

// discard moves path, if it exists, into the trash, and empties its files
// (emptyFile).
func (t *trash) discard(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := os.MkdirAll(t.dir, 0o700); err != nil {
		return err
	}
	var to string
	for {
		t.n++
		to = filepath.Join(t.dir, strconv.Itoa(t.n))
		// A trash an interrupted benchmark left holds numbered folders too.
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if err := os.Rename(path, to); err != nil {
		return err
	}
	return filepath.WalkDir(to, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			return emptyFile(p, d)
		}
		return nil
	})
}
