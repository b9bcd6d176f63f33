package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// settle moves one finished input out of the inbox: it takes the inbox
// file under its claim name (a rename in the inbox: from then on nobody
// else can change it under its own name), checks it is still the file
// that was read, and has place put what was assessed (the snapshot, or the
// file itself when it was not read) in the archive or the quarantine. A
// file that changed is put back in the inbox, with a warning, for the
// next run; the snapshot of what was assessed is still placed.
func (r *run) settle(d finished, place func(src string, copyOnly bool, token string, m *marker) error) error {
	e := d.entry
	m := marker{Name: e.name, Attempts: e.attempts}
	if err := r.mark(e.token, m); err != nil {
		return err
	}
	claim := r.claimPath(e.token)
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
			r.log.Error("could not put the file back in the inbox; it is there under the hidden name "+filepath.Base(claim), "file", shown(e.name, false), "error", bare(perr))
		}
		r.unmark(e.token)
		return err
	}
	os.Remove(claim)
	r.unmark(e.token)
	return nil
}

// placeAs links (or copies) src to name in folder (folderArchive or
// folderQuarantine), which must not exist (os.ErrExist), recording where
// in the marker first so that a run killed half-way is finished by the
// next one. The placed file gets the configured mode, set through its
// descriptor; a file this account does not own (an unread input a
// paralegal dropped) cannot take it, and is copied instead.
func (r *run) placeAs(src, folder, name string, copyOnly bool, token string, m *marker) error {
	dst := filepath.Join(r.folder(folder), name)
	m.Folder, m.Placed = folder, name
	if err := r.mark(token, *m); err != nil {
		return err
	}
	if !copyOnly {
		err := os.Link(src, dst)
		if err == nil {
			err = chmodNoFollow(dst, r.cfg.Permissions.FileMode)
			if !errors.Is(err, fs.ErrPermission) {
				return err
			}
			os.Remove(dst)
		} else if errors.Is(err, os.ErrExist) {
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
