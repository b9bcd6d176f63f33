package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/register"
)

const longDescription = "Submit before this date, a long sentence that the library must fold at seventy-five octets so that every calendar reads it."

// calendarFixture writes two clients' entries: a deadline with its alarm,
// a moved date (SEQUENCE 2) and a cancellation.
func calendarFixture(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewCalendarWriter(&buf, "firm.example", assess.MustDate("2026-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	entries := []register.Entry{
		{Item: register.Item{ClientID: "C-1", Kind: register.KindApplyBy, Date: assess.MustDate("2027-02-28"), What: longDescription}},
		{Item: register.Item{ClientID: "C-1", Kind: register.KindTestExpires, Key: "CELPIP-General-2025-03-01", Date: assess.MustDate("2027-02-28"), What: "Book a new test."}, Seq: 2},
		{Item: register.Item{ClientID: "C-2", Kind: register.KindPermitExpires, Key: "ab12", Date: assess.MustDate("2026-12-20"), What: "Cancelled."}, Seq: 1, Cancelled: true},
	}
	for _, e := range entries {
		if err := w.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCalendarIsRFC5545: CRLF lines of at most 75 octets, all-day events,
// the UIDs, SEQUENCE, STATUS and the alarm 14 days before a deadline.
func TestCalendarIsRFC5545(t *testing.T) {
	out := calendarFixture(t)
	text := string(out)
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if strings.Contains(line, "\n") {
			t.Fatalf("a bare LF in %q", line)
		}
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\n", "VERSION:2.0", "UID:C-1-apply-by@firm.example", "DTSTART;VALUE=DATE:20270228",
		"DTEND;VALUE=DATE:20270301", "SUMMARY:C-1: apply by", "SEQUENCE:2", "STATUS:CANCELLED",
		"UID:C-1-test-expires-CELPIP-General-2025-03-01@firm.example", "TRIGGER:-P14D", "ACTION:DISPLAY", "END:VCALENDAR\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("agenda.ics lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "BEGIN:VALARM") != 1 {
		t.Errorf("alarms: want 1 (apply by; not on a test expiry or a cancellation):\n%s", text)
	}
}

// TestCalendarReadByPython reads agenda.ics with Python's icalendar, a
// parser independent of the library that wrote it.
func TestCalendarReadByPython(t *testing.T) {
	python := pythonWith("icalendar")
	if python == "" {
		t.Skip("Python's icalendar is not installed (Debian python3-icalendar; .ci/run installs it)")
	}
	path := filepath.Join(t.TempDir(), "agenda.ics")
	if err := os.WriteFile(path, calendarFixture(t), 0o600); err != nil {
		t.Fatal(err)
	}
	script := `
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    print(ev['UID'], ev['DTSTART'].dt.isoformat(), ev.get('SEQUENCE', 0), ev['STATUS'], ev['SUMMARY'], len(ev.walk('VALARM')), len(str(ev['DESCRIPTION'])))
`
	out, err := exec.Command(python, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	// The folded description comes back whole.
	want := fmt.Sprintf("C-1-apply-by@firm.example 2027-02-28 0 CONFIRMED C-1: apply by 1 %d\n", len(longDescription)) +
		"C-1-test-expires-CELPIP-General-2025-03-01@firm.example 2027-02-28 2 CONFIRMED C-1: test expires 0 16\n" +
		"C-2-permit-expires-ab12@firm.example 2026-12-20 1 CANCELLED C-2: permit expires 0 10\n"
	if string(out) != want {
		t.Errorf("python read:\n%s\nwant:\n%s", out, want)
	}
}

// pythonWith is a Python that imports module: the one on PATH, else
// Debian's (a pyenv on PATH does not see Debian's packages); "" if none.
func pythonWith(module string) string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import "+module).Run() == nil {
			return p
		}
	}
	return ""
}
