package crs

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// This file is the Express Entry readiness estimate: a CRS score (or the
// exact range of scores over the blank inputs) with its breakdown, the
// 2026 category flags, and the comparison with recent cut-offs. It sits
// beside the CEC assessment and never changes its verdict.

// eps absorbs floating-point noise when week-hour sums are compared, as in
// the CEC engine (assess): the ledger sums weekly hours and divides by 7 only
// when reporting.
const eps = 1e-6

// Finding codes of the Express Entry estimate (DATA marks an unreadable
// CRS cell, as for the CEC, but never changes the CEC verdict).
const (
	CodeGrid         = "E-GRID"
	CodeRange        = "E-RANGE"
	CodeECA          = "E-ECA"
	CodeNotEstimated = "E-NOT-ESTIMATED"
)

// Rules are the dated rule sets of the estimate: the CRS grids
// and the category rules, each selected by the assessment date, and the
// table of recent rounds.
type Rules struct {
	// Grids and Categories are in order of EffectiveFrom.
	Grids      []*Grid
	Categories []*CategoryRules
	Draws      *DrawTable
	// GridCheckedOn is the firm's own check of IRCC's CRS page: E-GRID is
	// silenced up to the later of it and the grid's CheckedThrough.
	GridCheckedOn assess.Date
	// ReformCaveat is the pending reform every estimate states.
	ReformCaveat string
}

// Builtin returns the rule sets cecbatch ships: the grid
// crs-2025-03-25, the categories cbs-2026-02-18 and the rounds up to
// 2026-10-01. Each call returns fresh values.
func Builtin() *Rules {
	return &Rules{
		Grids:      []*Grid{BuiltinGrid()},
		Categories: []*CategoryRules{BuiltinCategories()},
		Draws:      BuiltinDraws(),
		ReformCaveat: "In April 2026 IRCC proposed replacing the CEC, FSW and FST classes with one class " +
			"and removing the CRS points for a sibling, Canadian education and French; not in force " +
			"when the grid was last checked.",
	}
}

// GridOn returns the grid in force on A (the latest that took effect on or
// before A), or nil when none had.
func (ee *Rules) GridOn(A assess.Date) *Grid {
	return inForce(ee.Grids, func(g *Grid) assess.Date { return g.EffectiveFrom }, A)
}

// CategoriesOn returns the category rules in force on A, or nil.
func (ee *Rules) CategoriesOn(A assess.Date) *CategoryRules {
	return inForce(ee.Categories, func(c *CategoryRules) assess.Date { return c.EffectiveFrom }, A)
}

// AddGrid adds g beside the grids already known; a grid with the same id
// replaces the old one (a firm's corrected copy).
func (ee *Rules) AddGrid(g *Grid) {
	ee.Grids = addDated(ee.Grids, g, func(g *Grid) (string, assess.Date) { return g.ID, g.EffectiveFrom })
}

// AddCategories adds c beside the category rules already known; rules
// with the same id are replaced.
func (ee *Rules) AddCategories(c *CategoryRules) {
	ee.Categories = addDated(ee.Categories, c, func(c *CategoryRules) (string, assess.Date) { return c.ID, c.EffectiveFrom })
}

// inForce returns the item that took effect last on or before A, or nil.
func inForce[T any](items []*T, from func(*T) assess.Date, A assess.Date) *T {
	var out *T
	for _, it := range items {
		if f := from(it); f <= A && (out == nil || f > from(out)) {
			out = it
		}
	}
	return out
}

// addDated adds it to items, replacing the item with its id, in order of
// the dates they take effect.
func addDated[T any](items []*T, it *T, key func(*T) (string, assess.Date)) []*T {
	id, _ := key(it)
	items = slices.DeleteFunc(items, func(o *T) bool { oid, _ := key(o); return oid == id })
	items = append(items, it)
	slices.SortStableFunc(items, func(a, b *T) int { _, da := key(a); _, db := key(b); return int(da - db) })
	return items
}

// Unknown names one blank input and its column.
type Unknown struct {
	Column string // "Foreign Work Years"
	Field  string // assess.FieldForeignWork
}

// WhatIf is what one change would do to the estimate.
type WhatIf struct {
	// Key is "nomination", "eca", "spouse_eca" or "french".
	Key      string
	Min, Max int
	Text     assess.Text
}

// CutoffComparison compares the estimate with one round's cut-off.
type CutoffComparison struct {
	// Type is "cec" or the category id.
	Type string
	// Round is the latest round of that type on or before A; nil when the
	// table has none.
	Round *Round
	Text  assess.Text
}

// Estimate is the Express Entry readiness of one client on A.
type Estimate struct {
	AssessedOn assess.Date
	// Grid is the CRS grid in force on A; nil when none is encoded.
	Grid *Grid
	// Estimated is false when the CRS was not estimated (E-NOT-ESTIMATED:
	// no CRS column on the Clients sheet, or no grid for A).
	Estimated bool
	// Min and Max bound the total; equal when nothing unknown matters.
	Min, Max int
	// Sections are the ranges of A, B, C and D, each on its own (they need
	// not add up to the total's range).
	Sections [4][2]int
	// Factors are the points of each factor when Min == Max (from the
	// lowest value of any blank input that does not change the total);
	// nil otherwise.
	Factors *Factors
	// LowestFactors are the points of each factor for one set of values of
	// the blank inputs that gives Min (Factors when there is no range).
	LowestFactors Factors
	// FirstLanguage is "english" or "french", or "" when there is no valid
	// test or the blanks leave the choice open.
	FirstLanguage string
	// SpouseScale is Yes (with spouse), No (single) or Unknown.
	SpouseScale assess.Tristate
	// Age is the age in completed years on A, or -1 with no date of birth.
	Age int
	// CanadianWorkHours are the qualifying hours in Canada over the grid's
	// work window; CanadianWorkYears the whole years they make (capped).
	CanadianWorkHours float64
	CanadianWorkYears int
	// WorkFrom is the first day of that window (it ends the day before A).
	WorkFrom assess.Date
	// Unknowns are the blank inputs, in the order of the intake's columns.
	Unknowns []Unknown
	// NarrowFirst is the unknown whose answer leaves the smallest range in
	// the worst case, with that width; nil when the range is one number.
	NarrowFirst      *Unknown
	NarrowFirstWidth int
	// Assumptions are the readings the estimate rests on, in sentences.
	Assumptions []assess.Text
	// WhatIfs are what a nomination, an ECA or French NCLC 7 would add.
	WhatIfs []WhatIf
	// Changes are the days after A on which the estimate changes by itself
	// (a birthday, a year of Canadian work, a test expiring), in date order.
	Changes []ScoreChange

	// CategoryRules is the id of the category rules applied ("" when none
	// for A); Flags has the French category first, then the occupations.
	CategoryRules string
	Flags         []CategoryFlag
	// DrawsAsOf is the date of the rounds table; Cutoffs compare the
	// estimate with the latest CEC round and each met category's round.
	DrawsAsOf assess.Date
	Cutoffs   []CutoffComparison

	// Findings use the codes E-GRID, E-RANGE, E-ECA, E-NOT-ESTIMATED and
	// DATA; Unsettled are the open points of law or data that bear on this
	// client; Caveats are printed with every estimate.
	Findings  []assess.Finding
	Unsettled []assess.Text
	Caveats   []assess.Text
}

// langTest is one readable, accepted test sitting for the estimate.
type langTest struct {
	kind          assess.TestKind
	taken, expiry assess.Date // valid on A when taken <= A < expiry
	clb           [4]int
	cell          string
}

func (t langTest) level() int { return min(t.clb[0], t.clb[1], t.clb[2], t.clb[3]) }

// levels prints the four levels: "NCLC 8, 7, 9, 7 (listening, reading, writing, speaking)".
func (t langTest) levels() assess.Text {
	if t.kind.French() {
		return msg("NCLC %d, %d, %d, %d (listening, reading, writing, speaking)", t.clb[0], t.clb[1], t.clb[2], t.clb[3])
	}
	return msg("CLB %d, %d, %d, %d (listening, reading, writing, speaking)", t.clb[0], t.clb[1], t.clb[2], t.clb[3])
}

// readLangTests reads the accepted tests with readable scores and a date;
// rows with a problem in problems are left out. why receives, for each
// other row left out, its cell and the reason (nil: left out silently, as
// the CEC assessment reports the client's own rows).
func readLangTests(rs *assess.RuleSet, tests []assess.Test, problems []assess.Problem, why func(cell string, reason assess.Text)) []langTest {
	out := make([]langTest, 0, len(tests))
	for i := range tests {
		t := &tests[i]
		if slices.ContainsFunc(problems, func(p assess.Problem) bool { _, ok := t.Ref.Column(p.Cell); return ok }) {
			continue
		}
		kind := t.Kind
		if kind == assess.TestUnknown {
			kind, _ = assess.ParseTestKind(t.Name)
		}
		reason, cell := assess.Text{}, t.Ref.Cell(assess.FieldTest)
		switch {
		case kind == assess.TestUnknown:
			reason = msg("the test %q is not a known test", t.Name)
		case t.Date == 0:
			reason, cell = msg("the test date is blank"), t.Ref.Cell(assess.FieldTestDate)
		default:
			reason = rs.Refusal(kind, t.Date)
		}
		lt := langTest{kind: kind, taken: t.Date, expiry: t.Date.AddYears(rs.TestValidityYears), cell: t.Ref.RowCell()}
		for _, a := range assess.Abilities {
			if !reason.IsZero() {
				break
			}
			lvl, err := rs.CLB(kind, t.Date, a, t.Scores[a])
			if err != nil {
				reason, cell = assess.ErrorText(err), t.Ref.Cell(assess.AbilityField[a])
			}
			lt.clb[a] = lvl
		}
		if reason.IsZero() {
			out = append(out, lt)
		} else if why != nil {
			why(cell, reason)
		}
	}
	return out
}

// bestTest returns the test valid on A, among those keep selects, with the
// most points by pts; a tie goes to the later test.
func bestTest(tests []langTest, A assess.Date, keep func(langTest) bool, pts func(crsLang) int) (crsLang, *langTest) {
	var best *langTest
	bestPts := -1
	for i := range tests {
		t := &tests[i]
		if !keep(*t) || t.taken > A || A >= t.expiry {
			continue
		}
		p := pts(crsLang{ok: true, clb: t.clb})
		if p > bestPts || (p == bestPts && t.taken > best.taken) {
			best, bestPts = t, p
		}
	}
	if best == nil {
		return crsLang{}, nil
	}
	return crsLang{ok: true, clb: best.clb}, best
}

func isEnglish(t langTest) bool { return !t.kind.French() }
func isFrench(t langTest) bool  { return t.kind.French() }

// completedYears is the age on A of someone born on dob.
func completedYears(dob, A assess.Date) int {
	by, bm, bd := dob.YMD()
	ay, am, ad := A.YMD()
	age := ay - by
	if am < bm || (am == bm && ad < bd) {
		age--
	}
	return age
}

// static domains: an unknown input takes the whole array, a known one a
// window of one value.
var (
	allScales = [2]int{Single, WithSpouse}
	allBools  = [2]bool{false, true}
	allAges   [64]int
	allYears  [16]int
)

func init() {
	for i := range allAges {
		allAges[i] = i
	}
	for i := range allYears {
		allYears[i] = i
	}
}

func boolDomain(t assess.Tristate) []bool {
	switch t {
	case assess.Yes:
		return allBools[1:2]
	case assess.No:
		return allBools[0:1]
	}
	return allBools[:]
}

func eduDomain(l assess.EducationLevel, all []assess.EducationLevel) []assess.EducationLevel {
	if l == assess.EducationUnknown {
		return all
	}
	i := slices.Index(all, l)
	if i < 0 { // two-or-more as a Canadian credential: still a level
		return assess.EducationLevels[l.Index() : l.Index()+1]
	}
	return all[i : i+1]
}

func ecaDomain(e assess.ECAStatus) []assess.ECAStatus {
	if e == assess.ECAUnknown {
		return assess.ECAStatuses[:]
	}
	i := slices.Index(assess.ECAStatuses[:], e)
	return assess.ECAStatuses[i : i+1]
}

// yearsDomain is 0 … top when unknown, else the value capped at top.
func yearsDomain(y assess.Years, top int) []int {
	if !y.Known {
		return allYears[:top+1]
	}
	n := min(max(y.N, 0), top)
	return allYears[n : n+1]
}

// blankAsNone is a CRS column whose blank reads as none or no: the
// assumption's sentences when a value would add points (with them, %d)
// and when it would add nothing, and the domain's value that adds.
type blankAsNone struct {
	adds, addsOne, nothing assess.Text
	yes                    func(*crsDomain)
}

// unknown inputs in the order of the intake's columns (Date of Birth first).
var crsColumns = []Unknown{
	{"Date of Birth", assess.FieldDateOfBirth},
	{"Education Level", assess.FieldEducation},
	{"ECA", assess.FieldECA},
	{"Canadian Education", assess.FieldCanadianEducation},
	{"Foreign Work Years", assess.FieldForeignWork},
	{"Certificate of Qualification", assess.FieldCertificate},
	{"Sibling in Canada", assess.FieldSibling},
	{"Spouse Accompanying", assess.FieldSpouseAccompanying},
	{"Spouse Education", assess.FieldSpouseEducation},
	{"Spouse ECA", assess.FieldSpouseECA},
	{"Spouse Canadian Work Years", assess.FieldSpouseCanadianWork},
}

// fixIn returns a copy of d with the input field fixed to its i-th value,
// and the number of values it has in d.
func (d crsDomain) fixIn(field string, i int) (crsDomain, int) {
	var n int
	switch field {
	case assess.FieldDateOfBirth:
		n = len(d.ages)
		if i < n {
			d.ages = d.ages[i : i+1]
		}
	case assess.FieldEducation:
		n = len(d.education)
		if i < n {
			d.education = d.education[i : i+1]
		}
	case assess.FieldECA:
		n = len(d.eca)
		if i < n {
			d.eca = d.eca[i : i+1]
		}
	case assess.FieldCanadianEducation:
		n = len(d.cdnEdu)
		if i < n {
			d.cdnEdu = d.cdnEdu[i : i+1]
		}
	case assess.FieldForeignWork:
		n = len(d.foreign)
		if i < n {
			d.foreign = d.foreign[i : i+1]
		}
	case assess.FieldCertificate:
		n = len(d.coq)
		if i < n {
			d.coq = d.coq[i : i+1]
		}
	case assess.FieldSibling:
		n = len(d.sibling)
		if i < n {
			d.sibling = d.sibling[i : i+1]
		}
	case assess.FieldSpouseAccompanying:
		n = len(d.scales)
		if i < n {
			d.scales = d.scales[i : i+1]
		}
	case assess.FieldSpouseEducation:
		n = len(d.spouseEdu)
		if i < n {
			d.spouseEdu = d.spouseEdu[i : i+1]
		}
	case assess.FieldSpouseECA:
		n = len(d.spouseECA)
		if i < n {
			d.spouseECA = d.spouseECA[i : i+1]
		}
	case assess.FieldSpouseCanadianWork:
		n = len(d.spouseYears)
		if i < n {
			d.spouseYears = d.spouseYears[i : i+1]
		}
	}
	return d, n
}

// Assess estimates the Express Entry readiness of c on A (the date the
// CEC assessment used), reading tests with the CEC rule set rs. It never
// modifies c and never touches the CEC assessment.
func (ee *Rules) Assess(rs *assess.RuleSet, c *assess.Client, A assess.Date) *Estimate {
	x := &Estimate{AssessedOn: A, Age: -1, Caveats: []assess.Text{
		msg("This is an estimate of the Comprehensive Ranking System score from the intake, not IRCC's score; selection is by rank in a round of invitations."),
		msg("The estimate never changes the Canadian Experience Class verdict."),
	}}
	if ee.ReformCaveat != "" {
		x.Caveats = append(x.Caveats, dataText(ee.ReformCaveat))
	}
	if A == 0 {
		x.Findings = append(x.Findings, assess.Finding{Code: CodeNotEstimated, Kind: assess.KindNote, Job: -1, Test: -1,
			Text: msg("The CRS is not estimated: there is no assessment date.")})
		return x
	}
	p := &c.CRS
	for _, pr := range p.Problems {
		x.Findings = append(x.Findings, assess.Finding{Code: assess.CodeData, Kind: assess.KindData, Cell: pr.Cell, Job: -1, Test: -1,
			Text: msg("%s The value is treated as unknown in the CRS estimate; the CEC assessment is not affected.", pr.Message)})
	}
	horizon := A.AddYears(rs.ProjectionYears)
	tests := readLangTests(rs, c.Tests, c.Problems, nil)

	// Category flags and cut-offs are reported even without an estimate.
	// One ledger serves the categories (3 years, projected) and the CRS
	// (10 years).
	g := ee.GridOn(A)
	x.Grid = g
	cr := ee.CategoriesOn(A)
	lo := A
	if cr != nil {
		x.CategoryRules = cr.ID
		lo = A.AddYears(-cr.WindowYears)
	}
	if g != nil {
		lo = min(lo, A.AddYears(-g.WorkWindowYears))
	}
	l := rs.WorkLedger(c, A, lo, horizon)
	ids := cr
	if ids == nil && len(ee.Categories) > 0 {
		ids = ee.Categories[0]
	}
	if cr != nil {
		x.Unsettled = append(x.Unsettled,
			msg("The 2026 category NOC lists are transcriptions of IRCC's category page, not read there; the healthcare list may have widened."),
			msg("Self-employment (except a physician's under the public policy, W-PHYS) and full-time study periods are not counted toward a category (the cautious reading; the sources do not settle it)."))
	}
	if cr != nil && len(l.NOC2016) > 0 {
		x.Findings = append(x.Findings, assess.Finding{Code: assess.RuleNOC2016, Kind: assess.KindNote, Cell: l.NOC2016[0], Job: -1, Test: -1,
			Text: msg("A NOC 2016 code counts for no category (the lists are NOC 2021): give the NOC 2021 code (%s).", strings.Join(l.NOC2016, ", "))})
	}
	if ids != nil {
		x.Flags = categoryFlags(cr, ids, l, A, horizon, slices.DeleteFunc(slices.Clone(tests), func(t langTest) bool { return !isFrench(t) }))
	}

	switch {
	case g == nil:
		x.Findings = append(x.Findings, assess.Finding{Code: CodeNotEstimated, Kind: assess.KindNote, Job: -1, Test: -1,
			Text: msg("The CRS is not estimated: no CRS grid in force on %s is encoded.", A)})
	case !p.Columns:
		x.Findings = append(x.Findings, assess.Finding{Code: CodeNotEstimated, Kind: assess.KindNote, Job: -1, Test: -1, Cell: c.Ref.RowCell(),
			Text: msg("The CRS is not estimated: the Clients sheet has none of the CRS columns. Add Education Level, ECA, " +
				"Canadian Education, Foreign Work Years, Certificate of Qualification, Sibling in Canada, Provincial " +
				"Nomination, Spouse Accompanying, Spouse Education, Spouse ECA and Spouse Canadian Work Years " +
				"(`cecbatch template` has them).")})
	default:
		ee.estimate(x, g, rs, c, A, tests, l)
	}
	ee.cutoffs(x)
	return x
}

// estimate fills the CRS part of x.
func (ee *Rules) estimate(x *Estimate, g *Grid, rs *assess.RuleSet, c *assess.Client, A assess.Date, tests []langTest, l *assess.WorkLedger) {
	p := &c.CRS
	x.Estimated = true

	if checked := max(g.CheckedThrough, ee.GridCheckedOn); A > checked {
		text := msg("The CRS grid %s was last confirmed unchanged on %s, before the assessment date %s: check IRCC's CRS criteria page before relying on the points.", g.ID, checked, A)
		if g.ReportedChangeOn != 0 && A >= g.ReportedChangeOn {
			text = assess.Concat(text, msg(" %s (reported change of %s, unconfirmed).", dataText(g.ReportedChange), g.ReportedChangeOn.String()))
		}
		x.Findings = append(x.Findings, assess.Finding{Code: CodeGrid, Kind: assess.KindNote, Job: -1, Test: -1, Text: text})
	}

	// Derived inputs: age, Canadian work, language.
	var d crsDomain
	if c.DateOfBirth != 0 {
		x.Age = completedYears(c.DateOfBirth, A)
		a := min(max(x.Age, g.MinAge), g.MaxAge())
		d.ages = allAges[a : a+1]
	} else {
		d.ages = allAges[g.MinAge : g.MaxAge()+1]
	}
	x.WorkFrom = A.AddYears(-g.WorkWindowYears)
	x.CanadianWorkHours = l.WeekHours(func(r *assess.WorkRow) bool { return r.InCanada && r.TEER <= rs.MaxTEER }, x.WorkFrom, A-1) / 7
	x.CanadianWorkYears = min(int((x.CanadianWorkHours+eps)/g.HoursPerYear), len(g.CanadianWork)-1)
	x.Assumptions = append(x.Assumptions, plural(x.CanadianWorkYears,
		"Canadian work is counted from the Employment rows only, by the CEC's rules: %s h of TEER 0–3 work in Canada from %s to %s, 1 year.",
		"Canadian work is counted from the Employment rows only, by the CEC's rules: %[2]s h of TEER 0–3 work in Canada from %[3]s to %[4]s, %[1]d years.",
		assess.Hours(x.CanadianWorkHours), x.WorkFrom, A-1))
	if n := l.UnreadNote(); !n.IsZero() {
		x.Assumptions = append(x.Assumptions, n)
	}

	var fx crsFixed
	fx.cdnYears = x.CanadianWorkYears
	fx.nomination = p.Nomination == assess.Yes
	if p.Nomination == assess.Unknown {
		x.Assumptions = append(x.Assumptions, msg("Provincial Nomination is blank: read as no (a nomination adds %d points).", g.Additional.Nomination))
	}
	for _, s := range allScales {
		first := func(l crsLang) int { return langPoints(l, func(col int) int { return g.FirstLanguage[col][s] }) }
		fx.english[s], _ = bestTest(tests, A, isEnglish, first)
		fx.french[s], _ = bestTest(tests, A, isFrench, first)
	}

	// The scale and the spouse.
	d.scales = allScales[:]
	x.SpouseScale = p.SpouseAccompanying
	switch p.SpouseAccompanying {
	case assess.Yes:
		d.scales = allScales[WithSpouse : WithSpouse+1]
		x.Assumptions = append(x.Assumptions, msg("Scored with an accompanying spouse: Spouse Accompanying is yes."))
	case assess.No:
		d.scales = allScales[Single : Single+1]
		x.Assumptions = append(x.Assumptions, msg("Scored as single: Spouse Accompanying is no (no spouse, or a spouse who is a Canadian citizen or permanent resident or will not come)."))
		if len(p.SpouseTests) > 0 {
			x.Assumptions = append(x.Assumptions, msg("The spouse's test rows are not used: Spouse Accompanying is no (%s).", testCells(p.SpouseTests)))
		}
	default:
		x.Assumptions = append(x.Assumptions, msg("Spouse Accompanying is blank: the range covers both the single and the with-spouse scale."))
	}
	var spouseTests []langTest
	if p.SpouseAccompanying != assess.No {
		spouseTests = readLangTests(rs, p.SpouseTests, p.Problems, func(cell string, reason assess.Text) {
			x.Findings = append(x.Findings, assess.Finding{Code: assess.CodeData, Kind: assess.KindData, Cell: cell, Job: -1, Test: -1,
				Text: msg("The spouse's test is not used: %s. The CEC assessment is not affected.", reason)})
		})
	}
	fx.spouseLang, _ = bestTest(spouseTests, A, func(langTest) bool { return true }, g.spouseLangPoints)

	d.education = eduDomain(p.Education, assess.EducationLevels[:])
	d.eca = ecaDomain(p.ECA)
	d.cdnEdu = eduDomain(p.CanadianEducation, assess.CanadianEducationLevels[:])
	d.foreign = yearsDomain(p.ForeignWorkYears, g.Transfer.ForeignLargeYears)
	d.coq = boolDomain(p.Certificate)
	d.sibling = boolDomain(p.Sibling)
	// Canadian Education, Certificate of Qualification and Sibling in
	// Canada left blank read as none or no, as a nomination does: paralegals
	// leave them blank when there is none. A cell that could not be read
	// stays unknown.
	unread := func(field string) bool {
		cell := c.Ref.Cell(field)
		return slices.ContainsFunc(p.Problems, func(pr assess.Problem) bool { return pr.Cell == cell })
	}
	var assumedNone []blankAsNone
	if p.CanadianEducation == assess.EducationUnknown && !unread(assess.FieldCanadianEducation) {
		all := d.cdnEdu
		d.cdnEdu = assess.CanadianEducationLevels[0:1]
		assumedNone = append(assumedNone, blankAsNone{
			msg("Canadian Education is blank: read as none (a Canadian credential would add up to %d points)."),
			msg("Canadian Education is blank: read as none (a Canadian credential would add up to 1 point)."),
			msg("Canadian Education is blank: read as none (a Canadian credential would add nothing here)."),
			func(d *crsDomain) { d.cdnEdu = all }})
	}
	if p.Certificate == assess.Unknown && !unread(assess.FieldCertificate) {
		d.coq = allBools[0:1]
		assumedNone = append(assumedNone, blankAsNone{
			msg("Certificate of Qualification is blank: read as no (a certificate of qualification would add up to %d points)."),
			msg("Certificate of Qualification is blank: read as no (a certificate of qualification would add up to 1 point)."),
			msg("Certificate of Qualification is blank: read as no (a certificate of qualification would add nothing here)."),
			func(d *crsDomain) { d.coq = allBools[1:2] }})
	}
	if p.Sibling == assess.Unknown && !unread(assess.FieldSibling) {
		d.sibling = allBools[0:1]
		assumedNone = append(assumedNone, blankAsNone{
			msg("Sibling in Canada is blank: read as no (a sibling in Canada would add up to %d points)."),
			msg("Sibling in Canada is blank: read as no (a sibling in Canada would add up to 1 point)."),
			msg("Sibling in Canada is blank: read as no (a sibling in Canada would add nothing here)."),
			func(d *crsDomain) { d.sibling = allBools[1:2] }})
	}
	spouseMatters := p.SpouseAccompanying != assess.No
	d.spouseEdu = eduDomain(p.SpouseEducation, assess.EducationLevels[:])
	d.spouseECA = ecaDomain(p.SpouseECA)
	d.spouseYears = yearsDomain(p.SpouseCanadianWorkYears, len(g.SpouseCanadianWork)-1)

	blank := map[string]bool{
		assess.FieldDateOfBirth: c.DateOfBirth == 0, assess.FieldEducation: p.Education == assess.EducationUnknown,
		assess.FieldECA: p.ECA == assess.ECAUnknown, assess.FieldCanadianEducation: len(d.cdnEdu) > 1,
		assess.FieldForeignWork: !p.ForeignWorkYears.Known, assess.FieldCertificate: len(d.coq) > 1,
		assess.FieldSibling: len(d.sibling) > 1, assess.FieldSpouseAccompanying: p.SpouseAccompanying == assess.Unknown,
		assess.FieldSpouseEducation:    spouseMatters && p.SpouseEducation == assess.EducationUnknown,
		assess.FieldSpouseECA:          spouseMatters && p.SpouseECA == assess.ECAUnknown,
		assess.FieldSpouseCanadianWork: spouseMatters && !p.SpouseCanadianWorkYears.Known,
	}
	for _, u := range crsColumns {
		if blank[u.Field] {
			x.Unknowns = append(x.Unknowns, u)
		}
	}

	r := g.rangeOf(&d, &fx)
	x.Min, x.Max = r.total.lo, r.total.hi
	for i, b := range r.sec {
		x.Sections[i] = [2]int{b.lo, b.hi}
	}
	if !spouseMatters {
		x.Sections[SectionSpouse] = [2]int{0, 0}
	}
	switch {
	case !fx.english[Single].ok && !fx.french[Single].ok:
		x.Assumptions = append(x.Assumptions, msg("No valid accepted language test on the assessment date: no language points."))
	case r.frenchFirst == 0:
		x.FirstLanguage = "english"
	case r.englishFirst == 0:
		x.FirstLanguage = "french"
	}
	switch x.FirstLanguage {
	case "english":
		x.Assumptions = append(x.Assumptions, msg("First official language: English (the higher total; French, if tested, is the second)."))
	case "french":
		x.Assumptions = append(x.Assumptions, msg("First official language: French (the higher total; English, if tested, is the second)."))
	default:
		if fx.english[Single].ok || fx.french[Single].ok {
			x.Assumptions = append(x.Assumptions, msg("First official language: English or French, whichever gives the higher total; the blank inputs decide which."))
		}
	}
	for _, b := range assumedNone {
		dy := d
		b.yes(&dy)
		add := g.totalRange(&dy, &fx).hi - x.Max
		switch {
		case add <= 0:
			x.Assumptions = append(x.Assumptions, b.nothing)
		case add == 1:
			x.Assumptions = append(x.Assumptions, b.addsOne)
		default:
			x.Assumptions = append(x.Assumptions, b.adds.With(add))
		}
	}
	at := r.at
	lowest, _, _ := g.score(&at)
	x.LowestFactors = lowest
	if x.Min == x.Max {
		x.Factors = &lowest
	} else {
		x.NarrowFirst, x.NarrowFirstWidth = g.narrowFirst(d, &fx, r, x.Unknowns)
	}
	if len(x.Unknowns) > 0 {
		names := make(assess.Verbatims, len(x.Unknowns))
		for i, u := range x.Unknowns {
			names[i] = u.Column
		}
		text := msg("Blank inputs: %s. The estimate is %s over every value they may take.", names, fmtRange(x.Min, x.Max))
		switch {
		case x.NarrowFirst == nil:
		case x.NarrowFirstWidth == 0:
			text = assess.Concat(text, msg(" Ask first: %s — knowing it gives one score.", assess.Verbatim(x.NarrowFirst.Column)))
		default:
			text = assess.Concat(text, plural(x.NarrowFirstWidth, " Ask first: %s — knowing it narrows the range to at most 1 point.",
				" Ask first: %[2]s — knowing it narrows the range to at most %[1]d points.", assess.Verbatim(x.NarrowFirst.Column)))
		}
		x.Findings = append(x.Findings, assess.Finding{Code: CodeRange, Kind: assess.KindNote, Cell: c.Ref.RowCell(), Job: -1, Test: -1, Text: text})
	}

	g.scoreChanges(x, c, d, fx, tests, spouseTests, l, rs, A.AddYears(rs.ProjectionYears))

	// What a nomination, an ECA or French NCLC 7 would add.
	if p.Nomination != assess.Yes {
		fn := fx
		fn.nomination = true
		rn := g.totalRange(&d, &fn)
		x.WhatIfs = append(x.WhatIfs, WhatIf{Key: "nomination", Min: rn.lo, Max: rn.hi,
			Text: msg("A provincial nomination would give %s (%s now).", fmtRange(rn.lo, rn.hi), fmtRange(x.Min, x.Max))})
	}
	// An education level left uncounted for lack of an ECA: E-ECA, with the
	// estimate an ECA would give.
	eca := func(key string, text assess.Text, field string, withECA func(*crsDomain)) {
		de := d
		withECA(&de)
		re := g.totalRange(&de, &fx)
		if re.lo == x.Min && re.hi == x.Max {
			return
		}
		text = text.With(fmtRange(re.lo, re.hi), fmtRange(x.Min, x.Max))
		x.WhatIfs = append(x.WhatIfs, WhatIf{Key: key, Min: re.lo, Max: re.hi, Text: text})
		x.Findings = append(x.Findings, assess.Finding{Code: CodeECA, Kind: assess.KindNote, Cell: c.Ref.Cell(field), Job: -1, Test: -1, Text: text})
	}
	if p.ECA == assess.ECANo && p.Education != assess.EducationUnknown {
		eca("eca", msg("The client's %s education is not counted without an ECA: with an ECA the estimate would be %s (%s now).", p.Education.Text()),
			assess.FieldECA, func(d *crsDomain) { d.eca = ecaDomain(assess.ECAYes) })
	}
	if spouseMatters && p.SpouseECA == assess.ECANo && p.SpouseEducation > assess.EducationNone {
		eca("spouse_eca", msg("The spouse's %s education is not counted without an ECA: with an ECA the estimate would be %s (%s now).", p.SpouseEducation.Text()),
			assess.FieldSpouseECA, func(d *crsDomain) { d.spouseECA = ecaDomain(assess.ECAYes) })
	}
	if fr := g.Additional.FrenchMinNCLC; !fx.french[Single].ok || fx.french[Single].lowest() < fr || !fx.french[WithSpouse].ok || fx.french[WithSpouse].lowest() < fr {
		ff := fx
		for _, s := range allScales {
			l := crsLang{ok: true}
			for a := range l.clb {
				l.clb[a] = fr
				if ff.french[s].ok {
					l.clb[a] = max(fr, ff.french[s].clb[a])
				}
			}
			ff.french[s] = l
		}
		rf := g.totalRange(&d, &ff)
		x.WhatIfs = append(x.WhatIfs, WhatIf{Key: "french", Min: rf.lo, Max: rf.hi,
			Text: msg("French at NCLC %d in all four abilities (TEF Canada or TCF Canada) would give %s (%s now), and meet the French-language category.", fr, fmtRange(rf.lo, rf.hi), fmtRange(x.Min, x.Max))})
	}

	// Unsettled points that bear on this client.
	if eng := fx.english[Single]; fx.french[Single].ok && fx.french[Single].lowest() >= g.Additional.FrenchMinNCLC && eng.ok &&
		eng.lowest() < g.Additional.EnglishMinCLB && slices.ContainsFunc(eng.clb[:], func(v int) bool { return v >= g.Additional.EnglishMinCLB }) {
		x.Unsettled = append(x.Unsettled, msg("French bonus with English partly at CLB %d: the estimate gives %d points, reading the rule as needing all four English abilities at CLB %d for %d.",
			g.Additional.EnglishMinCLB, g.Additional.FrenchWeakEnglish, g.Additional.EnglishMinCLB, g.Additional.FrenchStrongEnglish))
	}
	if spouseMatters && len(p.SpouseTests) > 0 {
		x.Unsettled = append(x.Unsettled, msg("The spouse's first official language is taken as the spouse's best valid test."))
	}
	if p.ForeignWorkYears.Known && p.ForeignWorkYears.N > 0 {
		x.Unsettled = append(x.Unsettled, msg("Foreign work years are the paralegal's figure; whether they must be in one occupation is not settled."))
	}
}

// cutoffs compares the estimate with the latest CEC round and the latest
// round of each met category, each with the table's date.
func (ee *Rules) cutoffs(x *Estimate) {
	t := ee.Draws
	if t == nil {
		return
	}
	x.DrawsAsOf = t.AsOf
	types := []string{"cec"}
	for _, f := range x.Flags {
		if f.Status == FlagMet {
			types = append(types, f.ID)
		}
	}
	for _, typ := range types {
		r := t.Latest(typ, x.AssessedOn)
		cmp := CutoffComparison{Type: typ, Round: r}
		name := roundName(typ, x.Flags)
		switch {
		case r == nil:
			cmp.Text = msg("No %s round on or before %s in the table (cut-offs as of %s).", name, x.AssessedOn, t.AsOf)
		case !x.Estimated:
			cmp.Text = msg("%d in the %s round of %s — no estimate (cut-offs as of %s)", r.Cutoff, name, r.Date, t.AsOf)
		case x.Min < r.Cutoff && r.Cutoff <= x.Max:
			cmp.Text = msg("%d in the %s round of %s — estimate %s: %s (cut-offs as of %s)", r.Cutoff, name, r.Date, fmtRange(x.Min, x.Max), against(x.Min, x.Max, r.Cutoff), t.AsOf)
		default:
			cmp.Text = msg("%d in the %s round of %s — estimate %s, %s (cut-offs as of %s)", r.Cutoff, name, r.Date, fmtRange(x.Min, x.Max), against(x.Min, x.Max, r.Cutoff), t.AsOf)
		}
		x.Cutoffs = append(x.Cutoffs, cmp)
	}
	x.Unsettled = append(x.Unsettled, msg("Rounds after %s are not in the table; cut-offs move from round to round.", t.AsOf))
}

// roundName names a round type for a sentence: "CEC", or the category's name.
func roundName(typ string, flags []CategoryFlag) assess.Text {
	if typ == "cec" {
		return msg("CEC")
	}
	for _, f := range flags {
		if f.ID == typ {
			return f.Name
		}
	}
	return assess.Plain(typ)
}

// against says where the estimate lies against a cut-off.
func against(lo, hi, cut int) assess.Text {
	switch {
	case lo == hi && lo == cut:
		return msg("equal to the cut-off")
	case lo == hi && lo < cut:
		return msg("%d below", cut-lo)
	case lo == hi:
		return msg("%d above", lo-cut)
	case hi < cut:
		return msg("%d to %d below", cut-hi, cut-lo)
	case lo >= cut:
		return msg("%d to %d above", lo-cut, hi-cut)
	}
	return msg("depends on the missing inputs")
}

// fmtRange prints "482" or "432–497".
func fmtRange(lo, hi int) string {
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

func testCells(tests []assess.Test) assess.Text {
	cells := make([]string, 0, len(tests))
	for _, t := range tests {
		if c := t.Ref.RowCell(); c != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) == 0 {
		return msg("Language Tests sheet")
	}
	return assess.Plain(strings.Join(cells, ", "))
}
