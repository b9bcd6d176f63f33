// Command gen writes the sample intake workbooks of samples/: realistic,
// fictitious clients that follow the intake contract, for trying cecbatch
// (make run) and for the tests. Run it from the repository root:
//
//	go run ./samples/gen            # writes samples/*.xlsx
//	go run ./samples/gen -out DIR
//
// The output is byte-for-byte reproducible, so the committed workbooks can
// be reviewed as the program that made them. Every client has an
// Application Date, so their outcomes do not depend on the day of the run.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	out := flag.String("out", "samples", "folder to write the sample workbooks to")
	flag.Parse()
	if err := writeAll(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func writeAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, b := range books() {
		path := filepath.Join(dir, b.file)
		if err := b.write(path); err != nil {
			return fmt.Errorf("%s: %w", b.file, err)
		}
		fmt.Println("wrote", path)
	}
	return nil
}

// book is one sample workbook.
type book struct {
	file   string
	sheets []sheet
}

type sheet struct {
	name   string
	header []string
	rows   [][]any
}

// day is a date written as a date cell (a serial number with a date
// format), the way Excel stores a typed date.
type day string

func (d day) serial() float64 {
	t, err := time.Parse("2006-01-02", string(d))
	if err != nil {
		panic(err)
	}
	return t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

func (b book) write(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	iso := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &iso})
	if err != nil {
		return err
	}
	for i, s := range b.sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return err
		}
		widths := make([]int, len(s.header))
		for c, h := range s.header {
			cell, _ := excelize.CoordinatesToCellName(c+1, 1)
			if err := f.SetCellStr(s.name, cell, h); err != nil {
				return err
			}
			widths[c] = len([]rune(h))
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				switch v := v.(type) {
				case nil:
					continue
				case day:
					if err = f.SetCellFloat(s.name, cell, v.serial(), -1, 64); err == nil {
						err = f.SetCellStyle(s.name, cell, cell, dateStyle)
					}
					widths[c] = max(widths[c], 10)
				case string:
					err = f.SetCellStr(s.name, cell, v)
					widths[c] = max(widths[c], len([]rune(v)))
				default:
					err = f.SetCellValue(s.name, cell, v)
				}
				if err != nil {
					return err
				}
			}
		}
		last, _ := excelize.ColumnNumberToName(len(s.header))
		if err := f.SetCellStyle(s.name, "A1", last+"1", head); err != nil {
			return err
		}
		for c, w := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(s.name, col, col, float64(min(max(w+2, 10), 60))); err != nil {
				return err
			}
		}
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	if err := f.SaveAs(path); err != nil {
		return err
	}
	// SaveAs creates the file with mode 0777 less the umask, which made the
	// committed samples executable.
	return os.Chmod(path, 0o644)
}

// The canonical headers of the intake contract.
var (
	clientsHeader    = []string{"Client ID", "Family Name", "Given Names", "Date of Birth", "Application Date", "Intended Province", "In Canada", "Status", "Status Expiry", "Admissibility Concern", "Notes"}
	employmentHeader = []string{"Client ID", "Employer", "Job Title", "NOC", "TEER", "Start Date", "End Date", "Hours Per Week", "Location", "Employment Type", "Work Authorization", "Permit Expiry"}
	testsHeader      = []string{"Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking"}
	studyHeader      = []string{"Client ID", "Institution", "Credential", "Start Date", "End Date", "Full-Time"}
	// The optional columns of the Express Entry estimate, on the weekly
	// intake: Clients gains the CRS factors, Language Tests whose test a row is.
	crsHeader = []string{"Education Level", "ECA", "Canadian Education", "Foreign Work Years", "Certificate of Qualification",
		"Sibling in Canada", "Provincial Nomination", "Spouse Accompanying", "Spouse Education", "Spouse ECA", "Spouse Canadian Work Years"}
)

// with returns header followed by more, in a new slice.
func with(header []string, more ...string) []string {
	return append(append([]string{}, header...), more...)
}

func books() []book {
	return []book{weeklyIntake(), rulesWeek(), doubtsWeek(), dialect(), needsReview()}
}

// weeklyIntake is a firm's weekly intake in the template's layout: clients
// who are eligible, not eligible, and one with a concern for the lawyer.
func weeklyIntake() book {
	return book{file: "intake-week-47.xlsx", sheets: []sheet{
		{"Instructions", []string{"Weekly intake, week 47"}, [][]any{
			{"Fictitious clients for trying cecbatch. Any resemblance to real persons is coincidental."},
		}},
		{"Clients", with(clientsHeader, crsHeader...), [][]any{
			// Eligible: TEER 1 work on a PGWP after full-time studies, CELPIP 8+.
			{"W47-001", "Nguyễn", "Thị Minh", day("1996-03-14"), day("2026-09-15"), "ON", "yes", "worker", day("2027-05-31"), "no", "Graduate of Seneca; employer supports the application.",
				"three-year", "yes", "one-year", "0", "no", "no", nil, "no"},
			// Eligible: two concurrent part-time jobs (TEER 2 and 3), credited 30 h a week together.
			{"W47-002", "Żółć", "Łukasz", day("1991-11-02"), day("2026-08-03"), "Alberta", "yes", "worker", day("2027-03-31"), "no", nil,
				"two-year", "no", "none", "3+", "no", nil, "no", "yes", "secondary", "yes", nil},
			// Eligible: French, TEF Canada entered with the "équivalence ancien score" of the
			// attestation, as Express Entry reads it; an older TEF has expired.
			{"W47-003", "Bérubé", "Élodie", day("1993-07-21"), day("2026-05-15"), "Nouveau-Brunswick", "oui", "worker", day("2027-09-30"), "non", "Prefers correspondence in French.",
				"master's", "yes", "none", "2", "no", "no", "no", "no"},
			// Not eligible yet: about 7 months of work on the application date.
			{"W47-004", "Петренко", "Ольга", day("1989-01-09"), day("2026-05-01"), "BC", "yes", "worker", day("2028-01-31"), "no", "Ask again when 12 months of full-time work are reached.",
				"three-year", "yes", "none", "3+", "no", "yes", "no", "no"},
			// Not eligible: intends to live in Quebec.
			{"W47-005", "Παπαδόπουλος", "Γιώργος", day("1990-05-30"), day("2026-06-10"), "Québec", "yes", "worker", day("2027-02-28"), "no", "Consider the Quebec Experience Program (PEQ)."},
			// Needs review: an admissibility concern.
			{"W47-006", "Ọlátúnjí", "Adébáyọ̀", day("1987-12-12"), day("2026-07-20"), "MB", "yes", "worker", day("2027-06-30"), "Refused a US visitor visa in 2018; says no misrepresentation finding.", nil,
				"one-year", "canadian", "one-year", "0", "yes", "no", "no", "no"},
			// Eligible: part-time work during full-time study does not count; the full-time job after graduation does.
			{"W47-007", "Sharma", "Rahul", day("1998-08-25"), day("2026-06-01"), "SK", "yes", "worker", day("2027-04-30"), "no", "Worked part-time while studying full-time.",
				"three-year", "canadian", "three-year", "0", "no", "no", "no", "no"},
		}},
		{"Employment", employmentHeader, [][]any{
			{"W47-001", "Maple Software Inc.", "Software developer", "21231", 1, day("2023-06-05"), nil, 40, "ON", "employee", "PGWP"},
			{"W47-002", "Bistro Prairie Ltd.", "Cook", "63200", 3, day("2024-01-15"), nil, 20, "AB", "employee", "open work permit"},
			{"W47-002", "Northern Grill Inc.", "Kitchen supervisor", "62020", 2, day("2024-03-01"), nil, 20, "Alberta", "employee", "open work permit"},
			{"W47-003", "Acadie Marketing Inc.", "Spécialiste en marketing", "11202", 1, day("2023-10-02"), nil, 37.5, "Nouveau-Brunswick", "employee", "employer-specific work permit"},
			{"W47-004", "Fraser Health", "Registered nurse", "31301", 1, day("2025-10-01"), nil, 40, "BC", "employee", "open work permit"},
			{"W47-004", "Київська міська лікарня", "Registered nurse", "31301", 1, day("2015-09-01"), day("2024-12-31"), 40, "Ukraine", "employee", nil},
			{"W47-005", "Données Boréales inc.", "Data scientist", "21211", 1, day("2023-02-01"), nil, 40, "QC", "employee", "PGWP"},
			{"W47-006", "Red River Builders Ltd.", "Site supervisor", "72014", 2, day("2023-04-03"), nil, 44, "MB", "employee", "employer-specific work permit"},
			{"W47-007", "Campus Services Regina", "Office assistant", "13100", 3, day("2022-09-12"), day("2024-04-30"), 20, "SK", "employee", "study permit"},
			{"W47-007", "Prairie Outfitters Ltd.", "Retail sales supervisor", "62010", 2, day("2024-06-03"), nil, 40, "SK", "employee", "PGWP"},
		}},
		{"Language Tests", with(testsHeader, "Person"), [][]any{
			{"W47-001", "CELPIP-General", day("2025-08-09"), 9, 9, 8, 9},
			{"W47-002", "IELTS General Training", day("2025-02-01"), 6.0, 5.5, 5.5, 6.0},
			{"W47-002", "CELPIP-General", day("2025-03-08"), 6, 5, 6, 6, "spouse"},
			{"W47-003", "TEF Canada", day("2023-05-10"), 250, 210, 320, 315},
			{"W47-003", "TEF Canada", day("2024-06-20"), 300, 255, 380, 385},
			{"W47-004", "CELPIP-General", day("2025-11-15"), 10, 10, 9, 10},
			{"W47-005", "TCF Canada", day("2025-04-10"), 520, 530, 14, 13},
			{"W47-006", "CELPIP-General", day("2025-09-13"), 8, 7, 7, 8},
			{"W47-007", "CELPIP-General", day("2025-10-04"), 7, 6, 6, 7},
		}},
		{"Study", studyHeader, [][]any{
			{"W47-001", "Seneca Polytechnic", "Graduate certificate, software", day("2021-09-07"), day("2023-04-28"), "yes"},
			{"W47-007", "University of Regina", "Bachelor of Business Administration", day("2022-09-06"), day("2024-04-30"), "yes"},
		}},
	}}
}

// rulesWeek is a week of clients whose files turn on the finer points of the
// rules: status and permits, leave, mixed TEER groups, the physicians'
// public policy. Each shows one concern a reader of the samples should see.
func rulesWeek() book {
	return book{file: "intake-week-48.xlsx", sheets: []sheet{
		{"Clients", clientsHeader, [][]any{
			// Not eligible: worked on a permit issued to a refugee claimant, which is not
			// temporary resident status (W-STATUS); the status itself goes to the lawyer.
			{"W48-001", "Haile", "Selam", day("1992-02-11"), day("2026-10-20"), "ON", "yes", "refugee claimant", nil, "no", "Claim made in 2023; hearing pending."},
			// Needs review: the work permit expired on 2026-03-31 and the client kept
			// working without applying to extend it (A-UNAUTH).
			{"W48-002", "Santos", "Paolo Miguel", day("1990-06-30"), day("2026-10-20"), "BC", "yes", "worker", day("2026-03-31"), "no", "Employer says an LMIA is in progress."},
			// Eligible: applied to extend before the permit expired, so kept working on
			// maintained status.
			{"W48-003", "Kaur", "Harpreet", day("1995-10-03"), day("2026-10-20"), "AB", "yes", "maintained", day("2026-04-30"), "no", "Extension application submitted 2026-04-02."},
			// Needs review: no work authorization recorded for the only job, and the
			// verdict depends on it (W-AUTH-VERIFY).
			{"W48-004", "Lindqvist", "Astrid", day("1993-12-19"), day("2026-10-20"), "NS", "yes", "worker", day("2027-11-30"), "no", "Permit copy not yet received."},
			// Needs review: TEER 1 and TEER 2 experience and CLB 6; the three readings of
			// the mixed-experience rule disagree (L-MIXED).
			{"W48-005", "Moreau", "Théo", day("1991-04-07"), day("2026-10-01"), "MB", "yes", "worker", day("2027-08-31"), "no", nil},
			// Eligible: worked after finishing college while the PGWP application was
			// pending (R186(w)), then on the PGWP.
			{"W48-006", "Okonkwo", "Chidinma", day("1998-01-22"), day("2026-10-20"), "ON", "yes", "worker", day("2028-09-30"), "no", nil},
			// Needs review: a self-employed family physician billing the provincial plan,
			// counted under the 2023 public policy (W-PHYS).
			{"W48-007", "Rahimi", "Dariush", day("1984-09-14"), day("2026-10-20"), "NL", "yes", "worker", day("2027-12-31"), "no", "Licensed by the College of Physicians and Surgeons of NL."},
			// Eligible: parental leave without pay at the same employer is taken out of
			// the job (W-LEAVE); work in Calgary is work in Canada.
			{"W48-008", "Tanaka", "Yui", day("1994-05-05"), day("2026-10-20"), "AB", "yes", "worker", day("2028-03-31"), "no", "Parental leave 2025."},
		}},
		{"Employment", employmentHeader, [][]any{
			{"W48-001", "Lakeshore Logistics Inc.", "Logistics analyst", "11201", 1, day("2023-09-05"), nil, 40, "ON", "employee", "refugee claimant", nil},
			{"W48-002", "Coastline Engineering Ltd.", "Civil engineering technologist", "22300", 2, day("2023-05-01"), nil, 40, "BC", "employee", "employer-specific work permit", day("2026-03-31")},
			{"W48-003", "Bow Valley Analytics", "Data analyst", "21223", 1, day("2023-08-14"), nil, 37.5, "Calgary", "employee", "employer-specific work permit", day("2026-04-30")},
			{"W48-004", "Bluenose Marine Services", "Marine engineer officer", "72603", 2, day("2024-07-02"), nil, 40, "NS", "employee", nil, nil},
			{"W48-005", "Red River Software", "Software developer", "21231", 1, day("2023-10-02"), day("2024-05-31"), 30, "MB", "employee", "open work permit", nil},
			{"W48-005", "Assiniboine Accounting LLP", "Accountant", "11100", 1, day("2024-06-03"), day("2024-12-31"), 30, "MB", "employee", "open work permit", nil},
			{"W48-005", "Prairie Outfitters Ltd.", "Retail sales supervisor", "62010", 2, day("2025-01-06"), day("2025-09-30"), 30, "Winnipeg", "employee", "open work permit", nil},
			{"W48-006", "Georgian Web Studio", "Web developer", "21234", 1, day("2024-05-06"), day("2024-08-31"), 40, "ON", "employee", "R186(w)", nil},
			{"W48-006", "Georgian Web Studio", "Web developer", "21234", 1, day("2024-09-01"), nil, 40, "ON", "employee", "PGWP", day("2027-08-31")},
			{"W48-007", "Rahimi Family Medicine", "Family physician", "31102", 1, day("2023-07-04"), nil, 45, "NL", "self-employed", "open work permit", nil},
			{"W48-008", "Chinook Robotics Inc.", "Mechanical engineer", "21301", 1, day("2023-03-01"), nil, 40, "Calgary", "employee", "open work permit", nil},
			{"W48-008", "Chinook Robotics Inc.", "Mechanical engineer", "21301", 1, day("2025-02-01"), day("2025-07-31"), 40, "Calgary", "parental leave", "open work permit", nil},
		}},
		{"Language Tests", testsHeader, [][]any{
			{"W48-001", "IELTS General Training", day("2025-05-10"), 7.5, 7.0, 7.0, 7.5},
			{"W48-002", "CELPIP-General", day("2025-04-12"), 8, 7, 7, 8},
			{"W48-003", "CELPIP-General", day("2025-06-21"), 9, 8, 8, 9},
			{"W48-004", "IELTS General Training", day("2025-09-06"), 6.5, 6.0, 6.0, 6.5},
			{"W48-005", "CELPIP-General", day("2025-03-15"), 7, 6, 6, 7},
			{"W48-006", "PTE Core", day("2025-02-08"), 75, 72, 80, 78},
			{"W48-007", "IELTS General Training", day("2025-01-25"), 8.0, 7.5, 7.0, 7.5},
			{"W48-008", "CELPIP-General", day("2025-11-08"), 8, 8, 7, 8},
		}},
		{"Study", studyHeader, [][]any{
			{"W48-006", "Georgian College", "Diploma, computer programming", day("2022-09-06"), day("2024-04-26"), "yes"},
		}},
	}}
}

// doubtsWeek is a week of clients whose files turn on the facts an intake
// leaves open (the doubts of the rule book, each shown both ways) and on
// the rules of maintained status, student work and permits: one client per
// concern. The window of an Application Date of 2026-12-01 is 2023-12-01 to
// 2026-11-30.
func doubtsWeek() book {
	return book{file: "intake-week-49.xlsx", sheets: []sheet{
		{"Instructions", []string{"Weekly intake, week 49"}, [][]any{
			{"Fictitious clients for trying cecbatch: each turns on a fact the intake leaves open. Any resemblance to real persons is coincidental."},
		}},
		{"Clients", clientsHeader, [][]any{
			// Needs review: three years on maintained status; a decision, possibly a
			// refusal, has probably come (W-MAINT-VERIFY).
			{"W49-001", "Adeyemi", "Folake", day("1990-02-14"), day("2026-12-01"), "ON", "yes", "maintained", day("2023-11-30"), "no", "Extension applied for in November 2023; no news since."},
			// Needs review: on maintained status at a new employer, while the permit
			// maintained named the old one (A-UNAUTH).
			{"W49-002", "Novak", "Tomáš", day("1988-07-01"), day("2026-12-01"), "BC", "yes", "maintained", day("2026-03-31"), "no", "Changed jobs in April while the extension was pending."},
			// Needs review: worked full time on an open permit in the summer between two
			// full-time terms; counted only if the break is not part of the program (W-BREAK).
			{"W49-003", "Lefebvre", "Camille", day("1999-05-20"), day("2026-12-01"), "NB", "yes", "worker", day("2028-05-31"), "no", "Spouse's open work permit while studying."},
			// Needs review: "100" hours a week, surely a month's (W-HOURS-VERIFY).
			{"W49-004", "Mwangi", "Joseph", day("1992-09-09"), day("2026-12-01"), "AB", "yes", "worker", day("2028-08-31"), "no", "Hours copied from the employer's letter."},
			// Needs review: NOC 21999 is no occupation; the nearest real code is named.
			{"W49-005", "Castillo", "Andrea", day("1994-12-03"), day("2026-12-01"), "ON", "yes", "worker", day("2028-01-31"), "no", nil},
			// Needs review: NOC 10000 is no occupation either (never read as TEER 0).
			{"W49-006", "Haddad", "Rami", day("1985-03-30"), day("2026-12-01"), "ON", "yes", "worker", day("2027-12-31"), "no", nil},
			// Needs review: two employer-specific permits at the same time (W-PERMIT-CONFLICT).
			{"W49-007", "Ivanova", "Daria", day("1993-06-17"), day("2026-12-01"), "MB", "yes", "worker", day("2027-09-30"), "no", "Weekend job at a second restaurant."},
			// Needs review: a self-employed physician whose work began in 2022, applying in
			// 2025: every day counts under the public policy (W-PHYS).
			{"W49-008", "Farouk", "Leila", day("1982-01-25"), day("2025-09-15"), "NS", "yes", "worker", day("2027-06-30"), "no", "Bills MSI; licensed by the CPSNS."},
			// Eligible: the permit expired while the client was on unpaid parental leave;
			// leave days are no work, so nothing is unauthorized.
			{"W49-009", "Lindgren", "Sofia", day("1991-10-11"), day("2026-12-01"), "ON", "yes", "worker", day("2028-10-31"), "no", "On parental leave since July; new permit approved."},
			// Needs review: a bare "Halifax" is read as Nova Scotia, but it is also a place
			// abroad (W-PLACE-VERIFY).
			{"W49-010", "MacLeod", "Fiona", day("1990-08-08"), day("2026-12-01"), "NS", "yes", "worker", day("2028-02-29"), "no", nil},
			// Needs review: worked off campus on a study permit while studying part time
			// (W-STUDY-VERIFY).
			{"W49-011", "Pham", "Quang Huy", day("2000-04-04"), day("2026-12-01"), "ON", "yes", "student", day("2027-08-31"), "no", "Part-time student since January 2024."},
			// Needs review: working under R186(w) with no PGWP decision recorded
			// (R186W-VERIFY).
			{"W49-012", "Osei", "Ama", day("1998-12-12"), day("2026-12-01"), "ON", "yes", "worker", nil, "no", "PGWP application pending."},
			// Needs review: 28 hours a week off campus during full-time study, above the
			// 24-hour limit (A-STUDY-HOURS).
			{"W49-013", "Singh", "Gurpreet", day("1999-07-07"), day("2026-12-01"), "SK", "yes", "worker", day("2028-06-30"), "no", nil},
			// Needs review: an application date of 2023-12-15, before the rule set took
			// effect (R-RULESET).
			{"W49-014", "Dubois", "Mathieu", day("1989-11-11"), day("2023-12-15"), "ON", "yes", "worker", day("2025-12-31"), "no", "Filed in December 2023; refusal under review."},
			// Eligible: abroad since the status expired, and the work ended with it: no
			// status concern.
			{"W49-015", "Tanaka", "Kenji", day("1992-03-03"), day("2026-12-01"), "ON", "no", "worker", day("2026-06-30"), "N/A", "Returned to Japan in July; applying from abroad."},
		}},
		{"Employment", employmentHeader, [][]any{
			{"W49-001", "Lakeshore Robotics Inc.", "Controls engineer", "21301", 1, day("2022-06-01"), nil, 40, "ON", "employee", "employer-specific work permit", day("2023-11-30")},
			{"W49-002", "Coastal Freight Ltd.", "Logistics analyst", "13201", 3, day("2023-05-01"), day("2026-03-31"), 40, "BC", "employee", "employer-specific work permit", day("2026-03-31")},
			{"W49-002", "Pacific Rim Shipping", "Logistics analyst", "13201", 3, day("2026-04-06"), nil, 40, "BC", "employee", "maintained status", nil},
			{"W49-003", "Fundy Tidal Energy", "Engineering assistant", "22300", 2, day("2024-05-01"), day("2024-08-30"), 40, "NB", "employee", "open work permit", nil},
			{"W49-003", "Fundy Tidal Energy", "Engineering technologist", "22300", 2, day("2026-01-05"), nil, 40, "NB", "employee", "PGWP", day("2028-05-31")},
			{"W49-004", "Bow River Logistics", "Dispatcher", "13201", 3, day("2025-09-01"), nil, 100, "AB", "employee", "open work permit", nil},
			{"W49-005", "Maple Software Inc.", "Software developer", "21999", nil, day("2023-06-01"), nil, 40, "ON", "employee", "PGWP", nil},
			{"W49-006", "Harbourfront Finance", "Finance manager", "10000", nil, day("2023-06-01"), nil, 40, "ON", "employee", "open work permit", nil},
			{"W49-007", "Red River Grill", "Cook", "63200", 3, day("2024-01-08"), nil, 30, "MB", "employee", "employer-specific work permit", day("2027-09-30")},
			{"W49-007", "Prairie Bistro", "Cook", "63200", 3, day("2024-06-01"), nil, 15, "MB", "employee", "employer-specific work permit", day("2027-09-30")},
			{"W49-008", "Farouk Family Medicine", "Family physician", "31102", 1, day("2022-03-01"), day("2023-12-31"), 45, "NS", "self-employed", "open work permit", nil},
			{"W49-009", "Northern Lights Analytics", "Data analyst", "21223", 1, day("2023-06-01"), nil, 37.5, "ON", "employee", "open work permit", day("2026-06-30")},
			{"W49-009", "Northern Lights Analytics Inc.", "Data analyst", "21223", 1, day("2026-07-01"), nil, 37.5, "ON", "parental leave", "open work permit", nil},
			{"W49-010", "Bluenose Marine Services", "Marine engineer officer", "72603", 2, day("2024-09-03"), nil, 40, "Halifax", "employee", "open work permit", nil},
			{"W49-011", "Corner Café", "Shift supervisor", "62020", 2, day("2024-01-08"), nil, 30, "ON", "employee", "study permit", nil},
			{"W49-012", "Georgian Web Studio", "Web developer", "21234", 1, day("2025-05-05"), nil, 40, "ON", "employee", "R186(w)", nil},
			{"W49-013", "Prairie Books", "Store clerk", "64100", 4, day("2024-11-08"), day("2025-04-25"), 28, "SK", "employee", "study permit", nil},
			{"W49-013", "Saskatoon Analytics", "Data analyst", "21223", 1, day("2025-05-05"), nil, 40, "SK", "employee", "PGWP", day("2028-06-30")},
			{"W49-014", "Maple Software Inc.", "Software developer", "21231", 1, day("2020-09-01"), nil, 40, "ON", "employee", "PGWP", nil},
			{"W49-015", "Kyoto Trading Canada", "Purchasing agent", "12102", 2, day("2023-06-01"), day("2026-06-30"), 40, "ON", "employee", "open work permit", day("2026-06-30")},
		}},
		{"Language Tests", testsHeader, [][]any{
			{"W49-001", "CELPIP-General", day("2025-06-21"), 9, 8, 8, 9},
			{"W49-002", "IELTS General Training", day("2025-04-05"), 7.0, 6.5, 6.0, 7.0},
			{"W49-003", "TEF Canada", day("2025-03-01"), 300, 250, 380, 380},
			{"W49-004", "CELPIP-General", day("2025-10-18"), 7, 7, 6, 7},
			{"W49-005", "CELPIP-General", day("2025-08-09"), 9, 9, 8, 9},
			{"W49-006", "IELTS General Training", day("2025-07-19"), 8.0, 7.5, 7.0, 7.5},
			{"W49-007", "CELPIP-General", day("2025-05-24"), 7, 6, 6, 7},
			{"W49-008", "IELTS General Training", day("2024-11-16"), 8.5, 8.0, 7.5, 8.0},
			{"W49-009", "CELPIP-General", day("2025-09-20"), 9, 9, 9, 9},
			{"W49-010", "IELTS General Training", day("2025-10-04"), 6.5, 6.0, 6.0, 6.5},
			{"W49-011", "CELPIP-General", day("2025-02-22"), 8, 7, 7, 8},
			{"W49-012", "PTE Core", day("2025-06-07"), 75, 72, 80, 78},
			{"W49-013", "IELTS General Training", day("2025-08-23"), 7.5, 7.0, 7.0, 7.0},
			{"W49-014", "CELPIP-General", day("2023-03-11"), 9, 9, 9, 9},
			{"W49-015", "IELTS General Training", day("2025-11-08"), 7.0, 6.5, 6.5, 7.0},
		}},
		{"Study", studyHeader, [][]any{
			{"W49-003", "Université de Moncton", "Bachelor of Engineering, year 3", day("2023-09-05"), day("2024-04-26"), "yes"},
			{"W49-003", "Université de Moncton", "Bachelor of Engineering, year 4", day("2024-09-03"), day("2025-04-25"), "yes"},
			{"W49-011", "Centennial College", "Business diploma (part time)", day("2024-01-08"), day("2026-12-18"), "no"},
			{"W49-012", "Georgian College", "Diploma, web development", day("2023-09-05"), day("2025-04-25"), "yes"},
			{"W49-013", "University of Saskatchewan", "Master of Data Science", day("2023-09-05"), day("2025-04-25"), "yes"},
		}},
	}}
}

// dialect is an export from another office: other sheet and column names,
// columns in another order, and dates typed as text.
func dialect() book {
	return book{file: "partner-office-export.xlsx", sheets: []sheet{
		{"Applicants", []string{"File No", "Surname", "First Name", "Destination", "Assessment Date", "DOB", "Currently In Canada", "Immigration Status", "Concerns", "Comments"}, [][]any{
			{"AG-101", "Gagnon", "Marie-Ève", "Ontario", "2026-10-01", "12 May 1995", "Y", "Worker", "None", "Accounting firm sponsor."},
			{"AG-102", "Ødegård", "Kari", "nova scotia", "October 15, 2026", "1988/02/29", "Y", "worker", "N", "Job described with a NOC 2016 code."},
			{"AG-103", "Nguyễn", "Văn An", "ON", "2026-09-30", "3 Jun 1992", "y", "worker", "", "Runs his own renovation business."},
		}},
		{"Work History", []string{"Company", "Position", "NOC Code", "File Number", "From", "To", "Hrs/Wk", "Work Location", "Type", "Permit"}, [][]any{
			{"Lakeshore Accounting LLP", "Staff accountant", "11100", "AG-101", "1 Sep 2023", "", "37,5", "Toronto, ON", "employee", "PGWP"},
			{"Halifax Code Works", "Programmer", "2174", "AG-102", "Jan 8, 2024", "", "40", "NS", "Employee", "open work permit"},
			{"An Renovations", "Owner", "73200", "AG-103", "2023-05-01", "", "45", "Ontario", "self-employed", "open work permit"},
		}},
		{"Test Scores", []string{"File Number", "Exam", "Date of Test", "L", "R", "W", "S"}, [][]any{
			{"AG-101", "PTE Core", "14 March 2025", "72", "70", "80", "77"},
			{"AG-102", "IELTS GT", "2025/11/20", "7.5", "7,0", "6.5", "7"},
			{"AG-103", "CELPIP", "Feb 2, 2026", "9", "8", "8", "9"},
		}},
		{"Education", []string{"File Number", "School", "Program", "From", "To", "FT"}, [][]any{
			{"AG-101", "York University", "Master of Accounting", "2021-09-01", "2023-06-30", "Yes"},
		}},
	}}
}

// needsReview has row-level problems for the paralegal to fix: an
// impossible date, a score out of range, and a row whose Client ID is not
// on the Clients sheet.
func needsReview() book {
	return book{file: "intake-with-problems.xlsx", sheets: []sheet{
		{"Clients", clientsHeader, [][]any{
			{"NR-201", "Dlamini", "Sipho", day("1990-04-18"), day("2026-10-05"), "ON", "yes", "worker", day("2027-10-31"), "no", "End date of the second job to be confirmed."},
			{"NR-202", "García López", "María José", day("1994-09-09"), day("2026-09-21"), "BC", "yes", "worker", day("2027-12-31"), "no", nil},
			{"NR-203", "Kowalska", "Anna", day("1992-01-27"), day("2026-08-17"), "NS", "yes", "worker", day("2028-06-30"), "no", nil},
			{"NR-204", "Mensah", "Kwame", day("1989-03-03"), day("2026-09-14"), "ON", "yes", "worker", day("2027-07-31"), "no", "Works from home for a Toronto company."},
			{"NR-205", "Horvat", "Ivan", day("1986-11-11"), day("2026-09-14"), "ON", "yes", "worker", day("2027-05-31"), "no", "Truck driver; NOC taken from an old LMIA."},
		}},
		{"Employment", employmentHeader, [][]any{
			{"NR-201", "Lakeview Property Management", "Administrative assistant", "13110", 3, day("2023-01-09"), day("2025-03-31"), 37.5, "ON", "employee", "open work permit"},
			// 31 June does not exist.
			{"NR-201", "Harbourfront Dental", "Administrative assistant", "13110", 3, day("2025-04-14"), "31/06/2025", 30, "ON", "employee", "open work permit"},
			{"NR-202", "Little Sprouts Daycare", "Early childhood educator", "42202", 2, day("2023-08-01"), nil, 40, "BC", "employee", "PGWP"},
			{"NR-203", "Atlantic Circuits Ltd.", "Electronics technologist", "22310", 2, day("2023-11-06"), nil, 40, "NS", "employee", "employer-specific work permit"},
			// The Client ID is mistyped: no client NR-299.
			{"NR-299", "Atlantic Circuits Ltd.", "Electronics technologist", "22310", 2, day("2022-05-02"), day("2023-11-03"), 40, "NS", "employee", "employer-specific work permit"},
			// "Remote" says how, not where: the paralegal must give the province.
			{"NR-204", "Lakeshore Insurance Co.", "Claims adjuster", "12201", 2, day("2023-08-01"), nil, 37.5, "Remote", "employee", "open work permit"},
			// A NOC 2016 skill level C code: 7511 became 73300 (TEER 3) in NOC 2021.
			{"NR-205", "Highway 401 Freight Ltd.", "Transport truck driver", "7511", nil, day("2023-04-03"), nil, 50, "ON", "employee", "employer-specific work permit"},
		}},
		{"Language Tests", testsHeader, [][]any{
			{"NR-201", "CELPIP-General", day("2025-06-07"), 8, 7, 7, 8},
			// CELPIP scores go up to 12.
			{"NR-202", "CELPIP-General", day("2025-07-12"), 9, 13, 8, 9},
			{"NR-203", "IELTS General Training", day("2025-03-22"), 6.5, 6.0, 6.0, 6.5},
			{"NR-204", "CELPIP-General", day("2025-05-17"), 8, 8, 7, 8},
			// The test's name is misspelt: the row is shown as entered, not dropped.
			{"NR-205", "IELTS General Traning", day("2025-06-14"), 6.0, 5.5, 5.5, 6.0},
		}},
		{"Study", studyHeader, nil},
	}}
}
