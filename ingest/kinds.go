package ingest

import "strings"

// A workbook's own problems (a row of no client, an ignored column or
// sheet) may quote what the paralegal typed: a Client ID that is really
// a client's name ("Quillfeather, Marisol"), a column header that holds a
// note about a client. The outputs quote it, for the person who fixes the
// workbook; the nightly run's log, which cron mails, must not. So the log
// names the cell and the problem's kind, in words of cecbatch's own.

// problemKinds map a phrase of each problem ReadFile records on the
// workbook to its kind; the phrases are cecbatch's own wording, never a
// quoted value, and TestProblemKinds makes each of them happen.
var problemKinds = []struct{ phrase, kind string }{
	{"but no header, so it was ignored", "values in a column without a header (ignored)"},
	{"is not one cecbatch reads, so it was ignored", "a column cecbatch does not read (ignored)"},
	{"(the first is column", "a second column of the same kind (ignored)"},
	{"is blank, so this row belongs to no client", "a row with a blank Client ID (not read)"},
	{"is not on the Clients sheet, so this row belongs to no client", "a row whose Client ID is not on the Clients sheet (not read)"},
	{"formula with no saved value, so this row belongs to no client", "a Client ID that is a formula with no saved value (row not read)"},
	{"is blank, so this client cannot be assessed", "a client with a blank Client ID (not assessed)"},
	{"the template's worked example", "the template's worked example (skipped)"},
	{"has a Client ID column but its headers match no intake sheet", "a sheet whose headers match no intake sheet (not read)"},
	{"were read; if one is an old copy", "two sheets of the same kind (both read)"},
}

// ProblemKind says what kind of problem p is, quoting nothing from the
// workbook: for a log line beside p's cell, where p.Message may quote
// a cell. A problem it does not know is named by its severity only.
func ProblemKind(p Problem) string {
	for _, k := range problemKinds {
		if strings.Contains(p.Message, k.phrase) {
			return k.kind
		}
	}
	if p.Warning {
		return "a warning (see the summary's Problems sheet)"
	}
	return "a problem (see the summary's Problems sheet)"
}
