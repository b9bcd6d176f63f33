package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/ingest"
	"github.com/cecbatch/cecbatch/report"
)

// checkCmd does to each workbook what run would do, short of writing: the
// same first pass (so a Client ID used in two of the files is flagged in
// both), the same reading, the same assessment. It prints every problem
// with its cell (ingest's and the engine's data findings, such as a TEER
// that contradicts the NOC code), every warning, then one line per file
// and a last line with the totals saying what run would do. Warnings
// alone do not fail it: run would process the file as it is.
func checkCmd(args []string, stdout io.Writer) error {
	fs := newFlagSet("check")
	config.AddConfigFlag(fs)
	config.AddDateOrderFlag(fs)
	config.AddAsOfFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{"check needs the workbooks or folders to check: cecbatch check FILE|DIR..."}
	}
	_, _, eng, err := loadEngine(fs)
	if err != nil {
		return err
	}
	c := &checker{eng: eng, out: stdout}
	inputs := c.inputs(fs.Args())
	for _, in := range inputs {
		if in.Reject == "" {
			eng.Prescan(context.Background(), in.Path, in.Name)
		}
	}
	for _, in := range inputs {
		c.file(in)
	}
	c.total()
	if c.failed > 0 {
		return &problemsError{files: c.failed, of: c.files}
	}
	return nil
}

// checker prints what check finds and keeps the counts of its last line.
type checker struct {
	eng *engine
	out io.Writer

	files, failed                 int // inputs, and those with an error or quarantined
	processed, quarantined, clean int // clean: processed without an error
	clients, review, left         int
}

// inputs are the files named, and the files a run would take from each
// folder named (not its sub-folders); what a run would leave alone in a
// folder is listed, and a name that cannot be read at all counts as a
// failed file.
func (c *checker) inputs(args []string) []batch.Input {
	var inputs []batch.Input
	for _, arg := range args {
		info, err := os.Stat(arg)
		switch {
		case err != nil:
			fmt.Fprintf(c.out, "%s: cannot be read: %v\n", arg, errors.Unwrap(err))
			c.files++
			c.failed++
		case info.IsDir():
			// No --min-age: a workbook saved a moment ago is what the
			// paralegal wants checked.
			found, skips, err := batch.ScanFolder(arg, 0, time.Now())
			if err != nil {
				fmt.Fprintf(c.out, "%s: cannot be read: %v\n", arg, err)
				c.files++
				c.failed++
				continue
			}
			for _, s := range skips {
				fmt.Fprintf(c.out, "%s: left alone: %s\n", s.Name, s.Why)
				c.left++
			}
			inputs = append(inputs, found...)
		default:
			inputs = append(inputs, batch.InputOf(arg))
		}
	}
	return inputs
}

// file checks one input and prints its problems and its line.
func (c *checker) file(in batch.Input) {
	c.files++
	reject := in.Reject
	var wb *ingest.Workbook
	if reject == "" {
		var err error
		wb, err = c.eng.readWorkbook(context.Background(), in.Path, in.Name)
		var rej *batch.Rejection
		switch {
		case errors.As(err, &rej):
			reject = rej.Reason
		case err != nil:
			reject = batch.UnreadableReason(err)
		}
	}
	if reject != "" {
		fmt.Fprintf(c.out, "%s: quarantined: %s\n", in.Name, reject)
		c.quarantined++
		c.failed++
		return
	}
	review := 0
	for _, client := range wb.Clients {
		if c.assess(wb, client).Verdict == assess.NeedsReview {
			review++
		}
	}
	errs, warnings := 0, 0
	for _, p := range wb.AllProblems() {
		fmt.Fprintln(c.out, p.String())
		if p.Warning {
			warnings++
		} else {
			errs++
		}
	}
	n := len(wb.Clients)
	fmt.Fprintf(c.out, "%s: processed: %s; %s, %s\n", in.Name, needReview(review, n), plural(errs, "error"), plural(warnings, "warning"))
	c.processed++
	c.clients += n
	c.review += review
	if errs > 0 {
		c.failed++
	} else {
		c.clean++
	}
}

// assess claims and assesses client as run would, and adds to what the
// workbook reports the findings that only the engine makes: its data
// problems (a TEER that contradicts the NOC code, a score outside the
// test's scale) and the characters the opinion cannot print (warnings).
func (c *checker) assess(wb *ingest.Workbook, client *assess.Client) (a *assess.Assessment) {
	c.eng.Claim(client)
	defer func() {
		if p := recover(); p != nil {
			client.Problems = append(client.Problems, assess.Problem{Cell: client.Ref.Cell(assess.FieldClientID),
				Message: assess.Untranslated("cecbatch failed while assessing this client (an internal error); run reports it as needs review with the code INTERNAL. Tell IT.")})
			a = &assess.Assessment{Client: client, Verdict: assess.NeedsReview}
		}
	}()
	a = c.eng.Assess(client).Assessment
	reported := map[string]int{}
	for _, p := range client.Problems {
		reported[p.Cell+"\x00"+p.Message.String()]++
	}
	for _, f := range a.Findings {
		switch {
		case f.Code == assess.CodeData:
			if key := f.Cell + "\x00" + f.Text.String(); reported[key] > 0 {
				reported[key]--
				continue
			}
			client.Problems = append(client.Problems, assess.Problem{Cell: f.Cell, Message: f.Text})
		case f.Code == report.CodeGlyph:
			sheet := f.Cell[:max(strings.LastIndexByte(f.Cell, '!'), 0)]
			wb.Problems = append(wb.Problems, ingest.Problem{File: wb.File, Sheet: sheet, Cell: f.Cell, Message: f.Text.String(), Warning: true})
		}
	}
	return a
}

// total prints the last line: what run would do with all the inputs.
func (c *checker) total() {
	line := fmt.Sprintf("in total: %s: %d processed (%s), %d quarantined", plural(c.files, "file"), c.processed, needReview(c.review, c.clients), c.quarantined)
	if c.failed > 0 {
		line += fmt.Sprintf("; %d with problems to fix before the run", c.failed)
	}
	if c.left > 0 {
		line += fmt.Sprintf("; %d left alone", c.left)
	}
	fmt.Fprintln(c.out, line)
}

// needReview says "4 of 5 clients need review".
func needReview(review, of int) string {
	verb := "need"
	if review == 1 || of == 1 {
		verb = "needs"
	}
	return fmt.Sprintf("%d of %s %s review", review, plural(of, "client"), verb)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
