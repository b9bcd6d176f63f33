package batch

import (
	"errors"
	"fmt"
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

// tempFile creates a file in dir under a hidden temporary name, to be
// renamed to name when complete. The temporary name is a random token:
// name may hold a client's name (an opinion) and be near the longest name
// the file system allows.
func tempFile(dir, name string, mode os.FileMode) (*os.File, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*.tmp")
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

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
