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
	for tries := 0; ; tries++ {
		// The inbox is writable by everyone who drops workbooks: the name
		// may hold a link to a file cecbatch can write (its config, the
		// register), a pipe, or a second name of such a file. Only a
		// regular file with no other name is locked and written; anything
		// else in its place is removed (a name in the inbox, not what it
		// points to) and the lock file made anew.
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o600)
		if err == nil {
			if info, serr := f.Stat(); serr != nil || !info.Mode().IsRegular() || links(info) != 1 {
				f.Close()
				err = errNotRegular
			}
		}
		if err != nil {
			if tries < 3 && !errors.Is(err, os.ErrNotExist) {
				os.Remove(path)
				continue
			}
			return nil, fmt.Errorf("lock the inbox: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder := make([]byte, 32)
			n, _ := f.ReadAt(holder, 0)
			holder = holder[:n]
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
