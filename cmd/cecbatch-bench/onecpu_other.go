//go:build !linux

package main

import (
	"errors"
	"os/exec"
)

// oneCPUSupported: this system's affinity calls are not used here; the
// bench runs without its one-CPU rows (-one-core is off).
const oneCPUSupported = false

// startOnCPU is not supported here: -one-core is turned off before any
// child is started, so it is never called.
func startOnCPU(*exec.Cmd, int) error {
	return errors.New("confining a child to one CPU is only supported on Linux")
}
