package report

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// TestSummaryPrintsTwentyClientsAPage prints the summary as a paralegal
// would (LibreOffice to PDF, US Letter landscape): every page of the
// Summary holds at least 20 clients, one line each, and the Express
// Entry sheet prints on pages one wide with its key columns.
func TestSummaryPrintsTwentyClientsAPage(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; CI installs it")
	}
	path := filepath.Join(t.TempDir(), "summary.xlsx")
	s, err := NewSummary(path, fxAsOf)
	if err != nil {
		t.Fatal(err)
	}
	const clients = 70
	_, x := eeAssessment(t, false)
	for i := range clients {
		var a *assess.Assessment
		switch i % 3 {
		case 0:
			a = fxEligible()
		case 1:
			a = fxNotEligible()
		default:
			a = fxNeedsReview()
		}
		a.Client.ID = fmt.Sprintf("P-%03d", i)
		a.Client.FamilyName = "Guðmundsdóttir-Szczęśniak-Lefèvre" // a long name stays on its line
		if err := s.AddClient(a, x, "opinions/"+OpinionFileName(a.Client)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(summaryRunInfo()); err != nil {
		t.Fatal(err)
	}
	out := convertWithLibreOffice(t, path, "pdf")
	pdf := filepath.Join(out, "summary.pdf")
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(text), "\f")
	id := regexp.MustCompile(`\bP-\d{3}\b`)
	seen := map[string]bool{}
	summaryPages, eePages := 0, 0
	// Each page's footer names its sheet.
	footer := func(sheet, page string) bool {
		return regexp.MustCompile(`(?m)^` + sheet + `\s+Page \d+ of \d+`).MatchString(page)
	}
	for i, page := range pages {
		ids := id.FindAllString(page, -1)
		switch {
		case footer(SheetSummary, page):
			summaryPages++
			last := i == len(pages)-1 || !footer(SheetSummary, pages[i+1])
			if len(ids) < 20 && !last {
				t.Errorf("Summary page %d holds %d clients, want at least 20", i+1, len(ids))
			}
			for _, c := range ids {
				seen[c] = true
			}
			// One line per client: each ID's line carries its verdict.
			for _, line := range strings.Split(page, "\n") {
				if id.MatchString(line) && !regexp.MustCompile(`Eligible|Not eligible|Needs review`).MatchString(line) {
					t.Errorf("a client's line lacks its verdict (the row wraps?): %q", line)
				}
			}
		case footer(SheetExpressEntry, page):
			eePages++
			if strings.Contains(page, "Spouse Canadian work") || strings.Contains(page, "Foreign + language") {
				t.Errorf("Express Entry page %d prints every factor column, not the key ones", i+1)
			}
		}
	}
	if len(seen) != clients {
		t.Errorf("the printed Summary lists %d clients, want %d", len(seen), clients)
	}
	if summaryPages == 0 || summaryPages > clients/20+1 {
		t.Errorf("the Summary prints on %d pages for %d clients", summaryPages, clients)
	}
	if eePages == 0 {
		t.Error("the Express Entry sheet does not print")
	}
	// CECBATCH_KEEP_PRINT=file.pdf keeps the printout, to look at.
	if keep := os.Getenv("CECBATCH_KEEP_PRINT"); keep != "" {
		if b, err := os.ReadFile(pdf); err == nil {
			_ = os.WriteFile(keep, b, 0o644)
		}
	}
}

// TestSummaryNextStep: the next step is one short line, the first thing
// to do; advice every eligible client shares is not repeated per row.
func TestSummaryNextStep(t *testing.T) {
	soon := fxEligible()
	soon.AssessedOn = assess.MustDate("2027-03-01")
	for _, tt := range []struct {
		name string
		a    *assess.Assessment
		want string
	}{
		{"data problems", fxNeedsReview(), "Fix 1 cell: see Problems"},
		{"eligible", fxEligible(), "Submit the eAPR by 2027-06-09"},
		{"eligible, test expiring", soon, "Book a new test before 2027-06-09"},
		{"language short", fxNotEligible(), "Book a new test: CLB 5 needed in speaking"},
	} {
		got := summaryNextStep(tt.a)
		if got != tt.want {
			t.Errorf("%s: next step %q, want %q", tt.name, got, tt.want)
		}
		if strings.Contains(got, "CRS") || strings.Contains(got, "\n") || len([]rune(got)) > 60 {
			t.Errorf("%s: next step %q is not one short line of its own", tt.name, got)
		}
	}
	many := fxNeedsReview()
	many.Findings = append(many.Findings, assess.Finding{Code: assess.CodeData, Kind: assess.KindData, Text: assess.Untranslated("x"), Cell: "Clients!F4"},
		assess.Finding{Code: assess.CodeData, Kind: assess.KindData, Text: assess.Untranslated("y"), Cell: "Clients!F4"})
	if got := summaryNextStep(many); got != "Fix 2 cells: see Problems" {
		t.Errorf("two problems on one cell and one on another: %q", got)
	}
}
