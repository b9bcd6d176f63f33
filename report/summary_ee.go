package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
)

// SheetExpressEntry is the summary's sheet of Express Entry estimates: one
// row per client with every factor, the blank inputs, the category flags
// and the latest CEC cut-off with its date.
const SheetExpressEntry = "Express Entry"

var expressEntryColumns = []summaryColumn{
	{"Client ID", 12}, {"CRS", 10}, {"A", 8}, {"B", 8}, {"C", 8}, {"D", 8},
	{"Age", 6}, {"Education", 9}, {"First language", 9}, {"Second language", 9}, {"Canadian work", 9},
	{"Spouse education", 9}, {"Spouse language", 9}, {"Spouse Canadian work", 9},
	{"Education + language", 9}, {"Education + Canadian work", 9}, {"Foreign + language", 9},
	{"Foreign + Canadian work", 9}, {"Certificate", 9}, {"Nomination", 9}, {"Sibling", 8},
	{"French", 8}, {"Canadian education", 9},
	{"First official language", 10}, {"Scale", 12}, {"Canadian work hours", 10}, {"Canadian work years", 9},
	{"Blank inputs", 40}, {"Ask first", 24}, {"Categories met", 24}, {"Categories from (projected)", 30},
	{"Latest CEC cut-off", 10}, {"CEC round of", 11.5}, {"Cut-offs as of", 11.5}, {"Grid", 16}, {"Notes", 60},
}

// expressEntryRow is a client's row on the Express Entry sheet.
func (s *Summary) expressEntryRow(a *assess.Assessment) []any {
	x := a.ExpressEntry
	id := ""
	if a.Client != nil {
		id = a.Client.ID
	}
	row := []any{s.textCell(id)}
	if x.Estimated {
		row = append(row, s.textCell(eeRange(x.Min, x.Max)))
		for _, sec := range x.Sections {
			row = append(row, s.textCell(eeRange(sec[0], sec[1])))
		}
	} else {
		row = append(row, s.textCell("not estimated"), nil, nil, nil, nil)
	}
	if f := x.Factors; f != nil {
		for _, v := range []int{f.Age, f.Education, f.FirstLanguage, f.SecondLanguage, f.CanadianWork,
			f.SpouseEducation, f.SpouseLanguage, f.SpouseCanadianWork, f.EducationLanguage, f.EducationCanadianWork,
			f.ForeignLanguage, f.ForeignCanadianWork, f.Certificate, f.ProvincialNomination, f.Sibling, f.French, f.CanadianEducation} {
			row = append(row, s.intCell(v, true, s.styles.number))
		}
	} else {
		row = append(row, make([]any, 17)...)
	}
	scale := map[assess.Tristate]string{assess.Yes: "with spouse", assess.No: "single", assess.Unknown: "either"}[x.SpouseScale]
	var blanks []string
	for _, u := range x.Unknowns {
		blanks = append(blanks, u.Column)
	}
	ask := ""
	if x.NarrowFirst != nil {
		ask = x.NarrowFirst.Column
	}
	var from []string
	for _, f := range x.Flags {
		if f.Status == assess.FlagNotMet && !f.From.IsZero() {
			from = append(from, f.ID+" "+f.From.String())
		}
	}
	var cut, roundOf any
	for _, c := range x.Cutoffs {
		if c.Type == "cec" && c.Round != nil {
			cut, roundOf = s.intCell(c.Round.Cutoff, true, s.styles.number), s.dateCell(c.Round.Date)
		}
	}
	grid := ""
	if x.Grid != nil {
		grid = x.Grid.ID
	}
	var notes []string
	for _, f := range x.Findings {
		notes = append(notes, findingLine(f))
	}
	if x.Estimated {
		row = append(row, s.textCell(x.FirstLanguage), s.textCell(scale),
			excelize.Cell{StyleID: s.styles.hours, Value: roundTenth(x.CanadianWorkHours)}, s.intCell(x.CanadianWorkYears, true, s.styles.number))
	} else {
		row = append(row, nil, nil, nil, nil)
	}
	return append(row, s.textCell(strings.Join(blanks, ", ")), s.textCell(ask), s.textCell(SummaryCategoriesMet(x)),
		s.textCell(strings.Join(from, ", ")), cut, roundOf, s.dateCell(x.DrawsAsOf), s.textCell(grid),
		s.textCell(strings.Join(notes, summaryListSeparator)))
}
