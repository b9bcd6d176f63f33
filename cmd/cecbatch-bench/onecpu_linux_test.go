package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// cpuReportEnv names the file TestOneCPUHelper writes what its process
// may run on to; without it, the helper does nothing.
const cpuReportEnv = "CECBATCH_BENCH_CPU_REPORT"

// TestOneCPUHelper is the command TestOneCPU launches (this test binary
// again): it writes its NumCPU, GOMAXPROCS and Cpus_allowed_list.
func TestOneCPUHelper(t *testing.T) {
	report := os.Getenv(cpuReportEnv)
	if report == "" {
		t.Skip("the command TestOneCPU launches")
	}
	allowed := "?"
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		for sc := bufio.NewScanner(f); sc.Scan(); {
			if v, ok := strings.CutPrefix(sc.Text(), "Cpus_allowed_list:"); ok {
				allowed = strings.TrimSpace(v)
			}
		}
	}
	text := fmt.Sprintf("%d %d %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), allowed)
	if err := os.WriteFile(report, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestOneCPU: a command the launcher starts on CPU k runs on that CPU
// alone, the k-th the launcher may use, and its Go runtime sizes itself to
// it; without, it has every CPU; and the launching thread has its CPUs
// back after. A CPU past the last is an error, and nothing runs.
func TestOneCPU(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "cpus")
	t.Setenv(cpuReportEnv, report)
	t.Setenv("GOMAXPROCS", "") // the runtime's own choice
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var before unix.CPUSet
	if err := unix.SchedGetaffinity(0, &before); err != nil {
		t.Fatal(err)
	}
	var allowedCPUs []int
	for cpu := 0; len(allowedCPUs) < before.Count(); cpu++ {
		if before.IsSet(cpu) {
			allowedCPUs = append(allowedCPUs, cpu)
		}
	}
	for k := anyCPU; k < len(allowedCPUs); k++ {
		os.Remove(report)
		if code := launch(filepath.Join(dir, "usage"), []string{os.Args[0], "-test.run=^TestOneCPUHelper$"}, k); code != 0 {
			t.Fatalf("CPU %d: the helper exited with %d", k, code)
		}
		if _, err := os.Stat(filepath.Join(dir, "usage")); err != nil {
			t.Errorf("CPU %d: no launcher result: %v", k, err)
		}
		text, err := os.ReadFile(report)
		if err != nil {
			t.Fatal(err)
		}
		var numCPU, procs int
		var allowed string
		if _, err := fmt.Sscan(string(text), &numCPU, &procs, &allowed); err != nil {
			t.Fatalf("helper's report %q: %v", text, err)
		}
		want := runtime.NumCPU()
		if k != anyCPU {
			want = 1
			if allowed != fmt.Sprint(allowedCPUs[k]) {
				t.Errorf("on CPU %d: Cpus_allowed_list %s, want %d", k, allowed, allowedCPUs[k])
			}
		}
		if numCPU != want || procs != want {
			t.Errorf("CPU %d: NumCPU %d, GOMAXPROCS %d, want %d (Cpus_allowed_list %s)", k, numCPU, procs, want, allowed)
		}
		var after unix.CPUSet
		if err := unix.SchedGetaffinity(0, &after); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Errorf("CPU %d: the launching thread may run on %d CPUs after, %d before", k, after.Count(), before.Count())
		}
	}
	os.Remove(report)
	if code := launch(filepath.Join(dir, "usage"), []string{os.Args[0], "-test.run=^TestOneCPUHelper$"}, len(allowedCPUs)); code == 0 {
		t.Errorf("CPU %d of %d: the launcher succeeded", len(allowedCPUs), len(allowedCPUs))
	}
	if _, err := os.Stat(report); err == nil {
		t.Errorf("CPU %d of %d: the helper ran", len(allowedCPUs), len(allowedCPUs))
	}
}
