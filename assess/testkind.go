package assess

import "strings"

// TestKind is a recognised language test. Its value is the test's name as
// the opinion prints it.
type TestKind string

// The tests Express Entry accepts (L-TEST).
const (
	TestUnknown   TestKind = ""
	IELTSGeneral  TestKind = "IELTS General Training"
	CELPIPGeneral TestKind = "CELPIP-General"
	PTECore       TestKind = "PTE Core"
	TEFCanada     TestKind = "TEF Canada"
	TCFCanada     TestKind = "TCF Canada"
)

// Tests that are recognised and refused for Express Entry (L-TEST): the
// opinion lists them as not accepted rather than as unreadable data.
const (
	IELTSAcademic    TestKind = "IELTS Academic"
	CELPIPGeneralLS  TestKind = "CELPIP-General LS"
	PTEAcademic      TestKind = "PTE Academic"
	TOEFL            TestKind = "TOEFL"
	DuolingoTest     TestKind = "Duolingo English Test"
	CAELTest         TestKind = "CAEL"
	CambridgeEnglish TestKind = "Cambridge English"
	DELFTest         TestKind = "DELF"
	DALFTest         TestKind = "DALF"
	TCFToutPublic    TestKind = "TCF tout public"
	TCFQuebec        TestKind = "TCF Québec"
	TEFAQ            TestKind = "TEFAQ"
	IELTSLifeSkills  TestKind = "IELTS Life Skills"
	// IELTSOneSkillRetake is the result of retaking one skill of an IELTS
	// test: a report of its own, which Express Entry does not take.
	IELTSOneSkillRetake TestKind = "IELTS One Skill Retake"
	OtherRefusedTest    TestKind = "other (not accepted)"
)

// Accepted reports whether k is one of the five tests Express Entry accepts.
// PTE Core is accepted only for tests taken from RuleSet.PTECoreFrom; that
// date check belongs to the rule set, not to the kind.
func (k TestKind) Accepted() bool {
	switch k {
	case IELTSGeneral, CELPIPGeneral, PTECore, TEFCanada, TCFCanada:
		return true
	}
	return false
}

// French reports whether k is a French test (its levels are NCLC).
func (k TestKind) French() bool {
	switch k {
	case TEFCanada, TCFCanada, DELFTest, DALFTest, TCFToutPublic, TCFQuebec, TEFAQ:
		return true
	}
	return false
}

// testNames maps a folded test name (see foldTestName) to its kind. Bare
// "IELTS" and "PTE" are deliberately absent: each names two tests, one
// accepted and one refused, so the paralegal must say which.
var testNames = map[string]TestKind{
	"ieltsgeneraltraining": IELTSGeneral,
	"ieltsgeneral":         IELTSGeneral,
	"ieltsgt":              IELTSGeneral,
	"ieltsg":               IELTSGeneral,
	"ieltsgentraining":     IELTSGeneral,
	"ieltsgen":             IELTSGeneral,
	"ieltsgeneraltest":     IELTSGeneral,
	"generaltrainingielts": IELTSGeneral,

	"celpipgeneral": CELPIPGeneral,
	"celpip":        CELPIPGeneral,
	"celpipg":       CELPIPGeneral,

	"ptecore": PTECore,

	"tefcanada": TEFCanada,
	"tef":       TEFCanada,

	"tcfcanada": TCFCanada,
	"tcf":       TCFCanada,

	"ieltsacademic":  IELTSAcademic,
	"ieltsa":         IELTSAcademic,
	"ieltsac":        IELTSAcademic,
	"ieltsacad":      IELTSAcademic,
	"ieltslifeskill": IELTSLifeSkills,

	"ieltslifeskills": IELTSLifeSkills,

	"ieltsoneskillretake":                IELTSOneSkillRetake,
	"ieltsgeneraltrainingoneskillretake": IELTSOneSkillRetake,
	"ieltsgtoneskillretake":              IELTSOneSkillRetake,
	"ieltsgeneraloneskillretake":         IELTSOneSkillRetake,
	"ieltsacademiconeskillretake":        IELTSOneSkillRetake,
	"ieltsosr":                           IELTSOneSkillRetake,
	"oneskillretake":                     IELTSOneSkillRetake,
	"ieltsoneskillretakegeneraltraining": IELTSOneSkillRetake,

	"celpipgeneralls":     CELPIPGeneralLS,
	"celpipls":            CELPIPGeneralLS,
	"celpipgls":           CELPIPGeneralLS,
	"pteacademic":         PTEAcademic,
	"ptea":                PTEAcademic,
	"pteacademicukvi":     PTEAcademic,
	"toefl":               TOEFL,
	"toeflibt":            TOEFL,
	"toeflpbt":            TOEFL,
	"toeflessentials":     TOEFL,
	"duolingo":            DuolingoTest,
	"duolingoenglish":     DuolingoTest,
	"duolingoenglishtest": DuolingoTest,
	"det":                 DuolingoTest,
	"cael":                CAELTest,
	"caelce":              CAELTest,
	"cambridge":           CambridgeEnglish,
	"cambridgeenglish":    CambridgeEnglish,
	"cae":                 CambridgeEnglish,
	"cpe":                 CambridgeEnglish,
	"fce":                 CambridgeEnglish,
	"c1advanced":          CambridgeEnglish,
	"c2proficiency":       CambridgeEnglish,
	"b2first":             CambridgeEnglish,
	"delf":                DELFTest,
	"dalf":                DALFTest,
	"tcftoutpublic":       TCFToutPublic,
	"tcftp":               TCFToutPublic,
	"tcfquebec":           TCFQuebec,
	"tcfq":                TCFQuebec,
	"tefaq":               TEFAQ,
	"tefquebec":           TEFAQ,
	"met":                 OtherRefusedTest, // Michigan English Test
	"oet":                 OtherRefusedTest, // Occupational English Test
	"languagecert":        OtherRefusedTest,
}

// ParseTestKind recognises a test name as written on the intake sheet: any
// case, with or without spaces, hyphens, dots, parentheses or accents
// ("IELTS-GT", "Celpip G", "TEF (Canada)", "TCF Québec"). Recognised tests
// that are not accepted return their refused kind with ok true; ok is false
// only for a name the engine does not know, which is a data problem.
func ParseTestKind(name string) (k TestKind, ok bool) {
	key := foldTestName(name)
	if key == "" {
		return TestUnknown, false
	}
	if k, ok := testNames[key]; ok {
		return k, true
	}
	// Certificates often carry a suffix ("CELPIP-General test", "TEF
	// Canada exam"); strip the words that add nothing.
	for _, suffix := range []string{"test", "exam", "examination", "certificate"} {
		if s, cut := strings.CutSuffix(key, suffix); cut && s != "" {
			if k, ok := testNames[s]; ok {
				return k, true
			}
		}
	}
	return TestUnknown, false
}

// foldTestName lower-cases name, folds the accents of French test names and
// drops everything that is not a letter or digit.
func foldTestName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range strings.ToLower(name) {
		switch r {
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'à', 'â':
			r = 'a'
		case 'î', 'ï':
			r = 'i'
		case 'ô':
			r = 'o'
		case 'û', 'ù', 'ü':
			r = 'u'
		case 'ç':
			r = 'c'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
