package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/ingest"
	"github.com/cecbatch/cecbatch/register"
	"github.com/cecbatch/cecbatch/report"
)

// engine is batch.Engine made of the real packages: ingest reads, assess
// decides, report writes. One engine serves one run.
type engine struct {
	rules    *assess.RuleSet
	ee       *crs.Rules
	asOf     assess.Date
	read     ingest.Options
	ids      *ingest.RunIDs
	names    *report.FileNames
	renderer *report.OpinionRenderer
	version  string
	// rejected holds the files the first pass found a run would reject
	// as a whole, by path (the run's snapshot), so that the read proper
	// does not take them apart a second time: a sheet of a million rows
	// costs one scan to its limit, not two.
	rejected sync.Map // path -> *ingest.FileError
	// register: the summary gains the Changes and Agenda sheets, and the
	// calendar's UIDs end with domain.
	register bool
	domain   string
}

func newEngine(cfg config.Config, asOf assess.Date, renderer *report.OpinionRenderer, version string) *engine {
	return &engine{
		rules:    assess.Current(),
		ee:       cfg.ExpressEntry.Rules,
		asOf:     asOf,
		read:     ingestOptions(cfg),
		ids:      ingest.NewRunIDs(),
		names:    report.NewFileNames(),
		renderer: renderer,
		version:  version,
	}
}

func ingestOptions(cfg config.Config) ingest.Options {
	return ingest.Options{
		DateOrder:     cfg.DateOrder,
		MaxFileBytes:  cfg.Limits.MaxFileMB << 20,
		MaxUnzipBytes: cfg.Limits.MaxUnzipMB << 20,
		MaxRows:       cfg.Limits.MaxRows,

		MaxPartBytes:     cfg.Limits.MaxPartMB << 20,
		MaxElements:      cfg.Limits.MaxElements,
		MaxSharedStrings: cfg.Limits.MaxSharedStrings,
		MaxSheets:        cfg.Limits.MaxSheets,
		MaxCells:         cfg.Limits.MaxCells,
	}
}

// Prescan lists the workbook's Client IDs for the run, so that a client
// whose ID another workbook uses is flagged in both, and counts them. path
// is the run's snapshot of the inbox file name.
func (e *engine) Prescan(ctx context.Context, path, name string) int {
	ids, err := ingest.ClientIDs(path, e.options(ctx, name))
	var fileErr *ingest.FileError
	if errors.As(err, &fileErr) {
		e.rejected.Store(path, fileErr)
	}
	if err != nil {
		return 0 // ReadFile will say why
	}
	e.ids.List(name, ids)
	return len(ids)
}

// options are the reading options for the file name, read from path
// (the run's snapshot of it, or the file itself for check).
func (e *engine) options(ctx context.Context, name string) ingest.Options {
	opts := e.read
	opts.Name, opts.Context = name, ctx
	return opts
}

// readWorkbook reads one intake workbook; a file a run would quarantine
// is a *batch.Rejection.
func (e *engine) readWorkbook(ctx context.Context, path, name string) (*ingest.Workbook, error) {
	if fe, ok := e.rejected.LoadAndDelete(path); ok {
		return nil, &batch.Rejection{Reason: fe.(*ingest.FileError).Reason}
	}
	wb, err := ingest.ReadFile(path, e.options(ctx, name))
	var fileErr *ingest.FileError
	if errors.As(err, &fileErr) {
		return nil, &batch.Rejection{Reason: fileErr.Reason}
	}
	return wb, err
}

func (e *engine) ReadFile(ctx context.Context, path, name string) (*batch.Workbook, error) {
	wb, err := e.readWorkbook(ctx, path, name)
	if err != nil {
		return nil, err
	}
	out := &batch.Workbook{Clients: wb.Clients}
	for _, p := range wb.Problems {
		out.Problems = append(out.Problems, reasonOf(p))
	}
	return out, nil
}

// reasonOf turns a problem that belongs to no client into a file's reason.
func reasonOf(p ingest.Problem) batch.Reason {
	return batch.Reason{Code: assess.CodeData, Text: p.Message, Cell: p.Cell, Sheet: p.Sheet, Warning: p.Warning, ClientID: p.ClientID, Kind: ingest.ProblemKind(p)}
}

// resultsText is a file reason's text on its results line, which has no
// sheet or warning field: a warning says so in its text, a cell-less
// problem names its sheet.
func resultsText(r batch.Reason) string {
	text := r.Text
	if r.Cell == "" && r.Sheet != "" {
		text = "Sheet " + r.Sheet + ": " + text
	}
	if r.Warning {
		text = "Warning: " + text
	}
	return text
}

func (e *engine) Claim(c *assess.Client) { e.ids.Claim(c) }

func (e *engine) OpinionName(c *assess.Client) string {
	return e.names.Unique(report.OpinionFileName(c))
}

func (e *engine) Assess(c *assess.Client) *batch.Assessed {
	a := e.rules.Assess(c, e.asOf)
	out := &batch.Assessed{Assessment: a}
	if e.ee != nil {
		out.ExpressEntry = e.ee.Assess(e.rules, c, a.AssessedOn)
	}
	a.Findings = append(a.Findings, e.renderer.Unprintable(a)...)
	return out
}

func (e *engine) Render(a *batch.Assessed, name string) ([]batch.Document, error) {
	files, err := e.renderer.Files(name, a.Assessment, a.ExpressEntry, e.asOf)
	if err != nil {
		return nil, err
	}
	docs := make([]batch.Document, len(files))
	for i, f := range files {
		docs[i] = batch.Document{Name: f.Name, Data: f.Data, Release: f.Release}
	}
	return docs, nil
}

func (e *engine) NewOutputs(results io.Writer, summaryPath string) (batch.Outputs, error) {
	newSummary := report.NewSummary
	if e.register {
		newSummary = report.NewRegisterSummary
	}
	summary, err := newSummary(summaryPath, e.asOf)
	if err != nil {
		return nil, err
	}
	return &outputs{results: report.NewResults(results), summary: summary, version: e.version}, nil
}

type outputs struct {
	results *report.Results
	summary *report.Summary
	version string
}

func (o *outputs) Client(a *batch.Assessed, files []string) error {
	if err := o.results.WriteClientFiles(a.Assessment, a.ExpressEntry, files); err != nil {
		return err
	}
	return o.summary.AddClient(a.Assessment, a.ExpressEntry, opinionOf(files))
}

// opinionOf is the document the summary links to: the opinion draft,
// first of a client's files ("" when none was written).
func opinionOf(files []string) string {
	if len(files) == 0 {
		return ""
	}
	return files[0]
}

func (o *outputs) File(f batch.FileOutcome) error {
	line := report.FileResult{SourceFile: f.SourceFile, Rejected: f.Rejected, Clients: f.Clients}
	for _, r := range f.Reasons {
		line.Reasons = append(line.Reasons, report.Reason{Code: r.Code, Text: resultsText(r), Cell: r.Cell})
	}
	if err := o.results.WriteFile(line); err != nil {
		return err
	}
	if f.Rejected && len(f.Reasons) > 0 {
		return o.summary.AddRejected(f.SourceFile, f.Reasons[0].Text)
	}
	for _, r := range f.Reasons {
		if err := o.summary.AddProblem(f.SourceFile, r.Sheet, r.Cell, r.Text, r.Warning); err != nil {
			return err
		}
	}
	return nil
}

func (o *outputs) Close(s batch.Stats, cfg [][2]string) error {
	return o.summary.Close(report.RunInfo{
		RunID: s.RunID, AsOf: s.AsOf, Version: o.version, Started: s.Started, Duration: s.Duration,
		Files: s.Files, Rejected: s.Rejected, Clients: s.Clients,
		Eligible: s.Eligible, NotEligible: s.NotEligible, NeedsReview: s.NeedsReview,
		LeftInInbox: s.Left, Config: cfg,
	})
}

func (o *outputs) Abort() { o.summary.Abort() }

// The register's part of the engine (batch.RegisterEngine) and of the
// outputs (batch.RegisterOutputs).

func (e *engine) ReadDecisions(path string) ([]register.Decision, error) {
	return report.ReadDecisions(path)
}

func (e *engine) NewCalendar(w io.Writer, asOf assess.Date) (batch.CalendarWriter, error) {
	return report.NewCalendarWriter(w, e.domain, asOf)
}

func (e *engine) DigestText(d *register.Digest) string { return report.DigestText(d) }

func (o *outputs) ClientNoted(a *batch.Assessed, files []string, note *register.Note) error {
	if err := o.results.WriteClientNoted(a.Assessment, a.ExpressEntry, files, note); err != nil {
		return err
	}
	return o.summary.AddClientNoted(a.Assessment, a.ExpressEntry, opinionOf(files), note)
}

func (o *outputs) Change(c register.Change) error { return o.summary.AddChange(c) }

func (o *outputs) Agenda(it register.Item) error { return o.summary.AddAgenda(it) }

func (o *outputs) RunNotes(rows [][2]string) { o.summary.SetRunNotes(rows) }

// calendarDomain ends the calendar's UIDs: the firm's e-mail domain, else
// "cecbatch".
func calendarDomain(email string) string {
	if _, domain, ok := strings.Cut(strings.TrimSpace(email), "@"); ok && domain != "" && !strings.ContainsAny(domain, " <>@") {
		return strings.ToLower(domain)
	}
	return "cecbatch"
}
