package crs

import (
	"fmt"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// Every cell of the CRS grid (README, "Express Entry readiness"), typed here
// from IRCC's tables and checked through the scorer, on both scales.

// baseFacts is a client who scores nothing: age 17, no education, no test,
// no work. Each test changes only what it checks.
func baseFacts(scale int, mod ...func(*crsFacts)) crsFacts {
	f := crsFacts{scale: scale, age: 17, edu: assess.EducationNone, cdnEdu: assess.EducationNone, spouseEdu: assess.EducationNone}
	for _, m := range mod {
		m(&f)
	}
	return f
}

func lang(l, r, w, s int) crsLang { return crsLang{ok: true, clb: [4]int{l, r, w, s}} }

func all4(clb int) crsLang { return lang(clb, clb, clb, clb) }

func gridScaleName(s int) string { return [...]string{"single", "with spouse"}[s] }

func scoreOf(t *testing.T, f crsFacts) (Factors, [4]int) {
	t.Helper()
	x, sec, _ := BuiltinGrid().score(&f)
	return x, sec
}

func TestCRSAgeCells(t *testing.T) {
	want := map[int]Points2{
		15: {0, 0}, 17: {0, 0}, 18: {99, 90}, 19: {105, 95},
		20: {110, 100}, 25: {110, 100}, 29: {110, 100},
		30: {105, 95}, 31: {99, 90}, 32: {94, 85}, 33: {88, 80}, 34: {83, 75}, 35: {77, 70}, 36: {72, 65},
		37: {66, 60}, 38: {61, 55}, 39: {55, 50}, 40: {50, 45}, 41: {39, 35}, 42: {28, 25}, 43: {17, 15},
		44: {6, 5}, 45: {0, 0}, 60: {0, 0},
	}
	for age := 15; age <= 60; age++ {
		w, ok := want[age]
		if !ok {
			continue
		}
		for _, s := range allScales {
			x, sec := scoreOf(t, baseFacts(s, func(f *crsFacts) { f.age = age }))
			if x.Age != w[s] || sec[SectionCore] != w[s] {
				t.Errorf("age %d %s: %d points (core %d), want %d", age, gridScaleName(s), x.Age, sec[SectionCore], w[s])
			}
		}
	}
	// Every age from 20 to 29 is in the 110/100 band.
	for age := 20; age <= 29; age++ {
		if p := BuiltinGrid().AgePoints(age, Single); p != 110 {
			t.Errorf("age %d: %d, want 110", age, p)
		}
	}
}

func TestCRSEducationCells(t *testing.T) {
	want := map[assess.EducationLevel]Points2{
		assess.EducationNone: {0, 0}, assess.EducationSecondary: {30, 28}, assess.EducationOneYear: {90, 84}, assess.EducationTwoYear: {98, 91},
		assess.EducationThreeYear: {120, 112}, assess.EducationTwoOrMore: {128, 119}, assess.EducationMasters: {135, 126}, assess.EducationDoctoral: {150, 140},
	}
	spouse := map[assess.EducationLevel]int{assess.EducationNone: 0, assess.EducationSecondary: 2, assess.EducationOneYear: 6, assess.EducationTwoYear: 7,
		assess.EducationThreeYear: 8, assess.EducationTwoOrMore: 9, assess.EducationMasters: 10, assess.EducationDoctoral: 10}
	for _, lvl := range assess.EducationLevels {
		for _, s := range allScales {
			x, _ := scoreOf(t, baseFacts(s, func(f *crsFacts) { f.edu = lvl }))
			if x.Education != want[lvl][s] {
				t.Errorf("%s %s: %d, want %d", lvl, gridScaleName(s), x.Education, want[lvl][s])
			}
		}
		x, sec := scoreOf(t, baseFacts(WithSpouse, func(f *crsFacts) { f.spouseEdu = lvl }))
		if x.SpouseEducation != spouse[lvl] || sec[SectionSpouse] != spouse[lvl] {
			t.Errorf("spouse %s: %d (B %d), want %d", lvl, x.SpouseEducation, sec[SectionSpouse], spouse[lvl])
		}
		// A single client's spouse factors are never scored.
		if x, _ := scoreOf(t, baseFacts(Single, func(f *crsFacts) { f.spouseEdu = lvl })); x.SpouseEducation != 0 {
			t.Errorf("single with spouse education %s: %d spouse points", lvl, x.SpouseEducation)
		}
	}
}

func TestCRSLanguageCells(t *testing.T) {
	// Per ability, by CLB 0 (below 4), 3 … 12.
	first := map[int]Points2{0: {0, 0}, 3: {0, 0}, 4: {6, 6}, 5: {6, 6}, 6: {9, 8}, 7: {17, 16}, 8: {23, 22}, 9: {31, 29}, 10: {34, 32}, 12: {34, 32}}
	second := map[int]int{0: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 6, 10: 6, 12: 6}
	spouse := map[int]int{0: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 5, 10: 5, 12: 5}
	for clb, w := range first {
		for _, a := range assess.Abilities {
			for _, s := range allScales {
				l := crsLang{ok: true}
				l.clb[a] = clb
				// English first (the only test), French second.
				x, _ := scoreOf(t, baseFacts(s, func(f *crsFacts) { f.english = l }))
				if x.FirstLanguage != w[s] {
					t.Errorf("first language %s CLB %d %s: %d, want %d", a, clb, gridScaleName(s), x.FirstLanguage, w[s])
				}
				x, _ = scoreOf(t, baseFacts(s, func(f *crsFacts) { f.english = all4(10); f.french = l }))
				if x.SecondLanguage != second[clb] {
					t.Errorf("second language %s NCLC %d %s: %d, want %d", a, clb, gridScaleName(s), x.SecondLanguage, second[clb])
				}
			}
			l := crsLang{ok: true}
			l.clb[a] = clb
			x, _ := scoreOf(t, baseFacts(WithSpouse, func(f *crsFacts) { f.spouseLang = l }))
			if x.SpouseLanguage != spouse[clb] {
				t.Errorf("spouse language %s CLB %d: %d, want %d", a, clb, x.SpouseLanguage, spouse[clb])
			}
		}
	}
	// Four abilities add up: 4 × 34 = 136 single, 4 × 32 = 128 with spouse;
	// the spouse's 4 × 5 = 20.
	for s, w := range []int{136, 128} {
		if x, _ := scoreOf(t, baseFacts(s, func(f *crsFacts) { f.english = all4(10) })); x.FirstLanguage != w {
			t.Errorf("CLB 10 in all four %s: %d, want %d", gridScaleName(s), x.FirstLanguage, w)
		}
	}
	if x, _ := scoreOf(t, baseFacts(WithSpouse, func(f *crsFacts) { f.spouseLang = all4(9) })); x.SpouseLanguage != 20 {
		t.Errorf("spouse CLB 9 in all four: %d, want 20", x.SpouseLanguage)
	}
}

// The second language's four abilities at 9+ make 24, the single cap; with
// a spouse the cap is 22. Each ability counts on its own.
func TestCRSSecondLanguageCaps(t *testing.T) {
	cases := []struct {
		french crsLang
		scale  int
		want   int
	}{
		{all4(9), Single, 24},              // 6 × 4 = 24, at the cap
		{all4(9), WithSpouse, 22},          // 24 capped at 22
		{lang(9, 9, 9, 7), WithSpouse, 21}, // 6+6+6+3 = 21, under the cap
		{lang(9, 9, 9, 8), Single, 21},
		{lang(5, 4, 4, 4), Single, 1}, // one ability at 5 counts alone
		{all4(4), Single, 0},
	}
	for _, c := range cases {
		x, _ := scoreOf(t, baseFacts(c.scale, func(f *crsFacts) { f.english = all4(10); f.french = c.french }))
		if x.SecondLanguage != c.want {
			t.Errorf("French %v %s: second language %d, want %d", c.french.clb, gridScaleName(c.scale), x.SecondLanguage, c.want)
		}
	}
}

func TestCRSCanadianWorkCells(t *testing.T) {
	want := []Points2{{0, 0}, {40, 35}, {53, 46}, {64, 56}, {72, 63}, {80, 70}, {80, 70}, {80, 70}}
	spouse := []int{0, 5, 7, 8, 9, 10, 10}
	for y, w := range want {
		for _, s := range allScales {
			x, _ := scoreOf(t, baseFacts(s, func(f *crsFacts) { f.cdnYears = y }))
			if x.CanadianWork != w[s] {
				t.Errorf("%d years %s: %d, want %d", y, gridScaleName(s), x.CanadianWork, w[s])
			}
		}
	}
	for y, w := range spouse {
		if x, _ := scoreOf(t, baseFacts(WithSpouse, func(f *crsFacts) { f.spouseYears = y })); x.SpouseCanadianWork != w {
			t.Errorf("spouse %d years: %d, want %d", y, x.SpouseCanadianWork, w)
		}
	}
}

// Transferability, every combination of the table at both columns.
func TestCRSTransferabilityCells(t *testing.T) {
	type want struct{ el, ecw, fl, fcw, coq, c int }
	cases := []struct {
		name string
		f    crsFacts
		want want
	}{
		// Education, small column (one credential of a year or more).
		{"one-year + CLB 7", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationOneYear; f.english = all4(7) }), want{el: 13, c: 13}},
		{"three-year + CLB 9", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationThreeYear; f.english = all4(9) }), want{el: 25, c: 25}},
		{"two-year + 1 year Cdn", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationTwoYear; f.cdnYears = 1 }), want{ecw: 13, c: 13}},
		{"two-year + 2 years Cdn", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationTwoYear; f.cdnYears = 2 }), want{ecw: 25, c: 25}},
		// Education, large column.
		{"two-or-more + CLB 7", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationTwoOrMore; f.english = all4(7) }), want{el: 25, c: 25}},
		{"master's + CLB 9", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationMasters; f.english = all4(9) }), want{el: 50, c: 50}},
		{"doctoral + 1 year Cdn", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationDoctoral; f.cdnYears = 1 }), want{ecw: 25, c: 25}},
		{"doctoral + 5 years Cdn", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationDoctoral; f.cdnYears = 5 }), want{ecw: 50, c: 50}},
		// Secondary and none never earn transferability.
		{"secondary + CLB 9 + 3 years", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationSecondary; f.english = all4(9); f.cdnYears = 3 }), want{}},
		// Education group cap: 25 + 25 small = 50; 50 + 50 large capped at 50.
		{"three-year + CLB 9 + 2 years", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationThreeYear; f.english = all4(9); f.cdnYears = 2 }), want{el: 25, ecw: 25, c: 50}},
		{"master's + CLB 9 + 2 years (cap 50)", baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationMasters; f.english = all4(9); f.cdnYears = 2 }), want{el: 50, ecw: 50, c: 50}},
		// Foreign work: 1–2 years small, 3+ large.
		{"1 year foreign + CLB 7", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 1; f.english = all4(7) }), want{fl: 13, c: 13}},
		{"2 years foreign + CLB 9", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 2; f.english = all4(9) }), want{fl: 25, c: 25}},
		{"3 years foreign + CLB 7", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 3; f.english = all4(7) }), want{fl: 25, c: 25}},
		{"3 years foreign + CLB 9", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 3; f.english = all4(9) }), want{fl: 50, c: 50}},
		{"2 years foreign + 1 year Cdn", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 2; f.cdnYears = 1 }), want{fcw: 13, c: 13}},
		{"3 years foreign + 1 year Cdn", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 3; f.cdnYears = 1 }), want{fcw: 25, c: 25}},
		{"1 year foreign + 2 years Cdn", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 1; f.cdnYears = 2 }), want{fcw: 25, c: 25}},
		{"3 years foreign + 2 years Cdn", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 3; f.cdnYears = 2 }), want{fcw: 50, c: 50}},
		{"0 years foreign + CLB 9", baseFacts(Single, func(f *crsFacts) { f.english = all4(9) }), want{}},
		// Foreign group cap 50.
		{"3 years foreign + CLB 9 + 2 years (cap 50)", baseFacts(Single, func(f *crsFacts) { f.foreignYears = 3; f.english = all4(9); f.cdnYears = 2 }), want{fl: 50, fcw: 50, c: 50}},
		// Certificate of qualification.
		{"COQ + CLB 5", baseFacts(Single, func(f *crsFacts) { f.coq = true; f.english = all4(5) }), want{coq: 25, c: 25}},
		{"COQ + CLB 6,6,6,7", baseFacts(Single, func(f *crsFacts) { f.coq = true; f.english = lang(6, 6, 6, 7) }), want{coq: 25, c: 25}},
		{"COQ + CLB 7", baseFacts(Single, func(f *crsFacts) { f.coq = true; f.english = all4(7) }), want{coq: 50, fl: 0, c: 50}},
		{"COQ + CLB 4,5,5,5", baseFacts(Single, func(f *crsFacts) { f.coq = true; f.english = lang(4, 5, 5, 5) }), want{}},
		{"COQ, no test", baseFacts(Single, func(f *crsFacts) { f.coq = true }), want{}},
		// The section cap of 100: 50 + 50 + 50 → 100.
		{"everything (cap 100)", baseFacts(Single, func(f *crsFacts) {
			f.edu = assess.EducationDoctoral
			f.english = all4(9)
			f.cdnYears = 2
			f.foreignYears = 3
			f.coq = true
		}), want{el: 50, ecw: 50, fl: 50, fcw: 50, coq: 50, c: 100}},
		// Transferability is the same on both scales.
		{"master's + CLB 9, with spouse", baseFacts(WithSpouse, func(f *crsFacts) { f.edu = assess.EducationMasters; f.english = all4(9) }), want{el: 50, c: 50}},
	}
	for _, c := range cases {
		x, sec := scoreOf(t, c.f)
		got := want{x.EducationLanguage, x.EducationCanadianWork, x.ForeignLanguage, x.ForeignCanadianWork, x.Certificate, sec[SectionTransfer]}
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

// CLB 8 is tier 7, 9 is tier 9, 10 adds core points only; one ability at 8
// among 10s brings the tier down to 7.
func TestCRSTransferabilityTiers(t *testing.T) {
	cases := []struct {
		english   crsLang
		el, first int
	}{
		{all4(8), 25, 4 * 23},
		{all4(9), 50, 4 * 31},
		{all4(10), 50, 4 * 34},
		{lang(10, 10, 8, 10), 25, 3*34 + 23},
		{lang(10, 10, 6, 10), 0, 3*34 + 9},
	}
	for _, c := range cases {
		x, _ := scoreOf(t, baseFacts(Single, func(f *crsFacts) { f.edu = assess.EducationMasters; f.english = c.english }))
		if x.EducationLanguage != c.el || x.FirstLanguage != c.first {
			t.Errorf("master's with %v: education+language %d, first language %d; want %d, %d", c.english.clb, x.EducationLanguage, x.FirstLanguage, c.el, c.first)
		}
	}
}

func TestCRSAdditionalCells(t *testing.T) {
	cases := []struct {
		name string
		f    crsFacts
		want Factors
		d    int
	}{
		{"nomination", baseFacts(Single, func(f *crsFacts) { f.nomination = true }), Factors{ProvincialNomination: 600}, 600},
		{"sibling", baseFacts(Single, func(f *crsFacts) { f.sibling = true }), Factors{Sibling: 15}, 15},
		{"Canadian one-year", baseFacts(Single, func(f *crsFacts) { f.cdnEdu = assess.EducationOneYear }), Factors{CanadianEducation: 15}, 15},
		{"Canadian two-year", baseFacts(Single, func(f *crsFacts) { f.cdnEdu = assess.EducationTwoYear }), Factors{CanadianEducation: 15}, 15},
		{"Canadian three-year", baseFacts(Single, func(f *crsFacts) { f.cdnEdu = assess.EducationThreeYear }), Factors{CanadianEducation: 30}, 30},
		{"Canadian master's", baseFacts(Single, func(f *crsFacts) { f.cdnEdu = assess.EducationMasters }), Factors{CanadianEducation: 30}, 30},
		{"Canadian doctoral", baseFacts(Single, func(f *crsFacts) { f.cdnEdu = assess.EducationDoctoral }), Factors{CanadianEducation: 30}, 30},
		{"Canadian secondary", baseFacts(Single, func(f *crsFacts) { f.cdnEdu = assess.EducationSecondary }), Factors{}, 0},
		// French NCLC 7 with no English test: 25.
		{"French 7, no English", baseFacts(Single, func(f *crsFacts) { f.french = all4(7) }), Factors{French: 25}, 25},
		// French with English CLB 4 in all four: 25.
		{"French 7, English all 4", baseFacts(Single, func(f *crsFacts) { f.french = all4(7); f.english = all4(4) }), Factors{French: 25}, 25},
		// French with English CLB 5 in all four: 50.
		{"French 7, English all 5", baseFacts(Single, func(f *crsFacts) { f.french = all4(7); f.english = all4(5) }), Factors{French: 50}, 50},
		// Mixed English (some 4, some 5+): 25, the engine's reading.
		{"French 7, English 5,5,5,4", baseFacts(Single, func(f *crsFacts) { f.french = all4(7); f.english = lang(5, 5, 5, 4) }), Factors{French: 25}, 25},
		// French below NCLC 7 in one ability: nothing.
		{"French 7,7,7,6", baseFacts(Single, func(f *crsFacts) { f.french = lang(7, 7, 7, 6); f.english = all4(9) }), Factors{}, 0},
		// D is capped at 600: 600 + 15 + 50 + 30 → 600.
		{"nomination caps D", baseFacts(Single, func(f *crsFacts) {
			f.nomination, f.sibling, f.french, f.english, f.cdnEdu = true, true, all4(7), all4(5), assess.EducationMasters
		}), Factors{ProvincialNomination: 600, Sibling: 15, French: 50, CanadianEducation: 30}, 600},
	}
	for _, c := range cases {
		x, sec := scoreOf(t, c.f)
		got := Factors{ProvincialNomination: x.ProvincialNomination, Sibling: x.Sibling, French: x.French, CanadianEducation: x.CanadianEducation}
		if got != c.want || sec[SectionAdditional] != c.d {
			t.Errorf("%s: got %+v D %d, want %+v D %d", c.name, got, sec[SectionAdditional], c.want, c.d)
		}
	}
}

// The section maxima: a client at every maximum scores 1,200 on both scales.
func TestCRSMaxima(t *testing.T) {
	top := func(s int) crsFacts {
		return baseFacts(s, func(f *crsFacts) {
			f.age, f.edu, f.english, f.french, f.cdnYears = 25, assess.EducationDoctoral, all4(10), all4(10), 5
			f.foreignYears, f.coq, f.nomination, f.sibling, f.cdnEdu = 3, true, true, true, assess.EducationDoctoral
			f.spouseEdu, f.spouseLang, f.spouseYears = assess.EducationDoctoral, all4(10), 5
		})
	}
	for _, s := range allScales {
		_, sec := scoreOf(t, top(s))
		want := [4]int{500, 0, 100, 600}
		if s == WithSpouse {
			want = [4]int{460, 40, 100, 600}
		}
		if sec != want || total(sec) != 1200 {
			t.Errorf("%s at every maximum: sections %v, want %v (1,200)", gridScaleName(s), sec, want)
		}
	}
	if err := BuiltinGrid().Validate(); err != nil {
		t.Fatalf("the built-in grid does not validate: %v", err)
	}
}

// A grid with a typo in one cell fails validation, naming the key.
func TestCRSGridValidateCatchesTypos(t *testing.T) {
	cases := []struct {
		edit func(*Grid)
		key  string
	}{
		{func(g *Grid) { g.Education[7][0] = 105 }, "maxima.core.single"},
		{func(g *Grid) { g.Age[5][1] = 110 }, "maxima.core.with_spouse"},
		{func(g *Grid) { g.SpouseLanguage[7] = 6 }, "maxima.spouse"},
		{func(g *Grid) { g.MaxAdditional = 500 }, "maxima.total"},
		{func(g *Grid) { g.Age[3][0] = -1 }, "age.20"},
		{func(g *Grid) { g.Additional.JobOffer = 50 }, "additional.job_offer"},
		{func(g *Grid) { g.Transfer.Tier9CLB = 6 }, "transferability.tier7_clb"},
		{func(g *Grid) { g.ID = "" }, "id"},
	}
	for _, c := range cases {
		g := BuiltinGrid()
		c.edit(g)
		err := g.Validate()
		if err == nil || !containsKey(err.Error(), c.key) {
			t.Errorf("edit for %s: error %v, want one naming %s", c.key, err, c.key)
		}
	}
}

func containsKey(msg, key string) bool {
	for i := 0; i+len(key) <= len(msg); i++ {
		if msg[i:i+len(key)] == key && (i+len(key) == len(msg) || msg[i+len(key)] == ':') {
			return true
		}
	}
	return false
}

func ExampleGrid_AgePoints() {
	g := BuiltinGrid()
	fmt.Println(g.AgePoints(29, Single), g.AgePoints(30, Single), g.AgePoints(30, WithSpouse))
	// Output: 110 105 95
}
