package ingest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/cecbatch/cecbatch/assess"
)

// This file reads one cell's text as the value a column expects. Every
// parser returns a sentence fragment on failure that names the value as
// written and says how to write it, so that the caller only has to prefix
// the column name and the cell.

// clean trims spaces of every kind (including the non-breaking and
// zero-width ones that web forms and copy-paste leave behind) and turns the
// inner ones into plain spaces.
func clean(s string) string {
	if s == "" {
		return s
	}
	s = strings.TrimFunc(s, isSpace)
	if strings.IndexFunc(s, func(r rune) bool { return r != ' ' && isSpace(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return ' '
		}
		return r
	}, s)
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

// fold reduces a word for matching against a vocabulary: lower case, no
// accents, no spaces or punctuation ("Québec" and "quebec" and "QUE-BEC"
// all fold to "quebec").
func fold(s string) string {
	s = stripAccents(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func stripAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	// The transform gives up on invalid UTF-8 and would leave every accent
	// in place, so a stray byte would make "Québec" fold differently.
	s = strings.ToValidUTF8(s, "\uFFFD")
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// headerKey is how a header cell is matched: its trailing "(…)" note
// dropped, then folded ("Hours per week (avg)" and "Hours/Week" give
// "hoursperweek" and "hoursweek").
func headerKey(s string) string {
	s = clean(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndexByte(s, '('); i > 0 {
			s = s[:i]
		}
	}
	return fold(s)
}

// dateOrder is how numeric slash or dot dates are read.
type dateOrder int

const (
	orderUnset dateOrder = iota
	orderDMY
	orderMDY
)

func parseDateOrder(s string) (dateOrder, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "":
		return orderUnset, nil
	case "DMY":
		return orderDMY, nil
	case "MDY":
		return orderMDY, nil
	}
	return orderUnset, fmt.Errorf("date order %q is not DMY or MDY", s)
}

// Years outside this span are typing mistakes on an immigration intake
// sheet (a serial typed as 20240131, a year typed as 224), not dates.
const (
	minYear = 1900
	maxYear = 2199
)

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// parseDate reads a date cell's raw value: a serial number (in the
// workbook's date system) or one of the text forms of the README's intake contract. The zero
// Date with a nil error is a blank cell.
func parseDate(raw string, date1904 bool, order dateOrder) (assess.Date, error) {
	s := clean(raw)
	if s == "" {
		return 0, nil
	}
	if isNumberText(s) {
		return serialDate(s, date1904)
	}
	// Some exports (ISO date cells, CSV round trips) carry a time of day.
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') && isDigits(s[:4]) {
		if d, err := ymdDate(s[:10]); err == nil {
			return d, nil
		}
	}
	if d, ok, err := numericDate(s, order); ok {
		return d, err
	}
	if d, ok := wordDate(s); ok {
		return d, nil
	}
	return 0, textErr(msg("%q is not a date; write it as YYYY-MM-DD, for example 2024-03-15", s))
}

func serialDate(s string, date1904 bool) (assess.Date, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 1 || v > 2958465 {
		return 0, textErr(msg("%q is a number, not a date; write the date as YYYY-MM-DD, for example 2024-03-15", s))
	}
	t, err := excelize.ExcelDateToTime(math.Floor(v), date1904)
	if err != nil || t.Year() < minYear || t.Year() > maxYear {
		return 0, textErr(msg("%q is a number, not a date; write the date as YYYY-MM-DD, for example 2024-03-15", s))
	}
	return assess.DateOf(t), nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ymdDate reads YYYY-MM-DD, YYYY/MM/DD and YYYY.MM.DD.
func ymdDate(s string) (assess.Date, error) {
	parts := splitDate(s)
	if len(parts) != 3 || len(parts[0]) != 4 || !isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2]) || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return 0, fmt.Errorf("not year-month-day")
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	return civil(s, y, m, d)
}

func splitDate(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
}

// civil checks that y-m-d is a real calendar day.
func civil(s string, y, m, d int) (assess.Date, error) {
	if y < minYear || y > maxYear {
		return 0, textErr(msg("%q has the year %s, which cannot be right; write the date as YYYY-MM-DD", s, strconv.Itoa(y)))
	}
	if m < 1 || m > 12 {
		return 0, textErr(msg("%q has no month %d; write the date as YYYY-MM-DD", s, m))
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, textErr(msg("%q is not a real day (%s has %d days); correct the date", s, assess.MonthYear(assess.NewDate(y, time.Month(m), 1)), daysIn(y, time.Month(m))))
	}
	return assess.NewDate(y, time.Month(m), d), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// numericDate reads dates made of three numbers: YYYY-MM-DD in any
// separator, and day and month in either order followed by a 4-digit year.
// ok is false when s is not made of three numbers at all. With no order, a
// date that reads as two different real days is an *ambiguousDate error.
func numericDate(s string, order dateOrder) (d assess.Date, ok bool, err error) {
	parts := splitDate(s)
	if len(parts) != 3 || !isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2]) {
		return 0, false, nil
	}
	if len(parts[0]) == 4 {
		d, err := ymdDate(s)
		return d, true, err
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, true, textErr(msg("%q is not a date; write it as YYYY-MM-DD, for example 2024-03-15", s))
	}
	if len(parts[2]) != 4 {
		return 0, true, textErr(msg("%q has a year of %d digits; write the date as YYYY-MM-DD so that the year has four digits", s, len(parts[2])))
	}
	a, _ := strconv.Atoi(parts[0])
	b, _ := strconv.Atoi(parts[1])
	y, _ := strconv.Atoi(parts[2])
	switch order {
	case orderDMY:
		d, err := civil(s, y, b, a)
		if err != nil {
			err = textErr(msg("%q is not a valid day/month/year date (this run reads numeric dates day first); correct it or write it as YYYY-MM-DD", s))
		}
		return d, true, err
	case orderMDY:
		d, err := civil(s, y, a, b)
		if err != nil {
			err = textErr(msg("%q is not a valid month/day/year date (this run reads numeric dates month first); correct it or write it as YYYY-MM-DD", s))
		}
		return d, true, err
	}
	dmy, dmyErr := civil(s, y, b, a)
	mdy, mdyErr := civil(s, y, a, b)
	switch {
	case dmyErr == nil && mdyErr == nil && dmy != mdy:
		return 0, true, &ambiguousDate{text: s, dmy: dmy, mdy: mdy}
	case dmyErr == nil:
		return dmy, true, nil
	case mdyErr == nil:
		return mdy, true, nil
	case a > 12 && b > 12:
		return 0, true, textErr(msg("%q is not a date: neither %d nor %d can be a month; write it as YYYY-MM-DD", s, a, b))
	case b > 12:
		return 0, true, mdyErr
	}
	return 0, true, dmyErr
}

// numericOrder says which order a day-month-year numeric date shows: DMY
// or MDY when exactly one reading is a real day ("14/08/1994" is DMY),
// orderUnset when it is not such a date or reads the same both ways.
// ambiguous is true when it reads as two different real days.
func numericOrder(raw string) (order dateOrder, ambiguous bool) {
	parts := splitDate(clean(raw))
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 ||
		!isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2]) {
		return orderUnset, false
	}
	a, _ := strconv.Atoi(parts[0])
	b, _ := strconv.Atoi(parts[1])
	y, _ := strconv.Atoi(parts[2])
	dmy, mdy := isRealDay(y, b, a), isRealDay(y, a, b)
	switch {
	case dmy && mdy:
		return orderUnset, a != b
	case dmy:
		return orderDMY, false
	case mdy:
		return orderMDY, false
	}
	return orderUnset, false
}

// isRealDay is civil without the error: y-m-d is a day of the calendar
// within the years an intake date can have.
func isRealDay(y, m, d int) bool {
	return y >= minYear && y <= maxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

// ambiguousDate is a numeric date with no order configured that is a real
// day read day first and another real day read month first ("1/9/2022").
type ambiguousDate struct {
	text     string
	dmy, mdy assess.Date // the day read day first, and month first
}

func (e *ambiguousDate) Error() string { return e.Text().String() }

// Text is the error's words.
func (e *ambiguousDate) Text() assess.Text {
	return msg("%q is ambiguous: it could be %s or %s; %s", e.text, assess.DayMonthYear(e.dmy), assess.DayMonthYear(e.mdy), e.retype())
}

// reading is the day the date is read as in order o.
func (e *ambiguousDate) reading(o dateOrder) assess.Date {
	if o == orderMDY {
		return e.mdy
	}
	return e.dmy
}

// retype tells the paralegal how to write the date so that it cannot be
// misread: year first, or the month in letters.
func (e *ambiguousDate) retype() assess.Text {
	return msg("type the date meant as %s or %s if it is %s, or as %s or %s if it is %s",
		e.dmy.String(), shortDate(e.dmy), assess.DayMonth(e.dmy), e.mdy.String(), shortDate(e.mdy), assess.DayMonth(e.mdy))
}

// longDate writes "1 September 2022".
func longDate(d assess.Date) string {
	y, m, day := d.YMD()
	return fmt.Sprintf("%d %s %d", day, m, y)
}

// shortDate writes "1 Sep 2022", a form parseDate reads back.
func shortDate(d assess.Date) string {
	y, m, day := d.YMD()
	return fmt.Sprintf("%d %s %d", day, m.String()[:3], y)
}

// dayMonth writes "1 September".
func dayMonth(d assess.Date) string {
	_, m, day := d.YMD()
	return fmt.Sprintf("%d %s", day, m)
}

// orderName names a date order in a note: "day/month".
func orderName(o dateOrder) string {
	if o == orderMDY {
		return "month/day"
	}
	return "day/month"
}

// wordDate reads "3 Mar 2024", "3 March 2024", "3-Mar-2024", "Mar 3, 2024"
// and "March 3, 2024", with the day also as an ordinal ("March 3rd, 2024",
// "3rd of March 2024").
func wordDate(s string) (assess.Date, bool) {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '-' || r == '/' })
	if len(f) == 4 && f[1] == "of" {
		f = []string{f[0], f[2], f[3]}
	}
	if len(f) != 3 {
		return 0, false
	}
	for i := 0; i < 2; i++ {
		f[i] = stripOrdinal(f[i])
	}
	var dayText, monText string
	switch {
	case isDigits(f[0]) && !isDigits(f[1]):
		dayText, monText = f[0], f[1]
	case !isDigits(f[0]) && isDigits(f[1]):
		monText, dayText = f[0], f[1]
	default:
		return 0, false
	}
	m, ok := months[strings.TrimSuffix(monText, ".")]
	if !ok || len(dayText) > 2 || len(f[2]) != 4 || !isDigits(f[2]) {
		return 0, false
	}
	day, _ := strconv.Atoi(dayText)
	y, _ := strconv.Atoi(f[2])
	d, err := civil(s, y, int(m), day)
	return d, err == nil
}

// stripOrdinal turns an ordinal day ("1st", "22nd", "3rd", "4th") into its
// digits; anything else is returned as it is.
func stripOrdinal(s string) string {
	if len(s) < 3 || len(s) > 4 {
		return s
	}
	digits, suffix := s[:len(s)-2], s[len(s)-2:]
	if !isDigits(digits) {
		return s
	}
	switch suffix {
	case "st", "nd", "rd", "th":
		return digits
	}
	return s
}

// stillThereWords are the End Date words that mean the period has not
// ended (folded: "to date" is "todate").
var stillThereWords = map[string]bool{"present": true, "current": true, "ongoing": true, "todate": true}

// isStillThere reports whether an End Date cell says the period goes on
// ("Present", "current", "ongoing", "to date", in any case).
func isStillThere(raw string) bool { return stillThereWords[fold(raw)] }

// isNumberText reports whether s is a plain decimal number as a raw cell
// value carries it ("45292", "37.5", "1E-3"); it rejects what ParseFloat
// would also take but no person writes ("Inf", "0x1p3", "1_000").
func isNumberText[T string | []byte](s T) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	end := digitsEnd(s, i)
	digits := end - i
	i = end
	if i < len(s) && s[i] == '.' {
		end = digitsEnd(s, i+1)
		digits += end - (i + 1)
		i = end
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		end = digitsEnd(s, i)
		if end == i {
			return false
		}
		i = end
	}
	return i == len(s)
}

// digitsEnd returns the index just past the run of ASCII digits of s that
// starts at i.
func digitsEnd[T string | []byte](s T, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// parseNumber reads a number cell or a number written as text, with a
// decimal point or a decimal comma ("37.5", "37,5", " 40 "). ok is false
// for a blank cell.
func parseNumber(raw string) (v float64, ok bool, err error) {
	s := clean(raw)
	if s == "" {
		return 0, false, nil
	}
	t := s
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	if !isNumberText(t) {
		return 0, true, textErr(msg("%q is not a number", s))
	}
	v, err = strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, true, textErr(msg("%q is not a number", s))
	}
	return v, true, nil
}

// hoursText splits "40 hrs/week" into its number and its unit; the unit
// must be one of hoursUnit's, so that "40-45" or "40/80" is not read as 40.
var (
	hoursText = regexp.MustCompile(`^([+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+))\s*(.*)$`)
	hoursUnit = regexp.MustCompile(`^(?:(?:h|hrs?|hours?|heures?)\.?)?\s*(?:(?:/|per|a|each|par)\s*(?:week|wk|w|semaine|sem)\.?)?$`)
)

// parseHours reads an Hours Per Week cell: a number as parseNumber reads
// it, or a number followed by a unit of hours or hours a week ("40h",
// "40 hrs", "40 hours/week", "37,5 h per week").
func parseHours(raw string) (v float64, ok bool, err error) {
	v, ok, err = parseNumber(raw)
	if err == nil || !ok {
		return v, ok, err
	}
	s := clean(raw)
	m := hoursText.FindStringSubmatch(strings.ToLower(s))
	if m == nil || m[2] == "" || !hoursUnit.MatchString(m[2]) {
		return 0, true, err
	}
	if v, _, err := parseNumber(m[1]); err == nil {
		return v, true, nil
	}
	return 0, true, textErr(msg("%q is not a number", s))
}

var yesNoWords = map[string]assess.Tristate{
	"yes": assess.Yes, "y": assess.Yes, "true": assess.Yes, "1": assess.Yes, "x": assess.Yes, "oui": assess.Yes,
	"no": assess.No, "n": assess.No, "false": assess.No, "0": assess.No, "non": assess.No,
}

// parseYesNo reads the yes/no words of the README's intake contract in English and French;
// blank is Unknown.
func parseYesNo(raw string) (assess.Tristate, error) {
	s := clean(raw)
	if s == "" {
		return assess.Unknown, nil
	}
	if t, ok := yesNoWords[strings.ToLower(s)]; ok {
		return t, nil
	}
	// Numeric cells formatted as booleans come through as 1 or 0; a
	// number cell "1.0" is the same answer.
	if v, ok, err := parseNumber(s); ok && err == nil && (v == 0 || v == 1) {
		if v == 1 {
			return assess.Yes, nil
		}
		return assess.No, nil
	}
	return assess.Unknown, textErr(msg("%q is not yes or no; write yes or no", s))
}

// vocab is the words a vocabulary column accepts: every spelling, folded,
// to the value it stands for, and the spellings as written, for the "did
// you mean" of an unknown word.
type vocab[T ~string] struct {
	byKey   map[string]T
	choices suggestions
}

// newVocab builds a vocabulary from each value's other spellings; the
// value itself is always a spelling of it.
func newVocab[T ~string](spellings map[T][]string) vocab[T] {
	v := vocab[T]{byKey: map[string]T{}}
	var pairs [][2]string
	for value, words := range spellings {
		for _, w := range append([]string{string(value)}, words...) {
			k := fold(w)
			if prev, dup := v.byKey[k]; dup && prev != value {
				panic(fmt.Sprintf("ingest: %q means both %q and %q", w, prev, value))
			}
			v.byKey[k] = value
			pairs = append(pairs, [2]string{w, string(value)})
		}
	}
	v.choices = newSuggestions(pairs...)
	return v
}

// lookup reads s as one of the vocabulary's words, in any case, with or
// without accents, spaces and punctuation.
func (v vocab[T]) lookup(s string) (T, bool) {
	t, ok := v.byKey[fold(s)]
	return t, ok
}

// provinces names every province and territory by its 2-letter code.
var provinces = newVocab(map[string][]string{
	"AB": {"Alberta", "Alta"},
	"BC": {"British Columbia", "Colombie-Britannique", "B.C."},
	"MB": {"Manitoba", "Man"},
	"NB": {"New Brunswick", "Nouveau-Brunswick"},
	"NL": {"Newfoundland and Labrador", "Newfoundland", "Terre-Neuve-et-Labrador", "NF", "NFLD"},
	"NS": {"Nova Scotia", "Nouvelle-Écosse"},
	"NT": {"Northwest Territories", "Territoires du Nord-Ouest", "NWT"},
	"NU": {"Nunavut"},
	"ON": {"Ontario", "Ont"},
	"PE": {"Prince Edward Island", "Île-du-Prince-Édouard", "PEI"},
	"QC": {"Québec", "Quebec", "PQ", "Que"},
	"SK": {"Saskatchewan", "Sask"},
	"YT": {"Yukon", "Yukon Territory", "YK"},
})

// provinceCode returns the 2-letter code of a province or territory named
// or abbreviated in any case, with or without accents.
func provinceCode(s string) (string, bool) { return provinces.lookup(s) }

var statuses = newVocab(map[assess.Status][]string{
	assess.StatusWorker:     {"work permit"},
	assess.StatusStudent:    {"study permit"},
	assess.StatusVisitor:    {"visitor record"},
	assess.StatusMaintained: {"maintained status", "implied status"},
	assess.StatusRefugee:    {"asylum claimant", "asylum seeker"},
	assess.StatusNone:       {"no status", "out of status"},
})

var employmentTypes = newVocab(map[assess.EmploymentType][]string{
	assess.Employee:     {"employed", "salaried"},
	assess.SelfEmployed: {"contractor", "independent contractor", "freelance", "freelancer", "business owner"},
	assess.Volunteer:    nil,
	assess.Unpaid:       {"unpaid intern", "unpaid internship"},
	assess.Leave:        {"unpaid leave", "parental leave", "maternity leave", "sick leave", "leave without pay"},
})

// authorizationWords are the Work Authorization values and their other
// spellings, in the order the problem message lists them: every word a
// "did you mean" may offer is one of these.
var authorizationWords = []struct {
	value assess.Authorization
	also  []string
}{
	{assess.AuthOpenPermit, []string{"OWP", "open", "bridging open work permit", "BOWP", "spousal open work permit", "SOWP", "working holiday", "IEC working holiday"}},
	{assess.AuthEmployerSpecific, []string{"employer specific", "closed work permit", "closed", "LMIA", "IEC young professionals", "IEC international co-op"}},
	{assess.AuthPGWP, []string{"post-graduation work permit"}},
	{assess.AuthMaintained, []string{"maintained", "implied status"}},
	{assess.AuthPermitExempt, []string{"work permit exempt", "exempt"}},
	{assess.AuthStudyPermit, []string{"co-op work permit"}},
	{assess.AuthR186w, []string{"R186w", "awaiting PGWP", "studies completed"}},
	{assess.AuthRefugee, []string{"refugee claimant work permit"}},
	{assess.AuthNone, []string{"visitor record", "restoration", "no permit", "no authorization"}},
}

var authorizations = func() vocab[assess.Authorization] {
	m := map[assess.Authorization][]string{}
	for _, a := range authorizationWords {
		m[a.value] = a.also
	}
	return newVocab(m)
}()

// authorizationChoices is the list of accepted Work Authorization words
// the problem message prints: the words as the cell takes them, in any
// language, the "or" between them in the message's.
var authorizationChoices = func() assess.Text {
	parts := make([]assess.Text, len(authorizationWords))
	for i, a := range authorizationWords {
		parts[i] = msg("%s (or %s)", assess.Verbatim(a.value), assess.Verbatims(a.also))
		if len(a.also) == 0 {
			parts[i] = msg("%s", assess.Verbatim(a.value))
		}
	}
	return assess.Join("; ", parts...)
}()

// bareIEC are the ways of writing International Experience Canada without
// its category (folded): Working Holiday is an open work permit, Young
// Professionals and International Co-op are employer-specific.
var bareIEC = map[string]bool{"iec": true, "iecpermit": true, "iecworkpermit": true, "internationalexperiencecanada": true}

// authorization reads the Work Authorization cell; ok is false for a blank
// cell and for a problem, which names the cell.
func authorization(c *assess.Client, w *row) (assess.Authorization, bool) {
	s := w.text(assess.FieldAuthorization)
	if v, ok := authorizations.lookup(s); ok || s == "" {
		return v, ok
	}
	if bareIEC[fold(s)] {
		problem(c, w.cell(assess.FieldAuthorization), msg("%s %q does not say which International Experience Canada category the permit is; write IEC working holiday (an open work permit), IEC young professionals or IEC international co-op (employer-specific work permits), as on the permit.", w.header(assess.FieldAuthorization), s))
		return "", false
	}
	return vocabulary(c, w, assess.FieldAuthorization, authorizations, msg("a work authorization"), msg("one of: %s; or leave it blank if unknown", authorizationChoices))
}

// noConcern lists the Admissibility Concern answers that mean "none", in
// lower case with single spaces; a yes word of yesNoWords is the concern
// "yes", any other text the concern as written.
var noConcern = map[string]bool{
	"": true, "no": true, "none": true, "n": true, "non": true, "false": true, "0": true, "nil": true,
	"na": true, "n/a": true, "-": true, "none known": true, "nothing known": true,
}

// admissibilityConcern reads the Admissibility Concern cell: "" for no
// concern, "yes" for a bare yes, else the concern as written.
func admissibilityConcern(raw string) string {
	a := clean(raw)
	key := strings.ToLower(strings.Join(strings.Fields(a), " "))
	switch {
	case noConcern[key]:
		return ""
	case yesNoWords[key] == assess.Yes:
		return "yes"
	}
	return a
}

// parseNOC keeps a NOC code as written, digits only: Excel's lost leading
// zeros are the engine's to interpret.
func parseNOC(raw string) (string, error) {
	s := clean(raw)
	t := strings.ReplaceAll(s, " ", "")
	// A number cell can come back as "21231.0" from some writers.
	if strings.HasSuffix(t, ".0") && isDigits(strings.TrimSuffix(t, ".0")) {
		t = strings.TrimSuffix(t, ".0")
	}
	if !isDigits(t) || len(t) > 5 {
		return "", textErr(msg("%q is not a NOC code; write the 5-digit NOC 2021 code, for example 21231", s))
	}
	return t, nil
}
