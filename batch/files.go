package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// mkdirs creates dir and any missing parents with mode. Folders it creates
// get exactly mode (not mode minus the umask); folders that exist are left
// as they are: they may be a shared drive set up by IT.
func mkdirs(dir string, mode os.FileMode) error {
	info, err := os.Stat(dir)
	if err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirs(parent, mode); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, mode); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return os.Chmod(dir, mode)
}

// tempFile creates a file in dir under a hidden temporary name derived from
// name; it is renamed into place when complete.
func tempFile(dir, name string, mode os.FileMode) (*os.File, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// writeFileAtomic writes data to dir/name under a temporary name, then
// renames it into place: a reader, or a run killed half-way, never sees a
// partial file under the final name.
func writeFileAtomic(dir, name string, data []byte, mode os.FileMode) error {
	f, err := tempFile(dir, name, mode)
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// suffixed returns name with "-n" before its extension: "a.xlsx" -> "a-2.xlsx".
func suffixed(name string, n int) string {
	if n < 2 {
		return name
	}
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(n) + ext
}

// moveNoClobber moves src into dir under its own name, or with a "-2",
// "-3"… suffix when that name is taken. It never replaces a file. It
// returns the path it moved src to.
func moveNoClobber(src, dir string, mode os.FileMode) (string, error) {
	base := filepath.Base(src)
	for n := 1; n < 10000; n++ {
		dst := filepath.Join(dir, suffixed(base, n))
		err := moveTo(src, dst, mode)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return dst, err
	}
	return "", fmt.Errorf("no free name for %s in %s", base, dir)
}

// moveTo moves src to dst, which must not exist (os.ErrExist if it does),
// and gives it mode.
func moveTo(src, dst string, mode os.FileMode) error {
	if err := linkOrCopy(src, dst); err != nil {
		return err
	}
	if err := os.Chmod(dst, mode); err != nil {
		return err
	}
	if err := os.Remove(src); err != nil {
		// Both names exist: better a copy too many than an input lost.
		return fmt.Errorf("moved %s to %s but could not remove it from the inbox: %w", filepath.Base(src), filepath.Dir(dst), err)
	}
	return nil
}

// linkOrCopy makes dst a second name of src. A hard link is atomic and
// fails if dst exists, so it can never overwrite; across file systems (or
// where links are not supported) it copies to a temporary name and links
// that into place.
func linkOrCopy(src, dst string) error {
	err := os.Link(src, dst)
	if err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(dst); serr == nil {
		return os.ErrExist
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := tempFile(filepath.Dir(dst), filepath.Base(dst), 0o600)
	if err != nil {
		return err
	}
	tmp := out.Name()
	defer os.Remove(tmp)
	_, err = io.Copy(out, in)
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
	if _, err := os.Lstat(dst); err == nil {
		return os.ErrExist
	}
	return os.Rename(tmp, dst)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
