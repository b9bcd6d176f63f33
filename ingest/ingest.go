package ingest

import (
	"context"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// Options are the reading settings of one run.
type Options struct {
	// DateOrder is how ambiguous numeric dates (03/04/2024) are read: "DMY",
	// "MDY", or "" to report them as problems.
	DateOrder string
	// MaxFileBytes rejects a larger file before it is opened.
	MaxFileBytes int64
	// MaxUnzipBytes rejects a workbook whose unpacked parts add up to more.
	MaxUnzipBytes int64
	// MaxRows rejects a workbook with more non-blank rows in one sheet.
	MaxRows int

	// The bounds of each part, checked by a streaming scan before excelize
	// parses anything: excelize unmarshals the styles, the shared strings
	// and the workbook whole, at a few hundred bytes of memory for each
	// element, so a small file can otherwise cost gigabytes.

	// MaxPartBytes rejects an unpacked XML part other than a worksheet
	// (styles, shared strings, workbook, relationships) over this size.
	MaxPartBytes int64
	// MaxElements rejects a styles part (or any other XML part that is
	// neither a worksheet nor the shared strings) of more elements.
	MaxElements int
	// MaxSharedStrings rejects a workbook with more distinct texts.
	MaxSharedStrings int
	// MaxSheets rejects a workbook with more sheets.
	MaxSheets int
	// MaxCells rejects a worksheet with more cells (blank ones included).
	MaxCells int

	// Name is the file's name in messages; "" means the base of the path
	// (a run reads a private snapshot of an inbox file).
	Name string
	// Context, when cancelled, stops the reading between parts and rows
	// with its error; nil means never.
	Context context.Context

	// clientsOnly stops reading after the Clients sheet (ClientIDs).
	clientsOnly bool
}

// The limits of the intake contract in the README.
const (
	DefaultMaxFileBytes  = 50 << 20
	DefaultMaxUnzipBytes = 500 << 20
	DefaultMaxRows       = 100000

	DefaultMaxPartBytes     = 16 << 20
	DefaultMaxElements      = 100000
	DefaultMaxSharedStrings = 500000
	DefaultMaxSheets        = 255
	DefaultMaxCells         = 5000000
)

// DefaultOptions returns the README's intake limits and no date order.
func DefaultOptions() Options {
	return Options{MaxFileBytes: DefaultMaxFileBytes, MaxUnzipBytes: DefaultMaxUnzipBytes, MaxRows: DefaultMaxRows,
		MaxPartBytes: DefaultMaxPartBytes, MaxElements: DefaultMaxElements, MaxSharedStrings: DefaultMaxSharedStrings,
		MaxSheets: DefaultMaxSheets, MaxCells: DefaultMaxCells}
}

// withDefaults fills the limits left at zero, so that Options{} is usable.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	orDefault(&o.MaxFileBytes, d.MaxFileBytes)
	orDefault(&o.MaxUnzipBytes, d.MaxUnzipBytes)
	orDefault(&o.MaxRows, d.MaxRows)
	orDefault(&o.MaxPartBytes, d.MaxPartBytes)
	orDefault(&o.MaxElements, d.MaxElements)
	orDefault(&o.MaxSharedStrings, d.MaxSharedStrings)
	orDefault(&o.MaxSheets, d.MaxSheets)
	orDefault(&o.MaxCells, d.MaxCells)
	if o.Context == nil {
		o.Context = context.Background()
	}
	return o
}

// orDefault sets a limit left at zero (or below) to its default.
func orDefault[T int | int64](limit *T, def T) {
	if *limit <= 0 {
		*limit = def
	}
}

// fileName is the name of the file at path in messages.
func (o Options) fileName(path string) string {
	if o.Name != "" {
		return o.Name
	}
	return filepath.Base(path)
}

// Problem is one thing wrong with an input, located to the cell.
type Problem struct {
	File    string // base name of the workbook
	Sheet   string // the sheet's name as in the workbook; "" for the whole file
	Cell    string // like "Employment!F7"; "" for a whole sheet or file
	Message string // what is wrong and what to do, in plain words
	// ClientID is the client the problem's row belongs to, as written on
	// the Clients sheet; "" when the row belongs to no client (a blank or
	// unknown Client ID) or the problem is about a sheet or the file.
	ClientID string
	// Warning marks what did not stop a row from being read but is worth
	// a look: an ignored column or sheet, two sheets of one kind, a date
	// read by its column's other dates, an End Date "Present" read as
	// blank. A warning does not make the client needs_review.
	Warning bool
}

// String formats the problem as `check` prints it:
// "intake.xlsx › Employment!F7: message".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Cell != "" {
		b.WriteString(" › ")
		b.WriteString(p.Cell)
	} else if p.Sheet != "" {
		b.WriteString(" › ")
		b.WriteString(p.Sheet)
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Workbook is one intake workbook read.
type Workbook struct {
	File    string           // base name of the file
	Clients []*assess.Client // in Clients-sheet order; each carries its own Problems
	// Problems belong to no client: rows whose Client ID is blank or not on
	// the Clients sheet, and the warnings about ignored columns and sheets.
	Problems []Problem
	// readOrder is each sheet's place in the order the sheets were read
	// (Clients first), for AllProblems.
	readOrder map[string]int
}

// AllProblems returns every problem of the workbook, the clients' and the
// workbook's own, as check prints them: in sheet order, then by row and
// column.
func (w *Workbook) AllProblems() []Problem {
	var all []Problem
	for _, c := range w.Clients {
		for _, p := range c.Problems {
			all = append(all, Problem{File: w.File, Sheet: sheetOfCell(p.Cell), Cell: p.Cell, ClientID: c.ID, Message: p.Message.String()})
		}
		// A CRS cell that cannot be read never changes the CEC verdict: a
		// warning, said to concern the estimate only.
		for _, p := range c.CRS.Problems {
			all = append(all, Problem{File: w.File, Sheet: sheetOfCell(p.Cell), Cell: p.Cell, ClientID: c.ID, Warning: true,
				Message: p.Message.String() + " (Express Entry estimate only; the CEC assessment is not affected)"})
		}
	}
	all = append(all, w.Problems...)
	// A sheet's rank folds its name against every sheet's names: work it
	// out once per sheet, not once per comparison.
	rank := map[string]int{}
	for _, p := range all {
		if _, ok := rank[p.Sheet]; !ok {
			rank[p.Sheet] = w.sheetRank(p.Sheet)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		ra, rb := rank[a.Sheet], rank[b.Sheet]
		if ra != rb {
			return ra < rb
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		return cellLess(a.Cell, b.Cell)
	})
	return all
}

// cellLess orders two cells of one sheet by row, then column.
func cellLess(a, b string) bool {
	rowA, colA := splitCell(a)
	rowB, colB := splitCell(b)
	if rowA != rowB {
		return rowA < rowB
	}
	if len(colA) != len(colB) {
		return len(colA) < len(colB)
	}
	return colA < colB
}

// Errors counts the problems that are not warnings.
func (w *Workbook) Errors() int {
	n := len(w.Problems)
	for _, p := range w.Problems {
		if p.Warning {
			n--
		}
	}
	for _, c := range w.Clients {
		n += len(c.Problems)
	}
	return n
}

// sheetRank orders the sheets as they were read (the intake sheets as
// the README's intake contract lists them, whatever their names), then the others.
func (w *Workbook) sheetRank(name string) int {
	if i, ok := w.readOrder[name]; ok {
		return i
	}
	if w.readOrder != nil {
		return len(w.readOrder)
	}
	// A Workbook built by hand: go by the names.
	for i, s := range sheetSpecs {
		if s.matches(name) {
			return i
		}
	}
	return len(sheetSpecs)
}

func sheetOfCell(cell string) string {
	if i := strings.LastIndexByte(cell, '!'); i >= 0 {
		return cell[:i]
	}
	return ""
}

// splitCell returns the row and the column letters of "Sheet!F7".
func splitCell(cell string) (int, string) {
	if i := strings.LastIndexByte(cell, '!'); i >= 0 {
		cell = cell[i+1:]
	}
	j := strings.IndexAny(cell, "0123456789")
	if j < 0 {
		return 0, cell
	}
	row, _ := strconv.Atoi(cell[j:])
	return row, cell[:j]
}

// FileError rejects a whole file: it goes to quarantine with this reason.
type FileError struct {
	File   string // base name of the file
	Reason string // what is wrong and what to do, in plain sentences
	// panicStack is set when reading the file panicked (a bug in the
	// reader or in excelize); tests use it to tell the two apart.
	panicStack string
}

// Error returns "file: reason".
func (e *FileError) Error() string { return e.File + ": " + e.Reason }
