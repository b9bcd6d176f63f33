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

// TestMistakesSayWhatToWrite: the usual mistakes in a config file get a
// message naming the key and showing the line to write.
func TestMistakesSayWhatToWrite(t *testing.T) {
	tests := []struct {
		name, yaml string
		env        map[string]string
		want       []string
	}{
		{name: "mode as a decimal number", yaml: "permissions:\n  dir_mode: 770\n",
			want: []string{`"permissions.dir_mode"`, `dir_mode: "0770"`, "quotes"}},
		{name: "file mode as a decimal number", yaml: "Permissions:\n  File_Mode: 660\n",
			want: []string{`"permissions.file_mode"`, `file_mode: "0660"`}},
		{name: "workers in words", yaml: "workers: two\n",
			want: []string{`"workers"`, `"two" is not a whole number`, "workers: 2", "cecbatch.yaml"}},
		{name: "yes/no for a boolean", yaml: "keep_inputs: perhaps\n",
			want: []string{`"keep_inputs"`, "true or false", "keep_inputs: true"}},
		{name: "nested number", yaml: "limits:\n  max_rows: lots\n",
			want: []string{`"limits.max_rows"`, "max_rows: 100000 under limits:"}},
		{name: "environment", env: map[string]string{"CECBATCH_WORKERS": "two"},
			want: []string{`"workers"`, "CECBATCH_WORKERS=2", "the environment variable CECBATCH_WORKERS"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTempDir(t)
			if tt.yaml != "" {
				write(t, filepath.Join(dir, "cecbatch.yaml"), tt.yaml)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, err := Load(runFlags(t))
			if err == nil {
				t.Fatal("no error")
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error is %T, want *config.Error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
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
