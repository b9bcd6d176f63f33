package ingest

import (
	"fmt"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// This file settles ambiguous numeric dates ("1/9/2022") when no date
// order is configured, by the other numeric dates of the same column of
// the same sheet: a column whose unambiguous dates ("14/08/1994") all put
// the day first is read day first. The sheet is streamed once: the rows
// with an ambiguous date wait until its last row has been seen.

// dateFields are the columns that hold dates.
var dateFields = []string{
	assess.FieldDateOfBirth, assess.FieldAppDate, assess.FieldStatusExpiry,
	assess.FieldStart, assess.FieldEnd, assess.FieldPermitExpiry, assess.FieldTestDate,
}

// columnDates is what one column's numeric dates show of their order: the
// first cell that shows each order ("C4 14/08/1994"), by dateOrder.
type columnDates [3]string

// dateEvidence is the columnDates of each date column of one sheet, by
// field.
type dateEvidence map[string]*columnDates

// observe records what w's date cells show of their columns' order and
// reports whether one of them is ambiguous.
func (e dateEvidence) observe(w *row) (ambiguous bool) {
	for _, field := range dateFields {
		if _, ok := w.index[field]; !ok {
			continue
		}
		text := w.text(field)
		order, amb := numericOrder(text)
		ambiguous = ambiguous || amb
		if order == orderUnset {
			continue
		}
		col := e[field]
		if col == nil {
			col = &columnDates{}
			e[field] = col
		}
		if col[order] == "" {
			col[order] = shortCell(w.cell(field)) + " " + text
		}
	}
	return ambiguous
}

// dateReading is how a row's ambiguous date in one column is read: in
// order, shown by example; or, with orderUnset, not at all, for the reason
// given ("no other date of this column…").
type dateReading struct {
	order   dateOrder
	example string
	reason  assess.Text
}

// resolve works out the reading of each ambiguous date of w once the
// whole sheet has been observed.
func (e dateEvidence) resolve(w *row) map[string]dateReading {
	readings := map[string]dateReading{}
	for _, field := range dateFields {
		if _, ok := w.index[field]; !ok {
			continue
		}
		if _, amb := numericOrder(w.text(field)); !amb {
			continue
		}
		col := e[field]
		if col == nil {
			col = &columnDates{}
		}
		dmy, mdy := col[orderDMY], col[orderMDY]
		switch {
		case dmy != "" && mdy == "":
			readings[field] = dateReading{order: orderDMY, example: dmy}
		case mdy != "" && dmy == "":
			readings[field] = dateReading{order: orderMDY, example: mdy}
		case dmy != "":
			readings[field] = dateReading{reason: msg("the other dates of this column disagree (%s is day/month, %s is month/day)", dmy, mdy)}
		default:
			readings[field] = dateReading{reason: msg("no other date of this column shows whether the day or the month comes first")}
		}
	}
	return readings
}

// shortCell drops the sheet from "Employment!F4": the example is on the
// same sheet as the cell its note is about.
func shortCell(cell string) string {
	if i := strings.LastIndexByte(cell, '!'); i >= 0 {
		return cell[i+1:]
	}
	return cell
}

// date reads field as a date; ok is false when the cell is not a date (a
// problem is then recorded) and a blank cell gives the zero Date. An End
// Date that says the period goes on ("Present") reads as blank, and an
// ambiguous numeric date as its column's other dates read, each with a
// note.
func (r *reader) date(c *assess.Client, w *row, field string) (assess.Date, bool) {
	text := w.text(field)
	if field == assess.FieldEnd && isStillThere(text) {
		still := "the client still works there"
		if w.spec == studySpec {
			still = "the client still studies there"
		}
		r.note(c, w.cell(field), fmt.Sprintf("%s %q was read as a blank end date: %s. Leave the cell blank to remove this note.", w.header(field), text, still))
		return 0, true
	}
	order := r.order
	reading, settled := w.readings[field]
	if settled {
		order = reading.order
	}
	d, err := parseDate(text, r.date1904, order)
	if amb, ok := err.(*ambiguousDate); ok && settled {
		problem(c, w.cell(field), msg("%s %q is ambiguous: it could be %s or %s, and %s; %s.",
			w.header(field), text, assess.DayMonthYear(amb.dmy), assess.DayMonthYear(amb.mdy), reading.reason, amb.retype()))
		return 0, false
	}
	if err != nil {
		problem(c, w.cell(field), msg("%s %s.", w.header(field), assess.ErrorText(err)))
		return 0, false
	}
	if settled {
		other := orderMDY
		if reading.order == orderMDY {
			other = orderDMY
		}
		_, _, alt := numericDate(text, orderUnset)
		if amb, ok := alt.(*ambiguousDate); ok {
			r.note(c, w.cell(field), fmt.Sprintf("%s %q was read as %s (%s), as the other dates of this column are, e.g. %s; if it is %s, type it as %s.",
				w.header(field), text, longDate(d), orderName(reading.order), reading.example, longDate(amb.reading(other)), amb.reading(other)))
		}
	}
	return d, true
}
