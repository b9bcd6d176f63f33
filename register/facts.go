package register

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sync"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/internal/deflate"
)

// A client's facts are stored whole: the assess.Client as ingest read it,
// every field (refs and their column maps, so that findings keep their
// cells; problems; rows as entered; the CRS profile), as JSON with a
// version, compressed. Re-assessing the stored facts is re-assessing the
// workbook (facts_test.go holds the two equal, and fails when a field of
// assess.Client would not survive the trip).

// factsVersion is the version of the stored document.
const factsVersion = 1

// factsDoc is the stored document. The rows of one sheet share one column
// map (assess.Ref.Cols); it is stored once in Layouts and each ref names
// its index in Refs (-1: no map), in the order refsOf walks them.
type factsDoc struct {
	V       int                 `json:"v"`
	Layouts []map[string]string `json:"layouts"`
	Refs    []int               `json:"refs"`
	Client  *assess.Client      `json:"client"`
}

// refsOf lists every Ref of c, in a fixed order.
func refsOf(c *assess.Client) []*assess.Ref {
	refs := []*assess.Ref{&c.Ref}
	for i := range c.Jobs {
		refs = append(refs, &c.Jobs[i].Ref)
	}
	for i := range c.Tests {
		refs = append(refs, &c.Tests[i].Ref)
	}
	for i := range c.Studies {
		refs = append(refs, &c.Studies[i].Ref)
	}
	for i := range c.CRS.SpouseTests {
		refs = append(refs, &c.CRS.SpouseTests[i].Ref)
	}
	return refs
}

// withoutCols is a copy of c whose refs have no column maps (the rows'
// slices are copied; nothing of c changes), with the maps as layouts.
func withoutCols(c *assess.Client) (*assess.Client, []map[string]string, []int) {
	cp := *c
	// slices.Clone keeps nil nil and empty empty: both round-trip.
	cp.Jobs = slices.Clone(c.Jobs)
	cp.Tests = slices.Clone(c.Tests)
	cp.Studies = slices.Clone(c.Studies)
	cp.CRS.SpouseTests = slices.Clone(c.CRS.SpouseTests)
	var layouts []map[string]string
	seen := map[uintptr]int{}
	refs := refsOf(&cp)
	idx := make([]int, len(refs))
	for i, ref := range refs {
		if ref.Cols == nil {
			idx[i] = -1
			continue
		}
		p := reflect.ValueOf(ref.Cols).UnsafePointer()
		n, ok := seen[uintptr(p)]
		if !ok {
			n = len(layouts)
			layouts = append(layouts, ref.Cols)
			seen[uintptr(p)] = n
		}
		idx[i] = n
		ref.Cols = nil
	}
	return &cp, layouts, idx
}

// EncodeFacts returns the stored form of c and the hash of its facts. The
// hash leaves out the source file's name: the same rows re-dropped under
// another name are the same facts.
func EncodeFacts(c *assess.Client) (data []byte, hash string, err error) {
	cp, layouts, idx := withoutCols(c)
	doc := factsDoc{V: factsVersion, Layouts: layouts, Refs: idx, Client: cp}
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	// The hash is of the facts' words: the intake problems count by their
	// English, as they were stored before they were kept as messages, so
	// that the same rows re-dropped are the same facts.
	source, problems, crsProblems := cp.SourceFile, cp.Problems, cp.CRS.Problems
	cp.SourceFile, cp.Problems, cp.CRS.Problems = "", inEnglish(problems), inEnglish(crsProblems)
	if err := enc.Encode(doc); err != nil {
		return nil, "", fmt.Errorf("store the facts of client %s: %w", c.ID, err)
	}
	sum := sha256.Sum256(raw.Bytes())
	raw.Reset()
	cp.SourceFile, cp.Problems, cp.CRS.Problems = source, problems, crsProblems
	if err := enc.Encode(doc); err != nil {
		return nil, "", err
	}
	var out bytes.Buffer
	out.Grow(raw.Len() / 3)
	// klauspost/compress's deflate, at the standard library's level
	// (BestSpeed) in about half its time; the standard library's reader
	// reads it (DecodeFacts).
	w := deflate.Get(&out)
	defer deflate.Put(w)
	if _, err := w.Write(raw.Bytes()); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return out.Bytes(), hex.EncodeToString(sum[:16]), nil
}

var flateReaders sync.Pool

// DecodeFacts reads facts stored by EncodeFacts: the client as it was,
// its rows of one sheet sharing one column map again.
func DecodeFacts(data []byte) (*assess.Client, error) {
	src := bytes.NewReader(data)
	var r io.ReadCloser
	if pooled, ok := flateReaders.Get().(io.ReadCloser); ok {
		r = pooled
		if err := r.(flate.Resetter).Reset(src, nil); err != nil {
			return nil, err
		}
	} else {
		r = flate.NewReader(src)
	}
	defer flateReaders.Put(r)
	var doc factsDoc
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("stored facts: %w", err)
	}
	if doc.V != factsVersion {
		return nil, fmt.Errorf("stored facts of version %d, this cecbatch reads %d", doc.V, factsVersion)
	}
	if doc.Client == nil {
		return nil, fmt.Errorf("stored facts without a client")
	}
	refs := refsOf(doc.Client)
	if len(refs) != len(doc.Refs) {
		return nil, fmt.Errorf("stored facts: %d rows for %d column maps", len(refs), len(doc.Refs))
	}
	for i, ref := range refs {
		n := doc.Refs[i]
		if n < -1 || n >= len(doc.Layouts) {
			return nil, fmt.Errorf("stored facts: column map %d of %d", n, len(doc.Layouts))
		}
		if n >= 0 {
			ref.Cols = doc.Layouts[n]
		}
	}
	return doc.Client, nil
}

// factsJSON is a client's facts as plain JSON, for an export.
func factsJSON(c *assess.Client) string {
	b, err := json.Marshal(c)
	if err != nil {
		return ""
	}
	return string(b)
}

// inEnglish is problems with their messages as English words.
func inEnglish(problems []assess.Problem) []assess.Problem {
	if problems == nil {
		return nil
	}
	out := make([]assess.Problem, len(problems))
	for i, p := range problems {
		out[i] = assess.Problem{Cell: p.Cell, Message: p.Message.InEnglish()}
	}
	return out
}
