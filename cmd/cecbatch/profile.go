package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/cecbatch/cecbatch/config"
)

// profiles writes the Go profiles a run was asked for: --cpuprofile, the
// CPU time of the whole run, and --memprofile, a heap profile.
//
// The heap profile is the one taken when the live heap was largest, not
// the one at the end: after the run the outputs are closed and almost
// nothing is live, which says nothing about what a large inbox keeps. Its
// allocation samples (alloc_space) cover the run up to that moment.
type profiles struct {
	cpu     *os.File
	mem     *os.File
	stop    chan struct{}
	stopped chan struct{}

	peak     bytes.Buffer // the heap profile at the largest live heap
	peakLive uint64
}

// heapWatchEvery is how often the live heap is looked at; a profile is
// taken only when it has grown by a tenth since the last one, so a run
// whose heap is flat takes a handful.
const heapWatchEvery = 200 * time.Millisecond

// startProfiles creates the files first, so that a path that cannot be
// written is a configuration error before any work is done.
func startProfiles(cfg config.Config) (*profiles, error) {
	p := &profiles{}
	if cfg.CPUProfile != "" {
		f, err := os.Create(cfg.CPUProfile)
		if err != nil {
			return nil, &config.Error{Msg: fmt.Sprintf("--cpuprofile: %v", err)}
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, &config.Error{Msg: fmt.Sprintf("--cpuprofile: %v", err)}
		}
		p.cpu = f
	}
	if cfg.MemProfile != "" {
		f, err := os.Create(cfg.MemProfile)
		if err != nil {
			p.finish()
			return nil, &config.Error{Msg: fmt.Sprintf("--memprofile: %v", err)}
		}
		p.mem = f
		p.stop, p.stopped = make(chan struct{}), make(chan struct{})
		go p.watchHeap()
	}
	return p, nil
}

func (p *profiles) watchHeap() {
	defer close(p.stopped)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(heapWatchEvery)
	defer tick.Stop()
	for {
		metrics.Read(sample)
		if live := sample[0].Value.Uint64(); p.peak.Len() == 0 || live > p.peakLive+p.peakLive/10 {
			p.peakLive = live
			p.peak.Reset()
			pprof.Lookup("heap").WriteTo(&p.peak, 0)
		}
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

// finish stops the CPU profile and writes the heap profile; the first
// error is returned.
func (p *profiles) finish() error {
	var err error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		err = p.cpu.Close()
	}
	if p.mem != nil {
		close(p.stop)
		<-p.stopped
		_, werr := p.mem.Write(p.peak.Bytes())
		if cerr := p.mem.Close(); werr == nil {
			werr = cerr
		}
		if err == nil && werr != nil {
			err = fmt.Errorf("--memprofile: %w", werr)
		}
	}
	return err
}
