//go:build unix

package batch

import (
	"os"
	"path/filepath"
	"syscall"
)

// writeNewFile writes data to dir/name, which must not exist, under its
// final name. It is for the opinions in the private run folder only: that
// folder is named <id>.incomplete until the run is complete, and removed
// if the run fails, so a partly written file there is never taken for a
// finished one, and the temporary name and rename that writeFileAtomic
// spends on each file buy nothing.
//
// It calls the system directly rather than through os.OpenFile: for each
// file os tries the runtime's poller, which a regular file refuses, and
// sets the descriptor non-blocking and back (five calls that do nothing
// for a file written once, 100,000 times a run), and gives the file a
// finalizer. Here a file costs open, fchmod, write and close.
func writeNewFile(dir, name string, data []byte, mode os.FileMode) error {
	path := filepath.Join(dir, name)
	fd, err := openNew(path, mode)
	if err != nil {
		return &os.PathError{Op: "open", Path: path, Err: err}
	}
	// The mode asked for, not the mode minus the umask.
	err = ignoringEINTR(func() error { return syscall.Fchmod(fd, unixMode(mode)) })
	if err != nil {
		err = &os.PathError{Op: "chmod", Path: path, Err: err}
	} else {
		err = writeAll(fd, path, data)
	}
	if cerr := syscall.Close(fd); err == nil && cerr != nil {
		err = &os.PathError{Op: "close", Path: path, Err: cerr}
	}
	if err != nil {
		syscall.Unlink(path)
	}
	return err
}

func openNew(path string, mode os.FileMode) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, unixMode(mode))
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// writeAll writes data whole: a write may be cut short by a signal or a
// full disk, which then says so on the next write.
func writeAll(fd int, path string, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &os.PathError{Op: "write", Path: path, Err: err}
		}
		if n == 0 {
			return &os.PathError{Op: "write", Path: path, Err: syscall.EIO}
		}
		data = data[n:]
	}
	return nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}

// unixMode is mode's permission and special bits as the system spells them.
func unixMode(mode os.FileMode) uint32 {
	m := uint32(mode.Perm())
	if mode&os.ModeSetuid != 0 {
		m |= syscall.S_ISUID
	}
	if mode&os.ModeSetgid != 0 {
		m |= syscall.S_ISGID
	}
	if mode&os.ModeSticky != 0 {
		m |= syscall.S_ISVTX
	}
	return m
}
