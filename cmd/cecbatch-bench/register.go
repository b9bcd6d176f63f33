package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
	"github.com/cecbatch/cecbatch/ingest"
	"github.com/cecbatch/cecbatch/internal/intakegen"
	"github.com/cecbatch/cecbatch/register"
	"github.com/cecbatch/cecbatch/report"
)

// The register's night (REGISTER.md §7): n clients in the register, no
// workbook in the inbox, every open client re-assessed on the next day
// and all the outputs written (Changes, Agenda, agenda.ics, digest).
// The register is seeded as a run on the day before would leave it: the
// same engine call, each client's outcome and calendar items stored.

// registerDistinct is how many distinct generated clients the seed
// repeats under new IDs.
const registerDistinct = 2000

// seedRegister writes a register of n clients assessed on day at path.
func seedRegister(path string, n int, day assess.Date) error {
	seedDir := filepath.Join(filepath.Dir(path), "seed")
	if err := os.MkdirAll(seedDir, 0o700); err != nil {
		return err
	}
	book := filepath.Join(seedDir, "seed.xlsx")
	if err := intakegen.WriteWorkbook(book, rand.New(rand.NewPCG(uint64(n), 15)), 0, registerDistinct); err != nil {
		return err
	}
	wb, err := ingest.ReadFile(book, ingest.DefaultOptions())
	if err != nil {
		return err
	}
	renderer, err := report.NewOpinionRenderer(report.Letterhead{}, report.Letter)
	if err != nil {
		return err
	}
	db, err := register.Open(path, register.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	rules, ee := assess.Current(), crs.Builtin()
	run := register.RunInfo{RunID: "seed", Folder: seedDir, AsOf: day, Started: time.Now()}
	const batch = 5000
	for first := 0; first < n; first += batch {
		writes := make([]register.Write, min(batch, n-first))
		var wg sync.WaitGroup
		var firstErr error
		var mu sync.Mutex
		workers := runtime.NumCPU()
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(writes); i += workers {
					base := wb.Clients[(first+i)%len(wb.Clients)]
					c := *base
					c.ID = "B" + strconv.Itoa(1000000 + first + i)[1:]
					a := rules.Assess(&c, day)
					x := ee.Assess(rules, &c, a.AssessedOn)
					a.Findings = append(a.Findings, renderer.Unprintable(a)...)
					data, hash, err := register.EncodeFacts(&c)
					if err != nil {
						mu.Lock()
						firstErr = err
						mu.Unlock()
						return
					}
					o := register.OutcomeOf(a, x)
					row := register.AssessmentRowOf(a, x, "intake")
					_, cal := register.Agenda(a, false, day, register.DefaultHorizon)
					store, _, _ := register.Reconcile(c.ID, nil, cal, day)
					writes[i] = register.Write{ID: c.ID, Change: register.ChangeNew,
						Identity: &register.Identity{FamilyName: c.FamilyName, GivenNames: c.GivenNames, DateOfBirth: c.DateOfBirth, SourceFile: c.SourceFile},
						Facts:    data, FactsHash: hash, Intake: &register.Intake{SourceFile: c.SourceFile, SHA256: "seed"},
						Outcome: &o, Assessment: &row, Dates: store, DatesChanged: true, LastChange: "seed: new"}
				}
			}()
		}
		wg.Wait()
		if firstErr != nil {
			return firstErr
		}
		if err := db.CommitFile(context.Background(), run, writes); err != nil {
			return err
		}
	}
	return nil
}

// registerNight seeds a register of n clients (kept in dir across
// invocations of the same benchmark build) and times the binary's night
// with an empty inbox, after days days.
func registerNight(binary, dir string, tr *trash, env []string, n, workers, days int) (night usage, size int64, changed int, err error) {
	base := filepath.Join(dir, fmt.Sprintf("register-%d", n))
	seeded := filepath.Join(base, "seeded.db")
	day := assess.MustDate(asOf)
	// A seed written by another build stores the outcomes that build's
	// rules gave: tonight's would differ for thousands of clients, and
	// the night measured would be another one (one such seed changed
	// 20,400 outcomes of 100,000). The seed is made again.
	build, err := selfHash()
	if err != nil {
		return usage{}, 0, 0, err
	}
	stamp := seeded + ".build"
	if was, err := os.ReadFile(stamp); err != nil || string(was) != build {
		for _, name := range []string{seeded, seeded + "-wal", seeded + "-shm", stamp} {
			os.Remove(name)
		}
	}
	if _, err := os.Stat(seeded); err != nil {
		start := time.Now()
		if err := seedRegister(seeded, n, day); err != nil {
			return usage{}, 0, 0, fmt.Errorf("seed the register: %w", err)
		}
		fmt.Fprintf(os.Stderr, "seeded a register of %d clients in %s\n", n, time.Since(start).Round(time.Millisecond))
		if err := os.WriteFile(stamp, []byte(build), 0o600); err != nil {
			return usage{}, 0, 0, err
		}
	}
	out := filepath.Join(base, "out")
	if err := tr.discard(out); err != nil {
		return usage{}, 0, 0, err
	}
	inbox := filepath.Join(base, "inbox")
	if err := os.MkdirAll(out, 0o700); err != nil {
		return usage{}, 0, 0, err
	}
	if err := os.MkdirAll(inbox, 0o700); err != nil {
		return usage{}, 0, 0, err
	}
	data, err := os.ReadFile(seeded)
	if err != nil {
		return usage{}, 0, 0, err
	}
	if err := os.WriteFile(filepath.Join(out, "register.db"), data, 0o600); err != nil {
		return usage{}, 0, 0, err
	}
	next := day.AddDays(days).String()
	night, err = measure(out+".rusage", env, anyCPU, binary, "run", "--inbox", inbox, "--out", out, "--min-age", "0s",
		"--as-of", next, "--workers", strconv.Itoa(workers), "--quiet")
	if err != nil {
		return usage{}, 0, 0, err
	}
	for _, name := range []string{"register.db", "register.db-wal"} {
		if info, err := os.Stat(filepath.Join(out, name)); err == nil {
			size += info.Size()
		}
	}
	runs, _ := filepath.Glob(filepath.Join(out, "2*", "opinions", "*.pdf"))
	return night, size, len(runs), nil
}

// selfHash is the SHA-256 of this benchmark's program: the build that
// seeds the register.
func selfHash() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(self)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
