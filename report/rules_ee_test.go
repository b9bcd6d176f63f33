package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

func TestExpressEntryRuleBook(t *testing.T) {
	md := RuleBookMarkdown(assess.Current(), ExpressEntrySections(crs.Builtin())...)
	for _, want := range []string{
		"## Express Entry: the CRS grid crs-2025-03-25",
		"in force for assessment dates from 2025-03-25; last confirmed unchanged on 2026-10-02",
		"| 17 or less | 0 | 0 |", "| 18 | 99 | 90 |", "| 29 | 110 | 100 |", "| 44 | 6 | 5 |", "| 45 or more | 0 | 0 |",
		"| master's | 135 | 126 |", "| CLB/NCLC 9 | 31 | 29 |", "| CLB/NCLC 10 or more | 34 | 32 |",
		"at most 24 single, 22 with spouse", "| 5 or more | 80 | 70 |",
		"| Spouse's language, per ability | Points |", "| CLB/NCLC 9 | 5 |",
		"| education + language tier 9 | 25 | 50 |", "| foreign work + 2 years or more | 25 | 50 |",
		"| provincial or territorial nomination | 600 |", "| arranged employment (none since 2025-03-25) | 0 |",
		"## Express Entry: category-based selection cbs-2026-02-18",
		"| Physicians with Canadian work experience (physicians) | in Canada only | 31100, 31101, 31102 |",
		"| 2026-10-01 | 447 | trades | 3500 | 476 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the rule book does not say %q", want)
		}
	}
	// The CEC rule book comes first, the Express Entry sections after it.
	if i, j := strings.Index(md, "Not decided by the engine"), strings.Index(md, "Express Entry: the CRS grid"); i < 0 || j < i {
		t.Errorf("section order: CEC end at %d, CRS grid at %d", i, j)
	}
	var pdf bytes.Buffer
	if err := WriteRuleBookPDF(&pdf, assess.Current(), A4, ExpressEntrySections(crs.Builtin())...); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
		t.Error("not a PDF")
	}
}
