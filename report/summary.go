package report

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/internal/ahead"
	"github.com/cecbatch/cecbatch/internal/keyset"
	"github.com/cecbatch/cecbatch/report/pdf"
)

// Sheet names of summary.xlsx, in tab order.
const (
	SheetSummary  = "Summary"
	SheetProblems = "Problems"
	SheetWork     = "Work"
	SheetLanguage = "Language"
	// SheetExpressEntry (summary_ee.go) follows Language.
	SheetRejected = "Rejected files"
	SheetRun      = "Run"
)

// summaryColumn is one column of a sheet: its header and its width in
// characters, set before the first row as the StreamWriter requires; wrap
// says the column holds sentences, shown wrapped over several lines.
type summaryColumn struct {
	header string
	width  float64
	wrap   bool
}

// The Summary sheet's columns: one line per client. The first
// summaryPrintColumns are what a person triages on paper, at least 20
// clients to a Letter landscape page; the date basis, the full reasons and
// the file references after them are for the screen (the opinion prints
// every reason and every step, the Work, Language and Problems sheets
// every row).
var summaryColumns = []summaryColumn{
	{header: "Client ID", width: 9},
	{header: "Family name", width: 12},
	{header: "Given names", width: 10},
	{header: "Verdict", width: 12.5},
	{header: "Next step", width: 40},
	{header: "Main reason", width: 56},
	{header: "Eligible from", width: 10},
	{header: "Apply by (eligible until)", width: 10},
	{header: "Assessed as of", width: 11.5}, // bold when stale
	{header: "Qualifying hours", width: 8.5},
	{header: "Required CLB", width: 6.5},
	{header: "Achieved CLB", width: 6.5},
	{header: "Lawyer decision", width: 13},
	{header: "Lawyer notes", width: 12, wrap: true},
	{header: "Date basis", width: 34},
	{header: "All reasons", width: 90},
	{header: "Opinion PDF", width: 34},
	{header: "Source file", width: 20},
	{header: "Intake row", width: 12},
	{header: "CRS low", width: 8}, {header: "CRS high", width: 8}, {header: "Categories met", width: 18},
}

// Positions (0-based) of the Summary columns the code refers to.
var (
	summaryColDecision  = summaryColumnIndex("Lawyer decision")
	summaryPrintColumns = summaryColumnIndex("Lawyer notes") + 1 // Client ID … Lawyer notes
)

func summaryColumnIndex(header string) int {
	for i, c := range summaryColumns {
		if c.header == header {
			return i
		}
	}
	panic("report: no Summary column " + header)
}

const (
	summaryHeaderRow       = 7 // rows 1-6 hold the counts and the notes
	summaryFirstClientRow  = summaryHeaderRow + 1
	summaryStaleDays       = 30
	summaryDecisionOptions = "approved,changes needed,declined"
)

var (
	problemColumns = []summaryColumn{
		{header: "File", width: 26, wrap: true}, {header: "Sheet", width: 14, wrap: true}, {header: "Cell", width: 8},
		{header: "Client ID", width: 10}, {header: "Kind", width: 12}, {header: "Problem", width: 55, wrap: true},
		{header: "What to do", width: 55, wrap: true},
	}
	workColumns = []summaryColumn{
		{header: "Client ID", width: 12}, {header: "Employer", width: 28}, {header: "Title", width: 22},
		{header: "NOC", width: 7}, {header: "NOC title", width: 30, wrap: true}, {header: "TEER", width: 6}, {header: "Start", width: 11.5}, {header: "End", width: 11.5},
		{header: "h/week", width: 7}, {header: "Hours credited", width: 10}, {header: "Hours uncapped", width: 10},
		{header: "Status", width: 15}, {header: "Excluded why", width: 60, wrap: true}, {header: "Intake row", width: 16},
	}
	languageColumns = []summaryColumn{
		{header: "Client ID", width: 12}, {header: "Test", width: 20}, {header: "Recognised as", width: 20},
		{header: "Date", width: 11.5}, {header: "Valid until", width: 11.5},
		{header: "Listening", width: 9}, {header: "CLB L", width: 7}, {header: "Reading", width: 9}, {header: "CLB R", width: 7},
		{header: "Writing", width: 9}, {header: "CLB W", width: 7}, {header: "Speaking", width: 9}, {header: "CLB S", width: 7},
		{header: "Level", width: 7}, {header: "Valid", width: 7}, {header: "Best", width: 6}, {header: "Why not", width: 40, wrap: true},
		{header: "Intake row", width: 18},
	}
	rejectedColumns = []summaryColumn{{header: "File", width: 36}, {header: "Reason", width: 100, wrap: true}}
	runColumns      = []summaryColumn{{header: "Item", width: 24}, {header: "Value", width: 60}}
)

// summaryFont is excelize's default font; a style's font must name it, or
// LibreOffice falls back to a serif face for that cell.
const summaryFont = "Calibri"

// summaryListSeparator joins the parts of one exclusion on the Work sheet.
const summaryListSeparator = " • "

// Summary streams summary.xlsx: one row per client on Summary, sorted for
// triage (needs review, eligible, not eligible; within each, the most
// urgent date first), the input files' own problems on Problems, one row
// per job period on Work and one per test on Language. Rows go to
// temporary files as they arrive (see rowSpool) and from there straight
// into the workbook's file as it is saved (summary_sheetxml.go), so that
// 100,000 clients stay in bounded memory: what stays on the heap during
// the run is a sort key per client (verdict, date, ID and where the row is
// in its spool, about 50 bytes), and no sheet's rows are held at Close.
// Safe for concurrent use.
//
// Every text from the intake is written as a string cell, never as a
// formula, whatever its first character. The one formula is the HYPERLINK
// to the client's PDF, built only from the PDF path the run generated (see
// OpinionFileName); a real hyperlink is not used because a worksheet holds
// at most 65,530 of them and the rows are written as a StreamWriter writes
// them, which has none.
type Summary struct {
	mu     sync.Mutex
	path   string
	asOf   assess.Date
	f      *excelize.File
	sheets map[string]*summarySheet
	// spools hold the sorted sheets' rows (Summary, Agenda) until the
	// workbook is saved (see rowSpool); fills say where every data sheet's
	// rows go (by part name).
	spools map[string]*rowSpool
	fills  map[string]*sheetFill
	// streams hold the rows of the sheets written in the order they
	// arrive, compressed as they come by compressor (summary_stream.go).
	streams    map[string]*rowStream
	compressor *streamCompressor
	// keys are the Summary rows' sort keys, in arrival order; ids holds
	// their Client IDs end to end, and the Agenda keys' texts. A run keeps
	// one key a client to its end: without a pointer in them, the garbage
	// collector skips them.
	keys     []summaryKey
	ids      keyset.Texts
	counts   [3]int // clients by summaryRank
	eligible int
	problems int
	// rules is the rule set of the first client, for the Run sheet.
	rules  *assess.RuleSet
	styles summaryStyles
	done   bool
	// reg holds the register's sheets (summary_register.go); nil without.
	reg *summaryRegister
}

// summaryKey is what the Summary sheet is sorted by, and where the row is.
type summaryKey struct {
	id   keyset.Span // the Client ID, in Summary.ids
	ref  spoolRef
	date assess.Date // the most urgent date; zero sorts last
	rank uint8
}

// The verdicts in the order the Summary lists them: what needs the
// lawyer first, then what can be filed, then the rest.
const (
	rankNeedsReview uint8 = iota
	rankEligible
	rankNotEligible
)

var summaryRankVerdicts = [3]assess.Verdict{assess.NeedsReview, assess.Eligible, assess.NotEligible}

// summaryRank places a verdict; an unknown one goes with needs review,
// where a person looks first.
func summaryRank(v assess.Verdict) uint8 {
	switch v {
	case assess.Eligible:
		return rankEligible
	case assess.NotEligible:
		return rankNotEligible
	}
	return rankNeedsReview
}

// summaryUrgentDate is the date a client's row is sorted by within its
// verdict: for an eligible client the last day to apply, for the others
// the day they become eligible (as the Eligible from column shows it).
func summaryUrgentDate(a *assess.Assessment) assess.Date {
	if a.Verdict == assess.Eligible {
		return a.EligibleUntil
	}
	return summaryEligibleFrom(a)
}

// keyLess orders the Summary: verdict, then the date (none last), then
// client ID, then arrival.
func (s *Summary) keyLess(x, y summaryKey) int {
	if x.rank != y.rank {
		return int(x.rank) - int(y.rank)
	}
	if x.date != y.date {
		switch {
		case x.date.IsZero():
			return 1
		case y.date.IsZero():
			return -1
		case x.date < y.date:
			return -1
		default:
			return 1
		}
	}
	if c := bytes.Compare(s.ids.Bytes(x.id), s.ids.Bytes(y.id)); c != 0 {
		return c
	}
	return cmp.Compare(x.ref.off, y.ref.off)
}

// spooledSheets are the sheets whose rows arrive during the run, in the
// order Close writes them, with their columns.
var spooledSheets = []struct {
	name string
	cols []summaryColumn
}{
	{SheetSummary, summaryColumns}, {SheetProblems, problemColumns}, {SheetWork, workColumns},
	{SheetLanguage, languageColumns}, {SheetExpressEntry, expressEntryColumns}, {SheetRejected, rejectedColumns},
}

type summarySheet struct {
	name   string
	sw     *excelize.StreamWriter // nil for a data sheet (filled at save)
	cols   []summaryColumn
	header int // the header's row
	row    int // the last row written
}

// rowSink takes the rows above a sheet's data: an excelize StreamWriter
// (Run) or sheetCells (the data sheets, whose data rows are added when the
// workbook is saved, summary_sheetxml.go).
type rowSink interface {
	SetRow(cell string, values []any, opts ...excelize.RowOpts) error
	MergeCell(topLeft, bottomRight string) error
}

// sheetCells writes rows into an ordinary sheet of f, cell by cell, as
// the StreamWriter would write them: nil skipped, an excelize.Cell's value
// and style.
type sheetCells struct {
	f     *excelize.File
	sheet string
}

func (c sheetCells) SetRow(cell string, values []any, opts ...excelize.RowOpts) error {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return err
	}
	for i, v := range values {
		if v == nil {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(col+i, row)
		if err != nil {
			return err
		}
		style := 0
		if x, ok := v.(excelize.Cell); ok {
			if x.Formula != "" {
				return fmt.Errorf("summary sheet %s %s: a formula above the data", c.sheet, ref)
			}
			style, v = x.StyleID, x.Value
		}
		if v != nil {
			if err := c.f.SetCellValue(c.sheet, ref, v); err != nil {
				return err
			}
		}
		if style != 0 {
			if err := c.f.SetCellStyle(c.sheet, ref, ref, style); err != nil {
				return err
			}
		}
	}
	for _, o := range opts {
		if o.Height > 0 {
			if err := c.f.SetRowHeight(c.sheet, row, o.Height); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c sheetCells) MergeCell(topLeft, bottomRight string) error {
	return c.f.MergeCell(c.sheet, topLeft, bottomRight)
}

type summaryStyles struct {
	header, date, hours, number, clb, link, text, wrapped, centred int
	// The counts at the top of Summary, and the notes beside them.
	count, total, note int
	// A date basis that is not the run's date, and its date.
	stale, staleDate int
	// The columns left for the lawyer to fill in.
	lawyer, lawyerNotes int
	// The Run sheet's values sit in one wide column: all left-aligned.
	runDate, runDateTime, runDuration, runNumber int
	verdict                                      map[assess.Verdict]int
	urgent                                       int
}

// NewSummary prepares summary.xlsx at path for a run whose as-of date is
// asOf (the date clients without an Application Date are assessed on).
// Nothing is written at path until Close, which writes the workbook under a
// temporary name in the same folder and renames it into place, so a killed
// run never leaves a summary.xlsx that looks complete. Call Abort instead
// of Close to give up.
func NewSummary(path string, asOf assess.Date) (*Summary, error) {
	return newSummary(path, asOf, nil)
}

func newSummary(path string, asOf assess.Date, reg *summaryRegister) (*Summary, error) {
	f := excelize.NewFile()
	s := &Summary{path: path, asOf: asOf, f: f, sheets: make(map[string]*summarySheet), spools: make(map[string]*rowSpool),
		fills: make(map[string]*sheetFill), streams: make(map[string]*rowStream), compressor: newStreamCompressor(), reg: reg}
	if err := s.setUp(); err != nil {
		_ = s.discardSpools()
		_ = f.Close()
		return nil, err
	}
	return s, nil
}

func (s *Summary) setUp() error {
	f := s.f
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	for _, name := range append(s.registerSheets(), SheetProblems, SheetWork, SheetLanguage, SheetExpressEntry, SheetRejected, SheetRun) {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := s.makeStyles(); err != nil {
		return err
	}
	for _, sh := range spooledSheets {
		if sh.name != SheetSummary {
			st, err := newRowStream(s.compressor, spoolDir(s.path), sh.name, sh.cols, streamedFirstRow)
			if err != nil {
				return err
			}
			s.streams[sh.name] = st
			continue
		}
		sp, err := newRowSpool(spoolDir(s.path), sh.name)
		if err != nil {
			return err
		}
		s.spools[sh.name] = sp
	}
	return s.setUpRegister()
}

func (s *Summary) discardSpools() error {
	var first error
	for name, sp := range s.spools {
		if err := sp.discard(); err != nil && first == nil {
			first = err
		}
		delete(s.spools, name)
	}
	for name, st := range s.streams {
		if err := st.discard(); err != nil && first == nil {
			first = err
		}
		delete(s.streams, name)
	}
	if s.compressor != nil {
		s.compressor.stop()
		s.compressor = nil
	}
	return first
}

// openSheet starts a sheet: print setup, widths, frozen header and the
// rows above the header row, all of which must precede the data rows.
// headerRow is the header's row number; above is called to write the rows
// before it. A streamed sheet (Run) takes its rows through addRow; a data
// sheet's rows are added as the workbook is saved (fillFromStream).
func (s *Summary) openSheet(name string, cols []summaryColumn, headerRow int, freeze, stream bool, above func(rowSink) error) (*summarySheet, error) {
	if err := s.printSetup(name, headerRow); err != nil {
		return nil, err
	}
	var sw *excelize.StreamWriter
	var sink rowSink = sheetCells{f: s.f, sheet: name}
	setWidth := func(col int, width float64) error { return s.f.SetColWidth(name, colName(col), colName(col), width) }
	setPanes := func(p *excelize.Panes) error { return s.f.SetPanes(name, p) }
	if stream {
		var err error
		if sw, err = s.f.NewStreamWriter(name); err != nil {
			return nil, err
		}
		sink, setWidth, setPanes = sw, func(col int, width float64) error { return sw.SetColWidth(col, col, width) }, sw.SetPanes
	}
	for i, c := range cols {
		if err := setWidth(i+1, c.width); err != nil {
			return nil, err
		}
	}
	if freeze {
		top := fmt.Sprintf("A%d", headerRow+1)
		if err := setPanes(&excelize.Panes{
			Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
		}); err != nil {
			return nil, err
		}
	}
	if above != nil {
		if err := above(sink); err != nil {
			return nil, err
		}
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: s.styles.header, Value: c.header}
	}
	// Two lines at least, so that the header band is the same on every
	// sheet; more where a header wraps further (bold, so a little wider).
	lines := 2
	for _, c := range cols {
		lines = max(lines, wrappedLines(c.header, int(c.width)-2))
	}
	height := float64(lines) * summaryLineHeight
	if err := sink.SetRow(fmt.Sprintf("A%d", headerRow), header, excelize.RowOpts{Height: height}); err != nil {
		return nil, err
	}
	return &summarySheet{name: name, sw: sw, cols: cols, header: headerRow, row: headerRow}, nil
}

// colName is the letters of column n (1-based).
func colName(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}

// printSetup: printed, a sheet is landscape, one page wide and as many
// tall as it takes, with narrow margins, the header row on every page and
// page numbers in the footer. fitToPage lives in sheetPr, which the stream
// writes as it starts; the page setup, margins and footer are written at
// Flush, and the print titles are a defined name of the workbook.
func (s *Summary) printSetup(name string, headerRow int) error {
	fit, landscape, oneWide, anyHigh := true, "landscape", 1, 0
	if err := s.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := s.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Orientation: &landscape, FitToWidth: &oneWide, FitToHeight: &anyHigh,
	}); err != nil {
		return err
	}
	side, edge, band := 0.3, 0.5, 0.25
	if err := s.f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &band, Footer: &band,
	}); err != nil {
		return err
	}
	// "&&" is a literal ampersand in a header or footer.
	sheet := strings.ReplaceAll(name, "&", "&&")
	if err := s.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: "&L" + sheet + "&RPage &P of &N",
	}); err != nil {
		return err
	}
	return s.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow), Scope: name,
	})
}

func (s *Summary) makeStyles() error {
	f := s.f
	var err error
	style := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	str := func(v string) *string { return &v }
	top := &excelize.Alignment{Vertical: "top"}
	headerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}}
	s.styles.header = style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: summaryFont, Size: 11},
		Fill:      headerFill,
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	centre := &excelize.Alignment{Vertical: "top", Horizontal: "center"}
	s.styles.text = style(&excelize.Style{Alignment: top})
	s.styles.wrapped = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	// Short values between numbers (ongoing, yes/no, a score label)
	// centred, so they do not run into their neighbours.
	s.styles.centred = style(&excelize.Style{Alignment: centre})
	s.styles.date = style(&excelize.Style{CustomNumFmt: str("yyyy-mm-dd"), Alignment: centre})
	left := &excelize.Alignment{Vertical: "top", Horizontal: "left"}
	s.styles.runDate = style(&excelize.Style{CustomNumFmt: str("yyyy-mm-dd"), Alignment: left})
	s.styles.runDateTime = style(&excelize.Style{CustomNumFmt: str("yyyy-mm-dd hh:mm:ss"), Alignment: left})
	s.styles.runDuration = style(&excelize.Style{CustomNumFmt: str("[h]:mm:ss"), Alignment: left})
	s.styles.runNumber = style(&excelize.Style{CustomNumFmt: str("0"), Alignment: left})
	s.styles.hours = style(&excelize.Style{CustomNumFmt: str("#,##0.0"), Alignment: top})
	s.styles.number = style(&excelize.Style{CustomNumFmt: str("0"), Alignment: centre})
	// CLB 0 means below CLB 4: a number for sorting and filtering, shown
	// in words.
	s.styles.clb = style(&excelize.Style{CustomNumFmt: str(`0;-0;"below 4"`), Alignment: centre})
	s.styles.link = style(&excelize.Style{Font: &excelize.Font{Family: summaryFont, Size: 11, Color: "0563C1", Underline: "single"}, Alignment: top})
	staleFont := &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: "9C5700"}
	s.styles.stale = style(&excelize.Style{Font: staleFont, Alignment: top})
	s.styles.staleDate = style(&excelize.Style{Font: staleFont, CustomNumFmt: str("yyyy-mm-dd"), Alignment: centre})
	// The firm's columns: a pale fill and a border say "fill me in".
	lawyerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF3FA"}}
	lawyerBorder := []excelize.Border{{Type: "left", Color: "B4C2D6", Style: 1}, {Type: "right", Color: "B4C2D6", Style: 1},
		{Type: "bottom", Color: "B4C2D6", Style: 1}}
	s.styles.lawyer = style(&excelize.Style{Fill: lawyerFill, Border: lawyerBorder, Alignment: top})
	s.styles.lawyerNotes = style(&excelize.Style{Fill: lawyerFill, Border: lawyerBorder,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.styles.total = style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11}, Fill: headerFill,
		Alignment: &excelize.Alignment{Vertical: "center"}})
	s.styles.count = style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11},
		CustomNumFmt: str("0"), Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center"}})
	s.styles.note = style(&excelize.Style{Font: &excelize.Font{Italic: true, Family: summaryFont, Size: 10, Color: "44546A"},
		Alignment: &excelize.Alignment{Vertical: "center"}})
	verdictStyle := func(fg, bg string) int {
		return style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: fg},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{bg}}, Alignment: top})
	}
	s.styles.verdict = map[assess.Verdict]int{
		assess.Eligible:    verdictStyle("006100", "C6EFCE"),
		assess.NotEligible: verdictStyle("9C0006", "FFC7CE"),
		assess.NeedsReview: verdictStyle("7A4F00", "FFEB9C"),
	}
	// Eligible only until a date near the run: the warning colour.
	s.styles.urgent = verdictStyle("FFFFFF", "CD5500")
	return err
}

// AddClient writes the client's row on Summary (x is the Express Entry
// estimate beside a, nil when none was computed), its data problems on
// Problems, one row per job period on Work and one per test on Language. opinionPDF is the PDF's path relative
// to the run folder, or "" when none was written.
func (s *Summary) AddClient(a *assess.Assessment, x *crs.Estimate, opinionPDF string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addClient(a, x, opinionPDF, "", "")
}

// addClient is AddClient with the Lawyer decision and notes cells filled
// in (the register's last decision on an unchanged outcome).
func (s *Summary) addClient(a *assess.Assessment, x *crs.Estimate, opinionPDF, decision, notes string) error {
	if s.done {
		return errSummaryClosed
	}
	c := a.Client
	if c == nil {
		c = &assess.Client{}
	}
	reasons := summaryReasonList(a, s.asOf)
	if s.rules == nil {
		s.rules = a.Rules
	}
	main := summaryMainReason(reasons)
	basis, stale := s.dateBasis(a)
	basisStyle, assessed := s.styles.text, s.dateCell(a.AssessedOn)
	if stale {
		basisStyle = s.styles.stale
		assessed = excelize.Cell{StyleID: s.styles.staleDate, Value: a.AssessedOn.Time()}
	}
	row := []any{
		s.textCell(c.ID), s.textCell(c.FamilyName), s.textCell(c.GivenNames),
		s.verdictCellOf(a), s.textCell(summaryNextStep(a)), s.textCell(main),
		s.dateCell(summaryEligibleFrom(a)), s.dateCell(summaryEligibleUntil(a)), assessed,
		excelize.Cell{StyleID: s.styles.hours, Value: roundTenth(a.QualifyingHours)},
		s.intCell(a.RequiredCLB, a.RequiredCLB > 0, s.styles.number),
		s.intCell(a.LanguageCLB, a.LanguageCLB >= 0, s.styles.clb),
		excelize.Cell{StyleID: s.styles.lawyer, Value: nilIfEmpty(decision)}, excelize.Cell{StyleID: s.styles.lawyerNotes, Value: nilIfEmpty(showControls(notes))},
		s.styledText(basis, basisStyle), s.textCell(strings.Join(reasons, summaryListSeparator)),
		s.linkCell(opinionPDF), s.textCell(c.SourceFile), s.textCell(c.Ref.RowCell()),
	}
	row = append(row, s.crsCells(x)...)
	row = append(row, s.textCell(SummaryCategoriesMet(x)))
	ref, err := s.spool(SheetSummary, row)
	if err != nil {
		return err
	}
	rank := summaryRank(a.Verdict)
	s.keys = append(s.keys, summaryKey{id: s.ids.Add(c.ID), ref: ref, date: summaryUrgentDate(a), rank: rank})
	if rank == rankEligible {
		s.eligible++
	}
	s.counts[rank]++
	// The client's data errors (those ingest found and those the engine
	// found, such as a score off the test's scale) are also on Problems,
	// beside the file's own: one list of every cell to correct.
	for _, f := range a.Findings {
		if f.Kind == assess.KindData {
			if err := s.addProblem(c.SourceFile, "", f.Cell, c.ID, f.Text.String(), problemClientData); err != nil {
				return err
			}
		}
	}
	for _, p := range unreportedProblems(a) {
		if err := s.addProblem(c.SourceFile, "", p.Cell, c.ID, p.Message.String(), problemClientData); err != nil {
			return err
		}
	}
	if err := s.addExpressEntry(a, x); err != nil {
		return err
	}
	for i, j := range c.Jobs {
		if _, err := s.spool(SheetWork, s.workRow(a, i, j)); err != nil {
			return err
		}
	}
	for i, t := range c.Tests {
		if _, err := s.spool(SheetLanguage, s.languageRow(a, i, t)); err != nil {
			return err
		}
	}
	return nil
}

// dateBasis says what the client was assessed as of, measured against the
// run's as-of date: a verdict for an Application Date months ago is not a
// verdict for today. stale is true when that date is more than
// summaryStaleDays before the run.
func (s *Summary) dateBasis(a *assess.Assessment) (basis string, stale bool) {
	if a.AssessedOn.IsZero() {
		return "", false
	}
	if a.FromAsOf {
		return "the run's as-of date", false
	}
	if s.asOf.IsZero() {
		return "application date", false
	}
	days := a.AssessedOn.DaysUntil(s.asOf)
	switch {
	case days == 0:
		return "application date, the run's as-of date", false
	case days == 1:
		return "application date, 1 day before this run", false
	case days > 1:
		return fmt.Sprintf("application date, %d days before this run", days), days > summaryStaleDays
	case days == -1:
		return "application date, 1 day after this run", false
	default:
		return fmt.Sprintf("application date, %d days after this run", -days), false
	}
}

func summaryEligibleUntil(a *assess.Assessment) assess.Date {
	if a.Verdict != assess.Eligible {
		return 0
	}
	return a.EligibleUntil
}

func (s *Summary) workRow(a *assess.Assessment, i int, j assess.Job) []any {
	var jr assess.JobResult
	found := false
	if i < len(a.Jobs) && a.Jobs[i].Index == i {
		jr, found = a.Jobs[i], true
	} else {
		for _, r := range a.Jobs {
			if r.Index == i {
				jr, found = r, true
				break
			}
		}
	}
	teer := j.TEER
	if found {
		teer = jr.TEER
	}
	end := any(nil)
	if j.End.IsZero() {
		end = s.styledText("ongoing", s.styles.centred)
	} else {
		end = s.dateCell(j.End)
	}
	var credited, uncapped, status, why any
	if found {
		credited = excelize.Cell{StyleID: s.styles.hours, Value: roundTenth(jr.Credited)}
		uncapped = excelize.Cell{StyleID: s.styles.hours, Value: roundTenth(jr.Uncapped)}
		status = s.styledText(strings.ReplaceAll(string(jr.Status), "_", " "), s.styles.centred)
		var parts []string
		for _, x := range jr.Exclusions {
			part := x.Code
			if !x.From.IsZero() {
				part += fmt.Sprintf(" %s to %s (%d days)", x.From, x.To, x.Days)
			}
			if x.Reason.String() != "" {
				part += ": " + strings.TrimRight(x.Reason.String(), ". ")
			}
			parts = append(parts, part)
		}
		why = s.wrappedCell(strings.Join(parts, summaryListSeparator))
	}
	title := ""
	if found {
		title = jr.NOCTitle
	}
	return []any{
		s.textCell(a.Client.ID), s.textCell(j.Employer), s.textCell(j.Title), s.textCell(j.NOC), s.wrappedCell(title),
		s.intCell(teer, teer >= 0, s.styles.number), s.dateCell(j.Start), end,
		excelize.Cell{StyleID: s.styles.hours, Value: j.HoursPerWeek},
		credited, uncapped, status, why, s.textCell(j.Ref.RowCell()),
	}
}

func (s *Summary) languageRow(a *assess.Assessment, i int, t assess.Test) []any {
	var tr assess.TestResult
	found := false
	for _, r := range a.Tests {
		if r.Index == i {
			tr, found = r, true
			break
		}
	}
	row := []any{s.textCell(a.Client.ID), s.textCell(t.Name), s.textCell(string(t.Kind)),
		s.dateCell(t.Date), nil}
	if found {
		row[4] = s.dateCell(tr.ValidUntil)
	}
	for _, ab := range assess.Abilities {
		sc := t.Scores[ab]
		var score any = excelize.Cell{StyleID: s.styles.text, Value: sc.Value}
		if sc.Label != "" {
			score = s.styledText(sc.Label, s.styles.centred)
		}
		var clb any
		if found {
			clb = s.intCell(tr.CLB[ab], true, s.styles.clb)
		}
		row = append(row, score, clb)
	}
	if !found {
		return append(row, nil, nil, nil, nil, s.textCell(t.Ref.RowCell()))
	}
	why := tr.Why
	if why.String() == "" && !tr.Accepted {
		why = tr.Refused
	}
	return append(row, s.intCell(tr.Level, true, s.styles.clb), s.styledText(summaryYesNo(tr.Valid), s.styles.centred),
		s.styledText(summaryYes(tr.Best), s.styles.centred), s.wrappedCell(why.String()), s.textCell(t.Ref.RowCell()))
}

// AddRejected writes one row on "Rejected files" and one on Problems.
func (s *Summary) AddRejected(file, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	if _, err := s.spool(SheetRejected, []any{s.textCell(file), s.wrappedCell(reason)}); err != nil {
		return err
	}
	return s.addProblem(file, "", "", "", reason, problemRejected)
}

// AddProblem writes one row on Problems: a problem of an input file that
// belongs to no client (a row whose Client ID is not on the Clients sheet,
// an ignored column or sheet), or a warning. cell is as the results line
// gives it ("Employment!F7") or ""; sheet names the sheet when there is no
// cell. The message's advice, where it has one ("…; correct the ID"), goes
// to the "What to do" column.
func (s *Summary) AddProblem(file, sheet, cell, message string, warning bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	kind := problemError
	if warning {
		kind = problemWarning
	}
	return s.addProblem(file, sheet, cell, "", message, kind)
}

type problemKind string

const (
	problemError      problemKind = "Error"
	problemWarning    problemKind = "Warning"
	problemRejected   problemKind = "File rejected"
	problemClientData problemKind = "Client data"
	// problemCRSData: a CRS cell that could not be read (summary_ee.go).
	problemCRSData problemKind = "CRS estimate only"
)

// problemDefaultAdvice is the "What to do" of a message that carries none.
var problemDefaultAdvice = map[problemKind]string{
	problemError:      "Correct the workbook and put it in the inbox again.",
	problemWarning:    "Check it; if nothing is missing, nothing needs doing.",
	problemRejected:   "Correct the file and put it in the inbox again.",
	problemClientData: "Correct the cell and put the workbook in the inbox again.",
	problemCRSData:    "Correct the cell: it changes only the Express Entry estimate, never the CEC verdict.",
}

func (s *Summary) addProblem(file, sheet, cell, clientID, message string, kind problemKind) error {
	if bang := strings.LastIndexByte(cell, '!'); bang >= 0 {
		if sheet == "" {
			sheet = cell[:bang]
		}
		cell = cell[bang+1:]
	}
	problem, advice := splitAdvice(message)
	if advice == "" {
		advice = problemDefaultAdvice[kind]
	}
	s.problems++
	_, err := s.spool(SheetProblems, []any{
		s.wrappedCell(file), s.wrappedCell(sheet), s.textCell(cell), s.textCell(clientID), s.textCell(string(kind)),
		s.wrappedCell(upperFirst(problem)), s.wrappedCell(upperFirst(advice)),
	})
	return err
}

// splitAdvice splits a problem message into what is wrong and what to do,
// where the message says both: "X is not on the Clients sheet, so …;
// correct the ID …" or "The file is … . Open it in Excel …". The split is
// at the first "; " or ". " outside quotes and brackets, so a quoted value
// from the workbook never splits the message. A message with one clause
// has no advice.
func splitAdvice(msg string) (problem, advice string) {
	msg = strings.TrimSpace(msg)
	quoted, depth := false, 0
	for i := 0; i < len(msg); i++ {
		switch c := msg[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case c == '.' && (strings.HasSuffix(msg[:i], "e.g") || strings.HasSuffix(msg[:i], "i.e")):
			// An abbreviation ("… as the other dates are, e.g. D3
			// 14/08/1994; if it is …") ends no sentence.
		case depth == 0 && (c == ';' || c == '.') && i+1 < len(msg) && msg[i+1] == ' ':
			rest := strings.TrimSpace(msg[i+1:])
			if rest == "" {
				return msg, ""
			}
			return msg[:i] + ".", rest
		}
	}
	return msg, ""
}

// upperFirst capitalises a sentence's first letter ("the column …" →
// "The column …").
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// RunInfo is what the Run sheet records about the run.
type RunInfo struct {
	RunID    string
	AsOf     assess.Date
	Version  string
	Started  time.Time
	Duration time.Duration

	Files, Rejected, Clients, Eligible, NotEligible, NeedsReview int
	// LeftInInbox counts the files the run left in the inbox (too recent,
	// Office lock files, not finished when interrupted).
	LeftInInbox int

	// Config is the configuration in force, as key and value.
	Config [][2]string
}

var errSummaryClosed = errors.New("summary workbook already closed")

// Close writes the Run sheet, finishes every sheet (autofilter over the
// rows written), and saves the workbook at the path given to NewSummary
// (temporary file, then rename). The Summary cannot be used afterwards.
func (s *Summary) Close(run RunInfo) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	s.done = true
	defer s.f.Close()
	defer s.discardSpools()
	for _, spooled := range spooledSheets {
		name := spooled.name
		var err error
		if name == SheetSummary {
			err = s.writeSummarySheet()
			if err == nil {
				err = s.writeRegisterSheets()
			}
		} else {
			err = s.writeSpooledSheet(name, spooled.cols)
		}
		if err != nil {
			return err
		}
	}
	if err := s.writeRun(run); err != nil {
		return err
	}
	// No SetActiveSheet: Summary is already the active sheet of a new
	// file, and SetActiveSheet would read every streamed sheet back into
	// memory (9 s and 500 MB for 10,000 clients).
	return s.save()
}

// streamedFirstRow is the first data row of the sheets whose rows are
// streamed: below their header, the first row (writeSpooledSheet).
const streamedFirstRow = 2

// writeSpooledSheet sets a sheet up for its rows, which the workbook's
// save adds in the order they arrived.
func (s *Summary) writeSpooledSheet(name string, cols []summaryColumn) error {
	sh, err := s.openSheet(name, cols, streamedFirstRow-1, true, false, nil)
	if err != nil {
		return err
	}
	s.sheets[name] = sh
	if err := s.fillFromStream(sh, s.streams[name]); err != nil {
		return err
	}
	if name == SheetExpressEntry {
		// On paper: the score and the categories, not every factor.
		if err := s.printArea(name, expressEntryPrintColumns, sh.row); err != nil {
			return err
		}
	}
	return s.finishSheet(name)
}

// printArea prints the sheet's first columns, from row 1 to lastRow.
func (s *Summary) printArea(sheet string, columns, lastRow int) error {
	lastCol, _ := excelize.ColumnNumberToName(columns)
	return s.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sheet, lastCol, lastRow),
	})
}

// streamFromSpool gives sh n rows read back from sp, row i at ref(i): the
// sorted sheets (Summary, Agenda) keep only each row's place in the spool
// until their order is known, at Close. The rows are then streamed like
// the other data sheets' (summary_stream.go).
func (s *Summary) streamFromSpool(sh *summarySheet, sp *rowSpool, n int, ref func(i int) spoolRef) error {
	st, err := newRowStream(s.compressor, spoolDir(s.path), sh.name, sh.cols, sh.row+1)
	if err != nil {
		return err
	}
	s.streams[sh.name] = st
	// The rows are read back in the sheet's order, a batch ahead of their
	// writing (ahead): each is a read at its place in the spool and a
	// decoding, and at Close, the run's serial end, the other core is free
	// (100,000 clients: 0.7 s of reading back beside 0.6 s of writing out).
	const batch = 256
	err = ahead.Each((n+batch-1)/batch, func(b int, rows [][]any) ([][]any, error) {
		rows = rows[:0]
		for i := b * batch; i < min(n, (b+1)*batch); i++ {
			// A row's values go where the batch's row was last time.
			var values []any
			if k := len(rows); k < cap(rows) {
				values = rows[:k+1][k][:0]
			}
			values, err := sp.readAt(ref(i), values)
			if err != nil {
				return nil, err
			}
			rows = append(rows, values)
		}
		return rows, nil
	}, func(rows [][]any) error {
		for _, values := range rows {
			if err := st.add(values); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.fillFromStream(sh, st)
}

// fillFromStream records that st's rows follow the rows of sh written so
// far: they are added when the workbook is saved (fillingZip).
func (s *Summary) fillFromStream(sh *summarySheet, st *rowStream) error {
	if sh.row+1 != st.first {
		return fmt.Errorf("summary sheet %s: rows numbered from %d, the first free row is %d", sh.name, st.first, sh.row+1)
	}
	part, err := s.sheetPart(sh.name)
	if err != nil {
		return err
	}
	s.fills[part] = &sheetFill{stream: st}
	sh.row += st.rows
	return nil
}

// sheetPart is the zip entry of sheet name: xl/worksheets/sheetN.xml, N
// its sheet ID in a workbook excelize made (the save checks it was found).
func (s *Summary) sheetPart(name string) (string, error) {
	for id, n := range s.f.GetSheetMap() {
		if n == name {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", id), nil
		}
	}
	return "", fmt.Errorf("summary: no sheet %s", name)
}

// finishSheet sets the autofilter over the sheet's rows and flushes its
// stream, if it has one.
func (s *Summary) finishSheet(name string) error {
	sh := s.sheets[name]
	last, err := excelize.CoordinatesToCellName(len(sh.cols), sh.row)
	if err != nil {
		return err
	}
	first, err := excelize.CoordinatesToCellName(1, sh.header)
	if err != nil {
		return err
	}
	// The autofilter and the data validation are part of the sheet XML
	// the stream writes at Flush, so they are set just before.
	if err := s.f.AutoFilter(name, first+":"+last, nil); err != nil {
		return fmt.Errorf("summary sheet %s: %w", name, err)
	}
	if sh.sw != nil {
		if err := sh.sw.Flush(); err != nil {
			return fmt.Errorf("summary sheet %s: %w", name, err)
		}
		return nil
	}
	// excelize's AutoFilter replaces an ordinary sheet's sheetPr, and with
	// it the fit to page of printSetup (the filler also drops the
	// filterMode it sets: no filter is in force).
	fit := true
	return s.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// writeSummarySheet writes the counts, then the clients in triage order
// (keyLess), read back from the spool by their keys.
func (s *Summary) writeSummarySheet() error {
	sp := s.spools[SheetSummary]
	if err := sp.flush(); err != nil {
		return err
	}
	slices.SortFunc(s.keys, s.keyLess)
	sh, err := s.openSheet(SheetSummary, summaryColumns, summaryHeaderRow, true, false, s.writeCounts)
	if err != nil {
		return err
	}
	s.sheets[SheetSummary] = sh
	if err := s.streamFromSpool(sh, sp, len(s.keys), func(i int) spoolRef { return s.keys[i].ref }); err != nil {
		return err
	}
	// The drop-down covers every client row (one empty row when there
	// are none, so that the sheet still offers it).
	col, _ := excelize.ColumnNumberToName(summaryColDecision + 1)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, summaryFirstClientRow, col, max(sh.row, summaryFirstClientRow))
	if err := dv.SetDropList(strings.Split(summaryDecisionOptions, ",")); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Lawyer decision", "Choose approved, changes needed or declined from the list.")
	dv.SetInput("Lawyer decision", "approved, changes needed or declined")
	if err := s.f.AddDataValidation(SheetSummary, dv); err != nil {
		return fmt.Errorf("summary sheet %s: %w", SheetSummary, err)
	}
	// On paper: the triage columns, not the file references.
	if err := s.printArea(SheetSummary, summaryPrintColumns, sh.row); err != nil {
		return err
	}
	return s.finishSheet(SheetSummary)
}

// writeCounts writes the four rows above the Summary's header: the clients
// by verdict, needs review first, and the total; beside them, how to read
// the sheet.
func (s *Summary) writeCounts(sw rowSink) error {
	asOf := "the run's as-of date"
	if !s.asOf.IsZero() {
		asOf = s.asOf.String() + " (the run's as-of date)"
	}
	problems := "No problems to correct in the input files."
	if s.problems > 0 {
		problems = fmt.Sprintf("Problems to correct in the input files (clients' data, rows not read, ignored columns, rejected files): %d, on the Problems sheet.", s.problems)
	}
	eligible := "Eligible clients: none in this run."
	if s.eligible > 0 {
		eligible = "Eligible clients: check each one's CRS score (column CRS) against recent Express Entry draws before the profile goes in: eligibility is necessary, not sufficient."
	}
	notes := []string{
		"Assessed as of " + asOf + ", or the client's Application Date where one is given (bold when more than 30 days before this run; see Date basis).",
		"Sorted by verdict, then the most urgent date: apply-by for eligible clients, eligible-from for the others; no date last.",
		"Eligible from, for every verdict: the first day from the date assessed on which every requirement is met if the present jobs go on and no new test is taken; blank if none within three years or if rows to fix decide it.",
		"Next step: the first thing to do; every step and every reason is in the opinion. " + eligible,
		"Lawyer decision: choose approved, changes needed or declined; notes beside it.",
		problems,
	}
	total := 0
	for r := range len(notes) {
		var label, count excelize.Cell
		switch {
		case r < 3:
			v := summaryRankVerdicts[r]
			label = excelize.Cell{StyleID: s.styles.verdict[v], Value: summaryVerdictLabels[v]}
			count = excelize.Cell{StyleID: s.styles.count, Value: s.counts[r]}
			total += s.counts[r]
		case r == 3:
			label = excelize.Cell{StyleID: s.styles.total, Value: "Total"}
			count = excelize.Cell{StyleID: s.styles.count, Value: total}
		}
		row := r + 1
		// The label spans the ID and name columns; the count sits in the
		// verdict column, the note in the main reason's and beyond.
		if err := sw.SetRow(fmt.Sprintf("A%d", row), []any{
			label, excelize.Cell{StyleID: label.StyleID}, excelize.Cell{StyleID: label.StyleID}, count,
			excelize.Cell{StyleID: s.styles.note, Value: notes[r]},
		}, excelize.RowOpts{Height: 18}); err != nil {
			return err
		}
		if r > 3 {
			continue
		}
		if err := sw.MergeCell(fmt.Sprintf("A%d", row), fmt.Sprintf("C%d", row)); err != nil {
			return err
		}
	}
	return nil
}

// Abort discards the workbook and its temporary files; nothing is written
// at the path. Safe to call after Close (it does nothing then).
func (s *Summary) Abort() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	err := s.discardSpools()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *Summary) writeRun(run RunInfo) error {
	sh, err := s.openSheet(SheetRun, runColumns, 1, false, true, nil)
	if err != nil {
		return err
	}
	started := run.Started
	if !started.IsZero() {
		// Excel has no time zones: write the wall-clock time the firm saw.
		y, mo, d := started.Date()
		h, mi, sec := started.Clock()
		started = time.Date(y, mo, d, h, mi, sec, 0, time.UTC)
	}
	var startedCell any
	if !started.IsZero() {
		startedCell = excelize.Cell{StyleID: s.styles.runDateTime, Value: started}
	}
	var asOf any
	if !run.AsOf.IsZero() {
		asOf = excelize.Cell{StyleID: s.styles.runDate, Value: run.AsOf.Time()}
	}
	count := func(n int) any { return excelize.Cell{StyleID: s.styles.runNumber, Value: n} }
	rows := [][]any{
		{s.textCell("As-of date"), asOf},
		{s.textCell("Run ID"), s.textCell(run.RunID)},
		{s.textCell("Version"), s.textCell(run.Version)},
		{s.textCell("Started"), startedCell},
		{s.textCell("Duration"), excelize.Cell{StyleID: s.styles.runDuration, Value: run.Duration.Round(time.Second)}},
		{s.textCell("Input files"), count(run.Files)},
		{s.textCell("Rejected files"), count(run.Rejected)},
		{s.textCell("Clients"), count(run.Clients)},
		{s.textCell("Eligible"), count(run.Eligible)},
		{s.textCell("Not eligible"), count(run.NotEligible)},
		{s.textCell("Needs review"), count(run.NeedsReview)},
		{s.textCell("Left in inbox"), count(run.LeftInInbox)},
	}
	if rs := s.rules; rs != nil {
		review := fmt.Sprintf("%s, effective %s, last reviewed %s, next review due %s", rs.ID, rs.EffectiveFrom, rs.Reviewed, rs.NextReview)
		if !run.AsOf.IsZero() && !rs.NextReview.IsZero() && run.AsOf > rs.NextReview {
			review += ": PAST ITS REVIEW DATE, check IRCC's pages before relying on the results"
		}
		rows = append(rows, []any{s.textCell("Rule set"), s.textCell(review)})
	}
	rows = append(rows, [][]any{
		nil,
		{excelize.Cell{StyleID: s.styles.header, Value: "Configuration"}, excelize.Cell{StyleID: s.styles.header, Value: ""}},
	}...)
	// The register's rows go before the configuration's blank line and header.
	rows = slices.Insert(rows, len(rows)-2, s.registerRunRows()...)
	for _, kv := range run.Config {
		rows = append(rows, []any{s.textCell(kv[0]), s.textCell(kv[1])})
	}
	s.sheets[SheetRun] = sh
	for _, r := range rows {
		if err := s.addRow(SheetRun, r); err != nil {
			return err
		}
	}
	return sh.sw.Flush()
}

// spool keeps a data row until Close writes the sheet, or, for a sheet
// written in the order its rows arrive, adds it to the sheet's stream
// (and the row's place is of no use).
func (s *Summary) spool(sheet string, values []any) (spoolRef, error) {
	if st := s.streams[sheet]; st != nil {
		return spoolRef{}, st.add(values)
	}
	ref, err := s.spools[sheet].add(values)
	if err != nil {
		return ref, fmt.Errorf("summary sheet %s: %w", sheet, err)
	}
	return ref, nil
}

func (s *Summary) addRow(sheet string, values []any) error {
	sh := s.sheets[sheet]
	sh.row++
	cell, err := excelize.CoordinatesToCellName(1, sh.row)
	if err != nil {
		return err
	}
	var opts []excelize.RowOpts
	if lines := summaryRowLines(sh.cols, values); lines > 1 {
		opts = append(opts, excelize.RowOpts{Height: float64(lines) * summaryLineHeight})
	}
	if err := sh.sw.SetRow(cell, values, opts...); err != nil {
		return fmt.Errorf("summary sheet %s row %d: %w", sheet, sh.row, err)
	}
	return nil
}

// summaryLineHeight is the height in points of one line of 11-point text.
const summaryLineHeight = 15

// summaryMaxLines caps a row's height: Excel allows 409 points.
const summaryMaxLines = 27

// summaryRowLines is how many lines the row's wrapped cells need. Neither
// Excel nor LibreOffice sizes a row to its wrapped text when it opens a
// file, so the row's height is set from this estimate: words wrapped at
// the column's width, counted in characters (a column's width is measured
// in digit widths, and the average letter of the default font is a little
// narrower, so the estimate errs towards a line too many, never too few).
func summaryRowLines(cols []summaryColumn, values []any) int {
	lines := 1
	for i, v := range values {
		if i >= len(cols) || !cols[i].wrap {
			continue
		}
		c, ok := v.(excelize.Cell)
		if !ok {
			continue
		}
		text, ok := c.Value.(string)
		if !ok {
			continue
		}
		lines = max(lines, wrappedLines(text, int(cols[i].width)-1))
	}
	return min(lines, summaryMaxLines)
}

// wrappedLines counts the lines text takes when its words are wrapped at
// width characters, each line break starting a new line.
func wrappedLines(text string, width int) int {
	width = max(width, 1)
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		n++
		col := 0
		for word := range strings.FieldsSeq(para) {
			w := utf8.RuneCountInString(word)
			switch {
			case col == 0:
				col = w
			case col+1+w <= width:
				col += 1 + w
			default:
				n++
				col = w
			}
			// A word longer than the line breaks over several.
			for col > width {
				n++
				col -= width
			}
		}
	}
	return n
}

// workbookLevel is the compression level of the workbooks' parts, their
// data sheets' rows included (summary_stream.go).
const workbookLevel = 6

// workbookZip is the zip writer of the workbooks cecbatch writes:
// klauspost/compress's deflate at level 6, four times faster than the
// standard library's default level for files 8 % larger (the summary of
// 100,000 clients: 1.3 s and 45 MB against 5.1 s and 42 MB), most of the
// summary's time at the end of a run, when nothing else is left to do.
func workbookZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, workbookLevel)
	})
	return zw
}

func (s *Summary) save() error {
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	keep := false
	defer func() {
		if !keep {
			_ = os.Remove(tmpName)
		}
	}()
	// excelize builds the whole zip in a bytes.Buffer before writing it
	// out (25 MB at 100,000 clients); a zip writer of our own sends it
	// straight to the file instead, and f.Write's buffer stays empty.
	// The data sheets' rows are added on the way (fillingZip).
	zw := &fillingZip{Writer: workbookZip(tmp), fills: s.fills}
	s.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	err = s.f.Write(io.Discard)
	if err == nil {
		err = zw.check()
	}
	if err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp leaves the file private (0600), which is the right default
	// for client data; a caller that shares outputs widens the mode itself
	// (batch applies the configured file mode).
	if err := os.Rename(tmpName, s.path); err != nil {
		return err
	}
	keep = true
	return nil
}

// textCell writes user text as a string cell. excelize's StreamWriter
// writes a Go string as an inline string (t="inlineStr"), never as a
// formula, so "=1+1" or "@SUM(A1)" stays text; the tests read this back.
func (s *Summary) textCell(v string) any {
	return s.styledText(v, s.styles.text)
}

// wrappedCell writes text that may run over several lines.
func (s *Summary) wrappedCell(v string) any {
	return s.styledText(v, s.styles.wrapped)
}

func (s *Summary) styledText(v string, style int) any {
	if v == "" {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: showControls(v)}
}

// showControls writes a bidi override or a control character from a name or
// a file name as its code ("[U+202E]"), as the opinion does, so that no
// spreadsheet reorders or hides the text around it.
func showControls(v string) string {
	if strings.IndexFunc(v, pdf.Escaped) < 0 {
		return v
	}
	var b strings.Builder
	for _, r := range v {
		if pdf.Escaped(r) {
			fmt.Fprintf(&b, "[U+%04X]", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (s *Summary) dateCell(d assess.Date) any {
	if d.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: s.styles.date, Value: d.Time()}
}

func (s *Summary) intCell(v int, ok bool, style int) any {
	if !ok {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: v}
}

var summaryVerdictLabels = map[assess.Verdict]string{
	assess.Eligible:    "Eligible",
	assess.NotEligible: "Not eligible",
	assess.NeedsReview: "Needs review",
}

// verdictCellOf is the client's verdict cell: an eligible client whose
// latest safe date is near is in the warning colour.
func (s *Summary) verdictCellOf(a *assess.Assessment) any {
	if urgentHeadline(english(), a, s.asOf) != "" {
		return excelize.Cell{StyleID: s.styles.urgent, Value: summaryVerdictLabels[assess.Eligible]}
	}
	return s.verdictCell(a.Verdict)
}

func (s *Summary) verdictCell(v assess.Verdict) any {
	label, ok := summaryVerdictLabels[v]
	if !ok {
		return s.textCell(string(v))
	}
	return excelize.Cell{StyleID: s.styles.verdict[v], Value: label}
}

// linkCell is a HYPERLINK formula to the PDF, relative to the workbook (it
// sits in the run folder, next to opinions/). The path is generated by the
// run, but it is checked all the same: anything but a plain relative path
// of letters, digits, '-', '_', '.' and '/' is written as text instead.
func (s *Summary) linkCell(pdf string) any {
	if pdf == "" {
		return nil
	}
	if !summarySafeLinkPath(pdf) {
		return s.textCell(pdf)
	}
	name := filepath.Base(filepath.FromSlash(pdf))
	return excelize.Cell{
		StyleID: s.styles.link,
		Formula: `HYPERLINK("` + pdf + `","` + name + `")`,
		Value:   name,
	}
}

func summarySafeLinkPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, ".") || strings.Contains(p, "..") {
		return false
	}
	for _, r := range p {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) ||
			r == '-' || r == '_' || r == '.' || r == '/') {
			return false
		}
	}
	return true
}

// summaryReasonList is every reason for the verdict, most important first:
// for an eligible client the deadline (what lapses first, and when); then
// data errors (nothing else is sure until they are fixed), failed
// requirements, the lawyer's points and excluded job periods. Notes (hours
// capped, the best test's level) explain rather than decide, and are left
// to the opinion. The first is the sheet's "Main reason".
func summaryReasonList(a *assess.Assessment, runDate assess.Date) []string {
	var all []string
	if a.Verdict == assess.Eligible && !a.EligibleUntil.IsZero() {
		lead := "Apply by " + a.EligibleUntil.String()
		switch head := urgentHeadline(english(), a, runDate); {
		case isPastOn(a.EligibleUntil, runDateOf(a, runDate)):
			lead = "On the application date, the application had to be submitted by " + a.EligibleUntil.String()
		case head != "":
			lead = head
		}
		if a.Lapse.String() != "" {
			lead += ": " + lowerFirst(strings.TrimRight(a.Lapse.String(), ". "))
		}
		all = append(all, lead)
	}
	for _, kind := range []assess.Kind{assess.KindData, assess.KindFailure, assess.KindConcern, assess.KindExclusion} {
		for _, f := range a.Findings {
			if f.Kind == kind {
				all = append(all, f.Code+": "+f.Text.String())
			}
		}
		if kind == assess.KindData {
			for _, pr := range unreportedProblems(a) {
				all = append(all, assess.CodeData+": "+pr.Message.String())
			}
		}
	}
	var parts []string
	seen := make(map[string]bool)
	for _, p := range all {
		p = strings.TrimRight(p, ". ")
		if !seen[p] {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	return parts
}

func summaryYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func summaryYes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// summaryMainRunes is about what fits on one line of the Main reason column.
const summaryMainRunes = 60

// summaryMainReason is the Summary's "Main reason": the first reason, with
// a data error cut to what is wrong (what to do is on Problems), and how
// many more there are (in All reasons and the opinion), so that a row can
// be triaged at a glance.
func summaryMainReason(reasons []string) string {
	if len(reasons) == 0 {
		return ""
	}
	main := reasons[0]
	if strings.HasPrefix(main, assess.CodeData+": ") {
		problem, _ := splitAdvice(main)
		main = strings.TrimSuffix(problem, ".")
	}
	// One line: the first sentence, cut at a word near summaryMainRunes.
	if i := strings.Index(main, ". "); i > 0 {
		main = main[:i]
	}
	if r := []rune(main); len(r) > summaryMainRunes {
		cut := string(r[:summaryMainRunes])
		if sp := strings.LastIndexByte(cut, ' '); sp > summaryMainRunes/2 {
			cut = cut[:sp]
		}
		main = strings.TrimRight(cut, " ,;:") + "…"
	}
	if n := len(reasons) - 1; n > 0 {
		main += fmt.Sprintf(" (+%d)", n)
	}
	return main
}
