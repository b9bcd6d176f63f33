package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/ingest"
)

// checkCmd reads each workbook as run would and prints every problem. It
// writes nothing. Warnings alone do not fail it: run would process the
// file as it is.
func checkCmd(args []string, stdout io.Writer) error {
	fs := newFlagSet("check")
	config.AddConfigFlag(fs)
	config.AddDateOrderFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{"check needs the workbooks to check: cecbatch check FILE..."}
	}
	cfg, err := config.Load(fs)
	if err != nil {
		return err
	}
	opts := ingestOptions(cfg)
	failedFiles := 0
	for _, path := range fs.Args() {
		name := filepath.Base(path)
		wb, err := ingest.ReadFile(path, opts)
		var fileErr *ingest.FileError
		switch {
		case errors.As(err, &fileErr):
			fmt.Fprintf(stdout, "%s: rejected: %s\n", name, fileErr.Reason)
			failedFiles++
			continue
		case err != nil:
			fmt.Fprintf(stdout, "%s: cannot be read: %v\n", name, err)
			failedFiles++
			continue
		}
		warnings := 0
		for _, p := range wb.AllProblems() {
			fmt.Fprintln(stdout, p.String())
			if p.Warning {
				warnings++
			}
		}
		errs := wb.Errors()
		if errs > 0 {
			failedFiles++
		}
		fmt.Fprintf(stdout, "%s: %s, %s, %s\n", name, plural(len(wb.Clients), "client"), plural(errs, "error"), plural(warnings, "warning"))
	}
	if failedFiles > 0 {
		return &problemsError{files: failedFiles, of: fs.NArg()}
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
