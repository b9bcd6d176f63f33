package register

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

func openNew(t *testing.T) (*Register, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out", FileName)
	r, err := Open(path, Options{FileMode: 0o600})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, path
}

func pragma(t *testing.T, r *Register, name string) string {
	t.Helper()
	var v string
	if err := r.db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestOpenSettings: a new register is private (0600), in WAL mode, waits
// at least 10 s for another run's lock, and enforces its foreign keys.
func TestOpenSettings(t *testing.T) {
	r, path := openNew(t)
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", info.Mode(), err)
	}
	if got := pragma(t, r, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode %s", got)
	}
	if got, _ := strconv.Atoi(pragma(t, r, "busy_timeout")); got < 10000 {
		t.Errorf("busy_timeout %d ms", got)
	}
	if got := pragma(t, r, "foreign_keys"); got != "1" {
		t.Errorf("foreign_keys %s", got)
	}
	if got := pragma(t, r, "user_version"); got != "1" {
		t.Errorf("user_version %s", got)
	}
}

// TestMigrationBacksUpFirst: an older register is copied to
// register.db.bak-<old version> and migrated in one transaction; a
// migration that fails leaves it as it was.
func TestMigrationBacksUpFirst(t *testing.T) {
	r, path := openNew(t)
	r.Close()
	orig := migrations
	t.Cleanup(func() { migrations = orig })

	migrations = append(append([]string(nil), orig...), "CREATE TABLE clients (broken INTEGER)")
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("a failing migration opened the register")
	}
	if _, err := Open(path, Options{Existing: true}); err == nil {
		t.Fatal("Existing opened a register that needs migrating")
	}
	migrations = orig
	r2, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("the register was altered by the failed migration: %v", err)
	}
	if got := pragma(t, r2, "user_version"); got != "1" {
		t.Errorf("user_version %s after a failed migration", got)
	}
	r2.Close()

	migrations = append(append([]string(nil), orig...), "ALTER TABLE clients ADD COLUMN referral TEXT NOT NULL DEFAULT ''")
	r3, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r3.Close()
	if got := pragma(t, r3, "user_version"); got != "2" {
		t.Errorf("user_version %s, want 2", got)
	}
	bak, err := sql.Open("sqlite", path+".bak-1")
	if err != nil {
		t.Fatal(err)
	}
	defer bak.Close()
	var v int
	if err := bak.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 1 {
		t.Errorf("backup: version %d, %v", v, err)
	}
}

// TestNewerAndForeignRefused: a register of a newer schema is refused and
// left byte for byte; an SQLite file that is not a register, or a file
// that is not SQLite, is damaged, never replaced.
func TestNewerAndForeignRefused(t *testing.T) {
	r, path := openNew(t)
	if _, err := r.db.Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	r.Close()
	before, _ := os.ReadFile(path)
	_, err := Open(path, Options{})
	var newer *NewerError
	if !errors.As(err, &newer) || newer.Version != 7 {
		t.Fatalf("newer schema: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a newer register was altered")
	}

	other := filepath.Join(t.TempDir(), "other.db")
	db, _ := sql.Open("sqlite", other)
	db.Exec("CREATE TABLE invoices (n INTEGER)")
	db.Close()
	var damaged *DamagedError
	if _, err := Open(other, Options{}); !errors.As(err, &damaged) {
		t.Errorf("a foreign database: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("junk"), 2000), 0o600)
	if _, err := Open(junk, Options{}); !errors.As(err, &damaged) {
		t.Errorf("junk: %v", err)
	}
}

// TestTwoRunsCreateItAtOnce: two runs that find no register both open it.
func TestTwoRunsCreateItAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := Open(path, Options{})
			if err == nil {
				err = r.CommitFile(context.Background(), RunInfo{RunID: "run-" + string(rune('a'+i))},
					[]Write{{ID: "C-" + string(rune('a'+i)), Identity: &Identity{}, Facts: []byte{1}}})
				r.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
}

// TestDeclinedClosesAndPurgeDeletes: a declined decision closes the file;
// purge deletes the closed client with its history and keeps the count.
func TestDeclinedClosesAndPurgeDeletes(t *testing.T) {
	r, _ := openNew(t)
	ctx := context.Background()
	c := &assess.Client{ID: "D-1", FamilyName: "Okafor"}
	data, hash, _ := EncodeFacts(c)
	run := RunInfo{RunID: "r1", Folder: "/out/r1", AsOf: d("2026-12-01")}
	if err := r.CommitFile(ctx, run, []Write{{ID: "D-1", Identity: &Identity{FamilyName: "Okafor"}, Facts: data, FactsHash: hash,
		Intake: &Intake{SourceFile: "a.xlsx", SHA256: "x"}, Dates: []Stored{{Kind: KindApplyBy, Date: d("2027-01-01")}}, DatesChanged: true}}); err != nil {
		t.Fatal(err)
	}
	runs, _ := r.SummariesToRead(ctx)
	closed, err := r.StoreDecisions(ctx, runs[0], "t1", []Decision{{ClientID: "D-1", Decision: "declined", Notes: "client withdrew"}}, d("2026-12-02"))
	if err != nil || len(closed) != 1 {
		t.Fatalf("declined: %v %v", closed, err)
	}
	p := prior(t, r, "D-1")
	if !p.Closed || p.Decision == nil || p.Decision.Notes != "client withdrew" {
		t.Fatalf("after declined: %+v", p)
	}
	if n, _ := r.PurgeCount(ctx, d("2026-12-02")); n != 0 {
		t.Errorf("closed on 2026-12-02 counted before that day: %d", n)
	}
	n, err := r.Purge(ctx, d("2026-12-03"))
	if err != nil || n != 1 {
		t.Fatalf("purge: %d %v", n, err)
	}
	for _, table := range []string{"clients", "facts", "intakes", "dates", "decisions"} {
		var k int
		r.db.QueryRow("SELECT count(*) FROM " + table).Scan(&k)
		if k != 0 {
			t.Errorf("%s keeps %d rows of a purged client", table, k)
		}
	}
	if total, _ := r.Purged(ctx); total != 1 {
		t.Errorf("purged count %d", total)
	}
}

// prior is what the register holds of client id (nil: nothing).
func prior(t *testing.T, r *Register, id string) *Prior {
	t.Helper()
	got, err := r.Priors(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	return got[id]
}

// TestPriors: a workbook's look-up finds each held client as it was
// written (identity, facts, outcome, dates, the lawyer's decision), for
// IDs with quotes, backslashes and accents, one that is not UTF-8, an ID
// listed twice, and held IDs spread over several queries' worth of IDs;
// it finds nothing for IDs the register does not hold, one that differs
// from a held one only by case among them.
func TestPriors(t *testing.T) {
	r, _ := openNew(t)
	ctx := context.Background()
	held := []string{"A-1", `Q"uote`, `back\slash`, "Émile-7", "bad\xff-id", "Z-9"}
	var writes []Write
	for i, id := range held {
		c := &assess.Client{ID: id, FamilyName: "Family " + strconv.Itoa(i)}
		data, hash, err := EncodeFacts(c)
		if err != nil {
			t.Fatal(err)
		}
		writes = append(writes, Write{ID: id, Identity: &Identity{FamilyName: c.FamilyName}, Facts: data, FactsHash: hash,
			Intake:  &Intake{SourceFile: "w.xlsx", SHA256: "x"},
			Outcome: &Outcome{Verdict: assess.Eligible, EligibleFrom: "now", Codes: []string{"W-HOURS"}},
			Dates:   []Stored{{Kind: KindApplyBy, Date: d("2027-01-0" + strconv.Itoa(1+i))}}, DatesChanged: true})
	}
	run := RunInfo{RunID: "r1", Folder: "/out/r1", AsOf: d("2026-12-01")}
	if err := r.CommitFile(ctx, run, writes); err != nil {
		t.Fatal(err)
	}
	runs, _ := r.SummariesToRead(ctx)
	if _, err := r.StoreDecisions(ctx, runs[0], "t1", []Decision{{ClientID: "Z-9", Decision: "declined", Notes: "withdrew"}}, d("2026-12-02")); err != nil {
		t.Fatal(err)
	}
	absent := []string{"a-1", "missing", "", "bad\xfe-other"}
	ask := append([]string{"A-1"}, absent...)
	for i, id := range held {
		for k := range priorsPerQuery / 2 {
			ask = append(ask, "absent-"+strconv.Itoa(i)+"-"+strconv.Itoa(k))
		}
		ask = append(ask, id)
	}
	got, err := r.Priors(ctx, ask)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(held) {
		t.Errorf("found %d clients, want the %d held", len(got), len(held))
	}
	for _, id := range absent {
		if p, ok := got[id]; ok {
			t.Errorf("%q is not held, found %+v", id, p)
		}
	}
	for i, w := range writes {
		p := got[w.ID]
		if p == nil {
			t.Errorf("%q: not found", w.ID)
			continue
		}
		if p.ID != w.ID || p.FamilyName != w.Identity.FamilyName || p.FactsHash != w.FactsHash {
			t.Errorf("%q: found %q, family %q, facts hash %q", w.ID, p.ID, p.FamilyName, p.FactsHash)
		}
		if !p.HasOutcome || p.Verdict != assess.Eligible || !reflect.DeepEqual(p.Outcome, *w.Outcome) {
			t.Errorf("%q: outcome %+v (%v), want %+v", w.ID, p.Outcome, p.HasOutcome, *w.Outcome)
		}
		if len(p.Dates) != 1 || p.Dates[0].Date != w.Dates[0].Date || p.Dates[0].Kind != KindApplyBy {
			t.Errorf("%q: dates %+v, want %+v", w.ID, p.Dates, w.Dates)
		}
		// The facts are JSON, whose text is UTF-8 (an intake's always is).
		c, err := p.Facts()
		if err != nil || c.ID != strings.ToValidUTF8(w.ID, "\uFFFD") || c.FamilyName != "Family "+strconv.Itoa(i) {
			t.Errorf("%q: facts read back as %+v, %v", w.ID, c, err)
		}
		declined := w.ID == "Z-9"
		if p.Closed != declined || (p.Decision != nil) != declined || declined && p.Decision.Notes != "withdrew" {
			t.Errorf("%q: closed %v, decision %+v", w.ID, p.Closed, p.Decision)
		}
	}
}

// TestIntakeKeepsWhatItDoesNotSet: an intake's client row sets the
// outcome and the last change only when the write has them; a later
// intake without them keeps the stored ones, and one with them replaces
// them (the upsert of a client already held).
func TestIntakeKeepsWhatItDoesNotSet(t *testing.T) {
	r, _ := openNew(t)
	ctx := context.Background()
	lastChange := func() string {
		var s string
		if err := r.db.QueryRow("SELECT last_change FROM clients WHERE id = 'K-1'").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	intake := func(run, family string, o *Outcome, change string) {
		t.Helper()
		if err := r.CommitFile(ctx, RunInfo{RunID: run, Folder: "/out/" + run, AsOf: d("2026-12-01")},
			[]Write{{ID: "K-1", Identity: &Identity{FamilyName: family}, Outcome: o, LastChange: change}}); err != nil {
			t.Fatal(err)
		}
	}
	eligible := &Outcome{Verdict: assess.Eligible, EligibleFrom: "now"}
	intake("r1", "Okafor", eligible, "r1: new")
	intake("r2", "Okafor-Ade", nil, "")
	var verdict, family string
	if err := r.db.QueryRow("SELECT verdict, family_name FROM clients WHERE id = 'K-1'").Scan(&verdict, &family); err != nil {
		t.Fatal(err)
	}
	if verdict != string(assess.Eligible) || family != "Okafor-Ade" || lastChange() != "r1: new" {
		t.Errorf("after an intake without outcome: verdict %q, family %q, last change %q", verdict, family, lastChange())
	}
	intake("r3", "Okafor-Ade", &Outcome{Verdict: assess.NotEligible}, "r3: updated")
	if err := r.db.QueryRow("SELECT verdict FROM clients WHERE id = 'K-1'").Scan(&verdict); err != nil {
		t.Fatal(err)
	}
	if verdict != string(assess.NotEligible) || lastChange() != "r3: updated" {
		t.Errorf("after an intake with outcome: verdict %q, last change %q", verdict, lastChange())
	}
}
