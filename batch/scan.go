package batch

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Input is a file a run would take from the inbox.
type Input struct {
	Name, Path string
	// Reject is set for a file that is not an .xlsx workbook: a run
	// quarantines it with this reason without opening it.
	Reject string
}

// Skip is an entry a run leaves alone, and why.
type Skip struct{ Name, Why string }

// ScanFolder lists dir as a run lists its inbox: the inputs it would take,
// in name order, and the entries it would leave alone (Office lock files,
// files modified less than minAge before now, folders, links). Hidden
// files are neither. `cecbatch check DIR` uses it, so that it checks what
// a run would read.
func ScanFolder(dir string, minAge time.Duration, now time.Time) ([]Input, []Skip, error) {
	entries, skips, err := scanInbox(dir, minAge, now)
	if err != nil {
		return nil, nil, err
	}
	inputs := make([]Input, len(entries))
	for i, e := range entries {
		inputs[i] = Input{Name: e.name, Path: e.path, Reject: e.reject}
	}
	out := make([]Skip, len(skips))
	for i, s := range skips {
		out[i] = Skip{Name: s.name, Why: s.why}
	}
	return inputs, out, nil
}

// InputOf is the file at path as a run would take it from the inbox.
func InputOf(path string) Input {
	in := Input{Name: filepath.Base(path), Path: path}
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" {
		in.Reject = rejectByExtension(ext)
	}
	return in
}

// UnreadableReason is the quarantine report's reason for a file that could
// not be read at all (an I/O error, not a problem with its content).
func UnreadableReason(err error) string {
	return fmt.Sprintf("The file could not be read: %v. Check that it is not open elsewhere or restricted, then put it back in the inbox.", err)
}
