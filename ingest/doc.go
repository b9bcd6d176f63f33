// Package ingest reads the intake workbooks that paralegals fill in and
// turns them into assess.Client values, reporting every problem to the cell.
//
// The workbook format is the contract of the project's README (sheets
// Clients, Employment, Language Tests and Study, matched by name or synonym,
// columns in any order). ReadFile checks the size and the first bytes of a
// file before excelize opens it, so that an old .xls, a password-protected
// workbook, a renamed CSV or a zip bomb is rejected with a *FileError whose
// text says what to do; then it streams each sheet once with excelize's
// Rows iterator, so memory stays bounded whatever the number of rows.
//
// Problems come in three kinds:
//
//   - a *FileError rejects the whole file (the run quarantines it);
//   - a row-level problem (a bad date, an unknown test, an end before a
//     start…) becomes an assess.Problem on the client the row belongs to,
//     which makes that client needs_review; a row that cannot be used at all
//     (no readable start date or hours) is left out of the client's jobs,
//     tests or studies, and its problem says why;
//   - a row that belongs to no client (blank or unknown Client ID) and the
//     warnings about ignored columns go to Workbook.Problems.
//
// A Client ID used twice in one workbook flags both clients: the rows of
// the other sheets carry only the ID, so they are given to the first client
// and neither client's assessment can be trusted until one ID changes.
// RunIDs finds the same ID in two workbooks of one run.
//
// Client IDs are compared without regard to case or surrounding spaces
// ("c-001" is "C-001"). A blank Given Names is not a problem: a client with
// a single name writes it as the family name, as on IRCC forms. Scores are
// passed on as written, and NOC codes as their digits (111 stays "111"):
// whether a score is on its test's scale and whether a TEER agrees with its
// NOC code are the engine's questions, since assess owns the scales.
//
// WriteTemplate writes the blank intake workbook, with drop-downs and an
// example client that ReadFile reads back without a problem.
package ingest
