package report

import (
	"bufio"
	"fmt"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/register"
)

// agenda.ics (RFC 5545): one all-day VEVENT per calendar entry of the
// register, written by github.com/arran4/golang-ical (it folds lines at
// 75 octets and ends them with CRLF). The file is streamed one event at a
// time: a register of 100,000 clients has some 300,000 of them. SUMMARY
// holds the Client ID and the kind, never a name or a date of birth:
// calendars are synced to phones.

// CalendarWriter streams agenda.ics.
type CalendarWriter struct {
	w      *bufio.Writer
	cfg    *ics.SerializationConfiguration
	domain string
	stamp  time.Time
	events int
	err    error
}

// alarmDays is how long before a deadline the calendar reminds.
const alarmDays = 14

// NewCalendarWriter starts agenda.ics on w. domain ends every UID (the
// firm's e-mail domain, or "cecbatch"); asOf is the night, DTSTAMP of
// every event, so that a rerun of the same night writes the same file.
func NewCalendarWriter(w io.Writer, domain string, asOf assess.Date) (*CalendarWriter, error) {
	c := &CalendarWriter{
		w:      bufio.NewWriterSize(w, 64<<10),
		cfg:    &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"},
		domain: domain,
		stamp:  asOf.Time(),
	}
	cal := ics.NewCalendarFor("cecbatch")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("cecbatch agenda")
	cal.SetXWRCalDesc("Deadlines and dates of the firm's CEC clients, from the nightly run (Client IDs only).")
	if _, err := io.WriteString(c.w, "BEGIN:VCALENDAR\r\n"); err != nil {
		return nil, err
	}
	for _, p := range cal.CalendarProperties {
		if err := p.SerializeTo(c.w, c.cfg); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Add writes one entry.
func (c *CalendarWriter) Add(e register.Entry) error {
	if c.err != nil {
		return c.err
	}
	ev := ics.NewEvent(e.UID(c.domain))
	ev.SetDtStampTime(c.stamp)
	start := e.Date.Time()
	ev.SetAllDayStartAt(start)
	ev.SetAllDayEndAt(start.AddDate(0, 0, 1))
	ev.SetSummary(e.ClientID + ": " + string(e.Kind))
	ev.SetDescription(e.What)
	ev.SetSequence(e.Seq)
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	if e.Cancelled {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
		if e.Kind.Alarm() {
			al := ev.AddAlarm()
			al.SetAction(ics.ActionDisplay)
			al.SetTrigger(fmt.Sprintf("-P%dD", alarmDays))
			al.SetDescription(e.ClientID + ": " + string(e.Kind) + fmt.Sprintf(" in %d days", alarmDays))
		}
	}
	c.err = ev.SerializeTo(c.w, c.cfg)
	c.events++
	return c.err
}

// Close ends the calendar and flushes it; the caller closes the file.
func (c *CalendarWriter) Close() error {
	if c.err != nil {
		return c.err
	}
	if _, err := io.WriteString(c.w, "END:VCALENDAR\r\n"); err != nil {
		return err
	}
	return c.w.Flush()
}
