package main

import (
	"fmt"
	"os"
	"os/exec"
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

// launchOneCPUFlag is launchFlag for a command confined to one CPU
// (startOnOneCPU). The launcher confines the command, not itself: it
// measures the command as it measures any other, and its own waiting is
// not on the command's CPU.
const launchOneCPUFlag = "-launch-one-cpu"

func launch(resultFile string, command []string, oneCPU bool) int {
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	var err error
	if oneCPU {
		err = startOnOneCPU(cmd)
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
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if werr := os.WriteFile(resultFile, []byte(fmt.Sprintf("%d %d\n", rss, cpu.Nanoseconds())), 0o600); werr != nil {
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
// With oneCPU, the command runs on one CPU (launchOneCPUFlag).
func measure(resultFile string, env []string, oneCPU bool, command ...string) (usage, error) {
	self, err := os.Executable()
	if err != nil {
		return usage{}, err
	}
	how := launchFlag
	if oneCPU {
		how = launchOneCPUFlag
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
