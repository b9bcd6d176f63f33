package ingest

import (
	"strings"
	"testing"
)

// TestReadLocation reads the Location column by W-CANADA: every class of
// place, in any case and with or without accents.
func TestReadLocation(t *testing.T) {
	const canada, abroad, problem, doubt = "Canada", "abroad", "problem", "Canada, with a doubt"
	cases := []struct {
		in    string
		want  string
		words []string // for a problem: the message must contain each
	}{
		// blank and Canada
		{"", canada, nil},
		{" \u00a0", canada, nil},
		{"Canada", canada, nil},
		{"CANADA", canada, nil},
		{"CAN", canada, nil},
		// provinces and territories, by name or code, any case or accents
		{"ON", canada, nil},
		{"on", canada, nil},
		{"Québec", canada, nil},
		{"QUEBEC", canada, nil},
		{"Île-du-Prince-Édouard", canada, nil},
		{"Newfoundland and Labrador", canada, nil},
		{"NL", canada, nil}, // also the Netherlands' code: the province wins
		{"PE", canada, nil}, // also Peru's
		{"SK", canada, nil}, // also Slovakia's
		{"yt", canada, nil}, // also Mayotte's
		// cities: CMAs, CAs, capitals, big municipalities
		{"Toronto", canada, nil},
		{"montreal", canada, nil},
		{"Montréal", canada, nil},
		{"Trois-Rivieres", canada, nil},
		{"TROIS RIVIÈRES", canada, nil},
		{"St. John's", canada, nil},
		{"Saint John", canada, nil},
		{"Sault Ste. Marie", canada, nil},
		{"Kitchener", canada, nil},
		{"Gatineau", canada, nil},
		{"Iqaluit", canada, nil},
		{"Yellowknife", canada, nil},
		{"Fort McMurray", canada, nil},
		{"Mississauga", canada, nil},
		{"Sept-Îles", canada, nil},
		{"Val-d'Or", canada, nil},
		{"Quebec City", canada, nil},
		{"Kitchener-Waterloo", canada, nil},
		{"Rouyn Noranda", canada, nil},
		// a place with its province or country
		{"Toronto, ON", canada, nil},
		{"Montréal, Québec, Canada", canada, nil},
		{"Gimli, MB", canada, nil},
		{"Vancouver BC", canada, nil},
		{"Toronto Ontario", canada, nil},
		{"London, ON", canada, nil},
		{"Remote (Canada)", canada, nil},
		{"Ottawa/Gatineau", canada, nil},
		{"Kitchener / Guelph", canada, nil},
		{"Kitchener / Waterloo", doubt, nil},
		{"Vancouver, Washington", abroad, nil}, // Vancouver, WA: the state decides
		{"Kingston, Jamaica", abroad, nil},
		{"Toronto / Seattle, WA", problem, []string{"both in Canada and abroad", "its own row"}},
		{"Toronto; Remote", problem, []string{"not a place"}},
		{"N/A", problem, []string{"not a place"}},
		{"/", problem, []string{"not a place"}},
		{"London, UK", abroad, nil},
		{"Paris, France", abroad, nil},
		{"Manila Philippines", abroad, nil},
		{"Seattle, WA", abroad, nil},
		{"Los Angeles, California", abroad, nil},
		// countries: CLDR names, common forms, ISO codes
		{"USA", abroad, nil},
		{"United States", abroad, nil},
		{"U.S.A.", abroad, nil},
		{"UK", abroad, nil},
		{"United Kingdom", abroad, nil},
		{"England", abroad, nil},
		{"Philippines", abroad, nil},
		{"india", abroad, nil},
		{"INDIA", abroad, nil},
		{"Poland", abroad, nil},
		{"Côte d’Ivoire", abroad, nil},
		{"Cote d'Ivoire", abroad, nil},
		{"Bosnia and Herzegovina", abroad, nil},
		{"Myanmar", abroad, nil},
		{"Hong Kong", abroad, nil},
		{"South Korea", abroad, nil},
		{"Vietnam", abroad, nil},
		{"Mexique", abroad, nil}, // French
		{"IN", abroad, nil},
		{"PH", abroad, nil},
		{"IND", abroad, nil},
		{"PHL", abroad, nil},
		{"GBR", abroad, nil},
		{"DE", abroad, nil},
		// neither: a problem asking for the province code
		{"Remote", problem, []string{`"Remote"`, "not a place", "province or territory code"}},
		{"Work from home in", problem, []string{"not a place"}},
		{"Toronot", problem, []string{`Did you mean "Toronto"?`}},
		{"Mississagua", problem, []string{`Did you mean "Mississauga"?`}},
		{"Phillipines", problem, []string{`Did you mean "Philippines"?`}},
		{"Sasketchewan", problem, []string{`Did you mean "Saskatchewan"?`}},
		{"Springfield", problem, []string{"not a place"}},
		{"CA", problem, []string{"Canada or California", "province code"}},
		{"London, CA", problem, []string{"Canada or California"}},
		// The 13 names of places in Canada and abroad: Canada, with a
		// doubt, unless a province or a country settles it.
		{"Cambridge", doubt, nil}, {"Cornwall", doubt, nil}, {"Halifax", doubt, nil}, {"Hamilton", doubt, nil},
		{"Kingston", doubt, nil}, {"London", doubt, nil}, {"Peterborough", doubt, nil}, {"Richmond", doubt, nil},
		{"Surrey", doubt, nil}, {"Sydney", doubt, nil}, {"Victoria", doubt, nil}, {"Waterloo", doubt, nil}, {"Windsor", doubt, nil},
		{" LONDON ", doubt, nil}, {"halifax", doubt, nil},
		{"Halifax, NS", canada, nil}, {"London ON", canada, nil}, {"Victoria, BC, Canada", canada, nil}, {"Sydney (Nova Scotia)", canada, nil},
		{"Kingston, Jamaica", abroad, nil}, {"London, UK", abroad, nil}, {"Sydney, Australia", abroad, nil}, {"Windsor, England", abroad, nil},
		{"Richmond, VA", abroad, nil}, {"Hamilton, New Zealand", abroad, nil},
		// Only these names: a Canadian place that is not one of them is
		// Canada without a doubt, and a misspelt one is no place.
		{"Toronto", canada, nil}, {"Richmond Hill", canada, nil},
		{"Londn", problem, []string{`Did you mean "London"?`}},
	}
	for _, tc := range cases {
		in, doubtful, err := readLocation(tc.in)
		got := abroad
		switch {
		case err != nil:
			got = problem
		case in && doubtful:
			got = doubt
		case in:
			got = canada
		case doubtful:
			t.Errorf("readLocation(%q): a doubt on a place abroad", tc.in)
		}
		if got != tc.want {
			t.Errorf("readLocation(%q) = %s (%v), want %s", tc.in, got, err, tc.want)
			continue
		}
		for _, w := range tc.words {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("readLocation(%q): %q lacks %q", tc.in, err, w)
			}
		}
	}
	// A place nowhere near a known one gets no suggestion.
	if _, _, err := readLocation("Remote"); err == nil || strings.Contains(err.Error(), "Did you mean") {
		t.Errorf("readLocation(Remote) = %v, want no suggestion", err)
	}
}

// The place list is Statistics Canada's: every CMA of the 2021 Census and
// at least the ~110 CAs, each read as in Canada; no Canadian place is also
// read as a country unless it is listed as ambiguous.
func TestCanadianPlaces(t *testing.T) {
	if n := len(censusMetropolitanAreas); n != 41 {
		t.Errorf("%d CMAs, want the 41 of the 2021 Census", n)
	}
	if n := len(censusAgglomerations); n < 111 {
		t.Errorf("%d CAs, want at least the 111 of the 2021 Census", n)
	}
	ambiguous := map[string]bool{}
	for _, name := range ambiguousPlaces {
		ambiguous[fold(name)] = true
	}
	for _, p := range canadianPlaces {
		if _, ok := provinceCode(p.province); !ok {
			t.Errorf("%s: province %q unknown", p.name, p.province)
		}
		for _, n := range placeSpellings(p.name) {
			want := placeCanada
			if ambiguous[fold(n)] {
				want = placeDoubtful
			}
			if got := places[fold(n)]; got != want {
				t.Errorf("%q (%s) is read as %v, want %v", n, p.name, got, want)
			}
			if in, doubt, err := readLocation(n + ", " + p.province); err != nil || !in || doubt {
				t.Errorf("readLocation(%q) = %v, %v", n+", "+p.province, in, err)
			}
		}
	}
	// No country shadows a Canadian place silently: a country name that
	// is also a Canadian place must be in ambiguousPlaces.
	canadian := map[string]string{}
	for _, p := range canadianPlaces {
		for _, n := range placeSpellings(p.name) {
			canadian[fold(n)] = p.name
		}
	}
	for _, r := range countryRegions() {
		for _, name := range countrySpellings(displayName(r)) {
			if p, clash := canadian[fold(name)]; clash && !ambiguous[fold(name)] {
				t.Errorf("the country %q is also the Canadian place %q", name, p)
			}
		}
	}
	// Every country of ISO 3166 that x/text names is read as abroad by its
	// English name and its codes, Canada excepted.
	for _, r := range countryRegions() {
		name := displayName(r)
		for _, s := range []string{name, r.String(), r.ISO3()} {
			if s == "ZZZ" || places[fold(s)] == placeCanada {
				continue // the provinces' codes win (NL, PE, SK, NU, YT)
			}
			if in, _, err := readLocation(s); err != nil || in {
				t.Errorf("readLocation(%q) (%s) = %v, %v; want abroad", s, name, in, err)
			}
		}
	}
}

// FuzzReadLocation: any Location cell reads as in Canada, abroad, or a
// problem that quotes it and asks for the province code; never a panic.
// A province code written after any place decides it is in Canada.
func FuzzReadLocation(f *testing.F) {
	for _, s := range []string{"", "Toronto, ON", "Remote", "London", "CA", "Vancouver BC", "Manila Philippines", "Paris, France",
		"Montréal, Québec, Canada", "Toronot", "work from home in", "(", ",,,", "Sept-Îles", "\u00a0ON\u00a0", "St. John's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, doubt, err := readLocation(s)
		if doubt && (!in || err != nil) {
			t.Fatalf("readLocation(%q): a doubt on a place that is not read as in Canada", s)
		}
		if err != nil {
			if in {
				t.Fatalf("readLocation(%q) is both in Canada and a problem", s)
			}
			if !strings.Contains(err.Error(), "province") {
				t.Fatalf("readLocation(%q): %q does not ask for the province", s, err)
			}
			return
		}
		if strings.ContainsAny(s, ",;/()") {
			return // the last part decides, which may be anything
		}
		if in2, doubt2, err2 := readLocation(s + ", ON"); err2 != nil || !in2 || doubt2 {
			t.Fatalf("readLocation(%q) = %v, %v, %v; the province after it must decide", s+", ON", in2, doubt2, err2)
		}
	})
}

// BenchmarkReadLocation: a known place is a map lookup; an unknown one
// also searches every place for the "did you mean", which a sheet of
// 100,000 "Remote" cells must still afford.
func BenchmarkReadLocation(b *testing.B) {
	for _, in := range []string{"ON", "Toronto, ON", "Remote", "Toronot"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				readLocation(in)
			}
		})
	}
}
