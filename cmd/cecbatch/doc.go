/*
cecbatch assesses immigration clients under the Canadian Experience Class
(IRPR s. 87.1) from the intake workbooks paralegals drop in an inbox, and
writes one PDF opinion draft per client for the reviewing lawyer, a
summary workbook and a machine-readable results file.

Usage:

	cecbatch run [flags]           assess every workbook in the inbox (the nightly job)
	cecbatch check [flags] FILE|DIR...
	                               do what run would do to workbooks; write nothing
	cecbatch FILE.xlsx...          what dropping workbooks on the program does:
	                               check them, then wait for Enter on a console
	cecbatch template [--force] FILE
	                               write a blank intake workbook, with instructions
	cecbatch rules [--pdf FILE]    print the rule book in force (Markdown, or a PDF)
	cecbatch register COMMAND      the client register across nights: list, show,
	                               close, reopen, export, backup, check, purge
	cecbatch version               print the version, commit and build date
	cecbatch help                  print this manual (cecbatch CMD --help or
	                               cecbatch help CMD: that command's usage and flags)

# cecbatch run

Takes every .xlsx file directly in the inbox (not in sub-folders) and, for
each client, assesses the CEC requirements on the assessment date (the
client's Application Date, else --as-of) and writes the outputs into a new
run folder:

	<out>/<YYYYMMDD-HHMMSS>/       (local start time; -2, -3 if it exists)
	  results.jsonl                one JSON object per client, then per input file
	  summary.xlsx                 sheets Summary, Changes, Agenda (with a register), Problems,
	                               Work, Language, Express Entry, Rejected files, Run
	  agenda.ics, digest.txt       the register's calendar and morning digest
	  opinions/<ID>_<Family>_<Given>_CEC-opinion.pdf

The last line of standard output is the run folder's path (also with
--quiet), so a script can pick it up with `tail -n 1`. An inbox with
nothing to take (empty, or only files that are left alone) makes no run
folder and no other folder: the run logs "nothing to do" (at the info
level, so a quiet night under cron with --quiet mails nothing), prints
nothing on standard output and exits 0, so `tail -n 1` is empty; a
script tests it with [ -n "$dir" ] before using it.

Before any workbook is read, a first pass reads the Clients sheet of
every workbook: it counts the clients, so that the progress bar's total,
percentage and time left are right from the start, and it collects every
Client ID, so that an ID used in two workbooks of the run is flagged in
each of them (each client's opinion names the other workbook and cell),
not only in the later one. An ID in more than six workbooks (copies of
one workbook) names five of the others and counts the rest.

What happens to the files in the inbox:

  - Office lock files (~$name.xlsx, .~lock.name.xlsx#), hidden files and
    files modified in the last --min-age (they may still be being copied)
    are left alone; the next run takes them.
  - A workbook that is read is moved to --archive after the run folder is
    complete: results.jsonl and summary.xlsx are written, all the opinions
    are in place, and everything is flushed to disk.
  - A file that cannot be read (.xls, .csv, password-protected, damaged,
    missing the Clients sheet or a required column, over the limits) is
    moved to --quarantine with NAME.report.txt beside it saying what is
    wrong and what to do. Problems on single rows do not reject the file:
    the client concerned is marked needs_review and the problem is listed
    in the opinion, the summary and results.jsonl.
  - A file never overwrites another in the archive or the quarantine: a
    name that is taken gets -2, -3 before the extension.
  - What is archived is what was assessed: each file is read once (never
    through a link, only if it is a regular file) into a private snapshot,
    which is assessed and archived. A workbook saved again during the run:
    the version assessed is archived, the new one is left in the inbox for
    the next run, with a warning; a file with
    other (hard-linked) names is copied, never changed in place. A file
    dated in the future (a clock that is ahead) is taken, with a warning,
    if it does not change between two looks.
  - A workbook that was being read when two runs in a row died (killed,
    out of memory) is quarantined as "stopped two runs".
  - --keep-inputs leaves the inbox exactly as it was (trial runs). A file
    that would have been quarantined is still reported (and the exit
    status is still 1), but it stays where it is. A trial run works on a
    throwaway copy of the client register: the register and the output
    folder's agenda.ics are left as they were.

Only one run works on an inbox at a time: a second run exits 3 at once.
The lock is released by the operating system if the run crashes, so a
crashed run never blocks the next one.

Nothing is ever half-written. The run folder is named <run-id>.incomplete
until it is complete (its opinions are written there under their own
names), and every other file is written under a temporary name and
renamed into place. A run that is killed (power cut, kill -9) leaves its
inputs in the inbox and the next run processes them again, finishing or
undoing a move it cut short (its records are in the hidden folder
.cecbatch-state of the output folder, private to the account that runs
cecbatch: nothing in the inbox, which everyone who drops workbooks can
write, is trusted); an .incomplete folder left behind can be deleted.

SIGINT (Ctrl-C) or SIGTERM stops the run cleanly within a second or two,
even in the middle of reading a workbook: no new client is
started, the opinions being drafted are finished, the workbooks whose
clients were all done are written up and archived, the others are left in
the inbox, and cecbatch exits 130. A second Ctrl-C kills it at once (which
is also safe).

A client whose assessment or opinion fails because of a bug in cecbatch
is not lost: it is reported as needs_review with the finding code
INTERNAL and no opinion, the error is logged, and the run goes on.

Memory stays bounded whatever the inbox holds: every part of a workbook is
measured before it is opened (limits.max_part_mb and the element counts),
so a crafted file that would unpack to gigabytes is quarantined in under a
second; at most workers+1 workbooks are held at once, only one opinion per worker, and the summary's
rows wait in temporary files in the run folder until the end of the run.
cecbatch sets the Go runtime's garbage collector to GOGC=400 with a soft
memory limit of 100 MiB; the environment variables GOGC and GOMEMLIMIT
(e.g. GOMEMLIMIT=300MiB) override them.

Flags of run (each is also a configuration key, see below):

	--config FILE          YAML configuration file (default ./cecbatch.yaml if present)
	--inbox DIR            where intake workbooks are dropped (default ./inbox)
	--out DIR              where each run's folder is written (default ./out)
	--archive DIR          where processed inputs are moved (default ./archive)
	--quarantine DIR       where rejected inputs are moved (default ./quarantine)
	--as-of YYYY-MM-DD     assessment date for clients with no Application Date
	                       (default today, in the configured time zone);
	                       2000-01-01 to 2100-12-31
	--workers N            concurrent workers (default: the number of CPUs)
	--keep-inputs          leave the inbox untouched
	--min-age DURATION     skip files modified more recently (default 60s)
	--date-order DMY|MDY   how to read ambiguous dates like 03/04/2024
	                       (default: by the other dates of their column, else
	                       data errors naming the cell)
	--quiet                no progress bar; log only warnings and errors
	--log-format text|json log format on standard error (default text)
	--timezone ZONE        IANA time zone, e.g. America/Toronto (default: the system's)
	--register FILE        the client register (default <out>/register.db)
	--no-register          run without the register this once
	--digest               print the morning digest on stdout, the run folder
	                       still last (for cron's mail)
	--cpuprofile FILE      write a Go CPU profile of the run (go tool pprof FILE)
	--memprofile FILE      write a Go heap profile taken at the run's largest
	                       live heap, with the run's allocations up to then

Logs go to standard error: one line per input file with its counts and
timing, a final summary line (files processed, rejected, left_in_inbox:
every file left in the inbox, too recent, an Office lock file or not
finished), and every warning and error. Every problem with a file (a row
whose Client ID is not on the Clients sheet) and every warning (a column
or sheet that was ignored) is logged as a warning, so it reaches the cron
log and mail even with --quiet; so are the rejected files and the
configuration warnings (letterhead.firm_name not set); notes on one
client's row, which may quote a birth date, stay out of the log. Log
timestamps, the run folder's name and the Run sheet all use the
configured timezone.
A problem is logged by its file, its cell and its kind ("a row whose
Client ID is not on the Clients sheet (not read)"), never by what the
cell holds: a Client ID column may hold a client's name, a header a note
about a client. The log names files and cells, never a client's name,
birth date or ID; the outputs (summary.xlsx, results.jsonl, the
opinions) say what each cell holds.
A progress bar is drawn only when standard error is a terminal and
--quiet is not set.

# cecbatch check

	cecbatch check [--config FILE] [--date-order DMY|MDY] [--as-of DATE] FILE|DIR...

Does to each workbook what run would do, without writing or moving
anything: the same first pass (a Client ID used in two of the workbooks
checked together is flagged in both), the same reading and the same
assessment. A folder stands for every .xlsx directly in it, with the
inbox's skips (Office lock files, hidden files, sub-folders; check does
not wait for --min-age). It prints every problem, one per line, with its
cell: ingest's (a date that cannot be read) and the engine's (a TEER that
contradicts the NOC code, a score outside the test's scale), every
warning (an ignored column, a character the opinion's font cannot draw):

	intake.xlsx › Employment!G7: End Date 2023-01-31 is before the Start Date 2023-03-01 in F7; correct one of them.

then one line per file saying what run would do with it:

	intake.xlsx: processed: 2 of 5 clients need review; 3 errors, 1 warning
	notes.csv: quarantined: This is a text file (.csv), not an intake workbook. …

and a last line with the totals:

	in total: 2 files: 1 processed (2 of 5 clients need review), 1 quarantined; 2 with problems to fix before the run

It exits 1 if any file has a problem or would be quarantined. Warnings
alone exit 0: run would process the file as it is (a choice kept from the
first version, so that a workbook with an extra column of notes passes).

Unlike run's log, check quotes the cells it reports: it is the tool of
the person fixing the workbook, whose data it is, and prints on their
screen. Do not run it from cron or into a shared log.

Dropping workbooks on cecbatch.exe (or running cecbatch FILE.xlsx...
with no command) checks them the same way and, when standard input is a
console, waits for Enter before closing the window.

# cecbatch template

	cecbatch template [--force] FILE

Writes a blank intake workbook: the Clients, Employment, Language Tests
and Study sheets with their headers (required ones bold on orange),
drop-down lists and checks on dates, hours and scores down to row 10,000,
an Instructions sheet, and one worked example client (Client ID
EXAMPLE-SKIPPED, Family Name Example) that check and run skip with a note.
It refuses to replace an existing file unless --force is given.

# cecbatch rules

	cecbatch rules [--config FILE] [--pdf FILE]

Prints the rule book in force, generated from the rule set the engine
applies: its effective and review dates and the caveat on pending change,
every number (hours, weekly cap, window, CLB levels, test validity), every
rule id with its condition and citation, the three readings of L-MIXED,
the accepted and refused tests, and every CLB/NCLC conversion table. It is
Markdown on standard output; with --pdf FILE it is written as a PDF on the
configured paper (page_size) instead, and the file name is printed.

# Configuration

Every setting has a default and can be set, strongest first, by a flag, by
an environment variable, or in the YAML configuration file (--config FILE,
else $CECBATCH_CONFIG, else ./cecbatch.yaml if it exists). The environment
variable is CECBATCH_ followed by the key in upper case, with "_" for ".":
CECBATCH_INBOX, CECBATCH_MIN_AGE, CECBATCH_LETTERHEAD_FIRM_NAME. An unknown
key or a value of the wrong type is an error naming the key, where it was
set and what to write (exit 2): workers: two gets "write workers: 2";
dir_mode: 770, which YAML reads as the decimal number 770, gets "write
dir_mode: "0770"" (a mode is written in quotes, or with a leading 0).

A relative path in the config file (inbox, out, archive, quarantine,
letterhead.logo, letterhead.reference_docx) is relative to the folder of the config file, so the
same cecbatch.yaml works whatever folder cron or Task Scheduler starts
in; a relative path given by a flag or an environment variable is
relative to the current folder. A run without letterhead.firm_name logs
a warning at start.

	inbox, out, archive, quarantine   folders, as the flags above
	as_of                  YYYY-MM-DD, or "" for today
	workers                number; 0 means the number of CPUs
	keep_inputs            true or false
	min_age                a duration: 60s, 5m, 1h
	date_order             DMY, MDY or ""
	quiet                  true or false
	log_format             text or json
	timezone               IANA name, or "" for the system's
	letterhead.firm_name   printed at the top of every opinion
	letterhead.address
	letterhead.phone
	letterhead.email
	letterhead.logo        path of a PNG or JPEG logo, or ""
	letterhead.reference_docx  a Word document whose styles, fonts, header
	                       (logo), footer and margins the DOCX drafts take
	lawyer                 the reviewing lawyer named on every opinion
	page_size              the opinions' paper: letter (default) or a4
	outputs.pdf            write each opinion draft as a PDF (default true)
	outputs.docx           ... and as a Word document to edit (default true)
	outputs.client_letter  also a letter to the client, in the same formats
	                       (default false)
	default_language       the drafts' language, en (default) or fr, for a
	                       client whose Clients cell Language is blank
	permissions.dir_mode   mode of the folders cecbatch creates (default "0700")
	permissions.file_mode  mode of the files it writes or moves (default "0600")
	limits.max_file_mb     reject a workbook larger than this (default 50)
	limits.max_unzip_mb    ... or whose unpacked contents are larger (default 500)
	limits.max_rows        ... or with more rows in one sheet (default 100000)
	limits.max_part_mb     ... or with an unpacked part read whole (styles,
	                       texts, list of sheets) larger than this (default 16),
	                       or one sheet's cells showing four times as much text
	limits.max_elements    ... or with more XML elements in its styles (default 100000)
	limits.max_shared_strings ... or more distinct texts (default 500000)
	limits.max_sheets      ... or more sheets (default 255)
	limits.max_cells       ... or more cells in one sheet (default 5000000)
	express_entry.rules_file   a newer CRS grid, category lists or rounds, in
	                       the format of crs-grid.example.yaml (default: none)
	express_entry.crs_grid_checked_on  YYYY-MM-DD: the firm's own check of
	                       IRCC's CRS page; silences E-GRID up to that day

Dates (as_of, crs_grid_checked_on, and today by the system clock) must
lie between 2000-01-01 and 2100-12-31, else exit 2. The config file (at
most 1 MB), express_entry.rules_file (4 MB) and letterhead.logo (4 MB)
are read at start-up; a larger file, or one that is not a regular file
(/dev/zero, a pipe), is exit 2 with the key named.

cecbatch.example.yaml lists every key with its default and an explanation.
The defaults keep client data private to the account that runs cecbatch:
widen the permissions (e.g. "0770" and "0660") for a shared drive.

# The client register

Every run keeps its clients in the register (register.db, by default in
--out; --register FILE, register.path, CECBATCH_REGISTER_PATH; keep it on a
local disk, not a network share). A run stores tonight's clients' facts
(a later intake of the same Client ID is an update; the same rows again
are unchanged and get no new opinion), then re-assesses every other open
client on tonight's date and writes an opinion only where the outcome
changed. summary.xlsx gains the Changes and Agenda sheets; agenda.ics (in
the run folder and copied to <out>/agenda.ics: stable UIDs, SEQUENCE,
CANCELLED, reminders 14 days before deadlines, Client IDs only) and
digest.txt (--digest prints it before the run folder) are written. The
lawyer's decisions typed into a summary are read back by the next run;
"declined" closes the file. A damaged register stops the run before any
input moves (exit 4); one written by a newer cecbatch is refused (exit 2).
--no-register skips it for one run; register.enabled: false turns it off.

	cecbatch register list [--status open|closed|all] [--verdict V] [--due DAYS] [--names]
	cecbatch register show ID
	cecbatch register close ID --reason applied|withdrawn|refused|other [--note TEXT]
	cecbatch register reopen ID
	cecbatch register export FILE.xlsx|FILE.jsonl
	cecbatch register backup FILE
	cecbatch register check
	cecbatch register purge --closed-before DATE [--yes]

# Exit status

	0    every input processed (clients may be not eligible or need review:
	     that is a result, not a failure), or nothing to do
	1    the run finished but at least one input was quarantined
	     (check: at least one problem, or a file run would quarantine;
	     warnings alone exit 0)
	2    bad configuration or command line; nothing was processed
	3    another run holds the lock on this inbox; nothing was processed
	4    the run itself failed (e.g. the output folder is not writable);
	     no input was moved, unless it failed while moving them: then
	     the message says how many were moved and how many left, no
	     run folder is printed, and the folder it wrote is renamed
	     <run-id>-FAILED, with FAILED.txt; its results.jsonl ends with
	     {"run_status": "failed", "inputs_moved": [...],
	     "inputs_left_in_inbox": [...]}: a script imports from it only
	     the clients of inputs_moved (the others are assessed again by
	     the next run), or skips it
	130  interrupted (SIGINT/SIGTERM): finished inputs are complete and
	     archived, the rest were left in the inbox

# Scheduling

make install puts the binary in /usr/local/bin (PREFIX=DIR for another
place). The README's "Installing on a Linux server" is the operator's
guide: a service account and a group for paralegals and lawyers, folder
modes, a Samba share, the time zone, alerts, logs, backup, retention and
upgrades; contrib/install-test.sh follows it in CI.

systemd (recommended): contrib/systemd/cecbatch.service runs one run as
the account cecbatch with the group cecusers; cecbatch.timer starts it at
22:30 in the zone it names (OnCalendar=*-*-* 22:30:00 America/Toronto),
and a missed night at the next boot; cecbatch-mail@.service mails each
night's outcome and what its exit status means.

cron: a line of /etc/cron.d names the account it runs as; cron mails what
the run prints (MAILTO), with --digest the morning digest first. Debian's cron starts it in the server's time
zone (it ignores CRON_TZ): set the server's zone to the firm's, and
timezone: in cecbatch.yaml, which sets the run's date, in any case.

	MAILTO=it@example.com
	30 22 * * * cecbatch /usr/local/bin/cecbatch run --config /etc/cecbatch/cecbatch.yaml --quiet --digest 2>&1 | tee -a /var/log/cecbatch/cecbatch.log

Windows Task Scheduler (every night at 22:30, as the account that owns the
folders; the working folder holds cecbatch.yaml):

	schtasks /Create /TN "cecbatch nightly" /SC DAILY /ST 22:30 /TR "cmd /c cd /d D:\cecbatch && cecbatch.exe run --quiet >> cecbatch.log 2>&1"

# What the opinion decides

Each opinion applies the objective CEC requirements (qualifying Canadian
work experience, language level, intended province) to the intake facts
and flags what a lawyer must decide (admissibility, status, anything the
data does not settle). It is a draft for lawyer review, not legal advice.

Beside the verdict, and never changing it, each opinion estimates the
Express Entry CRS score from the optional CRS columns of the Clients sheet
(a range over the blank ones, with the column to ask for first), flags the
2026 category-based selection rounds the facts meet, and compares the
estimate with recent cut-offs, printing the date of the rounds table.
*/
package main
