package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"golang.org/x/sync/errgroup"
)

// runOnce runs cecbatch on inbox with w workers, its outputs in out (cpu:
// the CPU it is confined to, or anyCPU), and returns what it cost and the
// page count of each opinion it wrote.
func runOnce(binary, inbox, out string, env, configArgs, runArgs []string, w, cpu int) (usage, []int, error) {
	args := append([]string{binary, "run", "--inbox", inbox, "--out", out, "--keep-inputs", "--min-age", "0s",
		"--as-of", asOf, "--workers", strconv.Itoa(w), "--quiet"}, configArgs...)
	args = append(args, runArgs...)
	run, err := measure(out+".rusage", env, cpu, args...)
	if err != nil {
		return usage{}, nil, err
	}
	runDirs, _ := filepath.Glob(filepath.Join(out, "2*"))
	if len(runDirs) != 1 {
		return usage{}, nil, fmt.Errorf("run on %s: %d run folders in %s", inbox, len(runDirs), out)
	}
	pages, err := opinionPages(runDirs[0])
	return run, pages, err
}

// runSplit is the ceiling of parts CPUs for the same work: inbox's
// workbooks dealt out in turn to parts inboxes, and as many runs of 1
// worker started at once, the k-th confined to the k-th CPU. The runs
// share no memory, no lock, no file and no end of run: what they give over
// one run on one CPU is what this machine's cores give this work (the
// caches and memory they share, their clock, a host's other guests), the
// most workers could give. Its wall time is the slowest run's; its CPU
// time the runs' sum, its peak RSS the largest.
func runSplit(binary, inbox, out string, env, configArgs, runArgs []string, parts int) (usage, []int, error) {
	files, err := filepath.Glob(filepath.Join(inbox, "*.xlsx"))
	if err != nil {
		return usage{}, nil, err
	}
	slices.Sort(files)
	if len(files) < parts {
		return usage{}, nil, fmt.Errorf("%s: %d workbooks for %d separate runs", inbox, len(files), parts)
	}
	for k := range parts {
		if err := os.MkdirAll(filepath.Join(out, "inbox-"+strconv.Itoa(k)), 0o755); err != nil {
			return usage{}, nil, err
		}
	}
	for i, f := range files {
		to := filepath.Join(out, "inbox-"+strconv.Itoa(i%parts), filepath.Base(f))
		if err := linkOrCopy(f, to); err != nil {
			return usage{}, nil, err
		}
	}
	type result struct {
		run   usage
		pages []int
	}
	results := make([]result, parts)
	var runs errgroup.Group
	start := time.Now()
	for k := range parts {
		runs.Go(func() (err error) {
			part := strconv.Itoa(k)
			r := &results[k]
			r.run, r.pages, err = runOnce(binary, filepath.Join(out, "inbox-"+part), filepath.Join(out, "out-"+part), env, configArgs, runArgs, 1, k)
			return err
		})
	}
	if err := runs.Wait(); err != nil {
		return usage{}, nil, err
	}
	total := usage{wall: time.Since(start)}
	var pages []int
	for _, r := range results {
		total.cpu += r.run.cpu
		total.rss = max(total.rss, r.run.rss)
		pages = append(pages, r.pages...)
	}
	return total, pages, nil
}

// linkOrCopy makes to a hard link to from, or a copy where the file system
// cannot link.
func linkOrCopy(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
