package config

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// The operator's files are read whole, once, at start-up: the config
// file, the Express Entry rules file and the letterhead logo. Each is
// bounded, so that a path naming the wrong thing (/dev/zero, a disk image,
// a scanned brochure) stops cecbatch at once, with the key named, instead
// of filling the memory.
const (
	// MaxConfigBytes bounds the config file: cecbatch.example.yaml, every
	// key with its explanation, is 5 KB.
	MaxConfigBytes = 1 << 20
	// MaxRulesBytes bounds the Express Entry rules file: the shipped
	// rules (crs-grid.example.yaml) are 13 KB.
	MaxRulesBytes = 4 << 20
	// MaxLogoBytes bounds the letterhead logo, an image printed a few
	// centimetres wide on every opinion.
	MaxLogoBytes = 4 << 20
)

// errNotRegular is the error of an operator's file that is a device, a
// pipe or a folder.
var errNotRegular = errors.New("not a regular file (a device, a pipe or a folder); name the file itself")

// checkSize refuses the file at path if it is not a regular file or holds
// more than limit bytes.
func checkSize(path string, limit int64) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return errNotRegular
	}
	if info.Size() > limit {
		return fmt.Errorf("it is %s, over the %s such a file may be; is it the right file?", size(info.Size()), size(limit))
	}
	return nil
}

// readBounded reads the file at path whole if it is a regular file of at
// most limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	if err := checkSize(path, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		// It grew since it was looked at.
		return nil, fmt.Errorf("it is over the %s such a file may be; is it the right file?", size(limit))
	}
	return b, nil
}

// size writes n bytes for a message: "12 MB", "640 KB".
func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
	}
	return fmt.Sprintf("%d KB", (n+(1<<10)-1)>>10)
}
