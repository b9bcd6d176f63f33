package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// launchFlag makes this program a launcher: it runs a command and writes
// the command's peak RSS and CPU time to a file.
//
// Why: Go starts a child with clone(CLONE_VM) then exec, and Linux records
// the old memory map's high-water mark, the parent's, in the child's
// ru_maxrss at exec. A child of this benchmark would report the
// benchmark's RSS instead of its own. The launcher is a fresh small
// process, so what it reads is the child's.
const launchFlag = "-launch"

// launchOnCPUFlag is launchFlag for a command confined to one CPU
// (startOnCPU): "-launch-on-cpu=K", the K-th CPU (from 0) the launcher
// may run on. The launcher confines the command, not itself: it measures
// the command as it measures any other, and its own waiting is not on the
// command's CPU.
const launchOnCPUFlag = "-launch-on-cpu="

// anyCPU is the CPU argument for a command that may run on every CPU.
const anyCPU = -1

// launchArgs is the launcher's CPU from its first argument, and whether
// that argument makes this program a launcher.
func launchArgs(arg string) (cpu int, ok bool) {
	if arg == launchFlag {
		return anyCPU, true
	}
	if k, found := strings.CutPrefix(arg, launchOnCPUFlag); found {
		n, err := strconv.Atoi(k)
		return n, err == nil && n >= 0
	}
	return 0, false
}

func launch(resultFile string, command []string, cpu int) int {
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	var err error
	if cpu != anyCPU {
		err = startOnCPU(cmd, cpu)
	} else {
		err = cmd.Start()
	}
	if err == nil {
		err = cmd.Wait()
	}
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "launch:", err)
		return 1
	}
	rss := peakRSS(cmd.ProcessState)
	cpuTime := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if werr := os.WriteFile(resultFile, []byte(fmt.Sprintf("%d %d\n", rss, cpuTime.Nanoseconds())), 0o600); werr != nil {
		fmt.Fprintln(os.Stderr, "launch:", werr)
		return 1
	}
	return cmd.ProcessState.ExitCode()
}

// usage is what one child process cost.
type usage struct {
	wall, cpu time.Duration
	rss       int64 // peak resident set, bytes
}

// measure runs command through the launcher and returns its wall time,
// CPU time (user + system) and peak RSS. resultFile is a scratch file.
// With a cpu other than anyCPU, the command runs on that CPU only
// (launchOnCPUFlag).
func measure(resultFile string, env []string, cpu int, command ...string) (usage, error) {
	self, err := os.Executable()
	if err != nil {
		return usage{}, err
	}
	how := launchFlag
	if cpu != anyCPU {
		how = launchOnCPUFlag + strconv.Itoa(cpu)
	}
	cmd := exec.Command(self, append([]string{how, resultFile}, command...)...)
	cmd.Env = env
	var stderr limitedBuffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return usage{}, fmt.Errorf("%s: %v\n%s", command[0], err, stderr.String())
	}
	text, err := os.ReadFile(resultFile)
	if err != nil {
		return usage{}, err
	}
	os.Remove(resultFile)
	var rss, cpuNs int64
	if _, err := fmt.Sscan(string(text), &rss, &cpuNs); err != nil {
		return usage{}, fmt.Errorf("launcher result %q: %v", text, err)
	}
	return usage{wall: wall, cpu: time.Duration(cpuNs), rss: rss}, nil
}

// limitedBuffer keeps the last 16 KB written: a child's error output.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.b = append(l.b, p...)
	if len(l.b) > 16<<10 {
		l.b = l.b[len(l.b)-16<<10:]
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return string(l.b) }
