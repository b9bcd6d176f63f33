package batch

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/internal/keyset"
	"github.com/cecbatch/cecbatch/register"
)

// The register step of a run (REGISTER.md): read the lawyer's decisions
// back, look each input client up in the register, then re-assess every
// other open client on tonight's date, write the Changes and Agenda
// sheets, agenda.ics and digest.txt, and commit the register once the run
// folder is complete and before any input moves. run.go calls it at
// marked points (search "register step"); without a register nothing here
// runs.

// RegisterOptions configure the register step.
type RegisterOptions struct {
	// DB is the register; nil when it does not exist yet: then Create
	// makes it, once the run has inputs (an empty inbox makes nothing).
	DB     *register.Register
	Create func() (*register.Register, error)
	// Horizon is the Agenda sheet's horizon in days.
	Horizon int
	// Domain ends the calendar's UIDs ("<client>-<kind>@<domain>").
	Domain string
	// Rules is the rule set whose review the Agenda reminds of.
	Rules *assess.RuleSet
	// Today is the real date (closings record it, whatever --as-of says);
	// zero: the run's clock.
	Today assess.Date
	// TrialOf is set for a trial run (--keep-inputs): DB (or Create) is a
	// throwaway copy of the register at TrialOf, which the run leaves as
	// it was, and the output folder's agenda.ics is not replaced.
	TrialOf string
}

// RegisterEngine is what the register step needs of the Engine.
type RegisterEngine interface {
	// ReadDecisions reads the lawyer's decisions of an earlier run's
	// summary.xlsx.
	ReadDecisions(summaryPath string) ([]register.Decision, error)
	// NewCalendar starts agenda.ics on w.
	NewCalendar(w io.Writer, asOf assess.Date) (CalendarWriter, error)
	// DigestText is digest.txt.
	DigestText(d *register.Digest) string
}

// CalendarWriter streams agenda.ics.
type CalendarWriter interface {
	Add(e register.Entry) error
	Close() error
}

// RegisterOutputs are the register's additions to the run's outputs;
// called, like Outputs, from one goroutine at a time.
type RegisterOutputs interface {
	// ClientNoted is Outputs.Client with the client's place in the register:
	// files are the documents written for it tonight, the opinion draft
	// first; none when its outcome did not change.
	ClientNoted(a *Assessed, files []string, note *register.Note) error
	Change(c register.Change) error
	Agenda(it register.Item) error
	// RunNotes are rows for the Run sheet.
	RunNotes(rows [][2]string)
}

// errRegisterEngine: a register was configured but the engine cannot serve it.
var errRegisterEngine = errors.New("the engine does not support the client register")

// night is the register step's state for one run.
type night struct {
	r    *run
	opt  *RegisterOptions
	eng  RegisterEngine
	out  RegisterOutputs
	db   *register.Register
	info register.RunInfo

	today, realToday assess.Date
	notes            [][2]string

	// Touched by the emit stage only (one file at a time). inputs are the
	// Client IDs stored from the inputs, kept to the run's end without
	// pointers (keyset).
	inputs *keyset.Set
	files  *writeSpool // the input files' writes, committed file by file
	writes []register.Write
	digest register.Digest
	calTmp *os.File
	cal    CalendarWriter
	// spool holds each client's calendar entries until finish writes them
	// in Client ID order: agenda.ics is then the same whichever clients
	// came from the inputs (a rerun after a kill writes the same file).
	spool     *os.File
	spoolW    *bufio.Writer
	spoolAt   int64
	spoolKeys []spoolKey
	spoolIDs  keyset.Texts // the keys' Client IDs
	// partial: an interrupted run did not re-assess the register, so its
	// calendar is not the whole register's.
	partial bool
	// finished reports the end of finishFiles, which runs beside the
	// summary workbook's Close (waitFinish).
	finished chan error
}

// spoolKey is where one client's calendar entries are in the spool, and
// where its Client ID is in night.spoolIDs: a key a client, kept to the
// run's end, holds no pointer for the garbage collector to follow.
type spoolKey struct {
	id  keyset.Span
	off int64
	n   int
}

// calendar spools the calendar entries of client id.
func (n *night) calendar(id string, entries []register.Entry) error {
	if len(entries) == 0 {
		return nil
	}
	slices.SortFunc(entries, func(x, y register.Entry) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Key, y.Key), cmp.Compare(x.Date, y.Date))
	})
	b, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	if _, err := n.spoolW.Write(b); err != nil {
		return err
	}
	n.spoolKeys = append(n.spoolKeys, spoolKey{id: n.spoolIDs.Add(id), off: n.spoolAt, n: len(b)})
	n.spoolAt += int64(len(b))
	return nil
}

// writeCalendar writes the spooled entries to agenda.ics, by Client ID.
func (n *night) writeCalendar() error {
	if err := n.spoolW.Flush(); err != nil {
		return err
	}
	slices.SortStableFunc(n.spoolKeys, func(x, y spoolKey) int { return bytes.Compare(n.spoolIDs.Bytes(x.id), n.spoolIDs.Bytes(y.id)) })
	var buf []byte
	for _, k := range n.spoolKeys {
		buf = slices.Grow(buf[:0], k.n)[:k.n]
		if _, err := n.spool.ReadAt(buf, k.off); err != nil {
			return fmt.Errorf("the calendar's spool: %w", err)
		}
		var entries []register.Entry
		if err := json.Unmarshal(buf, &entries); err != nil {
			return fmt.Errorf("the calendar's spool: %w", err)
		}
		for _, e := range entries {
			if err := n.cal.Add(e); err != nil {
				return err
			}
		}
	}
	n.spoolKeys, n.spoolIDs = nil, keyset.Texts{}
	return nil
}

// inputState is what the register said of one input client.
type inputState struct {
	prior    *register.Prior
	conflict bool
	facts    []byte
	hash     string
	change   register.ChangeKind
	changes  []string
	outcome  register.Outcome
}

// newNight opens the register step: it reads the decisions of earlier
// runs' summaries and notes a clock set back.
func (r *run) newNight() (*night, error) {
	opt := r.opt.Register
	if opt == nil || opt.DB == nil && opt.Create == nil {
		return nil, nil
	}
	eng, ok := r.opt.Engine.(RegisterEngine)
	if !ok {
		return nil, errRegisterEngine
	}
	n := &night{r: r, opt: opt, eng: eng, db: opt.DB, today: r.opt.AsOf, realToday: opt.Today, inputs: keyset.New()}
	if n.realToday.IsZero() {
		n.realToday = assess.DateOf(r.started.In(r.loc))
	}
	if n.opt.Horizon <= 0 {
		n.opt.Horizon = register.DefaultHorizon
	}
	n.digest = register.Digest{AsOf: n.today, Open: map[assess.Verdict]int{}}
	if n.db == nil {
		// A new register: no decision to read, no run before this one.
		return n, nil
	}
	ctx := context.Background()
	last, err := n.db.LastRun(ctx)
	if err != nil {
		return nil, err
	}
	if last.RunID != "" && n.today < last.AsOf {
		n.digest.ClockBack = fmt.Sprintf("tonight's as-of date %s is earlier than the last run's (%s, run %s): allowed; Changes compare with that run, the last by order.", n.today, last.AsOf, last.RunID)
		n.notes = append(n.notes, [2]string{"Register: date set back", n.digest.ClockBack})
		r.log.Warn("the as-of date is earlier than the last run's: allowed; Changes compare with the last run by order", "as_of", n.today.String(), "last_as_of", last.AsOf.String())
	}
	if n.opt.TrialOf != "" {
		n.notes = append(n.notes, [2]string{"Register", n.opt.TrialOf + " (a trial run, --keep-inputs: it worked on a copy and left the register as it was)"})
	} else {
		n.notes = append(n.notes, [2]string{"Register", n.db.Path()})
	}
	if last.RunID != "" {
		n.notes = append(n.notes, [2]string{"Register: previous run", last.RunID + " (as of " + last.AsOf.String() + ")"})
	}
	if err := n.readDecisions(ctx); err != nil {
		return nil, err
	}
	return n, nil
}

// readDecisions reads every earlier summary not read yet, or modified
// since; one open in Excel (its lock file beside it) or unreadable is left
// for the next night, with a warning.
func (n *night) readDecisions(ctx context.Context) error {
	runs, err := n.db.SummariesToRead(ctx)
	if err != nil {
		return err
	}
	for _, sr := range runs {
		path := filepath.Join(sr.Folder, "summary.xlsx")
		info, err := os.Stat(path)
		if err != nil {
			continue // the run folder was moved or removed: nothing to read
		}
		mtime := info.ModTime().UTC().Format(time.RFC3339Nano)
		if mtime == sr.Read {
			continue
		}
		if exists(filepath.Join(sr.Folder, "~$summary.xlsx")) || exists(filepath.Join(sr.Folder, ".~lock.summary.xlsx#")) {
			n.r.log.Warn("the summary of an earlier run is open in Excel or LibreOffice: its lawyer's decisions are read the next night", "run_id", sr.RunID)
			continue
		}
		decisions, err := n.eng.ReadDecisions(path)
		if err != nil {
			n.r.log.Warn("the summary of an earlier run could not be read: its lawyer's decisions are read the next night", "run_id", sr.RunID, "error", bare(err))
			continue
		}
		closed, err := n.db.StoreDecisions(ctx, sr, mtime, decisions, n.realToday)
		if err != nil {
			return err
		}
		if len(decisions) > 0 {
			n.r.log.Info("lawyer's decisions read", "run_id", sr.RunID, "decisions", len(decisions), "files_closed", len(closed))
		}
	}
	return nil
}

// hasWork reports whether an empty inbox still makes a run folder: the
// register holds open clients.
func (n *night) hasWork() (bool, error) {
	if n == nil || n.db == nil {
		return false, nil
	}
	return n.db.HasOpenClients(context.Background())
}

// start begins the register's outputs once the run folder exists.
func (n *night) start() error {
	if n.db == nil {
		db, err := n.opt.Create()
		if err != nil {
			return err
		}
		n.db, n.opt.DB = db, db
		n.notes = append(n.notes, [2]string{"Register", db.Path() + " (new)"})
	}
	// The folder is recorded absolute: the next run may start elsewhere.
	folder, err := filepath.Abs(n.r.finalDir)
	if err != nil {
		return err
	}
	n.info = register.RunInfo{RunID: n.r.res.RunID, Folder: folder, AsOf: n.today, Started: n.r.started.UTC()}
	n.digest.RunID = n.r.res.RunID
	out, ok := n.r.outputs.(RegisterOutputs)
	if !ok {
		return errRegisterEngine
	}
	n.out = out
	out.RunNotes(n.notes)
	f, err := tempFile(n.r.tmpDir, "agenda.ics", n.r.cfg.Permissions.FileMode)
	if err != nil {
		return err
	}
	n.calTmp = f
	if n.spool, err = os.CreateTemp(n.r.tmpDir, tempPrefix+"*.tmp"); err != nil {
		return err
	}
	if n.files, err = newWriteSpool(n.r.stateDir); err != nil {
		return err
	}
	n.spoolW = bufio.NewWriterSize(n.spool, 64<<10)
	n.cal, err = n.eng.NewCalendar(f, n.today)
	return err
}

// differentPerson reports whether c is not the register's client of the
// same ID: family name and date of birth both given and both different.
func differentPerson(p *register.Prior, c *assess.Client) bool {
	fam := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	return p.FamilyName != "" && c.FamilyName != "" && fam(p.FamilyName) != fam(c.FamilyName) &&
		p.DateOfBirth != "" && !c.DateOfBirth.IsZero() && p.DateOfBirth != c.DateOfBirth.String()
}

// priorsOf looks a workbook's clients up in the register, all at once.
func (n *night) priorsOf(clients []*assess.Client) (map[string]*register.Prior, error) {
	ids := make([]string, len(clients))
	for i, c := range clients {
		ids[i] = c.ID
	}
	return n.db.Priors(context.Background(), ids)
}

// beforeInput looks an input client up in the register, before it is
// assessed: a Client ID the register holds for another person is a data
// problem naming both intakes (the client needs review, and is not merged).
func (n *night) beforeInput(c *assess.Client, p *register.Prior) (*inputState, error) {
	st := &inputState{change: register.ChangeNew}
	st.prior = p
	if p != nil && differentPerson(p, c) {
		st.conflict = true
		c.Problems = append(c.Problems, assess.Problem{Cell: c.Ref.Cell(assess.FieldClientID), Message: msg(
			"Client ID %s is already in the client register for another person (their intake %s): the family name and the date of birth both differ from this intake (%s), so the two were not merged. "+
				"Give this client a Client ID of their own, or check the register with `cecbatch register show %s`.",
			c.ID, p.SourceFile, c.SourceFile, c.ID)})
		return st, nil
	}
	var err error
	st.facts, st.hash, err = register.EncodeFacts(c)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return st, nil
	}
	if p.FactsHash == st.hash {
		st.change = register.ChangeUnchanged
		return st, nil
	}
	st.change = register.ChangeUpdated
	if old, err := p.Facts(); err == nil {
		st.changes = register.FactChanges(old, c)
	}
	return st, nil
}

// needsOpinion decides, once the input client is assessed, whether it
// gets a new opinion draft: always, but for a re-dropped identical
// snapshot whose outcome is the same.
func (st *inputState) needsOpinion(a *Assessed) bool {
	st.outcome = register.OutcomeOf(a.Assessment, a.ExpressEntry)
	if st.change != register.ChangeUnchanged {
		return true
	}
	if st.prior.HasOutcome && st.outcome.Equal(st.prior.Outcome) {
		return false
	}
	st.change = register.ChangeReassessed
	return true
}

// emitInput records one input client: its results and summary rows with
// its place in the register, its change, its dates and what to store.
func (n *night) emitInput(o clientOutcome, sha string, writes *[]register.Write) error {
	a, st := o.a, o.reg
	c := a.Client
	if st == nil {
		// The assessment failed before the register was consulted.
		return n.r.outputs.Client(a, o.files)
	}
	p := st.prior
	note := &register.Note{Change: st.change}
	if p != nil {
		note.PreviousVerdict = p.Verdict
		note.Decision = p.Decision
	}
	if st.conflict {
		note.Change = register.ChangeNew
		if err := n.out.ClientNoted(a, o.files, note); err != nil {
			return err
		}
		n.digest.AddChange(register.Change{ClientID: c.ID, Kind: register.ChangeNew, Now: a.Verdict, Why: "not merged: the Client ID is the register's for another person"})
		return n.out.Change(register.Change{ClientID: c.ID, Kind: register.ChangeNew, Now: a.Verdict, Opinion: opinionOf(o.files),
			What: []string{"this intake was not stored"}, Why: "the Client ID is already in the register for another person (family name and date of birth differ)"})
	}
	n.inputs.Add(c.ID)
	w := register.Write{ID: c.ID, Change: st.change, Outcome: &st.outcome,
		Identity: &register.Identity{FamilyName: c.FamilyName, GivenNames: c.GivenNames, DateOfBirth: c.DateOfBirth, SourceFile: c.SourceFile},
		Facts:    st.facts, FactsHash: st.hash,
	}
	outcomeChanged := p == nil || !p.HasOutcome || !st.outcome.Equal(p.Outcome)
	if st.change != register.ChangeUnchanged {
		w.Intake = &register.Intake{SourceFile: c.SourceFile, SHA256: sha, Changes: st.changes}
	}
	if w.Intake != nil || outcomeChanged {
		why := "intake"
		if w.Intake == nil {
			why = "outcome changed"
		}
		row := register.AssessmentRowOf(a.Assessment, a.ExpressEntry, why)
		w.Assessment = &row
	}
	closed := p != nil && p.Closed
	change := register.Change{ClientID: c.ID, Kind: st.change, Now: a.Verdict, Opinion: opinionOf(o.files)}
	if p != nil {
		change.Was = p.Verdict
		if p.HasOutcome {
			change.What = st.outcome.Differences(p.Outcome)
		}
	}
	change.What = append(change.What, st.changes...)
	switch {
	case c.Closed && !closed:
		reason := c.ClosedReason
		if reason == "" {
			reason = "other"
		}
		w.Closing = &register.Closing{Closed: true, Reason: reason, Note: "File Status of the intake " + c.SourceFile, On: n.realToday}
		change.Kind, change.Why = register.ChangeClosed, "closed: "+reason+" (File Status of the intake)"
		closed = true
	case closed && !c.Closed && st.change != register.ChangeUnchanged:
		w.Closing = &register.Closing{Closed: false, On: n.realToday}
		change.Kind, change.Why = register.ChangeReopened, "reopened by a new intake"
		closed = false
	case st.change == register.ChangeNew:
		change.Why = "new intake"
	case st.change == register.ChangeUpdated:
		change.Why = "new intake rows"
	case st.change == register.ChangeReassessed && p != nil:
		change.Why = st.outcome.Why(p.Outcome)
	}
	var prevDates []register.Stored
	var prevDecision *register.Decision
	if p != nil {
		prevDates, prevDecision = p.Dates, p.Decision
	}
	if err := n.diarize(a, closed, prevDates, prevDecision, &w, note); err != nil {
		return err
	}
	note.Current = prevDecision != nil && !outcomeChanged
	if st.change != register.ChangeUnchanged || change.Kind == register.ChangeClosed {
		w.LastChange = n.info.RunID + ": " + string(change.Kind)
		n.digest.AddChange(change)
		if err := n.out.Change(change); err != nil {
			return err
		}
	}
	*writes = append(*writes, w)
	return n.out.ClientNoted(a, o.files, note)
}

// diarize computes the client's agenda and calendar, reconciles them with
// the register's, and writes them out.
func (n *night) diarize(a *Assessed, closed bool, prev []register.Stored, d *register.Decision, w *register.Write, note *register.Note) error {
	var sheet, cal []register.Item
	if !closed {
		approved := d != nil && d.Decision == "approved"
		sheet, cal = register.Agenda(a.Assessment, approved, n.today, n.opt.Horizon)
		n.digest.Open[a.Verdict]++
	}
	id := ""
	if a.Client != nil {
		id = a.Client.ID
	}
	store, entries, changed := register.Reconcile(id, prev, cal, n.today)
	if changed {
		w.Dates, w.DatesChanged = store, true
	}
	note.Dates = cal
	if err := n.calendar(id, entries); err != nil {
		return err
	}
	for _, it := range sheet {
		n.digest.Note(it)
		if err := n.out.Agenda(it); err != nil {
			return err
		}
	}
	return nil
}

// reassessed is one register client re-assessed tonight.
type reassessed struct {
	prior   *register.Prior
	a       *Assessed
	outcome register.Outcome
	changed bool
	docs    []Document // the documents of a changed outcome
	err     error
	done    chan struct{}
	// after is closed once the previous client in Client ID order has
	// taken its opinion name, and named once this one has: the names are
	// taken in that order, one at a time (Engine.OpinionName's contract),
	// while the rendering stays on the workers.
	after, named chan struct{}
}

// reassess re-assesses every open client not in tonight's inputs, on the
// workers, and emits them in Client ID order; documents (the same as an
// input client's: opinion, DOCX, letter) only where the outcome changed.
// The register's rows are streamed, never all in memory.
func (n *night) reassess() error {
	r := n.r
	ctx := context.Background()
	// The queue is emitted in order: a client whose outcome changed takes
	// ten times as long as one whose did not (its documents), and while it
	// is rendered the other workers go on only as far as the queue lets
	// them: 4 jobs a worker, and a worker waited behind each such client.
	// 32 a worker hold at most 64 clients' documents (2 workers) in
	// memory.
	queue := make(chan *reassessed, 32*r.cfg.Workers)
	sem := make(chan struct{}, r.cfg.Workers)
	var streamErr error
	var wg sync.WaitGroup
	go func() {
		defer close(queue)
		prev := make(chan struct{})
		close(prev)
		streamErr = n.db.OpenClients(ctx, func(p *register.Prior) error {
			if n.inputs.Has(p.ID) || r.failed() {
				return nil
			}
			job := &reassessed{prior: p, done: make(chan struct{}), after: prev, named: make(chan struct{})}
			prev = job.named
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				defer close(job.done)
				n.assessOne(job)
			}()
			queue <- job
			return nil
		})
	}()
	var emitErr error
	for job := range queue {
		<-job.done
		if emitErr == nil {
			emitErr = n.emitReassessed(job)
		}
	}
	wg.Wait()
	if streamErr != nil {
		return streamErr
	}
	if emitErr != nil {
		return emitErr
	}
	return n.closedClients(ctx)
}

// assessOne assesses a register client as tonight's inputs are assessed
// (the same Engine calls), and renders its documents if the outcome
// changed.
func (n *night) assessOne(job *reassessed) {
	named := false
	defer func() {
		if p := recover(); p != nil {
			job.err = fmt.Errorf("re-assessing client %s failed (a bug): %s", job.prior.ID, panicText(p))
		}
		if !named { // the next client's turn to take a name must come
			<-job.after
			close(job.named)
		}
	}()
	c, err := job.prior.Facts()
	if err != nil {
		job.err = fmt.Errorf("client %s: %w", job.prior.ID, err)
		return
	}
	job.a = n.r.opt.Engine.Assess(c)
	job.outcome = register.OutcomeOf(job.a.Assessment, job.a.ExpressEntry)
	job.changed = !job.prior.HasOutcome || !job.outcome.Equal(job.prior.Outcome)
	<-job.after
	name := ""
	if job.changed {
		name = n.r.opt.Engine.OpinionName(c)
	}
	named = true
	close(job.named)
	if name == "" {
		return
	}
	docs, err := n.r.opt.Engine.Render(job.a, name)
	if err != nil {
		// The error stays out of the log: it may quote the text that
		// could not be drawn.
		n.r.log.Error("opinion failed: the change is listed without a new draft", "client_id", c.ID)
		return
	}
	job.docs = docs
}

// outcomeCopy is the job's outcome for the night's writes, which are kept
// until the night's commit: a pointer to job.outcome would keep the whole
// job alive with them, its documents and its assessment included (a
// night whose 20,400 outcomes changed on a register of 100,000 clients
// grew to 2.4 GB that way).
func (job *reassessed) outcomeCopy() *register.Outcome {
	o := job.outcome
	return &o
}

func (n *night) emitReassessed(job *reassessed) error {
	if job.err != nil {
		// One client's stored facts that cannot be read are a damaged
		// register: the run stops before any input moves.
		return &register.DamagedError{Path: n.db.Path(), Err: job.err}
	}
	p, a := job.prior, job.a
	w := register.Write{ID: p.ID}
	note := &register.Note{Change: register.ChangeUnchanged, PreviousVerdict: p.Verdict, Decision: p.Decision, Current: !job.changed}
	if err := n.diarize(a, false, p.Dates, p.Decision, &w, note); err != nil {
		return err
	}
	if job.changed {
		files, err := n.r.writeDocuments(job.docs)
		if err != nil {
			return fmt.Errorf("write an opinion (client %s): %w", p.ID, err)
		}
		job.docs = nil
		note.Change = register.ChangeReassessed
		w.Outcome = job.outcomeCopy()
		why := "time passing"
		change := register.Change{ClientID: p.ID, Kind: register.ChangeReassessed, Was: p.Verdict, Now: a.Verdict, Opinion: opinionOf(files)}
		if p.HasOutcome {
			change.What = job.outcome.Differences(p.Outcome)
			why = job.outcome.Why(p.Outcome)
		}
		change.Why = why
		row := register.AssessmentRowOf(a.Assessment, a.ExpressEntry, why)
		w.Assessment = &row
		w.LastChange = n.info.RunID + ": " + why
		n.digest.AddChange(change)
		if err := n.out.Change(change); err != nil {
			return err
		}
		if err := n.out.ClientNoted(a, files, note); err != nil {
			return err
		}
		n.r.res.Clients++
		switch a.Verdict {
		case assess.Eligible:
			n.r.res.Eligible++
		case assess.NotEligible:
			n.r.res.NotEligible++
		default:
			n.r.res.NeedsReview++
		}
	}
	if w.DatesChanged || w.Outcome != nil {
		n.writes = append(n.writes, w)
	}
	return nil
}

// closedClients cancels the calendar items of clients closed since their
// items were written, and keeps the cancellations 30 days.
func (n *night) closedClients(ctx context.Context) error {
	return n.db.ClosedWithDates(ctx, func(p *register.Prior) error {
		if n.inputs.Has(p.ID) {
			return nil
		}
		store, entries, changed := register.Reconcile(p.ID, p.Dates, nil, n.today)
		if err := n.calendar(p.ID, entries); err != nil {
			return err
		}
		if changed {
			n.writes = append(n.writes, register.Write{ID: p.ID, Dates: store, DatesChanged: true})
		}
		return nil
	})
}

// run is the register's part of the run after the inputs: the register's
// other clients (unless the run was interrupted), then its outputs.
func (n *night) run(stop context.Context) error {
	if stop.Err() == nil {
		if err := n.reassess(); err != nil {
			return err
		}
	} else {
		n.partial = true
		n.r.log.Warn("interrupted: the register's other clients are re-assessed by the next run, and the output folder's agenda.ics is left as it was")
	}
	return n.finish()
}

// finish writes the firm-wide rows, then starts finishFiles on a
// goroutine of its own: agenda.ics and the digest need nothing of the
// summary workbook, whose Close is the longest serial step at the end of a
// large run (at 100,000 clients, 6 s beside the calendar's 1.7 s, with the
// other core idle). The run waits for them (waitFinish) before its folder
// is complete, and before it removes a failed run's folder.
func (n *night) finish() error {
	for _, it := range register.FirmItems(n.opt.Rules, n.today, n.opt.Horizon) {
		if err := n.out.Agenda(it); err != nil {
			return err
		}
	}
	n.finished = make(chan error, 1)
	go func() { n.finished <- n.finishFiles() }()
	return nil
}

// waitFinish waits for finishFiles, if it was started and not yet waited
// for, and returns its error.
func (n *night) waitFinish() error {
	if n == nil || n.finished == nil {
		return nil
	}
	err := <-n.finished
	n.finished = nil
	return err
}

// finishFiles closes the calendar and writes the digest, inside the run
// folder.
func (n *night) finishFiles() error {
	if err := n.writeCalendar(); err != nil {
		return fmt.Errorf("write agenda.ics: %w", err)
	}
	n.spool.Close()
	os.Remove(n.spool.Name())
	n.spool = nil
	if err := n.cal.Close(); err != nil {
		return fmt.Errorf("write agenda.ics: %w", err)
	}
	if err := n.calTmp.Sync(); err != nil {
		return fmt.Errorf("write agenda.ics: %w", err)
	}
	if err := n.calTmp.Close(); err != nil {
		return fmt.Errorf("write agenda.ics: %w", err)
	}
	if err := os.Rename(n.calTmp.Name(), filepath.Join(n.r.tmpDir, "agenda.ics")); err != nil {
		return err
	}
	n.calTmp = nil
	text := n.eng.DigestText(&n.digest)
	n.r.res.Digest = text
	return writeFileAtomic(n.r.tmpDir, "digest.txt", []byte(text), n.r.cfg.Permissions.FileMode)
}

// abandon removes the calendar's temporary file of a failed run.
func (n *night) abandon() {
	n.waitFinish()
	if n != nil && n.calTmp != nil {
		n.calTmp.Close()
		os.Remove(n.calTmp.Name())
	}
	if n != nil && n.spool != nil {
		n.spool.Close()
		os.Remove(n.spool.Name())
	}
	if n != nil {
		n.files.remove()
	}
}

// commit stores the night in the register, once the run folder is
// complete and before any input moves: one transaction per input file,
// then one for the re-assessment. Then agenda.ics is copied to the output
// folder's fixed path (atomically), for a calendar that subscribes to it.
func (n *night) commit() error {
	ctx := context.Background()
	defer n.files.remove()
	if err := n.files.each(func(writes []register.Write) error {
		return n.db.CommitFile(ctx, n.info, writes)
	}); err != nil {
		return err
	}
	if n.partial {
		// Interrupted: the register's other clients were not re-assessed.
		return nil
	}
	if err := n.db.CommitNight(ctx, n.info, n.writes); err != nil {
		return err
	}
	if n.opt.TrialOf != "" {
		// The calendar the firm subscribes to shows the register's dates,
		// which a trial run leaves as they were.
		return nil
	}
	return copyAtomic(filepath.Join(n.r.finalDir, "agenda.ics"), n.r.cfg.Out, "agenda.ics", n.r.cfg.Permissions.FileMode)
}

// copyAtomic copies src to dir/name under a temporary name, then renames it.
func copyAtomic(src, dir, name string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := tempFile(dir, name, mode)
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, in)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("copy agenda.ics to %s: %w", dir, bare(err))
	}
	return nil
}

// opinionOf is the opinion draft among a client's documents (the first),
// or "" when none was written.
func opinionOf(files []string) string {
	if len(files) == 0 {
		return ""
	}
	return files[0]
}
