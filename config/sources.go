package config

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// sources tells where the value of a key came from, so that a path can be
// read relative to the config file that holds it and an error can name the
// place to correct.
type sources struct {
	fs   *pflag.FlagSet
	v    *viper.Viper
	file string
}

type source int

const (
	fromDefault source = iota
	fromFile
	fromEnv
	fromFlag
)

// flagName is the flag of key: the key with "-" for "_".
func flagName(key string) string {
	if key == "register.path" {
		return "register"
	}
	return strings.ReplaceAll(key, "_", "-")
}

// envName is the environment variable of key: CECBATCH_ and the key in
// upper case, "_" for ".".
func envName(key string) string {
	return "CECBATCH_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

// of is the strongest source that sets key, as viper merges them (an empty
// environment variable counts as unset).
func (s sources) of(key string) source {
	if s.fs != nil {
		if f := s.fs.Lookup(flagName(key)); f != nil && f.Changed {
			return fromFlag
		}
	}
	if os.Getenv(envName(key)) != "" {
		return fromEnv
	}
	if s.file != "" && s.v.InConfig(key) {
		return fromFile
	}
	return fromDefault
}

// where names the place that set key, for an error message.
func (s sources) where(key string) string {
	switch s.of(key) {
	case fromFlag:
		return "the flag --" + flagName(key)
	case fromEnv:
		return "the environment variable " + envName(key)
	case fromFile:
		return "the config file " + s.file
	}
	return "the default"
}

// pathKeys are the keys that name a file or folder. A relative path in the
// config file is relative to the folder of that file, so that a
// cecbatch.yaml works whatever folder cron or Task Scheduler starts in; a
// relative path in a flag or environment variable, typed by someone in a
// shell, is relative to the current folder.
func (c *Config) pathKeys() map[string]*string {
	return map[string]*string{
		"inbox":           &c.Inbox,
		"out":             &c.Out,
		"archive":         &c.Archive,
		"quarantine":      &c.Quarantine,
		"letterhead.logo": &c.Letterhead.Logo,

		"letterhead.reference_docx": &c.Letterhead.ReferenceDOCX,

		"express_entry.rules_file": &c.ExpressEntry.RulesFile,
		"register.path":            &c.Register.Path,

		"cpuprofile": &c.CPUProfile,
		"memprofile": &c.MemProfile,
	}
}

// resolvePaths makes the relative paths that come from the config file
// relative to its folder.
func (c *Config) resolvePaths(s sources) {
	if s.file == "" {
		return
	}
	dir := filepath.Dir(s.file)
	for key, p := range c.pathKeys() {
		if *p != "" && !filepath.IsAbs(*p) && s.of(key) == fromFile {
			*p = filepath.Join(dir, *p)
		}
	}
}
