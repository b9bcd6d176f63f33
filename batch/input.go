package batch

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// An inbox is a folder other people and programs write to while a run
// works on it: a file may be replaced by a link or a pipe after the scan,
// saved again by Excel, or have another name elsewhere. So a run reads
// each input once, through a descriptor it has checked, into a private
// snapshot; it assesses the snapshot, archives the snapshot, and removes
// the inbox file only if it is still the file that was read.

// identity is what an inbox file was when it was read.
type identity struct {
	info  os.FileInfo // device and inode (file index on Windows), for os.SameFile
	size  int64
	mtime time.Time
	hash  [sha256.Size]byte
	// hashed is false when the file was not read (over the size limit, or
	// rejected by its extension): then the hash is not compared.
	hashed bool
}

func identityOf(info os.FileInfo) identity {
	return identity{info: info, size: info.Size(), mtime: info.ModTime()}
}

// same reports whether b is the file a describes, unchanged.
func (a identity) same(b identity) bool {
	if a.info == nil || b.info == nil || !os.SameFile(a.info, b.info) || a.size != b.size || !a.mtime.Equal(b.mtime) {
		return false
	}
	return !a.hashed || !b.hashed || a.hash == b.hash
}

// errNotRegular is the error of an inbox name that is no longer a regular
// file (a link, a folder, a pipe swapped in after the scan).
var errNotRegular = errors.New("not a regular file")

// openInput opens the regular file at path without following a link or
// blocking, and returns it with its identity.
func openInput(path string) (*os.File, identity, error) {
	f, err := openNoFollow(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, identity{}, err
		}
		// ELOOP (a link), ENXIO (a socket) and the like.
		return nil, identity{}, fmt.Errorf("%w: %v", errNotRegular, bare(err))
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, identity{}, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, identity{}, errNotRegular
	}
	return f, identityOf(info), nil
}

// errChanging is the error of a file that changed while it was read.
var errChanging = errors.New("changed while it was read")

// takeSnapshot copies the regular file at path, up to limit bytes, to the
// new file dst (mode mode), hashing what it copies. over is true, and
// nothing is copied, when the file is larger than limit. Cancelling ctx
// stops the copy with ctx's error.
func takeSnapshot(ctx context.Context, path, dst string, limit int64, mode os.FileMode) (id identity, over bool, err error) {
	in, id, err := openInput(path)
	if err != nil {
		return id, false, err
	}
	defer in.Close()
	if id.size > limit {
		return id, true, nil
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return id, false, err
	}
	h := sha256.New()
	// A buffer of the file's size, a megabyte at most: a weekly workbook
	// is a few hundred kilobytes, and a megabyte cleared for each was
	// most of what reading an inbox of small workbooks allocated.
	n, err := copyContext(ctx, io.MultiWriter(out, h), io.LimitReader(in, limit+1), int(min(id.size+1, 1<<20)))
	if err == nil {
		err = out.Chmod(mode)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		return id, true, nil // grew past the limit since the stat
	}
	if err != nil {
		return id, false, err
	}
	after, serr := in.Stat()
	if serr != nil || after.Size() != id.size || !after.ModTime().Equal(id.mtime) || n != id.size {
		return id, false, errChanging
	}
	copy(id.hash[:], h.Sum(nil))
	id.hashed = true
	return id, false, nil
}

// identify reads the regular file at path (without following a link) for
// its identity, hashed when hash is set.
func identify(path string, hash bool) (identity, error) {
	f, id, err := openInput(path)
	if err != nil {
		return id, err
	}
	defer f.Close()
	if hash {
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return id, err
		}
		copy(id.hash[:], h.Sum(nil))
		id.hashed = true
	}
	return id, nil
}

// copyContext copies src to dst in chunks of size bytes, checking ctx
// between chunks.
func copyContext(ctx context.Context, dst io.Writer, src io.Reader, size int) (int64, error) {
	buf := make([]byte, max(size, 512))
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		k, rerr := src.Read(buf)
		if k > 0 {
			if _, err := dst.Write(buf[:k]); err != nil {
				return n, err
			}
			n += int64(k)
		}
		if errors.Is(rerr, io.EOF) {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}

// bare strips the paths from an OS error: reports, results and logs name
// files relative to the inbox or out folder, never where they are on the
// machine.
func bare(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	case errors.As(err, &se):
		return se.Err
	}
	return err
}

// shown is s with every control character and bidirectional formatting
// character written as an escape (\u202e), so that a file name cannot
// reorder or hide text in a report or a log line. keepLines leaves line
// breaks and tabs of a multi-line text alone.
func shown(s string, keepLines bool) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return hostileRune(r, keepLines) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hostileRune(r, keepLines) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hostileRune(r rune, keepLines bool) bool {
	if keepLines && (r == '\n' || r == '\t') {
		return false
	}
	return r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) ||
		r == '\u2028' || r == '\u2029'
}

// maxName is the longest file name (in bytes) of the file systems cecbatch
// writes to.
const maxName = 255

// fitName is suffixed(name, n) cut, at a character boundary, so that with
// extra (a report's ".report.txt") it fits in maxName bytes.
func fitName(name string, n int, extra string) string {
	s := suffixed(name, n)
	over := len(s) + len(extra) - maxName
	if over <= 0 {
		return s
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	tail := strings.TrimPrefix(s, stem) // "-2.xlsx"
	keep := len(stem) - over
	for keep > 0 && !utf8.RuneStart(stem[keep]) {
		keep--
	}
	if keep < 1 {
		keep = min(len(stem), 1)
	}
	return stem[:keep] + tail
}

// markReading writes e's marker for a read (the first pass or the read
// proper) and returns what removes it once the read is over. With
// keep_inputs there is no marker.
func (r *run) markReading(e *inboxEntry) (done func(), err error) {
	r.tokens.Store(e.token, true)
	if r.cfg.KeepInputs {
		return func() {}, nil
	}
	// The marker stands while the file is read: reading is what a crafted
	// file can make last, or cost, more than the machine has.
	if err := r.mark(e.token, marker{Name: e.name, Attempts: e.attempts}); err != nil {
		return nil, err
	}
	return func() { os.Remove(r.statePath(e.token, ".json")) }, nil
}

// snapshot takes e's snapshot, once.
func (r *run) snapshot(e *inboxEntry) {
	if e.snapped {
		return
	}
	e.snapped = true
	e.id, e.over, e.snapErr = takeSnapshot(r.stop, e.path, r.statePath(e.token, ".snap"), r.maxFile, r.cfg.Permissions.FileMode)
}

// read reads f's input (its snapshot, taken by the first pass) with the
// engine.
func (r *run) read(f *fileJob) {
	e := &f.entry
	done, err := r.markReading(e)
	if err != nil {
		r.fail(fmt.Errorf("record the input in the inbox's state folder: %w", bare(err)))
		f.interrupted = true
		return
	}
	defer done()
	r.snapshot(e)
	switch err := e.snapErr; {
	case r.stop.Err() != nil:
		f.interrupted = true
		return
	case errors.Is(err, os.ErrNotExist), errors.Is(err, errNotRegular), errors.Is(err, errChanging):
		f.vanished = vanishedReason(err)
		return
	case err != nil:
		f.reject = UnreadableReason(bare(err))
		return
	case e.over:
		f.reject = fmt.Sprintf("The file is %d MB, over the limit of %d MB (limits.max_file_mb). Split it into several workbooks (for example one per week of intake), or remove pictures from it; raise the limit in the configuration if it is genuine.",
			(e.id.size+(1<<20)-1)>>20, r.maxFile>>20)
		return
	}
	wb, err := r.opt.Engine.ReadFile(r.stop, r.statePath(e.token, ".snap"), e.name)
	var rej *Rejection
	switch {
	case r.stop.Err() != nil:
		f.interrupted = true
	case errors.As(err, &rej):
		f.reject = rej.Reason
	case err != nil:
		f.reject = UnreadableReason(bare(err))
	default:
		f.wb = wb
	}
}

// vanishedReason says why an inbox name is no longer an input to take.
func vanishedReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "removed from the inbox after the run started"
	case errors.Is(err, errChanging):
		return "it changed while it was read (still being copied or saved?); the next run takes it"
	}
	return "no longer a regular file (replaced by a link, a folder or a pipe after the run started); only files are read from the inbox"
}

// plainSheets are the sheet names of the intake template and the README
// (folded to lower case): a log line may name them. Any other sheet name
// is the paralegal's, and may hold a client's name and birth date.
var plainSheets = map[string]bool{
	"clients": true, "client": true, "applicants": true, "profile": true,
	"employment": true, "work": true, "work history": true, "jobs": true,
	"language tests": true, "language": true, "tests": true, "test scores": true,
	"study": true, "education": true, "studies": true, "instructions": true,
}

// loggedSheet is s (a cell reference, a sheet name or a problem's text)
// for a log line: with sheet, unless it is a plain sheet name, withheld.
func loggedSheet(s, sheet string) string {
	if sheet == "" || plainSheets[strings.ToLower(strings.TrimSpace(sheet))] {
		return shown(s, false)
	}
	return shown(strings.ReplaceAll(s, sheet, "(a sheet whose name is not logged)"), false)
}
