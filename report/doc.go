// Package report writes what the firm reads: one PDF opinion draft per
// client for the reviewing lawyer, the summary workbook the paralegals triage
// from, and results.jsonl for scripts and case-management imports.
//
// The opinion (OpinionRenderer) opens with the letterhead, the client, a
// plain-language conclusion and "the case at a glance", a timeline of the
// 36-month window, the job periods, study, tests and the dates that decide
// the file; then one section per requirement, the work and language tables,
// data problems, next steps, notes and what the engine does not decide.
// Every page is marked DRAFT and numbered "Page N of M". The same inputs and
// as-of date give byte-identical PDFs. Names in any Latin script, Greek and
// Cyrillic print with DejaVu Sans and extract exactly; a character the font
// lacks is printed as a visible [U+XXXX] marker and reported as a PDF-GLYPH
// finding (Unprintable).
//
// Fonts are prepared once per process: each opinion embeds a subset of a
// pre-cut DejaVu Sans as a one-byte TrueType font, which makes an opinion
// several times cheaper than fpdf's per-document UTF-8 font handling.
//
// The summary workbook, results.jsonl, the next-steps list (NextSteps) and
// safe opinion file names (OpinionFileName) are the other half of the
// package.
package report
