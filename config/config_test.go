package config

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// inTempDir runs the test in an empty folder so that a cecbatch.yaml of the
// developer's checkout is never read.
func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "CECBATCH_") {
			name, _, _ := strings.Cut(kv, "=")
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
	return dir
}

func runFlags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	AddRunFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDefaults(t *testing.T) {
	inTempDir(t)
	c, err := Load(runFlags(t))
	if err != nil {
		t.Fatal(err)
	}
	if c.Inbox != "./inbox" || c.MinAge != 60*time.Second || c.Permissions.DirMode != 0o700 ||
		c.Permissions.FileMode != 0o600 || c.Limits.MaxRows != 100000 || c.LogFormat != "text" || c.PageSize != "letter" || c.Workers < 1 || c.File != "" ||
		!c.Outputs.PDF || !c.Outputs.DOCX || c.Outputs.ClientLetter || c.Letterhead.ReferenceDOCX != "" || c.DefaultLanguage != "en" {
		t.Errorf("defaults: %+v", c)
	}
}

func TestPrecedence(t *testing.T) {
	dir := inTempDir(t)
	write(t, filepath.Join(dir, "cecbatch.yaml"), "inbox: file-inbox\nout: file-out\narchive: file-archive\nworkers: 3\n")
	t.Setenv("CECBATCH_OUT", "env-out")
	t.Setenv("CECBATCH_ARCHIVE", "env-archive")
	t.Setenv("CECBATCH_LETTERHEAD_FIRM_NAME", "Env & Co")
	c, err := Load(runFlags(t, "--archive", "flag-archive", "--min-age=5s"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ key, got, want string }{
		{"inbox (file)", c.Inbox, "file-inbox"},
		{"out (env over file)", c.Out, "env-out"},
		{"archive (flag over env over file)", c.Archive, "flag-archive"},
		{"quarantine (default)", c.Quarantine, "./quarantine"},
		{"letterhead.firm_name (env, nested)", c.Letterhead.FirmName, "Env & Co"},
		{"min_age (flag)", c.MinAge.String(), "5s"},
		{"workers (file)", strconv.Itoa(c.Workers), "3"},
		{"file", c.File, "cecbatch.yaml"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.key, tt.got, tt.want)
		}
	}
}

// TestErrorsNameTheKey: every mistake is an error naming the key; the
// usual ones also say where the value was set and show the line to write.
func TestErrorsNameTheKey(t *testing.T) {
	tests := []struct {
		name, yaml string
		env        map[string]string
		args       []string
		want       []string // substrings of the message
	}{
		{name: "unknown top-level key", yaml: "inbx: x\n", want: []string{`unknown configuration key "inbx"`}},
		{name: "unknown nested key", yaml: "letterhead:\n  firm_nam: x\n", want: []string{`"letterhead.firm_nam"`}},
		{name: "wrong type", yaml: "workers: many\n", want: []string{"workers"}},
		{name: "wrong type in env", env: map[string]string{"CECBATCH_KEEP_INPUTS": "perhaps"}, want: []string{"keep_inputs"}},
		{name: "duration without unit", yaml: "min_age: 60\n", want: []string{"min_age", "unit"}},
		{name: "bad duration", yaml: "min_age: soon\n", want: []string{"min_age"}},
		{name: "mode too wide", yaml: "permissions:\n  dir_mode: 700\n", want: []string{"dir_mode"}},
		{name: "mode locks owner out", yaml: "permissions:\n  file_mode: \"0400\"\n", want: []string{"permissions.file_mode"}},
		{name: "date order", args: []string{"--date-order", "YMD"}, want: []string{"date_order"}},
		{name: "as of", env: map[string]string{"CECBATCH_AS_OF": "2024-13-01"}, want: []string{"as_of"}},
		{name: "log format", yaml: "log_format: xml\n", want: []string{"log_format"}},
		{name: "page size", yaml: "page_size: legal\n", want: []string{"page_size", "letter or a4"}},
		{name: "time zone", yaml: "timezone: Mars/Olympus\n", want: []string{"timezone"}},
		{name: "language", yaml: "default_language: de\n", want: []string{`"default_language"`, "en or fr"}},
		{name: "no document", yaml: "outputs:\n  pdf: false\n  docx: false\n", want: []string{"outputs.pdf", "outputs.docx", "set one of them to true"}},
		{name: "output as yes", yaml: "outputs:\n  docx: maybe\n", want: []string{`"outputs.docx"`, "true or false"}},
		{name: "unknown output", yaml: "outputs:\n  rtf: true\n", want: []string{`"outputs.rtf"`}},
		{name: "archive is the inbox", yaml: "inbox: in\narchive: ./in/\n", want: []string{"archive"}},
		{name: "missing config file", args: []string{"--config", "nope.yaml"}, want: []string{"nope.yaml"}},
		{name: "broken yaml", yaml: "inbox: [\n", want: []string{"cecbatch.yaml"}},
		// The usual mistakes also say what to write.
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
		// A nested key written at the top level: where it goes.
		{name: "mode outside its section", yaml: "dir_mode: 770\n",
			want: []string{`unknown configuration key "dir_mode"`, `dir_mode: "0770" under permissions:`}},
		{name: "firm name outside its section", yaml: "firm_name: Tremblay LLP\n",
			want: []string{`"firm_name"`, `firm_name: "…" under letterhead:`}},
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
			_, err := Load(runFlags(t, tt.args...))
			if err == nil {
				t.Fatal("no error")
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error is %T, want *config.Error", err)
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestModesAndCase(t *testing.T) {
	dir := inTempDir(t)
	write(t, filepath.Join(dir, "c.yml"), "Permissions:\n  Dir_Mode: 0750\n  file_mode: \"0640\"\ndate_order: dmy\nLOG_FORMAT: JSON\npage_size: A4\n")
	c, err := Load(runFlags(t, "--config", "c.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Permissions.DirMode != 0o750 || c.Permissions.FileMode != 0o640 || c.DateOrder != "DMY" || c.LogFormat != "json" || c.PageSize != "a4" {
		t.Errorf("got %+v", c)
	}
	t.Setenv("CECBATCH_PERMISSIONS_DIR_MODE", "0770")
	if c, err = Load(runFlags(t, "--config", "c.yml")); err != nil || c.Permissions.DirMode != 0o770 {
		t.Errorf("env mode: %v %v", c.Permissions.DirMode, err)
	}
}

// TestExampleFile keeps cecbatch.example.yaml honest: it must list every key
// and no other, and its values must be the defaults.
func TestExampleFile(t *testing.T) {
	example, err := filepath.Abs("../cecbatch.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v := viper.New()
	v.SetConfigFile(example)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		t.Fatal(err)
	}
	got := v.AllKeys()
	var want []string
	for k := range Defaults() {
		want = append(want, k)
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("example keys\n%v\nwant\n%v", got, want)
	}

	inTempDir(t)
	fromExample, err := Load(runFlags(t, "--config", example))
	if err != nil {
		t.Fatal(err)
	}
	defaults, err := Load(runFlags(t))
	if err != nil {
		t.Fatal(err)
	}
	fromExample.File = ""
	// The example's folders are relative to the file, as in any config file.
	for _, p := range defaults.pathKeys() {
		if *p != "" {
			*p = filepath.Join(filepath.Dir(example), *p)
		}
	}
	if !reflect.DeepEqual(fromExample, defaults) {
		t.Errorf("example values\n%+v\nwant the defaults\n%+v", fromExample, defaults)
	}
}
