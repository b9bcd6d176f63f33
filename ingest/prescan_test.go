package ingest

import (
	"errors"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// TestClientIDs: the first pass finds the clients ReadFile finds, with
// their cells, and skips rows with a blank ID; it does not read the other
// sheets, so a damaged Employment sheet does not stop it.
func TestClientIDs(t *testing.T) {
	sheets := baseSheets()
	setCell(sheets, "Clients", 4, 1, nil) // a row with a blank ID: not a client
	setCell(sheets, "Clients", 4, 2, "Ng")
	setCell(sheets, "Clients", 5, 1, "C-003")
	setCell(sheets, "Employment", 1, colOf(sheets, "Employment", "NOC"), "Colour") // a required column missing
	path := writeBook(t, t.TempDir(), "intake.xlsx", sheets)

	ids, err := ClientIDs(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []ClientID{{"C-001", "Clients!A2"}, {"C-002", "Clients!A3"}, {"C-003", "Clients!A5"}}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ClientIDs = %v, want %v", ids, want)
	}
	var fe *FileError
	if _, err := ReadFile(path, Options{}); !errors.As(err, &fe) {
		t.Errorf("ReadFile of the same file: %v, want the missing NOC column rejected", err)
	}

	if _, err := ClientIDs(writeRaw(t, t.TempDir(), "notes.xlsx", []byte("Client ID,Family Name\n")), Options{}); !errors.As(err, &fe) {
		t.Errorf("ClientIDs of a CSV: %v, want a *FileError", err)
	}
}

// TestRunIDsFlagsEveryListing: with every workbook listed first, each
// client whose ID another workbook uses is flagged, the first listing as
// well, whatever order the clients are claimed in; each problem names the
// other workbooks and cells.
func TestRunIDsFlagsEveryListing(t *testing.T) {
	mk := func(file, id string, row int) *assess.Client {
		return &assess.Client{ID: id, SourceFile: file, Ref: assess.Ref{Sheet: "Clients", Row: row, Cols: map[string]string{assess.FieldClientID: "A"}}}
	}
	for _, order := range [][]string{{"a", "b", "c"}, {"c", "b", "a"}, {"b", "a", "c"}} {
		ids := NewRunIDs()
		ids.List("week2.xlsx", []ClientID{{"C-1", "Clients!A3"}, {"C-2", "Clients!A4"}})
		ids.List("week1.xlsx", []ClientID{{"c-1 ", "Clients!A2"}, {"C-9", "Clients!A9"}})
		ids.List("week3.xlsx", []ClientID{{"C-1", "Clients!A5"}})
		clients := map[string]*assess.Client{
			"a": mk("week1.xlsx", "c-1 ", 2),
			"b": mk("week2.xlsx", "C-1", 3),
			"c": mk("week3.xlsx", "C-1", 5),
		}
		for _, k := range order {
			if ids.Claim(clients[k]) {
				t.Errorf("order %v: client %s not flagged", order, k)
			}
		}
		for k, want := range map[string][]string{
			"a": {"week2.xlsx (Clients!A3) and week3.xlsx (Clients!A5)", "other workbooks"},
			"b": {"week1.xlsx (Clients!A2) and week3.xlsx (Clients!A5)"},
			"c": {"week1.xlsx (Clients!A2) and week2.xlsx (Clients!A3)"},
		} {
			c := clients[k]
			if len(c.Problems) != 1 || c.Problems[0].Cell != c.Ref.Cell(assess.FieldClientID) {
				t.Fatalf("order %v: client %s problems %+v", order, k, c.Problems)
			}
			for _, w := range want {
				if !strings.Contains(c.Problems[0].Message.String(), w) {
					t.Errorf("order %v: client %s: %q does not say %q", order, k, c.Problems[0].Message, w)
				}
			}
		}
		for _, c := range []*assess.Client{mk("week2.xlsx", "C-2", 4), mk("week1.xlsx", "C-9", 9)} {
			if !ids.Claim(c) || len(c.Problems) != 0 {
				t.Errorf("order %v: unique ID %s flagged: %v", order, c.ID, c.Problems)
			}
		}
	}
}

// BenchmarkFirstPass compares the run's first pass (ClientIDs: the Clients
// sheet only) with the full read of the same workbook of 10,000 clients,
// each with one Employment row: what counting the clients first costs.
func BenchmarkFirstPass(b *testing.B) {
	path := filepath.Join(b.TempDir(), "large.xlsx")
	writeLargeWorkbook(b, path, 10000)
	b.Run("ClientIDs", func(b *testing.B) {
		for b.Loop() {
			if ids, err := ClientIDs(path, Options{}); err != nil || len(ids) != 10000 {
				b.Fatal(len(ids), err)
			}
		}
	})
	b.Run("ReadFile", func(b *testing.B) {
		for b.Loop() {
			if _, err := ReadFile(path, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestRunIDsBoundedList: an ID used in a thousand workbooks gets one
// problem per client that names five other workbooks and counts the rest,
// so that each problem is as long with a thousand copies as with six.
func TestRunIDsBoundedList(t *testing.T) {
	ids := NewRunIDs()
	const copies = 1000
	for i := range copies {
		ids.List(fmt.Sprintf("copy-%04d.xlsx", i), []ClientID{{"C-1", "Clients!A2"}})
	}
	c := &assess.Client{ID: "C-1", SourceFile: "copy-0003.xlsx", Ref: assess.Ref{Sheet: "Clients", Row: 2, Cols: map[string]string{assess.FieldClientID: "A"}}}
	if ids.Claim(c) || len(c.Problems) != 1 {
		t.Fatalf("claim accepted or problems %v", c.Problems)
	}
	msg := c.Problems[0].Message.String()
	for _, want := range []string{"999 other workbooks: copy-0000.xlsx (Clients!A2), copy-0001.xlsx (Clients!A2), copy-0002.xlsx (Clients!A2), copy-0004.xlsx (Clients!A2), copy-0005.xlsx (Clients!A2), … and 994 more"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not say %q", msg, want)
		}
	}
	if len(msg) > 500 {
		t.Errorf("the problem is %d bytes long", len(msg))
	}
}

// BenchmarkRunIDsSharedID: the first pass and the claims of an inbox of
// n copies of one workbook. ns/op divided by n stays flat from 1,000 to
// 10,000 workbooks: each listing and each claim costs the same whatever
// the number of copies (it grew with n when each claim named them all).
func BenchmarkRunIDsSharedID(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		files := make([]string, n)
		for i := range files {
			files[i] = fmt.Sprintf("copy-%05d.xlsx", i)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ids := NewRunIDs()
				for _, f := range files {
					ids.List(f, []ClientID{{"C-1", "Clients!A2"}})
				}
				for _, f := range files {
					ids.Claim(&assess.Client{ID: "C-1", SourceFile: f})
				}
			}
		})
	}
}

// TestRunIDsHashCollision: IDs listed once are kept by a 64-bit hash; an
// ID whose hash another ID has is still told apart, and still flagged when
// a second workbook lists it.
func TestRunIDsHashCollision(t *testing.T) {
	ids := NewRunIDs()
	ids.List("a.xlsx", []ClientID{{ID: "C-1", Cell: "Clients!A2"}})
	// Make C-2 hash to where C-1 is.
	ids.once[maphash.String(ids.seed, idKey("C-2"))] = ids.once[maphash.String(ids.seed, idKey("C-1"))]
	ids.List("b.xlsx", []ClientID{{ID: "C-2", Cell: "Clients!A2"}})
	c1 := &assess.Client{ID: "C-1", SourceFile: "a.xlsx"}
	c2 := &assess.Client{ID: "C-2", SourceFile: "b.xlsx"}
	if !ids.Claim(c1) || !ids.Claim(c2) {
		t.Fatalf("two IDs sharing a hash were taken for one: %v %v", c1.Problems, c2.Problems)
	}
	again := &assess.Client{ID: "c-2", SourceFile: "c.xlsx"}
	if ids.Claim(again) || len(again.Problems) != 1 || !strings.Contains(again.Problems[0].Message.String(), "b.xlsx") {
		t.Errorf("C-2 listed again by c.xlsx: %v", again.Problems)
	}
	other := &assess.Client{ID: "C-1", SourceFile: "d.xlsx"}
	if ids.Claim(other) || len(other.Problems) != 1 || !strings.Contains(other.Problems[0].Message.String(), "a.xlsx") {
		t.Errorf("C-1 listed again by d.xlsx: %v", other.Problems)
	}
}
