// Package ingest reads the intake workbooks that paralegals fill in and
// turns them into assess.Client values, reporting every problem to the cell.
//
// The workbook format is the contract of the project's README (sheets
// Clients, Employment, Language Tests and Study, columns in any order). A
// sheet is known by its name or synonym, or else by its header row: the
// kind whose required columns are all there (sheets.go). ReadFile checks
// the size and the first bytes of a file before excelize opens it, so that
// an old .xls, a password-protected workbook, a renamed CSV or a zip bomb
// is rejected with a *FileError whose text says what to do; then it reads
// each sheet's header row to know what it is, checks the XML of the sheets
// to read (damage, formulas with no saved value) in one streaming pass,
// and streams each of them once, row by row, so memory stays bounded
// whatever the number of rows: with excelize's Rows iterator, or, for a
// sheet whose cells the scan found plain, with a reader of the same bytes
// that gives the same rows at a fraction of the cost (rows.go).
//
// Problems come in three kinds:
//
//   - a *FileError rejects the whole file (the run quarantines it);
//   - a row-level problem (a bad date, an unknown word, a formula with no
//     saved value…) becomes an assess.Problem on the client the row belongs
//     to, which makes that client needs_review; a job or test row with a
//     problem is still handed on, with its cells as typed in Entered, so
//     that the opinion shows it as entered and not assessed; a study row
//     that has no readable dates is left out, and its problem says why;
//   - everything else goes to Workbook.Problems: a row that belongs to no
//     client (blank or unknown Client ID; an error), and the warnings: an
//     ignored column or sheet, two sheets of one kind, and the notes on
//     cells read in a way worth a look (an End Date "Present" read as
//     blank, an ambiguous date read by its column's other dates), which
//     carry the ClientID of their row.
//
// Workbook.AllProblems is the one list for callers that show problems
// (check, the summary, the run's log): every problem of both lists as a
// Problem with its file, sheet, cell, client and Warning flag, in sheet,
// row and column order. Nothing ingest finds is only logged.
//
// Messages name a column by its header as the workbook spells it, in
// quotes ("Hours per week (avg)" is blank), so that they read the same
// when a caller lowers the first letter of a sentence.
//
// A number in a date cell is an Excel date only when it is a plausible
// date of its column (dates.go): a bare year, a number typed as text (told
// from a number cell by the scan of the sheet's XML, textdates.go) or a
// number far from any date of an intake is a problem asking for the full
// date, and the row is shown as typed.
//
// Without a configured date order, a numeric date that reads as two real
// days ("1/9/2022") is read in the order that every other unambiguous
// numeric date of its column shows ("14/08/1994"). The sheet is still read
// once: rows with such a date wait until its last row, then are read and
// put back in row order.
//
// Two sheets of one kind are both read; a row of one that repeats a row of
// the other value for value is a problem of its client, since a copied
// sheet ("Employment (2)") would count its hours twice.
//
// A Client ID used twice in one workbook flags both clients: the rows of
// the other sheets carry only the ID, so they are given to the first client
// and neither client's assessment can be trusted until one ID changes.
// RunIDs finds the same ID in two workbooks of one run.
//
// Client IDs are compared without regard to case or surrounding spaces
// ("c-001" is "C-001"). A blank Given Names is not a problem: a client with
// a single name writes it as the family name, as on IRCC forms. Scores are
// passed on as written, and NOC codes as their digits (111 stays "111").
// Ingest reads syntax (is this a date, a number, a known word); assess
// judges meaning: whether a score is on its test's scale, a TEER agrees
// with its NOC code, an end date follows its start, the hours are between
// 0 and 168. Each check has one owner, so a problem is reported once.
//
// The vocabulary columns (statuses, employment types, work authorizations,
// provinces, test names, the opinion's language) take every spelling of the README's intake tables in any
// case, with or without accents and punctuation; an unknown word gets the
// nearest accepted one as a suggestion (suggest.go). Location is read
// against Statistics Canada's census metropolitan areas and agglomerations
// and the CLDR names of countries (places.go): a place that is neither is
// a problem, never silently "abroad"; a bare name of a Canadian place that
// is also well known abroad is Canada with Job.PlaceDoubt set.
//
// WriteTemplate writes the blank intake workbook, with drop-downs, checks
// and a worked example client on a sheet of its own that is never read
// (template_example.go). A row that keeps the example's values is a
// problem on each such cell (example.go); the example row of older
// templates, on the data sheets, is recognised (its Client ID and Family
// Name) and skipped with a note.
package ingest
