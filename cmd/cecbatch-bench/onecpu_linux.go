//go:build linux

package main

import (
	"fmt"
	"os/exec"
	"runtime"

	"golang.org/x/sys/unix"
)

// oneCPUSupported: Linux can confine a child to one CPU (startOnCPU).
const oneCPUSupported = true

// startOnCPU starts cmd allowed to run on one CPU only: the k-th (from 0)
// of those the calling thread may run on.
//
// A forked child inherits the affinity mask of the thread that forks it,
// and Go forks in the thread of the goroutine that calls Start. So that
// thread alone is narrowed, for the time of the fork, and given back its
// mask after: the child, the threads it starts and the programs it runs
// are on one CPU, and its Go runtime sizes GOMAXPROCS (and NumCPU) from
// that mask. No other goroutine can run on the narrowed thread while it is
// locked, and the runtime does not start its new threads from a locked
// one, so the rest of this process keeps every CPU.
func startOnCPU(cmd *exec.Cmd, k int) error {
	runtime.LockOSThread()
	var old unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err != nil {
		runtime.UnlockOSThread()
		return err
	}
	if old.Count() <= k {
		runtime.UnlockOSThread()
		return fmt.Errorf("the thread may run on %d CPUs, not on a CPU numbered %d from 0", old.Count(), k)
	}
	cpu := -1
	for seen := -1; seen < k; {
		if cpu++; old.IsSet(cpu) {
			seen++
		}
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
