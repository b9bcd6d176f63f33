package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/internal/keyset"
	"github.com/cecbatch/cecbatch/register"
)

// The register's sheets of summary.xlsx, first after Summary: Changes
// (one row per client that is new, updated, re-assessed with another
// outcome, closed or reopened, in arrival order: the inputs, then the
// register by Client ID) and Agenda (every dated item of the open
// clients, by date; overdue ones in red). Rows are spooled as they come
// and the Agenda's are sorted by a small key at Close, as Summary's are.

// Sheet names of the register.
const (
	SheetChanges = "Changes"
	SheetAgenda  = "Agenda"
)

var (
	changeColumns = []summaryColumn{
		{header: "Client ID", width: 12}, {header: "Change", width: 11}, {header: "Verdict before", width: 12.5},
		{header: "Verdict now", width: 12.5}, {header: "What changed", width: 60, wrap: true}, {header: "Why", width: 30, wrap: true},
		{header: "Opinion PDF", width: 34},
	}
	agendaColumns = []summaryColumn{
		{header: "Date", width: 11.5}, {header: "Days left", width: 8}, {header: "Kind", width: 15}, {header: "Client ID", width: 12},
		{header: "What to do", width: 70, wrap: true}, {header: "Lawyer", width: 10},
	}
)

// summaryRegister is the register's part of a Summary.
type summaryRegister struct {
	keys  []agendaKey
	kinds map[register.Kind]keyset.Span // each kind's text, once in Summary.ids
	notes [][2]string
	// The overdue styles (red): a date, and its days left.
	overdue, overdueDays int
}

// agendaKey is an Agenda row's place in the sheet's order (that of
// register.CompareItems: date, Client ID, kind, key), its texts in
// Summary.ids: a key an item, kept to the run's end, holds no pointer for
// the garbage collector to follow.
type agendaKey struct {
	date          assess.Date
	id, kind, key keyset.Span
	ref           spoolRef
}

// kindSpan is kind's text in s.ids: a handful of kinds, each kept once.
func (r *summaryRegister) kindSpan(s *Summary, kind register.Kind) keyset.Span {
	sp, ok := r.kinds[kind]
	if !ok {
		if r.kinds == nil {
			r.kinds = map[register.Kind]keyset.Span{}
		}
		sp = s.ids.Add(string(kind))
		r.kinds[kind] = sp
	}
	return sp
}

// compareAgenda is register.CompareItems on two keys.
func (s *Summary) compareAgenda(x, y agendaKey) int {
	if x.date != y.date {
		return int(x.date - y.date)
	}
	return cmp.Or(bytes.Compare(s.ids.Bytes(x.id), s.ids.Bytes(y.id)), bytes.Compare(s.ids.Bytes(x.kind), s.ids.Bytes(y.kind)),
		bytes.Compare(s.ids.Bytes(x.key), s.ids.Bytes(y.key)))
}

// NewRegisterSummary is NewSummary for a run with the client register:
// the workbook also has the Changes and Agenda sheets.
func NewRegisterSummary(path string, asOf assess.Date) (*Summary, error) {
	return newSummary(path, asOf, &summaryRegister{})
}

func (s *Summary) registerSheets() []string {
	if s.reg == nil {
		return nil
	}
	return []string{SheetChanges, SheetAgenda}
}

func (s *Summary) setUpRegister() error {
	if s.reg == nil {
		return nil
	}
	// Changes is written in the order its rows arrive, Agenda by date.
	st, err := newRowStream(s.compressor, spoolDir(s.path), SheetChanges, changeColumns, streamedFirstRow)
	if err != nil {
		return err
	}
	s.streams[SheetChanges] = st
	sp, err := newRowSpool(spoolDir(s.path), SheetAgenda)
	if err != nil {
		return err
	}
	s.spools[SheetAgenda] = sp
	s.reg.overdue, err = s.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: "C00000"},
		CustomNumFmt: ptr("yyyy-mm-dd"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	if err != nil {
		return err
	}
	s.reg.overdueDays, err = s.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: "C00000"},
		CustomNumFmt: ptr("0"), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	return err
}

func ptr[T any](v T) *T { return &v }

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// AddClientNoted is AddClient for a client of the register: the Lawyer
// decision and notes show the last decision when the outcome has not
// changed since, so that a decision is never asked twice.
func (s *Summary) AddClientNoted(a *assess.Assessment, x *crs.Estimate, opinionPDF string, note *register.Note) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	decision, notes := "", ""
	if note != nil && note.Decision != nil {
		if note.Current {
			decision, notes = note.Decision.Decision, note.Decision.Notes
		} else {
			notes = fmt.Sprintf("Earlier decision (run %s): %s. The outcome has changed since: decide again.", note.Decision.RunID, note.Decision.Decision)
		}
	}
	return s.addClient(a, x, opinionPDF, decision, notes)
}

// AddChange writes one row of Changes.
func (s *Summary) AddChange(c register.Change) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	var was any
	if c.Was != "" {
		was = s.verdictCell(c.Was)
	}
	_, err := s.spool(SheetChanges, []any{
		s.textCell(c.ClientID), s.textCell(string(c.Kind)), was, s.verdictCell(c.Now),
		s.wrappedCell(changeList(c.What)), s.wrappedCell(c.Why), s.linkCell(c.Opinion),
	})
	return err
}

// AddAgenda writes one row of Agenda.
func (s *Summary) AddAgenda(it register.Item) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	days := s.asOf.DaysUntil(it.Date)
	date, count := s.dateCell(it.Date), any(excelize.Cell{StyleID: s.styles.number, Value: days})
	if days < 0 {
		date = excelize.Cell{StyleID: s.reg.overdue, Value: it.Date.Time()}
		count = excelize.Cell{StyleID: s.reg.overdueDays, Value: days}
	}
	lawyer := ""
	if it.Approved {
		lawyer = "approved"
	}
	ref, err := s.spool(SheetAgenda, []any{date, count, s.textCell(string(it.Kind)), s.textCell(it.ClientID), s.wrappedCell(it.What), s.textCell(lawyer)})
	if err != nil {
		return err
	}
	s.reg.keys = append(s.reg.keys, agendaKey{date: it.Date, id: s.ids.Add(it.ClientID), kind: s.reg.kindSpan(s, it.Kind), key: s.ids.Add(it.Key), ref: ref})
	return nil
}

// SetRunNotes adds rows to the Run sheet (the register's file, the
// previous run, a date set back).
func (s *Summary) SetRunNotes(rows [][2]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reg != nil {
		s.reg.notes = append(s.reg.notes, rows...)
	}
}

func (s *Summary) registerRunRows() [][]any {
	if s.reg == nil {
		return nil
	}
	var rows [][]any
	for _, kv := range s.reg.notes {
		rows = append(rows, []any{s.textCell(kv[0]), s.wrappedCell(kv[1])})
	}
	return rows
}

// writeRegisterSheets writes Changes in arrival order and Agenda by date.
func (s *Summary) writeRegisterSheets() error {
	if s.reg == nil {
		return nil
	}
	if err := s.writeSpooledSheet(SheetChanges, changeColumns); err != nil {
		return err
	}
	sp := s.spools[SheetAgenda]
	if err := sp.flush(); err != nil {
		return err
	}
	slices.SortStableFunc(s.reg.keys, s.compareAgenda)
	sh, err := s.openSheet(SheetAgenda, agendaColumns, 1, true, false, nil)
	if err != nil {
		return err
	}
	s.sheets[SheetAgenda] = sh
	// The rows are read back from the spool, by date, as the workbook is
	// saved (streamFromSpool), like the Summary sheet's.
	keys := s.reg.keys
	if err := s.streamFromSpool(sh, sp, len(keys), func(i int) spoolRef { return keys[i].ref }); err != nil {
		return err
	}
	s.reg.keys = nil
	return s.finishSheet(SheetAgenda)
}

// ReadDecisions reads the lawyer's decisions back from a summary.xlsx
// cecbatch wrote: the Lawyer decision and Lawyer notes of each client row
// of the Summary sheet, found by their headers. Rows with neither are left
// out; a decision that is not one of the list's is read as written.
func ReadDecisions(path string) ([]register.Decision, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(SheetSummary)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idCol, decCol, notesCol := -1, -1, -1
	var out []register.Decision
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if idCol < 0 {
			for i, c := range cells {
				switch strings.TrimSpace(c) {
				case "Client ID":
					idCol = i
				case "Lawyer decision":
					decCol = i
				case "Lawyer notes":
					notesCol = i
				}
			}
			if idCol < 0 || decCol < 0 {
				idCol = -1
			}
			continue
		}
		get := func(i int) string {
			if i < 0 || i >= len(cells) {
				return ""
			}
			return strings.TrimSpace(cells[i])
		}
		id, dec, notes := get(idCol), strings.ToLower(get(decCol)), get(notesCol)
		if id == "" || dec == "" && notes == "" {
			continue
		}
		out = append(out, register.Decision{ClientID: id, Decision: dec, Notes: notes})
	}
	if idCol < 0 {
		return nil, fmt.Errorf("no Summary sheet with Client ID and Lawyer decision columns")
	}
	return out, rows.Error()
}

// changeBullet starts each item of a list in one Changes cell, one item
// a line.
const changeBullet = "• "

// changeList is the list of what changed in one cell, one item a line.
func changeList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return changeBullet + strings.Join(items, "\n"+changeBullet)
}
