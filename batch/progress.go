package batch

import (
	"io"
	"sync"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// LogWriter is the log's output. While a progress bar is drawn, log lines
// are written through the bar's container, which prints them above the
// bar instead of through it.
type LogWriter struct {
	mu  sync.Mutex
	out io.Writer
	bar *mpb.Progress
}

// NewLogWriter writes to out (standard error).
func NewLogWriter(out io.Writer) *LogWriter { return &LogWriter{out: out} }

func (w *LogWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	bar := w.bar
	w.mu.Unlock()
	if bar != nil {
		if n, err := bar.Write(b); err == nil {
			return n, nil
		}
	}
	return w.out.Write(b)
}

func (w *LogWriter) attach(p *mpb.Progress) {
	w.mu.Lock()
	w.bar = p
	w.mu.Unlock()
}

// progress counts clients done against the clients of the run, counted by
// the first pass before the bar starts (and corrected as each workbook is
// read), so that its percentage and ETA are true from the start. A nil
// *progress draws nothing.
type progress struct {
	container *mpb.Progress
	bar       *mpb.Bar
	logs      *LogWriter
	mu        sync.Mutex
	total     int64
}

func newProgress(logs *LogWriter, counts []int) *progress {
	if logs == nil {
		return nil
	}
	var total int64
	for _, n := range counts {
		total += int64(n)
	}
	p := mpb.New(mpb.WithOutput(logs.out), mpb.WithWidth(40))
	// A bar made with no total never completes by itself: one that
	// completed when the last client was done would stop drawing, and the
	// log lines written after it (the last file's warnings and "file
	// done") would be lost in the container's buffer. finish completes it.
	bar := p.AddBar(0,
		mpb.PrependDecorators(decor.Name("clients "), decor.CountersNoUnit("%d / %d")),
		mpb.AppendDecorators(decor.Percentage(decor.WCSyncSpace), decor.Name(" "), decor.AverageETA(decor.ET_STYLE_GO)),
	)
	bar.SetTotal(total, false)
	logs.attach(p)
	return &progress{container: p, bar: bar, logs: logs, total: total}
}

func (p *progress) add(n int) {
	if p == nil || n == 0 {
		return
	}
	p.mu.Lock()
	p.total += int64(n)
	p.bar.SetTotal(p.total, false)
	p.mu.Unlock()
}

func (p *progress) done() {
	if p != nil {
		p.bar.Increment()
	}
}

func (p *progress) finish() {
	if p == nil {
		return
	}
	p.bar.SetTotal(-1, true)
	p.container.Wait()
	p.logs.attach(nil)
}
