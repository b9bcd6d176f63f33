package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cecbatch/cecbatch/ingest"
)

// templateCmd writes a blank intake workbook atomically: a temporary file
// in the same folder, renamed into place when complete.
func templateCmd(args []string, stdout io.Writer) error {
	fs := newFlagSet("template")
	force := fs.Bool("force", false, "replace FILE if it exists")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &usageError{"template needs one file name: cecbatch template FILE.xlsx"}
	}
	path := fs.Arg(0)
	if filepath.Ext(path) != ".xlsx" {
		return &usageError{fmt.Sprintf("%s: the template's name must end in .xlsx", path)}
	}
	if _, err := os.Stat(path); err == nil && !*force {
		return &usageError{fmt.Sprintf("%s exists: choose another name, or add --force to replace it", path)}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write the template: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = ingest.WriteTemplate(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // a blank form: no client data
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write the template: %w", err)
	}
	fmt.Fprintln(stdout, path)
	return nil
}
