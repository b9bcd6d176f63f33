package assess

import (
	"math"
	"strings"
)

// This file reads the language tests: which are accepted (L-TEST), their
// scores against each test's scale, their CLB/NCLC levels (L-LEVEL) and
// validity on A (L-VALID).

// AbilityField maps an ability to its column on the Language Tests sheet.
var AbilityField = [4]string{FieldListening, FieldReading, FieldWriting, FieldSpeaking}

// testPlan is a usable accepted test for the projections.
type testPlan struct {
	index         int  // in Client.Tests
	taken, expiry Date // valid on F when taken <= F < expiry
	level         int
}

// Refusal says why a test of kind taken on testDate is not accepted for
// Express Entry (L-TEST); empty when it is accepted.
func (rs *RuleSet) Refusal(kind TestKind, testDate Date) Text {
	if kind == PTECore && testDate != 0 && testDate < rs.PTECoreFrom {
		return msg("PTE Core is accepted only for tests taken on or after %s", rs.PTECoreFrom)
	}
	if kind.Accepted() {
		return Text{}
	}
	if r := rs.Refusals[kind]; !r.IsZero() {
		return r
	}
	return msg("%s is not accepted for Express Entry", string(kind))
}

// ValidateScore checks one ability's score against its test's scale. The
// error, when not nil, is a sentence for the paralegal; the engine turns it
// into a DATA finding on the score's cell. Only accepted tests are checked:
// a refused test's scores are never read. ingest reads the number; whether
// it is a possible score is decided here, once.
func (rs *RuleSet) ValidateScore(kind TestKind, testDate Date, a Ability, s Score) error {
	t := rs.Table(kind, testDate)
	if t == nil {
		return textErr(msg("%s taken on %s has no conversion table", string(kind), testDate))
	}
	if s.Label != "" {
		label := strings.ToUpper(strings.TrimSpace(s.Label))
		for _, l := range t.BelowLabels {
			if label == l {
				return nil
			}
		}
		return textErr(msg("the %s score %q is not a number (%s)", a.Text(), s.Label, t.ScaleNote))
	}
	sc := t.Scale[a]
	v := s.Value
	if !t.AboveMax.IsZero() && v > sc.Max {
		return textErr(msg("the %s score %s is above %s, the most a %s %s score can be: %s",
			a.Text(), s, Num(sc.Max), string(kind), a.Text(), t.AboveMax))
	}
	if math.IsNaN(v) || v < sc.Min || v > sc.Max {
		return textErr(msg("the %s score %s is outside the %s scale of %s to %s (%s)",
			a.Text(), s, string(kind), Num(sc.Min), Num(sc.Max), t.ScaleNote))
	}
	if sc.Step > 0 {
		q := (v - sc.Min) / sc.Step
		if math.Abs(q-math.Round(q)) > 1e-9 {
			return textErr(msg("the %s score %s is not a possible %s score (%s)", a.Text(), s, string(kind), t.ScaleNote))
		}
	}
	return nil
}

// CLB returns the CLB (NCLC for French tests) level of one ability's score
// on a test of kind taken on testDate: the highest row of the test's table
// whose minimum the score meets, or 0 below CLB 4. err is set when the test
// is not accepted or the score is not on the test's scale.
func (rs *RuleSet) CLB(kind TestKind, testDate Date, a Ability, s Score) (level int, err error) {
	if r := rs.Refusal(kind, testDate); !r.IsZero() {
		return 0, textErr(r)
	}
	if err := rs.ValidateScore(kind, testDate, a, s); err != nil {
		return 0, err
	}
	if s.Label != "" {
		return 0, nil
	}
	return rs.Table(kind, testDate).Level(a, s.Value), nil
}

// readTests reads every test: kind, acceptance, scores, levels, validity.
func (e *engine) readTests() {
	c, rs := e.c, e.rs
	e.as.Tests = make([]TestResult, len(c.Tests))
	cite := rs.Citations[RuleLevel]
	best := -1
	for i := range c.Tests {
		t := &c.Tests[i]
		tr := &e.as.Tests[i]
		tr.Index = i
		usable := !e.rowProblem(t.Ref)
		kind := t.Kind
		if kind == TestUnknown {
			k, ok := ParseTestKind(t.Name)
			if !ok {
				e.addData(t.Ref.Cell(FieldTest), cite, msg("The test name %q is not a known test: write %s, or the name of the test taken.", t.Name, rs.AcceptedTestsText), -1, i)
				tr.Why = msg("unknown test")
				e.badTests = append(e.badTests, i)
				continue
			}
			kind = k
		}
		tr.Kind = kind
		label := TestLabel(kind, t.Date)
		if t.Date == 0 {
			e.addData(t.Ref.Cell(FieldTestDate), cite, msg("The date of the %s test is blank or unreadable.", string(kind)), -1, i)
			tr.Why = msg("no test date")
			e.badTests = append(e.badTests, i)
			continue
		}
		tr.ValidUntil = t.Date.AddYears(rs.TestValidityYears) - 1
		if r := rs.Refusal(kind, t.Date); !r.IsZero() {
			tr.Refused = r
			tr.Why = msg("not accepted")
			e.add(Finding{Code: RuleTest, Kind: KindNote, Cell: t.Ref.Cell(FieldTest), Job: -1, Test: i,
				Text: msg("The %s is not used: %s.", label, r)})
			continue
		}
		tr.Accepted = true
		for _, a := range Abilities {
			if err := rs.ValidateScore(kind, t.Date, a, t.Scores[a]); err != nil {
				e.addData(t.Ref.Cell(AbilityField[a]), cite, msg("%s: %s.", label.Capitalized(), ErrorText(err)), -1, i)
				usable = false
				continue
			}
			if t.Scores[a].Label == "" {
				tr.CLB[a] = rs.Table(kind, t.Date).Level(a, t.Scores[a].Value)
			}
		}
		tr.Level = min(tr.CLB[0], tr.CLB[1], tr.CLB[2], tr.CLB[3])
		if !usable {
			tr.Why = msg("data problem on its row")
			tr.Level, tr.CLB = 0, [4]int{}
			e.badTests = append(e.badTests, i)
			continue
		}
		expiry := tr.ValidUntil + 1
		e.tests = append(e.tests, testPlan{index: i, taken: t.Date, expiry: expiry, level: tr.Level})
		switch {
		case t.Date > e.A && !e.as.FromAsOf:
			// An application dated A cannot rest on a later test.
			tr.Why = msg("taken after the application date %s", e.A)
			e.add(Finding{Code: RuleValid, Kind: KindNote, Cell: t.Ref.Cell(FieldTestDate), Job: -1, Test: i,
				Text: msg("The %s, taken after the application date %s, cannot support that application; the projections use it only from its date.", label, e.A)})
		case t.Date > e.A:
			tr.Why = msg("taken after the assessment date %s", e.A)
			e.add(Finding{Code: RuleValid, Kind: KindNote, Cell: t.Ref.Cell(FieldTestDate), Job: -1, Test: i,
				Text: msg("The %s was taken after the assessment date %s, so it is not used now; the projections use it from its date.", label, e.A)})
		case e.A >= expiry:
			tr.Why = msg("expired: valid until %s", tr.ValidUntil)
			e.add(Finding{Code: RuleValid, Kind: KindNote, Cell: t.Ref.Cell(FieldTestDate), Job: -1, Test: i,
				Text: msg("The %s is no longer valid: results may be used until %s, %s years after the test, and the assessment date is %s.", label, tr.ValidUntil, Spelled(rs.TestValidityYears), e.A)})
		default:
			tr.Valid = true
			if best < 0 || tr.Level > e.as.Tests[best].Level ||
				(tr.Level == e.as.Tests[best].Level && tr.ValidUntil > e.as.Tests[best].ValidUntil) {
				best = i
			}
		}
	}
	if best >= 0 {
		tb := &e.as.Tests[best]
		tb.Best = true
		t := &c.Tests[best]
		parts := make([]Text, 4)
		for _, a := range Abilities {
			parts[a] = msg("%s %s (%s)", a.Text(), t.Scores[a], clbName(tb.Kind, tb.CLB[a]))
		}
		e.add(Finding{Code: RuleLevel, Kind: KindNote, Cell: t.Ref.RowCell(), Job: -1, Test: best,
			Text: msg("The best valid test is the %s, valid until %s: %s. A test's level is its lowest ability: %s.",
				TestLabel(tb.Kind, t.Date), tb.ValidUntil, Join(", ", parts...), levelName(tb))})
	}
}

// bestTest returns the test the client's level on A comes from, or nil.
func (e *engine) bestTest() (*Test, *TestResult) {
	for i := range e.as.Tests {
		if e.as.Tests[i].Best {
			return &e.c.Tests[i], &e.as.Tests[i]
		}
	}
	return nil, nil
}

// languageFailure explains why the language requirement is not met.
func (e *engine) languageFailure(st dayState, need int) (code string, text Text) {
	c, rs := e.c, e.rs
	if best, tr := e.bestTest(); best != nil {
		what := msg("TEER 0/1 experience")
		switch {
		case st.required == 0:
			what = msg("any CEC work")
		case st.both:
			what = msg("the work in the window under every reading of L-MIXED")
		case st.required == rs.CLBSkilled:
			what = msg("TEER 2/3 experience")
		}
		return RuleThresh, msg("The language level, %s on the %s, is below the %s %d required for %s.",
			levelName(tr), TestLabel(tr.Kind, best.Date), scaleName(tr), need, what)
	}
	accepted, expired := 0, 0
	for _, tr := range e.as.Tests {
		if tr.Accepted {
			accepted++
			if tr.ValidUntil != 0 && tr.ValidUntil < e.A {
				expired++
			}
		}
	}
	switch {
	case len(c.Tests) == 0:
		return RuleTest, msg("No language test is recorded: the client needs %s results.", rs.AcceptedTestsText)
	case accepted == 0:
		return RuleTest, msg("No accepted language test is recorded: Express Entry accepts only %s.", rs.AcceptedTestsText)
	case expired > 0:
		return RuleValid, msg("No accepted test is valid on %s: results are valid for %s years after the test date, and the client needs a new test.", e.A, Spelled(rs.TestValidityYears))
	}
	return RuleValid, msg("No accepted test can be used on %s (see the test findings).", e.A)
}
