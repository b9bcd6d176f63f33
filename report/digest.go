package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/register"
)

// DigestText is digest.txt: a few plain lines for the morning e-mail
// (cron mails what --digest prints). Client IDs only: no name, no date of
// birth, no text quoted from the intake.
func DigestText(d *register.Digest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cecbatch: the register on %s (run %s)\n", d.AsOf, d.RunID)
	if d.ClockBack != "" {
		fmt.Fprintf(&b, "Note: %s\n", d.ClockBack)
	}
	total := 0
	for _, n := range d.Open {
		total += n
	}
	fmt.Fprintf(&b, "Open clients: %d (eligible %d, not eligible %d, needs review %d)\n", total,
		d.Open[assess.Eligible], d.Open[assess.NotEligible], d.Open[assess.NeedsReview])

	fmt.Fprintf(&b, "\nChanged since the last run: %d\n", d.Changed)
	for _, c := range d.Changes {
		line := fmt.Sprintf("  %s  %s", c.ClientID, c.Kind)
		if c.Was != c.Now && c.Was != "" {
			line += fmt.Sprintf(": %s → %s", verdictWords(c.Was), verdictWords(c.Now))
		} else if c.Now != "" {
			line += ": " + verdictWords(c.Now)
		}
		if c.Why != "" {
			line += " (" + c.Why + ")"
		}
		if c.Opinion != "" {
			line += ", new opinion draft"
		}
		b.WriteString(line + "\n")
	}
	if d.Changed > len(d.Changes) {
		fmt.Fprintf(&b, "  … and %d more on the Changes sheet\n", d.Changed-len(d.Changes))
	}
	items := func(title string, list []register.Item, n int) {
		fmt.Fprintf(&b, "\n%s: %d\n", title, n)
		list = slices.Clone(list)
		slices.SortStableFunc(list, register.CompareItems)
		for _, it := range list {
			fmt.Fprintf(&b, "  %s (%s)  %s  %s\n", it.Date, daysWords(d.AsOf.DaysUntil(it.Date)), it.ClientID, it.Kind)
		}
		if n > len(list) {
			fmt.Fprintf(&b, "  … and %d more on the Agenda sheet\n", n-len(list))
		}
	}
	items(fmt.Sprintf("Deadlines in the next %d days", register.SoonDays), d.Soon, d.SoonCount)
	items("Overdue", d.Overdue, d.OverdueCount)
	return b.String()
}

func verdictWords(v assess.Verdict) string {
	if l, ok := summaryVerdictLabels[v]; ok {
		return l
	}
	return string(v)
}

// daysWords says how far a date is: "today", "in 3 days", "12 days ago".
func daysWords(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days == -1:
		return "yesterday"
	case days > 0:
		return fmt.Sprintf("in %d days", days)
	}
	return fmt.Sprintf("%d days ago", -days)
}
