package assess

import "testing"

func TestNOCTEER(t *testing.T) {
	for _, c := range []struct {
		code    string
		teer    int
		noc2016 bool
		err     bool
	}{
		{"21231", 1, false, false},
		{"00010", 0, false, false},
		{"10010", 0, false, false},
		{"62200", 2, false, false},
		{"73300", 3, false, false},
		{"65100", 5, false, false},
		{"44101", 4, false, false},
		{" 21231 ", 1, false, false},
		{"10", 0, false, false},  // 00010 with Excel's zeros lost
		{"111", 0, true, false},  // 0111, a NOC 2016 management code
		{"0111", 0, true, false}, // NOC 2016 skill type 0
		{"2173", 1, true, false}, // skill level A
		{"6211", 2, true, false}, // skill level B: TEER 2 or 3
		{"7321", 2, true, false},
		{"6421", -1, true, true}, // C: not mapped, a data error
		{"7511", -1, true, true}, // C (became 73300, TEER 3)
		{"6611", -1, true, true}, // D
		{"6711", -1, true, true},
		{"2873", -1, true, true},
		{"27000", -1, false, true}, // TEER 7 does not exist
		{"", -1, false, true},
		{"21A31", -1, false, true},
		{"212310", -1, false, true},
	} {
		teer, n16, err := NOCTEER(c.code)
		if teer != c.teer || n16 != c.noc2016 || (err != nil) != c.err {
			t.Errorf("NOCTEER(%q) = %d, %v, %v; want %d, %v, err %v", c.code, teer, n16, err, c.teer, c.noc2016, c.err)
		}
	}
}

func TestNOCCanonical(t *testing.T) {
	for in, want := range map[string]string{"10": "00010", "111": "0111", "21231": "21231", "7": "00007"} {
		if got := nocCanonical(in); got != want {
			t.Errorf("nocCanonical(%q) = %q, want %q", in, got, want)
		}
	}
}
