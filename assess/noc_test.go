package assess

import (
	"strings"
	"testing"
)

// TestReadNOC: a code is read against NOC 2021 V1.0 and the NOC 2016
// concordance shipped with the rule set, never from its digits: a code of
// the right shape that is no unit group is a data error naming the nearest
// real codes (one digit away, or the same first three digits).
func TestReadNOC(t *testing.T) {
	for _, c := range []struct {
		code    string
		want    string // canonical code
		teer    int
		noc2016 bool
		err     string // part of the error, "" for none
	}{
		{"21231", "21231", 1, false, ""},
		{"00010", "00010", 0, false, ""},
		{"10010", "10010", 0, false, ""},
		{"62200", "62200", 2, false, ""},
		{"73300", "73300", 3, false, ""},
		{"65100", "65100", 5, false, ""},
		{"44101", "44101", 4, false, ""},
		{" 21231 ", "21231", 1, false, ""},
		{"10", "00010", 0, false, ""}, // Excel lost the zeros of 00010
		{"21999", "21999", -1, false, "nearest real codes: 21399 Other professional engineers"},
		{"10000", "10000", -1, false, "10010 Financial managers; 10020"},
		{"13999", "13999", -1, false, "no real code is within one digit"},
		{"99", "00099", -1, false, "not a unit group"},
		{"27000", "27000", -1, false, "not a unit group"},
		// NOC 2016 through the concordance.
		{"111", "0111", 0, true, ""},  // 0111 → 10010, a lost leading zero
		{"0111", "0111", 0, true, ""}, // → 10010
		{"2173", "2173", 1, true, ""}, // → 21211, 21231: both TEER 1
		{"3012", "3012", 1, true, ""}, // → 31301
		{"6211", "6211", 2, true, ""}, // → 62010
		{"7511", "7511", 3, true, ""}, // → 73300, TEER 3 (was skill level C)
		{"6421", "6421", 4, true, ""}, // → 64100, TEER 4: read, and W-SKILL excludes it
		{"1215", "1215", -1, true, "12013 Supervisors, supply chain, tracking and scheduling coordination occupations, TEER 2"},
		{"2999", "2999", -1, true, "not a NOC 2016 unit group"},
		{"", "", -1, false, "blank"},
		{"21A31", "", -1, false, "not a number"},
		{"212310", "", -1, false, "6 digits"},
	} {
		r, err := rules.ReadNOC(c.code)
		if r.Code != c.want || r.TEER != c.teer || r.NOC2016 != c.noc2016 || (err != nil) != (c.err != "") {
			t.Errorf("ReadNOC(%q) = %+v, %v; want %s TEER %d noc2016 %v err %q", c.code, r, err, c.want, c.teer, c.noc2016, c.err)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("ReadNOC(%q): %v, want %q", c.code, err, c.err)
		}
	}
}

// TestNOCTable: the shipped data is the whole classification and the whole
// concordance, with its titles.
func TestNOCTable(t *testing.T) {
	units, codes16, links := rules.NOC.Len()
	if units != 516 || codes16 != 500 || links != 585 {
		t.Errorf("%d unit groups, %d NOC 2016 codes, %d links; want 516, 500, 585", units, codes16, links)
	}
	if got := rules.NOC.Title("64300"); got != "Maîtres d'hôtel and hosts/hostesses" {
		t.Errorf("title of 64300: %q", got)
	}
	spanning := 0
	for _, c := range rules.NOC.codes16 {
		if _, err := rules.ReadNOC(c); err != nil {
			spanning++
		}
	}
	if spanning != 23 {
		t.Errorf("%d NOC 2016 codes span TEER groups, want 23", spanning)
	}
}

func TestNOCCanonical(t *testing.T) {
	for in, want := range map[string]string{"10": "00010", "111": "0111", "21231": "21231", "7": "00007"} {
		if got := nocCanonical(in); got != want {
			t.Errorf("nocCanonical(%q) = %q, want %q", in, got, want)
		}
	}
}
