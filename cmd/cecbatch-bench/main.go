// Command cecbatch-bench measures whole cecbatch runs against the floor.
//
// For each inbox size it generates a realistic inbox (weekly intake
// workbooks of about 250 clients with one to three jobs and one or two
// tests each, names in several scripts), then for each worker count runs
// the cecbatch binary on it and, right after, the floor on the same
// number of workers: fpdf's cheapest PDF (core Helvetica, nothing
// embedded) with the same page count as each opinion the run wrote
// (floor.go). Each child is measured by a small launcher process (wall
// time, CPU time, peak RSS).
//
// A --workers 1 run is not a one-core run: its Go runtime has every CPU,
// and the garbage collector, the goroutine writing the results and the
// kernel's work run on the idle one for free. So, with -one-core (the
// default on Linux, the only system it is supported on), each size is
// also run with 1 worker confined to one CPU, its floors too
// (onecpu_linux.go): the run and everything it starts can use that CPU
// only, and its Go runtime sizes GOMAXPROCS to it. The table has, per
// size and worker count:
//
//	clients, workers     the inbox and --workers; "1 (1 CPU)": 1 worker
//	                     confined to one CPU, with its floors; "2 (split)":
//	                     the ceiling of 2 workers (below), no floor
//	wall, CPU            the run's wall time and CPU time (user + system)
//	CPU/client           the run's CPU per client: per opinion, everything
//	                     included (reading, assessing, the outputs)
//	pages/opinion        the opinions' average page count (the floor's too)
//	peak RSS             the run's peak resident set
//	floor wall, CPU      the floor's, same workers
//	wall/floor, CPU/floor the ratios of the run to the floor
//	upstream floor       the same floor built against fpdf as released,
//	                     without the vendored copy's patches (upstream.go;
//	                     "-" where the module proxy could not be reached,
//	                     and above -upstream-max clients: it takes 8 ms of
//	                     CPU a client), and the run's ratios to it
//	speed-up vs 1 worker wall with 1 worker (every CPU) / wall with this
//	                     many: what more workers give when the 1-worker
//	                     run already has the other cores' help
//	2nd core             wall with 1 worker on one CPU / wall with this
//	                     many, for more than 1 worker: what the cores
//	                     beyond the first give (on 2 CPUs, the second core);
//	                     on the split row, the most they can give here
//	clients/s            clients a second of wall time
//
// With -one-core, the largest worker count W (up to the CPUs) also gets a
// split row, the machine's ceiling for it (split.go): the inbox's
// workbooks dealt out to W separate runs of 1 worker, each confined to a
// CPU of its own, started at once. They share nothing in software, so
// their 2nd core column is what the cores give this work on this machine
// (a virtual machine's CPUs can differ in speed, and share caches with
// the host's other guests): read the W-worker row's against it.
//
// On a machine shared with other work, wall times move with the load and
// CPU times much less; -repeat N runs each pair N times, interleaved, and
// keeps the fastest. The runs on one CPU come first, and are repeated
// and kept the same way, with their floors.
//
// Each size and worker count is run in every configuration asked for, one
// row each, so that what the Word drafts, the client letters and the
// register cost stands beside the PDF opinions' cost:
//
//	pdf        the PDF opinion only (outputs.docx false, --no-register)
//	docx       the PDF and the Word draft (the default outputs), no register
//	letter     docx, and the client letter in PDF and Word
//	register   docx, with the client register (a new one each run)
//
// Then, unless -register 0, the night with no input on a register of that
// many clients, the day after it was seeded and 30 days after, when time
// has changed thousands of outcomes (register.go).
//
// Usage:
//
//	go run ./cmd/cecbatch-bench [-clients 1000,10000,100000] [-workers 1,2]
//	    [-configs pdf,docx,register] [-repeat N] [-keep DIR]
//	    [-run-args "--flag value ..."] [-register N] [-one-core=false]
//
// -run-args adds flags to every `cecbatch run`. Run it from the
// repository root (it builds ./cmd/cecbatch). A run's output is emptied,
// not deleted, before the next run (trash.go): on ext4 without a journal,
// files created within minutes of many deletions cost several times more.
// Delete nothing big on the benchmark's file system in the five minutes
// before it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

const asOf = "2025-06-01"

func main() {
	if len(os.Args) > 2 {
		if cpu, ok := launchArgs(os.Args[1]); ok {
			os.Exit(launch(os.Args[2], os.Args[3:], cpu))
		}
	}
	if len(os.Args) > 3 && os.Args[1] == floorFlag {
		workers, err := strconv.Atoi(os.Args[3])
		if err == nil {
			err = floorMain(os.Args[2], workers)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		return
	}
	clients := flag.String("clients", "1000,10000,100000", "inbox sizes in clients, comma-separated")
	flag.StringVar(clients, "sizes", "1000,10000,100000", "the same as -clients")
	workerList := flag.String("workers", "1,2", "worker counts, comma-separated")
	repeat := flag.Int("repeat", 1, "rounds of each size: a round runs every worker count in turn, each run followed by its floor; the fastest round of each is kept")
	keep := flag.String("keep", "", "keep the generated inboxes (reused by the next benchmark) and the outputs in this folder; earlier runs' outputs are emptied into its trash/, to delete by hand (not minutes before a benchmark)")
	perFile := flag.Int("per-file", 250, "clients per intake workbook")
	runArgs := flag.String("run-args", "", "more flags for every cecbatch run, space-separated")
	configs := flag.String("configs", "pdf,docx,register", "configurations to run, comma-separated: "+strings.Join(configNames(), ", "))
	registerSize := flag.Int("register", 100000, "clients in the register for the night with no input (0: skip it)")
	upstreamMax := flag.Int("upstream-max", 10000, "the largest inbox the upstream floor is measured on (it takes about 8 ms of CPU a client; 0: never)")
	oneCore := flag.Bool("one-core", oneCPUSupported, "also run 1 worker confined to one CPU, and its floor, for the 2nd core column (Linux only)")
	flag.Parse()
	if *oneCore && !oneCPUSupported {
		fmt.Fprintf(os.Stderr, "cecbatch-bench: -one-core is not supported on %s: no runs on one CPU, no 2nd core column\n", runtime.GOOS)
		*oneCore = false
	}
	cfg := config{
		sizes: parseInts(*clients), workers: parseInts(*workerList), repeat: max(1, *repeat),
		perFile: *perFile, keep: *keep, runArgs: strings.Fields(*runArgs), registerSize: *registerSize,
		upstreamMax: *upstreamMax, oneCore: *oneCore,
	}
	for _, name := range strings.Split(*configs, ",") {
		c, ok := runConfigs[strings.TrimSpace(name)]
		if !ok {
			fmt.Fprintf(os.Stderr, "cecbatch-bench: no configuration %q (%s)\n", name, strings.Join(configNames(), ", "))
			os.Exit(2)
		}
		cfg.configs = append(cfg.configs, c)
	}
	if err := bench(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "cecbatch-bench:", err)
		os.Exit(1)
	}
}

type config struct {
	sizes, workers  []int
	repeat, perFile int
	keep            string
	runArgs         []string
	configs         []runConfig
	// registerSize is the register of the night with no input (0: none).
	registerSize int
	// upstreamMax is the largest inbox the upstream floor is measured on.
	upstreamMax int
	// oneCore adds, before the worker counts, 1 worker on one CPU.
	oneCore bool
}

// slot is one worker setting of a size: a worker count, and whether the
// run (and its floors) may use one CPU only. What a second core gives is
// measured against 1 worker on one CPU, not against --workers 1 with
// every CPU (see the package comment).
//
// A split slot is the machine's ceiling for that worker count: the inbox's
// workbooks dealt out to as many separate runs of 1 worker, each confined
// to a CPU of its own, all at once (runSplit).
type slot struct {
	workers int
	oneCPU  bool
	split   bool
}

// name is the slot's part of its output folder's name.
func (s slot) name() string {
	switch {
	case s.oneCPU:
		return strconv.Itoa(s.workers) + "-1cpu"
	case s.split:
		return strconv.Itoa(s.workers) + "-split"
	}
	return strconv.Itoa(s.workers)
}

// cpu is the CPU the slot's runs and floors are confined to, or anyCPU.
func (s slot) cpu() int {
	if s.oneCPU {
		return 0
	}
	return anyCPU
}

// runConfig is what a run writes: its environment (configuration keys)
// and flags.
type runConfig struct {
	name string
	env  []string
	args []string
}

var runConfigs = map[string]runConfig{
	"pdf":      {name: "pdf", env: []string{"CECBATCH_OUTPUTS_DOCX=false"}, args: []string{"--no-register"}},
	"docx":     {name: "docx", env: []string{"CECBATCH_OUTPUTS_DOCX=true"}, args: []string{"--no-register"}},
	"letter":   {name: "letter", env: []string{"CECBATCH_OUTPUTS_DOCX=true", "CECBATCH_OUTPUTS_CLIENT_LETTER=true"}, args: []string{"--no-register"}},
	"register": {name: "register", env: []string{"CECBATCH_OUTPUTS_DOCX=true"}},
}

func configNames() []string {
	var names []string
	for n := range runConfigs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func parseInts(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "cecbatch-bench: %q is not a positive number\n", f)
			os.Exit(2)
		}
		out = append(out, n)
	}
	return out
}

type row struct {
	config           string
	clients, workers int
	oneCPU           bool    // the run and its floors on one CPU
	split            bool    // separate runs of 1 worker, a CPU each (no floor)
	pages            float64 // per opinion
	run, floor       usage
	upstream         usage // the upstream floor's; zero: not measured
}

func bench(cfg config) error {
	dir := cfg.keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "cecbatch-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	// The outputs of earlier runs are emptied, not deleted (trash.go): a
	// deletion would slow the next run on some file systems. A kept folder
	// keeps its trash, for the next benchmark to add to; a temporary one
	// goes with its trash at the end.
	tr := newTrash(dir)
	binary := filepath.Join(dir, "cecbatch")
	build := exec.Command("go", "build", "-o", binary, "./cmd/cecbatch")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build cecbatch: %w", err)
	}
	var upstream string
	if slices.Min(cfg.sizes) <= cfg.upstreamMax {
		var err error
		if upstream, err = buildUpstreamFloor(dir); err != nil {
			fmt.Fprintf(os.Stderr, "cecbatch-bench: no upstream floor: %v\n", err)
		}
	}
	var names []string
	for _, c := range cfg.configs {
		names = append(names, c.name)
	}
	oneCore := "no"
	slots := make([]slot, 0, len(cfg.workers)+1)
	if cfg.oneCore {
		oneCore = "yes"
		slots = append(slots, slot{workers: 1, oneCPU: true})
	}
	for _, w := range cfg.workers {
		slots = append(slots, slot{workers: w})
	}
	if cfg.oneCore {
		// The ceiling of the largest worker count the CPUs can hold one
		// to one.
		if w := slices.Max(cfg.workers); w > 1 && w <= runtime.NumCPU() {
			slots = append(slots, slot{workers: w, split: true})
		}
	}
	fmt.Printf("cecbatch-bench: %d CPUs, %s, %s/%s; as-of %s; %d clients per workbook; configurations %s (more run flags: %s); 1 worker on one CPU: %s\n\n",
		runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, asOf, cfg.perFile, strings.Join(names, ", "), orNone(cfg.runArgs), oneCore)

	// An empty configuration file: the runs take the defaults, whatever
	// cecbatch.yaml the current folder holds.
	emptyConfig := filepath.Join(dir, "cecbatch.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o600); err != nil {
		return err
	}
	env := append(os.Environ(), "CECBATCH_CONFIG="+emptyConfig)
	var rows []row
	for _, n := range cfg.sizes {
		inbox := filepath.Join(dir, fmt.Sprintf("inbox-%d", n))
		start := time.Now()
		if err := generate(inbox, n, cfg.perFile); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "inbox of %d clients ready in %s\n", n, time.Since(start).Round(time.Millisecond))
		// Each round runs every slot in turn, so that the rows a ratio
		// compares (1 worker on one CPU and 2 workers: the 2nd core) are
		// measured minutes apart, not a slot's rounds apart: the
		// development machine's speed drifted by half within a quarter of
		// an hour.
		slotRows := make([][]row, len(slots))
		for si := range slots {
			slotRows[si] = make([]row, len(cfg.configs))
		}
		for i := range cfg.repeat {
			for si, sl := range slots {
				w := sl.workers
				rs := slotRows[si]
				// The floor is the same for every configuration: it is
				// measured once a round, on the first configuration's pages.
				var floor, upFloor usage
				for k, c := range cfg.configs {
					out := filepath.Join(dir, fmt.Sprintf("out-%s-%d-%s", c.name, n, sl.name()))
					if err := tr.discard(out); err != nil {
						return err
					}
					settle()
					var run usage
					var pages []int
					var err error
					if sl.split {
						run, pages, err = runSplit(binary, inbox, out, append(slices.Clone(env), c.env...), c.args, cfg.runArgs, w)
					} else {
						run, pages, err = runOnce(binary, inbox, out, append(slices.Clone(env), c.env...), c.args, cfg.runArgs, w, sl.cpu())
					}
					if err != nil {
						return err
					}
					if len(pages) != n {
						return fmt.Errorf("run of %d clients wrote %d opinions", n, len(pages))
					}
					if k == 0 && !sl.split {
						pagesFile := out + ".pages"
						if err := writePageCounts(pagesFile, pages); err != nil {
							return err
						}
						self, _ := os.Executable()
						settle()
						if floor, err = measure(out+".floor-rusage", env, sl.cpu(), self, floorFlag, pagesFile, strconv.Itoa(w)); err != nil {
							return err
						}
						if upstream != "" && n <= cfg.upstreamMax {
							settle()
							if upFloor, err = measure(out+".upstream-rusage", env, sl.cpu(), upstream, pagesFile, strconv.Itoa(w)); err != nil {
								return err
							}
						}
					}
					if cfg.keep == "" {
						if err := tr.discard(out); err != nil {
							return err
						}
					}
					total := 0
					for _, p := range pages {
						total += p
					}
					r := &rs[k]
					r.config, r.clients, r.workers, r.oneCPU, r.split, r.pages = c.name, n, w, sl.oneCPU, sl.split, float64(total)/float64(n)
					fmt.Fprintf(os.Stderr, "%s, %d clients, %d workers%s, round %d: run %s wall %s CPU %.1f MB; floor %s wall %s CPU; upstream floor %s wall %s CPU\n",
						c.name, n, w, slotNote(sl), i+1, run.wall.Round(time.Millisecond), run.cpu.Round(time.Millisecond), float64(run.rss)/(1<<20),
						floor.wall.Round(time.Millisecond), floor.cpu.Round(time.Millisecond),
						upFloor.wall.Round(time.Millisecond), upFloor.cpu.Round(time.Millisecond))
					r.run = fastest(r.run, run, i == 0)
					r.floor = fastest(r.floor, floor, i == 0)
					r.upstream = fastest(r.upstream, upFloor, i == 0)
				}
			}
		}
		for _, rs := range slotRows {
			rows = append(rows, rs...)
		}
	}
	printTable(os.Stdout, rows)
	if cfg.registerSize > 0 {
		w := slices.Max(cfg.workers)
		night, size, pdfs, err := registerNight(binary, dir, tr, env, cfg.registerSize, w, 1)
		if err != nil {
			return err
		}
		fmt.Printf("\nregister night: %d clients in the register, no input, %d workers: wall %s, CPU %s, peak RSS %.1f MB, register.db %.1f MB, %d opinions (changed outcomes); the contract: <= 30 s on 2 cores, <= 150 MB\n",
			cfg.registerSize, w, night.wall.Round(time.Millisecond), night.cpu.Round(time.Millisecond), float64(night.rss)/(1<<20), float64(size)/(1<<20), pdfs)
		// A month after the seed, time has changed thousands of outcomes
		// (tests expired, hours reached): the night renders their new
		// drafts, and its memory must not grow with them.
		night, size, pdfs, err = registerNight(binary, dir, tr, env, cfg.registerSize, w, 30)
		if err != nil {
			return err
		}
		fmt.Printf("register night 30 days later: %d clients in the register, no input, %d workers: wall %s, CPU %s, peak RSS %.1f MB, register.db %.1f MB, %d opinions (changed outcomes)\n",
			cfg.registerSize, w, night.wall.Round(time.Millisecond), night.cpu.Round(time.Millisecond), float64(night.rss)/(1<<20), float64(size)/(1<<20), pdfs)
	}
	return nil
}

// settle writes the file system's dirty pages out before a measured run:
// the last run's writes would otherwise be written out during the next,
// which is noise, not cecbatch's cost. (The last run's files are emptied
// rather than deleted: trash.go.) Where there is no sync command, nothing
// is done.
func settle() {
	exec.Command("sync").Run()
}

// fastest keeps the smallest wall and CPU times and RSS seen (first: none
// seen yet).
func fastest(best, u usage, first bool) usage {
	if first {
		return u
	}
	return usage{wall: min(best.wall, u.wall), cpu: min(best.cpu, u.cpu), rss: min(best.rss, u.rss)}
}

func writePageCounts(path string, pages []int) error {
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintln(&b, p)
	}
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

// slotNote is what follows a worker count in the progress lines.
func slotNote(sl slot) string {
	switch {
	case sl.oneCPU:
		return " on 1 CPU"
	case sl.split:
		return " in separate runs, a CPU each"
	}
	return ""
}

func orNone(args []string) string {
	if len(args) == 0 {
		return "none"
	}
	return strings.Join(args, " ")
}

func printTable(out *os.File, rows []row) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "config\tclients\tworkers\twall\tCPU\tCPU/client ms\tpages/opinion\tpeak RSS MB\tfloor wall\tfloor CPU\twall/floor\tCPU/floor\tupstream floor wall\tupstream floor CPU\twall/upstream\tCPU/upstream\tspeed-up vs 1 worker\t2nd core\tclients/s\t")
	type at struct {
		config  string
		clients int
	}
	// The bases of the two ratios: 1 worker with every CPU (speed-up vs
	// 1 worker), 1 worker on one CPU (2nd core).
	base, oneCPU := map[at]time.Duration{}, map[at]time.Duration{}
	for _, r := range rows {
		switch {
		case r.oneCPU:
			oneCPU[at{r.config, r.clients}] = r.run.wall
		case r.workers == 1:
			base[at{r.config, r.clients}] = r.run.wall
		}
	}
	for _, r := range rows {
		speedup, second := "-", "-"
		if b, ok := base[at{r.config, r.clients}]; ok && r.workers != 1 {
			speedup = fmt.Sprintf("%.2fx", b.Seconds()/r.run.wall.Seconds())
		}
		if b, ok := oneCPU[at{r.config, r.clients}]; ok && r.workers > 1 {
			second = fmt.Sprintf("%.2fx", b.Seconds()/r.run.wall.Seconds())
		}
		workers := strconv.Itoa(r.workers)
		switch {
		case r.oneCPU:
			workers += " (1 CPU)"
		case r.split:
			workers += " (split)"
		}
		floor := "-\t-\t-\t-"
		if r.floor.wall > 0 {
			floor = fmt.Sprintf("%s\t%s\t%.2f\t%.2f", r.floor.wall.Round(time.Millisecond), r.floor.cpu.Round(time.Millisecond),
				r.run.wall.Seconds()/r.floor.wall.Seconds(), r.run.cpu.Seconds()/r.floor.cpu.Seconds())
		}
		up := "-\t-\t-\t-"
		if r.upstream.wall > 0 {
			up = fmt.Sprintf("%s\t%s\t%.2f\t%.2f", r.upstream.wall.Round(time.Millisecond), r.upstream.cpu.Round(time.Millisecond),
				r.run.wall.Seconds()/r.upstream.wall.Seconds(), r.run.cpu.Seconds()/r.upstream.cpu.Seconds())
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%.2f\t%.2f\t%.1f\t%s\t%s\t%s\t%s\t%.0f\t\n",
			r.config, r.clients, workers, r.run.wall.Round(time.Millisecond), r.run.cpu.Round(time.Millisecond),
			r.run.cpu.Seconds()*1000/float64(r.clients), r.pages, float64(r.run.rss)/(1<<20),
			floor, up, speedup, second, float64(r.clients)/r.run.wall.Seconds())
	}
	tw.Flush()
}
