//go:build windows

package batch

import (
	"errors"
	"os"
)

// openNoFollow opens path for reading if it is not a link (a reparse
// point). Windows has no O_NOFOLLOW: the link check comes first, and the
// caller checks that the file opened is the regular file it looked at.
func openNoFollow(path string) (*os.File, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode()&os.ModeSymlink != 0 || info.Mode()&os.ModeIrregular != 0 {
		return nil, errors.New("a link, not a file")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	opened, err := f.Stat()
	if err != nil || !os.SameFile(info, opened) {
		f.Close()
		return nil, errors.New("replaced while it was opened")
	}
	return f, nil
}

// links is the number of names info's file has; Windows does not say
// cheaply, and hard links are rare there: one.
func links(os.FileInfo) uint64 { return 1 }

// ownedHere: on Windows the folder's ACL decides who may write in it, and
// os.FileInfo does not show its owner; the state folder is trusted as the
// folder cecbatch created with its own permissions.
func ownedHere(os.FileInfo) bool { return true }
