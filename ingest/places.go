package ingest

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// This file reads the Employment sheet's Location column (W-CANADA): work
// in Canada counts, work abroad does not, and a place cecbatch cannot
// place is a problem on its cell, never silently "abroad". A bare name of
// a Canadian city that is also a well-known place abroad ("Halifax") is
// read as in Canada with a doubt (Job.PlaceDoubt), which the engine raises
// as W-PLACE-VERIFY; its province or country after it settles it.

// A Canadian place, with the province or territory it is in.
type canadianPlace struct{ name, province string }

// canadianPlaces are the places a Location may name for work in Canada.
//
// Source: Statistics Canada, 2021 Census of Population, "Census
// metropolitan areas (CMA) and census agglomerations (CA)" of the Standard
// Geographical Classification 2021: every CMA (41) and CA, each by the
// name Statistics Canada gives it and, where that name joins several
// municipalities ("Kitchener - Cambridge - Waterloo"), by each of them;
// the provincial and territorial capitals and the federal capital; and the
// largest municipalities inside the big CMAs, which people write instead
// of the CMA's name (Mississauga, Surrey, Laval). A town that is none of
// these is written with its province ("Gimli, MB"), which the reader also
// understands.
var canadianPlaces = concatPlaces(censusMetropolitanAreas, censusAgglomerations, capitalsAndMunicipalities)

// censusMetropolitanAreas are the 41 CMAs of the 2021 Census.
var censusMetropolitanAreas = []canadianPlace{
	{"St. John's", "NL"}, {"Halifax", "NS"}, {"Moncton", "NB"}, {"Saint John", "NB"}, {"Fredericton", "NB"},
	{"Saguenay", "QC"}, {"Québec", "QC"}, {"Sherbrooke", "QC"}, {"Trois-Rivières", "QC"}, {"Drummondville", "QC"},
	{"Montréal", "QC"}, {"Ottawa - Gatineau", "ON"}, {"Kingston", "ON"}, {"Belleville - Quinte West", "ON"},
	{"Peterborough", "ON"}, {"Oshawa", "ON"}, {"Toronto", "ON"}, {"Hamilton", "ON"}, {"St. Catharines - Niagara", "ON"},
	{"Kitchener - Cambridge - Waterloo", "ON"}, {"Brantford", "ON"}, {"Guelph", "ON"}, {"London", "ON"},
	{"Windsor", "ON"}, {"Barrie", "ON"}, {"Greater Sudbury", "ON"}, {"Thunder Bay", "ON"}, {"Winnipeg", "MB"},
	{"Regina", "SK"}, {"Saskatoon", "SK"}, {"Lethbridge", "AB"}, {"Calgary", "AB"}, {"Red Deer", "AB"},
	{"Edmonton", "AB"}, {"Kelowna", "BC"}, {"Kamloops", "BC"}, {"Chilliwack", "BC"}, {"Abbotsford - Mission", "BC"},
	{"Vancouver", "BC"}, {"Victoria", "BC"}, {"Nanaimo", "BC"},
}

// censusAgglomerations are the CAs of the 2021 Census, with a few other
// towns of the same size that are not CAs in 2021 (former CAs such as
// Labrador City, resort towns such as Banff and Whistler): every name here
// is a Canadian municipality, so an extra one can only read a town that is
// in Canada as in Canada.
var censusAgglomerations = []canadianPlace{
	// Newfoundland and Labrador
	{"Bay Roberts", "NL"}, {"Grand Falls-Windsor", "NL"}, {"Corner Brook", "NL"}, {"Gander", "NL"},
	{"Labrador City", "NL"}, {"Happy Valley-Goose Bay", "NL"},
	// Prince Edward Island
	{"Charlottetown", "PE"}, {"Summerside", "PE"},
	// Nova Scotia
	{"Truro", "NS"}, {"New Glasgow", "NS"}, {"Cape Breton", "NS"}, {"Sydney", "NS"}, {"Kentville", "NS"},
	{"Amherst", "NS"}, {"Bridgewater", "NS"},
	// New Brunswick
	{"Bathurst", "NB"}, {"Miramichi", "NB"}, {"Campbellton", "NB"}, {"Edmundston", "NB"},
	// Quebec
	{"Matane", "QC"}, {"Rimouski", "QC"}, {"Rivière-du-Loup", "QC"}, {"Baie-Comeau", "QC"}, {"Sept-Îles", "QC"},
	{"Saint-Georges", "QC"}, {"Thetford Mines", "QC"}, {"Sainte-Marie", "QC"}, {"Victoriaville", "QC"},
	{"Cowansville", "QC"}, {"Granby", "QC"}, {"Saint-Hyacinthe", "QC"}, {"Sorel-Tracy", "QC"}, {"Joliette", "QC"},
	{"Saint-Jean-sur-Richelieu", "QC"}, {"Salaberry-de-Valleyfield", "QC"}, {"Lachute", "QC"},
	{"Sainte-Agathe-des-Monts", "QC"}, {"Saint-Lin--Laurentides", "QC"}, {"Mont-Laurier", "QC"}, {"Shawinigan", "QC"},
	{"La Tuque", "QC"}, {"Alma", "QC"}, {"Dolbeau-Mistassini", "QC"}, {"Roberval", "QC"}, {"Saint-Félicien", "QC"},
	{"Rouyn-Noranda", "QC"}, {"Val-d'Or", "QC"}, {"Amos", "QC"}, {"Gaspé", "QC"}, {"Magog", "QC"}, {"Montmagny", "QC"},
	{"Sainte-Adèle", "QC"}, {"Saint-Sauveur", "QC"},
	// Ontario
	{"Hawkesbury", "ON"}, {"Cornwall", "ON"}, {"Brockville", "ON"}, {"Pembroke", "ON"}, {"Petawawa", "ON"},
	{"Arnprior", "ON"}, {"Carleton Place", "ON"}, {"Cobourg", "ON"}, {"Port Hope", "ON"}, {"Kawartha Lakes", "ON"},
	{"Centre Wellington", "ON"}, {"Ingersoll", "ON"}, {"Woodstock", "ON"}, {"Tillsonburg", "ON"}, {"Norfolk", "ON"},
	{"Stratford", "ON"}, {"Sarnia", "ON"}, {"Chatham-Kent", "ON"}, {"Leamington", "ON"}, {"Wasaga Beach", "ON"},
	{"Collingwood", "ON"}, {"Orillia", "ON"}, {"Midland", "ON"}, {"Owen Sound", "ON"}, {"Kenora", "ON"},
	{"Timmins", "ON"}, {"North Bay", "ON"}, {"Sault Ste. Marie", "ON"}, {"Elliot Lake", "ON"},
	{"Temiskaming Shores", "ON"}, {"Strathroy-Caradoc", "ON"}, {"Huntsville", "ON"}, {"Bracebridge", "ON"},
	{"Gravenhurst", "ON"}, {"Erin", "ON"}, {"Lakeshore", "ON"},
	// Manitoba
	{"Brandon", "MB"}, {"Portage la Prairie", "MB"}, {"Thompson", "MB"}, {"Steinbach", "MB"}, {"Winkler", "MB"},
	{"Selkirk", "MB"},
	// Saskatchewan
	{"Moose Jaw", "SK"}, {"Prince Albert", "SK"}, {"Swift Current", "SK"}, {"Yorkton", "SK"},
	{"North Battleford", "SK"}, {"Estevan", "SK"}, {"Weyburn", "SK"}, {"Lloydminster", "SK"},
	// Alberta
	{"Medicine Hat", "AB"}, {"Grande Prairie", "AB"}, {"Wood Buffalo", "AB"}, {"Fort McMurray", "AB"},
	{"Cold Lake", "AB"}, {"Brooks", "AB"}, {"Camrose", "AB"}, {"Lacombe", "AB"}, {"Okotoks", "AB"},
	{"High River", "AB"}, {"Strathmore", "AB"}, {"Canmore", "AB"}, {"Sylvan Lake", "AB"}, {"Wetaskiwin", "AB"},
	{"Whitecourt", "AB"}, {"Hinton", "AB"}, {"Edson", "AB"}, {"Banff", "AB"},
	// British Columbia
	{"Nelson", "BC"}, {"Penticton", "BC"}, {"Vernon", "BC"}, {"Salmon Arm", "BC"}, {"Cranbrook", "BC"},
	{"Prince George", "BC"}, {"Prince Rupert", "BC"}, {"Terrace", "BC"}, {"Kitimat", "BC"}, {"Fort St. John", "BC"},
	{"Dawson Creek", "BC"}, {"Williams Lake", "BC"}, {"Quesnel", "BC"}, {"Campbell River", "BC"},
	{"Courtenay", "BC"}, {"Port Alberni", "BC"}, {"Duncan", "BC"}, {"Parksville", "BC"}, {"Powell River", "BC"},
	{"Squamish", "BC"}, {"Ladysmith", "BC"}, {"Summerland", "BC"}, {"Whistler", "BC"},
}

// capitalsAndMunicipalities are the capitals, and the large municipalities
// of the CMAs that people name instead of the CMA.
var capitalsAndMunicipalities = []canadianPlace{
	{"Ottawa", "ON"}, {"Gatineau", "QC"}, {"Whitehorse", "YT"}, {"Yellowknife", "NT"}, {"Iqaluit", "NU"},
	{"Quebec City", "QC"}, {"Ville de Québec", "QC"}, {"National Capital Region", "ON"}, {"Greater Montréal", "QC"},
	{"Greater Vancouver", "BC"}, {"Kitchener-Waterloo", "ON"}, {"Niagara", "ON"},
	// Toronto, Oshawa, Hamilton and the Golden Horseshoe
	{"Greater Toronto Area", "ON"}, {"GTA", "ON"}, {"Mississauga", "ON"}, {"Brampton", "ON"}, {"Markham", "ON"},
	{"Vaughan", "ON"}, {"Richmond Hill", "ON"}, {"Oakville", "ON"}, {"Burlington", "ON"}, {"Milton", "ON"},
	{"Pickering", "ON"}, {"Ajax", "ON"}, {"Whitby", "ON"}, {"Newmarket", "ON"}, {"Aurora", "ON"},
	{"Scarborough", "ON"}, {"Etobicoke", "ON"}, {"North York", "ON"}, {"Caledon", "ON"}, {"Halton Hills", "ON"},
	{"St. Catharines", "ON"}, {"Niagara Falls", "ON"}, {"Welland", "ON"}, {"Kitchener", "ON"}, {"Cambridge", "ON"},
	{"Waterloo", "ON"}, {"Sudbury", "ON"}, {"Belleville", "ON"}, {"Quinte West", "ON"}, {"Kanata", "ON"},
	// Montréal and Québec
	{"Laval", "QC"}, {"Longueuil", "QC"}, {"Terrebonne", "QC"}, {"Brossard", "QC"}, {"Repentigny", "QC"},
	{"Saint-Jérôme", "QC"}, {"Blainville", "QC"}, {"Mirabel", "QC"}, {"Lévis", "QC"}, {"Chicoutimi", "QC"},
	{"Dorval", "QC"}, {"Pointe-Claire", "QC"}, {"Vaudreuil-Dorion", "QC"}, {"Châteauguay", "QC"},
	// Vancouver, Victoria and the Fraser Valley
	{"Metro Vancouver", "BC"}, {"Lower Mainland", "BC"}, {"Surrey", "BC"}, {"Burnaby", "BC"}, {"Richmond", "BC"},
	{"Coquitlam", "BC"}, {"Port Coquitlam", "BC"}, {"Langley", "BC"}, {"Delta", "BC"}, {"New Westminster", "BC"},
	{"North Vancouver", "BC"}, {"West Vancouver", "BC"}, {"Maple Ridge", "BC"}, {"White Rock", "BC"},
	{"Abbotsford", "BC"}, {"Mission", "BC"}, {"Saanich", "BC"}, {"Langford", "BC"}, {"West Kelowna", "BC"},
	// Calgary and Edmonton
	{"Airdrie", "AB"}, {"Cochrane", "AB"}, {"Chestermere", "AB"}, {"St. Albert", "AB"}, {"Sherwood Park", "AB"},
	{"Strathcona County", "AB"}, {"Spruce Grove", "AB"}, {"Leduc", "AB"}, {"Fort Saskatchewan", "AB"},
	// Halifax and Moncton
	{"Dartmouth", "NS"}, {"Dieppe", "NB"}, {"Riverview", "NB"}, {"Mount Pearl", "NL"}, {"Conception Bay South", "NL"},
}

// ambiguousPlaces are Canadian places that share their name with a place
// abroad where a client may well have worked (exactly the 13 of the rule
// book's W-CANADA): the bare name does not say which. It is read as in
// Canada, the name on an intake of a Canadian firm, with a doubt: whether
// the work counts then turns on it, and the lawyer confirms it.
var ambiguousPlaces = []string{
	"London",       // England
	"Cambridge",    // England, Massachusetts
	"Windsor",      // England
	"Kingston",     // Jamaica
	"Victoria",     // Australia, Seychelles
	"Hamilton",     // Bermuda, New Zealand
	"Richmond",     // Virginia, London
	"Sydney",       // Australia
	"Peterborough", // England
	"Waterloo",     // Belgium
	"Surrey",       // England
	"Halifax",      // England
	"Cornwall",     // England
}

// usStates are read as abroad, like their country: an address abroad is
// often written with its state ("Seattle, WA"). California's "CA" is also
// Canada's ISO code, so it is read as neither (see buildPlaces).
var usStates = []string{
	"AL", "Alabama", "AK", "Alaska", "AZ", "Arizona", "AR", "Arkansas", "California", "CO", "Colorado",
	"CT", "Connecticut", "DE", "Delaware", "DC", "District of Columbia", "FL", "Florida", "GA", "HI", "Hawaii",
	"ID", "Idaho", "IL", "Illinois", "IN", "Indiana", "IA", "Iowa", "KS", "Kansas", "KY", "Kentucky", "LA", "Louisiana",
	"ME", "Maine", "MD", "Maryland", "MA", "Massachusetts", "MI", "Michigan", "MN", "Minnesota", "MS", "Mississippi",
	"MO", "Missouri", "MT", "Montana", "NE", "Nebraska", "NV", "Nevada", "NH", "New Hampshire", "NJ", "New Jersey",
	"NM", "New Mexico", "NY", "New York", "NC", "North Carolina", "ND", "North Dakota", "OH", "Ohio", "OK", "Oklahoma",
	"OR", "Oregon", "PA", "Pennsylvania", "RI", "Rhode Island", "SC", "South Carolina", "SD", "South Dakota",
	"TN", "Tennessee", "TX", "Texas", "UT", "Utah", "VT", "Vermont", "VA", "Virginia", "WA", "Washington",
	"WV", "West Virginia", "WI", "Wisconsin", "WY", "Wyoming",
}

// countryAliases are common names of countries that the CLDR names of
// golang.org/x/text do not give (they say "United States", "United
// Kingdom", "Czechia", "Myanmar (Burma)").
var countryAliases = []string{
	"USA", "U.S.A.", "U.S.", "United States of America", "America", "UK", "U.K.", "Great Britain", "Britain",
	"England", "Scotland", "Wales", "Northern Ireland", "South Korea", "Republic of Korea", "Korea",
	"North Korea", "Russian Federation", "Viet Nam", "Czech Republic", "Ivory Coast", "Holland",
	"The Netherlands", "Turkey", "Türkiye", "UAE", "U.A.E.", "Dubai", "Abu Dhabi", "Hong Kong", "Macau", "Macao",
	"Burma", "Myanmar", "Democratic Republic of the Congo", "DRC", "Republic of the Congo", "Congo",
	"Palestine", "Taiwan", "Mainland China", "PRC", "People's Republic of China", "Swaziland", "Eswatini",
	"Cape Verde", "East Timor", "Vatican", "Macedonia", "Iran", "Syria", "Laos", "Bolivia", "Venezuela",
	"Tanzania", "Moldova", "Micronesia", "Brunei", "Saint Lucia", "Saint Kitts and Nevis",
	"Saint Vincent and the Grenadines", "Trinidad", "Tobago", "Bosnia", "Gaza", "West Bank",
}

// placeKind is what a Location names.
type placeKind int

const (
	placeUnknown   placeKind = iota
	placeCanada              // Canada, a province or territory, a Canadian place
	placeAbroad              // a country other than Canada, or a US state
	placeAmbiguous           // "CA": Canada, or California
	placeDoubtful            // a Canadian place also well known abroad: Canada, with a doubt
)

// places maps every folded place name to what it names.
var places, placeChoices = buildPlaces()

func concatPlaces(lists ...[]canadianPlace) []canadianPlace {
	var all []canadianPlace
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}

// placeSpellings returns a place's name and the spellings people use for
// it: each part of a hyphenated CMA name, and "St." for "Saint".
func placeSpellings(name string) []string {
	out := []string{name}
	if strings.Contains(name, " - ") {
		out = append(out, strings.Split(name, " - ")...)
	}
	for _, n := range append([]string(nil), out...) {
		for _, r := range [][2]string{{"St. ", "Saint "}, {"Saint-", "St-"}, {"Sainte-", "Ste-"}, {"Ste. ", "Sainte "}, {"Saint ", "St "}} {
			if strings.Contains(n, r[0]) {
				out = append(out, strings.ReplaceAll(n, r[0], r[1]))
			}
			if strings.Contains(n, r[1]) {
				out = append(out, strings.ReplaceAll(n, r[1], r[0]))
			}
		}
	}
	return out
}

func buildPlaces() (map[string]placeKind, suggestions) {
	m := map[string]placeKind{}
	var pairs [][2]string
	add := func(word string, kind placeKind, value string) {
		k := fold(word)
		if k == "" {
			return
		}
		if _, taken := m[k]; taken {
			// The first reading wins: Canada's provinces and places are
			// added before the countries, so "NL" is Newfoundland and
			// Labrador, not the Netherlands.
			return
		}
		m[k] = kind
		pairs = append(pairs, [2]string{word, value})
	}
	add("Canada", placeCanada, "Canada")
	add("CAN", placeCanada, "Canada")
	for k := range provinces.byKey {
		m[k] = placeCanada
	}
	for _, c := range provinces.choices {
		pairs = append(pairs, [2]string{c.word, c.value})
	}
	// "CA" is Canada's ISO code and California's postal code.
	m["ca"] = placeAmbiguous
	for _, name := range ambiguousPlaces {
		m[fold(name)] = placeDoubtful
		pairs = append(pairs, [2]string{name, withProvince(name)})
	}
	for _, p := range canadianPlaces {
		for _, n := range placeSpellings(p.name) {
			add(n, placeCanada, p.name+", "+p.province)
		}
	}
	for _, s := range usStates {
		add(s, placeAbroad, s)
	}
	for _, a := range countryAliases {
		add(a, placeAbroad, a)
	}
	for _, r := range countryRegions() {
		for _, n := range []display.Namer{display.English.Regions(), display.French.Regions()} {
			name := n.Name(r)
			for _, s := range countrySpellings(name) {
				add(s, placeAbroad, name)
			}
		}
		add(r.String(), placeAbroad, displayName(r))
		if iso3 := r.ISO3(); iso3 != "ZZZ" {
			add(iso3, placeAbroad, displayName(r))
		}
	}
	return m, newSuggestions(pairs...)
}

// countryRegions returns the countries and territories of ISO 3166 that
// golang.org/x/text knows, Canada excepted.
func countryRegions() []language.Region {
	var out []language.Region
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() || r.String() == "CA" || display.English.Regions().Name(r) == "" {
				continue
			}
			out = append(out, r)
		}
	}
	return out
}

// countrySpellings returns a CLDR country name and the forms people write
// it in: "Bosnia & Herzegovina" also as "Bosnia and Herzegovina", "Myanmar
// (Burma)" also as "Myanmar", "Hong Kong SAR China" also as "Hong Kong".
func countrySpellings(name string) []string {
	out := []string{name}
	if strings.Contains(name, "&") {
		out = append(out, strings.ReplaceAll(name, "&", "and"))
	}
	if strings.HasPrefix(name, "St. ") {
		out = append(out, "Saint "+strings.TrimPrefix(name, "St. "))
	}
	if i := strings.Index(name, " ("); i > 0 {
		out = append(out, name[:i])
	}
	if i := strings.Index(name, " SAR "); i > 0 {
		out = append(out, name[:i])
	}
	return out
}

// readLocation reads the Location column: blank, Canada, a province or
// territory or a Canadian place is in Canada; a country other than Canada
// (or a US state) is abroad. A place of several parts ("Toronto, ON",
// "Paris, France") is read by its last part that names a place, so the
// province or country written after a town decides. Places separated by
// "/" or ";" ("Ottawa/Gatineau") are each read, and must all be in Canada
// or all abroad. A bare name of ambiguousPlaces that nothing settles is in
// Canada with doubt set. The error, for a place that cannot be placed or
// could be either (CA), asks for the province code and suggests the
// nearest known place.
func readLocation(raw string) (inCanada, doubt bool, err error) {
	s := clean(raw)
	if s == "" {
		return true, false, nil
	}
	alternatives := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ';' })
	if len(alternatives) == 0 {
		alternatives = []string{s}
	}
	seen := map[placeKind]bool{}
	for _, alt := range alternatives {
		kind := locationKind(alt)
		switch kind {
		case placeUnknown:
			return false, false, textErr(msg("%q is not a place cecbatch knows; write the province or territory code (for example ON) for work in Canada, or the country for work abroad.%s", s, placeChoices.didYouMean(alt)))
		case placeAmbiguous:
			return false, false, textErr(msg("%q could be in Canada or abroad (Canada or California); write the province code for work in Canada (for example ON), or the country for work abroad.", s))
		case placeDoubtful:
			kind, doubt = placeCanada, true
		}
		seen[kind] = true
	}
	if seen[placeCanada] && seen[placeAbroad] {
		return false, false, textErr(msg("%q names places both in Canada and abroad; only the work in Canada counts, so give each place its own row, with its province code or its country.", s))
	}
	return seen[placeCanada], doubt && seen[placeCanada], nil
}

// locationKind reads one place, of one or more parts (see readLocation):
// its last part that names a place in Canada or abroad decides. A part
// that could be Canada or California leaves the place a problem even
// beside a doubtful name ("London, CA").
func locationKind(s string) (kind placeKind) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '(' || r == ')' })
	for i := len(parts) - 1; i >= 0; i-- {
		switch k := partKind(strings.TrimSpace(parts[i])); k {
		case placeCanada, placeAbroad:
			return k
		case placeAmbiguous:
			kind = k
		case placeDoubtful:
			if kind == placeUnknown {
				kind = k
			}
		}
	}
	return kind
}

// partKind reads one comma-separated part: the whole part, or else its
// last words when they name a province, a country or a US state
// ("Vancouver BC", "Manila Philippines"). A 2-letter code among the last
// words counts only in capitals, as addresses write it: "work from home
// in" must not read as India.
func partKind(p string) placeKind {
	if k := places[fold(p)]; k != placeUnknown {
		return k
	}
	words := strings.Fields(p)
	for n := min(3, len(words)-1); n >= 1; n-- {
		tail := strings.Join(words[len(words)-n:], " ")
		k := places[fold(tail)]
		if k != placeCanada && k != placeAbroad {
			continue
		}
		if n == 1 && len(fold(tail)) <= 3 && tail != strings.ToUpper(tail) {
			continue
		}
		return k
	}
	return placeUnknown
}

// withProvince writes a Canadian place with its province: "London, ON".
func withProvince(name string) string {
	for _, p := range canadianPlaces {
		if fold(p.name) == fold(name) {
			return p.name + ", " + p.province
		}
	}
	return name
}

// displayName is a region's English name, as CLDR gives it.
func displayName(r language.Region) string { return display.English.Regions().Name(r) }
