package ingest

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// This file decides which sheet of a workbook is which intake sheet: by
// its name, and otherwise by its header row, so that "Employment History",
// "Jobs Held", "Emploi" or Excel's copy "Employment (2)" is read as the
// Employment sheet when its columns are the Employment columns.

// plannedSheet is one sheet to read and the intake sheet it is read as.
type plannedSheet struct {
	name string
	spec *sheetSpec
	// copies is set when another sheet is read as the same kind: a row
	// that repeats one of the other sheet's rows is then flagged.
	copies bool
}

// sheetHeader is the first non-blank row of a sheet, as plan saw it.
type sheetHeader struct {
	row   int      // 1-based; 0 when the sheet has no non-blank row
	cells []string // raw values
}

// plan looks at every sheet's name and header row and returns the sheets
// to read, the Clients sheets first (every other row is attached to its
// client as it streams by), then Employment, Language Tests and Study, each
// in workbook order. It warns about two sheets of one kind and about a sheet
// with a Client ID column that matches no kind.
func (r *reader) plan() []plannedSheet {
	byKind := map[*sheetSpec][]string{}
	for _, name := range r.f.GetSheetList() {
		h := r.peekHeader(name)
		if isExampleSheet(name, h) {
			r.exampleSheet = name
			continue
		}
		spec, fits := kindOf(name, h)
		if spec != nil {
			byKind[spec] = append(byKind[spec], name)
			continue
		}
		if col, ok := clientIDColumn(h); ok {
			letter, _ := excelize.ColumnNumberToName(col + 1)
			closest := closestKind(name, fits)
			r.warn(name, fmt.Sprintf("%s!%s%d", name, letter, h.row), strayMessage(name, h, closest))
			if closest != nil && closest != clientsSpec {
				r.strays = append(r.strays, straySheet{name: name, idCol: col, header: h, closest: closest})
			}
			if closest == clientsSpec && r.nearClients == "" {
				r.nearClients = fmt.Sprintf("The sheet %q comes closest, but it lacks %s. ", name, strings.Join(clientsSpec.missing(h.cells), "; "))
			}
		}
	}
	var plan []plannedSheet
	for _, spec := range sheetSpecs {
		names := byKind[spec]
		for _, n := range names {
			plan = append(plan, plannedSheet{name: n, spec: spec, copies: len(names) > 1})
		}
		if len(names) > 1 {
			all := "both"
			if len(names) > 2 {
				all = "all"
			}
			r.warn(names[1], "", fmt.Sprintf("the sheets %s %s hold %s rows, and %s were read; if one is an old copy, delete it, or its rows count twice.",
				andList(quoted(names)), all, spec.name, all))
		}
	}
	return plan
}

// peekHeader reads a sheet up to its first non-blank row. A sheet that
// cannot be read is left to the reader, which reports it if it is read.
func (r *reader) peekHeader(name string) sheetHeader {
	rows, err := r.rows(name)
	if err != nil {
		return sheetHeader{}
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sheetHeader{}
		}
		if !isBlank(cells) {
			return sheetHeader{row: n, cells: cells}
		}
	}
	return sheetHeader{}
}

// kindOf decides which intake sheet a sheet is. The kinds whose required
// columns are all in its header row fit it; the kind its name names wins if
// it fits or if none does (a named sheet that lacks a column is then
// rejected with the column's name); otherwise the one kind that fits, and
// between several, the one whose name is part of the sheet's name, then the
// one with more of its columns in the header row. fits is how many
// required columns of each kind the header row has, for strayMessage.
func kindOf(name string, h sheetHeader) (spec *sheetSpec, fits map[*sheetSpec]int) {
	fits = map[*sheetSpec]int{}
	var complete []*sheetSpec
	for _, s := range sheetSpecs {
		have, _ := s.headerFit(h.cells)
		fits[s] = have
		if have == s.required() {
			complete = append(complete, s)
		}
	}
	var named *sheetSpec
	for _, s := range sheetSpecs {
		if s.matches(name) {
			named = s
			break
		}
	}
	if named != nil && (len(complete) == 0 || hasSpec(complete, named)) {
		return named, fits
	}
	var best *sheetSpec
	for _, s := range complete {
		if best == nil || s.betterFit(best, name, h.cells) {
			best = s
		}
	}
	return best, fits
}

// betterFit breaks a tie between two kinds that both fit a sheet.
func (s *sheetSpec) betterFit(other *sheetSpec, sheetName string, cells []string) bool {
	if a, b := s.nameHint(sheetName), other.nameHint(sheetName); a != b {
		return a
	}
	_, a := s.headerFit(cells)
	_, b := other.headerFit(cells)
	return a > b
}

// nameHint reports whether the sheet's name contains this kind's name or
// one of its other names ("Employment History", "Jobs Held").
func (s *sheetSpec) nameHint(sheetName string) bool {
	k := sheetKey(sheetName)
	for _, n := range append([]string{s.name}, s.synonyms...) {
		if strings.Contains(k, sheetKey(n)) {
			return true
		}
	}
	return false
}

// headerFit counts the required columns of s in a header row, and all of
// its columns.
func (s *sheetSpec) headerFit(cells []string) (required, all int) {
	seen := map[string]bool{}
	for _, c := range cells {
		col := s.column(c)
		if col == nil || seen[col.field] {
			continue
		}
		seen[col.field] = true
		all++
		if col.required {
			required++
		}
	}
	return required, all
}

// required counts the required columns of s.
func (s *sheetSpec) required() int {
	n := 0
	for i := range s.columns {
		if s.columns[i].required {
			n++
		}
	}
	return n
}

// missing lists the required columns of s that a header row lacks, as
// column.accepted writes them.
func (s *sheetSpec) missing(cells []string) []string {
	seen := map[string]bool{}
	for _, c := range cells {
		if col := s.column(c); col != nil {
			seen[col.field] = true
		}
	}
	var out []string
	for i := range s.columns {
		if c := &s.columns[i]; c.required && !seen[c.field] {
			out = append(out, c.accepted())
		}
	}
	return out
}

// clientIDColumn finds a Client ID column in a header row (0-based).
func clientIDColumn(h sheetHeader) (int, bool) {
	for i, c := range h.cells {
		if col := clientsSpec.column(c); col != nil && col.field == assess.FieldClientID {
			return i, true
		}
	}
	return 0, false
}

// closestKind is the kind with the most of its required columns in a
// sheet's header row (fits), ties going to the kind the sheet's name hints
// at; nil when no kind has a required column besides Client ID, which
// every kind has and which says nothing about the kind.
func closestKind(name string, fits map[*sheetSpec]int) *sheetSpec {
	var closest *sheetSpec
	for _, s := range sheetSpecs {
		if fits[s] < 2 {
			continue
		}
		if closest == nil || fits[s] > fits[closest] || fits[s] == fits[closest] && s.nameHint(name) && !closest.nameHint(name) {
			closest = s
		}
	}
	return closest
}

// straySheet is a sheet with a Client ID column that comes close to an
// intake sheet of kind closest without being one, so its rows were not
// read.
type straySheet struct {
	name    string
	idCol   int // 0-based
	header  sheetHeader
	closest *sheetSpec
}

// flagStrays gives each client with a row on a stray sheet a problem on its
// first such row: the sheet holds rows of the client's that were not read
// (a job without its hours, a test without a score), so the verdict without
// them is in doubt and goes to the lawyer. The sheet's warning says what it
// lacks; rows of no client are left to it.
func (r *reader) flagStrays() {
	for _, st := range r.strays {
		rows, err := r.rows(st.name)
		if err != nil {
			continue
		}
		letter, _ := excelize.ColumnNumberToName(st.idCol + 1)
		// The columns by their names alone: the sheet's warning lists the
		// other names each is accepted as.
		var lacks []string
		for _, m := range st.closest.missing(st.header.cells) {
			name, _, _ := strings.Cut(m, " (also accepted")
			lacks = append(lacks, name)
		}
		flagged := map[*assess.Client]bool{}
		for n := 1; rows.Next(); n++ {
			if n <= st.header.row {
				continue
			}
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				break
			}
			if st.idCol >= len(cells) {
				continue
			}
			c := r.byID[idKey(clean(cells[st.idCol]))]
			if c == nil || flagged[c] {
				continue
			}
			flagged[c] = true
			problem(c, fmt.Sprintf("%s!%s%d", st.name, letter, n), msg(
				"Client ID %q has rows on the sheet %q that were not read: as the %s sheet it lacks %s; rename its columns to those of the %s sheet, or move the rows there.",
				c.ID, st.name, st.closest.name, assess.AndList(assess.Plains(lacks)...), st.closest.name))
		}
		rows.Close()
	}
}

// strayMessage is the warning for a sheet with a Client ID column that is
// no intake sheet: it names the kind it comes closest to and the columns
// that kind lacks.
func strayMessage(name string, h sheetHeader, closest *sheetSpec) string {
	msg := fmt.Sprintf("the sheet %q has a Client ID column but its headers match no intake sheet, so its rows were not read; ", name)
	if closest == nil {
		return msg + "if it holds intake data, give it the column names of the Clients, Employment, Language Tests or Study sheet, as in the template, or remove its Client ID column if it does not."
	}
	return msg + fmt.Sprintf("if it holds %s rows, rename its columns to those of the %s sheet: it lacks %s.", closest.name, closest.name, strings.Join(closest.missing(h.cells), "; "))
}

func hasSpec(list []*sheetSpec, s *sheetSpec) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoted(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return q
}

// andList joins "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// checkCopy flags a row of a detail sheet that repeats, value for value, a
// row of another sheet of the same kind: Excel's copy of a sheet
// ("Employment (2)") left in the workbook would otherwise count its hours
// twice, and part-time hours counted twice can make a false "eligible".
// seen maps each row's values to the first cell that had them.
func (r *reader) checkCopy(seen map[string]string, w *row) {
	var b strings.Builder
	for i := range w.spec.columns {
		f := w.spec.columns[i].field
		v := w.text(f)
		if f == assess.FieldClientID {
			v = idKey(v)
		}
		b.WriteString(v)
		b.WriteByte(0)
	}
	key, cell := b.String(), w.cell(assess.FieldClientID)
	first, dup := seen[key]
	if !dup {
		seen[key] = cell
		return
	}
	if sheetOfCell(first) == w.ref.Sheet {
		return
	}
	owner := r.byID[idKey(w.text(assess.FieldClientID))]
	if owner == nil {
		return // the row's own problem says it belongs to no client
	}
	problem(owner, cell, msg("this row repeats %s value for value, so its %s would count twice; if the sheet %q is a copy of the sheet %q, delete it, otherwise delete or correct one of the two rows.",
		first, map[*sheetSpec]assess.Text{employmentSpec: msg("work"), testsSpec: msg("test"), studySpec: msg("study")}[w.spec], w.ref.Sheet, sheetOfCell(first)))
}
