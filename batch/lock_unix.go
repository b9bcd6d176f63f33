//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// inboxLock is an flock(2) on the lock file. The kernel releases it when
// the process ends, however it ends, so a crashed run never blocks the
// next one; the file left behind by a crash is simply locked again.
type inboxLock struct {
	f    *os.File
	path string
}

func lockInbox(inbox string) (*inboxLock, error) {
	path := filepath.Join(inbox, LockName)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("lock the inbox: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder, _ := os.ReadFile(path)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, &lockedError{inbox: inbox, holder: holderText(holder)}
			}
			return nil, fmt.Errorf("lock the inbox: %w", err)
		}
		// The holder before us may have removed the file between our open
		// and our flock: then we hold a lock on a file nobody else can
		// see. Only a lock on the file now at path counts.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			f.Truncate(0)
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			return &inboxLock{f: f, path: path}, nil
		}
		f.Close()
	}
}

// release removes the lock file while still holding the lock (so the
// inbox is left as it was found), then unlocks.
func (l *inboxLock) release() {
	os.Remove(l.path)
	l.f.Close()
}
