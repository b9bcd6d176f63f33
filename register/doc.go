// Package register is the client register: one SQLite database
// (register.db) that remembers every client across nights, so that the
// nightly run re-assesses the open clients on each night's date, says
// what changed and diarizes the dates that matter (REGISTER.md).
//
// It is an adapter around database/sql and modernc.org/sqlite (pure Go,
// so the Windows and macOS builds stay cgo-free) that speaks the domain
// types: a client's facts are an assess.Client stored whole (facts.go),
// its outcome is what "changed" compares (outcome.go), and its dated
// items come from one pure function (agenda.go). batch stages what a run
// learns and commits it in one transaction per input file and one for the
// re-assessment (night.go); the register commands read and edit it
// (commands.go).
//
// The register never guesses: a register it cannot read stops the run
// before any input moves (DamagedError), one written by a newer cecbatch
// is refused unaltered (NewerError), and a schema migration is taken in
// one transaction after a backup of the old file.
package register
