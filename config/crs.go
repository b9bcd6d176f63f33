package config

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"go.yaml.in/yaml/v3"
)

// This file reads a firm's Express Entry rules file: a newer CRS grid, and
// optionally newer category lists and a newer table of rounds, in YAML
// (crs-grid.example.yaml at the repository's root is the shipped rules,
// written by WriteExpressEntry). Reading is strict: an unknown key, a value
// of the wrong type and a missing cell are each an error naming the key
// ("grid.age.33: missing"), so that a typo stops the run at start-up
// instead of changing a client's score.

// LoadExpressEntry reads the rules file at path and returns the shipped
// rules with the file's added: its grid beside the built-in one (selected
// by the assessment date; the same id replaces), its categories likewise,
// and its rounds instead of the built-in table. Every error is an *Error
// naming the file and the key.
func LoadExpressEntry(path string) (*crs.Rules, error) {
	data, err := readBounded(path, MaxRulesBytes)
	if err != nil {
		return nil, errorf("Express Entry rules file %s: %v", path, err)
	}
	ee, err := ParseExpressEntry(data)
	if err != nil {
		return nil, errorf("Express Entry rules file %s: %v", path, err)
	}
	return ee, nil
}

// ParseExpressEntry is LoadExpressEntry on the file's bytes.
func ParseExpressEntry(data []byte) (*crs.Rules, error) {
	// The file is decoded to a node tree and walked by hand, rather than
	// into structs with KnownFields, so that a wrong type or a missing cell
	// is named by its key path, not only by its line.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not YAML: %v", err)
	}
	if len(doc.Content) != 1 {
		return nil, errors.New("empty file")
	}
	w := &walker{}
	top := w.mapping(doc.Content[0], "", "grid", "categories", "draws")
	ee := crs.Builtin()
	var g *crs.Grid
	if n := w.require(top, "", "grid"); n != nil {
		g = w.grid(n, "grid")
	}
	var cats *crs.CategoryRules
	if n := top["categories"]; n != nil {
		cats = w.categories(n, "categories")
	}
	var draws *crs.DrawTable
	if n := top["draws"]; n != nil {
		draws = w.draws(n, "draws")
	}
	if err := errors.Join(w.errs...); err != nil {
		return nil, err
	}
	if err := g.Validate(); err != nil {
		return nil, prefix("grid.", err)
	}
	ee.AddGrid(g)
	if cats != nil {
		if err := cats.Validate(); err != nil {
			return nil, err
		}
		ee.AddCategories(cats)
	}
	if draws != nil {
		ids := []string{}
		for _, c := range ee.Categories {
			ids = append(ids, c.IDs()...)
		}
		if err := draws.Validate(ids); err != nil {
			return nil, err
		}
		ee.Draws = draws
	}
	return ee, nil
}

// prefix puts p before every line of a joined validation error.
func prefix(p string, err error) error {
	lines := strings.Split(err.Error(), "\n")
	for i := range lines {
		lines[i] = p + lines[i]
	}
	return errors.New(strings.Join(lines, "\n"))
}

// walker reads a YAML tree by hand so that every error names its key.
type walker struct{ errs []error }

func (w *walker) fail(n *yaml.Node, path, format string, args ...any) {
	at := ""
	if n != nil && n.Line > 0 {
		at = fmt.Sprintf(" (line %d)", n.Line)
	}
	w.errs = append(w.errs, fmt.Errorf("%s%s: %s", path, at, fmt.Sprintf(format, args...)))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping returns n's keys and values; with known given, any other key is
// an error.
func (w *walker) mapping(n *yaml.Node, path string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind == yaml.AliasNode {
		w.fail(n, path, "aliases are not allowed")
		return out
	}
	if n.Kind != yaml.MappingNode {
		w.fail(n, path, "want a mapping of keys to values, got %s", kindName(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			w.fail(k, path, "a key must be plain text")
			continue
		}
		if len(known) > 0 && !slices.Contains(known, key) {
			w.fail(k, join(path, key), "unknown key (known: %s)", strings.Join(known, ", "))
			continue
		}
		if _, dup := out[key]; dup {
			w.fail(k, join(path, key), "given twice")
			continue
		}
		out[key] = v
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Value == "" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// sequence returns the items of the list n (what describes it for the
// error when n is not a list); nil for a missing n.
func (w *walker) sequence(n *yaml.Node, path, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		w.fail(n, path, "want %s, got %s", what, kindName(n))
		return nil
	}
	return n.Content
}

func (w *walker) require(m map[string]*yaml.Node, path, key string) *yaml.Node {
	n := m[key]
	if n == nil {
		w.fail(nil, join(path, key), "missing")
	}
	return n
}

func (w *walker) scalar(n *yaml.Node, path string) (string, bool) {
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		w.fail(n, path, "want a single value, got %s", kindName(n))
		return "", false
	}
	return n.Value, true
}

func (w *walker) integer(n *yaml.Node, path string) int {
	s, ok := w.scalar(n, path)
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || n.Tag != "!!int" {
		w.fail(n, path, "%q is not a whole number", s)
		return 0
	}
	return v
}

func (w *walker) number(n *yaml.Node, path string) float64 {
	s, ok := w.scalar(n, path)
	if !ok {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || (n.Tag != "!!int" && n.Tag != "!!float") {
		w.fail(n, path, "%q is not a number", s)
		return 0
	}
	return v
}

func (w *walker) text(n *yaml.Node, path string) string {
	s, _ := w.scalar(n, path)
	return s
}

func (w *walker) boolean(n *yaml.Node, path string) bool {
	s, ok := w.scalar(n, path)
	if !ok {
		return false
	}
	if n.Tag == "!!bool" {
		switch s {
		case "true":
			return true
		case "false":
			return false
		}
	}
	w.fail(n, path, "%q is not true or false", s)
	return false
}

func (w *walker) date(n *yaml.Node, path string) assess.Date {
	s, ok := w.scalar(n, path)
	if !ok {
		return 0
	}
	d, err := assess.ParseDate(s)
	if err != nil {
		w.fail(n, path, "%q is not a date of the form YYYY-MM-DD", s)
	}
	return d
}

// ints reads a list of exactly len(dst) whole numbers.
func (w *walker) ints(n *yaml.Node, path string, dst []int, what string) {
	if n == nil {
		return
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) != len(dst) {
		w.fail(n, path, "want %s, got %s", what, kindName(n))
		return
	}
	for i, c := range n.Content {
		dst[i] = w.integer(c, fmt.Sprintf("%s[%d]", path, i))
	}
}

func (w *walker) points2(n *yaml.Node, path string) crs.Points2 {
	var p crs.Points2
	w.ints(n, path, p[:], "[single, with spouse]")
	return p
}

func (w *walker) band2(n *yaml.Node, path string) crs.Band2 {
	var b crs.Band2
	w.ints(n, path, b[:], "[small, large]")
	return b
}

// byName reads a mapping with exactly the keys names, each through read.
func (w *walker) byName(n *yaml.Node, path string, names []string, read func(i int, v *yaml.Node, path string)) {
	if n == nil {
		return
	}
	m := w.mapping(n, path, names...)
	for i, name := range names {
		if v := w.require(m, path, name); v != nil {
			read(i, v, join(path, name))
		}
	}
}

// byYear reads a mapping whose keys are the whole numbers from first up to
// the last one given, with none missing; it returns how many there are.
func (w *walker) byYear(n *yaml.Node, path string, first int, read func(i int, v *yaml.Node, path string)) int {
	if n == nil {
		return 0
	}
	m := w.mapping(n, path)
	last := first - 1
	for k := range m {
		y, err := strconv.Atoi(k)
		if err != nil || y < first || y > first+63 {
			w.fail(n, join(path, k), "the key must be a whole number from %d to %d", first, first+63)
			continue
		}
		last = max(last, y)
	}
	for y := first; y <= last; y++ {
		key := strconv.Itoa(y)
		if v := w.require(m, path, key); v != nil {
			read(y-first, v, join(path, key))
		}
	}
	return last - first + 1
}

func educationNames() []string {
	names := make([]string, len(assess.EducationLevels))
	for i, l := range assess.EducationLevels {
		names[i] = l.String()
	}
	return names
}

func (w *walker) grid(n *yaml.Node, path string) *crs.Grid {
	g := &crs.Grid{}
	m := w.mapping(n, path, "id", "effective_from", "checked_through", "reported_change_on", "reported_change", "source",
		"maxima", "hours_per_year", "work_window_years", "age", "education", "first_language", "second_language",
		"second_language_cap", "canadian_work", "spouse", "transferability", "additional")
	req := func(key string) *yaml.Node { return w.require(m, path, key) }
	g.ID = w.text(req("id"), join(path, "id"))
	g.EffectiveFrom = w.date(req("effective_from"), join(path, "effective_from"))
	g.CheckedThrough = w.date(req("checked_through"), join(path, "checked_through"))
	if v := m["reported_change_on"]; v != nil {
		g.ReportedChangeOn = w.date(v, join(path, "reported_change_on"))
		g.ReportedChange = w.text(w.require(m, path, "reported_change"), join(path, "reported_change"))
	}
	if v := m["source"]; v != nil {
		g.Source = w.text(v, join(path, "source"))
	}
	g.HoursPerYear = w.number(req("hours_per_year"), join(path, "hours_per_year"))
	g.WorkWindowYears = w.integer(req("work_window_years"), join(path, "work_window_years"))

	if mx := req("maxima"); mx != nil {
		p := join(path, "maxima")
		mm := w.mapping(mx, p, "core", "spouse", "transferability", "additional", "total")
		g.MaxCore = w.points2(w.require(mm, p, "core"), join(p, "core"))
		g.MaxSpouse = w.integer(w.require(mm, p, "spouse"), join(p, "spouse"))
		g.MaxTransfer = w.integer(w.require(mm, p, "transferability"), join(p, "transferability"))
		g.MaxAdditional = w.integer(w.require(mm, p, "additional"), join(p, "additional"))
		g.MaxTotal = w.integer(w.require(mm, p, "total"), join(p, "total"))
	}

	if a := req("age"); a != nil {
		m := w.mapping(a, join(path, "age"))
		first := 1 << 30
		for k := range m {
			if y, err := strconv.Atoi(k); err == nil && y >= 0 {
				first = min(first, y)
			}
		}
		if first == 1<<30 {
			first = 0
		}
		g.MinAge = first
		ages := make([]crs.Points2, 64)
		n := w.byYear(a, join(path, "age"), first, func(i int, v *yaml.Node, p string) { ages[i] = w.points2(v, p) })
		g.Age = ages[:n]
	}
	w.byName(req("education"), join(path, "education"), educationNames(), func(i int, v *yaml.Node, p string) {
		g.Education[i] = w.points2(v, p)
	})
	lang := crs.LanguageColumnNames[:]
	w.byName(req("first_language"), join(path, "first_language"), lang, func(i int, v *yaml.Node, p string) {
		g.FirstLanguage[i] = w.points2(v, p)
	})
	w.byName(req("second_language"), join(path, "second_language"), lang, func(i int, v *yaml.Node, p string) {
		g.SecondLanguage[i] = w.integer(v, p)
	})
	g.SecondLanguageCap = w.points2(req("second_language_cap"), join(path, "second_language_cap"))
	if cw := req("canadian_work"); cw != nil {
		years := make([]crs.Points2, 64)
		n := w.byYear(cw, join(path, "canadian_work"), 0, func(i int, v *yaml.Node, p string) { years[i] = w.points2(v, p) })
		g.CanadianWork = years[:n]
	}

	if sp := req("spouse"); sp != nil {
		p := join(path, "spouse")
		sm := w.mapping(sp, p, "education", "language", "canadian_work")
		w.byName(w.require(sm, p, "education"), join(p, "education"), educationNames(), func(i int, v *yaml.Node, p string) {
			g.SpouseEducation[i] = w.integer(v, p)
		})
		w.byName(w.require(sm, p, "language"), join(p, "language"), lang, func(i int, v *yaml.Node, p string) {
			g.SpouseLanguage[i] = w.integer(v, p)
		})
		if cw := w.require(sm, p, "canadian_work"); cw != nil {
			years := make([]int, 64)
			n := w.byYear(cw, join(p, "canadian_work"), 0, func(i int, v *yaml.Node, p string) { years[i] = w.integer(v, p) })
			g.SpouseCanadianWork = years[:n]
		}
	}

	if tn := req("transferability"); tn != nil {
		p := join(path, "transferability")
		t := &g.Transfer
		ints := map[string]*int{
			"tier7_clb": &t.Tier7CLB, "tier9_clb": &t.Tier9CLB,
			"foreign_small_years": &t.ForeignSmallYears, "foreign_large_years": &t.ForeignLargeYears,
			"group_cap": &t.GroupCap, "certificate_low_clb": &t.CertificateLowCLB, "certificate_high_clb": &t.CertificateHighCLB,
			"certificate_low": &t.CertificateLow, "certificate_high": &t.CertificateHigh,
		}
		bands := map[string]*crs.Band2{
			"education_tier7": &t.EducationTier7, "education_tier9": &t.EducationTier9,
			"education_canadian_work_1": &t.EducationCdnWork1, "education_canadian_work_2": &t.EducationCdnWork2,
			"foreign_tier7": &t.ForeignTier7, "foreign_tier9": &t.ForeignTier9,
			"foreign_canadian_work_1": &t.ForeignCdnWork1, "foreign_canadian_work_2": &t.ForeignCdnWork2,
		}
		tm := w.mapping(tn, p, append(keys(ints), keys(bands)...)...)
		for _, k := range keys(ints) {
			*ints[k] = w.integer(w.require(tm, p, k), join(p, k))
		}
		for _, k := range keys(bands) {
			*bands[k] = w.band2(w.require(tm, p, k), join(p, k))
		}
	}
	if an := req("additional"); an != nil {
		p := join(path, "additional")
		ad := &g.Additional
		ints := map[string]*int{
			"nomination": &ad.Nomination, "job_offer": &ad.JobOffer, "sibling": &ad.Sibling,
			"french_min_nclc": &ad.FrenchMinNCLC, "english_min_clb": &ad.EnglishMinCLB,
			"french_weak_english": &ad.FrenchWeakEnglish, "french_strong_english": &ad.FrenchStrongEnglish,
			"canadian_education_short": &ad.CanadianEducationShort, "canadian_education_long": &ad.CanadianEducationLong,
		}
		am := w.mapping(an, p, keys(ints)...)
		for _, k := range keys(ints) {
			*ints[k] = w.integer(w.require(am, p, k), join(p, k))
		}
	}
	return g
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (w *walker) categories(n *yaml.Node, path string) *crs.CategoryRules {
	c := &crs.CategoryRules{}
	m := w.mapping(n, path, "id", "effective_from", "source", "french_id", "french_min_nclc", "required_hours", "window_years", "list")
	req := func(key string) *yaml.Node { return w.require(m, path, key) }
	c.ID = w.text(req("id"), join(path, "id"))
	c.EffectiveFrom = w.date(req("effective_from"), join(path, "effective_from"))
	if v := m["source"]; v != nil {
		c.Source = w.text(v, join(path, "source"))
	}
	c.FrenchID = w.text(req("french_id"), join(path, "french_id"))
	c.FrenchMinNCLC = w.integer(req("french_min_nclc"), join(path, "french_min_nclc"))
	c.RequiredHours = w.number(req("required_hours"), join(path, "required_hours"))
	c.WindowYears = w.integer(req("window_years"), join(path, "window_years"))
	for i, item := range w.sequence(req("list"), join(path, "list"), "a list of categories") {
		p := fmt.Sprintf("%s.list[%d]", path, i)
		im := w.mapping(item, p, "id", "name", "canada_only", "not_assessed", "nocs")
		cat := crs.Category{
			ID:   w.text(w.require(im, p, "id"), join(p, "id")),
			Name: w.text(w.require(im, p, "name"), join(p, "name")),
		}
		if v := im["canada_only"]; v != nil {
			cat.CanadaOnly = w.boolean(v, join(p, "canada_only"))
		}
		if v := im["not_assessed"]; v != nil {
			cat.NotAssessed = w.text(v, join(p, "not_assessed"))
		}
		for j, code := range w.sequence(w.require(im, p, "nocs"), join(p, "nocs"), "a list of NOC codes") {
			s, ok := w.scalar(code, fmt.Sprintf("%s.nocs[%d]", p, j))
			if ok && code.Tag != "!!str" {
				w.fail(code, fmt.Sprintf("%s.nocs[%d]", p, j), "write the NOC code %s in quotes, so that its leading zeros are kept", s)
			}
			cat.NOCs = append(cat.NOCs, s)
		}
		c.Categories = append(c.Categories, cat)
	}
	return c
}

func (w *walker) draws(n *yaml.Node, path string) *crs.DrawTable {
	t := &crs.DrawTable{}
	m := w.mapping(n, path, "as_of", "source", "rounds")
	t.AsOf = w.date(w.require(m, path, "as_of"), join(path, "as_of"))
	if v := m["source"]; v != nil {
		t.Source = w.text(v, join(path, "source"))
	}
	for i, item := range w.sequence(w.require(m, path, "rounds"), join(path, "rounds"), "a list of rounds") {
		p := fmt.Sprintf("%s.rounds[%d]", path, i)
		rm := w.mapping(item, p, "date", "round", "type", "invitations", "cutoff")
		t.Rounds = append(t.Rounds, crs.Round{
			Date:        w.date(w.require(rm, p, "date"), join(p, "date")),
			Number:      w.integer(w.require(rm, p, "round"), join(p, "round")),
			Type:        w.text(w.require(rm, p, "type"), join(p, "type")),
			Invitations: w.integer(w.require(rm, p, "invitations"), join(p, "invitations")),
			Cutoff:      w.integer(w.require(rm, p, "cutoff"), join(p, "cutoff")),
		})
	}
	return t
}

// WriteExpressEntry writes the rules ee would be read from: its newest
// grid, its newest category rules and its rounds, in the file format of
// LoadExpressEntry, with comments. crs-grid.example.yaml is its output for
// the built-in rules.
func WriteExpressEntry(ee *crs.Rules) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	q := strconv.Quote
	pair := func(v [2]int) string { return fmt.Sprintf("[%d, %d]", v[0], v[1]) }
	g := ee.Grids[len(ee.Grids)-1]
	p("# cecbatch Express Entry rules: the CRS grid, the category-based selection lists and\n")
	p("# recent rounds of invitations. Name a copy of this file in cecbatch.yaml under\n")
	p("# express_entry.rules_file to add a newer grid (selected by the assessment date: a grid\n")
	p("# applies from its effective_from; the same id replaces the shipped one), newer\n")
	p("# category lists, or newer rounds (these replace the shipped table).\n")
	p("# Every cell is required; an unknown key, a wrong type or a missing cell stops the run\n")
	p("# with the key named. `cecbatch rules` prints the rules in force.\n\n")
	p("grid:\n")
	p("  id: %s\n", g.ID)
	p("  effective_from: %s\n", g.EffectiveFrom)
	p("  checked_through: %s   # newest day the grid was seen unchanged; later assessments carry E-GRID\n", g.CheckedThrough)
	if g.ReportedChangeOn != 0 {
		p("  reported_change_on: %s\n", g.ReportedChangeOn)
		p("  reported_change: %s\n", q(g.ReportedChange))
	}
	if g.Source != "" {
		p("  source: %s\n", q(g.Source))
	}
	p("  maxima:\n    core: %s   # [single, with spouse]\n    spouse: %d\n    transferability: %d\n    additional: %d\n    total: %d\n",
		pair(g.MaxCore), g.MaxSpouse, g.MaxTransfer, g.MaxAdditional, g.MaxTotal)
	p("  hours_per_year: %s   # one year of Canadian work\n", strconv.FormatFloat(g.HoursPerYear, 'f', -1, 64))
	p("  work_window_years: %d   # Canadian work counted within this many years before the assessment date\n", g.WorkWindowYears)
	p("  # Points: [single, with spouse]. Younger than the first age counts as the first, older than\n  # the last as the last.\n  age:\n")
	for i, a := range g.Age {
		p("    %d: %s\n", g.MinAge+i, pair(a))
	}
	p("  education:\n")
	for i, l := range assess.EducationLevels {
		p("    %s: %s\n", q(l.String()), pair(g.Education[i]))
	}
	p("  first_language:   # per ability (listening, reading, writing, speaking)\n")
	for i, name := range crs.LanguageColumnNames {
		p("    %s: %s\n", name, pair(g.FirstLanguage[i]))
	}
	p("  second_language:  # per ability, both scales\n")
	for i, name := range crs.LanguageColumnNames {
		p("    %s: %d\n", name, g.SecondLanguage[i])
	}
	p("  second_language_cap: %s\n", pair(g.SecondLanguageCap))
	p("  canadian_work:   # whole years; the last means that many or more\n")
	for i, v := range g.CanadianWork {
		p("    %d: %s\n", i, pair(v))
	}
	p("  spouse:\n    education:\n")
	for i, l := range assess.EducationLevels {
		p("      %s: %d\n", q(l.String()), g.SpouseEducation[i])
	}
	p("    language:   # per ability\n")
	for i, name := range crs.LanguageColumnNames {
		p("      %s: %d\n", name, g.SpouseLanguage[i])
	}
	p("    canadian_work:\n")
	for i, v := range g.SpouseCanadianWork {
		p("      %d: %d\n", i, v)
	}
	t := &g.Transfer
	p("  transferability:   # bands: [small, large]; each group is capped at group_cap\n")
	p("    tier7_clb: %d\n    tier9_clb: %d\n", t.Tier7CLB, t.Tier9CLB)
	p("    education_tier7: %s\n    education_tier9: %s\n", pair(t.EducationTier7), pair(t.EducationTier9))
	p("    education_canadian_work_1: %s\n    education_canadian_work_2: %s\n", pair(t.EducationCdnWork1), pair(t.EducationCdnWork2))
	p("    foreign_tier7: %s\n    foreign_tier9: %s\n", pair(t.ForeignTier7), pair(t.ForeignTier9))
	p("    foreign_canadian_work_1: %s\n    foreign_canadian_work_2: %s\n", pair(t.ForeignCdnWork1), pair(t.ForeignCdnWork2))
	p("    foreign_small_years: %d\n    foreign_large_years: %d\n    group_cap: %d\n", t.ForeignSmallYears, t.ForeignLargeYears, t.GroupCap)
	p("    certificate_low_clb: %d\n    certificate_high_clb: %d\n    certificate_low: %d\n    certificate_high: %d\n",
		t.CertificateLowCLB, t.CertificateHighCLB, t.CertificateLow, t.CertificateHigh)
	ad := &g.Additional
	p("  additional:\n    nomination: %d\n    job_offer: %d   # none since 2025-03-25\n    sibling: %d\n", ad.Nomination, ad.JobOffer, ad.Sibling)
	p("    french_min_nclc: %d\n    english_min_clb: %d\n    french_weak_english: %d\n    french_strong_english: %d\n",
		ad.FrenchMinNCLC, ad.EnglishMinCLB, ad.FrenchWeakEnglish, ad.FrenchStrongEnglish)
	p("    canadian_education_short: %d\n    canadian_education_long: %d\n", ad.CanadianEducationShort, ad.CanadianEducationLong)

	if len(ee.Categories) > 0 {
		c := ee.Categories[len(ee.Categories)-1]
		p("\ncategories:\n  id: %s\n  effective_from: %s\n", c.ID, c.EffectiveFrom)
		if c.Source != "" {
			p("  source: %s\n", q(c.Source))
		}
		p("  french_id: %s\n  french_min_nclc: %d\n  required_hours: %s\n  window_years: %d\n  list:\n",
			c.FrenchID, c.FrenchMinNCLC, strconv.FormatFloat(c.RequiredHours, 'f', -1, 64), c.WindowYears)
		for _, cat := range c.Categories {
			p("    - id: %s\n      name: %s\n", cat.ID, q(cat.Name))
			if cat.CanadaOnly {
				p("      canada_only: true\n")
			}
			if cat.NotAssessed != "" {
				p("      not_assessed: %s\n", q(cat.NotAssessed))
			}
			codes := make([]string, len(cat.NOCs))
			for i, n := range cat.NOCs {
				codes[i] = q(n)
			}
			p("      nocs: [%s]\n", strings.Join(codes, ", "))
		}
	}
	if d := ee.Draws; d != nil {
		p("\ndraws:\n  as_of: %s   # no round after this day is known; every comparison prints it\n", d.AsOf)
		if d.Source != "" {
			p("  source: %s\n", q(d.Source))
		}
		p("  rounds:\n")
		for _, r := range d.Rounds {
			p("    - {date: %s, round: %d, type: %s, invitations: %d, cutoff: %d}\n", r.Date, r.Number, r.Type, r.Invitations, r.Cutoff)
		}
	}
	return b.Bytes()
}
