package batch

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// legacyMarker is a record as versions that kept their state in the inbox
// wrote it: Placed was a path.
type legacyMarker struct {
	Name   string `json:"name"`
	Placed string `json:"placed"`
}

// retireInboxState deals with the state folder that earlier versions kept
// in the inbox (inbox/.cecbatch-state), where anyone who drops workbooks
// can write. Its records are not trusted: none is acted on as it says (no
// report removed, no file put back in the inbox, none quarantined for the
// runs it claims died on it). What an interrupted move of an earlier
// version left there, a file taken out of the inbox (a .claim), is set
// aside in the quarantine folder with a report asking a person to look
// at it, unless an identical copy is already in the archive or quarantine
// folder its record names (the move had finished). Snapshots and records
// are removed, then the folder if nothing else is in it.
func (r *run) retireInboxState() {
	dir := filepath.Join(r.cfg.Inbox, StateDir)
	info, err := os.Lstat(dir)
	if err != nil {
		return
	}
	if !info.IsDir() {
		r.log.Warn("an entry named like the state folder of earlier versions is in the inbox: it was left alone and not read", "name", StateDir)
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		r.log.Warn("the state folder earlier versions kept in the inbox cannot be read: it was left alone", "error", bare(err))
		return
	}
	records := map[string]legacyMarker{}
	for _, e := range entries {
		if token, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			records[token] = readLegacyMarker(filepath.Join(dir, e.Name()))
		}
	}
	aside, done := 0, 0
	for _, e := range entries {
		token, ok := strings.CutSuffix(e.Name(), claimSuffix)
		claim := filepath.Join(dir, e.Name())
		if !ok || !regular(claim) {
			continue
		}
		if placed := r.legacyPlaced(records[token]); placed != "" && sameContent(claim, placed) {
			os.Remove(claim)
			done++
			continue
		}
		got, err := r.setAside(claim, "recovered-"+token+".xlsx")
		if err != nil {
			r.log.Warn("a file in the state folder earlier versions kept in the inbox could not be set aside in the quarantine folder; it was left there", "file", shown(e.Name(), false), "error", bare(err))
			continue
		}
		aside++
		r.log.Warn("a file an earlier version was moving out of the inbox when it stopped was set aside in the quarantine folder, with a report", "file", r.relative(got))
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".snap") || strings.HasPrefix(n, tempPrefix) {
			os.Remove(filepath.Join(dir, n))
		}
	}
	left := ""
	if err := os.Remove(dir); err != nil {
		left = "; other files in it were left alone"
	}
	r.log.Warn("the state folder earlier versions kept in the inbox was retired without acting on its records (anyone who drops files in the inbox could have written them); run state is now kept in the output folder"+left,
		"set_aside_in_quarantine", aside, "already_moved", done)
}

// setAside copies src into the quarantine folder under name (or name with
// a suffix: nothing is replaced), with a report, and removes src; it
// returns the path placed.
func (r *run) setAside(src, name string) (string, error) {
	if err := mkdirs(r.cfg.Quarantine, r.cfg.Permissions.DirMode); err != nil {
		return "", err
	}
	report := "An earlier version of cecbatch was moving this file out of the inbox when it stopped (killed, or the machine went down), " +
		"and left it in the inbox's hidden state folder, which this version no longer uses. It may be an intake workbook that was never assessed, " +
		"or a file someone put in that folder. Open it: if it is an intake workbook, put it back in the inbox under its proper name; the next run will take it.\n"
	for n := 1; n < 10000; n++ {
		candidate := fitName(name, n, ".report.txt")
		dst := filepath.Join(r.cfg.Quarantine, candidate)
		if exists(dst) || exists(dst+".report.txt") {
			continue
		}
		if err := writeFileAtomic(r.cfg.Quarantine, candidate+".report.txt", []byte(report), r.cfg.Permissions.FileMode); err != nil {
			return "", err
		}
		err := copyInto(src, dst, filepath.Join(r.cfg.Quarantine, tempPrefix+newToken()+".tmp"), r.cfg.Permissions.FileMode)
		if errors.Is(err, os.ErrExist) {
			os.Remove(dst + ".report.txt")
			continue
		}
		if err != nil {
			os.Remove(dst + ".report.txt")
			return "", err
		}
		os.Remove(src)
		return dst, nil
	}
	return "", errors.New("no free name in the quarantine folder")
}

func readLegacyMarker(path string) legacyMarker {
	var m legacyMarker
	f, _, err := openInput(path)
	if err != nil {
		return m
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxRecord+1))
	if err != nil || len(b) > maxRecord || json.Unmarshal(b, &m) != nil {
		return legacyMarker{}
	}
	return m
}

// legacyPlaced is the file an earlier version's record says its input was
// moved to, if that file is directly in the archive or the quarantine
// folder once every link in its path is resolved, and is not itself a
// link; "" otherwise.
func (r *run) legacyPlaced(m legacyMarker) string {
	if m.Placed == "" || !filepath.IsAbs(m.Placed) {
		return ""
	}
	parent, err := filepath.EvalSymlinks(filepath.Dir(m.Placed))
	if err != nil {
		return ""
	}
	for _, dir := range []string{r.cfg.Archive, r.cfg.Quarantine} {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil && real == parent && plainName(filepath.Base(m.Placed)) {
			placed := filepath.Join(dir, filepath.Base(m.Placed))
			if regular(placed) {
				return placed
			}
		}
	}
	return ""
}
