//go:build unix

package report

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used (user + system). The
// benchmark reports it per opinion besides wall time because the machines
// it runs on are shared: CPU time moves far less with the neighbours' load.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
