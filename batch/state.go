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

// StateDir is the folder, in the output folder, where a run keeps what it
// needs to survive its own death: one record (marker) per input it works
// on, and the snapshot of each input it read. The records say which file
// the next run finishes moving, puts back in the inbox or quarantines
// unread, so the folder is private to the account that runs cecbatch
// (0700, owned by it; a run refuses one that is not): nobody who can only
// drop files in the inbox, nor a program on their desktop, may write them.
// Earlier versions kept it in the inbox; retireInboxState deals with such
// a folder without trusting what it says.
const StateDir = ".cecbatch-state"

// tempPrefix starts every temporary name cecbatch writes: followed by a
// random token, never by an input's or a client's name.
const tempPrefix = ".cecbatch-"

// claimSuffix ends the hidden name an input takes in the inbox while it
// is moved out (tempPrefix, its token, claimSuffix): a rename in the same
// folder, so that from then on nobody can change it under its own name.
const claimSuffix = ".claim"

// marker is the record of one input a run works on: written before the
// input is read and removed once it is read, then written again while it
// is moved out of the inbox. A marker found at the start of a run is the
// record of a run that died reading the input (Placed is empty) or moving
// it.
type marker struct {
	// Name is the input's name in the inbox.
	Name string `json:"name"`
	// Attempts counts the runs that took the input, this one included.
	Attempts int `json:"attempts"`
	// Folder ("archive" or "quarantine") and Placed (a file name in it)
	// say where the input is being moved: once that file exists, the move
	// is done but for removing the inbox copy. Only a name is recorded,
	// never a path, so that a record can point nowhere else.
	Folder string `json:"folder,omitempty"`
	Placed string `json:"placed,omitempty"`
}

const (
	folderArchive    = "archive"
	folderQuarantine = "quarantine"
)

// maxRecord bounds the size of a record read back: one is a few dozen
// bytes.
const maxRecord = 64 << 10

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

// validToken reports whether s is a token newToken makes: the only names
// of records a run reads back.
func validToken(s string) bool {
	if len(s) != 16 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// plainName reports whether name is a file name and nothing more: no
// folder, no "." or "..", so that joined to a folder it stays in it.
func plainName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, "/\x00") &&
		!strings.ContainsRune(name, filepath.Separator) && filepath.VolumeName(name) == "" && filepath.Base(name) == name
}

func (r *run) statePath(token, ext string) string {
	return filepath.Join(r.stateDir, token+ext)
}

// claimPath is where token's input waits in the inbox while it is moved out.
func (r *run) claimPath(token string) string {
	return filepath.Join(r.cfg.Inbox, tempPrefix+token+claimSuffix)
}

// folder is the configured folder a record names.
func (r *run) folder(name string) string {
	switch name {
	case folderArchive:
		return r.cfg.Archive
	case folderQuarantine:
		return r.cfg.Quarantine
	}
	return ""
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

// readMarker reads a record back; ok is false for one that is not a
// marker this version writes.
func readMarker(path string) (m marker, ok bool) {
	f, _, err := openInput(path)
	if err != nil {
		return m, false
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxRecord+1))
	if err != nil || len(b) > maxRecord || json.Unmarshal(b, &m) != nil {
		return m, false
	}
	if !plainName(m.Name) || (m.Placed != "" && !plainName(m.Placed)) {
		return m, false
	}
	return m, true
}

// errStateNotOurs is the error of a state folder another account could
// have written.
var errStateNotOurs = errors.New("it is not a private folder of the account that runs cecbatch")

// openStateDir checks the state folder at dir: a real folder (not a link)
// that belongs to this account, made private (exactly 0700). With
// create, a missing one is made; without, found is false for it.
func openStateDir(dir string, create bool) (found bool, err error) {
	info, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) && create {
		if err := mkdirs(filepath.Dir(dir), 0o700); err != nil {
			return false, err
		}
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
			return false, err
		}
		info, err = os.Lstat(dir)
	}
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !info.IsDir() || !ownedHere(info) {
		return false, fmt.Errorf("%w (a link, a file or another account's folder is in its place): remove it, it holds nothing cecbatch needs", errStateNotOurs)
	}
	// Exactly 0700: made in a setgid folder (a shared drive) it would
	// keep the setgid bit, and a folder made by hand may be open to others.
	if info.Mode()&(os.ModePerm|os.ModeSetgid|os.ModeSetuid|os.ModeSticky) != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return false, err
		}
	}
	return true, nil
}

// placedPath is the file a record says its input is being moved to: a
// name in the archive or the quarantine folder, whichever the record
// names; ok is false for a record that names no such place.
func (r *run) placedPath(m marker) (path string, ok bool) {
	if m.Placed == "" {
		return "", true
	}
	dir := r.folder(m.Folder)
	if dir == "" || !plainName(m.Placed) {
		return "", false
	}
	return filepath.Join(dir, m.Placed), true
}

// regular reports whether path is a regular file, not following a link.
func regular(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode().IsRegular()
}

// recoverState finishes or undoes what runs that died left half-done, and
// returns, for each input that was in flight when a run died, how many
// runs took it. It acts only on what a record names inside the inbox (the
// input's claim), the archive or the quarantine folder; a record that
// names anything else is removed unread.
func (r *run) recoverState() (map[string]int, error) {
	died := map[string]int{}
	found, err := openStateDir(r.stateDir, false)
	if err != nil {
		return nil, fmt.Errorf("the state folder %s: %w", r.relative(r.stateDir), bare(err))
	}
	if !found {
		return died, nil
	}
	entries, err := os.ReadDir(r.stateDir)
	if err != nil {
		return nil, fmt.Errorf("the state folder %s: %w", r.relative(r.stateDir), bare(err))
	}
	for _, e := range entries {
		name := e.Name()
		token, ok := strings.CutSuffix(name, ".json")
		if !ok || !validToken(token) {
			continue
		}
		m, ok := readMarker(filepath.Join(r.stateDir, name))
		if !ok {
			r.log.Warn("an unreadable record of a previous run was removed", "record", shown(name, false))
			r.unmark(token)
			continue
		}
		if err := r.recoverInput(token, m, died); err != nil {
			return nil, err
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

// recoverInput acts on the marker m of token: a move cut short is
// finished (the input is in its place: the claim goes) or undone (the
// claim goes back in the inbox); an input that was being read counts one
// more run that died on it.
func (r *run) recoverInput(token string, m marker, died map[string]int) error {
	for _, dir := range []string{r.cfg.Archive, r.cfg.Quarantine} {
		// A copy to another file system that was cut short.
		os.Remove(filepath.Join(dir, tempPrefix+token+".tmp"))
	}
	claim := r.claimPath(token)
	if info, err := os.Lstat(claim); err == nil && !info.Mode().IsRegular() {
		// Not what a run leaves: something put in its place in the inbox.
		os.Remove(claim)
	}
	placed, ok := r.placedPath(m)
	switch {
	case !ok:
		r.log.Warn("a record of a previous run names a place outside the archive and quarantine folders: it was not acted on", "file", shown(m.Name, false))
	case regular(claim) && placed != "" && sameContent(claim, placed):
		os.Remove(claim)
		r.log.Warn("a move cut short by a previous run was finished", "file", shown(m.Name, false), "to", r.relative(placed))
		return nil
	case regular(claim):
		if placed != "" && m.Folder == folderQuarantine && !exists(placed) {
			// The report was written first, for an input never placed.
			os.Remove(placed + ".report.txt")
		}
	case m.Placed == "":
		died[m.Name] = max(died[m.Name], m.Attempts)
		r.log.Warn("a previous run stopped while working on this file", "file", shown(m.Name, false), "runs", m.Attempts)
		return nil
	default:
		return nil // placed, and the claim removed: only the record was left
	}
	if !regular(claim) {
		return nil
	}
	back, err := putBack(claim, r.cfg.Inbox, m.Name)
	if err != nil {
		return fmt.Errorf("put %s back in the inbox after a previous run stopped moving it: %w", shown(m.Name, false), bare(err))
	}
	r.log.Warn("a move cut short by a previous run was undone: the file is back in the inbox", "file", shown(back, false))
	return nil
}

// sameContent says whether the file at placed is the input at claim: a
// link to it, or a complete copy. A marker names where a run was about to
// place an input, so the name may still hold an earlier night's file
// there (the run died before it found the name taken); that file is not
// the input, and the input must not be removed for it. A link at placed
// is never followed.
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
	fa, _, err := openInput(claim)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, _, err := openInput(placed)
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
// file took the name meanwhile, and returns the name used. It never
// replaces a file.
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
