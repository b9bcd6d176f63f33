//go:build unix

package batch

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteNewFile: an opinion written under its final name gets exactly
// the configured mode whatever the umask, and never replaces a file that
// is already there.
func TestWriteNewFile(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	if err := writeNewFile(dir, "a.pdf", []byte("%PDF-1.4 one"), 0o640); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, "a.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %#o, want 0640 despite the umask 077", info.Mode().Perm())
	}
	err = writeNewFile(dir, "a.pdf", []byte("%PDF-1.4 two"), 0o640)
	if !errors.Is(err, os.ErrExist) {
		t.Errorf("writing over an existing file: %v, want os.ErrExist", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.pdf")); string(b) != "%PDF-1.4 one" {
		t.Errorf("the existing file was changed: %q", b)
	}
}
