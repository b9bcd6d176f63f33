package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunProfiles checks that --cpuprofile and --memprofile leave gzipped
// pprof profiles whose samples are in cecbatch's own code, beside a run
// that wrote every opinion.
func TestRunProfiles(t *testing.T) {
	s := newSite(t)
	s.workbook("week.xlsx", "P", 30)
	o := s.run(append(runArgs, "--keep-inputs", "--cpuprofile", "cpu.prof", "--memprofile", "heap.prof")...)
	if o.code != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	runDir := o.lastLine()
	if !filepath.IsAbs(runDir) {
		runDir = s.path(runDir)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(runDir, "opinions", "*.pdf")); len(pdfs) != 30 {
		t.Errorf("%d opinions, want 30", len(pdfs))
	}
	for _, name := range []string{"cpu.prof", "heap.prof"} {
		b, err := os.ReadFile(s.path(name))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s is not a gzipped profile: %v", name, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(string(raw), "github.com/cecbatch/cecbatch/") {
			t.Errorf("%s names no function of cecbatch (%d bytes)", name, len(raw))
		}
	}

	// A profile that cannot be created stops the run before it starts.
	o = s.run(append(runArgs, "--keep-inputs", "--cpuprofile", s.path("no-such-folder", "cpu.prof"))...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "--cpuprofile") {
		t.Errorf("unwritable profile: exit %d, stderr %q; want exit %d naming --cpuprofile", o.code, o.stderr, exitUsage)
	}
}
