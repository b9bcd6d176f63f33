//go:build linux

package batch

import (
	"os"

	"golang.org/x/sys/unix"
)

// fileSystemFlush is a writeback flush of the file system holding dir:
// syncfs(2), which writes that file system's dirty data only (sync(2)
// would wait for every disk of the machine).
func fileSystemFlush(dir string) func() {
	return func() {
		d, err := os.Open(dir)
		if err != nil {
			return
		}
		defer d.Close()
		_ = unix.Syncfs(int(d.Fd()))
	}
}
