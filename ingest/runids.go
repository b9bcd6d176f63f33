package ingest

import (
	"sort"
	"strings"
	"sync"

	"github.com/cecbatch/cecbatch/assess"
)

// RunIDs detects Client IDs used in more than one workbook of one run, and
// flags every client that has one: the first listing as well as the later
// ones, so that the opinion of each says where the ID is used again. A run
// lists the IDs of all its workbooks first (List, from ClientIDs), then
// claims each client as it is read (Claim); a client is flagged whatever
// order the workbooks are read in. Its methods may be called concurrently.
//
// An inbox of a thousand copies of one workbook is a thousand workbooks
// sharing every ID: each problem names at most namedOthers of the others
// and counts the rest, and each call costs the same whatever the number
// of listings, so that the outputs and the run's time grow with the
// inbox, not with its square.
type RunIDs struct {
	mu     sync.Mutex
	listed map[string]*listings // folded Client ID -> its listings
	// seen holds each (ID, workbook) recorded: a workbook lists an ID once.
	seen map[idInFile]struct{}
}

// listing is one workbook's use of a Client ID, at its first cell there.
type listing struct{ file, cell string }

type idInFile struct{ key, file string }

// listings are an ID's listings, in file-name order once sorted: the
// workbooks are listed concurrently, and a problem names them in a fixed
// order.
type listings struct {
	all    []listing
	sorted bool
}

// namedOthers is how many other workbooks a duplicate's problem names.
const namedOthers = 5

// NewRunIDs returns an empty set of listings for one run.
func NewRunIDs() *RunIDs {
	return &RunIDs{listed: map[string]*listings{}, seen: map[idInFile]struct{}{}}
}

// List records the Client IDs that file (a base name, as in
// assess.Client.SourceFile) holds, before any of its clients is claimed.
func (r *RunIDs) List(file string, ids []ClientID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range ids {
		r.add(idKey(id.ID), listing{file: file, cell: id.Cell})
	}
}

// add records l unless its file already lists the ID (a duplicate inside
// one workbook is ReadFile's to report). The caller holds r.mu.
func (r *RunIDs) add(key string, l listing) *listings {
	ls := r.listed[key]
	if ls == nil {
		ls = &listings{sorted: true}
		r.listed[key] = ls
	}
	k := idInFile{key, l.file}
	if _, dup := r.seen[k]; dup {
		return ls
	}
	r.seen[k] = struct{}{}
	if !ls.sorted {
		ls.all = append(ls.all, l)
		return ls
	}
	// Kept in order: a listing added by Claim (its file was not listed
	// first) after the others were sorted.
	i := sort.Search(len(ls.all), func(i int) bool { return ls.all[i].file > l.file })
	ls.all = append(ls.all, listing{})
	copy(ls.all[i+1:], ls.all[i:])
	ls.all[i] = l
	return ls
}

// Claim records c.ID for c.SourceFile (if List did not) and, if another
// workbook of the run lists or claimed the same ID, adds a problem on c's
// Client ID cell naming the other workbooks and returns false. Clients of
// one workbook never conflict here: duplicates inside a workbook are
// ReadFile's to report.
func (r *RunIDs) Claim(c *assess.Client) bool {
	key := idKey(c.ID)
	cell := c.Ref.Cell(assess.FieldClientID)
	r.mu.Lock()
	ls := r.add(key, listing{file: c.SourceFile, cell: cell})
	if !ls.sorted {
		sort.Slice(ls.all, func(i, j int) bool { return ls.all[i].file < ls.all[j].file })
		ls.sorted = true
	}
	others := len(ls.all) - 1
	var named []string
	for _, l := range ls.all {
		if len(named) == namedOthers {
			break
		}
		if l.file == c.SourceFile {
			continue
		}
		where := l.file
		if l.cell != "" {
			where += " (" + l.cell + ")"
		}
		named = append(named, where)
	}
	r.mu.Unlock()
	if others == 0 {
		return true
	}
	var where assess.Text
	switch {
	case others == 1:
		where = msg("%s, another workbook", named[0])
	case others <= namedOthers:
		all := assess.Plain(named[0])
		for _, n := range named[1:] {
			all = msg("%s and %s", all, n)
		}
		where = msg("%s, other workbooks", all)
	default:
		where = msg("%d other workbooks: %s, … and %d more", others, strings.Join(named, ", "), others-len(named))
	}
	c.Problems = append(c.Problems, assess.Problem{Cell: cell, Message: msg(
		"Client ID %q is also used in %s of this run; a Client ID must name one client. If it is the same client, put all of the client's rows in one workbook; if not, give one of them another ID.",
		c.ID, where)})
	return false
}
