package main

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/batch"
)

// The inbox is a shared drive: anyone who drops workbooks, or a program
// on their desktop, can write anything there. And the operator's own
// files and flags can name the wrong thing. End to end, each of these
// once did harm.

// TestForgedStateInTheInbox: a paralegal's account forges what earlier
// versions kept in inbox/.cecbatch-state (a move "cut short" to a file
// outside cecbatch's folders, "two runs died" on a colleague's workbook)
// and swaps the inbox's lock file for a link to the config file. The run
// deletes nothing outside its folders, overwrites nothing through the
// link, reads and archives the colleague's workbook as usual, and sets
// the forged "claim" aside in the quarantine instead of planting it in
// the inbox.
func TestForgedStateInTheInbox(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("colleague.xlsx", "A", 1)
	s.file("cecbatch.yaml", "min_age: 0s\n")
	s.file("ledger.report.txt", "the firm's ledger")
	state := s.path("inbox", batch.StateDir)
	if err := os.Mkdir(state, 0o777); err != nil {
		t.Fatal(err)
	}
	s.file("inbox/"+batch.StateDir+"/00000000000000a1.json", `{"name":"planted.xlsx","attempts":1,"placed":"`+s.path("ledger")+`"}`)
	s.file("inbox/"+batch.StateDir+"/00000000000000a1.claim", "planted")
	s.file("inbox/"+batch.StateDir+"/00000000000000a2.json", `{"name":"colleague.xlsx","attempts":2}`)
	if err := os.Symlink(s.path("cecbatch.yaml"), s.path("inbox", batch.LockName)); err != nil {
		t.Skip(err)
	}
	o := s.run("run", "--as-of", "2025-06-01")
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	if b, _ := os.ReadFile(s.path("ledger.report.txt")); string(b) != "the firm's ledger" {
		t.Errorf("the file outside cecbatch's folders was deleted or changed: %q", b)
	}
	if b, _ := os.ReadFile(s.path("cecbatch.yaml")); string(b) != "min_age: 0s\n" {
		t.Errorf("the config file was written through the lock link: %q", b)
	}
	if got := s.ls("archive"); !reflect.DeepEqual(got, []string{"colleague.xlsx"}) {
		t.Errorf("archive %v, want the colleague's workbook read as usual", got)
	}
	want := []string{"recovered-00000000000000a1.xlsx", "recovered-00000000000000a1.xlsx.report.txt"}
	if got := s.ls("quarantine"); !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want the forged claim set aside: %v", got, want)
	}
	if got := s.ls("inbox"); len(got) != 0 {
		t.Errorf("inbox %v, want nothing planted and the old state folder gone", got)
	}
	if info, err := os.Stat(s.path("out", batch.StateDir)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the run's state folder beside the outputs: %v %v, want 0700", info, err)
	}
}

// TestLogNamesCellsNotValues: rows keyed by the client's name instead of
// an ID, and a column header holding a note about a client, are problems
// the log reports (so cron mails them) by cell and kind, never by what
// the cells hold; the outputs quote it.
func TestLogNamesCellsNotValues(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := eligibleBook("P-1")
	b["Employment"] = append(b["Employment"], []any{"Quillfeather, Marisol", "Maple Software Inc.", "21231", 1, "2022-01-03", "", 40, "PGWP"})
	b["Language Tests"][0] = append(append([]any{}, testsHeader...), "Marisol Quillfeather 1985-02-17")
	b.save(t, s.path("inbox", "week.xlsx"))
	o := s.run(append(runArgs, "--quiet", "--log-format", "json")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	for _, secret := range []string{"Quillfeather", "Marisol", "1985"} {
		if strings.Contains(o.stderr, secret) {
			t.Errorf("the log quotes %q:\n%s", secret, o.stderr)
		}
	}
	for _, want := range []string{
		`"cell":"Employment!A3","kind":"a row whose Client ID is not on the Clients sheet (not read)"`,
		`"cell":"Language Tests!H1","kind":"a column cecbatch does not read (ignored)"`,
	} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("the log does not say %s:\n%s", want, o.stderr)
		}
	}
	results, _ := os.ReadFile(s.path(o.lastLine(), "results.jsonl"))
	if !strings.Contains(string(results), "Quillfeather, Marisol") || !strings.Contains(string(results), "Marisol Quillfeather 1985-02-17") {
		t.Errorf("the outputs lost the quoted cells:\n%s", results)
	}
}
