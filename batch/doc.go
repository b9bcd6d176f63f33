// Package batch runs one night's work: it takes the intake workbooks in the
// inbox, assesses every client on a bounded pool of workers, writes the run
// folder, and then archives or quarantines each input.
//
// The promises it keeps, and how:
//
//   - One run per inbox. A lock in the inbox (flock(2) on unix, released by
//     the kernel when the process dies; a PID file on Windows) makes a
//     second run fail at once with ErrLocked, and a crashed run never
//     blocks the next one.
//   - Nothing half-written. The run folder is named "<run-id>.incomplete"
//     until results.jsonl and summary.xlsx are in it and flushed; inside
//     it the opinions are written under their final names (the folder's
//     name says none of it is finished). Every other file is written
//     under a temporary name and renamed into place.
//   - No input lost. Inputs are moved only at the very end, after the run
//     folder is complete and flushed to disk; a run that is killed leaves
//     every input in the inbox for the next run, which finishes or undoes
//     the move it cut short (a marker per input in StateDir, beside the
//     outputs). A moved file never overwrites another: a clash gets a
//     "-2", "-3" suffix.
//   - Nothing in the inbox is trusted. Anyone who drops workbooks can
//     write there, so the run's records are kept out of it (StateDir,
//     private to the account that runs cecbatch), a record is acted on
//     only inside the inbox, archive and quarantine folders, and the lock
//     file is never followed through a link.
//   - The file assessed is the file archived. Each input is opened without
//     following links or blocking, checked to be a regular file, and
//     copied once into a private snapshot, which is read and archived; the
//     inbox file is taken out (renamed to a hidden claim name in the
//     inbox) and removed only if it is still the file that was read (same
//     identity and hash), else it goes back to the inbox for the next run.
//   - A failed run looks failed. A run that fails after its folder is
//     complete (moving the inputs) renames it "<run-id>-FAILED", with
//     FAILED.txt and a last results.jsonl line saying which inputs'
//     results stand; its folder is not returned as the run's.
//   - A file that kills runs stops only itself: one being read when two
//     runs in a row died is quarantined as "stopped two runs".
//   - One bad item does not stop the run. A workbook that cannot be read is
//     quarantined with a report; a client whose assessment or opinion
//     panics is recorded as that client's failure (needs_review, code
//     INTERNAL). Only a failure of the run itself (an output that cannot
//     be written) stops it, and then no input is touched.
//   - Bounded memory. At most Workers+1 workbooks are in flight (a
//     workbook's clients and their assessments are held until its rows are
//     written), and clients go to the workers one at a time, so only
//     Workers rendered opinions exist at once whatever the size of the
//     inbox. Clients enter the pool file after file, so the earliest file
//     finishes first.
//   - Deterministic outputs. Files are taken in name order, and opinion
//     file names and the rows of results.jsonl and summary.xlsx are
//     settled in that order, whatever the workers do. A first pass
//     (Engine.Prescan) sees every workbook before any is read, so a
//     client ID used in two workbooks is flagged in both, and the
//     progress bar knows its total from the start.
//   - Nothing to do, nothing written. An inbox with no input to take makes
//     no run folder and no output folder.
//
// The work on each client (reading, assessing, rendering, the summary and
// results writers) is the Engine, passed in by the command: batch knows the
// lifecycle, not the law or the file formats.
package batch
