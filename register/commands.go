package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// What the `cecbatch register` commands read and change.

// ErrNoClient is a Client ID the register does not hold.
var ErrNoClient = errors.New("no such client in the register")

// ListOptions filter List.
type ListOptions struct {
	// Status is "open", "closed" or "all".
	Status string
	// Verdict, when set, keeps the clients of that verdict.
	Verdict assess.Verdict
	// DueDays >= 0 keeps the clients with a date within that many days of
	// Today (overdue ones included); -1 keeps all.
	DueDays int
	Today   assess.Date
}

// ListRow is one client of List.
type ListRow struct {
	ID, Status, Verdict    string
	NextKind               string
	NextDate               assess.Date
	LastChange             string
	FamilyName, GivenNames string
}

// List calls fn for each client that passes opt, in Client ID order.
func (r *Register) List(ctx context.Context, opt ListOptions, fn func(ListRow) error) error {
	var where []string
	var args []any
	args = append(args, opt.Today.AddDays(-OverdueDays).String())
	switch opt.Status {
	case "", "open":
		where = append(where, "c.status = 'open'")
	case "closed":
		where = append(where, "c.status = 'closed'")
	case "all":
	default:
		return fmt.Errorf("--status %q: write open, closed or all", opt.Status)
	}
	if opt.Verdict != "" {
		where = append(where, "c.verdict = ?")
		args = append(args, string(opt.Verdict))
	}
	q := `SELECT c.id, c.status, c.verdict, c.last_change, c.family_name, c.given_names,
		(SELECT kind || char(9) || date FROM dates d WHERE d.client_id = c.id AND d.cancelled_on = '' AND d.date >= ? ORDER BY d.date, d.kind LIMIT 1)
		FROM clients c`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := r.db.QueryContext(ctx, q+" ORDER BY c.id", args...)
	if err != nil {
		return r.damaged(err)
	}
	defer rows.Close()
	for rows.Next() {
		var row ListRow
		var next sql.NullString
		if err := rows.Scan(&row.ID, &row.Status, &row.Verdict, &row.LastChange, &row.FamilyName, &row.GivenNames, &next); err != nil {
			return r.damaged(err)
		}
		if kind, date, ok := strings.Cut(next.String, "\t"); ok {
			row.NextKind = kind
			row.NextDate, _ = assess.ParseDate(date)
		}
		if opt.DueDays >= 0 && (row.NextDate.IsZero() || row.NextDate > opt.Today.AddDays(opt.DueDays)) {
			continue
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return r.damaged(rows.Err())
}

// History is everything the register holds on one client.
type History struct {
	ID, Status, ClosedReason, ClosedNote, ClosedOn string
	FamilyName, GivenNames, DateOfBirth            string
	Verdict, LastChange                            string
	Intakes                                        [][]string // run, file, change, changes
	Assessments                                    [][]string // run, as of, basis, verdict, eligible from, until, CRS, codes, why
	Decisions                                      [][]string // run, decision, notes
	Dates                                          [][]string // kind, date, sequence, cancelled on
}

// Show returns client id's history.
func (r *Register) Show(ctx context.Context, id string) (*History, error) {
	h := &History{ID: id}
	err := r.db.QueryRowContext(ctx, `SELECT status, closed_reason, closed_note, closed_on, family_name, given_names, birth_date, verdict, last_change
		FROM clients WHERE id = ?`, id).Scan(&h.Status, &h.ClosedReason, &h.ClosedNote, &h.ClosedOn, &h.FamilyName, &h.GivenNames, &h.DateOfBirth, &h.Verdict, &h.LastChange)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", id, ErrNoClient)
	}
	if err != nil {
		return nil, r.damaged(err)
	}
	for _, q := range []struct {
		dst *[][]string
		sql string
	}{
		{&h.Intakes, "SELECT run_id, source_file, change, changes FROM intakes WHERE client_id = ? ORDER BY seq"},
		{&h.Assessments, "SELECT run_id, as_of, basis, verdict, eligible_from, eligible_until, crs, codes, why FROM assessments WHERE client_id = ? ORDER BY seq"},
		{&h.Decisions, "SELECT run_id, decision, notes FROM decisions WHERE client_id = ? ORDER BY run_seq"},
		{&h.Dates, "SELECT kind, date, seq, cancelled_on FROM dates WHERE client_id = ? ORDER BY date, kind"},
	} {
		if err := r.strings(ctx, q.sql, []any{id}, q.dst); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// strings reads every row of a query as text.
func (r *Register) strings(ctx context.Context, q string, args []any, dst *[][]string) error {
	rows, err := r.db.QueryContext(ctx, q, args...)
	if err != nil {
		return r.damaged(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return r.damaged(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		*dst = append(*dst, row)
	}
	return r.damaged(rows.Err())
}

// Reasons a file may be closed for.
var CloseReasons = []string{"applied", "withdrawn", "refused", "other"}

// SetStatus closes or reopens client id's file, on the real date on. A
// closed client is no longer re-assessed or diarized; the next run
// cancels its calendar items.
func (r *Register) SetStatus(ctx context.Context, id string, closed bool, reason, note string, on assess.Date) error {
	status := "open"
	if closed {
		status = "closed"
	} else {
		reason, note = "", ""
	}
	return r.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE clients SET status = ?, closed_reason = ?, closed_note = ?, closed_on = ?, last_change = ? WHERE id = ?",
			status, reason, note, on.String(), on.String()+": "+status+" by the register command", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%s: %w", id, ErrNoClient)
		}
		return nil
	})
}

// PurgeCount is how many closed clients Purge would delete.
func (r *Register) PurgeCount(ctx context.Context, before assess.Date) (int, error) {
	var n int
	err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM clients WHERE status = 'closed' AND closed_on != '' AND closed_on < ?", before.String()).Scan(&n)
	return n, r.damaged(err)
}

// Purge deletes every client closed before the day before, with its
// facts, intakes, assessments, decisions and dates (the firm's retention
// duty), and keeps their number.
func (r *Register) Purge(ctx context.Context, before assess.Date) (int, error) {
	var n int
	err := r.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM clients WHERE status = 'closed' AND closed_on != '' AND closed_on < ?", before.String())
		if err != nil {
			return err
		}
		k, _ := res.RowsAffected()
		n = int(k)
		_, err = tx.ExecContext(ctx, "INSERT INTO counts (name, n) VALUES ('purged', ?) ON CONFLICT (name) DO UPDATE SET n = n + excluded.n", n)
		return err
	})
	if err == nil && n > 0 {
		// The deleted pages are overwritten, not left readable in the file.
		_, err = r.db.ExecContext(ctx, "VACUUM")
	}
	return n, r.damaged(err)
}

// Purged is how many clients purges deleted so far.
func (r *Register) Purged(ctx context.Context) (int, error) {
	var n int
	err := r.db.QueryRowContext(ctx, "SELECT coalesce((SELECT n FROM counts WHERE name = 'purged'), 0)").Scan(&n)
	return n, r.damaged(err)
}

// ExportWriter receives the register table by table.
type ExportWriter interface {
	Table(name string, header []string) error
	Row(values []string) error
}

// exportTables are the tables of an export, with their queries; the
// clients' facts are written as the JSON of the stored client.
var exportTables = []struct{ name, sql string }{
	{"clients", `SELECT c.id, c.status, c.closed_reason, c.closed_note, c.closed_on, c.family_name, c.given_names, c.birth_date,
		c.source_file, c.verdict, c.outcome, c.last_change, f.data FROM clients c LEFT JOIN facts f ON f.client_id = c.id ORDER BY c.id`},
	{"dates", "SELECT client_id, kind, key, date, seq, cancelled_on FROM dates ORDER BY client_id, date, kind, key"},
	{"intakes", "SELECT client_id, run_id, source_file, sha256, change, changes FROM intakes ORDER BY client_id, seq"},
	{"assessments", `SELECT client_id, run_id, as_of, basis, verdict, hours, required_clb, eligible_from, eligible_until, hours_reached,
		crs, codes, rules, why FROM assessments ORDER BY client_id, seq`},
	{"decisions", "SELECT client_id, run_id, decision, notes FROM decisions ORDER BY client_id, run_seq"},
	{"runs", "SELECT run_id, folder, as_of, started FROM runs ORDER BY seq"},
	{"counts", "SELECT name, n FROM counts ORDER BY name"},
}

// Export writes the whole register to w, streamed row by row.
func (r *Register) Export(ctx context.Context, w ExportWriter) error {
	for _, t := range exportTables {
		rows, err := r.db.QueryContext(ctx, t.sql)
		if err != nil {
			return r.damaged(err)
		}
		cols, _ := rows.Columns()
		if t.name == "clients" {
			cols[len(cols)-1] = "facts"
		}
		if err := w.Table(t.name, cols); err != nil {
			rows.Close()
			return err
		}
		vals := make([]any, len(cols))
		for rows.Next() {
			raw := make([]sql.RawBytes, len(cols))
			for i := range raw {
				vals[i] = &raw[i]
			}
			if err := rows.Scan(vals...); err != nil {
				rows.Close()
				return r.damaged(err)
			}
			out := make([]string, len(cols))
			for i, b := range raw {
				out[i] = string(b)
			}
			if t.name == "clients" && len(raw[len(raw)-1]) > 0 {
				c, err := DecodeFacts(raw[len(raw)-1])
				if err != nil {
					rows.Close()
					return r.damaged(fmt.Errorf("client %s: %w", out[0], err))
				}
				out[len(out)-1] = factsJSON(c)
			}
			if err := w.Row(out); err != nil {
				rows.Close()
				return err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return r.damaged(err)
		}
	}
	return nil
}
