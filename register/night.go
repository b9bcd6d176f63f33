package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// What a run reads from the register and writes back. A run reads as it
// goes; it writes only at the end, once its outputs are on disk: one
// transaction per input file (CommitFile), then one for the re-assessment
// (CommitNight), so that a killed run leaves the register as it was
// before the uncommitted part.

// RunInfo names one run in the register.
type RunInfo struct {
	RunID, Folder string
	AsOf          assess.Date
	Started       time.Time
}

// Prior is what the register knows of one client before tonight.
type Prior struct {
	ID                     string
	FamilyName, GivenNames string
	DateOfBirth            string
	SourceFile             string
	Closed                 bool
	ClosedReason           string
	FactsHash              string
	Verdict                assess.Verdict
	Outcome                Outcome
	HasOutcome             bool
	Dates                  []Stored
	// Decision is the latest lawyer's decision, nil when none.
	Decision *Decision
	// Data is the stored facts (DecodeFacts).
	Data []byte
}

// Facts decodes the client's stored facts.
func (p *Prior) Facts() (*assess.Client, error) { return DecodeFacts(p.Data) }

const priorColumns = `c.id, c.family_name, c.given_names, c.birth_date, c.source_file, c.status, c.closed_reason,
  c.facts_hash, c.verdict, c.outcome, f.data,
  (SELECT json_group_array(json_array(kind, key, date, seq, cancelled_on))
     FROM (SELECT * FROM dates d WHERE d.client_id = c.id ORDER BY kind, key)),
  (SELECT json_array(decision, notes, run_id) FROM decisions x WHERE x.client_id = c.id ORDER BY run_seq DESC LIMIT 1)`

func scanPrior(sc interface{ Scan(...any) error }) (*Prior, error) {
	var p Prior
	var status, outcome, verdict string
	var dates, decision sql.NullString
	if err := sc.Scan(&p.ID, &p.FamilyName, &p.GivenNames, &p.DateOfBirth, &p.SourceFile, &status, &p.ClosedReason,
		&p.FactsHash, &verdict, &outcome, &p.Data, &dates, &decision); err != nil {
		return nil, err
	}
	p.Closed = status == "closed"
	p.Verdict = assess.Verdict(verdict)
	p.Outcome, p.HasOutcome = decodeOutcome(outcome)
	if dates.Valid {
		var rows [][]any
		if err := json.Unmarshal([]byte(dates.String), &rows); err != nil {
			return nil, fmt.Errorf("client %s: its dates: %w", p.ID, err)
		}
		for _, r := range rows {
			if len(r) != 5 {
				continue
			}
			s := Stored{Kind: Kind(fmt.Sprint(r[0])), Key: fmt.Sprint(r[1])}
			s.Date, _ = assess.ParseDate(fmt.Sprint(r[2]))
			if n, ok := r[3].(float64); ok {
				s.Seq = int(n)
			}
			if c := fmt.Sprint(r[4]); c != "" {
				s.CancelledOn, _ = assess.ParseDate(c)
			}
			p.Dates = append(p.Dates, s)
		}
	}
	if decision.Valid {
		var parts []string
		if json.Unmarshal([]byte(decision.String), &parts) == nil && len(parts) == 3 {
			p.Decision = &Decision{ClientID: p.ID, Decision: parts[0], Notes: parts[1], RunID: parts[2]}
		}
	}
	return &p, nil
}

// Priors returns what the register knows of each of ids, by ID; an ID
// the register does not hold is not in the map. A night looks up a
// workbook's clients together, a few hundred IDs a query: one at a time,
// the look-ups cost 62 µs each at 100,000 clients, most of it beginning
// and ending a read transaction and crossing database/sql, not finding
// the row.
func (r *Register) Priors(ctx context.Context, ids []string) (map[string]*Prior, error) {
	out := make(map[string]*Prior, len(ids))
	args := make([]any, 0, min(len(ids), priorsPerQuery))
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), priorsPerQuery)]
		ids = ids[len(chunk):]
		args = args[:0]
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := r.db.QueryContext(ctx, "SELECT "+priorColumns+" FROM clients c JOIN facts f ON f.client_id = c.id WHERE c.id IN (?"+
			strings.Repeat(", ?", len(chunk)-1)+")", args...)
		if err != nil {
			return nil, r.damaged(err)
		}
		for rows.Next() {
			p, err := scanPrior(rows)
			if err != nil {
				rows.Close()
				return nil, r.damaged(err)
			}
			out[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, r.damaged(err)
		}
	}
	return out, nil
}

// priorsPerQuery bounds Priors' IDs a query, far below SQLite's limit on
// a statement's parameters (32,766).
const priorsPerQuery = 500

// OpenClients calls fn for every open client, in Client ID order, one at
// a time: the rows are streamed, never all loaded.
func (r *Register) OpenClients(ctx context.Context, fn func(p *Prior) error) error {
	return r.priors(ctx, "c.status = 'open'", fn)
}

// ClosedWithDates calls fn for every closed client that still has
// calendar items (to cancel, or cancellations kept 30 days), in ID order.
func (r *Register) ClosedWithDates(ctx context.Context, fn func(p *Prior) error) error {
	return r.priors(ctx, "c.status = 'closed' AND EXISTS (SELECT 1 FROM dates d WHERE d.client_id = c.id)", fn)
}

// priors streams the clients that where selects, in ID order.
func (r *Register) priors(ctx context.Context, where string, fn func(p *Prior) error) error {
	rows, err := r.db.QueryContext(ctx, "SELECT "+priorColumns+" FROM clients c JOIN facts f ON f.client_id = c.id WHERE "+where+" ORDER BY c.id")
	if err != nil {
		return r.damaged(err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPrior(rows)
		if err != nil {
			return r.damaged(err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return r.damaged(rows.Err())
}

// LastRun is the register's latest run by order (not by date); zero when
// there is none.
func (r *Register) LastRun(ctx context.Context) (RunInfo, error) {
	var ri RunInfo
	var asOf, started string
	err := r.db.QueryRowContext(ctx, "SELECT run_id, folder, as_of, started FROM runs ORDER BY seq DESC LIMIT 1").Scan(&ri.RunID, &ri.Folder, &asOf, &started)
	if errors.Is(err, sql.ErrNoRows) {
		return RunInfo{}, nil
	}
	if err != nil {
		return RunInfo{}, r.damaged(err)
	}
	ri.AsOf, _ = assess.ParseDate(asOf)
	ri.Started, _ = time.Parse(time.RFC3339, started)
	return ri, nil
}

// HasOpenClients reports whether any client is open.
func (r *Register) HasOpenClients(ctx context.Context) (bool, error) {
	var n int
	err := r.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM clients WHERE status = 'open')").Scan(&n)
	return n == 1, r.damaged(err)
}

// Identity is who a client is, to tell a re-used Client ID.
type Identity struct {
	FamilyName, GivenNames string
	DateOfBirth            assess.Date
	SourceFile             string
}

// Intake is one input's facts of one client.
type Intake struct {
	SourceFile, SHA256 string
	Changes            []string
}

// Closing is a change of file status.
type Closing struct {
	Closed       bool
	Reason, Note string
	// On is the real date of the closing.
	On assess.Date
}

// AssessmentRow is the history row of one assessment.
type AssessmentRow struct {
	AsOf, Basis                               string
	Verdict                                   assess.Verdict
	Hours                                     float64
	RequiredCLB                               int
	EligibleFrom, EligibleUntil, HoursReached string
	CRS, Codes, Rules, Why                    string
}

// AssessmentRowOf is the history row of a (and x, the Express Entry estimate
// beside it, nil when none), with why it was stored.
func AssessmentRowOf(a *assess.Assessment, x *crs.Estimate, why string) AssessmentRow {
	o := outcomeOf(a, x)
	basis := "application date"
	if a.FromAsOf {
		basis = "as-of date"
	}
	return AssessmentRow{
		AsOf: a.AssessedOn.String(), Basis: basis, Verdict: a.Verdict, Hours: a.QualifyingHours, RequiredCLB: a.RequiredCLB,
		EligibleFrom: a.EligibleFrom.String(), EligibleUntil: a.EligibleUntil.String(), HoursReached: a.HoursReached.String(),
		CRS: o.CRS, Codes: strings.Join(o.Codes, " "), Rules: strings.Join(o.Rules, " "), Why: why,
	}
}

// Write is what one client's night changes in the register.
type Write struct {
	ID     string
	Change ChangeKind
	// Identity and Facts replace the stored ones when set (an intake).
	Identity  *Identity
	Facts     []byte
	FactsHash string
	Intake    *Intake
	Closing   *Closing
	// Outcome is tonight's; Assessment, when set, is stored in the
	// history (an intake, or a changed outcome).
	Outcome    *Outcome
	Assessment *AssessmentRow
	// Dates replace the stored calendar items when DatesChanged.
	Dates        []Stored
	DatesChanged bool
	LastChange   string
}

// CommitFile stores one input file's clients in one transaction.
func (r *Register) CommitFile(ctx context.Context, run RunInfo, writes []Write) error {
	return r.inTx(ctx, func(tx *sql.Tx) error { return applyAll(ctx, tx, run, writes) })
}

// CommitNight stores the re-assessment of the register in one
// transaction, and records that every open client was assessed tonight.
func (r *Register) CommitNight(ctx context.Context, run RunInfo, writes []Write) error {
	return r.inTx(ctx, func(tx *sql.Tx) error {
		if err := applyAll(ctx, tx, run, writes); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE clients SET reassessed_run = (SELECT seq FROM runs WHERE run_id = ?) WHERE status = 'open'", run.RunID)
		return err
	})
}

// applyAll records run and stores writes, in order, in tx.
func applyAll(ctx context.Context, tx *sql.Tx, run RunInfo, writes []Write) error {
	if err := ensureRun(ctx, tx, run); err != nil {
		return err
	}
	st := &txStatements{ctx: ctx, tx: tx}
	defer st.close()
	for i := range writes {
		if err := apply(st, run, &writes[i]); err != nil {
			return err
		}
	}
	return nil
}

// txStatements prepares each statement of a transaction once: SQLite
// parses a statement's text every time it is executed otherwise, which
// was a third of what writing a night's clients to the register cost.
type txStatements struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *txStatements) exec(query string, args ...any) (sql.Result, error) {
	st, ok := t.stmts[query]
	if !ok {
		var err error
		if st, err = t.tx.PrepareContext(t.ctx, query); err != nil {
			return nil, err
		}
		if t.stmts == nil {
			t.stmts = map[string]*sql.Stmt{}
		}
		t.stmts[query] = st
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *txStatements) close() {
	for _, st := range t.stmts {
		st.Close()
	}
}

func (r *Register) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return r.damaged(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return r.damaged(err)
	}
	return r.damaged(tx.Commit())
}

func ensureRun(ctx context.Context, tx *sql.Tx, run RunInfo) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO runs (run_id, folder, as_of, started) VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING",
		run.RunID, run.Folder, run.AsOf.String(), run.Started.Format(time.RFC3339))
	return err
}

func apply(st *txStatements, run RunInfo, w *Write) error {
	// An intake's client row takes tonight's outcome and last change in
	// the same statement: three statements a client were a fifth of the
	// night's commit, the serial step at the end of a run.
	outcome, lastChange := w.Outcome, w.LastChange
	if w.Identity != nil {
		id := w.Identity
		args := []any{w.ID, id.FamilyName, id.GivenNames, id.DateOfBirth.String(), id.SourceFile, run.RunID, run.RunID, w.FactsHash}
		var with clientWith
		if outcome != nil {
			with |= withOutcome
			args = append(args, string(outcome.Verdict), outcome.encode())
			outcome = nil
		}
		if lastChange != "" {
			with |= withLastChange
			args = append(args, lastChange)
			lastChange = ""
		}
		if _, err := st.exec(upsertClient[with], args...); err != nil {
			return err
		}
	}
	if w.Facts != nil {
		if _, err := st.exec("INSERT INTO facts (client_id, data) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET data = excluded.data", w.ID, w.Facts); err != nil {
			return err
		}
	}
	if w.Intake != nil {
		if _, err := st.exec(`INSERT INTO intakes (client_id, run_id, source_file, sha256, facts_hash, change, changes)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			w.ID, run.RunID, w.Intake.SourceFile, w.Intake.SHA256, w.FactsHash, string(w.Change), strings.Join(w.Intake.Changes, "\n")); err != nil {
			return err
		}
	}
	if c := w.Closing; c != nil {
		status := "open"
		if c.Closed {
			status = "closed"
		}
		if _, err := st.exec("UPDATE clients SET status = ?, closed_reason = ?, closed_note = ?, closed_on = ? WHERE id = ?",
			status, c.Reason, c.Note, c.On.String(), w.ID); err != nil {
			return err
		}
	}
	if outcome != nil {
		if _, err := st.exec("UPDATE clients SET verdict = ?, outcome = ? WHERE id = ?", string(outcome.Verdict), outcome.encode(), w.ID); err != nil {
			return err
		}
	}
	if lastChange != "" {
		if _, err := st.exec("UPDATE clients SET last_change = ? WHERE id = ?", lastChange, w.ID); err != nil {
			return err
		}
	}
	if a := w.Assessment; a != nil {
		if _, err := st.exec(`INSERT INTO assessments (client_id, run_id, as_of, basis, verdict, hours, required_clb,
			eligible_from, eligible_until, hours_reached, crs, codes, rules, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.ID, run.RunID, a.AsOf, a.Basis, string(a.Verdict), a.Hours, a.RequiredCLB, a.EligibleFrom, a.EligibleUntil,
			a.HoursReached, a.CRS, a.Codes, a.Rules, a.Why); err != nil {
			return err
		}
	}
	if w.DatesChanged {
		if _, err := st.exec("DELETE FROM dates WHERE client_id = ?", w.ID); err != nil {
			return err
		}
		// A client's dates in one statement (a few, in a statement of
		// their number's own), up to datesPerInsert at a time.
		for rest := w.Dates; len(rest) > 0; {
			n := min(len(rest), datesPerInsert)
			args := make([]any, 0, 6*n)
			for _, d := range rest[:n] {
				args = append(args, w.ID, string(d.Kind), d.Key, d.Date.String(), d.Seq, d.CancelledOn.String())
			}
			if _, err := st.exec(insertDates[n], args...); err != nil {
				return err
			}
			rest = rest[n:]
		}
	}
	return nil
}

// clientWith says what an intake's client upsert sets beyond the
// identity: tonight's outcome, the last change, both or neither.
type clientWith uint8

const (
	withOutcome clientWith = 1 << iota
	withLastChange
)

// upsertClient holds the client upsert for each clientWith; its
// arguments are the identity's, then the outcome's verdict and encoding,
// then the last change, as with says.
var upsertClient = func() (q [4]string) {
	const runSeq = "(SELECT seq FROM runs WHERE run_id = ?)"
	for with := range clientWith(len(q)) {
		cols := "id, family_name, given_names, birth_date, source_file, first_run, updated_run, facts_hash"
		vals := "?, ?, ?, ?, ?, " + runSeq + ", " + runSeq + ", ?"
		set := "family_name = excluded.family_name, given_names = excluded.given_names, birth_date = excluded.birth_date, " +
			"source_file = excluded.source_file, updated_run = excluded.updated_run, facts_hash = excluded.facts_hash"
		if with&withOutcome != 0 {
			cols += ", verdict, outcome"
			vals += ", ?, ?"
			set += ", verdict = excluded.verdict, outcome = excluded.outcome"
		}
		if with&withLastChange != 0 {
			cols += ", last_change"
			vals += ", ?"
			set += ", last_change = excluded.last_change"
		}
		q[with] = "INSERT INTO clients (" + cols + ") VALUES (" + vals + ") ON CONFLICT (id) DO UPDATE SET " + set
	}
	return q
}()

// datesPerInsert is the most dates one statement inserts.
const datesPerInsert = 16

// insertDates holds, by n, the statement that inserts n dates.
var insertDates = func() (q [datesPerInsert + 1]string) {
	for n := 1; n <= datesPerInsert; n++ {
		q[n] = "INSERT INTO dates (client_id, kind, key, date, seq, cancelled_on) VALUES (?, ?, ?, ?, ?, ?)" +
			strings.Repeat(", (?, ?, ?, ?, ?, ?)", n-1)
	}
	return q
}()

// SummaryRun is an earlier run's summary to read decisions from.
type SummaryRun struct {
	RunID, Folder string
	Seq           int
	// Read is the summary's modification time when its decisions were
	// last read ("" never).
	Read string
}

// SummariesToRead lists the earlier runs, latest last.
func (r *Register) SummariesToRead(ctx context.Context) ([]SummaryRun, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT run_id, folder, seq, summary_read FROM runs ORDER BY seq")
	if err != nil {
		return nil, r.damaged(err)
	}
	defer rows.Close()
	var out []SummaryRun
	for rows.Next() {
		var s SummaryRun
		if err := rows.Scan(&s.RunID, &s.Folder, &s.Seq, &s.Read); err != nil {
			return nil, r.damaged(err)
		}
		out = append(out, s)
	}
	return out, r.damaged(rows.Err())
}

// StoreDecisions records the decisions read from run's summary (modified
// at mtime) in one transaction. A "declined" closes the client's file on
// the day today (the real date), unless it is closed already.
func (r *Register) StoreDecisions(ctx context.Context, run SummaryRun, mtime string, decisions []Decision, today assess.Date) (closed []string, err error) {
	err = r.inTx(ctx, func(tx *sql.Tx) error {
		for _, d := range decisions {
			res, err := tx.ExecContext(ctx, `INSERT INTO decisions (client_id, run_id, run_seq, decision, notes)
				SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM clients WHERE id = ?)
				ON CONFLICT (client_id, run_id) DO UPDATE SET decision = excluded.decision, notes = excluded.notes`,
				d.ClientID, run.RunID, run.Seq, d.Decision, d.Notes, d.ClientID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 || d.Decision != "declined" {
				continue
			}
			// Only the latest decision of the client decides its file.
			var latest string
			if err := tx.QueryRowContext(ctx, "SELECT run_id FROM decisions WHERE client_id = ? ORDER BY run_seq DESC LIMIT 1", d.ClientID).Scan(&latest); err != nil {
				return err
			}
			if latest != run.RunID {
				continue
			}
			res, err = tx.ExecContext(ctx, `UPDATE clients SET status = 'closed', closed_reason = 'other', closed_note = ?, closed_on = ?
				WHERE id = ? AND status = 'open'`, "declined by the lawyer (summary of run "+run.RunID+")", today.String(), d.ClientID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				closed = append(closed, d.ClientID)
			}
		}
		_, err := tx.ExecContext(ctx, "UPDATE runs SET summary_read = ? WHERE run_id = ?", mtime, run.RunID)
		return err
	})
	return closed, err
}
