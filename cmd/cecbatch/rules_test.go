package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestRulesCommand(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	o := s.run("rules")
	if o.code != 0 {
		t.Fatalf("rules: exit %d\n%s", o.code, o.stderr)
	}
	for _, want := range []string{"# Canadian Experience Class", "| W-HOURS |", "| L-MIXED |", "| 7 | 6 | 6 | 6 | 6 |", "Federal High-Skilled Class",
		"## Express Entry: the CRS grid crs-2025-03-25", "| 29 | 110 | 100 |", "## Express Entry: recent rounds of invitations", "| 2026-09-29 | 446 | cec | 2000 | 518 |"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("rules output lacks %q", want)
		}
	}

	// --pdf writes on the configured paper and prints the file's name.
	s.file("cecbatch.yaml", "page_size: a4\n")
	o = s.run("rules", "--pdf", "rules.pdf")
	if o.code != 0 || strings.TrimSpace(o.stdout) != "rules.pdf" {
		t.Fatalf("rules --pdf: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	pdf, err := os.ReadFile(s.path("rules.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("rules.pdf is not an A4 PDF")
	}

	for _, bad := range [][]string{{"rules", "extra"}, {"rules", "--pdf", "rules.txt"}, {"rules", "--paper"}} {
		if o := s.run(bad...); o.code != 2 {
			t.Errorf("%q: exit %d, want 2", bad, o.code)
		}
	}
	s.file("cecbatch.yaml", "page_size: legal\n")
	if o := s.run("rules", "--pdf", "rules2.pdf"); o.code != 2 || !strings.Contains(o.stderr, "page_size") {
		t.Errorf("page_size legal: exit %d, %s", o.code, o.stderr)
	}
}
