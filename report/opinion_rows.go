package report

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// A row the intake could not read is a data problem, never a finding about
// the client: the opinion lists it as entered, with its problems, and draws
// no conclusion from its absence ("no job periods", "not met", "book a
// test").

// unreadRow is a job or test row that could not be read, with the cells of
// the problems that stop it.
type unreadRow struct {
	index int      // in Client.Jobs or Client.Tests; -1 for a row ingest did not keep
	cells []string // "Employment!H5", in the order reported
}

// unreadRows lists the job and test rows that could not be read: rows ingest
// kept as entered (Entered), job rows the engine marks unreadable, and test
// rows with a data problem (the engine uses no test with one).
func (d *opinionDoc) unreadRows() (jobs, tests []unreadRow) {
	if d.unread == nil {
		jobs, tests := d.findUnreadRows()
		d.unread = &[2][]unreadRow{jobs, tests}
	}
	return d.unread[0], d.unread[1]
}

func (d *opinionDoc) findUnreadRows() (jobs, tests []unreadRow) {
	a, c := d.a, d.c
	for i, j := range c.Jobs {
		unreadable := j.Entered != nil || (i < len(a.Jobs) && a.Jobs[i].Status == assess.JobUnreadable)
		// A problem in a descriptive cell (the employer's name) leaves the
		// period counted: only the engine's unreadable rows are unread.
		if unreadable {
			r, _ := rowProblems(a, j.Ref, i, true)
			jobs = append(jobs, r)
		}
	}
	for i, t := range c.Tests {
		if r, ok := rowProblems(a, t.Ref, i, false); ok || t.Entered != nil {
			tests = append(tests, r)
		}
	}
	jobRefs := make([]assess.Ref, len(c.Jobs))
	for i, j := range c.Jobs {
		jobRefs[i] = j.Ref
	}
	testRefs := make([]assess.Ref, len(c.Tests))
	for i, t := range c.Tests {
		testRefs[i] = t.Ref
	}
	jobs = append(jobs, droppedRows(a, jobRefs)...)
	tests = append(tests, droppedRows(a, testRefs)...)
	return jobs, tests
}

// droppedRows finds the rows ingest could not keep at all: data problems on
// the sheet of refs, on a row that is none of them, one unreadRow (index
// -1) per row. The sheet is known only from a row that was kept.
func droppedRows(a *assess.Assessment, refs []assess.Ref) []unreadRow {
	if len(refs) == 0 {
		return nil
	}
	sheet := refs[0].Sheet
	var out []unreadRow
	byRow := map[int]int{} // row number -> index in out
	add := func(cell string) {
		cut := strings.LastIndexByte(cell, '!')
		if cut < 0 || cell[:cut] != sheet {
			return
		}
		for _, r := range refs {
			if onRow(r, cell) {
				return
			}
		}
		ref := strings.TrimLeft(cell[cut+1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ$")
		row, err := strconv.Atoi(ref)
		if err != nil {
			return
		}
		k, ok := byRow[row]
		if !ok {
			k = len(out)
			byRow[row] = k
			out = append(out, unreadRow{index: -1})
		}
		out[k].cells = append(out[k].cells, cell)
	}
	for _, f := range a.Findings {
		if f.Kind == assess.KindData && f.Job < 0 && f.Test < 0 {
			add(f.Cell)
		}
	}
	for _, p := range unreportedProblems(a) {
		add(p.Cell)
	}
	return out
}

// rowsUnread reports whether any job or test row could not be read.
func (d *opinionDoc) rowsUnread() bool {
	jobs, tests := d.unreadRows()
	return len(jobs)+len(tests) > 0
}

// rowProblems gathers the data problems on the row at ref (job or test
// index i): DATA findings tied to the row or on one of its cells, and
// problems ingest reported that the engine did not repeat.
func rowProblems(a *assess.Assessment, ref assess.Ref, i int, isJob bool) (unreadRow, bool) {
	r := unreadRow{index: i}
	found := false
	add := func(cell string) {
		found = true
		if cell != "" && !slices.Contains(r.cells, cell) {
			r.cells = append(r.cells, cell)
		}
	}
	for _, f := range a.Findings {
		if f.Kind != assess.KindData {
			continue
		}
		if (isJob && f.Job == i) || (!isJob && f.Test == i) || onRow(ref, f.Cell) {
			add(f.Cell)
		}
	}
	for _, p := range unreportedProblems(a) {
		if onRow(ref, p.Cell) {
			add(p.Cell)
		}
	}
	if !found {
		if cell := ref.RowCell(); cell != "" {
			r.cells = []string{cell}
		}
		return r, false
	}
	return r, true
}

// notAssessedRow is the work or language table's "why" of an unread row:
// its cells, whose problems the data problems list gives in full.
func (d *opinionDoc) notAssessedRow(r unreadRow) string {
	if len(r.cells) == 0 {
		return d.t("Not assessed until the row is fixed (see the data problems).")
	}
	return d.t("Not assessed until the row is fixed: see the data problems at %s.", assess.CellList(r.cells))
}

// unreadRequirements names the requirements that rest on unread rows and
// are not met on the rows that were read: "the work requirement", "the
// language requirement", both, or "" (what was read meets them; the rows
// left to fix can only add to it).
func (d *opinionDoc) unreadRequirements() string {
	jobs, tests := d.unreadRows()
	open := func(key string, rows []unreadRow) bool {
		r := stepRequirement(d.a, key)
		return len(rows) > 0 && (r == nil || r.Outcome != assess.Met)
	}
	work, lang := open(assess.ReqWork, jobs), open(assess.ReqLanguage, tests)
	switch {
	case work && lang:
		return d.t("the work or language requirements")
	case work:
		return d.t("the work requirement")
	case lang:
		return d.t("the language requirement")
	}
	return ""
}

// unreadRowsCount ends the sentence under a table with n unread rows.
func (d *opinionDoc) unreadRowsCount(n int) string {
	if n == 1 {
		return d.t(": what it holds counts for nothing until it is fixed (see the data problems below).")
	}
	return d.t(": what they hold counts for nothing until they are fixed (see the data problems below).")
}

// rowsNotRead says "2 job rows could not be read (Employment!H2, F3)", of
// job rows or of language test rows.
func (d *opinionDoc) rowsNotRead(job bool, rows []unreadRow) string {
	if len(rows) == 0 {
		return ""
	}
	var cells []string
	for _, r := range rows {
		cells = append(cells, r.cells...)
	}
	var s string
	switch {
	case job && len(rows) == 1:
		s = d.t("1 job row could not be read")
	case job:
		s = d.t("%d job rows could not be read", len(rows))
	case len(rows) == 1:
		s = d.t("1 language test row could not be read")
	default:
		s = d.t("%d language test rows could not be read", len(rows))
	}
	if len(cells) > 0 {
		s += " (" + assess.CellList(cells) + ")"
	}
	return s
}

// entered returns the cell of field as typed when the row could not be
// read, else parsed (the value read).
func entered(cells map[string]string, field, parsed string) string {
	if v, ok := cells[field]; ok {
		return v
	}
	return parsed
}
