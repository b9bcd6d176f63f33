//go:build unix

package batch

import (
	"os"
	"syscall"
)

// syncFilesystems flushes every written file to disk, once, instead of an
// fsync per opinion (which would cost more than rendering it).
func syncFilesystems() { syscall.Sync() }

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
