package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/report"
)

// rulesCmd prints the rule book in force, generated from the rule set the
// engine applies: Markdown on stdout, or with --pdf a PDF on the
// configured paper (page_size), written under a temporary name and renamed
// into place.
func rulesCmd(args []string, stdout io.Writer) error {
	fs := newFlagSet("rules")
	config.AddConfigFlag(fs)
	pdfPath := fs.String("pdf", "", "write the rule book as a PDF to this file instead of Markdown on standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("rules takes no arguments (got %q): cecbatch rules [--pdf FILE]", fs.Args())}
	}
	rs := assess.Current()
	if *pdfPath != "" && filepath.Ext(*pdfPath) != ".pdf" {
		return &usageError{fmt.Sprintf("%s: the rule book's file name must end in .pdf", *pdfPath)}
	}
	cfg, err := config.Load(fs)
	if err != nil {
		return err
	}
	// The CEC rule book, then the Express Entry rules in force (the shipped
	// ones and a firm's rules file).
	ee := report.ExpressEntrySections(cfg.ExpressEntry.Rules)
	if *pdfPath == "" {
		_, err := io.WriteString(stdout, report.RuleBookMarkdown(rs, ee...))
		return err
	}
	paper, err := configuredPaper(cfg)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(*pdfPath), "."+filepath.Base(*pdfPath)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write the rule book: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = report.WriteRuleBookPDF(tmp, rs, paper, ee...)
	if err == nil {
		err = tmp.Sync()
	}
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // the law, not client data
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *pdfPath)
	}
	if err != nil {
		return fmt.Errorf("write the rule book: %w", err)
	}
	fmt.Fprintln(stdout, *pdfPath)
	return nil
}

// configuredPaper is the opinion's paper of the page_size setting.
func configuredPaper(cfg config.Config) (report.Paper, error) {
	paper, err := report.PaperNamed(cfg.PageSize)
	if err != nil {
		return paper, &config.Error{Msg: "configuration key \"page_size\": " + err.Error()}
	}
	return paper, nil
}
