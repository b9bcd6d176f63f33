package crs

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// Hand-worked profiles, each scored from the grid with the arithmetic
// written out, through the whole estimate: Employment rows, tests, the
// CRS columns.

// priya is single, 29 on A (her 30th birthday is the day after), with a
// master's degree (ECA), CELPIP 9 in all four, 3 years of Canadian work
// and 3 years abroad.
//
// Canadian work: NOC 21231 from 2023-05-01, 40 h/week, credited 30: the
// 1,127 days to 2026-05-31 make 1,127 × 30 / 7 = 4,830 h = 3 years (4,680).
func priya(opts ...func(*assess.CRSProfile)) *assess.Client {
	base := func(p *assess.CRSProfile) {
		p.Education, p.ECA, p.ForeignWorkYears = assess.EducationMasters, assess.ECAYes, assess.KnownYears(3)
	}
	return eeClient("2026-06-01", "1996-06-02",
		[]assess.Job{eeJob("21231", "2023-05-01", "", 40)},
		[]assess.Test{celpip("2025-09-01", 9, 9, 9, 9)},
		append([]func(*assess.CRSProfile){base}, opts...)...)
}

func TestCRSProfileSingle(t *testing.T) {
	x := eeAssess(priya())
	// A: age 29 → 110; master's → 135; CLB 9 × 4 → 4 × 31 = 124; no second
	//    language → 0; 3 years Canadian work → 64.  A = 433.
	// B: single → 0.
	// C: education (large) + tier 9 → 50, + 2+ years → 50, group cap 50;
	//    foreign 3+ (large) + tier 9 → 50, + 2+ years → 50, cap 50;
	//    no certificate → 0.  C = min(100, 50 + 50 + 0) = 100.
	// D: nothing → 0.  Total 533.
	if x.Min != 533 || x.Max != 533 {
		t.Fatalf("estimate %d–%d, want 533", x.Min, x.Max)
	}
	if x.Sections != [4][2]int{{433, 433}, {0, 0}, {100, 100}, {0, 0}} {
		t.Errorf("sections %v", x.Sections)
	}
	want := Factors{Age: 110, Education: 135, FirstLanguage: 124, CanadianWork: 64,
		EducationLanguage: 50, EducationCanadianWork: 50, ForeignLanguage: 50, ForeignCanadianWork: 50}
	if x.Factors == nil || *x.Factors != want {
		t.Errorf("factors %+v, want %+v", x.Factors, want)
	}
	if x.Age != 29 || x.CanadianWorkYears != 3 || !near(x.CanadianWorkHours, 4830) {
		t.Errorf("age %d, Canadian work %v h = %d years; want 29, 4,830 h = 3", x.Age, x.CanadianWorkHours, x.CanadianWorkYears)
	}
	if x.FirstLanguage != "english" || x.SpouseScale != assess.No || len(x.Unknowns) != 0 || x.NarrowFirst != nil {
		t.Errorf("first language %q, scale %v, unknowns %v, narrow %v", x.FirstLanguage, x.SpouseScale, x.Unknowns, x.NarrowFirst)
	}
	// The latest CEC round on or before 2026-06-01 is 2026-05-27 at 518.
	if len(x.Cutoffs) == 0 || x.Cutoffs[0].Round == nil || x.Cutoffs[0].Round.Number != 417 {
		t.Fatalf("cut-offs %+v", x.Cutoffs)
	}
	mustContain(t, "CEC comparison", x.Cutoffs[0].Text.String(), "518 in the CEC round of 2026-05-27", "estimate 533, 15 above", "(cut-offs as of 2026-10-01)")
	if len(eeFindings(x, CodeGrid)) != 0 {
		t.Errorf("E-GRID on 2026-06-01, before the grid's checked_through")
	}
	// A nomination would add 600: D = 600, total 1,133.
	if w := whatIf(x, "nomination"); w == nil || w.Min != 1133 {
		t.Errorf("nomination what-if %+v, want 1133", w)
	}
	// French NCLC 7: second language 4 × 3 = 12, French bonus 50 (English 9s):
	// 533 + 12 + 50 = 595.
	if w := whatIf(x, "french"); w == nil || w.Min != 595 {
		t.Errorf("French what-if %+v, want 595", w)
	}
}

func whatIf(x *Estimate, key string) *WhatIf {
	for i := range x.WhatIfs {
		if x.WhatIfs[i].Key == key {
			return &x.WhatIfs[i]
		}
	}
	return nil
}

// The same facts with an accompanying spouse, then with a spouse who is a
// Canadian citizen (Spouse Accompanying no: scored single).
func TestCRSProfileWithSpouse(t *testing.T) {
	spouse := func(acc assess.Tristate) func(*assess.CRSProfile) {
		return func(p *assess.CRSProfile) {
			p.SpouseAccompanying = acc
			p.SpouseEducation, p.SpouseECA, p.SpouseCanadianWorkYears = assess.EducationThreeYear, assess.ECAYes, assess.KnownYears(1)
			p.SpouseTests = []assess.Test{celpip("2025-10-01", 7, 7, 7, 7)}
		}
	}
	x := eeAssess(priya(spouse(assess.Yes)))
	// A: age 29 → 100; master's → 126; CLB 9 × 4 → 4 × 29 = 116; 3 years → 56.
	//    A = 398.
	// B: spouse three-year (ECA) → 8; spouse CLB 7 × 4 → 4 × 3 = 12; spouse
	//    1 year in Canada → 5.  B = 25.
	// C: 100 as single (transferability has one scale).  D: 0.
	// Total 398 + 25 + 100 = 523.
	if x.Min != 523 || x.Max != 523 || x.Sections[SectionCore] != [2]int{398, 398} || x.Sections[SectionSpouse] != [2]int{25, 25} {
		t.Fatalf("with spouse: %d–%d, sections %v; want 523 (A 398, B 25)", x.Min, x.Max, x.Sections)
	}
	if x.SpouseScale != assess.Yes {
		t.Errorf("scale %v", x.SpouseScale)
	}
	single := eeAssess(priya(spouse(assess.No)))
	if single.Min != 533 || single.Max != 533 {
		t.Errorf("spouse a citizen (accompanying no): %d–%d, want the single 533", single.Min, single.Max)
	}
	note := strings.Join(assess.Strings(single.Assumptions), "\n")
	mustContain(t, "assumptions", note, "Scored as single", "The spouse's test rows are not used", "Language Tests!A3")
	for _, u := range single.Unknowns {
		if strings.HasPrefix(u.Column, "Spouse") {
			t.Errorf("spouse field %s listed as unknown with Spouse Accompanying no", u.Column)
		}
	}
}

// ECA "no": the master's is not counted and the client falls back to the
// Canadian two-year credential.
func TestCRSECAFallsBackToCanadianEducation(t *testing.T) {
	x := eeAssess(priya(func(p *assess.CRSProfile) { p.ECA, p.CanadianEducation = assess.ECANo, assess.EducationTwoYear }))
	// A: 110 + two-year 98 + 124 + 64 = 396.
	// C: two-year is the small column: tier 9 → 25, 2+ years → 25, = 50;
	//    foreign 50.  C = 100.
	// D: Canadian two-year credential → 15.
	// Total 396 + 100 + 15 = 511.
	if x.Min != 511 || x.Max != 511 {
		t.Fatalf("ECA no: %d–%d, want 511", x.Min, x.Max)
	}
	// With an ECA: A 433, C 100, D 15 = 548.
	f := eeFindings(x, CodeECA)
	if len(f) != 1 || f[0].Kind != assess.KindNote {
		t.Fatalf("E-ECA findings %+v", f)
	}
	mustContain(t, "E-ECA", f[0].Text.String(), "master's", "548 (511 now)")
	if f[0].Cell != "Clients!N2" {
		t.Errorf("E-ECA cell %q, want Clients!N2", f[0].Cell)
	}
	// ECA "canadian" counts the level like an ECA.
	if y := eeAssess(priya(func(p *assess.CRSProfile) { p.ECA = assess.ECACanadian })); y.Min != 533 {
		t.Errorf("ECA canadian: %d, want 533", y.Min)
	}
}

// French first when it gives the higher total, with the French bonus.
func TestCRSFirstLanguageByTotal(t *testing.T) {
	// 35 on A; three-year degree (ECA); CELPIP 5 × 4; TCF Canada NCLC 9 × 4;
	// 1 year of Canadian work: 30 h/week from 2025-06-02 to 2026-05-31,
	// 364 days × 30 / 7 = 1,560 h exactly = 1 year.
	c := eeClient("2026-06-01", "1991-01-15",
		[]assess.Job{eeJob("21231", "2025-06-02", "2026-05-31", 30)},
		[]assess.Test{celpip("2025-09-01", 5, 5, 5, 5), tcf("2025-11-01", 9, 9, 9, 9)},
		func(p *assess.CRSProfile) { p.Education, p.ECA = assess.EducationThreeYear, assess.ECAYes })
	x := eeAssess(c)
	// English first: A = 77 + 120 + 4 × 6 + min(24, 4 × 6) + 40 = 285;
	//   C = education (small) + tier none 0, + 1 year 13 = 13; D = 50.  348.
	// French first: A = 77 + 120 + 4 × 31 + 4 × 1 + 40 = 365;
	//   C = tier 9 small 25 + 1 year 13 = 38; D = 50 (NCLC 7+ and English
	//   CLB 5+ in all four).  453.
	if x.Min != 453 || x.Max != 453 || x.FirstLanguage != "french" {
		t.Fatalf("%d–%d, first %q; want 453 with French first", x.Min, x.Max, x.FirstLanguage)
	}
	if x.CanadianWorkYears != 1 || !near(x.CanadianWorkHours, 1560) {
		t.Errorf("Canadian work %v h = %d years, want 1,560 h = 1", x.CanadianWorkHours, x.CanadianWorkYears)
	}
	if x.Factors.French != 50 || x.Factors.SecondLanguage != 4 || x.Factors.FirstLanguage != 124 {
		t.Errorf("factors %+v", x.Factors)
	}
	if f := flagOf(t, x, "french"); f.Status != FlagMet || f.From != c.ApplicationDate {
		t.Errorf("French category %+v", f)
	}
	// The comparisons: the CEC round and the French round before A.
	if len(x.Cutoffs) != 2 || x.Cutoffs[1].Type != "french" {
		t.Fatalf("cut-offs %+v", x.Cutoffs)
	}
	mustContain(t, "CEC", x.Cutoffs[0].Text.String(), "estimate 453, 65 below")
	mustContain(t, "French", x.Cutoffs[1].Text.String(), "409 in the French-language proficiency round of 2026-05-28", "44 above", "as of 2026-10-01")
	// One hour less is not a year: 363 days × 30 / 7 = 1,555.7 h → 0 years.
	c.Jobs[0].Start = assess.MustDate("2025-06-03")
	if y := eeAssess(c); y.CanadianWorkYears != 0 {
		t.Errorf("1,555.7 h: %d years, want 0", y.CanadianWorkYears)
	}
}

// Blank Date of Birth and Foreign Work Years: a range, and what to ask.
func TestCRSRangeAndNarrowFirst(t *testing.T) {
	c := priya(func(p *assess.CRSProfile) { p.ForeignWorkYears = assess.Years{} })
	c.DateOfBirth = 0
	x := eeAssess(c)
	// A without age: 135 + 124 + 64 = 323; age adds 0 (17 or 45) to 110.
	// C: education group 50; foreign group 0 (none), or min(50, 25 + 25)
	//    for 1–2 years, or 50 for 3+: C is 50 or 100.
	// Total: 323 + 0 + 50 = 373 to 323 + 110 + 100 = 533.
	if x.Min != 373 || x.Max != 533 || x.Factors != nil {
		t.Fatalf("range %d–%d (factors %v), want 373–533 and no factors", x.Min, x.Max, x.Factors)
	}
	if x.Sections[SectionCore] != [2]int{323, 433} || x.Sections[SectionTransfer] != [2]int{50, 100} {
		t.Errorf("sections %v", x.Sections)
	}
	// Knowing the date of birth leaves the foreign-work swing, 50; knowing
	// the foreign work leaves the age swing, 110. Ask for the birth date.
	if x.NarrowFirst == nil || x.NarrowFirst.Column != "Date of Birth" || x.NarrowFirstWidth != 50 {
		t.Errorf("narrow first %+v width %d, want Date of Birth, 50", x.NarrowFirst, x.NarrowFirstWidth)
	}
	r := eeFindings(x, CodeRange)
	if len(r) != 1 {
		t.Fatalf("E-RANGE findings %+v", r)
	}
	mustContain(t, "E-RANGE", r[0].Text.String(), "Date of Birth, Foreign Work Years", "373–533", "Ask first: Date of Birth — knowing it narrows the range to at most 50 points")
	// 518 lies inside the range.
	mustContain(t, "CEC", x.Cutoffs[0].Text.String(), "estimate 373–533: depends on the missing inputs")
}

// Age boundaries: 17/18, 29/30, 44/45 and a birthday on the day before A.
func TestCRSAgeOnA(t *testing.T) {
	A := "2026-06-01"
	cases := []struct {
		dob  string
		age  int
		pts  int
		name string
	}{
		{"2009-06-02", 16, 0, "17 tomorrow"},
		{"2008-06-02", 17, 0, "18 tomorrow"},
		{"2008-06-01", 18, 99, "18 today"},
		{"1996-06-02", 29, 110, "30 tomorrow"},
		{"1996-05-31", 30, 105, "30 yesterday (the day before A)"},
		{"1981-06-02", 44, 6, "45 tomorrow"},
		{"1981-06-01", 45, 0, "45 today"},
		{"1996-02-29", 30, 105, "born 29 February"},
	}
	for _, c := range cases {
		x := eeAssess(eeClient(A, c.dob, nil, nil))
		if x.Age != c.age || x.Min != c.pts {
			t.Errorf("%s (born %s): age %d, %d points; want %d, %d", c.name, c.dob, x.Age, x.Min, c.age, c.pts)
		}
	}
	// Born 29 February: 25 on 2021-02-28 is not reached until 1 March.
	if got := completedYears(assess.MustDate("1996-02-29"), assess.MustDate("2021-02-28")); got != 24 {
		t.Errorf("born 1996-02-29, on 2021-02-28: %d, want 24", got)
	}
}

// A CRS cell that cannot be read is a DATA finding in the estimate, its
// value unknown; the CEC verdict does not change.
func TestCRSBadCellNeverChangesVerdict(t *testing.T) {
	clean := priya()
	bad := priya(func(p *assess.CRSProfile) {
		p.Sibling = assess.Unknown
		p.Problems = []assess.Problem{{Cell: "Clients!R2", Message: assess.Plain(`Sibling in Canada "maybe" is not yes or no.`)}}
	})
	rs := assess.Current()
	if a, b := rs.Assess(clean, 0).Verdict, rs.Assess(bad, 0).Verdict; a != b {
		t.Fatalf("CEC verdict %s with a bad CRS cell, %s without", b, a)
	}
	x := eeAssess(bad)
	d := eeFindings(x, assess.CodeData)
	if len(d) != 1 || d[0].Cell != "Clients!R2" || d[0].Kind != assess.KindData {
		t.Fatalf("DATA findings %+v", d)
	}
	mustContain(t, "DATA", d[0].Text.String(), "maybe", "treated as unknown", "not affected")
	// Sibling unknown: 533 or 548.
	if x.Min != 533 || x.Max != 548 || len(x.Unknowns) != 1 || x.Unknowns[0].Column != "Sibling in Canada" {
		t.Errorf("%d–%d, unknowns %v; want 533–548 over Sibling in Canada", x.Min, x.Max, x.Unknowns)
	}
}

// A workbook without the CRS columns: no estimate, but the categories and
// the cut-offs are reported.
func TestCRSNotEstimated(t *testing.T) {
	c := priya()
	c.CRS = assess.CRSProfile{}
	c.Tests = append(c.Tests, tcf("2025-11-01", 7, 7, 7, 7))
	c.Tests[1].Ref = assess.Ref{Sheet: "Language Tests", Row: 3, Cols: eeTestCols}
	x := eeAssess(c)
	if x.Estimated || len(eeFindings(x, CodeNotEstimated)) != 1 {
		t.Fatalf("estimated %v, findings %+v", x.Estimated, x.Findings)
	}
	mustContain(t, "E-NOT-ESTIMATED", eeFindings(x, CodeNotEstimated)[0].Text.String(), "Education Level", "Spouse Canadian Work Years", "cecbatch template")
	if f := flagOf(t, x, "french"); f.Status != FlagMet {
		t.Errorf("French flag %+v, want met", f)
	}
	if len(x.Cutoffs) != 2 {
		t.Fatalf("cut-offs %+v", x.Cutoffs)
	}
	mustContain(t, "CEC", x.Cutoffs[0].Text.String(), "518 in the CEC round of 2026-05-27 — no estimate (cut-offs as of 2026-10-01)")
}

// E-GRID: after the grid's checked_through (2026-10-02), and naming the
// reported 2026-11-03 change from that day; a firm's later check silences it.
func TestCRSGridCaveat(t *testing.T) {
	at := func(A string, checked string) []assess.Finding {
		c := priya()
		c.ApplicationDate = assess.MustDate(A)
		ee := Builtin()
		ee.GridCheckedOn = dateOrZero(checked)
		return eeFindingsOf(ee.Assess(assess.Current(), c, c.ApplicationDate), CodeGrid)
	}
	if f := at("2026-10-02", ""); len(f) != 0 {
		t.Errorf("on checked_through: %+v", f)
	}
	f := at("2026-10-03", "")
	if len(f) != 1 || strings.Contains(f[0].Text.String(), "2026-11-03") {
		t.Fatalf("the day after checked_through: %+v", f)
	}
	mustContain(t, "E-GRID", f[0].Text.String(), "crs-2025-03-25", "2026-10-02")
	f = at("2026-11-03", "")
	if len(f) != 1 {
		t.Fatalf("on 2026-11-03: %+v", f)
	}
	mustContain(t, "E-GRID", f[0].Text.String(), "2026-11-03", "unconfirmed", "no point values")
	if f := at("2026-11-20", "2026-11-30"); len(f) != 0 {
		t.Errorf("with the firm's check of 2026-11-30: %+v", f)
	}
	if f := at("2026-12-05", "2026-11-30"); len(f) != 1 || !strings.Contains(f[0].Text.String(), "2026-11-30") {
		t.Errorf("after the firm's check: %+v", f)
	}
	// Before the grid took effect nothing is estimated.
	c := priya()
	c.ApplicationDate = assess.MustDate("2025-03-24")
	if x := eeAssess(c); x.Estimated || len(eeFindings(x, CodeNotEstimated)) != 1 {
		t.Errorf("A before 2025-03-25: estimated %v", x.Estimated)
	}
}

func eeFindingsOf(x *Estimate, code string) []assess.Finding { return eeFindings(x, code) }

// PNP blank is read as no and said so.
func TestCRSNominationBlankIsNo(t *testing.T) {
	x := eeAssess(priya(func(p *assess.CRSProfile) { p.Nomination = assess.Unknown }))
	if x.Min != 533 || x.Max != 533 {
		t.Fatalf("%d–%d, want 533", x.Min, x.Max)
	}
	mustContain(t, "assumptions", strings.Join(assess.Strings(x.Assumptions), "\n"), "Provincial Nomination is blank: read as no (a nomination adds 600 points)")
	y := eeAssess(priya(func(p *assess.CRSProfile) { p.Nomination = assess.Yes }))
	// D = 600: 533 + 600 = 1,133.
	if y.Min != 1133 || whatIf(y, "nomination") != nil {
		t.Errorf("nominated: %d, what-ifs %+v", y.Min, y.WhatIfs)
	}
}

// Canadian Education, Certificate of Qualification and Sibling in Canada
// left blank read as none or no, stated as assumptions with what a value
// would add (CRS.md §1.1); a cell that could not be read stays unknown.
func TestCRSBlankReadsAsNone(t *testing.T) {
	x := eeAssess(priya(func(p *assess.CRSProfile) {
		p.CanadianEducation, p.Certificate, p.Sibling = assess.EducationUnknown, assess.Unknown, assess.Unknown
	}))
	if x.Min != 533 || x.Max != 533 || len(x.Unknowns) != 0 {
		t.Fatalf("%d–%d, unknowns %v; want 533 and none", x.Min, x.Max, x.Unknowns)
	}
	// A Canadian doctorate adds 30 (D) and, above the master's, 15 to the
	// education factor (150 − 135): 45; a certificate of qualification with
	// CLB 9 adds 50 in C, which is at its cap of 100 already: nothing; a
	// sibling adds 15.
	mustContain(t, "assumptions", strings.Join(assess.Strings(x.Assumptions), "\n"),
		"Canadian Education is blank: read as none (a Canadian credential would add up to 45 points).",
		"Certificate of Qualification is blank: read as no (a certificate of qualification would add nothing here).",
		"Sibling in Canada is blank: read as no (a sibling in Canada would add up to 15 points).")
	if len(eeFindings(x, CodeRange)) != 0 {
		t.Errorf("a range finding for inputs read as none: %+v", eeFindings(x, CodeRange))
	}
}

// A spouse's test that cannot be read is reported by the estimate, with
// its cell; the spouse then has no test (0 points), not an unknown.
func TestCRSSpouseTestUnreadable(t *testing.T) {
	c := priya(func(p *assess.CRSProfile) {
		p.SpouseAccompanying, p.SpouseEducation, p.SpouseECA, p.SpouseCanadianWorkYears = assess.Yes, assess.EducationNone, assess.ECANo, assess.KnownYears(0)
		p.SpouseTests = []assess.Test{celpip("2025-10-01", 7, 7, 13, 7)}
	})
	x := eeAssess(c)
	d := eeFindings(x, assess.CodeData)
	if len(d) != 1 || d[0].Cell != "Language Tests!F3" {
		t.Fatalf("DATA findings %+v", d)
	}
	mustContain(t, "DATA", d[0].Text.String(), "spouse's test is not used", "13", "not affected")
	// B = 0: A 398 + C 100 = 498.
	if x.Min != 498 || x.Max != 498 {
		t.Errorf("%d–%d, want 498", x.Min, x.Max)
	}
}

// The days the estimate changes by itself, each with everything else as
// on A (2026-06-01, 533).
func TestCRSScoreChanges(t *testing.T) {
	x := eeAssess(priya())
	want := []struct {
		on     string
		reason string
		total  int
	}{
		// 30 the next day: age 110 → 105.
		{"2026-06-02", "birthday", 528},
		// 4,830 h + 329 days × 30 / 7 = 6,240 h = 4 years: 64 → 72.
		{"2027-04-26", "canadian_work", 541},
		// The CELPIP of 2025-09-01 expires with no other test: first
		// language 124 → 0, transferability still 100 on Canadian work:
		// 110 + 135 + 64 + 100 = 409.
		{"2027-09-01", "test_expiry", 409},
	}
	if len(x.Changes) != len(want) {
		t.Fatalf("changes %+v", x.Changes)
	}
	for i, w := range want {
		ch := x.Changes[i]
		if ch.On != assess.MustDate(w.on) || ch.Reason != w.reason || ch.Min != w.total || ch.Max != w.total {
			t.Errorf("change %d: %+v, want %s %s %d", i, ch, w.on, w.reason, w.total)
		}
	}
	mustContain(t, "birthday", x.Changes[0].Text.String(), "From 2026-06-02 the client is 30: the estimate becomes 528 (533 now).")
	mustContain(t, "work", x.Changes[1].Text.String(), "6,240.0 h, 4 years")
	mustContain(t, "test", x.Changes[2].Text.String(), "CELPIP-General test of 2025-09-01 is no longer valid")
	// Between 20 and 29 a birthday changes nothing: born 2002-01-15, the
	// client is 24 and turns 30 only after the projection ends (2029-06-01).
	young := priya()
	young.DateOfBirth = assess.MustDate("2002-01-15")
	for _, ch := range eeAssess(young).Changes {
		if ch.Reason == "birthday" {
			t.Errorf("a 24-year-old's birthday changes the score: %+v", ch)
		}
	}
	// Born 1998-01-15: 28 on A, 30 on 2028-01-15, within the projection.
	young.DateOfBirth = assess.MustDate("1998-01-15")
	found := false
	for _, ch := range eeAssess(young).Changes {
		if ch.Reason == "birthday" {
			found = ch.On == assess.MustDate("2028-01-15") && ch.Min == 528
		}
	}
	if !found {
		t.Errorf("a 28-year-old's age change: %+v", eeAssess(young).Changes)
	}
}
