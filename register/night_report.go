package register

import "github.com/cecbatch/cecbatch/assess"

// What one night's run tells the firm, for the Changes and Agenda sheets,
// the calendar and the digest.

// ChangeKind says why a client is on the Changes sheet.
type ChangeKind string

const (
	ChangeNew        ChangeKind = "new"
	ChangeUpdated    ChangeKind = "updated"
	ChangeUnchanged  ChangeKind = "unchanged"
	ChangeReassessed ChangeKind = "reassessed"
	ChangeClosed     ChangeKind = "closed"
	ChangeReopened   ChangeKind = "reopened"
)

// Change is one row of the Changes sheet.
type Change struct {
	ClientID string
	Kind     ChangeKind
	// Was and Now are the verdicts before and after ("" for a new client).
	Was, Now assess.Verdict
	// What changed: the outcome's differences, then the facts'.
	What []string
	// Why: "new intake", "time passing", "a rule set changed", "closed:
	// applied", …
	Why string
	// Opinion is tonight's opinion PDF, relative to the run folder, or "".
	Opinion string
}

// Decision is the lawyer's decision on a client, read back from a run's
// summary.xlsx.
type Decision struct {
	ClientID string
	// Decision is "approved", "changes needed" or "declined".
	Decision string
	Notes    string
	// RunID is the run whose summary held it.
	RunID string
}

// Digest is the few lines a person reads in the morning e-mail.
type Digest struct {
	AsOf  assess.Date
	RunID string
	// Open counts the open clients by verdict tonight.
	Open map[assess.Verdict]int
	// Changes are tonight's changes (at most DigestLines kept), Changed
	// their number.
	Changes []Change
	Changed int
	// Soon are the deadlines of the next 7 days, Overdue the passed ones
	// (at most DigestLines each kept); SoonCount, OverdueCount their
	// numbers.
	Soon, Overdue           []Item
	SoonCount, OverdueCount int
	// ClockBack says the night is earlier than the last run's.
	ClockBack string
}

// DigestLines bounds each list of the digest.
const DigestLines = 40

// SoonDays is the digest's "next days".
const SoonDays = 7

// Note adds one sheet item to the digest's lists.
func (d *Digest) Note(it Item) {
	if !it.Kind.Deadline() {
		return
	}
	switch days := d.AsOf.DaysUntil(it.Date); {
	case days < 0:
		d.OverdueCount++
		if len(d.Overdue) < DigestLines {
			d.Overdue = append(d.Overdue, it)
		}
	case days <= SoonDays:
		d.SoonCount++
		if len(d.Soon) < DigestLines {
			d.Soon = append(d.Soon, it)
		}
	}
}

// AddChange adds one change to the digest.
func (d *Digest) AddChange(c Change) {
	d.Changed++
	if len(d.Changes) < DigestLines {
		d.Changes = append(d.Changes, c)
	}
}

// Note is what results.jsonl and the Summary sheet say of one client's
// place in the register.
type Note struct {
	Change ChangeKind
	// PreviousVerdict is the verdict of the client's last assessment in
	// the register ("" for a new client).
	PreviousVerdict assess.Verdict
	// Dates are the client's diarized dates (its calendar items).
	Dates []Item
	// Decision is the lawyer's last decision, nil when none; Current says
	// the outcome has not changed since, so it still stands.
	Decision *Decision
	Current  bool
}
