//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// emptyFile frees the space of path, a file in the trash. A file no other
// name links to is emptied, its inode kept (trash.go). A file linked
// elsewhere, such as a split run's workbooks (hard links to the inbox's),
// loses only this name: emptying it would empty the inbox's workbook, and
// dropping one of its names frees no inode.
func emptyFile(path string, d fs.DirEntry) error {
	fi, err := d.Info()
	if err != nil {
		return err
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink == 1 {
		return os.Truncate(path, 0)
	}
	return os.Remove(path)
}
