//go:build unix

package batch

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSwappedForFIFO: a named pipe swapped in after the scan would block
// open(2) forever; the run goes on without it and leaves it alone.
func TestSwappedForFIFO(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "e1", false)
	f.drop("b.xlsx", "e2", false)
	afterScanDo(t, func() {
		path := filepath.Join(f.inbox, "a.xlsx")
		os.Remove(path)
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Error(err)
		}
	})
	done := make(chan struct{})
	var res Result
	var err error
	go func() {
		defer close(done)
		res, err = f.run(context.Background(), &fakeEngine{})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		// Unblock the run so the test can end.
		if w, err := os.OpenFile(filepath.Join(f.inbox, "a.xlsx"), os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("the run blocked on a named pipe")
	}
	if err != nil {
		t.Fatal(err)
	}
	if res.Processed != 1 {
		t.Errorf("%+v", res)
	}
	info, lerr := os.Lstat(filepath.Join(f.inbox, "a.xlsx"))
	if lerr != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was moved: %v", lerr)
	}
}
