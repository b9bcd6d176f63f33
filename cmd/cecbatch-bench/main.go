// Command cecbatch-bench measures whole cecbatch runs against the floor.
//
// It generates realistic inboxes (weekly intake workbooks of about 250
// clients with one to three jobs and one or two tests each, names in
// several scripts) of 1,000 and 10,000 clients, runs the cecbatch binary
// on each with 1 and 2 workers, and reports wall time, clients per second
// and the child's peak RSS (rusage Maxrss). Next to each run it reports
// the floor: the time report's opinion renderer alone needs to render the
// same clients' opinions on the same number of goroutines, in this
// process, into memory.
//
// Usage:
//
//	go run ./cmd/cecbatch-bench [-sizes 1000,10000] [-workers 1,2] [-keep DIR]
//
// Run it from the repository root (it builds ./cmd/cecbatch).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/ingest"
	"github.com/cecbatch/cecbatch/report"
)

const asOf = "2025-06-01"

func main() {
	if len(os.Args) > 2 && os.Args[1] == launchFlag {
		os.Exit(launch(os.Args[2], os.Args[3:]))
	}
	sizes := flag.String("sizes", "1000,10000", "inbox sizes in clients, comma-separated")
	workerList := flag.String("workers", "1,2", "worker counts, comma-separated")
	keep := flag.String("keep", "", "keep the generated inboxes and outputs in this folder")
	perFile := flag.Int("per-file", 250, "clients per intake workbook")
	registerSize := flag.Int("register", 100000, "clients in the register for the night with no input (0: skip it)")
	flag.Parse()
	if err := bench(parseInts(*sizes), parseInts(*workerList), *perFile, *keep, *registerSize); err != nil {
		fmt.Fprintln(os.Stderr, "cecbatch-bench:", err)
		os.Exit(1)
	}
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
	clients, workers int
	wall, floor      time.Duration
	// CPU time (user+system) of the run's process and of the floor's
	// rendering: on a machine shared with other work, wall times move with
	// the load, CPU times much less.
	cpu, floorCPU time.Duration
	maxRSS        int64 // bytes
}

func bench(sizes, workers []int, perFile int, keep string, registerSize int) error {
	dir := keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "cecbatch-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	binary := filepath.Join(dir, "cecbatch")
	build := exec.Command("go", "build", "-o", binary, "./cmd/cecbatch")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build cecbatch: %w", err)
	}
	fmt.Printf("cecbatch-bench: %d CPUs, %s, %s/%s; as-of %s; %d clients per workbook\n\n",
		runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, asOf, perFile)

	var rows []row
	for _, n := range sizes {
		inbox := filepath.Join(dir, fmt.Sprintf("inbox-%d", n))
		start := time.Now()
		if err := generate(inbox, n, perFile); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "generated %d clients in %s\n", n, time.Since(start).Round(time.Millisecond))
		assessments, err := assessInbox(inbox)
		if err != nil {
			return err
		}
		for _, w := range workers {
			wall, cpu, rss, err := runOnce(binary, inbox, filepath.Join(dir, fmt.Sprintf("out-%d-%d", n, w)), w)
			if err != nil {
				return err
			}
			floor, floorCPU, err := renderFloor(assessments, w)
			if err != nil {
				return err
			}
			r := row{clients: n, workers: w, wall: wall, floor: floor, cpu: cpu, floorCPU: floorCPU, maxRSS: rss}
			rows = append(rows, r)
			fmt.Fprintf(os.Stderr, "%d clients, %d workers: run %s, floor %s, peak RSS %.1f MB\n",
				n, w, wall.Round(time.Millisecond), floor.Round(time.Millisecond), float64(rss)/(1<<20))
		}
		assessments = nil
		runtime.GC()
	}
	printTable(rows)
	if registerSize > 0 {
		w := slices.Max(workers)
		wall, cpu, rss, size, pdfs, err := registerNight(binary, dir, registerSize, w)
		if err != nil {
			return err
		}
		fmt.Printf("\nregister night: %d clients in the register, no input, %d workers: wall %s, CPU %s, peak RSS %.1f MB, register.db %.1f MB, %d opinions (changed outcomes); the contract: <= 30 s on 2 cores, <= 150 MB\n",
			registerSize, w, wall.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(rss)/(1<<20), float64(size)/(1<<20), pdfs)
	}
	return nil
}

func printTable(rows []row) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "clients\tworkers\twall\tclients/s\tpeak RSS MB\tfloor\tfloor clients/s\twall/floor\tspeed-up vs 1 worker\tCPU\tfloor CPU\tCPU/floor CPU\t")
	base := map[int]time.Duration{}
	for _, r := range rows {
		if r.workers == 1 {
			base[r.clients] = r.wall
		}
	}
	for _, r := range rows {
		speedup := "-"
		if b, ok := base[r.clients]; ok && r.workers != 1 {
			speedup = fmt.Sprintf("%.2fx", b.Seconds()/r.wall.Seconds())
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%.0f\t%.1f\t%s\t%.0f\t%.2f\t%s\t%s\t%s\t%.2f\t\n",
			r.clients, r.workers, r.wall.Round(time.Millisecond), float64(r.clients)/r.wall.Seconds(),
			float64(r.maxRSS)/(1<<20), r.floor.Round(time.Millisecond), float64(r.clients)/r.floor.Seconds(),
			r.wall.Seconds()/r.floor.Seconds(), speedup,
			r.cpu.Round(time.Millisecond), r.floorCPU.Round(time.Millisecond), r.cpu.Seconds()/r.floorCPU.Seconds())
	}
	tw.Flush()
}

// launchFlag makes this program a launcher: it runs a command and writes
// the command's peak RSS and CPU time to a file.
//
// Why: Go starts a child with clone(CLONE_VM) then exec, and Linux records
// the old memory map's high-water mark, the parent's, in the child's
// ru_maxrss at exec. A child of this benchmark, which holds thousands of
// assessments, would report the benchmark's RSS instead of its own. The
// launcher is a fresh small process, so what it reads is the child's.
const launchFlag = "-launch"

func launch(resultFile string, command []string) int {
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "launch:", err)
		return 1
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if werr := os.WriteFile(resultFile, []byte(fmt.Sprintf("%d %d\n", rss, cpu.Nanoseconds())), 0o600); werr != nil {
		fmt.Fprintln(os.Stderr, "launch:", werr)
		return 1
	}
	return cmd.ProcessState.ExitCode()
}

// runOnce runs the binary on inbox (kept as it is), through the launcher,
// and returns the wall time, the child's CPU time and its peak resident set.
func runOnce(binary, inbox, out string, workers int) (wall, cpu time.Duration, rss int64, err error) {
	os.RemoveAll(out)
	return runWith(binary, out+".rusage", "run", "--inbox", inbox, "--out", out, "--keep-inputs", "--min-age", "0s",
		"--as-of", asOf, "--workers", strconv.Itoa(workers), "--quiet", "--no-register")
}

// runWith runs the binary with args through the launcher, which writes
// the child's rusage to resultFile.
func runWith(binary, resultFile string, args ...string) (wall, cpu time.Duration, rss int64, err error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, 0, err
	}
	cmd := exec.Command(self, append([]string{launchFlag, resultFile, binary}, args...)...)
	cmd.Env = append(os.Environ(), "CECBATCH_CONFIG=/dev/null")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("cecbatch run: %v\n%s", err, stderr.String())
	}
	text, err := os.ReadFile(resultFile)
	if err != nil {
		return 0, 0, 0, err
	}
	var cpuNs int64
	if _, err := fmt.Sscan(string(text), &rss, &cpuNs); err != nil {
		return 0, 0, 0, fmt.Errorf("launcher result %q: %v", text, err)
	}
	return wall, time.Duration(cpuNs), rss, nil
}

// assessInbox reads and assesses every client of inbox, as a run would,
// for the floor to render.
func assessInbox(inbox string) ([]*assess.Assessment, error) {
	renderer, err := report.NewOpinionRenderer(report.Letterhead{}, report.Letter)
	if err != nil {
		return nil, err
	}
	files, _ := filepath.Glob(filepath.Join(inbox, "*.xlsx"))
	rules := assess.Current()
	date := assess.MustDate(asOf)
	var out []*assess.Assessment
	for _, f := range files {
		wb, err := ingest.ReadFile(f, ingest.DefaultOptions())
		if err != nil {
			return nil, err
		}
		for _, c := range wb.Clients {
			a := rules.Assess(c, date)
			a.Findings = append(a.Findings, renderer.Unprintable(a)...)
			out = append(out, a)
		}
	}
	return out, nil
}

// renderFloor renders every opinion on workers goroutines into memory:
// the cost of the PDFs alone, which no pipeline can go below.
func renderFloor(assessments []*assess.Assessment, workers int) (wall, cpu time.Duration, err error) {
	renderer, err := report.NewOpinionRenderer(report.Letterhead{}, report.Letter)
	if err != nil {
		return 0, 0, err
	}
	runtime.GC()
	cpuBefore := selfCPU()
	date := assess.MustDate(asOf)
	var next atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for {
				i := next.Add(1) - 1
				if int(i) >= len(assessments) {
					return
				}
				buf.Reset()
				if err := renderer.Render(&buf, assessments[i], nil, date); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start), selfCPU() - cpuBefore, firstErr
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var (
	families = []string{"Tremblay", "Bérubé", "Nguyễn", "Żółć", "Ødegård", "Smith", "García", "Ivanova", "Papadopoulos", "O'Brien", "Singh", "Okafor", "Иванов", "Παπαδόπουλος"}
	givens   = []string{"Élodie", "Thị Minh", "Łukasz", "Jean-François", "Aisha", "Mohammed", "Chen", "Olga", "Dimitris", "Siobhán", "Priya", "Chinedu", "Анна", "Ελένη"}
	nocs     = []string{"21231", "21232", "13110", "62020", "72410", "33102", "00012", "41200", "64100", "2173"}
	emps     = []string{"Maple Software Inc.", "Les Services Bérubé", "Northern Logistics Ltd.", "City Hospital", "Café Ørsted", "Prairie Farms Co-op"}
	provs    = []string{"ON", "BC", "AB", "Québec", "MB", "NS", "SK"}
)

// generate writes an inbox of n clients in workbooks of perFile clients.
func generate(inbox string, n, perFile int) error {
	if matches, _ := filepath.Glob(filepath.Join(inbox, "*.xlsx")); len(matches) > 0 {
		return nil // kept from an earlier run with -keep
	}
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 87))
	for file, first := 0, 0; first < n; file, first = file+1, first+perFile {
		count := min(perFile, n-first)
		if err := writeWorkbook(filepath.Join(inbox, fmt.Sprintf("intake-week-%03d.xlsx", file+1)), rng, first, count); err != nil {
			return err
		}
	}
	return nil
}

func writeWorkbook(path string, rng *rand.Rand, first, count int) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Clients")
	f.NewSheet("Employment")
	f.NewSheet("Language Tests")
	streams := map[string]*excelize.StreamWriter{}
	rowNo := map[string]int{}
	for _, sheet := range []string{"Clients", "Employment", "Language Tests"} {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		streams[sheet] = sw
	}
	add := func(sheet string, values ...any) error {
		rowNo[sheet]++
		cell, _ := excelize.CoordinatesToCellName(1, rowNo[sheet])
		return streams[sheet].SetRow(cell, values)
	}
	if err := add("Clients", "Client ID", "Family Name", "Given Names", "Date of Birth", "Intended Province", "In Canada", "Status", "Admissibility Concern", "Notes"); err != nil {
		return err
	}
	add("Employment", "Client ID", "Employer", "Job Title", "NOC", "Start Date", "End Date", "Hours Per Week", "Employment Type", "Work Authorization")
	add("Language Tests", "Client ID", "Test", "Test Date", "Listening", "Reading", "Writing", "Speaking")
	day := func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
	for i := first; i < first+count; i++ {
		id := fmt.Sprintf("F%06d", i+1)
		concern := "no"
		if rng.IntN(20) == 0 {
			concern = "prior refusal in 2019"
		}
		if err := add("Clients", id, families[rng.IntN(len(families))], givens[rng.IntN(len(givens))],
			day(1975+rng.IntN(25), 1+rng.IntN(12), 1+rng.IntN(28)), provs[rng.IntN(len(provs))], "yes", "worker", concern,
			"Referred by the firm's website; prefers email."); err != nil {
			return err
		}
		for j := 0; j < 1+rng.IntN(3); j++ {
			start := day(2019+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))
			end := ""
			if rng.IntN(3) == 0 {
				end = day(2024+rng.IntN(2), 1+rng.IntN(5), 1+rng.IntN(28))
			}
			auth := []string{"open work permit", "PGWP", "employer-specific work permit", ""}[rng.IntN(4)]
			if err := add("Employment", id, emps[rng.IntN(len(emps))], "Analyst", nocs[rng.IntN(len(nocs))], start, end,
				[]float64{20, 30, 37.5, 40, 45}[rng.IntN(5)], "employee", auth); err != nil {
				return err
			}
		}
		for j := 0; j < 1+rng.IntN(2); j++ {
			score := 5 + rng.IntN(6)
			if err := add("Language Tests", id, "CELPIP-General", day(2023+rng.IntN(2), 1+rng.IntN(12), 1+rng.IntN(28)),
				score, score, max(4, score-1), score); err != nil {
				return err
			}
		}
	}
	for _, sw := range streams {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}
