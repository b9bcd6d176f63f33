package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // --timezone must work on Windows, which has no zone database

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/register"
	"github.com/cecbatch/cecbatch/report"
)

// Stamped by the build: go build -ldflags "-X main.version=… -X main.commit=… -X main.date=…".
var (
	version = ""
	commit  = ""
	date    = ""
)

// Exit codes: the contract with cron (OUTPUTS.md).
const (
	exitOK          = 0
	exitQuarantined = 1
	exitUsage       = 2
	exitLocked      = 3
	exitFailed      = 4
	exitInterrupted = 130
)

//go:embed doc.go
var doc string

// manual is the package comment of doc.go: the text between /* and */.
func manual() string {
	_, after, _ := strings.Cut(doc, "/*")
	text, _, _ := strings.Cut(after, "*/")
	return strings.TrimLeft(text, "\n")
}

func main() {
	tuneGC()
	os.Exit(cli(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC sets the garbage collector for a batch of opinions, unless GOGC or
// GOMEMLIMIT say otherwise. A client allocates about 250 KB (5 MB when fpdf
// made a zlib compressor per page) and keeps almost nothing, so with the
// default GOGC=100 and a live heap of 20-50 MB the collector would run every
// few clients. GOGC=400 lets the heap grow to a few times the live set
// between collections, and the soft limit of 100 MiB bounds the peak: the
// limit is what sets the pace on a large inbox, whose first-pass IDs, file
// names and summary sort keys (about 22 MB at 100,000 clients) stay live.
// Measured on 100,000 clients with 2 workers: 14% of the CPU in the
// collector, peak RSS 116 MB; with GOMEMLIMIT=120MiB, 11% and 136 MB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(100 << 20)
	}
}

// usageError is a mistake on the command line: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// cli runs one command and returns the exit status.
func cli(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "cecbatch: a command is needed: run, check, template, rules, register or version (cecbatch help for the manual)\n")
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "run":
		err = runCmd(rest, stdout, stderr)
	case "check":
		err = checkCmd(rest, stdout)
	case "template":
		err = templateCmd(rest, stdout)
	case "rules":
		err = rulesCmd(rest, stdout)
	case "register":
		err = registerCmd(rest, stdin, stdout)
	case "version", "--version":
		fmt.Fprintln(stdout, versionLine())
	case "help", "-h", "--help":
		if len(rest) > 0 {
			// cecbatch help run, as git and go have it: that command's help.
			if _, ok := commandAbout[rest[0]]; ok {
				return cli([]string{rest[0], "--help"}, stdin, stdout, stderr)
			}
			if rest[0] != "version" && rest[0] != "help" {
				err = &usageError{fmt.Sprintf("unknown command %q: use run, check, template, rules, register or version (cecbatch help for the manual)", rest[0])}
				break
			}
		}
		fmt.Fprint(stdout, manual())
	default:
		if isInputPath(cmd) {
			err = dropCmd(args, stdin, stdout, stderr)
			break
		}
		err = &usageError{fmt.Sprintf("unknown command %q: use run, check, template, rules, register or version (cecbatch help for the manual)", cmd)}
	}
	var help *commandHelp
	if errors.As(err, &help) {
		fmt.Fprint(stdout, help.text())
		return exitOK
	}
	code := exitCode(err)
	if err != nil && code != exitOK && !errors.Is(err, errReported) {
		fmt.Fprintf(stderr, "cecbatch: %v\n", err)
	}
	return code
}

// errReported is returned by commands that have already said what went
// wrong and only need their exit status.
var errReported = errors.New("reported")

// quarantinedError: the run finished, some input was quarantined.
type quarantinedError struct{ n int }

func (e *quarantinedError) Error() string {
	return fmt.Sprintf("%d input file(s) quarantined: see the reports in the quarantine folder", e.n)
}

// problemsError: check found problems in some files.
type problemsError struct{ files, of int }

func (e *problemsError) Error() string {
	return fmt.Sprintf("problems in %d of %d file(s)", e.files, e.of)
}

// exitCode is the one place where errors become exit statuses.
func exitCode(err error) int {
	var (
		usage   *usageError
		cfg     *config.Error
		runErr  *batch.RunError
		quar    *quarantinedError
		probs   *problemsError
		newer   *register.NewerError
		damaged *register.DamagedError
		bad     *damagedRegisterError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage), errors.As(err, &cfg):
		return exitUsage
	case errors.Is(err, batch.ErrLocked):
		return exitLocked
	case errors.Is(err, batch.ErrInterrupted):
		return exitInterrupted
	case errors.As(err, &newer):
		return exitUsage
	case errors.As(err, &runErr), errors.As(err, &damaged):
		return exitFailed
	case errors.As(err, &quar), errors.As(err, &probs), errors.As(err, &bad):
		return exitQuarantined
	}
	return exitFailed
}

func versionLine() string {
	v, c, d := version, commit, date
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	if c == "" {
		c = "unknown"
	}
	if d == "" {
		d = "unknown"
	}
	return fmt.Sprintf("cecbatch %s (commit %s, built %s, %s %s/%s)", v, c, d, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by cli
	fs.SortFlags = false
	return fs
}

func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return &commandHelp{fs}
		}
		return &usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
	}
	return nil
}

func runCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run")
	config.AddRunFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("run takes no arguments (got %q): the inputs are the files in the inbox", fs.Args())}
	}
	cfg, loc, eng, err := loadEngine(fs)
	if err != nil {
		return err
	}

	logs := batch.NewLogWriter(stderr)
	logger := newLogger(logs, cfg, loc)
	for _, w := range cfg.Warnings() {
		logger.Warn(w)
	}
	var bar *batch.LogWriter
	if !cfg.Quiet && cfg.LogFormat == "text" && isTerminal(stderr) {
		bar = logs
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	go func() {
		select {
		case s := <-signals:
			// A second signal now ends the process at once (also safe).
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			logger.Warn("stopping: finishing the opinions in progress; unfinished inputs stay in the inbox", "signal", s.String())
			cancel()
		case <-ctx.Done():
		}
	}()

	prof, err := startProfiles(cfg)
	if err != nil {
		return err
	}
	var res batch.Result
	regOpt, closeRegister, err := openRegister(cfg, eng)
	if err == nil {
		defer closeRegister()
		res, err = batch.Run(ctx, batch.Options{
			Config: cfg, AsOf: eng.asOf, Log: logger, Progress: bar, Engine: eng, Register: regOpt,
		})
	}
	if perr := prof.finish(); perr != nil {
		// The run's outputs are complete: a profile that could not be
		// written does not change its exit status.
		logger.Warn("profile not written", "error", perr)
	}
	if cfg.Digest && res.Digest != "" {
		fmt.Fprint(stdout, res.Digest)
	}
	// Only a run folder is printed: a run with nothing to do prints
	// nothing, so that `tail -n 1` is the folder or empty.
	if res.RunDir != "" {
		fmt.Fprintln(stdout, res.RunDir)
	}
	if err == nil && res.Rejected > 0 {
		err = &quarantinedError{n: res.Rejected}
	}
	if err != nil && cfg.LogFormat == "json" {
		// Every line on stderr is JSON, the last one too.
		logger.Error("cecbatch: "+err.Error(), "exit_code", exitCode(err))
		return &loggedError{err}
	}
	return err
}

// loggedError is an error the logger has already written: its exit status
// is err's, and it is not printed again.
type loggedError struct{ err error }

func (e *loggedError) Error() string   { return e.err.Error() }
func (e *loggedError) Unwrap() []error { return []error{e.err, errReported} }

// newLogger logs to w at the level cfg asks for, with its timestamps in
// loc, the configured time zone of the run folder's name and the Run sheet.
// loadEngine loads the configuration of the flags of fs and makes the
// engine of one run (or check): the configured time zone, the assessment
// date (as_of, else today there) and the opinion renderer with the
// letterhead.
func loadEngine(fs *pflag.FlagSet) (config.Config, *time.Location, *engine, error) {
	cfg, err := config.Load(fs)
	if err != nil {
		return cfg, nil, nil, err
	}
	loc, err := cfg.Location()
	if err != nil {
		return cfg, nil, nil, err
	}
	asOf := assess.DateOf(time.Now().In(loc))
	if cfg.AsOf != "" {
		if asOf, err = assess.ParseDate(cfg.AsOf); err != nil {
			return cfg, nil, nil, &config.Error{Msg: err.Error()}
		}
	} else if err := config.CheckInRange(asOf); err != nil {
		return cfg, nil, nil, &config.Error{Msg: fmt.Sprintf("today's date by the system clock, %v: set the clock, or give the assessment date with --as-of", err)}
	}
	paper, err := configuredPaper(cfg)
	if err != nil {
		return cfg, nil, nil, err
	}
	renderer, err := report.NewRenderer(report.Options{
		Letterhead: report.Letterhead{
			FirmName: cfg.Letterhead.FirmName, Address: cfg.Letterhead.Address, Phone: cfg.Letterhead.Phone,
			Email: cfg.Letterhead.Email, LogoPath: cfg.Letterhead.Logo, Lawyer: cfg.Lawyer,
		},
		Paper: paper, PDF: cfg.Outputs.PDF, DOCX: cfg.Outputs.DOCX, Letter: cfg.Outputs.ClientLetter,
		Language: cfg.DefaultLanguage, ReferenceDOCX: cfg.Letterhead.ReferenceDOCX,
	})
	if err != nil {
		return cfg, nil, nil, &config.Error{Msg: err.Error()}
	}
	return cfg, loc, newEngine(cfg, asOf, renderer, versionLine()), nil
}

func newLogger(w io.Writer, cfg config.Config, loc *time.Location) *slog.Logger {
	level := slog.LevelInfo
	if cfg.Quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 && a.Value.Kind() == slog.KindTime {
			a.Value = slog.TimeValue(a.Value.Time().In(loc))
		}
		return a
	}}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isTerminal reports whether stream (standard input or error) is a
// terminal or a Windows console: not a file, a pipe or /dev/null under
// cron.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
