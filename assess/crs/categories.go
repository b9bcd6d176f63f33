package crs

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cecbatch/cecbatch/assess"
)

// This file holds the category-based selection rules announced on
// 2026-02-18 and the flags they give a client: French-language
// proficiency, and the occupation categories with their 12 months of
// work in one listed occupation within the 3 years before the round.

// CategoryRules is one version of the category-based selection rules.
type CategoryRules struct {
	// ID is the rule set's stable id ("cbs-2026-02-18").
	ID string
	// EffectiveFrom is the first round date the rules apply to; for an
	// earlier assessment date every flag is not_assessed.
	EffectiveFrom assess.Date
	Source        string
	// FrenchID is the id of the French-language proficiency category, met
	// with a valid TEF Canada or TCF Canada at FrenchMinNCLC or more in all
	// four abilities.
	FrenchID      string
	FrenchMinNCLC int
	// RequiredHours of work in one listed occupation within WindowYears
	// before the round (12 months at 30 h/week; continuity not required).
	RequiredHours float64
	WindowYears   int
	Categories    []Category
}

// Category is one occupation category.
type Category struct {
	ID   string // "healthcare"
	Name string // "Healthcare and social services"
	// CanadaOnly: only work in Canada counts (the "with Canadian work
	// experience" categories).
	CanadaOnly bool
	// NotAssessed, when set, says why the flag is always not_assessed
	// (the military category needs facts the intake does not hold).
	NotAssessed string
	// NOCs are the NOC 2021 codes of the category.
	NOCs []string
}

// IDs returns the category ids, the French category's first.
func (cr *CategoryRules) IDs() []string {
	ids := []string{cr.FrenchID}
	for _, c := range cr.Categories {
		ids = append(ids, c.ID)
	}
	return ids
}

// Validate checks rules read from a file.
func (cr *CategoryRules) Validate() error {
	var errs []error
	if cr.ID == "" {
		errs = append(errs, errors.New("categories.id: missing"))
	}
	if cr.EffectiveFrom == 0 {
		errs = append(errs, errors.New("categories.effective_from: missing"))
	}
	if cr.FrenchID == "" {
		errs = append(errs, errors.New("categories.french_id: missing"))
	}
	if cr.FrenchMinNCLC < 1 || cr.FrenchMinNCLC > 10 {
		errs = append(errs, fmt.Errorf("categories.french_min_nclc: %d is not an NCLC level (1 to 10)", cr.FrenchMinNCLC))
	}
	if !(cr.RequiredHours > 0) {
		errs = append(errs, errors.New("categories.required_hours: must be above 0"))
	}
	if cr.WindowYears < 1 {
		errs = append(errs, errors.New("categories.window_years: must be at least 1"))
	}
	seen := map[string]bool{cr.FrenchID: true}
	for i, c := range cr.Categories {
		key := fmt.Sprintf("categories.list[%d]", i)
		if c.ID == "" {
			errs = append(errs, fmt.Errorf("%s.id: missing", key))
		} else if seen[c.ID] {
			errs = append(errs, fmt.Errorf("%s.id: %q is listed twice", key, c.ID))
		}
		seen[c.ID] = true
		if c.Name == "" {
			errs = append(errs, fmt.Errorf("%s.name: missing", key))
		}
		if len(c.NOCs) == 0 {
			errs = append(errs, fmt.Errorf("%s.nocs: no NOC code", key))
		}
		for _, n := range c.NOCs {
			if _, ok := assess.NOCCodes().Unit(n); !ok {
				errs = append(errs, fmt.Errorf("%s.nocs: %q is not a NOC 2021 unit group", key, n))
			}
		}
	}
	return errors.Join(errs...)
}

// BuiltinCategories returns the categories announced on 2026-02-18, with
// the NOC lists as transcribed from canada.ca on 2026-07-27.
func BuiltinCategories() *CategoryRules {
	return &CategoryRules{
		ID:            "cbs-2026-02-18",
		EffectiveFrom: assess.MustDate("2026-02-18"),
		Source: "IRCC news release of 2026-02-18; NOC lists as transcribed from canada.ca's " +
			"category-based selection page (2026-07-27); healthcare to be re-checked against canada.ca",
		FrenchID:      "french",
		FrenchMinNCLC: 7,
		RequiredHours: 1560,
		WindowYears:   3,
		Categories: []Category{
			{ID: "healthcare", Name: "Healthcare and social services", NOCs: []string{
				"31100", "31101", "31102", "31103", "31110", "31111", "31112", "31120", "31121", "31200",
				"31201", "31202", "31203", "31209", "31300", "31301", "31302", "31303", "32101", "32102",
				"32103", "32104", "32109", "32111", "32120", "32121", "32122", "32123", "32124", "32129",
				"32201", "33101", "33102", "33103", "41300", "41301", "42201"}},
			{ID: "stem", Name: "Science, technology, engineering and mathematics (STEM)", NOCs: []string{
				"20011", "21220", "21300", "21301", "21310", "21321", "21331", "22300", "22301", "22310", "63100"}},
			{ID: "trades", Name: "Trades", NOCs: []string{
				"22303", "63201", "70010", "70011", "72100", "72102", "72106", "72200", "72201", "72300",
				"72302", "72310", "72311", "72320", "72400", "72401", "72402", "72422", "72501", "72999",
				"73100", "73110", "73112", "73113", "82021"}},
			{ID: "education", Name: "Education", NOCs: []string{"41220", "41221", "42202", "42203", "43100"}},
			{ID: "transport", Name: "Transport", NOCs: []string{"22313", "72404", "72410", "72600"}},
			{ID: "physicians", Name: "Physicians with Canadian work experience", CanadaOnly: true,
				NOCs: []string{"31100", "31101", "31102"}},
			{ID: "senior_managers", Name: "Senior managers with Canadian work experience", CanadaOnly: true,
				NOCs: []string{"00012", "00013", "00014", "00015"}},
			{ID: "researchers", Name: "Researchers with Canadian work experience", CanadaOnly: true,
				NOCs: []string{"41200", "41201"}},
			{ID: "military", Name: "Skilled military recruits", NOCs: []string{"40042", "42102", "43204"},
				NotAssessed: "the category also needs a Canadian Armed Forces job offer and foreign military service, which the intake does not record"},
		},
	}
}

// Flag statuses.
const (
	FlagMet         = "met"
	FlagNotMet      = "not_met"
	FlagNotAssessed = "not_assessed"
)

// CategoryFlag is how one category stands for a client on A.
type CategoryFlag struct {
	ID   string
	Name assess.Text
	// Status is FlagMet, FlagNotMet or FlagNotAssessed.
	Status string
	// From is the first day on or after A on which the condition holds, if
	// ongoing jobs continue and no new test is taken (A when met); zero
	// when it does not within the projection.
	From assess.Date
	// NOC and Hours are the listed occupation with the most hours in the
	// window ending the day before A, and those hours (for French: zero).
	NOC   string
	Hours float64
	// Basis says what the flag rests on, in a sentence; Reason, for a flag
	// not assessed, why not (the flags not assessed for one reason are
	// named together).
	Basis, Reason assess.Text
}

// categoryFlags computes every flag for A from the ledger l (which must
// cover the window before A and run to the projection's horizon). With no
// rules in force on A, every flag of the earliest rules known (ids) is
// not_assessed.
func categoryFlags(cr, ids *CategoryRules, l *assess.WorkLedger, A, horizon assess.Date, french []langTest) []CategoryFlag {
	flags := make([]CategoryFlag, 0, len(ids.Categories)+1)
	if cr == nil || A < cr.EffectiveFrom {
		why := msg("category rules before %s are not encoded", ids.EffectiveFrom)
		flags = append(flags, CategoryFlag{ID: ids.FrenchID, Name: msg("French-language proficiency"), Status: FlagNotAssessed, Basis: notAssessed(why), Reason: why})
		for _, cat := range ids.Categories {
			flags = append(flags, CategoryFlag{ID: cat.ID, Name: dataText(cat.Name), Status: FlagNotAssessed, Basis: notAssessed(why), Reason: why})
		}
		return flags
	}

	// French: a valid TEF Canada or TCF Canada at NCLC 7+ in all four.
	ff := CategoryFlag{ID: cr.FrenchID, Name: msg("French-language proficiency"), Status: FlagNotMet}
	for _, t := range french {
		if t.level() < cr.FrenchMinNCLC || t.expiry <= A {
			continue
		}
		from := max(t.taken, A)
		if from <= horizon && (ff.From == 0 || from < ff.From) {
			ff.From = from
		}
		if t.taken <= A {
			ff.Status = FlagMet
			ff.Basis = msg("%s: %s, valid until %s.", assess.TestLabel(t.kind, t.taken).Capitalized(), t.levels(), t.expiry-1)
		}
	}
	if ff.Status != FlagMet {
		ff.Basis = msg("No valid TEF Canada or TCF Canada with NCLC %d or more in all four abilities on %s.", cr.FrenchMinNCLC, A)
		if ff.From != 0 {
			ff.Basis = assess.Concat(ff.Basis, msg(" A test already taken counts from %s.", ff.From))
		}
	}
	flags = append(flags, ff)

	lo := A.AddYears(-cr.WindowYears)
	target := cr.RequiredHours*7 - eps
	for _, cat := range cr.Categories {
		f := CategoryFlag{ID: cat.ID, Name: dataText(cat.Name), Status: FlagNotMet}
		if cat.NotAssessed != "" {
			f.Status = FlagNotAssessed
			f.Reason = dataText(cat.NotAssessed)
			f.Basis = notAssessed(f.Reason)
			flags = append(flags, f)
			continue
		}
		// Hours per listed NOC code the client has rows in.
		var codes []string
		for _, r := range l.Rows {
			if slices.Contains(cat.NOCs, r.NOC) && (r.InCanada || !cat.CanadaOnly) && r.LastDay() >= lo && !slices.Contains(codes, r.NOC) {
				codes = append(codes, r.NOC)
			}
		}
		slices.Sort(codes)
		for _, code := range codes {
			keep := func(r *assess.WorkRow) bool { return r.NOC == code && (r.InCanada || !cat.CanadaOnly) }
			h := l.WeekHours(keep, lo, A-1)
			if h > f.Hours*7+eps || f.NOC == "" {
				f.NOC, f.Hours = code, h/7
			}
			from := A
			if h < target {
				from = l.FirstReach(keep, A, horizon, cr.WindowYears, target)
			}
			if from != 0 && (f.From == 0 || from < f.From) {
				f.From = from
			}
		}
		where := msg("in Canada or abroad")
		if cat.CanadaOnly {
			where = msg("in Canada")
		}
		need := assess.Quantity(cr.RequiredHours)
		switch {
		case f.NOC == "":
			f.Basis = msg("No counted work %s in the category's occupations.", where)
		case f.From == A:
			f.Status = FlagMet
			f.Basis = msg("NOC %s: %s h %s from %s to %s (%s needed in one occupation).", f.NOC, assess.Hours(f.Hours), where, lo, A-1, need)
		default:
			f.Basis = msg("NOC %s: %s h %s from %s to %s, below the %s needed in one occupation.", f.NOC, assess.Hours(f.Hours), where, lo, A-1, need)
		}
		if f.Status != FlagMet && f.From != 0 {
			f.Basis = assess.Concat(f.Basis, msg(" Met from %s if the current jobs continue.", f.From))
		}
		flags = append(flags, f)
	}
	return flags
}

// notAssessed is the basis of a flag not assessed for reason why.
func notAssessed(why assess.Text) assess.Text { return msg("Not assessed: %s.", why) }
