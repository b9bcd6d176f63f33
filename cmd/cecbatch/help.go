package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
)

// commandHelp is `cecbatch CMD --help`: the command's usage, what it does
// and its flags, not the whole manual (cecbatch help).
type commandHelp struct{ fs *pflag.FlagSet }

func (h *commandHelp) Error() string { return "help requested" }

// commandAbout is the usage line and the short description of each
// command that has flags.
var commandAbout = map[string][2]string{
	"run": {"cecbatch run [flags]", `Assesses every intake workbook (.xlsx) directly in the inbox, writes a new
run folder <out>/<YYYYMMDD-HHMMSS>/ (opinions/*.pdf, summary.xlsx,
results.jsonl), then moves each workbook to the archive, or to the
quarantine with a report saying what to fix. The last line of standard
output is the run folder; a run with an empty inbox writes no folder and
prints nothing. Exit status: 0 done, 1 a file was quarantined, 2 bad
configuration, 3 another run holds the inbox, 4 the run failed (no run
folder printed; one written before the failure is renamed <run-id>-FAILED,
with FAILED.txt, and its results.jsonl ends with a "run_status": "failed"
line naming the inputs whose results stand), 130 interrupted.`},
	"check": {"cecbatch check [flags] FILE|DIR...", `Does to each workbook (or each .xlsx directly in each folder) what run would
do, without writing or moving anything: prints every problem with its cell
and every warning, one line per file ("processed: 2 of 5 clients need
review" or "quarantined: why"), and a last line with the totals. Exit
status: 1 if any file has a problem or would be quarantined; 0 if there
are only warnings (run would process the files as they are).`},
	"rules": {"cecbatch rules [--pdf FILE.pdf]", `Prints the rule book in force, generated from the rule set the engine
applies: every rule id, condition, number, table and citation, with the
effective and review dates (Markdown on standard output, or a PDF on the
configured paper with --pdf).`},
	"register": {"cecbatch register COMMAND [flags]", "The client register across nights: list, show, close, reopen, export, backup,\ncheck, purge (cecbatch register --help)."},
	"template": {"cecbatch template [--force] FILE.xlsx", `Writes a blank intake workbook: the Clients, Employment, Language Tests and
Study sheets with headers and drop-down lists, an Instructions sheet and one
example client.`},
}

func (h *commandHelp) text() string {
	about := commandAbout[h.fs.Name()]
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n\nFlags:\n%s\nThe full manual: cecbatch help\n", about[0], about[1], h.fs.FlagUsages())
	return b.String()
}

// isInputPath reports whether a first argument that is not a command names
// a file or folder to check: what Windows passes when workbooks are dropped
// on cecbatch.exe.
func isInputPath(arg string) bool {
	if strings.HasPrefix(arg, "-") {
		return false
	}
	if _, err := os.Stat(arg); err == nil {
		return true
	}
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".xlsx", ".xls", ".xlsm", ".csv", ".ods":
		return true
	}
	return false
}

// dropCmd is what dropping workbooks on the program does: check them and,
// when a person is at the console (Windows opens one for the drop and
// closes it when the program ends), wait for Enter so that the result can
// be read. Errors are printed before the wait, for the same reason.
func dropCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	err := checkCmd(args, stdout)
	if err != nil && exitCode(err) != exitOK {
		fmt.Fprintf(stderr, "cecbatch: %v\n", err)
		err = reportedError{err}
	}
	if isTerminal(stdin) {
		fmt.Fprint(stdout, "\nPress Enter to close this window.\n")
		bufio.NewReader(stdin).ReadString('\n')
	}
	return err
}

// reportedError is an error already printed: cli only takes its exit
// status.
type reportedError struct{ err error }

func (e reportedError) Error() string        { return e.err.Error() }
func (e reportedError) Unwrap() error        { return e.err }
func (e reportedError) Is(target error) bool { return target == errReported }
