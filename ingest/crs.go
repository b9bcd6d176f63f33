package ingest

import (
	"math"
	"strings"

	"github.com/cecbatch/cecbatch/assess"
)

// This file reads the optional columns of the Express Entry readiness
// estimate: on the Clients sheet the CRS factors the CEC does not need
// (Education Level, ECA, …), on the Language Tests sheet whose test a row
// is (Person). A CRS cell that cannot be read is a problem with its cell
// that leaves the value unknown and, unlike every other problem, never
// touches the CEC verdict: it goes to Client.CRS.Problems, not
// Client.Problems. The same holds for every problem on a spouse's test row.

// crsClientColumns are the Clients sheet's CRS columns, all optional.
var crsClientColumns = []column{
	{assess.FieldEducation, "Education Level", false, []string{"Highest Education", "Education"}},
	{assess.FieldECA, "ECA", false, []string{"Education Assessed"}},
	{assess.FieldCanadianEducation, "Canadian Education", false, []string{"Canadian Credential"}},
	{assess.FieldForeignWork, "Foreign Work Years", false, []string{"Foreign Skilled Work Years"}},
	{assess.FieldCertificate, "Certificate of Qualification", false, []string{"COQ", "Trade Certificate"}},
	{assess.FieldSibling, "Sibling in Canada", false, []string{"Sibling"}},
	{assess.FieldNomination, "Provincial Nomination", false, []string{"PNP", "Nomination"}},
	{assess.FieldSpouseAccompanying, "Spouse Accompanying", false, []string{"Accompanying Spouse"}},
	{assess.FieldSpouseEducation, "Spouse Education", false, nil},
	{assess.FieldSpouseECA, "Spouse ECA", false, nil},
	{assess.FieldSpouseCanadianWork, "Spouse Canadian Work Years", false, []string{"Spouse Canadian Work"}},
}

// personColumn says whose test a Language Tests row is.
var personColumn = column{assess.FieldPerson, "Person", false, []string{"Test Taker", "Taken By"}}

func init() {
	clientsSpec.add(crsClientColumns...)
	testsSpec.add(personColumn)
	for field, c := range crsChoices {
		validations[field] = validation{choices: c.choices, prompt: c.prompt}
	}
}

// add appends optional columns to a sheet's vocabulary.
func (s *sheetSpec) add(cols ...column) {
	s.columns = append(s.columns, cols...)
	s.keys = newSheetSpec(s.name, s.synonyms, s.columns).keys
}

// The template's drop-downs for the CRS columns.
var (
	educationChoices         = []string{"none", "secondary", "one-year", "two-year", "three-year", "two-or-more", "master's", "doctoral"}
	canadianEducationChoices = []string{"none", "secondary", "one-year", "two-year", "three-year", "master's", "doctoral"}
	ecaChoices               = []string{"yes", "no", "canadian"}
	foreignWorkChoices       = []string{"0", "1", "2", "3+"}
	spouseWorkChoices        = []string{"0", "1", "2", "3", "4", "5+"}
	personChoices            = []string{"client", "spouse"}
)

// crsChoices gives each CRS column's drop-down and its prompt (added to
// the template's validations).
var crsChoices = map[string]struct {
	choices []string
	prompt  string
}{
	assess.FieldEducation:          {educationChoices, "Highest level of education (three-year: a bachelor's or any program of 3+ years; master's: also a professional degree); blank if unknown."},
	assess.FieldECA:                {ecaChoices, "yes if an Educational Credential Assessment covers the foreign credential; canadian if earned in Canada; blank if unknown."},
	assess.FieldCanadianEducation:  {canadianEducationChoices, "Highest credential earned in Canada; blank if unknown."},
	assess.FieldForeignWork:        {foreignWorkChoices, "Whole years of skilled (TEER 0-3) paid work outside Canada in the last 10 years; blank if unknown."},
	assess.FieldCertificate:        {yesNoChoices, "A provincial or territorial certificate of qualification in a trade; blank if unknown."},
	assess.FieldSibling:            {yesNoChoices, "A brother or sister (of the client or the spouse), 18+, citizen or PR, living in Canada; blank if unknown."},
	assess.FieldNomination:         {yesNoChoices, "A provincial nomination accepted in the profile; blank is read as no."},
	assess.FieldSpouseAccompanying: {yesNoChoices, "yes only if a spouse or partner will come to Canada and is not a citizen or PR; blank if unknown."},
	assess.FieldSpouseEducation:    {educationChoices, "The spouse's highest level of education; blank if unknown."},
	assess.FieldSpouseECA:          {ecaChoices, "yes if an ECA covers the spouse's foreign credential; canadian if earned in Canada; blank if unknown."},
	assess.FieldSpouseCanadianWork: {spouseWorkChoices, "The spouse's whole years of TEER 0-3 work in Canada in the last 10 years; blank if unknown."},
	assess.FieldPerson:             {personChoices, "Whose test this is: client (or blank) or spouse. A spouse's test is used only for the CRS estimate."},
}

// crsColumns reads the client's CRS columns into c.CRS.
func (r *reader) crsColumns(c *assess.Client, w *row) {
	p := &c.CRS
	for _, col := range crsClientColumns {
		if _, ok := w.index[col.field]; ok {
			p.Columns = true
		}
	}
	bad := func(field string, what assess.Text) {
		p.Problems = append(p.Problems, assess.Problem{Cell: w.cell(field), Message: msg("%s %s", w.header(field), what)})
	}
	education := func(field string, canadian bool) assess.EducationLevel {
		s := w.text(field)
		if s == "" {
			return assess.EducationUnknown
		}
		l, ok := assess.ParseEducationLevel(s)
		if ok && canadian && l == assess.EducationTwoOrMore {
			ok = false
		}
		if !ok {
			write := strings.Join(educationChoices, ", ")
			if canadian {
				write = strings.Join(canadianEducationChoices, ", ")
			}
			bad(field, msg("%q is not a level of education; write %s, or leave it blank if unknown.", s, write))
		}
		return l
	}
	eca := func(field string) assess.ECAStatus {
		s := w.text(field)
		if s == "" {
			return assess.ECAUnknown
		}
		e, ok := assess.ParseECA(s)
		if !ok {
			bad(field, msg("%q is not yes, no or canadian; leave it blank if unknown.", s))
		}
		return e
	}
	yesNo := func(field string) assess.Tristate {
		t, err := parseYesNo(w.text(field))
		if err != nil {
			bad(field, msg("%s, or leave it blank if unknown.", assess.ErrorText(err)))
		}
		return t
	}
	years := func(field string, top int) assess.Years {
		s := w.text(field)
		y, ok := parseYears(s, top)
		if !ok {
			bad(field, msg("%q is not a number of years; write a whole number from 0 (for example 2, or %d+), or leave it blank if unknown.", s, top))
		}
		return y
	}

	p.Education = education(assess.FieldEducation, false)
	p.ECA = eca(assess.FieldECA)
	p.CanadianEducation = education(assess.FieldCanadianEducation, true)
	p.ForeignWorkYears = years(assess.FieldForeignWork, 3)
	p.Certificate = yesNo(assess.FieldCertificate)
	p.Sibling = yesNo(assess.FieldSibling)
	p.Nomination = yesNo(assess.FieldNomination)
	p.SpouseAccompanying = yesNo(assess.FieldSpouseAccompanying)
	p.SpouseEducation = education(assess.FieldSpouseEducation, false)
	p.SpouseECA = eca(assess.FieldSpouseECA)
	p.SpouseCanadianWorkYears = years(assess.FieldSpouseCanadianWork, 5)
}

// parseYears reads a number of whole years: a decimal is floored, "3+"
// is 3, and more than top is top. Blank is unknown (ok); a value that is
// not a number of years is unknown and not ok.
func parseYears(s string, top int) (y assess.Years, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return assess.Years{}, true
	}
	v, _, err := parseNumber(strings.TrimSpace(strings.TrimSuffix(s, "+")))
	if err != nil || !(v >= 0 && v <= 60) {
		return assess.Years{}, false
	}
	return assess.KnownYears(min(int(math.Floor(v)), top)), true
}

// personTestRow reads a Language Tests row as testRow does, then, for a
// spouse's row (Person = spouse), moves the test and every problem found
// on the row from the CEC's lists to the CRS profile: a spouse's test is
// never used for the CEC, and its problems never change the CEC verdict.
func (r *reader) personTestRow(w *row) {
	person := fold(w.text(assess.FieldPerson))
	c := r.byID[idKey(w.text(assess.FieldClientID))]
	switch person {
	case "", "client", "applicant", "principalapplicant", "self":
		r.testRow(w)
		return
	case "spouse", "partner", "commonlawpartner", "spouseorpartner":
	default:
		// Neither the client's nor the spouse's: used for nothing, and
		// said so on the CRS side (the CEC is not affected).
		if c != nil {
			c.CRS.Problems = append(c.CRS.Problems, assess.Problem{Cell: w.cell(assess.FieldPerson),
				Message: msg("%s %q is not client or spouse, so this test was not used; write client (or leave it blank) or spouse.", w.header(assess.FieldPerson), w.text(assess.FieldPerson))})
			return
		}
		r.testRow(w) // no such client: testRow reports the row
		return
	}
	if c == nil {
		r.testRow(w)
		return
	}
	tests, problems := len(c.Tests), len(c.Problems)
	r.testRow(w)
	c.CRS.SpouseTests = append(c.CRS.SpouseTests, c.Tests[tests:]...)
	c.Tests = c.Tests[:tests]
	for _, pr := range c.Problems[problems:] {
		pr.Message = msg("Spouse's test: %s", pr.Message)
		c.CRS.Problems = append(c.CRS.Problems, pr)
	}
	c.Problems = c.Problems[:problems]
}
