package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver of database/sql, pure Go
)

// FileName is the register's default name, in the output folder.
const FileName = "register.db"

// SchemaVersion is the schema this cecbatch writes (PRAGMA user_version):
// the number of migrations.
func SchemaVersion() int { return len(migrations) }

// busyTimeout is how long a statement waits for another run's transaction
// (two inboxes sharing one register): SQLite's lock serializes them.
const busyTimeout = 30 * time.Second

// Register is an open register.db. Safe for concurrent use.
type Register struct {
	db   *sql.DB
	path string
}

// DamagedError is a register that exists but cannot be read or written as
// a register: the run stops before any input moves, and nothing replaces
// the file.
type DamagedError struct {
	Path string
	Err  error
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the client register %s cannot be used (%v). No input was moved: the workbooks stay in the inbox. "+
		"Run `cecbatch register check` to see what is wrong; restore the last backup (`cecbatch register backup` makes one) "+
		"or move the file away to start a new register. cecbatch never replaces a register by itself.", e.Path, e.Err)
}

func (e *DamagedError) Unwrap() error { return e.Err }

// NewerError is a register written by a newer cecbatch: it is left
// unaltered (exit 2).
type NewerError struct {
	Path    string
	Version int
}

func (e *NewerError) Error() string {
	return fmt.Sprintf("the client register %s was written by a newer cecbatch (schema %d; this one knows %d): it was left as it is. "+
		"Install the newer cecbatch, or use --register to name another register.", e.Path, e.Version, SchemaVersion())
}

// ErrNotFound: Open with Options.Existing found no register.
var ErrNotFound = errors.New("no client register")

// Options configure Open.
type Options struct {
	// FileMode is the mode of a new register.db (permissions.file_mode).
	FileMode os.FileMode
	// Existing opens an existing register only: it is never created or
	// migrated (the register commands).
	Existing bool
}

// Open opens the register at path, creating it (mode opt.FileMode) when
// it does not exist, and migrating an older schema forward after a
// backup. Every error about the file itself is a *DamagedError or a
// *NewerError.
func Open(path string, opt Options) (*Register, error) {
	if opt.FileMode == 0 {
		opt.FileMode = 0o600
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && opt.Existing:
		return nil, fmt.Errorf("there is no client register at %s (a run creates it; see --register and register.path): %w", path, ErrNotFound)
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create the client register %s: %w", path, err)
		}
		// The file is made here, not by SQLite, so that it has the
		// configured mode from its first byte (SQLite gives its WAL the
		// database file's mode).
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, opt.FileMode)
		if err != nil && !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("create the client register %s: %w", path, err)
		}
		if f != nil {
			f.Close()
		}
	case err != nil:
		return nil, fmt.Errorf("the client register %s cannot be reached: %w", path, err)
	case info.IsDir():
		return nil, &DamagedError{Path: path, Err: errors.New("it is a folder")}
	}
	q := url.Values{}
	for _, p := range []string{
		fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()),
		"foreign_keys(1)",
		"synchronous(NORMAL)",
		// A checkpoint every 64 MB of log rather than SQLite's 4 MB: a
		// night commits a transaction per input file, and one of 250 new
		// clients is a few MB, so each was checkpointed on its own, the
		// tables' and indexes' pages copied back again and again
		// (BenchmarkCommitFile: 15 % of the commit). The log is
		// checkpointed, and removed, when the register is closed.
		"wal_autocheckpoint(16384)",
	} {
		q.Add("_pragma", p)
	}
	// Write transactions take the lock when they begin: two runs never
	// deadlock upgrading a read lock.
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, &DamagedError{Path: path, Err: err}
	}
	r := &Register{db: db, path: path}
	if err := r.setUp(opt.Existing); err != nil {
		db.Close()
		var newer *NewerError
		if errors.As(err, &newer) {
			return nil, err
		}
		return nil, &DamagedError{Path: path, Err: err}
	}
	return r, nil
}

// Path is the register's file.
func (r *Register) Path() string { return r.path }

// Close closes the database.
func (r *Register) Close() error {
	return r.db.Close()
}

// damaged wraps an error met while using the register.
func (r *Register) damaged(err error) error {
	if err == nil {
		return nil
	}
	var d *DamagedError
	if errors.As(err, &d) {
		return err
	}
	return &DamagedError{Path: r.path, Err: err}
}

func (r *Register) setUp(existing bool) error {
	ctx := context.Background()
	{
		// Switching a new file to WAL needs the file to itself, and SQLite
		// answers SQLITE_BUSY at once, without its busy handler, when
		// another run opens the same new register at that moment: wait
		// for it as busy_timeout would.
		var mode string
		if err := whileBusy(func() error {
			return r.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		}); err != nil {
			return err
		}
	}
	var version int
	if err := r.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	switch {
	case version > SchemaVersion():
		return &NewerError{Path: r.path, Version: version}
	case version == SchemaVersion():
		// A register with the right version must have its tables: a file
		// whose tables were dropped is damaged, not new.
		var n int
		if err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN ('clients','facts','runs')").Scan(&n); err != nil {
			return err
		}
		if n != 3 {
			return errors.New("its tables are missing")
		}
		return nil
	case existing:
		return fmt.Errorf("its schema %d is older than this cecbatch's (%d): a run migrates it", version, SchemaVersion())
	}
	if version > 0 {
		// Another run migrating at the same time made the same backup.
		backup := fmt.Sprintf("%s.bak-%d", r.path, version)
		if _, err := os.Stat(backup); err != nil {
			if err := r.Backup(ctx, backup); err != nil {
				return fmt.Errorf("back up before migrating the schema from %d: %w", version, err)
			}
		}
	}
	return r.migrate(ctx)
}

// migrations[v] takes the schema from version v to v+1.
var migrations = []string{
	0: schemaV1,
}

// migrate runs the migrations from version from to SchemaVersion in one
// transaction: a failure leaves the register as it was.
func (r *Register) migrate(ctx context.Context) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Read again under the write lock: another run may have migrated it.
	var from, n int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&from); err != nil {
		return err
	}
	if from >= len(migrations) {
		return tx.Commit()
	}
	if from == 0 {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errors.New("it is an SQLite database, but not a cecbatch register")
		}
	}
	for v := from; v < len(migrations); v++ {
		for stmt := range strings.SplitSeq(migrations[v], ";\n") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migrate the schema to version %d: %w", v+1, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}

// schemaV1: a client's small row (status, identity, latest outcome) is
// apart from its facts, so that the nightly updates of the first do not
// rewrite the second; dates are one row per item, rewritten only when an
// item changes.
const schemaV1 = `
CREATE TABLE runs (
  seq INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL UNIQUE,
  folder TEXT NOT NULL,
  as_of TEXT NOT NULL,
  started TEXT NOT NULL,
  summary_read TEXT NOT NULL DEFAULT ''
);
CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  family_name TEXT NOT NULL DEFAULT '',
  given_names TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open',
  closed_reason TEXT NOT NULL DEFAULT '',
  closed_note TEXT NOT NULL DEFAULT '',
  closed_on TEXT NOT NULL DEFAULT '',
  first_run INTEGER,
  updated_run INTEGER,
  reassessed_run INTEGER,
  facts_hash TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  last_change TEXT NOT NULL DEFAULT '',
  purged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clients_status ON clients(status, id);
CREATE TABLE facts (
  client_id TEXT PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE TABLE intakes (
  seq INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL,
  source_file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  facts_hash TEXT NOT NULL,
  change TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '',
  UNIQUE (client_id, sha256, facts_hash)
);
CREATE TABLE assessments (
  seq INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL,
  as_of TEXT NOT NULL,
  basis TEXT NOT NULL,
  verdict TEXT NOT NULL,
  hours REAL NOT NULL,
  required_clb INTEGER NOT NULL,
  eligible_from TEXT NOT NULL,
  eligible_until TEXT NOT NULL,
  hours_reached TEXT NOT NULL,
  crs TEXT NOT NULL,
  codes TEXT NOT NULL,
  rules TEXT NOT NULL,
  why TEXT NOT NULL
);
CREATE INDEX assessments_client ON assessments(client_id, seq);
CREATE INDEX intakes_client ON intakes(client_id, seq);
CREATE TABLE dates (
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  date TEXT NOT NULL,
  seq INTEGER NOT NULL,
  cancelled_on TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (client_id, kind, key)
);
CREATE TABLE decisions (
  client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  run_id TEXT NOT NULL,
  run_seq INTEGER NOT NULL,
  decision TEXT NOT NULL,
  notes TEXT NOT NULL,
  PRIMARY KEY (client_id, run_id)
);
CREATE TABLE counts (
  name TEXT PRIMARY KEY,
  n INTEGER NOT NULL
)`

// Backup writes a consistent copy of the register to dest (VACUUM INTO),
// even while runs are using it. dest must not exist.
func (r *Register) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists: choose a new name for the backup", dest)
	}
	if _, err := r.db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("back up the register to %s: %w", dest, err)
	}
	return os.Chmod(dest, 0o600)
}

// Check runs SQLite's integrity check and the register's own (every
// client's facts can be read back). It returns what is wrong, one line per
// problem; none when the register is sound.
func (r *Register) Check(ctx context.Context) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, r.damaged(err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, r.damaged(err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, r.damaged(err)
	}
	rows.Close()
	frows, err := r.db.QueryContext(ctx, "SELECT client_id, data FROM facts ORDER BY client_id")
	if err != nil {
		return nil, r.damaged(err)
	}
	defer frows.Close()
	for frows.Next() {
		var id string
		var data []byte
		if err := frows.Scan(&id, &data); err != nil {
			return nil, r.damaged(err)
		}
		if _, err := DecodeFacts(data); err != nil {
			problems = append(problems, fmt.Sprintf("client %s: its stored facts cannot be read: %v", id, err))
		}
	}
	return problems, r.damaged(frows.Err())
}

// whileBusy runs fn again while it fails with SQLITE_BUSY, for up to
// busyTimeout.
func whileBusy(fn func() error) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := fn()
		var coded interface{ Code() int }
		if err == nil || !errors.As(err, &coded) || coded.Code()&0xff != sqliteBusy || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
	}
}

// sqliteBusy is SQLite's primary result code SQLITE_BUSY.
const sqliteBusy = 5
