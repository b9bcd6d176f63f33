package ingest

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeLargeWorkbook writes n clients and n Employment rows with the
// StreamWriter, as an export script would.
func writeLargeWorkbook(b *testing.B, path string, n int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	write := func(sheetName string, header []any, row func(i int) []any) {
		if _, err := f.NewSheet(sheetName); err != nil {
			b.Fatal(err)
		}
		sw, err := f.NewStreamWriter(sheetName)
		if err != nil {
			b.Fatal(err)
		}
		if err := sw.SetRow("A1", header); err != nil {
			b.Fatal(err)
		}
		for i := range n {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, row(i)); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	write("Clients", []any{"Client ID", "Family Name", "Given Names", "Intended Province", "Application Date"}, func(i int) []any {
		return []any{fmt.Sprintf("C-%06d", i), "Nguyễn", "Thị Minh", "ON", 46000}
	})
	write("Employment", []any{"Client ID", "Employer", "Job Title", "NOC", "Start Date", "End Date", "Hours Per Week", "Location", "Employment Type", "Work Authorization"},
		func(i int) []any {
			return []any{fmt.Sprintf("C-%06d", i), "Maple Software Inc.", "Developer", "21231", 44000 + i%1000, "2025-12-31", 37.5, "ON", "employee", "PGWP"}
		})
	if err := f.DeleteSheet("Sheet1"); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRead50kEmployment reads a workbook of 50,000 clients with one
// Employment row each. It reports Employment rows per second of the whole
// read (which also reads the 50,000 rows of the Clients sheet), the peak
// heap in use while reading (sampled every millisecond), and the heap that
// the result alone holds once read.
func BenchmarkRead50kEmployment(b *testing.B) {
	const rows = 50000
	path := filepath.Join(b.TempDir(), "large.xlsx")
	writeLargeWorkbook(b, path, rows)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)

	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		// runtime/metrics, unlike ReadMemStats, does not stop the world: a
		// sampler that did, every millisecond, slowed the read it measures.
		// Objects plus unused heap bytes is MemStats.HeapInuse.
		m := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				metrics.Read(m)
				if inUse := m[0].Value.Uint64() + m[1].Value.Uint64(); inUse > peak.Load() {
					peak.Store(inUse)
				}
			}
		}
	}()
	b.ResetTimer()
	var wb *Workbook
	for b.Loop() {
		var err error
		wb, err = ReadFile(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(wb.Clients) != rows || len(wb.Clients[rows-1].Jobs) != 1 {
			b.Fatalf("read %d clients", len(wb.Clients))
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	// What the result itself holds (50,000 clients with their jobs): the
	// peak above it is the reader's working memory.
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "result-heap-MB")
	runtime.KeepAlive(wb)
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "base-heap-MB")
}
