package crs

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cecbatch/cecbatch/assess"
)

// This file is the Comprehensive Ranking System (CRS) as dated data: every
// cell of the points grid, with the day it took effect and the day it was
// last seen unchanged. The estimate reads its numbers from here and
// nowhere else; a new grid is a new Grid beside this one, selected by
// the assessment date, never an edit of this one.

// Scale indexes the two columns of the grid: a client without an
// accompanying spouse is scored on Single, one with on WithSpouse.
const (
	Single     = 0
	WithSpouse = 1
)

// Points2 is one cell of the grid on both scales: [single, with spouse].
type Points2 [2]int

// LanguageColumns is the number of CLB columns of a language table: CLB 3
// or less, 4, 5, 6, 7, 8, 9, 10 or more.
const LanguageColumns = 8

// langColumn is the column of a CLB level in a language table (0 = CLB 3
// or less, or below CLB 4; 7 = CLB 10 or more).
func langColumn(clb int) int { return min(max(clb, 3), 10) - 3 }

// Band2 is a transferability cell: [small, large] (for education: one
// credential of a year or more / two or more, master's or doctoral; for
// foreign work: 1–2 years / 3 years or more).
type Band2 [2]int

// Grid is one version of the CRS points grid.
type Grid struct {
	// ID is the grid's stable id ("crs-2025-03-25").
	ID string
	// EffectiveFrom is the first day the grid applies to.
	EffectiveFrom assess.Date
	// CheckedThrough is the newest day on which sources show the grid
	// unchanged; an assessment after it carries the caveat E-GRID.
	CheckedThrough assess.Date
	// ReportedChangeOn and ReportedChange describe a later change reported
	// by secondary sources but not confirmed (no official text, no point
	// values); the E-GRID text names it for assessments on or after that day.
	ReportedChangeOn assess.Date
	ReportedChange   string
	// Source says where the grid's cells come from, for `cecbatch rules`.
	Source string

	// Maxima of the sections; Validate checks the tables against them.
	MaxCore       Points2 // A. core / human capital
	MaxSpouse     int     // B. spouse factors (with spouse only)
	MaxTransfer   int     // C. skill transferability
	MaxAdditional int     // D. additional points
	MaxTotal      int

	// Age is indexed by completed years − MinAge; younger counts as MinAge,
	// older as the last age.
	MinAge int
	Age    []Points2
	// Education is indexed by EducationLevel.index (none = 0).
	Education [8]Points2
	// FirstLanguage is per ability, indexed by langColumn.
	FirstLanguage [LanguageColumns]Points2
	// SecondLanguage is per ability, the same on both scales; the sum of
	// the four is capped at SecondLanguageCap.
	SecondLanguage    [LanguageColumns]int
	SecondLanguageCap Points2
	// CanadianWork is indexed by whole years, the last meaning that many
	// or more. A year is HoursPerYear hours of qualifying work (the CEC's
	// daily credit and weekly cap) within WorkWindowYears before A.
	CanadianWork    []Points2
	HoursPerYear    float64
	WorkWindowYears int

	// Spouse factors.
	SpouseEducation    [8]int
	SpouseLanguage     [LanguageColumns]int // per ability
	SpouseCanadianWork []int

	Transfer   Transferability
	Additional AdditionalPoints
}

// Transferability is section C.
type Transferability struct {
	// Tier7CLB and Tier9CLB are the lowest first-official-language ability
	// of the two language tiers.
	Tier7CLB, Tier9CLB int
	// Education with language (tier 7, tier 9) and with Canadian work (1
	// year, 2 years or more), by education band; the group is capped.
	EducationTier7, EducationTier9       Band2
	EducationCdnWork1, EducationCdnWork2 Band2
	// Foreign work with language and with Canadian work, by foreign-work
	// band (ForeignSmallYears, ForeignLargeYears: the first year of each).
	ForeignTier7, ForeignTier9           Band2
	ForeignCdnWork1, ForeignCdnWork2     Band2
	ForeignSmallYears, ForeignLargeYears int
	GroupCap                             int
	// A certificate of qualification with all four abilities at
	// CertificateLowCLB or more (one below CertificateHighCLB), or all at
	// CertificateHighCLB or more.
	CertificateLowCLB, CertificateHighCLB int
	CertificateLow, CertificateHigh       int
}

// AdditionalPoints is section D.
type AdditionalPoints struct {
	Nomination int
	// JobOffer is the points for arranged employment: 0 since 2025-03-25.
	// It is recorded, not scored: the intake has no job-offer column, so a
	// grid that restores job-offer points would need one.
	JobOffer int
	Sibling  int
	// FrenchMinNCLC in all four French abilities earns FrenchWeakEnglish
	// (English below EnglishMinCLB in an ability, or no English test) or
	// FrenchStrongEnglish (all four English abilities at EnglishMinCLB+).
	FrenchMinNCLC, EnglishMinCLB           int
	FrenchWeakEnglish, FrenchStrongEnglish int
	// Canadian post-secondary education: one- or two-year, or three-year
	// or longer (master's, professional, doctoral).
	CanadianEducationShort, CanadianEducationLong int
}

// BuiltinGrid returns the grid in force since the Ministerial
// Instructions of 2025-03-25 (arranged employment no longer earns points),
// last seen unchanged on 2026-10-02. Each call returns a fresh value.
func BuiltinGrid() *Grid {
	return &Grid{
		ID:               "crs-2025-03-25",
		EffectiveFrom:    assess.MustDate("2025-03-25"),
		CheckedThrough:   assess.MustDate("2026-10-02"),
		ReportedChangeOn: assess.MustDate("2026-11-03"),
		ReportedChange: "Secondary sources report new CRS rules from 2026-11-03 (points for a list of " +
			"high-wage occupations, job-offer points without an LMIA, more points for Canadian work); " +
			"no official text and no point values were found",
		Source: "IRCC's CRS criteria (canada.ca) as transcribed in several agreeing copies; Ministerial " +
			"Instructions respecting the Express Entry system, ss. 8, 17, 30; arranged employment removed 2025-03-25",

		MaxCore: Points2{500, 460}, MaxSpouse: 40, MaxTransfer: 100, MaxAdditional: 600, MaxTotal: 1200,

		MinAge: 17,
		Age: []Points2{
			{0, 0},                                                     // 17 or less
			{99, 90},                                                   // 18
			{105, 95},                                                  // 19
			{110, 100}, {110, 100}, {110, 100}, {110, 100}, {110, 100}, // 20–24
			{110, 100}, {110, 100}, {110, 100}, {110, 100}, {110, 100}, // 25–29
			{105, 95}, {99, 90}, {94, 85}, {88, 80}, {83, 75}, // 30–34
			{77, 70}, {72, 65}, {66, 60}, {61, 55}, {55, 50}, // 35–39
			{50, 45}, {39, 35}, {28, 25}, {17, 15}, {6, 5}, // 40–44
			{0, 0}, // 45 or more
		},
		Education: [8]Points2{{0, 0}, {30, 28}, {90, 84}, {98, 91}, {120, 112}, {128, 119}, {135, 126}, {150, 140}},
		FirstLanguage: [LanguageColumns]Points2{
			{0, 0}, {6, 6}, {6, 6}, {9, 8}, {17, 16}, {23, 22}, {31, 29}, {34, 32},
		},
		SecondLanguage:    [LanguageColumns]int{0, 0, 1, 1, 3, 3, 6, 6},
		SecondLanguageCap: Points2{24, 22},
		CanadianWork:      []Points2{{0, 0}, {40, 35}, {53, 46}, {64, 56}, {72, 63}, {80, 70}},
		HoursPerYear:      1560,
		WorkWindowYears:   10,

		SpouseEducation:    [8]int{0, 2, 6, 7, 8, 9, 10, 10},
		SpouseLanguage:     [LanguageColumns]int{0, 0, 1, 1, 3, 3, 5, 5},
		SpouseCanadianWork: []int{0, 5, 7, 8, 9, 10},

		Transfer: Transferability{
			Tier7CLB: 7, Tier9CLB: 9,
			EducationTier7: Band2{13, 25}, EducationTier9: Band2{25, 50},
			EducationCdnWork1: Band2{13, 25}, EducationCdnWork2: Band2{25, 50},
			ForeignTier7: Band2{13, 25}, ForeignTier9: Band2{25, 50},
			ForeignCdnWork1: Band2{13, 25}, ForeignCdnWork2: Band2{25, 50},
			ForeignSmallYears: 1, ForeignLargeYears: 3,
			GroupCap:          50,
			CertificateLowCLB: 5, CertificateHighCLB: 7,
			CertificateLow: 25, CertificateHigh: 50,
		},
		Additional: AdditionalPoints{
			Nomination: 600, JobOffer: 0, Sibling: 15,
			FrenchMinNCLC: 7, EnglishMinCLB: 5, FrenchWeakEnglish: 25, FrenchStrongEnglish: 50,
			CanadianEducationShort: 15, CanadianEducationLong: 30,
		},
	}
}

// AgePoints returns the age points of a client aged age (completed years).
func (g *Grid) AgePoints(age, scale int) int {
	i := min(max(age-g.MinAge, 0), len(g.Age)-1)
	return g.Age[i][scale]
}

// MaxAge is the age from which the age points stay at the last cell.
func (g *Grid) MaxAge() int { return g.MinAge + len(g.Age) - 1 }

// Validate checks a grid read from a file: every table complete, no
// negative points, and the tables adding up to the section maxima (a typo
// in one cell shows up here rather than in a client's score).
func (g *Grid) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	if g.ID == "" {
		bad("id", "missing")
	}
	if g.EffectiveFrom == 0 {
		bad("effective_from", "missing")
	}
	if g.CheckedThrough != 0 && g.CheckedThrough < g.EffectiveFrom {
		bad("checked_through", "%s is before effective_from %s", g.CheckedThrough, g.EffectiveFrom)
	}
	if len(g.Age) < 2 || g.MinAge < 0 || g.MinAge+len(g.Age) > len(allAges) {
		bad("age", "needs at least two ages, from min_age 0 or more up to %d", len(allAges)-1)
	}
	if len(g.CanadianWork) < 2 {
		bad("canadian_work", "needs at least years 0 and 1")
	}
	if !(g.HoursPerYear > 0) {
		bad("hours_per_year", "must be above 0")
	}
	if g.WorkWindowYears < 1 {
		bad("work_window_years", "must be at least 1")
	}
	if len(g.SpouseCanadianWork) < 2 || len(g.SpouseCanadianWork) > len(allYears) {
		bad("spouse.canadian_work", "needs years 0 and 1, and at most %d years", len(allYears)-1)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	maxOf := func(vals []int) int {
		m := 0
		for _, v := range vals {
			m = max(m, v)
		}
		return m
	}
	col := func(p []Points2, s int) []int {
		out := make([]int, len(p))
		for i := range p {
			out[i] = p[i][s]
		}
		return out
	}
	for s, name := range []string{"single", "with_spouse"} {
		core := maxOf(col(g.Age, s)) + maxOf(col(g.Education[:], s)) + 4*maxOf(col(g.FirstLanguage[:], s)) +
			min(4*maxOf(g.SecondLanguage[:]), g.SecondLanguageCap[s]) + maxOf(col(g.CanadianWork, s))
		if core != g.MaxCore[s] {
			bad("maxima.core."+name, "the core tables add up to %d, not %d: check the age, education, language and Canadian work cells", core, g.MaxCore[s])
		}
	}
	if sp := maxOf(g.SpouseEducation[:]) + 4*maxOf(g.SpouseLanguage[:]) + maxOf(g.SpouseCanadianWork); sp != g.MaxSpouse {
		bad("maxima.spouse", "the spouse tables add up to %d, not %d", sp, g.MaxSpouse)
	}
	if sum := g.MaxCore[Single] + g.MaxTransfer + g.MaxAdditional; sum != g.MaxTotal {
		bad("maxima.total", "core (single) + transferability + additional = %d, not %d", sum, g.MaxTotal)
	}
	if sum := g.MaxCore[WithSpouse] + g.MaxSpouse + g.MaxTransfer + g.MaxAdditional; sum != g.MaxTotal {
		bad("maxima.total", "core (with spouse) + spouse + transferability + additional = %d, not %d", sum, g.MaxTotal)
	}
	t := &g.Transfer
	if !(0 < t.Tier7CLB && t.Tier7CLB < t.Tier9CLB && t.Tier9CLB <= 10) {
		bad("transferability.tier7_clb", "the tiers must satisfy 0 < tier 7 < tier 9 <= 10")
	}
	if !(0 < t.CertificateLowCLB && t.CertificateLowCLB < t.CertificateHighCLB && t.CertificateHighCLB <= 10) {
		bad("transferability.certificate_low_clb", "must satisfy 0 < low < high <= 10")
	}
	if !(0 < t.ForeignSmallYears && t.ForeignSmallYears < t.ForeignLargeYears && t.ForeignLargeYears < len(allYears)) {
		bad("transferability.foreign_small_years", "must satisfy 0 < small < large < %d", len(allYears))
	}
	ad := &g.Additional
	if !(0 < ad.FrenchMinNCLC && ad.FrenchMinNCLC <= 10 && 0 < ad.EnglishMinCLB && ad.EnglishMinCLB <= 10) {
		bad("additional.french_min_nclc", "the French and English levels must be 1 to 10")
	}
	// Points never fall as a level or a count rises (age aside): a cell
	// out of order is a typo.
	rising := func(key string, names func(int) string, vals []int) {
		for i := 1; i < len(vals); i++ {
			if vals[i] < vals[i-1] {
				bad(key+"."+names(i), "%d is less than %s's %d: the points must not fall as the level rises", vals[i], names(i-1), vals[i-1])
				return
			}
		}
	}
	eduName := func(i int) string { return assess.EducationLevels[i].String() }
	langName := func(i int) string { return LanguageColumnNames[i] }
	yearName := strconv.Itoa
	for s := range 2 {
		rising("education", eduName, col(g.Education[:], s))
		rising("first_language", langName, col(g.FirstLanguage[:], s))
		rising("canadian_work", yearName, col(g.CanadianWork, s))
	}
	rising("second_language", langName, g.SecondLanguage[:])
	rising("spouse.education", eduName, g.SpouseEducation[:])
	rising("spouse.language", langName, g.SpouseLanguage[:])
	rising("spouse.canadian_work", yearName, g.SpouseCanadianWork)
	if ad.JobOffer != 0 {
		bad("additional.job_offer", "%d: the intake has no job-offer column, so job-offer points cannot be scored; keep 0 (none since 2025-03-25)", ad.JobOffer)
	}
	neg := func(key string, vals ...int) {
		for _, v := range vals {
			if v < 0 {
				bad(key, "points cannot be negative (%d)", v)
				return
			}
		}
	}
	for i, p := range g.Age {
		neg(fmt.Sprintf("age.%d", g.MinAge+i), p[0], p[1])
	}
	for i, p := range g.Education {
		neg("education."+assess.EducationLevels[i].String(), p[0], p[1])
	}
	for i, p := range g.FirstLanguage {
		neg("first_language."+LanguageColumnNames[i], p[0], p[1])
	}
	neg("second_language", g.SecondLanguage[:]...)
	neg("spouse.language", g.SpouseLanguage[:]...)
	neg("spouse.education", g.SpouseEducation[:]...)
	neg("spouse.canadian_work", g.SpouseCanadianWork...)
	for i, p := range g.CanadianWork {
		neg(fmt.Sprintf("canadian_work.%d", i), p[0], p[1])
	}
	neg("transferability", t.EducationTier7[0], t.EducationTier7[1], t.EducationTier9[0], t.EducationTier9[1],
		t.EducationCdnWork1[0], t.EducationCdnWork1[1], t.EducationCdnWork2[0], t.EducationCdnWork2[1],
		t.ForeignTier7[0], t.ForeignTier7[1], t.ForeignTier9[0], t.ForeignTier9[1],
		t.ForeignCdnWork1[0], t.ForeignCdnWork1[1], t.ForeignCdnWork2[0], t.ForeignCdnWork2[1],
		t.GroupCap, t.CertificateLow, t.CertificateHigh)
	neg("additional", ad.Nomination, ad.JobOffer, ad.Sibling, ad.FrenchWeakEnglish, ad.FrenchStrongEnglish,
		ad.CanadianEducationShort, ad.CanadianEducationLong)
	return errors.Join(errs...)
}

// LanguageColumnNames names the columns of a language table, as the grid
// file's keys do.
var LanguageColumnNames = [LanguageColumns]string{"clb_3_or_less", "clb_4", "clb_5", "clb_6", "clb_7", "clb_8", "clb_9", "clb_10_or_more"}
