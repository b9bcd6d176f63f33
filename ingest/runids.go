package ingest

import (
	"fmt"
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
type RunIDs struct {
	mu     sync.Mutex
	listed map[string][]listing // folded Client ID -> every listing, in the order recorded
}

// listing is one workbook's use of a Client ID, at its first cell there.
type listing struct{ file, cell string }

// NewRunIDs returns an empty set of listings for one run.
func NewRunIDs() *RunIDs { return &RunIDs{listed: map[string][]listing{}} }

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
func (r *RunIDs) add(key string, l listing) {
	for _, have := range r.listed[key] {
		if have.file == l.file {
			return
		}
	}
	r.listed[key] = append(r.listed[key], l)
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
	r.add(key, listing{file: c.SourceFile, cell: cell})
	var others []listing
	for _, l := range r.listed[key] {
		if l.file != c.SourceFile {
			others = append(others, l)
		}
	}
	r.mu.Unlock()
	if len(others) == 0 {
		return true
	}
	// The workbooks were listed concurrently: name them in a fixed order.
	sort.Slice(others, func(i, j int) bool { return others[i].file < others[j].file })
	where := make([]string, len(others))
	for i, l := range others {
		where[i] = l.file
		if l.cell != "" {
			where[i] += " (" + l.cell + ")"
		}
	}
	what := "another workbook"
	if len(others) > 1 {
		what = "other workbooks"
	}
	c.Problems = append(c.Problems, assess.Problem{Cell: cell, Message: fmt.Sprintf(
		"Client ID %q is also used in %s, %s of this run; a Client ID must name one client. If it is the same client, put all of the client's rows in one workbook; if not, give one of them another ID.",
		c.ID, strings.Join(where, " and "), what)})
	return false
}
