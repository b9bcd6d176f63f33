package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/report"
)

// TestRealPipelineInProcess runs the real engine (ingest, assess, report)
// through batch.Run in the test's own process, on two workers, with what
// makes the workers share state: two workbooks listing one Client ID, a
// workbook the first pass rejects, a file rejected by its name. Under
// `go test -race` (make test) this is where races between the real
// packages show: the end-to-end binary is built without the detector.
func TestRealPipelineInProcess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := config.Config{Inbox: filepath.Join(dir, "inbox"), Out: filepath.Join(dir, "out"),
		Archive: filepath.Join(dir, "archive"), Quarantine: filepath.Join(dir, "quarantine"), Workers: 2,
		Permissions: config.Permissions{DirMode: 0o700, FileMode: 0o600},
		Limits: config.Limits{MaxFileMB: 50, MaxUnzipMB: 500, MaxRows: 100000, MaxPartMB: 16,
			MaxElements: 100000, MaxSharedStrings: 500000, MaxSheets: 255, MaxCells: 5000000}}
	if err := os.Mkdir(cfg.Inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	writeWorkbook(t, filepath.Join(cfg.Inbox, "a.xlsx"), "A", 6)
	writeWorkbook(t, filepath.Join(cfg.Inbox, "b.xlsx"), "A", 3) // A-1..A-3 again
	writeWorkbook(t, filepath.Join(cfg.Inbox, "c.xlsx"), "C", 6)
	if err := os.WriteFile(filepath.Join(cfg.Inbox, "broken.xlsx"), []byte("PK\x03\x04 not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg.Inbox, "notes.csv"), []byte("a,b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	renderer, err := report.NewOpinionRenderer(report.Letterhead{FirmName: "Test LLP"}, report.Letter)
	if err != nil {
		t.Fatal(err)
	}
	asOf := assess.MustDate("2025-06-01")
	res, err := batch.Run(context.Background(), batch.Options{Config: cfg, AsOf: asOf, Engine: newEngine(cfg, asOf, renderer, "test")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Clients != 15 || res.Processed != 3 || res.Rejected != 2 || res.NeedsReview != 6 {
		t.Errorf("%+v, want 15 clients of 3 workbooks, 2 files rejected, the 6 listings of A-1..A-3 needing review", res)
	}
	results, err := os.ReadFile(filepath.Join(res.RunDir, "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(results), "\n") {
		if strings.Contains(line, "is also used in") {
			n++
		}
	}
	if n != 6 {
		t.Errorf("%d clients flagged as used in another workbook, want 6", n)
	}
}
