package assess

import "math"

// This file scores one complete set of CRS facts on a grid, and computes
// the exact range of the score over the facts the intake leaves blank.

// crsLang is one person's four CLB/NCLC levels from one test; ok is false
// when there is no valid test.
type crsLang struct {
	ok  bool
	clb [4]int
}

func (l crsLang) lowest() int {
	if !l.ok {
		return 0
	}
	return min(l.clb[0], l.clb[1], l.clb[2], l.clb[3])
}

// crsFacts is one complete set of facts: nothing unknown.
type crsFacts struct {
	scale        int
	age          int
	edu          EducationLevel // counted education (§ education and ECA)
	cdnEdu       EducationLevel // the Canadian credential, for the additional points
	cdnYears     int            // Canadian work years
	foreignYears int
	coq          bool
	sibling      bool
	nomination   bool
	english      crsLang
	french       crsLang
	spouseEdu    EducationLevel // counted
	spouseLang   crsLang
	spouseYears  int
}

// CRSFactors are the points of each factor, before the group and section
// caps (results.jsonl's crs.factors).
type CRSFactors struct {
	Age                   int `json:"age"`
	Education             int `json:"education"`
	FirstLanguage         int `json:"first_language"`
	SecondLanguage        int `json:"second_language"`
	CanadianWork          int `json:"canadian_work"`
	SpouseEducation       int `json:"spouse_education"`
	SpouseLanguage        int `json:"spouse_language"`
	SpouseCanadianWork    int `json:"spouse_canadian_work"`
	EducationLanguage     int `json:"education_language"`
	EducationCanadianWork int `json:"education_canadian_work"`
	ForeignLanguage       int `json:"foreign_language"`
	ForeignCanadianWork   int `json:"foreign_canadian_work"`
	Certificate           int `json:"certificate"`
	ProvincialNomination  int `json:"provincial_nomination"`
	Sibling               int `json:"sibling"`
	French                int `json:"french"`
	CanadianEducation     int `json:"canadian_education"`
}

// Section indexes.
const (
	SectionCore = iota
	SectionSpouse
	SectionTransfer
	SectionAdditional
)

// SectionNames are the four sections' letters.
var SectionNames = [4]string{"A", "B", "C", "D"}

// langPoints sums a language table over the four abilities.
func langPoints(l crsLang, col func(int) int) int {
	if !l.ok {
		return 0
	}
	sum := 0
	for _, c := range l.clb {
		sum += col(langColumn(c))
	}
	return sum
}

// band is the transferability column of an education level: -1 none,
// 0 small (one credential of a year or more), 1 large.
func educationBand(l EducationLevel) int {
	switch {
	case l >= EducationTwoOrMore:
		return 1
	case l >= EducationOneYear:
		return 0
	}
	return -1
}

// factors scores f with first as the first official language.
func (g *CRSGrid) factors(f *crsFacts, first, second crsLang) (x CRSFactors, sec [4]int) {
	s := f.scale
	x.Age = g.AgePoints(f.age, s)
	x.Education = g.Education[f.edu.index()][s]
	x.FirstLanguage = langPoints(first, func(c int) int { return g.FirstLanguage[c][s] })
	x.SecondLanguage = min(langPoints(second, func(c int) int { return g.SecondLanguage[c] }), g.SecondLanguageCap[s])
	x.CanadianWork = g.CanadianWork[min(f.cdnYears, len(g.CanadianWork)-1)][s]
	if s == WithSpouse {
		x.SpouseEducation = g.SpouseEducation[f.spouseEdu.index()]
		x.SpouseLanguage = langPoints(f.spouseLang, func(c int) int { return g.SpouseLanguage[c] })
		x.SpouseCanadianWork = g.SpouseCanadianWork[min(f.spouseYears, len(g.SpouseCanadianWork)-1)]
	}

	t := &g.Transfer
	low := first.lowest()
	tier := 0
	switch {
	case low >= t.Tier9CLB:
		tier = 9
	case low >= t.Tier7CLB:
		tier = 7
	}
	if b := educationBand(f.edu); b >= 0 {
		switch tier {
		case 9:
			x.EducationLanguage = t.EducationTier9[b]
		case 7:
			x.EducationLanguage = t.EducationTier7[b]
		}
		switch {
		case f.cdnYears >= 2:
			x.EducationCanadianWork = t.EducationCdnWork2[b]
		case f.cdnYears == 1:
			x.EducationCanadianWork = t.EducationCdnWork1[b]
		}
	}
	fb := -1
	switch {
	case f.foreignYears >= t.ForeignLargeYears:
		fb = 1
	case f.foreignYears >= t.ForeignSmallYears:
		fb = 0
	}
	if fb >= 0 {
		switch tier {
		case 9:
			x.ForeignLanguage = t.ForeignTier9[fb]
		case 7:
			x.ForeignLanguage = t.ForeignTier7[fb]
		}
		switch {
		case f.cdnYears >= 2:
			x.ForeignCanadianWork = t.ForeignCdnWork2[fb]
		case f.cdnYears == 1:
			x.ForeignCanadianWork = t.ForeignCdnWork1[fb]
		}
	}
	if f.coq && first.ok {
		switch {
		case low >= t.CertificateHighCLB:
			x.Certificate = t.CertificateHigh
		case low >= t.CertificateLowCLB:
			x.Certificate = t.CertificateLow
		}
	}

	ad := &g.Additional
	if f.nomination {
		x.ProvincialNomination = ad.Nomination
	}
	if f.sibling {
		x.Sibling = ad.Sibling
	}
	if f.french.ok && f.french.lowest() >= ad.FrenchMinNCLC {
		x.French = ad.FrenchWeakEnglish
		if f.english.ok && f.english.lowest() >= ad.EnglishMinCLB {
			x.French = ad.FrenchStrongEnglish
		}
	}
	switch {
	case f.cdnEdu >= EducationThreeYear:
		x.CanadianEducation = ad.CanadianEducationLong
	case f.cdnEdu >= EducationOneYear:
		x.CanadianEducation = ad.CanadianEducationShort
	}

	sec[SectionCore] = min(g.MaxCore[s], x.Age+x.Education+x.FirstLanguage+x.SecondLanguage+x.CanadianWork)
	if s == WithSpouse {
		sec[SectionSpouse] = min(g.MaxSpouse, x.SpouseEducation+x.SpouseLanguage+x.SpouseCanadianWork)
	}
	sec[SectionTransfer] = min(g.MaxTransfer,
		min(t.GroupCap, x.EducationLanguage+x.EducationCanadianWork)+
			min(t.GroupCap, x.ForeignLanguage+x.ForeignCanadianWork)+
			min(t.GroupCap, x.Certificate))
	sec[SectionAdditional] = min(g.MaxAdditional,
		x.ProvincialNomination+x.Sibling+x.French+x.CanadianEducation)
	return x, sec
}

func total(sec [4]int) int { return sec[0] + sec[1] + sec[2] + sec[3] }

// score scores f with English first and with French first, and keeps the
// higher total (a tie keeps English). frenchFirst says which was kept.
func (g *CRSGrid) score(f *crsFacts) (x CRSFactors, sec [4]int, frenchFirst bool) {
	if !f.english.ok && f.french.ok {
		x, sec = g.factors(f, f.french, f.english)
		return x, sec, true
	}
	x, sec = g.factors(f, f.english, f.french)
	if f.english.ok && f.french.ok {
		if xf, sf := g.factors(f, f.french, f.english); total(sf) > total(sec) {
			return xf, sf, true
		}
	}
	return x, sec, false
}

// crsDomain holds, for each input, the values it may take: one value when
// it is known, its whole domain when it is blank. Each slice is a window
// on a static array, so fixing an input allocates nothing.
type crsDomain struct {
	scales      []int
	ages        []int
	education   []EducationLevel
	eca         []ECAStatus
	cdnEdu      []EducationLevel
	foreign     []int
	coq         []bool
	sibling     []bool
	spouseEdu   []EducationLevel
	spouseECA   []ECAStatus
	spouseYears []int
}

// crsFixed are the inputs that are never unknown, per scale where the best
// test depends on the scale's points.
type crsFixed struct {
	english, french [2]crsLang // by scale
	spouseLang      crsLang
	cdnYears        int
	nomination      bool
}

// crsRange is the range of the total and of each section.
type crsRange struct {
	min, max int
	sec      [4][2]int
	// frenchFirst counts the combinations scored with French first and
	// with English first, to tell whether the choice is settled.
	frenchFirst, englishFirst int
	// at is one set of facts giving the minimum.
	at crsFacts
}

func emptyRange() crsRange {
	r := crsRange{min: math.MaxInt, max: math.MinInt}
	for i := range r.sec {
		r.sec[i] = [2]int{math.MaxInt, math.MinInt}
	}
	return r
}

func (r crsRange) width() int { return r.max - r.min }

// rangeOf returns the exact range of the total over every combination of
// d's values. The first official language is chosen by total, which makes
// the inputs interact; but age enters only section A and the spouse's
// factors only section B, by addition, and the choice does not depend on
// them. So the enumeration runs over the other inputs (education, ECA,
// Canadian education, foreign work, certificate, sibling, scale) — with
// the education triple reduced to the distinct (counted, Canadian) pairs
// it gives — and adds the age and spouse ranges to each combination. The
// property test checks the result against exhaustive enumeration.
func (g *CRSGrid) rangeOf(d *crsDomain, fx *crsFixed) crsRange {
	r := emptyRange()
	type pair struct{ counted, cdn EducationLevel }
	var pairs [81]pair
	np := 0
	var seen [9][9]bool
	for _, e := range d.education {
		for _, k := range d.eca {
			for _, ce := range d.cdnEdu {
				counted := ce
				if k.counts() && e > counted {
					counted = e
				}
				if !seen[counted][ce] {
					seen[counted][ce] = true
					pairs[np] = pair{counted, ce}
					np++
				}
			}
		}
	}
	for _, s := range d.scales {
		// Age: section A, additive.
		ageLo, ageHi, ageAtLo := math.MaxInt, math.MinInt, 0
		for _, a := range d.ages {
			p := g.AgePoints(a, s)
			if p < ageLo {
				ageLo, ageAtLo = p, a
			}
			ageHi = max(ageHi, p)
		}
		// Spouse: section B, additive and capped; monotone in each factor.
		var bLo, bHi int
		// the spouse facts at the low and high ends
		spLo := crsFacts{edu: EducationNone, cdnEdu: EducationNone, spouseEdu: EducationNone}
		spHi := spLo
		if s == WithSpouse {
			spLo.spouseEdu, spHi.spouseEdu = g.spouseEduRange(d)
			spLo.spouseYears, spHi.spouseYears = extremeIndex(d.spouseYears, g.SpouseCanadianWork)
			spLo.spouseLang, spHi.spouseLang = fx.spouseLang, fx.spouseLang
			spLo.scale, spHi.scale = s, s
			_, sLo := g.factors(&spLo, crsLang{}, crsLang{})
			_, sHi := g.factors(&spHi, crsLang{}, crsLang{})
			bLo, bHi = sLo[SectionSpouse], sHi[SectionSpouse]
		}
		f := crsFacts{scale: s, age: ageAtLo, cdnYears: fx.cdnYears, nomination: fx.nomination,
			english: fx.english[s], french: fx.french[s],
			spouseEdu: spLo.spouseEdu, spouseYears: spLo.spouseYears, spouseLang: fx.spouseLang}
		agePts := g.AgePoints(ageAtLo, s)
		for _, p := range pairs[:np] {
			f.edu, f.cdnEdu = p.counted, p.cdn
			for _, fy := range d.foreign {
				f.foreignYears = fy
				for _, q := range d.coq {
					f.coq = q
					for _, sib := range d.sibling {
						f.sibling = sib
						_, sec, fr := g.score(&f)
						base := total(sec) - sec[SectionCore] - sec[SectionSpouse]
						aRest := sec[SectionCore] - agePts
						lo := aRest + ageLo + bLo + base
						hi := aRest + ageHi + bHi + base
						if lo < r.min {
							r.min, r.at = lo, f
						}
						r.max = max(r.max, hi)
						widen(&r.sec[SectionCore], aRest+ageLo, aRest+ageHi)
						widen(&r.sec[SectionSpouse], bLo, bHi)
						widen(&r.sec[SectionTransfer], sec[SectionTransfer], sec[SectionTransfer])
						widen(&r.sec[SectionAdditional], sec[SectionAdditional], sec[SectionAdditional])
						if fr {
							r.frenchFirst++
						} else {
							r.englishFirst++
						}
					}
				}
			}
		}
	}
	return r
}

func widen(s *[2]int, lo, hi int) {
	s[0] = min(s[0], lo)
	s[1] = max(s[1], hi)
}

// spouseEduRange returns the spouse's counted education at the lowest and
// highest points over the domain (uncounted without an ECA).
func (g *CRSGrid) spouseEduRange(d *crsDomain) (lo, hi EducationLevel) {
	lo, hi = EducationNone, EducationNone
	loPts, hiPts := math.MaxInt, math.MinInt
	for _, e := range d.spouseEdu {
		for _, k := range d.spouseECA {
			c := EducationNone
			if k.counts() {
				c = e
			}
			p := g.SpouseEducation[c.index()]
			if p < loPts {
				lo, loPts = c, p
			}
			if p > hiPts {
				hi, hiPts = c, p
			}
		}
	}
	return lo, hi
}

// extremeIndex returns the values of years giving the fewest and the most
// points in table.
func extremeIndex(years []int, table []int) (lo, hi int) {
	loPts, hiPts := math.MaxInt, math.MinInt
	for _, y := range years {
		p := table[min(y, len(table)-1)]
		if p < loPts {
			lo, loPts = y, p
		}
		if p > hiPts {
			hi, hiPts = y, p
		}
	}
	return lo, hi
}
