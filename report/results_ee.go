package report

import (
	"encoding/json"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// The Express Entry fields of a client's results line: crs (null when the
// CRS was not estimated), categories, draws_as_of, and crs_findings (the
// estimate's own findings, apart from the CEC's reasons so that a script
// counting DATA reasons is not misled: they never change the verdict).

type resultsCRS struct {
	RuleSet           string             `json:"rule_set"`
	CheckedThrough    string             `json:"checked_through"`
	Min               int                `json:"min"`
	Max               int                `json:"max"`
	Sections          resultsCRSSections `json:"sections"`
	Factors           *crs.Factors       `json:"factors"`
	FirstLanguage     *string            `json:"first_language"`
	SpouseScale       *bool              `json:"spouse_scale"`
	CanadianWorkHours json.Number        `json:"canadian_work_hours"`
	CanadianWorkYears int                `json:"canadian_work_years"`
	Unknowns          []string           `json:"unknowns"`
	NarrowFirst       *string            `json:"narrow_first"`
	NarrowFirstWidth  int                `json:"narrow_first_width"`
	Assumptions       []string           `json:"assumptions"`
	WhatIfs           []resultsCRSWhatIf `json:"what_ifs"`
	Changes           []resultsCRSChange `json:"changes"`
	Unsettled         []string           `json:"unsettled"`
}

// resultsCRSChange is a day the estimate changes by itself.
type resultsCRSChange struct {
	On     string `json:"on"`
	Reason string `json:"reason"`
	Min    int    `json:"min"`
	Max    int    `json:"max"`
}

// resultsEE are the Express Entry fields of a client's line.
type resultsEE struct {
	CRS           *resultsCRS           `json:"crs"`
	Categories    map[string]string     `json:"categories"`
	CategoryFlags []resultsCRSFlag      `json:"category_flags"`
	DrawsAsOf     *string               `json:"draws_as_of"`
	Cutoffs       []resultsCRSCutoff    `json:"cutoffs"`
	CRSFindings   []resultsClientReason `json:"crs_findings"`
}

type resultsCRSSections struct {
	A [2]int `json:"A"`
	B [2]int `json:"B"`
	C [2]int `json:"C"`
	D [2]int `json:"D"`
}

type resultsCRSWhatIf struct {
	Key string `json:"key"`
	Min int    `json:"min"`
	Max int    `json:"max"`
}

type resultsCRSCutoff struct {
	Type   string  `json:"type"`
	Date   *string `json:"date"`
	Round  *int    `json:"round"`
	Cutoff *int    `json:"cutoff"`
	Text   string  `json:"text"`
}

type resultsCRSFlag struct {
	ID    string      `json:"id"`
	From  *string     `json:"from"`
	NOC   *string     `json:"noc"`
	Hours json.Number `json:"hours"`
}

// resultsExpressEntry returns the Express Entry fields of x for a results line.
func resultsExpressEntry(x *crs.Estimate) resultsEE {
	out := resultsEE{Categories: map[string]string{}, CategoryFlags: []resultsCRSFlag{},
		Cutoffs: []resultsCRSCutoff{}, CRSFindings: []resultsClientReason{}}
	if x == nil {
		return out
	}
	for _, f := range x.Flags {
		out.Categories[f.ID] = f.Status
		if f.Status != crs.FlagNotAssessed {
			out.CategoryFlags = append(out.CategoryFlags, resultsCRSFlag{ID: f.ID, From: jsonNullString(f.From.String()),
				NOC: jsonNullString(f.NOC), Hours: json.Number(formatHoursTenth(f.Hours))})
		}
	}
	out.DrawsAsOf = jsonNullString(x.DrawsAsOf.String())
	for _, c := range x.Cutoffs {
		rc := resultsCRSCutoff{Type: c.Type, Text: c.Text.String()}
		if c.Round != nil {
			rc.Date = jsonNullString(c.Round.Date.String())
			rc.Round = jsonNullInt(c.Round.Number, true)
			rc.Cutoff = jsonNullInt(c.Round.Cutoff, true)
		}
		out.Cutoffs = append(out.Cutoffs, rc)
	}
	for _, f := range x.Findings {
		out.CRSFindings = append(out.CRSFindings, resultsClientReason{Code: f.Code, Kind: string(f.Kind), Text: f.Text.String(), Cell: jsonNullString(f.Cell)})
	}
	if !x.Estimated {
		return out
	}
	score := &resultsCRS{
		RuleSet:        x.Grid.ID,
		CheckedThrough: x.Grid.CheckedThrough.String(),
		Min:            x.Min,
		Max:            x.Max,
		Sections: resultsCRSSections{
			A: x.Sections[crs.SectionCore], B: x.Sections[crs.SectionSpouse],
			C: x.Sections[crs.SectionTransfer], D: x.Sections[crs.SectionAdditional],
		},
		Factors:           x.Factors,
		FirstLanguage:     jsonNullString(x.FirstLanguage),
		CanadianWorkHours: json.Number(formatHoursTenth(x.CanadianWorkHours)),
		CanadianWorkYears: x.CanadianWorkYears,
		Unknowns:          []string{},
		NarrowFirstWidth:  x.NarrowFirstWidth,
		Assumptions:       append([]string{}, assess.Strings(x.Assumptions)...),
		WhatIfs:           []resultsCRSWhatIf{},
		Changes:           []resultsCRSChange{},
		Unsettled:         append([]string{}, assess.Strings(x.Unsettled)...),
	}
	if x.SpouseScale != assess.Unknown {
		b := x.SpouseScale == assess.Yes
		score.SpouseScale = &b
	}
	for _, u := range x.Unknowns {
		score.Unknowns = append(score.Unknowns, u.Column)
	}
	if x.NarrowFirst != nil {
		score.NarrowFirst = jsonNullString(x.NarrowFirst.Column)
	}
	for _, w := range x.WhatIfs {
		score.WhatIfs = append(score.WhatIfs, resultsCRSWhatIf{Key: w.Key, Min: w.Min, Max: w.Max})
	}
	for _, ch := range x.Changes {
		score.Changes = append(score.Changes, resultsCRSChange{On: ch.On.String(), Reason: ch.Reason, Min: ch.Min, Max: ch.Max})
	}
	out.CRS = score
	return out
}
