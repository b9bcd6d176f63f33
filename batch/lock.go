package batch

import (
	"errors"
	"fmt"
	"strings"
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

// holderText names the run holding the lock from the lock file's content,
// its PID.
func holderText(b []byte) string {
	pid := strings.TrimSpace(string(b))
	if pid == "" {
		return ""
	}
	return "process " + pid
}
