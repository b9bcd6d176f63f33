//go:build !unix

package report

import "time"

// processCPU is not measured here; the benchmark then reports 0 cpu-ms/op.
func processCPU() time.Duration { return 0 }
