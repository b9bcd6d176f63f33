package ingest

import (
	"fmt"
	"sync"

	"github.com/cecbatch/cecbatch/assess"
)

// RunIDs detects Client IDs used in more than one workbook of one run. The
// workers of a run read workbooks concurrently and share one RunIDs.
type RunIDs struct {
	mu    sync.Mutex
	owner map[string]claim // folded Client ID -> first claim
}

type claim struct{ file, cell string }

// NewRunIDs returns an empty set of claims for one run.
func NewRunIDs() *RunIDs { return &RunIDs{owner: map[string]claim{}} }

// Claim records c.ID for c.SourceFile. If another workbook of the run
// already used the ID, it adds a problem on c's Client ID cell naming the
// other file and returns false. Clients of one workbook never conflict here:
// duplicates inside a workbook are ReadFile's to report.
func (r *RunIDs) Claim(c *assess.Client) bool {
	key := idKey(c.ID)
	cell := c.Ref.Cell(assess.FieldClientID)
	r.mu.Lock()
	first, taken := r.owner[key]
	if !taken {
		r.owner[key] = claim{file: c.SourceFile, cell: cell}
	}
	r.mu.Unlock()
	if !taken || first.file == c.SourceFile {
		return true
	}
	where := first.file
	if first.cell != "" {
		where += " (" + first.cell + ")"
	}
	c.Problems = append(c.Problems, assess.Problem{Cell: cell, Message: fmt.Sprintf(
		"Client ID %q is also used in %s, another workbook of this run; a Client ID must name one client. If it is the same client, put all of the client's rows in one workbook; if not, give one of them another ID.",
		c.ID, where)})
	return false
}
