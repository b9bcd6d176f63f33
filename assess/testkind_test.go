package assess

import (
	"strings"
	"testing"
)

func TestParseTestKind(t *testing.T) {
	for _, c := range []struct {
		name string
		want TestKind
		ok   bool
	}{
		{"IELTS General Training", IELTSGeneral, true},
		{"IELTS GT", IELTSGeneral, true},
		{"ielts general", IELTSGeneral, true},
		{"IELTS-G", IELTSGeneral, true},
		{" ielts  g.t. ", IELTSGeneral, true},
		{"CELPIP-General", CELPIPGeneral, true},
		{"CELPIP", CELPIPGeneral, true},
		{"celpip-g", CELPIPGeneral, true},
		{"CELPIP General test", CELPIPGeneral, true},
		{"PTE Core", PTECore, true},
		{"pte-core", PTECore, true},
		{"TEF Canada", TEFCanada, true},
		{"TEF", TEFCanada, true},
		{"TEF (Canada)", TEFCanada, true},
		{"TCF Canada", TCFCanada, true},
		{"tcf", TCFCanada, true},
		{"IELTS Academic", IELTSAcademic, true},
		{"IELTS-A", IELTSAcademic, true},
		{"CELPIP-General LS", CELPIPGeneralLS, true},
		{"CELPIP LS", CELPIPGeneralLS, true},
		{"PTE Academic", PTEAcademic, true},
		{"TOEFL iBT", TOEFL, true},
		{"Duolingo English Test", DuolingoTest, true},
		{"CAEL CE", CAELTest, true},
		{"Cambridge C1 Advanced", TestUnknown, false},
		{"C1 Advanced", CambridgeEnglish, true},
		{"DELF", DELFTest, true},
		{"DALF", DALFTest, true},
		{"TCF tout public", TCFToutPublic, true},
		{"TCF Québec", TCFQuebec, true},
		{"TEFAQ", TEFAQ, true},
		{"IELTS One Skill Retake", IELTSOneSkillRetake, true},
		{"IELTS General Training One Skill Retake", IELTSOneSkillRetake, true},
		{"ielts gt - one skill retake", IELTSOneSkillRetake, true},
		{"IELTS OSR", IELTSOneSkillRetake, true},
		{"IELTS", TestUnknown, false}, // General Training or Academic? ask
		{"PTE", TestUnknown, false},
		{"", TestUnknown, false},
		{"English test", TestUnknown, false},
	} {
		got, ok := ParseTestKind(c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseTestKind(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
		if ok && got.Accepted() != (got == IELTSGeneral || got == CELPIPGeneral || got == PTECore || got == TEFCanada || got == TCFCanada) {
			t.Errorf("%s: Accepted() = %v", got, got.Accepted())
		}
	}
}

// TestOneSkillRetakeIsRefusedWithItsReason: an IELTS One Skill Retake is
// recognised, never accepted, and the rule set says why in the words the
// opinion and the rule book print.
func TestOneSkillRetakeIsRefusedWithItsReason(t *testing.T) {
	rs := Current()
	if IELTSOneSkillRetake.Accepted() {
		t.Fatal("IELTS One Skill Retake is accepted")
	}
	r := rs.Refusal(IELTSOneSkillRetake, MustDate("2025-03-01")).String()
	for _, w := range []string{"IELTS One Skill Retake", "not accepted for Express Entry", "Economic Mobility Pathways Pilot"} {
		if !strings.Contains(r, w) {
			t.Errorf("the refusal %q does not say %q", r, w)
		}
	}
	if rs.Refusals[IELTSOneSkillRetake].String() != r {
		t.Errorf("the rule book's list does not carry the reason: %q", rs.Refusals[IELTSOneSkillRetake])
	}
}
