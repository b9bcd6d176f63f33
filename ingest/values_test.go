package ingest

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in       string
		date1904 bool
		order    dateOrder
		want     string // "" with err == "" means blank
		err      string // a word the error must contain; "" for no error
	}{
		{in: "", want: ""},
		{in: " \u00a0 ", want: ""},
		{in: "45292", want: "2024-01-01"},
		{in: "45292.75", want: "2024-01-01"}, // a time of day is dropped
		{in: "43830", date1904: true, want: "2024-01-01"},
		{in: "61", want: "1900-03-01"},
		{in: "2024-03-15", want: "2024-03-15"},
		{in: "2024/3/5", want: "2024-03-05"},
		{in: "2024.03.15", want: "2024-03-15"},
		{in: "2024-03-15T00:00:00", want: "2024-03-15"},
		{in: "2024-03-15 00:00:00", want: "2024-03-15"},
		{in: "15 Mar 2024", want: "2024-03-15"},
		{in: "15 March 2024", want: "2024-03-15"},
		{in: "15-Sep-2024", want: "2024-09-15"},
		{in: "Mar 15, 2024", want: "2024-03-15"},
		{in: "September 5, 2024", want: "2024-09-05"},
		{in: "sept. 5 2024", want: "2024-09-05"},
		{in: "\u00a015/03/2024\u00a0", want: "2024-03-15"}, // unambiguous: 15 is no month
		{in: "03/15/2024", want: "2024-03-15"},
		{in: "04.04.2024", want: "2024-04-04"}, // the same both ways
		{in: "03/04/2024", err: "ambiguous"},
		{in: "03/04/2024", order: orderDMY, want: "2024-04-03"},
		{in: "03/04/2024", order: orderMDY, want: "2024-03-04"},
		{in: "03/15/2024", order: orderDMY, err: "day/month/year"},
		{in: "13/14/2024", err: "neither"},
		{in: "29/02/2023", err: "not a real day"},
		{in: "29/02/2024", want: "2024-02-29"},
		{in: "2024-02-30", err: "not a real day"},
		{in: "2024-00-10", err: "no month 0"},
		{in: "03/04/24", err: "four digits"},
		{in: "1/2/3/4", err: "not a date"},
		{in: "20240315", err: "a number, not a date"},
		{in: "0", err: "a number, not a date"},
		{in: "-5", err: "a number, not a date"},
		{in: "1e300", err: "a number, not a date"},
		{in: "0224-03-15", err: "year 224"},
		{in: "soon", err: "not a date"},
		{in: "Smarch 3, 2024", err: "not a date"},
		{in: "31 April 2024", err: "not a date"},
		{in: "March 3rd, 2025", want: "2025-03-03"},
		{in: "3rd March 2025", want: "2025-03-03"},
		{in: "1st Jan 2024", want: "2024-01-01"},
		{in: "January 22nd, 2024", want: "2024-01-22"},
		{in: "11th of November 2024", want: "2024-11-11"},
		{in: "31st April 2024", err: "not a date"},
		{in: "3rdd March 2025", err: "not a date"},
		{in: "March 3rd", err: "not a date"},
		{in: "1/9/2022", err: "2022-09-01 or 1 Sep 2022 if it is 1 September"},
		{in: "0/5/2022", err: "not a real day"},
		{in: "12/31/2024", want: "2024-12-31"},
		{in: "31/12/2024", order: orderMDY, err: "month/day/year"},
	}
	for _, tc := range cases {
		got, err := parseDate(tc.in, tc.date1904, tc.order)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("parseDate(%q) = %s, %v; want an error containing %q", tc.in, got, err, tc.err)
			}
		case err != nil:
			t.Errorf("parseDate(%q): %v", tc.in, err)
		case got.String() != tc.want:
			t.Errorf("parseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
		bad  bool
	}{
		{"", 0, false, false},
		{" 40 ", 40, true, false},
		{"37.5", 37.5, true, false},
		{"37,5", 37.5, true, false},
		{"\u00a037,5\u00a0", 37.5, true, false},
		{"1E1", 10, true, false},
		{"37.500000000000007", 37.500000000000007, true, false},
		{"1,234.5", 0, true, true},
		{"1.2.3", 0, true, true},
		{"forty", 0, true, true},
		{"Inf", 0, true, true},
		{"NaN", 0, true, true},
		{"0x10", 0, true, true},
		{"1_000", 0, true, true},
		{"40h", 0, true, true},
	}
	for _, tc := range cases {
		got, ok, err := parseNumber(tc.in)
		if ok != tc.ok || (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("parseNumber(%q) = %v, %v, %v; want %v, %v, bad=%v", tc.in, got, ok, err, tc.want, tc.ok, tc.bad)
		}
	}
}

func TestParseHours(t *testing.T) {
	for in, want := range map[string]float64{
		"40": 40, " 40 ": 40, "37,5": 37.5, "40h": 40, "40 h": 40, "40H": 40, "40 hrs": 40, "40 hrs.": 40, "40 hours": 40,
		"40 hours/week": 40, "40 hrs/wk": 40, "37.5 h per week": 37.5, "37,5h/w": 37.5, "40 a week": 40, "20 hour": 20,
		"35 heures": 35, "35 h/semaine": 35, "\u00a040h\u00a0": 40,
	} {
		if got, ok, err := parseHours(in); !ok || err != nil || got != want {
			t.Errorf("parseHours(%q) = %v, %v, %v; want %v", in, got, ok, err, want)
		}
	}
	for _, in := range []string{"40-45", "40/80", "40 - 45 h", "40h 45", "h40", "40 weeks", "40 hours/day", "40/", "40 per", "forty hours", "40 hrs/wk/wk", "1,234.5h"} {
		if v, ok, err := parseHours(in); !ok || err == nil {
			t.Errorf("parseHours(%q) = %v, %v, %v; want an error", in, v, ok, err)
		}
	}
	if _, ok, err := parseHours(" "); ok || err != nil {
		t.Errorf("a blank cell is not ok and not an error")
	}
}

func TestNumericOrder(t *testing.T) {
	for _, tc := range []struct {
		in        string
		order     dateOrder
		ambiguous bool
	}{
		{"14/08/1994", orderDMY, false},
		{"08/14/1994", orderMDY, false},
		{"25.12.2018", orderDMY, false},
		{"1/9/2022", orderUnset, true},
		{"5/5/2022", orderUnset, false},
		{"31/02/2024", orderUnset, false}, // no reading is a real day
		{"2022-09-01", orderUnset, false},
		{"45292", orderUnset, false},
		{"14/08/94", orderUnset, false},
		{"", orderUnset, false},
	} {
		if o, amb := numericOrder(tc.in); o != tc.order || amb != tc.ambiguous {
			t.Errorf("numericOrder(%q) = %v, %v; want %v, %v", tc.in, o, amb, tc.order, tc.ambiguous)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	for in, want := range map[string]assess.Tristate{
		"": assess.Unknown, "yes": assess.Yes, "Y": assess.Yes, "TRUE": assess.Yes, "1": assess.Yes, "x": assess.Yes, "Oui": assess.Yes,
		"no": assess.No, "N": assess.No, "false": assess.No, "0": assess.No, "NON": assess.No, " no\u00a0": assess.No, "1.0": assess.Yes,
	} {
		if got, err := parseYesNo(in); err != nil || got != want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"maybe", "2", "yes!", "si"} {
		if _, err := parseYesNo(in); err == nil {
			t.Errorf("parseYesNo(%q) accepted", in)
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	cases := []struct {
		spec   *sheetSpec
		header string
		field  string // "" = not matched
	}{
		{employmentSpec, "Hours/Week", assess.FieldHours},
		{employmentSpec, "hours per week", assess.FieldHours},
		{employmentSpec, "Hours per week (avg)", assess.FieldHours},
		{employmentSpec, "HRS / WK", assess.FieldHours},
		{employmentSpec, " Start\u00a0Date ", assess.FieldStart},
		{employmentSpec, "NOC 2021", assess.FieldNOC},
		{employmentSpec, "Province", assess.FieldLocation},
		{employmentSpec, "City", assess.FieldLocation},
		{employmentSpec, "Permit Expiry", assess.FieldPermitExpiry},
		{employmentSpec, "Permit Valid Until", assess.FieldPermitExpiry},
		{employmentSpec, "Work Permit Expiry", assess.FieldPermitExpiry},
		{employmentSpec, "Permit Expiry Date", assess.FieldPermitExpiry},
		{employmentSpec, "permit expiry (yyyy-mm-dd)", assess.FieldPermitExpiry},
		{employmentSpec, "Permit", assess.FieldAuthorization},
		{clientsSpec, "Province", assess.FieldProvince},
		{clientsSpec, "File No.", assess.FieldClientID},
		{clientsSpec, "DOB (yyyy-mm-dd)", assess.FieldDateOfBirth},
		{clientsSpec, "given_names", assess.FieldGivenNames},
		{testsSpec, "l", assess.FieldListening},
		{testsSpec, "Date", assess.FieldTestDate},
		{studySpec, "Full Time", assess.FieldFullTime},
		{studySpec, "FT?", assess.FieldFullTime},
		{studySpec, "Supervisor", ""},
		{employmentSpec, "Hours (", assess.FieldHours},
		{employmentSpec, "Hours worked", ""},
	}
	for _, tc := range cases {
		col := tc.spec.column(tc.header)
		got := ""
		if col != nil {
			got = col.field
		}
		if got != tc.field {
			t.Errorf("%s: header %q matched %q, want %q", tc.spec.name, tc.header, got, tc.field)
		}
	}
	for _, name := range []string{"Clients", "CLIENT", "applicants", "Language Tests", "language_tests", "Test-Scores", "Work History", "WORK_HISTORY", "Studies"} {
		n := 0
		for _, s := range sheetSpecs {
			if s.matches(name) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("sheet %q matched %d sheets, want 1", name, n)
		}
	}
}

func TestProvinces(t *testing.T) {
	for in, want := range map[string]string{
		"QC": "QC", "qc": "QC", "Québec": "QC", "quebec": "QC", "QUÉBEC": "QC", "Ontario": "ON", "british columbia": "BC",
		"Île-du-Prince-Édouard": "PE", "Nouvelle-Écosse": "NS", "N.W.T.": "NT", "Yukon": "YT", "NL": "NL",
	} {
		if got, ok := provinceCode(in); !ok || got != want {
			t.Errorf("provinceCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Texas", "", "Canada", "Ontario Street"} {
		if got, ok := provinceCode(in); ok {
			t.Errorf("provinceCode(%q) = %q, want not found", in, got)
		}
	}
}

func TestParseNOC(t *testing.T) {
	for in, want := range map[string]string{"21231": "21231", "111": "111", " 2173 ": "2173", "21 231": "21231", "21231.0": "21231", "00010": "00010"} {
		if got, err := parseNOC(in); err != nil || got != want {
			t.Errorf("parseNOC(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"212311", "2123A", "21231.5", "-1"} {
		if _, err := parseNOC(in); err == nil {
			t.Errorf("parseNOC(%q) accepted", in)
		}
	}
}

// The codes ingest writes into Client.Province are the ones the engine
// knows: a code it lacked would read as "not a province" in every opinion.
func TestProvinceCodesAreTheEngines(t *testing.T) {
	rs := assess.Current()
	known := map[string]bool{}
	for _, code := range rs.Provinces {
		known[code] = true
		if got, ok := provinceCode(code); !ok || got != code {
			t.Errorf("provinceCode(%q) = %q, %v: the engine's code is not read as itself", code, got, ok)
		}
	}
	for name, code := range provinces.byKey {
		if !known[code] {
			t.Errorf("%q is read as %q, which the engine does not know", name, code)
		}
	}
	if got, _ := provinceCode("Québec"); got != rs.QuebecCode {
		t.Errorf("Québec is read as %q, the engine's Quebec code is %q", got, rs.QuebecCode)
	}
}
