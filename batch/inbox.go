package batch

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// inboxEntry is one file directly in the inbox that this run takes.
type inboxEntry struct {
	name string
	path string
	// reject is set for a file that is not an .xlsx workbook: it goes to
	// quarantine without being opened.
	reject string
	// warning is logged when the run starts (a clock ahead).
	warning string

	// token names the input's marker and snapshot in the state folder.
	token string
	// attempts counts the runs that took the input, this one included.
	attempts int
	// id is what the file was when it was read or looked at.
	id identity
	// snapped is set once the snapshot was taken (by the first pass), with
	// its outcome: an error, or over the size limit.
	snapped bool
	snapErr error
	over    bool
}

// skipped is a file the run leaves alone, and why (for the log).
type skipped struct{ name, why string }

const whyFolder = "folder (only files directly in the inbox are read)"

// scanInbox lists the inbox: the files to take, in name order, and the
// files to leave alone (Office lock files, hidden files, files younger
// than minAge, folders and links).
func scanInbox(inbox string, minAge time.Duration, now time.Time) ([]inboxEntry, []skipped, error) {
	entries, err := os.ReadDir(inbox)
	if err != nil {
		return nil, nil, err
	}
	var take []inboxEntry
	var skip []skipped
	type futureFile struct {
		entry inboxEntry
		info  os.FileInfo
	}
	var future []futureFile
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".~lock"):
			skip = append(skip, skipped{name, "office lock file"})
			continue
		case strings.HasPrefix(name, "."), systemJunk[strings.ToLower(name)]:
			continue // hidden, including our own lock file: not worth a log line
		case e.Type()&os.ModeSymlink != 0:
			skip = append(skip, skipped{name, "symbolic link"})
			continue
		case e.IsDir():
			skip = append(skip, skipped{name, whyFolder})
			continue
		case !e.Type().IsRegular():
			skip = append(skip, skipped{name, "not a regular file"})
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		if isHidden(info) {
			continue
		}
		entry := inboxEntry{name: name, path: filepath.Join(inbox, name)}
		if age := now.Sub(info.ModTime()); age < 0 {
			// Dated in the future: a shared drive whose clock is ahead.
			// Waiting for it to age would skip it forever; it is taken
			// if it does not change between two looks (at once with a
			// --min-age of 0, which asks for no wait).
			future = append(future, futureFile{entry, info})
			continue
		} else if age < minAge {
			skip = append(skip, skipped{name, "modified " + age.Round(time.Second).String() + " ago (it may still be being copied; the next run takes it)"})
			continue
		}
		if ext := strings.ToLower(filepath.Ext(name)); ext != ".xlsx" {
			entry.reject = rejectByExtension(ext)
		}
		take = append(take, entry)
	}
	if len(future) > 0 {
		time.Sleep(min(minAge, secondLook))
	}
	for _, f := range future {
		again, err := os.Lstat(f.entry.path)
		if err != nil || again.Size() != f.info.Size() || !again.ModTime().Equal(f.info.ModTime()) {
			skip = append(skip, skipped{f.entry.name, "dated in the future and still changing (the next run takes it)"})
			continue
		}
		f.entry.warning = "modified in the future (" + f.info.ModTime().Format(time.RFC3339) + "): the clock of the computer or the shared drive that saved it is wrong; taken because it did not change between two looks"
		if ext := strings.ToLower(filepath.Ext(f.entry.name)); ext != ".xlsx" {
			f.entry.reject = rejectByExtension(ext)
		}
		take = append(take, f.entry)
	}
	sort.Slice(take, func(i, j int) bool { return take[i].name < take[j].name })
	return take, skip, nil
}

// secondLook is how long the scan waits to look again at files dated in
// the future.
const secondLook = time.Second

// systemJunk are files the operating system drops in folders by itself.
var systemJunk = map[string]bool{"thumbs.db": true, "desktop.ini": true}

func rejectByExtension(ext string) string {
	switch ext {
	case ".xls":
		return "This is an old-format Excel file (.xls). Open it in Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and put the .xlsx in the inbox."
	case ".xlsm", ".xltx", ".xlsb", ".ods", ".numbers":
		return "This is not an .xlsx workbook (" + ext + "). Open it in Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and put the .xlsx in the inbox."
	case ".csv", ".txt", ".tsv":
		return "This is a text file (" + ext + "), not an intake workbook. Copy the rows into the intake template (cecbatch template FILE), save it as .xlsx, and put that in the inbox."
	case "":
		return "This file has no extension; only intake workbooks (.xlsx) are read. If it is one, rename it to end in .xlsx and put it back in the inbox."
	}
	return "Only intake workbooks (.xlsx) are read from the inbox, and this is a " + ext + " file. If it holds intake data, save it as .xlsx from the intake template (cecbatch template FILE) and put that in the inbox; otherwise keep it elsewhere."
}
