// Package report writes what the firm reads: each client's documents for
// the reviewing lawyer (the opinion draft for the file, as PDF and DOCX),
// the summary workbook the paralegals triage from, and results.jsonl for
// scripts and case-management imports.
//
// A client's documents are built once as a document model (report/doc)
// and rendered twice: by report/pdf (DejaVu Sans, real text, "Page N of
// M", byte-identical for the same input) and by report/docx (Word styles,
// tables, the timeline as a picture, a firm's reference document). The
// opinion (memo: opinion.go, with timeline.go, express_entry.go and
// opinion_rows.go) opens with the letterhead, the client, a plain-language
// conclusion and "the case at a glance", a timeline of the 36-month
// window; then one section per requirement, the work and language tables,
// data problems, next steps, notes and what the engine does not decide.
// Every page is marked DRAFT. OpinionRenderer.Files renders what the
// configuration asks for; names in any Latin script, Greek and Cyrillic
// print in the PDF, and a character its font lacks is printed as a
// visible [U+XXXX] marker and reported as a PDF-GLYPH finding
// (Unprintable).
//
// Every sentence the builders write goes through the message catalog
// (locale.go, messages_fr.go): the documents are in the client's language.
//
// The summary workbook, results.jsonl, the next-steps list (NextSteps) and
// safe file names (OpinionFileName) are the other half of the package.
package report
