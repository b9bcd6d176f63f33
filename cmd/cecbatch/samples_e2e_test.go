package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSamplesAsAPersonOpensThem runs cecbatch on the bundled samples, as
// `make run` does, and opens what it wrote with the tools a person would:
// every PDF through pdftotext (the names must come back exactly, in every
// script) and the summary workbook through LibreOffice, which must convert
// it without error and show every client.
func TestSamplesAsAPersonOpensThem(t *testing.T) {
	t.Parallel()
	samples, err := filepath.Glob(filepath.Join("..", "..", "samples", "*.xlsx"))
	if err != nil || len(samples) == 0 {
		t.Fatalf("no sample workbooks found (%v)", err)
	}
	s := newSite(t)
	for _, src := range samples {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		s.file(filepath.Join("inbox", filepath.Base(src)), string(b))
	}
	before := snapshot(t, s.path("inbox"))
	out := s.run("run", "--as-of", "2026-11-21", "--min-age", "0s", "--keep-inputs")
	if out.code != 0 {
		t.Fatalf("exit %d, want 0\n%s", out.code, out.stderr)
	}
	if after := snapshot(t, s.path("inbox")); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("--keep-inputs changed the inbox:\nbefore %v\nafter  %v", before, after)
	}
	runDir := s.path(out.lastLine())
	if filepath.IsAbs(out.lastLine()) {
		runDir = out.lastLine()
	}

	var clients int
	for _, l := range readResults(t, runDir) {
		if l.ClientID == "" {
			continue
		}
		clients++
		if l.OpinionPDF == nil {
			t.Errorf("%s: no opinion PDF", l.ClientID)
		}
	}
	if clients < 10 {
		t.Errorf("%d clients in results.jsonl, want the samples' dozen or more", clients)
	}

	t.Run("pdftotext", func(t *testing.T) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Skip("pdftotext (poppler-utils) is not installed: skipping the text extraction check")
		}
		var all strings.Builder
		pdfs, _ := filepath.Glob(filepath.Join(runDir, "opinions", "*.pdf"))
		if len(pdfs) != clients {
			t.Fatalf("%d PDFs for %d clients", len(pdfs), clients)
		}
		for _, pdf := range pdfs {
			text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", pdf, err)
			}
			if !strings.Contains(string(text), "DRAFT") || !strings.Contains(string(text), "Page 1 of") {
				t.Errorf("%s: no DRAFT marking or page numbers", filepath.Base(pdf))
			}
			all.Write(text)
		}
		for _, name := range []string{"Thị Minh Nguyễn", "Łukasz Żółć", "Élodie Bérubé", "Ольга Петренко", "Γιώργος Παπαδόπουλος", "Kari Ødegård"} {
			if !strings.Contains(all.String(), name) {
				t.Errorf("no opinion shows %q as written", name)
			}
		}
	})

	t.Run("libreoffice", func(t *testing.T) {
		soffice, err := exec.LookPath("libreoffice")
		if err != nil {
			t.Skip("libreoffice is not installed: skipping the summary conversion check")
		}
		if testing.Short() {
			t.Skip("-short: skipping the LibreOffice conversion (several seconds)")
		}
		conv := t.TempDir()
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+t.TempDir(), "--headless",
			"--convert-to", "csv", "--outdir", conv, filepath.Join(runDir, "summary.xlsx"))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("LibreOffice could not convert summary.xlsx: %v\n%s", err, b)
		}
		csv, err := os.ReadFile(filepath.Join(conv, "summary.csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no CSV: %v", err)
		}
		for _, l := range readResults(t, runDir) {
			if l.ClientID != "" && !strings.Contains(string(csv), l.ClientID) {
				t.Errorf("the Summary sheet, as LibreOffice reads it, has no row for %s", l.ClientID)
			}
		}
	})
}
