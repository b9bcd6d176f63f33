package report

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// Sheet names of summary.xlsx, in tab order.
const (
	SheetSummary  = "Summary"
	SheetWork     = "Work"
	SheetLanguage = "Language"
	SheetRejected = "Rejected files"
	SheetRun      = "Run"
	// SheetExpressEntry (summary_ee.go) follows Language.
)

// summaryColumn is one column of a sheet: its header and its width in
// characters, set before the first row as the StreamWriter requires.
type summaryColumn struct {
	header string
	width  float64
}

var (
	summaryColumns = []summaryColumn{
		{"Client ID", 12}, {"Family name", 18}, {"Given names", 18}, {"Verdict", 13},
		{"Assessed on", 11.5}, {"Qualifying hours", 10}, {"Required CLB", 9}, {"Achieved CLB", 9},
		{"Eligible from", 11.5}, {"Eligible until", 11.5}, {"Main reasons", 60}, {"Next steps", 60},
		{"Opinion PDF", 36}, {"Source file", 22}, {"Intake row", 12},
		{"CRS", 10}, {"Categories met", 24},
	}
	workColumns = []summaryColumn{
		{"Client ID", 12}, {"Employer", 28}, {"Title", 22}, {"NOC", 7}, {"TEER", 6},
		{"Start", 11.5}, {"End", 11.5}, {"h/week", 7}, {"Hours credited", 10}, {"Hours uncapped", 10},
		{"Status", 15}, {"Excluded why", 60}, {"Intake row", 16},
	}
	languageColumns = []summaryColumn{
		{"Client ID", 12}, {"Test", 20}, {"Recognised as", 20}, {"Date", 11.5}, {"Valid until", 11.5},
		{"Listening", 9}, {"CLB L", 7}, {"Reading", 9}, {"CLB R", 7}, {"Writing", 9}, {"CLB W", 7},
		{"Speaking", 9}, {"CLB S", 7}, {"Level", 7}, {"Valid", 7}, {"Best", 6}, {"Why not", 40},
		{"Intake row", 18},
	}
	rejectedColumns = []summaryColumn{{"File", 36}, {"Reason", 100}}
	runColumns      = []summaryColumn{{"Item", 24}, {"Value", 60}}
)

// summaryFont is excelize's default font; a style's font must name it, or
// LibreOffice falls back to a serif face for that cell.
const summaryFont = "Calibri"

// summaryMaxReasons bounds the "Main reasons" cell: the PDF and
// results.jsonl carry every finding; the summary is for triage.
const summaryMaxReasons = 6

// summaryListSeparator joins reasons and steps on one line: each client
// stays one row high, which is what makes the sheet scannable.
const summaryListSeparator = " • "

// Summary streams summary.xlsx: one row per client on Summary, one per job
// period on Work, one per test on Language, with excelize's StreamWriter so
// that 100,000 clients stay in bounded memory (rows go to temporary files,
// not to the heap). Safe for concurrent use; rows appear in call order.
//
// Every text from the intake is written as a string cell, never as a
// formula, whatever its first character. The one formula is the HYPERLINK
// to the client's PDF, built only from the PDF path the run generated (see
// OpinionFileName); a real hyperlink is not used because a worksheet holds
// at most 65,530 of them and the StreamWriter cannot write them.
type Summary struct {
	mu     sync.Mutex
	path   string
	f      *excelize.File
	sheets map[string]*summarySheet
	// spools hold the data sheets' rows until Close (see rowSpool).
	spools map[string]*rowSpool
	styles summaryStyles
	done   bool
}

// spooledSheets are the sheets whose rows arrive during the run, in the
// order Close writes them, with their columns.
var spooledSheets = []struct {
	name string
	cols []summaryColumn
}{
	{SheetSummary, summaryColumns}, {SheetWork, workColumns},
	{SheetLanguage, languageColumns}, {SheetExpressEntry, expressEntryColumns}, {SheetRejected, rejectedColumns},
}

type summarySheet struct {
	name string
	sw   *excelize.StreamWriter
	cols int
	row  int // the last row written
}

type summaryStyles struct {
	header, date, hours, number, clb, link, text, centred int
	// The Run sheet's values sit in one wide column: all left-aligned.
	runDate, runDateTime, runDuration, runNumber int
	verdict                                      map[assess.Verdict]int
}

// NewSummary prepares summary.xlsx at path. Nothing is written at path
// until Close, which writes the workbook under a temporary name in the same
// folder and renames it into place, so a killed run never leaves a
// summary.xlsx that looks complete. Call Abort instead of Close to give up.
func NewSummary(path string) (*Summary, error) {
	f := excelize.NewFile()
	s := &Summary{path: path, f: f, sheets: make(map[string]*summarySheet), spools: make(map[string]*rowSpool)}
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
	for _, name := range []string{SheetWork, SheetLanguage, SheetExpressEntry, SheetRejected, SheetRun} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := s.makeStyles(); err != nil {
		return err
	}
	for _, sh := range spooledSheets {
		sp, err := newRowSpool(spoolDir(s.path), sh.name)
		if err != nil {
			return err
		}
		s.spools[sh.name] = sp
	}
	return nil
}

func (s *Summary) discardSpools() error {
	var first error
	for name, sp := range s.spools {
		if err := sp.discard(); err != nil && first == nil {
			first = err
		}
		delete(s.spools, name)
	}
	return first
}

// openSheet starts a stream on a sheet: widths, frozen header and the
// header row, all of which must precede the data rows.
func (s *Summary) openSheet(name string, cols []summaryColumn, freeze bool) (*summarySheet, error) {
	// Printed, a sheet is landscape, one page wide, with the header row
	// on every page. fitToPage lives in sheetPr, which the stream writes
	// as it starts; the page setup is written at Flush.
	fit, landscape, oneWide, anyHigh := true, "landscape", 1, 0
	if err := s.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	if err := s.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Orientation: &landscape, FitToWidth: &oneWide, FitToHeight: &anyHigh,
	}); err != nil {
		return nil, err
	}
	if err := s.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: "'" + name + "'!$1:$1", Scope: name,
	}); err != nil {
		return nil, err
	}
	sw, err := s.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if freeze {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}); err != nil {
			return nil, err
		}
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: s.styles.header, Value: c.header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	return &summarySheet{name: name, sw: sw, cols: len(cols), row: 1}, nil
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
	s.styles.header = style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: summaryFont, Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	centre := &excelize.Alignment{Vertical: "top", Horizontal: "center"}
	s.styles.text = style(&excelize.Style{Alignment: top})
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
	s.styles.number = style(&excelize.Style{CustomNumFmt: str("0"), Alignment: top})
	// CLB 0 means below CLB 4: a number for sorting and filtering, shown
	// in words.
	s.styles.clb = style(&excelize.Style{CustomNumFmt: str(`0;-0;"below 4"`), Alignment: top})
	s.styles.link = style(&excelize.Style{Font: &excelize.Font{Family: summaryFont, Size: 11, Color: "0563C1", Underline: "single"}, Alignment: top})
	s.styles.verdict = map[assess.Verdict]int{
		assess.Eligible: style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: "006100"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}, Alignment: top}),
		assess.NotEligible: style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: "9C0006"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}, Alignment: top}),
		assess.NeedsReview: style(&excelize.Style{Font: &excelize.Font{Bold: true, Family: summaryFont, Size: 11, Color: "7A4F00"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}, Alignment: top}),
	}
	return err
}

// AddClient writes the client's row on Summary, one row per job period on
// Work and one per test on Language. opinionPDF is the PDF's path relative
// to the run folder, or "" when none was written.
func (s *Summary) AddClient(a *assess.Assessment, opinionPDF string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	c := a.Client
	if c == nil {
		c = &assess.Client{}
	}
	row := []any{
		s.textCell(c.ID), s.textCell(c.FamilyName), s.textCell(c.GivenNames),
		s.verdictCell(a.Verdict), s.dateCell(a.AssessedOn),
		excelize.Cell{StyleID: s.styles.hours, Value: roundTenth(a.QualifyingHours)},
		s.intCell(a.RequiredCLB, a.RequiredCLB > 0, s.styles.number),
		s.intCell(a.LanguageCLB, a.LanguageCLB >= 0, s.styles.clb),
		s.dateCell(a.EligibleFrom), s.dateCell(summaryEligibleUntil(a)),
		s.textCell(summaryReasons(a)), s.textCell(strings.Join(NextSteps(a), summaryListSeparator)),
		s.linkCell(opinionPDF), s.textCell(c.SourceFile), s.textCell(c.Ref.RowCell()),
		s.textCell(SummaryCRS(a.ExpressEntry)), s.textCell(SummaryCategoriesMet(a.ExpressEntry)),
	}
	if err := s.spool(SheetSummary, row); err != nil {
		return err
	}
	if a.ExpressEntry != nil {
		if err := s.spool(SheetExpressEntry, s.expressEntryRow(a)); err != nil {
			return err
		}
	}
	for i, j := range c.Jobs {
		if err := s.spool(SheetWork, s.workRow(a, i, j)); err != nil {
			return err
		}
	}
	for i, t := range c.Tests {
		if err := s.spool(SheetLanguage, s.languageRow(a, i, t)); err != nil {
			return err
		}
	}
	return nil
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
		status = s.textCell(strings.ReplaceAll(string(jr.Status), "_", " "))
		var parts []string
		for _, x := range jr.Exclusions {
			part := x.Code
			if !x.From.IsZero() {
				part += fmt.Sprintf(" %s to %s (%d days)", x.From, x.To, x.Days)
			}
			if x.Reason != "" {
				part += ": " + strings.TrimRight(x.Reason, ". ")
			}
			parts = append(parts, part)
		}
		why = s.textCell(strings.Join(parts, summaryListSeparator))
	}
	return []any{
		s.textCell(a.Client.ID), s.textCell(j.Employer), s.textCell(j.Title), s.textCell(j.NOC),
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
	if why == "" && !tr.Accepted {
		why = tr.Refused
	}
	return append(row, s.intCell(tr.Level, true, s.styles.clb), s.styledText(summaryYesNo(tr.Valid), s.styles.centred),
		s.styledText(summaryYes(tr.Best), s.styles.centred), s.textCell(why), s.textCell(t.Ref.RowCell()))
}

// AddRejected writes one row on "Rejected files".
func (s *Summary) AddRejected(file, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return errSummaryClosed
	}
	return s.spool(SheetRejected, []any{s.textCell(file), s.textCell(reason)})
}

// RunInfo is what the Run sheet records about the run.
type RunInfo struct {
	RunID    string
	AsOf     assess.Date
	Version  string
	Started  time.Time
	Duration time.Duration

	Files, Rejected, Clients, Eligible, NotEligible, NeedsReview int

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
		sh, err := s.openSheet(name, spooled.cols, true)
		if err != nil {
			return err
		}
		s.sheets[name] = sh
		if err := s.spools[name].replay(func(values []any) error { return s.addRow(name, values) }); err != nil {
			return err
		}
		// The spool is not needed once its rows are in the stream.
		if err := s.spools[name].discard(); err != nil {
			return err
		}
		delete(s.spools, name)
		last, err := excelize.CoordinatesToCellName(sh.cols, sh.row)
		if err != nil {
			return err
		}
		// The autofilter is part of the sheet XML the stream writes at
		// Flush, so it is set just before.
		if err := s.f.AutoFilter(name, "A1:"+last, nil); err != nil {
			return fmt.Errorf("summary sheet %s: %w", name, err)
		}
		if err := sh.sw.Flush(); err != nil {
			return fmt.Errorf("summary sheet %s: %w", name, err)
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
	sh, err := s.openSheet(SheetRun, runColumns, false)
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
		nil,
		{excelize.Cell{StyleID: s.styles.header, Value: "Configuration"}, excelize.Cell{StyleID: s.styles.header, Value: ""}},
	}
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

// spool keeps a data row until Close writes the sheet.
func (s *Summary) spool(sheet string, values []any) error {
	if err := s.spools[sheet].add(values); err != nil {
		return fmt.Errorf("summary sheet %s: %w", sheet, err)
	}
	return nil
}

func (s *Summary) addRow(sheet string, values []any) error {
	sh := s.sheets[sheet]
	sh.row++
	cell, err := excelize.CoordinatesToCellName(1, sh.row)
	if err != nil {
		return err
	}
	if err := sh.sw.SetRow(cell, values); err != nil {
		return fmt.Errorf("summary sheet %s row %d: %w", sheet, sh.row, err)
	}
	return nil
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
	s.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(tmp) })
	if err := s.f.Write(io.Discard); err != nil {
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

func (s *Summary) styledText(v string, style int) any {
	if v == "" {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: v}
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

// summaryReasons is the "Main reasons" cell: data errors first (nothing else
// is sure until they are fixed), then failed requirements, the lawyer's
// points and excluded job periods; notes are left to the opinion. For an
// eligible client it is the deadline: what lapses first, and when.
func summaryReasons(a *assess.Assessment) string {
	var all []string
	if a.Verdict == assess.Eligible && !a.EligibleUntil.IsZero() {
		lead := "Apply by " + a.EligibleUntil.String()
		if a.Lapse != "" {
			lead += ": " + strings.TrimRight(a.Lapse, ". ")
		}
		all = append(all, lead)
	}
	for _, kind := range []assess.Kind{assess.KindData, assess.KindFailure, assess.KindConcern, assess.KindExclusion} {
		for _, f := range a.Findings {
			if f.Kind == kind {
				all = append(all, f.Code+": "+f.Text)
			}
		}
		if kind == assess.KindData {
			for _, pr := range unreportedProblems(a) {
				all = append(all, assess.CodeData+": "+pr.Message)
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
	if len(parts) > summaryMaxReasons {
		more := len(parts) - summaryMaxReasons
		parts = append(parts[:summaryMaxReasons], fmt.Sprintf("and %d more in the opinion", more))
	}
	return strings.Join(parts, summaryListSeparator)
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
