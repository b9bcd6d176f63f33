package batch

import (
	"bufio"
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/register"
)

// Options are what one run needs.
type Options struct {
	Config config.Config
	// AsOf is the assessment date of clients with no Application Date.
	AsOf   assess.Date
	Engine Engine
	Log    *slog.Logger
	// Progress, when not nil, is where a progress bar is drawn (a terminal),
	// and the log's writer.
	Progress *LogWriter
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// Register is the client register (register.go); nil runs without one.
	Register *RegisterOptions
}

// Result is what a run did.
type Result struct {
	// RunDir is the run folder, complete; "" if the run failed or had
	// nothing to do (no folder is made then).
	RunDir string
	RunID  string
	// Files counts the inputs taken: Processed + Rejected + those an
	// interrupted run did not finish (counted in Left too).
	Files, Processed, Rejected int
	// Left counts the files left in the inbox: those the run left alone
	// (too recent, Office lock files, links; not folders), the inputs an
	// interrupted run did not finish and those it could not move out.
	Left int
	// Skipped counts the entries the run left alone (Left's files and
	// folders).
	Skipped int

	Clients, Eligible, NotEligible, NeedsReview int
	// Failed counts clients whose assessment or opinion failed (a bug):
	// they are reported as needs_review with code INTERNAL.
	Failed int
	// Digest is the morning digest (digest.txt); "" without a register.
	Digest string
}

// ErrInterrupted is returned, with a valid Result, by a run that stopped
// early because its context was cancelled (SIGINT/SIGTERM).
var ErrInterrupted = errors.New("interrupted: finished inputs are complete and archived, the rest are still in the inbox")

// RunError is a failure of the run itself (an output that cannot be
// written, an input that cannot be moved). Moved and NotMoved count the
// inputs moved out of the inbox and those left in it when the failure came
// while moving them; both are 0 when no input was moved.
type RunError struct {
	Err             error
	Moved, NotMoved int
	// Folder is the run folder of a run that failed while moving its
	// inputs, renamed "<run-id>-FAILED" (FailedSuffix), with FAILED.txt;
	// "" when there is none.
	Folder string
}

func (e *RunError) Error() string {
	if e.Moved == 0 && e.NotMoved == 0 {
		return fmt.Sprintf("the run failed, no input was moved: %v", e.Err)
	}
	msg := fmt.Sprintf("the run failed while moving the inputs: %v; %s, %s",
		e.Err, count(e.Moved, "input was moved (archived or quarantined)", "inputs were moved (archived or quarantined)"),
		count(e.NotMoved, "input was left in the inbox", "inputs were left in the inbox"))
	if e.Folder != "" {
		msg += fmt.Sprintf("; its run folder is marked failed: %s (see %s there)", e.Folder, FailedNote)
	}
	return msg
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (e *RunError) Unwrap() error { return e.Err }

// CodeInternal is the finding code of a client whose assessment or opinion
// failed because of a bug.
const CodeInternal = "INTERNAL"

// Run processes the inbox of opt.Config once. Cancelling ctx stops it
// taking new work; it then finishes the clients in progress and completes
// the run folder with the inputs that were finished (ErrInterrupted). The
// error is a *config.Error if the inbox does not exist, wraps ErrLocked if
// another run holds the inbox, and is a *RunError if the run failed.
func Run(ctx context.Context, opt Options) (Result, error) {
	cfg := opt.Config
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Workers < 1 {
		cfg.Workers = runtime.NumCPU()
	}
	loc, err := cfg.Location()
	if err != nil {
		return Result{}, err
	}
	if info, err := os.Stat(cfg.Inbox); err != nil || !info.IsDir() {
		return Result{}, &config.Error{Msg: fmt.Sprintf("the inbox folder %s does not exist (set --inbox, CECBATCH_INBOX or inbox: in the config file)", cfg.Inbox)}
	}
	lock, err := lockInbox(cfg.Inbox)
	if err != nil {
		if errors.Is(err, ErrLocked) {
			return Result{}, err
		}
		return Result{}, &RunError{Err: err}
	}
	defer lock.release()

	r := &run{opt: opt, cfg: cfg, log: opt.Log, started: opt.Now(), loc: loc}
	r.runCtx, r.cancelRun = context.WithCancelCause(context.Background())
	defer r.cancelRun(nil)
	r.stop = ctx

	r.maxFile = cfg.Limits.MaxFileMB << 20
	if r.maxFile <= 0 {
		r.maxFile = 50 << 20
	}
	var died map[string]int
	if cfg.KeepInputs {
		// A trial run leaves the inbox as it is: its snapshots go to a
		// folder of its own, and it keeps no record of what it takes.
		if err := mkdirs(cfg.Out, cfg.Permissions.DirMode); err != nil {
			return Result{}, &RunError{Err: fmt.Errorf("output folder: %w", bare(err))}
		}
		if r.stateDir, err = os.MkdirTemp(cfg.Out, tempPrefix+"*.tmp"); err != nil {
			return Result{}, &RunError{Err: fmt.Errorf("output folder: %w", bare(err))}
		}
		defer os.RemoveAll(r.stateDir)
	} else {
		r.retireInboxState()
		r.stateDir = filepath.Join(cfg.Out, StateDir)
		if died, err = r.recoverState(); err != nil {
			return Result{}, &RunError{Err: err}
		}
	}
	defer r.forget()

	// register step: decisions read back, before any input is taken.
	if r.night, err = r.newNight(); err != nil {
		return Result{}, &RunError{Err: err}
	}
	defer r.night.abandon()

	entries, skips, err := scanInbox(cfg.Inbox, cfg.MinAge, r.started)
	if err != nil {
		return Result{}, &RunError{Err: fmt.Errorf("read the inbox: %w", bare(err))}
	}
	for _, s := range skips {
		r.log.Info("skipped", "file", shown(s.name, false), "why", s.why)
		if s.why != whyFolder {
			r.res.Left++
		}
	}
	r.res.Skipped = len(skips)
	// register step: an empty inbox still makes a run folder when the
	// register has open clients to re-assess.
	registerWork, err := r.night.hasWork()
	if err != nil {
		return Result{}, &RunError{Err: err}
	}
	if len(entries) == 0 && !registerWork {
		// No run folder for nothing: a nightly job on an empty inbox
		// leaves no trace but this line, and prints nothing on stdout.
		r.log.Info("nothing to do: no workbook in the inbox, no run folder written", "left_in_inbox", r.res.Left)
		return r.res, nil
	}
	for i := range entries {
		e := &entries[i]
		if e.warning != "" {
			r.log.Warn(e.warning, "file", shown(e.name, false))
		}
		e.token = newToken()
		if !cfg.KeepInputs {
			e.attempts = died[e.name] + 1
			if e.reject == "" && died[e.name] >= stoppedRuns {
				e.reject = fmt.Sprintf("cecbatch stopped two runs: each of the last %d runs ended (killed, out of memory or a power cut) while it was working on this file, so it was set aside to let the other workbooks through. "+
					"If the file is genuine, check that it opens in Excel, save it again and put it back in the inbox; if it stops the next run again, send it to IT.", died[e.name])
			}
		}
	}
	if afterScan != nil {
		afterScan()
	}

	if err := r.prepare(loc); err != nil {
		r.abandon()
		return Result{}, &RunError{Err: bare(err)}
	}
	if r.night != nil { // register step
		if err := r.night.start(); err != nil {
			r.abandon()
			return Result{}, &RunError{Err: bare(err)}
		}
	}
	r.log.Info("run started", "run_id", r.res.RunID, "inputs", len(entries), "workers", cfg.Workers, "as_of", opt.AsOf.String())

	counts := r.prescan(entries)
	r.bar = newProgress(opt.Progress, counts)
	r.process(entries, counts)
	r.bar.finish()

	if cause := context.Cause(r.runCtx); cause != nil {
		r.abandon()
		return r.res, &RunError{Err: cause}
	}
	if r.night != nil { // register step: the register's clients, then its outputs
		if err := r.night.run(ctx); err != nil {
			r.abandon()
			return r.res, &RunError{Err: err}
		}
	}
	if err := r.complete(); err != nil {
		r.abandon()
		return r.res, &RunError{Err: bare(err)}
	}
	if r.night != nil { // register step: committed before any input moves
		if err := r.night.commit(); err != nil {
			r.log.Error("the client register could not be written: the inputs stay in the inbox", "error", err)
			return r.res, &RunError{Err: err}
		}
	}
	moved, notMoved, moveErr := r.moveInputs()
	r.res.Left += len(notMoved)
	var failedDir string
	if moveErr != nil {
		// The folder is complete, but some of its inputs are still in
		// the inbox and the next run assesses them again: it must not
		// look like a finished run to a person or a script.
		failedDir = r.markFailed(moveErr, moved, notMoved)
		r.res.RunDir = ""
	}

	r.log.Info("run finished", "run_id", r.res.RunID, "folder", cmp.Or(r.res.RunDir, failedDir),
		"files", r.res.Files, "processed", r.res.Processed, "rejected", r.res.Rejected, "left_in_inbox", r.res.Left,
		"clients", r.res.Clients, "eligible", r.res.Eligible, "not_eligible", r.res.NotEligible,
		"needs_review", r.res.NeedsReview, "failed", r.res.Failed,
		"duration", opt.Now().Sub(r.started).Round(time.Millisecond).String())
	if moveErr != nil {
		return r.res, &RunError{Err: moveErr, Moved: len(moved), NotMoved: r.res.Left, Folder: failedDir}
	}
	if ctx.Err() != nil {
		return r.res, ErrInterrupted
	}
	return r.res, nil
}

// afterScan, when set (tests), runs between the scan of the inbox and the
// reading of the files: where another program may swap a file.
var afterScan func()

type run struct {
	opt     Options
	cfg     config.Config
	log     *slog.Logger
	started time.Time
	loc     *time.Location // the configured time zone

	stop      context.Context // cancelled: take no new work
	runCtx    context.Context // cancelled: the run has failed
	cancelRun context.CancelCauseFunc

	tmpDir, finalDir, opinions string
	writeback                  *writeback // of the documents written
	resultsFile                *os.File
	resultsBuf                 *bufio.Writer
	summaryPath                string
	outputs                    Outputs

	bar *progress

	// tokens are the state tokens of the inputs this run marked.
	tokens sync.Map
	// stateDir holds the markers and snapshots of the inputs (StateDir).
	stateDir string
	// maxFile is the largest input read (limits.max_file_mb).
	maxFile int64

	// Touched only by the emit stage, which runs one file at a time.
	res  Result
	done []finished

	// night is the register step (register.go); nil without a register.
	night *night
}

// finished is an input whose outputs are all written: it is archived (or
// quarantined, with its report) once the run folder is complete.
type finished struct {
	entry  inboxEntry
	reject string // "" for a processed file
}

// prepare creates the output folders and the run folder, and opens the
// run's outputs under temporary names.
func (r *run) prepare(loc *time.Location) error {
	mode := r.cfg.Permissions.DirMode
	if err := mkdirs(r.cfg.Out, mode); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if !r.cfg.KeepInputs {
		if err := mkdirs(r.cfg.Archive, mode); err != nil {
			return fmt.Errorf("archive folder: %w", err)
		}
		if err := mkdirs(r.cfg.Quarantine, mode); err != nil {
			return fmt.Errorf("quarantine folder: %w", err)
		}
		if _, err := openStateDir(r.stateDir, true); err != nil {
			return fmt.Errorf("the state folder %s: %w", r.relative(r.stateDir), err)
		}
	}
	base := r.started.In(loc).Format("20060102-150405")
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		final := filepath.Join(r.cfg.Out, id)
		tmp := final + ".incomplete"
		if exists(final) || exists(final+FailedSuffix) {
			continue
		}
		err := os.Mkdir(tmp, mode)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		r.res.RunID, r.tmpDir, r.finalDir = id, tmp, final
		break
	}
	if err := os.Chmod(r.tmpDir, mode); err != nil {
		return err
	}
	r.opinions = filepath.Join(r.tmpDir, "opinions")
	r.writeback = &writeback{flush: fileSystemFlush(r.cfg.Out)}
	if err := mkdirs(r.opinions, mode); err != nil {
		return err
	}
	f, err := tempFile(r.tmpDir, "results.jsonl", r.cfg.Permissions.FileMode)
	if err != nil {
		return err
	}
	r.resultsFile = f
	r.resultsBuf = bufio.NewWriterSize(f, 64<<10)
	r.summaryPath = filepath.Join(r.tmpDir, "summary.xlsx")
	r.outputs, err = r.opt.Engine.NewOutputs(r.resultsBuf, r.summaryPath)
	return err
}

// fail records a failure of the run itself; the first one is reported.
func (r *run) fail(err error) { r.cancelRun(err) }

func (r *run) failed() bool { return r.runCtx.Err() != nil }

func (r *run) stopping() bool { return r.stop.Err() != nil || r.failed() }

// fileJob is one input on its way through the stages. The claim, submit
// and emit stages take the files one at a time in name order (each waits for the
// previous file's channel), so the run's outputs do not depend on which
// worker was faster.
type fileJob struct {
	entry     inboxEntry
	prev      *fileJob
	claimed   chan struct{}
	submitted chan struct{}
	emitted   chan struct{}

	started time.Time
	// prescanned is the number of clients the first pass counted: the
	// file's share of the progress bar's total, corrected once it is read.
	prescanned int
	reject     string
	// vanished says why the file is no longer an input (removed, or
	// replaced by a link or a pipe after the scan): it is left alone.
	vanished    string
	wb          *Workbook
	names       []string
	clients     []clientOutcome
	interrupted bool
	// skippedClient is set by a client task that found the run stopping.
	skippedClient atomic.Bool
}

type clientOutcome struct {
	a      *Assessed
	files  []string // relative to the run folder, the opinion first
	failed bool
	reg    *inputState // what the register said; nil without one
}

// process takes the inputs through the pipeline: read (a worker), claim
// IDs and names (in order), assess and render (workers), emit rows (in
// order). At most Workers+1 files are past the read stage at once, which
// bounds the workbooks held in memory.
func (r *run) process(entries []inboxEntry, prescanned []int) {
	var pool errgroup.Group
	pool.SetLimit(r.cfg.Workers)
	inFlight := make(chan struct{}, r.cfg.Workers+1)
	var files sync.WaitGroup
	var prev *fileJob
	notStarted := 0
	for i, e := range entries {
		if !r.stopping() {
			select {
			case inFlight <- struct{}{}:
			case <-r.stop.Done():
			case <-r.runCtx.Done():
			}
		}
		if r.stopping() {
			notStarted = len(entries) - i
			break
		}
		f := &fileJob{entry: e, prev: prev, prescanned: prescanned[i], claimed: make(chan struct{}), submitted: make(chan struct{}), emitted: make(chan struct{})}
		prev = f
		files.Add(1)
		go func() {
			defer files.Done()
			defer func() { <-inFlight }()
			r.file(&pool, f)
		}()
	}
	files.Wait()
	pool.Wait() // the clients' errors went to r.fail
	r.res.Files += notStarted
	r.res.Left += notStarted
}

func (r *run) file(pool *errgroup.Group, f *fileJob) {
	f.started = r.opt.Now()
	f.reject = f.entry.reject
	if f.reject == "" && !r.stopping() {
		read := make(chan struct{})
		pool.Go(func() error {
			defer close(read)
			defer func() {
				if p := recover(); p != nil {
					r.log.Error("reading the workbook failed (a bug)", "file", shown(f.entry.name, false), "panic", panicText(p))
					f.wb, f.reject = nil, "cecbatch failed while reading this workbook (an internal error, logged). Put the file back in the inbox to try again, and tell IT if it happens again."
				}
			}()
			r.read(f)
			return nil
		})
		<-read
	} else if f.reject == "" {
		f.interrupted = true
	} else if f.entry.id.info == nil {
		// Rejected by its name: it is moved, not read, but it must still
		// be the file that was looked at when it is.
		if in, id, err := openInput(f.entry.path); err != nil {
			f.vanished = vanishedReason(err)
		} else {
			in.Close()
			f.entry.id = id
		}
	}

	if f.prev != nil {
		<-f.prev.claimed
	}
	if f.wb != nil && !f.interrupted {
		if r.stopping() {
			f.interrupted = true
		} else {
			f.names = make([]string, len(f.wb.Clients))
			for j, c := range f.wb.Clients {
				r.opt.Engine.Claim(c)
				f.names[j] = r.opt.Engine.OpinionName(c)
			}
			r.bar.add(len(f.wb.Clients) - f.prescanned)
		}
	} else {
		r.bar.add(-f.prescanned)
	}
	close(f.claimed)

	// Clients enter the pool file after file, so that the earliest file
	// finishes first: an interrupted run then has whole files to archive,
	// and the workbooks waiting in memory are released in order.
	if f.prev != nil {
		<-f.prev.submitted
	}
	if f.wb != nil && !f.interrupted {
		f.clients = make([]clientOutcome, len(f.wb.Clients))
		// What the register knows of the file's clients, looked up
		// together; a register that cannot be read stops the run.
		var priors map[string]*register.Prior
		if r.night != nil {
			var err error
			if priors, err = r.night.priorsOf(f.wb.Clients); err != nil {
				r.fail(err)
			}
		}
		var wg sync.WaitGroup
		for j, c := range f.wb.Clients {
			if r.stopping() {
				f.interrupted = true
				break
			}
			wg.Add(1)
			pool.Go(func() error {
				defer wg.Done()
				defer r.bar.done()
				// The signal may have come while this task waited for a
				// worker: then it is new work, not work in progress.
				if r.stopping() {
					f.skippedClient.Store(true)
					return nil
				}
				if err := r.client(f, j, c, priors[c.ID]); err != nil {
					r.fail(err)
				}
				return nil
			})
		}
		close(f.submitted)
		wg.Wait()
		if f.skippedClient.Load() {
			f.interrupted = true
		}
	} else {
		close(f.submitted)
	}

	if f.prev != nil {
		<-f.prev.emitted
	}
	r.emit(f)
	// Nothing of a written file is needed any more: the next file keeps
	// this one only for its channels, so the chain must not keep the rest.
	f.prev, f.wb, f.names, f.clients = nil, nil, nil, nil
	close(f.emitted)
}

// client assesses and renders one client; prior is what the register
// knows of it (nil: nothing, or no register). A panic or a rendering error
// is that client's failure; only an opinion that cannot be written is
// returned, as a failure of the run.
func (r *run) client(f *fileJob, j int, c *assess.Client, prior *register.Prior) (err error) {
	var a *Assessed
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("client failed (a bug): reported as needs review", "file", shown(f.entry.name, false), "client", clientCell(c), "panic", panicText(p))
			f.clients[j] = r.failedClient(c, a, "cecbatch failed while assessing this client or drafting the opinion (an internal error, logged); no opinion draft was written. Review the client by hand.")
			err = nil
		}
	}()
	var reg *inputState
	if r.night != nil { // register step: look the client up first
		if reg, err = r.night.beforeInput(c, prior); err != nil {
			return err
		}
	}
	a = r.opt.Engine.Assess(c)
	if reg != nil && !reg.needsOpinion(a) {
		// A re-dropped identical snapshot with the same outcome: no new draft.
		f.clients[j] = clientOutcome{a: a, reg: reg}
		return nil
	}
	docs, err := r.opt.Engine.Render(a, f.names[j])
	if err != nil {
		// The error stays out of the log: it may quote the text that
		// could not be drawn. The client's results carry it.
		r.log.Error("opinion failed: reported as needs review (the error is in the client's results)", "file", shown(f.entry.name, false), "client", clientCell(c))
		f.clients[j] = r.failedClient(c, a, fmt.Sprintf("The opinion draft could not be produced (%v); review the client by hand.", err))
		return nil
	}
	files, err := r.writeDocuments(docs)
	if err != nil {
		return fmt.Errorf("write an opinion (client at %s of %s): %w", clientCell(c), shown(f.entry.name, false), err)
	}
	f.clients[j] = clientOutcome{a: a, files: files, reg: reg}
	return nil
}

// writeDocuments writes a client's rendered documents into the opinions
// folder and returns their paths relative to the run folder, in order.
func (r *run) writeDocuments(docs []Document) ([]string, error) {
	files := make([]string, 0, len(docs))
	for _, d := range docs {
		err := writeNewFile(r.opinions, d.Name, d.Data, r.cfg.Permissions.FileMode)
		if err == nil {
			r.writeback.wrote(len(d.Data))
		}
		if d.Release != nil {
			d.Release()
		}
		if err != nil {
			return nil, bare(err)
		}
		files = append(files, "opinions/"+d.Name)
	}
	return files, nil
}

func (r *run) failedClient(c *assess.Client, a *Assessed, text string) clientOutcome {
	if a == nil || a.Assessment == nil {
		a = &Assessed{Assessment: &assess.Assessment{Client: c, AssessedOn: c.ApplicationDate, LanguageCLB: -1}}
		if a.AssessedOn.IsZero() {
			a.AssessedOn, a.FromAsOf = r.opt.AsOf, true
		}
	}
	a.Verdict = assess.NeedsReview
	a.Findings = append(a.Findings, assess.Finding{Code: CodeInternal, Kind: assess.KindConcern, Text: assess.Untranslated(text), Job: -1, Test: -1})
	return clientOutcome{a: a, failed: true}
}

// clientCell names a client for a log line by the cell of its Client ID
// ("Clients!A7"), not by the ID: a workbook keyed by the clients' names
// has names in that column.
func clientCell(c *assess.Client) string {
	cell := c.Ref.Cell(assess.FieldClientID)
	if cell == "" {
		return "(no cell)"
	}
	return loggedSheet(cell, c.Ref.Sheet)
}

// panicText is what the log says about a panic: a runtime error's text
// (no client data), or only the panic value's type.
func panicText(p any) string {
	if err, ok := p.(runtime.Error); ok {
		return err.Error()
	}
	return fmt.Sprintf("%T value (not logged: it may hold client data)", p)
}

// emit writes one file's rows, in order, and logs its line. An
// interrupted file writes nothing and its opinions are removed: it stays
// in the inbox for the next run.
func (r *run) emit(f *fileJob) {
	r.res.Files++
	if r.failed() {
		return
	}
	name := f.entry.name
	if f.vanished != "" {
		r.res.Left++
		r.log.Warn("left alone: "+f.vanished, "file", shown(name, false))
		return
	}
	if f.interrupted {
		for j := range f.clients {
			for _, name := range f.clients[j].files {
				os.Remove(filepath.Join(r.tmpDir, name))
			}
		}
		r.res.Left++
		r.log.Warn("left in the inbox (interrupted)", "file", shown(name, false))
		return
	}
	if f.reject != "" {
		if err := r.outputs.File(FileOutcome{SourceFile: name, Rejected: true, Reasons: []Reason{{Code: assess.CodeData, Text: f.reject}}}); err != nil {
			r.fail(fmt.Errorf("write results: %w", err))
			return
		}
		r.res.Rejected++
		r.done = append(r.done, finished{entry: f.entry, reject: f.reject})
		// The reason stays out of the log: it may quote sheet names, which
		// can hold a client's name and birth date.
		r.log.Warn("rejected: will be quarantined", "file", shown(name, false), "reason", "in results.jsonl and the quarantine report")
		return
	}
	var eligible, notEligible, review, failed int
	var writes []register.Write
	for _, o := range f.clients {
		var err error
		if r.night != nil { // register step
			err = r.night.emitInput(o, hex.EncodeToString(f.entry.id.hash[:]), &writes)
		} else {
			err = r.outputs.Client(o.a, o.files)
		}
		if err != nil {
			r.fail(fmt.Errorf("write results: %w", err))
			return
		}
		switch o.a.Verdict {
		case assess.Eligible:
			eligible++
		case assess.NotEligible:
			notEligible++
		default:
			review++
		}
		if o.failed {
			failed++
		}
	}
	f.clients = nil // let the assessments go as soon as they are written
	if r.night != nil {
		if err := r.night.files.add(writes); err != nil {
			r.fail(err)
			return
		}
	}
	n := len(f.wb.Clients)
	for _, p := range f.wb.Problems {
		// Warnings too: with --quiet, cron mails what the paralegal must
		// fix: where, and what kind of problem. Its text stays in the
		// outputs: it may quote a cell (a Client ID that is a client's
		// name, a column header holding a note about a client), and a
		// note on a client's row may quote a birth date.
		if p.ClientID != "" {
			continue
		}
		msg, where, at := "problem in the file", "cell", p.Cell
		if p.Warning {
			msg = "warning in the file"
		}
		if p.Cell == "" {
			where, at = "sheet", p.Sheet
		}
		kind := p.Kind
		if kind == "" {
			kind = "see the summary's Problems sheet"
		}
		r.log.Warn(msg, "file", shown(name, false), where, loggedSheet(at, p.Sheet), "kind", kind)
	}
	if err := r.outputs.File(FileOutcome{SourceFile: name, Clients: n, Reasons: f.wb.Problems}); err != nil {
		r.fail(fmt.Errorf("write results: %w", err))
		return
	}
	r.res.Processed++
	r.res.Clients += n
	r.res.Eligible += eligible
	r.res.NotEligible += notEligible
	r.res.NeedsReview += review
	r.res.Failed += failed
	r.done = append(r.done, finished{entry: f.entry})
	r.log.Info("file done", "file", shown(name, false), "clients", n, "eligible", eligible, "not_eligible", notEligible,
		"needs_review", review, "failed", failed, "file_problems", len(f.wb.Problems),
		"duration", r.opt.Now().Sub(f.started).Round(time.Millisecond).String())
	f.wb = nil
}

// complete closes the outputs, renames them into place and then renames
// the run folder from "<id>.incomplete" to "<id>".
func (r *run) complete() error {
	stats := Stats{
		RunID: r.res.RunID, AsOf: r.opt.AsOf, Started: r.started.In(r.loc), Duration: r.opt.Now().Sub(r.started),
		Files: r.res.Processed + r.res.Rejected, Rejected: r.res.Rejected, Clients: r.res.Clients,
		Eligible: r.res.Eligible, NotEligible: r.res.NotEligible, NeedsReview: r.res.NeedsReview,
		Left: r.res.Left,
	}
	closed := r.outputs
	r.outputs = nil // closed, whatever happens: nothing to abort
	if err := closed.Close(stats, r.cfg.Pairs()); err != nil {
		return fmt.Errorf("write the summary: %w", err)
	}
	err := r.resultsBuf.Flush()
	if err == nil {
		err = r.resultsFile.Sync()
	}
	if cerr := r.resultsFile.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write results.jsonl: %w", err)
	}
	if err := os.Rename(r.resultsFile.Name(), filepath.Join(r.tmpDir, "results.jsonl")); err != nil {
		return err
	}
	if err := os.Chmod(r.summaryPath, r.cfg.Permissions.FileMode); err != nil {
		return fmt.Errorf("write the summary: %w", err)
	}
	if err := r.night.waitFinish(); err != nil { // agenda.ics and the digest
		return err
	}
	// Before any input leaves the inbox, what the run wrote must survive a
	// power cut, not only a crash.
	syncFilesystems()
	if err := os.Rename(r.tmpDir, r.finalDir); err != nil {
		return err
	}
	syncDir(r.cfg.Out)
	r.res.RunDir = r.finalDir
	return nil
}

// abandon removes the incomplete run folder of a failed run.
func (r *run) abandon() {
	// Nothing may still be writing into the folder.
	r.night.waitFinish()
	if r.outputs != nil {
		r.outputs.Abort()
	}
	if r.resultsFile != nil {
		r.resultsFile.Close()
	}
	if r.tmpDir != "" {
		os.RemoveAll(r.tmpDir)
	}
}

// moveInputs archives the processed inputs and quarantines the rejected
// ones beside their reports, and returns the names of those it moved and
// of those it could not. With keep_inputs it does nothing.
func (r *run) moveInputs() (moved, notMoved []string, err error) {
	if r.cfg.KeepInputs {
		return nil, nil, nil
	}
	var errs []error
	sort.Slice(r.done, func(i, j int) bool { return r.done[i].entry.name < r.done[j].entry.name })
	for _, d := range r.done {
		var err error
		if d.reject == "" {
			err = r.settle(d, func(src string, copyOnly bool, token string, m *marker) error {
				for n := 1; n < 10000; n++ {
					err := r.placeAs(src, folderArchive, fitName(d.entry.name, n, ""), copyOnly, token, m)
					if !errors.Is(err, os.ErrExist) {
						return err
					}
				}
				return fmt.Errorf("no free name in the archive")
			})
		} else {
			err = r.settle(d, func(src string, copyOnly bool, token string, m *marker) error {
				return r.quarantine(d, src, copyOnly, token, m)
			})
		}
		if err != nil {
			err = fmt.Errorf("%s: %w", shown(d.entry.name, false), bare(err))
			r.log.Error("could not move out of the inbox", "file", shown(d.entry.name, false), "error", bare(err))
			errs = append(errs, err)
			notMoved = append(notMoved, d.entry.name)
			continue
		}
		moved = append(moved, d.entry.name)
	}
	syncDir(r.cfg.Inbox)
	return moved, notMoved, errors.Join(errs...)
}

// quarantine writes the report, then places src beside it. The name
// chosen is free for both the input and its report.
func (r *run) quarantine(d finished, src string, copyOnly bool, token string, m *marker) error {
	dir := r.cfg.Quarantine
	for n := 1; n < 10000; n++ {
		name := fitName(d.entry.name, n, ".report.txt")
		if exists(filepath.Join(dir, name)) || exists(filepath.Join(dir, name+".report.txt")) {
			continue
		}
		report := fmt.Sprintf("cecbatch could not process %s (run %s, %s).\n\n%s\n\nWhen it is fixed, put the file back in the inbox; the next run will take it.\n",
			shown(d.entry.name, false), r.res.RunID, r.relative(r.finalDir), shown(d.reject, true))
		if err := writeFileAtomic(dir, name+".report.txt", []byte(report), r.cfg.Permissions.FileMode); err != nil {
			return err
		}
		err := r.placeAs(src, folderQuarantine, name, copyOnly, token, m)
		if errors.Is(err, os.ErrExist) {
			os.Remove(filepath.Join(dir, name+".report.txt"))
			continue
		}
		if err != nil {
			os.Remove(filepath.Join(dir, name+".report.txt"))
		}
		return err
	}
	return fmt.Errorf("no free name in the quarantine folder")
}

// forget removes what the run kept in the state folder about the inputs
// it did not settle: their snapshots, and the markers of those it left in
// the inbox by a clean stop or a failure. What a dead run leaves is found
// by the next one.
func (r *run) forget() {
	r.tokens.Range(func(token, _ any) bool {
		r.unmark(token.(string))
		return true
	})
}
