package report

import (
	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/register"
)

// The register's fields of a client's results line: register.change
// (new, updated, unchanged, reassessed), register.previous_verdict (null
// for a new client), register.dates (the client's diarized dates: kind
// and date, in date order) and register.decision (the lawyer's last
// decision, null when none).

type resultsRegister struct {
	Change          string         `json:"change"`
	PreviousVerdict *string        `json:"previous_verdict"`
	Dates           []resultsDated `json:"dates"`
	Decision        *string        `json:"decision"`
}

type resultsDated struct {
	Kind string `json:"kind"`
	Date string `json:"date"`
}

type resultsRegisteredLine struct {
	resultsClientLine
	Register *resultsRegister `json:"register"`
}

// WriteClientNoted is WriteClientFiles with the client's register fields.
func (r *Results) WriteClientNoted(a *assess.Assessment, x *crs.Estimate, files []string, note *register.Note) error {
	line := resultsRegisteredLine{resultsClientLine: resultsLineFiles(a, x, files)}
	if note != nil {
		reg := &resultsRegister{Change: string(note.Change), PreviousVerdict: jsonNullString(string(note.PreviousVerdict)), Dates: []resultsDated{}}
		for _, it := range note.Dates {
			reg.Dates = append(reg.Dates, resultsDated{Kind: string(it.Kind), Date: it.Date.String()})
		}
		if note.Decision != nil {
			reg.Decision = jsonNullString(note.Decision.Decision)
		}
		line.Register = reg
	}
	return r.write(line)
}
