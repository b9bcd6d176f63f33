package assess

import (
	"testing"
	"time"
)

// TestCivilMatchesTime checks the integer date conversion against the time
// package over four centuries, leap rules included.
func TestCivilMatchesTime(t *testing.T) {
	start, end := NewDate(1900, 1, 1), NewDate(2300, 1, 1)
	for d := start; d < end; d++ {
		y, m, day := d.Time().Date()
		cy, cm, cd := civil(d)
		if cy != y || time.Month(cm) != m || cd != day {
			t.Fatalf("civil(%d) = %d-%d-%d, want %s", d, cy, cm, cd, d.Time().Format("2006-01-02"))
		}
		if back := fromCivil(y, int(m), day); back != d {
			t.Fatalf("fromCivil(%d-%d-%d) = %d, want %d", y, m, day, back, d)
		}
	}
}

func TestAddYears(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-02-29", -3, "2021-02-28"}, // the rule book: 29 February minus 3 years
		{"2024-02-29", 2, "2026-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2025-03-01", -3, "2022-03-01"},
		{"2027-02-28", -3, "2024-02-28"},
		{"2000-02-29", 100, "2100-02-28"},
	} {
		if got := MustDate(c.from).AddYears(c.n); got != MustDate(c.want) {
			t.Errorf("%s.AddYears(%d) = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestDateString(t *testing.T) {
	for d := NewDate(1, 1, 1); d < NewDate(10000, 1, 1); d += 97 {
		if got, want := d.String(), d.Time().Format("2006-01-02"); got != want {
			t.Fatalf("String(%d) = %s, want %s", d, got, want)
		}
	}
	if Date(0).String() != "" {
		t.Error("zero Date is not blank")
	}
}

// TestAddMonths: report's timeline steps month by month with AddMonths, so
// a month-end date must clamp rather than spill into the next month.
func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-01-31", 1, "2025-02-28"},
		{"2025-03-31", -1, "2025-02-28"},
		{"2025-10-31", 2, "2025-12-31"},
		{"2025-11-15", 3, "2026-02-15"},
		{"2025-05-15", -17, "2023-12-15"},
		{"2025-08-30", 0, "2025-08-30"},
	} {
		if got := MustDate(c.from).AddMonths(c.n); got != MustDate(c.want) {
			t.Errorf("%s.AddMonths(%d) = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}
