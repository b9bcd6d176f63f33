//go:build !unix

package batch

import (
	"os"
	"path/filepath"
)

// writeNewFile writes data to dir/name, which must not exist, under its
// final name. It is for the opinions in the private run folder only: that
// folder is named <id>.incomplete until the run is complete, and removed
// if the run fails, so a partly written file there is never taken for a
// finished one, and the temporary name and rename that writeFileAtomic
// spends on each file buy nothing.
func writeNewFile(dir, name string, data []byte, mode os.FileMode) error {
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	// The mode asked for, not the mode minus the umask.
	err = f.Chmod(mode)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}
