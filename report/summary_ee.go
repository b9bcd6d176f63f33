package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

// SheetExpressEntry is the summary's sheet of Express Entry estimates: one
// row per client with every factor, the blank inputs, the category flags
// and the latest CEC cut-off with its date.
const SheetExpressEntry = "Express Entry"

var expressEntryColumns = []summaryColumn{
	{header: "Client ID", width: 12}, {header: "CRS low", width: 8}, {header: "CRS high", width: 8}, {header: "A", width: 8}, {header: "B", width: 8}, {header: "C", width: 8}, {header: "D", width: 8},
	{header: "Age", width: 6}, {header: "Education", width: 9}, {header: "First language", width: 9}, {header: "Second language", width: 9}, {header: "Canadian work", width: 9},
	{header: "Spouse education", width: 9}, {header: "Spouse language", width: 9}, {header: "Spouse Canadian work", width: 9},
	{header: "Education + language", width: 9}, {header: "Education + Canadian work", width: 9}, {header: "Foreign + language", width: 9},
	{header: "Foreign + Canadian work", width: 9}, {header: "Certificate", width: 9}, {header: "Nomination", width: 9}, {header: "Sibling", width: 8},
	{header: "French", width: 8}, {header: "Canadian education", width: 9},
	{header: "First official language", width: 10}, {header: "Scale", width: 12}, {header: "Canadian work hours", width: 10}, {header: "Canadian work years", width: 9},
	{header: "Blank inputs", width: 40, wrap: true}, {header: "Ask first", width: 24}, {header: "Categories met", width: 24, wrap: true}, {header: "Categories from (projected)", width: 30, wrap: true},
	{header: "Latest CEC cut-off", width: 10}, {header: "CEC round of", width: 11.5}, {header: "Cut-offs as of", width: 11.5}, {header: "Grid", width: 16}, {header: "Notes", width: 60, wrap: true},
}

// addExpressEntry writes the client's row on the Express Entry sheet, and
// the estimate's unreadable cells on Problems (marked as concerning the
// estimate only); nothing when the estimate was not run.
func (s *Summary) addExpressEntry(a *assess.Assessment, x *crs.Estimate) error {
	if x == nil {
		return nil
	}
	c := a.Client
	if c == nil {
		c = &assess.Client{}
	}
	for _, f := range x.Findings {
		if f.Kind == assess.KindData {
			if err := s.addProblem(c.SourceFile, "", f.Cell, c.ID, f.Text, problemCRSData); err != nil {
				return err
			}
		}
	}
	_, err := s.spool(SheetExpressEntry, s.expressEntryRow(a, x))
	return err
}

// crsCells are the CRS estimate as two numbers, CRS low and CRS high
// (equal when the estimate is one score); empty when not estimated.
func (s *Summary) crsCells(x *crs.Estimate) []any {
	ok := x != nil && x.Estimated
	if !ok {
		return []any{nil, nil}
	}
	return []any{s.intCell(x.Min, true, s.styles.number), s.intCell(x.Max, true, s.styles.number)}
}

// expressEntryRow is a client's row on the Express Entry sheet.
func (s *Summary) expressEntryRow(a *assess.Assessment, x *crs.Estimate) []any {
	id := ""
	if a.Client != nil {
		id = a.Client.ID
	}
	row := []any{s.textCell(id)}
	if x.Estimated {
		row = append(row, s.crsCells(x)...)
		for _, sec := range x.Sections {
			row = append(row, s.textCell(eeRange(sec[0], sec[1])))
		}
	} else {
		row = append(row, s.textCell("not estimated"), nil, nil, nil, nil, nil)
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
		if f.Status == crs.FlagNotMet && !f.From.IsZero() {
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
		notes = append(notes, findingLine(f, eeCode))
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
