package report

import (
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
)

func TestWriteExpressEntryRules(t *testing.T) {
	var b strings.Builder
	if err := WriteExpressEntryRules(&b, assess.BuiltinExpressEntry()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"CRS grid crs-2025-03-25: in force from 2025-03-25; last confirmed unchanged 2026-10-02",
		"    29           110 / 100\n",
		"    45 or more     0 /   0\n",
		"    master's     135 / 126\n",
		"    clb 9            31 /  29\n",
		"    5 or more     80 /  70\n",
		"Canadian work (years of 1,560 h within 10 years",
		"provincial nomination 600; arranged employment 0; sibling in Canada 15",
		"Category-based selection cbs-2026-02-18: from 2026-02-18; 1,560 h in one listed occupation within 3 years",
		"physicians (Physicians with Canadian work experience; Canada only): 31100, 31101, 31102",
		"Rounds of invitations as of 2026-10-01 (74 rounds",
		"2026-09-29  #446  cec",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the rules do not say %q", want)
		}
	}
}
