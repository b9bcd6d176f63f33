//go:build unix

package batch

import (
	"os"
	"syscall"
)

// openNoFollow opens path for reading without following a symbolic link
// (ELOOP) and without blocking on a named pipe or a device: what is opened
// is then checked to be a regular file.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// links is the number of names info's file has.
func links(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// ownedHere reports whether info's file belongs to the account this
// process runs as: the state folder must, or someone else could have
// written the records a run acts on.
func ownedHere(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Geteuid()
}
