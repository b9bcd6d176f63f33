package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/batch"
	"github.com/cecbatch/cecbatch/config"
	"github.com/cecbatch/cecbatch/report"
)

// BenchmarkPipeline runs the whole pipeline in-process (read, assess,
// render, write, summary) on 4 workbooks of 50 clients, with --keep-inputs,
// so that a CPU profile shows what the run adds around the PDFs.
func BenchmarkPipeline(b *testing.B) {
	dir := b.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		writeWorkbook(b, filepath.Join(inbox, fmt.Sprintf("w%d.xlsx", i)), fmt.Sprintf("P%d", i), 50)
	}
	renderer, err := report.NewOpinionRenderer(report.Letterhead{FirmName: "Bench LLP"}, report.Letter)
	if err != nil {
		b.Fatal(err)
	}
	asOf := assess.MustDate("2025-06-01")
	cfg := config.Config{Inbox: inbox, Out: filepath.Join(dir, "out"), Workers: 1, KeepInputs: true,
		Permissions: config.Permissions{DirMode: 0o700, FileMode: 0o600},
		Limits:      config.Limits{MaxFileMB: 50, MaxUnzipMB: 500, MaxRows: 100000}}
	b.ResetTimer()
	for b.Loop() {
		res, err := batch.Run(context.Background(), batch.Options{Config: cfg, AsOf: asOf,
			Engine: newEngine(cfg, asOf, renderer, "bench")})
		if err != nil || res.Clients != 200 {
			b.Fatalf("%+v %v", res, err)
		}
	}
	b.ReportMetric(float64(200*b.N)/b.Elapsed().Seconds(), "clients/s")
}
