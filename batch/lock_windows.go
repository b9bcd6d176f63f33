//go:build windows

package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// inboxLock on Windows is a lock file created exclusively, holding the
// holder's PID. A lock whose process no longer exists was left by a
// crashed run: it is removed and taken.
type inboxLock struct {
	path string
}

func lockInbox(inbox string) (*inboxLock, error) {
	path := filepath.Join(inbox, LockName)
	for attempt := 0; attempt < 3; attempt++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, werr := f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
			cerr := f.Close()
			if werr != nil || cerr != nil {
				os.Remove(path)
				return nil, fmt.Errorf("lock the inbox: %w", errors.Join(werr, cerr))
			}
			return &inboxLock{path: path}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("lock the inbox: %w", err)
		}
		text, rerr := os.ReadFile(path)
		if rerr != nil {
			continue // removed meanwhile: try again
		}
		pid, perr := strconv.Atoi(strings.TrimSpace(string(text)))
		if perr == nil && processAlive(pid) {
			return nil, &lockedError{inbox: inbox, holder: holderText(text)}
		}
		// Stale: the run that wrote it is gone.
		os.Remove(path)
	}
	return nil, &lockedError{inbox: inbox}
}

// processAlive reports whether pid is a running process: on Windows,
// os.FindProcess opens the process and fails if there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

func (l *inboxLock) release() { os.Remove(l.path) }
