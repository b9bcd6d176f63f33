package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// ReadFile reads one intake workbook. A file that cannot be an intake
// workbook at all is rejected with a *FileError; a problem on a row is
// recorded on the client it belongs to (or on the Workbook) and reading
// goes on. Other errors are I/O errors or bad Options.
func ReadFile(path string, opts Options) (wb *Workbook, err error) {
	opts = opts.withDefaults()
	order, err := parseDateOrder(opts.DateOrder)
	if err != nil {
		return nil, err
	}
	name := opts.fileName(path)
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &FileError{File: name, Reason: "This is a folder, not a workbook. Put the workbooks themselves in the inbox."}
	}
	if fi.Size() > opts.MaxFileBytes {
		return nil, &FileError{File: name, Reason: fmt.Sprintf("The file is %s, over the limit of %s. Split it into several workbooks (for example one per week of intake), or remove pictures from it; raise the limit in the configuration if it is genuine.",
			mb(fi.Size()), mb(opts.MaxFileBytes))}
	}
	if fe := sniff(fh, fi.Size(), name); fe != nil {
		return nil, fe
	}
	zr, fe := checkZip(fh, fi.Size(), name, opts)
	if fe != nil {
		return nil, fe
	}
	if err := checkParts(opts.Context, zr, name, opts); err != nil {
		return nil, err
	}
	scan, err := scanCells(zr, name, opts)
	if err != nil {
		return nil, err
	}

	// excelize is fed files that people and scripts wrote; a panic inside
	// it must reject that file, not stop the run.
	defer func() {
		if p := recover(); p != nil {
			wb, err = nil, &FileError{File: name, panicStack: fmt.Sprintf("%v\n%s", p, debug.Stack()),
				Reason: "The workbook is damaged and cannot be read. Open it in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox."}
		}
	}()
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    opts.MaxUnzipBytes,
		UnzipXMLSizeLimit: memoryPartLimit(opts),
		RawCellValue:      true,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, damaged(name, err)
	}
	defer f.Close()
	r := &reader{f: f, zr: zr, scan: scan, opts: opts, order: order, wb: &Workbook{File: name, readOrder: map[string]int{}}, byID: map[string]*assess.Client{}}
	r.sheetOrder = r.wb.readOrder
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		r.date1904 = *props.Date1904
	}
	if err := r.read(); err != nil {
		return nil, err
	}
	return r.wb, nil
}

func damaged(name string, err error) *FileError {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe
	}
	reason := "The workbook is damaged and cannot be read"
	if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
		reason = "The workbook is protected with a password or damaged, so it cannot be read"
	}
	return &FileError{File: name, Reason: reason + ". Open it in Excel or LibreOffice, save it again as .xlsx (without a password) and put it back in the inbox."}
}

// reader holds the state of reading one workbook.
type reader struct {
	f        *excelize.File
	zr       *zip.Reader // the same package, for scanSheets
	scan     *cellScan   // what scanCells found in its sheets
	opts     Options
	order    dateOrder
	date1904 bool
	wb       *Workbook
	// byID finds a client by its folded Client ID; the first client with
	// an ID owns it.
	byID map[string]*assess.Client
	// sheetOrder is each read sheet's place in the reading order, to put
	// rows read late (deferred dates) back in order.
	sheetOrder map[string]int
	// scanned is what the scan of the XML found in each read sheet: its
	// cells that hold a formula with no saved value, and the numbers typed
	// as text in its date columns.
	scanned map[string]*partScan
	// rowsSeen are the rows of the kinds read from several sheets, for
	// checkCopy.
	rowsSeen map[*sheetSpec]map[string]string
	// nearClients names the sheet that comes closest to a Clients sheet
	// without being one, and what it lacks, for the error when the
	// workbook has no Clients sheet.
	nearClients string
	// strays are the sheets that come close to an intake sheet other than
	// Clients without being one, for flagStrays.
	strays []straySheet
	// example is the idKey of the template's worked example once its
	// Clients row was skipped: its rows on the other sheets go with it.
	example string
	// exampleSheet is the name of the template's worked example sheet, if
	// the workbook has it (it is never read).
	exampleSheet string
	// sharedText caches the shared strings' texts as sheetRows reads
	// them (rows.go), by index; sharedDone marks those worked out.
	sharedText []string
	sharedDone []bool
	// locations remembers each Location text read: an unknown place is
	// compared with every known one for its "did you mean", and a sheet
	// repeats the same few places (or the same "Remote") on every row.
	locations map[string]location
}

// location is what a Location text was read as.
type location struct {
	inCanada, doubt bool
	err             error
}

// location reads a Location cell, once per distinct text.
func (r *reader) location(s string) location {
	if l, ok := r.locations[s]; ok {
		return l
	}
	if r.locations == nil {
		r.locations = map[string]location{}
	}
	var l location
	l.inCanada, l.doubt, l.err = readLocation(s)
	r.locations[s] = l
	return l
}

func (r *reader) read() error {
	plan := r.plan()
	var clients, names []string
	for _, p := range plan {
		names = append(names, p.name)
		if p.spec == clientsSpec {
			clients = append(clients, p.name)
		}
	}
	if len(clients) == 0 {
		return &FileError{File: r.wb.File, Reason: fmt.Sprintf("The workbook has no Clients sheet (its sheets are: %s). %sName the sheet with one row per client \"Clients\" and give it the columns Client ID, Family Name, Given Names and Intended Province, or start from the workbook that cecbatch template writes.",
			quoteList(r.f.GetSheetList()), r.nearClients)}
	}
	var err error
	if r.scanned, err = scanSheets(r.zr, r.wb.File, names, r.scan); err != nil {
		return err
	}
	for i, p := range plan {
		r.sheetOrder[p.name] = i
		if p.spec != clientsSpec && ((len(r.wb.Clients) == 0 && r.example == "") || r.opts.clientsOnly) {
			break
		}
		if err := r.sheet(p, r.rowFunc(p.spec)); err != nil {
			return err
		}
	}
	if !r.opts.clientsOnly {
		r.flagStrays()
	}
	if len(r.wb.Clients) == 0 && r.example == "" {
		if r.exampleSheet != "" {
			// The template as it comes: nobody to assess, and that is all.
			r.warn(r.exampleSheet, r.exampleSheet+"!A1", fmt.Sprintf("the workbook holds only the template's worked example (the %q sheet, which is never read), and no client yet; type your clients from row 2 of the %s sheet.", r.exampleSheet, andList(clients)))
			return nil
		}
		return &FileError{File: r.wb.File, Reason: fmt.Sprintf("The %s sheet has no clients. Fill in one row per client under the header row, then put the workbook in the inbox again.", andList(clients))}
	}
	return nil
}

// rowFunc is the reader of one row of a kind of sheet.
func (r *reader) rowFunc(spec *sheetSpec) rowFunc {
	switch spec {
	case clientsSpec:
		return r.clientRow
	case employmentSpec:
		return r.jobRow
	case testsSpec:
		return r.personTestRow
	}
	return r.studyRow
}

func quoteList(names []string) string { return strings.Join(quoted(names), ", ") }

func (r *reader) warn(sheet, cell, msg string) {
	r.wb.Problems = append(r.wb.Problems, Problem{File: r.wb.File, Sheet: sheet, Cell: cell, Message: msg, Warning: true})
}

func (r *reader) fileProblem(sheet, cell, msg string) {
	r.wb.Problems = append(r.wb.Problems, Problem{File: r.wb.File, Sheet: sheet, Cell: cell, Message: msg})
}

// note records how a cell of c's was read when the reading is sure enough
// to use but worth a look ("Present" read as a blank End Date): a warning,
// which does not make the client needs_review.
func (r *reader) note(c *assess.Client, cell, msg string) {
	r.wb.Problems = append(r.wb.Problems, Problem{File: r.wb.File, Sheet: sheetOfCell(cell), Cell: cell, ClientID: c.ID, Message: msg, Warning: true})
}

// row is one data row of a sheet, with the header it is read by.
type row struct {
	ref     assess.Ref
	spec    *sheetSpec
	cells   []string
	index   map[string]int    // field -> 0-based column
	headers map[string]string // field -> header as written
	// readings are the orders worked out for the row's ambiguous numeric
	// dates from the other dates of their columns, by field.
	readings map[string]dateReading
	// textCols are the row's date cells (1-based columns) that hold a
	// number typed as text.
	textCols []int
}

type rowFunc func(*row)

// text returns the cleaned value of field's column ("" when the column is
// absent or the cell blank).
func (w *row) text(field string) string {
	i, ok := w.index[field]
	if !ok || i >= len(w.cells) {
		return ""
	}
	return clean(w.cells[i])
}

// header names field's column as the workbook spells it, in quotes, so
// that a message reads the same wherever it is shown ("Hours Per Week" is
// blank; not hours Per Week once a sentence lowers its first letter).
func (w *row) header(field string) string { return strconv.Quote(w.headers[field]) }

func (w *row) cell(field string) string { return w.ref.Cell(field) }

// typedAsText reports whether field's cell holds a number typed as text
// (only date columns are looked at).
func (w *row) typedAsText(field string) bool {
	i, ok := w.index[field]
	return ok && slices.Contains(w.textCols, i+1)
}

// sheet streams one sheet: the header row, then each non-blank data row
// to fn. The sheet is read once, row by row, whatever its size; the rows
// with an ambiguous numeric date (no date order configured) are kept until
// the end of the sheet, when the other dates of their columns are known.
func (r *reader) sheet(p plannedSheet, fn rowFunc) error {
	name, spec := p.name, p.spec
	rows, err := r.rows(name)
	if err != nil {
		return damaged(r.wb.File, err)
	}
	defer rows.Close()
	var (
		rowNum, nonBlank int
		header           *row
		unnamed          = map[int]bool{}
		unsaved          unsavedFormulas
		textDates        *textDateCells
		evidence         = dateEvidence{}
		deferred         []*row
	)
	if ps := r.scanned[name]; ps != nil {
		unsaved, textDates = ps.unsaved, ps.textDates
	}
	for rows.Next() {
		if err := r.opts.Context.Err(); err != nil {
			return err
		}
		rowNum++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return &FileError{File: r.wb.File, Reason: fmt.Sprintf("Row %d of the %s sheet is damaged and cannot be read. Open the workbook in Excel or LibreOffice, save it again as .xlsx and put it back in the inbox.", rowNum, name)}
		}
		// A formula with no saved value reads as blank, but the cell is
		// not: the row must not be skipped as blank.
		if isBlank(cells) && len(unsaved[rowNum]) == 0 {
			continue
		}
		nonBlank++
		if nonBlank > r.opts.MaxRows {
			return &FileError{File: r.wb.File, Reason: fmt.Sprintf("The %s sheet has more than %d rows, over the limit. Split the workbook into several smaller ones, or raise the limit in the configuration if it is genuine.", name, r.opts.MaxRows)}
		}
		if header == nil {
			if cols := unsaved[rowNum]; len(cols) > 0 {
				letter, _ := excelize.ColumnNumberToName(cols[0])
				return &FileError{File: r.wb.File, Reason: fmt.Sprintf("The header cell %s!%s%d holds a formula with no saved value, so cecbatch cannot tell which column it names. %s", name, letter, rowNum, saveFormulas.String())}
			}
			header, err = r.header(name, spec, rowNum, cells)
			if err != nil {
				return err
			}
			if textDates != nil && textDates.headerRow != rowNum {
				// The scan took another row for the header: what it
				// watched is not this sheet's date columns.
				textDates = nil
			}
			continue
		}
		for i, v := range cells {
			if i < len(header.cells) && clean(header.cells[i]) != "" || unnamed[i] || clean(v) == "" {
				continue
			}
			unnamed[i] = true
			col, _ := excelize.ColumnNumberToName(i + 1)
			r.warn(name, fmt.Sprintf("%s!%s%d", name, col, header.ref.Row), fmt.Sprintf("column %s has values (from row %d) but no header, so it was ignored; give it a header cecbatch knows or delete the values.", col, rowNum))
		}
		w := &row{ref: assess.Ref{Sheet: name, Row: rowNum, Cols: header.ref.Cols}, spec: spec, cells: cells, index: header.index, headers: header.headers,
			textCols: textDates.cols(rowNum)}
		if p.copies && spec != clientsSpec {
			r.checkCopy(r.seenRows(spec), w)
		}
		if r.order == orderUnset && evidence.observe(w) {
			deferred = append(deferred, w)
			continue
		}
		r.readRow(w, fn, unsaved[rowNum])
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return &FileError{File: r.wb.File, Reason: fmt.Sprintf("The %s sheet has a row number beyond Excel's last row; the workbook is damaged. Open it in Excel or LibreOffice, save it again and put it back in the inbox.", name)}
		}
		return damaged(r.wb.File, err)
	}
	if header == nil && spec == clientsSpec {
		return &FileError{File: r.wb.File, Reason: fmt.Sprintf("The %s sheet is empty. Put the header row (Client ID, Family Name, Given Names, Intended Province, …) in its first row and one row per client under it.", name)}
	}
	for _, w := range deferred {
		w.readings = evidence.resolve(w)
		r.readRow(w, fn, unsaved[w.ref.Row])
	}
	if len(deferred) > 0 {
		r.restoreRowOrder()
	}
	return nil
}

func (r *reader) seenRows(spec *sheetSpec) map[string]string {
	if r.rowsSeen == nil {
		r.rowsSeen = map[*sheetSpec]map[string]string{}
	}
	if r.rowsSeen[spec] == nil {
		r.rowsSeen[spec] = map[string]string{}
	}
	return r.rowsSeen[spec]
}

// saveFormulas says what to do about a formula with no saved value.
var saveFormulas = msg("Open the workbook in Excel or LibreOffice and save it (which saves each formula's value), or type the value instead of the formula.")

// readRow passes one row to fn. A cell of the row that holds a formula
// with no saved value (unsaved: their 1-based columns) reads as blank to
// fn; what fn said about such a cell (that it is blank) is replaced by a
// problem saying what the cell holds, on the row's client, or on the
// workbook when the row has none.
func (r *reader) readRow(w *row, fn rowFunc, unsaved []int) {
	if len(unsaved) == 0 {
		fn(w)
		return
	}
	formulaCells := map[string]string{} // cell -> field
	for _, col := range unsaved {
		for field, i := range w.index {
			if i == col-1 {
				formulaCells[w.cell(field)] = field
			}
		}
	}
	if len(formulaCells) == 0 {
		fn(w)
		return
	}
	owner, clientsBefore, filesBefore := r.byID[idKey(w.text(assess.FieldClientID))], len(r.wb.Clients), len(r.wb.Problems)
	if w.spec == clientsSpec {
		owner = nil
	}
	var ownerBefore int
	if owner != nil {
		ownerBefore = len(owner.Problems)
	}
	fn(w)
	if w.spec == clientsSpec && len(r.wb.Clients) > clientsBefore {
		owner, ownerBefore = r.wb.Clients[len(r.wb.Clients)-1], 0
	}
	kept := r.wb.Problems[:filesBefore]
	for _, p := range r.wb.Problems[filesBefore:] {
		if _, ok := formulaCells[p.Cell]; !ok {
			kept = append(kept, p)
		}
	}
	r.wb.Problems = kept
	if owner != nil {
		keptC := owner.Problems[:ownerBefore]
		for _, p := range owner.Problems[ownerBefore:] {
			if _, ok := formulaCells[p.Cell]; !ok {
				keptC = append(keptC, p)
			}
		}
		owner.Problems = keptC
	}
	cells := make([]string, 0, len(formulaCells))
	for cell := range formulaCells {
		cells = append(cells, cell)
	}
	sort.Slice(cells, func(i, j int) bool { return cellLess(cells[i], cells[j]) })
	for _, cell := range cells {
		text := msg("%s holds a formula with no saved value (the program that wrote the workbook did not calculate it), so cecbatch cannot read it. %s", w.header(formulaCells[cell]), saveFormulas)
		if owner == nil {
			if formulaCells[cell] == assess.FieldClientID {
				text = msg("%s holds a formula with no saved value, so this row belongs to no client and was not read. %s", w.header(assess.FieldClientID), saveFormulas)
			}
			r.fileProblem(w.ref.Sheet, cell, text.String())
			continue
		}
		problem(owner, cell, text)
	}
}

// restoreRowOrder puts the clients, and each client's jobs, tests and
// studies, back in the order of their rows after deferred rows were read
// last.
func (r *reader) restoreRowOrder() {
	before := func(a, b assess.Ref) bool {
		if oa, ob := r.sheetOrder[a.Sheet], r.sheetOrder[b.Sheet]; oa != ob {
			return oa < ob
		}
		return a.Row < b.Row
	}
	sort.SliceStable(r.wb.Clients, func(i, j int) bool { return before(r.wb.Clients[i].Ref, r.wb.Clients[j].Ref) })
	for _, c := range r.wb.Clients {
		sort.SliceStable(c.Jobs, func(i, j int) bool { return before(c.Jobs[i].Ref, c.Jobs[j].Ref) })
		sort.SliceStable(c.Tests, func(i, j int) bool { return before(c.Tests[i].Ref, c.Tests[j].Ref) })
		sort.SliceStable(c.Studies, func(i, j int) bool { return before(c.Studies[i].Ref, c.Studies[j].Ref) })
	}
}

func isBlank(cells []string) bool {
	for _, c := range cells {
		if clean(c) != "" {
			return false
		}
	}
	return true
}

// header reads a sheet's header row and rejects the workbook when a
// required column is missing.
func (r *reader) header(sheet string, spec *sheetSpec, rowNum int, cells []string) (*row, error) {
	h := &row{
		ref:     assess.Ref{Sheet: sheet, Row: rowNum, Cols: map[string]string{}},
		cells:   cells,
		index:   map[string]int{},
		headers: map[string]string{},
	}
	for i, raw := range cells {
		text := clean(raw)
		if text == "" {
			continue
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		cell := fmt.Sprintf("%s!%s%d", sheet, letter, rowNum)
		col := spec.column(text)
		if col == nil {
			r.warn(sheet, cell, fmt.Sprintf("the column %q is not one cecbatch reads, so it was ignored. If it holds intake data, rename it to one of the names in the template.", text))
			continue
		}
		if prev, dup := h.index[col.field]; dup {
			prevLetter, _ := excelize.ColumnNumberToName(prev + 1)
			r.warn(sheet, cell, fmt.Sprintf("the column %q is a second %q column (the first is column %s), so it was ignored; delete or rename one of them.", text, col.name, prevLetter))
			continue
		}
		h.index[col.field] = i
		h.headers[col.field] = text
		h.ref.Cols[col.field] = letter
	}
	var missing []string
	for i := range spec.columns {
		c := &spec.columns[i]
		if _, ok := h.index[c.field]; c.required && !ok {
			missing = append(missing, c.accepted())
		}
	}
	if len(missing) > 0 {
		what := "a required column"
		if len(missing) > 1 {
			what = "required columns"
		}
		return nil, &FileError{File: r.wb.File, Reason: fmt.Sprintf("The %s sheet lacks %s: %s. Its header row is row %d; add the column (the name may be in any case and order) and fill it in, then put the workbook in the inbox again.",
			sheet, what, strings.Join(missing, "; "), rowNum)}
	}
	for i := range spec.columns {
		if _, ok := h.headers[spec.columns[i].field]; !ok {
			h.headers[spec.columns[i].field] = spec.columns[i].name
		}
	}
	return h, nil
}

// idKey is how Client IDs are compared: "c-001" and "C-001 " are one ID.
func idKey(id string) string { return strings.ToUpper(clean(id)) }

// problem adds a row-level problem to c.
func problem(c *assess.Client, cell string, text assess.Text) {
	c.Problems = append(c.Problems, assess.Problem{Cell: cell, Message: text})
}

// owner finds the client a row of a detail sheet belongs to; a row with a
// blank or unknown Client ID becomes a problem of the workbook.
func (r *reader) owner(w *row) *assess.Client {
	id := w.text(assess.FieldClientID)
	if id == "" {
		r.fileProblem(w.ref.Sheet, w.cell(assess.FieldClientID), fmt.Sprintf("%s is blank, so this row belongs to no client; fill in the Client ID of the client it belongs to.", w.header(assess.FieldClientID)))
		return nil
	}
	c, ok := r.byID[idKey(id)]
	if !ok && r.example != "" && idKey(id) == r.example {
		return nil // the worked example's row, skipped with it
	}
	if !ok && idKey(id) == templateExampleID {
		r.fileProblem(w.ref.Sheet, w.cell(assess.FieldClientID), fmt.Sprintf("%s %q is the Client ID of the template's worked example, whose row on the Clients sheet is gone or was typed over, so this row belongs to no client and was not read; delete it if it is the example's, or give it the Client ID of the client it belongs to.", w.header(assess.FieldClientID), id))
		return nil
	}
	if !ok {
		r.fileProblem(w.ref.Sheet, w.cell(assess.FieldClientID), fmt.Sprintf("%s %q is not on the Clients sheet, so this row belongs to no client and was not assessed; correct the ID or add the client to the Clients sheet.", w.header(assess.FieldClientID), id))
		return nil
	}
	return c
}

// requiredDate is date for a column that must be filled in.
func (r *reader) requiredDate(c *assess.Client, w *row, field string, what assess.Text) (assess.Date, bool) {
	if w.text(field) == "" {
		problem(c, w.cell(field), msg("%s is blank; fill in %s.", w.header(field), what))
		return 0, false
	}
	return r.date(c, w, field)
}

// period reads a row's Start Date (required; what describes it) and End
// Date (blank: still going on). ok is false when either cannot be read; a
// problem names the cell. Whether the end is after the start is the
// engine's to judge, with the other checks of what the dates mean.
func (r *reader) period(c *assess.Client, w *row, what assess.Text) (start, end assess.Date, ok bool) {
	start, startOK := r.requiredDate(c, w, assess.FieldStart, what)
	end, endOK := r.date(c, w, assess.FieldEnd)
	return start, end, startOK && endOK
}

// vocabulary reads field as one of the words of words (matched folded).
// ok is false for a blank cell, which leaves the default, and for a word
// not in words, which is a problem naming what the column holds (what)
// and the words to write (write).
func vocabulary[T ~string](c *assess.Client, w *row, field string, words vocab[T], what, write assess.Text) (v T, ok bool) {
	s := w.text(field)
	if s == "" {
		return v, false
	}
	if v, ok = words.lookup(s); !ok {
		problem(c, w.cell(field), msg("%s %q is not %s cecbatch knows; write %s.%s", w.header(field), s, what, write, words.choices.didYouMean(s)))
	}
	return v, ok
}

// entered returns the row's cells as typed, by field, for a row with a
// problem: the opinion shows it as entered.
func (r *reader) entered(w *row) map[string]string {
	m := make(map[string]string, len(w.index))
	for field := range w.index {
		if s := r.typed(w, field); s != "" {
			m[field] = s
		}
	}
	return m
}

// typed is field's cell as the paralegal sees it: a date cell shows its
// date, not the serial number it holds; a number that is not read as a
// date (a bare year, a number typed as text) shows as typed.
func (r *reader) typed(w *row, field string) string {
	s := w.text(field)
	if slices.Contains(dateFields, field) && isNumberText(s) {
		if d, err := r.cellDate(w, field, r.order); err == nil {
			return d.String()
		}
	}
	return s
}

func (r *reader) clientRow(w *row) {
	id := w.text(assess.FieldClientID)
	if id == "" {
		r.fileProblem(w.ref.Sheet, w.cell(assess.FieldClientID), fmt.Sprintf("%s is blank, so this client cannot be assessed; give every client an ID that is unique in the workbook.", w.header(assess.FieldClientID)))
		return
	}
	if isTemplateExample(id, w.text(assess.FieldFamilyName)) {
		r.example = idKey(id)
		r.warn(w.ref.Sheet, w.cell(assess.FieldClientID), fmt.Sprintf("the template's worked example (Client ID %s) was skipped, with its rows on the other sheets; delete it once your own clients are in the workbook.", id))
		return
	}
	c := &assess.Client{Ref: w.ref, SourceFile: r.wb.File, ID: id}
	r.wb.Clients = append(r.wb.Clients, c)
	if idKey(id) == templateExampleID {
		// A real client typed over the example that kept its ID: the rows
		// of the other sheets with this ID may still be the example's.
		problem(c, w.cell(assess.FieldClientID), msg("%s %q is the ID of the template's worked example, so the rows of the other sheets with this ID may be the example's; give this client its own ID and check its rows.", w.header(assess.FieldClientID), id))
	}
	if first, dup := r.byID[idKey(id)]; dup {
		// The rows of the other sheets cannot tell the two apart: they go
		// to the first client, and both are flagged for review.
		problem(c, w.cell(assess.FieldClientID), msg("%s %q is already used by the client in %s; every client needs its own ID. Employment, test and study rows with this ID were given to that client; give this client another ID.",
			w.header(assess.FieldClientID), id, first.Ref.Cell(assess.FieldClientID)))
		problem(first, first.Ref.Cell(assess.FieldClientID), msg("%s %q is used again by the client in %s, so the rows of the other sheets with this ID may belong to either client; give one of them another ID.",
			w.header(assess.FieldClientID), id, w.cell(assess.FieldClientID)))
	} else {
		r.byID[idKey(id)] = c
	}

	c.FamilyName = w.text(assess.FieldFamilyName)
	c.GivenNames = w.text(assess.FieldGivenNames)
	if c.FamilyName == "" {
		// A client with one name writes it as the family name, as on IRCC
		// forms; so only a blank family name is a problem.
		problem(c, w.cell(assess.FieldFamilyName), msg("%s is blank; fill in the client's family name (a client with a single name writes it here and leaves %s blank).", w.header(assess.FieldFamilyName), w.header(assess.FieldGivenNames)))
	}
	c.DateOfBirth, _ = r.date(c, w, assess.FieldDateOfBirth)
	c.ApplicationDate, _ = r.date(c, w, assess.FieldAppDate)
	c.StatusExpiry, _ = r.date(c, w, assess.FieldStatusExpiry)

	if p := w.text(assess.FieldProvince); p == "" {
		problem(c, w.cell(assess.FieldProvince), msg("%s is blank; fill in the province or territory where the client intends to live, for example ON or Ontario.", w.header(assess.FieldProvince)))
	} else if code, ok := provinceCode(p); ok {
		c.Province = code
	} else {
		problem(c, w.cell(assess.FieldProvince), msg("%s %q is not a Canadian province or territory; write its name or 2-letter code, for example ON or Ontario.%s", w.header(assess.FieldProvince), p, provinces.choices.didYouMean(p)))
	}

	var err error
	if c.InCanada, err = parseYesNo(w.text(assess.FieldInCanada)); err != nil {
		problem(c, w.cell(assess.FieldInCanada), msg("%s %s.", w.header(assess.FieldInCanada), assess.ErrorText(err)))
	}
	if st, ok := vocabulary(c, w, assess.FieldStatus, statuses, msg("a status"), msg("worker, student, visitor, maintained, refugee claimant or none, or leave it blank if unknown")); ok {
		c.Status = st
	}
	c.Admissibility = admissibilityConcern(w.text(assess.FieldAdmissibility))
	r.caseColumns(c, w)
	c.Notes = w.text(assess.FieldNotes)
	r.crsColumns(c, w)
	r.flagExampleValues(c, w, clientExampleMarks(c))
}

func (r *reader) jobRow(w *row) {
	c := r.owner(w)
	if c == nil {
		return
	}
	before := len(c.Problems)
	j := assess.Job{Ref: w.ref, TEER: -1, Type: assess.Employee}

	if j.Employer = w.text(assess.FieldEmployer); j.Employer == "" {
		problem(c, w.cell(assess.FieldEmployer), msg("%s is blank; fill in the employer's name.", w.header(assess.FieldEmployer)))
	}
	j.Title = w.text(assess.FieldTitle)
	if noc := w.text(assess.FieldNOC); noc == "" {
		problem(c, w.cell(assess.FieldNOC), msg("%s is blank; fill in the job's 5-digit NOC 2021 code, for example 21231.", w.header(assess.FieldNOC)))
	} else if code, err := parseNOC(noc); err != nil {
		problem(c, w.cell(assess.FieldNOC), msg("%s %s.", w.header(assess.FieldNOC), assess.ErrorText(err)))
	} else {
		j.NOC = code
	}
	if t := w.text(assess.FieldTEER); t != "" {
		v, _, err := parseNumber(t)
		if err != nil || v != float64(int(v)) || v < 0 || v > 5 {
			problem(c, w.cell(assess.FieldTEER), msg("%s %q is not a TEER category; write a whole number from 0 to 5, or leave it blank.", w.header(assess.FieldTEER), t))
		} else {
			j.TEER = int(v)
		}
	}

	j.Start, j.End, _ = r.period(c, w, msg("the first day of this job period"))

	// Whether the hours are possible (above 0, at most 168) is the
	// engine's to judge; ingest reads the number.
	if h := w.text(assess.FieldHours); h == "" {
		problem(c, w.cell(assess.FieldHours), msg("%s is blank; fill in the usual hours worked per week in this job period, for example 37.5.", w.header(assess.FieldHours)))
	} else if v, _, err := parseHours(h); err != nil {
		problem(c, w.cell(assess.FieldHours), msg("%s %s; write the usual hours per week as a number, for example 37.5.", w.header(assess.FieldHours), assess.ErrorText(err)))
	} else {
		j.HoursPerWeek = v
	}

	j.Location = w.text(assess.FieldLocation)
	place := r.location(j.Location)
	if place.err != nil {
		problem(c, w.cell(assess.FieldLocation), msg("%s %s", w.header(assess.FieldLocation), assess.ErrorText(place.err)))
	}
	j.InCanada, j.PlaceDoubt = place.inCanada, place.doubt
	if et, ok := vocabulary(c, w, assess.FieldType, employmentTypes, msg("an employment type"), msg("employee, self-employed, volunteer, unpaid or leave")); ok {
		j.Type = et
	}
	if au, ok := authorization(c, w); ok {
		j.Authorization = au
	}
	j.PermitExpiry, _ = r.date(c, w, assess.FieldPermitExpiry)
	r.flagExampleValues(c, w, jobExampleMarks(&j))
	if len(c.Problems) > before {
		j.Entered = r.entered(w)
	}
	c.Jobs = append(c.Jobs, j)
}

var scoreFields = [4]string{assess.FieldListening, assess.FieldReading, assess.FieldWriting, assess.FieldSpeaking}

func (r *reader) testRow(w *row) {
	c := r.owner(w)
	if c == nil {
		return
	}
	before := len(c.Problems)
	t := assess.Test{Ref: w.ref, Name: w.text(assess.FieldTest)}
	if t.Name == "" {
		problem(c, w.cell(assess.FieldTest), msg("%s is blank; fill in the test's name, for example CELPIP-General or IELTS General Training.", w.header(assess.FieldTest)))
	} else if k, ok := assess.ParseTestKind(t.Name); ok {
		t.Kind = k
	} else if k := fold(t.Name); k == "ielts" || k == "pte" {
		problem(c, w.cell(assess.FieldTest), msg("%s %q does not say which %s test it was; write %s, as on the test report.", w.header(assess.FieldTest), t.Name, strings.ToUpper(k),
			map[string]assess.Text{"ielts": msg("IELTS General Training or IELTS Academic"), "pte": msg("PTE Core or PTE Academic")}[k]))
	} else {
		problem(c, w.cell(assess.FieldTest), msg("%s %q is not a language test cecbatch knows; write IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada.%s", w.header(assess.FieldTest), t.Name, testNames.didYouMean(t.Name)))
	}
	t.Date, _ = r.requiredDate(c, w, assess.FieldTestDate, msg("the date the test was taken"))
	celpip := t.Kind == assess.CELPIPGeneral || t.Kind == assess.CELPIPGeneralLS
	for i, field := range scoreFields {
		s := w.text(field)
		if s == "" {
			problem(c, w.cell(field), msg("%s is blank; fill in the %s score from the test report.", w.header(field), assess.Abilities[i].Text()))
			continue
		}
		if celpip {
			if l := strings.ToUpper(strings.ReplaceAll(s, "/", "")); l == "M" || l == "NA" {
				t.Scores[i] = assess.Score{Label: l}
				continue
			}
		}
		v, _, err := parseNumber(s)
		if err != nil {
			hint := msg("write the score as a number")
			if celpip {
				hint = msg("write the score as a number, or M or NA as on the CELPIP report")
			}
			problem(c, w.cell(field), msg("%s %s; %s.", w.header(field), assess.ErrorText(err), hint))
			continue
		}
		t.Scores[i] = assess.Score{Value: v}
	}
	r.flagExampleValues(c, w, testExampleMarks(&t))
	if len(c.Problems) > before {
		t.Entered = r.entered(w)
	}
	c.Tests = append(c.Tests, t)
}

// testNames are the tests cecbatch recognises, accepted and refused, for
// the "did you mean" of an unknown test name.
var testNames = func() suggestions {
	var pairs [][2]string
	for _, k := range []assess.TestKind{assess.IELTSGeneral, assess.CELPIPGeneral, assess.PTECore, assess.TEFCanada, assess.TCFCanada,
		assess.IELTSAcademic, assess.CELPIPGeneralLS, assess.PTEAcademic, assess.TOEFL, assess.DuolingoTest, assess.CAELTest,
		assess.CambridgeEnglish, assess.DELFTest, assess.DALFTest, assess.TCFToutPublic, assess.TCFQuebec, assess.TEFAQ, assess.IELTSLifeSkills,
		assess.IELTSOneSkillRetake} {
		pairs = append(pairs, [2]string{string(k), string(k)})
	}
	return newSuggestions(pairs...)
}()

func (r *reader) studyRow(w *row) {
	c := r.owner(w)
	if c == nil {
		return
	}
	s := assess.Study{Ref: w.ref, Institution: w.text(assess.FieldInstitution), Credential: w.text(assess.FieldCredential)}
	usable := true
	var ok bool
	if s.Start, s.End, ok = r.period(c, w, msg("the first day of this period of study")); !ok {
		usable = false
	}
	ft, err := parseYesNo(w.text(assess.FieldFullTime))
	switch {
	case err != nil:
		problem(c, w.cell(assess.FieldFullTime), msg("%s %s.", w.header(assess.FieldFullTime), assess.ErrorText(err)))
	case ft == assess.Unknown:
		problem(c, w.cell(assess.FieldFullTime), msg("%s is blank; write yes if the client studied full-time in this period, no if part-time.", w.header(assess.FieldFullTime)))
	}
	s.FullTime = ft == assess.Yes
	r.flagExampleValues(c, w, studyExampleMarks(&s))
	if usable {
		c.Studies = append(c.Studies, s)
	}
}
