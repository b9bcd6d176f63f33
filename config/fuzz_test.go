package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: whatever the config file holds, Load returns a valid Config or
// a *Error (exit 2), never a panic or another kind of error.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"inbox: in\nworkers: 3\n",
		"permissions:\n  dir_mode: 0750\n  file_mode: \"0640\"\n",
		"permissions:\n  dir_mode: 770\n",
		"min_age: 90s\nletterhead:\n  firm_name: Bérubé & Associés\n",
		"limits: {max_rows: -1}\n",
		"workers: [1, 2]\n",
		"letterhead: x\n",
		": : :\n",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "c.yaml")
	f.Fuzz(func(t *testing.T, yaml string) {
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(runFlags(t, "--config", path))
		var cfgErr *Error
		if err != nil {
			if !errors.As(err, &cfgErr) {
				t.Fatalf("error %T %v, want *Error", err, err)
			}
			return
		}
		if c.Workers < 1 || c.Permissions.DirMode&0o700 != 0o700 || c.Limits.MaxRows <= 0 || c.MinAge < 0 {
			t.Fatalf("invalid config accepted: %+v", c)
		}
	})
}
