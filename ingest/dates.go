package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cecbatch/cecbatch/assess"
)

// This file reads a date cell as its column expects. A number in a date
// cell is an Excel date (a serial number) only when it is a plausible
// date for the column: a bare year ("2025", which Excel would show as 17
// July 1905), a number far outside the dates of an intake (a work date in
// 1954) or a number typed as text ("45000") is a problem asking for the
// full date, never a date the paralegal did not type.
//
// It also settles ambiguous numeric dates ("1/9/2022") when no date
// order is configured, by the other numeric dates of the same column of
// the same sheet: a column whose unambiguous dates ("14/08/1994") all put
// the day first is read day first. The sheet is streamed once: the rows
// with an ambiguous date wait until its last row has been seen.

// dateFields are the columns that hold dates (at most 15: textdates.go
// numbers them in four bits).
var dateFields = []string{
	assess.FieldDateOfBirth, assess.FieldAppDate, assess.FieldStatusExpiry,
	assess.FieldEEProfileDate, assess.FieldITADate,
	assess.FieldStart, assess.FieldEnd, assess.FieldPermitExpiry, assess.FieldTestDate,
}

// The dates an Excel date number in a date cell may stand for. Every date
// of an intake but a birth date is a date of work, study, a test, a permit,
// a status or an application: none before 1990. A birth date before 1910
// would make a client of more than a hundred and ten. The numbers 1900 to
// 2100 are years typed alone (as dates they fall in 1905), whatever the
// column.
var (
	earliestSerialDate  = assess.NewDate(1990, time.January, 1)
	earliestBirthSerial = assess.NewDate(1910, time.January, 1)
	latestSerialDate    = assess.NewDate(2100, time.December, 31)
)

const firstBareYear, lastBareYear = 1900, 2100

// serialRange is the span of dates an Excel date number may stand for in
// field's column.
func serialRange(field string) (lo, hi assess.Date) {
	if field == assess.FieldDateOfBirth {
		return earliestBirthSerial, latestSerialDate
	}
	return earliestSerialDate, latestSerialDate
}

// fullDateExample is the example of a full date a problem on field's cell
// gives, in the two forms people type: "2025-03-01 or 1 Mar 2025".
func fullDateExample(field string, year int) assess.Text {
	if year == 0 {
		year = 2025
		if field == assess.FieldDateOfBirth {
			year = 1990
		}
	}
	y := strconv.Itoa(year) // a year, never "2 025"
	return msg("%s-03-01 or 1 Mar %s", y, y)
}

func yearOf(d assess.Date) int {
	y, _, _ := d.YMD()
	return y
}

// cellDate reads field's cell of w as a date: a number by numberDate, a
// text by parseDate in order. The zero Date with a nil error is a blank
// cell.
func (r *reader) cellDate(w *row, field string, order dateOrder) (assess.Date, error) {
	s := w.text(field)
	if !isNumberText(s) {
		return parseDate(s, r.date1904, order)
	}
	return numberDate(s, field, r.date1904, w.typedAsText(field))
}

// numberDate reads a number in field's date cell: an Excel date number
// (in the 1904 date system when date1904) that falls in the column's
// serialRange. A bare year, a number typed as text (typedAsText) and a
// number outside the range are errors that ask for the full date.
func numberDate(s, field string, date1904, typedAsText bool) (assess.Date, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err == nil && v == math.Trunc(v) && v >= firstBareYear && v <= lastBareYear {
		return 0, textErr(msg("%q is only a year, not a date; type the full date, for example %s", s, fullDateExample(field, int(v))))
	}
	d, serialErr := serialDate(s, date1904)
	lo, hi := serialRange(field)
	if typedAsText {
		if serialErr == nil && d >= lo && d <= hi {
			return 0, textErr(msg("%q is a number typed as text, not a date (as an Excel date number it would be %s, but cecbatch does not guess); type the full date, for example %s or %s",
				s, assess.DayMonthYear(d), d, shortDate(d)))
		}
		return 0, textErr(msg("%q is a number typed as text, not a date; type the full date, for example %s", s, fullDateExample(field, 0)))
	}
	switch {
	case serialErr != nil:
		return 0, serialErr
	case d < lo:
		return 0, textErr(msg("%q is the Excel date number of %s, before %s, which cannot be right here; type the full date, for example %s (if %s is right, type it as text: '%s)",
			s, assess.DayMonthYear(d), strconv.Itoa(yearOf(lo)), fullDateExample(field, 0), assess.DayMonthYear(d), d))
	case d > hi:
		return 0, textErr(msg("%q is the Excel date number of %s, after %s, which cannot be right here; type the full date, for example %s",
			s, assess.DayMonthYear(d), strconv.Itoa(yearOf(hi)), fullDateExample(field, 0)))
	}
	return d, nil
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
	d, err := r.cellDate(w, field, order)
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
