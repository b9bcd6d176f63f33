package assess

// TEMPORARY: signatures agreed between packages; the assess helper replaces
// this file with the real implementation (rules.go, tests.go, engine.go).

// TestKind is a recognised language test.
type TestKind string

const (
	TestUnknown      TestKind = ""
	IELTSGeneral     TestKind = "IELTS General Training"
	CELPIPGeneral    TestKind = "CELPIP-General"
	PTECore          TestKind = "PTE Core"
	TEFCanada        TestKind = "TEF Canada"
	TCFCanada        TestKind = "TCF Canada"
	IELTSAcademic    TestKind = "IELTS Academic"
	CELPIPGeneralLS  TestKind = "CELPIP-General LS"
	PTEAcademic      TestKind = "PTE Academic"
	OtherRefusedTest TestKind = "other (not accepted)"
)

// ParseTestKind recognises a test name as written on the intake sheet (any
// case, spaces and hyphens free). ok is false for an unknown name.
func ParseTestKind(name string) (k TestKind, ok bool) { panic("todo") }

// RuleSet is every number and table of the law, with its effective date.
type RuleSet struct {
	Name          string
	EffectiveFrom Date
}

// Current returns the rule set in force.
func Current() *RuleSet { panic("todo") }

// Assess runs the CEC rules for c. A is c.ApplicationDate, else asOf.
func (rs *RuleSet) Assess(c *Client, asOf Date) *Assessment { panic("todo") }

// NotDecided is the paragraph every opinion states: what the engine does not decide.
func (rs *RuleSet) NotDecided() string { panic("todo") }
