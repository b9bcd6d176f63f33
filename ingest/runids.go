package ingest

import (
	"hash/maphash"
	"sort"
	"strings"
	"sync"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/internal/keyset"
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
	mu sync.Mutex
	// once holds the IDs only one workbook lists so far, which is nearly
	// every ID of a run, without pointers: the garbage collector skips a
	// map of numbers, and a run of 100,000 clients keeps them all to its
	// end. A hash of the folded ID leads to its listing in single, whose
	// texts are in arena; an ID whose hash another ID has goes to listed,
	// so the comparison stays exact.
	seed   maphash.Seed
	once   map[uint64]int32
	single []onceListing
	arena  keyset.Texts
	files  []string          // workbook names, by index
	fileAt map[string]uint32 // and their indexes
	// listed holds the IDs two or more workbooks list (and the rare ID
	// whose hash is another's): folded Client ID -> its listings.
	listed map[string]*listings
	// seen holds each (ID, workbook) of listed: a workbook lists an ID once.
	seen map[idInFile]struct{}
}

// onceListing is an ID listed by one workbook: its folded key and cell as
// spans of RunIDs.arena, and the workbook's index in RunIDs.files.
type onceListing struct {
	key, cell keyset.Span
	file      uint32
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
	return &RunIDs{seed: maphash.MakeSeed(), once: map[uint64]int32{}, fileAt: map[string]uint32{},
		listed: map[string]*listings{}, seen: map[idInFile]struct{}{}}
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
// one workbook is ReadFile's to report), and returns the ID's listings
// when two or more workbooks list it, nil while one does. The caller
// holds r.mu.
func (r *RunIDs) add(key string, l listing) *listings {
	if ls := r.listed[key]; ls != nil {
		r.addListed(ls, key, l)
		return ls
	}
	h := maphash.String(r.seed, key)
	i, ok := r.once[h]
	if !ok {
		r.once[h] = int32(len(r.single))
		r.single = append(r.single, onceListing{key: r.arena.Add(key), cell: r.arena.Add(l.cell), file: r.file(l.file)})
		return nil
	}
	o := r.single[i]
	if string(r.arena.Bytes(o.key)) == key && r.files[o.file] == l.file {
		return nil
	}
	ls := &listings{sorted: true}
	r.listed[key] = ls
	if string(r.arena.Bytes(o.key)) == key {
		// A second workbook lists it: its listings move to listed.
		delete(r.once, h)
		r.addListed(ls, key, listing{file: r.files[o.file], cell: r.arena.String(o.cell)})
	}
	r.addListed(ls, key, l)
	return ls
}

// file is name's index in r.files.
func (r *RunIDs) file(name string) uint32 {
	i, ok := r.fileAt[name]
	if !ok {
		i = uint32(len(r.files))
		r.files = append(r.files, name)
		r.fileAt[name] = i
	}
	return i
}

// addListed records l in ls, the listings of key, unless its file already
// lists the ID. The caller holds r.mu.
func (r *RunIDs) addListed(ls *listings, key string, l listing) {
	k := idInFile{key, l.file}
	if _, dup := r.seen[k]; dup {
		return
	}
	r.seen[k] = struct{}{}
	if !ls.sorted {
		ls.all = append(ls.all, l)
		return
	}
	// Kept in order: a listing added by Claim (its file was not listed
	// first) after the others were sorted.
	i := sort.Search(len(ls.all), func(i int) bool { return ls.all[i].file > l.file })
	ls.all = append(ls.all, listing{})
	copy(ls.all[i+1:], ls.all[i:])
	ls.all[i] = l
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
	if ls == nil {
		r.mu.Unlock()
		return true
	}
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
