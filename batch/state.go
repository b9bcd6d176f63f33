package batch

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// StateDir is the hidden folder in the inbox where a run keeps what it
// needs to survive its own death: one marker per input it works on, the
// snapshot of each input it read, and an input on its way to the archive.
// It is in the inbox so that taking an input out of it is a rename.
const StateDir = ".cecbatch-state"

// tempPrefix starts every temporary name cecbatch writes: followed by a
// random token, never by an input's or a client's name.
const tempPrefix = ".cecbatch-"

// marker is the record of one input a run works on: written before the
// input is read and removed once it is read, then written again while it
// is moved out of the inbox. A marker found at the start of a run is the
// record of a run that died reading the input (Placed is empty) or moving
// it.
type marker struct {
	Name string `json:"name"`
	// Attempts counts the runs that took the input, this one included.
	Attempts int `json:"attempts"`
	// Placed is where the input is being moved: once that path exists, the
	// move is done but for removing the inbox copy.
	Placed string `json:"placed,omitempty"`
}

// stoppedRuns is how many runs may die with an input in flight before it
// is quarantined instead of being tried again.
const stoppedRuns = 2

func newToken() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

func (r *run) statePath(token, ext string) string {
	return filepath.Join(r.stateDir, token+ext)
}

// mark writes the marker of token.
func (r *run) mark(token string, m marker) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeFileAtomic(r.stateDir, token+".json", b, 0o600)
}

// unmark forgets token: its marker and its snapshot.
func (r *run) unmark(token string) {
	os.Remove(r.statePath(token, ".snap"))
	os.Remove(r.statePath(token, ".json"))
}

// recoverState finishes or undoes what runs that died left half-done, and
// returns, for each input that was in flight when a run died, how many
// runs took it.
func (r *run) recoverState() (map[string]int, error) {
	died := map[string]int{}
	if err := mkdirs(r.stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("the inbox's state folder: %w", bare(err))
	}
	entries, err := os.ReadDir(r.stateDir)
	if err != nil {
		return nil, fmt.Errorf("the inbox's state folder: %w", bare(err))
	}
	for _, e := range entries {
		name := e.Name()
		token, ok := strings.CutSuffix(name, ".json")
		if !ok || strings.HasPrefix(name, ".") {
			continue
		}
		var m marker
		b, err := os.ReadFile(filepath.Join(r.stateDir, name))
		if err != nil || json.Unmarshal(b, &m) != nil || m.Name == "" || strings.ContainsAny(m.Name, `/\`) {
			r.log.Warn("an unreadable record of a previous run was removed", "record", name)
			os.Remove(filepath.Join(r.stateDir, name))
			continue
		}
		for _, dir := range []string{r.cfg.Archive, r.cfg.Quarantine} {
			// A copy to another file system that was cut short.
			os.Remove(filepath.Join(dir, tempPrefix+token+".tmp"))
		}
		claim := r.statePath(token, ".claim")
		switch {
		case exists(claim) && m.Placed != "" && sameContent(claim, m.Placed):
			os.Remove(claim)
			r.log.Warn("a move cut short by a previous run was finished", "file", shown(m.Name, false), "to", r.relative(m.Placed))
		case exists(claim):
			if m.Placed != "" {
				os.Remove(m.Placed + ".report.txt")
			}
			back, err := putBack(claim, r.cfg.Inbox, m.Name)
			if err != nil {
				return nil, fmt.Errorf("put %s back in the inbox after a previous run stopped moving it: %w", shown(m.Name, false), bare(err))
			}
			r.log.Warn("a move cut short by a previous run was undone: the file is back in the inbox", "file", shown(back, false))
		default:
			died[m.Name] = max(died[m.Name], m.Attempts)
			r.log.Warn("a previous run stopped while working on this file", "file", shown(m.Name, false), "runs", m.Attempts)
		}
		r.unmark(token)
	}
	// What is left is a dead run's: the snapshots of inputs it had read
	// (their markers are gone once read) and its half-written records.
	rest, _ := os.ReadDir(r.stateDir)
	for _, e := range rest {
		if n := e.Name(); strings.HasSuffix(n, ".snap") || strings.HasPrefix(n, tempPrefix) {
			os.Remove(filepath.Join(r.stateDir, n))
		}
	}
	return died, nil
}

// sameContent says whether the file at placed is the input at claim: a
// link to it, or a complete copy. A marker names where a run was about to
// place an input, so the name may still hold an earlier night's file
// there (the run died before it found the name taken); that file is not
// the input, and the input must not be removed for it.
func sameContent(claim, placed string) bool {
	a, err := os.Lstat(claim)
	if err != nil {
		return false
	}
	b, err := os.Lstat(placed)
	if err != nil || !b.Mode().IsRegular() || a.Size() != b.Size() {
		return false
	}
	if os.SameFile(a, b) {
		return true
	}
	fa, err := os.Open(claim)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(placed)
	if err != nil {
		return false
	}
	defer fb.Close()
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, eb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea != nil || eb != nil {
			return (ea == io.EOF || ea == io.ErrUnexpectedEOF) && (eb == io.EOF || eb == io.ErrUnexpectedEOF)
		}
	}
}

// putBack moves src into inbox as name, or name with a suffix if another
// file took the name meanwhile, and returns the name used.
func putBack(src, inbox, name string) (string, error) {
	for n := 1; n < 10000; n++ {
		candidate := fitName(name, n, "")
		err := os.Link(src, filepath.Join(inbox, candidate))
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			// No hard links here: a rename, checked first.
			if exists(filepath.Join(inbox, candidate)) {
				continue
			}
			return candidate, os.Rename(src, filepath.Join(inbox, candidate))
		}
		return candidate, os.Remove(src)
	}
	return "", fmt.Errorf("no free name for %s", name)
}

// relative names path relative to the folder of the run it is in, for
// logs and reports.
func (r *run) relative(path string) string {
	for _, dir := range []string{r.cfg.Archive, r.cfg.Quarantine, r.cfg.Out, r.cfg.Inbox} {
		if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
			return shown(filepath.Join(filepath.Base(dir), rel), false)
		}
	}
	return shown(filepath.Base(path), false)
}

// settle moves one finished input out of the inbox: it takes the inbox
// file into the state folder (a rename: from then on nobody else can
// change it under that name), checks it is still the file that was read,
// and has place put what was assessed (the snapshot, or the file itself
// when it was not read) in the archive or the quarantine. A file that
// changed is put back in the inbox, with a warning, for the next run; the
// snapshot of what was assessed is still placed.
func (r *run) settle(d finished, place func(src string, copyOnly bool, token string, m *marker) error) error {
	e := d.entry
	m := marker{Name: e.name, Attempts: e.attempts}
	if err := r.mark(e.token, m); err != nil {
		return err
	}
	claim := r.statePath(e.token, ".claim")
	snap := ""
	if e.id.hashed {
		snap = r.statePath(e.token, ".snap")
	}
	if err := os.Rename(e.path, claim); err != nil {
		if errors.Is(err, os.ErrNotExist) && snap != "" {
			// Removed from the inbox during the run: what was assessed
			// is still kept.
			r.log.Warn("removed from the inbox during the run: the version assessed is kept", "file", shown(e.name, false))
			if err := place(snap, false, e.token, &m); err != nil {
				return err
			}
			r.unmark(e.token)
			return nil
		}
		return bare(err)
	}
	now, err := identify(claim, e.id.hashed)
	if err != nil || !e.id.same(now) {
		back, perr := putBack(claim, r.cfg.Inbox, e.name)
		if perr != nil {
			return fmt.Errorf("put %s back in the inbox: %w", shown(e.name, false), bare(perr))
		}
		if snap == "" {
			r.log.Warn("changed during the run (saved again or replaced): left in the inbox for the next run",
				"file", shown(back, false))
			r.unmark(e.token)
			return nil
		}
		// The version assessed goes where it belongs, so that the
		// results describe a file that exists; the new one waits.
		r.log.Warn("changed during the run (saved again or replaced): the version assessed is moved out as usual, the new one is left in the inbox for the next run",
			"file", shown(back, false))
		err := place(snap, false, e.token, &m)
		r.unmark(e.token)
		return err
	}
	src, copyOnly := snap, false
	if src == "" {
		// Not read: the file itself goes. One with other names elsewhere
		// is copied, so that its mode is not changed under those names.
		src, copyOnly = claim, links(now.info) > 1
	}
	if err := place(src, copyOnly, e.token, &m); err != nil {
		// Nothing was placed: the input goes back where it was.
		if _, perr := putBack(claim, r.cfg.Inbox, e.name); perr != nil {
			r.log.Error("could not put the file back in the inbox; it is in the inbox's state folder", "file", shown(e.name, false), "error", bare(perr))
		}
		r.unmark(e.token)
		return err
	}
	os.Remove(claim)
	r.unmark(e.token)
	return nil
}

// placeAs links (or copies) src to dst, which must not exist (os.ErrExist),
// recording dst in the marker first so that a run killed half-way is
// finished by the next one. The placed file gets mode, set through its
// descriptor.
func (r *run) placeAs(src, dst string, copyOnly bool, token string, m *marker) error {
	m.Placed = dst
	if err := r.mark(token, *m); err != nil {
		return err
	}
	if !copyOnly {
		err := os.Link(src, dst)
		if err == nil {
			return chmodNoFollow(dst, r.cfg.Permissions.FileMode)
		}
		if errors.Is(err, os.ErrExist) {
			return os.ErrExist
		}
	}
	if exists(dst) {
		return os.ErrExist
	}
	return copyInto(src, dst, filepath.Join(filepath.Dir(dst), tempPrefix+token+".tmp"), r.cfg.Permissions.FileMode)
}

// chmodNoFollow gives the regular file at path mode, through a descriptor
// opened without following a link.
func chmodNoFollow(path string, mode os.FileMode) error {
	f, _, err := openInput(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Chmod(mode)
}

// copyInto copies src to tmp, then links tmp to dst (never replacing it).
func copyInto(src, dst, tmp string, mode os.FileMode) error {
	in, _, err := openInput(src)
	if err != nil {
		return err
	}
	defer in.Close()
	os.Remove(tmp) // left by a run that died mid-copy
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	_, err = out.ReadFrom(in)
	if err == nil {
		err = out.Chmod(mode)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp, dst); err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	// No hard links at all here (some network shares): check, then rename.
	if exists(dst) {
		return os.ErrExist
	}
	return os.Rename(tmp, dst)
}
