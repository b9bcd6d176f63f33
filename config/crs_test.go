package config

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cecbatch/cecbatch/assess"
	"github.com/cecbatch/cecbatch/assess/crs"
)

var update = flag.Bool("update", false, "rewrite crs-grid.example.yaml from the built-in rules")

const exampleFile = "../crs-grid.example.yaml"

// The example file is the built-in rules, written by WriteExpressEntry: the
// two never drift.
func TestExampleRulesFileIsTheBuiltin(t *testing.T) {
	want := WriteExpressEntry(crs.Builtin())
	if *update {
		if err := os.WriteFile(exampleFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the built-in rules: run go test ./config -update and review the diff", exampleFile)
	}
	ee, err := ParseExpressEntry(got)
	if err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
	builtin := crs.Builtin()
	if len(ee.Grids) != 1 || !reflect.DeepEqual(ee.Grids[0], builtin.Grids[0]) {
		t.Errorf("grid read back differs:\n%+v\n%+v", ee.Grids[0], builtin.Grids[0])
	}
	if len(ee.Categories) != 1 || !reflect.DeepEqual(ee.Categories[0], builtin.Categories[0]) {
		t.Errorf("categories read back differ")
	}
	if !reflect.DeepEqual(ee.Draws, builtin.Draws) {
		t.Errorf("draws read back differ")
	}
}

func example(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Each bad file is refused with the key named.
func TestExpressEntryRulesErrors(t *testing.T) {
	ex := example(t)
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"unknown key", "  hours_per_year: 1560", "  hours_per_yr: 1560\n  hours_per_year: 1560", []string{"grid.hours_per_yr", "unknown key"}},
		{"wrong type", "    33: [88, 80]", "    33: [88, eighty]", []string{"grid.age.33[1]", `"eighty" is not a whole number`}},
		{"quoted number", "    nomination: 600", `    nomination: "600"`, []string{"grid.additional.nomination", "not a whole number"}},
		{"missing age", "    33: [88, 80]\n", "", []string{"grid.age.33: missing"}},
		{"three values", "    33: [88, 80]", "    33: [88, 80, 1]", []string{"grid.age.33", "[single, with spouse]"}},
		{"missing education", "    \"master's\": [135, 126]\n", "", []string{"grid.education.master's: missing"}},
		{"missing section", "  second_language_cap: [24, 22]\n", "", []string{"grid.second_language_cap: missing"}},
		{"missing band", "    foreign_tier9: [25, 50]\n", "", []string{"grid.transferability.foreign_tier9: missing"}},
		{"typo in a cell", "    clb_9: [31, 29]", "    clb_9: [13, 29]", []string{"grid.first_language.clb_9", "must not fall"}},
		{"bad date", "  effective_from: 2025-03-25", "  effective_from: 25/03/2025", []string{"grid.effective_from", "YYYY-MM-DD"}},
		{"unquoted NOC", `nocs: ["20011",`, `nocs: [20011,`, []string{"categories.list[1].nocs[0]", "quotes"}},
		{"unknown round type", "type: transport,", "type: trucking,", []string{"draws.rounds[64].type", `"trucking"`}},
		{"round after as_of", "  as_of: 2026-10-01", "  as_of: 2026-09-30", []string{"draws.rounds[73].date", "after draws.as_of"}},
		{"rounds out of order", "- {date: 2025-01-23, round: 333", "- {date: 2024-12-23, round: 333", []string{"draws.rounds[1].date", "date order"}},
		{"grid as a list", "grid:\n", "grid: []\nx:\n", []string{"grid", "want a mapping"}},
	}
	for _, c := range cases {
		if !strings.Contains(ex, c.old) {
			t.Fatalf("%s: the example has no %q", c.name, c.old)
		}
		_, err := ParseExpressEntry([]byte(strings.Replace(ex, c.old, c.new, 1)))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not name %q", c.name, err, w)
			}
		}
	}
	if _, err := ParseExpressEntry(nil); err == nil {
		t.Error("an empty file accepted")
	}
}

// A firm's newer grid is added beside the built-in one and chosen by date;
// the built-in still applies before its effective date.
func TestExpressEntryNewerGrid(t *testing.T) {
	ex := example(t)
	newer := strings.NewReplacer(
		"  id: crs-2025-03-25", "  id: crs-2026-11-03",
		"  effective_from: 2025-03-25", "  effective_from: 2026-11-03",
		"  checked_through: 2026-10-02", "  checked_through: 2026-11-30",
	).Replace(ex)
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(newer), 0o600); err != nil {
		t.Fatal(err)
	}
	ee, err := LoadExpressEntry(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ee.Grids) != 2 {
		t.Fatalf("%d grids, want the built-in and the firm's", len(ee.Grids))
	}
	if g := ee.GridOn(assess.MustDate("2026-11-02")); g.ID != "crs-2025-03-25" {
		t.Errorf("on 2026-11-02: %s", g.ID)
	}
	if g := ee.GridOn(assess.MustDate("2026-11-03")); g.ID != "crs-2026-11-03" {
		t.Errorf("on 2026-11-03: %s", g.ID)
	}
	// A malformed file is a configuration error naming the file.
	if err := os.WriteFile(path, []byte("grid: {id: x}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadExpressEntry(path)
	var cfg *Error
	if !errors.As(err, &cfg) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "grid.effective_from: missing") {
		t.Errorf("malformed file: %v", err)
	}
}

// FuzzExpressEntryRules: whatever the file holds, ParseExpressEntry returns
// valid rules or an error, never a panic; valid rules write and read back
// to the same rules.
func FuzzExpressEntryRules(f *testing.F) {
	ex, err := os.ReadFile(exampleFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(ex))
	f.Add("grid:\n  id: x\n")
	f.Add("grid: {age: {17: [0, 0], 99: [1, 1]}}\n")
	f.Add("draws: {as_of: 2026-01-01, rounds: [{date: 2026-01-01}]}\n")
	f.Add(": : :\n")
	f.Fuzz(func(t *testing.T, data string) {
		ee, err := ParseExpressEntry([]byte(data))
		if err != nil {
			return
		}
		g := ee.Grids[len(ee.Grids)-1]
		if err := g.Validate(); err != nil {
			t.Fatalf("accepted an invalid grid: %v", err)
		}
		again, err := ParseExpressEntry(WriteExpressEntry(ee))
		if err != nil {
			t.Fatalf("rules written from accepted rules do not load: %v", err)
		}
		if !reflect.DeepEqual(again.Grids[len(again.Grids)-1], g) {
			t.Fatalf("the grid does not read back the same")
		}
	})
}

// The configuration keys: the rules file is read once by Load, and a
// malformed one is a configuration error (exit 2) naming both keys.
func TestExpressEntryConfigKeys(t *testing.T) {
	ex, err := filepath.Abs(exampleFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := inTempDir(t)
	cfgPath := filepath.Join(dir, "c.yaml")

	c, err := Load(runFlags(t))
	if err != nil || c.ExpressEntry.Rules == nil || len(c.ExpressEntry.Rules.Grids) != 1 {
		t.Fatalf("defaults: %v, %+v", err, c.ExpressEntry)
	}
	write(t, cfgPath, "express_entry:\n  rules_file: "+ex+"\n  crs_grid_checked_on: 2026-11-30\n")
	c, err = Load(runFlags(t, "--config", cfgPath))
	if err != nil {
		t.Fatal(err)
	}
	if c.ExpressEntry.Rules.GridCheckedOn != assess.MustDate("2026-11-30") {
		t.Errorf("crs_grid_checked_on: %v", c.ExpressEntry.Rules.GridCheckedOn)
	}
	// A relative rules_file is relative to the config file's folder.
	sub := filepath.Join(dir, "etc")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(sub, "rules.yaml"), mustReadString(t, ex))
	write(t, filepath.Join(sub, "c.yaml"), "express_entry:\n  rules_file: rules.yaml\n")
	if c, err := Load(runFlags(t, "--config", filepath.Join(sub, "c.yaml"))); err != nil || c.ExpressEntry.RulesFile != filepath.Join(sub, "rules.yaml") {
		t.Errorf("relative rules_file: %v, %q", err, c.ExpressEntry.RulesFile)
	}
	bad := filepath.Join(dir, "bad.yaml")
	write(t, bad, strings.Replace(mustReadString(t, ex), "    33: [88, 80]\n", "", 1))
	for _, cfg := range []struct{ yaml, want string }{
		{"express_entry:\n  rules_file: " + bad + "\n", `"express_entry.rules_file"`},
		{"express_entry:\n  rules_file: " + bad + "\n", "grid.age.33: missing"},
		{"express_entry:\n  rules_file: " + filepath.Join(dir, "none.yaml") + "\n", "none.yaml"},
		{"express_entry:\n  crs_grid_checked_on: 30/11/2026\n", `"express_entry.crs_grid_checked_on"`},
		{"express_entry:\n  grid_file: x\n", `"express_entry.grid_file"`},
	} {
		write(t, cfgPath, cfg.yaml)
		_, err := Load(runFlags(t, "--config", cfgPath))
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), cfg.want) {
			t.Errorf("%q: error %v, want a configuration error naming %s", cfg.yaml, err, cfg.want)
		}
	}
}

func mustReadString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
