//go:build linux

package main

import (
	"errors"
	"os/exec"
	"runtime"

	"golang.org/x/sys/unix"
)

// oneCPUSupported: Linux can confine a child to one CPU (startOnOneCPU).
const oneCPUSupported = true

// startOnOneCPU starts cmd allowed to run on one CPU only, the first the
// calling thread may run on.
//
// A forked child inherits the affinity mask of the thread that forks it,
// and Go forks in the thread of the goroutine that calls Start. So that
// thread alone is narrowed, for the time of the fork, and given back its
// mask after: the child, the threads it starts and the programs it runs
// are on one CPU, and its Go runtime sizes GOMAXPROCS (and NumCPU) from
// that mask. No other goroutine can run on the narrowed thread while it is
// locked, and the runtime does not start its new threads from a locked
// one, so the rest of this process keeps every CPU.
func startOnOneCPU(cmd *exec.Cmd) error {
	runtime.LockOSThread()
	var old unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err != nil {
		runtime.UnlockOSThread()
		return err
	}
	if old.Count() == 0 {
		runtime.UnlockOSThread()
		return errors.New("the thread may run on no CPU")
	}
	cpu := 0
	for !old.IsSet(cpu) {
		cpu++
	}
	var one unix.CPUSet
	one.Set(cpu)
	if err := unix.SchedSetaffinity(0, &one); err != nil {
		runtime.UnlockOSThread()
		return err
	}
	err := cmd.Start()
	if unix.SchedSetaffinity(0, &old) == nil {
		runtime.UnlockOSThread()
	}
	// Otherwise the thread stays locked to the calling goroutine: only it
	// runs on one CPU, and a goroutine that ends locked ends its thread.
	// The child started all the same, and it is what is measured.
	return err
}
