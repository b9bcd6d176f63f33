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
	// Printed: who, the score, how it compares, the categories.
	{header: "Client ID", width: 12}, {header: "CRS low", width: 8}, {header: "CRS high", width: 8}, {header: "Latest CEC cut-off", width: 9}, {header: "CEC round of", width: 11.5},
	{header: "Categories met", width: 22}, {header: "Categories from (projected)", width: 26}, {header: "Ask first", width: 20},
	{header: "A", width: 7}, {header: "B", width: 7}, {header: "C", width: 7}, {header: "D", width: 7},
	// On screen: every factor and input.
	{header: "First official language", width: 10}, {header: "Scale", width: 12}, {header: "Canadian work hours", width: 10}, {header: "Canadian work years", width: 9},
	{header: "Blank inputs", width: 40},
	{header: "Age", width: 6}, {header: "Education", width: 9}, {header: "First language", width: 9}, {header: "Second language", width: 9}, {header: "Canadian work", width: 9},
	{header: "Spouse education", width: 9}, {header: "Spouse language", width: 9}, {header: "Spouse Canadian work", width: 9},
	{header: "Education + language", width: 9}, {header: "Education + Canadian work", width: 9}, {header: "Foreign + language", width: 9},
	{header: "Foreign + Canadian work", width: 9}, {header: "Certificate", width: 9}, {header: "Nomination", width: 9}, {header: "Sibling", width: 8},
	{header: "French", width: 8}, {header: "Canadian education", width: 9},
	{header: "Cut-offs as of", width: 11.5}, {header: "Grid", width: 16}, {header: "Notes", width: 60},
}

// expressEntryPrintColumns are the Express Entry columns printed: Client
// ID to D, one page wide at a readable size.
var expressEntryPrintColumns = summaryColumnIn(expressEntryColumns, "D") + 1

func summaryColumnIn(cols []summaryColumn, header string) int {
	for i, c := range cols {
		if c.header == header {
			return i
		}
	}
	panic("report: no column " + header)
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
			if err := s.addProblem(c.SourceFile, "", f.Cell, c.ID, f.Text.String(), problemCRSData); err != nil {
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

// expressEntryRow is a client's row on the Express Entry sheet, in the
// order of expressEntryColumns.
func (s *Summary) expressEntryRow(a *assess.Assessment, x *crs.Estimate) []any {
	v := map[string]any{}
	if a.Client != nil {
		v["Client ID"] = s.textCell(a.Client.ID)
	}
	if x.Estimated {
		cells := s.crsCells(x)
		v["CRS low"], v["CRS high"] = cells[0], cells[1]
		for i, h := range []string{"A", "B", "C", "D"} {
			v[h] = s.textCell(eeRange(x.Sections[i][0], x.Sections[i][1]))
		}
		scale := map[assess.Tristate]string{assess.Yes: "with spouse", assess.No: "single", assess.Unknown: "either"}[x.SpouseScale]
		v["First official language"], v["Scale"] = s.textCell(x.FirstLanguage), s.textCell(scale)
		v["Canadian work hours"] = excelize.Cell{StyleID: s.styles.hours, Value: roundTenth(x.CanadianWorkHours)}
		v["Canadian work years"] = s.intCell(x.CanadianWorkYears, true, s.styles.number)
	} else {
		v["CRS low"] = s.textCell("not estimated")
	}
	if f := x.Factors; f != nil {
		for h, n := range map[string]int{"Age": f.Age, "Education": f.Education, "First language": f.FirstLanguage, "Second language": f.SecondLanguage,
			"Canadian work": f.CanadianWork, "Spouse education": f.SpouseEducation, "Spouse language": f.SpouseLanguage, "Spouse Canadian work": f.SpouseCanadianWork,
			"Education + language": f.EducationLanguage, "Education + Canadian work": f.EducationCanadianWork, "Foreign + language": f.ForeignLanguage,
			"Foreign + Canadian work": f.ForeignCanadianWork, "Certificate": f.Certificate, "Nomination": f.ProvincialNomination, "Sibling": f.Sibling,
			"French": f.French, "Canadian education": f.CanadianEducation} {
			v[h] = s.intCell(n, true, s.styles.number)
		}
	}
	var blanks []string
	for _, u := range x.Unknowns {
		blanks = append(blanks, u.Column)
	}
	v["Blank inputs"] = s.textCell(strings.Join(blanks, ", "))
	if x.NarrowFirst != nil {
		v["Ask first"] = s.textCell(x.NarrowFirst.Column)
	}
	var from []string
	for _, f := range x.Flags {
		if f.Status == crs.FlagNotMet && !f.From.IsZero() {
			from = append(from, f.ID+" "+f.From.String())
		}
	}
	v["Categories met"], v["Categories from (projected)"] = s.textCell(SummaryCategoriesMet(x)), s.textCell(strings.Join(from, ", "))
	for _, c := range x.Cutoffs {
		if c.Type == "cec" && c.Round != nil {
			v["Latest CEC cut-off"], v["CEC round of"] = s.intCell(c.Round.Cutoff, true, s.styles.number), s.dateCell(c.Round.Date)
		}
	}
	v["Cut-offs as of"] = s.dateCell(x.DrawsAsOf)
	if x.Grid != nil {
		v["Grid"] = s.textCell(x.Grid.ID)
	}
	var notes []string
	for _, f := range x.Findings {
		notes = append(notes, findingLine(f, eeCode))
	}
	v["Notes"] = s.textCell(strings.Join(notes, summaryListSeparator))
	row := make([]any, len(expressEntryColumns))
	for i, c := range expressEntryColumns {
		row[i] = v[c.header]
	}
	return row
}
