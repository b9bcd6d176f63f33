package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/register"
	"github.com/cecbatch/cecbatch/report"
)

// openRegister opens the client register of cfg for a run (nil options
// when it is off). A damaged register stops the run before any input
// moves (exit 4); a newer one is refused (exit 2).
func openRegister(cfg config.Config, eng *engine) (*batch.RegisterOptions, func(), error) {
	if !cfg.Register.Enabled {
		return nil, func() {}, nil
	}
	eng.register = true
	eng.domain = calendarDomain(cfg.Letterhead.Email)
	opt := &batch.RegisterOptions{Horizon: cfg.Register.Horizon, Domain: eng.domain, Rules: eng.rules}
	closeDB := func() {
		if opt.DB != nil {
			opt.DB.Close()
		}
	}
	ropt := register.Options{FileMode: cfg.Permissions.FileMode}
	if cfg.KeepInputs {
		return openTrialRegister(cfg, opt, ropt)
	}
	if _, err := os.Lstat(cfg.Register.Path); errors.Is(err, os.ErrNotExist) {
		// Made by the first run with inputs: an empty inbox makes nothing.
		opt.Create = func() (*register.Register, error) { return register.Open(cfg.Register.Path, ropt) }
		return opt, closeDB, nil
	}
	db, err := register.Open(cfg.Register.Path, ropt)
	if errors.As(err, new(*register.NewerError)) {
		return nil, nil, err
	}
	if err != nil {
		// Before any input is touched: the inputs stay in the inbox (exit 4).
		return nil, nil, &batch.RunError{Err: err}
	}
	opt.DB = db
	return opt, closeDB, nil
}

// openTrialRegister is the register of a trial run (--keep-inputs, make
// run): a throwaway copy of the configured register, or a new one when
// there is none, so that the run shows the Changes, Agenda, calendar and
// digest it would give, and the firm's register is left as it was (a
// trial that recorded its clients would make the next real night find
// them unchanged and write them no opinion).
func openTrialRegister(cfg config.Config, opt *batch.RegisterOptions, ropt register.Options) (*batch.RegisterOptions, func(), error) {
	dir, err := os.MkdirTemp("", "cecbatch-trial-")
	if err != nil {
		return nil, nil, &batch.RunError{Err: err}
	}
	opt.TrialOf = cfg.Register.Path
	copyPath := filepath.Join(dir, register.FileName)
	closeDB := func() {
		if opt.DB != nil {
			opt.DB.Close()
		}
		os.RemoveAll(dir)
	}
	if _, err := os.Lstat(cfg.Register.Path); errors.Is(err, os.ErrNotExist) {
		opt.Create = func() (*register.Register, error) { return register.Open(copyPath, ropt) }
		return opt, closeDB, nil
	}
	// Opened as the register commands open it: never migrated, never made.
	real, err := register.Open(cfg.Register.Path, register.Options{FileMode: ropt.FileMode, Existing: true})
	if err == nil {
		err = real.Backup(context.Background(), copyPath)
		real.Close()
	}
	if err == nil {
		opt.DB, err = register.Open(copyPath, ropt)
	}
	if err != nil {
		closeDB()
		if errors.As(err, new(*register.NewerError)) {
			return nil, nil, err
		}
		return nil, nil, &batch.RunError{Err: err}
	}
	return opt, closeDB, nil
}

// registerSubcommands are the register's commands, in the manual's order.
var registerSubcommands = []string{"list", "show", "close", "reopen", "export", "backup", "check", "purge"}

// damagedRegisterError: register check found damage (exit 1).
type damagedRegisterError struct{ path string }

func (e *damagedRegisterError) Error() string {
	return fmt.Sprintf("the register %s is damaged: restore the last backup (cecbatch register backup makes one), or move the file away and let the next run start a new register", e.path)
}

// registerCmd is `cecbatch register SUBCOMMAND`: the register found with
// the configuration of run (--config, --out, --register,
// CECBATCH_REGISTER_PATH, register.path).
func registerCmd(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || !slices.Contains(registerSubcommands, args[0]) {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			fmt.Fprint(stdout, registerUsage)
			return nil
		}
		return &usageError{"register needs a command: " + strings.Join(registerSubcommands, ", ") + " (cecbatch register --help)"}
	}
	sub, rest := args[0], args[1:]
	fs := newFlagSet("register " + sub)
	config.AddConfigFlag(fs)
	fs.String("out", "", "the output folder, where the register is by default (default ./out)")
	config.AddRegisterFlag(fs)
	status := fs.String("status", "open", "list: open, closed or all")
	verdict := fs.String("verdict", "", "list: only this verdict (eligible, not_eligible, needs_review)")
	due := fs.Int("due", -1, "list: only clients with a date within DAYS (overdue included)")
	names := fs.Bool("names", false, "list: show the clients' names too")
	asOf := fs.String("as-of", "", "list: the day the dates are counted from (default today)")
	reason := fs.String("reason", "", "close: applied, withdrawn, refused or other")
	note := fs.String("note", "", "close: a note kept with the closing")
	before := fs.String("closed-before", "", "purge: delete the clients closed before this date (YYYY-MM-DD)")
	yes := fs.Bool("yes", false, "purge: do not ask for confirmation (scripts)")
	fs.String("timezone", "", "IANA time zone for today's date (default: the system's)")
	if err := parse(fs, rest); err != nil {
		var help *commandHelp
		if errors.As(err, &help) {
			fmt.Fprint(stdout, registerUsage+"\nFlags:\n"+fs.FlagUsages())
			return nil
		}
		return err
	}
	cfg, err := config.Load(fs)
	if err != nil {
		return err
	}
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	today := assess.DateOf(time.Now().In(loc))
	db, err := register.Open(cfg.Register.Path, register.Options{FileMode: cfg.Permissions.FileMode, Existing: true})
	if err != nil {
		var damaged *register.DamagedError
		if sub == "check" && errors.As(err, &damaged) {
			fmt.Fprintf(stdout, "%s cannot be read as a client register: %v\n", damaged.Path, damaged.Err)
			return &damagedRegisterError{cfg.Register.Path}
		}
		return err
	}
	defer db.Close()
	ctx := context.Background()
	arg := func() (string, error) {
		if fs.NArg() != 1 {
			return "", &usageError{fmt.Sprintf("register %s needs one argument (cecbatch register %s --help)", sub, sub)}
		}
		return fs.Arg(0), nil
	}
	switch sub {
	case "list":
		if fs.NArg() > 0 {
			return &usageError{"register list takes no argument"}
		}
		day := today
		if *asOf != "" {
			if day, err = assess.ParseDate(*asOf); err != nil {
				return &usageError{"--as-of: " + err.Error()}
			}
		}
		return listClients(ctx, db, stdout, register.ListOptions{Status: *status, Verdict: assess.Verdict(*verdict), DueDays: *due, Today: day}, *names)
	case "show":
		id, err := arg()
		if err != nil {
			return err
		}
		return showClient(ctx, db, stdout, id)
	case "close", "reopen":
		id, err := arg()
		if err != nil {
			return err
		}
		closing := sub == "close"
		if closing && !slices.Contains(register.CloseReasons, *reason) {
			return &usageError{"register close needs --reason applied, withdrawn, refused or other"}
		}
		// The real date, whatever --as-of later runs use.
		if err := db.SetStatus(ctx, id, closing, *reason, *note, today); err != nil {
			if errors.Is(err, register.ErrNoClient) {
				return &usageError{fmt.Sprintf("no client %s in the register %s (cecbatch register list --status all)", id, cfg.Register.Path)}
			}
			return err
		}
		fmt.Fprintf(stdout, "%s: %s on %s; the next run %s.\n", id, map[bool]string{true: "closed", false: "reopened"}[closing], today,
			map[bool]string{true: "no longer re-assesses it and cancels its calendar entries", false: "re-assesses it and puts its dates back on the agenda"}[closing])
		return nil
	case "export":
		file, err := arg()
		if err != nil {
			return err
		}
		return exportRegister(ctx, db, file, cfg.Permissions.FileMode, stdout)
	case "backup":
		file, err := arg()
		if err != nil {
			return err
		}
		if err := db.Backup(ctx, file); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "backed up to %s\n", file)
		return nil
	case "check":
		problems, err := db.Check(ctx)
		if err != nil {
			var damaged *register.DamagedError
			if errors.As(err, &damaged) {
				err = damaged.Err
			}
			fmt.Fprintf(stdout, "%s: %v\n", cfg.Register.Path, err)
			return &damagedRegisterError{cfg.Register.Path}
		}
		if len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(stdout, p)
			}
			return &damagedRegisterError{cfg.Register.Path}
		}
		fmt.Fprintf(stdout, "the register %s is sound\n", cfg.Register.Path)
		return nil
	case "purge":
		if fs.NArg() > 0 {
			return &usageError{"register purge takes no argument"}
		}
		if *before == "" {
			return &usageError{"register purge needs --closed-before YYYY-MM-DD"}
		}
		day, err := assess.ParseDate(*before)
		if err != nil {
			return &usageError{"--closed-before: " + err.Error()}
		}
		n, err := db.PurgeCount(ctx, day)
		if err != nil {
			return err
		}
		if !*yes {
			if !isTerminal(stdin) {
				return &usageError{"register purge deletes personal data: confirm with --yes when it is not run from a terminal"}
			}
			fmt.Fprintf(stdout, "Delete for good the personal data of %d client(s) closed before %s? Type yes: ", n, day)
			line, _ := bufio.NewReader(stdin).ReadString('\n')
			if strings.TrimSpace(strings.ToLower(line)) != "yes" {
				fmt.Fprintln(stdout, "nothing deleted")
				return nil
			}
		}
		n, err = db.Purge(ctx, day)
		if err != nil {
			return err
		}
		total, _ := db.Purged(ctx)
		fmt.Fprintf(stdout, "deleted %d client(s) closed before %s (%d purged in all, counted in the register)\n", n, day, total)
		return nil
	}
	return nil
}

func listClients(ctx context.Context, db *register.Register, stdout io.Writer, opt register.ListOptions, names bool) error {
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	header := "CLIENT ID\tSTATUS\tVERDICT\tNEXT DATE\tKIND\tLAST CHANGE"
	if names {
		header += "\tNAME"
	}
	fmt.Fprintln(tw, header)
	n := 0
	err := db.List(ctx, opt, func(r register.ListRow) error {
		n++
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", r.ID, r.Status, r.Verdict, r.NextDate, r.NextKind, r.LastChange)
		if names {
			line += "\t" + strings.TrimSpace(r.GivenNames+" "+r.FamilyName)
		}
		_, err := fmt.Fprintln(tw, line)
		return err
	})
	if err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d client(s)\n", n)
	return nil
}

func showClient(ctx context.Context, db *register.Register, stdout io.Writer, id string) error {
	h, err := db.Show(ctx, id)
	if errors.Is(err, register.ErrNoClient) {
		return &usageError{fmt.Sprintf("no client %s in the register (cecbatch register list --status all)", id)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Client %s: %s %s, born %s\n", h.ID, h.GivenNames, h.FamilyName, h.DateOfBirth)
	status := h.Status
	if h.Status == "closed" {
		status = fmt.Sprintf("closed on %s (%s) %s", h.ClosedOn, h.ClosedReason, h.ClosedNote)
	}
	fmt.Fprintf(stdout, "File: %s\nVerdict: %s\nLast change: %s\n", status, h.Verdict, h.LastChange)
	section := func(title, header string, rows [][]string) {
		fmt.Fprintf(stdout, "\n%s (%d)\n", title, len(rows))
		if len(rows) == 0 {
			return
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, header)
		for _, r := range rows {
			fmt.Fprintln(tw, strings.ReplaceAll(strings.Join(r, "\t"), "\n", "; "))
		}
		tw.Flush()
	}
	section("Intakes", "RUN\tFILE\tCHANGE\tWHAT CHANGED", h.Intakes)
	section("Assessments", "RUN\tAS OF\tBASIS\tVERDICT\tELIGIBLE FROM\tUNTIL\tCRS\tFINDINGS\tWHY", h.Assessments)
	section("Decisions", "RUN\tDECISION\tNOTES", h.Decisions)
	section("Dates", "KIND\tDATE\tSEQUENCE\tCANCELLED ON", h.Dates)
	return nil
}

// jsonlExport writes one JSON object per row: {"table": …, column: value}.
type jsonlExport struct {
	w      *bufio.Writer
	table  string
	header []string
}

func (j *jsonlExport) Table(name string, header []string) error {
	j.table, j.header = name, header
	return nil
}

func (j *jsonlExport) Row(values []string) error {
	m := make(map[string]any, len(values)+1)
	m["table"] = j.table
	for i, v := range values {
		if j.header[i] == "facts" && v != "" {
			m["facts"] = json.RawMessage(v)
			continue
		}
		m[j.header[i]] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = j.w.Write(b)
	return err
}

func exportRegister(ctx context.Context, db *register.Register, file string, mode os.FileMode, stdout io.Writer) error {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx":
		w := report.NewRegisterWorkbook(file)
		if err := db.Export(ctx, w); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	case ".jsonl":
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
		if err != nil {
			return err
		}
		w := &jsonlExport{w: bufio.NewWriter(f)}
		err = db.Export(ctx, w)
		if err == nil {
			err = w.w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	default:
		return &usageError{"register export writes FILE.xlsx or FILE.jsonl"}
	}
	fmt.Fprintf(stdout, "exported the register to %s\n", file)
	return nil
}

const registerUsage = `Usage: cecbatch register COMMAND [flags]

The client register (register.db): every client across nights. It is found
with the configuration of run: --config, --out, --register FILE,
CECBATCH_REGISTER_PATH or register.path (default <out>/register.db).

	list [--status open|closed|all] [--verdict V] [--due DAYS] [--names]
	                      a table of clients: ID, verdict, next date and its
	                      kind, last change (names only with --names)
	show ID               the client's history: intakes, assessments,
	                      decisions, dates
	close ID --reason applied|withdrawn|refused|other [--note TEXT]
	reopen ID             the file's status: a closed client is no longer
	                      re-assessed or diarized
	export FILE.xlsx|FILE.jsonl
	                      the whole register, table by table
	backup FILE           a consistent copy, even while runs are going
	check                 integrity check; exit 1 on damage, with what to do
	purge --closed-before DATE [--yes]
	                      delete the personal data of clients closed before
	                      DATE, keeping their number; asks on a terminal
`
