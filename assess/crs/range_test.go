package crs

import (
	"math/rand/v2"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

// The range is the min–max of the total over every combination of the
// blank inputs' values. rangeOf prunes (it enumerates the inputs that
// interact and adds age and the spouse's factors as ranges); here every
// combination is scored, one by one, and the two must agree on the total,
// on every section, and on what to ask first.

type bruteResult struct {
	min, max int
	sec      [4][2]int
}

func bruteRange(g *Grid, d *crsDomain, fx *crsFixed) bruteResult {
	r := bruteResult{min: 1 << 30, max: -1}
	for i := range r.sec {
		r.sec[i] = [2]int{1 << 30, -1}
	}
	for _, s := range d.scales {
		for _, a := range d.ages {
			for _, e := range d.education {
				for _, k := range d.eca {
					for _, ce := range d.cdnEdu {
						counted := ce
						if (k == assess.ECAYes || k == assess.ECACanadian) && e > ce {
							counted = e
						}
						for _, fy := range d.foreign {
							for _, q := range d.coq {
								for _, sib := range d.sibling {
									for _, se := range d.spouseEdu {
										for _, sk := range d.spouseECA {
											spc := assess.EducationNone
											if sk == assess.ECAYes || sk == assess.ECACanadian {
												spc = se
											}
											for _, sy := range d.spouseYears {
												f := crsFacts{scale: s, age: a, edu: counted, cdnEdu: ce, cdnYears: fx.cdnYears,
													foreignYears: fy, coq: q, sibling: sib, nomination: fx.nomination,
													english: fx.english[s], french: fx.french[s],
													spouseEdu: spc, spouseLang: fx.spouseLang, spouseYears: sy}
												_, sec, _ := g.score(&f)
												tot := total(sec)
												r.min, r.max = min(r.min, tot), max(r.max, tot)
												for i := range sec {
													r.sec[i] = [2]int{min(r.sec[i][0], sec[i]), max(r.sec[i][1], sec[i])}
												}
											}
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	return r
}

func domainSize(d *crsDomain) int {
	return len(d.scales) * len(d.ages) * len(d.education) * len(d.eca) * len(d.cdnEdu) * len(d.foreign) *
		len(d.coq) * len(d.sibling) * len(d.spouseEdu) * len(d.spouseECA) * len(d.spouseYears)
}

// randomDomain leaves each input blank with probability 1/3, else picks a value.
func randomDomain(rng *rand.Rand, g *Grid) (crsDomain, []Unknown) {
	var d crsDomain
	var unknowns []Unknown
	blank := func(field string) bool {
		if rng.IntN(3) == 0 {
			for _, u := range crsColumns {
				if u.Field == field {
					unknowns = append(unknowns, u)
				}
			}
			return true
		}
		return false
	}
	d.ages = choose(rng, blank(assess.FieldDateOfBirth), allAges[g.MinAge:g.MaxAge()+1])
	d.education = choose(rng, blank(assess.FieldEducation), assess.EducationLevels[:])
	d.eca = choose(rng, blank(assess.FieldECA), assess.ECAStatuses[:])
	d.cdnEdu = choose(rng, blank(assess.FieldCanadianEducation), assess.CanadianEducationLevels[:])
	d.foreign = choose(rng, blank(assess.FieldForeignWork), allYears[:4])
	d.coq = choose(rng, blank(assess.FieldCertificate), allBools[:])
	d.sibling = choose(rng, blank(assess.FieldSibling), allBools[:])
	d.scales = choose(rng, blank(assess.FieldSpouseAccompanying), allScales[:])
	// Spouse fields are unknowns only while the spouse may come.
	spouse := len(d.scales) == 2 || d.scales[0] == WithSpouse
	d.spouseEdu = choose(rng, spouse && blank(assess.FieldSpouseEducation), assess.EducationLevels[:])
	d.spouseECA = choose(rng, spouse && blank(assess.FieldSpouseECA), assess.ECAStatuses[:])
	d.spouseYears = choose(rng, spouse && blank(assess.FieldSpouseCanadianWork), allYears[:6])
	return d, unknowns
}

// choose is all of a domain for a blank input, else one value of it.
func choose[T any](rng *rand.Rand, blank bool, all []T) []T {
	if blank {
		return all
	}
	i := rng.IntN(len(all))
	return all[i : i+1]
}

func randomLang(rng *rand.Rand) crsLang {
	if rng.IntN(3) == 0 {
		return crsLang{}
	}
	l := crsLang{ok: true}
	base := 3 + rng.IntN(8)
	for a := range l.clb {
		l.clb[a] = min(10, max(0, base+rng.IntN(3)-1))
		if l.clb[a] < 4 {
			l.clb[a] = 0
		}
	}
	return l
}

func TestCRSRangeEqualsEnumeration(t *testing.T) {
	g := BuiltinGrid()
	rng := rand.New(rand.NewPCG(11, 2026))
	checked, narrowed := 0, 0
	for checked < 400 {
		d, unknowns := randomDomain(rng, g)
		if domainSize(&d) > 20000 {
			continue
		}
		var fx crsFixed
		for _, s := range allScales {
			fx.english[s], fx.french[s] = randomLang(rng), randomLang(rng)
		}
		fx.spouseLang = randomLang(rng)
		fx.cdnYears = rng.IntN(7)
		fx.nomination = rng.IntN(8) == 0
		checked++

		got := g.rangeOf(&d, &fx)
		want := bruteRange(g, &d, &fx)
		var sec [4][2]int
		for i, b := range got.sec {
			sec[i] = [2]int{b.lo, b.hi}
		}
		if got.total.lo != want.min || got.total.hi != want.max || sec != want.sec {
			t.Fatalf("domain %+v fixed %+v:\nrangeOf   %d–%d %v\nenumerated %d–%d %v", d, fx, got.total.lo, got.total.hi, sec, want.min, want.max, want.sec)
		}
		if tr := g.totalRange(&d, &fx); tr.lo != want.min || tr.hi != want.max {
			t.Fatalf("domain %+v fixed %+v: totalRange %d–%d, enumerated %d–%d", d, fx, tr.lo, tr.hi, want.min, want.max)
		}
		// The facts rangeOf reports for the minimum give the minimum.
		at := got.at
		if _, sec, _ := g.score(&at); total(sec) != got.total.lo {
			t.Fatalf("the minimum's facts score %d, not %d", total(sec), got.total.lo)
		}
		if got.total.width() == 0 || len(unknowns) == 0 {
			continue
		}
		// Narrow first: the unknown whose worst-case remaining width is
		// smallest, the earlier column on a tie.
		narrowed++
		bestCol, bestW := "", 1<<30
		for _, u := range unknowns {
			w := 0
			for v := 0; ; v++ {
				dv, n := d.fixIn(u.Field, v)
				if v >= n {
					break
				}
				r := bruteRange(g, &dv, &fx)
				w = max(w, r.max-r.min)
			}
			if w < bestW {
				bestCol, bestW = u.Column, w
			}
		}
		u, w := g.narrowFirst(d, &fx, got, unknowns)
		if u == nil || u.Column != bestCol || w != bestW {
			t.Fatalf("domain %+v: narrow first %v (%d), want %s (%d)", d, u, w, bestCol, bestW)
		}
	}
	if narrowed < 100 {
		t.Fatalf("only %d cases with a range: the generator is too narrow", narrowed)
	}
}
