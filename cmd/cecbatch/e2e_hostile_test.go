package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cecbatch/cecbatch/batch"
)

// The hostile inbox, end to end: bombs beside a good workbook, under the
// memory bound the README promises.

// memoryBoundMB is the peak resident memory the README promises for a run
// with two workers, whatever the inbox holds (measured: see the README).
const memoryBoundMB = 50 + 2*175

// poisoned writes to path the workbook good (a file's bytes) with part
// replaced by head, n copies of item and tail: megabytes that compress to
// kilobytes.
func poisoned(t *testing.T, path string, good []byte, part, head, item, tail string, n int) {
	t.Helper()
	rebuilt(t, path, good, part, false, func(zw *zip.Writer) { repeatedPart(t, zw, part, head, item, tail, n) })
}

// rebuilt writes to path the workbook good with its entry part written by
// add instead; with keep, the entry is kept and add writes after it.
func rebuilt(t *testing.T, path string, good []byte, part string, keep bool, add func(*zip.Writer)) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		if f.Name == part {
			found = true
			if !keep {
				add(zw)
				continue
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
		if f.Name == part {
			add(zw)
		}
	}
	if !found {
		t.Fatalf("no part %s", part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// repeatedPart adds to zw the entry name holding head, n copies of item
// and tail, deflated without deflating it all: a chunk of a megabyte of
// items is deflated once, by a fresh compressor flushed to a byte
// boundary, and that segment is repeated (a decoder reads concatenated
// flushed segments as one stream); only the checksum goes over every
// byte. Deflating the 400 MB of a bomb took minutes under the race
// detector, which the test process runs with.
func repeatedPart(t *testing.T, zw *zip.Writer, name, head, item, tail string, n int) {
	t.Helper()
	segment := func(s string, final bool) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		io.WriteString(fw, s)
		if final {
			fw.Close()
		} else {
			fw.Flush()
		}
		return b.Bytes()
	}
	per := max(1, (1<<20)/len(item))
	chunk := strings.Repeat(item, per)
	full, rest := n/per, n%per
	crc := crc32.Update(0, crc32.IEEETable, []byte(head))
	for range full {
		crc = crc32.Update(crc, crc32.IEEETable, []byte(chunk))
	}
	last := strings.Repeat(item, rest) + tail
	crc = crc32.Update(crc, crc32.IEEETable, []byte(last))
	first, middle, end := segment(head, false), segment(chunk, false), segment(last, true)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(len(first) + full*len(middle) + len(end)),
		UncompressedSize64: uint64(len(head) + n*len(item) + len(tail))})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(first)
	for range full {
		w.Write(middle)
	}
	w.Write(end)
}

// TestBombsBesideGoodWorkbook: three crafted workbooks (12 million
// cell formats, 400 MB of shared strings, a million sheets) and a header
// row of 480 MB of text, each a file
// of a few hundred kilobytes, on two workers beside a genuine workbook:
// each bomb is quarantined with a report saying what is wrong, the good
// workbook is processed and archived, and the run's peak memory stays
// under the README's bound. Before the part limits this run took 4 GB
// and minutes.
func TestBombsBesideGoodWorkbook(t *testing.T) {
	s := newSite(t)
	s.workbook("good.xlsx", "G", 3)
	good, err := os.ReadFile(s.path("inbox", "good.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	poisoned(t, s.path("inbox", "styles-bomb.xlsx"), good, "xl/styles.xml",
		`<styleSheet `+ns+`><cellXfs>`, `<xf/>`, `</cellXfs></styleSheet>`, 12_000_000)
	poisoned(t, s.path("inbox", "strings-bomb.xlsx"), good, "xl/sharedStrings.xml",
		`<sst `+ns+`>`, `<si><t>a</t></si>`, `</sst>`, 400_000_000/16)
	poisoned(t, s.path("inbox", "sheets-bomb.xlsx"), good, "xl/workbook.xml",
		`<workbook `+ns+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`,
		`<sheet name="x" sheetId="1" r:id="rId1"/>`, `</sheets></workbook>`, 1_000_000)
	// A header row of 480 MB of text in a 500 KB file: excelize reads a
	// header row whole (500 MB before the text was bounded first).
	poisoned(t, s.path("inbox", "text-bomb.xlsx"), good, "xl/worksheets/sheet1.xml",
		`<worksheet `+ns+`><sheetData><row r="1">`, `<c t="inlineStr"><is><t>`+strings.Repeat("a", 400_000)+`</t></is></c>`,
		`</row></sheetData></worksheet>`, 1200)
	// A second styles bomb: two workers on two bombs at once.
	poisoned(t, s.path("inbox", "styles-bomb-2.xlsx"), good, "xl/styles.xml",
		`<styleSheet `+ns+`><cellXfs>`, `<xf/>`, `</cellXfs></styleSheet>`, 12_000_000)
	for _, n := range []string{"styles-bomb.xlsx", "strings-bomb.xlsx", "sheets-bomb.xlsx", "text-bomb.xlsx"} {
		if info, _ := os.Stat(s.path("inbox", n)); info.Size() > 2<<20 {
			t.Fatalf("%s is %d bytes: not a bomb", n, info.Size())
		}
	}

	cmd := exec.Command(binary, append(runArgs, "--workers", "2")...)
	cmd.Dir, cmd.Env = s.dir, s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	code := exitCodeOf(t, err)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (inputs quarantined)\n%s", code, stderr.String())
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // kilobytes on Linux
	if runtime.GOOS == "darwin" {
		rss >>= 10 // bytes on macOS
	}
	t.Logf("peak RSS %d MB, %v", rss, took.Round(time.Millisecond))
	if rss > memoryBoundMB {
		t.Errorf("peak RSS %d MB, over the README's bound of %d MB", rss, memoryBoundMB)
	}
	if took > time.Minute {
		t.Errorf("the run took %v", took)
	}
	if got := s.ls("archive"); !reflect.DeepEqual(got, []string{"good.xlsx"}) {
		t.Errorf("archive %v, want the good workbook", got)
	}
	want := []string{
		"sheets-bomb.xlsx", "sheets-bomb.xlsx.report.txt",
		"strings-bomb.xlsx", "strings-bomb.xlsx.report.txt",
		"styles-bomb-2.xlsx", "styles-bomb-2.xlsx.report.txt",
		"styles-bomb.xlsx", "styles-bomb.xlsx.report.txt",
		"text-bomb.xlsx", "text-bomb.xlsx.report.txt",
	}
	if got := s.ls("quarantine"); !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine %v, want %v", got, want)
	}
	for name, words := range map[string]string{
		"styles-bomb.xlsx": "limits.max_", "strings-bomb.xlsx": "limits.max_part_mb", "sheets-bomb.xlsx": "limits.max_",
		"text-bomb.xlsx": "limits.max_part_mb",
	} {
		report, _ := os.ReadFile(s.path("quarantine", name+".report.txt"))
		if !strings.Contains(string(report), words) {
			t.Errorf("%s's report does not name the limit:\n%s", name, report)
		}
	}
	var clients int
	for _, l := range readResults(t, s.path(strings.TrimSpace(stdout.String()))) {
		if l.ClientID != "" {
			clients++
		}
	}
	if clients != 3 {
		t.Errorf("%d clients in results.jsonl, want the good workbook's 3", clients)
	}
}

// TestSwappedForSymlinkE2E: a quarantine folder given as a link to the
// inbox is refused: it would move inputs into the folder they came from.
func TestQuarantineLinkedToInbox(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("a.xlsx", "A", 1)
	if err := os.Symlink("inbox", s.path("q")); err != nil {
		t.Skip(err)
	}
	o := s.run(append(runArgs, "--quarantine", "q")...)
	if o.code != 2 || !strings.Contains(o.stderr, "quarantine") {
		t.Fatalf("exit %d, want 2 naming the quarantine folder\n%s", o.code, o.stderr)
	}
	if got := s.ls("inbox"); !reflect.DeepEqual(got, []string{"a.xlsx"}) {
		t.Errorf("inbox %v", got)
	}
}

// TestJSONLogToTheLastLine: with --log-format json, every line on stderr
// is a JSON object, the run's failure too; and a failure while moving the
// inputs says what was moved, not "no input was moved".
func TestJSONLogToTheLastLine(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.workbook("a.xlsx", "A", 1)
	s.file("out", "a file where the output folder should be")
	o := s.run(append(runArgs, "--log-format", "json")...)
	if o.code != 4 {
		t.Fatalf("exit %d, want 4\n%s", o.code, o.stderr)
	}
	lines := strings.Split(strings.TrimRight(o.stderr, "\n"), "\n")
	for _, l := range lines {
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Errorf("not a JSON line on stderr: %q", l)
		}
	}
	if last := lines[len(lines)-1]; !strings.Contains(last, "no input was moved") {
		t.Errorf("last line %q", last)
	}
}

// TestSIGTERMWhileReading: a SIGTERM in the middle of reading a large
// workbook is acted on within two seconds: the run stops between rows,
// leaves the workbook in the inbox and exits 130.
func TestSIGTERMWhileReading(t *testing.T) {
	s := newSite(t)
	s.workbook("big.xlsx", "B", 30000)
	cmd := exec.Command(binary, append(runArgs, "--workers", "1")...)
	cmd.Dir, cmd.Env = s.dir, s.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	// The snapshot is taken when the reading starts.
	deadline := time.Now().Add(time.Minute)
	for {
		if m, _ := filepath.Glob(s.path("out", batch.StateDir, "*.snap")); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the run never started reading")
		}
		time.Sleep(5 * time.Millisecond)
	}
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code := exitCodeOf(t, cmd.Wait())
	took := time.Since(signalled)
	t.Logf("exited %v after SIGTERM", took.Round(time.Millisecond))
	if code != 130 {
		t.Fatalf("exit %d, want 130 (the read finished before the signal? make the workbook bigger)\n%s", code, stderr.String())
	}
	if took > 2*time.Second {
		t.Errorf("the run took %v to stop after SIGTERM", took)
	}
	if got := s.ls("inbox"); !reflect.DeepEqual(got, []string{"big.xlsx"}) {
		t.Errorf("inbox %v, want the workbook left there", got)
	}
}

// TestStoppedTwoRunsE2E: a workbook in flight when a run is killed is
// retried by the next run; in flight when that one is killed too, the
// third run quarantines it as "stopped two runs" and processes the rest.
func TestStoppedTwoRunsE2E(t *testing.T) {
	s := newSite(t)
	s.workbook("a-heavy.xlsx", "H", 3000)
	s.workbook("b-good.xlsx", "G", 2)
	// reading says whether the run is reading a-heavy.xlsx for the
	// kill-th time: the marker of the read stands while it lasts.
	reading := func(kill int) bool {
		markers, _ := filepath.Glob(s.path("out", batch.StateDir, "*.json"))
		for _, m := range markers {
			b, _ := os.ReadFile(m)
			var v struct {
				Name     string
				Attempts int
			}
			if json.Unmarshal(b, &v) == nil && v.Name == "a-heavy.xlsx" && v.Attempts == kill {
				return true
			}
		}
		return false
	}
	for kill := 1; kill <= 2; kill++ {
		cmd, _, _ := s.start(append(runArgs, "--workers", "1")...)
		deadline := time.Now().Add(time.Minute)
		for {
			if reading(kill) {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("the run never started reading")
			}
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Kill()
		if code := exitCodeOf(t, cmd.Wait()); code != -int(syscall.SIGKILL) {
			t.Fatalf("run %d ended before the kill (exit %d)", kill, code)
		}
	}
	o := s.run(runArgs...)
	if o.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", o.code, o.stderr)
	}
	report, err := os.ReadFile(s.path("quarantine", "a-heavy.xlsx.report.txt"))
	if err != nil || !strings.Contains(string(report), "stopped two runs") {
		t.Errorf("report %q %v", report, err)
	}
	if got := s.ls("archive"); !reflect.DeepEqual(got, []string{"b-good.xlsx"}) {
		t.Errorf("archive %v", got)
	}
	if got := s.ls("inbox"); len(got) != 0 {
		t.Errorf("inbox %v", got)
	}
}
