package crs

import "github.com/cecbatch/cecbatch/assess"
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
	edu          assess.EducationLevel // counted education (§ education and ECA)
	cdnEdu       assess.EducationLevel // the Canadian credential, for the additional points
	cdnYears     int                   // Canadian work years
	foreignYears int
	coq          bool
	sibling      bool
	nomination   bool
	english      crsLang
	french       crsLang
	spouseEdu    assess.EducationLevel // counted
	spouseLang   crsLang
	spouseYears  int
}

// Factors are the points of each factor, before the group and section
// caps (results.jsonl's crs.factors).
type Factors struct {
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
func educationBand(l assess.EducationLevel) int {
	switch {
	case l >= assess.EducationTwoOrMore:
		return 1
	case l >= assess.EducationOneYear:
		return 0
	}
	return -1
}

// langFactors returns the first- and second-language points on scale s.
func (g *Grid) langFactors(first, second crsLang, s int) (l1, l2 int) {
	if first.ok {
		for _, c := range first.clb {
			l1 += g.FirstLanguage[langColumn(c)][s]
		}
	}
	if second.ok {
		for _, c := range second.clb {
			l2 += g.SecondLanguage[langColumn(c)]
		}
	}
	return l1, min(l2, g.SecondLanguageCap[s])
}

// transfer returns the transferability factors and section C for the
// counted education, the first official language's lowest ability (low,
// 0 without a test), Canadian and foreign work years and a certificate.
func (g *Grid) transfer(x *Factors, edu assess.EducationLevel, hasFirst bool, low, cdnYears, foreignYears int, coq bool) int {
	t := &g.Transfer
	tier := 0
	switch {
	case low >= t.Tier9CLB:
		tier = 9
	case low >= t.Tier7CLB:
		tier = 7
	}
	if b := educationBand(edu); b >= 0 {
		x.EducationLanguage, x.EducationCanadianWork = transferGroup(b, tier, cdnYears,
			t.EducationTier7, t.EducationTier9, t.EducationCdnWork1, t.EducationCdnWork2)
	}
	fb := -1
	switch {
	case foreignYears >= t.ForeignLargeYears:
		fb = 1
	case foreignYears >= t.ForeignSmallYears:
		fb = 0
	}
	if fb >= 0 {
		x.ForeignLanguage, x.ForeignCanadianWork = transferGroup(fb, tier, cdnYears,
			t.ForeignTier7, t.ForeignTier9, t.ForeignCdnWork1, t.ForeignCdnWork2)
	}
	if coq && hasFirst {
		switch {
		case low >= t.CertificateHighCLB:
			x.Certificate = t.CertificateHigh
		case low >= t.CertificateLowCLB:
			x.Certificate = t.CertificateLow
		}
	}
	return min(g.MaxTransfer,
		min(t.GroupCap, x.EducationLanguage+x.EducationCanadianWork)+
			min(t.GroupCap, x.ForeignLanguage+x.ForeignCanadianWork)+
			min(t.GroupCap, x.Certificate))
}

// transferGroup returns one transferability group's points in column b:
// with the language tier (7 or 9; 0 for none) and with the Canadian work.
func transferGroup(b, tier, cdnYears int, tier7, tier9, cdn1, cdn2 Band2) (lang, cdn int) {
	switch tier {
	case 9:
		lang = tier9[b]
	case 7:
		lang = tier7[b]
	}
	switch {
	case cdnYears >= 2:
		cdn = cdn2[b]
	case cdnYears == 1:
		cdn = cdn1[b]
	}
	return lang, cdn
}

// additional returns the additional factors and section D. The French
// bonus does not depend on which language is first.
func (g *Grid) additional(x *Factors, nomination, sibling bool, english, french crsLang, cdnEdu assess.EducationLevel) int {
	ad := &g.Additional
	if nomination {
		x.ProvincialNomination = ad.Nomination
	}
	if sibling {
		x.Sibling = ad.Sibling
	}
	if french.ok && french.lowest() >= ad.FrenchMinNCLC {
		x.French = ad.FrenchWeakEnglish
		if english.ok && english.lowest() >= ad.EnglishMinCLB {
			x.French = ad.FrenchStrongEnglish
		}
	}
	switch {
	case cdnEdu >= assess.EducationThreeYear:
		x.CanadianEducation = ad.CanadianEducationLong
	case cdnEdu >= assess.EducationOneYear:
		x.CanadianEducation = ad.CanadianEducationShort
	}
	return min(g.MaxAdditional, x.ProvincialNomination+x.Sibling+x.French+x.CanadianEducation)
}

// spouseSection returns the spouse's factors and section B.
func (g *Grid) spouseSection(x *Factors, edu assess.EducationLevel, l crsLang, years int) int {
	x.SpouseEducation = g.SpouseEducation[edu.Index()]
	if l.ok {
		for _, c := range l.clb {
			x.SpouseLanguage += g.SpouseLanguage[langColumn(c)]
		}
	}
	x.SpouseCanadianWork = g.SpouseCanadianWork[min(years, len(g.SpouseCanadianWork)-1)]
	return min(g.MaxSpouse, x.SpouseEducation+x.SpouseLanguage+x.SpouseCanadianWork)
}

// factors scores f with first as the first official language.
func (g *Grid) factors(f *crsFacts, first, second crsLang) (x Factors, sec [4]int) {
	s := f.scale
	x.Age = g.AgePoints(f.age, s)
	x.Education = g.Education[f.edu.Index()][s]
	x.FirstLanguage, x.SecondLanguage = g.langFactors(first, second, s)
	x.CanadianWork = g.CanadianWork[min(f.cdnYears, len(g.CanadianWork)-1)][s]
	sec[SectionCore] = min(g.MaxCore[s], x.Age+x.Education+x.FirstLanguage+x.SecondLanguage+x.CanadianWork)
	if s == WithSpouse {
		sec[SectionSpouse] = g.spouseSection(&x, f.spouseEdu, f.spouseLang, f.spouseYears)
	}
	sec[SectionTransfer] = g.transfer(&x, f.edu, first.ok, first.lowest(), f.cdnYears, f.foreignYears, f.coq)
	sec[SectionAdditional] = g.additional(&x, f.nomination, f.sibling, f.english, f.french, f.cdnEdu)
	return x, sec
}

func total(sec [4]int) int { return sec[0] + sec[1] + sec[2] + sec[3] }

// score scores f with English first and with French first, and keeps the
// higher total (a tie keeps English). frenchFirst says which was kept.
func (g *Grid) score(f *crsFacts) (x Factors, sec [4]int, frenchFirst bool) {
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
	education   []assess.EducationLevel
	eca         []assess.ECAStatus
	cdnEdu      []assess.EducationLevel
	foreign     []int
	coq         []bool
	sibling     []bool
	spouseEdu   []assess.EducationLevel
	spouseECA   []assess.ECAStatus
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

// bound is a range of points.
type bound struct{ lo, hi int }

func emptyBound() bound { return bound{math.MaxInt, math.MinInt} }

func (b *bound) add(lo, hi int) {
	b.lo = min(b.lo, lo)
	b.hi = max(b.hi, hi)
}

func (b bound) width() int { return b.hi - b.lo }

// crsPass is one pass of rangeOf: the range of the total and of each
// section, and the ranges left once one blank input is known, bucketed by
// that input's value (what narrowFirst needs).
type crsPass struct {
	total bound
	sec   [4]bound
	// frenchFirst and englishFirst count the combinations scored with
	// French first and with English first.
	frenchFirst, englishFirst int
	// at is one set of facts giving the minimum.
	at crsFacts

	pairOf  [9][9]int // (counted, Canadian) education → pair index + 1
	pairs   [81]bound
	scale   [2]bound
	foreign [len(allYears)]bound
	coq     [2]bound
	sibling [2]bound
	// v is, per scale, the range of the total without age and section B;
	// age and spouse those two parts' own ranges.
	v, age, spouse [2]bound
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// langChoice is one choice of first official language on one scale.
type langChoice struct {
	first       crsLang
	l1, l2, low int
	french      bool
}

// rangeOf returns the exact range of the total over every combination of
// d's values. The first official language is chosen by total, which makes
// the inputs interact; but age enters only section A and the spouse's
// factors only section B, by addition, and the choice does not depend on
// them. So the enumeration runs over the other inputs (education, ECA,
// Canadian education, foreign work, certificate, sibling, scale), with
// the education triple reduced to the distinct (counted, Canadian) pairs
// it gives, and adds the age and spouse ranges to each combination. The
// core and spouse sections are sums that reach their maxima exactly
// (Grid.Validate), so their caps never bind here. The property test
// checks the result against exhaustive enumeration.
func (g *Grid) rangeOf(d *crsDomain, fx *crsFixed) *crsPass {
	r := &crsPass{total: emptyBound()}
	for i := range r.sec {
		r.sec[i] = emptyBound()
	}
	for i := range r.pairs {
		r.pairs[i] = emptyBound()
	}
	for i := range r.foreign {
		r.foreign[i] = emptyBound()
	}
	r.scale = [2]bound{emptyBound(), emptyBound()}
	r.coq, r.sibling, r.v, r.age, r.spouse = r.scale, r.scale, r.scale, r.scale, r.scale

	type pair struct{ counted, cdn assess.EducationLevel }
	var pairs [81]pair
	np := 0
	for _, e := range d.education {
		for _, k := range d.eca {
			for _, ce := range d.cdnEdu {
				counted := ce
				if k.Counts() && e > counted {
					counted = e
				}
				if r.pairOf[counted][ce] == 0 {
					pairs[np] = pair{counted, ce}
					np++
					r.pairOf[counted][ce] = np
				}
			}
		}
	}
	for _, s := range d.scales {
		ageAtLo := 0
		for _, a := range d.ages {
			p := g.AgePoints(a, s)
			if p < r.age[s].lo {
				ageAtLo = a
			}
			r.age[s].add(p, p)
		}
		spLo, spHi := g.spouseExtremes(d, fx)
		r.spouse[s] = bound{0, 0}
		if s == WithSpouse {
			var x Factors
			lo := g.spouseSection(&x, spLo.spouseEdu, fx.spouseLang, spLo.spouseYears)
			x = Factors{}
			r.spouse[s] = bound{lo, g.spouseSection(&x, spHi.spouseEdu, fx.spouseLang, spHi.spouseYears)}
		}
		choices := make([]langChoice, 0, 2)
		en, fr := fx.english[s], fx.french[s]
		if en.ok || !fr.ok {
			c := langChoice{first: en, low: en.lowest()}
			c.l1, c.l2 = g.langFactors(en, fr, s)
			choices = append(choices, c)
		}
		if fr.ok {
			c := langChoice{first: fr, low: fr.lowest(), french: true}
			c.l1, c.l2 = g.langFactors(fr, en, s)
			choices = append(choices, c)
		}
		cdnWork := g.CanadianWork[min(fx.cdnYears, len(g.CanadianWork)-1)][s]
		// Section C by choice, education band, foreign years and
		// certificate: a handful of values, looked up in the loop below.
		var cTable [2][3][len(allYears)][2]int
		for ci, ch := range choices {
			for band, lvl := range [3]assess.EducationLevel{assess.EducationNone, assess.EducationOneYear, assess.EducationTwoOrMore} {
				for _, fy := range d.foreign {
					for _, q := range d.coq {
						var x Factors
						cTable[ci][band][fy][b2i(q)] = g.transfer(&x, lvl, ch.first.ok, ch.low, fx.cdnYears, fy, q)
					}
				}
			}
		}
		for pi, p := range pairs[:np] {
			edu := g.Education[p.counted.Index()][s]
			band := educationBand(p.counted) + 1
			// Section D depends on the pair's Canadian credential and the
			// sibling only.
			var dBySib [2]int
			for _, sib := range d.sibling {
				var x Factors
				dBySib[b2i(sib)] = g.additional(&x, fx.nomination, sib, en, fr, p.cdn)
			}
			for _, fy := range d.foreign {
				for _, q := range d.coq {
					k, c, aRest, frenchFirst := math.MinInt, 0, 0, false
					for ci, ch := range choices {
						cc := cTable[ci][band][fy][b2i(q)]
						if a := edu + ch.l1 + ch.l2 + cdnWork; a+cc > k {
							k, c, aRest, frenchFirst = a+cc, cc, a, ch.french
						}
					}
					// The sibling changes section D only: its values are
					// bucketed one by one, the rest once for both.
					key := emptyBound()
					for _, sib := range d.sibling {
						dd := dBySib[b2i(sib)]
						v := k + dd
						lo, hi := v+r.age[s].lo+r.spouse[s].lo, v+r.age[s].hi+r.spouse[s].hi
						if lo < r.total.lo {
							r.at = crsFacts{scale: s, age: ageAtLo, edu: p.counted, cdnEdu: p.cdn, cdnYears: fx.cdnYears,
								foreignYears: fy, coq: q, sibling: sib, nomination: fx.nomination, english: en, french: fr,
								spouseEdu: spLo.spouseEdu, spouseLang: fx.spouseLang, spouseYears: spLo.spouseYears}
						}
						r.total.add(lo, hi)
						r.sec[SectionAdditional].add(dd, dd)
						r.v[s].add(v, v)
						r.sibling[b2i(sib)].add(lo, hi)
						key.add(lo, hi)
					}
					r.sec[SectionCore].add(aRest+r.age[s].lo, aRest+r.age[s].hi)
					r.sec[SectionTransfer].add(c, c)
					r.pairs[pi].add(key.lo, key.hi)
					r.scale[s].add(key.lo, key.hi)
					r.foreign[fy].add(key.lo, key.hi)
					r.coq[b2i(q)].add(key.lo, key.hi)
					if frenchFirst {
						r.frenchFirst += len(d.sibling)
					} else {
						r.englishFirst += len(d.sibling)
					}
				}
			}
		}
		r.sec[SectionSpouse].add(r.spouse[s].lo, r.spouse[s].hi)
	}
	return r
}

// totalRange is the range of the total alone, for the what-ifs and the
// changes. Given the scale and the education pair, the total never falls
// as foreign work, the certificate or the sibling goes up (each section
// C and D is a capped sum of points that rise with them, and the better of
// the two first-language choices rises with both), so the lowest total is
// at their lowest values and the highest at their highest: two
// combinations per pair instead of every one. The property test checks it
// against exhaustive enumeration.
func (g *Grid) totalRange(d *crsDomain, fx *crsFixed) bound {
	lo := *d
	lo.foreign, lo.coq, lo.sibling = d.foreign[:1], d.coq[:1], d.sibling[:1]
	hi := *d
	hi.foreign, hi.coq, hi.sibling = d.foreign[len(d.foreign)-1:], d.coq[len(d.coq)-1:], d.sibling[len(d.sibling)-1:]
	return bound{g.rangeOf(&lo, fx).total.lo, g.rangeOf(&hi, fx).total.hi}
}

// spouseExtremes returns the spouse's facts at the fewest and the most
// section B points over d (education uncounted without an ECA).
func (g *Grid) spouseExtremes(d *crsDomain, fx *crsFixed) (lo, hi crsFacts) {
	lo.spouseEdu, hi.spouseEdu = assess.EducationNone, assess.EducationNone
	loPts, hiPts := math.MaxInt, math.MinInt
	for _, e := range d.spouseEdu {
		for _, k := range d.spouseECA {
			c := assess.EducationNone
			if k.Counts() {
				c = e
			}
			p := g.SpouseEducation[c.Index()]
			if p < loPts {
				lo.spouseEdu, loPts = c, p
			}
			if p > hiPts {
				hi.spouseEdu, hiPts = c, p
			}
		}
	}
	loPts, hiPts = math.MaxInt, math.MinInt
	for _, y := range d.spouseYears {
		p := g.SpouseCanadianWork[min(y, len(g.SpouseCanadianWork)-1)]
		if p < loPts {
			lo.spouseYears, loPts = y, p
		}
		if p > hiPts {
			hi.spouseYears, hiPts = y, p
		}
	}
	return lo, hi
}

// narrowFirst returns the unknown u with the smallest W(u), the widest
// range left once u is known, over u's values; ties go to the earlier
// column. It reads the buckets of one pass of rangeOf over d.
func (g *Grid) narrowFirst(d crsDomain, fx *crsFixed, r *crsPass, unknowns []Unknown) (*Unknown, int) {
	var best *Unknown
	bestW := 0
	// separable combines the per-scale parts with age points ap (or the
	// age range when ap < 0) and spouse range sp for the spouse scale.
	separable := func(ap int, sp bound) int {
		b := emptyBound()
		for _, s := range d.scales {
			a := r.age[s]
			if ap >= 0 {
				a = bound{g.AgePoints(ap, s), g.AgePoints(ap, s)}
			}
			spb := r.spouse[s]
			if s == WithSpouse && sp.lo != math.MaxInt {
				spb = sp
			}
			b.add(r.v[s].lo+a.lo+spb.lo, r.v[s].hi+a.hi+spb.hi)
		}
		return b.width()
	}
	education := func(match func(e assess.EducationLevel, k assess.ECAStatus, ce assess.EducationLevel) bool) int {
		b := emptyBound()
		for _, e := range d.education {
			for _, k := range d.eca {
				for _, ce := range d.cdnEdu {
					if !match(e, k, ce) {
						continue
					}
					counted := ce
					if k.Counts() && e > counted {
						counted = e
					}
					p := r.pairs[r.pairOf[counted][ce]-1]
					b.add(p.lo, p.hi)
				}
			}
		}
		return b.width()
	}
	for i := range unknowns {
		u := &unknowns[i]
		w := 0
		switch u.Field {
		case assess.FieldDateOfBirth:
			for _, a := range d.ages {
				w = max(w, separable(a, emptyBound()))
			}
		case assess.FieldEducation:
			for _, v := range d.education {
				w = max(w, education(func(e assess.EducationLevel, _ assess.ECAStatus, _ assess.EducationLevel) bool { return e == v }))
			}
		case assess.FieldECA:
			for _, v := range d.eca {
				w = max(w, education(func(_ assess.EducationLevel, k assess.ECAStatus, _ assess.EducationLevel) bool { return k == v }))
			}
		case assess.FieldCanadianEducation:
			for _, v := range d.cdnEdu {
				w = max(w, education(func(_ assess.EducationLevel, _ assess.ECAStatus, ce assess.EducationLevel) bool { return ce == v }))
			}
		case assess.FieldForeignWork:
			for _, v := range d.foreign {
				w = max(w, r.foreign[v].width())
			}
		case assess.FieldCertificate:
			for _, v := range d.coq {
				w = max(w, r.coq[b2i(v)].width())
			}
		case assess.FieldSibling:
			for _, v := range d.sibling {
				w = max(w, r.sibling[b2i(v)].width())
			}
		case assess.FieldSpouseAccompanying:
			for _, s := range d.scales {
				w = max(w, r.scale[s].width())
			}
		case assess.FieldSpouseEducation, assess.FieldSpouseECA, assess.FieldSpouseCanadianWork:
			for v := 0; ; v++ {
				dv, n := d.fixIn(u.Field, v)
				if v >= n {
					break
				}
				lo, hi := g.spouseExtremes(&dv, fx)
				var x Factors
				bl := g.spouseSection(&x, lo.spouseEdu, fx.spouseLang, lo.spouseYears)
				x = Factors{}
				bh := g.spouseSection(&x, hi.spouseEdu, fx.spouseLang, hi.spouseYears)
				w = max(w, separable(-1, bound{bl, bh}))
			}
		}
		if best == nil || w < bestW {
			best, bestW = u, w
		}
	}
	return best, bestW
}
