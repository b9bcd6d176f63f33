package batch

import (
	"context"
	"io"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// Reason is one line of why: a rule id or DATA, plain words, and the
// intake cell it is about ("Employment!F7", or ""). Sheet names the sheet
// of a problem with no cell (an ignored sheet); Warning marks a warning
// (an ignored column), which is not an error.
type Reason struct {
	Code, Text, Cell string
	Sheet            string
	Warning          bool
	// ClientID is set when a workbook's problem is about one client's row
	// (a note on how a date was read): its text may quote the client's
	// data, so it goes to the outputs but not to the log.
	ClientID string
	// Kind says what kind of problem it is in words that quote nothing
	// from the workbook ("a row whose Client ID is not on the Clients
	// sheet"): the log names the cell and the kind, never Text, which may
	// quote a cell holding a client's name or birth date.
	Kind string
}

// Assessed is what the run concluded for one client: the CEC assessment
// and, beside it, the Express Entry readiness estimate (nil when none was
// computed). The estimate never changes the CEC verdict.
type Assessed struct {
	*assess.Assessment
	ExpressEntry *crs.Estimate
}

// Workbook is what an Engine read from one intake workbook.
type Workbook struct {
	Clients []*assess.Client
	// Problems are those that belong to no client (an Employment row whose
	// Client ID is not on the Clients sheet).
	Problems []Reason
}

// Rejection is a file-level problem: the input goes to quarantine, with
// Reason (what is wrong and what to do) in its report.
type Rejection struct{ Reason string }

func (r *Rejection) Error() string { return r.Reason }

// FileOutcome is the results line of one input file.
type FileOutcome struct {
	SourceFile string
	Rejected   bool
	Clients    int
	Reasons    []Reason
}

// Stats describe a finished run, for the summary workbook's Run sheet.
type Stats struct {
	RunID    string
	AsOf     assess.Date
	Started  time.Time
	Duration time.Duration

	Files, Rejected, Clients, Eligible, NotEligible, NeedsReview int
	// Left counts the files left in the inbox: too recent, Office lock
	// files, and inputs not finished by an interrupted run.
	Left int
}

// Engine is the work a run does on each input and client. One Engine
// serves one run: it remembers the client IDs and opinion file names
// already used. Claim and OpinionName are called in input order from one
// goroutine at a time; Assess and Render are called concurrently.
type Engine interface {
	// Prescan is the run's first pass over one intake workbook, before any
	// is read: it records the workbook's client IDs (so that Claim can flag
	// every listing of an ID that two workbooks use) and returns its number
	// of clients, the progress bar's share; 0 if it cannot tell (ReadFile
	// will say why). path is the run's private snapshot of the inbox file
	// name. It is called concurrently, for every input before the first
	// ReadFile; cancelling ctx must stop it as it stops ReadFile.
	Prescan(ctx context.Context, path, name string) int
	// ReadFile reads one intake workbook: path is the run's private
	// snapshot of the inbox file name. A *Rejection error sends the file
	// to quarantine; any other error is a failure to read it, which is
	// treated the same way with the error as the reason. Cancelling ctx
	// (SIGTERM) must stop the reading within a second or two.
	ReadFile(ctx context.Context, path, name string) (*Workbook, error)
	// Claim records c's client ID for the run; a client whose ID another
	// file of the run uses gets a data problem (and so needs review).
	Claim(c *assess.Client)
	// OpinionName is the file name of c's opinion, unique in the run.
	OpinionName(c *assess.Client) string
	// Assess assesses c, with every finding the opinion must show.
	Assess(c *assess.Client) *Assessed
	// Render renders a's documents: the opinion draft first (the file the
	// summary links to), then whatever else the configuration asks for
	// (its DOCX, the client letter). name is OpinionName's; the others are
	// named after it. An error is that client's failure.
	Render(a *Assessed, name string) ([]Document, error)
	// NewOutputs starts the run's results.jsonl, written to results, and
	// summary workbook, written to summaryPath by Close (atomically: under
	// a temporary name, then renamed).
	NewOutputs(results io.Writer, summaryPath string) (Outputs, error)
}

// Document is one file rendered for a client: its name in the run's
// opinions folder and its content.
type Document struct {
	Name string
	Data []byte
	// Release, when set, is called once Data is written: the renderer
	// may then reuse Data's memory.
	Release func()
}

// Outputs are the writers of results.jsonl and summary.xlsx. Their methods
// are called from one goroutine at a time, in input order.
type Outputs interface {
	// Client records one client; files are the documents written for it,
	// relative to the run folder, the opinion draft first; none if there
	// are none.
	Client(a *Assessed, files []string) error
	// File records one input file, after its clients.
	File(f FileOutcome) error
	// Close completes both outputs; the summary is written to its path.
	Close(s Stats, config [][2]string) error
	// Abort gives up a failed run's outputs and their temporary files.
	Abort()
}
