package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOperatorFilesBounded: the config file, the Express Entry rules file
// and the logo are refused at start-up, with the key named, when they
// are a device (/dev/zero was read until memory ran out) or larger than
// such a file can be.
func TestOperatorFilesBounded(t *testing.T) {
	dir := inTempDir(t)
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, MaxRulesBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, yaml string
		args       []string
		want       []string
	}{
		{"config device", "", []string{"--config", os.DevNull}, []string{"--config", "not a regular file"}},
		{"config too large", "", []string{"--config", big}, []string{"--config", "5 MB, over the 1 MB"}},
		{"rules device", "express_entry:\n  rules_file: " + os.DevNull + "\n", nil, []string{`"express_entry.rules_file"`, "not a regular file"}},
		{"rules too large", "express_entry:\n  rules_file: big\n", nil, []string{`"express_entry.rules_file"`, "over the 4 MB"}},
		{"logo device", "letterhead:\n  logo: " + os.DevNull + "\n", nil, []string{`"letterhead.logo"`, "not a regular file"}},
		{"logo too large", "letterhead:\n  logo: big\n", nil, []string{`"letterhead.logo"`, "over the 4 MB"}},
	} {
		args := tc.args
		if tc.yaml != "" {
			write(t, filepath.Join(dir, "cecbatch.yaml"), tc.yaml)
			args = []string{"--config", filepath.Join(dir, "cecbatch.yaml")}
		}
		_, err := Load(runFlags(t, args...))
		if _, ok := err.(*Error); !ok {
			t.Errorf("%s: %v, want a configuration error", tc.name, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tc.name, err, w)
			}
		}
	}
}

// TestDatesInRange: as_of and crs_grid_checked_on outside 2000-01-01 to
// 2100-12-31 are refused with the key named (0000-01-01 and 9999-12-31
// were taken as assessment dates); the ends of the range are accepted.
func TestDatesInRange(t *testing.T) {
	inTempDir(t)
	for _, tc := range []struct {
		args []string
		key  string
		ok   bool
	}{
		{[]string{"--as-of", "0000-01-01"}, `"as_of"`, false},
		{[]string{"--as-of", "9999-12-31"}, `"as_of"`, false},
		{[]string{"--as-of", "1999-12-31"}, `"as_of"`, false},
		{[]string{"--as-of", "2101-01-01"}, `"as_of"`, false},
		{[]string{"--as-of", "2000-01-01"}, "", true},
		{[]string{"--as-of", "2100-12-31"}, "", true},
	} {
		_, err := Load(runFlags(t, tc.args...))
		if tc.ok != (err == nil) || !tc.ok && !strings.Contains(err.Error(), tc.key) {
			t.Errorf("%v: %v", tc.args, err)
		}
	}
	t.Setenv("CECBATCH_EXPRESS_ENTRY_CRS_GRID_CHECKED_ON", "9999-12-31")
	if _, err := Load(runFlags(t)); err == nil || !strings.Contains(err.Error(), "crs_grid_checked_on") {
		t.Errorf("crs_grid_checked_on 9999-12-31: %v", err)
	}
}
