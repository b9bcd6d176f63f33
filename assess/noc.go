package assess

import (
	"errors"
	"fmt"
	"strings"
)

// NOCTEER returns the TEER of an occupation code as written on the intake
// sheet.
//
//   - A 5-digit code is NOC 2021: its second digit is the TEER (codes
//     starting 00 are senior managers, TEER 0).
//   - A 1- or 2-digit code is a NOC 2021 senior management code whose leading
//     zeros Excel dropped ("10" is 00010): TEER 0.
//   - A 4-digit code is NOC 2016, mapped by skill level with noc2016 set: a
//     leading 0 is skill type 0 (TEER 0); otherwise the second digit gives the
//     skill level, 0–1 = A (TEER 1), 2–3 = B (TEER 2; B became TEER 2 or 3).
//     Skill levels C (4–5) and D (6–7) are not mapped: some C occupations
//     became TEER 3 (7511 → 73300), so err asks for the NOC 2021 code,
//     never "TEER 4, not counted". A 3-digit code is a NOC 2016
//     management code that lost its leading zero ("111" is 0111): TEER 0.
//
// err is set for a blank code or one that is not a NOC code; its text is a
// sentence a paralegal can act on.
func NOCTEER(code string) (teer int, noc2016 bool, err error) {
	c := strings.TrimSpace(code)
	if c == "" {
		return -1, false, errors.New("the NOC code is blank")
	}
	for i := 0; i < len(c); i++ {
		if c[i] < '0' || c[i] > '9' {
			return -1, false, fmt.Errorf("NOC code %q is not a number: enter the 5-digit NOC 2021 code", code)
		}
	}
	switch len(c) {
	case 1, 2:
		return 0, false, nil
	case 3:
		return 0, true, nil
	case 4:
		if c[0] == '0' {
			return 0, true, nil
		}
		switch c[1] {
		case '0', '1':
			// The professional major groups of NOC 2016 are 11, 21, 30,
			// 31, 40, 41 and 51: a second digit of 0 (3012 registered
			// nurses, 4011 university professors) is skill level A too.
			return 1, true, nil
		case '2', '3':
			return 2, true, nil
		case '4', '5':
			return -1, true, fmt.Errorf("NOC 2016 code %s is skill level C, which has no single NOC 2021 TEER (some skill level C occupations became TEER 3, e.g. 7511 transport truck drivers became 73300): enter the 5-digit NOC 2021 code", c)
		case '6', '7':
			return -1, true, fmt.Errorf("NOC 2016 code %s is skill level D, which has no single NOC 2021 TEER: enter the 5-digit NOC 2021 code", c)
		}
		return -1, true, fmt.Errorf("NOC 2016 code %s has no skill level (its second digit must be 1 to 7): enter the 5-digit NOC 2021 code", c)
	case 5:
		t := int(c[1] - '0')
		if t > 5 {
			return -1, false, fmt.Errorf("NOC code %s is not a NOC 2021 code (its second digit, the TEER, must be 0 to 5)", c)
		}
		return t, false, nil
	}
	return -1, false, fmt.Errorf("NOC code %q has %d digits: enter the 5-digit NOC 2021 code", code, len(c))
}

// nocCanonical returns the code with the leading zeros Excel dropped put
// back ("10" → "00010", "111" → "0111"), for the opinion's text.
func nocCanonical(code string) string {
	c := strings.TrimSpace(code)
	switch len(c) {
	case 1, 2:
		return strings.Repeat("0", 5-len(c)) + c
	case 3:
		return "0" + c
	}
	return c
}

// teerAgrees reports whether a TEER column value agrees with the code's
// TEER. A NOC 2016 skill level B code maps to TEER 2 or 3, so either agrees.
func teerAgrees(column, fromCode int, noc2016 bool) bool {
	if column == fromCode {
		return true
	}
	return noc2016 && fromCode == 2 && column == 3
}
