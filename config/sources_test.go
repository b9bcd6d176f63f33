package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPathsRelativeToConfigFile: a relative path in the config file is read
// from the file's folder, whatever the current folder; a relative path in a
// flag or the environment stays relative to the current folder, and
// defaults and absolute paths are left alone.
func TestPathsRelativeToConfigFile(t *testing.T) {
	dir := inTempDir(t)
	site := filepath.Join(dir, "srv", "cecbatch")
	if err := os.MkdirAll(site, 0o700); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "elsewhere", "quarantine")
	write(t, filepath.Join(site, "cecbatch.yaml"), "inbox: inbox\nout: ../shared/out\narchive: ./archive\nquarantine: "+abs+"\nletterhead:\n  logo: img/logo.png\n")
	t.Setenv("CECBATCH_ARCHIVE", "env-archive")
	c, err := Load(runFlags(t, "--config", filepath.Join("srv", "cecbatch", "cecbatch.yaml"), "--inbox", "flag-inbox"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ key, got, want string }{
		{"inbox (flag: the current folder)", c.Inbox, "flag-inbox"},
		{"out (file: the file's folder)", c.Out, filepath.Join("srv", "shared", "out")},
		{"archive (environment: the current folder)", c.Archive, "env-archive"},
		{"quarantine (absolute)", c.Quarantine, abs},
		{"letterhead.logo (file)", c.Letterhead.Logo, filepath.Join("srv", "cecbatch", "img", "logo.png")},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.key, tt.got, tt.want)
		}
	}

	// Without the flag and the variable, the file's own values apply, and
	// a key the file does not set keeps its default, relative to the
	// current folder.
	os.Unsetenv("CECBATCH_ARCHIVE")
	write(t, filepath.Join(site, "cecbatch.yaml"), "inbox: inbox\n")
	c, err = Load(runFlags(t, "--config", filepath.Join(site, "cecbatch.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(site, "inbox"); c.Inbox != want {
		t.Errorf("inbox = %q, want %q", c.Inbox, want)
	}
	if c.Out != "./out" {
		t.Errorf("out = %q, want the default ./out", c.Out)
	}
}

// TestModesWrittenAsOctal: the ways of writing a mode that are not
// ambiguous are read as octal.
func TestModesWrittenAsOctal(t *testing.T) {
	for _, yaml := range []string{
		"permissions:\n  dir_mode: 0770\n",
		"permissions:\n  dir_mode: 0o770\n",
		"permissions:\n  dir_mode: \"0770\"\n",
		"permissions:\n  dir_mode: '770'\n",
	} {
		dir := inTempDir(t)
		write(t, filepath.Join(dir, "cecbatch.yaml"), yaml)
		c, err := Load(runFlags(t))
		if err != nil || c.Permissions.DirMode != 0o770 {
			t.Errorf("%q: mode %#o, error %v; want 0770", yaml, uint32(c.Permissions.DirMode), err)
		}
	}
}

func TestWarnings(t *testing.T) {
	inTempDir(t)
	c, err := Load(runFlags(t))
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Warnings(); len(w) != 1 || !strings.Contains(w[0], "letterhead.firm_name") {
		t.Errorf("warnings without a firm name: %q", w)
	}
	t.Setenv("CECBATCH_LETTERHEAD_FIRM_NAME", "Bérubé & Associés")
	if c, err = Load(runFlags(t)); err != nil || len(c.Warnings()) != 0 {
		t.Errorf("warnings with a firm name: %q %v", c.Warnings(), err)
	}
}
