package batch

import (
	"errors"
	"fmt"
)

// LockName is the lock file in the inbox. It is hidden, so a run never
// takes it for an input.
const LockName = ".cecbatch.lock"

// ErrLocked is wrapped by the error of a run that found another run
// working on the same inbox.
var ErrLocked = errors.New("another cecbatch run is working on this inbox")

type lockedError struct{ inbox, holder string }

func (e *lockedError) Error() string {
	msg := fmt.Sprintf("%v (%s)", ErrLocked, e.inbox)
	if e.holder != "" {
		msg += ": " + e.holder
	}
	return msg + "; nothing was processed"
}

func (e *lockedError) Unwrap() error { return ErrLocked }

func holderText(b []byte) string {
	pid := string(b)
	for len(pid) > 0 && (pid[len(pid)-1] == '\n' || pid[len(pid)-1] == '\r') {
		pid = pid[:len(pid)-1]
	}
	if pid == "" {
		return ""
	}
	return "process " + pid
}
