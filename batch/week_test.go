package batch

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"
)

// TestEmptyInbox: a run with nothing to take writes no run folder and
// creates no output folder; it says so in the log, counts the files it
// left, and is not an error.
func TestEmptyInbox(t *testing.T) {
	f := newFixture(t)
	f.drop("young.xlsx", "e1", true)
	f.drop("~$young.xlsx", "owner", false)
	var log bytes.Buffer
	res, err := Run(context.Background(), Options{Config: f.cfg, Engine: &fakeEngine{}, Log: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if res.RunDir != "" || res.Left != 2 || res.Files != 0 {
		t.Errorf("result %+v, want no run folder and 2 files left", res)
	}
	for _, dir := range []string{f.out, f.archive, f.quarantine} {
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%s created by a run with nothing to do", dir)
		}
	}
	if !strings.Contains(log.String(), "nothing to do") || !strings.Contains(log.String(), "left_in_inbox=2") {
		t.Errorf("log:\n%s", log.String())
	}
}

// TestPrescanComesFirst: every workbook is counted before the first is
// read (so Claim knows every ID of the run), and files rejected by their
// name are not opened.
func TestPrescanComesFirst(t *testing.T) {
	f := newFixture(t)
	f.drop("a.xlsx", "a1 a2", false)
	f.drop("b.xlsx", "b1", false)
	f.drop("c.xlsx", "c1 c2 c3", false)
	f.drop("notes.csv", "x", false)
	e := &fakeEngine{}
	if _, err := f.run(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	if len(e.prescanned) != 3 {
		t.Errorf("prescanned %v, want the three workbooks", e.prescanned)
	}
	for i, n := range e.prescannedAtRead {
		if n != 3 {
			t.Errorf("read %d started after %d of 3 prescans", i, n)
		}
	}
}

// statsOutputs keeps the Stats the run closes its outputs with.
type statsOutputs struct {
	fakeOutputs
	stats *Stats
}

func (o *statsOutputs) Close(s Stats, cfg [][2]string) error {
	*o.stats = s
	return o.fakeOutputs.Close(s, cfg)
}

type statsEngine struct {
	fakeEngine
	stats Stats
}

func (e *statsEngine) NewOutputs(results io.Writer, summaryPath string) (Outputs, error) {
	return &statsOutputs{fakeOutputs: fakeOutputs{w: results, path: summaryPath}, stats: &e.stats}, nil
}

// TestStatsLeftAndZone: the Run sheet's counts include the files left in
// the inbox, and its start time is in the configured time zone, like the
// run folder's name.
func TestStatsLeftAndZone(t *testing.T) {
	f := newFixture(t)
	f.cfg.Timezone = "Asia/Tokyo"
	f.drop("young.xlsx", "y1", true)
	now := time.Date(2025, 6, 1, 22, 30, 0, 0, time.UTC)
	f.old = now.Add(-time.Hour)
	f.drop("a.xlsx", "a1", false)
	if err := os.Chtimes(f.inbox+"/young.xlsx", now, now); err != nil {
		t.Fatal(err)
	}
	e := &statsEngine{}
	res, err := Run(context.Background(), Options{Config: f.cfg, Engine: e, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if e.stats.Left != 1 || res.Left != 1 {
		t.Errorf("left: stats %d, result %d, want 1 (young.xlsx)", e.stats.Left, res.Left)
	}
	if zone, _ := e.stats.Started.Zone(); zone != "JST" || e.stats.Started.Hour() != 7 {
		t.Errorf("started %v, want 07:30 JST", e.stats.Started)
	}
	if res.RunID != "20250602-073000" {
		t.Errorf("run id %s, want 20250602-073000 (Tokyo time)", res.RunID)
	}
}
