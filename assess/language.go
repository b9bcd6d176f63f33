package assess

import (
	"fmt"
	"math"
	"strings"
)

// abilityField maps an ability to its column on the Language Tests sheet.
var abilityField = [4]string{FieldListening, FieldReading, FieldWriting, FieldSpeaking}

// Refusal says why a test of kind taken on testDate is not accepted for
// Express Entry (L-TEST), or "" when it is accepted.
func (rs *RuleSet) Refusal(kind TestKind, testDate Date) string {
	if kind == PTECore && testDate != 0 && testDate < rs.PTECoreFrom {
		return fmt.Sprintf("PTE Core is accepted only for tests taken on or after %s", rs.PTECoreFrom)
	}
	if kind.Accepted() {
		return ""
	}
	if r := rs.Refusals[kind]; r != "" {
		return r
	}
	return fmt.Sprintf("%s is not accepted for Express Entry", kind)
}

// ValidateScore checks one ability's score against its test's scale. The
// error, when not nil, is a sentence for the paralegal; the engine turns it
// into a DATA finding on the score's cell. Only accepted tests are checked:
// a refused test's scores are never read.
func (rs *RuleSet) ValidateScore(kind TestKind, testDate Date, a Ability, s Score) error {
	t := rs.Table(kind, testDate)
	if t == nil {
		return fmt.Errorf("%s taken on %s has no conversion table", kind, testDate)
	}
	if s.Label != "" {
		label := strings.ToUpper(strings.TrimSpace(s.Label))
		for _, l := range t.BelowLabels {
			if label == l {
				return nil
			}
		}
		return fmt.Errorf("the %s score %q is not a number (%s)", a, s.Label, t.ScaleNote)
	}
	sc := t.Scale[a]
	v := s.Value
	if math.IsNaN(v) || v < sc.Min || v > sc.Max {
		if kind == TEFCanada && t.Before != 0 && v > sc.Max && v <= 699 {
			return fmt.Errorf("the %s score %s is above the old TEF scale maximum of %s for a test taken before %s: %s",
				a, s, fmtNum(sc.Max), rs.TEFScaleChange, t.ScaleNote)
		}
		return fmt.Errorf("the %s score %s is outside the %s scale of %s to %s (%s)",
			a, s, kind, fmtNum(sc.Min), fmtNum(sc.Max), t.ScaleNote)
	}
	if sc.Step > 0 {
		q := (v - sc.Min) / sc.Step
		if math.Abs(q-math.Round(q)) > 1e-9 {
			return fmt.Errorf("the %s score %s is not a possible %s score (%s)", a, s, kind, t.ScaleNote)
		}
	}
	return nil
}

// CLB returns the CLB (NCLC for French tests) level of one ability's score
// on a test of kind taken on testDate: the highest row of the test's table
// whose minimum the score meets, or 0 below CLB 4. err is set when the test
// is not accepted or the score is not on the test's scale.
func (rs *RuleSet) CLB(kind TestKind, testDate Date, a Ability, s Score) (level int, err error) {
	if r := rs.Refusal(kind, testDate); r != "" {
		return 0, fmt.Errorf("%s", r)
	}
	if err := rs.ValidateScore(kind, testDate, a, s); err != nil {
		return 0, err
	}
	if s.Label != "" {
		return 0, nil
	}
	return rs.Table(kind, testDate).Level(a, s.Value), nil
}

// fmtNum formats a number without trailing zeros ("6.5", "30", "1560").
func fmtNum(v float64) string { return Score{Value: v}.String() }
