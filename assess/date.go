package assess

import (
	"fmt"
	"time"
)

// Date is a civil calendar date with no time of day and no time zone,
// counted as days since 0001-01-01 (that day is 1, "Rata Die").
// The zero Date means "no date" (a blank cell), so a blank end date, a
// missing date of birth and 1970-01-01 never get confused.
//
// Days are the unit of the whole engine: the work ledger credits hours per
// day, and windows and validity spans are half-open ranges of days.
type Date int32

// rdUnixEpoch is the Rata Die number of 1970-01-01.
const rdUnixEpoch = 719163

// NewDate returns the date y-m-d. Out-of-range days normalise as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	return Date(u/86400 + rdUnixEpoch)
}

// ParseDate reads an ISO date, YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in tests and tables; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Unix(int64(d-rdUnixEpoch)*86400, 0).UTC()
}

// YMD returns the year, month and day of d.
func (d Date) YMD() (int, time.Month, int) {
	y, m, day := civil(d)
	return y, time.Month(m), day
}

// String formats d as YYYY-MM-DD, and the zero Date as "".
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, day := civil(d)
	if y < 0 || y > 9999 {
		return d.Time().Format("2006-01-02")
	}
	// Findings print many dates; formatting digits directly is several
	// times faster than time.Time.Format.
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}

// AddDays returns the date n days after d (before, if n < 0).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddYears returns the same month and day n years later (earlier, if n < 0).
// 29 February maps to 28 February in a year that has none, which is the
// convention of the rule book (`cecbatch rules`): "29 February minus 3 years is 28 February".
// time.AddDate would give 1 March instead.
func (d Date) AddYears(n int) Date {
	y, m, day := d.YMD()
	y += n
	if m == time.February && day == 29 && !isLeap(y) {
		day = 28
	}
	return fromCivil(y, int(m), day)
}

// AddMonths returns the same day n months later, clamped to the month's last day.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.YMD()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return NewDate(first.Year(), first.Month(), day)
}

// DaysUntil returns the number of days from d to e (e − d).
func (d Date) DaysUntil(e Date) int { return int(e - d) }

// MarshalText writes YYYY-MM-DD; the zero Date writes as empty text.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// civil and fromCivil convert between a Date and its proleptic Gregorian
// year, month and day with integer arithmetic only (H. Hinnant's
// "chrono-compatible low-level date algorithms"). The projections convert
// thousands of dates per client, and going through time.Time there costs
// more than the whole ledger.
func civil(d Date) (y, m, day int) {
	z := int(d) - rdUnixEpoch + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, day
}

// fromCivil is the inverse of civil for a valid calendar date.
func fromCivil(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := m + 9
	if m > 2 {
		mp = m - 3
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468 + rdUnixEpoch)
}
