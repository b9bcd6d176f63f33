package register

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// The agenda: every dated item of a client, from its assessment, computed
// by one function (Agenda) that the Agenda sheet, the calendar and the
// digest all read.

// Kind is what an agenda item is about.
type Kind string

const (
	KindEligibleFrom   Kind = "eligible from"
	KindHoursReached   Kind = "hours reached"
	KindApplyBy        Kind = "apply by"
	KindTestExpires    Kind = "test expires"
	KindPermitExpires  Kind = "permit expires"
	KindStatusExpires  Kind = "status expires"
	KindProfileExpires Kind = "profile expires"
	KindEAPRDue        Kind = "eAPR due"
	KindRulesReview    Kind = "rules review"
)

// Deadline reports whether a passed item of kind k stays on the agenda as
// overdue (30 days): a deadline, not a projection.
func (k Kind) Deadline() bool {
	return k != KindEligibleFrom && k != KindHoursReached && k != KindRulesReview
}

// Alarm reports whether the calendar reminds of kind k 14 days before.
func (k Kind) Alarm() bool {
	switch k {
	case KindApplyBy, KindPermitExpires, KindStatusExpires, KindEAPRDue, KindProfileExpires:
		return true
	}
	return false
}

// slug is the kind in a calendar UID: "apply-by".
func (k Kind) slug() string { return strings.ToLower(strings.ReplaceAll(string(k), " ", "-")) }

// OverdueDays is how long a passed deadline stays on the agenda and the
// calendar, and a cancelled calendar entry in the calendar.
const OverdueDays = 30

// DefaultHorizon is how far ahead the Agenda sheet looks (register.horizon).
const DefaultHorizon = 120

// FirmID is the Client ID column of a firm-wide row.
const FirmID = "—"

// Item is one dated item of one client.
type Item struct {
	ClientID string
	Kind     Kind
	// Key tells apart the items of a kind a client has several of (a
	// test's type and date, a permit row's employer and start); "" for
	// the single kinds.
	Key  string
	Date assess.Date
	// What says what to do.
	What string
	// Approved: the lawyer approved the client's opinion.
	Approved bool
}

// UID is the item's calendar identity: the same client, kind and key
// give the same UID every night, whatever its date.
func (it Item) UID(domain string) string {
	id := it.Kind.slug()
	if it.Key != "" {
		id += "-" + it.Key
	}
	return uidSafe(it.ClientID) + "-" + id + "@" + domain
}

// uidSafe keeps letters, digits, '-' and '_' of s, and replaces the rest.
func uidSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// rowKey is a key derived from a row's identity, without its text (the
// calendar leaves the firm's systems).
func rowKey(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:5])
}

// Agenda returns the dated items of the client assessed in a, on the
// night today, with the Agenda sheet's horizon in days: sheet is what the
// Agenda sheet lists (deadlines from OverdueDays ago, projections from
// tomorrow, both up to the horizon), calendar what agenda.ics holds (every
// future item, and deadlines passed in the last OverdueDays). Both are in
// date order, then kind. approved marks the items of a client whose
// opinion the lawyer approved.
func Agenda(a *assess.Assessment, approved bool, today assess.Date, horizon int) (sheet, calendar []Item) {
	c := a.Client
	if c == nil {
		return nil, nil
	}
	var all []Item
	var keys []string // each item's key as derived, before it was told apart
	add := func(k Kind, key string, d assess.Date, what string) {
		if d.IsZero() {
			return
		}
		// Two rows may give the same key (a test entered twice, two
		// permit rows with the same employer and start): the same date
		// again is the same item; another date is another item, its key
		// numbered in row order, so each stays one calendar entry with
		// its own identity night after night.
		n := 1
		for i, it := range all {
			if it.Kind == k && keys[i] == key {
				if it.Date == d {
					return
				}
				n++
			}
		}
		keys = append(keys, key)
		if n > 1 {
			key += "-" + strconv.Itoa(n)
		}
		all = append(all, Item{ClientID: c.ID, Kind: k, Key: key, Date: d, What: what, Approved: approved})
	}
	rs := a.Rules
	if a.EligibleFrom > today {
		add(KindEligibleFrom, "", a.EligibleFrom, "Prepare the Express Entry profile: every requirement is met from this day if the jobs continue and no test expires.")
	}
	// The hours are reached on HoursReached when they are met on the
	// assessment date (a future Application Date), else on HoursFrom, the
	// first day of the projection on which they are met.
	hours := a.HoursReached
	if hours.IsZero() {
		hours = a.HoursFrom
	}
	if hours > today {
		add(KindHoursReached, "", hours, "Confirm the employment letters: the hours required are reached on this day.")
	}
	if a.Verdict == assess.Eligible && a.LapseCode != "" {
		what := "Submit before this date: the last day every requirement is still met (" + a.LapseCode + ")."
		if approved {
			what = "Approved by the lawyer: submit before this date, the last day every requirement is still met (" + a.LapseCode + ")."
		}
		add(KindApplyBy, "", a.EligibleUntil, what)
	}
	for _, tr := range a.Tests {
		if !tr.Valid || tr.Index < 0 || tr.Index >= len(c.Tests) {
			continue
		}
		t := c.Tests[tr.Index]
		add(KindTestExpires, uidSafe(t.Name)+"-"+t.Date.String(), tr.ValidUntil,
			fmt.Sprintf("Last day the %s result of %s may be used: book a new test if the application is not in by then.", t.Name, t.Date))
	}
	var permits []assess.Date
	for _, j := range c.Jobs {
		if j.PermitExpiry.IsZero() || slices.Contains(permits, j.PermitExpiry) {
			continue
		}
		permits = append(permits, j.PermitExpiry)
		add(KindPermitExpires, rowKey(j.Employer, j.Start.String()), j.PermitExpiry,
			"Apply to extend the work permit before this date: status is maintained only if the application is made before it expires.")
	}
	add(KindStatusExpires, "", c.StatusExpiry,
		"Apply to extend the client's status before this date: status is maintained only if the application is made before it expires.")
	if !c.EEProfileDate.IsZero() && rs != nil {
		add(KindProfileExpires, "", c.EEProfileDate.AddMonths(rs.ProfileMonths).AddDays(-1),
			"The Express Entry profile expires after this day: re-create it if no invitation came.")
	}
	if !c.ITADate.IsZero() && rs != nil {
		add(KindEAPRDue, "", c.ITADate.AddDays(rs.ITADays),
			"Submit the eAPR (the application for permanent residence) by this day, or the invitation is lost.")
	}
	sortItems(all)
	end := today.AddDays(horizon)
	for _, it := range all {
		if it.Kind.Deadline() {
			if it.Date >= today.AddDays(-OverdueDays) {
				calendar = append(calendar, it)
				if it.Date <= end {
					sheet = append(sheet, it)
				}
			}
			continue
		}
		if it.Date <= today {
			continue // reached
		}
		calendar = append(calendar, it)
		if it.Date <= end {
			sheet = append(sheet, it)
		}
	}
	return sheet, calendar
}

// FirmItems are the firm-wide rows of the Agenda sheet: the rule set's
// review, due on the rule set's own next-review date (RuleSet.NextReview),
// shown once that date is within the horizon, and kept while it is past.
func FirmItems(rs *assess.RuleSet, today assess.Date, horizon int) []Item {
	if rs == nil || rs.NextReview.IsZero() {
		return nil
	}
	due := rs.NextReview
	if due > today.AddDays(horizon) {
		return nil
	}
	return []Item{{ClientID: FirmID, Kind: KindRulesReview, Date: due,
		What: fmt.Sprintf("The lawyer re-checks the rule set %s (last checked %s) against IRCC's pages; `cecbatch rules` prints it.", rs.ID, rs.Reviewed)}}
}

// sortItems orders items by date, then client, kind and key.
func sortItems(items []Item) {
	slices.SortStableFunc(items, compareItems)
}

func compareItems(x, y Item) int {
	if x.Date != y.Date {
		return int(x.Date - y.Date)
	}
	if c := strings.Compare(x.ClientID, y.ClientID); c != 0 {
		return c
	}
	if c := strings.Compare(string(x.Kind), string(y.Kind)); c != 0 {
		return c
	}
	return strings.Compare(x.Key, y.Key)
}

// CompareItems is the Agenda sheet's order: date, client, kind.
func CompareItems(x, y Item) int { return compareItems(x, y) }

// Stored is a calendar item as the register keeps it between nights:
// its date, its SEQUENCE and, once it vanished, the night it was
// cancelled.
type Stored struct {
	Kind        Kind
	Key         string
	Date        assess.Date
	Seq         int
	CancelledOn assess.Date
}

// Entry is one VEVENT of agenda.ics.
type Entry struct {
	Item
	Seq       int
	Cancelled bool
}

// Reconcile compares tonight's calendar items of one client with what the
// register kept from the last night: an item keeps its SEQUENCE while its
// date stays, a moved date increases it, and an item that vanished while
// still due is cancelled (SEQUENCE increased), kept as cancelled for
// OverdueDays and then left out. An item that aged out (a projection
// reached, a deadline past the overdue days) is left out without a
// cancellation. It returns what to store, the calendar's entries and
// whether the stored rows changed.
func Reconcile(id string, prev []Stored, now []Item, today assess.Date) (store []Stored, entries []Entry, changed bool) {
	seen := make([]bool, len(prev))
	for _, it := range now {
		seq := 0
		found := false
		for i, p := range prev {
			if p.Kind == it.Kind && p.Key == it.Key {
				found, seen[i] = true, true
				seq = p.Seq
				if p.Date != it.Date || !p.CancelledOn.IsZero() {
					seq++
					changed = true
				}
				break
			}
		}
		if !found {
			changed = true
		}
		store = append(store, Stored{Kind: it.Kind, Key: it.Key, Date: it.Date, Seq: seq})
		entries = append(entries, Entry{Item: it, Seq: seq})
	}
	for i, p := range prev {
		if seen[i] {
			continue
		}
		if !p.CancelledOn.IsZero() {
			if p.CancelledOn.AddDays(OverdueDays) >= today {
				store = append(store, p)
				entries = append(entries, Entry{Item: Item{ClientID: id, Kind: p.Kind, Key: p.Key, Date: p.Date, What: "Cancelled: no longer on the agenda."}, Seq: p.Seq, Cancelled: true})
			} else {
				changed = true
			}
			continue
		}
		changed = true
		// A projection is reached on its day: it goes without a cancellation.
		due := today.AddDays(1)
		if p.Kind.Deadline() {
			due = today.AddDays(-OverdueDays)
		}
		if p.Date < due {
			continue // aged out
		}
		c := Stored{Kind: p.Kind, Key: p.Key, Date: p.Date, Seq: p.Seq + 1, CancelledOn: today}
		store = append(store, c)
		entries = append(entries, Entry{Item: Item{ClientID: id, Kind: p.Kind, Key: p.Key, Date: p.Date, What: "Cancelled: no longer on the agenda."}, Seq: c.Seq, Cancelled: true})
	}
	return store, entries, changed
}
