//go:build !unix

package main

import (
	"io/fs"
	"os"
)

// emptyFile removes path, a file in the trash: the inode reuse trash.go
// works around is ext4's, and a file may be a link to an inbox's workbook,
// which emptying would empty.
func emptyFile(path string, _ fs.DirEntry) error { return os.Remove(path) }
